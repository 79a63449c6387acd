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
