//! The operations `cargo xtask bench` times, natively (criterion, `benches/`) and in headless
//! Chromium (this crate built to wasm, exported to JavaScript). Each export runs its operation
//! `n` times inside wasm, so the timing is the operation's, not the JS↔wasm call's; the page
//! divides by `n`.

use std::sync::OnceLock;

#[cfg(all(feature = "load", not(target_arch = "wasm32")))]
pub mod load;

use prequal::assess::Model;
use prequal::catalog::ValidCatalog;
use prequal::matching::{Matcher, Query, Standing};
use prequal::ValidProfile;
use wasm_bindgen::prelude::*;

/// Products in the large generated catalog.
pub const LARGE_CATALOG_PRODUCTS: usize = 10_000;
/// Products explained per status group, as the app's first page shows.
pub const PAGE: usize = 20;

/// The strong sample profile.
pub fn strong() -> &'static ValidProfile {
    static PROFILE: OnceLock<ValidProfile> = OnceLock::new();
    PROFILE.get_or_init(|| {
        prequal::profile::from_json(include_str!("../../examples/profiles/strong.json"))
            .and_then(|p| p.validate())
            .expect("the strong sample is valid")
    })
}

/// The weak sample profile: grade G, two arrears, late bills — many products with a path, and
/// grade levers to re-score (the hardest case for paths).
pub fn weak() -> &'static ValidProfile {
    static PROFILE: OnceLock<ValidProfile> = OnceLock::new();
    PROFILE.get_or_init(|| {
        prequal::profile::from_json(include_str!("../../examples/profiles/weak.json"))
            .and_then(|p| p.validate())
            .expect("the weak sample is valid")
    })
}

/// The shipped catalog.
pub fn shipped_catalog() -> &'static ValidCatalog {
    static CATALOG: OnceLock<ValidCatalog> = OnceLock::new();
    CATALOG.get_or_init(|| {
        ValidCatalog::from_json(include_bytes!("../../models/catalog.json"))
            .expect("the shipped catalog is valid")
    })
}

/// A generated catalog of [`LARGE_CATALOG_PRODUCTS`] products (the same generator and
/// assumptions as the shipped one), parsed from its JSON like any catalog.
pub fn large_catalog() -> &'static ValidCatalog {
    static CATALOG: OnceLock<ValidCatalog> = OnceLock::new();
    CATALOG.get_or_init(|| {
        let spec = prequal_catalog_gen::Spec::with_products(LARGE_CATALOG_PRODUCTS);
        let text = prequal_catalog_gen::to_json(&prequal_catalog_gen::generate(&spec));
        ValidCatalog::from_json(text.as_bytes()).expect("generated catalogs are valid")
    })
}

/// Matching proper: every product of the catalog decided (all rules, offer, odds, cost of the
/// loan asked for, and for the others the path to eligibility, re-scored with the model),
/// ranked and sorted. Returns the number eligible.
pub fn match_once(catalog: &ValidCatalog) -> usize {
    Matcher::new(catalog, strong(), standing())
        .with_model(Model::shipped())
        .run(&Query::default())
        .eligible
}

/// Matching the weak sample, paths and all. Returns the number within reach.
pub fn match_weak_once(catalog: &ValidCatalog) -> usize {
    static STANDING: OnceLock<Standing> = OnceLock::new();
    let standing =
        *STANDING.get_or_init(|| Standing::from_assessment(&Model::shipped().assess(weak())));
    Matcher::new(catalog, weak(), standing)
        .with_model(Model::shipped())
        .run(&Query::default())
        .near_misses
}

/// What the app's product screen asks for: matching plus the first page of each group put
/// into words with full disclosures (schedule and APR). Returns the number of products shown.
pub fn report_once(catalog: &ValidCatalog) -> usize {
    Matcher::new(catalog, strong(), standing())
        .with_model(Model::shipped())
        .report(&Query::default(), PAGE, false)
        .products
        .len()
}

