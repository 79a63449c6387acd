//! `cargo xtask test`: every check the project has, in order of speed, stopping at the first
//! failure: formatting, lints, native tests, the core built for wasm32, wasm tests in headless
//! Chromium, the release bundle within its budget, and the end-to-end browser tests against it.

use std::process::Command;

use anyhow::{bail, Context, Result};

use crate::{cargo, dist, run, serve, tools, workspace_root};

/// The unmaintained crates reviewed in docs/dependencies.md, with the decision recorded there.
/// Any other advisory — a vulnerability, or a crate newly unmaintained, unsound or yanked —
/// fails the test until it is fixed or reviewed here.
const REVIEWED_ADVISORIES: &[(&str, &str)] = &[
    (
        "RUSTSEC-2025-0141",
        "bincode 1 via yew → gloo → gloo-worker",
    ),
    (
        "RUSTSEC-2024-0436",
        "paste via linfa-logistic → argmin (trainer, build time)",
    ),
    (
        "RUSTSEC-2024-0370",
        "proc-macro-error via yew → yew-macro (build time)",
    ),
];

/// The RustSec advisory check, offline: clones the database snapshot in
/// `../shared/advisory-db.bundle` afresh into `target/advisory-db`, prints its date (a stale
/// snapshot shows), and runs cargo-audit over `Cargo.lock`, denying every warning but the
/// reviewed ones.
fn advisories() -> Result<()> {
    let root = workspace_root();
    let bundle = root.join("../shared/advisory-db.bundle");
    if !bundle.is_file() {
        bail!(
            "the advisory check needs the RustSec snapshot {} (a git bundle beside the repository)",
            bundle.display()
        );
    }
    let database = root.join("target/advisory-db");
    let _ = std::fs::remove_dir_all(&database);
    run(Command::new("git")
        .args(["clone", "--quiet"])
        .arg(&bundle)
        .arg(&database))?;
    let date = Command::new("git")
        .arg("-C")
        .arg(&database)
        .args(["log", "-1", "--format=%cs"])
        .output()
        .context("reading the snapshot's date")?;
    println!(
        "xtask test: RustSec advisory database snapshot of {}",
        String::from_utf8_lossy(&date.stdout).trim()
    );
    let audit = tools::ensure_cargo_audit()?;
    let mut check = Command::new(audit);
    check
        .current_dir(&root)
        .args(["audit", "--no-fetch", "--deny", "warnings", "--db"])
        .arg(&database)
        .args(["--file", "Cargo.lock"]);
    for (id, _) in REVIEWED_ADVISORIES {
        check.args(["--ignore", id]);
    }
    run(&mut check)
}

