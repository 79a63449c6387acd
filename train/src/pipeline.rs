//! The training pipeline: split, fit with either learner (weight of evidence + logistic
//! regression, or explainable boosting with pair tables), scale to points, calibrate, grade,
//! evaluate against a one-hot baseline, check that each feature's points follow its bad rates,
//! and bootstrap each grade's PD range. Deterministic: the same data, schema and seed give a
//! byte-identical artifact.

use prequal::scorecard::{
    Bin, Calibration, Characteristic, Conversion, Evaluation, FeatureValue, GradeBand, GradeRow,
    Interaction, Metrics, Monotone, PdRange, Scaling, Scorecard, Training, FORMAT,
};
use rand::seq::SliceRandom;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

use crate::binning::{self, Binning};
use crate::data::{Column, Table};
use crate::ebm::{self, EbmOptions};
use crate::logistic::{self, FitError, Model};
use crate::metrics;
use crate::schema::{FeatureSpec, Schema};

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
    let learner = format!(
        "weight of evidence + L2 logistic regression (linfa), L2 strength chosen by {}-fold cross-validation",
        options.folds
    );

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
            characteristic(spec, bins)
        })
        .collect();
    finish(
        characteristics,
        Vec::new(),
        table,
        schema,
        options,
        learner,
        Some(alpha),
    )
}

/// A characteristic from its bins, monotone when the spec declares it and the points are.
fn characteristic(spec: &FeatureSpec, bins: Vec<Bin>) -> Characteristic {
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
}

/// Fits an explainable boosting machine on `table` and scales its shapes and pair tables to
/// points (the intercept shared out over the characteristics, as in [`fit`]).
pub fn fit_ebm(
    table: &Table,
    schema: &Schema,
    options: &CheckedOptions,
    settings: &EbmOptions,
) -> Result<Fitted, FitError> {
    let model = ebm::fit(table, &schema.features, settings);
    let (factor, offset) = options.scaling.factor_and_offset();
    let share = (offset - factor * model.intercept) / model.shapes.len().max(1) as f64;
    let characteristics: Vec<Characteristic> = model
        .bins
        .iter()
        .zip(&model.shapes)
        .zip(&schema.features)
        .map(|((stats, shape), spec)| {
            let woe = binning::weight_of_evidence(stats);
            let bins = stats
                .iter()
                .zip(shape)
                .zip(woe)
                .map(|((stats, log_odds), woe)| Bin {
                    condition: stats.condition.clone(),
                    label: binning::label(&stats.condition, spec),
                    points: (share - factor * log_odds).round() as i32,
                    woe: round6(woe),
                    count: stats.count,
                    bad_rate: round6(stats.bad_rate()),
                })
                .collect();
            characteristic(spec, bins)
        })
        .collect();
    let interactions = model
        .pairs
        .iter()
        .map(|pair| {
            let [a, b] = pair.features;
            let mut interaction = Interaction {
                characteristics: [a, b],
                points: (0..model.bins[a].len())
                    .map(|i| {
                        (0..model.bins[b].len())
                            .map(|j| (-factor * pair.cells[pair.cell(i, j)]).round() as i32)
                            .collect()
                    })
                    .collect(),
            };
            keep_monotone(&mut interaction, &characteristics, &schema.features);
            interaction
        })
        .collect();
    let learner = format!(
        "explainable boosting: up to {} quantile bins, {} pair tables, learning rate {}, {} bags, L2 {}, early stopping after {} rounds without gain (rounds per bag: mains {:?}, pairs {:?})",
        settings.max_bins,
        model.pairs.len(),
        settings.learning_rate,
        settings.bags,
        settings.l2,
        settings.patience,
        model.rounds.0,
        model.rounds.1
    );
    finish(
        characteristics,
        interactions,
        table,
        schema,
        options,
        learner,
        None,
    )
}

