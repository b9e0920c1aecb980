//! The catalogue's read side on every artwork store backend (SQLite FTS5 and PostgreSQL
//! tsvector search included): filters, visibility, and keyset paging under every sort.

mod common;

use anyhow::{Result, ensure};
use artstation_artwork::store::{After, ArtworkPatch, Filter, PriceChange, Selection, Sort};
use artstation_domain::{ArtworkStatus, Currency, Licence, Tag};
use common::{ids, on_every_backend, titles, work};

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
