//! The institutions' answers to bundles and the merchants' reads of them
//! (`docs/responses.md`):
//!
//! - `POST /v1/bundles/{id}/responses` — an institution (bearer token) answers one of its
//!   bundles: acknowledged, more information (the fields wanted), an offer (a product's terms,
//!   priced by the core), declined (reasons from the fixed list). The inbox numbers the answer,
//!   signs it with the institution's key (`prequal.response/1`) and stores it.
//! - `GET /v1/bundles/{id}/responses` — the institution's answers to one of its bundles.
//! - `POST /v1/responses/read` — a merchant's read request (signed with the bundle's merchant
//!   key over the bundle id, the time and a nonce; no token): that bundle's answers, for its
//!   merchant only, each nonce once.

use std::net::SocketAddr;
use std::sync::Arc;

use axum::extract::{ConnectInfo, Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::Json;
use prequal::catalog::RepaymentType;
use prequal::response::{self, Offer, Reason, Response, ResponseError, Status};
use serde::Deserialize;

use crate::store::{BundleOwner, StoreError, StoredResponse};
use crate::{authorised, envelope_text, now, store_problem, Body, Inbox, Problem};

/// What an officer (or the bank's system) answers.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Answer {
    /// Where the application stands.
    pub status: Status,
    /// Words for the merchant.
    #[serde(default)]
    pub message: Option<String>,
    /// For more information: the fields wanted.
    #[serde(default)]
    pub fields: Vec<String>,
    /// For an offer.
    #[serde(default)]
    pub offer: Option<OfferAsked>,
    /// For a decline.
    #[serde(default)]
    pub reasons: Vec<Reason>,
}

/// The terms an officer offers; the core prices them.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OfferAsked {
    /// A product of the institution.
    pub product: String,
    /// One of the product's repayment types.
    pub repayment_type: RepaymentType,
    /// Amount, minor units.
    pub amount_minor: i64,
    /// The rate charged, basis points a year.
    pub annual_rate_bp: i64,
    /// Months.
    pub term_months: u32,
    /// Calendar month of the first payment (default: next month).
    #[serde(default)]
    pub first_payment_month: Option<u8>,
    /// Until when the offer stands, `YYYY-MM-DD`.
    pub valid_until: String,
}

fn unprocessable(code: &'static str, detail: impl ToString) -> Problem {
    Problem::new(StatusCode::UNPROCESSABLE_ENTITY, code, detail)
}

fn response_problem(error: &ResponseError) -> Problem {
    match error {
        ResponseError::Bundle(e) => crate::bundle_problem(e),
        _ => unprocessable(error.code(), error),
    }
}

/// The bundle `bundle_id` if it is `institution`'s (another's is answered like a missing one).
async fn owned(inbox: &Inbox, institution: &str, bundle_id: &str) -> Result<BundleOwner, Problem> {
    inbox
        .store
        .owner(bundle_id)
        .await
        .map_err(store_problem)?
        .filter(|owner| owner.institution == institution)
        .ok_or_else(|| Problem::new(StatusCode::NOT_FOUND, "unknown_bundle", "no such bundle"))
}

/// The offer asked for, priced by the core from the trusted catalog's product.
fn priced(
    inbox: &Inbox,
    institution: &str,
    asked: &OfferAsked,
    now: i64,
) -> Result<Offer, Problem> {
    let product = inbox
        .catalogs
        .iter()
        .find_map(|catalog| catalog.product(&asked.product).map(|(_, p)| p))
        .filter(|product| product.institution == institution)
        .ok_or_else(|| {
            unprocessable(
                "unknown_product",
                format!(
                    "offer.product: {} is not one of {institution}'s products",
                    asked.product
                ),
            )
        })?;
    if !product.repayment.contains(&asked.repayment_type) {
        return Err(unprocessable(
            "schema",
            format!("offer.repayment_type: {} does not offer it", product.id),
        ));
    }
    let next_month = prequal::consent::format_rfc3339(now)[5..7]
        .parse::<u8>()
        .map_or(1, |month| month % 12 + 1);
    Offer::priced(
        product,
        asked.repayment_type,
        asked.amount_minor,
        asked.annual_rate_bp,
        asked.term_months,
        asked.first_payment_month.unwrap_or(next_month),
        &asked.valid_until,
    )
    .map_err(|errors| {
        let detail = errors
            .errors
            .iter()
            .map(|e| format!("offer.{}: {}", e.field, e.rule))
            .collect::<Vec<_>>()
            .join("; ");
        unprocessable("schema", detail)
    })
}

pub(crate) async fn post_response(
    State(inbox): State<Arc<Inbox>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Path(bundle_id): Path<String>,
    Body(body): Body,
) -> Result<(StatusCode, Json<serde_json::Value>), Problem> {
    inbox.limiter.check(inbox.client(peer, &headers))?;
    let institution = authorised(&inbox, &headers)?.id.clone();
    let answer: Answer = serde_json::from_slice(&body)
        .map_err(|e| Problem::new(StatusCode::BAD_REQUEST, "malformed", e))?;
    // The audit log holds every answer, whichever way it was made: through the API as `api`.
    let (response, envelope) = respond(&inbox, &institution, &bundle_id, answer, "api").await?;
    Ok((
        StatusCode::CREATED,
        Json(serde_json::json!({
            "response_id": response.response_id,
            "sequence": response.sequence,
            "status": response.status,
            "envelope": envelope,
            "response": response,
        })),
    ))
}

