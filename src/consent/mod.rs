//! The consent bundle: the only thing that leaves the merchant's device. A signed statement of
//! exactly which profile fields the merchant discloses, to whom, for what, until when, with the
//! model and catalog the merchant's result came from (`docs/consent-bundle.md`).
//!
//! - The **payload** is canonicalised with RFC 8785 (JCS, `serde_json_canonicalizer`): money and
//!   counts are integers, the PD is an integer in parts per million, so the bytes are identical in
//!   every language.
//! - The **envelope** is a JWS (RFC 7515), `alg: EdDSA` (Ed25519), `kid` = the merchant's
//!   `did:key`, `typ: prequal-consent+jws`, in the compact or the flattened JSON serialisation.
//! - [`verify`] checks, each failure its own [`BundleError`]: the envelope, the algorithm, the
//!   signature, that the signer is the merchant the payload names, the schema and that the bytes
//!   are canonical, the recipient, expiry and the clock skew, that the disclosed fields pass the
//!   profile rules, and — when the disclosure holds every field the model reads — that the score
//!   and grade recompute exactly.
//!
//! The core reads no clock and makes no randomness: the caller passes the time and the random
//! bundle id and nonce ([`Host`]).

mod disclosure;
pub mod record;
mod timestamp;
mod verify;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

pub use disclosure::{disclose, is_disclosable, merge_disclosed};
pub use timestamp::{format_rfc3339, parse_rfc3339};
pub use verify::{bounds, closed, verify, Outcome, Trust, Verified};

use crate::assess::Model;
use crate::catalog::{Product, ValidCatalog};
use crate::jws::{self, JwsError, SecretKey};
use crate::ProfileErrors;

/// The payload format this version writes: the PIPL consent record ([`record`]).
pub const FORMAT: &str = "prequal.consent/2";
/// The first payload format, which every verifier still reads.
pub const FORMAT_V1: &str = "prequal.consent/1";
/// The payload formats a verifier reads.
pub const FORMATS: &[&str] = &[FORMAT_V1, FORMAT];
/// The JWS `typ` of a bundle.
pub const BUNDLE_TYPE: &str = "prequal-consent+jws";
/// The JWS `typ` of a revocation.
pub const REVOCATION_TYPE: &str = "prequal-revocation+jws";
/// The revocation payload format.
pub const REVOCATION_FORMAT: &str = "prequal.revocation/1";
/// The longest a bundle may be valid: 30 days, in seconds.
pub const MAX_VALIDITY_SECONDS: i64 = 30 * 24 * 3600;
/// Clock skew tolerated between the merchant's device and the bank, in seconds.
pub const CLOCK_SKEW_SECONDS: i64 = 5 * 60;
/// The largest bundle accepted, in bytes. The payload's bounds ([`bounds`], the profile's
/// rules, closed sets) keep the largest valid bundle well under it (a test builds that bundle),
/// so this is also the most a stored bundle can weigh.
pub const MAX_BUNDLE_BYTES: usize = 20 * 1024;

/// The languages a bundle's `locale` and its notice may name.
pub const LOCALES: &[&str] = &["zh-CN", "en"];

/// Version of the consent notice texts below.
pub const NOTICE_VERSION: &str = "2026-11";

/// The consent notice in Chinese, shown before signing. It includes the notice of possible
/// adverse consequences that China's credit-reporting rules require before income and tax
/// information is collected (征信业管理条例 art. 14).
pub const NOTICE_ZH: &str = "您将向所选金融机构提供下列信息，用于所示目的，直至所示日期。仅提供列出的字段；您的其他信息不会离开本设备。提示：机构可能依据这些信息（包括收入、纳税等信息）作出对您不利的决定，例如拒绝贷款、降低额度或提高利率。您可以在到期前随时撤回授权；撤回不影响撤回前已进行的处理。";

/// The consent notice in English.
pub const NOTICE_EN: &str = "You are about to share the fields listed below with the chosen institution, for the purpose shown, until the date shown. Only these fields are shared; the rest of your information stays on this device. Notice: the institution may use this information (including income and tax information) to make decisions unfavourable to you, such as declining the loan, lowering the amount or raising the rate. You may withdraw this consent at any time before it expires; withdrawal does not affect processing done before it.";

/// The notice record of a `prequal.consent/1` bundle for the text shown in `locale` (`zh-CN`
/// or anything else for English).
pub fn notice_for(locale: &str) -> Notice {
    notice_of(FORMAT_V1, locale)
}

/// The notice text a bundle of `format` shows in `locale` (`zh-CN`, or English).
pub fn notice_text(format: &str, locale: &str) -> &'static str {
    match (format == FORMAT_V1, locale == "zh-CN") {
        (true, true) => NOTICE_ZH,
        (true, false) => NOTICE_EN,
        (false, _) => record::notice_text(locale),
    }
}

