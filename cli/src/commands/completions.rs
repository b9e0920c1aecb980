//! `artstation completions SHELL`, and the committed scripts under `completions/`.

use clap_complete::Shell;

use crate::args::{CompletionsArgs, command};

pub const BIN: &str = "artstation";

/// Every shell we ship a script for.
pub const SHELLS: [Shell; 5] = [
    Shell::Bash,
    Shell::Zsh,
    Shell::Fish,
    Shell::PowerShell,
    Shell::Elvish,
];

pub fn run(args: &CompletionsArgs) -> anyhow::Result<()> {
    let script = generate(args.shell);
    use std::io::Write;
    std::io::stdout().lock().write_all(&script)?;
    Ok(())
}

/// The completion script of one shell.
pub fn generate(shell: Shell) -> Vec<u8> {
    let mut buf = Vec::new();
    clap_complete::generate(shell, &mut command(), BIN, &mut buf);
    buf
}

/// The file name a shell's script is committed under: artstation.bash, _artstation, ...
pub fn file_name(shell: Shell) -> String {
    clap_complete::Generator::file_name(&shell, BIN)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    /// The committed scripts must match the command tree. Like rust-analyzer's codegen checks,
    /// a stale file is rewritten and the test fails, so `cargo test` then a commit fixes it.
    #[test]
    fn committed_completions_are_fresh() -> anyhow::Result<()> {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../completions");
        let mut stale = Vec::new();
        for shell in SHELLS {
            let path = dir.join(file_name(shell));
            let want = generate(shell);
            if std::fs::read(&path).ok().as_deref() != Some(want.as_slice()) {
                std::fs::create_dir_all(&dir)?;
                std::fs::write(&path, &want)?;
                stale.push(path.display().to_string());
            }
        }
        assert!(
            stale.is_empty(),
            "completion scripts were stale and have been regenerated; review and commit: {stale:?}"
        );
        Ok(())
    }

    #[test]
    fn file_names_are_the_conventional_ones() {
        let names: Vec<String> = SHELLS.into_iter().map(file_name).collect();
        assert_eq!(
            names,
            [
                "artstation.bash",
                "_artstation",
                "artstation.fish",
                "_artstation.ps1",
                "artstation.elv"
            ]
        );
    }
}
