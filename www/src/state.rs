//! The form's state and its transitions, free of any view code (the yew todomvc pattern).
//!
//! The state keeps exactly the text the merchant typed, keyed by field path, so a wrong value
//! is never lost or rewritten; what the text means is always asked of the core.

use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

use prequal::profile::text_form::check_text_fields;
use prequal::profile::ValidProfile;
use prequal::{ProfileErrors, Rule};
use yew::Reducible;

use crate::i18n::Lang;

/// Everything the form shows.
#[derive(Debug, Clone, PartialEq)]
pub struct FormState {
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
}

impl FormState {
    /// A fresh form for a profile dated `today` (`YYYY-MM-DD`, from the browser's clock).
    pub fn new(today: &str, lang: Lang) -> Self {
        let fields = BTreeMap::from([("as_of".to_owned(), today.to_owned())]);
        let result = check_text_fields(&fields);
        Self {
            lang,
            fields,
            touched: BTreeSet::new(),
            checks: 0,
            result,
            what_if: BTreeMap::new(),
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
            Action::Check => self.checks += 1,
            Action::SetLang(lang) => self.lang = lang,
            Action::TryValue { key, value } => {
                self.what_if.insert(key, value);
            }
            Action::ResetTries => self.what_if.clear(),
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

    /// The problems to show on a field now: only once it was left or a check was asked for,
    /// so the merchant is not scolded for fields not reached yet.
    pub fn shown_errors(&self, key: &str) -> Vec<&Rule> {
        if self.checks == 0 && !self.touched.contains(key) {
            return Vec::new();
        }
        match &self.result {
            Ok(_) => Vec::new(),
            Err(errors) => errors.for_field(key).collect(),
        }
    }

    /// Every problem, once a check was asked for (for the summary at the top).
    pub fn summary(&self) -> &[prequal::FieldError] {
        match (&self.result, self.checks) {
            (Err(errors), 1..) => &errors.errors,
            _ => &[],
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
    fn errors_show_only_after_leaving_a_field_or_checking() {
        let mut state = FormState::new("2026-11-01", Lang::En);
        edit(&mut state, "business.employees", "-3");
        assert!(state.shown_errors("business.employees").is_empty());
        state.apply(Action::Leave("business.employees".into()));
        assert_eq!(state.shown_errors("business.employees"), [&Rule::Negative]);
        assert!(state.shown_errors("business.name").is_empty());
        state.apply(Action::Check);
        assert_eq!(state.shown_errors("business.name"), [&Rule::Required]);
    }

    #[test]
    fn what_if_values_are_tried_over_the_text_without_changing_it() {
        let (profile, mut state) = typed_sample("weak", Lang::En);
        let model = prequal::assess::Model::shipped();
        let before = model.assess(state.result.as_ref().expect("valid"));
        assert_eq!(state.what_if_result(), None);
        // Paying off every arrear the weak sample has lifts its one-grade policy reductions.
        for key in [
            "tax.arrears_minor",
            "utility.arrears_minor",
            "social_insurance.arrears_minor",
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
        let (profile, mut state) = typed_sample("strong", Lang::ZhCn);
        assert!(state.result.is_ok());
        edit(&mut state, "business.employees", "12 people");
        state.apply(Action::SetLang(Lang::En));
        assert_eq!(state.value("business.employees"), "12 people");
        assert!(state.result.is_err());
        edit(&mut state, "business.employees", "12");
        assert_eq!(state.result.as_ref().map(|v| v.profile()), Ok(&profile));
    }
}
