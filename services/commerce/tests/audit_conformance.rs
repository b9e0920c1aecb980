//! The commerce audit log on every backend: the shared audit log suite
//! (`artstation_tests::audit_log`) on this service's own store and migrations.

use anyhow::Result;
use artstation_commerce::store;
use artstation_tests::audit_log;

#[tokio::test]
async fn audit_entries_are_listed_newest_first_with_filters() -> Result<()> {
    artstation_tests::on_every_backend(
        "commerce.db",
        |url| async move { Ok(store::open(&url).await?) },
        |store| async move { audit_log::lists_newest_first_with_filters(&*store).await },
    )
    .await
}

#[tokio::test]
async fn audit_entries_cannot_be_edited_or_deleted_in_the_database() -> Result<()> {
    artstation_tests::on_every_backend(
        "commerce.db",
        |url| async move { Ok((store::open(&url).await?, url)) },
        |(store, url)| async move { audit_log::is_append_only_in_the_database(&*store, &url).await },
    )
    .await
}
