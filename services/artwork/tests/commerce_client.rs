//! The commerce side's `GrpcCatalogue` against a real artwork service: quotes arrive as the
//! saga reads them, sales and refunds are acknowledged (and repeated safely), an unknown work
//! is `NotFound`, and a wrong secret or an unreachable service is `Unavailable`.

mod common;
mod served;

use std::time::Duration;

use anyhow::{Context, Result, ensure};
use artstation_artwork::store::ArtworkRecord;
use artstation_commerce::{Catalogue, CatalogueError, GrpcCatalogue, SaleNotice};
use artstation_common::service_auth::ServiceSecret;
use artstation_domain::{ArtworkStatus, EditionSize, Role};
use served::Served;

fn notice(order: &str, artwork: &str) -> SaleNotice {
    SaleNotice {
        order_id: order.into(),
        artwork_id: artwork.into(),
        buyer_id: "buyer-1".into(),
        serial: 1,
    }
}

#[tokio::test]
async fn the_grpc_catalogue_speaks_to_the_artwork_service() -> Result<()> {
    let secret = ServiceSecret::random()?;
    let s = Served::start(Some(secret.clone())).await?;
    let a = ArtworkRecord {
        edition_size: EditionSize::new(3).unwrap_or_default(),
        ..common::artwork(uuid::Uuid::now_v7(), "artist-1")
    };
    let open = ArtworkRecord {
        status: ArtworkStatus::Draft,
        ..common::artwork(uuid::Uuid::now_v7(), "artist-1")
    };
    s.put(&a, b"original").await?;
    s.put(&open, b"other").await?;
    let catalogue = GrpcCatalogue::new(s.channel.clone(), secret.clone());

    let q = catalogue.quote(&a.id).await?;
    ensure!(q.artwork_id == a.id && q.artist_id == "artist-1", "{q:?}");
    ensure!(q.effective_price == a.price && q.purchasable, "{q:?}");
    ensure!(
        q.edition_size == Some(3) && q.original_sha256 == a.sha256,
        "{q:?}"
    );
    let q = catalogue.quote(&open.id).await?;
    ensure!(q.edition_size.is_none() && !q.purchasable, "{q:?}");
    let unknown = uuid::Uuid::now_v7().to_string();
    ensure!(catalogue.quote(&unknown).await == Err(CatalogueError::NotFound));

    catalogue.record_sale(&notice("o-1", &a.id)).await?;
    catalogue.record_sale(&notice("o-1", &a.id)).await?;
    let buyer = s.token("buyer-1", Role::Buyer)?;
    ensure!(s.read_original(&a.id, Some(&buyer)).await? == b"original");
    ensure!(catalogue.record_sale(&notice("o-2", &unknown)).await == Err(CatalogueError::NotFound));
    catalogue.record_refund(&notice("o-1", &a.id)).await?;
    catalogue.record_refund(&notice("o-1", &a.id)).await?;
    ensure!(s.read_original(&a.id, Some(&buyer)).await.is_err());
    let row = s.store.entitlement("o-1").await?.context("row")?;
    ensure!(row.revoked_at.is_some());

    let wrong = GrpcCatalogue::new(s.channel.clone(), ServiceSecret::random()?);
    ensure!(matches!(
        wrong.quote(&a.id).await,
        Err(CatalogueError::Unavailable(_))
    ));
    Ok(())
}

#[tokio::test]
async fn an_unreachable_artwork_service_is_unavailable() -> Result<()> {
    // A port nothing listens on any more.
    let listener = std::net::TcpListener::bind("127.0.0.1:0")?;
    let addr = format!("http://{}", listener.local_addr()?);
    drop(listener);
    let channel = tonic::transport::Endpoint::from_shared(addr)?.connect_lazy();
    let catalogue =
        GrpcCatalogue::new(channel, ServiceSecret::random()?).with_timeout(Duration::from_secs(2));
    let id = uuid::Uuid::now_v7().to_string();
    ensure!(matches!(
        catalogue.quote(&id).await,
        Err(CatalogueError::Unavailable(_))
    ));
    ensure!(matches!(
        catalogue.record_sale(&notice("o-1", &id)).await,
        Err(CatalogueError::Unavailable(_))
    ));
    Ok(())
}

#[tokio::test]
async fn a_silent_artwork_service_times_out() -> Result<()> {
    // Accepts connections and never answers.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let addr = format!("http://{}", listener.local_addr()?);
    let hold = tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((conn, _)) = listener.accept().await {
            held.push(conn);
        }
    });
    let channel = tonic::transport::Endpoint::from_shared(addr)?.connect_lazy();
    let catalogue = GrpcCatalogue::new(channel, ServiceSecret::random()?)
        .with_timeout(Duration::from_millis(300));
    let started = std::time::Instant::now();
    let answer = catalogue.quote(&uuid::Uuid::now_v7().to_string()).await;
    ensure!(
        matches!(answer, Err(CatalogueError::Unavailable(_))),
        "{answer:?}"
    );
    ensure!(started.elapsed() < Duration::from_secs(3));
    hold.abort();
    Ok(())
}
