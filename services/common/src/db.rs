//! Database URLs: each service's store picks its backend once, at start, from the URL scheme.

use std::str::FromStr;

use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{PgPool, SqlitePool};

#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("unsupported database URL {0:?}: expected sqlite://PATH or postgres://…")]
    UnsupportedUrl(String),
    #[error("cannot connect to {url}: {source}")]
    Connect {
        url: String,
        #[source]
        source: sqlx::Error,
    },
    #[error("migrations failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
}

/// Which backend a URL names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn of_url(url: &str) -> Result<Self, DbError> {
        if url.starts_with("sqlite:") {
            Ok(Self::Sqlite)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Ok(Self::Postgres)
        } else {
            Err(DbError::UnsupportedUrl(redact(url)))
        }
    }
}

/// Hides a password in a URL before it reaches a log or an error message.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => {
            let userinfo = &url[s + 3..at];
            match userinfo.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..s + 3], &url[at..]),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

/// Opens (creating if missing) a SQLite database in WAL mode, so readers never wait on the
/// single writer.
pub async fn connect_sqlite(url: &str) -> Result<SqlitePool, DbError> {
    let err = |source| DbError::Connect {
        url: redact(url),
        source,
    };
    let opts = SqliteConnectOptions::from_str(url)
        .map_err(err)?
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Normal)
        .foreign_keys(true)
        .busy_timeout(std::time::Duration::from_secs(5));
    restrict_file(opts.get_filename());
    SqlitePoolOptions::new()
        .max_connections(8)
        // sqlx pings a connection before lending it out by default, a round trip to the
        // connection's worker thread (two thread wake-ups) in front of every query. A file
        // cannot hang up on us the way a server can, and sqlx pings it again when it comes
        // back to the pool anyway.
        .test_before_acquire(false)
        .connect_with(opts)
        .await
        .map_err(err)
}

/// Held while a database is opened and migrated. sqlx serialises migrators on PostgreSQL with an
/// advisory lock but takes no lock on SQLite, so two processes opening one fresh file (a
/// daemon starting while `artstationd admin create` runs) both saw migration 1 unapplied and
/// the second failed with "table users already exists". An exclusive lock on a file beside
/// the database serialises them; it is released when the guard drops (or the process dies).
#[must_use = "the lock is held only while the guard lives"]
pub struct MigrationLock {
    _file: Option<std::fs::File>,
}

/// Takes the migration lock of the database `url` names (nothing to take for PostgreSQL or an
/// in-memory SQLite database), waiting for another process's migrations to finish.
pub async fn migration_lock(url: &str) -> Result<MigrationLock, DbError> {
    let unlocked = MigrationLock { _file: None };
    if Backend::of_url(url)? != Backend::Sqlite {
        return Ok(unlocked);
    }
    let err = |source| DbError::Connect {
        url: redact(url),
        source,
    };
    let opts = SqliteConnectOptions::from_str(url).map_err(err)?;
    let db = opts.get_filename();
    if db.as_os_str().is_empty() || db == std::path::Path::new(":memory:") {
        return Ok(unlocked);
    }
    let mut path = db.as_os_str().to_owned();
    path.push(".migrate-lock");
    let lock_err = |e: std::io::Error| err(sqlx::Error::Io(e));
    let file = tokio::task::spawn_blocking(move || {
        let file = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)?;
        file.lock()?;
        Ok::<_, std::io::Error>(file)
    })
    .await
    .map_err(|e| lock_err(std::io::Error::other(e)))?
    .map_err(lock_err)?;
    Ok(MigrationLock { _file: Some(file) })
}

/// The auth database holds signing keys, so every database file is made owner-only before
/// SQLite opens it; SQLite gives its -wal and -shm files the main file's mode.
#[cfg(unix)]
fn restrict_file(path: &std::path::Path) {
    use std::os::unix::fs::{OpenOptionsExt as _, PermissionsExt as _};
    if path.as_os_str().is_empty() || path == std::path::Path::new(":memory:") {
        return;
    }
    let outcome = match std::fs::metadata(path) {
        Ok(meta) if meta.permissions().mode() & 0o077 != 0 => {
            std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))
        }
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => std::fs::OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(false)
            .mode(0o600)
            .open(path)
            .map(drop),
        Err(e) => Err(e),
    };
    // SQLite reports the real problem (missing directory, no access) when it opens the file.
    if let Err(e) = outcome {
        tracing::warn!(path = %path.display(), error = %e, "cannot restrict database file mode");
    }
}

