//! Blobs as files under a root directory: written to a temp file, fsynced, renamed into place,
//! and the directory fsynced, so a blob is either whole or absent after a crash.

use std::ops::Range;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use bytes::Bytes;
use tokio::io::{AsyncReadExt as _, AsyncSeekExt as _, AsyncWriteExt as _};

use super::{BlobInfo, BlobKey, BlobRead, BlobStore, SpoolBudget, StorageError, io_err};

/// Files are read back in pieces of this size.
const READ_CHUNK: usize = 256 * 1024;

pub struct LocalDisk {
    root: PathBuf,
    staging: PathBuf,
    /// None: a staged file is committed by a rename, which holding it in memory cannot beat.
    spool: SpoolBudget,
}

impl LocalDisk {
    pub async fn open(root: impl Into<PathBuf>) -> Result<Self, StorageError> {
        let root = root.into();
        // Staged files live inside the root so committing them is a rename on one file system;
        // the dot keeps them out of the key space (keys never start with a dot).
        let staging = root.join(".staging");
        tokio::fs::create_dir_all(&staging)
            .await
            .map_err(io_err(&staging))?;
        Ok(Self {
            root,
            staging,
            spool: SpoolBudget::disk_only(),
        })
    }

    fn path(&self, key: &BlobKey) -> PathBuf {
        self.root.join(key.as_str())
    }

    async fn ensure_parent(&self, dest: &Path) -> Result<PathBuf, StorageError> {
        let parent = dest.parent().unwrap_or(&self.root).to_owned();
        tokio::fs::create_dir_all(&parent)
            .await
            .map_err(io_err(&parent))?;
        Ok(parent)
    }
}

/// Flushes a directory entry so a rename survives a crash.
async fn sync_dir(dir: &Path) -> Result<(), StorageError> {
    let d = tokio::fs::File::open(dir).await.map_err(io_err(dir))?;
    d.sync_all().await.map_err(io_err(dir))
}

fn not_found(e: &std::io::Error) -> bool {
    e.kind() == std::io::ErrorKind::NotFound
}

#[async_trait::async_trait]
impl BlobStore for LocalDisk {
    async fn put_file(
        &self,
        key: &BlobKey,
        staged: &Path,
        _content_type: &str,
        _sha256: Option<[u8; 32]>,
    ) -> Result<(), StorageError> {
        let dest = self.path(key);
        let parent = self.ensure_parent(&dest).await?;
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

    async fn put_buffer(
        &self,
        key: &BlobKey,
        bytes: Bytes,
        _content_type: &str,
        _sha256: Option<[u8; 32]>,
    ) -> Result<(), StorageError> {
        let dest = self.path(key);
        let parent = self.ensure_parent(&dest).await?;
        let tmp = self
            .staging
            .join(format!("put-{}", uuid::Uuid::now_v7().simple()));
        let written = async {
            let mut f = tokio::fs::File::create(&tmp).await?;
            f.write_all(&bytes).await?;
            f.sync_all().await?;
            tokio::fs::rename(&tmp, &dest).await
        }
        .await;
        if let Err(e) = written {
            let _ = tokio::fs::remove_file(&tmp).await;
            return Err(io_err(&dest)(e));
        }
        sync_dir(&parent).await
    }

    async fn read(
        &self,
        key: &BlobKey,
        range: Option<Range<u64>>,
    ) -> Result<Option<BlobRead>, StorageError> {
        let path = self.path(key);
        let mut file = match tokio::fs::File::open(&path).await {
            Ok(f) => f,
            Err(e) if not_found(&e) => return Ok(None),
            Err(e) => return Err(io_err(&path)(e)),
        };
        let size = file.metadata().await.map_err(io_err(&path))?.len();
        let range = range.unwrap_or(0..size);
        if range.start > range.end || range.end > size {
            return Err(StorageError::Io {
                path,
                source: std::io::Error::new(
                    std::io::ErrorKind::InvalidInput,
                    format!("range {range:?} outside a blob of {size} bytes"),
                ),
            });
        }
        file.seek(std::io::SeekFrom::Start(range.start))
            .await
            .map_err(io_err(&path))?;
        let remaining = range.end - range.start;
        let body = futures::stream::try_unfold(
            (file, remaining, path),
            |(mut file, remaining, path)| async move {
                if remaining == 0 {
                    return Ok(None);
                }
                let want = usize::try_from(remaining.min(READ_CHUNK as u64)).unwrap_or(READ_CHUNK);
                let mut buf = vec![0u8; want];
                let n = file.read(&mut buf).await.map_err(io_err(&path))?;
                if n == 0 {
                    return Err(StorageError::Io {
                        path,
                        source: std::io::ErrorKind::UnexpectedEof.into(),
                    });
                }
                buf.truncate(n);
                Ok(Some((Bytes::from(buf), (file, remaining - n as u64, path))))
            },
        );
        Ok(Some(BlobRead {
            size,
            range,
            body: Box::pin(body),
        }))
    }

    async fn head(&self, key: &BlobKey) -> Result<Option<BlobInfo>, StorageError> {
        let path = self.path(key);
        match tokio::fs::metadata(&path).await {
            Ok(m) => Ok(Some(BlobInfo {
                key: key.clone(),
                size: m.len(),
                modified: m.modified().map_err(io_err(&path))?,
            })),
            Err(e) if not_found(&e) => Ok(None),
            Err(e) => Err(io_err(&path)(e)),
        }
    }

    async fn delete(&self, key: &BlobKey) -> Result<(), StorageError> {
        let path = self.path(key);
        match tokio::fs::remove_file(&path).await {
            Ok(()) => Ok(()),
            Err(e) if not_found(&e) => Ok(()),
            Err(e) => Err(io_err(&path)(e)),
        }
    }

    async fn list(&self, prefix: &str) -> Result<Vec<BlobInfo>, StorageError> {
        // Walk from the deepest directory the prefix names, then filter by the full prefix.
        let start = match prefix.rfind('/') {
            Some(i) => self.root.join(&prefix[..i]),
            None => self.root.clone(),
        };
        let mut out = Vec::new();
        let mut stack = vec![start];
        while let Some(dir) = stack.pop() {
            let mut entries = match tokio::fs::read_dir(&dir).await {
                Ok(e) => e,
                Err(e) if not_found(&e) => continue,
                Err(e) => return Err(io_err(&dir)(e)),
            };
            while let Some(entry) = entries.next_entry().await.map_err(io_err(&dir))? {
                let path = entry.path();
                let meta = entry.metadata().await.map_err(io_err(&path))?;
                if meta.is_dir() {
                    stack.push(path);
                    continue;
                }
                let Some(rel) = path.strip_prefix(&self.root).ok().and_then(Path::to_str) else {
                    continue;
                };
                // Anything that is not a valid key (the staging area, stray files) is not ours.
                let Ok(key) = BlobKey::parse(rel) else {
                    continue;
                };
                if key.as_str().starts_with(prefix) {
                    out.push(BlobInfo {
                        key,
                        size: meta.len(),
                        modified: meta.modified().map_err(io_err(&path))?,
                    });
                }
            }
        }
        out.sort_by(|a, b| a.key.cmp(&b.key));
        Ok(out)
    }

    async fn abort_stale_uploads(&self, _older_than: SystemTime) -> Result<u64, StorageError> {
        Ok(0)
    }

    fn staging_dir(&self) -> &Path {
        &self.staging
    }

    fn spool_budget(&self) -> &SpoolBudget {
        &self.spool
    }

    fn describe(&self) -> String {
        format!("file://{}", self.root.display())
    }
}
