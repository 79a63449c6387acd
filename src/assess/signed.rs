//! Reading a model artifact whose operator signature has verified, the way the browser does:
//! from a `serde_json::Value` (whose parser the browser's modules already carry for profiles)
//! by hand, reading only what scoring and the result screen use. serde's derived reader for the
//! whole artifact — flattened bins, internally tagged conditions and overlays, every
//! evaluation — costs the on-demand module about 40 KB gzip; this one a fraction of that.
//!
//! It is the second reader of one format, so `tests/scoring.rs` checks that it gives exactly
//! what [`super::Model::from_json`] gives (metrics aside) for the shipped artifact, and refuses
//! what that refuses in the members it reads. Its strictness is not the full reader's (unknown
//! members are ignored): it reads only artifacts an operator signed, and `prequal model sign`
//! signs only what the full reader accepts.

use serde_json::{Map, Value};

use crate::scorecard::{
    Bin, Calibration, Characteristic, Condition, Conversion, GradeBand, Interaction, Label,
    Metrics, Monotone, Overlay, OverlayCondition, OverlayEffect, PdRange, Scaling, Scorecard,
    Training,
};

/// Why a member could not be read: its path and what was expected.
type Read<T> = Result<T, String>;

fn object<'a>(value: &'a Value, path: &str) -> Read<&'a Map<String, Value>> {
    value
        .as_object()
        .ok_or_else(|| format!("{path}: expected an object"))
}

fn member<'a>(map: &'a Map<String, Value>, key: &str, path: &str) -> Read<&'a Value> {
    map.get(key).ok_or_else(|| format!("{path}.{key}: missing"))
}

fn text(map: &Map<String, Value>, key: &str, path: &str) -> Read<String> {
    member(map, key, path)?
        .as_str()
        .map(str::to_owned)
        .ok_or_else(|| format!("{path}.{key}: expected text"))
}

fn optional_text(map: &Map<String, Value>, key: &str, path: &str) -> Read<String> {
    match map.get(key) {
        None => Ok(String::new()),
        Some(_) => text(map, key, path),
    }
}

fn number(map: &Map<String, Value>, key: &str, path: &str) -> Read<f64> {
    member(map, key, path)?
        .as_f64()
        .ok_or_else(|| format!("{path}.{key}: expected a number"))
}

fn optional_number(map: &Map<String, Value>, key: &str, path: &str) -> Read<Option<f64>> {
    match map.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(_) => number(map, key, path).map(Some),
    }
}

fn whole(map: &Map<String, Value>, key: &str, path: &str) -> Read<i64> {
    member(map, key, path)?
        .as_i64()
        .ok_or_else(|| format!("{path}.{key}: expected a whole number"))
}

fn count(map: &Map<String, Value>, key: &str, path: &str) -> Read<u64> {
    member(map, key, path)?
        .as_u64()
        .ok_or_else(|| format!("{path}.{key}: expected a count"))
}

fn points(value: &Value, path: &str) -> Read<i32> {
    value
        .as_i64()
        .and_then(|p| i32::try_from(p).ok())
        .ok_or_else(|| format!("{path}: expected whole points"))
}

fn list<'a>(map: &'a Map<String, Value>, key: &str, path: &str) -> Read<&'a [Value]> {
    match map.get(key) {
        None => Ok(&[]),
        Some(value) => value
            .as_array()
            .map(Vec::as_slice)
            .ok_or_else(|| format!("{path}.{key}: expected a list")),
    }
}

/// Each item of the list at `key`, read by `each` with its path.
fn each<T>(
    map: &Map<String, Value>,
    key: &str,
    path: &str,
    read: impl Fn(&Value, &str) -> Read<T>,
) -> Read<Vec<T>> {
    list(map, key, path)?
        .iter()
        .enumerate()
        .map(|(i, item)| read(item, &format!("{path}.{key}[{i}]")))
        .collect()
}

