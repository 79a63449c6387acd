//! The loan officers' desk, `/desk/` on the inbox: server-rendered pages in the officer's
//! language (zh-CN or English) over the same database as the API.
//!
//! - Staff of each institution sign in (`prequal inbox staff add`; Argon2id hashes, throttled
//!   by login and by address); the session is a cookie (`__Host-`, HttpOnly, Secure,
//!   SameSite=Strict) whose token the database knows only by its SHA-256, ending after
//!   [`Config::desk_session_minutes`](crate::Config) or
//!   [`desk_idle_minutes`](crate::Config) without a request. Every form carries the session's
//!   CSRF token; the sign-in form a token of its own (double submit).
//! - The list of the institution's applications, filtered by status, product, grade and date,
//!   a page at a time, each with its days since receipt against the response deadline; an
//!   application with every disclosed field in words, the consent, the verification and the
//!   score recomputed here beside the merchant's own; the answers given.
//! - Officers acknowledge, ask for more information, offer (priced by the core) or decline:
//!   each becomes the institution's signed response, exactly as the API makes it
//!   ([`crate::responses::respond`]). They record a loan's later outcome.
//! - Every view and action is appended to the audit log, which no endpoint changes.
//! - Exports: the applications as CSV (the fields only while the merchant's consent stands),
//!   and the outcomes in the bulk-profile format `prequal model train` reads, only for bundles
//!   whose consent includes model improvement.

// The desk's checks answer with the page to show instead (`Result<_, Response>`): the error
// ends the request, so boxing it would only add an allocation.
#![allow(clippy::result_large_err)]

mod auth;
mod export;
mod pages;
mod records;

use std::net::SocketAddr;
use std::sync::Arc;

use axum::extract::{ConnectInfo, Path, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use prequal::response::{Reason, Status};
use prequal_text::Lang;
use tower_http::set_header::SetResponseHeaderLayer;

pub use auth::{add_staff, disable_staff, hash_password, list_staff, Role, StaffError};

use crate::responses::{Answer, OfferAsked};
use crate::{now, Body, Inbox};
use auth::{Lifetimes, Officer, SignInError};
use pages::Notice;
use records::Filter;

/// The session cookie (`__Host-`: Secure, no Domain, Path `/`).
const SESSION_COOKIE: &str = "__Host-prequal-desk";
/// The sign-in form's own CSRF cookie.
const SIGN_IN_COOKIE: &str = "__Host-prequal-desk-sign-in";
/// The officer's language, when chosen.
const LANG_COOKIE: &str = "prequal-desk-lang";

/// The desk's routes, with their own security headers (pages, a style sheet, forms to itself;
/// no script at all).
pub(crate) fn router() -> Router<Arc<Inbox>> {
    let security = [
        (
            header::CONTENT_SECURITY_POLICY,
            "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
        ),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::REFERRER_POLICY, "no-referrer"),
        (header::CACHE_CONTROL, "no-store"),
        (header::X_FRAME_OPTIONS, "DENY"),
    ];
    let mut router = Router::new()
        .route("/desk", get(|| async { Redirect::to("/desk/") }))
        .route(
            "/desk/",
            get(|| async { Redirect::to("/desk/applications") }),
        )
        .route("/desk/desk.css", get(style_sheet))
        .route("/desk/sign-in", get(sign_in_page).post(sign_in))
        .route("/desk/sign-out", post(sign_out))
        .route("/desk/applications", get(list))
        .route("/desk/applications/{id}", get(application))
        .route("/desk/applications/{id}/answer", post(answer))
        .route("/desk/applications/{id}/outcome", post(outcome))
        .route("/desk/export.csv", get(export_applications))
        .route("/desk/outcomes.csv", get(export_outcomes))
        .route("/desk/audit", get(audit_page))
        .layer(axum::middleware::from_fn(server_timing));
    for (name, value) in security {
        router = router.layer(SetResponseHeaderLayer::overriding(
            name,
            HeaderValue::from_static(value),
        ));
    }
    router
}

