//! Paths to eligibility: for a product the merchant does not qualify for today, the smallest set
//! of typed changes ([`Step`]) that would make them eligible, and how hard each one is
//! ([`Effort`]): pay a ¥3,200 tax arrear (now), arrange a government guarantee (within weeks),
//! file three more months of tax (within months), or pledge property the merchant may not own
//! (not in the merchant's hands).
//!
//! A step is a change to the profile ([`Step::apply`]), so every path can be checked by applying
//! it and deciding the product again: `matching` only keeps a path that does make the product
//! eligible (the grade re-scored with the model when it has one), then drops every step the
//! product turns out not to need. Products are ranked by the effort of their path
//! ([`Path::cost`]), and paths are grouped by their first step for the products screen.

use serde::Serialize;
use time::Date;

use crate::catalog::CollateralAssets;
use crate::profile::{Facility, Guarantor, ListStatus, MerchantProfile, TaxCreditRating};

/// How hard a step is for the merchant, easiest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Effort {
    /// Can be done today: pay a small arrear, ask for less, choose another facility.
    Now,
    /// Takes an office visit or a third party: a repayment plan, a guarantee, a court settlement.
    Weeks,
    /// Takes time passing with a clean record: months of filings, of trading, of paid bills.
    Months,
    /// Not something the merchant can decide: more revenue, property they do not own, a black
    /// list entry.
    NotInHands,
}

serial_names! {
    Effort { Now => "now", Weeks => "weeks", Months => "months", NotInHands => "not_in_hands" }
}

/// One change the merchant could make, with the figures that make it concrete. Amounts are
/// minor units (fen).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(tag = "step", rename_all = "snake_case")]
pub enum Step {
    /// Pay the overdue tax.
    PayTaxArrears {
        /// The amount overdue.
        amount_minor: i64,
    },
    /// Pay the overdue power bills.
    PayUtilityArrears {
        /// The amount overdue.
        amount_minor: i64,
    },
    /// Pay the overdue social-insurance contributions.
    PaySocialInsuranceArrears {
        /// The amount overdue.
        amount_minor: i64,
    },
    /// Ask for less.
    LowerAmount {
        /// The amount to ask for.
        to_minor: i64,
    },
    /// Ask for a term loan instead of a revolving line.
    ChooseTermLoan,
    /// Agree a plan to pay the overdue tax with the tax office (分期/延期缴纳).
    AgreeTaxPlan {
        /// The amount overdue.
        amount_minor: i64,
    },
    /// Agree a plan to pay the overdue power bills with the power company.
    AgreeUtilityPlan {
        /// The amount overdue.
        amount_minor: i64,
    },
    /// Satisfy the court judgements outstanding.
    SettleJudgements {
        /// How many.
        count: i64,
    },
    /// Have the loan guaranteed.
    AddGuarantor {
        /// By whom.
        guarantor: Guarantor,
    },
    /// File tax returns on time until this many of the last 12 months are filed.
    FileTax {
        /// Months still to file.
        months: i64,
        /// The count reached.
        to: i64,
    },
    /// Pay social insurance in full until this many of the last 12 months are paid.
    PaySocialInsurance {
        /// Months still to pay.
        months: i64,
        /// The count reached.
        to: i64,
    },
    /// Pay power bills on time until at most this many of the last 12 were late.
    PayBillsOnTime {
        /// The late count reached.
        to: i64,
    },
    /// Keep trading this many more months.
    Wait {
        /// Months.
        months: i64,
    },
    /// Pay off some of the lenders owed now.
    RepayLenders {
        /// How many lenders to pay off.
        count: i64,
    },
    /// Lower existing monthly repayments.
    CutRepayments {
        /// By this much a month.
        by_minor: i64,
    },
    /// Reach a better taxpayer credit rating at the next yearly rating.
    ReachTaxRating {
        /// The rating.
        rating: TaxCreditRating,
    },
    /// Gain more years of experience in the industry.
    GainExperience {
        /// Years.
        years: i64,
    },
    /// Raise average monthly revenue.
    GrowRevenue {
        /// To this average a month.
        to_minor: i64,
    },
    /// Pledge security worth this much.
    PledgeCollateral {
        /// Which assets count.
        assets: CollateralAssets,
        /// Total value pledged.
        to_minor: i64,
    },
    /// Be removed from the public credit black list (信用修复).
    LeaveBlackList,
}

