//! The views: small function components over [`FormState`]. They render and forward events;
//! every decision about the data is the core's.

use prequal::classification::{Province, INDUSTRIES};
use prequal::profile::text_form::{revenue_slot_key, REVENUE_SLOTS};
use prequal::profile::{FieldKind, FieldSpec, Section, FIELDS};
use prequal::Rule;
use web_sys::{HtmlElement, HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use std::rc::Rc;

use prequal::assess::{Assessment, Model};

use crate::charts::{FactorChart, GradeGauge};
use crate::i18n::{self, Lang, Text};
use crate::state::{Action, FormState};
use crate::whatif::WhatIf;

/// The `id` of a field's input: the key with `.`, `[` and `]` replaced so it needs no escaping
/// in CSS selectors or URL fragments.
pub fn input_id(key: &str) -> String {
    let id: String = key
        .chars()
        .filter(|c| *c != ']')
        .map(|c| if c == '.' || c == '[' { '-' } else { c })
        .collect();
    format!("f-{id}")
}

/// Properties of the root component.
#[derive(Properties, PartialEq)]
pub struct AppProps {
    /// Today's date, `YYYY-MM-DD`, from the host's clock.
    pub today: AttrValue,
}

/// The whole page.
#[component]
pub fn App(props: &AppProps) -> Html {
    let state = use_reducer(|| FormState::new(&props.today, Lang::default()));
    let summary_ref = use_node_ref();
    let status_ref = use_node_ref();
    let lang = state.lang;

    {
        let lang_tag = lang.tag();
        use_effect_with(lang_tag, move |tag| {
            if let Some(root) = gloo_utils::document().document_element() {
                let _ = root.set_attribute("lang", tag);
            }
            gloo_utils::document().set_title(i18n::text(lang, Text::Title));
        });
    }
    {
        // After a check, move focus to the summary (or the success message) so keyboard and
        // screen-reader users land on the outcome.
        let (summary_ref, status_ref) = (summary_ref.clone(), status_ref.clone());
        use_effect_with(state.checks, move |checks| {
            if *checks > 0 {
                let target = summary_ref.cast::<HtmlElement>().or(status_ref.cast());
                if let Some(element) = target {
                    let _ = element.focus();
                }
            }
        });
    }

    let dispatch = state.dispatcher();
    let on_edit = {
        let dispatch = dispatch.clone();
        Callback::from(move |(key, value): (String, String)| {
            dispatch.dispatch(Action::Edit { key, value })
        })
    };
    let on_leave = {
        let dispatch = dispatch.clone();
        Callback::from(move |key: String| dispatch.dispatch(Action::Leave(key)))
    };
    let on_submit = {
        let dispatch = dispatch.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            dispatch.dispatch(Action::Check);
        })
    };
    let switch_lang = {
        let dispatch = dispatch.clone();
        Callback::from(move |_| dispatch.dispatch(Action::SetLang(lang.other())))
    };

    html! {
        <>
        <header class="top">
            <h1>{ i18n::text(lang, Text::Title) }</h1>
            <button type="button" class="lang" onclick={switch_lang}
                aria-label={format!("{} {}", i18n::text(lang, Text::SwitchLanguage), lang.other().name())}
                lang={lang.other().tag()}>
                { lang.other().name() }
            </button>
        </header>
        <main>
            <p class="tagline">{ i18n::text(lang, Text::Tagline) }</p>
            <p class="privacy">{ i18n::text(lang, Text::Privacy) }</p>
            <form novalidate=true onsubmit={on_submit} aria-labelledby="form-title">
                <h2 id="form-title" class="visually-hidden">{ i18n::text(lang, Text::Check) }</h2>
                <Summary state={state.clone()} node_ref={summary_ref} />
                { for Section::ALL.iter().map(|section| html! {
                    <SectionFields section={*section} state={state.clone()}
                        on_edit={on_edit.clone()} on_leave={on_leave.clone()} />
                }) }
                <div class="actions">
                    <button type="submit" class="primary">{ i18n::text(lang, Text::Check) }</button>
                </div>
                if state.checks > 0 && state.result.is_ok() {
                    <p class="valid" role="status" tabindex="-1" ref={status_ref}>
                        { "✓ " }{ i18n::text(lang, Text::Valid) }
                    </p>
                }
            </form>
            if let (1.., Ok(valid)) = (state.checks, &state.result) {
                <RiskResult assessment={Rc::new(Model::shipped().assess(valid))} state={state.clone()} />
            }
        </main>
        </>
    }
}

