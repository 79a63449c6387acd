//! Arbitrary loan terms: the schedule calculator returns a schedule or named problems, never
//! panics, and every schedule it returns adds up (principal repaid in full, each payment the
//! sum of its parts, the balance falling to zero).
#![no_main]

use libfuzzer_sys::arbitrary::{self, Arbitrary};
use libfuzzer_sys::fuzz_target;
use prequal::schedule::{LoanTerms, Repayment};

#[derive(Arbitrary, Debug)]
struct Input {
    principal_minor: i64,
    annual_rate_bp: i64,
    term_months: u32,
    repayment: u8,
    months: Vec<u8>,
    first_payment_month: u8,
    upfront_fee_minor: i64,
    monthly_fee_minor: i64,
    grace_months: u32,
}

fuzz_target!(|input: Input| {
    let repayment = match input.repayment % 7 {
        0 => Repayment::EqualInstalment,
        1 => Repayment::EqualPrincipal,
        2 => Repayment::InterestOnlyBalloon,
        3 => Repayment::BulletAtMaturity,
        4 => Repayment::QuarterlyInterest,
        5 => Repayment::RevolvingLine,
        _ => Repayment::Seasonal {
            months: input.months.clone(),
        },
    };
    let terms = LoanTerms {
        principal_minor: input.principal_minor,
        annual_rate_bp: input.annual_rate_bp,
        term_months: input.term_months,
        repayment,
        first_payment_month: input.first_payment_month,
        upfront_fee_minor: input.upfront_fee_minor,
        monthly_fee_minor: input.monthly_fee_minor,
        grace_months: input.grace_months,
        scheduled_fees: Vec::new(),
    };
    let Ok(schedule) = terms.schedule() else {
        return;
    };
    let principal: i64 = schedule.instalments.iter().map(|i| i.principal_minor).sum();
    assert_eq!(principal, terms.principal_minor, "principal repaid in full");
    for instalment in &schedule.instalments {
        assert_eq!(
            instalment.payment_minor,
            instalment.principal_minor + instalment.interest_minor + instalment.fee_minor
        );
        assert!(instalment.balance_minor >= 0);
    }
    assert_eq!(schedule.instalments.last().map(|i| i.balance_minor), Some(0));
    assert_eq!(schedule.instalments.len(), terms.term_months as usize);
});