/// Rounding a shape and a pair table to whole points separately can leave their sum a point
/// out of order where the learner kept it monotone; this restores the order of the sum along a
/// monotone characteristic for every bin of the other, moving only the table's points.
fn keep_monotone(
    interaction: &mut Interaction,
    characteristics: &[Characteristic],
    specs: &[FeatureSpec],
) {
    let [a, b] = interaction.characteristics;
    for (axis, index) in [(0, a), (1, b)] {
        let Some(direction) = characteristics[index].monotone else {
            continue;
        };
        if specs[index].free_in_pairs {
            continue;
        }
        let own: Vec<i32> = characteristics[index]
            .bins
            .iter()
            .map(|b| b.points)
            .collect();
        let rows = interaction.points.len();
        let columns = interaction.points.first().map_or(0, Vec::len);
        let (slices, length) = if axis == 0 {
            (columns, rows)
        } else {
            (rows, columns)
        };
        for slice in 0..slices {
            let cell = |k: usize| if axis == 0 { (k, slice) } else { (slice, k) };
            let mut previous: Option<i32> = None;
            for (k, own) in own.iter().enumerate().take(length) {
                let (i, j) = cell(k);
                let mut total = own + interaction.points[i][j];
                if let Some(p) = previous {
                    total = match direction {
                        Monotone::Increasing => total.max(p),
                        Monotone::Decreasing => total.min(p),
                    };
                }
                interaction.points[i][j] = total - own;
                previous = Some(total);
            }
        }
    }
}

/// The artifact around fitted points: metadata, grades, overlays, and a Platt calibration of
/// the integer score on the training rows.
fn finish(
    characteristics: Vec<Characteristic>,
    interactions: Vec<Interaction>,
    table: &Table,
    schema: &Schema,
    options: &CheckedOptions,
    learner: String,
    l2_alpha: Option<f64>,
) -> Result<Fitted, FitError> {
    let mut scorecard = Scorecard {
        format: FORMAT.into(),
        name: schema.name.clone(),
        training: Training {
            source: schema.source.clone(),
            data_sha256: options.data_sha256.clone(),
            rows: table.len() as u64,
            bad_rate: round6(table.bad.iter().filter(|b| **b).count() as f64 / table.len() as f64),
            seed: options.seed,
            learner,
            l2_alpha,
            from_profiles: schema.profiles.is_some(),
            notes: Vec::new(),
        },
        scaling: options.scaling.clone(),
        characteristics,
        interactions,
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
            compared: Vec::new(),
            pd_ranges: Vec::new(),
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
        within_year_auc: metrics::within_group_auc(&pd, &test.bad, &test.year).map(round6),
        by_grade,
    }
}

/// Each grade's PD range: the 5th and 95th percentiles of the grade's bad rate over
/// `resamples` bootstrap resamples of the holdout (seeded).
pub fn pd_ranges(fitted: &Fitted, test: &Table, resamples: usize, seed: u64) -> Vec<PdRange> {
    use rand::Rng;
    let card = &fitted.scorecard;
    let grade: Vec<usize> = fitted
        .probabilities(test)
        .iter()
        .map(|&pd| card.grade_of(pd) as usize)
        .collect();
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut rates: Vec<Vec<f64>> = vec![Vec::with_capacity(resamples); card.grades.len()];
    for _ in 0..resamples {
        let mut tally = vec![(0u64, 0u64); card.grades.len()];
        for _ in 0..test.len() {
            let i = rng.gen_range(0..test.len());
            if let Some(slot) = tally.get_mut(grade[i]) {
                slot.0 += 1;
                slot.1 += u64::from(test.bad[i]);
            }
        }
        for (rates, (count, bads)) in rates.iter_mut().zip(tally) {
            if count > 0 {
                rates.push(bads as f64 / count as f64);
            }
        }
    }
    card.grades
        .iter()
        .zip(rates)
        .filter(|(_, rates)| !rates.is_empty())
        .map(|(band, mut rates)| {
            rates.sort_by(f64::total_cmp);
            let at = |q: f64| rates[((rates.len() - 1) as f64 * q).round() as usize];
            PdRange {
                grade: band.grade.clone(),
                low: round6(at(0.05)),
                high: round6(at(0.95)),
            }
        })
        .collect()
}

