//! Signing keys: Ed25519, generated on first start and kept in the auth database, never
//! hard-coded. The newest key signs; every stored key is published so tokens signed before a
//! rotation keep verifying. [`LiveKeys`] is the ring in use, kept fresh from the database, and
//! the published set (JWKS) the service's own verifier and every other verifier read.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use artstation_common::ServiceError;
use artstation_common::jwt::KeySource;
use artstation_proto::auth::v1 as pb;
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Utc};
use jsonwebtoken::EncodingKey;
use sha2::{Digest, Sha256};
use tokio::sync::RwLock;

use crate::store::{AuthStore, SharedStore, SigningKeyRecord, StoreError};

/// How often keys are re-read, so a rotation done by `artstationd keys rotate` (another
/// process) is published and activated on time. JWKS requests never read the database (anyone
/// may send them), so this is also how soon such a rotation is published.
const RELOAD_EVERY: std::time::Duration = std::time::Duration::from_secs(5);

/// PKCS#8 v1 DER prefix of an Ed25519 private key (RFC 8410); the 32-byte seed follows.
const PKCS8_ED25519_PREFIX: [u8; 16] = [
    0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20,
];

#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("no randomness available: {0}")]
    Random(String),
    #[error("stored signing key {kid} is unusable")]
    BadKey { kid: String },
}

/// The key that signs new tokens.
pub struct ActiveKey {
    pub kid: String,
    pub encoding: EncodingKey,
}

/// The signing key plus every published verification key.
pub struct KeyRing {
    pub active: ActiveKey,
    pub public: Vec<pb::PublicKey>,
}

/// Makes a new Ed25519 key record that signs from `activates_at` on (`None`: at once).
pub fn generate(activates_at: Option<DateTime<Utc>>) -> Result<SigningKeyRecord, KeyError> {
    let mut seed = [0u8; 32];
    getrandom::fill(&mut seed).map_err(|e| KeyError::Random(e.to_string()))?;
    let public = ed25519_dalek::SigningKey::from_bytes(&seed).verifying_key();
    let public_x = URL_SAFE_NO_PAD.encode(public.as_bytes());
    let mut der = PKCS8_ED25519_PREFIX.to_vec();
    der.extend_from_slice(&seed);
    Ok(SigningKeyRecord {
        kid: thumbprint(&public_x),
        private_pkcs8: der,
        public_x,
        created_at: artstation_common::now(),
        activates_at,
    })
}

/// RFC 7638 JWK thumbprint, so a `kid` is derived from the key rather than invented.
fn thumbprint(x: &str) -> String {
    let canonical = format!(r#"{{"crv":"Ed25519","kty":"OKP","x":"{x}"}}"#);
    URL_SAFE_NO_PAD.encode(Sha256::digest(canonical.as_bytes()))
}

fn public_key(rec: &SigningKeyRecord) -> pb::PublicKey {
    pb::PublicKey {
        kid: rec.kid.clone(),
        kty: "OKP".into(),
        crv: "Ed25519".into(),
        alg: "EdDSA".into(),
        x: rec.public_x.clone(),
    }
}

/// Picks the signing key and the published keys at `now`.
///
/// The newest key whose activation has come signs. A key is published from the moment it is
/// stored (so verifiers learn it before meeting a token it signed) until every token it can have
/// signed has expired: `max_token_age` after a newer key took over.
pub fn ring_at(
    records: &[SigningKeyRecord],
    now: DateTime<Utc>,
    max_token_age: chrono::Duration,
) -> Result<KeyRing, KeyError> {
    let mut by_activation: Vec<&SigningKeyRecord> = records.iter().collect();
    by_activation.sort_by_key(|r| (r.active_from(), r.created_at));
    let active = by_activation
        .iter()
        .rev()
        .find(|r| r.active_from() <= now)
        .or_else(|| by_activation.first())
        .ok_or_else(|| KeyError::BadKey {
            kid: "<none>".into(),
        })?;
    let published = by_activation
        .iter()
        .enumerate()
        .filter(|(i, r)| {
            r.kid == active.kid
                || by_activation
                    .get(i + 1)
                    .is_none_or(|next| next.active_from() + max_token_age > now)
        })
        .map(|(_, r)| public_key(r))
        .collect();
    Ok(KeyRing {
        active: ActiveKey {
            kid: active.kid.clone(),
            encoding: EncodingKey::from_ed_der(&active.private_pkcs8),
        },
        public: published,
    })
}

/// Loads the keys, creating the first one if the store has none.
pub async fn load_or_create(
    store: &Arc<dyn AuthStore>,
    max_token_age: chrono::Duration,
) -> Result<KeyRing, KeyError> {
    let mut records = store.signing_keys().await?;
    if records.is_empty() {
        let rec = generate(None)?;
        if store.insert_first_signing_key(&rec).await? {
            tracing::info!(kid = %rec.kid, "generated the first signing key");
        }
        // A replica starting at the same moment may have stored the first key instead.
        records = store.signing_keys().await?;
    }
    ring_at(&records, artstation_common::now(), max_token_age)
}

/// Adds a key that is published at once and signs after `activate_in`.
pub async fn rotate(
    store: &Arc<dyn AuthStore>,
    activate_in: std::time::Duration,
) -> Result<SigningKeyRecord, KeyError> {
    let delay = chrono::Duration::from_std(activate_in).unwrap_or(chrono::Duration::MAX);
    let rec = generate(Some(artstation_common::now() + delay))?;
    store.insert_signing_key(&rec).await?;
    tracing::info!(kid = %rec.kid, activates_at = ?rec.activates_at, "rotated signing key");
    Ok(rec)
}

/// The key ring in use: it signs access tokens, and its public half is what the service
/// publishes and verifies its own tokens with, without a network hop.
pub struct LiveKeys {
    ring: RwLock<Arc<KeyRing>>,
    /// Reads of the keys from the database, so tests can tell the JWKS is served from memory.
    reloads: AtomicU64,
    store: SharedStore,
    max_token_age: chrono::Duration,
    issuer: String,
    audience: String,
}

impl LiveKeys {
    /// Loads (or creates) the keys. `max_token_age` is the access-token lifetime: how long a
    /// retired key stays published.
    pub async fn open(
        store: SharedStore,
        max_token_age: chrono::Duration,
        issuer: String,
        audience: String,
    ) -> Result<Arc<Self>, KeyError> {
        let ring = load_or_create(&store, max_token_age).await?;
        Ok(Arc::new(Self {
            ring: RwLock::new(Arc::new(ring)),
            reloads: AtomicU64::new(0),
            store,
            max_token_age,
            issuer,
            audience,
        }))
    }

    /// The ring as last loaded.
    pub async fn current(&self) -> Arc<KeyRing> {
        self.ring.read().await.clone()
    }

    /// Re-reads the keys from the database now.
    pub async fn reload(&self) -> Result<(), KeyError> {
        self.reloads.fetch_add(1, Ordering::Relaxed);
        let records = self.store.signing_keys().await?;
        let ring = ring_at(&records, artstation_common::now(), self.max_token_age)?;
        let mut current = self.ring.write().await;
        if current.active.kid != ring.active.kid {
            tracing::info!(kid = %ring.active.kid, "signing with a new key");
        }
        *current = Arc::new(ring);
        Ok(())
    }

    /// Re-reads the keys every [`RELOAD_EVERY`] in the background, for as long as they are in
    /// use.
    pub fn keep_fresh(self: &Arc<Self>) {
        let weak = Arc::downgrade(self);
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(RELOAD_EVERY);
            tick.tick().await;
            loop {
                tick.tick().await;
                let Some(keys) = weak.upgrade() else { break };
                if let Err(e) = keys.reload().await {
                    tracing::warn!(error = %e, "cannot reload signing keys");
                }
            }
        });
    }

    /// How many times the keys were read from the database.
    #[cfg(test)]
    pub fn reloads(&self) -> u64 {
        self.reloads.load(Ordering::Relaxed)
    }

    /// The published keys (JWKS) with the issuer and audience tokens must carry.
    pub async fn published(&self) -> pb::PublicKeys {
        let ring = self.current().await;
        pb::PublicKeys {
            keys: ring.public.clone(),
            issuer: self.issuer.clone(),
            audience: self.audience.clone(),
        }
    }
}

