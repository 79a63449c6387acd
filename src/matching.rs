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

use std::cell::{OnceCell, RefCell};
use std::rc::Rc;

use serde::{Deserialize, Serialize};

use crate::assess::{Assessment, Model};
use crate::catalog::{
    monthly_share, Charger, Check, CollateralAssets, CompactProduct, Eligibility, Explanation,
    Facts, FeeKind, FeeTiming, Grade, Payer, Prepayment, Product, ProductKind, RateType,
    RepaymentType, Subject, SubsidyDelivery, SubsidyKind, ValidCatalog,
};
use crate::path::{cost_of, grade_levers, merge, Effort, Path, Step, StepSets};
use crate::profile::{Guarantor, MerchantProfile, TaxCreditRating, ValidProfile};
use crate::schedule::{LoanTerms, Totals};
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
    pub fn from_assessment(assessment: &Assessment) -> Standing {
        Standing {
            grade: assessment.grade,
            probability_of_default: assessment.probability_of_default,
        }
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
    /// Not eligible today, but the merchant can get there: the product has a path whose
    /// every step is in the merchant's hands ([`Path::in_hands`]).
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

serial_names! {
    Odds { High => "high", Good => "good", Fair => "fair", Low => "low" }
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
    /// For a product not eligible today, the smallest set of changes that would make it
    /// eligible (none when no change in the profile would, e.g. another region).
    pub path: Option<Path>,
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
    /// Every check, passed or not, as data (each requirement once: a product's own grade rule
    /// and the grades it prices are one check).
    pub rules: Vec<Explanation>,
    /// What would make the product eligible, when it is not.
    pub path: Option<Path>,
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
    /// Amount lent, minor units: the amount asked for, or the nearest the product lends.
    pub amount_minor: i64,
    /// The amount the merchant asked for.
    pub amount_asked_minor: i64,
    /// Term, months: the term asked for, or the nearest the product offers.
    pub term_months: u32,
    /// The term the merchant asked for.
    pub term_asked_months: i64,
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
    /// Estimated APR, simple (单利): the IRR per payment period × periods in a year, a
    /// fraction.
    pub apr: f64,
    /// The compounded annualised rate (年化利率 by the IRR method, PBOC 2021 No. 3), a
    /// fraction: the headline rate of a disclosure.
    pub effective_annual_rate: f64,
    /// What the merchant actually receives: the amount lent less what is paid when the loan
    /// is made.
    pub amount_received_minor: i64,
    /// The cost of credit itemised (综合融资成本清单): the interest, then every fee with who
    /// charges it and when; the items sum to `cost_of_credit_minor`.
    pub cost_items: Vec<CostItem>,
    /// The subsidies of the cost (贴息, 担保费补贴), each with who pays it, how and on what
    /// conditions. Those taken off the charge are already out of the cost items; refunded
    /// ones are in them and come back afterwards.
    pub subsidies: Vec<SubsidyItem>,
    /// The cost of credit less the refunds the merchant gets if the conditions hold.
    pub cost_after_refunds_minor: i64,
    /// Early repayment terms.
    pub prepayment: Prepayment,
}

/// A part of a loan's cost someone else pays, over the whole term.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SubsidyItem {
    /// What it pays part of.
    pub kind: SubsidyKind,
    /// Who pays it.
    pub paid_by: Payer,
    /// Taken off the charge (already out of the cost items) or refunded afterwards (in them).
    pub delivery: SubsidyDelivery,
    /// What it is worth over the term, minor units.
    pub amount_minor: i64,
    /// On what conditions, as the catalog says.
    pub conditions: Label,
}

/// One item of a loan's cost, over the whole term.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct CostItem {
    /// The fee's kind; `None` for the interest.
    pub fee: Option<FeeKind>,
    /// Who charges it.
    pub charged_by: Charger,
    /// When it is paid; `None` for the interest (with the instalments).
    pub timing: Option<FeeTiming>,
    /// The total over the term, minor units.
    pub amount_minor: i64,
}

