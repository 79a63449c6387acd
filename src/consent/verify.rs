//! The bank's side of a bundle: [`verify`], one linear pipeline with one error per check, in
//! the order a reader expects — the envelope and its signature, the payload's shape and
//! bounds, its bytes, whom and when it is for, what it discloses, what the merchant consented
//! to, the catalog and products it cites, the model, the ledger, and finally the score
//! recomputed from the disclosed values.
//!
//! Every member of the payload is checked against something the verifier holds, never taken on
//! trust: products against a catalog the verifier trusts (by SHA-256), the notice hash against
//! the notice texts this build shows, closed sets against their members, the data categories
//! against the disclosed fields, the score, grade **and** PD against the model's own result.
//! Strings and arrays have documented bounds ([`bounds`]), so a stored bundle has a known
//! maximum size.

use serde::{Deserialize, Serialize};

use super::{
    compact_of, data_categories, notice_of, parse_rfc3339, record, schema_error, BundleError,
    Ledger, Payload, BUNDLE_TYPE, CLOCK_SKEW_SECONDS, FORMAT, FORMATS, FORMAT_V1, LOCALES,
    MAX_BUNDLE_BYTES, MAX_VALIDITY_SECONDS,
};
use crate::assess::Model;
use crate::catalog::ValidCatalog;
use crate::jws::{self, PublicKey};

/// The bounds on a payload's members. Members not listed have a fixed form (hex ids, dates,
/// the did:key of a 32-byte key) or a closed set of values; disclosed values are bounded by
/// the profile's own rules (`business.name` ≤ 100 characters, at most twelve months).
pub mod bounds {
    /// Products one bundle applies for.
    pub const MAX_PRODUCTS: usize = 10;
    /// Characters of an institution or product id, and of a model or catalog version.
    pub const MAX_ID_CHARS: usize = 64;
}

/// Closed sets of the consent record.
pub mod closed {
    /// `consent.jurisdiction`: the law that applies (ISO 3166).
    pub const JURISDICTIONS: &[&str] = &["CN"];
    /// `consent.legal_basis` (PIPL art. 13(1)).
    pub const LEGAL_BASES: &[&str] = &["consent"];
    /// `consent.collection_method`.
    pub const COLLECTION_METHODS: &[&str] = &["web-form", "file-import", "cli"];
}

/// What a verifier trusts: the models it can recompute a score with and the catalogs whose
/// products bundles may name, each known by its SHA-256; and whether a bundle whose score it
/// cannot recompute is refused.
#[derive(Debug, Clone)]
pub struct Trust<'a> {
    models: Vec<&'a Model>,
    catalogs: Vec<&'a ValidCatalog>,
    recipients: Option<Vec<&'a str>>,
    require_score_recomputable: bool,
}

impl<'a> Trust<'a> {
    /// Trusts one model and one catalog; a bundle that withholds a field the model reads is
    /// accepted, marked as not recomputed ([`Verified::score_recomputed`]).
    pub fn new(model: &'a Model, catalog: &'a ValidCatalog) -> Trust<'a> {
        Trust::of(vec![model], vec![catalog])
    }

    /// Trusts these models and catalogs.
    pub fn of(models: Vec<&'a Model>, catalogs: Vec<&'a ValidCatalog>) -> Trust<'a> {
        Trust {
            models,
            catalogs,
            recipients: None,
            require_score_recomputable: false,
        }
    }

    /// The same trust, accepting only bundles addressed to one of `recipients` (an inbox's
    /// institutions).
    pub fn accepting(self, recipients: Vec<&'a str>) -> Trust<'a> {
        Trust {
            recipients: Some(recipients),
            ..self
        }
    }

    /// The same trust, refusing ([`BundleError::NotRecomputable`]) bundles whose disclosure
    /// does not hold every field the model reads.
    pub fn requiring_recomputation(self, required: bool) -> Trust<'a> {
        Trust {
            require_score_recomputable: required,
            ..self
        }
    }

    fn model(&self, sha256: &str) -> Option<&'a Model> {
        self.models.iter().copied().find(|m| m.id() == sha256)
    }

    fn catalog(&self, sha256: &str) -> Option<&'a ValidCatalog> {
        self.catalogs.iter().copied().find(|c| c.sha256() == sha256)
    }
}

