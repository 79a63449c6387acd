//! The inbox under attack, over real HTTP on loopback: one test per class of hostile input
//! (the payload-level classes are proved in the core, `tests/hostile.rs`; here each is shown to
//! reach the inbox's answer with its code and store nothing), plus the classes that only a
//! server has: connections that never finish their headers, idle keep-alive connections,
//! unbounded listings, and the smaller HTTP details.

mod support;

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use prequal::consent;
use prequal::jws::SecretKey;
use reqwest::StatusCode;
use serde_json::{json, Value};
use support::*;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// One honest bundle's payload, as JSON to tamper with, signed by `key`.
fn payload_of(key: &SecretKey, next: u64) -> Value {
    let mut host = Counter { now: now(), next };
    let mut payload = consent::build(request("inst-005"), &strong(), &mut host).expect("builds");
    payload.merchant.did = key.public().did_key();
    serde_json::to_value(payload).expect("JSON")
}

fn sign(value: &Value, key: &SecretKey) -> String {
    consent::flattened(&prequal::jws::sign(
        &serde_json_canonicalizer::to_vec(value).expect("canonical"),
        key,
        consent::BUNDLE_TYPE,
    ))
}

async fn stored(client: &reqwest::Client, server: &Running) -> usize {
    let (status, listed) = list(client, &server.url, "token-five").await;
    assert_eq!(status, StatusCode::OK);
    listed["bundles"].as_array().map_or(0, Vec::len)
}

/// Class 1: a bundle "signed" by the identity point (R = identity, S = 0) used to get 201, and
/// a revocation with the same signature bytes was accepted. Both are now refused as weak keys.
#[tokio::test]
async fn class_1_a_small_order_key_gets_weak_key_and_stores_nothing() {
    let test = sqlite();
    let server = start(config(&test.database)).await;
    let client = reqwest::Client::new();
    let mut identity = [0u8; 32];
    identity[0] = 1;
    let mut did = vec![0xed, 0x01];
    did.extend_from_slice(&identity);
    let did = format!("did:key:z{}", bs58::encode(did).into_string());
    let forge = |payload: &Value, typ: &str| {
        let header = json!({"alg": "EdDSA", "kid": did, "typ": typ});
        let mut signature = [0u8; 64];
        signature[0] = 1;
        consent::flattened(&format!(
            "{}.{}.{}",
            URL_SAFE_NO_PAD.encode(header.to_string()),
            URL_SAFE_NO_PAD.encode(serde_json_canonicalizer::to_vec(payload).expect("c")),
            URL_SAFE_NO_PAD.encode(signature)
        ))
    };
    let mut payload = payload_of(&SecretKey::from_seed(&[1; 32]), 0);
    payload["merchant"]["did"] = json!(did);
    let (status, body) = post(
        &client,
        &server.url,
        "/v1/bundles",
        forge(&payload, consent::BUNDLE_TYPE),
    )
    .await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("weak_key"))
    );
    let revocation = json!({
        "format": consent::REVOCATION_FORMAT,
        "bundle_id": payload["bundle_id"],
        "merchant": did,
        "revoked_at": consent::format_rfc3339(now()),
    });
    let (status, body) = post(
        &client,
        &server.url,
        "/v1/revocations",
        forge(&revocation, consent::REVOCATION_TYPE),
    )
    .await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("weak_key"))
    );
    assert_eq!(stored(&client, &server).await, 0);
    let _ = server.stop.send(());
}

