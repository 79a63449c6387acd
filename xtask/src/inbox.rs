//! The bank inbox beside the web app for `cargo xtask serve` and the end-to-end tests: runs
//! `prequal inbox serve` on a free loopback port with a development configuration (every
//! institution of the shipped catalog, token `dev-<institution id>`, answering with its sample
//! key, and a desk officer `officer.<institution id>` with the password
//! `dev-desk-<institution id>`), so that the static server can pass `/api/…` to it and the app
//! reaches it on its own origin; the desk is on the inbox's own port, `/desk/`.

use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use prequal::catalog::ValidCatalog;

use crate::{cargo, run, workspace_root};

/// A running inbox, stopped when dropped.
pub struct Inbox {
    child: Child,
    /// Its port on 127.0.0.1.
    pub port: u16,
}

impl Drop for Inbox {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The development bearer token of an institution.
pub fn dev_token(institution: &str) -> String {
    format!("dev-{institution}")
}

/// The development desk login and password of an institution's officer.
pub fn dev_officer(institution: &str) -> (String, String) {
    (
        format!("officer.{institution}"),
        format!("dev-desk-{institution}"),
    )
}

/// Builds the CLI and starts the inbox with its database in `dir` (created; kept between runs),
/// or in the PostgreSQL database at `database_url`.
pub fn start(dir: PathBuf, database_url: Option<&str>) -> Result<Inbox> {
    run(cargo().args(["build", "--quiet", "--package", "prequal-cli"]))?;
    std::fs::create_dir_all(&dir)?;
    let catalog_bytes = std::fs::read(workspace_root().join("models/catalog.json"))?;
    let catalog = ValidCatalog::from_json(&catalog_bytes)
        .map_err(|e| anyhow::anyhow!("the shipped catalog: {e}"))?;
    // A lenient bank: it stores bundles whose score it cannot recompute (marked so in every
    // listing), so the app's "leave a re-check field out" path can be followed end to end. A
    // real inbox refuses them by default.
    let mut config = format!(
        "database = {:?}\nrate_limit_per_minute = 6000\nrequire_score_recomputable = false\n",
        dir.join("inbox.sqlite3")
    );
    if let Some(url) = database_url {
        config.push_str(&format!("database_url = {url:?}\n"));
    }
    // Every sample institution answers with its sample key (which anyone can derive: this is a
    // development inbox for the sample catalog's fictional institutions).
    let keys = dir.join("keys");
    std::fs::create_dir_all(&keys)?;
    for institution in &catalog.catalog().institutions {
        let key_file = keys.join(format!("{}.jwk", institution.id));
        let jwk =
            prequal::jws::Jwk::private(&prequal::response::sample_institution_key(&institution.id));
        std::fs::write(&key_file, serde_json::to_string(&jwk)?)?;
        config.push_str(&format!(
            "\n[[institutions]]\nid = {:?}\ntoken_sha256 = {:?}\nresponse_key_file = {:?}\n",
            institution.id,
            prequal::sha256_hex(dev_token(&institution.id).as_bytes()),
            key_file
        ));
    }
    let config_path = dir.join("inbox.toml");
    std::fs::write(&config_path, config)?;
    // A desk officer for each institution, added once to a fresh database.
    let prequal = workspace_root().join("target/debug/prequal");
    let staff = Command::new(&prequal)
        .args(["inbox", "staff", "list", "--config"])
        .arg(&config_path)
        .output()
        .context("listing the development desk's staff")?;
    if staff.stdout.is_empty() {
        let password_file = dir.join("desk-password");
        for institution in &catalog.catalog().institutions {
            let (login, password) = dev_officer(&institution.id);
            std::fs::write(&password_file, password)?;
            let added = Command::new(&prequal)
                .args(["inbox", "staff", "add", "--config"])
                .arg(&config_path)
                .args([
                    "--institution",
                    &institution.id,
                    "--login",
                    &login,
                    "--password-file",
                ])
                .arg(&password_file)
                .stdout(Stdio::null())
                .status()?;
            if !added.success() {
                bail!("could not add the development desk officer {login}");
            }
        }
        std::fs::remove_file(&password_file)?;
    }

    let port = TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
    let child = Command::new(&prequal)
        .args(["inbox", "serve", "--config"])
        .arg(&config_path)
        .args(["--listen", &format!("127.0.0.1:{port}")])
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .spawn()
        .context("starting prequal inbox serve")?;
    let inbox = Inbox { child, port };
    let deadline = Instant::now() + Duration::from_secs(20);
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        if Instant::now() > deadline {
            bail!("the inbox did not start listening on port {port}");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    Ok(inbox)
}
