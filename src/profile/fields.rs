//! The list of every field of a profile: its dotted path, the section it belongs to and the
//! kind of value it holds.
//!
//! Front ends build their forms from this list, error messages use its paths, and consent
//! bundles disclose fields by these paths, so it is the single place that names them. A test
//! checks it against the serde format, so the two cannot drift apart.

/// Groups of fields, in the order a form asks for them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Section {
    /// Format and date of the profile.
    Document,
    /// Registration and size.
    Business,
    /// Region and setting.
    Location,
    /// Owner background.
    Owner,
    /// Monthly revenue.
    Revenue,
    /// The loan sought.
    Loan,
    /// Tax record.
    Tax,
    /// Power bills.
    Utility,
    /// Social insurance.
    SocialInsurance,
    /// Existing debts.
    Debts,
    /// Collateral and guarantees.
    Security,
    /// Court records and credit lists.
    Court,
}

impl Section {
    /// Every section, in form order.
    pub const ALL: [Section; 12] = [
        Section::Document,
        Section::Business,
        Section::Location,
        Section::Owner,
        Section::Revenue,
        Section::Loan,
        Section::Tax,
        Section::Utility,
        Section::SocialInsurance,
        Section::Debts,
        Section::Security,
        Section::Court,
    ];

    /// The id of the section's heading in the message files (`section-…`).
    pub fn message_id(self) -> &'static str {
        match self {
            Section::Document => "section-document",
            Section::Business => "section-business",
            Section::Location => "section-location",
            Section::Owner => "section-owner",
            Section::Revenue => "section-revenue",
            Section::Loan => "section-loan",
            Section::Tax => "section-tax",
            Section::Utility => "section-utility",
            Section::SocialInsurance => "section-social-insurance",
            Section::Debts => "section-debts",
            Section::Security => "section-security",
            Section::Court => "section-court",
        }
    }

    /// The section of a group of fields (`business`, `debts`), if `path` is one.
    pub fn of_group(path: &str) -> Option<Section> {
        FIELDS
            .iter()
            .find(|spec| within(spec.path, path))
            .map(|spec| spec.section)
    }
}

/// The kind of value a field holds, which decides how a form reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    /// Free text up to a length.
    Text {
        /// Limit in characters.
        max_chars: usize,
    },
    /// A calendar date, `YYYY-MM-DD`.
    Date,
    /// A whole number (count of months, staff …).
    Whole,
    /// Money in minor units; forms show and read major units.
    Money,
    /// Up to twelve monthly amounts in minor units, oldest first.
    MonthlyMoney,
    /// Yes or no.
    Flag,
    /// A GB/T 4754-2017 division code.
    IndustryCode,
    /// A six-digit GB/T 2260 region code.
    RegionCode,
    /// One of a fixed set of values (the serialised names).
    Choice(&'static [&'static str]),
    /// A fixed value that forms do not ask for.
    Fixed(&'static str),
}

/// One field of the profile.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldSpec {
    /// Dotted path, as used in errors and consent bundles.
    pub path: &'static str,
    /// Where a form puts it.
    pub section: Section,
    /// What it holds.
    pub kind: FieldKind,
    /// Whether it may be left out.
    pub optional: bool,
}

impl FieldSpec {
    /// The spec for a path; list entries like `revenue.monthly_minor[3]` resolve to their list.
    pub fn find(path: &str) -> Option<&'static FieldSpec> {
        let base = path.split('[').next().unwrap_or(path);
        FIELDS.iter().find(|spec| spec.path == base)
    }
}

/// Whether a path names a field of the format: a leaf in [`FIELDS`], an entry of a list field
/// (`revenue.monthly_minor[3]`) or an object that holds leaves (`business`).
pub fn is_known_path(path: &str) -> bool {
    FieldSpec::find(path).is_some() || FIELDS.iter().any(|spec| within(spec.path, path))
}

/// Whether the field `path` lies inside the group `group` (`business.name` in `business`).
pub(super) fn within(path: &str, group: &str) -> bool {
    path.strip_prefix(group)
        .is_some_and(|rest| rest.starts_with('.'))
}

const fn field(path: &'static str, section: Section, kind: FieldKind) -> FieldSpec {
    FieldSpec {
        path,
        section,
        kind,
        optional: false,
    }
}

const fn optional(path: &'static str, section: Section, kind: FieldKind) -> FieldSpec {
    FieldSpec {
        path,
        section,
        kind,
        optional: true,
    }
}

use FieldKind::*;
use Section as S;

/// Every field of a profile, in form order.
pub const FIELDS: &[FieldSpec] = &[
    field("schema", S::Document, Fixed(super::SCHEMA)),
    field("currency", S::Document, Fixed("CNY")),
    field("as_of", S::Document, Date),
    field("business.name", S::Business, Text { max_chars: 100 }),
    optional("business.credit_code", S::Business, Text { max_chars: 18 }),
    field(
        "business.legal_form",
        S::Business,
        Choice(&[
            "individual_business",
            "sole_proprietorship",
            "partnership",
            "limited_company",
            "farmers_cooperative",
        ]),
    ),
    field("business.industry", S::Business, IndustryCode),
    field("business.franchise", S::Business, Flag),
    field("business.registered_on", S::Business, Date),
    field("business.months_in_operation", S::Business, Whole),
    field("business.employees", S::Business, Whole),
    field("location.region", S::Location, RegionCode),
    field("location.setting", S::Location, Choice(&["urban", "rural"])),
    field("owner.industry_experience_years", S::Owner, Whole),
    field("revenue.monthly_minor", S::Revenue, MonthlyMoney),
    field("loan.amount_minor", S::Loan, Money),
    field(
        "loan.purpose",
        S::Loan,
        Choice(&[
            "working_capital",
            "inventory",
            "equipment",
            "premises",
            "expansion",
            "seasonal",
            "refinance",
            "other",
        ]),
    ),
    field(
        "loan.facility",
        S::Loan,
        Choice(&["term_loan", "revolving_line"]),
    ),
    field("loan.term_months", S::Loan, Whole),
    field(
        "tax.credit_rating",
        S::Tax,
        Choice(&["A", "B", "M", "C", "D", "unrated"]),
    ),
    field("tax.months_filed_last_12", S::Tax, Whole),
    field("tax.arrears_minor", S::Tax, Money),
    optional("tax.arrears_plan", S::Tax, Flag),
    field("utility.late_payments_last_12", S::Utility, Whole),
    field("utility.arrears_minor", S::Utility, Money),
    optional("utility.arrears_plan", S::Utility, Flag),
    optional("utility.average_monthly_kwh", S::Utility, Whole),
    field("social_insurance.insured_staff", S::SocialInsurance, Whole),
    field(
        "social_insurance.months_paid_last_12",
        S::SocialInsurance,
        Whole,
    ),
    field("social_insurance.arrears_minor", S::SocialInsurance, Money),
    field("debts.outstanding_minor", S::Debts, Money),
    field("debts.monthly_repayment_minor", S::Debts, Money),
    field("debts.lenders", S::Debts, Whole),
    field("collateral.real_estate_value_minor", S::Security, Money),
    field("collateral.other_value_minor", S::Security, Money),
    field(
        "guarantor",
        S::Security,
        Choice(&["none", "individual", "company", "government_guarantee_fund"]),
    ),
    field("court.unsatisfied_judgements", S::Court, Whole),
    field(
        "court.list_status",
        S::Court,
        Choice(&["none", "red_list", "black_list"]),
    ),
];
