//! The artwork lists' cursors, on the shared paging kit. Their wire forms predate the kit and
//! clients may hold them, so each keeps its tag and layout: `n:<id>` (newest first; `v1:<id>`
//! from before sorts existed is still read), `pa:<price>:<id>` and `pd:<price>:<id>` (by
//! price), `s:<score bits in hex>:<id>` (popular), `f:<micros>:<id>` (favourites).

use artstation_common::ServiceError;
use artstation_common::paging::{bad_cursor, decode_cursor, decode_id_cursor, encode_cursor};
use chrono::{DateTime, Utc};

use crate::store::{After, Sort};

const NEW: &str = "n";
const NEW_LEGACY: &str = "v1";
const PRICE_ASC: &str = "pa";
const PRICE_DESC: &str = "pd";
const POPULAR: &str = "s";
const FAVORITES: &str = "f";

fn id_ok(id: &str) -> bool {
    uuid::Uuid::parse_str(id).is_ok()
}

/// The cursor after an item of a `sort`ed list: its price (price sorts), its popularity
/// score (the popular sort) and its id.
pub(crate) fn encode_sorted(sort: Sort, price_minor: i64, score: Option<f64>, id: &str) -> String {
    match sort {
        Sort::New => encode_new(id),
        Sort::PriceAsc => encode_cursor(PRICE_ASC, &[&price_minor, &id]),
        Sort::PriceDesc => encode_cursor(PRICE_DESC, &[&price_minor, &id]),
        Sort::Popular => {
            let bits = format!("{:016x}", score.unwrap_or(0.0).to_bits());
            encode_cursor(POPULAR, &[&bits, &id])
        }
    }
}

/// A cursor of a `sort`ed list; one from another sort is malformed.
pub(crate) fn decode_sorted(sort: Sort, cursor: &str) -> Result<After, ServiceError> {
    if sort == Sort::New {
        return decode_new(cursor).map(After::Id);
    }
    let (tag, parts) = decode_cursor(cursor, 2)?;
    let [key, id] = parts.as_slice() else {
        return Err(bad_cursor());
    };
    if !id_ok(id) {
        return Err(bad_cursor());
    }
    match (sort, tag.as_str()) {
        (Sort::PriceAsc, PRICE_ASC) | (Sort::PriceDesc, PRICE_DESC) => Ok(After::Price(
            key.parse().map_err(|_| bad_cursor())?,
            id.clone(),
        )),
        (Sort::Popular, POPULAR) => {
            let bits = u64::from_str_radix(key, 16).map_err(|_| bad_cursor())?;
            Ok(After::Score(f64::from_bits(bits), id.clone()))
        }
        _ => Err(bad_cursor()),
    }
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
    let (tag, parts) = decode_cursor(cursor, 2)?;
    let [micros, id] = parts.as_slice() else {
        return Err(bad_cursor());
    };
    if tag != FAVORITES || !id_ok(id) {
        return Err(bad_cursor());
    }
    let at = micros
        .parse::<i64>()
        .ok()
        .and_then(DateTime::from_timestamp_micros)
        .ok_or_else(bad_cursor)?;
    Ok((at, id.clone()))
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
