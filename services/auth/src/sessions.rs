//! Sessions: login (credentials checked under the failed-login throttle) starts one with its
//! first refresh token; refresh rotates that token, and a token spent twice — a sign of theft —
//! revokes the whole session; logout ends one session or all of a user's.
//!
//! Refresh tokens leave this module only to their owner and are stored as SHA-256 only.

use artstation_common::jwt::AccessClaims;
use artstation_common::{ErrorCode, ServiceError};
use artstation_domain::Password;
use artstation_proto::auth::v1 as pb;
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};

use crate::config::chrono_ttl;
use crate::input::{MAX_LOGIN_BYTES, client_address, invalid_credentials, normalise_login};
use crate::state::{State, log_cache};
use crate::store::{NewSession, RefreshTokenRecord, Rotation};
use crate::tokens;

/// Prefix of refresh tokens, so secret scanners and humans can tell what leaked.
const REFRESH_PREFIX: &str = "asr_";
/// Longest refresh token worth looking up (ours are 47 characters).
const MAX_REFRESH_TOKEN_BYTES: usize = 128;

/// Checks a login and password and starts a session. `peer` is the socket address, used for
/// throttling when the gateway names no client address.
pub(crate) async fn login(
    state: &State,
    req: pb::LoginRequest,
    peer: Option<String>,
) -> Result<pb::TokenPair, ServiceError> {
    // Refuse absurd input before any hashing work, with the same answer as a wrong password
    // would get for the password and a validation error for the login.
    if req.login.len() > MAX_LOGIN_BYTES || req.login.trim().is_empty() {
        return Err(ServiceError::validation(
            "login",
            "must be an email or username",
        ));
    }
    // No stored email or username holds a control character, and PostgreSQL cannot even
    // compare NUL.
    artstation_domain::refuse_control("login", &req.login, &[])?;
    if req.password.len() > Password::MAX_CHARS * 4 {
        return Err(ServiceError::validation(
            "password",
            format!("at most {} characters", Password::MAX_CHARS),
        ));
    }
    let login = normalise_login(&req.login);
    let user = state.store.user_by_login(&login).await?;
    // Unknown logins are counted under their own name, so throttling behaves the same
    // whether or not the account exists.
    let account = user
        .as_ref()
        .map_or_else(|| format!("login:{login}"), |u| u.id.clone());
    let address = client_address(req.client_ip, peer);
    // Counted before hashing, so a burst cannot pass the check all at once; a failure stays
    // counted (the attempt is dropped).
    let attempt = state.throttle.reserve(&account, address.as_deref()).await?;
    let ok = state
        .hashing
        .verify(req.password, user.as_ref().map(|u| u.password_hash.clone()))
        .await
        .map_err(ServiceError::internal)?;
    let Some(user) = user.filter(|_| ok) else {
        tracing::info!(?address, "failed login");
        return Err(invalid_credentials());
    };
    state.throttle.succeeded(attempt).await;
    if user.banned_at.is_some() {
        return Err(ServiceError::forbidden("this account is banned"));
    }
    let now = artstation_common::now();
    let refresh = new_refresh_token()?;
    let session = NewSession {
        id: uuid::Uuid::now_v7().to_string(),
        user_id: user.id.clone(),
        created_at: now,
        expires_at: now + chrono_ttl(state.config.session_ttl),
    };
    state
        .store
        .create_session(&session, &refresh_record(state, &refresh, now))
        .await?;
    let pair = tokens::mint(state, &user, &session.id, refresh, now).await?;
    tracing::info!(user_id = %user.id, session_id = %session.id, "logged in");
    Ok(pair)
}

/// Spends a refresh token for a new pair. A token spent before revokes its session.
pub(crate) async fn refresh(
    state: &State,
    req: pb::RefreshRequest,
) -> Result<pb::TokenPair, ServiceError> {
    let invalid = || {
        ServiceError::new(
            ErrorCode::Unauthorized,
            "refresh token is invalid, expired or revoked",
        )
    };
    if !req.refresh_token.starts_with(REFRESH_PREFIX)
        || req.refresh_token.len() > MAX_REFRESH_TOKEN_BYTES
    {
        return Err(invalid());
    }
    let now = artstation_common::now();
    let next = new_refresh_token()?;
    let outcome = state
        .store
        .rotate_refresh_token(
            &refresh_hash(&req.refresh_token),
            &refresh_record(state, &next, now),
            now,
        )
        .await?;
    let (user_id, session_id) = match outcome {
        Rotation::Rotated {
            user_id,
            session_id,
        } => (user_id, session_id),
        Rotation::Reused { session_id } => {
            // The access token minted from the other copy must stop working now, not when it
            // expires: the database alone is read only by refreshes.
            log_cache(state.revocations.revoke_session(&session_id).await);
            tracing::warn!(%session_id, "refresh token reused; session revoked");
            return Err(invalid());
        }
        Rotation::Invalid => return Err(invalid()),
    };
    let user = state
        .store
        .user_by_id(&user_id)
        .await?
        .filter(|u| u.banned_at.is_none())
        .ok_or_else(invalid)?;
    tokens::mint(state, &user, &session_id, next, now).await
}

/// Ends the session of the refresh token given, or every session of the caller.
pub(crate) async fn logout(
    state: &State,
    claims: &AccessClaims,
    req: pb::LogoutRequest,
) -> Result<(), ServiceError> {
    if req.all {
        state.end_sessions(&claims.sub, None).await?;
        tracing::info!(user_id = %claims.sub, "logged out everywhere");
        return Ok(());
    }
    let revoked = state
        .store
        .revoke_session_of_token(
            &refresh_hash(&req.refresh_token),
            &claims.sub,
            artstation_common::now(),
        )
        .await?;
    if let Some(sid) = &revoked {
        log_cache(state.revocations.revoke_session(sid).await);
    }
    tracing::info!(user_id = %claims.sub, session = ?revoked, "logout");
    Ok(())
}

fn refresh_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

fn new_refresh_token() -> Result<String, ServiceError> {
    let mut raw = [0u8; 32];
    getrandom::fill(&mut raw).map_err(ServiceError::internal)?;
    Ok(format!("{REFRESH_PREFIX}{}", URL_SAFE_NO_PAD.encode(raw)))
}

/// How a refresh token issued `now` is stored: its hash, dying after the idle lifetime.
fn refresh_record(state: &State, token: &str, now: DateTime<Utc>) -> RefreshTokenRecord {
    RefreshTokenRecord {
        token_hash: refresh_hash(token),
        created_at: now,
        expires_at: now + chrono_ttl(state.config.refresh_idle_ttl),
    }
}
