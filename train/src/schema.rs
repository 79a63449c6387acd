//! The training schema: which CSV columns become which features, how raw values are mapped,
//! which rows are left out, and what counts as a bad outcome. A portal operator retrains on its
//! own outcomes by writing one of these for its own CSV (see `models/README.md`).

use std::collections::BTreeMap;

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
    /// Source column.
    pub column: String,
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
