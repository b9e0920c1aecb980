//! Set-up shared by the artwork crate's integration tests: the two storage profiles a scenario
//! runs on (SQLite with local disk, and PostgreSQL with a real S3 server), the one S3 test
//! config, the artwork fixture, and the catalogue suites' store runner and helpers.

// Each test crate compiles this module on its own and uses a part of it.
#![allow(dead_code)]

use std::future::Future;
use std::sync::Arc;

use anyhow::Result;
use artstation_artwork::storage::{BlobKey, BlobStore, LocalDisk, S3Config, S3Store, Variant};
use artstation_artwork::store::{self, ArtworkRecord, ArtworkStore, Derivative, Filter, Sort};
use artstation_domain::{
    ArtworkStatus, CategorySlug, Currency, Description, EditionSize, Licence, Money, Tag, Title,
};
use artstation_tests::{FreshPostgres, Garage};

/// An S3 configuration for a running Garage.
pub fn s3_config(garage: &Garage, staging: std::path::PathBuf) -> S3Config {
    S3Config {
        bucket: garage.bucket.clone(),
        endpoint: Some(garage.endpoint.clone()),
        region: artstation_tests::garage::REGION.into(),
        access_key_id: garage.access_key_id.clone(),
        secret_access_key: garage.secret_access_key.clone(),
        session_token: None,
        multipart_threshold: S3Config::DEFAULT_MULTIPART_THRESHOLD,
        part_size: S3Config::DEFAULT_PART_SIZE,
        staging_dir: staging,
    }
}

/// Runs `scenario` on the embedded default: SQLite and originals on local disk.
pub async fn on_sqlite_and_disk<F, Fut>(scenario: F) -> Result<()>
where
    F: FnOnce(Arc<dyn ArtworkStore>, Arc<dyn BlobStore>) -> Fut,
    Fut: Future<Output = Result<()>>,
{
    let dir = tempfile::tempdir()?;
    let store = store::open(&format!("sqlite://{}", dir.path().join("a.db").display())).await?;
    let blobs: Arc<dyn BlobStore> = Arc::new(LocalDisk::open(dir.path().join("blobs")).await?);
    scenario(store, blobs).await
}

/// Runs `scenario` on the production profile: a fresh PostgreSQL database and Garage.
pub async fn on_postgres_and_s3<F, Fut>(scenario: F) -> Result<()>
where
    F: FnOnce(Arc<dyn ArtworkStore>, Arc<dyn BlobStore>) -> Fut,
    Fut: Future<Output = Result<()>>,
{
    let garage = Garage::start()?;
    let dir = tempfile::tempdir()?;
    let blobs: Arc<dyn BlobStore> =
        Arc::new(S3Store::open(s3_config(&garage, dir.path().join("staging"))).await?);
    let pg = FreshPostgres::create().await?;
    let result = async { scenario(store::open(&pg.url).await?, blobs).await }.await;
    pg.drop_database().await?;
    result
}

/// The artwork every test starts from: published, by `artist` (id and username alike), 1.00
/// EUR, a 64×64 PNG original under its own key, no derivatives yet (but `Ready`, as rows from
/// before the image pipeline are). Tests change what they care
/// about with struct update syntax.
pub fn artwork(id: uuid::Uuid, artist: &str) -> ArtworkRecord {
    ArtworkRecord {
        id: id.to_string(),
        artist_id: artist.into(),
        artist_username: artist.into(),
        title: title("Untitled"),
        description: Description::default(),
        tags: Vec::new(),
        category: None,
        price: price(100, "EUR"),
        licence: Licence::Personal,
        edition_size: EditionSize::OPEN,
        status: ArtworkStatus::Published,
        content_type: "image/png".into(),
        size_bytes: 4,
        width: 64,
        height: 64,
        sha256: id.simple().to_string(),
        blob_key: BlobKey::original(&id).as_str().into(),
        favorite_count: 0,
        editions_sold: 0,
        created_at: artstation_common::now(),
        thumbnail: None,
        preview: None,
        phash: None,
        near_duplicate_of: None,
        derivatives: store::DerivativeState::Ready,
    }
}

/// `a` with both derivatives stored under their keys.
pub fn with_derivatives(a: ArtworkRecord) -> ArtworkRecord {
    let Ok(id) = uuid::Uuid::parse_str(&a.id) else {
        return a;
    };
    ArtworkRecord {
        thumbnail: Some(Derivative {
            blob_key: BlobKey::derivative(&id, Variant::Thumbnail).as_str().into(),
            sha256: "t".repeat(64),
        }),
        preview: Some(Derivative {
            blob_key: BlobKey::derivative(&id, Variant::Preview).as_str().into(),
            sha256: "p".repeat(64),
        }),
        ..a
    }
}

// Fixture values are known to be valid; a typo in one is a test bug, worth a loud failure.
#[allow(clippy::expect_used)]
pub fn title(s: &str) -> Title {
    Title::parse(s).expect("a valid fixture title")
}

#[allow(clippy::expect_used)]
pub fn price(amount_minor: i64, currency: &str) -> Money {
    Currency::parse(currency)
        .and_then(|c| Money::new(amount_minor, c))
        .expect("a valid fixture price")
}

#[allow(clippy::expect_used)]
pub fn tags(tags: &[&str]) -> Vec<Tag> {
    Tag::parse_list(tags).expect("valid fixture tags")
}

#[allow(clippy::expect_used)]
pub fn category(slug: &str) -> Option<CategorySlug> {
    Some(CategorySlug::parse(slug).expect("a valid fixture category"))
}

/// Runs a store-only `scenario` on SQLite and on PostgreSQL.
pub async fn on_every_backend<F, Fut>(scenario: F) -> Result<()>
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

/// A published painting priced in USD, its description derived from its title.
pub fn work(artist: &str, title: &str, price: i64, tags: &[&str]) -> ArtworkRecord {
    let id = uuid::Uuid::now_v7();
    ArtworkRecord {
        title: self::title(title),
        description: Description::parse(&format!("{title}, painted slowly")).unwrap_or_default(),
        tags: self::tags(tags),
        category: self::category("painting"),
        price: self::price(price, "USD"),
        size_bytes: 10,
        width: 100,
        height: 100,
        ..self::artwork(id, artist)
    }
}

/// The titles of `v`, in order (the suites name works by title).
pub fn ids(v: &[ArtworkRecord]) -> Vec<&str> {
    v.iter().map(|a| a.title.as_str()).collect()
}

/// The titles of every work `f` selects, in `sort` order.
pub async fn titles(s: &Arc<dyn ArtworkStore>, f: Filter, sort: Sort) -> Result<Vec<String>> {
    Ok(s.search(&f, sort, None, 100)
        .await?
        .into_iter()
        .map(|a| a.title.into_inner())
        .collect())
}
