super::sql::artwork_store_impl!(
    SqliteArtworkStore,
    sqlx::SqlitePool,
    "../../migrations/artwork/sqlite"
);
