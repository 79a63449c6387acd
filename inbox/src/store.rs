//! Durable storage: SQLite in WAL mode with `synchronous = FULL`, schema versioned with
//! `PRAGMA user_version` migrations. All writes go through one writer thread that commits
//! everything waiting in a single transaction (group commit) and only then answers each
//! request; reads use their own connection, which WAL lets run beside the writer.

use std::path::Path;
use std::sync::{mpsc, Mutex};

use prequal::consent::Ledger;
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use tokio::sync::oneshot;

/// Storage failures.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StoreError {
    /// The bundle id or nonce is already stored.
    #[error("already stored")]
    Duplicate,
    /// The database cannot be read or written (disk full, read-only, corrupt).
    #[error("storage unavailable: {0}")]
    Unavailable(String),
}

fn unavailable(error: impl ToString) -> StoreError {
    StoreError::Unavailable(error.to_string())
}

/// A verified bundle as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredBundle {
    /// Bundle id (primary key).
    pub bundle_id: String,
    /// Nonce (unique).
    pub nonce: String,
    /// Recipient.
    pub institution: String,
    /// Signer's did:key.
    pub merchant: String,
    /// The envelope exactly as received.
    pub envelope: String,
    /// SHA-256 of the envelope.
    pub envelope_sha256: String,
    /// The verified payload, JSON.
    pub payload: String,
    /// RFC 3339 UTC.
    pub received_at: String,
    /// RFC 3339 UTC, when revoked.
    pub revoked_at: Option<String>,
}

/// One bundle as an institution lists it.
#[derive(Debug, Clone, Serialize)]
pub struct Listed {
    bundle_id: String,
    merchant: String,
    received_at: String,
    revoked_at: Option<String>,
    envelope_sha256: String,
    payload: serde_json::Value,
}

/// The schema, one step per version.
const MIGRATIONS: &[&str] = &["
    CREATE TABLE bundles (
        bundle_id       TEXT PRIMARY KEY,
        nonce           TEXT NOT NULL UNIQUE,
        institution     TEXT NOT NULL,
        merchant        TEXT NOT NULL,
        envelope        TEXT NOT NULL,
        envelope_sha256 TEXT NOT NULL,
        payload         TEXT NOT NULL,
        received_at     TEXT NOT NULL,
        revoked_at      TEXT
    ) STRICT;
    CREATE INDEX bundles_by_institution ON bundles (institution, received_at);
"];

enum Job {
    Insert(Box<StoredBundle>, oneshot::Sender<Result<(), StoreError>>),
    Revoke(String, String, oneshot::Sender<Result<(), StoreError>>),
}

/// The database.
pub struct Store {
    writer: Mutex<mpsc::Sender<Job>>,
    reader: Mutex<Connection>,
}

fn connect(path: &Path) -> Result<Connection, StoreError> {
    let connection = Connection::open(path).map_err(unavailable)?;
    connection
        .execute_batch(
            "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA busy_timeout = 5000;",
        )
        .map_err(unavailable)?;
    Ok(connection)
}

fn migrate(connection: &mut Connection) -> Result<(), StoreError> {
    let version: usize = connection
        .query_row("PRAGMA user_version", [], |row| row.get(0))
        .map_err(unavailable)?;
    for (step, sql) in MIGRATIONS.iter().enumerate().skip(version) {
        let transaction = connection.transaction().map_err(unavailable)?;
        transaction.execute_batch(sql).map_err(unavailable)?;
        transaction
            .execute_batch(&format!("PRAGMA user_version = {}", step + 1))
            .map_err(unavailable)?;
        transaction.commit().map_err(unavailable)?;
    }
    Ok(())
}

impl Store {
    /// Opens (creating and migrating as needed) the database at `path`.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(unavailable)?;
        }
        let mut writer = connect(path)?;
        migrate(&mut writer)?;
        let reader = connect(path)?;
        let (sender, receiver) = mpsc::channel();
        std::thread::Builder::new()
            .name("inbox-writer".into())
            .spawn(move || write_loop(writer, receiver))
            .map_err(unavailable)?;
        Ok(Store {
            writer: Mutex::new(sender),
            reader: Mutex::new(reader),
        })
    }

    async fn submit(
        &self,
        job: impl FnOnce(oneshot::Sender<Result<(), StoreError>>) -> Job,
    ) -> Result<(), StoreError> {
        let (reply, answer) = oneshot::channel();
        self.writer
            .lock()
            .map_err(unavailable)?
            .send(job(reply))
            .map_err(unavailable)?;
        answer.await.map_err(unavailable)?
    }

    /// Stores a bundle; returns once the transaction holding it has committed.
    pub async fn insert(&self, bundle: StoredBundle) -> Result<(), StoreError> {
        self.submit(|reply| Job::Insert(Box::new(bundle), reply))
            .await
    }

    /// Marks a bundle revoked (idempotent).
    pub async fn revoke(&self, bundle_id: &str, at: &str) -> Result<(), StoreError> {
        let (id, at) = (bundle_id.to_string(), at.to_string());
        self.submit(|reply| Job::Revoke(id, at, reply)).await
    }

    fn read<T>(
        &self,
        query: impl FnOnce(&Connection) -> rusqlite::Result<T>,
    ) -> Result<T, StoreError> {
        let connection = self.reader.lock().map_err(unavailable)?;
        query(&connection).map_err(unavailable)
    }

    /// The merchant who signed a stored bundle.
    pub fn merchant_of(&self, bundle_id: &str) -> Result<Option<String>, StoreError> {
        self.read(|c| {
            c.query_row(
                "SELECT merchant FROM bundles WHERE bundle_id = ?1",
                [bundle_id],
                |row| row.get(0),
            )
            .optional()
        })
    }

    /// An institution's bundles, oldest first.
    pub fn list(&self, institution: &str) -> Result<Vec<Listed>, StoreError> {
        self.read(|c| {
            let mut statement = c.prepare_cached(
                "SELECT bundle_id, merchant, received_at, revoked_at, envelope_sha256, payload
                 FROM bundles WHERE institution = ?1 ORDER BY received_at, bundle_id",
            )?;
            let rows = statement.query_map([institution], |row| {
                let payload: String = row.get(5)?;
                Ok(Listed {
                    bundle_id: row.get(0)?,
                    merchant: row.get(1)?,
                    received_at: row.get(2)?,
                    revoked_at: row.get(3)?,
                    envelope_sha256: row.get(4)?,
                    payload: serde_json::from_str(&payload).unwrap_or(serde_json::Value::Null),
                })
            })?;
            rows.collect()
        })
    }

    /// Number of stored bundles (for tests and operators).
    pub fn count(&self) -> Result<u64, StoreError> {
        self.read(|c| c.query_row("SELECT COUNT(*) FROM bundles", [], |row| row.get(0)))
    }
}

