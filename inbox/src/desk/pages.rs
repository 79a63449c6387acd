//! The desk's pages, rendered on the server (maud escapes every value it interpolates). No
//! script: forms post to the desk, links carry the filters, `<details>` folds what is long.

use maud::{html, Markup, DOCTYPE};
use prequal::catalog::{Product, RepaymentType, ValidCatalog};
use prequal::consent::ResultSeen;
use prequal::response::{self, Reason, Response, Status};
use prequal_text::Lang;
use serde_json::Value;

use super::auth::{Officer, Role};
use super::records::{Application, Entry, Filter, Listed, OUTCOMES, STATUSES};
use crate::Inbox;

/// Entries per page of the audit log.
pub const AUDIT_PAGE: usize = 100;

/// Something to tell the officer at the top of a page.
#[derive(Debug, Clone)]
pub enum Notice {
    /// For information (a message id).
    Info(String),
    /// What went wrong (a message id).
    Error(String),
    /// What the answer API refused, with its code and detail.
    Problem(&'static str, String),
}

fn w(lang: Lang, id: &str) -> String {
    prequal_text::message(lang, id, &[])
}

fn with(lang: Lang, id: &str, args: &[(&str, prequal_text::Arg<'_>)]) -> String {
    prequal_text::message(lang, id, args)
}

/// UTC+8, in seconds: the officers' clock.
const BEIJING: i64 = 8 * 3600;

/// An RFC 3339 time in Beijing time, to the minute (`2026-11-30 19:05`).
fn local_time(rfc3339: &str) -> String {
    prequal::consent::parse_rfc3339(rfc3339).map_or_else(
        || rfc3339.to_owned(),
        |seconds| {
            let stamp = prequal::consent::format_rfc3339(seconds + BEIJING);
            stamp.get(..16).unwrap_or(&stamp).replace('T', " ")
        },
    )
}

/// A catalog label in the officer's language.
fn label(lang: Lang, label: &prequal::scorecard::Label) -> &str {
    if lang == Lang::EN {
        &label.en
    } else {
        &label.zh
    }
}

fn product_of<'a>(catalogs: &'a [ValidCatalog], id: &str) -> Option<&'a Product> {
    catalogs
        .iter()
        .find_map(|catalog| catalog.product(id).map(|(_, product)| product))
}

fn product_name(lang: Lang, catalogs: &[ValidCatalog], id: &str) -> String {
    product_of(catalogs, id).map_or_else(|| id.to_owned(), |p| label(lang, &p.name).to_owned())
}

/// A status in words (`revoked` included).
fn status_words(lang: Lang, status: &str) -> String {
    w(lang, &format!("desk-status-{}", status.replace('_', "-")))
}

/// The whole page around `body`.
fn layout(lang: Lang, title: &str, here: &str, officer: Option<&Officer>, body: Markup) -> Markup {
    let other = if lang == Lang::EN {
        Lang::zh_cn()
    } else {
        Lang::EN
    };
    let switch = if here.contains('?') {
        format!("{here}&lang={}", other.tag())
    } else {
        format!("{here}?lang={}", other.tag())
    };
    html! {
        (DOCTYPE)
        html lang=(lang.tag()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " · " (w(lang, "desk-name")) }
                link rel="stylesheet" href="/desk/desk.css";
            }
            body {
                a.skip href="#main" { (w(lang, "desk-skip")) }
                header {
                    p.brand { (w(lang, "desk-name")) }
                    nav aria-label=(w(lang, "desk-nav")) {
                        @if officer.is_some() {
                            a href="/desk/applications" { (w(lang, "desk-applications")) }
                            a href="/desk/audit" { (w(lang, "desk-audit")) }
                        }
                        a href=(switch) lang=(other.tag()) hreflang=(other.tag()) { (w(other, "desk-language-name")) }
                        @if let Some(officer) = officer {
                            form.inline method="post" action="/desk/sign-out" {
                                input type="hidden" name="csrf" value=(officer.csrf);
                                button type="submit" { (with(lang, "desk-sign-out", &[("login", officer.login.as_str().into())])) }
                            }
                        }
                    }
                }
                main #main { (body) }
            }
        }
    }
}

