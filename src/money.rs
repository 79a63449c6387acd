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
    expected: crate::error::expected::AMOUNT,
};
const WHOLE_FORMAT: Rule = Rule::BadFormat {
    expected: crate::error::expected::WHOLE_NUMBER,
};

/// Full-width digits and punctuation (what a Chinese keyboard types) as their ASCII twins.
fn half_width(c: char) -> char {
    match c {
        '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
        '．' | '。' => '.',
        '－' | '−' => '-',
        other => other,
    }
}

/// Parses an amount in major units (yuan) into minor units (fen), written as a merchant
/// writes it: `12,345.67`, `8 500`, `¥500000`, `500000元`, `50万`, `50.5 万元`, `1.2亿`,
/// full-width `５００００`. Digit-group commas and spaces (ASCII, full-width and thin) are
/// dropped; a leading `¥`/`￥` and a trailing `元` are allowed; `万` multiplies by 10,000 and
/// `亿` by 100,000,000, so they allow as many more decimals as still name whole fen (six and
/// ten). A leading minus sign is kept for the rules to judge.
pub fn parse_major(text: &str) -> Result<i64, Rule> {
    let cleaned: String = text
        .trim()
        .chars()
        .map(half_width)
        .filter(|c| !matches!(c, ',' | '，' | ' ' | '\u{2009}' | '\u{202f}' | '\u{3000}'))
        .collect();
    if cleaned.is_empty() {
        return Err(Rule::Required);
    }
    let (negative, rest) = match cleaned.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, cleaned.as_str()),
    };
    let rest = rest
        .strip_prefix('¥')
        .or_else(|| rest.strip_prefix('￥'))
        .unwrap_or(rest);
    let rest = rest.strip_suffix('元').unwrap_or(rest);
    // Decimals of the number as written that still name whole fen, and fen per unit.
    let (digits, decimals, fen_per_unit): (&str, usize, i64) =
        if let Some(d) = rest.strip_suffix('万') {
            (d, 6, MINOR_PER_MAJOR * 10_000)
        } else if let Some(d) = rest.strip_suffix('亿') {
            (d, 10, MINOR_PER_MAJOR * 100_000_000)
        } else {
            (rest, 2, MINOR_PER_MAJOR)
        };
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() || !all_digits(whole) || !all_digits(fraction) || fraction.len() > decimals
    {
        return Err(AMOUNT_FORMAT);
    }
    let too_large = Rule::TooLarge { max: i64::MAX };
    let whole: i64 = whole.parse().map_err(|_| too_large.clone())?;
    // `decimals` is chosen so that one unit of its last place is one fen (10^decimals fen per
    // unit): the fraction's digits, padded, are fen.
    let fraction_fen: i64 = format!("{fraction:0<decimals$}")
        .parse()
        .map_err(|_| AMOUNT_FORMAT)?;
    let minor = whole
        .checked_mul(fen_per_unit)
        .and_then(|m| m.checked_add(fraction_fen))
        .ok_or(too_large)?;
    Ok(if negative { -minor } else { minor })
}

/// An amount of minor units as a Chinese reader says it back: in 万 where the amount is a
/// whole number of yuan of at least 10,000 (`50 万元`, `12.5 万元`, `1.2345 万元`), otherwise
/// in yuan as a form shows it (`8500 元`, `3.5 元`): the echo a form shows beside what was
/// typed, so "50万" is seen to mean ¥500,000. (No digit groups: it runs in the first-load
/// module, which does without the grouping code.)
pub fn format_wan(minor: i64) -> String {
    let yuan = minor.unsigned_abs() / MINOR_PER_MAJOR as u64;
    if yuan >= 10_000 && minor % MINOR_PER_MAJOR == 0 {
        let sign = if minor < 0 { "-" } else { "" };
        let (wan, rest) = (yuan / 10_000, yuan % 10_000);
        let decimals = format!("{rest:04}");
        match decimals.trim_end_matches('0') {
            "" => format!("{sign}{wan} 万元"),
            decimals => format!("{sign}{wan}.{decimals} 万元"),
        }
    } else {
        format!("{} 元", format_major_plain(minor))
    }
}

/// Parses a whole number (a count of months, staff, kWh), allowing digit-group commas and
/// full-width digits.
pub fn parse_whole(text: &str) -> Result<i64, Rule> {
    let cleaned: String = text
        .trim()
        .chars()
        .map(half_width)
        .filter(|c| !matches!(c, ',' | '，' | ' ' | '\u{3000}'))
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
            "abc",
            "NaN",
            "1.234",
            "1e5",
            "--1",
            ".5",
            "1.2.3",
            "¥",
            "-",
            "万",
            "50万万",
            "1.2345678万",
            "50千",
            "元50",
            "$100",
            "50万.5",
        ] {
            assert_eq!(parse_major(bad), Err(AMOUNT_FORMAT), "{bad}");
        }
        assert!(matches!(
            parse_major("99999999999999999999"),
            Err(Rule::TooLarge { .. })
        ));
    }

    #[test]
    fn parses_amounts_as_chinese_merchants_write_them() {
        for (text, minor) in [
            ("50万", 50_000_000),
            ("50 万元", 50_000_000),
            ("50.5万", 50_500_000),
            ("1.234567万", 1_234_567),
            ("１２.５万", 12_500_000),
            ("５０００００", 50_000_000),
            ("¥500000", 50_000_000),
            ("￥500,000.00", 50_000_000),
            ("500000元", 50_000_000),
            ("１，２００．５０元", 120_050),
            ("1.2亿", 12_000_000_000),
            ("-3万", -3_000_000),
        ] {
            assert_eq!(parse_major(text), Ok(minor), "{text}");
        }
    }

    #[test]
    fn says_amounts_back_in_wan() {
        assert_eq!(format_wan(50_000_000), "50 万元");
        assert_eq!(format_wan(50_500_000), "50.5 万元");
        assert_eq!(format_wan(1_234_500), "1.2345 万元");
        assert_eq!(format_wan(850_000), "8500 元");
        assert_eq!(format_wan(350), "3.5 元");
        assert_eq!(format_wan(1_000_050), "10000.5 元");
        assert_eq!(format_wan(-3_000_000), "-3 万元");
    }

    #[test]
    fn parses_whole_numbers() {
        assert_eq!(parse_whole("1,200"), Ok(1200));
        assert_eq!(parse_whole("-3"), Ok(-3));
        assert_eq!(parse_whole("１２"), Ok(12));
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
            prop_assert_eq!(parse_major(&format_wan(minor)), Ok(minor));
        }

        #[test]
        fn full_width_digits_read_as_their_ascii_twins(minor in 0i64..1_000_000_000_000) {
            let full_width: String = format_major_plain(minor)
                .chars()
                .map(|c| match c {
                    '0'..='9' => char::from_u32('０' as u32 + (c as u32 - '0' as u32)).unwrap_or(c),
                    '.' => '．',
                    other => other,
                })
                .collect();
            prop_assert_eq!(parse_major(&full_width), Ok(minor));
        }
    }
}
