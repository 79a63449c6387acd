//! Eligibility rules as data: a small closed set of typed predicates on the merchant profile
//! and the risk grade, combined with `all` / `any`.
//!
//! In JSON each rule is an object with one key, the predicate's name; predicates without a
//! parameter may also be written as a bare string:
//!
//! ```json
//! {"all": [
//!   {"min_months_in_operation": 24},
//!   {"max_grade": "D"},
//!   "no_court_judgements",
//!   {"any": [{"tax_rating_in": ["A", "B"]}, {"guarantor_in": ["government_guarantee_fund"]}]}
//! ]}
//! ```
//!
//! Evaluation ([`Eligibility::holds`]) is a few comparisons and allocates nothing, because
//! matching runs it for every product in a catalog of thousands; the words ([`Eligibility::explain`])
//! are made only for the products a screen shows.

use serde::{Deserialize, Serialize};

use super::Grade;
use crate::profile::{Guarantor, LegalForm, ListStatus, MerchantProfile, Setting, TaxCreditRating};

/// One eligibility rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Eligibility {
    /// Every rule holds.
    All(Vec<Eligibility>),
    /// At least one rule holds.
    Any(Vec<Eligibility>),
    /// The business is registered in one of these GB/T 2260 regions, given as code prefixes
    /// (`"33"` a province, `"3301"` a prefecture, `"330106"` a county).
    RegionIn(Vec<String>),
    /// The business's GB/T 4754-2017 division is one of these.
    IndustryIn(Industries),
    /// The business's GB/T 4754-2017 division is none of these.
    IndustryNotIn(Industries),
    /// The business has one of these legal forms.
    LegalFormIn(Vec<LegalForm>),
    /// The business trades in this setting (e.g. rural for agricultural loans).
    SettingIs(Setting),
    /// At least this many months of trading.
    MinMonthsInOperation(u32),
    /// At most this many months of trading (schemes for young businesses).
    MaxMonthsInOperation(u32),
    /// The owner has at least this many years in the industry.
    MinOwnerExperienceYears(u32),
    /// Average monthly revenue (over the months stated) in this range.
    MonthlyRevenue {
        /// Lowest average, minor units.
        min_minor: i64,
        /// Highest average, minor units; none for no ceiling.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        max_minor: Option<i64>,
    },
    /// The risk grade is this or better.
    MaxGrade(Grade),
    /// The taxpayer credit rating is one of these.
    TaxRatingIn(Vec<TaxCreditRating>),
    /// Tax returns filed for at least this many of the last 12 months.
    MinTaxMonthsFiled(u32),
    /// No tax overdue.
    NoTaxArrears,
    /// No power bills overdue.
    NoUtilityArrears,
    /// No tax overdue, or a plan to pay it agreed with the tax office (products that accept an
    /// arrear once it is being repaid).
    TaxArrearsSettledOrPlanned,
    /// No power bills overdue, or a plan to pay them agreed with the power company.
    UtilityArrearsSettledOrPlanned,
    /// At most this many late power bills in the last 12 months.
    MaxLateUtilityPayments(u32),
    /// Social insurance paid in full for at least this many of the last 12 months.
    MinSocialInsuranceMonths(u32),
    /// No social-insurance contributions overdue.
    NoSocialInsuranceArrears,
    /// No unsatisfied court judgements.
    NoCourtJudgements,
    /// Not on a public credit black list.
    NotBlacklisted,
    /// Existing monthly repayments at most this percentage of average monthly revenue.
    MaxDebtServicePct(u32),
    /// Owes at most this many lenders now.
    MaxLenders(u32),
    /// Security worth at least `min_cover_pct` % of the loan sought.
    CollateralRequired {
        /// Which assets count.
        assets: CollateralAssets,
        /// Cover as a percentage of the amount sought.
        min_cover_pct: u32,
    },
    /// The loan is guaranteed by one of these.
    GuarantorIn(Vec<Guarantor>),
}

/// A set of GB/T 4754-2017 division codes: the list as written (for explanations and round
/// trips) and a bitmask of the two-digit numbers, so that matching thousands of products
/// compares bits rather than strings scattered over the heap.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Industries {
    codes: Vec<String>,
    mask: u128,
}

impl Industries {
    /// The set of these codes.
    pub fn new(codes: Vec<String>) -> Self {
        let mask = codes.iter().fold(0, |mask, code| mask | industry_bit(code));
        Industries { codes, mask }
    }

