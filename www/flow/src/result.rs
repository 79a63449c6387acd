//! The result screen: the grade, the probability of default, the reasons, the policy rules,
//! the two charts and the what-if sliders. Everything shown is the core's assessment; this view
//! only lays it out.

use std::rc::Rc;

use prequal::assess::Assessment;
use prequal_www::i18n::{self, Text};
use prequal_www::state::FormState;
use yew::prelude::*;

use crate::charts::{FactorChart, GradeGauge};
use crate::format::text_lang;
use crate::text::{t, T};
use crate::whatif::WhatIf;

/// Properties of [`RiskResult`].
#[derive(Properties, PartialEq)]
pub struct ResultProps {
    /// The core's assessment.
    pub assessment: Rc<Assessment>,
    /// The form's state (language, and the what-if values tried).
    pub state: UseReducerHandle<FormState>,
    /// The catalog and the merchant, once the catalog is loaded.
    #[prop_or_default]
    pub matching: Option<crate::Shared<crate::Matching>>,
}

/// The grade, the probability of default, the reasons, the policy rules, the charts, what-if.
#[component]
pub fn RiskResult(props: &ResultProps) -> Html {
    let (a, lang) = (&props.assessment, props.state.lang);
    let Some(model) = use_context::<crate::ModelRef>() else {
        return html! {};
    };
    let words = text_lang(lang);
    let sep = i18n::text(lang, Text::LabelSeparator);
    let profile = props
        .state
        .result
        .as_ref()
        .ok()
        .map(|valid| valid.profile());
    let shared_profile = profile.map(|p| Rc::new(p.clone()));
    html! {
        <>
            <p class="grade"><span>{ t(lang, T::Grade) }{ sep }</span>
                <strong id="grade">{ a.grade.name() }</strong></p>
            <p id="grade-sentence">{ prequal_text::grade_sentence(words, &model, a, None) }</p>
            <p>{ t(lang, T::ProbabilityOfDefault) }{ sep }
                <strong id="pd">{ prequal_text::probability_in_band(words, &model, a.probability_of_default) }</strong></p>
            // What the model was trained on, beside the figures rather than below the fold: the
            // range is about US loans until a portal retrains on its own outcomes.
            <p class="hint" id="model-caveat">{ crate::text::disclaimer(lang, &model) }</p>
            <GradeGauge assessment={props.assessment.clone()} {lang} />
            if let (false, Some(profile)) = (a.reasons.is_empty(), profile) {
                <h3>{ t(lang, T::ReasonsHeading) }</h3>
                <ol class="reasons">{ for a.reasons.iter().map(|r| html! { <li>{ prequal_text::reason(words, r, profile) }</li> }) }</ol>
            }
            if !a.overlays.is_empty() {
                <h3>{ t(lang, T::PolicyHeading) }</h3>
                <ul class="overlays">{ for a.overlays.iter().map(|o| html! { <li>{ prequal_text::overlay(words, o) }</li> }) }</ul>
                <p>{ prequal_text::message(words, "statistical-grade", &[("grade", a.statistical_grade.name().into())]) }</p>
            }
            <h3>{ t(lang, T::FactorsTitle) }</h3>
            <FactorChart assessment={props.assessment.clone()} {lang} profile={shared_profile} />
            <WhatIf state={props.state.clone()} assessment={props.assessment.clone()} matching={props.matching.clone()} />
            <p class="hint model-id">{ t(lang, T::ModelId) }{ sep }<code>{ &a.model_id[..16] }</code></p>
        </>
    }
}
