//! Metrics and traces of a real `artstationd`: the gateway's `/metrics` (Prometheus text,
//! answers counted by route template, never by raw path), the service roles' metrics listener
//! (gRPC calls by method and status), request ids in `X-Request-Id` and problem documents,
//! and a W3C trace id carried from the gateway into the service's log lines.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail, ensure};
use artstation_tests::http::{Api, PASSWORD, access_token};
use artstation_tests::{Daemon, png};
use reqwest::StatusCode;
use serde_json::{Value, json};

/// One sample of the text exposition format.
#[derive(Debug)]
struct Sample {
    name: String,
    labels: BTreeMap<String, String>,
    value: f64,
}

fn metric_name(s: &str) -> bool {
    let mut bytes = s.bytes();
    bytes
        .next()
        .is_some_and(|b| b.is_ascii_alphabetic() || b == b'_' || b == b':')
        && bytes.all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b':')
}

/// `{a="x",b="y\"z"}` after the name: the labels, and what follows the closing brace.
fn parse_labels(mut rest: &str) -> Result<(BTreeMap<String, String>, &str)> {
    let mut labels = BTreeMap::new();
    rest = rest.strip_prefix('{').context("labels open with {")?;
    loop {
        if let Some(after) = rest.strip_prefix('}') {
            return Ok((labels, after));
        }
        let (name, after) = rest.split_once("=\"").context("label=\"value\"")?;
        ensure!(
            metric_name(name) && !name.contains(':'),
            "label name {name:?}"
        );
        let mut value = String::new();
        let mut chars = after.char_indices();
        let end = loop {
            match chars.next() {
                Some((_, '\\')) => match chars.next() {
                    Some((_, 'n')) => value.push('\n'),
                    Some((_, c @ ('\\' | '"'))) => value.push(c),
                    other => bail!("bad escape {other:?}"),
                },
                Some((i, '"')) => break i,
                Some((_, c)) => value.push(c),
                None => bail!("unterminated label value"),
            }
        };
        labels.insert(name.to_owned(), value);
        rest = &after[end + 1..];
        rest = rest.strip_prefix(',').unwrap_or(rest);
    }
}

/// Parses the Prometheus text format (0.0.4) strictly enough to catch a malformed line:
/// comments are `# HELP`/`# TYPE` with a valid name and type, every other line a sample.
fn parse_exposition(text: &str) -> Result<Vec<Sample>> {
    let mut samples = Vec::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        if let Some(comment) = line.strip_prefix("# ") {
            let mut words = comment.splitn(3, ' ');
            match (words.next(), words.next(), words.next()) {
                (Some("HELP"), Some(name), _) if metric_name(name) => {}
                (Some("TYPE"), Some(name), Some(kind))
                    if metric_name(name)
                        && ["counter", "gauge", "histogram", "summary", "untyped"]
                            .contains(&kind) => {}
                _ => bail!("bad comment line {line:?}"),
            }
            continue;
        }
        let name_end = line.find(['{', ' ']).context("a sample has a value")?;
        let name = &line[..name_end];
        ensure!(metric_name(name), "bad metric name in {line:?}");
        let (labels, rest) = if line[name_end..].starts_with('{') {
            parse_labels(&line[name_end..]).with_context(|| format!("in {line:?}"))?
        } else {
            (BTreeMap::new(), &line[name_end..])
        };
        let value = rest
            .split_whitespace()
            .next()
            .context("a sample has a value")?;
        let value = match value {
            "+Inf" => f64::INFINITY,
            "-Inf" => f64::NEG_INFINITY,
            v => v
                .parse()
                .with_context(|| format!("bad value in {line:?}"))?,
        };
        samples.push(Sample {
            name: name.to_owned(),
            labels,
            value,
        });
    }
    Ok(samples)
}

/// The value of the sample called `name` whose labels include `labels`.
fn value(samples: &[Sample], name: &str, labels: &[(&str, &str)]) -> Option<f64> {
    samples
        .iter()
        .find(|s| {
            s.name == name
                && labels
                    .iter()
                    .all(|(k, v)| s.labels.get(*k).map(String::as_str) == Some(*v))
        })
        .map(|s| s.value)
}

