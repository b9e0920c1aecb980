//! The commerce audit log on every backend: credits and payouts come back newest first,
//! filtered by actor, action, target and time, keyset paged.

use std::sync::Arc;

use anyhow::{Result, ensure};
use artstation_commerce::store::{self, AuditEntry, AuditFilter, CommerceStore};
use chrono::Duration;

async fn on_every_backend<F, Fut>(scenario: F) -> Result<()>
where
    F: Fn(Arc<dyn CommerceStore>) -> Fut,
    Fut: std::future::Future<Output = Result<()>>,
{
    artstation_tests::on_every_backend(
        "commerce.db",
        |url| async move { Ok(store::open(&url).await?) },
        scenario,
    )
    .await
}

#[tokio::test]
async fn audit_entries_are_listed_newest_first_with_filters() -> Result<()> {
    on_every_backend(|store| async move {
        let t = artstation_common::now();
        let entry = |n: i64, actor: &str, action: &str, kind: &str, target: &str| AuditEntry {
            id: uuid::Uuid::now_v7().to_string(),
            at: t + Duration::seconds(n),
            actor_id: actor.into(),
            actor_username: format!("{actor}-name"),
            action: action.into(),
            target_kind: kind.into(),
            target_id: target.into(),
            reason: (action == "credit").then(|| "700 EUR: goodwill".to_owned()),
            outcome: "ok".into(),
        };
        let written = [
            entry(0, "a1", "credit", "user", "u1"),
            entry(1, "a2", "payout_paid", "payout", "p1"),
            entry(2, "a1", "credit", "user", "u2"),
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
        let older = store
            .audit(&AuditFilter {
                limit: 10,
                before: Some((all[0].at, all[0].id.clone())),
                ..AuditFilter::default()
            })
            .await?;
        ensure!(older.len() == 2 && older[0].action == "payout_paid");
        let credits_to_u1 = store
            .audit(&AuditFilter {
                actor_id: Some("a1".into()),
                action: Some("credit".into()),
                target_id: Some("u1".into()),
                until: Some(t + Duration::seconds(1)),
                limit: 10,
                ..AuditFilter::default()
            })
            .await?;
        ensure!(credits_to_u1 == written[..1]);
        let late = store
            .audit(&AuditFilter {
                since: Some(t + Duration::seconds(1)),
                limit: 10,
                ..AuditFilter::default()
            })
            .await?;
        ensure!(late.len() == 2);
        Ok(())
    })
    .await
}

/// The database itself refuses to change or remove an entry, whatever path reaches it.
#[tokio::test]
async fn audit_entries_cannot_be_edited_or_deleted_in_the_database() -> Result<()> {
    artstation_tests::on_every_backend(
        "commerce.db",
        |url| async move { Ok((store::open(&url).await?, url)) },
        |(store, url)| async move {
            let entry = AuditEntry {
                id: uuid::Uuid::now_v7().to_string(),
                at: artstation_common::now(),
                actor_id: "a1".into(),
                actor_username: "root".into(),
                action: "credit".into(),
                target_kind: "user".into(),
                target_id: "u1".into(),
                reason: Some("700 EUR: goodwill".into()),
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
