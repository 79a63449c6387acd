//! Importing a file into the form's text: a profile JSON file, or a CSV of monthly figures (a
//! year of revenue, power use) exported from a till, a bank or a power company's website.
//!
//! The result is the form's text fields ([`super::text_form`]), not a profile: imported values
//! land in the form like typed ones, where the merchant sees and corrects them and the usual
//! checks run. A file that cannot be read at all is refused whole, with every problem named by
//! row and column (CSV) or JSON path, and nothing in the form changes.

use std::collections::BTreeMap;

use serde::Serialize;

use super::text_form::{revenue_slot_key, to_text_fields, REVENUE_SLOTS};
use crate::error::{FieldError, Rule};
use crate::money;

/// The largest import accepted, in bytes (a year of monthly rows is a few hundred).
pub const MAX_IMPORT_BYTES: usize = 256 * 1024;

/// Columns a monthly CSV may have. `month` and at least one figure are required.
pub const CSV_COLUMNS: [&str; 3] = ["month", "revenue", "kwh"];

/// Other names a column goes by in the files merchants have: spreadsheet exports from tills,
/// banks and power companies, in Chinese. Compared after trimming, case-insensitively.
pub const CSV_COLUMN_NAMES: [(&str, &[&str]); 3] = [
    ("month", &["月份", "月", "年月", "日期", "期间"]),
    (
        "revenue",
        &[
            "营业额",
            "营业收入",
            "收入",
            "销售额",
            "月营业额",
            "营收",
            "收入(元)",
            "营业额(元)",
        ],
    ),
    (
        "kwh",
        &[
            "用电量",
            "电量",
            "用电",
            "用电量(千瓦时)",
            "用电量(度)",
            "千瓦时",
            "度数",
        ],
    ),
];

/// The column a header cell names, if any: `month`, `revenue` or `kwh`.
fn canonical_column(name: &str) -> Option<&'static str> {
    // Full-width brackets, as Chinese spreadsheets write units: 营业额（元）. Only the English
    // names have case, so ASCII lowering is enough (and spares the browser Unicode's tables).
    let name = name
        .trim()
        .to_ascii_lowercase()
        .replace('（', "(")
        .replace('）', ")");
    CSV_COLUMN_NAMES
        .iter()
        .find(|(canonical, others)| *canonical == name || others.contains(&name.as_str()))
        .map(|(canonical, _)| *canonical)
}

/// The text of an imported file's bytes, as spreadsheets and tills write it: UTF-8 (with or
/// without a byte-order mark), UTF-16 with its byte-order mark (Excel's "Unicode text"), or,
/// failing those, GB18030 (GBK's superset, what Excel on a Chinese Windows saves CSV as).
/// Decoding GB18030 needs a table the core does not carry: `gb18030` is given by the caller
/// (the browser's `TextDecoder`, or `encoding_rs` natively) and returns `None` for bytes that
/// are not GB18030 either.
pub fn decode_text(
    name: &str,
    bytes: &[u8],
    gb18030: impl FnOnce(&[u8]) -> Option<String>,
) -> Result<String, ImportProblem> {
    if bytes.len() > MAX_IMPORT_BYTES {
        return Err(problem(
            None,
            name,
            Rule::FileTooLarge {
                max_kb: MAX_IMPORT_BYTES / 1024,
            },
        ));
    }
    let utf16 = |bytes: &[u8], big_endian: bool| -> Option<String> {
        let units = bytes.chunks(2).map(|pair| match (pair, big_endian) {
            ([a, b], true) => Some(u16::from_be_bytes([*a, *b])),
            ([a, b], false) => Some(u16::from_le_bytes([*a, *b])),
            _ => None,
        });
        let units: Option<Vec<u16>> = units.collect();
        char::decode_utf16(units?)
            .collect::<Result<String, _>>()
            .ok()
    };
    let decoded = if let Some(rest) = bytes.strip_prefix(b"\xef\xbb\xbf") {
        std::str::from_utf8(rest).ok().map(str::to_owned)
    } else if let Some(rest) = bytes.strip_prefix(b"\xff\xfe") {
        utf16(rest, false)
    } else if let Some(rest) = bytes.strip_prefix(b"\xfe\xff") {
        utf16(rest, true)
    } else if let Ok(text) = std::str::from_utf8(bytes) {
        Some(text.to_owned())
    } else {
        gb18030(bytes)
    };
    decoded.ok_or_else(|| {
        problem(
            None,
            name,
            Rule::NotText {
                encodings: "UTF-8, UTF-16, GB18030/GBK",
            },
        )
    })
}

