//! The bank's inbox for consent bundles (`prequal inbox serve`).
//!
//! - `POST /v1/bundles` — a bundle (compact or flattened JWS, `application/json` or
//!   `application/jose`) is verified by the core (signature, recipient among the configured
//!   institutions, expiry, disclosure, score), refused if its id or nonce was seen or it was
//!   revoked, stored, and answered `201` with a receipt **after** the transaction commits.
//! - `POST /v1/revocations` — a merchant's signed revocation of a stored bundle.
//! - `POST /v1/bundles/{id}/responses`, `GET` the same, `POST /v1/responses/read` — the
//!   institution's signed answers, and the merchant's signed read of them (`responses`).
//! - `/desk/` — the loan officers' desk ([`desk`]): staff sign in, list and read the
//!   institution's applications, answer them, record outcomes, export.
//! - `GET /v1/bundles?limit=&cursor=&since=` — an institution's bundles, a page at a time
//!   (default 100, at most 500, oldest first, `next` names the following page), with its
//!   bearer token (stored as SHA-256, compared in constant time); an institution sees only
//!   bundles addressed to it. `GET /v1/bundles/{id}` reads one.
//!
//! Every bundle is verified against the catalogs the configuration trusts and the shipped
//! model; the verification outcome (score recomputed or not, and why) is stored with it and
//! shown in every listing. Connections are accepted by [`listen`]: a header timeout that also
//! closes idle keep-alive connections, and caps on connections in total and per address.
//!
//! Storage is SQLite in WAL mode with `synchronous = FULL` (or PostgreSQL with
//! `database_url`): a receipt means the bundle is on disk. One writer commits whatever is
//! waiting in one transaction (group commit), so durability does not cost one disk flush per
//! request. Every error is a JSON body
//! `{"error": code, "detail": …}` with a 4xx or 503 status; nothing panics on input.

mod audit;
mod config;
pub mod desk;
mod listen;
mod rate;
mod responses;
mod store;

use std::net::SocketAddr;
use std::sync::Arc;

use axum::extract::{ConnectInfo, DefaultBodyLimit, Path, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use prequal::assess::Model;
use prequal::catalog::ValidCatalog;
use prequal::consent::{self, BundleError, Trust};
use serde::Serialize;
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::set_header::SetResponseHeaderLayer;

pub use config::{hash_token, Config, Institution};
pub use store::{Cell, Database, Known, Page, Statement, Store, StoreError, StoredBundle};

/// Shared state of a running inbox.
struct Inbox {
    config: Config,
    store: Store,
    limiter: rate::Limiter,
    /// The catalogs bundles may cite.
    catalogs: Vec<ValidCatalog>,
    /// The models bundles may cite.
    models: Vec<Model>,
    /// Each institution's key for signing its answers (those with a `response_key_file`).
    response_keys: std::collections::HashMap<String, prequal::jws::SecretKey>,
}

impl Inbox {
    /// The client's address: the connection's peer, or — when the peer is one of the
    /// configured `trusted_proxies` (a load balancer) — the address it forwarded in
    /// `X-Forwarded-For` (its last entry, the one that proxy added). Rate limits and sign-in
    /// throttling count by it.
    fn client(&self, peer: SocketAddr, headers: &HeaderMap) -> std::net::IpAddr {
        let from_proxy = self.config.trusted_proxies.contains(&peer.ip());
        let forwarded = || {
            headers
                .get_all("x-forwarded-for")
                .iter()
                .filter_map(|v| v.to_str().ok())
                .flat_map(|v| v.split(','))
                .last()?
                .trim()
                .parse()
                .ok()
        };
        if from_proxy {
            forwarded().unwrap_or(peer.ip())
        } else {
            peer.ip()
        }
    }

    /// What a bundle is verified against.
    fn trust(&self) -> Trust<'_> {
        Trust::of(self.models.iter().collect(), self.catalogs.iter().collect())
            .accepting(
                self.config
                    .institutions
                    .iter()
                    .map(|i| i.id.as_str())
                    .collect(),
            )
            .requiring_recomputation(self.config.require_score_recomputable)
    }
}

