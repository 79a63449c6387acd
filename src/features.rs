//! Model features computed from a merchant profile: the one place that says what each feature
//! a scorecard may name means, which profile fields it reads, and how it is computed.
//!
//! Two families live here:
//! - the **SBA twins** (`naics_sector`, `employees`, `new_business`, `franchise`,
//!   `urban_rural`, `amount_usd`, `real_estate`, `revolving`), each with the meaning its twin
//!   has in `models/sba7a.schema.json` — the bridge between what a Chinese merchant states and
//!   what the shipped model's US training data recorded;
//! - the **profile library** (revenue level, trend and volatility, months without sales, debt
//!   service and loan size against revenue, collateral cover, insured share of staff, tax
//!   rating, filing and arrears, late power bills, court record, business age, industry
//!   section, province, lenders, the owner's experience) — what a portal or bank that holds
//!   local outcomes trains on from the bulk-profile CSV (`prequal model train`), since these
//!   are exactly the figures a merchant's profile carries.
//!
//! What each feature is, in one line, is written above it (and in `docs/models.md`). A
//! scorecard naming a feature not in [`LIBRARY`] is refused when it is loaded. Every numeric
//! feature is computed with IEEE-754 basic operations and `libm` only, so a value (and the score
//! it leads to) is bit-identical natively and in the browser. Ratios are capped at
//! [`RATIO_CAP`] % so that a near-zero denominator gives a large, finite value.

use crate::classification::{Industry, Province};
use crate::profile::{Facility, ListStatus, MerchantProfile, Setting, TaxCreditRating};
use crate::scorecard::{Conversion, FeatureValue};

/// Months after which a business no longer counts as new (the SBA's two years).
pub const NEW_BUSINESS_MONTHS: i64 = 24;

/// The largest value a ratio feature takes, in percent (ten times the denominator).
pub const RATIO_CAP: f64 = 1_000.0;

/// Whether a feature is a number or one of a closed set of names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A number ([`FeatureValue::Number`]).
    Numeric,
    /// A category name ([`FeatureValue::Category`]).
    Categorical,
}

/// One feature of the library.
#[derive(Debug, Clone, Copy)]
pub struct Feature {
    /// The name a scorecard's characteristic uses.
    pub name: &'static str,
    /// The profile fields it reads (a verifier can recompute it only from a disclosure holding
    /// all of them).
    pub fields: &'static [&'static str],
    /// Number or category.
    pub kind: Kind,
    compute: fn(&MerchantProfile, &Conversion) -> FeatureValue,
}

impl Feature {
    /// The feature's value for `profile`.
    pub fn value(&self, profile: &MerchantProfile, conversion: &Conversion) -> FeatureValue {
        (self.compute)(profile, conversion)
    }
}

const REVENUE: &[&str] = &["revenue.monthly_minor"];