    /// The codes as written.
    pub fn codes(&self) -> &[String] {
        &self.codes
    }

    fn contains(&self, bit: u128) -> bool {
        self.mask & bit != 0
    }

    /// The bitmask.
    pub(crate) fn mask(&self) -> u128 {
        self.mask
    }
}

/// The bit of a two-digit division code (`"62"` → bit 62); 0 for anything else, which no set
/// contains (the catalog check reports such codes).
pub(crate) fn industry_bit(code: &str) -> u128 {
    match code.as_bytes() {
        [tens @ b'0'..=b'9', ones @ b'0'..=b'9'] => 1 << ((tens - b'0') * 10 + (ones - b'0')),
        _ => 0,
    }
}

impl Serialize for Industries {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.codes.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Industries {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Vec::<String>::deserialize(deserializer).map(Industries::new)
    }
}

/// Which pledged assets a collateral rule counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CollateralAssets {
    /// Premises or housing only.
    RealEstate,
    /// Real estate and other pledgeable assets.
    Any,
}

/// What a rule is evaluated against: the profile plus the figures derived from it once per
/// match rather than once per product.
#[derive(Debug, Clone)]
pub struct Facts<'p> {
    /// The validated profile.
    pub profile: &'p MerchantProfile,
    /// The merchant's risk grade.
    pub grade: Grade,
    /// Average monthly revenue over the months stated, minor units (0 with no months).
    pub average_revenue_minor: i64,
    /// The bit of the business's industry in an [`Industries`] mask.
    industry_bit: u128,
}

impl<'p> Facts<'p> {
    /// The facts of `profile` at `grade`.
    pub fn new(profile: &'p MerchantProfile, grade: Grade) -> Self {
        let months = &profile.revenue.monthly_minor;
        let average_revenue_minor = if months.is_empty() {
            0
        } else {
            months.iter().sum::<i64>() / months.len() as i64
        };
        Facts {
            profile,
            grade,
            average_revenue_minor,
            industry_bit: industry_bit(&profile.business.industry),
        }
    }

    pub(crate) fn collateral(&self, assets: CollateralAssets) -> i64 {
        let collateral = &self.profile.collateral;
        match assets {
            CollateralAssets::RealEstate => collateral.real_estate_value_minor,
            CollateralAssets::Any => {
                collateral.real_estate_value_minor + collateral.other_value_minor
            }
        }
    }

    pub(crate) fn required_cover(&self, min_cover_pct: u32) -> i64 {
        percent_of(self.profile.loan.amount_minor, min_cover_pct)
    }

    /// Whether existing repayments are at most `pct` % of average revenue.
    pub(crate) fn debt_service_within(&self, pct: i64) -> bool {
        self.debt_service_pct().is_some_and(|actual| actual <= pct)
    }

    /// Whether the assets counted (real estate, or all with `any`) cover `pct` % of the loan.
    pub(crate) fn collateral_covers(&self, any: bool, pct: u32) -> bool {
        let assets = if any {
            CollateralAssets::Any
        } else {
            CollateralAssets::RealEstate
        };
        self.collateral(assets) >= self.required_cover(pct)
    }

    pub(crate) fn debt_service_pct(&self) -> Option<i64> {
        let repayments = self.profile.debts.monthly_repayment_minor;
        if repayments == 0 {
            Some(0)
        } else if self.average_revenue_minor <= 0 {
            None
        } else {
            Some(ceil_div(repayments * 100, self.average_revenue_minor))
        }
    }
}

/// `value × pct / 100`, rounded up (a requirement, so never understated).
pub(crate) fn percent_of(value: i64, pct: u32) -> i64 {
    let hundredths = i128::from(value) * i128::from(pct);
    i64::try_from((hundredths + 99).div_euclid(100)).unwrap_or(i64::MAX)
}

fn ceil_div(numerator: i64, denominator: i64) -> i64 {
    (numerator + denominator - 1).div_euclid(denominator)
}

fn region_matches(region: &str, prefixes: &[String]) -> bool {
    prefixes
        .iter()
        .any(|prefix| region.starts_with(prefix.as_str()))
}

