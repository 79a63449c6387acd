//! The inbox as a separate process under faults: killed with SIGKILL in the middle of a
//! concurrent load, then restarted, it holds every bundle it gave a receipt for exactly once,
//! nothing half-written, and accepts the rest when they are sent again.

use std::io::Read;
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use prequal::assess::Model;
use prequal::consent::{self, Request};
use prequal::jws::SecretKey;

const TOKEN: &str = "token-five";

fn bundles(count: usize) -> Vec<(String, String)> {
    let profile = prequal::profile::from_json(include_str!("../../examples/profiles/strong.json"))
        .and_then(|p| p.validate())
        .expect("valid");
    let model = Model::shipped();
    let catalog =
        prequal::catalog::ValidCatalog::from_json(include_bytes!("../../models/catalog.json"))
            .expect("the shipped catalog, which the inbox trusts by default");
    let key = SecretKey::from_seed(&[5; 32]);
    let mut host = consent::CountingHost {
        now: std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() as i64),
        next: 0,
    };
    (0..count)
        .map(|_| {
            let request = Request::for_product(
                &catalog,
                "inst-005-credit-1",
                model,
                &model.assess(&profile),
                "en",
                "web-form",
            )
            .expect("a product of the catalog");
            let payload = consent::build(request, &profile, &mut host).expect("builds");
            let id = payload.bundle_id.clone();
            (id, consent::flattened(&consent::sign(payload, &key)))
        })
        .collect()
}

/// An inbox configuration for institution `inst-005` in `dir`, with `extra` settings.
fn write_config(dir: &Path, extra: &str) -> std::path::PathBuf {
    let config = dir.join("inbox.toml");
    std::fs::write(
        &config,
        format!(
            "database = {:?}\nrate_limit_per_minute = 0\n{extra}\n[[institutions]]\nid = \"inst-005\"\ntoken_sha256 = {:?}\n",
            dir.join("inbox.sqlite3"),
            prequal::sha256_hex(TOKEN.as_bytes()),
        ),
    )
    .expect("config");
    config
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port()
}

/// Starts `prequal inbox serve` and waits until it listens; its log goes to `log`.
fn start_logging(config: &Path, port: u16, log: Stdio) -> Child {
    let child = Command::new(assert_cmd::cargo::cargo_bin("prequal"))
        .args(["inbox", "serve", "--config"])
        .arg(config)
        .args(["--listen", &format!("127.0.0.1:{port}")])
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(log)
        .spawn()
        .expect("starts the inbox");
    let deadline = Instant::now() + Duration::from_secs(20);
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "the inbox did not start");
        std::thread::sleep(Duration::from_millis(20));
    }
    child
}

fn start(config: &Path, port: u16) -> Child {
    start_logging(config, port, Stdio::null())
}

fn post(port: u16, body: &str) -> Result<u16, String> {
    match ureq::post(&format!("http://127.0.0.1:{port}/v1/bundles"))
        .timeout(Duration::from_secs(10))
        .set("content-type", "application/json")
        .send_string(body)
    {
        Ok(response) => Ok(response.status()),
        Err(ureq::Error::Status(status, _)) => Ok(status),
        Err(e) => Err(e.to_string()),
    }
}

/// Every bundle the inbox lists, following `next` from page to page.
fn listed(port: u16) -> Vec<serde_json::Value> {
    let mut bundles = Vec::new();
    let mut query = "?limit=500".to_string();
    loop {
        let response = ureq::get(&format!("http://127.0.0.1:{port}/v1/bundles{query}"))
            .set("authorization", &format!("Bearer {TOKEN}"))
            .call()
            .expect("lists");
        let mut text = String::new();
        response
            .into_reader()
            .take(64 << 20)
            .read_to_string(&mut text)
            .expect("reads");
        let page: serde_json::Value = serde_json::from_str(&text).expect("JSON");
        bundles.extend(page["bundles"].as_array().cloned().expect("an array"));
        match page["next"].as_str() {
            Some(next) => query = format!("?limit=500&cursor={next}"),
            None => return bundles,
        }
    }
}

