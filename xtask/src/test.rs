//! `cargo xtask test`: every check the project has, in order of speed, stopping at the first
//! failure: formatting, lints, native tests, the core built for wasm32, wasm tests in headless
//! Chromium, the release bundle within its budget, and the end-to-end browser tests against it.

use std::process::Command;

use anyhow::Result;

use crate::{cargo, dist, run, serve, tools, workspace_root};

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
    // The inbox's tests also run on a real PostgreSQL when one can be started here.
    let postgres = match crate::postgres::start() {
        Ok(server) => Some(server),
        Err(e) => {
            println!("xtask test: the inbox's PostgreSQL tests skip: {e:#}");
            None
        }
    };
    // Supply chain: licences, banned crates, sources (deny.toml). The advisory database lives on
    // GitHub, which these machines cannot reach; see docs/dependencies.md.
    let deny = tools::ensure_cargo_deny()?;
    run(Command::new(deny).current_dir(&root).args([
        "deny",
        "--offline",
        "check",
        "licenses",
        "bans",
        "sources",
    ]))?;
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
    let mut native = cargo();
    native.args(["test", "--workspace"]);
    if let Some(server) = &postgres {
        native.env("PREQUAL_TEST_DATABASE_URL", &server.url);
    }
    run(&mut native)?;
    drop(postgres);
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
    let inbox_dir = root.join("target/e2e-inbox");
    let _ = std::fs::remove_dir_all(&inbox_dir);
    let inbox = crate::inbox::start(inbox_dir)?;
    let server = serve::start_with_api(dist, 0, Some(inbox.port))?;
    run(Command::new("node")
        .args(["--test", "--test-concurrency=1", "--test-reporter=spec"])
        .arg(root.join("www/e2e"))
        .current_dir(root.join("www"))
        .env("BASE_URL", server.url())
        .env("CHROMIUM", &chromium.browser)
        .env("NODE_PATH", &node_modules)
        .env("PREQUAL_BIN", root.join("target/debug/prequal")))?;
    drop(server);
    drop(inbox);

    println!("\nxtask test: all suites passed (fmt, clippy, native, wasm in Chromium, size budget, end-to-end)");
    Ok(())
}
