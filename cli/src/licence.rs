//! Licence certificates on the client: verifying a compact EdDSA JWS against a JWKS offline, and
//! the per-server cache of the marketplace's public keys that makes offline checks possible.
//!
//! Verification trusts only keys from the set it is given, never one the certificate names
//! (`jwk`, `jku`, `x5c`), and only EdDSA, so a forged header cannot choose its own key or a
//! weaker algorithm.

use std::path::{Path, PathBuf};

use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use serde::{Deserialize, Serialize};

use artstation_api::Price;

use crate::api::{self, Api};
use crate::error::CliError;

/// JOSE `typ` of a licence certificate, so no other token of the server passes as one.
pub const CERTIFICATE_TYP: &str = "licence+jwt";
/// `iss` of every certificate.
pub const ISSUER: &str = "artstation";
/// Where the server publishes its licence keys, relative to its base URL.
pub const KEYS_PATH: [&str; 2] = [".well-known", "licence-keys.json"];

/// One public key as a JWK; members other than these are ignored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Jwk {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kid: Option<String>,
    pub kty: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub crv: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alg: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub x: Option<String>,
}

/// A JWK Set.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Jwks {
    pub keys: Vec<Jwk>,
}

/// What a certificate says; the server's claims are kept whole for `--json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Claims {
    pub iss: String,
    /// The buyer's user id.
    pub sub: String,
    /// When the order was paid, in seconds since the epoch.
    pub iat: i64,
    pub order_id: String,
    pub artwork_id: String,
    pub title: String,
    pub original_sha256: String,
    pub licence: String,
    pub serial: i64,
    /// `None`: an open edition.
    pub edition_size: Option<i64>,
    pub price: Price,
}

/// A certificate that checked out, and the key that signed it.
#[derive(Debug, Clone)]
pub struct Verified {
    pub claims: Claims,
    pub kid: Option<String>,
}

/// Reads a key file: a JWKS (`{"keys": [...]}`) or a single JWK.
pub fn parse_keys(bytes: &[u8]) -> Result<Jwks, String> {
    if let Ok(set) = serde_json::from_slice::<Jwks>(bytes) {
        return Ok(set);
    }
    serde_json::from_slice::<Jwk>(bytes)
        .map(|key| Jwks { keys: vec![key] })
        .map_err(|e| format!("neither a JWKS nor a JWK: {e}"))
}

/// The `kid` a certificate names, if it parses at all.
pub fn certificate_kid(certificate: &str) -> Option<String> {
    jsonwebtoken::decode_header(certificate).ok()?.kid
}

/// The claims without checking the signature, for showing a certificate the server just sent
/// when its keys cannot be had.
pub fn unverified_claims(certificate: &str) -> Result<Claims, CliError> {
    jsonwebtoken::dangerous::insecure_decode_claims(certificate)
        .map_err(|e| invalid(format!("the certificate is malformed: {e}")))
}

/// Checks a compact JWS certificate against `keys`: the type, EdDSA, the issuer and the
/// signature. A set of one key without a `kid` is used whatever the certificate names, so a key
/// copied from elsewhere still works; otherwise the `kid` must be in the set.
pub fn verify(certificate: &str, keys: &Jwks) -> Result<Verified, CliError> {
    let _ = jsonwebtoken::crypto::rust_crypto::DEFAULT_PROVIDER.install_default();
    let certificate = certificate.trim();
    let header = jsonwebtoken::decode_header(certificate)
        .map_err(|e| invalid(format!("not a licence certificate: {e}")))?;
    if header.alg != Algorithm::EdDSA {
        return Err(invalid(format!(
            "the certificate is signed with {:?}, not EdDSA",
            header.alg
        )));
    }
    if header.jku.is_some() || header.jwk.is_some() || header.x5u.is_some() || header.x5c.is_some()
    {
        return Err(invalid("the certificate names its own key".into()));
    }
    if header.typ.as_deref() != Some(CERTIFICATE_TYP) {
        return Err(invalid("not a licence certificate (wrong typ)".into()));
    }
    let jwk = choose_key(keys, header.kid.as_deref())?;
    let x = jwk
        .x
        .as_deref()
        .ok_or_else(|| invalid("the key has no public part (x)".into()))?;
    let key = DecodingKey::from_ed_components(x)
        .map_err(|e| invalid(format!("the key is unusable: {e}")))?;
    let mut validation = Validation::new(Algorithm::EdDSA);
    validation.required_spec_claims = ["iss", "sub"].iter().map(|s| (*s).to_owned()).collect();
    // Certificates do not expire; a refund is reported by the server instead.
    validation.validate_exp = false;
    validation.validate_aud = false;
    validation.set_issuer(&[ISSUER]);
    let data = jsonwebtoken::decode::<Claims>(certificate, &key, &validation)
        .map_err(|e| invalid(format!("the certificate does not verify: {e}")))?;
    Ok(Verified {
        claims: data.claims,
        kid: header.kid,
    })
}

