//! Records as the wire shows them: `ArtworkRecord` to `pb::Artwork`, with the running sale
//! applied to the effective price, the near-duplicate flag and the original's fingerprint,
//! size and type only for those who may manage the work, and lists of presented artworks as the cache stores them.

use artstation_common::jwt::AccessClaims;
use artstation_common::{caller, time};
use artstation_domain::ArtworkStatus;
use artstation_proto::artwork::v1 as pb;
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use prost::Message as _;

use crate::state::State;
use crate::store::{
    AppealRecord, ArtworkRecord, DerivativeState, ModerationState, ReportRecord, Sale,
};

/// The artwork as stored, at its list price, without the flag.
fn to_pb(a: ArtworkRecord) -> pb::Artwork {
    let price = pb::Price {
        amount_minor: a.price.amount_minor(),
        currency: a.price.currency().code().to_owned(),
    };
    pb::Artwork {
        has_thumbnail: a.thumbnail.is_some(),
        has_preview: a.preview.is_some(),
        derivatives: derivatives_to_pb(a.derivatives).into(),
        near_duplicate_of: String::new(),
        id: a.id,
        title: a.title.into_inner(),
        description: a.description.into_inner(),
        tags: a.tags.into_iter().map(|t| t.into_inner()).collect(),
        category: a.category.map(|c| c.into_inner()).unwrap_or_default(),
        effective_price: Some(price.clone()),
        price: Some(price),
        licence: a.licence.as_str().to_owned(),
        edition_size: a.edition_size.get(),
        status: status_to_pb(a.status).into(),
        artist: Some(pb::Artist {
            id: a.artist_id,
            username: a.artist_username,
        }),
        created_at: Some(time::to_proto(a.created_at)),
        content_type: a.content_type,
        size_bytes: a.size_bytes,
        width: a.width,
        height: a.height,
        sha256: a.sha256,
        favorite_count: a.favorite_count,
        editions_sold: a.editions_sold,
        // Filled in for the owner and admins only (`State::present_flagged`).
        moderation: None,
    }
}

fn derivatives_to_pb(d: DerivativeState) -> pb::DerivativeState {
    match d {
        DerivativeState::Pending => pb::DerivativeState::Pending,
        DerivativeState::Ready => pb::DerivativeState::Ready,
        DerivativeState::Failed => pb::DerivativeState::Failed,
    }
}

fn status_to_pb(s: ArtworkStatus) -> pb::ArtworkStatus {
    match s {
        ArtworkStatus::Draft => pb::ArtworkStatus::Draft,
        ArtworkStatus::Published => pb::ArtworkStatus::Published,
        ArtworkStatus::Hidden => pb::ArtworkStatus::Hidden,
    }
}

/// The artwork without what only its owner and admins may know of the upload: the
/// original's fingerprint, size and type (the contract keeps them private; a fingerprint
/// would let anyone match a leaked file to its artist).
fn withhold_original(a: pb::Artwork) -> pb::Artwork {
    pb::Artwork {
        sha256: String::new(),
        size_bytes: 0,
        content_type: String::new(),
        ..a
    }
}

/// The artwork priced under `sale` (if it is running now), without the flag.
fn priced(a: ArtworkRecord, sale: Option<Sale>) -> pb::Artwork {
    let mut out = to_pb(a);
    if let (Some(sale), Some(price)) = (sale, out.effective_price.as_mut())
        && sale.active_at(artstation_common::now())
    {
        price.amount_minor = sale.apply(price.amount_minor);
    }
    out
}

impl State {
    /// An artwork as its owner (or an admin, or a trusted service) sees it now: the sale
    /// applied to its effective price, no flag.
    pub(crate) async fn present(&self, a: ArtworkRecord) -> pb::Artwork {
        priced(a, self.current_sale().await)
    }

