//! Licence certificates: a compact JWS (EdDSA over Ed25519) per order, naming the buyer, the
//! work (id, title, the original's SHA-256), the licence, serial N of M, the price and the date.
//! Anyone can verify one offline with a standard JOSE library and the JWKS of licence keys.
//!
//! The signing key is generated on first start and kept in the commerce database; its `kid` is
//! the RFC 7638 thumbprint of the public key. Certificates do not expire: a refund is a fact the
//! server reports (`revoked`), not something a signature can express after the fact.

use std::sync::Arc;

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use ed25519_dalek::pkcs8::EncodePrivateKey as _;
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::store::{CommerceStore, LicenceKeyRecord, Order, StoreError};

/// JOSE `typ` of a licence certificate, so no other JWT of ours (an access token) passes as one.
pub const CERTIFICATE_TYP: &str = "licence+jwt";
/// `iss` of every certificate.
pub const ISSUER: &str = "artstation";

#[derive(Debug, thiserror::Error)]
pub enum LicenceError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("no randomness available: {0}")]
    Random(String),
    #[error("stored licence key {0} is unusable")]
    BadKey(String),
    #[error("cannot sign a certificate: {0}")]
    Sign(String),
    #[error("the order is not paid")]
    NotPaid,
    /// The certificate is malformed, signed by an unknown key, or its signature is wrong.
    #[error("invalid certificate: {0}")]
    Invalid(String),
}

/// One public key, as a JWK (RFC 8037).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Jwk {
    pub kid: String,
    pub kty: String,
    pub crv: String,
    pub alg: String,
    pub x: String,
}

/// A JWK Set, as served at `/.well-known/licence-keys.json`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Jwks {
    pub keys: Vec<Jwk>,
}

/// The claims of a certificate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LicenceClaims {
    pub iss: String,
    /// The buyer's user id.
    pub sub: String,
    /// The order id: one certificate per order.
    pub jti: String,
    /// When the order was paid (seconds since the epoch).
    pub iat: i64,
    pub order_id: String,
    pub artwork_id: String,
    pub title: String,
    pub original_sha256: String,
    pub licence: String,
    pub serial: i64,
    /// `None`: an open edition.
    pub edition_size: Option<i64>,
    pub price: CertificatePrice,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CertificatePrice {
    pub amount_minor: i64,
    pub currency: String,
}

/// Signs certificates with the newest stored key and publishes every stored key.
pub struct LicenceSigner {
    kid: String,
    key: EncodingKey,
    jwks: Jwks,
}

impl LicenceSigner {
    /// Loads the licence keys, creating the first one if the store has none.
    pub async fn load_or_create(store: &Arc<dyn CommerceStore>) -> Result<Self, LicenceError> {
        let _ = jsonwebtoken::crypto::rust_crypto::DEFAULT_PROVIDER.install_default();
        let mut records = store.licence_keys().await?;
        if records.is_empty() {
            let rec = generate()?;
            store.insert_licence_key(&rec).await?;
            tracing::info!(kid = %rec.kid, "generated the first licence key");
            // Re-read: a replica starting at the same moment may have stored one too.
            records = store.licence_keys().await?;
        }
        let newest = records
            .last()
            .ok_or_else(|| LicenceError::BadKey("<none>".into()))?;
        Ok(Self {
            kid: newest.kid.clone(),
            key: EncodingKey::from_ed_der(&newest.private_pkcs8),
            jwks: Jwks {
                keys: records.iter().map(jwk).collect(),
            },
        })
    }

    pub fn kid(&self) -> &str {
        &self.kid
    }

    pub fn jwks(&self) -> &Jwks {
        &self.jwks
    }

