//! The catalog compiled for matching: every product's figures and every eligibility rule laid
//! out in flat arrays of small `Copy` values, built once when a catalog is read.
//!
//! Why: the serde form keeps each product's rules, rate table and code lists in separate heap
//! allocations, and deciding 10,000 products spent its time waiting on memory, not comparing.
//! Scanning these arrays front to back lets the processor prefetch them. The serde form stays
//! the source of truth (for explanations and round trips); the property tests check that both
//! forms decide every rule the same way.

use std::ops::Range;

/// Top-level rules are bits 3.. of a product's failure mask (a `u64`, the first three bits the
/// implicit checks); the catalog check keeps products within this many.
pub const MAX_TOP_LEVEL_RULES: usize = 60;

use super::eligibility::{industry_bit, CollateralAssets, Eligibility, Facts};
use super::{Catalog, Grade};
use crate::profile::{Guarantor, LegalForm, ListStatus, Setting, TaxCreditRating};

/// One rule, flattened. Groups are followed by their members (in prefix order); `size` counts
/// every test in the group's subtree, the group itself included.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Test {
    Group { any: bool, size: u32 },
    Region { start: u32, end: u32 },
    IndustryIn { lo: u64, hi: u64 },
    IndustryNotIn { lo: u64, hi: u64 },
    LegalForms(u8),
    Setting(Setting),
    MinMonths(i64),
    MaxMonths(i64),
    MinExperience(i64),
    Revenue { min: i64, max: i64 },
    MaxGrade(Grade),
    TaxRatings(u8),
    MinTaxMonths(i64),
    NoTaxArrears,
    TaxArrearsOrPlan,
    NoUtilityArrears,
    UtilityArrearsOrPlan,
    MaxLate(i64),
    MinInsuranceMonths(i64),
    NoInsuranceArrears,
    NoJudgements,
    NotBlacklisted,
    MaxDebtService(i64),
    MaxLenders(i64),
    Collateral { any: bool, pct: u32 },
    Guarantors(u8),
}

/// A region prefix as numbers: `region / divisor == value`.
#[derive(Debug, Clone, Copy, PartialEq)]
struct RegionPrefix {
    value: u32,
    divisor: u32,
}

/// What deciding a product needs, in one place.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct CompactProduct {
    pub valid_from: time::Date,
    pub valid_until: time::Date,
    pub institution: u32,
    pub kind: super::ProductKind,
    pub term_min: u32,
    pub term_max: u32,
    pub min_amount: i64,
    pub max_amount: i64,
    pub revenue_limit_pct: Option<u32>,
    pub collateral_limit_pct: Option<u32>,
    /// `(min_bp, max_bp)` by grade, `None` where the grade is not priced.
    pub rates: [Option<(u32, u32)>; 7],
    /// The top-level rules' tests.
    tests: Range<u32>,
}

impl CompactProduct {
    /// Whether the product is offered on `date` (its validity dates, inclusive).
    pub fn offered_on(&self, date: time::Date) -> bool {
        self.valid_from <= date && date <= self.valid_until
    }
}

/// The compiled catalog.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Compiled {
    pub products: Vec<CompactProduct>,
    tests: Vec<Test>,
    prefixes: Vec<RegionPrefix>,
    /// Per institution: nationwide, or the prefixes it serves.
    institutions: Vec<Option<Range<u32>>>,
}

/// The profile's facts as the compiled tests read them.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Subject {
    region: u32,
    industry: u128,
    legal_form: u8,
    tax_rating: u8,
    guarantor: u8,
}

impl Subject {
    pub fn of(facts: &Facts<'_>) -> Subject {
        let p = facts.profile;
        Subject {
            region: p.location.region.parse().unwrap_or(0),
            industry: industry_bit(&p.business.industry),
            legal_form: legal_form_bit(p.business.legal_form),
            tax_rating: tax_rating_bit(p.tax.credit_rating),
            guarantor: guarantor_bit(p.guarantor),
        }
    }
}

fn legal_form_bit(form: LegalForm) -> u8 {
    1 << form as u8
}

fn tax_rating_bit(rating: TaxCreditRating) -> u8 {
    1 << rating as u8
}

fn guarantor_bit(guarantor: Guarantor) -> u8 {
    1 << guarantor as u8
}

fn split(mask: u128) -> (u64, u64) {
    (mask as u64, (mask >> 64) as u64)
}