impl Step {
    /// How hard the step is.
    pub fn effort(&self) -> Effort {
        match self {
            Step::PayTaxArrears { .. }
            | Step::PayUtilityArrears { .. }
            | Step::PaySocialInsuranceArrears { .. }
            | Step::LowerAmount { .. }
            | Step::ChooseTermLoan => Effort::Now,
            Step::AgreeTaxPlan { .. }
            | Step::AgreeUtilityPlan { .. }
            | Step::SettleJudgements { .. }
            | Step::AddGuarantor { .. } => Effort::Weeks,
            Step::FileTax { .. }
            | Step::PaySocialInsurance { .. }
            | Step::PayBillsOnTime { .. }
            | Step::Wait { .. }
            | Step::RepayLenders { .. }
            | Step::CutRepayments { .. }
            | Step::ReachTaxRating { .. } => Effort::Months,
            Step::GainExperience { .. }
            | Step::GrowRevenue { .. }
            | Step::PledgeCollateral { .. }
            | Step::LeaveBlackList => Effort::NotInHands,
        }
    }

    /// Roughly how many months the step takes (0 for a step that can be done now or within
    /// weeks), to order steps of the same effort.
    pub fn months(&self) -> i64 {
        match self {
            Step::FileTax { months, .. } | Step::PaySocialInsurance { months, .. } => *months,
            Step::Wait { months } => *months,
            Step::PayBillsOnTime { .. } | Step::ReachTaxRating { .. } => 12,
            Step::RepayLenders { count } => 3 * count,
            Step::CutRepayments { .. } => 6,
            Step::GainExperience { years } => 12 * years,
            _ => 0,
        }
    }

    /// Money the step costs the merchant up front, to order steps of the same effort.
    fn money(&self) -> i64 {
        match self {
            Step::PayTaxArrears { amount_minor }
            | Step::PayUtilityArrears { amount_minor }
            | Step::PaySocialInsuranceArrears { amount_minor } => *amount_minor,
            _ => 0,
        }
    }

