super::sql::commerce_store_impl!(
    PgCommerceStore,
    sqlx::Postgres,
    sqlx::PgPool,
    "BEGIN",
    "../../migrations/commerce/postgres"
);
artstation_common::audit_store_impl!(PgCommerceStore, sqlx::Postgres, crate::store::StoreError);