#[derive(Properties, PartialEq)]
struct ResultProps {
    assessment: Rc<Assessment>,
    state: UseReducerHandle<FormState>,
}

/// The grade, the probability of default, the reasons and the policy rules. Everything shown is
/// the core's assessment; this view only lays it out.
#[component]
fn RiskResult(props: &ResultProps) -> Html {
    let (a, lang) = (&props.assessment, props.state.lang);
    let zh = lang == Lang::ZhCn;
    let pick = |label: &prequal::scorecard::Label| {
        if zh {
            label.zh.clone()
        } else {
            label.en.clone()
        }
    };
    html! {
        <section class="result" aria-labelledby="result-title">
            <h2 id="result-title">{ i18n::text(lang, Text::ResultHeading) }</h2>
            <p class="grade"><span>{ i18n::text(lang, Text::Grade) }{ i18n::text(lang, Text::LabelSeparator) }</span>
                <strong id="grade">{ &a.grade }</strong></p>
            <p>{ i18n::text(lang, Text::ProbabilityOfDefault) }{ i18n::text(lang, Text::LabelSeparator) }
                <strong id="pd">{ percent_one_decimal(a.probability_of_default) }</strong></p>
            <GradeGauge assessment={props.assessment.clone()} {lang} />
            if !a.reasons.is_empty() {
                <h3>{ i18n::text(lang, Text::ReasonsHeading) }</h3>
                <ol class="reasons">{ for a.reasons.iter().map(|r| html! { <li>{ r.text(zh) }</li> }) }</ol>
            }
            if !a.overlays.is_empty() {
                <h3>{ i18n::text(lang, Text::PolicyHeading) }</h3>
                <p class="hint">{ i18n::text(lang, Text::PolicyExplainer) }</p>
                <ul class="overlays">{ for a.overlays.iter().map(|o| html! { <li>{ pick(&o.reason) }</li> }) }</ul>
                <p>{ i18n::text(lang, Text::StatisticalGrade) }{ i18n::text(lang, Text::LabelSeparator) }{ &a.statistical_grade }</p>
            }
            <h3>{ i18n::text(lang, Text::FactorsTitle) }</h3>
            <FactorChart assessment={props.assessment.clone()} {lang} />
            <WhatIf state={props.state.clone()} assessment={props.assessment.clone()} />
            <p class="hint">{ i18n::text(lang, Text::Disclaimer) }</p>
            <p class="hint model-id">{ i18n::text(lang, Text::ModelId) }{ i18n::text(lang, Text::LabelSeparator) }<code>{ &a.model_id[..16] }</code></p>
        </section>
    }
}

/// `0.0307` → `"3.1 %"`. Integer arithmetic on purpose: formatting a float would pull the
/// whole float-to-decimal machinery (about 10 KB) into the bundle for one number.
pub fn percent_one_decimal(probability: f64) -> String {
    let tenths = (probability * 1000.0).round() as i64;
    format!("{}.{} %", tenths / 10, tenths % 10)
}

#[derive(Properties, PartialEq)]
struct SummaryProps {
    state: UseReducerHandle<FormState>,
    node_ref: NodeRef,
}

/// The list of problems at the top of the form after a check, each linking to its field.
#[component]
fn Summary(props: &SummaryProps) -> Html {
    let lang = props.state.lang;
    let problems = props.state.summary();
    if problems.is_empty() {
        return html! {};
    }
    html! {
        <div class="summary" role="alert" tabindex="-1" ref={props.node_ref.clone()} aria-labelledby="summary-title">
            <h2 id="summary-title">{ i18n::text(lang, Text::ProblemsHeading) }{ format!(" ({})", problems.len()) }</h2>
            <ul>
                { for problems.iter().map(|problem| {
                    let href = format!("#{}", input_id(&summary_target(&problem.field)));
                    html! {
                        <li><a {href}>{ field_title(lang, &problem.field) }{ i18n::text(lang, Text::LabelSeparator) }{ i18n::rule(lang, &problem.rule) }</a></li>
                    }
                }) }
            </ul>
        </div>
    }
}

