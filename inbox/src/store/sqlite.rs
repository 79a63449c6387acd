//! SQLite in WAL mode with `synchronous = FULL`: a receipt means the bundle is on disk. One
//! writer thread commits whatever is waiting in one transaction; reads use their own
//! connection, which WAL lets run beside the writer.

use std::path::Path;
use std::sync::Mutex;

use rusqlite::{params, Connection, OptionalExtension};
use tokio::sync::mpsc;

use super::{
    answer, batch_after, get_sql, list_sql, unavailable, BundleOwner, Cell, Known, Listed, Page,
    Queue, Queued, ResponseRow, StoreError, COUNT_SQL, KNOWN_SQL, MIGRATIONS, MIGRATIONS_TABLE,
    OWNER_SQL, RESPONSES_SQL,
};

/// The shared statements number their parameters `$n`; SQLite spells the same thing `?n`.
fn sqlite(sql: &str) -> String {
    sql.replace('$', "?")
}

/// A SQLite database.
pub struct SqliteStore {
    writer: mpsc::UnboundedSender<Queued>,
    reader: Mutex<Connection>,
}

fn connect(path: &Path, max_bytes: Option<u64>) -> Result<Connection, StoreError> {
    let connection = Connection::open(path).map_err(unavailable)?;
    connection
        .execute_batch(
            "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA busy_timeout = 5000;",
        )
        .map_err(unavailable)?;
    if let Some(max_bytes) = max_bytes {
        // SQLite answers SQLITE_FULL past this many pages, exactly as on a full disk.
        let page_size: u64 = connection
            .query_row("PRAGMA page_size", [], |row| row.get(0))
            .map_err(unavailable)?;
        let pages = (max_bytes / page_size.max(1)).max(1);
        connection
            .execute_batch(&format!("PRAGMA max_page_count = {pages};"))
            .map_err(unavailable)?;
    }
    Ok(connection)
}

fn migrate(connection: &mut Connection) -> Result<(), StoreError> {
    connection
        .execute_batch(MIGRATIONS_TABLE)
        .map_err(unavailable)?;
    for (version, sql) in MIGRATIONS {
        let transaction = connection.transaction().map_err(unavailable)?;
        let applied: bool = transaction
            .query_row(
                "SELECT EXISTS (SELECT 1 FROM schema_migrations WHERE version = ?1)",
                [version],
                |row| row.get(0),
            )
            .map_err(unavailable)?;
        if !applied {
            transaction.execute_batch(sql).map_err(unavailable)?;
            transaction
                .execute(
                    "INSERT INTO schema_migrations (version, applied_at) VALUES (?1, datetime('now'))",
                    [version],
                )
                .map_err(unavailable)?;
        }
        transaction.commit().map_err(unavailable)?;
    }
    Ok(())
}

