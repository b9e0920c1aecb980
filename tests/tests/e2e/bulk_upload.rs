//! `artstation upload` in bulk, end to end: the real CLI against a real `artstationd`. A folder
//! goes up `-j` at a time; a re-run sends no image bytes (the CLI hashes locally and asks the
//! server which SHA-256s the artist has) and reads none either (the hashes of unchanged files
//! are cached); a changed file is hashed and goes up again; a manifest with errors
//! is refused by line and field with nothing sent; a dry run sends nothing; a partial failure
//! exits 5 with the report written; `list --mine --status draft` finds drafts; and the hot
//! folder (`--watch`) uploads a dropped file as a draft and stops cleanly on SIGINT.

use std::io::{BufRead, BufReader, Write as _};
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail, ensure};
use artstation_tests::http::PASSWORD;
use artstation_tests::{Daemon, Profile, bin_path, on_profile, png};
use serde_json::Value;

struct Cli {
    server: String,
    config: tempfile::TempDir,
}

impl Cli {
    fn new(daemon: &Daemon) -> Result<Self> {
        Ok(Self {
            server: daemon.gateway.clone(),
            config: tempfile::tempdir()?,
        })
    }

    fn command(&self) -> Result<Command> {
        let mut cmd = Command::new(bin_path("artstation")?);
        cmd.env("ARTSTATION_SERVER", &self.server)
            .env("ARTSTATION_CREDENTIAL_STORE", "file")
            .env("ARTSTATION_CONFIG_DIR", self.config.path())
            .env_remove("ARTSTATION_TOKEN")
            .env_remove("ARTSTATION_PROFILE");
        Ok(cmd)
    }

    fn run(&self, args: &[&str], stdin: &str) -> Result<Output> {
        let mut child = self
            .command()?
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()?;
        if let Some(mut input) = child.stdin.take() {
            input.write_all(stdin.as_bytes())?;
        }
        Ok(child.wait_with_output()?)
    }

