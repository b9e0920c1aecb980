//! A real `artstationd` on port 0, every role of [`ROLES`] found by what it prints.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};

use crate::bin_path;
use crate::roles::{ROLES, RoleSpec};

/// A running `artstationd` with every role on port 0, stopped with SIGTERM on drop.
pub struct Daemon {
    child: Child,
    env: Vec<(String, String)>,
    /// `http://ADDR` of the gateway, where every client talks.
    pub gateway: String,
    /// `http://ADDR` of every role it runs, in the order of [`ROLES`].
    addrs: Vec<(&'static str, String)>,
    /// `http://ADDR` of the service roles' metrics listener, when `ARTSTATION_METRICS_ADDR`
    /// asked for one.
    pub metrics: Option<String>,
    /// What the daemon wrote to stderr so far, when started with [`Daemon::start_capturing`].
    log: Option<Arc<Mutex<String>>>,
    pub data_dir: tempfile::TempDir,
}

impl Daemon {
    /// Starts every role on the embedded default (SQLite, local disk) in a temporary data dir.
    pub fn start() -> Result<Self> {
        Self::start_with(&[])
    }

    /// Starts every role with extra environment (e.g. PostgreSQL database URLs).
    pub fn start_with(env: &[(&str, &str)]) -> Result<Self> {
        Self::spawn(ROLES.iter().collect(), env, false)
    }

    /// Starts every role like [`Daemon::start_with`], keeping what it logs for [`Daemon::log`]
    /// (still copied to the test's stderr).
    pub fn start_capturing(env: &[(&str, &str)]) -> Result<Self> {
        Self::spawn(ROLES.iter().collect(), env, true)
    }

    /// What the daemon logged so far (empty unless started with [`Daemon::start_capturing`]).
    pub fn log(&self) -> String {
        self.log
            .as_ref()
            .and_then(|l| l.lock().ok().map(|l| l.clone()))
            .unwrap_or_default()
    }

    /// Starts only the roles named (`artstationd serve --role NAME...`), the others reached
    /// where the environment's `*_UPSTREAM` variables say — to see a role go missing.
    pub fn start_roles(names: &[&str], env: &[(&str, &str)]) -> Result<Self> {
        let roles = names
            .iter()
            .map(|n| crate::roles::role(n).with_context(|| format!("no role called {n}")))
            .collect::<Result<Vec<_>>>()?;
        Self::spawn(roles, env, false)
    }

    fn spawn(roles: Vec<&'static RoleSpec>, env: &[(&str, &str)], capture: bool) -> Result<Self> {
        let data_dir = tempfile::tempdir()?;
        let mut cmd = Command::new(bin_path("artstationd")?);
        cmd.arg("--data-dir").arg(data_dir.path());
        if roles.len() < ROLES.len() {
            cmd.arg("serve");
            for r in &roles {
                cmd.args(["--role", r.name]);
            }
        }
        cmd.env(
            "ARTSTATION_LOG",
            std::env::var("ARTSTATION_TEST_LOG").unwrap_or("warn".into()),
        )
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(if capture {
            Stdio::piped()
        } else {
            Stdio::inherit()
        });
        for role in ROLES {
            cmd.env(role.addr_env(), "127.0.0.1:0");
        }
        for (k, v) in env {
            cmd.env(k, v);
        }
        let mut child = cmd.spawn().context("cannot start artstationd")?;
        let log = match child.stderr.take() {
            Some(stderr) => {
                let log = Arc::new(Mutex::new(String::new()));
                let sink = log.clone();
                std::thread::spawn(move || {
                    for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                        eprintln!("{line}");
                        if let Ok(mut l) = sink.lock() {
                            l.push_str(&line);
                            l.push('\n');
                        }
                    }
                });
                Some(log)
            }
            None => None,
        };
        // A metrics listener is opened for service roles when asked for.
        let wants_metrics = env.iter().any(|(k, _)| *k == "ARTSTATION_METRICS_ADDR")
            && roles.iter().any(|r| r.grpc_service.is_some());
        let mut metrics = None;
        let stdout = child.stdout.take().context("no stdout")?;
        let mut lines = BufReader::new(stdout).lines();
        let mut found: Vec<Option<String>> = vec![None; roles.len()];
        let deadline = Instant::now() + Duration::from_secs(30);
        while let Some(missing) = found
            .iter()
            .position(Option::is_none)
            .map(|i| roles[i].name)
            .or((wants_metrics && metrics.is_none()).then_some("metrics"))
        {
            if Instant::now() > deadline {
                bail!("artstationd did not report where {missing} listens in time");
            }
            let Some(line) = lines.next() else {
                bail!("artstationd exited before listening: {:?}", child.wait());
            };
            let line = line?;
            let addr = line.rsplit(' ').next().unwrap_or_default();
            if let Some(i) = roles
                .iter()
                .position(|r| line.contains(&r.listening_marker()))
            {
                found[i] = Some(format!("http://{addr}"));
            } else if line.contains(" metrics listening on ") {
                metrics = Some(format!("http://{addr}"));
            }
        }
        // Keep draining stdout so the daemon never blocks on a full pipe.
        std::thread::spawn(move || for _ in lines {});
        let addrs: Vec<(&'static str, String)> = roles
            .iter()
            .zip(found)
            .map(|(r, a)| (r.name, a.unwrap_or_default()))
            .collect();
        let mut daemon = Self {
            child,
            env: env
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect(),
            gateway: String::new(),
            addrs,
            metrics,
            log,
            data_dir,
        };
        // Empty when this process runs no gateway (a service role started on its own).
        daemon.gateway = daemon
            .addr("gateway")
            .map(str::to_owned)
            .unwrap_or_default();
        Ok(daemon)
    }

