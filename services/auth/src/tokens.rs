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
    // Verifiers ask for keys when they meet an unknown `kid`, typically right after a
    // rotation: answer from the database, not from the last periodic reload.
    if let Err(e) = state.keys.reload().await {
        tracing::warn!(error = %e, "cannot reload signing keys; serving the cached set");
    }
    state.keys.published().await
}