/// Signs and stores `institution`'s answer to its bundle `bundle_id` (the API's and the desk's
/// one way to answer), in one transaction with its audit entry naming `who` answered: the
/// signed response and its envelope.
pub(crate) async fn respond(
    inbox: &Inbox,
    institution: &str,
    bundle_id: &str,
    answer: Answer,
    who: &str,
) -> Result<(Response, String), Problem> {
    let owner = owned(inbox, institution, bundle_id).await?;
    if owner.revoked_at.is_some() {
        return Err(Problem::new(
            StatusCode::CONFLICT,
            "revoked",
            "the merchant revoked this bundle: it can no longer be answered or used",
        ));
    }
    let key = inbox.response_keys.get(institution).ok_or_else(|| {
        Problem::new(
            StatusCode::CONFLICT,
            "no_response_key",
            format!("no response_key_file is configured for {institution}"),
        )
    })?;
    let now = now();
    let offer = answer
        .offer
        .as_ref()
        .map(|asked| priced(inbox, institution, asked, now))
        .transpose()?;
    let response_id = crate::random_hex::<16>()
        .map_err(|e| Problem::new(StatusCode::SERVICE_UNAVAILABLE, "unavailable", e))?;
    let mut response = Response {
        format: response::FORMAT.into(),
        response_id,
        bundle_id: bundle_id.to_owned(),
        institution: institution.to_owned(),
        merchant: owner.merchant,
        sequence: 0,
        status: answer.status,
        created_at: prequal::consent::format_rfc3339(now),
        message: answer.message,
        fields: answer.fields,
        offer,
        reasons: answer.reasons,
    };
    // Numbered after the answers stored; two answers racing for a number: the second is
    // numbered again (the database's unique number per bundle decides).
    for _ in 0..3 {
        let stored = inbox
            .store
            .responses(bundle_id)
            .await
            .map_err(store_problem)?;
        response.sequence = u32::try_from(stored.len() + 1).unwrap_or(u32::MAX);
        response.check().map_err(|e| response_problem(&e))?;
        let envelope = response::sign(&response, key);
        let row = StoredResponse {
            response_id: response.response_id.clone(),
            bundle_id: bundle_id.to_owned(),
            institution: institution.to_owned(),
            sequence: i64::from(response.sequence),
            status: response.status.name().to_owned(),
            envelope: envelope.clone(),
            created_at: response.created_at.clone(),
        };
        let detail = serde_json::json!({
            "status": response.status,
            "sequence": response.sequence,
            "response_id": response.response_id,
        });
        let entry = crate::audit::entry(institution, who, "answer", Some(bundle_id), detail)
            .map_err(|e| Problem::new(StatusCode::SERVICE_UNAVAILABLE, "unavailable", e))?;
        match inbox.store.respond(row, vec![entry]).await {
            Ok(()) => {
                tracing::info!(bundle = %bundle_id, sequence = response.sequence, "response stored");
                return Ok((response, envelope));
            }
            Err(StoreError::Duplicate) => continue,
            Err(other) => return Err(store_problem(other)),
        }
    }
    Err(Problem::new(
        StatusCode::CONFLICT,
        "busy",
        "other answers to this bundle were being stored at the same time; retry",
    ))
}

pub(crate) async fn get_responses(
    State(inbox): State<Arc<Inbox>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Path(bundle_id): Path<String>,
) -> Result<Json<serde_json::Value>, Problem> {
    inbox.limiter.check(inbox.client(peer, &headers))?;
    let institution = authorised(&inbox, &headers)?.id.clone();
    let owner = owned(&inbox, &institution, &bundle_id).await?;
    let responses = inbox
        .store
        .responses(&bundle_id)
        .await
        .map_err(store_problem)?;
    Ok(Json(serde_json::json!({
        "bundle_id": bundle_id,
        "revoked_at": owner.revoked_at,
        "responses": responses,
    })))
}

pub(crate) async fn post_read(
    State(inbox): State<Arc<Inbox>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Body(body): Body,
) -> Result<Json<serde_json::Value>, Problem> {
    inbox.limiter.check(inbox.client(peer, &headers))?;
    let envelope = envelope_text(&headers, &body)?;
    let request = response::verify_read(&envelope, now()).map_err(|e| response_problem(&e))?;
    let owner = crate::merchants_bundle(
        &inbox,
        &request.bundle_id,
        &request.merchant,
        "read its answers",
    )
    .await?;
    match inbox
        .store
        .record_read(&request.nonce, &request.bundle_id, &request.requested_at)
        .await
    {
        Ok(()) => {}
        Err(StoreError::Duplicate) => {
            return Err(Problem::new(
                StatusCode::CONFLICT,
                "replayed",
                "this read request was used before; sign a new one",
            ))
        }
        Err(other) => return Err(store_problem(other)),
    }
    let responses = inbox
        .store
        .responses(&request.bundle_id)
        .await
        .map_err(store_problem)?;
    Ok(Json(serde_json::json!({
        "bundle_id": request.bundle_id,
        "institution": owner.institution,
        "revoked_at": owner.revoked_at,
        "responses": responses,
    })))
}
