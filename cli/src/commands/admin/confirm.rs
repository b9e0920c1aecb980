//! The question before a destructive action. Scripts must say `--yes`; a person on a terminal is
//! asked, on `/dev/tty` when standard input carries the ids.

use std::io::{BufRead, BufReader, IsTerminal, Write};

use crate::commands::{confirm, stdin_is_tty};
use crate::error::CliError;

/// Goes ahead when `yes`, or when a person at a terminal says so; refuses (exit 2) when there is
/// no terminal to ask on, and fails (exit 1) when the person declines.
pub fn destructive(
    yes: bool,
    ids_on_stdin: bool,
    verb: &str,
    question: &str,
) -> anyhow::Result<()> {
    if yes {
        return Ok(());
    }
    let answer = if stdin_is_tty() && !ids_on_stdin {
        Some(confirm(question)?)
    } else if std::io::stderr().is_terminal() {
        ask_on_tty(question)
    } else {
        None
    };
    match answer {
        Some(true) => Ok(()),
        Some(false) => Err(anyhow::anyhow!("cancelled; nothing was {verb}")),
        None => Err(CliError::Usage(format!(
            "--yes is required when there is no terminal to confirm on; nothing was {verb}"
        ))
        .into()),
    }
}

/// Asks on the controlling terminal; `None` when there is none.
fn ask_on_tty(question: &str) -> Option<bool> {
    let tty = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open("/dev/tty")
        .ok()?;
    let mut writer = tty.try_clone().ok()?;
    write!(writer, "{question} [y/N]: ").ok()?;
    writer.flush().ok()?;
    let mut line = String::new();
    BufReader::new(tty).read_line(&mut line).ok()?;
    Some(matches!(
        line.trim().to_ascii_lowercase().as_str(),
        "y" | "yes"
    ))
}

/// "a1, a2, a3 and 4 more", to name what a question is about.
pub fn some_ids(ids: &[String]) -> String {
    const SHOWN: usize = 3;
    let head = ids
        .iter()
        .take(SHOWN)
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join(", ");
    match ids.len().saturating_sub(SHOWN) {
        0 => head,
        more => format!("{head} and {more} more"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn questions_name_a_few_ids() {
        let ids: Vec<String> = (1..=5).map(|i| format!("a{i}")).collect();
        assert_eq!(some_ids(&ids[..2]), "a1, a2");
        assert_eq!(some_ids(&ids), "a1, a2, a3 and 2 more");
    }
}
