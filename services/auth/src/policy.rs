//! Which new passwords are refused beyond their length: the ones attackers try first.
//!
//! ASVS asks for a check against breached and common passwords, with no composition rules. The
//! shipped list (`data/common-passwords.txt`) holds the 10,000 most frequent passwords of public
//! breach corpora, as ranked by zxcvbn's frequency lists (MIT). Few of them reach our 15-char
//! minimum on their own, so a password is also refused when it is only a few of them glued
//! together ("passwordpassword", "iloveyou12345678"), nearly one repeated character, or the
//! user's own name.

use std::collections::HashSet;
use std::sync::LazyLock;

use artstation_common::ServiceError;

static COMMON: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    include_str!("../data/common-passwords.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect()
});

/// Pieces shorter than this are not counted as a common word (they would match anything).
const MIN_PIECE: usize = 3;
/// Longest entry worth trying as one piece.
const MAX_PIECE: usize = 32;
/// A password made of at most this many common pieces is guessable.
const MAX_PIECES: usize = 3;

fn refuse(why: &str) -> ServiceError {
    ServiceError::validation(
        "password",
        format!("this password is too easy to guess: {why}"),
    )
}

/// Fewest common pieces (list entries or digit runs) `s` splits into, if at most
/// [`MAX_PIECES`].
fn common_pieces(s: &[char]) -> Option<usize> {
    let n = s.len();
    let mut best = vec![usize::MAX; n + 1];
    best[0] = 0;
    for i in 0..n {
        if best[i] >= MAX_PIECES {
            continue;
        }
        let mut digits_end = i;
        while digits_end < n && s[digits_end].is_ascii_digit() {
            digits_end += 1;
        }
        for j in (i + 1)..=n.min(i + MAX_PIECE) {
            let piece: String = s[i..j].iter().collect();
            let common = (j - i >= MIN_PIECE && COMMON.contains(piece.as_str())) || j <= digits_end;
            if common {
                best[j] = best[j].min(best[i] + 1);
            }
        }
        // Digit runs longer than MAX_PIECE are still one piece.
        if digits_end > i {
            best[digits_end] = best[digits_end].min(best[i] + 1);
        }
    }
    (best[n] <= MAX_PIECES).then_some(best[n])
}

/// Checks a new password (already length-checked) against what guessers try first.
pub fn check_new_password(password: &str, username: &str) -> Result<(), ServiceError> {
    let lower = password.to_lowercase();
    if COMMON.contains(lower.as_str()) {
        return Err(refuse("it is a commonly used password"));
    }
    let mut distinct: Vec<char> = lower.chars().collect();
    distinct.sort_unstable();
    distinct.dedup();
    if distinct.len() < 5 {
        return Err(refuse("it uses too few different characters"));
    }
    if username.chars().count() >= 4 && lower.contains(&username.to_lowercase()) {
        return Err(refuse("it contains your username"));
    }
    let chars: Vec<char> = lower.chars().filter(|c| !c.is_whitespace()).collect();
    if common_pieces(&chars).is_some() {
        return Err(refuse("it is made of common passwords or digits"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_and_glued_passwords_are_refused() {
        for bad in [
            "123456789987654321",
            "passwordpassword",
            "PasswordPassword1",
            "iloveyou12345678",
            "qwertyuiop123456789",
            "aaaaaaaaaaaaaaaa",
            "abababababababab",
            "111111111111111111",
        ] {
            assert!(
                check_new_password(bad, "someone").is_err(),
                "{bad:?} accepted"
            );
        }
    }

    #[test]
    fn passphrases_pass() {
        for good in [
            "correct horse battery staple",
            "tangerine dusk over Lisbon",
            "vK8#p2!xQz@w9LmR",
        ] {
            assert!(
                check_new_password(good, "someone").is_ok(),
                "{good:?} refused"
            );
        }
    }

    #[test]
    fn the_username_is_not_a_password() {
        assert!(check_new_password("my name is alice_the_great", "alice_the_great").is_err());
    }

    #[test]
    fn the_list_is_shipped() {
        assert!(COMMON.len() >= 10_000 - 100, "{} entries", COMMON.len());
        assert!(COMMON.contains("password"));
    }
}
