//! gRPC answers turned into the REST documents of `artstation-api`. The services decide what
//! each caller may see; this only changes the encoding (empty strings and zeros become `null`
//! where the API says so).

use artstation_api as api;
use artstation_common::time::from_proto;
use artstation_domain::{ArtworkStatus, Role};
use artstation_proto::artwork::v1 as art;
use artstation_proto::auth::v1 as auth;
use artstation_proto::commerce::v1 as com;

fn non_empty(s: String) -> Option<String> {
    Some(s).filter(|s| !s.is_empty())
}

fn role(role: i32) -> Role {
    match auth::Role::try_from(role) {
        Ok(auth::Role::Artist) => Role::Artist,
        Ok(auth::Role::Admin) => Role::Admin,
        _ => Role::Buyer,
    }
}

pub fn user(u: auth::User) -> api::User {
    api::User {
        banned: u.banned,
        created_at: from_proto(u.created_at),
        email: u.email,
        id: u.id,
        role: role(u.role),
        username: u.username,
    }
}

pub fn tokens(t: auth::TokenPair) -> api::TokenPair {
    api::TokenPair {
        access_token: t.access_token,
        expires_in: i64::from(t.expires_in),
        refresh_token: t.refresh_token,
        token_type: t.token_type,
    }
}

pub fn jwk(k: auth::PublicKey) -> api::Jwk {
    api::Jwk {
        alg: k.alg,
        crv: k.crv,
        kid: k.kid,
        kty: k.kty,
        use_: "sig".into(),
        x: k.x,
    }
}

fn price(p: art::Price) -> api::Price {
    api::Price {
        amount_minor: p.amount_minor,
        currency: p.currency,
    }
}

pub fn appeal(a: art::Appeal) -> api::Appeal {
    api::Appeal {
        at: from_proto(a.at).unwrap_or_default(),
        message: a.message,
        status: a.status,
    }
}

fn moderation(m: art::Moderation) -> api::Moderation {
    api::Moderation {
        appeal: m.appeal.map(appeal),
        at: from_proto(m.at).unwrap_or_default(),
        reason: m.reason,
        state: m.state,
    }
}

pub fn artwork(a: art::Artwork) -> api::Artwork {
    let status = match art::ArtworkStatus::try_from(a.status) {
        Ok(art::ArtworkStatus::Draft) => ArtworkStatus::Draft,
        Ok(art::ArtworkStatus::Hidden) => ArtworkStatus::Hidden,
        _ => ArtworkStatus::Published,
    };
    let list = a.price.unwrap_or_default();
    let effective = a.effective_price.unwrap_or_else(|| list.clone());
    // Rows from before the image pipeline have no derivatives to link to.
    let link =
        |exists: bool, variant: &str| exists.then(|| format!("/v1/artworks/{}/{variant}", a.id));
    let thumbnail_url = link(a.has_thumbnail, "thumbnail");
    let preview_url = link(a.has_preview, "preview");
    let artist = a.artist.unwrap_or_default();
    api::Artwork {
        artist: api::Artist {
            id: artist.id,
            username: artist.username,
        },
        category: non_empty(a.category),
        // The service leaves the original's details empty for anyone but the owner and admins.
        content_type: non_empty(a.content_type),
        created_at: from_proto(a.created_at),
        derivatives: match art::DerivativeState::try_from(a.derivatives) {
            Ok(art::DerivativeState::Pending) => api::DerivativeState::Pending,
            Ok(art::DerivativeState::Failed) => api::DerivativeState::Failed,
            // Unspecified: a service from before the queue, which made them with the upload.
            _ => api::DerivativeState::Ready,
        },
        description: a.description,
        edition_size: Some(a.edition_size).filter(|n| *n != 0),
        // Serials are never resold, so what is left is the size less every serial issued.
        editions_remaining: Some(a.edition_size)
            .filter(|n| *n != 0)
            .map(|n| u64::from(n).saturating_sub(a.editions_sold)),
        editions_sold: a.editions_sold,
        effective_price: Some(price(effective)),
        favorite_count: a.favorite_count,
        height: a.height,
        id: a.id,
        licence: a.licence,
        // Set by the service for the owner and admins only.
        moderation: a.moderation.map(moderation),
        // The service leaves it empty for anyone but the owner and admins.
        near_duplicate_of: non_empty(a.near_duplicate_of),
        preview_url,
        price: price(list),
        sha256: non_empty(a.sha256),
        size_bytes: Some(a.size_bytes).filter(|n| *n > 0),
        status,
        tags: a.tags,
        thumbnail_url,
        title: a.title,
        width: a.width,
    }
}

