//! Arbitrary bytes as a catalog; when one parses, match the strong sample against it.
#![no_main]

use libfuzzer_sys::fuzz_target;
use prequal::catalog::{Grade, ValidCatalog};
use prequal::matching::{Matcher, Query, Standing};

fuzz_target!(|data: &[u8]| {
    if let Ok(catalog) = ValidCatalog::from_json(data) {
        let profile = prequal::profile::from_json(include_str!("../../examples/profiles/strong.json"))
            .and_then(|p| p.validate())
            .expect("the sample is valid");
        let standing = Standing { grade: Grade::C, probability_of_default: 0.12 };
        let _ = Matcher::new(&catalog, &profile, standing).report(&Query::default(), 5, true);
    }
});
