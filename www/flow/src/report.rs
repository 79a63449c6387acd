//! The print view: the pre-qualification report (grade, reasons, policy rules, every product
//! the merchant qualifies for) laid out for paper and PDF. The print style sheet hides
//! everything else on the page.

use std::rc::Rc;

use prequal::assess::Assessment;
use prequal::matching::{Matcher, Status};
use prequal_www::i18n::{self, Lang, Text};
use yew::prelude::*;

use crate::format::{self, label, money, money_range};
use crate::text::{t, T};
use crate::{Matching, Shared};

/// Properties of [`Report`].
#[derive(Properties, PartialEq)]
pub struct ReportProps {
    /// Language.
    pub lang: Lang,
    /// The assessment.
    pub assessment: Rc<Assessment>,
    /// The catalog and the merchant, when the catalog could be used.
    pub matching: Option<Shared<Matching>>,
    /// The filters in force (the host's lenders).
    pub query: prequal::matching::Query,
}

/// The report.
#[component]
pub fn Report(props: &ReportProps) -> Html {
    let (lang, a) = (props.lang, &props.assessment);
    let words = crate::format::text_lang(lang);
    let sep = i18n::text(lang, Text::LabelSeparator);
    let profile = props.matching.as_ref().map(|m| m.profile.profile().clone());
    let products = props.matching.as_ref().map(|m| {
        let report =
            Matcher::new(&m.catalog, &m.profile, m.standing).report(&props.query, 0, false);
        (
            report.catalog,
            report
                .products
                .into_iter()
                .filter(|p| p.status == Status::Eligible)
                .collect::<Vec<_>>(),
        )
    });
    // The range, as on the result screen (no model: the point, which cannot happen once the
    // result has been shown).
    let model = use_context::<crate::ModelRef>();
    let in_band = match &model {
        Some(model) => prequal_text::probability_in_band(words, model, a.probability_of_default),
        None => prequal_text::probability(words, a.probability_of_default),
    };
    let disclaimer = match &model {
        Some(model) => crate::text::disclaimer(lang, model),
        None => t(lang, T::Disclaimer),
    };
    html! {
        <article class="report">
            <p>{ t(lang, T::ReportDate) }{ sep }{ format::date(crate::host::now()) }</p>
            <p class="grade"><span>{ t(lang, T::Grade) }{ sep }</span><strong id="report-grade">{ a.grade.name() }</strong>
                { " · " }{ t(lang, T::ProbabilityOfDefault) }{ sep }{ in_band }</p>
            if let (false, Some(profile)) = (a.reasons.is_empty(), &profile) {
                <h3>{ t(lang, T::ReasonsHeading) }</h3>
                <ol class="reasons">{ for a.reasons.iter().map(|r| html! { <li>{ prequal_text::reason(words, r, profile) }</li> }) }</ol>
            }
            if !a.overlays.is_empty() {
                <h3>{ t(lang, T::PolicyHeading) }</h3>
                <ul class="overlays">{ for a.overlays.iter().map(|o| html! { <li>{ prequal_text::overlay(words, o) }</li> }) }</ul>
                <p>{ prequal_text::message(words, "statistical-grade", &[("grade", a.statistical_grade.name().into())]) }</p>
            }
            if let Some((catalog, eligible)) = products {
                <h3>{ t(lang, T::ReportProducts) }{ format!(" ({})", eligible.len()) }</h3>
                if eligible.is_empty() {
                    <p>{ t(lang, T::NoneEligible) }</p>
                } else {
                    <table class="report-products">
                        <thead><tr>
                            <th scope="col">{ t(lang, T::ProductColumn) }</th>
                            <th scope="col">{ t(lang, T::InstitutionColumn) }</th>
                            <th scope="col">{ t(lang, T::Amount) }</th>
                            <th scope="col">{ t(lang, T::Rate) }</th>
                            <th scope="col">{ t(lang, T::MonthlyPayment) }</th>
                            <th scope="col">{ t(lang, T::TotalCost) }</th>
                        </tr></thead>
                        <tbody>
                        { for eligible.iter().map(|p| html! {
                            <tr>
                                <th scope="row">{ label(lang, &p.name) }</th>
                                <td>{ label(lang, &p.institution_name) }</td>
                                <td>{ p.offer.map(|o| money_range(lang, o.amount_min_minor, o.amount_max_minor)).unwrap_or_default() }</td>
                                <td>{ p.offer.map(|o| format::rate_range(lang, o.rate_min_bp, o.rate_max_bp)).unwrap_or_default() }</td>
                                <td>{ p.disclosure.as_ref().map(|d| money(lang, d.first_payment_minor)).unwrap_or_default() }</td>
                                <td>{ p.disclosure.as_ref().map(|d| money(lang, d.cost_of_credit_minor)).unwrap_or_default() }</td>
                            </tr>
                        }) }
                        </tbody>
                    </table>
                    // The cost of each, item by item (贷款明白纸), as its product page shows it.
                    <h3>{ t(lang, T::CostItems) }</h3>
                    { for eligible.iter().filter_map(|p| p.disclosure.as_ref().map(|d| html! {
                        <section class="report-cost">
                            <h4>{ label(lang, &p.institution_name) }{ " · " }{ label(lang, &p.name) }</h4>
                            { crate::products::cost_list(lang, d) }
                        </section>
                    })) }
                }
                if catalog.sample {
                    <p class="hint">{ t(lang, T::CatalogNotice) }{ sep }{ label(lang, &catalog.notice) }</p>
                }
            }
            <p class="hint">{ disclaimer }</p>
            <p class="hint">{ t(lang, T::ModelId) }{ sep }<code>{ &a.model_id[..16] }</code></p>
        </article>
    }
}
