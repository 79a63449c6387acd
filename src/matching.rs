//! Matching a merchant against a product catalog: for every product, eligible or not and why,
//! the amount and rate offered at the merchant's grade, approval odds, the estimated cost of
//! the loan the merchant asked for, and a rank by that cost.
//!
//! Matching is split in two so that it stays fast on catalogs of thousands of products:
//! [`Matcher::run`] decides every product with comparisons and integer sums only (no text, no
//! root finding), and [`Matcher::explain`] turns the products a screen actually shows into
//! words, a disclosure block and an APR.
//!
//! Besides a product's own rules, three checks are implicit in every product: the lender
//! serves the merchant's region, the product prices the merchant's grade, and the lending
//! limit (revenue or collateral based) reaches the product's minimum amount.

use serde::{Deserialize, Serialize};

use crate::assess::{Assessment, Model};
use crate::catalog::{
    CompactProduct, Explanation, Facts, Grade, Prepayment, Product, ProductKind, RateType,
    RepaymentType, Subject, ValidCatalog,
};
use crate::money::format_major;
use crate::profile::ValidProfile;
use crate::schedule::{LoanTerms, Repayment, Totals};
use crate::scorecard::Label;

/// The merchant's risk standing: a grade and the probability of default behind it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Standing {
    /// The grade.
    pub grade: Grade,
    /// Probability of default, 0–1.
    pub probability_of_default: f64,
}

impl Standing {
    /// The standing an assessment gives.
    pub fn from_assessment(assessment: &Assessment) -> Option<Standing> {
        Some(Standing {
            grade: Grade::from_name(&assessment.grade)?,
            probability_of_default: assessment.probability_of_default,
        })
    }

    /// The standing of a grade given on its own (e.g. `prequal match --grade C`): the PD is
    /// the worst in that grade's band, so approval odds are never overstated.
    pub fn from_grade(grade: Grade, model: &Model) -> Standing {
        let probability_of_default = model
            .scorecard()
            .grades
            .iter()
            .find(|band| band.grade == grade.name())
            .map_or(1.0, |band| band.max_pd);
        Standing {
            grade,
            probability_of_default,
        }
    }
}

/// Where a product stands for this merchant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Every rule holds.
    Eligible,
    /// Exactly one rule fails, and it is one the merchant can change.
    NearMiss,
    /// Anything else.
    NotEligible,
}

/// Approval odds: the merchant's probability of default against the product's risk appetite.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Odds {
    /// PD at most half the appetite.
    High,
    /// PD at most 80 % of the appetite.
    Good,
    /// PD within the appetite.
    Fair,
    /// PD beyond the appetite: the lender may still approve, on its own checks.
    Low,
}

impl Odds {
    fn of(probability_of_default: f64, appetite_bp: u32) -> Odds {
        let ratio = probability_of_default / (f64::from(appetite_bp) / 10_000.0);
        if ratio <= 0.5 {
            Odds::High
        } else if ratio <= 0.8 {
            Odds::Good
        } else if ratio <= 1.0 {
            Odds::Fair
        } else {
            Odds::Low
        }
    }
}

/// What to order results by (eligible products first, then near misses, then the rest).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SortKey {
    /// Estimated total cost of credit, lowest first.
    #[default]
    Cost,
    /// Lowest rate offered at the merchant's grade, lowest first.
    Rate,
    /// Largest amount offered, largest first.
    Amount,
    /// Longest term, longest first.
    Term,
}

/// Filters and order. Every filter is optional; an empty list means no filter.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Query {
    /// Only these kinds.
    pub kinds: Vec<ProductKind>,
    /// Only these institutions (ids).
    pub institutions: Vec<String>,
    /// Only lenders serving this GB/T 2260 region (default: any).
    pub region: Option<String>,
    /// Only products able to lend this amount, minor units.
    pub amount_minor: Option<i64>,
    /// Only products offering this term.
    pub term_months: Option<u32>,
    /// Order.
    pub sort: SortKey,
}

