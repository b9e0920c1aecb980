//! The catalogue's write side on every artwork store backend: patches, repricing, favourites,
//! categories and the sale.

mod common;

use anyhow::{Result, ensure};
use artstation_artwork::store::{
    ArtworkPatch, ArtworkRecord, Category, Filter, PriceChange, Sale, Selection, Sort, StoreError,
};
use artstation_domain::{ArtworkStatus, EditionSize, SalePercent, Tag};
use chrono::Duration;
use common::{ids, on_every_backend, titles, work};

#[tokio::test]
async fn patches_change_only_what_they_name() -> Result<()> {
    on_every_backend(|s| async move {
        let a = work("ann", "Before", 1000, &["old"]);
        s.create(&a).await?;
        let patch = ArtworkPatch {
            title: Some(common::title("Aurora")),
            tags: Some(common::tags(&["new", "fresh"])),
            price: Some(common::price(2500, "EUR")),
            edition_size: EditionSize::new(10).ok(),
            status: Some(ArtworkStatus::Draft),
            ..ArtworkPatch::default()
        };
        let b = s
            .update(&a.id, &patch)
            .await?
            .ok_or_else(|| anyhow::anyhow!("gone"))?;
        ensure!(
            b.title.as_str() == "Aurora"
                && b.tags == ["new", "fresh"]
                && b.price.amount_minor() == 2500
                && b.price.currency().code() == "EUR"
        );
        ensure!(b.edition_size.get() == 10 && b.status == ArtworkStatus::Draft);
        ensure!(
            b.description == a.description && b.artist_id == a.artist_id && b.licence == a.licence
        );
        s.update(
            &a.id,
            &ArtworkPatch {
                status: Some(ArtworkStatus::Published),
                ..ArtworkPatch::default()
            },
        )
        .await?;
        let by_tag = |t: &str| {
            titles(
                &s,
                Filter {
                    tag: Tag::parse(t).ok(),
                    ..Filter::default()
                },
                Sort::New,
            )
        };
        ensure!(
            by_tag("fresh").await? == ["Aurora"] && by_tag("old").await?.is_empty(),
            "tag index follows"
        );
        ensure!(
            titles(
                &s,
                Filter {
                    text: Some("aurora".into()),
                    ..Filter::default()
                },
                Sort::New
            )
            .await?
                == ["Aurora"],
            "search index follows"
        );
        ensure!(s.update("missing", &patch).await?.is_none());
        Ok(())
    })
    .await
}

#[tokio::test]
async fn repricing_is_all_or_nothing_and_rounds_half_away_from_zero() -> Result<()> {
    on_every_backend(|s| async move {
        let a = work("ann", "a", 1005, &[]);
        let b = work("ann", "b", 333, &[]);
        let theirs = work("bob", "c", 1000, &[]);
        for w in [&a, &b, &theirs] {
            s.create(w).await?;
        }
        let out = s
            .reprice("ann", &Selection::All, &PriceChange::PercentBp(-1000))
            .await?;
        let price = |id: &str| {
            out.iter()
                .find(|r| r.id == id)
                .map(|r| r.price.amount_minor())
        };
        ensure!(
            price(&a.id) == Some(905) && price(&b.id) == Some(300),
            "{out:?}"
        );
        let out = s
            .reprice(
                "ann",
                &Selection::Ids(vec![b.id.clone()]),
                &PriceChange::PercentBp(50),
            )
            .await?;
        ensure!(
            out[0].price.amount_minor() == 302,
            "301.5 rounds to 302: {}",
            out[0].price.amount_minor()
        );

        let r = s
            .reprice(
                "ann",
                &Selection::Ids(vec![a.id.clone(), theirs.id.clone()]),
                &PriceChange::PercentBp(100),
            )
            .await;
        ensure!(matches!(r, Err(StoreError::NotOwner { .. })), "{r:?}");
        ensure!(
            s.get(&a.id).await?.map(|x| x.price.amount_minor()) == Some(905),
            "nothing changed"
        );
        let r = s
            .reprice(
                "ann",
                &Selection::All,
                &PriceChange::Set {
                    amount_minor: -5,
                    currency: "USD".into(),
                },
            )
            .await;
        ensure!(matches!(r, Err(StoreError::Invalid { .. })), "{r:?}");
        let r = s
            .reprice(
                "ann",
                &Selection::All,
                &PriceChange::Set {
                    amount_minor: 100_000_001,
                    currency: "USD".into(),
                },
            )
            .await;
        ensure!(
            matches!(r, Err(StoreError::Invalid { .. })),
            "absurd prices refused: {r:?}"
        );
        ensure!(
            s.get(&b.id).await?.map(|x| x.price.amount_minor()) == Some(302),
            "nothing changed"
        );
        let r = s
            .reprice(
                "ann",
                &Selection::Ids(vec![uuid::Uuid::now_v7().to_string()]),
                &PriceChange::PercentBp(1),
            )
            .await;
        ensure!(matches!(r, Err(StoreError::Missing { .. })), "{r:?}");
        let out = s
            .reprice(
                "ann",
                &Selection::All,
                &PriceChange::Set {
                    amount_minor: 1500,
                    currency: "JPY".into(),
                },
            )
            .await?;
        ensure!(
            out.iter()
                .all(|r| r.price.amount_minor() == 1500 && r.price.currency().code() == "JPY")
        );
        Ok(())
    })
    .await
}

