//! What-if: sliders over the things a merchant can change (arrears, unpaid judgements, late
//! bills, property already declared), each re-scored at once by the core from the merchant's
//! own text with the slider's value in place, beside the core's list of single steps in the
//! merchant's hands with the grade each reaches and the products it opens. Nothing here
//! estimates anything; the sliders only change the input.

use prequal::assess::Assessment;
use prequal::matching::{Matcher, Query};
use prequal::profile::MerchantProfile;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use prequal_www::i18n::{self, Lang, Text};

use crate::text::{t, T};
use crate::ModelRef;
use prequal_www::state::{Action, FormState};

/// A slider: the field it sets, its current value and its range (whole yuan or counts).
struct Slider {
    key: &'static str,
    now: i64,
    max: i64,
    step: i64,
    money: bool,
}

/// The sliders worth showing for this profile: what there is to pay off or settle, and
/// property pledged only for a merchant who already declares some (pledging property one does
/// not own is not a step to suggest).
fn sliders(profile: &MerchantProfile) -> Vec<Slider> {
    let yuan = |minor: i64| minor / 100;
    let security_now = yuan(profile.collateral.real_estate_value_minor);
    let mut list = Vec::new();
    if security_now > 0 {
        let security_max = (yuan(profile.loan.amount_minor) * 2).max(security_now);
        list.push(Slider {
            key: "collateral.real_estate_value_minor",
            now: security_now,
            max: security_max,
            step: (security_max / 100).max(1),
            money: true,
        });
    }
    let reducible: [(&'static str, i64, bool); 5] = [
        ("tax.arrears_minor", yuan(profile.tax.arrears_minor), true),
        (
            "utility.arrears_minor",
            yuan(profile.utility.arrears_minor),
            true,
        ),
        (
            "social_insurance.arrears_minor",
            yuan(profile.social_insurance.arrears_minor),
            true,
        ),
        (
            "court.unsatisfied_judgements",
            profile.court.unsatisfied_judgements,
            false,
        ),
        (
            "utility.late_payments_last_12",
            profile.utility.late_payments_last_12,
            false,
        ),
    ];
    list.extend(
        reducible
            .into_iter()
            .filter(|(_, now, _)| *now > 0)
            .map(|(key, now, money)| Slider {
                key,
                now,
                max: now,
                step: if money { (now / 100).max(1) } else { 1 },
                money,
            }),
    );
    list
}

/// Properties of [`WhatIf`].
#[derive(Properties, PartialEq)]
pub struct WhatIfProps {
    /// The form (its text, validated, and the values being tried).
    pub state: UseReducerHandle<FormState>,
    /// The assessment of the merchant's own text.
    pub assessment: std::rc::Rc<Assessment>,
    /// The catalog and the merchant, once the catalog is loaded: each step's products.
    #[prop_or_default]
    pub matching: Option<crate::Shared<crate::Matching>>,
}

/// The what-if panel.
#[component]
pub fn WhatIf(props: &WhatIfProps) -> Html {
    let state = &props.state;
    let lang = state.lang;
    let Ok(valid) = &state.result else {
        return html! {};
    };
    let Some(model) = use_context::<ModelRef>() else {
        return html! {};
    };
    let changed = state
        .what_if_result()
        .map(|result| result.map(|valid| model.assess(&valid)));
    let dispatch = state.dispatcher();
    let reset = {
        let dispatch = dispatch.clone();
        Callback::from(move |_| dispatch.dispatch(Action::ResetTries))
    };

    html! {
        <section class="what-if" aria-labelledby="what-if-title">
            <h3 id="what-if-title">{ t(lang, T::WhatIfHeading) }</h3>
            <p class="hint">{ t(lang, T::WhatIfHint) }</p>
            { for sliders(valid.profile()).into_iter().map(|slider| {
                let id = format!("what-if-{}", slider.key.replace('.', "-"));
                let value = state.what_if.get(slider.key).cloned().unwrap_or(slider.now.to_string());
                let on_input = {
                    let (dispatch, key) = (dispatch.clone(), slider.key);
                    Callback::from(move |event: InputEvent| {
                        let input: HtmlInputElement = event.target_unchecked_into();
                        dispatch.dispatch(Action::TryValue { key: key.to_owned(), value: input.value() });
                    })
                };
                let shown = if slider.money {
                    format!("{value} {}", i18n::text(lang, Text::Yuan))
                } else {
                    value.clone()
                };
                html! {
                    <div class="slider">
                        <label for={id.clone()}>{ i18n::label(lang, slider.key) }</label>
                        <input type="range" id={id.clone()} min="0" max={slider.max.to_string()}
                            step={slider.step.to_string()} {value} aria-valuetext={shown.clone()}
                            oninput={on_input} />
                        <output for={id}>{ shown }</output>
                    </div>
                }
            }) }
            <p class="what-if-outcome" role="status" aria-live="polite">
            { match &changed {
                None => html! { t(lang, T::WhatIfUnchanged) },
                Some(Ok(after)) => html! { <>
                    { t(lang, T::WhatIfWouldBe) }{ i18n::text(lang, Text::LabelSeparator) }
                    <strong id="what-if-grade">{ after.grade.name() }</strong>
                    { format!(" ({})", prequal_text::probability(crate::format::text_lang(lang), after.probability_of_default)) }
                </> },
                Some(Err(_)) => html! { t(lang, T::WhatIfInvalid) },
            } }
            </p>
            if changed.is_some() {
                <button type="button" onclick={reset}>{ t(lang, T::WhatIfReset) }</button>
            }
            if let Some(matching) = &props.matching {
                <Steps matching={matching.clone()} {lang} />
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct StepsProps {
    matching: crate::Shared<crate::Matching>,
    lang: Lang,
}

/// The core's sets of steps in the merchant's hands, easiest first: the grade each reaches and
/// how many more products it opens. Steps out of the merchant's hands are never listed.
#[component]
fn Steps(props: &StepsProps) -> Html {
    let (m, lang) = (&props.matching, props.lang);
    let words = crate::format::text_lang(lang);
    let matcher = Matcher::new(&m.catalog, &m.profile, m.standing).with_model(&m.model);
    let matches = matcher.run(&Query::default());
    let outcomes = matcher.what_if(&matches);
    if outcomes.is_empty() {
        return html! {};
    }
    html! {
        <>
            <h4>{ t(lang, T::ImprovementsHeading) }</h4>
            <ul class="improvements">
            { for outcomes.iter().take(6).map(|outcome| {
                let after = if outcome.opens > 0 {
                    i18n::fill(t(lang, T::StepOutcome), &[outcome.grade.name(), &outcome.opens.to_string()])
                } else {
                    i18n::fill(t(lang, T::StepOutcomeGrade), &[outcome.grade.name()])
                };
                html! { <li>
                    <strong>{ prequal_text::steps(words, &outcome.steps) }</strong>
                    <span class="effort">{ " · " }{ prequal_text::effort(words, outcome.effort) }</span>
                    { " → " }{ after }
                </li> }
            }) }
            </ul>
        </>
    }
}
