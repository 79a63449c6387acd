//! Scoring a validated profile: features → points → calibrated PD → grade, the reasons behind
//! it, the policy overlays that apply, and what-if alternatives.
//!
//! The statistical model and the policy overlays are kept apart in every result: the grade the
//! scorecard gives (`statistical_grade`) and the grade after overlays (`grade`) are both
//! reported, and overlay reasons are marked as policy.

use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::features;
use crate::profile::{ListStatus, MerchantProfile, TaxCreditRating, ValidProfile};
use crate::scorecard::{
    Condition, FeatureValue, Label, Monotone, OverlayCondition, OverlayEffect, Scorecard, FORMAT,
};

/// The scorecard shipped with this build.
#[cfg(feature = "shipped-model")]
pub const SHIPPED_SCORECARD: &str = include_str!("../models/scorecard.json");

/// How many reasons an assessment gives (the adverse-action-notice practice).
pub const REASONS: usize = 4;

/// Problems with a scorecard artifact.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ModelError {
    /// Not JSON of the artifact's shape.
    #[error("scorecard is not valid: {0}")]
    Format(String),
    /// A format this version does not read.
    #[error("scorecard format `{0}` is not supported (expected {FORMAT})")]
    Version(String),
    /// A characteristic names a feature the core cannot compute.
    #[error("characteristic `{0}` is not a feature the core computes")]
    UnknownFeature(String),
    /// Bins that leave values unscored or overlap.
    #[error("characteristic `{feature}`: {problem}")]
    Bins {
        /// The characteristic.
        feature: String,
        /// What is wrong.
        problem: &'static str,
    },
    /// Grades not in order, or not ending at PD 1.
    #[error("grade bands must rise to a last band of PD 1.0")]
    Grades,
    /// Calibration that is not finite or not decreasing in the score.
    #[error("calibration must be finite with a negative slope")]
    Calibration,
    /// An overlay naming a grade the scorecard does not have.
    #[error("overlay `{0}` names an unknown grade")]
    Overlay(String),
}

/// A loaded, checked scorecard and its id.
#[derive(Debug, Clone)]
pub struct Model {
    card: Scorecard,
    id: String,
}

impl Model {
    /// Loads and checks a scorecard artifact. Its id is the SHA-256 of these exact bytes.
    pub fn from_json(text: &str) -> Result<Model, ModelError> {
        let card: Scorecard =
            serde_json::from_str(text).map_err(|e| ModelError::Format(e.to_string()))?;
        check(&card)?;
        let id = Sha256::digest(text.as_bytes())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        Ok(Model { card, id })
    }

