//! `prequal score --csv`: scores many profiles at once, one CSV row each, printing one JSON
//! line per row (valid rows with their assessment, invalid rows with every problem). Rows are
//! read as text exactly like the web form reads them, so the same rules and messages apply.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::ExitCode;

use prequal::assess::Model;
use prequal::profile::text_form::check_text_fields;
use serde::Deserialize;

use crate::{read_input, usage, INVALID};

/// Maps a CSV's own column names to profile field paths.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ColumnSchema {
    /// CSV column → field path (e.g. `"Staff": "business.employees"`).
    #[serde(default)]
    columns: BTreeMap<String, String>,
    /// Field path → text used for every row (e.g. `"as_of": "2026-11-01"`).
    #[serde(default)]
    fixed: BTreeMap<String, String>,
    /// A column that identifies the row in the output (e.g. an application number).
    #[serde(default)]
    id_column: Option<String>,
}

/// Scores every row; exit 0 when all rows are valid, 1 when any is not.
pub fn score_csv(csv_path: &Path, schema_path: Option<&Path>) -> ExitCode {
    let schema: ColumnSchema = match schema_path {
        None => ColumnSchema::default(),
        Some(path) => match read_input(path).map(|text| serde_json::from_str(&text)) {
            Ok(Ok(schema)) => schema,
            Ok(Err(e)) => return usage(format!("{}: {e}", path.display())),
            Err(message) => return usage(message),
        },
    };
    let text = match read_input(csv_path) {
        Ok(text) => text,
        Err(message) => return usage(message),
    };
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers = match reader.headers() {
        Ok(headers) => headers.clone(),
        Err(e) => return usage(format!("{}: {e}", csv_path.display())),
    };
    let column_of: BTreeMap<&str, &str> = headers
        .iter()
        .map(|column| {
            let path = schema.columns.get(column).map_or(column, String::as_str);
            (path, column)
        })
        .collect();
    let model = Model::shipped();
    let mut invalid_rows = 0usize;
    for (index, record) in reader.records().enumerate() {
        // Line 1 is the header.
        let row = index + 2;
        let record = match record {
            Ok(record) => record,
            Err(e) => {
                invalid_rows += 1;
                out!(
                    "{}",
                    serde_json::json!({ "row": row, "valid": false, "error": e.to_string() })
                );
                continue;
            }
        };
        let mut fields = schema.fixed.clone();
        let mut id = None;
        for (column, value) in headers.iter().zip(record.iter()) {
            if schema.id_column.as_deref() == Some(column) {
                id = Some(value.to_owned());
            }
            let path = schema.columns.get(column).map_or(column, String::as_str);
            fields.insert(path.to_owned(), value.to_owned());
        }
        let line = match check_text_fields(&fields) {
            Ok(valid) => {
                let a = model.assess(&valid);
                serde_json::json!({
                    "row": row, "id": id, "valid": true, "model_id": a.model_id, "score": a.score,
                    "probability_of_default": a.probability_of_default,
                    "statistical_grade": a.statistical_grade, "grade": a.grade,
                    "overlays": a.overlays.iter().map(|o| &o.id).collect::<Vec<_>>(),
                    "reasons": a.reasons.iter().map(|r| &r.feature).collect::<Vec<_>>(),
                })
            }
            Err(errors) => {
                invalid_rows += 1;
                // Name the bank's own column beside the field path it fed.
                let errors: Vec<serde_json::Value> = errors
                    .errors
                    .iter()
                    .map(|error| {
                        let mut json = serde_json::json!(error);
                        if let Some(column) = column_of.get(error.field.as_str()) {
                            json["column"] = serde_json::json!(column);
                        }
                        json
                    })
                    .collect();
                serde_json::json!({ "row": row, "id": id, "valid": false, "errors": errors })
            }
        };
        out!("{line}");
    }
    if invalid_rows == 0 {
        ExitCode::SUCCESS
    } else {
        eprintln!("prequal: {invalid_rows} row(s) invalid");
        ExitCode::from(INVALID)
    }
}
