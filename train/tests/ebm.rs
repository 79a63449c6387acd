//! The explainable boosting learner on data drawn from a known model: an additive truth with
//! one interaction, so what it recovers can be checked against what generated the data.

use prequal_train::data::{Column, Table};
use prequal_train::ebm::{self, Ebm, EbmOptions};
use prequal_train::schema::FeatureSpec;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

const ROWS: usize = 100_000;

/// The true log-odds of bad: a rising effect of `x` (0–100), a category effect, no effect of
/// `noise`, and +1.2 for category `c` with `x` above 50 (the interaction).
fn truth(x: f64, category: &str) -> f64 {
    let main_x = -1.5 + 0.02 * x;
    let main_c = match category {
        "a" => 0.5,
        "b" => 0.0,
        _ => -0.5,
    };
    let pair = if category == "c" && x > 50.0 {
        1.2
    } else {
        0.0
    };
    main_x + main_c + pair
}

fn spec(name: &str, kind: &str, monotone: bool) -> FeatureSpec {
    serde_json::from_value(serde_json::json!({
        "name": name, "column": name, "kind": kind, "monotone": monotone,
        "label": {"en": name, "zh": name}
    }))
    .expect("spec")
}

fn sample() -> (Table, Vec<f64>) {
    let mut rng = ChaCha8Rng::seed_from_u64(7);
    let (mut xs, mut cs, mut noise, mut bad, mut logits) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for _ in 0..ROWS {
        let x = f64::from(rng.gen_range(0..=100u8));
        let c = ["a", "b", "c"][rng.gen_range(0..3)];
        let logit = truth(x, c);
        xs.push(x);
        cs.push(c.to_owned());
        noise.push(f64::from(rng.gen_range(0..50u8)));
        bad.push(rng.gen::<f64>() < 1.0 / (1.0 + (-logit).exp()));
        logits.push(logit);
    }
    let table = Table {
        columns: vec![
            Column::Numeric(xs),
            Column::Categorical(cs),
            Column::Numeric(noise),
        ],
        bad,
        year: vec![None; ROWS],
        excluded: Vec::new(),
        first_unreadable: None,
    };
    (table, logits)
}

fn fit(pairs: usize) -> (Ebm, Table, Vec<f64>) {
    let (table, logits) = sample();
    let specs = [
        spec("x", "numeric", false),
        spec("category", "categorical", false),
        spec("noise", "numeric", false),
    ];
    let options = EbmOptions {
        pairs,
        bags: 4,
        ..EbmOptions::default()
    };
    (ebm::fit(&table, &specs, &options), table, logits)
}

/// Mean absolute gap between the model's and the truth's log-odds, both centred on the rows.
fn mean_gap(model: &Ebm, table: &Table, truth: &[f64]) -> f64 {
    let fitted: Vec<f64> = (0..table.len())
        .map(|i| model.logit(&model.bins_of(table, i)))
        .collect();
    let centre = |v: &[f64]| {
        let mean = v.iter().sum::<f64>() / v.len() as f64;
        v.iter().map(|x| x - mean).collect::<Vec<_>>()
    };
    let (fitted, truth) = (centre(&fitted), centre(truth));
    fitted
        .iter()
        .zip(&truth)
        .map(|(a, b)| (a - b).abs())
        .sum::<f64>()
        / truth.len() as f64
}

#[test]
fn recovers_the_shapes_and_the_interaction_of_a_known_model() {
    let (model, table, truth) = fit(1);

    // The one pair it picks is the true interaction, x × category.
    assert_eq!(model.pairs.len(), 1);
    assert_eq!(model.pairs[0].features, [0, 1]);

    // The whole model is within 0.08 log-odds of the truth on average.
    let gap = mean_gap(&model, &table, &truth);
    println!("mean gap to the truth {gap:.3}");
    assert!(gap < 0.08, "mean gap {gap:.3}");

    // The interaction: for category c, going from x ≤ 50 to x > 50 adds 1.2 more than it does
    // for category a — read off the model's total log-odds on both sides of 50.
    let at = |x: f64, c: &str| {
        let bins: Vec<usize> = [
            prequal::scorecard::FeatureValue::Number(x),
            prequal::scorecard::FeatureValue::Category(c.to_owned()),
            prequal::scorecard::FeatureValue::Number(25.0),
        ]
        .iter()
        .zip(&model.bins)
        .map(|(v, bins)| {
            prequal::scorecard::find_bin(bins.iter().map(|b| &b.condition), v).expect("a bin")
        })
        .collect();
        model.logit(&bins)
    };
    let jump = |c: &str| at(75.0, c) - at(25.0, c);
    let contrast = jump("c") - jump("a");

    // Where there is no interaction (categories a and b), the model's log-odds rise by the
    // truth's 0.02 × 100 = 2 from x = 0 to x = 100, and the category effects keep their gap of
    // 0.5; the noise feature stays flat.
    let rise = |c: &str| at(100.0, c) - at(0.0, c);
    let (rise_a, rise_b) = (rise("a"), rise("b"));
    let gap_ab = at(30.0, "a") - at(30.0, "b");
    let flat = &model.shapes[2];
    let spread = flat.iter().copied().fold(f64::MIN, f64::max)
        - flat.iter().copied().fold(f64::MAX, f64::min);
    println!(
        "rise of x: {rise_a:.2} (a), {rise_b:.2} (b); a − b {gap_ab:.2}; noise spread {spread:.2}; interaction contrast {contrast:.2}"
    );
    assert!(
        (contrast - 1.2).abs() < 0.3,
        "interaction contrast {contrast:.2}"
    );
    for r in [rise_a, rise_b] {
        assert!((r - 2.0).abs() < 0.3, "rise of x {r:.2}");
    }
    assert!((gap_ab - 0.5).abs() < 0.15, "a − b {gap_ab:.2}");
    // (About 3,000 rows per bin: sampling noise alone spreads a flat shape by ~0.2.)
    assert!(spread < 0.3, "noise spread {spread:.2}");
}

#[test]
fn the_pair_table_explains_what_the_additive_model_cannot() {
    let (additive, table, truth) = fit(0);
    let (with_pair, _, _) = fit(1);
    let (without, with) = (
        mean_gap(&additive, &table, &truth),
        mean_gap(&with_pair, &table, &truth),
    );
    println!("mean gap: additive {without:.3}, with the pair {with:.3}");
    assert!(with < without * 0.6, "gap {without:.3} → {with:.3}");
}

#[test]
fn the_same_data_and_seed_give_the_same_model() {
    let (first, _, _) = fit(1);
    let (second, _, _) = fit(1);
    assert_eq!(first.shapes, second.shapes);
    assert_eq!(first.pairs[0].cells, second.pairs[0].cells);
    assert_eq!(first.intercept.to_bits(), second.intercept.to_bits());
}
