//! The bank's answer to a bundle (`prequal.response/1`), and the merchant's signed request to
//! read the answers (`prequal.response-request/1`): `docs/responses.md`.
//!
//! - A **response** is a JWS (EdDSA, `typ: prequal-response+jws`) signed by the institution's
//!   key — the `did:key` the catalog lists as the institution's `response_key` — over the RFC
//!   8785 form of [`Response`]: which bundle, which merchant, the status (acknowledged, more
//!   information wanted, an offer, declined), and what goes with it (the fields wanted, the
//!   offer's loan terms with the schedule's figures, the decline reasons from a fixed list).
//!   The merchant's device checks the signature against the catalog before showing anything,
//!   and recomputes an offer's schedule from its terms with this same core.
//! - A **read request** is a JWS signed with the bundle's merchant key over a bundle id, the
//!   time and a nonce: the inbox answers it with that bundle's responses only when the signer is
//!   the merchant who signed the bundle, the time is within the skew and the nonce is new. No
//!   account and no cookie: holding the key is the proof.
//!
//! Like the rest of the core it reads no clock and makes no randomness: callers pass both.

use serde::{Deserialize, Serialize};

use crate::catalog::{Institution, Product, RepaymentType};
use crate::consent::{format_rfc3339, parse_rfc3339, BundleError, CLOCK_SKEW_SECONDS};
use crate::jws::{self, PublicKey, SecretKey};
use crate::schedule::LoanTerms;

/// The response payload format.
pub const FORMAT: &str = "prequal.response/1";
/// The JWS `typ` of a response.
pub const TYPE: &str = "prequal-response+jws";
/// The read request's payload format.
pub const READ_FORMAT: &str = "prequal.response-request/1";
/// The JWS `typ` of a read request.
pub const READ_TYPE: &str = "prequal-response-request+jws";
/// The longest message an officer may write, in characters.
pub const MAX_MESSAGE_CHARS: usize = 500;
/// The largest response accepted, in bytes (the bounds keep a valid one well under it).
pub const MAX_RESPONSE_BYTES: usize = 16 * 1024;

/// Where an application stands, as the institution answered it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Received and being looked at.
    Acknowledged,
    /// The institution needs more: the fields it names, and a message.
    MoreInformation,
    /// An offer: loan terms the merchant's device recomputes.
    Offer,
    /// Declined, with reasons from [`Reason`].
    Declined,
}

/// Why an application was declined: a fixed list, so the merchant reads each in their own
/// language and a regulator can count them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    /// The risk grade is below what the product accepts.
    GradeBelowPolicy,
    /// Revenue too low or too irregular for the amount.
    InsufficientRevenue,
    /// Existing debts or repayments too high.
    DebtTooHigh,
    /// Unpaid tax, social insurance or power bills.
    Arrears,
    /// Court judgements or a list status.
    CourtRecord,
    /// The business is outside the institution's area or industries.
    OutsideScope,
    /// Not enough information to decide (after asking for more).
    IncompleteInformation,
    /// The institution's credit report query found something it cannot accept.
    CreditReport,
    /// Another reason, explained in the message.
    Other,
}

serial_names! {
    Status {
        Acknowledged => "acknowledged",
        MoreInformation => "more_information",
        Offer => "offer",
        Declined => "declined",
    }
    Reason {
        GradeBelowPolicy => "grade_below_policy",
        InsufficientRevenue => "insufficient_revenue",
        DebtTooHigh => "debt_too_high",
        Arrears => "arrears",
        CourtRecord => "court_record",
        OutsideScope => "outside_scope",
        IncompleteInformation => "incomplete_information",
        CreditReport => "credit_report",
        Other => "other",
    }
}

/// An offer: the loan terms (what [`LoanTerms::schedule`] reads) and the figures of their
/// schedule as the institution computed them, which the merchant's device recomputes and
/// compares (integers only, so the signed bytes are the same everywhere).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Offer {
    /// The product offered (an id in the catalog).
    pub product: String,
    /// The repayment type offered, one of the product's.
    pub repayment_type: RepaymentType,
    /// The terms.
    pub terms: LoanTerms,
    /// Until when the offer stands, `YYYY-MM-DD`.
    pub valid_until: String,
    /// The schedule's first payment, minor units.
    pub first_payment_minor: i64,
    /// Interest and fees over the term, minor units.
    pub cost_of_credit_minor: i64,
    /// Everything repaid, minor units.
    pub total_repayable_minor: i64,
    /// The annualised rate by the IRR method, in parts per million (135800 = 13.58 %).
    pub effective_annual_rate_ppm: i64,
}

