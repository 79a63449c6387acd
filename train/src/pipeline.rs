//! The training pipeline: split, bin, choose the L2 strength by cross-validation, fit, scale to
//! points, calibrate, grade, evaluate against a one-hot baseline. Deterministic: the same data,
//! schema and seed give a byte-identical artifact.

use prequal::scorecard::{
    Bin, Calibration, Characteristic, Conversion, Evaluation, FeatureValue, GradeBand, GradeRow,
    Metrics, Monotone, Scaling, Scorecard, Training, FORMAT,
};
use rand::seq::SliceRandom;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

use crate::binning::{self, Binning};
use crate::data::{Column, Table};
use crate::logistic::{self, FitError, Model};
use crate::metrics;
use crate::schema::Schema;

/// Settings that are not learned from data.
#[derive(Debug, Clone)]
pub struct Options {
    /// Seed for splits and folds.
    pub seed: u64,
    /// Points scaling.
    pub scaling: Scaling,
    /// Grade bands, best first.
    pub grades: Vec<GradeBand>,
    /// L2 strengths tried by cross-validation.
    pub alphas: Vec<f64>,
    /// Cross-validation folds.
    pub folds: usize,
    /// Share of rows held out for the random evaluation.
    pub holdout: f64,
    /// Yuan per dollar, recorded in the artifact.
    pub cny_per_usd: f64,
    /// SHA-256 of the training file.
    pub data_sha256: String,
}

/// Why options were refused: each names the option and the rule.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum OptionsError {
    /// Cross-validation needs at least two folds (one to fit, one to test).
    #[error("folds: at least 2 (got {0})")]
    Folds(usize),
    /// The holdout share must leave rows on both sides.
    #[error("holdout: a share strictly between 0 and 1 (got {0})")]
    Holdout(f64),
    /// At least one L2 strength, each finite and not negative.
    #[error("alphas: at least one, each a finite number ≥ 0")]
    Alphas,
    /// Grades best first, their highest PDs rising, the last 1.
    #[error("grades: {0}")]
    Grades(&'static str),
    /// Points need a finite base score and positive base odds and points-to-double-odds.
    #[error("scaling: finite base score, base odds > 0, pdo > 0")]
    Scaling,
    /// A positive exchange rate.
    #[error("cny_per_usd: a finite number > 0 (got {0})")]
    CnyPerUsd(f64),
}

/// Options that passed [`Options::check`]: what training takes, so no step of it divides by
/// zero folds or splits on an impossible share (linfa's `ParamGuard`).
#[derive(Debug, Clone)]
pub struct CheckedOptions(Options);

impl std::ops::Deref for CheckedOptions {
    type Target = Options;
    fn deref(&self) -> &Options {
        &self.0
    }
}

impl Options {
    /// Checks every option once.
    pub fn check(self) -> Result<CheckedOptions, OptionsError> {
        if self.folds < 2 {
            return Err(OptionsError::Folds(self.folds));
        }
        if !(self.holdout > 0.0 && self.holdout < 1.0) {
            return Err(OptionsError::Holdout(self.holdout));
        }
        if self.alphas.is_empty() || !self.alphas.iter().all(|a| a.is_finite() && *a >= 0.0) {
            return Err(OptionsError::Alphas);
        }
        if self.grades.is_empty() {
            return Err(OptionsError::Grades("at least one grade"));
        }
        if !self
            .grades
            .windows(2)
            .all(|pair| pair[0].max_pd < pair[1].max_pd)
        {
            return Err(OptionsError::Grades(
                "highest PDs must rise from grade to grade",
            ));
        }
        if self.grades.last().map(|g| g.max_pd) != Some(1.0) {
            return Err(OptionsError::Grades(
                "the last grade's highest PD must be 1",
            ));
        }
        let scaling = &self.scaling;
        if !(scaling.base_score.is_finite() && scaling.base_odds > 0.0 && scaling.pdo > 0.0) {
            return Err(OptionsError::Scaling);
        }
        if !(self.cny_per_usd.is_finite() && self.cny_per_usd > 0.0) {
            return Err(OptionsError::CnyPerUsd(self.cny_per_usd));
        }
        Ok(CheckedOptions(self))
    }
}

