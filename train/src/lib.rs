//! # prequal-train — the scorecard training pipeline (native only)
//!
//! Reads any CSV through a small schema file ([`schema`]), bins and weights the features
//! ([`binning`]), and fits two learners: an L2 logistic regression on weights of evidence with
//! linfa ([`logistic`]), and explainable boosting with pairwise interaction tables ([`ebm`]).
//! Either is scaled to points, calibrated and graded, and evaluated against a one-hot baseline
//! ([`pipeline`], [`metrics`]); the better on the random holdout is shipped. The result is the `prequal::scorecard::Scorecard` artifact the core embeds.
//! None of this is compiled into the web app: the browser only reads the artifact.

pub mod binning;
pub mod card;
pub mod data;
pub mod ebm;
pub mod logistic;
pub mod metrics;
pub mod pipeline;
pub mod run;
pub mod schema;
pub mod synthetic;

use data::Table;
use pipeline::{CheckedOptions, Fitted};
use schema::Schema;

/// Mean AUC of the whole pipeline over the options' `folds` stratified folds (binning and the
/// L2 choice are redone inside every fold, so nothing is learned from the fold it is tested
/// on).
pub fn cross_validated_auc(
    table: &Table,
    schema: &Schema,
    options: &CheckedOptions,
) -> Result<f64, logistic::FitError> {
    folded_auc(table, options, |kept| pipeline::fit(kept, schema, options))
}

/// [`cross_validated_auc`] with explainable boosting as the learner.
pub fn boosting_cross_validated_auc(
    table: &Table,
    schema: &Schema,
    options: &CheckedOptions,
    settings: &ebm::EbmOptions,
) -> Result<f64, logistic::FitError> {
    folded_auc(table, options, |kept| {
        pipeline::fit_ebm(kept, schema, options, settings)
    })
}

fn folded_auc(
    table: &Table,
    options: &CheckedOptions,
    fit: impl Fn(&Table) -> Result<Fitted, logistic::FitError>,
) -> Result<f64, logistic::FitError> {
    let k = options.folds;
    let folds = pipeline::stratified_folds(&table.bad, k, options.seed);
    let mut total = 0.0;
    for held in &folds {
        let held_set: std::collections::BTreeSet<usize> = held.iter().copied().collect();
        let kept: Vec<usize> = (0..table.len()).filter(|i| !held_set.contains(i)).collect();
        let fitted = fit(&table.select(&kept))?;
        let test = table.select(held);
        total += metrics::auc(&fitted.probabilities(&test), &test.bad);
    }
    Ok(total / k as f64)
}
