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
