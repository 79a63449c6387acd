//! Loading a CSV through a [`Schema`] into columns of features and a bad/good target: feature
//! columns mapped by their specs, or merchant profiles (the bulk-CSV format) whose features
//! the core computes.

use std::path::Path;

use prequal::profile::text_form::check_text_fields;
use prequal::scorecard::{Conversion, FeatureValue};

use crate::schema::{parse_number, FeatureSpec, Kind, Schema};

/// One feature column.
#[derive(Debug, Clone)]
pub enum Column {
    /// Numbers.
    Numeric(Vec<f64>),
    /// Category values.
    Categorical(Vec<String>),
}

/// The rows kept, column by column.
#[derive(Debug, Clone)]
pub struct Table {
    /// One column per schema feature, in schema order.
    pub columns: Vec<Column>,
    /// `true` for a bad outcome.
    pub bad: Vec<bool>,
    /// The year of each row, when the schema has a time column.
    pub year: Vec<Option<i32>>,
    /// Rows read and rows left out per reason, for the artifact.
    pub excluded: Vec<(String, u64)>,
    /// The first row that could not be read, and why (for the trainer's report).
    pub first_unreadable: Option<String>,
}

/// Errors reading training data.
#[derive(Debug, thiserror::Error)]
pub enum DataError {
    /// The file could not be read.
    #[error("cannot read {path}: {source}")]
    Read {
        /// The file.
        path: String,
        /// Why.
        source: csv::Error,
    },
    /// A column named in the schema is missing.
    #[error("column `{0}` named in the schema is not in the CSV header")]
    MissingColumn(String),
    /// No row was left to train on.
    #[error("no rows left after exclusions{0}")]
    Empty(String),
}

impl Table {
    /// Rows in the table.
    pub fn len(&self) -> usize {
        self.bad.len()
    }

    /// Whether the table has no rows.
    pub fn is_empty(&self) -> bool {
        self.bad.is_empty()
    }

    /// The rows at `indices`, in that order.
    pub fn select(&self, indices: &[usize]) -> Table {
        let columns = self
            .columns
            .iter()
            .map(|column| match column {
                Column::Numeric(v) => Column::Numeric(indices.iter().map(|&i| v[i]).collect()),
                Column::Categorical(v) => {
                    Column::Categorical(indices.iter().map(|&i| v[i].clone()).collect())
                }
            })
            .collect();
        Table {
            columns,
            bad: indices.iter().map(|&i| self.bad[i]).collect(),
            year: indices.iter().map(|&i| self.year[i]).collect(),
            excluded: Vec::new(),
            first_unreadable: None,
        }
    }
}

