//! The documents of the REST API (`/v1`), typed once so the gateway that writes them, the CLI
//! that reads them and the end-to-end tests agree by construction: changing a member is one edit
//! here and the compiler finds every user.
//!
//! Wire rules kept by these types:
//! - response members are declared in alphabetical order, so the bytes match what the gateway
//!   sent when it built documents with `serde_json::Value` (whose map is sorted);
//! - members that may be empty are `null`, never absent, unless the type says otherwise;
//! - instants are RFC 3339 in UTC with a `Z`, with microseconds (or whole seconds for the sale).
//!
//! Invariant: plain data and serde only — no HTTP, no async, no storage.

mod artwork;
mod catalogue;
mod commerce;
mod health;
mod mine;
mod moderation;
mod percent;
mod problem;
pub mod time;
mod user;

pub use artwork::{
    Artist, Artwork, ArtworkPatch, DerivativeState, Moderated, Price, Removed, RepriceRequest,
    Repriced, UploadMetadata,
};
pub use catalogue::{
    Category, CategoryRequest, ModerationRequest, Sale, SaleDocument, SaleRequest,
};
pub use commerce::{
    CreditRequest, Earnings, Licence, Order, Payout, PayoutRequest, PurchaseRequest, Sales,
    TopUpRequest, Wallet,
};
pub use health::{Health, Readiness};
pub use mine::{LookupRequest, LookupResponse, MAX_LOOKUP, OwnedOriginal};
pub use moderation::{
    Appeal, AppealRequest, AuditActor, AuditEntry, AuditTarget, BulkError, BulkModerationRequest,
    BulkResult, BulkResults, Dismissed, Moderation, NEAR_DUPLICATE, Outcome, PublicLogEntry,
    QueueItem, REPORT_REASONS, ReasonRequest, Report, ReportRequest,
};
pub use percent::Percent;
pub use problem::Problem;
pub use user::{
    Jwk, Jwks, LoginRequest, LogoutRequest, PasswordChange, RefreshRequest, RegisterRequest,
    RoleRequest, TokenPair, User,
};

pub use artstation_domain::{ArtworkStatus, Role};

use serde::{Deserialize, Serialize};

/// One page of a cursor-paged list: `{"items": [...], "next_cursor": C|null}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Page<T> {
    pub items: Vec<T>,
    /// Absent on the last page (sent as `null`).
    pub next_cursor: Option<String>,
}

impl<T> Page<T> {
    /// A page from the wire form of a gRPC answer, where the last page has an empty cursor.
    pub fn new(items: Vec<T>, next_cursor: String) -> Self {
        Self {
            items,
            next_cursor: Some(next_cursor).filter(|c| !c.is_empty()),
        }
    }
}

