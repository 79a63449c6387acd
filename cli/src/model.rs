//! `prequal model`: a portal operator's model artifacts — train one on the portal's own
//! outcomes, sign one with the operator key, verify a signature as the web app, the engine and
//! the inbox do, and print its model card.

use std::path::Path;
use std::process::ExitCode;

use prequal::assess::{Model, MODEL_SIGNATURE_TYPE};
use prequal::jws::{self, PublicKey};

use crate::keys::read_key;
use crate::{usage, INVALID};

fn invalid(error: impl std::fmt::Display) -> ExitCode {
    eprintln!("prequal: {error}");
    ExitCode::from(INVALID)
}

/// Reads and checks an artifact (no signature): exit 1 with the problem when it is not a
/// scorecard the core accepts.
pub(crate) fn load(path: &Path) -> Result<(Vec<u8>, Model), ExitCode> {
    let bytes =
        std::fs::read(path).map_err(|e| usage(format!("cannot read {}: {e}", path.display())))?;
    let text = std::str::from_utf8(&bytes)
        .map_err(|_| invalid(format!("{} is not UTF-8 text", path.display())))?;
    let model = Model::from_json(text).map_err(|e| invalid(format!("{}: {e}", path.display())))?;
    Ok((bytes, model))
}

/// `prequal model sign --key K FILE`: prints the detached JWS over the artifact's exact bytes,
/// after checking it (an operator must not sign a broken model).
pub fn sign(path: &Path, key: &Path) -> ExitCode {
    let key = match read_key(key).map(|jwk| jwk.secret_key()) {
        Ok(Ok(key)) => key,
        Ok(Err(e)) => return invalid(e),
        Err(code) => return code,
    };
    match load(path) {
        Ok((bytes, _)) => {
            out!("{}", jws::sign_detached(&bytes, &key, MODEL_SIGNATURE_TYPE));
            ExitCode::SUCCESS
        }
        Err(code) => code,
    }
}

/// `prequal model verify FILE --signature SIG --trust DID`: exit 0 when the trusted key signed
/// exactly these bytes as a model and the artifact is valid; prints the model id.
pub fn verify(path: &Path, signature: Option<&Path>, trust: &str) -> ExitCode {
    let trusted = match PublicKey::from_did_key(trust) {
        Ok(key) => key,
        Err(e) => return usage(format!("--trust: {e}")),
    };
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) => return usage(format!("cannot read {}: {e}", path.display())),
    };
    // The signature beside the file by default, as the web app and the inbox look for it.
    let signature_path = signature.map_or_else(
        || {
            let mut p = path.as_os_str().to_owned();
            p.push(".jws");
            p.into()
        },
        Path::to_path_buf,
    );
    let signature_text = std::fs::read_to_string(&signature_path).ok();
    match Model::verified(&bytes, signature_text.as_deref(), &trusted) {
        Ok(model) => {
            out!(
                "verified: model {} id {} signed by {trust}",
                model.scorecard().name,
                model.id()
            );
            ExitCode::SUCCESS
        }
        Err(e) => invalid(format!("{}: {e}", path.display())),
    }
}

/// `prequal model card FILE`: the model card (Markdown) of an artifact, byte for byte as
/// training writes it.
pub fn card(path: &Path) -> ExitCode {
    match load(path) {
        Ok((_, model)) => {
            let card = prequal_train::card::model_card(model.scorecard(), model.id());
            out!("{}", card.strip_suffix('\n').unwrap_or(&card));
            ExitCode::SUCCESS
        }
        Err(code) => code,
    }
}

/// `prequal model train --csv FILE --schema FILE --out DIR [--key FILE]`: trains on a bulk CSV
/// of profiles with outcomes (the same run as `cargo xtask train`), checks the artifact as every
/// loader will, and writes it with its model card and, given a key, its signature. Progress
/// goes to standard error; the model id to standard output. Exit 1 when the data cannot make a
/// model (too few outcomes, no readable row, points against the bad rates unexplained).
pub fn train(csv: &Path, schema_path: &Path, out: &Path, key: Option<&Path>) -> ExitCode {
    let schema: prequal_train::schema::Schema = match std::fs::read_to_string(schema_path) {
        Ok(text) => match serde_json::from_str(&text) {
            Ok(schema) => schema,
            Err(e) => return usage(format!("{}: {e}", schema_path.display())),
        },
        Err(e) => return usage(format!("cannot read {}: {e}", schema_path.display())),
    };
    if let Err(e) = schema.check() {
        return usage(format!("{}: {e}", schema_path.display()));
    }
    let secret = match key.map(read_key).transpose() {
        Ok(None) => None,
        Ok(Some(jwk)) => match jwk.secret_key() {
            Ok(secret) => Some(secret),
            Err(e) => return invalid(e),
        },
        Err(code) => return code,
    };
    if !csv.is_file() {
        return usage(format!("cannot read {}: no such file", csv.display()));
    }
    let trained = match prequal_train::run::train(csv, &schema, &mut |line| eprintln!("{line}")) {
        Ok(trained) => trained,
        Err(e) => return invalid(e),
    };
    // What every loader will check, before anything is written.
    if let Err(e) = Model::from_json(&trained.json) {
        return invalid(format!("the trained model does not load: {e}"));
    }
    let written = std::fs::create_dir_all(out).and_then(|()| {
        std::fs::write(out.join("scorecard.json"), &trained.json)?;
        std::fs::write(out.join("MODEL_CARD.md"), &trained.card)?;
        if let Some(secret) = &secret {
            let signature =
                jws::sign_detached(trained.json.as_bytes(), secret, MODEL_SIGNATURE_TYPE);
            std::fs::write(out.join("scorecard.json.jws"), signature + "\n")?;
        }
        Ok(())
    });
    if let Err(e) = written {
        return usage(format!("cannot write into {}: {e}", out.display()));
    }
    eprint!("{}", prequal_train::run::summary(&trained.scorecard));
    eprintln!(
        "wrote {}{}",
        out.join("scorecard.json").display(),
        if secret.is_some() {
            " (signed)"
        } else {
            " (not signed: give --key to sign)"
        }
    );
    out!("{}", trained.model_id);
    ExitCode::SUCCESS
}