    /// The profile fields the step changes (what tells whether it can move the grade).
    pub fn fields(&self) -> &'static [&'static str] {
        match self {
            Step::PayTaxArrears { .. } => &["tax.arrears_minor", "tax.arrears_plan"],
            Step::PayUtilityArrears { .. } => &["utility.arrears_minor", "utility.arrears_plan"],
            Step::PaySocialInsuranceArrears { .. } => &["social_insurance.arrears_minor"],
            Step::LowerAmount { .. } => &["loan.amount_minor"],
            Step::ChooseTermLoan => &["loan.facility"],
            Step::AgreeTaxPlan { .. } => &["tax.arrears_plan"],
            Step::AgreeUtilityPlan { .. } => &["utility.arrears_plan"],
            Step::SettleJudgements { .. } => &["court.unsatisfied_judgements"],
            Step::AddGuarantor { .. } => &["guarantor"],
            Step::FileTax { .. } => &["tax.months_filed_last_12"],
            Step::PaySocialInsurance { .. } => &[
                "social_insurance.months_paid_last_12",
                "social_insurance.insured_staff",
            ],
            Step::PayBillsOnTime { .. } => &["utility.late_payments_last_12"],
            Step::Wait { .. } => &[
                "business.months_in_operation",
                "business.registered_on",
                "revenue.monthly_minor",
            ],
            Step::RepayLenders { .. } => &[
                "debts.lenders",
                "debts.outstanding_minor",
                "debts.monthly_repayment_minor",
            ],
            Step::CutRepayments { .. } => &["debts.monthly_repayment_minor"],
            Step::ReachTaxRating { .. } => &["tax.credit_rating"],
            Step::GainExperience { .. } => &["owner.industry_experience_years"],
            Step::GrowRevenue { .. } => &["revenue.monthly_minor"],
            Step::PledgeCollateral { .. } => &[
                "collateral.real_estate_value_minor",
                "collateral.other_value_minor",
            ],
            Step::LeaveBlackList => &["court.list_status"],
        }
    }

    /// Which part of the profile the step sets: two steps of one slot are merged into the
    /// stronger ([`merge`]).
    fn slot(&self) -> u8 {
        match self {
            Step::PayTaxArrears { .. } | Step::AgreeTaxPlan { .. } => 0,
            Step::PayUtilityArrears { .. } | Step::AgreeUtilityPlan { .. } => 1,
            Step::PaySocialInsuranceArrears { .. } => 2,
            Step::LowerAmount { .. } => 3,
            Step::ChooseTermLoan => 4,
            Step::SettleJudgements { .. } => 5,
            Step::AddGuarantor { .. } => 6,
            Step::FileTax { .. } => 7,
            Step::PaySocialInsurance { .. } => 8,
            Step::PayBillsOnTime { .. } => 9,
            Step::Wait { .. } => 10,
            Step::RepayLenders { .. } => 11,
            Step::CutRepayments { .. } => 12,
            Step::ReachTaxRating { .. } => 13,
            Step::GainExperience { .. } => 14,
            Step::GrowRevenue { .. } => 15,
            Step::PledgeCollateral {
                assets: CollateralAssets::RealEstate,
                ..
            } => 16,
            Step::PledgeCollateral { .. } => 17,
            Step::LeaveBlackList => 18,
        }
    }

    /// The profile as it would be after the step.
    pub fn apply(&self, p: &mut MerchantProfile) {
        match self {
            Step::PayTaxArrears { .. } => {
                p.tax.arrears_minor = 0;
                p.tax.arrears_plan = false;
            }
            Step::PayUtilityArrears { .. } => {
                p.utility.arrears_minor = 0;
                p.utility.arrears_plan = false;
            }
            Step::PaySocialInsuranceArrears { .. } => p.social_insurance.arrears_minor = 0,
            Step::LowerAmount { to_minor } => {
                p.loan.amount_minor = p.loan.amount_minor.min(*to_minor);
            }
            Step::ChooseTermLoan => p.loan.facility = Facility::TermLoan,
            Step::AgreeTaxPlan { .. } => p.tax.arrears_plan = true,
            Step::AgreeUtilityPlan { .. } => p.utility.arrears_plan = true,
            Step::SettleJudgements { .. } => p.court.unsatisfied_judgements = 0,
            Step::AddGuarantor { guarantor } => p.guarantor = *guarantor,
            Step::FileTax { to, .. } => {
                p.tax.months_filed_last_12 = p.tax.months_filed_last_12.max(*to);
            }
            Step::PaySocialInsurance { to, .. } => {
                let si = &mut p.social_insurance;
                si.months_paid_last_12 = si.months_paid_last_12.max(*to);
                si.insured_staff = si.insured_staff.max(1);
            }
            Step::PayBillsOnTime { to } => {
                p.utility.late_payments_last_12 = p.utility.late_payments_last_12.min(*to);
            }
            Step::Wait { months } => {
                // Trading longer means registering earlier, seen from the profile's own date
                // (which the products' validity dates are read against).
                p.business.months_in_operation += months;
                p.business.registered_on = months_earlier(p.business.registered_on, *months);
                // The months traded meanwhile are assumed to sell as the months stated did.
                let revenue = &mut p.revenue.monthly_minor;
                let wanted = p.business.months_in_operation.min(12) as usize;
                if !revenue.is_empty() && revenue.len() < wanted {
                    let average = revenue.iter().sum::<i64>() / revenue.len() as i64;
                    revenue.resize(wanted, average);
                }
            }
            Step::RepayLenders { count } => {
                let debts = &mut p.debts;
                let remaining = (debts.lenders - count).max(0);
                if debts.lenders > 0 {
                    debts.outstanding_minor = debts.outstanding_minor * remaining / debts.lenders;
                    debts.monthly_repayment_minor =
                        debts.monthly_repayment_minor * remaining / debts.lenders;
                }
                debts.lenders = remaining;
            }
            Step::CutRepayments { by_minor } => {
                let debts = &mut p.debts;
                debts.monthly_repayment_minor = (debts.monthly_repayment_minor - by_minor).max(0);
            }
            Step::ReachTaxRating { rating } => p.tax.credit_rating = *rating,
            Step::GainExperience { years } => p.owner.industry_experience_years += years,
            Step::GrowRevenue { to_minor } => {
                let months = &mut p.revenue.monthly_minor;
                if !months.is_empty() {
                    let count = months.len() as i64;
                    let average = months.iter().sum::<i64>() / count;
                    let lift = (to_minor - average).max(0);
                    months.iter_mut().for_each(|month| *month += lift);
                }
            }
            Step::PledgeCollateral { assets, to_minor } => {
                let c = &mut p.collateral;
                match assets {
                    CollateralAssets::RealEstate => {
                        c.real_estate_value_minor = c.real_estate_value_minor.max(*to_minor);
                    }
                    CollateralAssets::Any => {
                        let have = c.real_estate_value_minor + c.other_value_minor;
                        c.other_value_minor += (to_minor - have).max(0);
                    }
                }
            }
            Step::LeaveBlackList => p.court.list_status = ListStatus::None,
        }
    }
}

