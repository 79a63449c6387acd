//! What the desk reads and writes: a page of an institution's applications by status,
//! product, grade and date; one application with its answers and outcome; the audit log,
//! appended to and never changed; the later outcome of a loan.

use serde_json::Value;

use crate::store::{Cell, Page, ResponseRow, Statement, Store, StoreError};

/// Where an application stands, as the desk filters it.
pub const STATUSES: [&str; 6] = [
    "received",
    "acknowledged",
    "more_information",
    "offer",
    "declined",
    "revoked",
];

/// The later outcomes of a loan a desk records.
pub const OUTCOMES: [&str; 3] = ["repaid", "in_arrears", "defaulted"];

/// Applications per page of the list.
pub const PAGE_SIZE: usize = 50;

/// What the list is filtered by (each empty when not used).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// One of [`STATUSES`].
    pub status: String,
    /// A product id.
    pub product: String,
    /// A grade.
    pub grade: String,
    /// Received on or after this day, `YYYY-MM-DD` (Beijing time).
    pub from: String,
    /// Received on or before this day.
    pub to: String,
}

/// One application as the list shows it.
#[derive(Debug, Clone)]
pub struct Listed {
    /// The bundle's id.
    pub bundle_id: String,
    /// RFC 3339 UTC.
    pub received_at: String,
    /// When the merchant revoked it.
    pub revoked_at: Option<String>,
    /// The last answer's status, or `received`.
    pub status: String,
    /// The products applied for.
    pub products: Vec<String>,
    /// The grade the bundle carries.
    pub grade: String,
    /// The verified payload.
    pub payload: Value,
}

impl Listed {
    /// `revoked` when revoked, else the last answer's status.
    pub fn standing(&self) -> &str {
        if self.revoked_at.is_some() {
            "revoked"
        } else {
            &self.status
        }
    }
}

const LISTED_COLUMNS: &str = "bundle_id, received_at, revoked_at, status, products, grade, payload";

fn listed(row: &[Cell]) -> Option<Listed> {
    let text = |i: usize| row.get(i).and_then(Cell::text).map(str::to_owned);
    Some(Listed {
        bundle_id: text(0)?,
        received_at: text(1)?,
        revoked_at: text(2),
        status: text(3).unwrap_or_else(|| "received".into()),
        products: text(4)
            .unwrap_or_default()
            .split_whitespace()
            .map(str::to_owned)
            .collect(),
        grade: text(5).unwrap_or_default(),
        // Stored JSON was serialised by this program after verification.
        payload: serde_json::from_str(&text(6)?).unwrap_or(Value::Null),
    })
}

/// The first instant of a Beijing day (`YYYY-MM-DD`) in RFC 3339 UTC, `days` later.
fn beijing_day_start(day: &str, days: i64) -> Option<String> {
    let start = prequal::consent::parse_rfc3339(&format!("{day}T00:00:00Z"))?;
    Some(prequal::consent::format_rfc3339(
        start - 8 * 3600 + days * 86_400,
    ))
}

/// The `WHERE` clause and parameters of `filter` for `institution`, parameters numbered from
/// `$1`.
fn filtered(institution: &str, filter: &Filter) -> Result<(String, Vec<Cell>), String> {
    let mut sql = String::from("institution = $1");
    let mut params = vec![Cell::from(institution)];
    if filter.status == "revoked" {
        sql.push_str(" AND revoked_at IS NOT NULL");
    }
    let mut push = |clause: &str, value: Cell| {
        params.push(value);
        sql.push_str(&clause.replace('?', &format!("${}", params.len())));
    };
    match filter.status.as_str() {
        "" | "revoked" => {}
        status if STATUSES.contains(&status) => {
            push(" AND revoked_at IS NULL AND status = ?", status.into());
        }
        _ => return Err("status".into()),
    }
    if !filter.product.is_empty() {
        push(
            " AND (' ' || products || ' ') LIKE ?",
            format!("% {} %", filter.product.replace(['%', '_'], "")).into(),
        );
    }
    if !filter.grade.is_empty() {
        push(" AND grade = ?", filter.grade.as_str().into());
    }
    if !filter.from.is_empty() {
        let from = beijing_day_start(&filter.from, 0).ok_or("from")?;
        push(" AND received_at >= ?", from.into());
    }
    if !filter.to.is_empty() {
        let to = beijing_day_start(&filter.to, 1).ok_or("to")?;
        push(" AND received_at < ?", to.into());
    }
    Ok((sql, params))
}

/// Why a list could not be read.
#[derive(Debug)]
pub enum ListError {
    /// A filter's value is not one the desk offers (its name).
    Filter(String),
    /// The database failed.
    Store(StoreError),
}

/// A page of `institution`'s applications matching `filter`, oldest first, after the cursor
/// `after` (a `(received_at, bundle_id)` position); and the next page's cursor.
pub async fn list(
    store: &Store,
    institution: &str,
    filter: &Filter,
    after: Option<(String, String)>,
) -> Result<(Vec<Listed>, Option<String>), ListError> {
    let (mut sql, mut params) = filtered(institution, filter).map_err(ListError::Filter)?;
    if let Some((received_at, bundle_id)) = after {
        let n = params.len();
        sql.push_str(&format!(
            " AND (received_at > ${a} OR (received_at = ${a} AND bundle_id > ${b}))",
            a = n + 1,
            b = n + 2
        ));
        params.push(received_at.into());
        params.push(bundle_id.into());
    }
    let limit = i64::try_from(PAGE_SIZE + 1).unwrap_or(i64::MAX);
    params.push(limit.into());
    let sql = format!(
        "SELECT {LISTED_COLUMNS} FROM bundles WHERE {sql} ORDER BY received_at, bundle_id LIMIT ${}",
        params.len()
    );
    let rows = store.query(&sql, &params).await.map_err(ListError::Store)?;
    let mut page: Vec<Listed> = rows.iter().filter_map(|row| listed(row)).collect();
    let next = (page.len() > PAGE_SIZE).then(|| {
        page.truncate(PAGE_SIZE);
        page.last()
            .map(|last| Page::cursor(&last.received_at, &last.bundle_id))
            .unwrap_or_default()
    });
    Ok((page, next))
}

