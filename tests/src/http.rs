//! A small REST client for end-to-end tests: every non-2xx answer must be problem+json.

use anyhow::{Context, Result, ensure};
use reqwest::StatusCode;
use reqwest::multipart::{Form, Part};
use serde_json::{Value, json};

/// A password every test account uses: long, and not made of common passwords.
pub const PASSWORD: &str = "correct horse battery staple";

pub struct Api {
    pub base: String,
    pub http: reqwest::Client,
}

/// The problem `code` of an error body.
pub fn code(body: &Value) -> &str {
    body["code"].as_str().unwrap_or_default()
}

/// A problem document without its `request_id` (each answer's own), for comparing two
/// answers that must read the same; an error if it had none.
pub fn sans_request_id(mut body: Value) -> Result<Value> {
    let id = body
        .as_object_mut()
        .and_then(|o| o.remove("request_id"))
        .with_context(|| format!("no request_id in {body}"))?;
    anyhow::ensure!(id.is_string(), "request_id is not a string: {id}");
    Ok(body)
}

pub fn access_token(tokens: &Value) -> Result<String> {
    tokens["access_token"]
        .as_str()
        .map(str::to_owned)
        .context("no access_token")
}

impl Api {
    pub fn new(base: &str) -> Self {
        // Err only means another test installed it first.
        let _ = rustls::crypto::ring::default_provider().install_default();
        Self {
            base: base.to_owned(),
            http: reqwest::Client::new(),
        }
    }

    /// A client whose connections come from `ip` (any 127.0.0.0/8 address works on loopback),
    /// so the server sees a client of its own — per-address limits count it apart.
    pub fn from_address(base: &str, ip: std::net::IpAddr) -> Result<Self> {
        let mut api = Self::new(base);
        api.http = reqwest::Client::builder().local_address(ip).build()?;
        Ok(api)
    }

    pub async fn send(&self, req: reqwest::RequestBuilder) -> Result<(StatusCode, Value)> {
        let resp = req.send().await?;
        let status = resp.status();
        let is_problem = resp
            .headers()
            .get("content-type")
            .is_some_and(|v| v.as_bytes().starts_with(b"application/problem+json"));
        let text = resp.text().await?;
        if !status.is_success() {
            ensure!(is_problem, "{status} without problem+json: {text}");
        }
        let body = if text.is_empty() {
            Value::Null
        } else {
            serde_json::from_str(&text)?
        };
        Ok((status, body))
    }

    pub async fn post(
        &self,
        path: &str,
        body: Value,
        token: Option<&str>,
    ) -> Result<(StatusCode, Value)> {
        let mut req = self.http.post(format!("{}{path}", self.base)).json(&body);
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        self.send(req).await
    }

    /// Any method on `path`, with an optional JSON body and bearer token.
    pub async fn call(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Option<Value>,
        token: Option<&str>,
    ) -> Result<(StatusCode, Value)> {
        let mut req = self.http.request(method, format!("{}{path}", self.base));
        if let Some(b) = body {
            req = req.json(&b);
        }
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        self.send(req).await
    }

    pub async fn get(&self, path: &str, token: Option<&str>) -> Result<(StatusCode, Value)> {
        let mut req = self.http.get(format!("{}{path}", self.base));
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        self.send(req).await
    }

    pub async fn register(&self, name: &str, role: &str) -> Result<Value> {
        let (s, body) = self
            .post(
                "/v1/auth/register",
                json!({"email": format!("{name}@example.com"), "username": name, "password": PASSWORD, "role": role}),
                None,
            )
            .await?;
        ensure!(s == StatusCode::CREATED, "register {name}: {s} {body}");
        Ok(body)
    }

    /// Logs in and returns the token pair.
    pub async fn login_with(&self, login: &str, password: &str) -> Result<(StatusCode, Value)> {
        self.post(
            "/v1/auth/login",
            json!({"login": login, "password": password}),
            None,
        )
        .await
    }

    pub async fn login(&self, login: &str) -> Result<Value> {
        let (s, body) = self.login_with(login, PASSWORD).await?;
        ensure!(s == StatusCode::OK, "login {login}: {s} {body}");
        Ok(body)
    }

    /// The owner's view of artwork `id` once its derivatives are made (the upload is
    /// answered before they are): polls until `derivatives` is no longer `pending`, and fails
    /// when they failed or take over two minutes (a debug build decodes slowly).
    pub async fn wait_ready(&self, token: &str, id: &str) -> Result<Value> {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(120);
        loop {
            let (s, art) = self.get(&format!("/v1/artworks/{id}"), Some(token)).await?;
            ensure!(s == StatusCode::OK, "GET artwork {id}: {s} {art}");
            match art["derivatives"].as_str() {
                Some("ready") => return Ok(art),
                Some("pending") => {}
                other => anyhow::bail!("artwork {id}: derivatives {other:?}: {art}"),
            }
            ensure!(
                std::time::Instant::now() < deadline,
                "artwork {id}: derivatives still pending after two minutes"
            );
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
    }

    /// [`Api::wait_ready`] for tests that drive the CLI (no async client at hand): `show` is
    /// the owner's view of a work (e.g. `artstation show ID --json`), polled for each id.
    pub fn wait_ready_blocking(ids: &[String], show: impl Fn(&str) -> Result<Value>) -> Result<()> {
        for id in ids {
            let deadline = std::time::Instant::now() + std::time::Duration::from_secs(120);
            loop {
                let art = show(id)?;
                match art["derivatives"].as_str() {
                    Some("ready") => break,
                    Some("pending") => {}
                    other => anyhow::bail!("artwork {id}: derivatives {other:?}: {art}"),
                }
                ensure!(
                    std::time::Instant::now() < deadline,
                    "artwork {id}: derivatives still pending after two minutes"
                );
                std::thread::sleep(std::time::Duration::from_millis(100));
            }
        }
        Ok(())
    }

    /// [`Api::upload`], then, when it was accepted, waits for its derivatives: the answer is
    /// the 201 with the owner's view of the ready work. Refusals come back as they are.
    pub async fn upload_ready(
        &self,
        token: &str,
        meta: Value,
        file: Vec<u8>,
        name: &str,
    ) -> Result<(StatusCode, Value)> {
        let (s, body) = self.upload(token, meta, file, name).await?;
        if s != StatusCode::CREATED {
            return Ok((s, body));
        }
        let id = body["id"]
            .as_str()
            .context("no id in the upload's answer")?;
        let ready = self.wait_ready(token, id).await?;
        Ok((s, ready))
    }

    pub async fn upload(
        &self,
        token: &str,
        meta: Value,
        file: Vec<u8>,
        name: &str,
    ) -> Result<(StatusCode, Value)> {
        let form = Form::new()
            .part(
                "metadata",
                Part::text(meta.to_string()).mime_str("application/json")?,
            )
            .part("file", Part::bytes(file).file_name(name.to_owned()));
        self.send(
            self.http
                .post(format!("{}/v1/artworks", self.base))
                .bearer_auth(token)
                .multipart(form),
        )
        .await
    }
}