/// Why the inbox could not run.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    /// The configuration cannot be used (a trusted catalog unreadable or invalid, an
    /// institution in none of them).
    #[error("configuration: {0}")]
    Config(String),
    /// The database cannot be opened.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// An error answer: status and `{"error", "detail"}`.
#[derive(Debug)]
pub struct Problem {
    status: StatusCode,
    code: &'static str,
    detail: String,
}

impl Problem {
    fn new(status: StatusCode, code: &'static str, detail: impl ToString) -> Problem {
        Problem {
            status,
            code,
            detail: detail.to_string(),
        }
    }
}

impl IntoResponse for Problem {
    fn into_response(self) -> Response {
        (
            self.status,
            Json(serde_json::json!({"error": self.code, "detail": self.detail})),
        )
            .into_response()
    }
}

/// The answer to a verification failure: its status and the core's code for it.
fn bundle_problem(error: &BundleError) -> Problem {
    let status = match error {
        BundleError::TooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
        BundleError::Envelope { .. } => StatusCode::BAD_REQUEST,
        BundleError::Replayed | BundleError::Revoked => StatusCode::CONFLICT,
        _ => StatusCode::UNPROCESSABLE_ENTITY,
    };
    Problem::new(status, error.code(), error)
}

fn store_problem(error: StoreError) -> Problem {
    match error {
        StoreError::Duplicate => bundle_problem(&BundleError::Replayed),
        StoreError::Unavailable(detail) => {
            tracing::error!(error = %detail, "storage unavailable");
            Problem::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "unavailable",
                "storage is unavailable; retry later",
            )
        }
    }
}

/// `N` random bytes from the operating system, hex: ids, session tokens, CSRF tokens.
fn random_hex<const N: usize>() -> Result<String, getrandom::Error> {
    let mut bytes = [0u8; N];
    getrandom::fill(&mut bytes)?;
    Ok(prequal::hex(&bytes))
}

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

/// The receipt answered with `201 Created`.
#[derive(Debug, Serialize)]
pub struct Receipt {
    /// The bundle's id.
    pub bundle_id: String,
    /// Its recipient.
    pub institution: String,
    /// When it was stored, RFC 3339 UTC.
    pub received_at: String,
    /// SHA-256 of the envelope as received.
    pub envelope_sha256: String,
    /// Whether the score was recomputed from the disclosure.
    pub score_recomputed: bool,
    /// What verification established (also stored, and shown in every listing).
    pub verification: consent::Outcome,
}

/// Reads the body of a bundle or revocation: JSON or JOSE media types only.
fn envelope_text(headers: &HeaderMap, body: &[u8]) -> Result<String, Problem> {
    let media = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(|v| {
            v.split(';')
                .next()
                .unwrap_or_default()
                .trim()
                .to_ascii_lowercase()
        });
    match media.as_deref() {
        Some("application/json" | "application/jose" | "application/jose+json") => {}
        _ => {
            return Err(Problem::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "media_type",
                "send application/json (flattened JWS) or application/jose (compact JWS)",
            ))
        }
    }
    String::from_utf8(body.to_vec()).map_err(|_| {
        Problem::new(
            StatusCode::BAD_REQUEST,
            "malformed",
            "the body is not UTF-8",
        )
    })
}

/// A request body read whole within `body_timeout_ms` and `max_body_bytes`: a client that
/// trickles its body (slow-loris) gets 408, one that sends too much 413; neither holds a task
/// or stores anything.
struct Body(axum::body::Bytes);

impl axum::extract::FromRequest<Arc<Inbox>> for Body {
    type Rejection = axum::response::Response;

    async fn from_request(
        request: axum::extract::Request,
        inbox: &Arc<Inbox>,
    ) -> Result<Self, Self::Rejection> {
        // The rest of a refused body may still be on the wire: close the connection rather
        // than let a client reuse it.
        let closing = |problem: Problem| {
            let mut response = problem.into_response();
            response
                .headers_mut()
                .insert(header::CONNECTION, HeaderValue::from_static("close"));
            response
        };
        Self::read(request, inbox).await.map_err(closing)
    }
}