/// Every feature the core can compute, SBA twins first. (`real_estate` stays computable for
/// models trained on data that records collateral honestly; the shipped SBA model leaves it
/// out, because the SBA records leak the outcome through it — see its model card.)
pub const LIBRARY: &[Feature] = &[
    // The NAICS sector nearest the GB/T 4754 division (two digits)
    Feature {
        name: "naics_sector",
        fields: &["business.industry"],
        kind: Kind::Categorical,
        compute: |p, _| {
            category(
                Industry::by_code(&p.business.industry)
                    .map_or_else(|| "unknown".to_owned(), |i| format!("{:02}", i.naics.0)),
            )
        },
    },
    // Staff, the owner included
    Feature {
        name: "employees",
        fields: &["business.employees"],
        kind: Kind::Numeric,
        compute: |p, _| number(p.business.employees as f64),
    },
    // `yes` when trading for less than 24 months
    Feature {
        name: "new_business",
        fields: &["business.months_in_operation"],
        kind: Kind::Categorical,
        compute: |p, _| yes_no(p.business.months_in_operation < NEW_BUSINESS_MONTHS),
    },
    // `yes` for a franchise
    Feature {
        name: "franchise",
        fields: &["business.franchise"],
        kind: Kind::Categorical,
        compute: |p, _| yes_no(p.business.franchise),
    },
    // `urban` or `rural`
    Feature {
        name: "urban_rural",
        fields: &["location.setting"],
        kind: Kind::Categorical,
        compute: |p, _| {
            category(match p.location.setting {
                Setting::Urban => "urban",
                Setting::Rural => "rural",
            })
        },
    },
    // The amount asked for, in US dollars at the artifact's rate
    Feature {
        name: "amount_usd",
        fields: &["loan.amount_minor"],
        kind: Kind::Numeric,
        // Plain IEEE division: correctly rounded, so identical on every platform.
        compute: |p, c| number(p.loan.amount_minor as f64 / 100.0 / c.cny_per_usd),
    },
    // `yes` when real estate is offered as security
    Feature {
        name: "real_estate",
        fields: &["collateral.real_estate_value_minor"],
        kind: Kind::Categorical,
        compute: |p, _| yes_no(p.collateral.real_estate_value_minor > 0),
    },
    // `yes` for a revolving line, `no` for a term loan
    Feature {
        name: "revolving",
        fields: &["loan.facility"],
        kind: Kind::Categorical,
        compute: |p, _| yes_no(p.loan.facility == Facility::RevolvingLine),
    },
    // Average monthly revenue over the months on record, in yuan
    Feature {
        name: "revenue_monthly",
        fields: REVENUE,
        kind: Kind::Numeric,
        compute: |p, _| number(mean(&p.revenue.monthly_minor) / 100.0),
    },
    // The later half of the months on record against the earlier half, as % of the average
    // (0 with fewer than 2 months or no revenue)
    Feature {
        name: "revenue_trend_pct",
        fields: REVENUE,
        kind: Kind::Numeric,
        compute: |p, _| number(revenue_trend_pct(&p.revenue.monthly_minor)),
    },
    // The standard deviation of monthly revenue as % of its average (coefficient of
    // variation; 0 with no revenue)
    Feature {
        name: "revenue_volatility_pct",
        fields: REVENUE,
        kind: Kind::Numeric,
        compute: |p, _| number(revenue_volatility_pct(&p.revenue.monthly_minor)),
    },
    // Months on record with no revenue
    Feature {
        name: "months_without_revenue",
        fields: REVENUE,
        kind: Kind::Numeric,
        compute: |p, _| number(p.revenue.monthly_minor.iter().filter(|&&m| m == 0).count() as f64),
    },
    // Monthly repayments on existing debts as % of average monthly revenue
    Feature {
        name: "debt_service_pct",
        fields: &["debts.monthly_repayment_minor", "revenue.monthly_minor"],
        kind: Kind::Numeric,
        compute: |p, _| {
            number(ratio_pct(
                p.debts.monthly_repayment_minor as f64,
                mean(&p.revenue.monthly_minor),
            ))
        },
    },
    // The amount asked for as % of a year's revenue (12 × the monthly average)
    Feature {
        name: "amount_to_revenue_pct",
        fields: &["loan.amount_minor", "revenue.monthly_minor"],
        kind: Kind::Numeric,
        compute: |p, _| {
            number(ratio_pct(
                p.loan.amount_minor as f64,
                12.0 * mean(&p.revenue.monthly_minor),
            ))
        },
    },
    // Security offered (real estate and other assets) as % of the amount asked for
    Feature {
        name: "collateral_cover_pct",
        fields: &[
            "collateral.real_estate_value_minor",
            "collateral.other_value_minor",
            "loan.amount_minor",
        ],
        kind: Kind::Numeric,
        compute: |p, _| {
            number(ratio_pct(
                p.collateral.real_estate_value_minor as f64 + p.collateral.other_value_minor as f64,
                p.loan.amount_minor as f64,
            ))
        },
    },
    // Staff with social insurance paid, as % of all staff
    Feature {
        name: "insured_share_pct",
        fields: &["social_insurance.insured_staff", "business.employees"],
        kind: Kind::Numeric,
        compute: |p, _| {
            number(ratio_pct(
                p.social_insurance.insured_staff as f64,
                p.business.employees as f64,
            ))
        },
    },
    // The taxpayer credit rating: `A`, `B`, `M`, `C`, `D` or `unrated`
    Feature {
        name: "tax_rating",
        fields: &["tax.credit_rating"],
        kind: Kind::Categorical,
        compute: |p, _| category(TaxCreditRating::name(p.tax.credit_rating)),
    },
    // Months of the last 12 covered by returns filed on time
    Feature {
        name: "tax_months_filed",
        fields: &["tax.months_filed_last_12"],
        kind: Kind::Numeric,
        compute: |p, _| number(p.tax.months_filed_last_12 as f64),
    },
    // Tax overdue now, in yuan
    Feature {
        name: "tax_arrears",
        fields: &["tax.arrears_minor"],
        kind: Kind::Numeric,
        compute: |p, _| number(p.tax.arrears_minor as f64 / 100.0),
    },
    // Power bills paid late in the last 12 months
    Feature {
        name: "utility_late_payments",
        fields: &["utility.late_payments_last_12"],
        kind: Kind::Numeric,
        compute: |p, _| number(p.utility.late_payments_last_12 as f64),
    },
    // `black_list`, else `judgement` (an unsatisfied court judgement), else `red_list`, else
    // `none`
    Feature {
        name: "court_record",
        fields: &["court.unsatisfied_judgements", "court.list_status"],
        kind: Kind::Categorical,
        compute: |p, _| {
            category(
                match (p.court.list_status, p.court.unsatisfied_judgements > 0) {
                    (ListStatus::BlackList, _) => "black_list",
                    (_, true) => "judgement",
                    (ListStatus::RedList, false) => "red_list",
                    (ListStatus::None, false) => "none",
                },
            )
        },
    },
    // Months the business has traded
    Feature {
        name: "months_in_operation",
        fields: &["business.months_in_operation"],
        kind: Kind::Numeric,
        compute: |p, _| number(p.business.months_in_operation as f64),
    },
    // The GB/T 4754 section letter (`A`–`T`) of the industry
    Feature {
        name: "industry_section",
        fields: &["business.industry"],
        kind: Kind::Categorical,
        compute: |p, _| {
            category(
                Industry::by_code(&p.business.industry)
                    .map_or_else(|| "unknown".to_owned(), |i| i.section.to_string()),
            )
        },
    },
    // The GB/T 2260 province code (two digits) of the region
    Feature {
        name: "province",
        fields: &["location.region"],
        kind: Kind::Categorical,
        compute: |p, _| {
            category(
                Province::of_code(&p.location.region).map_or("unknown", |_| {
                    p.location.region.get(..2).unwrap_or("unknown")
                }),
            )
        },
    },
    // Lenders the business owes money to now
    Feature {
        name: "lenders",
        fields: &["debts.lenders"],
        kind: Kind::Numeric,
        compute: |p, _| number(p.debts.lenders as f64),
    },
    // The owner's years of experience in the trade
    Feature {
        name: "owner_experience_years",
        fields: &["owner.industry_experience_years"],
        kind: Kind::Numeric,
        compute: |p, _| number(p.owner.industry_experience_years as f64),
    },
];