fn notice(lang: Lang, notice: Option<&Notice>) -> Markup {
    html! {
        @match notice {
            Some(Notice::Info(id)) => p.notice role="status" { (w(lang, id)) },
            Some(Notice::Error(id)) => p.notice.error role="alert" { (w(lang, id)) },
            Some(Notice::Problem(code, detail)) => p.notice.error role="alert" {
                (w(lang, "desk-answer-refused")) " " (detail) " (" code { (code) } ")"
            },
            None => {},
        }
    }
}

/// A page that only says something (an error).
pub fn message_page(lang: Lang, id: &str) -> Markup {
    let text = w(lang, id);
    layout(
        lang,
        &text,
        "/desk/applications",
        None,
        html! {
            h1 { (text) }
            p { a href="/desk/applications" { (w(lang, "desk-back-to-list")) } }
        },
    )
}

/// The sign-in page.
pub fn sign_in(lang: Lang, token: &str, shown: Option<&Notice>, login: &str) -> Markup {
    layout(
        lang,
        &w(lang, "desk-sign-in"),
        "/desk/sign-in",
        None,
        html! {
            h1 { (w(lang, "desk-sign-in")) }
            (notice(lang, shown))
            form.sign-in method="post" action="/desk/sign-in" {
                input type="hidden" name="csrf" value=(token);
                label for="login" { (w(lang, "desk-login")) }
                input #login type="text" name="login" value=(login) autocomplete="username" required autocapitalize="none" spellcheck="false";
                label for="password" { (w(lang, "desk-password")) }
                input #password type="password" name="password" autocomplete="current-password" required;
                button type="submit" { (w(lang, "desk-sign-in")) }
            }
            p.hint { (w(lang, "desk-sign-in-hint")) }
        },
    )
}

/// What the list page shows.
pub struct ListView<'a> {
    pub lang: Lang,
    pub officer: &'a Officer,
    pub catalogs: &'a [ValidCatalog],
    pub filter: &'a Filter,
    pub page: &'a [Listed],
    pub next: Option<&'a str>,
    pub now: i64,
    pub deadline_days: u32,
    pub notice: Option<&'a Notice>,
}

/// Days since `received_at` (whole days, at `now`).
fn days_since(received_at: &str, now: i64) -> i64 {
    prequal::consent::parse_rfc3339(received_at).map_or(0, |at| (now - at).max(0) / 86_400)
}

/// Whether an application still waits for the institution's decision.
fn open(standing: &str) -> bool {
    matches!(standing, "received" | "acknowledged" | "more_information")
}

fn query_of(filter: &Filter) -> String {
    let mut query = form_urlencoded::Serializer::new(String::new());
    for (name, value) in [
        ("status", &filter.status),
        ("product", &filter.product),
        ("grade", &filter.grade),
        ("from", &filter.from),
        ("to", &filter.to),
    ] {
        if !value.is_empty() {
            query.append_pair(name, value);
        }
    }
    query.finish()
}

/// A table that may scroll sideways on a narrow screen: a named region the keyboard can reach
/// and scroll.
fn wrap(label: &str, table: Markup) -> Markup {
    html! {
        div.table-wrap role="region" aria-label=(label) tabindex="0" { (table) }
    }
}

fn business_name(payload: &Value) -> Option<&str> {
    payload["disclosed"]["business.name"].as_str()
}