/// What a product offers this merchant at this grade.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Offer {
    /// Smallest amount, minor units.
    pub amount_min_minor: i64,
    /// Largest amount after the revenue or collateral limit, minor units.
    pub amount_max_minor: i64,
    /// Lowest annual rate for the grade, basis points.
    pub rate_min_bp: u32,
    /// Highest annual rate for the grade, basis points.
    pub rate_max_bp: u32,
    /// Shortest term, months.
    pub term_min_months: u32,
    /// Longest term, months.
    pub term_max_months: u32,
}

/// The checks every product carries besides its own rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Implicit {
    ServesRegion = 0,
    PricedForGrade = 1,
    LimitReachesMinimum = 2,
}

const IMPLICIT: [Implicit; 3] = [
    Implicit::ServesRegion,
    Implicit::PricedForGrade,
    Implicit::LimitReachesMinimum,
];

pub use crate::catalog::MAX_TOP_LEVEL_RULES;

/// One product's result, without words.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProductMatch {
    /// Index of the product in the catalog.
    pub index: usize,
    /// Eligible, near miss or not.
    pub status: Status,
    /// Bit `i` set when check `i` failed (the implicit checks first, then the top-level rules).
    pub failed: u64,
    /// Amount, rate and term on offer, when the product prices the grade and its limit
    /// reaches its minimum.
    pub offer: Option<Offer>,
    /// Approval odds, for eligible products.
    pub odds: Option<Odds>,
    /// The loan the merchant asked for, fitted to the offer, for eligible products (boxed:
    /// most products are not eligible, and results are moved while sorting).
    pub terms: Option<Box<LoanTerms>>,
    /// What those terms cost.
    pub totals: Option<Totals>,
    /// 1 for the cheapest eligible product by total cost of credit.
    pub cost_rank: Option<u32>,
}

/// Every product that passed the filters, ordered, with counts.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Matches {
    /// Hex SHA-256 of the catalog matched against.
    pub catalog_sha256: String,
    /// The standing matched with.
    pub standing: Standing,
    /// Results in the query's order.
    pub results: Vec<ProductMatch>,
    /// Eligible products among the results.
    pub eligible: usize,
    /// Near misses among the results.
    pub near_misses: usize,
    /// Products not offered on the profile's date (expired or not yet valid).
    pub not_offered: usize,
    /// Products the query's filters left out.
    pub filtered_out: usize,
}

/// A product's result in words, with the disclosure block: what a screen or the CLI shows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExplainedProduct {
    /// Product id.
    pub id: String,
    /// Product name.
    pub name: Label,
    /// Product kind.
    pub kind: ProductKind,
    /// Institution id.
    pub institution: String,
    /// Institution name.
    pub institution_name: Label,
    /// Eligible, near miss or not.
    pub status: Status,
    /// Every check, passed or not, in words.
    pub rules: Vec<Explanation>,
    /// What would make the product eligible (for near misses, the one change).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub changes: Vec<Label>,
    /// Amount, rate and term on offer.
    pub offer: Option<Offer>,
    /// Approval odds.
    pub odds: Option<Odds>,
    /// The standard disclosure for the loan asked for, for eligible products.
    pub disclosure: Option<Disclosure>,
    /// Rank by total cost of credit among eligible products.
    pub cost_rank: Option<u32>,
    /// Profile fields the lender needs in a consent bundle.
    pub required_fields: Vec<String>,
}

