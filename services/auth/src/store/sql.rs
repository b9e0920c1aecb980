//! The SQL of the auth store, written once for both backends: SQLite and PostgreSQL accept the
//! same `$n` placeholders, `RETURNING` and the types used here, so one macro body generates both
//! implementations and the conformance suite holds them to the same behaviour.

macro_rules! auth_store_impl {
    ($store:ident, $pool:ty, $migrations:literal) => {
        use artstation_domain::Role;
        use chrono::{DateTime, Utc};

        const USER_COLUMNS: &str =
            "id, email, username, password_hash, role, created_at, banned_at";

        use super::{
            AuthStore, NewSession, RecentRevocations, RefreshTokenRecord, Rotation,
            SigningKeyRecord, StoreError, UserFilter, UserRecord, parse_role, unique_violation,
        };

        pub struct $store {
            pool: $pool,
        }

        impl $store {
            pub fn new(pool: $pool) -> Self {
                Self { pool }
            }
        }

        #[derive(sqlx::FromRow)]
        struct UserRow {
            id: String,
            email: String,
            username: String,
            password_hash: String,
            role: String,
            created_at: DateTime<Utc>,
            banned_at: Option<DateTime<Utc>>,
        }

        impl TryFrom<UserRow> for UserRecord {
            type Error = StoreError;
            fn try_from(r: UserRow) -> Result<Self, StoreError> {
                Ok(UserRecord {
                    role: parse_role(&r.role)?,
                    id: r.id,
                    email: r.email,
                    username: r.username,
                    password_hash: r.password_hash,
                    created_at: r.created_at,
                    banned_at: r.banned_at,
                })
            }
        }

        #[derive(sqlx::FromRow)]
        struct KeyRow {
            kid: String,
            private_pkcs8: Vec<u8>,
            public_x: String,
            created_at: DateTime<Utc>,
            activates_at: Option<DateTime<Utc>>,
        }

        /// Stores one signing key, alone or inside the first key's claim.
        async fn insert_key(
            conn: &mut <<$pool as artstation_common::db::BeginWrite>::Db as sqlx::Database>::Connection,
            k: &SigningKeyRecord,
        ) -> Result<(), StoreError> {
            sqlx::query(
                "INSERT INTO signing_keys (kid, private_pkcs8, public_x, created_at, \
                 activates_at) VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(&k.kid)
            .bind(&k.private_pkcs8)
            .bind(&k.public_x)
            .bind(k.created_at)
            .bind(k.activates_at)
            .execute(&mut *conn)
            .await?;
            Ok(())
        }

        #[async_trait::async_trait]
        impl AuthStore for $store {
            async fn migrate(&self) -> Result<(), StoreError> {
                sqlx::migrate!($migrations)
                    .run(&self.pool)
                    .await
                    .map_err(|e| StoreError::Open(e.into()))
            }

            async fn create_user(&self, u: &UserRecord) -> Result<(), StoreError> {
                sqlx::query(
                    "INSERT INTO users (id, email, username, password_hash, role, created_at) \
                     VALUES ($1, $2, $3, $4, $5, $6)",
                )
                .bind(&u.id)
                .bind(&u.email)
                .bind(&u.username)
                .bind(&u.password_hash)
                .bind(u.role.as_str())
                .bind(u.created_at)
                .execute(&self.pool)
                .await
                .map_err(|e| match unique_violation(&e) {
                    Some(field) => StoreError::Conflict(field),
                    None => e.into(),
                })?;
                Ok(())
            }

            async fn user_by_login(&self, login: &str) -> Result<Option<UserRecord>, StoreError> {
                sqlx::query_as::<_, UserRow>(sqlx::AssertSqlSafe(format!(
                    "SELECT {USER_COLUMNS} FROM users WHERE email = $1 OR username = $1"
                )))
                .bind(login)
                .fetch_optional(&self.pool)
                .await?
                .map(UserRecord::try_from)
                .transpose()
            }

            async fn user_by_id(&self, id: &str) -> Result<Option<UserRecord>, StoreError> {
                sqlx::query_as::<_, UserRow>(sqlx::AssertSqlSafe(format!(
                    "SELECT {USER_COLUMNS} FROM users WHERE id = $1"
                )))
                .bind(id)
                .fetch_optional(&self.pool)
                .await?
                .map(UserRecord::try_from)
                .transpose()
            }

            async fn set_password_hash(&self, user_id: &str, hash: &str) -> Result<(), StoreError> {
                sqlx::query("UPDATE users SET password_hash = $2 WHERE id = $1")
                    .bind(user_id)
                    .bind(hash)
                    .execute(&self.pool)
                    .await?;
                Ok(())
            }

            async fn set_role(&self, user_id: &str, role: Role) -> Result<bool, StoreError> {
                let done = sqlx::query("UPDATE users SET role = $2 WHERE id = $1")
                    .bind(user_id)
                    .bind(role.as_str())
                    .execute(&self.pool)
                    .await?;
                Ok(done.rows_affected() > 0)
            }

            async fn set_banned(
                &self,
                user_id: &str,
                banned_at: Option<DateTime<Utc>>,
            ) -> Result<bool, StoreError> {
                let done = sqlx::query("UPDATE users SET banned_at = $2 WHERE id = $1")
                    .bind(user_id)
                    .bind(banned_at)
                    .execute(&self.pool)
                    .await?;
                Ok(done.rows_affected() > 0)
            }

            async fn set_tokens_valid_after(
                &self,
                user_id: &str,
                at: DateTime<Utc>,
            ) -> Result<(), StoreError> {
                sqlx::query("UPDATE users SET tokens_valid_after = $2 WHERE id = $1")
                    .bind(user_id)
                    .bind(at)
                    .execute(&self.pool)
                    .await?;
                Ok(())
            }

            async fn list_users(
                &self,
                filter: &UserFilter,
                limit: u32,
                after_id: Option<&str>,
            ) -> Result<Vec<UserRecord>, StoreError> {
                // `query` is matched literally: LIKE wildcards in it are escaped.
                let pattern = filter.query.as_deref().map(|q| {
                    let escaped = q
                        .to_lowercase()
                        .replace('\\', "\\\\")
                        .replace('%', "\\%")
                        .replace('_', "\\_");
                    format!("%{escaped}%")
                });
                let rows = sqlx::query_as::<_, UserRow>(sqlx::AssertSqlSafe(format!(
                    "SELECT {USER_COLUMNS} FROM users \
                     WHERE ($1 IS NULL OR email LIKE $1 ESCAPE '\\' OR username LIKE $1 ESCAPE '\\') \
                     AND ($2 IS NULL OR id > $2) AND ($4 IS NULL OR role = $4) \
                     AND ($5 IS NULL OR (banned_at IS NOT NULL) = $5) ORDER BY id LIMIT $3"
                )))
                .bind(pattern)
                .bind(after_id)
                .bind(i64::from(limit))
                .bind(filter.role.map(|r| r.as_str()))
                .bind(filter.banned)
                .fetch_all(&self.pool)
                .await?;
                rows.into_iter().map(UserRecord::try_from).collect()
            }

            async fn insert_signing_key(&self, k: &SigningKeyRecord) -> Result<(), StoreError> {
                let mut conn = self.pool.acquire().await?;
                insert_key(&mut conn, k).await
            }

            async fn insert_first_signing_key(
                &self,
                k: &SigningKeyRecord,
            ) -> Result<bool, StoreError> {
                let mut tx = artstation_common::db::BeginWrite::begin_write(&self.pool).await?;
                // The primary key makes a concurrent claimer wait for this transaction and
                // then find the row taken.
                let claimed = sqlx::query(
                    "INSERT INTO first_signing_key (one, kid) VALUES (1, $1) \
                     ON CONFLICT (one) DO NOTHING",
                )
                .bind(&k.kid)
                .execute(&mut *tx)
                .await?
                .rows_affected()
                    == 1;
                if claimed {
                    insert_key(&mut tx, k).await?;
                }
                tx.commit().await?;
                Ok(claimed)
            }

            async fn signing_keys(&self) -> Result<Vec<SigningKeyRecord>, StoreError> {
                let rows = sqlx::query_as::<_, KeyRow>(
                    "SELECT kid, private_pkcs8, public_x, created_at, activates_at \
                     FROM signing_keys ORDER BY created_at, kid",
                )
                .fetch_all(&self.pool)
                .await?;
                Ok(rows
                    .into_iter()
                    .map(|r| SigningKeyRecord {
                        kid: r.kid,
                        private_pkcs8: r.private_pkcs8,
                        public_x: r.public_x,
                        created_at: r.created_at,
                        activates_at: r.activates_at,
                    })
                    .collect())
            }

            async fn create_session(
                &self,
                s: &NewSession,
                first: &RefreshTokenRecord,
            ) -> Result<(), StoreError> {
                let mut tx = artstation_common::db::BeginWrite::begin_write(&self.pool).await?;
                sqlx::query(
                    "INSERT INTO sessions (id, user_id, created_at, expires_at) \
                     VALUES ($1, $2, $3, $4)",
                )
                .bind(&s.id)
                .bind(&s.user_id)
                .bind(s.created_at)
                .bind(s.expires_at)
                .execute(&mut *tx)
                .await?;
                sqlx::query(
                    "INSERT INTO refresh_tokens (token_hash, session_id, created_at, expires_at) \
                     VALUES ($1, $2, $3, $4)",
                )
                .bind(&first.token_hash)
                .bind(&s.id)
                .bind(first.created_at)
                .bind(first.expires_at)
                .execute(&mut *tx)
                .await?;
                tx.commit().await?;
                Ok(())
            }

            async fn rotate_refresh_token(
                &self,
                old_hash: &str,
                new: &RefreshTokenRecord,
                now: DateTime<Utc>,
            ) -> Result<Rotation, StoreError> {
                let mut tx = artstation_common::db::BeginWrite::begin_write(&self.pool).await?;
                // Writing first takes the write lock at once (SQLite) or the row lock
                // (PostgreSQL), so of two concurrent rotations exactly one sees the token unspent.
                let spent: Option<(String, DateTime<Utc>)> = sqlx::query_as(
                    "UPDATE refresh_tokens SET spent_at = $2 \
                     WHERE token_hash = $1 AND spent_at IS NULL \
                     RETURNING session_id, expires_at",
                )
                .bind(old_hash)
                .bind(now)
                .fetch_optional(&mut *tx)
                .await?;
                let Some((session_id, token_expires_at)) = spent else {
                    let known: Option<(String,)> = sqlx::query_as(
                        "SELECT session_id FROM refresh_tokens WHERE token_hash = $1",
                    )
                    .bind(old_hash)
                    .fetch_optional(&mut *tx)
                    .await?;
                    let Some((session_id,)) = known else {
                        return Ok(Rotation::Invalid);
                    };
                    sqlx::query(
                        "UPDATE sessions SET revoked_at = $2 \
                         WHERE id = $1 AND revoked_at IS NULL",
                    )
                    .bind(&session_id)
                    .bind(now)
                    .execute(&mut *tx)
                    .await?;
                    tx.commit().await?;
                    return Ok(Rotation::Reused { session_id });
                };
                let session: Option<(String, DateTime<Utc>, Option<DateTime<Utc>>)> =
                    sqlx::query_as(
                        "SELECT user_id, expires_at, revoked_at FROM sessions WHERE id = $1",
                    )
                    .bind(&session_id)
                    .fetch_optional(&mut *tx)
                    .await?;
                let live = matches!(
                    &session,
                    Some((_, expires, None)) if *expires > now && token_expires_at > now
                );
                let Some((user_id, _, _)) = session.filter(|_| live) else {
                    // Keep the token spent: an expired token must not become usable again.
                    tx.commit().await?;
                    return Ok(Rotation::Invalid);
                };
                sqlx::query(
                    "INSERT INTO refresh_tokens (token_hash, session_id, created_at, expires_at) \
                     VALUES ($1, $2, $3, $4)",
                )
                .bind(&new.token_hash)
                .bind(&session_id)
                .bind(new.created_at)
                .bind(new.expires_at)
                .execute(&mut *tx)
                .await?;
                tx.commit().await?;
                Ok(Rotation::Rotated {
                    user_id,
                    session_id,
                })
            }

            async fn revoke_sessions_of_user(
                &self,
                user_id: &str,
                keep: Option<&str>,
                now: DateTime<Utc>,
            ) -> Result<Vec<String>, StoreError> {
                let rows: Vec<(String,)> = sqlx::query_as(
                    "UPDATE sessions SET revoked_at = $3 \
                     WHERE user_id = $1 AND revoked_at IS NULL AND ($2 IS NULL OR id <> $2) \
                     RETURNING id",
                )
                .bind(user_id)
                .bind(keep)
                .bind(now)
                .fetch_all(&self.pool)
                .await?;
                Ok(rows.into_iter().map(|(id,)| id).collect())
            }

            async fn revocations_since(
                &self,
                since: DateTime<Utc>,
            ) -> Result<RecentRevocations, StoreError> {
                let sessions: Vec<(String,)> =
                    sqlx::query_as("SELECT id FROM sessions WHERE revoked_at > $1")
                        .bind(since)
                        .fetch_all(&self.pool)
                        .await?;
                let users: Vec<(String, DateTime<Utc>)> = sqlx::query_as(
                    "SELECT id, tokens_valid_after FROM users WHERE tokens_valid_after > $1",
                )
                .bind(since)
                .fetch_all(&self.pool)
                .await?;
                Ok(RecentRevocations {
                    sessions: sessions.into_iter().map(|(id,)| id).collect(),
                    users,
                })
            }

            async fn revoke_session_of_token(
                &self,
                token_hash: &str,
                user_id: &str,
                now: DateTime<Utc>,
            ) -> Result<Option<String>, StoreError> {
                let revoked: Option<(String,)> = sqlx::query_as(
                    "UPDATE sessions SET revoked_at = $3 \
                     WHERE revoked_at IS NULL AND user_id = $2 AND id = \
                       (SELECT session_id FROM refresh_tokens WHERE token_hash = $1) \
                     RETURNING id",
                )
                .bind(token_hash)
                .bind(user_id)
                .bind(now)
                .fetch_optional(&self.pool)
                .await?;
                Ok(revoked.map(|(id,)| id))
            }
        }
    };
}

pub(super) use auth_store_impl;
