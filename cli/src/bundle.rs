//! `prequal bundle make | verify | inspect | revoke`: consent bundles for testing and banks'
//! staging. The core does the work; this file supplies the clock and the randomness.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use prequal::assess::Model;
use prequal::catalog::ValidCatalog;
use prequal::consent::record::{QueryTerm, Use};
use prequal::consent::{self, Host, NoLedger, Purpose, Request, Trust};

use crate::keys::read_key;
use crate::matching::load_catalog;
use crate::{read_input, usage, valid_profile, INVALID};

/// The operating system's clock and randomness.
struct SystemHost;

impl Host for SystemHost {
    fn now(&self) -> i64 {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() as i64)
    }

    fn random(&mut self, bytes: &mut [u8]) {
        // Without randomness no id or nonce is safe to use: stop rather than continue.
        if let Err(e) = getrandom::fill(bytes) {
            eprintln!("prequal: no randomness from the operating system: {e}");
            std::process::exit(i32::from(crate::USAGE));
        }
    }
}

/// Options of `bundle make`.
pub struct MakeOptions<'a> {
    /// Profile file.
    pub profile: &'a Path,
    /// Product id.
    pub product: &'a str,
    /// Merchant key (JWK).
    pub key: &'a Path,
    /// Catalog instead of the shipped one.
    pub catalog: Option<&'a Path>,
    /// Why.
    pub purpose: Purpose,
    /// A credit-report query authorised, for this term (none: not authorised).
    pub credit_query: Option<QueryTerm>,
    /// Consent to being considered for the institution's other products.
    pub other_products: bool,
    /// Consent to the data and the loan's outcome improving the institution's model.
    pub model_improvement: bool,
    /// Validity in days.
    pub days: i64,
    /// Fields added to the default disclosure.
    pub add: Vec<String>,
    /// Fields removed from it.
    pub remove: Vec<String>,
    /// Locale.
    pub locale: String,
    /// Print the compact form instead of the flattened JSON.
    pub compact: bool,
}

/// `prequal bundle make`: discloses the product's required fields plus the fields the model
/// reads (so the bank can recompute the score), adjusted by `--add` / `--remove`.
pub fn make(options: MakeOptions<'_>) -> ExitCode {
    let profile = match valid_profile(options.profile) {
        Ok(profile) => profile,
        Err(code) => return code,
    };
    let key = match read_key(options.key).map(|jwk| jwk.secret_key()) {
        Ok(Ok(key)) => key,
        Ok(Err(e)) => return usage(format!("--key: {e}")),
        Err(code) => return code,
    };
    let catalog = match load_catalog(options.catalog) {
        Ok(catalog) => catalog,
        Err(code) => return code,
    };
    let model = Model::shipped();
    let assessment = model.assess(&profile);
    let Some(mut request) = Request::for_product(
        &catalog,
        options.product,
        model,
        &assessment,
        &options.locale,
        "cli",
    ) else {
        return usage(format!("--product {}: not in the catalog", options.product));
    };
    request.fields.extend(options.add);
    request
        .fields
        .retain(|field| !options.remove.contains(field));
    request.fields.sort();
    request.fields.dedup();
    request.purpose = options.purpose;
    if request.format == consent::FORMAT_V1
        && (options.credit_query.is_some() || options.other_products || options.model_improvement)
    {
        return usage(format!(
            "--credit-query, --other-products, --model-improvement: the catalog gives no data-protection particulars for {}, so its bundles cannot carry separate consents",
            request.recipient.institution
        ));
    }
    request.consent_to(
        Use::CreditReportQuery,
        options.credit_query,
        options.credit_query.is_some(),
    );
    request.consent_to(Use::OtherProducts, None, options.other_products);
    request.consent_to(Use::ModelImprovement, None, options.model_improvement);
    request.valid_for_seconds = options.days.saturating_mul(24 * 3600);
    match consent::build(request, &profile, &mut SystemHost) {
        Ok(payload) => {
            let compact = consent::sign(payload, &key);
            if options.compact {
                out!("{compact}");
            } else {
                out!("{}", consent::flattened(&compact));
            }
            ExitCode::SUCCESS
        }
        Err(consent::BundleError::Validity) => usage("--days: between 1 and 30"),
        Err(e) => {
            eprintln!("prequal: {e}");
            ExitCode::from(INVALID)
        }
    }
}

/// Options of `bundle verify`.
pub struct VerifyOptions<'a> {
    /// The bundle file (`-` for standard input).
    pub file: &'a Path,
    /// The institution that must be its recipient.
    pub recipient: Option<&'a str>,
    /// Verify as of this time instead of now.
    pub at: Option<&'a str>,
    /// Trusted catalogs (none: the shipped sample).
    pub catalogs: &'a [PathBuf],
    /// Refuse a bundle whose score cannot be recomputed.
    pub require_recomputable: bool,
}

/// The catalogs a bundle may cite: the files given, or the shipped sample.
fn trusted_catalogs(paths: &[PathBuf]) -> Result<Vec<ValidCatalog>, ExitCode> {
    if paths.is_empty() {
        return load_catalog(None).map(|catalog| vec![catalog]);
    }
    paths.iter().map(|path| load_catalog(Some(path))).collect()
}

