//! Loading a CSV through a [`Schema`] into columns of features and a bad/good target.

use std::path::Path;

use crate::schema::{parse_number, Kind, Schema};

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
    #[error("no rows left after exclusions")]
    Empty,
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
        }
    }
}

/// Reads `path` with `schema`.
pub fn load(path: &Path, schema: &Schema) -> Result<Table, DataError> {
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
    let features = schema
        .features
        .iter()
        .map(|f| Ok((index(&f.column)?, f)))
        .collect::<Result<Vec<_>, DataError>>()?;

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
    let mut record = csv::ByteRecord::new();
    while reader.read_byte_record(&mut record).map_err(read_error)? {
        let cell = |i: usize| {
            String::from_utf8_lossy(record.get(i).unwrap_or_default())
                .trim()
                .to_owned()
        };
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
        let mut values = Vec::with_capacity(features.len());
        for (i, spec) in &features {
            let raw = cell(*i);
            let value = match spec.kind {
                Kind::Numeric => parse_number(&raw, spec.money).map(Value::Number),
                Kind::Categorical => spec.category(&raw).map(Value::Category),
            };
            match value {
                Some(v) => values.push(v),
                None => break,
            }
        }
        if values.len() != features.len() {
            unreadable += 1;
            continue;
        }
        for (column, value) in columns.iter_mut().zip(values) {
            match (column, value) {
                (Column::Numeric(v), Value::Number(x)) => v.push(x),
                (Column::Categorical(v), Value::Category(c)) => v.push(c),
                _ => unreachable!("column kinds follow the schema"),
            }
        }
        bad.push(is_bad);
        year.push(time.and_then(|i| cell(i).get(..4).and_then(|y| y.parse().ok())));
    }
    excluded.push((
        "no paid-in-full or charged-off outcome recorded".into(),
        no_outcome,
    ));
    excluded.push(("a feature value that could not be read".into(), unreadable));
    if bad.is_empty() {
        return Err(DataError::Empty);
    }
    Ok(Table {
        columns,
        bad,
        year,
        excluded,
    })
}

enum Value {
    Number(f64),
    Category(String),
}