/// The notice record of a bundle of `format` for the text shown in `locale`.
pub fn notice_of(format: &str, locale: &str) -> Notice {
    Notice {
        version: if format == FORMAT_V1 {
            NOTICE_VERSION
        } else {
            record::NOTICE_VERSION_2
        }
        .into(),
        sha256: crate::sha256_hex(notice_text(format, locale).as_bytes()),
        language: if locale == "zh-CN" { "zh-CN" } else { "en" }.into(),
    }
}

/// The data categories of disclosed field paths, for the consent record.
pub fn data_categories<'a>(fields: impl IntoIterator<Item = &'a String>) -> Vec<String> {
    let mut categories: Vec<String> = fields
        .into_iter()
        .map(|field| {
            match field.split('.').next().unwrap_or_default() {
                "business" => "business-registration",
                "location" => "location",
                "owner" => "owner",
                "revenue" => "revenue",
                "loan" => "loan-request",
                "tax" => "tax",
                "utility" => "utility-payments",
                "social_insurance" => "social-insurance",
                "debts" => "debts",
                "collateral" => "collateral",
                "guarantor" => "guarantee",
                "court" => "court-records",
                _ => "other",
            }
            .to_string()
        })
        .collect();
    categories.sort();
    categories.dedup();
    categories
}

/// What the caller provides: the time and randomness the core must not take for itself.
pub trait Host {
    /// Seconds since the Unix epoch, UTC.
    fn now(&self) -> i64;
    /// Fills `bytes` with cryptographically secure random bytes.
    fn random(&mut self, bytes: &mut [u8]);
}

/// A deterministic [`Host`] for tests, benchmarks and examples: a fixed clock and distinct
/// bytes from a counter. Never for real bundles: its ids and nonces repeat from run to run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CountingHost {
    /// The time it reports, Unix seconds.
    pub now: i64,
    /// The counter; each 8 bytes handed out advance it by one.
    pub next: u64,
}

impl Host for CountingHost {
    fn now(&self) -> i64 {
        self.now
    }
    fn random(&mut self, bytes: &mut [u8]) {
        for chunk in bytes.chunks_mut(8) {
            self.next += 1;
            let value = self.next.wrapping_mul(0x9E37_79B9_7F4A_7C15).to_le_bytes();
            chunk.copy_from_slice(&value[..chunk.len()]);
        }
    }
}

/// Why the merchant shares the data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Purpose {
    /// Apply for the named products.
    LoanApplication,
    /// Ask for a non-binding quote.
    PreApprovalQuote,
}

/// The signed content.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Payload {
    /// One of [`FORMATS`].
    pub format: String,
    /// Random 128-bit id, 32 lower-case hex digits.
    pub bundle_id: String,
    /// Who signs.
    pub merchant: Merchant,
    /// Who may read it.
    pub recipient: Recipient,
    /// Why.
    pub purpose: Purpose,
    /// Disclosed profile fields: path (as in `profile::FIELDS`) → value as in the profile JSON.
    pub disclosed: BTreeMap<String, serde_json::Value>,
    /// The date the disclosed figures describe (the profile's `as_of`).
    pub as_of: String,
    /// The model the merchant's result came from.
    pub model: Artifact,
    /// The catalog the product came from.
    pub catalog: Artifact,
    /// The result the merchant saw.
    pub result: ResultSeen,
    /// RFC 3339 UTC, whole seconds.
    pub created_at: String,
    /// RFC 3339 UTC; at most 30 days after `created_at`.
    pub expires_at: String,
    /// Random 128-bit nonce, base64url.
    pub nonce: String,
    /// The language the merchant used (`zh-CN`, `en`).
    pub locale: String,
    /// The consent record (Kantara Consent Receipt v1.1 / ISO/IEC TS 27560 fields that apply).
    pub consent: ConsentRecord,
}

/// The signer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Merchant {
    /// `did:key` of the merchant's Ed25519 key; must be the JWS `kid`.
    pub did: String,
}

/// The reader.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Recipient {
    /// Institution id in the catalog.
    pub institution: String,
    /// Product ids applied for.
    pub products: Vec<String>,
}

/// A versioned artifact: its id and the SHA-256 of its bytes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Artifact {
    /// Name or version.
    pub version: String,
    /// Hex SHA-256.
    pub sha256: String,
}

/// The score, grade and PD the merchant saw. The PD is in parts per million so the payload
/// has no floating-point number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResultSeen {
    /// Scorecard points.
    pub score: i32,
    /// Final grade (after policy overlays).
    pub grade: String,
    /// Probability of default × 1,000,000, rounded.
    pub probability_of_default_ppm: i64,
}

