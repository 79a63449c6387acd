//! All user-facing text of the web app's form, in every language of the Fluent message files
//! `www/locales/<tag>/app.ftl` (compiled into string tables by `build.rs`; see
//! `build/messages.rs`): a new language is a new directory.
//!
//! Messages are looked up by field path, section or rule code, so the core stays free of
//! presentation text and a language can be switched at any time without touching the form's
//! state.

use prequal::profile::Section;
use prequal::Rule;

/// A language of the message files (`www/locales/<tag>/`), by its place in [`LANGUAGES`]:
/// zh-CN, the default, then English, then any other language the files add.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Lang(u8);

impl Lang {
    /// 简体中文 — the default: the app's users are Chinese merchants.
    pub const ZH_CN: Lang = Lang(0);
    /// English.
    pub const EN: Lang = Lang(1);

    /// Every language, the default first.
    pub fn all() -> impl Iterator<Item = Lang> {
        (0..LANGUAGES.len() as u8).map(Lang)
    }

    /// The place in the tables.
    pub fn index(self) -> usize {
        usize::from(self.0)
    }

    /// The BCP 47 tag, for `<html lang>`.
    pub fn tag(self) -> &'static str {
        LANGUAGES[self.index()]
    }

    /// The language of a BCP 47 tag: the same tag, else the same primary language (`zh`,
    /// `zh-Hans` → zh-CN), else English.
    pub fn from_tag(tag: &str) -> Lang {
        let primary = |t: &str| {
            t.split(['-', '_'])
                .next()
                .unwrap_or("")
                .to_ascii_lowercase()
        };
        Lang::all()
            .find(|lang| lang.tag().eq_ignore_ascii_case(tag))
            .or_else(|| Lang::all().find(|lang| primary(lang.tag()) == primary(tag)))
            .unwrap_or(Lang::EN)
    }

    /// The next language (the switch offers it).
    pub fn other(self) -> Lang {
        Lang(((self.index() + 1) % LANGUAGES.len()) as u8)
    }

    /// The language's own name.
    pub fn name(self) -> &'static str {
        text(self, Text::LanguageName)
    }
}

