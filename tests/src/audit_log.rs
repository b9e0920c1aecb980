//! The audit log conformance suite: what every service's `AuditStore` (auth, artwork,
//! commerce) must do on every backend. Each service runs it from its own tests with its own
//! store, through [`crate::on_every_backend`].

use anyhow::{Result, ensure};
use artstation_common::audit::{AuditEntry, AuditFilter, AuditOutcome, AuditStore};
use chrono::{DateTime, Duration, Utc};

fn entry(
    t: DateTime<Utc>,
    n: i64,
    actor: &str,
    action: &str,
    (kind, target): (&str, &str),
) -> AuditEntry {
    AuditEntry {
        id: uuid::Uuid::now_v7().to_string(),
        at: t + Duration::seconds(n),
        actor_id: actor.into(),
        actor_username: format!("{actor}-name"),
        action: action.into(),
        target_kind: kind.into(),
        target_id: target.into(),
        reason: (n % 2 == 0).then(|| format!("reason {n}")),
        outcome: AuditOutcome::of(n != 3),
    }
}

fn all(limit: u32) -> AuditFilter {
    AuditFilter {
        limit,
        ..AuditFilter::default()
    }
}

/// Entries come back as written, newest first, filtered by actor, action, target and time,
/// and keyset paged by `(at, id)`. Run on an empty log.
pub async fn lists_newest_first_with_filters<S>(store: &S) -> Result<()>
where
    S: AuditStore + ?Sized,
    S::Error: std::error::Error + Send + Sync + 'static,
{
    let t = artstation_common::now();
    let written = [
        entry(t, 0, "a1", "hide", ("artwork", "w1")),
        entry(t, 1, "a2", "credit", ("user", "u2")),
        entry(t, 2, "a1", "restore", ("artwork", "w1")),
        entry(t, 3, "a1", "restore", ("artwork", "w1")),
    ];
    for e in &written {
        store.append_audit(e).await?;
    }
    let newest_first: Vec<AuditEntry> = written.iter().rev().cloned().collect();
    let listed = store.audit(&all(10)).await?;
    ensure!(listed == newest_first, "{listed:?}");
    ensure!(listed[0].outcome == AuditOutcome::Noop, "a noop reads back");

    let before_second = store
        .audit(&AuditFilter {
            before: Some((listed[1].at, listed[1].id.clone())),
            ..all(2)
        })
        .await?;
    ensure!(before_second == newest_first[2..], "{before_second:?}");

    let a1_restores_of_w1 = store
        .audit(&AuditFilter {
            actor_id: Some("a1".into()),
            action: Some("restore".into()),
            target_id: Some("w1".into()),
            until: Some(t + Duration::seconds(3)),
            ..all(10)
        })
        .await?;
    ensure!(a1_restores_of_w1 == written[2..3], "{a1_restores_of_w1:?}");

    let since_one = store
        .audit(&AuditFilter {
            since: Some(t + Duration::seconds(1)),
            ..all(10)
        })
        .await?;
    ensure!(since_one == newest_first[..3], "{since_one:?}");
    ensure!(store.audit(&all(1)).await? == newest_first[..1]);
    Ok(())
}

/// The database itself refuses to change or remove an entry, whatever path reaches it: the
/// store's trait has no such method, and a connection of its own to `url` is refused too.
pub async fn is_append_only_in_the_database<S>(store: &S, url: &str) -> Result<()>
where
    S: AuditStore + ?Sized,
    S::Error: std::error::Error + Send + Sync + 'static,
{
    let kept = entry(artstation_common::now(), 0, "a1", "ban", ("user", "u9"));
    store.append_audit(&kept).await?;
    crate::append_only::assert_append_only(url, "audit_log", &kept.id).await?;
    let read = store
        .audit(&AuditFilter {
            target_id: Some("u9".into()),
            ..all(10)
        })
        .await?;
    ensure!(read == [kept], "{read:?}");
    Ok(())
}