/// A list that is not paged (categories, cached popular lists): `{"items": [...]}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Items<T> {
    pub items: Vec<T>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// The bytes must equal what a sorted `serde_json::Value` gives, as the gateway sent before.
    fn same_bytes(typed: &impl Serialize, value: serde_json::Value) -> anyhow::Result<()> {
        assert_eq!(
            serde_json::to_string(typed)?,
            serde_json::to_string(&value)?
        );
        Ok(())
    }

    #[test]
    fn artworks_keep_their_members_and_order() -> anyhow::Result<()> {
        let price = Price {
            amount_minor: 1250,
            currency: "EUR".into(),
        };
        let artwork = Artwork {
            artist: Artist {
                id: "u1".into(),
                username: "ann".into(),
            },
            category: None,
            content_type: Some("image/png".into()),
            created_at: Some("2026-01-02T03:04:05.5Z".parse()?),
            derivatives: DerivativeState::Ready,
            description: String::new(),
            edition_size: Some(3),
            editions_remaining: Some(2),
            editions_sold: 1,
            effective_price: Some(price.clone()),
            favorite_count: 2,
            height: 10,
            id: "a1".into(),
            licence: "personal".into(),
            moderation: None,
            near_duplicate_of: None,
            preview_url: Some("/v1/artworks/a1/preview".into()),
            price: price.clone(),
            sha256: Some("ab".into()),
            size_bytes: Some(99),
            status: ArtworkStatus::Published,
            tags: vec!["sky".into()],
            thumbnail_url: None,
            title: "Sunset".into(),
            width: 20,
        };
        let eur = json!({"amount_minor": 1250, "currency": "EUR"});
        let page = Page::new(vec![artwork], String::new());
        same_bytes(
            &page,
            json!({"items": [{
                "id": "a1", "title": "Sunset", "description": "", "tags": ["sky"],
                "category": null, "price": eur, "effective_price": eur, "licence": "personal",
                "edition_size": 3, "editions_sold": 1, "editions_remaining": 2,
                "status": "published",
                "artist": {"id": "u1", "username": "ann"},
                "created_at": "2026-01-02T03:04:05.500000Z", "derivatives": "ready",
                "thumbnail_url": null,
                "preview_url": "/v1/artworks/a1/preview", "near_duplicate_of": null,
                "moderation": null,
                "favorite_count": 2, "content_type": "image/png", "size_bytes": 99,
                "width": 20, "height": 10, "sha256": "ab",
            }], "next_cursor": null}),
        )?;
        let back: Page<Artwork> = serde_json::from_str(&serde_json::to_string(&page)?)?;
        assert_eq!(back, page);
        Ok(())
    }

    #[test]
    fn orders_and_earnings_keep_their_members_and_order() -> anyhow::Result<()> {
        let eur = Price {
            amount_minor: 1250,
            currency: "EUR".into(),
        };
        let order = Order {
            artist_id: "u2".into(),
            artwork_id: "a1".into(),
            buyer_id: "u1".into(),
            created_at: Some("2026-01-02T03:04:05.5Z".parse()?),
            edition_size: None,
            failure: None,
            id: "o1".into(),
            licence: "personal".into(),
            paid_at: None,
            price: eur.clone(),
            refunded_at: None,
            serial: Some(1),
            status: "paid".into(),
            title: Some("Sunset".into()),
        };
        let money = json!({"amount_minor": 1250, "currency": "EUR"});
        let earnings = Earnings {
            available_minor: 1125,
            currency: "EUR".into(),
            gross_minor: 1250,
            net_minor: 1125,
            orders: 1,
            paid_out_minor: 0,
            pending_payout_minor: 0,
        };
        same_bytes(
            &Sales {
                earnings: vec![earnings],
                items: vec![order.clone()],
                next_cursor: None,
            },
            json!({"items": [{"id": "o1", "artwork_id": "a1", "buyer_id": "u1",
                              "artist_id": "u2", "price": money, "serial": 1,
                              "edition_size": null, "licence": "personal", "status": "paid",
                              "created_at": "2026-01-02T03:04:05.500000Z", "title": "Sunset",
                              "failure": null, "paid_at": null, "refunded_at": null}],
                   "next_cursor": null,
                   "earnings": [{"currency": "EUR", "orders": 1, "gross_minor": 1250,
                                 "net_minor": 1125, "available_minor": 1125,
                                 "pending_payout_minor": 0, "paid_out_minor": 0}]}),
        )?;
        same_bytes(
            &Wallet {
                balances: vec![eur],
            },
            json!({"balances": [money]}),
        )?;
        let old: Artwork = serde_json::from_value(json!({
            "id": "a1", "title": "Sunset", "description": "", "tags": [], "category": null,
            "price": money, "licence": "personal", "edition_size": null, "status": "published",
            "artist": {"id": "u1", "username": "ann"}, "created_at": null,
            "thumbnail_url": null, "preview_url": null, "near_duplicate_of": null,
            "favorite_count": 0, "content_type": "image/png", "size_bytes": 1, "width": 1,
            "height": 1, "sha256": "ab"}))?;
        assert_eq!((old.editions_sold, old.editions_remaining), (0, None));
        let empty: PurchaseRequest = serde_json::from_str("{}")?;
        assert_eq!(empty, PurchaseRequest::default());
        Ok(())
    }

    #[test]
    fn users_sales_and_keys_keep_their_members_and_order() -> anyhow::Result<()> {
        let user = User {
            banned: false,
            created_at: None,
            email: "a@b.c".into(),
            id: "u1".into(),
            role: Role::Artist,
            username: "ann".into(),
        };
        same_bytes(
            &user,
            json!({"id": "u1", "username": "ann", "email": "a@b.c", "role": "artist",
                   "created_at": null, "banned": false}),
        )?;
        let sale = SaleDocument {
            sale: Some(Sale {
                active: true,
                ends_at: Some("2026-02-01T00:00:00.9Z".parse()?),
                percent: "12.50".into(),
                starts_at: None,
            }),
        };
        same_bytes(
            &sale,
            json!({"sale": {"percent": "12.50", "starts_at": null,
                            "ends_at": "2026-02-01T00:00:00Z", "active": true}}),
        )?;
        same_bytes(&SaleDocument { sale: None }, json!({"sale": null}))?;
        let jwk = Jwk {
            alg: "EdDSA".into(),
            crv: "Ed25519".into(),
            kid: "k".into(),
            kty: "OKP".into(),
            use_: "sig".into(),
            x: "xx".into(),
        };
        same_bytes(
            &Jwks { keys: vec![jwk] },
            json!({"keys": [{"kty": "OKP", "crv": "Ed25519", "x": "xx", "kid": "k",
                             "alg": "EdDSA", "use": "sig"}]}),
        )?;
        Ok(())
    }

    #[test]
    fn patches_tell_absent_from_null() -> anyhow::Result<()> {
        let patch: ArtworkPatch = serde_json::from_str(r#"{"category": null, "title": "x"}"#)?;
        assert_eq!(patch.category, Some(None));
        assert_eq!(patch.edition_size, None);
        assert_eq!(
            serde_json::to_value(&patch)?,
            json!({"category": null, "title": "x"})
        );
        assert!(serde_json::from_str::<ArtworkPatch>(r#"{"owner": "u2"}"#).is_err());
        Ok(())
    }
}
