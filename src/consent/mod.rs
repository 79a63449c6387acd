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
mod timestamp;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

pub use disclosure::{disclose, merge_disclosed};
pub use timestamp::{format_rfc3339, parse_rfc3339};

use crate::assess::Model;
use crate::jws::{self, JwsError, PublicKey, SecretKey};
use crate::ProfileErrors;

/// The payload format this version writes and reads.
pub const FORMAT: &str = "prequal.consent/1";
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
/// The largest bundle accepted, in bytes.
pub const MAX_BUNDLE_BYTES: usize = 256 * 1024;

/// Version of the consent notice texts below.
pub const NOTICE_VERSION: &str = "2026-11";

/// The consent notice in Chinese, shown before signing. It includes the notice of possible
/// adverse consequences that China's credit-reporting rules require before income and tax
/// information is collected (征信业管理条例 art. 14).
pub const NOTICE_ZH: &str = "您将向所选金融机构提供下列信息，用于所示目的，直至所示日期。仅提供列出的字段；您的其他信息不会离开本设备。提示：机构可能依据这些信息（包括收入、纳税等信息）作出对您不利的决定，例如拒绝贷款、降低额度或提高利率。您可以在到期前随时撤回授权；撤回不影响撤回前已进行的处理。";

/// The consent notice in English.
pub const NOTICE_EN: &str = "You are about to share the fields listed below with the chosen institution, for the purpose shown, until the date shown. Only these fields are shared; the rest of your information stays on this device. Notice: the institution may use this information (including income and tax information) to make decisions unfavourable to you, such as declining the loan, lowering the amount or raising the rate. You may withdraw this consent at any time before it expires; withdrawal does not affect processing done before it.";

/// The notice record for the text shown in `locale` (`zh-CN` or anything else for English).
pub fn notice_for(locale: &str) -> Notice {
    let (text, language) = if locale == "zh-CN" {
        (NOTICE_ZH, "zh-CN")
    } else {
        (NOTICE_EN, "en")
    };
    Notice {
        version: NOTICE_VERSION.into(),
        sha256: crate::sha256_hex(text.as_bytes()),
        language: language.into(),
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
    /// [`FORMAT`].
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

/// The consent record.
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

impl ResultSeen {
    /// The result an assessment showed (the PD rounded to parts per million).
    pub fn of(assessment: &crate::assess::Assessment) -> ResultSeen {
        ResultSeen {
            score: assessment.score,
            grade: assessment.grade.clone(),
            probability_of_default_ppm: libm::round(assessment.probability_of_default * 1e6) as i64,
        }
    }
}

impl Request {
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
            recipient,
            purpose: Purpose::LoanApplication,
            consent: ConsentRecord {
                jurisdiction: "CN".into(),
                legal_basis: "consent".into(),
                collection_method: collection_method.into(),
                notice: notice_for(locale),
                data_categories: data_categories(&fields),
            },
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
    /// The score or grade recomputed from the disclosed fields differs from what the bundle
    /// claims.
    #[error(
        "claimed score {claimed_score} grade {claimed_grade}; recomputed {score} grade {grade}"
    )]
    ScoreMismatch {
        /// Claimed score.
        claimed_score: i32,
        /// Claimed grade.
        claimed_grade: String,
        /// Recomputed score.
        score: i32,
        /// Recomputed grade.
        grade: String,
    },
    /// This bundle id or nonce was seen before.
    #[error("replayed bundle (id or nonce seen before)")]
    Replayed,
    /// The merchant revoked this bundle.
    #[error("revoked by the merchant")]
    Revoked,
}

