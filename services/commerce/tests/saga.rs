//! The purchase saga and the features above the store, against a real SQLite store and an
//! in-memory artwork side that can be taken down, or forget a work, on demand.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use anyhow::{Result, ensure};
use artstation_commerce::licence::{LicenceSigner, verify_certificate};
use artstation_commerce::store::{
    self, AccountKind, CommerceStore, IdempotencyKey, Order, OrderStatus, platform_fee,
};
use artstation_commerce::{
    Catalogue, CatalogueError, Commerce, CommerceConfig, PurchaseInput, Quote, SaleNotice,
};
use artstation_common::{AccessClaims, ErrorCode};
use artstation_domain::{Currency, Money, Role};

#[derive(Default)]
struct FakeCatalogue {
    quotes: Mutex<Vec<Quote>>,
    down: AtomicBool,
    forgets: AtomicBool,
    /// ("sale" | "refund", order id) for every acknowledged notice.
    told: Mutex<Vec<(&'static str, String)>>,
}

impl FakeCatalogue {
    fn check(&self) -> Result<(), CatalogueError> {
        if self.down.load(Ordering::SeqCst) {
            Err(CatalogueError::Unavailable("connection refused".into()))
        } else if self.forgets.load(Ordering::SeqCst) {
            Err(CatalogueError::NotFound)
        } else {
            Ok(())
        }
    }

    fn told(&self) -> Vec<(&'static str, String)> {
        self.told.lock().map(|t| t.clone()).unwrap_or_default()
    }
}

#[async_trait::async_trait]
impl Catalogue for FakeCatalogue {
    async fn quote(&self, artwork_id: &str) -> Result<Quote, CatalogueError> {
        if self.down.load(Ordering::SeqCst) {
            return Err(CatalogueError::Unavailable("connection refused".into()));
        }
        let quotes = self.quotes.lock().map_err(|_| CatalogueError::NotFound)?;
        quotes
            .iter()
            .find(|q| q.artwork_id == artwork_id)
            .cloned()
            .ok_or(CatalogueError::NotFound)
    }

    async fn record_sale(&self, sale: &SaleNotice) -> Result<(), CatalogueError> {
        self.check()?;
        if let Ok(mut t) = self.told.lock() {
            t.push(("sale", sale.order_id.clone()));
        }
        Ok(())
    }

