//! Consent bundles as a hostile sender makes them: one test per class of attack found against
//! the verifier (the inbox-level classes — slow headers, unbounded listings, HTTP details — are
//! in `inbox/tests/hostile.rs`). Each was accepted before the fix; each is now refused with
//! its own error code, in the core, so the CLI, the engine and the inbox all refuse it.

use std::sync::OnceLock;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use prequal::assess::Model;
use prequal::catalog::ValidCatalog;
use prequal::consent::{
    self, verify, verify_revocation, BundleError, CountingHost, NoLedger, Payload, Request, Trust,
    MAX_BUNDLE_BYTES,
};
use prequal::jws::{self, JwsError, PublicKey, SecretKey};
use serde_json::{json, Value};

/// 2026-11-23T12:00:00Z.
const NOW: i64 = 1_795_435_200;

fn host(next: u64) -> CountingHost {
    CountingHost { now: NOW, next }
}

fn catalog() -> &'static ValidCatalog {
    static CATALOG: OnceLock<ValidCatalog> = OnceLock::new();
    CATALOG.get_or_init(|| {
        ValidCatalog::from_json(include_bytes!("../models/catalog.json")).expect("valid")
    })
}

fn trust() -> Trust<'static> {
    Trust::new(Model::shipped(), catalog())
}

fn merchant() -> SecretKey {
    SecretKey::from_seed(&[0x5a; 32])
}

fn strong() -> prequal::ValidProfile {
    prequal::profile::from_json(include_str!("../examples/profiles/strong.json"))
        .and_then(|p| p.validate())
        .expect("valid")
}

/// An honest bundle's payload for `inst-005-credit-1`, as a JSON value to tamper with.
fn honest() -> Value {
    let model = Model::shipped();
    let request = Request::for_product(
        catalog(),
        "inst-005-credit-1",
        model,
        &model.assess(&strong()),
        "zh-CN",
        "web-form",
    )
    .expect("product");
    let mut payload = consent::build(request, &strong(), &mut host(0)).expect("builds");
    payload.merchant.did = merchant().public().did_key();
    serde_json::to_value(payload).expect("JSON")
}

/// Signs a (tampered) payload value canonically with the merchant's key: the signature is
/// good, so only the payload checks can refuse it.
fn signed(value: &Value) -> String {
    jws::sign(
        &serde_json_canonicalizer::to_vec(value).expect("canonical"),
        &merchant(),
        consent::BUNDLE_TYPE,
    )
}

fn check(envelope: &str) -> Result<consent::Verified, BundleError> {
    verify(envelope, NOW + 60, None, &trust(), &NoLedger)
}

/// The code of the error a tampered payload gets.
fn refused(value: &Value) -> &'static str {
    match check(&signed(value)) {
        Ok(_) => "accepted",
        Err(e) => e.code(),
    }
}

fn did_key_of(bytes: &[u8; 32]) -> String {
    let mut raw = vec![0xed, 0x01];
    raw.extend_from_slice(bytes);
    format!("did:key:z{}", bs58::encode(raw).into_string())
}

/// Every 32-byte encoding of a point of small order that Ed25519 decoders accept: the eight
/// points of the torsion subgroup, the same with the sign bit flipped where x = 0, and the
/// non-canonical encodings y + p of those with y < 19.
fn small_order_encodings() -> Vec<[u8; 32]> {
    let mut candidates: Vec<[u8; 32]> = curve25519_dalek::constants::EIGHT_TORSION
        .iter()
        .map(|point| point.compress().to_bytes())
        .collect();
    for canonical in candidates.clone() {
        let mut flipped = canonical;
        flipped[31] ^= 0x80;
        candidates.push(flipped);
    }
    // p = 2^255 - 19, little-endian: y + p for y in 0..19 (only these fit in 255 bits).
    for y in 0u8..19 {
        let mut encoding = [0xff_u8; 32];
        encoding[0] = 0xed + y;
        encoding[31] = 0x7f;
        candidates.push(encoding);
        let mut negative = encoding;
        negative[31] |= 0x80;
        candidates.push(negative);
    }
    candidates.sort();
    candidates.dedup();
    candidates
        .into_iter()
        .filter(|bytes| {
            ed25519_dalek::VerifyingKey::from_bytes(bytes).is_ok_and(|key| key.is_weak())
        })
        .collect()
}