/// `template` with `{0}` … `{9}` replaced by `values` (a placeholder without a value stays).
pub fn fill(template: &str, values: &[&str]) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let after = &rest[start..];
        let value = after
            .as_bytes()
            .get(1..3)
            .filter(|b| b[0].is_ascii_digit() && b[1] == b'}')
            .and_then(|b| values.get(usize::from(b[0] - b'0')));
        match value {
            Some(value) => {
                out.push_str(value);
                rest = &after[3..];
            }
            None => {
                out.push('{');
                rest = &after[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

include!(concat!(env!("OUT_DIR"), "/app_messages.rs"));

/// A section's heading.
pub fn section(lang: Lang, section: Section) -> &'static str {
    let id = section.message_id();
    lookup(lang, id).unwrap_or(id)
}

/// A field's label (`field-` and the path with `.` as `-` in the message files); empty for a
/// path that has none.
pub fn label(lang: Lang, path: &str) -> &'static str {
    lookup(lang, &format!("field-{}", path.replace('.', "-"))).unwrap_or("")
}

/// The label of a choice's option (`option-` and the value).
pub fn option(lang: Lang, value: &'static str) -> &'static str {
    lookup(lang, &format!("option-{value}")).unwrap_or(value)
}

/// A rule's message (`rule-…`), its values filled in.
pub fn rule(lang: Lang, rule: &Rule) -> String {
    let message = |id: &'static str| lookup(lang, id).unwrap_or(id);
    match rule {
        Rule::Required => message("rule-required").into(),
        Rule::Negative => message("rule-negative").into(),
        Rule::TooLarge { max } => fill(message("rule-too-large"), &[&max.to_string()]),
        Rule::TooLong { max_chars } => fill(message("rule-too-long"), &[&max_chars.to_string()]),
        Rule::OutOfRange { min, max } => fill(
            message("rule-out-of-range"),
            &[&min.to_string(), &max.to_string()],
        ),
        Rule::WrongCount { expected, found } => fill(
            message("rule-wrong-count"),
            &[&expected.to_string(), &found.to_string()],
        ),
        Rule::UnknownCode { standard } => fill(message("rule-unknown-code"), &[standard]),
        Rule::BadFormat { expected } => {
            fill(message("rule-bad-format"), &[expected_text(lang, expected)])
        }
        Rule::BadChecksum => message("rule-bad-checksum").into(),
        Rule::Exceeds { other, limit } => fill(
            message("rule-exceeds"),
            &[&limit.to_string(), label(lang, other)],
        ),
        Rule::AfterDate { other } => fill(message("rule-after-date"), &[label(lang, other)]),
        // A file's wrong types and syntax are said by the app module (prequal-text, with
        // what the value should have been); the form's own fields never have them.
        Rule::Syntax { .. } | Rule::WrongType { .. } => message("rule-invalid-value").into(),
        Rule::UnknownField => message("rule-unknown-field").into(),
        Rule::Duplicate => message("rule-duplicate").into(),
        Rule::NotSupported { supported } => fill(message("rule-not-supported"), &[supported]),
        // Files are read by the app module, which says these in its own words
        // (`import-file-too-large`, `import-not-text` in flow.ftl), beside the import's other words.
        Rule::FileTooLarge { .. } | Rule::NotText { .. } => message("rule-invalid-value").into(),
    }
}

/// What a format rule expects, in words: the core names it in English; the message files
/// translate the ones it uses.
fn expected_text(lang: Lang, expected: &'static str) -> &'static str {
    prequal::error::expected_message_id(expected)
        .and_then(|id| lookup(lang, id))
        .unwrap_or(expected)
}

#[cfg(test)]
mod tests {
    use super::*;
    use prequal::profile::{FieldKind, FIELDS};

    #[test]
    fn significant_spaces_survive_the_message_files() {
        // Fluent trims a value's outer blanks; a separator that needs its space quotes it.
        assert_eq!(text(Lang::EN, Text::LabelSeparator), ": ");
        assert_eq!(text(Lang::ZH_CN, Text::LabelSeparator), "：");
    }

    #[test]
    fn every_rule_and_section_has_a_message_in_both_languages() {
        let rules = [
            Rule::Required,
            Rule::Negative,
            Rule::TooLarge { max: 9 },
            Rule::TooLong { max_chars: 9 },
            Rule::OutOfRange { min: 1, max: 9 },
            Rule::WrongCount {
                expected: 12,
                found: 3,
            },
            Rule::UnknownCode {
                standard: "GB/T 2260",
            },
            Rule::BadFormat {
                expected: prequal::error::expected::SIX_DIGITS,
            },
            Rule::BadFormat {
                expected: prequal::error::expected::MONTH,
            },
            Rule::BadChecksum,
            Rule::Exceeds {
                other: "loan.amount_minor".into(),
                limit: 5,
            },
            Rule::AfterDate {
                other: "as_of".into(),
            },
            Rule::WrongType {
                detail: prequal::error::expected::YES_OR_NO.into(),
            },
            Rule::Syntax {
                detail: "EOF".into(),
            },
            Rule::UnknownField,
            Rule::Duplicate,
            Rule::NotSupported { supported: "CNY" },
            Rule::FileTooLarge { max_kb: 256 },
            Rule::NotText { encodings: "UTF-8" },
        ];
        for lang in [Lang::EN, Lang::ZH_CN] {
            for rule in &rules {
                let text = super::rule(lang, rule);
                assert!(
                    !text.contains("rule-") && !text.contains('{'),
                    "{rule:?}: {text}"
                );
            }
            for s in Section::ALL {
                assert!(!section(lang, s).starts_with("section-"), "{s:?}");
            }
        }
        assert_eq!(
            super::rule(
                Lang::ZH_CN,
                &Rule::BadFormat {
                    expected: prequal::error::expected::MONTH
                }
            ),
            "格式不正确（应为：年月，如 2026-10）。"
        );
        assert_eq!(
            super::rule(
                Lang::EN,
                &Rule::Exceeds {
                    other: "loan.amount_minor".into(),
                    limit: 5
                }
            ),
            "Cannot be more than 5 (set by “Amount”)."
        );
    }

    #[test]
    fn every_field_and_option_has_text_in_both_languages() {
        for spec in FIELDS {
            if matches!(spec.kind, FieldKind::Fixed(_)) {
                continue;
            }
            for lang in [Lang::EN, Lang::ZH_CN] {
                assert!(
                    !label(lang, spec.path).is_empty(),
                    "{} {:?}",
                    spec.path,
                    lang
                );
            }
            if let FieldKind::Choice(options) = spec.kind {
                for value in options {
                    assert_ne!(option(Lang::ZH_CN, value), *value, "{value} untranslated");
                }
            }
        }
    }
}
