//! The form app's side of the result's screens (`www/js/flow.js` loads it), of the
//! browser's storage (the draft the merchant chooses to save on this device, and the text kept
//! for this tab so a reload loses nothing) and of its history (Back and Forward move between
//! the app's steps).

use std::collections::BTreeMap;

use js_sys::{Object, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use yew::UseReducerDispatcher as Dispatcher;

use crate::i18n::{self, Lang, Text};
use crate::state::{Action, FormState, PAGES};

#[wasm_bindgen(module = "/js/flow.js")]
extern "C" {
    #[wasm_bindgen(js_name = preloadFlow)]
    fn preload_flow(host: &JsValue);
    #[wasm_bindgen(js_name = mountFlow)]
    fn mount_flow(
        element: &web_sys::Element,
        options: &JsValue,
        callbacks: &JsValue,
        host: &JsValue,
    ) -> Promise;
    #[wasm_bindgen(js_name = emit)]
    fn emit_event(host: &JsValue, name: &str, detail: &JsValue);
    #[wasm_bindgen(js_name = importFile)]
    fn import_file(file: &web_sys::File, as_of: &str, lang: &str) -> Promise;
    #[wasm_bindgen(js_name = prepareImport)]
    fn prepare_import_js() -> Promise;

    /// The result's screens, mounted.
    type FlowHandle;
    #[wasm_bindgen(method, js_name = setLang)]
    fn set_lang(this: &FlowHandle, tag: &str);
    #[wasm_bindgen(method)]
    fn destroy(this: &FlowHandle);
    #[wasm_bindgen(method, js_name = setInstitutions)]
    fn set_institutions(this: &FlowHandle, institutions: js_sys::Array);
    #[wasm_bindgen(method)]
    fn show(this: &FlowHandle, screen: &str);
    #[wasm_bindgen(js_name = keepPlace)]
    fn keep_place_js(fragment: &str, fields: &Object);
    #[wasm_bindgen(js_name = keptPlace)]
    fn kept_place_js() -> JsValue;
    #[wasm_bindgen(js_name = onPlace)]
    fn on_place_js(went: &Closure<dyn Fn(String)>);
    /// Whether large text (适老化) is on.
    #[wasm_bindgen(js_name = largeText)]
    pub fn large_text() -> bool;
    /// Turns large text on or off, kept on this device; whether it is on now.
    #[wasm_bindgen(js_name = toggleLargeText)]
    pub fn toggle_large_text() -> bool;
}

/// Tells the host an event without details (`ready`).
pub fn emit(host: &JsValue, name: &str) {
    emit_event(host, name, &Object::new());
}

fn array_of(items: &[String]) -> js_sys::Array {
    items.iter().map(|item| JsValue::from_str(item)).collect()
}

/// Starts fetching the result's screens and the catalog in the background (`host`: the host's
/// settings, which name the catalog).
pub fn preload(host: &JsValue) {
    preload_flow(host);
}

/// The text fields of a plain JavaScript object of strings.
pub fn fields_of(value: &JsValue) -> BTreeMap<String, String> {
    let mut fields = BTreeMap::new();
    if let Some(object) = value.dyn_ref::<Object>() {
        for entry in Object::entries(object).iter() {
            let pair: js_sys::Array = entry.unchecked_into();
            if let (Some(key), Some(value)) = (pair.get(0).as_string(), pair.get(1).as_string()) {
                fields.insert(key, value);
            }
        }
    }
    fields
}

fn object_of(fields: &BTreeMap<String, String>) -> Object {
    let object = Object::new();
    for (key, value) in fields {
        let _ = Reflect::set(&object, &key.into(), &value.into());
    }
    object
}

const DRAFT_KEY: &str = "prequal.draft.v1";

fn storage() -> Option<web_sys::Storage> {
    gloo_utils::window().local_storage().ok()?
}

/// A draft kept on this device: the form's text and the page it was kept on.
#[derive(Debug, Clone, PartialEq)]
pub struct Draft {
    /// The text, keyed as the form keys it.
    pub fields: BTreeMap<String, String>,
    /// The page of the form (0-based) the merchant kept it on, where it resumes.
    pub page: usize,
}

/// The draft saved on this device, if any: `{page, fields}`, or the text alone as drafts were
/// kept before they remembered their page (those resume on the first page).
pub fn load_draft() -> Option<Draft> {
    let text = storage()?.get_item(DRAFT_KEY).ok()??;
    let kept = js_sys::JSON::parse(&text).ok()?;
    let nested = Reflect::get(&kept, &"fields".into())
        .ok()
        .filter(JsValue::is_object);
    let draft = match nested {
        Some(fields) => Draft {
            fields: fields_of(&fields),
            page: Reflect::get(&kept, &"page".into())
                .ok()
                .and_then(|page| page.as_f64())
                // A page number the form does not have opens its last page.
                .map_or(0, |page| page.clamp(0.0, (PAGES.len() - 1) as f64) as usize),
        },
        None => Draft {
            fields: fields_of(&kept),
            page: 0,
        },
    };
    (!draft.fields.is_empty()).then_some(draft)
}

/// Saves the form's text and its page on this device; false when the browser refuses (private
/// mode, full storage).
pub fn save_draft(fields: &BTreeMap<String, String>, page: usize) -> bool {
    let kept = Object::new();
    let _ = Reflect::set(&kept, &"page".into(), &(page as f64).into());
    let _ = Reflect::set(&kept, &"fields".into(), &object_of(fields));
    let Ok(text) = js_sys::JSON::stringify(&kept) else {
        return false;
    };
    storage().is_some_and(|s| s.set_item(DRAFT_KEY, &String::from(text)).is_ok())
}

/// Deletes the saved draft.
pub fn delete_draft() {
    if let Some(storage) = storage() {
        let _ = storage.remove_item(DRAFT_KEY);
    }
}

/// Records where the app is as a history entry and keeps the form's text for this tab
/// (`keepPlace` in `www/js/flow.js`).
pub fn keep_place(fragment: &str, fields: &BTreeMap<String, String>) {
    keep_place_js(fragment, &object_of(fields));
}

/// The place (an address fragment) and the text kept for this tab, if any.
pub fn kept_place() -> (Option<String>, Option<BTreeMap<String, String>>) {
    let kept = kept_place_js();
    let get = |name: &str| Reflect::get(&kept, &name.into()).unwrap_or(JsValue::NULL);
    let fields = get("fields");
    let fields = (fields.is_object()).then(|| fields_of(&fields));
    (get("route").as_string(), fields.filter(|f| !f.is_empty()))
}

/// Calls `went` with the place of every entry Back or Forward returns to, for the page's life.
pub fn on_place(went: impl Fn(String) + 'static) {
    let callback = Closure::<dyn Fn(String)>::new(went);
    on_place_js(&callback);
    // The app lives as long as the page: so does its listener.
    callback.forget();
}

/// What an import gave.
#[derive(Debug, Clone, PartialEq)]
pub enum Imported {
    /// Text to put into the form.
    Fields {
        /// The text, keyed as the form keys it.
        fields: BTreeMap<String, String>,
        /// Rows read.
        rows: u32,
    },
    /// The file was refused.
    Problems {
        /// What was refused.
        heading: String,
        /// Every problem, with its row and column, in the merchant's language.
        problems: Vec<String>,
    },
}

/// Starts fetching the import module (the file chooser is opening: it downloads while the
/// merchant picks a file).
pub fn prepare_import() {
    // A failed download is tried again when the file is read, which reports it.
    let _ = prepare_import_js();
}

/// Reads a file the merchant chose.
pub async fn import(file: &web_sys::File, as_of: &str, lang: Lang) -> Imported {
    let answer = match JsFuture::from(import_file(file, as_of, lang.tag())).await {
        Ok(answer) => answer,
        Err(_) => {
            // The browser's own words are English and technical ("Failed to fetch dynamically
            // imported module"): the console keeps them (flow.js), the merchant reads a way
            // forward.
            return Imported::Problems {
                heading: file.name(),
                problems: vec![i18n::text(lang, Text::ImportFailed).to_owned()],
            };
        }
    };
    let get = |key: &str| Reflect::get(&answer, &key.into()).unwrap_or(JsValue::UNDEFINED);
    let problems = get("problems");
    if let Some(list) = problems.dyn_ref::<js_sys::Array>() {
        return Imported::Problems {
            heading: get("heading").as_string().unwrap_or_default(),
            problems: list.iter().filter_map(|p| p.as_string()).collect(),
        };
    }
    Imported::Fields {
        fields: fields_of(&get("fields")),
        rows: get("rows").as_f64().unwrap_or(0.0) as u32,
    }
}

/// The mounted result's screens and the callbacks they hold.
pub struct Mounted {
    handle: FlowHandle,
    _back: Closure<dyn Fn()>,
    _step: Closure<dyn Fn(String)>,
}

impl Mounted {
    /// Switches their language.
    pub fn set_lang(&self, lang: Lang) {
        self.handle.set_lang(lang.tag());
    }

    /// Limits their products to these lenders (none: every lender).
    pub fn set_institutions(&self, institutions: &[String]) {
        self.handle.set_institutions(array_of(institutions));
    }

    /// Shows one of their screens (`result`, `products`, `sent`; the browser's Back or Forward).
    pub fn show(&self, screen: &str) {
        self.handle.show(screen);
    }

    /// Unmounts them.
    pub fn destroy(self) {
        self.handle.destroy();
    }
}

/// Where the result's screens go: the element, and the host's settings (`crate::Config::host`).
pub struct Target<'a> {
    /// The element they mount in.
    pub element: &'a web_sys::Element,
    /// The host's settings.
    pub host: &'a JsValue,
}

