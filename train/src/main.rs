//! `prequal-train`: trains the scorecard from a CSV and a schema, writes the artifact and the
//! model card, and prints the evaluation. Run through `cargo xtask train`, which fetches the
//! SBA data and checks its hash first.

use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::Parser;
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
    let mut fitted = pipeline::fit(&train, &schema, &options)?;
    let baseline = pipeline::baseline_auc(&train, &test, 1.0)?;
    let mut evaluations = vec![pipeline::evaluate(
        &fitted,
        &test,
        &format!("Stratified random {:.0} % holdout", options.holdout * 100.0),
        baseline,
    )];

    if let Some(time) = &schema.time {
        let in_years = |from: i32, to: i32| -> Vec<usize> {
            (0..table.len())
                .filter(|&i| table.year[i].is_some_and(|y| (from..=to).contains(&y)))
                .collect()
        };
        let early = table.select(&in_years(i32::MIN, time.train_until));
        let late = table.select(&in_years(time.test_from, time.test_until));
        let out_of_time = pipeline::fit(&early, &schema, &options)?;
        let baseline = pipeline::baseline_auc(&early, &late, 1.0)?;
        evaluations.push(pipeline::evaluate(
            &out_of_time,
            &late,
            &format!(
                "Out of time: fitted on years up to {}, tested on {}–{} (reported, not tuned to)",
                time.train_until, time.test_from, time.test_until
            ),
            baseline,
        ));
    }

    let scorecard = &mut fitted.scorecard;
    scorecard.metrics.evaluations = evaluations;
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
        .collect();

    let json = serde_json::to_string_pretty(scorecard)? + "\n";
    std::fs::write(&args.out, &json)?;
    let model_id = sha256_hex(json.as_bytes());
    std::fs::write(&args.card, card::model_card(scorecard, &model_id))?;

    for e in &scorecard.metrics.evaluations {
        println!(
            "\n{}\n  rows {}  AUC {:.4} (one-hot baseline {:.4})  KS {:.4}  Brier {:.4}",
            e.holdout, e.rows, e.auc, e.baseline_auc, e.ks, e.brier
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
