//! Views count once per viewer and window and reach the store only when flushed; favourite
//! toggles net out.

mod common;

use anyhow::{Result, ensure};
use artstation_artwork::store::{FAVORITE_WEIGHT, bump_popularity};
use artstation_artwork::views::ViewCounter;
use common::{on_every_backend, work};

async fn score(
    s: &std::sync::Arc<dyn artstation_artwork::store::ArtworkStore>,
    id: &str,
) -> Result<f64> {
    s.popularity(id)
        .await?
        .ok_or_else(|| anyhow::anyhow!("no artwork {id}"))
}

#[tokio::test]
async fn repeated_views_count_once_and_only_after_a_flush() -> Result<()> {
    on_every_backend(|s| async move {
        let w = work("artist", "watched", 100, &[]);
        s.create(&w).await?;
        let views = ViewCounter::new();
        let before = score(&s, &w.id).await?;
        let t0 = artstation_common::now();
        let mut counted = 0;
        for _ in 0..100 {
            counted += usize::from(views.record(&w.id, Some("viewer")));
        }
        let t1 = artstation_common::now();
        ensure!(counted == 1, "one viewer counts once per window: {counted}");
        ensure!(
            score(&s, &w.id).await? == before,
            "reading never writes: nothing changes before a flush"
        );
        ensure!(views.flush(s.as_ref()).await? == 1);
        let after = score(&s, &w.id).await?;
        let (lo, hi) = (
            bump_popularity(before, 1.0, t0),
            bump_popularity(before, 1.0, t1),
        );
        ensure!(
            after >= lo - 1e-9 && after <= hi + 1e-9,
            "one view's worth: {before} → {after}, expected in [{lo}, {hi}]"
        );
        ensure!(views.flush(s.as_ref()).await? == 0, "nothing left to write");
        ensure!(score(&s, &w.id).await? == after);
        Ok(())
    })
    .await
}

#[test]
fn viewers_count_apart_and_anonymous_views_share_a_window() {
    let views = ViewCounter::new();
    assert!(views.record("a", Some("u1")));
    assert!(views.record("a", Some("u2")));
    assert!(views.record("b", Some("u1")));
    assert!(!views.record("a", Some("u1")));
    assert!(views.record("a", None));
    assert!(
        !views.record("a", None),
        "anonymous floods count once a window"
    );
}

#[tokio::test]
async fn favourite_toggles_net_out() -> Result<()> {
    on_every_backend(|s| async move {
        let w = work("artist", "loved", 100, &[]);
        s.create(&w).await?;
        let before = score(&s, &w.id).await?;
        for _ in 0..10 {
            s.set_favorite("fan", &w.id, true, artstation_common::now())
                .await?;
            s.set_favorite("fan", &w.id, false, artstation_common::now())
                .await?;
        }
        let now = score(&s, &w.id).await?;
        ensure!(
            (now - before).abs() < 1e-6,
            "ten toggles leave the score as it was: {before} → {now}"
        );
        let at = artstation_common::now();
        s.set_favorite("fan", &w.id, true, at).await?;
        let once = score(&s, &w.id).await?;
        let expected = bump_popularity(before, FAVORITE_WEIGHT, at);
        ensure!(
            (once - expected).abs() < 1e-6,
            "then one favourite's worth: {once} vs {expected}"
        );
        Ok(())
    })
    .await
}
