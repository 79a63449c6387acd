//! Ed25519 keys and JSON Web Signatures (RFC 7515, compact serialisation, `alg: EdDSA` as
//! RFC 8037 defines it), so that any bank or portal with an ordinary JOSE library can check
//! what prequal signs: portal operators' catalogs and merchants' consent bundles.
//!
//! Keys are named by `did:key` identifiers (the multicodec `ed25519-pub` prefix `0xed01`
//! and the 32-byte key, base58btc, with the multibase prefix `z`), which is what a JWS `kid`
//! carries. The core generates no randomness: a new key's 32-byte seed comes from the caller.
//!
//! Two forms are produced:
//! - attached: `header.payload.signature`, every part base64url without padding;
//! - detached (RFC 7515 appendix F): `header..signature`, the payload kept as its own file
//!   (a catalog stays readable JSON beside its signature).

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use ed25519_dalek::{Signer, SigningKey, VerifyingKey};
use serde::{Deserialize, Serialize};

/// The only algorithm accepted.
pub const ALGORITHM: &str = "EdDSA";

/// Multicodec prefix of an Ed25519 public key.
const ED25519_PUB: [u8; 2] = [0xed, 0x01];

/// Why a key or signature was refused. Each kind is distinct so callers can tell a forged
/// signature from a damaged file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum JwsError {
    /// Not three dot-separated parts.
    #[error("not a compact JWS (header.payload.signature)")]
    Malformed,
    /// A part is not base64url without padding.
    #[error("the {part} is not base64url")]
    Base64 {
        /// `header`, `payload` or `signature`.
        part: &'static str,
    },
    /// The protected header is not the JSON object expected.
    #[error("bad protected header: {detail}")]
    Header {
        /// What is wrong.
        detail: String,
    },
    /// An algorithm other than EdDSA (including `none`).
    #[error("algorithm {found} is not accepted (only EdDSA)")]
    Algorithm {
        /// The `alg` found.
        found: String,
    },
    /// A critical header extension this implementation does not understand.
    #[error("unsupported critical header parameters")]
    Critical,
    /// The header's `kid` names another key than the one expected.
    #[error("signed by {found}, expected {expected}")]
    WrongKey {
        /// The key that signed.
        found: String,
        /// The key expected.
        expected: String,
    },
    /// A payload was attached where a detached one was expected, or the reverse.
    #[error("payload {detail}")]
    Payload {
        /// What is wrong.
        detail: &'static str,
    },
    /// The signature does not verify.
    #[error("signature does not verify")]
    Signature,
    /// Not a usable key (wrong length, not a `did:key` for Ed25519, not a curve point).
    #[error("bad key: {detail}")]
    Key {
        /// What is wrong.
        detail: &'static str,
    },
    /// A public key that can sign for anyone: a point of small order (such a key "verifies"
    /// signatures nobody made), or a non-canonical encoding of a point (two byte strings for
    /// one key). Refused wherever a key is read, so no signature check ever sees one.
    #[error("weak public key: {detail}")]
    WeakKey {
        /// Which weakness.
        detail: &'static str,
    },
}

/// The JWS protected header prequal writes and reads. Any other parameter (`b64`, `jwk`,
/// `x5u`, …) is refused: a verifier that ignored one could be made to read the signature
/// differently from its signer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Header {
    /// Always [`ALGORITHM`].
    pub alg: String,
    /// The signer's `did:key`.
    pub kid: String,
    /// The media type of the whole JWS, e.g. `prequal-catalog+jws`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub typ: Option<String>,
    /// Critical extensions; none are understood, so any present is refused.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub crit: Option<Vec<String>>,
}

/// An Ed25519 public key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PublicKey(VerifyingKey);

impl PublicKey {
    /// From the 32 raw bytes. Refuses points of small order and non-canonical encodings
    /// ([`JwsError::WeakKey`]): with such a key a signature can verify for a message its holder
    /// never signed (the identity point with R = identity and S = 0 "signs" everything).
    pub fn from_bytes(bytes: &[u8]) -> Result<PublicKey, JwsError> {
        let bytes: &[u8; 32] = bytes.try_into().map_err(|_| JwsError::Key {
            detail: "an Ed25519 public key is 32 bytes",
        })?;
        let key = VerifyingKey::from_bytes(bytes).map_err(|_| JwsError::Key {
            detail: "not a point on Ed25519",
        })?;
        if key.is_weak() {
            return Err(JwsError::WeakKey {
                detail: "a point of small order",
            });
        }
        if key.to_edwards().compress().to_bytes() != *bytes {
            return Err(JwsError::WeakKey {
                detail: "a non-canonical encoding",
            });
        }
        Ok(PublicKey(key))
    }

