//! The REST surface end to end: a real `artstationd` (every role, real gRPC between them),
//! driven over HTTP as any client would, on SQLite and on PostgreSQL.

use anyhow::{Context, Result, ensure};
use artstation_tests::http::{Api, PASSWORD, access_token as token, code, sans_request_id};
use artstation_tests::{Daemon, Profile, Story, files_under, on_profile, png};
use reqwest::StatusCode;
use serde_json::{Value, json};

fn meta(title: &str) -> Value {
    json!({"title": title, "price": {"amount_minor": 1250, "currency": "USD"}, "tags": ["Sky"]})
}

/// Everything the walking skeleton promises, against one running daemon, step by step.
async fn marketplace_story(daemon: &Daemon) -> Result<()> {
    let api = Api::new(&daemon.gateway);
    let mut story = Story::new("marketplace");
    story.step("accounts", accounts(&api)).await;
    let tokens = story.after(&["accounts"], "log in", log_in(&api)).await;
    let tokens = tokens.as_ref();
    let need = || tokens.context("`log in` did not pass");
    story
        .after(&["log in"], "jwks", async { jwks(&api, need()?).await })
        .await;
    story
        .after(&["log in"], "refresh rotates", async {
            need()?;
            refresh_rotates(&api).await
        })
        .await;
    let first_id = story
        .after(&["log in"], "uploads", async {
            uploads(&api, need()?).await
        })
        .await;
    story
        .after(&["log in"], "refused uploads", async {
            refused_uploads(&api, need()?).await
        })
        .await;
    let draft_id = story
        .after(&["log in"], "draft and second upload", async {
            draft_and_second(&api, need()?).await
        })
        .await;
    story
        .after(
            &["uploads", "draft and second upload"],
            "only what succeeded is stored",
            only_what_succeeded_is_stored(daemon),
        )
        .await;
    story
        .after(&["uploads", "draft and second upload"], "listing", async {
            listing(&api, first_id.as_deref().context("no upload")?).await
        })
        .await;
    story
        .after(&["draft and second upload"], "drafts are private", async {
            drafts_are_private(&api, need()?, draft_id.as_deref().context("no draft")?).await
        })
        .await;
    story.step("readiness", readiness(&api)).await;
    story.finish()
}

struct Tokens {
    ann_token: String,
    bob_token: String,
}

/// Accounts, and the errors a newcomer will hit.
async fn accounts(api: &Api) -> Result<()> {
    let ann = api.register("ann", "artist").await?;
    ensure!(ann["role"] == "artist" && ann.get("password_hash").is_none());
    api.register("bob", "buyer").await?;
    let (s, b) = api
        .post(
            "/v1/auth/register",
            json!({"email": "ANN@example.com", "username": "ann2", "password": PASSWORD}),
            None,
        )
        .await?;
    ensure!(
        s == StatusCode::CONFLICT && code(&b) == "conflict" && b["field"] == "email",
        "{s} {b}"
    );
    let (s, b) = api
        .post(
            "/v1/auth/register",
            json!({"email": "c@example.com", "username": "Ann", "password": PASSWORD}),
            None,
        )
        .await?;
    ensure!(
        s == StatusCode::CONFLICT && b["field"] == "username",
        "{s} {b}"
    );
    let (s, b) = api
        .post(
            "/v1/auth/register",
            json!({"username": "x", "password": PASSWORD}),
            None,
        )
        .await?;
    ensure!(
        s == StatusCode::BAD_REQUEST && code(&b) == "validation_failed" && b["field"] == "email",
        "{s} {b}"
    );
    let (s, b) = api
        .post(
            "/v1/auth/register",
            json!({"email": "d@example.com", "username": "dee", "password": "short"}),
            None,
        )
        .await?;
    ensure!(
        s == StatusCode::BAD_REQUEST && b["field"] == "password",
        "{s} {b}"
    );
    let (s, b) = api
        .send(
            api.http
                .post(format!("{}/v1/auth/login", api.base))
                .header("content-type", "application/json")
                .body("{oops"),
        )
        .await?;
    ensure!(
        s == StatusCode::BAD_REQUEST && code(&b) == "validation_failed",
        "{s} {b}"
    );
    Ok(())
}

