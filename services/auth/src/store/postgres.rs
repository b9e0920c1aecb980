super::sql::auth_store_impl!(PgAuthStore, sqlx::PgPool, "../../migrations/auth/postgres");
artstation_common::audit_store_impl!(PgAuthStore, sqlx::Postgres, crate::store::StoreError);