    /// Checks a raw 64-byte `signature` over `message` strictly (RFC 8032 with the checks
    /// `verify_strict` adds: S < L, R canonical and not of small order). Every signature this
    /// crate accepts — JWS, detached, a browser key's — is checked here and nowhere else.
    pub fn verify_raw(&self, message: &[u8], signature: &[u8]) -> Result<(), JwsError> {
        let signature: &[u8; 64] = signature.try_into().map_err(|_| JwsError::Signature)?;
        self.0
            .verify_strict(message, &ed25519_dalek::Signature::from_bytes(signature))
            .map_err(|_| JwsError::Signature)
    }

    /// From a `did:key:z6Mk…` identifier.
    pub fn from_did_key(did: &str) -> Result<PublicKey, JwsError> {
        let encoded = did.strip_prefix("did:key:z").ok_or(JwsError::Key {
            detail: "a did:key starts with did:key:z",
        })?;
        let decoded = bs58::decode(encoded)
            .into_vec()
            .map_err(|_| JwsError::Key {
                detail: "did:key is not base58btc",
            })?;
        let key = decoded.strip_prefix(&ED25519_PUB).ok_or(JwsError::Key {
            detail: "did:key is not an Ed25519 key",
        })?;
        PublicKey::from_bytes(key)
    }

    /// From the base64url raw key (a JWK's `x`).
    pub fn from_base64url(text: &str) -> Result<PublicKey, JwsError> {
        let bytes = URL_SAFE_NO_PAD.decode(text).map_err(|_| JwsError::Key {
            detail: "not base64url",
        })?;
        PublicKey::from_bytes(&bytes)
    }

    /// The 32 raw bytes.
    pub fn to_bytes(&self) -> [u8; 32] {
        self.0.to_bytes()
    }

    /// The raw key, base64url (a JWK's `x`).
    pub fn to_base64url(&self) -> String {
        URL_SAFE_NO_PAD.encode(self.0.as_bytes())
    }

    /// The `did:key` identifier.
    pub fn did_key(&self) -> String {
        let mut bytes = ED25519_PUB.to_vec();
        bytes.extend_from_slice(self.0.as_bytes());
        format!("did:key:z{}", bs58::encode(bytes).into_string())
    }
}

/// An Ed25519 signing key. Its seed is secret; `Debug` does not show it.
#[derive(Clone)]
pub struct SecretKey(SigningKey);

impl std::fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("SecretKey")
            .field(&self.public().did_key())
            .finish()
    }
}

impl SecretKey {
    /// The key with this 32-byte seed (RFC 8032's private key). The caller supplies the
    /// randomness, e.g. from the operating system or `crypto.getRandomValues`.
    pub fn from_seed(seed: &[u8; 32]) -> SecretKey {
        SecretKey(SigningKey::from_bytes(seed))
    }

    /// The seed, for storing the key (a JWK's `d`).
    pub fn seed(&self) -> [u8; 32] {
        self.0.to_bytes()
    }

    /// The public half.
    pub fn public(&self) -> PublicKey {
        PublicKey(self.0.verifying_key())
    }

    /// The raw 64-byte signature of `message`.
    pub fn sign_raw(&self, message: &[u8]) -> [u8; 64] {
        self.0.sign(message).to_bytes()
    }
}

/// A private key as a JSON Web Key (RFC 8037 `OKP`), the file format of `prequal key new`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Jwk {
    /// `OKP`.
    pub kty: String,
    /// `Ed25519`.
    pub crv: String,
    /// The public key, base64url.
    pub x: String,
    /// The seed, base64url; absent in a public key file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub d: Option<String>,
    /// The `did:key`, for reference.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kid: Option<String>,
}

impl Jwk {
    /// The private JWK of `key`.
    pub fn private(key: &SecretKey) -> Jwk {
        Jwk {
            d: Some(URL_SAFE_NO_PAD.encode(key.seed())),
            ..Jwk::public(&key.public())
        }
    }

    /// The public JWK of `key`.
    pub fn public(key: &PublicKey) -> Jwk {
        Jwk {
            kty: "OKP".into(),
            crv: "Ed25519".into(),
            x: key.to_base64url(),
            d: None,
            kid: Some(key.did_key()),
        }
    }