    async fn record_refund(&self, sale: &SaleNotice) -> Result<(), CatalogueError> {
        self.check()?;
        if let Ok(mut t) = self.told.lock() {
            t.push(("refund", sale.order_id.clone()));
        }
        Ok(())
    }
}

fn usd(minor: i64) -> Result<Money> {
    Ok(Money::new(minor, Currency::parse("USD")?)?)
}

fn user(id: &str, role: Role) -> AccessClaims {
    AccessClaims {
        iss: "artstation".into(),
        aud: "artstation".into(),
        sub: id.into(),
        exp: 0,
        iat: 0,
        nbf: 0,
        jti: String::new(),
        sid: String::new(),
        role,
        preferred_username: id.into(),
    }
}

fn quote(id: &str, price: i64, edition: Option<i64>) -> Result<Quote> {
    Ok(Quote {
        artwork_id: id.into(),
        artist_id: "artist".into(),
        effective_price: usd(price)?,
        purchasable: true,
        edition_size: edition,
        title: format!("Work {id}"),
        original_sha256: "cd".repeat(32),
        licence: "commercial".into(),
    })
}

struct World {
    commerce: Commerce,
    catalogue: Arc<FakeCatalogue>,
    url: String,
    _dir: tempfile::TempDir,
}

async fn world(configure: impl FnOnce(&mut CommerceConfig)) -> Result<World> {
    let dir = tempfile::tempdir()?;
    let url = format!("sqlite://{}", dir.path().join("commerce.db").display());
    let mut config = CommerceConfig::new(url.clone());
    configure(&mut config);
    let store = store::open(&url).await?;
    let licences = LicenceSigner::load_or_create(&store).await?;
    let catalogue = Arc::new(FakeCatalogue::default());
    if let Ok(mut q) = catalogue.quotes.lock() {
        q.push(quote("a1", 1000, Some(3))?);
        let mut draft = quote("draft", 1000, None)?;
        draft.purchasable = false;
        q.push(draft);
    }
    let commerce = Commerce::new(config, store, catalogue.clone(), licences);
    Ok(World {
        commerce,
        catalogue,
        url,
        _dir: dir,
    })
}

fn buy(artwork: &str, key: &str) -> PurchaseInput {
    PurchaseInput {
        artwork_id: artwork.into(),
        idempotency_key: key.into(),
        expected_price: None,
    }
}

#[tokio::test]
async fn a_purchase_pays_notifies_and_replays() -> Result<()> {
    let w = world(|_| {}).await?;
    let buyer = user("buyer", Role::Buyer);
    w.commerce.top_up(&buyer, usd(2500)?).await?;
    let mut input = buy("a1", "k1");
    input.expected_price = Some(usd(1000)?);
    let first = w.commerce.purchase(&buyer, &input).await?;
    ensure!(!first.replayed && first.order.status == OrderStatus::Paid);
    ensure!(first.order.serial == Some(1) && first.order.fee_minor == 100);
    ensure!(w.catalogue.told() == [("sale", first.order.id.clone())]);

    let again = w.commerce.purchase(&buyer, &input).await?;
    ensure!(again.replayed && again.order == first.order);
    input.expected_price = Some(usd(999)?);
    let other = w.commerce.purchase(&buyer, &input).await;
    ensure!(other.is_err_and(|e| e.code == ErrorCode::IdempotencyConflict));
    let wallet = w.commerce.wallet(&buyer).await?;
    ensure!(
        wallet.len() == 1 && wallet[0].amount_minor == 1500,
        "{wallet:?}"
    );

    let page = w.commerce.purchases(&buyer, 0, "").await?;
    ensure!(page.items == [first.order.clone()] && page.next_cursor.is_none());
    let (sales, earnings) = w
        .commerce
        .sales(&user("artist", Role::Artist), 0, "")
        .await?;
    ensure!(sales.items.len() == 1 && earnings[0].available_minor == 900);
    ensure!(w.commerce.store().ledger_check().await?.is_ok());
    Ok(())
}

#[tokio::test]
async fn a_purchase_is_refused_before_any_money_moves() -> Result<()> {
    let w = world(|_| {}).await?;
    let buyer = user("buyer", Role::Buyer);
    w.commerce.top_up(&buyer, usd(500)?).await?;
    let code = |r: Result<_, artstation_common::ServiceError>| r.err().map(|e| e.code);

    ensure!(
        code(w.commerce.purchase(&buyer, &buy("nope", "k")).await) == Some(ErrorCode::NotFound)
    );
    ensure!(
        code(w.commerce.purchase(&buyer, &buy("draft", "k")).await) == Some(ErrorCode::NotFound)
    );
    let own = w
        .commerce
        .purchase(&user("artist", Role::Artist), &buy("a1", "k"))
        .await;
    ensure!(code(own) == Some(ErrorCode::Forbidden));
    let mut stale = buy("a1", "k2");
    stale.expected_price = Some(usd(900)?);
    let changed = w.commerce.purchase(&buyer, &stale).await;
    ensure!(changed.is_err_and(|e| e.code == ErrorCode::PriceChanged));
    let poor = w.commerce.purchase(&buyer, &buy("a1", "k3")).await;
    ensure!(poor.is_err_and(|e| e.code == ErrorCode::PaymentRequired));

    w.catalogue.down.store(true, Ordering::SeqCst);
    let down = w.commerce.purchase(&buyer, &buy("a1", "k4")).await;
    ensure!(code(down) == Some(ErrorCode::Unavailable));
    ensure!(w.commerce.wallet(&buyer).await?[0].amount_minor == 500);
    ensure!(w.commerce.store().ledger_check().await?.is_ok());
    Ok(())
}

#[tokio::test]
async fn recovery_delivers_late_notices_and_finishes_interrupted_orders() -> Result<()> {
    let w = world(|_| {}).await?;
    let buyer = user("buyer", Role::Buyer);
    w.commerce.top_up(&buyer, usd(5000)?).await?;

    // The artwork side goes down after the quote: the sale stands, the notice waits.
    w.catalogue.down.store(false, Ordering::SeqCst);
    let store = w.commerce.store().clone();
    let interrupted = interrupted_order(&store).await?;
    w.catalogue.down.store(true, Ordering::SeqCst);
    let report = w.commerce.recover().await?;
    ensure!(report.paid == 1 && report.deferred == 1, "{report:?}");
    ensure!(w.catalogue.told().is_empty());

    w.catalogue.down.store(false, Ordering::SeqCst);
    let report = w.commerce.recover().await?;
    ensure!(report.notified == 1 && report.deferred == 0, "{report:?}");
    ensure!(w.catalogue.told() == [("sale", interrupted.clone())]);
    let order = store.order(&interrupted).await?;
    ensure!(order.is_some_and(|o| o.status == OrderStatus::Paid && o.serial == Some(1)));
    ensure!(
        w.commerce.recover().await? == Default::default(),
        "nothing left to do"
    );
    ensure!(store.ledger_check().await?.is_ok());
    Ok(())
}

/// An order placed by a request that died before settling it, long enough ago for recovery.
async fn interrupted_order(store: &Arc<dyn CommerceStore>) -> Result<String> {
    let then = artstation_common::now() - chrono::Duration::minutes(5);
    let order = Order {
        id: uuid::Uuid::now_v7().to_string(),
        artwork_id: "a1".into(),
        buyer_id: "buyer".into(),
        artist_id: "artist".into(),
        price: usd(1000)?,
        fee_minor: platform_fee(1000, 1000),
        serial: None,
        edition_size: Some(3),
        licence: "commercial".into(),
        title: "Work a1".into(),
        original_sha256: "cd".repeat(32),
        status: OrderStatus::Pending,
        failure: None,
        created_at: then,
        paid_at: None,
        refunded_at: None,
    };
    let key = IdempotencyKey {
        buyer_id: "buyer".into(),
        key: "crashed".into(),
        fingerprint: "fp".into(),
        created_at: then,
    };
    store.place_order(&order, &key).await?;
    Ok(order.id)
}

#[tokio::test]
async fn a_sale_the_artwork_side_refuses_is_refunded() -> Result<()> {
    let w = world(|_| {}).await?;
    let buyer = user("buyer", Role::Buyer);
    w.commerce.top_up(&buyer, usd(1000)?).await?;
    w.catalogue.down.store(true, Ordering::SeqCst);
    let store = w.commerce.store().clone();
    interrupted_order(&store).await?;
    w.commerce.recover().await?;
    w.catalogue.down.store(false, Ordering::SeqCst);
    w.catalogue.forgets.store(true, Ordering::SeqCst);
    let report = w.commerce.recover().await?;
    ensure!(report.compensated == 1, "{report:?}");
    ensure!(w.commerce.wallet(&buyer).await?[0].amount_minor == 1000);
    ensure!(store.ledger_check().await?.is_ok());
    Ok(())
}

#[tokio::test]
async fn refunds_keep_to_the_window_and_revoke_the_licence() -> Result<()> {
    let w = world(|c| c.refund_window = Duration::ZERO).await?;
    let buyer = user("buyer", Role::Buyer);
    w.commerce.top_up(&buyer, usd(1000)?).await?;
    let order = w.commerce.purchase(&buyer, &buy("a1", "k")).await?.order;

    let cert = w.commerce.licence(&buyer, &order.id).await?;
    ensure!(!cert.revoked);
    let claims = verify_certificate(&cert.certificate, w.commerce.licence_keys())?;
    ensure!(claims.sub == "buyer" && claims.order_id == order.id && claims.serial == 1);
    ensure!(claims.edition_size == Some(3) && claims.title == "Work a1");
    ensure!(claims.price.amount_minor == 1000 && claims.original_sha256 == "cd".repeat(32));
    let mut forged = cert.certificate.clone();
    forged.insert(forged.len() / 2, 'x');
    ensure!(verify_certificate(&forged, w.commerce.licence_keys()).is_err());
    let stranger = w
        .commerce
        .licence(&user("someone", Role::Buyer), &order.id)
        .await;
    ensure!(stranger.is_err_and(|e| e.code == ErrorCode::NotFound));

    tokio::time::sleep(Duration::from_millis(5)).await;
    let late = w.commerce.refund(&buyer, &order.id).await;
    ensure!(late.is_err_and(|e| e.code == ErrorCode::Forbidden));
    let admin = user("admin", Role::Admin);
    let refunded = w.commerce.refund(&admin, &order.id).await?;
    ensure!(refunded.status == OrderStatus::Refunded);
    ensure!(w.catalogue.told().last() == Some(&("refund", order.id.clone())));
    ensure!(w.commerce.licence(&buyer, &order.id).await?.revoked);
    ensure!(w.commerce.wallet(&buyer).await?[0].amount_minor == 1000);
    ensure!(
        w.commerce
            .store()
            .balances("artist", AccountKind::Earnings)
            .await?[0]
            .amount_minor
            == 0
    );
    Ok(())
}

#[tokio::test]
async fn wallets_fund_only_as_configured() -> Result<()> {
    let w = world(|c| c.payments_sandbox = false).await?;
    let buyer = user("buyer", Role::Buyer);
    let top_up = w.commerce.top_up(&buyer, usd(100)?).await;
    ensure!(top_up.is_err_and(|e| e.code == ErrorCode::Forbidden));
    let not_admin = w
        .commerce
        .credit(&buyer, "buyer", usd(100)?, "why not")
        .await;
    ensure!(not_admin.is_err_and(|e| e.code == ErrorCode::Forbidden));
    let admin = user("admin", Role::Admin);
    let credited = w
        .commerce
        .credit(&admin, "buyer", usd(100)?, "welcome")
        .await?;
    ensure!(credited[0].amount_minor == 100);
    let artist = user("artist", Role::Artist);
    let nothing = w.commerce.request_payout(&artist, "USD").await;
    ensure!(nothing.is_err_and(|e| e.code == ErrorCode::Conflict));
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_requests_with_one_key_buy_once() -> Result<()> {
    let w = world(|_| {}).await?;
    let buyer = user("buyer", Role::Buyer);
    w.commerce.top_up(&buyer, usd(5000)?).await?;
    let attempts = (0..20).map(|_| {
        let (commerce, buyer) = (w.commerce.clone(), buyer.clone());
        tokio::spawn(async move { commerce.purchase(&buyer, &buy("a1", "same")).await })
    });
    let mut fresh = 0;
    let mut ids = std::collections::BTreeSet::new();
    for done in futures::future::join_all(attempts).await {
        let done = done??;
        fresh += usize::from(!done.replayed);
        ids.insert(done.order.id);
    }
    ensure!(
        fresh == 1 && ids.len() == 1,
        "{fresh} new orders, ids {ids:?}"
    );
    ensure!(w.commerce.wallet(&buyer).await?[0].amount_minor == 4000);
    ensure!(w.catalogue.told().len() == 1, "one sale notice");
    Ok(())
}

#[tokio::test]
async fn the_ledger_check_catches_a_tampered_balance() -> Result<()> {
    let w = world(|_| {}).await?;
    let buyer = user("buyer", Role::Buyer);
    w.commerce.top_up(&buyer, usd(5000)?).await?;
    w.commerce.purchase(&buyer, &buy("a1", "k")).await?;
    ensure!(w.commerce.store().ledger_check().await?.is_ok());

    let pool = sqlx::SqlitePool::connect(&w.url).await?;
    sqlx::query("UPDATE accounts SET balance = balance + 1 WHERE kind = 'wallet'")
        .execute(&pool)
        .await?;
    let report = w.commerce.store().ledger_check().await?;
    ensure!(
        !report.is_ok() && report.mismatched_accounts.len() == 1,
        "{report:?}"
    );
    ensure!(report.to_string().contains("balance"), "{report}");

    sqlx::query("DELETE FROM postings WHERE amount < 0 AND account_id LIKE 'external:%'")
        .execute(&pool)
        .await?;
    let report = w.commerce.store().ledger_check().await?;
    ensure!(report.unbalanced_transfers.len() == 1, "{report:?}");
    ensure!(report.currency_sums.iter().any(|b| b.amount_minor != 0));
    Ok(())
}
