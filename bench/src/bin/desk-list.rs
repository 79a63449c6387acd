//! The desk's list over 10,000 applications (`cargo xtask bench` runs it in release): stores
//! 10,000 verified bundles in a fresh SQLite inbox through its API, signs an officer in, and asks
//! for one page of the list many times — the first page, a page deep in the list, and the list
//! filtered by status, grade and date — reading the server's own time from each answer's
//! `Server-Timing` header. Prints one JSON line: p50, p95 and the slowest, in milliseconds.

use std::time::Duration;

use prequal_bench::load::{config, now, post_all, signed_bundles, Running};

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
    let now = now();
    let bundles = signed_bundles(APPLICATIONS, 5);
    let dir = tempfile::tempdir().expect("temp dir");
    let config = config(dir.path(), CLIENTS);
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
    let server = Running::start(config).await;
    let base = server.base.clone();
    // The applications, through the API as banks receive them.
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(30))
        .build()
        .expect("client");
    let stored = post_all(&client, &base, bundles, CLIENTS, Duration::from_secs(600)).await;
    assert_eq!(stored.len(), APPLICATIONS, "every application stored");

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
    server.stop().await;
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
