//! Every word prequal shows a merchant, in every language.
//!
//! The core returns results as data: checks with the requirement and the merchant's figure
//! ([`prequal::catalog::Explanation`]), paths of typed steps ([`prequal::path::Step`]), grades,
//! reasons and overlays. This crate puts them into words from the Fluent files in `locales/`,
//! compiled into tables by `build.rs`; the web app, the JavaScript engine and the CLI all call
//! it, so a sentence is written once per language and a new language needs only new `.ftl`
//! files.

use std::borrow::Cow;

#[cfg(feature = "json")]
pub mod json;

use prequal::assess::{AppliedOverlay, Assessment, Contribution, Model};
use prequal::catalog::{Check, Explanation, Grade, ProductKind, RateType, RepaymentType, Scheme};
use prequal::classification::{industry::Industry, region::Province};
use prequal::matching::{CostItem, Odds, SubsidyItem};
use prequal::money::MINOR_PER_MAJOR;
use prequal::path::{Effort, Step};
use prequal::profile::import::ImportProblem;
use prequal::profile::{Facility, Guarantor, LegalForm, MerchantProfile, Setting, TaxCreditRating};
use prequal::profile::{FieldKind, FieldSpec};
use prequal::scorecard::{Conversion, FeatureValue, Label};
use prequal::{FieldError, Rule};

/// One piece of a compiled pattern.
enum Piece {
    Text(&'static str),
    Var(&'static str),
    /// A select on a variable: its variants (key, pattern) and the default's index.
    Select(
        &'static str,
        &'static [(&'static str, &'static [Piece])],
        usize,
    ),
}

include!(concat!(env!("OUT_DIR"), "/messages.rs"));

/// A language of the message files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Lang(usize);

impl Lang {
    /// English, the reference language and the fallback.
    pub const EN: Lang = Lang(0);

    /// Every language, English first.
    pub fn all() -> impl Iterator<Item = Lang> {
        (0..LANGUAGES.len()).map(Lang)
    }

    /// The language of a BCP 47 tag: an exact match (`zh-CN`), else the same primary language
    /// (`zh`, `zh-Hans-CN` → `zh-CN`; `en-GB` → `en`).
    pub fn parse(tag: &str) -> Option<Lang> {
        let primary = |t: &str| {
            t.split(['-', '_'])
                .next()
                .unwrap_or("")
                .to_ascii_lowercase()
        };
        LANGUAGES
            .iter()
            .position(|known| known.eq_ignore_ascii_case(tag))
            .or_else(|| {
                LANGUAGES
                    .iter()
                    .position(|known| primary(known) == primary(tag))
            })
            .map(Lang)
    }

    /// Chinese (simplified, mainland): the merchant's first language.
    pub fn zh_cn() -> Lang {
        Lang::parse("zh-CN").unwrap_or(Lang::EN)
    }

    /// The tag, e.g. `zh-CN`.
    pub fn tag(self) -> &'static str {
        LANGUAGES[self.0]
    }
}

/// A value for a message variable.
#[derive(Debug, Clone)]
pub enum Arg<'a> {
    /// Text, shown as it is.
    Text(Cow<'a, str>),
    /// A whole number: shown in digits, and what a select chooses by.
    Number(i64),
}

impl<'a> From<&'a str> for Arg<'a> {
    fn from(text: &'a str) -> Self {
        Arg::Text(Cow::Borrowed(text))
    }
}

impl From<String> for Arg<'_> {
    fn from(text: String) -> Self {
        Arg::Text(Cow::Owned(text))
    }
}

impl From<i64> for Arg<'_> {
    fn from(number: i64) -> Self {
        Arg::Number(number)
    }
}

impl From<u32> for Arg<'_> {
    fn from(number: u32) -> Self {
        Arg::Number(i64::from(number))
    }
}

impl From<bool> for Arg<'_> {
    fn from(flag: bool) -> Self {
        Arg::Number(i64::from(flag))
    }
}

/// Whether `id` is a message of the files.
pub fn has(id: &str) -> bool {
    IDS.binary_search(&id).is_ok()
}

