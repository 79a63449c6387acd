//! Build script of the core: turns `models/scorecard.json` into Rust code that constructs the
//! scorecard directly, and computes its model id (SHA-256 of the file's bytes).
//!
//! Why: parsing the artifact at run time would put a JSON parser, serde deserializers for every
//! artifact type and SHA-256 into the merchant's browser — about 60 KB gzip, three times the
//! budget for the whole scorer. Generated code costs only the data itself. The training metrics
//! and notes are left out of the generated value (the scorer never reads them) except the PD
//! range of each grade, which the result shows; the JSON file and the model card keep them, and
//! the model id still covers every byte of the file.

use std::fmt::Write as _;
use std::path::PathBuf;

use sha2::{Digest, Sha256};

#[allow(dead_code)]
#[path = "src/scorecard.rs"]
mod scorecard;

use scorecard::{
    Bin, Characteristic, Condition, Interaction, Label, Overlay, OverlayCondition, OverlayEffect,
    Scorecard,
};

const ARTIFACT: &str = "models/scorecard.json";

fn main() {
    println!("cargo::rerun-if-changed={ARTIFACT}");
    println!("cargo::rerun-if-changed=src/scorecard.rs");
    println!("cargo::rerun-if-changed=build.rs");
    // The trainer builds the core without the shipped model: it is what produces the artifact.
    if std::env::var_os("CARGO_FEATURE_SHIPPED_MODEL").is_none() {
        return;
    }
    let text = std::fs::read_to_string(ARTIFACT)
        .unwrap_or_else(|e| panic!("{ARTIFACT}: {e} (run `cargo xtask train`)"));
    let card: Scorecard = serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("{ARTIFACT} is not a valid scorecard: {e}"));
    let id: String = Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();

    let mut code = String::new();
    let _ = writeln!(
        code,
        "/// SHA-256 of `{ARTIFACT}`.\npub const MODEL_ID: &str = {id:?};"
    );
    code.push_str(HELPERS);
    let _ = writeln!(code, "/// The shipped scorecard, without its training metrics.\npub fn scorecard() -> Scorecard {{");
    code.push_str(&scorecard_expr(&card));
    code.push_str("\n}\n");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"))
        .join("shipped_scorecard.rs");
    std::fs::write(out, code).expect("write generated scorecard");
}

