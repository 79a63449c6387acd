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

/// The serialised names of the core's closed sets, without a serializer: what a text table keys
/// its words by (`legal-form-individual_business`) and what policy overlays test. Each list is
/// the type's serde names; a test per type checks they agree.
macro_rules! serial_names {
    ($($ty:ident { $($variant:ident => $name:literal),* $(,)? })*) => {$(
        impl $ty {
            /// Every value, in the order the type declares them.
            pub const ALL: &'static [$ty] = &[$($ty::$variant),*];

            /// The name as the serialised formats write it.
            pub fn name(self) -> &'static str {
                match self {
                    $($ty::$variant => $name,)*
                }
            }
        }
    )*};
}

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
pub mod response;
pub mod schedule;
pub mod scorecard;

pub use error::{FieldError, ProfileErrors, Rule};
pub use profile::{MerchantProfile, ValidProfile};

/// Lower-case hex SHA-256 of `bytes`: the identity of every artifact (model, catalog) that a
/// consent bundle cites.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&sha256(bytes))
}

/// The SHA-256 digest of `bytes`.
pub fn sha256(bytes: &[u8]) -> [u8; 32] {
    use sha2::{Digest, Sha256};
    Sha256::digest(bytes).into()
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

#[cfg(test)]
mod tests {
    use crate::catalog::{CollateralAssets, RateType, RepaymentType, Scheme};
    use crate::matching::Odds;
    use crate::path::Effort;
    use crate::profile::{Facility, Guarantor, LegalForm, Setting, TaxCreditRating};

    /// Each `name()` is the value's serde name: text tables and overlays key on it.
    fn agrees<T: serde::Serialize>(values: &[T], name: impl Fn(&T) -> &'static str) {
        for value in values {
            let serialised = serde_json::to_value(value).expect("serialises");
            assert_eq!(serialised, name(value));
        }
    }

    #[test]
    fn serial_names_are_the_serde_names() {
        use LegalForm::*;
        agrees(
            &[
                IndividualBusiness,
                SoleProprietorship,
                Partnership,
                LimitedCompany,
                FarmersCooperative,
            ],
            |v| v.name(),
        );
        agrees(&[Setting::Urban, Setting::Rural], |v| v.name());
        agrees(
            &[
                Guarantor::None,
                Guarantor::Individual,
                Guarantor::Company,
                Guarantor::GovernmentGuaranteeFund,
            ],
            |v| v.name(),
        );
        use TaxCreditRating as R;
        agrees(&[R::A, R::B, R::M, R::C, R::D, R::Unrated], |v| v.name());
        agrees(&[Facility::TermLoan, Facility::RevolvingLine], |v| v.name());
        agrees(
            &[
                Scheme::EntrepreneurshipGuarantee,
                Scheme::GovernmentGuarantee,
                Scheme::FirstLoan,
                Scheme::MicroCredit,
                Scheme::VillageCredit,
            ],
            |v| v.name(),
        );
        use RepaymentType as P;
        agrees(
            &[
                P::EqualInstalment,
                P::EqualPrincipal,
                P::InterestOnlyBalloon,
                P::Seasonal,
            ],
            |v| v.name(),
        );
        agrees(&[RateType::Fixed, RateType::Variable], |v| v.name());
        use crate::consent::record::Use as U;
        agrees(
            &[
                U::LoanApplication,
                U::PreApprovalQuote,
                U::CreditReportQuery,
                U::OtherProducts,
                U::ModelImprovement,
            ],
            |v| v.name(),
        );
        use crate::response::{Reason as D, Status as S};
        agrees(
            &[S::Acknowledged, S::MoreInformation, S::Offer, S::Declined],
            |v| v.name(),
        );
        agrees(
            &[
                D::GradeBelowPolicy,
                D::InsufficientRevenue,
                D::DebtTooHigh,
                D::Arrears,
                D::CourtRecord,
                D::OutsideScope,
                D::IncompleteInformation,
                D::CreditReport,
                D::Other,
            ],
            |v| v.name(),
        );
        agrees(
            &[CollateralAssets::RealEstate, CollateralAssets::Any],
            |v| v.name(),
        );
        agrees(&[Odds::High, Odds::Good, Odds::Fair, Odds::Low], |v| {
            v.name()
        });
        agrees(
            &[
                Effort::Now,
                Effort::Weeks,
                Effort::Months,
                Effort::NotInHands,
            ],
            |v| v.name(),
        );
    }
}
