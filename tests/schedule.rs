//! Repayment schedules: hand-computed examples for each type, the standard annuity formula as a
//! golden reference, and properties (principal sums exactly, APR ≥ rate when there are fees).

#[path = "support/golden.rs"]
mod golden;

use prequal::schedule::{LoanTerms, Repayment, Schedule};
use proptest::prelude::*;

fn terms(principal_yuan: i64, rate_bp: i64, months: u32, repayment: Repayment) -> LoanTerms {
    LoanTerms {
        principal_minor: principal_yuan * 100,
        annual_rate_bp: rate_bp,
        term_months: months,
        repayment,
        first_payment_month: 1,
        upfront_fee_minor: 0,
        monthly_fee_minor: 0,
        grace_months: 0,
        scheduled_fees: Vec::new(),
    }
}

fn schedule(t: &LoanTerms) -> Schedule {
    t.schedule().expect("valid terms")
}

/// The fields named by the errors of terms that must be refused.
fn refused_fields(t: &LoanTerms) -> Vec<String> {
    t.schedule()
        .expect_err("invalid")
        .errors
        .into_iter()
        .map(|e| e.field)
        .collect()
}

#[test]
fn equal_instalment_by_hand() {
    // ¥100,000 at 12 % for 12 months: 1 % a month; payment = P·r(1+r)^n / ((1+r)^n − 1) = ¥8,884.88.
    let s = schedule(&terms(100_000, 1200, 12, Repayment::EqualInstalment));
    assert!(s.instalments[..11]
        .iter()
        .all(|i| i.payment_minor == 888_488));
    assert_eq!(s.instalments[0].interest_minor, 100_000); // ¥1,000.00: 1 % of ¥100,000
    assert_eq!(s.instalments[0].principal_minor, 788_488);
    // Month by month with the documented rounding (checked independently with Python's
    // Decimal): interest totals ¥6,618.53.
    assert_eq!(s.total_interest_minor, 661_853);
    assert_eq!(s.instalments[11].balance_minor, 0);
    assert!((s.apr - 0.12).abs() < 1e-6, "APR {}", s.apr);
    assert!((s.effective_annual_rate - 0.126_825).abs() < 1e-5);
}

#[test]
fn equal_principal_by_hand() {
    // ¥120,000 at 12 % for 12 months: ¥10,000 principal a month; interest ¥1,200, ¥1,100, … ¥100.
    let s = schedule(&terms(120_000, 1200, 12, Repayment::EqualPrincipal));
    for (k, i) in s.instalments.iter().enumerate() {
        assert_eq!(i.principal_minor, 1_000_000);
        assert_eq!(i.interest_minor, (1200 - 100 * k as i64) * 100);
    }
    assert_eq!(s.total_interest_minor, 780_000);
    assert_eq!(s.instalments[0].payment_minor, 1_120_000);
    assert_eq!(s.instalments[11].payment_minor, 1_010_000);
}

#[test]
fn interest_only_with_balloon_by_hand() {
    // ¥100,000 at 6 % for 12 months: ¥500 interest a month, ¥100,500 at the end.
    let s = schedule(&terms(100_000, 600, 12, Repayment::InterestOnlyBalloon));
    assert!(s.instalments[..11]
        .iter()
        .all(|i| i.payment_minor == 50_000 && i.principal_minor == 0));
    assert_eq!(s.instalments[11].payment_minor, 10_050_000);
    assert_eq!(s.total_interest_minor, 600_000);
}

#[test]
fn seasonal_repayment_after_harvest() {
    // ¥120,000 at 12 %, first payment in January; principal due in October and November.
    let s = schedule(&terms(
        120_000,
        1200,
        12,
        Repayment::Seasonal {
            months: vec![10, 11],
        },
    ));
    let paid: Vec<(u8, i64)> = s
        .instalments
        .iter()
        .filter(|i| i.principal_minor > 0)
        .map(|i| (i.calendar_month, i.principal_minor))
        .collect();
    assert_eq!(paid, [(10, 6_000_000), (11, 6_000_000)]);
    // Nine months' interest on ¥120,000, then October on ¥120,000, November on ¥60,000, December none.
    assert_eq!(s.total_interest_minor, 10 * 120_000 + 60_000);
    assert_eq!(s.instalments[11].payment_minor, 0);
}

