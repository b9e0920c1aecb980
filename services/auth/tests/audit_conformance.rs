//! The auth audit log on every backend: entries come back newest first, filtered by actor,
//! action, target and time, keyset paged; nothing in the trait changes or removes one.

use std::sync::Arc;

use anyhow::{Result, ensure};
use artstation_auth::store::{self, AuditEntry, AuditFilter, AuthStore};
use chrono::Duration;

async fn on_every_backend<F, Fut>(scenario: F) -> Result<()>
where
    F: Fn(Arc<dyn AuthStore>) -> Fut,
    Fut: std::future::Future<Output = Result<()>>,
{
    artstation_tests::on_every_backend(
        "auth.db",
        |url| async move { Ok(store::open(&url).await?) },
        scenario,
    )
    .await
}

#[tokio::test]
async fn audit_entries_are_listed_newest_first_with_filters() -> Result<()> {
    on_every_backend(|store| async move {
        let t = artstation_common::now();
        let entry = |n: i64, actor: &str, action: &str, target: &str| AuditEntry {
            id: uuid::Uuid::now_v7().to_string(),
            at: t + Duration::seconds(n),
            actor_id: actor.into(),
            actor_username: format!("{actor}-name"),
            action: action.into(),
            target_id: target.into(),
            reason: (n % 2 == 0).then(|| format!("reason {n}")),
            outcome: if n == 3 { "noop" } else { "ok" }.into(),
        };
        let written = [
            entry(0, "a1", "ban", "u1"),
            entry(1, "a2", "role", "u2"),
            entry(2, "a1", "unban", "u1"),
            entry(3, "a1", "unban", "u1"),
        ];
        for e in &written {
            store.append_audit(e).await?;
        }
        let all = store
            .audit(&AuditFilter {
                limit: 10,
                ..AuditFilter::default()
            })
            .await?;
        let mut newest_first = written.to_vec();
        newest_first.reverse();
        ensure!(all == newest_first);
        let page = store
            .audit(&AuditFilter {
                limit: 2,
                before: Some((all[1].at, all[1].id.clone())),
                ..AuditFilter::default()
            })
            .await?;
        ensure!(page == written[..2].iter().rev().cloned().collect::<Vec<_>>());
        let a1_unbans = store
            .audit(&AuditFilter {
                actor_id: Some("a1".into()),
                action: Some("unban".into()),
                target_id: Some("u1".into()),
                since: Some(t + Duration::seconds(3)),
                limit: 10,
                ..AuditFilter::default()
            })
            .await?;
        ensure!(a1_unbans.len() == 1 && a1_unbans[0].outcome == "noop");
        let early = store
            .audit(&AuditFilter {
                until: Some(t + Duration::seconds(1)),
                limit: 10,
                ..AuditFilter::default()
            })
            .await?;
        ensure!(early.len() == 1 && early[0].action == "ban");
        Ok(())
    })
    .await
}

/// The database itself refuses to change or remove an entry, whatever path reaches it.
#[tokio::test]
async fn audit_entries_cannot_be_edited_or_deleted_in_the_database() -> Result<()> {
    artstation_tests::on_every_backend(
        "auth.db",
        |url| async move { Ok((store::open(&url).await?, url)) },
        |(store, url)| async move {
            let entry = AuditEntry {
                id: uuid::Uuid::now_v7().to_string(),
                at: artstation_common::now(),
                actor_id: "a1".into(),
                actor_username: "root".into(),
                action: "ban".into(),
                target_id: "u1".into(),
                reason: Some("spam".into()),
                outcome: "ok".into(),
            };
            store.append_audit(&entry).await?;
            artstation_tests::append_only::assert_append_only(&url, "audit_log", &entry.id).await?;
            let kept = store
                .audit(&AuditFilter {
                    target_id: Some("u1".into()),
                    limit: 10,
                    ..AuditFilter::default()
                })
                .await?;
            ensure!(kept == [entry], "{kept:?}");
            Ok(())
        },
    )
    .await
}
