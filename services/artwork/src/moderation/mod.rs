//! Moderation, all methods of the shared [`crate::state::State`]: `reports` (users report works,
//! see what became of their reports, and artists appeal a hide once), `actions` (admins hide,
//! restore or remove works, one or many, and dismiss reports; every list and cache reflects it
//! at once), `queue` (the admins' queue and the audit log). Every admin method checks the
//! caller here, in the service, not only at the gateway.

mod actions;
mod queue;
mod reports;

use artstation_common::jwt::AccessClaims;
use artstation_common::{ServiceError, caller, paging};
use chrono::{DateTime, Utc};

/// Longest reason an admin may give.
const MAX_REASON_CHARS: usize = 500;

/// The admin's reason, required: 1 to 500 characters, no control characters.
fn parse_reason(reason: &str) -> Result<String, ServiceError> {
    let reason = reason.trim();
    if reason.is_empty() || reason.chars().count() > MAX_REASON_CHARS {
        return Err(ServiceError::validation(
            "reason",
            format!("1 to {MAX_REASON_CHARS} characters"),
        ));
    }
    artstation_domain::refuse_control("reason", reason, &[])?;
    Ok(reason.to_owned())
}

/// The admin check every admin method starts with.
fn require_admin(caller: &AccessClaims) -> Result<(), ServiceError> {
    caller::require_admin(caller)
}

/// A keyset cursor of `(instant, id)` under `tag` (instants as microseconds: RFC 3339 would
/// carry the cursor format's separator).
fn encode_keyset(tag: &str, at: DateTime<Utc>, id: &str) -> String {
    paging::encode_cursor(tag, &[&id, &at.timestamp_micros()])
}

fn decode_keyset(tag: &str, cursor: &str) -> Result<(DateTime<Utc>, String), ServiceError> {
    let (found, parts) = paging::decode_cursor(cursor, 2)?;
    let (Some(id), Some(micros)) = (parts.first(), parts.get(1)) else {
        return Err(paging::bad_cursor());
    };
    let at = micros
        .parse::<i64>()
        .ok()
        .and_then(DateTime::<Utc>::from_timestamp_micros)
        .ok_or_else(paging::bad_cursor)?;
    if found != tag || uuid::Uuid::parse_str(id).is_err() {
        return Err(paging::bad_cursor());
    }
    Ok((at, id.clone()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keyset_cursors_round_trip_and_refuse_other_tags() -> Result<(), ServiceError> {
        let at = artstation_common::now();
        let id = uuid::Uuid::now_v7().to_string();
        let c = encode_keyset("q1", at, &id);
        let (back, back_id) = decode_keyset("q1", &c)?;
        assert_eq!(back.timestamp_micros(), at.timestamp_micros());
        assert_eq!(back_id, id);
        assert!(decode_keyset("r1", &c).is_err());
        assert!(decode_keyset("q1", "!!").is_err());
        Ok(())
    }

    #[test]
    fn reasons_are_required_and_bounded() {
        assert!(parse_reason("  ").is_err());
        assert!(parse_reason(&"x".repeat(501)).is_err());
        assert!(parse_reason("spam\u{7}").is_err());
        assert_eq!(parse_reason(" spam ").ok().as_deref(), Some("spam"));
    }
}
