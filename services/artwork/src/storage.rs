//! Blob storage for originals, behind one trait so the embedded default (local disk) and the
//! production profile (S3, a later backend) are interchangeable.
//!
//! Uploads are first staged in a local file (hashed and validated while streaming), then
//! committed to the blob store under a key the service chose. Keys are never built from
//! user-supplied names.

use std::path::{Path, PathBuf};

use bytes::Bytes;

#[derive(Debug, thiserror::Error)]
pub enum StorageError {
    #[error("unsupported storage URL {0:?}: expected file:///PATH")]
    UnsupportedUrl(String),
    #[error("invalid blob key {0:?}")]
    InvalidKey(String),
    #[error("storage I/O on {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

fn io_err(path: &Path) -> impl FnOnce(std::io::Error) -> StorageError + '_ {
    move |source| StorageError::Io {
        path: path.to_owned(),
        source,
    }
}

/// A key inside the blob store: `[a-z0-9-]` segments separated by `/`, built by the service.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct BlobKey(String);

impl BlobKey {
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

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[async_trait::async_trait]
pub trait BlobStore: Send + Sync + 'static {
    /// Moves a fully written local file into the store under `key`; durable when it returns.
    async fn put_file(&self, key: &BlobKey, staged: &Path) -> Result<(), StorageError>;
    async fn get(&self, key: &BlobKey) -> Result<Option<Bytes>, StorageError>;
    async fn delete(&self, key: &BlobKey) -> Result<(), StorageError>;
    async fn exists(&self, key: &BlobKey) -> Result<bool, StorageError>;
    /// Where uploads are staged before `put_file`. For local disk this is on the same file
    /// system as the store, so committing is an atomic rename.
    fn staging_dir(&self) -> &Path;
}

/// Originals as files under a root directory.
pub struct LocalDisk {
    root: PathBuf,
    staging: PathBuf,
}

impl LocalDisk {
    pub async fn open(root: impl Into<PathBuf>) -> Result<Self, StorageError> {
        let root = root.into();
        let staging = root.join(".staging");
        tokio::fs::create_dir_all(&staging)
            .await
            .map_err(io_err(&staging))?;
        Ok(Self { root, staging })
    }

    fn path(&self, key: &BlobKey) -> PathBuf {
        self.root.join(key.as_str())
    }
}

/// Flushes a directory entry so a rename survives a crash.
async fn sync_dir(dir: &Path) -> Result<(), StorageError> {
    let d = tokio::fs::File::open(dir).await.map_err(io_err(dir))?;
    d.sync_all().await.map_err(io_err(dir))
}

#[async_trait::async_trait]
impl BlobStore for LocalDisk {
    async fn put_file(&self, key: &BlobKey, staged: &Path) -> Result<(), StorageError> {
        let dest = self.path(key);
        let parent = dest.parent().unwrap_or(&self.root).to_owned();
        tokio::fs::create_dir_all(&parent)
            .await
            .map_err(io_err(&parent))?;
        tokio::fs::File::open(staged)
            .await
            .map_err(io_err(staged))?
            .sync_all()
            .await
            .map_err(io_err(staged))?;
        tokio::fs::rename(staged, &dest)
            .await
            .map_err(io_err(&dest))?;
        sync_dir(&parent).await
    }

    async fn get(&self, key: &BlobKey) -> Result<Option<Bytes>, StorageError> {
        let path = self.path(key);
        match tokio::fs::read(&path).await {
            Ok(b) => Ok(Some(Bytes::from(b))),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(io_err(&path)(e)),
        }
    }

    async fn delete(&self, key: &BlobKey) -> Result<(), StorageError> {
        let path = self.path(key);
        match tokio::fs::remove_file(&path).await {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(io_err(&path)(e)),
        }
    }

    async fn exists(&self, key: &BlobKey) -> Result<bool, StorageError> {
        let path = self.path(key);
        tokio::fs::try_exists(&path).await.map_err(io_err(&path))
    }

    fn staging_dir(&self) -> &Path {
        &self.staging
    }
}

/// Opens the blob store a storage URL names.
pub async fn open(url: &str) -> Result<std::sync::Arc<dyn BlobStore>, StorageError> {
    match url.strip_prefix("file://") {
        Some(path) if path.starts_with('/') => {
            Ok(std::sync::Arc::new(LocalDisk::open(path).await?))
        }
        _ => Err(StorageError::UnsupportedUrl(url.to_owned())),
    }
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
    }

    #[tokio::test]
    async fn local_disk_commits_atomically_and_deletes() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let store = LocalDisk::open(dir.path()).await?;
        let staged = store.staging_dir().join("upload-1");
        tokio::fs::write(&staged, b"bytes").await?;
        let key = BlobKey::original(&uuid::Uuid::now_v7());
        store.put_file(&key, &staged).await?;
        assert!(!staged.exists(), "staged file must be moved, not copied");
        assert_eq!(store.get(&key).await?.as_deref(), Some(&b"bytes"[..]));
        assert!(store.exists(&key).await?);
        store.delete(&key).await?;
        assert_eq!(store.get(&key).await?, None);
        store.delete(&key).await?;
        Ok(())
    }

    #[tokio::test]
    async fn storage_urls_must_be_absolute_file_urls() {
        assert!(open("s3://bucket").await.is_err());
        assert!(open("file://relative").await.is_err());
    }
}
