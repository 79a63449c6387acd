//! The institution's answers (`prequal.response/1`) and the merchant's read requests: an offer
//! priced from a product verifies under the catalog's key and recomputes on the merchant's
//! side; every way an answer or a request can be wrong has its own error; the worked example
//! in `tests/vectors/` is reproducible.

#[path = "support/golden.rs"]
mod golden;

use prequal::catalog::{Institution, RepaymentType, ValidCatalog};
use prequal::jws::{self, SecretKey};
use prequal::response::{
    self, prepare_read, sample_institution_key, verify, verify_read, Offer, Reason, Response,
    ResponseError, Status,
};

/// 2026-11-23T12:00:00Z.
const NOW: i64 = 1_795_435_200;
const BUNDLE: &str = "25496e93b8dd02274b7097bec6e10f34";

fn catalog() -> &'static ValidCatalog {
    static CATALOG: std::sync::OnceLock<ValidCatalog> = std::sync::OnceLock::new();
    CATALOG.get_or_init(|| {
        ValidCatalog::from_json(include_bytes!("../models/catalog.json")).expect("valid")
    })
}

fn institution(id: &str) -> &'static Institution {
    catalog()
        .catalog()
        .institutions
        .iter()
        .find(|i| i.id == id)
        .expect("in the catalog")
}

fn merchant() -> SecretKey {
    SecretKey::from_seed(&[0x11; 32])
}

/// An offer of the tax-data credit loan: ¥200,000 at 8.80 % over 12 months, equal instalments.
fn offer() -> Offer {
    let (_, product) = catalog().product("inst-005-credit-1").expect("listed");
    Offer::priced(
        product,
        RepaymentType::EqualInstalment,
        20_000_000,
        880,
        12,
        12,
        "2026-12-31",
    )
    .expect("prices")
}

fn answer(status: Status) -> Response {
    Response {
        format: response::FORMAT.into(),
        response_id: "0f1e2d3c4b5a69788796a5b4c3d2e1f0".into(),
        bundle_id: BUNDLE.into(),
        institution: "inst-005".into(),
        merchant: merchant().public().did_key(),
        sequence: 2,
        status,
        created_at: "2026-11-23T12:00:00Z".into(),
        message: Some("请在本周内到网点面签。".into()),
        fields: if status == Status::MoreInformation {
            vec!["utility.average_monthly_kwh".into()]
        } else {
            Vec::new()
        },
        offer: (status == Status::Offer).then(offer),
        reasons: if status == Status::Declined {
            vec![Reason::DebtTooHigh, Reason::Other]
        } else {
            Vec::new()
        },
    }
}

fn signed(response: &Response) -> String {
    response::sign(response, &sample_institution_key(&response.institution))
}

fn signed_value(value: &serde_json::Value, institution: &str) -> String {
    jws::sign_as(
        &serde_json_canonicalizer::to_vec(value).expect("canonical"),
        &sample_institution_key(institution),
        sample_institution_key(institution).public().did_key(),
        response::TYPE,
    )
}

#[test]
fn every_status_verifies_under_the_catalog_key() {
    for status in [
        Status::Acknowledged,
        Status::MoreInformation,
        Status::Offer,
        Status::Declined,
    ] {
        let response = answer(status);
        let envelope = signed(&response);
        assert_eq!(
            verify(&envelope, institution("inst-005")),
            Ok(response.clone())
        );
        // The flattened serialisation too.
        assert_eq!(
            verify(
                &prequal::consent::flattened(&envelope),
                institution("inst-005")
            ),
            Ok(response)
        );
    }
}

/// The merchant's device recomputes an offer from its terms: the figures are the schedule's,
/// priced as matching prices the product (its fees and grace period included).
#[test]
fn an_offer_is_priced_as_the_merchant_recomputes_it() {
    let offer = offer();
    assert!(offer.recomputes());
    let schedule = offer.terms.schedule().expect("schedules");
    assert_eq!(offer.total_repayable_minor, schedule.total_paid_minor);
    assert!(offer.effective_annual_rate_ppm >= 88_000, "{offer:?}");
    let mut changed = offer.clone();
    changed.cost_of_credit_minor -= 1;
    assert!(!changed.recomputes());
    let mut response = answer(Status::Offer);
    response.offer = Some(changed);
    assert_eq!(
        verify(&signed(&response), institution("inst-005")),
        Err(ResponseError::OfferMismatch)
    );
}

