//! Reading a profile from text fields as a person types them: amounts in yuan with digit
//! groups, whole numbers, dates, choices. Any front end (the web form, a spreadsheet import)
//! keeps the raw text, so nothing typed is ever lost, and asks this module what it means.
//!
//! Keys are the field paths of [`FIELDS`], except the monthly revenue list, which a form shows
//! as twelve fixed slots, oldest first, keyed `revenue.monthly_minor[0]` … `[11]` (slot 11 is
//! the month before `as_of`). A business younger than a year fills only the latest slots;
//! blank slots before the first filled one are months before it opened. Errors on list entries
//! come back keyed by slot, so they land on the input that caused them.
//!
//! Every problem is reported at once: a field that cannot be read gets a neutral stand-in
//! value so the rest of the profile can still be checked, and rule errors that would only echo
//! the unreadable field are dropped.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Map, Value};

use super::{FieldKind, ValidProfile, FIELDS};
use crate::error::{FieldError, ProfileErrors, Rule};
use crate::money;

/// Number of revenue slots a form shows.
pub const REVENUE_SLOTS: usize = super::limits::REVENUE_MONTHS;

/// The form key of a revenue slot.
pub fn revenue_slot_key(slot: usize) -> String {
    format!("revenue.monthly_minor[{slot}]")
}

/// Reads and checks a profile from text fields keyed by path. Missing keys count as blank.
pub fn check_text_fields(fields: &BTreeMap<String, String>) -> Result<ValidProfile, ProfileErrors> {
    let text = |key: &str| fields.get(key).map_or("", |value| value.trim());
    let mut unreadable: Vec<FieldError> = Vec::new();
    let mut document = Map::new();
    let mut first_revenue_slot = REVENUE_SLOTS;

    for spec in FIELDS {
        let raw = text(spec.path);
        let value = match spec.kind {
            FieldKind::Fixed(value) => Some(Value::from(value)),
            FieldKind::Flag => Some(Value::Bool(matches!(raw, "true" | "on" | "yes" | "1"))),
            FieldKind::MonthlyMoney => {
                let (amounts, first, errors) = read_revenue_slots(&text);
                first_revenue_slot = first;
                unreadable.extend(errors);
                Some(Value::from(amounts))
            }
            _ if raw.is_empty() && spec.optional => None,
            _ if raw.is_empty() => {
                unreadable.push(FieldError::new(spec.path, Rule::Required));
                Some(stand_in(spec.kind))
            }
            FieldKind::Whole => Some(read(spec.path, money::parse_whole(raw), &mut unreadable)),
            FieldKind::Money => Some(read(spec.path, money::parse_major(raw), &mut unreadable)),
            FieldKind::Date if super::iso_date::parse(raw).is_none() => {
                unreadable.push(FieldError::new(
                    spec.path,
                    Rule::BadFormat {
                        expected: crate::error::expected::DATE,
                    },
                ));
                Some(stand_in(spec.kind))
            }
            FieldKind::Choice(options) if !options.contains(&raw) => {
                unreadable.push(FieldError::new(
                    spec.path,
                    Rule::WrongType {
                        detail: format!("expected one of: {}", options.join(", ")),
                    },
                ));
                Some(stand_in(spec.kind))
            }
            FieldKind::Text { .. }
            | FieldKind::Date
            | FieldKind::IndustryCode
            | FieldKind::RegionCode
            | FieldKind::Choice(_) => Some(Value::from(raw)),
        };
        if let Some(value) = value {
            insert_path(&mut document, spec.path, value);
        }
    }

    // Every value was typed above, so this cannot fail on input; a deserializer without
    // serde_json's messages keeps the first load small.
    let rule_errors =
        match super::quiet::from_value::<super::MerchantProfile>(Value::Object(document)) {
            Ok(profile) => match profile.validate() {
                Ok(valid) if unreadable.is_empty() => return Ok(valid),
                Ok(_) => Vec::new(),
                Err(errors) => errors.errors,
            },
            Err(_) => vec![FieldError::new(
                crate::error::DOCUMENT,
                Rule::WrongType {
                    detail: "the form's values do not make a profile".to_owned(),
                },
            )],
        };
    // Built by inserting, not `collect`: `BTreeSet::from_iter` sorts with the standard library's
    // stable sort, whose code the first-load module would otherwise carry for this alone.
    let mut unreadable_fields = BTreeSet::new();
    for error in &unreadable {
        unreadable_fields.insert(error.field.clone());
    }
    let echoes = |error: &FieldError| {
        unreadable_fields.contains(&error.field)
            || match &error.rule {
                Rule::Exceeds { other, .. } | Rule::AfterDate { other } => {
                    unreadable_fields.contains(other)
                }
                _ => false,
            }
    };
    let mut errors = unreadable;
    errors.extend(
        rule_errors
            .into_iter()
            .map(|error| to_slot_key(error, first_revenue_slot))
            .filter(|error| !echoes(error)),
    );
    // In form order, each field's problems in the order found: keyed by (position, arrival) in
    // a map, again without pulling a sort into the first load.
    let mut ordered = BTreeMap::new();
    for (arrival, error) in errors.into_iter().enumerate() {
        ordered.insert((field_order(&error.field), arrival), error);
    }
    Err(ProfileErrors {
        errors: ordered.into_values().collect(),
    })
}

