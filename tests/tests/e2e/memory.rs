//! Memory is given back: decoding a batch of large uploads takes hundreds of megabytes for a
//! while, and once the server is idle again its resident memory returns close to where it was
//! (issue 10, item 14: glibc's malloc used to keep it all).

use std::time::{Duration, Instant};

use anyhow::{Result, ensure};
use artstation_tests::Daemon;
use artstation_tests::http::{Api, access_token};
use artstation_tests::images::pattern_jpeg;
use reqwest::StatusCode;
use serde_json::json;

fn rss_mib(pid: u32) -> Result<u64> {
    Ok(artstation_tests::proc_status_kib(pid, "VmRSS")? / 1024)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_idle_server_gives_decoding_memory_back() -> Result<()> {
    const UPLOADS: u64 = 8;
    let daemon = Daemon::start()?;
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
    let before = rss_mib(daemon.pid())?;
    let uploads = files.into_iter().enumerate().map(|(i, file)| {
        let (api, token) = (&api, &token);
        async move {
            let meta = json!({"title": format!("Big {i}"),
                              "price": {"amount_minor": 100, "currency": "EUR"}});
            api.upload(token, meta, file, "big.jpg").await
        }
    });
    for (s, body) in futures::future::try_join_all(uploads).await? {
        ensure!(s == StatusCode::CREATED, "{s} {body}");
    }
    let busy = rss_mib(daemon.pid())?;
    let deadline = Instant::now() + Duration::from_secs(45);
    let idle = loop {
        let now = rss_mib(daemon.pid())?;
        if now <= before + 100 || Instant::now() > deadline {
            break now;
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    };
    eprintln!("RSS before {before} MiB, after the batch {busy} MiB, idle {idle} MiB");
    ensure!(
        idle <= before + 100,
        "idle RSS stayed at {idle} MiB after the batch (before: {before} MiB)"
    );
    Ok(())
}