/// The standard pre-contract disclosure for one loan.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Disclosure {
    /// Amount lent, minor units.
    pub amount_minor: i64,
    /// Term, months.
    pub term_months: u32,
    /// Repayment type (the lender's default).
    pub repayment: RepaymentType,
    /// Fixed or variable.
    pub rate_type: RateType,
    /// Annual rate used: the top of the grade's range, so the estimate is never flattering.
    pub annual_rate_bp: u32,
    /// First monthly payment, fees included.
    pub first_payment_minor: i64,
    /// Largest payment (a balloon or a seasonal month), fees included.
    pub largest_payment_minor: i64,
    /// Interest over the term.
    pub total_interest_minor: i64,
    /// Fees over the term.
    pub total_fees_minor: i64,
    /// Interest plus fees.
    pub cost_of_credit_minor: i64,
    /// Everything repaid.
    pub total_repayable_minor: i64,
    /// Estimated APR (IRR of the cash flows × 12), a fraction.
    pub apr: f64,
    /// Early repayment terms.
    pub prepayment: Prepayment,
}

/// What a screen, the CLI or a host page shows of one match: the catalog, the standing, the
/// counts and the explained products (eligible, then near misses, then, when asked for, the
/// rest), at most `limit` of each group.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// Which catalog.
    pub catalog: CatalogSummary,
    /// The standing matched with.
    pub standing: Standing,
    /// Counts over every product matched.
    pub counts: Counts,
    /// The products shown, in the query's order.
    pub products: Vec<ExplainedProduct>,
}

/// A catalog's identity and its sample-data notice.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CatalogSummary {
    /// The publisher's version.
    pub version: String,
    /// Hex SHA-256 of the file.
    pub sha256: String,
    /// Illustrative data.
    pub sample: bool,
    /// The publisher's notice.
    pub notice: Label,
}

/// How many products ended where.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Products that passed the filters.
    pub matched: usize,
    /// Eligible among them.
    pub eligible: usize,
    /// Near misses among them.
    pub near_misses: usize,
    /// Not offered on the profile's date.
    pub not_offered: usize,
    /// Left out by the filters.
    pub filtered_out: usize,
}

/// A merchant ready to be matched against a catalog.
#[derive(Debug, Clone)]
pub struct Matcher<'a> {
    catalog: &'a ValidCatalog,
    facts: Facts<'a>,
    subject: Subject,
    standing: Standing,
}

impl<'a> Matcher<'a> {
    /// Prepares matching `profile` at `standing` against `catalog`.
    pub fn new(catalog: &'a ValidCatalog, profile: &'a ValidProfile, standing: Standing) -> Self {
        let facts = Facts::new(profile.profile(), standing.grade);
        Matcher {
            catalog,
            subject: Subject::of(&facts),
            facts,
            standing,
        }
    }

    /// Decides every product, filters and orders them.
    pub fn run(&self, query: &Query) -> Matches {
        let compiled = self.catalog.compiled();
        let as_of = self.facts.profile.as_of;
        let mut results = Vec::with_capacity(compiled.products.len());
        let (mut not_offered, mut filtered_out) = (0, 0);
        for (index, product) in compiled.products.iter().enumerate() {
            if !product.offered_on(as_of) {
                not_offered += 1;
                continue;
            }
            if !self.passes_product_filters(index, product, query) {
                filtered_out += 1;
                continue;
            }
            let decided = self.decide(index);
            if !passes_offer_filters(product, &decided, query) {
                filtered_out += 1;
                continue;
            }
            results.push(decided);
        }
        rank_by_cost(&mut results);
        sort(&mut results, &compiled.products, query.sort);
        let count = |status| results.iter().filter(|r| r.status == status).count();
        Matches {
            catalog_sha256: self.catalog.sha256().to_string(),
            standing: self.standing,
            eligible: count(Status::Eligible),
            near_misses: count(Status::NearMiss),
            results,
            not_offered,
            filtered_out,
        }
    }

    fn passes_product_filters(
        &self,
        index: usize,
        product: &CompactProduct,
        query: &Query,
    ) -> bool {
        (query.kinds.is_empty() || query.kinds.contains(&product.kind))
            && (query.institutions.is_empty()
                || query
                    .institutions
                    .contains(&self.catalog.institution_of(index).id))
            && query
                .region
                .as_deref()
                .is_none_or(|region| self.catalog.institution_of(index).serves(region))
    }