/// A compact JWS "signed" by the key `public` with R = the identity point and S = 0 — a
/// signature that the plain Ed25519 check accepts for every message when the key has small
/// order.
fn forged(public: &[u8; 32], payload: &[u8], typ: &str) -> String {
    let header = json!({"alg": "EdDSA", "kid": did_key_of(public), "typ": typ});
    let mut signature = [0u8; 64];
    signature[0] = 1; // R = the identity point (y = 1), S = 0.
    format!(
        "{}.{}.{}",
        URL_SAFE_NO_PAD.encode(header.to_string()),
        URL_SAFE_NO_PAD.encode(payload),
        URL_SAFE_NO_PAD.encode(signature)
    )
}

#[test]
fn class_1_weak_keys_and_malleable_signatures_are_refused_everywhere() {
    let weak = small_order_encodings();
    // The 8 torsion points, plus the non-canonical encodings decoders accept for them.
    assert!(weak.len() >= 12, "{} small-order encodings", weak.len());
    let identity = {
        let mut bytes = [0u8; 32];
        bytes[0] = 1;
        bytes
    };
    assert!(weak.contains(&identity));

    for bytes in &weak {
        assert!(
            matches!(PublicKey::from_bytes(bytes), Err(JwsError::WeakKey { .. })),
            "{bytes:02x?} read as a key"
        );
        assert!(matches!(
            PublicKey::from_did_key(&did_key_of(bytes)),
            Err(JwsError::WeakKey { .. })
        ));
        assert!(matches!(
            PublicKey::from_base64url(&URL_SAFE_NO_PAD.encode(bytes)),
            Err(JwsError::WeakKey { .. })
        ));
    }

    // The forgery: the plain check accepts it for any message …
    let payload = serde_json_canonicalizer::to_vec(&{
        let mut value = honest();
        value["merchant"]["did"] = json!(did_key_of(&identity));
        value
    })
    .expect("canonical");
    let bundle = forged(&identity, &payload, consent::BUNDLE_TYPE);
    let signing_input = bundle.rsplit_once('.').expect("three parts").0;
    let mut signature = [0u8; 64];
    signature[0] = 1;
    use ed25519_dalek::Verifier;
    ed25519_dalek::VerifyingKey::from_bytes(&identity)
        .expect("decodes")
        .verify(
            signing_input.as_bytes(),
            &ed25519_dalek::Signature::from_bytes(&signature),
        )
        .expect("the plain Ed25519 check accepts the forgery (why verify_strict is needed)");
    // … and every prequal check refuses it: bundles, revocations, detached (catalog) JWS.
    assert_eq!(
        check(&bundle).map(|_| ()).map_err(|e| e.code()),
        Err("weak_key")
    );
    let revocation = serde_json_canonicalizer::to_vec(&json!({
        "format": consent::REVOCATION_FORMAT,
        "bundle_id": "ab".repeat(16),
        "merchant": did_key_of(&identity),
        "revoked_at": "2026-11-23T12:00:00Z",
    }))
    .expect("canonical");
    assert!(matches!(
        verify_revocation(&forged(&identity, &revocation, consent::REVOCATION_TYPE)),
        Err(BundleError::WeakKey { .. })
    ));
    assert!(matches!(
        jws::verify(&forged(&identity, b"catalog", "prequal-catalog+jws"), None),
        Err(JwsError::WeakKey { .. })
    ));

    // Non-canonical S (S + L) on an honest signature: refused, the honest one accepted.
    let key = merchant();
    let message = b"message";
    let good = key.sign_raw(message);
    key.public().verify_raw(message, &good).expect("honest");
    let order: [u8; 32] = [
        0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9, 0xde,
        0x14, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x10,
    ];
    let mut malleated = good;
    let mut carry = 0u16;
    for (i, l) in order.iter().enumerate() {
        let sum = u16::from(malleated[32 + i]) + u16::from(*l) + carry;
        malleated[32 + i] = sum as u8;
        carry = sum >> 8;
    }
    assert_eq!(carry, 0, "S + L fits in 32 bytes");
    assert_eq!(
        key.public().verify_raw(message, &malleated),
        Err(JwsError::Signature)
    );
}

