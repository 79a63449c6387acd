//! Arbitrary bytes as an imported file (CSV of monthly figures or profile JSON): the import
//! returns fields or named problems, never panics, and whatever it returns the form can read.
#![no_main]

use libfuzzer_sys::fuzz_target;
use prequal::profile::import::import_file;
use prequal::profile::text_form::check_text_fields;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for name in ["months.csv", "profile.json"] {
        match import_file(name, text, "2026-11-01") {
            Ok(imported) => {
                // Imported text goes into the form like typed text: the core must read it.
                let mut fields = imported.fields;
                fields.insert("as_of".into(), "2026-11-01".into());
                let _ = check_text_fields(&fields);
            }
            Err(problems) => assert!(!problems.is_empty(), "a refusal names its problems"),
        }
    }
});