/// Loads the result's screens and mounts its screens, starting at `start` (`result` or `sent`),
/// showing only `institutions`' products when any are named; `None` when it could not be
/// loaded (offline on a first visit).
pub async fn mount(
    target: Target<'_>,
    fields: &BTreeMap<String, String>,
    lang: Lang,
    start: &str,
    institutions: &[String],
    dispatch: Dispatcher<FormState>,
) -> Option<Mounted> {
    let options = Object::new();
    let _ = Reflect::set(&options, &"institutions".into(), &array_of(institutions));
    let _ = Reflect::set(&options, &"fields".into(), &object_of(fields));
    let _ = Reflect::set(&options, &"lang".into(), &lang.tag().into());
    let _ = Reflect::set(&options, &"start".into(), &start.into());
    let back = {
        let dispatch = dispatch.clone();
        Closure::<dyn Fn()>::new(move || dispatch.dispatch(Action::BackToForm))
    };
    let step =
        Closure::<dyn Fn(String)>::new(move |name| dispatch.dispatch(Action::FlowStep(name)));
    let callbacks = Object::new();
    let _ = Reflect::set(&callbacks, &"back".into(), back.as_ref());
    let _ = Reflect::set(&callbacks, &"step".into(), step.as_ref());
    let handle = JsFuture::from(mount_flow(
        target.element,
        &options,
        &callbacks,
        target.host,
    ))
    .await;
    match handle {
        Ok(handle) => Some(Mounted {
            handle: handle.unchecked_into(),
            _back: back,
            _step: step,
        }),
        // The container says so; the browser's console has the loader's own error.
        Err(_) => None,
    }
}
