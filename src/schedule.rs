//! Repayment schedules and the cost of credit: equal instalments (等额本息), equal principal
//! (等额本金), either with a grace period on principal, interest-only with a balloon, seasonal
//! repayment (principal due in chosen calendar months, e.g. after a harvest), principal and
//! interest together at maturity (利随本清), interest every quarter with principal at maturity
//! (按季付息到期还本), and a revolving line drawn and repaid any day (随借随还).
//!
//! Money is integer minor units (fen) throughout. Rounding rules, the same for every type:
//! - a month's interest is `balance × annual rate / 12`, rounded half up to the fen; on a
//!   revolving line it is by the day, `balance × annual rate / 360 × the month's days`
//!   (a year of 365 days, February of 28), rounded likewise;
//! - interest accrues monthly and is paid when the type says (every month; every third month
//!   and at maturity; or only at maturity), never compounded in between;
//! - the level instalment of the equal-instalment type is the annuity formula's value rounded
//!   half up to the fen;
//! - any rounding difference is settled in the **last** instalment, whose principal is exactly
//!   the balance left, so the principal parts always sum to the amount lent.
//!
//! The estimated APR is the internal rate of return of what the borrower actually receives
//! (amount lent minus upfront fees) against every payment (instalments plus monthly fees), per
//! *unit period* — the interval between payments: a month for monthly payments, a quarter for
//! quarterly interest, the whole term for a single payment at maturity — times the periods in a
//! year, as US Regulation Z states it (the simple annualised rate, 单利). The effective annual
//! rate, (1 + monthly IRR)^12 − 1, is the compounded annualised rate (年化利率 by the IRR
//! method, PBOC 2021 No. 3). A revolving line's figures assume the whole line drawn at the start
//! and held to the end of the term (as New York's commercial-finance disclosure rule does).

use serde::{Deserialize, Serialize};

use crate::error::{FieldError, Rule};

/// Basis points per whole: rates are hundredths of a percent (3.85 % = 385).
pub const BASIS_POINTS: i64 = 10_000;
/// The highest annual rate accepted, in basis points (China's courts do not protect private
/// lending above 4 × LPR; 36 % is a generous ceiling for bank products).
pub const MAX_RATE_BP: i64 = 3_600;
/// The longest term accepted, in months.
pub const MAX_TERM_MONTHS: u32 = 360;

/// How principal is repaid.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Repayment {
    /// The same payment every month, interest falling and principal rising (等额本息).
    EqualInstalment,
    /// The same principal every month, payments falling (等额本金).
    EqualPrincipal,
    /// Interest monthly, all principal in the last month.
    InterestOnlyBalloon,
    /// Interest monthly; principal in equal parts in the listed calendar months (1–12), any
    /// balance left due in the last month.
    Seasonal {
        /// Calendar months in which principal is repaid.
        months: Vec<u8>,
    },
    /// Principal and all the interest together at maturity, nothing before (利随本清).
    BulletAtMaturity,
    /// Interest every third month and at maturity, all principal at maturity (按季付息到期还本).
    QuarterlyInterest,
    /// A revolving line (随借随还): drawn and repaid any day, interest by the day on what is
    /// drawn, paid monthly. The schedule holds the whole line drawn for the whole term.
    RevolvingLine,
}

impl Repayment {
    /// Whether interest accrued so far is paid with instalment `number` of `term`.
    fn pays_interest(&self, number: u32, term: u32) -> bool {
        match self {
            Repayment::BulletAtMaturity => number == term,
            Repayment::QuarterlyInterest => number % 3 == 0 || number == term,
            _ => true,
        }
    }

    /// Whether principal is repaid in instalments (so a grace period can defer them).
    fn amortises(&self) -> bool {
        matches!(self, Repayment::EqualInstalment | Repayment::EqualPrincipal)
    }
}

/// What is borrowed and on what terms.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LoanTerms {
    /// Amount lent, minor units.
    pub principal_minor: i64,
    /// Nominal annual rate, basis points.
    pub annual_rate_bp: i64,
    /// Term in months (one payment a month).
    pub term_months: u32,
    /// How principal is repaid.
    pub repayment: Repayment,
    /// Calendar month (1–12) of the first payment; seasonal schedules need it.
    #[serde(default = "january")]
    pub first_payment_month: u8,
    /// Fees paid when the loan is made, minor units.
    #[serde(default)]
    pub upfront_fee_minor: i64,
    /// Fees paid with every instalment, minor units.
    #[serde(default)]
    pub monthly_fee_minor: i64,
    /// Months at the start with interest only (a grace period on principal, 宽限期); the
    /// principal is then repaid over the months left. Equal instalment and equal principal only.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub grace_months: u32,
    /// Other fees at given months (0: when the loan is made, taken from what is received; k:
    /// with instalment k) — a catalog's itemised fees, placed by their timing.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub scheduled_fees: Vec<ScheduledFee>,
}