/// Says how long the desk took to answer (`Server-Timing: app;dur=…` in milliseconds): what a
/// browser's developer tools show, and what `cargo xtask bench` reads for the list's row.
async fn server_timing(request: axum::extract::Request, next: axum::middleware::Next) -> Response {
    let started = std::time::Instant::now();
    let mut response = next.run(request).await;
    let millis = started.elapsed().as_secs_f64() * 1000.0;
    if let Ok(value) = HeaderValue::from_str(&format!("app;dur={millis:.2}")) {
        response
            .headers_mut()
            .insert(header::HeaderName::from_static("server-timing"), value);
    }
    response
}

async fn style_sheet() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "text/css; charset=utf-8")],
        include_str!("desk.css"),
    )
}

/// A cookie of the request.
fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value)
}

/// The `Set-Cookie` value of a cookie the desk sets (`max_age` 0 clears it).
fn set_cookie(name: &str, value: &str, max_age: i64) -> HeaderValue {
    let attributes = if name.starts_with("__Host-") {
        "; Path=/; Secure; HttpOnly; SameSite=Strict"
    } else {
        "; Path=/desk; Secure; SameSite=Strict"
    };
    HeaderValue::from_str(&format!("{name}={value}; Max-Age={max_age}{attributes}"))
        .unwrap_or_else(|_| HeaderValue::from_static("invalid=1; Max-Age=0"))
}

/// The officer's language: `?lang=` when given, else the cookie, else the browser's first
/// choice between zh-CN and English (zh-CN unless it asks for English first).
fn language(headers: &HeaderMap, asked: Option<&str>) -> Lang {
    let chosen = asked.or_else(|| cookie(headers, LANG_COOKIE));
    if let Some(lang) = chosen.and_then(Lang::parse) {
        return lang;
    }
    let accept = headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_ascii_lowercase();
    if accept.trim_start().starts_with("en") {
        Lang::EN
    } else {
        Lang::zh_cn()
    }
}

/// A page in HTML, with the language cookie set when `?lang=` chose one.
fn html(status: StatusCode, markup: maud::Markup, chosen: Option<Lang>) -> Response {
    let mut response = (
        status,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        markup.into_string(),
    )
        .into_response();
    if let Some(lang) = chosen {
        response.headers_mut().append(
            header::SET_COOKIE,
            set_cookie(LANG_COOKIE, lang.tag(), 365 * 86_400),
        );
    }
    response
}

fn lifetimes(inbox: &Inbox) -> Lifetimes {
    Lifetimes {
        absolute_seconds: i64::from(inbox.config.desk_session_minutes) * 60,
        idle_seconds: i64::from(inbox.config.desk_idle_minutes) * 60,
    }
}

/// A page that failed for a reason the officer can do nothing about (the database).
fn unavailable(lang: Lang) -> Response {
    html(
        StatusCode::SERVICE_UNAVAILABLE,
        pages::message_page(lang, "desk-unavailable"),
        None,
    )
}

/// The signed-in officer, or the answer to give instead: the sign-in page for a page asked
/// for without a live session.
async fn officer(inbox: &Inbox, headers: &HeaderMap, lang: Lang) -> Result<Officer, Response> {
    let Some(token) = cookie(headers, SESSION_COOKIE) else {
        return Err(Redirect::to("/desk/sign-in").into_response());
    };
    match auth::session(&inbox.store, token, now(), lifetimes(inbox)).await {
        Ok(Some(officer)) => Ok(officer),
        Ok(None) => Err(Redirect::to("/desk/sign-in?ended=1").into_response()),
        Err(_) => Err(unavailable(lang)),
    }
}

/// The signed-in officer with the page's language (`?lang=` first, then the cookie and the
/// browser's choice), extracted for every desk page and action; without a live session the
/// answer is the sign-in page instead.
struct SignedIn {
    officer: Officer,
    lang: Lang,
    /// The language `?lang=` chose, to be remembered in a cookie.
    chosen: Option<Lang>,
}

