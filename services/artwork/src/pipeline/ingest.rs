//! The upload pipeline's first half: spool the bytes while hashing (SHA-256) and counting,
//! decide the type from the bytes (never the name), read the dimensions from the header and
//! check them against the pixel limits before anything is decoded, and refuse a JPEG cut off
//! before its end (nothing decodes it before the upload is acknowledged).
//!
//! The bytes wait in memory while the blob store's [`SpoolBudget`] allows (sending them from
//! there spares a remote store a staged file's write and read-back), else in a staged file: an
//! upload that outgrows its share is written out and goes on on disk. A staged file is removed
//! when dropped (a committed one has been moved or copied into the blob store by then), so an
//! upload that fails or is cut off leaves nothing behind.

use std::path::{Path, PathBuf};

use artstation_common::{ErrorCode, ServiceError};
use bytes::Bytes;
use sha2::{Digest, Sha256};

use super::format::{Dimensions, ImageKind, PixelLimits};
use crate::blobs::{SpoolBudget, SpoolHold};
use tokio::io::AsyncWriteExt;

fn unsupported() -> ServiceError {
    ServiceError::new(
        ErrorCode::UnsupportedMediaType,
        "the file is not a PNG, JPEG, WebP or GIF image",
    )
}

/// A staged upload file, deleted on drop. Committing it to local disk renames it away, to S3
/// copies it; either way nothing is left once the upload is over.
#[derive(Debug)]
pub struct Staged {
    path: PathBuf,
}

impl Staged {
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        if let Err(e) = std::fs::remove_file(&self.path)
            && e.kind() != std::io::ErrorKind::NotFound
        {
            tracing::warn!(path = %self.path.display(), error = %e, "cannot remove staged upload");
        }
    }
}

/// Where an original's bytes wait for the blob store.
#[derive(Debug)]
pub enum Original {
    /// In memory, holding its share of the store's spool budget until dropped.
    Memory {
        bytes: Bytes,
        hold: SpoolHold,
    },
    Staged(Staged),
}

/// An original whose bytes were checked.
#[derive(Debug)]
pub struct Verified {
    pub original: Original,
    pub kind: ImageKind,
    pub sha256: [u8; 32],
    pub size: u64,
    pub width: u32,
    pub height: u32,
}

impl Verified {
    pub fn sha256_hex(&self) -> String {
        hex::encode(self.sha256)
    }
}

enum Spool {
    Memory {
        buf: Vec<u8>,
        hold: SpoolHold,
    },
    Disk {
        file: tokio::fs::File,
        staged: Staged,
    },
}

pub struct Ingest {
    spool: Spool,
    staging_dir: PathBuf,
    budget: SpoolBudget,
    hasher: Sha256,
    size: u64,
    max_size: u64,
    limits: PixelLimits,
    head: Vec<u8>,
    kind: Option<ImageKind>,
    jpeg: super::jpeg_scan::JpegScan,
}

/// A new staged file to spool into.
async fn stage(staging_dir: &Path) -> Result<Spool, ServiceError> {
    let path = staging_dir.join(format!("upload-{}", uuid::Uuid::now_v7()));
    let file = tokio::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .await
        .map_err(ServiceError::internal)?;
    Ok(Spool::Disk {
        file,
        staged: Staged { path },
    })
}

impl Ingest {
    pub async fn begin(
        staging_dir: &Path,
        budget: &SpoolBudget,
        max_size: u64,
        limits: PixelLimits,
    ) -> Result<Self, ServiceError> {
        let spool = if budget.per_upload() > 0 {
            Spool::Memory {
                buf: Vec::new(),
                hold: SpoolHold::default(),
            }
        } else {
            stage(staging_dir).await?
        };
        Ok(Self {
            spool,
            staging_dir: staging_dir.to_owned(),
            budget: budget.clone(),
            hasher: Sha256::new(),
            size: 0,
            max_size,
            limits,
            head: Vec::with_capacity(ImageKind::SNIFF_LEN),
            kind: None,
            jpeg: super::jpeg_scan::JpegScan::default(),
        })
    }

    pub async fn write(&mut self, chunk: &[u8]) -> Result<(), ServiceError> {
        self.size += chunk.len() as u64;
        if self.size > self.max_size {
            return Err(ServiceError::new(
                ErrorCode::PayloadTooLarge,
                format!("uploads are limited to {} bytes", self.max_size),
            ));
        }
        if self.kind.is_none() {
            let need = ImageKind::SNIFF_LEN - self.head.len();
            self.head.extend_from_slice(&chunk[..need.min(chunk.len())]);
            // Refuse as soon as the magic bytes are known, not after 100 MB.
            if self.head.len() == ImageKind::SNIFF_LEN {
                self.kind = Some(ImageKind::sniff(&self.head).ok_or_else(unsupported)?);
            }
        }
        self.hasher.update(chunk);
        self.jpeg.feed(chunk);
        if let Spool::Memory { buf, hold } = &mut self.spool {
            let need = buf.len() + chunk.len();
            if need <= buf.capacity() {
                buf.extend_from_slice(chunk);
                return Ok(());
            }
            // Doubling keeps the copies of a growing buffer linear in its size; the budget
            // counts what is allocated, not what is filled.
            let cap = need.max(buf.capacity() * 2).min(self.budget.per_upload());
            if cap >= need && self.budget.grow(hold, cap) {
                buf.reserve_exact(cap - buf.len());
                buf.extend_from_slice(chunk);
                return Ok(());
            }
            let mut staged = stage(&self.staging_dir).await?;
            if let Spool::Disk { file, .. } = &mut staged {
                file.write_all(buf).await.map_err(ServiceError::internal)?;
            }
            // Gives the buffer and its share of the budget back.
            self.spool = staged;
        }
        match &mut self.spool {
            Spool::Disk { file, .. } => file.write_all(chunk).await.map_err(ServiceError::internal),
            Spool::Memory { .. } => Err(ServiceError::internal("upload spool not staged")),
        }
    }

