//! `prequal`: the command line over the core crate, for banks, portal operators and scripts.
//!
//! Exit codes are part of the interface: 0 ok, 1 the input is invalid (every reason printed),
//! 2 usage error (bad arguments, unreadable file). This file only parses arguments, reads
//! files and prints; every decision is the core's.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

mod bulk;

use clap::{Parser, Subcommand, ValueEnum};
use prequal::assess::Model;
use prequal::profile;
use prequal::{ProfileErrors, ValidProfile};

/// Private small-business loan pre-qualification.
#[derive(Parser)]
#[command(name = "prequal", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check a merchant profile against every rule and list all problems.
    Validate {
        /// The profile, as JSON (`-` reads standard input).
        #[arg(long, value_name = "FILE")]
        profile: PathBuf,
        /// How to print the result.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },

    /// Score a profile with the shipped model: grade, PD, reasons, policy overlays, what-if.
    /// With `--csv`, score every row of a CSV and print one JSON line per row.
    #[command(group(clap::ArgGroup::new("input").required(true).args(["profile", "csv"])))]
    Score {
        /// The profile, as JSON (`-` reads standard input).
        #[arg(long, value_name = "FILE")]
        profile: Option<PathBuf>,
        /// A CSV of profiles, one per row, typed as in the web form (amounts in yuan).
        #[arg(long, value_name = "FILE")]
        csv: Option<PathBuf>,
        /// Maps the CSV's column names to profile field paths (default: the header already uses
        /// field paths such as `business.employees`).
        #[arg(long, value_name = "FILE")]
        schema: Option<PathBuf>,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    /// One line per problem, for people.
    Text,
    /// `{"valid": bool, "errors": [{"field", "rule", …}]}`, for programs.
    Json,
}

/// Exit code for input that was read but is invalid.
pub(crate) const INVALID: u8 = 1;
/// Exit code for usage problems (clap also uses 2 for bad arguments).
pub(crate) const USAGE: u8 = 2;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Validate { profile, format } => validate(&profile, format),
        Command::Score {
            profile: Some(profile),
            csv: None,
            schema: None,
        } => score(&profile),
        Command::Score {
            profile: None,
            csv: Some(csv),
            schema,
        } => bulk::score_csv(&csv, schema.as_deref()),
        Command::Score { .. } => {
            eprintln!(
                "prequal: score takes --profile FILE, or --csv FILE with an optional --schema FILE"
            );
            ExitCode::from(USAGE)
        }
    }
}

/// Reads and checks a profile file. `Err` carries the exit code for a file that could not be
/// read at all (a usage error); `Ok` carries the verdict on its content.
fn read_profile(path: &Path) -> Result<Result<ValidProfile, ProfileErrors>, ExitCode> {
    let text = read_input(path).map_err(|message| {
        eprintln!("prequal: {message}");
        ExitCode::from(USAGE)
    })?;
    Ok(profile::from_json(&text).and_then(|profile| profile.validate()))
}

fn validate(path: &Path, format: Format) -> ExitCode {
    let result = match read_profile(path) {
        Ok(result) => result,
        Err(code) => return code,
    };
    match (format, &result) {
        (Format::Json, _) => {
            let errors = result.as_ref().err().map_or(&[][..], |e| &e.errors[..]);
            let report = serde_json::json!({ "valid": result.is_ok(), "errors": errors });
            println!("{report:#}");
        }
        (Format::Text, Ok(valid)) => {
            println!("valid: {}", valid.profile().business.name);
        }
        (Format::Text, Err(ProfileErrors { errors })) => {
            println!("invalid: {} problem(s)", errors.len());
            for error in errors {
                println!("  {error}");
            }
        }
    }
    if result.is_ok() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(INVALID)
    }
}

fn score(path: &Path) -> ExitCode {
    match read_profile(path) {
        Err(code) => code,
        Ok(Ok(valid)) => {
            let assessment = Model::shipped().assess(&valid);
            match serde_json::to_string_pretty(&assessment) {
                Ok(json) => {
                    println!("{json}");
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("prequal: cannot print the assessment: {e}");
                    ExitCode::from(INVALID)
                }
            }
        }
        Ok(Err(ProfileErrors { errors })) => {
            eprintln!(
                "prequal: the profile is invalid ({} problem(s)):",
                errors.len()
            );
            for error in errors {
                eprintln!("  {error}");
            }
            ExitCode::from(INVALID)
        }
    }
}

/// Reads a file, or standard input for `-`.
pub(crate) fn read_input(path: &Path) -> Result<String, String> {
    if path == Path::new("-") {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .map_err(|e| format!("cannot read standard input: {e}"))?;
        Ok(text)
    } else {
        std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
    }
}
