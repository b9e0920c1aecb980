//! One Garage node of three killed: every image (original, thumbnail, preview) of every work
//! is still served, byte for byte what it was, and a new upload still lands.

use std::time::{Duration, Instant};

use anyhow::{Result, ensure};
use artstation_tests::Fleet;
use artstation_tests::http::Api;
use reqwest::StatusCode;
use serde_json::json;

use super::{Ctx, Work, eur, upload};

/// The node killed: not node 0, which the artwork replicas send their requests to, so what
/// is shown is that the data outlives a node, not that a client can fail over.
const LOST_NODE: usize = 2;

async fn get_bytes(api: &Api, path: &str, token: &str) -> Result<(StatusCode, Vec<u8>)> {
    let resp = api
        .http
        .get(format!("{}{path}", api.base))
        .bearer_auth(token)
        .send()
        .await?;
    let status = resp.status();
    Ok((status, resp.bytes().await?.to_vec()))
}

/// Thumbnail and preview of `id`, waiting (bounded) for derivatives still being made.
async fn derivatives(api: &Api, id: &str, token: &str) -> Result<[Vec<u8>; 2]> {
    // A killed replica's jobs wait out their lease (3 s in the fleet) before another takes them.
    let deadline = Instant::now() + Duration::from_secs(30);
    let mut out = [Vec::new(), Vec::new()];
    for (i, kind) in ["thumbnail", "preview"].iter().enumerate() {
        let path = format!("/v1/artworks/{id}/{kind}");
        loop {
            let (s, bytes) = get_bytes(api, &path, token).await?;
            if s == StatusCode::OK && !bytes.is_empty() {
                out[i] = bytes;
                break;
            }
            ensure!(Instant::now() < deadline, "{path}: {s}");
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    }
    Ok(out)
}

pub(super) async fn node_down(ctx: &Ctx, fleet: &mut Fleet, works: &[Work]) -> Result<()> {
    ensure!(!works.is_empty(), "no works to read back");
    let api = ctx.gw(0);
    let token = &ctx.artist.token;
    let mut before = Vec::new();
    for w in works {
        before.push(derivatives(api, &w.id, token).await?);
    }
    fleet.garage.kill_node(LOST_NODE)?;
    for (w, [thumb, preview]) in works.iter().zip(before) {
        let base = format!("/v1/artworks/{}", w.id);
        for (kind, want) in [
            ("original", &w.bytes),
            ("thumbnail", &thumb),
            ("preview", &preview),
        ] {
            let (s, got) = get_bytes(api, &format!("{base}/{kind}"), token).await?;
            ensure!(
                s == StatusCode::OK,
                "{kind} of {} with a node down: {s}",
                w.id
            );
            ensure!(
                &got == want,
                "{kind} of {}: other bytes with a node down",
                w.id
            );
        }
    }
    // Writes need two copies of three: still there.
    let meta = json!({"title": "After the node", "price": eur(100)});
    let late = upload(api, token, 99, meta).await?;
    let (s, got) = get_bytes(api, &format!("/v1/artworks/{}/original", late.id), token).await?;
    ensure!(
        s == StatusCode::OK && got == late.bytes,
        "an upload with a node down: {s}"
    );
    derivatives(api, &late.id, token).await?;
    eprintln!(
        "scale-out storage: {} works' images served with Garage node {LOST_NODE} down",
        works.len()
    );
    Ok(())
}