    /// The scorecard compiled into this build, loaded once.
    #[cfg(feature = "shipped-model")]
    pub fn shipped() -> &'static Model {
        static SHIPPED: std::sync::OnceLock<Model> = std::sync::OnceLock::new();
        SHIPPED.get_or_init(|| {
            // Checked by a unit test and at every build's test run; failing here means the
            // build itself shipped a broken artifact.
            Model::from_json(SHIPPED_SCORECARD).expect("the shipped scorecard is valid")
        })
    }

    /// SHA-256 of the artifact, hex: the model id consent bundles cite.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The scorecard.
    pub fn scorecard(&self) -> &Scorecard {
        &self.card
    }

    fn features(&self, profile: &MerchantProfile) -> Vec<FeatureValue> {
        self.card
            .characteristics
            .iter()
            .map(|c| {
                features::value_of(&c.feature, profile, &self.card.conversion)
                    .unwrap_or(FeatureValue::Number(f64::NAN))
            })
            .collect()
    }

    /// The bin of every characteristic for `profile`.
    fn bins(&self, profile: &MerchantProfile) -> Vec<usize> {
        let values = self.features(profile);
        self.card
            .characteristics
            .iter()
            .zip(&values)
            .map(|(c, v)| c.bin_index(v).unwrap_or(0))
            .collect()
    }

    /// The score only (the hot path: no allocation beyond the feature values).
    pub fn score(&self, profile: &ValidProfile) -> i32 {
        self.card.score_of_bins(&self.bins(profile.profile()))
    }

    /// Scores a profile and explains the result.
    pub fn assess(&self, profile: &ValidProfile) -> Assessment {
        let profile = profile.profile();
        let bins = self.bins(profile);
        let overlays = self.overlays_for(profile);
        let (score, pd, statistical_grade, grade) = self.grade_bins(&bins, &overlays);

        let contributions: Vec<Contribution> = self
            .card
            .characteristics
            .iter()
            .zip(&bins)
            .map(|(c, &bin)| Contribution {
                feature: c.feature.clone(),
                label: c.label.clone(),
                bin: c.bins[bin].label.clone(),
                points: c.bins[bin].points,
                max_points: c.max_points(),
            })
            .collect();
        let mut reasons: Vec<&Contribution> = contributions
            .iter()
            .filter(|c| c.max_points > c.points)
            .collect();
        // Largest shortfall first; ties in artifact order, so the list is stable.
        reasons.sort_by_key(|c| std::cmp::Reverse(c.max_points - c.points));
        let reasons = reasons.into_iter().take(REASONS).cloned().collect();

        Assessment {
            model_id: self.id.clone(),
            model_name: self.card.name.clone(),
            score,
            probability_of_default: pd,
            statistical_grade,
            grade,
            contributions,
            reasons,
            overlays: overlays
                .iter()
                .map(|&i| {
                    let o = &self.card.overlays[i];
                    AppliedOverlay {
                        id: o.id.clone(),
                        reason: o.reason.clone(),
                    }
                })
                .collect(),
            what_if: self.what_if(&bins, &overlays),
        }
    }

    /// Score, PD, statistical grade and final grade for a choice of bins and overlays.
    fn grade_bins(&self, bins: &[usize], overlays: &[usize]) -> (i32, f64, String, String) {
        let score = self.card.score_of_bins(bins);
        let pd = self.card.probability_of_default(score);
        let statistical = self.card.grade_of(pd).to_owned();
        let grade = self.apply_overlays(&statistical, overlays);
        (score, pd, statistical, grade)
    }

    fn grade_rank(&self, grade: &str) -> usize {
        self.card
            .grades
            .iter()
            .position(|g| g.grade == grade)
            .unwrap_or(self.card.grades.len() - 1)
    }

    fn apply_overlays(&self, statistical: &str, overlays: &[usize]) -> String {
        let last = self.card.grades.len() - 1;
        let mut rank = self.grade_rank(statistical);
        for &i in overlays {
            rank = match &self.card.overlays[i].effect {
                OverlayEffect::CapAt { grade } => rank.max(self.grade_rank(grade)),
                OverlayEffect::LowerBy { grades } => (rank + usize::from(*grades)).min(last),
            };
        }
        self.card.grades[rank].grade.clone()
    }

    /// Indices of the overlays whose condition holds for `profile`.
    fn overlays_for(&self, profile: &MerchantProfile) -> Vec<usize> {
        let rating = |r: TaxCreditRating| match r {
            TaxCreditRating::A => "A",
            TaxCreditRating::B => "B",
            TaxCreditRating::M => "M",
            TaxCreditRating::C => "C",
            TaxCreditRating::D => "D",
            TaxCreditRating::Unrated => "unrated",
        };
        self.card
            .overlays
            .iter()
            .enumerate()
            .filter(|(_, o)| match &o.when {
                OverlayCondition::TaxArrears => profile.tax.arrears_minor > 0,
                OverlayCondition::TaxRating { ratings } => ratings
                    .iter()
                    .any(|r| r == rating(profile.tax.credit_rating)),
                OverlayCondition::LatePowerBills { at_least } => {
                    profile.utility.late_payments_last_12 >= *at_least
                }
                OverlayCondition::PowerArrears => profile.utility.arrears_minor > 0,
                OverlayCondition::SocialInsuranceArrears => {
                    profile.social_insurance.arrears_minor > 0
                }
                OverlayCondition::UnsatisfiedJudgements { at_least } => {
                    profile.court.unsatisfied_judgements >= *at_least
                }
                OverlayCondition::BlackList => profile.court.list_status == ListStatus::BlackList,
            })
            .map(|(i, _)| i)
            .collect()
    }

    /// Every single change the merchant could make: each other bin of each actionable
    /// characteristic, and clearing each overlay that applies. The smallest change that improves
    /// the grade is marked.
    fn what_if(&self, bins: &[usize], overlays: &[usize]) -> WhatIf {
        let (_, _, _, grade) = self.grade_bins(bins, overlays);
        let rank = self.grade_rank(&grade);
        let mut options = Vec::new();
        for (index, c) in self.card.characteristics.iter().enumerate() {
            if !c.actionable {
                continue;
            }
            for (bin, b) in c.bins.iter().enumerate() {
                if bin == bins[index] || b.condition == Condition::Other || b.count == 0 {
                    continue;
                }
                let mut moved = bins.to_vec();
                moved[index] = bin;
                let (score, pd, _, new_grade) = self.grade_bins(&moved, overlays);
                options.push(Alternative {
                    change: Change::Feature {
                        feature: c.feature.clone(),
                        label: c.label.clone(),
                        to: b.label.clone(),
                        steps: bin.abs_diff(bins[index]),
                    },
                    score,
                    probability_of_default: pd,
                    improves: self.grade_rank(&new_grade) < rank,
                    grade: new_grade,
                });
            }
        }
        for (position, &i) in overlays.iter().enumerate() {
            let mut rest = overlays.to_vec();
            rest.remove(position);
            let (score, pd, _, new_grade) = self.grade_bins(bins, &rest);
            options.push(Alternative {
                change: Change::ClearOverlay {
                    id: self.card.overlays[i].id.clone(),
                    reason: self.card.overlays[i].reason.clone(),
                },
                score,
                probability_of_default: pd,
                improves: self.grade_rank(&new_grade) < rank,
                grade: new_grade,
            });
        }
        // Smallest change that reaches a better grade: fewest bins moved (clearing an overlay
        // counts as one step), then the largest score.
        let smallest = options
            .iter()
            .enumerate()
            .filter(|(_, o)| o.improves)
            .min_by_key(|(_, o)| (o.change.steps(), std::cmp::Reverse(o.score)))
            .map(|(i, _)| i);
        WhatIf {
            options,
            smallest_improvement: smallest,
        }
    }
}

