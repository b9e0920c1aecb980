//! The freedesktop Secret Service (GNOME Keyring, KWallet) over the D-Bus session bus: the
//! desktop's own keyring, which keeps a session across logouts and reboots.
//!
//! Finding it must never hold a command up: without a session bus it is skipped at once, and a
//! bus whose service never answers (an activation that hangs, a prompt nobody will see) is given
//! up on after a short deadline.

use std::os::unix::fs::MetadataExt;
use std::path::PathBuf;
use std::sync::{Arc, mpsc};
use std::time::Duration;

use secret_service::EncryptionType;
use secret_service::blocking::SecretService;

/// A live service answers in milliseconds; this bounds only one that does not answer at all.
const DEADLINE: Duration = Duration::from_secs(2);

/// The Secret Service store, or why it cannot keep a session here.
pub(super) fn open() -> Result<Arc<keyring_core::CredentialStore>, String> {
    session_bus()?;
    let (tx, rx) = mpsc::channel();
    // The probe runs on its own thread so that a service that never answers can be abandoned:
    // the thread dies with the process.
    std::thread::Builder::new()
        .name("secret-service-probe".into())
        .spawn(move || {
            let _ = tx.send(connect());
        })
        .map_err(|e| format!("cannot start its probe: {e}"))?;
    match rx.recv_timeout(DEADLINE) {
        Ok(result) => result,
        Err(mpsc::RecvTimeoutError::Timeout) => Err(format!(
            "no answer on the session bus within {} s",
            DEADLINE.as_secs()
        )),
        Err(mpsc::RecvTimeoutError::Disconnected) => {
            Err("its probe stopped without an answer".into())
        }
    }
}

/// Whether a session bus can exist, judged the way zbus finds it, without connecting.
fn session_bus() -> Result<(), String> {
    if std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some_and(|a| !a.is_empty()) {
        return Ok(());
    }
    let runtime_dir = match std::env::var_os("XDG_RUNTIME_DIR") {
        Some(dir) => PathBuf::from(dir),
        // /proc/self belongs to the effective user: no libc call needed for the uid.
        None => match std::fs::metadata("/proc/self") {
            Ok(meta) => PathBuf::from(format!("/run/user/{}", meta.uid())),
            Err(_) => return Err("no D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is unset)".into()),
        },
    };
    let socket = runtime_dir.join("bus");
    if socket.exists() {
        Ok(())
    } else {
        Err(format!(
            "no D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is unset and {} does not exist)",
            socket.display()
        ))
    }
}

fn connect() -> Result<Arc<keyring_core::CredentialStore>, String> {
    usable_default_collection()?;
    let store: Arc<keyring_core::CredentialStore> =
        zbus_secret_service_keyring_store::Store::new().map_err(|e| e.to_string())?;
    Ok(store)
}

/// New items go to the default collection. When it is missing, or locked with no desktop to show
/// an unlock prompt on, a write would wait on a prompt that nobody can answer.
fn usable_default_collection() -> Result<(), String> {
    let service = SecretService::connect(EncryptionType::Plain).map_err(|e| e.to_string())?;
    let collection = match service.get_default_collection() {
        Ok(collection) => collection,
        Err(secret_service::Error::NoResult) => {
            return Err("it has no default keyring (collection)".into());
        }
        Err(e) => return Err(e.to_string()),
    };
    if collection.is_locked().map_err(|e| e.to_string())? && !has_display() {
        return Err("its default keyring is locked and there is no display to unlock it on".into());
    }
    Ok(())
}

fn has_display() -> bool {
    ["WAYLAND_DISPLAY", "DISPLAY"]
        .iter()
        .any(|name| std::env::var_os(name).is_some_and(|v| !v.is_empty()))
}
