//! PostgreSQL (`--database-url postgres://…`): the same schema and migrations as SQLite, the
//! same group commit. One writer task owns a connection and commits each batch in one
//! transaction; reads share a second connection, which pipelines concurrent queries. A
//! connection that drops is re-established on next use, so a restarted database server costs
//! the requests in flight (answered 503), not the inbox.
//!
//! The connection is made without TLS: run the inbox beside its database (loopback or a Unix
//! socket, `host=/var/run/postgresql`) or behind a TLS tunnel.

use std::sync::{Arc, RwLock};

use tokio::sync::mpsc;
use tokio_postgres::error::SqlState;
use tokio_postgres::{Client, NoTls};

use super::{
    answer, batch_after, get_sql, list_sql, unavailable, BundleOwner, Cell, Known, Listed, Page,
    Queue, Queued, ResponseRow, StoreError, COUNT_SQL, KNOWN_SQL, MIGRATIONS, MIGRATIONS_TABLE,
    OWNER_SQL, RESPONSES_SQL,
};

/// An arbitrary constant naming the lock that keeps two inboxes from migrating at once.
const MIGRATION_LOCK: i64 = 0x70_7265_7175_616c;

/// A PostgreSQL database.
pub struct PostgresStore {
    url: String,
    writer: mpsc::UnboundedSender<Queued>,
    reader: RwLock<Arc<Client>>,
}

/// Connects, driving the connection on its own task.
async fn connect(url: &str) -> Result<Client, StoreError> {
    let (client, connection) = tokio_postgres::connect(url, NoTls)
        .await
        .map_err(|e| unavailable(format!("connecting to PostgreSQL: {e}")))?;
    tokio::spawn(async move {
        if let Err(e) = connection.await {
            tracing::error!(error = %e, "PostgreSQL connection lost");
        }
    });
    Ok(client)
}

async fn migrate(client: &mut Client) -> Result<(), StoreError> {
    client
        .batch_execute(MIGRATIONS_TABLE)
        .await
        .map_err(unavailable)?;
    let transaction = client.transaction().await.map_err(unavailable)?;
    transaction
        .execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK])
        .await
        .map_err(unavailable)?;
    for (version, sql) in MIGRATIONS {
        let applied = transaction
            .query_opt(
                "SELECT 1 FROM schema_migrations WHERE version = $1",
                &[version],
            )
            .await
            .map_err(unavailable)?
            .is_some();
        if !applied {
            transaction.batch_execute(sql).await.map_err(unavailable)?;
            transaction
                .execute(
                    "INSERT INTO schema_migrations (version, applied_at) VALUES ($1, now()::text)",
                    &[version],
                )
                .await
                .map_err(unavailable)?;
        }
    }
    transaction.commit().await.map_err(unavailable)
}

impl PostgresStore {
    /// Connects to the database at `url` and migrates it.
    pub async fn open(url: &str) -> Result<PostgresStore, StoreError> {
        let mut writer = connect(url).await?;
        migrate(&mut writer).await?;
        let reader = connect(url).await?;
        let (sender, queue) = mpsc::unbounded_channel();
        tokio::spawn(write_loop(url.to_string(), writer, queue));
        Ok(PostgresStore {
            url: url.to_string(),
            writer: sender,
            reader: RwLock::new(Arc::new(reader)),
        })
    }

    pub(super) fn submit(&self, queued: Queued) -> Result<(), StoreError> {
        self.writer.send(queued).map_err(unavailable)
    }

    /// The reading connection, re-established if it was lost.
    async fn reader(&self) -> Result<Arc<Client>, StoreError> {
        let current = self.reader.read().map_err(unavailable)?.clone();
        if !current.is_closed() {
            return Ok(current);
        }
        let fresh = Arc::new(connect(&self.url).await?);
        *self.reader.write().map_err(unavailable)? = fresh.clone();
        Ok(fresh)
    }

    pub(super) async fn known(&self, bundle_id: &str, nonce: &str) -> Result<Known, StoreError> {
        let row = self
            .reader()
            .await?
            .query_one(KNOWN_SQL, &[&bundle_id, &nonce])
            .await
            .map_err(unavailable)?;
        Ok(Known {
            seen: row.try_get(0).map_err(unavailable)?,
            revoked: row.try_get(1).map_err(unavailable)?,
        })
    }

    pub(super) async fn list(
        &self,
        institution: &str,
        page: &Page,
    ) -> Result<Vec<Listed>, StoreError> {
        // One more than the page, to know whether another follows.
        let limit = i64::try_from(page.limit + 1).unwrap_or(i64::MAX);
        let rows = self
            .reader()
            .await?
            .query(
                &list_sql(),
                &[&institution, &page.after.0, &page.after.1, &limit],
            )
            .await
            .map_err(unavailable)?;
        rows.iter()
            .map(listed)
            .collect::<Result<_, tokio_postgres::Error>>()
            .map_err(unavailable)
    }

    pub(super) async fn get(
        &self,
        institution: &str,
        bundle_id: &str,
    ) -> Result<Option<Listed>, StoreError> {
        let row = self
            .reader()
            .await?
            .query_opt(&get_sql(), &[&institution, &bundle_id])
            .await
            .map_err(unavailable)?;
        row.as_ref().map(listed).transpose().map_err(unavailable)
    }

    pub(super) async fn responses(&self, bundle_id: &str) -> Result<Vec<ResponseRow>, StoreError> {
        let rows = self
            .reader()
            .await?
            .query(RESPONSES_SQL, &[&bundle_id])
            .await
            .map_err(unavailable)?;
        rows.iter()
            .map(|row| {
                Ok(ResponseRow {
                    sequence: row.try_get(0)?,
                    status: row.try_get(1)?,
                    envelope: row.try_get(2)?,
                    created_at: row.try_get(3)?,
                })
            })
            .collect::<Result<_, tokio_postgres::Error>>()
            .map_err(unavailable)
    }

