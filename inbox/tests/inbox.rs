//! The inbox end to end over HTTP on loopback: 1,000 bundles posted concurrently are all stored
//! exactly once and survive a restart; replays, revocations, other institutions' tokens and bad
//! requests get their own answers and store nothing.

mod support;

use prequal::consent;
use prequal::jws::SecretKey;
use reqwest::StatusCode;
use support::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thousand_concurrent_bundles_are_stored_exactly_once_and_survive_a_restart() {
    a_thousand_concurrent_bundles(sqlite()).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs PostgreSQL: cargo xtask test starts one and runs it"]
async fn a_thousand_concurrent_bundles_on_postgres() {
    a_thousand_concurrent_bundles(postgres("prequal_test_thousand").await).await;
}

async fn a_thousand_concurrent_bundles(test: TestDatabase) {
    let database = &test.database;
    let merchant = SecretKey::from_seed(&[5; 32]);
    let mut host = Counter {
        now: now(),
        next: 0,
    };
    let batch = bundles(1000, "inst-005", &merchant, &mut host);

    let server = start(config(database)).await;
    let client = reqwest::Client::new();
    let mut tasks = tokio::task::JoinSet::new();
    for bundle in batch.clone() {
        let (client, url) = (client.clone(), server.url.clone());
        tasks.spawn(async move { post(&client, &url, "/v1/bundles", bundle).await });
    }
    let mut created = 0;
    while let Some(result) = tasks.join_next().await {
        let (status, receipt) = result.expect("task");
        assert_eq!(status, StatusCode::CREATED, "{receipt}");
        assert_eq!(receipt["institution"], "inst-005");
        assert_eq!(receipt["score_recomputed"], true);
        created += 1;
    }
    assert_eq!(created, 1000);

    // A replay is refused and stores nothing.
    let (status, body) = post(&client, &server.url, "/v1/bundles", batch[17].clone()).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::CONFLICT, Some("replayed"))
    );

    // Restart on the same database.
    let _ = server.stop.send(());
    server.done.await.expect("stops");
    let server = start(config(database)).await;
    let (status, listed) = list(&client, &server.url, "token-five").await;
    assert_eq!(status, StatusCode::OK);
    let bundles = listed["bundles"].as_array().expect("bundles");
    assert_eq!(bundles.len(), 1000);
    let ids: std::collections::BTreeSet<&str> = bundles
        .iter()
        .map(|b| b["bundle_id"].as_str().expect("id"))
        .collect();
    assert_eq!(ids.len(), 1000, "each stored exactly once");

    // Another institution sees none of them; no token or a wrong one sees nothing.
    let (status, other) = list(&client, &server.url, "token-seven").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(other["bundles"].as_array().map(Vec::len), Some(0));
    assert_eq!(
        list(&client, &server.url, "token-fivf").await.0,
        StatusCode::UNAUTHORIZED
    );
    let anonymous = client
        .get(format!("{}/v1/bundles", server.url))
        .send()
        .await
        .expect("sends");
    assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED);

    // Revocation: only by the merchant who signed; then the bundle shows as revoked.
    let bundle_id = bundles[0]["bundle_id"].as_str().expect("id").to_string();
    let stranger = SecretKey::from_seed(&[6; 32]);
    let forged = consent::flattened(&consent::revoke(&bundle_id, now(), &stranger));
    assert_eq!(
        post(&client, &server.url, "/v1/revocations", forged)
            .await
            .0,
        StatusCode::FORBIDDEN
    );
    let revocation = consent::flattened(&consent::revoke(&bundle_id, now(), &merchant));
    let (status, body) = post(&client, &server.url, "/v1/revocations", revocation).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (_, listed) = list(&client, &server.url, "token-five").await;
    let revoked = listed["bundles"]
        .as_array()
        .expect("bundles")
        .iter()
        .find(|b| b["bundle_id"] == bundle_id.as_str())
        .expect("listed");
    assert!(revoked["revoked_at"].is_string());
    let unknown = consent::flattened(&consent::revoke(&"0".repeat(32), now(), &merchant));
    assert_eq!(
        post(&client, &server.url, "/v1/revocations", unknown)
            .await
            .0,
        StatusCode::NOT_FOUND
    );
    let _ = server.stop.send(());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_requests_get_a_json_error_and_store_nothing() {
    bad_requests(sqlite()).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs PostgreSQL: cargo xtask test starts one and runs it"]
async fn bad_requests_on_postgres() {
    bad_requests(postgres("prequal_test_bad_requests").await).await;
}

async fn bad_requests(test: TestDatabase) {
    let server = start(config(&test.database)).await;
    let client = reqwest::Client::new();
    let merchant = SecretKey::from_seed(&[7; 32]);
    let mut host = Counter {
        now: now(),
        next: 1_000_000,
    };

    // An institution this inbox does not serve.
    let elsewhere = bundles(1, "inst-999", &merchant, &mut host).remove(0);
    let (status, body) = post(&client, &server.url, "/v1/bundles", elsewhere).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("recipient"))
    );
    // Malformed JSON, unknown envelope fields, a changed signature.
    let (status, body) = post(&client, &server.url, "/v1/bundles", "{\"payload\": ".into()).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::BAD_REQUEST, Some("malformed"))
    );
    let good = bundles(1, "inst-005", &merchant, &mut host).remove(0);
    let mut extra: serde_json::Value = serde_json::from_str(&good).expect("JSON");
    extra["unexpected"] = serde_json::json!(1);
    assert_eq!(
        post(&client, &server.url, "/v1/bundles", extra.to_string())
            .await
            .0,
        StatusCode::BAD_REQUEST
    );
    let forged = good.replacen("\"signature\":\"", "\"signature\":\"AB", 1);
    let (status, body) = post(&client, &server.url, "/v1/bundles", forged).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("signature"))
    );
    // Wrong content type.
    let response = client
        .post(format!("{}/v1/bundles", server.url))
        .header("content-type", "text/plain")
        .body(good.clone())
        .send()
        .await
        .expect("sends");
    assert_eq!(response.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let body: serde_json::Value = response.json().await.expect("JSON error");
    assert_eq!(body["error"], "media_type");
    // Oversized body.
    let response = client
        .post(format!("{}/v1/bundles", server.url))
        .header("content-type", "application/json")
        .body("x".repeat(100_000))
        .send()
        .await
        .expect("sends");
    assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);

    let (_, listed) = list(&client, &server.url, "token-five").await;
    assert_eq!(
        listed["bundles"].as_array().map(Vec::len),
        Some(0),
        "nothing stored"
    );
    // The good one is still accepted afterwards.
    assert_eq!(
        post(&client, &server.url, "/v1/bundles", good).await.0,
        StatusCode::CREATED
    );
    let _ = server.stop.send(());
}