/// Project Wycheproof's Ed25519 vectors through the one signature check prequal has.
#[test]
fn class_1_wycheproof_ed25519_vectors() {
    let file: Value =
        serde_json::from_str(include_str!("vectors/wycheproof/ed25519_test.json")).expect("JSON");
    let hex = |text: &str| -> Vec<u8> {
        (0..text.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&text[i..i + 2], 16).expect("hex"))
            .collect()
    };
    let mut counted = (0, 0);
    for group in file["testGroups"].as_array().expect("groups") {
        let key = PublicKey::from_bytes(&hex(group["publicKey"]["pk"].as_str().expect("pk")));
        for test in group["tests"].as_array().expect("tests") {
            let id = &test["tcId"];
            let message = hex(test["msg"].as_str().expect("msg"));
            let signature = hex(test["sig"].as_str().expect("sig"));
            let verified = key
                .as_ref()
                .is_ok_and(|key| key.verify_raw(&message, &signature).is_ok());
            match test["result"].as_str() {
                Some("valid") => {
                    assert!(verified, "vector {id} must verify");
                    counted.0 += 1;
                }
                _ => {
                    assert!(!verified, "vector {id} must not verify");
                    counted.1 += 1;
                }
            }
        }
    }
    assert_eq!(counted, (88, 63), "(valid, invalid) vectors run");
}

#[test]
fn class_2_every_payload_member_is_checked() {
    let base = honest();
    check(&signed(&base)).expect("the honest bundle verifies");
    type Tamper = Box<dyn Fn(&mut Value)>;
    let mut cases: Vec<(&str, Tamper, &str)> = vec![
        (
            "another institution's product",
            Box::new(|v| v["recipient"]["products"] = json!(["inst-007-credit-1"])),
            "product_recipient",
        ),
        (
            "a product that does not exist",
            Box::new(|v| v["recipient"]["products"] = json!(["inst-005-credit-99"])),
            "unknown_product",
        ),
        (
            "any catalog hash",
            Box::new(|v| v["catalog"]["sha256"] = json!("7".repeat(64))),
            "unknown_catalog",
        ),
        (
            "another catalog version",
            Box::new(|v| v["catalog"]["version"] = json!("2099.1")),
            "artifact_version",
        ),
        (
            "a notice hash of zeros",
            Box::new(|v| v["consent"]["notice"]["sha256"] = json!("0".repeat(64))),
            "notice",
        ),
        (
            "the English notice's hash under zh-CN",
            Box::new(|v| {
                v["consent"]["notice"]["sha256"] =
                    json!(prequal::sha256_hex(consent::NOTICE_EN.as_bytes()))
            }),
            "notice",
        ),
        (
            "an unknown notice version",
            Box::new(|v| v["consent"]["notice"]["version"] = json!("1999-01")),
            "notice",
        ),
        (
            "a notice language outside the set",
            Box::new(|v| v["consent"]["notice"]["language"] = json!("fr")),
            "closed_set",
        ),
        (
            "jurisdiction XX",
            Box::new(|v| v["consent"]["jurisdiction"] = json!("XX")),
            "closed_set",
        ),
        (
            "an unknown legal basis",
            Box::new(|v| v["consent"]["legal_basis"] = json!("legitimate-interest")),
            "closed_set",
        ),
        (
            "an unknown collection method",
            Box::new(|v| v["consent"]["collection_method"] = json!("scraped")),
            "closed_set",
        ),
        (
            "data categories that are not the disclosed ones",
            Box::new(|v| v["consent"]["data_categories"] = json!(["tax"])),
            "data_categories",
        ),
        (
            "an unknown data category",
            Box::new(|v| {
                v["consent"]["data_categories"]
                    .as_array_mut()
                    .expect("array")
                    .push(json!("genome"))
            }),
            "data_categories",
        ),
        (
            "any locale",
            Box::new(|v| v["locale"] = json!("tlh")),
            "closed_set",
        ),
        (
            "a 100-character model version",
            Box::new(|v| v["model"]["version"] = json!("v".repeat(100))),
            "bounds",
        ),
        (
            "another model version",
            Box::new(|v| v["model"]["version"] = json!("sba7a-merchant-1999")),
            "artifact_version",
        ),
        (
            "a 150 KB model version",
            Box::new(|v| v["model"]["version"] = json!("v".repeat(150_000))),
            "too_large",
        ),
        (
            "9,000 product ids",
            Box::new(|v| {
                v["recipient"]["products"] =
                    json!((0..9_000).map(|i| format!("p{i}")).collect::<Vec<_>>())
            }),
            "too_large",
        ),
        (
            "eleven products",
            Box::new(|v| {
                v["recipient"]["products"] = json!((1..=11)
                    .map(|i| format!("inst-005-x-{i}"))
                    .collect::<Vec<_>>())
            }),
            "bounds",
        ),
        (
            "a product listed twice",
            Box::new(|v| {
                v["recipient"]["products"] = json!(["inst-005-credit-1", "inst-005-credit-1"])
            }),
            "schema",
        ),
        (
            "a PD other than the recomputed one",
            Box::new(|v| {
                let ppm = v["result"]["probability_of_default_ppm"]
                    .as_i64()
                    .expect("ppm");
                v["result"]["probability_of_default_ppm"] = json!(ppm + 1)
            }),
            "score_mismatch",
        ),
        (
            "a PD above one",
            Box::new(|v| v["result"]["probability_of_default_ppm"] = json!(1_000_001)),
            "schema",
        ),
        (
            "a grade the model does not have",
            Box::new(|v| v["result"]["grade"] = json!("AAA")),
            "closed_set",
        ),
    ];
    for (name, tamper, code) in cases.drain(..) {
        let mut value = base.clone();
        tamper(&mut value);
        assert_eq!(refused(&value), code, "{name}");
    }
}