/// A bundle whose every check passed.
#[derive(Debug, Clone, PartialEq)]
pub struct Verified {
    /// The payload.
    pub payload: Payload,
    /// The envelope in its one normal form, the flattened JWS as [`super::flattened`] writes
    /// it: what a verifier stores, whatever whitespace or member order the sender used.
    pub envelope: String,
    /// The merchant's key.
    pub merchant: PublicKey,
    /// Whether the score was recomputed (the disclosure held every field the model reads).
    pub score_recomputed: bool,
    /// The fields the model reads that the disclosure withholds (empty when recomputed).
    pub withheld_model_fields: Vec<String>,
}

/// What verification established, as stored beside a bundle and shown in every listing
/// (`prequal.verification/1`): a bank reads at a glance whether the score it is shown was
/// recomputed or only claimed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Outcome {
    /// The signature verified (strict Ed25519) under the merchant's `did:key`.
    pub signature: bool,
    /// The score, grade and PD were recomputed from the disclosed values and equal the
    /// merchant's.
    pub score_recomputed: bool,
    /// Why not, when not: the fields the model reads that were withheld.
    pub withheld_model_fields: Vec<String>,
    /// The model recomputed with (SHA-256).
    pub model_sha256: String,
    /// The trusted catalog the products were found in (SHA-256).
    pub catalog_sha256: String,
}

impl Verified {
    /// The verification outcome, for storing and listing.
    pub fn outcome(&self) -> Outcome {
        Outcome {
            signature: true,
            score_recomputed: self.score_recomputed,
            withheld_model_fields: self.withheld_model_fields.clone(),
            model_sha256: self.payload.model.sha256.clone(),
            catalog_sha256: self.payload.catalog.sha256.clone(),
        }
    }
}

/// Verifies a bundle (compact or flattened JSON) at `now` (Unix seconds) for
/// `expected_recipient`, against what the verifier `trust`s and its `ledger`.
pub fn verify(
    envelope: &str,
    now: i64,
    expected_recipient: Option<&str>,
    trust: &Trust<'_>,
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
        serde_json::from_slice(&verified.payload).map_err(|e| schema_error(e.to_string()))?;
    if payload.merchant.did != verified.header.kid {
        return Err(BundleError::SignerMismatch {
            kid: verified.header.kid,
            merchant: payload.merchant.did,
        });
    }
    check_schema(&payload)?;
    if super::canonical_bytes(&payload) != verified.payload {
        return Err(BundleError::NotCanonical);
    }
    let recipient = payload.recipient.institution.as_str();
    let accepted = expected_recipient.is_none_or(|expected| recipient == expected)
        && trust
            .recipients
            .as_ref()
            .is_none_or(|recipients| recipients.contains(&recipient));
    if !accepted {
        let mut expected: Vec<&str> = expected_recipient.into_iter().collect();
        expected.extend(trust.recipients.iter().flatten());
        return Err(BundleError::WrongRecipient {
            expected: expected.join(" or "),
            found: payload.recipient.institution.clone(),
        });
    }
    check_times(&payload, now)?;
    check_disclosed_paths(&payload)?;
    check_consent_record(&payload)?;
    let catalog = check_catalog(&payload, trust)?;
    let model = check_model(&payload, trust)?;
    check_pipl_record(&payload, catalog)?;
    if ledger.revoked(&payload.bundle_id) {
        return Err(BundleError::Revoked);
    }
    if ledger.seen(&payload.bundle_id, &payload.nonce) {
        return Err(BundleError::Replayed);
    }
    let profile = super::merge_disclosed(&payload.disclosed, &payload.as_of)
        .map_err(BundleError::Disclosure)?;
    let withheld_model_fields = recompute(&payload, &profile, model)?;
    if trust.require_score_recomputable && !withheld_model_fields.is_empty() {
        return Err(BundleError::NotRecomputable {
            withheld: withheld_model_fields,
        });
    }
    Ok(Verified {
        payload,
        envelope: super::flattened(&compact),
        merchant: verified.signer,
        score_recomputed: withheld_model_fields.is_empty(),
        withheld_model_fields,
    })
}

