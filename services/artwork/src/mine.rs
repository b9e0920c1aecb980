//! The artist's own works: which originals they already uploaded (asked by SHA-256, so a bulk
//! upload skips a file without sending its bytes) and the list of everything of theirs, drafts
//! and hidden works included. Both answer about the caller's works only.

use artstation_common::ServiceError;
use artstation_common::jwt::AccessClaims;
use artstation_common::paging::{Page, PageLimit, optional};
use artstation_domain::ArtworkStatus;
use artstation_proto::artwork::v1 as pb;

use crate::cursor;
use crate::state::State;
use crate::store::MAX_LOOKUP;

/// A hex SHA-256 in the form the store keeps (lower case), or a refusal naming the field.
fn parse_sha256(raw: &str) -> Result<String, ServiceError> {
    let sha = raw.trim().to_ascii_lowercase();
    if sha.len() == 64 && sha.bytes().all(|b| b.is_ascii_hexdigit()) {
        Ok(sha)
    } else {
        Err(ServiceError::validation(
            "sha256",
            format!("{raw:?} is not a hex SHA-256 (64 hex digits)"),
        ))
    }
}

fn parse_status_filter(raw: i32) -> Result<Option<ArtworkStatus>, ServiceError> {
    match pb::ArtworkStatus::try_from(raw) {
        Ok(pb::ArtworkStatus::Unspecified) => Ok(None),
        Ok(pb::ArtworkStatus::Draft) => Ok(Some(ArtworkStatus::Draft)),
        Ok(pb::ArtworkStatus::Published) => Ok(Some(ArtworkStatus::Published)),
        Ok(pb::ArtworkStatus::Hidden) => Ok(Some(ArtworkStatus::Hidden)),
        Err(_) => Err(ServiceError::validation(
            "status",
            "status must be draft, published or hidden",
        )),
    }
}

fn status_to_pb(s: ArtworkStatus) -> pb::ArtworkStatus {
    match s {
        ArtworkStatus::Draft => pb::ArtworkStatus::Draft,
        ArtworkStatus::Published => pb::ArtworkStatus::Published,
        ArtworkStatus::Hidden => pb::ArtworkStatus::Hidden,
    }
}

impl State {
    pub(crate) async fn lookup_mine(
        &self,
        caller: &AccessClaims,
        req: pb::LookupMineRequest,
    ) -> Result<pb::LookupMineResponse, ServiceError> {
        if req.sha256.len() > MAX_LOOKUP {
            return Err(ServiceError::validation(
                "sha256",
                format!("at most {MAX_LOOKUP} at once"),
            ));
        }
        let mut wanted = req
            .sha256
            .iter()
            .map(|s| parse_sha256(s))
            .collect::<Result<Vec<_>, _>>()?;
        wanted.sort_unstable();
        wanted.dedup();
        let found = self.store.lookup_sha256(&caller.sub, &wanted).await?;
        Ok(pb::LookupMineResponse {
            found: found
                .into_iter()
                .map(|o| pb::OwnedOriginal {
                    sha256: o.sha256,
                    id: o.id,
                    status: status_to_pb(o.status).into(),
                })
                .collect(),
        })
    }

    pub(crate) async fn list_mine(
        &self,
        caller: &AccessClaims,
        req: pb::ListMineRequest,
    ) -> Result<pb::ListArtworksResponse, ServiceError> {
        let limit = PageLimit::parse(req.limit)?;
        let status = parse_status_filter(req.status)?;
        let before = optional(&req.cursor, cursor::decode_new)?;
        let rows = self
            .store
            .list_mine(&caller.sub, status, limit.fetch(), before.as_deref())
            .await?;
        let page = Page::cut(rows, limit, |last| cursor::encode_new(&last.id));
        let next_cursor = page.wire_cursor();
        // The owner sees what an owner sees of one work: the flag and the original's details.
        let flags: Vec<String> = page
            .items
            .iter()
            .map(|a| a.near_duplicate_of.clone().unwrap_or_default())
            .collect();
        let items = self
            .present_all_owned(page.items)
            .await
            .into_iter()
            .zip(flags)
            .map(|(a, near_duplicate_of)| pb::Artwork {
                near_duplicate_of,
                ..a
            })
            .collect();
        Ok(pb::ListArtworksResponse { items, next_cursor })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sha256s_are_checked_and_lower_cased() {
        let upper = "AB".repeat(32);
        assert_eq!(parse_sha256(&upper).ok(), Some("ab".repeat(32)));
        for bad in ["", "abc", &"g".repeat(64), &"a".repeat(65)] {
            assert!(parse_sha256(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn status_filters_read_every_status() {
        assert_eq!(parse_status_filter(0).ok(), Some(None));
        assert_eq!(
            parse_status_filter(3).ok(),
            Some(Some(ArtworkStatus::Hidden))
        );
        assert!(parse_status_filter(42).is_err());
    }
}
