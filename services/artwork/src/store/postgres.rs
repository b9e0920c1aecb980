super::sql::artwork_store_impl!(
    PgArtworkStore,
    sqlx::PgPool,
    "../../migrations/artwork/postgres"
);
