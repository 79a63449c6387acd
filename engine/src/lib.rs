//! prequal's JavaScript API, compiled to WebAssembly with wasm-bindgen: the web app loads it
//! on demand (it is not part of the first load), and host pages that draw their own UI call it
//! directly. Values cross as plain JavaScript objects through serde-wasm-bindgen, with the
//! same field names as the JSON formats (`docs/catalog.md`, the profile format).
//!
//! Every function either returns a result or throws an error object
//! `{kind, errors: [{path|field, …, rule|problem}]}` naming the offending field; nothing
//! panics on bad input.
//!
//! ```js
//! import init, { Catalog, score, schedule } from './engine/prequal_engine.js';
//! await init();
//! const catalog = Catalog.verified(bytes, signatureText, 'did:key:z6Mk…');
//! const report = catalog.matchProducts(profile, { query: { sort: 'cost' }, limit: 20 });
//! ```

use prequal::{consent, jws};
use serde::Serialize;
use wasm_bindgen::prelude::*;

#[cfg(feature = "api")]
mod api;
#[cfg(feature = "api")]
pub use api::*;

/// The error object thrown to JavaScript.
#[derive(Serialize)]
struct Thrown<'a, E: Serialize> {
    /// `profile`, `catalog`, `signature`, `terms` or `options`.
    kind: &'a str,
    /// The problems, each naming its field or path.
    errors: E,
}

fn to_js<T: Serialize + ?Sized>(value: &T) -> JsValue {
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    value
        .serialize(&serializer)
        .unwrap_or_else(|e| JsValue::from_str(&e.to_string()))
}

fn thrown<E: Serialize>(kind: &str, errors: E) -> JsValue {
    to_js(&Thrown { kind, errors })
}

/// One problem without a field path of its own (options, signatures).
#[derive(Serialize)]
struct Problem {
    field: String,
    detail: String,
}

fn single(kind: &str, field: &str, detail: impl ToString) -> JsValue {
    thrown(
        kind,
        [Problem {
            field: field.to_string(),
            detail: detail.to_string(),
        }],
    )
}

/// The clock and randomness a bundle is made with, passed in from JavaScript
/// (`Date.now()`, `crypto.getRandomValues`), so the core stays pure and the bytes reproducible.
pub struct GivenHost {
    now: i64,
    random: Vec<u8>,
}

impl GivenHost {
    /// `now` in Unix seconds and the random bytes to hand out (32 make a bundle).
    pub fn new(now: i64, random: Vec<u8>) -> GivenHost {
        GivenHost { now, random }
    }
}

impl consent::Host for GivenHost {
    fn now(&self) -> i64 {
        self.now
    }
    fn random(&mut self, bytes: &mut [u8]) {
        let take = bytes.len().min(self.random.len());
        bytes[..take].copy_from_slice(&self.random[..take]);
        self.random.drain(..take);
    }
}

fn seed_of(seed: &[u8]) -> Result<jws::SecretKey, JsValue> {
    let seed: &[u8; 32] = seed
        .try_into()
        .map_err(|_| single("key", "seed", "an Ed25519 seed is 32 bytes"))?;
    Ok(jws::SecretKey::from_seed(seed))
}

fn public_key_of(bytes: &[u8]) -> Result<jws::PublicKey, JsValue> {
    jws::PublicKey::from_bytes(bytes).map_err(|e| single("key", "publicKey", e))
}

/// A bundle or revocation waiting for the merchant's signature, for a key the page cannot read
/// (a non-extractable WebCrypto Ed25519 key): sign `signingInput` with
/// `crypto.subtle.sign("Ed25519", privateKey, …)` and pass the signature to `finish`.
#[wasm_bindgen]
pub struct Prepared(jws::Unsigned);

impl From<jws::Unsigned> for Prepared {
    fn from(unsigned: jws::Unsigned) -> Prepared {
        Prepared(unsigned)
    }
}

#[wasm_bindgen]
impl Prepared {
    /// The bytes to sign (ASCII).
    #[wasm_bindgen(getter, js_name = signingInput)]
    pub fn signing_input(&self) -> Vec<u8> {
        self.0.signing_input().as_bytes().to_vec()
    }

    /// The flattened JSON JWS with `signature` (64 bytes), checked against the public key the
    /// bundle was prepared for; a wrong or damaged signature throws.
    pub fn finish(&self, signature: &[u8]) -> Result<String, JsValue> {
        self.0
            .clone()
            .finish(signature)
            .map(|compact| consent::flattened(&compact))
            .map_err(|e| single("key", "signature", e))
    }

    /// Signs with a software key's 32-byte seed (the fallback) and finishes.
    #[wasm_bindgen(js_name = finishWithSeed)]
    pub fn finish_with_seed(&self, seed: &[u8]) -> Result<String, JsValue> {
        let key = seed_of(seed)?;
        self.finish(&key.sign_raw(self.0.signing_input().as_bytes()))
    }
}

/// Prepares the merchant's revocation of `bundle_id` at `now` (Unix seconds).
#[wasm_bindgen(js_name = prepareRevocation)]
pub fn prepare_revocation(
    bundle_id: &str,
    public_key: &[u8],
    now: f64,
) -> Result<Prepared, JsValue> {
    let signer = public_key_of(public_key)?;
    Ok(Prepared(consent::prepare_revocation(
        bundle_id, now as i64, signer,
    )))
}

/// The `did:key` naming a raw 32-byte Ed25519 public key.
#[wasm_bindgen(js_name = didKey)]
pub fn did_key(public_key: &[u8]) -> Result<String, JsValue> {
    Ok(public_key_of(public_key)?.did_key())
}

/// The raw public key of a software key's 32-byte seed.
#[wasm_bindgen(js_name = publicKeyOfSeed)]
pub fn public_key_of_seed(seed: &[u8]) -> Result<Vec<u8>, JsValue> {
    Ok(seed_of(seed)?.public().to_bytes().to_vec())
}