impl axum::extract::FromRequestParts<Arc<Inbox>> for SignedIn {
    type Rejection = Response;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        inbox: &Arc<Inbox>,
    ) -> Result<SignedIn, Response> {
        let asked = parts.uri.query().and_then(|query| {
            form_urlencoded::parse(query.as_bytes())
                .find(|(name, _)| name == "lang")
                .map(|(_, value)| value.into_owned())
        });
        let lang = language(&parts.headers, asked.as_deref());
        let officer = officer(inbox, &parts.headers, lang).await?;
        Ok(SignedIn {
            officer,
            lang,
            chosen: asked.as_deref().and_then(Lang::parse),
        })
    }
}

/// Appends to the audit log; a page is not shown, nor an action reported done, unless its
/// entry is stored.
async fn audit(
    inbox: &Inbox,
    officer: &Officer,
    action: &str,
    bundle_id: Option<&str>,
    detail: serde_json::Value,
) -> Result<(), crate::StoreError> {
    let entry = crate::audit::entry(
        &officer.institution,
        &officer.login,
        action,
        bundle_id,
        detail,
    )
    .map_err(|e| crate::StoreError::Unavailable(e.to_string()))?;
    inbox.store.execute(vec![entry]).await
}

/// A form's fields, in order (a checkbox list repeats its name).
fn form(body: &[u8]) -> Vec<(String, String)> {
    form_urlencoded::parse(body).into_owned().collect()
}

fn field<'a>(form: &'a [(String, String)], name: &str) -> &'a str {
    form.iter()
        .find(|(key, _)| key == name)
        .map_or("", |(_, value)| value.trim())
}

fn fields<'a>(form: &'a [(String, String)], name: &'a str) -> impl Iterator<Item = &'a str> {
    form.iter()
        .filter(move |(key, _)| key == name)
        .map(|(_, value)| value.as_str())
}

/// Refuses a form without this session's CSRF token.
fn csrf_checked(officer: &Officer, form: &[(String, String)], lang: Lang) -> Result<(), Response> {
    if officer.csrf_matches(field(form, "csrf")) {
        Ok(())
    } else {
        Err(html(
            StatusCode::FORBIDDEN,
            pages::message_page(lang, "desk-csrf"),
            None,
        ))
    }
}

#[derive(Debug, serde::Deserialize)]
struct LangQuery {
    lang: Option<String>,
    ended: Option<String>,
}

async fn sign_in_page(headers: HeaderMap, Query(query): Query<LangQuery>) -> Response {
    let lang = language(&headers, query.lang.as_deref());
    let notice = query
        .ended
        .map(|_| Notice::Info("desk-session-ended".into()));
    sign_in_form(
        lang,
        StatusCode::OK,
        notice,
        "",
        query.lang.as_deref().and_then(Lang::parse),
    )
}

/// The sign-in form with a fresh double-submit token (cookie and hidden field).
fn sign_in_form(
    lang: Lang,
    status: StatusCode,
    notice: Option<Notice>,
    login: &str,
    chosen: Option<Lang>,
) -> Response {
    let Ok(token) = auth::random_token() else {
        return unavailable(lang);
    };
    let mut response = html(
        status,
        pages::sign_in(lang, &token, notice.as_ref(), login),
        chosen,
    );
    response
        .headers_mut()
        .append(header::SET_COOKIE, set_cookie(SIGN_IN_COOKIE, &token, 3600));
    response
}