/// A fee due at one month of the loan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScheduledFee {
    /// 0 when the loan is made, else the number of the instalment it is paid with.
    pub month: u32,
    /// Amount, minor units.
    pub amount_minor: i64,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

fn january() -> u8 {
    1
}

/// One month of a schedule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Instalment {
    /// 1 for the first payment.
    pub number: u32,
    /// Calendar month (1–12) it falls in.
    pub calendar_month: u8,
    /// Principal repaid.
    pub principal_minor: i64,
    /// Interest paid.
    pub interest_minor: i64,
    /// Fee paid with it.
    pub fee_minor: i64,
    /// Principal + interest + fee.
    pub payment_minor: i64,
    /// Principal still owed afterwards.
    pub balance_minor: i64,
}

/// A whole schedule and its cost.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Schedule {
    /// Every payment.
    pub instalments: Vec<Instalment>,
    /// Sum of interest.
    pub total_interest_minor: i64,
    /// Upfront plus monthly fees.
    pub total_fees_minor: i64,
    /// Everything paid, fees included.
    pub total_paid_minor: i64,
    /// Interest plus fees: the total cost of credit.
    pub cost_of_credit_minor: i64,
    /// Estimated APR, simple (单利): the IRR per unit period × unit periods in a year, as a
    /// fraction (0.1268 = 12.68 %).
    pub apr: f64,
    /// Effective annual rate, (1 + monthly IRR)^12 − 1: the compounded annualised rate.
    pub effective_annual_rate: f64,
    /// The unit period the APR is stated per, in months (1 monthly, 3 quarterly, the term for
    /// a single payment at maturity).
    pub unit_period_months: u32,
}

impl Schedule {
    /// The first payment due, fees included (a loan repaid at maturity has nothing before it;
    /// the same as [`Totals::first_payment_minor`]).
    pub fn first_payment_due_minor(&self) -> i64 {
        self.instalments
            .iter()
            .map(|i| i.payment_minor)
            .find(|&payment| payment != 0)
            .unwrap_or(0)
    }
}

/// A schedule's sums: what a loan costs, without the month-by-month table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Totals {
    /// The first payment that is not nothing, fees included.
    pub first_payment_minor: i64,
    /// The largest instalment (the balloon or a seasonal month), fees included.
    pub largest_payment_minor: i64,
    /// Interest over the whole term.
    pub total_interest_minor: i64,
    /// Upfront and monthly fees.
    pub total_fees_minor: i64,
    /// Everything paid, fees included.
    pub total_paid_minor: i64,
    /// Interest plus fees: the total cost of credit.
    pub cost_of_credit_minor: i64,
}

/// Problems with loan terms, each naming the field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[error("{} problem(s) with the loan terms", .errors.len())]
pub struct TermsErrors {
    /// The problems.
    pub errors: Vec<FieldError>,
}

/// Rounds `numerator / denominator` half up (both non-negative).
pub(crate) fn div_round(numerator: i128, denominator: i128) -> i64 {
    ((2 * numerator + denominator) / (2 * denominator)) as i64
}

/// Interest on `balance` for `parts` of a year divided in `per_year` (a month of twelve, or days
/// of 360), rounded half up.
fn interest(balance: i64, rate_bp: i64, parts: i64, per_year: i64) -> i64 {
    let denominator = per_year * BASIS_POINTS;
    // Checked amounts (≤ 10¹² fen) times checked rates (≤ 3,600 bp) and at most 31 days fit an
    // i64 with room to spare; 128-bit division is a slow library call in wasm and this runs
    // once a month of every offer matched.
    match balance
        .checked_mul(rate_bp)
        .and_then(|product| product.checked_mul(parts))
    {
        Some(product) if (0..=(i64::MAX - denominator) / 2).contains(&product) => {
            (2 * product + denominator) / (2 * denominator)
        }
        _ => div_round(
            i128::from(balance) * i128::from(rate_bp) * i128::from(parts),
            i128::from(denominator),
        ),
    }
}

