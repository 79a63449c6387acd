//! Reading a catalog file and checking its values. Structural problems name the JSON path of
//! the first one (as serde stops there); value problems are all reported at once, each with
//! its path (`products[12].pricing.rates[2].max_bp`), so a bank fixes its feed in one pass.

use std::collections::HashSet;

use serde::Serialize;

use super::{Catalog, Eligibility, Grade, Product, RepaymentType, FORMAT, MAX_CATALOG_BYTES};
use crate::classification::{Industry, Province};
use crate::profile::{is_known_path, limits::MAX_AMOUNT_MINOR};
use crate::schedule::{MAX_RATE_BP, MAX_TERM_MONTHS};

/// One problem at one place in the catalog.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[error("{path}: {problem}")]
pub struct CatalogError {
    /// JSON path of the offending value: `products[3].amount.min_minor`; `$` for the file.
    pub path: String,
    /// What is wrong; serialised flat beside `path` with a `problem` tag.
    #[serde(flatten)]
    pub problem: Problem,
}

impl CatalogError {
    /// A problem at `path`.
    pub fn new(path: impl Into<String>, problem: Problem) -> Self {
        Self {
            path: path.into(),
            problem,
        }
    }
}

/// Every problem found in a catalog.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[error("{} problem(s) in the catalog, first: {}", .errors.len(), .errors[0])]
pub struct CatalogErrors {
    /// The problems; never empty.
    pub errors: Vec<CatalogError>,
}

/// The ways a catalog can be wrong.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[serde(tag = "problem", rename_all = "snake_case")]
pub enum Problem {
    /// Not well-formed JSON.
    #[error("not valid JSON: {detail}")]
    Syntax {
        /// The parser's description, with line and column.
        detail: String,
    },
    /// A value of the wrong type or shape.
    #[error("wrong kind of value: {detail}")]
    WrongType {
        /// What was found and what was expected.
        detail: String,
    },
    /// A name the format does not know: a predicate, a field, an enumeration value.
    #[error("unknown name `{name}` ({detail})")]
    UnknownName {
        /// The name found.
        name: String,
        /// The parser's description, listing the names it expected.
        detail: String,
    },
    /// The file is larger than [`MAX_CATALOG_BYTES`].
    #[error("file larger than {max} bytes")]
    TooLarge {
        /// The limit.
        max: usize,
    },
    /// A format this version does not read.
    #[error("format must be {expected}")]
    UnsupportedFormat {
        /// The format read.
        expected: &'static str,
    },
    /// A required value is empty.
    #[error("required")]
    Required,
    /// An id that is not 1–64 characters of lower-case letters, digits and `-`.
    #[error("ids are 1–64 characters of a–z, 0–9 and -")]
    BadId,
    /// An id used twice.
    #[error("duplicate id `{id}`")]
    DuplicateId {
        /// The id.
        id: String,
    },
    /// A product naming an institution the catalog does not list.
    #[error("no institution has id `{id}`")]
    UnknownInstitution {
        /// The id named.
        id: String,
    },
    /// A range whose minimum exceeds its maximum.
    #[error("minimum {min} exceeds maximum {max}")]
    BadRange {
        /// The minimum given.
        min: i64,
        /// The maximum given.
        max: i64,
    },
    /// A number outside its allowed range.
    #[error("must be between {min} and {max}")]
    OutOfRange {
        /// Smallest accepted.
        min: i64,
        /// Largest accepted.
        max: i64,
    },
    /// A code not in its classification standard.
    #[error("unknown {standard} code")]
    UnknownCode {
        /// The standard, e.g. `GB/T 2260`.
        standard: &'static str,
    },
    /// A profile field path the profile format does not have.
    #[error("`{field}` is not a profile field")]
    UnknownField {
        /// The path given.
        field: String,
    },
    /// An eligibility rule reads a field the product does not request in consent bundles, so
    /// the bank could not check the rule itself.
    #[error("eligibility reads `{field}`, which required_fields does not list")]
    NotRequested {
        /// The field.
        field: String,
    },
    /// A grade the eligibility rules accept but the pricing does not price.
    #[error("no rate for grade {grade}, which the eligibility rules accept")]
    MissingRate {
        /// The grade.
        grade: Grade,
    },
    /// Grade rates must run from A without gaps or repeats.
    #[error("rates must list grades in order from A without gaps (expected {expected})")]
    RatesOutOfOrder {
        /// The grade expected at this place.
        expected: Grade,
    },
    /// Text without the required form.
    #[error("must be {expected}")]
    BadFormat {
        /// The form.
        expected: &'static str,
    },
    /// Values that contradict each other.
    #[error("{detail}")]
    Conflict {
        /// What contradicts what.
        detail: &'static str,
    },
    /// Rules nested deeper than [`MAX_RULE_DEPTH`].
    #[error("rules nested deeper than {max}")]
    TooDeep {
        /// The limit.
        max: usize,
    },
}