async fn sign_in(
    State(inbox): State<Arc<Inbox>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Body(body): Body,
) -> Response {
    let lang = language(&headers, None);
    let form = form(&body);
    let login = field(&form, "login");
    let presented = field(&form, "csrf");
    let expected = cookie(&headers, SIGN_IN_COOKIE).unwrap_or_default();
    let same: bool =
        subtle::ConstantTimeEq::ct_eq(presented.as_bytes(), expected.as_bytes()).into();
    if !same || presented.is_empty() {
        return sign_in_form(
            lang,
            StatusCode::FORBIDDEN,
            Some(Notice::Error("desk-csrf".into())),
            login,
            None,
        );
    }
    let password = form
        .iter()
        .find(|(key, _)| key == "password")
        .map_or("", |(_, value)| value.as_str());
    let address = inbox.client(peer, &headers).to_string();
    match auth::sign_in(
        &inbox.store,
        login,
        password,
        &address,
        now(),
        lifetimes(&inbox),
    )
    .await
    {
        Ok(token) => {
            let signed_in = auth::session(&inbox.store, &token, now(), lifetimes(&inbox)).await;
            if let Ok(Some(officer)) = signed_in {
                let detail = serde_json::json!({"address": address});
                if audit(&inbox, &officer, "sign_in", None, detail)
                    .await
                    .is_err()
                {
                    return unavailable(lang);
                }
            }
            let mut response = Redirect::to("/desk/applications").into_response();
            let max_age = i64::from(inbox.config.desk_session_minutes) * 60;
            let headers = response.headers_mut();
            headers.append(
                header::SET_COOKIE,
                set_cookie(SESSION_COOKIE, &token, max_age),
            );
            headers.append(header::SET_COOKIE, set_cookie(SIGN_IN_COOKIE, "", 0));
            response
        }
        Err(SignInError::Throttled) => sign_in_form(
            lang,
            StatusCode::TOO_MANY_REQUESTS,
            Some(Notice::Error("desk-throttled".into())),
            login,
            None,
        ),
        Err(SignInError::Wrong) => sign_in_form(
            lang,
            StatusCode::UNAUTHORIZED,
            Some(Notice::Error("desk-wrong-password".into())),
            login,
            None,
        ),
        Err(SignInError::Unavailable) => unavailable(lang),
    }
}

async fn sign_out(
    State(inbox): State<Arc<Inbox>>,
    SignedIn {
        officer,
        lang,
        chosen: _,
    }: SignedIn,
    headers: HeaderMap,
    Body(body): Body,
) -> Response {
    let form = form(&body);
    if let Err(response) = csrf_checked(&officer, &form, lang) {
        return response;
    }
    let ended = match cookie(&headers, SESSION_COOKIE) {
        Some(token) => auth::end_session(&inbox.store, token).await,
        None => Ok(()),
    };
    if ended.is_err()
        || audit(&inbox, &officer, "sign_out", None, serde_json::json!({}))
            .await
            .is_err()
    {
        return unavailable(lang);
    }
    let mut response = Redirect::to("/desk/sign-in").into_response();
    response
        .headers_mut()
        .append(header::SET_COOKIE, set_cookie(SESSION_COOKIE, "", 0));
    response
}

#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
struct ListQuery {
    status: String,
    product: String,
    grade: String,
    from: String,
    to: String,
    after: String,
}

impl ListQuery {
    fn filter(&self) -> Filter {
        Filter {
            status: self.status.trim().to_owned(),
            product: self.product.trim().to_owned(),
            grade: self.grade.trim().to_owned(),
            from: self.from.trim().to_owned(),
            to: self.to.trim().to_owned(),
        }
    }
}

async fn list(
    State(inbox): State<Arc<Inbox>>,
    SignedIn {
        officer,
        lang,
        chosen,
    }: SignedIn,
    query: Result<Query<ListQuery>, axum::extract::rejection::QueryRejection>,
) -> Response {
    let Query(query) = query.unwrap_or_default();
    let filter = query.filter();
    let after = match query.after.as_str() {
        "" => None,
        cursor => match crate::store::Page::decode_cursor(cursor) {
            Some(after) => Some(after),
            None => {
                let notice = Notice::Error("desk-bad-filter".into());
                return list_page(
                    &inbox,
                    &officer,
                    lang,
                    &Filter::default(),
                    None,
                    Some(notice),
                    chosen,
                )
                .await;
            }
        },
    };
    list_page(&inbox, &officer, lang, &filter, after, None, chosen).await
}