impl Compiled {
    /// Compiles a checked catalog whose products' institutions are `institution_of`.
    pub fn new(catalog: &Catalog, institution_of: &[usize]) -> Compiled {
        let mut compiled = Compiled {
            products: Vec::with_capacity(catalog.products.len()),
            tests: Vec::new(),
            prefixes: Vec::new(),
            institutions: Vec::with_capacity(catalog.institutions.len()),
        };
        for institution in &catalog.institutions {
            let served = if institution.nationwide {
                None
            } else {
                Some(compiled.prefixes(&institution.regions))
            };
            compiled.institutions.push(served);
        }
        for (product, institution) in catalog.products.iter().zip(institution_of) {
            let start = compiled.tests.len() as u32;
            for rule in product.rules() {
                compiled.push(rule);
            }
            let mut rates = [None; 7];
            for rate in &product.pricing.rates {
                rates[rate.grade as usize] = Some((rate.min_bp, rate.max_bp));
            }
            compiled.products.push(CompactProduct {
                valid_from: product.valid_from,
                valid_until: product.valid_until,
                institution: *institution as u32,
                kind: product.kind,
                term_min: product.term_months.min,
                term_max: product.term_months.max,
                min_amount: product.amount.min_minor,
                max_amount: product.amount.max_minor,
                revenue_limit_pct: product.amount.revenue_limit_pct,
                collateral_limit_pct: product.amount.collateral_limit_pct,
                rates,
                tests: start..compiled.tests.len() as u32,
            });
        }
        compiled
    }

    fn prefixes(&mut self, prefixes: &[String]) -> Range<u32> {
        let start = self.prefixes.len() as u32;
        for prefix in prefixes {
            let digits = prefix.len().min(6) as u32;
            self.prefixes.push(RegionPrefix {
                value: prefix.parse().unwrap_or(u32::MAX),
                divisor: 10u32.pow(6 - digits),
            });
        }
        start..self.prefixes.len() as u32
    }

    fn push(&mut self, rule: &Eligibility) {
        let test = match rule {
            Eligibility::All(rules) | Eligibility::Any(rules) => {
                let at = self.tests.len();
                self.tests.push(Test::Group {
                    any: matches!(rule, Eligibility::Any(_)),
                    size: 0,
                });
                for rule in rules {
                    self.push(rule);
                }
                let size = (self.tests.len() - at) as u32;
                self.tests[at] = Test::Group {
                    any: matches!(rule, Eligibility::Any(_)),
                    size,
                };
                return;
            }
            Eligibility::RegionIn(prefixes) => {
                let range = self.prefixes(prefixes);
                Test::Region {
                    start: range.start,
                    end: range.end,
                }
            }
            Eligibility::IndustryIn(codes) => {
                let (lo, hi) = split(codes.mask());
                Test::IndustryIn { lo, hi }
            }
            Eligibility::IndustryNotIn(codes) => {
                let (lo, hi) = split(codes.mask());
                Test::IndustryNotIn { lo, hi }
            }
            Eligibility::LegalFormIn(forms) => {
                Test::LegalForms(forms.iter().fold(0, |m, f| m | legal_form_bit(*f)))
            }
            Eligibility::SettingIs(setting) => Test::Setting(*setting),
            Eligibility::MinMonthsInOperation(m) => Test::MinMonths(i64::from(*m)),
            Eligibility::MaxMonthsInOperation(m) => Test::MaxMonths(i64::from(*m)),
            Eligibility::MinOwnerExperienceYears(y) => Test::MinExperience(i64::from(*y)),
            Eligibility::MonthlyRevenue {
                min_minor,
                max_minor,
            } => Test::Revenue {
                min: *min_minor,
                max: max_minor.unwrap_or(i64::MAX),
            },
            Eligibility::MaxGrade(grade) => Test::MaxGrade(*grade),
            Eligibility::TaxRatingIn(ratings) => {
                Test::TaxRatings(ratings.iter().fold(0, |m, r| m | tax_rating_bit(*r)))
            }
            Eligibility::MinTaxMonthsFiled(m) => Test::MinTaxMonths(i64::from(*m)),
            Eligibility::NoTaxArrears => Test::NoTaxArrears,
            Eligibility::NoUtilityArrears => Test::NoUtilityArrears,
            Eligibility::TaxArrearsSettledOrPlanned => Test::TaxArrearsOrPlan,
            Eligibility::UtilityArrearsSettledOrPlanned => Test::UtilityArrearsOrPlan,
            Eligibility::MaxLateUtilityPayments(c) => Test::MaxLate(i64::from(*c)),
            Eligibility::MinSocialInsuranceMonths(m) => Test::MinInsuranceMonths(i64::from(*m)),
            Eligibility::NoSocialInsuranceArrears => Test::NoInsuranceArrears,
            Eligibility::NoCourtJudgements => Test::NoJudgements,
            Eligibility::NotBlacklisted => Test::NotBlacklisted,
            Eligibility::MaxDebtServicePct(p) => Test::MaxDebtService(i64::from(*p)),
            Eligibility::MaxLenders(c) => Test::MaxLenders(i64::from(*c)),
            Eligibility::CollateralRequired {
                assets,
                min_cover_pct,
            } => Test::Collateral {
                any: *assets == CollateralAssets::Any,
                pct: *min_cover_pct,
            },
            Eligibility::GuarantorIn(guarantors) => {
                Test::Guarantors(guarantors.iter().fold(0, |m, g| m | guarantor_bit(*g)))
            }
        };
        self.tests.push(test);
    }

