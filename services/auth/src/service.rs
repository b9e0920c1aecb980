//! The gRPC face of the auth service.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use artstation_common::jwt::{ACCESS_TOKEN_TYP, ALGORITHM, AccessClaims, KeySource, authenticate};
use artstation_common::{ErrorCode, ServiceError, TokenVerifier};
use artstation_domain::{Email, Password, Role, Username};
use artstation_proto::auth::v1 as pb;
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};
use tokio::sync::RwLock;
use tonic::{Request, Response, Status};

use crate::keys::{self, KeyRing};
use crate::password::PasswordHashing;
use crate::store::{NewSession, RefreshTokenRecord, Rotation, StoreError, UserRecord};
use crate::{AuthConfig, AuthError, SharedStore, ttl_secs};

/// Prefix of refresh tokens, so secret scanners and humans can tell what leaked.
const REFRESH_PREFIX: &str = "asr_";
/// Longest login (email or username) worth looking up.
const MAX_LOGIN_BYTES: usize = 254;

#[derive(Clone)]
pub struct AuthService {
    inner: Arc<Inner>,
}

struct Inner {
    config: AuthConfig,
    store: SharedStore,
    keys: Arc<RwLock<Arc<KeyRing>>>,
    hashing: PasswordHashing,
    verifier: TokenVerifier,
}

/// The auth service verifies its own tokens from its own keys, without a network hop.
struct LocalKeys {
    keys: Arc<RwLock<Arc<KeyRing>>>,
    issuer: String,
    audience: String,
}

impl KeySource for LocalKeys {
    fn fetch(
        &self,
    ) -> Pin<Box<dyn Future<Output = Result<pb::PublicKeys, ServiceError>> + Send + '_>> {
        Box::pin(async move {
            let ring = self.keys.read().await.clone();
            Ok(pb::PublicKeys {
                keys: ring.public.clone(),
                issuer: self.issuer.clone(),
                audience: self.audience.clone(),
            })
        })
    }
}

impl AuthService {
    pub async fn new(config: AuthConfig, store: SharedStore) -> Result<Self, AuthError> {
        let ring = keys::load_or_create(&store).await?;
        let keys = Arc::new(RwLock::new(Arc::new(ring)));
        let verifier = TokenVerifier::new(Arc::new(LocalKeys {
            keys: keys.clone(),
            issuer: config.issuer.clone(),
            audience: config.audience.clone(),
        }));
        Ok(Self {
            inner: Arc::new(Inner {
                hashing: PasswordHashing::new(config.hashing_concurrency),
                config,
                store,
                keys,
                verifier,
            }),
        })
    }
}

fn store_err(e: StoreError) -> ServiceError {
    match e {
        StoreError::Conflict(field) => ServiceError {
            field: Some(field.to_owned()),
            ..ServiceError::new(ErrorCode::Conflict, format!("{field} is already taken"))
        },
        other => ServiceError::internal(other),
    }
}

fn role_to_pb(r: Role) -> pb::Role {
    match r {
        Role::Buyer => pb::Role::Buyer,
        Role::Artist => pb::Role::Artist,
        Role::Admin => pb::Role::Admin,
    }
}

fn timestamp(t: DateTime<Utc>) -> prost_types::Timestamp {
    prost_types::Timestamp {
        seconds: t.timestamp(),
        nanos: i32::try_from(t.timestamp_subsec_nanos()).unwrap_or(0),
    }
}

fn user_to_pb(u: &UserRecord) -> pb::User {
    pb::User {
        id: u.id.clone(),
        username: u.username.clone(),
        email: u.email.clone(),
        role: role_to_pb(u.role).into(),
        created_at: Some(timestamp(u.created_at)),
    }
}

fn invalid_credentials() -> ServiceError {
    ServiceError::new(
        ErrorCode::InvalidCredentials,
        "the login or password is incorrect",
    )
}

fn refresh_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

