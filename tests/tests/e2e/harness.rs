//! The harness itself: a story runs every step, skips only what needs a failed step, and
//! fails naming each step that did not pass.

use anyhow::{Result, bail, ensure};
use artstation_tests::{ROLES, Story};

#[tokio::test]
async fn a_story_reports_every_failed_step_by_name() -> Result<()> {
    let mut story = Story::new("demo");
    let mut ran = Vec::new();
    story
        .step::<()>("first", async {
            ran.push("first");
            bail!("broken on purpose")
        })
        .await;
    let value = story
        .step("second", async {
            ran.push("second");
            Ok(7)
        })
        .await;
    story
        .after(&["first"], "needs first", async {
            ran.push("needs first");
            Ok(())
        })
        .await;
    story.step_sync("third", || {
        ensure!(value == Some(7), "lost the value");
        Ok(())
    });
    let Err(e) = story.finish() else {
        bail!("a story with a failed step passed");
    };
    let report = format!("{e:#}");
    ensure!(ran == ["first", "second"], "ran {ran:?}");
    ensure!(
        report.contains("1 of 4 steps failed, 1 skipped")
            && report.contains("failed  `first`: broken on purpose")
            && report.contains("skipped `needs first`: needs `first`"),
        "{report}"
    );
    Ok(())
}

#[test]
fn role_names_and_settings_are_unique() -> Result<()> {
    for (i, role) in ROLES.iter().enumerate() {
        for other in &ROLES[i + 1..] {
            ensure!(role.name != other.name, "{} twice", role.name);
            ensure!(
                role.env_prefix != other.env_prefix,
                "{} twice",
                role.env_prefix
            );
        }
    }
    ensure!(ROLES.iter().any(|r| r.name == "gateway"), "no gateway role");
    Ok(())
}
