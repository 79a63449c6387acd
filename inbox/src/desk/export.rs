//! The desk's exports. Applications as CSV — status, result, outcome, and the disclosed fields
//! only while the merchant's consent stands (a revoked bundle's fields are left out) — and the
//! outcomes in the bulk-profile format `prequal model train` reads (`examples/training`), only
//! for bundles whose consent includes model improvement.
//!
//! Values are written as the text form reads them (amounts in yuan, revenue in twelve slots),
//! and a cell that a spreadsheet would run as a formula is quoted with a leading `'`.

use std::collections::BTreeMap;

use prequal::consent::record::Use;
use prequal::profile::text_form;
use serde_json::Value;

use super::records::Listed;

/// The disclosed fields of a payload as text-form cells (`revenue.monthly_minor[0]` … for the
/// monthly list), or none when they cannot be read; with `complete`, the fields withheld too,
/// as the core's neutral stand-ins (the completion the inbox recomputes the score over).
fn text_cells(payload: &Value, complete: bool) -> BTreeMap<String, String> {
    let Some(disclosed) = payload["disclosed"].as_object() else {
        return BTreeMap::new();
    };
    let disclosed: BTreeMap<String, Value> = disclosed.clone().into_iter().collect();
    let Some(as_of) = payload["as_of"].as_str() else {
        return BTreeMap::new();
    };
    let Ok(profile) = prequal::consent::merge_disclosed(&disclosed, as_of) else {
        return BTreeMap::new();
    };
    // The merged profile fills what was withheld with stand-ins: keep only what was disclosed.
    text_form::to_text_fields(profile.profile())
        .into_iter()
        .filter(|(key, _)| {
            let path = key.split('[').next().unwrap_or(key);
            complete || disclosed.contains_key(path)
        })
        .collect()
}

/// Every column a profile can fill, in form order (the revenue list as its twelve slots).
fn field_columns() -> Vec<String> {
    prequal::profile::FIELDS
        .iter()
        .filter(|spec| {
            !matches!(spec.kind, prequal::profile::FieldKind::Fixed(_)) && spec.path != "as_of"
        })
        .flat_map(|spec| {
            if spec.path == "revenue.monthly_minor" {
                (0..prequal::profile::limits::REVENUE_MONTHS)
                    .map(text_form::revenue_slot_key)
                    .collect()
            } else {
                vec![spec.path.to_owned()]
            }
        })
        .collect()
}

/// A cell a spreadsheet will not run as a formula (OWASP's CSV injection advice).
fn inert(text: &str) -> String {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{text}"),
        _ => text.to_owned(),
    }
}

fn consents_to(payload: &Value, purpose: Use) -> bool {
    payload["consent"]["consents"]
        .as_array()
        .is_some_and(|consents| {
            consents
                .iter()
                .any(|given| given["purpose"].as_str() == Some(purpose.name()))
        })
}

