//! Several replicas of every role on one machine, as a cluster would run them: each replica a
//! separate `artstationd serve --role NAME` on port 0, the roles that call another reaching
//! every replica of it through a comma-separated `ARTSTATION_*_UPSTREAM` list, all on one
//! PostgreSQL (a fresh database per service), one Redis (a fresh key prefix) and a Garage
//! cluster that keeps a copy of every blob on every node.

use std::future::Future;

use anyhow::{Context, Result, ensure};

use crate::garage_cluster::GarageCluster;
use crate::profile::redis_env;
use crate::roles::ROLES;
use crate::{Daemon, FreshPostgres};

/// How many replicas of each role, and Garage nodes (the replication factor too).
#[derive(Debug, Clone, Copy)]
pub struct FleetSize {
    pub gateways: usize,
    pub auth: usize,
    pub artwork: usize,
    pub commerce: usize,
    pub garage_nodes: u8,
}

/// The secret every replica shows the others on internal calls.
const SECRET: &str = "fleet-tests-internal-secret-0123456789abcdef";

/// Running replicas. Fields drop in order: every daemon stops before Garage does.
pub struct Fleet {
    pub gateways: Vec<Daemon>,
    pub auth: Vec<Daemon>,
    pub artwork: Vec<Daemon>,
    pub commerce: Vec<Daemon>,
    /// Every replica's artwork role stores blobs through node 0; kill another to take a node
    /// away from under it.
    pub garage: GarageCluster,
}

impl Fleet {
    /// `http://ADDR` of every gateway.
    pub fn gateway_urls(&self) -> Vec<String> {
        self.gateways.iter().map(|d| d.gateway.clone()).collect()
    }
}

/// The comma-separated upstream list of `role` over `replicas`.
fn upstream(replicas: &[Daemon], role: &str) -> Result<String> {
    Ok(replicas
        .iter()
        .map(|d| d.addr(role).map(str::to_owned))
        .collect::<Result<Vec<_>>>()?
        .join(","))
}

fn start_replicas(role: &str, count: usize, env: &[(String, String)]) -> Result<Vec<Daemon>> {
    let pairs: Vec<(&str, &str)> = env.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    // One after the other, each ready before the next starts: the first applies the
    // migrations and makes what a fresh database lacks (auth's first signing key), the others
    // find it done. A replica prints where it listens before it has opened its stores.
    (0..count)
        .map(|i| {
            let daemon = Daemon::start_roles(&[role], &pairs)
                .with_context(|| format!("starting {role} replica {i}"))?;
            daemon.wait_ready(role)?;
            Ok(daemon)
        })
        .collect()
}

async fn start(size: FleetSize, databases: &mut Vec<FreshPostgres>) -> Result<Fleet> {
    ensure!(
        size.gateways > 0 && size.auth > 0 && size.artwork > 0 && size.commerce > 0,
        "every role needs a replica"
    );
    let mut env: Vec<(String, String)> = vec![
        ("ARTSTATION_INTERNAL_SECRET".into(), SECRET.into()),
        // A killed artwork replica's derivative jobs go back to the queue when their lease
        // runs out: short here, so the survivors pick them up within a test's patience.
        ("ARTSTATION_DERIVATIVE_LEASE_SECS".into(), "3".into()),
    ];
    for role in ROLES {
        if let Some(var) = role.database_env() {
            let db = FreshPostgres::create().await?;
            env.push((var, db.url.clone()));
            databases.push(db);
        }
    }
    env.extend(redis_env());
    let garage = GarageCluster::start(size.garage_nodes)?;
    env.extend(garage.daemon_env(0)?);
    // Each role is started once those it calls are up, so its upstream list is complete.
    let auth = start_replicas("auth", size.auth, &env)?;
    env.push(("ARTSTATION_AUTH_UPSTREAM".into(), upstream(&auth, "auth")?));
    let artwork = start_replicas("artwork", size.artwork, &env)?;
    env.push((
        "ARTSTATION_ARTWORK_UPSTREAM".into(),
        upstream(&artwork, "artwork")?,
    ));
    let commerce = start_replicas("commerce", size.commerce, &env)?;
    env.push((
        "ARTSTATION_COMMERCE_UPSTREAM".into(),
        upstream(&commerce, "commerce")?,
    ));
    let gateways = start_replicas("gateway", size.gateways, &env)?;
    Ok(Fleet {
        gateways,
        auth,
        artwork,
        commerce,
        garage,
    })
}

/// Runs `story` against a fleet of `size`, dropping the databases after, whatever the
/// story's outcome (the daemons and Garage stop when the fleet drops).
pub async fn on_fleet<F, Fut>(size: FleetSize, story: F) -> Result<()>
where
    F: FnOnce(Fleet) -> Fut,
    Fut: Future<Output = Result<()>>,
{
    let mut databases = Vec::new();
    let result = async {
        let fleet = start(size, &mut databases).await?;
        story(fleet).await
    }
    .await;
    for db in databases {
        db.drop_database().await?;
    }
    result
}
