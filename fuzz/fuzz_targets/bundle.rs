//! Arbitrary bytes as a consent bundle: verification must return an error, never panic. The
//! seed corpus should hold `tests/vectors/bundle.jws` and `bundle.flattened.json`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use prequal::assess::Model;
use prequal::consent::{verify, NoLedger};

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = verify(text, 1_795_435_200, None, Model::shipped(), &NoLedger);
    }
});
