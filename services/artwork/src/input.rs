//! Requests parsed into domain types at the edge of the service: upload metadata, prices,
//! statuses, search filters, repricing. Refusals name the field; nothing behind this module
//! re-validates.

use artstation_common::{ServiceError, time};
use artstation_domain::{
    ArtworkStatus, CategorySlug, Currency, Description, EditionSize, Licence, Money, Tag, Title,
};
use artstation_proto::artwork::v1 as pb;
use chrono::{DateTime, Utc};

use crate::store::{PriceChange, Selection};

const MAX_QUERY_CHARS: usize = 200;
const MAX_BULK_IDS: usize = 500;

/// Upload metadata, parsed once.
pub(crate) struct NewArtwork {
    pub(crate) title: Title,
    pub(crate) description: Description,
    pub(crate) tags: Vec<Tag>,
    pub(crate) category: Option<CategorySlug>,
    pub(crate) price: Money,
    pub(crate) licence: Licence,
    pub(crate) edition_size: EditionSize,
    pub(crate) status: ArtworkStatus,
}

pub(crate) fn parse_metadata(m: pb::UploadMetadata) -> Result<NewArtwork, ServiceError> {
    let title = Title::parse(&m.title)?;
    let description = Description::parse(&m.description)?;
    let tags = Tag::parse_list(&m.tags)?;
    let category = CategorySlug::parse_optional(&m.category)?;
    let price = parse_price(m.price)?;
    let licence = Licence::parse(&m.licence)?;
    let status = match parse_status(m.status)? {
        None => ArtworkStatus::Published,
        Some(s) => s,
    };
    Ok(NewArtwork {
        title,
        description,
        tags,
        category,
        price,
        licence,
        edition_size: EditionSize::new(m.edition_size)?,
        status,
    })
}

pub(crate) fn parse_price(price: Option<pb::Price>) -> Result<Money, ServiceError> {
    let price = price.ok_or_else(|| ServiceError::validation("price", "a price is required"))?;
    let currency = Currency::parse(&price.currency)
        .map_err(|e| ServiceError::validation("price.currency", e.reason))?;
    Ok(Money::new(price.amount_minor, currency)?)
}

/// A status an owner may set: `None` when unspecified; hiding is moderation's.
pub(crate) fn parse_status(raw: i32) -> Result<Option<ArtworkStatus>, ServiceError> {
    match pb::ArtworkStatus::try_from(raw) {
        Ok(pb::ArtworkStatus::Unspecified) => Ok(None),
        Ok(pb::ArtworkStatus::Draft) => Ok(Some(ArtworkStatus::Draft)),
        Ok(pb::ArtworkStatus::Published) => Ok(Some(ArtworkStatus::Published)),
        Ok(pb::ArtworkStatus::Hidden) | Err(_) => Err(ServiceError::validation(
            "status",
            "status must be draft or published",
        )),
    }
}

/// An optional request field: absent when empty after trimming.
pub(crate) fn non_empty(s: &str) -> Option<&str> {
    Some(s.trim()).filter(|s| !s.is_empty())
}

/// The filters of a catalogue search, parsed; price bounds are still on what buyers pay.
pub(crate) struct Search {
    pub(crate) text: Option<String>,
    pub(crate) tag: Option<Tag>,
    pub(crate) category: Option<CategorySlug>,
    pub(crate) artist_username: Option<String>,
    pub(crate) licence: Option<Licence>,
    pub(crate) currency: Option<Currency>,
    pub(crate) min_price: Option<i64>,
    pub(crate) max_price: Option<i64>,
}

pub(crate) fn parse_search(req: &pb::ListArtworksRequest) -> Result<Search, ServiceError> {
    let text = non_empty(&req.q).map(str::to_owned);
    artstation_domain::refuse_control("q", &req.q, &[])?;
    artstation_domain::refuse_control("artist", &req.artist, &[])?;
    if text
        .as_ref()
        .is_some_and(|t| t.chars().count() > MAX_QUERY_CHARS)
    {
        return Err(ServiceError::validation(
            "q",
            format!("at most {MAX_QUERY_CHARS} characters"),
        ));
    }
    let tag = non_empty(&req.tag).map(Tag::parse).transpose()?;
    let category = non_empty(&req.category)
        .map(CategorySlug::parse)
        .transpose()?;
    let licence = non_empty(&req.licence).map(Licence::parse).transpose()?;
    let currency = non_empty(&req.currency)
        .map(|c| Currency::parse(c).map_err(|e| ServiceError::validation("currency", e.reason)))
        .transpose()?;
    for (field, v) in [("min_price", req.min_price), ("max_price", req.max_price)] {
        if v.is_some_and(|v| v < 0) {
            return Err(ServiceError::validation(field, "must not be negative"));
        }
    }
    if let (Some(min), Some(max)) = (req.min_price, req.max_price)
        && min > max
    {
        return Err(ServiceError::validation(
            "min_price",
            "must not exceed max_price",
        ));
    }
    Ok(Search {
        text,
        tag,
        category,
        artist_username: non_empty(&req.artist).map(str::to_lowercase),
        licence,
        currency,
        min_price: req.min_price,
        max_price: req.max_price,
    })
}

