//! Typed validation errors: every problem names the field (a dotted path such as
//! `revenue.monthly_minor[3]`) and the rule it broke.
//!
//! Rules carry the numbers the user needs to fix the input (the limit, the count that was
//! expected) so that any front end can phrase the message in its own language from
//! [`Rule::code`] and the fields, while [`std::fmt::Display`] gives a plain English sentence
//! for logs and the command line.

use serde::Serialize;

/// The path used for problems with the document as a whole (not JSON, not an object, too big).
pub const DOCUMENT: &str = "$";

/// One broken rule on one field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[error("{field}: {rule}")]
pub struct FieldError {
    /// Dotted path of the field, e.g. `loan.amount_minor` or `revenue.monthly_minor[12]`;
    /// [`DOCUMENT`] for the document as a whole.
    pub field: String,
    /// The rule that was broken; serialised flat beside `field`:
    /// `{"field": "business.name", "rule": "too_long", "max_chars": 100}`.
    #[serde(flatten)]
    pub rule: Rule,
}

impl FieldError {
    /// A problem with `field`.
    pub fn new(field: impl Into<String>, rule: Rule) -> Self {
        Self {
            field: field.into(),
            rule,
        }
    }
}

/// The rules a profile can break.
///
/// Serialised with a `rule` tag (`{"rule": "too_large", "max": …}`) so that the web app and the
/// CLI's JSON output can be matched on without parsing English text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[serde(tag = "rule", rename_all = "snake_case")]
pub enum Rule {
    /// The document is not well-formed JSON (or not the expected JSON shape at this place).
    #[error("not valid JSON: {detail}")]
    Syntax {
        /// The parser's own description, with line and column.
        detail: String,
    },
    /// The value has the wrong type (text where a whole number belongs, NaN, a fraction …).
    #[error("wrong kind of value: {detail}")]
    WrongType {
        /// What was found and what was expected.
        detail: String,
    },
    /// A field that is not part of the profile format (often a typo).
    #[error("not a profile field")]
    UnknownField,
    /// A required field is missing or empty.
    #[error("required")]
    Required,
    /// Text longer than the limit, counted in Unicode characters.
    #[error("longer than {max_chars} characters")]
    TooLong {
        /// The limit.
        max_chars: usize,
    },
    /// A number that must not be negative.
    #[error("must not be negative")]
    Negative,
    /// A number beyond any plausible value for a small business.
    #[error("implausibly large (the limit is {max})")]
    TooLarge {
        /// The largest accepted value, in the field's unit.
        max: i64,
    },
    /// A number outside a fixed range.
    #[error("must be between {min} and {max}")]
    OutOfRange {
        /// Smallest accepted value.
        min: i64,
        /// Largest accepted value.
        max: i64,
    },
    /// A list with the wrong number of entries.
    #[error("expected {expected} entries, found {found}")]
    WrongCount {
        /// How many entries the rest of the profile implies.
        expected: usize,
        /// How many were given.
        found: usize,
    },
    /// A classification code that is not in the standard.
    #[error("unknown {standard} code")]
    UnknownCode {
        /// The standard the code must come from, e.g. `GB/T 4754-2017`.
        standard: &'static str,
    },
    /// Text that does not have the required form.
    #[error("must be {expected}")]
    BadFormat {
        /// A description of the form, e.g. `18 characters`.
        expected: &'static str,
    },
    /// A code whose check character does not match the rest of it.
    #[error("check character does not match (mistyped?)")]
    BadChecksum,
    /// A value that cannot be larger than another field's value.
    #[error("cannot exceed {limit}, the limit that {other} sets")]
    Exceeds {
        /// The other field's path.
        other: String,
        /// The other field's value (or the value derived from it).
        limit: i64,
    },
    /// A date after another date it must precede.
    #[error("cannot be after {other}")]
    AfterDate {
        /// The other field's path.
        other: String,
    },
    /// A value given twice where each may appear once (a month in an import).
    #[error("given more than once")]
    Duplicate,
    /// A value the format knows but this version does not support.
    #[error("not supported; supported: {supported}")]
    NotSupported {
        /// The supported values.
        supported: &'static str,
    },
    /// A file larger than can be read.
    #[error("the file is too large (at most {max_kb} KB)")]
    FileTooLarge {
        /// The limit in kilobytes (1,024 bytes).
        max_kb: usize,
    },
    /// A file whose bytes are not text in an encoding this reader knows.
    #[error("not text in {encodings}")]
    NotText {
        /// The encodings tried.
        encodings: &'static str,
    },
}

