//! The form's state and its transitions, free of any view code (the yew todomvc pattern).
//!
//! The state keeps exactly the text the merchant typed, keyed by field path, so a wrong value
//! is never lost or rewritten; what the text means is always asked of the core.

use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

use prequal::profile::text_form::check_text_fields;
use prequal::profile::{FieldSpec, Section, ValidProfile};
use prequal::{ProfileErrors, Rule};
use yew::Reducible;

use crate::i18n::Lang;

/// The form's pages, each a few sections, in order.
pub const PAGES: [&[Section]; 4] = [
    &[
        Section::Document,
        Section::Business,
        Section::Location,
        Section::Owner,
    ],
    &[Section::Revenue, Section::Loan],
    &[Section::Tax, Section::Utility, Section::SocialInsurance],
    &[Section::Debts, Section::Security, Section::Court],
];

/// The page a field key (a path, or a revenue slot `revenue.monthly_minor[3]`) is on.
pub fn page_of(key: &str) -> usize {
    let path = key.split('[').next().unwrap_or(key);
    FieldSpec::find(path)
        .and_then(|spec| PAGES.iter().position(|page| page.contains(&spec.section)))
        .unwrap_or(0)
}

/// Where the merchant is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// What the app does with the data, before anything is asked.
    Welcome,
    /// A page of the form.
    Form,
    /// The result's screens from the result on.
    Result,
    /// The page of bundles sent.
    Sent,
}

const _: () = assert!(
    PAGES.len() == 4,
    "Route::from_fragment reads form-1 to form-4"
);

/// Where the merchant is, as one entry of the browser's history: Back and Forward move between
/// these, a reload returns to one, and the address's fragment names it (`#form-2`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// The welcome screen.
    Welcome,
    /// A page of the form (0-based).
    Form(usize),
    /// A screen of the result's screens, by the name it reports (`result`, `products`,
    /// `product:<id>`, `consent:<id>`, `sent`).
    Flow(String),
}

impl Route {
    /// The address fragment: `welcome`, `form-1` … `form-4`, or the screen's name.
    pub fn fragment(&self) -> String {
        match self {
            Route::Welcome => "welcome".into(),
            Route::Form(page) => format!("form-{}", page + 1),
            Route::Flow(name) => name.clone(),
        }
    }

    /// The route a fragment names, if any.
    pub fn from_fragment(fragment: &str) -> Option<Route> {
        let fragment = fragment.trim_start_matches('#');
        match fragment {
            "welcome" => Some(Route::Welcome),
            "result" | "products" | "sent" => Some(Route::Flow(fragment.into())),
            // A product's page or consent, by the product's id (the result's screens checks it).
            _ if fragment.starts_with("product:") || fragment.starts_with("consent:") => {
                Some(Route::Flow(fragment.into()))
            }
            // One digit, 1 to 4 (no number parser needed for this; the assertion
            // below keeps it true to PAGES).
            _ => match fragment.strip_prefix("form-")?.as_bytes() {
                [digit @ b'1'..=b'4'] => Some(Route::Form(usize::from(digit - b'1'))),
                _ => None,
            },
        }
    }
}

/// Everything the form shows.
#[derive(Debug, Clone, PartialEq)]
pub struct FormState {
    /// Where the merchant is.
    pub step: Step,
    /// The form page showing.
    pub page: usize,
    /// Pages the merchant tried to leave with "Next"; their errors show.
    pub attempted: BTreeSet<usize>,
    /// The field a summary link asked focus for, and how many such requests there were (so
    /// the view can tell a new request from an old one).
    pub focus: (u32, Option<String>),
    /// How many times the merchant pressed "Next" or asked for the result.
    pub submits: u32,
    /// The result's screen showing (`result`, `products`, `consent`, `sent`).
    pub flow_step: String,
    /// Display language.
    pub lang: Lang,
    /// Raw text per field key.
    pub fields: BTreeMap<String, String>,
    /// Fields the merchant has left at least once; their errors show from then on.
    pub touched: BTreeSet<String>,
    /// How many times the merchant asked for a check; every error shows after the first.
    pub checks: u32,
    /// The core's verdict on the current text.
    pub result: Result<ValidProfile, ProfileErrors>,
    /// What-if values (field key → text) tried over the merchant's own text, never in it.
    pub what_if: BTreeMap<String, String>,
    /// A request to the result's screens to show a screen (Back or Forward to it): a counter, so
    /// the same screen can be asked for twice, and its name.
    pub flow_show: (u32, String),
}

