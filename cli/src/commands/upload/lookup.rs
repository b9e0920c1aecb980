//! Which files the artist already uploaded, asked by SHA-256 in batches of at most
//! [`MAX_LOOKUP`] (`POST /v1/me/artworks/lookup`), so nothing of theirs is sent again.

use std::collections::HashMap;

use artstation_api::{LookupRequest, LookupResponse, MAX_LOOKUP};

use crate::api;
use crate::error::CliError;
use crate::session::Session;

/// The caller's artwork id for each of `sha256s` they already have.
pub async fn existing(
    session: &mut Session,
    sha256s: &[String],
) -> Result<HashMap<String, String>, CliError> {
    let mut found = HashMap::new();
    for batch in sha256s.chunks(MAX_LOOKUP) {
        let body = LookupRequest {
            sha256: batch.to_vec(),
        };
        let url = session.api.url(&["v1", "me", "artworks", "lookup"]);
        let sent = session
            .send_authed(|client, token| client.post(url.clone()).bearer_auth(token).json(&body))
            .await;
        let response = match sent {
            Ok(response) => response,
            // A server from before the lookup: everything is sent, and its duplicate check
            // (409 with the existing id) still skips what is there.
            Err(CliError::Api(p)) if p.status == 404 => {
                tracing::debug!("the server has no SHA-256 lookup; sending every file");
                return Ok(HashMap::new());
            }
            Err(e) => return Err(e),
        };
        let answer: LookupResponse = api::json(response).await?;
        found.extend(answer.found.into_iter().map(|o| (o.sha256, o.id)));
    }
    Ok(found)
}
