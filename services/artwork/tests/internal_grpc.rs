//! `ArtworkInternal` over a real socket: only the service secret opens it (a user's token, an
//! admin's included, never does), quotes price like buyers see, sales are recorded once per
//! order, and the original is readable by its buyer — through the public `ReadImage` — until a
//! refund, even after the artist deleted the work.

mod common;
mod served;

use anyhow::{Context, Result, ensure};
use artstation_artwork::store::{ArtworkRecord, Sale};
use artstation_common::service_auth::ServiceSecret;
use artstation_domain::{ArtworkStatus, EditionSize, Role, SalePercent};
use artstation_proto::artwork::v1 as pb;
use served::{Served, as_service, as_user};
use tonic::Code;

fn work(artist: &str, status: ArtworkStatus, price: i64) -> ArtworkRecord {
    ArtworkRecord {
        status,
        price: common::price(price, "EUR"),
        edition_size: EditionSize::new(5).unwrap_or_default(),
        title: common::title("Harbour at dusk"),
        ..common::artwork(uuid::Uuid::now_v7(), artist)
    }
}

fn quote_req(id: &str) -> pb::QuoteRequest {
    pb::QuoteRequest {
        artwork_id: id.into(),
    }
}

fn sale(order: &str, artwork: &str, buyer: &str, serial: i64) -> pb::SaleRecord {
    pb::SaleRecord {
        order_id: order.into(),
        artwork_id: artwork.into(),
        buyer_id: buyer.into(),
        serial,
    }
}

fn code<T>(r: Result<T, tonic::Status>) -> Code {
    r.err().map_or(Code::Ok, |s| s.code())
}

#[tokio::test]
async fn only_the_service_secret_opens_internal_calls() -> Result<()> {
    let secret = ServiceSecret::random()?;
    let s = Served::start(Some(secret.clone())).await?;
    let a = work("artist-1", ArtworkStatus::Published, 1000);
    s.put(&a, b"orig").await?;
    let mut client = s.internal();

    ensure!(
        code(client.quote(quote_req(&a.id)).await) == Code::PermissionDenied,
        "no secret"
    );
    let wrong = ServiceSecret::random()?;
    ensure!(
        code(client.quote(as_service(&wrong, quote_req(&a.id))).await) == Code::PermissionDenied
    );
    let admin = s.token("admin-1", Role::Admin)?;
    ensure!(
        code(client.quote(as_user(&admin, quote_req(&a.id))?).await) == Code::PermissionDenied,
        "an admin's token is still a user's token"
    );
    let buyer = s.token("buyer-1", Role::Buyer)?;
    ensure!(
        code(
            client
                .record_sale(as_user(&buyer, sale("o-1", &a.id, "buyer-1", 1))?)
                .await
        ) == Code::PermissionDenied
    );
    ensure!(
        s.store.entitlement("o-1").await?.is_none(),
        "nothing recorded"
    );
    ensure!(code(client.quote(as_service(&secret, quote_req(&a.id))).await) == Code::Ok);

    // Without a configured secret nothing opens it.
    let closed = Served::start(None).await?;
    let mut client = closed.internal();
    ensure!(
        code(client.quote(as_service(&secret, quote_req(&a.id))).await) == Code::PermissionDenied
    );
    Ok(())
}

#[tokio::test]
async fn quotes_are_what_buyers_are_shown() -> Result<()> {
    let secret = ServiceSecret::random()?;
    let s = Served::start(Some(secret.clone())).await?;
    let now = artstation_common::now();
    s.store
        .set_sale(Some(&Sale {
            percent: SalePercent::from_basis_points(2000)?,
            starts_at: now - chrono::Duration::hours(1),
            ends_at: now + chrono::Duration::hours(1),
        }))
        .await?;
    let published = work("artist-1", ArtworkStatus::Published, 1250);
    let draft = work("artist-1", ArtworkStatus::Draft, 900);
    let hidden = work("artist-1", ArtworkStatus::Published, 700);
    let deleted = work("artist-1", ArtworkStatus::Published, 500);
    for a in [&published, &draft, &hidden, &deleted] {
        s.put(a, b"orig").await?;
    }
    ensure!(s.store.set_hidden(&hidden.id, Some(now)).await?);
    ensure!(s.store.soft_delete(&deleted.id, now).await?);
    let mut client = s.internal();

    let q = client
        .quote(as_service(&secret, quote_req(&published.id)))
        .await?
        .into_inner();
    let price = q.effective_price.clone().context("price")?;
    ensure!(
        price.amount_minor == 1000 && price.currency == "EUR",
        "{q:?}"
    );
    ensure!(
        q.purchasable && q.artist_id == "artist-1" && q.edition_size == 5,
        "{q:?}"
    );
    ensure!(
        q.original_sha256 == published.sha256 && q.licence == "personal",
        "{q:?}"
    );
    ensure!(
        q.title == "Harbour at dusk" && q.editions_sold == 0,
        "{q:?}"
    );
    let shown = s
        .public()
        .get_artwork(pb::GetArtworkRequest {
            id: published.id.clone(),
        })
        .await?
        .into_inner();
    ensure!(
        shown.effective_price == q.effective_price,
        "the buyer's price"
    );

    for (a, what) in [(&draft, "draft"), (&hidden, "hidden")] {
        let q = client
            .quote(as_service(&secret, quote_req(&a.id)))
            .await?
            .into_inner();
        ensure!(!q.purchasable, "a {what} work cannot be bought");
    }
    for id in [
        deleted.id.clone(),
        uuid::Uuid::now_v7().to_string(),
        "nope".into(),
    ] {
        ensure!(
            code(client.quote(as_service(&secret, quote_req(&id))).await) == Code::NotFound,
            "{id}"
        );
    }
    Ok(())
}

