//! Coarse classing: numbers into monotone bins, categories into frequent values plus "other",
//! and the weight of evidence of each bin.
//!
//! Numbers start from up to [`FINE_BINS`] quantile bins; when the feature is marked monotone,
//! adjacent bins are pooled (pool-adjacent-violators) until the bad rate moves one way only,
//! the direction being the one the data shows end to end. Bins smaller than [`MIN_SHARE`] of
//! the rows are then merged into a neighbour, so no bin rests on a handful of loans.

use prequal::scorecard::{find_bin, Condition, FeatureValue, Label};

use crate::data::Column;
use crate::schema::FeatureSpec;

/// Quantile bins a numeric feature starts from.
pub const FINE_BINS: usize = 20;
/// Smallest share of rows a final bin may hold.
pub const MIN_SHARE: f64 = 0.02;

/// One bin and its statistics on the training rows.
#[derive(Debug, Clone, PartialEq)]
pub struct BinStats {
    /// Which values it holds.
    pub condition: Condition,
    /// Rows.
    pub count: u64,
    /// Bad rows.
    pub bads: u64,
}

impl BinStats {
    /// Bad rate (0 for an empty bin).
    pub fn bad_rate(&self) -> f64 {
        if self.count == 0 {
            0.0
        } else {
            self.bads as f64 / self.count as f64
        }
    }
}

/// A binned feature.
#[derive(Debug, Clone)]
pub struct Binning {
    /// The bins, numbers in increasing order.
    pub bins: Vec<BinStats>,
    /// Weight of evidence per bin, ln(share of goods / share of bads), smoothed by half a row.
    pub woe: Vec<f64>,
}

impl Binning {
    /// The bin of a value (the same rule the core scores with).
    pub fn index(&self, value: &FeatureValue) -> usize {
        find_bin(self.bins.iter().map(|b| &b.condition), value).unwrap_or(0)
    }

    /// Labels for each bin, from the spec's category labels or the numeric bounds.
    pub fn labels(&self, spec: &FeatureSpec) -> Vec<Label> {
        self.bins
            .iter()
            .map(|bin| label(&bin.condition, spec))
            .collect()
    }
}

/// Bins a column against the outcome.
pub fn bin(column: &Column, bad: &[bool], spec: &FeatureSpec) -> Binning {
    let bins = match column {
        Column::Numeric(values) => numeric(values, bad, spec.monotone, FINE_BINS, MIN_SHARE),
        Column::Categorical(values) => categorical(values, bad, MIN_SHARE / 2.0),
    };
    let woe = weight_of_evidence(&bins);
    Binning { bins, woe }
}

/// Fine bins for a learner that fits a free shape per bin ([`crate::ebm`]): numbers cut at up
/// to `max_bins` quantiles with no pooling, bins under `min_share` of the rows merged into a
/// neighbour; categories under `min_share` share the `other` bin.
pub fn fine(column: &Column, bad: &[bool], max_bins: usize, min_share: f64) -> Vec<BinStats> {
    match column {
        Column::Numeric(values) => numeric(values, bad, false, max_bins, min_share),
        Column::Categorical(values) => categorical(values, bad, min_share),
    }
}

/// The value of row `i` of a column.
pub fn value(column: &Column, i: usize) -> FeatureValue {
    match column {
        Column::Numeric(v) => FeatureValue::Number(v[i]),
        Column::Categorical(v) => FeatureValue::Category(v[i].clone()),
    }
}

/// Weight of evidence of each bin, ln(share of goods / share of bads), smoothed by half a row.
pub fn weight_of_evidence(bins: &[BinStats]) -> Vec<f64> {
    let bads: f64 = bins.iter().map(|b| b.bads as f64).sum();
    let goods: f64 = bins.iter().map(|b| (b.count - b.bads) as f64).sum();
    let k = bins.len() as f64;
    bins.iter()
        .map(|b| {
            // An empty bin (an `other` bin no training row fell in) carries no evidence: it
            // scores like the population as a whole.
            if b.count == 0 {
                return 0.0;
            }
            let good_share = ((b.count - b.bads) as f64 + 0.5) / (goods + 0.5 * k);
            let bad_share = (b.bads as f64 + 0.5) / (bads + 0.5 * k);
            (good_share / bad_share).ln()
        })
        .collect()
}

