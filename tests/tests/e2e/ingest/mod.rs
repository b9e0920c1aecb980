//! The image pipeline end to end, on both profiles: SQLite with originals on local disk, and
//! PostgreSQL with blobs in a real S3 server (Garage on loopback). Every bad input is refused
//! and leaves neither a row nor a blob; good uploads get a thumbnail and a watermarked preview
//! stripped of metadata, served with safe, cacheable headers; originals go to their owner only.

mod client;
mod refusals;

use std::path::Path;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, ensure};
use artstation_artwork::storage::{S3Config, S3Store};
use artstation_tests::http::PASSWORD;
use artstation_tests::images::{contains, jpeg_of, pattern, pattern_jpeg, png_of, with_exif};
use artstation_tests::{Daemon, Profile, Story, on_profile};
use client::{Api, Blobs, cut_off_upload, header, id_of};
use reqwest::StatusCode;
use serde_json::json;

struct Users {
    ann: String,
    cat: String,
    bob: String,
}

async fn ingest_story(daemon: &Daemon, blobs: &Blobs, staging: &Path) -> Result<()> {
    let api = Api::new(daemon);
    let users = Users {
        ann: api.account("ann", "artist").await?,
        cat: api.account("cat", "artist").await?,
        bob: api.account("bob", "buyer").await?,
    };
    let u = &users;
    // The ids of the uploads that were accepted, in order: what the blob store and the
    // listing must hold at the end.
    let mut created: Vec<String> = Vec::new();
    let mut story = Story::new("ingest");
    let photo = story
        .step(
            "a phone photo is oriented and stripped",
            phone_photo(&api, u, &mut created),
        )
        .await;
    let photo = photo.as_ref();
    let photo_step = "a phone photo is oriented and stripped";
    story
        .step(
            "the preview is watermarked",
            watermark(&api, u, &mut created),
        )
        .await;
    story
        .after(
            &[photo_step],
            "the original goes to its owner only",
            async { original_to_owner_only(&api, u, photo.context("no photo")?).await },
        )
        .await;
    story
        .after(
            &[photo_step],
            "the same bytes again are a conflict",
            async { same_bytes_again(&api, u, photo.context("no photo")?).await },
        )
        .await;
    story
        .after(
            &[photo_step],
            "near duplicates are flagged for admins",
            async {
                let (id, _) = photo.context("no photo")?;
                near_duplicates(daemon, &api, u, id, &mut created).await
            },
        )
        .await;
    story
        .step("a polyglot is re-encoded", polyglot(&api, u, &mut created))
        .await;
    let before = story
        .step(
            "the blobs are those of the uploads",
            refusals::blobs_match_uploads(blobs, &created),
        )
        .await;
    story
        .step("bad input is refused", refusals::bad_input(&api, u))
        .await;
    story.step_sync("a cut-off upload is dropped", || {
        // Past the S3 store's in-memory spool (originals up to its multipart threshold wait in
        // memory), so on either store the half-received upload is on disk when the client
        // hangs up, and its cleanup is what is tested.
        let mut prefix = pattern_jpeg(2000, 1500, 9);
        let spill = usize::try_from(S3Config::DEFAULT_MULTIPART_THRESHOLD)?;
        prefix.resize(spill + (1 << 20), 0);
        cut_off_upload(&daemon.gateway, &u.ann, &prefix, staging)
    });
    story
        .after(
            &["the blobs are those of the uploads"],
            "nothing refused was stored",
            async {
                let before = before.as_ref().context("no blob listing")?;
                refusals::nothing_stored(&api, blobs, staging, before, &created).await
            },
        )
        .await;
    story.finish()
}