    /// Every check of product number `index`, the offer and, when eligible, the cost (no
    /// filters, no rank).
    pub fn decide(&self, index: usize) -> ProductMatch {
        let compiled = self.catalog.compiled();
        let compact = &compiled.products[index];
        let mut failed = 0u64;
        if !compiled.serves(compact.institution, &self.subject) {
            failed |= 1 << Implicit::ServesRegion as u32;
        }
        let rate = compact.rates[self.standing.grade as usize];
        if rate.is_none() {
            failed |= 1 << Implicit::PricedForGrade as u32;
        }
        let limit = self.limit(compact);
        if limit < compact.min_amount {
            failed |= 1 << Implicit::LimitReachesMinimum as u32;
        }
        compiled.failed_rules(index, &self.facts, &self.subject, |rule| {
            failed |= 1 << (IMPLICIT.len() + rule);
        });
        let offer =
            rate.filter(|_| limit >= compact.min_amount)
                .map(|(rate_min_bp, rate_max_bp)| Offer {
                    amount_min_minor: compact.min_amount,
                    amount_max_minor: limit,
                    rate_min_bp,
                    rate_max_bp,
                    term_min_months: compact.term_min,
                    term_max_months: compact.term_max,
                });
        // Only products that fail exactly one check, or none, need the full product.
        let status = match failed.count_ones() {
            0 => Status::Eligible,
            1 if self.check_actionable(index, failed.trailing_zeros() as usize) => Status::NearMiss,
            _ => Status::NotEligible,
        };
        let (terms, totals, odds) = match (status, offer) {
            (Status::Eligible, Some(offer)) => {
                let product = &self.catalog.catalog().products[index];
                let terms = self.terms(product, &offer);
                let totals = terms.totals().ok();
                (
                    Some(Box::new(terms)),
                    totals,
                    Some(Odds::of(
                        self.standing.probability_of_default,
                        product.risk_appetite_bp,
                    )),
                )
            }
            _ => (None, None, None),
        };
        ProductMatch {
            index,
            status,
            failed,
            offer,
            odds,
            terms,
            totals,
            cost_rank: None,
        }
    }

    /// The most the product lends this merchant: its maximum, capped by the revenue and
    /// collateral limits it sets.
    fn limit(&self, product: &CompactProduct) -> i64 {
        let collateral = &self.facts.profile.collateral;
        let mut limit = product.max_amount;
        if let Some(pct) = product.revenue_limit_pct {
            limit = limit.min(percent_floor(self.facts.average_revenue_minor, pct));
        }
        if let Some(pct) = product.collateral_limit_pct {
            let pledged = collateral.real_estate_value_minor + collateral.other_value_minor;
            limit = limit.min(percent_floor(pledged, pct));
        }
        limit
    }

    /// The loan asked for, fitted into the offer: amount and term clamped to what the product
    /// lends, its default repayment type, the top rate of the grade's range, first payment the
    /// month after the profile's date.
    fn terms(&self, product: &Product, offer: &Offer) -> LoanTerms {
        let loan = &self.facts.profile.loan;
        let principal_minor = loan
            .amount_minor
            .clamp(offer.amount_min_minor, offer.amount_max_minor);
        let term_months = u32::try_from(loan.term_months)
            .unwrap_or(u32::MAX)
            .clamp(offer.term_min_months, offer.term_max_months);
        let repayment = match product.repayment.first() {
            Some(RepaymentType::EqualPrincipal) => Repayment::EqualPrincipal,
            Some(RepaymentType::InterestOnlyBalloon) => Repayment::InterestOnlyBalloon,
            Some(RepaymentType::Seasonal) => Repayment::Seasonal {
                months: product.seasonal_months.clone(),
            },
            Some(RepaymentType::EqualInstalment) | None => Repayment::EqualInstalment,
        };
        LoanTerms {
            principal_minor,
            annual_rate_bp: i64::from(offer.rate_max_bp),
            term_months,
            repayment,
            first_payment_month: u8::from(self.facts.profile.as_of.month()) % 12 + 1,
            upfront_fee_minor: i64::try_from(
                i128::from(principal_minor) * i128::from(product.pricing.upfront_fee_bp) / 10_000,
            )
            .unwrap_or(0),
            monthly_fee_minor: product.pricing.monthly_fee_minor,
        }
    }

