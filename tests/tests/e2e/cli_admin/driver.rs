//! The driver of the CLI moderation story: one person's `artstation` with a config dir of its
//! own, shell pipelines (plain and on a pseudo-terminal), and readers of its JSON output.

use std::io::Write as _;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use anyhow::{Context, Result, ensure};
use artstation_tests::http::PASSWORD;
use artstation_tests::{Daemon, bin_path, png};
use serde_json::Value;

/// One person's CLI: its own config dir, so its session is its own.
pub struct Cli {
    server: String,
    config: tempfile::TempDir,
}

impl Cli {
    pub fn new(daemon: &Daemon) -> Result<Self> {
        Ok(Self {
            server: daemon.gateway.clone(),
            config: tempfile::tempdir()?,
        })
    }

    /// The environment every invocation of this person's CLI gets.
    fn command(&self, program: &Path) -> Command {
        let mut cmd = Command::new(program);
        cmd.env("ARTSTATION_SERVER", &self.server)
            .env("ARTSTATION_CREDENTIAL_STORE", "file")
            .env("ARTSTATION_CONFIG_DIR", self.config.path())
            .env_remove("ARTSTATION_TOKEN")
            .env_remove("ARTSTATION_PROFILE")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        cmd
    }

    /// Runs `artstation ARGS` with `stdin` piped in (so never on a terminal).
    pub fn run_with(&self, args: &[&str], stdin: &str) -> Result<Output> {
        let mut child = self.command(&bin_path("artstation")?).args(args).spawn()?;
        if let Some(mut input) = child.stdin.take() {
            input.write_all(stdin.as_bytes())?;
        }
        Ok(child.wait_with_output()?)
    }

    pub fn run(&self, args: &[&str]) -> Result<Output> {
        self.run_with(args, "")
    }

    /// A `--json` command that must succeed: its document.
    pub fn json(&self, args: &[&str]) -> Result<Value> {
        let mut args = args.to_vec();
        args.push("--json");
        let out = self.run(&args)?;
        ensure!(code(&out) == 0, "{args:?}: {}", show(&out));
        json_of(&out.stdout)
    }

    /// A shell pipeline, `$ARTSTATION` standing for the CLI binary.
    pub fn shell(&self, script: &str) -> Result<Output> {
        let out = self
            .command(Path::new("sh"))
            .env("ARTSTATION", bin_path("artstation")?)
            .args(["-c", script])
            .stdin(Stdio::null())
            .output()?;
        Ok(out)
    }

    /// A shell pipeline run on a pseudo-terminal by script(1), `keys` typed into it.
    pub fn on_terminal(&self, script: &str, keys: &str) -> Result<Output> {
        let mut child = self
            .command(Path::new("script"))
            .env("ARTSTATION", bin_path("artstation")?)
            .args(["-q", "-e", "-c", script, "/dev/null"])
            .spawn()
            .context("script(1) from util-linux is needed")?;
        if let Some(mut input) = child.stdin.take() {
            input.write_all(keys.as_bytes())?;
        }
        Ok(child.wait_with_output()?)
    }

    pub fn join(&self, name: &str, artist: bool) -> Result<()> {
        let email = format!("{name}@example.com");
        let mut args = vec![
            "register",
            "--email",
            &email,
            "--username",
            name,
            "--password-stdin",
        ];
        if artist {
            args.push("--artist");
        }
        let out = self.run_with(&args, &format!("{PASSWORD}\n"))?;
        ensure!(code(&out) == 0, "register {name}: {}", show(&out));
        self.login(name)
    }

    pub fn login(&self, name: &str) -> Result<()> {
        let login = ["login", "--login", name, "--password-stdin"];
        let out = self.run_with(&login, &format!("{PASSWORD}\n"))?;
        ensure!(code(&out) == 0, "login {name}: {}", show(&out));
        Ok(())
    }
}

pub fn json_of(bytes: &[u8]) -> Result<Value> {
    serde_json::from_slice(bytes)
        .with_context(|| format!("not JSON: {}", String::from_utf8_lossy(bytes)))
}

pub fn code(out: &Output) -> i32 {
    out.status.code().unwrap_or(-1)
}

pub fn show(out: &Output) -> String {
    format!(
        "exit {}\nstdout: {}\nstderr: {}",
        code(out),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// The `--json` error code a failed command printed on stderr.
pub fn error_code(out: &Output) -> Result<String> {
    let doc = json_of(&out.stderr)?;
    doc["error"]["code"]
        .as_str()
        .map(str::to_owned)
        .with_context(|| format!("no error code: {doc}"))
}

pub fn str_of<'a>(doc: &'a Value, pointer: &str) -> Result<&'a str> {
    doc.pointer(pointer)
        .and_then(Value::as_str)
        .with_context(|| format!("no {pointer} in {doc}"))
}

/// Ids of a list document's items at `pointer` within each item.
pub fn ids_in(doc: &Value, pointer: &str) -> Vec<String> {
    doc["items"]
        .as_array()
        .map(|items| {
            items
                .iter()
                .filter_map(|i| i.pointer(pointer).and_then(Value::as_str))
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default()
}

/// Uploads three works as `artist`; their ids in file order.
pub fn upload_three(artist: &Cli, dir: &Path) -> Result<[String; 3]> {
    let mut paths = Vec::new();
    for (i, name) in ["spam_one", "spam_two", "bold_nude"].iter().enumerate() {
        let path = dir.join(format!("{name}.png"));
        let seed = u8::try_from(40 + 17 * i)?;
        std::fs::write(&path, png(96 + 8 * u32::try_from(i)?, 72, seed))?;
        paths.push(path.display().to_string());
    }
    let mut args = vec!["upload"];
    args.extend(paths.iter().map(String::as_str));
    args.extend(["--price", "5"]);
    let report = artist.json(&args)?;
    let id_of = |path: &str| -> Result<String> {
        report["uploaded"]
            .as_array()
            .and_then(|u| u.iter().find(|e| e["path"] == path))
            .and_then(|e| e["id"].as_str())
            .map(str::to_owned)
            .with_context(|| format!("{path} not uploaded: {report}"))
    };
    let ids = [id_of(&paths[0])?, id_of(&paths[1])?, id_of(&paths[2])?];
    // Answered before their derivatives are made: public lists hold them only after.
    artstation_tests::http::Api::wait_ready_blocking(&ids, |id| artist.json(&["show", id]))?;
    Ok(ids)
}