fn new_refresh_token() -> Result<String, ServiceError> {
    let mut raw = [0u8; 32];
    getrandom::fill(&mut raw).map_err(ServiceError::internal)?;
    Ok(format!("{REFRESH_PREFIX}{}", URL_SAFE_NO_PAD.encode(raw)))
}

fn chrono_ttl(d: std::time::Duration) -> chrono::Duration {
    chrono::Duration::seconds(ttl_secs(d))
}

impl Inner {
    fn refresh_record(&self, token: &str, now: DateTime<Utc>) -> RefreshTokenRecord {
        RefreshTokenRecord {
            token_hash: refresh_hash(token),
            created_at: now,
            expires_at: now + chrono_ttl(self.config.refresh_idle_ttl),
        }
    }

    async fn sign_access_token(
        &self,
        user: &UserRecord,
        session_id: &str,
        now: DateTime<Utc>,
    ) -> Result<pb::TokenPair, ServiceError> {
        let ring = self.keys.read().await.clone();
        let ttl = ttl_secs(self.config.access_token_ttl);
        let claims = AccessClaims {
            iss: self.config.issuer.clone(),
            aud: self.config.audience.clone(),
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
            refresh_token: String::new(),
            token_type: "Bearer".into(),
            expires_in: u32::try_from(ttl).unwrap_or(u32::MAX),
        })
    }

    async fn register(&self, req: pb::RegisterRequest) -> Result<pb::User, ServiceError> {
        let email = Email::parse(&req.email)?;
        let username = Username::parse(&req.username)?;
        let password = Password::parse(&req.password)?;
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
        let password_hash = self
            .hashing
            .hash(password.expose().to_owned())
            .await
            .map_err(ServiceError::internal)?;
        let user = UserRecord {
            id: uuid::Uuid::now_v7().to_string(),
            email: email.as_str().to_owned(),
            username: username.as_str().to_owned(),
            password_hash,
            role,
            created_at: artstation_common::now(),
        };
        self.store.create_user(&user).await.map_err(store_err)?;
        tracing::info!(user_id = %user.id, role = role.as_str(), "registered");
        Ok(user_to_pb(&user))
    }

    async fn login(&self, req: pb::LoginRequest) -> Result<pb::TokenPair, ServiceError> {
        // Refuse absurd input before any hashing work, with the same answer as a wrong password
        // would get for the password and a validation error for the login.
        if req.login.len() > MAX_LOGIN_BYTES || req.login.trim().is_empty() {
            return Err(ServiceError::validation(
                "login",
                "must be an email or username",
            ));
        }
        if req.password.len() > Password::MAX_CHARS * 4 {
            return Err(ServiceError::validation(
                "password",
                format!("at most {} characters", Password::MAX_CHARS),
            ));
        }
        let login = req.login.trim().to_lowercase();
        let user = self.store.user_by_login(&login).await.map_err(store_err)?;
        let ok = self
            .hashing
            .verify(req.password, user.as_ref().map(|u| u.password_hash.clone()))
            .await
            .map_err(ServiceError::internal)?;
        let Some(user) = user.filter(|_| ok) else {
            tracing::info!("failed login");
            return Err(invalid_credentials());
        };
        let now = artstation_common::now();
        let refresh = new_refresh_token()?;
        let session = NewSession {
            id: uuid::Uuid::now_v7().to_string(),
            user_id: user.id.clone(),
            created_at: now,
            expires_at: now + chrono_ttl(self.config.session_ttl),
        };
        self.store
            .create_session(&session, &self.refresh_record(&refresh, now))
            .await
            .map_err(store_err)?;
        let mut pair = self.sign_access_token(&user, &session.id, now).await?;
        pair.refresh_token = refresh;
        tracing::info!(user_id = %user.id, session_id = %session.id, "logged in");
        Ok(pair)
    }

    async fn refresh(&self, req: pb::RefreshRequest) -> Result<pb::TokenPair, ServiceError> {
        let invalid = || {
            ServiceError::new(
                ErrorCode::Unauthorized,
                "refresh token is invalid, expired or revoked",
            )
        };
        if !req.refresh_token.starts_with(REFRESH_PREFIX) || req.refresh_token.len() > 128 {
            return Err(invalid());
        }
        let now = artstation_common::now();
        let next = new_refresh_token()?;
        let outcome = self
            .store
            .rotate_refresh_token(
                &refresh_hash(&req.refresh_token),
                &self.refresh_record(&next, now),
                now,
            )
            .await
            .map_err(store_err)?;
        let (user_id, session_id) = match outcome {
            Rotation::Rotated {
                user_id,
                session_id,
            } => (user_id, session_id),
            Rotation::Reused { session_id } => {
                tracing::warn!(%session_id, "refresh token reused; session revoked");
                return Err(invalid());
            }
            Rotation::Invalid => return Err(invalid()),
        };
        let user = self
            .store
            .user_by_id(&user_id)
            .await
            .map_err(store_err)?
            .ok_or_else(invalid)?;
        let mut pair = self.sign_access_token(&user, &session_id, now).await?;
        pair.refresh_token = next;
        Ok(pair)
    }

    async fn logout(&self, user_id: &str, req: pb::LogoutRequest) -> Result<(), ServiceError> {
        let revoked = self
            .store
            .revoke_session_of_token(
                &refresh_hash(&req.refresh_token),
                user_id,
                artstation_common::now(),
            )
            .await
            .map_err(store_err)?;
        tracing::info!(%user_id, revoked, "logout");
        Ok(())
    }

    async fn me(&self, user_id: &str) -> Result<pb::User, ServiceError> {
        let user = self
            .store
            .user_by_id(user_id)
            .await
            .map_err(store_err)?
            .ok_or_else(|| ServiceError::not_found("user"))?;
        Ok(user_to_pb(&user))
    }

    async fn public_keys(&self) -> pb::PublicKeys {
        let ring = self.keys.read().await.clone();
        pb::PublicKeys {
            keys: ring.public.clone(),
            issuer: self.config.issuer.clone(),
            audience: self.config.audience.clone(),
        }
    }
}