fn categorical(values: &[String], bad: &[bool], min_share: f64) -> Vec<BinStats> {
    let mut tally: std::collections::BTreeMap<&str, (u64, u64)> = Default::default();
    for (value, &is_bad) in values.iter().zip(bad) {
        let entry = tally.entry(value.as_str()).or_default();
        entry.0 += 1;
        entry.1 += u64::from(is_bad);
    }
    let min_count = ((values.len() as f64) * min_share).max(1.0) as u64;
    let mut bins = Vec::new();
    let mut other = BinStats {
        condition: Condition::Other,
        count: 0,
        bads: 0,
    };
    for (value, (count, bads)) in tally {
        if count >= min_count {
            bins.push(BinStats {
                condition: Condition::Categories {
                    values: vec![value.to_owned()],
                },
                count,
                bads,
            });
        } else {
            other.count += count;
            other.bads += bads;
        }
    }
    bins.push(other);
    bins
}

/// Working bin for numbers: `[lower, upper)` with its tallies.
#[derive(Clone)]
struct Span {
    lower: Option<f64>,
    upper: Option<f64>,
    count: u64,
    bads: u64,
}

impl Span {
    fn rate(&self) -> f64 {
        self.bads as f64 / self.count.max(1) as f64
    }
    fn absorb(&mut self, next: &Span) {
        self.upper = next.upper;
        self.count += next.count;
        self.bads += next.bads;
    }
}

fn numeric(
    values: &[f64],
    bad: &[bool],
    monotone: bool,
    fine_bins: usize,
    min_share: f64,
) -> Vec<BinStats> {
    let mut order: Vec<usize> = (0..values.len()).collect();
    order.sort_by(|&a, &b| values[a].total_cmp(&values[b]));
    // Fine classing: cut at quantiles, only between distinct values.
    let mut spans: Vec<Span> = Vec::new();
    let target = (values.len() / fine_bins.max(1)).max(1);
    let mut current = Span {
        lower: None,
        upper: None,
        count: 0,
        bads: 0,
    };
    for (position, &i) in order.iter().enumerate() {
        current.count += 1;
        current.bads += u64::from(bad[i]);
        let next = order.get(position + 1).map(|&j| values[j]);
        if let Some(next) = next {
            if current.count as usize >= target && next > values[i] {
                // Cut halfway between the two values so the bound reads naturally for integers.
                let cut = (values[i] + next) / 2.0;
                current.upper = Some(cut);
                spans.push(current.clone());
                current = Span {
                    lower: Some(cut),
                    upper: None,
                    count: 0,
                    bads: 0,
                };
            }
        }
    }
    if current.count > 0 || spans.is_empty() {
        spans.push(current);
    } else if let Some(last) = spans.last_mut() {
        last.upper = None;
    }
    if monotone && spans.len() > 1 {
        let decreasing = spans[0].rate() > spans[spans.len() - 1].rate();
        spans = pool_adjacent_violators(spans, decreasing);
    }
    spans = merge_small(spans, values.len(), min_share);
    spans
        .into_iter()
        .map(|s| BinStats {
            condition: Condition::Range {
                lower: s.lower,
                upper: s.upper,
            },
            count: s.count,
            bads: s.bads,
        })
        .collect()
}

/// Pools adjacent bins until bad rates are monotone (decreasing or increasing with the value).
fn pool_adjacent_violators(spans: Vec<Span>, decreasing: bool) -> Vec<Span> {
    let mut pooled: Vec<Span> = Vec::new();
    for span in spans {
        pooled.push(span);
        while pooled.len() > 1 {
            let n = pooled.len();
            let (prev, last) = (pooled[n - 2].rate(), pooled[n - 1].rate());
            let violates = if decreasing { last > prev } else { last < prev };
            if !violates {
                break;
            }
            let last = pooled.pop().expect("two spans");
            if let Some(prev) = pooled.last_mut() {
                prev.absorb(&last);
            }
        }
    }
    pooled
}

/// Merges bins under `min_share` of the rows into their smaller neighbour. Merging two
/// neighbours of a monotone sequence keeps it monotone.
fn merge_small(mut spans: Vec<Span>, rows: usize, min_share: f64) -> Vec<Span> {
    let min = ((rows as f64) * min_share).ceil() as u64;
    while spans.len() > 1 {
        let Some(i) = spans.iter().position(|s| s.count < min) else {
            break;
        };
        let into_previous =
            i + 1 == spans.len() || (i > 0 && spans[i - 1].count <= spans[i + 1].count);
        if into_previous {
            let span = spans.remove(i);
            spans[i - 1].absorb(&span);
        } else {
            let next = spans.remove(i + 1);
            spans[i].absorb(&next);
        }
    }
    spans
}