/// `prequal bundle verify FILE [--recipient ID] [--at TIME] [--catalog FILE]…`: exit 0 and a
/// JSON summary when every check passes; exit 1 and the reason (with its code) on stderr
/// otherwise.
pub fn verify(options: VerifyOptions<'_>) -> ExitCode {
    let envelope = match read_input(options.file) {
        Ok(text) => text,
        Err(e) => return usage(e),
    };
    let now = match options.at {
        None => SystemHost.now(),
        Some(text) => match consent::parse_rfc3339(text) {
            Some(seconds) => seconds,
            None => return usage(format!("--at {text}: use YYYY-MM-DDTHH:MM:SSZ")),
        },
    };
    let catalogs = match trusted_catalogs(options.catalogs) {
        Ok(catalogs) => catalogs,
        Err(code) => return code,
    };
    let trust = Trust::of(vec![Model::shipped()], catalogs.iter().collect())
        .requiring_recomputation(options.require_recomputable);
    match consent::verify(&envelope, now, options.recipient, &trust, &NoLedger) {
        Ok(verified) => {
            let summary = serde_json::json!({
                "valid": true,
                "bundle_id": verified.payload.bundle_id,
                "merchant": verified.payload.merchant.did,
                "recipient": verified.payload.recipient,
                "purpose": verified.payload.purpose,
                "format": verified.payload.format,
                "consents": verified.payload.consent.consents,
                "expires_at": verified.payload.expires_at,
                "disclosed_fields": verified.payload.disclosed.keys().collect::<Vec<_>>(),
                "score_recomputed": verified.score_recomputed,
                "verification": verified.outcome(),
                "result": verified.payload.result,
            });
            out!("{summary:#}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("prequal: invalid bundle ({}): {e}", e.code());
            ExitCode::from(INVALID)
        }
    }
}

/// `prequal bundle inspect FILE`: the payload for people, and whether it verifies now.
pub fn inspect(file: &Path, catalogs: &[PathBuf]) -> ExitCode {
    let envelope = match read_input(file) {
        Ok(text) => text,
        Err(e) => return usage(e),
    };
    let catalogs = match trusted_catalogs(catalogs) {
        Ok(catalogs) => catalogs,
        Err(code) => return code,
    };
    let trust = Trust::of(vec![Model::shipped()], catalogs.iter().collect());
    let now = SystemHost.now();
    let result = consent::verify(&envelope, now, None, &trust, &NoLedger);
    let payload = match &result {
        Ok(verified) => verified.payload.clone(),
        Err(_) => match consent::decode_unverified(&envelope) {
            Some(payload) => payload,
            None => {
                eprintln!("prequal: not a consent bundle");
                return ExitCode::from(INVALID);
            }
        },
    };
    out!("bundle     {}", payload.bundle_id);
    out!("merchant   {}", payload.merchant.did);
    out!(
        "recipient  {} (products: {})",
        payload.recipient.institution,
        payload.recipient.products.join(", ")
    );
    out!(
        "purpose    {}",
        serde_json::to_value(payload.purpose)
            .map(|v| v.as_str().unwrap_or_default().to_string())
            .unwrap_or_default()
    );
    out!("format     {}", payload.format);
    for given in payload.consent.consents.iter().flatten() {
        let term = match given.term {
            Some(QueryTerm::Application) => " (while the application is assessed)",
            Some(QueryTerm::ApplicationAndLoan) => " (while assessed, and until a loan is repaid)",
            None => "",
        };
        out!("consent    {}{term}", given.purpose.name());
    }
    if let Some(controller) = &payload.consent.controller {
        out!(
            "handler    {}, {}; personal information: {}",
            controller.legal_name,
            controller.contact,
            controller.data_protection_contact
        );
    }
    out!("valid      {} → {}", payload.created_at, payload.expires_at);
    out!(
        "result     score {}, grade {}, PD {:.2}% (as the merchant saw it)",
        payload.result.score,
        payload.result.grade,
        payload.result.probability_of_default_ppm as f64 / 10_000.0
    );
    out!(
        "model      {} {}",
        payload.model.version,
        payload.model.sha256
    );
    out!(
        "catalog    {} {}",
        payload.catalog.version,
        payload.catalog.sha256
    );
    out!(
        "consent    {} / {} / {} / notice {} ({}) {}",
        payload.consent.jurisdiction,
        payload.consent.legal_basis,
        payload.consent.collection_method,
        payload.consent.notice.version,
        payload.consent.notice.language,
        payload.consent.notice.sha256
    );
    out!("disclosed  {} field(s):", payload.disclosed.len());
    for (field, value) in &payload.disclosed {
        out!("  {field} = {value}");
    }
    match result {
        Ok(verified) => {
            out!("status     verifies now: signature (strict Ed25519), catalog, products, consent record");
            if verified.score_recomputed {
                out!("score      recomputed from the disclosed values: score, grade and PD match");
            } else {
                out!(
                    "score      NOT recomputed (the disclosure withholds {}): the result above is only claimed",
                    verified.withheld_model_fields.join(", ")
                );
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            out!("status     does NOT verify ({}): {e}", e.code());
            ExitCode::from(INVALID)
        }
    }
}

/// `prequal bundle revoke FILE --key K`: prints the signed revocation of a bundle.
pub fn revoke(file: &Path, key: &Path) -> ExitCode {
    let key = match read_key(key).map(|jwk| jwk.secret_key()) {
        Ok(Ok(key)) => key,
        Ok(Err(e)) => return usage(format!("--key: {e}")),
        Err(code) => return code,
    };
    let envelope = match read_input(file) {
        Ok(text) => text,
        Err(e) => return usage(e),
    };
    let Some(payload) = consent::decode_unverified(&envelope) else {
        eprintln!("prequal: not a consent bundle");
        return ExitCode::from(INVALID);
    };
    if payload.merchant.did != key.public().did_key() {
        eprintln!("prequal: this key did not sign the bundle; only its merchant can revoke it");
        return ExitCode::from(INVALID);
    }
    out!(
        "{}",
        consent::flattened(&consent::revoke(&payload.bundle_id, SystemHost.now(), &key))
    );
    ExitCode::SUCCESS
}