#[tokio::test]
async fn buyers_read_the_original_until_refunded() -> Result<()> {
    let secret = ServiceSecret::random()?;
    let s = Served::start(Some(secret.clone())).await?;
    let a = work("artist-1", ArtworkStatus::Published, 1000);
    s.put(&a, b"the original").await?;
    let mut client = s.internal();
    let buyer = s.token("buyer-1", Role::Buyer)?;
    let stranger = s.token("stranger", Role::Buyer)?;
    let artist = s.token("artist-1", Role::Artist)?;
    let admin = s.token("admin-1", Role::Admin)?;

    ensure!(code(s.read_original(&a.id, Some(&buyer)).await) == Code::PermissionDenied);
    // Admins read originals (a theft report is checked against them), without buying.
    ensure!(s.read_original(&a.id, Some(&admin)).await? == b"the original");
    for _ in 0..2 {
        client
            .record_sale(as_service(&secret, sale("o-1", &a.id, "buyer-1", 1)))
            .await?;
    }
    let shown = s
        .public()
        .get_artwork(pb::GetArtworkRequest { id: a.id.clone() })
        .await?
        .into_inner();
    ensure!(
        shown.editions_sold == 1,
        "a repeated sale is one sale: {}",
        shown.editions_sold
    );
    ensure!(s.read_original(&a.id, Some(&buyer)).await? == b"the original");
    ensure!(s.read_original(&a.id, Some(&artist)).await? == b"the original");
    ensure!(code(s.read_original(&a.id, Some(&stranger)).await) == Code::PermissionDenied);
    ensure!(code(s.read_original(&a.id, None).await) == Code::Unauthenticated);

    for _ in 0..2 {
        client
            .record_refund(as_service(&secret, sale("o-1", &a.id, "buyer-1", 1)))
            .await?;
    }
    let refused = code(s.read_original(&a.id, Some(&buyer)).await);
    ensure!(refused == code(s.read_original(&a.id, Some(&stranger)).await));
    ensure!(refused == Code::PermissionDenied);
    let q = client
        .quote(as_service(&secret, quote_req(&a.id)))
        .await?
        .into_inner();
    ensure!(
        q.editions_sold == 1,
        "a refunded serial is retired, not resold"
    );
    Ok(())
}

#[tokio::test]
async fn buyers_keep_the_original_when_the_artist_deletes_the_work() -> Result<()> {
    let secret = ServiceSecret::random()?;
    let s = Served::start(Some(secret.clone())).await?;
    let a = work("artist-1", ArtworkStatus::Published, 1000);
    s.put(&a, b"kept bytes").await?;
    let mut client = s.internal();
    let buyer = s.token("buyer-1", Role::Buyer)?;
    let stranger = s.token("stranger", Role::Buyer)?;
    client
        .record_sale(as_service(&secret, sale("o-1", &a.id, "buyer-1", 1)))
        .await?;

    let mut public = s.public();
    let delete = as_user(
        &s.token("artist-1", Role::Artist)?,
        pb::DeleteArtworkRequest { id: a.id.clone() },
    )?;
    public.delete_artwork(delete).await?;
    ensure!(s.read_original(&a.id, Some(&buyer)).await? == b"kept bytes");
    ensure!(code(s.read_original(&a.id, Some(&stranger)).await) == Code::NotFound);
    // The saga compensates a sale the artwork side refuses; the first buyer's repeat is fine.
    ensure!(
        code(
            client
                .record_sale(as_service(&secret, sale("o-2", &a.id, "buyer-2", 2)))
                .await
        ) == Code::NotFound
    );
    client
        .record_sale(as_service(&secret, sale("o-1", &a.id, "buyer-1", 1)))
        .await?;

    client
        .record_refund(as_service(&secret, sale("o-1", &a.id, "buyer-1", 1)))
        .await?;
    ensure!(
        code(s.read_original(&a.id, Some(&buyer)).await) == Code::NotFound,
        "like a stranger"
    );
    Ok(())
}