/// One problem in an imported file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[error("{}{}: {rule}", row.map(|r| format!("row {r}, ")).unwrap_or_default(), column)]
pub struct ImportProblem {
    /// 1-based line of the CSV (the header is line 1); none for JSON or whole-file problems.
    pub row: Option<usize>,
    /// The CSV column, or the JSON path of the profile field.
    pub column: String,
    /// What is wrong.
    pub rule: Rule,
}

/// What an import gives the form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Imported {
    /// Text fields to put into the form, keyed as the form keys them.
    pub fields: BTreeMap<String, String>,
    /// Rows read (CSV) or 1 (JSON).
    pub rows: usize,
}

fn problem(row: Option<usize>, column: &str, rule: Rule) -> ImportProblem {
    ImportProblem {
        row,
        column: column.to_owned(),
        rule,
    }
}

/// Reads a file by its name: `.json` as a profile, `.csv` as monthly figures for a profile
/// dated `as_of` (`YYYY-MM-DD`, the form's date).
pub fn import_file(name: &str, text: &str, as_of: &str) -> Result<Imported, Vec<ImportProblem>> {
    let lower = name.to_ascii_lowercase();
    if text.len() > MAX_IMPORT_BYTES {
        return Err(vec![problem(
            None,
            name,
            Rule::FileTooLarge {
                max_kb: MAX_IMPORT_BYTES / 1024,
            },
        )]);
    }
    if lower.ends_with(".json") {
        profile_json(text)
    } else if lower.ends_with(".csv") || lower.ends_with(".txt") {
        monthly_csv(text, as_of)
    } else {
        Err(vec![problem(
            None,
            name,
            Rule::NotSupported {
                supported: ".json, .csv",
            },
        )])
    }
}

/// A profile JSON file (the format of `examples/profiles/`). Structural problems (not JSON, a
/// misspelt field, text where a number belongs) refuse the file; value problems are left for
/// the form to show on the fields.
pub fn profile_json(text: &str) -> Result<Imported, Vec<ImportProblem>> {
    let profile = super::from_json(text).map_err(|errors| {
        errors
            .errors
            .into_iter()
            .map(|FieldError { field, rule }| ImportProblem {
                row: None,
                column: field,
                rule,
            })
            .collect::<Vec<_>>()
    })?;
    Ok(Imported {
        fields: to_text_fields(&profile),
        rows: 1,
    })
}

/// The first day of the month before `as_of`'s month, as a month index (`year * 12 + month0`).
fn month_index(year: i32, month: u32) -> i32 {
    year * 12 + month as i32 - 1
}

fn parse_month(text: &str) -> Option<i32> {
    let (year, month) = text.trim().split_once('-')?;
    let (year, month) = (year.parse::<i32>().ok()?, month.parse::<u32>().ok()?);
    ((1900..=2999).contains(&year) && (1..=12).contains(&month) && text.trim().len() == 7)
        .then(|| month_index(year, month))
}

