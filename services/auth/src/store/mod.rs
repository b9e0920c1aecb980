//! The auth service's storage: one trait, one implementation per backend, chosen once at start
//! from the database URL.

mod postgres;
mod sql;
mod sqlite;

use std::sync::Arc;

use artstation_common::db::{self, Backend};
use artstation_common::{ErrorCode, ServiceError};
use artstation_domain::Role;
use chrono::{DateTime, Utc};

pub use artstation_common::audit::{AuditEntry, AuditFilter, AuditStore};
pub use postgres::PgAuthStore;
pub use sqlite::SqliteAuthStore;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// A unique field (`email` or `username`) is taken.
    #[error("{0} is already taken")]
    Conflict(&'static str),
    #[error("stored data is corrupt: {0}")]
    Corrupt(String),
    #[error(transparent)]
    Db(#[from] sqlx::Error),
    #[error(transparent)]
    Open(#[from] db::DbError),
}

/// A taken unique field is the caller's to fix (and names the field); anything else is ours.
impl From<StoreError> for ServiceError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::Conflict(field) => ServiceError {
                field: Some(field.to_owned()),
                ..ServiceError::new(ErrorCode::Conflict, format!("{field} is already taken"))
            },
            StoreError::Db(e) if artstation_common::db::is_unavailable(&e) => {
                artstation_common::db::unavailable(&e)
            }
            other => ServiceError::internal(other),
        }
    }
}

/// The store as every part of the service holds it.
pub type SharedStore = Arc<dyn AuthStore>;

/// A user as stored, including the password hash, which never leaves this crate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserRecord {
    pub id: String,
    pub email: String,
    pub username: String,
    pub password_hash: String,
    pub role: Role,
    pub created_at: DateTime<Utc>,
    pub banned_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SigningKeyRecord {
    pub kid: String,
    /// PKCS#8 v1 DER of the Ed25519 private key.
    pub private_pkcs8: Vec<u8>,
    /// base64url of the public key, as in a JWK's `x`.
    pub public_x: String,
    pub created_at: DateTime<Utc>,
    /// Signs only from then on; `None` means since `created_at`.
    pub activates_at: Option<DateTime<Utc>>,
}

impl SigningKeyRecord {
    pub fn active_from(&self) -> DateTime<Utc> {
        self.activates_at.unwrap_or(self.created_at)
    }
}

/// Revocations recorded in the database, to re-seed the shared cache after a restart.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RecentRevocations {
    pub sessions: Vec<String>,
    /// (user id, tokens valid after) pairs.
    pub users: Vec<(String, DateTime<Utc>)>,
}

/// Which users to list: email or username containing `query`, of `role`, banned or not
/// (`None`: any).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UserFilter {
    pub query: Option<String>,
    pub role: Option<Role>,
    pub banned: Option<bool>,
}

/// A login session: the family of refresh tokens that rotate from one login.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSession {
    pub id: String,
    pub user_id: String,
    pub created_at: DateTime<Utc>,
    /// Absolute end of the session, however often it is refreshed.
    pub expires_at: DateTime<Utc>,
}

/// A refresh token as stored: only its SHA-256, never the token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefreshTokenRecord {
    pub token_hash: String,
    pub created_at: DateTime<Utc>,
    /// Idle expiry: unused this long, the token dies.
    pub expires_at: DateTime<Utc>,
}

/// What happened to a refresh token presented for rotation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rotation {
    /// Spent; the new token now belongs to this session.
    Rotated { user_id: String, session_id: String },
    /// Already spent before: a sign of theft, so the whole session has been revoked.
    Reused { session_id: String },
    /// Unknown, expired, or its session is over.
    Invalid,
}

