//! The gRPC face of the auth service.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use artstation_common::jwt::{ACCESS_TOKEN_TYP, ALGORITHM, AccessClaims, KeySource, authenticate};
use artstation_common::{Cache, ErrorCode, Revocations, ServiceError, TokenVerifier};
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
use crate::policy::check_new_password;
use crate::store::{NewSession, RefreshTokenRecord, Rotation, StoreError, UserRecord};
use crate::throttle::LoginThrottle;
use crate::{AuthConfig, AuthError, SharedStore, ttl_secs};

/// Prefix of refresh tokens, so secret scanners and humans can tell what leaked.
const REFRESH_PREFIX: &str = "asr_";
/// Longest login (email or username) worth looking up.
const MAX_LOGIN_BYTES: usize = 254;
/// How often keys are re-read, so a rotation done by `artstationd keys rotate` (another
/// process) is published and activated on time.
const KEY_RELOAD: std::time::Duration = std::time::Duration::from_secs(15);
const DEFAULT_USER_PAGE: u32 = 50;
const MAX_USER_PAGE: u32 = 200;

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
    revocations: Arc<Revocations>,
    throttle: LoginThrottle,
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
    /// Opens the service: loads (or creates) the signing keys, re-seeds the shared cache with
    /// revocations recorded in the database (they must survive a cache restart), and keeps the
    /// keys fresh in the background.
    pub async fn new(
        config: AuthConfig,
        store: SharedStore,
        cache: Arc<Cache>,
    ) -> Result<Self, AuthError> {
        let max_age = chrono_ttl(config.access_token_ttl);
        let ring = keys::load_or_create(&store, max_age).await?;
        let keys = Arc::new(RwLock::new(Arc::new(ring)));
        let revocations = Arc::new(Revocations::new(cache.clone(), config.access_token_ttl));
        let verifier = TokenVerifier::new(
            Arc::new(LocalKeys {
                keys: keys.clone(),
                issuer: config.issuer.clone(),
                audience: config.audience.clone(),
            }),
            revocations.clone(),
        );
        let inner = Arc::new(Inner {
            hashing: PasswordHashing::new(config.hashing_concurrency),
            throttle: LoginThrottle::new(cache),
            config,
            store,
            keys,
            verifier,
            revocations,
        });
        inner.reseed_revocations().await?;
        inner
            .hashing
            .warm_up()
            .await
            .map_err(|e| AuthError::Startup(e.to_string()))?;
        let weak = Arc::downgrade(&inner);
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(KEY_RELOAD);
            tick.tick().await;
            loop {
                tick.tick().await;
                let Some(inner) = weak.upgrade() else { break };
                if let Err(e) = inner.reload_keys().await {
                    tracing::warn!(error = %e, "cannot reload signing keys");
                }
            }
        });
        Ok(Self { inner })
    }

    /// Re-reads the signing keys now (the background task does this every 15 s).
    pub async fn reload_keys(&self) -> Result<(), AuthError> {
        self.inner.reload_keys().await
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

fn user_to_pb(u: &UserRecord) -> pb::User {
    pb::User {
        id: u.id.clone(),
        username: u.username.clone(),
        email: u.email.clone(),
        role: role_to_pb(u.role).into(),
        created_at: Some(artstation_common::time::to_proto(u.created_at)),
        banned: u.banned_at.is_some(),
    }
}

fn role_from_pb(role: i32, field: &str) -> Result<Role, ServiceError> {
    match pb::Role::try_from(role) {
        Ok(pb::Role::Buyer) => Ok(Role::Buyer),
        Ok(pb::Role::Artist) => Ok(Role::Artist),
        Ok(pb::Role::Admin) => Ok(Role::Admin),
        _ => Err(ServiceError::validation(
            field,
            "role must be buyer, artist or admin",
        )),
    }
}

fn require_admin(claims: &AccessClaims) -> Result<(), ServiceError> {
    if claims.role == Role::Admin {
        Ok(())
    } else {
        Err(ServiceError::forbidden("this needs an admin"))
    }
}

fn encode_user_cursor(id: &str) -> String {
    URL_SAFE_NO_PAD.encode(format!("u1:{id}"))
}

fn decode_user_cursor(c: &str) -> Result<String, ServiceError> {
    let bad = || ServiceError::validation("cursor", "malformed cursor");
    let raw = URL_SAFE_NO_PAD.decode(c).map_err(|_| bad())?;
    let s = String::from_utf8(raw).map_err(|_| bad())?;
    s.strip_prefix("u1:").map(str::to_owned).ok_or_else(bad)
}

/// Cache writes that revoke tokens: a failure is logged, not returned, because the database
/// already holds the revocation (refreshes are refused) and the tokens expire soon anyway.
fn log_cache(result: Result<(), artstation_common::cache::CacheError>) {
    if let Err(e) = result {
        tracing::error!(error = %e, "cannot publish a revocation to the shared cache");
    }
}

/// Logins are looked up the way they were stored: Unicode-normalised (NFKC) and lower-cased.
fn normalise_login(login: &str) -> String {
    use unicode_normalization::UnicodeNormalization as _;
    login.trim().nfkc().collect::<String>().to_lowercase()
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
    async fn reload_keys(&self) -> Result<(), AuthError> {
        let records = self.store.signing_keys().await?;
        let ring = keys::ring_at(
            &records,
            artstation_common::now(),
            chrono_ttl(self.config.access_token_ttl),
        )?;
        let mut current = self.keys.write().await;
        if current.active.kid != ring.active.kid {
            tracing::info!(kid = %ring.active.kid, "signing with a new key");
        }
        *current = Arc::new(ring);
        Ok(())
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

    /// Ends every session of a user (except `keep`) and refuses their access tokens at once.
    async fn end_sessions(&self, user_id: &str, keep: Option<&str>) -> Result<(), ServiceError> {
        let now = artstation_common::now();
        let revoked = self
            .store
            .revoke_sessions_of_user(user_id, keep, now)
            .await
            .map_err(store_err)?;
        for sid in &revoked {
            log_cache(self.revocations.revoke_session(sid).await);
        }
        if keep.is_none() {
            self.store
                .set_tokens_valid_after(user_id, now)
                .await
                .map_err(store_err)?;
            log_cache(self.revocations.revoke_user_before(user_id, now).await);
        }
        Ok(())
    }

    async fn user(&self, user_id: &str) -> Result<UserRecord, ServiceError> {
        self.store
            .user_by_id(user_id)
            .await
            .map_err(store_err)?
            .ok_or_else(|| ServiceError::not_found("user"))
    }

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
            banned_at: None,
        };
        self.store.create_user(&user).await.map_err(store_err)?;
        tracing::info!(user_id = %user.id, role = role.as_str(), "registered");
        Ok(user_to_pb(&user))
    }

    async fn login(
        &self,
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
        if req.password.len() > Password::MAX_CHARS * 4 {
            return Err(ServiceError::validation(
                "password",
                format!("at most {} characters", Password::MAX_CHARS),
            ));
        }
        let login = normalise_login(&req.login);
        let user = self.store.user_by_login(&login).await.map_err(store_err)?;
        // Unknown logins are counted under their own name, so throttling behaves the same
        // whether or not the account exists.
        let account = user
            .as_ref()
            .map_or_else(|| format!("login:{login}"), |u| u.id.clone());
        let address = Some(req.client_ip.trim())
            .filter(|a| !a.is_empty())
            .map(str::to_owned)
            .or(peer);
        self.throttle.check(&account, address.as_deref()).await?;
        let ok = self
            .hashing
            .verify(req.password, user.as_ref().map(|u| u.password_hash.clone()))
            .await
            .map_err(ServiceError::internal)?;
        let Some(user) = user.filter(|_| ok) else {
            tracing::info!(?address, "failed login");
            self.throttle
                .record_failure(&account, address.as_deref())
                .await;
            return Err(invalid_credentials());
        };
        self.throttle
            .record_success(&account, address.as_deref())
            .await;
        if user.banned_at.is_some() {
            return Err(ServiceError::forbidden("this account is banned"));
        }
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
            .filter(|u| u.banned_at.is_none())
            .ok_or_else(invalid)?;
        let mut pair = self.sign_access_token(&user, &session_id, now).await?;
        pair.refresh_token = next;
        Ok(pair)
    }

    async fn logout(
        &self,
        claims: &AccessClaims,
        req: pb::LogoutRequest,
    ) -> Result<(), ServiceError> {
        if req.all {
            self.end_sessions(&claims.sub, None).await?;
            tracing::info!(user_id = %claims.sub, "logged out everywhere");
            return Ok(());
        }
        let revoked = self
            .store
            .revoke_session_of_token(
                &refresh_hash(&req.refresh_token),
                &claims.sub,
                artstation_common::now(),
            )
            .await
            .map_err(store_err)?;
        if let Some(sid) = &revoked {
            log_cache(self.revocations.revoke_session(sid).await);
        }
        tracing::info!(user_id = %claims.sub, session = ?revoked, "logout");
        Ok(())
    }

    async fn change_password(
        &self,
        claims: &AccessClaims,
        req: pb::ChangePasswordRequest,
    ) -> Result<(), ServiceError> {
        if req.current_password.len() > Password::MAX_CHARS * 4 {
            return Err(ServiceError::validation("current_password", "too long"));
        }
        let user = self.user(&claims.sub).await?;
        let new = Password::parse(&req.new_password)
            .map_err(|e| ServiceError::validation("new_password", e.reason))?;
        check_new_password(new.expose(), &user.username).map_err(|mut e| {
            e.field = Some("new_password".into());
            e
        })?;
        self.throttle.check(&user.id, None).await?;
        let ok = self
            .hashing
            .verify(req.current_password, Some(user.password_hash.clone()))
            .await
            .map_err(ServiceError::internal)?;
        if !ok {
            self.throttle.record_failure(&user.id, None).await;
            return Err(ServiceError {
                field: Some("current_password".into()),
                ..invalid_credentials()
            });
        }
        let hash = self
            .hashing
            .hash(new.expose().to_owned())
            .await
            .map_err(ServiceError::internal)?;
        self.store
            .set_password_hash(&user.id, &hash)
            .await
            .map_err(store_err)?;
        self.end_sessions(&user.id, Some(&claims.sid)).await?;
        tracing::info!(user_id = %user.id, "password changed; other sessions ended");
        Ok(())
    }

    async fn request_artist(&self, claims: &AccessClaims) -> Result<pb::User, ServiceError> {
        let user = self.user(&claims.sub).await?;
        if user.role == Role::Buyer {
            self.store
                .set_role(&user.id, Role::Artist)
                .await
                .map_err(store_err)?;
            tracing::info!(user_id = %user.id, "buyer became an artist");
        }
        Ok(user_to_pb(&self.user(&claims.sub).await?))
    }

    async fn list_users(
        &self,
        req: pb::ListUsersRequest,
    ) -> Result<pb::ListUsersResponse, ServiceError> {
        let limit = match req.limit {
            0 => DEFAULT_USER_PAGE,
            n if n <= MAX_USER_PAGE => n,
            _ => {
                return Err(ServiceError::validation(
                    "limit",
                    format!("must be 1 to {MAX_USER_PAGE}"),
                ));
            }
        };
        if req.query.len() > MAX_LOGIN_BYTES {
            return Err(ServiceError::validation("q", "query too long"));
        }
        let after = match req.cursor.as_str() {
            "" => None,
            c => Some(decode_user_cursor(c)?),
        };
        let query = Some(normalise_login(&req.query)).filter(|q| !q.is_empty());
        let mut rows = self
            .store
            .list_users(query.as_deref(), limit + 1, after.as_deref())
            .await
            .map_err(store_err)?;
        let more = rows.len() > limit as usize;
        rows.truncate(limit as usize);
        let next_cursor = match (more, rows.last()) {
            (true, Some(last)) => encode_user_cursor(&last.id),
            _ => String::new(),
        };
        Ok(pb::ListUsersResponse {
            items: rows.iter().map(user_to_pb).collect(),
            next_cursor,
        })
    }

    async fn set_banned(
        &self,
        admin: &AccessClaims,
        user_id: &str,
        banned: bool,
    ) -> Result<pb::User, ServiceError> {
        if banned && admin.sub == user_id {
            return Err(ServiceError::validation(
                "user_id",
                "admins cannot ban themselves",
            ));
        }
        let at = banned.then(artstation_common::now);
        if !self
            .store
            .set_banned(user_id, at)
            .await
            .map_err(store_err)?
        {
            return Err(ServiceError::not_found("user"));
        }
        if banned {
            self.end_sessions(user_id, None).await?;
        }
        tracing::info!(admin = %admin.sub, %user_id, banned, "ban changed");
        Ok(user_to_pb(&self.user(user_id).await?))
    }

    async fn set_role(
        &self,
        admin: &AccessClaims,
        req: pb::SetRoleRequest,
    ) -> Result<pb::User, ServiceError> {
        let role = role_from_pb(req.role, "role")?;
        if admin.sub == req.user_id && role != Role::Admin {
            return Err(ServiceError::validation(
                "role",
                "admins cannot demote themselves",
            ));
        }
        if !self
            .store
            .set_role(&req.user_id, role)
            .await
            .map_err(store_err)?
        {
            return Err(ServiceError::not_found("user"));
        }
        // Tokens carry the role: the old ones must stop; refreshing yields the new role.
        let now = artstation_common::now();
        self.store
            .set_tokens_valid_after(&req.user_id, now)
            .await
            .map_err(store_err)?;
        log_cache(self.revocations.revoke_user_before(&req.user_id, now).await);
        tracing::info!(admin = %admin.sub, user_id = %req.user_id, role = role.as_str(), "role changed");
        Ok(user_to_pb(&self.user(&req.user_id).await?))
    }

    async fn me(&self, user_id: &str) -> Result<pb::User, ServiceError> {
        Ok(user_to_pb(&self.user(user_id).await?))
    }

    async fn public_keys(&self) -> pb::PublicKeys {
        // Verifiers ask for keys when they meet an unknown `kid`, typically right after a
        // rotation: answer from the database, not from the last periodic reload.
        if let Err(e) = self.reload_keys().await {
            tracing::warn!(error = %e, "cannot reload signing keys; serving the cached set");
        }
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
        let peer = req.remote_addr().map(|a| a.ip().to_string());
        Ok(Response::new(
            self.inner.login(req.into_inner(), peer).await?,
        ))
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
        self.inner.logout(&claims, req.into_inner()).await?;
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

    async fn change_password(
        &self,
        req: Request<pb::ChangePasswordRequest>,
    ) -> Result<Response<pb::ChangePasswordResponse>, Status> {
        let claims = authenticate(&self.inner.verifier, &req).await?;
        self.inner
            .change_password(&claims, req.into_inner())
            .await?;
        Ok(Response::new(pb::ChangePasswordResponse {}))
    }

    async fn request_artist_role(
        &self,
        req: Request<pb::RequestArtistRoleRequest>,
    ) -> Result<Response<pb::User>, Status> {
        let claims = authenticate(&self.inner.verifier, &req).await?;
        Ok(Response::new(self.inner.request_artist(&claims).await?))
    }

    async fn list_users(
        &self,
        req: Request<pb::ListUsersRequest>,
    ) -> Result<Response<pb::ListUsersResponse>, Status> {
        let claims = authenticate(&self.inner.verifier, &req).await?;
        require_admin(&claims)?;
        Ok(Response::new(
            self.inner.list_users(req.into_inner()).await?,
        ))
    }

    async fn ban_user(
        &self,
        req: Request<pb::BanUserRequest>,
    ) -> Result<Response<pb::User>, Status> {
        let claims = authenticate(&self.inner.verifier, &req).await?;
        require_admin(&claims)?;
        let id = req.into_inner().user_id;
        Ok(Response::new(
            self.inner.set_banned(&claims, &id, true).await?,
        ))
    }

    async fn unban_user(
        &self,
        req: Request<pb::UnbanUserRequest>,
    ) -> Result<Response<pb::User>, Status> {
        let claims = authenticate(&self.inner.verifier, &req).await?;
        require_admin(&claims)?;
        let id = req.into_inner().user_id;
        Ok(Response::new(
            self.inner.set_banned(&claims, &id, false).await?,
        ))
    }

    async fn set_role(
        &self,
        req: Request<pb::SetRoleRequest>,
    ) -> Result<Response<pb::User>, Status> {
        let claims = authenticate(&self.inner.verifier, &req).await?;
        require_admin(&claims)?;
        Ok(Response::new(
            self.inner.set_role(&claims, req.into_inner()).await?,
        ))
    }
}