    fn check_actionable(&self, index: usize, check: usize) -> bool {
        match check {
            0 => false,
            1 | 2 => true,
            rule => {
                self.catalog.catalog().products[index].rules()[rule - IMPLICIT.len()].actionable()
            }
        }
    }

    /// Matches and explains the products to show: at most `limit` per status group (0 for no
    /// limit), the not-eligible group only with `include_not_eligible`. Only the products shown
    /// are put into words, so a page of a 10,000-product catalog costs little more than
    /// [`Matcher::run`].
    pub fn report(&self, query: &Query, limit: usize, include_not_eligible: bool) -> Report {
        let matches = self.run(query);
        let mut shown_per_status = [0usize; 3];
        let products = matches
            .results
            .iter()
            .filter(|r| include_not_eligible || r.status != Status::NotEligible)
            .filter(|r| {
                let count = &mut shown_per_status[r.status as usize];
                *count += 1;
                limit == 0 || *count <= limit
            })
            .map(|r| self.explain(r))
            .collect();
        let catalog = self.catalog.catalog();
        Report {
            catalog: CatalogSummary {
                version: catalog.version.clone(),
                sha256: self.catalog.sha256().to_string(),
                sample: catalog.sample,
                notice: catalog.notice.clone(),
            },
            standing: matches.standing,
            counts: Counts {
                matched: matches.results.len(),
                eligible: matches.eligible,
                near_misses: matches.near_misses,
                not_offered: matches.not_offered,
                filtered_out: matches.filtered_out,
            },
            products,
        }
    }

    /// One result in words, with the disclosure block (the full schedule and APR).
    pub fn explain(&self, result: &ProductMatch) -> ExplainedProduct {
        let product = &self.catalog.catalog().products[result.index];
        let institution = self.catalog.institution_of(result.index);
        let mut rules: Vec<Explanation> = IMPLICIT
            .iter()
            .map(|check| self.explain_implicit(*check, result, product))
            .collect();
        rules.extend(product.rules().iter().map(|rule| rule.explain(&self.facts)));
        let changes = rules
            .iter()
            .filter(|rule| !rule.passed)
            .filter_map(|rule| rule.fix.clone())
            .collect();
        let disclosure = result.terms.as_ref().and_then(|terms| {
            let schedule = terms.schedule().ok()?;
            Some(Disclosure {
                amount_minor: terms.principal_minor,
                term_months: terms.term_months,
                repayment: product
                    .repayment
                    .first()
                    .copied()
                    .unwrap_or(RepaymentType::EqualInstalment),
                rate_type: product.pricing.rate_type,
                annual_rate_bp: u32::try_from(terms.annual_rate_bp).unwrap_or(u32::MAX),
                first_payment_minor: schedule.instalments.first()?.payment_minor,
                largest_payment_minor: schedule
                    .instalments
                    .iter()
                    .map(|i| i.payment_minor)
                    .max()?,
                total_interest_minor: schedule.total_interest_minor,
                total_fees_minor: schedule.total_fees_minor,
                cost_of_credit_minor: schedule.cost_of_credit_minor,
                total_repayable_minor: schedule.total_paid_minor,
                apr: schedule.apr,
                prepayment: product.prepayment,
            })
        });
        ExplainedProduct {
            id: product.id.clone(),
            name: product.name.clone(),
            kind: product.kind,
            institution: institution.id.clone(),
            institution_name: institution.name.clone(),
            status: result.status,
            rules,
            changes,
            offer: result.offer,
            odds: result.odds,
            disclosure,
            cost_rank: result.cost_rank,
            required_fields: product.required_fields.clone(),
        }
    }

