//! `artstation admin hide|restore|remove ID... --reason R [--yes]`: one bulk request per 500 ids
//! (`POST /v1/admin/artworks/moderation`), each id succeeding or failing on its own.

use serde_json::{Value, json};

use super::{confirm, ids, results, text};
use crate::api;
use crate::args::ModerateArgs;
use crate::error::CliError;
use crate::output::Output;
use crate::session::Session;

/// The most ids the server takes in one bulk request.
const BATCH: usize = 500;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Hide,
    Restore,
    Remove,
}

impl Action {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Hide => "hide",
            Self::Restore => "restore",
            Self::Remove => "remove",
        }
    }

    fn past(self) -> &'static str {
        match self {
            Self::Hide => "hidden",
            Self::Restore => "restored",
            Self::Remove => "removed",
        }
    }

    /// Restoring only undoes, so it is not asked about.
    fn destructive(self) -> bool {
        !matches!(self, Self::Restore)
    }
}

pub async fn run(
    out: &Output,
    session: &mut Session,
    action: Action,
    args: ModerateArgs,
) -> anyhow::Result<()> {
    let reason = checked_reason(&args.reason)?;
    let ids = ids::from_args(args.ids)?;
    if action.destructive() {
        let question = match action {
            Action::Remove => format!(
                "Remove {} for good ({})? Buyers keep their access",
                count(ids.ids.len()),
                confirm::some_ids(&ids.ids)
            ),
            _ => format!(
                "{} {} ({}) from everyone but their artists?",
                capitalised(action.as_str()),
                count(ids.ids.len()),
                confirm::some_ids(&ids.ids)
            ),
        };
        confirm::destructive(args.yes, ids.from_stdin, action.past(), &question)?;
    }
    let mut all = Vec::with_capacity(ids.ids.len());
    for batch in ids.ids.chunks(BATCH) {
        all.extend(send(session, action, reason, batch).await?);
    }
    results::report(
        out,
        &all,
        &["ID", "STATE", "TITLE"],
        |r| {
            vec![
                text(r, "/id"),
                state(action, &r["artwork"]),
                text(r, "/artwork/title"),
            ]
        },
        &format!("{}:", capitalised(action.past())),
    )
}

async fn send(
    session: &mut Session,
    action: Action,
    reason: &str,
    batch: &[String],
) -> Result<Vec<Value>, CliError> {
    let body = json!({ "action": action.as_str(), "reason": reason, "ids": batch });
    let url = session.api.url(&["v1", "admin", "artworks", "moderation"]);
    let response = session
        .send_authed(|client, token| client.post(url.clone()).bearer_auth(token).json(&body))
        .await?;
    let mut doc: Value = api::json(response).await?;
    match doc.get_mut("results").map(Value::take) {
        Some(Value::Array(items)) => Ok(items),
        _ => Err(CliError::Transport {
            message: "the server's moderation answer has no results".into(),
        }),
    }
}

/// The reason as sent: refused here when empty, since the server would refuse it anyway.
pub fn checked_reason(reason: &str) -> Result<&str, CliError> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(CliError::Usage("--reason must not be empty".into()));
    }
    Ok(reason)
}

/// The moderation state the server reports, else what the action implies.
fn state(action: Action, artwork: &Value) -> String {
    match artwork.pointer("/moderation/state").and_then(Value::as_str) {
        Some(state) => state.to_owned(),
        None if action == Action::Restore => "visible".into(),
        None => action.past().into(),
    }
}

fn count(n: usize) -> String {
    if n == 1 {
        "1 artwork".into()
    } else {
        format!("{n} artworks")
    }
}

fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn states_come_from_the_server_when_it_says() {
        let hidden = json!({"moderation": {"state": "hidden"}});
        assert_eq!(state(Action::Remove, &hidden), "hidden");
        assert_eq!(
            state(Action::Remove, &json!({"moderation": null})),
            "removed"
        );
        assert_eq!(state(Action::Restore, &json!({})), "visible");
    }

    #[test]
    fn empty_reasons_are_refused() {
        assert!(matches!(checked_reason("  "), Err(CliError::Usage(_))));
        assert_eq!(checked_reason(" spam ").ok(), Some("spam"));
        assert_eq!(capitalised("hidden"), "Hidden");
        assert_eq!(count(1), "1 artwork");
    }
}