async fn list_page(
    inbox: &Inbox,
    officer: &Officer,
    lang: Lang,
    filter: &Filter,
    after: Option<(String, String)>,
    notice: Option<Notice>,
    chosen: Option<Lang>,
) -> Response {
    let detail = serde_json::json!({
        "status": filter.status, "product": filter.product, "grade": filter.grade,
        "from": filter.from, "to": filter.to,
    });
    if audit(inbox, officer, "list", None, detail).await.is_err() {
        return unavailable(lang);
    }
    match records::list(&inbox.store, &officer.institution, filter, after).await {
        Ok((page, next)) => html(
            StatusCode::OK,
            pages::list(&pages::ListView {
                lang,
                officer,
                catalogs: &inbox.catalogs,
                filter,
                page: &page,
                next: next.as_deref(),
                now: now(),
                deadline_days: inbox.config.response_deadline_days,
                notice: notice.as_ref(),
            }),
            chosen,
        ),
        Err(records::ListError::Filter(name)) => {
            let notice = Notice::Error(format!("desk-bad-filter-{name}"));
            Box::pin(list_page(
                inbox,
                officer,
                lang,
                &Filter::default(),
                None,
                Some(notice),
                chosen,
            ))
            .await
        }
        Err(records::ListError::Store(e)) => {
            tracing::error!(error = %e, "desk list unavailable");
            unavailable(lang)
        }
    }
}

async fn application(
    State(inbox): State<Arc<Inbox>>,
    SignedIn {
        officer,
        lang,
        chosen,
    }: SignedIn,
    Path(bundle_id): Path<String>,
) -> Response {
    application_page(&inbox, &officer, lang, &bundle_id, None, &[], chosen).await
}

/// The application page, with a notice and the form the officer sent when it was refused (so
/// nothing typed is lost).
async fn application_page(
    inbox: &Inbox,
    officer: &Officer,
    lang: Lang,
    bundle_id: &str,
    notice: Option<Notice>,
    sent: &[(String, String)],
    chosen: Option<Lang>,
) -> Response {
    let found = match records::application(&inbox.store, &officer.institution, bundle_id).await {
        Ok(found) => found,
        Err(_) => return unavailable(lang),
    };
    // Another institution's application is answered exactly like a missing one.
    let Some(application) = found else {
        return html(
            StatusCode::NOT_FOUND,
            pages::message_page(lang, "desk-no-such-application"),
            chosen,
        );
    };
    if audit(
        inbox,
        officer,
        "view",
        Some(bundle_id),
        serde_json::json!({}),
    )
    .await
    .is_err()
    {
        return unavailable(lang);
    }
    let status = match &notice {
        Some(Notice::Error(_) | Notice::Problem(..)) => StatusCode::UNPROCESSABLE_ENTITY,
        _ => StatusCode::OK,
    };
    html(
        status,
        pages::application(&pages::ApplicationView {
            lang,
            officer,
            inbox,
            application: &application,
            now: now(),
            notice: notice.as_ref(),
            sent,
        }),
        chosen,
    )
}

