//! `prequal schedule`: prints a repayment schedule, its total cost and estimated APR. Amounts and
//! the rate are read as people type them (yuan, percent) by the core's money parser.

use std::process::ExitCode;

use prequal::money::{format_major, parse_major};
use prequal::schedule::{LoanTerms, Repayment};

use crate::{Format, INVALID};

/// What a rate that cannot be read is told: rates are whole basis points (two decimals of a
/// percent), as in the catalog and the schedule calculator.
const RATE_FORMAT: &str =
    "must be a yearly percentage such as 4.35 or 12, with at most two decimals (whole basis points)";

/// Builds the terms from the flags' text and prints the schedule (exit 1 for bad values, each
/// named by its flag).
pub fn print(
    texts: [(&str, &str); 4],
    months: u32,
    repayment: Repayment,
    first_month: u8,
    grace_months: u32,
    format: Format,
) -> ExitCode {
    let mut numbers = [0i64; 4];
    let mut bad = Vec::new();
    for ((flag, text), number) in texts.iter().zip(&mut numbers) {
        // Yuan and percent both have two decimals: fen and basis points.
        let parsed = if *flag == "--rate" {
            parse_major(text.trim().trim_end_matches('%')).map_err(|_| RATE_FORMAT.to_owned())
        } else {
            parse_major(text).map_err(|rule| rule.to_string())
        };
        match parsed {
            Ok(value) => *number = value,
            Err(message) => bad.push(format!("{flag}: {message}")),
        }
    }
    let [principal_minor, annual_rate_bp, upfront_fee_minor, monthly_fee_minor] = numbers;
    let terms = LoanTerms {
        principal_minor,
        annual_rate_bp,
        term_months: months,
        repayment,
        first_payment_month: first_month,
        upfront_fee_minor,
        monthly_fee_minor,
        grace_months,
        scheduled_fees: Vec::new(),
    };
    let schedule = match (bad.is_empty(), terms.schedule()) {
        (true, Ok(schedule)) => schedule,
        (_, result) => {
            let flag = |field: &str| match field {
                "principal_minor" => "--amount".to_owned(),
                "annual_rate_bp" => "--rate".to_owned(),
                "term_months" => "--months".to_owned(),
                "first_payment_month" => "--first-month".to_owned(),
                "upfront_fee_minor" => "--upfront-fee".to_owned(),
                "monthly_fee_minor" => "--monthly-fee".to_owned(),
                "grace_months" => "--grace-months".to_owned(),
                other => format!("--seasonal-months ({other})"),
            };
            if let Err(errors) = result {
                for e in &errors.errors {
                    let flag = flag(&e.field);
                    // A flag whose text could not be read is reported once, not again for the
                    // stand-in value.
                    if bad.iter().any(|line| line.starts_with(&format!("{flag}:"))) {
                        continue;
                    }
                    let message = match (&*flag, &e.rule) {
                        // The user typed percent; the core's limit is in basis points.
                        ("--rate", prequal::Rule::OutOfRange { min, max }) => {
                            format!(
                                "must be between {} % and {} %",
                                format_major(*min),
                                format_major(*max)
                            )
                        }
                        _ => e.rule.to_string(),
                    };
                    bad.push(format!("{flag}: {message}"));
                }
            }
            eprintln!("prequal: invalid loan terms:");
            for line in bad {
                eprintln!("  {line}");
            }
            return ExitCode::from(INVALID);
        }
    };
    match format {
        Format::Json => match serde_json::to_string_pretty(&schedule) {
            Ok(json) => out!("{json}"),
            Err(e) => {
                eprintln!("prequal: cannot print the schedule: {e}");
                return ExitCode::from(INVALID);
            }
        },
        Format::Text => {
            out!(
                "{:>4} {:>5} {:>16} {:>14} {:>10} {:>16} {:>16}",
                "no.",
                "month",
                "principal",
                "interest",
                "fee",
                "payment",
                "balance"
            );
            for i in &schedule.instalments {
                out!(
                    "{:>4} {:>5} {:>16} {:>14} {:>10} {:>16} {:>16}",
                    i.number,
                    i.calendar_month,
                    format_major(i.principal_minor),
                    format_major(i.interest_minor),
                    format_major(i.fee_minor),
                    format_major(i.payment_minor),
                    format_major(i.balance_minor)
                );
            }
            // The cost itemised and the rates as the PBOC's 贷款明白纸 puts them: the annualised
            // rate by the IRR method first, the simple rate labelled 单利.
            out!(
                "total interest   {}  (charged by the lender, with each instalment)",
                format_major(schedule.total_interest_minor)
            );
            if terms.upfront_fee_minor > 0 {
                out!(
                    "upfront fee      {}  (paid when the loan is made)",
                    format_major(terms.upfront_fee_minor)
                );
            }
            if terms.monthly_fee_minor > 0 {
                out!(
                    "account fees     {}  ({} with each instalment)",
                    format_major(terms.monthly_fee_minor * i64::from(terms.term_months)),
                    format_major(terms.monthly_fee_minor)
                );
            }
            out!(
                "total fees       {}",
                format_major(schedule.total_fees_minor)
            );
            out!(
                "cost of credit   {}",
                format_major(schedule.cost_of_credit_minor)
            );
            out!(
                "amount received  {}",
                format_major(terms.principal_minor - terms.paid_at_start())
            );
            out!(
                "total paid       {}",
                format_major(schedule.total_paid_minor)
            );
            out!(
                "annualised rate  {:.2} %  (IRR, compounded: the rate to compare loans by)",
                schedule.effective_annual_rate * 100.0
            );
            out!(
                "estimated APR    {:.2} %  (单利, simple: the IRR per payment period × periods a year)",
                schedule.apr * 100.0
            );
            if schedule.unit_period_months != 1 {
                // Payments are not monthly: say what the simple rate is stated per.
                out!(
                    "                 (the APR per payment period of {} months, times the periods in a year)",
                    schedule.unit_period_months
                );
            }
        }
    }
    ExitCode::SUCCESS
}
