//! Arbitrary bytes as a revocation: an error, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = prequal::consent::verify_revocation(text);
    }
});
