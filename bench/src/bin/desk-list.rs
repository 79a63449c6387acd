//! The desk's list over 10,000 applications (`cargo xtask bench` runs it in release): stores
//! 10,000 verified bundles in a fresh SQLite inbox through its API, signs an officer in, and asks
//! for one page of the list many times — the first page, a page deep in the list, and the list
//! filtered by status, grade and date — reading the server's own time from each answer's
//! `Server-Timing` header. Prints one JSON line: p50, p95 and the slowest, in milliseconds.

use std::time::Duration;

use prequal_bench::{bundle_request, strong, BenchHost};
use prequal_inbox::{hash_token, Config, Institution};

const APPLICATIONS: usize = 10_000;
const CLIENTS: usize = 32;
const ROUNDS: usize = 40;

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime");
    runtime.block_on(run());
}

async fn run() {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    let key = prequal::jws::SecretKey::from_seed(&[5; 32]);
    let mut host = BenchHost { now, next: 0 };
    let bundles: Vec<String> = (0..APPLICATIONS)
        .map(|_| {
            let payload = prequal::consent::build(bundle_request("inst-005"), strong(), &mut host)
                .expect("builds");
            prequal::consent::flattened(&prequal::consent::sign(payload, &key))
        })
        .collect();
    let dir = tempfile::tempdir().expect("temp dir");
    let config = Config {
        database: dir.path().join("inbox.sqlite3"),
        rate_limit_per_minute: 0,
        max_connections_per_address: 4 * CLIENTS,
        ..Config::for_institutions(vec![Institution {
            id: "inst-005".into(),
            token_sha256: hash_token("bench"),
            response_key_file: None,
        }])
    };
    {
        let store = prequal_inbox::Store::open(&config.database())
            .await
            .expect("opens");
        prequal_inbox::desk::add_staff(
            &store,
            "inst-005",
            "bench.officer",
            prequal_inbox::desk::Role::Officer,
            "bench password, long enough",
            &prequal::consent::format_rfc3339(now),
        )
        .await
        .expect("adds the officer");
    }
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let base = format!("http://{}", listener.local_addr().expect("address"));
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(prequal_inbox::serve(config, listener, async {
        let _ = stopped.await;
    }));

    // The applications, through the API as banks receive them.
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(30))
        .build()
        .expect("client");
    let queue = std::sync::Arc::new(tokio::sync::Mutex::new(bundles.into_iter()));
    let mut workers = tokio::task::JoinSet::new();
    for _ in 0..CLIENTS {
        let (client, url, queue) = (client.clone(), format!("{base}/v1/bundles"), queue.clone());
        workers.spawn(async move {
            loop {
                let Some(bundle) = queue.lock().await.next() else {
                    break;
                };
                let response = client
                    .post(&url)
                    .header("content-type", "application/json")
                    .body(bundle)
                    .send()
                    .await
                    .expect("the inbox answers");
                assert_eq!(response.status().as_u16(), 201, "every bundle is stored");
            }
        });
    }
    while let Some(done) = workers.join_next().await {
        done.expect("worker");
    }

    // An officer signs in, as a browser does.
    let form = client
        .get(format!("{base}/desk/sign-in"))
        .send()
        .await
        .expect("sign-in page");
    let token = form
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|v| v.strip_prefix("__Host-prequal-desk-sign-in="))
        .and_then(|v| v.split(';').next())
        .expect("the sign-in token")
        .to_owned();
    let signed_in = client
        .post(format!("{base}/desk/sign-in"))
        .header("cookie", format!("__Host-prequal-desk-sign-in={token}"))
        .form(&[
            ("csrf", token.as_str()),
            ("login", "bench.officer"),
            ("password", "bench password, long enough"),
        ])
        .send()
        .await
        .expect("signs in");
    let session = signed_in
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|v| v.strip_prefix("__Host-prequal-desk="))
        .and_then(|v| v.split(';').next())
        .expect("a session")
        .to_owned();

    let page = |query: String| {
        let (client, base, session) = (client.clone(), base.clone(), session.clone());
        async move {
            let response = client
                .get(format!("{base}/desk/applications{query}"))
                .header("cookie", format!("__Host-prequal-desk={session}"))
                .send()
                .await
                .expect("a page");
            assert_eq!(response.status().as_u16(), 200, "{query}");
            let millis = response
                .headers()
                .get("server-timing")
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.split("dur=").nth(1))
                .and_then(|v| v.parse::<f64>().ok())
                .expect("Server-Timing");
            let html = response.text().await.expect("HTML");
            (millis, html)
        }
    };
    // A cursor deep in the list: follow the first page's "next" link a hundred pages on.
    let mut deep = String::new();
    for _ in 0..100 {
        let (_, html) = page(deep.clone()).await;
        let next = html
            .split("rel=\"next\" href=\"/desk/applications")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .expect("a next page")
            .replace("&amp;", "&");
        deep = next;
    }
    let today = &prequal::consent::format_rfc3339(now + 8 * 3600)[..10];
    let queries = [
        String::new(),
        deep,
        "?status=received".to_owned(),
        "?grade=E".to_owned(),
        format!("?from={today}&to={today}"),
    ];
    let mut times = Vec::new();
    for _ in 0..ROUNDS {
        for query in &queries {
            times.push(page(query.clone()).await.0);
        }
    }
    let _ = stop.send(());
    let _ = server.await;
    times.sort_by(f64::total_cmp);
    let percentile = |p: f64| times[((times.len() as f64 * p) as usize).min(times.len() - 1)];
    println!(
        "{}",
        serde_json::json!({
            "applications": APPLICATIONS,
            "pages": times.len(),
            "p50_ms": percentile(0.50),
            "p95_ms": percentile(0.95),
            "max_ms": times.last().copied().unwrap_or(0.0),
        })
    );
}
