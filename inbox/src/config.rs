//! The inbox's configuration file (TOML):
//!
//! ```toml
//! database = "data/inbox.sqlite3"   # SQLite file (the default), or instead:
//! # database_url = "postgres://inbox@localhost/inbox"
//! max_body_bytes = 262144
//! rate_limit_per_minute = 600
//! cors_origins = ["https://portal.example.gov.cn"]
//! body_timeout_ms = 10000
//! max_database_bytes = 10737418240
//!
//! [[institutions]]
//! id = "inst-005"
//! token_sha256 = "…"   # `prequal inbox token` prints a token and this hash
//! ```
//!
//! Tokens are stored only as SHA-256 hashes and compared in constant time.

use std::path::PathBuf;

use serde::Deserialize;
use subtle::ConstantTimeEq;

use crate::store::Database;

/// The configuration.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// SQLite database file.
    #[serde(default = "default_database")]
    pub database: PathBuf,
    /// A PostgreSQL URL (`postgres://…`); when set, used instead of `database`.
    #[serde(default)]
    pub database_url: Option<String>,
    /// Largest request body accepted.
    #[serde(default = "default_body")]
    pub max_body_bytes: usize,
    /// Requests per minute per client address.
    #[serde(default = "default_rate")]
    pub rate_limit_per_minute: u32,
    /// Origins allowed by CORS (the portals that embed the app).
    #[serde(default)]
    pub cors_origins: Vec<String>,
    /// Milliseconds a client has to send a whole request body; a body trickled slower (a
    /// slow-loris) gets 408 and holds nothing.
    #[serde(default = "default_body_timeout")]
    pub body_timeout_ms: u64,
    /// The most the SQLite database may grow to, in bytes; past it, writes get 503 (as on a
    /// full disk) instead of filling the disk. None: no limit. Not used with PostgreSQL.
    #[serde(default)]
    pub max_database_bytes: Option<u64>,
    /// Institutions whose bundles this inbox accepts.
    pub institutions: Vec<Institution>,
}

/// One institution.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Institution {
    /// Its id in the catalog.
    pub id: String,
    /// Hex SHA-256 of its bearer token.
    pub token_sha256: String,
}

fn default_database() -> PathBuf {
    PathBuf::from("data/inbox.sqlite3")
}

fn default_body() -> usize {
    prequal::consent::MAX_BUNDLE_BYTES
}

fn default_body_timeout() -> u64 {
    10_000
}

fn default_rate() -> u32 {
    600
}

fn check_postgres_url(url: &str) -> Result<(), String> {
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        Ok(())
    } else {
        Err(format!("{url:?} is not a PostgreSQL URL (postgres://…)"))
    }
}

/// The hash under which a token is configured.
pub fn hash_token(token: &str) -> String {
    prequal::sha256_hex(token.as_bytes())
}

impl Config {
    /// Reads a configuration file's text.
    pub fn from_toml(text: &str) -> Result<Config, String> {
        let config: Config = toml::from_str(text).map_err(|e| e.to_string())?;
        if let Some(url) = &config.database_url {
            check_postgres_url(url).map_err(|e| format!("database_url: {e}"))?;
        }
        if config.institutions.is_empty() {
            return Err("at least one [[institutions]] entry is needed".into());
        }
        Ok(config)
    }

    /// The same configuration with bundles kept in PostgreSQL at `url`.
    pub fn with_database_url(self, url: String) -> Result<Config, String> {
        check_postgres_url(&url)?;
        Ok(Config {
            database_url: Some(url),
            ..self
        })
    }

    /// Where bundles are kept: PostgreSQL when `database_url` is set, else the SQLite file.
    pub fn database(&self) -> Database {
        match &self.database_url {
            Some(url) => Database::Postgres(url.clone()),
            None => Database::Sqlite(self.database.clone()),
        }
    }

    /// The institution a bearer token belongs to. Every configured hash is compared, in
    /// constant time, so timing reveals neither which nor how much of a hash matched.
    pub fn institution_for(&self, token: &str) -> Option<&Institution> {
        let presented = hash_token(token);
        let mut found = None;
        for institution in &self.institutions {
            let equal: bool = presented
                .as_bytes()
                .ct_eq(institution.token_sha256.to_ascii_lowercase().as_bytes())
                .into();
            if equal && found.is_none() {
                found = Some(institution);
            }
        }
        found
    }
}