/// Small constructors the generated code calls instead of spelling out every allocation and
/// field store inline: the same value in a fraction of the code (the scorecard is built once,
/// so the calls cost nothing that matters).
const HELPERS: &str = "
#[inline(never)]
fn s(text: &'static str) -> String { String::from(text) }
#[inline(never)]
fn label(en: &'static str, zh: &'static str) -> Label { Label { en: s(en), zh: s(zh) } }
#[inline(never)]
fn bin(condition: Condition, en: &'static str, zh: &'static str, points: i32, woe: u64, count: u64, bad_rate: u64) -> Bin {
    Bin { condition, label: label(en, zh), points, woe: f64::from_bits(woe), count, bad_rate: f64::from_bits(bad_rate) }
}
#[inline(never)]
fn range(lower: Option<u64>, upper: Option<u64>) -> Condition {
    Condition::Range { lower: lower.map(f64::from_bits), upper: upper.map(f64::from_bits) }
}
#[allow(dead_code)]
#[inline(never)]
fn interaction(a: usize, b: usize, columns: usize, points: &[i16]) -> Interaction {
    Interaction { characteristics: [a, b], points: points.chunks(columns.max(1)).map(|row| row.iter().map(|&p| i32::from(p)).collect()).collect() }
}
#[allow(dead_code)]
#[inline(never)]
fn pd_range(grade: &'static str, low: u64, high: u64) -> PdRange {
    PdRange { grade: s(grade), low: f64::from_bits(low), high: f64::from_bits(high) }
}
";

fn s(text: &str) -> String {
    format!("s({text:?})")
}

fn f(x: f64) -> String {
    format!("f64::from_bits({:#x})", x.to_bits())
}

fn label(l: &Label) -> String {
    format!("label({:?}, {:?})", l.en, l.zh)
}

fn list<T>(items: &[T], each: impl Fn(&T) -> String) -> String {
    let inner: Vec<String> = items.iter().map(each).collect();
    format!("vec![{}]", inner.join(", "))
}

fn option_bits(x: Option<f64>) -> String {
    x.map_or_else(
        || "None".to_owned(),
        |v| format!("Some({:#x})", v.to_bits()),
    )
}

fn condition(c: &Condition) -> String {
    match c {
        Condition::Range { lower, upper } => {
            format!("range({}, {})", option_bits(*lower), option_bits(*upper))
        }
        Condition::Categories { values } => {
            format!(
                "Condition::Categories {{ values: {} }}",
                list(values, |v| s(v))
            )
        }
        Condition::Other => "Condition::Other".to_owned(),
    }
}

fn bin(b: &Bin) -> String {
    format!(
        "bin({}, {:?}, {:?}, {}, {:#x}, {}, {:#x})",
        condition(&b.condition),
        b.label.en,
        b.label.zh,
        b.points,
        b.woe.to_bits(),
        b.count,
        b.bad_rate.to_bits()
    )
}

fn characteristic(c: &Characteristic) -> String {
    format!(
        "Characteristic {{ feature: {}, label: {}, unit: {}, monotone: {}, actionable: {}, bins: {} }}",
        s(&c.feature),
        label(&c.label),
        s(&c.unit),
        c.monotone.map_or_else(|| "None".to_owned(), |m| format!("Some(Monotone::{m:?})")),
        c.actionable,
        list(&c.bins, bin)
    )
}

fn interaction(i: &Interaction) -> String {
    // The table as one flat list of its rows' lengths and points, rebuilt by a helper: far
    // less code than a `vec!` per row.
    let [a, b] = i.characteristics;
    let flat: Vec<String> = i
        .points
        .iter()
        .flat_map(|row| row.iter().map(i32::to_string))
        .collect();
    format!(
        "interaction({a}, {b}, {}, &[{}])",
        i.points.first().map_or(0, Vec::len),
        flat.join(",")
    )
}

fn overlay(o: &Overlay) -> String {
    let when = match &o.when {
        OverlayCondition::TaxArrears => "OverlayCondition::TaxArrears".to_owned(),
        OverlayCondition::TaxRating { ratings } => {
            format!(
                "OverlayCondition::TaxRating {{ ratings: {} }}",
                list(ratings, |r| s(r))
            )
        }
        OverlayCondition::LatePowerBills { at_least } => {
            format!("OverlayCondition::LatePowerBills {{ at_least: {at_least} }}")
        }
        OverlayCondition::PowerArrears => "OverlayCondition::PowerArrears".to_owned(),
        OverlayCondition::SocialInsuranceArrears => {
            "OverlayCondition::SocialInsuranceArrears".to_owned()
        }
        OverlayCondition::UnsatisfiedJudgements { at_least } => {
            format!("OverlayCondition::UnsatisfiedJudgements {{ at_least: {at_least} }}")
        }
        OverlayCondition::BlackList => "OverlayCondition::BlackList".to_owned(),
    };
    let effect = match &o.effect {
        OverlayEffect::CapAt { grade } => format!("OverlayEffect::CapAt {{ grade: {} }}", s(grade)),
        OverlayEffect::LowerBy { grades } => {
            format!("OverlayEffect::LowerBy {{ grades: {grades} }}")
        }
    };
    format!(
        "Overlay {{ id: {}, when: {when}, effect: {effect}, reason: {}, basis: {} }}",
        s(&o.id),
        label(&o.reason),
        s(&o.basis)
    )
}

fn scorecard_expr(c: &Scorecard) -> String {
    let t = &c.training;
    format!(
        "Scorecard {{ format: {}, name: {}, \
         training: Training {{ source: {}, data_sha256: {}, rows: {}, bad_rate: {}, seed: {}, learner: {}, l2_alpha: {}, from_profiles: {}, notes: Vec::new() }}, \
         scaling: Scaling {{ base_score: {}, base_odds: {}, pdo: {} }}, \
         characteristics: {}, \
         interactions: {}, \
         calibration: Calibration {{ intercept: {}, slope: {} }}, \
         grades: {}, \
         conversion: Conversion {{ cny_per_usd: {} }}, \
         overlays: {}, \
         metrics: Metrics {{ evaluations: Vec::new(), compared: Vec::new(), pd_ranges: {} }} }}",
        s(&c.format),
        s(&c.name),
        s(&t.source),
        s(&t.data_sha256),
        t.rows,
        f(t.bad_rate),
        t.seed,
        s(&t.learner),
        t.l2_alpha.map_or_else(|| "None".to_owned(), |a| format!("Some({})", f(a))),
        t.from_profiles,
        f(c.scaling.base_score),
        f(c.scaling.base_odds),
        f(c.scaling.pdo),
        list(&c.characteristics, characteristic),
        list(&c.interactions, interaction),
        f(c.calibration.intercept),
        f(c.calibration.slope),
        list(&c.grades, |g| format!("GradeBand {{ grade: {}, max_pd: {} }}", s(&g.grade), f(g.max_pd))),
        f(c.conversion.cny_per_usd),
        list(&c.overlays, overlay),
        list(&c.metrics.pd_ranges, |r| format!(
            "pd_range({:?}, {:#x}, {:#x})",
            r.grade,
            r.low.to_bits(),
            r.high.to_bits()
        )),
    )
}
