//! Consent bundles: RFC 8785 vectors, the worked example in `tests/vectors/`, a full round trip
//! with the score recomputed, and every way a bundle can be wrong, each with its own error.

#[path = "support/golden.rs"]
mod golden;

use std::collections::BTreeMap;

use prequal::assess::Model;
use prequal::catalog::ValidCatalog;
use prequal::consent::record::{QueryTerm, Use};
use prequal::consent::{
    self, canonical_bytes, flattened, revoke, verify, verify_revocation, BundleError, Host, Ledger,
    NoLedger, Payload, Request, Trust,
};
use prequal::jws::{self, SecretKey};
use prequal::MerchantProfile;

/// A host with a fixed clock and a counter for randomness: bundles are reproducible.
struct FixedHost {
    now: i64,
    counter: u8,
}

impl Host for FixedHost {
    fn now(&self) -> i64 {
        self.now
    }
    fn random(&mut self, bytes: &mut [u8]) {
        for byte in bytes {
            self.counter = self.counter.wrapping_add(37);
            *byte = self.counter;
        }
    }
}

/// 2026-11-23T12:00:00Z.
const NOW: i64 = 1_795_435_200;

fn strong() -> MerchantProfile {
    prequal::profile::from_json(include_str!("../examples/profiles/strong.json")).expect("parses")
}

fn merchant_key() -> SecretKey {
    SecretKey::from_seed(&[0x11; 32])
}

fn catalog() -> &'static ValidCatalog {
    static CATALOG: std::sync::OnceLock<ValidCatalog> = std::sync::OnceLock::new();
    CATALOG.get_or_init(|| {
        ValidCatalog::from_json(include_bytes!("../models/catalog.json")).expect("valid")
    })
}

/// What the tests' bank trusts: the shipped model and catalog.
fn trust() -> Trust<'static> {
    Trust::new(Model::shipped(), catalog())
}

/// The request a merchant makes for a product of the shipped catalog, disclosing what the
/// product requires plus what the model reads (so the bank can recompute the score): a
/// `prequal.consent/2` one, since the catalog names the institution's data-protection
/// particulars, consenting to the application only.
fn request(profile: &MerchantProfile) -> Request {
    let model = Model::shipped();
    let valid = profile.validate().expect("valid");
    let product = &catalog().catalog().products[4];
    Request::for_product(
        catalog(),
        &product.id,
        model,
        &model.assess(&valid),
        "zh-CN",
        "web-form",
    )
    .expect("a product of the catalog")
}

/// The same choices as a `prequal.consent/1` request, as apps before v2 made them.
fn request_v1(profile: &MerchantProfile) -> Request {
    let model = Model::shipped();
    let valid = profile.validate().expect("valid");
    let product = &catalog().catalog().products[4];
    Request::application(
        consent::Recipient {
            institution: product.institution.clone(),
            products: vec![product.id.clone()],
        },
        Request::default_fields(product, model),
        model,
        &model.assess(&valid),
        consent::Artifact {
            version: catalog().catalog().version.clone(),
            sha256: catalog().sha256().to_string(),
        },
        "zh-CN",
        "web-form",
    )
}

/// The v2 worked example's request: the application, and a credit-report query for as long as
/// the application is assessed.
fn request_v2_with_query(profile: &MerchantProfile) -> Request {
    let mut request = request(profile);
    request.consent_to(Use::CreditReportQuery, Some(QueryTerm::Application), true);
    request
}

fn built(request: Request) -> Payload {
    let valid = strong().validate().expect("valid");
    consent::build(
        request,
        &valid,
        &mut FixedHost {
            now: NOW,
            counter: 0,
        },
    )
    .expect("builds")
}

/// The example payload (built once: building reads the whole catalog).
fn payload() -> Payload {
    static PAYLOAD: std::sync::OnceLock<Payload> = std::sync::OnceLock::new();
    PAYLOAD
        .get_or_init(|| {
            let profile = strong();
            let valid = profile.validate().expect("valid");
            consent::build(
                request(&profile),
                &valid,
                &mut FixedHost {
                    now: NOW,
                    counter: 0,
                },
            )
            .expect("builds")
        })
        .clone()
}

