//! Uploads cannot exhaust the gateway: a file sent before its metadata streams through like any
//! other (the gateway holds no whole file, whatever the part order), and the uploads it serves
//! at once are capped per user (429) and in all (503), slots coming back when uploads end.
//! A refused upload's client reads the refusal: the connection is not reset under it.

use std::time::{Duration, Instant};

use anyhow::{Result, bail, ensure};
use artstation_tests::Daemon;
use artstation_tests::http::{Api, access_token, code};
use artstation_tests::images::pattern_jpeg;
use reqwest::StatusCode;
use reqwest::multipart::{Form, Part};
use serde_json::{Value, json};
use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
use tokio::net::TcpStream;

fn meta(title: &str) -> Value {
    json!({"title": title, "price": {"amount_minor": 500, "currency": "EUR"}})
}

/// A multipart upload with the `file` part first, as `curl -F file=@x -F metadata=…` sends it.
async fn upload_file_first(
    api: &Api,
    token: &str,
    title: &str,
    file: Vec<u8>,
) -> Result<(StatusCode, Value)> {
    let form = Form::new()
        .part("file", Part::bytes(file).file_name("art.jpg"))
        .part(
            "metadata",
            Part::text(meta(title).to_string()).mime_str("application/json")?,
        );
    api.send(
        api.http
            .post(format!("{}/v1/artworks", api.base))
            .bearer_auth(token)
            .multipart(form),
    )
    .await
}

/// Peak resident memory of a process, from the kernel's high-water mark.
fn peak_rss_bytes(pid: u32) -> Result<u64> {
    Ok(artstation_tests::proc_status_kib(pid, "VmHWM")? * 1024)
}

async fn artist(api: &Api, name: &str) -> Result<String> {
    api.register(name, "artist").await?;
    access_token(&api.login(name).await?)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_file_sent_before_its_metadata_streams_through_bounded_memory() -> Result<()> {
    const UPLOADS: usize = 6;
    const PADDING: usize = 48 * 1024 * 1024;
    let services = Daemon::start_roles(&["auth", "artwork", "commerce"], &[])?;
    let gateway = Daemon::start_roles(
        &["gateway"],
        &[
            ("ARTSTATION_AUTH_UPSTREAM", services.addr("auth")?),
            ("ARTSTATION_ARTWORK_UPSTREAM", services.addr("artwork")?),
            ("ARTSTATION_COMMERCE_UPSTREAM", services.addr("commerce")?),
        ],
    )?;
    let api = Api::new(&gateway.gateway);
    let token = artist(&api, "fileafirst").await?;

    // A small file first, metadata after: accepted like any upload.
    let (s, small) = upload_file_first(&api, &token, "Small", pattern_jpeg(320, 240, 1)).await?;
    ensure!(s == StatusCode::CREATED, "{s} {small}");
    ensure!(small["title"] == "Small", "{small}");

    // Large files first, at once: a JPEG with padding after its end marker is still that
    // picture, so each is accepted, and each is far larger than what the gateway may hold.
    let before = peak_rss_bytes(gateway.pid())?;
    let uploads = (0..UPLOADS).map(|i| {
        let (api, token) = (&api, &token);
        async move {
            let mut file = pattern_jpeg(320, 240, 100 + i as u64);
            file.resize(file.len() + PADDING, 0);
            upload_file_first(api, token, &format!("Large {i}"), file).await
        }
    });
    for (s, body) in futures::future::try_join_all(uploads).await? {
        ensure!(s == StatusCode::CREATED, "{s} {body}");
    }
    let peak = peak_rss_bytes(gateway.pid())?;
    // Buffering the files would take UPLOADS × 48 MiB ≈ 288 MiB; streaming takes a few MiB
    // per upload.
    ensure!(
        peak < before + 96 * 1024 * 1024,
        "the gateway's peak RSS grew from {} MiB to {} MiB while streaming",
        before >> 20,
        peak >> 20
    );
    Ok(())
}

/// An upload whose body is still arriving: the gateway has taken a slot for it. Dropping it
/// hangs up.
struct HeldUpload {
    _stream: TcpStream,
}

async fn hold_upload(gateway: &str, token: &str) -> Result<HeldUpload> {
    let addr = gateway.trim_start_matches("http://");
    let mut stream = TcpStream::connect(addr).await?;
    let boundary = "heldheldheld";
    let head = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"metadata\"\r\n\r\n{}\r\n\
         --{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"held.jpg\"\r\n\
         Content-Type: image/jpeg\r\n\r\n",
        meta("Held")
    );
    let request = format!(
        "POST /v1/artworks HTTP/1.1\r\nHost: {addr}\r\nAuthorization: Bearer {token}\r\n\
         Content-Type: multipart/form-data; boundary={boundary}\r\n\
         Content-Length: {}\r\n\r\n{head}",
        head.len() + 10_000_000
    );
    stream.write_all(request.as_bytes()).await?;
    stream.write_all(&pattern_jpeg(320, 240, 9)[..1000]).await?;
    stream.flush().await?;
    Ok(HeldUpload { _stream: stream })
}

