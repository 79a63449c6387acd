//! Profile parsing and validation: one test per rule, the field list against the serde format,
//! and property tests that no input panics and every error names a field.

use prequal::error::{FieldError, Rule, DOCUMENT};
use prequal::profile::{self, is_known_path, FieldKind, FIELDS};
use proptest::prelude::*;
use serde_json::{json, Value};

fn sample(name: &str) -> Value {
    let path = format!(
        "{}/examples/profiles/{name}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(path).expect("sample profile exists");
    serde_json::from_str(&text).expect("sample profile is JSON")
}

/// Sets `path` (dotted, with `[i]` for list entries) in a JSON value.
fn set(value: &mut Value, path: &str, new: Value) {
    *pointer(value, path).expect("path exists") = new;
}

fn pointer<'a>(value: &'a mut Value, path: &str) -> Option<&'a mut Value> {
    let pointer = format!("/{}", path.replace(['.', '['], "/").replace(']', ""));
    value.pointer_mut(&pointer)
}

/// Every error for the named sample changed as `edit` says.
fn errors_in(name: &str, edit: impl FnOnce(&mut Value)) -> Vec<FieldError> {
    let mut value = sample(name);
    edit(&mut value);
    match profile::from_json(&value.to_string()) {
        Ok(profile) => profile.problems(),
        Err(errors) => errors.errors,
    }
}

/// Every error for the strong profile changed as `edit` says.
fn errors_after(edit: impl FnOnce(&mut Value)) -> Vec<FieldError> {
    errors_in("strong", edit)
}

fn only_error(edit: impl FnOnce(&mut Value)) -> FieldError {
    let errors = errors_after(edit);
    assert_eq!(errors.len(), 1, "expected one error, got {errors:?}");
    errors.into_iter().next().expect("one error")
}

fn error(field: &str, rule: Rule) -> FieldError {
    FieldError::new(field, rule)
}

#[test]
fn samples_are_valid_and_invalid_as_named() {
    for name in ["strong", "weak", "new-business"] {
        let profile = profile::from_json(&sample(name).to_string()).expect("parses");
        assert_eq!(profile.problems(), vec![], "{name}");
    }
    let invalid = profile::from_json(&sample("invalid").to_string()).expect("parses");
    let errors = invalid.validate().expect_err("invalid").errors;
    let golden = std::fs::read_to_string(format!(
        "{}/examples/profiles/invalid.errors.json",
        env!("CARGO_MANIFEST_DIR")
    ))
    .expect("golden errors");
    let expected: Value = serde_json::from_str(&golden).expect("golden is JSON");
    assert_eq!(serde_json::to_value(&errors).expect("serialises"), expected);
}

#[test]
fn round_trips_through_json() {
    let profile = profile::from_json(&sample("strong").to_string()).expect("parses");
    let again = profile::from_json(&serde_json::to_string(&profile).expect("serialises"))
        .expect("parses again");
    assert_eq!(profile, again);
}

#[test]
fn syntax_errors_name_the_document_or_the_place() {
    let e = profile::from_json("{\"schema\": ").expect_err("truncated");
    assert!(matches!(&e.errors[0].rule, Rule::Syntax { .. }), "{e:?}");
    let e = profile::from_json("[1, 2]").expect_err("not an object");
    assert_eq!(e.errors[0].field, DOCUMENT);
    let e = profile::from_json(&format!("{} trailing", sample("strong"))).expect_err("trailing");
    assert_eq!(e.errors[0].field, DOCUMENT);
    let nan = sample("strong")
        .to_string()
        .replace("\"employees\":12", "\"employees\":NaN");
    let e = profile::from_json(&nan).expect_err("NaN is not JSON");
    assert_eq!(e.errors[0].field, "business.employees");
    assert!(matches!(&e.errors[0].rule, Rule::Syntax { .. }));
}

#[test]
fn oversized_documents_are_refused_before_parsing() {
    let huge = " ".repeat(profile::MAX_DOCUMENT_BYTES + 1);
    let e = profile::from_json(&huge).expect_err("too big");
    assert_eq!(
        e.errors,
        vec![error(DOCUMENT, Rule::TooLarge { max: 262_144 })]
    );
}