impl Eligibility {
    /// Whether the rule holds for these facts.
    pub fn holds(&self, facts: &Facts<'_>) -> bool {
        let p = facts.profile;
        match self {
            Eligibility::All(rules) => rules.iter().all(|rule| rule.holds(facts)),
            Eligibility::Any(rules) => rules.iter().any(|rule| rule.holds(facts)),
            Eligibility::RegionIn(prefixes) => region_matches(&p.location.region, prefixes),
            Eligibility::IndustryIn(codes) => codes.contains(facts.industry_bit),
            Eligibility::IndustryNotIn(codes) => !codes.contains(facts.industry_bit),
            Eligibility::LegalFormIn(forms) => forms.contains(&p.business.legal_form),
            Eligibility::SettingIs(setting) => p.location.setting == *setting,
            Eligibility::MinMonthsInOperation(months) => {
                p.business.months_in_operation >= i64::from(*months)
            }
            Eligibility::MaxMonthsInOperation(months) => {
                p.business.months_in_operation <= i64::from(*months)
            }
            Eligibility::MinOwnerExperienceYears(years) => {
                p.owner.industry_experience_years >= i64::from(*years)
            }
            Eligibility::MonthlyRevenue {
                min_minor,
                max_minor,
            } => {
                facts.average_revenue_minor >= *min_minor
                    && max_minor.is_none_or(|max| facts.average_revenue_minor <= max)
            }
            Eligibility::MaxGrade(grade) => facts.grade <= *grade,
            Eligibility::TaxRatingIn(ratings) => ratings.contains(&p.tax.credit_rating),
            Eligibility::MinTaxMonthsFiled(months) => {
                p.tax.months_filed_last_12 >= i64::from(*months)
            }
            Eligibility::NoTaxArrears => p.tax.arrears_minor == 0,
            Eligibility::NoUtilityArrears => p.utility.arrears_minor == 0,
            Eligibility::TaxArrearsSettledOrPlanned => {
                p.tax.arrears_minor == 0 || p.tax.arrears_plan
            }
            Eligibility::UtilityArrearsSettledOrPlanned => {
                p.utility.arrears_minor == 0 || p.utility.arrears_plan
            }
            Eligibility::MaxLateUtilityPayments(count) => {
                p.utility.late_payments_last_12 <= i64::from(*count)
            }
            Eligibility::MinSocialInsuranceMonths(months) => {
                p.social_insurance.months_paid_last_12 >= i64::from(*months)
            }
            Eligibility::NoSocialInsuranceArrears => p.social_insurance.arrears_minor == 0,
            Eligibility::NoCourtJudgements => p.court.unsatisfied_judgements == 0,
            Eligibility::NotBlacklisted => p.court.list_status != ListStatus::BlackList,
            Eligibility::MaxDebtServicePct(pct) => facts.debt_service_within(i64::from(*pct)),
            Eligibility::MaxLenders(count) => p.debts.lenders <= i64::from(*count),
            Eligibility::CollateralRequired {
                assets,
                min_cover_pct,
            } => facts.collateral_covers(*assets == CollateralAssets::Any, *min_cover_pct),
            Eligibility::GuarantorIn(guarantors) => guarantors.contains(&p.guarantor),
        }
    }