impl Offer {
    /// An offer of `product` at `amount_minor`, `annual_rate_bp` and `term_months`, repaid as
    /// `repayment_type`, first payment in `first_payment_month`: the product's fees and grace
    /// period applied as matching applies them, and the schedule's figures filled in.
    #[allow(clippy::too_many_arguments)] // the officer's choices, each named
    pub fn priced(
        product: &Product,
        repayment_type: RepaymentType,
        amount_minor: i64,
        annual_rate_bp: i64,
        term_months: u32,
        first_payment_month: u8,
        valid_until: &str,
    ) -> Result<Offer, crate::schedule::TermsErrors> {
        let terms = product.loan_terms(
            repayment_type,
            amount_minor,
            annual_rate_bp,
            term_months,
            first_payment_month,
        );
        let schedule = terms.schedule()?;
        Ok(Offer {
            product: product.id.clone(),
            repayment_type,
            valid_until: valid_until.into(),
            first_payment_minor: schedule.first_payment_due_minor(),
            cost_of_credit_minor: schedule.cost_of_credit_minor,
            total_repayable_minor: schedule.total_paid_minor,
            effective_annual_rate_ppm: libm::round(schedule.effective_annual_rate * 1e6) as i64,
            terms,
        })
    }

    /// Whether the figures are those of the terms' schedule (what the merchant's device checks
    /// before showing an offer).
    pub fn recomputes(&self) -> bool {
        let Ok(schedule) = self.terms.schedule() else {
            return false;
        };
        self.first_payment_minor == schedule.first_payment_due_minor()
            && self.cost_of_credit_minor == schedule.cost_of_credit_minor
            && self.total_repayable_minor == schedule.total_paid_minor
            && self.effective_annual_rate_ppm
                == libm::round(schedule.effective_annual_rate * 1e6) as i64
    }
}

/// The signed answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Response {
    /// [`FORMAT`].
    pub format: String,
    /// Random 128-bit id, 32 lower-case hex digits.
    pub response_id: String,
    /// The bundle answered.
    pub bundle_id: String,
    /// The institution answering (the bundle's recipient).
    pub institution: String,
    /// The bundle's merchant (`did:key`), so a response cannot be moved to another merchant.
    pub merchant: String,
    /// 1 for the first response to the bundle, then 2, 3, …: the latest is the standing.
    pub sequence: u32,
    /// Where the application stands.
    pub status: Status,
    /// When, RFC 3339 UTC.
    pub created_at: String,
    /// The officer's words, at most [`MAX_MESSAGE_CHARS`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// For more information: the profile fields wanted (leaf paths).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<String>,
    /// For an offer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offer: Option<Offer>,
    /// For a decline: at least one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reasons: Vec<Reason>,
}

/// Why a response or read request was refused.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ResponseError {
    /// The envelope or signature (as for bundles: the same JWS checks).
    #[error(transparent)]
    Bundle(#[from] BundleError),
    /// Not signed by the key the catalog lists for the institution.
    #[error("not signed by {institution}'s response key in the catalog")]
    NotTheInstitution {
        /// The institution named.
        institution: String,
    },
    /// The catalog lists no response key for the institution.
    #[error("the catalog lists no response key for {institution}")]
    NoKey {
        /// The institution.
        institution: String,
    },
    /// A member is missing, malformed or does not belong with the status.
    #[error("{member}: {detail}")]
    Schema {
        /// The member.
        member: &'static str,
        /// What is wrong.
        detail: String,
    },
    /// The offer's figures are not those of its terms' schedule.
    #[error("the offer's figures are not those of its terms")]
    OfferMismatch,
    /// A read request outside the tolerated clock skew.
    #[error("the request's time {requested_at} is not within five minutes of now")]
    Stale {
        /// When it claims to be made.
        requested_at: String,
    },
}

impl ResponseError {
    /// The stable code (what the inbox answers).
    pub fn code(&self) -> &'static str {
        match self {
            ResponseError::Bundle(e) => e.code(),
            ResponseError::NotTheInstitution { .. } => "signer",
            ResponseError::NoKey { .. } => "no_response_key",
            ResponseError::Schema { .. } => "schema",
            ResponseError::OfferMismatch => "offer_mismatch",
            ResponseError::Stale { .. } => "stale",
        }
    }
}