impl SqliteStore {
    /// Opens (creating and migrating as needed) the database at `path`, allowed to grow to
    /// `max_bytes` when given.
    pub fn open(path: &Path, max_bytes: Option<u64>) -> Result<SqliteStore, StoreError> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(unavailable)?;
        }
        let mut writer = connect(path, max_bytes)?;
        migrate(&mut writer)?;
        let reader = connect(path, max_bytes)?;
        let (sender, queue) = mpsc::unbounded_channel();
        std::thread::Builder::new()
            .name("inbox-writer".into())
            .spawn(move || write_loop(writer, queue))
            .map_err(unavailable)?;
        Ok(SqliteStore {
            writer: sender,
            reader: Mutex::new(reader),
        })
    }

    pub(super) fn submit(&self, queued: Queued) -> Result<(), StoreError> {
        self.writer.send(queued).map_err(unavailable)
    }

    fn read<T>(
        &self,
        query: impl FnOnce(&Connection) -> rusqlite::Result<T>,
    ) -> Result<T, StoreError> {
        let connection = self.reader.lock().map_err(unavailable)?;
        query(&connection).map_err(unavailable)
    }

    pub(super) fn known(&self, bundle_id: &str, nonce: &str) -> Result<Known, StoreError> {
        self.read(|c| {
            c.query_row(&sqlite(KNOWN_SQL), params![bundle_id, nonce], |row| {
                Ok(Known {
                    seen: row.get(0)?,
                    revoked: row.get(1)?,
                })
            })
        })
    }

    pub(super) fn list(&self, institution: &str, page: &Page) -> Result<Vec<Listed>, StoreError> {
        // One more than the page, to know whether another follows.
        let limit = i64::try_from(page.limit + 1).unwrap_or(i64::MAX);
        self.read(|c| {
            let mut statement = c.prepare_cached(&sqlite(&list_sql()))?;
            let rows = statement.query_map(
                params![institution, page.after.0, page.after.1, limit],
                listed,
            )?;
            rows.collect()
        })
    }

    pub(super) fn get(
        &self,
        institution: &str,
        bundle_id: &str,
    ) -> Result<Option<Listed>, StoreError> {
        self.read(|c| {
            c.query_row(&sqlite(&get_sql()), params![institution, bundle_id], listed)
                .optional()
        })
    }

    pub(super) fn count(&self) -> Result<u64, StoreError> {
        self.read(|c| c.query_row(COUNT_SQL, [], |row| row.get(0)))
    }

    pub(super) fn responses(&self, bundle_id: &str) -> Result<Vec<ResponseRow>, StoreError> {
        self.read(|c| {
            let mut statement = c.prepare_cached(&sqlite(RESPONSES_SQL))?;
            let rows = statement.query_map([bundle_id], |row| {
                Ok(ResponseRow {
                    sequence: row.get(0)?,
                    status: row.get(1)?,
                    envelope: row.get(2)?,
                    created_at: row.get(3)?,
                })
            })?;
            rows.collect()
        })
    }

    pub(super) fn query(&self, sql: &str, params: &[Cell]) -> Result<Vec<Vec<Cell>>, StoreError> {
        self.read(|c| {
            let mut statement = c.prepare_cached(&sqlite(sql))?;
            let columns = statement.column_count();
            let rows = statement.query_map(rusqlite::params_from_iter(params.iter()), |row| {
                (0..columns)
                    .map(|i| {
                        Ok(match row.get::<_, rusqlite::types::Value>(i)? {
                            rusqlite::types::Value::Integer(n) => Cell::Int(n),
                            rusqlite::types::Value::Text(text) => Cell::Text(text),
                            _ => Cell::Null,
                        })
                    })
                    .collect()
            })?;
            rows.collect()
        })
    }

    pub(super) fn owner(&self, bundle_id: &str) -> Result<Option<BundleOwner>, StoreError> {
        self.read(|c| {
            c.query_row(&sqlite(OWNER_SQL), [bundle_id], |row| {
                Ok(BundleOwner {
                    institution: row.get(0)?,
                    merchant: row.get(1)?,
                    revoked_at: row.get(2)?,
                })
            })
            .optional()
        })
    }
}

impl rusqlite::ToSql for Cell {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        Ok(match self {
            Cell::Text(text) => text.as_str().into(),
            Cell::Int(n) => (*n).into(),
            Cell::Null => rusqlite::types::ToSqlOutput::Owned(rusqlite::types::Value::Null),
        })
    }
}

/// A row of [`super::COLUMNS`].
fn listed(row: &rusqlite::Row<'_>) -> rusqlite::Result<Listed> {
    let payload: String = row.get(5)?;
    let verification: Option<String> = row.get(6)?;
    Ok(Listed::from_columns(
        row.get(0)?,
        row.get(1)?,
        row.get(2)?,
        row.get(3)?,
        row.get(4)?,
        &payload,
        verification.as_deref(),
    ))
}

/// The writer: waits for a write, takes every other one already waiting, runs them in one
/// transaction, commits, answers.
fn write_loop(mut connection: Connection, mut queue: Queue) {
    while let Some(first) = queue.blocking_recv() {
        let batch = batch_after(first, &mut queue);
        let outcomes = run_batch(&mut connection, &batch);
        answer(batch, outcomes);
    }
}

fn run_batch(connection: &mut Connection, batch: &[Queued]) -> Vec<Result<(), StoreError>> {
    let failed = |e: &dyn ToString| vec![Err(unavailable(e.to_string())); batch.len()];
    let mut transaction = match connection.transaction() {
        Ok(t) => t,
        Err(e) => return failed(&e),
    };
    let mut outcomes = Vec::with_capacity(batch.len());
    for (write, _) in batch {
        let outcome = (|| -> rusqlite::Result<()> {
            let savepoint = transaction.savepoint()?;
            for statement in write.statements() {
                savepoint.execute(
                    &sqlite(statement.sql),
                    rusqlite::params_from_iter(statement.params.iter()),
                )?;
            }
            savepoint.commit()
        })();
        match outcome {
            Ok(()) => outcomes.push(Ok(())),
            Err(rusqlite::Error::SqliteFailure(code, _))
                if code.code == rusqlite::ErrorCode::ConstraintViolation =>
            {
                outcomes.push(Err(StoreError::Duplicate));
            }
            // Anything else (a full disk, an I/O error) may have rolled the whole transaction
            // back already: stop, roll back whatever is left, and fail every job of the batch
            // with this, the real cause, so that no job is stored without its receipt.
            Err(other) => return failed(&other),
        }
    }
    match transaction.commit() {
        Ok(()) => outcomes,
        Err(e) => failed(&e),
    }
}
