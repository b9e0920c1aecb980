//! Access-token verification, shared by the gateway and every service so each hop applies the
//! same rules (RFC 8725): one algorithm (EdDSA) allowed, `kid` looked up in a local keyset only,
//! key-carrying headers refused, `exp`/`iss`/`aud`/`sub` required, the token type checked.

use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::{Duration, Instant};

use artstation_domain::Role;
use artstation_proto::auth::v1 as pb;
use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use serde::{Deserialize, Serialize};
use tokio::sync::{Mutex, RwLock};

use crate::{Revocations, ServiceError};

/// The only signing algorithm artstation issues or accepts.
pub const ALGORITHM: Algorithm = Algorithm::EdDSA;
/// JOSE `typ` of access tokens (RFC 9068), so no other JWT of ours passes as one.
pub const ACCESS_TOKEN_TYP: &str = "at+jwt";
/// Clock skew tolerated between hosts.
pub const LEEWAY_SECS: u64 = 30;
/// An unknown `kid` triggers at most one keyset refresh per this interval, so a flood of forged
/// tokens cannot turn into a flood of requests to the auth service.
const REFRESH_INTERVAL: Duration = Duration::from_secs(5);

/// Claims of an access token.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccessClaims {
    pub iss: String,
    pub aud: String,
    /// The user id.
    pub sub: String,
    pub exp: i64,
    pub iat: i64,
    pub nbf: i64,
    pub jti: String,
    /// The session (refresh-token family) this token was issued for.
    pub sid: String,
    pub role: Role,
    pub preferred_username: String,
}

/// Verification keys by `kid`, plus the issuer and audience they vouch for.
#[derive(Clone)]
pub struct Keyset {
    pub issuer: String,
    pub audience: String,
    keys: HashMap<String, DecodingKey>,
}

impl std::fmt::Debug for Keyset {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Keyset")
            .field("issuer", &self.issuer)
            .field("audience", &self.audience)
            .field("kids", &self.keys.keys().collect::<Vec<_>>())
            .finish()
    }
}

impl Keyset {
    /// Builds a keyset from the auth service's answer; keys of other types are skipped.
    pub fn from_proto(keys: &pb::PublicKeys) -> Result<Self, ServiceError> {
        let mut map = HashMap::new();
        for k in &keys.keys {
            if k.kty != "OKP" || k.crv != "Ed25519" || k.alg != "EdDSA" {
                tracing::warn!(kid = %k.kid, kty = %k.kty, "skipping key of unsupported type");
                continue;
            }
            let key = DecodingKey::from_ed_components(&k.x).map_err(ServiceError::internal)?;
            map.insert(k.kid.clone(), key);
        }
        Ok(Self {
            issuer: keys.issuer.clone(),
            audience: keys.audience.clone(),
            keys: map,
        })
    }

    pub fn contains(&self, kid: &str) -> bool {
        self.keys.contains_key(kid)
    }
}

/// Where a verifier gets its keyset: the auth service over gRPC, or the auth service's own
/// key store when it verifies tokens itself.
pub trait KeySource: Send + Sync + 'static {
    fn fetch(
        &self,
    ) -> Pin<Box<dyn Future<Output = Result<pb::PublicKeys, ServiceError>> + Send + '_>>;
}

/// Fetches the keyset from the auth service.
#[derive(Clone)]
pub struct RemoteKeySource {
    client: pb::auth_service_client::AuthServiceClient<crate::upstream::Upstream>,
}

impl RemoteKeySource {
    pub fn new(auth: impl Into<crate::upstream::Upstream>) -> Self {
        Self {
            client: pb::auth_service_client::AuthServiceClient::new(auth.into()),
        }
    }
}

impl KeySource for RemoteKeySource {
    fn fetch(
        &self,
    ) -> Pin<Box<dyn Future<Output = Result<pb::PublicKeys, ServiceError>> + Send + '_>> {
        let mut client = self.client.clone();
        Box::pin(async move {
            let mut req = tonic::Request::new(pb::GetPublicKeysRequest {});
            // A read: another auth replica may answer if the first cannot.
            req.extensions_mut().insert(crate::upstream::Idempotent);
            client
                .get_public_keys(req)
                .await
                .map(tonic::Response::into_inner)
                .map_err(|s| ServiceError::from_status(&s))
        })
    }
}

/// Verifies access tokens against a cached keyset, refreshing it (rate-limited) when a token
/// names a `kid` it does not know yet, as happens right after a key rotation.
pub struct TokenVerifier {
    source: Arc<dyn KeySource>,
    revocations: Arc<Revocations>,
    keyset: RwLock<Option<Arc<Keyset>>>,
    last_fetch: Mutex<Option<Instant>>,
    /// Tokens whose signature was checked, by their exact text, with the key that signed them.
    /// A signature never stops being valid, so each token's is checked once; the time window,
    /// the key still being in the keyset and revocation are checked on every use.
    verified: moka::sync::Cache<String, Arc<(AccessClaims, String)>>,
}

/// Signed tokens remembered at once, and for how long (longer than an access token lives).
const VERIFIED_CAPACITY: u64 = 20_000;
const VERIFIED_TTL: Duration = Duration::from_secs(30 * 60);

impl TokenVerifier {
    pub fn new(source: Arc<dyn KeySource>, revocations: Arc<Revocations>) -> Self {
        // Cannot fail in a way that matters: an Err only means a provider is installed already.
        let _ = jsonwebtoken::crypto::rust_crypto::DEFAULT_PROVIDER.install_default();
        Self {
            source,
            revocations,
            keyset: RwLock::new(None),
            last_fetch: Mutex::new(None),
            verified: moka::sync::Cache::builder()
                .max_capacity(VERIFIED_CAPACITY)
                .time_to_live(VERIFIED_TTL)
                .build(),
        }
    }