/// Checks the invariants the scorer relies on.
fn check(card: &Scorecard) -> Result<(), ModelError> {
    if card.format != FORMAT {
        return Err(ModelError::Version(card.format.clone()));
    }
    for c in &card.characteristics {
        if !features::FEATURES.contains(&c.feature.as_str()) {
            return Err(ModelError::UnknownFeature(c.feature.clone()));
        }
        let bad = |problem| ModelError::Bins {
            feature: c.feature.clone(),
            problem,
        };
        if c.bins.is_empty() {
            return Err(bad("has no bins"));
        }
        let ranges: Vec<(Option<f64>, Option<f64>)> = c
            .bins
            .iter()
            .filter_map(|b| match b.condition {
                Condition::Range { lower, upper } => Some((lower, upper)),
                _ => None,
            })
            .collect();
        if !ranges.is_empty() {
            let contiguous = ranges.first().is_some_and(|r| r.0.is_none())
                && ranges.last().is_some_and(|r| r.1.is_none())
                && ranges
                    .windows(2)
                    .all(|w| w[0].1.is_some() && w[0].1 == w[1].0);
            if ranges.len() != c.bins.len() || !contiguous {
                return Err(bad("numeric bins must cover every number once, in order"));
            }
        } else if !c.bins.iter().any(|b| b.condition == Condition::Other) {
            return Err(bad("categorical characteristics need an `other` bin"));
        }
        if let Some(direction) = c.monotone {
            let ok = c.bins.windows(2).all(|w| match direction {
                Monotone::Increasing => w[0].points <= w[1].points,
                Monotone::Decreasing => w[0].points >= w[1].points,
            });
            if !ok {
                return Err(bad("points are not monotone as declared"));
            }
        }
    }
    let ordered = card.grades.windows(2).all(|w| w[0].max_pd < w[1].max_pd);
    if card.grades.is_empty() || !ordered || card.grades.last().map(|g| g.max_pd) != Some(1.0) {
        return Err(ModelError::Grades);
    }
    let calibration = &card.calibration;
    if !(calibration.intercept.is_finite()
        && calibration.slope.is_finite()
        && calibration.slope < 0.0)
    {
        return Err(ModelError::Calibration);
    }
    for overlay in &card.overlays {
        if let OverlayEffect::CapAt { grade } = &overlay.effect {
            if !card.grades.iter().any(|g| &g.grade == grade) {
                return Err(ModelError::Overlay(overlay.id.clone()));
            }
        }
    }
    Ok(())
}

