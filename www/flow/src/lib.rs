//! The web app's one WebAssembly module: it links the form (`prequal-www`, whose entry point
//! `start` it exports) and holds the screens from the result on. The page (`app.js`) fetches it
//! once its first screen, in HTML, is painted.
//!
//! - [`result`], [`charts`], [`whatif`]: the risk grade, its reasons and charts, what-if;
//! - [`products`]: eligible products and near misses, filters, a product's schedules;
//! - [`consent`]: what will be shared, with whom, why and until when; signing; sending;
//! - [`sent`]: the receipt and the bundles sent from this browser, with revoke;
//! - [`host`]: what the page provides (network, key store, downloads), all in `www/js/flow.js`;
//! - [`text`], [`format`]: words and numbers in the merchant's language.
//!
//! It also links `prequal-engine`, so this module exports the same JavaScript API, which the
//! key store (`engine/js/keystore.js`) signs through. The form app mounts the screens
//! with [`mount_flow`]. File import is a module of its own (`www/import`), fetched only when a
//! merchant imports.

pub mod charts;
pub mod consent;
pub mod format;
pub mod host;
pub mod products;
pub mod report;
pub mod result;
pub mod sent;
pub mod text;
pub mod whatif;

use std::collections::BTreeMap;
use std::rc::Rc;

use js_sys::{Reflect, Uint8Array};
use prequal::assess::Model;
use prequal::catalog::ValidCatalog;
use prequal::jws;
use prequal::matching::{Query, Standing};
use prequal::ValidProfile;
use prequal_www::i18n::{fill, Lang};
use prequal_www::state::{Action, FormState};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew::prelude::*;
use yew::AppHandle;

use crate::host::{Host, JsHost, SentBundle};
use crate::text::{t, T};

// Keeps the engine's JavaScript API in this module (the key store calls it).
pub use prequal_engine::Prepared;
// The app's entry point: this module is the whole app, the form included.
pub use prequal_www::advisor::{start, Advisor};

pub use prequal_www::Shared;

/// The model the screens score with: loaded at run time from the artifact the page serves
/// and used only once its operator's signature verified ([`checked_model`]). Provided to every
/// screen as a Yew context; equal when it is the same loaded model.
#[derive(Clone)]
pub struct ModelRef(pub Rc<Model>);

impl PartialEq for ModelRef {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl std::ops::Deref for ModelRef {
    type Target = Model;
    fn deref(&self) -> &Model {
        &self.0
    }
}

/// A merchant ready to be matched: the checked catalog, the profile and its standing.
pub struct Matching {
    /// The model (paths to eligibility re-score changed profiles with it).
    pub model: ModelRef,
    /// The catalog (its signature checked when the page configures a key).
    pub catalog: ValidCatalog,
    /// The merchant's profile.
    pub profile: ValidProfile,
    /// The grade and PD matched with.
    pub standing: Standing,
}

/// Which screen shows.
#[derive(Debug, Clone, PartialEq)]
pub enum Screen {
    /// The risk result.
    Result,
    /// The product list.
    Products,
    /// One product.
    Product(String),
    /// Consent for one product.
    Consent(String),
    /// After sending.
    Receipt(Box<SentBundle>),
    /// Bundles sent from this browser.
    Sent,
    /// The print view of the report.
    Report,
}

impl Screen {
    /// The screen a name stands for, as [`Screen::step`] names them (`product:<id>` and
    /// `consent:<id>` name their product, so a reload or a link opens that product's page or
    /// consent); a product the catalog does not have opens on the products.
    fn named(name: &str, catalog: &Result<ValidCatalog, String>) -> Screen {
        let known = |id: &str| {
            catalog
                .as_ref()
                .is_ok_and(|c| c.catalog().products.iter().any(|p| p.id == id))
        };
        match name.split_once(':') {
            Some(("product", id)) if known(id) => Screen::Product(id.to_owned()),
            Some(("consent", id)) if known(id) => Screen::Consent(id.to_owned()),
            _ => match name.split(':').next() {
                Some("products" | "product" | "consent") => Screen::Products,
                Some("sent") => Screen::Sent,
                _ => Screen::Result,
            },
        }
    }

    /// The name the form app keeps in the address and its progress indicator knows by
    /// the part before any `:`. After sending, a reload shows the bundles sent.
    fn step(&self) -> String {
        match self {
            Screen::Result | Screen::Report => "result".into(),
            Screen::Products => "products".into(),
            Screen::Product(id) => format!("product:{id}"),
            Screen::Consent(id) => format!("consent:{id}"),
            Screen::Receipt(_) | Screen::Sent => "sent".into(),
        }
    }

