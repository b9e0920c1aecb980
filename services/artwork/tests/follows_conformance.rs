//! Following and the feed on every `ArtworkStore` backend: follows are idempotent and never of
//! oneself, artists are found by id (any live work) or by the username their public works
//! carry, and the feed holds the public works of followed artists only, newest first, keyset
//! paged.

mod common;

use common::on_every_backend;

use anyhow::{Result, ensure};
use artstation_artwork::store::{
    ArtistRef, ArtworkRecord, DerivativeState, FollowOutcome, MAX_FOLLOWS, StoreError,
};
use artstation_domain::ArtworkStatus;

fn now() -> chrono::DateTime<chrono::Utc> {
    artstation_common::now()
}

#[tokio::test]
async fn follows_are_idempotent_and_never_of_oneself() -> Result<()> {
    on_every_backend(|store| async move {
        ensure!(store.follow("fan", "ann", now()).await? == FollowOutcome::Followed);
        ensure!(store.follow("fan", "ann", now()).await? == FollowOutcome::AlreadyFollowing);
        ensure!(store.follow("fan", "bob", now()).await? == FollowOutcome::Followed);
        let mut followed = store.followed_artists("fan").await?;
        followed.sort();
        ensure!(followed == ["ann", "bob"], "{followed:?}");
        ensure!(store.followed_artists("ann").await?.is_empty());

        let selfish = store.follow("ann", "ann", now()).await;
        ensure!(
            matches!(&selfish, Err(StoreError::Invalid { field, .. }) if field == "id"),
            "{selfish:?}"
        );
        ensure!(store.followed_artists("ann").await?.is_empty());

        ensure!(store.unfollow("fan", "ann").await?);
        ensure!(!store.unfollow("fan", "ann").await?);
        ensure!(!store.unfollow("nobody", "ann").await?);
        ensure!(store.followed_artists("fan").await? == ["bob"]);
        Ok(())
    })
    .await
}

#[tokio::test]
async fn concurrent_follows_of_one_pair_write_one_row() -> Result<()> {
    on_every_backend(|store| async move {
        let tries = (0..8).map(|_| {
            let store = store.clone();
            tokio::spawn(async move { store.follow("fan", "ann", now()).await })
        });
        let mut followed = 0;
        for t in tries {
            match t.await?? {
                FollowOutcome::Followed => followed += 1,
                FollowOutcome::AlreadyFollowing => {}
                FollowOutcome::TooMany => anyhow::bail!("one follow is not too many"),
            }
        }
        ensure!(followed == 1, "{followed} follows reported new");
        ensure!(store.followed_artists("fan").await? == ["ann"]);
        Ok(())
    })
    .await
}

#[tokio::test]
async fn a_follower_follows_at_most_max_follows_artists() -> Result<()> {
    on_every_backend(|store| async move {
        for n in 0..MAX_FOLLOWS {
            ensure!(store.follow("fan", &format!("a{n}"), now()).await? == FollowOutcome::Followed);
        }
        ensure!(store.follow("fan", "one-more", now()).await? == FollowOutcome::TooMany);
        // Already followed is still answered as such; someone else is not limited.
        ensure!(store.follow("fan", "a0", now()).await? == FollowOutcome::AlreadyFollowing);
        ensure!(store.follow("other", "one-more", now()).await? == FollowOutcome::Followed);
        ensure!(store.followed_artists("fan").await?.len() as u64 == MAX_FOLLOWS);
        ensure!(store.unfollow("fan", "a0").await?);
        ensure!(store.follow("fan", "one-more", now()).await? == FollowOutcome::Followed);
        Ok(())
    })
    .await
}