fn choose_key<'a>(keys: &'a Jwks, kid: Option<&str>) -> Result<&'a Jwk, CliError> {
    let usable = |k: &&Jwk| k.kty == "OKP" && k.crv.as_deref() == Some("Ed25519");
    if let [only] = keys.keys.as_slice()
        && only.kid.is_none()
    {
        return Some(only)
            .filter(usable)
            .ok_or_else(|| invalid("the key is not an Ed25519 (OKP) key".into()));
    }
    let kid = kid.ok_or_else(|| invalid("the certificate names no key (kid)".into()))?;
    keys.keys
        .iter()
        .filter(usable)
        .find(|k| k.kid.as_deref() == Some(kid))
        .ok_or_else(|| invalid(format!("signed by an unknown key {kid}")))
}

fn invalid(message: String) -> CliError {
    CliError::Check {
        code: "invalid_licence",
        message,
    }
}

/// The cache of one server's keys: `<config dir>/licence-keys/<server>.json`.
pub fn cache_path(config_dir: &Path, server: &str) -> PathBuf {
    let name: String = server
        .trim_end_matches('/')
        .split_once("://")
        .map_or(server, |(_, rest)| rest)
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    config_dir.join("licence-keys").join(format!("{name}.json"))
}

pub fn load_cached(path: &Path) -> Option<Jwks> {
    let bytes = std::fs::read(path).ok()?;
    parse_keys(&bytes).ok()
}

/// Replaces the cache whole, so a concurrent reader never sees half a file.
pub fn store_cached(path: &Path, keys: &Jwks) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let tmp = dir.join(format!(".keys-{}.tmp", uuid::Uuid::now_v7()));
    let bytes = serde_json::to_vec_pretty(keys).map_err(std::io::Error::other)?;
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&tmp);
    })
}

/// The server's keys, fetched now.
pub async fn fetch(api: &Api) -> Result<Jwks, CliError> {
    let response = api.send(api.client().get(api.url(&KEYS_PATH))).await?;
    api::json(response).await
}

/// The server's keys from `cache`, refreshed from the server when the cache is missing or does
/// not know `kid` (a rotated key). The server being unreachable is not an error while a cache
/// exists: an offline check then reports what it can.
pub async fn server_keys(api: &Api, cache: &Path, kid: Option<&str>) -> Result<Jwks, CliError> {
    let cached = load_cached(cache);
    let known =
        |keys: &Jwks| kid.is_none_or(|kid| keys.keys.iter().any(|k| k.kid.as_deref() == Some(kid)));
    if let Some(keys) = &cached
        && known(keys)
    {
        return Ok(keys.clone());
    }
    match fetch(api).await {
        Ok(keys) => {
            if let Err(e) = store_cached(cache, &keys) {
                tracing::debug!(error = %e, "cannot cache the licence keys");
            }
            Ok(keys)
        }
        Err(e) => cached.ok_or(e),
    }
}

/// Fetches and caches the keys when online, quietly: commands that merely have the chance
/// (`licence show`) call this so a later `verify` works offline.
pub async fn refresh_cache(api: &Api, cache: &Path) -> Option<Jwks> {
    let keys = fetch(api).await.ok()?;
    if let Err(e) = store_cached(cache, &keys) {
        tracing::debug!(error = %e, "cannot cache the licence keys");
    }
    Some(keys)
}

#[cfg(test)]
#[path = "licence_tests.rs"]
mod tests;
