//! The merchant profile: what a small business states about itself, modelled on what the
//! public SME credit platforms collect (registration, tax, power use, social insurance, court
//! records) plus the loan it is looking for.
//!
//! Design choices:
//! - Money is an integer count of minor units (fen for CNY), never a float, so values survive
//!   every JSON implementation and the consent bundle's canonical bytes are stable.
//! - Every number is read as `i64` even where only non-negative values make sense, so that
//!   `-3` is reported as "must not be negative" on that field instead of a type error.
//! - The profile carries its own `as_of` date; the core never reads a clock, so "months in
//!   operation cannot exceed the age of the business" is checked against that date.
//! - Unknown fields are rejected (they are almost always typos that would silently drop data).

pub mod columns;
mod fields;
pub mod import;
mod parse;
mod quiet;
mod shape;
pub mod text_form;
mod validate;

pub use fields::{is_known_path, FieldKind, FieldSpec, Section, FIELDS};
pub use parse::{from_deserializer, from_json, from_value, MAX_DOCUMENT_BYTES};
pub(crate) use validate::months_started;
pub use validate::{limits, ValidProfile};

use serde::{Deserialize, Serialize};
use time::Date;

/// The profile format this version reads and writes.
pub const SCHEMA: &str = "prequal.profile/1";

/// Dates as `YYYY-MM-DD`. Read by hand rather than through `time`'s format descriptions, whose
/// parser would add about 12 KB to the browser bundle for this one format; `time` still checks
/// the calendar (month lengths, leap years).
pub(crate) mod iso_date {
    use serde::{de, Deserialize, Deserializer, Serializer};
    use time::{Date, Month};

    pub fn serialize<S: Serializer>(date: &Date, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&super::iso_date_text(*date))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Date, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        parse(&text).ok_or_else(|| {
            de::Error::invalid_value(de::Unexpected::Str(&text), &"a date as YYYY-MM-DD")
        })
    }

    /// `YYYY-MM-DD` with a real calendar date, else `None`.
    pub fn parse(text: &str) -> Option<Date> {
        let bytes = text.as_bytes();
        let digits = |range: std::ops::Range<usize>| -> Option<u32> {
            let part = bytes.get(range)?;
            part.iter().all(u8::is_ascii_digit).then(|| {
                part.iter()
                    .fold(0, |n, digit| n * 10 + u32::from(digit - b'0'))
            })
        };
        if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
            return None;
        }
        let month = Month::try_from(u8::try_from(digits(5..7)?).ok()?).ok()?;
        let day = u8::try_from(digits(8..10)?).ok()?;
        Date::from_calendar_date(i32::try_from(digits(0..4)?).ok()?, month, day).ok()
    }

    #[cfg(test)]
    mod tests {
        use super::parse;

        #[test]
        fn reads_only_real_dates() {
            let date = parse("2024-02-29").expect("leap day");
            assert_eq!(
                (date.year(), u8::from(date.month()), date.day()),
                (2024, 2, 29)
            );
            for bad in [
                "2026-02-29",
                "2026-13-01",
                "2026-00-10",
                "2026-1-01",
                "26-01-01",
                "2026/01/01",
                "２０２６-01-01",
                "2026-01-1x",
                "",
            ] {
                assert_eq!(parse(bad), None, "{bad}");
            }
        }
    }
}

/// A date as `YYYY-MM-DD`, as profiles write it.
pub fn iso_date_text(date: Date) -> String {
    format!(
        "{:04}-{:02}-{:02}",
        date.year(),
        u8::from(date.month()),
        date.day()
    )
}

/// A `YYYY-MM-DD` calendar date, or `None`.
pub fn parse_iso_date(text: &str) -> Option<Date> {
    iso_date::parse(text)
}