/// The applications as CSV (UTF-8 with a byte-order mark, so spreadsheets read the Chinese).
pub fn applications(
    rows: &[Listed],
    outcomes: &BTreeMap<String, String>,
    now: i64,
) -> Result<Vec<u8>, csv::Error> {
    let columns = field_columns();
    let mut out = csv::Writer::from_writer(Vec::from("\u{feff}".as_bytes()));
    let mut header: Vec<String> = [
        "bundle_id",
        "received_at",
        "status",
        "revoked_at",
        "purpose",
        "products",
        "grade",
        "score",
        "probability_of_default_ppm",
        "outcome",
        "consent_expires_at",
        "fields",
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect();
    header.extend(columns.iter().cloned());
    out.write_record(&header)?;
    for row in rows {
        let payload = &row.payload;
        let revoked = row.revoked_at.is_some();
        let cells = if revoked {
            BTreeMap::new()
        } else {
            text_cells(payload, false)
        };
        let expires = payload["expires_at"].as_str().unwrap_or_default();
        let mut record = vec![
            row.bundle_id.clone(),
            row.received_at.clone(),
            row.standing().to_owned(),
            row.revoked_at.clone().unwrap_or_default(),
            payload["purpose"].as_str().unwrap_or_default().to_owned(),
            row.products.join(" "),
            row.grade.clone(),
            payload["result"]["score"].to_string(),
            payload["result"]["probability_of_default_ppm"].to_string(),
            outcomes.get(&row.bundle_id).cloned().unwrap_or_default(),
            expires.to_owned(),
            if revoked {
                "withheld: consent revoked".to_owned()
            } else if prequal::consent::parse_rfc3339(expires).is_some_and(|at| at < now) {
                "disclosed (consent period over)".to_owned()
            } else {
                "disclosed".to_owned()
            },
        ];
        record.extend(
            columns
                .iter()
                .map(|column| cells.get(column).map(|v| inert(v)).unwrap_or_default()),
        );
        out.write_record(&record)?;
    }
    out.into_inner()
        .map_err(|e| csv::Error::from(e.into_error()))
}

/// The outcomes for training: one row per bundle with a recorded outcome whose merchant
/// consented to model improvement and did not revoke; columns `application`, `schema`,
/// `currency`, `as_of`, every field, `withheld`, `outcome`. The trainer reads whole profiles,
/// so a field the merchant withheld holds the core's neutral stand-in and is named in
/// `withheld` (space-separated paths): a feature that reads one learns nothing true from that
/// row (`docs/desk.md`). The rows written are counted.
pub fn training(
    rows: &[Listed],
    outcomes: &BTreeMap<String, String>,
) -> Result<(Vec<u8>, usize), csv::Error> {
    let columns = field_columns();
    let mut out = csv::Writer::from_writer(Vec::new());
    let mut header: Vec<String> = ["application", "schema", "currency", "as_of"]
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
    header.extend(columns.iter().cloned());
    header.push("withheld".into());
    header.push("outcome".into());
    out.write_record(&header)?;
    let mut count = 0;
    for row in rows {
        let Some(outcome) = outcomes.get(&row.bundle_id) else {
            continue;
        };
        if row.revoked_at.is_some() || !consents_to(&row.payload, Use::ModelImprovement) {
            continue;
        }
        let cells = text_cells(&row.payload, true);
        let disclosed = row.payload["disclosed"].as_object();
        let withheld: Vec<&str> = prequal::profile::FIELDS
            .iter()
            .filter(|spec| {
                !matches!(spec.kind, prequal::profile::FieldKind::Fixed(_)) && spec.path != "as_of"
            })
            .map(|spec| spec.path)
            .filter(|path| !disclosed.is_some_and(|d| d.contains_key(*path)))
            .collect();
        let mut record = vec![
            row.bundle_id.clone(),
            prequal::profile::SCHEMA.to_owned(),
            "CNY".to_owned(),
            row.payload["as_of"].as_str().unwrap_or_default().to_owned(),
        ];
        record.extend(
            columns
                .iter()
                .map(|column| cells.get(column).map(|v| inert(v)).unwrap_or_default()),
        );
        record.push(withheld.join(" "));
        record.push(outcome.clone());
        out.write_record(&record)?;
        count += 1;
    }
    let bytes = out
        .into_inner()
        .map_err(|e| csv::Error::from(e.into_error()))?;
    Ok((bytes, count))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_made_inert() {
        assert_eq!(inert("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(inert("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(inert("杭州西湖面馆"), "杭州西湖面馆");
        assert_eq!(inert("500000.00"), "500000.00");
    }

    #[test]
    fn every_profile_field_has_a_column() {
        let columns = field_columns();
        assert!(columns.contains(&"business.name".to_owned()));
        assert!(columns.contains(&"revenue.monthly_minor[11]".to_owned()));
        assert!(!columns.contains(&"revenue.monthly_minor".to_owned()));
        assert!(!columns.contains(&"schema".to_owned()));
    }
}
