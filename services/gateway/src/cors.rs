//! CORS for the origins the deployment names (`ARTSTATION_CORS_ORIGINS`), so a browser app on
//! another origin can call the API. Nothing is configured by default: no CORS header at all.
//!
//! A request from an origin not on the list is served as if CORS were off (no CORS header; the
//! browser then refuses the answer to the page). Credentials are never allowed: the API
//! authenticates with bearer tokens, not cookies, which is also what lets `*` be offered.

use axum::extract::Request;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};

use crate::AppState;

/// The origins allowed to call the API from a browser.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum CorsOrigins {
    /// No CORS headers at all.
    #[default]
    Off,
    /// Any origin (`*`).
    Any,
    /// Exactly these serialized origins (`https://app.example`).
    List(Vec<String>),
}

impl std::str::FromStr for CorsOrigins {
    type Err = String;

    /// A comma-separated list of exact origins, or `*`; empty turns CORS off.
    fn from_str(s: &str) -> Result<Self, String> {
        let items: Vec<&str> = s
            .split(',')
            .map(str::trim)
            .filter(|o| !o.is_empty())
            .collect();
        if items.is_empty() {
            return Ok(Self::Off);
        }
        if items.contains(&"*") {
            if items.len() > 1 {
                return Err("`*` cannot be listed with other origins".into());
            }
            return Ok(Self::Any);
        }
        items
            .into_iter()
            .map(origin)
            .collect::<Result<_, _>>()
            .map(Self::List)
    }
}

/// Checks an origin is written as browsers send it: `scheme://host[:port]`, nothing after.
fn origin(s: &str) -> Result<String, String> {
    let bad = || format!("{s:?} is not an origin (scheme://host[:port], no path)");
    let uri: axum::http::Uri = s.parse().map_err(|_| bad())?;
    let scheme = uri.scheme_str().ok_or_else(bad)?;
    let authority = uri.authority().ok_or_else(bad)?;
    if !matches!(scheme, "http" | "https")
        || authority.as_str().contains('@')
        || s != format!("{scheme}://{authority}")
    {
        return Err(bad());
    }
    // Browsers send the scheme and host in lower case.
    Ok(s.to_ascii_lowercase())
}

/// Methods a browser may use across origins.
const ALLOW_METHODS: &str = "GET, HEAD, POST, PUT, PATCH, DELETE";
/// Request headers the API reads beyond the CORS-safelisted ones.
const ALLOW_HEADERS: &str =
    "Authorization, Content-Type, Idempotency-Key, If-None-Match, Range, X-Request-Id, traceparent";
/// Answer headers a page may read beyond the CORS-safelisted ones.
const EXPOSE_HEADERS: &str = "RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset, \
     RateLimit-Policy, Retry-After, Location, X-Request-Id, ETag, Content-Disposition, \
     Content-Range, Accept-Ranges, WWW-Authenticate";
/// How long a browser may reuse a preflight's answer (Chromium caps it at two hours).
const MAX_AGE_SECS: &str = "600";

impl CorsOrigins {
    /// The `Access-Control-Allow-Origin` value for a request's `Origin`, if it is allowed.
    fn allow(&self, origin: Option<&HeaderValue>) -> Option<HeaderValue> {
        match self {
            Self::Off => None,
            Self::Any => Some(HeaderValue::from_static("*")),
            Self::List(list) => {
                let origin = origin?;
                let text = origin.to_str().ok()?;
                list.iter().any(|o| o == text).then(|| origin.clone())
            }
        }
    }
}

/// Answers preflights of allowed origins (204) and marks the answers they may read.
pub(crate) async fn cors<F, Fut>(st: &AppState, req: Request, next: F) -> Response
where
    F: FnOnce(Request) -> Fut,
    Fut: Future<Output = Response>,
{
    let origins = &st.inner.config.cors;
    if *origins == CorsOrigins::Off {
        return next(req).await;
    }
    let allowed = origins.allow(req.headers().get(header::ORIGIN));
    let preflight = req.method() == Method::OPTIONS
        && req
            .headers()
            .contains_key(header::ACCESS_CONTROL_REQUEST_METHOD);
    let mut resp = match (&allowed, preflight) {
        (Some(_), true) => {
            let mut resp = StatusCode::NO_CONTENT.into_response();
            let h = resp.headers_mut();
            h.insert(
                header::ACCESS_CONTROL_ALLOW_METHODS,
                HeaderValue::from_static(ALLOW_METHODS),
            );
            h.insert(
                header::ACCESS_CONTROL_ALLOW_HEADERS,
                HeaderValue::from_static(ALLOW_HEADERS),
            );
            h.insert(
                header::ACCESS_CONTROL_MAX_AGE,
                HeaderValue::from_static(MAX_AGE_SECS),
            );
            resp
        }
        (Some(_), false) => {
            let mut resp = next(req).await;
            resp.headers_mut().insert(
                header::ACCESS_CONTROL_EXPOSE_HEADERS,
                HeaderValue::from_static(EXPOSE_HEADERS),
            );
            resp
        }
        (None, _) => next(req).await,
    };
    let h = resp.headers_mut();
    if let Some(origin) = allowed {
        h.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, origin);
    }
    if matches!(origins, CorsOrigins::List(_)) {
        vary_on_origin(h);
    }
    resp
}

/// The answer depends on `Origin` (a shared cache must not hand one origin's answer to
/// another), whatever else it already varies on.
fn vary_on_origin(h: &mut HeaderMap) {
    h.append(header::VARY, HeaderValue::from_static("Origin"));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_parse_strictly() {
        let parse = |s: &str| s.parse::<CorsOrigins>();
        assert_eq!(parse(""), Ok(CorsOrigins::Off));
        assert_eq!(parse(" * "), Ok(CorsOrigins::Any));
        assert_eq!(
            parse("https://App.example, http://localhost:5173"),
            Ok(CorsOrigins::List(vec![
                "https://app.example".into(),
                "http://localhost:5173".into()
            ]))
        );
        for bad in [
            "*,https://a.example",
            "https://a.example/",
            "https://a.example/path",
            "a.example",
            "ftp://a.example",
            "https://user@a.example",
        ] {
            assert!(parse(bad).is_err(), "{bad} accepted");
        }
    }

    #[test]
    fn only_listed_origins_are_allowed() {
        let list = CorsOrigins::List(vec!["https://app.example".into()]);
        let o = |s: &'static str| HeaderValue::from_static(s);
        assert_eq!(
            list.allow(Some(&o("https://app.example"))),
            Some(o("https://app.example"))
        );
        assert_eq!(list.allow(Some(&o("https://evil.example"))), None);
        assert_eq!(list.allow(None), None);
        assert_eq!(
            CorsOrigins::Off.allow(Some(&o("https://app.example"))),
            None
        );
        assert_eq!(CorsOrigins::Any.allow(None), Some(o("*")));
    }
}
