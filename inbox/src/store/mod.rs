//! Durable storage of verified bundles, in SQLite (the default: one file under `./data/`) or
//! PostgreSQL (`--database-url postgres://…`). Both run the same migrations
//! (`inbox/migrations/*.sql`, recorded in a `schema_migrations` table) and the same write
//! discipline: one writer commits everything waiting in a single transaction (group commit),
//! each job in its own savepoint so a duplicate fails alone, and a request is answered only
//! after the commit that holds it.

mod postgres;
mod sqlite;

use std::path::PathBuf;

use prequal::consent::Ledger;
use serde::Serialize;

/// Storage failures.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StoreError {
    /// The bundle id or nonce is already stored.
    #[error("already stored")]
    Duplicate,
    /// The database cannot be read or written (disk full, read-only, corrupt, unreachable).
    #[error("storage unavailable: {0}")]
    Unavailable(String),
}

fn unavailable(error: impl ToString) -> StoreError {
    StoreError::Unavailable(error.to_string())
}

/// Where bundles are kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Database {
    /// A SQLite file (created with its directory when missing).
    Sqlite(PathBuf),
    /// A PostgreSQL connection URL (`postgres://user@host:port/db`).
    Postgres(String),
}

/// The schema, one step per version; both backends apply them in order.
const MIGRATIONS: &[(i64, &str)] = &[
    (1, include_str!("../../migrations/0001_bundles.sql")),
    (
        2,
        include_str!("../../migrations/0002_verification_and_pages.sql"),
    ),
    (3, include_str!("../../migrations/0003_responses.sql")),
    (4, include_str!("../../migrations/0004_desk.sql")),
];

/// Created before the first migration, to record which have run.
const MIGRATIONS_TABLE: &str = "CREATE TABLE IF NOT EXISTS schema_migrations (
    version    BIGINT PRIMARY KEY,
    applied_at TEXT NOT NULL
)";

/// The most bundles one transaction commits.
const MAX_BATCH: usize = 512;

/// A value bound to a statement or read from a row: the desk's tables hold only text and
/// whole numbers, so one small type serves both backends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    /// `TEXT`.
    Text(String),
    /// `BIGINT` (and booleans, as 0 or 1).
    Int(i64),
    /// `NULL`.
    Null,
}

impl Cell {
    /// The text, if the cell holds text.
    pub fn text(&self) -> Option<&str> {
        match self {
            Cell::Text(text) => Some(text),
            _ => None,
        }
    }

    /// The number, if the cell holds one.
    pub fn int(&self) -> Option<i64> {
        match self {
            Cell::Int(n) => Some(*n),
            _ => None,
        }
    }
}

impl From<&str> for Cell {
    fn from(text: &str) -> Cell {
        Cell::Text(text.to_owned())
    }
}

impl From<String> for Cell {
    fn from(text: String) -> Cell {
        Cell::Text(text)
    }
}

impl From<i64> for Cell {
    fn from(n: i64) -> Cell {
        Cell::Int(n)
    }
}

impl From<Option<String>> for Cell {
    fn from(text: Option<String>) -> Cell {
        text.map_or(Cell::Null, Cell::Text)
    }
}

/// One SQL statement (`$1`, `$2`… for parameters, as both dialects read them) and its values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Statement {
    /// The SQL.
    pub sql: &'static str,
    /// Its parameters, in order.
    pub params: Vec<Cell>,
}

impl Statement {
    /// `sql` with `params`.
    pub fn new(sql: &'static str, params: Vec<Cell>) -> Statement {
        Statement { sql, params }
    }
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
    /// What verification established (`consent::Outcome`), JSON.
    pub verification: String,
    /// RFC 3339 UTC.
    pub received_at: String,
    /// RFC 3339 UTC, when revoked.
    pub revoked_at: Option<String>,
    /// The products applied for, separated by spaces (the desk filters on them).
    pub products: String,
    /// The grade the bundle carries (the desk filters on it).
    pub grade: String,
}

/// An institution's signed answer to a bundle, as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredResponse {
    /// Its id (primary key).
    pub response_id: String,
    /// The bundle answered.
    pub bundle_id: String,
    /// The institution answering.
    pub institution: String,
    /// 1, 2, … per bundle (unique with the bundle).
    pub sequence: i64,
    /// `acknowledged`, `more_information`, `offer`, `declined`.
    pub status: String,
    /// The compact JWS.
    pub envelope: String,
    /// RFC 3339 UTC.
    pub created_at: String,
}