/// Message `id` in `lang` with `args` filled in. An unknown id gives the id itself, so a
/// missing message shows up in tests rather than as a blank (the tests render every message).
pub fn message(lang: Lang, id: &str, args: &[(&str, Arg<'_>)]) -> String {
    let Ok(index) = IDS.binary_search(&id) else {
        return id.to_owned();
    };
    let mut out = String::new();
    fill(lang, PATTERNS[lang.0][index], args, &mut out);
    out
}

fn fill(lang: Lang, pieces: &[Piece], args: &[(&str, Arg<'_>)], out: &mut String) {
    let arg = |name: &str| args.iter().find(|(n, _)| *n == name).map(|(_, a)| a);
    for piece in pieces {
        match piece {
            Piece::Text(text) => out.push_str(text),
            Piece::Var(name) => match arg(name) {
                Some(Arg::Text(text)) => out.push_str(text),
                Some(Arg::Number(number)) => out.push_str(&number.to_string()),
                None => {}
            },
            Piece::Select(name, variants, default) => {
                let chosen = match arg(name) {
                    Some(Arg::Number(n)) => {
                        let exact = n.to_string();
                        variants
                            .iter()
                            .position(|(key, _)| *key == exact)
                            .or_else(|| {
                                let category = plural_category(lang, *n);
                                variants.iter().position(|(key, _)| *key == category)
                            })
                            .unwrap_or(*default)
                    }
                    Some(Arg::Text(text)) => variants
                        .iter()
                        .position(|(key, _)| key == text)
                        .unwrap_or(*default),
                    None => *default,
                };
                fill(lang, variants[chosen].1, args, out);
            }
        }
    }
}

/// The CLDR plural category of a whole number: English and the languages like it have `one`;
/// Chinese has only `other`.
fn plural_category(lang: Lang, n: i64) -> &'static str {
    match lang.tag().split('-').next() {
        Some("zh" | "ja" | "ko") => "other",
        _ if n == 1 => "one",
        _ => "other",
    }
}

fn say(lang: Lang, id: &str) -> String {
    message(lang, id, &[])
}

/// A whole number with digit groups (`3,200`).
fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

/// An amount of minor units as the language says it: whole yuan without decimals (`¥3,200`,
/// `3,200 元`), fen only when there are some, and in Chinese 万 from 10,000 yuan when the amount
/// is a whole number of hundreds (`20 万元`, `1.25 万元`).
pub fn money(lang: Lang, minor: i64) -> String {
    let sign = if minor < 0 { "-" } else { "" };
    let fen = minor.unsigned_abs();
    let per = MINOR_PER_MAJOR as u64;
    let (yuan, cents) = (fen / per, fen % per);
    let yuan_text = if cents == 0 {
        format!("{sign}{}", grouped(yuan))
    } else {
        format!("{sign}{}.{cents:02}", grouped(yuan))
    };
    if yuan >= 10_000 && cents == 0 && yuan % 100 == 0 {
        let (wan, rest) = (yuan / 10_000, yuan % 10_000);
        let wan_text = match format!("{rest:04}").trim_end_matches('0') {
            "" => format!("{sign}{wan}"),
            decimals => format!("{sign}{wan}.{decimals}"),
        };
        message(
            lang,
            "money-wan",
            &[("yuan", yuan_text.into()), ("wan", wan_text.into())],
        )
    } else {
        message(lang, "money", &[("yuan", yuan_text.into())])
    }
}

/// A list joined the way the language joins it (`id` is `list-and`, `list-or` or
/// `list-comma`).
fn join(lang: Lang, id: &str, items: impl IntoIterator<Item = String>) -> String {
    items
        .into_iter()
        .reduce(|a, b| message(lang, id, &[("a", a.into()), ("b", b.into())]))
        .unwrap_or_default()
}

/// The name of a GB/T 4754 division (`52` → 零售业), never the bare code.
pub fn industry(lang: Lang, code: &str) -> String {
    let id = format!("industry-{code}");
    if has(&id) {
        say(lang, &id)
    } else {
        Industry::by_code(code).map_or_else(
            || say(lang, "region-unknown"),
            |i| say(lang, &format!("industry-{}", i.code)),
        )
    }
}

/// The name of a region given as a GB/T 2260 code or prefix: its province, and "part of" it
/// for a prefecture or county (the county list is not shipped).
pub fn region(lang: Lang, code: &str) -> String {
    match Province::of_code(code) {
        Some(province) => {
            let name = say(lang, &format!("province-{}", province.prefix));
            if code.len() > 2 {
                message(lang, "region-part", &[("province", name.into())])
            } else {
                name
            }
        }
        None => say(lang, "region-unknown"),
    }
}

/// The merchant's own region: the province it is in.
fn own_region(lang: Lang, code: &str) -> String {
    Province::of_code(code).map_or_else(
        || say(lang, "region-unknown"),
        |p| say(lang, &format!("province-{}", p.prefix)),
    )
}

/// A legal form's name.
pub fn legal_form(lang: Lang, form: LegalForm) -> String {
    say(lang, &format!("legal-form-{}", form.name()))
}

/// An urban or rural setting.
pub fn setting(lang: Lang, setting: Setting) -> String {
    say(lang, &format!("setting-{}", setting.name()))
}

/// Who guarantees.
pub fn guarantor(lang: Lang, guarantor: Guarantor) -> String {
    say(lang, &format!("guarantor-{}", guarantor.name()))
}

/// A taxpayer credit rating.
pub fn tax_rating(lang: Lang, rating: TaxCreditRating) -> String {
    say(lang, &format!("tax-rating-{}", rating.name()))
}

/// A facility type.
pub fn facility(lang: Lang, facility: Facility) -> String {
    say(lang, &format!("facility-{}", facility.name()))
}

/// A field's label in the form's words (`business.name` → "Business name"); for an entry of
/// the monthly figures, the list's label and the month's number.
pub fn field(lang: Lang, path: &str) -> String {
    let (base, index) = match path.find('[') {
        Some(at) => (
            &path[..at],
            path[at + 1..].trim_end_matches(']').parse::<i64>().ok(),
        ),
        None => (path, None),
    };
    let id = format!("field-{}", base.replace('.', "-"));
    let label = if has(&id) {
        say(lang, &id)
    } else if base == prequal::error::DOCUMENT {
        say(lang, "field-document")
    } else if let Some(section) = prequal::profile::Section::of_group(base) {
        say(lang, section.message_id())
    } else {
        base.to_owned()
    };
    match index {
        Some(index) => message(
            lang,
            "field-entry",
            &[("field", label.into()), ("n", (index + 1).into())],
        ),
        None => label,
    }
}

/// A broken rule in the form's words, its figures filled in.
pub fn rule(lang: Lang, rule: &Rule) -> String {
    let with = |id: &str, args: &[(&str, Arg<'_>)]| message(lang, id, args);
    match rule {
        Rule::Required => with("rule-required", &[]),
        Rule::Negative => with("rule-negative", &[]),
        Rule::TooLarge { max } => with("rule-too-large", &[("max", (*max).into())]),
        Rule::TooLong { max_chars } => with(
            "rule-too-long",
            &[("max", i64::try_from(*max_chars).unwrap_or(i64::MAX).into())],
        ),
        Rule::OutOfRange { min, max } => with(
            "rule-out-of-range",
            &[("min", (*min).into()), ("max", (*max).into())],
        ),
        Rule::WrongCount { expected, found } => with(
            "rule-wrong-count",
            &[
                (
                    "expected",
                    i64::try_from(*expected).unwrap_or(i64::MAX).into(),
                ),
                ("found", i64::try_from(*found).unwrap_or(i64::MAX).into()),
            ],
        ),
        Rule::UnknownCode { standard } => {
            with("rule-unknown-code", &[("standard", (*standard).into())])
        }
        Rule::BadFormat { expected } => with(
            "rule-bad-format",
            &[("expected", expected_text(lang, expected).into())],
        ),
        Rule::BadChecksum => with("rule-bad-checksum", &[]),
        Rule::Exceeds { other, limit } => with(
            "rule-exceeds",
            &[
                ("limit", (*limit).into()),
                ("other", field(lang, other).into()),
            ],
        ),
        Rule::AfterDate { other } => {
            with("rule-after-date", &[("other", field(lang, other).into())])
        }
        Rule::WrongType { detail } => match prequal::error::expected_message_id(detail) {
            Some(id) => with("rule-wrong-type", &[("expected", say(lang, id).into())]),
            None => with("rule-invalid-value", &[]),
        },
        Rule::Syntax { .. } => with("rule-syntax", &[]),
        Rule::UnknownField => with("rule-unknown-field", &[]),
        Rule::Duplicate => with("rule-duplicate", &[]),
        Rule::NotSupported { supported } => {
            with("rule-not-supported", &[("supported", (*supported).into())])
        }
        Rule::FileTooLarge { max_kb } => with(
            "file-too-large",
            &[("max_kb", i64::try_from(*max_kb).unwrap_or(i64::MAX).into())],
        ),
        Rule::NotText { .. } => with("file-not-text", &[]),
    }
}

/// The heading above an imported file's problems: the file was not imported and the form is
/// unchanged.
pub fn import_heading(lang: Lang, file: &str) -> String {
    message(lang, "import-problems", &[("file", file.into())])
}

/// One problem of an imported file, as the form lists it under [`import_heading`]: where (the
/// CSV's row and column, or the profile's field; nothing when it is the whole file, which the
/// heading names) and what, in words a merchant can act on.
pub fn import_problem(lang: Lang, file: &str, problem: &ImportProblem) -> String {
    let place = match problem.row {
        Some(row) => message(
            lang,
            "import-row",
            &[
                ("row", i64::try_from(row).unwrap_or(i64::MAX).into()),
                ("column", problem.column.as_str().into()),
            ],
        ),
        None if problem.column == file || problem.column == prequal::error::DOCUMENT => {
            String::new()
        }
        None => field(lang, &problem.column),
    };
    let what = match &problem.rule {
        Rule::FileTooLarge { max_kb } => message(
            lang,
            "import-file-too-large",
            &[("max_kb", i64::try_from(*max_kb).unwrap_or(i64::MAX).into())],
        ),
        Rule::NotText { .. } => say(lang, "import-not-text"),
        other => rule(lang, other),
    };
    if place.is_empty() {
        what
    } else {
        message(
            lang,
            "import-problem",
            &[("place", place.into()), ("rule", what.into())],
        )
    }
}

/// What a format rule expects, in the form's words (the core names it in English).
fn expected_text(lang: Lang, expected: &str) -> String {
    prequal::error::expected_message_id(expected)
        .map_or_else(|| expected.to_owned(), |id| say(lang, id))
}

/// A field error: the field's label and the broken rule, in one line. A money field's limit
/// is said as an amount (the core counts it in fen).
pub fn field_error(lang: Lang, error: &FieldError) -> String {
    let is_money = FieldSpec::find(&error.field)
        .is_some_and(|spec| matches!(spec.kind, FieldKind::Money | FieldKind::MonthlyMoney));
    let broken = match &error.rule {
        Rule::TooLarge { max } if is_money => {
            message(lang, "rule-too-large", &[("max", money(lang, *max).into())])
        }
        other => rule(lang, other),
    };
    message(
        lang,
        "field-error",
        &[
            ("field", field(lang, &error.field).into()),
            ("rule", broken.into()),
        ],
    )
}

/// A check and how the merchant stands against it, in one sentence.
pub fn check(lang: Lang, explanation: &Explanation) -> String {
    let m = |amount: i64| money(lang, amount);
    let id = format!("check-{}", explanation.rule);
    let with = |args: &[(&str, Arg<'_>)]| message(lang, &id, args);
    match &explanation.check {
        Check::All { parts } | Check::Any { parts } => {
            let (joiner, id) = match &explanation.check {
                Check::All { .. } => ("list-and", "check-all"),
                _ => ("list-or", "check-any"),
            };
            let parts = join(lang, joiner, parts.iter().map(|part| check(lang, part)));
            message(lang, id, &[("parts", parts.into())])
        }
        Check::RegionIn { regions, yours } => with(&[
            (
                "regions",
                join(lang, "list-comma", regions.iter().map(|r| region(lang, r))).into(),
            ),
            ("yours", own_region(lang, yours).into()),
        ]),
        Check::IndustryIn { industries, yours } | Check::IndustryNotIn { industries, yours } => {
            with(&[
                (
                    "industries",
                    join(
                        lang,
                        "list-comma",
                        industries.iter().map(|c| industry(lang, c)),
                    )
                    .into(),
                ),
                ("yours", industry(lang, yours).into()),
            ])
        }
        Check::LegalFormIn { forms, yours } => with(&[
            (
                "forms",
                join(lang, "list-or", forms.iter().map(|f| legal_form(lang, *f))).into(),
            ),
            ("yours", legal_form(lang, *yours).into()),
        ]),
        Check::SettingIs {
            setting: wanted,
            yours,
        } => with(&[
            ("setting", setting(lang, *wanted).into()),
            ("yours", setting(lang, *yours).into()),
        ]),
        Check::MinMonthsInOperation { min, yours }
        | Check::MinTaxMonthsFiled { min, yours }
        | Check::MinSocialInsuranceMonths { min, yours }
        | Check::MinOwnerExperienceYears { min, yours } => {
            with(&[("min", (*min).into()), ("yours", (*yours).into())])
        }
        Check::MonthlyRevenue {
            min_minor,
            max_minor,
            yours_minor,
        } => match max_minor {
            Some(max) => message(
                lang,
                "check-monthly_revenue-range",
                &[
                    ("min", m(*min_minor).into()),
                    ("max", m(*max).into()),
                    ("yours", m(*yours_minor).into()),
                ],
            ),
            None => with(&[
                ("min", m(*min_minor).into()),
                ("yours", m(*yours_minor).into()),
            ]),
        },
        Check::MaxGrade { max, yours } => {
            with(&[("max", max.name().into()), ("yours", yours.name().into())])
        }
        Check::TaxRatingIn { ratings, yours } => with(&[
            (
                "ratings",
                join(
                    lang,
                    "list-or",
                    ratings.iter().map(|r| tax_rating(lang, *r)),
                )
                .into(),
            ),
            ("yours", tax_rating(lang, *yours).into()),
        ]),
        Check::NoTaxArrears { yours_minor }
        | Check::NoUtilityArrears { yours_minor }
        | Check::NoSocialInsuranceArrears { yours_minor } => {
            with(&[("amount", m(*yours_minor).into())])
        }
        Check::TaxArrearsSettledOrPlanned { yours_minor, plan }
        | Check::UtilityArrearsSettledOrPlanned { yours_minor, plan } => {
            with(&[("amount", m(*yours_minor).into()), ("plan", (*plan).into())])
        }
        Check::MaxLateUtilityPayments { max, yours }
        | Check::MaxLenders { max, yours }
        | Check::MaxMonthsInOperation { max, yours } => {
            with(&[("max", (*max).into()), ("yours", (*yours).into())])
        }
        Check::NoCourtJudgements { yours } => with(&[("yours", (*yours).into())]),
        Check::NotBlacklisted { listed } => with(&[("listed", (*listed).into())]),
        Check::MaxDebtServicePct { max_pct, yours_pct } => match yours_pct {
            Some(yours) => with(&[("max", (*max_pct).into()), ("yours", (*yours).into())]),
            None => message(
                lang,
                "check-max_debt_service_pct-no-sales",
                &[("max", (*max_pct).into())],
            ),
        },
        Check::CollateralRequired {
            assets,
            min_cover_pct,
            needed_minor,
            yours_minor,
        } => with(&[
            (
                "assets",
                say(lang, &format!("assets-{}", assets.name())).into(),
            ),
            ("pct", (*min_cover_pct).into()),
            ("needed", m(*needed_minor).into()),
            ("yours", m(*yours_minor).into()),
        ]),
        Check::GuarantorIn { guarantors, yours } => with(&[
            (
                "guarantors",
                join(
                    lang,
                    "list-or",
                    guarantors.iter().map(|g| guarantor(lang, *g)),
                )
                .into(),
            ),
            ("yours", guarantor(lang, *yours).into()),
        ]),
        Check::ServesRegion {
            nationwide,
            regions,
            yours,
        } => {
            if *nationwide {
                say(lang, "check-serves_region-nationwide")
            } else {
                with(&[
                    (
                        "regions",
                        join(lang, "list-comma", regions.iter().map(|r| region(lang, r))).into(),
                    ),
                    ("yours", own_region(lang, yours).into()),
                ])
            }
        }
        Check::PricedForGrade { best, worst, yours } => with(&[
            ("best", best.name().into()),
            ("worst", worst.name().into()),
            ("yours", yours.name().into()),
        ]),
        Check::LimitReachesMinimum {
            min_minor,
            limit_minor,
        } => with(&[
            ("min", m(*min_minor).into()),
            ("limit", m(*limit_minor).into()),
        ]),
    }
}

/// A step on a path, as an instruction.
pub fn step(lang: Lang, step: &Step) -> String {
    let m = |amount: i64| money(lang, amount);
    let id = format!("step-{}", step_name(step));
    let with = |args: &[(&str, Arg<'_>)]| message(lang, &id, args);
    match step {
        Step::PayTaxArrears { amount_minor }
        | Step::PayUtilityArrears { amount_minor }
        | Step::PaySocialInsuranceArrears { amount_minor }
        | Step::AgreeTaxPlan { amount_minor }
        | Step::AgreeUtilityPlan { amount_minor } => with(&[("amount", m(*amount_minor).into())]),
        Step::LowerAmount { to_minor } | Step::GrowRevenue { to_minor } => {
            with(&[("amount", m(*to_minor).into())])
        }
        Step::CutRepayments { by_minor } => with(&[("amount", m(*by_minor).into())]),
        Step::ChooseTermLoan | Step::LeaveBlackList => with(&[]),
        Step::SettleJudgements { count } | Step::RepayLenders { count } => {
            with(&[("count", (*count).into())])
        }
        Step::AddGuarantor { guarantor: g } => with(&[("guarantor", guarantor(lang, *g).into())]),
        Step::FileTax { months, .. }
        | Step::PaySocialInsurance { months, .. }
        | Step::Wait { months } => with(&[("months", (*months).into())]),
        Step::PayBillsOnTime { to } => with(&[("to", (*to).into())]),
        Step::ReachTaxRating { rating } => with(&[("rating", tax_rating(lang, *rating).into())]),
        Step::GainExperience { years } => with(&[("years", (*years).into())]),
        Step::PledgeCollateral { assets, to_minor } => with(&[
            (
                "assets",
                say(lang, &format!("assets-{}-lower", assets.name())).into(),
            ),
            ("amount", m(*to_minor).into()),
        ]),
    }
}

/// Several steps as one instruction ("Pay …; pay …").
pub fn steps(lang: Lang, steps: &[Step]) -> String {
    join(lang, "list-and", steps.iter().map(|s| step(lang, s)))
}

/// The step's serialised name (`pay_tax_arrears`).
pub fn step_name(step: &Step) -> &'static str {
    match step {
        Step::PayTaxArrears { .. } => "pay_tax_arrears",
        Step::PayUtilityArrears { .. } => "pay_utility_arrears",
        Step::PaySocialInsuranceArrears { .. } => "pay_social_insurance_arrears",
        Step::LowerAmount { .. } => "lower_amount",
        Step::ChooseTermLoan => "choose_term_loan",
        Step::AgreeTaxPlan { .. } => "agree_tax_plan",
        Step::AgreeUtilityPlan { .. } => "agree_utility_plan",
        Step::SettleJudgements { .. } => "settle_judgements",
        Step::AddGuarantor { .. } => "add_guarantor",
        Step::FileTax { .. } => "file_tax",
        Step::PaySocialInsurance { .. } => "pay_social_insurance",
        Step::PayBillsOnTime { .. } => "pay_bills_on_time",
        Step::Wait { .. } => "wait",
        Step::RepayLenders { .. } => "repay_lenders",
        Step::CutRepayments { .. } => "cut_repayments",
        Step::ReachTaxRating { .. } => "reach_tax_rating",
        Step::GainExperience { .. } => "gain_experience",
        Step::GrowRevenue { .. } => "grow_revenue",
        Step::PledgeCollateral { .. } => "pledge_collateral",
        Step::LeaveBlackList => "leave_black_list",
    }
}

/// A product kind's name.
pub fn kind(lang: Lang, kind: ProductKind) -> String {
    say(lang, &format!("kind-{}", kind.name()))
}

/// A repayment type's name.
pub fn repayment(lang: Lang, repayment: RepaymentType) -> String {
    say(lang, &format!("repayment-{}", repayment.name()))
}

/// One item of a loan's cost in words: what it is, how much over the term, who charges it and
/// when it is paid.
pub fn cost_item(lang: Lang, item: &CostItem) -> String {
    let name = match item.fee {
        None => say(lang, "cost-interest"),
        Some(kind) => say(lang, &format!("fee-{}", kind.name())),
    };
    let timing = match item.timing {
        None => say(lang, "timing-instalments"),
        Some(timing) => say(lang, &format!("timing-{}", timing.name())),
    };
    message(
        lang,
        "cost-item",
        &[
            ("item", name.into()),
            ("amount", money(lang, item.amount_minor).into()),
            (
                "charger",
                say(lang, &format!("charger-{}", item.charged_by.name())).into(),
            ),
            ("timing", timing.into()),
        ],
    )
}

/// A subsidy of the cost in words: what it pays, who pays it, what it is worth over the term,
/// how it reaches the merchant, and its conditions as the catalog states them.
pub fn subsidy(lang: Lang, item: &SubsidyItem) -> String {
    message(
        lang,
        "subsidy-item",
        &[
            (
                "kind",
                say(lang, &format!("subsidy-{}", item.kind.name())).into(),
            ),
            (
                "payer",
                say(lang, &format!("payer-{}", item.paid_by.name())).into(),
            ),
            ("amount", money(lang, item.amount_minor).into()),
            (
                "delivery",
                say(lang, &format!("delivery-{}", item.delivery.name())).into(),
            ),
            ("conditions", label_in(lang, &item.conditions).into()),
        ],
    )
}

/// A bank's reason for declining, from the fixed list of `prequal.response/1`.
pub fn decline_reason(lang: Lang, reason: prequal::response::Reason) -> String {
    say(lang, &format!("decline-{}", reason.name()))
}

/// Approval odds in words.
pub fn odds(lang: Lang, odds: Odds) -> String {
    say(lang, &format!("odds-{}", odds.name()))
}

/// A fixed or variable rate.
pub fn rate_type(lang: Lang, rate_type: RateType) -> String {
    say(lang, &format!("rate-type-{}", rate_type.name()))
}

/// A public scheme's name.
pub fn scheme(lang: Lang, scheme: Scheme) -> String {
    say(lang, &format!("scheme-{}", scheme.name()))
}

/// A rate in basis points (`4.35%`).
pub fn rate_bp(bp: i64) -> String {
    let sign = if bp < 0 { "-" } else { "" };
    let bp = bp.unsigned_abs();
    format!("{sign}{}.{:02}%", bp / 100, bp % 100)
}

/// How hard a step is, in words.
pub fn effort(lang: Lang, effort: Effort) -> String {
    say(lang, &format!("effort-{}", effort.name()))
}

/// A probability of default in words: "about 28 in 100".
pub fn probability(lang: Lang, pd: f64) -> String {
    let n = (pd * 100.0).round().clamp(0.0, 100.0) as i64;
    message(lang, "pd-words", &[("n", n.to_string().into())])
}

/// Where the PD of a grade lies, in whole cases per 100 (the low end rounded down, the high
/// end up, so a range never reads as a point): the model's bootstrap range for the grade when
/// the artifact has one (`metrics.pd_ranges`), else the grade's band.
pub fn grade_range(model: &Model, grade: Grade) -> (i64, i64) {
    let card = model.scorecard();
    let (low, high) = match card
        .metrics
        .pd_ranges
        .iter()
        .find(|r| r.grade == grade.name())
    {
        Some(range) => (range.low, range.high),
        None => {
            let bands = &card.grades;
            let index = (grade as usize).min(bands.len().saturating_sub(1));
            let low = if index == 0 {
                0.0
            } else {
                bands[index - 1].max_pd
            };
            (low, bands.get(index).map_or(1.0, |band| band.max_pd))
        }
    };
    let (low, high) = ((low * 100.0).floor() as i64, (high * 100.0).ceil() as i64);
    (low, high.max(low + 1))
}

/// The range a merchant is told for a statistical PD: its grade's range ([`grade_range`])
/// widened to hold the merchant's own estimate, so the two figures never contradict each other.
pub fn merchant_range(model: &Model, pd: f64) -> (i64, i64) {
    let (low, high) = grade_range(model, model.scorecard().grade_of(pd));
    let own = pd * 100.0;
    (
        low.min(own.floor() as i64),
        high.max(own.ceil() as i64).max(low + 1),
    )
}

/// A probability of default as a range in words, with its grade: "about 34 to 37 in 100
/// (grade F)" — never a point to a tenth of a percent the model cannot support.
pub fn probability_in_band(lang: Lang, model: &Model, pd: f64) -> String {
    let (low, high) = merchant_range(model, pd);
    message(
        lang,
        "pd-in-band",
        &[
            ("low", low.into()),
            ("high", high.into()),
            ("grade", model.scorecard().grade_of(pd).name().into()),
        ],
    )
}

/// The grade of an assessment in one sentence: what it means in 100 businesses like this one
/// (the range of [`merchant_range`]), or, when policy rules lowered the model's own grade,
/// the model's range and that the rules lowered it; and, when a catalog says so, the grade most
/// of its lenders want.
pub fn grade_sentence(
    lang: Lang,
    model: &Model,
    assessment: &Assessment,
    wanted: Option<Grade>,
) -> String {
    let grade = assessment.grade;
    let (low, high) = merchant_range(model, assessment.probability_of_default);
    let mut sentence = if assessment.statistical_grade != grade {
        message(
            lang,
            "grade-sentence-policy",
            &[
                ("grade", grade.name().into()),
                ("low", low.into()),
                ("high", high.into()),
                ("statistical", assessment.statistical_grade.name().into()),
            ],
        )
    } else if high >= 100 {
        message(
            lang,
            "grade-sentence-worst",
            &[("grade", grade.name().into()), ("low", low.into())],
        )
    } else {
        message(
            lang,
            "grade-sentence",
            &[
                ("grade", grade.name().into()),
                ("low", low.into()),
                ("high", high.into()),
            ],
        )
    };
    if let Some(wanted) = wanted {
        sentence.push(' ');
        sentence.push_str(&message(
            lang,
            "grade-most-lenders",
            &[("wanted", wanted.name().into())],
        ));
    }
    sentence
}

/// The merchant's own value for a factor of the score, in yuan, whole people and names rather
/// than the model's bin (empty for yes/no factors, whose name says it).
pub fn factor_value(lang: Lang, feature: &str, profile: &MerchantProfile) -> String {
    match feature {
        "naics_sector" => industry(lang, &profile.business.industry),
        "employees" => message(
            lang,
            "employees-count",
            &[("n", profile.business.employees.into())],
        ),
        "urban_rural" => setting(lang, profile.location.setting),
        "amount_usd" => money(lang, profile.loan.amount_minor),
        "revolving" => facility(lang, profile.loan.facility),
        "new_business" => message(
            lang,
            "months-traded",
            &[("n", profile.business.months_in_operation.into())],
        ),
        "franchise" | "real_estate" => {
            let yes = match feature {
                "franchise" => profile.business.franchise,
                _ => profile.collateral.real_estate_value_minor > 0,
            };
            say(lang, if yes { "yes" } else { "no" })
        }
        "revenue_monthly" => money(lang, whole(number_of(feature, profile) * 100.0)),
        "revenue_trend_pct" => {
            let pct = whole(number_of(feature, profile));
            let id = match pct.signum() {
                1 => "trend-up",
                -1 => "trend-down",
                _ => "trend-flat",
            };
            message(lang, id, &[("pct", pct.abs().into())])
        }
        "revenue_volatility_pct"
        | "debt_service_pct"
        | "amount_to_revenue_pct"
        | "collateral_cover_pct"
        | "insured_share_pct" => message(
            lang,
            "percent",
            &[("pct", whole(number_of(feature, profile)).into())],
        ),
        "months_without_revenue" | "tax_months_filed" => message(
            lang,
            "months-count",
            &[("n", whole(number_of(feature, profile)).into())],
        ),
        "tax_arrears" => money(lang, profile.tax.arrears_minor),
        "tax_rating" => tax_rating(lang, profile.tax.credit_rating),
        "utility_late_payments" => message(
            lang,
            "times-count",
            &[("n", profile.utility.late_payments_last_12.into())],
        ),
        "court_record" => match prequal::features::value_of(feature, profile, &NO_CONVERSION) {
            Some(FeatureValue::Category(record)) => say(lang, &format!("court-record-{record}")),
            _ => String::new(),
        },
        "months_in_operation" => message(
            lang,
            "months-traded",
            &[("n", profile.business.months_in_operation.into())],
        ),
        "industry_section" => industry(lang, &profile.business.industry),
        "province" => own_region(lang, &profile.location.region),
        "lenders" => message(
            lang,
            "lenders-count",
            &[("n", profile.debts.lenders.into())],
        ),
        "owner_experience_years" => message(
            lang,
            "years-count",
            &[("n", profile.owner.industry_experience_years.into())],
        ),
        _ => String::new(),
    }
}

/// A conversion for features that need none (every library feature but `amount_usd`).
const NO_CONVERSION: Conversion = Conversion { cny_per_usd: 1.0 };

/// A numeric feature's value for `profile` (0 for a name that is not one).
fn number_of(feature: &str, profile: &MerchantProfile) -> f64 {
    match prequal::features::value_of(feature, profile, &NO_CONVERSION) {
        Some(FeatureValue::Number(x)) => x,
        _ => 0.0,
    }
}

/// A figure rounded to a whole number for words (half away from zero).
fn whole(x: f64) -> i64 {
    x.round() as i64
}

/// A label in the language of `lang` (Chinese for a Chinese tag, else English).
fn label_in(lang: Lang, label: &Label) -> String {
    if lang.tag().starts_with("zh") {
        label.zh.clone()
    } else {
        label.en.clone()
    }
}

/// A factor's name (`naics_sector` → "Your trade").
pub fn factor_name(lang: Lang, contribution: &Contribution) -> String {
    let id = format!("factor-{}", contribution.feature);
    if has(&id) {
        say(lang, &id)
    } else {
        label_in(lang, &contribution.label)
    }
}

/// How much a factor pulls the grade down, in words: the points it falls short of the best a
/// complete profile gets, against the widest such shortfall of any factor.
pub fn factor_effect(lang: Lang, contribution: &Contribution, widest: i32) -> String {
    let lost = contribution.max_points - contribution.points;
    let id = if lost <= 0 {
        "effect-none"
    } else if lost * 3 <= widest.max(1) {
        "effect-small"
    } else if lost * 3 <= widest.max(1) * 2 {
        "effect-some"
    } else {
        "effect-large"
    };
    say(lang, id)
}

/// Whether the merchant can change a factor: not at all, by itself with time, or by a choice.
pub fn factor_changeable(lang: Lang, contribution: &Contribution) -> String {
    let id = format!("changeable-{}", contribution.feature);
    if has(&id) {
        say(lang, &id)
    } else {
        String::new()
    }
}

/// What a factor of the score means for this merchant and whether they can change it, with
/// the merchant's own value (in yuan, whole people, names) rather than the model's bin.
pub fn reason(lang: Lang, contribution: &Contribution, profile: &MerchantProfile) -> String {
    let value = factor_value(lang, &contribution.feature, profile);
    // A yes/no factor can fall short either way (a pair table can make "no" the weaker answer
    // for some merchants): its words name the merchant's own answer when the files have them.
    let answer = match contribution.feature.as_str() {
        "franchise" => Some(profile.business.franchise),
        "new_business" => {
            Some(profile.business.months_in_operation < prequal::features::NEW_BUSINESS_MONTHS)
        }
        _ => None,
    };
    let by_answer = answer.map(|yes| {
        format!(
            "reason-{}-{}",
            contribution.feature,
            if yes { "yes" } else { "no" }
        )
    });
    let id = by_answer
        .filter(|id| has(id))
        .unwrap_or_else(|| format!("reason-{}", contribution.feature));
    let mut text = if has(&id) {
        message(lang, &id, &[("value", value.into())])
    } else {
        // A feature the files do not word yet: the model's own label for it.
        label_in(lang, &contribution.label)
    };
    if !contribution.shared_with.is_empty() {
        let others: Vec<String> = contribution
            .shared_with
            .iter()
            .map(|feature| {
                let id = format!("factor-{feature}");
                if has(&id) {
                    say(lang, &id)
                } else {
                    feature.clone()
                }
            })
            .collect();
        // Chinese runs sentences together after its full stop; English puts a space.
        if !text.ends_with('。') {
            text.push(' ');
        }
        text.push_str(&message(
            lang,
            "reason-together",
            &[("others", join(lang, "list-comma", others).into())],
        ));
    }
    text
}

/// A policy overlay that applied, in words.
pub fn overlay(lang: Lang, overlay: &AppliedOverlay) -> String {
    let id = format!("overlay-{}", overlay.id);
    if has(&id) {
        say(lang, &id)
    } else {
        overlay.reason.en.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_amounts_use_wan_and_english_uses_yuan() {
        let zh = Lang::zh_cn();
        assert_eq!(money(zh, 320_000), "3,200 元");
        assert_eq!(money(zh, 20_000_000), "20 万元");
        assert_eq!(money(zh, 12_500_000), "12.5 万元");
        assert_eq!(money(zh, 1_234_567), "12,345.67 元");
        assert_eq!(money(Lang::EN, 20_000_000), "¥200,000");
        assert_eq!(money(Lang::EN, 65_000), "¥650");
    }

    #[test]
    fn tags_resolve_to_the_nearest_language() {
        assert_eq!(Lang::parse("zh").map(Lang::tag), Some("zh-CN"));
        assert_eq!(Lang::parse("en-GB").map(Lang::tag), Some("en"));
        assert_eq!(Lang::parse("fr"), None);
    }

    #[test]
    fn plurals_follow_the_language() {
        let wait = Step::Wait { months: 1 };
        assert_eq!(step(Lang::EN, &wait), "Keep trading 1 more month");
        assert_eq!(
            step(Lang::EN, &Step::Wait { months: 6 }),
            "Keep trading 6 more months"
        );
        assert_eq!(step(Lang::zh_cn(), &wait), "再经营 1 个月");
    }

    #[test]
    fn names_replace_codes() {
        let zh = Lang::zh_cn();
        assert_eq!(industry(zh, "52"), "零售业");
        assert_eq!(region(zh, "52"), "贵州省");
        assert_eq!(region(zh, "5226"), "贵州省部分地区");
    }
}
