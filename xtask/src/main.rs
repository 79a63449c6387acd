//! prequal's build system, in the cargo-xtask convention: `cargo xtask serve | dist | test | train | catalog | bench`.
//!
//! Every command installs what it is missing (the wasm target, wasm-bindgen-cli at the locked
//! version, npm tooling, Chromium) and is safe to re-run, so a fresh machine needs only the
//! Rust toolchain, Node.js/npm and apt.

mod bench;
mod catalog;
mod dist;
mod fuzz;
#[cfg(test)]
mod imports;
mod inbox;
mod postgres;
mod serve;
mod test;
mod tools;
mod train;

use std::path::PathBuf;
use std::process::Command;

use anyhow::{bail, Context, Result};
use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(name = "cargo xtask", about = "Build, serve and test prequal")]
struct Cli {
    #[command(subcommand)]
    command: Task,
}

#[derive(Subcommand)]
enum Task {
    /// Build the release web app and serve it on http://127.0.0.1:PORT.
    Serve {
        /// Port to listen on.
        #[arg(long, default_value_t = 8080)]
        port: u16,
        /// Serve the existing dist/ without rebuilding.
        #[arg(long)]
        no_build: bool,
    },
    /// Build the release bundle into dist/ and print its size table (fails over budget).
    Dist,
    /// Fetch the SBA training data (checked by SHA-256), train the scorecard and write
    /// models/scorecard.json and models/MODEL_CARD.md.
    Train {
        /// Train into target/ and fail unless the result equals the committed artifact byte for byte.
        #[arg(long)]
        check: bool,
    },
    /// Write the sample product catalog models/catalog.json from the generator's assumptions.
    Catalog {
        /// Regenerate and fail unless the committed file is identical byte for byte.
        #[arg(long)]
        check: bool,
        /// Generate this many products instead of the shipped 336.
        #[arg(long)]
        products: Option<usize>,
        /// Write here instead of models/catalog.json.
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Measure: first-load size, and the core's operations natively (criterion) and in wasm in
    /// headless Chromium; print one table and write target/bench.json.
    Bench,
    /// Run every cargo-fuzz target (fuzz/) for a bounded time each; fails on a crash.
    Fuzz {
        /// Seconds per target.
        #[arg(long, default_value_t = 60)]
        seconds: u64,
        /// Only these targets (comma-separated).
        #[arg(long, value_delimiter = ',')]
        only: Vec<String>,
    },
    /// Run every check: fmt, clippy, native tests, wasm tests in Chromium, end-to-end tests.
    Test {
        /// Only formatting, lints and native tests (no browser).
        #[arg(long)]
        native_only: bool,
    },
}

fn main() -> Result<()> {
    match Cli::parse().command {
        Task::Serve { port, no_build } => {
            let dist = if no_build {
                dist::dist_dir()
            } else {
                dist::build()?
            };
            if !dist.join("index.html").exists() {
                bail!(
                    "{} has no index.html; run without --no-build",
                    dist.display()
                );
            }
            let inbox = inbox::start(workspace_root().join("data/serve"), None)?;
            let server = serve::start_with_api(dist, port, Some(inbox.port))?;
            println!("serving prequal on {} (Ctrl-C to stop)", server.url());
            println!(
                "the bank inbox is at {}/api/v1/bundles (database in data/serve/; an institution reads its bundles with `Authorization: Bearer {}`)",
                server.url(),
                inbox::dev_token("<institution id>")
            );
            let (login, password) = inbox::dev_officer("<institution id>");
            println!(
                "the loan officers' desk is at http://127.0.0.1:{}/desk/ (sign in as {login}, password {password})",
                inbox.port
            );
            loop {
                std::thread::park();
            }
        }
        Task::Dist => {
            let dist = dist::build()?;
            dist::report(&dist)
        }
        Task::Train { check } => train::run_training(check),
        Task::Catalog {
            check,
            products,
            out,
        } => catalog::run(check, products, out.as_deref()),
        Task::Bench => bench::run_all(),
        Task::Fuzz { seconds, only } => fuzz::run_all(seconds, &only),
        Task::Test { native_only } => test::all(native_only),
    }
}

/// The workspace root (the parent of this crate's directory).
pub fn workspace_root() -> PathBuf {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().map(PathBuf::from).unwrap_or(manifest)
}

/// `cargo` (the one running xtask) in the workspace root.
pub fn cargo() -> Command {
    let mut command = Command::new(env!("CARGO"));
    command.current_dir(workspace_root());
    command
}

/// Runs a command, echoing it, and fails if it fails.
pub fn run(command: &mut Command) -> Result<()> {
    println!("$ {}", describe(command));
    let status = command
        .status()
        .with_context(|| format!("could not start {}", describe(command)))?;
    if !status.success() {
        bail!("{} failed with {status}", describe(command));
    }
    Ok(())
}

fn describe(command: &Command) -> String {
    std::iter::once(command.get_program())
        .chain(command.get_args())
        .map(|part| part.to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}
