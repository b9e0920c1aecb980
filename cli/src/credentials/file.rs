//! The file store: a JSON map of account → session in one file only its owner can read.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::StoredCredentials;
use crate::error::CliError;

/// A JSON map of account → credentials in one file, mode 0600, replaced atomically.
#[derive(Debug)]
pub(super) struct FileStore {
    pub(super) path: PathBuf,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct FileContents {
    #[serde(default)]
    credentials: BTreeMap<String, StoredCredentials>,
}

impl FileStore {
    fn read_all(&self) -> Result<FileContents, CliError> {
        match std::fs::read(&self.path) {
            Ok(bytes) => serde_json::from_slice(&bytes).map_err(|e| {
                CliError::Store(format!("{} is unreadable: {e}", self.path.display()))
            }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(FileContents::default()),
            Err(e) => Err(CliError::Store(format!(
                "cannot read {}: {e}",
                self.path.display()
            ))),
        }
    }

    pub(super) fn load(&self, account: &str) -> Result<Option<StoredCredentials>, CliError> {
        Ok(self.read_all()?.credentials.remove(account))
    }

    pub(super) fn save(&self, account: &str, creds: &StoredCredentials) -> Result<(), CliError> {
        // A corrupt file is replaced rather than blocking a fresh login forever.
        let mut all = self.read_all().unwrap_or_else(|e| {
            tracing::warn!(error = %e, "replacing an unreadable credential file");
            FileContents::default()
        });
        all.credentials.insert(account.to_owned(), creds.clone());
        self.write_all(&all)
    }

    pub(super) fn delete(&self, account: &str) -> Result<bool, CliError> {
        let mut all = self.read_all()?;
        let had = all.credentials.remove(account).is_some();
        if had {
            self.write_all(&all)?;
        }
        Ok(had)
    }

    fn write_all(&self, all: &FileContents) -> Result<(), CliError> {
        let err = |what: &str, path: &Path, e: std::io::Error| {
            CliError::Store(format!("cannot {what} {}: {e}", path.display()))
        };
        let dir = self.path.parent().unwrap_or_else(|| Path::new("."));
        create_private_dir(dir).map_err(|e| err("create", dir, e))?;
        let bytes = serde_json::to_vec_pretty(all)
            .map_err(|e| CliError::Store(format!("cannot encode credentials: {e}")))?;
        // Written beside the target and renamed, so a crash never leaves half a file and the
        // secret is never readable by others, not even for a moment.
        let tmp = self
            .path
            .with_extension(format!("json.tmp-{}", std::process::id()));
        write_private(&tmp, &bytes).map_err(|e| err("write", &tmp, e))?;
        std::fs::rename(&tmp, &self.path).map_err(|e| {
            let _ = std::fs::remove_file(&tmp);
            err("replace", &self.path, e)
        })
    }
}

#[cfg(unix)]
pub(crate) fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::DirBuilderExt;
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
}

#[cfg(not(unix))]
pub(crate) fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)
}

fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}
