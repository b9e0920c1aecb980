//! What every feature shares: the service's state (config, store, keys, hashing, verifier,
//! revocations, throttle), how it starts, and the few steps several features take — loading a
//! user, ending their sessions, cutting off their access tokens.

use std::sync::Arc;

use artstation_common::{Cache, Revocations, ServiceError, TokenVerifier};
use chrono::{DateTime, Utc};

use crate::config::{AuthConfig, chrono_ttl};
use crate::errors::AuthError;
use crate::keys::LiveKeys;
use crate::password::PasswordHashing;
use crate::store::{SharedStore, UserRecord};
use crate::throttle::LoginThrottle;

pub(crate) struct State {
    pub config: AuthConfig,
    pub store: SharedStore,
    pub keys: Arc<LiveKeys>,
    pub hashing: PasswordHashing,
    pub verifier: TokenVerifier,
    pub revocations: Arc<Revocations>,
    pub throttle: LoginThrottle,
}

impl State {
    /// Loads (or creates) the signing keys, re-seeds the shared cache with revocations recorded
    /// in the database (they must survive a cache restart), and keeps the keys fresh in the
    /// background.
    pub async fn open(
        config: AuthConfig,
        store: SharedStore,
        cache: Arc<Cache>,
    ) -> Result<Arc<Self>, AuthError> {
        let keys = LiveKeys::open(
            store.clone(),
            chrono_ttl(config.access_token_ttl),
            config.issuer.clone(),
            config.audience.clone(),
        )
        .await?;
        let revocations = Arc::new(Revocations::new(cache.clone(), config.access_token_ttl));
        // The service verifies its own tokens from its own keys, without a network hop.
        let verifier = TokenVerifier::new(keys.clone(), revocations.clone());
        let state = Arc::new(Self {
            hashing: PasswordHashing::new(config.hashing_concurrency),
            throttle: LoginThrottle::new(cache),
            config,
            store,
            keys,
            verifier,
            revocations,
        });
        state.reseed_revocations().await?;
        state
            .hashing
            .warm_up()
            .await
            .map_err(|e| AuthError::Startup(e.to_string()))?;
        state.keys.keep_fresh();
        Ok(state)
    }

    async fn reseed_revocations(&self) -> Result<(), AuthError> {
        let since = artstation_common::now()
            - chrono_ttl(self.config.access_token_ttl)
            - chrono::Duration::seconds(2 * artstation_common::jwt::LEEWAY_SECS as i64);
        let recent = self.store.revocations_since(since).await?;
        for sid in &recent.sessions {
            log_cache(self.revocations.revoke_session(sid).await);
        }
        for (user_id, at) in &recent.users {
            log_cache(self.revocations.revoke_user_before(user_id, *at).await);
        }
        Ok(())
    }

    /// The user with this id, or `not_found`.
    pub async fn user(&self, user_id: &str) -> Result<UserRecord, ServiceError> {
        self.store
            .user_by_id(user_id)
            .await?
            .ok_or_else(|| ServiceError::not_found("user"))
    }

    /// Ends every session of a user (except `keep`) and refuses their access tokens at once.
    pub async fn end_sessions(
        &self,
        user_id: &str,
        keep: Option<&str>,
    ) -> Result<(), ServiceError> {
        let now = artstation_common::now();
        let revoked = self
            .store
            .revoke_sessions_of_user(user_id, keep, now)
            .await?;
        for sid in &revoked {
            log_cache(self.revocations.revoke_session(sid).await);
        }
        if keep.is_none() {
            self.cut_off_tokens(user_id, now).await?;
        }
        Ok(())
    }

    /// Refuses every access token the user got before `now`, in the database and the cache.
    pub async fn cut_off_tokens(
        &self,
        user_id: &str,
        now: DateTime<Utc>,
    ) -> Result<(), ServiceError> {
        self.store.set_tokens_valid_after(user_id, now).await?;
        log_cache(self.revocations.revoke_user_before(user_id, now).await);
        Ok(())
    }
}

/// Cache writes that revoke tokens: a failure is logged, not returned, because the database
/// already holds the revocation (refreshes are refused) and the tokens expire soon anyway.
pub(crate) fn log_cache(result: Result<(), artstation_common::cache::CacheError>) {
    if let Err(e) = result {
        tracing::error!(error = %e, "cannot publish a revocation to the shared cache");
    }
}
