//! The value rules of a profile. [`MerchantProfile::validate`] checks all of them and reports
//! every broken one at once, so a merchant fixes a form in one pass, not one error at a time.
//!
//! Cross-field rules (months in operation against the registration date, insured staff against
//! employees, …) are only checked when the other field is itself valid, so one mistake is not
//! reported twice.

use time::Date;

use super::{MerchantProfile, SCHEMA};
use crate::classification::{credit_code, Industry, Province};
use crate::error::{FieldError, ProfileErrors, Rule};

/// Limits on magnitudes, chosen well above any small or micro business so that they only catch
/// typos (an extra three zeros) and hostile input.
pub mod limits {
    /// Any single amount: 10 billion yuan, in fen.
    pub const MAX_AMOUNT_MINOR: i64 = 1_000_000_000_000;
    /// Employees on the payroll.
    pub const MAX_EMPLOYEES: i64 = 100_000;
    /// Months in operation: a century.
    pub const MAX_MONTHS_IN_OPERATION: i64 = 1_200;
    /// Years of industry experience.
    pub const MAX_EXPERIENCE_YEARS: i64 = 80;
    /// Loan term in months.
    pub const MAX_TERM_MONTHS: i64 = 360;
    /// Months of revenue history read.
    pub const REVENUE_MONTHS: usize = 12;
    /// Lenders currently owed.
    pub const MAX_LENDERS: i64 = 100;
    /// Unsatisfied court judgements.
    pub const MAX_JUDGEMENTS: i64 = 1_000;
    /// Average monthly power use in kWh.
    pub const MAX_MONTHLY_KWH: i64 = 10_000_000;
    /// Business name length in characters.
    pub const MAX_NAME_CHARS: usize = 100;
}

use limits::*;

/// A profile that passed every rule. Scoring, matching and consent bundles take this type, so
/// they never see unchecked input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidProfile(MerchantProfile);

impl ValidProfile {
    /// The checked profile.
    pub fn profile(&self) -> &MerchantProfile {
        &self.0
    }

    /// Gives the profile back, e.g. for editing.
    pub fn into_inner(self) -> MerchantProfile {
        self.0
    }
}

impl TryFrom<MerchantProfile> for ValidProfile {
    type Error = ProfileErrors;

    fn try_from(profile: MerchantProfile) -> Result<Self, ProfileErrors> {
        let errors = profile.problems();
        if errors.is_empty() {
            Ok(ValidProfile(profile))
        } else {
            Err(ProfileErrors { errors })
        }
    }
}

impl MerchantProfile {
    /// Checks every rule and returns the checked profile, or every problem at once.
    pub fn validate(&self) -> Result<ValidProfile, ProfileErrors> {
        ValidProfile::try_from(self.clone())
    }

    /// Every broken rule, in field order; empty when the profile is valid.
    pub fn problems(&self) -> Vec<FieldError> {
        let mut check = Checker::default();
        let business = &self.business;

        if self.schema != SCHEMA {
            check.fail("schema", Rule::NotSupported { supported: SCHEMA });
        }
        if self.currency != "CNY" {
            check.fail("currency", Rule::NotSupported { supported: "CNY" });
        }

        check.text("business.name", &business.name, MAX_NAME_CHARS, true);
        if let Some(code) = &business.credit_code {
            if check.text("business.credit_code", code, 18, true) {
                if let Err(rule) = credit_code::check(code) {
                    check.fail("business.credit_code", rule);
                }
            }
        }
        if check.text("business.industry", &business.industry, 2, true)
            && Industry::by_code(&business.industry).is_none()
        {
            check.fail(
                "business.industry",
                Rule::UnknownCode {
                    standard: "GB/T 4754-2017",
                },
            );
        }
        let age_limit = if business.registered_on > self.as_of {
            check.fail(
                "business.registered_on",
                Rule::AfterDate {
                    other: "as_of".into(),
                },
            );
            None
        } else {
            Some(months_started(business.registered_on, self.as_of))
        };
        let months = check.count(
            "business.months_in_operation",
            business.months_in_operation,
            MAX_MONTHS_IN_OPERATION,
        );
        let months = match (months, age_limit) {
            (Some(months), Some(limit)) if months > limit => {
                check.exceeds(
                    "business.months_in_operation",
                    "business.registered_on",
                    limit,
                );
                None
            }
            (months, _) => months,
        };
        let employees = match check.count("business.employees", business.employees, MAX_EMPLOYEES) {
            Some(0) => {
                check.fail(
                    "business.employees",
                    Rule::OutOfRange {
                        min: 1,
                        max: MAX_EMPLOYEES,
                    },
                );
                None
            }
            employees => employees,
        };

        let region = &self.location.region;
        if check.text("location.region", region, 6, true) {
            if region.len() != 6 || !region.bytes().all(|b| b.is_ascii_digit()) {
                check.fail(
                    "location.region",
                    Rule::BadFormat {
                        expected: crate::error::expected::SIX_DIGITS,
                    },
                );
            } else if Province::of_code(region).is_none() {
                check.fail(
                    "location.region",
                    Rule::UnknownCode {
                        standard: "GB/T 2260",
                    },
                );
            }
        }

        check.count(
            "owner.industry_experience_years",
            self.owner.industry_experience_years,
            MAX_EXPERIENCE_YEARS,
        );

        let revenue = &self.revenue.monthly_minor;
        let expected_months = months.map_or(REVENUE_MONTHS, |m| REVENUE_MONTHS.min(m as usize));
        if revenue.len() > REVENUE_MONTHS || (months.is_some() && revenue.len() != expected_months)
        {
            check.fail(
                "revenue.monthly_minor",
                Rule::WrongCount {
                    expected: expected_months,
                    found: revenue.len(),
                },
            );
        }
        for (index, amount) in revenue.iter().enumerate() {
            check.amount(&format!("revenue.monthly_minor[{index}]"), *amount);
        }

        let loan = &self.loan;
        if check.amount("loan.amount_minor", loan.amount_minor) == Some(0) {
            check.fail("loan.amount_minor", Rule::Required);
        }
        check.range("loan.term_months", loan.term_months, 1, MAX_TERM_MONTHS);

        let tax = &self.tax;
        check.months_of_last_year("tax.months_filed_last_12", tax.months_filed_last_12, months);
        check.amount("tax.arrears_minor", tax.arrears_minor);

        let utility = &self.utility;
        check.months_of_last_year(
            "utility.late_payments_last_12",
            utility.late_payments_last_12,
            months,
        );
        check.amount("utility.arrears_minor", utility.arrears_minor);
        if let Some(kwh) = utility.average_monthly_kwh {
            check.count("utility.average_monthly_kwh", kwh, MAX_MONTHLY_KWH);
        }

        let insurance = &self.social_insurance;
        let insured = check.count(
            "social_insurance.insured_staff",
            insurance.insured_staff,
            MAX_EMPLOYEES,
        );
        if let (Some(insured), Some(employees)) = (insured, employees) {
            if insured > employees {
                check.exceeds(
                    "social_insurance.insured_staff",
                    "business.employees",
                    employees,
                );
            }
        }
        check.months_of_last_year(
            "social_insurance.months_paid_last_12",
            insurance.months_paid_last_12,
            months,
        );
        check.amount("social_insurance.arrears_minor", insurance.arrears_minor);

        let debts = &self.debts;
        let outstanding = check.amount("debts.outstanding_minor", debts.outstanding_minor);
        check.amount(
            "debts.monthly_repayment_minor",
            debts.monthly_repayment_minor,
        );
        let lenders = check.count("debts.lenders", debts.lenders, MAX_LENDERS);
        if matches!((outstanding, lenders), (Some(o), Some(0)) if o > 0) {
            check.fail(
                "debts.lenders",
                Rule::OutOfRange {
                    min: 1,
                    max: MAX_LENDERS,
                },
            );
        }

        check.amount(
            "collateral.real_estate_value_minor",
            self.collateral.real_estate_value_minor,
        );
        check.amount(
            "collateral.other_value_minor",
            self.collateral.other_value_minor,
        );
        check.count(
            "court.unsatisfied_judgements",
            self.court.unsatisfied_judgements,
            MAX_JUDGEMENTS,
        );

        check.errors
    }
}

