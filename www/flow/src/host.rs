//! What the page gives the result's screens: the network, downloads, randomness, the merchant's
//! key store and navigation back to the form app. All of it is JavaScript in
//! `www/js/flow.js`, the only code of the app that makes a request, so that what can leave the
//! device is in one short file anyone can audit. The list of sent bundles (ids, dates and
//! recipients; never profile values) is kept in this browser's local storage.

use js_sys::{Promise, Reflect, Uint8Array};
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use prequal::jws::PublicKey;
use prequal_engine::Prepared;

#[wasm_bindgen]
extern "C" {
    /// The page's services (see `www/js/flow.js`).
    #[derive(Clone)]
    pub type JsHost;
    /// POSTs `body` to the inbox's `path` (`bundles`, `revocations`): `{status, body}`.
    #[wasm_bindgen(method)]
    fn send(this: &JsHost, path: &str, body: &str) -> Promise;
    /// Offers `text` as a file download named `name`.
    #[wasm_bindgen(method)]
    fn download(this: &JsHost, name: &str, text: &str);
    /// `n` cryptographically secure random bytes.
    #[wasm_bindgen(method)]
    fn random(this: &JsHost, n: u32) -> Vec<u8>;
    /// Opens the merchant's key store (`engine/js/keystore.js`).
    #[wasm_bindgen(method, js_name = keyStore)]
    fn key_store(this: &JsHost) -> Promise;
    /// Returns to the form app's form.
    #[wasm_bindgen(method)]
    fn back(this: &JsHost);
    /// Tells the form app which screen shows (for its progress indicator).
    #[wasm_bindgen(method)]
    fn step(this: &JsHost, name: &str);
    /// Opens the browser's print dialogue.
    #[wasm_bindgen(method)]
    fn print(this: &JsHost);
    /// Tells the host page an event (`scored`, `bundle-signed`; see `docs/embedding.md`).
    #[wasm_bindgen(method)]
    fn event(this: &JsHost, name: &str, detail: &JsValue);

    /// The key store of `engine/js/keystore.js`.
    type KeyStore;
    #[wasm_bindgen(method, js_name = getOrCreate)]
    fn get_or_create(this: &KeyStore, recipient: &str) -> Promise;
    #[wasm_bindgen(method)]
    fn finish(this: &KeyStore, prepared: Prepared, recipient: &str) -> Promise;
}

/// The page's services, compared by identity so components can hold them in properties.
#[derive(Clone)]
pub struct Host(pub JsHost);

impl PartialEq for Host {
    fn eq(&self, other: &Self) -> bool {
        AsRef::<JsValue>::as_ref(&self.0) == AsRef::<JsValue>::as_ref(&other.0)
    }
}

/// A failure's message: the `message` of a JavaScript error, or the value as text.
pub fn message_of(error: &JsValue) -> String {
    Reflect::get(error, &JsValue::from_str("message"))
        .ok()
        .and_then(|m| m.as_string())
        .or_else(|| error.as_string())
        .unwrap_or_else(|| "unknown error".to_owned())
}

impl Host {
    /// POSTs to the inbox: the HTTP status and the body text.
    pub async fn send(&self, path: &str, body: &str) -> Result<(u16, String), String> {
        let answer = JsFuture::from(self.0.send(path, body))
            .await
            .map_err(|e| message_of(&e))?;
        let status = Reflect::get(&answer, &JsValue::from_str("status"))
            .ok()
            .and_then(|s| s.as_f64())
            .unwrap_or(0.0) as u16;
        let text = Reflect::get(&answer, &JsValue::from_str("body"))
            .ok()
            .and_then(|b| b.as_string())
            .unwrap_or_default();
        Ok((status, text))
    }

    /// Offers a file download.
    pub fn download(&self, name: &str, text: &str) {
        self.0.download(name, text);
    }

    /// 32 random bytes (a bundle id and nonce).
    pub fn random32(&self) -> Vec<u8> {
        self.0.random(32)
    }

    /// Back to the form.
    pub fn back(&self) {
        self.0.back();
    }

