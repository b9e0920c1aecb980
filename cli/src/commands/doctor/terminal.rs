//! What the terminal can draw, for `doctor`.

use serde_json::json;

use super::{Check, Status};
use crate::output::Output;

/// What the terminal can draw, guessed from the environment (`browse` asks the terminal itself).
pub fn terminal(out: &Output, env: &dyn Fn(&str) -> Option<String>) -> Check {
    let term = env("TERM").unwrap_or_default();
    let truecolor = env("COLORTERM").is_some_and(|c| matches!(c.as_str(), "truecolor" | "24bit"));
    let protocol = graphics_protocol(env);
    let details = json!({
        "stdout_tty": out.stdout_tty,
        "stderr_tty": out.stderr_tty,
        "term": term,
        "truecolor": truecolor,
        "graphics": protocol,
    });
    let summary = if !out.stdout_tty {
        "output is not a terminal: tables become tab-separated lines, no pictures".to_owned()
    } else {
        match protocol {
            "kitty" => "pictures via the kitty graphics protocol".to_owned(),
            "iterm2" => "pictures via iTerm2 inline images".to_owned(),
            "sixel" => "pictures via sixel".to_owned(),
            "halfblocks" if truecolor => "pictures as true-colour half-blocks".to_owned(),
            "halfblocks" => "pictures as 256-colour half-blocks".to_owned(),
            _ => "no pictures: the terminal declares no colours".to_owned(),
        }
    };
    Check::new("terminal", Status::Ok, summary).details(details)
}

/// The best picture protocol the environment names: kitty, iterm2, sixel, halfblocks or none.
pub fn graphics_protocol(env: &dyn Fn(&str) -> Option<String>) -> &'static str {
    let term = env("TERM").unwrap_or_default();
    let program = env("TERM_PROGRAM").unwrap_or_default();
    let has = |name: &str| env(name).is_some_and(|v| !v.is_empty());
    if has("KITTY_WINDOW_ID")
        || term == "xterm-kitty"
        || term == "xterm-ghostty"
        || matches!(program.as_str(), "WezTerm" | "ghostty")
        || has("KONSOLE_VERSION")
    {
        "kitty"
    } else if matches!(program.as_str(), "iTerm.app" | "mintty") {
        "iterm2"
    } else if term.starts_with("foot") || term.starts_with("mlterm") || has("WT_SESSION") {
        "sixel"
    } else if !term.is_empty() && term != "dumb" {
        "halfblocks"
    } else {
        "none"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env_of(pairs: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
        move |name| {
            pairs
                .iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| (*v).to_owned())
        }
    }

    #[test]
    fn protocols_are_guessed_from_the_environment() {
        let cases: [(&'static [(&'static str, &'static str)], &str); 7] = [
            (&[("TERM", "xterm-kitty")], "kitty"),
            (
                &[("TERM", "xterm-256color"), ("TERM_PROGRAM", "WezTerm")],
                "kitty",
            ),
            (
                &[("TERM", "xterm-256color"), ("TERM_PROGRAM", "iTerm.app")],
                "iterm2",
            ),
            (&[("TERM", "foot")], "sixel"),
            (&[("TERM", "xterm-256color")], "halfblocks"),
            (&[("TERM", "dumb")], "none"),
            (&[], "none"),
        ];
        for (env, want) in cases {
            assert_eq!(graphics_protocol(&env_of(env)), want, "{env:?}");
        }
    }
}