/// `date` moved `months` earlier (the day kept where the month has it, else the month's last
/// safe day).
fn months_earlier(date: Date, months: i64) -> Date {
    let index = i64::from(date.year()) * 12 + i64::from(u8::from(date.month())) - 1 - months;
    let (year, month) = (index.div_euclid(12), index.rem_euclid(12) + 1);
    let month = time::Month::try_from(month as u8).unwrap_or(time::Month::January);
    Date::from_calendar_date(year as i32, month, date.day().min(28)).unwrap_or(date)
}

/// Adds `step` to `steps`, merging it with a step of the same slot into the stronger of the
/// two. False when the two cannot both hold (two different guarantors).
pub(crate) fn merge(steps: &mut Vec<Step>, step: Step) -> bool {
    let Some(at) = steps.iter().position(|s| s.slot() == step.slot()) else {
        steps.push(step);
        return true;
    };
    let merged = match (&steps[at], &step) {
        (a, b) if a == b => return true,
        // Paying settles the arrear whatever the plan.
        (Step::PayTaxArrears { .. }, Step::AgreeTaxPlan { .. })
        | (Step::PayUtilityArrears { .. }, Step::AgreeUtilityPlan { .. }) => return true,
        (Step::AgreeTaxPlan { .. }, Step::PayTaxArrears { .. })
        | (Step::AgreeUtilityPlan { .. }, Step::PayUtilityArrears { .. }) => step,
        (Step::LowerAmount { to_minor: a }, Step::LowerAmount { to_minor: b }) => {
            Step::LowerAmount {
                to_minor: (*a).min(*b),
            }
        }
        (Step::FileTax { to: a, .. }, Step::FileTax { to: b, .. })
        | (Step::PaySocialInsurance { to: a, .. }, Step::PaySocialInsurance { to: b, .. })
            if a >= b =>
        {
            return true
        }
        (Step::PayBillsOnTime { to: a }, Step::PayBillsOnTime { to: b }) => {
            Step::PayBillsOnTime { to: (*a).min(*b) }
        }
        (Step::Wait { months: a }, Step::Wait { months: b }) => Step::Wait {
            months: (*a).max(*b),
        },
        (Step::RepayLenders { count: a }, Step::RepayLenders { count: b }) => Step::RepayLenders {
            count: (*a).max(*b),
        },
        (Step::CutRepayments { by_minor: a }, Step::CutRepayments { by_minor: b }) => {
            Step::CutRepayments {
                by_minor: (*a).max(*b),
            }
        }
        (Step::ReachTaxRating { rating: a }, Step::ReachTaxRating { rating: b }) => {
            Step::ReachTaxRating {
                rating: (*a).min(*b),
            }
        }
        (Step::GainExperience { years: a }, Step::GainExperience { years: b }) => {
            Step::GainExperience {
                years: (*a).max(*b),
            }
        }
        (Step::GrowRevenue { to_minor: a }, Step::GrowRevenue { to_minor: b })
        | (
            Step::PledgeCollateral { to_minor: a, .. },
            Step::PledgeCollateral { to_minor: b, .. },
        ) if a >= b => return true,
        (Step::AddGuarantor { .. }, Step::AddGuarantor { .. }) => return false,
        // The remaining same-slot pairs are "b is stronger" (FileTax, PaySocialInsurance,
        // GrowRevenue, PledgeCollateral with a larger figure).
        _ => step,
    };
    steps[at] = merged;
    true
}

