//! The audit log's entries (`audit_log`): who did what to which application, when. Appended by
//! the desk for every view and action and by the answer API for every answer; no statement of
//! the inbox updates or deletes one (`docs/desk.md`).

use serde_json::Value;

use crate::store::Statement;

/// Now, RFC 3339 UTC with microseconds (so entries sort in the order they were made).
pub fn now_precise() -> String {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    let seconds = prequal::consent::format_rfc3339(i64::try_from(now.as_secs()).unwrap_or(0));
    format!(
        "{}.{:06}Z",
        seconds.trim_end_matches('Z'),
        now.subsec_micros()
    )
}

/// The statement appending an entry to `institution`'s audit log.
pub fn entry(
    institution: &str,
    login: &str,
    action: &str,
    bundle_id: Option<&str>,
    detail: Value,
) -> Result<Statement, getrandom::Error> {
    Ok(Statement::new(
        "INSERT INTO audit_log (entry_id, at, institution, login, action, bundle_id, detail)
        VALUES ($1, $2, $3, $4, $5, $6, $7)",
        vec![
            crate::random_hex::<16>()?.into(),
            now_precise().into(),
            institution.into(),
            login.into(),
            action.into(),
            bundle_id.map(str::to_owned).into(),
            detail.to_string().into(),
        ],
    ))
}
