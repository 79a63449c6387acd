//! The products screens: every product the merchant qualifies for, with amount, rate, monthly
//! payment and total cost, filters and order, the near misses with the one change that would
//! make them fit, and a product's page with its rules in words and a repayment schedule (chart
//! and table) for each repayment type it offers. Every decision is the core's `Matcher`.

use std::fmt::Write;

use prequal::catalog::{ProductKind, RepaymentType};
use prequal::matching::{Disclosure, ExplainedProduct, Matcher, Query, SortKey, Status};
use prequal::schedule::Schedule;
use prequal_www::i18n::{fill, Lang};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::charts::markup;
use crate::format::{self, escape, label, money, money_range, text_lang};
use crate::text::{t, T};
use crate::{Matching, Shared};

/// Products shown per group (eligible, near misses).
const SHOWN_PER_GROUP: usize = 30;

/// Properties of [`ProductList`].
#[derive(Properties, PartialEq)]
pub struct ListProps {
    /// Language.
    pub lang: Lang,
    /// The catalog and the merchant.
    pub matching: Shared<Matching>,
    /// Filters and order.
    pub query: Query,
    /// The lenders the host allows (none: every lender).
    pub allowed: Shared<Vec<String>>,
    /// New filters or order.
    pub on_query: Callback<Query>,
    /// Opens a product.
    pub on_details: Callback<String>,
    /// Starts the consent for a product.
    pub on_apply: Callback<String>,
}

/// The list of products.
#[component]
pub fn ProductList(props: &ListProps) -> Html {
    let lang = props.lang;
    let m = &props.matching;
    let matcher = Matcher::new(&m.catalog, &m.profile, m.standing).with_model(&m.model);
    let report = matcher.report(&props.query, SHOWN_PER_GROUP, false);
    let counts = fill(
        t(lang, T::Counts),
        &[
            &report.counts.eligible.to_string(),
            &report.counts.near_misses.to_string(),
            &report.counts.matched.to_string(),
        ],
    );
    let (eligible, near): (Vec<&ExplainedProduct>, Vec<&ExplainedProduct>) = report
        .products
        .iter()
        .partition(|p| p.status == Status::Eligible);
    let card = |p: &ExplainedProduct| {
        html! { <ProductCard {lang} product={Shared::new(p.clone())}
        on_details={props.on_details.clone()} on_apply={props.on_apply.clone()} /> }
    };
    html! {
        <>
            if report.catalog.sample {
                <p class="hint catalog-notice">{ t(lang, T::CatalogNotice) }{ ": " }{ label(lang, &report.catalog.notice) }</p>
            }
            <Filters {lang} matching={props.matching.clone()} query={props.query.clone()} allowed={props.allowed.clone()} on_query={props.on_query.clone()} />
            <p id="counts" role="status">{ counts }</p>
            if !report.first_steps.is_empty() {
                <section class="paths" aria-labelledby="paths-title">
                    <h3 id="paths-title">{ t(lang, T::PathsHeading) }</h3>
                    <ol class="stages">{ for report.first_steps.iter().take(4).map(|stage| html! {
                        <li class="stage">
                            <strong>{ prequal_text::steps(text_lang(lang), &stage.steps) }</strong>
                            <span class="effort">{ prequal_text::effort(text_lang(lang), stage.effort) }</span>
                            <span class="opens">{ if stage.opens > 0 {
                                fill(t(lang, T::StageOpens), &[&stage.opens.to_string(), &(stage.products - stage.opens).to_string()])
                            } else {
                                fill(t(lang, T::StageCloser), &[&stage.products.to_string()])
                            } }</span>
                        </li>
                    }) }</ol>
                </section>
            }
            <h3 id="eligible-title">{ t(lang, T::EligibleHeading) }</h3>
            if eligible.is_empty() {
                <p class="hint">{ t(lang, if near.is_empty() { T::NoneWithinReach } else { T::NoneEligible }) }</p>
            } else {
                <ul class="products eligible" aria-labelledby="eligible-title">{ for eligible.into_iter().map(card) }</ul>
            }
            if !near.is_empty() {
                <h3 id="near-title">{ t(lang, T::NearMissHeading) }</h3>
                <ul class="products near-misses" aria-labelledby="near-title">{ for near.into_iter().map(card) }</ul>
            }
        </>
    }
}

#[derive(Properties, PartialEq)]
struct FilterProps {
    lang: Lang,
    matching: Shared<Matching>,
    query: Query,
    allowed: Shared<Vec<String>>,
    on_query: Callback<Query>,
}