/// The steps that would make one product eligible, easiest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Path {
    /// The steps, in the order to take them (by effort, then time, then money).
    pub steps: Vec<Step>,
    /// The hardest step's effort.
    pub effort: Effort,
}

impl Path {
    /// A path of these steps, ordered.
    pub fn new(mut steps: Vec<Step>) -> Path {
        steps.sort_by_key(step_order);
        let effort = steps.iter().map(Step::effort).max().unwrap_or(Effort::Now);
        Path { steps, effort }
    }

    /// What paths are ranked by: the hardest step, then the steps' efforts summed, then the
    /// longest wait, then the money paid, then fewer steps.
    pub fn cost(&self) -> Cost {
        cost_of(&self.steps)
    }

    /// Whether every step is one the merchant can take.
    pub fn in_hands(&self) -> bool {
        self.effort < Effort::NotInHands
    }

    /// The profile after every step.
    pub fn apply(&self, profile: &MerchantProfile) -> MerchantProfile {
        let mut changed = profile.clone();
        self.steps.iter().for_each(|step| step.apply(&mut changed));
        changed
    }
}

/// How a set of steps ranks (see [`Path::cost`]); the order of the steps does not matter.
pub type Cost = (Effort, usize, i64, i64, usize);

/// [`Path::cost`] of any set of steps, without building the path.
pub fn cost_of(steps: &[Step]) -> Cost {
    (
        steps.iter().map(Step::effort).max().unwrap_or(Effort::Now),
        steps.iter().map(|s| s.effort() as usize).sum(),
        steps.iter().map(Step::months).max().unwrap_or(0),
        steps.iter().map(Step::money).sum(),
        steps.len(),
    )
}

/// A fingerprint of a set of steps that does not depend on their order: a sum of each step's
/// FNV-1a hash, so a changed profile is found again without sorting or allocating.
fn fingerprint(steps: &[Step]) -> u64 {
    steps.iter().map(hash_of).fold(0u64, u64::wrapping_add)
}

/// A value's FNV-1a hash (steps, rules: what the matcher's caches are keyed by).
fn hash_of<T: std::hash::Hash + ?Sized>(value: &T) -> u64 {
    use std::hash::Hasher;
    let mut hasher = Fnv1a(0xcbf2_9ce4_8422_2325);
    value.hash(&mut hasher);
    hasher.finish()
}

/// FNV-1a over the few words of a step (a whole integer at a time: enough to tell steps apart,
/// and far cheaper than SipHash on the hot path of matching).
struct Fnv1a(u64);

impl Fnv1a {
    fn mix(&mut self, word: u64) {
        self.0 = (self.0 ^ word).wrapping_mul(0x0100_0000_01b3);
    }
}

