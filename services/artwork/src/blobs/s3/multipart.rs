//! Originals past the multipart threshold: sent from their staged file in parts, each with
//! its own SHA-256 checksum, the upload aborted when a part fails.

use std::path::Path;

use aws_sdk_s3::error::DisplayErrorContext;
use aws_sdk_s3::primitives::ByteStream;
use aws_sdk_s3::types::{ChecksumAlgorithm, CompletedMultipartUpload, CompletedPart};
use tokio::io::AsyncReadExt as _;

use super::{S3Store, b64_sha256, s3_err};
use crate::blobs::{BlobKey, StorageError, io_err};

impl S3Store {
    pub(super) async fn put_multipart(
        &self,
        key: &BlobKey,
        staged: &Path,
        content_type: &str,
    ) -> Result<(), StorageError> {
        let k = key.as_str();
        let created = self
            .client
            .create_multipart_upload()
            .bucket(&self.config.bucket)
            .key(k)
            .content_type(content_type)
            .checksum_algorithm(ChecksumAlgorithm::Sha256)
            .send()
            .await
            .map_err(|e| s3_err("CreateMultipartUpload", k, e))?;
        let upload_id = created.upload_id().unwrap_or_default().to_owned();
        let result = self.send_parts(k, &upload_id, staged).await;
        let parts = match result {
            Ok(parts) => parts,
            Err(e) => {
                // Incomplete uploads hold storage until aborted; the sweep catches what this
                // misses (a killed process).
                if let Err(abort) = self
                    .client
                    .abort_multipart_upload()
                    .bucket(&self.config.bucket)
                    .key(k)
                    .upload_id(&upload_id)
                    .send()
                    .await
                {
                    tracing::warn!(key = k, error = %DisplayErrorContext(abort), "cannot abort multipart upload");
                }
                return Err(e);
            }
        };
        self.client
            .complete_multipart_upload()
            .bucket(&self.config.bucket)
            .key(k)
            .upload_id(&upload_id)
            .multipart_upload(
                CompletedMultipartUpload::builder()
                    .set_parts(Some(parts))
                    .build(),
            )
            .send()
            .await
            .map_err(|e| s3_err("CompleteMultipartUpload", k, e))?;
        Ok(())
    }

    async fn send_parts(
        &self,
        k: &str,
        upload_id: &str,
        staged: &Path,
    ) -> Result<Vec<CompletedPart>, StorageError> {
        let mut file = tokio::fs::File::open(staged)
            .await
            .map_err(io_err(staged))?;
        let part_size = usize::try_from(self.config.part_size).unwrap_or(8 * 1024 * 1024);
        let mut parts = Vec::new();
        for number in 1i32.. {
            let mut buf = Vec::with_capacity(part_size);
            (&mut file)
                .take(part_size as u64)
                .read_to_end(&mut buf)
                .await
                .map_err(io_err(staged))?;
            if buf.is_empty() && number > 1 {
                break;
            }
            let last = buf.len() < part_size;
            let checksum = b64_sha256(&buf);
            let sent = self
                .client
                .upload_part()
                .bucket(&self.config.bucket)
                .key(k)
                .upload_id(upload_id)
                .part_number(number)
                .checksum_sha256(&checksum)
                .body(ByteStream::from(buf))
                .customize()
                .disable_payload_signing()
                .send()
                .await
                .map_err(|e| s3_err("UploadPart", k, e))?;
            parts.push(
                CompletedPart::builder()
                    .part_number(number)
                    .set_e_tag(sent.e_tag().map(str::to_owned))
                    .checksum_sha256(checksum)
                    .build(),
            );
            if last {
                break;
            }
        }
        Ok(parts)
    }
}
