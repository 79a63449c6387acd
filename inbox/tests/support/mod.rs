//! What the inbox's HTTP tests share: a test host, sample bundles, test databases (SQLite in a
//! temporary directory, or a fresh database on the test PostgreSQL server), a configuration
//! with two institutions, a running inbox and its requests.
#![allow(dead_code)] // each test file uses its own part

use std::net::SocketAddr;
use std::path::PathBuf;

use prequal::assess::Model;
use prequal::catalog::ValidCatalog;
use prequal::consent::{self, Recipient, Request};
use prequal::jws::SecretKey;
use prequal::ValidProfile;
use prequal_inbox::{hash_token, Config, Database, Institution};
use reqwest::StatusCode;
use tokio::sync::oneshot;

/// The tests' deterministic host (a fixed clock, counter bytes for ids and nonces).
pub type Counter = prequal::consent::CountingHost;

pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

pub fn strong() -> ValidProfile {
    prequal::profile::from_json(include_str!("../../../examples/profiles/strong.json"))
        .and_then(|p| p.validate())
        .expect("valid")
}

pub fn catalog() -> &'static ValidCatalog {
    static CATALOG: std::sync::OnceLock<ValidCatalog> = std::sync::OnceLock::new();
    CATALOG.get_or_init(|| {
        ValidCatalog::from_json(prequal::catalog::SAMPLE_CATALOG_JSON).expect("valid")
    })
}

/// A sample institution as the shipped catalog lists it (with the key its answers verify under).
pub fn institution(id: &str) -> &'static prequal::catalog::Institution {
    catalog()
        .catalog()
        .institutions
        .iter()
        .find(|i| i.id == id)
        .expect("the sample catalog lists it")
}

/// An application for the institution's first credit product of the shipped sample catalog
/// (which the test inboxes trust), or, for an institution the catalog does not have, the same
/// application readdressed (refused either way).
pub fn request(institution: &str) -> Request {
    let model = Model::shipped();
    let mut request = Request::for_product(
        catalog(),
        "inst-005-credit-1",
        model,
        &model.assess(&strong()),
        "en",
        "web-form",
    )
    .expect("the sample catalog has inst-005-credit-1");
    if institution != "inst-005" {
        let product = format!("{institution}-credit-1");
        request.recipient = Recipient {
            institution: institution.into(),
            products: vec![product],
        };
    }
    request
}

pub fn bundles(
    count: usize,
    institution: &str,
    key: &SecretKey,
    host: &mut Counter,
) -> Vec<String> {
    let profile = strong();
    (0..count)
        .map(|_| {
            let payload = consent::build(request(institution), &profile, host).expect("builds");
            consent::flattened(&consent::sign(payload, key))
        })
        .collect()
}

/// Where a test keeps its bundles: a SQLite file in a temporary directory, or a new database on
/// the PostgreSQL server named by `PREQUAL_TEST_DATABASE_URL` (which `cargo xtask test` starts).
pub struct TestDatabase {
    pub database: Database,
    _dir: tempfile::TempDir,
}

pub fn sqlite() -> TestDatabase {
    let dir = tempfile::tempdir().expect("temp dir");
    TestDatabase {
        database: Database::Sqlite(dir.path().join("inbox.sqlite3")),
        _dir: dir,
    }
}

/// A fresh database on the test PostgreSQL server named by `PREQUAL_TEST_DATABASE_URL`.
pub async fn postgres(name: &str) -> TestDatabase {
    // These tests are `#[ignore]`d, so they run only when asked for: without a server that
    // is a failure, never a silent pass.
    let url = std::env::var("PREQUAL_TEST_DATABASE_URL").expect(
        "PREQUAL_TEST_DATABASE_URL names the test PostgreSQL server (cargo xtask test starts one)",
    );
    let (client, connection) = tokio_postgres::connect(&url, tokio_postgres::NoTls)
        .await
        .expect("the test PostgreSQL server accepts connections");
    tokio::spawn(connection);
    // One statement each: PostgreSQL runs a multi-statement string as one transaction, and
    // neither statement may run inside one.
    for statement in [
        format!("DROP DATABASE IF EXISTS {name}"),
        format!("CREATE DATABASE {name}"),
    ] {
        client
            .batch_execute(&statement)
            .await
            .expect("creates the test database");
    }
    let (server, _) = url.rsplit_once('/').expect("a URL with a database name");
    TestDatabase {
        database: Database::Postgres(format!("{server}/{name}")),
        _dir: tempfile::tempdir().expect("temp dir"),
    }
}

