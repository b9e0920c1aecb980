//! Sending one file: a multipart request streamed from disk (metadata first), counted on its
//! worker's bar and the overall bar, retried per [`retry::Policy`] on transient failures and
//! once after a token refresh; a duplicate the server reports is skipped rather than failed.

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use artstation_api::Artwork;
use futures::TryStreamExt;
use indicatif::ProgressBar;
use reqwest::StatusCode;
use reqwest::multipart::{Form, Part};
use tokio::sync::Mutex;

use super::discover::content_type;
use super::plan::Job;
use super::retry::{self, Policy};
use crate::api::{self, Api};
use crate::error::CliError;
use crate::session::Session;

pub(super) enum Outcome {
    Uploaded(String),
    Skipped { id: String, reason: String },
}

/// The session the workers share: any of them may need a fresh token, one refreshes at a time.
pub(super) struct Auth<'s> {
    session: Mutex<&'s mut Session>,
    pub(super) api: Api,
    can_refresh: bool,
}

impl<'s> Auth<'s> {
    pub(super) fn new(session: &'s mut Session) -> Self {
        Self {
            api: session.api.clone(),
            can_refresh: session.can_refresh(),
            session: Mutex::new(session),
        }
    }

    pub(super) async fn token(&self) -> Result<String, CliError> {
        self.session.lock().await.bearer().await
    }

    /// Refreshes unless another worker already replaced `stale`.
    async fn refresh(&self, stale: &str) -> Result<(), CliError> {
        let mut session = self.session.lock().await;
        if session.bearer().await? == stale {
            session.refresh().await?;
        }
        Ok(())
    }

    pub(super) async fn session(&self) -> tokio::sync::MutexGuard<'_, &'s mut Session> {
        self.session.lock().await
    }
}

/// Byte counters one file's attempts feed.
pub(super) struct Meters<'a> {
    pub bar: &'a ProgressBar,
    pub overall: &'a ProgressBar,
    /// Image bytes sent by the whole run, retries included.
    pub sent: &'a AtomicU64,
    /// Retries of the whole run.
    pub retries: &'a AtomicU64,
}

/// How many 429 answers one file waits out before they count as failures (with the server's
/// one-second Retry-After, a few minutes of queueing behind the other workers).
const MAX_THROTTLED_WAITS: u32 = 240;

pub(super) async fn upload_one(
    auth: &Auth<'_>,
    job: &Job,
    meters: &Meters<'_>,
    policy: Policy,
) -> Result<Outcome, CliError> {
    let metadata_json =
        serde_json::to_string(&job.meta).map_err(|e| CliError::Invalid(e.to_string()))?;
    let mut attempt = 0;
    let mut refreshed = false;
    let mut throttled = 0;
    loop {
        attempt += 1;
        let token = auth.token().await?;
        let this_attempt = Arc::new(AtomicU64::new(0));
        let result = send_file(
            &auth.api,
            &job.path,
            &metadata_json,
            &token,
            meters,
            this_attempt.clone(),
        )
        .await;
        let rewind = || {
            let n = this_attempt.load(Ordering::Relaxed);
            let o = meters.overall;
            o.set_position(o.position().saturating_sub(n));
            meters.bar.set_position(0);
        };
        let mut throttled_now = false;
        let (retry_after, error) = match result {
            Err(e @ CliError::Transport { .. }) => (None, e),
            Err(e) => return Err(e),
            Ok(response) => {
                let status = response.status();
                if status == StatusCode::UNAUTHORIZED && auth.can_refresh && !refreshed {
                    // The body stream is spent, so the retry reopens the file; it is not one
                    // of the transient retries.
                    refreshed = true;
                    attempt -= 1;
                    rewind();
                    auth.refresh(&token).await?;
                    continue;
                }
                if !retry::transient(status) {
                    return finish(response).await;
                }
                throttled_now = status == StatusCode::TOO_MANY_REQUESTS;
                let after = retry::retry_after(response.headers());
                match api::check(response).await {
                    Err(e) => (after, e),
                    Ok(_) => return Err(CliError::Invalid("unexpected answer".into())),
                }
            }
        };
        rewind();
        // A 429 is the server's "not now" (more uploads at once than it takes per user, or the
        // request quota), with no work done: `-j` above the server's cap must queue, not fail,
        // so waits for it do not spend the retries meant for failures, up to a bound.
        if throttled_now && throttled < MAX_THROTTLED_WAITS {
            throttled += 1;
            attempt -= 1;
        }
        if !policy.may_retry(attempt) {
            return Err(error);
        }
        let wait = policy.delay(attempt, retry_after);
        tracing::debug!(path = %job.path.display(), attempt, ?wait, error = %error, "retrying");
        meters
            .bar
            .set_message(format!("retry {attempt} in {wait:.1?} ({})", error.code()));
        meters.retries.fetch_add(1, Ordering::Relaxed);
        tokio::time::sleep(wait).await;
    }
}

async fn finish(response: reqwest::Response) -> Result<Outcome, CliError> {
    match api::json::<Artwork>(response).await {
        Ok(artwork) => Ok(Outcome::Uploaded(artwork.id)),
        Err(CliError::Api(p)) if p.status == 409 && p.existing_id.is_some() => {
            Ok(Outcome::Skipped {
                id: p.existing_id.clone().unwrap_or_default(),
                reason: "already uploaded".into(),
            })
        }
        Err(e) => Err(e),
    }
}

async fn send_file(
    api: &Api,
    path: &Path,
    metadata_json: &str,
    token: &str,
    meters: &Meters<'_>,
    this_attempt: Arc<AtomicU64>,
) -> Result<reqwest::Response, CliError> {
    let io = |e: std::io::Error| CliError::Invalid(format!("{}: {e}", path.display()));
    let file = tokio::fs::File::open(path).await.map_err(io)?;
    let len = file.metadata().await.map_err(io)?.len();
    meters.bar.set_length(len);
    meters.bar.set_position(0);
    let (bar, overall) = (meters.bar.clone(), meters.overall.clone());
    // The stream outlives this call's borrows, so it counts into a shared total of its own.
    let sent_total = Arc::new(AtomicU64::new(0));
    let counted = sent_total.clone();
    let stream =
        tokio_util::io::ReaderStream::with_capacity(file, 256 * 1024).inspect_ok(move |chunk| {
            let n = chunk.len() as u64;
            bar.inc(n);
            overall.inc(n);
            this_attempt.fetch_add(n, Ordering::Relaxed);
            counted.fetch_add(n, Ordering::Relaxed);
        });
    let file_name = path
        .file_name()
        .map_or_else(|| "upload".to_owned(), |n| n.to_string_lossy().into_owned());
    let bad_mime = |e: reqwest::Error| CliError::Invalid(format!("content type: {e}"));
    let file_part = Part::stream_with_length(reqwest::Body::wrap_stream(stream), len)
        .file_name(file_name)
        .mime_str(content_type(path))
        .map_err(bad_mime)?;
    let metadata_part = Part::text(metadata_json.to_owned())
        .mime_str("application/json")
        .map_err(bad_mime)?;
    // The server reads `metadata` first so it can refuse before the file's bytes arrive.
    let form = Form::new()
        .part("metadata", metadata_part)
        .part("file", file_part);
    let request = api
        .client()
        .post(api.url(&["v1", "artworks"]))
        .bearer_auth(token)
        .multipart(form);
    let result = api.send(request).await;
    meters
        .sent
        .fetch_add(sent_total.load(Ordering::Relaxed), Ordering::Relaxed);
    result
}