async fn log_in(api: &Api) -> Result<Tokens> {
    let (s1, wrong) = api
        .post(
            "/v1/auth/login",
            json!({"login": "ann", "password": "not the password at all"}),
            None,
        )
        .await?;
    let (s2, unknown) = api
        .post(
            "/v1/auth/login",
            json!({"login": "nobody", "password": "not the password at all"}),
            None,
        )
        .await?;
    ensure!(s1 == StatusCode::UNAUTHORIZED && s2 == StatusCode::UNAUTHORIZED);
    // A wrong password and an unknown account must read the same, but for the request id.
    let (wrong, unknown) = (sans_request_id(wrong)?, sans_request_id(unknown)?);
    ensure!(
        wrong == unknown && code(&wrong) == "invalid_credentials",
        "{wrong} vs {unknown}"
    );

    let ann_tokens = api.login("ANN@example.com").await?;
    ensure!(ann_tokens["token_type"] == "Bearer" && ann_tokens["expires_in"].as_u64() > Some(0));
    let ann_token = token(&ann_tokens)?;
    let bob_token = token(&api.login("bob").await?)?;

    let (s, me) = api.get("/v1/me", Some(&ann_token)).await?;
    ensure!(
        s == StatusCode::OK && me["username"] == "ann" && me["email"] == "ann@example.com",
        "{me}"
    );
    for bad in [
        None,
        Some("garbage"),
        Some(&ann_token[..ann_token.len() - 3]),
    ] {
        let (s, b) = api.get("/v1/me", bad).await?;
        ensure!(
            s == StatusCode::UNAUTHORIZED && code(&b) == "unauthorized",
            "{bad:?}: {s} {b}"
        );
    }
    Ok(Tokens {
        ann_token,
        bob_token,
    })
}

/// The JWKS names the key the token was signed with.
async fn jwks(api: &Api, t: &Tokens) -> Result<()> {
    let ann_token = t.ann_token.clone();
    let (s, jwks) = api.get("/.well-known/jwks.json", None).await?;
    ensure!(s == StatusCode::OK);
    let header: Value = {
        use base64::Engine as _;
        let h = ann_token.split('.').next().unwrap_or_default();
        serde_json::from_slice(&base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(h)?)?
    };
    ensure!(header["alg"] == "EdDSA" && header["typ"] == "at+jwt");
    ensure!(
        jwks["keys"].as_array().is_some_and(|k| k
            .iter()
            .any(|k| k["kid"] == header["kid"] && k["kty"] == "OKP")),
        "{jwks} lacks {header}"
    );
    Ok(())
}

/// Refresh rotates; a spent refresh token is refused. In a session of its own: spending a
/// token twice ends its session, access tokens included, and the other steps need theirs.
async fn refresh_rotates(api: &Api) -> Result<()> {
    let ann_tokens = api.login("ann").await?;
    let old_refresh = ann_tokens["refresh_token"].clone();
    let (s, fresh) = api
        .post(
            "/v1/auth/refresh",
            json!({"refresh_token": old_refresh}),
            None,
        )
        .await?;
    ensure!(
        s == StatusCode::OK && fresh["refresh_token"] != old_refresh,
        "{s} {fresh}"
    );
    let (s, b) = api
        .post(
            "/v1/auth/refresh",
            json!({"refresh_token": old_refresh}),
            None,
        )
        .await?;
    ensure!(
        s == StatusCode::UNAUTHORIZED,
        "spent refresh token accepted: {s} {b}"
    );
    Ok(())
}

