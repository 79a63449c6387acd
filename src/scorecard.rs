//! The scorecard artifact (`models/scorecard.json`): what the trainer writes and the scorer
//! reads. It is a versioned data format, not a Rust type dump, so a bank's verifier in another
//! language can read it too.
//!
//! A scorecard is a set of *characteristics* (one per model feature), each split into *bins*
//! with the points a merchant gets for falling in that bin. The sum of points is the score;
//! a Platt calibration turns the score into a probability of default (PD); PD bands give the
//! grade. A scorecard may also hold *interactions*: a table of points for each pair of bins of
//! two characteristics (an explainable boosting machine's pair terms), so the score stays a sum
//! of table lookups. Everything a reason or a what-if needs (bin labels, counts, bad rates, the
//! maximum points of each characteristic) is in the artifact, so the core needs nothing else.

use serde::{Deserialize, Serialize};
use std::fmt;

/// The artifact format this version writes.
pub const FORMAT: &str = "prequal.scorecard/2";

/// Every format this version reads: `/1` is `/2` without interactions, learner or within-year
/// figures.
pub const FORMATS: [&str; 2] = ["prequal.scorecard/1", FORMAT];

/// Text in the two languages the app speaks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Label {
    /// English.
    pub en: String,
    /// Simplified Chinese.
    pub zh: String,
}

/// The whole artifact.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scorecard {
    /// [`FORMAT`].
    pub format: String,
    /// Human-readable model name and version, e.g. `sba7a-merchant-2026.11`.
    pub name: String,
    /// Where the model came from.
    pub training: Training,
    /// How log-odds become points.
    pub scaling: Scaling,
    /// One entry per feature.
    pub characteristics: Vec<Characteristic>,
    /// Points for pairs of characteristics' bins, added to the characteristics' own.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub interactions: Vec<Interaction>,
    /// Score → probability of default.
    pub calibration: Calibration,
    /// Grades, best first, by the highest PD each admits.
    pub grades: Vec<GradeBand>,
    /// Conversions from the profile's units to the training data's.
    pub conversion: Conversion,
    /// Policy overlays: documented rules, separate from the statistical model, that cap or
    /// lower the grade on facts the training data does not hold.
    #[serde(default)]
    pub overlays: Vec<Overlay>,
    /// Evaluation figures, as printed by the trainer and shown in the model card.
    pub metrics: Metrics,
}

/// Provenance of the training data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Training {
    /// The data set and where it is published.
    pub source: String,
    /// SHA-256 of the training file, hex.
    pub data_sha256: String,
    /// Rows used for training (after exclusions).
    pub rows: u64,
    /// Share of bad outcomes in those rows.
    pub bad_rate: f64,
    /// Seed of every random choice (splits, folds).
    pub seed: u64,
    /// The learner and its settings, in one line (empty in `/1` artifacts: WoE + logistic).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub learner: String,
    /// The L2 strength of the logistic regression, chosen by cross-validation (logistic only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub l2_alpha: Option<f64>,
    /// Whether the features were computed by the core from profiles (the bulk-profile CSV of
    /// `prequal model train`) rather than read from the data's own columns, as for the SBA
    /// model; the model card's limits follow it.
    #[serde(default, skip_serializing_if = "is_false")]
    pub from_profiles: bool,
    /// What was left out and why, in one line each.
    pub notes: Vec<String>,
}

fn is_false(flag: &bool) -> bool {
    !flag
}

/// Points scaling: `score = offset + factor × ln(odds of good)`, with
/// `factor = pdo / ln 2` and `offset = base_score − factor × ln(base_odds)`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scaling {
    /// The score at `base_odds`.
    pub base_score: f64,
    /// Odds of good to bad at `base_score`.
    pub base_odds: f64,
    /// Points to double the odds.
    pub pdo: f64,
}

impl Scaling {
    /// `(factor, offset)`: `factor = pdo / ln 2`, `offset = base_score − factor × ln(base_odds)`.
    pub fn factor_and_offset(&self) -> (f64, f64) {
        let factor = self.pdo / core::f64::consts::LN_2;
        (factor, self.base_score - factor * libm::log(self.base_odds))
    }
}