#[async_trait::async_trait]
pub trait AuthStore: AuditStore<Error = StoreError> + Send + Sync + 'static {
    /// Applies this backend's migrations.
    async fn migrate(&self) -> Result<(), StoreError>;

    async fn create_user(&self, user: &UserRecord) -> Result<(), StoreError>;
    /// Finds a user by normalised email or username.
    async fn user_by_login(&self, login: &str) -> Result<Option<UserRecord>, StoreError>;
    async fn user_by_id(&self, id: &str) -> Result<Option<UserRecord>, StoreError>;

    async fn set_password_hash(&self, user_id: &str, hash: &str) -> Result<(), StoreError>;
    async fn set_role(&self, user_id: &str, role: Role) -> Result<bool, StoreError>;
    /// Bans (`Some`) or unbans (`None`) a user; false if there is no such user.
    async fn set_banned(
        &self,
        user_id: &str,
        banned_at: Option<DateTime<Utc>>,
    ) -> Result<bool, StoreError>;
    /// Refuses every access token of the user issued before `at`.
    async fn set_tokens_valid_after(
        &self,
        user_id: &str,
        at: DateTime<Utc>,
    ) -> Result<(), StoreError>;
    /// Users `filter` selects, by id, after `after_id`.
    async fn list_users(
        &self,
        filter: &UserFilter,
        limit: u32,
        after_id: Option<&str>,
    ) -> Result<Vec<UserRecord>, StoreError>;

    async fn insert_signing_key(&self, key: &SigningKeyRecord) -> Result<(), StoreError>;
    /// Stores `key` only if no replica has stored a first key yet; `false` when one did (then
    /// nothing is written and the caller reads theirs).
    async fn insert_first_signing_key(&self, key: &SigningKeyRecord) -> Result<bool, StoreError>;
    /// Every signing key, oldest first.
    async fn signing_keys(&self) -> Result<Vec<SigningKeyRecord>, StoreError>;

    /// Starts a session with its first refresh token, atomically.
    async fn create_session(
        &self,
        session: &NewSession,
        first: &RefreshTokenRecord,
    ) -> Result<(), StoreError>;
    /// Spends `old_hash` and, if it was live, stores `new` in its session. Of concurrent
    /// rotations of one token exactly one gets `Rotated`.
    async fn rotate_refresh_token(
        &self,
        old_hash: &str,
        new: &RefreshTokenRecord,
        now: DateTime<Utc>,
    ) -> Result<Rotation, StoreError>;
    /// Revokes every live session of a user except `keep` and returns the ids revoked.
    async fn revoke_sessions_of_user(
        &self,
        user_id: &str,
        keep: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<Vec<String>, StoreError>;
    /// Sessions revoked and per-user cut-offs set after `since`.
    async fn revocations_since(
        &self,
        since: DateTime<Utc>,
    ) -> Result<RecentRevocations, StoreError>;
    /// Revokes the session `token_hash` belongs to, if it is `user_id`'s and live. Returns
    /// the id of the session revoked.
    async fn revoke_session_of_token(
        &self,
        token_hash: &str,
        user_id: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<String>, StoreError>;
}

/// Opens the store a database URL names and applies its migrations.
pub async fn open(url: &str) -> Result<Arc<dyn AuthStore>, StoreError> {
    // Before connecting: the first connection to a fresh SQLite file switches it to WAL,
    // which another opener of the same file at that moment can make fail as "locked".
    let _lock = db::migration_lock(url).await?;
    let store: Arc<dyn AuthStore> = match Backend::of_url(url)? {
        Backend::Sqlite => Arc::new(SqliteAuthStore::new(db::connect_sqlite(url).await?)),
        Backend::Postgres => Arc::new(PgAuthStore::new(db::connect_postgres(url).await?)),
    };
    store.migrate().await?;
    Ok(store)
}

/// Which unique field a unique-constraint violation is about.
fn unique_violation(e: &sqlx::Error) -> Option<&'static str> {
    let db = e.as_database_error()?;
    if !db.is_unique_violation() {
        return None;
    }
    let what = db.constraint().unwrap_or_else(|| db.message());
    Some(if what.contains("email") {
        "email"
    } else {
        "username"
    })
}

fn parse_role(s: &str) -> Result<Role, StoreError> {
    Role::parse(s).map_err(|e| StoreError::Corrupt(e.to_string()))
}
