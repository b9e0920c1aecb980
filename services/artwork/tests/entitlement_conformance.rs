//! Entitlements (the sales and refunds commerce reports) on every `ArtworkStore` backend:
//! one row per order, repeats change nothing, refunds revoke but keep the serial counted,
//! buyers keep access after the artist deletes the work, and the orphan sweep never takes an
//! original someone owns.

mod common;

use common::on_every_backend;

use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, Result, ensure};
use artstation_artwork::gc;
use artstation_artwork::storage::{BlobKey, BlobStore, Variant};
use artstation_artwork::store::{ArtworkStore, SaleFact, StoreError};
use bytes::Bytes;

fn sale(order: &str, artwork: &str, buyer: &str, serial: i64) -> SaleFact {
    SaleFact {
        order_id: order.into(),
        artwork_id: artwork.into(),
        buyer_id: buyer.into(),
        serial,
    }
}

async fn sold(store: &Arc<dyn ArtworkStore>, id: &str) -> Result<u64> {
    Ok(store.get(id).await?.context("artwork")?.editions_sold)
}

#[tokio::test]
async fn sales_are_recorded_once_per_order_and_refunds_revoke() -> Result<()> {
    on_every_backend(|store| async move {
        let now = artstation_common::now();
        let a = common::artwork(uuid::Uuid::now_v7(), "artist-1");
        store.create(&a).await?;
        ensure!(sold(&store, &a.id).await? == 0);
        ensure!(store.owned_artwork(&a.id, "buyer-1").await?.is_none());

        ensure!(
            store
                .record_sale(&sale("o-1", &a.id, "buyer-1", 1), now)
                .await?
        );
        ensure!(
            !store
                .record_sale(&sale("o-1", &a.id, "buyer-1", 1), now)
                .await?,
            "repeat"
        );
        ensure!(sold(&store, &a.id).await? == 1, "a repeat counts nothing");
        let e = store.entitlement("o-1").await?.context("row")?;
        ensure!(e.buyer_id == "buyer-1" && e.serial == 1 && e.revoked_at.is_none());
        let owned = store
            .owned_artwork(&a.id, "buyer-1")
            .await?
            .context("owned")?;
        ensure!(owned.id == a.id && owned.editions_sold == 1);
        ensure!(store.owned_artwork(&a.id, "buyer-2").await?.is_none());

        ensure!(
            store
                .record_sale(&sale("o-2", &a.id, "buyer-2", 2), now)
                .await?
        );
        ensure!(
            store
                .record_refund(&sale("o-2", &a.id, "buyer-2", 2), now)
                .await?
        );
        ensure!(
            !store
                .record_refund(&sale("o-2", &a.id, "buyer-2", 2), now)
                .await?
        );
        ensure!(
            store.owned_artwork(&a.id, "buyer-2").await?.is_none(),
            "refunded"
        );
        ensure!(
            store
                .entitlement("o-2")
                .await?
                .context("row")?
                .revoked_at
                .is_some()
        );
        // Serials are retired on refund, never resold: the refunded one stays counted.
        ensure!(sold(&store, &a.id).await? == 2);

        // A refund that arrives before its sale leaves a revoked row; the late sale is a repeat.
        ensure!(
            store
                .record_refund(&sale("o-3", &a.id, "buyer-3", 3), now)
                .await?
        );
        ensure!(
            !store
                .record_sale(&sale("o-3", &a.id, "buyer-3", 3), now)
                .await?
        );
        ensure!(store.owned_artwork(&a.id, "buyer-3").await?.is_none());
        ensure!(sold(&store, &a.id).await? == 3);

        let unknown = uuid::Uuid::now_v7().to_string();
        match store
            .record_sale(&sale("o-4", &unknown, "buyer-1", 1), now)
            .await
        {
            Err(StoreError::Missing { .. }) => {}
            other => anyhow::bail!("a sale of nothing: {other:?}"),
        }
        match store
            .record_refund(&sale("o-4", &unknown, "buyer-1", 1), now)
            .await
        {
            Err(StoreError::Missing { .. }) => {}
            other => anyhow::bail!("a refund of nothing: {other:?}"),
        }
        ensure!(store.entitlement("o-4").await?.is_none());
        Ok(())
    })
    .await
}

#[tokio::test]
async fn buyers_keep_deleted_works_and_new_sales_of_them_are_refused() -> Result<()> {
    on_every_backend(|store| async move {
        let now = artstation_common::now();
        let a = common::artwork(uuid::Uuid::now_v7(), "artist-1");
        store.create(&a).await?;
        ensure!(
            store
                .record_sale(&sale("o-1", &a.id, "buyer-1", 1), now)
                .await?
        );
        ensure!(store.soft_delete(&a.id, now).await?);
        ensure!(store.get(&a.id).await?.is_none(), "gone from the catalogue");
        let owned = store.owned_artwork(&a.id, "buyer-1").await?;
        ensure!(
            owned.is_some_and(|o| o.blob_key == a.blob_key),
            "the buyer keeps it"
        );
        ensure!(store.blob_referenced(&a.id, &a.blob_key).await?);

        ensure!(
            !store
                .record_sale(&sale("o-1", &a.id, "buyer-1", 1), now)
                .await?,
            "repeat"
        );
        match store
            .record_sale(&sale("o-2", &a.id, "buyer-2", 2), now)
            .await
        {
            Err(StoreError::Missing { .. }) => {}
            other => anyhow::bail!("a new sale of a deleted work: {other:?}"),
        }
        // A refund still ends access to a deleted work.
        ensure!(
            store
                .record_refund(&sale("o-1", &a.id, "buyer-1", 1), now)
                .await?
        );
        ensure!(store.owned_artwork(&a.id, "buyer-1").await?.is_none());
        Ok(())
    })
    .await
}

