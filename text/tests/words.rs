//! The words of every sample profile's result: golden files of the structured report with its
//! rendering in both languages, and the rules every Chinese text shown to a merchant keeps (no
//! English, no USD, whole employees, names instead of codes).

use prequal::assess::Model;
use prequal::catalog::ValidCatalog;
use prequal::matching::{Matcher, Query, Report, Standing};
use prequal::profile::{self, MerchantProfile};
use prequal_text::Lang;

const CATALOG: &[u8] = include_bytes!("../../models/catalog.json");

fn sample(name: &str) -> MerchantProfile {
    let text = std::fs::read_to_string(format!(
        "{}/../examples/profiles/{name}.json",
        env!("CARGO_MANIFEST_DIR")
    ))
    .expect("sample");
    profile::from_json(&text).expect("parses")
}

fn report(profile: &MerchantProfile, limit: usize, all: bool) -> Report {
    let catalog = ValidCatalog::from_json(CATALOG).expect("valid catalog");
    let valid = profile.validate().expect("valid");
    let model = Model::shipped();
    let standing = Standing::from_assessment(&model.assess(&valid));
    Matcher::new(&catalog, &valid, standing)
        .with_model(model)
        .report(&Query::default(), limit, all)
}

/// Compares `actual` with a golden file (`PREQUAL_BLESS=1` rewrites it).
fn golden(name: &str, actual: &serde_json::Value) {
    let path = format!("{}/../tests/golden/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = serde_json::to_string_pretty(actual).expect("serialises") + "\n";
    if std::env::var_os("PREQUAL_BLESS").is_some() {
        std::fs::write(&path, &text).expect("bless");
    }
    let expected = std::fs::read_to_string(&path).expect("golden file (PREQUAL_BLESS=1 writes it)");
    assert!(
        text == expected,
        "{path} differs; PREQUAL_BLESS=1 rewrites it"
    );
}

/// The strong sample's report (the engine's browser test compares its own with this file).
#[test]
fn golden_report_of_the_strong_sample() {
    let profile = sample("strong");
    golden(
        "strong.match.json",
        &prequal_text::json::report(&report(&profile, 20, false)),
    );
}

/// The weak sample's report: every product, each check and path as data and in words.
#[test]
fn golden_report_of_the_weak_sample() {
    let profile = sample("weak");
    golden(
        "weak.match.json",
        &prequal_text::json::report(&report(&profile, 10, false)),
    );
}

/// Every text the result and products screens show a merchant for `profile`, in `lang`.
fn texts(profile: &MerchantProfile, lang: Lang) -> Vec<String> {
    let model = Model::shipped();
    let valid = profile.validate().expect("valid");
    let assessment = model.assess(&valid);
    let mut out = vec![
        prequal_text::grade_sentence(lang, model, &assessment, Some(prequal::catalog::Grade::D)),
        prequal_text::probability_in_band(lang, model, assessment.probability_of_default),
    ];
    out.extend(
        assessment
            .reasons
            .iter()
            .map(|r| prequal_text::reason(lang, r, profile)),
    );
    out.extend(
        assessment
            .overlays
            .iter()
            .map(|o| prequal_text::overlay(lang, o)),
    );
    let report = report(profile, 0, true);
    for product in &report.products {
        out.extend(
            product
                .rules
                .iter()
                .map(|rule| prequal_text::check(lang, rule)),
        );
        if let Some(path) = &product.path {
            out.extend(path.steps.iter().map(|step| prequal_text::step(lang, step)));
            out.push(prequal_text::effort(lang, path.effort));
        }
    }
    out.extend(
        report
            .first_steps
            .iter()
            .map(|s| prequal_text::steps(lang, &s.steps)),
    );
    out
}

#[test]
fn chinese_texts_have_no_english_no_usd_whole_staff_and_names_not_codes() {
    let zh = Lang::zh_cn();
    for name in ["strong", "weak", "new-business"] {
        let profile = sample(name);
        let shown = texts(&profile, zh);
        assert!(shown.len() > 50, "{name}: {} texts", shown.len());
        for text in &shown {
            // Latin letters only as grade and rating letters standing alone (A–G, M).
            let mut word = String::new();
            for c in text.chars().chain([' ']) {
                if c.is_ascii_alphabetic() {
                    word.push(c);
                } else if !word.is_empty() {
                    assert!(
                        word.len() == 1 && "ABCDEFGM".contains(word.as_str()),
                        "{name}: English `{word}` in {text:?}"
                    );
                    word.clear();
                }
            }
            assert!(
                !text.contains("USD") && !text.contains('$'),
                "{name}: {text:?}"
            );
            assert!(
                !text.contains(".5 人"),
                "{name}: fractional staff in {text:?}"
            );
            assert!(
                !text.contains(&profile.location.region),
                "{name}: bare region code in {text:?}"
            );
            let industry = &profile.business.industry;
            let bare_industry = text.match_indices(industry.as_str()).any(|(at, _)| {
                let before = text[..at].chars().last();
                let after = text[at + industry.len()..].chars().next();
                !before.is_some_and(|c| c.is_ascii_digit() || c == ',' || c == '.')
                    && !after
                        .is_some_and(|c| c.is_ascii_digit() || c == ',' || c == '.' || c == ' ')
            });
            assert!(!bare_industry, "{name}: bare industry code in {text:?}");
        }
        // English has no Chinese outside the names given in both (e.g. 个体工商户).
        for text in texts(&profile, Lang::EN) {
            assert!(!text.contains("USD"), "{name}: {text:?}");
        }
    }
}

#[test]
fn the_weak_sample_has_a_path_it_can_start_now() {
    let report = report(&sample("weak"), 0, false);
    let within_reach = report
        .products
        .iter()
        .filter(|p| p.path.as_ref().is_some_and(|path| path.in_hands()))
        .count();
    assert!(within_reach >= 5, "{within_reach} products within reach");
    let first = report.first_steps.first().expect("a first stage");
    assert_eq!(first.effort, prequal::path::Effort::Now);
    // Paying the arrears starts the paths to several products (a guarantee then opens them).
    assert!(first.products >= 3, "{} products", first.products);
    let zh = prequal_text::steps(Lang::zh_cn(), &first.steps);
    assert!(zh.contains("欠税") || zh.contains("电费"), "{zh}");
}

/// Every message the code can ask for exists in every language (an unknown id renders as
/// itself, which this catches).
#[test]
fn every_message_exists_in_every_language() {
    for lang in Lang::all() {
        for profile in ["strong", "weak", "new-business"].map(sample) {
            for text in texts(&profile, lang) {
                assert!(
                    !text.contains("check-")
                        && !text.contains("step-")
                        && !text.contains("reason-"),
                    "{}: {text}",
                    lang.tag()
                );
            }
        }
    }
}

/// Every feature the core can compute has its name, its reason and whether it can change, in
/// every language, with the merchant's own value in the words: a model a portal trains on any
/// of them speaks to the merchant as the shipped one does.
#[test]
fn every_feature_of_the_library_is_worded_in_every_language() {
    use prequal::assess::Contribution;
    use prequal::scorecard::Label;
    for lang in Lang::all() {
        for profile in ["strong", "weak", "new-business"].map(sample) {
            for feature in prequal::features::LIBRARY {
                let label = Label {
                    en: "LABEL".into(),
                    zh: "LABEL".into(),
                };
                let contribution = Contribution {
                    feature: feature.name.to_owned(),
                    label: label.clone(),
                    bin: label,
                    points: 0,
                    max_points: 10,
                    min_points: 0,
                    shared_with: Vec::new(),
                };
                let words = [
                    prequal_text::reason(lang, &contribution, &profile),
                    prequal_text::factor_name(lang, &contribution),
                    prequal_text::factor_changeable(lang, &contribution),
                ];
                for text in &words {
                    assert!(
                        !text.is_empty() && !text.contains("LABEL") && !text.contains('{'),
                        "{} {}: {text:?}",
                        lang.tag(),
                        feature.name
                    );
                }
                let value = prequal_text::factor_value(lang, feature.name, &profile);
                if !matches!(feature.name, "franchise" | "real_estate" | "new_business") {
                    assert!(!value.is_empty(), "{} {}", lang.tag(), feature.name);
                    assert!(
                        words[0].contains(&value) || feature.name == "new_business",
                        "{} {}: {:?} lacks {value:?}",
                        lang.tag(),
                        feature.name,
                        words[0]
                    );
                }
            }
        }
    }
    let weak = sample("weak");
    let zh = Lang::zh_cn();
    assert_eq!(
        prequal_text::factor_value(zh, "revenue_volatility_pct", &weak),
        "25 %"
    );
    assert_eq!(
        prequal_text::factor_value(zh, "tax_arrears", &weak),
        "3,200 元"
    );
    assert_eq!(
        prequal_text::factor_value(zh, "revenue_trend_pct", &weak),
        "下降 2 %"
    );
    assert_eq!(
        prequal_text::factor_value(Lang::EN, "lenders", &weak),
        "3 lenders"
    );
}

#[test]
fn an_imported_files_problems_say_where_and_what() {
    use prequal::profile::import;
    let zh = Lang::zh_cn();
    let said = |lang: Lang, name: &str, text: &str| -> Vec<String> {
        let problems = import::import_file(name, text, "2026-11-30")
            .err()
            .unwrap_or_default();
        problems
            .iter()
            .map(|p| prequal_text::import_problem(lang, name, p))
            .collect()
    };
    let csv = "月份,营业额\n2026-01,很多\n2026-02,5万\n";
    // A row's problem names the row and the column as the file has them.
    assert_eq!(
        said(zh, "营业额.csv", csv),
        ["第 2 行，营业额：格式不正确（应为：金额，例如 12,345.67、50万 或 8500元）。"]
    );
    assert_eq!(
        said(Lang::EN, "营业额.csv", csv),
        ["row 2, 营业额: Must be an amount such as 12,345.67."]
    );
    // The whole file: the heading names it, the problem says only what and the limit in words.
    let big = "a".repeat(300 * 1024);
    assert_eq!(said(zh, "big.csv", &big), ["文件太大：最大 256 KB。"]);
    // A profile's problems name the form's fields, every one at once.
    let json = said(zh, "p.json", r#"{"business": {"name": 7}}"#);
    assert!(
        json.contains(&"企业名称：应为文字。".to_owned()),
        "{json:?}"
    );
    assert!(
        json.contains(&"融资需求：请填写此项。".to_owned()),
        "{json:?}"
    );
    assert_eq!(
        prequal_text::import_heading(zh, "营业额.csv"),
        "营业额.csv 未导入，表单内容未改变："
    );
}
