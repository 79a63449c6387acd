//! The web app's file import, a WebAssembly module of its own (`dist/import/`): it reads the
//! file a merchant chooses, a profile JSON or a CSV of monthly figures, into the form's text.
//!
//! Few merchants import, and those who do choose the file after the app runs, so the app
//! module does not carry this code (CSV, the file's encodings, the problems' words): the page
//! fetches it when the merchant opens the file chooser (`www/js/flow.js`, `importFile`). The
//! reading itself is the core's (`prequal::profile::import`) and the words `prequal-text`'s,
//! as for the CLI; this crate only crosses into JavaScript.

use js_sys::{Array, Object, Reflect};
use prequal::profile::import;
use prequal_text::Lang;
use wasm_bindgen::prelude::*;

/// The browser's GB18030 decoder (GBK's superset), for files that are not UTF-8: the core
/// carries no encoding tables.
fn gb18030(bytes: &[u8]) -> Option<String> {
    let options = web_sys::TextDecoderOptions::new();
    options.set_fatal(true);
    web_sys::TextDecoder::new_with_label_and_options("gb18030", &options)
        .ok()?
        .decode_with_u8_array(bytes)
        .ok()
}

/// The language of a BCP 47 tag, English when there are no words for it.
fn lang_of(tag: &str) -> Lang {
    Lang::parse(tag).unwrap_or(Lang::EN)
}

/// Reads an imported file's bytes (`.json` profile or `.csv` monthly figures, in UTF-8,
/// UTF-16 or GBK) for the form dated `as_of`: `{fields: {key: text}, rows}`, or `{heading,
/// problems: [text]}` in `lang` with every problem's row and column, when nothing may be
/// imported.
#[wasm_bindgen(js_name = importFile)]
pub fn import_file(name: &str, bytes: &[u8], as_of: &str, lang: &str) -> JsValue {
    let out = Object::new();
    let imported = import::decode_text(name, bytes, gb18030)
        .map_err(|problem| vec![problem])
        .and_then(|text| import::import_file(name, &text, as_of));
    let set = |key: &str, value: &JsValue| {
        let _ = Reflect::set(&out, &key.into(), value);
    };
    match imported {
        Ok(imported) => {
            let fields = Object::new();
            for (key, value) in &imported.fields {
                let _ = Reflect::set(&fields, &key.into(), &value.into());
            }
            set("fields", &fields);
            set("rows", &(imported.rows as f64).into());
        }
        Err(problems) => {
            let lang = lang_of(lang);
            let list: Array = problems
                .iter()
                .map(|p| JsValue::from(prequal_text::import_problem(lang, name, p)))
                .collect();
            set("heading", &prequal_text::import_heading(lang, name).into());
            set("problems", &list);
        }
    }
    out.into()
}
