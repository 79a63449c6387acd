//! The bank's inbox for consent bundles (`prequal inbox serve`).
//!
//! - `POST /v1/bundles` — a bundle (compact or flattened JWS, `application/json` or
//!   `application/jose`) is verified by the core (signature, recipient among the configured
//!   institutions, expiry, disclosure, score), refused if its id or nonce was seen or it was
//!   revoked, stored, and answered `201` with a receipt **after** the transaction commits.
//! - `POST /v1/revocations` — a merchant's signed revocation of a stored bundle.
//! - `GET /v1/bundles` — an institution's bundles, with its bearer token (stored as SHA-256,
//!   compared in constant time); an institution sees only bundles addressed to it.
//!
//! Storage is SQLite in WAL mode with `synchronous = FULL` (or PostgreSQL with
//! `database_url`): a receipt means the bundle is on disk. One writer commits whatever is
//! waiting in one transaction (group commit), so durability does not cost one disk flush per
//! request. Every error is a JSON body
//! `{"error": code, "detail": …}` with a 4xx or 503 status; nothing panics on input.

mod config;
mod rate;
mod store;

use std::net::SocketAddr;
use std::sync::Arc;

use axum::extract::{ConnectInfo, DefaultBodyLimit, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Json, Router};
use prequal::assess::Model;
use prequal::consent::{self, BundleError};
use serde::Serialize;
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::set_header::SetResponseHeaderLayer;

pub use config::{hash_token, Config, Institution};
pub use store::{Database, Known, Store, StoreError, StoredBundle};

/// Shared state of a running inbox.
struct Inbox {
    config: Config,
    store: Store,
    limiter: rate::Limiter,
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

/// The machine-readable code of each verification failure.
fn bundle_problem(error: &BundleError) -> Problem {
    let (status, code) = match error {
        BundleError::TooLarge { .. } => (StatusCode::PAYLOAD_TOO_LARGE, "too_large"),
        BundleError::Envelope { .. } => (StatusCode::BAD_REQUEST, "malformed"),
        BundleError::Algorithm { .. } => (StatusCode::UNPROCESSABLE_ENTITY, "algorithm"),
        BundleError::Signature => (StatusCode::UNPROCESSABLE_ENTITY, "signature"),
        BundleError::Type { .. } => (StatusCode::UNPROCESSABLE_ENTITY, "type"),
        BundleError::SignerMismatch { .. } => (StatusCode::UNPROCESSABLE_ENTITY, "signer"),
        BundleError::Schema { .. } => (StatusCode::UNPROCESSABLE_ENTITY, "schema"),
        BundleError::NotCanonical => (StatusCode::UNPROCESSABLE_ENTITY, "not_canonical"),
        BundleError::WrongRecipient { .. } => (StatusCode::UNPROCESSABLE_ENTITY, "recipient"),
        BundleError::Expired { .. } => (StatusCode::UNPROCESSABLE_ENTITY, "expired"),
        BundleError::FromTheFuture { .. } => (StatusCode::UNPROCESSABLE_ENTITY, "future"),
        BundleError::Validity => (StatusCode::UNPROCESSABLE_ENTITY, "validity"),
        BundleError::Disclosure(_) => (StatusCode::UNPROCESSABLE_ENTITY, "disclosure"),
        BundleError::UnknownModel { .. } => (StatusCode::UNPROCESSABLE_ENTITY, "model"),
        BundleError::ScoreMismatch { .. } => (StatusCode::UNPROCESSABLE_ENTITY, "score_mismatch"),
        BundleError::Replayed => (StatusCode::CONFLICT, "replayed"),
        BundleError::Revoked => (StatusCode::CONFLICT, "revoked"),
    };
    Problem::new(status, code, error)
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
    inbox.limiter.check(peer.ip())?;
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
            let verified = consent::verify(&envelope, now, None, Model::shipped(), &known)?;
            let institution = &verified.payload.recipient.institution;
            if !inbox
                .config
                .institutions
                .iter()
                .any(|i| &i.id == institution)
            {
                return Err(BundleError::WrongRecipient {
                    expected: inbox
                        .config
                        .institutions
                        .iter()
                        .map(|i| i.id.as_str())
                        .collect::<Vec<_>>()
                        .join(" or "),
                    found: institution.clone(),
                });
            }
            Ok(verified)
        })
        .await
        .map_err(|e| Problem::new(StatusCode::SERVICE_UNAVAILABLE, "unavailable", e))?
    };
    let verified = checked.map_err(|e| {
        tracing::info!(peer = %peer.ip(), error = %e, "bundle refused");
        bundle_problem(&e)
    })?;
    let received_at = consent::format_rfc3339(now);
    let stored = StoredBundle {
        bundle_id: verified.payload.bundle_id.clone(),
        nonce: verified.payload.nonce.clone(),
        institution: verified.payload.recipient.institution.clone(),
        merchant: verified.payload.merchant.did.clone(),
        envelope_sha256: prequal::sha256_hex(envelope.as_bytes()),
        envelope,
        payload: serde_json::to_string(&verified.payload).unwrap_or_default(),
        received_at: received_at.clone(),
        revoked_at: None,
    };
    let receipt = Receipt {
        bundle_id: stored.bundle_id.clone(),
        institution: stored.institution.clone(),
        received_at,
        envelope_sha256: stored.envelope_sha256.clone(),
        score_recomputed: verified.score_recomputed,
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
    inbox.limiter.check(peer.ip())?;
    let envelope = envelope_text(&headers, &body)?;
    let revocation = consent::verify_revocation(&envelope).map_err(|e| bundle_problem(&e))?;
    let merchant = inbox
        .store
        .merchant_of(&revocation.bundle_id)
        .await
        .map_err(store_problem)?
        .ok_or_else(|| Problem::new(StatusCode::NOT_FOUND, "unknown_bundle", "no such bundle"))?;
    if merchant != revocation.merchant {
        return Err(Problem::new(
            StatusCode::FORBIDDEN,
            "not_the_merchant",
            "only the merchant who signed a bundle can revoke it",
        ));
    }
    inbox
        .store
        .revoke(&revocation.bundle_id, &consent::format_rfc3339(now()))
        .await
        .map_err(store_problem)?;
    tracing::info!(bundle = %revocation.bundle_id, "bundle revoked");
    Ok(Json(serde_json::json!({"revoked": revocation.bundle_id})))
}

