//! One marketplace story: an artist sells an edition of 2, buyers top up and buy with
//! idempotency keys, the third is too late, the library and the original follow the order,
//! earnings show the fee, a refund ends access and revokes the licence, payouts are paid.

use anyhow::{Context, Result, ensure};
use artstation_tests::http::{Api, code};
use artstation_tests::{Daemon, Profile, Story, on_profile};
use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use reqwest::StatusCode;
use serde_json::{Value, json};

use super::{Account, accounts, balance, buy, bytes, earnings, eur, top_up, upload};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn buying_on_the_embedded_default() -> Result<()> {
    buying_story(&Daemon::start()?).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn buying_on_postgres() -> Result<()> {
    on_profile(Profile::POSTGRES, &[], |stack| async move {
        buying_story(&stack.daemon).await
    })
    .await
}

/// Who takes part and what is for sale.
struct Cast {
    artist: Account,
    /// Buyers with 50 EUR each.
    bea: Account,
    cal: Account,
    dan: Account,
    /// Never tops up.
    fay: Account,
    /// Buys nothing.
    eve: Account,
    admin: Account,
    /// An edition of 2 at 10 EUR, its bytes, and the fingerprint its owner sees.
    limited: String,
    limited_bytes: Vec<u8>,
    limited_sha256: String,
    /// An open edition at 5 EUR.
    open: String,
    draft: String,
}

async fn buying_story(daemon: &Daemon) -> Result<()> {
    let api = Api::new(&daemon.gateway);
    let mut story = Story::new("buying");
    let cast = story.step("cast", cast(&api, daemon)).await;
    let Some(cast) = cast else {
        return story.finish();
    };
    let c = &cast;
    story
        .step("idempotency key checks", key_checks(&api, c))
        .await;
    let first = story
        .step("buy, replay, conflict", first_sale(&api, c))
        .await;
    story
        .after(&["buy, replay, conflict"], "second and sold out", async {
            second_and_sold_out(&api, c).await
        })
        .await;
    story.step("refusals", refusals(&api, c)).await;
    let first = first.as_deref();
    let need = || first.context("`buy, replay, conflict` did not pass");
    story
        .after(&["second and sold out"], "artwork counts", async {
            artwork_counts(&api, c).await
        })
        .await;
    story
        .after(&["buy, replay, conflict"], "library and original", async {
            library_and_original(&api, c, need()?).await
        })
        .await;
    story
        .after(&["second and sold out"], "earnings", async {
            sales(&api, c, 2).await
        })
        .await;
    story
        .after(&["buy, replay, conflict"], "licence verifies", async {
            licence_verifies(&api, c, need()?).await
        })
        .await;
    story
        .after(&["licence verifies", "earnings"], "refund", async {
            refund(&api, c, need()?).await
        })
        .await;
    story.after(&["refund"], "payouts", payouts(&api, c)).await;
    story.step("admin credit", admin_credit(&api, c)).await;
    story.step_sync("ledger check", || {
        daemon.command(&["ledger", "check"], "").map(drop)
    });
    story.finish()
}

async fn cast(api: &Api, daemon: &Daemon) -> Result<Cast> {
    daemon.create_admin("root")?;
    let who: Vec<(String, &str)> = [
        ("ada", "artist"),
        ("bea", "buyer"),
        ("cal", "buyer"),
        ("dan", "buyer"),
        ("fay", "buyer"),
        ("eve", "buyer"),
    ]
    .into_iter()
    .map(|(n, r)| (n.to_owned(), r))
    .collect();
    let mut people = accounts(api, &who).await?.into_iter();
    let mut next = || people.next().context("an account is missing");
    let (artist, bea, cal, dan, fay, eve) = (next()?, next()?, next()?, next()?, next()?, next()?);
    let admin_token = artstation_tests::http::access_token(&api.login("root").await?)?;
    let (_, me) = api.get("/v1/me", Some(&admin_token)).await?;
    let admin = Account {
        id: me["id"].as_str().context("admin id")?.to_owned(),
        token: admin_token,
    };
    let meta = |title: &str, price: i64, edition: Option<u32>, status: &str| {
        let mut m = json!({"title": title, "price": eur(price), "status": status});
        if let Some(n) = edition {
            m["edition_size"] = json!(n);
        }
        m
    };
    let t = &artist.token;
    let (limited, limited_bytes) =
        upload(api, t, 1, meta("Pair", 1000, Some(2), "published")).await?;
    let (open, _) = upload(api, t, 2, meta("Open", 500, None, "published")).await?;
    let (draft, _) = upload(api, t, 3, meta("Sketch", 500, None, "draft")).await?;
    let (_, owned) = api.get(&format!("/v1/artworks/{limited}"), Some(t)).await?;
    let limited_sha256 = owned["sha256"].as_str().context("sha256")?.to_owned();
    for b in [&bea, &cal, &dan] {
        let w = top_up(api, &b.token, 5000).await?;
        ensure!(w == json!({"balances": [eur(5000)]}), "{w}");
    }
    Ok(Cast {
        artist,
        bea,
        cal,
        dan,
        fay,
        eve,
        admin,
        limited,
        limited_bytes,
        limited_sha256,
        open,
        draft,
    })
}

async fn key_checks(api: &Api, c: &Cast) -> Result<()> {
    let long = "k".repeat(256);
    for key in [None, Some(""), Some(long.as_str())] {
        let (s, b) = buy(api, &c.bea.token, &c.open, key, None).await?;
        ensure!(
            s == StatusCode::BAD_REQUEST
                && code(&b) == "validation_failed"
                && b["field"] == "Idempotency-Key",
            "key {key:?}: {s} {b}"
        );
    }
    ensure!(
        balance(api, &c.bea.token).await? == 5000,
        "nothing was paid"
    );
    Ok(())
}

/// Bea buys serial 1; the same key replays it; the same key with another body is refused.
async fn first_sale(api: &Api, c: &Cast) -> Result<String> {
    let (s, order) = buy(api, &c.bea.token, &c.limited, Some("bea-1"), None).await?;
    ensure!(s == StatusCode::CREATED, "{s} {order}");
    ensure!(
        order["serial"] == 1
            && order["edition_size"] == 2
            && order["status"] == "paid"
            && order["price"] == eur(1000)
            && order["artwork_id"] == c.limited.as_str()
            && order["buyer_id"] == c.bea.id.as_str()
            && order["licence"].is_string()
            && order["created_at"].is_string(),
        "{order}"
    );
    let id = order["id"].as_str().context("order id")?.to_owned();
    let (s, again) = buy(api, &c.bea.token, &c.limited, Some("bea-1"), None).await?;
    ensure!(s == StatusCode::OK && again == order, "replay: {s} {again}");
    let body = json!({"expected_price": eur(900)});
    let (s, b) = buy(api, &c.bea.token, &c.limited, Some("bea-1"), Some(body)).await?;
    ensure!(
        s == StatusCode::UNPROCESSABLE_ENTITY && code(&b) == "idempotency_conflict",
        "{s} {b}"
    );
    let (s, got) = api
        .get(&format!("/v1/orders/{id}"), Some(&c.bea.token))
        .await?;
    ensure!(s == StatusCode::OK && got == order, "get order: {s} {got}");
    let (s, b) = api
        .get(&format!("/v1/orders/{id}"), Some(&c.eve.token))
        .await?;
    ensure!(
        s == StatusCode::FORBIDDEN || s == StatusCode::NOT_FOUND,
        "a stranger reads the order: {s} {b}"
    );
    ensure!(balance(api, &c.bea.token).await? == 4000, "paid once");
    Ok(id)
}

async fn second_and_sold_out(api: &Api, c: &Cast) -> Result<()> {
    let body = json!({"expected_price": eur(1000)});
    let (s, order) = buy(api, &c.cal.token, &c.limited, Some("cal-1"), Some(body)).await?;
    ensure!(
        s == StatusCode::CREATED && order["serial"] == 2,
        "{s} {order}"
    );
    let (s, b) = buy(api, &c.dan.token, &c.limited, Some("dan-1"), None).await?;
    ensure!(
        s == StatusCode::CONFLICT && code(&b) == "sold_out",
        "{s} {b}"
    );
    ensure!(
        balance(api, &c.dan.token).await? == 5000,
        "sold out costs nothing"
    );
    Ok(())
}

async fn refusals(api: &Api, c: &Cast) -> Result<()> {
    let (s, b) = buy(api, &c.fay.token, &c.open, Some("fay-1"), None).await?;
    ensure!(
        s == StatusCode::PAYMENT_REQUIRED && code(&b) == "payment_required",
        "empty wallet: {s} {b}"
    );
    let body = json!({"expected_price": eur(400)});
    let (s, b) = buy(api, &c.dan.token, &c.open, Some("dan-2"), Some(body)).await?;
    ensure!(
        s == StatusCode::CONFLICT && code(&b) == "price_changed",
        "price changed: {s} {b}"
    );
    let (s, b) = buy(api, &c.artist.token, &c.open, Some("ada-1"), None).await?;
    ensure!(s == StatusCode::FORBIDDEN, "own work: {s} {b}");
    let (s, b) = buy(api, &c.dan.token, &c.draft, Some("dan-3"), None).await?;
    ensure!(s == StatusCode::NOT_FOUND, "draft: {s} {b}");
    ensure!(
        balance(api, &c.dan.token).await? == 5000,
        "refusals cost nothing"
    );
    ensure!(balance(api, &c.fay.token).await? == 0);
    Ok(())
}

async fn artwork_counts(api: &Api, c: &Cast) -> Result<()> {
    let (s, a) = api
        .get(&format!("/v1/artworks/{}", c.limited), None)
        .await?;
    ensure!(
        s == StatusCode::OK && a["editions_sold"] == 2 && a["editions_remaining"] == 0,
        "{s} {a}"
    );
    let (_, open) = api.get(&format!("/v1/artworks/{}", c.open), None).await?;
    ensure!(
        open["editions_sold"] == 0 && open["editions_remaining"].is_null(),
        "{open}"
    );
    Ok(())
}

async fn library_and_original(api: &Api, c: &Cast, order: &str) -> Result<()> {
    let (s, lib) = api.get("/v1/me/purchases", Some(&c.bea.token)).await?;
    let items = lib["items"].as_array().context("items")?;
    ensure!(
        s == StatusCode::OK
            && items.len() == 1
            && items[0]["id"] == order
            && items[0]["title"] == "Pair"
            && lib["next_cursor"].is_null(),
        "{s} {lib}"
    );
    let path = format!("/v1/artworks/{}/original", c.limited);
    let (s, got) = bytes(api, &path, &c.bea.token).await?;
    ensure!(s == StatusCode::OK, "buyer's original: {s}");
    ensure!(
        got == c.limited_bytes,
        "the original is the upload, byte for byte"
    );
    let (s, _) = bytes(api, &path, &c.eve.token).await?;
    ensure!(s == StatusCode::FORBIDDEN, "stranger's original: {s}");
    Ok(())
}

/// The artist's sales: `orders` paid orders of 10 EUR, 10 % kept by the platform.
async fn sales(api: &Api, c: &Cast, orders: i64) -> Result<()> {
    let (s, sales) = api.get("/v1/me/sales", Some(&c.artist.token)).await?;
    ensure!(s == StatusCode::OK, "{s} {sales}");
    let e = earnings(&sales)?;
    ensure!(
        e["orders"] == orders
            && e["gross_minor"] == orders * 1000
            && e["net_minor"] == orders * 900,
        "{sales}"
    );
    ensure!(
        sales["items"].as_array().map(Vec::len) == Some(2),
        "both sales are listed, refunded or not: {sales}"
    );
    Ok(())
}

/// The certificate verifies with a stock JOSE library against the published keys.
async fn licence_verifies(api: &Api, c: &Cast, order: &str) -> Result<()> {
    let (s, lic) = api
        .get(&format!("/v1/orders/{order}/licence"), Some(&c.bea.token))
        .await?;
    ensure!(
        s == StatusCode::OK && lic["revoked"] == false && lic["order_id"] == order,
        "{s} {lic}"
    );
    let resp = api
        .http
        .get(format!("{}/.well-known/licence-keys.json", api.base))
        .send()
        .await?;
    let cache = resp
        .headers()
        .get("cache-control")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    ensure!(cache == "public, max-age=300", "cache-control: {cache:?}");
    let jwks: Value = resp.json().await?;
    let cert = lic["certificate"].as_str().context("certificate")?;
    let kid = jsonwebtoken::decode_header(cert)?.kid.context("no kid")?;
    ensure!(lic["kid"] == kid.as_str(), "{lic}");
    let key = jwks["keys"]
        .as_array()
        .and_then(|k| k.iter().find(|k| k["kid"] == kid.as_str()))
        .with_context(|| format!("{kid} is not in {jwks}"))?;
    ensure!(
        key["kty"] == "OKP"
            && key["crv"] == "Ed25519"
            && key["alg"] == "EdDSA"
            && key["use"] == "sig",
        "{key}"
    );
    let x = key["x"].as_str().context("x")?;
    let mut validation = Validation::new(Algorithm::EdDSA);
    validation.required_spec_claims.clear();
    validation.validate_exp = false;
    let claims =
        jsonwebtoken::decode::<Value>(cert, &DecodingKey::from_ed_components(x)?, &validation)?
            .claims;
    ensure!(
        claims["order_id"] == order
            && claims["sub"] == c.bea.id.as_str()
            && claims["artwork_id"] == c.limited.as_str()
            && claims["serial"] == 1
            && claims["edition_size"] == 2
            && claims["original_sha256"] == c.limited_sha256.as_str(),
        "{claims}"
    );
    let (s, _) = api
        .get(&format!("/v1/orders/{order}/licence"), Some(&c.eve.token))
        .await?;
    ensure!(
        s == StatusCode::FORBIDDEN || s == StatusCode::NOT_FOUND,
        "a stranger's licence: {s}"
    );
    Ok(())
}

async fn refund(api: &Api, c: &Cast, order: &str) -> Result<()> {
    let (s, o) = api
        .post(
            &format!("/v1/orders/{order}/refund"),
            json!({}),
            Some(&c.bea.token),
        )
        .await?;
    ensure!(s == StatusCode::OK && o["status"] == "refunded", "{s} {o}");
    ensure!(
        balance(api, &c.bea.token).await? == 5000,
        "the money came back"
    );
    let path = format!("/v1/artworks/{}/original", c.limited);
    let (s, _) = bytes(api, &path, &c.bea.token).await?;
    ensure!(s == StatusCode::FORBIDDEN, "access ended: {s}");
    let (_, lic) = api
        .get(&format!("/v1/orders/{order}/licence"), Some(&c.bea.token))
        .await?;
    ensure!(lic["revoked"] == true, "{lic}");
    let (_, a) = api
        .get(&format!("/v1/artworks/{}", c.limited), None)
        .await?;
    ensure!(a["editions_sold"] == 2, "a serial is never resold: {a}");
    sales(api, c, 1).await
}

async fn payouts(api: &Api, c: &Cast) -> Result<()> {
    let (s, p) = api
        .post(
            "/v1/me/payouts",
            json!({"currency": "EUR"}),
            Some(&c.artist.token),
        )
        .await?;
    ensure!(
        s == StatusCode::CREATED
            && p["status"] == "pending"
            && p["amount"] == eur(900)
            && p["artist_id"] == c.artist.id.as_str(),
        "{s} {p}"
    );
    let id = p["id"].as_str().context("payout id")?;
    let paid = format!("/v1/admin/payouts/{id}/paid");
    let (s, b) = api.post(&paid, json!({}), Some(&c.artist.token)).await?;
    ensure!(
        s == StatusCode::FORBIDDEN,
        "only admins mark payouts paid: {s} {b}"
    );
    let (s, p) = api.post(&paid, json!({}), Some(&c.admin.token)).await?;
    ensure!(
        s == StatusCode::OK && p["status"] == "paid" && p["paid_at"].is_string(),
        "{s} {p}"
    );
    let (_, sales) = api.get("/v1/me/sales", Some(&c.artist.token)).await?;
    let e = earnings(&sales)?;
    ensure!(
        e["available_minor"] == 0 && e["paid_out_minor"] == 900,
        "{sales}"
    );
    Ok(())
}

async fn admin_credit(api: &Api, c: &Cast) -> Result<()> {
    let path = format!("/v1/admin/users/{}/credit", c.fay.id);
    let body = json!({"amount_minor": 700, "currency": "EUR", "reason": "goodwill"});
    let (s, b) = api.post(&path, body.clone(), Some(&c.bea.token)).await?;
    ensure!(s == StatusCode::FORBIDDEN, "a buyer credits: {s} {b}");
    let (s, w) = api.post(&path, body, Some(&c.admin.token)).await?;
    ensure!(s == StatusCode::OK, "{s} {w}");
    ensure!(balance(api, &c.fay.token).await? == 700, "credited");
    let (s, b) = api
        .post(
            "/v1/me/wallet/topup",
            json!({"amount_minor": 5}),
            Some(&c.fay.token),
        )
        .await?;
    ensure!(
        s == StatusCode::BAD_REQUEST && b["field"] == "currency",
        "{s} {b}"
    );
    Ok(())
}
