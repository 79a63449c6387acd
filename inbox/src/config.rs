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
//! header_timeout_ms = 10000           # headers, and an idle keep-alive connection
//! max_connections = 512
//! max_connections_per_address = 32
//! catalogs = ["catalog.json"]        # trusted catalogs (default: the shipped sample)
//! models = ["scorecard.json"]        # trusted model artifacts (default: the shipped model)
//! model_key = "did:key:z6Mk…"       # if set, each model needs `<file>.jws` signed by it
//! require_score_recomputable = true
//! response_deadline_days = 30        # the desk counts each application's days against it
//! desk_session_minutes = 480         # a desk session ends this long after sign-in
//! desk_idle_minutes = 30             # or after this long without a request
//! trusted_proxies = ["10.0.0.2"]     # load balancers whose X-Forwarded-For is believed
//!
//! [[institutions]]
//! id = "inst-005"
//! token_sha256 = "…"   # `prequal inbox token` prints a token and this hash
//! response_key_file = "keys/inst-005.jwk"   # signs its answers; the catalog lists its did:key
//! ```
//!
//! Tokens are stored only as SHA-256 hashes and compared in constant time.

use std::path::PathBuf;

use prequal::assess::Model;
use prequal::catalog::ValidCatalog;
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
    /// Milliseconds a client has to send a request's headers; also how long an idle
    /// keep-alive connection is kept waiting for its next request. A connection that sends
    /// nothing (or trickles its headers) is closed after it and holds no descriptor.
    #[serde(default = "default_header_timeout")]
    pub header_timeout_ms: u64,
    /// Connections served at once, in total; past it, new connections are closed at once.
    #[serde(default = "default_max_connections")]
    pub max_connections: usize,
    /// Connections served at once from one client address; past it, that address's new
    /// connections are closed at once, so one client cannot take every descriptor.
    #[serde(default = "default_max_connections_per_address")]
    pub max_connections_per_address: usize,
    /// The catalogs whose products bundles may name (files, checked at start). Empty: the
    /// shipped sample catalog. Every configured institution must be in one of them.
    #[serde(default)]
    pub catalogs: Vec<PathBuf>,
    /// The model artifacts bundles may cite and be recomputed with (files, checked at start).
    /// Empty: the shipped model. A bundle naming any other model is refused (`unknown_model`).
    #[serde(default)]
    pub models: Vec<PathBuf>,
    /// The `did:key` of the portal operator whose signature every configured model must carry
    /// (a detached JWS in `<file>.jws` beside it). Unset: the files are trusted as listed.
    #[serde(default)]
    pub model_key: Option<String>,
    /// Refuse bundles whose score cannot be recomputed from their disclosure (they withhold a
    /// field the model reads): the bank then never sees a score that is only claimed.
    #[serde(default = "default_true")]
    pub require_score_recomputable: bool,
    /// Days an institution has to answer an application: the desk shows each application's
    /// days since receipt against it and marks the overdue ones.
    #[serde(default = "default_deadline")]
    pub response_deadline_days: u32,
    /// Minutes a desk session lasts after sign-in, however busy.
    #[serde(default = "default_session_minutes")]
    pub desk_session_minutes: u32,
    /// Minutes without a request after which a desk session ends.
    #[serde(default = "default_idle_minutes")]
    pub desk_idle_minutes: u32,
    /// Addresses of the load balancers or reverse proxies in front of this inbox: from them,
    /// the client's address is the last `X-Forwarded-For` entry (rate limits and sign-in
    /// throttling count by it). From anyone else the header is ignored.
    #[serde(default)]
    pub trusted_proxies: Vec<std::net::IpAddr>,
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
    /// The private key (a JWK file, as `prequal key new` writes) the inbox signs the
    /// institution's answers to bundles with; its public half must be the `response_key` a
    /// trusted catalog lists for the institution. Without it the institution cannot answer.
    #[serde(default)]
    pub response_key_file: Option<PathBuf>,
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

fn default_header_timeout() -> u64 {
    10_000
}

fn default_max_connections() -> usize {
    512
}

fn default_max_connections_per_address() -> usize {
    32
}

fn default_deadline() -> u32 {
    30
}

fn default_session_minutes() -> u32 {
    8 * 60
}

fn default_idle_minutes() -> u32 {
    30
}

