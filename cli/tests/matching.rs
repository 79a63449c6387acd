//! `prequal match`, `prequal key` and `prequal catalog`: output, filters and exit codes.

mod common;

use common::{example, new_key, prequal};
use predicates::str::contains;

fn json_of(output: &[u8]) -> serde_json::Value {
    serde_json::from_slice(output).expect("JSON output")
}

#[test]
fn match_lists_eligible_products_with_disclosures() {
    let output = prequal()
        .args([
            "match",
            "--profile",
            &example("strong"),
            "--format",
            "json",
            "--limit",
            "5",
        ])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let report = json_of(&output);
    assert_eq!(report["catalog"]["sample"], true);
    assert_eq!(report["counts"]["matched"], 336);
    let eligible = report["counts"]["eligible"].as_u64().expect("count");
    assert!(eligible >= 25, "{eligible}");
    let products = report["products"].as_array().expect("products");
    let first = &products[0];
    assert_eq!(first["status"], "eligible");
    assert_eq!(first["cost_rank"], 1);
    for field in [
        "amount_minor",
        "term_months",
        "first_payment_minor",
        "cost_of_credit_minor",
        "apr",
        "prepayment",
    ] {
        assert!(
            !first["disclosure"][field].is_null(),
            "disclosure has {field}"
        );
    }
    // Five eligible at most, then five near misses at most.
    assert!(products.len() <= 10);
}

#[test]
fn match_text_explains_paths_in_both_languages() {
    prequal()
        .args(["match", "--profile", &example("new-business")])
        .assert()
        .success()
        .stdout(contains("WITHIN REACH"))
        .stdout(contains(
            "✗ Trading for at least 6 months; you have traded 5",
        ))
        .stdout(contains("→ Keep trading 1 more month · Takes some months"));
    prequal()
        .args(["match", "--profile", &example("new-business"), "--zh"])
        .assert()
        .success()
        .stdout(contains("✗ 经营满 6 个月；您已经营 5 个月"))
        .stdout(contains("→ 再经营 1 个月 · 需要几个月"));
}

/// What `prequal match --zh` prints for every sample profile is Chinese: no English word
/// (product ids, hashes and the sample catalog's version are identifiers, not words), no USD.
#[test]
fn match_text_in_chinese_has_no_english() {
    for name in ["strong", "weak", "new-business"] {
        let output = prequal()
            .args(["match", "--profile", &example(name), "--zh", "--all"])
            .output()
            .expect("runs");
        assert!(output.status.success());
        let text = String::from_utf8(output.stdout).expect("utf-8");
        for line in text.lines() {
            for token in line.split(|c: char| c.is_whitespace() || "，。；：（）·[]、".contains(c))
            {
                let identifier = token.starts_with("inst-")
                    || token.contains("-sample")
                    || (token.len() == 64 && token.chars().all(|c| c.is_ascii_hexdigit()));
                let word: String = token.chars().filter(char::is_ascii_alphabetic).collect();
                assert!(
                    identifier || word.len() <= 1 || word == "APR",
                    "{name}: English `{token}` in {line:?}"
                );
            }
            assert!(!line.contains("USD"), "{name}: {line}");
        }
    }
}

#[test]
fn match_filters_by_grade_and_kind() {
    let output = prequal()
        .args([
            "match",
            "--profile",
            &example("strong"),
            "--grade",
            "c",
            "--kind",
            "collateral,guarantee",
            "--all",
            "--limit",
            "0",
            "--format",
            "json",
        ])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let report = json_of(&output);
    assert_eq!(report["standing"]["grade"], "C");
    let products = report["products"].as_array().expect("products");
    assert_eq!(
        products.len() as u64,
        report["counts"]["matched"].as_u64().expect("n")
    );
    assert!(products
        .iter()
        .all(|p| p["kind"] == "collateral" || p["kind"] == "guarantee"));
}

