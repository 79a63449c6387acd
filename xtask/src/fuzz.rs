//! `cargo xtask fuzz --seconds N`: every cargo-fuzz target in `fuzz/` for N seconds each, with
//! seeds from the repository, then a table of executions and crashes. A crash fails the task and
//! names the input libFuzzer kept (it becomes a regression test in `tests/`).
//!
//! Needs the nightly toolchain and cargo-fuzz; both are installed when missing.

use std::path::Path;
use std::process::Command;

use anyhow::{bail, Context, Result};

use crate::{run, tools, workspace_root};

/// Targets, and the repository files that seed each one's corpus.
const TARGETS: [(&str, &[&str]); 7] = [
    ("profile", &["examples/profiles"]),
    ("import", &["examples/profiles", "tests/vectors/import"]),
    ("catalog", &[]),
    ("matching", &[]),
    ("schedule", &[]),
    (
        "bundle",
        &[
            "tests/vectors/bundle.jws",
            "tests/vectors/bundle.flattened.json",
        ],
    ),
    ("revocation", &[]),
];

/// Runs every target (or those named in `only`) for `seconds` each.
pub fn run_all(seconds: u64, only: &[String]) -> Result<()> {
    let root = workspace_root();
    if let Some(unknown) = only.iter().find(|o| !TARGETS.iter().any(|(t, _)| t == o)) {
        bail!("--only {unknown}: no such target");
    }
    ensure_tools()?;
    let mut rows = Vec::new();
    let chosen = TARGETS
        .iter()
        .filter(|(target, _)| only.is_empty() || only.iter().any(|o| o == target));
    for &(target, seeds) in chosen {
        let corpus = root.join("target/fuzz-corpus").join(target);
        std::fs::create_dir_all(&corpus)?;
        for seed in seeds {
            copy_seeds(&root.join(seed), &corpus)?;
        }
        let mut command = Command::new("cargo");
        command
            .current_dir(root.join("fuzz"))
            .args(["+nightly", "fuzz", "run", "-O", target])
            .arg(&corpus)
            .arg("--")
            .arg(format!("-max_total_time={seconds}"))
            .arg("-print_final_stats=1");
        if target == "catalog" {
            command.arg("-max_len=200000");
        }
        let output = command
            .output()
            .with_context(|| format!("running fuzz target {target}"))?;
        let log = String::from_utf8_lossy(&output.stderr);
        let executions = log
            .lines()
            .find_map(|l| l.strip_prefix("stat::number_of_executed_units:"))
            .and_then(|n| n.trim().parse::<u64>().ok())
            .unwrap_or(0);
        if !output.status.success() {
            let artifact = log
                .lines()
                .find(|l| l.contains("Test unit written to"))
                .unwrap_or("see fuzz/artifacts/");
            bail!("fuzz target {target} crashed after {executions} executions: {artifact}\n{log}");
        }
        rows.push((target, executions));
    }
    println!(
        "\n{:<12} {:>14} {:>12}  crashes",
        "target", "executions", "per second"
    );
    for (target, executions) in rows {
        println!(
            "{target:<12} {executions:>14} {:>12}  none",
            executions / seconds.max(1)
        );
    }
    Ok(())
}

fn copy_seeds(from: &Path, corpus: &Path) -> Result<()> {
    if from.is_dir() {
        for entry in std::fs::read_dir(from)? {
            let path = entry?.path();
            if path.is_file() {
                copy_seeds(&path, corpus)?;
            }
        }
    } else if from.is_file() {
        let name = from.file_name().context("seed name")?;
        std::fs::copy(from, corpus.join(name))?;
    }
    Ok(())
}

/// The nightly toolchain (cargo-fuzz needs its sanitizer flags) and cargo-fuzz.
fn ensure_tools() -> Result<()> {
    let has_nightly = Command::new("rustup")
        .args(["run", "nightly", "rustc", "--version"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !has_nightly {
        run(Command::new("rustup").args([
            "toolchain",
            "install",
            "nightly",
            "--profile",
            "minimal",
        ]))?;
    }
    if tools::which("cargo-fuzz").is_none() {
        run(Command::new("cargo").args(["install", "cargo-fuzz", "--locked"]))?;
    }
    Ok(())
}
