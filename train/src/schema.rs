//! The training schema: which CSV columns become which features, how raw values are mapped,
//! which rows are left out, and what counts as a bad outcome. A portal operator retrains on its
//! own outcomes by writing one of these for its own CSV (see `docs/models.md`).
//!
//! Two kinds of data are read:
//! - **columns** (the SBA model): each feature is one column of the CSV, mapped by its spec
//!   (`column`, `prefix`, `map`, `at_least`, …);
//! - **profiles** (the `profiles` member is present): each row is a merchant profile in the
//!   bulk-CSV format of `prequal score --csv`, read and checked by the core exactly as the web
//!   form reads it, and each feature is the core's own (`prequal::features::LIBRARY`), computed
//!   from the profile exactly as it will be when the model scores a merchant. Only the outcome,
//!   time and exclusion columns are read as raw columns.

use std::collections::BTreeMap;

use prequal::features::{self, Kind as LibraryKind};
use prequal::profile::columns::ColumnMap;
use prequal::scorecard::Label;
use serde::Deserialize;

/// A whole schema file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Schema {
    /// Model name written into the artifact.
    pub name: String,
    /// Description of the data and where it is published.
    pub source: String,
    /// Present when each row is a merchant profile (bulk-CSV format): how the CSV's columns
    /// map to profile fields (`{}` when they are named by field path already).
    #[serde(default)]
    pub profiles: Option<ColumnMap>,
    /// The outcome.
    pub target: Target,
    /// Optional time column for the out-of-time evaluation.
    #[serde(default)]
    pub time: Option<TimeSplit>,
    /// Rows to leave out, with the reason recorded in the artifact.
    #[serde(default)]
    pub exclude: Vec<Exclusion>,
    /// The features, in artifact order.
    pub features: Vec<FeatureSpec>,
    /// Features deliberately not used, each with the reason (shown in the model card).
    #[serde(default)]
    pub removed: Vec<Removed>,
    /// Policy overlays copied into the artifact unchanged (rules, not learned).
    #[serde(default)]
    pub overlays: Vec<prequal::scorecard::Overlay>,
}

/// A feature left out of the model on purpose.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Removed {
    /// The feature's name.
    pub name: String,
    /// Why, with the figures that show it.
    pub reason: String,
}

/// The outcome column.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Target {
    /// Column name.
    pub column: String,
    /// Values that mean a bad outcome (default, charge-off).
    pub bad: Vec<String>,
    /// Values that mean a good outcome; rows with any other value are left out.
    pub good: Vec<String>,
    /// The two outcomes in words, for the note on rows with neither (e.g. `paid-in-full or
    /// charged-off`; default `good or bad`).
    #[serde(default)]
    pub meaning: Option<String>,
}

/// Out-of-time split by a year column.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TimeSplit {
    /// Column holding a year (its first four characters are read).
    pub column: String,
    /// Train on years up to and including this one.
    pub train_until: i32,
    /// Test on years from this one …
    pub test_from: i32,
    /// … up to and including this one.
    pub test_until: i32,
}

/// Rows to leave out.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Exclusion {
    /// Column to look at.
    pub column: String,
    /// Raw values (trimmed) that exclude a row.
    pub values: Vec<String>,
    /// Why, for the artifact and the model card.
    pub reason: String,
}

/// How a column becomes a feature.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FeatureSpec {
    /// Feature name; for the shipped model it must be one the core computes from a profile.
    pub name: String,
    /// Source column (column data only; a profile feature is computed by the core).
    #[serde(default)]
    pub column: Option<String>,
    /// Categorical or numeric.
    pub kind: Kind,
    /// Label shown to merchants.
    pub label: Label,
    /// Unit of a numeric feature.
    #[serde(default)]
    pub unit: String,
    /// Bin numeric values so that risk moves one way only.
    #[serde(default)]
    pub monotone: bool,
    /// For a `monotone` feature, whether its pair tables may bend it: `false` (the default)
    /// keeps its total effect monotone for every value of the feature it is paired with;
    /// `true` constrains only its own shape, for a direction that holds on average but not in
    /// every group (say why in `derivation`).
    #[serde(default)]
    pub free_in_pairs: bool,
    /// Whether the merchant can change it (what-if varies only these).
    #[serde(default)]
    pub actionable: bool,
    /// Keep only the first N characters of the raw value (e.g. a NAICS sector from a code).
    #[serde(default)]
    pub prefix: Option<usize>,
    /// Parse `$60,000.00`-style money.
    #[serde(default)]
    pub money: bool,
    /// Turn a number into `yes` when at least this, else `no`.
    #[serde(default)]
    pub at_least: Option<f64>,
    /// Raw value → category.
    #[serde(default)]
    pub map: BTreeMap<String, String>,
    /// Category for raw values not in `map` (otherwise the raw value itself).
    #[serde(default)]
    pub default: Option<String>,
    /// Labels of category values, for reasons and what-if.
    #[serde(default)]
    pub category_labels: BTreeMap<String, Label>,
    /// How the feature was derived, when that is not obvious (recorded in the model card).
    #[serde(default)]
    pub derivation: Option<String>,
    /// Why the feature's points may run against its observed bad rates (training refuses a
    /// model whose points do, unless this explains it; the model card shows it).
    #[serde(default)]
    pub order_note: Option<String>,
}

