//! The auth service end to end, through the gateway as clients meet it: sessions, revocation,
//! bans and roles, throttling, key rotation, and tokens forged every way RFC 8725 warns about.

use std::net::IpAddr;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, ensure};
use artstation_tests::http::{Api, PASSWORD, access_token, code};
use artstation_tests::{Daemon, on_production_profile, png};
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use reqwest::StatusCode;
use serde_json::{Value, json};

const NEW_PASSWORD: &str = "a different long passphrase entirely";

fn from_address(base: &str, ip: &str) -> Result<Api> {
    let mut api = Api::new(base);
    api.http = reqwest::Client::builder()
        .local_address(ip.parse::<IpAddr>()?)
        .build()?;
    Ok(api)
}

async fn me(api: &Api, token: &str) -> Result<StatusCode> {
    Ok(api.get("/v1/me", Some(token)).await?.0)
}

async fn refresh(api: &Api, tokens: &Value) -> Result<(StatusCode, Value)> {
    api.post(
        "/v1/auth/refresh",
        json!({"refresh_token": tokens["refresh_token"]}),
        None,
    )
    .await
}

/// Logout, logout everywhere, password change, refresh races, bans, roles.
async fn sessions_story(daemon: &Daemon) -> Result<()> {
    let api = Api::new(&daemon.gateway);
    api.register("ann", "buyer").await?;

    // Logout ends one session at once, not when its access token expires.
    let a = api.login("ann").await?;
    let b = api.login("ann").await?;
    let (ta, tb) = (access_token(&a)?, access_token(&b)?);
    let (s, _) = api
        .post(
            "/v1/auth/logout",
            json!({"refresh_token": a["refresh_token"]}),
            Some(&ta),
        )
        .await?;
    ensure!(s == StatusCode::NO_CONTENT, "logout: {s}");
    ensure!(
        me(&api, &ta).await? == StatusCode::UNAUTHORIZED,
        "logged-out token still works"
    );
    ensure!(refresh(&api, &a).await?.0 == StatusCode::UNAUTHORIZED);
    ensure!(
        me(&api, &tb).await? == StatusCode::OK,
        "the other session must survive"
    );

    // Concurrent refreshes with one token: exactly one wins.
    let mut racers = Vec::new();
    for _ in 0..8 {
        let (api, b) = (Api::new(&daemon.gateway), b.clone());
        racers.push(tokio::spawn(async move { refresh(&api, &b).await }));
    }
    let mut winners = Vec::new();
    for r in racers {
        let (s, body) = r.await??;
        if s == StatusCode::OK {
            winners.push(body);
        } else {
            ensure!(s == StatusCode::UNAUTHORIZED, "{s} {body}");
        }
    }
    ensure!(
        winners.len() == 1,
        "{} refreshes of one token succeeded",
        winners.len()
    );
    // The race spent the token twice: reuse revokes the family, the winner's pair included.
    let b2 = winners.remove(0);
    ensure!(
        refresh(&api, &b2).await?.0 == StatusCode::UNAUTHORIZED,
        "family survived reuse"
    );

    // Logout everywhere.
    let c = api.login("ann").await?;
    let d = api.login("ann").await?;
    let (s, _) = api
        .post(
            "/v1/auth/logout?all=true",
            json!({}),
            Some(&access_token(&c)?),
        )
        .await?;
    ensure!(s == StatusCode::NO_CONTENT, "logout all: {s}");
    for t in [&c, &d] {
        ensure!(me(&api, &access_token(t)?).await? == StatusCode::UNAUTHORIZED);
        ensure!(refresh(&api, t).await?.0 == StatusCode::UNAUTHORIZED);
    }
    // A login right after (same second) is not caught by the cut-off.
    let fresh = api.login("ann").await?;
    ensure!(me(&api, &access_token(&fresh)?).await? == StatusCode::OK);

    // Password change ends the other sessions, keeps this one.
    let other = api.login("ann").await?;
    let t = access_token(&fresh)?;
    let (s, b) = api
        .post(
            "/v1/me/password",
            json!({"current_password": "wrong current password", "new_password": NEW_PASSWORD}),
            Some(&t),
        )
        .await?;
    ensure!(
        s == StatusCode::UNAUTHORIZED && b["field"] == "current_password",
        "{s} {b}"
    );
    let (s, b) = api
        .post(
            "/v1/me/password",
            json!({"current_password": PASSWORD, "new_password": "passwordpassword1234"}),
            Some(&t),
        )
        .await?;
    ensure!(
        s == StatusCode::BAD_REQUEST && b["field"] == "new_password",
        "{s} {b}"
    );
    let (s, b) = api
        .post(
            "/v1/me/password",
            json!({"current_password": PASSWORD, "new_password": NEW_PASSWORD}),
            Some(&t),
        )
        .await?;
    ensure!(s == StatusCode::NO_CONTENT, "{s} {b}");
    ensure!(
        me(&api, &t).await? == StatusCode::OK,
        "the changing session must survive"
    );
    ensure!(me(&api, &access_token(&other)?).await? == StatusCode::UNAUTHORIZED);
    ensure!(refresh(&api, &other).await?.0 == StatusCode::UNAUTHORIZED);
    ensure!(api.login_with("ann", PASSWORD).await?.0 == StatusCode::UNAUTHORIZED);
    ensure!(api.login_with("ann", NEW_PASSWORD).await?.0 == StatusCode::OK);

    // Admins: bootstrapped by the operator, then ban and set roles.
    daemon.command(
        &[
            "admin",
            "create",
            "--email",
            "root@example.com",
            "--username",
            "root",
            "--password-stdin",
        ],
        &format!("{PASSWORD}\n"),
    )?;
    let root = access_token(&api.login("root").await?)?;
    let (s, u) = api.get("/v1/me", Some(&root)).await?;
    ensure!(s == StatusCode::OK && u["role"] == "admin", "{u}");
    api.register("bob", "buyer").await?;
    let bob = api.login("bob").await?;
    let (s, list) = api.get("/v1/admin/users?q=BOB", Some(&root)).await?;
    ensure!(
        s == StatusCode::OK && list["items"].as_array().map(Vec::len) == Some(1),
        "{list}"
    );
    ensure!(list["items"][0]["email"] == "bob@example.com");
    let bob_id = list["items"][0]["id"].as_str().context("id")?.to_owned();
    let (s, b) = api
        .get("/v1/admin/users", Some(&access_token(&bob)?))
        .await?;
    ensure!(
        s == StatusCode::FORBIDDEN && code(&b) == "forbidden",
        "{s} {b}"
    );

    let (s, banned) = api
        .post(
            &format!("/v1/admin/users/{bob_id}/ban"),
            json!({"reason": "spam"}),
            Some(&root),
        )
        .await?;
    ensure!(
        s == StatusCode::OK && banned["banned"] == true,
        "{s} {banned}"
    );
    ensure!(
        me(&api, &access_token(&bob)?).await? == StatusCode::UNAUTHORIZED,
        "ban not immediate"
    );
    ensure!(refresh(&api, &bob).await?.0 == StatusCode::UNAUTHORIZED);
    let (s, b) = api.login_with("bob", PASSWORD).await?;
    ensure!(
        s == StatusCode::FORBIDDEN && code(&b) == "forbidden",
        "{s} {b}"
    );
    let (s, _) = api
        .post(
            &format!("/v1/admin/users/{bob_id}/unban"),
            json!({}),
            Some(&root),
        )
        .await?;
    ensure!(s == StatusCode::OK);
    let bob = api.login("bob").await?;

    // A role change retires tokens carrying the old role; refreshing brings the new one.
    let (s, u) = api
        .post(
            &format!("/v1/admin/users/{bob_id}/role"),
            json!({"role": "artist"}),
            Some(&root),
        )
        .await?;
    ensure!(s == StatusCode::OK && u["role"] == "artist", "{s} {u}");
    ensure!(me(&api, &access_token(&bob)?).await? == StatusCode::UNAUTHORIZED);
    let (s, bob) = refresh(&api, &bob).await?;
    ensure!(s == StatusCode::OK, "{s} {bob}");
    let meta = json!({"title": "Bob's first", "price": {"amount_minor": 100, "currency": "USD"}});
    let (s, b) = api
        .upload(&access_token(&bob)?, meta.clone(), png(70, 70, 9), "b.png")
        .await?;
    ensure!(
        s == StatusCode::CREATED,
        "artist upload after role change: {s} {b}"
    );
    let (s, b) = api
        .post(
            &format!("/v1/admin/users/{bob_id}/role"),
            json!({"role": "wizard"}),
            Some(&root),
        )
        .await?;
    ensure!(
        s == StatusCode::BAD_REQUEST && b["field"] == "role",
        "{s} {b}"
    );

    // A buyer can become an artist by asking.
    api.register("cat", "buyer").await?;
    let cat = api.login("cat").await?;
    let (s, u) = api
        .post(
            "/v1/me/role",
            json!({"role": "artist"}),
            Some(&access_token(&cat)?),
        )
        .await?;
    ensure!(s == StatusCode::OK && u["role"] == "artist", "{s} {u}");
    let (_, cat) = refresh(&api, &cat).await?;
    let (s, b) = api
        .upload(&access_token(&cat)?, meta, png(71, 70, 10), "c.png")
        .await?;
    ensure!(s == StatusCode::CREATED, "{s} {b}");

    let root_id = api.get("/v1/me", Some(&root)).await?.1["id"]
        .as_str()
        .context("id")?
        .to_owned();
    let (s, _) = api
        .post(
            &format!("/v1/admin/users/{root_id}/ban"),
            json!({}),
            Some(&root),
        )
        .await?;
    ensure!(s == StatusCode::BAD_REQUEST, "an admin banned themselves");
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sessions_on_the_embedded_default() -> Result<()> {
    let daemon = Daemon::start()?;
    sessions_story(&daemon).await
}

/// The production profile: PostgreSQL for both services and Redis for revocations.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sessions_on_postgres_and_redis() -> Result<()> {
    on_production_profile(&[], |daemon| async move { sessions_story(&daemon).await }).await
}

