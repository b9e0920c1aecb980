//! Blobs in an S3 bucket (AWS, or a self-hosted server such as Garage or MinIO through
//! `ARTSTATION_S3_ENDPOINT` with path-style addressing).
//!
//! Checksums: recent SDK releases add a CRC32 checksum (and trailing-checksum chunked
//! encoding) to every upload by default, which several S3-compatible servers and presigned URLs
//! reject. The client is set to compute checksums only when an operation requires one, and
//! instead every upload carries the SHA-256 of its bytes (`x-amz-checksum-sha256`, per part for
//! multipart uploads) so the server verifies what it received against what was hashed here.
//! That checksum is what protects the bytes, so the request signature does not cover the
//! payload (`UNSIGNED-PAYLOAD`): signing it would hash every byte once more.
//!
//! Originals up to the multipart threshold are spooled in memory within [`S3Store::SPOOL_MEMORY`]
//! over all uploads and sent from there; larger ones, and any past that budget, are staged on
//! disk and sent from the file.

use std::ops::Range;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use aws_sdk_s3::Client;
use aws_sdk_s3::config::{
    BehaviorVersion, Credentials, Region, RequestChecksumCalculation, ResponseChecksumValidation,
};
use aws_sdk_s3::error::{DisplayErrorContext, ProvideErrorMetadata};
use aws_sdk_s3::primitives::ByteStream;
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use bytes::Bytes;
use sha2::{Digest as _, Sha256};

use super::{BlobInfo, BlobKey, BlobRead, BlobStore, SpoolBudget, StorageError, io_err};

mod multipart;

/// How to reach a bucket.
#[derive(Clone)]
pub struct S3Config {
    pub bucket: String,
    /// A custom endpoint (self-hosted servers); `None` means AWS.
    pub endpoint: Option<String>,
    pub region: String,
    pub access_key_id: String,
    pub secret_access_key: String,
    pub session_token: Option<String>,
    /// Files larger than this are sent as multipart uploads.
    pub multipart_threshold: u64,
    /// Size of each part but the last (S3's minimum is 5 MiB).
    pub part_size: u64,
    /// Where uploads are staged on local disk before they are sent.
    pub staging_dir: PathBuf,
}

impl std::fmt::Debug for S3Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never the secret.
        f.debug_struct("S3Config")
            .field("bucket", &self.bucket)
            .field("endpoint", &self.endpoint)
            .field("region", &self.region)
            .field("access_key_id", &self.access_key_id)
            .finish_non_exhaustive()
    }
}

impl S3Config {
    pub const DEFAULT_MULTIPART_THRESHOLD: u64 = 16 * 1024 * 1024;
    pub const DEFAULT_PART_SIZE: u64 = 8 * 1024 * 1024;

    /// Credentials and region from the standard variables: `AWS_ACCESS_KEY_ID`,
    /// `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`, `AWS_REGION` (or `AWS_DEFAULT_REGION`).
    pub fn from_env(
        bucket: &str,
        endpoint: Option<String>,
        staging_dir: PathBuf,
    ) -> Result<Self, StorageError> {
        let var = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
        Ok(Self {
            bucket: bucket.to_owned(),
            endpoint,
            region: var("AWS_REGION")
                .or_else(|| var("AWS_DEFAULT_REGION"))
                .unwrap_or_else(|| "us-east-1".into()),
            access_key_id: var("AWS_ACCESS_KEY_ID")
                .ok_or(StorageError::MissingSetting("AWS_ACCESS_KEY_ID"))?,
            secret_access_key: var("AWS_SECRET_ACCESS_KEY")
                .ok_or(StorageError::MissingSetting("AWS_SECRET_ACCESS_KEY"))?,
            session_token: var("AWS_SESSION_TOKEN"),
            multipart_threshold: Self::DEFAULT_MULTIPART_THRESHOLD,
            part_size: Self::DEFAULT_PART_SIZE,
            staging_dir,
        })
    }
}

pub struct S3Store {
    client: Client,
    config: S3Config,
    spool: SpoolBudget,
}

/// How much of a staged file is read at once when it is sent (the SDK's default is 4 KiB: a
/// system call per page).
const FILE_READ_BUFFER: usize = 256 * 1024;

fn s3_err(op: &'static str, key: &str, e: impl std::error::Error) -> StorageError {
    StorageError::S3 {
        op,
        key: key.to_owned(),
        message: DisplayErrorContext(e).to_string(),
    }
}

fn b64_sha256(bytes: &[u8]) -> String {
    STANDARD.encode(Sha256::digest(bytes))
}

impl S3Store {
    /// Memory the originals of uploads in progress may wait in, over all of them (the gateway
    /// streams at most 64 at once, so most are staged on disk only under a burst of large ones).
    pub const SPOOL_MEMORY: usize = 64 * 1024 * 1024;

