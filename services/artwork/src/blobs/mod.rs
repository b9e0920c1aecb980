//! Blob storage for originals and their derivatives, behind one trait so the embedded default
//! (local disk) and the production profile (S3) are interchangeable. The backend is chosen once,
//! at start, from the storage URL's scheme.
//!
//! Uploads are spooled (hashed and validated while streaming) in memory, within the store's
//! [`SpoolBudget`], or else in a local staged file, then committed to the blob store under a
//! key the service chose. Keys are never built from user-supplied names.

mod local;
mod s3;
mod spool;

use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

use bytes::Bytes;
use futures::stream::BoxStream;

pub use local::LocalDisk;
pub use s3::{S3Config, S3Store};
pub use spool::{SpoolBudget, SpoolHold};

#[derive(Debug, thiserror::Error)]
pub enum StorageError {
    #[error("unsupported storage URL {0:?}: expected file:///PATH or s3://BUCKET")]
    UnsupportedUrl(String),
    #[error("invalid blob key {0:?}")]
    InvalidKey(String),
    #[error("S3 storage needs {0}")]
    MissingSetting(&'static str),
    #[error("storage I/O on {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("S3 {op} {key}: {message}")]
    S3 {
        op: &'static str,
        key: String,
        message: String,
    },
}

pub(crate) fn io_err(path: &Path) -> impl FnOnce(std::io::Error) -> StorageError + '_ {
    move |source| StorageError::Io {
        path: path.to_owned(),
        source,
    }
}

/// A key inside the blob store: `[a-z0-9-]` segments separated by `/`, built by the service.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct BlobKey(String);

/// The derivative images made from every original.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Variant {
    Thumbnail,
    Preview,
}

impl Variant {
    pub fn name(self) -> &'static str {
        match self {
            Self::Thumbnail => "thumbnail",
            Self::Preview => "preview",
        }
    }
}

impl BlobKey {
    /// Prefixes under which the service stores blobs; the orphan sweep walks exactly these.
    pub const PREFIXES: [&'static str; 2] = ["originals/", "derivatives/"];

    pub fn parse(s: &str) -> Result<Self, StorageError> {
        let ok = !s.is_empty()
            && s.len() <= 200
            && s.split('/').all(|seg| {
                !seg.is_empty()
                    && seg
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            });
        if ok {
            Ok(Self(s.to_owned()))
        } else {
            Err(StorageError::InvalidKey(s.to_owned()))
        }
    }

    /// Where the original of an artwork lives.
    pub fn original(artwork_id: &uuid::Uuid) -> Self {
        Self(format!("originals/{}", artwork_id.as_hyphenated()))
    }

    /// Where a derivative of an artwork lives.
    pub fn derivative(artwork_id: &uuid::Uuid, variant: Variant) -> Self {
        Self(format!(
            "derivatives/{}/{}",
            artwork_id.as_hyphenated(),
            variant.name()
        ))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for BlobKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// The bytes of a blob, streamed.
pub type BlobBody = BoxStream<'static, Result<Bytes, StorageError>>;

/// A blob being read: its whole size, the byte range the body covers, and the body.
pub struct BlobRead {
    pub size: u64,
    pub range: Range<u64>,
    pub body: BlobBody,
}

/// What a listing knows about a blob.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BlobInfo {
    pub key: BlobKey,
    pub size: u64,
    pub modified: SystemTime,
}

#[async_trait::async_trait]
pub trait BlobStore: Send + Sync + 'static {
    /// Copies (or moves) a fully written local file into the store under `key`; the blob is
    /// durable when this returns. The staged file may be gone afterwards; the caller removes it
    /// if not. `sha256`, when known, lets the backend verify what it received.
    async fn put_file(
        &self,
        key: &BlobKey,
        staged: &Path,
        content_type: &str,
        sha256: Option<[u8; 32]>,
    ) -> Result<(), StorageError>;
    /// Stores bytes held in memory (derivatives, originals spooled in memory) under `key`,
    /// durable when this returns. `sha256`, when known, saves hashing them again and lets the
    /// backend verify what it received.
    async fn put_buffer(
        &self,
        key: &BlobKey,
        bytes: Bytes,
        content_type: &str,
        sha256: Option<[u8; 32]>,
    ) -> Result<(), StorageError>;
    /// Stores small bytes (derivatives) under `key`, durable when this returns.
    async fn put_bytes(
        &self,
        key: &BlobKey,
        bytes: Bytes,
        content_type: &str,
    ) -> Result<(), StorageError> {
        self.put_buffer(key, bytes, content_type, None).await
    }
    /// Streams a blob, or the byte range `range` of it (which the caller has checked against
    /// the size it knows). `None` when there is no such blob.
    async fn read(
        &self,
        key: &BlobKey,
        range: Option<Range<u64>>,
    ) -> Result<Option<BlobRead>, StorageError>;
    async fn head(&self, key: &BlobKey) -> Result<Option<BlobInfo>, StorageError>;
    /// Removes a blob; removing a missing blob is not an error.
    async fn delete(&self, key: &BlobKey) -> Result<(), StorageError>;
    /// Every blob whose key starts with `prefix`, in key order.
    async fn list(&self, prefix: &str) -> Result<Vec<BlobInfo>, StorageError>;
    /// Removes incomplete multipart uploads begun before `older_than` (a killed process leaves
    /// them behind); returns how many. Backends without such a thing return 0.
    async fn abort_stale_uploads(&self, older_than: SystemTime) -> Result<u64, StorageError>;
    /// Where uploads are staged before `put_file`. For local disk this is on the same file
    /// system as the store, so committing is an atomic rename.
    fn staging_dir(&self) -> &Path;
    /// How much of the uploads in progress may wait in memory for `put_buffer` instead of in a
    /// staged file for `put_file`.
    fn spool_budget(&self) -> &SpoolBudget;
    /// The store's URL, for logs and status (never with credentials).
    fn describe(&self) -> String;
}

/// Reads a whole blob into memory (for tests and small blobs).
pub async fn read_all(store: &dyn BlobStore, key: &BlobKey) -> Result<Option<Bytes>, StorageError> {
    use futures::TryStreamExt as _;
    let Some(read) = store.read(key, None).await? else {
        return Ok(None);
    };
    let chunks: Vec<Bytes> = read.body.try_collect().await?;
    Ok(Some(Bytes::from(chunks.concat())))
}

/// Blobs written for an upload that has not been committed (its row not yet inserted). Dropped
/// without [`Uncommitted::disarm`] — an error, or the request cancelled because the client went
/// away — it deletes them in the background, so a failed upload leaves no blob behind.
pub struct Uncommitted {
    store: Arc<dyn BlobStore>,
    keys: Vec<BlobKey>,
}

impl Uncommitted {
    pub fn new(store: Arc<dyn BlobStore>) -> Self {
        Self {
            store,
            keys: Vec::new(),
        }
    }

