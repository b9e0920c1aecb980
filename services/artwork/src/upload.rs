//! Upload orchestration (`CreateArtwork`): metadata and chunks (in either order) streamed into
//! the ingest (spooled in memory or staged on disk; type, header limits, a JPEG whole to its
//! end), an explicit `finish`; then the
//! duplicate check, the original under an `Uncommitted` guard, and only then the row with its
//! derivative job. Anything that fails or is cancelled drops the guard, which deletes what was
//! written. The answer says `derivatives: pending`; the workers (`crate::derivatives`) make
//! the thumbnail, preview and near-duplicate flag after.

use artstation_common::ServiceError;
use artstation_common::jwt::AccessClaims;
use artstation_domain::Role;
use artstation_proto::artwork::v1 as pb;
use tonic::{Status, Streaming};

use crate::blobs::{BlobKey, Uncommitted};
use crate::input::{NewArtwork, parse_metadata};
use crate::pipeline::ingest::{Ingest, Original, Verified};
use crate::state::State;
use crate::store::{ArtworkRecord, DerivativeState, StoreError};

impl State {
    pub(crate) async fn create(
        &self,
        claims: AccessClaims,
        mut stream: Streaming<pb::UploadRequest>,
    ) -> Result<pb::Artwork, ServiceError> {
        if claims.role != Role::Artist {
            return Err(ServiceError::forbidden("only artists can upload artworks"));
        }
        // Until the answer: the derivative workers hold back meanwhile (`derivatives::gate`).
        let _in_flight = self.derivative_signals.uploads.enter();
        let aborted = |s: Status| {
            tracing::info!(status = %s, "upload aborted by the client");
            ServiceError::validation("file", "the upload was interrupted")
        };
        // Metadata may come before the chunks (checked before any byte is staged) or after
        // them: an HTML form or `curl -F` sends parts in any order, and the gateway must not
        // buffer a file to reorder it, so the bytes go to the spool either way.
        let mut meta: Option<NewArtwork> = None;
        let mut ingest: Option<Ingest> = None;
        let mut finished = false;
        while let Some(msg) = stream.message().await.map_err(aborted)? {
            match msg.part {
                Some(pb::upload_request::Part::Metadata(m)) if meta.is_none() && !finished => {
                    meta = Some(self.upload_metadata(m).await?);
                    if ingest.is_none() {
                        ingest = Some(self.begin_ingest().await?);
                    }
                }
                Some(pb::upload_request::Part::Metadata(_)) if !finished => {
                    return Err(ServiceError::validation("metadata", "metadata sent twice"));
                }
                Some(pb::upload_request::Part::Chunk(bytes)) if !finished => {
                    let staged = match &mut ingest {
                        Some(staged) => staged,
                        None => ingest.insert(self.begin_ingest().await?),
                    };
                    artstation_common::telemetry::metrics::upload_bytes(bytes.len());
                    staged.write(&bytes).await?;
                }
                Some(pb::upload_request::Part::Finish(_)) if !finished => finished = true,
                Some(_) => {
                    return Err(ServiceError::validation("file", "data after finish"));
                }
                None => {}
            }
        }
        if !finished {
            // A clean end of stream without `finish` is a client that gave up midway: storing
            // what arrived would keep a truncated original.
            return Err(ServiceError::validation(
                "file",
                "the upload ended before it was finished",
            ));
        }
        let Some(meta) = meta else {
            return Err(ServiceError::validation(
                "metadata",
                "the metadata part is missing",
            ));
        };
        let Some(ingest) = ingest else {
            return Err(ServiceError::validation("file", "the file part is missing"));
        };
        let verified = ingest.finish().await?;
        self.commit(claims, meta, verified).await
    }

    async fn begin_ingest(&self) -> Result<Ingest, ServiceError> {
        Ingest::begin(
            self.blobs.staging_dir(),
            self.blobs.spool_budget(),
            self.config.max_upload_bytes,
            self.config.limits,
        )
        .await
    }

    async fn upload_metadata(&self, m: pb::UploadMetadata) -> Result<NewArtwork, ServiceError> {
        let meta = parse_metadata(m)?;
        if let Some(c) = &meta.category {
            self.check_category(c).await?;
        }
        Ok(meta)
    }

    /// Everything after the bytes arrived: the duplicate check, the original, then the row
    /// and its derivative job in one transaction. Decoding is the derivative workers' job.
    async fn commit(
        &self,
        claims: AccessClaims,
        meta: NewArtwork,
        verified: Verified,
    ) -> Result<pb::Artwork, ServiceError> {
        let sha256 = verified.sha256_hex();
        if let Some(existing_id) = self.store.find_by_sha256(&claims.sub, &sha256).await? {
            return Err(StoreError::Duplicate { existing_id }.into());
        }
        let id = uuid::Uuid::now_v7();
        let mut written = Uncommitted::new(self.blobs.clone());
        let key = written.track(BlobKey::original(&id));
        let content_type = verified.kind.content_type();
        let stored = match verified.original {
            // The hold is kept until the bytes are stored, so the budget counts them till then.
            Original::Memory { bytes, hold } => {
                let stored = self
                    .blobs
                    .put_buffer(&key, bytes, content_type, Some(verified.sha256))
                    .await;
                drop(hold);
                stored
            }
            Original::Staged(staged) => {
                self.blobs
                    .put_file(&key, staged.path(), content_type, Some(verified.sha256))
                    .await
            }
        };
        stored.map_err(ServiceError::internal)?;
        let record = ArtworkRecord {
            id: id.to_string(),
            artist_id: claims.sub,
            artist_username: claims.preferred_username,
            title: meta.title,
            description: meta.description,
            tags: meta.tags,
            category: meta.category,
            price: meta.price,
            licence: meta.licence,
            edition_size: meta.edition_size,
            status: meta.status,
            content_type: verified.kind.content_type().to_owned(),
            size_bytes: verified.size,
            width: verified.width,
            height: verified.height,
            sha256,
            blob_key: key.as_str().to_owned(),
            favorite_count: 0,
            editions_sold: 0,
            created_at: artstation_common::now(),
            thumbnail: None,
            preview: None,
            phash: None,
            near_duplicate_of: None,
            derivatives: DerivativeState::Pending,
        };
        // On failure `written` is dropped armed and removes the original.
        self.store.create(&record).await?;
        written.disarm();
        self.derivative_signals.wake.notify_one();
        tracing::info!(artwork_id = %record.id, size = record.size_bytes, "artwork created");
        self.announce_published(&record).await;
        // The uploader is the owner, who may see the flag (once the workers set it).
        Ok(self.present_flagged(record, true).await)
    }
}
