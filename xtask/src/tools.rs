//! Finding, and where missing installing, the tools the build needs. Every function is
//! idempotent: it checks first and does nothing when the right tool is already there, so
//! `cargo xtask …` is safe to re-run on a developer's machine and on a fresh CI machine.
//!
//! Nothing is downloaded from outside the package registries: wasm-bindgen comes from
//! crates.io, wasm-opt and playwright-core from npm, Chromium from Debian.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{bail, Context, Result};

use crate::{run, workspace_root};

/// Adds the wasm32 target to the toolchain if it is missing.
pub fn ensure_wasm_target() -> Result<()> {
    let installed = output(Command::new("rustup").args(["target", "list", "--installed"]))?;
    if !installed
        .lines()
        .any(|line| line.trim() == "wasm32-unknown-unknown")
    {
        run(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]))?;
    }
    Ok(())
}

/// The `wasm-bindgen` library version in Cargo.lock; the CLI must match it exactly.
pub fn locked_wasm_bindgen_version() -> Result<String> {
    #[derive(serde::Deserialize)]
    struct Lock {
        package: Vec<Package>,
    }
    #[derive(serde::Deserialize)]
    struct Package {
        name: String,
        version: String,
    }
    let path = workspace_root().join("Cargo.lock");
    let text =
        std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
    let lock: Lock = toml::from_str(&text).context("parsing Cargo.lock")?;
    lock.package
        .into_iter()
        .find(|package| package.name == "wasm-bindgen")
        .map(|package| package.version)
        .context("wasm-bindgen is not in Cargo.lock")
}

/// Paths of the wasm-bindgen CLI and its test runner at exactly the locked version: the ones on
/// PATH if they match, otherwise installed under `target/tools`.
pub struct WasmBindgen {
    /// `wasm-bindgen`.
    pub cli: PathBuf,
    /// `wasm-bindgen-test-runner`.
    pub test_runner: PathBuf,
}

/// Finds or installs the wasm-bindgen CLI matching Cargo.lock.
pub fn ensure_wasm_bindgen() -> Result<WasmBindgen> {
    let version = locked_wasm_bindgen_version()?;
    let wanted = format!("wasm-bindgen {version}");
    let local = workspace_root().join("target/tools/bin");
    for dir in [None, Some(local.as_path())] {
        let cli = dir.map_or_else(|| PathBuf::from("wasm-bindgen"), |d| d.join("wasm-bindgen"));
        let found = Command::new(&cli).arg("--version").output();
        if let Ok(found) = found {
            if String::from_utf8_lossy(&found.stdout).trim() == wanted {
                let test_runner = dir.map_or_else(
                    || PathBuf::from("wasm-bindgen-test-runner"),
                    |d| d.join("wasm-bindgen-test-runner"),
                );
                return Ok(WasmBindgen { cli, test_runner });
            }
        }
    }
    println!(
        "xtask: installing wasm-bindgen-cli {version} into target/tools (about 5 minutes, once)"
    );
    // Not `--locked`: the CLI's own lockfile pins crates the registry may have since yanked.
    run(Command::new("cargo")
        .args([
            "install",
            "wasm-bindgen-cli",
            "--version",
            &version,
            "--root",
        ])
        .arg(workspace_root().join("target/tools")))?;
    Ok(WasmBindgen {
        cli: local.join("wasm-bindgen"),
        test_runner: local.join("wasm-bindgen-test-runner"),
    })
}

/// Installs the npm tooling in `www/` (wasm-opt, playwright-core) when it is missing or older
/// than the lockfile.
pub fn ensure_npm_packages() -> Result<PathBuf> {
    let www = workspace_root().join("www");
    let marker = www.join("node_modules/.package-lock.json");
    let lock = www.join("package-lock.json");
    if !is_newer(&marker, &lock) {
        which("npm")
            .context("npm is needed for wasm-opt and the browser tests; install Node.js and npm")?;
        run(Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund"])
            .current_dir(&www))?;
    }
    Ok(www.join("node_modules"))
}

/// The cargo-audit version `cargo xtask test` installs when none is on PATH.
const CARGO_AUDIT_VERSION: &str = "0.22.2";