/// The officer's answer from the action form, or the notice saying what is wrong with it.
fn answer_of(form: &[(String, String)], now: i64) -> Result<Answer, Notice> {
    let message = Some(field(form, "message").to_owned()).filter(|m| !m.is_empty());
    let bad = |id: &str| Notice::Error(id.to_owned());
    match field(form, "action") {
        "acknowledge" => Ok(Answer {
            status: Status::Acknowledged,
            message,
            fields: Vec::new(),
            offer: None,
            reasons: Vec::new(),
        }),
        "more_information" => {
            let wanted: Vec<String> = fields(form, "field").map(str::to_owned).collect();
            if wanted.is_empty() {
                return Err(bad("desk-choose-fields"));
            }
            Ok(Answer {
                status: Status::MoreInformation,
                message,
                fields: wanted,
                offer: None,
                reasons: Vec::new(),
            })
        }
        "offer" => {
            let amount = prequal::money::parse_major(field(form, "amount"))
                .ok()
                .filter(|minor| *minor > 0)
                .ok_or_else(|| bad("desk-bad-amount"))?;
            let rate_bp =
                parse_percent_bp(field(form, "rate")).ok_or_else(|| bad("desk-bad-rate"))?;
            let term = field(form, "term")
                .parse::<u32>()
                .ok()
                .filter(|months| (1..=360).contains(months))
                .ok_or_else(|| bad("desk-bad-term"))?;
            let repayment_type = serde_json::from_value(serde_json::Value::String(
                field(form, "repayment").to_owned(),
            ))
            .map_err(|_| bad("desk-bad-repayment"))?;
            let valid_until = field(form, "valid_until");
            let valid = prequal::consent::parse_rfc3339(&format!("{valid_until}T00:00:00Z"))
                .is_some_and(|day| day + 86_400 > now);
            if !valid {
                return Err(bad("desk-bad-valid-until"));
            }
            Ok(Answer {
                status: Status::Offer,
                message,
                fields: Vec::new(),
                offer: Some(OfferAsked {
                    product: field(form, "product").to_owned(),
                    repayment_type,
                    amount_minor: amount,
                    annual_rate_bp: rate_bp,
                    term_months: term,
                    first_payment_month: None,
                    valid_until: valid_until.to_owned(),
                }),
                reasons: Vec::new(),
            })
        }
        "decline" => {
            let reasons: Vec<Reason> = fields(form, "reason")
                .filter_map(|name| {
                    serde_json::from_value(serde_json::Value::String(name.to_owned())).ok()
                })
                .collect();
            if reasons.is_empty() {
                return Err(bad("desk-choose-reasons"));
            }
            Ok(Answer {
                status: Status::Declined,
                message,
                fields: Vec::new(),
                offer: None,
                reasons,
            })
        }
        _ => Err(bad("desk-bad-action")),
    }
}

/// A yearly rate typed as a percentage (`4.35`, `4.35%`) in basis points: 0 to 36 %, the
/// ceiling Chinese courts protect.
fn parse_percent_bp(text: &str) -> Option<i64> {
    let number = text.trim().trim_end_matches(['%', '％']).trim();
    let (whole, fraction) = number.split_once('.').unwrap_or((number, ""));
    if whole.is_empty()
        || fraction.len() > 2
        || !(whole.chars().chain(fraction.chars())).all(|c| c.is_ascii_digit())
    {
        return None;
    }
    let bp = whole.parse::<i64>().ok()? * 100 + format!("{fraction:0<2}").parse::<i64>().ok()?;
    (0..=3600).contains(&bp).then_some(bp)
}

/// An officer's form, read whole (within the body limits), its CSRF token checked, and the
/// officer role required (a viewer reads only); the page to show instead otherwise. A revoked
/// application is refused further on, by the action itself.
struct ActingForm {
    officer: Officer,
    lang: Lang,
    form: Vec<(String, String)>,
}

impl axum::extract::FromRequest<Arc<Inbox>> for ActingForm {
    type Rejection = Response;

    async fn from_request(
        request: axum::extract::Request,
        inbox: &Arc<Inbox>,
    ) -> Result<ActingForm, Response> {
        use axum::extract::FromRequestParts;
        let (mut parts, body) = request.into_parts();
        let SignedIn { officer, lang, .. } =
            SignedIn::from_request_parts(&mut parts, inbox).await?;
        let Body(bytes) =
            Body::from_request(axum::extract::Request::from_parts(parts, body), inbox).await?;
        let form = form(&bytes);
        csrf_checked(&officer, &form, lang)?;
        if officer.role != Role::Officer {
            return Err(html(
                StatusCode::FORBIDDEN,
                pages::message_page(lang, "desk-viewer-only"),
                None,
            ));
        }
        Ok(ActingForm {
            officer,
            lang,
            form,
        })
    }
}