    /// Registers a key before it is written, so a write cut off midway is cleaned up too.
    pub fn track(&mut self, key: BlobKey) -> BlobKey {
        self.keys.push(key.clone());
        key
    }

    /// The upload is committed: its blobs are referenced and must stay.
    pub fn disarm(mut self) {
        self.keys.clear();
    }
}

impl Drop for Uncommitted {
    fn drop(&mut self) {
        if self.keys.is_empty() {
            return;
        }
        let keys = std::mem::take(&mut self.keys);
        let store = self.store.clone();
        let cleanup = async move {
            for key in keys {
                match store.delete(&key).await {
                    Ok(()) => tracing::info!(key = %key, "removed blob of an uncommitted upload"),
                    // The orphan sweep will find it.
                    Err(e) => {
                        tracing::warn!(key = %key, error = %e, "cannot remove blob of an uncommitted upload")
                    }
                }
            }
        };
        match tokio::runtime::Handle::try_current() {
            Ok(handle) => {
                handle.spawn(cleanup);
            }
            Err(_) => {
                tracing::warn!("no runtime to clean up an uncommitted upload; the sweep will")
            }
        }
    }
}

/// What the storage URL alone does not say.
#[derive(Debug, Clone, Default)]
pub struct StorageOptions {
    /// `ARTSTATION_S3_ENDPOINT`: a self-hosted S3 server (path-style addressing is used).
    pub s3_endpoint: Option<String>,
    /// Where uploads for a remote store are staged [default: the system temp dir].
    pub staging_dir: Option<PathBuf>,
}

/// Opens the blob store a storage URL names: `file:///PATH` or `s3://BUCKET` (credentials and
/// region from the standard `AWS_*` variables).
pub async fn open(url: &str, options: &StorageOptions) -> Result<Arc<dyn BlobStore>, StorageError> {
    if let Some(path) = url.strip_prefix("file://") {
        if path.starts_with('/') {
            return Ok(Arc::new(LocalDisk::open(path).await?));
        }
    } else if let Some(bucket) = url.strip_prefix("s3://") {
        let bucket = bucket.trim_end_matches('/');
        if !bucket.is_empty() && !bucket.contains('/') {
            let staging = options
                .staging_dir
                .clone()
                .unwrap_or_else(|| std::env::temp_dir().join("artstation-staging"));
            let config = S3Config::from_env(bucket, options.s3_endpoint.clone(), staging)?;
            return Ok(Arc::new(S3Store::open(config).await?));
        }
    }
    Err(StorageError::UnsupportedUrl(url.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_refuse_traversal_and_odd_characters() {
        for bad in [
            "",
            "../x",
            "a//b",
            "a/../b",
            "A",
            "a b",
            "a/.staging",
            "/abs",
        ] {
            assert!(BlobKey::parse(bad).is_err(), "{bad:?} accepted");
        }
        assert!(BlobKey::parse("originals/0190-ab").is_ok());
        let id = uuid::Uuid::now_v7();
        for key in [
            BlobKey::original(&id),
            BlobKey::derivative(&id, Variant::Thumbnail),
            BlobKey::derivative(&id, Variant::Preview),
        ] {
            assert_eq!(BlobKey::parse(key.as_str()).ok(), Some(key.clone()));
            assert!(
                BlobKey::PREFIXES
                    .iter()
                    .any(|p| key.as_str().starts_with(p))
            );
        }
    }

    #[tokio::test]
    async fn storage_urls_must_name_a_backend() {
        let o = StorageOptions::default();
        assert!(open("file://relative", &o).await.is_err());
        assert!(open("s3://", &o).await.is_err());
        assert!(open("s3://a/b", &o).await.is_err());
        assert!(open("ftp://x", &o).await.is_err());
    }
}
