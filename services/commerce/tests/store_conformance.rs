//! One conformance suite for every `CommerceStore` backend: each scenario runs against SQLite and
//! against a fresh PostgreSQL database, so the two implementations cannot drift apart. The
//! concurrency scenarios are real: many tasks on many pooled connections at once.

use std::collections::BTreeSet;
use std::sync::Arc;

use anyhow::{Result, ensure};
use artstation_commerce::store::{
    self, AccountKind, Balance, CommerceStore, Funding, FundingSource, IdempotencyKey,
    LicenceKeyRecord, Order, OrderStatus, PayoutStatus, Placed, SaleEventKind, StoreError, failure,
    platform_fee,
};
use artstation_domain::{Currency, Money};

type Store = Arc<dyn CommerceStore>;

async fn on_every_backend<F, Fut>(scenario: F) -> Result<()>
where
    F: Fn(Store) -> Fut,
    Fut: std::future::Future<Output = Result<()>>,
{
    artstation_tests::on_every_backend(
        "commerce.db",
        |url| async move { Ok(store::open(&url).await?) },
        scenario,
    )
    .await
}

fn id() -> String {
    uuid::Uuid::now_v7().to_string()
}

fn usd(minor: i64) -> Result<Money> {
    Ok(Money::new(minor, Currency::parse("USD")?)?)
}

fn order(artwork: &str, buyer: &str, price: i64, edition: Option<i64>) -> Result<Order> {
    Ok(Order {
        id: id(),
        artwork_id: artwork.into(),
        buyer_id: buyer.into(),
        artist_id: "artist".into(),
        price: usd(price)?,
        fee_minor: platform_fee(price, 1000),
        serial: None,
        edition_size: edition,
        licence: "personal".into(),
        title: "Dawn".into(),
        original_sha256: "ab".repeat(32),
        status: OrderStatus::Pending,
        failure: None,
        created_at: artstation_common::now(),
        paid_at: None,
        refunded_at: None,
    })
}

fn key(buyer: &str, key: &str, fingerprint: &str) -> IdempotencyKey {
    IdempotencyKey {
        buyer_id: buyer.into(),
        key: key.into(),
        fingerprint: fingerprint.into(),
        created_at: artstation_common::now(),
    }
}

async fn top_up(store: &Store, user: &str, minor: i64) -> Result<Balance> {
    Ok(store
        .fund_wallet(&Funding {
            transfer_id: id(),
            user_id: user.into(),
            amount: usd(minor)?,
            source: FundingSource::SandboxTopUp,
            note: String::new(),
            at: artstation_common::now(),
        })
        .await?)
}

async fn balance(store: &Store, owner: &str, kind: AccountKind) -> Result<i64> {
    Ok(store
        .balances(owner, kind)
        .await?
        .iter()
        .find(|b| b.currency == "USD")
        .map_or(0, |b| b.amount_minor))
}

/// Places and settles an order under a fresh key.
async fn buy(store: &Store, o: &Order) -> Result<Order> {
    let placed = store.place_order(o, &key(&o.buyer_id, &id(), "fp")).await?;
    let Placed::Created(order) = placed else {
        anyhow::bail!("a fresh key found an order");
    };
    Ok(store
        .settle_order(&order.id, artstation_common::now())
        .await?
        .order)
}

async fn ledger_is_sound(store: &Store) -> Result<()> {
    let report = store.ledger_check().await?;
    ensure!(report.is_ok(), "ledger check failed: {report:?}");
    Ok(())
}

#[test]
fn the_fee_rounds_down_and_the_parts_add_up() {
    assert_eq!(platform_fee(999, 1000), 99);
    assert_eq!(platform_fee(5, 1000), 0);
    assert_eq!(platform_fee(1000, 250), 25);
    for price in [0, 1, 7, 99, 12_345, 100_000_000] {
        let fee = platform_fee(price, 1234);
        assert!((0..=price).contains(&fee));
        assert_eq!(fee + (price - fee), price);
    }
}

