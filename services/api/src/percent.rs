//! A percentage as the API takes it: a decimal written as a JSON string (`"-10.5"`) or number.

use std::fmt;

use serde::de::{self, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The text of a percentage as the client wrote it. Reading never fails on the value's type, so
/// whoever interprets it ([`Percent::text`] is `None` for a non-number) answers with one error
/// for every malformed percentage, whatever JSON type it came as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Percent(Option<String>);

impl Percent {
    /// A percentage to send, e.g. `"-10.5"`.
    pub fn new(text: impl Into<String>) -> Self {
        Self(Some(text.into()))
    }

    /// The decimal text, or `None` when the member was neither a string nor a number.
    pub fn text(&self) -> Option<&str> {
        self.0.as_deref()
    }
}

impl Serialize for Percent {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match &self.0 {
            Some(text) => s.serialize_str(text),
            None => s.serialize_unit(),
        }
    }
}

struct PercentVisitor;

impl<'de> Visitor<'de> for PercentVisitor {
    type Value = Percent;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a percentage as a string or a number")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Percent, E> {
        Ok(Percent::new(v.trim()))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Percent, E> {
        Ok(Percent::new(v.to_string()))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Percent, E> {
        Ok(Percent::new(v.to_string()))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Percent, E> {
        Ok(Percent::new(v.to_string()))
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Percent, E> {
        Ok(Percent(None))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Percent, E> {
        Ok(Percent(None))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Percent, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Percent(None))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Percent, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Percent(None))
    }
}

impl<'de> Deserialize<'de> for Percent {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(PercentVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(json: &str) -> Option<String> {
        serde_json::from_str::<Percent>(json)
            .ok()
            .and_then(|p| p.text().map(str::to_owned))
    }

    #[test]
    fn strings_and_numbers_are_kept_as_text() -> anyhow::Result<()> {
        assert_eq!(read(r#""-10.5""#).as_deref(), Some("-10.5"));
        assert_eq!(read("20").as_deref(), Some("20"));
        assert_eq!(read("-10.25").as_deref(), Some("-10.25"));
        assert_eq!(read("true"), None);
        assert_eq!(read("[1]"), None);
        assert_eq!(serde_json::to_string(&Percent::new("-10"))?, r#""-10""#);
        Ok(())
    }
}