#[test]
fn each_wrong_answer_has_its_own_error() {
    let code =
        |result: Result<Response, ResponseError>| result.map(|_| ()).expect_err("refused").code();
    let five = institution("inst-005");
    // Signed by another institution's key (or the merchant's): not this institution's answer.
    let by_seven = response::sign(
        &answer(Status::Acknowledged),
        &sample_institution_key("inst-007"),
    );
    assert_eq!(code(verify(&by_seven, five)), "signer");
    // Signed by the right key but naming another institution.
    let mut other = answer(Status::Acknowledged);
    other.institution = "inst-007".into();
    let envelope = response::sign(&other, &sample_institution_key("inst-005"));
    assert_eq!(code(verify(&envelope, five)), "signer");
    // Members that do not go with the status.
    for (status, change) in [
        (Status::Acknowledged, "fields"),
        (Status::MoreInformation, "no fields"),
        (Status::Declined, "no reasons"),
        (Status::Acknowledged, "offer"),
        (Status::Offer, "no offer"),
        (Status::Acknowledged, "long message"),
        (Status::Acknowledged, "sequence 0"),
        (Status::MoreInformation, "not a field"),
    ] {
        let mut response = answer(status);
        match change {
            "fields" => response.fields = vec!["tax.credit_rating".into()],
            "no fields" => response.fields.clear(),
            "no reasons" => response.reasons.clear(),
            "offer" => response.offer = Some(offer()),
            "no offer" => response.offer = None,
            "long message" => response.message = Some("长".repeat(501)),
            "sequence 0" => response.sequence = 0,
            _ => response.fields = vec!["tax".into()],
        }
        assert_eq!(code(verify(&signed(&response), five)), "schema", "{change}");
    }
    // Another type, non-canonical bytes, an unknown member, a key the catalog does not list.
    let value = serde_json::to_value(answer(Status::Acknowledged)).expect("value");
    let as_bundle = jws::sign(
        &serde_json_canonicalizer::to_vec(&value).expect("c"),
        &sample_institution_key("inst-005"),
        prequal::consent::BUNDLE_TYPE,
    );
    assert_eq!(code(verify(&as_bundle, five)), "type");
    let pretty = jws::sign_as(
        &serde_json::to_vec_pretty(&value).expect("JSON"),
        &sample_institution_key("inst-005"),
        sample_institution_key("inst-005").public().did_key(),
        response::TYPE,
    );
    assert_eq!(code(verify(&pretty, five)), "not_canonical");
    let mut extra = value.clone();
    extra["secret_score"] = 700.into();
    assert_eq!(
        code(verify(&signed_value(&extra, "inst-005"), five)),
        "schema"
    );
    let mut keyless = five.clone();
    keyless.response_key = None;
    assert_eq!(
        code(verify(&signed(&answer(Status::Acknowledged)), &keyless)),
        "no_response_key"
    );
}

/// Only the merchant's own key reads the answers: the request names the bundle, the time and a
/// nonce, and is refused when stale, of another type or not signed by the merchant it names.
#[test]
fn read_requests_are_signed_fresh_and_well_formed() {
    let key = merchant();
    let nonce = [7u8; 16];
    let unsigned = prepare_read(BUNDLE, NOW, &nonce, key.public());
    let signature = key.sign_raw(unsigned.signing_input().as_bytes());
    let envelope = unsigned.finish(&signature).expect("signs");
    let request = verify_read(&envelope, NOW + 60).expect("verifies");
    assert_eq!(request.bundle_id, BUNDLE);
    assert_eq!(request.merchant, key.public().did_key());
    assert_eq!(request.nonce, prequal::hex(&nonce));
    assert!(matches!(
        verify_read(&envelope, NOW + 600),
        Err(ResponseError::Stale { .. })
    ));
    assert!(matches!(
        verify_read(&envelope, NOW - 600),
        Err(ResponseError::Stale { .. })
    ));
    // A response is not a read request; a request naming another merchant is refused.
    assert_eq!(
        verify_read(&signed(&answer(Status::Acknowledged)), NOW)
            .map(|_| ())
            .expect_err("type")
            .code(),
        "type"
    );
    let mut value: serde_json::Value =
        serde_json::from_slice(&jws::verify(&envelope, None).expect("jws").payload).expect("JSON");
    value["merchant"] = SecretKey::from_seed(&[9; 32]).public().did_key().into();
    let forged = jws::sign_as(
        &serde_json_canonicalizer::to_vec(&value).expect("c"),
        &key,
        key.public().did_key(),
        response::READ_TYPE,
    );
    assert_eq!(
        verify_read(&forged, NOW)
            .map(|_| ())
            .expect_err("signer")
            .code(),
        "signer"
    );
}

/// The worked example in `docs/responses.md` and `tests/vectors/`: an offer from the sample
/// inst-005 (`PREQUAL_BLESS=1` rewrites it after a format change).
#[test]
fn the_worked_example_is_reproducible() {
    let response = answer(Status::Offer);
    let files = [
        (
            "response.payload.json",
            String::from_utf8(serde_json_canonicalizer::to_vec(&response).expect("c"))
                .expect("utf-8")
                + "\n",
        ),
        ("response.jws", signed(&response) + "\n"),
    ];
    for (name, content) in files {
        let path = format!("{}/tests/vectors/{name}", env!("CARGO_MANIFEST_DIR"));
        golden::check(&path, &content);
    }
}

/// `verify` reads by hand (the browser module carries no derived reader for these types): it
/// reads every offer the catalog's products and repayment types can make — seasonal months,
/// grace periods, itemised fees — exactly as serde's derived reader does.
#[test]
fn the_hand_reader_reads_what_the_derived_reader_reads() {
    let mut read = 0;
    for product in &catalog().catalog().products {
        let Some(institution) = catalog()
            .catalog()
            .institutions
            .iter()
            .find(|i| i.id == product.institution)
        else {
            continue;
        };
        for kind in &product.repayment {
            let Ok(offer) = Offer::priced(
                product,
                *kind,
                product.amount.min_minor,
                800,
                product.term_months.max,
                3,
                "2027-01-31",
            ) else {
                continue;
            };
            let mut answer = answer(Status::Offer);
            answer.institution = institution.id.clone();
            answer.offer = Some(offer);
            let envelope = signed(&answer);
            let by_hand = verify(&envelope, institution).expect("verifies");
            let payload = jws::verify(&envelope, None).expect("jws").payload;
            let derived: Response = serde_json::from_slice(&payload).expect("derived reader");
            assert_eq!(by_hand, derived, "{} {kind:?}", product.id);
            assert_eq!(by_hand, answer);
            read += 1;
        }
    }
    assert!(read > 300, "{read} offers read");
}
