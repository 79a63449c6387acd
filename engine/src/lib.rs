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

use prequal::assess::Model;
use prequal::catalog::{Grade, ValidCatalog};
use prequal::matching::{Matcher, Query, Standing};
use prequal::schedule::LoanTerms;
use prequal::{consent, jws, profile, ValidProfile};
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

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

/// A JavaScript value as JSON data. serde-wasm-bindgen reads a struct by asking the object for
/// the struct's own field names, so `deny_unknown_fields` could never fire on a JavaScript
/// object; going through a JSON value first lets every misspelt field be reported.
fn json_value(value: JsValue, kind: &str) -> Result<serde_json::Value, JsValue> {
    serde_wasm_bindgen::from_value(value).map_err(|e| single(kind, "$", e))
}

/// Reads and checks a profile given as a JavaScript object.
fn valid_profile(value: JsValue) -> Result<ValidProfile, JsValue> {
    let value = json_value(value, "profile")?;
    profile::from_value(value)
        .and_then(|profile| profile.validate())
        .map_err(|errors| thrown("profile", errors.errors))
}

/// A product catalog, checked (and, with [`Catalog::verified`], its signature verified) once;
/// match any number of profiles against it.
#[wasm_bindgen]
pub struct Catalog {
    inner: ValidCatalog,
}

/// Options of [`Catalog::match_products`].
#[derive(Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
struct MatchOptions {
    /// A grade to match with instead of scoring the profile.
    grade: Option<String>,
    /// Filters and order.
    query: Query,
    /// Products explained per group (eligible, near misses, others); 0 for all.
    limit: Option<usize>,
    /// Also explain products that are not eligible.
    all: bool,
}

#[wasm_bindgen]
impl Catalog {
    /// Reads and checks a catalog from its file bytes (no signature check: for catalogs the
    /// page itself ships, or for development).
    #[wasm_bindgen(constructor)]
    pub fn new(bytes: &[u8]) -> Result<Catalog, JsValue> {
        ValidCatalog::from_json(bytes)
            .map(|inner| Catalog { inner })
            .map_err(|errors| thrown("catalog", errors.errors))
    }

    /// Verifies a portal operator's detached JWS (EdDSA) over the exact bytes with the trusted
    /// `did:key`, then reads and checks the catalog. A portal that configures a key must load
    /// its catalog only this way.
    pub fn verified(bytes: &[u8], signature: &str, trusted_key: &str) -> Result<Catalog, JsValue> {
        let trusted = jws::PublicKey::from_did_key(trusted_key)
            .map_err(|e| single("signature", "trustedKey", e))?;
        jws::verify_detached(signature, bytes, &trusted)
            .map_err(|e| single("signature", "signature", e))?;
        Catalog::new(bytes)
    }

    /// Hex SHA-256 of the catalog file: what consent bundles cite.
    #[wasm_bindgen(getter)]
    pub fn sha256(&self) -> String {
        self.inner.sha256().to_string()
    }

    /// The publisher's version.
    #[wasm_bindgen(getter)]
    pub fn version(&self) -> String {
        self.inner.catalog().version.clone()
    }

    /// Whether the catalog is illustrative sample data.
    #[wasm_bindgen(getter)]
    pub fn sample(&self) -> bool {
        self.inner.catalog().sample
    }

    /// Number of products.
    #[wasm_bindgen(getter, js_name = productCount)]
    pub fn product_count(&self) -> usize {
        self.inner.catalog().products.len()
    }

    /// Number of institutions.
    #[wasm_bindgen(getter, js_name = institutionCount)]
    pub fn institution_count(&self) -> usize {
        self.inner.catalog().institutions.len()
    }

    /// Matches a profile: `{catalog, standing, counts, products, first_steps}` with each shown
    /// product's rules as data and in words (`text`), its path to eligibility (`path`, each
    /// step with its `text`), offer, odds, disclosure and cost rank. `options`:
    /// `{grade?: 'A'…'G', query?: {kinds, institutions, region, amount_minor, term_months,
    /// sort: 'cost'|'rate'|'amount'|'term'}, limit?: number (default 20), all?: boolean}`.
    /// Without a grade the profile is scored with the shipped model.
    #[wasm_bindgen(js_name = matchProducts)]
    pub fn match_products(&self, profile: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
        let options: MatchOptions = if options.is_undefined() || options.is_null() {
            MatchOptions::default()
        } else {
            serde_json::from_value(json_value(options, "options")?)
                .map_err(|e| single("options", "options", e))?
        };
        let profile = valid_profile(profile)?;
        let model = Model::shipped();
        let standing = match options.grade.as_deref() {
            Some(name) => Grade::from_name(name)
                .map(|grade| Standing::from_grade(grade, model))
                .ok_or_else(|| single("options", "grade", "grades are A to G"))?,
            None => Standing::from_assessment(&model.assess(&profile)),
        };
        let report = Matcher::new(&self.inner, &profile, standing)
            .with_model(model)
            .report(&options.query, options.limit.unwrap_or(20), options.all);
        Ok(to_js(&prequal_text::json::report(&report)))
    }
}

