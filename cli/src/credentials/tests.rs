//! The stores' behaviour that needs no keyring: the file store, the choice, the expiry slack.

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
        StoreKind::Keyring => {
            assert!(store.fallback_reason().is_none());
            assert_ne!(store.backend(), "file");
        }
        StoreKind::File => {
            assert!(store.fallback_reason().is_some());
            assert_eq!(store.backend(), "file");
            // Every platform has at least one keyring to pass over, each named.
            assert!(!store.passed_over().is_empty());
        }
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