impl Ledger for Store {
    fn seen(&self, bundle_id: &str, nonce: &str) -> bool {
        // When the database cannot say, treat the bundle as seen: refusing is safe, storing
        // twice is not (and the insert's unique constraints are the final word anyway).
        self.read(|c| {
            c.query_row(
                "SELECT EXISTS (SELECT 1 FROM bundles WHERE bundle_id = ?1 OR nonce = ?2)",
                params![bundle_id, nonce],
                |row| row.get(0),
            )
        })
        .unwrap_or(true)
    }

    fn revoked(&self, bundle_id: &str) -> bool {
        self.read(|c| {
            c.query_row(
                "SELECT EXISTS (SELECT 1 FROM bundles WHERE bundle_id = ?1 AND revoked_at IS NOT NULL)",
                [bundle_id],
                |row| row.get(0),
            )
        })
        .unwrap_or(false)
    }
}

/// The writer: waits for a job, takes every other job already waiting (up to 512), runs them
/// in one transaction (each in a savepoint, so a duplicate fails alone), commits, answers.
fn write_loop(mut connection: Connection, jobs: mpsc::Receiver<Job>) {
    while let Ok(first) = jobs.recv() {
        let mut batch = vec![first];
        while batch.len() < 512 {
            match jobs.try_recv() {
                Ok(job) => batch.push(job),
                Err(_) => break,
            }
        }
        let outcome = run_batch(&mut connection, &batch);
        for (job, result) in batch.into_iter().zip(outcome) {
            let reply = match job {
                Job::Insert(_, reply) | Job::Revoke(_, _, reply) => reply,
            };
            let _ = reply.send(result);
        }
    }
}

fn run_batch(connection: &mut Connection, batch: &[Job]) -> Vec<Result<(), StoreError>> {
    let failed = |e: &dyn ToString| vec![Err(unavailable(e.to_string())); batch.len()];
    let mut transaction = match connection.transaction() {
        Ok(t) => t,
        Err(e) => return failed(&e),
    };
    let mut results = Vec::with_capacity(batch.len());
    for job in batch {
        let result = (|| -> rusqlite::Result<()> {
            let savepoint = transaction.savepoint()?;
            match job {
                Job::Insert(b, _) => {
                    savepoint.execute(
                        "INSERT INTO bundles (bundle_id, nonce, institution, merchant, envelope,
                         envelope_sha256, payload, received_at, revoked_at)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, NULL)",
                        params![
                            b.bundle_id,
                            b.nonce,
                            b.institution,
                            b.merchant,
                            b.envelope,
                            b.envelope_sha256,
                            b.payload,
                            b.received_at
                        ],
                    )?;
                }
                Job::Revoke(id, at, _) => {
                    savepoint.execute(
                        "UPDATE bundles SET revoked_at = COALESCE(revoked_at, ?2) WHERE bundle_id = ?1",
                        params![id, at],
                    )?;
                }
            }
            savepoint.commit()
        })();
        results.push(result.map_err(|e| match e {
            rusqlite::Error::SqliteFailure(code, _)
                if code.code == rusqlite::ErrorCode::ConstraintViolation =>
            {
                StoreError::Duplicate
            }
            other => unavailable(other),
        }));
    }
    match transaction.commit() {
        Ok(()) => results,
        Err(e) => failed(&e),
    }
}