impl std::hash::Hasher for Fnv1a {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        bytes.iter().for_each(|byte| self.mix(u64::from(*byte)));
    }

    fn write_u8(&mut self, n: u8) {
        self.mix(u64::from(n));
    }

    fn write_u32(&mut self, n: u32) {
        self.mix(u64::from(n));
    }

    fn write_u64(&mut self, n: u64) {
        self.mix(n);
    }

    fn write_i64(&mut self, n: i64) {
        self.mix(n as u64);
    }

    fn write_usize(&mut self, n: usize) {
        self.mix(n as u64);
    }

    fn write_isize(&mut self, n: isize) {
        self.mix(n as u64);
    }
}

/// A hasher for maps keyed by a [`fingerprint`]: the key is a hash already.
#[derive(Default)]
struct Prehashed(u64);

impl std::hash::Hasher for Prehashed {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        // Only `write_u64` is used (a u64 key); anything else still gets a hash.
        bytes
            .iter()
            .for_each(|byte| self.0 = self.0.rotate_left(8) ^ u64::from(*byte));
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// The `BuildHasher` of [`Prehashed`].
type PrehashedState = std::hash::BuildHasherDefault<Prehashed>;

/// Values by set of steps (the order of the steps does not matter), found by [`fingerprint`]
/// without sorting or allocating.
#[derive(Debug, Clone)]
pub(crate) struct StepSets<T> {
    by_fingerprint: std::collections::HashMap<u64, Vec<(Vec<Step>, T)>, PrehashedState>,
}

impl<T> Default for StepSets<T> {
    fn default() -> Self {
        StepSets {
            by_fingerprint: std::collections::HashMap::default(),
        }
    }
}

impl<T> StepSets<T> {
    /// The value stored for this set of steps.
    pub fn get(&self, steps: &[Step]) -> Option<&T> {
        let same_set = |known: &[Step]| {
            known.len() == steps.len() && steps.iter().all(|step| known.contains(step))
        };
        self.by_fingerprint
            .get(&fingerprint(steps))?
            .iter()
            .find(|(known, _)| same_set(known))
            .map(|(_, value)| value)
    }