#[test]
fn deeply_nested_input_is_an_error_not_a_stack_overflow() {
    let half = profile::MAX_DOCUMENT_BYTES / 2;
    let deep = format!("{}{}", "[".repeat(half), "]".repeat(half));
    let e = profile::from_json(&deep).expect_err("nested");
    assert_eq!(e.errors.len(), 1);
}

#[test]
fn wrong_types_name_the_field() {
    let e = only_error(|v| set(v, "business.employees", json!("twelve")));
    assert_eq!(e.field, "business.employees");
    assert!(matches!(e.rule, Rule::WrongType { .. }));
    let e = only_error(|v| set(v, "revenue.monthly_minor[4]", json!(1.5)));
    assert_eq!(e.field, "revenue.monthly_minor[4]");
    let e = only_error(|v| set(v, "loan.amount_minor", json!(1e300)));
    assert_eq!(e.field, "loan.amount_minor");
    assert!(matches!(e.rule, Rule::WrongType { .. }));
    let e = only_error(|v| set(v, "business.registered_on", json!("2026-02-30")));
    assert_eq!(e.field, "business.registered_on");
    let e = only_error(|v| set(v, "loan.purpose", json!("yacht")));
    assert_eq!(e.field, "loan.purpose");
}

#[test]
fn unknown_and_missing_fields_are_named() {
    let e = only_error(|v| {
        v["business"]["employes"] = json!(3);
    });
    assert_eq!(e, error("business.employes", Rule::UnknownField));
    let e = only_error(|v| {
        v.as_object_mut().expect("object").remove("tax");
    });
    assert_eq!(e, error("tax", Rule::Required));
    let e = only_error(|v| {
        v["loan"]
            .as_object_mut()
            .expect("object")
            .remove("term_months");
    });
    assert_eq!(e, error("loan.term_months", Rule::Required));
}

#[test]
fn optional_fields_may_be_left_out() {
    let errors = errors_after(|v| {
        v["business"]
            .as_object_mut()
            .expect("object")
            .remove("credit_code");
        v["utility"]
            .as_object_mut()
            .expect("object")
            .remove("average_monthly_kwh");
    });
    assert_eq!(errors, vec![]);
}

#[test]
fn required_text() {
    let e = only_error(|v| set(v, "business.name", json!("   ")));
    assert_eq!(e, error("business.name", Rule::Required));
}

#[test]
fn text_length_limit_counts_characters_not_bytes() {
    assert_eq!(
        errors_after(|v| set(v, "business.name", json!("面".repeat(100)))),
        vec![]
    );
    let e = only_error(|v| set(v, "business.name", json!("面".repeat(101))));
    assert_eq!(e, error("business.name", Rule::TooLong { max_chars: 100 }));
    let e = only_error(|v| set(v, "location.region", json!("3".repeat(5000))));
    assert_eq!(e, error("location.region", Rule::TooLong { max_chars: 6 }));
}

#[test]
fn negative_amounts_and_counts() {
    for path in [
        "revenue.monthly_minor[0]",
        "tax.arrears_minor",
        "utility.arrears_minor",
        "debts.outstanding_minor",
        "debts.monthly_repayment_minor",
        "collateral.real_estate_value_minor",
        "collateral.other_value_minor",
        "social_insurance.arrears_minor",
        "owner.industry_experience_years",
        "court.unsatisfied_judgements",
        "utility.average_monthly_kwh",
        "loan.amount_minor",
    ] {
        let e = only_error(|v| set(v, path, json!(-1)));
        assert_eq!(e, error(path, Rule::Negative), "{path}");
    }
}

