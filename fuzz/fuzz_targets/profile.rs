//! Arbitrary bytes as a profile: parse, validate and, when valid, assess.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(Ok(valid)) = prequal::profile::from_json(text).map(|p| p.validate()) {
            let _ = prequal::assess::Model::shipped().assess(&valid);
        }
    }
});