/// Classes 2 and 3 at the inbox: each tampered payload, properly signed, gets its own code and
/// nothing is stored; the honest one is then accepted.
#[tokio::test]
async fn classes_2_and_3_tampered_payloads_get_their_codes_and_store_nothing() {
    let test = sqlite();
    let server = start(config(&test.database)).await;
    let client = reqwest::Client::new();
    let key = SecretKey::from_seed(&[2; 32]);
    let base = payload_of(&key, 100);
    type Tamper = fn(&mut Value);
    let cases: [(&str, Tamper, &str); 8] = [
        (
            "any model hash",
            |v| v["model"]["sha256"] = json!("7".repeat(64)),
            "unknown_model",
        ),
        (
            "another institution's product",
            |v| v["recipient"]["products"] = json!(["inst-007-credit-1"]),
            "product_recipient",
        ),
        (
            "any catalog hash",
            |v| v["catalog"]["sha256"] = json!("7".repeat(64)),
            "unknown_catalog",
        ),
        (
            "a notice hash of zeros",
            |v| v["consent"]["notice"]["sha256"] = json!("0".repeat(64)),
            "notice",
        ),
        (
            "jurisdiction XX",
            |v| v["consent"]["jurisdiction"] = json!("XX"),
            "closed_set",
        ),
        (
            "a PD other than the recomputed one",
            |v| v["result"]["probability_of_default_ppm"] = json!(1),
            "score_mismatch",
        ),
        (
            "a parent path beside its leaves",
            |v| v["disclosed"]["tax"] = json!({"credit_rating": "D"}),
            "disclosed_path",
        ),
        (
            "a 150 KB model version",
            |v| v["model"]["version"] = json!("v".repeat(150_000)),
            "too_large",
        ),
    ];
    for (name, tamper, code) in cases {
        let mut value = base.clone();
        tamper(&mut value);
        let (status, body) = post(&client, &server.url, "/v1/bundles", sign(&value, &key)).await;
        assert!(status.is_client_error(), "{name}: {status}");
        assert_eq!(body["error"].as_str(), Some(code), "{name}: {body}");
    }
    assert_eq!(stored(&client, &server).await, 0);
    let (status, _) = post(&client, &server.url, "/v1/bundles", sign(&base, &key)).await;
    assert_eq!(status, StatusCode::CREATED);
    let _ = server.stop.send(());
}

/// Why the inbox refuses to start with `config`.
async fn refused_at_start(
    config: prequal_inbox::Config,
    database: &prequal_inbox::Database,
) -> String {
    let store = prequal_inbox::Store::open(database).await.expect("store");
    prequal_inbox::router(config, store)
        .expect_err("refused")
        .to_string()
}

/// Trusted models: the inbox starts only with the models its configuration lists, each signed
/// by the configured operator key; an unsigned or tampered one stops it with the file named.
#[tokio::test]
async fn configured_models_must_carry_the_operator_signature() {
    let dir = tempfile::tempdir().expect("temp dir");
    let model = dir.path().join("scorecard.json");
    let artifact = prequal::assess::SHIPPED_SCORECARD;
    std::fs::write(&model, artifact).expect("write");
    let operator = SecretKey::from_seed(&[11; 32]);
    let test = sqlite();
    let with_models = || {
        let mut config = config(&test.database);
        config.models = vec![model.clone()];
        config.model_key = Some(operator.public().did_key());
        config
    };
    // No signature beside the file: refused at start, naming the file.
    let refused = refused_at_start(with_models(), &test.database).await;
    assert!(
        refused.contains("scorecard.json") && refused.contains("no signature"),
        "{refused}"
    );
    // Signed by the operator: the inbox starts and verifies bundles with it.
    let signature = prequal::jws::sign_detached(
        artifact.as_bytes(),
        &operator,
        prequal::assess::MODEL_SIGNATURE_TYPE,
    );
    std::fs::write(dir.path().join("scorecard.json.jws"), &signature).expect("write");
    let server = start(with_models()).await;
    let client = reqwest::Client::new();
    let key = SecretKey::from_seed(&[12; 32]);
    let (status, body) = post(
        &client,
        &server.url,
        "/v1/bundles",
        sign(&payload_of(&key, 300), &key),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let _ = server.stop.send(());
    // A changed byte after signing: refused at start.
    std::fs::write(
        &model,
        artifact.replacen("\"points\": ", "\"points\": 1", 1),
    )
    .expect("write");
    let refused = refused_at_start(with_models(), &test.database).await;
    assert!(refused.contains("signature does not verify"), "{refused}");
}

/// Class 4: a bundle that withholds a field the model reads and claims score 999 / grade A is
/// refused by default (`require_score_recomputable`); with the setting off it is stored, and
/// every listing, the single read and the receipt say it was not recomputed and why.
#[tokio::test]
async fn class_4_the_verification_outcome_is_stored_and_listed() {
    let key = SecretKey::from_seed(&[3; 32]);
    let mut claimed = payload_of(&key, 200);
    claimed["disclosed"]
        .as_object_mut()
        .expect("object")
        .remove("loan.facility");
    claimed["result"] = json!({"score": 999, "grade": "A", "probability_of_default_ppm": 1});
    let honest = payload_of(&key, 300);
    let client = reqwest::Client::new();

    let test = sqlite();
    let server = start(config(&test.database)).await;
    let (status, body) = post(&client, &server.url, "/v1/bundles", sign(&claimed, &key)).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            Some("score_not_recomputable")
        )
    );
    assert!(body["detail"]
        .as_str()
        .is_some_and(|d| d.contains("loan.facility")));
    let _ = server.stop.send(());

    let test = sqlite();
    let mut lenient = config(&test.database);
    lenient.require_score_recomputable = false;
    let server = start(lenient).await;
    let (status, receipt) = post(&client, &server.url, "/v1/bundles", sign(&claimed, &key)).await;
    assert_eq!(status, StatusCode::CREATED, "{receipt}");
    assert_eq!(receipt["score_recomputed"], false);
    assert_eq!(
        receipt["verification"]["withheld_model_fields"],
        json!(["loan.facility"])
    );
    let (status, _) = post(&client, &server.url, "/v1/bundles", sign(&honest, &key)).await;
    assert_eq!(status, StatusCode::CREATED);
    let (_, listed) = list(&client, &server.url, "token-five").await;
    let by_id = |id: &Value| {
        listed["bundles"]
            .as_array()
            .expect("bundles")
            .iter()
            .find(|b| b["bundle_id"] == *id)
            .cloned()
            .expect("listed")
    };
    let shown = by_id(&claimed["bundle_id"]);
    assert_eq!(shown["verification"]["score_recomputed"], false);
    assert_eq!(
        shown["verification"]["withheld_model_fields"],
        json!(["loan.facility"])
    );
    assert_eq!(shown["verification"]["signature"], true);
    let shown = by_id(&honest["bundle_id"]);
    assert_eq!(shown["verification"]["score_recomputed"], true);
    assert_eq!(shown["verification"]["withheld_model_fields"], json!([]));
    let path = format!("/v1/bundles/{}", claimed["bundle_id"].as_str().expect("id"));
    let (status, one) = get(&client, &server.url, "token-five", &path).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(one["verification"]["score_recomputed"], false);
    let _ = server.stop.send(());
}