/// The consent record. The members after `data_categories` are those of `prequal.consent/2`
/// ([`record`]): absent from a v1 record, all present in a v2 one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConsentRecord {
    /// ISO 3166 country whose law applies (`CN`).
    pub jurisdiction: String,
    /// Legal basis of the processing (`consent`, PIPL art. 13(1)).
    pub legal_basis: String,
    /// How the data was collected (`web-form`, `file-import`, `cli`).
    pub collection_method: String,
    /// The notice the merchant was shown.
    pub notice: Notice,
    /// Categories of the disclosed data (`business-registration`, `tax`, `utility`, …).
    pub data_categories: Vec<String>,
    /// v2: the recipient as a handler, from the catalog (PIPL arts. 17(1), 23).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub controller: Option<record::Controller>,
    /// v2: each purpose consented to, separately; the bundle's own purpose first (PIPL arts.
    /// 14, 23; a credit-report query with its term, 征信业管理条例 art. 18).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consents: Option<Vec<record::Given>>,
    /// v2: how the data is processed, automated scoring included (PIPL arts. 17(2), 24).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub processing: Option<record::Processing>,
    /// v2: how long it is kept and what starts the count (PIPL arts. 17(3), 19, 47).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retention: Option<record::Retention>,
    /// v2: where to withdraw (PIPL art. 15).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub withdrawal: Option<record::Withdrawal>,
    /// v2: the disclosed sensitive fields by category, with the necessity-and-impact text read
    /// (PIPL arts. 28–30); empty when none is disclosed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sensitive: Option<Vec<record::Sensitive>>,
}

impl ConsentRecord {
    /// A `prequal.consent/1` record: the Kantara / 27560 fields only.
    pub fn v1(collection_method: &str, locale: &str, fields: &[String]) -> ConsentRecord {
        ConsentRecord {
            jurisdiction: "CN".into(),
            legal_basis: "consent".into(),
            collection_method: collection_method.into(),
            notice: notice_for(locale),
            data_categories: data_categories(fields),
            controller: None,
            consents: None,
            processing: None,
            retention: None,
            withdrawal: None,
            sensitive: None,
        }
    }

    /// Whether any `prequal.consent/2` member is present.
    pub fn has_v2_members(&self) -> bool {
        self.v2_members().iter().any(|(_, present)| *present)
    }

    /// The `prequal.consent/2` members by name, and whether each is present.
    pub fn v2_members(&self) -> [(&'static str, bool); 6] {
        [
            ("controller", self.controller.is_some()),
            ("consents", self.consents.is_some()),
            ("processing", self.processing.is_some()),
            ("retention", self.retention.is_some()),
            ("withdrawal", self.withdrawal.is_some()),
            ("sensitive", self.sensitive.is_some()),
        ]
    }

    /// Whether the merchant consented to `purpose` (always false in a v1 record, which has no
    /// separate consents: its one consent is the bundle's purpose).
    pub fn consents_to(&self, purpose: record::Use) -> bool {
        self.consents
            .iter()
            .flatten()
            .any(|given| given.purpose == purpose)
    }
}

/// The consent notice shown: its version and the SHA-256 of its exact text (including the
/// notice of possible adverse consequences required before income and tax data is collected).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Notice {
    /// Version of the notice text.
    pub version: String,
    /// Hex SHA-256 of the text shown.
    pub sha256: String,
    /// Language of the text shown.
    pub language: String,
}

/// What the merchant chooses: everything but the time, ids and signature.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Request {
    /// The payload format to build: [`FORMAT`] (v2, what [`Request::for_product`] makes for an
    /// institution the catalog gives data-protection particulars for) or [`FORMAT_V1`], the
    /// default for a request that names none.
    #[serde(default = "format_v1")]
    pub format: String,
    /// Recipient institution and products.
    pub recipient: Recipient,
    /// Why.
    pub purpose: Purpose,
    /// Fields to disclose (paths).
    pub fields: Vec<String>,
    /// The model's name and id (SHA-256).
    pub model: Artifact,
    /// The catalog's version and SHA-256.
    pub catalog: Artifact,
    /// The result shown.
    pub result: ResultSeen,
    /// Validity in seconds (at most [`MAX_VALIDITY_SECONDS`]).
    pub valid_for_seconds: i64,
    /// Language.
    pub locale: String,
    /// Consent record.
    pub consent: ConsentRecord,
}

fn format_v1() -> String {
    FORMAT_V1.into()
}

impl ResultSeen {
    /// The result an assessment showed (the PD rounded to parts per million).
    pub fn of(assessment: &crate::assess::Assessment) -> ResultSeen {
        ResultSeen {
            score: assessment.score,
            grade: assessment.grade.name().to_owned(),
            probability_of_default_ppm: libm::round(assessment.probability_of_default * 1e6) as i64,
        }
    }
}