/// The list of the institution's applications.
pub fn list(view: &ListView<'_>) -> Markup {
    let lang = view.lang;
    let filter = view.filter;
    let query = query_of(filter);
    let here = if query.is_empty() {
        "/desk/applications".to_owned()
    } else {
        format!("/desk/applications?{query}")
    };
    let products: Vec<&Product> = view
        .catalogs
        .iter()
        .flat_map(|catalog| catalog.catalog().products.iter())
        .filter(|product| product.institution == view.officer.institution)
        .collect();
    let grades = ["A", "B", "C", "D", "E"];
    let body = html! {
        h1 { (w(lang, "desk-applications")) }
        (notice(lang, view.notice))
        form.filters method="get" action="/desk/applications" {
            div {
                label for="status" { (w(lang, "desk-filter-status")) }
                select #status name="status" {
                    option value="" { (w(lang, "desk-any")) }
                    @for status in STATUSES {
                        option value=(status) selected[filter.status == status] { (status_words(lang, status)) }
                    }
                }
            }
            div {
                label for="product" { (w(lang, "desk-filter-product")) }
                select #product name="product" {
                    option value="" { (w(lang, "desk-any")) }
                    @for product in &products {
                        option value=(product.id) selected[filter.product == product.id] { (label(lang, &product.name)) }
                    }
                }
            }
            div {
                label for="grade" { (w(lang, "desk-filter-grade")) }
                select #grade name="grade" {
                    option value="" { (w(lang, "desk-any")) }
                    @for grade in grades {
                        option value=(grade) selected[filter.grade == grade] { (grade) }
                    }
                }
            }
            div {
                label for="from" { (w(lang, "desk-filter-from")) }
                input #from type="date" name="from" value=(filter.from);
            }
            div {
                label for="to" { (w(lang, "desk-filter-to")) }
                input #to type="date" name="to" value=(filter.to);
            }
            button type="submit" { (w(lang, "desk-filter")) }
        }
        p.actions {
            a href={ "/desk/export.csv" @if !query.is_empty() { "?" (query) } } download { (w(lang, "desk-export")) }
            " "
            a href="/desk/outcomes.csv" download { (w(lang, "desk-export-outcomes")) }
        }
        @if view.page.is_empty() {
            p { (w(lang, "desk-none")) }
        } @else {
            (wrap(&w(lang, "desk-applications"), html! {
                table.applications {
                    caption { (with(lang, "desk-deadline-caption", &[("days", i64::from(view.deadline_days).into())])) }
                    thead { tr {
                        th scope="col" { (w(lang, "desk-received")) }
                        th scope="col" { (w(lang, "desk-business")) }
                        th scope="col" { (w(lang, "desk-product")) }
                        th scope="col" { (w(lang, "desk-grade")) }
                        th scope="col" { (w(lang, "desk-status")) }
                        th scope="col" { (w(lang, "desk-days")) }
                    } }
                    tbody {
                        @for item in view.page {
                            @let standing = item.standing();
                            @let days = days_since(&item.received_at, view.now);
                            @let late = open(standing) && days > i64::from(view.deadline_days);
                            tr data-bundle=(item.bundle_id) data-status=(standing) {
                                td data-label=(w(lang, "desk-received")) { (local_time(&item.received_at)) }
                                td data-label=(w(lang, "desk-business")) { a href={ "/desk/applications/" (item.bundle_id) } { (business_name(&item.payload).unwrap_or(&item.bundle_id)) } }
                                td data-label=(w(lang, "desk-product")) { @for (i, id) in item.products.iter().enumerate() { @if i > 0 { ", " } (product_name(lang, view.catalogs, id)) } }
                                td data-label=(w(lang, "desk-grade")) { (item.grade) }
                                td data-label=(w(lang, "desk-status")) { span.status data-status=(standing) { (status_words(lang, standing)) } }
                                td.days .late[late] data-label=(w(lang, "desk-days")) {
                                    @if open(standing) {
                                        (with(lang, "desk-days-of", &[("days", days.into()), ("deadline", i64::from(view.deadline_days).into())]))
                                        @if late { " " strong { (w(lang, "desk-overdue")) } }
                                    } @else { "—" }
                                }
                            }
                        }
                    }
                }
            }))
        }
        @if let Some(next) = view.next {
            p { a rel="next" href={ "/desk/applications?" @if !query.is_empty() { (query) "&" } "after=" (next) } { (w(lang, "desk-next-page")) } }
        }
    };
    layout(
        lang,
        &w(lang, "desk-applications"),
        &here,
        Some(view.officer),
        body,
    )
}

/// What the application page shows.
pub struct ApplicationView<'a> {
    pub lang: Lang,
    pub officer: &'a Officer,
    pub inbox: &'a Inbox,
    pub application: &'a Application,
    pub now: i64,
    pub notice: Option<&'a Notice>,
    /// The form the officer sent, when it was refused: shown again as typed.
    pub sent: &'a [(String, String)],
}

impl ApplicationView<'_> {
    /// What the officer typed into `name` of the form `action`, if that form was sent.
    fn typed(&self, action: &str, name: &str) -> Option<&str> {
        (super::field(self.sent, "action") == action).then(|| super::field(self.sent, name))
    }

    fn ticked(&self, action: &str, name: &str, value: &str) -> bool {
        super::field(self.sent, "action") == action
            && super::fields(self.sent, name).any(|v| v == value)
    }
}

