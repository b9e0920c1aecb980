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
            const PUBLIC: &str = "a.status = 'published' AND a.hidden_at IS NULL \
                                  AND a.deleted_at IS NULL";

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

            impl $store {
                /// Public works matching `filter`, in `sort` order, strictly after `after`.
                pub(super) async fn search_public(
                    &self,
                    f: &Filter,
                    sort: Sort,
                    after: Option<&After>,
                    limit: u32,
                ) -> Result<Vec<ArtworkRecord>, StoreError> {
                    // A tag page sorted by newness or price walks the tag's own index (whose
                    // rows carry price and visibility); everything else walks artworks.
                    let by_tag = f.tag.is_some() && sort != Sort::Popular;
                    let needs_artwork = f.text.is_some()
                        || f.category.is_some()
                        || f.artist_username.is_some()
                        || f.licence.is_some()
                        || f.currency.is_some();
                    let (id, price) = if by_tag {
                        ("t.artwork_id", "t.price_minor")
                    } else {
                        ("a.id", "a.price_minor")
                    };
                    // Two levels: the inner query finds the page's ids, touching only what its
                    // filters and order need (an index-only scan where an index covers them);
                    // the outer one fetches the rows of just those ids.
                    let mut q = QueryBuilder::<$db>::new(format!(
                        "SELECT {} FROM artworks a WHERE a.id IN (",
                        *A_COLUMNS
                    ));
                    if by_tag {
                        q.push("SELECT t.artwork_id FROM artwork_tags t");
                        if needs_artwork {
                            q.push(format!(
                                " JOIN artworks a ON a.id = t.artwork_id AND {PUBLIC}"
                            ));
                        }
                        q.push(" WHERE t.public AND t.tag = ")
                            .push_bind(f.tag.as_ref().map_or("", |t| t.as_str()).to_owned());
                    } else {
                        q.push(format!("SELECT a.id FROM artworks a WHERE {PUBLIC}"));
                        if let Some(tag) = &f.tag {
                            q.push(
                                " AND EXISTS (SELECT 1 FROM artwork_tags t \
                                 WHERE t.artwork_id = a.id AND t.tag = ",
                            )
                            .push_bind(tag.as_str().to_owned())
                            .push(")");
                        }
                    }
                    if let Some(text) = f.text.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
                        if $pg {
                            q.push(" AND a.search_vector @@ plainto_tsquery('english', ")
                                .push_bind(text.to_owned())
                                .push(")");
                        } else {
                            let Some(m) = fts5_query(text) else {
                                return Ok(Vec::new());
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
                    let order = |id: &str, price: &str| match sort {
                        Sort::New => format!(" ORDER BY {id} DESC"),
                        Sort::PriceAsc => format!(" ORDER BY {price} ASC, {id} ASC"),
                        Sort::PriceDesc => format!(" ORDER BY {price} DESC, {id} DESC"),
                        Sort::Popular => " ORDER BY a.popularity DESC, a.id DESC".to_owned(),
                    };
                    q.push(order(id, price));
                    q.push(" LIMIT ").push_bind(i64::from(limit));
                    q.push(")").push(order("a.id", "a.price_minor"));
                    let rows = q.build_query_as::<Row>().fetch_all(&self.pool).await?;
                    records(rows)
                }
            }
        }
    };
}

pub(super) use search_store_impl;