#[test]
fn class_3_a_field_is_disclosed_once_and_only_as_a_leaf() {
    let base = honest();
    for (path, value) in [
        // A parent beside its leaves: the bank could read one value, the score another.
        (
            "tax",
            json!({"credit_rating": "D", "months_filed_last_12": 0, "arrears_minor": 0}),
        ),
        ("revenue.monthly_minor[0]", json!(1)),
        ("as_of", json!("2020-01-01")),
        ("schema", json!("prequal.profile/1")),
        ("business.secret", json!(1)),
    ] {
        let mut value_with = base.clone();
        value_with["disclosed"][path] = value;
        assert_eq!(refused(&value_with), "disclosed_path", "{path}");
    }
    // The merchant's side refuses to make one, too.
    let mut request = Request::for_product(
        catalog(),
        "inst-005-credit-1",
        Model::shipped(),
        &Model::shipped().assess(&strong()),
        "en",
        "cli",
    )
    .expect("product");
    request.fields.push("tax".into());
    assert!(matches!(
        consent::build(request, &strong(), &mut host(1_000)),
        Err(BundleError::DisclosedPath { .. })
    ));
}

#[test]
fn class_4_the_verifier_says_whether_the_score_was_recomputed() {
    let mut value = honest();
    // Withhold a field the model reads and claim the best result.
    let disclosed = value["disclosed"].as_object_mut().expect("object");
    disclosed.remove("loan.facility");
    value["result"] = json!({"score": 999, "grade": "A", "probability_of_default_ppm": 1});
    let bundle = signed(&value);

    let verified = check(&bundle).expect("accepted by a lenient verifier …");
    assert!(!verified.score_recomputed);
    assert_eq!(verified.withheld_model_fields, vec!["loan.facility"]);
    let outcome = serde_json::to_value(verified.outcome()).expect("JSON");
    assert_eq!(outcome["score_recomputed"], false);
    assert_eq!(outcome["withheld_model_fields"], json!(["loan.facility"]));

    let strict = trust().requiring_recomputation(true);
    let error =
        verify(&bundle, NOW, None, &strict, &NoLedger).expect_err("… refused by a strict one");
    assert_eq!(error.code(), "score_not_recomputable");
    assert!(error.to_string().contains("loan.facility"), "{error}");

    let honest = check(&signed(&honest())).expect("verifies");
    assert!(honest.score_recomputed && honest.withheld_model_fields.is_empty());
    assert!(verify(&signed(&self::honest()), NOW, None, &strict, &NoLedger).is_ok());
}

#[test]
fn class_7_unknown_header_parameters_and_wrong_revocation_formats() {
    let payload = serde_json_canonicalizer::to_vec(&honest()).expect("canonical");
    let key = merchant();
    let with_header = |header: Value| {
        let input = format!(
            "{}.{}",
            URL_SAFE_NO_PAD.encode(header.to_string()),
            URL_SAFE_NO_PAD.encode(&payload)
        );
        format!(
            "{input}.{}",
            URL_SAFE_NO_PAD.encode(key.sign_raw(input.as_bytes()))
        )
    };
    let did = key.public().did_key();
    for extra in [
        json!({"b64": false}),
        json!({"jwk": {"kty": "OKP"}}),
        json!({"x5u": "https://example.com"}),
    ] {
        let mut header = json!({"alg": "EdDSA", "kid": did, "typ": consent::BUNDLE_TYPE});
        for (name, value) in extra.as_object().expect("object") {
            header[name] = value.clone();
        }
        assert_eq!(
            check(&with_header(header.clone()))
                .map(|_| ())
                .map_err(|e| e.code()),
            Err("header"),
            "{header}"
        );
    }
    check(&with_header(
        json!({"alg": "EdDSA", "kid": did, "typ": consent::BUNDLE_TYPE}),
    ))
    .expect("alg, kid and typ only");

    let revocation = |format: &str| {
        jws::sign(
            &serde_json_canonicalizer::to_vec(&json!({
                "format": format,
                "bundle_id": "ab".repeat(16),
                "merchant": did,
                "revoked_at": "2026-11-23T12:00:00Z",
            }))
            .expect("canonical"),
            &key,
            consent::REVOCATION_TYPE,
        )
    };
    assert!(verify_revocation(&revocation(consent::REVOCATION_FORMAT)).is_ok());
    assert_eq!(
        verify_revocation(&revocation("prequal.revocation/9"))
            .map(|_| ())
            .map_err(|e| e.code()),
        Err("schema")
    );
}

