//! Scoring with the shipped scorecard: golden assessments of the sample profiles, the policy
//! overlays, what-if, monotonicity properties, and refusal of malformed artifacts.
#![cfg(feature = "shipped-model")]

use prequal::assess::{Change, Model, ModelError, SHIPPED_SCORECARD};
use prequal::profile::{self, ListStatus, MerchantProfile, ValidProfile};
use prequal::scorecard::Grade;
use proptest::prelude::*;
use serde_json::Value;

fn sample(name: &str) -> MerchantProfile {
    let path = format!(
        "{}/examples/profiles/{name}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    profile::from_json(&std::fs::read_to_string(path).expect("sample")).expect("parses")
}

fn valid(profile: &MerchantProfile) -> ValidProfile {
    profile.validate().expect("valid")
}

fn grade_rank(grade: &Grade) -> usize {
    *grade as usize
}

/// Golden files: `PREQUAL_BLESS=1 cargo test --test scoring` rewrites them after a retrain, so
/// the change shows up in review.
#[test]
fn golden_assessments_of_the_sample_profiles() {
    for name in ["strong", "weak", "new-business"] {
        let assessment = Model::shipped().assess(&valid(&sample(name)));
        let actual = serde_json::to_string_pretty(&assessment).expect("serialises") + "\n";
        let path = format!(
            "{}/tests/golden/{name}.assessment.json",
            env!("CARGO_MANIFEST_DIR")
        );
        if std::env::var_os("PREQUAL_BLESS").is_some() {
            std::fs::write(&path, &actual).expect("bless");
        }
        let expected =
            std::fs::read_to_string(&path).expect("golden file (bless with PREQUAL_BLESS=1)");
        assert_eq!(actual, expected, "{name} differs from {path}");
    }
}

#[test]
fn a_strong_business_grades_better_than_a_weak_one() {
    let model = Model::shipped();
    let strong = model.assess(&valid(&sample("strong")));
    let weak = model.assess(&valid(&sample("weak")));
    assert!(strong.score > weak.score);
    assert!(strong.probability_of_default < weak.probability_of_default);
    assert!(grade_rank(&strong.grade) < grade_rank(&weak.grade));
    assert!(strong.overlays.is_empty());
}

#[test]
fn reasons_are_the_largest_shortfalls_in_order() {
    for name in ["strong", "weak", "new-business"] {
        let a = Model::shipped().assess(&valid(&sample(name)));
        assert!(a.reasons.len() <= 4);
        let shortfalls: Vec<i32> = a.reasons.iter().map(|r| r.max_points - r.points).collect();
        assert!(shortfalls.iter().all(|s| *s > 0));
        assert!(
            shortfalls.windows(2).all(|w| w[0] >= w[1]),
            "{shortfalls:?}"
        );
        let largest_left_out = a
            .contributions
            .iter()
            .filter(|c| !a.reasons.contains(c))
            .map(|c| c.max_points - c.points)
            .max()
            .unwrap_or(0);
        assert!(shortfalls.last().is_none_or(|s| *s >= largest_left_out));
        // A reason is a real shortfall: some complete profile does better on it.
        assert!(a.reasons.iter().all(|r| r.max_points > r.points));
    }
}

#[test]
fn overlays_are_policy_on_top_of_the_statistical_grade() {
    let model = Model::shipped();
    // The weak sample has tax arrears, power arrears and three late power bills.
    let weak = model.assess(&valid(&sample("weak")));
    let ids: Vec<&str> = weak.overlays.iter().map(|o| o.id.as_str()).collect();
    assert_eq!(ids, ["tax-arrears", "power-arrears", "late-power-bills"]);
    let last = model.scorecard().grades.len() - 1;
    assert_eq!(
        grade_rank(&weak.grade),
        (grade_rank(&weak.statistical_grade) + 3).min(last)
    );
    assert!(weak
        .overlays
        .iter()
        .all(|o| o.reason.en.starts_with("Policy:")));

    let mut listed = sample("strong");
    listed.court.list_status = ListStatus::BlackList;
    assert_eq!(model.assess(&valid(&listed)).grade, Grade::G);
    let mut judged = sample("strong");
    judged.court.unsatisfied_judgements = 1;
    let judged = model.assess(&valid(&judged));
    assert!(grade_rank(&judged.grade) >= grade_rank(&Grade::F));
    assert_eq!(
        judged.statistical_grade,
        model.assess(&valid(&sample("strong"))).statistical_grade
    );
}

#[test]
fn what_if_offers_clearing_each_overlay_and_marks_the_smallest_improvement() {
    let weak = Model::shipped().assess(&valid(&sample("weak")));
    for overlay in &weak.overlays {
        assert!(weak
            .what_if
            .options
            .iter()
            .any(|o| matches!(&o.change, Change::ClearOverlay { id, .. } if *id == overlay.id)));
    }
    if let Some(i) = weak.what_if.smallest_improvement {
        let best = &weak.what_if.options[i];
        assert!(best.improves);
        assert!(grade_rank(&best.grade) < grade_rank(&weak.grade));
    }
    for option in &weak.what_if.options {
        assert_eq!(
            option.improves,
            grade_rank(&option.grade) < grade_rank(&weak.grade)
        );
    }
}

/// The score of a generated profile, which must be valid: a property compared over two
/// invalid profiles (`None >= None`) would pass without comparing any score.
fn scored(profile: &MerchantProfile) -> i32 {
    let valid = profile
        .validate()
        .unwrap_or_else(|e| panic!("the generator made an invalid profile: {e:?}"));
    Model::shipped().score(&valid)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn more_employees_never_lower_the_score(base in 1i64..5_000, extra in 0i64..5_000) {
        let mut small = sample("strong");
        small.business.employees = base;
        small.social_insurance.insured_staff = 0;
        let mut large = small.clone();
        large.business.employees = base + extra;
        prop_assert!(scored(&large) >= scored(&small));
    }

    #[test]
    fn an_older_business_never_scores_lower(months in 1i64..128, more in 0i64..128) {
        let mut young = sample("strong");
        young.business.months_in_operation = months;
        let mut older = young.clone();
        older.business.months_in_operation = (months + more).min(128);
        let fit = |p: &mut MerchantProfile| {
            let n = p.business.months_in_operation.min(12) as usize;
            p.revenue.monthly_minor.truncate(n);
            while p.revenue.monthly_minor.len() < n { p.revenue.monthly_minor.push(10_000_000); }
            p.tax.months_filed_last_12 = p.tax.months_filed_last_12.min(n as i64);
            p.social_insurance.months_paid_last_12 = p.social_insurance.months_paid_last_12.min(n as i64);
        };
        fit(&mut young);
        fit(&mut older);
        prop_assert!(scored(&older) >= scored(&young));
    }

    #[test]
    fn adding_collateral_never_lowers_the_score(value in 1i64..100_000_000_000, name in prop::sample::select(vec!["strong", "weak", "new-business"])) {
        let mut without = sample(name);
        without.collateral.real_estate_value_minor = 0;
        let mut with = without.clone();
        with.collateral.real_estate_value_minor = value;
        prop_assert!(scored(&with) >= scored(&without));
    }
}

fn broken(edit: impl FnOnce(&mut Value)) -> ModelError {
    let mut card: Value = serde_json::from_str(SHIPPED_SCORECARD).expect("artifact is JSON");
    edit(&mut card);
    Model::from_json(&card.to_string()).expect_err("refused")
}

#[test]
fn malformed_artifacts_are_refused_with_their_own_error() {
    assert!(matches!(
        broken(|c| c["format"] = "prequal.scorecard/9".into()),
        ModelError::Version(_)
    ));
    assert!(matches!(
        broken(|c| c["characteristics"][0]["feature"] = "shoe_size".into()),
        ModelError::UnknownFeature(_)
    ));
    assert!(matches!(
        broken(|c| c["calibration"]["slope"] = 0.5.into()),
        ModelError::Calibration
    ));
    assert!(matches!(
        broken(|c| c["grades"].as_array_mut().expect("grades").reverse()),
        ModelError::Grades
    ));
    let numeric = |c: &Value| {
        c["characteristics"]
            .as_array()
            .expect("list")
            .iter()
            .position(|ch| ch["feature"] == "employees")
            .expect("employees")
    };
    assert!(matches!(
        broken(|c| {
            let i = numeric(c);
            c["characteristics"][i]["bins"]
                .as_array_mut()
                .expect("bins")
                .remove(1);
        }),
        ModelError::Bins { .. }
    ));
    assert!(matches!(
        broken(|c| c["overlays"][0]["effect"]["grade"] = "Z".into()),
        ModelError::Overlay(_)
    ));
    assert!(matches!(
        broken(|c| c["interactions"][0]["characteristics"] = serde_json::json!([0, 99])),
        ModelError::Interaction { index: 0, .. }
    ));
    assert!(matches!(
        broken(|c| {
            c["interactions"][0]["points"]
                .as_array_mut()
                .expect("rows")
                .pop();
        }),
        ModelError::Interaction { index: 0, .. }
    ));
    assert!(matches!(
        broken(|c| c["scaling"] = Value::Null),
        ModelError::Format(_)
    ));
}

#[test]
fn the_model_id_is_the_sha256_of_the_artifact() {
    let id = Model::shipped().id();
    assert_eq!(id.len(), 64);
    assert_eq!(Model::from_json(SHIPPED_SCORECARD).expect("valid").id(), id);
    let reformatted = SHIPPED_SCORECARD.replace("  ", " ");
    assert_ne!(Model::from_json(&reformatted).expect("valid").id(), id);
}

#[path = "support/generated_profiles.rs"]
mod generated_profiles;

/// Holds 1,000 generated profiles' `lines` to `tests/golden/{name}` (bless with
/// PREQUAL_BLESS=1), which the browser test checks too.
fn thousand_lines_are_golden(name: &str, lines: &str) {
    let path = format!("{}/tests/golden/{name}", env!("CARGO_MANIFEST_DIR"));
    if std::env::var_os("PREQUAL_BLESS").is_some() {
        std::fs::write(&path, lines).expect("bless");
    }
    let golden = std::fs::read_to_string(&path).expect("golden file (bless with PREQUAL_BLESS=1)");
    assert_eq!(lines.lines().count(), 1000);
    assert!(lines == golden, "native values differ from {path}");
}

/// The native half of the native/wasm identity check: 1,000 generated profiles' scores and PD
/// bits must equal `tests/golden/scores-1000.txt`, which the browser test checks too.
#[test]
fn generated_profiles_score_to_the_golden_bits() {
    let lines = generated_profiles::score_lines(&sample("strong"), Model::shipped());
    thousand_lines_are_golden("scores-1000.txt", &lines);
}

/// Likewise every feature of the library for the same 1,000 profiles
/// (`tests/golden/features-1000.txt`, which the browser test checks too): the inputs of any
/// model a portal trains on profiles are the same bits natively and in the browser.
#[test]
fn generated_profiles_have_the_golden_feature_bits() {
    let lines = generated_profiles::feature_lines(&sample("strong"));
    thousand_lines_are_golden("features-1000.txt", &lines);
}

/// The committed signature of the shipped model is the sample operator's, over these bytes.
const SHIPPED_SIGNATURE: &str = include_str!("../models/scorecard.json.jws");

fn sample_key() -> prequal::jws::PublicKey {
    prequal::jws::PublicKey::from_did_key(prequal::assess::SAMPLE_OPERATOR_KEY).expect("did:key")
}

#[test]
fn the_shipped_model_is_signed_by_the_sample_operator_key() {
    let model = Model::verified(
        SHIPPED_SCORECARD.as_bytes(),
        Some(SHIPPED_SIGNATURE),
        &sample_key(),
    )
    .expect("verifies");
    assert_eq!(model.id(), Model::shipped().id());
    // The signed path's own reader gives what the full reader gives, evaluations aside.
    let mut full = Model::from_json(SHIPPED_SCORECARD)
        .expect("valid")
        .scorecard()
        .clone();
    full.metrics.evaluations.clear();
    full.metrics.compared.clear();
    full.training.notes.clear();
    assert_eq!(model.scorecard(), &full);
    // The published sample key file is the key the constant names.
    let jwk: prequal::jws::Jwk =
        serde_json::from_str(include_str!("../models/sample-operator.jwk")).expect("a JWK");
    assert_eq!(
        jwk.secret_key().expect("private").public().did_key(),
        prequal::assess::SAMPLE_OPERATOR_KEY
    );
}

#[test]
fn unsigned_tampered_or_foreign_models_are_refused_with_their_own_error() {
    let bytes = SHIPPED_SCORECARD.as_bytes();
    let key = sample_key();
    assert_eq!(
        Model::verified(bytes, None, &key).expect_err("unsigned"),
        ModelError::Unsigned
    );
    assert_eq!(
        Model::verified(bytes, Some("  "), &key).expect_err("empty"),
        ModelError::Unsigned
    );
    // One changed point in the artifact: the signature no longer covers it.
    let tampered = SHIPPED_SCORECARD.replacen("\"points\": ", "\"points\": 1", 1);
    assert_eq!(
        Model::verified(tampered.as_bytes(), Some(SHIPPED_SIGNATURE), &key).expect_err("tampered"),
        ModelError::Signature(prequal::jws::JwsError::Signature)
    );
    // Signed by someone else than the trusted key.
    let stranger = prequal::jws::SecretKey::from_seed(&[3; 32]);
    let theirs =
        prequal::jws::sign_detached(bytes, &stranger, prequal::assess::MODEL_SIGNATURE_TYPE);
    assert!(matches!(
        Model::verified(bytes, Some(&theirs), &key).expect_err("foreign"),
        ModelError::Signature(prequal::jws::JwsError::WrongKey { .. })
    ));
    // What the full reader refuses in the members the signed path reads, it refuses too.
    let operator = prequal::jws::SecretKey::from_seed(&[5; 32]);
    let signed = |text: &str| {
        let signature = prequal::jws::sign_detached(
            text.as_bytes(),
            &operator,
            prequal::assess::MODEL_SIGNATURE_TYPE,
        );
        Model::verified(text.as_bytes(), Some(&signature), &operator.public())
    };
    for (edit, path) in [
        (("\"kind\": \"range\"", "\"kind\": \"ranges\""), "kind"),
        (("\"points\": ", "\"points\": \"x\", \"was\": "), "points"),
        (
            ("\"fact\": \"black_list\"", "\"fact\": \"grey_list\""),
            "fact",
        ),
        (("\"pdo\": ", "\"pdo_\": "), "pdo"),
    ] {
        let broken = SHIPPED_SCORECARD.replacen(edit.0, edit.1, 1);
        assert!(Model::from_json(&broken).is_err(), "{path}");
        match signed(&broken) {
            Err(ModelError::Format(detail)) => assert!(detail.contains(path), "{detail}"),
            other => panic!("{path}: {other:?}"),
        }
    }
    assert!(matches!(
        signed(&SHIPPED_SCORECARD.replacen("\"slope\": -", "\"slope\": ", 1)),
        Err(ModelError::Calibration)
    ));
    // The trusted key's signature made for a catalog does not stand in for a model's.
    let catalog_kind = prequal::jws::sign_detached(bytes, &stranger, "prequal-catalog+jws");
    assert_eq!(
        Model::verified(bytes, Some(&catalog_kind), &stranger.public()).expect_err("typ"),
        ModelError::SignatureType("prequal-catalog+jws".into())
    );
}