/// A socket from `source` (another loopback address) to the inbox.
async fn connect_from(source: &str, server: &Running) -> tokio::net::TcpStream {
    let socket = tokio::net::TcpSocket::new_v4().expect("socket");
    socket
        .bind(format!("{source}:0").parse().expect("address"))
        .expect("bind a loopback source address");
    let address: SocketAddr = server
        .url
        .trim_start_matches("http://")
        .parse()
        .expect("address");
    socket.connect(address).await.expect("connects")
}

/// Whether the server closed `stream` within `within` (EOF or reset on read).
async fn closed_within(stream: &mut tokio::net::TcpStream, within: Duration) -> bool {
    let mut buffer = [0u8; 1024];
    loop {
        match tokio::time::timeout(within, stream.read(&mut buffer)).await {
            Ok(Ok(0)) | Ok(Err(_)) => return true,
            Ok(Ok(_)) => continue, // an error answer before closing
            Err(_) => return false,
        }
    }
}

/// Class 5: one client address opens connections that send half a request line and then
/// nothing, up to and past the per-address cap. The ones past the cap are closed at once; a
/// legitimate client on another address keeps getting answers throughout; after the header
/// timeout the slow connections are closed, and so is an idle keep-alive connection.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn class_5_slow_headers_and_idle_connections_cannot_lock_clients_out() {
    let test = sqlite();
    let mut limited = config(&test.database);
    limited.header_timeout_ms = 1_500;
    limited.max_connections_per_address = 8;
    limited.max_connections = 64;
    let server = start(limited).await;
    let client = reqwest::Client::builder()
        .local_address("127.0.0.1".parse::<std::net::IpAddr>().expect("ip"))
        .build()
        .expect("client");

    let opened = Instant::now();
    let mut slow = Vec::new();
    for _ in 0..8 {
        let mut stream = connect_from("127.0.0.2", &server).await;
        stream.write_all(b"GET /v1/bund").await.expect("writes");
        slow.push(stream);
    }
    // Past the cap: closed at once, without an answer.
    for _ in 0..4 {
        let mut extra = connect_from("127.0.0.2", &server).await;
        let _ = extra.write_all(b"GET /v1/bundles HTTP/1.1\r\n").await;
        assert!(
            closed_within(&mut extra, Duration::from_millis(500)).await,
            "a connection past the per-address cap is closed at once"
        );
    }
    // The legitimate client is served while the slow ones hold their places.
    for _ in 0..5 {
        let (status, _) = list_page(&client, &server.url, "token-five", "").await;
        assert_eq!(status, StatusCode::OK);
    }
    assert!(
        opened.elapsed() < Duration::from_millis(1_400),
        "the slow ones still hold"
    );
    // After the header timeout every slow connection is closed.
    for stream in &mut slow {
        assert!(
            closed_within(stream, Duration::from_secs(4)).await,
            "a connection that never finishes its headers is closed"
        );
    }
    assert!(opened.elapsed() >= Duration::from_millis(1_400));
    // Its places are free again: the same address is served.
    let mut again = connect_from("127.0.0.2", &server).await;
    again
        .write_all(
            b"GET /v1/bundles HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer token-five\r\n\r\n",
        )
        .await
        .expect("writes");
    let mut answer = vec![0u8; 12];
    again.read_exact(&mut answer).await.expect("an answer");
    assert_eq!(&answer, b"HTTP/1.1 200");
    // An idle keep-alive connection (one request answered, then nothing) is closed too.
    let idle_since = Instant::now();
    assert!(closed_within(&mut again, Duration::from_secs(4)).await);
    assert!(idle_since.elapsed() >= Duration::from_millis(1_000));
    let _ = server.stop.send(());
}