#[tokio::test]
async fn favourites_are_idempotent_counted_and_recommend_co_favourites() -> Result<()> {
    on_every_backend(|s| async move {
        let works: Vec<ArtworkRecord> = (0..5)
            .map(|i| work("artist", &format!("w{i}"), 100, &[]))
            .collect();
        for w in &works {
            s.create(w).await?;
        }
        let mine = work("me", "my own", 100, &[]);
        s.create(&mine).await?;
        let t0 = artstation_common::now();
        ensure!(s.set_favorite("me", &works[0].id, true, t0).await?);
        ensure!(
            !s.set_favorite("me", &works[0].id, true, t0).await?,
            "idempotent"
        );
        ensure!(s.get(&works[0].id).await?.map(|a| a.favorite_count) == Some(1));
        // Others who liked w0 also liked w1 (twice) and w2 (once), and my own work.
        for (user, likes) in [("u1", [0, 1, 2]), ("u2", [0, 1, 4])] {
            for (n, i) in likes.into_iter().enumerate() {
                s.set_favorite(user, &works[i].id, true, t0 + Duration::seconds(n as i64))
                    .await?;
            }
            s.set_favorite(user, &mine.id, true, t0).await?;
        }
        let recs = s.recommendations("me", 10).await?;
        ensure!(
            recs.first().map(|a| a.title.as_str()) == Some("w1"),
            "{:?}",
            ids(&recs)
        );
        ensure!(
            recs.iter()
                .all(|a| a.title.as_str() != "w0" && a.title.as_str() != "my own"),
            "{:?}",
            ids(&recs)
        );

        s.set_favorite("me", &works[1].id, true, t0 + Duration::seconds(5))
            .await?;
        let favs = s.favorites("me", 1, None).await?;
        ensure!(
            favs.len() == 1 && favs[0].0.title.as_str() == "w1",
            "newest first"
        );
        let rest = s
            .favorites("me", 10, Some((favs[0].1, favs[0].0.id.clone())))
            .await?;
        ensure!(rest.len() == 1 && rest[0].0.title.as_str() == "w0");
        ensure!(s.set_favorite("me", &works[0].id, false, t0).await?);
        ensure!(!s.set_favorite("me", &works[0].id, false, t0).await?);
        ensure!(s.get(&works[0].id).await?.map(|a| a.favorite_count) == Some(2));

        // Favourites and views lift a work in the popular order.
        let top = s.search(&Filter::default(), Sort::Popular, None, 1).await?;
        ensure!(top[0].title.as_str() == "w1", "{:?}", ids(&top));
        for _ in 0..30 {
            s.record_view(&works[3].id, artstation_common::now())
                .await?;
        }
        let top = s.search(&Filter::default(), Sort::Popular, None, 1).await?;
        ensure!(top[0].title.as_str() == "w3", "{:?}", ids(&top));
        Ok(())
    })
    .await
}

#[tokio::test]
async fn categories_and_the_sale_persist() -> Result<()> {
    on_every_backend(|s| async move {
        let cats = s.categories().await?;
        ensure!(
            cats.iter().any(|c| c.slug == "painting"),
            "seeded: {cats:?}"
        );
        ensure!(!s.category_exists("sculpture").await?);
        s.put_category(&Category {
            slug: "sculpture".into(),
            name: "Sculpture".into(),
        })
        .await?;
        s.put_category(&Category {
            slug: "sculpture".into(),
            name: "Sculpture & form".into(),
        })
        .await?;
        ensure!(s.category_exists("sculpture").await?);
        ensure!(
            s.categories()
                .await?
                .iter()
                .any(|c| c.name == "Sculpture & form")
        );

        ensure!(s.sale().await?.is_none());
        let now = artstation_common::now();
        let sale = Sale {
            percent: SalePercent::from_basis_points(2000)?,
            starts_at: now,
            ends_at: now + Duration::days(1),
        };
        s.set_sale(Some(&sale)).await?;
        ensure!(s.sale().await? == Some(sale));
        s.set_sale(None).await?;
        ensure!(s.sale().await?.is_none());
        Ok(())
    })
    .await
}