impl Default for Options {
    fn default() -> Self {
        let band = |grade: &str, max_pd: f64| GradeBand {
            grade: grade.into(),
            max_pd,
        };
        Self {
            seed: 20_261_123,
            scaling: Scaling {
                base_score: 600.0,
                base_odds: 50.0,
                pdo: 20.0,
            },
            grades: vec![
                band("A", 0.05),
                band("B", 0.10),
                band("C", 0.15),
                band("D", 0.20),
                band("E", 0.30),
                band("F", 0.45),
                band("G", 1.0),
            ],
            alphas: vec![0.1, 10.0, 1_000.0, 100_000.0],
            folds: 5,
            holdout: 0.3,
            cny_per_usd: 7.1,
            data_sha256: String::new(),
        }
    }
}

/// A fitted scorecard before it is written out.
pub struct Fitted {
    /// The artifact without metrics.
    pub scorecard: Scorecard,
}

impl Fitted {
    /// The feature values of row `i`.
    fn values(table: &Table, i: usize) -> Vec<FeatureValue> {
        table.columns.iter().map(|c| binning::value(c, i)).collect()
    }

    /// Calibrated PD of every row, with the core's own arithmetic.
    pub fn probabilities(&self, table: &Table) -> Vec<f64> {
        (0..table.len())
            .map(|i| {
                let score = self.scorecard.score_of(&Self::values(table, i));
                self.scorecard.probability_of_default(score)
            })
            .collect()
    }
}

/// Indices split into (train, holdout), stratified by outcome.
pub fn stratified_split(bad: &[bool], holdout: f64, seed: u64) -> (Vec<usize>, Vec<usize>) {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let (mut train, mut test) = (Vec::new(), Vec::new());
    for class in [false, true] {
        let mut members: Vec<usize> = (0..bad.len()).filter(|&i| bad[i] == class).collect();
        members.shuffle(&mut rng);
        let cut = (members.len() as f64 * holdout).round() as usize;
        test.extend_from_slice(&members[..cut]);
        train.extend_from_slice(&members[cut..]);
    }
    train.sort_unstable();
    test.sort_unstable();
    (train, test)
}

/// `k` stratified folds of `0..bad.len()`.
pub fn stratified_folds(bad: &[bool], k: usize, seed: u64) -> Vec<Vec<usize>> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut folds = vec![Vec::new(); k];
    for class in [false, true] {
        let mut members: Vec<usize> = (0..bad.len()).filter(|&i| bad[i] == class).collect();
        members.shuffle(&mut rng);
        for (position, i) in members.into_iter().enumerate() {
            folds[position % k].push(i);
        }
    }
    for fold in &mut folds {
        fold.sort_unstable();
    }
    folds
}

fn woe_rows(table: &Table, binnings: &[Binning]) -> Vec<Vec<f64>> {
    (0..table.len())
        .map(|i| {
            table
                .columns
                .iter()
                .zip(binnings)
                .map(|(column, b)| b.woe[b.index(&binning::value(column, i))])
                .collect()
        })
        .collect()
}

fn pick<T: Clone>(items: &[T], indices: &[usize]) -> Vec<T> {
    indices.iter().map(|&i| items[i].clone()).collect()
}