#[tokio::test]
async fn concurrent_repeats_of_one_sale_count_once() -> Result<()> {
    on_every_backend(|store| async move {
        let a = common::artwork(uuid::Uuid::now_v7(), "artist-1");
        store.create(&a).await?;
        let tasks: Vec<_> = (0..8)
            .map(|_| {
                let store = store.clone();
                let fact = sale("o-1", &a.id, "buyer-1", 1);
                tokio::spawn(
                    async move { store.record_sale(&fact, artstation_common::now()).await },
                )
            })
            .collect();
        let mut new = 0;
        for t in tasks {
            if t.await?? {
                new += 1;
            }
        }
        ensure!(new == 1, "{new} calls recorded the sale");
        ensure!(sold(&store, &a.id).await? == 1);
        Ok(())
    })
    .await
}

#[tokio::test]
async fn sales_count_in_popularity_and_owned_works_leave_recommendations() -> Result<()> {
    on_every_backend(|store| async move {
        let t0 = artstation_common::now();
        let works: Vec<_> = (0..3)
            .map(|_| common::artwork(uuid::Uuid::now_v7(), "artist-1"))
            .collect();
        for w in &works {
            store.create(w).await?;
        }
        // Someone who liked what I like also liked works 1 and 2.
        store.set_favorite("me", &works[0].id, true, t0).await?;
        for w in &works {
            store.set_favorite("other", &w.id, true, t0).await?;
        }
        let recommended = |recs: Vec<artstation_artwork::store::ArtworkRecord>| {
            recs.into_iter().map(|a| a.id).collect::<Vec<_>>()
        };
        let before = recommended(store.recommendations("me", 10).await?);
        ensure!(before.contains(&works[1].id), "{before:?}");

        let quiet = store.popularity(&works[1].id).await?.context("score")?;
        ensure!(
            store
                .record_sale(&sale("o-1", &works[1].id, "me", 1), t0)
                .await?
        );
        let sold = store.popularity(&works[1].id).await?.context("score")?;
        ensure!(sold > quiet, "a sale raises popularity: {quiet} -> {sold}");
        ensure!(
            !store
                .record_sale(&sale("o-1", &works[1].id, "me", 1), t0)
                .await?
        );
        ensure!(
            store.popularity(&works[1].id).await? == Some(sold),
            "a repeat counts nothing"
        );

        let owned = recommended(store.recommendations("me", 10).await?);
        ensure!(!owned.contains(&works[1].id), "owned: {owned:?}");
        ensure!(owned.contains(&works[2].id), "{owned:?}");
        ensure!(
            store
                .record_refund(&sale("o-1", &works[1].id, "me", 1), t0)
                .await?
        );
        let refunded = recommended(store.recommendations("me", 10).await?);
        ensure!(refunded.contains(&works[1].id), "refunded: {refunded:?}");
        Ok(())
    })
    .await
}

/// A sold work the artist deleted, with old blobs: the sweep keeps every one of them.
async fn sweep_keeps_owned(store: Arc<dyn ArtworkStore>, blobs: Arc<dyn BlobStore>) -> Result<()> {
    let id = uuid::Uuid::now_v7();
    let a = common::with_derivatives(common::artwork(id, "artist-1"));
    store.create(&a).await?;
    let keys = [
        BlobKey::original(&id),
        BlobKey::derivative(&id, Variant::Thumbnail),
        BlobKey::derivative(&id, Variant::Preview),
    ];
    for key in &keys {
        blobs
            .put_bytes(key, Bytes::from_static(b"data"), "image/png")
            .await?;
    }
    let now = artstation_common::now();
    ensure!(
        store
            .record_sale(&sale("o-1", &a.id, "buyer-1", 1), now)
            .await?
    );
    ensure!(store.soft_delete(&a.id, now).await?);
    tokio::time::sleep(Duration::from_millis(1100)).await;
    let report = gc::sweep(store.as_ref(), blobs.as_ref(), Duration::ZERO).await?;
    ensure!(report.removed == 0, "{report:?}");
    for key in &keys {
        ensure!(blobs.head(key).await?.is_some(), "{key} was removed");
    }
    Ok(())
}

#[tokio::test]
async fn the_sweep_keeps_what_buyers_own_on_sqlite_and_disk() -> Result<()> {
    common::on_sqlite_and_disk(sweep_keeps_owned).await
}

#[tokio::test]
async fn the_sweep_keeps_what_buyers_own_on_postgres_and_s3() -> Result<()> {
    common::on_postgres_and_s3(sweep_keeps_owned).await
}