#[test]
fn killed_mid_load_keeps_every_receipted_bundle_exactly_once() {
    let dir = tempfile::tempdir().expect("temp dir");
    let config = write_config(dir.path(), "");
    let port = free_port();
    let all = Arc::new(bundles(600));
    let mut server = start(&config, port);

    let next = Arc::new(AtomicUsize::new(0));
    let receipted = Arc::new(Mutex::new(Vec::<String>::new()));
    let clients: Vec<_> = (0..8)
        .map(|_| {
            let (all, next, receipted) = (all.clone(), next.clone(), receipted.clone());
            std::thread::spawn(move || loop {
                let i = next.fetch_add(1, Ordering::SeqCst);
                let Some((id, body)) = all.get(i) else { break };
                match post(port, body) {
                    Ok(201) => receipted.lock().expect("lock").push(id.clone()),
                    Ok(status) => panic!("bundle {i}: HTTP {status} while the inbox was up"),
                    // The inbox is gone: this bundle and the rest were never acknowledged.
                    Err(_) => break,
                }
            })
        })
        .collect();
    // Kill it, without warning, once a third of the load has been acknowledged.
    let deadline = Instant::now() + Duration::from_secs(60);
    while receipted.lock().expect("lock").len() < 200 {
        assert!(Instant::now() < deadline, "the load did not get going");
        std::thread::sleep(Duration::from_millis(1));
    }
    server.kill().expect("SIGKILL");
    server.wait().expect("killed");
    for client in clients {
        client.join().expect("client thread");
    }
    let receipted = receipted.lock().expect("lock").clone();
    assert!(
        receipted.len() >= 200 && receipted.len() < all.len(),
        "{} receipts",
        receipted.len()
    );

    let mut server = start(&config, port);
    let rows = listed(port);
    let mut ids: Vec<&str> = rows
        .iter()
        .filter_map(|r| r["bundle_id"].as_str())
        .collect();
    for row in &rows {
        // Whole rows only: each holds its bundle's payload under its own id.
        assert_eq!(row["payload"]["bundle_id"], row["bundle_id"], "{row}");
        assert_eq!(row["payload"]["recipient"]["institution"], "inst-005");
    }
    ids.sort_unstable();
    let stored = ids.len();
    ids.dedup();
    assert_eq!(ids.len(), stored, "no bundle stored twice");
    for id in &receipted {
        assert!(
            ids.binary_search(&id.as_str()).is_ok(),
            "receipted {id} is missing"
        );
    }

    // Nothing half-written blocks the rest: each bundle not stored is accepted now, and each
    // stored one is a replay.
    for (id, body) in all.iter() {
        let status = post(port, body).expect("posts");
        let expected = if ids.binary_search(&id.as_str()).is_ok() {
            409
        } else {
            201
        };
        assert_eq!(status, expected, "{id}");
    }
    assert_eq!(listed(port).len(), all.len());
    server.kill().expect("stops");
    let _ = server.wait();
}

/// A database that cannot grow (here its configured cap, to the inbox the same as a full disk)
/// gives 503, and the log says why in one line; the inbox goes on answering.
#[test]
fn a_full_database_is_a_503_and_a_clear_log_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    // Room for the empty schema (every table and index a page or more), not for 200 bundles.
    let config = write_config(dir.path(), "max_database_bytes = 196608");
    let port = free_port();
    let log = dir.path().join("inbox.log");
    let mut server = start_logging(
        &config,
        port,
        Stdio::from(std::fs::File::create(&log).expect("log file")),
    );
    let statuses: Vec<u16> = bundles(200)
        .iter()
        .map(|(_, body)| post(port, body).expect("answers"))
        .collect();
    assert!(statuses.contains(&503), "{statuses:?}");
    assert!(statuses.iter().all(|s| *s == 201 || *s == 503));
    assert!(
        !listed(port).is_empty(),
        "still answering, earlier bundles intact"
    );
    server.kill().expect("stops");
    let _ = server.wait();
    let log = std::fs::read_to_string(&log).expect("log");
    let line = log
        .lines()
        .find(|l| l.contains("storage unavailable"))
        .unwrap_or_else(|| panic!("no storage line in the log: {log}"));
    assert!(line.contains("full"), "{line}");
}