/// Every answer carries the headers of an API that must never be run, framed or sniffed.
#[tokio::test]
async fn answers_carry_the_security_headers() {
    let test = sqlite();
    let server = start(config(&test.database)).await;
    let client = reqwest::Client::new();
    for response in [
        client
            .get(format!("{}/v1/bundles", server.url))
            .send()
            .await
            .expect("sends"),
        client
            .post(format!("{}/v1/bundles", server.url))
            .header("content-type", "application/json")
            .body("{}")
            .send()
            .await
            .expect("sends"),
    ] {
        let headers = response.headers();
        assert_eq!(headers["x-content-type-options"], "nosniff");
        assert_eq!(headers["referrer-policy"], "no-referrer");
        assert!(headers["content-security-policy"]
            .to_str()
            .is_ok_and(
                |csp| csp.contains("default-src 'none'") && csp.contains("frame-ancestors 'none'")
            ));
        assert!(headers.contains_key("permissions-policy"));
    }
    let _ = server.stop.send(());
}

/// A client that sends its headers and then trickles its body (slow-loris) gets 408 with a
/// JSON error once the body timeout passes, and nothing is stored.
#[tokio::test]
async fn a_trickled_body_gets_408_and_stores_nothing() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let test = sqlite();
    let mut slow = config(&test.database);
    slow.body_timeout_ms = 300;
    let server = start(slow).await;
    let key = SecretKey::from_seed(&[9; 32]);
    let mut host = Counter {
        now: now(),
        next: 0,
    };
    let good = bundles(1, "inst-005", &key, &mut host).remove(0);
    let address = server.url.trim_start_matches("http://").to_owned();
    let mut stream = tokio::net::TcpStream::connect(&address)
        .await
        .expect("connects");
    let head = format!(
        "POST /v1/bundles HTTP/1.1\r\nHost: {address}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
        good.len()
    );
    stream.write_all(head.as_bytes()).await.expect("headers");
    stream
        .write_all(&good.as_bytes()[..20])
        .await
        .expect("a little body");
    let started = std::time::Instant::now();
    let mut answer = Vec::new();
    let _ = tokio::time::timeout(
        std::time::Duration::from_secs(5),
        stream.read_to_end(&mut answer),
    )
    .await;
    let answer = String::from_utf8_lossy(&answer);
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    assert!(answer.contains("\"error\":\"timeout\""), "{answer}");
    assert!(started.elapsed() < std::time::Duration::from_secs(3));
    let client = reqwest::Client::new();
    let (_, listed) = list(&client, &server.url, "token-five").await;
    assert_eq!(listed["bundles"].as_array().map(Vec::len), Some(0));
    let _ = server.stop.send(());
}

