//! `artstation.status.v1.StatusService`, implemented once for every service role: the version
//! of the binary and each backing store as the role sees it (reachable or not, its backend
//! kind), for the gateway's `GET /v1/status`. Nothing here names a URL or a secret.
//!
//! A role's stores are registered by name of its gRPC service ([`register`]) by whoever opened
//! them (the daemon); [`crate::grpc::with_standard_services`] serves what was registered.

use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

use artstation_proto::status::v1 as pb;
use pb::status_service_server::{StatusService, StatusServiceServer};
use tonic::{Request, Response, Status};

use crate::Cache;
use crate::db::{Backend, DbError};

/// How long one store's check may take before it counts as unreachable.
pub const CHECK_TIMEOUT: Duration = Duration::from_secs(2);

pub type PingFuture = Pin<Box<dyn Future<Output = Result<(), String>> + Send>>;

/// One backing store and how to ping it.
#[derive(Clone)]
pub struct StoreCheck {
    name: &'static str,
    kind: String,
    ping: Arc<dyn Fn() -> PingFuture + Send + Sync>,
}

impl std::fmt::Debug for StoreCheck {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StoreCheck")
            .field("name", &self.name)
            .field("kind", &self.kind)
            .finish_non_exhaustive()
    }
}

impl StoreCheck {
    /// `ping` answers `Err(why)` (no URL, no secret in it) when the store cannot be used.
    pub fn new(
        name: &'static str,
        kind: impl Into<String>,
        ping: impl Fn() -> PingFuture + Send + Sync + 'static,
    ) -> Self {
        Self {
            name,
            kind: kind.into(),
            ping: Arc::new(ping),
        }
    }

    /// The database at `url`, pinged with `SELECT 1` over a connection of its own (opened on
    /// demand, closed when idle), so a status request never waits for the service's pool.
    pub fn database(url: &str) -> Result<Self, DbError> {
        let idle = Some(Duration::from_secs(30));
        let err = |source| DbError::Connect {
            url: crate::db::redact(url),
            source,
        };
        Ok(match Backend::of_url(url)? {
            Backend::Sqlite => {
                use std::str::FromStr as _;
                let opts = sqlx::sqlite::SqliteConnectOptions::from_str(url)
                    .map_err(err)?
                    .read_only(true);
                let pool = sqlx::sqlite::SqlitePoolOptions::new()
                    .max_connections(1)
                    .min_connections(0)
                    .idle_timeout(idle)
                    .acquire_timeout(CHECK_TIMEOUT)
                    .connect_lazy_with(opts);
                Self::new("database", "sqlite", move || {
                    let pool = pool.clone();
                    Box::pin(async move { select_one(&pool).await })
                })
            }
            Backend::Postgres => {
                let pool = sqlx::postgres::PgPoolOptions::new()
                    .max_connections(1)
                    .min_connections(0)
                    .idle_timeout(idle)
                    .acquire_timeout(CHECK_TIMEOUT)
                    .connect_lazy(url)
                    .map_err(err)?;
                Self::new("database", "postgres", move || {
                    let pool = pool.clone();
                    Box::pin(async move { select_one(&pool).await })
                })
            }
        })
    }

    /// The cache shared by the roles (Redis, or in-process).
    pub fn cache(cache: Arc<Cache>) -> Self {
        let kind = cache.kind();
        Self::new("cache", kind, move || {
            let cache = cache.clone();
            Box::pin(async move {
                cache
                    .get("status:probe")
                    .await
                    .map(|_| ())
                    .map_err(|e| e.to_string())
            })
        })
    }

    async fn run(&self) -> pb::StoreStatus {
        let started = Instant::now();
        let outcome = tokio::time::timeout(CHECK_TIMEOUT, (self.ping)())
            .await
            .unwrap_or_else(|_| Err("no answer in time".into()));
        pb::StoreStatus {
            name: self.name.to_owned(),
            kind: self.kind.clone(),
            reachable: outcome.is_ok(),
            detail: outcome.err().unwrap_or_default(),
            latency_ms: u32::try_from(started.elapsed().as_millis()).unwrap_or(u32::MAX),
        }
    }
}

async fn select_one<DB>(pool: &sqlx::Pool<DB>) -> Result<(), String>
where
    DB: sqlx::Database,
    for<'c> &'c mut DB::Connection: sqlx::Executor<'c, Database = DB>,
{
    let mut conn = pool.acquire().await.map_err(|e| e.to_string())?;
    sqlx::Executor::execute(&mut *conn, "SELECT 1")
        .await
        .map(|_| ())
        .map_err(|e| e.to_string())
}

fn registry() -> &'static Mutex<HashMap<&'static str, Vec<StoreCheck>>> {
    static REGISTRY: OnceLock<Mutex<HashMap<&'static str, Vec<StoreCheck>>>> = OnceLock::new();
    REGISTRY.get_or_init(Default::default)
}

/// Names the stores of the service `service_name` (its gRPC name) for its status answers.
pub fn register(service_name: &'static str, checks: Vec<StoreCheck>) {
    registry()
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .insert(service_name, checks);
}

/// The status service of `service_name`, answering with the stores registered for it.
pub fn server(service_name: &'static str) -> StatusServiceServer<Statuses> {
    let checks = registry()
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .get(service_name)
        .cloned()
        .unwrap_or_default();
    StatusServiceServer::new(Statuses {
        service: service_name,
        checks,
    })
}

/// One role's status answers.
#[derive(Debug, Clone)]
pub struct Statuses {
    service: &'static str,
    checks: Vec<StoreCheck>,
}

#[tonic::async_trait]
impl StatusService for Statuses {
    async fn get_status(
        &self,
        _: Request<pb::GetStatusRequest>,
    ) -> Result<Response<pb::GetStatusResponse>, Status> {
        let stores = futures::future::join_all(self.checks.iter().map(StoreCheck::run)).await;
        Ok(Response::new(pb::GetStatusResponse {
            service: self.service.to_owned(),
            version: env!("CARGO_PKG_VERSION").to_owned(),
            stores,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn stores_are_reported_reachable_or_not_with_a_reason() {
        let dir = std::env::temp_dir().join(format!("status-{}", uuid::Uuid::now_v7()));
        std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
        let file = dir.join("x.db");
        std::fs::write(&file, b"").unwrap_or_else(|e| panic!("{e}"));
        let sqlite = StoreCheck::database(&format!("sqlite://{}", file.display()))
            .unwrap_or_else(|e| panic!("{e}"));
        let cache = StoreCheck::cache(Arc::new(Cache::in_process()));
        let down = StoreCheck::new("blobs", "s3", || Box::pin(async { Err("refused".into()) }));
        let statuses = Statuses {
            service: "test.Service",
            checks: vec![sqlite, cache, down],
        };
        let answer = statuses
            .get_status(Request::new(pb::GetStatusRequest {}))
            .await
            .unwrap_or_else(|e| panic!("{e}"))
            .into_inner();
        let got: Vec<_> = answer
            .stores
            .iter()
            .map(|s| {
                (
                    s.name.as_str(),
                    s.kind.as_str(),
                    s.reachable,
                    s.detail.as_str(),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                ("database", "sqlite", true, ""),
                ("cache", "in-process", true, ""),
                ("blobs", "s3", false, "refused"),
            ]
        );
        assert_eq!(answer.version, env!("CARGO_PKG_VERSION"));
        let _ = std::fs::remove_dir_all(dir);
    }
}