/// How well one characteristic's points follow its observed bad rates.
#[derive(Debug, Clone, PartialEq)]
pub struct OrderAgreement {
    /// The feature.
    pub feature: String,
    /// Kendall's tau between each bin's mean points (own plus its share of the interactions,
    /// averaged over the training rows in the bin) and its good rate, over bins with rows: 1
    /// when more points always go with fewer bad loans, −1 when always with more.
    pub tau: f64,
    /// Whether the bins' bad rates differ beyond chance (Pearson's χ² test of one bad rate for
    /// all bins, at the 5 % level, by the Wilson–Hilferty approximation): when they do not,
    /// their order says nothing, and points against it are no contradiction.
    pub rates_differ: bool,
    /// The χ² statistic and its degrees of freedom.
    pub chi_square: (f64, usize),
}

/// Pearson's χ² of `(rows, bad)` per bin against one shared bad rate, and its degrees of
/// freedom (bins with rows, less one).
fn chi_square(bins: &[(u64, u64)]) -> (f64, usize) {
    let bins: Vec<&(u64, u64)> = bins.iter().filter(|b| b.0 > 0).collect();
    let rows: u64 = bins.iter().map(|b| b.0).sum();
    let bad: u64 = bins.iter().map(|b| b.1).sum();
    if bins.len() < 2 || bad == 0 || bad == rows {
        return (0.0, bins.len().saturating_sub(1));
    }
    let rate = bad as f64 / rows as f64;
    let statistic = bins
        .iter()
        .map(|&&(n, b)| {
            let (expected_bad, expected_good) = (n as f64 * rate, n as f64 * (1.0 - rate));
            (b as f64 - expected_bad).powi(2) / expected_bad
                + ((n - b) as f64 - expected_good).powi(2) / expected_good
        })
        .sum();
    (statistic, bins.len() - 1)
}

/// Whether χ² with `dof` degrees of freedom exceeds its 95th percentile (Wilson–Hilferty:
/// (χ²/k)^(1/3) is close to normal with mean 1 − 2/(9k) and variance 2/(9k)).
fn beyond_chance((statistic, dof): (f64, usize)) -> bool {
    if dof == 0 {
        return false;
    }
    let k = dof as f64;
    let spread = 2.0 / (9.0 * k);
    ((statistic / k).cbrt() - (1.0 - spread)) / spread.sqrt() > 1.644_853_626_951_472_2
}

/// [`OrderAgreement`] of every characteristic on `table`.
pub fn order_agreement(fitted: &Fitted, table: &Table) -> Vec<OrderAgreement> {
    let card = &fitted.scorecard;
    let rows: Vec<Vec<usize>> = (0..table.len())
        .map(|i| card.bins_of(&Fitted::values(table, i)))
        .collect();
    card.characteristics
        .iter()
        .enumerate()
        .map(|(index, c)| {
            let mut sums = vec![(0.0, 0u64, 0u64); c.bins.len()];
            for (bins, &bad) in rows.iter().zip(&table.bad) {
                let slot = &mut sums[bins[index]];
                slot.0 += f64::from(card.points_in(index, bins[index], bins));
                slot.1 += 1;
                slot.2 += u64::from(bad);
            }
            let chi_square = chi_square(
                &sums
                    .iter()
                    .map(|&(_, count, bads)| (count, bads))
                    .collect::<Vec<_>>(),
            );
            let bins: Vec<(f64, f64)> = sums
                .iter()
                .filter(|s| s.1 > 0)
                .map(|&(points, count, bads)| {
                    (points / count as f64, 1.0 - bads as f64 / count as f64)
                })
                .collect();
            let (mut concordant, mut discordant) = (0.0, 0.0);
            for (i, a) in bins.iter().enumerate() {
                for b in &bins[i + 1..] {
                    let sign = (a.0 - b.0).signum() * (a.1 - b.1).signum();
                    if sign > 0.0 {
                        concordant += 1.0;
                    } else if sign < 0.0 {
                        discordant += 1.0;
                    }
                }
            }
            let pairs = concordant + discordant;
            OrderAgreement {
                feature: c.feature.clone(),
                tau: if pairs == 0.0 {
                    1.0
                } else {
                    round6((concordant - discordant) / pairs)
                },
                rates_differ: beyond_chance(chi_square),
                chi_square,
            }
        })
        .collect()
}
