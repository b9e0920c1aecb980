//! Instants across the gRPC hop: `google.protobuf.Timestamp` to and from `chrono`.

use chrono::{DateTime, Utc};

pub fn to_proto(t: DateTime<Utc>) -> prost_types::Timestamp {
    prost_types::Timestamp {
        seconds: t.timestamp(),
        nanos: i32::try_from(t.timestamp_subsec_nanos()).unwrap_or(0),
    }
}

/// `None` for a missing or out-of-range timestamp.
pub fn from_proto(t: Option<prost_types::Timestamp>) -> Option<DateTime<Utc>> {
    t.and_then(|t| DateTime::from_timestamp(t.seconds, u32::try_from(t.nanos).ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn instants_round_trip() {
        let now = crate::now();
        assert_eq!(from_proto(Some(to_proto(now))), Some(now));
        assert_eq!(from_proto(None), None);
        let bad = prost_types::Timestamp {
            seconds: 0,
            nanos: -1,
        };
        assert_eq!(from_proto(Some(bad)), None);
    }
}
