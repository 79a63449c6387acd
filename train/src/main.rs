//! `prequal-train`: trains the scorecard from a CSV and a schema with both learners (explainable
//! boosting with pair tables, and weight of evidence + logistic regression), keeps the better
//! one on the random holdout, writes the artifact and the model card, and prints the
//! evaluation. Run through `cargo xtask train`, which fetches the SBA data and checks its hash
//! first.

use std::path::PathBuf;

use anyhow::{bail, Context, Result};
use clap::Parser;
use prequal::scorecard::{Compared, Evaluation};
use prequal_train::data::Table;
use prequal_train::ebm::EbmOptions;
use prequal_train::pipeline::{CheckedOptions, Fitted};
use prequal_train::{card, data, pipeline, schema::Schema};
use sha2::{Digest, Sha256};

#[derive(Parser)]
#[command(about = "Train the prequal scorecard")]
struct Args {
    /// Training CSV.
    #[arg(long)]
    data: PathBuf,
    /// Schema JSON (columns → features, target, exclusions).
    #[arg(long)]
    schema: PathBuf,
    /// Where to write the scorecard artifact.
    #[arg(long)]
    out: PathBuf,
    /// Where to write the model card.
    #[arg(long)]
    card: PathBuf,
}

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The two learners, tried in this order (on a tie the first is kept).
enum Learner {
    Boosting(EbmOptions),
    Logistic,
}

impl Learner {
    fn fit(&self, table: &Table, schema: &Schema, options: &CheckedOptions) -> Result<Fitted> {
        Ok(match self {
            Learner::Boosting(settings) => pipeline::fit_ebm(table, schema, options, settings)?,
            Learner::Logistic => pipeline::fit(table, schema, options)?,
        })
    }
}

fn main() -> Result<()> {
    let args = Args::parse();
    let schema: Schema = serde_json::from_str(&std::fs::read_to_string(&args.schema)?)
        .with_context(|| format!("reading {}", args.schema.display()))?;
    let data_sha256 = sha256_hex(&std::fs::read(&args.data)?);
    let table = data::load(&args.data, &schema)?;
    let options = pipeline::Options {
        data_sha256,
        ..Default::default()
    }
    .check()?;
    println!(
        "loaded {} rows ({:.1} % bad)",
        table.len(),
        100.0 * table.bad.iter().filter(|b| **b).count() as f64 / table.len() as f64
    );

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
        let fitted = learner.fit(&train, &schema, &options)?;
        let mut evaluations = vec![pipeline::evaluate(&fitted, &test, &random, baseline)];
        if let Some((early, late, baseline, name)) = &out_of_time {
            let later = learner.fit(early, &schema, &options)?;
            evaluations.push(pipeline::evaluate(&later, late, name, *baseline));
        }
        println!(
            "{}: AUC {:.4} on the random holdout",
            fitted.scorecard.training.learner, evaluations[0].auc
        );
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
        println!(
            "points against bad rates, Kendall τ: {} {:.2}",
            a.feature, a.tau
        );
        match (a.tau < 0.0, &spec.order_note) {
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
        bail!(
            "points run against the bad rates of {}: explain why in the schema's `order_note` of each, or change the feature",
            unexplained.join(", ")
        );
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

    let json = serde_json::to_string_pretty(scorecard)? + "\n";
    std::fs::write(&args.out, &json)?;
    let model_id = sha256_hex(json.as_bytes());
    std::fs::write(&args.card, card::model_card(scorecard, &model_id))?;

    for e in &scorecard.metrics.evaluations {
        println!(
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
            println!(
                "  grade {}  {:>7} loans  mean PD {:>5.1} %  bad rate {:>5.1} %",
                row.grade,
                row.count,
                row.mean_pd * 100.0,
                row.bad_rate * 100.0
            );
        }
    }
    println!(
        "\nwrote {} (model id {model_id}) and {}",
        args.out.display(),
        args.card.display()
    );
    Ok(())
}