impl Request {
    /// A loan application for product `product_id` of `catalog`, to the institution that
    /// offers it, disclosing [`Request::default_fields`], citing the catalog by its version and
    /// SHA-256 (see [`Request::application`] for the rest). A `prequal.consent/2` request
    /// ([`Request::pipl`]) when the catalog gives the institution's data-protection
    /// particulars, consenting to the application only (optional purposes are off until the
    /// merchant turns them on, [`Request::consent_to`]); else a v1 request. `None` when the
    /// catalog has no such product.
    pub fn for_product(
        catalog: &ValidCatalog,
        product_id: &str,
        model: &Model,
        assessment: &crate::assess::Assessment,
        locale: &str,
        collection_method: &str,
    ) -> Option<Request> {
        let (_, product) = catalog.product(product_id)?;
        let institution = catalog
            .catalog()
            .institutions
            .iter()
            .find(|i| i.id == product.institution);
        let mut request = Request::application(
            Recipient {
                institution: product.institution.clone(),
                products: vec![product.id.clone()],
            },
            Request::default_fields(product, model),
            model,
            assessment,
            Artifact {
                version: catalog.catalog().version.clone(),
                sha256: catalog.sha256().to_string(),
            },
            locale,
            collection_method,
        );
        if let Some(institution) = institution {
            request.pipl(institution);
        }
        Some(request)
    }

    /// This request as a `prequal.consent/2` one to `institution`: the consent record names
    /// the institution as handler, its retention and withdrawal endpoint, the processing with
    /// this request's model, the bundle's purpose as the one consent given, and the sensitive
    /// fields. False, and the request unchanged, when the catalog gives no data-protection
    /// particulars for the institution.
    pub fn pipl(&mut self, institution: &crate::catalog::Institution) -> bool {
        let Some((controller, retention, withdrawal)) = record::of_institution(institution) else {
            return false;
        };
        let language = self.locale.clone();
        let record = &mut self.consent;
        record.notice = notice_of(FORMAT, &language);
        record.controller = Some(controller);
        record.retention = Some(retention);
        record.withdrawal = Some(withdrawal);
        record.processing = Some(record::processing(&self.model.sha256));
        record.consents = Some(record::normalised(self.purpose.into(), &[], &language));
        record.sensitive = Some(record::sensitive_of(&self.fields, &language));
        self.format = FORMAT.into();
        true
    }

    /// Gives (`true`) or refuses the separate consent to an optional `purpose` of a v2 request
    /// (`term`: how long a credit-report query may be made; the application's term if none).
    /// The bundle's own purpose cannot be refused here: without it there is no bundle.
    pub fn consent_to(
        &mut self,
        purpose: record::Use,
        term: Option<record::QueryTerm>,
        given: bool,
    ) {
        let Some(consents) = self.consent.consents.as_mut() else {
            return;
        };
        if !record::Use::OPTIONAL.contains(&purpose) {
            return;
        }
        consents.retain(|g| g.purpose != purpose);
        if given {
            consents.push(record::Given::new(purpose, term, &self.locale));
        }
        let optional: Vec<record::Given> = consents.drain(1..).collect();
        *consents = record::normalised(self.purpose.into(), &optional, &self.locale);
    }

    /// The fields disclosed unless the merchant changes them: what the product requires and
    /// what the model reads (so the bank can recompute the score), sorted, each once.
    pub fn default_fields(product: &Product, model: &Model) -> Vec<String> {
        let mut fields: Vec<String> = product
            .required_fields
            .iter()
            .cloned()
            .chain(model.fields().into_iter().map(str::to_owned))
            .collect();
        fields.sort();
        fields.dedup();
        fields
    }

    /// A loan application to `recipient` disclosing `fields`, citing `model` and the result it
    /// gave, valid for 14 days, with the consent record of a merchant using `locale` through
    /// `collection_method` (the notice text shown in that locale; data categories from the
    /// fields). Callers change any member before building.
    pub fn application(
        recipient: Recipient,
        fields: Vec<String>,
        model: &Model,
        assessment: &crate::assess::Assessment,
        catalog: Artifact,
        locale: &str,
        collection_method: &str,
    ) -> Request {
        Request {
            format: FORMAT_V1.into(),
            recipient,
            purpose: Purpose::LoanApplication,
            consent: ConsentRecord::v1(collection_method, locale, &fields),
            fields,
            model: Artifact {
                version: model.scorecard().name.clone(),
                sha256: model.id().to_string(),
            },
            catalog,
            result: ResultSeen::of(assessment),
            valid_for_seconds: 14 * 24 * 3600,
            locale: locale.into(),
        }
    }
}