/// One answer as it is read back: the signed envelope is what a merchant checks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ResponseRow {
    /// 1, 2, …: the last is where the application stands.
    pub sequence: i64,
    /// Its status.
    pub status: String,
    /// The compact JWS, signed by the institution.
    pub envelope: String,
    /// RFC 3339 UTC.
    pub created_at: String,
}

/// Who a stored bundle belongs to, and whether it was revoked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BundleOwner {
    /// Its recipient.
    pub institution: String,
    /// Its merchant's `did:key`.
    pub merchant: String,
    /// When it was revoked, if it was.
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
    /// What verification established; `null` for bundles stored before it was recorded.
    verification: serde_json::Value,
}

/// The columns every read selects, in the order [`Listed::from_columns`] takes them.
const COLUMNS: &str =
    "bundle_id, merchant, received_at, revoked_at, envelope_sha256, payload, verification";

impl Listed {
    /// A listed row from the columns of [`COLUMNS`].
    fn from_columns(
        bundle_id: String,
        merchant: String,
        received_at: String,
        revoked_at: Option<String>,
        envelope_sha256: String,
        payload: &str,
        verification: Option<&str>,
    ) -> Listed {
        // Stored JSON was serialized by this program after verification.
        let json = |text: &str| serde_json::from_str(text).unwrap_or(serde_json::Value::Null);
        Listed {
            bundle_id,
            merchant,
            received_at,
            revoked_at,
            envelope_sha256,
            payload: json(payload),
            verification: verification.map_or(serde_json::Value::Null, json),
        }
    }
}

/// The desk's listing columns of a verified payload: its products (separated by spaces) and its
/// grade.
pub fn listing_columns(payload: &serde_json::Value) -> (String, String) {
    let products = payload["recipient"]["products"]
        .as_array()
        .map(|products| {
            products
                .iter()
                .filter_map(serde_json::Value::as_str)
                .collect::<Vec<_>>()
                .join(" ")
        })
        .unwrap_or_default();
    let grade = payload["result"]["grade"].as_str().unwrap_or_default();
    (products, grade.to_owned())
}

/// Which page of an institution's bundles to read: those after a position in the order
/// (`received_at`, `bundle_id`), at most `limit` of them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// Read bundles after this (received_at, bundle_id); the empty pair is before all.
    after: (String, String),
    /// The most bundles.
    pub limit: usize,
}

impl Page {
    /// The first page of `limit` bundles.
    pub fn first(limit: usize) -> Page {
        Page {
            after: (String::new(), String::new()),
            limit,
        }
    }

    /// Start after a bundle (a cursor), unless the page already starts later.
    pub fn start_after(&mut self, after: (String, String)) {
        self.after = self.after.clone().max(after);
    }

    /// Start at bundles received at or after `received_at` (RFC 3339), unless the page
    /// already starts later (an empty id sorts before every bundle of that second).
    pub fn start_at(&mut self, received_at: &str) {
        self.start_after((received_at.to_owned(), String::new()));
    }

    /// The cursor naming the position after `bundle` (opaque to clients: base64url).
    fn cursor_after(bundle: &Listed) -> String {
        Page::cursor(&bundle.received_at, &bundle.bundle_id)
    }

    /// The cursor naming the position after the bundle `bundle_id` received at `received_at`.
    pub fn cursor(received_at: &str, bundle_id: &str) -> String {
        use base64::Engine;
        base64::engine::general_purpose::URL_SAFE_NO_PAD
            .encode(format!("{received_at} {bundle_id}"))
    }

    /// The position a cursor names, if it is one this inbox gave.
    pub fn decode_cursor(cursor: &str) -> Option<(String, String)> {
        use base64::Engine;
        let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(cursor)
            .ok()?;
        let text = String::from_utf8(bytes).ok()?;
        let (received_at, bundle_id) = text.split_once(' ')?;
        prequal::consent::parse_rfc3339(received_at)?;
        let hex = bundle_id.len() == 32
            && bundle_id
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
        hex.then(|| (received_at.to_owned(), bundle_id.to_owned()))
    }