async fn answer(
    State(inbox): State<Arc<Inbox>>,
    Path(bundle_id): Path<String>,
    ActingForm {
        officer,
        lang,
        form,
    }: ActingForm,
) -> Response {
    let answer = match answer_of(&form, now()) {
        Ok(answer) => answer,
        Err(notice) => {
            return application_page(
                &inbox,
                &officer,
                lang,
                &bundle_id,
                Some(notice),
                &form,
                None,
            )
            .await
        }
    };
    // The answer and its audit entry are one transaction.
    let answered = crate::responses::respond(
        &inbox,
        &officer.institution,
        &bundle_id,
        answer,
        &officer.login,
    )
    .await;
    match answered {
        Ok(_) => Redirect::to(&format!("/desk/applications/{bundle_id}#answers")).into_response(),
        Err(problem) => {
            // The refusals an officer can meet on the desk, in their language; the rest (a
            // misconfigured inbox) as the API words them.
            let notice = match problem.code {
                "revoked" => Notice::Error("desk-revoked-no-actions".into()),
                "no_response_key" => Notice::Error("desk-no-response-key".into()),
                _ => Notice::Problem(problem.code, problem.detail),
            };
            application_page(
                &inbox,
                &officer,
                lang,
                &bundle_id,
                Some(notice),
                &form,
                None,
            )
            .await
        }
    }
}

async fn outcome(
    State(inbox): State<Arc<Inbox>>,
    Path(bundle_id): Path<String>,
    ActingForm {
        officer,
        lang,
        form,
    }: ActingForm,
) -> Response {
    let found = match records::application(&inbox.store, &officer.institution, &bundle_id).await {
        Ok(found) => found,
        Err(_) => return unavailable(lang),
    };
    let Some(application) = found else {
        return html(
            StatusCode::NOT_FOUND,
            pages::message_page(lang, "desk-no-such-application"),
            None,
        );
    };
    let outcome = field(&form, "outcome");
    let refused = if application.listed.standing() != "offer" {
        Some("desk-outcome-needs-offer")
    } else if !records::OUTCOMES.contains(&outcome) {
        Some("desk-choose-outcome")
    } else {
        None
    };
    if let Some(id) = refused {
        let notice = Some(Notice::Error(id.into()));
        return application_page(&inbox, &officer, lang, &bundle_id, notice, &form, None).await;
    }
    let at = consent_now();
    let Ok(entry) = crate::audit::entry(
        &officer.institution,
        &officer.login,
        "outcome",
        Some(&bundle_id),
        serde_json::json!({"outcome": outcome}),
    ) else {
        return unavailable(lang);
    };
    // The outcome and its audit entry stand or fall together.
    let recorded = inbox
        .store
        .execute(vec![
            records::record_outcome(&bundle_id, outcome, &at, &officer.login),
            entry,
        ])
        .await;
    if recorded.is_err() {
        return unavailable(lang);
    }
    Redirect::to(&format!("/desk/applications/{bundle_id}#outcome")).into_response()
}

fn consent_now() -> String {
    prequal::consent::format_rfc3339(now())
}

fn csv_response(name: &str, body: Vec<u8>) -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        body,
    )
        .into_response()
}

