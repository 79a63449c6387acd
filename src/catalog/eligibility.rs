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
use crate::money::format_major;
use crate::profile::{Guarantor, LegalForm, ListStatus, MerchantProfile, Setting, TaxCreditRating};
use crate::scorecard::Label;

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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
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

    fn collateral(&self, assets: CollateralAssets) -> i64 {
        let collateral = &self.profile.collateral;
        match assets {
            CollateralAssets::RealEstate => collateral.real_estate_value_minor,
            CollateralAssets::Any => {
                collateral.real_estate_value_minor + collateral.other_value_minor
            }
        }
    }

    fn required_cover(&self, min_cover_pct: u32) -> i64 {
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

    fn debt_service_pct(&self) -> Option<i64> {
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
            Eligibility::MinOwnerExperienceYears(_) => "min_owner_experience_years",
            Eligibility::MonthlyRevenue { .. } => "monthly_revenue",
            Eligibility::MaxGrade(_) => "max_grade",
            Eligibility::TaxRatingIn(_) => "tax_rating_in",
            Eligibility::MinTaxMonthsFiled(_) => "min_tax_months_filed",
            Eligibility::NoTaxArrears => "no_tax_arrears",
            Eligibility::NoUtilityArrears => "no_utility_arrears",
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
            Eligibility::MinMonthsInOperation(_) => &["business.months_in_operation"],
            Eligibility::MinOwnerExperienceYears(_) => &["owner.industry_experience_years"],
            Eligibility::MonthlyRevenue { .. } => &["revenue.monthly_minor"],
            Eligibility::MaxGrade(_) => &[],
            Eligibility::TaxRatingIn(_) => &["tax.credit_rating"],
            Eligibility::MinTaxMonthsFiled(_) => &["tax.months_filed_last_12"],
            Eligibility::NoTaxArrears => &["tax.arrears_minor"],
            Eligibility::NoUtilityArrears => &["utility.arrears_minor"],
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
            | Eligibility::SettingIs(_) => false,
            _ => true,
        }
    }

    /// The rule and how the merchant stands against it, in words; with what would change the
    /// outcome when it does not hold.
    pub fn explain(&self, facts: &Facts<'_>) -> Explanation {
        let p = facts.profile;
        let passed = self.holds(facts);
        let (text, fix) = match self {
            Eligibility::All(rules) | Eligibility::Any(rules) => {
                let parts: Vec<Explanation> = rules.iter().map(|r| r.explain(facts)).collect();
                let (en_join, zh_join) = match self {
                    Eligibility::All(_) => ("; and ", "；并且"),
                    _ => ("; or ", "；或者"),
                };
                let text = Label {
                    en: join(parts.iter().map(|p| p.text.en.as_str()), en_join),
                    zh: join(parts.iter().map(|p| p.text.zh.as_str()), zh_join),
                };
                // For `any`, the easiest alternative is the first failing part's fix; for
                // `all`, every failing part must be fixed.
                let fixes: Vec<&Label> = parts
                    .iter()
                    .filter(|p| !p.passed)
                    .filter_map(|p| p.fix.as_ref())
                    .collect();
                let fix = match self {
                    Eligibility::All(_) if !fixes.is_empty() => Some(Label {
                        en: join(fixes.iter().map(|f| f.en.as_str()), "; "),
                        zh: join(fixes.iter().map(|f| f.zh.as_str()), "；"),
                    }),
                    _ => fixes.first().map(|fix| (*fix).clone()),
                };
                (text, fix)
            }
            Eligibility::RegionIn(prefixes) => (
                label(
                    format!(
                        "for businesses in region {}; yours is {}",
                        prefixes.join(", "),
                        p.location.region
                    ),
                    format!(
                        "限地区 {} 的企业；您在 {}",
                        prefixes.join("、"),
                        p.location.region
                    ),
                ),
                None,
            ),
            Eligibility::IndustryIn(codes) => (
                label(
                    format!(
                        "for industries {}; yours is {}",
                        codes.codes().join(", "),
                        p.business.industry
                    ),
                    format!(
                        "限行业 {}；您的行业为 {}",
                        codes.codes().join("、"),
                        p.business.industry
                    ),
                ),
                None,
            ),
            Eligibility::IndustryNotIn(codes) => (
                label(
                    format!(
                        "not for industries {}; yours is {}",
                        codes.codes().join(", "),
                        p.business.industry
                    ),
                    format!(
                        "不适用于行业 {}；您的行业为 {}",
                        codes.codes().join("、"),
                        p.business.industry
                    ),
                ),
                None,
            ),
            Eligibility::LegalFormIn(forms) => {
                let names = |zh: bool| {
                    join(
                        forms.iter().map(|f| legal_form_name(*f, zh)),
                        if zh { "、" } else { ", " },
                    )
                };
                (
                    label(
                        format!(
                            "for {}; yours is {}",
                            names(false),
                            legal_form_name(p.business.legal_form, false)
                        ),
                        format!(
                            "限{}；您为{}",
                            names(true),
                            legal_form_name(p.business.legal_form, true)
                        ),
                    ),
                    None,
                )
            }
            Eligibility::SettingIs(setting) => (
                label(
                    format!(
                        "for {} businesses; yours is {}",
                        setting_name(*setting, false),
                        setting_name(p.location.setting, false)
                    ),
                    format!(
                        "限{}企业；您在{}",
                        setting_name(*setting, true),
                        setting_name(p.location.setting, true)
                    ),
                ),
                None,
            ),
            Eligibility::MinMonthsInOperation(months) => {
                let have = p.business.months_in_operation;
                let short = i64::from(*months) - have;
                (
                    label(
                        format!("needs {months} months in operation; you have {have}"),
                        format!("需经营满{months}个月；您已经营{have}个月"),
                    ),
                    Some(label(
                        format!("trade {short} more months"),
                        format!("再经营{short}个月"),
                    )),
                )
            }
            Eligibility::MinOwnerExperienceYears(years) => {
                let have = p.owner.industry_experience_years;
                (
                    label(
                        format!("needs {years} years of industry experience; you have {have}"),
                        format!("需行业经验{years}年；您有{have}年"),
                    ),
                    Some(label(
                        format!("{} more years of experience", i64::from(*years) - have),
                        format!("再积累{}年行业经验", i64::from(*years) - have),
                    )),
                )
            }
            Eligibility::MonthlyRevenue {
                min_minor,
                max_minor,
            } => {
                let have = facts.average_revenue_minor;
                let (range_en, range_zh) = match max_minor {
                    Some(max) => (
                        format!("¥{} to ¥{}", format_major(*min_minor), format_major(*max)),
                        format!("¥{}至¥{}", format_major(*min_minor), format_major(*max)),
                    ),
                    None => (
                        format!("at least ¥{}", format_major(*min_minor)),
                        format!("不低于¥{}", format_major(*min_minor)),
                    ),
                };
                let fix = if have < *min_minor {
                    Some(label(
                        format!(
                            "raise average monthly revenue by ¥{}",
                            format_major(min_minor - have)
                        ),
                        format!("月均营业收入再增加¥{}", format_major(min_minor - have)),
                    ))
                } else {
                    None
                };
                (
                    label(
                        format!(
                            "needs average monthly revenue {range_en}; yours is ¥{}",
                            format_major(have)
                        ),
                        format!("需月均营业收入{range_zh}；您为¥{}", format_major(have)),
                    ),
                    fix,
                )
            }
            Eligibility::MaxGrade(grade) => (
                label(
                    format!(
                        "needs risk grade {grade} or better; yours is {}",
                        facts.grade
                    ),
                    format!("需风险等级{grade}或更好；您为{}", facts.grade),
                ),
                Some(label(
                    format!("improve your risk grade to {grade}"),
                    format!("将风险等级提升至{grade}"),
                )),
            ),
            Eligibility::TaxRatingIn(ratings) => {
                let list = join(ratings.iter().map(|r| tax_rating_name(*r)), "/");
                let have = tax_rating_name(p.tax.credit_rating);
                (
                    label(
                        format!("needs a taxpayer credit rating of {list}; yours is {have}"),
                        format!("需纳税信用等级为{list}；您为{have}"),
                    ),
                    Some(label(
                        format!("reach taxpayer credit rating {list}"),
                        format!("纳税信用等级达到{list}"),
                    )),
                )
            }
            Eligibility::MinTaxMonthsFiled(months) => {
                let have = p.tax.months_filed_last_12;
                (
                    label(
                        format!(
                            "needs tax filed for {months} of the last 12 months; you filed {have}"
                        ),
                        format!("需近12个月按时申报纳税{months}个月；您为{have}个月"),
                    ),
                    Some(label(
                        format!(
                            "file tax on time for {} more months",
                            i64::from(*months) - have
                        ),
                        format!("再按时申报{}个月", i64::from(*months) - have),
                    )),
                )
            }
            Eligibility::NoTaxArrears => arrears(p.tax.arrears_minor, "tax", "欠税"),
            Eligibility::NoUtilityArrears => {
                arrears(p.utility.arrears_minor, "power bills", "电费欠费")
            }
            Eligibility::MaxLateUtilityPayments(count) => {
                let have = p.utility.late_payments_last_12;
                (
                    label(
                        format!(
                            "allows at most {count} late power bills in 12 months; you had {have}"
                        ),
                        format!("近12个月电费逾期不超过{count}次；您有{have}次"),
                    ),
                    Some(label(
                        "pay power bills on time for the next year".to_string(),
                        "未来一年按时缴纳电费".to_string(),
                    )),
                )
            }
            Eligibility::MinSocialInsuranceMonths(months) => {
                let have = p.social_insurance.months_paid_last_12;
                (
                    label(
                        format!("needs social insurance paid for {months} of the last 12 months; you paid {have}"),
                        format!("需近12个月足额缴纳社保{months}个月；您为{have}个月"),
                    ),
                    Some(label(
                        format!("pay social insurance in full for {} more months", i64::from(*months) - have),
                        format!("再足额缴纳社保{}个月", i64::from(*months) - have),
                    )),
                )
            }
            Eligibility::NoSocialInsuranceArrears => arrears(
                p.social_insurance.arrears_minor,
                "social insurance",
                "社保欠缴",
            ),
            Eligibility::NoCourtJudgements => {
                let have = p.court.unsatisfied_judgements;
                (
                    label(
                        format!("needs no unsatisfied court judgements; you have {have}"),
                        format!("需无未履行的法院判决；您有{have}项"),
                    ),
                    Some(label(
                        "satisfy the outstanding judgements".to_string(),
                        "履行未履行的判决".to_string(),
                    )),
                )
            }
            Eligibility::NotBlacklisted => (
                label(
                    format!(
                        "not for businesses on a credit black list; you are {}",
                        if p.court.list_status == ListStatus::BlackList {
                            "on one"
                        } else {
                            "not"
                        }
                    ),
                    format!(
                        "不适用于失信名单上的企业；您{}",
                        if p.court.list_status == ListStatus::BlackList {
                            "在名单上"
                        } else {
                            "不在名单上"
                        }
                    ),
                ),
                Some(label(
                    "be removed from the black list (credit repair)".to_string(),
                    "完成信用修复、移出失信名单".to_string(),
                )),
            ),
            Eligibility::MaxDebtServicePct(pct) => {
                let have = facts.debt_service_pct();
                let have_en = have.map_or("no revenue to compare".to_string(), |v| format!("{v}%"));
                let have_zh = have.map_or("无收入可比".to_string(), |v| format!("{v}%"));
                let allowed = percent_of(facts.average_revenue_minor, *pct);
                let over = (p.debts.monthly_repayment_minor - allowed).max(0);
                (
                    label(
                        format!("existing repayments at most {pct}% of monthly revenue; yours are {have_en}"),
                        format!("现有月还款不超过月收入的{pct}%；您为{have_zh}"),
                    ),
                    Some(label(
                        format!("cut monthly repayments by ¥{}", format_major(over)),
                        format!("月还款减少¥{}", format_major(over)),
                    )),
                )
            }
            Eligibility::MaxLenders(count) => {
                let have = p.debts.lenders;
                (
                    label(
                        format!("at most {count} lenders owed now; you owe {have}"),
                        format!("现有贷款机构不超过{count}家；您有{have}家"),
                    ),
                    Some(label(
                        format!("repay {} lenders", have - i64::from(*count)),
                        format!("结清{}家机构的贷款", have - i64::from(*count)),
                    )),
                )
            }
            Eligibility::CollateralRequired {
                assets,
                min_cover_pct,
            } => {
                let need = facts.required_cover(*min_cover_pct);
                let have = facts.collateral(*assets);
                let (what_en, what_zh) = match assets {
                    CollateralAssets::RealEstate => ("real-estate collateral", "房产抵押"),
                    CollateralAssets::Any => ("collateral", "抵质押物"),
                };
                (
                    label(
                        format!(
                            "needs {what_en} worth {min_cover_pct}% of the loan (¥{}); you offer ¥{}",
                            format_major(need),
                            format_major(have)
                        ),
                        format!(
                            "需{what_zh}价值达贷款的{min_cover_pct}%（¥{}）；您提供¥{}",
                            format_major(need),
                            format_major(have)
                        ),
                    ),
                    Some(label(
                        format!("offer ¥{} more {what_en}", format_major((need - have).max(0))),
                        format!("增加¥{}{what_zh}", format_major((need - have).max(0))),
                    )),
                )
            }
            Eligibility::GuarantorIn(guarantors) => {
                let names = |zh: bool| {
                    join(
                        guarantors.iter().map(|g| guarantor_name(*g, zh)),
                        if zh { "或" } else { " or " },
                    )
                };
                (
                    label(
                        format!(
                            "needs a guarantee from {}; you have {}",
                            names(false),
                            guarantor_name(p.guarantor, false)
                        ),
                        format!(
                            "需{}担保；您为{}",
                            names(true),
                            guarantor_name(p.guarantor, true)
                        ),
                    ),
                    Some(label(
                        format!("arrange a guarantee from {}", names(false)),
                        format!("取得{}担保", names(true)),
                    )),
                )
            }
        };
        Explanation {
            rule: self.name(),
            passed,
            actionable: self.actionable(),
            text,
            fix: if passed { None } else { fix },
        }
    }
}