    /// Stores `value` for this set of steps.
    pub fn insert(&mut self, steps: Vec<Step>, value: T) {
        self.by_fingerprint
            .entry(fingerprint(&steps))
            .or_default()
            .push((steps, value));
    }
}

fn step_order(step: &Step) -> (Effort, i64, i64, u8) {
    (step.effort(), step.months(), step.money(), step.slot())
}

/// The merchant's own levers on the grade: the steps that change what the model or its policy
/// overlays read, for this profile (none that the profile already satisfies). Choosing another
/// kind of loan is a lever only when the model marks that characteristic `actionable`: the kind
/// of loan should follow how the business uses the money, and a model whose difference between
/// the kinds comes from who got them (the shipped one) must not steer the choice.
pub(crate) fn grade_levers(p: &MerchantProfile, model: Option<&crate::assess::Model>) -> Vec<Step> {
    let mut levers = Vec::new();
    if p.tax.arrears_minor > 0 {
        levers.push(Step::PayTaxArrears {
            amount_minor: p.tax.arrears_minor,
        });
    }
    if p.utility.arrears_minor > 0 {
        levers.push(Step::PayUtilityArrears {
            amount_minor: p.utility.arrears_minor,
        });
    }
    if p.social_insurance.arrears_minor > 0 {
        levers.push(Step::PaySocialInsuranceArrears {
            amount_minor: p.social_insurance.arrears_minor,
        });
    }
    let facility_is_a_lever = model.is_some_and(|m| {
        m.scorecard()
            .characteristics
            .iter()
            .any(|c| c.feature == "revolving" && c.actionable)
    });
    if p.loan.facility == Facility::RevolvingLine && facility_is_a_lever {
        levers.push(Step::ChooseTermLoan);
    }
    if p.court.unsatisfied_judgements > 0 {
        levers.push(Step::SettleJudgements {
            count: p.court.unsatisfied_judgements,
        });
    }
    if p.utility.late_payments_last_12 > 0 {
        levers.push(Step::PayBillsOnTime { to: 0 });
    }
    if p.business.months_in_operation < crate::features::NEW_BUSINESS_MONTHS {
        levers.push(Step::Wait {
            months: crate::features::NEW_BUSINESS_MONTHS - p.business.months_in_operation,
        });
    }
    if p.tax.credit_rating == TaxCreditRating::D {
        levers.push(Step::ReachTaxRating {
            rating: TaxCreditRating::C,
        });
    }
    if p.court.list_status == ListStatus::BlackList {
        levers.push(Step::LeaveBlackList);
    }
    levers
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paying_beats_a_plan_and_plans_yield_to_payment() {
        let mut steps = vec![Step::AgreeTaxPlan { amount_minor: 5 }];
        assert!(merge(&mut steps, Step::PayTaxArrears { amount_minor: 5 }));
        assert_eq!(steps, [Step::PayTaxArrears { amount_minor: 5 }]);
        assert!(merge(&mut steps, Step::AgreeTaxPlan { amount_minor: 5 }));
        assert_eq!(steps, [Step::PayTaxArrears { amount_minor: 5 }]);
    }

    #[test]
    fn merged_steps_take_the_stronger_figure() {
        let mut steps = vec![
            Step::Wait { months: 6 },
            Step::FileTax { months: 1, to: 10 },
        ];
        assert!(merge(&mut steps, Step::Wait { months: 3 }));
        assert!(merge(&mut steps, Step::FileTax { months: 3, to: 12 }));
        assert!(merge(&mut steps, Step::LowerAmount { to_minor: 9 }));
        assert!(merge(&mut steps, Step::LowerAmount { to_minor: 4 }));
        assert_eq!(
            steps,
            [
                Step::Wait { months: 6 },
                Step::FileTax { months: 3, to: 12 },
                Step::LowerAmount { to_minor: 4 }
            ]
        );
        assert!(!merge(
            &mut vec![Step::AddGuarantor {
                guarantor: Guarantor::Individual
            }],
            Step::AddGuarantor {
                guarantor: Guarantor::GovernmentGuaranteeFund
            }
        ));
    }

    #[test]
    fn step_sets_are_found_in_any_order_and_only_as_a_whole() {
        let (a, b) = (
            Step::PayTaxArrears { amount_minor: 1 },
            Step::Wait { months: 2 },
        );
        let mut sets = StepSets::default();
        sets.insert(vec![a.clone(), b.clone()], 7);
        assert_eq!(sets.get(&[b.clone(), a.clone()]), Some(&7));
        assert_eq!(sets.get(std::slice::from_ref(&a)), None);
        assert_eq!(
            sets.get(&[a.clone(), b.clone(), Step::ChooseTermLoan]),
            None
        );
        assert_eq!(sets.get(&[a.clone(), Step::Wait { months: 3 }]), None);
    }

    #[test]
    fn months_earlier_crosses_years_and_keeps_a_safe_day() {
        let date = Date::from_calendar_date(2026, time::Month::March, 31).expect("date");
        assert_eq!(
            months_earlier(date, 15),
            Date::from_calendar_date(2024, time::Month::December, 28).expect("date")
        );
    }

    #[test]
    fn paths_order_steps_by_effort_then_time() {
        let path = Path::new(vec![
            Step::Wait { months: 6 },
            Step::AddGuarantor {
                guarantor: Guarantor::GovernmentGuaranteeFund,
            },
            Step::PayTaxArrears {
                amount_minor: 320_000,
            },
        ]);
        assert_eq!(path.effort, Effort::Months);
        assert!(matches!(path.steps[0], Step::PayTaxArrears { .. }));
        assert!(matches!(path.steps[2], Step::Wait { .. }));
    }
}