fn label(map: &Map<String, Value>, key: &str, path: &str) -> Read<Label> {
    let path = format!("{path}.{key}");
    let label = object(member(map, key, "")?, &path)?;
    Ok(Label {
        en: text(label, "en", &path)?,
        zh: text(label, "zh", &path)?,
    })
}

fn bin(value: &Value, path: &str) -> Read<Bin> {
    let map = object(value, path)?;
    let condition = match text(map, "kind", path)?.as_str() {
        "range" => Condition::Range {
            lower: optional_number(map, "lower", path)?,
            upper: optional_number(map, "upper", path)?,
        },
        "categories" => Condition::Categories {
            values: each(map, "values", path, |v, p| {
                v.as_str()
                    .map(str::to_owned)
                    .ok_or_else(|| format!("{p}: expected text"))
            })?,
        },
        "other" => Condition::Other,
        other => {
            return Err(format!(
                "{path}.kind: `{other}` is not range, categories or other"
            ))
        }
    };
    Ok(Bin {
        condition,
        label: label(map, "label", path)?,
        points: points(member(map, "points", path)?, &format!("{path}.points"))?,
        woe: number(map, "woe", path)?,
        count: count(map, "count", path)?,
        bad_rate: number(map, "bad_rate", path)?,
    })
}

fn characteristic(value: &Value, path: &str) -> Read<Characteristic> {
    let map = object(value, path)?;
    let monotone = match map.get("monotone") {
        None | Some(Value::Null) => None,
        Some(_) => Some(match text(map, "monotone", path)?.as_str() {
            "increasing" => Monotone::Increasing,
            "decreasing" => Monotone::Decreasing,
            other => return Err(format!("{path}.monotone: `{other}` is not a direction")),
        }),
    };
    Ok(Characteristic {
        feature: text(map, "feature", path)?,
        label: label(map, "label", path)?,
        unit: optional_text(map, "unit", path)?,
        monotone,
        actionable: member(map, "actionable", path)?
            .as_bool()
            .ok_or_else(|| format!("{path}.actionable: expected true or false"))?,
        bins: each(map, "bins", path, bin)?,
    })
}

fn interaction(value: &Value, path: &str) -> Read<Interaction> {
    let map = object(value, path)?;
    let pair = each(map, "characteristics", path, |v, p| {
        v.as_u64()
            .and_then(|i| usize::try_from(i).ok())
            .ok_or_else(|| format!("{p}: expected a position"))
    })?;
    let [a, b] = pair[..] else {
        return Err(format!("{path}.characteristics: expected two positions"));
    };
    Ok(Interaction {
        characteristics: [a, b],
        points: each(map, "points", path, |row, p| {
            row.as_array()
                .ok_or_else(|| format!("{p}: expected a list"))?
                .iter()
                .enumerate()
                .map(|(j, cell)| points(cell, &format!("{p}[{j}]")))
                .collect()
        })?,
    })
}

fn overlay(value: &Value, path: &str) -> Read<Overlay> {
    let map = object(value, path)?;
    let when_path = format!("{path}.when");
    let when = object(member(map, "when", path)?, &when_path)?;
    let at_least = || whole(when, "at_least", &when_path);
    let when = match text(when, "fact", &when_path)?.as_str() {
        "tax_arrears" => OverlayCondition::TaxArrears,
        "tax_rating" => OverlayCondition::TaxRating {
            ratings: each(when, "ratings", &when_path, |v, p| {
                v.as_str()
                    .map(str::to_owned)
                    .ok_or_else(|| format!("{p}: expected text"))
            })?,
        },
        "late_power_bills" => OverlayCondition::LatePowerBills {
            at_least: at_least()?,
        },
        "power_arrears" => OverlayCondition::PowerArrears,
        "social_insurance_arrears" => OverlayCondition::SocialInsuranceArrears,
        "unsatisfied_judgements" => OverlayCondition::UnsatisfiedJudgements {
            at_least: at_least()?,
        },
        "black_list" => OverlayCondition::BlackList,
        other => {
            return Err(format!(
                "{when_path}.fact: `{other}` is not a fact overlays test"
            ))
        }
    };
    let effect_path = format!("{path}.effect");
    let effect = object(member(map, "effect", path)?, &effect_path)?;
    let effect = match text(effect, "effect", &effect_path)?.as_str() {
        "cap_at" => OverlayEffect::CapAt {
            grade: text(effect, "grade", &effect_path)?,
        },
        "lower_by" => OverlayEffect::LowerBy {
            grades: u8::try_from(whole(effect, "grades", &effect_path)?)
                .map_err(|_| format!("{effect_path}.grades: expected 0 to 255"))?,
        },
        other => return Err(format!("{effect_path}.effect: `{other}` is not an effect")),
    };
    Ok(Overlay {
        id: text(map, "id", path)?,
        when,
        effect,
        reason: label(map, "reason", path)?,
        basis: text(map, "basis", path)?,
    })
}