/// The business's age in months as a merchant would count it: full months since registration
/// plus the month under way.
/// The months a business registered on `from` can have traded by `to`, counting the month it
/// started: the limit on `business.months_in_operation`.
pub(crate) fn months_started(from: Date, to: Date) -> i64 {
    let mut months =
        (to.year() - from.year()) as i64 * 12 + (to.month() as i64 - from.month() as i64);
    if to.day() < from.day() {
        months -= 1;
    }
    months + 1
}

/// Collects broken rules; each check returns the value when it passed, for cross-field rules.
#[derive(Default)]
struct Checker {
    errors: Vec<FieldError>,
}

impl Checker {
    fn fail(&mut self, field: &str, rule: Rule) {
        self.errors.push(FieldError::new(field, rule));
    }

    fn exceeds(&mut self, field: &str, other: &str, limit: i64) {
        self.fail(
            field,
            Rule::Exceeds {
                other: other.into(),
                limit,
            },
        );
    }

    /// Text that is present (if `required`) and within `max_chars`; true when it passed.
    fn text(&mut self, field: &str, value: &str, max_chars: usize, required: bool) -> bool {
        if required && value.trim().is_empty() {
            self.fail(field, Rule::Required);
            false
        } else if value.chars().count() > max_chars {
            self.fail(field, Rule::TooLong { max_chars });
            false
        } else {
            true
        }
    }

    /// A non-negative number up to `max`.
    fn count(&mut self, field: &str, value: i64, max: i64) -> Option<i64> {
        if value < 0 {
            self.fail(field, Rule::Negative);
            None
        } else if value > max {
            self.fail(field, Rule::TooLarge { max });
            None
        } else {
            Some(value)
        }
    }

    /// A money amount in minor units.
    fn amount(&mut self, field: &str, value: i64) -> Option<i64> {
        self.count(field, value, MAX_AMOUNT_MINOR)
    }

    fn range(&mut self, field: &str, value: i64, min: i64, max: i64) -> Option<i64> {
        if (min..=max).contains(&value) {
            Some(value)
        } else {
            self.fail(field, Rule::OutOfRange { min, max });
            None
        }
    }

    /// A count of months within the last twelve, which cannot exceed the months in operation.
    fn months_of_last_year(&mut self, field: &str, value: i64, months_in_operation: Option<i64>) {
        if let Some(value) = self.range(field, value, 0, REVENUE_MONTHS as i64) {
            if let Some(months) = months_in_operation {
                if value > months {
                    self.exceeds(field, "business.months_in_operation", months);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn age_counts_the_month_under_way() {
        assert_eq!(
            months_started(date!(2026 - 11 - 01), date!(2026 - 11 - 01)),
            1
        );
        assert_eq!(
            months_started(date!(2026 - 10 - 28), date!(2026 - 11 - 01)),
            1
        );
        assert_eq!(
            months_started(date!(2026 - 10 - 01), date!(2026 - 11 - 01)),
            2
        );
        assert_eq!(
            months_started(date!(2016 - 03 - 15), date!(2026 - 11 - 01)),
            128
        );
    }
}
