//! Profiles from a table: the bulk CSV a bank or portal exports, one application per row.
//! Columns are named by field path (`business.employees`, `revenue.monthly_minor[11]`), or by
//! the table's own names through a [`ColumnMap`] (`"Staff": "business.employees"`); each row
//! becomes the text fields [`super::text_form`] reads, exactly as the web form's are. The one
//! format `prequal score --csv` scores and `prequal model train` trains on.

use std::collections::BTreeMap;

use serde::Deserialize;

/// How a table's columns map to profile fields (the `--schema` file of `prequal score --csv`,
/// and the `profiles` member of a training schema).
#[derive(Debug, Default, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ColumnMap {
    /// Column → field path; a column not listed is read as the field path it is named.
    #[serde(default)]
    pub columns: BTreeMap<String, String>,
    /// Field path → text used for every row (e.g. `"as_of": "2026-11-01"`).
    #[serde(default)]
    pub fixed: BTreeMap<String, String>,
    /// A column that identifies the row in the output (e.g. an application number).
    #[serde(default)]
    pub id_column: Option<String>,
}

impl ColumnMap {
    /// The field path `column` feeds.
    pub fn path_of<'a>(&'a self, column: &'a str) -> &'a str {
        self.columns.get(column).map_or(column, String::as_str)
    }

    /// One row's text fields keyed by path (the fixed texts, then every cell under its
    /// column's path; a cell wins over a fixed text for the same path), and the row's id.
    pub fn row<'a>(
        &self,
        cells: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> (BTreeMap<String, String>, Option<String>) {
        let mut fields = self.fixed.clone();
        let mut id = None;
        for (column, value) in cells {
            if self.id_column.as_deref() == Some(column) {
                id = Some(value.to_owned());
            }
            fields.insert(self.path_of(column).to_owned(), value.to_owned());
        }
        (fields, id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_row_takes_fixed_texts_and_renamed_columns() {
        let map: ColumnMap = serde_json::from_str(
            r#"{"columns": {"Staff": "business.employees"}, "fixed": {"as_of": "2026-11-01", "business.employees": "9"}, "id_column": "No."}"#,
        )
        .expect("a column map");
        let (fields, id) = map.row([("No.", "A-7"), ("Staff", "3"), ("debts.lenders", "1")]);
        assert_eq!(id.as_deref(), Some("A-7"));
        assert_eq!(fields["business.employees"], "3");
        assert_eq!(fields["as_of"], "2026-11-01");
        assert_eq!(fields["debts.lenders"], "1");
        assert_eq!(map.path_of("Staff"), "business.employees");
        assert_eq!(map.path_of("tax.arrears_minor"), "tax.arrears_minor");
    }

    #[test]
    fn unknown_members_are_refused() {
        assert!(serde_json::from_str::<ColumnMap>(r#"{"column": {}}"#).is_err());
    }
}
