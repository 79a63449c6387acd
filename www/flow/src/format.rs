//! Numbers, money, rates and dates as each language writes them, and the bilingual labels of
//! the catalog in the merchant's language.

use prequal::catalog::{ProductKind, RepaymentType};
use prequal::matching::Odds;
use prequal::scorecard::Label;
use prequal_www::i18n::Lang;

use crate::text::{t, T};

/// An amount in minor units, as every screen writes it (`prequal_text::money`): whole yuan
/// without decimals, fen only when there are some, and in Chinese 万 from 10,000 yuan.
pub fn money(lang: Lang, minor: i64) -> String {
    prequal_text::money(text_lang(lang), minor)
}

/// A range of amounts (`¥10,000.00 – ¥500,000.00`), or one amount when both ends agree.
pub fn money_range(lang: Lang, min: i64, max: i64) -> String {
    if min == max {
        money(lang, min)
    } else {
        format!("{} – {}", money(lang, min), money(lang, max))
    }
}

/// A rate in basis points: `4.35 %` in English, `4.35%` in Chinese. Integer arithmetic, so no
/// float formatting is needed.
pub fn rate(lang: Lang, bp: i64) -> String {
    let sign = if bp < 0 { "-" } else { "" };
    let bp = bp.unsigned_abs();
    let number = format!("{sign}{}.{:02}", bp / 100, bp % 100);
    match lang {
        Lang::ZH_CN => format!("{number}%"),
        _ => format!("{number} %"),
    }
}

/// A range of rates.
pub fn rate_range(lang: Lang, min: u32, max: u32) -> String {
    if min == max {
        rate(lang, i64::from(min))
    } else {
        format!(
            "{} – {}",
            rate(lang, i64::from(min)),
            rate(lang, i64::from(max))
        )
    }
}

/// A fraction as a rate (`0.0612` → `6.12 %`).
pub fn fraction(lang: Lang, value: f64) -> String {
    rate(lang, (value * 10_000.0).round() as i64)
}

/// A range of months.
pub fn months(lang: Lang, min: u32, max: u32) -> String {
    let unit = t(lang, T::Months);
    if min == max {
        format!("{min} {unit}")
    } else {
        format!("{min}–{max} {unit}")
    }
}

/// The date part of a Unix time, `YYYY-MM-DD`, in Beijing time (the merchants' and the
/// banks' clock; a date near midnight UTC would otherwise show the day before).
pub fn date(seconds: i64) -> String {
    let stamp = prequal::consent::format_rfc3339(seconds + BEIJING);
    stamp.get(..10).unwrap_or(&stamp).to_owned()
}

/// UTC+8, in seconds.
const BEIJING: i64 = 8 * 3600;

/// An RFC 3339 time as the merchant reads it: `2026-11-30 19:05（北京时间）`; the text as it
/// came when it is not a time.
pub fn local_time(lang: Lang, rfc3339: &str) -> String {
    match prequal::consent::parse_rfc3339(rfc3339) {
        Some(seconds) => {
            let stamp = prequal::consent::format_rfc3339(seconds + BEIJING);
            let minutes = stamp.get(..16).unwrap_or(&stamp).replace('T', " ");
            prequal_www::i18n::fill(t(lang, T::BeijingTime), &[&minutes])
        }
        None => rfc3339.to_owned(),
    }
}

/// The date of an RFC 3339 time in Beijing time; the text as it came when it is not a time.
pub fn local_date(rfc3339: &str) -> String {
    prequal::consent::parse_rfc3339(rfc3339).map_or_else(|| rfc3339.to_owned(), date)
}

/// A catalog label in `lang` (catalogs carry Chinese and English; other languages read the
/// English).
pub fn label(lang: Lang, label: &Label) -> &str {
    match lang {
        Lang::ZH_CN => &label.zh,
        _ => &label.en,
    }
}

/// The shared text crate's language for `lang`: the same tag, else English.
pub fn text_lang(lang: Lang) -> prequal_text::Lang {
    prequal_text::Lang::parse(lang.tag()).unwrap_or(prequal_text::Lang::EN)
}

/// A product kind's name.
pub fn kind(lang: Lang, kind: ProductKind) -> String {
    prequal_text::kind(text_lang(lang), kind)
}

/// Approval odds in words.
pub fn odds(lang: Lang, odds: Odds) -> String {
    prequal_text::odds(text_lang(lang), odds)
}

/// A repayment type's name.
pub fn repayment(lang: Lang, repayment: RepaymentType) -> String {
    prequal_text::repayment(text_lang(lang), repayment)
}

/// The annualised rate as the PBOC asks it shown: the compounded rate (IRR method) first, the
/// simple rate beside it and labelled 单利.
pub fn annual_rates(lang: Lang, compounded: f64, simple: f64) -> String {
    prequal_www::i18n::fill(
        t(lang, T::AprWithSimple),
        &[&fraction(lang, compounded), &fraction(lang, simple)],
    )
}

/// Text made safe to place in markup written as a string (the SVG charts).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

/// `0.0307` → `"3.1 %"`. Integer arithmetic on purpose: formatting a float would pull the
/// float-to-decimal machinery into the bundle for one number.
pub fn percent_one_decimal(probability: f64) -> String {
    let tenths = (probability * 1000.0).round() as i64;
    format!("{}.{} %", tenths / 10, tenths % 10)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_language_writes_money_and_rates_its_own_way() {
        assert_eq!(money(Lang::EN, 1_234_567), "¥12,345.67");
        assert_eq!(money(Lang::ZH_CN, 1_234_567), "12,345.67 元");
        assert_eq!(money(Lang::ZH_CN, 20_000_000), "20 万元");
        assert_eq!(rate(Lang::EN, 435), "4.35 %");
        assert_eq!(rate(Lang::ZH_CN, 1205), "12.05%");
        assert_eq!(fraction(Lang::EN, 0.061_249), "6.12 %");
        assert_eq!(months(Lang::EN, 6, 36), "6–36 months");
        assert_eq!(date(1_795_000_000), "2026-11-18");
    }

    #[test]
    fn percentages_have_one_decimal() {
        assert_eq!(percent_one_decimal(0.030_727), "3.1 %");
        assert_eq!(percent_one_decimal(0.28154), "28.2 %");
        assert_eq!(percent_one_decimal(0.0), "0.0 %");
        assert_eq!(percent_one_decimal(1.0), "100.0 %");
    }
}