/// Reads the scoring part of an artifact (format, characteristics, interactions, calibration,
/// grades, conversion, overlays, the grades' PD ranges and the provenance), leaving the
/// evaluations and the training notes out.
pub(super) fn read(text_of_artifact: &str) -> Read<Scorecard> {
    let value: Value = serde_json::from_str(text_of_artifact).map_err(|_| "not JSON".to_owned())?;
    let root = object(&value, "$")?;
    let path = "$";
    let training = object(member(root, "training", path)?, "$.training")?;
    let scaling = object(member(root, "scaling", path)?, "$.scaling")?;
    let calibration = object(member(root, "calibration", path)?, "$.calibration")?;
    let conversion = object(member(root, "conversion", path)?, "$.conversion")?;
    let pd_ranges = match root.get("metrics") {
        Some(metrics) => each(
            object(metrics, "$.metrics")?,
            "pd_ranges",
            "$.metrics",
            |v, p| {
                let range = object(v, p)?;
                Ok(PdRange {
                    grade: text(range, "grade", p)?,
                    low: number(range, "low", p)?,
                    high: number(range, "high", p)?,
                })
            },
        )?,
        None => return Err("$.metrics: missing".to_owned()),
    };
    Ok(Scorecard {
        format: text(root, "format", path)?,
        name: text(root, "name", path)?,
        training: Training {
            source: text(training, "source", "$.training")?,
            data_sha256: text(training, "data_sha256", "$.training")?,
            rows: count(training, "rows", "$.training")?,
            bad_rate: number(training, "bad_rate", "$.training")?,
            seed: count(training, "seed", "$.training")?,
            learner: optional_text(training, "learner", "$.training")?,
            l2_alpha: optional_number(training, "l2_alpha", "$.training")?,
            from_profiles: match training.get("from_profiles") {
                None => false,
                Some(flag) => flag
                    .as_bool()
                    .ok_or("$.training.from_profiles: expected true or false")?,
            },
            notes: Vec::new(),
        },
        scaling: Scaling {
            base_score: number(scaling, "base_score", "$.scaling")?,
            base_odds: number(scaling, "base_odds", "$.scaling")?,
            pdo: number(scaling, "pdo", "$.scaling")?,
        },
        characteristics: each(root, "characteristics", path, characteristic)?,
        interactions: each(root, "interactions", path, interaction)?,
        calibration: Calibration {
            intercept: number(calibration, "intercept", "$.calibration")?,
            slope: number(calibration, "slope", "$.calibration")?,
        },
        grades: each(root, "grades", path, |v, p| {
            let band = object(v, p)?;
            Ok(GradeBand {
                grade: text(band, "grade", p)?,
                max_pd: number(band, "max_pd", p)?,
            })
        })?,
        conversion: Conversion {
            cny_per_usd: number(conversion, "cny_per_usd", "$.conversion")?,
        },
        overlays: each(root, "overlays", path, overlay)?,
        metrics: Metrics {
            evaluations: Vec::new(),
            compared: Vec::new(),
            pd_ranges,
        },
    })
}
