//! Standard classifications a profile refers to: industries (GB/T 4754-2017, mapped to the
//! NAICS sectors the risk model's training data uses) and regions (GB/T 2260).
//!
//! The tables are compiled in as plain arrays: they are small, fixed by the standards, and
//! looking them up must not allocate or fail at run time.

pub mod credit_code;
pub mod industry;
pub mod region;

pub use industry::{Industry, NaicsSector, INDUSTRIES};
pub use region::{Province, PROVINCES};
