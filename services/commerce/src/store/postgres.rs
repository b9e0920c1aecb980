super::sql::commerce_store_impl!(
    PgCommerceStore,
    sqlx::Postgres,
    sqlx::PgPool,
    "BEGIN",
    "../../migrations/commerce/postgres"
);
super::audit::audit_store_impl!(PgCommerceStore, sqlx::Postgres);