/// A rule in words and how the merchant stands against it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Explanation {
    /// The predicate's name ([`Eligibility::name`]) or an implicit check's.
    pub rule: &'static str,
    /// Whether the merchant meets it.
    pub passed: bool,
    /// Whether the merchant could change the outcome.
    pub actionable: bool,
    /// The rule and the merchant's figure: "needs 24 months in operation; you have 14".
    pub text: Label,
    /// What would change the outcome, when it fails and something would.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix: Option<Label>,
}

fn label(en: String, zh: String) -> Label {
    Label { en, zh }
}

fn join<'a>(parts: impl Iterator<Item = &'a str>, separator: &str) -> String {
    parts.collect::<Vec<_>>().join(separator)
}

fn arrears(amount: i64, en: &str, zh: &str) -> (Label, Option<Label>) {
    (
        label(
            format!("needs no overdue {en}; you owe ¥{}", format_major(amount)),
            format!("需无{zh}；您欠¥{}", format_major(amount)),
        ),
        Some(label(
            format!("pay the ¥{} of overdue {en}", format_major(amount)),
            format!("缴清{zh}¥{}", format_major(amount)),
        )),
    )
}

fn legal_form_name(form: LegalForm, zh: bool) -> &'static str {
    match (form, zh) {
        (LegalForm::IndividualBusiness, false) => "individual businesses",
        (LegalForm::IndividualBusiness, true) => "个体工商户",
        (LegalForm::SoleProprietorship, false) => "sole proprietorships",
        (LegalForm::SoleProprietorship, true) => "个人独资企业",
        (LegalForm::Partnership, false) => "partnerships",
        (LegalForm::Partnership, true) => "合伙企业",
        (LegalForm::LimitedCompany, false) => "limited companies",
        (LegalForm::LimitedCompany, true) => "有限责任公司",
        (LegalForm::FarmersCooperative, false) => "farmers' cooperatives",
        (LegalForm::FarmersCooperative, true) => "农民专业合作社",
    }
}

fn setting_name(setting: Setting, zh: bool) -> &'static str {
    match (setting, zh) {
        (Setting::Urban, false) => "urban",
        (Setting::Urban, true) => "城镇",
        (Setting::Rural, false) => "rural",
        (Setting::Rural, true) => "农村",
    }
}

fn tax_rating_name(rating: TaxCreditRating) -> &'static str {
    match rating {
        TaxCreditRating::A => "A",
        TaxCreditRating::B => "B",
        TaxCreditRating::M => "M",
        TaxCreditRating::C => "C",
        TaxCreditRating::D => "D",
        TaxCreditRating::Unrated => "unrated",
    }
}

fn guarantor_name(guarantor: Guarantor, zh: bool) -> &'static str {
    match (guarantor, zh) {
        (Guarantor::None, false) => "no guarantor",
        (Guarantor::None, true) => "无担保",
        (Guarantor::Individual, false) => "an individual",
        (Guarantor::Individual, true) => "个人",
        (Guarantor::Company, false) => "a company",
        (Guarantor::Company, true) => "企业",
        (Guarantor::GovernmentGuaranteeFund, false) => "a government guarantee fund",
        (Guarantor::GovernmentGuaranteeFund, true) => "政府性融资担保机构",
    }
}