/// Reads `path` with `schema`; `conversion` is the artifact's, for a profile feature that
/// needs it (`amount_usd`).
pub fn load(path: &Path, schema: &Schema, conversion: &Conversion) -> Result<Table, DataError> {
    let read_error = |source| DataError::Read {
        path: path.display().to_string(),
        source,
    };
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_path(path)
        .map_err(read_error)?;
    let headers = reader.byte_headers().map_err(read_error)?.clone();
    let index = |name: &str| {
        headers
            .iter()
            .position(|h| h == name.as_bytes())
            .ok_or_else(|| DataError::MissingColumn(name.to_owned()))
    };
    let target = index(&schema.target.column)?;
    let time = schema.time.as_ref().map(|t| index(&t.column)).transpose()?;
    let exclusions = schema
        .exclude
        .iter()
        .map(|e| Ok((index(&e.column)?, e)))
        .collect::<Result<Vec<_>, DataError>>()?;
    let source = match &schema.profiles {
        None => Source::Columns(
            schema
                .features
                .iter()
                .map(|f| Ok((index(f.column.as_deref().unwrap_or_default())?, f)))
                .collect::<Result<Vec<_>, DataError>>()?,
        ),
        Some(map) => Source::Profiles {
            map,
            headers: headers
                .iter()
                .map(|h| String::from_utf8_lossy(h).trim().to_owned())
                .collect(),
            conversion,
        },
    };

    let mut columns: Vec<Column> = schema
        .features
        .iter()
        .map(|f| match f.kind {
            Kind::Numeric => Column::Numeric(Vec::new()),
            Kind::Categorical => Column::Categorical(Vec::new()),
        })
        .collect();
    let mut bad = Vec::new();
    let mut year = Vec::new();
    let mut excluded: Vec<(String, u64)> = schema
        .exclude
        .iter()
        .map(|e| (e.reason.clone(), 0))
        .collect();
    let mut no_outcome = 0u64;
    let mut unreadable = 0u64;
    let mut first_unreadable = None;
    let mut record = csv::ByteRecord::new();
    let mut line = 1u64;
    while reader.read_byte_record(&mut record).map_err(read_error)? {
        line += 1;
        let cell = |i: usize| text_of(&record, i);
        let outcome = cell(target);
        let is_bad = if schema.target.bad.contains(&outcome) {
            true
        } else if schema.target.good.contains(&outcome) {
            false
        } else {
            no_outcome += 1;
            continue;
        };
        if let Some(hit) = exclusions
            .iter()
            .position(|(i, e)| e.values.contains(&cell(*i)))
        {
            excluded[hit].1 += 1;
            continue;
        }
        let values = match source.row(&record, schema) {
            Ok(values) => values,
            Err(why) => {
                unreadable += 1;
                first_unreadable.get_or_insert_with(|| format!("line {line}: {why}"));
                continue;
            }
        };
        for (column, value) in columns.iter_mut().zip(values) {
            match (column, value) {
                (Column::Numeric(v), FeatureValue::Number(x)) => v.push(x),
                (Column::Categorical(v), FeatureValue::Category(c)) => v.push(c),
                _ => unreachable!("column kinds follow the schema, checked against the core"),
            }
        }
        bad.push(is_bad);
        year.push(time.and_then(|i| cell(i).get(..4).and_then(|y| y.parse().ok())));
    }
    excluded.push((
        format!(
            "no {} outcome recorded",
            schema.target.meaning.as_deref().unwrap_or("good or bad")
        ),
        no_outcome,
    ));
    let unreadable_reason = match &schema.profiles {
        None => "a feature value that could not be read",
        Some(_) => "a profile that breaks a rule of the profile format",
    };
    excluded.push((unreadable_reason.into(), unreadable));
    if bad.is_empty() {
        return Err(DataError::Empty(
            first_unreadable.map_or_else(String::new, |first| {
                format!(" (first unreadable row: {first})")
            }),
        ));
    }
    Ok(Table {
        columns,
        bad,
        year,
        excluded,
        first_unreadable,
    })
}

/// Cell `i` of a record, as text with the spaces around it trimmed (empty when missing).
fn text_of(record: &csv::ByteRecord, i: usize) -> String {
    String::from_utf8_lossy(record.get(i).unwrap_or_default())
        .trim()
        .to_owned()
}

/// Where a row's feature values come from.
enum Source<'a> {
    /// One column per feature, mapped by its spec.
    Columns(Vec<(usize, &'a FeatureSpec)>),
    /// A profile per row, its features computed by the core.
    Profiles {
        map: &'a prequal::profile::columns::ColumnMap,
        headers: Vec<String>,
        conversion: &'a Conversion,
    },
}

impl Source<'_> {
    /// The feature values of one row, or why it cannot be read.
    fn row(&self, record: &csv::ByteRecord, schema: &Schema) -> Result<Vec<FeatureValue>, String> {
        let cell = |i: usize| text_of(record, i);
        match self {
            Source::Columns(features) => features
                .iter()
                .map(|(i, spec)| {
                    let raw = cell(*i);
                    match spec.kind {
                        Kind::Numeric => parse_number(&raw, spec.money).map(FeatureValue::Number),
                        Kind::Categorical => spec.category(&raw).map(FeatureValue::Category),
                    }
                    .ok_or_else(|| format!("`{}`: cannot read {raw:?}", spec.name))
                })
                .collect(),
            Source::Profiles {
                map,
                headers,
                conversion,
            } => {
                let cells: Vec<String> = (0..headers.len()).map(cell).collect();
                let (fields, _) = map.row(
                    headers
                        .iter()
                        .map(String::as_str)
                        .zip(cells.iter().map(String::as_str)),
                );
                let profile = check_text_fields(&fields).map_err(|errors| {
                    errors
                        .errors
                        .iter()
                        .take(3)
                        .map(|e| format!("{} ({:?})", e.field, e.rule))
                        .collect::<Vec<_>>()
                        .join("; ")
                })?;
                Ok(schema
                    .features
                    .iter()
                    .map(|spec| {
                        prequal::features::value_of(&spec.name, profile.profile(), conversion)
                            .expect("the schema's features are checked against the core")
                    })
                    .collect())
            }
        }
    }
}