    /// The cached keyset, fetched on first use.
    pub async fn keyset(&self) -> Result<Arc<Keyset>, ServiceError> {
        if let Some(ks) = self.keyset.read().await.clone() {
            return Ok(ks);
        }
        self.refresh(true).await
    }

    /// Refetches the keyset unless that happened within the refresh interval (`force` ignores
    /// the interval only when nothing is cached yet).
    async fn refresh(&self, force: bool) -> Result<Arc<Keyset>, ServiceError> {
        let mut last = self.last_fetch.lock().await;
        let current = self.keyset.read().await.clone();
        let recent = last.is_some_and(|t| t.elapsed() < REFRESH_INTERVAL);
        if let Some(ks) = &current
            && (recent || !force)
        {
            return Ok(ks.clone());
        }
        let keys = self.source.fetch().await.map_err(|e| {
            ServiceError::unavailable(format!("cannot fetch verification keys: {}", e.message))
        })?;
        let ks = Arc::new(Keyset::from_proto(&keys)?);
        *self.keyset.write().await = Some(ks.clone());
        *last = Some(Instant::now());
        Ok(ks)
    }

    /// Verifies a compact JWS access token. Every failure is the same `unauthorized` error so
    /// a caller learns nothing about which check failed.
    pub async fn verify(&self, token: &str) -> Result<AccessClaims, ServiceError> {
        if let Some(known) = self.verified.get(token) {
            let (claims, kid) = &*known;
            let keyset = self.keyset().await?;
            // The key may have been retired since, and the window is checked as decode does.
            let now = crate::now().timestamp();
            let leeway = i64::try_from(LEEWAY_SECS).unwrap_or(0);
            if !keyset.contains(kid) || claims.iss != keyset.issuer || claims.aud != keyset.audience
            {
                self.verified.invalidate(token);
                return Err(reject("kid", "no longer trusted"));
            }
            if now > claims.exp + leeway || claims.nbf > now + leeway {
                return Err(reject("claims", "outside its validity window"));
            }
            if self.revocations.is_revoked(claims).await {
                return Err(reject("revoked", &claims.sid));
            }
            return Ok(claims.clone());
        }
        let header = jsonwebtoken::decode_header(token).map_err(|e| reject("header", e))?;
        if header.alg != ALGORITHM {
            return Err(reject("alg", format!("{:?}", header.alg)));
        }
        if header.jku.is_some()
            || header.jwk.is_some()
            || header.x5u.is_some()
            || header.x5c.is_some()
        {
            return Err(reject("header", "key-carrying header"));
        }
        if header.typ.as_deref() != Some(ACCESS_TOKEN_TYP) {
            return Err(reject("typ", format!("{:?}", header.typ)));
        }
        let kid = header.kid.ok_or_else(|| reject("kid", "missing"))?;
        let mut keyset = self.keyset().await?;
        if !keyset.contains(&kid) {
            keyset = self.refresh(true).await?;
        }
        let key = keyset
            .keys
            .get(&kid)
            .ok_or_else(|| reject("kid", "unknown"))?;
        let mut validation = Validation::new(ALGORITHM);
        validation.set_issuer(&[&keyset.issuer]);
        validation.set_audience(&[&keyset.audience]);
        validation.set_required_spec_claims(&["exp", "iss", "aud", "sub", "nbf"]);
        validation.validate_nbf = true;
        validation.leeway = LEEWAY_SECS;
        let claims = jsonwebtoken::decode::<AccessClaims>(token, key, &validation)
            .map(|data| data.claims)
            .map_err(|e| reject("claims", e))?;
        self.verified
            .insert(token.to_owned(), Arc::new((claims.clone(), kid)));
        if self.revocations.is_revoked(&claims).await {
            return Err(reject("revoked", &claims.sid));
        }
        Ok(claims)
    }
}

fn reject(what: &str, why: impl std::fmt::Display) -> ServiceError {
    tracing::debug!(check = what, %why, "access token rejected");
    ServiceError::unauthorized()
}

/// The bearer token of a gRPC request, if any.
pub fn bearer_from_metadata(md: &tonic::metadata::MetadataMap) -> Option<&str> {
    md.get("authorization")
        .and_then(|v| v.to_str().ok())
        .and_then(bearer)
}

/// The token of an `Authorization: Bearer <token>` header value (scheme is case-insensitive).
pub fn bearer(value: &str) -> Option<&str> {
    let (scheme, token) = value.trim().split_once(' ')?;
    let token = token.trim();
    (scheme.eq_ignore_ascii_case("bearer") && !token.is_empty()).then_some(token)
}

/// Verifies the bearer token of a gRPC request.
pub async fn authenticate<T>(
    verifier: &TokenVerifier,
    req: &tonic::Request<T>,
) -> Result<AccessClaims, ServiceError> {
    let token = bearer_from_metadata(req.metadata()).ok_or_else(ServiceError::unauthorized)?;
    verifier.verify(token).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bearer_parsing_is_strict_about_the_scheme() {
        assert_eq!(bearer("Bearer abc"), Some("abc"));
        assert_eq!(bearer("bearer  abc "), Some("abc"));
        assert_eq!(bearer("Basic abc"), None);
        assert_eq!(bearer("Bearer "), None);
        assert_eq!(bearer("abc"), None);
    }
}