/// The input a summary entry links to (a list's errors link to its first slot).
fn summary_target(field: &str) -> String {
    if field == "revenue.monthly_minor" {
        revenue_slot_key(0)
    } else {
        field.to_owned()
    }
}

/// A field's name for messages; revenue slots name their slot.
fn field_title(lang: Lang, field: &str) -> String {
    match field.strip_prefix("revenue.monthly_minor[") {
        Some(slot) => format!(
            "{} #{}",
            i18n::label(lang, "revenue.monthly_minor"),
            slot.trim_end_matches(']')
                .parse::<usize>()
                .map_or(0, |s| s + 1)
        ),
        None => i18n::label(lang, field).to_owned(),
    }
}

#[derive(Properties, PartialEq)]
struct SectionProps {
    section: Section,
    state: UseReducerHandle<FormState>,
    on_edit: Callback<(String, String)>,
    on_leave: Callback<String>,
}

/// One `<fieldset>` of the form.
#[component]
fn SectionFields(props: &SectionProps) -> Html {
    let lang = props.state.lang;
    let fields = FIELDS
        .iter()
        .filter(|spec| spec.section == props.section && !matches!(spec.kind, FieldKind::Fixed(_)));
    html! {
        <fieldset class="section">
            <legend>{ i18n::section(lang, props.section) }</legend>
            { for fields.map(|spec| html! {
                <FieldInput spec={*spec} state={props.state.clone()}
                    on_edit={props.on_edit.clone()} on_leave={props.on_leave.clone()} />
            }) }
        </fieldset>
    }
}

#[derive(Properties, PartialEq)]
struct FieldProps {
    spec: FieldSpec,
    state: UseReducerHandle<FormState>,
    on_edit: Callback<(String, String)>,
    on_leave: Callback<String>,
}

/// One labelled input, its hint and its errors.
#[component]
fn FieldInput(props: &FieldProps) -> Html {
    let FieldProps {
        spec,
        state,
        on_edit,
        on_leave,
    } = props;
    let lang = state.lang;
    if spec.kind == FieldKind::MonthlyMoney {
        return html! { <RevenueSlots state={state.clone()} on_edit={on_edit.clone()} on_leave={on_leave.clone()} /> };
    }
    let key = spec.path.to_owned();
    let id = input_id(&key);
    let errors = state.shown_errors(&key);
    let hint = field_hint(lang, spec, state.value(&key));
    let control = control(
        spec,
        &key,
        &id,
        state,
        on_edit,
        on_leave,
        &errors,
        hint.is_some(),
    );
    let label = html! {
        <label for={id.clone()}>
            { i18n::label(lang, spec.path) }
            if spec.optional { <span class="optional">{ format!(" ({})", i18n::text(lang, Text::Optional)) }</span> }
        </label>
    };
    html! {
        <div class={classes!("field", (spec.kind == FieldKind::Flag).then_some("flag"), (!errors.is_empty()).then_some("invalid"))}>
            if spec.kind == FieldKind::Flag { { control }{ label } } else { { label }{ control } }
            if let Some(hint) = hint { <p class="hint" id={format!("{id}-hint")}>{ hint }</p> }
            <Errors id={id.clone()} lang={lang} errors={errors.into_iter().cloned().collect::<Vec<_>>()} />
        </div>
    }
}

/// The helper text under a field: units, formats, or what a typed code means.
fn field_hint(lang: Lang, spec: &FieldSpec, value: &str) -> Option<String> {
    match spec.kind {
        FieldKind::Money => Some(i18n::text(lang, Text::Yuan).to_owned()),
        FieldKind::RegionCode => Some(match Province::of_code(value.trim()) {
            Some(province) if value.trim().len() == 6 => match lang {
                Lang::En => province.name_en.to_owned(),
                Lang::ZhCn => province.name_zh.to_owned(),
            },
            _ => i18n::text(lang, Text::RegionHint).to_owned(),
        }),
        _ => None,
    }
}

