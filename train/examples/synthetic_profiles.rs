//! Writes generated merchant profiles with outcomes (`prequal_train::synthetic`) as a bulk CSV,
//! ready for `prequal model train --schema examples/training/profiles.schema.json`:
//!
//! ```text
//! cargo run -p prequal-train --example synthetic_profiles -- ROWS SEED > profiles.csv
//! ```

use std::io::Write;

fn main() {
    let mut args = std::env::args().skip(1);
    let mut number = |name: &str, default: u64| match args.next() {
        None => default,
        Some(text) => text.parse().unwrap_or_else(|_| {
            eprintln!("synthetic_profiles: {name} must be a whole number, got {text:?}");
            std::process::exit(2)
        }),
    };
    let rows = number("ROWS", 6_000);
    let seed = number("SEED", 2_026);
    let csv = prequal_train::synthetic::csv(rows as usize, seed);
    if std::io::stdout().write_all(csv.as_bytes()).is_err() {
        std::process::exit(1);
    }
}
