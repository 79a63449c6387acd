//! The core's results as JSON with their words added, for the CLI and the JavaScript engine:
//! every member the core serialises, plus `text` (and the older `changes` and `fix`) in every
//! language, keyed `en`, `zh` (zh-CN) and, for further languages, their tag.

use prequal::assess::{Assessment, Model};
use prequal::matching::Report;
use prequal::profile::MerchantProfile;
use serde_json::{Map, Value};

use crate::Lang;

/// One text in every language: `{"en": …, "zh": …}`.
pub fn label(words: impl Fn(Lang) -> String) -> Value {
    let mut out = Map::new();
    for lang in Lang::all() {
        let key = match lang.tag() {
            "zh-CN" => "zh",
            tag => tag,
        };
        out.insert(key.to_owned(), Value::String(words(lang)));
    }
    Value::Object(out)
}

/// A match report with its words: each rule's `text` (and, for a failed rule, `fix`: the
/// product's path in words), each product's `changes` (its path's steps) and each step's
/// `text`, and the first steps' `text`.
pub fn report(report: &Report) -> Value {
    let mut value = serde_json::to_value(report).unwrap_or(Value::Null);
    let Some(products) = value.get_mut("products").and_then(Value::as_array_mut) else {
        return value;
    };
    for (product, explained) in products.iter_mut().zip(&report.products) {
        let path = explained.path.as_ref();
        let steps: Vec<Value> = path
            .map(|path| {
                path.steps
                    .iter()
                    .map(|step| label(|lang| crate::step(lang, step)))
                    .collect()
            })
            .unwrap_or_default();
        let fix = path.map(|path| label(|lang| crate::steps(lang, &path.steps)));
        if let Some(rules) = product.get_mut("rules").and_then(Value::as_array_mut) {
            for (rule, explanation) in rules.iter_mut().zip(&explained.rules) {
                if let Some(rule) = rule.as_object_mut() {
                    rule.insert("text".into(), label(|lang| crate::check(lang, explanation)));
                    if let (false, Some(fix)) = (explanation.passed, &fix) {
                        rule.insert("fix".into(), fix.clone());
                    }
                }
            }
        }
        if let Some(object) = product.as_object_mut() {
            if !steps.is_empty() {
                object.insert("changes".into(), Value::Array(steps.clone()));
            }
        }
        if let Some(path_steps) = product
            .pointer_mut("/path/steps")
            .and_then(Value::as_array_mut)
        {
            for (step, text) in path_steps.iter_mut().zip(steps) {
                if let Some(step) = step.as_object_mut() {
                    step.insert("text".into(), text);
                }
            }
        }
    }
    if let Some(first_steps) = value.get_mut("first_steps").and_then(Value::as_array_mut) {
        for (group, first) in first_steps.iter_mut().zip(&report.first_steps) {
            if let Some(group) = group.as_object_mut() {
                group.insert(
                    "text".into(),
                    label(|lang| crate::steps(lang, &first.steps)),
                );
            }
        }
    }
    value
}

/// An assessment with its words: the grade in a sentence, the PD in words, each reason's and
/// each overlay's `text`.
pub fn assessment(assessment: &Assessment, profile: &MerchantProfile, model: &Model) -> Value {
    let mut value = serde_json::to_value(assessment).unwrap_or(Value::Null);
    if let Some(object) = value.as_object_mut() {
        object.insert(
            "grade_text".into(),
            label(|lang| crate::grade_sentence(lang, model, assessment, None)),
        );
        object.insert(
            "probability_text".into(),
            label(|lang| {
                crate::probability_in_band(lang, model, assessment.probability_of_default)
            }),
        );
    }
    if let Some(reasons) = value.get_mut("reasons").and_then(Value::as_array_mut) {
        for (reason, contribution) in reasons.iter_mut().zip(&assessment.reasons) {
            if let Some(reason) = reason.as_object_mut() {
                reason.insert(
                    "text".into(),
                    label(|lang| crate::reason(lang, contribution, profile)),
                );
            }
        }
    }
    if let Some(overlays) = value.get_mut("overlays").and_then(Value::as_array_mut) {
        for (overlay, applied) in overlays.iter_mut().zip(&assessment.overlays) {
            if let Some(overlay) = overlay.as_object_mut() {
                overlay.insert("text".into(), label(|lang| crate::overlay(lang, applied)));
            }
        }
    }
    value
}

/// A disclosed value in words, as the merchant saw it on the consent screen: amounts in the
/// language's money format, choices and codes by name, yes or no, lists joined.
pub fn disclosed_value(lang: Lang, path: &str, value: &Value) -> String {
    use prequal::profile::{FieldKind, FieldSpec};
    let kind = FieldSpec::find(path).map(|spec| spec.kind);
    match value {
        Value::Array(items) => items
            .iter()
            .map(|item| disclosed_value(lang, path, item))
            .collect::<Vec<_>>()
            .join(", "),
        Value::Number(n) if path.ends_with("_minor") => crate::money(lang, n.as_i64().unwrap_or(0)),
        Value::Bool(b) => crate::say(lang, if *b { "yes" } else { "no" }),
        Value::String(s) => match kind {
            Some(FieldKind::Choice(_)) => crate::message(lang, &format!("option-{s}"), &[]),
            Some(FieldKind::IndustryCode) => format!("{} ({s})", crate::industry(lang, s)),
            Some(FieldKind::RegionCode) => format!("{} ({s})", crate::region(lang, s)),
            _ => s.clone(),
        },
        Value::Null => String::new(),
        other => other.to_string(),
    }
}