/// Uploads until the answer is not 201, for at most 10 s: a held upload takes its slot as soon
/// as the gateway has read its head, which this waits for.
async fn refused(api: &Api, token: &str) -> Result<(StatusCode, Value, Option<String>)> {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let form = Form::new()
            .part(
                "metadata",
                Part::text(meta("Probe").to_string()).mime_str("application/json")?,
            )
            .part(
                "file",
                Part::bytes(pattern_jpeg(256, 256, rand_seed())).file_name("p.jpg"),
            );
        let resp = api
            .http
            .post(format!("{}/v1/artworks", api.base))
            .bearer_auth(token)
            .multipart(form)
            .send()
            .await?;
        let status = resp.status();
        let retry = resp
            .headers()
            .get("retry-after")
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let body: Value = resp.json().await.unwrap_or(Value::Null);
        if status != StatusCode::CREATED {
            return Ok((status, body, retry));
        }
        if Instant::now() > deadline {
            bail!("uploads were never refused");
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

fn rand_seed() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(1000);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_uploads_are_capped_per_user_and_in_all() -> Result<()> {
    let daemon = Daemon::start_with(&[
        ("ARTSTATION_GATEWAY_MAX_UPLOADS_PER_USER", "2"),
        ("ARTSTATION_GATEWAY_MAX_UPLOADS", "3"),
    ])?;
    let api = Api::new(&daemon.gateway);
    let ann = artist(&api, "capann").await?;
    let bea = artist(&api, "capbea").await?;

    let a1 = hold_upload(&daemon.gateway, &ann).await?;
    let a2 = hold_upload(&daemon.gateway, &ann).await?;
    let (s, body, retry) = refused(&api, &ann).await?;
    ensure!(
        s == StatusCode::TOO_MANY_REQUESTS && code(&body) == "rate_limited",
        "{s} {body}"
    );
    ensure!(retry.is_some(), "429 without Retry-After");

    // Another user still has the last slot; once it is held, everyone is told to wait.
    let b1 = hold_upload(&daemon.gateway, &bea).await?;
    let (s, body, retry) = refused(&api, &bea).await?;
    ensure!(
        s == StatusCode::SERVICE_UNAVAILABLE && code(&body) == "unavailable",
        "{s} {body}"
    );
    ensure!(retry.is_some(), "503 without Retry-After");

    // Hanging up gives the slots back: uploads go through again.
    drop((a1, a2, b1));
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let (s, body) = api
            .upload(
                &ann,
                meta("After"),
                pattern_jpeg(300, 200, rand_seed()),
                "a.jpg",
            )
            .await?;
        if s == StatusCode::CREATED {
            break;
        }
        ensure!(
            Instant::now() < deadline,
            "slots never came back: {s} {body}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    Ok(())
}

/// Refused before its body is read, an upload still gets its answer: the gateway reads the
/// rest of the body out after answering instead of closing under the client, whose unsent
/// bytes would make the kernel reset the connection and drop the 429 unread (the CLI then saw
/// a broken pipe and retried at once, ignoring `Retry-After`).
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn an_upload_refused_before_its_body_is_read_gets_its_answer() -> Result<()> {
    let daemon = Daemon::start_with(&[("ARTSTATION_GATEWAY_MAX_UPLOADS_PER_USER", "1")])?;
    let api = Api::new(&daemon.gateway);
    let token = artist(&api, "lingerer").await?;
    let _held = hold_upload(&daemon.gateway, &token).await?;
    let (s, body, _) = refused(&api, &token).await?;
    ensure!(s == StatusCode::TOO_MANY_REQUESTS, "{s} {body}");

    // Far more than the socket buffers hold, so the client is still sending when answered.
    const BODY: usize = 16 << 20;
    let addr = daemon.gateway.trim_start_matches("http://").to_owned();
    let stream = TcpStream::connect(&addr).await?;
    let (mut rx, mut tx) = stream.into_split();
    let head = format!(
        "POST /v1/artworks HTTP/1.1\r\nHost: {addr}\r\nAuthorization: Bearer {token}\r\n\
         Content-Type: multipart/form-data; boundary=refusedrefused\r\n\
         Content-Length: {BODY}\r\n\r\n"
    );
    let sender = tokio::spawn(async move {
        tx.write_all(head.as_bytes()).await?;
        let chunk = vec![b'x'; 64 << 10];
        for _ in 0..BODY / chunk.len() {
            tx.write_all(&chunk).await?;
        }
        tx.flush().await?;
        anyhow::Ok(tx)
    });
    let mut heard = Vec::new();
    let mut buf = [0u8; 4096];
    let read = tokio::time::timeout(Duration::from_secs(20), async {
        while !heard.windows(4).any(|w| w == b"\r\n\r\n") {
            let n = rx.read(&mut buf).await?;
            ensure!(n > 0, "closed before an answer");
            heard.extend_from_slice(&buf[..n]);
        }
        anyhow::Ok(())
    })
    .await;
    let heard = String::from_utf8_lossy(&heard).into_owned();
    read.map_err(|_| anyhow::anyhow!("no answer within 20 s"))??;
    ensure!(heard.starts_with("HTTP/1.1 429"), "{heard}");
    ensure!(
        heard.to_ascii_lowercase().contains("retry-after:"),
        "429 without Retry-After: {heard}"
    );
    // The whole body goes out without a reset: the gateway kept reading it.
    tokio::time::timeout(Duration::from_secs(20), sender)
        .await
        .map_err(|_| anyhow::anyhow!("the body was not read out within 20 s"))???;

    // A client that waits for `100 Continue` is refused straight away, never told to send.
    let mut waiting = TcpStream::connect(&addr).await?;
    let head = format!(
        "POST /v1/artworks HTTP/1.1\r\nHost: {addr}\r\nAuthorization: Bearer {token}\r\n\
         Content-Type: multipart/form-data; boundary=refusedrefused\r\n\
         Expect: 100-continue\r\nContent-Length: {BODY}\r\n\r\n"
    );
    waiting.write_all(head.as_bytes()).await?;
    let mut first = [0u8; 12];
    tokio::time::timeout(Duration::from_secs(20), waiting.read_exact(&mut first))
        .await
        .map_err(|_| anyhow::anyhow!("no answer to an Expect: 100-continue upload"))??;
    ensure!(
        &first == b"HTTP/1.1 429",
        "{}",
        String::from_utf8_lossy(&first)
    );
    Ok(())
}
