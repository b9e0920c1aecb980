//! Instants as the API writes them. chrono's own serde form drops trailing zero fractions, so
//! these fix the precision: microseconds for records, whole seconds for the sale's bounds.

use chrono::{DateTime, SecondsFormat, Utc};
use serde::{Deserialize, Deserializer, Serializer};

/// RFC 3339 with microseconds and `Z`, the form of every record's `created_at`.
pub fn micros(t: &DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Micros, true)
}

/// RFC 3339 to the second with `Z`.
pub fn seconds(t: &DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

fn parse<'de, D: Deserializer<'de>>(d: D) -> Result<Option<DateTime<Utc>>, D::Error> {
    Option::<DateTime<Utc>>::deserialize(d)
}

/// `#[serde(with = "time::micros_opt")]` for an optional instant written with microseconds.
pub mod micros_opt {
    use super::*;

    pub fn serialize<S: Serializer>(t: &Option<DateTime<Utc>>, s: S) -> Result<S::Ok, S::Error> {
        match t {
            Some(t) => s.serialize_str(&micros(t)),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<DateTime<Utc>>, D::Error> {
        parse(d)
    }
}

/// `#[serde(with = "time::seconds_opt")]` for an optional instant written to the second.
pub mod seconds_opt {
    use super::*;

    pub fn serialize<S: Serializer>(t: &Option<DateTime<Utc>>, s: S) -> Result<S::Ok, S::Error> {
        match t {
            Some(t) => s.serialize_str(&seconds(t)),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<DateTime<Utc>>, D::Error> {
        parse(d)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn precision_is_fixed() -> anyhow::Result<()> {
        let t: DateTime<Utc> = "2026-01-02T03:04:05Z".parse()?;
        assert_eq!(micros(&t), "2026-01-02T03:04:05.000000Z");
        assert_eq!(seconds(&t), "2026-01-02T03:04:05Z");
        Ok(())
    }
}
