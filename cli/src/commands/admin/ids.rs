//! Ids of a bulk command: its arguments, where `-` stands for one id per line of standard input.

use std::io::BufRead;

use crate::error::CliError;

/// The ids to act on, in the order given, each once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ids {
    pub ids: Vec<String>,
    /// Standard input was read for ids, so it cannot also answer a question.
    pub from_stdin: bool,
}

/// Reads the ids of `args`, taking those of standard input in place of `-`.
pub fn from_args(args: Vec<String>) -> Result<Ids, CliError> {
    read(args, &mut std::io::stdin().lock())
}

/// Like [`from_args`] with `input` as standard input. Blank lines and the spaces around an id are
/// ignored; repeats are dropped (acting twice would only add a no-op to the audit log).
pub fn read(args: Vec<String>, input: &mut impl BufRead) -> Result<Ids, CliError> {
    let mut ids: Vec<String> = Vec::new();
    let mut from_stdin = false;
    for arg in args {
        if arg == "-" {
            if from_stdin {
                return Err(CliError::Usage("`-` may be given only once".into()));
            }
            from_stdin = true;
            for line in input.lines() {
                let line = line.map_err(|e| {
                    CliError::Usage(format!("cannot read ids from standard input: {e}"))
                })?;
                push(&mut ids, line.trim());
            }
        } else {
            push(&mut ids, arg.trim());
        }
    }
    if ids.is_empty() {
        let source = if from_stdin {
            "standard input had no ids"
        } else {
            "no ids given"
        };
        return Err(CliError::Usage(source.into()));
    }
    Ok(Ids { ids, from_stdin })
}

fn push(ids: &mut Vec<String>, id: &str) {
    if !id.is_empty() && !ids.iter().any(|seen| seen == id) {
        ids.push(id.to_owned());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn arguments_are_kept_in_order_without_repeats() -> Result<(), CliError> {
        let got = read(args(&["b", "a", "b"]), &mut "unused\n".as_bytes())?;
        assert_eq!(got.ids, ["b", "a"]);
        assert!(!got.from_stdin);
        Ok(())
    }

    #[test]
    fn a_dash_reads_one_id_per_line() -> Result<(), CliError> {
        let stdin = "  a1 \n\n\t\na2\r\na1\n   \na3";
        let got = read(args(&["a0", "-", "a4"]), &mut stdin.as_bytes())?;
        assert_eq!(got.ids, ["a0", "a1", "a2", "a3", "a4"]);
        assert!(got.from_stdin);
        Ok(())
    }

    #[test]
    fn nothing_to_act_on_is_a_usage_error() {
        for (list, stdin) in [
            (&["-"][..], "\n \n"),
            (&["  "][..], ""),
            (&["-", "-"], "a\n"),
        ] {
            let got = read(args(list), &mut stdin.as_bytes());
            assert!(matches!(got, Err(CliError::Usage(_))), "{list:?}: {got:?}");
        }
    }
}
