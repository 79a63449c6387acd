//! `prequal validate` end to end: exit codes and output for the sample profiles.

mod common;

use common::{example as profile, prequal};
use predicates::prelude::*;

#[test]
fn valid_profiles_exit_zero() {
    for name in ["strong", "weak", "new-business"] {
        prequal()
            .args(["validate", "--profile", &profile(name)])
            .assert()
            .code(0)
            .stdout(predicate::str::starts_with("valid: "));
    }
}

#[test]
fn invalid_profile_lists_every_problem_and_exits_one() {
    let output = prequal()
        .args([
            "validate",
            "--format",
            "json",
            "--profile",
            &profile("invalid"),
        ])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let report: serde_json::Value = serde_json::from_slice(&output).expect("JSON report");
    assert_eq!(report["valid"], false);
    let golden = std::fs::read_to_string(format!(
        "{}/../examples/profiles/invalid.errors.json",
        env!("CARGO_MANIFEST_DIR")
    ))
    .expect("golden errors");
    let expected: serde_json::Value = serde_json::from_str(&golden).expect("golden is JSON");
    assert_eq!(report["errors"], expected);
}

#[test]
fn text_output_names_field_and_rule() {
    prequal()
        .args(["validate", "--profile", &profile("invalid")])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "business.industry: unknown GB/T 4754-2017 code",
        ))
        .stdout(predicate::str::contains(
            "revenue.monthly_minor[12]: must not be negative",
        ));
}

#[test]
fn reads_standard_input() {
    let json = std::fs::read_to_string(profile("strong")).expect("sample profile");
    prequal()
        .args(["validate", "--profile", "-"])
        .write_stdin(json)
        .assert()
        .code(0);
    prequal()
        .args(["validate", "--profile", "-"])
        .write_stdin("{\"schema\": ")
        .assert()
        .code(1)
        .stdout(predicate::str::contains("schema: not valid JSON"));
}

#[test]
fn usage_errors_exit_two() {
    prequal().args(["validate"]).assert().code(2);
    prequal().args(["frobnicate"]).assert().code(2);
    prequal()
        .args(["validate", "--profile", "/nonexistent/profile.json"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot read"));
}

#[test]
fn score_prints_the_assessment_as_json() {
    let output = prequal()
        .args(["score", "--profile", &profile("weak")])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let assessment: serde_json::Value = serde_json::from_slice(&output).expect("JSON");
    assert_eq!(assessment["model_id"].as_str().map(str::len), Some(64));
    assert!(assessment["grade"].is_string() && assessment["statistical_grade"].is_string());
    assert!(assessment["probability_of_default"]
        .as_f64()
        .is_some_and(|p| p > 0.0 && p < 1.0));
    assert_eq!(assessment["overlays"][0]["id"], "tax-arrears");
    prequal()
        .args(["score", "--profile", &profile("invalid")])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("business.industry"));
    prequal().args(["score"]).assert().code(2);
}

#[test]
fn score_csv_scores_every_row_like_the_single_profile_command() {
    let root = format!("{}/../examples/bulk", env!("CARGO_MANIFEST_DIR"));
    let output = prequal()
        .args([
            "score",
            "--csv",
            &format!("{root}/applicants.csv"),
            "--schema",
            &format!("{root}/applicants.schema.json"),
        ])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("1 row(s) invalid"))
        .get_output()
        .stdout
        .clone();
    let lines: Vec<serde_json::Value> = String::from_utf8(output)
        .expect("UTF-8")
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect();
    assert_eq!(lines.len(), 4);
    for (line, name) in lines.iter().zip(["strong", "weak", "new-business"]) {
        assert_eq!(line["id"], format!("APP-{name}"));
        let single = prequal()
            .args(["score", "--profile", &profile(name)])
            .assert()
            .code(0)
            .get_output()
            .stdout
            .clone();
        let single: serde_json::Value = serde_json::from_slice(&single).expect("JSON");
        assert_eq!(line["grade"], single["grade"], "{name}");
        assert_eq!(line["score"], single["score"], "{name}");
        assert_eq!(
            line["probability_of_default"], single["probability_of_default"],
            "{name}"
        );
    }
    let invalid = &lines[3];
    assert_eq!(invalid["valid"], false);
    let industry = invalid["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .find(|e| e["field"] == "business.industry")
        .expect("industry error");
    assert_eq!(industry["column"], "Industry (GB/T 4754)");
    assert_eq!(industry["rule"], "unknown_code");
}

#[test]
fn score_usage_errors() {
    prequal()
        .args(["score", "--csv", "/nonexistent.csv"])
        .assert()
        .code(2);
    prequal()
        .args([
            "score",
            "--schema",
            "x.json",
            "--profile",
            &profile("strong"),
        ])
        .assert()
        .code(2);
    prequal()
        .args(["score", "--profile", &profile("strong"), "--csv", "a.csv"])
        .assert()
        .code(2);
}

#[test]
fn schedule_prints_the_hand_computed_example() {
    prequal()
        .args([
            "schedule",
            "--amount",
            "100,000",
            "--rate",
            "12",
            "--months",
            "12",
            "--type",
            "equal-instalment",
        ])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("8,884.88"))
        .stdout(predicate::str::contains("total interest   6,618.53"))
        .stdout(predicate::str::contains("estimated APR    12.00 %"));
    // With an arrangement fee: itemised, taken from what is received, and counted in both
    // rates, the compounded one first (贷款明白纸).
    prequal()
        .args([
            "schedule",
            "--amount",
            "100000",
            "--rate",
            "12",
            "--months",
            "12",
            "--type",
            "equal-instalment",
            "--upfront-fee",
            "1000",
        ])
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "upfront fee      1,000.00  (paid when the loan is made)",
        ))
        .stdout(predicate::str::contains("amount received  99,000.00"))
        .stdout(predicate::str::contains("annualised rate  14.84 %"))
        .stdout(predicate::str::contains("estimated APR    13.91 %  (单利"));
    let json = prequal()
        .args([
            "schedule",
            "--amount",
            "120000",
            "--rate",
            "12",
            "--months",
            "12",
            "--type",
            "seasonal",
            "--seasonal-months",
            "10,11",
            "--format",
            "json",
        ])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let schedule: serde_json::Value = serde_json::from_slice(&json).expect("JSON");
    assert_eq!(schedule["total_interest_minor"], 1_260_000);
    assert_eq!(schedule["instalments"][9]["principal_minor"], 6_000_000);
}