/// What one characteristic contributed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Contribution {
    /// Feature name.
    pub feature: String,
    /// What it is.
    pub label: Label,
    /// The merchant's bin.
    pub bin: Label,
    /// Points from that bin.
    pub points: i32,
    /// The most points any bin gives.
    pub max_points: i32,
}

impl Contribution {
    /// The reason in plain words.
    pub fn text(&self, zh: bool) -> String {
        let shortfall = self.max_points - self.points;
        if zh {
            format!(
                "{}（{}）：比最有利情形少 {} 分。",
                self.label.zh, self.bin.zh, shortfall
            )
        } else {
            format!(
                "{} ({}): {} points below the most favourable case.",
                self.label.en, self.bin.en, shortfall
            )
        }
    }
}

/// A policy overlay that applied.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AppliedOverlay {
    /// Overlay id.
    pub id: String,
    /// Its reason, worded as policy.
    pub reason: Label,
}

/// One change the merchant could make.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Change {
    /// Move one characteristic to another bin.
    Feature {
        /// Feature name.
        feature: String,
        /// Its label.
        label: Label,
        /// The bin moved to.
        to: Label,
        /// How many bins away from the current one.
        steps: usize,
    },
    /// Remove the fact an overlay tests (pay the arrears, settle the judgement).
    ClearOverlay {
        /// Overlay id.
        id: String,
        /// Its reason.
        reason: Label,
    },
}

impl Change {
    fn steps(&self) -> usize {
        match self {
            Change::Feature { steps, .. } => *steps,
            Change::ClearOverlay { .. } => 1,
        }
    }
}

/// The result of one alternative.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Alternative {
    /// What changes.
    pub change: Change,
    /// Score after the change.
    pub score: i32,
    /// PD after the change.
    pub probability_of_default: f64,
    /// Grade after the change (overlays included).
    pub grade: String,
    /// Whether the grade is better than now.
    pub improves: bool,
}

/// What-if analysis.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WhatIf {
    /// Every single change.
    pub options: Vec<Alternative>,
    /// Index into `options` of the smallest change that improves the grade, if any.
    pub smallest_improvement: Option<usize>,
}

/// Everything the merchant (and, later, the bank) sees about the risk.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Assessment {
    /// SHA-256 of the scorecard artifact.
    pub model_id: String,
    /// Model name and version.
    pub model_name: String,
    /// Scorecard points.
    pub score: i32,
    /// Calibrated probability of default (statistical model only).
    pub probability_of_default: f64,
    /// The grade the statistical model gives.
    pub statistical_grade: String,
    /// The grade after policy overlays.
    pub grade: String,
    /// Every characteristic's points.
    pub contributions: Vec<Contribution>,
    /// The largest shortfalls, at most [`REASONS`].
    pub reasons: Vec<Contribution>,
    /// Policy overlays that applied, in artifact order.
    pub overlays: Vec<AppliedOverlay>,
    /// Alternatives.
    pub what_if: WhatIf,
}

#[cfg(all(test, feature = "shipped-model"))]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_scorecard_loads() {
        let model = Model::from_json(SHIPPED_SCORECARD).expect("valid");
        assert_eq!(model.id().len(), 64);
        assert!(!model.scorecard().characteristics.is_empty());
    }
}
