//! One conformance suite for the catalogue half of every artwork store backend (SQLite FTS5 and
//! PostgreSQL tsvector search included).

mod common;

use std::sync::Arc;

use anyhow::{Result, ensure};
use artstation_artwork::store::{
    self, After, ArtworkPatch, ArtworkRecord, ArtworkStore, Category, Filter, PriceChange, Sale,
    Selection, Sort, StoreError,
};
use artstation_domain::{
    ArtworkStatus, Currency, Description, EditionSize, Licence, SalePercent, Tag,
};
use chrono::Duration;

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

fn work(artist: &str, title: &str, price: i64, tags: &[&str]) -> ArtworkRecord {
    let id = uuid::Uuid::now_v7();
    ArtworkRecord {
        title: common::title(title),
        description: Description::parse(&format!("{title}, painted slowly")).unwrap_or_default(),
        tags: common::tags(tags),
        category: common::category("painting"),
        price: common::price(price, "USD"),
        size_bytes: 10,
        width: 100,
        height: 100,
        ..common::artwork(id, artist)
    }
}

fn ids(v: &[ArtworkRecord]) -> Vec<&str> {
    v.iter().map(|a| a.title.as_str()).collect()
}

async fn titles(s: &Arc<dyn ArtworkStore>, f: Filter, sort: Sort) -> Result<Vec<String>> {
    Ok(s.search(&f, sort, None, 100)
        .await?
        .into_iter()
        .map(|a| a.title.into_inner())
        .collect())
}

#[tokio::test]
async fn search_filters_and_hides_what_is_not_public() -> Result<()> {
    on_every_backend(|s| async move {
        let sunset = work("ann", "Sunsets over the harbour", 1500, &["sea", "sky"]);
        let mut forest = work("bob", "Forest at dawn", 900, &["trees"]);
        forest.category = common::category("photography");
        forest.licence = Licence::Commercial;
        forest.price = common::price(900, "EUR");
        let mut draft = work("ann", "Sunset draft", 100, &["sea"]);
        draft.status = ArtworkStatus::Draft;
        let hidden = work("ann", "Sunset hidden", 100, &["sea"]);
        let deleted = work("ann", "Sunset deleted", 100, &["sea"]);
        for a in [&sunset, &forest, &draft, &hidden, &deleted] {
            s.create(a).await?;
        }
        ensure!(
            s.set_hidden(&hidden.id, Some(artstation_common::now()))
                .await?
        );
        ensure!(s.soft_delete(&deleted.id, artstation_common::now()).await?);
        ensure!(
            s.get(&deleted.id).await?.is_none(),
            "deleted works are gone"
        );
        ensure!(s.get(&hidden.id).await?.map(|a| a.status) == Some(ArtworkStatus::Hidden));

        let text = |t: &str| Filter {
            text: Some(t.into()),
            ..Filter::default()
        };
        ensure!(
            titles(&s, text("sunset"), Sort::New).await? == ["Sunsets over the harbour"],
            "stemmed search"
        );
        ensure!(titles(&s, text("painted HARBOUR"), Sort::New).await?.len() == 1);
        ensure!(
            titles(&s, text("sky"), Sort::New).await?.len() == 1,
            "tags are searched"
        );
        ensure!(
            titles(&s, text("\"(*:^"), Sort::New).await?.is_empty(),
            "odd input is no error"
        );
        let f = |f: Filter| titles(&s, f, Sort::New);
        // Tag pages walk the tag rows, which must follow visibility and price.
        let sea = || Filter {
            tag: Tag::parse("sea").ok(),
            ..Filter::default()
        };
        for sort in [Sort::New, Sort::PriceAsc, Sort::PriceDesc, Sort::Popular] {
            ensure!(
                titles(&s, sea(), sort).await? == ["Sunsets over the harbour"],
                "{sort:?}"
            );
        }
        ensure!(
            titles(
                &s,
                Filter {
                    max_price: Some(1000),
                    ..sea()
                },
                Sort::PriceAsc
            )
            .await?
            .is_empty()
        );
        s.reprice(
            "ann",
            &Selection::Ids(vec![sunset.id.clone()]),
            &PriceChange::Set {
                amount_minor: 800,
                currency: "USD".into(),
            },
        )
        .await?;
        ensure!(
            titles(
                &s,
                Filter {
                    max_price: Some(1000),
                    ..sea()
                },
                Sort::PriceAsc
            )
            .await?
            .len()
                == 1,
            "tag rows follow the price"
        );
        s.reprice(
            "ann",
            &Selection::Ids(vec![sunset.id.clone()]),
            &PriceChange::Set {
                amount_minor: 1500,
                currency: "USD".into(),
            },
        )
        .await?;
        ensure!(
            s.set_hidden(&sunset.id, Some(artstation_common::now()))
                .await?
        );
        ensure!(
            titles(&s, sea(), Sort::PriceAsc).await?.is_empty(),
            "tag rows follow hiding"
        );
        ensure!(s.set_hidden(&sunset.id, None).await?);
        s.update(
            &draft.id,
            &ArtworkPatch {
                status: Some(ArtworkStatus::Published),
                ..ArtworkPatch::default()
            },
        )
        .await?;
        ensure!(
            titles(&s, sea(), Sort::New).await?.len() == 2,
            "tag rows follow publishing"
        );
        s.update(
            &draft.id,
            &ArtworkPatch {
                status: Some(ArtworkStatus::Draft),
                ..ArtworkPatch::default()
            },
        )
        .await?;
        ensure!(
            f(Filter {
                tag: Tag::parse("trees").ok(),
                ..Filter::default()
            })
            .await?
                == ["Forest at dawn"]
        );
        ensure!(
            f(Filter {
                category: common::category("photography"),
                ..Filter::default()
            })
            .await?
                == ["Forest at dawn"]
        );
        ensure!(
            f(Filter {
                artist_username: Some("ann".into()),
                ..Filter::default()
            })
            .await?
                == ["Sunsets over the harbour"]
        );
        ensure!(
            f(Filter {
                licence: Some(Licence::Commercial),
                ..Filter::default()
            })
            .await?
            .len()
                == 1
        );
        ensure!(
            f(Filter {
                currency: Currency::parse("EUR").ok(),
                ..Filter::default()
            })
            .await?
            .len()
                == 1
        );
        ensure!(
            f(Filter {
                min_price: Some(1000),
                ..Filter::default()
            })
            .await?
                == ["Sunsets over the harbour"]
        );
        ensure!(
            f(Filter {
                max_price: Some(900),
                ..Filter::default()
            })
            .await?
                == ["Forest at dawn"]
        );
        Ok(())
    })
    .await
}

