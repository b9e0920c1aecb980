//! Bad passwords and usernames are refused before any expensive work, and unknown users
//! cost as much as wrong passwords.

use std::time::Instant;

use anyhow::{Result, ensure};
use artstation_tests::Daemon;
use artstation_tests::http::{PASSWORD, sans_request_id};
use reqwest::StatusCode;
use serde_json::json;

use super::from_address;

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
        ensure!(
            s == s2 && sans_request_id(a.clone())? == sans_request_id(b.clone())?,
            "{a} vs {b}"
        );
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