#[cfg(not(unix))]
fn restrict_file(_path: &std::path::Path) {}

/// Transactions that write. On SQLite they take the write lock at `BEGIN` (`IMMEDIATE`): a
/// deferred transaction that reads first and writes later fails at once with "database is
/// locked" when another connection wrote in between (the busy timeout only covers waiting to
/// begin), so concurrent uploads, favourites and view flushes turned into 500s.
pub trait BeginWrite {
    type Db: sqlx::Database;
    fn begin_write(
        &self,
    ) -> impl std::future::Future<Output = Result<sqlx::Transaction<'static, Self::Db>, sqlx::Error>>
    + Send
    + '_;
}

impl BeginWrite for SqlitePool {
    type Db = sqlx::Sqlite;
    fn begin_write(
        &self,
    ) -> impl std::future::Future<Output = Result<sqlx::Transaction<'static, Self::Db>, sqlx::Error>>
    + Send
    + '_ {
        self.begin_with("BEGIN IMMEDIATE")
    }
}

impl BeginWrite for PgPool {
    type Db = sqlx::Postgres;
    fn begin_write(
        &self,
    ) -> impl std::future::Future<Output = Result<sqlx::Transaction<'static, Self::Db>, sqlx::Error>>
    + Send
    + '_ {
        self.begin()
    }
}

/// Whether a database error means the database is out of reach (down, restarting, the pool
/// exhausted) rather than a fault of the request or the code: such errors are `unavailable`
/// (503, retry later), not `internal`.
pub fn is_unavailable(e: &sqlx::Error) -> bool {
    match e {
        sqlx::Error::Io(_)
        | sqlx::Error::Tls(_)
        | sqlx::Error::PoolTimedOut
        | sqlx::Error::PoolClosed
        | sqlx::Error::WorkerCrashed => true,
        // SQLSTATE classes 08 (connection exception) and 57P (operator intervention: the
        // server shutting down or restarting).
        sqlx::Error::Database(db) => db
            .code()
            .is_some_and(|c| c.starts_with("08") || c.starts_with("57P")),
        _ => false,
    }
}

/// The answer to a request that met an unreachable database: 503, retry in a second.
pub fn unavailable(e: &sqlx::Error) -> crate::ServiceError {
    tracing::warn!(error = %e, "database unavailable");
    crate::ServiceError {
        retry_after: Some(1),
        ..crate::ServiceError::unavailable("the database is unavailable; try again shortly")
    }
}

pub async fn connect_postgres(url: &str) -> Result<PgPool, DbError> {
    let err = |source| DbError::Connect {
        url: redact(url),
        source,
    };
    let opts = PgConnectOptions::from_str(url).map_err(err)?;
    PgPoolOptions::new()
        .max_connections(16)
        // While PostgreSQL is down a request waits this long for a connection before it is
        // answered 503; short, so clients fail fast and retry, long enough to ride out a
        // brief burst that has every connection busy.
        .acquire_timeout(std::time::Duration::from_secs(2))
        .connect_with(opts)
        .await
        .map_err(err)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backends_come_from_the_scheme() {
        assert_eq!(Backend::of_url("sqlite://x.db").ok(), Some(Backend::Sqlite));
        assert_eq!(
            Backend::of_url("sqlite::memory:").ok(),
            Some(Backend::Sqlite)
        );
        assert_eq!(
            Backend::of_url("postgres://u@h/db").ok(),
            Some(Backend::Postgres)
        );
        assert!(Backend::of_url("mysql://u:secret@h/db").is_err());
    }

    #[test]
    fn passwords_are_redacted() {
        assert_eq!(redact("postgres://u:secret@h/db"), "postgres://u:***@h/db");
        assert_eq!(redact("postgres://u@h/db"), "postgres://u@h/db");
        let e = Backend::of_url("mysql://u:secret@h/db")
            .map(|_| ())
            .unwrap_err();
        assert!(!e.to_string().contains("secret"));
    }
}