/// What each subsidy of `product` is worth over the loan `terms` describes: an interest
/// subsidy the interest between the rate with and without it, a guarantee-fee subsidy its
/// share of the fee, month by month.
fn subsidy_items(product: &Product, terms: &LoanTerms) -> Vec<SubsidyItem> {
    let interest = |rate_bp: i64| {
        LoanTerms {
            annual_rate_bp: rate_bp.max(0),
            ..terms.clone()
        }
        .schedule()
        .map_or(0, |s| s.total_interest_minor)
    };
    let at_rate = interest(terms.annual_rate_bp);
    product
        .pricing
        .subsidies
        .iter()
        .map(|subsidy| {
            let bp = i64::from(subsidy.bp_per_year);
            let amount_minor = match (subsidy.kind, subsidy.delivery) {
                // Taken off the rate charged: what the rate would cost with it added back.
                (SubsidyKind::Interest, SubsidyDelivery::ReducedCharge) => {
                    interest(terms.annual_rate_bp + bp) - at_rate
                }
                // Charged, then refunded: what the rate costs above the rate without it.
                (SubsidyKind::Interest, SubsidyDelivery::Refunded) => {
                    at_rate - interest(terms.annual_rate_bp - bp)
                }
                (SubsidyKind::GuaranteeFee, _) => {
                    monthly_share(subsidy.bp_per_year, terms.principal_minor)
                        * i64::from(terms.term_months)
                }
            };
            SubsidyItem {
                kind: subsidy.kind,
                paid_by: subsidy.paid_by,
                delivery: subsidy.delivery,
                amount_minor,
                conditions: subsidy.conditions.clone(),
            }
        })
        .collect()
}

/// The cost of the loan `terms` describes for `product`, item by item: the interest, the
/// lender's arrangement and account fees, a scheme's guarantee fee, then each of the product's
/// itemised fees, totalled over the term (items of nothing are left out).
fn cost_items(product: &Product, terms: &LoanTerms, interest_minor: i64) -> Vec<CostItem> {
    let months = i64::from(terms.term_months);
    let guarantee_monthly =
        monthly_share(product.guarantee_fee_charged_bp(), terms.principal_minor);
    let mut items = vec![
        CostItem {
            fee: None,
            charged_by: Charger::Lender,
            timing: None,
            amount_minor: interest_minor,
        },
        CostItem {
            fee: Some(FeeKind::Arrangement),
            charged_by: Charger::Lender,
            timing: Some(FeeTiming::Upfront),
            amount_minor: terms.upfront_fee_minor,
        },
        CostItem {
            fee: Some(FeeKind::Account),
            charged_by: Charger::Lender,
            timing: Some(FeeTiming::Monthly),
            amount_minor: product.pricing.monthly_fee_minor * months,
        },
        CostItem {
            fee: Some(FeeKind::Guarantee),
            charged_by: Charger::GuaranteeInstitution,
            timing: Some(FeeTiming::Monthly),
            amount_minor: guarantee_monthly * months,
        },
    ];
    items.extend(product.pricing.fees.iter().map(|fee| {
        CostItem {
            fee: Some(fee.kind),
            charged_by: fee.charged_by,
            timing: Some(fee.timing),
            amount_minor: fee
                .scheduled(terms.principal_minor, terms.term_months)
                .map(|payment| payment.amount_minor)
                .sum(),
        }
    }));
    items.retain(|item| item.fee.is_none() || item.amount_minor != 0);
    items
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
    /// The first steps of the paths, easiest first, with how many products each leads to.
    pub first_steps: Vec<FirstStep>,
}

/// The first stage shared by the paths of several products: the path's easiest steps (those
/// of its lowest effort), e.g. "pay the ¥650 power bill and the ¥3,200 tax (now)".
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FirstStep {
    /// The steps of the stage.
    pub steps: Vec<Step>,
    /// How hard they are.
    pub effort: Effort,
    /// Products whose path starts with this stage.
    pub products: usize,
    /// Products whose whole path is this stage: eligible once it is done.
    pub opens: usize,
}

/// A set of steps taken together and what it would change: the what-if the result screen
/// offers (one lever on its own, the first stage of some products' paths, or a whole path).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StepOutcome {
    /// The steps, easiest first.
    pub steps: Vec<Step>,
    /// How hard the hardest is.
    pub effort: Effort,
    /// The grade after it (overlays included).
    pub grade: Grade,
    /// The probability of default after it.
    pub probability_of_default: f64,
    /// Products eligible after it.
    pub eligible: usize,
    /// Products eligible after it that are not today.
    pub opens: usize,
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

/// A changed profile and its standing: what a path is checked against.
#[derive(Debug)]
struct Scenario {
    profile: MerchantProfile,
    standing: Standing,
    subject: Subject,
}

/// How many alternative fixes of one check a path search tries, and how many combined
/// candidates it keeps: enough for a guarantee *or* a plan *or* a payment, few enough that a
/// 10,000-product catalog stays fast.
const ALTERNATIVES_PER_CHECK: usize = 3;
const CANDIDATES: usize = 6;
/// The merchant's grade levers tried together at most (2^6 re-scorings).
const MAX_LEVERS: usize = 6;
/// Whole paths the what-if tries, the cheapest first.
const WHAT_IF_PATHS: usize = 12;