fn default_true() -> bool {
    true
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
    /// A configuration for `institutions` with every other setting at its default (the
    /// SQLite file `data/inbox.sqlite3`, the shipped sample catalog): what a file naming only
    /// its institutions gives.
    pub fn for_institutions(institutions: Vec<Institution>) -> Config {
        Config {
            database: default_database(),
            database_url: None,
            max_body_bytes: default_body(),
            rate_limit_per_minute: default_rate(),
            cors_origins: Vec::new(),
            body_timeout_ms: default_body_timeout(),
            max_database_bytes: None,
            header_timeout_ms: default_header_timeout(),
            max_connections: default_max_connections(),
            max_connections_per_address: default_max_connections_per_address(),
            catalogs: Vec::new(),
            models: Vec::new(),
            model_key: None,
            require_score_recomputable: true,
            response_deadline_days: default_deadline(),
            desk_session_minutes: default_session_minutes(),
            desk_idle_minutes: default_idle_minutes(),
            trusted_proxies: Vec::new(),
            institutions,
        }
    }

    /// Reads a configuration file's text.
    pub fn from_toml(text: &str) -> Result<Config, String> {
        let config: Config = toml::from_str(text).map_err(|e| e.to_string())?;
        if let Some(url) = &config.database_url {
            check_postgres_url(url).map_err(|e| format!("database_url: {e}"))?;
        }
        if config.institutions.is_empty() {
            return Err("at least one [[institutions]] entry is needed".into());
        }
        if config.response_deadline_days == 0
            || config.desk_session_minutes == 0
            || config.desk_idle_minutes == 0
        {
            return Err(
                "response_deadline_days, desk_session_minutes and desk_idle_minutes must be at least 1"
                    .into(),
            );
        }
        if config.max_connections == 0 || config.max_connections_per_address == 0 {
            return Err(
                "max_connections and max_connections_per_address must be at least 1".into(),
            );
        }
        Ok(config)
    }

    /// Reads the trusted catalogs (the shipped sample when none is configured) and checks that
    /// every configured institution is in one of them.
    pub fn trusted_catalogs(&self) -> Result<Vec<ValidCatalog>, String> {
        let catalogs = if self.catalogs.is_empty() {
            vec![
                ValidCatalog::from_json(prequal::catalog::SAMPLE_CATALOG_JSON)
                    .map_err(|e| format!("the shipped sample catalog: {e}"))?,
            ]
        } else {
            self.catalogs
                .iter()
                .map(|path| {
                    let bytes = std::fs::read(path)
                        .map_err(|e| format!("catalogs: cannot read {}: {e}", path.display()))?;
                    ValidCatalog::from_json(&bytes)
                        .map_err(|e| format!("catalogs: {} is invalid: {e}", path.display()))
                })
                .collect::<Result<_, _>>()?
        };
        for institution in &self.institutions {
            let known = catalogs.iter().any(|catalog| {
                catalog
                    .catalog()
                    .institutions
                    .iter()
                    .any(|i| i.id == institution.id)
            });
            if !known {
                return Err(format!(
                    "institutions: {} is in none of the trusted catalogs",
                    institution.id
                ));
            }
        }
        Ok(catalogs)
    }

    /// Reads the trusted models (the shipped one when none is configured), each verified by
    /// `model_key` when it is set.
    pub fn trusted_models(&self) -> Result<Vec<Model>, String> {
        if self.models.is_empty() {
            return Ok(vec![Model::shipped().clone()]);
        }
        let key = self
            .model_key
            .as_deref()
            .map(|did| {
                prequal::jws::PublicKey::from_did_key(did).map_err(|e| format!("model_key: {e}"))
            })
            .transpose()?;
        self.models
            .iter()
            .map(|path| {
                let bytes = std::fs::read(path)
                    .map_err(|e| format!("models: cannot read {}: {e}", path.display()))?;
                let model = match &key {
                    Some(key) => {
                        let mut signature_path = path.clone().into_os_string();
                        signature_path.push(".jws");
                        let signature = std::fs::read_to_string(&signature_path).ok();
                        Model::verified(&bytes, signature.as_deref(), key)
                    }
                    None => std::str::from_utf8(&bytes)
                        .map_err(|_| prequal::assess::ModelError::Format("not UTF-8".into()))
                        .and_then(Model::from_json),
                };
                model.map_err(|e| format!("models: {}: {e}", path.display()))
            })
            .collect()
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

    /// Each institution's answer-signing key, read from its `response_key_file` and checked
    /// against the `response_key` the trusted `catalogs` list for it (an institution without a
    /// file has none and cannot answer).
    pub fn response_keys(
        &self,
        catalogs: &[ValidCatalog],
    ) -> Result<std::collections::HashMap<String, prequal::jws::SecretKey>, String> {
        let mut keys = std::collections::HashMap::new();
        for institution in &self.institutions {
            let Some(path) = &institution.response_key_file else {
                continue;
            };
            let at = format!(
                "institutions {}: response_key_file {}",
                institution.id,
                path.display()
            );
            let text = std::fs::read_to_string(path).map_err(|e| format!("{at}: {e}"))?;
            let key = serde_json::from_str::<prequal::jws::Jwk>(&text)
                .map_err(|e| format!("{at}: not a JWK: {e}"))?
                .secret_key()
                .map_err(|e| format!("{at}: {e}"))?;
            let did = key.public().did_key();
            let listed = catalogs.iter().any(|catalog| {
                catalog.catalog().institutions.iter().any(|listed| {
                    listed.id == institution.id && listed.response_key.as_deref() == Some(&did)
                })
            });
            if !listed {
                return Err(format!(
                    "{at}: its key {did} is not the response_key a trusted catalog lists for {}",
                    institution.id
                ));
            }
            keys.insert(institution.id.clone(), key);
        }
        Ok(keys)
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
