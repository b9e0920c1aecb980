//! One conformance suite for every `ArtworkStore` backend: each scenario runs against SQLite
//! and against a fresh PostgreSQL database.

mod common;

use common::on_every_backend;

use anyhow::{Context, Result, ensure};
use artstation_artwork::store::{After, ArtworkPatch, ArtworkRecord, Filter, Sort, StoreError};
use artstation_domain::{ArtworkStatus, Description, EditionSize, Tag};

fn artwork(artist: &str, sha: &str, status: ArtworkStatus) -> ArtworkRecord {
    let id = uuid::Uuid::now_v7();
    common::with_derivatives(ArtworkRecord {
        artist_username: format!("name-{artist}"),
        title: common::title("Dawn über Wasser"),
        description: Description::parse("line one\nline two").unwrap_or_default(),
        tags: common::tags(&["sky", "sea"]),
        category: common::category("painting"),
        price: common::price(1250, "EUR"),
        edition_size: EditionSize::new(10).unwrap_or_default(),
        status,
        size_bytes: 5_000_000_000,
        width: 4096,
        height: 2048,
        sha256: sha.into(),
        ..common::artwork(id, artist)
    })
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
        ensure!(store.blob_referenced(&a.id, &a.blob_key).await?);
        let thumb = a.thumbnail.clone().context("thumbnail")?;
        ensure!(store.blob_referenced(&a.id, &thumb.blob_key).await?);
        ensure!(!store.blob_referenced(&dup.id, &dup.blob_key).await?);
        ensure!(!store.blob_referenced(&a.id, "originals/none").await?);
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
        let mut before: Option<After> = None;
        loop {
            let page = store
                .search(&Filter::default(), Sort::New, before.as_ref(), 2)
                .await?;
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
            before = page.last().map(|a| After::Id(a.id.clone()));
            seen.extend(page.into_iter().map(|a| a.id));
        }
        ensure!(seen == published, "pages {seen:?} != {published:?}");
        Ok(())
    })
    .await
}

#[tokio::test]
async fn near_duplicates_of_other_artists_are_found_and_flags_listed() -> Result<()> {
    on_every_backend(|store| async move {
        let base = 0x9f3a_5c71_e20b_d846u64;
        let mut original = artwork("artist-1", "o1", ArtworkStatus::Published);
        original.phash = Some(base);
        store.create(&original).await?;
        ensure!(store.get(&original.id).await?.and_then(|a| a.phash) == Some(base));
        // A legacy row without a hash is never a candidate.
        store
            .create(&artwork("artist-3", "legacy", ArtworkStatus::Published))
            .await?;

        // Five bits away: found for another artist, with its distance.
        let close = base ^ 0b1_0000_0100_0001_0000_0000_0001_0000_0010;
        ensure!(
            store.near_duplicate("artist-2", close, 5).await? == Some((original.id.clone(), 5)),
            "five bits away must be found"
        );
        // The artist's own work is not a duplicate of theirs.
        ensure!(store.near_duplicate("artist-1", close, 5).await?.is_none());
        // Too far.
        ensure!(store.near_duplicate("artist-2", !base, 5).await?.is_none());
        ensure!(store.near_duplicate("artist-2", close, 4).await?.is_none());
        // Top bit set: the hash survives the signed SQL column.
        let mut high = artwork("artist-4", "hi", ArtworkStatus::Published);
        high.phash = Some(u64::MAX - 0xF0F0);
        store.create(&high).await?;
        ensure!(
            store
                .near_duplicate("artist-2", u64::MAX - 0xF0F1, 5)
                .await?
                == Some((high.id.clone(), 1))
        );

        ensure!(store.list_flagged(10, None).await?.is_empty());
        let mut flagged = Vec::new();
        for i in 0..3 {
            let mut copy = artwork("artist-2", &format!("copy-{i}"), ArtworkStatus::Draft);
            copy.phash = Some(close);
            copy.near_duplicate_of = Some(original.id.clone());
            store.create(&copy).await?;
            flagged.push(copy.id);
        }
        flagged.reverse();
        let page = store.list_flagged(2, None).await?;
        ensure!(page.iter().map(|a| &a.id).eq(flagged[..2].iter()));
        ensure!(page[0].near_duplicate_of.as_deref() == Some(original.id.as_str()));
        let rest = store.list_flagged(2, Some(&flagged[1])).await?;
        ensure!(rest.iter().map(|a| &a.id).eq(flagged[2..].iter()));
        Ok(())
    })
    .await
}