    /// Splits `rows` (read with a limit one larger than the page's) into the page and the
    /// cursor of the next one, if there are more.
    fn split(&self, mut rows: Vec<Listed>) -> (Vec<Listed>, Option<String>) {
        if rows.len() <= self.limit {
            return (rows, None);
        }
        rows.truncate(self.limit);
        let next = rows.last().map(Page::cursor_after);
        (rows, next)
    }
}

/// A page of an institution's bundles, oldest first (`$n` works as a parameter in both
/// dialects).
fn list_sql() -> String {
    format!(
        "SELECT {COLUMNS} FROM bundles WHERE institution = $1
        AND (received_at > $2 OR (received_at = $2 AND bundle_id > $3))
        ORDER BY received_at, bundle_id LIMIT $4"
    )
}
/// One bundle of an institution.
fn get_sql() -> String {
    format!("SELECT {COLUMNS} FROM bundles WHERE institution = $1 AND bundle_id = $2")
}
const INSERT_SQL: &str = "INSERT INTO bundles (bundle_id, nonce, institution, merchant, envelope,
    envelope_sha256, payload, verification, received_at, revoked_at, products, grade, status)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, NULL, $10, $11, 'received')";
const REVOKE_SQL: &str =
    "UPDATE bundles SET revoked_at = COALESCE(revoked_at, $2) WHERE bundle_id = $1";
const KNOWN_SQL: &str = "SELECT
    EXISTS (SELECT 1 FROM bundles WHERE bundle_id = $1 OR nonce = $2),
    EXISTS (SELECT 1 FROM bundles WHERE bundle_id = $1 AND revoked_at IS NOT NULL)";
const COUNT_SQL: &str = "SELECT COUNT(*) FROM bundles";
const RESPOND_SQL: &str = "INSERT INTO responses (response_id, bundle_id, institution, sequence,
    status, envelope, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)";
/// Where the application stands, kept beside the bundle for the desk's filters.
const STATUS_SQL: &str = "UPDATE bundles SET status = $2 WHERE bundle_id = $1";
const READ_SQL: &str =
    "INSERT INTO response_reads (nonce, bundle_id, requested_at) VALUES ($1, $2, $3)";
const RESPONSES_SQL: &str = "SELECT sequence, status, envelope, created_at FROM responses
    WHERE bundle_id = $1 ORDER BY sequence";
const OWNER_SQL: &str =
    "SELECT institution, merchant, revoked_at FROM bundles WHERE bundle_id = $1";

/// A write, queued for the writer.
enum Write {
    Insert(Box<StoredBundle>),
    Revoke {
        bundle_id: String,
        at: String,
    },
    /// An answer, and the statements that stand or fall with it (its audit entry).
    Respond(Box<StoredResponse>, Vec<Statement>),
    /// A read request's nonce, refused (`Duplicate`) when seen before.
    Read {
        nonce: String,
        bundle_id: String,
        requested_at: String,
    },
    /// Statements that stand or fall together (`Duplicate` when one breaks a unique rule).
    Exec(Vec<Statement>),
}

impl Write {
    /// The statements this write runs, in order, in one savepoint.
    fn statements(&self) -> Vec<Statement> {
        match self {
            Write::Insert(b) => vec![Statement::new(
                INSERT_SQL,
                vec![
                    b.bundle_id.as_str().into(),
                    b.nonce.as_str().into(),
                    b.institution.as_str().into(),
                    b.merchant.as_str().into(),
                    b.envelope.as_str().into(),
                    b.envelope_sha256.as_str().into(),
                    b.payload.as_str().into(),
                    b.verification.as_str().into(),
                    b.received_at.as_str().into(),
                    b.products.as_str().into(),
                    b.grade.as_str().into(),
                ],
            )],
            Write::Revoke { bundle_id, at } => vec![Statement::new(
                REVOKE_SQL,
                vec![bundle_id.as_str().into(), at.as_str().into()],
            )],
            Write::Respond(r, also) => {
                let mut statements = vec![
                    Statement::new(
                        RESPOND_SQL,
                        vec![
                            r.response_id.as_str().into(),
                            r.bundle_id.as_str().into(),
                            r.institution.as_str().into(),
                            r.sequence.into(),
                            r.status.as_str().into(),
                            r.envelope.as_str().into(),
                            r.created_at.as_str().into(),
                        ],
                    ),
                    Statement::new(
                        STATUS_SQL,
                        vec![r.bundle_id.as_str().into(), r.status.as_str().into()],
                    ),
                ];
                statements.extend(also.iter().cloned());
                statements
            }
            Write::Read {
                nonce,
                bundle_id,
                requested_at,
            } => vec![Statement::new(
                READ_SQL,
                vec![
                    nonce.as_str().into(),
                    bundle_id.as_str().into(),
                    requested_at.as_str().into(),
                ],
            )],
            Write::Exec(statements) => statements.clone(),
        }
    }
}