/// Class 5, the total cap: connections from many addresses past `max_connections` are closed
/// at once, and places free up when connections end.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn class_5_connections_past_the_total_cap_are_closed() {
    let test = sqlite();
    let mut limited = config(&test.database);
    limited.header_timeout_ms = 5_000;
    limited.max_connections = 6;
    limited.max_connections_per_address = 2;
    let server = start(limited).await;
    let mut held = Vec::new();
    for source in ["127.0.0.3", "127.0.0.4", "127.0.0.5"] {
        for _ in 0..2 {
            let mut stream = connect_from(source, &server).await;
            stream.write_all(b"G").await.expect("writes");
            held.push(stream);
        }
    }
    let mut seventh = connect_from("127.0.0.6", &server).await;
    assert!(closed_within(&mut seventh, Duration::from_millis(500)).await);
    drop(held);
    tokio::time::sleep(Duration::from_millis(200)).await;
    let client = reqwest::Client::new();
    assert_eq!(
        list_page(&client, &server.url, "token-five", "").await.0,
        StatusCode::OK
    );
    let _ = server.stop.send(());
}

/// Class 6: 1,000 stored bundles are read a page at a time (default 100, at most 500), every
/// bundle exactly once across the pages in order; `since` starts later; `GET /v1/bundles/{id}`
/// reads one for its institution only; bad parameters get a JSON error naming them.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn class_6_listings_are_paginated_over_a_thousand_bundles() {
    let test = sqlite();
    let server = start(config(&test.database)).await;
    let client = reqwest::Client::new();
    let key = SecretKey::from_seed(&[6; 32]);
    let mut host = Counter {
        now: now(),
        next: 10_000,
    };
    let batch = bundles(1000, "inst-005", &key, &mut host);
    let mut tasks = tokio::task::JoinSet::new();
    for bundle in batch {
        let (client, url) = (client.clone(), server.url.clone());
        tasks.spawn(async move { post(&client, &url, "/v1/bundles", bundle).await.0 });
    }
    while let Some(status) = tasks.join_next().await {
        assert_eq!(status.expect("task"), StatusCode::CREATED);
    }

    let (status, first) = list_page(&client, &server.url, "token-five", "").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        first["bundles"].as_array().map(Vec::len),
        Some(100),
        "default page"
    );
    assert!(first["next"].is_string());

    let mut seen = Vec::new();
    let mut query = "?limit=300".to_string();
    let mut pages = 0;
    loop {
        let (status, page) = list_page(&client, &server.url, "token-five", &query).await;
        assert_eq!(status, StatusCode::OK, "{page}");
        pages += 1;
        let rows = page["bundles"].as_array().expect("bundles");
        assert!(rows.len() <= 300);
        for row in rows {
            seen.push((
                row["received_at"].as_str().expect("time").to_owned(),
                row["bundle_id"].as_str().expect("id").to_owned(),
            ));
        }
        match page["next"].as_str() {
            Some(next) => query = format!("?limit=300&cursor={next}"),
            None => break,
        }
    }
    assert_eq!(pages, 4);
    assert_eq!(seen.len(), 1000);
    let mut sorted = seen.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(sorted, seen, "in order, each exactly once");

    // `since` the last bundle's second: only bundles of that second or later (page by page:
    // a fast machine stores several hundred in one second).
    let last_second = &seen[999].0;
    let mut later = Vec::new();
    let mut query = format!("?limit=500&since={last_second}");
    loop {
        let (status, page) = list_page(&client, &server.url, "token-five", &query).await;
        assert_eq!(status, StatusCode::OK, "{page}");
        later.extend(page["bundles"].as_array().cloned().unwrap_or_default());
        match page["next"].as_str() {
            Some(next) => query = format!("?limit=500&since={last_second}&cursor={next}"),
            None => break,
        }
    }
    assert!(!later.is_empty());
    assert!(later
        .iter()
        .all(|b| b["received_at"].as_str() >= Some(last_second.as_str())));
    assert_eq!(
        later.len(),
        seen.iter().filter(|(at, _)| at >= last_second).count()
    );

    // One bundle: its institution reads it, another gets 404 as for a missing one.
    let id = &seen[500].1;
    let read = |token: &'static str, id: String| {
        let (client, url) = (client.clone(), server.url.clone());
        async move { get(&client, &url, token, &format!("/v1/bundles/{id}")).await }
    };
    let (status, one) = read("token-five", id.clone()).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(one["bundle_id"].as_str(), Some(id.as_str()));
    let (status, body) = read("token-seven", id.clone()).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::NOT_FOUND, Some("unknown_bundle"))
    );
    assert_eq!(
        read("token-five", "f".repeat(32)).await.0,
        StatusCode::NOT_FOUND
    );

    for (query, parameter) in [
        ("?limit=501", "limit"),
        ("?limit=0", "limit"),
        ("?limit=many", "limit"),
        ("?cursor=bm90IGEgY3Vyc29y", "cursor"),
        ("?since=yesterday", "since"),
        ("?offset=5", "offset"),
    ] {
        let (status, body) = list_page(&client, &server.url, "token-five", query).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{query}");
        assert_eq!(body["error"], "bad_query");
        assert!(
            body["detail"]
                .as_str()
                .is_some_and(|d| d.starts_with(parameter)),
            "{query}: {body}"
        );
    }
    // Pages have a bounded size: 500 of the largest bundles the bounds allow is about 4 MB,
    // never the unbounded listing that 100 padded bundles made 32 MB.
    let (_, page) = list_page(&client, &server.url, "token-five", "?limit=500").await;
    let bytes = page.to_string().len();
    assert!(bytes < 500 * 2 * consent::MAX_BUNDLE_BYTES, "{bytes} bytes");
    let _ = server.stop.send(());
}

