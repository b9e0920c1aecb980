super::sql::commerce_store_impl!(
    SqliteCommerceStore,
    sqlx::Sqlite,
    sqlx::SqlitePool,
    "BEGIN IMMEDIATE",
    "../../migrations/commerce/sqlite"
);
artstation_common::audit_store_impl!(SqliteCommerceStore, sqlx::Sqlite, crate::store::StoreError);
