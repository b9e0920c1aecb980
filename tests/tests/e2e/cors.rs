//! CORS: the configured origins get their preflights answered and may read the answers (and
//! the rate-limit headers); any other origin, or a gateway with no origins configured, gets no
//! CORS header at all.

use anyhow::{Result, ensure};
use artstation_tests::Daemon;
use artstation_tests::http::Api;
use reqwest::header::HeaderMap;
use reqwest::{Method, StatusCode};

const APP: &str = "https://app.example";

async fn preflight(api: &Api, origin: &str) -> Result<(StatusCode, HeaderMap)> {
    let resp = api
        .http
        .request(Method::OPTIONS, format!("{}/v1/artworks", api.base))
        .header("origin", origin)
        .header("access-control-request-method", "POST")
        .header(
            "access-control-request-headers",
            "authorization, content-type, idempotency-key",
        )
        .send()
        .await?;
    Ok((resp.status(), resp.headers().clone()))
}

async fn get_from(api: &Api, origin: &str) -> Result<(StatusCode, HeaderMap)> {
    let resp = api
        .http
        .get(format!("{}/v1/categories", api.base))
        .header("origin", origin)
        .send()
        .await?;
    Ok((resp.status(), resp.headers().clone()))
}

fn header<'h>(h: &'h HeaderMap, name: &str) -> &'h str {
    h.get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
}

/// Whether a comma-separated header value lists `item` (case-insensitively).
/// Whether any of the header's field lines lists `item` (a cached answer carries
/// `Vary: authorization` on a line of its own beside CORS's `Vary: Origin`).
fn lists(h: &HeaderMap, name: &str, item: &str) -> bool {
    h.get_all(name)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|v| v.trim().eq_ignore_ascii_case(item))
}

fn no_cors_headers(h: &HeaderMap) -> bool {
    !h.keys().any(|k| k.as_str().starts_with("access-control-"))
}

#[tokio::test]
async fn allowed_origins_get_cors_headers_and_others_none() -> Result<()> {
    let daemon = Daemon::start_with(&[(
        "ARTSTATION_CORS_ORIGINS",
        "https://app.example, http://localhost:5173",
    )])?;
    let api = Api::new(&daemon.gateway);

    let (s, h) = preflight(&api, APP).await?;
    ensure!(s == StatusCode::NO_CONTENT, "preflight: {s}");
    ensure!(header(&h, "access-control-allow-origin") == APP, "{h:?}");
    ensure!(lists(&h, "access-control-allow-methods", "POST"), "{h:?}");
    for wanted in ["Authorization", "Content-Type", "Idempotency-Key"] {
        ensure!(
            lists(&h, "access-control-allow-headers", wanted),
            "{wanted} not allowed: {h:?}"
        );
    }
    ensure!(
        header(&h, "access-control-max-age").parse::<u64>().is_ok(),
        "{h:?}"
    );
    ensure!(
        h.get("access-control-allow-credentials").is_none(),
        "credentials are never allowed"
    );
    ensure!(lists(&h, "vary", "Origin"), "{h:?}");

    let (s, h) = preflight(&api, "https://evil.example").await?;
    ensure!(no_cors_headers(&h), "another origin's preflight: {s} {h:?}");

    let (s, h) = get_from(&api, APP).await?;
    ensure!(s == StatusCode::OK, "{s}");
    ensure!(header(&h, "access-control-allow-origin") == APP, "{h:?}");
    for exposed in [
        "RateLimit-Limit",
        "RateLimit-Remaining",
        "RateLimit-Reset",
        "Retry-After",
        "Location",
        "X-Request-Id",
    ] {
        ensure!(
            lists(&h, "access-control-expose-headers", exposed),
            "{exposed} not exposed: {h:?}"
        );
    }
    ensure!(
        h.contains_key("ratelimit-remaining"),
        "the exposed rate-limit headers are sent: {h:?}"
    );
    ensure!(lists(&h, "vary", "Origin"), "{h:?}");

    let (s, h) = get_from(&api, "http://localhost:5173").await?;
    ensure!(
        s == StatusCode::OK && header(&h, "access-control-allow-origin") == "http://localhost:5173",
        "{s} {h:?}"
    );
    let (s, h) = get_from(&api, "https://evil.example").await?;
    ensure!(s == StatusCode::OK, "{s}");
    ensure!(no_cors_headers(&h), "another origin's GET: {h:?}");
    Ok(())
}

#[tokio::test]
async fn without_configured_origins_there_is_no_cors() -> Result<()> {
    let daemon = Daemon::start()?;
    let api = Api::new(&daemon.gateway);
    let (s, h) = preflight(&api, APP).await?;
    ensure!(s != StatusCode::NO_CONTENT, "a preflight was answered: {s}");
    ensure!(no_cors_headers(&h), "{h:?}");
    let (s, h) = get_from(&api, APP).await?;
    ensure!(s == StatusCode::OK && no_cors_headers(&h), "{s} {h:?}");
    Ok(())
}