#[test]
fn seasonal_months_follow_the_first_payment_month() {
    let mut t = terms(90_000, 800, 18, Repayment::Seasonal { months: vec![9] });
    t.first_payment_month = 11;
    let s = schedule(&t);
    // Calendar months run 11, 12, 1, … ; September falls at payments 11 (and not again within 18).
    let due: Vec<u32> = s
        .instalments
        .iter()
        .filter(|i| i.principal_minor > 0)
        .map(|i| i.number)
        .collect();
    assert_eq!(due, [11]);
    assert_eq!(s.instalments[10].principal_minor, 9_000_000);
}

#[test]
fn a_zero_rate_loan_costs_nothing_and_has_zero_apr() {
    let s = schedule(&terms(1_000, 0, 3, Repayment::EqualInstalment));
    assert_eq!(s.total_interest_minor, 0);
    let principal: Vec<i64> = s.instalments.iter().map(|i| i.principal_minor).collect();
    assert_eq!(principal, [33_333, 33_333, 33_334]);
    assert!(s.apr.abs() < 1e-9);
}

#[test]
fn fees_raise_the_apr() {
    let mut t = terms(100_000, 1200, 12, Repayment::EqualInstalment);
    t.upfront_fee_minor = 100_000; // 1 %
    let s = schedule(&t);
    assert_eq!(s.total_fees_minor, 100_000);
    assert_eq!(s.cost_of_credit_minor, 661_853 + 100_000);
    assert!(s.apr > 0.13 && s.apr < 0.14, "APR {}", s.apr);
}

#[test]
fn bad_terms_name_every_field() {
    let t = LoanTerms {
        principal_minor: 0,
        annual_rate_bp: 99_999,
        term_months: 0,
        repayment: Repayment::Seasonal { months: vec![13] },
        first_payment_month: 0,
        upfront_fee_minor: -1,
        monthly_fee_minor: 0,
        grace_months: 0,
        scheduled_fees: Vec::new(),
    };
    let fields = refused_fields(&t);
    assert_eq!(
        fields,
        [
            "principal_minor",
            "annual_rate_bp",
            "term_months",
            "first_payment_month",
            "repayment.months[0]",
            "upfront_fee_minor"
        ]
    );
}

fn any_repayment() -> impl Strategy<Value = Repayment> {
    prop_oneof![
        Just(Repayment::EqualInstalment),
        Just(Repayment::EqualPrincipal),
        Just(Repayment::InterestOnlyBalloon),
        prop::collection::vec(1u8..=12, 1..4).prop_map(|months| Repayment::Seasonal { months }),
        Just(Repayment::BulletAtMaturity),
        Just(Repayment::QuarterlyInterest),
        Just(Repayment::RevolvingLine),
    ]
}

