//! Disclosed fields: picking them out of a profile, and checking a disclosure against the
//! profile rules on the bank's side.
//!
//! A disclosure is a map from field path (`profile::FIELDS`) to the value as it appears in the
//! profile JSON. To check it, the verifier completes it into a whole profile with neutral
//! placeholders for the fields not disclosed — chosen so that no cross-field rule can fail on a
//! placeholder (registered long ago, the most employees, no months of filing required, …) —
//! and runs the ordinary validation. The profile rules are the single source of truth; nothing
//! here repeats them.

use std::collections::BTreeMap;

use serde_json::{json, Value};

use crate::error::{FieldError, ProfileErrors, Rule};
use crate::profile::{self, limits, FieldSpec, MerchantProfile, Section, ValidProfile};

/// Whether `path` can be disclosed: a leaf field of `profile::FIELDS`, named exactly (not a
/// section such as `tax`, not a list entry such as `revenue.monthly_minor[3]`), outside the
/// document section (`schema`, `currency` and `as_of` travel in the payload itself). Leaves
/// never overlap, so no value can be disclosed twice.
pub fn is_disclosable(path: &str) -> bool {
    FieldSpec::find(path).is_some_and(|spec| spec.path == path && spec.section != Section::Document)
}

fn get<'v>(value: &'v Value, path: &str) -> Option<&'v Value> {
    path.split('.').try_fold(value, |node, key| node.get(key))
}

fn set(value: &mut Value, path: &str, new: Value) {
    let mut node = value;
    let mut keys = path.split('.').peekable();
    while let Some(key) = keys.next() {
        if keys.peek().is_none() {
            if let Some(object) = node.as_object_mut() {
                object.insert(key.to_string(), new);
            }
            return;
        }
        node = match node.get_mut(key) {
            Some(next) => next,
            None => return,
        };
    }
}

/// The values of `fields` in `profile`. Optional fields the profile leaves out are left out.
pub fn disclose(
    profile: &MerchantProfile,
    fields: &[String],
) -> Result<BTreeMap<String, Value>, FieldError> {
    let value = serde_json::to_value(profile).unwrap_or(Value::Null);
    let mut disclosed = BTreeMap::new();
    for field in fields {
        if !is_disclosable(field) {
            return Err(FieldError::new(field.clone(), Rule::UnknownField));
        }
        if let Some(v) = get(&value, field) {
            disclosed.insert(field.clone(), v.clone());
        }
    }
    Ok(disclosed)
}

/// Completes a disclosure into a whole profile dated `as_of` and validates it; the errors are
/// those of the disclosed fields.
pub fn merge_disclosed(
    disclosed: &BTreeMap<String, Value>,
    as_of: &str,
) -> Result<ValidProfile, ProfileErrors> {
    let unknown: Vec<FieldError> = disclosed
        .keys()
        .filter(|path| !is_disclosable(path))
        .map(|path| FieldError::new(path.clone(), Rule::UnknownField))
        .collect();
    if !unknown.is_empty() {
        return Err(ProfileErrors { errors: unknown });
    }
    let given = |path: &str| disclosed.get(path);

    // Placeholders that no cross-field rule can trip over.
    let revenue_months = given("revenue.monthly_minor")
        .and_then(Value::as_array)
        .map(Vec::len);
    let months = match (given("business.months_in_operation"), revenue_months) {
        (Some(months), _) => months.as_i64().unwrap_or(120),
        (None, Some(n)) if n < limits::REVENUE_MONTHS => n as i64,
        (None, _) => given("business.registered_on")
            .and_then(|registered| {
                let registered = profile::parse_iso_date(registered.as_str()?)?;
                Some(profile::months_started(
                    registered,
                    profile::parse_iso_date(as_of)?,
                ))
            })
            .map_or(120, |age| age.clamp(0, 120)),
    };
    let revenue = vec![0; months.clamp(0, limits::REVENUE_MONTHS as i64) as usize];
    let outstanding = given("debts.outstanding_minor")
        .and_then(Value::as_i64)
        .unwrap_or(0);
    let mut base = json!({
        "schema": profile::SCHEMA,
        "as_of": as_of,
        "currency": "CNY",
        "business": {
            "name": "(not disclosed)",
            "legal_form": "individual_business",
            "industry": "52",
            "franchise": false,
            "registered_on": "1900-01-01",
            "months_in_operation": months,
            "employees": limits::MAX_EMPLOYEES
        },
        "location": {"region": "110101", "setting": "urban"},
        "owner": {"industry_experience_years": 0},
        "revenue": {"monthly_minor": revenue},
        "loan": {"amount_minor": 1, "purpose": "other", "facility": "term_loan", "term_months": 1},
        "tax": {"credit_rating": "unrated", "months_filed_last_12": 0, "arrears_minor": 0},
        "utility": {"late_payments_last_12": 0, "arrears_minor": 0},
        "social_insurance": {"insured_staff": 0, "months_paid_last_12": 0, "arrears_minor": 0},
        "debts": {"outstanding_minor": 0, "monthly_repayment_minor": 0, "lenders": i64::from(outstanding > 0)},
        "collateral": {"real_estate_value_minor": 0, "other_value_minor": 0},
        "guarantor": "none",
        "court": {"unsatisfied_judgements": 0, "list_status": "none"}
    });
    for (path, value) in disclosed {
        set(&mut base, path, value.clone());
    }
    let disclosed_error = |error: &FieldError| {
        disclosed.keys().any(|path| {
            error.field == *path
                || error.field.starts_with(&format!("{path}["))
                || error.field.starts_with(&format!("{path}."))
        })
    };
    let profile = profile::from_value(base).map_err(|errors| ProfileErrors {
        errors: errors.errors,
    })?;
    profile.validate().map_err(|errors| {
        let mine: Vec<FieldError> = errors
            .errors
            .iter()
            .filter(|e| disclosed_error(e))
            .cloned()
            .collect();
        // Placeholders never conflict with one another; should a conflict between a
        // disclosed field and a placeholder surface anyway, report everything rather than
        // nothing.
        ProfileErrors {
            errors: if mine.is_empty() { errors.errors } else { mine },
        }
    })
}