/// Why a bundle was refused. Every check has its own kind.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum BundleError {
    /// Larger than [`MAX_BUNDLE_BYTES`].
    #[error("bundle larger than {max} bytes")]
    TooLarge {
        /// The limit.
        max: usize,
    },
    /// Not a compact or flattened JSON JWS.
    #[error("not a JWS: {detail}")]
    Envelope {
        /// What is wrong.
        detail: String,
    },
    /// An algorithm other than EdDSA.
    #[error("algorithm {found} is not accepted (only EdDSA)")]
    Algorithm {
        /// The `alg` found.
        found: String,
    },
    /// The signature does not verify.
    #[error("signature does not verify")]
    Signature,
    /// The signer's key is of small order or non-canonically encoded: with such a key a
    /// signature verifies for messages nobody signed.
    #[error("the signer's key is weak: {detail}")]
    WeakKey {
        /// Which weakness.
        detail: String,
    },
    /// The protected header has a parameter other than `alg`, `kid` and `typ`, or is not JSON.
    #[error("protected header: {detail}")]
    Header {
        /// What is wrong.
        detail: String,
    },
    /// The JWS is not a consent bundle (`typ`).
    #[error("not a consent bundle (typ {found:?})")]
    Type {
        /// The `typ` found.
        found: Option<String>,
    },
    /// The signer is not the merchant the payload names.
    #[error("signed by {kid}, but the payload names {merchant}")]
    SignerMismatch {
        /// The JWS `kid`.
        kid: String,
        /// The payload's merchant.
        merchant: String,
    },
    /// The payload does not follow the format.
    #[error("payload: {detail}")]
    Schema {
        /// What is wrong.
        detail: String,
    },
    /// A string or array is empty or longer than its documented bound ([`bounds`]).
    #[error("{member}: empty or longer than {max}")]
    OutOfBounds {
        /// The payload member.
        member: String,
        /// Its bound.
        max: usize,
    },
    /// A member of a closed set holds a value outside it.
    #[error("{member}: {found:?} is not one of {allowed}")]
    NotAllowed {
        /// The payload member.
        member: String,
        /// The value found (cut to 64 characters).
        found: String,
        /// The values allowed.
        allowed: String,
    },
    /// The notice version or hash is not that of the notice this verifier knows in that
    /// language: the merchant cannot be shown to have read it.
    #[error("consent.notice is not the {language} notice version {version} with its SHA-256")]
    Notice {
        /// The notice's language.
        language: String,
        /// The version known.
        version: String,
    },
    /// A member of a `prequal.consent/2` consent record is not what the verifier derives from
    /// what it holds (the catalog's institution, the model, the disclosed fields, the texts
    /// shown) or breaks the record's rules (the bundle's purpose first, each optional use once).
    #[error("consent.{member}: {detail}")]
    ConsentRecord {
        /// The member (`controller`, `consents[1].text_sha256`, …).
        member: String,
        /// What it must be.
        detail: String,
    },
    /// The consent record's data categories are not those of the disclosed fields.
    #[error(
        "consent.data_categories must be exactly {expected:?} (those of the disclosed fields)"
    )]
    DataCategories {
        /// The categories of the disclosed fields.
        expected: Vec<String>,
    },
    /// A disclosed path that is not a single leaf field of the profile (`tax` beside
    /// `tax.credit_rating`, `revenue.monthly_minor[3]`, `as_of`, an unknown path).
    #[error("disclosed: {path:?} is not a field that can be disclosed (leaf fields of profile::FIELDS only)")]
    DisclosedPath {
        /// The path.
        path: String,
    },
    /// The catalog the bundle cites is not one the verifier trusts.
    #[error("catalog {sha256} is not a catalog this verifier trusts")]
    UnknownCatalog {
        /// The SHA-256 cited.
        sha256: String,
    },
    /// A product is not in the trusted catalog.
    #[error("product {product} is not in the catalog")]
    UnknownProduct {
        /// The product id.
        product: String,
    },
    /// A product belongs to another institution than the recipient.
    #[error("product {product} is offered by {institution}, not the recipient")]
    ProductOfAnother {
        /// The product id.
        product: String,
        /// Its institution.
        institution: String,
    },
    /// The model's or catalog's version is not the one its SHA-256 names.
    #[error("{artifact}.version must be {expected:?}")]
    ArtifactVersion {
        /// `model` or `catalog`.
        artifact: &'static str,
        /// The version of the artifact with that SHA-256.
        expected: String,
    },
    /// The payload bytes are not the RFC 8785 canonical form of the payload.
    #[error("payload is not in canonical (RFC 8785) form")]
    NotCanonical,
    /// Addressed to another institution.
    #[error("addressed to {found}, not {expected}")]
    WrongRecipient {
        /// The recipient expected.
        expected: String,
        /// The payload's recipient.
        found: String,
    },
    /// Past its expiry.
    #[error("expired at {expires_at}")]
    Expired {
        /// When.
        expires_at: String,
    },
    /// Created in the future (beyond the tolerated skew).
    #[error("created in the future ({created_at})")]
    FromTheFuture {
        /// When it claims to be created.
        created_at: String,
    },
    /// Valid for longer than 30 days, or expiring before it was created.
    #[error("validity must be between 0 and 30 days")]
    Validity,
    /// A disclosed field breaks a profile rule.
    #[error("disclosed fields are invalid: {0}")]
    Disclosure(ProfileErrors),
    /// The bundle names a model this verifier does not have.
    #[error("model {found} is not the verifier's model {expected}")]
    UnknownModel {
        /// The model id the bundle names.
        found: String,
        /// The verifier's.
        expected: String,
    },
    /// The score, grade or PD recomputed from the disclosed fields differs from what the
    /// bundle claims.
    #[error(
        "claimed score {} grade {} PD {} ppm; recomputed score {} grade {} PD {} ppm",
        claimed.score, claimed.grade, claimed.probability_of_default_ppm,
        recomputed.score, recomputed.grade, recomputed.probability_of_default_ppm
    )]
    ScoreMismatch {
        /// What the bundle claims.
        claimed: ResultSeen,
        /// What the model gives for the disclosed values.
        recomputed: ResultSeen,
    },
    /// The verifier requires a recomputable score and the disclosure withholds fields the
    /// model reads.
    #[error("the score cannot be recomputed: the disclosure withholds {}", withheld.join(", "))]
    NotRecomputable {
        /// The fields withheld.
        withheld: Vec<String>,
    },
    /// This bundle id or nonce was seen before.
    #[error("replayed bundle (id or nonce seen before)")]
    Replayed,
    /// The merchant revoked this bundle.
    #[error("revoked by the merchant")]
    Revoked,
}