impl From<JwsError> for BundleError {
    fn from(error: JwsError) -> Self {
        match error {
            JwsError::Algorithm { found } => BundleError::Algorithm { found },
            JwsError::Signature | JwsError::WrongKey { .. } => BundleError::Signature,
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
    let disclosed = disclose(profile.profile(), &request.fields)
        .map_err(|e| BundleError::Disclosure(e.into()))?;
    let mut id = [0u8; 16];
    host.random(&mut id);
    let mut nonce = [0u8; 16];
    host.random(&mut nonce);
    let now = host.now();
    use base64::Engine;
    Ok(Payload {
        format: FORMAT.into(),
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
        consent: request.consent,
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

/// A bundle whose every check passed.
#[derive(Debug, Clone, PartialEq)]
pub struct Verified {
    /// The payload.
    pub payload: Payload,
    /// The merchant's key.
    pub merchant: PublicKey,
    /// Whether the score was recomputed (the disclosure held every field the model reads).
    pub score_recomputed: bool,
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

/// Verifies a bundle (compact or flattened JSON) at `now` (Unix seconds) for
/// `expected_recipient`, against `model` and `ledger`.
pub fn verify(
    envelope: &str,
    now: i64,
    expected_recipient: Option<&str>,
    model: &Model,
    ledger: &dyn Ledger,
) -> Result<Verified, BundleError> {
    if envelope.len() > MAX_BUNDLE_BYTES {
        return Err(BundleError::TooLarge {
            max: MAX_BUNDLE_BYTES,
        });
    }
    let compact = compact_of(envelope)?;
    let verified = jws::verify(&compact, None)?;
    if verified.header.typ.as_deref() != Some(BUNDLE_TYPE) {
        return Err(BundleError::Type {
            found: verified.header.typ,
        });
    }
    let payload: Payload =
        serde_json::from_slice(&verified.payload).map_err(|e| BundleError::Schema {
            detail: e.to_string(),
        })?;
    if payload.merchant.did != verified.header.kid {
        return Err(BundleError::SignerMismatch {
            kid: verified.header.kid,
            merchant: payload.merchant.did,
        });
    }
    check_schema(&payload)?;
    if canonical_bytes(&payload) != verified.payload {
        return Err(BundleError::NotCanonical);
    }
    if let Some(expected) = expected_recipient {
        if payload.recipient.institution != expected {
            return Err(BundleError::WrongRecipient {
                expected: expected.into(),
                found: payload.recipient.institution.clone(),
            });
        }
    }
    check_times(&payload, now)?;
    if ledger.revoked(&payload.bundle_id) {
        return Err(BundleError::Revoked);
    }
    if ledger.seen(&payload.bundle_id, &payload.nonce) {
        return Err(BundleError::Replayed);
    }
    let profile =
        merge_disclosed(&payload.disclosed, &payload.as_of).map_err(BundleError::Disclosure)?;
    let score_recomputed = recompute(&payload, &profile, model)?;
    Ok(Verified {
        payload,
        merchant: verified.signer,
        score_recomputed,
    })
}

fn schema_error(detail: impl Into<String>) -> BundleError {
    BundleError::Schema {
        detail: detail.into(),
    }
}

fn check_schema(payload: &Payload) -> Result<(), BundleError> {
    if payload.format != FORMAT {
        return Err(schema_error(format!("format must be {FORMAT}")));
    }
    let hex_of = |text: &str, len: usize| {
        text.len() == len
            && text
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    };
    if !hex_of(&payload.bundle_id, 32) {
        return Err(schema_error("bundle_id must be 32 lower-case hex digits"));
    }
    for (name, artifact) in [("model", &payload.model), ("catalog", &payload.catalog)] {
        if !hex_of(&artifact.sha256, 64) {
            return Err(schema_error(format!("{name}.sha256 must be 64 hex digits")));
        }
    }
    if !hex_of(&payload.consent.notice.sha256, 64) {
        return Err(schema_error("consent.notice.sha256 must be 64 hex digits"));
    }
    use base64::Engine;
    let nonce = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(&payload.nonce)
        .map_err(|_| schema_error("nonce must be base64url"))?;
    if nonce.len() != 16 {
        return Err(schema_error("nonce must be 16 bytes"));
    }
    if payload.recipient.institution.is_empty() || payload.recipient.products.is_empty() {
        return Err(schema_error("recipient needs an institution and products"));
    }
    if payload.disclosed.is_empty() {
        return Err(schema_error("nothing disclosed"));
    }
    Ok(())
}

fn check_times(payload: &Payload, now: i64) -> Result<(), BundleError> {
    let created = parse_rfc3339(&payload.created_at)
        .ok_or_else(|| schema_error("created_at must be RFC 3339 UTC (YYYY-MM-DDTHH:MM:SSZ)"))?;
    let expires = parse_rfc3339(&payload.expires_at)
        .ok_or_else(|| schema_error("expires_at must be RFC 3339 UTC (YYYY-MM-DDTHH:MM:SSZ)"))?;
    if expires <= created || expires - created > MAX_VALIDITY_SECONDS {
        return Err(BundleError::Validity);
    }
    if created > now + CLOCK_SKEW_SECONDS {
        return Err(BundleError::FromTheFuture {
            created_at: payload.created_at.clone(),
        });
    }
    if now > expires + CLOCK_SKEW_SECONDS {
        return Err(BundleError::Expired {
            expires_at: payload.expires_at.clone(),
        });
    }
    Ok(())
}

/// Recomputes score and grade when every field the model reads is disclosed.
fn recompute(
    payload: &Payload,
    profile: &crate::ValidProfile,
    model: &Model,
) -> Result<bool, BundleError> {
    if payload.model.sha256 != model.id() {
        return Err(BundleError::UnknownModel {
            found: payload.model.sha256.clone(),
            expected: model.id().to_string(),
        });
    }
    if !model
        .fields()
        .iter()
        .all(|field| payload.disclosed.contains_key(*field))
    {
        return Ok(false);
    }
    let assessment = model.assess(profile);
    if assessment.score != payload.result.score || assessment.grade != payload.result.grade {
        return Err(BundleError::ScoreMismatch {
            claimed_score: payload.result.score,
            claimed_grade: payload.result.grade.clone(),
            score: assessment.score,
            grade: assessment.grade,
        });
    }
    Ok(true)
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
    if revocation.format != REVOCATION_FORMAT || revocation.merchant != verified.header.kid {
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