fn signed() -> String {
    consent::sign(payload(), &merchant_key())
}

fn check(envelope: &str, now: i64) -> Result<consent::Verified, BundleError> {
    let recipient = payload().recipient.institution;
    verify(envelope, now, Some(&recipient), &trust(), &NoLedger)
}

/// Signs arbitrary payload bytes as a bundle (what a buggy or hostile client could send).
fn sign_bytes(bytes: &[u8]) -> String {
    jws::sign(bytes, &merchant_key(), consent::BUNDLE_TYPE)
}

fn sign_value(value: &serde_json::Value) -> String {
    sign_bytes(&serde_json_canonicalizer::to_vec(value).expect("canonical"))
}

fn payload_value() -> serde_json::Value {
    let mut payload = payload();
    payload.merchant.did = merchant_key().public().did_key();
    serde_json::to_value(payload).expect("value")
}

#[test]
fn rfc_8785_vectors() {
    for name in ["jcs-values", "jcs-sorting", "jcs-numbers"] {
        let input = std::fs::read_to_string(format!(
            "{}/tests/vectors/{name}.input.json",
            env!("CARGO_MANIFEST_DIR")
        ))
        .expect("vector");
        let expected = std::fs::read(format!(
            "{}/tests/vectors/{name}.expected.json",
            env!("CARGO_MANIFEST_DIR")
        ))
        .expect("vector");
        let value: serde_json::Value = serde_json::from_str(&input).expect("JSON");
        let canonical = serde_json_canonicalizer::to_vec(&value).expect("canonical");
        assert_eq!(
            String::from_utf8_lossy(&canonical),
            String::from_utf8_lossy(
                &expected[..expected.len() - usize::from(expected.ends_with(b"\n"))]
            ),
            "{name}"
        );
    }
}

#[test]
fn a_bundle_round_trips_and_the_bank_recomputes_the_score() {
    let verified = check(&signed(), NOW + 60).expect("verifies");
    assert!(verified.score_recomputed);
    assert_eq!(
        verified.payload.merchant.did,
        merchant_key().public().did_key()
    );
    assert_eq!(verified.payload.disclosed["business.industry"], "62");
    // Only the requested fields are disclosed: no name of the owner's other data.
    let request = request(&strong());
    assert!(verified
        .payload
        .disclosed
        .keys()
        .all(|k| request.fields.contains(k)));
    assert!(!verified
        .payload
        .disclosed
        .contains_key("utility.average_monthly_kwh"));
    // The flattened JSON form verifies to the identical payload.
    let flat = flattened(&signed());
    assert_eq!(
        check(&flat, NOW).expect("flattened verifies").payload,
        verified.payload
    );
}

#[test]
fn whitespace_and_key_order_in_the_envelope_do_not_change_the_payload() {
    let flat: serde_json::Value = serde_json::from_str(&flattened(&signed())).expect("JSON");
    let reordered = format!(
        "{{\n  \"signature\" : {},\n\t\"protected\": {} ,\n  \"payload\":{}\n}}\n",
        flat["signature"], flat["protected"], flat["payload"]
    );
    let a = check(&reordered, NOW).expect("verifies").payload;
    assert_eq!(a, check(&signed(), NOW).expect("verifies").payload);
    assert_eq!(
        check(&format!("  {}\n", signed()), NOW)
            .expect("trimmed")
            .payload,
        a
    );
}

#[test]
fn changing_any_byte_of_the_envelope_is_refused() {
    let bundle = signed();
    let bytes = bundle.as_bytes();
    for at in 0..bytes.len() {
        let mut tampered = bytes.to_vec();
        // Another base64url character (or a dot turned into a letter).
        tampered[at] = if bytes[at] == b'A' { b'B' } else { b'A' };
        let tampered = String::from_utf8(tampered).expect("ascii");
        assert!(
            check(&tampered, NOW).is_err(),
            "byte {at} changed and still verified"
        );
    }
}