async fn get_bundles(
    State(inbox): State<Arc<Inbox>>,
    headers: HeaderMap,
) -> Result<Json<serde_json::Value>, Problem> {
    let token = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .ok_or_else(|| {
            Problem::new(
                StatusCode::UNAUTHORIZED,
                "unauthorized",
                "a bearer token is required",
            )
        })?;
    let institution = inbox
        .config
        .institution_for(token)
        .ok_or_else(|| Problem::new(StatusCode::UNAUTHORIZED, "unauthorized", "unknown token"))?;
    let bundles = inbox
        .store
        .list(&institution.id)
        .await
        .map_err(store_problem)?;
    Ok(Json(
        serde_json::json!({"institution": institution.id, "bundles": bundles}),
    ))
}

/// The inbox's routes over `store`, with CORS, body limit and rate limit from `config`.
pub fn router(config: Config, store: Store) -> Router {
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
        .route("/v1/revocations", post(post_revocation))
        .layer(DefaultBodyLimit::max(limit))
        .layer(cors);
    for (name, value) in security {
        router = router.layer(SetResponseHeaderLayer::overriding(
            name,
            HeaderValue::from_static(value),
        ));
    }
    router.with_state(inbox)
}

/// Serves the inbox on `listener` until `shutdown` completes.
pub async fn serve(
    config: Config,
    listener: tokio::net::TcpListener,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> Result<(), StoreError> {
    let store = Store::open_limited(&config.database(), config.max_database_bytes).await?;
    let app = router(config, store);
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown)
    .await
    .map_err(|e| StoreError::Unavailable(e.to_string()))
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