/// Chooses the L2 strength with the best mean cross-validated AUC (ties: the stronger one).
fn choose_alpha(
    rows: &[Vec<f64>],
    bad: &[bool],
    options: &CheckedOptions,
) -> Result<f64, FitError> {
    let folds = stratified_folds(bad, options.folds, options.seed ^ 0x5eed);
    let mut best = (f64::NEG_INFINITY, options.alphas[0]);
    for &alpha in &options.alphas {
        let mut total = 0.0;
        for held in &folds {
            let held_set: std::collections::BTreeSet<usize> = held.iter().copied().collect();
            let kept: Vec<usize> = (0..bad.len()).filter(|i| !held_set.contains(i)).collect();
            let model = logistic::fit(
                &logistic::matrix(&pick(rows, &kept)),
                &pick(bad, &kept),
                alpha,
            )?;
            let scores: Vec<f64> = held.iter().map(|&i| model.logit(&rows[i])).collect();
            total += metrics::auc(&scores, &pick(bad, held));
        }
        let mean = total / folds.len() as f64;
        if mean >= best.0 {
            best = (mean, alpha);
        }
    }
    Ok(best.1)
}

/// Fits a scorecard on `table`.
pub fn fit(table: &Table, schema: &Schema, options: &CheckedOptions) -> Result<Fitted, FitError> {
    let binnings: Vec<Binning> = table
        .columns
        .iter()
        .zip(&schema.features)
        .map(|(column, spec)| binning::bin(column, &table.bad, spec))
        .collect();
    let rows = woe_rows(table, &binnings);
    let alpha = choose_alpha(&rows, &table.bad, options)?;
    let model = logistic::fit(&logistic::matrix(&rows), &table.bad, alpha)?;

    // Points: score = offset + factor × ln(odds good) = offset − factor × logit(bad),
    // shared out so each characteristic carries its slice of the intercept.
    let (factor, offset) = options.scaling.factor_and_offset();
    let k = binnings.len() as f64;
    let characteristics: Vec<Characteristic> = binnings
        .iter()
        .zip(&schema.features)
        .zip(&model.coefficients)
        .map(|((b, spec), coefficient)| {
            let labels = b.labels(spec);
            let bins: Vec<Bin> = b
                .bins
                .iter()
                .zip(&b.woe)
                .zip(labels)
                .map(|((stats, woe), label)| Bin {
                    condition: stats.condition.clone(),
                    label,
                    points: (-factor * coefficient * woe + (offset - factor * model.intercept) / k)
                        .round() as i32,
                    woe: round6(*woe),
                    count: stats.count,
                    bad_rate: round6(stats.bad_rate()),
                })
                .collect();
            let points: Vec<i32> = bins.iter().map(|b| b.points).collect();
            let monotone = match spec.monotone {
                false => None,
                true if points.windows(2).all(|w| w[0] <= w[1]) => Some(Monotone::Increasing),
                true if points.windows(2).all(|w| w[0] >= w[1]) => Some(Monotone::Decreasing),
                true => None,
            };
            Characteristic {
                feature: spec.name.clone(),
                label: spec.label.clone(),
                unit: spec.unit.clone(),
                monotone,
                actionable: spec.actionable,
                bins,
            }
        })
        .collect();

    let mut scorecard = Scorecard {
        format: FORMAT.into(),
        name: schema.name.clone(),
        training: Training {
            source: schema.source.clone(),
            data_sha256: options.data_sha256.clone(),
            rows: table.len() as u64,
            bad_rate: round6(table.bad.iter().filter(|b| **b).count() as f64 / table.len() as f64),
            seed: options.seed,
            l2_alpha: alpha,
            notes: Vec::new(),
        },
        scaling: options.scaling.clone(),
        characteristics,
        calibration: Calibration {
            intercept: 0.0,
            slope: 0.0,
        },
        grades: options.grades.clone(),
        conversion: Conversion {
            cny_per_usd: options.cny_per_usd,
        },
        overlays: schema.overlays.clone(),
        metrics: Metrics {
            evaluations: Vec::new(),
        },
    };

    // Platt calibration of the integer score, fitted on a centred and scaled score for
    // numerical stability and mapped back.
    let scores: Vec<f64> = (0..table.len())
        .map(|i| f64::from(scorecard.score_of(&Fitted::values(table, i))))
        .collect();
    let centre = options.scaling.base_score;
    let spread = options.scaling.pdo * 5.0;
    let platt_rows: Vec<Vec<f64>> = scores.iter().map(|s| vec![(s - centre) / spread]).collect();
    let platt = logistic::fit(&logistic::matrix(&platt_rows), &table.bad, 1e-6)?;
    let slope = platt.coefficients[0] / spread;
    scorecard.calibration = Calibration {
        intercept: platt.intercept - slope * centre,
        slope,
    };
    Ok(Fitted { scorecard })
}

