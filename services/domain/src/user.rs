use unicode_normalization::UnicodeNormalization as _;

use crate::ParseError;

/// A normalised email address (trimmed, lower-cased), so uniqueness is case-insensitive.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Email(String);

impl Email {
    pub fn parse(s: &str) -> Result<Self, ParseError> {
        // Refuse before normalising so a huge input costs nothing.
        if s.len() > 1024 {
            return Err(ParseError::new("email", "at most 254 characters"));
        }
        // NFKC first, so visually identical spellings (fullwidth letters, composed vs
        // decomposed accents) collide instead of making look-alike accounts.
        let e = s.trim().nfkc().collect::<String>().to_lowercase();
        if e.len() > 254 {
            return Err(ParseError::new("email", "at most 254 characters"));
        }
        let Some((local, domain)) = e.rsplit_once('@') else {
            return Err(ParseError::new("email", "must look like name@example.com"));
        };
        if local.is_empty()
            || domain.is_empty()
            || !domain.contains('.')
            || domain.starts_with('.')
            || domain.ends_with('.')
            || e.chars().any(|c| c.is_whitespace() || c.is_control())
        {
            return Err(ParseError::new("email", "must look like name@example.com"));
        }
        Ok(Self(e))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A username: 3..=32 of `a-z 0-9 _ - .`, stored lower-case so `Alice` and `alice` collide.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Username(String);

impl Username {
    pub fn parse(s: &str) -> Result<Self, ParseError> {
        if s.len() > 256 {
            return Err(ParseError::new("username", "must be 3 to 32 characters"));
        }
        let u = s.trim().nfkc().collect::<String>().to_lowercase();
        let n = u.chars().count();
        if !(3..=32).contains(&n) {
            return Err(ParseError::new("username", "must be 3 to 32 characters"));
        }
        if !u
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
        {
            return Err(ParseError::new(
                "username",
                "may contain only letters, digits, '_', '-' and '.'",
            ));
        }
        if u.contains('@') {
            return Err(ParseError::new("username", "must not contain '@'"));
        }
        Ok(Self(u))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A password as typed: 15..=128 characters (OWASP ASVS), no composition rules, never trimmed
/// or truncated. Its Debug output is redacted so it cannot leak into logs.
#[derive(Clone, PartialEq, Eq)]
pub struct Password(String);

impl Password {
    pub const MIN_CHARS: usize = 15;
    pub const MAX_CHARS: usize = 128;

    pub fn parse(s: &str) -> Result<Self, ParseError> {
        // Length is checked in bytes first so a huge input is refused before counting chars.
        if s.len() > Self::MAX_CHARS * 4 {
            return Err(ParseError::new(
                "password",
                format!("at most {} characters", Self::MAX_CHARS),
            ));
        }
        let n = s.chars().count();
        if n < Self::MIN_CHARS {
            return Err(ParseError::new(
                "password",
                format!("at least {} characters", Self::MIN_CHARS),
            ));
        }
        if n > Self::MAX_CHARS {
            return Err(ParseError::new(
                "password",
                format!("at most {} characters", Self::MAX_CHARS),
            ));
        }
        Ok(Self(s.to_owned()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Password {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Password(<redacted>)")
    }
}

/// What a user may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Buyer,
    Artist,
    Admin,
}

impl Role {
    pub fn parse(s: &str) -> Result<Self, ParseError> {
        match s {
            "buyer" => Ok(Self::Buyer),
            "artist" => Ok(Self::Artist),
            "admin" => Ok(Self::Admin),
            other => Err(ParseError::new(
                "role",
                format!("unknown role {other:?}; expected buyer, artist or admin"),
            )),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Buyer => "buyer",
            Self::Artist => "artist",
            Self::Admin => "admin",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nul_and_control_characters_are_refused() {
        assert_eq!(
            Username::parse("ab\u{0}c").map_err(|e| e.field),
            Err("username")
        );
        assert_eq!(
            Email::parse("a\u{0}@example.com").map_err(|e| e.field),
            Err("email")
        );
        assert_eq!(
            Email::parse("a@exa\u{7}mple.com").map_err(|e| e.field),
            Err("email")
        );
    }

    #[test]
    fn emails_are_normalised() {
        assert_eq!(
            Email::parse(" Alice@Example.COM ").map(|e| e.as_str().to_owned()),
            Ok("alice@example.com".into())
        );
        for bad in [
            "",
            "alice",
            "@example.com",
            "alice@",
            "alice@example",
            "a b@example.com",
        ] {
            assert!(Email::parse(bad).is_err(), "{bad:?} accepted");
        }
    }

    #[test]
    fn unicode_spellings_of_one_address_collide() {
        let composed = Email::parse("jos\u{e9}@example.com").map(|e| e.as_str().to_owned());
        let decomposed = Email::parse("jose\u{301}@example.com").map(|e| e.as_str().to_owned());
        assert_eq!(composed, decomposed);
        let fullwidth = Username::parse("\u{ff21}lice").map(|u| u.as_str().to_owned());
        assert_eq!(fullwidth, Ok("alice".into()));
    }

    #[test]
    fn usernames_are_bounded_and_lower_cased() {
        assert_eq!(
            Username::parse("Alice_01").map(|u| u.as_str().to_owned()),
            Ok("alice_01".into())
        );
        for bad in ["al", "a".repeat(33).as_str(), "al ice", "al@ce", "ålice"] {
            assert!(Username::parse(bad).is_err(), "{bad:?} accepted");
        }
    }

    #[test]
    fn passwords_are_length_checked_not_trimmed() {
        assert!(Password::parse("short").is_err());
        assert!(Password::parse(&"x".repeat(129)).is_err());
        let p = Password::parse("  fifteen chars ok  ").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(p.expose(), "  fifteen chars ok  ");
        assert_eq!(format!("{p:?}"), "Password(<redacted>)");
    }

    #[test]
    fn roles_parse() {
        assert_eq!(Role::parse("artist"), Ok(Role::Artist));
        assert!(Role::parse("root").is_err());
    }
}
