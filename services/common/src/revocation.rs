//! Revoked access tokens, refused at once by every hop rather than when they expire.
//!
//! Two records, both kept only as long as an access token can live: a revoked session (logout)
//! and a per-user "not before" time (logout everywhere, password change, ban, role change). The
//! auth service writes them; the shared verifier reads them for every token. They live in the
//! shared [`Cache`], so replicas see each other's revocations.

use std::sync::Arc;
use std::time::Duration;

use crate::cache::Cache;
use crate::jwt::AccessClaims;

pub struct Revocations {
    cache: Arc<Cache>,
    /// How long a record must live: the longest an access token lives, plus clock leeway.
    ttl: Duration,
}

fn session_key(sid: &str) -> String {
    format!("rv:sid:{sid}")
}

fn user_key(user_id: &str) -> String {
    format!("rv:user:{user_id}")
}

/// When a token was issued, in milliseconds: `iat` has only seconds, so a revocation in the
/// same second as a login would be ambiguous. Our `jti` is a UUIDv7, whose first 48 bits are
/// the issuing millisecond.
fn issued_at_ms(claims: &AccessClaims) -> i64 {
    uuid::Uuid::parse_str(&claims.jti)
        .ok()
        .filter(|u| u.get_version_num() == 7)
        .and_then(|u| u.get_timestamp())
        .map(|ts| {
            let (secs, nanos) = ts.to_unix();
            i64::try_from(secs).unwrap_or(i64::MAX) * 1000 + i64::from(nanos / 1_000_000)
        })
        .unwrap_or(claims.iat * 1000)
}

impl Revocations {
    pub fn new(cache: Arc<Cache>, max_token_lifetime: Duration) -> Self {
        Self {
            cache,
            ttl: max_token_lifetime + Duration::from_secs(crate::jwt::LEEWAY_SECS * 2),
        }
    }

    pub fn cache(&self) -> &Arc<Cache> {
        &self.cache
    }

    pub async fn revoke_session(&self, sid: &str) -> Result<(), crate::cache::CacheError> {
        self.cache.set(&session_key(sid), "1", self.ttl).await
    }

    /// Every token of `user_id` issued before `not_before` stops working.
    pub async fn revoke_user_before(
        &self,
        user_id: &str,
        not_before: chrono::DateTime<chrono::Utc>,
    ) -> Result<(), crate::cache::CacheError> {
        let ms = not_before.timestamp_millis().to_string();
        self.cache.set(&user_key(user_id), &ms, self.ttl).await
    }

    /// Whether the token was revoked. A cache failure counts as "not revoked" (logged): tokens
    /// are short-lived, and a Redis outage must not become a login outage.
    pub async fn is_revoked(&self, claims: &AccessClaims) -> bool {
        let sid = session_key(&claims.sid);
        let user = user_key(&claims.sub);
        let found = self.cache.get_many(&[&sid, &user]).await;
        crate::telemetry::metrics::cache_lookup(
            "revocations",
            found.as_ref().ok().map(|v| v.iter().any(Option::is_some)),
        );
        match found {
            Ok(values) => {
                let session_revoked = values.first().is_some_and(Option::is_some);
                let not_before = values
                    .get(1)
                    .and_then(|v| v.as_deref())
                    .and_then(|v| v.parse::<i64>().ok());
                session_revoked || not_before.is_some_and(|nb| issued_at_ms(claims) < nb)
            }
            Err(e) => {
                tracing::warn!(error = %e, "cannot read revocations; accepting the token");
                false
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claims(jti: String, iat: i64) -> AccessClaims {
        AccessClaims {
            iss: "i".into(),
            aud: "a".into(),
            sub: "user-1".into(),
            exp: iat + 60,
            iat,
            nbf: iat,
            jti,
            sid: "s-1".into(),
            role: artstation_domain::Role::Buyer,
            preferred_username: "u".into(),
        }
    }

    #[tokio::test]
    async fn revocations_cut_by_session_and_by_millisecond() -> Result<(), crate::cache::CacheError>
    {
        let r = Revocations::new(Arc::new(Cache::in_process()), Duration::from_secs(60));
        let before = claims(
            uuid::Uuid::now_v7().to_string(),
            chrono::Utc::now().timestamp(),
        );
        assert!(!r.is_revoked(&before).await);
        std::thread::sleep(Duration::from_millis(3));
        r.revoke_user_before("user-1", chrono::Utc::now()).await?;
        std::thread::sleep(Duration::from_millis(3));
        let after = claims(
            uuid::Uuid::now_v7().to_string(),
            chrono::Utc::now().timestamp(),
        );
        assert!(r.is_revoked(&before).await, "issued before the cut-off");
        assert!(
            !r.is_revoked(&after).await,
            "issued after it, even in the same second"
        );
        r.revoke_session("s-1").await?;
        assert!(r.is_revoked(&after).await);
        Ok(())
    }
}