/// The library's entry for `name`.
pub fn find(name: &str) -> Option<&'static Feature> {
    LIBRARY.iter().find(|f| f.name == name)
}

/// The profile fields a feature is computed from (empty for a name the core does not know).
pub fn fields_of(feature: &str) -> &'static [&'static str] {
    find(feature).map_or(&[], |f| f.fields)
}

/// The value of `feature` for `profile`, or `None` for a feature the core does not know.
pub fn value_of(
    feature: &str,
    profile: &MerchantProfile,
    conversion: &Conversion,
) -> Option<FeatureValue> {
    find(feature).map(|f| f.value(profile, conversion))
}

fn number(value: f64) -> FeatureValue {
    FeatureValue::Number(value)
}

fn category(name: impl Into<String>) -> FeatureValue {
    FeatureValue::Category(name.into())
}

fn yes_no(yes: bool) -> FeatureValue {
    category(if yes { "yes" } else { "no" })
}

/// The average of the months on record, in fen (0 with none). Sums of fen stay far below
/// 2^53, so the sum is exact.
fn mean(months: &[i64]) -> f64 {
    if months.is_empty() {
        0.0
    } else {
        months.iter().map(|&m| m as f64).sum::<f64>() / months.len() as f64
    }
}

/// `part` as a percentage of `whole`, capped at [`RATIO_CAP`]; 0 when both are 0.
fn ratio_pct(part: f64, whole: f64) -> f64 {
    if part <= 0.0 {
        0.0
    } else if whole <= 0.0 {
        RATIO_CAP
    } else {
        (part / whole * 100.0).min(RATIO_CAP)
    }
}

/// The later half's average minus the earlier half's, as % of the whole average (the middle
/// month of an odd count belongs to neither half).
fn revenue_trend_pct(months: &[i64]) -> f64 {
    let half = months.len() / 2;
    let average = mean(months);
    if half == 0 || average <= 0.0 {
        return 0.0;
    }
    let (earlier, later) = (&months[..half], &months[months.len() - half..]);
    (mean(later) - mean(earlier)) / average * 100.0
}