fn schema(member: &'static str, detail: impl Into<String>) -> ResponseError {
    ResponseError::Schema {
        member,
        detail: detail.into(),
    }
}

impl Response {
    /// Checks the members against the status and their bounds (every check but the
    /// signature's).
    pub fn check(&self) -> Result<(), ResponseError> {
        if self.format != FORMAT {
            return Err(schema("format", format!("must be {FORMAT}")));
        }
        for (member, id) in [
            ("response_id", &self.response_id),
            ("bundle_id", &self.bundle_id),
        ] {
            if !crate::consent::is_hex_id(id) {
                return Err(schema(member, "must be 32 lower-case hex digits"));
            }
        }
        if self.sequence == 0 {
            return Err(schema("sequence", "starts at 1"));
        }
        if parse_rfc3339(&self.created_at).is_none() {
            return Err(schema("created_at", "must be RFC 3339 UTC"));
        }
        if let Some(message) = &self.message {
            if message.trim().is_empty() || message.chars().count() > MAX_MESSAGE_CHARS {
                return Err(schema(
                    "message",
                    format!("1 to {MAX_MESSAGE_CHARS} characters"),
                ));
            }
        }
        let more = self.status == Status::MoreInformation;
        if more == self.fields.is_empty() {
            return Err(schema(
                "fields",
                "the fields wanted, with more_information and only with it",
            ));
        }
        if let Some(field) = self
            .fields
            .iter()
            .find(|f| !crate::consent::is_disclosable(f))
        {
            return Err(schema(
                "fields",
                format!("{field:.64} is not a profile field"),
            ));
        }
        if (self.status == Status::Offer) != self.offer.is_some() {
            return Err(schema("offer", "with an offer and only with it"));
        }
        if (self.status == Status::Declined) == self.reasons.is_empty() {
            return Err(schema(
                "reasons",
                "at least one, with a decline and only with it",
            ));
        }
        if let Some(offer) = &self.offer {
            if crate::profile::parse_iso_date(&offer.valid_until).is_none() {
                return Err(schema("offer", "valid_until must be YYYY-MM-DD"));
            }
            if !offer.recomputes() {
                return Err(ResponseError::OfferMismatch);
            }
        }
        Ok(())
    }
}

/// The key a **sample** institution of the generated catalog signs its answers with: derived
/// from its id, so that `cargo xtask serve`, the tests and the examples can answer as any
/// sample institution. Anyone can derive it — like the sample operator key, it is for the
/// catalog's fictional institutions only; a real institution's catalog entry names a key only
/// that institution holds.
pub fn sample_institution_key(institution_id: &str) -> SecretKey {
    SecretKey::from_seed(&crate::sha256(
        format!("prequal sample response key {institution_id}").as_bytes(),
    ))
}

/// Signs a response as the institution `key`.
pub fn sign(response: &Response, key: &SecretKey) -> String {
    let bytes = serde_json_canonicalizer::to_vec(response).unwrap_or_default();
    jws::sign_as(&bytes, key, key.public().did_key(), TYPE)
}

/// The key the catalog lists for answering on behalf of `institution`.
pub fn response_key(institution: &Institution) -> Result<PublicKey, ResponseError> {
    institution
        .response_key
        .as_deref()
        .and_then(|did| PublicKey::from_did_key(did).ok())
        .ok_or_else(|| ResponseError::NoKey {
            institution: institution.id.clone(),
        })
}

/// Verifies a response (compact or flattened) from `institution`, as the catalog lists it:
/// its signature by the institution's response key, the canonical bytes, and every member.
pub fn verify(envelope: &str, institution: &Institution) -> Result<Response, ResponseError> {
    if envelope.len() > MAX_RESPONSE_BYTES {
        return Err(BundleError::TooLarge {
            max: MAX_RESPONSE_BYTES,
        }
        .into());
    }
    let key = response_key(institution)?;
    let compact = crate::consent::compact_of_envelope(envelope)?;
    let verified = jws::verify(&compact, None).map_err(BundleError::from)?;
    if verified.signer != key {
        return Err(ResponseError::NotTheInstitution {
            institution: institution.id.clone(),
        });
    }
    if verified.header.typ.as_deref() != Some(TYPE) {
        return Err(BundleError::Type {
            found: verified.header.typ,
        }
        .into());
    }
    let value: serde_json::Value =
        serde_json::from_slice(&verified.payload).map_err(|e| schema("payload", e.to_string()))?;
    let response = read::response(&value)?;
    if serde_json_canonicalizer::to_vec(&response).ok().as_deref() != Some(&verified.payload[..]) {
        return Err(BundleError::NotCanonical.into());
    }
    if response.institution != institution.id {
        return Err(ResponseError::NotTheInstitution {
            institution: response.institution,
        });
    }
    response.check()?;
    Ok(response)
}