    pub(super) async fn query(
        &self,
        sql: &str,
        params: &[Cell],
    ) -> Result<Vec<Vec<Cell>>, StoreError> {
        let bound = pg_params(params);
        let rows = self
            .reader()
            .await?
            .query(sql, &borrowed(&bound))
            .await
            .map_err(unavailable)?;
        rows.iter()
            .map(|row| (0..row.len()).map(|i| cell(row, i)).collect())
            .collect::<Result<_, tokio_postgres::Error>>()
            .map_err(unavailable)
    }

    pub(super) async fn owner(&self, bundle_id: &str) -> Result<Option<BundleOwner>, StoreError> {
        let row = self
            .reader()
            .await?
            .query_opt(OWNER_SQL, &[&bundle_id])
            .await
            .map_err(unavailable)?;
        row.map(|row| {
            Ok(BundleOwner {
                institution: row.try_get(0)?,
                merchant: row.try_get(1)?,
                revoked_at: row.try_get(2)?,
            })
        })
        .transpose()
        .map_err(|e: tokio_postgres::Error| unavailable(e))
    }

    pub(super) async fn count(&self) -> Result<u64, StoreError> {
        let row = self
            .reader()
            .await?
            .query_one(COUNT_SQL, &[])
            .await
            .map_err(unavailable)?;
        let count: i64 = row.try_get(0).map_err(unavailable)?;
        Ok(count.unsigned_abs())
    }
}

type Param = Box<dyn tokio_postgres::types::ToSql + Sync + Send>;

/// The cells as PostgreSQL parameters (a `NULL` is bound as text: the desk's nullable columns
/// are all text).
fn pg_params(cells: &[Cell]) -> Vec<Param> {
    cells
        .iter()
        .map(|cell| -> Param {
            match cell {
                Cell::Text(text) => Box::new(text.clone()),
                Cell::Int(n) => Box::new(*n),
                Cell::Null => Box::new(None::<String>),
            }
        })
        .collect()
}

fn borrowed(params: &[Param]) -> Vec<&(dyn tokio_postgres::types::ToSql + Sync)> {
    params
        .iter()
        .map(|p| p.as_ref() as &(dyn tokio_postgres::types::ToSql + Sync))
        .collect()
}

/// Column `i` of `row` as a cell, by its type.
fn cell(row: &tokio_postgres::Row, i: usize) -> Result<Cell, tokio_postgres::Error> {
    use tokio_postgres::types::Type;
    let ty = row.columns()[i].type_().clone();
    Ok(if ty == Type::INT8 {
        row.try_get::<_, Option<i64>>(i)?
            .map_or(Cell::Null, Cell::Int)
    } else if ty == Type::INT4 {
        row.try_get::<_, Option<i32>>(i)?
            .map_or(Cell::Null, |n| Cell::Int(n.into()))
    } else if ty == Type::BOOL {
        row.try_get::<_, Option<bool>>(i)?
            .map_or(Cell::Null, |b| Cell::Int(b.into()))
    } else {
        row.try_get::<_, Option<String>>(i)?
            .map_or(Cell::Null, Cell::Text)
    })
}

/// A row of [`super::COLUMNS`].
fn listed(row: &tokio_postgres::Row) -> Result<Listed, tokio_postgres::Error> {
    let payload: String = row.try_get(5)?;
    let verification: Option<String> = row.try_get(6)?;
    Ok(Listed::from_columns(
        row.try_get(0)?,
        row.try_get(1)?,
        row.try_get(2)?,
        row.try_get(3)?,
        row.try_get(4)?,
        &payload,
        verification.as_deref(),
    ))
}

/// The writer: waits for a write, takes every other one already waiting, runs them in one
/// transaction, commits, answers. Reconnects before a batch if the connection was lost.
async fn write_loop(url: String, mut client: Client, mut queue: Queue) {
    while let Some(first) = queue.recv().await {
        let batch = batch_after(first, &mut queue);
        if client.is_closed() {
            match connect(&url).await {
                Ok(fresh) => client = fresh,
                Err(e) => {
                    let outcomes = vec![Err(e); batch.len()];
                    answer(batch, outcomes);
                    continue;
                }
            }
        }
        let outcomes = run_batch(&mut client, &batch).await;
        answer(batch, outcomes);
    }
}

async fn run_batch(client: &mut Client, batch: &[Queued]) -> Vec<Result<(), StoreError>> {
    let failed = |e: &dyn ToString| vec![Err(unavailable(e.to_string())); batch.len()];
    let mut transaction = match client.transaction().await {
        Ok(t) => t,
        Err(e) => return failed(&e),
    };
    let mut outcomes = Vec::with_capacity(batch.len());
    for (write, _) in batch {
        let savepoint = match transaction.savepoint("bundle").await {
            Ok(savepoint) => savepoint,
            Err(e) => return failed(&e),
        };
        let mut executed = Ok(0);
        for statement in write.statements() {
            let params = pg_params(&statement.params);
            executed = savepoint.execute(statement.sql, &borrowed(&params)).await;
            if executed.is_err() {
                break;
            }
        }
        let outcome = match executed {
            // Dropping a savepoint without committing rolls back to it.
            Ok(_) => savepoint.commit().await.map_err(unavailable),
            Err(e) if e.code() == Some(&SqlState::UNIQUE_VIOLATION) => Err(StoreError::Duplicate),
            Err(e) => Err(unavailable(e)),
        };
        outcomes.push(outcome);
    }
    match transaction.commit().await {
        Ok(()) => outcomes,
        Err(e) => failed(&e),
    }
}
