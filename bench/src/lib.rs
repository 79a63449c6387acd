//! The operations `cargo xtask bench` times in headless Chromium, exported to JavaScript. Each
//! runs its operation `n` times inside wasm, so the timing is the operation's, not the
//! JS↔wasm call's; the page divides by `n`.

use std::sync::OnceLock;

use prequal::assess::Model;
use prequal::ValidProfile;
use wasm_bindgen::prelude::*;

fn strong() -> &'static ValidProfile {
    static PROFILE: OnceLock<ValidProfile> = OnceLock::new();
    PROFILE.get_or_init(|| {
        prequal::profile::from_json(include_str!("../../examples/profiles/strong.json"))
            .and_then(|p| p.validate())
            .expect("the strong sample is valid")
    })
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