    /// Whether institution `index` lends in the subject's region.
    pub fn serves(&self, institution: u32, subject: &Subject) -> bool {
        match &self.institutions[institution as usize] {
            None => true,
            Some(range) => self.region_in(range.clone(), subject.region),
        }
    }

    fn region_in(&self, range: Range<u32>, region: u32) -> bool {
        self.prefixes[range.start as usize..range.end as usize]
            .iter()
            .any(|prefix| region / prefix.divisor == prefix.value)
    }

    /// Calls `failed(i)` for each top-level rule `i` of product `index` that does not hold.
    pub fn failed_rules(
        &self,
        index: usize,
        facts: &Facts<'_>,
        subject: &Subject,
        mut failed: impl FnMut(usize),
    ) {
        let range = &self.products[index].tests;
        let mut at = range.start as usize;
        let mut rule = 0;
        while at < range.end as usize {
            let (holds, next) = self.eval(at, facts, subject);
            if !holds {
                failed(rule);
            }
            at = next;
            rule += 1;
        }
    }

    /// Evaluates the test at `at` (and its subtree); returns the outcome and the index after it.
    fn eval(&self, at: usize, facts: &Facts<'_>, subject: &Subject) -> (bool, usize) {
        let p = facts.profile;
        let holds = match &self.tests[at] {
            Test::Group { any, size } => {
                let end = at + *size as usize;
                let mut child = at + 1;
                let mut outcome = !*any;
                while child < end {
                    let (holds, next) = self.eval(child, facts, subject);
                    if holds == *any {
                        outcome = *any;
                    }
                    child = next;
                }
                return (outcome, end);
            }
            Test::Region { start, end } => self.region_in(*start..*end, subject.region),
            Test::IndustryIn { lo, hi } => {
                (u128::from(*lo) | u128::from(*hi) << 64) & subject.industry != 0
            }
            Test::IndustryNotIn { lo, hi } => {
                (u128::from(*lo) | u128::from(*hi) << 64) & subject.industry == 0
            }
            Test::LegalForms(mask) => mask & subject.legal_form != 0,
            Test::Setting(setting) => p.location.setting == *setting,
            Test::MinMonths(m) => p.business.months_in_operation >= *m,
            Test::MaxMonths(m) => p.business.months_in_operation <= *m,
            Test::MinExperience(y) => p.owner.industry_experience_years >= *y,
            Test::Revenue { min, max } => (*min..=*max).contains(&facts.average_revenue_minor),
            Test::MaxGrade(grade) => facts.grade <= *grade,
            Test::TaxRatings(mask) => mask & subject.tax_rating != 0,
            Test::MinTaxMonths(m) => p.tax.months_filed_last_12 >= *m,
            Test::NoTaxArrears => p.tax.arrears_minor == 0,
            Test::NoUtilityArrears => p.utility.arrears_minor == 0,
            Test::TaxArrearsOrPlan => p.tax.arrears_minor == 0 || p.tax.arrears_plan,
            Test::UtilityArrearsOrPlan => p.utility.arrears_minor == 0 || p.utility.arrears_plan,
            Test::MaxLate(c) => p.utility.late_payments_last_12 <= *c,
            Test::MinInsuranceMonths(m) => p.social_insurance.months_paid_last_12 >= *m,
            Test::NoInsuranceArrears => p.social_insurance.arrears_minor == 0,
            Test::NoJudgements => p.court.unsatisfied_judgements == 0,
            Test::NotBlacklisted => p.court.list_status != ListStatus::BlackList,
            Test::MaxDebtService(pct) => facts.debt_service_within(*pct),
            Test::MaxLenders(c) => p.debts.lenders <= *c,
            Test::Collateral { any, pct } => facts.collateral_covers(*any, *pct),
            Test::Guarantors(mask) => mask & subject.guarantor != 0,
        };
        (holds, at + 1)
    }
}
