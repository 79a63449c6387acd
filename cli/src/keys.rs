//! `prequal key` and `prequal catalog`: Ed25519 signing keys (as JWK files) for portal
//! operators and banks' staging, and signing / verifying a catalog with a detached JWS.

use std::path::Path;
use std::process::ExitCode;

use prequal::jws::{self, Jwk, PublicKey, SecretKey};

use crate::matching::load_catalog;
use crate::{usage, INVALID};

/// The JWS `typ` of a catalog signature.
pub const CATALOG_SIGNATURE_TYPE: &str = "prequal-catalog+jws";

/// `prequal key new --out FILE`: a new key from the operating system's randomness, written
/// as a private JWK (readable by the owner only on Unix). Prints the public `did:key`.
pub fn new_key(out: &Path, force: bool) -> ExitCode {
    if out.exists() && !force {
        return usage(format!(
            "{} exists; pass --force to replace it (the old key is lost)",
            out.display()
        ));
    }
    let mut seed = [0u8; 32];
    if let Err(e) = getrandom::fill(&mut seed) {
        return usage(format!("no randomness from the operating system: {e}"));
    }
    let key = SecretKey::from_seed(&seed);
    let json = match serde_json::to_string_pretty(&Jwk::private(&key)) {
        Ok(json) => json,
        Err(e) => return usage(format!("cannot write the key: {e}")),
    };
    if let Err(e) = write_private(out, &json) {
        return usage(format!("cannot write {}: {e}", out.display()));
    }
    out!("{}", key.public().did_key());
    ExitCode::SUCCESS
}

fn write_private(path: &Path, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(path)?;
    file.write_all(text.as_bytes())?;
    file.write_all(b"\n")
}

/// Reads a JWK file; with `private`, it must hold the secret part.
pub fn read_key(path: &Path) -> Result<Jwk, ExitCode> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| usage(format!("cannot read {}: {e}", path.display())))?;
    serde_json::from_str(&text).map_err(|e| {
        eprintln!("prequal: {} is not a JWK: {e}", path.display());
        ExitCode::from(INVALID)
    })
}

/// `prequal key public FILE`: the public `did:key` and JWK of a key file.
pub fn public(path: &Path) -> ExitCode {
    let jwk = match read_key(path) {
        Ok(jwk) => jwk,
        Err(code) => return code,
    };
    match jwk.public_key() {
        Ok(key) => {
            out!("{}", key.did_key());
            ExitCode::SUCCESS
        }
        Err(e) => invalid(e),
    }
}

fn invalid(error: impl std::fmt::Display) -> ExitCode {
    eprintln!("prequal: {error}");
    ExitCode::from(INVALID)
}

/// `prequal catalog check [FILE]`.
pub fn check_catalog(path: Option<&Path>) -> ExitCode {
    match load_catalog(path) {
        Ok(catalog) => {
            out!(
                "valid: catalog {} with {} institutions and {} products, sha256 {}",
                catalog.catalog().version,
                catalog.catalog().institutions.len(),
                catalog.catalog().products.len(),
                catalog.sha256()
            );
            ExitCode::SUCCESS
        }
        Err(code) => code,
    }
}

/// `prequal catalog sign --key K FILE`: prints the detached JWS over the file's bytes (after
/// checking the catalog is valid: operators must not sign a broken feed).
pub fn sign_catalog(path: &Path, key: &Path) -> ExitCode {
    let key = match read_key(key).map(|jwk| jwk.secret_key()) {
        Ok(Ok(key)) => key,
        Ok(Err(e)) => return invalid(e),
        Err(code) => return code,
    };
    if let Err(code) = load_catalog(Some(path)) {
        return code;
    }
    match std::fs::read(path) {
        Ok(bytes) => {
            out!(
                "{}",
                jws::sign_detached(&bytes, &key, CATALOG_SIGNATURE_TYPE)
            );
            ExitCode::SUCCESS
        }
        Err(e) => usage(format!("cannot read {}: {e}", path.display())),
    }
}

/// `prequal catalog verify FILE --signature SIG --trust DID`: exit 0 when the signature by
/// the trusted key covers exactly these bytes and the catalog is valid.
pub fn verify_catalog(path: &Path, signature: &Path, trust: &str) -> ExitCode {
    let trusted = match PublicKey::from_did_key(trust) {
        Ok(key) => key,
        Err(e) => return usage(format!("--trust: {e}")),
    };
    let (bytes, jws_text) = match (std::fs::read(path), std::fs::read_to_string(signature)) {
        (Ok(bytes), Ok(text)) => (bytes, text),
        (Err(e), _) => return usage(format!("cannot read {}: {e}", path.display())),
        (_, Err(e)) => return usage(format!("cannot read {}: {e}", signature.display())),
    };
    if let Err(e) = jws::verify_detached(&jws_text, &bytes, &trusted) {
        return invalid(format!("signature refused: {e}"));
    }
    match load_catalog(Some(path)) {
        Ok(catalog) => {
            out!(
                "verified: catalog {} sha256 {} signed by {trust}",
                catalog.catalog().version,
                catalog.sha256()
            );
            ExitCode::SUCCESS
        }
        Err(code) => code,
    }
}