fn standing() -> Standing {
    static STANDING: OnceLock<Standing> = OnceLock::new();
    *STANDING.get_or_init(|| Standing::from_assessment(&Model::shipped().assess(strong())))
}

/// A fixed clock and counter-based "randomness" for reproducible benchmark bundles.
pub type BenchHost = prequal::consent::CountingHost;

/// The consent request of the benchmarks: the strong sample applying to `institution`,
/// disclosing every field the model reads (so verification recomputes the score).
pub fn bundle_request(institution: &str) -> prequal::consent::Request {
    let model = Model::shipped();
    prequal::consent::Request::for_product(
        shipped_catalog(),
        &format!("{institution}-credit-1"),
        model,
        &model.assess(strong()),
        "zh-CN",
        "web-form",
    )
    .expect("the shipped catalog has the institution's first credit product")
}

/// Builds (disclosure, ids, times), signs and verifies one bundle: what the merchant's
/// browser and the bank each do once per application. The merchant's choices (the request)
/// and key exist beforehand and are made once. Returns whether it verified.
pub fn sign_and_verify_once(host: &mut BenchHost) -> bool {
    use prequal::consent;
    let (request, key) = prepared_request();
    let now = host.now;
    let Ok(payload) = consent::build(request.clone(), strong(), host) else {
        return false;
    };
    let bundle = consent::sign(payload, key);
    let trust = consent::Trust::new(Model::shipped(), shipped_catalog());
    consent::verify(&bundle, now, Some("inst-005"), &trust, &consent::NoLedger).is_ok()
}

/// A year of monthly figures as a merchant's till or power company exports them.
pub fn twelve_month_csv() -> &'static str {
    static CSV: OnceLock<String> = OnceLock::new();
    CSV.get_or_init(|| {
        let mut csv = String::from("month,revenue,kwh\n");
        for back in (1..=12).rev() {
            let index = 2026 * 12 + 10 - back;
            csv.push_str(&format!(
                "{}-{:02},\"{},{:03}.50\",{}\n",
                index / 12,
                index % 12 + 1,
                80 + back,
                back * 7,
                300 + back
            ));
        }
        csv
    })
}

/// Parses the 12-month CSV import once (into the form's text fields); returns the fields made.
pub fn csv_import_once() -> usize {
    prequal::profile::import::monthly_csv(twelve_month_csv(), "2026-11-01")
        .map_or(0, |imported| imported.fields.len())
}

/// Builds and signs one bundle (the merchant's side).
pub fn sign_once(host: &mut BenchHost) -> String {
    use prequal::consent;
    let (request, key) = prepared_request();
    consent::build(request.clone(), strong(), host)
        .map(|payload| consent::sign(payload, key))
        .unwrap_or_default()
}

/// Verifies one bundle, recomputing the score (the bank's side).
pub fn verify_once(bundle: &str, now: i64) -> bool {
    use prequal::consent;
    let trust = consent::Trust::new(Model::shipped(), shipped_catalog());
    consent::verify(bundle, now, Some("inst-005"), &trust, &consent::NoLedger).is_ok()
}

fn prepared_request() -> &'static (prequal::consent::Request, prequal::jws::SecretKey) {
    static PREPARED: OnceLock<(prequal::consent::Request, prequal::jws::SecretKey)> =
        OnceLock::new();
    PREPARED.get_or_init(|| {
        (
            bundle_request("inst-005"),
            prequal::jws::SecretKey::from_seed(&[9; 32]),
        )
    })
}

/// Parses the 12-month CSV import `n` times.
#[wasm_bindgen]
pub fn csv_import_n(n: u32) -> usize {
    (0..n).map(|_| csv_import_once()).sum()
}

/// Builds and signs a bundle `n` times; returns the bytes made.
#[wasm_bindgen]
pub fn sign_n(n: u32) -> usize {
    let mut host = BenchHost {
        now: 1_795_435_200,
        next: 0,
    };
    (0..n).map(|_| sign_once(&mut host).len()).sum()
}