#[test]
fn dropping_any_payload_field_is_refused_even_when_signed() {
    let value = payload_value();
    for key in value.as_object().expect("object").keys() {
        let mut dropped = value.clone();
        dropped.as_object_mut().expect("object").remove(key);
        let error = check(&sign_value(&dropped), NOW).expect_err(key);
        assert!(
            matches!(error, BundleError::Schema { .. }),
            "{key}: {error:?}"
        );
    }
    // Dropping a disclosed field the model needs leaves a valid bundle the bank cannot score.
    let mut partial = value.clone();
    partial["disclosed"]
        .as_object_mut()
        .expect("object")
        .remove("loan.facility");
    let verified = check(&sign_value(&partial), NOW).expect("verifies");
    assert!(!verified.score_recomputed);
}

#[test]
fn moving_values_between_disclosed_fields_changes_meaning_and_is_caught() {
    let mut value = payload_value();
    let disclosed = value["disclosed"].as_object_mut().expect("object");
    let employees = disclosed["business.employees"].clone();
    disclosed.insert(
        "business.employees".into(),
        disclosed["business.months_in_operation"].clone(),
    );
    disclosed.insert("business.months_in_operation".into(), employees);
    // Without the merchant's key the signature fails …
    let compact = signed();
    let mut parts: Vec<String> = compact.split('.').map(String::from).collect();
    use base64::Engine;
    parts[1] = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .encode(serde_json_canonicalizer::to_vec(&value).expect("canonical"));
    assert_eq!(
        check(&parts.join("."), NOW).map(|_| ()),
        Err(BundleError::Signature)
    );
    // … and signed, the recomputed score no longer matches what the merchant saw.
    assert!(matches!(
        check(&sign_value(&value), NOW),
        Err(BundleError::ScoreMismatch { .. })
    ));
}