proptest! {
    #[test]
    fn principal_parts_sum_exactly_to_the_principal(
        principal in 1i64..10_000_000_000, rate in 0i64..=3600, months in 1u32..=360,
        repayment in any_repayment(), first in 1u8..=12,
    ) {
        let t = LoanTerms { principal_minor: principal, annual_rate_bp: rate, term_months: months, repayment, first_payment_month: first, upfront_fee_minor: 0, monthly_fee_minor: 0, grace_months: 0, scheduled_fees: Vec::new() };
        let s = schedule(&t);
        prop_assert_eq!(s.instalments.len(), months as usize);
        prop_assert_eq!(s.instalments.iter().map(|i| i.principal_minor).sum::<i64>(), principal);
        prop_assert!(s.instalments.iter().all(|i| i.principal_minor >= 0 && i.balance_minor >= 0));
        prop_assert_eq!(s.instalments.last().map(|i| i.balance_minor), Some(0));
        prop_assert_eq!(s.total_paid_minor, principal + s.total_interest_minor);
    }

    #[test]
    fn apr_is_at_least_the_nominal_rate_when_there_are_fees(
        principal in 100_000i64..1_000_000_000, rate in 0i64..=3600, months in 1u32..=120,
        repayment in any_repayment(), upfront in 1i64..10_000, monthly in 0i64..1_000,
    ) {
        let revolving = repayment == Repayment::RevolvingLine;
        let t = LoanTerms { principal_minor: principal, annual_rate_bp: rate, term_months: months, repayment, first_payment_month: 1, upfront_fee_minor: upfront, monthly_fee_minor: monthly, grace_months: 0, scheduled_fees: Vec::new() };
        let s = schedule(&t);
        // A revolving line charges by the day at rate / 360: over whole years (365 days each)
        // that is above the rate; over a short term that holds February it can be below, as
        // `revolving_line_by_hand` shows.
        prop_assume!(!revolving || months % 12 == 0);
        let nominal = rate as f64 / 10_000.0;
        prop_assert!(s.apr >= nominal - 1e-9, "APR {} < nominal {}", s.apr, nominal);
    }

    /// Golden reference: the level instalment is the standard annuity formula, rounded.
    #[test]
    fn level_instalment_matches_the_annuity_formula(
        principal in 100_000i64..1_000_000_000, rate in 1i64..=3600, months in 2u32..=360,
    ) {
        let s = schedule(&LoanTerms { principal_minor: principal, annual_rate_bp: rate, term_months: months, repayment: Repayment::EqualInstalment, first_payment_month: 1, upfront_fee_minor: 0, monthly_fee_minor: 0, grace_months: 0, scheduled_fees: Vec::new() });
        let r = rate as f64 / 120_000.0;
        let growth = libm::pow(1.0 + r, months as f64);
        let expected = libm::round(principal as f64 * r * growth / (growth - 1.0)) as i64;
        prop_assert_eq!(s.instalments[0].payment_minor, expected);
        // The last instalment differs from the level one only by rounding: each month the level
        // payment (½ fen) and the interest (½ fen) are rounded, and that error in the balance
        // compounds at r, so at most ((1+r)^n − 1) / r fen, plus one for the last rounding.
        let last = s.instalments.last().map_or(0, |i| i.payment_minor);
        let bound = (growth - 1.0) / r + 1.0;
        prop_assert!(((last - expected).abs() as f64) <= bound, "last {} vs {} (bound {})", last, expected, bound);
    }
}

proptest! {
    /// The allocation-free sums matching ranks offers by are the schedule's own sums.
    #[test]
    fn totals_equal_the_full_schedule(
        principal in 1i64..10_000_000_000, rate in 0i64..=3600, months in 1u32..=120,
        repayment in any_repayment(), first in 1u8..=12, upfront in 0i64..1_000, monthly in 0i64..1_000,
        fee_month in 1u32..=120, fee in 0i64..100_000,
    ) {
        // A later itemised fee (one at the start would be limited by the principal like `upfront`).
        let scheduled_fees = vec![prequal::schedule::ScheduledFee { month: fee_month.min(months), amount_minor: fee }];
        let t = LoanTerms { principal_minor: principal, annual_rate_bp: rate, term_months: months, repayment, first_payment_month: first, upfront_fee_minor: upfront.min(principal - 1), monthly_fee_minor: monthly, grace_months: 0, scheduled_fees };
        let s = schedule(&t);
        let totals = t.totals().expect("valid terms");
        prop_assert_eq!(totals.total_interest_minor, s.total_interest_minor);
        prop_assert_eq!(totals.total_fees_minor, s.total_fees_minor);
        prop_assert_eq!(totals.total_paid_minor, s.total_paid_minor);
        prop_assert_eq!(totals.cost_of_credit_minor, s.cost_of_credit_minor);
        let first_due = s.instalments.iter().map(|i| i.payment_minor).find(|&p| p != 0).unwrap_or(0);
        prop_assert_eq!(totals.first_payment_minor, first_due);
        prop_assert_eq!(s.first_payment_due_minor(), first_due);
        prop_assert_eq!(Some(totals.largest_payment_minor), s.instalments.iter().map(|i| i.payment_minor).max());
    }

    /// The IRR reproduces the amount received: discounting the payments at the APR / 12 gives
    /// back the principal less upfront fees, to a fraction of a fen.
    #[test]
    fn apr_discounts_the_payments_back_to_the_amount_received(
        principal in 100_000i64..1_000_000_000, rate in 0i64..=3600, months in 1u32..=360,
        repayment in any_repayment(), upfront in 0i64..100_000,
    ) {
        let t = LoanTerms { principal_minor: principal, annual_rate_bp: rate, term_months: months, repayment, first_payment_month: 1, upfront_fee_minor: upfront, monthly_fee_minor: 0, grace_months: 0, scheduled_fees: Vec::new() };
        let s = schedule(&t);
        // The monthly IRR, from the compounded annual rate (the APR is per unit period).
        let i = libm::pow(1.0 + s.effective_annual_rate, 1.0 / 12.0) - 1.0;
        let present: f64 = s.instalments.iter().map(|p| p.payment_minor as f64 / libm::pow(1.0 + i, f64::from(p.number))).sum();
        let received = (principal - upfront) as f64;
        prop_assert!((present - received).abs() <= 1e-6 * received, "{present} vs {received}");
    }
}