/// Every one of `institution`'s applications matching `filter`, oldest first (the export).
pub async fn all(
    store: &Store,
    institution: &str,
    filter: &Filter,
) -> Result<Vec<Listed>, ListError> {
    let (sql, params) = filtered(institution, filter).map_err(ListError::Filter)?;
    let sql =
        format!("SELECT {LISTED_COLUMNS} FROM bundles WHERE {sql} ORDER BY received_at, bundle_id");
    let rows = store.query(&sql, &params).await.map_err(ListError::Store)?;
    Ok(rows.iter().filter_map(|row| listed(row)).collect())
}

/// One application of `institution`, with what verification established, its answers and
/// its recorded outcome.
#[derive(Debug, Clone)]
pub struct Application {
    /// As listed.
    pub listed: Listed,
    /// The stored verification outcome (`null` for bundles stored before it was recorded).
    pub verification: Value,
    /// SHA-256 of the envelope as received.
    pub envelope_sha256: String,
    /// The institution's answers, in order.
    pub responses: Vec<ResponseRow>,
    /// The loan's later outcome, when recorded: (outcome, when, by whom).
    pub outcome: Option<(String, String, String)>,
}

/// `institution`'s application `bundle_id` (`None` for another institution's, as for none).
pub async fn application(
    store: &Store,
    institution: &str,
    bundle_id: &str,
) -> Result<Option<Application>, StoreError> {
    let rows = store
        .query(
            &format!(
                "SELECT {LISTED_COLUMNS}, verification, envelope_sha256 FROM bundles
                WHERE institution = $1 AND bundle_id = $2"
            ),
            &[institution.into(), bundle_id.into()],
        )
        .await?;
    let Some(row) = rows.first() else {
        return Ok(None);
    };
    let Some(listed) = listed(row) else {
        return Ok(None);
    };
    let verification = row
        .get(7)
        .and_then(Cell::text)
        .and_then(|text| serde_json::from_str(text).ok())
        .unwrap_or(Value::Null);
    let envelope_sha256 = row
        .get(8)
        .and_then(Cell::text)
        .unwrap_or_default()
        .to_owned();
    let responses = store.responses(bundle_id).await?;
    let outcome = store
        .query(
            "SELECT outcome, recorded_at, login FROM outcomes WHERE bundle_id = $1",
            &[bundle_id.into()],
        )
        .await?
        .first()
        .and_then(|row| {
            let text = |i: usize| row.get(i).and_then(Cell::text).map(str::to_owned);
            Some((text(0)?, text(1)?, text(2)?))
        });
    Ok(Some(Application {
        listed,
        verification,
        envelope_sha256,
        responses,
        outcome,
    }))
}

/// The recorded outcomes of `institution`'s loans, by bundle.
pub async fn outcomes(
    store: &Store,
    institution: &str,
) -> Result<std::collections::BTreeMap<String, String>, StoreError> {
    let rows = store
        .query(
            "SELECT o.bundle_id, o.outcome FROM outcomes o JOIN bundles b ON b.bundle_id = o.bundle_id
            WHERE b.institution = $1",
            &[institution.into()],
        )
        .await?;
    Ok(rows
        .iter()
        .filter_map(|row| {
            Some((
                row.first()?.text()?.to_owned(),
                row.get(1)?.text()?.to_owned(),
            ))
        })
        .collect())
}

/// The statement recording a loan's outcome (the last recorded counts).
pub fn record_outcome(bundle_id: &str, outcome: &str, at: &str, login: &str) -> Statement {
    Statement::new(
        "INSERT INTO outcomes (bundle_id, outcome, recorded_at, login) VALUES ($1, $2, $3, $4)
        ON CONFLICT (bundle_id) DO UPDATE SET outcome = $2, recorded_at = $3, login = $4",
        vec![bundle_id.into(), outcome.into(), at.into(), login.into()],
    )
}

/// One entry of the audit log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// RFC 3339 UTC with microseconds.
    pub at: String,
    /// Who (a login, or `api` for the institution's token).
    pub login: String,
    /// What (`view`, `answer`, `export`, …).
    pub action: String,
    /// Which application, if one.
    pub bundle_id: Option<String>,
    /// The particulars (JSON).
    pub detail: String,
}

/// The newest `limit` entries of `institution`'s audit log before `before` (an `at`), newest
/// first.
pub async fn audit_log(
    store: &Store,
    institution: &str,
    before: Option<&str>,
    limit: usize,
) -> Result<Vec<Entry>, StoreError> {
    let rows = store
        .query(
            "SELECT at, login, action, bundle_id, detail FROM audit_log
            WHERE institution = $1 AND at < $2 ORDER BY at DESC LIMIT $3",
            &[
                institution.into(),
                before.unwrap_or("9999").into(),
                i64::try_from(limit).unwrap_or(100).into(),
            ],
        )
        .await?;
    Ok(rows
        .iter()
        .filter_map(|row| {
            let text = |i: usize| row.get(i).and_then(Cell::text).map(str::to_owned);
            Some(Entry {
                at: text(0)?,
                login: text(1)?,
                action: text(2)?,
                bundle_id: text(3),
                detail: text(4)?,
            })
        })
        .collect())
}