#[tokio::test]
async fn a_purchase_moves_money_once_and_balances() -> Result<()> {
    on_every_backend(|store| async move {
        let funded = top_up(&store, "buyer", 1000).await?;
        ensure!(funded.amount_minor == 1000);
        let o = order("art-1", "buyer", 999, Some(5))?;
        let paid = buy(&store, &o).await?;
        ensure!(
            paid.status == OrderStatus::Paid && paid.serial == Some(1),
            "{paid:?}"
        );
        ensure!(paid.paid_at.is_some());
        ensure!(balance(&store, "buyer", AccountKind::Wallet).await? == 1);
        ensure!(balance(&store, "artist", AccountKind::Earnings).await? == 900);
        ensure!(balance(&store, "", AccountKind::PlatformFee).await? == 99);

        let again = store.settle_order(&o.id, artstation_common::now()).await?;
        ensure!(
            again.order == paid && !again.now,
            "a second settle changes nothing"
        );
        ensure!(balance(&store, "buyer", AccountKind::Wallet).await? == 1);

        let events = store.undelivered_events(10).await?;
        ensure!(events.len() == 1 && events[0].kind == SaleEventKind::Sale);
        ensure!(events[0].order.id == o.id);
        store
            .mark_delivered(&o.id, SaleEventKind::Sale, artstation_common::now())
            .await?;
        ensure!(store.undelivered_events(10).await?.is_empty());
        ensure!(store.order(&o.id).await?.as_ref() == Some(&paid));
        ledger_is_sound(&store).await
    })
    .await
}

#[tokio::test]
async fn a_funding_retried_with_its_id_posts_once() -> Result<()> {
    on_every_backend(|store| async move {
        let funding = Funding {
            transfer_id: id(),
            user_id: "admin-credited".into(),
            amount: usd(500)?,
            source: FundingSource::AdminCredit,
            note: "goodwill".into(),
            at: artstation_common::now(),
        };
        store.fund_wallet(&funding).await?;
        let again = store.fund_wallet(&funding).await?;
        ensure!(again.amount_minor == 500, "{again:?}");
        ensure!(balance(&store, "", AccountKind::External).await? == -500);
        ledger_is_sound(&store).await
    })
    .await
}

#[tokio::test]
async fn too_little_money_fails_the_order_without_using_a_serial() -> Result<()> {
    on_every_backend(|store| async move {
        top_up(&store, "poor", 10).await?;
        let failed = buy(&store, &order("art-2", "poor", 500, Some(1))?).await?;
        ensure!(failed.status == OrderStatus::Failed, "{failed:?}");
        ensure!(failed.failure.as_deref() == Some(failure::PAYMENT_REQUIRED));
        ensure!(failed.serial.is_none());
        ensure!(balance(&store, "poor", AccountKind::Wallet).await? == 10);

        top_up(&store, "rich", 500).await?;
        let paid = buy(&store, &order("art-2", "rich", 500, Some(1))?).await?;
        ensure!(
            paid.serial == Some(1),
            "the failed order took no serial: {paid:?}"
        );
        ledger_is_sound(&store).await
    })
    .await
}

#[tokio::test]
async fn a_free_work_and_an_open_edition_sell_without_limit() -> Result<()> {
    on_every_backend(|store| async move {
        for n in 1..=3 {
            let paid = buy(&store, &order("open", &format!("b{n}"), 0, None)?).await?;
            ensure!(
                paid.status == OrderStatus::Paid && paid.serial == Some(n),
                "{paid:?}"
            );
        }
        ledger_is_sound(&store).await
    })
    .await
}