pub(super) fn is_hex(text: &str, len: usize) -> bool {
    text.len() == len
        && text
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

fn bounded(member: &str, text: &str, max: usize) -> Result<(), BundleError> {
    if text.is_empty() || text.chars().count() > max {
        return Err(BundleError::OutOfBounds {
            member: member.into(),
            max,
        });
    }
    Ok(())
}

fn check_schema(payload: &Payload) -> Result<(), BundleError> {
    if !FORMATS.contains(&payload.format.as_str()) {
        return Err(schema_error(format!(
            "format must be one of {}",
            FORMATS.join(", ")
        )));
    }
    // A v1 record has none of the v2 members, a v2 record all of them: a member cannot be
    // dropped to escape its check, nor added to a v1 bundle to claim a consent v1 cannot give.
    let v1 = payload.format == FORMAT_V1;
    if let Some((member, present)) = payload
        .consent
        .v2_members()
        .into_iter()
        .find(|(_, present)| *present == v1)
    {
        return Err(schema_error(if present {
            format!("consent.{member} is not a member of {FORMAT_V1}")
        } else {
            format!("consent.{member} is required in {FORMAT}")
        }));
    }
    if !is_hex(&payload.bundle_id, 32) {
        return Err(schema_error("bundle_id must be 32 lower-case hex digits"));
    }
    for (name, artifact) in [("model", &payload.model), ("catalog", &payload.catalog)] {
        if !is_hex(&artifact.sha256, 64) {
            return Err(schema_error(format!("{name}.sha256 must be 64 hex digits")));
        }
        bounded(
            &format!("{name}.version"),
            &artifact.version,
            bounds::MAX_ID_CHARS,
        )?;
    }
    if !is_hex(&payload.consent.notice.sha256, 64) {
        return Err(schema_error("consent.notice.sha256 must be 64 hex digits"));
    }
    use base64::Engine;
    let nonce = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(&payload.nonce)
        .map_err(|_| schema_error("nonce must be base64url"))?;
    if nonce.len() != 16 {
        return Err(schema_error("nonce must be 16 bytes"));
    }
    bounded(
        "recipient.institution",
        &payload.recipient.institution,
        bounds::MAX_ID_CHARS,
    )?;
    let products = &payload.recipient.products;
    if products.is_empty() || products.len() > bounds::MAX_PRODUCTS {
        return Err(BundleError::OutOfBounds {
            member: "recipient.products".into(),
            max: bounds::MAX_PRODUCTS,
        });
    }
    for (i, product) in products.iter().enumerate() {
        bounded(
            &format!("recipient.products[{i}]"),
            product,
            bounds::MAX_ID_CHARS,
        )?;
        if products[..i].contains(product) {
            return Err(schema_error(format!(
                "recipient.products[{i}] lists {product} twice"
            )));
        }
    }
    if payload.disclosed.is_empty() {
        return Err(schema_error("nothing disclosed"));
    }
    if !(0..=1_000_000).contains(&payload.result.probability_of_default_ppm) {
        return Err(schema_error(
            "result.probability_of_default_ppm must be between 0 and 1000000",
        ));
    }
    closed_member("locale", &payload.locale, LOCALES)
}

fn closed_member(member: &str, found: &str, allowed: &[&str]) -> Result<(), BundleError> {
    if allowed.contains(&found) {
        Ok(())
    } else {
        Err(BundleError::NotAllowed {
            member: member.into(),
            found: found.chars().take(bounds::MAX_ID_CHARS).collect(),
            allowed: allowed.join(", "),
        })
    }
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

/// The consent record: closed sets closed, the notice one this build shows, the data
/// categories those of the disclosed fields.
fn check_consent_record(payload: &Payload) -> Result<(), BundleError> {
    let record = &payload.consent;
    closed_member(
        "consent.jurisdiction",
        &record.jurisdiction,
        closed::JURISDICTIONS,
    )?;
    closed_member(
        "consent.legal_basis",
        &record.legal_basis,
        closed::LEGAL_BASES,
    )?;
    closed_member(
        "consent.collection_method",
        &record.collection_method,
        closed::COLLECTION_METHODS,
    )?;
    closed_member("consent.notice.language", &record.notice.language, LOCALES)?;
    let known = notice_of(&payload.format, &record.notice.language);
    if record.notice != known {
        return Err(BundleError::Notice {
            language: known.language,
            version: known.version,
        });
    }
    let categories = data_categories(payload.disclosed.keys());
    if record.data_categories != categories {
        return Err(BundleError::DataCategories {
            expected: categories,
        });
    }
    Ok(())
}

/// Only leaf fields of the profile, each once (a map holds each key once): a parent path
/// beside its leaves would let the bank read one value while the score was recomputed from
/// another.
fn check_disclosed_paths(payload: &Payload) -> Result<(), BundleError> {
    match payload
        .disclosed
        .keys()
        .find(|path| !super::is_disclosable(path))
    {
        Some(path) => Err(BundleError::DisclosedPath {
            path: path.chars().take(bounds::MAX_ID_CHARS * 2).collect(),
        }),
        None => Ok(()),
    }
}

/// The catalog is one the verifier trusts, its version is that catalog's, and every product
/// is in it and offered by the recipient.
fn check_catalog<'a>(
    payload: &Payload,
    trust: &Trust<'a>,
) -> Result<&'a ValidCatalog, BundleError> {
    let catalog =
        trust
            .catalog(&payload.catalog.sha256)
            .ok_or_else(|| BundleError::UnknownCatalog {
                sha256: payload.catalog.sha256.clone(),
            })?;
    if payload.catalog.version != catalog.catalog().version {
        return Err(BundleError::ArtifactVersion {
            artifact: "catalog",
            expected: catalog.catalog().version.clone(),
        });
    }
    for product in &payload.recipient.products {
        let (_, found) = catalog
            .product(product)
            .ok_or_else(|| BundleError::UnknownProduct {
                product: product.clone(),
            })?;
        if found.institution != payload.recipient.institution {
            return Err(BundleError::ProductOfAnother {
                product: product.clone(),
                institution: found.institution.clone(),
            });
        }
    }
    Ok(catalog)
}

