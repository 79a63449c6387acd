//! Reading and writing amounts as people type them ("12,345.67", "8 500") and as the profile
//! stores them (integer minor units: fen for CNY).
//!
//! Parsing only checks the form of the text; whether a value is allowed (negative, too large
//! for the field) is the profile rules' business, so the same message appears whether the value
//! came from a form, a file or an API.

use crate::error::Rule;

/// Minor units per major unit (fen per yuan).
pub const MINOR_PER_MAJOR: i64 = 100;

const AMOUNT_FORMAT: Rule = Rule::BadFormat {
    expected: "an amount such as 12,345.67",
};
const WHOLE_FORMAT: Rule = Rule::BadFormat {
    expected: "a whole number",
};

/// Parses an amount in major units (yuan) into minor units (fen). Accepts digit-group commas
/// and spaces (ASCII, full-width and thin), a leading minus sign, and at most two decimals.
pub fn parse_major(text: &str) -> Result<i64, Rule> {
    let cleaned: String = text
        .trim()
        .chars()
        .filter(|c| !matches!(c, ',' | '，' | ' ' | '\u{2009}' | '\u{202f}' | '\u{3000}'))
        .collect();
    if cleaned.is_empty() {
        return Err(Rule::Required);
    }
    let (negative, digits) = match cleaned.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, cleaned.as_str()),
    };
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() || !all_digits(whole) || !all_digits(fraction) || fraction.len() > 2 {
        return Err(AMOUNT_FORMAT);
    }
    let too_large = Rule::TooLarge { max: i64::MAX };
    let whole: i64 = whole.parse().map_err(|_| too_large.clone())?;
    let fraction: i64 = format!("{fraction:0<2}")
        .parse()
        .map_err(|_| AMOUNT_FORMAT)?;
    let minor = whole
        .checked_mul(MINOR_PER_MAJOR)
        .and_then(|m| m.checked_add(fraction))
        .ok_or(too_large)?;
    Ok(if negative { -minor } else { minor })
}

/// Parses a whole number (a count of months, staff, kWh), allowing digit-group commas.
pub fn parse_whole(text: &str) -> Result<i64, Rule> {
    let cleaned: String = text
        .trim()
        .chars()
        .filter(|c| !matches!(c, ',' | '，' | ' '))
        .collect();
    if cleaned.is_empty() {
        return Err(Rule::Required);
    }
    let digits = cleaned.strip_prefix('-').unwrap_or(&cleaned);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(WHOLE_FORMAT);
    }
    cleaned
        .parse()
        .map_err(|_| Rule::TooLarge { max: i64::MAX })
}

/// Formats minor units as major units with two decimals and comma digit groups:
/// `1234567` → `"12,345.67"`.
pub fn format_major(minor: i64) -> String {
    let sign = if minor < 0 { "-" } else { "" };
    let minor = minor.unsigned_abs();
    let whole = (minor / MINOR_PER_MAJOR as u64).to_string();
    let mut grouped = String::with_capacity(whole.len() + whole.len() / 3);
    for (index, digit) in whole.chars().enumerate() {
        if index > 0 && (whole.len() - index) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    format!("{sign}{grouped}.{:02}", minor % MINOR_PER_MAJOR as u64)
}

/// Formats minor units as major units without grouping or trailing zero decimals, the way a
/// form field shows a value for editing: `850000` → `"8500"`, `1234567` → `"12345.67"`.
pub fn format_major_plain(minor: i64) -> String {
    let sign = if minor < 0 { "-" } else { "" };
    let minor = minor.unsigned_abs();
    let (whole, cents) = (minor / 100, minor % 100);
    match cents {
        0 => format!("{sign}{whole}"),
        c if c % 10 == 0 => format!("{sign}{whole}.{}", c / 10),
        c => format!("{sign}{whole}.{c:02}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn parses_what_people_type() {
        assert_eq!(parse_major("12,345.67"), Ok(1_234_567));
        assert_eq!(parse_major(" 8 500 "), Ok(850_000));
        assert_eq!(parse_major("8，500.5"), Ok(850_050));
        assert_eq!(parse_major("0.05"), Ok(5));
        assert_eq!(parse_major("-3"), Ok(-300));
        assert_eq!(parse_major(""), Err(Rule::Required));
        for bad in [
            "abc", "NaN", "1.234", "1e5", "--1", ".5", "1.2.3", "¥100", "-",
        ] {
            assert_eq!(parse_major(bad), Err(AMOUNT_FORMAT), "{bad}");
        }
        assert!(matches!(
            parse_major("99999999999999999999"),
            Err(Rule::TooLarge { .. })
        ));
    }

    #[test]
    fn parses_whole_numbers() {
        assert_eq!(parse_whole("1,200"), Ok(1200));
        assert_eq!(parse_whole("-3"), Ok(-3));
        for bad in ["NaN", "3.5", "x", "-", "1e3"] {
            assert_eq!(parse_whole(bad), Err(WHOLE_FORMAT), "{bad}");
        }
    }

    #[test]
    fn formats_with_groups() {
        assert_eq!(format_major(1_234_567), "12,345.67");
        assert_eq!(format_major(5), "0.05");
        assert_eq!(format_major(-100_000_000), "-1,000,000.00");
        assert_eq!(format_major(i64::MIN), "-92,233,720,368,547,758.08");
        assert_eq!(format_major_plain(850_000), "8500");
        assert_eq!(format_major_plain(850_050), "8500.5");
    }

    proptest! {
        #[test]
        fn formatting_round_trips(minor in any::<i64>().prop_filter("no MIN", |m| *m != i64::MIN)) {
            prop_assert_eq!(parse_major(&format_major(minor)), Ok(minor));
            prop_assert_eq!(parse_major(&format_major_plain(minor)), Ok(minor));
        }
    }
}
