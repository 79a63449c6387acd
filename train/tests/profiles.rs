//! Training on merchant profiles (the bulk-CSV format with an outcome column), as a portal does
//! with `prequal model train`: on generated applications whose default log-odds rise with
//! revenue volatility and with tax arrears and depend on nothing else
//! (`prequal_train::synthetic`), the features the core computes from each profile must carry
//! that truth into the model — the right shapes, the right size, nothing much elsewhere, and
//! the right reasons for a merchant.

use std::path::{Path, PathBuf};

use prequal::assess::Model;
use prequal::scorecard::{Condition, Scorecard};
use prequal_train::run::{self, TrainError};
use prequal_train::schema::{Schema, SchemaError};
use prequal_train::synthetic;

const ROWS: usize = 6_000;
const SEED: u64 = 2_026;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn schema() -> Schema {
    serde_json::from_str(
        &std::fs::read_to_string(root().join("examples/training/profiles.schema.json"))
            .expect("example schema"),
    )
    .expect("schema parses")
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    std::fs::create_dir_all(dir).expect("temp dir");
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write");
    path
}

fn temp(name: &str) -> PathBuf {
    std::env::temp_dir().join(format!("prequal-train-{name}-{}", std::process::id()))
}

/// Points of characteristic `feature` in the bin holding `x`.
fn points_at(card: &Scorecard, feature: &str, x: f64) -> i32 {
    let c = card
        .characteristics
        .iter()
        .find(|c| c.feature == feature)
        .unwrap_or_else(|| panic!("{feature} in the model"));
    c.bins
        .iter()
        .find(|b| match b.condition {
            Condition::Range { lower, upper } => {
                lower.is_none_or(|l| x >= l) && upper.is_none_or(|u| x < u)
            }
            _ => false,
        })
        .expect("a bin for every number")
        .points
}

fn spread(card: &Scorecard, feature: &str) -> i32 {
    let c = card
        .characteristics
        .iter()
        .find(|c| c.feature == feature)
        .expect("feature");
    let points = c.bins.iter().filter(|b| b.count > 0).map(|b| b.points);
    points.clone().max().unwrap_or(0) - points.min().unwrap_or(0)
}

#[test]
fn a_model_trained_on_profiles_recovers_the_truth_and_gives_its_reasons() {
    let dir = temp("truth");
    let data = write(&dir, "profiles.csv", &synthetic::csv(ROWS, SEED));
    let trained = run::train(&data, &schema(), &mut |_| {}).expect("trains");
    let card = &trained.scorecard;
    assert!(card.training.from_profiles);
    assert!(
        card.training.notes.iter().any(
            |n| n == "Rows with a profile that breaks a rule of the profile format: 0 left out"
        ),
        "every generated profile is valid: {:?}",
        card.training.notes
    );

    // Ranking: close to the truth's own AUC on the same applications.
    let applications = synthetic::applications(ROWS, SEED);
    let truth_auc = prequal_train::metrics::auc(
        &applications.iter().map(|a| a.logit).collect::<Vec<_>>(),
        &applications.iter().map(|a| a.defaulted).collect::<Vec<_>>(),
    );
    let auc = card.metrics.evaluations[0].auc;
    println!("holdout AUC {auc:.4}, truth on all rows {truth_auc:.4}");
    assert!(
        auc > truth_auc - 0.03,
        "AUC {auc:.4} against the truth's {truth_auc:.4}"
    );

    // Shapes, in points (20 points double the odds: 28.85 points per unit of log-odds).
    let per_logit = 20.0 / std::f64::consts::LN_2;
    let volatility = points_at(card, "revenue_volatility_pct", 8.0)
        - points_at(card, "revenue_volatility_pct", 40.0);
    let true_volatility = synthetic::TRUE_VOLATILITY_SLOPE * 32.0 * per_logit;
    let arrears = points_at(card, "tax_arrears", 0.0) - points_at(card, "tax_arrears", 3_000.0);
    let true_arrears = synthetic::TRUE_ARREARS_EFFECT * per_logit;
    println!("volatility 8 % → 40 %: {volatility} points (truth {true_volatility:.0}); arrears: {arrears} (truth {true_arrears:.0})");
    assert!(
        (f64::from(volatility) - true_volatility).abs() < 0.25 * true_volatility,
        "volatility: {volatility} points against {true_volatility:.0}"
    );
    assert!(
        (f64::from(arrears) - true_arrears).abs() < 0.25 * true_arrears,
        "arrears: {arrears} points against {true_arrears:.0}"
    );
    // Nothing else matters in the truth: every other feature moves the score far less.
    for c in &card.characteristics {
        if !matches!(c.feature.as_str(), "revenue_volatility_pct" | "tax_arrears") {
            let s = spread(card, &c.feature);
            println!("{}: spread {s}", c.feature);
            assert!(s < arrears / 2, "{}: {s} points of spread", c.feature);
        }
    }

    // The artifact loads as every loader loads it, and a merchant with uneven sales and tax
    // in arrears is told exactly those two things first.
    let model = Model::from_json(&trained.json).expect("loads");
    assert_eq!(model.id(), trained.model_id);
    let weak = std::fs::read_to_string(root().join("examples/profiles/weak.json"))
        .expect("the weak sample");
    let weak = prequal::profile::from_json(&weak)
        .expect("parses")
        .validate()
        .expect("valid");
    let assessment = model.assess(&weak);
    let reasons: Vec<&str> = assessment
        .reasons
        .iter()
        .map(|r| r.feature.as_str())
        .collect();
    assert_eq!(
        &reasons[..2],
        ["revenue_volatility_pct", "tax_arrears"],
        "{reasons:?}"
    );

    // Deterministic: the same data gives the same bytes.
    let again = run::train(&data, &schema(), &mut |_| {}).expect("trains");
    assert_eq!(again.json, trained.json);
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn schemas_and_data_that_cannot_make_a_model_are_refused_by_name() {
    let mut unknown = schema();
    unknown.features[0].name = "revenue_mood".into();
    assert!(matches!(
        unknown.check(),
        Err(SchemaError::UnknownFeature { ref name, .. }) if name == "revenue_mood"
    ));
    let mut kind = schema();
    kind.features[0].kind = prequal_train::schema::Kind::Categorical;
    assert!(matches!(kind.check(), Err(SchemaError::KindDiffers { .. })));
    let mut column = schema();
    column.features[1].column = Some("TaxOwed".into());
    assert!(matches!(
        column.check(),
        Err(SchemaError::ColumnOption {
            option: "column",
            ..
        })
    ));

    // Too few outcomes to split and test.
    let dir = temp("few");
    let few = write(&dir, "few.csv", &synthetic::csv(60, SEED));
    assert!(matches!(
        run::train(&few, &schema(), &mut |_| {}),
        Err(TrainError::TooFew { .. })
    ));
    // Rows that break a profile rule are left out and counted, and the first is named.
    let mut text = synthetic::csv(400, SEED);
    text = text.replacen(",2026-11-01,", ",2026-13-01,", 3);
    let broken = write(&dir, "broken.csv", &text);
    let table = prequal_train::data::load(
        &broken,
        &schema(),
        &prequal::scorecard::Conversion { cny_per_usd: 7.1 },
    )
    .expect("loads the rest");
    assert_eq!(table.len(), 397);
    let first = table.first_unreadable.expect("named");
    assert!(
        first.contains("line 2") && first.contains("as_of"),
        "{first}"
    );
    let _ = std::fs::remove_dir_all(dir);
}