    fn explain_implicit(
        &self,
        check: Implicit,
        result: &ProductMatch,
        product: &Product,
    ) -> Explanation {
        let passed = result.failed & (1 << check as u32) == 0;
        let institution = self.catalog.institution_of(result.index);
        let grade = self.standing.grade;
        let (rule, actionable, text, fix) = match check {
            Implicit::ServesRegion => {
                let (en, zh) = if institution.nationwide {
                    ("lends nationwide".to_string(), "全国范围内放贷".to_string())
                } else {
                    (
                        format!(
                            "lends in regions {}; yours is {}",
                            institution.regions.join(", "),
                            self.facts.profile.location.region
                        ),
                        format!(
                            "服务地区 {}；您在 {}",
                            institution.regions.join("、"),
                            self.facts.profile.location.region
                        ),
                    )
                };
                ("serves_region", false, Label { en, zh }, None)
            }
            Implicit::PricedForGrade => {
                let worst_priced = product.pricing.rates.last().map(|rate| rate.grade);
                (
                    "priced_for_grade",
                    true,
                    Label {
                        en: format!(
                            "offered to grades {}; yours is {grade}",
                            grade_list(product)
                        ),
                        zh: format!("适用风险等级{}；您为{grade}", grade_list(product)),
                    },
                    worst_priced.map(|worst| Label {
                        en: format!("improve your risk grade to {worst}"),
                        zh: format!("将风险等级提升至{worst}"),
                    }),
                )
            }
            Implicit::LimitReachesMinimum => {
                let limit = self
                    .limit(&self.catalog.compiled().products[result.index])
                    .max(0);
                (
                    "limit_reaches_minimum",
                    true,
                    Label {
                        en: format!(
                            "lends from ¥{}; your revenue and security support up to ¥{}",
                            format_major(product.amount.min_minor),
                            format_major(limit)
                        ),
                        zh: format!(
                            "起贷金额¥{}；按您的收入和抵押可贷至¥{}",
                            format_major(product.amount.min_minor),
                            format_major(limit)
                        ),
                    },
                    Some(self.limit_fix(product)),
                )
            }
        };
        Explanation {
            rule,
            passed,
            actionable,
            text,
            fix: if passed { None } else { fix },
        }
    }

    /// What would lift the lending limit to the product's minimum.
    fn limit_fix(&self, product: &Product) -> Label {
        let amount = &product.amount;
        let collateral = &self.facts.profile.collateral;
        let mut en = Vec::new();
        let mut zh = Vec::new();
        if let Some(pct) = amount.revenue_limit_pct {
            let needed = ceil_pct_inverse(amount.min_minor, pct);
            if needed > self.facts.average_revenue_minor {
                en.push(format!(
                    "average monthly revenue of ¥{}",
                    format_major(needed)
                ));
                zh.push(format!("月均营业收入达到¥{}", format_major(needed)));
            }
        }
        if let Some(pct) = amount.collateral_limit_pct {
            let needed = ceil_pct_inverse(amount.min_minor, pct);
            let pledged = collateral.real_estate_value_minor + collateral.other_value_minor;
            if needed > pledged {
                en.push(format!("security worth ¥{}", format_major(needed)));
                zh.push(format!("抵押物价值达到¥{}", format_major(needed)));
            }
        }
        Label {
            en: en.join(" and "),
            zh: zh.join("，并且"),
        }
    }
}

fn grade_list(product: &Product) -> String {
    match (product.pricing.rates.first(), product.pricing.rates.last()) {
        (Some(first), Some(last)) if first.grade != last.grade => {
            format!("{}–{}", first.grade, last.grade)
        }
        (Some(only), _) => only.grade.to_string(),
        _ => "none".to_string(),
    }
}