fn number(x: f64) -> String {
    if (x - x.round()).abs() < 1e-9 {
        format!("{}", x.round() as i64)
    } else {
        format!("{x:.1}")
    }
}

/// The label of a bin: category names from the spec, or the bounds with the unit.
pub fn label(condition: &Condition, spec: &FeatureSpec) -> Label {
    let unit = |lang_unit: &str| {
        if lang_unit.is_empty() {
            String::new()
        } else {
            format!(" {lang_unit}")
        }
    };
    match condition {
        Condition::Range { lower, upper } => {
            let u = unit(&spec.unit);
            let (en, zh) = match (lower, upper) {
                (None, Some(h)) => (
                    format!("below {}{u}", number(*h)),
                    format!("低于 {}{u}", number(*h)),
                ),
                (Some(l), None) => (
                    format!("{}{u} or more", number(*l)),
                    format!("{}{u} 及以上", number(*l)),
                ),
                (Some(l), Some(h)) => (
                    format!("{} to under {}{u}", number(*l), number(*h)),
                    format!("{} 至 {}{u}（不含）", number(*l), number(*h)),
                ),
                (None, None) => ("any value".into(), "任意值".into()),
            };
            Label { en, zh }
        }
        Condition::Categories { values } => {
            let names = |pick: fn(&Label) -> &String, separator: &str| {
                values
                    .iter()
                    .map(|v| spec.category_labels.get(v).map_or(v, pick).clone())
                    .collect::<Vec<_>>()
                    .join(separator)
            };
            Label {
                en: names(|l| &l.en, ", "),
                zh: names(|l| &l.zh, "、"),
            }
        }
        Condition::Other => Label {
            en: "other".into(),
            zh: "其他".into(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(monotone: bool) -> FeatureSpec {
        serde_json::from_value(serde_json::json!({
            "name": "x", "column": "x", "kind": "numeric", "monotone": monotone,
            "label": {"en": "x", "zh": "x"}
        }))
        .expect("spec")
    }

    #[test]
    fn monotone_bins_have_monotone_bad_rates_and_cover_every_number() {
        // Risk falls with x, with noise that breaks monotonicity between fine bins.
        let values: Vec<f64> = (0..10_000).map(|i| (i % 1000) as f64).collect();
        let bad: Vec<bool> = (0..10_000)
            .map(|i| {
                let x = (i % 1000) as f64;
                (i * 7919 % 1000) as f64 > 300.0 + x * 0.6
            })
            .collect();
        let binning = bin(&Column::Numeric(values), &bad, &spec(true));
        let rates: Vec<f64> = binning.bins.iter().map(BinStats::bad_rate).collect();
        assert!(rates.windows(2).all(|w| w[1] <= w[0]), "{rates:?}");
        assert!(binning.bins.len() >= 2);
        assert_eq!(binning.index(&FeatureValue::Number(-1e9)), 0);
        assert_eq!(
            binning.index(&FeatureValue::Number(1e9)),
            binning.bins.len() - 1
        );
        let total: u64 = binning.bins.iter().map(|b| b.count).sum();
        assert_eq!(total, 10_000);
        // Safer bins have higher weight of evidence.
        assert!(binning.woe.windows(2).all(|w| w[1] >= w[0]));
    }

    #[test]
    fn rare_categories_share_the_other_bin() {
        let mut values = vec!["a".to_owned(); 600];
        // Categories under 1 % of rows (here 10) share the "other" bin.
        values.extend(vec!["b".to_owned(); 395]);
        values.extend(vec!["c".to_owned(); 5]);
        let bad: Vec<bool> = (0..1000).map(|i| i % 3 == 0).collect();
        let binning = bin(&Column::Categorical(values), &bad, &spec(false));
        assert_eq!(binning.bins.len(), 3);
        assert_eq!(binning.index(&FeatureValue::Category("c".into())), 2);
        assert_eq!(
            binning.index(&FeatureValue::Category("never seen".into())),
            2
        );
    }
}
