//! What the ingest story sees the daemon through: a plain HTTP client and the blob store
//! looked at from outside the daemon.

use std::collections::BTreeSet;
use std::io::Write as _;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, ensure};
use artstation_artwork::storage::{BlobStore, S3Store};
use artstation_tests::http::PASSWORD;
use artstation_tests::{Daemon, files_under};
use reqwest::StatusCode;
use reqwest::header::HeaderMap;
use reqwest::multipart::{Form, Part};
use serde_json::{Value, json};

/// Where the daemon under test keeps its blobs, looked at from outside the daemon.
pub(super) enum Blobs {
    Disk(std::path::PathBuf),
    S3(S3Store),
}

impl Blobs {
    pub(super) async fn keys(&self) -> Result<BTreeSet<String>> {
        Ok(match self {
            Blobs::Disk(root) => files_under(root)
                .into_iter()
                .filter_map(|p| {
                    p.strip_prefix(root)
                        .ok()
                        .and_then(|r| r.to_str())
                        .map(str::to_owned)
                })
                .collect(),
            Blobs::S3(s3) => {
                let mut keys = BTreeSet::new();
                for b in s3.list("").await? {
                    keys.insert(b.key.as_str().to_owned());
                }
                keys
            }
        })
    }
}

pub(super) fn expected_keys(ids: &[String]) -> BTreeSet<String> {
    ids.iter()
        .flat_map(|id| {
            [
                format!("originals/{id}"),
                format!("derivatives/{id}/thumbnail"),
                format!("derivatives/{id}/preview"),
            ]
        })
        .collect()
}

pub(super) struct Api {
    pub(super) base: String,
    pub(super) http: reqwest::Client,
}

impl Api {
    pub(super) fn new(daemon: &Daemon) -> Self {
        let _ = rustls::crypto::ring::default_provider().install_default();
        Self {
            base: daemon.gateway.clone(),
            http: reqwest::Client::new(),
        }
    }

    pub(super) async fn json(&self, req: reqwest::RequestBuilder) -> Result<(StatusCode, Value)> {
        let resp = req.send().await?;
        let status = resp.status();
        let text = resp.text().await?;
        let body = if text.is_empty() {
            Value::Null
        } else {
            serde_json::from_str(&text).with_context(|| format!("{status}: {text}"))?
        };
        Ok((status, body))
    }

    pub(super) async fn account(&self, name: &str, role: &str) -> Result<String> {
        let (s, b) = self
            .json(self.http.post(format!("{}/v1/auth/register", self.base)).json(
                &json!({"email": format!("{name}@example.com"), "username": name, "password": PASSWORD, "role": role}),
            ))
            .await?;
        ensure!(s == StatusCode::CREATED, "register {name}: {s} {b}");
        let (s, b) = self
            .json(
                self.http
                    .post(format!("{}/v1/auth/login", self.base))
                    .json(&json!({"login": name, "password": PASSWORD})),
            )
            .await?;
        ensure!(s == StatusCode::OK, "login {name}: {s} {b}");
        b["access_token"]
            .as_str()
            .map(str::to_owned)
            .context("no access token")
    }

    pub(super) async fn upload(
        &self,
        token: &str,
        title: &str,
        file: Vec<u8>,
        name: &str,
    ) -> Result<(StatusCode, Value)> {
        let form = Form::new()
            .part(
                "metadata",
                Part::text(
                    json!({"title": title, "price": {"amount_minor": 900, "currency": "EUR"}})
                        .to_string(),
                ),
            )
            .part("file", Part::bytes(file).file_name(name.to_owned()));
        let (s, created) = self
            .json(
                self.http
                    .post(format!("{}/v1/artworks", self.base))
                    .bearer_auth(token)
                    .multipart(form),
            )
            .await?;
        if s != StatusCode::CREATED {
            return Ok((s, created));
        }
        // The answer comes before the derivatives; what the suites check of them is the
        // owner's view once they are made.
        ensure!(created["derivatives"] == "pending", "{created}");
        let id = created["id"].as_str().context("no id")?;
        let rest = artstation_tests::http::Api::new(&self.base);
        Ok((s, rest.wait_ready(token, id).await?))
    }

    pub(super) async fn get_bytes(
        &self,
        path: &str,
        token: Option<&str>,
        headers: &[(&str, &str)],
    ) -> Result<(StatusCode, HeaderMap, Vec<u8>)> {
        let mut req = self.http.get(format!("{}{path}", self.base));
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        let resp = req.send().await?;
        let status = resp.status();
        let headers = resp.headers().clone();
        Ok((status, headers, resp.bytes().await?.to_vec()))
    }
}

pub(super) fn header<'a>(h: &'a HeaderMap, name: &str) -> &'a str {
    h.get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
}

pub(super) fn id_of(v: &Value) -> Result<String> {
    v["id"].as_str().map(str::to_owned).context("no id")
}

/// Sends the head of an upload and then hangs up, as a client that crashed or lost its
/// connection mid-upload would.
pub(super) fn cut_off_upload(
    gateway: &str,
    token: &str,
    file_prefix: &[u8],
    staging: &std::path::Path,
) -> Result<()> {
    let addr = gateway.trim_start_matches("http://");
    let mut stream = std::net::TcpStream::connect(addr)?;
    let boundary = "cutcutcut";
    let mut body = Vec::new();
    write!(
        body,
        "--{boundary}\r\nContent-Disposition: form-data; name=\"metadata\"\r\n\r\n{}\r\n\
         --{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.jpg\"\r\n\
         Content-Type: image/jpeg\r\n\r\n",
        json!({"title": "Cut off", "price": {"amount_minor": 1, "currency": "EUR"}})
    )?;
    body.extend_from_slice(file_prefix);
    write!(
        stream,
        "POST /v1/artworks HTTP/1.1\r\nHost: {addr}\r\nAuthorization: Bearer {token}\r\n\
         Content-Type: multipart/form-data; boundary={boundary}\r\n\
         Content-Length: {}\r\n\r\n",
        body.len() + 50_000_000
    )?;
    stream.write_all(&body)?;
    stream.flush()?;
    // Hang up only once the upload has reached the artwork service and is being staged, so
    // the test proves a half-received upload is cleaned up.
    let deadline = Instant::now() + Duration::from_secs(10);
    while files_under(staging).is_empty() {
        ensure!(
            Instant::now() < deadline,
            "the upload never reached the artwork service"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
    stream.shutdown(std::net::Shutdown::Both)?;
    Ok(())
}