impl BundleError {
    /// The stable, machine-readable code of the failure (`docs/consent-bundle.md`): what the
    /// inbox answers in `{"error": code}`, the engine throws and the CLI prints.
    pub fn code(&self) -> &'static str {
        match self {
            BundleError::TooLarge { .. } => "too_large",
            BundleError::Envelope { .. } => "malformed",
            BundleError::Algorithm { .. } => "algorithm",
            BundleError::Signature => "signature",
            BundleError::WeakKey { .. } => "weak_key",
            BundleError::Header { .. } => "header",
            BundleError::Type { .. } => "type",
            BundleError::SignerMismatch { .. } => "signer",
            BundleError::Schema { .. } => "schema",
            BundleError::OutOfBounds { .. } => "bounds",
            BundleError::NotAllowed { .. } => "closed_set",
            BundleError::Notice { .. } => "notice",
            BundleError::DataCategories { .. } => "data_categories",
            BundleError::ConsentRecord { .. } => "consent_record",
            BundleError::DisclosedPath { .. } => "disclosed_path",
            BundleError::UnknownCatalog { .. } => "unknown_catalog",
            BundleError::UnknownProduct { .. } => "unknown_product",
            BundleError::ProductOfAnother { .. } => "product_recipient",
            BundleError::ArtifactVersion { .. } => "artifact_version",
            BundleError::NotCanonical => "not_canonical",
            BundleError::WrongRecipient { .. } => "recipient",
            BundleError::Expired { .. } => "expired",
            BundleError::FromTheFuture { .. } => "future",
            BundleError::Validity => "validity",
            BundleError::Disclosure(_) => "disclosure",
            BundleError::UnknownModel { .. } => "unknown_model",
            BundleError::ScoreMismatch { .. } => "score_mismatch",
            BundleError::NotRecomputable { .. } => "score_not_recomputable",
            BundleError::Replayed => "replayed",
            BundleError::Revoked => "revoked",
        }
    }
}

impl From<JwsError> for BundleError {
    fn from(error: JwsError) -> Self {
        match error {
            JwsError::Algorithm { found } => BundleError::Algorithm { found },
            JwsError::Signature | JwsError::WrongKey { .. } => BundleError::Signature,
            JwsError::WeakKey { detail } => BundleError::WeakKey {
                detail: detail.into(),
            },
            JwsError::Header { detail } => BundleError::Header { detail },
            other => BundleError::Envelope {
                detail: other.to_string(),
            },
        }
    }
}