    /// Builds the client and checks that the bucket is reachable, so a wrong endpoint, bucket
    /// or key fails at start rather than on the first upload.
    pub async fn open(config: S3Config) -> Result<Self, StorageError> {
        tokio::fs::create_dir_all(&config.staging_dir)
            .await
            .map_err(io_err(&config.staging_dir))?;
        let http = aws_smithy_http_client::Builder::new()
            .tls_provider(aws_smithy_http_client::tls::Provider::Rustls(
                aws_smithy_http_client::tls::rustls_provider::CryptoMode::Ring,
            ))
            .build_https();
        // No overall operation timeout: a 100 MB original over a slow link is legitimate. A
        // server that stops sending, though, must not hold an upload or a download forever.
        let timeouts = aws_sdk_s3::config::timeout::TimeoutConfig::builder()
            .connect_timeout(Duration::from_secs(10))
            .read_timeout(Duration::from_secs(60))
            .build();
        let mut builder = aws_sdk_s3::Config::builder()
            .behavior_version(BehaviorVersion::latest())
            .http_client(http)
            .timeout_config(timeouts)
            .region(Region::new(config.region.clone()))
            .credentials_provider(Credentials::new(
                config.access_key_id.clone(),
                config.secret_access_key.clone(),
                config.session_token.clone(),
                None,
                "artstation-environment",
            ))
            .request_checksum_calculation(RequestChecksumCalculation::WhenRequired)
            .response_checksum_validation(ResponseChecksumValidation::WhenRequired);
        if let Some(endpoint) = &config.endpoint {
            // Self-hosted servers rarely have wildcard DNS for virtual-hosted buckets.
            builder = builder.endpoint_url(endpoint).force_path_style(true);
        }
        let client = Client::from_conf(builder.build());
        client
            .head_bucket()
            .bucket(&config.bucket)
            .send()
            .await
            .map_err(|e| s3_err("HeadBucket", &config.bucket, e))?;
        let spool = SpoolBudget::new(
            Self::SPOOL_MEMORY,
            usize::try_from(config.multipart_threshold).unwrap_or(usize::MAX),
        );
        Ok(Self {
            client,
            config,
            spool,
        })
    }
}

fn is_not_found<E: ProvideErrorMetadata>(
    e: &aws_sdk_s3::error::SdkError<E, aws_sdk_s3::config::http::HttpResponse>,
) -> bool {
    match e {
        aws_sdk_s3::error::SdkError::ServiceError(se) => se.raw().status().as_u16() == 404,
        _ => false,
    }
}

fn system_time(t: Option<&aws_sdk_s3::primitives::DateTime>) -> SystemTime {
    t.and_then(|t| SystemTime::try_from(*t).ok())
        .unwrap_or(SystemTime::UNIX_EPOCH)
}

#[async_trait::async_trait]
impl BlobStore for S3Store {
    async fn put_file(
        &self,
        key: &BlobKey,
        staged: &Path,
        content_type: &str,
        sha256: Option<[u8; 32]>,
    ) -> Result<(), StorageError> {
        let size = tokio::fs::metadata(staged)
            .await
            .map_err(io_err(staged))?
            .len();
        if size > self.config.multipart_threshold {
            return self.put_multipart(key, staged, content_type).await;
        }
        let k = key.as_str();
        let body = ByteStream::read_from()
            .path(staged)
            .buffer_size(FILE_READ_BUFFER)
            .build()
            .await
            .map_err(|e| s3_err("PutObject", k, e))?;
        let mut put = self
            .client
            .put_object()
            .bucket(&self.config.bucket)
            .key(k)
            .content_type(content_type)
            .content_length(i64::try_from(size).unwrap_or(i64::MAX))
            .body(body);
        if let Some(sha) = sha256 {
            put = put.checksum_sha256(STANDARD.encode(sha));
        }
        put.send().await.map_err(|e| s3_err("PutObject", k, e))?;
        Ok(())
    }

    async fn put_buffer(
        &self,
        key: &BlobKey,
        bytes: Bytes,
        content_type: &str,
        sha256: Option<[u8; 32]>,
    ) -> Result<(), StorageError> {
        let k = key.as_str();
        let checksum = match sha256 {
            Some(sha) => STANDARD.encode(sha),
            None => b64_sha256(&bytes),
        };
        self.client
            .put_object()
            .bucket(&self.config.bucket)
            .key(k)
            .content_type(content_type)
            .checksum_sha256(checksum)
            .body(ByteStream::from(bytes))
            .customize()
            .disable_payload_signing()
            .send()
            .await
            .map_err(|e| s3_err("PutObject", k, e))?;
        Ok(())
    }

