//! Repayment schedules: hand-computed examples for each type, the standard annuity formula as a
//! golden reference, and properties (principal sums exactly, APR ≥ rate when there are fees).

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
    }
}

fn schedule(t: &LoanTerms) -> Schedule {
    t.schedule().expect("valid terms")
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
    };
    let fields: Vec<String> = t
        .schedule()
        .expect_err("invalid")
        .errors
        .into_iter()
        .map(|e| e.field)
        .collect();
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
    ]
}

proptest! {
    #[test]
    fn principal_parts_sum_exactly_to_the_principal(
        principal in 1i64..10_000_000_000, rate in 0i64..=3600, months in 1u32..=360,
        repayment in any_repayment(), first in 1u8..=12,
    ) {
        let t = LoanTerms { principal_minor: principal, annual_rate_bp: rate, term_months: months, repayment, first_payment_month: first, upfront_fee_minor: 0, monthly_fee_minor: 0 };
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
        let t = LoanTerms { principal_minor: principal, annual_rate_bp: rate, term_months: months, repayment, first_payment_month: 1, upfront_fee_minor: upfront, monthly_fee_minor: monthly };
        let s = schedule(&t);
        prop_assert!(s.apr >= rate as f64 / 10_000.0 - 1e-9, "APR {} < rate {}", s.apr, rate);
    }

    /// Golden reference: the level instalment is the standard annuity formula, rounded.
    #[test]
    fn level_instalment_matches_the_annuity_formula(
        principal in 100_000i64..1_000_000_000, rate in 1i64..=3600, months in 2u32..=360,
    ) {
        let s = schedule(&LoanTerms { principal_minor: principal, annual_rate_bp: rate, term_months: months, repayment: Repayment::EqualInstalment, first_payment_month: 1, upfront_fee_minor: 0, monthly_fee_minor: 0 });
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
    ) {
        let t = LoanTerms { principal_minor: principal, annual_rate_bp: rate, term_months: months, repayment, first_payment_month: first, upfront_fee_minor: upfront.min(principal - 1), monthly_fee_minor: monthly };
        let s = schedule(&t);
        let totals = t.totals().expect("valid terms");
        prop_assert_eq!(totals.total_interest_minor, s.total_interest_minor);
        prop_assert_eq!(totals.total_fees_minor, s.total_fees_minor);
        prop_assert_eq!(totals.total_paid_minor, s.total_paid_minor);
        prop_assert_eq!(totals.cost_of_credit_minor, s.cost_of_credit_minor);
        prop_assert_eq!(totals.first_payment_minor, s.instalments[0].payment_minor);
        prop_assert_eq!(Some(totals.largest_payment_minor), s.instalments.iter().map(|i| i.payment_minor).max());
    }

    /// The IRR reproduces the amount received: discounting the payments at the APR / 12 gives
    /// back the principal less upfront fees, to a fraction of a fen.
    #[test]
    fn apr_discounts_the_payments_back_to_the_amount_received(
        principal in 100_000i64..1_000_000_000, rate in 0i64..=3600, months in 1u32..=360,
        repayment in any_repayment(), upfront in 0i64..100_000,
    ) {
        let t = LoanTerms { principal_minor: principal, annual_rate_bp: rate, term_months: months, repayment, first_payment_month: 1, upfront_fee_minor: upfront, monthly_fee_minor: 0 };
        let s = schedule(&t);
        let i = s.apr / 12.0;
        let present: f64 = s.instalments.iter().map(|p| p.payment_minor as f64 / libm::pow(1.0 + i, f64::from(p.number))).sum();
        let received = (principal - upfront) as f64;
        prop_assert!((present - received).abs() <= 1e-6 * received, "{present} vs {received}");
    }
}