#[test]
fn absurd_magnitudes() {
    let e = only_error(|v| set(v, "revenue.monthly_minor[11]", json!(i64::MAX)));
    assert_eq!(
        e,
        error(
            "revenue.monthly_minor[11]",
            Rule::TooLarge {
                max: 1_000_000_000_000
            }
        )
    );
    let e = only_error(|v| set(v, "business.employees", json!(1_000_000)));
    assert_eq!(
        e,
        error("business.employees", Rule::TooLarge { max: 100_000 })
    );
    let e = only_error(|v| set(v, "owner.industry_experience_years", json!(81)));
    assert_eq!(
        e,
        error(
            "owner.industry_experience_years",
            Rule::TooLarge { max: 80 }
        )
    );
}

#[test]
fn ranges() {
    let e = only_error(|v| set(v, "loan.term_months", json!(0)));
    assert_eq!(
        e,
        error("loan.term_months", Rule::OutOfRange { min: 1, max: 360 })
    );
    let e = only_error(|v| set(v, "tax.months_filed_last_12", json!(13)));
    assert_eq!(
        e,
        error(
            "tax.months_filed_last_12",
            Rule::OutOfRange { min: 0, max: 12 }
        )
    );
    let e = only_error(|v| set(v, "business.employees", json!(0)));
    assert_eq!(
        e,
        error(
            "business.employees",
            Rule::OutOfRange {
                min: 1,
                max: 100_000
            }
        )
    );
    let e = only_error(|v| set(v, "loan.amount_minor", json!(0)));
    assert_eq!(e, error("loan.amount_minor", Rule::Required));
}

#[test]
fn revenue_months_must_match_the_months_in_operation() {
    let e = only_error(|v| {
        v["revenue"]["monthly_minor"]
            .as_array_mut()
            .expect("list")
            .push(json!(1))
    });
    assert_eq!(
        e,
        error(
            "revenue.monthly_minor",
            Rule::WrongCount {
                expected: 12,
                found: 13
            }
        )
    );
    let e = only_error(|v| {
        v["revenue"]["monthly_minor"]
            .as_array_mut()
            .expect("list")
            .pop();
    });
    assert_eq!(
        e,
        error(
            "revenue.monthly_minor",
            Rule::WrongCount {
                expected: 12,
                found: 11
            }
        )
    );
    // A five-month-old business gives five months.
    let errors = errors_in("new-business", |v| {
        v["revenue"]["monthly_minor"]
            .as_array_mut()
            .expect("list")
            .push(json!(1))
    });
    assert_eq!(
        errors,
        vec![error(
            "revenue.monthly_minor",
            Rule::WrongCount {
                expected: 5,
                found: 6
            }
        )]
    );
}

#[test]
fn codes_must_exist_in_their_standards() {
    let e = only_error(|v| set(v, "business.industry", json!("99")));
    assert_eq!(
        e,
        error(
            "business.industry",
            Rule::UnknownCode {
                standard: "GB/T 4754-2017"
            }
        )
    );
    let e = only_error(|v| set(v, "location.region", json!("990101")));
    assert_eq!(
        e,
        error(
            "location.region",
            Rule::UnknownCode {
                standard: "GB/T 2260"
            }
        )
    );
    let e = only_error(|v| set(v, "location.region", json!("33O106")));
    assert_eq!(
        e,
        error(
            "location.region",
            Rule::BadFormat {
                expected: "six digits"
            }
        )
    );
}

#[test]
fn credit_code_form_and_checksum() {
    let e = only_error(|v| set(v, "business.credit_code", json!("91330106MA2CFQ7R1M")));
    assert_eq!(e, error("business.credit_code", Rule::BadChecksum));
    let e = only_error(|v| set(v, "business.credit_code", json!("91330106MA2CFQ7RIL")));
    assert_eq!(e.field, "business.credit_code");
    assert!(matches!(e.rule, Rule::BadFormat { .. }));
}