/// A phone photo: EXIF says "rotate 90° to display" and carries a location; its
/// derivatives are oriented, stripped and cacheable. Returns its id and bytes.
async fn phone_photo(api: &Api, u: &Users, created: &mut Vec<String>) -> Result<(String, Vec<u8>)> {
    let ann = u.ann.clone();
    let photo = with_exif(&pattern_jpeg(1200, 800, 1), 6);
    let (s, art) = api
        .upload(&ann, "Photo", photo.clone(), "photo.jpg")
        .await?;
    ensure!(s == StatusCode::CREATED, "{s} {art}");
    let id = id_of(&art)?;
    created.push(id.clone());
    ensure!(
        art["thumbnail_url"] == format!("/v1/artworks/{id}/thumbnail"),
        "{art}"
    );
    ensure!(
        art["preview_url"] == format!("/v1/artworks/{id}/preview"),
        "{art}"
    );
    ensure!(art["near_duplicate_of"].is_null(), "{art}");

    for (variant, long_side) in [("thumbnail", 400u32), ("preview", 1200)] {
        let (s, h, bytes) = api
            .get_bytes(&format!("/v1/artworks/{id}/{variant}"), None, &[])
            .await?;
        ensure!(s == StatusCode::OK, "{variant}: {s}");
        ensure!(header(&h, "content-type") == "image/jpeg");
        ensure!(header(&h, "x-content-type-options") == "nosniff");
        ensure!(
            header(&h, "content-disposition")
                == format!("inline; filename=\"artwork-{id}-{variant}.jpg\""),
            "{h:?}"
        );
        // Shared caches may keep a public image only briefly, so that hiding or unpublishing
        // the work takes effect; never `immutable`.
        ensure!(
            header(&h, "cache-control") == "public, max-age=300",
            "{h:?}"
        );
        let etag = header(&h, "etag").to_owned();
        ensure!(
            etag.starts_with('"') && etag.len() == 66,
            "strong etag: {etag}"
        );
        let img = image::load_from_memory(&bytes)?;
        // Orientation applied: the 1200×800 original displays as 800×1200.
        ensure!(
            img.height() == long_side && img.width().abs_diff(long_side * 2 / 3) <= 1,
            "{variant} is {}×{}",
            img.width(),
            img.height()
        );
        for secret in [&b"GPSLatitude"[..], b"Exif"] {
            ensure!(!contains(&bytes, secret), "{variant} kept metadata");
        }
        let (s, h2, body) = api
            .get_bytes(
                &format!("/v1/artworks/{id}/{variant}"),
                None,
                &[("if-none-match", &etag)],
            )
            .await?;
        ensure!(
            s == StatusCode::NOT_MODIFIED && body.is_empty() && header(&h2, "etag") == etag,
            "{variant} revalidation: {s}"
        );
    }
    Ok((id, photo))
}

/// The preview carries a visible watermark, the thumbnail does not: on a black picture,
/// the watermark is the only light there is.
async fn watermark(api: &Api, u: &Users, created: &mut Vec<String>) -> Result<()> {
    let ann = u.ann.clone();
    let black = png_of(&image::RgbImage::new(1000, 1000));
    let (s, dark) = api.upload(&ann, "Night", black, "night.png").await?;
    ensure!(s == StatusCode::CREATED, "{s} {dark}");
    let dark_id = id_of(&dark)?;
    created.push(dark_id.clone());
    let lit = |bytes: &[u8]| -> Result<f64> {
        let img = image::load_from_memory(bytes)?.to_luma8();
        let n = img.pixels().filter(|p| p.0[0] > 60).count();
        Ok(n as f64 / f64::from(img.width() * img.height()))
    };
    let (_, _, preview) = api
        .get_bytes(&format!("/v1/artworks/{dark_id}/preview"), None, &[])
        .await?;
    let (_, _, thumb) = api
        .get_bytes(&format!("/v1/artworks/{dark_id}/thumbnail"), None, &[])
        .await?;
    let (p, t) = (lit(&preview)?, lit(&thumb)?);
    ensure!((0.01..0.5).contains(&p), "preview watermark covers {p:.4}");
    ensure!(t < 0.001, "thumbnail is watermarked ({t:.4})");
    Ok(())
}

/// The original: its owner only, byte for byte, as an attachment, with ranges.
async fn original_to_owner_only(
    api: &Api,
    u: &Users,
    (id, photo): &(String, Vec<u8>),
) -> Result<()> {
    let (ann, bob, cat) = (u.ann.clone(), u.bob.clone(), u.cat.clone());
    let (id, photo) = (id.clone(), photo.clone());
    let orig = format!("/v1/artworks/{id}/original");
    let (s, _, _) = api.get_bytes(&orig, None, &[]).await?;
    ensure!(s == StatusCode::UNAUTHORIZED, "anonymous original: {s}");
    for other in [&bob, &cat] {
        let (s, _, _) = api.get_bytes(&orig, Some(other), &[]).await?;
        ensure!(s == StatusCode::FORBIDDEN, "someone else's original: {s}");
    }
    let (s, h, bytes) = api.get_bytes(&orig, Some(&ann), &[]).await?;
    ensure!(
        s == StatusCode::OK && bytes == photo,
        "owner's original: {s}"
    );
    ensure!(header(&h, "content-type") == "image/jpeg");
    ensure!(header(&h, "x-content-type-options") == "nosniff");
    ensure!(
        header(&h, "content-disposition") == format!("attachment; filename=\"artwork-{id}.jpg\"")
    );
    ensure!(header(&h, "accept-ranges") == "bytes");
    let n = photo.len();
    let (s, h, part) = api
        .get_bytes(&orig, Some(&ann), &[("range", "bytes=100-199")])
        .await?;
    ensure!(
        s == StatusCode::PARTIAL_CONTENT && part == photo[100..200],
        "range: {s}"
    );
    ensure!(header(&h, "content-range") == format!("bytes 100-199/{n}"));
    let (s, _, tail) = api
        .get_bytes(&orig, Some(&ann), &[("range", "bytes=-10")])
        .await?;
    ensure!(s == StatusCode::PARTIAL_CONTENT && tail == photo[n - 10..]);
    let (s, h, _) = api
        .get_bytes(&orig, Some(&ann), &[("range", &format!("bytes={n}-"))])
        .await?;
    ensure!(s == StatusCode::RANGE_NOT_SATISFIABLE, "{s}");
    ensure!(header(&h, "content-range") == format!("bytes */{n}"));
    Ok(())
}

