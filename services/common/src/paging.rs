//! Cursor paging, the one way every list in every service pages: a checked limit, a fetch of
//! `limit + 1` rows (the extra row only says whether there is more), and an opaque cursor made
//! of the last row's sort key, tagged so a cursor from one list cannot be replayed on another.
//! The codec itself is `artstation_parsers::cursor`, kept there so it can be fuzzed alone.

use artstation_parsers::cursor;

use crate::ServiceError;

/// Items in a page when the caller names no limit.
pub const DEFAULT_PAGE: u32 = 20;
/// The largest page any list serves.
pub const MAX_PAGE: u32 = 100;

/// A page size a caller asked for, checked: 0 (unset) means [`DEFAULT_PAGE`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageLimit(u32);

impl PageLimit {
    pub fn parse(requested: u32) -> Result<Self, ServiceError> {
        Self::parse_within(requested, DEFAULT_PAGE, MAX_PAGE)
    }

    /// Like [`PageLimit::parse`], for a list whose published bounds differ from the usual ones
    /// (clients rely on them, so they cannot be brought in line).
    pub fn parse_within(requested: u32, default: u32, max: u32) -> Result<Self, ServiceError> {
        match requested {
            0 => Ok(Self(default)),
            n if n <= max => Ok(Self(n)),
            _ => Err(ServiceError::validation(
                "limit",
                format!("must be 1 to {max}"),
            )),
        }
    }

    pub fn get(self) -> u32 {
        self.0
    }

    /// Rows to fetch: one more than the page, so the page knows whether another follows.
    pub fn fetch(self) -> u32 {
        self.0 + 1
    }
}

/// One page of items and the cursor of the next page (`None` on the last).
#[derive(Debug, Clone, PartialEq)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub next_cursor: Option<String>,
}

impl<T> Page<T> {
    /// Cuts a fetch of [`PageLimit::fetch`] rows into a page; `cursor_of` names the last item
    /// shown when more follow.
    pub fn cut(mut rows: Vec<T>, limit: PageLimit, cursor_of: impl FnOnce(&T) -> String) -> Self {
        let more = rows.len() > limit.get() as usize;
        rows.truncate(limit.get() as usize);
        let next_cursor = if more {
            rows.last().map(cursor_of)
        } else {
            None
        };
        Self {
            items: rows,
            next_cursor,
        }
    }

    pub fn map<U>(self, f: impl FnMut(T) -> U) -> Page<U> {
        Page {
            items: self.items.into_iter().map(f).collect(),
            next_cursor: self.next_cursor,
        }
    }

    /// The next cursor as the wire carries it: empty on the last page.
    pub fn wire_cursor(&self) -> String {
        self.next_cursor.clone().unwrap_or_default()
    }
}

/// Encodes a cursor: `tag` names the list (and sort), `parts` the last item's sort key.
/// Parts must not contain `:` except the last (ids, numbers and hex do not).
pub fn encode_cursor(tag: &str, parts: &[&dyn std::fmt::Display]) -> String {
    cursor::encode(tag, parts)
}

/// A cursor taken apart: its tag and exactly `parts` key parts, or a `validation_failed` error
/// on the `cursor` field. The caller matches the tag and parses the parts.
pub fn decode_cursor(cursor: &str, parts: usize) -> Result<(String, Vec<String>), ServiceError> {
    cursor::decode(cursor, parts).map_err(|_| bad_cursor())
}

/// Decodes a cursor whose only key part is a UUID, under one of `tags`.
pub fn decode_id_cursor(cursor: &str, tags: &[&str]) -> Result<String, ServiceError> {
    cursor::decode_id(cursor, tags).map_err(|_| bad_cursor())
}

/// The error every malformed cursor gets.
pub fn bad_cursor() -> ServiceError {
    ServiceError::validation("cursor", "malformed cursor")
}

/// An optional cursor as the wire carries it (empty = first page), decoded by `decode`.
pub fn optional<T>(
    cursor: &str,
    decode: impl FnOnce(&str) -> Result<T, ServiceError>,
) -> Result<Option<T>, ServiceError> {
    if cursor.is_empty() {
        Ok(None)
    } else {
        decode(cursor).map(Some)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_default_and_cap() {
        assert_eq!(PageLimit::parse(0).map(PageLimit::get), Ok(DEFAULT_PAGE));
        assert_eq!(PageLimit::parse(7).map(PageLimit::fetch), Ok(8));
        let err = PageLimit::parse(MAX_PAGE + 1).err().map(|e| e.field);
        assert_eq!(err, Some(Some("limit".to_owned())));
        assert_eq!(
            PageLimit::parse_within(0, 50, 200).map(PageLimit::get),
            Ok(50)
        );
        assert_eq!(
            PageLimit::parse_within(200, 50, 200).map(PageLimit::get),
            Ok(200)
        );
        assert!(PageLimit::parse_within(201, 50, 200).is_err());
    }

    #[test]
    fn a_page_knows_whether_more_follow() {
        let limit = PageLimit::parse(2).unwrap_or(PageLimit(2));
        let page = Page::cut(vec![1, 2, 3], limit, |n| format!("after {n}"));
        assert_eq!(page.items, vec![1, 2]);
        assert_eq!(page.next_cursor.as_deref(), Some("after 2"));
        let last = Page::cut(vec![1, 2], limit, |n| format!("after {n}"));
        assert_eq!(last.next_cursor, None);
        assert_eq!(last.wire_cursor(), "");
    }

    #[test]
    fn cursors_round_trip_and_refuse_garbage() {
        let id = "0190b6f2-6b5e-7c3a-9d2e-3f4a5b6c7d8e";
        let c = encode_cursor("pa", &[&1250, &id]);
        let (tag, parts) = decode_cursor(&c, 2).unwrap_or_default();
        assert_eq!(
            (tag.as_str(), parts),
            ("pa", vec!["1250".to_owned(), id.to_owned()])
        );
        assert_eq!(
            decode_id_cursor(&encode_cursor("n", &[&id]), &["n"]).ok(),
            Some(id.to_owned())
        );
        for bad in [
            "",
            "!!!",
            &encode_cursor("n", &[&"not-a-uuid"]),
            &encode_cursor("x", &[&id]),
        ] {
            assert!(decode_id_cursor(bad, &["n"]).is_err(), "{bad}");
        }
        assert!(decode_cursor(&encode_cursor("pa", &[&id]), 2).is_err());
        assert_eq!(optional("", |_| Ok(1)).ok(), Some(None));
    }
}