    /// The predicate's name as written in the catalog (`all`, `min_months_in_operation`, …).
    pub fn name(&self) -> &'static str {
        match self {
            Eligibility::All(_) => "all",
            Eligibility::Any(_) => "any",
            Eligibility::RegionIn(_) => "region_in",
            Eligibility::IndustryIn(_) => "industry_in",
            Eligibility::IndustryNotIn(_) => "industry_not_in",
            Eligibility::LegalFormIn(_) => "legal_form_in",
            Eligibility::SettingIs(_) => "setting_is",
            Eligibility::MinMonthsInOperation(_) => "min_months_in_operation",
            Eligibility::MaxMonthsInOperation(_) => "max_months_in_operation",
            Eligibility::MinOwnerExperienceYears(_) => "min_owner_experience_years",
            Eligibility::MonthlyRevenue { .. } => "monthly_revenue",
            Eligibility::MaxGrade(_) => "max_grade",
            Eligibility::TaxRatingIn(_) => "tax_rating_in",
            Eligibility::MinTaxMonthsFiled(_) => "min_tax_months_filed",
            Eligibility::NoTaxArrears => "no_tax_arrears",
            Eligibility::NoUtilityArrears => "no_utility_arrears",
            Eligibility::TaxArrearsSettledOrPlanned => "tax_arrears_settled_or_planned",
            Eligibility::UtilityArrearsSettledOrPlanned => "utility_arrears_settled_or_planned",
            Eligibility::MaxLateUtilityPayments(_) => "max_late_utility_payments",
            Eligibility::MinSocialInsuranceMonths(_) => "min_social_insurance_months",
            Eligibility::NoSocialInsuranceArrears => "no_social_insurance_arrears",
            Eligibility::NoCourtJudgements => "no_court_judgements",
            Eligibility::NotBlacklisted => "not_blacklisted",
            Eligibility::MaxDebtServicePct(_) => "max_debt_service_pct",
            Eligibility::MaxLenders(_) => "max_lenders",
            Eligibility::CollateralRequired { .. } => "collateral_required",
            Eligibility::GuarantorIn(_) => "guarantor_in",
        }
    }

    /// The profile fields the rule reads: a product must request them in its consent bundle so
    /// the bank can check the rule itself. The grade is recomputed from the model's own fields.
    pub fn fields(&self) -> Vec<&'static str> {
        let mut fields = Vec::new();
        self.collect_fields(&mut fields);
        fields.sort_unstable();
        fields.dedup();
        fields
    }

    fn collect_fields(&self, out: &mut Vec<&'static str>) {
        let fields: &[&'static str] = match self {
            Eligibility::All(rules) | Eligibility::Any(rules) => {
                rules.iter().for_each(|rule| rule.collect_fields(out));
                &[]
            }
            Eligibility::RegionIn(_) => &["location.region"],
            Eligibility::IndustryIn(_) | Eligibility::IndustryNotIn(_) => &["business.industry"],
            Eligibility::LegalFormIn(_) => &["business.legal_form"],
            Eligibility::SettingIs(_) => &["location.setting"],
            Eligibility::MinMonthsInOperation(_) | Eligibility::MaxMonthsInOperation(_) => {
                &["business.months_in_operation"]
            }
            Eligibility::MinOwnerExperienceYears(_) => &["owner.industry_experience_years"],
            Eligibility::MonthlyRevenue { .. } => &["revenue.monthly_minor"],
            Eligibility::MaxGrade(_) => &[],
            Eligibility::TaxRatingIn(_) => &["tax.credit_rating"],
            Eligibility::MinTaxMonthsFiled(_) => &["tax.months_filed_last_12"],
            Eligibility::NoTaxArrears => &["tax.arrears_minor"],
            Eligibility::NoUtilityArrears => &["utility.arrears_minor"],
            Eligibility::TaxArrearsSettledOrPlanned => &["tax.arrears_minor", "tax.arrears_plan"],
            Eligibility::UtilityArrearsSettledOrPlanned => {
                &["utility.arrears_minor", "utility.arrears_plan"]
            }
            Eligibility::MaxLateUtilityPayments(_) => &["utility.late_payments_last_12"],
            Eligibility::MinSocialInsuranceMonths(_) => &["social_insurance.months_paid_last_12"],
            Eligibility::NoSocialInsuranceArrears => &["social_insurance.arrears_minor"],
            Eligibility::NoCourtJudgements => &["court.unsatisfied_judgements"],
            Eligibility::NotBlacklisted => &["court.list_status"],
            Eligibility::MaxDebtServicePct(_) => {
                &["debts.monthly_repayment_minor", "revenue.monthly_minor"]
            }
            Eligibility::MaxLenders(_) => &["debts.lenders"],
            Eligibility::CollateralRequired { assets, .. } => match assets {
                CollateralAssets::RealEstate => {
                    &["collateral.real_estate_value_minor", "loan.amount_minor"]
                }
                CollateralAssets::Any => &[
                    "collateral.other_value_minor",
                    "collateral.real_estate_value_minor",
                    "loan.amount_minor",
                ],
            },
            Eligibility::GuarantorIn(_) => &["guarantor"],
        };
        out.extend_from_slice(fields);
    }

    /// Whether the merchant can change the outcome (improve the figures, wait, clear arrears),
    /// as opposed to facts of the business (where it is, its industry, its legal form). Only
    /// actionable failures make a product a near miss.
    pub fn actionable(&self) -> bool {
        match self {
            Eligibility::All(rules) | Eligibility::Any(rules) => {
                rules.iter().any(Eligibility::actionable)
            }
            Eligibility::RegionIn(_)
            | Eligibility::IndustryIn(_)
            | Eligibility::IndustryNotIn(_)
            | Eligibility::LegalFormIn(_)
            | Eligibility::SettingIs(_)
            | Eligibility::MaxMonthsInOperation(_) => false,
            _ => true,
        }
    }

    /// The rule and how the merchant stands against it, as data (the requirement and the
    /// merchant's own figure); `prequal-text` puts it into words in any language.
    pub fn explain(&self, facts: &Facts<'_>) -> Explanation {
        let p = facts.profile;
        let check = match self {
            Eligibility::All(rules) => Check::All {
                parts: rules.iter().map(|r| r.explain(facts)).collect(),
            },
            Eligibility::Any(rules) => Check::Any {
                parts: rules.iter().map(|r| r.explain(facts)).collect(),
            },
            Eligibility::RegionIn(regions) => Check::RegionIn {
                regions: regions.clone(),
                yours: p.location.region.clone(),
            },
            Eligibility::IndustryIn(codes) => Check::IndustryIn {
                industries: codes.codes().to_vec(),
                yours: p.business.industry.clone(),
            },
            Eligibility::IndustryNotIn(codes) => Check::IndustryNotIn {
                industries: codes.codes().to_vec(),
                yours: p.business.industry.clone(),
            },
            Eligibility::LegalFormIn(forms) => Check::LegalFormIn {
                forms: forms.clone(),
                yours: p.business.legal_form,
            },
            Eligibility::SettingIs(setting) => Check::SettingIs {
                setting: *setting,
                yours: p.location.setting,
            },
            Eligibility::MinMonthsInOperation(min) => Check::MinMonthsInOperation {
                min: *min,
                yours: p.business.months_in_operation,
            },
            Eligibility::MaxMonthsInOperation(max) => Check::MaxMonthsInOperation {
                max: *max,
                yours: p.business.months_in_operation,
            },
            Eligibility::MinOwnerExperienceYears(min) => Check::MinOwnerExperienceYears {
                min: *min,
                yours: p.owner.industry_experience_years,
            },
            Eligibility::MonthlyRevenue {
                min_minor,
                max_minor,
            } => Check::MonthlyRevenue {
                min_minor: *min_minor,
                max_minor: *max_minor,
                yours_minor: facts.average_revenue_minor,
            },
            Eligibility::MaxGrade(max) => Check::MaxGrade {
                max: *max,
                yours: facts.grade,
            },
            Eligibility::TaxRatingIn(ratings) => Check::TaxRatingIn {
                ratings: ratings.clone(),
                yours: p.tax.credit_rating,
            },
            Eligibility::MinTaxMonthsFiled(min) => Check::MinTaxMonthsFiled {
                min: *min,
                yours: p.tax.months_filed_last_12,
            },
            Eligibility::NoTaxArrears => Check::NoTaxArrears {
                yours_minor: p.tax.arrears_minor,
            },
            Eligibility::TaxArrearsSettledOrPlanned => Check::TaxArrearsSettledOrPlanned {
                yours_minor: p.tax.arrears_minor,
                plan: p.tax.arrears_plan,
            },
            Eligibility::NoUtilityArrears => Check::NoUtilityArrears {
                yours_minor: p.utility.arrears_minor,
            },
            Eligibility::UtilityArrearsSettledOrPlanned => Check::UtilityArrearsSettledOrPlanned {
                yours_minor: p.utility.arrears_minor,
                plan: p.utility.arrears_plan,
            },
            Eligibility::MaxLateUtilityPayments(max) => Check::MaxLateUtilityPayments {
                max: *max,
                yours: p.utility.late_payments_last_12,
            },
            Eligibility::MinSocialInsuranceMonths(min) => Check::MinSocialInsuranceMonths {
                min: *min,
                yours: p.social_insurance.months_paid_last_12,
            },
            Eligibility::NoSocialInsuranceArrears => Check::NoSocialInsuranceArrears {
                yours_minor: p.social_insurance.arrears_minor,
            },
            Eligibility::NoCourtJudgements => Check::NoCourtJudgements {
                yours: p.court.unsatisfied_judgements,
            },
            Eligibility::NotBlacklisted => Check::NotBlacklisted {
                listed: p.court.list_status == ListStatus::BlackList,
            },
            Eligibility::MaxDebtServicePct(max_pct) => Check::MaxDebtServicePct {
                max_pct: *max_pct,
                yours_pct: facts.debt_service_pct(),
            },
            Eligibility::MaxLenders(max) => Check::MaxLenders {
                max: *max,
                yours: p.debts.lenders,
            },
            Eligibility::CollateralRequired {
                assets,
                min_cover_pct,
            } => Check::CollateralRequired {
                assets: *assets,
                min_cover_pct: *min_cover_pct,
                needed_minor: facts.required_cover(*min_cover_pct),
                yours_minor: facts.collateral(*assets),
            },
            Eligibility::GuarantorIn(guarantors) => Check::GuarantorIn {
                guarantors: guarantors.clone(),
                yours: p.guarantor,
            },
        };
        Explanation {
            rule: self.name(),
            passed: self.holds(facts),
            actionable: self.actionable(),
            check,
        }
    }
}

