//! The form's views: welcome, the form's pages with their progress indicator, import and
//! draft, and the container of the result's screens. Small function components over
//! [`FormState`]; they render and forward events, and every decision about the data is the
//! core's.

use prequal::classification::{Province, INDUSTRIES};
use prequal::profile::text_form::{revenue_slot_key, REVENUE_SLOTS};
use prequal::profile::{FieldKind, FieldSpec, Section, FIELDS};
use prequal::Rule;
use web_sys::{HtmlElement, HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use std::rc::Rc;

use wasm_bindgen::JsCast;

use crate::bridge;
use crate::i18n::{self, Lang, Text};
use crate::state::{Action, FormState, Route, Step, PAGES};

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
#[derive(Properties, PartialEq, Clone)]
pub struct AppProps {
    /// Today's date, `YYYY-MM-DD`, from the host's clock.
    pub today: AttrValue,
    /// How the app is hosted.
    pub config: crate::Shared<crate::Config>,
    /// A language the host asked for, numbered so that asking twice for the same one counts.
    pub lang_request: (u32, Lang),
    /// The lenders the host limits products to (none: every lender in the catalog).
    pub institutions: Rc<Vec<String>>,
}

impl AppProps {
    /// Properties for a fresh app.
    pub fn new(today: String, config: crate::Config) -> AppProps {
        let lang = config.lang;
        AppProps {
            today: today.into(),
            config: crate::Shared::new(config),
            lang_request: (0, lang),
            institutions: Rc::new(Vec::new()),
        }
    }

    /// The same app with the host's language request.
    pub fn with_lang(&self, lang: Lang) -> AppProps {
        AppProps {
            lang_request: (self.lang_request.0 + 1, lang),
            ..self.clone()
        }
    }

    /// The same app limited to `institutions`.
    pub fn with_institutions(&self, institutions: Vec<String>) -> AppProps {
        AppProps {
            institutions: Rc::new(institutions),
            ..self.clone()
        }
    }
}

/// An element by id in the document or shadow root the app lives in.
fn by_id(config: &crate::Config, id: &str) -> Option<web_sys::Element> {
    let root = config.flow_root.get_root_node();
    if let Some(document) = root.dyn_ref::<web_sys::Document>() {
        document.get_element_by_id(id)
    } else {
        root.dyn_ref::<web_sys::DocumentFragment>()?
            .get_element_by_id(id)
    }
}

/// The whole page: welcome, the form's pages, and the result's screens' container.
#[component]
pub fn App(props: &AppProps) -> Html {
    let owns = props.config.owns_document;
    let state = use_reducer(|| {
        let mut state = FormState::new(&props.today, props.config.lang);
        // A reload, or Back into the app, comes back to the text and the place this tab had.
        // (Inside a host page's element the page and its history are the host's.)
        if owns {
            let (route, fields) = bridge::kept_place();
            if let Some(fields) = fields {
                state.apply(Action::Load(fields));
            }
            if let Some(route) = route.and_then(|f| Route::from_fragment(&f)) {
                state.apply(Action::Route(route));
            }
        }
        state
    });
    let summary_ref = use_node_ref();
    let lang = state.lang;
    let config = props.config.clone();
    {
        // Every step is a history entry (Back and Forward move between them), and the text is
        // kept for this tab as it is typed: one effect for both.
        let fragment = state.route().fragment();
        let listening = use_mut_ref(|| false);
        let dispatch = state.dispatcher();
        let (host, started) = (config.host.clone(), state.step != Step::Welcome);
        use_effect_with(
            (fragment, state.fields.clone()),
            move |(fragment, fields)| {
                // Once the merchant has started, what the result needs downloads while they
                // type (`preloadFlow` does its work once; later calls return at once).
                if started {
                    bridge::preload(&host);
                }
                if owns {
                    bridge::keep_place(fragment, fields);
                    if !listening.replace(true) {
                        bridge::on_place(move |fragment| {
                            if let Some(route) = Route::from_fragment(&fragment) {
                                dispatch.dispatch(Action::Route(route));
                            }
                        });
                    }
                }
            },
        );
    }

    {
        let (lang_tag, owns) = (lang.tag(), config.owns_document);
        use_effect_with(lang_tag, move |tag| {
            if owns {
                if let Some(root) = gloo_utils::document().document_element() {
                    let _ = root.set_attribute("lang", tag);
                }
                gloo_utils::document().set_title(i18n::text(lang, Text::Title));
            }
        });
    }
    {
        // The host's language requests (a command from the host page).
        let dispatch = state.dispatcher();
        use_effect_with(props.lang_request, move |(number, lang)| {
            if *number > 0 {
                dispatch.dispatch(Action::SetLang(*lang));
            }
        });
    }
    {
        let host = config.host.clone();
        use_effect_with((), move |_| bridge::emit(&host, "ready"));
    }
    {
        // After "Next" or "See my result", focus moves to the error summary, or to the new
        // page's heading, so keyboard and screen-reader users land on the outcome; after a
        // summary link, to the field it names (on whatever page).
        let summary_ref = summary_ref.clone();
        let focus_seen = use_mut_ref(|| 0_u32);
        let moment = (state.submits, state.page, state.step, state.focus.0);
        let (focus, problems) = (state.focus.clone(), !state.summary().is_empty());
        let config = config.clone();
        use_effect_with(moment, move |_| {
            let target = match focus {
                (request, Some(key)) if request > *focus_seen.borrow() => {
                    *focus_seen.borrow_mut() = request;
                    by_id(&config, &input_id(&key))
                }
                _ if problems => summary_ref.cast::<web_sys::Element>(),
                _ => by_id(&config, "step-title"),
            };
            if let Some(element) = target.and_then(|e| e.dyn_into::<HtmlElement>().ok()) {
                let _ = element.focus();
            }
        });
    }

    let dispatch = state.dispatcher();
    let switch_lang = {
        let dispatch = dispatch.clone();
        Callback::from(move |_| dispatch.dispatch(Action::SetLang(lang.other())))
    };
    let open_sent = {
        let dispatch = dispatch.clone();
        Callback::from(move |_| dispatch.dispatch(Action::OpenSent))
    };
    // Large text (适老化) is the page's: offered when the app owns it.
    let large_text = use_state(|| owns && bridge::large_text());
    let toggle_large_text = {
        let large_text = large_text.clone();
        Callback::from(move |_| large_text.set(bridge::toggle_large_text()))
    };

    html! {
        <>
        <header class="top">
            <h1>{ i18n::text(lang, Text::Title) }</h1>
            <nav class="tools" aria-label={i18n::text(lang, Text::ToolsLabel)}>
                if owns {
                    <button type="button" class="link" id="large-text" aria-pressed={large_text.to_string()}
                        onclick={toggle_large_text}>{ i18n::text(lang, Text::LargeText) }</button>
                }
                <button type="button" class="link" onclick={open_sent}>{ i18n::text(lang, Text::SentLink) }</button>
                <button type="button" class="lang" onclick={switch_lang}
                    aria-label={format!("{} {}", i18n::text(lang, Text::SwitchLanguage), lang.other().name())}
                    lang={lang.other().tag()}>
                    { lang.other().name() }
                </button>
            </nav>
        </header>
        <Progress state={state.clone()} />
        { match state.step {
            Step::Welcome => html! { <main><Welcome state={state.clone()} /></main> },
            Step::Form => html! { <main><FormPage state={state.clone()} summary_ref={summary_ref} /></main> },
            Step::Result | Step::Sent => html! {
                <FlowHost state={state.clone()} config={config.clone()} institutions={props.institutions.clone()} />
            },
        } }
        </>
    }
}

#[derive(Properties, PartialEq)]
struct StateProps {
    state: UseReducerHandle<FormState>,
}

/// Where the merchant is in the whole flow: the form's pages, then the result's screens.
#[component]
fn Progress(props: &StateProps) -> Html {
    let state = &props.state;
    let lang = state.lang;
    if state.step == Step::Welcome {
        return html! {};
    }
    let steps = [
        (Text::PageBusiness, "form-0"),
        (Text::PageMoney, "form-1"),
        (Text::PageRecords, "form-2"),
        (Text::PageDebts, "form-3"),
        (Text::StepResult, "result"),
        (Text::StepProducts, "products"),
        (Text::StepConsent, "consent"),
    ];
    let current = match state.step {
        Step::Form => format!("form-{}", state.page),
        // `product:<id>` is a step of the products, `consent:<id>` and what follows sending
        // (the receipt, the bundles sent) of the consent.
        _ => match state.flow_step.split(':').next() {
            Some("product") => "products".into(),
            Some("sent") => "consent".into(),
            Some(step) => step.into(),
            None => String::new(),
        },
    };
    let index = steps.iter().position(|(_, name)| *name == current);
    html! {
        <nav class="progress" aria-label={i18n::text(lang, Text::ProgressLabel)}>
            <ol>
            { for steps.iter().enumerate().map(|(i, (text, name))| {
                let here = *name == current;
                let class = classes!(here.then_some("current"), index.is_some_and(|at| i < at).then_some("done"));
                html! { <li {class} aria-current={here.then_some("step")}>{ i18n::text(lang, *text) }</li> }
            }) }
            </ol>
        </nav>
    }
}

/// What happens to the merchant's data, before anything is asked; a saved draft to continue.
#[component]
fn Welcome(props: &StateProps) -> Html {
    let lang = props.state.lang;
    let draft = use_state(bridge::load_draft);
    let dispatch = props.state.dispatcher();
    let start = {
        let dispatch = dispatch.clone();
        Callback::from(move |_| dispatch.dispatch(Action::Start))
    };
    let resume = {
        let (dispatch, draft) = (dispatch.clone(), draft.clone());
        Callback::from(move |_| {
            // The text, on the page it was kept on.
            if let Some(kept) = (*draft).clone() {
                dispatch.dispatch(Action::Load(kept.fields));
                dispatch.dispatch(Action::Route(Route::Form(kept.page)));
            }
        })
    };
    let forget = {
        let draft = draft.clone();
        Callback::from(move |_| {
            bridge::delete_draft();
            draft.set(None);
        })
    };
    html! {
        <section class="welcome" aria-labelledby="step-title">
            <h2 id="step-title" tabindex="-1">{ i18n::text(lang, Text::WelcomeHeading) }</h2>
            <p class="tagline">{ i18n::text(lang, Text::Tagline) }</p>
            <ul class="promises">
                <li>{ i18n::text(lang, Text::WelcomeLocal) }</li>
                <li>{ i18n::text(lang, Text::Privacy) }</li>
                <li>{ i18n::text(lang, Text::WelcomeDraft) }</li>
            </ul>
            <div class="actions">
                <button type="button" class="primary" id="start" onclick={start}>{ i18n::text(lang, Text::Start) }</button>
                if draft.is_some() {
                    <button type="button" id="resume" onclick={resume}>{ i18n::text(lang, Text::ContinueDraft) }</button>
                    <button type="button" id="forget" onclick={forget}>{ i18n::text(lang, Text::DeleteDraft) }</button>
                }
            </div>
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct FormProps {
    state: UseReducerHandle<FormState>,
    summary_ref: NodeRef,
}

/// One page of the form, with import, draft saving and the page buttons.
#[component]
fn FormPage(props: &FormProps) -> Html {
    let state = &props.state;
    let lang = state.lang;
    let status = use_state(|| None::<Text>);
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
    let last = state.page + 1 == PAGES.len();
    let on_submit = {
        let dispatch = dispatch.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            dispatch.dispatch(if last { Action::Check } else { Action::Next });
        })
    };
    let back = {
        let dispatch = dispatch.clone();
        Callback::from(move |_| dispatch.dispatch(Action::Back))
    };
    let save = {
        let (fields, page, status) = (state.fields.clone(), state.page, status.clone());
        Callback::from(move |_| {
            status.set(Some(if bridge::save_draft(&fields, page) {
                Text::DraftSaved
            } else {
                Text::DraftNotSaved
            }));
        })
    };
    html! {
        <>
        <Import state={state.clone()} />
        <form novalidate=true onsubmit={on_submit} aria-labelledby="step-title">
            <h2 id="step-title" tabindex="-1">
                { i18n::fill(i18n::text(lang, Text::PageOf), &[&(state.page + 1).to_string(), &PAGES.len().to_string()]) }
            </h2>
            <Summary state={state.clone()} node_ref={props.summary_ref.clone()} />
            { for PAGES[state.page].iter().map(|section| html! {
                <SectionFields section={*section} state={state.clone()}
                    on_edit={on_edit.clone()} on_leave={on_leave.clone()} />
            }) }
            <div class="actions">
                <button type="button" onclick={back}>{ i18n::text(lang, Text::Back) }</button>
                <button type="submit" class="primary" id="next">
                    { i18n::text(lang, if last { Text::Check } else { Text::Next }) }
                </button>
                <button type="button" id="save-draft" onclick={save}>{ i18n::text(lang, Text::SaveDraft) }</button>
            </div>
            if let Some(text) = *status { <p role="status" class="hint">{ i18n::text(lang, text) }</p> }
        </form>
        </>
    }
}

/// Import from a file: a profile JSON or a CSV of monthly figures, read in this browser by the
/// core (in the import module, fetched while the merchant picks the file). A refused file
/// changes nothing and lists every problem.
#[component]
fn Import(props: &StateProps) -> Html {
    let lang = props.state.lang;
    // `None` while a chosen file is being read.
    let outcome = use_state(|| Some(None::<bridge::Imported>));
    let on_change = {
        let (outcome, dispatch, as_of) = (
            outcome.clone(),
            props.state.dispatcher(),
            props.state.value("as_of").to_owned(),
        );
        Callback::from(move |event: Event| {
            let input: HtmlInputElement = event.target_unchecked_into();
            let Some(file) = input.files().and_then(|files| files.get(0)) else {
                return;
            };
            input.set_value("");
            outcome.set(None);
            let (outcome, dispatch, as_of) = (outcome.clone(), dispatch.clone(), as_of.clone());
            yew::platform::spawn_local(async move {
                let imported = bridge::import(&file, &as_of, lang).await;
                if let bridge::Imported::Fields { fields, .. } = &imported {
                    dispatch.dispatch(Action::Load(fields.clone()));
                }
                outcome.set(Some(Some(imported)));
            });
        })
    };
    html! {
        <section class="import" aria-labelledby="import-title">
            <h2 id="import-title" class="small-heading">{ i18n::text(lang, Text::ImportHeading) }</h2>
            <label for="import-file">{ i18n::text(lang, Text::ImportLabel) }</label>
            <input type="file" id="import-file" accept=".json,.csv,application/json,text/csv" onchange={on_change}
                onclick={|_| bridge::prepare_import()} aria-describedby="import-hint" />
            <p class="hint" id="import-hint">{ i18n::text(lang, Text::ImportHint) }</p>
            { match &*outcome {
                None => waiting(lang, Text::ReadingFile),
                Some(None) => html! {},
                Some(Some(bridge::Imported::Fields { rows, .. })) => html! {
                    <p role="status" class="valid">{ i18n::fill(i18n::text(lang, Text::Imported), &[&rows.to_string()]) }</p>
                },
                Some(Some(bridge::Imported::Problems { heading, problems })) => html! {
                    <div class="summary" role="alert">
                        <p>{ heading }</p>
                        <ul>{ for problems.iter().map(|p| html! { <li>{ p }</li> }) }</ul>
                    </div>
                },
            } }
        </section>
    }
}

/// What the app is waiting for, in words: `idle` says the app's own work; while the catalog
/// or the import module downloads, `www/js/flow.js` says that instead (so every wait says what
/// it waits for). The app module's own download is said by the page's loader, before the app
/// runs.
fn waiting(lang: Lang, idle: Text) -> Html {
    // Only a file being read can wait for the import module.
    let import = (idle == Text::ReadingFile).then(|| i18n::text(lang, Text::LoadingImport));
    html! {
        <p class="loading" role="status" data-prequal-wait=""
            data-catalog={i18n::text(lang, Text::LoadingCatalog)} data-import={import}>
            { i18n::text(lang, idle) }
        </p>
    }
}

/// Mounts the result's screens in the host's flow element (the page's `<main id="flow">`), a
/// sibling of the app's own root, not inside it: the two parts are separate Yew instances, and an instance handles the
/// events under its root by ids the other instance also uses, so nesting them would deliver a
/// click in one to a handler of the other. Until they are mounted this shows the loading state.
#[component]
fn FlowHost(props: &FlowHostProps) -> Html {
    let state = &props.state;
    let lang = state.lang;
    let handle = use_mut_ref(|| None::<bridge::Mounted>);
    let phase = use_state(|| FlowPhase::Loading);
    {
        let (handle, phase, dispatch) = (handle.clone(), phase.clone(), state.dispatcher());
        let fields = state.fields.clone();
        // The screen to open on: the one the route names (after a reload or Forward; a
        // product's page or consent by its id), or the result when the name is not one of the
        // result's screens.
        let start = match state.step {
            Step::Sent => "sent".to_owned(),
            _ => state.flow_step.clone(),
        };
        let (config, institutions) = (props.config.clone(), props.institutions.clone());
        use_effect_with(state.step, move |_| {
            let element = config.flow_root.clone();
            {
                let (handle, element) = (handle.clone(), element.clone());
                yew::platform::spawn_local(async move {
                    let target = bridge::Target {
                        element: &element,
                        host: &config.host,
                    };
                    match bridge::mount(target, &fields, lang, &start, &institutions, dispatch)
                        .await
                    {
                        Some(mounted) => {
                            *handle.borrow_mut() = Some(mounted);
                            let _ = element.remove_attribute("hidden");
                            phase.set(FlowPhase::Shown);
                        }
                        None => phase.set(FlowPhase::Failed),
                    }
                });
            }
            move || {
                if let Some(mounted) = handle.borrow_mut().take() {
                    mounted.destroy();
                }
                let _ = element.set_attribute("hidden", "");
            }
        });
    }
    {
        let handle = handle.clone();
        use_effect_with(lang, move |lang| {
            if let Some(mounted) = &*handle.borrow() {
                mounted.set_lang(*lang);
            }
        });
    }
    {
        // Back or Forward to another of its screens.
        let handle = handle.clone();
        use_effect_with(state.flow_show.clone(), move |(request, screen)| {
            if let (true, Some(mounted)) = (*request > 0, &*handle.borrow()) {
                mounted.show(screen);
            }
        });
    }
    {
        let handle = handle.clone();
        use_effect_with(props.institutions.clone(), move |institutions| {
            if let Some(mounted) = &*handle.borrow() {
                mounted.set_institutions(institutions);
            }
        });
    }
    match *phase {
        FlowPhase::Shown => html! {},
        FlowPhase::Loading => html! { <main>{ waiting(lang, Text::Loading) }</main> },
        FlowPhase::Failed => {
            html! { <main><p class="error" role="alert">{ i18n::text(lang, Text::LoadFailed) }</p></main> }
        }
    }
}

#[derive(Properties, PartialEq)]
struct FlowHostProps {
    state: UseReducerHandle<FormState>,
    config: crate::Shared<crate::Config>,
    institutions: Rc<Vec<String>>,
}

#[derive(Clone, Copy, PartialEq)]
enum FlowPhase {
    Loading,
    Shown,
    Failed,
}

#[derive(Properties, PartialEq)]
struct SummaryProps {
    state: UseReducerHandle<FormState>,
    node_ref: NodeRef,
}

/// The list of problems at the top of the form after a check, each linking to its field (on
/// whatever page it is).
#[component]
fn Summary(props: &SummaryProps) -> Html {
    let lang = props.state.lang;
    let problems = props.state.summary();
    let dispatch = props.state.dispatcher();
    if problems.is_empty() {
        return html! {};
    }
    html! {
        <div class="summary" role="alert" tabindex="-1" ref={props.node_ref.clone()} aria-labelledby="summary-title">
            <h2 id="summary-title">{ i18n::text(lang, Text::ProblemsHeading) }{ format!(" ({})", problems.len()) }</h2>
            <ul>
                { for problems.iter().map(|problem| {
                    let target = summary_target(&problem.field);
                    let href = format!("#{}", input_id(&target));
                    let onclick = {
                        let dispatch = dispatch.clone();
                        Callback::from(move |event: MouseEvent| {
                            event.prevent_default();
                            dispatch.dispatch(Action::ShowField(target.clone()));
                        })
                    };
                    html! {
                        <li><a {href} {onclick}>{ field_title(lang, &problem.field) }{ i18n::text(lang, Text::LabelSeparator) }{ i18n::rule(lang, &problem.rule) }</a></li>
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

/// The helper text under a field: units, formats, or what a typed code means. An amount the
/// core can read is said back ("= 50 万元" for "50万", "= ¥500000"), so the merchant sees
/// what was understood before moving on.
fn field_hint(lang: Lang, spec: &FieldSpec, value: &str) -> Option<String> {
    match spec.kind {
        FieldKind::Money => Some(match prequal::money::parse_major(value) {
            Ok(minor) => match lang {
                Lang::ZH_CN => format!("= {}", prequal::money::format_wan(minor)),
                _ => format!("= ¥{}", prequal::money::format_major_plain(minor)),
            },
            Err(_) => i18n::text(lang, Text::Yuan).to_owned(),
        }),
        FieldKind::RegionCode => Some(match Province::of_code(value.trim()) {
            Some(province) if value.trim().len() == 6 => match lang {
                Lang::ZH_CN => province.name_zh.to_owned(),
                _ => province.name_en.to_owned(),
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
                        Lang::ZH_CN => industry.name_zh,
                        _ => industry.name_en,
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

    #[derive(Properties, PartialEq)]
    struct EarlyProps {
        lang: Lang,
    }

    /// The form's first page as the app draws it, for [`early_form_is_current`]: the progress
    /// and the page, with no date yet (the page fills it in).
    #[component]
    fn EarlyForm(props: &EarlyProps) -> Html {
        let lang = props.lang;
        let state = use_reducer(|| {
            let mut state = FormState::new("", lang);
            state.apply(Action::Start);
            state
        });
        html! {
            <>
            <Progress state={state.clone()} />
            <main><FormPage state={state} summary_ref={NodeRef::default()} /></main>
            </>
        }
    }

    /// `www/prerendered/early-form.html` is the first page of the form exactly as the app renders
    /// it (in Chinese, the page's default language): `index.html` shows it when "开始" is
    /// pressed before the app has loaded, so the merchant types from the first paint, and
    /// `www/static/app.js` hands what was typed to the app when it starts. Rendered here with
    /// Yew's server renderer so the two cannot drift; `PREQUAL_BLESS=1` rewrites the file.
    #[test]
    fn early_form_is_current() {
        let rendered = futures::executor::block_on(
            yew::ServerRenderer::<EarlyForm>::with_props(|| EarlyProps { lang: Lang::ZH_CN })
                .hydratable(false)
                .render(),
        );
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/prerendered/early-form.html");
        let file = format!("{rendered}\n");
        if std::env::var_os("PREQUAL_BLESS").is_some() {
            std::fs::write(path, &file).expect("write early-form.html");
        }
        let kept = std::fs::read_to_string(path).unwrap_or_default();
        assert!(
            kept == file,
            "www/prerendered/early-form.html is not the form's first page as the app renders it (bless with PREQUAL_BLESS=1 after review)"
        );
    }

    #[test]
    fn slots_are_the_twelve_months_before_the_profile_date() {
        let months = month_names("2026-11-01");
        assert_eq!(months.first().map(String::as_str), Some("2025-11"));
        assert_eq!(months.last().map(String::as_str), Some("2026-10"));
        assert_eq!(month_names("2026-01-15")[11], "2025-12");
        assert_eq!(month_names("garbage")[0], "#1");
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