#[allow(clippy::too_many_arguments)] // one call site; the arguments are the field's context
fn control(
    spec: &FieldSpec,
    key: &str,
    id: &str,
    state: &FormState,
    on_edit: &Callback<(String, String)>,
    on_leave: &Callback<String>,
    errors: &[&Rule],
    has_hint: bool,
) -> Html {
    let lang = state.lang;
    let value = state.value(key).to_owned();
    let described = described_by(id, !errors.is_empty(), has_hint);
    let invalid = (!errors.is_empty()).then_some("true");
    let required = !spec.optional;
    let leave = {
        let (on_leave, key) = (on_leave.clone(), key.to_owned());
        Callback::from(move |_: FocusEvent| on_leave.emit(key.clone()))
    };
    let text_input = {
        let (on_edit, key) = (on_edit.clone(), key.to_owned());
        Callback::from(move |event: InputEvent| {
            let input: HtmlInputElement = event.target_unchecked_into();
            on_edit.emit((key.clone(), input.value()));
        })
    };
    let select_change = {
        let (on_edit, on_leave, key) = (on_edit.clone(), on_leave.clone(), key.to_owned());
        Callback::from(move |event: Event| {
            let select: HtmlSelectElement = event.target_unchecked_into();
            on_edit.emit((key.clone(), select.value()));
            on_leave.emit(key.clone());
        })
    };
    let options = |items: Vec<(String, String)>| -> Html {
        html! {
            <select id={id.to_owned()} name={key.to_owned()} onchange={select_change.clone()} onblur={leave.clone()}
                aria-invalid={invalid} aria-describedby={described.clone()} {required}>
                <option value="" selected={value.is_empty()}>{ i18n::text(lang, Text::Choose) }</option>
                { for items.into_iter().map(|(code, text)| {
                    let selected = code == value;
                    html! { <option value={code} {selected}>{ text }</option> }
                }) }
            </select>
        }
    };
    match spec.kind {
        FieldKind::Choice(choices) => options(
            choices
                .iter()
                .map(|c| ((*c).to_owned(), i18n::option(lang, c).to_owned()))
                .collect(),
        ),
        FieldKind::IndustryCode => options(
            INDUSTRIES
                .iter()
                .map(|industry| {
                    let name = match lang {
                        Lang::En => industry.name_en,
                        Lang::ZhCn => industry.name_zh,
                    };
                    (
                        industry.code.to_owned(),
                        format!("{} {name}", industry.code),
                    )
                })
                .collect(),
        ),
        FieldKind::Flag => {
            let checked = value == "true";
            let toggle = {
                let (on_edit, key) = (on_edit.clone(), key.to_owned());
                Callback::from(move |event: Event| {
                    let input: HtmlInputElement = event.target_unchecked_into();
                    on_edit.emit((key.clone(), input.checked().to_string()));
                })
            };
            html! { <input type="checkbox" id={id.to_owned()} name={key.to_owned()} {checked} onchange={toggle} /> }
        }
        _ => {
            // Numbers are typed into text inputs: `type="number"` would silently drop text it
            // cannot parse, and the merchant's input must never be lost.
            let (kind, mode, autocomplete) = match spec.kind {
                FieldKind::Date => ("date", None, "off"),
                FieldKind::Whole | FieldKind::RegionCode => ("text", Some("numeric"), "off"),
                FieldKind::Money => ("text", Some("decimal"), "off"),
                _ if key == "business.name" => ("text", None, "organization"),
                _ => ("text", None, "off"),
            };
            html! {
                <input type={kind} id={id.to_owned()} name={key.to_owned()} {value} inputmode={mode} {autocomplete}
                    oninput={text_input} onblur={leave} aria-invalid={invalid} aria-describedby={described} {required} />
            }
        }
    }
}

fn described_by(id: &str, has_errors: bool, has_hint: bool) -> Option<String> {
    let mut ids = Vec::new();
    if has_hint {
        ids.push(format!("{id}-hint"));
    }
    if has_errors {
        ids.push(format!("{id}-error"));
    }
    (!ids.is_empty()).then(|| ids.join(" "))
}