/// Feature kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// Discrete values.
    Categorical,
    /// A number.
    Numeric,
}

/// A schema that cannot be trained on, naming the feature and the rule.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SchemaError {
    /// Column data needs each feature's column.
    #[error("feature `{0}`: `column` is required (the CSV column it is read from)")]
    NoColumn(String),
    /// A feature of profile data must be one the core computes.
    #[error("feature `{name}`: not a feature the core computes from a profile; known: {known}")]
    UnknownFeature {
        /// The name in the schema.
        name: String,
        /// Every name the core knows.
        known: String,
    },
    /// The schema's kind disagrees with the core's feature.
    #[error("feature `{name}`: the core computes it as a {actual}, not a {declared}")]
    KindDiffers {
        /// The feature.
        name: String,
        /// The schema's kind.
        declared: &'static str,
        /// The core's.
        actual: &'static str,
    },
    /// Column mapping options have no meaning for a feature the core computes.
    #[error("feature `{name}`: `{option}` applies to column data only; the core computes this feature from the profile")]
    ColumnOption {
        /// The feature.
        name: String,
        /// The option.
        option: &'static str,
    },
    /// Two features with one name.
    #[error("feature `{0}` is listed twice")]
    Twice(String),
    /// Nothing to train on.
    #[error("`features` is empty")]
    NoFeatures,
}

impl Schema {
    /// Checks what serde cannot: every feature readable from the kind of data declared.
    pub fn check(&self) -> Result<(), SchemaError> {
        if self.features.is_empty() {
            return Err(SchemaError::NoFeatures);
        }
        for (i, spec) in self.features.iter().enumerate() {
            if self.features[..i].iter().any(|f| f.name == spec.name) {
                return Err(SchemaError::Twice(spec.name.clone()));
            }
            if self.profiles.is_none() {
                if spec.column.is_none() {
                    return Err(SchemaError::NoColumn(spec.name.clone()));
                }
                continue;
            }
            let Some(feature) = features::find(&spec.name) else {
                return Err(SchemaError::UnknownFeature {
                    name: spec.name.clone(),
                    known: features::LIBRARY
                        .iter()
                        .map(|f| f.name)
                        .collect::<Vec<_>>()
                        .join(", "),
                });
            };
            let name = |kind| match kind {
                Kind::Numeric => "number",
                Kind::Categorical => "category",
            };
            let actual = match feature.kind {
                LibraryKind::Numeric => Kind::Numeric,
                LibraryKind::Categorical => Kind::Categorical,
            };
            if actual != spec.kind {
                return Err(SchemaError::KindDiffers {
                    name: spec.name.clone(),
                    declared: name(spec.kind),
                    actual: name(actual),
                });
            }
            let column_only = [
                ("column", spec.column.is_some()),
                ("prefix", spec.prefix.is_some()),
                ("money", spec.money),
                ("at_least", spec.at_least.is_some()),
                ("map", !spec.map.is_empty()),
                ("default", spec.default.is_some()),
            ];
            if let Some((option, _)) = column_only.iter().find(|(_, set)| *set) {
                return Err(SchemaError::ColumnOption {
                    name: spec.name.clone(),
                    option,
                });
            }
        }
        Ok(())
    }
}

impl FeatureSpec {
    /// The derivation note for the model card, if any.
    pub fn note(&self) -> Option<String> {
        self.derivation
            .as_ref()
            .map(|d| format!("`{}`: {d}", self.name))
    }

    /// The categorical value of a raw cell.
    pub fn category(&self, raw: &str) -> Option<String> {
        let mut value = raw.trim().to_owned();
        if let Some(threshold) = self.at_least {
            let number = parse_number(&value, self.money)?;
            return Some(if number >= threshold { "yes" } else { "no" }.to_owned());
        }
        if let Some(n) = self.prefix {
            value = value.chars().take(n).collect();
        }
        Some(match self.map.get(&value) {
            Some(mapped) => mapped.clone(),
            None => self.default.clone().unwrap_or(value),
        })
    }
}

/// Parses a number, optionally money formatted (`"$60,000.00 "`).
pub fn parse_number(raw: &str, money: bool) -> Option<f64> {
    let cleaned: String = if money {
        raw.chars()
            .filter(|c| !matches!(c, '$' | ',' | ' '))
            .collect()
    } else {
        raw.trim().to_owned()
    };
    cleaned.parse::<f64>().ok().filter(|x| x.is_finite())
}