#[tokio::test]
async fn artists_are_found_by_id_or_by_their_public_name() -> Result<()> {
    on_every_backend(|store| async move {
        let public = ArtworkRecord {
            artist_id: "id-ann".into(),
            ..common::artwork(uuid::Uuid::now_v7(), "ann")
        };
        let draft = ArtworkRecord {
            artist_id: "id-dora".into(),
            status: ArtworkStatus::Draft,
            ..common::artwork(uuid::Uuid::now_v7(), "dora")
        };
        let hidden = ArtworkRecord {
            artist_id: "id-hal".into(),
            ..common::artwork(uuid::Uuid::now_v7(), "hal")
        };
        let gone = ArtworkRecord {
            artist_id: "id-gus".into(),
            ..common::artwork(uuid::Uuid::now_v7(), "gus")
        };
        for a in [&public, &draft, &hidden, &gone] {
            store.create(a).await?;
        }
        ensure!(store.set_hidden(&hidden.id, Some(now())).await?);
        ensure!(store.soft_delete(&gone.id, now()).await?);

        let ann = ArtistRef {
            id: "id-ann".into(),
            username: "ann".into(),
            public: true,
        };
        ensure!(store.find_artist("id-ann").await? == Some(ann.clone()));
        ensure!(store.find_artist("ann").await? == Some(ann));
        // By id any live work names the artist (public or not); by name only public ones.
        let dora = store.find_artist("id-dora").await?;
        ensure!(
            dora == Some(ArtistRef {
                id: "id-dora".into(),
                username: "dora".into(),
                public: false,
            }),
            "{dora:?}"
        );
        ensure!(store.find_artist("dora").await?.is_none());
        ensure!(
            store
                .find_artist("id-hal")
                .await?
                .is_some_and(|a| !a.public)
        );
        ensure!(store.find_artist("hal").await?.is_none());
        ensure!(store.find_artist("id-gus").await?.is_none());
        ensure!(store.find_artist("gus").await?.is_none());
        ensure!(store.find_artist("nobody").await?.is_none());
        Ok(())
    })
    .await
}

#[tokio::test]
async fn the_feed_pages_public_works_of_followed_artists_newest_first() -> Result<()> {
    on_every_backend(|store| async move {
        let mut anns = Vec::new();
        for n in 0..5 {
            let a = ArtworkRecord {
                sha256: format!("{n:064x}"),
                ..common::artwork(uuid::Uuid::now_v7(), "ann")
            };
            store.create(&a).await?;
            anns.push(a);
        }
        let bob = common::artwork(uuid::Uuid::now_v7(), "bob");
        let carl = common::artwork(uuid::Uuid::now_v7(), "carl");
        let draft = ArtworkRecord {
            status: ArtworkStatus::Draft,
            sha256: "d".repeat(64),
            ..common::artwork(uuid::Uuid::now_v7(), "bob")
        };
        let hidden = ArtworkRecord {
            sha256: "e".repeat(64),
            ..common::artwork(uuid::Uuid::now_v7(), "bob")
        };
        let deleted = ArtworkRecord {
            sha256: "f".repeat(64),
            ..common::artwork(uuid::Uuid::now_v7(), "bob")
        };
        let pending = ArtworkRecord {
            sha256: "c".repeat(64),
            derivatives: DerivativeState::Pending,
            ..common::artwork(uuid::Uuid::now_v7(), "bob")
        };
        for a in [&bob, &carl, &draft, &hidden, &deleted, &pending] {
            store.create(a).await?;
        }
        ensure!(store.set_hidden(&hidden.id, Some(now())).await?);
        ensure!(store.soft_delete(&deleted.id, now()).await?);

        ensure!(
            store.feed("fan", 10, None).await?.is_empty(),
            "nothing followed yet"
        );
        store.follow("fan", "ann", now()).await?;
        store.follow("fan", "bob", now()).await?;

        // Newest first: bob's one public work, then ann's five, in pages of two.
        let mut expected: Vec<String> = anns.iter().map(|a| a.id.clone()).collect();
        expected.push(bob.id.clone());
        expected.reverse();
        let mut seen = Vec::new();
        let mut before: Option<String> = None;
        loop {
            let page = store.feed("fan", 2, before.as_deref()).await?;
            ensure!(page.len() <= 2);
            let Some(last) = page.last() else { break };
            before = Some(last.id.clone());
            seen.extend(page.iter().map(|a| a.id.clone()));
        }
        ensure!(seen == expected, "{seen:?} vs {expected:?}");
        let first = store.feed("fan", 1, None).await?;
        ensure!(
            first.len() == 1 && first[0] == bob,
            "the feed returns whole records"
        );

        store.unfollow("fan", "bob").await?;
        let after = store.feed("fan", 10, None).await?;
        ensure!(after.len() == 5 && after.iter().all(|a| a.artist_id == "ann"));
        ensure!(
            store.feed("ann", 10, None).await?.is_empty(),
            "feeds are per follower"
        );
        Ok(())
    })
    .await
}
