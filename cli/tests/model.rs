//! `prequal model`: an operator signs a model, anyone verifies it with the operator's key, and
//! the model card is printed; a changed or unsigned model exits 1 with the reason, bad usage 2.

mod common;

use common::{example, new_key, prequal};
use predicates::str::contains;

fn shipped() -> String {
    format!("{}/../models/scorecard.json", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn the_shipped_model_verifies_with_the_sample_key() {
    prequal()
        .args([
            "model",
            "verify",
            &shipped(),
            "--trust",
            prequal::assess::SAMPLE_OPERATOR_KEY,
        ])
        .assert()
        .success()
        .stdout(contains("verified: model sba7a-merchant-"));
    // `score` cites the id of the model that verifies.
    let scored = prequal()
        .args(["score", "--profile", &example("weak")])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let scored: serde_json::Value = serde_json::from_slice(&scored).expect("JSON");
    let id = scored["model_id"].as_str().expect("model id").to_owned();
    prequal()
        .args([
            "model",
            "verify",
            &shipped(),
            "--trust",
            prequal::assess::SAMPLE_OPERATOR_KEY,
        ])
        .assert()
        .success()
        .stdout(contains(id.as_str()));
    prequal()
        .args(["model", "card", &shipped()])
        .assert()
        .success()
        .stdout(contains("Removed `real_estate`"))
        // The card training wrote, byte for byte.
        .stdout(
            std::fs::read_to_string(format!(
                "{}/../models/MODEL_CARD.md",
                env!("CARGO_MANIFEST_DIR")
            ))
            .expect("card"),
        );
}

#[test]
fn an_operator_signs_a_model_and_a_changed_or_unsigned_one_is_refused() {
    let temp = tempfile::tempdir().expect("temp dir");
    let dir = temp.path();
    let key = dir.join("operator.jwk");
    let did = new_key(&key);
    let model = dir.join("scorecard.json");
    std::fs::copy(shipped(), &model).expect("copy");

    // Unsigned (no scorecard.json.jws beside it): refused, saying so.
    prequal()
        .args(["model", "verify"])
        .arg(&model)
        .args(["--trust", &did])
        .assert()
        .code(1)
        .stderr(contains("no signature"));

    let signature = prequal()
        .args(["model", "sign", "--key"])
        .arg(&key)
        .arg(&model)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    std::fs::write(dir.join("scorecard.json.jws"), &signature).expect("write");
    prequal()
        .args(["model", "verify"])
        .arg(&model)
        .args(["--trust", &did])
        .assert()
        .success();
    // The sample key did not sign this one.
    prequal()
        .args(["model", "verify"])
        .arg(&model)
        .args(["--trust", prequal::assess::SAMPLE_OPERATOR_KEY])
        .assert()
        .code(1)
        .stderr(contains("signed by"));

    // One point changed after signing.
    let text = std::fs::read_to_string(&model).expect("read");
    std::fs::write(&model, text.replacen("\"points\": ", "\"points\": 1", 1)).expect("write");
    prequal()
        .args(["model", "verify"])
        .arg(&model)
        .args(["--trust", &did])
        .assert()
        .code(1)
        .stderr(contains("signature does not verify"));

    // An operator does not sign a broken artifact.
    std::fs::write(&model, text.replacen("\"pdo\"", "\"pdo_\"", 1)).expect("write");
    prequal()
        .args(["model", "sign", "--key"])
        .arg(&key)
        .arg(&model)
        .assert()
        .code(1);

    // Usage: a bad --trust is exit 2.
    prequal()
        .args(["model", "verify"])
        .arg(&model)
        .args(["--trust", "not-a-did"])
        .assert()
        .code(2);
}

fn profiles_schema() -> String {
    format!(
        "{}/../examples/training/profiles.schema.json",
        env!("CARGO_MANIFEST_DIR")
    )
}

/// A portal trains on its applications (generated here: default risk rises with revenue
/// volatility and tax arrears), signs the model, checks it, reads its card and scores with it.
#[test]
fn a_portal_trains_signs_and_scores_with_its_own_model() {
    let dir = tempfile::tempdir().expect("temp dir");
    let csv = dir.path().join("applications.csv");
    std::fs::write(&csv, prequal_train::synthetic::csv(4_000, 11)).expect("write");
    let key = dir.path().join("operator.jwk");
    let did = new_key(&key);
    let out = dir.path().join("my-model");
    let printed = prequal()
        .args(["model", "train", "--csv"])
        .arg(&csv)
        .args(["--schema", &profiles_schema(), "--out"])
        .arg(&out)
        .arg("--key")
        .arg(&key)
        .assert()
        .success()
        .stderr(contains("loaded 4000 rows"))
        .get_output()
        .stdout
        .clone();
    let id = String::from_utf8(printed).expect("utf-8").trim().to_owned();
    assert_eq!(id.len(), 64, "{id}");
    let model = out.join("scorecard.json");
    prequal()
        .args(["model", "verify"])
        .arg(&model)
        .args(["--trust", &did])
        .assert()
        .success()
        .stdout(contains(id.as_str()));
    prequal()
        .args(["model", "card"])
        .arg(&model)
        .assert()
        .success()
        .stdout(std::fs::read_to_string(out.join("MODEL_CARD.md")).expect("card"))
        .stdout(contains("this platform's own"));
    let scored = prequal()
        .args(["score", "--profile", &example("weak"), "--model"])
        .arg(&model)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let scored: serde_json::Value = serde_json::from_slice(&scored).expect("JSON");
    assert_eq!(scored["model_id"], id.as_str());
    let reasons: Vec<&str> = scored["reasons"]
        .as_array()
        .expect("reasons")
        .iter()
        .filter_map(|r| r["feature"].as_str())
        .collect();
    assert!(
        reasons[..3].contains(&"revenue_volatility_pct") && reasons[..3].contains(&"tax_arrears"),
        "{reasons:?}"
    );
    assert!(
        scored["reasons"]
            .as_array()
            .expect("reasons")
            .iter()
            .any(|r| r["text"]["zh"]
                .as_str()
                .is_some_and(|t| t.contains("欠缴税款"))),
        "{}",
        scored["reasons"]
    );
}

#[test]
fn training_that_cannot_make_a_model_says_why() {
    let dir = tempfile::tempdir().expect("temp dir");
    let csv = dir.path().join("few.csv");
    std::fs::write(&csv, prequal_train::synthetic::csv(80, 11)).expect("write");
    let out = dir.path().join("out");
    // Too few outcomes: invalid data, exit 1, nothing written.
    prequal()
        .args(["model", "train", "--csv"])
        .arg(&csv)
        .args(["--schema", &profiles_schema(), "--out"])
        .arg(&out)
        .assert()
        .code(1)
        .stderr(contains("at least 50 of each"));
    assert!(!out.exists());
    // A feature the core does not compute: a usage problem naming it.
    let schema = dir.path().join("schema.json");
    let text = std::fs::read_to_string(profiles_schema())
        .expect("schema")
        .replace("\"revenue_volatility_pct\"", "\"revenue_mood\"");
    std::fs::write(&schema, text).expect("write");
    prequal()
        .args(["model", "train", "--csv"])
        .arg(&csv)
        .arg("--schema")
        .arg(&schema)
        .arg("--out")
        .arg(&out)
        .assert()
        .code(2)
        .stderr(contains("feature `revenue_mood`"))
        .stderr(contains("revenue_volatility_pct"));
    // A missing file.
    prequal()
        .args([
            "model",
            "train",
            "--csv",
            "no-such.csv",
            "--schema",
            &profiles_schema(),
        ])
        .arg("--out")
        .arg(&out)
        .assert()
        .code(2);
}