/// The bounds make a stored bundle's size knowable: the payload with every member at its
/// bound (every disclosable field, the longest name JSON can write, twelve months of the
/// largest amount, ten 64-character product ids) signed and flattened stays under
/// [`MAX_BUNDLE_BYTES`].
#[test]
fn the_largest_bundle_the_bounds_allow_fits_the_size_limit() {
    let mut value = honest();
    let long_id = "i".repeat(consent::bounds::MAX_ID_CHARS);
    value["recipient"]["institution"] = json!(long_id);
    value["recipient"]["products"] = json!(vec![long_id.clone(); consent::bounds::MAX_PRODUCTS]);
    value["model"]["version"] = json!(long_id);
    value["catalog"]["version"] = json!(long_id);
    let amount = prequal::profile::limits::MAX_AMOUNT_MINOR;
    let disclosed = value["disclosed"].as_object_mut().expect("object");
    for spec in prequal::profile::FIELDS {
        if !consent::is_disclosable(spec.path) {
            continue;
        }
        use prequal::profile::FieldKind;
        let widest = match spec.kind {
            // A control character is the widest a character gets in JSON: \u0001.
            FieldKind::Text { max_chars } => json!("\u{1}".repeat(max_chars)),
            FieldKind::MonthlyMoney => json!(vec![amount; 12]),
            FieldKind::Money | FieldKind::Whole => json!(amount),
            FieldKind::Date => json!("2026-11-01"),
            FieldKind::Flag => json!(false),
            FieldKind::IndustryCode => json!("62"),
            FieldKind::RegionCode => json!("330106"),
            FieldKind::Choice(options) => {
                json!(options
                    .iter()
                    .max_by_key(|o| o.len())
                    .copied()
                    .unwrap_or(""))
            }
            FieldKind::Fixed(text) => json!(text),
        };
        disclosed.insert(spec.path.to_owned(), widest);
    }
    // The v2 record at the catalog's bounds: names and contacts at their longest (catalog
    // check), every optional consent, every sensitive field.
    let widest = |chars: usize| json!("\u{1}".repeat(chars));
    let record = &mut value["consent"];
    record["controller"] = json!({"legal_name": widest(100), "contact": widest(40), "data_protection_contact": widest(100)});
    record["withdrawal"]["endpoint"] = json!(format!("https://{}", "w".repeat(192)));
    let language = record["notice"]["language"]
        .as_str()
        .unwrap_or("en")
        .to_owned();
    record["consents"] = json!([
        consent::record::Given::new(consent::record::Use::PreApprovalQuote, None, &language),
        consent::record::Given::new(
            consent::record::Use::CreditReportQuery,
            Some(consent::record::QueryTerm::ApplicationAndLoan),
            &language
        ),
        consent::record::Given::new(consent::record::Use::OtherProducts, None, &language),
    ]);
    let disclosed_paths: Vec<String> = value["disclosed"]
        .as_object()
        .expect("object")
        .keys()
        .cloned()
        .collect();
    value["consent"]["sensitive"] =
        json!(consent::record::sensitive_of(&disclosed_paths, &language));
    value["consent"]["data_categories"] = json!(consent::data_categories(&disclosed_paths));
    let envelope = consent::flattened(&signed(&value));
    assert!(
        envelope.len() * 2 <= MAX_BUNDLE_BYTES,
        "the widest bundle is {} bytes; the limit {MAX_BUNDLE_BYTES} should leave room",
        envelope.len()
    );
    println!("widest bundle: {} bytes", envelope.len());
    let _: Payload = serde_json::from_value(value).expect("still the payload format");
}