pub fn artworks(items: Vec<art::Artwork>) -> Vec<api::Artwork> {
    items.into_iter().map(artwork).collect()
}

pub fn artwork_page(page: art::ListArtworksResponse) -> api::Page<api::Artwork> {
    api::Page::new(artworks(page.items), page.next_cursor)
}

pub fn category(c: art::Category) -> api::Category {
    api::Category {
        name: c.name,
        slug: c.slug,
    }
}

/// The sale document; a zero discount is "no sale".
pub fn sale(s: art::Sale) -> api::SaleDocument {
    let sale = (s.percent_bp != 0).then(|| api::Sale {
        active: s.active,
        ends_at: from_proto(s.ends_at),
        percent: format!("{}.{:02}", s.percent_bp / 100, s.percent_bp % 100),
        starts_at: from_proto(s.starts_at),
    });
    api::SaleDocument { sale }
}

fn money(m: Option<com::Money>) -> api::Price {
    let m = m.unwrap_or_default();
    api::Price {
        amount_minor: m.amount_minor,
        currency: m.currency,
    }
}

pub fn order(o: com::Order) -> api::Order {
    api::Order {
        artist_id: o.artist_id,
        artwork_id: o.artwork_id,
        buyer_id: o.buyer_id,
        created_at: from_proto(o.created_at),
        edition_size: o.edition_size.and_then(|n| u32::try_from(n).ok()),
        failure: non_empty(o.failure),
        id: o.id,
        licence: o.licence,
        paid_at: from_proto(o.paid_at),
        price: money(o.price),
        refunded_at: from_proto(o.refunded_at),
        // The wire says 0 until a serial is issued.
        serial: u32::try_from(o.serial).ok().filter(|n| *n != 0),
        status: o.status,
        title: non_empty(o.title),
    }
}

pub fn orders(page: com::ListOrdersResponse) -> api::Page<api::Order> {
    api::Page::new(
        page.items.into_iter().map(order).collect(),
        page.next_cursor,
    )
}

pub fn wallet(w: com::Wallet) -> api::Wallet {
    api::Wallet {
        balances: w.balances.into_iter().map(|m| money(Some(m))).collect(),
    }
}

pub fn sales(s: com::SalesResponse) -> api::Sales {
    api::Sales {
        earnings: s
            .earnings
            .into_iter()
            .map(|e| api::Earnings {
                available_minor: e.available_minor,
                currency: e.currency,
                gross_minor: e.gross_minor,
                net_minor: e.net_minor,
                orders: e.orders,
                paid_out_minor: e.paid_out_minor,
                pending_payout_minor: e.pending_payout_minor,
            })
            .collect(),
        items: s.items.into_iter().map(order).collect(),
        next_cursor: non_empty(s.next_cursor),
    }
}

pub fn payout(p: com::Payout) -> api::Payout {
    api::Payout {
        amount: money(p.amount),
        artist_id: p.artist_id,
        created_at: from_proto(p.created_at),
        id: p.id,
        paid_at: from_proto(p.paid_at),
        status: p.status,
    }
}

pub fn licence(order_id: String, l: com::Licence) -> api::Licence {
    api::Licence {
        certificate: l.certificate,
        kid: l.kid,
        order_id,
        revoked: l.revoked,
    }
}

pub fn licence_key(k: com::LicenceKey) -> api::Jwk {
    api::Jwk {
        alg: k.alg,
        crv: k.crv,
        kid: k.kid,
        kty: k.kty,
        use_: "sig".into(),
        x: k.x,
    }
}
