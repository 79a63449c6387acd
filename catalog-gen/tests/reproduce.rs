//! The committed sample catalog is exactly what the generator writes, and larger generated
//! catalogs (the benchmarks' 10,000 products) are valid too.

use prequal::catalog::ValidCatalog;
use prequal_catalog_gen::{generate, to_json, Spec};

#[test]
fn the_generator_reproduces_the_shipped_catalog_byte_for_byte() {
    let committed = include_str!("../../models/catalog.json");
    let generated = to_json(&generate(&Spec::shipped()));
    assert!(
        generated == committed,
        "models/catalog.json differs from the generator's output; run `cargo xtask catalog`"
    );
}

#[test]
fn generation_is_deterministic_and_scales() {
    let spec = Spec::with_products(10_000);
    let first = to_json(&generate(&spec));
    assert_eq!(first, to_json(&generate(&spec)));
    let catalog = ValidCatalog::from_json(first.as_bytes()).expect("valid");
    assert_eq!(catalog.catalog().products.len(), 10_000);
    assert!(catalog.catalog().institutions.len() >= 1_000);
}