/// Population standard deviation over the average, in %.
fn revenue_volatility_pct(months: &[i64]) -> f64 {
    let average = mean(months);
    if average <= 0.0 {
        return 0.0;
    }
    let variance = months
        .iter()
        .map(|&m| {
            let d = m as f64 - average;
            d * d
        })
        .sum::<f64>()
        / months.len() as f64;
    libm::sqrt(variance) / average * 100.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(name: &str) -> MerchantProfile {
        let text = std::fs::read_to_string(format!(
            "{}/examples/profiles/{name}.json",
            env!("CARGO_MANIFEST_DIR")
        ))
        .expect("sample profile");
        crate::profile::from_json(&text).expect("sample parses")
    }

    fn value(name: &str, profile: &MerchantProfile) -> FeatureValue {
        value_of(name, profile, &Conversion { cny_per_usd: 7.1 }).expect("a library feature")
    }

    #[test]
    fn names_are_unique_and_read_known_fields() {
        for (i, f) in LIBRARY.iter().enumerate() {
            assert!(
                LIBRARY[..i].iter().all(|g| g.name != f.name),
                "{} twice",
                f.name
            );
            assert!(!f.fields.is_empty(), "{} reads nothing", f.name);
            for field in f.fields {
                assert!(crate::profile::is_known_path(field), "{}: {field}", f.name);
            }
        }
    }

    #[test]
    fn every_feature_has_the_kind_it_declares() {
        for name in ["strong", "weak", "new-business"] {
            let p = sample(name);
            for f in LIBRARY {
                let kind = match value(f.name, &p) {
                    FeatureValue::Number(x) => {
                        assert!(x.is_finite(), "{}: {x}", f.name);
                        Kind::Numeric
                    }
                    FeatureValue::Category(_) => Kind::Categorical,
                };
                assert_eq!(kind, f.kind, "{}", f.name);
            }
        }
    }

    #[test]
    fn the_weak_sample_in_figures() {
        let weak = sample("weak");
        let n = |name| match value(name, &weak) {
            FeatureValue::Number(x) => x,
            other => panic!("{other:?}"),
        };
        // 12 months summing to ¥235,000.
        assert_eq!(n("revenue_monthly"), 235_000.0 / 12.0);
        assert_eq!(n("months_without_revenue"), 0.0);
        assert_eq!(n("tax_arrears"), 3_200.0);
        assert_eq!(n("insured_share_pct"), 0.0);
        assert_eq!(n("collateral_cover_pct"), 0.0);
        // ¥4,500 a month against ¥19,583.33: 22.98 %.
        assert!((n("debt_service_pct") - 22.978_723).abs() < 1e-5);
        // ¥200,000 against ¥235,000 a year.
        assert!((n("amount_to_revenue_pct") - 85.106_383).abs() < 1e-5);
        assert!((n("revenue_volatility_pct") - 25.143_283).abs() < 1e-5);
        assert!((n("revenue_trend_pct") + 2.042_553).abs() < 1e-5);
        assert_eq!(value("tax_rating", &weak), category("M"));
        assert_eq!(value("court_record", &weak), category("none"));
        assert_eq!(value("industry_section", &weak), category("F"));
        assert_eq!(value("province", &weak), category("52"));
    }

    #[test]
    fn edge_cases_stay_finite() {
        assert_eq!(revenue_trend_pct(&[]), 0.0);
        assert_eq!(revenue_trend_pct(&[5]), 0.0);
        assert_eq!(revenue_trend_pct(&[0, 0, 0]), 0.0);
        // The middle month of an odd count is in neither half.
        assert_eq!(
            revenue_trend_pct(&[100, 999, 300]),
            200.0 / (1399.0 / 3.0) * 100.0
        );
        assert_eq!(revenue_trend_pct(&[100, 200, 300, 400]), 80.0);
        assert_eq!(revenue_volatility_pct(&[]), 0.0);
        assert_eq!(revenue_volatility_pct(&[0, 0]), 0.0);
        assert_eq!(revenue_volatility_pct(&[100, 100]), 0.0);
        assert_eq!(revenue_volatility_pct(&[50, 150]), 50.0);
        assert_eq!(ratio_pct(0.0, 0.0), 0.0);
        assert_eq!(ratio_pct(5.0, 0.0), RATIO_CAP);
        assert_eq!(ratio_pct(1e12, 1.0), RATIO_CAP);
        assert_eq!(ratio_pct(1.0, 4.0), 25.0);
    }
}
