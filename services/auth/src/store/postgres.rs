super::sql::auth_store_impl!(PgAuthStore, sqlx::PgPool, "../../migrations/auth/postgres");
super::audit::audit_store_impl!(PgAuthStore, sqlx::Postgres);
