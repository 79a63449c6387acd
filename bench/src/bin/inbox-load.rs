//! A bounded load run against the inbox (`cargo xtask bench` runs it in release): starts the
//! inbox in-process on loopback with a fresh SQLite database, posts pre-signed bundles from 64
//! concurrent clients for at most 10 seconds, and prints one JSON line: verified-and-stored
//! bundles per second and p50/p99 latency in milliseconds. Every answer must be 201.

use std::time::{Duration, Instant};

use prequal_bench::load::{config, post_all, signed_bundles, Running};

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
    let bundles = signed_bundles(BUNDLES, 3);
    let dir = tempfile::tempdir().expect("temp dir");
    let server = Running::start(config(dir.path(), CLIENTS)).await;
    let client = reqwest::Client::new();
    let started = Instant::now();
    let mut latencies = post_all(&client, &server.base, bundles, CLIENTS, LIMIT).await;
    let elapsed = started.elapsed();
    server.stop().await;
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