pub fn config(database: &Database) -> Config {
    let (sqlite, url) = match database {
        Database::Sqlite(path) => (path.clone(), None),
        Database::Postgres(url) => (PathBuf::from("unused"), Some(url.clone())),
    };
    Config {
        database: sqlite,
        database_url: url,
        max_body_bytes: 64 * 1024,
        rate_limit_per_minute: 0,
        cors_origins: vec!["https://portal.example".into()],
        // The tests' clients all connect from 127.0.0.1, up to a thousand at once.
        max_connections: 4096,
        max_connections_per_address: 4096,
        ..Config::for_institutions(vec![
            Institution {
                id: "inst-005".into(),
                token_sha256: hash_token("token-five"),
                response_key_file: Some(response_key_file("inst-005")),
            },
            Institution {
                id: "inst-007".into(),
                token_sha256: hash_token("token-seven"),
                response_key_file: Some(response_key_file("inst-007")),
            },
        ])
    }
}

/// The sample institution's answer-signing key as a private JWK file (the sample catalog lists
/// its public half), written once per test binary.
pub fn response_key_file(institution: &str) -> PathBuf {
    static DIR: std::sync::OnceLock<tempfile::TempDir> = std::sync::OnceLock::new();
    let dir = DIR.get_or_init(|| tempfile::tempdir().expect("temp dir"));
    let path = dir.path().join(format!("{institution}.jwk"));
    if !path.exists() {
        let key = prequal::response::sample_institution_key(institution);
        let jwk = prequal::jws::Jwk::private(&key);
        std::fs::write(&path, serde_json::to_string(&jwk).expect("JSON")).expect("writes");
    }
    path
}

/// `POST path` with an institution's bearer token and a JSON body.
pub async fn post_as(
    client: &reqwest::Client,
    url: &str,
    token: &str,
    path: &str,
    body: serde_json::Value,
) -> (StatusCode, serde_json::Value) {
    let response = client
        .post(format!("{url}{path}"))
        .bearer_auth(token)
        .json(&body)
        .send()
        .await
        .expect("sends");
    answer(response).await
}

pub struct Running {
    pub url: String,
    pub stop: oneshot::Sender<()>,
    pub done: tokio::task::JoinHandle<()>,
}

pub async fn start(config: Config) -> Running {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let address: SocketAddr = listener.local_addr().expect("address");
    let (stop, stopped) = oneshot::channel::<()>();
    let done = tokio::spawn(async move {
        prequal_inbox::serve(config, listener, async {
            let _ = stopped.await;
        })
        .await
        .expect("serves");
    });
    Running {
        url: format!("http://{address}"),
        stop,
        done,
    }
}

pub async fn post(
    client: &reqwest::Client,
    url: &str,
    path: &str,
    body: String,
) -> (StatusCode, serde_json::Value) {
    let response = client
        .post(format!("{url}{path}"))
        .header("content-type", "application/json")
        .body(body)
        .send()
        .await
        .expect("sends");
    answer(response).await
}

/// A response's status and JSON body (`null` when it has none).
pub async fn answer(response: reqwest::Response) -> (StatusCode, serde_json::Value) {
    let status = response.status();
    (
        status,
        response.json().await.unwrap_or(serde_json::Value::Null),
    )
}

/// `GET path` with an institution's bearer token.
pub async fn get(
    client: &reqwest::Client,
    url: &str,
    token: &str,
    path: &str,
) -> (StatusCode, serde_json::Value) {
    let response = client
        .get(format!("{url}{path}"))
        .bearer_auth(token)
        .send()
        .await
        .expect("sends");
    answer(response).await
}

/// One page of the token's institution's bundles (`query`: `?limit=…&cursor=…`).
pub async fn list_page(
    client: &reqwest::Client,
    url: &str,
    token: &str,
    query: &str,
) -> (StatusCode, serde_json::Value) {
    get(client, url, token, &format!("/v1/bundles{query}")).await
}

/// Every bundle of the token's institution, following `next` from page to page; the listing
/// is `{"bundles": [...]}` of all pages together.
pub async fn list(
    client: &reqwest::Client,
    url: &str,
    token: &str,
) -> (StatusCode, serde_json::Value) {
    let mut bundles = Vec::new();
    let mut query = String::new();
    loop {
        let (status, page) = list_page(client, url, token, &query).await;
        if status != StatusCode::OK {
            return (status, page);
        }
        bundles.extend(page["bundles"].as_array().cloned().unwrap_or_default());
        match page["next"].as_str() {
            Some(next) => query = format!("?cursor={next}"),
            None => return (status, serde_json::json!({"bundles": bundles})),
        }
    }
}