/// Whether a numeric characteristic's risk only rises or only falls with the value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Monotone {
    /// Higher values never get fewer points.
    Increasing,
    /// Higher values never get more points.
    Decreasing,
}

/// One model feature and its bins.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Characteristic {
    /// Feature name, as produced by [`crate::features`].
    pub feature: String,
    /// What the merchant sees.
    pub label: Label,
    /// Unit of a numeric feature (e.g. `USD`, `people`), empty for categories.
    #[serde(default)]
    pub unit: String,
    /// Monotone direction of points, for numeric features binned monotonically.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub monotone: Option<Monotone>,
    /// Whether the merchant can change it (what-if analysis varies only these).
    pub actionable: bool,
    /// The bins; for numbers, in increasing order, covering every value.
    pub bins: Vec<Bin>,
}

/// One bin of a characteristic. (Not `deny_unknown_fields`: serde cannot combine it with the
/// flattened condition.)
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Bin {
    /// Which values fall in it.
    #[serde(flatten)]
    pub condition: Condition,
    /// Label for reasons and what-if ("5 to 9 employees").
    pub label: Label,
    /// Points for falling in this bin (rounded to whole points).
    pub points: i32,
    /// Weight of evidence, ln(share of goods / share of bads), for the record.
    pub woe: f64,
    /// Training rows in the bin.
    pub count: u64,
    /// Bad rate of those rows.
    pub bad_rate: f64,
}

/// Points for every pair of bins of two characteristics: an interaction the characteristics'
/// own points cannot express (a loan amount that is safer in one industry than in another).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Interaction {
    /// The two characteristics, by position in [`Scorecard::characteristics`], the first lower.
    pub characteristics: [usize; 2],
    /// `points[i][j]`: points for bin `i` of the first and bin `j` of the second.
    pub points: Vec<Vec<i32>>,
}

impl Interaction {
    /// Points for a pair of bins (0 outside the table, which `Model` refuses on load).
    pub fn points_of(&self, first: usize, second: usize) -> i32 {
        self.points
            .get(first)
            .and_then(|row| row.get(second))
            .copied()
            .unwrap_or(0)
    }

    /// How a cell's points are attributed to its two characteristics: the first takes the
    /// larger half, so the two shares always add up to the cell.
    pub fn shares(points: i32) -> [i32; 2] {
        let second = points / 2;
        [points - second, second]
    }
}

/// Which values a bin holds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Condition {
    /// `lower ≤ x < upper`; a missing bound is unbounded.
    Range {
        /// Inclusive lower bound.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        lower: Option<f64>,
        /// Exclusive upper bound.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        upper: Option<f64>,
    },
    /// Any of these category values.
    Categories {
        /// The values.
        values: Vec<String>,
    },
    /// Every category not listed in another bin (rare or unseen in training).
    Other,
}

/// Platt calibration: `logit(PD) = intercept + slope × score`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Calibration {
    /// Intercept.
    pub intercept: f64,
    /// Slope (negative: higher scores are safer).
    pub slope: f64,
}

/// A risk grade, `A` (best) to `G`, as the scorecard assigns them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Grade {
    /// Best.
    A,
    /// Second best.
    B,
    /// Third.
    C,
    /// Fourth.
    D,
    /// Fifth.
    E,
    /// Sixth.
    F,
    /// Worst.
    G,
}

impl Grade {
    /// Every grade, best first.
    pub const ALL: [Grade; 7] = [
        Grade::A,
        Grade::B,
        Grade::C,
        Grade::D,
        Grade::E,
        Grade::F,
        Grade::G,
    ];

    /// The grade named by a letter (`"C"`), as the scorecard writes it.
    pub fn from_name(name: &str) -> Option<Grade> {
        Grade::ALL.into_iter().find(|grade| grade.name() == name)
    }

    /// The letter.
    pub fn name(self) -> &'static str {
        ["A", "B", "C", "D", "E", "F", "G"][self as usize]
    }
}