/// `value × pct / 100`, rounded down (a limit, so never overstated).
fn percent_floor(value: i64, pct: u32) -> i64 {
    i64::try_from(i128::from(value.max(0)) * i128::from(pct) / 100).unwrap_or(i64::MAX)
}

/// The smallest `value` with `value × pct / 100 ≥ target`.
fn ceil_pct_inverse(target: i64, pct: u32) -> i64 {
    let pct = i128::from(pct.max(1));
    i64::try_from((i128::from(target) * 100 + pct - 1) / pct).unwrap_or(i64::MAX)
}

fn passes_offer_filters(product: &CompactProduct, decided: &ProductMatch, query: &Query) -> bool {
    let (min, max) = decided
        .offer
        .map_or((product.min_amount, product.max_amount), |offer| {
            (offer.amount_min_minor, offer.amount_max_minor)
        });
    query
        .amount_minor
        .is_none_or(|amount| (min..=max).contains(&amount))
        && query
            .term_months
            .is_none_or(|term| (product.term_min..=product.term_max).contains(&term))
}

/// Ranks eligible results by cost of credit (ties in catalog order).
fn rank_by_cost(results: &mut [ProductMatch]) {
    let mut eligible: Vec<(i64, usize, usize)> = results
        .iter()
        .enumerate()
        .filter_map(|(position, result)| {
            Some((result.totals?.cost_of_credit_minor, result.index, position))
        })
        .collect();
    eligible.sort_unstable();
    for (rank, (_, _, position)) in eligible.into_iter().enumerate() {
        results[position].cost_rank = Some(rank as u32 + 1);
    }
}

/// Orders results: by status, then `key`, then fewer failed checks, then catalog order. Sorts
/// small keys and moves each result once: results are large, and moving them through a
/// comparison sort dominated matching on big catalogs.
fn sort(results: &mut Vec<ProductMatch>, products: &[CompactProduct], key: SortKey) {
    let mut keys: Vec<(Status, u64, u32, usize, usize)> = results
        .iter()
        .enumerate()
        .map(|(position, r)| {
            let product = &products[r.index];
            let by_key = match key {
                SortKey::Cost => u64::from(r.cost_rank.unwrap_or(u32::MAX)),
                SortKey::Rate => u64::from(r.offer.map_or(u32::MAX, |o| o.rate_min_bp)),
                // Largest first: order by the complement.
                SortKey::Amount => {
                    let amount = r.offer.map_or(product.max_amount, |o| o.amount_max_minor);
                    u64::MAX - u64::try_from(amount).unwrap_or(0)
                }
                SortKey::Term => u64::MAX - u64::from(product.term_max),
            };
            (r.status, by_key, r.failed.count_ones(), r.index, position)
        })
        .collect();
    keys.sort_unstable();
    let mut slots: Vec<Option<ProductMatch>> =
        std::mem::take(results).into_iter().map(Some).collect();
    *results = keys
        .iter()
        .filter_map(|(_, _, _, _, position)| slots[*position].take())
        .collect();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn odds_bands_follow_the_ratio_to_the_appetite() {
        assert_eq!(Odds::of(0.02, 500), Odds::High);
        assert_eq!(Odds::of(0.035, 500), Odds::Good);
        assert_eq!(Odds::of(0.05, 500), Odds::Fair);
        assert_eq!(Odds::of(0.051, 500), Odds::Low);
    }

    #[test]
    fn limits_round_in_the_lenders_favour() {
        assert_eq!(percent_floor(999, 50), 499);
        assert_eq!(ceil_pct_inverse(499, 50), 998);
        // The revenue a fix asks for is the least that reaches the target.
        for (target, pct) in [(1_000_001, 300), (5_000_000, 200), (7, 3)] {
            let needed = ceil_pct_inverse(target, pct);
            assert!(percent_floor(needed, pct) >= target);
            assert!(percent_floor(needed - 1, pct) < target);
        }
    }
}