fn at_least_one(samples: &[Sample], name: &str, labels: &[(&str, &str)]) -> Result<()> {
    let v = value(samples, name, labels);
    ensure!(
        v.is_some_and(|v| v >= 1.0),
        "{name}{labels:?}: expected a count, got {v:?}"
    );
    Ok(())
}

/// GETs `base/metrics` and parses it, checking the content type scrapers expect.
async fn scrape(http: &reqwest::Client, base: &str) -> Result<(String, Vec<Sample>)> {
    let resp = http.get(format!("{base}/metrics")).send().await?;
    ensure!(
        resp.status() == StatusCode::OK,
        "{base}/metrics: {}",
        resp.status()
    );
    let kind = resp
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    ensure!(
        kind.starts_with("text/plain; version=0.0.4"),
        "content type {kind:?}"
    );
    let text = resp.text().await?;
    let samples = parse_exposition(&text)?;
    Ok((text, samples))
}

/// A response's `X-Request-Id` and its problem document.
async fn problem_with_id(resp: reqwest::Response) -> Result<(StatusCode, String, Value)> {
    let status = resp.status();
    let id = resp
        .headers()
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .context("no X-Request-Id")?
        .to_owned();
    let body: Value = resp.json().await?;
    Ok((status, id, body))
}

/// Log text without its ANSI colour sequences (`ESC [ … m`), which split `name=value`.
fn without_colours(log: &str) -> String {
    let mut out = String::with_capacity(log.len());
    let mut chars = log.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            for c in chars.by_ref() {
                if c.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[tokio::test]
async fn metrics_request_ids_and_traces_cross_every_hop() -> Result<()> {
    let daemon = Daemon::start_capturing(&[
        ("ARTSTATION_METRICS_ADDR", "127.0.0.1:0"),
        ("ARTSTATION_LOG", "info"),
    ])?;
    let api = Api::new(&daemon.gateway);
    let base = &daemon.gateway;

    // A login sent with a trace: the auth service logs it under the same trace id.
    api.register("ann", "artist").await?;
    let trace_id = uuid::Uuid::now_v7().simple().to_string();
    let resp = api
        .http
        .post(format!("{base}/v1/auth/login"))
        .header("traceparent", format!("00-{trace_id}-00f067aa0ba902b7-01"))
        .json(&json!({"login": "ann", "password": PASSWORD}))
        .send()
        .await?;
    ensure!(resp.status() == StatusCode::OK, "login: {}", resp.status());
    let token = access_token(&resp.json().await?)?;
    let (s, _) = api.login_with("ann", "not the password").await?;
    ensure!(s == StatusCode::UNAUTHORIZED, "wrong password: {s}");

    let meta = json!({"title": "Dawn", "price": {"amount_minor": 1250, "currency": "USD"}});
    let image = png(96, 80, 7);
    let (s, art) = api.upload(&token, meta, image.clone(), "dawn.png").await?;
    ensure!(s == StatusCode::CREATED, "upload: {s} {art}");

    // A 404 from a service (the route matched), with a request id of the client's choosing.
    let missing = uuid::Uuid::now_v7().to_string();
    let resp = api
        .http
        .get(format!("{base}/v1/artworks/{missing}"))
        .header("x-request-id", "e2e-metrics-1")
        .send()
        .await?;
    let (s, id, body) = problem_with_id(resp).await?;
    ensure!(s == StatusCode::NOT_FOUND, "missing artwork: {s} {body}");
    ensure!(id == "e2e-metrics-1", "the sane request id is echoed: {id}");
    ensure!(body["request_id"] == json!(id), "problem: {body}");

    // A 404 of no route, with a request id that is not echoed (it has a space): the
    // gateway's own id is in both places.
    let resp = api
        .http
        .get(format!("{base}/v1/no/such/thing"))
        .header("x-request-id", "not sane")
        .send()
        .await?;
    let (s, id, body) = problem_with_id(resp).await?;
    ensure!(s == StatusCode::NOT_FOUND, "no route: {s} {body}");
    ensure!(
        id != "not sane" && !id.is_empty(),
        "a new request id: {id:?}"
    );
    ensure!(body["request_id"] == json!(id), "problem: {body}");

    let (text, gateway) = scrape(&api.http, base).await?;
    let http = "artstation_http_requests_total";
    at_least_one(
        &gateway,
        http,
        &[
            ("route", "/v1/artworks/{id}"),
            ("method", "GET"),
            ("status", "404"),
        ],
    )?;
    at_least_one(
        &gateway,
        http,
        &[
            ("route", "/v1/auth/login"),
            ("method", "POST"),
            ("status", "200"),
        ],
    )?;
    at_least_one(
        &gateway,
        http,
        &[
            ("route", "/v1/auth/login"),
            ("method", "POST"),
            ("status", "401"),
        ],
    )?;
    at_least_one(
        &gateway,
        http,
        &[
            ("route", "/v1/artworks"),
            ("method", "POST"),
            ("status", "201"),
        ],
    )?;
    at_least_one(&gateway, http, &[("route", "unmatched"), ("status", "404")])?;
    ensure!(
        !text.contains(&missing) && !text.contains("/v1/no/such/thing"),
        "a raw path became a label:\n{text}"
    );
    ensure!(
        text.contains("# TYPE artstation_http_requests_total counter")
            && text.contains("# TYPE artstation_http_request_duration_seconds histogram"),
        "types:\n{text}"
    );
    at_least_one(
        &gateway,
        "artstation_http_request_duration_seconds_bucket",
        &[
            ("route", "/v1/auth/login"),
            ("method", "POST"),
            ("le", "+Inf"),
        ],
    )?;
    // The scrape itself is in flight while it is rendered.
    at_least_one(&gateway, "artstation_http_requests_in_flight", &[])?;
    at_least_one(
        &gateway,
        "artstation_logins_total",
        &[("result", "success")],
    )?;
    at_least_one(
        &gateway,
        "artstation_logins_total",
        &[("result", "invalid")],
    )?;
    at_least_one(
        &gateway,
        "artstation_uploads_total",
        &[("result", "stored")],
    )?;
    let bytes = value(&gateway, "artstation_upload_bytes_total", &[]).unwrap_or(0.0);
    ensure!(
        bytes >= image.len() as f64,
        "upload bytes {bytes} < {}",
        image.len()
    );

    // The service roles' own listener: calls by gRPC method and status name.
    let metrics = daemon.metrics.as_deref().context("no metrics listener")?;
    let (_, services) = scrape(&api.http, metrics).await?;
    let grpc = "artstation_grpc_requests_total";
    at_least_one(
        &services,
        grpc,
        &[
            ("service", "artstation.auth.v1.AuthService"),
            ("method", "Login"),
            ("code", "OK"),
        ],
    )?;
    at_least_one(
        &services,
        grpc,
        &[
            ("service", "artstation.artwork.v1.ArtworkService"),
            ("method", "GetArtwork"),
            ("code", "NotFound"),
        ],
    )?;
    at_least_one(
        &services,
        "artstation_grpc_request_duration_seconds_count",
        &[("method", "Login")],
    )?;

    // The trace reached the auth service: its log line of the login, in the call's span,
    // names the trace id the client sent. Logs cross a pipe, so wait for them a little.
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let log = without_colours(&daemon.log());
        let service_line = log.lines().find(|l| {
            l.contains("grpc{")
                && l.contains("method=Login")
                && l.contains(&format!("trace_id={trace_id}"))
        });
        if let Some(line) = service_line {
            ensure!(line.contains("request_id="), "no request id: {line}");
            break;
        }
        if Instant::now() > deadline {
            bail!("no service log line carries trace {trace_id}:\n{log}");
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    Ok(())
}

#[test]
fn the_parser_refuses_what_prometheus_would() {
    let good =
        "# HELP a_total Things\n# TYPE a_total counter\na_total{x=\"1\",y=\"q\\\"\"} 3\nb 1.5\n";
    let samples = parse_exposition(good).unwrap_or_default();
    assert_eq!(samples.len(), 2);
    assert_eq!(value(&samples, "a_total", &[("y", "q\"")]), Some(3.0));
    for bad in [
        "a_total{x=1} 3",
        "a_total{x=\"1\" 3",
        "1a 3",
        "a_total{x=\"1\"}",
        "# TYPE a_total thing",
    ] {
        assert!(parse_exposition(bad).is_err(), "{bad}");
    }
}