/// The merchant's request to read the responses to a bundle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReadRequest {
    /// [`READ_FORMAT`].
    pub format: String,
    /// The bundle whose responses are asked for.
    pub bundle_id: String,
    /// The signer (`did:key`); must be the bundle's merchant.
    pub merchant: String,
    /// When, RFC 3339 UTC.
    pub requested_at: String,
    /// Random 128 bits, 32 lower-case hex digits: never accepted twice.
    pub nonce: String,
}

/// A read request for `bundle_id` at `now` with the random `nonce`, ready to be signed by the
/// merchant key `signer` held elsewhere (a browser's WebCrypto key).
pub fn prepare_read(
    bundle_id: &str,
    now: i64,
    nonce: &[u8; 16],
    signer: PublicKey,
) -> jws::Unsigned {
    let request = ReadRequest {
        format: READ_FORMAT.into(),
        bundle_id: bundle_id.into(),
        merchant: signer.did_key(),
        requested_at: format_rfc3339(now),
        nonce: crate::hex(nonce),
    };
    let bytes = serde_json_canonicalizer::to_vec(&request).unwrap_or_default();
    jws::Unsigned::new(&bytes, signer, READ_TYPE)
}

/// Verifies a read request at `now`: its signature under the key it names, the form of its
/// members, the time within [`CLOCK_SKEW_SECONDS`]. The caller checks that the signer is the
/// bundle's merchant and that the nonce is new.
pub fn verify_read(envelope: &str, now: i64) -> Result<ReadRequest, ResponseError> {
    if envelope.len() > 4096 {
        return Err(BundleError::TooLarge { max: 4096 }.into());
    }
    let compact = crate::consent::compact_of_envelope(envelope)?;
    let verified = jws::verify(&compact, None).map_err(BundleError::from)?;
    if verified.header.typ.as_deref() != Some(READ_TYPE) {
        return Err(BundleError::Type {
            found: verified.header.typ,
        }
        .into());
    }
    let request: ReadRequest =
        serde_json::from_slice(&verified.payload).map_err(|e| schema("payload", e.to_string()))?;
    if request.format != READ_FORMAT {
        return Err(schema("format", format!("must be {READ_FORMAT}")));
    }
    if request.merchant != verified.header.kid {
        return Err(BundleError::SignerMismatch {
            kid: verified.header.kid,
            merchant: request.merchant,
        }
        .into());
    }
    for (member, id) in [("bundle_id", &request.bundle_id), ("nonce", &request.nonce)] {
        if !crate::consent::is_hex_id(id) {
            return Err(schema(member, "must be 32 lower-case hex digits"));
        }
    }
    let at = parse_rfc3339(&request.requested_at)
        .ok_or_else(|| schema("requested_at", "must be RFC 3339 UTC"))?;
    if (at - now).abs() > CLOCK_SKEW_SECONDS {
        return Err(ResponseError::Stale {
            requested_at: request.requested_at,
        });
    }
    Ok(request)
}

/// A response read by hand from its JSON value, member by member, every unknown member refused:
/// what [`verify`] reads with, so that the merchant's browser module (which already parses JSON
/// values for profiles) carries no derived reader for these types and for the loan terms'
/// tagged enum — about 25 KB of its download. `tests/response.rs` checks it reads every
/// response as the derived reader does.
mod read {
    use serde_json::{Map, Value};

    use super::{schema, Offer, Reason, Response, ResponseError, Status};
    use crate::catalog::RepaymentType;
    use crate::schedule::{LoanTerms, Repayment, ScheduledFee};

    type Object = Map<String, Value>;

