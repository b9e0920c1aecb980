//! The artwork store on PostgreSQL: the shared SQL of `sql.rs`, `catalogue_sql.rs`,
//! `search_sql.rs` and `entitlement_sql.rs`, instantiated for this backend.

super::sql::artwork_store_impl!(
    PgArtworkStore,
    sqlx::PgPool,
    sqlx::Postgres,
    "../../migrations/artwork/postgres"
);
super::catalogue_sql::catalogue_store_impl!(PgArtworkStore, sqlx::Postgres, true);
super::search_sql::search_store_impl!(PgArtworkStore, sqlx::Postgres, true);
super::settings_sql::settings_store_impl!(PgArtworkStore);
super::derivative_queue_sql::derivative_queue_impl!(
    PgArtworkStore,
    sqlx::Postgres,
    "FOR UPDATE SKIP LOCKED"
);
super::entitlement_sql::entitlement_store_impl!(PgArtworkStore);
super::mine_sql::mine_store_impl!(PgArtworkStore, sqlx::Postgres);
super::follows_sql::follow_store_impl!(PgArtworkStore, sqlx::Postgres);
super::moderation_sql::moderation_store_impl!(PgArtworkStore, sqlx::Postgres);
super::moderation_queue_sql::moderation_queue_impl!(sqlx::PgPool, sqlx::Postgres);
artstation_common::audit_store_impl!(PgArtworkStore, sqlx::Postgres, crate::store::StoreError);
