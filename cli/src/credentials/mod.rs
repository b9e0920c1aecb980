//! Where tokens live between invocations: the OS keyring when one is usable, else a file only
//! the user can read, and the choice is always visible (`whoami`, `auth status`).
//!
//! Every keyring backend is an explicit keyring-core store, probed before use on Linux, so a
//! store that silently drops writes (the old `keyring` mock) can never be selected.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::error::CliError;

/// Keyring service name of every entry.
pub const SERVICE: &str = "artstation";
/// Forces `keyring` or `file`.
pub const STORE_ENV: &str = "ARTSTATION_CREDENTIAL_STORE";
/// Directory of the file store; lets tests isolate themselves.
pub const CONFIG_DIR_ENV: &str = "ARTSTATION_CONFIG_DIR";
pub const FILE_NAME: &str = "credentials.json";

/// One session, stored as a single JSON secret so the pair and its expiry change atomically.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredCredentials {
    pub access_token: String,
    pub refresh_token: String,
    pub expires_at: DateTime<Utc>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
}

impl std::fmt::Debug for StoredCredentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StoredCredentials")
            .field("access_token", &"<redacted>")
            .field("refresh_token", &"<redacted>")
            .field("expires_at", &self.expires_at)
            .field("username", &self.username)
            .finish()
    }
}

impl StoredCredentials {
    /// Tokens this close to expiry are refreshed first, so a request does not die in flight.
    const SKEW_SECONDS: i64 = 30;

    pub fn is_expired(&self, now: DateTime<Utc>) -> bool {
        now + chrono::Duration::seconds(Self::SKEW_SECONDS) >= self.expires_at
    }
}

/// The entry name of a session: one per profile and server.
pub fn account(profile: &str, server: &str) -> String {
    format!("{profile}@{}", server.trim_end_matches('/'))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum StoreKind {
    Keyring,
    File,
}

impl StoreKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Keyring => "keyring",
            Self::File => "file",
        }
    }
}

enum Backend {
    Keyring(Arc<keyring_core::CredentialStore>),
    File(FileStore),
}

/// The credential store chosen for this invocation.
pub struct CredentialStore {
    backend: Backend,
    description: String,
    fallback_reason: Option<String>,
}

impl std::fmt::Debug for CredentialStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CredentialStore")
            .field("kind", &self.kind())
            .field("description", &self.description)
            .field("fallback_reason", &self.fallback_reason)
            .finish()
    }
}

impl CredentialStore {
    /// Chooses the store from `ARTSTATION_CREDENTIAL_STORE`, else the best one that works here.
    pub fn select() -> Result<Self, CliError> {
        let choice = std::env::var(STORE_ENV).ok().filter(|s| !s.is_empty());
        let dir = std::env::var_os(CONFIG_DIR_ENV).map(PathBuf::from);
        Self::select_with(choice.as_deref(), dir)
    }

    pub fn select_with(
        choice: Option<&str>,
        config_dir: Option<PathBuf>,
    ) -> Result<Self, CliError> {
        match choice.map(str::to_ascii_lowercase).as_deref() {
            Some("file") => Ok(Self::file(file_store_dir(config_dir)?)),
            Some("keyring") => native_keyring().map_err(|reason| {
                CliError::Store(format!(
                    "{STORE_ENV}=keyring, but no keyring is usable: {reason}"
                ))
            }),
            Some(other) => Err(CliError::Usage(format!(
                "{STORE_ENV}={other:?} is not one of keyring, file"
            ))),
            None => match native_keyring() {
                Ok(store) => Ok(store),
                Err(reason) => {
                    tracing::debug!(%reason, "no usable keyring, using the file store");
                    let mut store = Self::file(file_store_dir(config_dir)?);
                    store.fallback_reason = Some(reason);
                    Ok(store)
                }
            },
        }
    }

    /// A file store in `dir`.
    pub fn file(dir: PathBuf) -> Self {
        let file = FileStore {
            path: dir.join(FILE_NAME),
        };
        Self {
            description: format!("file {}", file.path.display()),
            backend: Backend::File(file),
            fallback_reason: None,
        }
    }

    pub fn kind(&self) -> StoreKind {
        match self.backend {
            Backend::Keyring(_) => StoreKind::Keyring,
            Backend::File(_) => StoreKind::File,
        }
    }

    /// Which store, for people: "Linux kernel keyutils", "file /home/a/.config/...".
    pub fn description(&self) -> &str {
        &self.description
    }

    /// Why the keyring was passed over, when the file store is a fallback rather than a choice.
    pub fn fallback_reason(&self) -> Option<&str> {
        self.fallback_reason.as_deref()
    }