    /// The certificate of a paid (or refunded) order.
    pub fn certificate(&self, order: &Order) -> Result<String, LicenceError> {
        let (Some(serial), Some(paid_at)) = (order.serial, order.paid_at) else {
            return Err(LicenceError::NotPaid);
        };
        let claims = LicenceClaims {
            iss: ISSUER.into(),
            sub: order.buyer_id.clone(),
            jti: order.id.clone(),
            iat: paid_at.timestamp(),
            order_id: order.id.clone(),
            artwork_id: order.artwork_id.clone(),
            title: order.title.clone(),
            original_sha256: order.original_sha256.clone(),
            licence: order.licence.clone(),
            serial,
            edition_size: order.edition_size,
            price: CertificatePrice {
                amount_minor: order.price.amount_minor(),
                currency: order.price.currency().code().into(),
            },
        };
        let mut header = Header::new(Algorithm::EdDSA);
        header.kid = Some(self.kid.clone());
        header.typ = Some(CERTIFICATE_TYP.into());
        jsonwebtoken::encode(&header, &claims, &self.key)
            .map_err(|e| LicenceError::Sign(e.to_string()))
    }
}

/// Verifies a certificate against a JWKS, offline: EdDSA only, the `kid` looked up in the set
/// (never a key the certificate carries), the type and issuer checked.
pub fn verify_certificate(certificate: &str, jwks: &Jwks) -> Result<LicenceClaims, LicenceError> {
    let _ = jsonwebtoken::crypto::rust_crypto::DEFAULT_PROVIDER.install_default();
    let invalid = |why: &dyn std::fmt::Display| LicenceError::Invalid(why.to_string());
    let header = jsonwebtoken::decode_header(certificate).map_err(|e| invalid(&e))?;
    if header.alg != Algorithm::EdDSA {
        return Err(invalid(&"algorithm is not EdDSA"));
    }
    if header.jku.is_some() || header.jwk.is_some() || header.x5u.is_some() || header.x5c.is_some()
    {
        return Err(invalid(&"the header carries a key"));
    }
    if header.typ.as_deref() != Some(CERTIFICATE_TYP) {
        return Err(invalid(&"not a licence certificate"));
    }
    let kid = header.kid.ok_or_else(|| invalid(&"no kid"))?;
    let jwk = jwks
        .keys
        .iter()
        .find(|k| k.kid == kid && k.kty == "OKP" && k.crv == "Ed25519")
        .ok_or_else(|| invalid(&format!("unknown key {kid}")))?;
    let key = DecodingKey::from_ed_components(&jwk.x).map_err(|e| invalid(&e))?;
    let mut validation = Validation::new(Algorithm::EdDSA);
    validation.required_spec_claims = ["iss", "sub"].iter().map(|s| (*s).to_owned()).collect();
    validation.validate_exp = false;
    validation.validate_aud = false;
    validation.set_issuer(&[ISSUER]);
    jsonwebtoken::decode::<LicenceClaims>(certificate, &key, &validation)
        .map(|d| d.claims)
        .map_err(|e| invalid(&e))
}

/// A new Ed25519 licence key.
pub fn generate() -> Result<LicenceKeyRecord, LicenceError> {
    let mut seed = [0u8; 32];
    getrandom::fill(&mut seed).map_err(|e| LicenceError::Random(e.to_string()))?;
    let signing = ed25519_dalek::SigningKey::from_bytes(&seed);
    let der = signing
        .to_pkcs8_der()
        .map_err(|e| LicenceError::BadKey(e.to_string()))?;
    let public_x = URL_SAFE_NO_PAD.encode(signing.verifying_key().as_bytes());
    Ok(LicenceKeyRecord {
        kid: thumbprint(&public_x),
        private_pkcs8: der.as_bytes().to_vec(),
        public_x,
        created_at: artstation_common::now(),
    })
}

/// RFC 7638 thumbprint of an Ed25519 JWK: members in lexicographic order, no whitespace.
fn thumbprint(x: &str) -> String {
    let canonical = serde_json::json!({"crv": "Ed25519", "kty": "OKP", "x": x}).to_string();
    URL_SAFE_NO_PAD.encode(Sha256::digest(canonical.as_bytes()))
}

fn jwk(rec: &LicenceKeyRecord) -> Jwk {
    Jwk {
        kid: rec.kid.clone(),
        kty: "OKP".into(),
        crv: "Ed25519".into(),
        alg: "EdDSA".into(),
        x: rec.public_x.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thumbprint_matches_rfc_8037() {
        assert_eq!(
            thumbprint("11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"),
            "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k"
        );
    }
}