impl fmt::Display for Grade {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A grade and the PDs it admits.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GradeBand {
    /// `A` (best) to `G`.
    pub grade: String,
    /// The highest PD in this grade (the last band is 1.0).
    pub max_pd: f64,
}

/// A policy rule on the profile's alternative data. Not statistically estimated: the artifact,
/// the model card and every screen label it as policy.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Overlay {
    /// Stable id, e.g. `tax-arrears`.
    pub id: String,
    /// When it applies.
    pub when: OverlayCondition,
    /// What it does to the grade.
    pub effect: OverlayEffect,
    /// The reason shown to the merchant.
    pub reason: Label,
    /// Why the rule exists (the lending practice it follows).
    pub basis: String,
}

/// Facts of the profile an overlay can test.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "fact", rename_all = "snake_case")]
pub enum OverlayCondition {
    /// Tax overdue now.
    TaxArrears,
    /// Taxpayer credit rating is one of these (`A` … `D`, `M`, `unrated`).
    TaxRating {
        /// The ratings.
        ratings: Vec<String>,
    },
    /// At least this many late power bills in the last 12 months.
    LatePowerBills {
        /// The threshold.
        at_least: i64,
    },
    /// Power bills overdue now.
    PowerArrears,
    /// Social-insurance contributions overdue now.
    SocialInsuranceArrears,
    /// At least this many unsatisfied court judgements.
    UnsatisfiedJudgements {
        /// The threshold.
        at_least: i64,
    },
    /// On a public credit black list.
    BlackList,
}

/// What an overlay does to the grade.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "effect", rename_all = "snake_case")]
pub enum OverlayEffect {
    /// The grade is at best this one.
    CapAt {
        /// The best grade allowed.
        grade: String,
    },
    /// The grade moves this many grades worse (not past the last).
    LowerBy {
        /// How many grades.
        grades: u8,
    },
}

/// Unit conversions between the profile and the training data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Conversion {
    /// Yuan per US dollar, to express a CNY loan request in the training data's USD.
    pub cny_per_usd: f64,
}

/// Evaluation figures of one model on one holdout.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Evaluation {
    /// Which holdout.
    pub holdout: String,
    /// Rows in it.
    pub rows: u64,
    /// Area under the ROC curve (Mann–Whitney).
    pub auc: f64,
    /// Kolmogorov–Smirnov statistic.
    pub ks: f64,
    /// Brier score of the calibrated PD.
    pub brier: f64,
    /// AUC of the one-hot logistic regression baseline on the same split.
    pub baseline_auc: f64,
    /// AUC counting only pairs of loans approved in the same year: what the model ranks apart
    /// from the drift between vintages.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub within_year_auc: Option<f64>,
    /// Per grade: rows, mean predicted PD, observed bad rate.
    pub by_grade: Vec<GradeRow>,
}

/// One row of a calibration table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GradeRow {
    /// The grade.
    pub grade: String,
    /// Rows in the grade.
    pub count: u64,
    /// Mean calibrated PD.
    pub mean_pd: f64,
    /// Observed bad rate.
    pub bad_rate: f64,
}

/// The figures the model card shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Metrics {
    /// The stratified random holdout and the out-of-time holdout.
    pub evaluations: Vec<Evaluation>,
    /// The other learners trained on the same rows and splits, for comparison.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub compared: Vec<Compared>,
    /// For each grade, the range its PD is likely to be in (bootstrap of the holdout).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pd_ranges: Vec<PdRange>,
}

/// Another learner's figures on the same splits.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Compared {
    /// The learner and its settings, in one line.
    pub learner: String,
    /// Its evaluations, in the same order as [`Metrics::evaluations`].
    pub evaluations: Vec<Evaluation>,
}

/// Where a grade's probability of default is likely to lie: the 5th and 95th percentiles of
/// the grade's observed bad rate over bootstrap resamples of the random holdout.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PdRange {
    /// The grade.
    pub grade: String,
    /// Lower end.
    pub low: f64,
    /// Upper end.
    pub high: f64,
}

/// A feature's value for one merchant (or one training row).
#[derive(Debug, Clone, PartialEq)]
pub enum FeatureValue {
    /// A number in the characteristic's unit.
    Number(f64),
    /// A category value.
    Category(String),
}

