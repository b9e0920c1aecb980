//! HTTP plumbing: URLs under the server's base, transport errors, and problem documents.

use reqwest::{Response, StatusCode, Url};
use serde::de::DeserializeOwned;

use crate::error::{CliError, Problem};

/// The gateway at one base URL.
#[derive(Debug, Clone)]
pub struct Api {
    client: reqwest::Client,
    base: Url,
}

impl Api {
    pub fn new(server: &str) -> Result<Self, CliError> {
        let base = parse_server(server)?;
        // reqwest is built without a default provider to avoid aws-lc; an error here only
        // means one is already installed, which is just as good.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let client = reqwest::Client::builder()
            .user_agent(concat!("artstation-cli/", env!("CARGO_PKG_VERSION")))
            .connect_timeout(std::time::Duration::from_secs(10))
            .build()
            .map_err(|e| CliError::Transport {
                message: format!("cannot set up HTTP: {e}"),
            })?;
        Ok(Self { client, base })
    }

    pub fn client(&self) -> &reqwest::Client {
        &self.client
    }

    pub fn base(&self) -> &Url {
        &self.base
    }

    /// `base` + the given path segments, each percent-encoded, so an id can never change the path.
    pub fn url(&self, segments: &[&str]) -> Url {
        let mut url = self.base.clone();
        if let Ok(mut path) = url.path_segments_mut() {
            path.pop_if_empty().extend(segments);
        }
        url
    }

    pub async fn send(&self, request: reqwest::RequestBuilder) -> Result<Response, CliError> {
        request.send().await.map_err(|e| self.transport_error(&e))
    }

    pub fn transport_error(&self, e: &reqwest::Error) -> CliError {
        let mut message = format!("cannot reach {}: {e}", self.base);
        let mut source = std::error::Error::source(e);
        while let Some(cause) = source {
            message.push_str(&format!(": {cause}"));
            source = cause.source();
        }
        CliError::Transport { message }
    }
}

/// Accepts `http(s)://host[:port][/prefix]`; anything else is a usage error.
pub fn parse_server(server: &str) -> Result<Url, CliError> {
    let url = Url::parse(server)
        .map_err(|e| CliError::Usage(format!("--server {server:?} is not a URL: {e}")))?;
    if !matches!(url.scheme(), "http" | "https") || url.cannot_be_a_base() {
        return Err(CliError::Usage(format!(
            "--server {server:?} must be an http:// or https:// URL"
        )));
    }
    Ok(url)
}

/// Passes a success through; turns anything else into the server's problem document.
pub async fn check(response: Response) -> Result<Response, CliError> {
    if response.status().is_success() {
        return Ok(response);
    }
    let status = response.status();
    let body = response.bytes().await.unwrap_or_default();
    Err(CliError::Api(Box::new(problem_from(status, &body))))
}

/// Reads a successful JSON body.
pub async fn json<T: DeserializeOwned>(response: Response) -> Result<T, CliError> {
    let response = check(response).await?;
    let url = response.url().clone();
    let bytes = response.bytes().await.map_err(|e| CliError::Transport {
        message: format!("reading the answer of {url}: {e}"),
    })?;
    serde_json::from_slice(&bytes).map_err(|e| CliError::Transport {
        message: format!("unexpected answer from {url}: {e}"),
    })
}

/// A problem document from an error response, or a stand-in when the body is not one
/// (a proxy's HTML page, an empty 502).
pub fn problem_from(status: StatusCode, body: &[u8]) -> Problem {
    let mut problem = serde_json::from_slice::<Problem>(body).unwrap_or_else(|_| Problem {
        status: status.as_u16(),
        title: status.canonical_reason().map(str::to_owned),
        ..Problem::default()
    });
    problem.status = status.as_u16();
    if problem.code.is_empty() {
        problem.code = default_code(status).to_owned();
    }
    problem
}

fn default_code(status: StatusCode) -> &'static str {
    match status.as_u16() {
        400 | 422 => "validation_failed",
        401 => "unauthorized",
        403 => "forbidden",
        404 => "not_found",
        409 => "conflict",
        413 => "payload_too_large",
        415 => "unsupported_media_type",
        429 => "rate_limited",
        500..=599 => "unavailable",
        _ => "error",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_keep_a_base_prefix_and_encode_ids() -> anyhow::Result<()> {
        let api = Api::new("http://h:1/prefix/")?;
        assert_eq!(
            api.url(&["v1", "artworks", "a/b?c"]).as_str(),
            "http://h:1/prefix/v1/artworks/a%2Fb%3Fc"
        );
        let api = Api::new("http://h:1")?;
        assert_eq!(api.url(&["v1", "me"]).as_str(), "http://h:1/v1/me");
        Ok(())
    }

    #[test]
    fn bad_servers_are_usage_errors() {
        for bad in ["127.0.0.1:8080", "ftp://x", "not a url"] {
            assert!(
                matches!(parse_server(bad), Err(CliError::Usage(_))),
                "{bad}"
            );
        }
    }

    #[test]
    fn problems_are_read_or_made_up() {
        let body = br#"{"type":"about:blank","title":"Conflict","status":409,"detail":"same file","code":"conflict","existing_id":"art_1"}"#;
        let p = problem_from(StatusCode::CONFLICT, body);
        assert_eq!(p.code, "conflict");
        assert_eq!(p.existing_id.as_deref(), Some("art_1"));

        let p = problem_from(StatusCode::BAD_GATEWAY, b"<html>oops</html>");
        assert_eq!((p.status, p.code.as_str()), (502, "unavailable"));
        assert_eq!(p.message(), "Bad Gateway");
    }
}
