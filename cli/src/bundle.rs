//! `prequal bundle make | verify | inspect | revoke`: consent bundles for testing and banks'
//! staging. The core does the work; this file supplies the clock and the randomness.

use std::path::Path;
use std::process::ExitCode;

use prequal::assess::Model;
use prequal::consent::{self, Artifact, Host, NoLedger, Purpose, Recipient, Request};

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
    let Some((_, product)) = catalog.product(options.product) else {
        return usage(format!("--product {}: not in the catalog", options.product));
    };
    let model = Model::shipped();
    let assessment = model.assess(&profile);
    let mut fields: Vec<String> = product
        .required_fields
        .iter()
        .cloned()
        .chain(model.fields().iter().map(|f| f.to_string()))
        .chain(options.add)
        .filter(|field| !options.remove.contains(field))
        .collect();
    fields.sort();
    fields.dedup();
    let mut request = Request::application(
        Recipient {
            institution: product.institution.clone(),
            products: vec![product.id.clone()],
        },
        fields,
        model,
        &assessment,
        Artifact {
            version: catalog.catalog().version.clone(),
            sha256: catalog.sha256().to_string(),
        },
        &options.locale,
        "cli",
    );
    request.purpose = options.purpose;
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

/// `prequal bundle verify FILE [--recipient ID] [--at TIME]`: exit 0 and a JSON summary when
/// every check passes; exit 1 and the reason on stderr otherwise.
pub fn verify(file: &Path, recipient: Option<&str>, at: Option<&str>) -> ExitCode {
    let envelope = match read_input(file) {
        Ok(text) => text,
        Err(e) => return usage(e),
    };
    let now = match at {
        None => SystemHost.now(),
        Some(text) => match consent::parse_rfc3339(text) {
            Some(seconds) => seconds,
            None => return usage(format!("--at {text}: use YYYY-MM-DDTHH:MM:SSZ")),
        },
    };
    match consent::verify(&envelope, now, recipient, Model::shipped(), &NoLedger) {
        Ok(verified) => {
            let summary = serde_json::json!({
                "valid": true,
                "bundle_id": verified.payload.bundle_id,
                "merchant": verified.payload.merchant.did,
                "recipient": verified.payload.recipient,
                "purpose": verified.payload.purpose,
                "expires_at": verified.payload.expires_at,
                "disclosed_fields": verified.payload.disclosed.keys().collect::<Vec<_>>(),
                "score_recomputed": verified.score_recomputed,
                "result": verified.payload.result,
            });
            out!("{summary:#}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("prequal: invalid bundle: {e}");
            ExitCode::from(INVALID)
        }
    }
}

/// `prequal bundle inspect FILE`: the payload for people, and whether it verifies now.
pub fn inspect(file: &Path) -> ExitCode {
    let envelope = match read_input(file) {
        Ok(text) => text,
        Err(e) => return usage(e),
    };
    let now = SystemHost.now();
    let result = consent::verify(&envelope, now, None, Model::shipped(), &NoLedger);
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
    out!("valid      {} → {}", payload.created_at, payload.expires_at);
    out!(
        "result     score {}, grade {}, PD {:.2}%",
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
            out!(
                "status     verifies now{}",
                if verified.score_recomputed {
                    "; score recomputed and matches"
                } else {
                    "; score not recomputable from the disclosure"
                }
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            out!("status     does NOT verify: {e}");
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
