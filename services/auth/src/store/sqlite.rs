super::sql::auth_store_impl!(
    SqliteAuthStore,
    sqlx::SqlitePool,
    "../../migrations/auth/sqlite"
);
artstation_common::audit_store_impl!(SqliteAuthStore, sqlx::Sqlite, crate::store::StoreError);