/// What a value must look like, named once: [`Rule::BadFormat`] carries one of these (and
/// [`Rule::WrongType`] one as its `detail` where it knows), and front ends translate them by
/// [`expected_message_id`].
pub mod expected {
    /// Six digits (a region code).
    pub const SIX_DIGITS: &str = "six digits";
    /// A whole number, without a fraction.
    pub const WHOLE_NUMBER: &str = "a whole number";
    /// An amount as people type it.
    pub const AMOUNT: &str = "an amount such as 12,345.67";
    /// A unified social credit code.
    pub const CREDIT_CODE: &str = "18 characters: digits and capital letters except I, O, S, V, Z";
    /// A calendar month.
    pub const MONTH: &str = "a month YYYY-MM";
    /// A month the monthly figures can hold.
    pub const RECENT_MONTH: &str = "one of the 12 months before the profile date";
    /// A calendar date.
    pub const DATE: &str = "a date YYYY-MM-DD";
    /// Text (a JSON string).
    pub const TEXT: &str = "text";
    /// Yes or no (a JSON `true` or `false`).
    pub const YES_OR_NO: &str = "true or false";
    /// A list of whole numbers (monthly amounts in fen).
    pub const WHOLE_NUMBERS: &str = "a list of whole numbers";
    /// A group of fields (a JSON object).
    pub const GROUP: &str = "a group of fields";
    /// One of a fixed set of values.
    pub const CHOICE: &str = "one of the listed values";
}

/// The message id (`expected-…`) of what a [`Rule::BadFormat`] or [`Rule::WrongType`]
/// expects: the core names it in English, front ends translate it by this id.
pub fn expected_message_id(expected: &str) -> Option<&'static str> {
    use self::expected::*;
    Some(match expected {
        SIX_DIGITS => "expected-six-digits",
        WHOLE_NUMBER => "expected-whole-number",
        AMOUNT => "expected-amount",
        CREDIT_CODE => "expected-credit-code",
        MONTH => "expected-month",
        RECENT_MONTH => "expected-recent-month",
        DATE => "expected-date",
        TEXT => "expected-text",
        YES_OR_NO => "expected-yes-or-no",
        WHOLE_NUMBERS => "expected-whole-numbers",
        GROUP => "expected-group",
        CHOICE => "expected-choice",
        _ => return None,
    })
}

impl Rule {
    /// A stable machine-readable name, the same as the serialised `rule` tag.
    pub fn code(&self) -> &'static str {
        match self {
            Rule::Syntax { .. } => "syntax",
            Rule::WrongType { .. } => "wrong_type",
            Rule::UnknownField => "unknown_field",
            Rule::Required => "required",
            Rule::TooLong { .. } => "too_long",
            Rule::Negative => "negative",
            Rule::TooLarge { .. } => "too_large",
            Rule::OutOfRange { .. } => "out_of_range",
            Rule::WrongCount { .. } => "wrong_count",
            Rule::UnknownCode { .. } => "unknown_code",
            Rule::BadFormat { .. } => "bad_format",
            Rule::BadChecksum => "bad_checksum",
            Rule::Exceeds { .. } => "exceeds",
            Rule::AfterDate { .. } => "after_date",
            Rule::Duplicate => "duplicate",
            Rule::NotSupported { .. } => "not_supported",
            Rule::FileTooLarge { .. } => "file_too_large",
            Rule::NotText { .. } => "not_text",
        }
    }
}

/// Every problem found in one profile, in field order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[error("{} problem(s) in the profile: {}", .errors.len(), summary(.errors))]
pub struct ProfileErrors {
    /// The problems; never empty.
    pub errors: Vec<FieldError>,
}

fn summary(errors: &[FieldError]) -> String {
    errors
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("; ")
}

impl ProfileErrors {
    /// The problems reported for exactly this field path.
    pub fn for_field<'a, 'f>(
        &'a self,
        field: &'f str,
    ) -> impl Iterator<Item = &'a Rule> + use<'a, 'f> {
        self.errors
            .iter()
            .filter(move |e| e.field == field)
            .map(|e| &e.rule)
    }
}

impl From<FieldError> for ProfileErrors {
    fn from(error: FieldError) -> Self {
        Self {
            errors: vec![error],
        }
    }
}