#[test]
fn months_in_operation_cannot_exceed_the_age_of_the_business() {
    // Registered 2016-03-15, profile as of 2026-11-01: 128 months started.
    assert_eq!(
        errors_after(|v| set(v, "business.months_in_operation", json!(128))),
        vec![]
    );
    let e = only_error(|v| set(v, "business.months_in_operation", json!(129)));
    assert_eq!(
        e,
        error(
            "business.months_in_operation",
            Rule::Exceeds {
                other: "business.registered_on".into(),
                limit: 128
            }
        )
    );
    let e = only_error(|v| set(v, "business.registered_on", json!("2027-01-01")));
    assert_eq!(
        e,
        error(
            "business.registered_on",
            Rule::AfterDate {
                other: "as_of".into()
            }
        )
    );
}

#[test]
fn cross_field_limits() {
    let e = only_error(|v| set(v, "social_insurance.insured_staff", json!(13)));
    assert_eq!(
        e,
        error(
            "social_insurance.insured_staff",
            Rule::Exceeds {
                other: "business.employees".into(),
                limit: 12
            }
        )
    );
    let errors = errors_in("new-business", |v| {
        set(v, "utility.late_payments_last_12", json!(6))
    });
    assert_eq!(
        errors,
        vec![error(
            "utility.late_payments_last_12",
            Rule::Exceeds {
                other: "business.months_in_operation".into(),
                limit: 5
            }
        )]
    );
    let e = only_error(|v| set(v, "debts.lenders", json!(0)));
    assert_eq!(
        e,
        error("debts.lenders", Rule::OutOfRange { min: 1, max: 100 })
    );
}

#[test]
fn one_mistake_is_reported_once() {
    // Negative employees must not also be reported as insured staff exceeding employees.
    let errors = errors_after(|v| set(v, "business.employees", json!(-3)));
    assert_eq!(errors, vec![error("business.employees", Rule::Negative)]);
}

#[test]
fn unsupported_schema_and_currency() {
    let errors = errors_after(|v| {
        set(v, "schema", json!("prequal.profile/9"));
        set(v, "currency", json!("USD"));
    });
    assert_eq!(
        errors,
        vec![
            error(
                "schema",
                Rule::NotSupported {
                    supported: "prequal.profile/1"
                }
            ),
            error("currency", Rule::NotSupported { supported: "CNY" }),
        ]
    );
}

#[test]
fn every_error_is_reported_at_once() {
    let errors = errors_after(|v| {
        set(v, "business.name", json!(""));
        set(v, "business.industry", json!("00"));
        set(v, "revenue.monthly_minor[2]", json!(-5));
        set(v, "loan.term_months", json!(999));
        set(v, "court.unsatisfied_judgements", json!(-1));
    });
    let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(
        fields,
        [
            "business.name",
            "business.industry",
            "revenue.monthly_minor[2]",
            "loan.term_months",
            "court.unsatisfied_judgements"
        ]
    );
}

/// Every leaf of a JSON value, as dotted paths (lists as one leaf).
fn leaf_paths(value: &Value, prefix: &str, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                let path = if prefix.is_empty() {
                    key.clone()
                } else {
                    format!("{prefix}.{key}")
                };
                leaf_paths(child, &path, out);
            }
        }
        _ => out.push(prefix.to_owned()),
    }
}

#[test]
fn field_list_matches_the_serde_format() {
    let strong = sample("strong");
    let mut paths = Vec::new();
    leaf_paths(&strong, "", &mut paths);
    let listed: Vec<&str> = FIELDS.iter().map(|spec| spec.path).collect();
    for path in &paths {
        assert!(listed.contains(&path.as_str()), "{path} is not in FIELDS");
    }
    for spec in FIELDS {
        assert!(
            spec.optional || paths.iter().any(|p| p == spec.path),
            "{} is in FIELDS but not in the format",
            spec.path
        );
        if let FieldKind::Choice(options) = spec.kind {
            for option in options {
                let mut value = strong.clone();
                set(&mut value, spec.path, json!(option));
                let parsed = profile::from_json(&value.to_string());
                assert!(
                    parsed.is_ok(),
                    "{}: option {option} is not accepted",
                    spec.path
                );
            }
        }
    }
}