/// Everything a merchant states about the business and the loan sought.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MerchantProfile {
    /// Format identifier, [`SCHEMA`].
    pub schema: String,
    /// The date the figures below describe (revenue months end in the month before this).
    #[serde(with = "iso_date")]
    pub as_of: Date,
    /// ISO 4217 currency of every `_minor` amount; this version supports `CNY`.
    pub currency: String,
    /// Who the business is.
    pub business: Business,
    /// Where it trades.
    pub location: Location,
    /// The owner's background.
    pub owner: Owner,
    /// Sales.
    pub revenue: Revenue,
    /// The loan the merchant is looking for.
    pub loan: LoanRequest,
    /// Tax filing record.
    pub tax: TaxRecord,
    /// Power (electricity) bill record.
    pub utility: UtilityRecord,
    /// Social-insurance contributions for staff.
    pub social_insurance: SocialInsurance,
    /// Debts already owed.
    pub debts: ExistingDebts,
    /// Assets offered as security.
    pub collateral: Collateral,
    /// Who, if anyone, guarantees the loan.
    pub guarantor: Guarantor,
    /// Court records and public credit lists.
    pub court: CourtRecord,
}

/// Registration and size.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Business {
    /// Registered name.
    pub name: String,
    /// Unified social credit code (统一社会信用代码, GB 32100-2015), if the merchant gives it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credit_code: Option<String>,
    /// Legal form.
    pub legal_form: LegalForm,
    /// GB/T 4754-2017 division code, two digits (e.g. `"62"` food and beverage services).
    pub industry: String,
    /// Whether the business operates under a franchise.
    pub franchise: bool,
    /// Date of registration (the business licence date).
    #[serde(with = "iso_date")]
    pub registered_on: Date,
    /// Months the business has actually been trading (may be less than its age).
    pub months_in_operation: i64,
    /// Staff on the payroll, the owner included.
    pub employees: i64,
}

/// Legal form of the business.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LegalForm {
    /// 个体工商户.
    IndividualBusiness,
    /// 个人独资企业.
    SoleProprietorship,
    /// 合伙企业.
    Partnership,
    /// 有限责任公司.
    LimitedCompany,
    /// 农民专业合作社.
    FarmersCooperative,
}

/// Where the business trades.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Location {
    /// Six-digit GB/T 2260 administrative division code (e.g. `"330106"`).
    pub region: String,
    /// Urban or rural setting.
    pub setting: Setting,
}

/// Urban or rural location (as in the SBA data the model is trained on).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Setting {
    /// In a city or town.
    Urban,
    /// In the countryside.
    Rural,
}

/// The owner's background.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Owner {
    /// Years of experience in this industry.
    pub industry_experience_years: i64,
}

/// Sales.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Revenue {
    /// Revenue per calendar month in minor units, oldest first, ending with the month before
    /// `as_of`: twelve entries, or one per month in operation for younger businesses.
    pub monthly_minor: Vec<i64>,
}

/// The loan the merchant is looking for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LoanRequest {
    /// Amount sought, minor units.
    pub amount_minor: i64,
    /// What the money is for.
    pub purpose: LoanPurpose,
    /// A term loan or a revolving line.
    pub facility: Facility,
    /// Preferred term in months.
    pub term_months: i64,
}

/// What the loan is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LoanPurpose {
    /// Day-to-day running costs.
    WorkingCapital,
    /// Stock for sale.
    Inventory,
    /// Machines, vehicles, tools.
    Equipment,
    /// Buying or fitting out premises.
    Premises,
    /// Opening a new site or line of business.
    Expansion,
    /// Bridging a seasonal peak (harvest, festivals).
    Seasonal,
    /// Replacing existing, dearer debt.
    Refinance,
    /// Anything else.
    Other,
}

/// Term loan or revolving line (the SBA data's `RevLineCr`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Facility {
    /// Borrowed once, repaid on a schedule.
    TermLoan,
    /// Drawn and repaid as needed up to a limit.
    RevolvingLine,
}