async fn export_applications(
    State(inbox): State<Arc<Inbox>>,
    SignedIn {
        officer,
        lang,
        chosen: _,
    }: SignedIn,
    query: Result<Query<ListQuery>, axum::extract::rejection::QueryRejection>,
) -> Response {
    let Query(query) = query.unwrap_or_default();
    let filter = query.filter();
    let rows = match records::all(&inbox.store, &officer.institution, &filter).await {
        Ok(rows) => rows,
        Err(records::ListError::Filter(name)) => {
            let notice = Notice::Error(format!("desk-bad-filter-{name}"));
            return list_page(
                &inbox,
                &officer,
                lang,
                &Filter::default(),
                None,
                Some(notice),
                None,
            )
            .await;
        }
        Err(records::ListError::Store(e)) => {
            tracing::error!(error = %e, "desk export unavailable");
            return unavailable(lang);
        }
    };
    let Ok(outcomes) = records::outcomes(&inbox.store, &officer.institution).await else {
        return unavailable(lang);
    };
    let detail = serde_json::json!({"rows": rows.len(), "status": filter.status, "product": filter.product, "grade": filter.grade, "from": filter.from, "to": filter.to});
    if audit(&inbox, &officer, "export", None, detail)
        .await
        .is_err()
    {
        return unavailable(lang);
    }
    match export::applications(&rows, &outcomes, now()) {
        Ok(body) => csv_response("applications.csv", body),
        Err(_) => unavailable(lang),
    }
}

async fn export_outcomes(
    State(inbox): State<Arc<Inbox>>,
    SignedIn {
        officer,
        lang,
        chosen: _,
    }: SignedIn,
) -> Response {
    let rows = match records::all(&inbox.store, &officer.institution, &Filter::default()).await {
        Ok(rows) => rows,
        Err(_) => return unavailable(lang),
    };
    let Ok(outcomes) = records::outcomes(&inbox.store, &officer.institution).await else {
        return unavailable(lang);
    };
    match export::training(&rows, &outcomes) {
        Ok((body, count)) => {
            let detail = serde_json::json!({"rows": count});
            if audit(&inbox, &officer, "export_outcomes", None, detail)
                .await
                .is_err()
            {
                return unavailable(lang);
            }
            csv_response("outcomes.csv", body)
        }
        Err(_) => unavailable(lang),
    }
}

#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
struct AuditQuery {
    before: Option<String>,
}

async fn audit_page(
    State(inbox): State<Arc<Inbox>>,
    SignedIn {
        officer,
        lang,
        chosen,
    }: SignedIn,
    query: Result<Query<AuditQuery>, axum::extract::rejection::QueryRejection>,
) -> Response {
    let Query(query) = query.unwrap_or_default();
    // A position in the log: an entry's time, as the page's "older" link gives it.
    let before = query.before.filter(|b| {
        b.len() <= 40
            && b.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | ':' | '.'))
    });
    if audit(&inbox, &officer, "audit_view", None, serde_json::json!({}))
        .await
        .is_err()
    {
        return unavailable(lang);
    }
    match records::audit_log(
        &inbox.store,
        &officer.institution,
        before.as_deref(),
        pages::AUDIT_PAGE,
    )
    .await
    {
        Ok(entries) => html(
            StatusCode::OK,
            pages::audit(lang, &officer, &entries),
            chosen,
        ),
        Err(_) => unavailable(lang),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates_are_read_as_percentages_within_the_protected_ceiling() {
        assert_eq!(parse_percent_bp("4.35"), Some(435));
        assert_eq!(parse_percent_bp("4.35%"), Some(435));
        assert_eq!(parse_percent_bp("12"), Some(1200));
        assert_eq!(parse_percent_bp("3.5％"), Some(350));
        assert_eq!(parse_percent_bp("36"), Some(3600));
        assert_eq!(parse_percent_bp("36.01"), None);
        assert_eq!(parse_percent_bp("4.355"), None);
        assert_eq!(parse_percent_bp("-1"), None);
        assert_eq!(parse_percent_bp(""), None);
    }

    #[test]
    fn cookies_are_found_by_name() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::COOKIE,
            HeaderValue::from_static("a=1; __Host-prequal-desk=abc"),
        );
        assert_eq!(cookie(&headers, SESSION_COOKIE), Some("abc"));
        assert_eq!(cookie(&headers, "b"), None);
    }
}
