//! Model features computed from a merchant profile: the bridge between what a Chinese merchant
//! states and what the scorecard's training data (US SBA loans) recorded.
//!
//! Each feature here has the meaning its twin has in `models/sba7a.schema.json`; the mapping is
//! documented there and in the model card. A scorecard that names a feature not listed in
//! [`FEATURES`] is refused when it is loaded.

use crate::classification::Industry;
use crate::profile::{Facility, MerchantProfile};
use crate::scorecard::{Conversion, FeatureValue};

/// Every feature the core can compute. (`real_estate` stays computable for models trained on
/// data that records collateral honestly; the shipped SBA model leaves it out, because the SBA
/// records leak the outcome through it — see its model card.)
pub const FEATURES: &[&str] = &[
    "naics_sector",
    "employees",
    "new_business",
    "franchise",
    "urban_rural",
    "amount_usd",
    "real_estate",
    "revolving",
];

/// The profile field a feature is computed from.
pub fn field_of(feature: &str) -> Option<&'static str> {
    Some(match feature {
        "naics_sector" => "business.industry",
        "employees" => "business.employees",
        "new_business" => "business.months_in_operation",
        "franchise" => "business.franchise",
        "urban_rural" => "location.setting",
        "amount_usd" => "loan.amount_minor",
        "real_estate" => "collateral.real_estate_value_minor",
        "revolving" => "loan.facility",
        _ => return None,
    })
}

/// Months after which a business no longer counts as new (the SBA's two years).
pub const NEW_BUSINESS_MONTHS: i64 = 24;

fn yes_no(yes: bool) -> FeatureValue {
    FeatureValue::Category(if yes { "yes" } else { "no" }.into())
}

/// The value of `feature` for `profile`, or `None` for a feature the core does not know.
pub fn value_of(
    feature: &str,
    profile: &MerchantProfile,
    conversion: &Conversion,
) -> Option<FeatureValue> {
    let business = &profile.business;
    Some(match feature {
        "naics_sector" => FeatureValue::Category(
            Industry::by_code(&business.industry)
                .map_or_else(|| "unknown".to_owned(), |i| format!("{:02}", i.naics.0)),
        ),
        "employees" => FeatureValue::Number(business.employees as f64),
        "new_business" => yes_no(business.months_in_operation < NEW_BUSINESS_MONTHS),
        "franchise" => yes_no(business.franchise),
        "urban_rural" => FeatureValue::Category(
            match profile.location.setting {
                crate::profile::Setting::Urban => "urban",
                crate::profile::Setting::Rural => "rural",
            }
            .into(),
        ),
        // Plain IEEE division: correctly rounded, so identical on every platform.
        "amount_usd" => {
            FeatureValue::Number(profile.loan.amount_minor as f64 / 100.0 / conversion.cny_per_usd)
        }
        "real_estate" => yes_no(profile.collateral.real_estate_value_minor > 0),
        "revolving" => yes_no(profile.loan.facility == Facility::RevolvingLine),
        _ => return None,
    })
}