/// The score recomputed here with the cited model, when the inbox trusts it and the
/// disclosure holds every field it reads.
fn recomputed(inbox: &Inbox, payload: &Value) -> Option<ResultSeen> {
    let model_sha = payload["model"]["sha256"].as_str()?;
    let model = inbox.models.iter().find(|model| model.id() == model_sha)?;
    let disclosed: std::collections::BTreeMap<String, Value> =
        serde_json::from_value(payload["disclosed"].clone()).ok()?;
    if model
        .fields()
        .iter()
        .any(|field| !disclosed.contains_key(*field))
    {
        return None;
    }
    let profile = prequal::consent::merge_disclosed(&disclosed, payload["as_of"].as_str()?).ok()?;
    Some(ResultSeen::of(&model.assess(&profile)))
}

fn percent_ppm(ppm: i64) -> String {
    format!("{:.2}%", ppm as f64 / 10_000.0)
}

fn yes_no(lang: Lang, yes: bool) -> String {
    w(lang, if yes { "desk-yes" } else { "desk-no" })
}

/// The signed answers, verified again against the catalog (what the merchant's device does).
fn answers(view: &ApplicationView<'_>) -> Vec<(crate::store::ResponseRow, Option<Response>)> {
    let institution = view
        .inbox
        .catalogs
        .iter()
        .flat_map(|catalog| catalog.catalog().institutions.iter())
        .find(|i| i.id == view.officer.institution);
    view.application
        .responses
        .iter()
        .map(|row| {
            let verified = institution.and_then(|i| response::verify(&row.envelope, i).ok());
            (row.clone(), verified)
        })
        .collect()
}

fn offer_block(lang: Lang, catalogs: &[ValidCatalog], offer: &response::Offer) -> Markup {
    let schedule = offer.terms.schedule().ok();
    html! {
        dl.offer {
            dt { (w(lang, "desk-product")) } dd { (product_name(lang, catalogs, &offer.product)) }
            dt { (w(lang, "desk-offer-amount")) } dd { (prequal_text::money(lang, offer.terms.principal_minor)) }
            dt { (w(lang, "desk-offer-rate")) } dd { (prequal_text::rate_bp(offer.terms.annual_rate_bp)) }
            dt { (w(lang, "desk-offer-term")) } dd { (with(lang, "desk-months", &[("n", i64::from(offer.terms.term_months).into())])) }
            dt { (w(lang, "desk-offer-repayment")) } dd { (prequal_text::repayment(lang, offer.repayment_type)) }
            dt { (w(lang, "desk-offer-first-payment")) } dd { (prequal_text::money(lang, offer.first_payment_minor)) }
            dt { (w(lang, "desk-offer-cost")) } dd { (prequal_text::money(lang, offer.cost_of_credit_minor)) }
            dt { (w(lang, "desk-offer-total")) } dd { (prequal_text::money(lang, offer.total_repayable_minor)) }
            dt { (w(lang, "desk-offer-apr")) } dd { (percent_ppm(offer.effective_annual_rate_ppm)) }
            dt { (w(lang, "desk-offer-valid-until")) } dd { (offer.valid_until) }
            dt { (w(lang, "desk-offer-recomputes")) } dd { (yes_no(lang, offer.recomputes())) }
        }
        @if let Some(schedule) = schedule {
            details.schedule {
                summary { (w(lang, "desk-schedule")) }
                (wrap(&w(lang, "desk-schedule"), html! {
                    table {
                        thead { tr {
                            th scope="col" { (w(lang, "desk-schedule-number")) }
                            th scope="col" { (w(lang, "desk-schedule-month")) }
                            th scope="col" { (w(lang, "desk-schedule-principal")) }
                            th scope="col" { (w(lang, "desk-schedule-interest")) }
                            th scope="col" { (w(lang, "desk-schedule-fee")) }
                            th scope="col" { (w(lang, "desk-schedule-payment")) }
                            th scope="col" { (w(lang, "desk-schedule-balance")) }
                        } }
                        tbody {
                            @for row in &schedule.instalments {
                                tr {
                                    td { (row.number) }
                                    td { (row.calendar_month) }
                                    td { (prequal_text::money(lang, row.principal_minor)) }
                                    td { (prequal_text::money(lang, row.interest_minor)) }
                                    td { (prequal_text::money(lang, row.fee_minor)) }
                                    td { (prequal_text::money(lang, row.payment_minor)) }
                                    td { (prequal_text::money(lang, row.balance_minor)) }
                                }
                            }
                        }
                    }
                }))
            }
        }
    }
}