/// How deeply `all`/`any` may nest; real products need two or three levels.
pub const MAX_RULE_DEPTH: usize = 8;

/// Parses catalog bytes into the typed catalog, naming the path of the first structural problem.
pub(super) fn parse(bytes: &[u8]) -> Result<Catalog, CatalogErrors> {
    let single = |path: &str, problem| CatalogErrors {
        errors: vec![CatalogError::new(path, problem)],
    };
    if bytes.len() > MAX_CATALOG_BYTES {
        return Err(single(
            "$",
            Problem::TooLarge {
                max: MAX_CATALOG_BYTES,
            },
        ));
    }
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    #[cfg(feature = "json-paths")]
    let catalog: Catalog =
        serde_path_to_error::deserialize(&mut deserializer).map_err(|error| {
            let path = match error.path().to_string() {
                path if path == "." => "$".to_string(),
                path => path,
            };
            let inner = error.into_inner();
            single(&path, classify(&inner))
        })?;
    // Without the path, serde_json's message still says the line and column.
    #[cfg(not(feature = "json-paths"))]
    let catalog: Catalog = serde::Deserialize::deserialize(&mut deserializer)
        .map_err(|error: serde_json::Error| single("$", classify(&error)))?;
    deserializer
        .end()
        .map_err(|error| single("$", classify(&error)))?;
    Ok(catalog)
}

fn classify(error: &serde_json::Error) -> Problem {
    use serde_json::error::Category;
    let detail = error.to_string();
    if matches!(error.classify(), Category::Syntax | Category::Eof) {
        return Problem::Syntax { detail };
    }
    let unknown = ["unknown variant `", "unknown field `"]
        .iter()
        .find_map(|prefix| detail.strip_prefix(prefix))
        .and_then(|rest| rest.split('`').next());
    match unknown {
        Some(name) => Problem::UnknownName {
            name: name.to_string(),
            detail,
        },
        None => Problem::WrongType { detail },
    }
}

/// Every value problem, in document order.
pub(super) fn problems(catalog: &Catalog) -> Vec<CatalogError> {
    let mut check = Checker::default();
    if catalog.format != FORMAT {
        check.push("format", Problem::UnsupportedFormat { expected: FORMAT });
    }
    check.text("version", &catalog.version);
    check.label("notice", &catalog.notice);
    if catalog.institutions.is_empty() {
        check.push("institutions", Problem::Required);
    }
    if catalog.products.is_empty() {
        check.push("products", Problem::Required);
    }
    let mut institution_ids = HashSet::new();
    for (i, institution) in catalog.institutions.iter().enumerate() {
        let at = format!("institutions[{i}]");
        check.id(&format!("{at}.id"), &institution.id, &mut institution_ids);
        check.label(&format!("{at}.name"), &institution.name);
        if institution.nationwide && !institution.regions.is_empty() {
            check.push(
                format!("{at}.regions"),
                Problem::Conflict {
                    detail: "a nationwide institution lists no regions",
                },
            );
        }
        if !institution.nationwide && institution.regions.is_empty() {
            check.push(format!("{at}.regions"), Problem::Required);
        }
        check.regions(&format!("{at}.regions"), &institution.regions);
        if !institution.website.starts_with("https://") {
            check.push(
                format!("{at}.website"),
                Problem::BadFormat {
                    expected: "an https:// address",
                },
            );
        }
        check.text(&format!("{at}.phone"), &institution.phone);
        // Bounded because a consent/2 bundle carries it (the record's `controller.contact`).
        check.range(
            &format!("{at}.phone"),
            institution.phone.chars().count() as i64,
            0,
            40,
        );
        if let Some(did) = &institution.response_key {
            if crate::jws::PublicKey::from_did_key(did).is_err() {
                check.push(
                    format!("{at}.response_key"),
                    Problem::BadFormat {
                        expected: "the did:key of an Ed25519 key (not a weak one)",
                    },
                );
            }
        }
        if let Some(protection) = &institution.data_protection {
            let at = format!("{at}.data_protection");
            check.text(&format!("{at}.legal_name"), &protection.legal_name);
            check.range(
                &format!("{at}.legal_name"),
                protection.legal_name.chars().count() as i64,
                0,
                100,
            );
            check.text(&format!("{at}.contact"), &protection.contact);
            check.range(
                &format!("{at}.contact"),
                protection.contact.chars().count() as i64,
                0,
                100,
            );
            if !protection.withdrawal_url.starts_with("https://")
                || protection.withdrawal_url.len() > 200
            {
                check.push(
                    format!("{at}.withdrawal_url"),
                    Problem::BadFormat {
                        expected: "an https:// address of at most 200 characters",
                    },
                );
            }
            check.range(
                &format!("{at}.retention_days"),
                i64::from(protection.retention_days),
                1,
                3650,
            );
        }
    }
    let mut product_ids = HashSet::new();
    for (i, product) in catalog.products.iter().enumerate() {
        check.product(
            &format!("products[{i}]"),
            product,
            &institution_ids,
            &mut product_ids,
        );
    }
    check.errors
}