    fn check_type(&self) -> Result<(), JwsError> {
        if self.kty == "OKP" && self.crv == "Ed25519" {
            Ok(())
        } else {
            Err(JwsError::Key {
                detail: "only OKP / Ed25519 keys are used",
            })
        }
    }

    /// The public key, checking that `x` matches `d` when both are present.
    pub fn public_key(&self) -> Result<PublicKey, JwsError> {
        self.check_type()?;
        let public = PublicKey::from_base64url(&self.x)?;
        if let Some(secret) = self.secret_key_unchecked()? {
            if secret.public() != public {
                return Err(JwsError::Key {
                    detail: "x is not the public key of d",
                });
            }
        }
        Ok(public)
    }

    /// The secret key; an error for a public-only JWK.
    pub fn secret_key(&self) -> Result<SecretKey, JwsError> {
        self.public_key()?;
        self.secret_key_unchecked()?.ok_or(JwsError::Key {
            detail: "the key file has no private part (d)",
        })
    }

    fn secret_key_unchecked(&self) -> Result<Option<SecretKey>, JwsError> {
        let Some(d) = &self.d else { return Ok(None) };
        let seed = URL_SAFE_NO_PAD.decode(d).map_err(|_| JwsError::Key {
            detail: "d is not base64url",
        })?;
        let seed: [u8; 32] = seed.as_slice().try_into().map_err(|_| JwsError::Key {
            detail: "d is 32 bytes",
        })?;
        Ok(Some(SecretKey::from_seed(&seed)))
    }
}

fn encoded_header(kid: String, typ: &str) -> String {
    let header = Header {
        alg: ALGORITHM.into(),
        kid,
        typ: Some(typ.into()),
        crit: None,
    };
    // A struct of strings always serialises.
    let json = serde_json::to_vec(&header).unwrap_or_default();
    URL_SAFE_NO_PAD.encode(json)
}

/// Signs `payload` as an attached compact JWS of media type `typ`.
pub fn sign(payload: &[u8], key: &SecretKey, typ: &str) -> String {
    sign_as(payload, key, key.public().did_key(), typ)
}

/// [`sign`] with the key's `did:key` already at hand (it is costly to encode).
pub fn sign_as(payload: &[u8], key: &SecretKey, kid: String, typ: &str) -> String {
    Unsigned::with_kid(payload, key.public(), kid, typ).sign(key)
}

/// A JWS waiting for its signature, for keys this program never holds: a browser's
/// non-extractable WebCrypto key signs [`Unsigned::signing_input`] and [`Unsigned::finish`]
/// checks the signature before making the JWS, so a wrong key or a damaged signature is caught
/// where it happens, not at the bank.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unsigned {
    signing_input: String,
    signer: PublicKey,
}

impl Unsigned {
    /// Prepares an attached compact JWS of `payload`, media type `typ`, to be signed by `signer`.
    pub fn new(payload: &[u8], signer: PublicKey, typ: &str) -> Unsigned {
        let kid = signer.did_key();
        Unsigned::with_kid(payload, signer, kid, typ)
    }

    fn with_kid(payload: &[u8], signer: PublicKey, kid: String, typ: &str) -> Unsigned {
        Unsigned {
            signing_input: format!(
                "{}.{}",
                encoded_header(kid, typ),
                URL_SAFE_NO_PAD.encode(payload)
            ),
            signer,
        }
    }

    /// The bytes to sign (ASCII): `base64url(header) . base64url(payload)`.
    pub fn signing_input(&self) -> &str {
        &self.signing_input
    }

    /// The compact JWS with `signature` (64 bytes, Ed25519), if it is the signer's signature
    /// of the signing input.
    pub fn finish(self, signature: &[u8]) -> Result<String, JwsError> {
        let signature: [u8; 64] = signature.try_into().map_err(|_| JwsError::Signature)?;
        self.signer
            .verify_raw(self.signing_input.as_bytes(), &signature)?;
        Ok(self.assemble(&signature))
    }

    /// Signs with `key` at hand, which must be the signer's secret half (callers make the
    /// `Unsigned` from that key's public half).
    pub(crate) fn sign(self, key: &SecretKey) -> String {
        let signature = key.sign_raw(self.signing_input.as_bytes());
        self.assemble(&signature)
    }

    fn assemble(self, signature: &[u8; 64]) -> String {
        format!(
            "{}.{}",
            self.signing_input,
            URL_SAFE_NO_PAD.encode(signature)
        )
    }
}

