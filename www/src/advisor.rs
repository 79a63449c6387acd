//! The app's entry point for the page: `app.js` (its own page, an iframe) or `embed.js` (a host
//! page's `<prequal-advisor>`) calls [`start`] with the app's root, the element for the result
//! and everything after it, and the host's settings. Exported by the one app module
//! (`www/flow`), which links this crate.

use wasm_bindgen::prelude::*;
use yew::AppHandle;

use crate::i18n::Lang;
use crate::Config;

/// The running app, for the host's commands.
#[wasm_bindgen]
pub struct Advisor {
    app: AppHandle<crate::app::App>,
    props: crate::app::AppProps,
}

#[wasm_bindgen]
impl Advisor {
    /// Switches the language (`zh-CN` or `en`) without losing anything typed.
    #[wasm_bindgen(js_name = setLang)]
    pub fn set_lang(&mut self, tag: &str) {
        self.props = self.props.with_lang(Lang::from_tag(tag));
        self.app.update(self.props.clone());
    }

    /// Shows only these lenders' products (ids from the catalog; none: every lender).
    #[wasm_bindgen(js_name = setInstitutions)]
    pub fn set_institutions(&mut self, institutions: js_sys::Array) {
        self.props = self.props.with_institutions(strings(&institutions));
        self.app.update(self.props.clone());
    }
}

/// Starts the app on `root`, with the result and the screens after it in `flow_root`.
/// `options`: `{lang, ownsDocument, institutions, catalog, catalogKey, model, modelKey, inbox,
/// onEvent}` (`docs/embedding.md`).
#[wasm_bindgen]
pub fn start(root: web_sys::Element, flow_root: web_sys::Element, options: JsValue) -> Advisor {
    let get = |key: &str| js_sys::Reflect::get(&options, &key.into()).unwrap_or(JsValue::UNDEFINED);
    let lang = get("lang")
        .as_string()
        .map_or(Lang::default(), |t| Lang::from_tag(&t));
    let institutions = strings(&js_sys::Array::from(&get("institutions")));
    let config = Config {
        lang,
        owns_document: get("ownsDocument").as_bool().unwrap_or(true),
        flow_root,
        host: options,
    };
    let (app, props) = crate::mount(root, config, institutions);
    Advisor { app, props }
}

/// The strings of a JavaScript array (anything else in it is ignored).
fn strings(array: &js_sys::Array) -> Vec<String> {
    array.iter().filter_map(|v| v.as_string()).collect()
}