#[tokio::test]
async fn every_sort_pages_by_keyset_and_stays_stable_under_inserts() -> Result<()> {
    on_every_backend(|s| async move {
        for (i, price) in [500, 100, 300, 300, 900, 700].into_iter().enumerate() {
            s.create(&work("ann", &format!("w{i}"), price, &[])).await?;
        }
        for sort in [Sort::New, Sort::PriceAsc, Sort::PriceDesc, Sort::Popular] {
            let all = s.search(&Filter::default(), sort, None, 100).await?;
            let mut seen = Vec::new();
            let mut after = None;
            loop {
                let page = s
                    .search(&Filter::default(), sort, after.as_ref(), 2)
                    .await?;
                let Some(last) = page.last() else { break };
                after = Some(match sort {
                    Sort::New => After::Id(last.id.clone()),
                    Sort::PriceAsc | Sort::PriceDesc => {
                        After::Price(last.price.amount_minor(), last.id.clone())
                    }
                    Sort::Popular => After::Score(
                        s.popularity(&last.id).await?.unwrap_or(0.0),
                        last.id.clone(),
                    ),
                });
                seen.extend(page.iter().map(|a| a.id.clone()));
                // Inserting while paging must not shift or repeat what follows.
                s.create(&work("zed", "late", 0, &[])).await?;
            }
            // Works added meanwhile may show up (when they sort after the cursor), but nothing
            // that existed is skipped, repeated or reordered.
            let expected: Vec<String> = all.iter().map(|a| a.id.clone()).collect();
            let old: Vec<String> = seen
                .iter()
                .filter(|id| expected.contains(id))
                .cloned()
                .collect();
            ensure!(old == expected, "{sort:?}: {:?} vs {:?}", old, ids(&all));
            let mut unique = seen.clone();
            unique.sort();
            unique.dedup();
            ensure!(unique.len() == seen.len(), "{sort:?}: repeated items");
        }
        let asc = titles(
            &s,
            Filter {
                artist_username: Some("ann".into()),
                ..Filter::default()
            },
            Sort::PriceAsc,
        )
        .await?;
        ensure!(
            asc.first().map(String::as_str) == Some("w1")
                && asc.last().map(String::as_str) == Some("w4"),
            "{asc:?}"
        );
        Ok(())
    })
    .await
}

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