/// The People's Bank of China's worked example (2021 No. 3, on stating the annualised rate):
/// ¥100,000 lent, a ¥1,000 fee, 12 monthly payments of ¥8,833.30 — 12.80 % simple (单利) and
/// 13.58 % compounded (年化利率 by the IRR method), reproduced to 0.01 % by the IRR every
/// schedule's rates come from.
#[test]
fn the_pboc_worked_example() {
    let (simple, compounded) =
        prequal::schedule::annualised_rates(9_900_000, &[883_330; 12], 1, 0.01);
    assert!((simple - 0.1280).abs() < 0.0001, "simple {simple}");
    assert!(
        (compounded - 0.1358).abs() < 0.0001,
        "compounded {compounded}"
    );
    // The same through a schedule: the nearest whole-basis-point rate (10.90 %) with the fee.
    let mut t = terms(100_000, 1090, 12, Repayment::EqualInstalment);
    t.upfront_fee_minor = 100_000;
    let s = schedule(&t);
    assert_eq!(s.instalments[0].payment_minor, 883_350);
    assert!((s.apr - 0.1280).abs() < 0.0002, "simple {}", s.apr);
    assert!((s.effective_annual_rate - 0.1358).abs() < 0.0003);
    assert_eq!(s.unit_period_months, 1);
}

#[test]
fn bullet_at_maturity_by_hand() {
    // ¥100,000 at 6 % for 6 months, 利随本清: nothing until month 6, then ¥100,000 and six
    // months' interest (¥500 a month) together.
    let s = schedule(&terms(100_000, 600, 6, Repayment::BulletAtMaturity));
    assert!(s.instalments[..5].iter().all(|i| i.payment_minor == 0));
    assert_eq!(s.instalments[5].principal_minor, 10_000_000);
    assert_eq!(s.instalments[5].interest_minor, 300_000);
    assert_eq!(s.total_interest_minor, 300_000);
    // One payment: the APR is stated per the whole term, so the simple rate is the nominal one.
    assert_eq!(s.unit_period_months, 6);
    assert!((s.apr - 0.06).abs() < 1e-9, "APR {}", s.apr);
    assert!(s.effective_annual_rate < 0.0609 && s.effective_annual_rate > 0.06);
    let totals = t_totals(&terms(100_000, 600, 6, Repayment::BulletAtMaturity));
    assert_eq!(totals.first_payment_minor, 10_300_000);
}

fn t_totals(t: &LoanTerms) -> prequal::schedule::Totals {
    t.totals().expect("valid terms")
}

#[test]
fn quarterly_interest_by_hand() {
    // ¥120,000 at 8 % for 12 months: ¥800 interest a month, paid ¥2,400 every third month;
    // the principal at the end.
    let s = schedule(&terms(120_000, 800, 12, Repayment::QuarterlyInterest));
    let paid: Vec<(u32, i64)> = s
        .instalments
        .iter()
        .filter(|i| i.payment_minor > 0)
        .map(|i| (i.number, i.interest_minor))
        .collect();
    assert_eq!(
        paid,
        [(3, 240_000), (6, 240_000), (9, 240_000), (12, 240_000)]
    );
    assert_eq!(s.instalments[11].principal_minor, 12_000_000);
    assert_eq!(s.unit_period_months, 3);
    // Quarterly at 2 % a quarter: the simple rate is the nominal 8 %.
    assert!((s.apr - 0.08).abs() < 1e-9, "APR {}", s.apr);
    // A term that is not a whole number of quarters pays what accrued at maturity.
    let s = schedule(&terms(120_000, 800, 7, Repayment::QuarterlyInterest));
    let months: Vec<u32> = s
        .instalments
        .iter()
        .filter(|i| i.payment_minor > 0)
        .map(|i| i.number)
        .collect();
    assert_eq!(months, [3, 6, 7]);
    assert_eq!(s.instalments[6].interest_minor, 80_000);
}

