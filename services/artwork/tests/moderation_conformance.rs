//! Moderation on every `ArtworkStore` backend: one open report per user and work, the
//! reporter's reports newest first; hide, restore and remove with their reports, appeal and
//! audit entry in one step, idempotent (`noop`); the queue grouped by work with reasons,
//! notes, flags and filters, keyset paged; the audit log newest first with its filters.

mod common;

use std::sync::Arc;

use anyhow::{Result, ensure};
use artstation_artwork::store::{
    ArtworkRecord, ArtworkStore, AuditEntry, AuditFilter, AuditOutcome, Filter, ModerationAction,
    ModerationCommand, NewReport, QueueFilter, Sort,
};
use chrono::{DateTime, Duration, Utc};
use common::on_every_backend;

fn report(artwork: &str, reporter: &str, reason: &str, at: DateTime<Utc>) -> NewReport {
    NewReport {
        id: uuid::Uuid::now_v7().to_string(),
        artwork_id: artwork.into(),
        reporter_id: reporter.into(),
        reason: reason.into(),
        note: Some(format!("{reporter} says {reason}")),
        created_at: at,
    }
}

fn audit(actor: &str, action: &str, target: &str, at: DateTime<Utc>) -> AuditEntry {
    AuditEntry {
        id: uuid::Uuid::now_v7().to_string(),
        at,
        actor_id: actor.into(),
        actor_username: actor.into(),
        action: action.into(),
        target_kind: "artwork".into(),
        target_id: target.into(),
        reason: Some("because".into()),
        outcome: AuditOutcome::Ok,
    }
}

fn command(
    id: &str,
    action: ModerationAction,
    actor: &str,
    at: DateTime<Utc>,
) -> ModerationCommand {
    ModerationCommand {
        artwork_id: id.into(),
        action,
        reason: format!("{} it", action.as_str()),
        audit: audit(actor, action.as_str(), id, at),
    }
}

async fn public_ids(store: &Arc<dyn ArtworkStore>) -> Result<Vec<String>> {
    Ok(store
        .search(&Filter::default(), Sort::New, None, 100)
        .await?
        .into_iter()
        .map(|a| a.id)
        .collect())
}

#[tokio::test]
async fn reports_are_one_open_per_user_and_listed_newest_first() -> Result<()> {
    on_every_backend(|store| async move {
        let a = common::work("ann", "Sky", 100, &[]);
        let b = common::work("ann", "Sea", 100, &[]);
        store.create(&a).await?;
        store.create(&b).await?;
        let t = artstation_common::now();
        let first = store.add_report(&report(&a.id, "bob", "spam", t)).await?;
        ensure!(
            first
                .as_ref()
                .is_some_and(|r| r.status == "open" && r.outcome.is_none())
        );
        ensure!(
            store
                .add_report(&report(&a.id, "bob", "nsfw", t))
                .await?
                .is_none(),
            "a second open report on the same work is refused"
        );
        store
            .add_report(&report(&b.id, "bob", "other", t + Duration::seconds(1)))
            .await?;
        ensure!(store.reports_since("bob", t).await? == 2);
        ensure!(store.reports_since("bob", t + Duration::seconds(2)).await? == 0);
        let page = store.my_reports("bob", 1, None).await?;
        ensure!(page.len() == 1 && page[0].artwork_id == b.id);
        let last = &page[0];
        let rest = store
            .my_reports("bob", 10, Some(&(last.created_at, last.id.clone())))
            .await?;
        ensure!(rest.len() == 1 && rest[0].artwork_id == a.id);
        ensure!(store.my_reports("cat", 10, None).await?.is_empty());
        Ok(())
    })
    .await
}