/// One application.
pub fn application(view: &ApplicationView<'_>) -> Markup {
    let lang = view.lang;
    let app = view.application;
    let item = &app.listed;
    let payload = &item.payload;
    let standing = item.standing();
    let revoked = item.revoked_at.is_some();
    let catalogs = &view.inbox.catalogs;
    let days = days_since(&item.received_at, view.now);
    let deadline = i64::from(view.inbox.config.response_deadline_days);
    let title = business_name(payload).unwrap_or(&item.bundle_id).to_owned();
    let claimed: Option<ResultSeen> = serde_json::from_value(payload["result"].clone()).ok();
    let recomputed = recomputed(view.inbox, payload);
    let disclosed = payload["disclosed"]
        .as_object()
        .cloned()
        .unwrap_or_default();
    let consent = &payload["consent"];
    let verification = &app.verification;
    let answers = answers(view);
    let officer_acts = view.officer.role == Role::Officer;
    let not_disclosed: Vec<&str> = prequal::profile::FIELDS
        .iter()
        .filter(|spec| {
            !matches!(spec.kind, prequal::profile::FieldKind::Fixed(_)) && spec.path != "as_of"
        })
        .map(|spec| spec.path)
        .filter(|path| !disclosed.contains_key(*path))
        .collect();
    let products: Vec<&Product> = item
        .products
        .iter()
        .filter_map(|id| product_of(catalogs, id))
        .collect();
    let valid_until = prequal::consent::format_rfc3339(view.now + BEIJING + 14 * 86_400)
        .get(..10)
        .unwrap_or_default()
        .to_owned();
    let body = html! {
        p { a href="/desk/applications" { (w(lang, "desk-back-to-list")) } }
        h1 { (title) }
        (notice(lang, view.notice))
        p.meta {
            span.status data-status=(standing) { (status_words(lang, standing)) }
            " · " (w(lang, "desk-received")) " " (local_time(&item.received_at))
            @if open(standing) {
                " · " (with(lang, "desk-days-of", &[("days", days.into()), ("deadline", deadline.into())]))
                @if days > deadline { " " strong { (w(lang, "desk-overdue")) } }
            }
        }
        @if let Some(at) = &item.revoked_at {
            p.notice.error role="status" { (with(lang, "desk-revoked-at", &[("at", local_time(at).into())])) }
        }
        section {
            h2 #h-verification { (w(lang, "desk-verification")) }
            (wrap(&w(lang, "desk-verification"), html! {
                table.results {
                    thead { tr {
                        td {}
                        th scope="col" { (w(lang, "desk-merchant-result")) }
                        th scope="col" { (w(lang, "desk-recomputed-result")) }
                    } }
                    tbody {
                        tr {
                            th scope="row" { (w(lang, "desk-grade")) }
                            td { @if let Some(c) = &claimed { (c.grade) } }
                            td.recomputed-grade { @if let Some(r) = &recomputed { (r.grade) } @else { (w(lang, "desk-not-recomputed")) } }
                        }
                        tr {
                            th scope="row" { (w(lang, "desk-score")) }
                            td { @if let Some(c) = &claimed { (c.score) } }
                            td.recomputed-score { @if let Some(r) = &recomputed { (r.score) } }
                        }
                        tr {
                            th scope="row" { (w(lang, "desk-pd")) }
                            td { @if let Some(c) = &claimed { (percent_ppm(c.probability_of_default_ppm)) } }
                            td { @if let Some(r) = &recomputed { (percent_ppm(r.probability_of_default_ppm)) } }
                        }
                    }
                }
            }))
            dl {
                dt { (w(lang, "desk-signature")) }
                dd { (yes_no(lang, verification["signature"].as_bool().unwrap_or(true))) }
                dt { (w(lang, "desk-score-recomputed")) }
                dd {
                    (yes_no(lang, verification["score_recomputed"].as_bool().unwrap_or(false)))
                    @if let Some(withheld) = verification["withheld_model_fields"].as_array().filter(|w| !w.is_empty()) {
                        " — " (w(lang, "desk-withheld")) " "
                        @for (i, path) in withheld.iter().filter_map(Value::as_str).enumerate() {
                            @if i > 0 { ", " } (prequal_text::field(lang, path))
                        }
                    }
                }
                dt { (w(lang, "desk-model")) }
                dd { (payload["model"]["version"].as_str().unwrap_or_default()) " " code.hash { (payload["model"]["sha256"].as_str().unwrap_or_default()) } }
                dt { (w(lang, "desk-catalog")) }
                dd { (payload["catalog"]["version"].as_str().unwrap_or_default()) " " code.hash { (payload["catalog"]["sha256"].as_str().unwrap_or_default()) } }
                dt { (w(lang, "desk-envelope")) }
                dd { code.hash { (app.envelope_sha256) } }
            }
        }
        section {
            h2 #h-asked { (w(lang, "desk-asked")) }
            ul {
                @for id in &item.products {
                    li { (product_name(lang, catalogs, id)) " " code { (id) } }
                }
            }
            @if let Some(amount) = disclosed.get("loan.amount_minor").and_then(Value::as_i64) {
                p { (w(lang, "desk-amount-asked")) " " (prequal_text::money(lang, amount)) }
            }
        }
        section {
            h2 #h-consent { (w(lang, "desk-consent")) }
            dl {
                dt { (w(lang, "desk-purpose")) }
                dd { (w(lang, &format!("desk-purpose-{}", payload["purpose"].as_str().unwrap_or("loan-application")))) }
                @if let Some(consents) = consent["consents"].as_array() {
                    dt { (w(lang, "desk-consents")) }
                    dd { ul.consents {
                        @for given in consents {
                            @let purpose = given["purpose"].as_str().unwrap_or_default();
                            li data-purpose=(purpose) {
                                (w(lang, &format!("desk-purpose-{purpose}")))
                                @if let Some(term) = given["term"].as_str() { " (" (w(lang, &format!("desk-term-{term}"))) ")" }
                            }
                        }
                    } }
                }
                dt { (w(lang, "desk-expires")) }
                dd { (local_time(payload["expires_at"].as_str().unwrap_or_default())) }
                dt { (w(lang, "desk-revoked")) }
                dd.revoked { @if let Some(at) = &item.revoked_at { (local_time(at)) } @else { (w(lang, "desk-no")) } }
                @if let Some(days) = consent["retention"]["days"].as_i64() {
                    dt { (w(lang, "desk-retention")) }
                    dd { (with(lang, "desk-retention-days", &[("days", days.into())])) }
                }
            }
        }
        section {
            h2 #h-fields { (w(lang, "desk-fields")) }
            (wrap(&w(lang, "desk-fields"), html! {
                table.fields {
                    thead { tr { th scope="col" { (w(lang, "desk-field")) } th scope="col" { (w(lang, "desk-value")) } } }
                    tbody {
                        @for (path, value) in &disclosed {
                            tr data-field=(path) {
                                th scope="row" { (prequal_text::field(lang, path)) }
                                td { (prequal_text::json::disclosed_value(lang, path, value)) }
                            }
                        }
                    }
                }
            }))
        }
        section #answers {
            h2 #h-answers { (w(lang, "desk-answers")) }
            @if answers.is_empty() {
                p { (w(lang, "desk-no-answers")) }
            } @else {
                ol.answers {
                    @for (row, verified) in &answers {
                        li data-status=(row.status) {
                            p { strong { (status_words(lang, &row.status)) } " · " (local_time(&row.created_at)) }
                            @if let Some(response) = verified {
                                @if let Some(message) = &response.message { p.message { (message) } }
                                @if response.status == Status::MoreInformation {
                                    p { (w(lang, "desk-fields-asked")) " "
                                        @for (i, path) in response.fields.iter().enumerate() { @if i > 0 { ", " } (prequal_text::field(lang, path)) }
                                    }
                                }
                                @if let Some(offer) = &response.offer { (offer_block(lang, catalogs, offer)) }
                                @if !response.reasons.is_empty() {
                                    ul { @for reason in &response.reasons { li { (prequal_text::decline_reason(lang, *reason)) } } }
                                }
                            } @else {
                                p.notice.error { (w(lang, "desk-answer-unverified")) }
                            }
                        }
                    }
                }
            }
        }
        @if standing == "offer" || app.outcome.is_some() {
            section #outcome {
                h2 #h-outcome { (w(lang, "desk-outcome")) }
                @if let Some((outcome, at, login)) = &app.outcome {
                    p.recorded-outcome data-outcome=(outcome) { (w(lang, &format!("desk-outcome-{}", outcome.replace('_', "-")))) " · " (local_time(at)) " · " (login) }
                }
                @if officer_acts && standing == "offer" {
                    form method="post" action={ "/desk/applications/" (item.bundle_id) "/outcome" } {
                        input type="hidden" name="csrf" value=(view.officer.csrf);
                        fieldset {
                            legend { (w(lang, "desk-record-outcome")) }
                            @for outcome in OUTCOMES {
                                label.choice { input type="radio" name="outcome" value=(outcome) required; " " (w(lang, &format!("desk-outcome-{}", outcome.replace('_', "-")))) }
                            }
                        }
                        button type="submit" { (w(lang, "desk-record")) }
                    }
                }
            }
        }
        @if officer_acts {
            section #act {
                h2 #h-act { (w(lang, "desk-act")) }
                @if revoked { p.notice role="status" { (w(lang, "desk-revoked-no-actions")) } }
                fieldset.actions disabled[revoked] {
                    legend.visually-hidden { (w(lang, "desk-act")) }
                    form #acknowledge method="post" action={ "/desk/applications/" (item.bundle_id) "/answer" } {
                        h3 { (w(lang, "desk-acknowledge")) }
                        input type="hidden" name="csrf" value=(view.officer.csrf);
                        input type="hidden" name="action" value="acknowledge";
                        label for="ack-message" { (w(lang, "desk-message")) }
                        textarea #ack-message name="message" maxlength="500" rows="2" { (view.typed("acknowledge", "message").unwrap_or_default()) }
                        button type="submit" { (w(lang, "desk-acknowledge")) }
                    }
                    form #more-information method="post" action={ "/desk/applications/" (item.bundle_id) "/answer" } {
                        h3 { (w(lang, "desk-ask-more")) }
                        input type="hidden" name="csrf" value=(view.officer.csrf);
                        input type="hidden" name="action" value="more_information";
                        fieldset {
                            legend { (w(lang, "desk-which-fields")) }
                            div.choices {
                                @for path in &not_disclosed {
                                    label.choice { input type="checkbox" name="field" value=(path) checked[view.ticked("more_information", "field", path)]; " " (prequal_text::field(lang, path)) }
                                }
                            }
                        }
                        label for="more-message" { (w(lang, "desk-message")) }
                        textarea #more-message name="message" maxlength="500" rows="2" { (view.typed("more_information", "message").unwrap_or_default()) }
                        button type="submit" { (w(lang, "desk-ask-more")) }
                    }
                    form #offer method="post" action={ "/desk/applications/" (item.bundle_id) "/answer" } {
                        h3 { (w(lang, "desk-make-offer")) }
                        input type="hidden" name="csrf" value=(view.officer.csrf);
                        input type="hidden" name="action" value="offer";
                        label for="offer-product" { (w(lang, "desk-product")) }
                        select #offer-product name="product" {
                            @for product in &products {
                                option value=(product.id) selected[view.typed("offer", "product") == Some(product.id.as_str())] { (label(lang, &product.name)) }
                            }
                        }
                        label for="offer-repayment" { (w(lang, "desk-offer-repayment")) }
                        select #offer-repayment name="repayment" {
                            @for repayment in repayment_types(&products) {
                                @let name = repayment_name(repayment);
                                option value=(name) selected[view.typed("offer", "repayment") == Some(name.as_str())] { (prequal_text::repayment(lang, repayment)) }
                            }
                        }
                        label for="offer-amount" { (w(lang, "desk-offer-amount-yuan")) }
                        input #offer-amount type="text" inputmode="decimal" name="amount" required value=(view.typed("offer", "amount").map(str::to_owned).unwrap_or_else(|| disclosed.get("loan.amount_minor").and_then(Value::as_i64).map(prequal::money::format_major_plain).unwrap_or_default()));
                        label for="offer-rate" { (w(lang, "desk-offer-rate-percent")) }
                        input #offer-rate type="text" inputmode="decimal" name="rate" required value=(view.typed("offer", "rate").unwrap_or_default());
                        label for="offer-term" { (w(lang, "desk-offer-term-months")) }
                        input #offer-term type="number" min="1" max="360" name="term" required value=(view.typed("offer", "term").map(str::to_owned).unwrap_or_else(|| disclosed.get("loan.term_months").and_then(Value::as_i64).map(|m| m.to_string()).unwrap_or_default()));
                        label for="offer-valid-until" { (w(lang, "desk-offer-valid-until")) }
                        input #offer-valid-until type="date" name="valid_until" required value=(view.typed("offer", "valid_until").unwrap_or(&valid_until));
                        label for="offer-message" { (w(lang, "desk-message")) }
                        textarea #offer-message name="message" maxlength="500" rows="2" { (view.typed("offer", "message").unwrap_or_default()) }
                        p.hint { (w(lang, "desk-offer-hint")) }
                        button type="submit" { (w(lang, "desk-make-offer")) }
                    }
                    form #decline method="post" action={ "/desk/applications/" (item.bundle_id) "/answer" } {
                        h3 { (w(lang, "desk-decline")) }
                        input type="hidden" name="csrf" value=(view.officer.csrf);
                        input type="hidden" name="action" value="decline";
                        fieldset {
                            legend { (w(lang, "desk-reasons")) }
                            @for reason in Reason::ALL {
                                label.choice { input type="checkbox" name="reason" value=(reason.name()) checked[view.ticked("decline", "reason", reason.name())]; " " (prequal_text::decline_reason(lang, *reason)) }
                            }
                        }
                        label for="decline-message" { (w(lang, "desk-message")) }
                        textarea #decline-message name="message" maxlength="500" rows="2" { (view.typed("decline", "message").unwrap_or_default()) }
                        button type="submit" { (w(lang, "desk-decline")) }
                    }
                }
            }
        }
    };
    layout(
        lang,
        &title,
        &format!("/desk/applications/{}", item.bundle_id),
        Some(view.officer),
        body,
    )
}

