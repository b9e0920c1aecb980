//! Tokens forged every way RFC 8725 warns about are refused, and signing keys rotate without
//! a flag day.

use std::time::{Duration, Instant};

use anyhow::{Context, Result, ensure};
use artstation_tests::Daemon;
use artstation_tests::http::{Api, access_token, code};
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use reqwest::StatusCode;
use serde_json::{Value, json};

use super::me;

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

    // Every forgery is tried, so one accepted token does not hide another.
    let mut accepted = Vec::new();
    for (what, token) in &forged {
        let (s, b) = api.get("/v1/me", Some(token)).await?;
        if !(s == StatusCode::UNAUTHORIZED && code(&b) == "unauthorized") {
            accepted.push(format!("{what}: {s} {b}"));
        }
    }
    ensure!(
        accepted.is_empty(),
        "forged tokens not refused:\n{}",
        accepted.join("\n")
    );
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

/// How long a rotation by another process may take to be seen: the auth service re-reads its
/// keys every 5 s.
const KEY_RELOAD_WAIT: Duration = Duration::from_secs(12);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rotated_keys_are_published_before_they_sign() -> Result<()> {
    let daemon = Daemon::start()?;
    let api = Api::new(&daemon.gateway);
    api.register("kim", "buyer").await?;
    let old = access_token(&api.login("kim").await?)?;
    let old_kid = jsonwebtoken::decode_header(&old)?.kid.context("kid")?;
    ensure!(me(&api, &old).await? == StatusCode::OK);

    // A key that activates later is published (within the auth service's periodic re-read:
    // JWKS requests never read the database) but does not sign yet.
    let out = daemon.command(&["keys", "rotate"], "")?;
    let pending = String::from_utf8(out.stdout)?.trim().to_owned();
    let deadline = Instant::now() + KEY_RELOAD_WAIT;
    loop {
        let (_, jwks) = api.get("/.well-known/jwks.json", None).await?;
        let kids: Vec<&str> = jwks["keys"]
            .as_array()
            .context("keys")?
            .iter()
            .filter_map(|k| k["kid"].as_str())
            .collect();
        ensure!(kids.contains(&old_kid.as_str()), "{jwks}");
        if kids.contains(&pending.as_str()) {
            break;
        }
        ensure!(
            Instant::now() < deadline,
            "the pending key was never published: {jwks}"
        );
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    let t = access_token(&api.login("kim").await?)?;
    ensure!(
        jsonwebtoken::decode_header(&t)?.kid.as_deref() == Some(old_kid.as_str()),
        "pending key signed"
    );

    // One that activates at once signs the next tokens once re-read; the old key still
    // verifies old tokens.
    let out = daemon.command(&["keys", "rotate", "--activate-in", "0"], "")?;
    let active = String::from_utf8(out.stdout)?.trim().to_owned();
    let deadline = Instant::now() + KEY_RELOAD_WAIT;
    let new = loop {
        let t = access_token(&api.login("kim").await?)?;
        if jsonwebtoken::decode_header(&t)?.kid.as_deref() == Some(active.as_str()) {
            break t;
        }
        ensure!(Instant::now() < deadline, "the new key never signed");
        tokio::time::sleep(Duration::from_millis(250)).await;
    };
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
