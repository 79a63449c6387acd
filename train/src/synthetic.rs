//! Generated merchant profiles with outcomes drawn from a known model, in the bulk-CSV format
//! `prequal model train` reads: the data of the retraining test, and a way for a portal
//! engineer to try the whole retraining path (train, sign, deploy) before any real outcome
//! exists. The truth is deliberately simple: the log-odds of default rise with the volatility
//! of monthly revenue ([`TRUE_VOLATILITY_SLOPE`] per percentage point) and with any tax in
//! arrears ([`TRUE_ARREARS_EFFECT`]); nothing else in the profile matters, though every other
//! field varies. The features of that truth are the core's own, computed from each generated
//! profile, so a learner that recovers them has read the profiles the way the app does.

use std::collections::BTreeMap;

use prequal::profile::text_form::{check_text_fields, revenue_slot_key, REVENUE_SLOTS};
use prequal::scorecard::{Conversion, FeatureValue};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// Log-odds of default at no volatility and no arrears.
pub const TRUE_INTERCEPT: f64 = -3.0;
/// Added to the log-odds per percentage point of revenue volatility.
pub const TRUE_VOLATILITY_SLOPE: f64 = 0.06;
/// Added to the log-odds when any tax is in arrears.
pub const TRUE_ARREARS_EFFECT: f64 = 1.3;
/// The outcome column's name and its two values.
pub const OUTCOME_COLUMN: &str = "outcome";
/// A loan repaid as agreed.
pub const REPAID: &str = "repaid";
/// A loan that defaulted.
pub const DEFAULTED: &str = "defaulted";

/// The true log-odds of default for a profile with this volatility (%) and arrears (yuan).
pub fn true_logit(volatility_pct: f64, arrears_yuan: f64) -> f64 {
    TRUE_INTERCEPT
        + TRUE_VOLATILITY_SLOPE * volatility_pct
        + if arrears_yuan > 0.0 {
            TRUE_ARREARS_EFFECT
        } else {
            0.0
        }
}

const INDUSTRIES: &[&str] = &["01", "13", "36", "47", "51", "52", "54", "61", "62", "80"];
const REGIONS: &[&str] = &["110105", "330102", "440305", "510104", "522601", "620102"];
const RATINGS: &[&str] = &["A", "B", "M", "C", "unrated"];
const PURPOSES: &[&str] = &["working_capital", "inventory", "equipment", "expansion"];