/// What the merchant can do.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Typed into a field.
    Edit {
        /// Field key.
        key: String,
        /// The field's whole new text.
        value: String,
    },
    /// Left a field.
    Leave(String),
    /// Pressed the check button.
    Check,
    /// Switched language.
    SetLang(Lang),
    /// Moved a what-if slider.
    TryValue {
        /// Field key.
        key: String,
        /// The value tried, as text.
        value: String,
    },
    /// Put the what-if sliders back.
    ResetTries,
    /// Left the welcome screen for the form.
    Start,
    /// Put a draft or an imported file's text into the form (keys not given are kept).
    Load(BTreeMap<String, String>),
    /// Asked for the next page: shows this page's problems, or moves on.
    Next,
    /// Went to the previous page (or the welcome screen from the first).
    Back,
    /// Followed a summary link to a field, on whatever page it is.
    ShowField(String),
    /// The result's screens report the screen showing.
    FlowStep(String),
    /// Opened the page of bundles sent.
    OpenSent,
    /// Came back from the result's screens to the form.
    BackToForm,
    /// The browser's Back or Forward, or an address, named a place.
    Route(Route),
}

impl FormState {
    /// A fresh form for a profile dated `today` (`YYYY-MM-DD`, from the browser's clock).
    pub fn new(today: &str, lang: Lang) -> Self {
        Self::with_fields(
            BTreeMap::from([("as_of".to_owned(), today.to_owned())]),
            lang,
        )
    }

    /// A form holding `fields` already (a restored draft, or the text handed to the result's
    /// screens), checked by the core.
    pub fn with_fields(fields: BTreeMap<String, String>, lang: Lang) -> Self {
        let result = check_text_fields(&fields);
        Self {
            step: Step::Welcome,
            page: 0,
            attempted: BTreeSet::new(),
            focus: (0, None),
            submits: 0,
            flow_step: String::new(),
            lang,
            fields,
            touched: BTreeSet::new(),
            checks: 0,
            result,
            what_if: BTreeMap::new(),
            flow_show: (0, String::new()),
        }
    }

    /// Where the merchant is now.
    pub fn route(&self) -> Route {
        match self.step {
            Step::Welcome => Route::Welcome,
            Step::Form => Route::Form(self.page),
            Step::Sent => Route::Flow("sent".into()),
            Step::Result if self.flow_step.is_empty() => Route::Flow("result".into()),
            Step::Result => Route::Flow(self.flow_step.clone()),
        }
    }

    /// Applies one action.
    pub fn apply(&mut self, action: Action) {
        match action {
            Action::Edit { key, value } => {
                self.fields.insert(key, value);
                self.result = check_text_fields(&self.fields);
            }
            Action::Leave(key) => {
                self.touched.insert(key);
            }
            Action::Check => {
                self.checks += 1;
                self.submits += 1;
                if self.result.is_ok() {
                    self.step = Step::Result;
                    self.flow_step = "result".into();
                }
            }
            Action::Start => self.step = Step::Form,
            Action::Load(fields) => {
                self.fields.extend(fields);
                self.result = check_text_fields(&self.fields);
            }
            Action::Next => {
                self.submits += 1;
                self.attempted.insert(self.page);
                if self.page_problems(self.page) == 0 && self.page + 1 < PAGES.len() {
                    self.page += 1;
                }
            }
            Action::Back => match self.page {
                0 => self.step = Step::Welcome,
                page => self.page = page - 1,
            },
            Action::ShowField(key) => {
                self.step = Step::Form;
                self.page = page_of(&key);
                self.focus = (self.focus.0 + 1, Some(key));
            }
            Action::FlowStep(name) => self.flow_step = name,
            Action::OpenSent => {
                self.step = Step::Sent;
                self.flow_step = "sent".into();
            }
            Action::BackToForm => {
                self.step = Step::Form;
                self.page = PAGES.len() - 1;
            }
            Action::SetLang(lang) => self.lang = lang,
            Action::TryValue { key, value } => {
                self.what_if.insert(key, value);
            }
            Action::ResetTries => self.what_if.clear(),
            Action::Route(route) => self.go(route),
        }
    }

    /// Goes where the browser's Back, Forward or an address says. Screens after the form need
    /// a form the core accepts: without one, the form stays open where it is.
    fn go(&mut self, route: Route) {
        match route {
            Route::Welcome => self.step = Step::Welcome,
            Route::Form(page) => {
                self.step = Step::Form;
                self.page = page.min(PAGES.len() - 1);
            }
            Route::Flow(name) if name == "sent" => {
                self.step = Step::Sent;
                self.flow_step = name;
            }
            Route::Flow(_) if self.result.is_err() => self.step = Step::Form,
            Route::Flow(name) => {
                if self.step == Step::Result {
                    // Already showing: ask the result's screens for the screen.
                    self.flow_show = (self.flow_show.0 + 1, name.clone());
                }
                self.step = Step::Result;
                self.flow_step = name;
            }
        }
    }