/// The same bytes again: 409 with the existing id, so bulk uploads can resume.
async fn same_bytes_again(api: &Api, u: &Users, (id, photo): &(String, Vec<u8>)) -> Result<()> {
    let ann = u.ann.clone();
    let id = id.clone();
    let (s, b) = api
        .upload(&ann, "Again", photo.clone(), "again.jpg")
        .await?;
    ensure!(
        s == StatusCode::CONFLICT && b["existing_id"] == id.as_str(),
        "{s} {b}"
    );
    Ok(())
}

/// Another artist uploads the same picture (as displayed) at another size and format, with
/// no EXIF: accepted, but flagged.
async fn near_duplicates(
    daemon: &Daemon,
    api: &Api,
    u: &Users,
    id: &str,
    created: &mut Vec<String>,
) -> Result<()> {
    let (ann, bob, cat) = (u.ann.clone(), u.bob.clone(), u.cat.clone());
    let id = id.to_owned();
    let displayed = image::imageops::rotate90(&pattern(1200, 800, 1));
    let smaller =
        image::imageops::resize(&displayed, 600, 900, image::imageops::FilterType::Triangle);
    let (s, copy) = api
        .upload(&cat, "Mine now", png_of(&smaller), "mine.png")
        .await?;
    ensure!(s == StatusCode::CREATED, "{s} {copy}");
    let copy_id = id_of(&copy)?;
    created.push(copy_id.clone());
    ensure!(
        copy["near_duplicate_of"] == id.as_str(),
        "not flagged: {copy}"
    );
    let (_, public) = api
        .json(api.http.get(format!("{}/v1/artworks/{copy_id}", api.base)))
        .await?;
    ensure!(
        public["near_duplicate_of"].is_null(),
        "flag shown to the public: {public}"
    );
    let (s, b) = api
        .json(
            api.http
                .get(format!("{}/v1/admin/artworks/flagged", api.base))
                .bearer_auth(&bob),
        )
        .await?;
    ensure!(s == StatusCode::FORBIDDEN, "flag list for a buyer: {s} {b}");
    // Admins see it in their list, with what it resembles.
    daemon.create_admin("mod")?;
    let (s, b) = api
        .json(
            api.http
                .post(format!("{}/v1/auth/login", api.base))
                .json(&json!({"login": "mod", "password": PASSWORD})),
        )
        .await?;
    ensure!(s == StatusCode::OK, "admin login: {s} {b}");
    let admin = b["access_token"]
        .as_str()
        .context("admin token")?
        .to_owned();
    let (s, flagged) = api
        .json(
            api.http
                .get(format!("{}/v1/admin/artworks/flagged", api.base))
                .bearer_auth(&admin),
        )
        .await?;
    ensure!(s == StatusCode::OK, "flag list for an admin: {s} {flagged}");
    ensure!(
        flagged["items"].as_array().is_some_and(|items| items
            .iter()
            .any(|i| i["id"] == copy_id.as_str() && i["near_duplicate_of"] == id.as_str())),
        "flagged upload missing from the admin list: {flagged}"
    );
    // Her own variation of her own picture is not a duplicate.
    let (s, own) = api
        .upload(
            &ann,
            "Variation",
            jpeg_of(&pattern(600, 400, 1), 60),
            "v.jpg",
        )
        .await?;
    ensure!(
        s == StatusCode::CREATED && own["near_duplicate_of"].is_null(),
        "{s} {own}"
    );
    created.push(id_of(&own)?);
    Ok(())
}