impl KeySource for LiveKeys {
    fn fetch(
        &self,
    ) -> Pin<Box<dyn Future<Output = Result<pb::PublicKeys, ServiceError>> + Send + '_>> {
        Box::pin(async move { Ok(self.published().await) })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rotation_publishes_before_signing_and_retires_after_expiry() {
        let t0 = artstation_common::now();
        let ttl = chrono::Duration::minutes(15);
        let mut old = generate(None).unwrap_or_else(|e| panic!("{e}"));
        old.created_at = t0 - chrono::Duration::days(1);
        let new =
            generate(Some(t0 + chrono::Duration::minutes(5))).unwrap_or_else(|e| panic!("{e}"));
        let keys = [old.clone(), new.clone()];
        let kids = |r: &KeyRing| r.public.iter().map(|k| k.kid.clone()).collect::<Vec<_>>();

        let before = ring_at(&keys, t0, ttl).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            before.active.kid, old.kid,
            "a pending key must not sign yet"
        );
        assert_eq!(
            kids(&before),
            [old.kid.clone(), new.kid.clone()],
            "but it is published"
        );

        let after = ring_at(&keys, t0 + chrono::Duration::minutes(6), ttl)
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(after.active.kid, new.kid);
        assert_eq!(
            kids(&after),
            [old.kid.clone(), new.kid.clone()],
            "old tokens still verify"
        );

        let later = ring_at(&keys, t0 + chrono::Duration::minutes(21), ttl)
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            kids(&later),
            std::slice::from_ref(&new.kid),
            "retired once its tokens expired"
        );
    }

    #[test]
    fn thumbprint_matches_rfc_8037_example() {
        // RFC 8037 appendix A.3.
        assert_eq!(
            thumbprint("11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"),
            "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k"
        );
    }

    #[test]
    fn generated_keys_sign_and_verify() {
        let _ = jsonwebtoken::crypto::rust_crypto::DEFAULT_PROVIDER.install_default();
        let rec = generate(None).unwrap_or_else(|e| panic!("{e}"));
        let enc = EncodingKey::from_ed_der(&rec.private_pkcs8);
        let header = jsonwebtoken::Header::new(jsonwebtoken::Algorithm::EdDSA);
        let claims = serde_json::json!({"sub": "x", "exp": 4_000_000_000u64});
        let token = jsonwebtoken::encode(&header, &claims, &enc).unwrap_or_else(|e| panic!("{e}"));
        let dec = jsonwebtoken::DecodingKey::from_ed_components(&rec.public_x)
            .unwrap_or_else(|e| panic!("{e}"));
        let mut v = jsonwebtoken::Validation::new(jsonwebtoken::Algorithm::EdDSA);
        v.required_spec_claims.clear();
        v.validate_aud = false;
        assert!(jsonwebtoken::decode::<serde_json::Value>(&token, &dec, &v).is_ok());
    }
}
