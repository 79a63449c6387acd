//! # prequal — the pure core
//!
//! Private pre-qualification for small-business loans. This crate holds everything that decides
//! a result: the merchant profile and its rules, features and scoring, the product catalog and
//! matching, repayment schedules, and consent bundles with their signatures and verification.
//!
//! It is deliberately pure: no I/O, no clock, no randomness, no DOM, no wasm-bindgen. Callers
//! pass those in. That is what lets one crate run unchanged in the merchant's browser
//! (wasm32), in the bank's verifier and in the command line, and give bit-identical answers in
//! all three.
//!
//! ```
//! let json = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/profiles/strong.json")).unwrap();
//! let profile = prequal::profile::from_json(&json).unwrap();
//! let valid = profile.validate().unwrap();
//! assert_eq!(valid.profile().business.industry, "62");
//! ```

pub mod assess;
pub mod catalog;
pub mod classification;
pub mod consent;
pub mod error;
pub mod features;
pub mod jws;
pub mod matching;
pub mod money;
pub mod path;
pub mod profile;
pub mod schedule;
pub mod scorecard;

pub use error::{FieldError, ProfileErrors, Rule};
pub use profile::{MerchantProfile, ValidProfile};

/// Lower-case hex SHA-256 of `bytes`: the identity of every artifact (model, catalog) that a
/// consent bundle cites.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    hex(&Sha256::digest(bytes))
}

/// `bytes` as lower-case hex, two digits a byte (ids, tokens, digests).
pub fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes
        .iter()
        .fold(String::with_capacity(2 * bytes.len()), |mut hex, byte| {
            let _ = write!(hex, "{byte:02x}");
            hex
        })
}