/// The members `prequal.consent/2` adds (nothing to check in a v1 record, which has none):
/// the bundle's own purpose consented to first, each optional use at most once after it, a
/// term on a credit-report query only, every text hash that of the text in the notice's
/// language; the handler, retention and withdrawal endpoint those the trusted catalog gives
/// for the recipient; the processing naming the model cited; the sensitive fields those
/// disclosed.
fn check_pipl_record(payload: &Payload, catalog: &ValidCatalog) -> Result<(), BundleError> {
    let record = &payload.consent;
    let (
        Some(consents),
        Some(controller),
        Some(processing),
        Some(retention),
        Some(withdrawal),
        Some(sensitive),
    ) = (
        &record.consents,
        &record.controller,
        &record.processing,
        &record.retention,
        &record.withdrawal,
        &record.sensitive,
    )
    else {
        return Ok(());
    };
    let wrong = |member: &str, detail: String| BundleError::ConsentRecord {
        member: member.into(),
        detail,
    };
    let language = &record.notice.language;
    let own = record::Use::from(payload.purpose);
    match consents.first() {
        Some(first) if first.purpose == own => {}
        _ => {
            return Err(wrong(
                "consents[0]",
                format!("must be the bundle's purpose, {}", own.name()),
            ))
        }
    }
    for (i, given) in consents.iter().enumerate() {
        let member = format!("consents[{i}]");
        if i > 0 {
            let previous = consents[i - 1].purpose;
            if !record::Use::OPTIONAL.contains(&given.purpose) || given.purpose <= previous {
                return Err(wrong(
                    &member,
                    "after the bundle's purpose only credit-report-query, other-products, then model-improvement, each at most once".into(),
                ));
            }
        }
        if given.term.is_some() != (given.purpose == record::Use::CreditReportQuery) {
            return Err(wrong(
                &format!("{member}.term"),
                "a credit-report query has a term; no other consent has one".into(),
            ));
        }
        if *given != record::Given::new(given.purpose, given.term, language) {
            return Err(wrong(
                &format!("{member}.text_sha256"),
                format!(
                    "must be the SHA-256 of the {language} text of {}",
                    given.purpose.name()
                ),
            ));
        }
    }
    let institution = catalog
        .catalog()
        .institutions
        .iter()
        .find(|i| i.id == payload.recipient.institution)
        .and_then(record::of_institution);
    let Some((expected_controller, expected_retention, expected_withdrawal)) = institution else {
        return Err(wrong(
            "controller",
            "the trusted catalog gives no data-protection particulars for the recipient".into(),
        ));
    };
    if *controller != expected_controller {
        return Err(wrong(
            "controller",
            "must be the recipient's particulars in the catalog".into(),
        ));
    }
    if *retention != expected_retention {
        return Err(wrong(
            "retention",
            format!(
                "must be {} days after {} (the catalog's)",
                expected_retention.days, expected_retention.after
            ),
        ));
    }
    if *withdrawal != expected_withdrawal {
        return Err(wrong(
            "withdrawal",
            format!("must be {} (the catalog's)", expected_withdrawal.endpoint),
        ));
    }
    if *processing != record::processing(&payload.model.sha256) {
        return Err(wrong(
            "processing",
            format!(
                "must be {} with automated scoring by model.sha256, explanation on-request",
                record::PROCESSING_METHODS.join(", ")
            ),
        ));
    }
    if *sensitive != record::sensitive_of(payload.disclosed.keys(), language) {
        return Err(wrong(
            "sensitive",
            "must list the disclosed sensitive fields by category with the SHA-256 of each category's text".into(),
        ));
    }
    Ok(())
}

