//! Native timing of matching (criterion), read by `cargo xtask bench` beside the same
//! operations timed in Chromium.

use criterion::{criterion_main, Criterion};
use prequal_bench::{
    csv_import_once, large_catalog, match_once, match_weak_once, report_once, shipped_catalog,
    sign_and_verify_once, sign_once, verify_once, BenchHost,
};
use std::hint::black_box;

fn matching(c: &mut Criterion) {
    let (shipped, large) = (shipped_catalog(), large_catalog());
    c.bench_function("match_shipped_catalog", |b| {
        b.iter(|| match_once(black_box(shipped)))
    });
    c.bench_function("report_shipped_catalog", |b| {
        b.iter(|| report_once(black_box(shipped)))
    });
    let mut host = BenchHost {
        now: 1_795_435_200,
        next: 0,
    };
    c.bench_function("sign_verify_bundle", |b| {
        b.iter(|| sign_and_verify_once(black_box(&mut host)))
    });
    c.bench_function("sign_bundle", |b| {
        b.iter(|| sign_once(black_box(&mut host)))
    });
    let bundle = sign_once(&mut host);
    c.bench_function("verify_bundle", |b| {
        b.iter(|| verify_once(black_box(&bundle), host.now))
    });
    c.bench_function("csv_import_12_months", |b| b.iter(csv_import_once));
    c.bench_function("match_10000_products", |b| {
        b.iter(|| match_once(black_box(large)))
    });
    c.bench_function("match_weak_shipped_catalog", |b| {
        b.iter(|| match_weak_once(black_box(shipped)))
    });
    c.bench_function("match_weak_10000_products", |b| {
        b.iter(|| match_weak_once(black_box(large)))
    });
}

// The macro defines an undocumented public function.
#[allow(missing_docs)]
mod group {
    criterion::criterion_group!(benches, super::matching);
}
criterion_main!(group::benches);
