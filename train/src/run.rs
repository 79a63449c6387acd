//! One whole training run, as `prequal-train` (the SBA model, through `cargo xtask train`) and
//! `prequal model train` (a portal's own profiles) both do it: load the data through the
//! schema, split it, fit both learners on the same split, keep the better on the random
//! holdout, check that every feature's points follow its bad rates (or that the schema says
//! why not), estimate each grade's PD range, and write the artifact and its model card.

use std::path::Path;

use prequal::scorecard::{Compared, Conversion, Evaluation, Scorecard};

use crate::card;
use crate::data::{self, DataError, Table};
use crate::ebm::EbmOptions;
use crate::logistic::FitError;
use crate::pipeline::{self, CheckedOptions, Fitted, Options, OptionsError};
use crate::schema::{Schema, SchemaError};

/// Why a run stopped, naming what to change.
#[derive(Debug, thiserror::Error)]
pub enum TrainError {
    /// The data file could not be read.
    #[error("cannot read {path}: {source}")]
    Read {
        /// The file.
        path: String,
        /// Why.
        source: std::io::Error,
    },
    /// The schema cannot be trained on.
    #[error("schema: {0}")]
    Schema(#[from] SchemaError),
    /// The data did not load.
    #[error("{0}")]
    Data(#[from] DataError),
    /// Settings out of range.
    #[error("options: {0}")]
    Options(#[from] OptionsError),
    /// A learner failed.
    #[error("{0}")]
    Fit(#[from] FitError),
    /// Too few rows of one outcome to split and learn.
    #[error("{bad} bad and {good} good outcomes: at least {min} of each are needed to fit and test a model")]
    TooFew {
        /// Bad outcomes.
        bad: usize,
        /// Good outcomes.
        good: usize,
        /// The least of each.
        min: usize,
    },
    /// Points that run against the bad rates with no explanation.
    #[error("points run against the bad rates of {0}: explain why in the schema's `order_note` of each, or change the feature")]
    Unexplained(String),
}

/// The fewest outcomes of each kind a run accepts: below this the holdout and the PD ranges
/// mean little.
pub const MIN_OUTCOMES: usize = 50;

/// A finished run.
pub struct Trained {
    /// The artifact.
    pub scorecard: Scorecard,
    /// Its bytes (pretty JSON and a final newline): what is signed and what the id is taken of.
    pub json: String,
    /// SHA-256 of `json`, hex: the model id.
    pub model_id: String,
    /// The model card in Markdown.
    pub card: String,
}

/// The two learners, tried in this order (on a tie the first is kept).
enum Learner {
    Boosting(EbmOptions),
    Logistic,
}

impl Learner {
    fn fit(
        &self,
        table: &Table,
        schema: &Schema,
        options: &CheckedOptions,
    ) -> Result<Fitted, FitError> {
        match self {
            Learner::Boosting(settings) => pipeline::fit_ebm(table, schema, options, settings),
            Learner::Logistic => pipeline::fit(table, schema, options),
        }
    }
}

/// Trains on the CSV at `data` with `schema`, telling `progress` what it does in one line at
/// a time.
pub fn train(
    data: &Path,
    schema: &Schema,
    progress: &mut dyn FnMut(String),
) -> Result<Trained, TrainError> {
    schema.check()?;
    let bytes = std::fs::read(data).map_err(|source| TrainError::Read {
        path: data.display().to_string(),
        source,
    })?;
    let options = Options {
        data_sha256: prequal::sha256_hex(&bytes),
        ..Default::default()
    }
    .check()?;
    let conversion = Conversion {
        cny_per_usd: options.cny_per_usd,
    };
    let table = data::load(data, schema, &conversion)?;
    let bad = table.bad.iter().filter(|b| **b).count();
    if bad.min(table.len() - bad) < MIN_OUTCOMES {
        return Err(TrainError::TooFew {
            bad,
            good: table.len() - bad,
            min: MIN_OUTCOMES,
        });
    }
    progress(format!(
        "loaded {} rows ({:.1} % bad)",
        table.len(),
        100.0 * bad as f64 / table.len() as f64
    ));
    for (reason, n) in table.excluded.iter().filter(|(_, n)| *n > 0) {
        progress(format!("left out {n} rows: {reason}"));
    }
    if let Some(first) = &table.first_unreadable {
        progress(format!("first row left out as unreadable: {first}"));
    }

    let (train_rows, test_rows) =
        pipeline::stratified_split(&table.bad, options.holdout, options.seed);
    let (train, test) = (table.select(&train_rows), table.select(&test_rows));
    let random = format!("Stratified random {:.0} % holdout", options.holdout * 100.0);
    let baseline = pipeline::baseline_auc(&train, &test, 1.0)?;
    let out_of_time = match &schema.time {
        Some(time) => {
            let in_years = |from: i32, to: i32| -> Vec<usize> {
                (0..table.len())
                    .filter(|&i| table.year[i].is_some_and(|y| (from..=to).contains(&y)))
                    .collect()
            };
            let early = table.select(&in_years(i32::MIN, time.train_until));
            let late = table.select(&in_years(time.test_from, time.test_until));
            let baseline = pipeline::baseline_auc(&early, &late, 1.0)?;
            let name = format!(
                "Out of time: fitted on years up to {}, tested on {}–{} (reported, not tuned to)",
                time.train_until, time.test_from, time.test_until
            );
            Some((early, late, baseline, name))
        }
        None => None,
    };

    let learners = [
        Learner::Boosting(EbmOptions {
            seed: options.seed,
            ..EbmOptions::default()
        }),
        Learner::Logistic,
    ];
    let mut trained: Vec<(Fitted, Vec<Evaluation>)> = Vec::new();
    for learner in &learners {
        let fitted = learner.fit(&train, schema, &options)?;
        let mut evaluations = vec![pipeline::evaluate(&fitted, &test, &random, baseline)];
        if let Some((early, late, baseline, name)) = &out_of_time {
            let later = learner.fit(early, schema, &options)?;
            evaluations.push(pipeline::evaluate(&later, late, name, *baseline));
        }
        progress(format!(
            "{}: AUC {:.4} on the random holdout",
            fitted.scorecard.training.learner, evaluations[0].auc
        ));
        trained.push((fitted, evaluations));
    }
    let best = (0..trained.len()).fold(0, |best, i| {
        if trained[i].1[0].auc > trained[best].1[0].auc {
            i
        } else {
            best
        }
    });
    let (mut fitted, evaluations) = trained.remove(best);

    let agreement = pipeline::order_agreement(&fitted, &train);
    let mut order_notes = Vec::new();
    let mut unexplained = Vec::new();
    for (a, spec) in agreement.iter().zip(&schema.features) {
        progress(format!(
            "points against bad rates, Kendall τ: {} {:.2}",
            a.feature, a.tau
        ));
        match (a.tau < 0.0, &spec.order_note) {
            (true, None) if !a.rates_differ => order_notes.push(format!(
                "`{}`: points run against the bad rates of its bins (Kendall τ {:.2}), but those rates do not differ beyond chance (χ² {:.1} on {} degrees of freedom, under the 5 % level), so their order says nothing",
                a.feature, a.tau, a.chi_square.0, a.chi_square.1
            )),
            (true, None) => unexplained.push(format!("`{}` (Kendall τ {:.2})", a.feature, a.tau)),
            (true, Some(note)) => order_notes.push(format!(
                "`{}`: points run against the bad rates of its bins (Kendall τ {:.2}): {note}",
                a.feature, a.tau
            )),
            (false, _) => order_notes.push(format!(
                "`{}`: points follow the bad rates of its bins (Kendall τ {:.2})",
                a.feature, a.tau
            )),
        }
    }
    if !unexplained.is_empty() {
        return Err(TrainError::Unexplained(unexplained.join(", ")));
    }

    let pd_ranges = pipeline::pd_ranges(&fitted, &test, 200, options.seed);
    let scorecard = &mut fitted.scorecard;
    scorecard.metrics.evaluations = evaluations;
    scorecard.metrics.compared = trained
        .into_iter()
        .map(|(other, evaluations)| Compared {
            learner: other.scorecard.training.learner,
            evaluations,
        })
        .collect();
    scorecard.metrics.pd_ranges = pd_ranges;
    scorecard.training.notes = schema
        .exclude
        .iter()
        .map(|e| e.reason.clone())
        .zip(table.excluded.iter().map(|(_, n)| *n))
        .map(|(reason, n)| format!("{reason} ({n} rows left out)"))
        .chain(
            table
                .excluded
                .iter()
                .skip(schema.exclude.len())
                .map(|(reason, n)| format!("Rows with {reason}: {n} left out")),
        )
        .chain(schema.features.iter().filter_map(|f| f.note()))
        .chain(
            schema
                .removed
                .iter()
                .map(|r| format!("Removed `{}`: {}", r.name, r.reason)),
        )
        .chain(order_notes)
        .collect();

    let json = serde_json::to_string_pretty(scorecard).expect("a scorecard serialises") + "\n";
    let model_id = prequal::sha256_hex(json.as_bytes());
    let card = card::model_card(scorecard, &model_id);
    Ok(Trained {
        scorecard: fitted.scorecard,
        json,
        model_id,
        card,
    })
}

/// The evaluation in a few lines: each holdout's AUC, KS and Brier, and its grades.
pub fn summary(scorecard: &Scorecard) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    for e in &scorecard.metrics.evaluations {
        let _ = writeln!(
            out,
            "\n{}\n  rows {}  AUC {:.4} (within year {}; one-hot baseline {:.4})  KS {:.4}  Brier {:.4}",
            e.holdout,
            e.rows,
            e.auc,
            e.within_year_auc
                .map_or_else(|| "—".to_owned(), |a| format!("{a:.4}")),
            e.baseline_auc,
            e.ks,
            e.brier
        );
        for row in &e.by_grade {
            let _ = writeln!(
                out,
                "  grade {}  {:>7} loans  mean PD {:>5.1} %  bad rate {:>5.1} %",
                row.grade,
                row.count,
                row.mean_pd * 100.0,
                row.bad_rate * 100.0
            );
        }
    }
    out
}