/// The model is one the verifier holds, under its own name, and the grade claimed is one of
/// its grades.
fn check_model<'a>(payload: &Payload, trust: &Trust<'a>) -> Result<&'a Model, BundleError> {
    let model = trust
        .model(&payload.model.sha256)
        .ok_or_else(|| BundleError::UnknownModel {
            found: payload.model.sha256.clone(),
            expected: trust
                .models
                .iter()
                .map(|m| m.id())
                .collect::<Vec<_>>()
                .join(" or "),
        })?;
    if payload.model.version != model.scorecard().name {
        return Err(BundleError::ArtifactVersion {
            artifact: "model",
            expected: model.scorecard().name.clone(),
        });
    }
    let grades: Vec<&str> = model
        .scorecard()
        .grades
        .iter()
        .map(|g| g.grade.as_str())
        .collect();
    closed_member("result.grade", &payload.result.grade, &grades)?;
    Ok(model)
}

/// Recomputes score, grade and PD when every field the model reads is disclosed; the fields
/// withheld otherwise.
fn recompute(
    payload: &Payload,
    profile: &crate::ValidProfile,
    model: &Model,
) -> Result<Vec<String>, BundleError> {
    let withheld: Vec<String> = model
        .fields()
        .into_iter()
        .filter(|field| !payload.disclosed.contains_key(*field))
        .map(str::to_owned)
        .collect();
    if !withheld.is_empty() {
        return Ok(withheld);
    }
    let recomputed = super::ResultSeen::of(&model.assess(profile));
    if recomputed != payload.result {
        return Err(BundleError::ScoreMismatch {
            claimed: payload.result.clone(),
            recomputed,
        });
    }
    Ok(withheld)
}