#[derive(Default)]
struct Checker {
    errors: Vec<CatalogError>,
}

impl Checker {
    fn push(&mut self, path: impl Into<String>, problem: Problem) {
        self.errors.push(CatalogError::new(path, problem));
    }

    fn text(&mut self, path: &str, text: &str) {
        if text.trim().is_empty() {
            self.push(path, Problem::Required);
        }
    }

    fn label(&mut self, path: &str, label: &crate::scorecard::Label) {
        self.text(&format!("{path}.en"), &label.en);
        self.text(&format!("{path}.zh"), &label.zh);
    }

    fn id<'c>(&mut self, path: &str, id: &'c str, seen: &mut HashSet<&'c str>) {
        let well_formed = (1..=64).contains(&id.len())
            && id
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if !well_formed {
            self.push(path, Problem::BadId);
        } else if !seen.insert(id) {
            self.push(path, Problem::DuplicateId { id: id.to_string() });
        }
    }

    fn range(&mut self, path: &str, value: i64, min: i64, max: i64) {
        if !(min..=max).contains(&value) {
            self.push(path, Problem::OutOfRange { min, max });
        }
    }

    fn ordered(&mut self, path: &str, min: i64, max: i64) {
        if min > max {
            self.push(path, Problem::BadRange { min, max });
        }
    }

    fn regions(&mut self, path: &str, prefixes: &[String]) {
        for (i, prefix) in prefixes.iter().enumerate() {
            let well_formed = matches!(prefix.len(), 2 | 4 | 6)
                && prefix.bytes().all(|b| b.is_ascii_digit())
                && Province::of_code(prefix).is_some();
            if !well_formed {
                self.push(
                    format!("{path}[{i}]"),
                    Problem::UnknownCode {
                        standard: "GB/T 2260",
                    },
                );
            }
        }
    }

    fn product<'c>(
        &mut self,
        at: &str,
        product: &'c Product,
        institutions: &HashSet<&str>,
        seen: &mut HashSet<&'c str>,
    ) {
        self.id(&format!("{at}.id"), &product.id, seen);
        if !institutions.contains(product.institution.as_str()) {
            self.push(
                format!("{at}.institution"),
                Problem::UnknownInstitution {
                    id: product.institution.clone(),
                },
            );
        }
        self.label(&format!("{at}.name"), &product.name);
        self.label(&format!("{at}.description"), &product.description);

        let amount = &product.amount;
        self.range(
            &format!("{at}.amount.min_minor"),
            amount.min_minor,
            1,
            MAX_AMOUNT_MINOR,
        );
        self.range(
            &format!("{at}.amount.max_minor"),
            amount.max_minor,
            1,
            MAX_AMOUNT_MINOR,
        );
        self.ordered(&format!("{at}.amount"), amount.min_minor, amount.max_minor);
        for (name, pct) in [
            ("revenue_limit_pct", amount.revenue_limit_pct),
            ("collateral_limit_pct", amount.collateral_limit_pct),
        ] {
            if let Some(pct) = pct {
                self.range(&format!("{at}.amount.{name}"), i64::from(pct), 1, 10_000);
            }
        }

        let terms = product.term_months;
        let max_term = i64::from(MAX_TERM_MONTHS);
        self.range(
            &format!("{at}.term_months.min"),
            i64::from(terms.min),
            1,
            max_term,
        );
        self.range(
            &format!("{at}.term_months.max"),
            i64::from(terms.max),
            1,
            max_term,
        );
        self.ordered(
            &format!("{at}.term_months"),
            i64::from(terms.min),
            i64::from(terms.max),
        );

        if product.repayment.is_empty() {
            self.push(format!("{at}.repayment"), Problem::Required);
        }
        for (i, kind) in product.repayment.iter().enumerate() {
            if product.repayment[..i].contains(kind) {
                self.push(
                    format!("{at}.repayment[{i}]"),
                    Problem::Conflict {
                        detail: "repayment type listed twice",
                    },
                );
            }
        }
        let seasonal = product.repayment.contains(&RepaymentType::Seasonal);
        if seasonal && product.seasonal_months.is_empty() {
            self.push(format!("{at}.seasonal_months"), Problem::Required);
        }
        if !seasonal && !product.seasonal_months.is_empty() {
            self.push(
                format!("{at}.seasonal_months"),
                Problem::Conflict {
                    detail: "seasonal months given but seasonal repayment not offered",
                },
            );
        }
        for (i, month) in product.seasonal_months.iter().enumerate() {
            self.range(
                &format!("{at}.seasonal_months[{i}]"),
                i64::from(*month),
                1,
                12,
            );
        }
        if product.grace_months > 0 {
            if !product.repayment.iter().any(|kind| kind.amortises()) {
                self.push(
                    format!("{at}.grace_months"),
                    Problem::Conflict {
                        detail:
                            "a grace period needs equal instalment or equal principal repayment",
                    },
                );
            }
            self.range(
                &format!("{at}.grace_months"),
                i64::from(product.grace_months),
                0,
                i64::from(product.term_months.min.max(1)) - 1,
            );
        }

        self.pricing(at, product);
        self.range(
            &format!("{at}.prepayment.fee_bp"),
            i64::from(product.prepayment.fee_bp),
            0,
            1_000,
        );
        self.range(
            &format!("{at}.risk_appetite_bp"),
            i64::from(product.risk_appetite_bp),
            1,
            10_000,
        );

        self.rule(&format!("{at}.eligibility"), &product.eligibility, 1);
        if product.rules().len() > super::compiled::MAX_TOP_LEVEL_RULES {
            self.push(
                format!("{at}.eligibility"),
                Problem::OutOfRange {
                    min: 1,
                    max: super::compiled::MAX_TOP_LEVEL_RULES as i64,
                },
            );
        }
        let mut requested = HashSet::new();
        for (i, field) in product.required_fields.iter().enumerate() {
            let path = format!("{at}.required_fields[{i}]");
            if !is_known_path(field) {
                self.push(
                    path,
                    Problem::UnknownField {
                        field: field.clone(),
                    },
                );
            } else if !requested.insert(field.as_str()) {
                self.push(path, Problem::DuplicateId { id: field.clone() });
            }
        }
        for field in product.eligibility.fields() {
            if !requested.contains(field) {
                self.push(
                    format!("{at}.required_fields"),
                    Problem::NotRequested {
                        field: field.to_string(),
                    },
                );
            }
        }
        if product.valid_from > product.valid_until {
            self.push(
                format!("{at}.valid_until"),
                Problem::Conflict {
                    detail: "valid_until is before valid_from",
                },
            );
        }
    }

    fn pricing(&mut self, at: &str, product: &Product) {
        let pricing = &product.pricing;
        if pricing.rates.is_empty() {
            self.push(format!("{at}.pricing.rates"), Problem::Required);
        }
        for (i, rate) in pricing.rates.iter().enumerate() {
            let path = format!("{at}.pricing.rates[{i}]");
            if rate.grade != Grade::ALL[i.min(6)] || i >= Grade::ALL.len() {
                self.push(
                    format!("{path}.grade"),
                    Problem::RatesOutOfOrder {
                        expected: Grade::ALL[i.min(6)],
                    },
                );
            }
            self.range(
                &format!("{path}.min_bp"),
                i64::from(rate.min_bp),
                1,
                MAX_RATE_BP,
            );
            self.range(
                &format!("{path}.max_bp"),
                i64::from(rate.max_bp),
                1,
                MAX_RATE_BP,
            );
            self.ordered(&path, i64::from(rate.min_bp), i64::from(rate.max_bp));
        }
        // Every grade the rules can let through needs a price.
        let accepted = product
            .rules()
            .iter()
            .filter_map(|rule| match rule {
                Eligibility::MaxGrade(grade) => Some(*grade),
                _ => None,
            })
            .min()
            .unwrap_or(Grade::G);
        if let Some(grade) = Grade::ALL
            .into_iter()
            .take_while(|g| *g <= accepted)
            .find(|g| product.rate_for(*g).is_none())
        {
            self.push(
                format!("{at}.pricing.rates"),
                Problem::MissingRate { grade },
            );
        }
        self.range(
            &format!("{at}.pricing.upfront_fee_bp"),
            i64::from(pricing.upfront_fee_bp),
            0,
            1_000,
        );
        self.range(
            &format!("{at}.pricing.monthly_fee_minor"),
            pricing.monthly_fee_minor,
            0,
            MAX_AMOUNT_MINOR,
        );
        for (i, fee) in pricing.fees.iter().enumerate() {
            let path = format!("{at}.pricing.fees[{i}]");
            let bases = [
                fee.flat_minor.is_some(),
                fee.bp_of_amount.is_some(),
                fee.bp_per_year.is_some(),
            ];
            match bases.iter().filter(|given| **given).count() {
                0 => self.push(format!("{path}.flat_minor"), Problem::Required),
                1 => {}
                _ => self.push(
                    path.clone(),
                    Problem::Conflict {
                        detail: "give one of flat_minor, bp_of_amount and bp_per_year",
                    },
                ),
            }
            if let Some(flat) = fee.flat_minor {
                self.range(&format!("{path}.flat_minor"), flat, 0, MAX_AMOUNT_MINOR);
            }
            // Fees above 10 % of the amount (or 10 % a year) are not a small-business loan's.
            for (name, bp) in [
                ("bp_of_amount", fee.bp_of_amount),
                ("bp_per_year", fee.bp_per_year),
            ] {
                if let Some(bp) = bp {
                    self.range(&format!("{path}.{name}"), i64::from(bp), 0, 1_000);
                }
            }
        }
        let lowest = pricing.rates.iter().map(|r| r.min_bp).min().unwrap_or(0);
        if let Some(programme) = &product.programme {
            self.range(
                &format!("{at}.programme.guarantee_fee_bp"),
                i64::from(programme.guarantee_fee_bp),
                0,
                100,
            );
            // A subsidy is a part of the rate: never more than the lowest rate charged.
            self.range(
                &format!("{at}.programme.interest_subsidy_bp"),
                i64::from(programme.interest_subsidy_bp),
                0,
                i64::from(lowest),
            );
        }
        self.subsidies(at, product, lowest);
    }

    /// Each subsidy well formed; together they pay no more than the rate or the fee they are
    /// part of, and the interest subsidy is said once, either the scheme's shorthand or the
    /// list.
    fn subsidies(&mut self, at: &str, product: &Product, lowest_rate_bp: u32) {
        use crate::catalog::{SubsidyDelivery::*, SubsidyKind};
        for (i, subsidy) in product.pricing.subsidies.iter().enumerate() {
            let path = format!("{at}.pricing.subsidies[{i}]");
            self.range(
                &format!("{path}.bp_per_year"),
                i64::from(subsidy.bp_per_year),
                1,
                1_000,
            );
            self.label(&format!("{path}.conditions"), &subsidy.conditions);
        }
        let total =
            |kind| product.subsidy_bp(kind, ReducedCharge) + product.subsidy_bp(kind, Refunded);
        let programme = product.programme.unwrap_or(crate::catalog::Programme {
            scheme: crate::catalog::Scheme::MicroCredit,
            guarantee_fee_bp: 0,
            interest_subsidy_bp: 0,
        });
        let interest = total(SubsidyKind::Interest);
        if interest > 0 && programme.interest_subsidy_bp > 0 {
            self.push(
                format!("{at}.pricing.subsidies"),
                Problem::Conflict {
                    detail: "an interest subsidy is given once: programme.interest_subsidy_bp or pricing.subsidies",
                },
            );
        }
        if interest > lowest_rate_bp {
            self.push(
                format!("{at}.pricing.subsidies"),
                Problem::Conflict {
                    detail: "interest subsidies pay more than the lowest rate charged",
                },
            );
        }
        if total(SubsidyKind::GuaranteeFee) > programme.guarantee_fee_bp {
            self.push(
                format!("{at}.pricing.subsidies"),
                Problem::Conflict {
                    detail: "guarantee-fee subsidies pay more than the scheme's guarantee fee",
                },
            );
        }
    }

    fn rule(&mut self, path: &str, rule: &Eligibility, depth: usize) {
        if depth > MAX_RULE_DEPTH {
            self.push(
                path,
                Problem::TooDeep {
                    max: MAX_RULE_DEPTH,
                },
            );
            return;
        }
        let at = format!("{path}.{}", rule.name());
        let pct = |checker: &mut Self, value: u32, max: i64| {
            checker.range(&at, i64::from(value), 0, max);
        };
        match rule {
            Eligibility::All(rules) | Eligibility::Any(rules) => {
                if rules.is_empty() {
                    self.push(at.clone(), Problem::Required);
                }
                for (i, rule) in rules.iter().enumerate() {
                    self.rule(&format!("{at}[{i}]"), rule, depth + 1);
                }
            }
            Eligibility::RegionIn(prefixes) => {
                if prefixes.is_empty() {
                    self.push(at.clone(), Problem::Required);
                }
                self.regions(&at, prefixes);
            }
            Eligibility::IndustryIn(codes) | Eligibility::IndustryNotIn(codes) => {
                let codes = codes.codes();
                if codes.is_empty() {
                    self.push(at.clone(), Problem::Required);
                }
                for (i, code) in codes.iter().enumerate() {
                    if Industry::by_code(code).is_none() {
                        self.push(
                            format!("{at}[{i}]"),
                            Problem::UnknownCode {
                                standard: "GB/T 4754-2017",
                            },
                        );
                    }
                }
            }
            Eligibility::LegalFormIn(list) if list.is_empty() => self.push(at, Problem::Required),
            Eligibility::TaxRatingIn(list) if list.is_empty() => self.push(at, Problem::Required),
            Eligibility::GuarantorIn(list) if list.is_empty() => self.push(at, Problem::Required),
            Eligibility::MinMonthsInOperation(months)
            | Eligibility::MaxMonthsInOperation(months) => pct(self, *months, 1_200),
            Eligibility::MinOwnerExperienceYears(years) => pct(self, *years, 80),
            Eligibility::MinTaxMonthsFiled(months)
            | Eligibility::MinSocialInsuranceMonths(months) => pct(self, *months, 12),
            Eligibility::MaxLateUtilityPayments(count) => pct(self, *count, 12),
            Eligibility::MaxDebtServicePct(value) => pct(self, *value, 1_000),
            Eligibility::MaxLenders(count) => pct(self, *count, 100),
            Eligibility::CollateralRequired { min_cover_pct, .. } => self.range(
                &format!("{at}.min_cover_pct"),
                i64::from(*min_cover_pct),
                1,
                1_000,
            ),
            Eligibility::MonthlyRevenue {
                min_minor,
                max_minor,
            } => {
                self.range(&format!("{at}.min_minor"), *min_minor, 0, MAX_AMOUNT_MINOR);
                if let Some(max) = max_minor {
                    self.range(&format!("{at}.max_minor"), *max, 0, MAX_AMOUNT_MINOR);
                    self.ordered(&at, *min_minor, *max);
                }
            }
            _ => {}
        }
    }
}