impl Condition {
    /// Whether `value` falls in this bin. [`Condition::Other`] matches nothing by itself: it
    /// is the fallback when no other bin of the characteristic matches.
    pub fn matches(&self, value: &FeatureValue) -> bool {
        match (self, value) {
            (Condition::Range { lower, upper }, FeatureValue::Number(x)) => {
                lower.is_none_or(|l| *x >= l) && upper.is_none_or(|u| *x < u)
            }
            (Condition::Categories { values }, FeatureValue::Category(c)) => values.contains(c),
            _ => false,
        }
    }
}

/// The bin a value falls in, given the bins' conditions in order: the first that matches, else
/// the `Other` bin. The one rule the trainer bins with and the scorer scores with.
pub fn find_bin<'a, I>(conditions: I, value: &FeatureValue) -> Option<usize>
where
    I: IntoIterator<Item = &'a Condition>,
    I::IntoIter: Clone,
{
    let conditions = conditions.into_iter();
    conditions
        .clone()
        .position(|condition| condition.matches(value))
        .or_else(|| conditions.clone().position(|c| *c == Condition::Other))
}

impl Characteristic {
    /// The index of the bin `value` falls in (see [`find_bin`]).
    pub fn bin_index(&self, value: &FeatureValue) -> Option<usize> {
        find_bin(self.bins.iter().map(|bin| &bin.condition), value)
    }
}

impl Scorecard {
    /// The bin of each characteristic's value, in characteristic order. A value that fits no
    /// bin (possible only in an artifact that failed validation) counts as the first bin.
    pub fn bins_of(&self, values: &[FeatureValue]) -> Vec<usize> {
        self.characteristics
            .iter()
            .zip(values)
            .map(|(characteristic, value)| characteristic.bin_index(value).unwrap_or(0))
            .collect()
    }

    /// The score of one set of feature values (one per characteristic, in order).
    pub fn score_of(&self, values: &[FeatureValue]) -> i32 {
        self.score_of_bins(&self.bins_of(values))
    }

    /// The score for the given bin of each characteristic: their points plus every
    /// interaction's.
    pub fn score_of_bins(&self, bins: &[usize]) -> i32 {
        let own: i32 = self
            .characteristics
            .iter()
            .zip(bins)
            .map(|(characteristic, &bin)| characteristic.bins.get(bin).map_or(0, |b| b.points))
            .sum();
        let pairs: i32 = self
            .interactions
            .iter()
            .map(|pair| {
                let [a, b] = pair.characteristics;
                match (bins.get(a), bins.get(b)) {
                    (Some(&i), Some(&j)) => pair.points_of(i, j),
                    _ => 0,
                }
            })
            .sum();
        own + pairs
    }

    /// The points characteristic `index` accounts for in bin `bin` while the others stay in
    /// `bins`: its own points plus its share ([`Interaction::shares`]) of every interaction it
    /// is in. Summed over the characteristics, the shares give the score.
    pub fn points_in(&self, index: usize, bin: usize, bins: &[usize]) -> i32 {
        let own = self.characteristics[index]
            .bins
            .get(bin)
            .map_or(0, |b| b.points);
        let shared: i32 = self
            .interactions
            .iter()
            .filter_map(|pair| {
                let side = pair.characteristics.iter().position(|&c| c == index)?;
                let mut cell = [0, 0];
                for (k, &c) in pair.characteristics.iter().enumerate() {
                    cell[k] = if k == side { bin } else { *bins.get(c)? };
                }
                Some(Interaction::shares(pair.points_of(cell[0], cell[1]))[side])
            })
            .sum();
        own + shared
    }

    /// Calibrated probability of default for a score. Uses `libm` so the result is the same
    /// bits on every platform, wasm included.
    pub fn probability_of_default(&self, score: i32) -> f64 {
        let logit = self.calibration.intercept + self.calibration.slope * f64::from(score);
        1.0 / (1.0 + libm::exp(-logit))
    }

    /// The grade whose band holds `pd` (the last band when none does; G when a band is not
    /// named by a grade letter, which `Model` refuses on load).
    pub fn grade_of(&self, pd: f64) -> Grade {
        self.grades
            .iter()
            .find(|band| pd <= band.max_pd)
            .or(self.grades.last())
            .and_then(|band| Grade::from_name(&band.grade))
            .unwrap_or(Grade::G)
    }
}