/// A CSV of monthly figures with a header row: `month` (`YYYY-MM`, one of the twelve months
/// before `as_of`), `revenue` (yuan, as typed: `12,345.67`) and/or `kwh` (power used that
/// month). Revenue fills the month's revenue slot; the kWh rows' average fills
/// `utility.average_monthly_kwh`. Every row is checked before anything is returned.
pub fn monthly_csv(text: &str, as_of: &str) -> Result<Imported, Vec<ImportProblem>> {
    let Some(as_of_month) = as_of.get(..7).and_then(parse_month) else {
        return Err(vec![problem(
            None,
            "as_of",
            Rule::BadFormat {
                expected: crate::error::expected::DATE,
            },
        )]);
    };
    // A byte-order mark from spreadsheet exports is not part of the first column's name.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .flexible(true)
        .from_reader(text.as_bytes());
    let header: Vec<String> = match reader.headers() {
        Ok(header) => header.iter().map(str::to_owned).collect(),
        Err(e) => {
            let detail = e.to_string();
            return Err(vec![problem(Some(1), "", Rule::Syntax { detail })]);
        }
    };
    let mut problems = Vec::new();
    // Each column as the reader knows it (`month`, `revenue`, `kwh`), whatever the file calls it.
    let known: Vec<Option<&str>> = header.iter().map(|name| canonical_column(name)).collect();
    for (name, canonical) in header.iter().zip(&known) {
        if canonical.is_none() {
            problems.push(problem(Some(1), name, Rule::UnknownField));
        }
    }
    let column = |name: &str| known.iter().position(|k| *k == Some(name));
    // A row's problem names the column as the file does (`营业额`, `Revenue`).
    let named = |name: &'static str| column(name).map_or(name, |i| header[i].as_str());
    let (month_col, revenue_col, kwh_col) = (column("month"), column("revenue"), column("kwh"));
    if month_col.is_none() {
        problems.push(problem(Some(1), "month", Rule::Required));
    }
    if revenue_col.is_none() && kwh_col.is_none() {
        problems.push(problem(Some(1), "revenue", Rule::Required));
    }
    if !problems.is_empty() {
        return Err(problems);
    }

    let mut fields = BTreeMap::new();
    let mut seen = std::collections::BTreeSet::new();
    let (mut kwh_total, mut kwh_months, mut rows) = (0_i64, 0_i64, 0);
    for (index, record) in reader.records().enumerate() {
        let line = index + 2;
        let record = match record {
            Ok(record) => record,
            Err(e) => {
                let detail = e.to_string();
                problems.push(problem(Some(line), "", Rule::Syntax { detail }));
                continue;
            }
        };
        if record.iter().all(str::is_empty) {
            continue;
        }
        rows += 1;
        if record.len() > header.len() {
            problems.push(problem(
                Some(line),
                "",
                Rule::WrongCount {
                    expected: header.len(),
                    found: record.len(),
                },
            ));
            continue;
        }
        let cell = |col: Option<usize>| col.and_then(|c| record.get(c)).unwrap_or("");
        let month_text = cell(month_col);
        let slot = match parse_month(month_text) {
            None if month_text.is_empty() => {
                problems.push(problem(Some(line), named("month"), Rule::Required));
                continue;
            }
            None => {
                let rule = Rule::BadFormat {
                    expected: crate::error::expected::MONTH,
                };
                problems.push(problem(Some(line), named("month"), rule));
                continue;
            }
            Some(month) => {
                let back = as_of_month - month;
                if !(1..=REVENUE_SLOTS as i32).contains(&back) {
                    let rule = Rule::BadFormat {
                        expected: crate::error::expected::RECENT_MONTH,
                    };
                    problems.push(problem(Some(line), named("month"), rule));
                    continue;
                }
                if !seen.insert(month) {
                    problems.push(problem(Some(line), named("month"), Rule::Duplicate));
                    continue;
                }
                REVENUE_SLOTS - back as usize
            }
        };
        let revenue = cell(revenue_col);
        if !revenue.is_empty() {
            match money::parse_major(revenue) {
                Ok(value) if value < 0 => {
                    problems.push(problem(Some(line), named("revenue"), Rule::Negative));
                }
                Ok(_) => {
                    fields.insert(revenue_slot_key(slot), revenue.to_owned());
                }
                Err(rule) => problems.push(problem(Some(line), named("revenue"), rule)),
            }
        }
        let kwh = cell(kwh_col);
        if !kwh.is_empty() {
            match money::parse_whole(kwh) {
                Ok(value) if value < 0 => {
                    problems.push(problem(Some(line), named("kwh"), Rule::Negative));
                }
                Ok(value) => {
                    kwh_total += value;
                    kwh_months += 1;
                }
                Err(rule) => problems.push(problem(Some(line), named("kwh"), rule)),
            }
        }
    }
    if rows == 0 {
        problems.push(problem(None, "month", Rule::Required));
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    if kwh_months > 0 {
        let average = (kwh_total + kwh_months / 2) / kwh_months;
        fields.insert(
            "utility.average_monthly_kwh".to_owned(),
            average.to_string(),
        );
    }
    Ok(Imported { fields, rows })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_year_of_revenue_fills_the_slots_oldest_first() {
        let mut csv = String::from("month,revenue,kwh\n");
        for m in 1..=12 {
            let (year, month) = if m <= 10 { (2026, m) } else { (2025, m) };
            csv.push_str(&format!(
                "{year}-{month:02},\"1{m:02},000.50\",{}\n",
                100 + m
            ));
        }
        let imported = monthly_csv(&csv, "2026-11-05").expect("reads");
        assert_eq!(imported.rows, 12);
        // Slot 0 is 2025-11, slot 11 is 2026-10.
        assert_eq!(imported.fields[&revenue_slot_key(0)], "111,000.50");
        assert_eq!(imported.fields[&revenue_slot_key(11)], "110,000.50");
        assert_eq!(imported.fields["utility.average_monthly_kwh"], "107");
    }

    #[test]
    fn every_bad_row_is_named_and_nothing_is_returned() {
        let csv = "Month,Revenue\n2026-10,abc\n2026-13,5\n2024-01,5\n2026-09,-5\n2026-09,6\n,7\n";
        let problems = monthly_csv(csv, "2026-11-01").expect_err("refused");
        let found: Vec<(Option<usize>, &str, &str)> = problems
            .iter()
            .map(|p| (p.row, p.column.as_str(), p.rule.code()))
            .collect();
        assert_eq!(
            found,
            [
                (Some(2), "Revenue", "bad_format"),
                (Some(3), "Month", "bad_format"),
                (Some(4), "Month", "bad_format"),
                (Some(5), "Revenue", "negative"),
                (Some(6), "Month", "duplicate"),
                (Some(7), "Month", "required"),
            ]
        );
    }

    #[test]
    fn headers_are_checked_first() {
        let problems = monthly_csv("month,sales\n2026-10,5\n", "2026-11-01").expect_err("bad");
        assert_eq!(problems[0].column, "sales");
        assert_eq!(problems[0].rule, Rule::UnknownField);
        assert_eq!(problems[1].column, "revenue");
        assert!(monthly_csv("", "2026-11-01").is_err());
        assert!(monthly_csv("month,revenue\n", "2026-11-01").is_err());
    }

    #[test]
    fn a_profile_file_round_trips_through_the_form_text() {
        let json = include_str!("../../examples/profiles/strong.json");
        let imported = import_file("strong.JSON", json, "2026-11-01").expect("reads");
        let valid = super::super::text_form::check_text_fields(&imported.fields).expect("valid");
        assert_eq!(Ok(valid.profile().clone()), super::super::from_json(json));
        // Every problem of the file at once: the missing fields and the group that is not one.
        let broken = import_file("x.json", "{\"business\": 5}", "").expect_err("refused");
        let columns: Vec<&str> = broken.iter().map(|p| p.column.as_str()).collect();
        assert!(columns.contains(&"business") && columns.contains(&"schema"));
        assert!(columns.contains(&"location") && !columns.contains(&"business.name"));
        assert!(import_file("x.xlsx", "", "").is_err());
    }

    /// A year exported from Excel on a Chinese Windows: GBK bytes, Chinese headers (with a
    /// unit in full-width brackets), amounts in 万 and with 元.
    #[test]
    fn a_gbk_spreadsheet_with_chinese_headers_imports() {
        let csv = "月份,营业额（元）,用电量\n2026-10,\"8,500元\",320\n2026-09,1.2万,300\n";
        let (gbk, _, lossy) = encoding_rs::GBK.encode(csv);
        assert!(!lossy);
        assert!(std::str::from_utf8(&gbk).is_err(), "really not UTF-8");
        let gb18030 = |bytes: &[u8]| {
            let (text, _, malformed) = encoding_rs::GB18030.decode(bytes);
            (!malformed).then(|| text.into_owned())
        };
        let text = decode_text("营业额.csv", &gbk, gb18030).expect("decodes");
        assert_eq!(text, csv);
        let imported = import_file("营业额.csv", &text, "2026-11-01").expect("imports");
        assert_eq!(imported.rows, 2);
        assert_eq!(imported.fields[&revenue_slot_key(11)], "8,500元");
        assert_eq!(imported.fields[&revenue_slot_key(10)], "1.2万");
        assert_eq!(imported.fields["utility.average_monthly_kwh"], "310");
        // A bad row names the file's own column.
        let problems = monthly_csv("月份,营业额\n2026-10,很多\n", "2026-11-01").expect_err("bad");
        assert_eq!(problems[0].column, "营业额");
    }

    #[test]
    fn byte_order_marks_and_encodings_are_recognised() {
        let never = |_: &[u8]| -> Option<String> { None };
        let text = "month,revenue\n2026-10,5\n";
        let mut utf8_bom = b"\xef\xbb\xbf".to_vec();
        utf8_bom.extend_from_slice(text.as_bytes());
        assert_eq!(decode_text("a.csv", &utf8_bom, never).as_deref(), Ok(text));
        let mut utf16 = vec![0xff, 0xfe];
        utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(decode_text("a.csv", &utf16, never).as_deref(), Ok(text));
        let mut utf16_be = vec![0xfe, 0xff];
        utf16_be.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
        assert_eq!(decode_text("a.csv", &utf16_be, never).as_deref(), Ok(text));
        let binary = decode_text("a.csv", &[0xff, 0x00, 0xc3], never).expect_err("not text");
        assert_eq!(binary.rule.code(), "not_text");
        let huge = vec![b'a'; MAX_IMPORT_BYTES + 1];
        let refused = decode_text("big.csv", &huge, never).expect_err("too large");
        assert_eq!(refused.rule, Rule::FileTooLarge { max_kb: 256 });
        assert_eq!(refused.column, "big.csv");
    }
}