fn repayment_types(products: &[&Product]) -> Vec<RepaymentType> {
    let mut types: Vec<RepaymentType> = Vec::new();
    for product in products {
        for repayment in &product.repayment {
            if !types.contains(repayment) {
                types.push(*repayment);
            }
        }
    }
    types
}

fn repayment_name(repayment: RepaymentType) -> String {
    serde_json::to_value(repayment)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// The audit log, newest first.
pub fn audit(lang: Lang, officer: &Officer, entries: &[Entry]) -> Markup {
    let body = html! {
        h1 { (w(lang, "desk-audit")) }
        p.hint { (w(lang, "desk-audit-hint")) }
        (wrap(&w(lang, "desk-audit"), html! {
            table.audit {
                thead { tr {
                    th scope="col" { (w(lang, "desk-audit-at")) }
                    th scope="col" { (w(lang, "desk-audit-who")) }
                    th scope="col" { (w(lang, "desk-audit-what")) }
                    th scope="col" { (w(lang, "desk-audit-application")) }
                    th scope="col" { (w(lang, "desk-audit-detail")) }
                } }
                tbody {
                    @for entry in entries {
                        tr data-action=(entry.action) {
                            td { (local_time(&entry.at)) }
                            td { (entry.login) }
                            td { (w(lang, &format!("desk-action-{}", entry.action.replace('_', "-")))) }
                            td { @if let Some(id) = &entry.bundle_id { a href={ "/desk/applications/" (id) } { code { (id.get(..8).unwrap_or(id)) } } } }
                            td { code { (entry.detail) } }
                        }
                    }
                }
            }
        }))
        @if entries.len() == AUDIT_PAGE {
            @if let Some(last) = entries.last() {
                p { a rel="next" href={ "/desk/audit?before=" (last.at) } { (w(lang, "desk-older")) } }
            }
        }
    };
    layout(
        lang,
        &w(lang, "desk-audit"),
        "/desk/audit",
        Some(officer),
        body,
    )
}
