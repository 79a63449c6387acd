//! Tests that run in headless Chromium (wasm-bindgen-test): the core compiled to wasm gives the
//! same verdicts as natively, JavaScript values (NaN included) are named by field, and the form
//! (after the welcome screen) shows, keeps and clears inline errors as the merchant types.
#![cfg(target_arch = "wasm32")]

use prequal::profile;
use prequal::Rule;
use prequal_www::app::input_id;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

const STRONG: &str = include_str!("../../examples/profiles/strong.json");
const INVALID: &str = include_str!("../../examples/profiles/invalid.json");
/// The golden list of problems in `invalid.json`, shared with the native and CLI tests.
const INVALID_ERRORS: &str = include_str!("../../examples/profiles/invalid.errors.json");

#[wasm_bindgen_test]
fn core_reports_the_same_problems_in_wasm() {
    let errors = profile::from_json(INVALID)
        .expect("structurally valid")
        .validate()
        .expect_err("invalid");
    let expected: serde_json::Value = serde_json::from_str(INVALID_ERRORS).expect("golden is JSON");
    assert_eq!(
        serde_json::to_value(&errors.errors).expect("serialises"),
        expected
    );
    assert!(profile::from_json(STRONG)
        .expect("parses")
        .validate()
        .is_ok());
}

#[wasm_bindgen_test]
fn a_javascript_nan_is_named_by_its_field() {
    let value = js_sys::JSON::parse(STRONG).expect("JSON");
    let business = js_sys::Reflect::get(&value, &"business".into()).expect("business");
    js_sys::Reflect::set(&business, &"employees".into(), &JsValue::from_f64(f64::NAN))
        .expect("set");
    let errors =
        profile::from_deserializer(serde_wasm_bindgen::Deserializer::from(value)).expect_err("NaN");
    assert_eq!(errors.errors[0].field, "business.employees");
    assert!(matches!(errors.errors[0].rule, Rule::WrongType { .. }));
}

#[wasm_bindgen_test]
fn a_javascript_object_parses_like_json() {
    let value = js_sys::JSON::parse(STRONG).expect("JSON");
    let from_js =
        profile::from_deserializer(serde_wasm_bindgen::Deserializer::from(value)).expect("parses");
    assert_eq!(from_js, profile::from_json(STRONG).expect("parses"));
}

fn document() -> web_sys::Document {
    gloo_utils::document()
}

fn by_id(id: &str) -> Option<Element> {
    document().get_element_by_id(id)
}

async fn mounted() -> Element {
    let root = document().create_element("div").expect("div");
    document()
        .body()
        .expect("body")
        .append_child(&root)
        .expect("append");
    let flow = document().create_element("main").expect("main");
    root.append_child(&flow).ok();
    let config = prequal_www::Config {
        lang: prequal_www::i18n::Lang::ZH_CN,
        owns_document: false,
        flow_root: flow,
        host: JsValue::UNDEFINED,
    };
    // The app runs until the test removes its root.
    std::mem::forget(prequal_www::mount(root.clone(), config, Vec::new()));
    yew::scheduler::flush().await;
    let start: HtmlElement = root
        .query_selector("#start")
        .expect("query")
        .expect("the welcome screen's start button")
        .dyn_into()
        .expect("button");
    start.click();
    yew::scheduler::flush().await;
    root
}

async fn type_into(id: &str, text: &str) {
    let input: HtmlInputElement = by_id(id)
        .expect("input exists")
        .dyn_into()
        .expect("an input");
    input.set_value(text);
    let init = web_sys::InputEventInit::new();
    init.set_bubbles(true);
    let event = web_sys::InputEvent::new_with_event_init_dict("input", &init).expect("event");
    input.dispatch_event(&event).expect("dispatch");
    input.blur().ok();
    input.focus().ok();
    input.blur().ok();
    yew::scheduler::flush().await;
}

#[wasm_bindgen_test]
async fn the_form_shows_an_inline_error_keeps_the_text_and_clears_it_when_fixed() {
    let root = mounted().await;
    let id = input_id("business.employees");
    let error_id = format!("{id}-error");

    type_into(&id, "-3").await;
    let error = by_id(&error_id).expect("an inline error after leaving the field");
    assert_eq!(error.text_content().as_deref(), Some("不能为负数。"));
    let input: HtmlInputElement = by_id(&id).expect("input").dyn_into().expect("input");
    assert_eq!(input.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert_eq!(input.value(), "-3", "the typed text is kept");
    assert!(input
        .get_attribute("aria-describedby")
        .is_some_and(|ids| ids.contains(&error_id)));

    type_into(&id, "8").await;
    assert!(
        by_id(&error_id).is_none(),
        "the error goes once the value is fixed"
    );

    // Switching language keeps what was typed and translates the messages.
    type_into(&id, "eight").await;
    let switch: HtmlElement = root
        .query_selector("button.lang")
        .expect("query")
        .expect("language switch")
        .dyn_into()
        .expect("button");
    switch.click();
    yew::scheduler::flush().await;
    let input: HtmlInputElement = by_id(&id).expect("input").dyn_into().expect("input");
    assert_eq!(input.value(), "eight");
    assert_eq!(
        by_id(&error_id).and_then(|e| e.text_content()).as_deref(),
        Some("Must be a whole number.")
    );
    root.remove();
}

#[wasm_bindgen_test]
async fn every_input_has_a_label() {
    let root = mounted().await;
    let inputs = root.query_selector_all("input, select").expect("query");
    // The first page; axe-core checks every page's labels in the end-to-end tests.
    assert!(
        inputs.length() > 10,
        "the first page's fields are on the form"
    );
    for index in 0..inputs.length() {
        let element: Element = inputs
            .item(index)
            .expect("node")
            .dyn_into()
            .expect("element");
        let id = element.id();
        let label = root
            .query_selector(&format!("label[for='{id}']"))
            .expect("query");
        assert!(
            label.is_some_and(|l| !l.text_content().unwrap_or_default().trim().is_empty()),
            "{id} has no label"
        );
    }
    root.remove();
}

#[path = "../../tests/support/generated_profiles.rs"]
mod generated_profiles;

/// The wasm half of the identity check: the same 1,000 profiles give the same scores and the
/// same PD bits in Chromium as natively.
#[wasm_bindgen_test]
fn scores_are_bit_identical_to_native() {
    let base = profile::from_json(STRONG).expect("parses");
    let lines = generated_profiles::score_lines(&base, prequal::assess::Model::shipped());
    let golden = include_str!("../../tests/golden/scores-1000.txt");
    assert_eq!(lines.lines().count(), 1000);
    assert!(
        lines == golden,
        "wasm scores differ from the native golden file"
    );
}

/// And every feature of the library for them: the same bits in Chromium as natively.
#[wasm_bindgen_test]
fn features_are_bit_identical_to_native() {
    let base = profile::from_json(STRONG).expect("parses");
    let lines = generated_profiles::feature_lines(&base);
    let golden = include_str!("../../tests/golden/features-1000.txt");
    assert_eq!(lines.lines().count(), 1000);
    assert!(
        lines == golden,
        "wasm feature values differ from the native golden file"
    );
}