#[test]
fn revolving_line_by_hand() {
    // A ¥100,000 line at 7.2 % drawn in full from January: interest by the day at 7.2 % / 360
    // = ¥20 a day, so ¥620 in January (31 days), ¥560 in February (28), ¥620 in March.
    let s = schedule(&terms(100_000, 720, 3, Repayment::RevolvingLine));
    let interest: Vec<i64> = s.instalments.iter().map(|i| i.interest_minor).collect();
    assert_eq!(interest, [62_000, 56_000, 62_000]);
    assert_eq!(s.instalments[2].principal_minor, 10_000_000);
    // A year of 365 days at a 360-day rate costs more than the nominal rate.
    let year = schedule(&terms(100_000, 720, 12, Repayment::RevolvingLine));
    assert_eq!(year.total_interest_minor, 365 * 2_000);
    assert!(year.apr > 0.072, "APR {}", year.apr);
}

#[test]
fn a_grace_period_defers_principal_then_amortises_over_the_rest() {
    // ¥120,000 at 12 % for 12 months with 3 months' grace: interest only (¥1,200) for three
    // months, then equal principal of ¥13,333.33 over nine.
    let mut t = terms(120_000, 1200, 12, Repayment::EqualPrincipal);
    t.grace_months = 3;
    let s = schedule(&t);
    assert!(s.instalments[..3]
        .iter()
        .all(|i| i.principal_minor == 0 && i.interest_minor == 120_000));
    assert!(s.instalments[3..11]
        .iter()
        .all(|i| i.principal_minor == 1_333_333));
    assert_eq!(
        s.instalments[11].principal_minor,
        12_000_000 - 8 * 1_333_333
    );
    // Equal instalments over the nine months after the grace.
    let mut t = terms(100_000, 1200, 12, Repayment::EqualInstalment);
    t.grace_months = 3;
    let s = schedule(&t);
    let level = s.instalments[3].payment_minor;
    assert!(s.instalments[3..11]
        .iter()
        .all(|i| i.payment_minor == level));
    // 1 % a month over 9 months: ¥100,000 × 0.01 × 1.01⁹ / (1.01⁹ − 1) = ¥11,674.04.
    assert_eq!(level, 1_167_404);
    // Grace is refused where it means nothing, and where it would leave no month to repay.
    let mut bullet = terms(100_000, 1200, 12, Repayment::BulletAtMaturity);
    bullet.grace_months = 2;
    let mut too_long = terms(100_000, 1200, 12, Repayment::EqualInstalment);
    too_long.grace_months = 12;
    for t in [bullet, too_long] {
        assert_eq!(refused_fields(&t), ["grace_months"]);
    }
}

/// Golden schedules of the types added with #16 (and a grace period), checked byte for byte:
/// `tests/golden/schedules.json` (bless with PREQUAL_BLESS=1).
#[test]
fn golden_schedules_of_every_new_type() {
    let mut grace = terms(200_000, 435, 24, Repayment::EqualInstalment);
    grace.grace_months = 6;
    grace.upfront_fee_minor = 50_000;
    let mut revolving = terms(300_000, 396, 12, Repayment::RevolvingLine);
    revolving.first_payment_month = 11;
    let cases = [
        (
            "bullet_at_maturity",
            terms(50_000, 520, 12, Repayment::BulletAtMaturity),
        ),
        (
            "quarterly_interest",
            terms(200_000, 385, 12, Repayment::QuarterlyInterest),
        ),
        ("revolving_line", revolving),
        ("equal_instalment_grace_6", grace),
    ];
    let golden: serde_json::Value = cases
        .iter()
        .map(|(name, t)| ((*name).to_owned(), serde_json::json!(schedule(t))))
        .collect::<serde_json::Map<_, _>>()
        .into();
    let text = serde_json::to_string_pretty(&golden).expect("JSON") + "\n";
    let path = format!("{}/tests/golden/schedules.json", env!("CARGO_MANIFEST_DIR"));
    golden::check(&path, &text);
}

