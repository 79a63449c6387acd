//! Reading a profile from outside input (a JSON file, a form, a JavaScript object) into typed
//! data, with every failure turned into a [`FieldError`] that names the field.
//!
//! Structural problems (not JSON, wrong type, unknown or missing field) stop deserialisation at
//! the first one, as serde does; the value rules in [`super::validate`] then report every
//! remaining problem at once.

use serde::Deserializer;

use super::{is_known_path, FieldKind, FieldSpec, MerchantProfile};
use crate::error::{FieldError, ProfileErrors, Rule, DOCUMENT};

/// The largest profile document accepted, in bytes. A real profile is about 2 KB; anything far
/// larger is a mistake or an attack and is refused before parsing.
pub const MAX_DOCUMENT_BYTES: usize = 256 * 1024;

/// Parses a profile from JSON text. Does not check the value rules; call
/// [`MerchantProfile::validate`] next.
pub fn from_json(text: &str) -> Result<MerchantProfile, ProfileErrors> {
    if text.len() > MAX_DOCUMENT_BYTES {
        return Err(FieldError::new(
            DOCUMENT,
            Rule::TooLarge {
                max: MAX_DOCUMENT_BYTES as i64,
            },
        )
        .into());
    }
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let profile = serde_path_to_error::deserialize(&mut deserializer).map_err(|error| {
        let path = error.path().to_string();
        let inner = error.into_inner();
        let syntax = matches!(
            inner.classify(),
            serde_json::error::Category::Syntax | serde_json::error::Category::Eof
        );
        classify(&path, &inner.to_string(), syntax)
    })?;
    deserializer
        .end()
        .map_err(|error| classify(DOCUMENT, &error.to_string(), true))?;
    Ok(profile)
}

/// Parses a profile from an already-parsed JSON value (used by the web form, which assembles
/// the value field by field).
pub fn from_value(value: serde_json::Value) -> Result<MerchantProfile, ProfileErrors> {
    from_deserializer(value)
}

/// Parses a profile from any serde deserializer, naming the field of the first structural
/// problem.
///
/// A deserializer that reads a struct by asking for its known field names, as
/// `serde_wasm_bindgen::Deserializer` does for a JavaScript object, never shows serde the
/// other fields, so a misspelt field would be dropped silently: read such values into a
/// `serde_json::Value` first and use [`from_value`] (as `prequal-engine` does).
pub fn from_deserializer<'de, D>(deserializer: D) -> Result<MerchantProfile, ProfileErrors>
where
    D: Deserializer<'de>,
{
    serde_path_to_error::deserialize(deserializer).map_err(|error| {
        let path = error.path().to_string();
        classify(&path, &error.into_inner().to_string(), false)
    })
}

/// Turns a serde failure into a field error, naming the field itself where serde names only its
/// parent object (missing and unknown fields).
fn classify(path: &str, message: &str, syntax: bool) -> ProfileErrors {
    let parent = known_prefix(path);
    let parent = parent.as_str();
    let at = |field: &str| -> String {
        match (parent, field) {
            ("", "") => DOCUMENT.to_owned(),
            ("", field) => field.to_owned(),
            (parent, "") => parent.to_owned(),
            (parent, field) if parent.ends_with(field) => parent.to_owned(),
            (parent, field) => format!("{parent}.{field}"),
        }
    };
    let error = if syntax {
        FieldError::new(
            at(""),
            Rule::Syntax {
                detail: message.to_owned(),
            },
        )
    } else if let Some(field) = quoted_after(message, "missing field ") {
        FieldError::new(at(field), Rule::Required)
    } else if let Some(field) = quoted_after(message, "unknown field ") {
        FieldError::new(at(field), Rule::UnknownField)
    } else {
        FieldError::new(
            at(""),
            Rule::WrongType {
                detail: message.to_owned(),
            },
        )
    };
    error.into()
}

/// The longest leading part of a serde path that names a place in the profile format.
///
/// serde reports positions it cannot name as `?` (a non-string key) and happily reads a struct
/// written as a JSON array (`business[0]`); neither is a field a person can find, so the path is
/// cut before the first such segment ("" for the document itself).
fn known_prefix(path: &str) -> String {
    let mut known = String::new();
    for segment in path.split('.').filter(|s| !s.is_empty()) {
        let (name, index) = match segment.find('[') {
            Some(at) => segment.split_at(at),
            None => (segment, ""),
        };
        let candidate = if known.is_empty() {
            name.to_owned()
        } else {
            format!("{known}.{name}")
        };
        if name == "?" || name.is_empty() || !is_known_path(&candidate) {
            break;
        }
        known = candidate;
        let is_list = FieldSpec::find(&known)
            .is_some_and(|spec| matches!(spec.kind, FieldKind::MonthlyMoney));
        if !index.is_empty() {
            if is_list && !index[1..].contains('[') {
                known.push_str(index);
            }
            break;
        }
    }
    known
}

/// The text between the first pair of backticks after `prefix`, as serde writes field names.
fn quoted_after<'m>(message: &'m str, prefix: &str) -> Option<&'m str> {
    let rest = message.strip_prefix(prefix)?.strip_prefix('`')?;
    rest.split('`').next()
}
