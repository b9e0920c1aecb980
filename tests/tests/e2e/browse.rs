//! `artstation browse` end to end: the real gallery inside a real tmux, against a real
//! `artstationd` with uploaded pictures. Keys go in with `send-keys`, the screen comes back
//! with `capture-pane`, and what the gallery claims (a favourite) is checked through the API.

use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail, ensure};
use artstation_tests::http::{Api, access_token};
use artstation_tests::images::pattern_png;
use artstation_tests::{Daemon, bin_path};
use serde_json::json;

mod hygiene;
mod start;

/// A tmux server of the test's own (its own socket), killed on drop.
struct Tmux {
    socket: String,
}

impl Tmux {
    fn start(command: &str, env: &[(String, String)], width: u16, height: u16) -> Result<Self> {
        let version = Command::new("tmux").arg("-V").output();
        ensure!(
            version.is_ok_and(|o| o.status.success()),
            "tmux is required for this test; scripts/test installs it"
        );
        let tmux = Self {
            socket: format!("artstation-browse-{}", uuid::Uuid::now_v7().simple()),
        };
        let (w, h) = (width.to_string(), height.to_string());
        let mut args = vec!["new-session", "-d", "-s", "t", "-x", &w, "-y", &h];
        let pairs: Vec<String> = env.iter().map(|(k, v)| format!("{k}={v}")).collect();
        for pair in &pairs {
            args.extend(["-e", pair]);
        }
        args.push(command);
        let out = tmux.run(&args)?;
        ensure!(out.status.success(), "tmux new-session: {out:?}");
        Ok(tmux)
    }

    fn run(&self, args: &[&str]) -> Result<Output> {
        Ok(Command::new("tmux")
            .args(["-L", &self.socket, "-f", "/dev/null"])
            .args(args)
            .stdin(Stdio::null())
            .output()?)
    }

    fn keys(&self, keys: &[&str]) -> Result<()> {
        for key in keys {
            let out = self.run(&["send-keys", "-t", "t", key])?;
            ensure!(out.status.success(), "send-keys {key}: {out:?}");
            // One key at a time, as a person types, so each is its own event.
            std::thread::sleep(Duration::from_millis(60));
        }
        Ok(())
    }

    fn text(&self, text: &str) -> Result<()> {
        let out = self.run(&["send-keys", "-t", "t", "-l", text])?;
        ensure!(out.status.success(), "send-keys -l: {out:?}");
        Ok(())
    }

    fn screen(&self) -> Result<String> {
        let out = self.run(&["capture-pane", "-p", "-t", "t"])?;
        ensure!(out.status.success(), "capture-pane: {out:?}");
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    }

    /// The screen with its attributes as escape sequences (`capture-pane -e`).
    fn screen_escaped(&self) -> Result<String> {
        let out = self.run(&["capture-pane", "-p", "-e", "-t", "t"])?;
        ensure!(out.status.success(), "capture-pane -e: {out:?}");
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    }

    /// After the gallery: the main screen again, the cursor shown, no mouse reporting, and
    /// the line discipline back to canonical mode with echo (the shell line prints it).
    fn restored(&self) -> Result<()> {
        let screen = self.wait("the terminal modes", 10, |s| s.contains("TTY: "))?;
        ensure!(
            screen.contains("TTY: icanon echo"),
            "raw mode left on:\n{screen}"
        );
        let out = self.run(&[
            "display-message",
            "-p",
            "-t",
            "t",
            "#{alternate_on} #{cursor_flag} #{mouse_any_flag}",
        ])?;
        let modes = String::from_utf8_lossy(&out.stdout).trim().to_owned();
        ensure!(modes == "0 1 0", "alternate screen, cursor, mouse: {modes}");
        Ok(())
    }

