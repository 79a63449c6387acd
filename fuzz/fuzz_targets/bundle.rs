//! Arbitrary bytes as a consent bundle: verification must return an error, never panic. The
//! seed corpus should hold `tests/vectors/bundle.jws` and `bundle.flattened.json`.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use prequal::assess::Model;
use prequal::catalog::ValidCatalog;
use prequal::consent::{verify, NoLedger, Trust};

/// The catalog the worked example cites: the shipped one.
fn catalog() -> &'static ValidCatalog {
    static CATALOG: OnceLock<ValidCatalog> = OnceLock::new();
    CATALOG.get_or_init(|| {
        ValidCatalog::from_json(include_bytes!("../../models/catalog.json")).expect("valid")
    })
}

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let trust = Trust::new(Model::shipped(), catalog());
        let _ = verify(text, 1_795_435_200, None, &trust, &NoLedger);
    }
});
