//! The institutions' answers over HTTP: an institution answers its own bundle (acknowledged,
//! an offer priced by the core), the merchant reads the answers with a request signed by the
//! bundle's key and verifies them against the catalog; nobody else reads or answers, a read
//! request works once, a revoked bundle cannot be answered.

mod support;

use prequal::consent;
use prequal::jws::SecretKey;
use prequal::response;
use reqwest::StatusCode;
use support::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_institution_answers_and_only_the_merchant_reads_it() {
    answers(sqlite()).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs PostgreSQL: cargo xtask test starts one and runs it"]
async fn answers_on_postgres() {
    answers(postgres("prequal_test_answers").await).await;
}

/// A read request for `bundle_id` signed by `key` at `at` with the nonce `n`.
fn read_request(bundle_id: &str, key: &SecretKey, at: i64, n: u8) -> String {
    let unsigned = response::prepare_read(bundle_id, at, &[n; 16], key.public());
    let signature = key.sign_raw(unsigned.signing_input().as_bytes());
    unsigned.finish(&signature).expect("signs")
}

async fn answers(test: TestDatabase) {
    let merchant = SecretKey::from_seed(&[8; 32]);
    let mut host = Counter {
        now: now(),
        next: 0,
    };
    let bundle = bundles(1, "inst-005", &merchant, &mut host).remove(0);
    let bundle_id = consent::decode_unverified(&bundle)
        .expect("payload")
        .bundle_id;
    let server = start(config(&test.database)).await;
    let client = reqwest::Client::new();
    let (status, _) = post(&client, &server.url, "/v1/bundles", bundle).await;
    assert_eq!(status, StatusCode::CREATED);
    let path = format!("/v1/bundles/{bundle_id}/responses");

    // The institution acknowledges, then offers; each answer is numbered and signed.
    let (status, first) = post_as(
        &client,
        &server.url,
        "token-five",
        &path,
        serde_json::json!({"status": "acknowledged", "message": "已收到，三个工作日内答复。"}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{first}");
    assert_eq!(first["sequence"], 1);
    let offer = serde_json::json!({"status": "offer", "offer": {
        "product": "inst-005-credit-1", "repayment_type": "equal_instalment",
        "amount_minor": 15_000_000, "annual_rate_bp": 880, "term_months": 12,
        "valid_until": "2027-01-31"}});
    let (status, second) = post_as(&client, &server.url, "token-five", &path, offer.clone()).await;
    assert_eq!(status, StatusCode::CREATED, "{second}");
    assert_eq!(second["sequence"], 2);
    assert!(
        second["response"]["offer"]["effective_annual_rate_ppm"]
            .as_i64()
            .expect("rate")
            > 88_000
    );

    // Answers that do not hold together are refused with the member named.
    for (body, code) in [
        (serde_json::json!({"status": "offer"}), "schema"),
        (serde_json::json!({"status": "declined"}), "schema"),
        (
            serde_json::json!({"status": "more_information", "fields": ["tax"]}),
            "schema",
        ),
        (
            serde_json::json!({"status": "offer", "offer": {"product": "inst-007-credit-1", "repayment_type": "equal_instalment", "amount_minor": 100, "annual_rate_bp": 880, "term_months": 12, "valid_until": "2027-01-31"}}),
            "unknown_product",
        ),
        (
            serde_json::json!({"status": "offer", "offer": {"product": "inst-005-credit-1", "repayment_type": "equal_instalment", "amount_minor": -5, "annual_rate_bp": 880, "term_months": 12, "valid_until": "2027-01-31"}}),
            "schema",
        ),
    ] {
        let (status, body) = post_as(&client, &server.url, "token-five", &path, body).await;
        assert_eq!(
            (status, body["error"].as_str()),
            (StatusCode::UNPROCESSABLE_ENTITY, Some(code)),
            "{body}"
        );
    }
    let (status, body) = post_as(
        &client,
        &server.url,
        "token-five",
        &path,
        serde_json::json!({"status": "offer", "secret": 1}),
    )
    .await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::BAD_REQUEST, Some("malformed"))
    );

    // Another institution can neither answer nor read this bundle's answers; no token, nothing.
    let (status, _) = post_as(
        &client,
        &server.url,
        "token-seven",
        &path,
        serde_json::json!({"status": "acknowledged"}),
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(
        get(&client, &server.url, "token-seven", &path).await.0,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        get(&client, &server.url, "wrong", &path).await.0,
        StatusCode::UNAUTHORIZED
    );
    let (status, listed) = get(&client, &server.url, "token-five", &path).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(listed["responses"].as_array().map(Vec::len), Some(2));

    // The merchant reads with the bundle's key: both answers, each verifying against the
    // catalog's key for the institution, the offer recomputing on the merchant's side.
    let (status, read) = post(
        &client,
        &server.url,
        "/v1/responses/read",
        read_request(&bundle_id, &merchant, now(), 1),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{read}");
    let institution = institution("inst-005");
    let verified: Vec<response::Response> = read["responses"]
        .as_array()
        .expect("responses")
        .iter()
        .map(|r| {
            response::verify(r["envelope"].as_str().expect("envelope"), institution)
                .expect("verifies")
        })
        .collect();
    assert_eq!(verified.len(), 2);
    assert_eq!(verified[1].status, response::Status::Offer);
    assert!(verified[1].offer.as_ref().expect("offer").recomputes());
    assert_eq!(verified[1].merchant, merchant.public().did_key());

    // The same request again, another merchant's key, a stale request: refused.
    let (status, body) = post(
        &client,
        &server.url,
        "/v1/responses/read",
        read_request(&bundle_id, &merchant, now(), 1),
    )
    .await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::CONFLICT, Some("replayed"))
    );
    let stranger = SecretKey::from_seed(&[9; 32]);
    let (status, body) = post(
        &client,
        &server.url,
        "/v1/responses/read",
        read_request(&bundle_id, &stranger, now(), 2),
    )
    .await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::FORBIDDEN, Some("not_the_merchant"))
    );
    let (status, body) = post(
        &client,
        &server.url,
        "/v1/responses/read",
        read_request(&bundle_id, &merchant, now() - 3600, 3),
    )
    .await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("stale"))
    );

    // Revoked: the bundle cannot be answered any more, and the merchant's read says so.
    let revocation = consent::revoke(&bundle_id, now(), &merchant);
    assert_eq!(
        post(&client, &server.url, "/v1/revocations", revocation)
            .await
            .0,
        StatusCode::OK
    );
    let (status, body) = post_as(
        &client,
        &server.url,
        "token-five",
        &path,
        serde_json::json!({"status": "acknowledged"}),
    )
    .await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::CONFLICT, Some("revoked"))
    );
    let (status, read) = post(
        &client,
        &server.url,
        "/v1/responses/read",
        read_request(&bundle_id, &merchant, now(), 4),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert!(read["revoked_at"].is_string());
    let _ = server.stop.send(());
    server.done.await.expect("stops");
}
