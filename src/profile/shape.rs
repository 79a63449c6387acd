//! The shape of a profile document, checked against [`FIELDS`] before serde reads it: every
//! missing field, unknown field and value of the wrong kind at once, each naming its field.
//! serde alone stops at the first, and a merchant whose exported file has four problems
//! should not have to find them one import at a time.

use serde_json::{Map, Value};

use super::fields::within;
use super::{FieldKind, FieldSpec, FIELDS};
use crate::error::{expected, FieldError, Rule, DOCUMENT};

/// Every structural problem of `document`, in the order of [`FIELDS`] (unknown fields where
/// they stand); empty when serde can read it as a profile.
pub fn problems(document: &Value) -> Vec<FieldError> {
    let Some(root) = document.as_object() else {
        return vec![wrong_type(DOCUMENT, expected::GROUP)];
    };
    let mut found = Vec::new();
    unknown_fields(root, "", &mut found);
    let mut missing_groups: Vec<&str> = Vec::new();
    for spec in FIELDS {
        if missing_groups.iter().any(|group| within(spec.path, group)) {
            continue;
        }
        match lookup(root, spec.path) {
            Lookup::Found(value) => check_value(spec, value, &mut found),
            Lookup::Missing if spec.optional => {}
            Lookup::Missing => found.push(FieldError::new(spec.path, Rule::Required)),
            // A whole group left out is one problem, not one per field in it.
            Lookup::MissingGroup(group) => {
                found.push(FieldError::new(group, Rule::Required));
                missing_groups.push(group);
            }
            // Reported once, where the group stands.
            Lookup::NotAGroup(group) => {
                if !missing_groups.contains(&group) {
                    found.push(wrong_type(group, expected::GROUP));
                    missing_groups.push(group);
                }
            }
        }
    }
    found
}

fn wrong_type(field: &str, expected: &str) -> FieldError {
    FieldError::new(
        field,
        Rule::WrongType {
            detail: expected.to_owned(),
        },
    )
}

enum Lookup<'a> {
    Found(&'a Value),
    Missing,
    /// The group (a prefix of the path) is absent.
    MissingGroup(&'static str),
    /// The group is there but is not an object.
    NotAGroup(&'static str),
}

fn lookup<'a>(root: &'a Map<String, Value>, path: &'static str) -> Lookup<'a> {
    let mut object = root;
    let mut end = 0;
    let mut parts = path.split('.').peekable();
    while let Some(part) = parts.next() {
        end += part.len();
        let value = object.get(part);
        if parts.peek().is_none() {
            return value.map_or(Lookup::Missing, Lookup::Found);
        }
        let group = &path[..end];
        match value {
            None => return Lookup::MissingGroup(group),
            Some(Value::Object(inner)) => object = inner,
            Some(_) => return Lookup::NotAGroup(group),
        }
        end += 1;
    }
    Lookup::Missing
}

/// Reports the members of `object` (at `prefix`) that the format does not have.
fn unknown_fields(object: &Map<String, Value>, prefix: &str, found: &mut Vec<FieldError>) {
    for (name, value) in object {
        let path = if prefix.is_empty() {
            name.clone()
        } else {
            format!("{prefix}.{name}")
        };
        if FieldSpec::find(&path).is_some_and(|spec| spec.path == path) {
            continue;
        }
        let is_group = FIELDS.iter().any(|spec| within(spec.path, &path));
        match value {
            Value::Object(inner) if is_group => unknown_fields(inner, &path, found),
            _ if is_group => {} // reported as not a group by the walk over FIELDS
            _ => found.push(FieldError::new(path, Rule::UnknownField)),
        }
    }
}

/// Whether `value` is of the kind `spec` holds.
fn check_value(spec: &FieldSpec, value: &Value, found: &mut Vec<FieldError>) {
    let is_whole = |value: &Value| value.as_i64().is_some();
    let mismatch = match (spec.kind, value) {
        // `null` stands for "not given" in an optional field that has no default value.
        (FieldKind::Flag, Value::Bool(_)) => None,
        (FieldKind::Flag, _) => Some(expected::YES_OR_NO),
        (_, Value::Null) if spec.optional => None,
        (FieldKind::Whole | FieldKind::Money, value) if is_whole(value) => None,
        (FieldKind::Whole | FieldKind::Money, _) => Some(expected::WHOLE_NUMBER),
        (FieldKind::MonthlyMoney, Value::Array(items)) => {
            for (index, item) in items.iter().enumerate() {
                if !is_whole(item) {
                    found.push(wrong_type(
                        &format!("{}[{index}]", spec.path),
                        expected::WHOLE_NUMBER,
                    ));
                }
            }
            None
        }
        (FieldKind::MonthlyMoney, _) => Some(expected::WHOLE_NUMBERS),
        (FieldKind::Date, Value::String(text)) => {
            if super::iso_date::parse(text).is_none() {
                found.push(FieldError::new(
                    spec.path,
                    Rule::BadFormat {
                        expected: expected::DATE,
                    },
                ));
            }
            None
        }
        (FieldKind::Date, _) => Some(expected::DATE),
        (FieldKind::Choice(options), Value::String(text)) if options.contains(&text.as_str()) => {
            None
        }
        (FieldKind::Choice(_), _) => Some(expected::CHOICE),
        (
            FieldKind::Text { .. }
            | FieldKind::IndustryCode
            | FieldKind::RegionCode
            | FieldKind::Fixed(_),
            Value::String(_),
        ) => None,
        (_, _) => Some(expected::TEXT),
    };
    if let Some(expected) = mismatch {
        found.push(wrong_type(spec.path, expected));
    }
}
