super::sql::auth_store_impl!(
    SqliteAuthStore,
    sqlx::SqlitePool,
    "../../migrations/auth/sqlite"
);
super::audit::audit_store_impl!(SqliteAuthStore, sqlx::Sqlite);