/// A check and how the merchant stands against it, without words.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Explanation {
    /// The predicate's name ([`Eligibility::name`]) or an implicit check's (`serves_region`,
    /// `priced_for_grade`, `limit_reaches_minimum`).
    pub rule: &'static str,
    /// Whether the merchant meets it.
    pub passed: bool,
    /// Whether the merchant could change the outcome.
    pub actionable: bool,
    /// The requirement and the merchant's figure.
    #[serde(flatten)]
    pub check: Check,
}

/// What a check requires and what the merchant has ("yours"), one variant per rule. Amounts
/// are minor units; months and years are whole.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
#[allow(missing_docs)] // The members are the rule's parameters, named as in the catalog.
pub enum Check {
    /// Every part must hold.
    All {
        parts: Vec<Explanation>,
    },
    /// One part must hold.
    Any {
        parts: Vec<Explanation>,
    },
    RegionIn {
        regions: Vec<String>,
        yours: String,
    },
    IndustryIn {
        industries: Vec<String>,
        yours: String,
    },
    IndustryNotIn {
        industries: Vec<String>,
        yours: String,
    },
    LegalFormIn {
        forms: Vec<LegalForm>,
        yours: LegalForm,
    },
    SettingIs {
        setting: Setting,
        yours: Setting,
    },
    MinMonthsInOperation {
        min: u32,
        yours: i64,
    },
    MaxMonthsInOperation {
        max: u32,
        yours: i64,
    },
    MinOwnerExperienceYears {
        min: u32,
        yours: i64,
    },
    MonthlyRevenue {
        min_minor: i64,
        max_minor: Option<i64>,
        yours_minor: i64,
    },
    MaxGrade {
        max: Grade,
        yours: Grade,
    },
    TaxRatingIn {
        ratings: Vec<TaxCreditRating>,
        yours: TaxCreditRating,
    },
    MinTaxMonthsFiled {
        min: u32,
        yours: i64,
    },
    NoTaxArrears {
        yours_minor: i64,
    },
    TaxArrearsSettledOrPlanned {
        yours_minor: i64,
        plan: bool,
    },
    NoUtilityArrears {
        yours_minor: i64,
    },
    UtilityArrearsSettledOrPlanned {
        yours_minor: i64,
        plan: bool,
    },
    MaxLateUtilityPayments {
        max: u32,
        yours: i64,
    },
    MinSocialInsuranceMonths {
        min: u32,
        yours: i64,
    },
    NoSocialInsuranceArrears {
        yours_minor: i64,
    },
    NoCourtJudgements {
        yours: i64,
    },
    NotBlacklisted {
        listed: bool,
    },
    /// `yours_pct` is none when there is no revenue to compare with.
    MaxDebtServicePct {
        max_pct: u32,
        yours_pct: Option<i64>,
    },
    MaxLenders {
        max: u32,
        yours: i64,
    },
    CollateralRequired {
        assets: CollateralAssets,
        min_cover_pct: u32,
        needed_minor: i64,
        yours_minor: i64,
    },
    GuarantorIn {
        guarantors: Vec<Guarantor>,
        yours: Guarantor,
    },
    /// Implicit: the lender lends in the merchant's region.
    ServesRegion {
        nationwide: bool,
        regions: Vec<String>,
        yours: String,
    },
    /// Implicit: the product has a price for the merchant's grade.
    PricedForGrade {
        best: Grade,
        worst: Grade,
        yours: Grade,
    },
    /// Implicit: the most the product would lend (after its revenue and collateral limits)
    /// reaches its smallest loan.
    LimitReachesMinimum {
        min_minor: i64,
        limit_minor: i64,
    },
}
