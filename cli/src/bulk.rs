//! `prequal score --csv`: scores many profiles at once, one CSV row each, printing one JSON
//! line per row (valid rows with their assessment, invalid rows with every problem). Rows are
//! read as text exactly like the web form reads them, so the same rules and messages apply.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::ExitCode;

use prequal::assess::Model;
use prequal::profile::columns::ColumnMap;
use prequal::profile::text_form::check_text_fields;

use crate::{read_input, usage, INVALID};

/// Scores every row; exit 0 when all rows are valid, 1 when any is not.
pub fn score_csv(csv_path: &Path, schema_path: Option<&Path>, model: &Model) -> ExitCode {
    let schema: ColumnMap = match schema_path {
        None => ColumnMap::default(),
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
        .map(|column| (schema.path_of(column), column))
        .collect();
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
        let (fields, id) = schema.row(headers.iter().zip(record.iter()));
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
