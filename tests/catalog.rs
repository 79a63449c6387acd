//! The catalog format: the shipped sample catalog is valid and complete, and each class of bad
//! catalog is refused with the JSON path of the problem.

use prequal::catalog::{Grade, Problem, ProductKind, ValidCatalog};
use serde_json::{json, Value};

const SHIPPED: &[u8] = include_bytes!("../models/catalog.json");

fn shipped_value() -> Value {
    serde_json::from_slice(SHIPPED).expect("JSON")
}

/// A small valid catalog: the shipped one cut to two institutions and their first products.
fn small() -> Value {
    let mut catalog = shipped_value();
    let keep: Vec<Value> = catalog["institutions"].as_array().expect("array")[..2].to_vec();
    let ids: Vec<String> = keep
        .iter()
        .map(|i| i["id"].as_str().expect("id").to_owned())
        .collect();
    let products: Vec<Value> = catalog["products"]
        .as_array()
        .expect("array")
        .iter()
        .filter(|p| ids.iter().any(|id| p["institution"] == json!(id)))
        .take(4)
        .cloned()
        .collect();
    catalog["institutions"] = Value::Array(keep);
    catalog["products"] = Value::Array(products);
    catalog
}

/// The problems reported for a catalog, as (path, problem) pairs.
fn problems(catalog: &Value) -> Vec<(String, Problem)> {
    let bytes = serde_json::to_vec(catalog).expect("serialises");
    match ValidCatalog::from_json(&bytes) {
        Ok(_) => vec![],
        Err(errors) => errors
            .errors
            .into_iter()
            .map(|e| (e.path, e.problem))
            .collect(),
    }
}

fn first_problem(catalog: &Value) -> (String, Problem) {
    problems(catalog)
        .into_iter()
        .next()
        .expect("the catalog is refused")
}

#[test]
fn the_shipped_catalog_is_valid_and_large_enough() {
    let catalog = ValidCatalog::from_json(SHIPPED).expect("valid");
    let data = catalog.catalog();
    assert!(data.sample, "the shipped catalog is marked as sample data");
    assert!(data.notice.en.contains("SAMPLE DATA"));
    assert!(
        data.products.len() >= 320,
        "{} products",
        data.products.len()
    );
    assert!(
        data.institutions.len() >= 40,
        "{} institutions",
        data.institutions.len()
    );
    for kind in ProductKind::ALL {
        assert!(
            data.products.iter().any(|p| p.kind == kind),
            "no {kind:?} product"
        );
    }
    let provinces: std::collections::BTreeSet<_> = data
        .institutions
        .iter()
        .flat_map(|i| i.regions.iter().map(|r| r[..2].to_string()))
        .collect();
    assert!(
        provinces.len() >= 10,
        "regional lenders in {} provinces",
        provinces.len()
    );
    assert!(data.institutions.iter().any(|i| i.nationwide));
    // Rates from 3.85 % and within 4 × LPR.
    let rates: Vec<_> = data
        .products
        .iter()
        .flat_map(|p| p.pricing.rates.iter())
        .collect();
    assert_eq!(rates.iter().map(|r| r.min_bp).min(), Some(385));
    assert!(rates.iter().all(|r| r.max_bp <= 1_540));
    assert_eq!(catalog.sha256(), prequal::sha256_hex(SHIPPED));
    assert_eq!(catalog.sha256().len(), 64);
}

#[test]
fn the_small_fixture_is_valid() {
    assert_eq!(problems(&small()), vec![]);
}

#[test]
fn syntax_and_size() {
    let errors = ValidCatalog::from_json(b"{\"format\": ")
        .expect_err("refused")
        .errors;
    assert!(matches!(errors[0].problem, Problem::Syntax { .. }));
    let errors = ValidCatalog::from_json(b"{} {}")
        .expect_err("refused")
        .errors;
    assert_eq!(errors[0].path, "$");
    let huge = vec![b' '; prequal::catalog::MAX_CATALOG_BYTES + 1];
    let errors = ValidCatalog::from_json(&huge).expect_err("refused").errors;
    assert!(matches!(errors[0].problem, Problem::TooLarge { .. }));
}