/// Kinds, lender and order.
#[component]
fn Filters(props: &FilterProps) -> Html {
    let lang = props.lang;
    let query = &props.query;
    let toggle_kind = |kind: ProductKind| {
        let (query, on_query) = (query.clone(), props.on_query.clone());
        Callback::from(move |event: Event| {
            let checked = event.target_unchecked_into::<HtmlInputElement>().checked();
            let mut next = query.clone();
            next.kinds.retain(|k| *k != kind);
            if checked {
                next.kinds.push(kind);
            }
            on_query.emit(next);
        })
    };
    let set_institution = {
        let (query, on_query) = (query.clone(), props.on_query.clone());
        Callback::from(move |event: Event| {
            let value = event.target_unchecked_into::<HtmlSelectElement>().value();
            let mut next = query.clone();
            next.institutions = if value.is_empty() {
                vec![]
            } else {
                vec![value]
            };
            on_query.emit(next);
        })
    };
    let set_sort = {
        let (query, on_query) = (query.clone(), props.on_query.clone());
        Callback::from(move |event: Event| {
            let mut next = query.clone();
            next.sort = match event
                .target_unchecked_into::<HtmlSelectElement>()
                .value()
                .as_str()
            {
                "rate" => SortKey::Rate,
                "amount" => SortKey::Amount,
                "term" => SortKey::Term,
                _ => SortKey::Cost,
            };
            on_query.emit(next);
        })
    };
    // One lender picked by the merchant, or all the host allows.
    let chosen = match query.institutions.as_slice() {
        [one] if props.allowed.len() != 1 || props.allowed.first() != Some(one) => one.clone(),
        _ => String::new(),
    };
    let allowed = &props.allowed;
    let sorts = [
        ("cost", SortKey::Cost, T::SortCost),
        ("rate", SortKey::Rate, T::SortRate),
        ("amount", SortKey::Amount, T::SortAmount),
        ("term", SortKey::Term, T::SortTerm),
    ];
    html! {
        <section class="filters" aria-labelledby="filters-title">
            <h3 id="filters-title">{ t(lang, T::FiltersHeading) }</h3>
            <fieldset class="kinds">
                <legend>{ t(lang, T::KindFilter) }</legend>
                { for ProductKind::ALL.iter().map(|kind| {
                    let id = format!("kind-{}", kind.name());
                    html! {
                        <span class="check">
                            <input type="checkbox" id={id.clone()} checked={query.kinds.contains(kind)} onchange={toggle_kind(*kind)} />
                            <label for={id}>{ format::kind(lang, *kind) }</label>
                        </span>
                    }
                }) }
            </fieldset>
            <div class="field">
                <label for="filter-institution">{ t(lang, T::InstitutionFilter) }</label>
                <select id="filter-institution" onchange={set_institution}>
                    <option value="" selected={chosen.is_empty()}>{ t(lang, T::AnyInstitution) }</option>
                    { for props.matching.catalog.catalog().institutions.iter()
                        .filter(|i| allowed.is_empty() || allowed.contains(&i.id))
                        .map(|i| html! {
                        <option value={i.id.clone()} selected={i.id == chosen}>{ label(lang, &i.name) }</option>
                    }) }
                </select>
            </div>
            <div class="field">
                <label for="filter-sort">{ t(lang, T::SortBy) }</label>
                <select id="filter-sort" onchange={set_sort}>
                    { for sorts.iter().map(|(value, key, text)| html! {
                        <option value={*value} selected={query.sort == *key}>{ t(lang, *text) }</option>
                    }) }
                </select>
            </div>
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct CardProps {
    lang: Lang,
    product: Shared<ExplainedProduct>,
    on_details: Callback<String>,
    on_apply: Callback<String>,
}

/// One product in the list.
#[component]
fn ProductCard(props: &CardProps) -> Html {
    let (lang, p) = (props.lang, &*props.product);
    let name = label(lang, &p.name).to_owned();
    let details = {
        let (cb, id) = (props.on_details.clone(), p.id.clone());
        Callback::from(move |_| cb.emit(id.clone()))
    };
    let apply = {
        let (cb, id) = (props.on_apply.clone(), p.id.clone());
        Callback::from(move |_| cb.emit(id.clone()))
    };
    html! {
        <li class="product" data-product={p.id.clone()}>
            <h4>{ &name }</h4>
            <p class="institution">{ label(lang, &p.institution_name) }{ " · " }{ format::kind(lang, p.kind) }
                if p.cost_rank == Some(1) { <span class="badge">{ t(lang, T::Cheapest) }</span> }</p>
            <OfferFacts {lang} product={props.product.clone()} />
            if let Some(path) = p.path.as_ref().filter(|_| p.status == Status::NearMiss) {
                <div class="change"><strong>{ t(lang, T::WhatToChange) }{ ": " }</strong>
                    <ol class="steps">{ for path.steps.iter().map(|step| html! {
                        <li>{ prequal_text::step(text_lang(lang), step) }
                            <span class="effort">{ " · " }{ prequal_text::effort(text_lang(lang), step.effort()) }</span></li>
                    }) }</ol></div>
            }
            <div class="actions">
                <button type="button" onclick={details} aria-label={fill(t(lang, T::DetailsOf), &[&name])}>{ t(lang, T::Details) }</button>
                if p.status == Status::Eligible {
                    <button type="button" class="primary apply" onclick={apply} aria-label={format!("{} — {name}", t(lang, T::Apply))}>{ t(lang, T::Apply) }</button>
                }
            </div>
        </li>
    }
}

#[derive(Properties, PartialEq)]
struct FactsProps {
    lang: Lang,
    product: Shared<ExplainedProduct>,
}

/// Amount, rate, term, and for eligible products the cost of the loan asked for.
#[component]
fn OfferFacts(props: &FactsProps) -> Html {
    let (lang, p) = (props.lang, &*props.product);
    let row =
        |term: T, value: String| html! { <div><dt>{ t(lang, term) }</dt><dd>{ value }</dd></div> };
    html! {
        <dl class="facts">
            if let Some(offer) = &p.offer {
                { row(T::Amount, money_range(lang, offer.amount_min_minor, offer.amount_max_minor)) }
                { row(T::Rate, format::rate_range(lang, offer.rate_min_bp, offer.rate_max_bp)) }
                { row(T::Term, format::months(lang, offer.term_min_months, offer.term_max_months)) }
            }
            if let Some(d) = &p.disclosure {
                { row(T::MonthlyPayment, money(lang, d.first_payment_minor)) }
                { row(T::TotalCost, money(lang, d.cost_of_credit_minor)) }
                { row(T::Apr, format::annual_rates(lang, d.effective_annual_rate, d.apr)) }
            }
            if let Some(odds) = p.odds {
                { row(T::Odds, format::odds(lang, odds).to_owned()) }
            }
        </dl>
    }
}

/// A loan's cost itemised, as the PBOC's 贷款明白纸 asks (the product page, the consent screen
/// and the printed report show the same list): each item with who charges it and when, what
/// the merchant actually receives with the annualised rate (单利 beside it), then each subsidy
/// with who pays it, how and on what conditions, and the cost once refunds come back.
pub fn cost_list(lang: Lang, d: &Disclosure) -> Html {
    let words = text_lang(lang);
    let sep = prequal_www::i18n::text(lang, prequal_www::i18n::Text::LabelSeparator);
    html! {
        <div class="cost-list">
            <ul class="cost-items">{ for d.cost_items.iter().map(|item| html! {
                <li>{ prequal_text::cost_item(words, item) }</li>
            }) }</ul>
            <p class="received">{ t(lang, T::AmountReceived) }{ sep }{ money(lang, d.amount_received_minor) }
                { " · " }{ t(lang, T::Apr) }{ sep }{ format::annual_rates(lang, d.effective_annual_rate, d.apr) }</p>
            if !d.subsidies.is_empty() {
                <ul class="subsidies">{ for d.subsidies.iter().map(|item| html! {
                    <li>{ prequal_text::subsidy(words, item) }</li>
                }) }</ul>
            }
            if d.cost_after_refunds_minor != d.cost_of_credit_minor {
                <p class="after-refunds">{ prequal_text::message(words, "cost-after-refunds", &[("amount", money(lang, d.cost_after_refunds_minor).into())]) }</p>
            }
        </div>
    }
}

/// Properties of [`ProductDetail`].
#[derive(Properties, PartialEq)]
pub struct DetailProps {
    /// Language.
    pub lang: Lang,
    /// The catalog and the merchant.
    pub matching: Shared<Matching>,
    /// The product's id.
    pub id: String,
    /// Starts the consent for it.
    pub on_apply: Callback<String>,
}

/// One product: its rules in words, its offer, and a schedule per repayment type.
#[component]
pub fn ProductDetail(props: &DetailProps) -> Html {
    let lang = props.lang;
    let m = &props.matching;
    let Some((index, product)) = m.catalog.product(&props.id) else {
        return html! {};
    };
    let matcher = Matcher::new(&m.catalog, &m.profile, m.standing).with_model(&m.model);
    let decided = matcher.decide(index);
    let explained = matcher.explain(&decided);
    let name = label(lang, &explained.name).to_owned();
    let apply = {
        let (cb, id) = (props.on_apply.clone(), props.id.clone());
        Callback::from(move |_| cb.emit(id.clone()))
    };
    let schedules: Vec<(RepaymentType, Schedule)> = match &decided.terms {
        Some(terms) => product
            .repayment
            .iter()
            .filter_map(|kind| {
                let mut terms = (**terms).clone();
                terms.repayment = kind.repayment(product);
                terms.grace_months = kind.grace_months(product);
                terms.schedule().ok().map(|s| (*kind, s))
            })
            .collect(),
        None => Vec::new(),
    };
    let asked = &m.profile.profile().loan;
    let loan_line = decided.terms.as_ref().map(|terms| {
        // The offer is for the loan asked for, or the nearest the product makes: say which.
        if terms.principal_minor == asked.amount_minor
            && i64::from(terms.term_months) == asked.term_months
        {
            fill(
                t(lang, T::ForYourLoan),
                &[
                    &money(lang, terms.principal_minor),
                    &terms.term_months.to_string(),
                ],
            )
        } else {
            fill(
                t(lang, T::AskedNearest),
                &[
                    &money(lang, asked.amount_minor),
                    &asked.term_months.to_string(),
                    &money(lang, terms.principal_minor),
                    &terms.term_months.to_string(),
                ],
            )
        }
    });
    html! {
        <article class="product-detail" aria-labelledby="product-title">
            <h3 id="product-title">{ &name }</h3>
            <p class="institution">{ label(lang, &explained.institution_name) }{ " · " }{ format::kind(lang, explained.kind) }</p>
            <p>{ label(lang, &product.description) }</p>
            if let Some(programme) = &product.programme {
                <p class="programme">
                    { fill(t(lang, T::ProgrammeScheme), &[&prequal_text::scheme(text_lang(lang), programme.scheme)]) }
                    if programme.guarantee_fee_bp > 0 {
                        { " · " }{ prequal_text::message(text_lang(lang), "programme-fee", &[("fee", prequal_text::rate_bp(i64::from(programme.guarantee_fee_bp)).into())]) }
                    }
                    if programme.interest_subsidy_bp > 0 {
                        { " · " }{ prequal_text::message(text_lang(lang), "programme-subsidy", &[("subsidy", prequal_text::rate_bp(i64::from(programme.interest_subsidy_bp)).into())]) }
                    }
                </p>
            }
            <OfferFacts {lang} product={Shared::new(explained.clone())} />
            <h4>{ t(lang, T::RulesHeading) }</h4>
            <ul class="rules">
                { for explained.rules.iter().map(|rule| html! {
                    <li class={if rule.passed { "passed" } else { "failed" }}>
                        <span class="mark">{ if rule.passed { "✓ " } else { "✗ " } }</span>
                        <span class="visually-hidden">{ t(lang, if rule.passed { T::Passed } else { T::Failed }) }{ ": " }</span>
                        { prequal_text::check(text_lang(lang), rule) }
                    </li>
                }) }
            </ul>
            if let Some(path) = &explained.path {
                <h4>{ t(lang, T::WhatToChange) }</h4>
                <ol class="steps" id="product-path">{ for path.steps.iter().map(|step| html! {
                    <li>{ prequal_text::step(text_lang(lang), step) }
                        <span class="effort">{ " · " }{ prequal_text::effort(text_lang(lang), step.effort()) }</span></li>
                }) }</ol>
            }
            <h4>{ t(lang, T::ScheduleHeading) }</h4>
            if let Some(line) = loan_line { <p>{ line }</p> }
            if let Some(d) = &explained.disclosure {
                <h5>{ t(lang, T::CostItems) }</h5>
                { cost_list(lang, d) }
            }
            if schedules.is_empty() {
                <p class="hint">{ t(lang, T::NoSchedule) }</p>
            }
            if product.grace_months > 0 && !schedules.is_empty() {
                <p id="grace">{ fill(t(lang, T::GraceMonths), &[&product.grace_months.to_string()]) }</p>
            }
            if product.renewal_without_repayment {
                <p id="renewal">{ t(lang, T::Renewal) }</p>
            }
            { for schedules.iter().enumerate().map(|(i, (kind, schedule))| {
                let title = fill(t(lang, T::ScheduleOf), &[&format::repayment(lang, *kind)]);
                html! {
                    <section class="schedule" aria-label={title.clone()}>
                        <h5>{ format::repayment(lang, *kind) }
                            if i == 0 { <span class="hint">{ " (" }{ t(lang, T::LenderDefault) }{ ")" }</span> }</h5>
                        { schedule_chart(lang, &title, schedule, i) }
                        <p>{ t(lang, T::TotalCost) }{ ": " }{ money(lang, schedule.cost_of_credit_minor) }
                            { " · " }{ t(lang, T::Apr) }{ ": " }{ format::annual_rates(lang, schedule.effective_annual_rate, schedule.apr) }</p>
                        <details>
                            <summary>{ t(lang, T::ShowTable) }</summary>
                            { schedule_table(lang, schedule) }
                        </details>
                    </section>
                }
            }) }
            if decided.status == Status::Eligible {
                <div class="actions">
                    <button type="button" class="primary apply" onclick={apply} aria-label={format!("{} — {name}", t(lang, T::Apply))}>{ t(lang, T::Apply) }</button>
                </div>
            }
        </article>
    }
}

/// Payments month by month as stacked bars: principal below, interest and fees above.
fn schedule_chart(lang: Lang, title: &str, schedule: &Schedule, n: usize) -> Html {
    let payments = &schedule.instalments;
    let largest = payments
        .iter()
        .map(|p| p.payment_minor)
        .max()
        .unwrap_or(1)
        .max(1);
    let (width, height) = (600.0_f64, 160.0_f64);
    let bar = width / payments.len().max(1) as f64;
    let description = fill(
        t(lang, T::ScheduleDescription),
        &[
            // Payments actually due (a quarterly or at-maturity loan has months with none).
            &payments
                .iter()
                .filter(|p| p.payment_minor > 0)
                .count()
                .to_string(),
            // The first payment due: a loan repaid at maturity has nothing before it.
            &money(lang, schedule.first_payment_due_minor()),
            &money(lang, largest),
            &money(lang, schedule.total_paid_minor),
        ],
    );
    let mut svg = format!(
        r#"<svg class="schedule-chart" viewBox="0 0 {width} {height}" role="img" aria-labelledby="sc-t{n} sc-d{n}" preserveAspectRatio="none"><title id="sc-t{n}">{}</title><desc id="sc-d{n}">{}</desc>"#,
        escape(title),
        escape(&description),
    );
    for (i, p) in payments.iter().enumerate() {
        let x = i as f64 * bar;
        let principal = p.principal_minor as f64 / largest as f64 * height;
        let cost = (p.interest_minor + p.fee_minor) as f64 / largest as f64 * height;
        let _ = write!(
            svg,
            r#"<rect class="principal" x="{x:.1}" y="{:.1}" width="{:.1}" height="{principal:.1}"/><rect class="interest" x="{x:.1}" y="{:.1}" width="{:.1}" height="{cost:.1}"/>"#,
            height - principal,
            (bar - 1.0).max(0.5),
            height - principal - cost,
            (bar - 1.0).max(0.5),
        );
    }
    svg.push_str("</svg>");
    markup(svg)
}

/// The schedule as a table.
pub(crate) fn schedule_table(lang: Lang, schedule: &Schedule) -> Html {
    let columns = [
        T::NumberColumn,
        T::MonthColumn,
        T::PrincipalColumn,
        T::InterestColumn,
        T::FeeColumn,
        T::PaymentColumn,
        T::BalanceColumn,
    ];
    html! {
        <table class="schedule-table">
            <thead><tr>{ for columns.iter().map(|c| html! { <th scope="col">{ t(lang, *c) }</th> }) }</tr></thead>
            <tbody>
                { for schedule.instalments.iter().map(|p| html! {
                    <tr>
                        <th scope="row">{ p.number }</th>
                        <td>{ p.calendar_month }</td>
                        <td>{ money(lang, p.principal_minor) }</td>
                        <td>{ money(lang, p.interest_minor) }</td>
                        <td>{ money(lang, p.fee_minor) }</td>
                        <td>{ money(lang, p.payment_minor) }</td>
                        <td>{ money(lang, p.balance_minor) }</td>
                    </tr>
                }) }
            </tbody>
        </table>
    }
}
