//! A throwaway PostgreSQL server for the inbox's PostgreSQL tests: Debian's `postgresql`
//! package (installed with apt when missing), a fresh cluster in a temporary directory,
//! listening on a free loopback port with trust authentication, stopped and deleted when
//! dropped. When it cannot start, the caller prints why and the PostgreSQL tests skip.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use anyhow::{bail, Context, Result};

/// A running server.
pub struct Postgres {
    bin: PathBuf,
    data: PathBuf,
    as_postgres: bool,
    /// `postgres://postgres@127.0.0.1:<port>/postgres`.
    pub url: String,
}

impl Drop for Postgres {
    fn drop(&mut self) {
        let _ = self
            .command("pg_ctl")
            .args(["stop", "--mode", "fast", "--pgdata"])
            .arg(&self.data)
            .stdout(Stdio::null())
            .status();
        let _ = std::fs::remove_dir_all(&self.data);
    }
}

impl Postgres {
    /// A server program, run as the `postgres` user when we are root (PostgreSQL refuses to
    /// run as root).
    fn command(&self, program: &str) -> Command {
        command(&self.bin, program, self.as_postgres)
    }
}

fn command(bin: &Path, program: &str, as_postgres: bool) -> Command {
    if as_postgres {
        let mut command = Command::new("runuser");
        command
            .args(["-u", "postgres", "--"])
            .arg(bin.join(program));
        command
    } else {
        Command::new(bin.join(program))
    }
}

/// The directory holding `initdb` and `pg_ctl`: Debian keeps them out of PATH, under
/// `/usr/lib/postgresql/<major>/bin` (the newest major wins).
fn server_bin() -> Option<PathBuf> {
    let mut majors: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .filter_map(|entry| {
            let entry = entry.ok()?;
            let major = entry.file_name().to_str()?.parse().ok()?;
            let bin = entry.path().join("bin");
            bin.join("initdb").exists().then_some((major, bin))
        })
        .collect();
    majors.sort();
    majors.pop().map(|(_, bin)| bin)
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|out| String::from_utf8_lossy(&out.stdout).trim() == "0")
}

/// Starts a fresh server, installing Debian's package first if it is missing.
pub fn start() -> Result<Postgres> {
    if server_bin().is_none() {
        crate::tools::apt_install(&["postgresql"])?;
    }
    let bin = server_bin().context("no PostgreSQL server (Debian package postgresql)")?;
    let as_postgres = is_root();
    let data = std::env::temp_dir().join(format!("prequal-postgres-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&data);
    std::fs::create_dir_all(&data)?;
    if as_postgres {
        let status = Command::new("chown")
            .args(["postgres:postgres"])
            .arg(&data)
            .status()?;
        if !status.success() {
            bail!("cannot hand {} to the postgres user", data.display());
        }
    }
    let port = TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
    let server = Postgres {
        bin,
        data: data.clone(),
        as_postgres,
        url: format!("postgres://postgres@127.0.0.1:{port}/postgres"),
    };
    let initdb = server
        .command("initdb")
        .args(["--username", "postgres", "--auth", "trust", "--no-sync"])
        .arg("--pgdata")
        .arg(&data)
        .stdout(Stdio::null())
        .status()?;
    if !initdb.success() {
        bail!("initdb failed");
    }
    let options = format!(
        "-c listen_addresses=127.0.0.1 -p {port} -k {} -c fsync=on",
        data.display()
    );
    let started = server
        .command("pg_ctl")
        .args(["start", "--wait", "--timeout", "60", "--silent", "--pgdata"])
        .arg(&data)
        .args(["--log"])
        .arg(data.join("server.log"))
        .args(["-o", &options])
        .status()?;
    if !started.success() {
        let log = std::fs::read_to_string(data.join("server.log")).unwrap_or_default();
        bail!("pg_ctl start failed:\n{log}");
    }
    Ok(server)
}
