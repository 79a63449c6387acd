//! `prequal bundle make | verify | inspect | revoke`: exit codes and output.

mod common;

use common::{example, new_key, prequal};
use predicates::str::contains;

#[test]
fn make_verify_inspect_and_revoke() {
    let temp = tempfile::tempdir().expect("temp dir");
    let key = temp.path().join("merchant.jwk");
    new_key(&key);
    let bundle = prequal()
        .args([
            "bundle",
            "make",
            "--profile",
            &example("strong"),
            "--product",
            "inst-005-credit-1",
            "--key",
        ])
        .arg(&key)
        .args(["--remove", "business.name", "--days", "7"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let file = temp.path().join("bundle.json");
    std::fs::write(&file, &bundle).expect("write");

    let summary = prequal()
        .args(["bundle", "verify"])
        .arg(&file)
        .args(["--recipient", "inst-005"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let summary: serde_json::Value = serde_json::from_slice(&summary).expect("JSON");
    assert_eq!(summary["valid"], true);
    assert_eq!(summary["score_recomputed"], true);
    let fields = summary["disclosed_fields"].as_array().expect("fields");
    assert!(
        !fields.contains(&serde_json::json!("business.name")),
        "removed on request"
    );
    assert!(
        fields.contains(&serde_json::json!("tax.credit_rating")),
        "the product needs it"
    );

    prequal()
        .args(["bundle", "verify"])
        .arg(&file)
        .args(["--recipient", "inst-006"])
        .assert()
        .code(1)
        .stderr(contains("addressed to inst-005"));
    prequal()
        .args(["bundle", "verify"])
        .arg(&file)
        .args(["--at", "2099-01-01T00:00:00Z"])
        .assert()
        .code(1)
        .stderr(contains("expired"));
    prequal()
        .args(["bundle", "verify"])
        .arg(&file)
        .args(["--at", "tomorrow"])
        .assert()
        .code(2);
    prequal()
        .args(["bundle", "inspect"])
        .arg(&file)
        .assert()
        .success()
        .stdout(contains("recipient  inst-005"))
        .stdout(contains("verifies now"));

    let text = String::from_utf8(bundle).expect("utf-8");
    let tampered = temp.path().join("tampered.json");
    std::fs::write(
        &tampered,
        text.replacen("\"signature\":\"", "\"signature\":\"AA", 1),
    )
    .expect("write");
    prequal()
        .args(["bundle", "verify"])
        .arg(&tampered)
        .assert()
        .code(1)
        .stderr(contains("invalid bundle"));
    prequal()
        .args(["bundle", "inspect"])
        .arg(&tampered)
        .assert()
        .code(1)
        .stdout(contains("does NOT verify"));

    prequal()
        .args(["bundle", "revoke"])
        .arg(&file)
        .arg("--key")
        .arg(&key)
        .assert()
        .success()
        .stdout(contains("\"protected\""));
    let other = temp.path().join("other.jwk");
    new_key(&other);
    prequal()
        .args(["bundle", "revoke"])
        .arg(&file)
        .arg("--key")
        .arg(&other)
        .assert()
        .code(1)
        .stderr(contains("only its merchant"));
}

/// A v2 bundle carries each consent separately: none but the application unless asked for,
/// the credit-report query with the term given; `verify` and `inspect` say which.
#[test]
fn optional_consents_are_off_unless_asked_for() {
    let temp = tempfile::tempdir().expect("temp dir");
    let key = temp.path().join("merchant.jwk");
    new_key(&key);
    let make = |extra: &[&str]| {
        let bundle = prequal()
            .args([
                "bundle",
                "make",
                "--profile",
                &example("weak"),
                "--product",
                "inst-005-credit-1",
                "--key",
            ])
            .arg(&key)
            .args(extra)
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        let file = temp.path().join(format!("bundle{}.json", extra.len()));
        std::fs::write(&file, bundle).expect("write");
        let summary = prequal()
            .args(["bundle", "verify"])
            .arg(&file)
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        let summary: serde_json::Value = serde_json::from_slice(&summary).expect("JSON");
        (file, summary)
    };
    let (_, plain) = make(&[]);
    assert_eq!(plain["format"], "prequal.consent/2");
    assert_eq!(
        plain["consents"].as_array().expect("consents").len(),
        1,
        "{plain:#}"
    );
    assert_eq!(plain["consents"][0]["purpose"], "loan-application");
    let (file, both) = make(&["--credit-query", "application-and-loan", "--other-products"]);
    let purposes: Vec<&str> = both["consents"]
        .as_array()
        .expect("consents")
        .iter()
        .map(|c| c["purpose"].as_str().expect("purpose"))
        .collect();
    assert_eq!(
        purposes,
        ["loan-application", "credit-report-query", "other-products"]
    );
    assert_eq!(both["consents"][1]["term"], "application-and-loan");
    prequal()
        .args(["bundle", "inspect"])
        .arg(&file)
        .assert()
        .success()
        .stdout(contains(
            "consent    credit-report-query (while assessed, and until a loan is repaid)",
        ))
        .stdout(contains(
            "personal information: privacy@inst-005.bank.example",
        ));
    prequal()
        .args([
            "bundle",
            "make",
            "--profile",
            &example("weak"),
            "--product",
            "inst-005-credit-1",
            "--key",
        ])
        .arg(&key)
        .args(["--credit-query", "forever"])
        .assert()
        .code(2);
}

#[test]
fn make_refuses_bad_input() {
    let temp = tempfile::tempdir().expect("temp dir");
    let key = temp.path().join("merchant.jwk");
    new_key(&key);
    prequal()
        .args([
            "bundle",
            "make",
            "--profile",
            &example("invalid"),
            "--product",
            "inst-005-credit-1",
            "--key",
        ])
        .arg(&key)
        .assert()
        .code(1);
    prequal()
        .args([
            "bundle",
            "make",
            "--profile",
            &example("strong"),
            "--product",
            "nope",
            "--key",
        ])
        .arg(&key)
        .assert()
        .code(2)
        .stderr(contains("--product nope"));
    prequal()
        .args([
            "bundle",
            "make",
            "--profile",
            &example("strong"),
            "--product",
            "inst-005-credit-1",
            "--days",
            "31",
            "--key",
        ])
        .arg(&key)
        .assert()
        .code(2)
        .stderr(contains("--days"));
    prequal()
        .args([
            "bundle",
            "make",
            "--profile",
            &example("strong"),
            "--product",
            "inst-005-credit-1",
            "--add",
            "business.secret",
            "--key",
        ])
        .arg(&key)
        .assert()
        .code(1)
        .stderr(contains("business.secret"));
}
