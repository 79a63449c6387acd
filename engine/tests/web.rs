//! The JavaScript API in headless Chromium: catalogs load and verify, matching gives the same
//! report as the native core (value for value, APRs included), and bad input throws typed
//! errors naming the field.

#![cfg(target_arch = "wasm32")]

use prequal::jws::{self, SecretKey};
use prequal_engine::{model_id, schedule, score, Catalog, VerifiedModel};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const CATALOG: &[u8] = include_bytes!("../../models/catalog.json");

fn js(json: &str) -> JsValue {
    js_sys::JSON::parse(json).expect("JSON")
}

fn json(value: &JsValue) -> serde_json::Value {
    let text: String = js_sys::JSON::stringify(value).expect("stringify").into();
    serde_json::from_str(&text).expect("JSON")
}

fn strong() -> JsValue {
    js(include_str!("../../examples/profiles/strong.json"))
}

#[wasm_bindgen_test]
fn loads_the_shipped_catalog() {
    let catalog = Catalog::new(CATALOG).expect("valid");
    assert_eq!(catalog.product_count(), 336);
    assert_eq!(catalog.institution_count(), 42);
    assert!(catalog.sample());
    assert_eq!(catalog.sha256(), prequal::sha256_hex(CATALOG));
}

#[wasm_bindgen_test]
fn the_report_equals_the_native_golden_report() {
    let catalog = Catalog::new(CATALOG).expect("valid");
    let report = catalog
        .match_products(strong(), JsValue::UNDEFINED)
        .expect("matches");
    let golden: serde_json::Value =
        serde_json::from_str(include_str!("../../tests/golden/strong.match.json")).expect("golden");
    assert_eq!(json(&report), golden);
    assert!(golden["counts"]["eligible"].as_u64().expect("count") >= 25);
}