#[tokio::test]
async fn an_idempotency_key_names_one_order() -> Result<()> {
    on_every_backend(|store| async move {
        let first = order("art-3", "buyer", 100, None)?;
        let k = key("buyer", "key-1", "fp-a");
        let Placed::Created(created) = store.place_order(&first, &k).await? else {
            anyhow::bail!("a new key made no order");
        };
        let retry = order("art-3", "buyer", 100, None)?;
        let other_body = key("buyer", "key-1", "fp-b");
        match store.place_order(&retry, &other_body).await? {
            Placed::Existing { order, fingerprint } => {
                ensure!(order.id == created.id && fingerprint == "fp-a");
            }
            Placed::Created(o) => anyhow::bail!("a used key made another order {o:?}"),
        }
        ensure!(
            store.order(&retry.id).await?.is_none(),
            "nothing half-written"
        );
        let found = store.order_for_key("buyer", "key-1").await?;
        ensure!(
            found == Some((created.clone(), "fp-a".to_owned())),
            "{found:?}"
        );
        ensure!(store.order_for_key("buyer", "key-2").await?.is_none());
        // Keys belong to a buyer: another buyer's identical key is a different key.
        let other_buyer = order("art-3", "someone", 100, None)?;
        let placed = store
            .place_order(&other_buyer, &key("someone", "key-1", "fp-a"))
            .await?;
        ensure!(matches!(placed, Placed::Created(_)));
        Ok(())
    })
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn an_edition_of_ten_sells_exactly_ten_to_a_hundred_concurrent_buyers() -> Result<()> {
    on_every_backend(|store| async move {
        for n in 0..100 {
            top_up(&store, &format!("crowd-{n}"), 1000).await?;
        }
        let attempts = (0..100).map(|n| {
            let store = store.clone();
            tokio::spawn(async move {
                let o = order("limited", &format!("crowd-{n}"), 700, Some(10))?;
                buy(&store, &o).await
            })
        });
        let mut serials = BTreeSet::new();
        let mut sold_out = 0;
        for outcome in futures::future::join_all(attempts).await {
            let o = outcome??;
            match o.status {
                OrderStatus::Paid => {
                    ensure!(serials.insert(o.serial), "serial issued twice: {o:?}");
                    ensure!(balance(&store, &o.buyer_id, AccountKind::Wallet).await? == 300);
                }
                OrderStatus::Failed => {
                    ensure!(o.failure.as_deref() == Some(failure::SOLD_OUT), "{o:?}");
                    ensure!(balance(&store, &o.buyer_id, AccountKind::Wallet).await? == 1000);
                    sold_out += 1;
                }
                _ => anyhow::bail!("unsettled order {o:?}"),
            }
        }
        let expected: BTreeSet<_> = (1..=10).map(Some).collect();
        ensure!(serials == expected, "serials {serials:?}");
        ensure!(sold_out == 90);
        ensure!(balance(&store, "artist", AccountKind::Earnings).await? == 10 * 630);
        ledger_is_sound(&store).await
    })
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn twenty_concurrent_uses_of_one_key_make_one_order_and_one_debit() -> Result<()> {
    on_every_backend(|store| async move {
        top_up(&store, "eager", 1000).await?;
        let attempts = (0..20).map(|_| {
            let store = store.clone();
            tokio::spawn(async move {
                let o = order("art-4", "eager", 250, Some(100))?;
                let order = match store.place_order(&o, &key("eager", "k", "fp")).await? {
                    Placed::Created(order) | Placed::Existing { order, .. } => order,
                };
                Ok::<_, anyhow::Error>(
                    store
                        .settle_order(&order.id, artstation_common::now())
                        .await?,
                )
            })
        });
        let mut ids = BTreeSet::new();
        let mut settlers = 0;
        for outcome in futures::future::join_all(attempts).await {
            let settled = outcome??;
            settlers += usize::from(settled.now);
            let o = settled.order;
            ensure!(
                o.status == OrderStatus::Paid && o.serial == Some(1),
                "{o:?}"
            );
            ids.insert(o.id);
        }
        ensure!(ids.len() == 1, "orders {ids:?}");
        ensure!(settlers == 1, "{settlers} calls claim to have settled it");
        ensure!(balance(&store, "eager", AccountKind::Wallet).await? == 750);
        ledger_is_sound(&store).await
    })
    .await
}

#[tokio::test]
async fn a_refund_reverses_the_postings_and_retires_the_serial() -> Result<()> {
    on_every_backend(|store| async move {
        for b in ["r1", "r2", "r3"] {
            top_up(&store, b, 1000).await?;
        }
        let first = buy(&store, &order("pair", "r1", 400, Some(2))?).await?;
        buy(&store, &order("pair", "r2", 400, Some(2))?).await?;

        let refunded = store
            .refund_order(&first.id, artstation_common::now())
            .await?;
        ensure!(refunded.status == OrderStatus::Refunded && refunded.refunded_at.is_some());
        ensure!(refunded.serial == Some(1), "the order keeps its serial");
        ensure!(balance(&store, "r1", AccountKind::Wallet).await? == 1000);
        ensure!(balance(&store, "artist", AccountKind::Earnings).await? == 360);
        ensure!(balance(&store, "", AccountKind::PlatformFee).await? == 40);
        let again = store
            .refund_order(&first.id, artstation_common::now())
            .await;
        ensure!(matches!(again, Err(StoreError::Conflict(_))), "{again:?}");

        // A refunded serial is retired, not resold: certificate N of M names one buyer ever.
        let late = buy(&store, &order("pair", "r3", 400, Some(2))?).await?;
        ensure!(
            late.failure.as_deref() == Some(failure::SOLD_OUT),
            "{late:?}"
        );

        let kinds: Vec<_> = store
            .undelivered_events(10)
            .await?
            .into_iter()
            .filter(|e| e.order.id == first.id)
            .map(|e| e.kind)
            .collect();
        ensure!(
            kinds == [SaleEventKind::Sale, SaleEventKind::Refund],
            "{kinds:?}"
        );
        ledger_is_sound(&store).await
    })
    .await
}

#[tokio::test]
async fn payouts_move_earnings_out_and_a_later_refund_leaves_a_debt() -> Result<()> {
    on_every_backend(|store| async move {
        top_up(&store, "fan", 2000).await?;
        let sold = buy(&store, &order("art-5", "fan", 1000, None)?).await?;
        let none = store
            .request_payout("artist", "EUR", &id(), artstation_common::now())
            .await;
        ensure!(matches!(none, Err(StoreError::Conflict(_))), "{none:?}");

        let payout = store
            .request_payout("artist", "USD", &id(), artstation_common::now())
            .await?;
        ensure!(payout.amount.amount_minor == 900 && payout.status == PayoutStatus::Pending);
        let twice = store
            .request_payout("artist", "USD", &id(), artstation_common::now())
            .await;
        ensure!(matches!(twice, Err(StoreError::Conflict(_))), "{twice:?}");

        let paid = store
            .mark_payout_paid(&payout.id, artstation_common::now())
            .await?;
        ensure!(paid.status == PayoutStatus::Paid && paid.paid_at.is_some());
        let again = store
            .mark_payout_paid(&payout.id, artstation_common::now())
            .await?;
        ensure!(again == paid, "marking paid twice pays once");
        let missing = store
            .mark_payout_paid(&id(), artstation_common::now())
            .await;
        ensure!(matches!(missing, Err(StoreError::NotFound(_))));
        ensure!(store.payouts("artist").await? == vec![paid]);

        store
            .refund_order(&sold.id, artstation_common::now())
            .await?;
        let earnings = store.earnings("artist").await?;
        ensure!(earnings.len() == 1, "{earnings:?}");
        let usd = &earnings[0];
        ensure!(
            usd.available_minor == -900 && usd.paid_out_minor == 900,
            "{usd:?}"
        );
        ensure!(usd.orders == 0 && usd.pending_payout_minor == 0, "{usd:?}");
        ledger_is_sound(&store).await
    })
    .await
}

#[tokio::test]
async fn purchases_and_sales_page_newest_first() -> Result<()> {
    on_every_backend(|store| async move {
        top_up(&store, "collector", 10_000).await?;
        let mut bought = Vec::new();
        for n in 0..5 {
            bought.push(buy(&store, &order(&format!("w{n}"), "collector", 100, None)?).await?);
        }
        top_up(&store, "poor", 1).await?;
        buy(&store, &order("w0", "poor", 100, None)?).await?;
        bought.reverse();
        let first = store.purchases("collector", 3, None).await?;
        ensure!(first == bought[..3], "first page");
        let rest = store.purchases("collector", 3, Some(&first[2].id)).await?;
        ensure!(rest == bought[3..], "second page");
        ensure!(
            store.purchases("poor", 10, None).await?.is_empty(),
            "failed orders hidden"
        );
        let sales = store.sales("artist", 10, None).await?;
        ensure!(sales == bought);
        let earnings = store.earnings("artist").await?;
        ensure!(earnings.len() == 1 && earnings[0].gross_minor == 500);
        ensure!(earnings[0].net_minor == 450 && earnings[0].available_minor == 450);
        Ok(())
    })
    .await
}

#[tokio::test]
async fn pending_orders_are_found_for_recovery() -> Result<()> {
    on_every_backend(|store| async move {
        let o = order("art-6", "slow", 100, None)?;
        store.place_order(&o, &key("slow", "k", "fp")).await?;
        let later = artstation_common::now() + chrono::Duration::seconds(1);
        let pending = store.pending_orders(later, 10).await?;
        ensure!(pending.len() == 1 && pending[0].id == o.id);
        ensure!(store.pending_orders(o.created_at, 10).await?.is_empty());
        let settled = store
            .settle_order(&o.id, artstation_common::now())
            .await?
            .order;
        ensure!(settled.failure.as_deref() == Some(failure::PAYMENT_REQUIRED));
        ensure!(store.pending_orders(later, 10).await?.is_empty());
        Ok(())
    })
    .await
}

#[tokio::test]
async fn licence_keys_come_back_oldest_first() -> Result<()> {
    on_every_backend(|store| async move {
        ensure!(store.licence_keys().await?.is_empty());
        let now = artstation_common::now();
        let rec = |kid: &str, age: i64| LicenceKeyRecord {
            kid: kid.into(),
            private_pkcs8: vec![0, 1, 255],
            public_x: format!("x-{kid}"),
            created_at: now - chrono::Duration::seconds(age),
        };
        store.insert_licence_key(&rec("new", 0)).await?;
        store.insert_licence_key(&rec("old", 10)).await?;
        let keys = store.licence_keys().await?;
        ensure!(keys == vec![rec("old", 10), rec("new", 0)]);
        Ok(())
    })
    .await
}