/// Verifies one bundle `n` times; returns how many verified.
#[wasm_bindgen]
pub fn verify_n(n: u32) -> u32 {
    let mut host = BenchHost {
        now: 1_795_435_200,
        next: 0,
    };
    let bundle = sign_once(&mut host);
    (0..n)
        .map(|_| u32::from(verify_once(&bundle, host.now)))
        .sum()
}

/// Builds, signs and verifies a bundle `n` times; returns how many verified.
#[wasm_bindgen]
pub fn sign_verify_n(n: u32) -> u32 {
    let mut host = BenchHost {
        now: 1_795_435_200,
        next: 0,
    };
    (0..n)
        .map(|_| u32::from(sign_and_verify_once(&mut host)))
        .sum()
}

/// Builds both catalogs (timed separately from matching); returns their product counts' sum.
#[wasm_bindgen]
pub fn prepare() -> usize {
    shipped_catalog().catalog().products.len() + large_catalog().catalog().products.len()
}

/// Verifies the operator's signature over the shipped model artifact and reads and checks it,
/// `n` times: what the web app does once per visit before it can score. Returns how many
/// loaded.
#[wasm_bindgen]
pub fn load_verify_model_n(n: u32) -> u32 {
    let Ok(key) = prequal::jws::PublicKey::from_did_key(prequal::assess::SAMPLE_OPERATOR_KEY)
    else {
        return 0;
    };
    let (bytes, signature) = (
        include_bytes!("../../models/scorecard.json").as_slice(),
        include_str!("../../models/scorecard.json.jws"),
    );
    (0..n)
        .filter(|_| Model::verified(bytes, Some(signature), &key).is_ok())
        .count() as u32
}

/// Scores the strong sample `n` times; returns the sum of the scores (so the work is kept).
#[wasm_bindgen]
pub fn score_n(n: u32) -> i64 {
    let (model, profile) = (Model::shipped(), strong());
    (0..n).map(|_| i64::from(model.score(profile))).sum()
}

/// Full assessment (reasons, overlays, what-if) of the strong sample `n` times.
#[wasm_bindgen]
pub fn assess_n(n: u32) -> i64 {
    let (model, profile) = (Model::shipped(), strong());
    (0..n).map(|_| i64::from(model.assess(profile).score)).sum()
}

/// Matches the strong sample against the shipped catalog `n` times.
#[wasm_bindgen]
pub fn match_shipped_n(n: u32) -> usize {
    (0..n).map(|_| match_once(shipped_catalog())).sum()
}

/// The product screen's report against the shipped catalog `n` times.
#[wasm_bindgen]
pub fn report_shipped_n(n: u32) -> usize {
    (0..n).map(|_| report_once(shipped_catalog())).sum()
}

/// Matches the weak sample against the shipped catalog `n` times.
#[wasm_bindgen]
pub fn match_weak_shipped_n(n: u32) -> usize {
    (0..n).map(|_| match_weak_once(shipped_catalog())).sum()
}

/// Matches the weak sample against the 10,000-product catalog `n` times.
#[wasm_bindgen]
pub fn match_weak_large_n(n: u32) -> usize {
    (0..n).map(|_| match_weak_once(large_catalog())).sum()
}

/// Matches the strong sample against the 10,000-product catalog `n` times.
#[wasm_bindgen]
pub fn match_large_n(n: u32) -> usize {
    (0..n).map(|_| match_once(large_catalog())).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_benchmarks_measure_the_work_not_an_error_path() {
        assert_eq!(
            csv_import_once(),
            13,
            "twelve revenue slots and the kWh average"
        );
        let mut host = BenchHost {
            now: 1_795_435_200,
            next: 0,
        };
        let bundle = sign_once(&mut host);
        assert!(verify_once(&bundle, host.now));
        assert!(sign_and_verify_once(&mut host));
    }
}