#[tonic::async_trait]
impl pb::auth_service_server::AuthService for AuthService {
    async fn register(
        &self,
        req: Request<pb::RegisterRequest>,
    ) -> Result<Response<pb::User>, Status> {
        Ok(Response::new(self.inner.register(req.into_inner()).await?))
    }

    async fn login(
        &self,
        req: Request<pb::LoginRequest>,
    ) -> Result<Response<pb::TokenPair>, Status> {
        Ok(Response::new(self.inner.login(req.into_inner()).await?))
    }

    async fn refresh(
        &self,
        req: Request<pb::RefreshRequest>,
    ) -> Result<Response<pb::TokenPair>, Status> {
        Ok(Response::new(self.inner.refresh(req.into_inner()).await?))
    }

    async fn logout(
        &self,
        req: Request<pb::LogoutRequest>,
    ) -> Result<Response<pb::LogoutResponse>, Status> {
        let claims = authenticate(&self.inner.verifier, &req).await?;
        self.inner.logout(&claims.sub, req.into_inner()).await?;
        Ok(Response::new(pb::LogoutResponse {}))
    }

    async fn get_me(&self, req: Request<pb::GetMeRequest>) -> Result<Response<pb::User>, Status> {
        let claims = authenticate(&self.inner.verifier, &req).await?;
        Ok(Response::new(self.inner.me(&claims.sub).await?))
    }

    async fn get_public_keys(
        &self,
        _req: Request<pb::GetPublicKeysRequest>,
    ) -> Result<Response<pb::PublicKeys>, Status> {
        Ok(Response::new(self.inner.public_keys().await))
    }
}