#[test]
fn match_exit_codes() {
    prequal()
        .args(["match", "--profile", &example("invalid")])
        .assert()
        .code(1)
        .stderr(contains("the profile is invalid"));
    prequal()
        .args(["match", "--profile", &example("strong"), "--grade", "Q"])
        .assert()
        .code(2)
        .stderr(contains("grades are A to G"));
    prequal()
        .args(["match", "--profile", &example("strong"), "--kind", "payday"])
        .assert()
        .code(2)
        .stderr(contains("--kind payday"));
    let dir = tempfile::tempdir().expect("temp dir");
    let bad = dir.path().join("bad-catalog.json");
    std::fs::write(&bad, r#"{"format": "prequal.catalog/1"}"#).expect("write");
    prequal()
        .args(["match", "--profile", &example("strong"), "--catalog"])
        .arg(&bad)
        .assert()
        .code(1)
        .stderr(contains("the catalog is invalid"));
}

#[test]
fn an_operator_signs_a_catalog_and_a_portal_verifies_it() {
    let temp = tempfile::tempdir().expect("temp dir");
    let dir = temp.path();
    let key = dir.join("operator.jwk");
    let did = new_key(&key);
    prequal()
        .args(["key", "public"])
        .arg(&key)
        .assert()
        .success()
        .stdout(contains(did.as_str()));
    // Never overwrite a key silently.
    prequal()
        .args(["key", "new", "--out"])
        .arg(&key)
        .assert()
        .code(2);

    let catalog = dir.join("catalog.json");
    std::fs::copy(
        format!("{}/../models/catalog.json", env!("CARGO_MANIFEST_DIR")),
        &catalog,
    )
    .expect("copy");
    let signature = prequal()
        .args(["catalog", "sign", "--key"])
        .arg(&key)
        .arg(&catalog)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let sig_file = dir.join("catalog.json.jws");
    std::fs::write(&sig_file, &signature).expect("write");
    assert!(
        String::from_utf8_lossy(&signature).contains(".."),
        "detached JWS"
    );
    prequal()
        .args(["catalog", "verify"])
        .arg(&catalog)
        .arg("--signature")
        .arg(&sig_file)
        .args(["--trust", &did])
        .assert()
        .success()
        .stdout(contains("verified"));

    // One changed byte (a rate) and the signature no longer covers the file.
    let text = std::fs::read_to_string(&catalog).expect("read");
    std::fs::write(&catalog, text.replacen("\"min_bp\": 4", "\"min_bp\": 3", 1)).expect("write");
    prequal()
        .args(["catalog", "verify"])
        .arg(&catalog)
        .arg("--signature")
        .arg(&sig_file)
        .args(["--trust", &did])
        .assert()
        .code(1)
        .stderr(contains("signature does not verify"));

    // Another operator's key is not trusted.
    let other = dir.join("other.jwk");
    let other_did = new_key(&other);
    std::fs::write(&catalog, text).expect("restore");
    prequal()
        .args(["catalog", "verify"])
        .arg(&catalog)
        .arg("--signature")
        .arg(&sig_file)
        .args(["--trust", &other_did])
        .assert()
        .code(1)
        .stderr(contains("signed by"));
    prequal()
        .args(["catalog", "check"])
        .assert()
        .success()
        .stdout(contains("336 products"));
}

/// `prequal match … | head -1`: the reader goes away; the command ends quietly with exit 0
/// instead of panicking on the closed pipe.
#[test]
fn a_closed_pipe_ends_the_output_quietly() {
    use std::process::{Command, Stdio};
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("prequal"))
        .args(["match", "--profile", &example("strong"), "--all"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("runs");
    // Close the reading end before the command writes, so its first write meets a closed pipe.
    drop(child.stdout.take());
    let output = child.wait_with_output().expect("ends");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{:?}: {stderr}", output.status);
    assert!(!stderr.contains("panicked"), "{stderr}");
}