/// Class 6: GETs are rate limited like POSTs.
#[tokio::test]
async fn class_6_reads_are_rate_limited() {
    let test = sqlite();
    let mut limited = config(&test.database);
    limited.rate_limit_per_minute = 5;
    let server = start(limited).await;
    let client = reqwest::Client::new();
    let mut statuses = Vec::new();
    for _ in 0..8 {
        statuses.push(list_page(&client, &server.url, "token-five", "").await);
    }
    assert!(statuses[..5].iter().all(|(s, _)| *s == StatusCode::OK));
    let (status, body) = &statuses[7];
    assert_eq!(
        (*status, body["error"].as_str()),
        (StatusCode::TOO_MANY_REQUESTS, Some("rate_limited"))
    );
    let _ = server.stop.send(());
}

/// Class 7: 404 and 405 answer the documented JSON shape; the bearer scheme is
/// case-insensitive; a revocation of the wrong format is a schema error, not a signer one.
#[tokio::test]
async fn class_7_http_details() {
    let test = sqlite();
    let server = start(config(&test.database)).await;
    let client = reqwest::Client::new();
    let response = client
        .get(format!("{}/v2/nothing", server.url))
        .send()
        .await
        .expect("sends");
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    let body: Value = response.json().await.expect("a JSON body");
    assert_eq!(body["error"], "not_found");
    assert!(body["detail"].is_string());
    let response = client
        .delete(format!("{}/v1/bundles", server.url))
        .send()
        .await
        .expect("sends");
    assert_eq!(response.status(), StatusCode::METHOD_NOT_ALLOWED);
    let body: Value = response.json().await.expect("a JSON body");
    assert_eq!(body["error"], "method_not_allowed");
    for scheme in ["bearer", "BEARER", "Bearer"] {
        let response = client
            .get(format!("{}/v1/bundles", server.url))
            .header("authorization", format!("{scheme} token-five"))
            .send()
            .await
            .expect("sends");
        assert_eq!(response.status(), StatusCode::OK, "{scheme}");
    }
    let key = SecretKey::from_seed(&[7; 32]);
    let revocation = consent::flattened(&prequal::jws::sign(
        &serde_json_canonicalizer::to_vec(&json!({
            "format": "prequal.revocation/0",
            "bundle_id": "ab".repeat(16),
            "merchant": key.public().did_key(),
            "revoked_at": consent::format_rfc3339(now()),
        }))
        .expect("canonical"),
        &key,
        consent::REVOCATION_TYPE,
    ));
    let (status, body) = post(&client, &server.url, "/v1/revocations", revocation).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("schema"))
    );
    let _ = server.stop.send(());
}
