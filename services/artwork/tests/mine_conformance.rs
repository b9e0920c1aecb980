//! The artist's own view on every `ArtworkStore` backend: the SHA-256 lookup answers for the
//! caller's live works only (never another artist's, never a deleted one), and the list of
//! one's own works holds drafts and hidden works, newest first, filtered by status, keyset
//! paged.

mod common;

use common::on_every_backend;

use anyhow::{Result, ensure};
use artstation_artwork::store::{ArtworkRecord, MAX_LOOKUP, OwnedOriginal, StoreError};
use artstation_domain::ArtworkStatus;

fn sha(n: u8) -> String {
    format!("{n:02x}").repeat(32)
}

#[tokio::test]
async fn lookups_answer_for_the_callers_live_works_only() -> Result<()> {
    on_every_backend(|store| async move {
        let mine = ArtworkRecord {
            sha256: sha(1),
            ..common::artwork(uuid::Uuid::now_v7(), "ann")
        };
        let draft = ArtworkRecord {
            sha256: sha(2),
            status: ArtworkStatus::Draft,
            ..common::artwork(uuid::Uuid::now_v7(), "ann")
        };
        let deleted = ArtworkRecord {
            sha256: sha(3),
            ..common::artwork(uuid::Uuid::now_v7(), "ann")
        };
        let theirs = ArtworkRecord {
            sha256: sha(4),
            ..common::artwork(uuid::Uuid::now_v7(), "bob")
        };
        for a in [&mine, &draft, &deleted, &theirs] {
            store.create(a).await?;
        }
        ensure!(
            store
                .soft_delete(&deleted.id, artstation_common::now())
                .await?
        );

        let asked: Vec<String> = (1..=5).map(sha).collect();
        let mut found = store.lookup_sha256("ann", &asked).await?;
        found.sort_by(|x, y| x.sha256.cmp(&y.sha256));
        ensure!(
            found
                == [
                    OwnedOriginal {
                        sha256: sha(1),
                        id: mine.id.clone(),
                        status: ArtworkStatus::Published,
                    },
                    OwnedOriginal {
                        sha256: sha(2),
                        id: draft.id.clone(),
                        status: ArtworkStatus::Draft,
                    },
                ],
            "{found:?}"
        );
        let bobs = store.lookup_sha256("bob", &asked).await?;
        ensure!(bobs.len() == 1 && bobs[0].id == theirs.id, "{bobs:?}");
        ensure!(store.lookup_sha256("carl", &asked).await?.is_empty());
        ensure!(store.lookup_sha256("ann", &[]).await?.is_empty());

        // Hidden by moderation reads as hidden.
        ensure!(
            store
                .set_hidden(&mine.id, Some(artstation_common::now()))
                .await?
        );
        let found = store.lookup_sha256("ann", &[sha(1)]).await?;
        ensure!(
            found.len() == 1 && found[0].status == ArtworkStatus::Hidden,
            "{found:?}"
        );

        // A full batch is one query; one more is refused.
        let many: Vec<String> = (0..MAX_LOOKUP).map(|i| format!("{i:064x}")).collect();
        let mut with_mine = many.clone();
        with_mine[MAX_LOOKUP - 1] = sha(2);
        let found = store.lookup_sha256("ann", &with_mine).await?;
        ensure!(found.len() == 1 && found[0].id == draft.id, "{found:?}");
        let mut too_many = many;
        too_many.push(sha(1));
        ensure!(matches!(
            store.lookup_sha256("ann", &too_many).await,
            Err(StoreError::Invalid { .. })
        ));
        Ok(())
    })
    .await
}

#[tokio::test]
async fn my_list_has_drafts_and_hidden_works_newest_first() -> Result<()> {
    on_every_backend(|store| async move {
        // Ids are UUIDv7, so creation order is id order.
        let mut made = Vec::new();
        for (i, status) in [
            ArtworkStatus::Published,
            ArtworkStatus::Draft,
            ArtworkStatus::Published,
            ArtworkStatus::Draft,
            ArtworkStatus::Published,
        ]
        .into_iter()
        .enumerate()
        {
            let a = ArtworkRecord {
                status,
                ..common::work("ann", &format!("work {i}"), 100, &[])
            };
            store.create(&a).await?;
            made.push(a);
        }
        store
            .create(&common::work("bob", "not ann's", 100, &[]))
            .await?;
        ensure!(
            store
                .set_hidden(&made[2].id, Some(artstation_common::now()))
                .await?
        );
        ensure!(
            store
                .soft_delete(&made[4].id, artstation_common::now())
                .await?
        );

        let titles = |v: Vec<ArtworkRecord>| -> Vec<String> {
            v.into_iter().map(|a| a.title.into_inner()).collect()
        };
        let all = titles(store.list_mine("ann", None, 10, None).await?);
        ensure!(all == ["work 3", "work 2", "work 1", "work 0"], "{all:?}");
        let drafts = titles(
            store
                .list_mine("ann", Some(ArtworkStatus::Draft), 10, None)
                .await?,
        );
        ensure!(drafts == ["work 3", "work 1"], "{drafts:?}");
        let published = titles(
            store
                .list_mine("ann", Some(ArtworkStatus::Published), 10, None)
                .await?,
        );
        ensure!(published == ["work 0"], "{published:?}");
        let hidden = store
            .list_mine("ann", Some(ArtworkStatus::Hidden), 10, None)
            .await?;
        ensure!(
            hidden.len() == 1 && hidden[0].status == ArtworkStatus::Hidden,
            "{hidden:?}"
        );

        // Keyset pages: strictly older than the last id seen.
        let first = store.list_mine("ann", None, 2, None).await?;
        ensure!(first.len() == 2);
        let rest = titles(
            store
                .list_mine("ann", None, 10, Some(first[1].id.as_str()))
                .await?,
        );
        ensure!(rest == ["work 1", "work 0"], "{rest:?}");
        ensure!(store.list_mine("carl", None, 10, None).await?.is_empty());
        Ok(())
    })
    .await
}