    pub fn load(&self, account: &str) -> Result<Option<StoredCredentials>, CliError> {
        match &self.backend {
            Backend::Keyring(store) => {
                let entry = keyring_entry(store, account)?;
                match entry.get_secret() {
                    Ok(bytes) => decode(&bytes).map(Some),
                    Err(keyring_core::Error::NoEntry) => Ok(None),
                    Err(e) => Err(store_error("read from", &e)),
                }
            }
            Backend::File(file) => file.load(account),
        }
    }

    pub fn save(&self, account: &str, creds: &StoredCredentials) -> Result<(), CliError> {
        let secret = serde_json::to_vec(creds)
            .map_err(|e| CliError::Store(format!("cannot encode credentials: {e}")))?;
        match &self.backend {
            Backend::Keyring(store) => keyring_entry(store, account)?
                .set_secret(&secret)
                .map_err(|e| store_error("write to", &e)),
            Backend::File(file) => file.save(account, creds),
        }
    }

    /// Forgets the session; true when there was one.
    pub fn delete(&self, account: &str) -> Result<bool, CliError> {
        match &self.backend {
            Backend::Keyring(store) => match keyring_entry(store, account)?.delete_credential() {
                Ok(()) => Ok(true),
                Err(keyring_core::Error::NoEntry) => Ok(false),
                Err(e) => Err(store_error("delete from", &e)),
            },
            Backend::File(file) => file.delete(account),
        }
    }
}

fn keyring_entry(
    store: &Arc<keyring_core::CredentialStore>,
    account: &str,
) -> Result<keyring_core::Entry, CliError> {
    keyring_core::Entry::new_in_store(store, SERVICE, account)
        .map_err(|e| store_error("open an entry in", &e))
}

fn store_error(what: &str, e: &keyring_core::Error) -> CliError {
    CliError::Store(format!("cannot {what} the keyring: {e}"))
}

fn decode(bytes: &[u8]) -> Result<StoredCredentials, CliError> {
    serde_json::from_slice(bytes).map_err(|e| {
        CliError::Store(format!(
            "stored credentials are unreadable ({e}); run `artstation login` again"
        ))
    })
}

/// The CLI's configuration directory: `ARTSTATION_CONFIG_DIR`, else the platform's.
pub fn config_dir() -> Result<PathBuf, CliError> {
    file_store_dir(std::env::var_os(CONFIG_DIR_ENV).map(PathBuf::from))
}

fn file_store_dir(config_dir: Option<PathBuf>) -> Result<PathBuf, CliError> {
    config_dir
        .or_else(|| dirs::config_dir().map(|d| d.join("artstation")))
        .ok_or_else(|| {
            CliError::Store(format!(
                "no configuration directory is known here; set {CONFIG_DIR_ENV}"
            ))
        })
}

/// The platform keyring, or why there is none usable.
#[cfg(target_os = "linux")]
fn native_keyring() -> Result<CredentialStore, String> {
    let store: Arc<keyring_core::CredentialStore> =
        linux_keyutils_keyring_store::Store::new().map_err(|e| e.to_string())?;
    // A session without its own keyring lets keyutils open but refuses every key: only a real
    // write, read and delete shows whether sessions will survive to the next invocation.
    probe(&store).map_err(|e| format!("kernel keyutils: {e}"))?;
    Ok(CredentialStore {
        backend: Backend::Keyring(store),
        description: "Linux kernel keyutils (session and persistent keyrings)".into(),
        fallback_reason: None,
    })
}

#[cfg(target_os = "macos")]
fn native_keyring() -> Result<CredentialStore, String> {
    let store: Arc<keyring_core::CredentialStore> =
        apple_native_keyring_store::keychain::Store::new().map_err(|e| e.to_string())?;
    Ok(CredentialStore {
        backend: Backend::Keyring(store),
        description: "macOS Keychain".into(),
        fallback_reason: None,
    })
}

#[cfg(target_os = "windows")]
fn native_keyring() -> Result<CredentialStore, String> {
    let store: Arc<keyring_core::CredentialStore> =
        windows_native_keyring_store::Store::new().map_err(|e| e.to_string())?;
    Ok(CredentialStore {
        backend: Backend::Keyring(store),
        description: "Windows Credential Manager".into(),
        fallback_reason: None,
    })
}

#[cfg(not(any(target_os = "linux", target_os = "macos", target_os = "windows")))]
fn native_keyring() -> Result<CredentialStore, String> {
    Err("no keyring is supported on this platform".into())
}

#[cfg(target_os = "linux")]
fn probe(store: &Arc<keyring_core::CredentialStore>) -> Result<(), keyring_core::Error> {
    let account = format!("probe-{}", std::process::id());
    let entry = keyring_core::Entry::new_in_store(store, SERVICE, &account)?;
    let secret = b"artstation-probe";
    entry.set_secret(secret)?;
    let read = entry.get_secret();
    // Delete even when the read failed, so a half-working keyring is not littered with probes.
    let deleted = entry.delete_credential();
    if read? != secret {
        return Err(keyring_core::Error::BadStoreFormat(
            "the probe read back different bytes".into(),
        ));
    }
    deleted
}