#[test]
fn schedule_names_each_bad_flag_once() {
    prequal()
        .args([
            "schedule",
            "--amount",
            "abc",
            "--rate",
            "99",
            "--months",
            "0",
            "--type",
            "equal-principal",
        ])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("--amount: must be an amount"))
        .stderr(predicate::str::contains(
            "--rate: must be between 0.00 % and 36.00 %",
        ))
        .stderr(predicate::str::contains(
            "--months: must be between 1 and 360",
        ))
        .stderr(predicate::str::contains("--amount").count(1));
    prequal()
        .args(["schedule", "--amount", "1"])
        .assert()
        .code(2);
}

#[test]
fn a_rate_is_read_as_a_percentage_not_an_amount() {
    for rate in ["10.896", "ten", "-"] {
        prequal()
            .args([
                "schedule", "--amount", "100000", "--rate", rate, "--months", "12",
            ])
            .args(["--type", "equal-instalment"])
            .assert()
            .code(1)
            .stderr(predicate::str::contains(
                "--rate: must be a yearly percentage such as 4.35",
            ))
            .stderr(predicate::str::contains("amount").not());
    }
    prequal()
        .args([
            "schedule", "--amount", "100000", "--rate", "4.35%", "--months", "12",
        ])
        .args(["--type", "equal-instalment"])
        .assert()
        .success();
}

/// `prequal validate --zh` names each field and broken rule in the web form's Chinese words:
/// no English word (standard names such as GB/T are identifiers), amounts in 元/万.
#[test]
fn invalid_profile_in_chinese_has_no_english() {
    let output = prequal()
        .args(["validate", "--profile", &profile("invalid"), "--zh"])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(1));
    let text = String::from_utf8(output.stdout).expect("utf-8");
    assert!(text.contains("企业名称"), "{text}");
    for token in text.split(|c: char| !c.is_ascii_alphabetic() && c != '/') {
        assert!(
            token.len() <= 1 || token == "GB/T",
            "English `{token}` in {text}"
        );
    }
    assert!(
        text.contains("万元"),
        "a money limit is said as an amount: {text}"
    );
}

/// The repayment types lenders really offer: 利随本清, quarterly interest, a revolving line
/// charged by the day, and a grace period on principal; a grace period where it means nothing
/// is refused by its flag.
#[test]
fn schedule_prints_the_other_repayment_types() {
    let run = |extra: &[&str]| {
        let mut args = vec![
            "schedule", "--amount", "100000", "--rate", "6", "--months", "6",
        ];
        args.extend_from_slice(extra);
        prequal().args(args).assert()
    };
    run(&["--type", "bullet"])
        .code(0)
        // One payment: ¥100,000 and six months' interest at 6 %.
        .stdout(predicate::str::contains("103,000.00"))
        .stdout(predicate::str::contains("estimated APR    6.00 %"))
        .stdout(predicate::str::contains("per payment period of 6 months"));
    run(&["--type", "quarterly-interest"])
        .code(0)
        .stdout(predicate::str::contains("1,500.00"))
        .stdout(predicate::str::contains("estimated APR    6.00 %"));
    run(&["--type", "revolving", "--first-month", "2"])
        .code(0)
        // February: 28 days at 6 % / 360 on ¥100,000.
        .stdout(predicate::str::contains("466.67"));
    run(&["--type", "equal-principal", "--grace-months", "2"])
        .code(0)
        .stdout(predicate::str::contains("25,000.00"));
    run(&["--type", "bullet", "--grace-months", "2"])
        .code(1)
        .stderr(predicate::str::contains("--grace-months"));
}
