//! What describes an artwork besides its title and price: tags, category, licence, description,
//! edition size, and the percentage of a store-wide sale.

use crate::ParseError;

/// One tag: trimmed, lower-cased, 1..=40 characters, no control characters.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Tag(String);

impl Tag {
    pub const MAX_CHARS: usize = 40;
    /// Tags one artwork may carry.
    pub const MAX_PER_ARTWORK: usize = 20;

    pub fn parse(s: &str) -> Result<Self, ParseError> {
        let tag = s.trim().to_lowercase();
        let n = tag.chars().count();
        if n == 0 || n > Self::MAX_CHARS || tag.chars().any(char::is_control) {
            return Err(ParseError::new(
                "tags",
                format!("each tag must be 1 to {} characters", Self::MAX_CHARS),
            ));
        }
        Ok(Self(tag))
    }

    /// An artwork's tags: each parsed, duplicates dropped (first spelling kept, in order),
    /// at most [`Tag::MAX_PER_ARTWORK`].
    pub fn parse_list<S: AsRef<str>>(raw: &[S]) -> Result<Vec<Self>, ParseError> {
        if raw.len() > Self::MAX_PER_ARTWORK {
            return Err(ParseError::new(
                "tags",
                format!("at most {} tags", Self::MAX_PER_ARTWORK),
            ));
        }
        let mut tags: Vec<Self> = Vec::with_capacity(raw.len());
        for raw in raw {
            let tag = Self::parse(raw.as_ref())?;
            if !tags.contains(&tag) {
                tags.push(tag);
            }
        }
        Ok(tags)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_inner(self) -> String {
        self.0
    }
}

impl PartialEq<&str> for Tag {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

/// A category slug: trimmed, lower-cased, 1..=40 of `[a-z0-9-]`. Every category ever stored was
/// created under this rule, and an artwork may only name a stored one.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CategorySlug(String);

impl CategorySlug {
    pub const MAX_CHARS: usize = 40;

    /// Refusals name the `category` field (an artwork's); the category admin names it `slug`.
    pub fn parse(s: &str) -> Result<Self, ParseError> {
        let slug = s.trim().to_lowercase();
        let ok = (1..=Self::MAX_CHARS).contains(&slug.len())
            && slug
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if !ok {
            return Err(ParseError::new(
                "category",
                format!("1 to {} of a-z, 0-9 and '-'", Self::MAX_CHARS),
            ));
        }
        Ok(Self(slug))
    }

    /// An artwork's category as its fields carry it: empty (after trimming) means none.
    pub fn parse_optional(s: &str) -> Result<Option<Self>, ParseError> {
        if s.trim().is_empty() {
            Ok(None)
        } else {
            Self::parse(s).map(Some)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_inner(self) -> String {
        self.0
    }
}

/// The licence a buyer gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Licence {
    #[default]
    Personal,
    Commercial,
}

impl Licence {
    /// Empty means the default, personal.
    pub fn parse(s: &str) -> Result<Self, ParseError> {
        match s {
            "" | "personal" => Ok(Self::Personal),
            "commercial" => Ok(Self::Commercial),
            other => Err(ParseError::new(
                "licence",
                format!("unknown licence {other:?}; expected personal or commercial"),
            )),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Personal => "personal",
            Self::Commercial => "commercial",
        }
    }
}

/// A description: trimmed, at most 5 000 characters (empty is fine), no control characters
/// but line breaks (`\n`, and the `\r` of CRLF text areas) and tabs.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Description(String);

impl Description {
    pub const MAX_CHARS: usize = 5_000;

