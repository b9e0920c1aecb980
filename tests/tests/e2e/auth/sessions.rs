//! Logout, logout everywhere, password change, refresh races, bans, roles: one story in
//! named steps against one daemon, on both profiles.

use anyhow::{Context, Result, ensure};
use artstation_tests::http::{Api, PASSWORD, access_token, code};
use artstation_tests::{Daemon, Story, on_production_profile, png};
use reqwest::StatusCode;
use serde_json::{Value, json};

use super::{me, refresh};

const NEW_PASSWORD: &str = "a different long passphrase entirely";

async fn sessions_story(daemon: &Daemon) -> Result<()> {
    let api = Api::new(&daemon.gateway);
    api.register("ann", "buyer").await?;
    let mut story = Story::new("sessions");
    let b = story
        .step("logout ends one session", logout_ends_one_session(&api))
        .await;
    story
        .after(
            &["logout ends one session"],
            "one of racing refreshes wins",
            async { racing_refreshes(&api, b.context("no session")?).await },
        )
        .await;
    story
        .step(
            "reusing a refresh token ends its session at once",
            reuse_ends_session(&api),
        )
        .await;
    let fresh = story
        .step("logout everywhere", logout_everywhere(&api))
        .await;
    story
        .after(
            &["logout everywhere"],
            "password change ends the other sessions",
            async { password_change(&api, fresh.context("no session")?).await },
        )
        .await;
    let admin = story
        .step("admins find users", admins_find_users(daemon, &api))
        .await;
    let admin = admin.as_ref();
    let bob = story
        .after(&["admins find users"], "bans are immediate", async {
            bans(&api, admin.context("no admin")?).await
        })
        .await;
    story
        .after(
            &["bans are immediate"],
            "role changes retire old tokens",
            async { role_change(&api, admin.context("no admin")?, bob.context("no bob")?).await },
        )
        .await;
    story
        .step("buyers may become artists", buyer_becomes_artist(&api))
        .await;
    story
        .after(
            &["admins find users"],
            "admins cannot ban themselves",
            async { no_self_ban(&api, admin.context("no admin")?).await },
        )
        .await;
    story.finish()
}

/// Logout ends one session at once, not when its access token expires. Returns the session
/// that survived.
async fn logout_ends_one_session(api: &Api) -> Result<Value> {
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
        me(api, &ta).await? == StatusCode::UNAUTHORIZED,
        "logged-out token still works"
    );
    ensure!(refresh(api, &a).await?.0 == StatusCode::UNAUTHORIZED);
    ensure!(
        me(api, &tb).await? == StatusCode::OK,
        "the other session must survive"
    );
    Ok(b)
}

/// Concurrent refreshes with one token: exactly one wins.
async fn racing_refreshes(api: &Api, b: Value) -> Result<()> {
    let mut racers = Vec::new();
    for _ in 0..8 {
        let (api, b) = (Api::new(&api.base), b.clone());
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
        refresh(api, &b2).await?.0 == StatusCode::UNAUTHORIZED,
        "family survived reuse"
    );
    Ok(())
}

/// Logout everywhere. Returns a session opened after it.
async fn logout_everywhere(api: &Api) -> Result<Value> {
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
        ensure!(me(api, &access_token(t)?).await? == StatusCode::UNAUTHORIZED);
        ensure!(refresh(api, t).await?.0 == StatusCode::UNAUTHORIZED);
    }
    // A login right after (same second) is not caught by the cut-off.
    let fresh = api.login("ann").await?;
    ensure!(me(api, &access_token(&fresh)?).await? == StatusCode::OK);
    Ok(fresh)
}

/// Password change ends the other sessions, keeps this one.
async fn password_change(api: &Api, fresh: Value) -> Result<()> {
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
        me(api, &t).await? == StatusCode::OK,
        "the changing session must survive"
    );
    ensure!(me(api, &access_token(&other)?).await? == StatusCode::UNAUTHORIZED);
    ensure!(refresh(api, &other).await?.0 == StatusCode::UNAUTHORIZED);
    ensure!(api.login_with("ann", PASSWORD).await?.0 == StatusCode::UNAUTHORIZED);
    ensure!(api.login_with("ann", NEW_PASSWORD).await?.0 == StatusCode::OK);
    Ok(())
}

struct Admin {
    root: String,
    /// Bob's session, opened before any ban.
    bob: Value,
    bob_id: String,
}

/// Admins: bootstrapped by the operator, then they find users; others may not.
async fn admins_find_users(daemon: &Daemon, api: &Api) -> Result<Admin> {
    daemon.create_admin("root")?;
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
    Ok(Admin { root, bob, bob_id })
}

/// A ban ends the sessions at once and refuses logins; an unban lets the user back. Returns
/// the user's new session.
async fn bans(api: &Api, admin: &Admin) -> Result<Value> {
    let (root, bob, bob_id) = (admin.root.clone(), admin.bob.clone(), admin.bob_id.clone());
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
        me(api, &access_token(&bob)?).await? == StatusCode::UNAUTHORIZED,
        "ban not immediate"
    );
    ensure!(refresh(api, &bob).await?.0 == StatusCode::UNAUTHORIZED);
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
    Ok(bob)
}

/// A role change retires tokens carrying the old role; refreshing brings the new one.
async fn role_change(api: &Api, admin: &Admin, bob: Value) -> Result<()> {
    let (root, bob_id) = (admin.root.clone(), admin.bob_id.clone());
    let (s, u) = api
        .post(
            &format!("/v1/admin/users/{bob_id}/role"),
            json!({"role": "artist"}),
            Some(&root),
        )
        .await?;
    ensure!(s == StatusCode::OK && u["role"] == "artist", "{s} {u}");
    ensure!(me(api, &access_token(&bob)?).await? == StatusCode::UNAUTHORIZED);
    let (s, bob) = refresh(api, &bob).await?;
    ensure!(s == StatusCode::OK, "{s} {bob}");
    let meta = upload_meta();
    let (s, b) = api
        .upload_ready(&access_token(&bob)?, meta.clone(), png(70, 70, 9), "b.png")
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
    Ok(())
}

fn upload_meta() -> Value {
    json!({"title": "Bob's first", "price": {"amount_minor": 100, "currency": "USD"}})
}

/// A buyer can become an artist by asking.
async fn buyer_becomes_artist(api: &Api) -> Result<()> {
    let meta = upload_meta();
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
    let (_, cat) = refresh(api, &cat).await?;
    let (s, b) = api
        .upload_ready(&access_token(&cat)?, meta, png(71, 70, 10), "c.png")
        .await?;
    ensure!(s == StatusCode::CREATED, "{s} {b}");
    Ok(())
}

/// A refresh token spent twice means one copy was stolen: the session ends, and the access
/// token minted from the other copy is refused at once, not when it expires (RFC 9700).
async fn reuse_ends_session(api: &Api) -> Result<()> {
    api.register("rue", "buyer").await?;
    let first = api.login("rue").await?;
    let (s, second) = refresh(api, &first).await?;
    ensure!(s == StatusCode::OK, "refresh: {s} {second}");
    let minted = access_token(&second)?;
    ensure!(me(api, &minted).await? == StatusCode::OK);
    let (s, b) = refresh(api, &first).await?;
    ensure!(s == StatusCode::UNAUTHORIZED, "reuse: {s} {b}");
    let s = me(api, &minted).await?;
    ensure!(
        s == StatusCode::UNAUTHORIZED,
        "the access token of the reused session still answers {s}"
    );
    Ok(())
}

async fn no_self_ban(api: &Api, admin: &Admin) -> Result<()> {
    let root = admin.root.clone();
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
