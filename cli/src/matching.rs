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

fn print_text(report: &Report, zh: bool) {
    use prequal_text::{message, Arg};
    let lang = if zh { Lang::zh_cn() } else { Lang::EN };
    let say = |id: &str, args: &[(&str, Arg<'_>)]| message(lang, id, args);
    let text = |label: &prequal::scorecard::Label| {
        if zh {
            label.zh.clone()
        } else {
            label.en.clone()
        }
    };
    let money = |minor: i64| prequal_text::money(lang, minor);
    let rate = |bp: u32| prequal_text::rate_bp(i64::from(bp));
    let catalog = &report.catalog;
    out!(
        "{}",
        say(
            "cli-catalog",
            &[
                ("version", catalog.version.as_str().into()),
                ("sha", catalog.sha256.as_str().into())
            ]
        )
    );
    if catalog.sample {
        out!("{}", text(&catalog.notice));
    }
    let counts = &report.counts;
    out!(
        "{}",
        say(
            "cli-summary",
            &[
                ("grade", report.standing.grade.name().into()),
                (
                    "pd",
                    prequal_text::probability(lang, report.standing.probability_of_default).into()
                ),
                ("matched", i64::try_from(counts.matched).unwrap_or(0).into()),
                (
                    "eligible",
                    i64::try_from(counts.eligible).unwrap_or(0).into()
                ),
                (
                    "near",
                    i64::try_from(counts.near_misses).unwrap_or(0).into()
                ),
                (
                    "not_offered",
                    i64::try_from(counts.not_offered).unwrap_or(0).into()
                ),
                (
                    "filtered",
                    i64::try_from(counts.filtered_out).unwrap_or(0).into()
                ),
            ]
        )
    );
    if !report.first_steps.is_empty() {
        out!();
        out!("{}", say("cli-first-steps", &[]));
        for first in &report.first_steps {
            out!(
                "- {}",
                say(
                    "cli-stage",
                    &[
                        ("steps", prequal_text::steps(lang, &first.steps).into()),
                        ("effort", prequal_text::effort(lang, first.effort).into()),
                        (
                            "products",
                            i64::try_from(first.products).unwrap_or(0).into()
                        ),
                        ("opens", i64::try_from(first.opens).unwrap_or(0).into()),
                    ]
                )
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
                say(
                    match product.status {
                        Status::Eligible => "cli-eligible",
                        Status::NearMiss => "cli-within-reach",
                        Status::NotEligible => "cli-not-eligible",
                    },
                    &[]
                )
            );
        }
        out!(
            "- {} · {} [{}] {}",
            text(&product.institution_name),
            text(&product.name),
            prequal_text::kind(lang, product.kind),
            product.id
        );
        if let (Some(offer), Some(d)) = (&product.offer, &product.disclosure) {
            out!(
                "  {}",
                say(
                    "cli-offer",
                    &[
                        ("min", money(offer.amount_min_minor).into()),
                        ("max", money(offer.amount_max_minor).into()),
                        ("term_min", offer.term_min_months.into()),
                        ("term_max", offer.term_max_months.into()),
                        ("rate_min", rate(offer.rate_min_bp).into()),
                        ("rate_max", rate(offer.rate_max_bp).into()),
                        (
                            "odds",
                            product
                                .odds
                                .map_or(String::new(), |odds| prequal_text::odds(lang, odds))
                                .into()
                        ),
                        ("rank", i64::from(product.cost_rank.unwrap_or(0)).into()),
                    ]
                )
            );
            let prepayment = if d.prepayment.allowed {
                say(
                    "cli-prepay-allowed",
                    &[("fee", rate(d.prepayment.fee_bp).into())],
                )
            } else {
                say("cli-prepay-not", &[])
            };
            out!(
                "  {}",
                say(
                    "cli-disclosure",
                    &[
                        ("amount", money(d.amount_minor).into()),
                        ("months", d.term_months.into()),
                        (
                            "repayment",
                            prequal_text::repayment(lang, d.repayment).into()
                        ),
                        ("rate", rate(d.annual_rate_bp).into()),
                        (
                            "rate_type",
                            prequal_text::rate_type(lang, d.rate_type).into()
                        ),
                        ("first", money(d.first_payment_minor).into()),
                        ("cost", money(d.cost_of_credit_minor).into()),
                        ("total", money(d.total_repayable_minor).into()),
                        (
                            "apr",
                            format!("{:.2}%", d.effective_annual_rate * 100.0).into()
                        ),
                        ("simple", format!("{:.2}%", d.apr * 100.0).into()),
                        ("prepayment", prepayment.into()),
                    ]
                )
            );
            for item in &d.cost_items {
                out!("    · {}", prequal_text::cost_item(lang, item));
            }
            out!(
                "    {}",
                prequal_text::message(
                    lang,
                    "amount-received",
                    &[("amount", money(d.amount_received_minor).into())]
                )
            );
            for item in &d.subsidies {
                out!("    + {}", prequal_text::subsidy(lang, item));
            }
            if d.cost_after_refunds_minor != d.cost_of_credit_minor {
                out!(
                    "    {}",
                    prequal_text::message(
                        lang,
                        "cost-after-refunds",
                        &[("amount", money(d.cost_after_refunds_minor).into())]
                    )
                );
            }
        }
        for rule in product.rules.iter().filter(|r| !r.passed) {
            out!("  ✗ {}", prequal_text::check(lang, rule));
        }
        if let Some(path) = &product.path {
            for step in &path.steps {
                out!(
                    "  → {} · {}",
                    prequal_text::step(lang, step),
                    prequal_text::effort(lang, step.effort())
                );
            }
        }
    }
}