    /// Runs with `--json` and returns the exit code and the document on stdout.
    fn json(&self, args: &[&str]) -> Result<(i32, Value)> {
        let mut all = args.to_vec();
        all.push("--json");
        let out = self.run(&all, "")?;
        let doc = serde_json::from_slice(&out.stdout).with_context(|| {
            format!(
                "{args:?}: not JSON: {} / {}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            )
        })?;
        Ok((out.status.code().unwrap_or(-1), doc))
    }

    fn artist(&self, name: &str) -> Result<()> {
        let email = format!("{name}@example.com");
        let out = self.run(
            &[
                "register",
                "--email",
                &email,
                "--username",
                name,
                "--artist",
                "--password-stdin",
            ],
            &format!("{PASSWORD}\n"),
        )?;
        ensure!(out.status.success(), "register {name}: {out:?}");
        let out = self.run(
            &["login", "--login", name, "--password-stdin"],
            &format!("{PASSWORD}\n"),
        )?;
        ensure!(out.status.success(), "login {name}: {out:?}");
        Ok(())
    }

    /// Every work of the caller, following cursors.
    fn mine(&self, status: Option<&str>) -> Result<Vec<Value>> {
        let mut items = Vec::new();
        let mut cursor: Option<String> = None;
        loop {
            let mut args = vec!["list", "--mine", "--limit", "100"];
            if let Some(s) = status {
                args.extend(["--status", s]);
            }
            if let Some(c) = &cursor {
                args.extend(["--cursor", c.as_str()]);
            }
            let (code, page) = self.json(&args)?;
            ensure!(code == 0, "list --mine: {page}");
            items.extend(page["items"].as_array().cloned().unwrap_or_default());
            match page["next_cursor"].as_str() {
                Some(c) => cursor = Some(c.to_owned()),
                None => return Ok(items),
            }
        }
    }
}

fn len(doc: &Value, member: &str) -> usize {
    doc[member].as_array().map_or(0, Vec::len)
}

fn write_png(dir: &Path, name: &str, seed: u8) -> Result<String> {
    let path = dir.join(name);
    std::fs::write(&path, png(64 + u32::from(seed % 64), 64, seed))?;
    Ok(path.display().to_string())
}

fn bulk_story(daemon: &Daemon) -> Result<()> {
    let cli = Cli::new(daemon)?;
    cli.artist("bulkie")?;
    let dir = tempfile::tempdir()?;
    let art = dir.path().join("art");
    std::fs::create_dir_all(art.join("sub"))?;
    for i in 0..8u8 {
        let name = if i % 3 == 0 {
            format!("sub/piece_{i}.png")
        } else {
            format!("piece_{i}.png")
        };
        write_png(&art, &name, i + 1)?;
    }
    // Past the hash cache's racy window (files changed in the last 2 s are not remembered), as
    // an artist's finished exports are.
    std::thread::sleep(Duration::from_millis(2100));
    let art_arg = art.display().to_string();
    let report_file = dir.path().join("report.json");
    let report_arg = report_file.display().to_string();
    let price = ["--price", "5", "--currency", "EUR"];

    // A folder, three at a time, with the report written to a file as well.
    let mut args = vec![
        "upload",
        art_arg.as_str(),
        "-j",
        "3",
        "--report",
        &report_arg,
    ];
    args.extend(price);
    let (code, first) = cli.json(&args)?;
    ensure!(code == 0, "{first}");
    ensure!(
        len(&first, "uploaded") == 8 && len(&first, "failed") == 0,
        "{first}"
    );
    ensure!(
        first["bytes_sent"]
            .as_u64()
            .is_some_and(|n| n > 8 * 64 * 64 * 3),
        "{first}"
    );
    let written: Value = serde_json::from_slice(&std::fs::read(&report_file)?)?;
    ensure!(
        written == first,
        "--report wrote {written}, --json printed {first}"
    );
    ensure!(first["files_hashed"] == 8, "{first}");
    ensure!(cli.mine(None)?.len() == 8);

    // Again: everything is found by its hash and no image byte is sent.
    let (code, again) = cli.json(&args)?;
    ensure!(code == 0, "{again}");
    ensure!(
        len(&again, "uploaded") == 0 && len(&again, "skipped") == 8,
        "{again}"
    );
    ensure!(
        again["bytes_sent"] == 0,
        "a re-run sent image bytes: {again}"
    );
    ensure!(
        again["files_hashed"] == 0,
        "a re-run read unchanged files to hash them: {again}"
    );
    ensure!(
        again["skipped"][0]["reason"] == "already uploaded"
            && again["skipped"][0]["id"]
                .as_str()
                .is_some_and(|s| !s.is_empty()),
        "{again}"
    );
    ensure!(cli.mine(None)?.len() == 8, "a re-run created artworks");

    // A file changed since is a new upload; the others are still skipped.
    let changed = write_png(&art, "piece_1.png", 200)?;
    let (code, third) = cli.json(&args)?;
    ensure!(code == 0, "{third}");
    ensure!(
        len(&third, "uploaded") == 1 && third["uploaded"][0]["path"] == changed.as_str(),
        "{third}"
    );
    ensure!(len(&third, "skipped") == 7, "{third}");
    ensure!(
        third["files_hashed"] == 1,
        "only the changed file is read: {third}"
    );
    ensure!(cli.mine(None)?.len() == 9);

    // A dry run plans the one new file with its metadata and sends nothing.
    let fresh = write_png(&art, "fresh.png", 201)?;
    let mut dry = vec!["upload", art_arg.as_str(), "--dry-run", "--draft"];
    dry.extend(price);
    let (code, plan) = cli.json(&dry)?;
    ensure!(code == 0, "{plan}");
    ensure!(
        len(&plan, "planned") == 1
            && plan["planned"][0]["path"] == fresh.as_str()
            && plan["planned"][0]["metadata"]["title"] == "fresh"
            && plan["planned"][0]["metadata"]["status"] == "draft"
            && plan["planned"][0]["metadata"]["price"]["amount_minor"] == 500,
        "{plan}"
    );
    ensure!(
        len(&plan, "uploaded") == 0 && len(&plan, "skipped") == 8,
        "{plan}"
    );
    // The dry run takes the cached hashes too: the new file and at most the one changed
    // moments ago (still inside the racy window) are read.
    ensure!(
        plan["files_hashed"]
            .as_u64()
            .is_some_and(|n| (1..=2).contains(&n)),
        "{plan}"
    );
    ensure!(cli.mine(None)?.len() == 9, "a dry run uploaded");

    manifest_story(&cli, dir.path(), &fresh)?;

    // A partial failure: the good file goes up, the fake is refused, exit 5, report written.
    let broken = dir.path().join("broken");
    std::fs::create_dir_all(&broken)?;
    let good = write_png(&broken, "good.png", 202)?;
    let fake = broken.join("fake.png");
    std::fs::write(&fake, "text pretending to be a PNG")?;
    let broken_arg = broken.display().to_string();
    let mut args = vec![
        "upload",
        broken_arg.as_str(),
        "-j",
        "2",
        "--report",
        &report_arg,
    ];
    args.extend(price);
    let out = cli.run(&args, "")?;
    ensure!(
        out.status.code() == Some(5),
        "partial failure must exit 5: {out:?}"
    );
    let report: Value = serde_json::from_slice(&std::fs::read(&report_file)?)?;
    ensure!(report["retried"] == 0, "a 4xx was retried: {report}");
    ensure!(
        report["uploaded"][0]["path"] == good.as_str()
            && report["failed"][0]["path"] == fake.display().to_string().as_str()
            && report["failed"][0]["code"] == "unsupported_media_type",
        "{report}"
    );
    Ok(())
}

/// Manifest rows: every error named by line and field with nothing sent; then valid rows
/// carry their metadata (a draft here, which `list --mine --status draft` finds).
fn manifest_story(cli: &Cli, dir: &Path, fresh: &str) -> Result<()> {
    let before = cli.mine(None)?.len();
    let manifest = dir.join("manifest.csv");
    std::fs::write(
        &manifest,
        format!(
            "path,title,price,currency,edition,draft\n\
             {fresh},Fresh start,7.50,EUR,,true\n\
             art/missing.png,Gone,1,EUR,,\n\
             {fresh},Twice,1,EUR,,\n\
             art/piece_2.png,Odd money,1,XYZ,,\n\
             art/piece_4.png,Zero,1,EUR,0,\n"
        ),
    )?;
    let manifest_arg = manifest.display().to_string();
    let (code, refused) = cli.json(&["upload", "--manifest", &manifest_arg])?;
    ensure!(code == 1, "{refused}");
    let named: Vec<(u64, &str)> = refused["failed"]
        .as_array()
        .context("failed")?
        .iter()
        .filter_map(|f| Some((f["line"].as_u64()?, f["field"].as_str()?)))
        .collect();
    for want in [(3, "path"), (4, "path"), (5, "currency"), (6, "edition")] {
        ensure!(named.contains(&want), "{want:?} not named: {refused}");
    }
    ensure!(len(&refused, "uploaded") == 0, "{refused}");
    ensure!(
        cli.mine(None)?.len() == before,
        "a refused manifest sent something"
    );

    std::fs::write(
        &manifest,
        format!("path,title,price,currency,draft\n{fresh},Fresh start,7.50,EUR,true\n"),
    )?;
    let (code, done) = cli.json(&["upload", "--manifest", &manifest_arg])?;
    ensure!(code == 0 && len(&done, "uploaded") == 1, "{done}");
    let id = done["uploaded"][0]["id"].as_str().context("id")?.to_owned();
    let drafts = cli.mine(Some("draft"))?;
    let draft = drafts
        .iter()
        .find(|a| a["id"] == id.as_str())
        .with_context(|| format!("the manifest's draft is not listed: {drafts:?}"))?;
    ensure!(
        draft["title"] == "Fresh start"
            && draft["status"] == "draft"
            && draft["price"]["amount_minor"] == 750,
        "{draft}"
    );
    ensure!(
        cli.mine(Some("published"))?
            .iter()
            .all(|a| a["status"] == "published"),
        "published filter"
    );
    Ok(())
}

#[test]
fn bulk_upload_on_the_embedded_default() -> Result<()> {
    let daemon = Daemon::start()?;
    bulk_story(&daemon)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bulk_upload_on_postgres() -> Result<()> {
    on_profile(Profile::POSTGRES, &[], |stack| async move {
        tokio::task::spawn_blocking(move || bulk_story(&stack.daemon)).await?
    })
    .await
}

/// With one upload at a time allowed per user, `-j 4` meets 429s with `Retry-After: 2`: the
/// CLI waits at least that long, retries, and every file arrives.
#[test]
fn retries_honour_retry_after_when_the_gateway_is_full() -> Result<()> {
    let daemon = Daemon::start_with(&[("ARTSTATION_GATEWAY_MAX_UPLOADS_PER_USER", "1")])?;
    let cli = Cli::new(&daemon)?;
    cli.artist("patient")?;
    let dir = tempfile::tempdir()?;
    // Large enough (stored, uncompressed) that uploads overlap.
    for i in 0..6u8 {
        std::fs::write(dir.path().join(format!("big_{i}.png")), png(1200, 900, i))?;
    }
    let arg = dir.path().display().to_string();
    let started = Instant::now();
    let (code, report) =
        cli.json(&["upload", &arg, "-j", "4", "--retries", "20", "--price", "1"])?;
    ensure!(code == 0, "{report}");
    ensure!(
        len(&report, "uploaded") == 6 && len(&report, "failed") == 0,
        "{report}"
    );
    ensure!(
        report["retried"].as_u64().is_some_and(|n| n > 0),
        "no 429 met: {report}"
    );
    ensure!(
        started.elapsed() >= Duration::from_secs(2),
        "Retry-After: 2 was not honoured ({:?})",
        started.elapsed()
    );
    Ok(())
}

/// Lines of a child's pipe, readable with a deadline.
fn lines_of(pipe: impl std::io::Read + Send + 'static) -> mpsc::Receiver<String> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(pipe).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    rx
}

fn wait_for(rx: &mpsc::Receiver<String>, what: &str, within: Duration) -> Result<String> {
    let deadline = Instant::now() + within;
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match rx.recv_timeout(left) {
            Ok(line) if line.contains(what) => return Ok(line),
            Ok(_) => {}
            Err(_) => bail!("no line with {what:?} within {within:?}"),
        }
    }
}

#[test]
fn watch_uploads_dropped_files_as_drafts_and_stops_on_sigint() -> Result<()> {
    let daemon = Daemon::start()?;
    let cli = Cli::new(&daemon)?;
    cli.artist("watcher")?;
    let dir = tempfile::tempdir()?;
    let hot = dir.path().join("hot");
    std::fs::create_dir_all(&hot)?;
    let mut child = cli
        .command()?
        .args(["upload", "--watch"])
        .arg(&hot)
        .args(["--price", "3", "--currency", "EUR"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()?;
    let stdout = lines_of(child.stdout.take().context("stdout")?);
    let stderr = lines_of(child.stderr.take().context("stderr")?);
    let result = (|| -> Result<()> {
        wait_for(&stderr, "watching", Duration::from_secs(20))?;
        // Half a file first: it must not be sent while it is still growing.
        let full = png(90, 64, 77);
        let path = hot.join("export.png");
        std::fs::write(&path, &full[..full.len() / 2])?;
        std::thread::sleep(Duration::from_millis(600));
        std::fs::write(&path, &full)?;
        let line = wait_for(&stdout, "uploaded\t", Duration::from_secs(30))?;
        let id = line.rsplit('\t').next().unwrap_or_default().to_owned();
        let drafts = cli.mine(Some("draft"))?;
        ensure!(
            drafts.len() == 1 && drafts[0]["id"] == id.as_str(),
            "{line} / {drafts:?}"
        );
        Ok(())
    })();
    let killed = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()?;
    ensure!(killed.success());
    let deadline = Instant::now() + Duration::from_secs(20);
    let status = loop {
        if let Some(status) = child.try_wait()? {
            break status;
        }
        if Instant::now() > deadline {
            child.kill()?;
            bail!("upload --watch did not stop on SIGINT");
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    result?;
    ensure!(status.code() == Some(0), "exit {status:?}");
    let summary = wait_for(&stderr, "uploaded,", Duration::from_secs(5))?;
    ensure!(
        summary.contains("1 uploaded, 0 skipped, 0 failed"),
        "{summary}"
    );
    Ok(())
}
