//! The upload pipeline's first half: stream into a staged file while hashing (SHA-256) and
//! counting, decide the type from the bytes (never the name), read the dimensions from the
//! header and check them against the pixel limits before anything is decoded, and refuse a
//! JPEG cut off before its end (nothing decodes it before the upload is acknowledged). A staged file is
//! removed when dropped (a committed one has been moved or copied into the blob store by then),
//! so an upload that fails or is cut off leaves nothing behind.

use std::path::{Path, PathBuf};

use artstation_common::{ErrorCode, ServiceError};
use sha2::{Digest, Sha256};

use super::format::{Dimensions, ImageKind, PixelLimits};
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

/// A staged original whose bytes were checked.
#[derive(Debug)]
pub struct Verified {
    pub staged: Staged,
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

pub struct Ingest {
    file: tokio::fs::File,
    staged: Staged,
    hasher: Sha256,
    size: u64,
    max_size: u64,
    limits: PixelLimits,
    head: Vec<u8>,
    kind: Option<ImageKind>,
    jpeg: super::jpeg_scan::JpegScan,
}

impl Ingest {
    pub async fn begin(
        staging_dir: &Path,
        max_size: u64,
        limits: PixelLimits,
    ) -> Result<Self, ServiceError> {
        let path = staging_dir.join(format!("upload-{}", uuid::Uuid::now_v7()));
        let file = tokio::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
            .await
            .map_err(ServiceError::internal)?;
        Ok(Self {
            file,
            staged: Staged { path },
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
        self.file
            .write_all(chunk)
            .await
            .map_err(ServiceError::internal)
    }

    pub async fn finish(mut self) -> Result<Verified, ServiceError> {
        self.file.flush().await.map_err(ServiceError::internal)?;
        drop(self.file);
        if self.size == 0 {
            return Err(ServiceError::validation("file", "the file is empty"));
        }
        let kind = match self.kind {
            Some(k) => k,
            None => ImageKind::sniff(&self.head).ok_or_else(unsupported)?,
        };
        let Dimensions { width, height } =
            super::format::read_dimensions(kind, self.staged.path.clone()).await?;
        self.limits.check(width, height)?;
        if kind == ImageKind::Jpeg && !self.jpeg.complete() {
            return Err(ServiceError::new(
                ErrorCode::UnsupportedMediaType,
                "the image data is damaged or incomplete",
            ));
        }
        Ok(Verified {
            staged: self.staged,
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
        let mut ingest = Ingest::begin(dir.path(), 1024, PixelLimits::default()).await?;
        let err = ingest.write(b"<svg><script>alert(1)</script></svg>").await;
        assert_eq!(
            err.map_err(|e| e.code),
            Err(ErrorCode::UnsupportedMediaType)
        );
        drop(ingest);
        assert_eq!(std::fs::read_dir(dir.path())?.count(), 0);

        let mut ingest = Ingest::begin(dir.path(), 16, PixelLimits::default()).await?;
        let err = ingest.write(&[0u8; 17]).await;
        assert_eq!(err.map_err(|e| e.code), Err(ErrorCode::PayloadTooLarge));
        drop(ingest);
        assert_eq!(std::fs::read_dir(dir.path())?.count(), 0);

        let ingest = Ingest::begin(dir.path(), 16, PixelLimits::default()).await?;
        let err = ingest.finish().await.map(|_| ());
        assert_eq!(err.map_err(|e| e.code), Err(ErrorCode::ValidationFailed));
        assert_eq!(std::fs::read_dir(dir.path())?.count(), 0);
        Ok(())
    }
}
