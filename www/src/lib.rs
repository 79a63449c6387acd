//! The merchant's web app, written with Yew and compiled to WebAssembly.
//!
//! - [`state`]: the form's state and transitions, pure and testable without a browser;
//! - [`app`]: function components that render the state and forward events: welcome, the
//!   form's pages, import, draft, and the container of the result and the screens after it;
//! - [`bridge`]: mounting those screens (`www/flow`: result, products, consent), prefetching
//!   the catalog and the model, and the saved draft;
//! - [`advisor`]: the entry point the page calls;
//! - [`i18n`]: every user-facing text of the form, in Simplified Chinese and English.
//!
//! The app is one WebAssembly module, built from `www/flow`, which links this crate and
//! reuses [`state`] and [`i18n`]. The page's first screen and the form's first page are HTML
//! (`www/static/index.html`, `www/prerendered/`), usable while the module downloads.
//!
//! Nothing here decides anything about the merchant's data: validation, scoring and matching
//! are asked of the `prequal` core crate, which the app links directly.

pub mod advisor;
pub mod app;
pub mod bridge;
pub mod i18n;
pub mod state;

/// A value shared between components and compared by identity: cheap to pass as a property,
/// and a new value always re-renders.
pub struct Shared<T>(std::rc::Rc<T>);

impl<T> Shared<T> {
    /// Shares `value`.
    pub fn new(value: T) -> Self {
        Shared(std::rc::Rc::new(value))
    }
}

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(self.0.clone())
    }
}

impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        std::rc::Rc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> std::ops::Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

/// Today's date in the merchant's time zone, `YYYY-MM-DD`: the one place the app reads the
/// clock, passed into the core as data.
pub fn today() -> String {
    let now = js_sys::Date::new_0();
    format!(
        "{:04}-{:02}-{:02}",
        now.get_full_year(),
        now.get_month() + 1,
        now.get_date()
    )
}

/// How the app is hosted: on its own page, in an iframe, or in a host page's
/// `<prequal-advisor>` element (`docs/embedding.md`).
pub struct Config {
    /// The language to start in.
    pub lang: i18n::Lang,
    /// Whether the app owns the page (its own page or an iframe): then it sets `<html lang>`
    /// and the title; inside a host page's element it leaves them alone.
    pub owns_document: bool,
    /// Where the result's screens mount: beside the app's root, never inside it.
    pub flow_root: web_sys::Element,
    /// The host's settings for `www/js/flow.js`: `catalog`, `catalogKey`, `model`, `modelKey`,
    /// `inbox` (URLs), and `onEvent(name, detail)`, which receives `ready`, `scored` and
    /// `bundle-signed`.
    pub host: wasm_bindgen::JsValue,
}

/// Mounts the app on `element`, showing only `institutions`' products when any are named.
/// Keep the properties to update the app (`AppProps::with_lang`, `with_institutions`).
pub fn mount(
    element: web_sys::Element,
    config: Config,
    institutions: Vec<String>,
) -> (yew::AppHandle<app::App>, app::AppProps) {
    let props = app::AppProps::new(today(), config).with_institutions(institutions);
    let handle = yew::Renderer::<app::App>::with_root_and_props(element, props.clone()).render();
    (handle, props)
}