/// Days in a calendar month (1–12) of a year of 365 days.
fn days_in(calendar_month: u8) -> i64 {
    match calendar_month {
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl LoanTerms {
    fn check(&self) -> Result<(), TermsErrors> {
        let mut errors = Vec::new();
        let max = crate::profile::limits::MAX_AMOUNT_MINOR;
        if self.principal_minor <= 0 {
            errors.push(FieldError::new(
                "principal_minor",
                Rule::OutOfRange { min: 1, max },
            ));
        } else if self.principal_minor > max {
            errors.push(FieldError::new("principal_minor", Rule::TooLarge { max }));
        }
        if !(0..=MAX_RATE_BP).contains(&self.annual_rate_bp) {
            errors.push(FieldError::new(
                "annual_rate_bp",
                Rule::OutOfRange {
                    min: 0,
                    max: MAX_RATE_BP,
                },
            ));
        }
        if !(1..=MAX_TERM_MONTHS).contains(&self.term_months) {
            errors.push(FieldError::new(
                "term_months",
                Rule::OutOfRange {
                    min: 1,
                    max: i64::from(MAX_TERM_MONTHS),
                },
            ));
        }
        if !(1..=12).contains(&self.first_payment_month) {
            errors.push(FieldError::new(
                "first_payment_month",
                Rule::OutOfRange { min: 1, max: 12 },
            ));
        }
        if self.grace_months > 0 {
            let most = if self.repayment.amortises() {
                i64::from(self.term_months.max(1) - 1)
            } else {
                0
            };
            if i64::from(self.grace_months) > most {
                errors.push(FieldError::new(
                    "grace_months",
                    Rule::OutOfRange { min: 0, max: most },
                ));
            }
        }
        if let Repayment::Seasonal { months } = &self.repayment {
            if months.is_empty() {
                errors.push(FieldError::new("repayment.months", Rule::Required));
            }
            for (i, month) in months.iter().enumerate() {
                if !(1..=12).contains(month) {
                    errors.push(FieldError::new(
                        format!("repayment.months[{i}]"),
                        Rule::OutOfRange { min: 1, max: 12 },
                    ));
                }
            }
        }
        for (field, fee) in [
            ("upfront_fee_minor", self.upfront_fee_minor),
            ("monthly_fee_minor", self.monthly_fee_minor),
        ] {
            if fee < 0 {
                errors.push(FieldError::new(field, Rule::Negative));
            } else if fee > max {
                errors.push(FieldError::new(field, Rule::TooLarge { max }));
            }
        }
        for (i, fee) in self.scheduled_fees.iter().enumerate() {
            if fee.amount_minor < 0 {
                errors.push(FieldError::new(
                    format!("scheduled_fees[{i}].amount_minor"),
                    Rule::Negative,
                ));
            } else if fee.amount_minor > max {
                errors.push(FieldError::new(
                    format!("scheduled_fees[{i}].amount_minor"),
                    Rule::TooLarge { max },
                ));
            }
            if fee.month > self.term_months {
                errors.push(FieldError::new(
                    format!("scheduled_fees[{i}].month"),
                    Rule::OutOfRange {
                        min: 0,
                        max: i64::from(self.term_months),
                    },
                ));
            }
        }
        let upfront = self.upfront_fee_minor.saturating_add(self.fees_at(0));
        if self.principal_minor > 0 && upfront >= self.principal_minor {
            errors.push(FieldError::new(
                "upfront_fee_minor",
                Rule::Exceeds {
                    other: "principal_minor".into(),
                    limit: self.principal_minor - 1,
                },
            ));
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(TermsErrors { errors })
        }
    }

    /// The scheduled fees due at `month` (0: when the loan is made).
    fn fees_at(&self, month: u32) -> i64 {
        self.scheduled_fees
            .iter()
            .filter(|fee| fee.month == month)
            .fold(0i64, |sum, fee| sum.saturating_add(fee.amount_minor.max(0)))
    }

    /// Everything paid when the loan is made: the upfront fee and the fees scheduled then.
    pub fn paid_at_start(&self) -> i64 {
        self.upfront_fee_minor + self.fees_at(0)
    }

    /// Months over which principal is repaid in instalments (the term less the grace).
    fn amortising_months(&self) -> u32 {
        self.term_months - self.grace_months.min(self.term_months - 1)
    }

    /// The level payment of an equal-instalment loan, rounded half up to the fen.
    fn level_payment(&self) -> i64 {
        let months = self.amortising_months();
        let n = i32::try_from(months).unwrap_or(i32::MAX);
        let principal = self.principal_minor as f64;
        if self.annual_rate_bp == 0 {
            return div_round(i128::from(self.principal_minor), i128::from(months));
        }
        let r = self.annual_rate_bp as f64 / (12.0 * BASIS_POINTS as f64);
        let growth = libm::pow(1.0 + r, f64::from(n));
        libm::round(principal * r * growth / (growth - 1.0)) as i64
    }

    /// Principal due in instalment `number` before the last is settled.
    fn planned_principal(
        &self,
        plan: &Plan,
        number: u32,
        calendar_month: u8,
        balance: i64,
        interest: i64,
    ) -> i64 {
        if number <= self.grace_months {
            return 0;
        }
        match &self.repayment {
            Repayment::EqualInstalment => plan.level - interest,
            Repayment::EqualPrincipal => self.principal_minor / i64::from(self.amortising_months()),
            Repayment::Seasonal { months } if months.contains(&calendar_month) => {
                plan.seasonal_share.min(balance)
            }
            Repayment::InterestOnlyBalloon
            | Repayment::Seasonal { .. }
            | Repayment::BulletAtMaturity
            | Repayment::QuarterlyInterest
            | Repayment::RevolvingLine => 0,
        }
    }

    /// The interval between payments the APR is stated per, in months.
    pub fn unit_period_months(&self) -> u32 {
        match self.repayment {
            Repayment::BulletAtMaturity => self.term_months,
            Repayment::QuarterlyInterest if self.term_months >= 3 => 3,
            Repayment::QuarterlyInterest => self.term_months,
            _ => 1,
        }
    }

    fn calendar_month(&self, number: u32) -> u8 {
        ((u32::from(self.first_payment_month) - 1 + number - 1) % 12 + 1) as u8
    }

    fn seasonal_payment_count(&self, months: &[u8]) -> i64 {
        (1..=self.term_months)
            .filter(|&k| months.contains(&self.calendar_month(k)))
            .count() as i64
    }

    /// The schedule, or every problem with the terms.
    pub fn schedule(&self) -> Result<Schedule, TermsErrors> {
        self.check()?;
        let instalments: Vec<Instalment> = self.instalments().collect();
        let totals = self.totals_of(instalments.iter());
        let payments: Vec<i64> = instalments.iter().map(|i| i.payment_minor).collect();
        let period = self.unit_period_months();
        let (apr, effective_annual_rate) = annualised_rates(
            self.principal_minor - self.paid_at_start(),
            &payments,
            period,
            self.annual_rate_bp as f64 / (12.0 * BASIS_POINTS as f64),
        );
        Ok(Schedule {
            instalments,
            total_interest_minor: totals.total_interest_minor,
            total_fees_minor: totals.total_fees_minor,
            total_paid_minor: totals.total_paid_minor,
            cost_of_credit_minor: totals.cost_of_credit_minor,
            apr,
            effective_annual_rate,
            unit_period_months: period,
        })
    }

    /// The schedule's sums without the schedule itself or the APR: what product matching needs
    /// to rank hundreds of offers by cost (no allocation, no root finding). Always equal to the
    /// same fields of [`LoanTerms::schedule`].
    pub fn totals(&self) -> Result<Totals, TermsErrors> {
        self.check()?;
        Ok(self.totals_of(self.instalments()))
    }

    fn totals_of<I: std::borrow::Borrow<Instalment>>(
        &self,
        instalments: impl Iterator<Item = I>,
    ) -> Totals {
        let (mut interest, mut paid, mut first, mut largest) = (0, 0, 0, 0);
        for instalment in instalments {
            let instalment = instalment.borrow();
            interest += instalment.interest_minor;
            paid += instalment.payment_minor;
            if first == 0 {
                first = instalment.payment_minor;
            }
            largest = largest.max(instalment.payment_minor);
        }
        let scheduled: i64 = self.scheduled_fees.iter().map(|fee| fee.amount_minor).sum();
        let fees = self.upfront_fee_minor
            + self.monthly_fee_minor * i64::from(self.term_months)
            + scheduled;
        Totals {
            first_payment_minor: first,
            largest_payment_minor: largest,
            total_interest_minor: interest,
            total_fees_minor: fees,
            total_paid_minor: paid + self.paid_at_start(),
            cost_of_credit_minor: interest + fees,
        }
    }

    /// The instalments of checked terms, one a month.
    fn instalments(&self) -> impl Iterator<Item = Instalment> + '_ {
        let plan = Plan {
            level: match self.repayment {
                Repayment::EqualInstalment => self.level_payment(),
                _ => 0,
            },
            seasonal_share: match &self.repayment {
                Repayment::Seasonal { months } => {
                    let due_months = self.seasonal_payment_count(months);
                    if due_months == 0 {
                        0
                    } else {
                        self.principal_minor / due_months
                    }
                }
                _ => 0,
            },
        };
        let mut balance = self.principal_minor;
        // Months (or, on a revolving line, days) of interest accrued and not yet paid: only the
        // quarterly and at-maturity types hold any over a month end, on a balance that does not
        // change until maturity, and it is rounded once, when paid, never compounded.
        let mut accrued = 0;
        let (per_year, revolving) = match self.repayment {
            Repayment::RevolvingLine => (360, true),
            _ => (12, false),
        };
        (1..=self.term_months).map(move |number| {
            let calendar_month = self.calendar_month(number);
            accrued += if revolving {
                days_in(calendar_month)
            } else {
                1
            };
            let interest = if self.repayment.pays_interest(number, self.term_months) {
                interest(
                    balance,
                    self.annual_rate_bp,
                    std::mem::take(&mut accrued),
                    per_year,
                )
            } else {
                0
            };
            let principal = if number == self.term_months {
                balance
            } else {
                self.planned_principal(&plan, number, calendar_month, balance, interest)
                    .clamp(0, balance)
            };
            balance -= principal;
            let fee = self.monthly_fee_minor + self.fees_at(number);
            Instalment {
                number,
                calendar_month,
                principal_minor: principal,
                interest_minor: interest,
                fee_minor: fee,
                payment_minor: principal + interest + fee,
                balance_minor: balance,
            }
        })
    }
}

/// Per-schedule constants, computed once rather than every month.
struct Plan {
    /// The equal-instalment level payment.
    level: i64,
    /// The seasonal principal share due in each repayment month.
    seasonal_share: i64,
}

/// The annualised rates of a loan from its cash flows: `received` at the start (the amount lent
/// less upfront fees) against a payment at the end of each month (zero where none is due), as
/// `(simple, compounded)`: the IRR per unit period of `unit_period_months` × the periods in a
/// year (单利, Regulation Z's APR), and (1 + monthly IRR)^12 − 1 (年化利率 by the IRR method).
/// `guess` is a monthly rate to start from (the nominal one).
pub fn annualised_rates(
    received: i64,
    monthly_payments: &[i64],
    unit_period_months: u32,
    guess: f64,
) -> (f64, f64) {
    let monthly = monthly_irr(received, monthly_payments, guess);
    let period = unit_period_months.max(1);
    let simple = if period == 1 {
        monthly * 12.0
    } else {
        // The unit period's rate, compounded from the monthly one, simple over the year.
        (libm::pow(1.0 + monthly, f64::from(period)) - 1.0) * 12.0 / f64::from(period)
    };
    (simple, libm::pow(1.0 + monthly, 12.0) - 1.0)
}

/// The monthly rate `i` at which the payments' present value equals `received`.
///
/// Newton's method from `guess` (the nominal monthly rate, usually within a few hundredths of a
/// percent of the answer) converges in a handful of steps; should it leave the plausible range
/// or stall, bisection finishes the job (the present value falls monotonically in `i`, so
/// bisection always converges). Discount factors are built by repeated multiplication, not
/// `pow`, which keeps one evaluation to a multiply-add per payment.
fn monthly_irr(received: i64, payments: &[i64], guess: f64) -> f64 {
    const LOW: f64 = -0.99;
    const HIGH: f64 = 1.0;
    let received = received as f64;
    // The present value minus `received`, and its derivative in `i`.
    let excess = |i: f64| -> (f64, f64) {
        let v = 1.0 / (1.0 + i);
        let (mut discount, mut value, mut slope) = (1.0, -received, 0.0);
        for (k, &payment) in payments.iter().enumerate() {
            discount *= v;
            value += payment as f64 * discount;
            slope -= (k + 1) as f64 * payment as f64 * discount * v;
        }
        (value, slope)
    };
    let mut i = guess.clamp(LOW, HIGH);
    for _ in 0..50 {
        let (value, slope) = excess(i);
        if slope == 0.0 || !slope.is_finite() {
            break;
        }
        let next = i - value / slope;
        if !(LOW..=HIGH).contains(&next) {
            break;
        }
        if (next - i).abs() <= 1e-15 * (1.0 + i.abs()) {
            return next;
        }
        i = next;
    }
    let (mut low, mut high) = (LOW, HIGH);
    for _ in 0..200 {
        let mid = (low + high) / 2.0;
        if excess(mid).0 > 0.0 {
            low = mid;
        } else {
            high = mid;
        }
        if high - low <= f64::EPSILON {
            break;
        }
    }
    (low + high) / 2.0
}
