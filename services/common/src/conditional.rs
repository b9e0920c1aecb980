//! HTTP conditional requests (RFC 9110 §13): what the artwork service's image reads and the
//! gateway's artwork answers both decide the same way.

/// Whether an `If-None-Match` value names `etag`: weak comparison (`W/` is ignored on both
/// sides, as §13.1.2 says for this header), `*` matching any current representation.
pub fn etag_matches(if_none_match: &str, etag: &str) -> bool {
    let bare = etag.trim_start_matches("W/");
    if_none_match
        .split(',')
        .map(str::trim)
        .any(|t| t == "*" || (!t.is_empty() && t.trim_start_matches("W/") == bare))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn if_none_match_compares_weakly() {
        let tag = "\"abc\"";
        assert!(etag_matches("\"abc\"", tag));
        assert!(etag_matches("\"x\", W/\"abc\"", tag));
        assert!(etag_matches("*", tag));
        assert!(!etag_matches("", tag));
        assert!(!etag_matches("\"abd\"", tag));
    }
}