#[tokio::test]
async fn actions_change_state_reports_appeal_and_audit_together() -> Result<()> {
    on_every_backend(|store| async move {
        let a = common::work("ann", "Sky", 100, &["blue"]);
        store.create(&a).await?;
        let t = artstation_common::now();
        store.add_report(&report(&a.id, "bob", "spam", t)).await?;

        let hide = command(&a.id, ModerationAction::Hide, "root", t);
        ensure!(store.moderate(&hide).await? == Some(AuditOutcome::Ok));
        ensure!(!public_ids(&store).await?.contains(&a.id));
        let tagged = Filter {
            tag: Some(common::tags(&["blue"]).remove(0)),
            ..Filter::default()
        };
        ensure!(store.search(&tagged, Sort::New, None, 10).await?.is_empty());
        let state = store.moderation_state(&a.id).await?;
        ensure!(
            state
                .as_ref()
                .is_some_and(|s| s.state == "hidden" && s.reason == "hide it")
        );
        let mine = store.my_reports("bob", 10, None).await?;
        ensure!(mine[0].status == "resolved");
        ensure!(mine[0].outcome.as_ref().is_some_and(|o| o.action == "hide"));
        ensure!(
            store
                .moderate(&command(&a.id, ModerationAction::Hide, "root", t))
                .await?
                == Some(AuditOutcome::Noop),
            "hiding a hidden work changes nothing"
        );

        ensure!(store.add_appeal(&a.id, "it is mine", t).await?);
        ensure!(
            !store.add_appeal(&a.id, "again", t).await?,
            "one appeal per work"
        );
        let restore = command(
            &a.id,
            ModerationAction::Restore,
            "root2",
            t + Duration::seconds(1),
        );
        ensure!(store.moderate(&restore).await? == Some(AuditOutcome::Ok));
        ensure!(public_ids(&store).await?.contains(&a.id));
        ensure!(store.search(&tagged, Sort::New, None, 10).await?.len() == 1);
        ensure!(store.moderation_state(&a.id).await?.is_none());
        let mine = store.my_reports("bob", 10, None).await?;
        ensure!(
            mine[0]
                .outcome
                .as_ref()
                .is_some_and(|o| o.action == "restore")
        );

        let remove = command(
            &a.id,
            ModerationAction::Remove,
            "root",
            t + Duration::seconds(2),
        );
        ensure!(store.moderate(&remove).await? == Some(AuditOutcome::Ok));
        ensure!(store.get(&a.id).await?.is_none());
        ensure!(store.get_including_removed(&a.id).await?.is_some());
        ensure!(
            store
                .moderation_state(&a.id)
                .await?
                .is_some_and(|s| s.state == "removed")
        );
        ensure!(
            store
                .moderate(&command(&a.id, ModerationAction::Remove, "root", t))
                .await?
                == Some(AuditOutcome::Noop)
        );
        ensure!(
            store
                .moderate(&command(&a.id, ModerationAction::Hide, "root", t))
                .await?
                .is_none(),
            "a removed work cannot be hidden"
        );
        let missing = uuid::Uuid::now_v7().to_string();
        ensure!(
            store
                .moderate(&command(&missing, ModerationAction::Hide, "root", t))
                .await?
                .is_none()
        );

        let all = store
            .audit(&AuditFilter {
                limit: 10,
                ..AuditFilter::default()
            })
            .await?;
        let seen: Vec<(&str, AuditOutcome)> =
            all.iter().map(|e| (e.action.as_str(), e.outcome)).collect();
        ensure!(
            seen == [
                ("remove", AuditOutcome::Ok),
                ("restore", AuditOutcome::Ok),
                ("remove", AuditOutcome::Noop),
                ("hide", AuditOutcome::Noop),
                ("hide", AuditOutcome::Ok),
            ],
            "{seen:?}"
        );
        let by_root2 = store
            .audit(&AuditFilter {
                actor_id: Some("root2".into()),
                limit: 10,
                ..AuditFilter::default()
            })
            .await?;
        ensure!(by_root2.len() == 1 && by_root2[0].action == "restore");
        let hides = store
            .audit(&AuditFilter {
                action: Some("hide".into()),
                target_id: Some(a.id.clone()),
                until: Some(t + Duration::seconds(1)),
                limit: 10,
                ..AuditFilter::default()
            })
            .await?;
        ensure!(hides.len() == 2);
        let after_first = store
            .audit(&AuditFilter {
                before: Some((all[0].at, all[0].id.clone())),
                since: Some(t + Duration::seconds(1)),
                limit: 10,
                ..AuditFilter::default()
            })
            .await?;
        ensure!(after_first.len() == 1 && after_first[0].action == "restore");
        // The public log: what changed, newest first, no-ops left out.
        let public = store.public_log(10, None).await?;
        let seen: Vec<&str> = public.iter().map(|e| e.action.as_str()).collect();
        ensure!(seen == ["remove", "restore", "hide"], "{seen:?}");
        let older = store
            .public_log(10, Some(&(public[0].at, public[0].id.clone())))
            .await?;
        ensure!(older.len() == 2);
        Ok(())
    })
    .await
}