    /// `value` as an object holding only `allowed` members.
    fn object<'a>(
        value: &'a Value,
        member: &'static str,
        allowed: &[&str],
    ) -> Result<&'a Object, ResponseError> {
        let object = value
            .as_object()
            .ok_or_else(|| schema(member, "must be an object"))?;
        match object.keys().find(|key| !allowed.contains(&key.as_str())) {
            Some(unknown) => Err(schema(member, format!("unknown member {unknown:.32}"))),
            None => Ok(object),
        }
    }

    fn text(object: &Object, key: &str, member: &'static str) -> Result<String, ResponseError> {
        object
            .get(key)
            .and_then(Value::as_str)
            .map(str::to_owned)
            .ok_or_else(|| schema(member, format!("{key} must be text")))
    }

    fn whole<T: TryFrom<i64>>(
        object: &Object,
        key: &str,
        member: &'static str,
        default: Option<T>,
    ) -> Result<T, ResponseError> {
        match object.get(key) {
            None => default.ok_or_else(|| schema(member, format!("{key} is required"))),
            Some(value) => value
                .as_i64()
                .and_then(|n| T::try_from(n).ok())
                .ok_or_else(|| schema(member, format!("{key} must be a whole number in range"))),
        }
    }

    fn list<'a>(
        object: &'a Object,
        key: &str,
        member: &'static str,
    ) -> Result<&'a [Value], ResponseError> {
        match object.get(key) {
            None => Ok(&[]),
            Some(value) => value
                .as_array()
                .map(Vec::as_slice)
                .ok_or_else(|| schema(member, format!("{key} must be a list"))),
        }
    }

    /// The one of `values` whose serialised name `value` is.
    fn named<T: Copy>(
        value: Option<&Value>,
        values: &[T],
        name: fn(T) -> &'static str,
        member: &'static str,
    ) -> Result<T, ResponseError> {
        let given = value.and_then(Value::as_str).unwrap_or_default();
        values
            .iter()
            .copied()
            .find(|v| name(*v) == given)
            .ok_or_else(|| schema(member, format!("{given:.32} is not one of its values")))
    }

    const STATUSES: [Status; 4] = [
        Status::Acknowledged,
        Status::MoreInformation,
        Status::Offer,
        Status::Declined,
    ];
    const REASONS: [Reason; 9] = [
        Reason::GradeBelowPolicy,
        Reason::InsufficientRevenue,
        Reason::DebtTooHigh,
        Reason::Arrears,
        Reason::CourtRecord,
        Reason::OutsideScope,
        Reason::IncompleteInformation,
        Reason::CreditReport,
        Reason::Other,
    ];
    const REPAYMENT_TYPES: [RepaymentType; 7] = [
        RepaymentType::EqualInstalment,
        RepaymentType::EqualPrincipal,
        RepaymentType::InterestOnlyBalloon,
        RepaymentType::Seasonal,
        RepaymentType::BulletAtMaturity,
        RepaymentType::QuarterlyInterest,
        RepaymentType::RevolvingLine,
    ];

    pub(super) fn response(value: &Value) -> Result<Response, ResponseError> {
        let object = object(
            value,
            "payload",
            &[
                "format",
                "response_id",
                "bundle_id",
                "institution",
                "merchant",
                "sequence",
                "status",
                "created_at",
                "message",
                "fields",
                "offer",
                "reasons",
            ],
        )?;
        let fields = list(object, "fields", "fields")?
            .iter()
            .map(|f| {
                f.as_str()
                    .map(str::to_owned)
                    .ok_or_else(|| schema("fields", "must be text"))
            })
            .collect::<Result<_, _>>()?;
        let reasons = list(object, "reasons", "reasons")?
            .iter()
            .map(|r| named(Some(r), &REASONS, Reason::name, "reasons"))
            .collect::<Result<_, _>>()?;
        Ok(Response {
            format: text(object, "format", "format")?,
            response_id: text(object, "response_id", "response_id")?,
            bundle_id: text(object, "bundle_id", "bundle_id")?,
            institution: text(object, "institution", "institution")?,
            merchant: text(object, "merchant", "merchant")?,
            sequence: whole(object, "sequence", "sequence", None)?,
            status: named(object.get("status"), &STATUSES, Status::name, "status")?,
            created_at: text(object, "created_at", "created_at")?,
            message: object
                .get("message")
                .map(|m| {
                    m.as_str()
                        .map(str::to_owned)
                        .ok_or_else(|| schema("message", "must be text"))
                })
                .transpose()?,
            fields,
            offer: object.get("offer").map(offer).transpose()?,
            reasons,
        })
    }

    fn offer(value: &Value) -> Result<Offer, ResponseError> {
        const MEMBER: &str = "offer";
        let object = object(
            value,
            MEMBER,
            &[
                "product",
                "repayment_type",
                "terms",
                "valid_until",
                "first_payment_minor",
                "cost_of_credit_minor",
                "total_repayable_minor",
                "effective_annual_rate_ppm",
            ],
        )?;
        Ok(Offer {
            product: text(object, "product", MEMBER)?,
            repayment_type: named(
                object.get("repayment_type"),
                &REPAYMENT_TYPES,
                RepaymentType::name,
                MEMBER,
            )?,
            terms: terms(object.get("terms").unwrap_or(&Value::Null))?,
            valid_until: text(object, "valid_until", MEMBER)?,
            first_payment_minor: whole(object, "first_payment_minor", MEMBER, None)?,
            cost_of_credit_minor: whole(object, "cost_of_credit_minor", MEMBER, None)?,
            total_repayable_minor: whole(object, "total_repayable_minor", MEMBER, None)?,
            effective_annual_rate_ppm: whole(object, "effective_annual_rate_ppm", MEMBER, None)?,
        })
    }

    fn terms(value: &Value) -> Result<LoanTerms, ResponseError> {
        const MEMBER: &str = "offer.terms";
        let object = object(
            value,
            MEMBER,
            &[
                "principal_minor",
                "annual_rate_bp",
                "term_months",
                "repayment",
                "first_payment_month",
                "upfront_fee_minor",
                "monthly_fee_minor",
                "grace_months",
                "scheduled_fees",
            ],
        )?;
        let scheduled_fees = list(object, "scheduled_fees", MEMBER)?
            .iter()
            .map(|fee| {
                let fee = self::object(fee, MEMBER, &["month", "amount_minor"])?;
                Ok(ScheduledFee {
                    month: whole(fee, "month", MEMBER, None)?,
                    amount_minor: whole(fee, "amount_minor", MEMBER, None)?,
                })
            })
            .collect::<Result<_, ResponseError>>()?;
        Ok(LoanTerms {
            principal_minor: whole(object, "principal_minor", MEMBER, None)?,
            annual_rate_bp: whole(object, "annual_rate_bp", MEMBER, None)?,
            term_months: whole(object, "term_months", MEMBER, None)?,
            repayment: repayment(object.get("repayment").unwrap_or(&Value::Null))?,
            first_payment_month: whole(object, "first_payment_month", MEMBER, Some(1))?,
            upfront_fee_minor: whole(object, "upfront_fee_minor", MEMBER, Some(0))?,
            monthly_fee_minor: whole(object, "monthly_fee_minor", MEMBER, Some(0))?,
            grace_months: whole(object, "grace_months", MEMBER, Some(0))?,
            scheduled_fees,
        })
    }

    fn repayment(value: &Value) -> Result<Repayment, ResponseError> {
        const MEMBER: &str = "offer.terms.repayment";
        let object = object(value, MEMBER, &["type", "months"])?;
        let kind = named(
            object.get("type"),
            &REPAYMENT_TYPES,
            RepaymentType::name,
            MEMBER,
        )?;
        let months: Vec<u8> = list(object, "months", MEMBER)?
            .iter()
            .map(|m| {
                m.as_u64()
                    .and_then(|m| u8::try_from(m).ok())
                    .ok_or_else(|| schema(MEMBER, "months must be calendar months"))
            })
            .collect::<Result<_, _>>()?;
        if object.contains_key("months") != (kind == RepaymentType::Seasonal) {
            return Err(schema(
                MEMBER,
                "months with seasonal repayment and only with it",
            ));
        }
        Ok(match kind {
            RepaymentType::EqualInstalment => Repayment::EqualInstalment,
            RepaymentType::EqualPrincipal => Repayment::EqualPrincipal,
            RepaymentType::InterestOnlyBalloon => Repayment::InterestOnlyBalloon,
            RepaymentType::Seasonal => Repayment::Seasonal { months },
            RepaymentType::BulletAtMaturity => Repayment::BulletAtMaturity,
            RepaymentType::QuarterlyInterest => Repayment::QuarterlyInterest,
            RepaymentType::RevolvingLine => Repayment::RevolvingLine,
        })
    }
}