    /// The core's verdict on the merchant's text with the what-if values in place, once a
    /// slider has moved.
    pub fn what_if_result(&self) -> Option<Result<ValidProfile, ProfileErrors>> {
        if self.what_if.is_empty() {
            return None;
        }
        let mut fields = self.fields.clone();
        fields.extend(self.what_if.clone());
        Some(check_text_fields(&fields))
    }

    /// The text of a field.
    pub fn value(&self, key: &str) -> &str {
        self.fields.get(key).map_or("", String::as_str)
    }

    /// How many problems the core finds on a page.
    pub fn page_problems(&self, page: usize) -> usize {
        match &self.result {
            Ok(_) => 0,
            Err(errors) => errors
                .errors
                .iter()
                .filter(|e| page_of(&e.field) == page)
                .count(),
        }
    }

    /// The problems to show on a field now: only once it was left, its page was submitted or
    /// a check was asked for, so the merchant is not scolded for fields not reached yet.
    pub fn shown_errors(&self, key: &str) -> Vec<&Rule> {
        if self.checks == 0
            && !self.touched.contains(key)
            && !self.attempted.contains(&page_of(key))
        {
            return Vec::new();
        }
        match &self.result {
            Ok(_) => Vec::new(),
            Err(errors) => errors.for_field(key).collect(),
        }
    }

    /// The problems listed at the top: every one once a check was asked for, else this
    /// page's once the merchant tried to leave it.
    pub fn summary(&self) -> Vec<&prequal::FieldError> {
        match &self.result {
            Err(errors) if self.checks > 0 => errors.errors.iter().collect(),
            Err(errors) if self.attempted.contains(&self.page) => errors
                .errors
                .iter()
                .filter(|e| page_of(&e.field) == self.page)
                .collect(),
            _ => Vec::new(),
        }
    }
}