#[tokio::test]
async fn the_queue_groups_open_reports_and_standing_flags() -> Result<()> {
    on_every_backend(|store| async move {
        let t = artstation_common::now() - Duration::hours(3);
        let original = common::work("ann", "Original", 100, &[]);
        let old = common::work("ann", "Old", 100, &[]);
        let busy = common::work("ann", "Busy", 100, &[]);
        let copy = ArtworkRecord {
            near_duplicate_of: Some(original.id.clone()),
            created_at: t + Duration::minutes(30),
            ..common::work("eve", "Copy", 100, &[])
        };
        for a in [&original, &old, &busy, &copy] {
            store.create(a).await?;
        }
        store
            .add_report(&report(&old.id, "u0", "stolen", t))
            .await?;
        for (i, reason) in ["spam", "spam", "nsfw", "other", "spam", "spam", "spam"]
            .iter()
            .enumerate()
        {
            let at = t + Duration::hours(1) + Duration::seconds(i as i64);
            store
                .add_report(&report(&busy.id, &format!("u{i}"), reason, at))
                .await?;
        }
        let all = store
            .queue(&QueueFilter {
                limit: 10,
                ..QueueFilter::default()
            })
            .await?;
        let order: Vec<&str> = all.iter().map(|r| r.artwork_id.as_str()).collect();
        ensure!(
            order == [busy.id.as_str(), copy.id.as_str(), old.id.as_str()],
            "{order:?}"
        );
        ensure!(all[0].open_reports == 7 && all[0].notes.len() == 5);
        ensure!(all[0].notes[0] == "u6 says spam");
        ensure!(
            all[0].reasons
                == [
                    ("nsfw".to_owned(), 1),
                    ("other".to_owned(), 1),
                    ("spam".to_owned(), 5)
                ]
        );
        ensure!(all[1].open_reports == 0 && all[1].last_at == copy.created_at);

        let page = store
            .queue(&QueueFilter {
                limit: 1,
                after: Some((all[0].last_at, all[0].artwork_id.clone())),
                ..QueueFilter::default()
            })
            .await?;
        ensure!(page.len() == 1 && page[0].artwork_id == copy.id);
        let stolen = store
            .queue(&QueueFilter {
                reason: Some("stolen".into()),
                limit: 10,
                ..QueueFilter::default()
            })
            .await?;
        ensure!(stolen.len() == 1 && stolen[0].artwork_id == old.id);
        let flagged = store
            .queue(&QueueFilter {
                near_duplicate_only: true,
                limit: 10,
                ..QueueFilter::default()
            })
            .await?;
        ensure!(flagged.len() == 1 && flagged[0].artwork_id == copy.id);
        let older = store
            .queue(&QueueFilter {
                reported_before: Some(t + Duration::minutes(45)),
                limit: 10,
                ..QueueFilter::default()
            })
            .await?;
        ensure!(older.len() == 2, "the busy work was reported too recently");

        let dismissed = store
            .dismiss_reports(&copy.id, &audit("root", "dismiss", &copy.id, t))
            .await?;
        ensure!(dismissed == Some(0));
        ensure!(
            store
                .dismiss_reports(&busy.id, &audit("root", "dismiss", &busy.id, t))
                .await?
                == Some(7)
        );
        store
            .moderate(&command(&old.id, ModerationAction::Hide, "root", t))
            .await?;
        ensure!(
            store
                .queue(&QueueFilter {
                    limit: 10,
                    ..QueueFilter::default()
                })
                .await?
                .is_empty(),
            "dismissed, resolved and unflagged works leave the queue"
        );
        store.add_appeal(&old.id, "please", t).await?;
        let appealed = store
            .queue(&QueueFilter {
                limit: 10,
                ..QueueFilter::default()
            })
            .await?;
        ensure!(
            appealed.len() == 1
                && appealed[0]
                    .appeal
                    .as_ref()
                    .is_some_and(|a| a.status == "pending")
        );
        Ok(())
    })
    .await
}

/// The shared audit log suite (`artstation_tests::audit_log`) on the artwork store.
#[tokio::test]
async fn audit_entries_are_listed_newest_first_with_filters() -> Result<()> {
    on_every_backend(|store| async move {
        artstation_tests::audit_log::lists_newest_first_with_filters(&*store).await
    })
    .await
}

#[tokio::test]
async fn audit_entries_cannot_be_edited_or_deleted_in_the_database() -> Result<()> {
    artstation_tests::on_every_backend(
        "artwork.db",
        |url| async move { Ok((artstation_artwork::store::open(&url).await?, url)) },
        |(store, url)| async move {
            artstation_tests::audit_log::is_append_only_in_the_database(&*store, &url).await
        },
    )
    .await
}
