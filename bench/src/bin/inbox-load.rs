//! A bounded load run against the inbox (`cargo xtask bench` runs it in release): starts the
//! inbox in-process on loopback with a fresh SQLite database, posts pre-signed bundles from 64
//! concurrent clients for at most 10 seconds, and prints one JSON line: verified-and-stored
//! bundles per second and p50/p99 latency in milliseconds. Every answer must be 201.

use std::time::{Duration, Instant};

use prequal_bench::{bundle_request, strong, BenchHost};
use prequal_inbox::{hash_token, Config, Institution};

const BUNDLES: usize = 40_000;
const CLIENTS: usize = 64;
const LIMIT: Duration = Duration::from_secs(10);

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
    let key = prequal::jws::SecretKey::from_seed(&[3; 32]);
    let mut host = BenchHost { now, next: 0 };
    let bundles: Vec<String> = (0..BUNDLES)
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
        // Every client is on 127.0.0.1: allow them all their pooled connections.
        max_connections_per_address: 4 * CLIENTS,
        ..Config::for_institutions(vec![Institution {
            id: "inst-005".into(),
            token_sha256: hash_token("bench"),
            response_key_file: None,
        }])
    };
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let url = format!(
        "http://{}/v1/bundles",
        listener.local_addr().expect("address")
    );
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(prequal_inbox::serve(config, listener, async {
        let _ = stopped.await;
    }));

    let client = reqwest::Client::new();
    let queue = std::sync::Arc::new(tokio::sync::Mutex::new(bundles.into_iter()));
    let started = Instant::now();
    let mut workers = tokio::task::JoinSet::new();
    for _ in 0..CLIENTS {
        let (client, url, queue) = (client.clone(), url.clone(), queue.clone());
        workers.spawn(async move {
            let mut latencies = Vec::new();
            while started.elapsed() < LIMIT {
                let Some(bundle) = queue.lock().await.next() else {
                    break;
                };
                let sent = Instant::now();
                let response = client
                    .post(&url)
                    .header("content-type", "application/json")
                    .body(bundle)
                    .send()
                    .await
                    .expect("the inbox answers");
                assert_eq!(response.status().as_u16(), 201, "every bundle is stored");
                latencies.push(sent.elapsed());
            }
            latencies
        });
    }
    let mut latencies = Vec::new();
    while let Some(result) = workers.join_next().await {
        latencies.extend(result.expect("worker"));
    }
    let elapsed = started.elapsed();
    let _ = stop.send(());
    let _ = server.await;
    latencies.sort();
    let percentile = |p: f64| {
        latencies
            .get(((latencies.len() as f64 * p) as usize).min(latencies.len().saturating_sub(1)))
            .map_or(0.0, |d| d.as_secs_f64() * 1000.0)
    };
    println!(
        "{}",
        serde_json::json!({
            "stored": latencies.len(),
            "seconds": elapsed.as_secs_f64(),
            "bundles_per_second": latencies.len() as f64 / elapsed.as_secs_f64(),
            "p50_ms": percentile(0.50),
            "p99_ms": percentile(0.99),
        })
    );
}