#[derive(Properties, PartialEq)]
struct ErrorsProps {
    id: String,
    lang: Lang,
    errors: Vec<Rule>,
}

/// The inline messages under a field.
#[component]
fn Errors(props: &ErrorsProps) -> Html {
    if props.errors.is_empty() {
        return html! {};
    }
    html! {
        <p class="error" id={format!("{}-error", props.id)}>
            { for props.errors.iter().map(|rule| html! { <span>{ i18n::rule(props.lang, rule) }</span> }) }
        </p>
    }
}

#[derive(Properties, PartialEq)]
struct RevenueProps {
    state: UseReducerHandle<FormState>,
    on_edit: Callback<(String, String)>,
    on_leave: Callback<String>,
}

/// Twelve amount inputs, one per calendar month, oldest first.
#[component]
fn RevenueSlots(props: &RevenueProps) -> Html {
    let state = &props.state;
    let lang = state.lang;
    let list_key = "revenue.monthly_minor";
    let list_errors: Vec<Rule> = state.shown_errors(list_key).into_iter().cloned().collect();
    let months = month_names(state.value("as_of"));
    html! {
        <fieldset class="revenue" aria-describedby="revenue-hint">
            <legend>{ i18n::label(lang, list_key) }</legend>
            <p class="hint" id="revenue-hint">{ i18n::text(lang, Text::RevenueHint) }</p>
            <Errors id={input_id(list_key)} lang={lang} errors={list_errors} />
            <div class="slots">
            { for (0..REVENUE_SLOTS).map(|slot| {
                let key = revenue_slot_key(slot);
                let id = input_id(&key);
                let errors = state.shown_errors(&key);
                let spec = FieldSpec { path: list_key, section: Section::Revenue, kind: FieldKind::Money, optional: true };
                let control = control(&spec, &key, &id, state, &props.on_edit, &props.on_leave, &errors, false);
                html! {
                    <div class={classes!("field", "slot", (!errors.is_empty()).then_some("invalid"))}>
                        <label for={id.clone()}>{ months[slot].clone() }</label>
                        { control }
                        <Errors id={id.clone()} lang={lang} errors={errors.into_iter().cloned().collect::<Vec<_>>()} />
                    </div>
                }
            }) }
            </div>
        </fieldset>
    }
}

/// The calendar month of each slot (`2025-11` … `2026-10` for a profile dated in November
/// 2026), or numbered slots while the date is not readable.
fn month_names(as_of: &str) -> Vec<String> {
    let parsed = as_of
        .get(..4)
        .and_then(|y| y.parse::<i32>().ok())
        .zip(as_of.get(5..7).and_then(|m| m.parse::<i32>().ok()))
        .filter(|(_, month)| (1..=12).contains(month));
    (0..REVENUE_SLOTS)
        .map(|slot| match parsed {
            Some((year, month)) => {
                let index = year * 12 + (month - 1) - (REVENUE_SLOTS - slot) as i32;
                format!("{}-{:02}", index.div_euclid(12), index.rem_euclid(12) + 1)
            }
            None => format!("#{}", slot + 1),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slots_are_the_twelve_months_before_the_profile_date() {
        let months = month_names("2026-11-01");
        assert_eq!(months.first().map(String::as_str), Some("2025-11"));
        assert_eq!(months.last().map(String::as_str), Some("2026-10"));
        assert_eq!(month_names("2026-01-15")[11], "2025-12");
        assert_eq!(month_names("garbage")[0], "#1");
    }

    #[test]
    fn percentages_have_one_decimal() {
        assert_eq!(percent_one_decimal(0.030_727), "3.1 %");
        assert_eq!(percent_one_decimal(0.28154), "28.2 %");
        assert_eq!(percent_one_decimal(0.0), "0.0 %");
        assert_eq!(percent_one_decimal(1.0), "100.0 %");
    }

    #[test]
    fn ids_need_no_escaping() {
        assert_eq!(input_id("business.name"), "f-business-name");
        assert_eq!(
            input_id("revenue.monthly_minor[3]"),
            "f-revenue-monthly_minor-3"
        );
    }
}
