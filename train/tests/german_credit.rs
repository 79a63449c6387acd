//! Pipeline check on the German credit data (1,000 rows, CC BY 4.0, see tests/data/README.md):
//! the whole pipeline, cross-validated, must reach the level published logistic regressions
//! reach on this set, and be deterministic.

use std::path::PathBuf;

use prequal_train::pipeline::{self, CheckedOptions, Options, OptionsError};
use prequal_train::schema::Schema;
use prequal_train::{cross_validated_auc, data};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn load() -> (data::Table, Schema) {
    let schema: Schema = serde_json::from_str(
        &std::fs::read_to_string(root().join("tests/data/germancredit.schema.json"))
            .expect("schema"),
    )
    .expect("schema parses");
    schema.check().expect("a schema of column data");
    let conversion = prequal::scorecard::Conversion { cny_per_usd: 7.1 };
    let table = data::load(
        &root().join("tests/data/germancredit.csv"),
        &schema,
        &conversion,
    )
    .expect("data loads");
    (table, schema)
}

fn options() -> CheckedOptions {
    Options {
        // Small data: the L2 grid is scaled to 800 training rows.
        alphas: vec![0.01, 0.1, 1.0, 10.0, 100.0],
        ..Options::default()
    }
    .check()
    .expect("valid options")
}

#[test]
fn options_are_checked_once_with_a_named_error() {
    let refused = |options: Options| options.check().expect_err("refused");
    assert_eq!(
        refused(Options {
            folds: 0,
            ..Options::default()
        }),
        OptionsError::Folds(0)
    );
    assert_eq!(
        refused(Options {
            folds: 1,
            ..Options::default()
        }),
        OptionsError::Folds(1)
    );
    assert!(matches!(
        refused(Options {
            holdout: 1.0,
            ..Options::default()
        }),
        OptionsError::Holdout(_)
    ));
    assert_eq!(
        refused(Options {
            alphas: vec![],
            ..Options::default()
        }),
        OptionsError::Alphas
    );
    assert_eq!(
        refused(Options {
            alphas: vec![f64::NAN],
            ..Options::default()
        }),
        OptionsError::Alphas
    );
    let mut unordered = Options::default();
    unordered.grades.swap(0, 1);
    assert!(matches!(refused(unordered), OptionsError::Grades(_)));
    assert!(matches!(
        refused(Options {
            cny_per_usd: 0.0,
            ..Options::default()
        }),
        OptionsError::CnyPerUsd(_)
    ));
    assert!(Options::default().check().is_ok());
}

#[test]
fn five_fold_auc_reaches_the_published_level() {
    let (table, schema) = load();
    assert_eq!(table.len(), 1000);
    assert_eq!(table.bad.iter().filter(|b| **b).count(), 300);
    let auc = cross_validated_auc(&table, &schema, &options()).expect("trains");
    println!("German credit, 5-fold cross-validated AUC: {auc:.4}");
    assert!(auc >= 0.76, "AUC {auc:.4} is below 0.76");
}

#[test]
fn training_is_deterministic_and_monotone_where_asked() {
    let (table, schema) = load();
    let first = pipeline::fit(&table, &schema, &options()).expect("trains");
    let second = pipeline::fit(&table, &schema, &options()).expect("trains");
    let json = |f: &pipeline::Fitted| serde_json::to_string(&f.scorecard).expect("serialises");
    assert_eq!(json(&first), json(&second));
    for characteristic in &first.scorecard.characteristics {
        let rates: Vec<f64> = characteristic.bins.iter().map(|b| b.bad_rate).collect();
        if schema
            .features
            .iter()
            .any(|f| f.name == characteristic.feature && f.monotone)
        {
            let up = rates.windows(2).all(|w| w[0] <= w[1]);
            let down = rates.windows(2).all(|w| w[0] >= w[1]);
            assert!(up || down, "{}: {rates:?}", characteristic.feature);
        }
    }
    // Calibration: mean predicted PD close to the observed bad rate.
    let pd = first.probabilities(&table);
    let mean = pd.iter().sum::<f64>() / pd.len() as f64;
    assert!((mean - 0.3).abs() < 0.01, "mean PD {mean}");
}

#[test]
fn boosting_reaches_the_published_level_too() {
    let (table, schema) = load();
    let settings = prequal_train::ebm::EbmOptions {
        // 800 training rows: bins of at least 2 % (16 rows), a prior of about 40 rows per bin.
        min_bin_share: 0.02,
        max_bins: 16,
        l2: 10.0,
        pairs: 3,
        ..Default::default()
    };
    let auc = prequal_train::boosting_cross_validated_auc(&table, &schema, &options(), &settings)
        .expect("trains");
    println!("German credit, 5-fold cross-validated AUC with explainable boosting: {auc:.4}");
    assert!(auc >= 0.76, "AUC {auc:.4} is below 0.76");
}
