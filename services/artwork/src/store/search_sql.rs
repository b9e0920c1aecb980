//! The public catalogue's one query builder: search and browse over the partial indexes of the
//! public set, every sort paged by keyset, in two levels (the page's ids, then their rows).
//! Where the dialects differ (full-text search) the `$pg` flag picks the variant.

macro_rules! search_store_impl {
    ($store:ident, $db:ty, $pg:literal) => {
        mod search_impl {
            use std::sync::LazyLock;

            use sqlx::QueryBuilder;

            use super::super::catalogue_store::{After, Filter, Sort};
            use super::super::{ArtworkRecord, StoreError};
            use super::{COLUMNS, Row, $store};

            /// The artwork columns qualified with the `a` alias, for queries that join.
            pub(super) static A_COLUMNS: LazyLock<String> = LazyLock::new(|| {
                COLUMNS
                    .split(',')
                    .map(|c| format!("a.{}", c.trim()))
                    .collect::<Vec<_>>()
                    .join(", ")
            });

            /// The public catalogue: what anyone may see and what every partial index covers.
            /// A work joins it once its derivatives are made, so no listed thumbnail is missing.
            const PUBLIC: &str = "a.status = 'published' AND a.hidden_at IS NULL \
                                  AND a.deleted_at IS NULL AND a.derivatives = 'ready'";

            pub(super) fn records(rows: Vec<Row>) -> Result<Vec<ArtworkRecord>, StoreError> {
                rows.into_iter().map(ArtworkRecord::try_from).collect()
            }

            /// FTS5 takes a query language of its own; user text becomes quoted terms (all
            /// required), so no input can be a syntax error.
            fn fts5_query(text: &str) -> Option<String> {
                let terms: Vec<String> = text
                    .split(|c: char| !c.is_alphanumeric())
                    .filter(|t| !t.is_empty())
                    .map(|t| format!("\"{t}\""))
                    .collect();
                (!terms.is_empty()).then(|| terms.join(" "))
            }

            /// How a query treats the search text.
            #[derive(Clone, Copy, PartialEq, Eq)]
            enum Text {
                /// Matched in the walk's own WHERE clause.
                Filter,
                /// Left out: the caller tests it on a bounded window of the walk.
                Window,
            }

            /// Entries of the ordered walk a text search examines before it gives up on the
            /// walk and asks the full-text index instead (PostgreSQL). Newest-first walks an
            /// index that carries the tsvector (no table visits), so it may look further than
            /// the other sorts, whose every entry costs a visit to the row.
            fn window(sort: Sort, wide: bool) -> i64 {
                match (sort, wide) {
                    (Sort::New, false) => 2_000,
                    (Sort::New, true) => 20_000,
                    (_, false) => 500,
                    (_, true) => 5_000,
                }
            }

            /// Below this many estimated matches a text search reads them all from the
            /// full-text index and sorts them, rather than walking the sort's index.
            const INDEX_FIRST_BELOW: i64 = 10_000;

            /// The planner's row estimate on the first line of a text EXPLAIN.
            fn estimated_rows(line: &str) -> Option<i64> {
                let at = line.find(" rows=")? + " rows=".len();
                line[at..]
                    .split(|c: char| !c.is_ascii_digit())
                    .next()?
                    .parse()
                    .ok()
            }

            /// Which columns a page is ordered by, for the walk's sort.
            fn order_by(sort: Sort, id: &str, price: &str, popularity: &str) -> String {
                match sort {
                    Sort::New => format!(" ORDER BY {id} DESC"),
                    Sort::PriceAsc => format!(" ORDER BY {price} ASC, {id} ASC"),
                    Sort::PriceDesc => format!(" ORDER BY {price} DESC, {id} DESC"),
                    Sort::Popular => format!(" ORDER BY {popularity} DESC, {id} DESC"),
                }
            }

            /// `SELECT <what> FROM … WHERE …` of the public walk for `f`, `after` included and
            /// no ORDER BY; `false` when the text can match nothing.
            fn push_walk(
                q: &mut QueryBuilder<$db>,
                what: &str,
                f: &Filter,
                sort: Sort,
                after: Option<&After>,
                text: Text,
            ) -> Result<bool, StoreError> {
                // A tag page sorted by newness or price walks the tag's own index (whose rows
                // carry price and visibility); everything else walks artworks.
                let by_tag = f.tag.is_some() && sort != Sort::Popular;
                let needs_artwork = f.text.is_some()
                    || f.category.is_some()
                    || f.artist_username.is_some()
                    || f.licence.is_some()
                    || f.currency.is_some();
                let (id, price) = columns(f, sort);
                if by_tag {
                    q.push(format!("SELECT {what} FROM artwork_tags t"));
                    if needs_artwork {
                        q.push(format!(
                            " JOIN artworks a ON a.id = t.artwork_id AND {PUBLIC}"
                        ));
                    }
                    q.push(" WHERE t.public AND t.tag = ")
                        .push_bind(f.tag.as_ref().map_or("", |t| t.as_str()).to_owned());
                } else {
                    q.push(format!("SELECT {what} FROM artworks a WHERE {PUBLIC}"));
                    if let Some(tag) = &f.tag {
                        q.push(
                            " AND EXISTS (SELECT 1 FROM artwork_tags t \
                             WHERE t.artwork_id = a.id AND t.tag = ",
                        )
                        .push_bind(tag.as_str().to_owned())
                        .push(")");
                    }
                }
                if let Some(t) = search_text(f).filter(|_| text == Text::Filter) {
                    if $pg {
                        q.push(" AND a.search_vector @@ plainto_tsquery('english', ")
                            .push_bind(t.to_owned())
                            .push(")");
                    } else {
                        let Some(m) = fts5_query(t) else {
                            return Ok(false);
                        };
                        q.push(
                            " AND a.rowid IN (SELECT rowid FROM artworks_fts \
                             WHERE artworks_fts MATCH ",
                        )
                        .push_bind(m)
                        .push(")");
                    }
                }
                for (column, value) in [
                    ("a.category", f.category.as_ref().map(|c| c.as_str())),
                    ("a.artist_username", f.artist_username.as_deref()),
                    ("a.licence", f.licence.map(|l| l.as_str())),
                    ("a.currency", f.currency.map(|c| c.code())),
                ] {
                    if let Some(v) = value {
                        q.push(format!(" AND {column} = ")).push_bind(v.to_owned());
                    }
                }
                if let Some(min) = f.min_price {
                    q.push(format!(" AND {price} >= ")).push_bind(min);
                }
                if let Some(max) = f.max_price {
                    q.push(format!(" AND {price} <= ")).push_bind(max);
                }
                match (sort, after) {
                    (_, None) => {}
                    (Sort::New, Some(After::Id(after_id))) => {
                        q.push(format!(" AND {id} < ")).push_bind(after_id.clone());
                    }
                    (Sort::PriceAsc, Some(After::Price(p, after_id))) => {
                        q.push(format!(" AND ({price}, {id}) > ("))
                            .push_bind(*p)
                            .push(", ")
                            .push_bind(after_id.clone())
                            .push(")");
                    }
                    (Sort::PriceDesc, Some(After::Price(p, after_id))) => {
                        q.push(format!(" AND ({price}, {id}) < ("))
                            .push_bind(*p)
                            .push(", ")
                            .push_bind(after_id.clone())
                            .push(")");
                    }
                    (Sort::Popular, Some(After::Score(s, after_id))) => {
                        q.push(" AND (a.popularity, a.id) < (")
                            .push_bind(*s)
                            .push(", ")
                            .push_bind(after_id.clone())
                            .push(")");
                    }
                    _ => {
                        return Err(StoreError::Invalid {
                            field: "cursor".into(),
                            message: "the cursor belongs to another sort".into(),
                        });
                    }
                }
                Ok(true)
            }

            /// The id and price columns the walk orders by: the tag index's own, or artworks'.
            fn columns(f: &Filter, sort: Sort) -> (&'static str, &'static str) {
                if f.tag.is_some() && sort != Sort::Popular {
                    ("t.artwork_id", "t.price_minor")
                } else {
                    ("a.id", "a.price_minor")
                }
            }

            fn search_text(f: &Filter) -> Option<&str> {
                f.text.as_deref().map(str::trim).filter(|t| !t.is_empty())
            }

            impl $store {
                /// Public works matching `filter`, in `sort` order, strictly after `after`.
                ///
                /// Two levels: the inner query finds the page's ids, touching only what its
                /// filters and order need (an index-only scan where an index covers them); the
                /// outer one fetches the rows of just those ids.
                pub(super) async fn search_public(
                    &self,
                    f: &Filter,
                    sort: Sort,
                    after: Option<&After>,
                    limit: u32,
                ) -> Result<Vec<ArtworkRecord>, StoreError> {
                    if $pg && search_text(f).is_some() {
                        return self.search_text_pg(f, sort, after, limit).await;
                    }
                    let (id, price) = columns(f, sort);
                    let mut q = QueryBuilder::<$db>::new(format!(
                        "SELECT {} FROM artworks a WHERE a.id IN (",
                        *A_COLUMNS
                    ));
                    if !push_walk(&mut q, id, f, sort, after, Text::Filter)? {
                        return Ok(Vec::new());
                    }
                    q.push(order_by(sort, id, price, "a.popularity"));
                    q.push(" LIMIT ").push_bind(i64::from(limit));
                    q.push(")")
                        .push(order_by(sort, "a.id", "a.price_minor", "a.popularity"));
                    let rows = q.build_query_as::<Row>().fetch_all(&self.pool).await?;
                    records(rows)
                }

                /// Text search on PostgreSQL, bounded whatever the term. A dense term fills a
                /// page from a short stretch of the sort's own walk. Otherwise the planner's
                /// estimate decides: a common term gets a longer (still bounded) walk, a rare one
                /// is read in full from the full-text index and sorted, as is anything a walk
                /// could not fill a page from. No query filters the whole walk any more (a rare
                /// or absent word used to: a second at a million works).
                async fn search_text_pg(
                    &self,
                    f: &Filter,
                    sort: Sort,
                    after: Option<&After>,
                    limit: u32,
                ) -> Result<Vec<ArtworkRecord>, StoreError> {
                    let text = search_text(f).unwrap_or_default().to_owned();
                    let (id, price) = columns(f, sort);
                    // Dense terms fill a page from a short walk: one query, no estimate.
                    if let Some(rows) = self
                        .search_text_walk(f, sort, after, limit, &text, false)
                        .await?
                    {
                        return records(rows);
                    }
                    if self.estimated_matches(f, sort).await? >= INDEX_FIRST_BELOW
                        && let Some(rows) = self
                            .search_text_walk(f, sort, after, limit, &text, true)
                            .await?
                    {
                        return records(rows);
                    }

                    // Rare: every match, from the GIN index (MATERIALIZED keeps the planner
                    // from turning this back into the ordered walk), then the page.
                    let what = format!("{id} AS id, {price} AS price, a.popularity AS popularity");
                    let mut q = QueryBuilder::<$db>::new("WITH m AS MATERIALIZED (");
                    push_walk(&mut q, &what, f, sort, after, Text::Filter)?;
                    q.push(format!(
                        ") SELECT {} FROM artworks a WHERE a.id IN (",
                        *A_COLUMNS
                    ));
                    q.push("SELECT m.id FROM m");
                    q.push(order_by(sort, "m.id", "m.price", "m.popularity"));
                    q.push(" LIMIT ").push_bind(i64::from(limit));
                    q.push(")")
                        .push(order_by(sort, "a.id", "a.price_minor", "a.popularity"));
                    let rows = q.build_query_as::<Row>().fetch_all(&self.pool).await?;
                    records(rows)
                }

                /// How many public works the planner expects to match `f` (from its
                /// statistics, without running the query: a fraction of a millisecond).
                async fn estimated_matches(
                    &self,
                    f: &Filter,
                    sort: Sort,
                ) -> Result<i64, StoreError> {
                    let mut q = QueryBuilder::<$db>::new("EXPLAIN ");
                    push_walk(&mut q, "1", f, sort, None, Text::Filter)?;
                    let plan: Vec<(String,)> = q.build_query_as().fetch_all(&self.pool).await?;
                    Ok(plan
                        .first()
                        .and_then(|(line,)| estimated_rows(line))
                        .unwrap_or(i64::MAX))
                }

                /// A common term's page from a bounded window of the sort's own walk; `None`
                /// when the window held less than a page (the term is rarer than estimated).
                async fn search_text_walk(
                    &self,
                    f: &Filter,
                    sort: Sort,
                    after: Option<&After>,
                    limit: u32,
                    text: &str,
                    wide: bool,
                ) -> Result<Option<Vec<Row>>, StoreError> {
                    let (id, price) = columns(f, sort);
                    let what = format!(
                        "{id} AS id, {price} AS price, a.popularity AS popularity, \
                         a.search_vector AS sv"
                    );
                    let mut q = QueryBuilder::<$db>::new(format!(
                        "SELECT {} FROM artworks a WHERE a.id IN (SELECT w.id FROM (",
                        *A_COLUMNS
                    ));
                    push_walk(&mut q, &what, f, sort, after, Text::Window)?;
                    q.push(order_by(sort, id, price, "a.popularity"));
                    q.push(" LIMIT ").push_bind(window(sort, wide));
                    q.push(") w WHERE w.sv @@ plainto_tsquery('english', ")
                        .push_bind(text.to_owned())
                        .push(")");
                    q.push(order_by(sort, "w.id", "w.price", "w.popularity"));
                    q.push(" LIMIT ").push_bind(i64::from(limit));
                    q.push(")")
                        .push(order_by(sort, "a.id", "a.price_minor", "a.popularity"));
                    let rows = q.build_query_as::<Row>().fetch_all(&self.pool).await?;
                    Ok((rows.len() >= limit as usize).then_some(rows))
                }
            }
        }
    };
}

pub(super) use search_store_impl;