#[tokio::test]
async fn near_duplicates_name_only_works_the_uploader_may_see() -> Result<()> {
    on_every_backend(|store| async move {
        let base = 0x5a3c_9e71_d20b_f846u64;
        let close = base ^ 0b101;
        let mut draft = artwork("artist-1", "d1", ArtworkStatus::Draft);
        draft.phash = Some(base);
        store.create(&draft).await?;
        ensure!(
            store.near_duplicate("artist-2", close, 5).await?.is_none(),
            "another artist's draft must not be named"
        );
        let mut hidden = artwork("artist-3", "h1", ArtworkStatus::Published);
        hidden.phash = Some(base);
        store.create(&hidden).await?;
        ensure!(
            store
                .set_hidden(&hidden.id, Some(chrono::Utc::now()))
                .await?
        );
        let mut deleted = artwork("artist-4", "x1", ArtworkStatus::Published);
        deleted.phash = Some(base);
        store.create(&deleted).await?;
        ensure!(store.soft_delete(&deleted.id, chrono::Utc::now()).await?);
        ensure!(
            store.near_duplicate("artist-2", close, 5).await?.is_none(),
            "hidden and deleted works must not be named"
        );
        store
            .update(
                &draft.id,
                &ArtworkPatch {
                    status: Some(ArtworkStatus::Published),
                    ..ArtworkPatch::default()
                },
            )
            .await?;
        ensure!(store.near_duplicate("artist-2", close, 5).await? == Some((draft.id, 2)));
        Ok(())
    })
    .await
}

#[tokio::test]
async fn favourites_list_only_what_the_user_may_still_see() -> Result<()> {
    on_every_backend(|store| async move {
        let now = chrono::Utc::now();
        let drafted = artwork("artist-1", "f1", ArtworkStatus::Published);
        let hidden = artwork("artist-1", "f2", ArtworkStatus::Published);
        let deleted = artwork("artist-1", "f3", ArtworkStatus::Published);
        let kept = artwork("artist-1", "f4", ArtworkStatus::Published);
        let own_draft = artwork("fan", "f5", ArtworkStatus::Draft);
        for a in [&drafted, &hidden, &deleted, &kept, &own_draft] {
            store.create(a).await?;
            store.set_favorite("fan", &a.id, true, now).await?;
        }
        store
            .update(
                &drafted.id,
                &ArtworkPatch {
                    status: Some(ArtworkStatus::Draft),
                    ..ArtworkPatch::default()
                },
            )
            .await?;
        ensure!(store.set_hidden(&hidden.id, Some(now)).await?);
        ensure!(store.soft_delete(&deleted.id, now).await?);
        let listed: Vec<String> = store
            .favorites("fan", 10, None)
            .await?
            .into_iter()
            .map(|(a, _)| a.id)
            .collect();
        let mut expected = vec![kept.id.clone(), own_draft.id.clone()];
        expected.sort();
        let mut got = listed.clone();
        got.sort();
        ensure!(
            got == expected,
            "favourites {listed:?}, expected {expected:?}"
        );
        // The artist still sees their own favourites of their hidden work.
        store
            .set_favorite("artist-1", &hidden.id, true, now)
            .await?;
        ensure!(store.favorites("artist-1", 10, None).await?.len() == 1);
        Ok(())
    })
    .await
}

#[tokio::test]
async fn tag_pages_drop_deleted_and_hidden_works() -> Result<()> {
    on_every_backend(|store| async move {
        let now = chrono::Utc::now();
        let hidden = artwork("artist-1", "t1", ArtworkStatus::Published);
        let deleted = artwork("artist-1", "t2", ArtworkStatus::Published);
        let kept = artwork("artist-1", "t3", ArtworkStatus::Published);
        for a in [&hidden, &deleted, &kept] {
            store.create(a).await?;
        }
        let sky = Filter {
            tag: Some(Tag::parse("sky")?),
            ..Filter::default()
        };
        for sort in [Sort::New, Sort::PriceAsc] {
            ensure!(store.search(&sky, sort, None, 10).await?.len() == 3);
        }
        ensure!(store.set_hidden(&hidden.id, Some(now)).await?);
        ensure!(store.soft_delete(&deleted.id, now).await?);
        for sort in [Sort::New, Sort::PriceAsc] {
            let page = store.search(&sky, sort, None, 10).await?;
            ensure!(
                page.iter().map(|a| a.id.as_str()).eq([kept.id.as_str()]),
                "tag page after delete and hide: {:?}",
                page.iter().map(|a| &a.id).collect::<Vec<_>>()
            );
        }
        ensure!(store.set_hidden(&hidden.id, None).await?);
        ensure!(store.search(&sky, Sort::New, None, 10).await?.len() == 2);
        Ok(())
    })
    .await
}

#[tokio::test]
async fn a_deleted_work_can_be_uploaded_again() -> Result<()> {
    on_every_backend(|store| async move {
        let first = artwork("artist-1", "same", ArtworkStatus::Published);
        store.create(&first).await?;
        ensure!(store.soft_delete(&first.id, chrono::Utc::now()).await?);
        ensure!(
            store.find_by_sha256("artist-1", "same").await?.is_none(),
            "a deleted work is no duplicate"
        );
        let again = artwork("artist-1", "same", ArtworkStatus::Published);
        store.create(&again).await?;
        ensure!(store.get(&again.id).await?.is_some());
        ensure!(
            store.find_by_sha256("artist-1", "same").await?.as_deref() == Some(again.id.as_str())
        );
        // The deleted row keeps its blob for those who bought it.
        ensure!(store.blob_referenced(&first.id, &first.blob_key).await?);
        // Among live works the fingerprint is still unique.
        match store
            .create(&artwork("artist-1", "same", ArtworkStatus::Draft))
            .await
        {
            Err(StoreError::Duplicate { existing_id }) => ensure!(existing_id == again.id),
            other => anyhow::bail!("expected a duplicate, got {other:?}"),
        }
        Ok(())
    })
    .await
}
