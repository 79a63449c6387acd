//! `prequal match`: every product of a catalog against one profile, with the reasons, the
//! offer at the merchant's grade and the standard disclosure for the loan asked for.

use std::path::Path;
use std::process::ExitCode;

use prequal::assess::Model;
use prequal::catalog::{Grade, ValidCatalog};
use prequal::matching::{Matcher, Query, Report, Standing, Status};
use prequal_text::Lang;

use crate::{usage, valid_profile, Format, INVALID};

/// The catalog shipped with this build (`models/catalog.json`), used unless `--catalog` names
/// another.
pub const SHIPPED_CATALOG: &[u8] = prequal::catalog::SAMPLE_CATALOG_JSON;

/// Options of one `match` run.
pub struct Options<'a> {
    /// Profile file.
    pub profile: &'a Path,
    /// Grade given instead of scoring the profile.
    pub grade: Option<&'a str>,
    /// Catalog file instead of the shipped one.
    pub catalog: Option<&'a Path>,
    /// Filters and order.
    pub query: Query,
    /// Print every product, not only eligible ones and near misses.
    pub all: bool,
    /// Most products printed per group (0 for no limit).
    pub limit: usize,
    /// Chinese text.
    pub zh: bool,
    /// Text or JSON.
    pub format: Format,
}

/// Reads a catalog file (or the shipped one) and checks it; exit code on failure.
pub fn load_catalog(path: Option<&Path>) -> Result<ValidCatalog, ExitCode> {
    let bytes = match path {
        Some(path) => std::fs::read(path)
            .map_err(|e| usage(format!("cannot read {}: {e}", path.display())))?,
        None => SHIPPED_CATALOG.to_vec(),
    };
    ValidCatalog::from_json(&bytes).map_err(|errors| {
        eprintln!(
            "prequal: the catalog is invalid ({} problem(s)):",
            errors.errors.len()
        );
        for error in &errors.errors {
            eprintln!("  {error}");
        }
        ExitCode::from(INVALID)
    })
}

/// Runs `prequal match`.
pub fn run(options: Options<'_>) -> ExitCode {
    let profile = match valid_profile(options.profile) {
        Ok(profile) => profile,
        Err(code) => return code,
    };
    let model = Model::shipped();
    let standing = match options.grade {
        Some(name) => match Grade::from_name(&name.to_ascii_uppercase()) {
            Some(grade) => Standing::from_grade(grade, model),
            None => return usage(format!("--grade {name}: grades are A to G")),
        },
        None => Standing::from_assessment(&model.assess(&profile)),
    };
    let catalog = match load_catalog(options.catalog) {
        Ok(catalog) => catalog,
        Err(code) => return code,
    };
    let report = Matcher::new(&catalog, &profile, standing)
        .with_model(model)
        .report(&options.query, options.limit, options.all);
    match options.format {
        Format::Json => match serde_json::to_string_pretty(&prequal_text::json::report(&report)) {
            Ok(json) => out!("{json}"),
            Err(e) => return usage(format!("cannot print the report: {e}")),
        },
        Format::Text => print_text(&report, options.zh),
    }
    ExitCode::SUCCESS
}

/// The serialised name of an enumeration value (`equal_instalment`, `high`).
fn name<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

fn percent(bp: u32) -> String {
    format!("{}.{:02}%", bp / 100, bp % 100)
}

fn print_text(report: &Report, zh: bool) {
    let lang = if zh { Lang::zh_cn() } else { Lang::EN };
    let text = |label: &prequal::scorecard::Label| {
        if zh {
            label.zh.clone()
        } else {
            label.en.clone()
        }
    };
    let catalog = &report.catalog;
    out!("catalog {} sha256 {}", catalog.version, catalog.sha256);
    if catalog.sample {
        out!("{}", text(&catalog.notice));
    }
    let counts = &report.counts;
    out!(
        "grade {} (PD {:.1}%): {} products matched, {} eligible, {} near misses; {} not offered now, {} filtered out",
        report.standing.grade,
        report.standing.probability_of_default * 100.0,
        counts.matched,
        counts.eligible,
        counts.near_misses,
        counts.not_offered,
        counts.filtered_out,
    );
    if !report.first_steps.is_empty() {
        out!();
        out!("FIRST STEPS");
        for first in &report.first_steps {
            out!(
                "- {} ({}): leads to {} products, opens {} on its own",
                prequal_text::steps(lang, &first.steps),
                prequal_text::effort(lang, first.effort),
                first.products,
                first.opens
            );
        }
    }
    let mut heading = None;
    for product in &report.products {
        if heading != Some(product.status) {
            heading = Some(product.status);
            out!();
            out!(
                "{}",
                match product.status {
                    Status::Eligible => "ELIGIBLE",
                    Status::NearMiss => "WITHIN REACH (a path of steps in your hands)",
                    Status::NotEligible => "NOT ELIGIBLE",
                }
            );
        }
        out!(
            "- {} · {} [{}] {}",
            text(&product.institution_name),
            text(&product.name),
            product.kind.name(),
            product.id
        );
        if let (Some(offer), Some(d)) = (&product.offer, &product.disclosure) {
            out!(
                "  offers {}–{}, {}–{} months, {}–{} a year; odds {:?}; cost rank {}",
                prequal_text::money(lang, offer.amount_min_minor),
                prequal_text::money(lang, offer.amount_max_minor),
                offer.term_min_months,
                offer.term_max_months,
                percent(offer.rate_min_bp),
                percent(offer.rate_max_bp),
                product.odds.map_or(String::new(), |odds| name(&odds)),
                product.cost_rank.unwrap_or(0),
            );
            out!(
                "  {} over {} months ({}, {} {}): first payment {}, cost of credit {}, total {}, APR {:.2}%, prepayment {}",
                prequal_text::money(lang, d.amount_minor),
                d.term_months,
                name(&d.repayment),
                percent(d.annual_rate_bp),
                name(&d.rate_type),
                prequal_text::money(lang, d.first_payment_minor),
                prequal_text::money(lang, d.cost_of_credit_minor),
                prequal_text::money(lang, d.total_repayable_minor),
                d.apr * 100.0,
                if d.prepayment.allowed {
                    format!("allowed, fee {}", percent(d.prepayment.fee_bp))
                } else {
                    "not allowed".to_string()
                }
            );
        }
        for rule in product.rules.iter().filter(|r| !r.passed) {
            out!("  ✗ {}", prequal_text::check(lang, rule));
        }
        if let Some(path) = &product.path {
            for step in &path.steps {
                out!(
                    "  → {} ({})",
                    prequal_text::step(lang, step),
                    prequal_text::effort(lang, step.effort())
                );
            }
        }
    }
}