    fn title(&self) -> T {
        match self {
            Screen::Result => T::ResultHeading,
            Screen::Products | Screen::Product(_) => T::ProductsHeading,
            Screen::Consent(_) => T::ConsentHeading,
            Screen::Receipt(_) => T::ReceiptHeading,
            Screen::Sent => T::SentHeading,
            Screen::Report => T::ReportHeading,
        }
    }
}

/// Properties of [`Flow`]: what the form app hands over.
#[derive(Properties, PartialEq, Clone)]
pub struct FlowProps {
    /// Display language (changed with [`FlowHandle::set_lang`]).
    pub lang: Lang,
    /// The merchant's text, as typed into the form.
    pub fields: Shared<BTreeMap<String, String>>,
    /// The catalog, or why it could not be used.
    pub catalog: Shared<Result<ValidCatalog, String>>,
    /// The model, or why it could not be used.
    pub model: Result<ModelRef, Shared<String>>,
    /// The first screen.
    pub start: Screen,
    /// A screen to show now (the browser's Back or Forward), with a counter so the same
    /// screen can be asked for twice ([`FlowHandle::show`]).
    pub show: (u32, Screen),
    /// The lenders the host limits products to (none: every lender).
    pub institutions: Shared<Vec<String>>,
    /// The page's services.
    pub host: Host,
}

/// The result's screens.
#[component]
pub fn Flow(props: &FlowProps) -> Html {
    let state = {
        let (fields, lang) = (props.fields.clone(), props.lang);
        use_reducer(move || FormState::with_fields((*fields).clone(), lang))
    };
    let screen = use_state(|| props.start.clone());
    {
        let screen = screen.clone();
        use_effect_with(props.show.clone(), move |(request, shown)| {
            if *request > 0 {
                screen.set(shown.clone());
            }
        });
    }
    let query = use_state(Query::default);
    let title_ref = use_node_ref();
    let lang = props.lang;
    {
        let state = state.clone();
        use_effect_with(lang, move |lang| state.dispatch(Action::SetLang(*lang)));
    }
    {
        // Each new screen announces itself: focus moves to its heading, and the form app
        // marks the step in its progress indicator.
        let (host, title_ref) = (props.host.clone(), title_ref.clone());
        use_effect_with((*screen).clone(), move |screen| {
            host.step(&screen.step());
            if let Some(title) = title_ref.cast::<web_sys::HtmlElement>() {
                let _ = title.focus();
            }
        });
    }
    let model = props.model.as_ref().ok().cloned();
    let assessment = use_memo((state.result.clone(), model.clone()), |(result, model)| {
        let (valid, model) = (result.as_ref().ok()?, model.as_ref()?);
        Some(Rc::new(model.assess(valid)))
    });
    let matching = use_memo(
        (
            props.catalog.clone(),
            (*assessment).clone().map(|a| a.grade),
        ),
        |(catalog, _)| {
            let valid = state.result.as_ref().ok()?;
            let catalog = catalog.as_ref().ok()?;
            let a = assessment.as_ref().as_ref()?;
            Some(Shared::new(Matching {
                model: model.clone()?,
                catalog: catalog.clone(),
                profile: valid.clone(),
                standing: Standing::from_assessment(a),
            }))
        },
    );
    let go = |to: Screen| {
        let screen = screen.clone();
        Callback::from(move |_| screen.set(to.clone()))
    };
    let go_with = |make: fn(String) -> Screen| {
        let screen = screen.clone();
        Callback::from(move |id: String| screen.set(make(id)))
    };
    let back_to_form = {
        let host = props.host.clone();
        Callback::from(move |_| host.back())
    };
    let on_query = {
        let query = query.clone();
        Callback::from(move |q: Query| query.set(q))
    };
    let on_sent = {
        let screen = screen.clone();
        Callback::from(move |sent: SentBundle| screen.set(Screen::Receipt(Box::new(sent))))
    };
    // The fields a bank asked for, carried to the new bundle for the same product; an
    // application started from the products has none.
    let wanted = use_state(Vec::<String>::new);
    let on_more = {
        let (screen, wanted) = (screen.clone(), wanted.clone());
        Callback::from(move |(product, fields): (String, Vec<String>)| {
            wanted.set(fields);
            screen.set(Screen::Consent(product));
        })
    };
    let apply = {
        let (screen, wanted) = (screen.clone(), wanted.clone());
        Callback::from(move |product: String| {
            wanted.set(Vec::new());
            screen.set(Screen::Consent(product));
        })
    };
    let catalog_problem = props
        .catalog
        .as_ref()
        .err()
        .map(|e| fill(t(lang, T::CatalogFailed), &[e]));
    let model_problem = props.model.as_ref().err().map(|reason| {
        html! {
            <div class="error" role="alert" id="model-problem">
                <p>{ t(lang, T::ModelFailed) }</p>
                <details class="technical"><summary>{ t(lang, T::ModelFailedDetails) }</summary><p>{ reason.as_str() }</p></details>
            </div>
        }
    });
    // The host's lenders are the widest choice; the merchant's own pick narrows it.
    let shown_query = {
        let mut shown = (*query).clone();
        if shown.institutions.is_empty() {
            shown.institutions = (*props.institutions).clone();
        }
        shown
    };
    {
        // Hosts hear the grade (never the profile) each time a result shows.
        let host = props.host.clone();
        let grade = (*assessment).clone().map(|a| a.grade);
        use_effect_with((grade, (*screen).clone()), move |(grade, screen)| {
            if let (Some(grade), Screen::Result) = (grade, screen) {
                host.event("scored", &[("grade", grade.name())]);
            }
        });
    }

    let body = match (&*screen, (*assessment).clone(), (*matching).clone()) {
        (Screen::Sent, _, _) => {
            html! { <sent::SentList {lang} host={props.host.clone()} catalog={props.catalog.clone()} {on_more} /> }
        }
        (Screen::Receipt(sent), _, _) => html! {
            <>
            <sent::Receipt {lang} sent={(**sent).clone()} on_products={go(Screen::Products)} on_sent_list={go(Screen::Sent)} />
            </>
        },
        (Screen::Result, Some(a), m) => html! {
            <>
            <result::RiskResult assessment={a} state={state.clone()} matching={m} />
            <div class="actions">
                <button type="button" onclick={back_to_form.clone()}>{ t(lang, T::BackToForm) }</button>
                <button type="button" id="print-report" onclick={go(Screen::Report)}>{ t(lang, T::PrintReport) }</button>
                if catalog_problem.is_none() {
                    <button type="button" class="primary" id="see-products" onclick={go(Screen::Products)}>{ t(lang, T::SeeProducts) }</button>
                }
            </div>
            if let Some(problem) = &catalog_problem { <p class="error" role="alert">{ problem }</p> }
            </>
        },
        (Screen::Report, Some(a), m) => {
            let print = {
                let host = props.host.clone();
                Callback::from(move |_| host.print())
            };
            html! {
                <>
                <div class="actions">
                    <button type="button" onclick={go(Screen::Result)}>{ t(lang, T::BackToResult) }</button>
                    <button type="button" class="primary" id="print" onclick={print}>{ t(lang, T::Print) }</button>
                </div>
                <report::Report {lang} assessment={a} matching={m} query={shown_query.clone()} />
                </>
            }
        }
        (Screen::Products, _, Some(m)) => html! {
            <>
            <div class="actions">
                <button type="button" onclick={go(Screen::Result)}>{ t(lang, T::ResultHeading) }</button>
                <button type="button" onclick={go(Screen::Report)}>{ t(lang, T::PrintReport) }</button>
            </div>
            <products::ProductList {lang} matching={m} query={shown_query.clone()} allowed={props.institutions.clone()} {on_query}
                on_details={go_with(Screen::Product)} on_apply={apply.clone()} />
            </>
        },
        (Screen::Product(id), _, Some(m)) => html! {
            <>
            <div class="actions"><button type="button" onclick={go(Screen::Products)}>{ t(lang, T::BackToProducts) }</button></div>
            <products::ProductDetail {lang} matching={m} id={id.clone()} on_apply={apply} />
            </>
        },
        (Screen::Consent(id), Some(a), Some(m)) => html! {
            <>
            <div class="actions"><button type="button" onclick={go(Screen::Products)}>{ t(lang, T::BackToProducts) }</button></div>
            <consent::ConsentScreen {lang} matching={m} assessment={a} id={id.clone()} host={props.host.clone()} {on_sent} wanted={(*wanted).clone()} />
            </>
        },
        // The profile is not valid (the form sends only valid profiles), or the model or the
        // catalog failed.
        _ => html! {
            <>
            { model_problem.clone().unwrap_or_default() }
            if let Some(problem) = &catalog_problem { <p class="error" role="alert">{ problem }</p> }
            <div class="actions"><button type="button" onclick={back_to_form}>{ t(lang, T::BackToForm) }</button></div>
            </>
        },
    };
    let body = match model {
        Some(model) => {
            html! { <ContextProvider<ModelRef> context={model}>{ body }</ContextProvider<ModelRef>> }
        }
        None => body,
    };
    html! {
        <section class="flow" aria-labelledby="screen-title">
            <h2 id="screen-title" tabindex="-1" ref={title_ref}>{ t(lang, screen.title()) }</h2>
            { body }
        </section>
    }
}

fn get(options: &JsValue, key: &str) -> JsValue {
    Reflect::get(options, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn problem(field: &str, detail: &str) -> JsValue {
    let error = js_sys::Error::new(&format!("{field}: {detail}"));
    let _ = Reflect::set(&error, &"field".into(), &field.into());
    error.into()
}

/// Reads the catalog bytes, verifying the portal's detached signature when a key is given.
fn checked_catalog(
    bytes: &[u8],
    signature: Option<String>,
    key: Option<String>,
) -> Result<ValidCatalog, String> {
    if let Some(key) = key.filter(|k| !k.is_empty()) {
        let trusted = jws::PublicKey::from_did_key(&key).map_err(|e| e.to_string())?;
        let signature = signature.ok_or("the catalog's signature file is missing")?;
        jws::verify_detached(signature.trim(), bytes, &trusted).map_err(|e| e.to_string())?;
    }
    ValidCatalog::from_json(bytes).map_err(|e| e.to_string())
}

/// Reads the model artifact the page served, after verifying its operator's detached signature
/// with the key the page names (the project's sample key when it names none): an unsigned or
/// tampered model, or one signed by anyone else, is never used.
fn checked_model(
    bytes: &[u8],
    signature: Option<String>,
    key: Option<String>,
) -> Result<ModelRef, String> {
    let trusted = prequal::assess::operator_key(key.as_deref().filter(|k| !k.is_empty()))
        .map_err(|e| format!("modelKey: {e}"))?;
    Model::verified(bytes, signature.as_deref(), &trusted)
        .map(|model| ModelRef(Rc::new(model)))
        .map_err(|e| e.to_string())
}

/// The mounted screens; the form app keeps it to switch language and to unmount.
#[wasm_bindgen]
pub struct FlowHandle {
    app: Option<AppHandle<Flow>>,
    props: FlowProps,
}

#[wasm_bindgen]
impl FlowHandle {
    /// Switches language (`zh-CN` or `en`) without losing anything.
    #[wasm_bindgen(js_name = setLang)]
    pub fn set_lang(&mut self, tag: &str) {
        self.props.lang = Lang::from_tag(tag);
        if let Some(app) = &mut self.app {
            app.update(self.props.clone());
        }
    }

    /// Shows only these lenders' products (catalog ids; none: every lender).
    #[wasm_bindgen(js_name = setInstitutions)]
    pub fn set_institutions(&mut self, institutions: Vec<String>) {
        self.props.institutions = Shared::new(institutions);
        if let Some(app) = &mut self.app {
            app.update(self.props.clone());
        }
    }

    /// Shows a screen by the name it reports (`result`, `products`, `product:<id>`,
    /// `consent:<id>`, `sent`): the form app's answer to Back and Forward.
    pub fn show(&mut self, name: &str) {
        self.props.show = (
            self.props.show.0 + 1,
            Screen::named(name, &self.props.catalog),
        );
        if let Some(app) = &mut self.app {
            app.update(self.props.clone());
        }
    }

    /// Unmounts the screens.
    pub fn destroy(&mut self) {
        if let Some(app) = self.app.take() {
            app.destroy();
        }
    }
}

/// Mounts the screens on `element`. `options`: `{fields, lang, start: 'result'|'sent', catalog:
/// Uint8Array, catalogSignature?, catalogKey?, model: Uint8Array, modelSignature, modelKey?,
/// host}` (`host`: see `www/js/flow.js`).
#[wasm_bindgen(js_name = mountFlow)]
pub fn mount_flow(element: web_sys::Element, options: JsValue) -> Result<FlowHandle, JsValue> {
    let host = get(&options, "host");
    if host.is_undefined() {
        return Err(problem("host", "required"));
    }
    let catalog_bytes = get(&options, "catalog");
    let catalog = if catalog_bytes.is_instance_of::<Uint8Array>() {
        checked_catalog(
            &Uint8Array::new(&catalog_bytes).to_vec(),
            get(&options, "catalogSignature").as_string(),
            get(&options, "catalogKey").as_string(),
        )
    } else {
        Err(get(&options, "catalogError")
            .as_string()
            .unwrap_or_else(|| "no catalog".to_owned()))
    };
    let model_bytes = get(&options, "model");
    let model = if model_bytes.is_instance_of::<Uint8Array>() {
        checked_model(
            &Uint8Array::new(&model_bytes).to_vec(),
            get(&options, "modelSignature").as_string(),
            get(&options, "modelKey").as_string(),
        )
    } else {
        Err(get(&options, "modelError")
            .as_string()
            .unwrap_or_else(|| "no model".to_owned()))
    };
    let start = Screen::named(
        &get(&options, "start").as_string().unwrap_or_default(),
        &catalog,
    );
    let props = FlowProps {
        lang: Lang::from_tag(&get(&options, "lang").as_string().unwrap_or_default()),
        fields: Shared::new(prequal_www::bridge::fields_of(&get(&options, "fields"))),
        catalog: Shared::new(catalog),
        model: model.map_err(Shared::new),
        start,
        show: (0, Screen::Result),
        institutions: Shared::new(
            js_sys::Array::from(&get(&options, "institutions"))
                .iter()
                .filter_map(|v| v.as_string())
                .collect(),
        ),
        host: Host(host.unchecked_into::<JsHost>()),
    };
    let app = yew::Renderer::<Flow>::with_root_and_props(element, props.clone()).render();
    Ok(FlowHandle {
        app: Some(app),
        props,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const CATALOG: &[u8] = include_bytes!("../../../models/catalog.json");

    #[test]
    fn a_configured_key_admits_only_the_catalog_it_signed() {
        let key = jws::SecretKey::from_seed(&[7; 32]);
        let did = key.public().did_key();
        let signature = jws::sign_detached(CATALOG, &key, "prequal-catalog+jws");
        assert!(checked_catalog(CATALOG, Some(signature.clone()), Some(did.clone())).is_ok());

        let mut tampered = CATALOG.to_vec();
        let at = tampered.len() / 2;
        tampered[at] ^= 1;
        assert!(checked_catalog(&tampered, Some(signature), Some(did.clone())).is_err());
        assert!(
            checked_catalog(CATALOG, None, Some(did)).is_err(),
            "missing signature"
        );
        let other = jws::SecretKey::from_seed(&[8; 32]).public().did_key();
        let signature = jws::sign_detached(CATALOG, &key, "prequal-catalog+jws");
        assert!(checked_catalog(CATALOG, Some(signature), Some(other)).is_err());
        // No key configured: the page's own catalog, checked but not verified.
        assert!(checked_catalog(CATALOG, None, None).is_ok());
    }

    const MODEL: &[u8] = include_bytes!("../../../models/scorecard.json");
    const MODEL_SIGNATURE: &str = include_str!("../../../models/scorecard.json.jws");

    #[test]
    fn the_model_is_used_only_when_its_operator_signed_it() {
        // The sample model verifies with the sample key, named or not.
        assert!(checked_model(MODEL, Some(MODEL_SIGNATURE.into()), None).is_ok());
        let sample = prequal::assess::SAMPLE_OPERATOR_KEY.to_owned();
        assert!(checked_model(MODEL, Some(MODEL_SIGNATURE.into()), Some(sample)).is_ok());
        // Unsigned, tampered, or signed by a key the page did not name: refused, each saying so.
        let unsigned = checked_model(MODEL, None, None).err().unwrap_or_default();
        assert!(unsigned.contains("no signature"), "{unsigned}");
        let mut tampered = MODEL.to_vec();
        let at = tampered.len() / 2;
        tampered[at] ^= 1;
        let refused = checked_model(&tampered, Some(MODEL_SIGNATURE.into()), None)
            .err()
            .unwrap_or_default();
        assert!(refused.contains("signature"), "{refused}");
        let portal = jws::SecretKey::from_seed(&[9; 32]).public().did_key();
        assert!(checked_model(MODEL, Some(MODEL_SIGNATURE.into()), Some(portal)).is_err());
    }
}
