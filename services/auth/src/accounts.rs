//! Accounts: registration (and the operator's admin bootstrap, with the same checks), the
//! caller's profile, changing one's password, and a buyer becoming an artist.

use artstation_common::ServiceError;
use artstation_common::jwt::AccessClaims;
use artstation_domain::{Email, Password, Role, Username};
use artstation_proto::auth::v1 as pb;

use crate::errors::AdminError;
use crate::input::{client_address, invalid_credentials};
use crate::password::PasswordHashing;
use crate::policy::check_new_password;
use crate::present::user_to_pb;
use crate::state::State;
use crate::store::{self, UserRecord};

/// Registers a buyer or an artist; admins are created by an operator ([`create_admin`]).
pub(crate) async fn register(
    state: &State,
    req: pb::RegisterRequest,
    peer: Option<String>,
) -> Result<pb::User, ServiceError> {
    let email = Email::parse(&req.email)?;
    let username = Username::parse(&req.username)?;
    let password = Password::parse(&req.password)?;
    check_new_password(password.expose(), username.as_str())?;
    let role = match pb::Role::try_from(req.role).unwrap_or(pb::Role::Unspecified) {
        pb::Role::Unspecified | pb::Role::Buyer => Role::Buyer,
        pb::Role::Artist => Role::Artist,
        pb::Role::Admin => {
            return Err(ServiceError::validation(
                "role",
                "role must be buyer or artist; admins are created by an operator",
            ));
        }
    };
    state
        .throttle
        .reserve_registration(client_address(req.client_ip, peer).as_deref())
        .await?;
    // A taken name is answered before hashing, so probing names costs no hashing time; the
    // unique constraint still settles races.
    for (field, value) in [("email", email.as_str()), ("username", username.as_str())] {
        if state.store.user_by_login(value).await?.is_some() {
            return Err(store::StoreError::Conflict(field).into());
        }
    }
    let password_hash = state
        .hashing
        .hash(password.expose().to_owned())
        .await
        .map_err(ServiceError::internal)?;
    let user = new_user(&email, &username, password_hash, role);
    state.store.create_user(&user).await?;
    tracing::info!(user_id = %user.id, role = role.as_str(), "registered");
    Ok(user_to_pb(&user))
}

/// Creates an admin account from the command line (bootstrap), with a registration's checks.
pub(crate) async fn create_admin(
    database_url: &str,
    email: &str,
    username: &str,
    password: &str,
) -> Result<String, AdminError> {
    let email = Email::parse(email)?;
    let username = Username::parse(username)?;
    let password = Password::parse(password)?;
    check_new_password(password.expose(), username.as_str())
        .map_err(|e| AdminError::Refused(e.message))?;
    let store = store::open(database_url).await?;
    let hash = PasswordHashing::new(1)
        .hash(password.expose().to_owned())
        .await
        .map_err(|e| AdminError::Refused(e.to_string()))?;
    let user = new_user(&email, &username, hash, Role::Admin);
    store.create_user(&user).await?;
    Ok(user.id)
}

fn new_user(email: &Email, username: &Username, password_hash: String, role: Role) -> UserRecord {
    UserRecord {
        id: uuid::Uuid::now_v7().to_string(),
        email: email.as_str().to_owned(),
        username: username.as_str().to_owned(),
        password_hash,
        role,
        created_at: artstation_common::now(),
        banned_at: None,
    }
}

/// The caller's own profile.
pub(crate) async fn me(state: &State, user_id: &str) -> Result<pb::User, ServiceError> {
    Ok(user_to_pb(&state.user(user_id).await?))
}

/// Changes the caller's password (the current one is required, under the failed-login
/// throttle) and ends every other session of theirs.
pub(crate) async fn change_password(
    state: &State,
    claims: &AccessClaims,
    req: pb::ChangePasswordRequest,
) -> Result<(), ServiceError> {
    if req.current_password.len() > Password::MAX_CHARS * 4 {
        return Err(ServiceError::validation("current_password", "too long"));
    }
    let user = state.user(&claims.sub).await?;
    let new = Password::parse(&req.new_password)
        .map_err(|e| ServiceError::validation("new_password", e.reason))?;
    check_new_password(new.expose(), &user.username).map_err(|mut e| {
        e.field = Some("new_password".into());
        e
    })?;
    let attempt = state.throttle.reserve(&user.id, None).await?;
    let ok = state
        .hashing
        .verify(req.current_password, Some(user.password_hash.clone()))
        .await
        .map_err(ServiceError::internal)?;
    if ok {
        state.throttle.succeeded(attempt).await;
    } else {
        return Err(ServiceError {
            field: Some("current_password".into()),
            ..invalid_credentials()
        });
    }
    let hash = state
        .hashing
        .hash(new.expose().to_owned())
        .await
        .map_err(ServiceError::internal)?;
    state.store.set_password_hash(&user.id, &hash).await?;
    state.end_sessions(&user.id, Some(&claims.sid)).await?;
    tracing::info!(user_id = %user.id, "password changed; other sessions ended");
    Ok(())
}

/// A buyer becomes an artist at their own request; anyone else keeps their role.
pub(crate) async fn request_artist(
    state: &State,
    claims: &AccessClaims,
) -> Result<pb::User, ServiceError> {
    let user = state.user(&claims.sub).await?;
    if user.role == Role::Buyer {
        state.store.set_role(&user.id, Role::Artist).await?;
        tracing::info!(user_id = %user.id, "buyer became an artist");
    }
    Ok(user_to_pb(&state.user(&claims.sub).await?))
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use artstation_common::Cache;

    use super::*;
    use crate::config::AuthConfig;

    fn request(email: &str, username: &str) -> pb::RegisterRequest {
        pb::RegisterRequest {
            email: email.into(),
            username: username.into(),
            password: "a long enough passphrase here".into(),
            role: pb::Role::Buyer.into(),
            client_ip: "192.0.2.1".into(),
        }
    }

    #[tokio::test]
    async fn taken_names_are_refused_before_hashing() -> anyhow::Result<()> {
        let dir = tempfile::tempdir()?;
        let url = format!("sqlite://{}", dir.path().join("auth.db").display());
        let store = store::open(&url).await?;
        let state =
            State::open(AuthConfig::new(&url), store, Arc::new(Cache::in_process())).await?;
        register(&state, request("ann@example.com", "ann"), None).await?;
        let hashed = state.hashing.hashed();
        for (req, field) in [
            (request("ANN@example.com", "ann2"), "email"),
            (request("other@example.com", "Ann"), "username"),
        ] {
            let err = register(&state, req, None).await.err();
            assert_eq!(err.as_ref().map(|e| e.code.as_str()), Some("conflict"));
            assert_eq!(err.and_then(|e| e.field).as_deref(), Some(field));
        }
        assert_eq!(state.hashing.hashed(), hashed, "a taken name was hashed");
        Ok(())
    }
}
