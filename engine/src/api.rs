//! The JavaScript API proper (feature `api`, on by default): catalogs and matching, scoring,
//! schedules, making and verifying bundles. The web app's on-demand module links only the key
//! store's part of the engine (the crate root) and builds without this feature, so none of
//! these exports, nor the JSON report they return, weigh on the merchant's download.

use super::{public_key_of, seed_of, single, thrown, to_js, GivenHost, Prepared};
use prequal::assess::Model;
use prequal::catalog::{Grade, ValidCatalog};
use prequal::matching::{Matcher, Query, Standing};
use prequal::schedule::LoanTerms;
use prequal::{consent, jws, profile, ValidProfile};
use serde::Deserialize;
use wasm_bindgen::prelude::*;

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
        self.match_with(Model::shipped(), profile, options)
    }

    /// [`Catalog::match_products`] with a model loaded by [`VerifiedModel::verified`] instead
    /// of the shipped one.
    #[wasm_bindgen(js_name = matchProductsWith)]
    pub fn match_products_with(
        &self,
        model: &VerifiedModel,
        profile: JsValue,
        options: JsValue,
    ) -> Result<JsValue, JsValue> {
        self.match_with(&model.inner, profile, options)
    }
}

#[wasm_bindgen]
impl Catalog {
    /// The request for a bundle applying for `product` of this catalog with `profile`, scored
    /// by the shipped model, in `locale` (`zh-CN`, `en`): the product's fields and the model's,
    /// and — for an institution the catalog gives data-protection particulars for — the
    /// `prequal.consent/2` record consenting to the application only. `options`:
    /// `{credit_query?: 'application'|'application-and-loan', other_products?: boolean,
    /// model_improvement?: boolean}` turn on the optional consents. Change members (fields, purpose, validity) and pass it to
    /// `makeBundle` / `prepareBundle`.
    #[wasm_bindgen(js_name = bundleRequest)]
    pub fn bundle_request(
        &self,
        product: &str,
        profile: JsValue,
        locale: &str,
        options: JsValue,
    ) -> Result<JsValue, JsValue> {
        #[derive(serde::Deserialize, Default)]
        #[serde(deny_unknown_fields)]
        struct Consents {
            #[serde(default)]
            credit_query: Option<consent::record::QueryTerm>,
            #[serde(default)]
            other_products: bool,
            #[serde(default)]
            model_improvement: bool,
        }
        let options: Consents = options_or_default(options)?;
        let profile = valid_profile(profile)?;
        let model = Model::shipped();
        let mut request = consent::Request::for_product(
            &self.inner,
            product,
            model,
            &model.assess(&profile),
            locale,
            "web-form",
        )
        .ok_or_else(|| {
            single(
                "request",
                "product",
                format!("{product}: not in the catalog"),
            )
        })?;
        use consent::record::Use;
        request.consent_to(
            Use::CreditReportQuery,
            options.credit_query,
            options.credit_query.is_some(),
        );
        request.consent_to(Use::OtherProducts, None, options.other_products);
        request.consent_to(Use::ModelImprovement, None, options.model_improvement);
        Ok(to_js(&request))
    }
}

impl Catalog {
    fn match_with(
        &self,
        model: &Model,
        profile: JsValue,
        options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let options: MatchOptions = options_or_default(options)?;
        let profile = valid_profile(profile)?;
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

/// A model artifact a portal operator signed, verified and checked once; score any number of
/// profiles with it. (JavaScript: `Model`.)
#[wasm_bindgen(js_name = Model)]
pub struct VerifiedModel {
    inner: Model,
}

#[wasm_bindgen(js_class = Model)]
impl VerifiedModel {
    /// Verifies the operator's detached JWS (`typ` `prequal-model+jws`) over the artifact's
    /// exact bytes with `trustedKey` (a `did:key`; omitted: the project's sample key), then
    /// reads and checks the artifact. An unsigned, tampered or otherwise signed model throws
    /// `{kind: "model", errors: [{field, detail}]}` and is never used.
    pub fn verified(
        bytes: &[u8],
        signature: Option<String>,
        trusted_key: Option<String>,
    ) -> Result<VerifiedModel, JsValue> {
        let trusted = prequal::assess::operator_key(trusted_key.as_deref())
            .map_err(|e| single("model", "trustedKey", e))?;
        Model::verified(bytes, signature.as_deref(), &trusted)
            .map(|inner| VerifiedModel { inner })
            .map_err(|e| {
                let field = match e {
                    prequal::assess::ModelError::Unsigned
                    | prequal::assess::ModelError::Signature(_)
                    | prequal::assess::ModelError::SignatureType(_) => "signature",
                    _ => "model",
                };
                single("model", field, e)
            })
    }

    /// SHA-256 of the artifact: the model id consent bundles cite.
    #[wasm_bindgen(getter)]
    pub fn id(&self) -> String {
        self.inner.id().to_owned()
    }

    /// The model's name and version.
    #[wasm_bindgen(getter)]
    pub fn name(&self) -> String {
        self.inner.scorecard().name.clone()
    }

    /// Scores a profile with this model (as [`score`]).
    pub fn score(&self, profile: JsValue) -> Result<JsValue, JsValue> {
        score_with(&self.inner, profile)
    }
}

/// Scores a profile with the shipped model: grade, PD, reasons, policy overlays, what-if.
#[wasm_bindgen]
pub fn score(profile: JsValue) -> Result<JsValue, JsValue> {
    score_with(Model::shipped(), profile)
}

fn score_with(model: &Model, profile: JsValue) -> Result<JsValue, JsValue> {
    let profile = valid_profile(profile)?;
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

/// An optional `options` argument: the defaults when JavaScript passes nothing (or `null`).
fn options_or_default<T: serde::de::DeserializeOwned + Default>(
    options: JsValue,
) -> Result<T, JsValue> {
    if options.is_undefined() || options.is_null() {
        return Ok(T::default());
    }
    serde_json::from_value(json_value(options, "options")?)
        .map_err(|e| single("options", "options", e))
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