async fn throttling_story(daemon: &Daemon) -> Result<()> {
    let owner = from_address(&daemon.gateway, "127.0.0.5")?;
    owner.register("victim", "buyer").await?;
    owner.login("victim").await?;

    let attacker = from_address(&daemon.gateway, "127.0.0.2")?;
    for i in 0..10 {
        let (s, b) = attacker
            .login_with("victim", "not the right password")
            .await?;
        ensure!(s == StatusCode::UNAUTHORIZED, "attempt {i}: {s} {b}");
    }
    let resp = attacker
        .http
        .post(format!("{}/v1/auth/login", daemon.gateway))
        .json(&json!({"login": "victim", "password": "not the right password"}))
        .send()
        .await?;
    ensure!(
        resp.status() == StatusCode::TOO_MANY_REQUESTS,
        "{}",
        resp.status()
    );
    let retry: u64 = resp
        .headers()
        .get("retry-after")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse().ok())
        .context("no Retry-After")?;
    ensure!((1..=60).contains(&retry), "Retry-After {retry}");
    ensure!(resp.json::<Value>().await?["code"] == "rate_limited");

    // X-Forwarded-For from an untrusted peer changes nothing.
    let spoofed = attacker
        .http
        .post(format!("{}/v1/auth/login", daemon.gateway))
        .header("x-forwarded-for", "203.0.113.77")
        .json(&json!({"login": "someone-else", "password": "not the right password"}))
        .send()
        .await?;
    ensure!(
        spoofed.status() == StatusCode::TOO_MANY_REQUESTS,
        "XFF reset the count"
    );

    // Another address is stopped by the account's own limit, even with the right password...
    let stranger = from_address(&daemon.gateway, "127.0.0.3")?;
    ensure!(stranger.login_with("victim", PASSWORD).await?.0 == StatusCode::TOO_MANY_REQUESTS);
    // ...but the owner, from where they logged in before, is not locked out.
    let (s, b) = owner.login_with("victim", PASSWORD).await?;
    ensure!(s == StatusCode::OK, "owner locked out: {s} {b}");
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn failed_logins_are_throttled_per_account_and_address() -> Result<()> {
    let daemon = Daemon::start()?;
    throttling_story(&daemon).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn throttle_counts_live_in_redis() -> Result<()> {
    let prefix = format!("test-{}:", uuid::Uuid::now_v7().simple());
    let env = [
        ("ARTSTATION_REDIS_URL", "redis://127.0.0.1:6379"),
        ("ARTSTATION_REDIS_PREFIX", prefix.as_str()),
    ];
    let daemon = Daemon::start_with(&env)?;
    throttling_story(&daemon).await?;
    // A second replica on the same Redis sees the counts the first one made.
    let replica = Daemon::start_with(&env)?;
    let attacker = from_address(&replica.gateway, "127.0.0.2")?;
    let (s, _) = attacker
        .login_with("nobody-here", "not the right password")
        .await?;
    ensure!(
        s == StatusCode::TOO_MANY_REQUESTS,
        "replica did not share counts: {s}"
    );
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn trusted_proxies_may_name_the_client() -> Result<()> {
    let daemon = Daemon::start_with(&[("ARTSTATION_TRUSTED_PROXIES", "127.0.0.9")])?;
    let proxy = from_address(&daemon.gateway, "127.0.0.9")?;
    let attempt = |xff: &'static str| {
        proxy
            .http
            .post(format!("{}/v1/auth/login", daemon.gateway))
            .header("x-forwarded-for", xff)
            .json(&json!({"login": format!("nobody-{xff}"), "password": "not the right password"}))
            .send()
    };
    for _ in 0..10 {
        ensure!(attempt("198.51.100.1").await?.status() == StatusCode::UNAUTHORIZED);
    }
    ensure!(attempt("198.51.100.1").await?.status() == StatusCode::TOO_MANY_REQUESTS);
    ensure!(
        attempt("198.51.100.2").await?.status() == StatusCode::UNAUTHORIZED,
        "behind a trusted proxy each client has its own count"
    );
    Ok(())
}

/// The private signing key, read from the embedded default's auth database, so the test can
/// forge tokens that are validly signed but wrong in every other way.
async fn signing_key(daemon: &Daemon) -> Result<(String, Vec<u8>)> {
    use sqlx::Connection as _;
    let url = format!(
        "sqlite://{}",
        daemon.data_dir.path().join("auth.db").display()
    );
    let mut conn = sqlx::SqliteConnection::connect(&url).await?;
    let row: (String, Vec<u8>) =
        sqlx::query_as("SELECT kid, private_pkcs8 FROM signing_keys ORDER BY created_at LIMIT 1")
            .fetch_one(&mut conn)
            .await?;
    Ok(row)
}

fn claims_of(token: &str) -> Result<Value> {
    let payload = token.split('.').nth(1).context("not a JWT")?;
    Ok(serde_json::from_slice(&URL_SAFE_NO_PAD.decode(payload)?)?)
}

fn b64(v: &Value) -> String {
    URL_SAFE_NO_PAD.encode(v.to_string())
}

#[tokio::test]
async fn forged_and_damaged_tokens_are_refused() -> Result<()> {
    let daemon = Daemon::start()?;
    let api = Api::new(&daemon.gateway);
    api.register("eve", "artist").await?;
    let tokens = api.login("eve").await?;
    let good = access_token(&tokens)?;
    ensure!(me(&api, &good).await? == StatusCode::OK);
    let claims = claims_of(&good)?;
    let (kid, der) = signing_key(&daemon).await?;
    let key = EncodingKey::from_ed_der(&der);
    let sign = |header: &Header, claims: &Value| jsonwebtoken::encode(header, claims, &key);
    let header = || {
        let mut h = Header::new(Algorithm::EdDSA);
        h.kid = Some(kid.clone());
        h.typ = Some("at+jwt".into());
        h
    };
    // Sanity: the forging machinery makes tokens the server accepts when nothing is wrong.
    ensure!(
        me(&api, &sign(&header(), &claims)?).await? == StatusCode::OK,
        "control token refused"
    );

    let now = chrono::Utc::now().timestamp();
    let with = |k: &str, v: Value| {
        let mut c = claims.clone();
        c[k] = v;
        c
    };
    let without = |k: &str| {
        let mut c = claims.clone();
        c.as_object_mut().map(|m| m.remove(k));
        c
    };
    let mut forged: Vec<(&str, String)> = vec![
        ("expired", sign(&header(), &with("exp", json!(now - 3600)))?),
        (
            "future nbf",
            sign(&header(), &with("nbf", json!(now + 3600)))?,
        ),
        (
            "wrong aud",
            sign(&header(), &with("aud", json!("someone-else")))?,
        ),
        (
            "wrong iss",
            sign(&header(), &with("iss", json!("https://evil.example")))?,
        ),
        ("no exp", sign(&header(), &without("exp"))?),
        ("no sub", sign(&header(), &without("sub"))?),
    ];
    let mut h = header();
    h.jku = Some("https://evil.example/jwks.json".into());
    forged.push(("jku header", sign(&h, &claims)?));
    let mut h = header();
    h.kid = Some("not-a-kid-we-know".into());
    forged.push(("unknown kid", sign(&h, &claims)?));
    let mut h = header();
    h.typ = Some("JWT".into());
    forged.push(("wrong typ", sign(&h, &claims)?));
    let mut h = header();
    h.jwk = Some(serde_json::from_value(
        json!({"kty": "OKP", "crv": "Ed25519", "x": "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}),
    )?);
    forged.push(("jwk header", sign(&h, &claims)?));

    // Signed by a key of the right type that is not ours, under our kid.
    let mut other_der = vec![
        0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04,
        0x20,
    ];
    other_der.extend_from_slice(&[7u8; 32]);
    forged.push((
        "foreign key",
        jsonwebtoken::encode(&header(), &claims, &EncodingKey::from_ed_der(&other_der))?,
    ));

    // HS256 keyed with the published public key (the classic algorithm confusion).
    let (_, jwks) = api.get("/.well-known/jwks.json", None).await?;
    let x = jwks["keys"][0]["x"].as_str().context("x")?.to_owned();
    let mut hs = Header::new(Algorithm::HS256);
    hs.kid = Some(kid.clone());
    hs.typ = Some("at+jwt".into());
    forged.push((
        "HS256 with the public key",
        jsonwebtoken::encode(&hs, &claims, &EncodingKey::from_secret(x.as_bytes()))?,
    ));
    forged.push((
        "HS256 with the raw key",
        jsonwebtoken::encode(
            &hs,
            &claims,
            &EncodingKey::from_secret(&URL_SAFE_NO_PAD.decode(&x)?),
        )?,
    ));

    let none_header = json!({"alg": "none", "typ": "at+jwt", "kid": kid});
    forged.push((
        "alg none",
        format!("{}.{}.", b64(&none_header), b64(&claims)),
    ));
    let none_upper = json!({"alg": "None", "typ": "at+jwt", "kid": kid});
    forged.push((
        "alg None",
        format!("{}.{}.", b64(&none_upper), b64(&claims)),
    ));

    let (head, sig) = good.rsplit_once('.').context("jwt")?;
    forged.push((
        "truncated signature",
        format!("{head}.{}", &sig[..sig.len() - 4]),
    ));
    let mut flipped: Vec<char> = sig.chars().collect();
    let mid = flipped.len() / 2;
    flipped[mid] = if flipped[mid] == 'A' { 'B' } else { 'A' };
    forged.push((
        "altered signature",
        format!("{head}.{}", flipped.into_iter().collect::<String>()),
    ));
    let elevated = with("role", json!("admin"));
    forged.push((
        "altered payload",
        format!(
            "{}.{}.{sig}",
            good.split('.').next().unwrap_or_default(),
            b64(&elevated)
        ),
    ));
    forged.push((
        "refresh token as access token",
        tokens["refresh_token"].as_str().context("rt")?.to_owned(),
    ));
    forged.push(("garbage", "a.b.c".into()));

    for (what, token) in &forged {
        let (s, b) = api.get("/v1/me", Some(token)).await?;
        ensure!(
            s == StatusCode::UNAUTHORIZED && code(&b) == "unauthorized",
            "{what}: {s} {b}"
        );
    }
    // The artwork service verifies on its own too (draft lookups read the caller's token).
    let (s, _) = api
        .get(
            "/v1/artworks/01a21c9f-0000-7000-8000-000000000000",
            Some(&forged[0].1),
        )
        .await?;
    ensure!(
        s == StatusCode::UNAUTHORIZED,
        "artwork service accepted an expired token: {s}"
    );
    ensure!(
        me(&api, &good).await? == StatusCode::OK,
        "the daemon survived"
    );
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rotated_keys_are_published_before_they_sign() -> Result<()> {
    let daemon = Daemon::start()?;
    let api = Api::new(&daemon.gateway);
    api.register("kim", "buyer").await?;
    let old = access_token(&api.login("kim").await?)?;
    let old_kid = jsonwebtoken::decode_header(&old)?.kid.context("kid")?;
    ensure!(me(&api, &old).await? == StatusCode::OK);

    // A key that activates later is published now but does not sign yet.
    let out = daemon.command(&["keys", "rotate"], "")?;
    let pending = String::from_utf8(out.stdout)?.trim().to_owned();
    let (_, jwks) = api.get("/.well-known/jwks.json", None).await?;
    let kids: Vec<&str> = jwks["keys"]
        .as_array()
        .context("keys")?
        .iter()
        .filter_map(|k| k["kid"].as_str())
        .collect();
    ensure!(
        kids.contains(&pending.as_str()) && kids.contains(&old_kid.as_str()),
        "{jwks}"
    );
    let t = access_token(&api.login("kim").await?)?;
    ensure!(
        jsonwebtoken::decode_header(&t)?.kid.as_deref() == Some(old_kid.as_str()),
        "pending key signed"
    );

    // One that activates at once signs the next token; the old key still verifies old tokens.
    let out = daemon.command(&["keys", "rotate", "--activate-in", "0"], "")?;
    let active = String::from_utf8(out.stdout)?.trim().to_owned();
    api.get("/.well-known/jwks.json", None).await?;
    let new = access_token(&api.login("kim").await?)?;
    ensure!(jsonwebtoken::decode_header(&new)?.kid.as_deref() == Some(active.as_str()));
    ensure!(
        me(&api, &old).await? == StatusCode::OK,
        "tokens of the old key must still verify"
    );
    // The gateway learns the new kid on its own (its refetch is rate-limited to every 5 s).
    let deadline = Instant::now() + Duration::from_secs(15);
    while me(&api, &new).await? != StatusCode::OK {
        ensure!(
            Instant::now() < deadline,
            "the gateway never learned the new key"
        );
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_passwords_and_usernames_are_refused_cheaply() -> Result<()> {
    let daemon = Daemon::start()?;
    let api = from_address(&daemon.gateway, "127.0.0.6")?;
    let reg = |email: &str, username: &str, password: &str| {
        api.post(
            "/v1/auth/register",
            json!({"email": email, "username": username, "password": password}),
            None,
        )
    };
    for (password, why) in [
        ("123456789987654321", "breached"),
        ("passwordpassword", "common words glued"),
        ("qwertyuiop1234567890", "keyboard walk and digits"),
        ("aaaaaaaaaaaaaaaaaaaaa", "one character"),
        ("short", "too short"),
    ] {
        let (s, b) = reg("p@example.com", "pat", password).await?;
        ensure!(
            s == StatusCode::BAD_REQUEST && b["field"] == "password",
            "{why}: {s} {b}"
        );
    }
    // Large but within the JSON body limit (a body past it is 413 before any parsing).
    let huge = "x".repeat(60_000);
    let (s, b) = reg("p@example.com", "pat", &huge).await?;
    ensure!(
        s == StatusCode::BAD_REQUEST && b["field"] == "password",
        "{s} {b}"
    );
    let (s, b) = api.login_with("pat", &huge).await?;
    ensure!(
        s == StatusCode::BAD_REQUEST && b["field"] == "password",
        "{s} {b}"
    );
    let (s, b) = reg("p@example.com", &"u".repeat(10_000), PASSWORD).await?;
    ensure!(
        s == StatusCode::BAD_REQUEST && b["field"] == "username",
        "{s} {b}"
    );

    // Unicode: the same address spelled differently is the same account.
    api.post(
        "/v1/auth/register",
        json!({"email": "jos\u{e9}@example.com", "username": "jose", "password": PASSWORD}),
        None,
    )
    .await?;
    let (s, b) = reg("jose\u{301}@EXAMPLE.com", "jose2", PASSWORD).await?;
    ensure!(
        s == StatusCode::CONFLICT && b["field"] == "email",
        "{s} {b}"
    );
    Ok(())
}

/// Unknown users cost the same as wrong passwords, so timing does not reveal accounts.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unknown_users_take_as_long_as_wrong_passwords() -> Result<()> {
    let daemon = Daemon::start()?;
    let api = from_address(&daemon.gateway, "127.0.0.4")?;
    api.register("tim", "buyer").await?;
    let (mut known, mut unknown) = (Vec::new(), Vec::new());
    for i in 0..5 {
        let t = Instant::now();
        let (s, a) = api.login_with("tim", "definitely not it").await?;
        known.push(t.elapsed());
        let t = Instant::now();
        let (s2, b) = api
            .login_with(&format!("ghost{i}"), "definitely not it")
            .await?;
        unknown.push(t.elapsed());
        ensure!(s == s2 && a == b, "{a} vs {b}");
    }
    known.sort();
    unknown.sort();
    let (k, u) = (known[2].as_secs_f64(), unknown[2].as_secs_f64());
    ensure!(
        u > k * 0.5 && u < k * 2.0,
        "wrong password {k:.4}s vs unknown user {u:.4}s"
    );
    Ok(())
}