/// A polyglot: a real JPEG with an HTML page and a ZIP appended. The original is kept as
/// uploaded (it decodes, and it is what the buyer pays for) but only ever served as an
/// attachment; the derivatives are pixels re-encoded, so nothing else survives in them.
async fn polyglot(api: &Api, u: &Users, created: &mut Vec<String>) -> Result<()> {
    let ann = u.ann.clone();
    let mut polyglot = pattern_jpeg(640, 480, 5);
    polyglot
        .extend_from_slice(b"<html><script>alert(document.cookie)</script></html>PK\x03\x04zip");
    let (s, poly) = api
        .upload(&ann, "Polyglot", polyglot.clone(), "p.jpg")
        .await?;
    ensure!(s == StatusCode::CREATED, "{s} {poly}");
    let poly_id = id_of(&poly)?;
    created.push(poly_id.clone());
    for variant in ["thumbnail", "preview"] {
        let (_, h, bytes) = api
            .get_bytes(&format!("/v1/artworks/{poly_id}/{variant}"), None, &[])
            .await?;
        ensure!(header(&h, "content-type") == "image/jpeg");
        ensure!(!contains(&bytes, b"<script") && !contains(&bytes, b"PK\x03\x04"));
    }
    let (s, h, _) = api
        .get_bytes(&format!("/v1/artworks/{poly_id}/original"), Some(&ann), &[])
        .await?;
    ensure!(s == StatusCode::OK && header(&h, "content-disposition").starts_with("attachment"));
    ensure!(header(&h, "content-security-policy").contains("sandbox"));
    Ok(())
}

#[tokio::test]
async fn ingest_on_sqlite_and_local_disk() -> Result<()> {
    let mut daemon = Daemon::start()?;
    let root = daemon.data_dir.path().join("originals");
    let blobs = Blobs::Disk(root.clone());
    ingest_story(&daemon, &blobs, &root.join(".staging")).await?;
    ensure!(daemon.terminate()?.success());
    Ok(())
}

#[tokio::test]
async fn ingest_on_postgres_and_s3() -> Result<()> {
    on_profile(Profile::POSTGRES_AND_S3, &[], |stack| async move {
        // Declared first, dropped last: the daemon stops before its S3 server does.
        let garage = stack.garage.context("the profile has no S3 server")?;
        let mut daemon = stack.daemon;
        let s3 = S3Store::open(S3Config {
            bucket: garage.bucket.clone(),
            endpoint: Some(garage.endpoint.clone()),
            region: artstation_tests::garage::REGION.into(),
            access_key_id: garage.access_key_id.clone(),
            secret_access_key: garage.secret_access_key.clone(),
            session_token: None,
            multipart_threshold: S3Config::DEFAULT_MULTIPART_THRESHOLD,
            part_size: S3Config::DEFAULT_PART_SIZE,
            staging_dir: garage.dir().join("inspect-staging"),
        })
        .await?;
        let staging = daemon.data_dir.path().join("staging");
        ingest_story(&daemon, &Blobs::S3(s3), &staging).await?;
        ensure!(
            !daemon.data_dir.path().join("originals").exists(),
            "the S3 profile must not write originals to local disk"
        );
        ensure!(daemon.terminate()?.success());
        Ok(())
    })
    .await
}

/// The serving process sweeps orphans on its own: a blob no row references (a crash between
/// writing it and inserting its row) disappears once older than the grace period.
#[tokio::test]
async fn the_periodic_sweep_removes_orphans() -> Result<()> {
    let daemon = Daemon::start_with(&[
        ("ARTSTATION_SWEEP_INTERVAL_SECS", "1"),
        ("ARTSTATION_ORPHAN_GRACE_SECS", "0"),
    ])?;
    let root = daemon.data_dir.path().join("originals");
    let orphan = root.join(format!("originals/{}", uuid::Uuid::now_v7()));
    std::fs::create_dir_all(root.join("originals"))?;
    std::fs::write(&orphan, b"left behind by a crash")?;
    let stray = root.join("originals/not-an-artwork");
    std::fs::write(&stray, b"not ours to judge")?;
    let deadline = Instant::now() + Duration::from_secs(15);
    while orphan.exists() {
        ensure!(
            Instant::now() < deadline,
            "the sweep did not remove {orphan:?}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    ensure!(
        stray.exists(),
        "the sweep removed a blob whose name it does not give"
    );
    Ok(())
}