/// One generated profile as the text fields of a bulk-CSV row, and its true log-odds.
fn profile(rng: &mut ChaCha8Rng, number: usize) -> (Vec<(String, String)>, f64) {
    // In the order written, so the CSV's columns follow the form.
    let mut fields = Vec::new();
    let mut set = |path: &str, value: String| fields.push((path.to_owned(), value));
    let months: i64 = rng.gen_range(12..=120);
    // Registered exactly `months` months before the first of November 2026.
    let start = 2026 * 12 + 10 - months;
    set("as_of", "2026-11-01".into());
    set("business.name", format!("样本商户 {number}"));
    set("business.legal_form", "individual_business".into());
    set(
        "business.industry",
        INDUSTRIES[rng.gen_range(0..INDUSTRIES.len())].into(),
    );
    set("business.franchise", rng.gen_bool(0.1).to_string());
    set(
        "business.registered_on",
        format!("{}-{:02}-01", start / 12, start % 12 + 1),
    );
    set("business.months_in_operation", months.to_string());
    let employees: i64 = rng.gen_range(1..=20);
    set("business.employees", employees.to_string());
    set(
        "location.region",
        REGIONS[rng.gen_range(0..REGIONS.len())].into(),
    );
    set(
        "location.setting",
        if rng.gen_bool(0.5) { "urban" } else { "rural" }.into(),
    );
    set(
        "owner.industry_experience_years",
        rng.gen_range(0..=25).to_string(),
    );
    // Monthly revenue around an average, spread by a volatility drawn for the merchant.
    let average: f64 = rng.gen_range(5_000.0..120_000.0);
    let spread: f64 = rng.gen_range(0.0..0.6);
    for slot in 0..REVENUE_SLOTS {
        // A sum of three uniforms: near-normal, mean 0, standard deviation 1.
        let z: f64 = (0..3).map(|_| rng.gen_range(-1.0..1.0)).sum::<f64>();
        let amount = (average * (1.0 + spread * z)).max(0.0).round();
        set(&revenue_slot_key(slot), format!("{amount}"));
    }
    set(
        "loan.amount_minor",
        format!(
            "{}",
            (average * rng.gen_range(1.0..8.0) / 1000.0).round() * 1000.0
        ),
    );
    set(
        "loan.purpose",
        PURPOSES[rng.gen_range(0..PURPOSES.len())].into(),
    );
    set(
        "loan.facility",
        if rng.gen_bool(0.3) {
            "revolving_line"
        } else {
            "term_loan"
        }
        .into(),
    );
    set(
        "loan.term_months",
        [6, 12, 24, 36][rng.gen_range(0..4)].to_string(),
    );
    set(
        "tax.credit_rating",
        RATINGS[rng.gen_range(0..RATINGS.len())].into(),
    );
    set(
        "tax.months_filed_last_12",
        rng.gen_range(6..=12).to_string(),
    );
    let arrears = if rng.gen_bool(0.3) {
        rng.gen_range(5..=200) * 100
    } else {
        0
    };
    set("tax.arrears_minor", arrears.to_string());
    set(
        "utility.late_payments_last_12",
        rng.gen_range(0..=3).to_string(),
    );
    set("utility.arrears_minor", "0".into());
    let insured = rng.gen_range(0..=employees);
    set("social_insurance.insured_staff", insured.to_string());
    set(
        "social_insurance.months_paid_last_12",
        if insured > 0 { 12 } else { 0 }.to_string(),
    );
    set("social_insurance.arrears_minor", "0".into());
    let lenders: i64 = rng.gen_range(0..=3);
    let owed = if lenders > 0 {
        (average * rng.gen_range(0.5..6.0) / 100.0).round() * 100.0
    } else {
        0.0
    };
    set("debts.outstanding_minor", format!("{owed}"));
    set(
        "debts.monthly_repayment_minor",
        format!("{}", (owed / 12.0).round()),
    );
    set("debts.lenders", lenders.to_string());
    set(
        "collateral.real_estate_value_minor",
        if rng.gen_bool(0.2) { "500000" } else { "0" }.into(),
    );
    set("collateral.other_value_minor", "0".into());
    set("guarantor", "none".into());
    set("court.unsatisfied_judgements", "0".into());
    set("court.list_status", "none".into());

    let text: BTreeMap<String, String> = fields.iter().cloned().collect();
    let valid = check_text_fields(&text).expect("generated profiles pass the profile rules");
    let conversion = Conversion { cny_per_usd: 7.1 };
    let number_of = |name| match prequal::features::value_of(name, valid.profile(), &conversion) {
        Some(FeatureValue::Number(x)) => x,
        other => unreachable!("{name} is a number: {other:?}"),
    };
    let logit = true_logit(
        number_of("revenue_volatility_pct"),
        number_of("tax_arrears"),
    );
    (fields, logit)
}

/// One generated application: its profile's text fields in form order, the true log-odds of
/// default, and the outcome drawn from them.
pub struct Application {
    /// Field path → text, in the order of the form.
    pub fields: Vec<(String, String)>,
    /// The truth's log-odds of default ([`true_logit`]).
    pub logit: f64,
    /// The outcome drawn from it.
    pub defaulted: bool,
}

/// `rows` generated applications; the same `seed` gives the same ones.
pub fn applications(rows: usize, seed: u64) -> Vec<Application> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    (1..=rows)
        .map(|number| {
            let (fields, logit) = profile(&mut rng, number);
            let defaulted = rng.gen::<f64>() < 1.0 / (1.0 + (-logit).exp());
            Application {
                fields,
                logit,
                defaulted,
            }
        })
        .collect()
}

/// [`applications`] as a bulk CSV (columns `application`, [`OUTCOME_COLUMN`], then the field
/// paths in form order); the same `seed` gives the same bytes.
pub fn csv(rows: usize, seed: u64) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    for (index, application) in applications(rows, seed).into_iter().enumerate() {
        if index == 0 {
            let header = ["application", OUTCOME_COLUMN]
                .into_iter()
                .chain(application.fields.iter().map(|(path, _)| path.as_str()));
            writer
                .write_record(header)
                .expect("writing to memory succeeds");
        }
        let outcome = if application.defaulted {
            DEFAULTED
        } else {
            REPAID
        };
        let record = [format!("S-{:06}", index + 1), outcome.to_owned()]
            .into_iter()
            .chain(application.fields.into_iter().map(|(_, value)| value));
        writer
            .write_record(record)
            .expect("writing to memory succeeds");
    }
    String::from_utf8(writer.into_inner().expect("memory")).expect("UTF-8 in, UTF-8 out")
}