    /// Polls the screen until `ready` holds; fails with the last screen after `secs`.
    fn wait(&self, what: &str, secs: u64, ready: impl Fn(&str) -> bool) -> Result<String> {
        let deadline = Instant::now() + Duration::from_secs(secs);
        loop {
            let screen = self.screen()?;
            if ready(&screen) {
                return Ok(screen);
            }
            if Instant::now() > deadline {
                bail!("timed out waiting for {what}; the screen:\n{screen}");
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.run(&["kill-server"]);
    }
}

/// An artist with four published works, a buyer's token; (gateway, buyer token, ids by title).
async fn seed(daemon: &Daemon) -> Result<(String, Vec<(String, String)>)> {
    let api = Api::new(&daemon.gateway);
    api.register("painter", "artist").await?;
    let artist = access_token(&api.login("painter").await?)?;
    let mut ids = Vec::new();
    for (i, title) in [
        "quiet harbour",
        "red sunset",
        "green forest",
        "blue glacier",
    ]
    .iter()
    .enumerate()
    {
        let meta = json!({
            "title": title, "tags": ["test"], "edition_size": 5,
            "price": {"amount_minor": 1500 + i64::try_from(i)? * 100, "currency": "EUR"},
        });
        let seed = u64::try_from(i)? + 1;
        let (status, body) = api
            .upload_ready(&artist, meta, pattern_png(480, 360, seed), "w.png")
            .await?;
        ensure!(status.is_success(), "upload {title}: {status} {body}");
        let id = body["id"].as_str().context("id")?.to_owned();
        ids.push(((*title).to_owned(), id));
    }
    api.register("viewer", "buyer").await?;
    let buyer = access_token(&api.login("viewer").await?)?;
    Ok((buyer, ids))
}

async fn favourites(daemon: &Daemon, token: &str) -> Result<Vec<String>> {
    let api = Api::new(&daemon.gateway);
    let (status, body) = api.get("/v1/me/favorites", Some(token)).await?;
    ensure!(status.is_success(), "{status} {body}");
    Ok(body["items"]
        .as_array()
        .map(|items| {
            items
                .iter()
                .filter_map(|a| a["id"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn browse_in_tmux_searches_opens_favourites_and_exits_cleanly() -> Result<()> {
    let daemon = Daemon::start()?;
    let (buyer, ids) = seed(&daemon).await?;
    let harbour = ids
        .iter()
        .find(|(t, _)| t == "quiet harbour")
        .map(|(_, id)| id.clone())
        .context("harbour")?;
    let config = tempfile::tempdir()?;
    let env = gallery_env(&daemon, &buyer, config.path());
    let command = gallery_command()?;
    let story = tokio::task::spawn_blocking(move || -> Result<()> {
        let tmux = Tmux::start(&command, &env, 80, 24)?;
        let screen = tmux.wait("the gallery with pictures", 20, |s| {
            s.contains("quiet harbour") && s.contains("blue glacier") && s.contains('▀')
        })?;
        ensure!(
            screen.contains("1 Gallery") && screen.contains("15.00 EUR"),
            "{screen}"
        );
        // Wider: the grid re-lays itself, all four cards on one row.
        ensure!(
            tmux.run(&["resize-window", "-t", "t", "-x", "130", "-y", "30"])?
                .status
                .success()
        );
        tmux.wait("five columns", 10, |s| {
            s.lines().any(|l| {
                l.contains("quiet harbour")
                    && l.contains("red sunset")
                    && l.contains("blue glacier")
            })
        })?;
        ensure!(
            tmux.run(&["resize-window", "-t", "t", "-x", "80", "-y", "24"])?
                .status
                .success()
        );

        tmux.keys(&["/"])?;
        tmux.text("harbour")?;
        tmux.keys(&["Enter"])?;
        let screen = tmux.wait("search results", 10, |s| {
            s.contains("“harbour”") && s.contains("1 shown")
        })?;
        ensure!(!screen.contains("red sunset"), "{screen}");

        tmux.keys(&["Enter"])?;
        let screen = tmux.wait("the detail view", 10, |s| {
            s.contains("editions") && s.contains("preview")
        })?;
        for want in ["quiet harbour", "painter", "0 of 5 sold, 5 left", "licence"] {
            ensure!(screen.contains(want), "{want} missing:\n{screen}");
        }

        tmux.keys(&["f"])?;
        tmux.wait("the favourite confirmed", 10, |s| {
            s.contains("Added quiet harbour to your favourites")
        })?;

        tmux.keys(&["Escape", "?"])?;
        tmux.wait("the help", 10, |s| s.contains("any key closes"))?;
        tmux.keys(&["Escape", "q"])?;
        let screen = tmux.wait("a clean exit", 10, |s| s.contains("BROWSE-EXIT="))?;
        ensure!(screen.contains("BROWSE-EXIT=0"), "{screen}");
        tmux.restored()?;
        // The alternate screen is gone: no card border is left on the shell's screen.
        ensure!(!screen.contains("by painter"), "{screen}");
        Ok(())
    })
    .await?;
    story?;

    let favs: Vec<String> = favourites(&daemon, &buyer).await?;
    ensure!(favs == [harbour], "{favs:?}");
    Ok(())
}

/// The gallery's environment: the buyer's token, a private config dir, no colours.
fn gallery_env(daemon: &Daemon, token: &str, config: &std::path::Path) -> Vec<(String, String)> {
    [
        ("ARTSTATION_SERVER", daemon.gateway.clone()),
        ("ARTSTATION_TOKEN", token.to_owned()),
        ("ARTSTATION_CREDENTIAL_STORE", "file".into()),
        ("ARTSTATION_CONFIG_DIR", config.display().to_string()),
        ("NO_COLOR", "1".into()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v))
    .collect()
}

/// The gallery, then a shell line that shows its exit code on the restored screen.
fn gallery_command() -> Result<String> {
    let bin = bin_path("artstation")?.display().to_string();
    Ok(after_gallery(&format!(
        "'{bin}' browse --image-protocol halfblocks"
    )))
}

/// `gallery`, then the lines that show its exit code and the terminal's modes.
fn after_gallery(gallery: &str) -> String {
    format!(
        "{gallery}; echo BROWSE-EXIT=$?; \
         echo \"TTY: $(stty -a | tr ' ;' '\\n\\n' | grep -x -e icanon -e -icanon -e echo -e -echo | tr '\\n' ' ')\"; \
         sleep 120"
    )
}

/// Buying asks first (price and wallet shown), pays once, and the original downloads into the
/// folder typed, checked; the Library tab then lists the work.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn browse_in_tmux_buys_and_downloads_the_original() -> Result<()> {
    let daemon = Daemon::start()?;
    let (buyer, ids) = seed(&daemon).await?;
    let glacier = ids
        .iter()
        .find(|(t, _)| t == "blue glacier")
        .map(|(_, id)| id.clone())
        .context("glacier")?;
    let api = Api::new(&daemon.gateway);
    let (status, body) = api
        .post(
            "/v1/me/wallet/topup",
            json!({"amount_minor": 10000, "currency": "EUR"}),
            Some(&buyer),
        )
        .await?;
    ensure!(status.is_success(), "{status} {body}");
    let config = tempfile::tempdir()?;
    let downloads = tempfile::tempdir()?;
    let env = gallery_env(&daemon, &buyer, config.path());
    let command = gallery_command()?;
    let folder = downloads.path().display().to_string();
    let story = tokio::task::spawn_blocking(move || -> Result<()> {
        let tmux = Tmux::start(&command, &env, 80, 24)?;
        tmux.wait("the gallery", 20, |s| s.contains("blue glacier"))?;
        // Newest first: the glacier is the first card.
        tmux.keys(&["Enter", "b"])?;
        let screen = tmux.wait("the question", 10, |s| {
            s.contains("Buy “blue glacier”?") && s.contains("100.00 EUR")
        })?;
        ensure!(
            screen.contains("18.00 EUR") && screen.contains("5 of 5 editions left"),
            "{screen}"
        );
        tmux.keys(&["y"])?;
        tmux.wait("the purchase", 10, |s| {
            s.contains("Bought blue glacier for 18.00 EUR, serial 1 of 5")
        })?;
        tmux.wait("the editions updated", 10, |s| {
            s.contains("1 of 5 sold, 4 left")
        })?;
        tmux.keys(&["d"])?;
        tmux.wait("the folder prompt", 10, |s| {
            s.contains("Save the original to folder")
        })?;
        tmux.keys(&["BSpace"])?;
        tmux.text(&folder)?;
        tmux.keys(&["Enter"])?;
        tmux.wait("the saved file", 20, |s| s.contains("Saved "))?;
        tmux.keys(&["Escape", "5"])?;
        tmux.wait("the library", 10, |s| {
            s.contains("what you bought") && s.contains("blue glacier ✓")
        })?;
        tmux.keys(&["q"])?;
        tmux.wait("a clean exit", 10, |s| s.contains("BROWSE-EXIT=0"))?;
        Ok(())
    })
    .await?;
    story?;

    let saved = std::fs::read_dir(downloads.path())?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect::<Vec<_>>();
    ensure!(saved.len() == 1, "{saved:?}");
    ensure!(
        saved[0]
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with(&glacier)),
        "{saved:?}"
    );
    ensure!(
        std::fs::read(&saved[0])?.starts_with(b"\x89PNG"),
        "the original is the PNG uploaded"
    );
    let (status, library) = api.get("/v1/me/purchases", Some(&buyer)).await?;
    ensure!(status.is_success(), "{status} {library}");
    let orders = library["items"].as_array().context("items")?;
    ensure!(
        orders.len() == 1
            && orders[0]["artwork_id"] == glacier.as_str()
            && orders[0]["status"] == "paid",
        "one purchase, not two: {library}"
    );
    Ok(())
}

/// The server going away is an error in the status line; the gallery keeps its cards, still
/// answers keys, and quits cleanly.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn browse_in_tmux_survives_the_server_going_away() -> Result<()> {
    let mut daemon = Daemon::start()?;
    let (buyer, _ids) = seed(&daemon).await?;
    let config = tempfile::tempdir()?;
    let env = gallery_env(&daemon, &buyer, config.path());
    let command = gallery_command()?;
    tokio::task::spawn_blocking(move || -> Result<()> {
        let tmux = Tmux::start(&command, &env, 80, 24)?;
        tmux.wait("the gallery", 20, |s| s.contains("red sunset"))?;
        daemon.kill()?;
        // A favourite that cannot be saved: the error shows, the mark is taken back, the
        // cards stay.
        tmux.keys(&["f"])?;
        let screen = tmux.wait("the error line", 20, |s| {
            s.lines()
                .last()
                .is_some_and(|l| l.contains("error: cannot reach"))
        })?;
        ensure!(
            screen.contains("red sunset") && !screen.contains('♥'),
            "{screen}"
        );
        tmux.keys(&["2"])?;
        tmux.wait("the next error", 20, |s| {
            s.contains("most favourited lately")
                && s.lines()
                    .last()
                    .is_some_and(|l| l.contains("error: cannot reach"))
        })?;
        tmux.keys(&["1", "?"])?;
        tmux.wait("the help, still answering", 10, |s| {
            s.contains("any key closes")
        })?;
        tmux.keys(&["Escape", "q"])?;
        tmux.wait("a clean exit", 10, |s| s.contains("BROWSE-EXIT=0"))?;
        Ok(())
    })
    .await?
}

/// SIGTERM (a closing terminal, a `kill`) ends the gallery as `q` does: exit 0 and the
/// terminal restored.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn browse_in_tmux_restores_the_terminal_on_sigterm() -> Result<()> {
    let daemon = Daemon::start()?;
    let (buyer, _ids) = seed(&daemon).await?;
    let config = tempfile::tempdir()?;
    let env = gallery_env(&daemon, &buyer, config.path());
    let pid_file = config.path().join("browse.pid");
    let bin = bin_path("artstation")?.display().to_string();
    // `exec` makes the pid written the gallery's own.
    let command = after_gallery(&format!(
        "sh -c 'echo $$ > \"{}\"; exec \"{bin}\" browse --image-protocol halfblocks'",
        pid_file.display()
    ));
    tokio::task::spawn_blocking(move || -> Result<()> {
        let tmux = Tmux::start(&command, &env, 80, 24)?;
        tmux.wait("the gallery", 20, |s| s.contains("red sunset"))?;
        let pid = std::fs::read_to_string(&pid_file)?.trim().to_owned();
        let status = Command::new("kill").args(["-TERM", &pid]).status()?;
        ensure!(status.success(), "kill -TERM {pid}");
        tmux.wait("the exit", 10, |s| s.contains("BROWSE-EXIT=0"))?;
        tmux.restored()
    })
    .await?
}

/// Without a terminal the gallery refuses at once, with a usage error that says why.
#[test]
fn browse_refuses_without_a_terminal() -> Result<()> {
    let out = Command::new(bin_path("artstation")?)
        .args(["browse", "--server", "http://127.0.0.1:9"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .output()?;
    ensure!(out.status.code() == Some(2), "{out:?}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    ensure!(stderr.contains("needs a terminal"), "{stderr}");
    ensure!(out.stdout.is_empty(), "{out:?}");
    Ok(())
}
