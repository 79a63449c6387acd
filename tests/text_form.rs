//! Reading a profile from the text a person types into a form.

use std::collections::BTreeMap;

use prequal::error::{FieldError, Rule};
use prequal::profile::text_form::{check_text_fields, revenue_slot_key, to_text_fields};
use prequal::profile::{self, MerchantProfile};

fn sample(name: &str) -> MerchantProfile {
    let path = format!(
        "{}/examples/profiles/{name}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    profile::from_json(&std::fs::read_to_string(path).expect("sample")).expect("parses")
}

fn errors(fields: &BTreeMap<String, String>) -> Vec<FieldError> {
    check_text_fields(fields).expect_err("invalid").errors
}

#[test]
fn round_trips_every_sample() {
    for name in ["strong", "weak", "new-business"] {
        let profile = sample(name);
        let fields = to_text_fields(&profile);
        let again = check_text_fields(&fields).expect("valid");
        assert_eq!(again.profile(), &profile, "{name}");
    }
}

#[test]
fn amounts_are_read_in_yuan_with_digit_groups() {
    let mut fields = to_text_fields(&sample("strong"));
    fields.insert("loan.amount_minor".into(), "1,250,000.50".into());
    let valid = check_text_fields(&fields).expect("valid");
    assert_eq!(valid.profile().loan.amount_minor, 125_000_050);
}

#[test]
fn a_young_business_fills_only_the_latest_slots() {
    let fields = to_text_fields(&sample("new-business"));
    assert!(!fields.contains_key(&revenue_slot_key(6)));
    assert_eq!(fields[&revenue_slot_key(7)], "38200");
    assert_eq!(fields[&revenue_slot_key(11)], "56800");
}

#[test]
fn unreadable_text_is_named_and_the_rest_is_still_checked() {
    let mut fields = to_text_fields(&sample("strong"));
    fields.insert("business.employees".into(), "twelve".into());
    fields.insert("loan.term_months".into(), "0".into());
    fields.insert(revenue_slot_key(3), "12,34x".into());
    assert_eq!(
        errors(&fields),
        vec![
            FieldError::new(
                "business.employees",
                Rule::BadFormat {
                    expected: "a whole number"
                }
            ),
            FieldError::new(
                revenue_slot_key(3),
                Rule::BadFormat {
                    expected: "an amount such as 12,345.67"
                }
            ),
            FieldError::new("loan.term_months", Rule::OutOfRange { min: 1, max: 360 }),
        ],
        "insured staff vs unreadable employees must not be reported"
    );
}

#[test]
fn rule_errors_on_revenue_land_on_their_slot() {
    let mut fields = to_text_fields(&sample("new-business"));
    fields.insert(revenue_slot_key(9), "-5".into());
    assert_eq!(
        errors(&fields),
        vec![FieldError::new(revenue_slot_key(9), Rule::Negative)]
    );
}

#[test]
fn a_gap_in_the_revenue_months_is_required() {
    let mut fields = to_text_fields(&sample("strong"));
    fields.insert(revenue_slot_key(5), " ".into());
    assert_eq!(
        errors(&fields),
        vec![FieldError::new(revenue_slot_key(5), Rule::Required)]
    );
}

#[test]
fn an_empty_form_asks_for_every_required_field() {
    let found = errors(&BTreeMap::new());
    let required: Vec<&str> = found
        .iter()
        .filter(|e| e.rule == Rule::Required)
        .map(|e| e.field.as_str())
        .collect();
    for field in [
        "as_of",
        "business.name",
        "business.industry",
        "loan.amount_minor",
        "court.list_status",
    ] {
        assert!(
            required.contains(&field),
            "{field} not required in {found:?}"
        );
    }
    assert!(!required.contains(&"business.credit_code"), "optional");
    assert!(
        !required.contains(&"business.franchise"),
        "a checkbox is never blank"
    );
}

#[test]
fn dates_and_choices_are_checked_as_typed() {
    let mut fields = to_text_fields(&sample("strong"));
    fields.insert("business.registered_on".into(), "2026-02-30".into());
    fields.insert("loan.purpose".into(), "yacht".into());
    let found = errors(&fields);
    assert_eq!(
        found[0],
        FieldError::new(
            "business.registered_on",
            Rule::BadFormat {
                // The phrase the message files translate (it once said "a date as …", which
                // no language had, so the form showed it in English).
                expected: prequal::error::expected::DATE
            }
        )
    );
    assert!(prequal::error::expected_message_id(prequal::error::expected::DATE).is_some());
    assert_eq!(found[1].field, "loan.purpose");
    assert!(
        matches!(&found[1].rule, Rule::WrongType { detail } if detail.contains("working_capital"))
    );
    assert_eq!(
        found.len(),
        2,
        "months in operation is not judged against an unreadable date: {found:?}"
    );
}