/// A JSON map of account → credentials in one file, mode 0600, replaced atomically.
#[derive(Debug)]
struct FileStore {
    path: PathBuf,
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

    fn load(&self, account: &str) -> Result<Option<StoredCredentials>, CliError> {
        Ok(self.read_all()?.credentials.remove(account))
    }

    fn save(&self, account: &str, creds: &StoredCredentials) -> Result<(), CliError> {
        // A corrupt file is replaced rather than blocking a fresh login forever.
        let mut all = self.read_all().unwrap_or_else(|e| {
            tracing::warn!(error = %e, "replacing an unreadable credential file");
            FileContents::default()
        });
        all.credentials.insert(account.to_owned(), creds.clone());
        self.write_all(&all)
    }

    fn delete(&self, account: &str) -> Result<bool, CliError> {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn creds(tag: &str) -> StoredCredentials {
        StoredCredentials {
            access_token: format!("access-{tag}"),
            refresh_token: format!("refresh-{tag}"),
            expires_at: Utc::now() + chrono::Duration::hours(1),
            username: Some("alice".into()),
        }
    }

    #[test]
    fn file_store_round_trips_across_instances() -> anyhow::Result<()> {
        let dir = tempfile::tempdir()?;
        let account = account("default", "http://127.0.0.1:8080/");
        assert_eq!(account, "default@http://127.0.0.1:8080");

        let writer = CredentialStore::select_with(Some("file"), Some(dir.path().to_owned()))?;
        assert_eq!(writer.kind(), StoreKind::File);
        assert_eq!(writer.load(&account)?, None);
        let a = creds("a");
        writer.save(&account, &a)?;
        writer.save("work@http://127.0.0.1:8080", &creds("b"))?;

        let reader = CredentialStore::select_with(Some("FILE"), Some(dir.path().to_owned()))?;
        assert_eq!(reader.load(&account)?, Some(a));
        assert_eq!(
            reader
                .load("work@http://127.0.0.1:8080")?
                .map(|c| c.access_token),
            Some("access-b".into())
        );

        assert!(reader.delete(&account)?);
        assert!(!reader.delete(&account)?);
        assert_eq!(writer.load(&account)?, None);
        assert!(writer.load("work@http://127.0.0.1:8080")?.is_some());
        Ok(())
    }

    #[cfg(unix)]
    #[test]
    fn file_store_is_private() -> anyhow::Result<()> {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir()?;
        let store = CredentialStore::file(dir.path().join("nested"));
        store.save("p@s", &creds("a"))?;
        let mode = std::fs::metadata(dir.path().join("nested").join(FILE_NAME))?
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
        let dir_mode = std::fs::metadata(dir.path().join("nested"))?
            .permissions()
            .mode();
        assert_eq!(dir_mode & 0o777, 0o700);
        Ok(())
    }

    #[test]
    fn a_corrupt_file_is_reported_then_replaced_by_a_save() -> anyhow::Result<()> {
        let dir = tempfile::tempdir()?;
        std::fs::write(dir.path().join(FILE_NAME), b"{not json")?;
        let store = CredentialStore::file(dir.path().to_owned());
        assert!(matches!(store.load("p@s"), Err(CliError::Store(_))));
        let a = creds("a");
        store.save("p@s", &a)?;
        assert_eq!(store.load("p@s")?, Some(a));
        Ok(())
    }

    #[test]
    fn unknown_store_choice_is_a_usage_error() {
        let err = CredentialStore::select_with(Some("vault"), None).err();
        assert!(matches!(err, Some(CliError::Usage(_))), "{err:?}");
    }

    #[test]
    fn fallback_is_named_when_no_keyring_works() -> anyhow::Result<()> {
        // Whatever this machine offers, the outcome is a store that says what it is.
        let dir = tempfile::tempdir()?;
        let store = CredentialStore::select_with(None, Some(dir.path().to_owned()))?;
        match store.kind() {
            StoreKind::Keyring => assert!(store.fallback_reason().is_none()),
            StoreKind::File => assert!(store.fallback_reason().is_some()),
        }
        Ok(())
    }

    #[test]
    fn expiry_has_slack() {
        let mut c = creds("a");
        let now = Utc::now();
        c.expires_at = now + chrono::Duration::seconds(10);
        assert!(c.is_expired(now));
        c.expires_at = now + chrono::Duration::seconds(120);
        assert!(!c.is_expired(now));
    }

    #[test]
    fn debug_output_hides_tokens() {
        let text = format!("{:?}", creds("secret"));
        assert!(!text.contains("access-secret"));
        assert!(!text.contains("refresh-secret"));
    }
}