impl Reducible for FormState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        next.apply(action);
        Rc::new(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use prequal::profile::text_form::to_text_fields;

    fn edit(state: &mut FormState, key: &str, value: &str) {
        state.apply(Action::Edit {
            key: key.into(),
            value: value.into(),
        });
    }

    /// A sample profile and a form with its text typed in, field by field.
    fn typed_sample(name: &str, lang: Lang) -> (prequal::MerchantProfile, FormState) {
        let path = format!(
            "{}/../examples/profiles/{name}.json",
            env!("CARGO_MANIFEST_DIR")
        );
        let json = std::fs::read_to_string(path).expect("sample");
        let profile = prequal::profile::from_json(&json).expect("parses");
        let mut state = FormState::new("2026-11-01", lang);
        for (key, value) in to_text_fields(&profile) {
            edit(&mut state, &key, &value);
        }
        (profile, state)
    }

    #[test]
    fn routes_name_every_place_and_read_back() {
        for route in [
            Route::Welcome,
            Route::Form(0),
            Route::Form(3),
            Route::Flow("result".into()),
            Route::Flow("products".into()),
            Route::Flow("sent".into()),
            // A product's page and its consent are addresses too (reload, Back, a link).
            Route::Flow("product:p-0012".into()),
            Route::Flow("consent:p-0012".into()),
        ] {
            assert_eq!(Route::from_fragment(&route.fragment()), Some(route.clone()));
            assert_eq!(
                Route::from_fragment(&format!("#{}", route.fragment())),
                Some(route)
            );
        }
        for bad in ["form-0", "form-5", "form-x", "", "admin", "receipt:x"] {
            assert_eq!(Route::from_fragment(bad), None, "{bad}");
        }
    }

    /// Back and Forward through every step: the text stays, the place follows the route, and
    /// screens past the form need a form the core accepts.
    #[test]
    fn going_back_and_forward_keeps_the_text_and_checks_the_way_to_the_result() {
        let (_, mut state) = typed_sample("weak", Lang::ZH_CN);
        let typed = state.fields.clone();
        state.apply(Action::Start);
        state.apply(Action::Next);
        assert_eq!(state.route(), Route::Form(1));
        state.apply(Action::Route(Route::Form(0)));
        assert_eq!((state.step, state.page), (Step::Form, 0));
        state.apply(Action::Route(Route::Welcome));
        assert_eq!(state.route(), Route::Welcome);
        state.apply(Action::Route(Route::Form(1)));
        assert_eq!(state.route(), Route::Form(1));
        state.apply(Action::Check);
        assert_eq!(state.route(), Route::Flow("result".into()));
        state.apply(Action::FlowStep("products".into()));
        assert_eq!(state.route(), Route::Flow("products".into()));
        // Back to the result while the result's screens shows: it is asked to show it.
        state.apply(Action::Route(Route::Flow("result".into())));
        assert_eq!(state.flow_show, (1, "result".to_owned()));
        state.apply(Action::Route(Route::Form(3)));
        assert_eq!(state.route(), Route::Form(3));
        assert_eq!(state.fields, typed, "nothing typed is lost");
        // With a problem in the text, an address past the form keeps the form open.
        edit(&mut state, "business.employees", "-3");
        state.apply(Action::Route(Route::Flow("products".into())));
        assert_eq!(state.route(), Route::Form(3));
    }

    #[test]
    fn errors_show_only_after_leaving_a_field_or_checking() {
        let mut state = FormState::new("2026-11-01", Lang::EN);
        edit(&mut state, "business.employees", "-3");
        assert!(state.shown_errors("business.employees").is_empty());
        state.apply(Action::Leave("business.employees".into()));
        assert_eq!(state.shown_errors("business.employees"), [&Rule::Negative]);
        assert!(state.shown_errors("business.name").is_empty());
        state.apply(Action::Check);
        assert_eq!(state.shown_errors("business.name"), [&Rule::Required]);
    }

    #[test]
    fn next_stops_on_a_page_with_problems_and_shows_only_them() {
        let (_, mut state) = typed_sample("strong", Lang::EN);
        let employees = state.value("business.employees").to_owned();
        state.apply(Action::Start);
        edit(&mut state, "business.employees", "-1");
        edit(&mut state, "tax.arrears_minor", "x");
        state.apply(Action::Next);
        assert_eq!(state.page, 0, "stays on the page with a problem");
        let listed: Vec<&str> = state.summary().iter().map(|e| e.field.as_str()).collect();
        assert_eq!(listed, ["business.employees"]);
        assert!(state.shown_errors("tax.arrears_minor").is_empty());
        edit(&mut state, "business.employees", &employees);
        state.apply(Action::Next);
        assert_eq!(state.page, 1);
        // A summary link to a field on another page opens that page and focuses the field.
        state.apply(Action::Check);
        assert_eq!(state.step, Step::Form, "invalid: no result");
        state.apply(Action::ShowField("tax.arrears_minor".into()));
        assert_eq!(
            (state.page, state.focus.1.as_deref()),
            (2, Some("tax.arrears_minor"))
        );
        edit(&mut state, "tax.arrears_minor", "0");
        state.apply(Action::Check);
        assert_eq!(state.step, Step::Result);
        assert_eq!(page_of("revenue.monthly_minor[4]"), 1);
    }

    #[test]
    fn loading_a_draft_keeps_fields_it_does_not_name() {
        let mut state = FormState::new("2026-11-01", Lang::EN);
        edit(&mut state, "business.name", "Noodle bar");
        state.apply(Action::Load(BTreeMap::from([(
            "revenue.monthly_minor[11]".to_owned(),
            "12,000".to_owned(),
        )])));
        assert_eq!(state.value("business.name"), "Noodle bar");
        assert_eq!(state.value("revenue.monthly_minor[11]"), "12,000");
    }

    #[test]
    fn what_if_values_are_tried_over_the_text_without_changing_it() {
        let (profile, mut state) = typed_sample("weak", Lang::EN);
        let model = prequal::assess::Model::shipped();
        let before = model.assess(state.result.as_ref().expect("valid"));
        assert_eq!(state.what_if_result(), None);
        // Paying off every arrear the weak sample has, and its bills on time, lifts its
        // one-grade policy reductions.
        for key in [
            "tax.arrears_minor",
            "utility.arrears_minor",
            "social_insurance.arrears_minor",
            "utility.late_payments_last_12",
        ] {
            state.apply(Action::TryValue {
                key: key.into(),
                value: "0".into(),
            });
        }
        let after = model.assess(&state.what_if_result().expect("tried").expect("valid"));
        assert!(
            after.grade < before.grade,
            "{} → {}",
            before.grade,
            after.grade
        );
        assert_eq!(
            state.result.as_ref().map(|v| v.profile()),
            Ok(&profile),
            "text unchanged"
        );
        state.apply(Action::ResetTries);
        assert_eq!(state.what_if_result(), None);
    }

    #[test]
    fn a_bad_value_is_kept_verbatim_and_fixing_it_validates() {
        let (profile, mut state) = typed_sample("strong", Lang::ZH_CN);
        assert!(state.result.is_ok());
        edit(&mut state, "business.employees", "12 people");
        state.apply(Action::SetLang(Lang::EN));
        assert_eq!(state.value("business.employees"), "12 people");
        assert!(state.result.is_err());
        edit(&mut state, "business.employees", "12");
        assert_eq!(state.result.as_ref().map(|v| v.profile()), Ok(&profile));
    }
}