    /// Like [`State::present`], with the near-duplicate flag and the original's details
    /// when `privileged` (the owner or an admin), without both otherwise.
    pub(crate) async fn present_flagged(&self, a: ArtworkRecord, privileged: bool) -> pb::Artwork {
        if !privileged {
            return withhold_original(self.present(a).await);
        }
        if a.status == ArtworkStatus::Hidden {
            return self.present_moderated(a).await;
        }
        pb::Artwork {
            near_duplicate_of: a.near_duplicate_of.clone().unwrap_or_default(),
            ..self.present(a).await
        }
    }

    /// An artwork as its owner and admins see it, with its moderation state (why it is hidden
    /// or removed, and the appeal); a failure to read that state leaves it out, logged.
    pub(crate) async fn present_moderated(&self, a: ArtworkRecord) -> pb::Artwork {
        let moderation = match self.store.moderation_state(&a.id).await {
            Ok(m) => m.map(moderation_to_pb),
            Err(e) => {
                tracing::warn!(error = %e, artwork_id = %a.id, "cannot read the moderation state");
                None
            }
        };
        pb::Artwork {
            near_duplicate_of: a.near_duplicate_of.clone().unwrap_or_default(),
            moderation,
            ..self.present(a).await
        }
    }

    /// Many artworks under one reading of the sale, as anyone may see them (lists are
    /// shared and cached): no flags, nothing of the original.
    pub(crate) async fn present_all(&self, items: Vec<ArtworkRecord>) -> Vec<pb::Artwork> {
        let sale = self.current_sale().await;
        items
            .into_iter()
            .map(|a| withhold_original(priced(a, sale)))
            .collect()
    }

    /// Many of the caller's own artworks under one reading of the sale, without flags.
    pub(crate) async fn present_all_owned(&self, items: Vec<ArtworkRecord>) -> Vec<pb::Artwork> {
        let sale = self.current_sale().await;
        items.into_iter().map(|a| priced(a, sale)).collect()
    }

    /// Artworks for moderators: flags on the works `caller` may manage, at list price (the
    /// flagged list never priced with the sale).
    pub(crate) fn present_for_moderation(
        items: Vec<ArtworkRecord>,
        caller: &AccessClaims,
    ) -> Vec<pb::Artwork> {
        items
            .into_iter()
            .map(|a| {
                if !caller::is_owner_or_admin(caller, &a.artist_id) {
                    return withhold_original(to_pb(a));
                }
                pb::Artwork {
                    near_duplicate_of: a.near_duplicate_of.clone().unwrap_or_default(),
                    ..to_pb(a)
                }
            })
            .collect()
    }
}

pub(crate) fn appeal_to_pb(a: AppealRecord) -> pb::Appeal {
    pb::Appeal {
        message: a.message,
        at: Some(time::to_proto(a.at)),
        status: a.status,
    }
}

fn moderation_to_pb(m: ModerationState) -> pb::Moderation {
    pb::Moderation {
        state: m.state,
        reason: m.reason,
        at: Some(time::to_proto(m.at)),
        appeal: m.appeal.map(appeal_to_pb),
    }
}

pub(crate) fn report_to_pb(r: ReportRecord) -> pb::Report {
    pb::Report {
        id: r.id,
        artwork_id: r.artwork_id,
        reason: r.reason,
        note: r.note.unwrap_or_default(),
        status: r.status,
        outcome: r.outcome.map(|o| pb::ReportOutcome {
            action: o.action,
            reason: o.reason,
            at: Some(time::to_proto(o.at)),
        }),
        created_at: Some(time::to_proto(r.created_at)),
    }
}

/// A presented list as the cache stores it.
pub(crate) fn encode_items(items: &[pb::Artwork]) -> String {
    let msg = pb::ListArtworksResponse {
        items: items.to_vec(),
        next_cursor: String::new(),
    };
    URL_SAFE_NO_PAD.encode(msg.encode_to_vec())
}

pub(crate) fn decode_items(s: &str) -> Option<Vec<pb::Artwork>> {
    let bytes = URL_SAFE_NO_PAD.decode(s).ok()?;
    pb::ListArtworksResponse::decode(bytes.as_slice())
        .ok()
        .map(|m| m.items)
}
