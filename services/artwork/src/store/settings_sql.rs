//! The SQL of the marketplace's settings that admins keep (managed categories, the store-wide
//! sale), once for both backends; the catalogue store's trait methods delegate here.

macro_rules! settings_store_impl {
    ($store:ident) => {
        mod settings_impl {
            use artstation_domain::SalePercent;
            use chrono::{DateTime, Utc};

            use super::super::StoreError;
            use super::super::catalogue_store::{Category, Sale};
            use super::$store;

            impl $store {
                pub(super) async fn load_categories(&self) -> Result<Vec<Category>, StoreError> {
                    let rows: Vec<(String, String)> =
                        sqlx::query_as("SELECT slug, name FROM categories ORDER BY name, slug")
                            .fetch_all(&self.pool)
                            .await?;
                    Ok(rows
                        .into_iter()
                        .map(|(slug, name)| Category { slug, name })
                        .collect())
                }

                pub(super) async fn has_category(&self, slug: &str) -> Result<bool, StoreError> {
                    let row: Option<(String,)> =
                        sqlx::query_as("SELECT slug FROM categories WHERE slug = $1")
                            .bind(slug)
                            .fetch_optional(&self.pool)
                            .await?;
                    Ok(row.is_some())
                }

                pub(super) async fn store_category(&self, c: &Category) -> Result<(), StoreError> {
                    sqlx::query(
                        "INSERT INTO categories (slug, name, created_at) VALUES ($1, $2, $3) \
                         ON CONFLICT (slug) DO UPDATE SET name = excluded.name",
                    )
                    .bind(&c.slug)
                    .bind(&c.name)
                    .bind(artstation_common::now())
                    .execute(&self.pool)
                    .await?;
                    Ok(())
                }

                pub(super) async fn load_sale(&self) -> Result<Option<Sale>, StoreError> {
                    let row: Option<(i32, DateTime<Utc>, DateTime<Utc>)> = sqlx::query_as(
                        "SELECT percent_bp, starts_at, ends_at FROM sale WHERE id = 1",
                    )
                    .fetch_optional(&self.pool)
                    .await?;
                    row.map(|(bp, starts_at, ends_at)| {
                        let percent = u32::try_from(bp)
                            .ok()
                            .and_then(|bp| SalePercent::from_basis_points(bp).ok())
                            .ok_or_else(|| StoreError::Corrupt(format!("sale percent {bp}")))?;
                        Ok(Sale {
                            percent,
                            starts_at,
                            ends_at,
                        })
                    })
                    .transpose()
                }

                pub(super) async fn store_sale(
                    &self,
                    sale: Option<&Sale>,
                ) -> Result<(), StoreError> {
                    let mut tx = artstation_common::db::BeginWrite::begin_write(&self.pool).await?;
                    sqlx::query("DELETE FROM sale").execute(&mut *tx).await?;
                    if let Some(s) = sale {
                        sqlx::query(
                            "INSERT INTO sale (id, percent_bp, starts_at, ends_at) \
                             VALUES (1, $1, $2, $3)",
                        )
                        .bind(i32::try_from(s.percent.basis_points()).unwrap_or(i32::MAX))
                        .bind(s.starts_at)
                        .bind(s.ends_at)
                        .execute(&mut *tx)
                        .await?;
                    }
                    tx.commit().await?;
                    Ok(())
                }
            }
        }
    };
}

pub(super) use settings_store_impl;
