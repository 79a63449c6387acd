//! What the inbox's benchmarks share (feature `load`, native only): bundles signed ahead of the
//! clock, a fresh SQLite inbox on loopback, and posting a set of bundles through its API from
//! concurrent clients.

use std::time::{Duration, Instant};

use prequal_inbox::{hash_token, Config, Institution};

use crate::{bundle_request, strong, BenchHost};

/// Now, Unix seconds.
pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

/// `count` bundles of the strong sample to inst-005, signed by the key of `seed`.
pub fn signed_bundles(count: usize, seed: u8) -> Vec<String> {
    let key = prequal::jws::SecretKey::from_seed(&[seed; 32]);
    let mut host = BenchHost {
        now: now(),
        next: 0,
    };
    (0..count)
        .map(|_| {
            let payload = prequal::consent::build(bundle_request("inst-005"), strong(), &mut host)
                .expect("builds");
            prequal::consent::flattened(&prequal::consent::sign(payload, &key))
        })
        .collect()
}

/// An inbox for inst-005 on a SQLite file in `dir`, every limit out of the way of `clients`
/// clients on 127.0.0.1.
pub fn config(dir: &std::path::Path, clients: usize) -> Config {
    Config {
        database: dir.join("inbox.sqlite3"),
        rate_limit_per_minute: 0,
        max_connections_per_address: 4 * clients,
        ..Config::for_institutions(vec![Institution {
            id: "inst-005".into(),
            token_sha256: hash_token("bench"),
            response_key_file: None,
        }])
    }
}

/// A running inbox.
pub struct Running {
    /// `http://127.0.0.1:PORT`.
    pub base: String,
    stop: tokio::sync::oneshot::Sender<()>,
    server: tokio::task::JoinHandle<Result<(), prequal_inbox::ServeError>>,
}

impl Running {
    /// Serves `config` on a free loopback port.
    pub async fn start(config: Config) -> Running {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let base = format!("http://{}", listener.local_addr().expect("address"));
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let server = tokio::spawn(prequal_inbox::serve(config, listener, async {
            let _ = stopped.await;
        }));
        Running { base, stop, server }
    }

    /// Stops it and waits until it has.
    pub async fn stop(self) {
        let _ = self.stop.send(());
        let _ = self.server.await;
    }
}

/// Posts `bundles` to `base`'s `/v1/bundles` from `clients` concurrent clients until they are
/// all stored or `limit` has passed; each answer must be 201. The latency of each post.
pub async fn post_all(
    client: &reqwest::Client,
    base: &str,
    bundles: Vec<String>,
    clients: usize,
    limit: Duration,
) -> Vec<Duration> {
    let url = format!("{base}/v1/bundles");
    let queue = std::sync::Arc::new(tokio::sync::Mutex::new(bundles.into_iter()));
    let started = Instant::now();
    let mut workers = tokio::task::JoinSet::new();
    for _ in 0..clients {
        let (client, url, queue) = (client.clone(), url.clone(), queue.clone());
        workers.spawn(async move {
            let mut latencies = Vec::new();
            while started.elapsed() < limit {
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
    latencies
}
