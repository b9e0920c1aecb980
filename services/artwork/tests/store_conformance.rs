//! One conformance suite for every `ArtworkStore` backend: each scenario runs against SQLite
//! and against a fresh PostgreSQL database.

use std::sync::Arc;

use anyhow::{Result, ensure};
use artstation_artwork::store::{self, ArtworkRecord, ArtworkStore, StoreError};
use artstation_domain::ArtworkStatus;

async fn on_every_backend<F, Fut>(scenario: F) -> Result<()>
where
    F: Fn(Arc<dyn ArtworkStore>) -> Fut,
    Fut: std::future::Future<Output = Result<()>>,
{
    artstation_tests::on_every_backend(
        "artwork.db",
        |url| async move { Ok(store::open(&url).await?) },
        scenario,
    )
    .await
}

fn artwork(artist: &str, sha: &str, status: ArtworkStatus) -> ArtworkRecord {
    let id = uuid::Uuid::now_v7();
    ArtworkRecord {
        id: id.to_string(),
        artist_id: artist.into(),
        artist_username: format!("name-{artist}"),
        title: "Dawn über Wasser".into(),
        description: "line one\nline two".into(),
        tags: vec!["sky".into(), "sea".into()],
        category: "painting".into(),
        price_minor: 1250,
        currency: "EUR".into(),
        licence: "personal".into(),
        edition_size: 10,
        status,
        content_type: "image/png".into(),
        size_bytes: 5_000_000_000,
        width: 4096,
        height: 2048,
        sha256: sha.into(),
        blob_key: format!("originals/{id}"),
        favorite_count: 0,
        created_at: artstation_common::now(),
    }
}

#[tokio::test]
async fn artworks_round_trip_and_duplicates_are_per_artist() -> Result<()> {
    on_every_backend(|store| async move {
        let a = artwork("artist-1", "aaa", ArtworkStatus::Published);
        store.create(&a).await?;
        ensure!(store.get(&a.id).await?.as_ref() == Some(&a));
        ensure!(store.get("missing").await?.is_none());
        ensure!(store.find_by_sha256("artist-1", "aaa").await?.as_deref() == Some(a.id.as_str()));
        ensure!(store.find_by_sha256("artist-2", "aaa").await?.is_none());

        let dup = artwork("artist-1", "aaa", ArtworkStatus::Published);
        match store.create(&dup).await {
            Err(StoreError::Duplicate { existing_id }) => ensure!(existing_id == a.id),
            other => anyhow::bail!("expected a duplicate, got {other:?}"),
        }
        ensure!(store.get(&dup.id).await?.is_none(), "nothing half-written");
        store
            .create(&artwork("artist-2", "aaa", ArtworkStatus::Published))
            .await?;
        ensure!(store.blob_referenced(&a.blob_key).await?);
        ensure!(!store.blob_referenced("originals/none").await?);
        Ok(())
    })
    .await
}

#[tokio::test]
async fn published_pages_are_newest_first_without_drafts() -> Result<()> {
    on_every_backend(|store| async move {
        let mut published = Vec::new();
        for i in 0..7 {
            let status = if i % 3 == 0 {
                ArtworkStatus::Draft
            } else {
                ArtworkStatus::Published
            };
            let a = artwork("artist-1", &format!("sha-{i}"), status);
            store.create(&a).await?;
            if status == ArtworkStatus::Published {
                published.push(a.id);
            }
        }
        published.reverse();
        let mut seen = Vec::new();
        let mut before: Option<String> = None;
        loop {
            let page = store.list_published(2, before.as_deref()).await?;
            ensure!(page.len() <= 2);
            if page.is_empty() {
                break;
            }
            // A work added while paging must not shift later pages.
            store
                .create(&artwork(
                    "artist-9",
                    &uuid::Uuid::now_v7().to_string(),
                    ArtworkStatus::Published,
                ))
                .await?;
            before = page.last().map(|a| a.id.clone());
            seen.extend(page.into_iter().map(|a| a.id));
        }
        ensure!(seen == published, "pages {seen:?} != {published:?}");
        Ok(())
    })
    .await
}
