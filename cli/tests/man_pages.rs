//! The man pages committed under `man/` must match the command tree, like the completion
//! scripts: a stale or missing page is rewritten (and a page of a command that is gone is
//! deleted) and the test fails, so `cargo test` then a commit fixes it. Install them with
//! `install -Dm644 -t ~/.local/share/man/man1 man/*.1` (README).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Every `.1` page in `dir`, by file name.
fn pages(dir: &Path) -> std::io::Result<BTreeMap<String, Vec<u8>>> {
    let mut found = BTreeMap::new();
    if !dir.exists() {
        return Ok(found);
    }
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.extension().is_some_and(|e| e == "1") {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            found.insert(name, std::fs::read(&path)?);
        }
    }
    Ok(found)
}

#[test]
fn committed_man_pages_are_fresh() -> anyhow::Result<()> {
    let fresh_dir = tempfile::tempdir()?;
    clap_mangen::generate_to(artstation_cli::args::command(), fresh_dir.path())?;
    let fresh = pages(fresh_dir.path())?;
    anyhow::ensure!(
        fresh.contains_key("artstation.1") && fresh.contains_key("artstation-admin-hide.1"),
        "unexpected page names: {:?}",
        fresh.keys().collect::<Vec<_>>()
    );

    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../man");
    let committed = pages(&dir)?;
    let mut stale = Vec::new();
    std::fs::create_dir_all(&dir)?;
    for (name, text) in &fresh {
        if committed.get(name) != Some(text) {
            std::fs::write(dir.join(name), text)?;
            stale.push(name.clone());
        }
    }
    for name in committed.keys().filter(|n| !fresh.contains_key(*n)) {
        std::fs::remove_file(dir.join(name))?;
        stale.push(format!("{name} (removed)"));
    }
    anyhow::ensure!(
        stale.is_empty(),
        "man pages were stale and have been regenerated; review and commit man/: {stale:?}"
    );
    Ok(())
}