proptest! {
    /// A grace period never changes how much principal is repaid, and only lowers or keeps the
    /// early payments.
    #[test]
    fn grace_keeps_the_principal_and_defers_it(
        principal in 100_000i64..1_000_000_000, rate in 0i64..=3600, months in 2u32..=120,
        grace in 1u32..=24, equal_principal in any::<bool>(), upfront in 1i64..10_000,
    ) {
        let repayment = if equal_principal { Repayment::EqualPrincipal } else { Repayment::EqualInstalment };
        let grace = grace.min(months - 1);
        let t = LoanTerms { principal_minor: principal, annual_rate_bp: rate, term_months: months, repayment, first_payment_month: 1, upfront_fee_minor: upfront, monthly_fee_minor: 0, grace_months: grace, scheduled_fees: Vec::new() };
        let s = schedule(&t);
        prop_assert_eq!(s.instalments.iter().map(|i| i.principal_minor).sum::<i64>(), principal);
        prop_assert!(s.instalments[..grace as usize].iter().all(|i| i.principal_minor == 0));
        // A fee of a fen on millions can sit within the interest's rounding of the rate.
        prop_assert!(s.apr >= rate as f64 / 10_000.0 - 1e-7, "APR {} < rate {}", s.apr, rate);
    }
}

/// Itemised fees at their months: one paid when the loan is made is taken from what the
/// merchant receives, later ones ride with their instalment, and all of them count in the
/// cost and the rates.
#[test]
fn scheduled_fees_count_where_they_fall() {
    use prequal::schedule::ScheduledFee;
    let plain = terms(100_000, 1200, 24, Repayment::EqualInstalment);
    let mut t = plain.clone();
    t.scheduled_fees = vec![
        ScheduledFee {
            month: 0,
            amount_minor: 55_000,
        },
        ScheduledFee {
            month: 12,
            amount_minor: 10_000,
        },
    ];
    let (without, with) = (schedule(&plain), schedule(&t));
    assert_eq!(t.paid_at_start(), 55_000);
    assert_eq!(with.total_fees_minor, 65_000);
    assert_eq!(
        with.cost_of_credit_minor,
        without.cost_of_credit_minor + 65_000
    );
    assert_eq!(with.total_paid_minor, without.total_paid_minor + 65_000);
    assert_eq!(with.instalments[11].fee_minor, 10_000);
    assert_eq!(
        with.instalments[11].payment_minor,
        without.instalments[11].payment_minor + 10_000
    );
    assert!(with.apr > without.apr && with.effective_annual_rate > without.effective_annual_rate);
    // A fee after the term, or one that takes the whole loan, is refused by name.
    t.scheduled_fees[1].month = 25;
    t.scheduled_fees[0].amount_minor = 10_000_000;
    let fields = refused_fields(&t);
    assert_eq!(fields, ["scheduled_fees[1].month", "upfront_fee_minor"]);
}

/// A catalog fee placed by its timing: a yearly rate paid monthly is a twelfth each month, paid
/// yearly it falls at the start of each year of the loan, paid once it covers the whole term.
#[test]
fn catalog_fees_are_placed_by_their_timing() {
    use prequal::catalog::{Charger, Fee, FeeKind, FeeTiming};
    let fee = |timing, bp_per_year| Fee {
        kind: FeeKind::Guarantee,
        charged_by: Charger::GuaranteeInstitution,
        timing,
        flat_minor: None,
        bp_of_amount: None,
        bp_per_year: Some(bp_per_year),
    };
    let placed = |f: &Fee| -> Vec<(u32, i64)> {
        f.scheduled(12_000_000, 30)
            .map(|p| (p.month, p.amount_minor))
            .collect()
    };
    // ¥120,000 at 1.5 % a year.
    assert_eq!(
        placed(&fee(FeeTiming::Yearly, 150)),
        [(0, 180_000), (12, 180_000), (24, 180_000)]
    );
    let monthly = placed(&fee(FeeTiming::Monthly, 150));
    assert_eq!(monthly.len(), 30);
    assert!(monthly.iter().all(|&(_, amount)| amount == 15_000));
    assert_eq!(placed(&fee(FeeTiming::Upfront, 150)), [(0, 450_000)]);
    assert_eq!(placed(&fee(FeeTiming::AtMaturity, 150)), [(30, 450_000)]);
    let flat = Fee {
        flat_minor: Some(55_000),
        bp_per_year: None,
        ..fee(FeeTiming::Upfront, 0)
    };
    assert_eq!(placed(&flat), [(0, 55_000)]);
}
