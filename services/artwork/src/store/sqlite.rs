super::sql::artwork_store_impl!(
    SqliteArtworkStore,
    sqlx::SqlitePool,
    sqlx::Sqlite,
    "../../migrations/artwork/sqlite"
);
super::catalogue_sql::catalogue_store_impl!(SqliteArtworkStore, sqlx::Sqlite, false);
super::search_sql::search_store_impl!(SqliteArtworkStore, sqlx::Sqlite, false);