/// A queued write and where its outcome goes once committed (or not).
type Queued = (Write, tokio::sync::oneshot::Sender<Result<(), StoreError>>);

/// The writers' queue.
type Queue = tokio::sync::mpsc::UnboundedReceiver<Queued>;

/// The first write and every other one already waiting, up to [`MAX_BATCH`].
fn batch_after(first: Queued, queue: &mut Queue) -> Vec<Queued> {
    let mut batch = vec![first];
    while batch.len() < MAX_BATCH {
        match queue.try_recv() {
            Ok(queued) => batch.push(queued),
            Err(_) => break,
        }
    }
    batch
}

/// Answers each write of a batch with its outcome.
fn answer(batch: Vec<Queued>, outcomes: Vec<Result<(), StoreError>>) {
    for ((_, reply), outcome) in batch.into_iter().zip(outcomes) {
        // The request may have been dropped (client gone); the write stands either way.
        let _ = reply.send(outcome);
    }
}

/// What the database knows of a bundle before it is verified: the core's replay and
/// revocation checks read this snapshot (the unique constraints on insert are the final word).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Known {
    /// A bundle with this id or nonce is stored.
    pub seen: bool,
    /// The bundle with this id is revoked.
    pub revoked: bool,
}

impl Ledger for Known {
    fn seen(&self, _: &str, _: &str) -> bool {
        self.seen
    }
    fn revoked(&self, _: &str) -> bool {
        self.revoked
    }
}

/// The database.
pub enum Store {
    /// SQLite (WAL, `synchronous = FULL`).
    Sqlite(sqlite::SqliteStore),
    /// PostgreSQL.
    Postgres(postgres::PostgresStore),
}

impl Store {
    /// Opens (creating and migrating as needed) the database.
    pub async fn open(database: &Database) -> Result<Store, StoreError> {
        Store::open_limited(database, None).await
    }

    /// Opens a store whose SQLite database may grow to `max_bytes` (ignored for PostgreSQL,
    /// whose operators size it themselves).
    pub async fn open_limited(
        database: &Database,
        max_bytes: Option<u64>,
    ) -> Result<Store, StoreError> {
        let store = match database {
            Database::Sqlite(path) => Store::Sqlite(sqlite::SqliteStore::open(path, max_bytes)?),
            Database::Postgres(url) => Store::Postgres(postgres::PostgresStore::open(url).await?),
        };
        store.fill_listing_columns().await?;
        Ok(store)
    }

    /// Fills the desk's listing columns of bundles stored before they existed, from their
    /// stored payloads (once: afterwards every bundle is stored with them).
    async fn fill_listing_columns(&self) -> Result<(), StoreError> {
        let rows = self
            .query(
                "SELECT bundle_id, payload FROM bundles WHERE products IS NULL",
                &[],
            )
            .await?;
        let updates = rows
            .iter()
            .filter_map(|row| {
                let (id, payload) = (row.first()?.text()?, row.get(1)?.text()?);
                let payload = serde_json::from_str::<serde_json::Value>(payload).ok()?;
                let (products, grade) = listing_columns(&payload);
                Some(Statement::new(
                    "UPDATE bundles SET products = $2, grade = $3 WHERE bundle_id = $1",
                    vec![id.into(), products.into(), grade.into()],
                ))
            })
            .collect::<Vec<_>>();
        if updates.is_empty() {
            return Ok(());
        }
        self.execute(updates).await
    }

    async fn submit(&self, write: Write) -> Result<(), StoreError> {
        let (reply, answer) = tokio::sync::oneshot::channel();
        match self {
            Store::Sqlite(store) => store.submit((write, reply))?,
            Store::Postgres(store) => store.submit((write, reply))?,
        }
        answer.await.map_err(unavailable)?
    }

