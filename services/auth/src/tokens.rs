//! Access tokens: minting the short-lived Ed25519 JWT (`typ: at+jwt`) a session hands out, and
//! answering for the published keys that verify them. The key ring itself is `keys.rs`.

use artstation_common::ServiceError;
use artstation_common::jwt::{ACCESS_TOKEN_TYP, ALGORITHM, AccessClaims};
use artstation_proto::auth::v1 as pb;
use chrono::{DateTime, Utc};

use crate::config::ttl_secs;
use crate::state::State;
use crate::store::UserRecord;

/// Signs an access token for `user` in session `session_id` and pairs it with the session's
/// current refresh token.
pub(crate) async fn mint(
    state: &State,
    user: &UserRecord,
    session_id: &str,
    refresh_token: String,
    now: DateTime<Utc>,
) -> Result<pb::TokenPair, ServiceError> {
    let ring = state.keys.current().await;
    let ttl = ttl_secs(state.config.access_token_ttl);
    let claims = AccessClaims {
        iss: state.config.issuer.clone(),
        aud: state.config.audience.clone(),
        sub: user.id.clone(),
        iat: now.timestamp(),
        nbf: now.timestamp(),
        exp: now.timestamp() + ttl,
        jti: uuid::Uuid::now_v7().to_string(),
        sid: session_id.to_owned(),
        role: user.role,
        preferred_username: user.username.clone(),
    };
    let mut header = jsonwebtoken::Header::new(ALGORITHM);
    header.kid = Some(ring.active.kid.clone());
    header.typ = Some(ACCESS_TOKEN_TYP.to_owned());
    let access_token = jsonwebtoken::encode(&header, &claims, &ring.active.encoding)
        .map_err(ServiceError::internal)?;
    Ok(pb::TokenPair {
        access_token,
        refresh_token,
        token_type: "Bearer".into(),
        expires_in: u32::try_from(ttl).unwrap_or(u32::MAX),
    })
}

/// The keys verifiers should trust now.
pub(crate) async fn public_keys(state: &State) -> pb::PublicKeys {
    // From memory: anyone may ask, as often as they like. Rotations by another process are
    // picked up by the periodic reload, and keys are published before they sign.
    state.keys.published().await
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use artstation_common::Cache;

    use super::*;
    use crate::config::AuthConfig;
    use crate::store;

    #[tokio::test]
    async fn a_burst_of_jwks_requests_reads_the_database_at_most_once() -> anyhow::Result<()> {
        let dir = tempfile::tempdir()?;
        let url = format!("sqlite://{}", dir.path().join("auth.db").display());
        let store = store::open(&url).await?;
        let state =
            State::open(AuthConfig::new(&url), store, Arc::new(Cache::in_process())).await?;
        let before = state.keys.reloads();
        for _ in 0..50 {
            assert!(!public_keys(&state).await.keys.is_empty());
        }
        let reads = state.keys.reloads() - before;
        assert!(reads <= 1, "{reads} database reads for 50 JWKS requests");
        Ok(())
    }
}