/// Which artworks a bulk reprice names: ids (at most 500) or all of the caller's.
pub(crate) fn parse_selection(req: &pb::RepriceRequest) -> Result<Selection, ServiceError> {
    match (req.all, req.ids.is_empty()) {
        (true, true) => Ok(Selection::All),
        (false, false) if req.ids.len() <= MAX_BULK_IDS => {
            if let Some(bad) = req.ids.iter().find(|id| uuid::Uuid::parse_str(id).is_err()) {
                return Err(ServiceError::validation(
                    "ids",
                    format!("{bad:?} is not an artwork id"),
                ));
            }
            Ok(Selection::Ids(req.ids.clone()))
        }
        (false, false) => Err(ServiceError::validation(
            "ids",
            format!("at most {MAX_BULK_IDS} artworks at once"),
        )),
        _ => Err(ServiceError::validation(
            "ids",
            "give either ids or all, not both or neither",
        )),
    }
}

/// A bulk price change: a new price, or a percentage from -90 % to +1000 % in basis points.
pub(crate) fn parse_price_change(
    change: Option<pb::reprice_request::Change>,
) -> Result<PriceChange, ServiceError> {
    match change {
        Some(pb::reprice_request::Change::Set(price)) => {
            let m = parse_price(Some(price))?;
            Ok(PriceChange::Set {
                amount_minor: m.amount_minor(),
                currency: m.currency().code().to_owned(),
            })
        }
        Some(pb::reprice_request::Change::PercentBp(bp)) if (-9_000..=100_000).contains(&bp) => {
            Ok(PriceChange::PercentBp(bp))
        }
        Some(pb::reprice_request::Change::PercentBp(_)) => Err(ServiceError::validation(
            "percent",
            "must be from -90 to 1000",
        )),
        None => Err(ServiceError::validation("set", "give set or percent")),
    }
}

/// A required time.
pub(crate) fn parse_time(
    t: Option<prost_types::Timestamp>,
    field: &str,
) -> Result<DateTime<Utc>, ServiceError> {
    time::from_proto(t).ok_or_else(|| ServiceError::validation(field, "a time is required"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta() -> pb::UploadMetadata {
        pb::UploadMetadata {
            title: " Dawn ".into(),
            tags: vec!["Sky".into(), "sky".into(), " sea ".into()],
            price: Some(pb::Price {
                amount_minor: 1250,
                currency: "eur".into(),
            }),
            ..Default::default()
        }
    }

    #[test]
    fn metadata_is_normalised() -> Result<(), ServiceError> {
        let m = parse_metadata(meta())?;
        assert_eq!(m.title.as_str(), "Dawn");
        assert_eq!(m.tags, ["sky", "sea"]);
        assert_eq!(m.price.currency().code(), "EUR");
        assert_eq!(m.licence.as_str(), "personal");
        assert_eq!(m.status, ArtworkStatus::Published);
        Ok(())
    }

    #[test]
    fn control_characters_in_search_text_name_the_field() {
        let field = |req: pb::ListArtworksRequest| parse_search(&req).err().and_then(|e| e.field);
        let req = |q: &str, artist: &str| pb::ListArtworksRequest {
            q: q.into(),
            artist: artist.into(),
            ..Default::default()
        };
        assert_eq!(field(req("\u{0}", "")).as_deref(), Some("q"));
        assert_eq!(field(req("", "a\u{0}b")).as_deref(), Some("artist"));
        assert_eq!(field(req("sun set", "ann")), None);
        let mut m = meta();
        m.description = "a\u{0}b".into();
        assert_eq!(
            parse_metadata(m).err().and_then(|e| e.field).as_deref(),
            Some("description")
        );
    }

    #[test]
    fn bad_metadata_names_the_field() {
        let field = |m: pb::UploadMetadata| parse_metadata(m).err().and_then(|e| e.field);
        assert_eq!(
            field(pb::UploadMetadata {
                price: None,
                ..meta()
            })
            .as_deref(),
            Some("price")
        );
        let mut m = meta();
        m.price = Some(pb::Price {
            amount_minor: -1,
            currency: "USD".into(),
        });
        assert_eq!(field(m).as_deref(), Some("price.amount_minor"));
        let mut m = meta();
        m.price = Some(pb::Price {
            amount_minor: 1,
            currency: "XXX".into(),
        });
        assert_eq!(field(m).as_deref(), Some("price.currency"));
        let mut m = meta();
        m.tags = (0..21).map(|i| format!("t{i}")).collect();
        assert_eq!(field(m).as_deref(), Some("tags"));
        assert_eq!(
            field(pb::UploadMetadata {
                licence: "cc0".into(),
                ..meta()
            })
            .as_deref(),
            Some("licence")
        );
        assert_eq!(
            field(pb::UploadMetadata {
                title: "".into(),
                ..meta()
            })
            .as_deref(),
            Some("title")
        );
    }
}
