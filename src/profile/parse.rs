//! Reading a profile from outside input (a JSON file, a form, a JavaScript object) into typed
//! data, with every failure turned into a [`FieldError`] that names the field.
//!
//! The input is read as a JSON value first and its shape checked against the field list
//! ([`super::shape`]): every missing field, unknown field and wrong kind of value is reported
//! at once, then the value rules in [`super::validate`] report every remaining problem.

use serde::{Deserialize, Deserializer};
use serde_json::Value;

use super::MerchantProfile;
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
    let value: Value = serde_json::from_str(text).map_err(|error| {
        let place = offset_of(text, error.line(), error.column())
            .map_or_else(|| DOCUMENT.to_owned(), |offset| place_at(&text[..offset]));
        ProfileErrors::from(FieldError::new(
            place,
            Rule::Syntax {
                detail: error.to_string(),
            },
        ))
    })?;
    from_value(value)
}

/// The byte offset of serde_json's 1-based line and column (a column counts bytes).
fn offset_of(text: &str, line: usize, column: usize) -> Option<usize> {
    let line_start = if line <= 1 {
        0
    } else {
        text.match_indices('\n').nth(line - 2)?.0 + 1
    };
    let offset = (line_start + column.saturating_sub(1)).min(text.len());
    // Back to a character boundary, in case the column points inside one.
    (0..=offset).rev().find(|&at| text.is_char_boundary(at))
}

/// The field being written where `before` ends: the keys of the objects still open, and the
/// index in a list field, as far as they name a place in the profile format; the document
/// itself otherwise. serde_json's line and column mean nothing to a merchant; the field does.
fn place_at(before: &str) -> String {
    /// One open container: an object with the key last read, or a list with its index.
    enum Open {
        Object(Option<String>),
        List(usize),
    }
    let mut open: Vec<Open> = Vec::new();
    let mut chars = before.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        match c {
            '{' => open.push(Open::Object(None)),
            '[' => open.push(Open::List(0)),
            '}' | ']' => {
                open.pop();
            }
            ',' => {
                if let Some(Open::List(index)) = open.last_mut() {
                    *index += 1;
                }
            }
            '"' => {
                let start = at + 1;
                let mut end = before.len();
                let mut escaped = false;
                for (at, c) in chars.by_ref() {
                    match c {
                        _ if escaped => escaped = false,
                        '\\' => escaped = true,
                        '"' => {
                            end = at;
                            break;
                        }
                        _ => {}
                    }
                }
                // A string directly followed by a colon is a key.
                let rest = before[end.min(before.len())..]
                    .trim_start_matches(['"', ' ', '\t', '\r', '\n']);
                if rest.starts_with(':') {
                    if let Some(Open::Object(key)) = open.last_mut() {
                        *key = Some(before[start..end].to_owned());
                    }
                }
            }
            _ => {}
        }
    }
    let mut path = String::new();
    for container in &open {
        let step = match container {
            Open::Object(Some(key)) if path.is_empty() => key.clone(),
            Open::Object(Some(key)) => format!("{path}.{key}"),
            Open::List(index) => format!("{path}[{index}]"),
            Open::Object(None) => break,
        };
        if !super::is_known_path(&step) {
            break;
        }
        path = step;
    }
    if path.is_empty() {
        DOCUMENT.to_owned()
    } else {
        path
    }
}

/// Parses a profile from an already-parsed JSON value (the web form assembles one field by
/// field; the engine gets one from JavaScript).
pub fn from_value(value: Value) -> Result<MerchantProfile, ProfileErrors> {
    let problems = super::shape::problems(&value);
    if !problems.is_empty() {
        return Err(ProfileErrors { errors: problems });
    }
    // The shape check covers what serde checks, so this fails only if the two disagree; the
    // quiet reader leaves serde_json's message machinery out of the browser's modules.
    super::quiet::from_value(value).map_err(|error| wrong_document(&error))
}

/// Parses a profile from any serde deserializer, through a JSON value (see [`from_value`]).
///
/// A deserializer that reads a struct by asking for its known field names, as
/// `serde_wasm_bindgen::Deserializer` does for a JavaScript object, would never show serde the
/// other fields; reading into a JSON value first sees every one, so a misspelt field is
/// reported, not dropped.
pub fn from_deserializer<'de, D>(deserializer: D) -> Result<MerchantProfile, ProfileErrors>
where
    D: Deserializer<'de>,
{
    let value = Value::deserialize(deserializer).map_err(|error| wrong_document(&error))?;
    from_value(value)
}

fn wrong_document(error: &impl std::fmt::Display) -> ProfileErrors {
    FieldError::new(
        DOCUMENT,
        Rule::WrongType {
            detail: error.to_string(),
        },
    )
    .into()
}