/// Builds the payload for `request` from a validated profile, taking the time and the random
/// id and nonce from `host`.
pub fn build(
    request: Request,
    profile: &crate::ValidProfile,
    host: &mut impl Host,
) -> Result<Payload, BundleError> {
    if !(1..=MAX_VALIDITY_SECONDS).contains(&request.valid_for_seconds) {
        return Err(BundleError::Validity);
    }
    let disclosed = disclose(profile.profile(), &request.fields).map_err(|e| {
        if e.rule == crate::error::Rule::UnknownField {
            BundleError::DisclosedPath { path: e.field }
        } else {
            BundleError::Disclosure(e.into())
        }
    })?;
    // The record names the categories of what is disclosed, not of what was asked for: an
    // optional field the profile leaves out is not disclosed, and its category not named.
    let mut consent = request.consent;
    consent.data_categories = data_categories(disclosed.keys());
    if request.format == FORMAT_V1 {
        if let Some((member, _)) = consent
            .v2_members()
            .into_iter()
            .find(|(_, present)| *present)
        {
            return Err(schema_error(format!(
                "consent.{member} is not a member of {FORMAT_V1}"
            )));
        }
    } else if request.format == FORMAT {
        // Of the v2 members only the institution's particulars cannot be derived here.
        let institutional = [
            ("controller", consent.controller.is_some()),
            ("retention", consent.retention.is_some()),
            ("withdrawal", consent.withdrawal.is_some()),
        ];
        if let Some((member, _)) = institutional.into_iter().find(|(_, present)| !*present) {
            return Err(schema_error(format!(
                "consent.{member} is required in {FORMAT}"
            )));
        }
        // Derived as the categories are: the processing names the model cited, the consents
        // and sensitive fields carry the hashes of the texts in the notice's language.
        let language = consent.notice.language.clone();
        let given = consent.consents.take().unwrap_or_default();
        consent.consents = Some(record::normalised(
            request.purpose.into(),
            &given,
            &language,
        ));
        consent.processing = Some(record::processing(&request.model.sha256));
        consent.sensitive = Some(record::sensitive_of(disclosed.keys(), &language));
    } else {
        return Err(schema_error(format!(
            "format must be one of {}",
            FORMATS.join(", ")
        )));
    }
    let mut id = [0u8; 16];
    host.random(&mut id);
    let mut nonce = [0u8; 16];
    host.random(&mut nonce);
    let now = host.now();
    use base64::Engine;
    Ok(Payload {
        format: request.format,
        bundle_id: crate::hex(&id),
        merchant: Merchant { did: String::new() },
        recipient: request.recipient,
        purpose: request.purpose,
        disclosed,
        as_of: crate::profile::iso_date_text(profile.profile().as_of),
        model: request.model,
        catalog: request.catalog,
        result: request.result,
        created_at: format_rfc3339(now),
        expires_at: format_rfc3339(now + request.valid_for_seconds),
        nonce: base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(nonce),
        locale: request.locale,
        consent,
    })
}

/// The RFC 8785 canonical bytes of a payload.
pub fn canonical_bytes(payload: &Payload) -> Vec<u8> {
    // Strings, integers and maps only: canonicalisation cannot fail.
    serde_json_canonicalizer::to_vec(payload).unwrap_or_default()
}

/// Signs a payload as the merchant `key` (setting the payload's merchant to the key's
/// `did:key`), giving the compact JWS.
pub fn sign(mut payload: Payload, key: &SecretKey) -> String {
    payload.merchant.did = key.public().did_key();
    let kid = payload.merchant.did.clone();
    jws::sign_as(&canonical_bytes(&payload), key, kid, BUNDLE_TYPE)
}

/// A payload ready to be signed by the merchant key `signer` held elsewhere (a browser's
/// non-extractable WebCrypto key): sign its signing input, then [`jws::Unsigned::finish`].
/// The result is byte for byte what [`sign`] gives with the same key.
pub fn prepare(mut payload: Payload, signer: jws::PublicKey) -> jws::Unsigned {
    payload.merchant.did = signer.did_key();
    jws::Unsigned::new(&canonical_bytes(&payload), signer, BUNDLE_TYPE)
}

/// The flattened JSON serialisation (RFC 7515 §7.2.2) of a compact JWS: what the merchant
/// downloads and the inbox stores.
pub fn flattened(compact: &str) -> String {
    let mut parts = compact.splitn(3, '.');
    let (protected, payload, signature) = (
        parts.next().unwrap_or_default(),
        parts.next().unwrap_or_default(),
        parts.next().unwrap_or_default(),
    );
    serde_json::json!({"payload": payload, "protected": protected, "signature": signature})
        .to_string()
}

/// What a verifier knows besides the bundle: replay and revocation state.
pub trait Ledger {
    /// Whether a bundle with this id or nonce was accepted before.
    fn seen(&self, bundle_id: &str, nonce: &str) -> bool;
    /// Whether the bundle was revoked.
    fn revoked(&self, bundle_id: &str) -> bool;
}