/// Runs all suites (or only the native ones).
pub fn all(native_only: bool) -> Result<()> {
    let root = workspace_root();
    run(cargo().args(["fmt", "--all", "--check"]))?;
    run(cargo().args([
        "clippy",
        "--workspace",
        "--all-targets",
        "--",
        "-D",
        "warnings",
    ]))?;
    // The inbox's tests also run on a real PostgreSQL; not being able to start one is a
    // failure, not a skip.
    let postgres = crate::postgres::start()
        .context("the inbox's PostgreSQL tests need a throwaway server (Debian's postgresql)")?;
    // Supply chain: licences, banned crates, sources (deny.toml), then RustSec advisories from
    // the snapshot beside the repository (docs/dependencies.md).
    let deny = tools::ensure_cargo_deny()?;
    // cargo-deny reads the metadata of every platform's dependencies offline: on a new machine
    // the ones no build here needs (Windows, macOS) are not downloaded yet.
    run(cargo().current_dir(&root).arg("fetch").arg("--locked"))?;
    run(Command::new(deny).current_dir(&root).args([
        "deny",
        "--offline",
        "check",
        "licenses",
        "bans",
        "sources",
    ]))?;
    advisories()?;
    // The benchmark's load client is behind a feature that `--workspace` does not turn on;
    // it must still build.
    run(cargo().args([
        "check",
        "--package",
        "prequal-bench",
        "--features",
        "load",
        "--bins",
    ]))?;
    // The fuzz targets live outside the workspace (cargo-fuzz runs them on nightly); they must
    // still compile against the core's API, which a plain build never checks.
    run(cargo().args(["check", "--manifest-path", "fuzz/Cargo.toml", "--bins"]))?;
    run(cargo().args(["test", "--workspace"]))?;
    // The tests marked as needing PostgreSQL (ignored by a plain `cargo test`), in every test
    // file of the inbox: bundles, answers, the desk and two inboxes over one database.
    run(cargo()
        .args([
            "test",
            "--package",
            "prequal-inbox",
            "--tests",
            "--",
            "--ignored",
        ])
        .env("PREQUAL_TEST_DATABASE_URL", &postgres.url))?;
    if native_only {
        println!("\nxtask test: native suites passed (browser suites skipped: --native-only)");
        return Ok(());
    }

    tools::ensure_wasm_target()?;
    // The core must build for the browser with no wasm-specific dependency.
    run(cargo().args([
        "build",
        "--package",
        "prequal",
        "--target",
        "wasm32-unknown-unknown",
    ]))?;

    let bindgen = tools::ensure_wasm_bindgen()?;
    let chromium = tools::ensure_chromium()?;
    // The web app's and the JavaScript API's tests, in headless Chromium (both read
    // www/webdriver.json for Chromium's flags).
    for (package, test) in [("prequal-www", "browser"), ("prequal-engine", "web")] {
        run(cargo()
            .args([
                "test",
                "--package",
                package,
                "--target",
                "wasm32-unknown-unknown",
                "--test",
                test,
            ])
            .current_dir(root.join("www"))
            .env(
                "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER",
                &bindgen.test_runner,
            )
            .env("CHROMEDRIVER", &chromium.driver)
            .env("WASM_BINDGEN_TEST_TIMEOUT", "120"))?;
    }

    let dist = dist::build()?;
    dist::report(&dist)?;

    let node_modules = tools::ensure_npm_packages()?;
    // Generated applications with outcomes, for the end-to-end test that retrains a model on
    // profiles with `prequal model train`, signs it and serves it to the web app.
    let profiles = root.join("target/e2e-profiles.csv");
    let generated = cargo()
        .args([
            "run",
            "--quiet",
            "--package",
            "prequal-train",
            "--example",
            "synthetic_profiles",
            "--",
            "6000",
            "2026",
        ])
        .output()
        .context("running the synthetic_profiles example")?;
    if !generated.status.success() {
        bail!(
            "synthetic_profiles failed: {}",
            String::from_utf8_lossy(&generated.stderr)
        );
    }
    std::fs::write(&profiles, generated.stdout)?;
    let inbox_dir = root.join("target/e2e-inbox");
    let _ = std::fs::remove_dir_all(&inbox_dir);
    let inbox = crate::inbox::start(inbox_dir, None)?;
    let server = serve::start_with_api(dist.clone(), 0, Some(inbox.port))?;
    run(Command::new("node")
        .args(["--test", "--test-concurrency=1", "--test-reporter=spec"])
        .arg(root.join("www/e2e"))
        .current_dir(root.join("www"))
        .env("BASE_URL", server.url())
        .env("DESK_URL", format!("http://127.0.0.1:{}", inbox.port))
        .env("CHROMIUM", &chromium.browser)
        .env("NODE_PATH", &node_modules)
        .env("PREQUAL_BIN", root.join("target/debug/prequal"))
        .env("PREQUAL_PROFILES_CSV", &profiles))?;
    drop(server);
    drop(inbox);

    // The desk again, with two inbox processes over one PostgreSQL: the merchant's app posts
    // through one, the officer works on the other (sessions, answers and the audit log are in
    // the database).
    // The server's own `postgres` database: the native tests each made their own.
    let url = postgres.url.clone();
    let mut inboxes = Vec::new();
    for name in ["target/e2e-inbox-a", "target/e2e-inbox-b"] {
        let dir = root.join(name);
        let _ = std::fs::remove_dir_all(&dir);
        inboxes.push(crate::inbox::start(dir, Some(&url))?);
    }
    let server = serve::start_with_api(dist.clone(), 0, Some(inboxes[0].port))?;
    run(Command::new("node")
        .args(["--test", "--test-concurrency=1", "--test-reporter=spec"])
        .arg(root.join("www/e2e/desk.test.mjs"))
        .current_dir(root.join("www"))
        .env("BASE_URL", server.url())
        .env("DESK_URL", format!("http://127.0.0.1:{}", inboxes[1].port))
        .env("CHROMIUM", &chromium.browser)
        .env("NODE_PATH", &node_modules))?;
    drop(server);
    drop(inboxes);
    drop(postgres);

    println!("\nxtask test: all suites passed (fmt, clippy, native, wasm in Chromium, size budget, end-to-end)");
    Ok(())
}
