//! Where tokens live between invocations: the OS keyring when one is usable, else a file only
//! the user can read, and the choice is always visible (`whoami`, `auth status`, `doctor`).
//!
//! Every keyring backend is an explicit keyring-core store, probed before use on Linux, so a
//! store that silently drops writes (the old `keyring` mock) can never be selected. On Linux the
//! desktop's Secret Service comes first: kernel keyutils keys vanish at logout.

mod file;
mod native;
#[cfg(target_os = "linux")]
mod secret_service;

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::error::CliError;
use file::FileStore;
pub(crate) use file::create_private_dir;

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

/// One OS keyring that answered its probe.
struct Keyring {
    store: Arc<keyring_core::CredentialStore>,
    /// Short stable name: `secret-service`, `keyutils`, `keychain`, `windows-credential-manager`.
    backend: &'static str,
    description: &'static str,
    /// Secret Service items carry a label that people read in Seahorse or KWalletManager.
    labelled: bool,
    /// The store sessions went to before this one was preferred (keyutils, before the Secret
    /// Service): a session found only there is moved over rather than lost.
    superseded: Option<Arc<keyring_core::CredentialStore>>,
}

enum Backend {
    Keyring(Keyring),
    File(FileStore),
}

/// The credential store chosen for this invocation.
pub struct CredentialStore {
    backend: Backend,
    description: String,
    fallback_reason: Option<String>,
    passed_over: Vec<String>,
}

impl std::fmt::Debug for CredentialStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CredentialStore")
            .field("backend", &self.backend())
            .field("description", &self.description)
            .field("fallback_reason", &self.fallback_reason)
            .field("passed_over", &self.passed_over)
            .finish()
    }
}

impl CredentialStore {
    /// Chooses the store from `ARTSTATION_CREDENTIAL_STORE`, else the best one that works here:
    /// on Linux the Secret Service, then kernel keyutils, then the file.
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
            Some("keyring") => match native::keyring() {
                (Some(keyring), passed_over) => Ok(Self::keyring(keyring, passed_over)),
                (None, reasons) => Err(CliError::Store(format!(
                    "{STORE_ENV}=keyring, but no keyring is usable: {}",
                    reasons.join("; ")
                ))),
            },
            Some(other) => Err(CliError::Usage(format!(
                "{STORE_ENV}={other:?} is not one of keyring, file"
            ))),
            None => match native::keyring() {
                (Some(keyring), passed_over) => Ok(Self::keyring(keyring, passed_over)),
                (None, reasons) => {
                    let reason = reasons.join("; ");
                    tracing::debug!(%reason, "no usable keyring, using the file store");
                    let mut store = Self::file(file_store_dir(config_dir)?);
                    store.fallback_reason = Some(reason);
                    store.passed_over = reasons;
                    Ok(store)
                }
            },
        }
    }

    fn keyring(keyring: Keyring, passed_over: Vec<String>) -> Self {
        if !passed_over.is_empty() {
            tracing::debug!(?passed_over, backend = keyring.backend, "keyring chosen");
        }
        Self {
            description: keyring.description.to_owned(),
            backend: Backend::Keyring(keyring),
            fallback_reason: None,
            passed_over,
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
            passed_over: Vec::new(),
        }
    }

    pub fn kind(&self) -> StoreKind {
        match self.backend {
            Backend::Keyring(_) => StoreKind::Keyring,
            Backend::File(_) => StoreKind::File,
        }
    }

    /// Which store exactly: `secret-service`, `keyutils`, `keychain`,
    /// `windows-credential-manager` or `file`.
    pub fn backend(&self) -> &'static str {
        match &self.backend {
            Backend::Keyring(keyring) => keyring.backend,
            Backend::File(_) => "file",
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

    /// Each better store that was tried here and why it was not used ("Secret Service: ...").
    pub fn passed_over(&self) -> &[String] {
        &self.passed_over
    }

    pub fn load(&self, account: &str) -> Result<Option<StoredCredentials>, CliError> {
        match &self.backend {
            Backend::Keyring(keyring) => match keyring_entry(keyring, account)?.get_secret() {
                Ok(bytes) => decode(&bytes).map(Some),
                Err(keyring_core::Error::NoEntry) => adopt(keyring, account),
                Err(e) => Err(store_error("read from", &e)),
            },
            Backend::File(file) => file.load(account),
        }
    }

    pub fn save(&self, account: &str, creds: &StoredCredentials) -> Result<(), CliError> {
        let secret = serde_json::to_vec(creds)
            .map_err(|e| CliError::Store(format!("cannot encode credentials: {e}")))?;
        match &self.backend {
            Backend::Keyring(keyring) => keyring_entry(keyring, account)?
                .set_secret(&secret)
                .map_err(|e| store_error("write to", &e)),
            Backend::File(file) => file.save(account, creds),
        }
    }

    /// Forgets the session; true when there was one.
    pub fn delete(&self, account: &str) -> Result<bool, CliError> {
        match &self.backend {
            Backend::Keyring(keyring) => {
                // A copy left in the superseded store would be adopted back at the next load.
                let old = keyring.superseded.as_ref().is_some_and(|store| {
                    keyring_core::Entry::new_in_store(store, SERVICE, account)
                        .and_then(|entry| entry.delete_credential())
                        .is_ok()
                });
                match keyring_entry(keyring, account)?.delete_credential() {
                    Ok(()) => Ok(true),
                    Err(keyring_core::Error::NoEntry) => Ok(old),
                    Err(e) => Err(store_error("delete from", &e)),
                }
            }
            Backend::File(file) => file.delete(account),
        }
    }
}

fn keyring_entry(keyring: &Keyring, account: &str) -> Result<keyring_core::Entry, CliError> {
    let entry = if keyring.labelled {
        let label = format!("{SERVICE} session {account}");
        let modifiers = HashMap::from([("label", label.as_str())]);
        keyring_core::Entry::new_in_store_with_modifiers(
            &keyring.store,
            SERVICE,
            account,
            &modifiers,
        )
    } else {
        keyring_core::Entry::new_in_store(&keyring.store, SERVICE, account)
    };
    entry.map_err(|e| store_error("open an entry in", &e))
}

/// Moves a session found only in the superseded store into the preferred one; a superseded
/// store that cannot be read simply has nothing to give.
fn adopt(keyring: &Keyring, account: &str) -> Result<Option<StoredCredentials>, CliError> {
    let Some(store) = &keyring.superseded else {
        return Ok(None);
    };
    let Ok(old) = keyring_core::Entry::new_in_store(store, SERVICE, account) else {
        return Ok(None);
    };
    let Ok(bytes) = old.get_secret() else {
        return Ok(None);
    };
    let creds = decode(&bytes)?;
    keyring_entry(keyring, account)?
        .set_secret(&bytes)
        .map_err(|e| store_error("write to", &e))?;
    if let Err(e) = old.delete_credential() {
        tracing::debug!(error = %e, "the moved session stays in the superseded store too");
    }
    tracing::debug!(
        backend = keyring.backend,
        "session moved from the superseded store"
    );
    Ok(Some(creds))
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

#[cfg(test)]
mod tests;