/// Arbitrary JSON, biased towards the shapes and edge values that break parsers.
fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        any::<u64>().prop_map(|n| json!(n)),
        any::<f64>().prop_map(|f| json!(f)),
        "[a-z_]{0,12}".prop_map(Value::String),
        "\\PC{0,40}".prop_map(Value::String),
        prop_oneof![
            Just("2026-11-01"),
            Just("0000-00-00"),
            Just("62"),
            Just("330106")
        ]
        .prop_map(|s| json!(s)),
    ];
    leaf.prop_recursive(4, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..14).prop_map(Value::Array),
            prop::collection::btree_map("[a-z_]{1,10}", inner, 0..8)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

fn assert_errors_name_fields(text: &str) {
    let errors = match profile::from_json(text) {
        Ok(profile) => profile.problems(),
        Err(errors) => {
            assert!(!errors.errors.is_empty());
            errors.errors
        }
    };
    for e in errors {
        assert!(!e.field.is_empty(), "{e:?}");
        let named =
            e.field == DOCUMENT || is_known_path(&e.field) || matches!(e.rule, Rule::UnknownField);
        assert!(named, "error does not name a profile field: {e:?}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_json_never_panics(value in any_json()) {
        assert_errors_name_fields(&value.to_string());
    }

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,200}") {
        assert_errors_name_fields(&text);
    }

    #[test]
    fn any_field_replaced_by_anything_is_named(index in 0..FIELDS.len(), value in any_json()) {
        let mut profile = sample("strong");
        if let Some(slot) = pointer(&mut profile, FIELDS[index].path) {
            *slot = value;
        }
        assert_errors_name_fields(&profile.to_string());
    }

    #[test]
    fn any_numbers_never_panic(numbers in prop::collection::vec(any::<i64>(), 20)) {
        let mut profile = sample("weak");
        let mut numbers = numbers.into_iter();
        for spec in FIELDS {
            if matches!(spec.kind, FieldKind::Whole | FieldKind::Money) {
                if let Some(slot) = pointer(&mut profile, spec.path) {
                    *slot = json!(numbers.next().unwrap_or(0));
                }
            }
        }
        assert_errors_name_fields(&profile.to_string());
    }
}

#[test]
fn every_structural_problem_of_a_file_is_reported_at_once() {
    let errors = errors_after(|v| {
        set(v, "business.employees", json!("twelve"));
        set(v, "business.franchise", json!("no"));
        set(v, "revenue.monthly_minor[2]", json!(1.5));
        set(v, "loan.purpose", json!("yacht"));
        v["tax"]["rating"] = json!("A");
        v["debts"] = json!(0);
        v.as_object_mut().expect("object").remove("court");
    });
    let wrong = |field: &str, expected: &str| {
        error(
            field,
            Rule::WrongType {
                detail: expected.to_owned(),
            },
        )
    };
    use prequal::error::expected;
    for found in [
        wrong("business.employees", expected::WHOLE_NUMBER),
        wrong("business.franchise", expected::YES_OR_NO),
        wrong("revenue.monthly_minor[2]", expected::WHOLE_NUMBER),
        wrong("loan.purpose", expected::CHOICE),
        error("tax.rating", Rule::UnknownField),
        wrong("debts", expected::GROUP),
        error("court", Rule::Required),
    ] {
        assert!(errors.contains(&found), "{found:?} not in {errors:?}");
    }
    // A group that is missing or not a group is one problem, not one per field in it.
    assert_eq!(errors.len(), 7, "{errors:?}");
}

#[test]
fn a_syntax_error_names_the_field_being_written() {
    let text = sample("strong")
        .to_string()
        .replace("\"lenders\":1", "\"lenders\":1x");
    assert_ne!(text, sample("strong").to_string());
    let e = profile::from_json(&text).expect_err("not JSON");
    assert_eq!(e.errors[0].field, "debts.lenders");
    let e = profile::from_json("{\"revenue\": {\"monthly_minor\": [1, 2, 3x").expect_err("cut");
    assert_eq!(e.errors[0].field, "revenue.monthly_minor[2]");
    let e = profile::from_json("").expect_err("empty");
    assert_eq!(e.errors[0].field, DOCUMENT);
}