/// Signs `payload` as a detached compact JWS (`header..signature`) of media type `typ`.
pub fn sign_detached(payload: &[u8], key: &SecretKey, typ: &str) -> String {
    // The same signature as the attached form; the payload part is left out.
    let attached = sign(payload, key, typ);
    let mut parts = attached.split('.');
    let (header, signature) = (
        parts.next().unwrap_or_default(),
        parts.nth(1).unwrap_or_default(),
    );
    format!("{header}..{signature}")
}

/// A JWS whose signature checked out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verified {
    /// The protected header.
    pub header: Header,
    /// The key that signed (from the header's `kid`).
    pub signer: PublicKey,
    /// The payload bytes.
    pub payload: Vec<u8>,
}

/// Verifies an attached compact JWS signed by the key its `kid` names; with `expected`, that
/// key must be the one given.
pub fn verify(jws: &str, expected: Option<&PublicKey>) -> Result<Verified, JwsError> {
    let (header, payload, signature) = split(jws)?;
    if payload.is_empty() {
        return Err(JwsError::Payload {
            detail: "is detached; an attached payload was expected",
        });
    }
    let bytes = decode(payload, "payload")?;
    let (header_value, signer) = check(header, payload, signature, expected)?;
    Ok(Verified {
        header: header_value,
        signer,
        payload: bytes,
    })
}

/// Verifies a detached compact JWS over `payload`, signed by `expected`.
pub fn verify_detached(
    jws: &str,
    payload: &[u8],
    expected: &PublicKey,
) -> Result<Header, JwsError> {
    let (header, attached, signature) = split(jws)?;
    if !attached.is_empty() {
        return Err(JwsError::Payload {
            detail: "is attached; a detached signature was expected",
        });
    }
    let encoded = URL_SAFE_NO_PAD.encode(payload);
    check(header, &encoded, signature, Some(expected)).map(|(header, _)| header)
}

fn split(jws: &str) -> Result<(&str, &str, &str), JwsError> {
    let mut parts = jws.trim().split('.');
    match (parts.next(), parts.next(), parts.next(), parts.next()) {
        (Some(header), Some(payload), Some(signature), None) => Ok((header, payload, signature)),
        _ => Err(JwsError::Malformed),
    }
}

fn decode(part: &str, name: &'static str) -> Result<Vec<u8>, JwsError> {
    URL_SAFE_NO_PAD
        .decode(part)
        .map_err(|_| JwsError::Base64 { part: name })
}

