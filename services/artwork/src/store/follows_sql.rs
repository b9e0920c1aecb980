//! The SQL of the follow store (see `follows_store.rs`), once for both backends.

macro_rules! follow_store_impl {
    ($store:ident, $db:ty) => {
        mod follow_impl {
            use chrono::{DateTime, Utc};
            use sqlx::QueryBuilder;

            use super::super::follows_store::{ArtistRef, FollowOutcome, FollowStore, MAX_FOLLOWS};
            use super::super::{ArtworkRecord, StoreError};
            use super::{COLUMNS, Row, $store};

            /// Public works, as every public list reads them: derivatives made too.
            const PUBLIC: &str = "status = 'published' AND hidden_at IS NULL \
                 AND deleted_at IS NULL AND derivatives = 'ready'";

            #[async_trait::async_trait]
            impl FollowStore for $store {
                async fn find_artist(&self, key: &str) -> Result<Option<ArtistRef>, StoreError> {
                    // By id first (an id is never a username anyone could choose): any live
                    // work names the artist. By username, only public works do (that is the
                    // name the catalogue shows, and its index).
                    let by_id: Option<(String, String)> = sqlx::query_as(
                        "SELECT artist_id, artist_username FROM artworks \
                         WHERE artist_id = $1 AND deleted_at IS NULL ORDER BY id DESC LIMIT 1",
                    )
                    .bind(key)
                    .fetch_optional(&self.pool)
                    .await?;
                    if let Some((id, username)) = by_id {
                        let public: Option<(i32,)> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
                            "SELECT 1 FROM artworks WHERE artist_id = $1 AND {PUBLIC} LIMIT 1"
                        )))
                        .bind(&id)
                        .fetch_optional(&self.pool)
                        .await?;
                        return Ok(Some(ArtistRef {
                            id,
                            username,
                            public: public.is_some(),
                        }));
                    }
                    let by_name: Option<(String, String)> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
                        "SELECT artist_id, artist_username FROM artworks \
                         WHERE artist_username = $1 AND {PUBLIC} ORDER BY id DESC LIMIT 1"
                    )))
                    .bind(key)
                    .fetch_optional(&self.pool)
                    .await?;
                    Ok(by_name.map(|(id, username)| ArtistRef {
                        id,
                        username,
                        public: true,
                    }))
                }

                async fn follow(
                    &self,
                    follower_id: &str,
                    artist_id: &str,
                    at: DateTime<Utc>,
                ) -> Result<FollowOutcome, StoreError> {
                    if follower_id == artist_id {
                        return Err(StoreError::Invalid {
                            field: "id".into(),
                            message: "you cannot follow yourself".into(),
                        });
                    }
                    let mut tx =
                        artstation_common::db::BeginWrite::begin_write(&self.pool).await?;
                    let existing: Option<(i32,)> = sqlx::query_as(
                        "SELECT 1 FROM follows WHERE follower_id = $1 AND artist_id = $2",
                    )
                    .bind(follower_id)
                    .bind(artist_id)
                    .fetch_optional(&mut *tx)
                    .await?;
                    if existing.is_some() {
                        return Ok(FollowOutcome::AlreadyFollowing);
                    }
                    let (count,): (i64,) =
                        sqlx::query_as("SELECT COUNT(*) FROM follows WHERE follower_id = $1")
                            .bind(follower_id)
                            .fetch_one(&mut *tx)
                            .await?;
                    if u64::try_from(count).unwrap_or(0) >= MAX_FOLLOWS {
                        return Ok(FollowOutcome::TooMany);
                    }
                    // A concurrent follow of the same pair may have won since the check.
                    let done = sqlx::query(
                        "INSERT INTO follows (follower_id, artist_id, created_at) \
                         VALUES ($1, $2, $3) ON CONFLICT (follower_id, artist_id) DO NOTHING",
                    )
                    .bind(follower_id)
                    .bind(artist_id)
                    .bind(at)
                    .execute(&mut *tx)
                    .await?;
                    tx.commit().await?;
                    Ok(if done.rows_affected() == 1 {
                        FollowOutcome::Followed
                    } else {
                        FollowOutcome::AlreadyFollowing
                    })
                }

                async fn unfollow(
                    &self,
                    follower_id: &str,
                    artist_id: &str,
                ) -> Result<bool, StoreError> {
                    let done =
                        sqlx::query("DELETE FROM follows WHERE follower_id = $1 AND artist_id = $2")
                            .bind(follower_id)
                            .bind(artist_id)
                            .execute(&self.pool)
                            .await?;
                    Ok(done.rows_affected() > 0)
                }

                async fn followed_artists(
                    &self,
                    follower_id: &str,
                ) -> Result<Vec<String>, StoreError> {
                    let rows: Vec<(String,)> = sqlx::query_as(
                        "SELECT artist_id FROM follows WHERE follower_id = $1 LIMIT $2",
                    )
                    .bind(follower_id)
                    .bind(i64::try_from(MAX_FOLLOWS).unwrap_or(i64::MAX))
                    .fetch_all(&self.pool)
                    .await?;
                    Ok(rows.into_iter().map(|(a,)| a).collect())
                }

                async fn feed(
                    &self,
                    follower_id: &str,
                    limit: u32,
                    before_id: Option<&str>,
                ) -> Result<Vec<ArtworkRecord>, StoreError> {
                    let mut q = QueryBuilder::<$db>::new(format!(
                        "SELECT {COLUMNS} FROM artworks WHERE {PUBLIC} AND artist_id IN \
                         (SELECT artist_id FROM follows WHERE follower_id = "
                    ));
                    q.push_bind(follower_id).push(")");
                    if let Some(before) = before_id {
                        q.push(" AND id < ").push_bind(before);
                    }
                    q.push(" ORDER BY id DESC LIMIT ")
                        .push_bind(i64::from(limit));
                    let rows = q.build_query_as::<Row>().fetch_all(&self.pool).await?;
                    rows.into_iter().map(ArtworkRecord::try_from).collect()
                }
            }
        }
    };
}

pub(super) use follow_store_impl;