impl Body {
    async fn read(request: axum::extract::Request, inbox: &Arc<Inbox>) -> Result<Body, Problem> {
        let limit = inbox.config.max_body_bytes;
        let declared = request
            .headers()
            .get(header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<usize>().ok());
        let too_large = || {
            Problem::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                "too_large",
                format!("bodies are at most {limit} bytes"),
            )
        };
        if declared.is_some_and(|length| length > limit) {
            return Err(too_large());
        }
        let deadline = std::time::Duration::from_millis(inbox.config.body_timeout_ms);
        match tokio::time::timeout(deadline, axum::body::to_bytes(request.into_body(), limit)).await
        {
            Ok(Ok(bytes)) => Ok(Body(bytes)),
            Ok(Err(_)) if declared.is_none() => Err(too_large()),
            Ok(Err(e)) => Err(Problem::new(StatusCode::BAD_REQUEST, "malformed", e)),
            Err(_) => Err(Problem::new(
                StatusCode::REQUEST_TIMEOUT,
                "timeout",
                "the body did not arrive in time",
            )),
        }
    }
}

async fn post_bundle(
    State(inbox): State<Arc<Inbox>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Body(body): Body,
) -> Result<(StatusCode, Json<Receipt>), Problem> {
    inbox.limiter.check(inbox.client(peer, &headers))?;
    let envelope = envelope_text(&headers, &body)?;
    let now = now();
    // What the database knows of this bundle's id and nonce, read before verifying: the core's
    // ledger is synchronous, the database need not be. (An envelope too broken to name them
    // fails verification on its own.)
    let known = match consent::decode_unverified(&envelope) {
        Some(payload) => inbox.store.known(&payload.bundle_id, &payload.nonce).await,
        None => Known::default(),
    };
    // Verification is CPU work (a signature, a score): keep it off the reactor.
    let checked = {
        let inbox = inbox.clone();
        let envelope = envelope.clone();
        tokio::task::spawn_blocking(move || {
            consent::verify(&envelope, now, None, &inbox.trust(), &known)
        })
        .await
        .map_err(|e| Problem::new(StatusCode::SERVICE_UNAVAILABLE, "unavailable", e))?
    };
    let verified = checked.map_err(|e| {
        tracing::info!(peer = %peer.ip(), error = %e, "bundle refused");
        bundle_problem(&e)
    })?;
    let received_at = consent::format_rfc3339(now);
    let outcome = verified.outcome();
    // Stored in its one normal form (the flattened JWS as prequal writes it): whatever
    // whitespace or member order a sender used, a stored bundle weighs what its bounds allow.
    let payload = serde_json::to_value(&verified.payload).unwrap_or_default();
    let (products, grade) = store::listing_columns(&payload);
    let stored = StoredBundle {
        bundle_id: verified.payload.bundle_id.clone(),
        nonce: verified.payload.nonce.clone(),
        institution: verified.payload.recipient.institution.clone(),
        merchant: verified.payload.merchant.did.clone(),
        envelope_sha256: prequal::sha256_hex(verified.envelope.as_bytes()),
        envelope: verified.envelope.clone(),
        payload: serde_json::to_string(&verified.payload).unwrap_or_default(),
        verification: serde_json::to_string(&outcome).unwrap_or_default(),
        received_at: received_at.clone(),
        revoked_at: None,
        products,
        grade,
    };
    let receipt = Receipt {
        bundle_id: stored.bundle_id.clone(),
        institution: stored.institution.clone(),
        received_at,
        envelope_sha256: stored.envelope_sha256.clone(),
        score_recomputed: verified.score_recomputed,
        verification: outcome,
    };
    inbox.store.insert(stored).await.map_err(store_problem)?;
    tracing::info!(bundle = %receipt.bundle_id, institution = %receipt.institution, "bundle stored");
    Ok((StatusCode::CREATED, Json(receipt)))
}

async fn post_revocation(
    State(inbox): State<Arc<Inbox>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Body(body): Body,
) -> Result<Json<serde_json::Value>, Problem> {
    inbox.limiter.check(inbox.client(peer, &headers))?;
    let envelope = envelope_text(&headers, &body)?;
    let revocation = consent::verify_revocation(&envelope).map_err(|e| bundle_problem(&e))?;
    merchants_bundle(
        &inbox,
        &revocation.bundle_id,
        &revocation.merchant,
        "revoke it",
    )
    .await?;
    inbox
        .store
        .revoke(&revocation.bundle_id, &consent::format_rfc3339(now()))
        .await
        .map_err(store_problem)?;
    tracing::info!(bundle = %revocation.bundle_id, "bundle revoked");
    Ok(Json(serde_json::json!({"revoked": revocation.bundle_id})))
}