#[test]
fn each_failure_has_its_own_error() {
    let bundle = signed();
    let institution = payload().recipient.institution;
    // Expired (14 days, plus the skew).
    assert!(matches!(
        check(&bundle, NOW + 15 * 24 * 3600),
        Err(BundleError::Expired { .. })
    ));
    // From the future (beyond five minutes of skew) — and within the skew it is accepted.
    assert!(matches!(
        check(&bundle, NOW - 3600),
        Err(BundleError::FromTheFuture { .. })
    ));
    check(&bundle, NOW - 200).expect("within the skew");
    // Wrong recipient.
    assert!(matches!(
        verify(&bundle, NOW, Some("inst-999"), &trust(), &NoLedger),
        Err(BundleError::WrongRecipient { .. })
    ));
    // Replayed and revoked.
    struct Seen(&'static str);
    impl Ledger for Seen {
        fn seen(&self, _: &str, _: &str) -> bool {
            self.0 == "seen"
        }
        fn revoked(&self, _: &str) -> bool {
            self.0 == "revoked"
        }
    }
    assert_eq!(
        verify(&bundle, NOW, Some(&institution), &trust(), &Seen("seen")).map(|_| ()),
        Err(BundleError::Replayed)
    );
    assert_eq!(
        verify(&bundle, NOW, Some(&institution), &trust(), &Seen("revoked")).map(|_| ()),
        Err(BundleError::Revoked)
    );
    // Not canonical: the same payload, pretty-printed, signed.
    let pretty = serde_json::to_vec_pretty(&payload_value()).expect("JSON");
    assert_eq!(
        check(&sign_bytes(&pretty), NOW).map(|_| ()),
        Err(BundleError::NotCanonical)
    );
    // Signed by someone other than the merchant the payload names.
    let other = SecretKey::from_seed(&[0x22; 32]);
    let stolen = jws::sign(
        &serde_json_canonicalizer::to_vec(&payload_value()).expect("c"),
        &other,
        consent::BUNDLE_TYPE,
    );
    assert!(matches!(
        check(&stolen, NOW),
        Err(BundleError::SignerMismatch { .. })
    ));
    // Invalid disclosed value, named.
    let mut value = payload_value();
    value["disclosed"]["business.employees"] = serde_json::json!(-3);
    match check(&sign_value(&value), NOW) {
        Err(BundleError::Disclosure(errors)) => {
            assert_eq!(errors.errors[0].field, "business.employees")
        }
        other => panic!("{other:?}"),
    }
    // A claimed grade the model does not give.
    let mut value = payload_value();
    value["result"]["score"] = serde_json::json!(700);
    assert!(matches!(
        check(&sign_value(&value), NOW),
        Err(BundleError::ScoreMismatch { .. })
    ));
    // Another model.
    let mut value = payload_value();
    value["model"]["sha256"] = serde_json::json!("0".repeat(64));
    assert!(matches!(
        check(&sign_value(&value), NOW),
        Err(BundleError::UnknownModel { .. })
    ));
    // Validity over 30 days.
    let mut value = payload_value();
    value["expires_at"] = serde_json::json!(consent::format_rfc3339(NOW + 31 * 24 * 3600));
    assert_eq!(
        check(&sign_value(&value), NOW).map(|_| ()),
        Err(BundleError::Validity)
    );
    // Another algorithm, another type, an unprotected header, garbage.
    assert!(matches!(
        check(&revoke("00", NOW, &merchant_key()), NOW),
        Err(BundleError::Type { .. })
    ));
    let flat: serde_json::Value = serde_json::from_str(&flattened(&bundle)).expect("JSON");
    let with_header = serde_json::json!({"protected": flat["protected"], "payload": flat["payload"], "signature": flat["signature"], "header": {"kid": "x"}});
    assert!(matches!(
        check(&with_header.to_string(), NOW),
        Err(BundleError::Envelope { .. })
    ));
    assert!(matches!(
        check("not a bundle", NOW),
        Err(BundleError::Envelope { .. })
    ));
    assert!(matches!(
        check(&"x".repeat(300_000), NOW),
        Err(BundleError::TooLarge { .. })
    ));
}

#[test]
fn revocations_are_signed_by_the_bundles_merchant() {
    let bundle_id = payload().bundle_id;
    let revocation =
        verify_revocation(&revoke(&bundle_id, NOW, &merchant_key())).expect("verifies");
    assert_eq!(revocation.bundle_id, bundle_id);
    assert_eq!(revocation.merchant, merchant_key().public().did_key());
    assert!(matches!(
        verify_revocation(&signed()),
        Err(BundleError::Type { .. })
    ));
}

#[test]
fn a_partial_disclosure_is_checked_without_the_missing_fields() {
    let mut disclosed = BTreeMap::new();
    disclosed.insert(
        "business.months_in_operation".to_string(),
        serde_json::json!(5),
    );
    disclosed.insert(
        "revenue.monthly_minor".to_string(),
        serde_json::json!([1, 2, 3, 4, 5]),
    );
    consent::merge_disclosed(&disclosed, "2026-11-01").expect("consistent on their own");
    disclosed.insert(
        "revenue.monthly_minor".to_string(),
        serde_json::json!([1, 2, 3]),
    );
    let errors = consent::merge_disclosed(&disclosed, "2026-11-01").expect_err("count");
    assert_eq!(errors.errors[0].field, "revenue.monthly_minor");
    let mut unknown = BTreeMap::new();
    unknown.insert("business.secret".to_string(), serde_json::json!(1));
    assert_eq!(
        consent::merge_disclosed(&unknown, "2026-11-01")
            .expect_err("unknown")
            .errors[0]
            .field,
        "business.secret"
    );
}

/// The worked examples in `docs/consent-bundle.md` and `tests/vectors/`: a fixed key, clock
/// and randomness give these exact bytes (`PREQUAL_BLESS=1` rewrites them after a format
/// change) — `bundle.*` a `prequal.consent/1` bundle, `bundle-v2.*` a `prequal.consent/2` one
/// with a credit-report query authorised.
#[test]
fn the_worked_examples_are_reproducible() {
    let dir = format!("{}/tests/vectors", env!("CARGO_MANIFEST_DIR"));
    let mut files = vec![(
        "merchant.public.jwk".to_owned(),
        serde_json::to_string_pretty(&jws::Jwk::public(&merchant_key().public())).expect("JSON")
            + "\n",
    )];
    for (prefix, request) in [
        ("bundle", request_v1(&strong())),
        ("bundle-v2", request_v2_with_query(&strong())),
    ] {
        let mut payload = built(request.clone());
        let compact = consent::sign(payload.clone(), &merchant_key());
        payload.merchant.did = merchant_key().public().did_key();
        files.extend([
            (
                format!("{prefix}.request.json"),
                serde_json::to_string_pretty(&request).expect("JSON") + "\n",
            ),
            (
                format!("{prefix}.payload.json"),
                String::from_utf8(canonical_bytes(&payload)).expect("utf-8") + "\n",
            ),
            (
                format!("{prefix}.flattened.json"),
                flattened(&compact) + "\n",
            ),
            (format!("{prefix}.jws"), compact + "\n"),
        ]);
    }
    for (name, content) in files {
        golden::check(&format!("{dir}/{name}"), &content);
    }
}

/// Both formats' vectors verify as the files hold them; a bank reads which consents each gives.
#[test]
fn v1_and_v2_bundles_verify() {
    let dir = format!("{}/tests/vectors", env!("CARGO_MANIFEST_DIR"));
    for (name, format, query) in [
        ("bundle.jws", consent::FORMAT_V1, false),
        ("bundle-v2.jws", consent::FORMAT, true),
        ("bundle-v2.flattened.json", consent::FORMAT, true),
    ] {
        let envelope = std::fs::read_to_string(format!("{dir}/{name}")).expect("vector");
        let verified = check(&envelope, NOW).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(verified.payload.format, format, "{name}");
        assert!(verified.score_recomputed, "{name}");
        assert_eq!(
            verified.payload.consent.consents_to(Use::CreditReportQuery),
            query,
            "{name}"
        );
        assert!(!verified.payload.consent.consents_to(Use::OtherProducts));
    }
}

/// The application is the one consent a v2 request starts with; each optional use is its own
/// choice, given or refused without touching the others, and a bundle without the credit-report
/// query carries no consent to it at all.
#[test]
fn optional_purposes_are_separate_and_off_until_given() {
    let mut chosen = request(&strong());
    assert_eq!(chosen.format, consent::FORMAT);
    let purposes = |r: &Request| -> Vec<Use> {
        r.consent
            .consents
            .iter()
            .flatten()
            .map(|g| g.purpose)
            .collect()
    };
    assert_eq!(purposes(&chosen), [Use::LoanApplication]);
    chosen.consent_to(Use::OtherProducts, None, true);
    chosen.consent_to(
        Use::CreditReportQuery,
        Some(QueryTerm::ApplicationAndLoan),
        true,
    );
    assert_eq!(
        purposes(&chosen),
        [
            Use::LoanApplication,
            Use::CreditReportQuery,
            Use::OtherProducts
        ]
    );
    // The bundle's own purpose cannot be refused through the optional switch.
    chosen.consent_to(Use::LoanApplication, None, false);
    chosen.consent_to(Use::CreditReportQuery, None, false);
    assert_eq!(
        purposes(&chosen),
        [Use::LoanApplication, Use::OtherProducts]
    );
    let payload = built(chosen);
    let text = String::from_utf8(canonical_bytes(&payload)).expect("utf-8");
    assert!(!text.contains("credit-report-query"), "{text}");
    let verified = check(&consent::sign(payload, &merchant_key()), NOW).expect("verifies");
    assert!(verified.payload.consent.consents_to(Use::OtherProducts));
    assert!(!verified.payload.consent.consents_to(Use::CreditReportQuery));
    // A quote names the quote as its own purpose.
    let mut quote = request(&strong());
    quote.purpose = consent::Purpose::PreApprovalQuote;
    let verified = check(&consent::sign(built(quote), &merchant_key()), NOW).expect("verifies");
    assert!(verified.payload.consent.consents_to(Use::PreApprovalQuote));
    assert!(!verified.payload.consent.consents_to(Use::LoanApplication));
}

/// Every member v2 adds is checked against what the verifier holds, and the two formats'
/// members cannot be mixed.
#[test]
fn each_v2_consent_member_is_checked() {
    let v2 = {
        let mut payload = built(request_v2_with_query(&strong()));
        payload.merchant.did = merchant_key().public().did_key();
        serde_json::to_value(payload).expect("value")
    };
    check(&sign_value(&v2), NOW).expect("the untouched v2 payload verifies");
    let refused = |change: &dyn Fn(&mut serde_json::Value)| {
        let mut value = v2.clone();
        change(&mut value);
        check(&sign_value(&value), NOW)
            .map(|_| ())
            .expect_err("refused")
    };
    let member = |error: BundleError| match error {
        BundleError::ConsentRecord { member, .. } => member,
        other => panic!("{other:?}"),
    };
    type Change = Box<dyn Fn(&mut serde_json::Value)>;
    let cases: Vec<(&str, Change)> = vec![
        (
            "consents[0]",
            Box::new(|v| {
                v["consent"]["consents"]
                    .as_array_mut()
                    .expect("array")
                    .remove(0);
            }),
        ),
        (
            "consents[0]",
            Box::new(|v| v["purpose"] = "pre-approval-quote".into()),
        ),
        (
            "consents[2]",
            Box::new(|v| {
                let again = v["consent"]["consents"][1].clone();
                v["consent"]["consents"]
                    .as_array_mut()
                    .expect("array")
                    .push(again);
            }),
        ),
        (
            "consents[1].term",
            Box::new(|v| {
                v["consent"]["consents"][1]
                    .as_object_mut()
                    .expect("object")
                    .remove("term");
            }),
        ),
        (
            "consents[1].text_sha256",
            Box::new(|v| v["consent"]["consents"][1]["term"] = "application-and-loan".into()),
        ),
        (
            "consents[0].text_sha256",
            Box::new(|v| v["consent"]["consents"][0]["text_sha256"] = "0".repeat(64).into()),
        ),
        (
            "controller",
            Box::new(|v| v["consent"]["controller"]["legal_name"] = "某某有限公司".into()),
        ),
        (
            "controller",
            Box::new(|v| {
                v["consent"]["controller"]["data_protection_contact"] = "x@example.org".into()
            }),
        ),
        (
            "retention",
            Box::new(|v| v["consent"]["retention"]["days"] = 3650.into()),
        ),
        (
            "retention",
            Box::new(|v| v["consent"]["retention"]["after"] = "never".into()),
        ),
        (
            "withdrawal",
            Box::new(|v| {
                v["consent"]["withdrawal"]["endpoint"] = "https://attacker.example/".into()
            }),
        ),
        (
            "processing",
            Box::new(|v| {
                v["consent"]["processing"]["methods"]
                    .as_array_mut()
                    .expect("array")
                    .pop();
            }),
        ),
        (
            "processing",
            Box::new(|v| {
                v["consent"]["processing"]["automated_scoring"]["explanation"] = "never".into()
            }),
        ),
        (
            "sensitive",
            Box::new(|v| {
                v["consent"]["sensitive"]
                    .as_array_mut()
                    .expect("array")
                    .pop();
            }),
        ),
        (
            "sensitive",
            Box::new(|v| v["consent"]["sensitive"][0]["text_sha256"] = "0".repeat(64).into()),
        ),
    ];
    for (expected, change) in &cases {
        assert_eq!(member(refused(change.as_ref())), *expected);
    }
    // Withholding a sensitive field without saying so changes the sensitive list, which the
    // merchant signed: refused.
    let error = refused(&|v| {
        v["disclosed"]
            .as_object_mut()
            .expect("object")
            .remove("debts.lenders");
    });
    assert!(
        matches!(error, BundleError::ConsentRecord { ref member, .. } if member == "sensitive"),
        "{error:?}"
    );
    // A v2 record must hold every v2 member; a v1 record none; the format decides which.
    for name in [
        "controller",
        "consents",
        "processing",
        "retention",
        "withdrawal",
        "sensitive",
    ] {
        let error = refused(&|v| {
            v["consent"].as_object_mut().expect("object").remove(name);
        });
        assert!(
            matches!(error, BundleError::Schema { .. }),
            "{name}: {error:?}"
        );
        let error = refused(&|v| v["format"] = consent::FORMAT_V1.into());
        assert!(
            matches!(error, BundleError::Schema { .. }),
            "{name}: {error:?}"
        );
    }
    let mut v1 = payload_value_v1();
    v1["consent"]["controller"] = v2["consent"]["controller"].clone();
    assert!(matches!(
        check(&sign_value(&v1), NOW),
        Err(BundleError::Schema { .. })
    ));
    // The v1 notice in a v2 bundle (or the other way round) is not the notice shown.
    let error =
        refused(&|v| v["consent"]["notice"] = payload_value_v1()["consent"]["notice"].clone());
    assert!(matches!(error, BundleError::Notice { .. }), "{error:?}");
}

fn payload_value_v1() -> serde_json::Value {
    let mut payload = built(request_v1(&strong()));
    payload.merchant.did = merchant_key().public().did_key();
    serde_json::to_value(payload).expect("value")
}

#[test]
fn a_key_held_elsewhere_signs_the_same_bytes_and_a_wrong_signature_is_caught() {
    let key = merchant_key();
    // What a browser's WebCrypto key does: sign the prepared input, hand back 64 bytes.
    let unsigned = consent::prepare(payload(), key.public());
    let signature = key.sign_raw(unsigned.signing_input().as_bytes());
    assert_eq!(
        unsigned.clone().finish(&signature).expect("finishes"),
        consent::sign(payload(), &key),
        "identical to signing with the key at hand"
    );
    check(&unsigned.clone().finish(&signature).expect("finishes"), NOW).expect("verifies");

    let stranger = SecretKey::from_seed(&[42; 32]);
    let wrong = stranger.sign_raw(unsigned.signing_input().as_bytes());
    assert_eq!(
        unsigned.clone().finish(&wrong),
        Err(jws::JwsError::Signature)
    );
    let mut damaged = signature;
    damaged[10] ^= 1;
    assert_eq!(
        unsigned.clone().finish(&damaged),
        Err(jws::JwsError::Signature)
    );
    assert_eq!(
        unsigned.finish(&signature[..63]),
        Err(jws::JwsError::Signature)
    );

    let revocation = consent::prepare_revocation("ab".repeat(16).as_str(), NOW, key.public());
    let signature = key.sign_raw(revocation.signing_input().as_bytes());
    let revoked = consent::verify_revocation(&revocation.finish(&signature).expect("finishes"))
        .expect("verifies");
    assert_eq!(revoked.merchant, key.public().did_key());
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(24))]
    /// Whatever the merchant turns on and off, in whatever order, the bundle verifies and
    /// consents to exactly the optional uses last turned on, each once, after the application.
    #[test]
    fn any_choice_of_optional_purposes_verifies_as_chosen(
        steps in proptest::collection::vec((0..Use::OPTIONAL.len(), proptest::bool::ANY, proptest::bool::ANY), 0..8),
    ) {
        let mut chosen = request(&strong());
        let mut expected = [false; Use::OPTIONAL.len()];
        for (which, given, long) in steps {
            let term = long.then_some(QueryTerm::ApplicationAndLoan);
            chosen.consent_to(Use::OPTIONAL[which], term, given);
            expected[which] = given;
        }
        let verified = check(&consent::sign(built(chosen), &merchant_key()), NOW).expect("verifies");
        let record = &verified.payload.consent;
        proptest::prop_assert!(record.consents_to(Use::LoanApplication));
        for (i, use_) in Use::OPTIONAL.into_iter().enumerate() {
            proptest::prop_assert_eq!(record.consents_to(use_), expected[i]);
        }
    }
}