/// The form's text for a profile, e.g. to edit an imported file. Inverse of
/// [`check_text_fields`] for valid profiles.
pub fn to_text_fields(profile: &super::MerchantProfile) -> BTreeMap<String, String> {
    let mut fields = BTreeMap::new();
    let Ok(value) = serde_json::to_value(profile) else {
        return fields;
    };
    for spec in FIELDS {
        let Some(field) = value.pointer(&format!("/{}", spec.path.replace('.', "/"))) else {
            continue;
        };
        match (spec.kind, field) {
            (FieldKind::MonthlyMoney, Value::Array(amounts)) => {
                let offset = REVENUE_SLOTS.saturating_sub(amounts.len());
                for (index, amount) in amounts.iter().enumerate() {
                    let text = amount.as_i64().map(money::format_major_plain);
                    fields.insert(revenue_slot_key(offset + index), text.unwrap_or_default());
                }
            }
            (FieldKind::Money, Value::Number(n)) => {
                let text = n.as_i64().map(money::format_major_plain);
                fields.insert(spec.path.to_owned(), text.unwrap_or_default());
            }
            (_, Value::String(s)) => {
                fields.insert(spec.path.to_owned(), s.clone());
            }
            (_, other) => {
                fields.insert(spec.path.to_owned(), other.to_string());
            }
        }
    }
    fields
}

/// Reads the twelve revenue slots: the amounts from the first filled slot on, that slot, and
/// the problems (a blank or unreadable slot after the first filled one).
fn read_revenue_slots<'t>(text: &impl Fn(&str) -> &'t str) -> (Vec<i64>, usize, Vec<FieldError>) {
    let slots: Vec<&str> = (0..REVENUE_SLOTS)
        .map(|slot| text(&revenue_slot_key(slot)))
        .collect();
    let first = slots
        .iter()
        .position(|s| !s.is_empty())
        .unwrap_or(REVENUE_SLOTS);
    let mut errors = Vec::new();
    let amounts = slots[first..]
        .iter()
        .enumerate()
        .map(|(index, raw)| {
            let key = revenue_slot_key(first + index);
            match money::parse_major(raw) {
                Ok(amount) => amount,
                Err(rule) => {
                    errors.push(FieldError::new(key, rule));
                    0
                }
            }
        })
        .collect();
    (amounts, first, errors)
}

fn read(path: &str, parsed: Result<i64, Rule>, unreadable: &mut Vec<FieldError>) -> Value {
    parsed.map_or_else(
        |rule| {
            unreadable.push(FieldError::new(path, rule));
            Value::from(0)
        },
        Value::from,
    )
}

/// A value of the right type that stands in for a blank or unreadable field.
fn stand_in(kind: FieldKind) -> Value {
    match kind {
        FieldKind::Whole | FieldKind::Money => Value::from(0),
        FieldKind::Date => Value::from("2000-01-01"),
        FieldKind::Choice(options) => Value::from(options.first().copied().unwrap_or_default()),
        FieldKind::IndustryCode => Value::from("01"),
        FieldKind::RegionCode => Value::from("110000"),
        FieldKind::Flag => Value::Bool(false),
        FieldKind::MonthlyMoney => Value::Array(Vec::new()),
        FieldKind::Text { .. } | FieldKind::Fixed(_) => Value::from(""),
    }
}

/// Maps a list-entry path (`revenue.monthly_minor[i]`) to its form slot.
fn to_slot_key(mut error: FieldError, first_slot: usize) -> FieldError {
    if let Some(index) = error
        .field
        .strip_prefix("revenue.monthly_minor[")
        .and_then(|rest| rest.strip_suffix(']'))
        .and_then(|index| index.parse::<usize>().ok())
    {
        error.field = revenue_slot_key(first_slot + index);
    }
    error
}

/// Position of a field in form order, so errors read top to bottom.
fn field_order(path: &str) -> (usize, String) {
    let base = path.split('[').next().unwrap_or(path);
    let position = FIELDS
        .iter()
        .position(|spec| spec.path == base)
        .unwrap_or(usize::MAX);
    (position, path.to_owned())
}

fn insert_path(document: &mut Map<String, Value>, path: &str, value: Value) {
    match path.split_once('.') {
        None => {
            document.insert(path.to_owned(), value);
        }
        Some((head, rest)) => {
            let child = document
                .entry(head.to_owned())
                .or_insert_with(|| Value::Object(Map::new()));
            if let Value::Object(child) = child {
                insert_path(child, rest, value);
            }
        }
    }
}
