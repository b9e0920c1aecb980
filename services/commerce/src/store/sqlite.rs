super::sql::commerce_store_impl!(
    SqliteCommerceStore,
    sqlx::Sqlite,
    sqlx::SqlitePool,
    "BEGIN IMMEDIATE",
    "../../migrations/commerce/sqlite"
);
super::audit::audit_store_impl!(SqliteCommerceStore, sqlx::Sqlite);