    /// The screen now showing.
    pub fn step(&self, name: &str) {
        self.0.step(name);
    }

    /// Opens the browser's print dialogue.
    pub fn print(&self) {
        self.0.print();
    }

    /// Tells the host page an event with these details (never a profile value).
    pub fn event(&self, name: &str, detail: &[(&str, &str)]) {
        let object = js_sys::Object::new();
        for (key, value) in detail {
            let _ = Reflect::set(&object, &JsValue::from_str(key), &JsValue::from_str(value));
        }
        self.0.event(name, &object);
    }

    /// The merchant's key for `recipient` (an institution id; created on first use): a
    /// separate key for each institution, so two banks cannot tell that two applications
    /// come from the same merchant.
    pub async fn merchant_key(&self, recipient: &str) -> Result<Signer, String> {
        let store: KeyStore = JsFuture::from(self.0.key_store())
            .await
            .map_err(|e| message_of(&e))?
            .unchecked_into();
        let key = JsFuture::from(store.get_or_create(recipient))
            .await
            .map_err(|e| message_of(&e))?;
        let bytes =
            Reflect::get(&key, &JsValue::from_str("publicKey")).map_err(|e| message_of(&e))?;
        let public =
            PublicKey::from_bytes(&Uint8Array::new(&bytes).to_vec()).map_err(|e| e.to_string())?;
        Ok(Signer {
            store,
            public,
            recipient: recipient.to_owned(),
        })
    }
}

/// The merchant's key for one recipient, ready to sign.
pub struct Signer {
    store: KeyStore,
    /// Its public key.
    pub public: PublicKey,
    recipient: String,
}

impl Signer {
    /// Signs a prepared bundle or revocation: the flattened JWS.
    pub async fn finish(&self, unsigned: prequal::jws::Unsigned) -> Result<String, String> {
        let signed = JsFuture::from(self.store.finish(Prepared::from(unsigned), &self.recipient))
            .await
            .map_err(|e| message_of(&e))?;
        signed
            .as_string()
            .ok_or_else(|| "the key store gave no bundle".to_owned())
    }
}

/// A bundle sent from this browser, as the sent page lists it. Holds no profile value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SentBundle {
    /// The bundle's id.
    pub bundle_id: String,
    /// Recipient institution id.
    pub institution: String,
    /// Its name, English and Chinese.
    pub institution_name: prequal::scorecard::Label,
    /// Products applied for, by name.
    pub products: Vec<prequal::scorecard::Label>,
    /// When the inbox received it (its receipt's RFC 3339 time).
    pub received_at: String,
    /// RFC 3339 expiry.
    pub expires_at: String,
    /// The receipt's SHA-256 of the envelope.
    pub envelope_sha256: String,
    /// Whether the bank's inbox recomputed the grade from the disclosed fields.
    #[serde(default)]
    pub score_recomputed: Option<bool>,
    /// Unix seconds of the revocation, once revoked.
    #[serde(default)]
    pub revoked_at: Option<i64>,
    /// The recipient whose key signed it (the same key signs its revocation); none for
    /// bundles signed with the one shared key of earlier versions.
    #[serde(default)]
    pub signed_for: Option<String>,
    /// The product applied for (its id): a bank that asks for more information is answered
    /// with a new bundle for it. None for bundles sent by earlier versions.
    #[serde(default)]
    pub product_id: Option<String>,
}

const SENT_KEY: &str = "prequal.sent.v1";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// The bundles sent from this browser, newest first.
pub fn sent_bundles() -> Vec<SentBundle> {
    storage()
        .and_then(|s| s.get_item(SENT_KEY).ok().flatten())
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default()
}

/// Replaces the list of sent bundles.
pub fn save_sent_bundles(list: &[SentBundle]) {
    if let (Some(storage), Ok(text)) = (storage(), serde_json::to_string(list)) {
        let _ = storage.set_item(SENT_KEY, &text);
    }
}

/// Now, in Unix seconds, from the browser's clock.
pub fn now() -> i64 {
    (js_sys::Date::now() / 1000.0) as i64
}
