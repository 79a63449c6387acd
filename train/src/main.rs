//! `prequal-train`: trains the scorecard from a CSV and a schema with both learners (explainable
//! boosting with pair tables, and weight of evidence + logistic regression), keeps the better
//! one on the random holdout, writes the artifact and the model card, and prints the
//! evaluation. Run through `cargo xtask train`, which fetches the SBA data and checks its hash
//! first. (`prequal model train` runs the same training on a portal's own profiles.)

use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::Parser;
use prequal_train::{run, schema::Schema};

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

fn main() -> Result<()> {
    let args = Args::parse();
    let schema: Schema = serde_json::from_str(&std::fs::read_to_string(&args.schema)?)
        .with_context(|| format!("reading {}", args.schema.display()))?;
    let trained = run::train(&args.data, &schema, &mut |line| println!("{line}"))?;
    std::fs::write(&args.out, &trained.json)?;
    std::fs::write(&args.card, &trained.card)?;
    print!("{}", run::summary(&trained.scorecard));
    println!(
        "\nwrote {} (model id {}) and {}",
        args.out.display(),
        trained.model_id,
        args.card.display()
    );
    Ok(())
}