    /// `http://ADDR` where `role` listens.
    pub fn addr(&self, role: &str) -> Result<&str> {
        self.addrs
            .iter()
            .find(|(name, _)| *name == role)
            .map(|(_, addr)| addr.as_str())
            .with_context(|| format!("artstationd runs no role called {role}"))
    }

    /// Waits (bounded) until `artstationd healthcheck --role ROLE` passes against where this
    /// daemon runs `role`: a role prints where it listens before it has opened its stores, so
    /// a caller with a short deadline, or another replica opening the same fresh database,
    /// must wait for this rather than for the address.
    pub fn wait_ready(&self, role: &str) -> Result<()> {
        let spec = crate::roles::role(role).with_context(|| format!("no role called {role}"))?;
        let addr = self.addr(role)?;
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let status = Command::new(bin_path("artstationd")?)
                .args(["healthcheck", "--role", role])
                .env(spec.addr_env(), addr.trim_start_matches("http://"))
                .env("ARTSTATION_LOG", "error")
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()?;
            if status.success() {
                return Ok(());
            }
            if Instant::now() > deadline {
                bail!("{role} at {addr} never answered ready");
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Runs another `artstationd` command (`admin create`, `keys rotate`…) against this
    /// daemon's configuration, feeding `stdin`.
    pub fn command(&self, args: &[&str], stdin: &str) -> Result<std::process::Output> {
        use std::io::Write as _;
        let mut child = Command::new(bin_path("artstationd")?)
            .arg("--data-dir")
            .arg(self.data_dir.path())
            .args(args)
            .envs(self.env.iter().map(|(k, v)| (k, v)))
            .env("ARTSTATION_LOG", "warn")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()?;
        if let Some(mut input) = child.stdin.take() {
            input.write_all(stdin.as_bytes())?;
        }
        let out = child.wait_with_output()?;
        if !out.status.success() {
            bail!(
                "artstationd {args:?} failed: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        Ok(out)
    }

    /// Creates an admin account with the test password (the operator's bootstrap).
    pub fn create_admin(&self, username: &str) -> Result<()> {
        let email = format!("{username}@example.com");
        self.command(
            &[
                "admin",
                "create",
                "--email",
                &email,
                "--username",
                username,
                "--password-stdin",
            ],
            &format!("{}\n", crate::http::PASSWORD),
        )?;
        Ok(())
    }

    /// Kills the process with SIGKILL — a crash, nothing drained — and reaps it.
    pub fn kill(&mut self) -> Result<()> {
        self.child.kill()?;
        self.child.wait()?;
        Ok(())
    }

    /// Sends SIGTERM and waits for the exit status.
    pub fn terminate(&mut self) -> Result<std::process::ExitStatus> {
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Some(status) = self.child.try_wait()? {
                return Ok(status);
            }
            if Instant::now() > deadline {
                self.child.kill()?;
                bail!("artstationd did not stop within 20 s of SIGTERM");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Daemon {
    fn drop(&mut self) {
        if matches!(self.child.try_wait(), Ok(None)) {
            let _ = self.terminate();
        }
    }
}
