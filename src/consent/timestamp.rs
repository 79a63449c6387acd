//! Timestamps in bundles: RFC 3339 in UTC with whole seconds, exactly `YYYY-MM-DDTHH:MM:SSZ`,
//! one spelling per instant so canonical bytes do not vary. Written and read by hand (twenty
//! fixed characters) rather than with `time`'s format parser, which the browser bundle avoids.

use time::{Date, Month, OffsetDateTime, PrimitiveDateTime, Time};

/// `seconds` since the Unix epoch as `YYYY-MM-DDTHH:MM:SSZ` (clamped to years 0000–9999).
pub fn format_rfc3339(seconds: i64) -> String {
    let at = OffsetDateTime::from_unix_timestamp(seconds.clamp(-62_167_219_200, 253_402_300_799))
        .unwrap_or(OffsetDateTime::UNIX_EPOCH);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
        at.year(),
        u8::from(at.month()),
        at.day(),
        at.hour(),
        at.minute(),
        at.second()
    )
}

/// Seconds since the Unix epoch of `YYYY-MM-DDTHH:MM:SSZ`, or `None` for anything else.
pub fn parse_rfc3339(text: &str) -> Option<i64> {
    let bytes = text.as_bytes();
    if bytes.len() != 20 || &text[10..11] != "T" || &text[19..] != "Z" {
        return None;
    }
    let number = |range: std::ops::Range<usize>| -> Option<u32> {
        let part = text.get(range)?;
        part.bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| part.parse().ok())?
    };
    let separators = [(4, b'-'), (7, b'-'), (13, b':'), (16, b':')];
    if separators.iter().any(|(at, sep)| bytes[*at] != *sep) {
        return None;
    }
    let date = Date::from_calendar_date(
        i32::try_from(number(0..4)?).ok()?,
        Month::try_from(u8::try_from(number(5..7)?).ok()?).ok()?,
        u8::try_from(number(8..10)?).ok()?,
    )
    .ok()?;
    let time = Time::from_hms(
        u8::try_from(number(11..13)?).ok()?,
        u8::try_from(number(14..16)?).ok()?,
        u8::try_from(number(17..19)?).ok()?,
    )
    .ok()?;
    Some(
        PrimitiveDateTime::new(date, time)
            .assume_utc()
            .unix_timestamp(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_refuses_other_spellings() {
        for seconds in [0, 1_795_478_400, 951_782_400, 4_102_444_799] {
            assert_eq!(parse_rfc3339(&format_rfc3339(seconds)), Some(seconds));
        }
        assert_eq!(format_rfc3339(1_795_564_800), "2026-11-25T00:00:00Z");
        for bad in [
            "2026-11-25T00:00:00+00:00",
            "2026-11-25 00:00:00Z",
            "2026-11-25T00:00:00.5Z",
            "2026-02-30T00:00:00Z",
            "2026-11-25T24:00:00Z",
            "2026-11-25t00:00:00z",
            "",
        ] {
            assert_eq!(parse_rfc3339(bad), None, "{bad}");
        }
    }
}
