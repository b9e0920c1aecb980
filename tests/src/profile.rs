//! What a daemon under test runs on. The embedded default needs nothing; the production
//! profile gives every role that owns a database a fresh PostgreSQL one (from [`ROLES`]),
//! Redis under a key prefix of the run's own, and blobs in a real S3 server (Garage). Each
//! end-to-end suite picks the parts it exercises and gets them set up and torn down here,
//! so the settings of each part are written once.

use std::future::Future;

use anyhow::Result;

use crate::roles::ROLES;
use crate::{Daemon, FreshPostgres, Garage};

/// The parts of the production profile a test runs on; all off is the embedded default
/// (SQLite, local disk, the in-process cache).
#[derive(Debug, Clone, Copy, Default)]
pub struct Profile {
    /// A fresh PostgreSQL database for every role that owns one.
    pub postgres: bool,
    /// The local Redis, keys under a prefix of this run's own.
    pub redis: bool,
    /// Blobs in the bucket of a Garage started for the test.
    pub s3: bool,
}

impl Profile {
    pub const EMBEDDED: Self = Self {
        postgres: false,
        redis: false,
        s3: false,
    };
    pub const POSTGRES: Self = Self {
        postgres: true,
        ..Self::EMBEDDED
    };
    /// Shared state where a fleet keeps it: PostgreSQL and Redis.
    pub const PRODUCTION: Self = Self {
        redis: true,
        ..Self::POSTGRES
    };
    pub const POSTGRES_AND_S3: Self = Self {
        s3: true,
        ..Self::POSTGRES
    };
}

/// The Redis every test shares; each run keeps its keys under [`redis_env`]'s prefix.
pub const REDIS_URL: &str = "redis://127.0.0.1:6379";

/// The environment that points a daemon at the shared Redis under a fresh key prefix.
pub fn redis_env() -> Vec<(String, String)> {
    vec![
        ("ARTSTATION_REDIS_URL".into(), REDIS_URL.into()),
        (
            "ARTSTATION_REDIS_PREFIX".into(),
            format!("test-{}:", uuid::Uuid::now_v7().simple()),
        ),
    ]
}

/// A daemon on a profile, with what it runs on. Fields drop in order: the daemon stops
/// before Garage does.
pub struct Stack {
    pub daemon: Daemon,
    /// The S3 server, when the profile has one.
    pub garage: Option<Garage>,
}

/// Runs `story` against a daemon on `profile` (plus `extra_env`), dropping the databases
/// after, whatever the story's outcome.
pub async fn on_profile<F, Fut>(
    profile: Profile,
    extra_env: &[(&str, &str)],
    story: F,
) -> Result<()>
where
    F: FnOnce(Stack) -> Fut,
    Fut: Future<Output = Result<()>>,
{
    let mut env: Vec<(String, String)> = Vec::new();
    let mut databases = Vec::new();
    let result = async {
        if profile.postgres {
            for role in ROLES {
                if let Some(var) = role.database_env() {
                    let db = FreshPostgres::create().await?;
                    env.push((var, db.url.clone()));
                    databases.push(db);
                }
            }
        }
        if profile.redis {
            env.extend(redis_env());
        }
        let garage = if profile.s3 {
            let garage = Garage::start()?;
            env.extend(garage.daemon_env(&garage.bucket));
            Some(garage)
        } else {
            None
        };
        let mut pairs: Vec<(&str, &str)> =
            env.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        pairs.extend_from_slice(extra_env);
        let daemon = Daemon::start_with(&pairs)?;
        story(Stack { daemon, garage }).await
    }
    .await;
    for db in databases {
        db.drop_database().await?;
    }
    result
}

/// Runs `story` against a daemon in the production profile: a fresh PostgreSQL database per
/// service and Redis (keys under a prefix of this run's own), dropping the databases after.
pub async fn on_production_profile<F, Fut>(extra_env: &[(&str, &str)], story: F) -> Result<()>
where
    F: FnOnce(Daemon) -> Fut,
    Fut: Future<Output = Result<()>>,
{
    on_profile(Profile::PRODUCTION, extra_env, |stack| story(stack.daemon)).await
}
