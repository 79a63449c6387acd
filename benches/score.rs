//! Native timing of the core's hot paths (criterion), read by `cargo xtask bench` beside the same
//! operations timed in Chromium.

use criterion::{criterion_main, Criterion};
use prequal::assess::Model;
use std::hint::black_box;

fn strong() -> prequal::ValidProfile {
    let text = include_str!("../examples/profiles/strong.json");
    prequal::profile::from_json(text)
        .and_then(|p| p.validate())
        .expect("the strong sample is valid")
}

fn score(c: &mut Criterion) {
    let model = Model::shipped();
    let profile = strong();
    c.bench_function("score_one_profile", |b| {
        b.iter(|| model.score(black_box(&profile)))
    });
    c.bench_function("assess_one_profile", |b| {
        b.iter(|| model.assess(black_box(&profile)))
    });
}

// The macro defines an undocumented public function.
#[allow(missing_docs)]
mod group {
    criterion::criterion_group!(benches, super::score);
}
criterion_main!(group::benches);