    /// Stores a bundle; returns once the transaction holding it has committed.
    pub async fn insert(&self, bundle: StoredBundle) -> Result<(), StoreError> {
        self.submit(Write::Insert(Box::new(bundle))).await
    }

    /// Marks a bundle revoked (idempotent: the first revocation time is kept).
    pub async fn revoke(&self, bundle_id: &str, at: &str) -> Result<(), StoreError> {
        self.submit(Write::Revoke {
            bundle_id: bundle_id.into(),
            at: at.into(),
        })
        .await
    }

    /// Whether a bundle id or nonce is stored, and whether that bundle is revoked. When the
    /// database cannot say, the bundle counts as seen: refusing is safe, storing twice is not.
    pub async fn known(&self, bundle_id: &str, nonce: &str) -> Known {
        let known = match self {
            Store::Sqlite(store) => store.known(bundle_id, nonce),
            Store::Postgres(store) => store.known(bundle_id, nonce).await,
        };
        known.unwrap_or(Known {
            seen: true,
            revoked: false,
        })
    }

    /// A page of an institution's bundles, oldest first, and the cursor of the next page
    /// when there is one.
    pub async fn list(
        &self,
        institution: &str,
        page: &Page,
    ) -> Result<(Vec<Listed>, Option<String>), StoreError> {
        let rows = match self {
            Store::Sqlite(store) => store.list(institution, page),
            Store::Postgres(store) => store.list(institution, page).await,
        }?;
        Ok(page.split(rows))
    }

    /// One of an institution's bundles (`None` for another institution's, as for none).
    pub async fn get(
        &self,
        institution: &str,
        bundle_id: &str,
    ) -> Result<Option<Listed>, StoreError> {
        match self {
            Store::Sqlite(store) => store.get(institution, bundle_id),
            Store::Postgres(store) => store.get(institution, bundle_id).await,
        }
    }

    /// Stores an institution's answer with the statements that must stand or fall with it
    /// (its audit entry); `Duplicate` when the bundle already has an answer with its sequence
    /// number (another answer came first: number it again).
    pub async fn respond(
        &self,
        response: StoredResponse,
        also: Vec<Statement>,
    ) -> Result<(), StoreError> {
        self.submit(Write::Respond(Box::new(response), also)).await
    }

    /// Records a read request's nonce; `Duplicate` when it was used before (a replay).
    pub async fn record_read(
        &self,
        nonce: &str,
        bundle_id: &str,
        requested_at: &str,
    ) -> Result<(), StoreError> {
        self.submit(Write::Read {
            nonce: nonce.into(),
            bundle_id: bundle_id.into(),
            requested_at: requested_at.into(),
        })
        .await
    }

    /// A bundle's answers, in order.
    pub async fn responses(&self, bundle_id: &str) -> Result<Vec<ResponseRow>, StoreError> {
        match self {
            Store::Sqlite(store) => store.responses(bundle_id),
            Store::Postgres(store) => store.responses(bundle_id).await,
        }
    }

    /// Whose a stored bundle is (`None` when there is no such bundle).
    pub async fn owner(&self, bundle_id: &str) -> Result<Option<BundleOwner>, StoreError> {
        match self {
            Store::Sqlite(store) => store.owner(bundle_id),
            Store::Postgres(store) => store.owner(bundle_id).await,
        }
    }

    /// Runs `statements` in one transaction (with whatever else is waiting); returns once it
    /// committed. `Duplicate` when one of them breaks a unique rule (none of them then stands).
    pub async fn execute(&self, statements: Vec<Statement>) -> Result<(), StoreError> {
        self.submit(Write::Exec(statements)).await
    }

    /// The rows `sql` selects with `params` (text and whole-number columns only).
    pub async fn query(&self, sql: &str, params: &[Cell]) -> Result<Vec<Vec<Cell>>, StoreError> {
        match self {
            Store::Sqlite(store) => store.query(sql, params),
            Store::Postgres(store) => store.query(sql, params).await,
        }
    }

    /// Number of stored bundles (for tests and operators).
    pub async fn count(&self) -> Result<u64, StoreError> {
        match self {
            Store::Sqlite(store) => store.count(),
            Store::Postgres(store) => store.count().await,
        }
    }
}
