//! The SQL of the artist's own view (see `mine_store.rs`), once for both backends.

macro_rules! mine_store_impl {
    ($store:ident, $db:ty) => {
        mod mine_impl {
            use artstation_domain::ArtworkStatus;
            use sqlx::QueryBuilder;

            use super::super::mine_store::{MAX_LOOKUP, MineStore, OwnedOriginal};
            use super::super::{ArtworkRecord, StoreError};
            use super::{COLUMNS, Row, $store};

            #[async_trait::async_trait]
            impl MineStore for $store {
                async fn lookup_sha256(
                    &self,
                    artist_id: &str,
                    sha256s: &[String],
                ) -> Result<Vec<OwnedOriginal>, StoreError> {
                    if sha256s.is_empty() {
                        return Ok(Vec::new());
                    }
                    if sha256s.len() > MAX_LOOKUP {
                        return Err(StoreError::Invalid {
                            field: "sha256".into(),
                            message: format!("at most {MAX_LOOKUP} at once"),
                        });
                    }
                    // The live-SHA-256 unique index is (artist_id, sha256), so this is one
                    // index probe per hash.
                    let mut q = QueryBuilder::<$db>::new(
                        "SELECT sha256, id, status, hidden_at IS NOT NULL AS hidden \
                         FROM artworks WHERE deleted_at IS NULL AND artist_id = ",
                    );
                    q.push_bind(artist_id).push(" AND sha256 IN (");
                    let mut list = q.separated(", ");
                    for sha in sha256s {
                        list.push_bind(sha.as_str());
                    }
                    q.push(")");
                    let rows: Vec<(String, String, String, bool)> =
                        q.build_query_as().fetch_all(&self.pool).await?;
                    rows.into_iter()
                        .map(|(sha256, id, status, hidden)| {
                            let status = if hidden {
                                ArtworkStatus::Hidden
                            } else {
                                ArtworkStatus::parse(&status).map_err(|_| {
                                    StoreError::Corrupt(format!("artwork {id}: status"))
                                })?
                            };
                            Ok(OwnedOriginal { sha256, id, status })
                        })
                        .collect()
                }

                async fn list_mine(
                    &self,
                    artist_id: &str,
                    status: Option<ArtworkStatus>,
                    limit: u32,
                    before_id: Option<&str>,
                ) -> Result<Vec<ArtworkRecord>, StoreError> {
                    // Hidden is moderation's column, not the artist's status: a hidden draft
                    // is listed as hidden, never as a draft.
                    let status_filter = match status {
                        None => "",
                        Some(ArtworkStatus::Hidden) => " AND hidden_at IS NOT NULL",
                        Some(ArtworkStatus::Draft) => " AND hidden_at IS NULL AND status = 'draft'",
                        Some(ArtworkStatus::Published) => {
                            " AND hidden_at IS NULL AND status = 'published'"
                        }
                    };
                    let mut q = QueryBuilder::<$db>::new(format!(
                        "SELECT {COLUMNS} FROM artworks WHERE deleted_at IS NULL{status_filter} \
                         AND artist_id = "
                    ));
                    q.push_bind(artist_id);
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

pub(super) use mine_store_impl;
