//! The platform keyrings, best first, each probed or opened before it is trusted.

#[cfg(any(target_os = "linux", target_os = "macos", target_os = "windows"))]
use std::sync::Arc;

use super::Keyring;
#[cfg(target_os = "linux")]
use super::{SERVICE, secret_service};

/// The best keyring usable here, and why each better one was passed over.
#[cfg(target_os = "linux")]
pub(super) fn keyring() -> (Option<Keyring>, Vec<String>) {
    let mut passed_over = Vec::new();
    match secret_service::open() {
        Ok(store) => {
            return (
                Some(Keyring {
                    store,
                    backend: "secret-service",
                    description: "Secret Service (GNOME Keyring, KWallet) over D-Bus",
                    labelled: true,
                    // Sessions of earlier versions (or of a login without a desktop) are in
                    // keyutils; opening it needs no probe, a failed read is just "none there".
                    superseded: linux_keyutils_keyring_store::Store::new()
                        .ok()
                        .map(|store| -> Arc<keyring_core::CredentialStore> { store }),
                }),
                passed_over,
            );
        }
        Err(reason) => passed_over.push(format!("Secret Service: {reason}")),
    }
    match keyutils() {
        Ok(keyring) => (Some(keyring), passed_over),
        Err(reason) => {
            passed_over.push(format!("kernel keyutils: {reason}"));
            (None, passed_over)
        }
    }
}

#[cfg(target_os = "linux")]
fn keyutils() -> Result<Keyring, String> {
    let store: Arc<keyring_core::CredentialStore> =
        linux_keyutils_keyring_store::Store::new().map_err(|e| e.to_string())?;
    // A session without its own keyring lets keyutils open but refuses every key: only a real
    // write, read and delete shows whether sessions will survive to the next invocation.
    probe(&store).map_err(|e| e.to_string())?;
    Ok(Keyring {
        store,
        backend: "keyutils",
        description: "Linux kernel keyutils (session and persistent keyrings)",
        labelled: false,
        superseded: None,
    })
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

#[cfg(target_os = "macos")]
pub(super) fn keyring() -> (Option<Keyring>, Vec<String>) {
    match apple_native_keyring_store::keychain::Store::new() {
        Ok(store) => {
            let store: Arc<keyring_core::CredentialStore> = store;
            (
                Some(Keyring {
                    store,
                    backend: "keychain",
                    description: "macOS Keychain",
                    labelled: false,
                    superseded: None,
                }),
                Vec::new(),
            )
        }
        Err(e) => (None, vec![format!("macOS Keychain: {e}")]),
    }
}

#[cfg(target_os = "windows")]
pub(super) fn keyring() -> (Option<Keyring>, Vec<String>) {
    match windows_native_keyring_store::Store::new() {
        Ok(store) => {
            let store: Arc<keyring_core::CredentialStore> = store;
            (
                Some(Keyring {
                    store,
                    backend: "windows-credential-manager",
                    description: "Windows Credential Manager",
                    labelled: false,
                    superseded: None,
                }),
                Vec::new(),
            )
        }
        Err(e) => (None, vec![format!("Windows Credential Manager: {e}")]),
    }
}

#[cfg(not(any(target_os = "linux", target_os = "macos", target_os = "windows")))]
pub(super) fn keyring() -> (Option<Keyring>, Vec<String>) {
    (
        None,
        vec!["no keyring is supported on this platform".into()],
    )
}
