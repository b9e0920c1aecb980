//! The opaque cursors lists page with: URL-safe base64 (no padding) of `tag:part:…:part`,
//! where the tag names the list (and sort) so a cursor from one list cannot be replayed on
//! another, and the parts are the last item's sort key. Every function here refuses what it
//! cannot read with [`Malformed`], whatever the input; the services turn that into their
//! `validation_failed` on the `cursor` field.

use std::fmt::Display;

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

/// A cursor that is not one this code wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("malformed cursor")]
pub struct Malformed;

/// Encodes a cursor: `tag` names the list (and sort), `parts` the last item's sort key.
/// Parts must not contain `:` except the last (ids, numbers and hex do not).
pub fn encode(tag: &str, parts: &[&dyn Display]) -> String {
    let mut raw = tag.to_owned();
    for p in parts {
        raw.push(':');
        raw.push_str(&p.to_string());
    }
    URL_SAFE_NO_PAD.encode(raw)
}

/// A cursor taken apart: its tag and exactly `parts` non-empty key parts (the last may hold
/// `:`). The caller matches the tag and parses the parts.
pub fn decode(cursor: &str, parts: usize) -> Result<(String, Vec<String>), Malformed> {
    let raw = URL_SAFE_NO_PAD.decode(cursor).map_err(|_| Malformed)?;
    let raw = String::from_utf8(raw).map_err(|_| Malformed)?;
    let mut split = raw.splitn(parts.saturating_add(1), ':').map(str::to_owned);
    let tag = split.next().ok_or(Malformed)?;
    let rest: Vec<String> = split.collect();
    if rest.len() != parts || rest.iter().any(String::is_empty) {
        return Err(Malformed);
    }
    Ok((tag, rest))
}

/// An id as this code writes it: a UUID, hyphenated, lower case. The other spellings
/// `Uuid::parse_str` accepts (simple, braced, URN, upper case) would compare differently
/// with the stored ids the cursor is a key against.
fn is_uuid(id: &str) -> bool {
    uuid::Uuid::parse_str(id).is_ok_and(|u| u.hyphenated().to_string() == id)
}

/// A cursor whose only key part is a UUID, under one of `tags`.
pub fn decode_id(cursor: &str, tags: &[&str]) -> Result<String, Malformed> {
    let (tag, mut parts) = decode(cursor, 1)?;
    let id = parts.pop().ok_or(Malformed)?;
    if !tags.contains(&tag.as_str()) || !is_uuid(&id) {
        return Err(Malformed);
    }
    Ok(id)
}

/// A `tag:key:id` cursor: the key read by `key` (which refuses with `None`), the id a UUID.
pub fn decode_keyed<K>(
    cursor: &str,
    tag: &str,
    key: impl FnOnce(&str) -> Option<K>,
) -> Result<(K, String), Malformed> {
    let (found, parts) = decode(cursor, 2)?;
    let [k, id] = parts.as_slice() else {
        return Err(Malformed);
    };
    if found != tag || !is_uuid(id) {
        return Err(Malformed);
    }
    Ok((key(k).ok_or(Malformed)?, id.clone()))
}

/// A float sort key as it goes in a cursor: its bits in hex, so it comes back bit for bit
/// (a decimal form could round).
pub fn score_key(score: f64) -> String {
    format!("{:016x}", score.to_bits())
}

/// Reads a [`score_key`].
pub fn parse_score_key(key: &str) -> Option<f64> {
    u64::from_str_radix(key, 16).ok().map(f64::from_bits)
}

#[cfg(test)]
mod tests {
    use super::*;

    const ID: &str = "0190b6f2-6b5e-7c3a-9d2e-3f4a5b6c7d8e";

    #[test]
    fn cursors_round_trip_and_refuse_garbage() {
        let c = encode("pa", &[&1250, &ID]);
        assert_eq!(
            decode(&c, 2),
            Ok(("pa".to_owned(), vec!["1250".to_owned(), ID.to_owned()]))
        );
        assert_eq!(decode_id(&encode("n", &[&ID]), &["n"]), Ok(ID.to_owned()));
        for bad in [
            "",
            "!!!",
            &encode("n", &[&"not-a-uuid"]),
            &encode("x", &[&ID]),
        ] {
            assert_eq!(decode_id(bad, &["n"]), Err(Malformed), "{bad}");
        }
        assert_eq!(decode(&encode("pa", &[&ID]), 2), Err(Malformed));
        let other_spellings = [
            ID.replace('-', ""),
            ID.to_uppercase(),
            format!("{{{ID}}}"),
            format!("urn:uuid:{ID}"),
        ];
        for id in other_spellings {
            assert_eq!(
                decode_id(&encode("n", &[&id]), &["n"]),
                Err(Malformed),
                "{id}"
            );
        }
        assert_eq!(decode("", usize::MAX), Err(Malformed));
    }

    #[test]
    fn keyed_cursors_keep_their_key_exactly() {
        let c = encode("s", &[&score_key(0.1 + 0.2), &ID]);
        assert_eq!(
            decode_keyed(&c, "s", parse_score_key),
            Ok((0.1 + 0.2, ID.to_owned()))
        );
        assert_eq!(decode_keyed(&c, "pa", parse_score_key), Err(Malformed));
        let p = encode("pa", &[&i64::MIN, &ID]);
        assert_eq!(
            decode_keyed(&p, "pa", |k| k.parse::<i64>().ok()),
            Ok((i64::MIN, ID.to_owned()))
        );
        let text = encode("pa", &[&"cheap", &ID]);
        assert_eq!(
            decode_keyed(&text, "pa", |k| k.parse::<i64>().ok()),
            Err(Malformed)
        );
    }
}
