//! A Garage cluster on loopback: several nodes sharing an `rpc_secret`, connected to the
//! first, each in a zone of its own, every block stored on every node (`replication_factor`
//! equal to the number of nodes), with a key and a bucket. A node can be killed to show that
//! what was stored survives it; every node is killed when the cluster is dropped.

use std::path::PathBuf;
use std::process::Child;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail, ensure};

use crate::garage::{
    Ports, REGION, cli_until, config_toml, create_bucket, create_key, garage_bin, random_hex,
    run_cli, spawn_server,
};

struct Node {
    /// `None` once killed.
    child: Option<Child>,
    config: PathBuf,
    log: PathBuf,
    /// `http://127.0.0.1:PORT`, this node's S3 API.
    endpoint: String,
}

pub struct GarageCluster {
    nodes: Vec<Node>,
    bin: PathBuf,
    pub access_key_id: String,
    pub secret_access_key: String,
    /// A bucket created at start.
    pub bucket: String,
    dir: tempfile::TempDir,
}

impl GarageCluster {
    /// Starts `nodes` nodes, each holding a copy of everything (replication factor `nodes`).
    pub fn start(nodes: u8) -> Result<Self> {
        ensure!(nodes >= 1, "a cluster needs a node");
        let bin = garage_bin()?;
        let dir = tempfile::tempdir()?;
        let secret = random_hex();
        let mut cluster = Self {
            nodes: Vec::new(),
            bin,
            access_key_id: String::new(),
            secret_access_key: String::new(),
            bucket: "artstation-cluster-test".into(),
            dir,
        };
        for i in 0..nodes {
            let node_dir = cluster.dir.path().join(format!("node{i}"));
            std::fs::create_dir_all(&node_dir)?;
            let ports = Ports::free()?;
            let config = node_dir.join("garage.toml");
            std::fs::write(&config, config_toml(&node_dir, nodes, ports, &secret))?;
            let log = node_dir.join("garage.log");
            let child = spawn_server(&cluster.bin, &config, &log)?;
            cluster.nodes.push(Node {
                child: Some(child),
                config,
                log,
                endpoint: format!("http://127.0.0.1:{}", ports.s3),
            });
        }
        cluster.configure().with_context(|| {
            let logs: Vec<String> = cluster
                .nodes
                .iter()
                .map(|n| std::fs::read_to_string(&n.log).unwrap_or_default())
                .collect();
            format!(
                "the Garage cluster did not come up; logs:\n{}",
                logs.join("\n---\n")
            )
        })?;
        Ok(cluster)
    }

    fn configure(&mut self) -> Result<()> {
        let deadline = Instant::now() + Duration::from_secs(30);
        let mut ids = Vec::new();
        for node in &mut self.nodes {
            let id = loop {
                if let Some(status) = node
                    .child
                    .as_mut()
                    .map(Child::try_wait)
                    .transpose()?
                    .flatten()
                {
                    bail!("garage server exited with {status}");
                }
                if let Ok(id) = run_cli(&self.bin, &node.config, &["node", "id", "-q"]) {
                    break id.trim().to_owned();
                }
                ensure!(
                    Instant::now() < deadline,
                    "garage did not answer `node id` in 30 s"
                );
                std::thread::sleep(Duration::from_millis(200));
            };
            ids.push(id);
        }
        let first = &self.nodes[0].config;
        // `ID@ADDR`: the first node learns the others' addresses, the others learn each other
        // from it.
        for id in &ids[1..] {
            cli_until(&self.bin, first, &["node", "connect", id], deadline)?;
        }
        for (i, id) in ids.iter().enumerate() {
            let short = id.split('@').next().unwrap_or_default();
            let zone = format!("dc{}", i + 1);
            cli_until(
                &self.bin,
                first,
                &["layout", "assign", "-z", &zone, "-c", "1G", short],
                deadline,
            )?;
        }
        cli_until(
            &self.bin,
            first,
            &["layout", "apply", "--version", "1"],
            deadline,
        )?;
        (self.access_key_id, self.secret_access_key) =
            create_key(&self.bin, first, "artstation-cluster-test")?;
        create_bucket(&self.bin, first, &self.bucket, "artstation-cluster-test")
    }

    /// The S3 endpoint of node `i`.
    pub fn endpoint(&self, i: usize) -> Option<&str> {
        self.nodes.get(i).map(|n| n.endpoint.as_str())
    }

    /// The environment that points `artstationd` at the bucket through node `i`.
    pub fn daemon_env(&self, i: usize) -> Result<Vec<(String, String)>> {
        let endpoint = self.endpoint(i).context("no such Garage node")?;
        Ok(vec![
            ("ARTSTATION_STORAGE".into(), format!("s3://{}", self.bucket)),
            ("ARTSTATION_S3_ENDPOINT".into(), endpoint.to_owned()),
            ("AWS_ACCESS_KEY_ID".into(), self.access_key_id.clone()),
            (
                "AWS_SECRET_ACCESS_KEY".into(),
                self.secret_access_key.clone(),
            ),
            ("AWS_REGION".into(), REGION.into()),
        ])
    }

    /// Kills node `i` with SIGKILL (a crashed machine) and reaps it.
    pub fn kill_node(&mut self, i: usize) -> Result<()> {
        let node = self.nodes.get_mut(i).context("no such Garage node")?;
        if let Some(mut child) = node.child.take() {
            child.kill()?;
            child.wait()?;
        }
        Ok(())
    }
}

impl Drop for GarageCluster {
    fn drop(&mut self) {
        // Our own children, by handle: nothing else is touched.
        for node in &mut self.nodes {
            if let Some(mut child) = node.child.take() {
                let _ = child.kill();
                let _ = child.wait();
            }
        }
    }
}