/// When the database cannot grow (a full disk, or the configured cap), a bundle gets 503 with
/// a JSON error, the inbox keeps serving, and what was stored before is intact.
#[tokio::test]
async fn a_full_database_gets_503_and_the_inbox_keeps_serving() {
    let test = sqlite();
    let mut capped = config(&test.database);
    // Room for the empty schema (every table and index a page or more), not for 200 bundles.
    capped.max_database_bytes = Some(192 * 1024);
    let server = start(capped).await;
    let key = SecretKey::from_seed(&[11; 32]);
    let mut host = Counter {
        now: now(),
        next: 0,
    };
    let client = reqwest::Client::new();
    let mut stored = 0;
    let mut refused = None;
    for body in bundles(200, "inst-005", &key, &mut host) {
        match post(&client, &server.url, "/v1/bundles", body).await {
            (StatusCode::CREATED, _) => stored += 1,
            other => {
                refused = Some(other);
                break;
            }
        }
    }
    let (status, body) = refused.expect("the cap is reached");
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(body["error"], "unavailable");
    assert!(stored > 0, "some fit before the cap");
    let (status, listed) = list(&client, &server.url, "token-five").await;
    assert_eq!(status, StatusCode::OK, "still serving");
    assert_eq!(listed["bundles"].as_array().map(Vec::len), Some(stored));
    let _ = server.stop.send(());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn v1_and_v2_bundles_are_stored_and_listed_side_by_side() {
    v1_and_v2_bundles(sqlite()).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs PostgreSQL: cargo xtask test starts one and runs it"]
async fn v1_and_v2_bundles_on_postgres() {
    v1_and_v2_bundles(postgres("prequal_test_formats").await).await;
}

/// A bank keeps receiving bundles from apps of before `prequal.consent/2`: both formats are
/// verified, stored and listed, and the listing shows each one's consents as signed.
async fn v1_and_v2_bundles(test: TestDatabase) {
    let merchant = SecretKey::from_seed(&[6; 32]);
    let mut host = Counter {
        now: now(),
        next: 0,
    };
    let profile = strong();
    let mut v2 = request("inst-005");
    v2.consent_to(
        consent::record::Use::CreditReportQuery,
        Some(consent::record::QueryTerm::Application),
        true,
    );
    let mut v1 = request("inst-005");
    v1.format = consent::FORMAT_V1.into();
    v1.consent = consent::ConsentRecord::v1("web-form", "en", &v1.fields);
    let server = start(config(&test.database)).await;
    let client = reqwest::Client::new();
    let mut ids = Vec::new();
    for request in [v1, v2] {
        let payload = consent::build(request, &profile, &mut host).expect("builds");
        ids.push(payload.bundle_id.clone());
        let envelope = consent::flattened(&consent::sign(payload, &merchant));
        let (status, receipt) = post(&client, &server.url, "/v1/bundles", envelope).await;
        assert_eq!(status, StatusCode::CREATED, "{receipt}");
    }
    let (status, listed) = list(&client, &server.url, "token-five").await;
    assert_eq!(status, StatusCode::OK);
    let bundles = listed["bundles"].as_array().expect("bundles");
    let of = |id: &str| {
        bundles
            .iter()
            .find(|b| b["bundle_id"] == id)
            .unwrap_or_else(|| panic!("{id} listed"))
    };
    let (first, second) = (of(&ids[0]), of(&ids[1]));
    assert_eq!(first["payload"]["format"], consent::FORMAT_V1);
    assert!(first["payload"]["consent"].get("consents").is_none());
    assert_eq!(second["payload"]["format"], consent::FORMAT);
    assert_eq!(
        second["payload"]["consent"]["consents"][1]["purpose"],
        "credit-report-query"
    );
    assert_eq!(
        second["payload"]["consent"]["controller"]["data_protection_contact"],
        "privacy@inst-005.bank.example"
    );
    let (status, single) = get(
        &client,
        &server.url,
        "token-five",
        &format!("/v1/bundles/{}", ids[0]),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{single}");
    assert_eq!(single["payload"]["format"], consent::FORMAT_V1);
    let _ = server.stop.send(());
    server.done.await.expect("stops");
}
