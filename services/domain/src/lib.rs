//! Domain types shared by every artstation crate, including the CLI.
//!
//! Each type is parsed once, where data enters the system (a REST body, a gRPC message, a CLI
//! flag), so code behind the edge never re-validates. This crate knows nothing about transport
//! or storage.

mod artwork;
mod money;
mod user;

pub use artwork::{CategorySlug, Description, EditionSize, Licence, SalePercent, Tag};
pub use money::{Currency, Money};
pub use user::{Email, Password, Role, Username};

/// Why a value was refused, naming the field so clients can point at it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {reason}")]
pub struct ParseError {
    pub field: &'static str,
    pub reason: String,
}

impl ParseError {
    pub fn new(field: &'static str, reason: impl Into<String>) -> Self {
        Self {
            field,
            reason: reason.into(),
        }
    }
}

/// Refuses control characters in free text (except those `allowed`): PostgreSQL cannot
/// store NUL at all, and no other control character belongs in a name or a query.
pub fn refuse_control(field: &'static str, s: &str, allowed: &[char]) -> Result<(), ParseError> {
    if s.chars().any(|c| c.is_control() && !allowed.contains(&c)) {
        return Err(ParseError::new(
            field,
            "must not contain control characters",
        ));
    }
    Ok(())
}

/// Publication state of an artwork. `Hidden` is set by moderation only, never by the owner.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum ArtworkStatus {
    Draft,
    Published,
    Hidden,
}

impl ArtworkStatus {
    pub fn parse(s: &str) -> Result<Self, ParseError> {
        match s {
            "draft" => Ok(Self::Draft),
            "published" => Ok(Self::Published),
            "hidden" => Ok(Self::Hidden),
            other => Err(ParseError::new(
                "status",
                format!("unknown status {other:?}; expected draft or published"),
            )),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::Published => "published",
            Self::Hidden => "hidden",
        }
    }
}

/// A title: trimmed, 1..=200 characters, no control characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Title(String);

impl Title {
    pub const MAX_CHARS: usize = 200;

    pub fn parse(s: &str) -> Result<Self, ParseError> {
        let t = s.trim();
        if t.is_empty() {
            return Err(ParseError::new("title", "must not be empty"));
        }
        if t.chars().count() > Self::MAX_CHARS {
            return Err(ParseError::new(
                "title",
                format!("at most {} characters", Self::MAX_CHARS),
            ));
        }
        refuse_control("title", t, &[])?;
        Ok(Self(t.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_inner(self) -> String {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_is_trimmed_and_bounded() {
        assert_eq!(
            Title::parse("  Sunset ").map(Title::into_inner),
            Ok("Sunset".into())
        );
        assert!(Title::parse("   ").is_err());
        assert!(Title::parse(&"x".repeat(201)).is_err());
        assert!(Title::parse("a\u{0}b").is_err());
    }

    #[test]
    fn control_characters_are_refused_unless_allowed() {
        assert_eq!(
            refuse_control("q", "a\u{0}b", &[]).map_err(|e| e.field),
            Err("q")
        );
        assert!(refuse_control("q", "a\u{7f}", &[]).is_err());
        assert!(refuse_control("q", "a\tb", &[]).is_err());
        assert!(refuse_control("d", "a\tb\n", &['\t', '\n']).is_ok());
        assert!(refuse_control("q", "plain ünïcode", &[]).is_ok());
    }

    #[test]
    fn status_round_trips() {
        for s in ["draft", "published", "hidden"] {
            assert_eq!(ArtworkStatus::parse(s).map(ArtworkStatus::as_str), Ok(s));
        }
        assert_eq!(
            ArtworkStatus::parse("gone").map_err(|e| e.field),
            Err("status")
        );
    }
}
