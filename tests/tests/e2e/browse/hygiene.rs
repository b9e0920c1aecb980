//! The gallery's manners towards the terminal: given back after a panic with the message
//! readable, and no colours when NO_COLOR asks.

use anyhow::{Result, ensure};
use artstation_tests::{Daemon, bin_path};

use super::{Tmux, after_gallery, gallery_env, seed};

/// A panic mid-gallery (forced through the debug-only `ARTSTATION_BROWSE_DEBUG_PANIC`): the
/// hook restores the terminal before the message is printed, so the message is on the shell's
/// screen, readable, and the shell is usable again.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn browse_in_tmux_restores_the_terminal_on_panic() -> Result<()> {
    let daemon = Daemon::start()?;
    let (buyer, _ids) = seed(&daemon).await?;
    let config = tempfile::tempdir()?;
    let mut env = gallery_env(&daemon, &buyer, config.path());
    env.push(("ARTSTATION_BROWSE_DEBUG_PANIC".into(), "1".into()));
    // A backtrace (the runner may ask for one) would scroll the message off the 24 rows.
    env.push(("RUST_BACKTRACE".into(), "0".into()));
    let bin = bin_path("artstation")?.display().to_string();
    let command = after_gallery(&format!("'{bin}' browse --image-protocol halfblocks"));
    tokio::task::spawn_blocking(move || -> Result<()> {
        let tmux = Tmux::start(&command, &env, 80, 24)?;
        let screen = tmux.wait("the exit", 20, |s| s.contains("BROWSE-EXIT="))?;
        ensure!(
            screen.contains("BROWSE-EXIT=101"),
            "a panic's exit:\n{screen}"
        );
        ensure!(
            screen.contains("panicked at") && screen.contains("the gallery panics on purpose"),
            "the panic message is on the restored screen:\n{screen}"
        );
        // Nothing of the gallery is left: it was drawn on the alternate screen.
        ensure!(!screen.contains("by painter"), "{screen}");
        tmux.restored()
    })
    .await?
}

/// Whether an SGR sequence (`ESC [ … m`) in `screen` sets a colour: 30–37, 38 (256 or RGB),
/// 40–47, 48, 90–97 or 100–107. Bold, reverse and the like do not count.
fn colour_codes(screen: &str) -> Vec<String> {
    let mut found = Vec::new();
    for part in screen.split("\x1b[").skip(1) {
        let Some(end) = part.find(|c: char| !(c.is_ascii_digit() || c == ';' || c == ':')) else {
            continue;
        };
        if !part[end..].starts_with('m') {
            continue;
        }
        let params = &part[..end];
        for p in params.split(';') {
            let code = p.split(':').next().unwrap_or_default();
            let Ok(n) = code.parse::<u16>() else { continue };
            if matches!(n, 30..=38 | 40..=48 | 90..=97 | 100..=107) {
                found.push(format!("ESC[{params}m"));
                // 38;5;n and 38;2;r;g;b: the rest are its arguments, not codes.
                break;
            }
        }
    }
    found
}

#[test]
fn colour_codes_are_told_from_other_attributes() {
    let codes = colour_codes("\x1b[1mbold\x1b[7mrev\x1b[0m\x1b[39m\x1b[1;33mx\x1b[38;5;1my\x1b[2J");
    assert_eq!(codes, ["ESC[1;33m", "ESC[38;5;1m"]);
    assert!(colour_codes("\x1b[1m\x1b[7m\x1b[22;27m plain \x1b[0m").is_empty());
}

/// The same gallery read back with its escape sequences: coloured by default, and with
/// NO_COLOR=1 no colour at all, the selected tab still marked by reverse video. Pictures are
/// off in both runs: a picture's colours are its content, not styling.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn browse_in_tmux_honours_no_color() -> Result<()> {
    let daemon = Daemon::start()?;
    let (buyer, _ids) = seed(&daemon).await?;
    let config = tempfile::tempdir()?;
    let bin = bin_path("artstation")?.display().to_string();
    let mut screens = Vec::new();
    for no_color in [false, true] {
        let mut env = gallery_env(&daemon, &buyer, config.path());
        env.retain(|(k, _)| k != "NO_COLOR");
        let prefix = if no_color {
            env.push(("NO_COLOR".into(), "1".into()));
            ""
        } else {
            // Whatever the test runner's own environment says.
            "env -u NO_COLOR "
        };
        let command = after_gallery(&format!("{prefix}'{bin}' browse --image-protocol none"));
        let screen = tokio::task::spawn_blocking(move || -> Result<String> {
            let tmux = Tmux::start(&command, &env, 80, 24)?;
            tmux.wait("the gallery", 20, |s| {
                s.contains("red sunset") && s.contains("Enter open")
            })?;
            let screen = tmux.screen_escaped()?;
            tmux.keys(&["q"])?;
            tmux.wait("a clean exit", 10, |s| s.contains("BROWSE-EXIT=0"))?;
            Ok(screen)
        })
        .await??;
        screens.push(screen);
    }
    let (coloured, plain) = (&screens[0], &screens[1]);
    ensure!(
        !colour_codes(coloured).is_empty(),
        "no colour without NO_COLOR:\n{coloured:?}"
    );
    let left = colour_codes(plain);
    ensure!(
        left.is_empty(),
        "colours with NO_COLOR=1: {left:?}\n{plain:?}"
    );
    ensure!(
        plain.contains("\x1b[7m") || plain.contains(";7m") || plain.contains("[7;"),
        "the current tab is shown in reverse video:\n{plain:?}"
    );
    Ok(())
}
