//! Memory is given back: decoding a batch of large uploads takes hundreds of megabytes for a
//! while, and once the server is idle again its resident memory returns close to where it was
//! (issue 10, item 14: glibc's malloc used to keep it all).
//!
//! Uploads are acknowledged before their thumbnails and previews are made (the derivative
//! workers decode afterwards), so the batch is over only when every work is `ready`; the test
//! also checks that the peak rose, or an early pass would prove nothing.

use std::time::{Duration, Instant};

use anyhow::{Context, Result, ensure};
use artstation_tests::Daemon;
use artstation_tests::http::{Api, access_token};
use artstation_tests::images::pattern_jpeg;
use reqwest::StatusCode;
use serde_json::json;

fn status_mib(pid: u32, field: &str) -> Result<u64> {
    Ok(artstation_tests::proc_status_kib(pid, field)? / 1024)
}

/// Decoding one 24 MP picture holds at least 69 MiB of RGB pixels; a smaller rise means the
/// batch was not decoded while it was watched.
const MIN_RISE_MIB: u64 = 60;
/// How far above its pre-batch figure an idle server may stay (the bound).
const GIVEN_BACK_WITHIN_MIB: u64 = 100;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_idle_server_gives_decoding_memory_back() -> Result<()> {
    const UPLOADS: u64 = 8;
    let daemon = Daemon::start()?;
    let pid = daemon.pid();
    let api = Api::new(&daemon.gateway);
    api.register("bigbatch", "artist").await?;
    let token = access_token(&api.login("bigbatch").await?)?;
    // 24 MP each: about 70 MiB of pixels while one is decoded and derived. One picture, made
    // distinct files by bytes after its end marker (decoders ignore them).
    let picture = pattern_jpeg(6000, 4000, 500);
    let files: Vec<Vec<u8>> = (0..UPLOADS)
        .map(|i| {
            let mut f = picture.clone();
            f.extend_from_slice(format!("copy {i}").as_bytes());
            f
        })
        .collect();
    let before = status_mib(pid, "VmRSS")?;
    let peak_before = status_mib(pid, "VmHWM")?;
    let uploads = files.into_iter().enumerate().map(|(i, file)| {
        let (api, token) = (&api, &token);
        async move {
            let meta = json!({"title": format!("Big {i}"),
                              "price": {"amount_minor": 100, "currency": "EUR"}});
            api.upload(token, meta, file, "big.jpg").await
        }
    });
    let mut ids = Vec::new();
    for (s, body) in futures::future::try_join_all(uploads).await? {
        ensure!(s == StatusCode::CREATED, "{s} {body}");
        ids.push(
            body["id"]
                .as_str()
                .with_context(|| format!("no id in {body}"))?
                .to_owned(),
        );
    }
    for id in &ids {
        api.wait_ready(&token, id).await?;
    }
    let ready = status_mib(pid, "VmRSS")?;
    let peak = status_mib(pid, "VmHWM")?;
    ensure!(
        peak >= before + MIN_RISE_MIB && peak > peak_before,
        "resident memory never rose while {UPLOADS} 24 MP uploads were decoded (before \
         {before} MiB, peak {peak} MiB, peak before {peak_before} MiB): the test measured no \
         decoding"
    );
    let deadline = Instant::now() + Duration::from_secs(45);
    let idle = loop {
        let now = status_mib(pid, "VmRSS")?;
        if now <= before + GIVEN_BACK_WITHIN_MIB || Instant::now() > deadline {
            break now;
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    };
    eprintln!(
        "RSS before {before} MiB, peak {peak} MiB, when all were ready {ready} MiB, idle {idle} MiB"
    );
    ensure!(
        idle <= before + GIVEN_BACK_WITHIN_MIB,
        "idle RSS stayed at {idle} MiB after the batch (before: {before} MiB, peak {peak} MiB)"
    );
    Ok(())
}