/// A good upload, and the same bytes again.
async fn uploads(api: &Api, t: &Tokens) -> Result<String> {
    let ann_token = t.ann_token.clone();
    let (s, art) = api
        .upload_ready(&ann_token, meta("Dawn"), png(96, 80, 1), "dawn.png")
        .await?;
    ensure!(s == StatusCode::CREATED, "{s} {art}");
    ensure!(
        art["title"] == "Dawn"
            && art["tags"] == json!(["sky"])
            && art["artist"]["username"] == "ann"
    );
    ensure!(
        art["price"] == json!({"amount_minor": 1250, "currency": "USD"})
            && art["status"] == "published"
    );
    ensure!(art["width"] == 96 && art["height"] == 80 && art["content_type"] == "image/png");
    ensure!(
        art["thumbnail_url"]
            == format!(
                "/v1/artworks/{}/thumbnail",
                art["id"].as_str().unwrap_or_default()
            )
            && art["preview_url"]
                .as_str()
                .is_some_and(|u| u.ends_with("/preview")),
        "{art}"
    );
    let first_id = art["id"].as_str().context("id")?.to_owned();

    let (s, b) = api
        .upload_ready(&ann_token, meta("Dawn again"), png(96, 80, 1), "same.png")
        .await?;
    ensure!(
        s == StatusCode::CONFLICT && b["existing_id"] == first_id.as_str(),
        "{s} {b}"
    );
    Ok(first_id)
}

