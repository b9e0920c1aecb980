//! The cursor codec every list pages with. Two halves per input: the input as a cursor a
//! client sent (decoding never panics, and what decodes is exactly what encoding would
//! write), and cursors built from the input's values (every key comes back as it went in).

#![no_main]

use artstation_parsers::cursor::{
    Malformed, decode, decode_id, decode_keyed, encode, parse_score_key, score_key,
};
use libfuzzer_sys::fuzz_target;

/// The list tags in use: artworks (`n`, `v1`, `pa`, `pd`, `s`, `f`), users, moderation, audit.
const TAGS: &[&str] = &["n", "v1", "pa", "pd", "s", "f", "u", "q", "r", "a"];

fn client_cursor(cursor: &str) {
    // Every list's cursor has one to three key parts.
    for n in 1..4 {
        let Ok((tag, parts)) = decode(cursor, n) else {
            continue;
        };
        assert_eq!(parts.len(), n);
        assert!(parts.iter().all(|p| !p.is_empty()));
        // Only the last part may hold `:`; the tag and the others end where one starts.
        assert!(!tag.contains(':'));
        if let Some((_, first)) = parts.split_last() {
            assert!(first.iter().all(|p| !p.contains(':')));
        }
        // One encoding per cursor: a decoded cursor re-encodes to the very text sent.
        let shown: Vec<&dyn std::fmt::Display> =
            parts.iter().map(|p| p as &dyn std::fmt::Display).collect();
        assert_eq!(encode(&tag, &shown), cursor);
    }
    if let Ok(id) = decode_id(cursor, TAGS) {
        let (tag, parts) = decode(cursor, 1).unwrap_or_default();
        assert!(TAGS.contains(&tag.as_str()));
        assert_eq!(parts, vec![id.clone()]);
        assert_eq!(id.len(), 36, "{id}");
    }
    // Keys may be spelled more than one way ("0250" is 250); what they mean must survive.
    let int = |k: &str| k.parse::<i64>().ok();
    for tag in ["pa", "f"] {
        if let Ok((key, id)) = decode_keyed(cursor, tag, int) {
            assert_eq!(
                decode_keyed(&encode(tag, &[&key, &id]), tag, int),
                Ok((key, id))
            );
        }
    }
    if let Ok((score, id)) = decode_keyed(cursor, "s", parse_score_key) {
        assert_eq!(
            decode_keyed(
                &encode("s", &[&score_key(score), &id]),
                "s",
                parse_score_key
            )
            .map(|(s, i)| (s.to_bits(), i)),
            Ok((score.to_bits(), id))
        );
    }
}

/// A UUID in its hyphenated lower-case form, from 16 bytes.
fn uuid_text(b: &[u8; 16]) -> String {
    let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..]
    )
}

fn built_cursors(data: &[u8]) {
    let Some((fixed, rest)) = data.split_first_chunk::<33>() else {
        return;
    };
    let tag = TAGS[usize::from(fixed[0]) % TAGS.len()];
    let mut id_bytes = [0u8; 16];
    id_bytes.copy_from_slice(&fixed[1..17]);
    let id = uuid_text(&id_bytes);
    let price = i64::from_le_bytes(fixed[17..25].try_into().unwrap_or_default());
    let score = f64::from_bits(u64::from_le_bytes(
        fixed[25..33].try_into().unwrap_or_default(),
    ));

    assert_eq!(decode_id(&encode(tag, &[&id]), TAGS), Ok(id.clone()));
    assert_eq!(decode_id(&encode(tag, &[&id]), &["other"]), Err(Malformed));
    assert_eq!(
        decode_keyed(&encode(tag, &[&price, &id]), tag, |k| k.parse::<i64>().ok()),
        Ok((price, id.clone()))
    );
    // Scores come back bit for bit, NaNs and negative zero included.
    let back = decode_keyed(
        &encode(tag, &[&score_key(score), &id]),
        tag,
        parse_score_key,
    );
    assert_eq!(
        back.map(|(s, i)| (s.to_bits(), i)),
        Ok((score.to_bits(), id.clone()))
    );

    // Free-form parts: anything without `:` (the last part may hold some) and non-empty.
    let text = String::from_utf8_lossy(rest);
    let mut parts: Vec<String> = text.split(':').map(str::to_owned).collect();
    if parts.len() > 3 {
        let last = parts.split_off(2).join(":");
        parts.push(last);
    }
    if parts.iter().all(|p| !p.is_empty()) {
        let shown: Vec<&dyn std::fmt::Display> =
            parts.iter().map(|p| p as &dyn std::fmt::Display).collect();
        let c = encode(tag, &shown);
        assert_eq!(decode(&c, parts.len()), Ok((tag.to_owned(), parts.clone())));
        // A cursor of another list's shape is refused, never misread (a last part with `:`
        // may be read as more parts: such keys go last for that reason).
        if parts.iter().all(|p| !p.contains(':')) {
            assert_eq!(decode(&c, parts.len() + 1), Err(Malformed));
        }
    }
}

fuzz_target!(|data: &[u8]| {
    client_cursor(&String::from_utf8_lossy(data));
    built_cursors(data);
});