/// Scores a profile with the shipped model: grade, PD, reasons, policy overlays, what-if.
#[wasm_bindgen]
pub fn score(profile: JsValue) -> Result<JsValue, JsValue> {
    let profile = valid_profile(profile)?;
    let model = Model::shipped();
    let assessment = model.assess(&profile);
    Ok(to_js(&prequal_text::json::assessment(
        &assessment,
        profile.profile(),
        model,
    )))
}

/// A repayment schedule: `terms` is `{principal_minor, annual_rate_bp, term_months,
/// repayment: {type: 'equal_instalment'|'equal_principal'|'interest_only_balloon'|'seasonal',
/// months?}, first_payment_month?, upfront_fee_minor?, monthly_fee_minor?}`.
#[wasm_bindgen]
pub fn schedule(terms: JsValue) -> Result<JsValue, JsValue> {
    let terms: LoanTerms = serde_json::from_value(json_value(terms, "terms")?)
        .map_err(|e| single("terms", "terms", e))?;
    terms
        .schedule()
        .map(|schedule| to_js(&schedule))
        .map_err(|errors| thrown("terms", errors.errors))
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

/// The payload of a bundle for `request` (see [`make_bundle`]) from `profile`.
fn bundle_payload(
    profile: JsValue,
    request: JsValue,
    now: f64,
    random: &[u8],
) -> Result<consent::Payload, JsValue> {
    let profile = valid_profile(profile)?;
    let request: consent::Request = serde_json::from_value(json_value(request, "request")?)
        .map_err(|e| single("request", "request", e))?;
    if random.len() < 32 {
        return Err(single("request", "random", "32 random bytes are needed"));
    }
    let mut host = GivenHost::new(now as i64, random.to_vec());
    consent::build(request, &profile, &mut host).map_err(|e| single("request", "request", e))
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

/// Makes and signs a consent bundle with a software Ed25519 key (the fallback where WebCrypto
/// has no Ed25519): `request` is `{recipient, purpose, fields, model, catalog, result,
/// valid_for_seconds, locale, consent}` (see `docs/consent-bundle.md`), `seed` the key's 32
/// bytes, `now` Unix seconds, `random` 32 random bytes (bundle id and nonce). Returns the
/// flattened JSON JWS.
#[wasm_bindgen(js_name = makeBundle)]
pub fn make_bundle(
    profile: JsValue,
    request: JsValue,
    seed: &[u8],
    now: f64,
    random: &[u8],
) -> Result<String, JsValue> {
    let key = seed_of(seed)?;
    let payload = bundle_payload(profile, request, now, random)?;
    Ok(consent::flattened(&consent::sign(payload, &key)))
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

/// Prepares a consent bundle (arguments as [`make_bundle`]) for the merchant key whose raw
/// 32-byte public key is `public_key`.
#[wasm_bindgen(js_name = prepareBundle)]
pub fn prepare_bundle(
    profile: JsValue,
    request: JsValue,
    public_key: &[u8],
    now: f64,
    random: &[u8],
) -> Result<Prepared, JsValue> {
    let signer = public_key_of(public_key)?;
    let payload = bundle_payload(profile, request, now, random)?;
    Ok(Prepared(consent::prepare(payload, signer)))
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

/// Verifies a bundle (compact or flattened) at `now` (Unix seconds) for `recipient` (or any,
/// when empty) against the shipped model and `catalog` (the only catalog its products may
/// come from): the payload, whether the score was recomputed and the verification outcome,
/// or a thrown `{kind: "bundle", code, errors: [{field, detail}]}` (`code` as the inbox
/// answers it, `docs/consent-bundle.md`).
#[wasm_bindgen(js_name = verifyBundle)]
pub fn verify_bundle(
    envelope: &str,
    now: f64,
    recipient: &str,
    catalog: &Catalog,
) -> Result<JsValue, JsValue> {
    let recipient = (!recipient.is_empty()).then_some(recipient);
    let trust = consent::Trust::new(Model::shipped(), &catalog.inner);
    consent::verify(envelope, now as i64, recipient, &trust, &consent::NoLedger)
        .map(|verified| {
            to_js(&serde_json::json!({
                "payload": verified.payload,
                "score_recomputed": verified.score_recomputed,
                "verification": verified.outcome(),
            }))
        })
        .map_err(|e| {
            to_js(&serde_json::json!({
                "kind": "bundle",
                "code": e.code(),
                "errors": [{"field": "bundle", "detail": e.to_string()}],
            }))
        })
}

/// The shipped model's id (SHA-256 of `models/scorecard.json`).
#[wasm_bindgen(js_name = modelId)]
pub fn model_id() -> String {
    Model::shipped().id().to_string()
}