    pub async fn finish(self) -> Result<Verified, ServiceError> {
        let original = match self.spool {
            Spool::Memory { buf, hold } => Original::Memory {
                bytes: Bytes::from(buf),
                hold,
            },
            Spool::Disk { mut file, staged } => {
                file.flush().await.map_err(ServiceError::internal)?;
                Original::Staged(staged)
            }
        };
        if self.size == 0 {
            return Err(ServiceError::validation("file", "the file is empty"));
        }
        let kind = match self.kind {
            Some(k) => k,
            None => ImageKind::sniff(&self.head).ok_or_else(unsupported)?,
        };
        let Dimensions { width, height } = match &original {
            // A header parse over bytes in hand: no file, no blocking thread.
            Original::Memory { bytes, .. } => {
                artstation_parsers::image::dimensions(kind, std::io::Cursor::new(&bytes[..]))
                    .map_err(|e| {
                        ServiceError::new(ErrorCode::UnsupportedMediaType, e.to_string())
                    })?
            }
            Original::Staged(staged) => {
                super::format::read_dimensions(kind, staged.path.clone()).await?
            }
        };
        self.limits.check(width, height)?;
        if kind == ImageKind::Jpeg && !self.jpeg.complete() {
            return Err(ServiceError::new(
                ErrorCode::UnsupportedMediaType,
                "the image data is damaged or incomplete",
            ));
        }
        Ok(Verified {
            original,
            kind,
            sha256: self.hasher.finalize().into(),
            size: self.size,
            width,
            height,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn refused_uploads_leave_no_staged_file() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let disk = SpoolBudget::disk_only();
        let mut ingest = Ingest::begin(dir.path(), &disk, 1024, PixelLimits::default()).await?;
        let err = ingest.write(b"<svg><script>alert(1)</script></svg>").await;
        assert_eq!(
            err.map_err(|e| e.code),
            Err(ErrorCode::UnsupportedMediaType)
        );
        drop(ingest);
        assert_eq!(std::fs::read_dir(dir.path())?.count(), 0);

        let mut ingest = Ingest::begin(dir.path(), &disk, 16, PixelLimits::default()).await?;
        let err = ingest.write(&[0u8; 17]).await;
        assert_eq!(err.map_err(|e| e.code), Err(ErrorCode::PayloadTooLarge));
        drop(ingest);
        assert_eq!(std::fs::read_dir(dir.path())?.count(), 0);

        let ingest = Ingest::begin(dir.path(), &disk, 16, PixelLimits::default()).await?;
        let err = ingest.finish().await.map(|_| ());
        assert_eq!(err.map_err(|e| e.code), Err(ErrorCode::ValidationFailed));
        assert_eq!(std::fs::read_dir(dir.path())?.count(), 0);
        Ok(())
    }

    /// Feeds `jpeg` in 1000-byte chunks and finishes.
    async fn ingest(
        dir: &Path,
        budget: &SpoolBudget,
        jpeg: &[u8],
    ) -> Result<Verified, ServiceError> {
        let mut ingest = Ingest::begin(dir, budget, 1 << 30, PixelLimits::default()).await?;
        for chunk in jpeg.chunks(1000) {
            ingest.write(chunk).await?;
        }
        ingest.finish().await
    }

    #[tokio::test]
    async fn uploads_wait_in_memory_within_the_budget_and_on_disk_past_it()
    -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let jpeg = artstation_tests::images::pattern_jpeg(300, 200, 4);
        let budget = SpoolBudget::new(jpeg.len() * 3 / 2, jpeg.len() * 2);

        let first = ingest(dir.path(), &budget, &jpeg).await?;
        assert_eq!(
            (first.width, first.height, first.size),
            (300, 200, jpeg.len() as u64)
        );
        assert_eq!(first.sha256, <[u8; 32]>::from(Sha256::digest(&jpeg)));
        let Original::Memory { bytes, hold } = &first.original else {
            return Err("a small upload was staged on disk".into());
        };
        assert_eq!(&bytes[..], &jpeg[..]);
        assert!(hold.bytes() >= jpeg.len());
        assert_eq!(std::fs::read_dir(dir.path())?.count(), 0);

        // What the first holds leaves too little for a second: it goes on on disk, whole.
        let second = ingest(dir.path(), &budget, &jpeg).await?;
        let Original::Staged(staged) = &second.original else {
            return Err("an upload past the budget stayed in memory".into());
        };
        assert_eq!(std::fs::read(staged.path())?, jpeg);
        assert_eq!((second.width, second.height), (300, 200));
        drop(second);
        assert_eq!(std::fs::read_dir(dir.path())?.count(), 0);

        // One upload larger than its own bound is staged however much budget is free.
        drop(first);
        let small = SpoolBudget::new(1 << 20, jpeg.len() / 2);
        let big = ingest(dir.path(), &small, &jpeg).await?;
        assert!(matches!(big.original, Original::Staged(_)));
        assert_eq!(small.available(), 1 << 20);
        Ok(())
    }
}