#[wasm_bindgen_test]
fn options_filter_and_grade() {
    let catalog = Catalog::new(CATALOG).expect("valid");
    let report = catalog
        .match_products(strong(), js(r#"{"grade": "D", "query": {"kinds": ["seasonal"], "sort": "rate"}, "limit": 0, "all": true}"#))
        .unwrap_or_else(|e| panic!("{}", json(&e)));
    let report = json(&report);
    assert_eq!(report["standing"]["grade"], "D");
    let products = report["products"].as_array().expect("products");
    assert!(!products.is_empty());
    assert!(products.iter().all(|p| p["kind"] == "seasonal"));
    assert_eq!(
        products.len() as u64,
        report["counts"]["matched"].as_u64().expect("n")
    );

    let error = json(
        &catalog
            .match_products(strong(), js(r#"{"sort": "cost"}"#))
            .expect_err("unknown option"),
    );
    assert_eq!(error["kind"], "options");
    let error = json(
        &catalog
            .match_products(strong(), js(r#"{"grade": "Z"}"#))
            .expect_err("bad grade"),
    );
    assert_eq!(error["errors"][0]["field"], "grade");
}

#[wasm_bindgen_test]
fn a_signed_catalog_verifies_and_a_tampered_one_does_not() {
    let operator = SecretKey::from_seed(&[42; 32]);
    let did = operator.public().did_key();
    let signature = jws::sign_detached(CATALOG, &operator, "prequal-catalog+jws");
    let catalog = Catalog::verified(CATALOG, &signature, &did).expect("verifies");
    assert_eq!(catalog.product_count(), 336);

    let mut tampered = CATALOG.to_vec();
    let at = tampered.len() / 2;
    tampered[at] ^= 1;
    let error = json(
        &Catalog::verified(&tampered, &signature, &did)
            .err()
            .expect("refused"),
    );
    assert_eq!(error["kind"], "signature");
    assert_eq!(error["errors"][0]["detail"], "signature does not verify");

    let stranger = SecretKey::from_seed(&[7; 32]).public().did_key();
    let error = json(
        &Catalog::verified(CATALOG, &signature, &stranger)
            .err()
            .expect("refused"),
    );
    assert_eq!(error["kind"], "signature");
}

#[wasm_bindgen_test]
fn invalid_input_throws_errors_naming_the_field() {
    let error = json(&Catalog::new(br#"{"format": 1}"#).err().expect("refused"));
    assert_eq!(error["kind"], "catalog");
    assert_eq!(error["errors"][0]["path"], "format");

    let mut profile: serde_json::Value =
        serde_json::from_str(include_str!("../../examples/profiles/strong.json")).expect("JSON");
    profile["business"]["employees"] = serde_json::json!(-3);
    let catalog = Catalog::new(CATALOG).expect("valid");
    let error = json(
        &catalog
            .match_products(js(&profile.to_string()), JsValue::UNDEFINED)
            .expect_err("invalid"),
    );
    assert_eq!(error["kind"], "profile");
    assert_eq!(error["errors"][0]["field"], "business.employees");
    assert_eq!(error["errors"][0]["rule"], "negative");

    let error = json(&schedule(js(r#"{"principal_minor": 0, "annual_rate_bp": 385, "term_months": 12, "repayment": {"type": "equal_instalment"}}"#)).err().expect("invalid"));
    assert_eq!(error["kind"], "terms");
    assert_eq!(error["errors"][0]["field"], "principal_minor");
}

#[wasm_bindgen_test]
fn score_and_schedule() {
    let assessment = json(&score(strong()).expect("scores"));
    assert_eq!(assessment["model_id"], model_id());
    let schedule = json(&schedule(js(r#"{"principal_minor": 10000000, "annual_rate_bp": 1200, "term_months": 12, "repayment": {"type": "equal_instalment"}}"#)).expect("schedule"));
    assert_eq!(schedule["instalments"][0]["payment_minor"], 888_488);
    assert_eq!(schedule["total_interest_minor"], 661_853);
}

/// The worked example's inputs (`tests/vectors/`): the same key, clock and random bytes as the
/// native test that wrote the vector.
fn worked_example() -> String {
    let random: Vec<u8> = (1..=32u32).map(|k| (k * 37 % 256) as u8).collect();
    prequal_engine::make_bundle(
        strong(),
        js(include_str!("../../tests/vectors/bundle.request.json")),
        &[0x11; 32],
        1_795_435_200.0,
        &random,
    )
    .unwrap_or_else(|e| panic!("{}", json(&e)))
}

#[wasm_bindgen_test]
fn a_bundle_made_in_wasm_is_byte_for_byte_the_native_one() {
    // Identical bytes to the vector the native core made and verifies (and npm jose verifies).
    assert_eq!(
        worked_example(),
        include_str!("../../tests/vectors/bundle.flattened.json").trim_end()
    );
}

/// The v2 worked example: the engine's own request for the product (the consent record from
/// the catalog, the credit-report query turned on) is the native request, and the bundle made
/// from it in wasm is the native bundle, byte for byte.
#[wasm_bindgen_test]
fn a_v2_bundle_from_the_engines_request_is_byte_for_byte_the_native_one() {
    let catalog = Catalog::new(CATALOG).expect("valid");
    let request = catalog
        .bundle_request(
            "inst-005-credit-1",
            strong(),
            "zh-CN",
            js(r#"{"credit_query": "application"}"#),
        )
        .unwrap_or_else(|e| panic!("{}", json(&e)));
    let expected: serde_json::Value =
        serde_json::from_str(include_str!("../../tests/vectors/bundle-v2.request.json"))
            .expect("JSON");
    assert_eq!(json(&request), expected);
    let random: Vec<u8> = (1..=32u32).map(|k| (k * 37 % 256) as u8).collect();
    let bundle =
        prequal_engine::make_bundle(strong(), request, &[0x11; 32], 1_795_435_200.0, &random)
            .unwrap_or_else(|e| panic!("{}", json(&e)));
    assert_eq!(
        bundle,
        include_str!("../../tests/vectors/bundle-v2.flattened.json").trim_end()
    );
    let verified = json(
        &prequal_engine::verify_bundle(&bundle, 1_795_435_260.0, "", &catalog).expect("verifies"),
    );
    assert_eq!(verified["payload"]["format"], "prequal.consent/2");
    assert_eq!(
        verified["payload"]["consent"]["consents"][1]["purpose"],
        "credit-report-query"
    );
}

#[wasm_bindgen_test]
fn a_native_bundle_verifies_in_wasm_and_a_changed_one_does_not() {
    let native = include_str!("../../tests/vectors/bundle.jws").trim_end();
    let catalog = Catalog::new(CATALOG).expect("valid");
    let verified = json(
        &prequal_engine::verify_bundle(native, 1_795_435_260.0, "", &catalog).expect("verifies"),
    );
    assert_eq!(verified["score_recomputed"], true);
    assert_eq!(verified["verification"]["score_recomputed"], true);
    assert_eq!(verified["payload"]["format"], "prequal.consent/1");
    let error = json(
        &prequal_engine::verify_bundle(native, 1_795_435_260.0, "inst-999", &catalog)
            .err()
            .expect("wrong recipient"),
    );
    assert_eq!(error["kind"], "bundle");
    assert_eq!(error["code"], "recipient");
    let changed = native.replacen('.', ".A", 1);
    assert!(prequal_engine::verify_bundle(&changed, 1_795_435_260.0, "", &catalog).is_err());
}

const MODEL: &[u8] = include_bytes!("../../models/scorecard.json");
const MODEL_SIGNATURE: &str = include_str!("../../models/scorecard.json.jws");

#[wasm_bindgen_test]
fn a_signed_model_scores_as_the_shipped_one_and_an_unsigned_one_throws() {
    // The sample key is trusted when none is named.
    let model = VerifiedModel::verified(MODEL, Some(MODEL_SIGNATURE.into()), None)
        .unwrap_or_else(|e| panic!("{}", json(&e)));
    assert_eq!(model.id(), model_id());
    let by_model = json(&model.score(strong()).expect("scores"));
    let shipped = json(&score(strong()).expect("scores"));
    assert_eq!(by_model, shipped);
    let catalog = Catalog::new(CATALOG).expect("valid");
    assert_eq!(
        json(
            &catalog
                .match_products_with(&model, strong(), JsValue::UNDEFINED)
                .expect("matches")
        ),
        json(
            &catalog
                .match_products(strong(), JsValue::UNDEFINED)
                .expect("matches")
        )
    );
    for (signature, key) in [
        (None, None),
        (
            Some(MODEL_SIGNATURE.to_owned()),
            Some(SecretKey::from_seed(&[4; 32]).public().did_key()),
        ),
    ] {
        let thrown = json(
            &VerifiedModel::verified(MODEL, signature, key)
                .err()
                .expect("refused"),
        );
        assert_eq!(thrown["kind"], "model");
        assert_eq!(thrown["errors"][0]["field"], "signature");
    }
    let mut tampered = MODEL.to_vec();
    let at = tampered.len() / 3;
    tampered[at] ^= 1;
    let thrown = json(
        &VerifiedModel::verified(&tampered, Some(MODEL_SIGNATURE.into()), None)
            .err()
            .expect("refused"),
    );
    assert_eq!(thrown["errors"][0]["field"], "signature");
}
