//! The artwork lists' cursors, on the shared paging kit. Their wire forms predate the kit and
//! clients may hold them, so each keeps its tag and layout: `n:<id>` (newest first; `v1:<id>`
//! from before sorts existed is still read), `pa:<price>:<id>` and `pd:<price>:<id>` (by
//! price), `s:<score bits in hex>:<id>` (popular), `f:<micros>:<id>` (favourites). The codec
//! is `artstation_parsers::cursor` (fuzzed there); only the tags and key types are here.

use artstation_common::ServiceError;
use artstation_common::paging::{bad_cursor, decode_id_cursor, encode_cursor};
use artstation_parsers::cursor::{decode_keyed, parse_score_key, score_key};
use chrono::{DateTime, Utc};

use crate::store::{After, Sort};

const NEW: &str = "n";
const NEW_LEGACY: &str = "v1";
const PRICE_ASC: &str = "pa";
const PRICE_DESC: &str = "pd";
const POPULAR: &str = "s";
const FAVORITES: &str = "f";

/// The cursor after an item of a `sort`ed list: its price (price sorts), its popularity
/// score (the popular sort) and its id.
pub(crate) fn encode_sorted(sort: Sort, price_minor: i64, score: Option<f64>, id: &str) -> String {
    match sort {
        Sort::New => encode_new(id),
        Sort::PriceAsc => encode_cursor(PRICE_ASC, &[&price_minor, &id]),
        Sort::PriceDesc => encode_cursor(PRICE_DESC, &[&price_minor, &id]),
        Sort::Popular => encode_cursor(POPULAR, &[&score_key(score.unwrap_or(0.0)), &id]),
    }
}

/// A cursor of a `sort`ed list; one from another sort is malformed.
pub(crate) fn decode_sorted(sort: Sort, cursor: &str) -> Result<After, ServiceError> {
    let price = |k: &str| k.parse::<i64>().ok();
    let after = match sort {
        Sort::New => return decode_new(cursor).map(After::Id),
        Sort::PriceAsc => decode_keyed(cursor, PRICE_ASC, price).map(|(p, id)| After::Price(p, id)),
        Sort::PriceDesc => {
            decode_keyed(cursor, PRICE_DESC, price).map(|(p, id)| After::Price(p, id))
        }
        Sort::Popular => {
            decode_keyed(cursor, POPULAR, parse_score_key).map(|(s, id)| After::Score(s, id))
        }
    };
    after.map_err(|_| bad_cursor())
}

/// The newest-first cursor, shared by every newest-first list (browse, flagged artworks).
pub(crate) fn encode_new(id: &str) -> String {
    encode_cursor(NEW, &[&id])
}

pub(crate) fn decode_new(cursor: &str) -> Result<String, ServiceError> {
    decode_id_cursor(cursor, &[NEW, NEW_LEGACY])
}

/// The cursor after a favourite: when it was added, and the artwork.
pub(crate) fn encode_favorite(at: DateTime<Utc>, id: &str) -> String {
    encode_cursor(FAVORITES, &[&at.timestamp_micros(), &id])
}

pub(crate) fn decode_favorite(cursor: &str) -> Result<(DateTime<Utc>, String), ServiceError> {
    decode_keyed(cursor, FAVORITES, |micros| {
        micros
            .parse::<i64>()
            .ok()
            .and_then(DateTime::from_timestamp_micros)
    })
    .map_err(|_| bad_cursor())
}

#[cfg(test)]
mod tests {
    use base64::Engine as _;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;

    use super::*;

    #[test]
    fn cursors_round_trip_per_sort_and_refuse_other_sorts() {
        let id = uuid::Uuid::now_v7().to_string();
        for sort in [Sort::New, Sort::PriceAsc, Sort::PriceDesc, Sort::Popular] {
            let c = encode_sorted(sort, 1250, Some(3.25), &id);
            let back = decode_sorted(sort, &c).unwrap_or_else(|e| panic!("{sort:?}: {e}"));
            let expected = match sort {
                Sort::New => After::Id(id.clone()),
                Sort::PriceAsc | Sort::PriceDesc => After::Price(1250, id.clone()),
                Sort::Popular => After::Score(3.25, id.clone()),
            };
            assert_eq!(back, expected);
        }
        let new = encode_sorted(Sort::New, 1250, None, &id);
        assert!(decode_sorted(Sort::PriceAsc, &new).is_err());
        for bad in ["", "!!!", "bjpub3QtYS11dWlk"] {
            assert_eq!(
                decode_sorted(Sort::New, bad).err().and_then(|e| e.field),
                Some("cursor".to_owned())
            );
        }
        let at = artstation_common::now();
        assert_eq!(
            decode_favorite(&encode_favorite(at, &id)).ok(),
            Some((at, id))
        );
    }

    #[test]
    fn wire_forms_are_unchanged() {
        let id = "0190b6f2-6b5e-7c3a-9d2e-3f4a5b6c7d8e";
        let raw = |c: String| URL_SAFE_NO_PAD.decode(c).map(String::from_utf8);
        assert_eq!(raw(encode_new(id)).ok(), Some(Ok(format!("n:{id}"))));
        assert_eq!(
            raw(encode_sorted(Sort::PriceDesc, 900, None, id)).ok(),
            Some(Ok(format!("pd:900:{id}")))
        );
        assert_eq!(
            raw(encode_sorted(Sort::Popular, 0, Some(1.0), id)).ok(),
            Some(Ok(format!("s:3ff0000000000000:{id}")))
        );
        let at = DateTime::from_timestamp_micros(1_700_000_000_000_001).unwrap_or_default();
        assert_eq!(
            raw(encode_favorite(at, id)).ok(),
            Some(Ok(format!("f:1700000000000001:{id}")))
        );
        let legacy = URL_SAFE_NO_PAD.encode(format!("v1:{id}"));
        assert_eq!(decode_new(&legacy).ok().as_deref(), Some(id));
    }
}