/// The stored bundle `bundle_id`, if `merchant` signed it: only a bundle's merchant may revoke
/// it or read its answers (`action`, for the refusal's words).
async fn merchants_bundle(
    inbox: &Inbox,
    bundle_id: &str,
    merchant: &str,
    action: &str,
) -> Result<store::BundleOwner, Problem> {
    let owner = inbox
        .store
        .owner(bundle_id)
        .await
        .map_err(store_problem)?
        .ok_or_else(|| Problem::new(StatusCode::NOT_FOUND, "unknown_bundle", "no such bundle"))?;
    if owner.merchant != merchant {
        return Err(Problem::new(
            StatusCode::FORBIDDEN,
            "not_the_merchant",
            format!("only the merchant who signed a bundle can {action}"),
        ));
    }
    Ok(owner)
}

/// The institution whose bearer token the request carries (the scheme name is
/// case-insensitive, RFC 9110 §11.1).
fn authorised<'a>(inbox: &'a Inbox, headers: &HeaderMap) -> Result<&'a Institution, Problem> {
    let token = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split_once(' '))
        .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
        .map(|(_, token)| token.trim())
        .ok_or_else(|| {
            Problem::new(
                StatusCode::UNAUTHORIZED,
                "unauthorized",
                "a bearer token is required",
            )
        })?;
    inbox
        .config
        .institution_for(token)
        .ok_or_else(|| Problem::new(StatusCode::UNAUTHORIZED, "unauthorized", "unknown token"))
}

/// Bundles per page unless `limit` says otherwise, and the most it may say.
pub const DEFAULT_PAGE: usize = 100;
/// The largest `limit`.
pub const MAX_PAGE: usize = 500;

fn bad_query(parameter: &str, rule: &str) -> Problem {
    Problem::new(
        StatusCode::BAD_REQUEST,
        "bad_query",
        format!("{parameter}: {rule}"),
    )
}

/// The page asked for: `limit` (1–500), `cursor` (a `next` from an earlier page), `since`
/// (RFC 3339: bundles received at or after it).
fn page_of(query: &std::collections::HashMap<String, String>) -> Result<Page, Problem> {
    let mut page = Page::first(DEFAULT_PAGE);
    for (name, value) in query {
        match name.as_str() {
            "limit" => {
                page.limit = value
                    .parse::<usize>()
                    .ok()
                    .filter(|limit| (1..=MAX_PAGE).contains(limit))
                    .ok_or_else(|| {
                        bad_query("limit", &format!("a whole number from 1 to {MAX_PAGE}"))
                    })?;
            }
            "cursor" => {
                let after = Page::decode_cursor(value).ok_or_else(|| {
                    bad_query(
                        "cursor",
                        "not a cursor this inbox gave (use `next` as it is)",
                    )
                })?;
                page.start_after(after);
            }
            "since" => {
                consent::parse_rfc3339(value)
                    .ok_or_else(|| bad_query("since", "a time such as 2026-11-30T08:00:00Z"))?;
                page.start_at(value);
            }
            other => {
                return Err(bad_query(other, "unknown parameter (limit, cursor, since)"));
            }
        }
    }
    Ok(page)
}

async fn get_bundles(
    State(inbox): State<Arc<Inbox>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    query: Result<
        Query<std::collections::HashMap<String, String>>,
        axum::extract::rejection::QueryRejection,
    >,
) -> Result<Json<serde_json::Value>, Problem> {
    inbox.limiter.check(inbox.client(peer, &headers))?;
    let institution = authorised(&inbox, &headers)?;
    let Query(query) = query.map_err(|e| bad_query("query", &e.body_text()))?;
    let page = page_of(&query)?;
    let (bundles, next) = inbox
        .store
        .list(&institution.id, &page)
        .await
        .map_err(store_problem)?;
    Ok(Json(serde_json::json!({
        "institution": institution.id,
        "bundles": bundles,
        "next": next,
    })))
}