/// A merchant ready to be matched against a catalog.
#[derive(Debug, Clone)]
pub struct Matcher<'a> {
    catalog: &'a ValidCatalog,
    facts: Facts<'a>,
    subject: Subject,
    standing: Standing,
    /// The model that re-scores a changed profile; without one, a path never changes the grade.
    model: Option<&'a Model>,
    /// Changed profiles already scored, by the fingerprint of their steps (with the steps, for
    /// the rare fingerprints two sets share).
    scenarios: RefCell<StepSets<Rc<Scenario>>>,
    /// The profile fields the model reads: only steps changing one of them can move the grade.
    model_fields: Vec<&'static str>,
    /// Standings already computed, by the fingerprint of the steps that can move the grade.
    standings: RefCell<StepSets<Standing>>,
    /// Every combination of the grade levers with the grade it reaches, cheapest first.
    grade_combinations: OnceCell<Vec<(Vec<Step>, Grade)>>,
    /// Per target grade, the cheapest combinations reaching it (most products ask for one of
    /// a few grades).
    grade_fixes: [OnceCell<Vec<Vec<Step>>>; 7],
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
            model: None,
            scenarios: RefCell::default(),
            model_fields: Vec::new(),
            standings: RefCell::default(),
            grade_combinations: OnceCell::new(),
            grade_fixes: Default::default(),
        }
    }

    /// Lets paths change the grade: a changed profile is re-scored with `model` (the model
    /// the standing came from).
    pub fn with_model(mut self, model: &'a Model) -> Self {
        self.model = Some(model);
        self.model_fields = model.fields();
        self
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

    /// Every check of product number `index`, the offer, when eligible the cost, and when not
    /// the path to eligibility (no filters, no rank).
    pub fn decide(&self, index: usize) -> ProductMatch {
        let compiled = self.catalog.compiled();
        let compact = &compiled.products[index];
        let failed = self.failed_checks(index, &self.facts, &self.subject, self.standing.grade);
        let limit = limit_of(compact, &self.facts);
        let rate = compact.rates[self.standing.grade as usize];
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
        let path = (failed != 0).then(|| self.path(index, failed)).flatten();
        let status = match &path {
            _ if failed == 0 => Status::Eligible,
            Some(path) if path.in_hands() => Status::NearMiss,
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
            path,
        }
    }

    /// Bit `i` set for each check `i` of product `index` that fails for these facts (the
    /// implicit checks first, then the top-level rules).
    fn failed_checks(
        &self,
        index: usize,
        facts: &Facts<'_>,
        subject: &Subject,
        grade: Grade,
    ) -> u64 {
        let compiled = self.catalog.compiled();
        let compact = &compiled.products[index];
        let mut failed = 0u64;
        if !compiled.serves(compact.institution, subject) {
            failed |= 1 << Implicit::ServesRegion as u32;
        }
        if compact.rates[grade as usize].is_none() {
            failed |= 1 << Implicit::PricedForGrade as u32;
        }
        if limit_of(compact, facts) < compact.min_amount {
            failed |= 1 << Implicit::LimitReachesMinimum as u32;
        }
        compiled.failed_rules(index, facts, subject, |rule| {
            failed |= 1 << (IMPLICIT.len() + rule);
        });
        failed
    }

    /// The cheapest set of steps that makes product `index` eligible: the cheapest
    /// combination of each failed check's fixes that does, checked by applying it, with no step
    /// it does not need; none when some failed check has no fix (another region first of all,
    /// which costs nothing to rule out).
    fn path(&self, index: usize, failed: u64) -> Option<Path> {
        if failed & (1 << Implicit::ServesRegion as u32) != 0 {
            return None;
        }
        let product = &self.catalog.catalog().products[index];
        let mut candidates: Vec<Vec<Step>> = vec![Vec::new()];
        for check in (0..64).filter(|bit| failed & (1 << bit) != 0) {
            candidates = combine(&candidates, &self.fixes(index, product, check));
            if candidates.is_empty() {
                return None;
            }
        }
        let steps = candidates
            .into_iter()
            .find(|steps| self.eligible_after(index, steps))?;
        Some(Path::new(self.prune(index, steps)))
    }

    /// Drops steps the product turns out not to need, one at a time, until every step left is
    /// needed (the candidate fixed each failed check separately; one step may fix two).
    fn prune(&self, index: usize, mut steps: Vec<Step>) -> Vec<Step> {
        let mut at = 0;
        while at < steps.len() && steps.len() > 1 {
            let mut fewer = steps.clone();
            fewer.remove(at);
            if self.eligible_after(index, &fewer) {
                steps = fewer;
                at = 0;
            } else {
                at += 1;
            }
        }
        steps
    }

    /// Whether product `index` is eligible once `steps` are taken.
    fn eligible_after(&self, index: usize, steps: &[Step]) -> bool {
        self.eligible_in(index, &self.scenario(steps))
    }

    /// Whether product `index` is eligible for a changed profile.
    fn eligible_in(&self, index: usize, scenario: &Scenario) -> bool {
        let facts = Facts::new(&scenario.profile, scenario.standing.grade);
        self.failed_checks(index, &facts, &scenario.subject, scenario.standing.grade) == 0
    }

    /// The profile after `steps`, re-scored when the matcher has a model (cached: products
    /// share most of their paths).
    fn scenario(&self, steps: &[Step]) -> Rc<Scenario> {
        if let Some(found) = self.scenarios.borrow().get(steps) {
            return Rc::clone(found);
        }
        // Steps of one set change different fields (merging keeps one per slot), so the order
        // they are applied in does not matter.
        let mut profile = self.facts.profile.clone();
        steps.iter().for_each(|step| step.apply(&mut profile));
        let standing = self.standing_after(steps, &profile);
        let subject = Subject::of(&Facts::new(&profile, standing.grade));
        let scenario = Rc::new(Scenario {
            profile,
            standing,
            subject,
        });
        self.scenarios
            .borrow_mut()
            .insert(steps.to_vec(), Rc::clone(&scenario));
        scenario
    }

    /// The standing of `profile`, the merchant's after `steps`: re-scored only when a step
    /// changes a field the model reads, and then once per such set of steps.
    fn standing_after(&self, steps: &[Step], profile: &MerchantProfile) -> Standing {
        let Some(model) = self.model else {
            return self.standing;
        };
        let moves = |step: &&Step| step.fields().iter().any(|f| self.model_fields.contains(f));
        let moving: Vec<Step> = steps.iter().filter(moves).cloned().collect();
        if moving.is_empty() {
            return self.standing;
        }
        if let Some(standing) = self.standings.borrow().get(&moving) {
            return *standing;
        }
        let (grade, probability_of_default) = model.standing(profile);
        let standing = Standing {
            grade,
            probability_of_default,
        };
        self.standings.borrow_mut().insert(moving, standing);
        standing
    }

    /// The ways to pass check `check` of product `index`, each a set of steps, cheapest first;
    /// none when the merchant cannot change the outcome.
    fn fixes(&self, index: usize, product: &Product, check: usize) -> Vec<Vec<Step>> {
        match check {
            0 => Vec::new(),
            1 => match product.pricing.rates.last() {
                Some(worst) => self.grade_fixes(worst.grade),
                None => Vec::new(),
            },
            2 => self.limit_fixes(index),
            rule => product
                .rules()
                .get(rule - IMPLICIT.len())
                .map_or_else(Vec::new, |rule| self.rule_fixes(rule, product)),
        }
    }

    /// What lifts the lending limit to the product's smallest loan: each cap below it raised
    /// to the least revenue or security that reaches it.
    fn limit_fixes(&self, index: usize) -> Vec<Vec<Step>> {
        let compact = &self.catalog.compiled().products[index];
        let minimum = compact.min_amount;
        if compact.max_amount < minimum {
            return Vec::new();
        }
        let caps = limit_caps(compact, &self.facts);
        let mut steps = Vec::new();
        if let (Some(cap), Some(pct)) = (caps.revenue, compact.revenue_limit_pct) {
            if cap < minimum {
                steps.push(Step::GrowRevenue {
                    to_minor: ceil_pct_inverse(minimum, pct),
                });
            }
        }
        if let (Some(cap), Some(pct)) = (caps.collateral, compact.collateral_limit_pct) {
            if cap < minimum {
                steps.push(Step::PledgeCollateral {
                    assets: CollateralAssets::Any,
                    to_minor: ceil_pct_inverse(minimum, pct),
                });
            }
        }
        if steps.is_empty() {
            Vec::new()
        } else {
            vec![steps]
        }
    }

    /// The ways to pass one rule that fails today.
    fn rule_fixes(&self, rule: &Eligibility, product: &Product) -> Vec<Vec<Step>> {
        let p = self.facts.profile;
        let one = |step: Step| vec![vec![step]];
        match rule {
            Eligibility::All(rules) => {
                let mut combined: Vec<Vec<Step>> = vec![Vec::new()];
                for rule in rules.iter().filter(|rule| !rule.holds(&self.facts)) {
                    combined = combine(&combined, &self.rule_fixes(rule, product));
                }
                combined
            }
            Eligibility::Any(rules) => {
                let mut fixes: Vec<Vec<Step>> = rules
                    .iter()
                    .flat_map(|rule| self.rule_fixes(rule, product))
                    .collect();
                fixes.sort_by_key(|steps| cost_of(steps));
                fixes.truncate(CANDIDATES);
                fixes
            }
            Eligibility::RegionIn(_)
            | Eligibility::IndustryIn(_)
            | Eligibility::IndustryNotIn(_)
            | Eligibility::LegalFormIn(_)
            | Eligibility::SettingIs(_)
            | Eligibility::MaxMonthsInOperation(_) => Vec::new(),
            Eligibility::MinMonthsInOperation(months) => one(Step::Wait {
                months: i64::from(*months) - p.business.months_in_operation,
            }),
            Eligibility::MinOwnerExperienceYears(years) => one(Step::GainExperience {
                years: i64::from(*years) - p.owner.industry_experience_years,
            }),
            Eligibility::MonthlyRevenue { min_minor, .. } => {
                if self.facts.average_revenue_minor < *min_minor {
                    one(Step::GrowRevenue {
                        to_minor: *min_minor,
                    })
                } else {
                    Vec::new()
                }
            }
            Eligibility::MaxGrade(grade) => self.grade_fixes(*grade),
            Eligibility::TaxRatingIn(ratings) => {
                // The nearest acceptable rating: the lowest one listed above D.
                [
                    TaxCreditRating::C,
                    TaxCreditRating::M,
                    TaxCreditRating::B,
                    TaxCreditRating::A,
                ]
                .into_iter()
                .find(|rating| ratings.contains(rating))
                .map_or_else(Vec::new, |rating| one(Step::ReachTaxRating { rating }))
            }
            Eligibility::MinTaxMonthsFiled(months) => one(Step::FileTax {
                months: i64::from(*months) - p.tax.months_filed_last_12,
                to: i64::from(*months),
            }),
            Eligibility::NoTaxArrears => one(Step::PayTaxArrears {
                amount_minor: p.tax.arrears_minor,
            }),
            Eligibility::TaxArrearsSettledOrPlanned => {
                let amount_minor = p.tax.arrears_minor;
                vec![
                    vec![Step::PayTaxArrears { amount_minor }],
                    vec![Step::AgreeTaxPlan { amount_minor }],
                ]
            }
            Eligibility::NoUtilityArrears => one(Step::PayUtilityArrears {
                amount_minor: p.utility.arrears_minor,
            }),
            Eligibility::UtilityArrearsSettledOrPlanned => {
                let amount_minor = p.utility.arrears_minor;
                vec![
                    vec![Step::PayUtilityArrears { amount_minor }],
                    vec![Step::AgreeUtilityPlan { amount_minor }],
                ]
            }
            Eligibility::MaxLateUtilityPayments(count) => one(Step::PayBillsOnTime {
                to: i64::from(*count),
            }),
            Eligibility::MinSocialInsuranceMonths(months) => one(Step::PaySocialInsurance {
                months: i64::from(*months) - p.social_insurance.months_paid_last_12,
                to: i64::from(*months),
            }),
            Eligibility::NoSocialInsuranceArrears => one(Step::PaySocialInsuranceArrears {
                amount_minor: p.social_insurance.arrears_minor,
            }),
            Eligibility::NoCourtJudgements => one(Step::SettleJudgements {
                count: p.court.unsatisfied_judgements,
            }),
            Eligibility::NotBlacklisted => one(Step::LeaveBlackList),
            Eligibility::MaxDebtServicePct(pct) => {
                if self.facts.average_revenue_minor <= 0 {
                    return Vec::new();
                }
                let allowed = percent_floor(self.facts.average_revenue_minor, *pct);
                one(Step::CutRepayments {
                    by_minor: p.debts.monthly_repayment_minor - allowed,
                })
            }
            Eligibility::MaxLenders(count) => one(Step::RepayLenders {
                count: p.debts.lenders - i64::from(*count),
            }),
            Eligibility::CollateralRequired {
                assets,
                min_cover_pct,
            } => {
                let mut fixes = Vec::new();
                let have = self.facts.collateral(*assets);
                // Asking for less needs less cover, down to the product's smallest loan.
                let covered =
                    i64::try_from(i128::from(have) * 100 / i128::from((*min_cover_pct).max(1)))
                        .unwrap_or(i64::MAX);
                if have > 0 && covered >= product.amount.min_minor {
                    fixes.push(vec![Step::LowerAmount { to_minor: covered }]);
                }
                fixes.push(vec![Step::PledgeCollateral {
                    assets: *assets,
                    to_minor: self.facts.required_cover(*min_cover_pct),
                }]);
                fixes
            }
            Eligibility::GuarantorIn(guarantors) => [
                Guarantor::GovernmentGuaranteeFund,
                Guarantor::Individual,
                Guarantor::Company,
            ]
            .into_iter()
            .filter(|g| guarantors.contains(g))
            .map(|guarantor| vec![Step::AddGuarantor { guarantor }])
            .collect(),
        }
    }

    /// The cheapest combinations of the merchant's grade levers that reach `target` or better,
    /// none containing another.
    fn grade_fixes(&self, target: Grade) -> Vec<Vec<Step>> {
        self.grade_fixes[target as usize]
            .get_or_init(|| self.cheapest_reaching(target))
            .clone()
    }

    fn cheapest_reaching(&self, target: Grade) -> Vec<Vec<Step>> {
        let mut chosen: Vec<Vec<Step>> = Vec::new();
        for (steps, grade) in self.grade_combinations() {
            if *grade <= target && !chosen.iter().any(|c| c.iter().all(|s| steps.contains(s))) {
                chosen.push(steps.clone());
                if chosen.len() == ALTERNATIVES_PER_CHECK {
                    break;
                }
            }
        }
        chosen
    }

    fn grade_combinations(&self) -> &[(Vec<Step>, Grade)] {
        self.grade_combinations.get_or_init(|| {
            let Some(model) = self.model else {
                return Vec::new();
            };
            // Only levers that lower the PD or lift a policy rule on their own can help in any
            // combination (the grade is the PD's band moved by the rules that apply).
            let (pd_now, rules_now) = model.risk(self.facts.profile);
            let mut levers: Vec<Step> = grade_levers(self.facts.profile, Some(model))
                .into_iter()
                .filter(|lever| {
                    let mut changed = self.facts.profile.clone();
                    lever.apply(&mut changed);
                    let (pd, rules) = model.risk(&changed);
                    pd < pd_now || rules < rules_now
                })
                .collect();
            levers.sort_by_key(|step| cost_of(std::slice::from_ref(step)));
            levers.truncate(MAX_LEVERS);
            let mut combinations: Vec<(Vec<Step>, Grade)> = (1u32..1 << levers.len())
                .map(|mask| {
                    let steps: Vec<Step> = (0..levers.len())
                        .filter(|bit| mask & (1 << bit) != 0)
                        .map(|bit| levers[bit].clone())
                        .collect();
                    let grade = self.scenario(&steps).standing.grade;
                    (steps, grade)
                })
                .collect();
            combinations.sort_by_cached_key(|(steps, _)| cost_of(steps));
            combinations
        })
    }

    /// What the merchant could do, taken together as it would be done: each of their grade
    /// levers on its own, the first stage of each path in their hands, and each whole such
    /// path; with the grade each reaches and the products it opens. Easiest first, then the
    /// most products opened; only sets that open a product or better the grade, and never a
    /// step out of the merchant's hands.
    pub fn what_if(&self, matches: &Matches) -> Vec<StepOutcome> {
        let mut candidates: Vec<Vec<Step>> = grade_levers(self.facts.profile, self.model)
            .into_iter()
            .map(|step| vec![step])
            .collect();
        let mut add = |steps: Vec<Step>| {
            if !steps.is_empty() && !candidates.contains(&steps) {
                candidates.push(steps);
            }
        };
        for stage in first_steps(&matches.results) {
            add(stage.steps);
        }
        let mut paths: Vec<&Path> = matches
            .results
            .iter()
            .filter_map(|r| r.path.as_ref())
            .filter(|path| path.in_hands())
            .collect();
        paths.sort_by_key(|path| path.cost());
        paths.dedup();
        for path in paths.into_iter().take(WHAT_IF_PATHS) {
            add(path.steps.clone());
        }
        candidates.retain(|steps| steps.iter().all(|step| step.effort() < Effort::NotInHands));
        let offered: Vec<usize> = matches.results.iter().map(|r| r.index).collect();
        let mut outcomes: Vec<StepOutcome> = candidates
            .into_iter()
            .map(|steps| {
                let scenario = self.scenario(&steps);
                let eligible = offered
                    .iter()
                    .filter(|&&index| self.eligible_in(index, &scenario))
                    .count();
                let path = Path::new(steps);
                StepOutcome {
                    effort: path.effort,
                    steps: path.steps,
                    grade: scenario.standing.grade,
                    probability_of_default: scenario.standing.probability_of_default,
                    eligible,
                    opens: eligible.saturating_sub(matches.eligible),
                }
            })
            .filter(|outcome| outcome.opens > 0 || outcome.grade < self.standing.grade)
            .collect();
        outcomes.sort_by(|a, b| {
            (a.effort, std::cmp::Reverse(a.opens), a.grade, a.steps.len())
                .cmp(&(b.effort, std::cmp::Reverse(b.opens), b.grade, b.steps.len()))
                .then_with(|| a.steps.cmp(&b.steps))
        });
        // A set that opens no more than an easier or smaller one already listed adds nothing.
        let mut shown: Vec<StepOutcome> = Vec::new();
        for outcome in outcomes {
            let dominated = shown.iter().any(|earlier| {
                earlier.opens >= outcome.opens
                    && earlier.grade <= outcome.grade
                    && earlier
                        .steps
                        .iter()
                        .all(|step| outcome.steps.contains(step))
            });
            if !dominated {
                shown.push(outcome);
            }
        }
        shown
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
        let kind = product
            .repayment
            .first()
            .copied()
            .unwrap_or(RepaymentType::EqualInstalment);
        // A scheme's subsidy and those taken off the charge lower the rate the merchant pays.
        let rate_bp = offer
            .rate_max_bp
            .saturating_sub(product.interest_reduction_bp());
        product.loan_terms(
            kind,
            principal_minor,
            i64::from(rate_bp),
            term_months,
            u8::from(self.facts.profile.as_of.month()) % 12 + 1,
        )
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
            first_steps: first_steps(&matches.results),
        }
    }

    /// One result as data for a screen: every check (each requirement once), the path, and
    /// the disclosure block (the full schedule and APR).
    pub fn explain(&self, result: &ProductMatch) -> ExplainedProduct {
        let product = &self.catalog.catalog().products[result.index];
        let institution = self.catalog.institution_of(result.index);
        let failed = |check: usize| result.failed & (1 << check) != 0;
        // A product's own grade rule and the grades it prices say one thing: keep the stricter.
        let worst_priced = product
            .pricing
            .rates
            .last()
            .map_or(Grade::A, |rate| rate.grade);
        let strictest_rule = product
            .rules()
            .iter()
            .filter_map(|rule| match rule {
                Eligibility::MaxGrade(grade) => Some(*grade),
                _ => None,
            })
            .min();
        let mut rules = Vec::with_capacity(IMPLICIT.len() + product.rules().len());
        let grade = self.standing.grade;
        rules.push(Explanation {
            rule: "serves_region",
            passed: !failed(Implicit::ServesRegion as usize),
            actionable: false,
            check: Check::ServesRegion {
                nationwide: institution.nationwide,
                regions: institution.regions.clone(),
                yours: self.facts.profile.location.region.clone(),
            },
        });
        if strictest_rule.is_none_or(|rule| rule > worst_priced) {
            rules.push(Explanation {
                rule: "priced_for_grade",
                passed: !failed(Implicit::PricedForGrade as usize),
                actionable: true,
                check: Check::PricedForGrade {
                    best: product.pricing.rates.first().map_or(Grade::A, |r| r.grade),
                    worst: worst_priced,
                    yours: grade,
                },
            });
        }
        rules.push(Explanation {
            rule: "limit_reaches_minimum",
            passed: !failed(Implicit::LimitReachesMinimum as usize),
            actionable: true,
            check: Check::LimitReachesMinimum {
                min_minor: product.amount.min_minor,
                limit_minor: limit_of(&self.catalog.compiled().products[result.index], &self.facts)
                    .max(0),
            },
        });
        let mut grade_rule_shown = strictest_rule.is_none_or(|rule| rule > worst_priced);
        for rule in product.rules() {
            if let Eligibility::MaxGrade(max) = rule {
                // Only the strictest grade rule, and only when it is stricter than the prices.
                if grade_rule_shown || Some(*max) != strictest_rule {
                    continue;
                }
                grade_rule_shown = true;
            }
            rules.push(rule.explain(&self.facts));
        }
        let disclosure = result.terms.as_ref().and_then(|terms| {
            let schedule = terms.schedule().ok()?;
            let subsidies = subsidy_items(product, terms);
            Some(Disclosure {
                amount_minor: terms.principal_minor,
                amount_asked_minor: self.facts.profile.loan.amount_minor,
                term_months: terms.term_months,
                term_asked_months: self.facts.profile.loan.term_months,
                repayment: product
                    .repayment
                    .first()
                    .copied()
                    .unwrap_or(RepaymentType::EqualInstalment),
                rate_type: product.pricing.rate_type,
                annual_rate_bp: u32::try_from(terms.annual_rate_bp).unwrap_or(u32::MAX),
                first_payment_minor: schedule.first_payment_due_minor(),
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
                effective_annual_rate: schedule.effective_annual_rate,
                amount_received_minor: terms.principal_minor - terms.paid_at_start(),
                cost_items: cost_items(product, terms, schedule.total_interest_minor),
                cost_after_refunds_minor: schedule.cost_of_credit_minor
                    - subsidies
                        .iter()
                        .filter(|s| s.delivery == SubsidyDelivery::Refunded)
                        .map(|s| s.amount_minor)
                        .sum::<i64>(),
                subsidies,
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
            path: result.path.clone(),
            offer: result.offer,
            odds: result.odds,
            disclosure,
            cost_rank: result.cost_rank,
            required_fields: product.required_fields.clone(),
        }
    }
}

/// Every way to take one of `candidates` and one of `fixes` (the cheapest few of each) together,
/// merged, cheapest first; the pairs that cannot both hold (two different guarantors) dropped.
fn combine(candidates: &[Vec<Step>], fixes: &[Vec<Step>]) -> Vec<Vec<Step>> {
    let mut next = Vec::with_capacity(candidates.len() * fixes.len().min(ALTERNATIVES_PER_CHECK));
    for base in candidates {
        for fix in fixes.iter().take(ALTERNATIVES_PER_CHECK) {
            let mut steps = Vec::with_capacity(base.len() + fix.len());
            steps.extend_from_slice(base);
            if fix.iter().all(|step| merge(&mut steps, step.clone())) {
                next.push(steps);
            }
        }
    }
    next.sort_by_key(|steps| cost_of(steps));
    next.dedup();
    next.truncate(CANDIDATES);
    next
}

/// The first stages of the paths in the merchant's hands, easiest first, then the most
/// products opened, then the most products led to.
fn first_steps(results: &[ProductMatch]) -> Vec<FirstStep> {
    let mut groups: Vec<FirstStep> = Vec::new();
    for path in results
        .iter()
        .filter_map(|r| r.path.as_ref())
        .filter(|path| path.in_hands())
    {
        let Some(effort) = path.steps.first().map(Step::effort) else {
            continue;
        };
        let stage: Vec<Step> = path
            .steps
            .iter()
            .take_while(|step| step.effort() == effort)
            .cloned()
            .collect();
        let whole = usize::from(stage.len() == path.steps.len());
        match groups.iter_mut().find(|group| group.steps == stage) {
            Some(group) => {
                group.products += 1;
                group.opens += whole;
            }
            None => groups.push(FirstStep {
                steps: stage,
                effort,
                products: 1,
                opens: whole,
            }),
        }
    }
    groups.sort_by(|a, b| {
        (
            a.effort,
            std::cmp::Reverse(a.opens),
            std::cmp::Reverse(a.products),
        )
            .cmp(&(
                b.effort,
                std::cmp::Reverse(b.opens),
                std::cmp::Reverse(b.products),
            ))
            .then_with(|| a.steps.cmp(&b.steps))
    });
    groups
}

/// The most `product` lends on these facts: its maximum, capped by the revenue and collateral
/// limits it sets, in whole yuan (a limit worked out from revenue is lent in yuan, not fen).
fn limit_of(product: &CompactProduct, facts: &Facts<'_>) -> i64 {
    let caps = limit_caps(product, facts);
    [caps.revenue, caps.collateral]
        .into_iter()
        .flatten()
        .fold(product.max_amount, i64::min)
}

/// The caps a product puts on what it lends, from the merchant's revenue and security.
struct LimitCaps {
    /// `revenue_limit_pct` of average monthly revenue, in whole yuan.
    revenue: Option<i64>,
    /// `collateral_limit_pct` of everything pledged, in whole yuan.
    collateral: Option<i64>,
}

fn limit_caps(product: &CompactProduct, facts: &Facts<'_>) -> LimitCaps {
    let collateral = &facts.profile.collateral;
    let pledged = collateral.real_estate_value_minor + collateral.other_value_minor;
    LimitCaps {
        revenue: product
            .revenue_limit_pct
            .map(|pct| whole_yuan(percent_floor(facts.average_revenue_minor, pct))),
        collateral: product
            .collateral_limit_pct
            .map(|pct| whole_yuan(percent_floor(pledged, pct))),
    }
}

/// An amount rounded down to whole yuan.
fn whole_yuan(minor: i64) -> i64 {
    minor - minor.rem_euclid(crate::money::MINOR_PER_MAJOR)
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

/// Orders results: by status, then eligible ones by `key` and the others by the effort of their
/// path, then fewer failed checks, then catalog order. Sorts
/// small keys and moves each result once: results are large, and moving them through a
/// comparison sort dominated matching on big catalogs.
fn sort(results: &mut Vec<ProductMatch>, products: &[CompactProduct], key: SortKey) {
    let mut keys: Vec<(Status, Option<crate::path::Cost>, u64, u32, usize, usize)> = results
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
            let path = r.path.as_ref().map(Path::cost);
            (
                r.status,
                path,
                by_key,
                r.failed.count_ones(),
                r.index,
                position,
            )
        })
        .collect();
    keys.sort_unstable();
    let mut slots: Vec<Option<ProductMatch>> =
        std::mem::take(results).into_iter().map(Some).collect();
    *results = keys
        .iter()
        .filter_map(|(_, _, _, _, _, position)| slots[*position].take())
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