fn round6(x: f64) -> f64 {
    (x * 1e6).round() / 1e6
}

/// A plain one-hot logistic regression on the same features: categories one-hot, numbers as
/// standardised ln(1 + x). Returns its holdout AUC.
pub fn baseline_auc(train: &Table, test: &Table, alpha: f64) -> Result<f64, FitError> {
    enum Encoder {
        OneHot(Vec<String>),
        Log { mean: f64, sd: f64 },
    }
    let encoders: Vec<Encoder> = train
        .columns
        .iter()
        .map(|column| match column {
            Column::Categorical(values) => {
                let mut levels: Vec<String> = values.clone();
                levels.sort();
                levels.dedup();
                Encoder::OneHot(levels)
            }
            Column::Numeric(values) => {
                let logs: Vec<f64> = values.iter().map(|x| x.max(0.0).ln_1p()).collect();
                let mean = logs.iter().sum::<f64>() / logs.len() as f64;
                let var = logs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / logs.len() as f64;
                Encoder::Log {
                    mean,
                    sd: var.sqrt().max(1e-9),
                }
            }
        })
        .collect();
    let encode = |table: &Table| -> Vec<Vec<f64>> {
        (0..table.len())
            .map(|i| {
                let mut row = Vec::new();
                for (column, encoder) in table.columns.iter().zip(&encoders) {
                    match (column, encoder) {
                        (Column::Categorical(v), Encoder::OneHot(levels)) => {
                            row.extend(levels.iter().map(|l| f64::from(u8::from(*l == v[i]))));
                        }
                        (Column::Numeric(v), Encoder::Log { mean, sd }) => {
                            row.push((v[i].max(0.0).ln_1p() - mean) / sd);
                        }
                        _ => {}
                    }
                }
                row
            })
            .collect()
    };
    let model: Model = logistic::fit(&logistic::matrix(&encode(train)), &train.bad, alpha)?;
    let scores: Vec<f64> = encode(test).iter().map(|r| model.logit(r)).collect();
    Ok(metrics::auc(&scores, &test.bad))
}

/// Evaluates a fitted scorecard on a holdout.
pub fn evaluate(fitted: &Fitted, test: &Table, holdout: &str, baseline_auc: f64) -> Evaluation {
    let pd = fitted.probabilities(test);
    let card = &fitted.scorecard;
    let by_grade = card
        .grades
        .iter()
        .map(|band| {
            let members: Vec<usize> = (0..pd.len())
                .filter(|&i| card.grade_of(pd[i]).name() == band.grade)
                .collect();
            let count = members.len() as u64;
            let mean = |f: &dyn Fn(usize) -> f64| {
                if members.is_empty() {
                    0.0
                } else {
                    members.iter().map(|&i| f(i)).sum::<f64>() / members.len() as f64
                }
            };
            GradeRow {
                grade: band.grade.clone(),
                count,
                mean_pd: round6(mean(&|i| pd[i])),
                bad_rate: round6(mean(&|i| f64::from(u8::from(test.bad[i])))),
            }
        })
        .collect();
    Evaluation {
        holdout: holdout.into(),
        rows: test.len() as u64,
        auc: round6(metrics::auc(&pd, &test.bad)),
        ks: round6(metrics::ks(&pd, &test.bad)),
        brier: round6(metrics::brier(&pd, &test.bad)),
        baseline_auc: round6(baseline_auc),
        by_grade,
    }
}