async fn get_bundle(
    State(inbox): State<Arc<Inbox>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Path(bundle_id): Path<String>,
) -> Result<Json<serde_json::Value>, Problem> {
    inbox.limiter.check(inbox.client(peer, &headers))?;
    let institution = authorised(&inbox, &headers)?;
    // Another institution's bundle is answered exactly like a missing one.
    let bundle = inbox
        .store
        .get(&institution.id, &bundle_id)
        .await
        .map_err(store_problem)?
        .ok_or_else(|| Problem::new(StatusCode::NOT_FOUND, "unknown_bundle", "no such bundle"))?;
    Ok(Json(serde_json::to_value(bundle).unwrap_or_default()))
}

async fn not_found() -> Problem {
    Problem::new(
        StatusCode::NOT_FOUND,
        "not_found",
        "no such endpoint (POST /v1/bundles, GET /v1/bundles, GET /v1/bundles/{id}, POST /v1/revocations, POST and GET /v1/bundles/{id}/responses, POST /v1/responses/read; the desk at /desk/)",
    )
}

async fn method_not_allowed() -> Problem {
    Problem::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "method_not_allowed",
        "this endpoint does not answer that method",
    )
}

/// The inbox's routes over `store`, with CORS, body limit and rate limit from `config`; the
/// configuration's trusted catalogs and models are read and checked first.
pub fn router(config: Config, store: Store) -> Result<Router, ServeError> {
    let catalogs = config.trusted_catalogs().map_err(ServeError::Config)?;
    let models = config.trusted_models().map_err(ServeError::Config)?;
    let response_keys = config
        .response_keys(&catalogs)
        .map_err(ServeError::Config)?;
    let origins: Vec<HeaderValue> = config
        .cors_origins
        .iter()
        .filter_map(|origin| HeaderValue::from_str(origin).ok())
        .collect();
    let cors = CorsLayer::new()
        .allow_origin(AllowOrigin::list(origins))
        .allow_methods([Method::GET, Method::POST])
        .allow_headers([header::CONTENT_TYPE, header::AUTHORIZATION]);
    let limit = config.max_body_bytes;
    let inbox = Arc::new(Inbox {
        limiter: rate::Limiter::new(config.rate_limit_per_minute),
        config,
        store,
        catalogs,
        models,
        response_keys,
    });
    // An API that serves JSON only: nothing it answers may be run, framed, sniffed or referred.
    let security = [
        (
            header::CONTENT_SECURITY_POLICY,
            "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
        ),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::REFERRER_POLICY, "no-referrer"),
        (header::CACHE_CONTROL, "no-store"),
        (
            header::HeaderName::from_static("permissions-policy"),
            "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
        ),
    ];
    let mut router = Router::new()
        .route("/v1/bundles", post(post_bundle).get(get_bundles))
        .route("/v1/bundles/{id}", get(get_bundle))
        .route("/v1/revocations", post(post_revocation))
        .route(
            "/v1/bundles/{id}/responses",
            post(responses::post_response).get(responses::get_responses),
        )
        .route("/v1/responses/read", post(responses::post_read))
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(DefaultBodyLimit::max(limit))
        .layer(cors);
    for (name, value) in security {
        router = router.layer(SetResponseHeaderLayer::overriding(
            name,
            HeaderValue::from_static(value),
        ));
    }
    // The desk's pages carry their own headers (a style sheet, forms to themselves).
    let router = router.merge(desk::router().layer(DefaultBodyLimit::max(limit)));
    Ok(router.with_state(inbox))
}

/// Serves the inbox on `listener` until `shutdown` completes.
pub async fn serve(
    config: Config,
    listener: tokio::net::TcpListener,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> Result<(), ServeError> {
    let limits = listen::Limits {
        header_timeout: std::time::Duration::from_millis(config.header_timeout_ms),
        max_connections: config.max_connections,
        max_per_address: config.max_connections_per_address,
    };
    let store = Store::open_limited(&config.database(), config.max_database_bytes).await?;
    let app = router(config, store)?;
    listen::serve(listener, app, limits, shutdown).await;
    Ok(())
}

/// Structured (JSON) logs to standard error, level from `RUST_LOG` (default `info`).
pub fn init_logs() {
    let _ = tracing_subscriber::fmt()
        .json()
        .with_writer(std::io::stderr)
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .try_init();
}
