//! A deterministic generator of valid merchant profiles, shared by the native tests and the
//! browser (wasm) tests so both score exactly the same inputs. It uses a plain 64-bit LCG, not
//! a library RNG, so the sequence is identical on every platform and version.

use prequal::classification::INDUSTRIES;
use prequal::profile::{Facility, MerchantProfile, Setting};

/// Knuth's MMIX linear congruential generator.
pub struct Lcg(u64);

impl Lcg {
    pub fn new(seed: u64) -> Self {
        Lcg(seed)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }

    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// `count` valid profiles derived from `base` (a valid profile dated 2026-11-01, registered
/// 2016-03-15 or earlier).
pub fn generate(base: &MerchantProfile, count: usize) -> Vec<MerchantProfile> {
    let mut rng = Lcg::new(20_261_123);
    (0..count)
        .map(|_| {
            let mut p = base.clone();
            p.business.industry = INDUSTRIES[rng.below(INDUSTRIES.len() as u64) as usize]
                .code
                .to_owned();
            p.business.employees = 1 + rng.below(400) as i64;
            p.business.months_in_operation = 1 + rng.below(128) as i64;
            p.business.franchise = rng.below(5) == 0;
            p.location.setting = if rng.below(3) == 0 {
                Setting::Rural
            } else {
                Setting::Urban
            };
            p.loan.amount_minor = (10_000 + rng.below(5_000_000) as i64) * 100;
            p.loan.facility = if rng.below(4) == 0 {
                Facility::RevolvingLine
            } else {
                Facility::TermLoan
            };
            p.collateral.real_estate_value_minor = if rng.below(3) == 0 {
                rng.below(5_000_000) as i64 * 100
            } else {
                0
            };
            p.tax.arrears_minor = if rng.below(6) == 0 {
                rng.below(50_000) as i64 * 100
            } else {
                0
            };
            p.utility.arrears_minor = if rng.below(8) == 0 {
                rng.below(5_000) as i64 * 100
            } else {
                0
            };
            p.court.unsatisfied_judgements = if rng.below(20) == 0 { 1 } else { 0 };
            // Keep the profile consistent with its months in operation.
            let months = p.business.months_in_operation.min(12);
            p.revenue.monthly_minor = (0..months).map(|_| rng.below(50_000_000) as i64).collect();
            p.tax.months_filed_last_12 = p.tax.months_filed_last_12.min(months);
            p.utility.late_payments_last_12 = p.utility.late_payments_last_12.min(months);
            p.social_insurance.months_paid_last_12 =
                p.social_insurance.months_paid_last_12.min(months);
            p.social_insurance.insured_staff =
                p.social_insurance.insured_staff.min(p.business.employees);
            p
        })
        .collect()
}

/// One line per profile: score and the PD's exact bits, the form the golden file holds.
pub fn score_lines(base: &MerchantProfile, model: &prequal::assess::Model) -> String {
    generate(base, 1000)
        .iter()
        .map(|p| {
            let valid = p.validate().expect("generated profiles are valid");
            let a = model.assess(&valid);
            format!(
                "{} {:016x} {}\n",
                a.score,
                a.probability_of_default.to_bits(),
                a.grade
            )
        })
        .collect()
}

/// One line per profile: every feature of the core's library (`features::LIBRARY`), numbers as
/// their exact bits and categories by name — what any model a portal trains reads, so scores
/// under it are the same bits wherever these are.
#[allow(dead_code)] // not every test that includes this file checks features
pub fn feature_lines(base: &MerchantProfile) -> String {
    let conversion = prequal::scorecard::Conversion { cny_per_usd: 7.1 };
    generate(base, 1000)
        .iter()
        .map(|p| {
            let values: Vec<String> = prequal::features::LIBRARY
                .iter()
                .map(|f| match f.value(p, &conversion) {
                    prequal::scorecard::FeatureValue::Number(x) => format!("{:016x}", x.to_bits()),
                    prequal::scorecard::FeatureValue::Category(c) => c,
                })
                .collect();
            values.join(" ") + "\n"
        })
        .collect()
}