/// Tax filing record (the basis of the tax-bank "银税互动" products).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TaxRecord {
    /// The tax authority's taxpayer credit rating (纳税信用等级).
    pub credit_rating: TaxCreditRating,
    /// Monthly or quarterly returns filed on time in the last 12 months, counted in months covered.
    pub months_filed_last_12: i64,
    /// Tax overdue now, minor units.
    pub arrears_minor: i64,
    /// A plan to pay the overdue tax (分期/延期缴纳) is agreed with the tax office.
    #[serde(default, skip_serializing_if = "is_false")]
    pub arrears_plan: bool,
}

/// Taxpayer credit rating, A (best) to D. Ordered best first (`Unrated` last), so the better
/// of two ratings is the smaller.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum TaxCreditRating {
    /// 90 points or more.
    A,
    /// 70 to 90 points.
    B,
    /// New taxpayers and those without a full year of records.
    M,
    /// 40 to 70 points.
    C,
    /// Below 40 points or serious violations.
    D,
    /// Not yet rated.
    #[serde(rename = "unrated")]
    Unrated,
}

/// Power bill record (utility payments are a strong alternative-data signal for micro firms).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UtilityRecord {
    /// Bills paid late in the last 12 months.
    pub late_payments_last_12: i64,
    /// Power bills overdue now, minor units.
    pub arrears_minor: i64,
    /// A plan to pay the overdue bills is agreed with the power company.
    #[serde(default, skip_serializing_if = "is_false")]
    pub arrears_plan: bool,
    /// Average monthly consumption in kWh, if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub average_monthly_kwh: Option<i64>,
}

/// Social-insurance contributions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SocialInsurance {
    /// Staff for whom contributions are paid.
    pub insured_staff: i64,
    /// Months of the last 12 for which contributions were paid in full.
    pub months_paid_last_12: i64,
    /// Contributions overdue now, minor units.
    pub arrears_minor: i64,
}

/// Debts already owed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExistingDebts {
    /// Total outstanding, minor units.
    pub outstanding_minor: i64,
    /// Total monthly repayments, minor units.
    pub monthly_repayment_minor: i64,
    /// Number of lenders owed.
    pub lenders: i64,
}

/// Assets offered as security, at the merchant's estimate of market value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Collateral {
    /// Real estate (premises, housing), minor units; 0 when none.
    pub real_estate_value_minor: i64,
    /// Other pledgeable assets (equipment, vehicles, receivables), minor units; 0 when none.
    pub other_value_minor: i64,
}

/// Who guarantees the loan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Guarantor {
    /// No guarantee.
    None,
    /// A person.
    Individual,
    /// Another company.
    Company,
    /// A government-backed financing guarantee institution (政府性融资担保机构).
    GovernmentGuaranteeFund,
}

/// Court records and public credit lists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CourtRecord {
    /// Court judgements against the business or owner not yet satisfied (失信被执行).
    pub unsatisfied_judgements: i64,
    /// Standing on the public credit red list (守信) or black list (失信).
    pub list_status: ListStatus,
}

/// Public credit list standing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ListStatus {
    /// On neither list.
    None,
    /// On a red (trustworthy) list.
    RedList,
    /// On a black (seriously untrustworthy) list.
    BlackList,
}

/// For `skip_serializing_if`: a flag that is off is left out, so profiles and bundles written
/// before the flag existed keep their exact bytes.
fn is_false(flag: &bool) -> bool {
    !flag
}

serial_names! {
    LegalForm {
        IndividualBusiness => "individual_business",
        SoleProprietorship => "sole_proprietorship",
        Partnership => "partnership",
        LimitedCompany => "limited_company",
        FarmersCooperative => "farmers_cooperative",
    }
    Setting { Urban => "urban", Rural => "rural" }
    Guarantor {
        None => "none",
        Individual => "individual",
        Company => "company",
        GovernmentGuaranteeFund => "government_guarantee_fund",
    }
    TaxCreditRating { A => "A", B => "B", M => "M", C => "C", D => "D", Unrated => "unrated" }
    Facility { TermLoan => "term_loan", RevolvingLine => "revolving_line" }
}