    pub fn parse(s: &str) -> Result<Self, ParseError> {
        let d = s.trim();
        if d.chars().count() > Self::MAX_CHARS {
            return Err(ParseError::new(
                "description",
                format!("at most {} characters", Self::MAX_CHARS),
            ));
        }
        crate::refuse_control("description", d, &['\n', '\r', '\t'])?;
        Ok(Self(d.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_inner(self) -> String {
        self.0
    }
}

/// How many prints an edition has: 0 is an open edition, else 1..=1 000 000.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, PartialOrd, Ord)]
pub struct EditionSize(u32);

impl EditionSize {
    pub const MAX: u32 = 1_000_000;
    pub const OPEN: Self = Self(0);

    pub fn new(n: u32) -> Result<Self, ParseError> {
        if n > Self::MAX {
            return Err(ParseError::new(
                "edition_size",
                format!("at most {}", Self::MAX),
            ));
        }
        Ok(Self(n))
    }

    pub fn get(self) -> u32 {
        self.0
    }

    pub fn is_open(self) -> bool {
        self.0 == 0
    }
}

/// The discount of a store-wide sale in basis points (2000 = 20 %): 1..=9 999, so a sale never
/// gives a work away.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SalePercent(u32);

impl SalePercent {
    pub fn from_basis_points(bp: u32) -> Result<Self, ParseError> {
        if bp == 0 {
            return Err(ParseError::new("percent", "must be above 0"));
        }
        if bp >= 10_000 {
            return Err(ParseError::new("percent", "must be below 100"));
        }
        Ok(Self(bp))
    }

    pub fn basis_points(self) -> u32 {
        self.0
    }

    /// A price during the sale, rounded half up to whole minor units.
    pub fn apply(self, amount_minor: i64) -> i64 {
        let factor = i128::from(10_000 - self.0);
        let v = (i128::from(amount_minor) * factor + 5_000) / 10_000;
        i64::try_from(v).unwrap_or(i64::MAX)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nul_and_control_characters_are_refused() {
        assert_eq!(
            Description::parse("a\u{0}b").map_err(|e| e.field),
            Err("description")
        );
        assert!(Description::parse("a\u{1b}[31m").is_err());
        assert_eq!(
            Description::parse("line one\r\n\tline two").map(Description::into_inner),
            Ok("line one\r\n\tline two".into())
        );
        assert_eq!(Tag::parse("a\u{0}b").map_err(|e| e.field), Err("tags"));
    }

    #[test]
    fn tags_are_normalised_deduplicated_and_bounded() {
        let tags = Tag::parse_list(&["Sky", "sky", " sea "])
            .map(|v| v.into_iter().map(Tag::into_inner).collect::<Vec<String>>());
        assert_eq!(tags, Ok(vec!["sky".to_owned(), "sea".to_owned()]));
        assert!(Tag::parse(" ").is_err());
        assert!(Tag::parse(&"x".repeat(41)).is_err());
        let many: Vec<String> = (0..21).map(|i| format!("t{i}")).collect();
        assert_eq!(Tag::parse_list(&many).map_err(|e| e.field), Err("tags"));
    }

    #[test]
    fn category_slugs_follow_one_rule() {
        assert_eq!(
            CategorySlug::parse(" Concept-Art ").map(CategorySlug::into_inner),
            Ok("concept-art".to_owned())
        );
        for bad in ["", "a b", "über", "x/y", &"a".repeat(41)] {
            assert!(CategorySlug::parse(bad).is_err(), "{bad:?}");
        }
        assert_eq!(CategorySlug::parse_optional("  "), Ok(None));
    }

    #[test]
    fn licences_edition_sizes_and_descriptions() {
        assert_eq!(Licence::parse(""), Ok(Licence::Personal));
        assert_eq!(
            Licence::parse("commercial").map(Licence::as_str),
            Ok("commercial")
        );
        assert!(Licence::parse("cc0").is_err());
        assert_eq!(EditionSize::new(0).map(EditionSize::is_open), Ok(true));
        assert!(EditionSize::new(1_000_001).is_err());
        assert_eq!(
            Description::parse(" hi ").map(Description::into_inner),
            Ok("hi".to_owned())
        );
        assert!(Description::parse(&"x".repeat(5_001)).is_err());
    }

    #[test]
    fn sale_percent_is_a_discount_below_everything() {
        assert!(SalePercent::from_basis_points(0).is_err());
        assert!(SalePercent::from_basis_points(10_000).is_err());
        let s = SalePercent::from_basis_points(2000).map(|s| s.apply(1000));
        assert_eq!(s, Ok(800));
        let third = SalePercent::from_basis_points(3333).map(|s| s.apply(1));
        assert_eq!(third, Ok(1));
    }
}