/// cargo-audit (the RustSec advisory check, offline): on PATH, or installed into
/// `target/tools` (a few minutes, once).
pub fn ensure_cargo_audit() -> Result<PathBuf> {
    ensure_cargo_tool("cargo-audit", CARGO_AUDIT_VERSION)
}

/// The cargo-deny version `cargo xtask test` installs when none is on PATH.
const CARGO_DENY_VERSION: &str = "0.20.2";

/// cargo-deny: on PATH, or installed into `target/tools` (a few minutes, once).
pub fn ensure_cargo_deny() -> Result<PathBuf> {
    ensure_cargo_tool("cargo-deny", CARGO_DENY_VERSION)
}

/// A cargo subcommand from crates.io: the one on PATH, or `version` installed (`--locked`)
/// into `target/tools`.
fn ensure_cargo_tool(name: &str, version: &str) -> Result<PathBuf> {
    let local = workspace_root().join("target/tools/bin").join(name);
    for candidate in [PathBuf::from(name), local.clone()] {
        if Command::new(&candidate)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
        {
            return Ok(candidate);
        }
    }
    println!("xtask: installing {name} {version} into target/tools (a few minutes, once)");
    run(Command::new("cargo")
        .args(["install", name, "--locked", "--version", version, "--root"])
        .arg(workspace_root().join("target/tools")))?;
    Ok(local)
}

/// The wasm-opt shipped by npm `binaryen` (Debian's is too old for current Rust output).
pub fn wasm_opt() -> Result<PathBuf> {
    let path = ensure_npm_packages()?.join(".bin/wasm-opt");
    if !path.exists() {
        bail!("{} is missing after npm ci", path.display());
    }
    Ok(path)
}

/// Debian's Chromium and ChromeDriver, installed with apt when missing.
pub struct Chromium {
    /// The browser.
    pub browser: PathBuf,
    /// The WebDriver server, for wasm-bindgen-test.
    pub driver: PathBuf,
}

/// Finds or installs Chromium and ChromeDriver.
pub fn ensure_chromium() -> Result<Chromium> {
    let browser = PathBuf::from("/usr/bin/chromium");
    let driver = PathBuf::from("/usr/bin/chromedriver");
    // A Chinese font, so pages and PDFs render (and their text can be read back) in Chinese,
    // and pdftotext (poppler-utils) for the print tests.
    let font = PathBuf::from("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc");
    let pdftotext = PathBuf::from("/usr/bin/pdftotext");
    if !browser.exists() || !driver.exists() || !font.exists() || !pdftotext.exists() {
        apt_install(&[
            "chromium",
            "chromium-driver",
            "fonts-wqy-microhei",
            "poppler-utils",
        ])?;
    }
    Ok(Chromium { browser, driver })
}

/// Installs Debian packages with apt (through sudo when not root).
pub fn apt_install(packages: &[&str]) -> Result<()> {
    println!("xtask: installing {} with apt", packages.join(", "));
    let sudo = !is_root();
    let apt = |args: &[&str]| -> Result<()> {
        let mut command = if sudo {
            Command::new("sudo")
        } else {
            Command::new("apt-get")
        };
        if sudo {
            command.arg("apt-get");
        }
        run(command.args(args).env("DEBIAN_FRONTEND", "noninteractive"))
    };
    apt(&["update"])?;
    let mut install = vec!["install", "-y", "--no-install-recommends"];
    install.extend_from_slice(packages);
    apt(&install)
}

fn is_root() -> bool {
    output(Command::new("id").arg("-u")).is_ok_and(|uid| uid.trim() == "0")
}

/// Whether `path` exists and was modified after `than`.
fn is_newer(path: &Path, than: &Path) -> bool {
    let modified = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    matches!((modified(path), modified(than)), (Some(a), Some(b)) if a >= b)
}

/// The full path of a program on PATH.
pub fn which(program: &str) -> Option<PathBuf> {
    std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|dir| dir.join(program))
            .find(|candidate| candidate.is_file())
    })
}

fn output(command: &mut Command) -> Result<String> {
    let out = command
        .output()
        .with_context(|| format!("running {command:?}"))?;
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}