fn check(
    header: &str,
    payload: &str,
    signature: &str,
    expected: Option<&PublicKey>,
) -> Result<(Header, PublicKey), JwsError> {
    let header_bytes = decode(header, "header")?;
    let header_value: Header =
        serde_json::from_slice(&header_bytes).map_err(|e| JwsError::Header {
            detail: e.to_string(),
        })?;
    if header_value.alg != ALGORITHM {
        return Err(JwsError::Algorithm {
            found: header_value.alg,
        });
    }
    if header_value.crit.is_some() {
        return Err(JwsError::Critical);
    }
    let signer = PublicKey::from_did_key(&header_value.kid)?;
    if let Some(expected) = expected {
        if *expected != signer {
            return Err(JwsError::WrongKey {
                found: header_value.kid,
                expected: expected.did_key(),
            });
        }
    }
    let signature_bytes: [u8; 64] = decode(signature, "signature")?
        .as_slice()
        .try_into()
        .map_err(|_| JwsError::Signature)?;
    let signing_input = format!("{header}.{payload}");
    signer.verify_raw(signing_input.as_bytes(), &signature_bytes)?;
    Ok((header_value, signer))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(text: &str) -> Vec<u8> {
        (0..text.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&text[i..i + 2], 16).expect("hex"))
            .collect()
    }

    /// RFC 8032 section 7.1, tests 1–3 (empty, one-byte and two-byte messages).
    #[test]
    fn rfc_8032_test_vectors() {
        let vectors = [
            (
                "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
                "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
                "",
                "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b",
            ),
            (
                "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
                "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c",
                "72",
                "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00",
            ),
            (
                "c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
                "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025",
                "af82",
                "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a",
            ),
        ];
        for (seed, public, message, signature) in vectors {
            let seed: [u8; 32] = hex(seed).try_into().expect("32 bytes");
            let key = SecretKey::from_seed(&seed);
            assert_eq!(key.public().to_bytes().to_vec(), hex(public));
            assert_eq!(key.sign_raw(&hex(message)).to_vec(), hex(signature));
        }
    }

    /// RFC 8037 appendix A.4: the JWS of "Example of Ed25519 signing" with its test key.
    #[test]
    fn rfc_8037_jws_vector_verifies() {
        let public =
            PublicKey::from_base64url("11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo").expect("key");
        let jws = "eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc.hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg";
        // The RFC's header has no kid; check the signature against the key directly.
        let (header, payload, signature) = split(jws).expect("three parts");
        let signature: [u8; 64] = decode(signature, "signature")
            .expect("b64")
            .try_into()
            .expect("64");
        public
            .verify_raw(format!("{header}.{payload}").as_bytes(), &signature)
            .expect("RFC 8037 vector verifies");
        let seed: [u8; 32] = URL_SAFE_NO_PAD
            .decode("nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A")
            .expect("b64")
            .try_into()
            .expect("32");
        let raw = SecretKey::from_seed(&seed).sign_raw(format!("{header}.{payload}").as_bytes());
        assert_eq!(raw, signature, "Ed25519 is deterministic");
    }

    #[test]
    fn did_key_round_trips_and_matches_the_w3c_example_form() {
        let key = SecretKey::from_seed(&[7; 32]);
        let did = key.public().did_key();
        assert!(did.starts_with("did:key:z6Mk"), "{did}");
        assert_eq!(PublicKey::from_did_key(&did), Ok(key.public()));
        assert!(PublicKey::from_did_key("did:key:zQ3s").is_err());
        assert!(PublicKey::from_did_key("did:web:example.com").is_err());
    }

    #[test]
    fn attached_and_detached_signatures_verify_and_refuse_tampering() {
        let key = SecretKey::from_seed(&[1; 32]);
        let other = SecretKey::from_seed(&[2; 32]);
        let jws = sign(b"{\"a\":1}", &key, "test+jws");
        let verified = verify(&jws, Some(&key.public())).expect("verifies");
        assert_eq!(verified.payload, b"{\"a\":1}");
        assert_eq!(verified.header.kid, key.public().did_key());
        assert!(matches!(
            verify(&jws, Some(&other.public())),
            Err(JwsError::WrongKey { .. })
        ));
        let mut forged = jws.clone().into_bytes();
        let last = forged.len() - 3;
        forged[last] = if forged[last] == b'A' { b'B' } else { b'A' };
        let forged = String::from_utf8(forged).expect("ascii");
        assert_eq!(verify(&forged, None), Err(JwsError::Signature));

        let detached = sign_detached(b"catalog bytes", &key, "test+jws");
        assert!(detached.contains(".."));
        verify_detached(&detached, b"catalog bytes", &key.public()).expect("verifies");
        assert_eq!(
            verify_detached(&detached, b"catalog bytez", &key.public()),
            Err(JwsError::Signature)
        );
        assert!(matches!(
            verify(&detached, None),
            Err(JwsError::Payload { .. })
        ));
    }

    #[test]
    fn refuses_other_algorithms_and_critical_extensions() {
        let key = SecretKey::from_seed(&[3; 32]);
        let forge = |header: &str| {
            let header = URL_SAFE_NO_PAD.encode(header);
            let input = format!("{header}.{}", URL_SAFE_NO_PAD.encode("x"));
            format!(
                "{input}.{}",
                URL_SAFE_NO_PAD.encode(key.sign_raw(input.as_bytes()))
            )
        };
        let did = key.public().did_key();
        assert!(matches!(
            verify(&forge(&format!(r#"{{"alg":"none","kid":"{did}"}}"#)), None),
            Err(JwsError::Algorithm { .. })
        ));
        assert_eq!(
            verify(
                &forge(&format!(
                    r#"{{"alg":"EdDSA","kid":"{did}","crit":["b64"]}}"#
                )),
                None
            ),
            Err(JwsError::Critical)
        );
        verify(&forge(&format!(r#"{{"alg":"EdDSA","kid":"{did}"}}"#)), None).expect("plain");
        assert_eq!(verify("a.b", None), Err(JwsError::Malformed));
        assert_eq!(
            verify("!!.e30.e30", None),
            Err(JwsError::Base64 { part: "header" })
        );
    }

    #[test]
    fn jwk_round_trip_and_mismatch() {
        let key = SecretKey::from_seed(&[9; 32]);
        let jwk = Jwk::private(&key);
        assert_eq!(jwk.secret_key().expect("private").seed(), key.seed());
        let mut wrong = jwk.clone();
        wrong.x = SecretKey::from_seed(&[8; 32]).public().to_base64url();
        assert!(wrong.public_key().is_err());
        assert!(Jwk::public(&key.public()).secret_key().is_err());
    }
}
