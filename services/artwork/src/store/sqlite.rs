//! The artwork store on SQLite: the shared SQL of `sql.rs`, `catalogue_sql.rs`,
//! `search_sql.rs` and `entitlement_sql.rs`, instantiated for this backend.

super::sql::artwork_store_impl!(
    SqliteArtworkStore,
    sqlx::SqlitePool,
    sqlx::Sqlite,
    "../../migrations/artwork/sqlite"
);
super::catalogue_sql::catalogue_store_impl!(SqliteArtworkStore, sqlx::Sqlite, false);
super::search_sql::search_store_impl!(SqliteArtworkStore, sqlx::Sqlite, false);
super::settings_sql::settings_store_impl!(SqliteArtworkStore);
super::derivative_queue_sql::derivative_queue_impl!(SqliteArtworkStore, sqlx::Sqlite, "");
super::entitlement_sql::entitlement_store_impl!(SqliteArtworkStore);
super::mine_sql::mine_store_impl!(SqliteArtworkStore, sqlx::Sqlite);
super::follows_sql::follow_store_impl!(SqliteArtworkStore, sqlx::Sqlite);
super::moderation_sql::moderation_store_impl!(SqliteArtworkStore, sqlx::Sqlite);
super::moderation_queue_sql::moderation_queue_impl!(sqlx::SqlitePool, sqlx::Sqlite);
artstation_common::audit_store_impl!(SqliteArtworkStore, sqlx::Sqlite, crate::store::StoreError);