#[test]
fn unknown_predicate_names_its_path() {
    let mut catalog = small();
    catalog["products"][1]["eligibility"]["all"][2] = json!({"min_profit_margin": 10});
    let (path, problem) = first_problem(&catalog);
    assert_eq!(path, "products[1].eligibility.all[2]");
    match problem {
        Problem::UnknownName { name, detail } => {
            assert_eq!(name, "min_profit_margin");
            assert!(
                detail.contains("min_months_in_operation"),
                "lists the known ones: {detail}"
            );
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn unknown_field_and_wrong_type() {
    let mut catalog = small();
    catalog["products"][0]["amount"]["max_amount"] = json!(5);
    let (path, problem) = first_problem(&catalog);
    assert_eq!(path, "products[0].amount.max_amount");
    assert!(matches!(problem, Problem::UnknownName { ref name, .. } if name == "max_amount"));

    let mut catalog = small();
    catalog["products"][0]["term_months"]["max"] = json!("twelve");
    let (path, problem) = first_problem(&catalog);
    assert_eq!(path, "products[0].term_months.max");
    assert!(matches!(problem, Problem::WrongType { .. }));

    let mut catalog = small();
    catalog["products"][0]["pricing"]["rates"][0]["grade"] = json!("Z");
    let (path, _) = first_problem(&catalog);
    assert_eq!(path, "products[0].pricing.rates[0].grade");
}

#[test]
fn bad_ranges() {
    let mut catalog = small();
    catalog["products"][0]["amount"]["min_minor"] = json!(900_000_000);
    catalog["products"][0]["amount"]["max_minor"] = json!(100_000);
    assert!(problems(&catalog).contains(&(
        "products[0].amount".into(),
        Problem::BadRange {
            min: 900_000_000,
            max: 100_000
        }
    )));

    let mut catalog = small();
    catalog["products"][0]["term_months"] = json!({"min": 0, "max": 400});
    let found = problems(&catalog);
    assert!(found.contains(&(
        "products[0].term_months.min".into(),
        Problem::OutOfRange { min: 1, max: 360 }
    )));
    assert!(found.contains(&(
        "products[0].term_months.max".into(),
        Problem::OutOfRange { min: 1, max: 360 }
    )));

    let mut catalog = small();
    catalog["products"][0]["pricing"]["rates"][0]["min_bp"] = json!(900);
    catalog["products"][0]["pricing"]["rates"][0]["max_bp"] = json!(500);
    assert!(problems(&catalog).contains(&(
        "products[0].pricing.rates[0]".into(),
        Problem::BadRange { min: 900, max: 500 }
    )));

    let mut catalog = small();
    catalog["products"][0]["eligibility"]["all"][0] =
        json!({"monthly_revenue": {"min_minor": 500, "max_minor": 100}});
    assert!(problems(&catalog).contains(&(
        "products[0].eligibility.all[0].monthly_revenue".into(),
        Problem::BadRange { min: 500, max: 100 }
    )));

    let mut catalog = small();
    catalog["products"][0]["eligibility"]["all"][0] = json!({"min_tax_months_filed": 13});
    assert!(problems(&catalog).contains(&(
        "products[0].eligibility.all[0].min_tax_months_filed".into(),
        Problem::OutOfRange { min: 0, max: 12 }
    )));
}

#[test]
fn dangling_and_duplicate_ids() {
    let mut catalog = small();
    catalog["products"][2]["institution"] = json!("inst-999");
    assert_eq!(
        first_problem(&catalog),
        (
            "products[2].institution".into(),
            Problem::UnknownInstitution {
                id: "inst-999".into()
            }
        )
    );

    let mut catalog = small();
    let first = catalog["products"][0]["id"].clone();
    catalog["products"][3]["id"] = first.clone();
    assert_eq!(
        first_problem(&catalog),
        (
            "products[3].id".into(),
            Problem::DuplicateId {
                id: first.as_str().expect("id").into()
            }
        )
    );

    let mut catalog = small();
    catalog["institutions"][1]["id"] = json!("Bank One");
    assert!(problems(&catalog).contains(&("institutions[1].id".into(), Problem::BadId)));
}

#[test]
fn codes_fields_and_requirements() {
    let mut catalog = small();
    catalog["institutions"][0]["nationwide"] = json!(false);
    catalog["institutions"][0]["regions"] = json!(["99", "3301", "33a"]);
    let found = problems(&catalog);
    assert!(found.contains(&(
        "institutions[0].regions[0]".into(),
        Problem::UnknownCode {
            standard: "GB/T 2260"
        }
    )));
    assert!(found.contains(&(
        "institutions[0].regions[2]".into(),
        Problem::UnknownCode {
            standard: "GB/T 2260"
        }
    )));
    assert_eq!(
        found.len(),
        2,
        "3301 is a valid prefecture prefix: {found:?}"
    );

    let mut catalog = small();
    catalog["products"][0]["eligibility"]["all"][0] = json!({"industry_in": ["62", "00"]});
    assert!(problems(&catalog).contains(&(
        "products[0].eligibility.all[0].industry_in[1]".into(),
        Problem::UnknownCode {
            standard: "GB/T 4754-2017"
        }
    )));

    let mut catalog = small();
    catalog["products"][0]["required_fields"]
        .as_array_mut()
        .expect("array")
        .push(json!("tax.rating"));
    assert!(problems(&catalog).iter().any(|(path, problem)| path
        .starts_with("products[0].required_fields[")
        && *problem
            == Problem::UnknownField {
                field: "tax.rating".into()
            }));

    // A rule reading a field the bank would not receive.
    let mut catalog = small();
    let rules = catalog["products"][0]["eligibility"]["all"]
        .as_array_mut()
        .expect("array");
    rules.push(json!({"min_owner_experience_years": 3}));
    assert!(problems(&catalog).contains(&(
        "products[0].required_fields".into(),
        Problem::NotRequested {
            field: "owner.industry_experience_years".into()
        }
    )));
}

#[test]
fn pricing_must_cover_the_grades_the_rules_accept() {
    let mut catalog = small();
    catalog["products"][0]["eligibility"]["all"][0] = json!({"max_grade": "G"});
    let (path, problem) = problems(&catalog)
        .into_iter()
        .find(|(_, p)| matches!(p, Problem::MissingRate { .. }))
        .expect("missing rate reported");
    assert_eq!(path, "products[0].pricing.rates");
    assert!(matches!(problem, Problem::MissingRate { grade } if grade > Grade::B));

    let mut catalog = small();
    let rates = catalog["products"][0]["pricing"]["rates"]
        .as_array_mut()
        .expect("array");
    rates.swap(0, 1);
    assert!(problems(&catalog).contains(&(
        "products[0].pricing.rates[0].grade".into(),
        Problem::RatesOutOfOrder { expected: Grade::A }
    )));
}

#[test]
fn conflicts_dates_depth_and_format() {
    let mut catalog = small();
    catalog["format"] = json!("prequal.catalog/0");
    assert!(problems(&catalog).contains(&(
        "format".into(),
        Problem::UnsupportedFormat {
            expected: "prequal.catalog/1"
        }
    )));

    let mut catalog = small();
    catalog["products"][0]["valid_until"] = json!("2020-01-01");
    assert!(problems(&catalog).iter().any(
        |(path, p)| path == "products[0].valid_until" && matches!(p, Problem::Conflict { .. })
    ));

    let mut catalog = small();
    catalog["products"][0]["repayment"] = json!(["seasonal"]);
    catalog["products"][0]
        .as_object_mut()
        .expect("object")
        .remove("seasonal_months");
    assert!(problems(&catalog).contains(&("products[0].seasonal_months".into(), Problem::Required)));

    let mut nested = json!("no_tax_arrears");
    for _ in 0..10 {
        nested = json!({"all": [nested]});
    }
    let mut catalog = small();
    catalog["products"][0]["eligibility"]["all"][0] = nested;
    assert!(problems(&catalog)
        .iter()
        .any(|(_, p)| matches!(p, Problem::TooDeep { .. })));

    let mut catalog = small();
    catalog["institutions"][0]["website"] = json!("http://bank.example");
    assert!(problems(&catalog)
        .iter()
        .any(|(path, _)| path == "institutions[0].website"));

    let mut catalog = small();
    catalog["products"] = json!([]);
    assert!(problems(&catalog).contains(&("products".into(), Problem::Required)));
}

/// The data-protection particulars a `prequal.consent/2` bundle names: each member checked
/// with its path; an institution without them is still valid (its bundles are v1).
#[test]
fn data_protection_particulars_are_checked() {
    let at = "institutions[0].data_protection";
    for (member, value) in [
        ("legal_name", json!(" ")),
        ("legal_name", json!("名".repeat(101))),
        ("contact", json!("")),
        (
            "withdrawal_url",
            json!("http://bank.example/v1/revocations"),
        ),
        ("retention_days", json!(0)),
        ("retention_days", json!(3651)),
    ] {
        let mut catalog = small();
        catalog["institutions"][0]["data_protection"][member] = value.clone();
        assert!(
            problems(&catalog)
                .iter()
                .any(|(path, _)| *path == format!("{at}.{member}")),
            "{member} = {value}: {:?}",
            problems(&catalog)
        );
    }
    let mut catalog = small();
    catalog["institutions"][0]["data_protection"]["dpo"] = json!("x");
    assert!(!problems(&catalog).is_empty(), "unknown member refused");
    let mut catalog = small();
    catalog["institutions"][0]
        .as_object_mut()
        .expect("object")
        .remove("data_protection");
    assert_eq!(problems(&catalog), vec![]);
}

#[test]
fn every_problem_is_reported_at_once() {
    let mut catalog = small();
    catalog["products"][0]["institution"] = json!("nobody");
    catalog["products"][1]["term_months"] = json!({"min": 24, "max": 12});
    catalog["institutions"][0]["phone"] = json!(" ");
    let found = problems(&catalog);
    assert_eq!(found.len(), 3, "{found:?}");
}

/// Itemised fees give exactly one basis, in bounds; a grace period needs a type that repays in
/// instalments and must leave a month to repay; the new repayment types are read by name.
#[test]
fn fees_grace_and_the_new_repayment_types_are_checked() {
    let mut catalog = small();
    catalog["products"][0]["pricing"]["fees"] = json!([
        {"kind": "appraisal", "charged_by": "appraiser", "timing": "upfront"},
        {"kind": "insurance", "charged_by": "insurer", "timing": "yearly", "bp_per_year": 10, "flat_minor": 100},
        {"kind": "guarantee", "charged_by": "guarantee_institution", "timing": "monthly", "bp_per_year": 5000},
    ]);
    let found = problems(&catalog);
    assert!(found.contains(&(
        "products[0].pricing.fees[0].flat_minor".into(),
        Problem::Required
    )));
    assert!(found
        .iter()
        .any(|(path, p)| path == "products[0].pricing.fees[1]"
            && matches!(p, Problem::Conflict { .. })));
    assert!(found
        .iter()
        .any(|(path, _)| path == "products[0].pricing.fees[2].bp_per_year"));

    let mut catalog = small();
    catalog["products"][0]["repayment"] = json!(["bullet_at_maturity", "revolving_line"]);
    catalog["products"][0]["grace_months"] = json!(2);
    assert!(problems(&catalog).iter().any(
        |(path, p)| path == "products[0].grace_months" && matches!(p, Problem::Conflict { .. })
    ));
    let mut catalog = small();
    catalog["products"][0]["repayment"] = json!(["equal_instalment", "quarterly_interest"]);
    catalog["products"][0]["renewal_without_repayment"] = json!(true);
    let shortest = catalog["products"][0]["term_months"]["min"]
        .as_u64()
        .expect("a term");
    catalog["products"][0]["grace_months"] = json!(shortest);
    assert_eq!(
        problems(&catalog),
        [(
            "products[0].grace_months".to_owned(),
            Problem::OutOfRange {
                min: 0,
                max: shortest as i64 - 1
            }
        )]
    );
}