/// A ledger that has seen nothing (a one-off check with `prequal bundle verify`).
pub struct NoLedger;

impl Ledger for NoLedger {
    fn seen(&self, _: &str, _: &str) -> bool {
        false
    }
    fn revoked(&self, _: &str) -> bool {
        false
    }
}

/// The compact form of an envelope in either serialisation.
fn compact_of(envelope: &str) -> Result<String, BundleError> {
    let trimmed = envelope.trim();
    if !trimmed.starts_with('{') {
        return Ok(trimmed.to_string());
    }
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Flattened {
        protected: String,
        payload: String,
        signature: String,
        #[serde(default)]
        header: Option<serde_json::Value>,
    }
    let flat: Flattened = serde_json::from_str(trimmed).map_err(|e| BundleError::Envelope {
        detail: e.to_string(),
    })?;
    if flat.header.is_some() {
        return Err(BundleError::Envelope {
            detail: "unprotected header parameters are not accepted".into(),
        });
    }
    Ok(format!(
        "{}.{}.{}",
        flat.protected, flat.payload, flat.signature
    ))
}

/// The compact form of a JWS sent in either serialisation (compact, or flattened JSON without
/// an unprotected header): what responses and read requests are read from too.
pub fn compact_of_envelope(envelope: &str) -> Result<String, BundleError> {
    compact_of(envelope)
}

/// Whether `text` is a 128-bit id as prequal writes them: 32 lower-case hex digits.
pub fn is_hex_id(text: &str) -> bool {
    verify::is_hex(text, 32)
}

/// The payload of a bundle **without checking anything**: for displaying a bundle that failed
/// verification (`prequal bundle inspect`) or finding which bundle a revocation is for. Never
/// act on it.
pub fn decode_unverified(envelope: &str) -> Option<Payload> {
    use base64::Engine;
    let compact = compact_of(envelope).ok()?;
    let payload = compact.split('.').nth(1)?;
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(payload)
        .ok()?;
    serde_json::from_slice(&bytes).ok()
}

pub(crate) fn schema_error(detail: impl Into<String>) -> BundleError {
    BundleError::Schema {
        detail: detail.into(),
    }
}

/// The signed statement that the merchant withdraws a bundle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Revocation {
    /// [`REVOCATION_FORMAT`].
    pub format: String,
    /// The bundle withdrawn.
    pub bundle_id: String,
    /// The merchant (must be the bundle's signer).
    pub merchant: String,
    /// When, RFC 3339 UTC.
    pub revoked_at: String,
}

/// Signs a revocation of `bundle_id` at `now`.
pub fn revoke(bundle_id: &str, now: i64, key: &SecretKey) -> String {
    prepare_revocation(bundle_id, now, key.public()).sign(key)
}

/// A revocation of `bundle_id` at `now`, ready to be signed by the merchant key `signer` held
/// elsewhere (see [`prepare`]).
pub fn prepare_revocation(bundle_id: &str, now: i64, signer: jws::PublicKey) -> jws::Unsigned {
    let revocation = Revocation {
        format: REVOCATION_FORMAT.into(),
        bundle_id: bundle_id.into(),
        merchant: signer.did_key(),
        revoked_at: format_rfc3339(now),
    };
    let bytes = serde_json_canonicalizer::to_vec(&revocation).unwrap_or_default();
    jws::Unsigned::new(&bytes, signer, REVOCATION_TYPE)
}

/// Verifies a revocation (compact or flattened) and returns it; the caller checks that its
/// merchant signed the bundle it names.
pub fn verify_revocation(envelope: &str) -> Result<Revocation, BundleError> {
    if envelope.len() > MAX_BUNDLE_BYTES {
        return Err(BundleError::TooLarge {
            max: MAX_BUNDLE_BYTES,
        });
    }
    let verified = jws::verify(&compact_of(envelope)?, None)?;
    if verified.header.typ.as_deref() != Some(REVOCATION_TYPE) {
        return Err(BundleError::Type {
            found: verified.header.typ,
        });
    }
    let revocation: Revocation =
        serde_json::from_slice(&verified.payload).map_err(|e| schema_error(e.to_string()))?;
    if revocation.format != REVOCATION_FORMAT {
        return Err(schema_error(format!("format must be {REVOCATION_FORMAT}")));
    }
    if !verify::is_hex(&revocation.bundle_id, 32) {
        return Err(schema_error("bundle_id must be 32 lower-case hex digits"));
    }
    if revocation.merchant != verified.header.kid {
        return Err(BundleError::SignerMismatch {
            kid: verified.header.kid,
            merchant: revocation.merchant,
        });
    }
    if parse_rfc3339(&revocation.revoked_at).is_none() {
        return Err(schema_error("revoked_at must be RFC 3339 UTC"));
    }
    Ok(revocation)
}