    async fn read(
        &self,
        key: &BlobKey,
        range: Option<Range<u64>>,
    ) -> Result<Option<BlobRead>, StorageError> {
        let k = key.as_str();
        if let Some(r) = range.as_ref().filter(|r| r.is_empty()) {
            // HTTP cannot ask for zero bytes; answer from the object's metadata instead.
            return Ok(self.head(key).await?.map(|info| BlobRead {
                size: info.size,
                range: r.clone(),
                body: Box::pin(futures::stream::empty()),
            }));
        }
        let mut get = self.client.get_object().bucket(&self.config.bucket).key(k);
        if let Some(r) = &range {
            get = get.range(format!("bytes={}-{}", r.start, r.end - 1));
        }
        let out = match get.send().await {
            Ok(out) => out,
            Err(e) if is_not_found(&e) => return Ok(None),
            Err(e) => return Err(s3_err("GetObject", k, e)),
        };
        let len = u64::try_from(out.content_length().unwrap_or(0)).unwrap_or(0);
        // `Content-Range: bytes A-B/TOTAL` tells the whole size of a ranged read.
        let total = out
            .content_range()
            .and_then(|cr| cr.rsplit('/').next())
            .and_then(|t| t.parse::<u64>().ok());
        let (size, range) = match range {
            Some(r) => (total.unwrap_or(r.end), r),
            None => (len, 0..len),
        };
        let key_owned = k.to_owned();
        let body =
            futures::stream::try_unfold((out.body, key_owned), |(mut body, key)| async move {
                match body.try_next().await {
                    Ok(Some(chunk)) => Ok(Some((chunk, (body, key)))),
                    Ok(None) => Ok(None),
                    Err(e) => Err(s3_err("GetObject", &key, e)),
                }
            });
        Ok(Some(BlobRead {
            size,
            range,
            body: Box::pin(body),
        }))
    }

    async fn head(&self, key: &BlobKey) -> Result<Option<BlobInfo>, StorageError> {
        let k = key.as_str();
        match self
            .client
            .head_object()
            .bucket(&self.config.bucket)
            .key(k)
            .send()
            .await
        {
            Ok(out) => Ok(Some(BlobInfo {
                key: key.clone(),
                size: u64::try_from(out.content_length().unwrap_or(0)).unwrap_or(0),
                modified: system_time(out.last_modified()),
            })),
            Err(e) if is_not_found(&e) => Ok(None),
            Err(e) => Err(s3_err("HeadObject", k, e)),
        }
    }

    async fn delete(&self, key: &BlobKey) -> Result<(), StorageError> {
        let k = key.as_str();
        match self
            .client
            .delete_object()
            .bucket(&self.config.bucket)
            .key(k)
            .send()
            .await
        {
            Ok(_) => Ok(()),
            Err(e) if is_not_found(&e) => Ok(()),
            Err(e) => Err(s3_err("DeleteObject", k, e)),
        }
    }

    async fn list(&self, prefix: &str) -> Result<Vec<BlobInfo>, StorageError> {
        let mut out = Vec::new();
        let mut token: Option<String> = None;
        loop {
            let page = self
                .client
                .list_objects_v2()
                .bucket(&self.config.bucket)
                .prefix(prefix)
                .set_continuation_token(token.take())
                .send()
                .await
                .map_err(|e| s3_err("ListObjectsV2", prefix, e))?;
            for obj in page.contents() {
                // Objects this service did not name (put there by hand) are not its to judge.
                let Some(key) = obj.key().and_then(|k| BlobKey::parse(k).ok()) else {
                    continue;
                };
                out.push(BlobInfo {
                    key,
                    size: u64::try_from(obj.size().unwrap_or(0)).unwrap_or(0),
                    modified: system_time(obj.last_modified()),
                });
            }
            match page.next_continuation_token() {
                Some(t) if page.is_truncated() == Some(true) => token = Some(t.to_owned()),
                _ => break,
            }
        }
        out.sort_by(|a, b| a.key.cmp(&b.key));
        Ok(out)
    }

    async fn abort_stale_uploads(&self, older_than: SystemTime) -> Result<u64, StorageError> {
        let mut aborted = 0;
        let (mut key_marker, mut id_marker): (Option<String>, Option<String>) = (None, None);
        loop {
            let page = self
                .client
                .list_multipart_uploads()
                .bucket(&self.config.bucket)
                .set_key_marker(key_marker.take())
                .set_upload_id_marker(id_marker.take())
                .send()
                .await
                .map_err(|e| s3_err("ListMultipartUploads", "", e))?;
            for upload in page.uploads() {
                let (Some(key), Some(id)) = (upload.key(), upload.upload_id()) else {
                    continue;
                };
                if BlobKey::parse(key).is_err() || system_time(upload.initiated()) >= older_than {
                    continue;
                }
                self.client
                    .abort_multipart_upload()
                    .bucket(&self.config.bucket)
                    .key(key)
                    .upload_id(id)
                    .send()
                    .await
                    .map_err(|e| s3_err("AbortMultipartUpload", key, e))?;
                aborted += 1;
            }
            if page.is_truncated() != Some(true) {
                break;
            }
            key_marker = page.next_key_marker().map(str::to_owned);
            id_marker = page.next_upload_id_marker().map(str::to_owned);
            if key_marker.is_none() {
                break;
            }
        }
        Ok(aborted)
    }

    fn staging_dir(&self) -> &Path {
        &self.config.staging_dir
    }

    fn spool_budget(&self) -> &SpoolBudget {
        &self.spool
    }

    fn describe(&self) -> String {
        match &self.config.endpoint {
            Some(e) => format!("s3://{} at {e}", self.config.bucket),
            None => format!("s3://{}", self.config.bucket),
        }
    }
}
