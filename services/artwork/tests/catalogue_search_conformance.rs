//! The catalogue's read side on every artwork store backend (SQLite FTS5 and PostgreSQL
//! tsvector search included): filters, visibility, and keyset paging under every sort.

mod common;

use anyhow::{Result, ensure};
use artstation_artwork::store::{After, ArtworkPatch, Filter, PriceChange, Selection, Sort};
use artstation_domain::{ArtworkStatus, Currency, Licence, Tag};
use common::{ids, on_every_backend, titles, work};
use futures::StreamExt as _;

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

/// Works in the text-search data set; more than the newest-first walk's window (2 000 entries
/// on PostgreSQL, `search_sql.rs`), so a match among the oldest is out of the walk's reach.
const PATH_ROWS: u128 = 2_600;
/// The works that have the rare word: the oldest two lie beyond the newest-first window, so
/// only the full-text index can find them; the newest is inside it.
const QUOKKAS: [u128; 3] = [0, 300, 2_590];

/// Work `i` of the data set: ids ascend with `i` (newest first is `i` descending), prices
/// repeat (ties are broken by id), every title says "lantern", every 53rd "ember".
fn path_work(i: u128) -> artstation_artwork::store::ArtworkRecord {
    let mut title = format!("Lantern {i}");
    if i % 53 == 7 {
        title.push_str(" ember");
    }
    if QUOKKAS.contains(&i) {
        title.push_str(" quokka");
    }
    let id = uuid::Uuid::from_u128(0x0190_0000_0000_7000_8000_0000_0000_0000 | i);
    artstation_artwork::store::ArtworkRecord {
        id: id.to_string(),
        sha256: id.simple().to_string(),
        ..work("ann", &title, 100 + (i as i64 * 37) % 500, &[])
    }
}

/// The ids of the data set's works whose index passes `keep`, in `sort` order.
fn expected(keep: impl Fn(u128) -> bool, sort: Sort) -> Vec<String> {
    let mut v: Vec<_> = (0..PATH_ROWS).filter(|i| keep(*i)).map(path_work).collect();
    match sort {
        Sort::New | Sort::Popular => v.sort_by(|a, b| b.id.cmp(&a.id)),
        Sort::PriceAsc => {
            v.sort_by(|a, b| (a.price.amount_minor(), &a.id).cmp(&(b.price.amount_minor(), &b.id)))
        }
        Sort::PriceDesc => {
            v.sort_by(|a, b| (b.price.amount_minor(), &b.id).cmp(&(a.price.amount_minor(), &a.id)))
        }
    }
    v.into_iter().map(|a| a.id).collect()
}

/// Every page of a text search, `limit` at a time, following the cursor to the end.
async fn all_pages(
    s: &std::sync::Arc<dyn artstation_artwork::store::ArtworkStore>,
    text: &str,
    sort: Sort,
    limit: u32,
) -> Result<Vec<String>> {
    let f = Filter {
        text: Some(text.into()),
        ..Filter::default()
    };
    let (mut seen, mut after) = (Vec::new(), None);
    for _ in 0..=PATH_ROWS {
        let page = s.search(&f, sort, after.as_ref(), limit).await?;
        ensure!(
            page.len() <= limit as usize,
            "{text} {sort:?}: an overfull page"
        );
        let Some(last) = page.last() else {
            return Ok(seen);
        };
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
        seen.extend(page.into_iter().map(|a| a.id));
    }
    anyhow::bail!("{text} {sort:?}: the cursor never reached the end")
}

/// Issue 10 item 15: a text search takes one of several paths by how common its term is (a
/// short walk of the sort's index, a longer one, or the full-text index read whole), and
/// every one must give the same answer a full scan would: the common term's first page, the
/// rare term's matches beyond the walk's window, nothing for an absent term, and each match
/// exactly once, in order, when a term is paged through.
#[tokio::test]
async fn text_search_finds_common_rare_and_absent_terms_on_every_path() -> Result<()> {
    on_every_backend(|s| async move {
        let works: Vec<_> = (0..PATH_ROWS).map(path_work).collect();
        let creates = works.iter().map(|a| s.create(a));
        for result in futures::stream::iter(creates)
            .buffer_unordered(4)
            .collect::<Vec<_>>()
            .await
        {
            result?;
        }
        let search = |text: &str, sort: Sort, limit: u32| {
            let (s, text) = (s.clone(), text.to_owned());
            async move {
                let f = Filter {
                    text: Some(text),
                    ..Filter::default()
                };
                Ok::<_, anyhow::Error>(
                    s.search(&f, sort, None, limit)
                        .await?
                        .into_iter()
                        .map(|a| a.id)
                        .collect::<Vec<_>>(),
                )
            }
        };
        let sorts = [Sort::New, Sort::PriceAsc, Sort::PriceDesc, Sort::Popular];

        // Common: every work matches, a page fills from the first entries of the walk.
        for sort in sorts {
            let mut want = expected(|_| true, sort);
            want.truncate(20);
            ensure!(
                search("lantern", sort, 20).await? == want,
                "common term, {sort:?}"
            );
        }
        // Rare: three matches, two of them older than the newest 2 000 works.
        for sort in sorts {
            let want = expected(|i| QUOKKAS.contains(&i), sort);
            ensure!(
                search("quokka", sort, 20).await? == want,
                "rare term, {sort:?}: {:?}",
                search("quokka", sort, 20).await?
            );
            ensure!(
                search("Lantern quokka", sort, 20).await? == want,
                "rare term with a common one, {sort:?}"
            );
            ensure!(
                all_pages(&s, "quokka", sort, 1).await? == want,
                "rare term paged one at a time, {sort:?}"
            );
        }
        ensure!(
            search("quokka 300", Sort::New, 20).await? == expected(|i| i == 300, Sort::New),
            "the one work with both words"
        );
        // Absent: no work has the word; an empty page, not an error or a full scan's answer.
        for sort in sorts {
            for text in ["zebra", "lantern zebra", "quokka zebra"] {
                ensure!(
                    search(text, sort, 20).await?.is_empty(),
                    "absent term {text:?}, {sort:?}"
                );
                ensure!(all_pages(&s, text, sort, 7).await?.is_empty());
            }
        }
        // Paged through: one work in 53 matches, so pages come from the walk where it is dense
        // enough and from the index where it is not; each match once, in order.
        for sort in sorts {
            let want = expected(|i| i % 53 == 7, sort);
            let got = all_pages(&s, "ember", sort, 7).await?;
            ensure!(
                got == want,
                "ember paged, {sort:?}: {} of {} matches",
                got.len(),
                want.len()
            );
        }
        let common = all_pages(&s, "lantern", Sort::New, 100).await?;
        ensure!(
            common == expected(|_| true, Sort::New),
            "the common term paged to its end: {} of {PATH_ROWS}",
            common.len()
        );
        Ok(())
    })
    .await
}