async fn refused_uploads(api: &Api, t: &Tokens) -> Result<()> {
    let (ann_token, bob_token) = (t.ann_token.clone(), t.bob_token.clone());
    let (s, b) = api
        .upload_ready(&bob_token, meta("Nope"), png(96, 80, 2), "b.png")
        .await?;
    ensure!(
        s == StatusCode::FORBIDDEN && code(&b) == "forbidden",
        "{s} {b}"
    );
    let (s, b) = api
        .upload_ready(
            &ann_token,
            meta("Text"),
            b"just some text, not an image".to_vec(),
            "a.png",
        )
        .await?;
    ensure!(
        s == StatusCode::UNSUPPORTED_MEDIA_TYPE && code(&b) == "unsupported_media_type",
        "{s} {b}"
    );
    let svg =
        br#"<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>"#.to_vec();
    let (s, _) = api
        .upload_ready(&ann_token, meta("Svg"), svg, "x.svg")
        .await?;
    ensure!(s == StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let (s, b) = api
        .upload_ready(&ann_token, meta("Big"), png(400, 400, 3), "big.png")
        .await?;
    ensure!(
        s == StatusCode::PAYLOAD_TOO_LARGE && code(&b) == "payload_too_large",
        "{s} {b}"
    );
    let (s, b) = api
        .upload_ready(
            &ann_token,
            json!({"title": "No price"}),
            png(90, 90, 4),
            "np.png",
        )
        .await?;
    ensure!(
        s == StatusCode::BAD_REQUEST && b["field"] == "metadata.price",
        "{s} {b}"
    );
    let (s, b) = api
        .upload_ready(
            &ann_token,
            json!({"title": "Yen", "price": {"amount_minor": 5, "currency": "XXX"}}),
            png(90, 90, 4),
            "y.png",
        )
        .await?;
    ensure!(
        s == StatusCode::BAD_REQUEST && b["field"] == "price.currency",
        "{s} {b}"
    );
    Ok(())
}

async fn draft_and_second(api: &Api, t: &Tokens) -> Result<String> {
    let ann_token = t.ann_token.clone();
    let mut draft_meta = meta("Secret");
    draft_meta["status"] = json!("draft");
    let (s, draft) = api
        .upload_ready(&ann_token, draft_meta, png(70, 70, 5), "d.png")
        .await?;
    ensure!(
        s == StatusCode::CREATED && draft["status"] == "draft",
        "{s} {draft}"
    );
    let draft_id = draft["id"].as_str().context("id")?;
    let (s, second) = api
        .upload_ready(&ann_token, meta("Dusk"), png(80, 96, 6), "dusk.png")
        .await?;
    ensure!(s == StatusCode::CREATED, "{s} {second}");
    Ok(draft_id.to_owned())
}

/// Only what succeeded is stored: three originals with two derivatives each, no staged
/// leftovers.
async fn only_what_succeeded_is_stored(daemon: &Daemon) -> Result<()> {
    let stored = files_under(&daemon.data_dir.path().join("originals"));
    ensure!(stored.len() == 9, "stored files: {stored:?}");
    Ok(())
}

/// Listing: newest first, drafts hidden, stable cursor pages.
async fn listing(api: &Api, first_id: &str) -> Result<()> {
    let first_id = first_id.to_owned();
    let (s, page1) = api.get("/v1/artworks?limit=1", None).await?;
    ensure!(
        s == StatusCode::OK && page1["items"][0]["title"] == "Dusk",
        "{page1}"
    );
    let cursor = page1["next_cursor"].as_str().context("next_cursor")?;
    let (_, page2) = api
        .get(&format!("/v1/artworks?limit=1&cursor={cursor}"), None)
        .await?;
    ensure!(
        page2["items"][0]["id"] == first_id.as_str() && page2["next_cursor"].is_null(),
        "{page2}"
    );
    let (s, b) = api.get("/v1/artworks?cursor=not-a-cursor", None).await?;
    ensure!(
        s == StatusCode::BAD_REQUEST && b["field"] == "cursor",
        "{s} {b}"
    );
    let (s, b) = api.get("/v1/artworks?limit=1000", None).await?;
    ensure!(
        s == StatusCode::BAD_REQUEST && b["field"] == "limit",
        "{s} {b}"
    );
    Ok(())
}

async fn drafts_are_private(api: &Api, t: &Tokens, draft_id: &str) -> Result<()> {
    let (ann_token, bob_token) = (t.ann_token.clone(), t.bob_token.clone());
    let (s, _) = api.get(&format!("/v1/artworks/{draft_id}"), None).await?;
    ensure!(s == StatusCode::NOT_FOUND, "draft visible to anonymous");
    let (s, _) = api
        .get(&format!("/v1/artworks/{draft_id}"), Some(&bob_token))
        .await?;
    ensure!(s == StatusCode::NOT_FOUND, "draft visible to another user");
    let (s, b) = api
        .get(&format!("/v1/artworks/{draft_id}"), Some(&ann_token))
        .await?;
    ensure!(s == StatusCode::OK && b["title"] == "Secret", "{s} {b}");
    let (s, b) = api.get("/v1/artworks/does-not-exist", None).await?;
    ensure!(
        s == StatusCode::NOT_FOUND && code(&b) == "not_found",
        "{s} {b}"
    );
    Ok(())
}

async fn readiness(api: &Api) -> Result<()> {
    let (s, ready) = api.get("/readyz", None).await?;
    ensure!(
        s == StatusCode::OK && ready["checks"]["auth"] == "ok",
        "{ready}"
    );
    Ok(())
}

const SMALL_UPLOADS: (&str, &str) = ("ARTSTATION_MAX_UPLOAD_BYTES", "100000");

#[tokio::test]
async fn marketplace_on_the_embedded_default() -> Result<()> {
    let mut daemon = Daemon::start_with(&[SMALL_UPLOADS])?;
    marketplace_story(&daemon).await?;
    let status = daemon.terminate()?;
    ensure!(
        status.success(),
        "artstationd exited with {status} on SIGTERM"
    );
    Ok(())
}

#[tokio::test]
async fn marketplace_on_postgres() -> Result<()> {
    on_profile(Profile::POSTGRES, &[SMALL_UPLOADS], |stack| async move {
        let mut daemon = stack.daemon;
        marketplace_story(&daemon).await?;
        ensure!(
            !daemon.data_dir.path().join("auth.db").exists(),
            "the PostgreSQL profile must not create SQLite files"
        );
        ensure!(daemon.terminate()?.success());
        Ok(())
    })
    .await
}
