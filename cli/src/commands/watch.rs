//! `artstation watch`: prints the new works of the artists you follow as they appear, from the
//! gateway's Server-Sent Events stream (`GET /v1/me/feed/stream`). A line per work for people,
//! one JSON object per line with `--json`. A dropped stream is reconnected with backoff and
//! resumed after the last work printed (`Last-Event-ID`), so nothing is missed or repeated;
//! Ctrl-C ends it with exit 0.

use std::io::Write as _;
use std::time::Duration;

use artstation_api::Artwork;
use reqwest::header::ACCEPT;

use crate::args::WatchArgs;
use crate::error::CliError;
use crate::output::{Output, artwork_price};
use crate::session::Session;

/// First wait before reconnecting, and the longest.
const FIRST_BACKOFF: Duration = Duration::from_millis(500);
const MAX_BACKOFF: Duration = Duration::from_secs(30);

pub async fn run(out: &Output, session: &mut Session, args: WatchArgs) -> anyhow::Result<()> {
    tokio::select! {
        watched = watch(out, session, args.since) => watched,
        _ = tokio::signal::ctrl_c() => Ok(()),
    }
}

/// Whether an error is worth reconnecting after: the network and the server's bad moments,
/// not a refusal (signed out, forbidden, a bad id) that would only repeat.
fn transient(e: &CliError) -> bool {
    match e {
        CliError::Transport { .. } => true,
        CliError::Api(p) => p.status == 429 || p.status >= 500,
        _ => false,
    }
}

async fn watch(out: &Output, session: &mut Session, since: Option<String>) -> anyhow::Result<()> {
    let mut last = since;
    let mut backoff = FIRST_BACKOFF;
    loop {
        match stream_once(out, session, &mut last, &mut backoff).await {
            Ok(()) => out.note("the feed stream ended; reconnecting"),
            Err(e) if transient(&e) => {
                out.note(format!(
                    "feed stream lost ({e}); reconnecting in {backoff:?}"
                ));
            }
            Err(e) => return Err(e.into()),
        }
        tokio::time::sleep(backoff).await;
        backoff = (backoff * 2).min(MAX_BACKOFF);
    }
}

/// One connection: prints every work it delivers until the stream ends.
async fn stream_once(
    out: &Output,
    session: &mut Session,
    last: &mut Option<String>,
    backoff: &mut Duration,
) -> Result<(), CliError> {
    let url = session.api.url(&["v1", "me", "feed", "stream"]);
    let resume = last.clone();
    let mut response = session
        .send_authed(|client, token| {
            let request = client
                .get(url.clone())
                .header(ACCEPT, "text/event-stream")
                .bearer_auth(token);
            match &resume {
                Some(id) => request.header("Last-Event-ID", id.as_str()),
                None => request,
            }
        })
        .await?;
    *backoff = FIRST_BACKOFF;
    out.note("watching for new works by the artists you follow (Ctrl-C to stop)");
    let mut events = EventReader::default();
    while let Some(chunk) = response
        .chunk()
        .await
        .map_err(|e| session.api.transport_error(&e))?
    {
        for event in events.push(&chunk) {
            if event.kind != "artwork" {
                continue;
            }
            let artwork: Artwork =
                serde_json::from_str(&event.data).map_err(|e| CliError::Transport {
                    message: format!("the server sent an unreadable artwork: {e}"),
                })?;
            print(out, &artwork)?;
            *last = event.id.or_else(|| Some(artwork.id.clone()));
        }
    }
    Ok(())
}

fn print(out: &Output, a: &Artwork) -> Result<(), CliError> {
    let line = if out.json {
        serde_json::to_string(a).map_err(|e| CliError::Invalid(e.to_string()))?
    } else {
        format!(
            "{}  {} by {}  {}  {}",
            a.created_at
                .map(|t| t.format("%Y-%m-%d %H:%M").to_string())
                .unwrap_or_default(),
            a.title,
            a.artist.username,
            artwork_price(a),
            a.id
        )
    };
    // Flushed per line, so a pipe sees each work as it comes.
    let mut stdout = std::io::stdout().lock();
    writeln!(stdout, "{line}")
        .and_then(|()| stdout.flush())
        .map_err(|e| CliError::Invalid(format!("cannot write: {e}")))
}

/// One Server-Sent Event.
#[derive(Debug, Default, PartialEq, Eq)]
struct Event {
    kind: String,
    id: Option<String>,
    data: String,
}

/// Splits a byte stream into events (blank-line separated; `event:`, `id:`, `data:` fields,
/// comments ignored), holding at most one unfinished event.
#[derive(Default)]
struct EventReader {
    pending: Vec<u8>,
}

/// Longest event kept while waiting for its end; a server sending more is not a feed.
const MAX_EVENT: usize = 4 << 20;

impl EventReader {
    fn push(&mut self, bytes: &[u8]) -> Vec<Event> {
        self.pending.extend_from_slice(bytes);
        let mut events = Vec::new();
        while let Some(end) = find_blank_line(&self.pending) {
            let block: Vec<u8> = self.pending.drain(..end).collect();
            if let Some(e) = parse_event(&String::from_utf8_lossy(&block)) {
                events.push(e);
            }
        }
        if self.pending.len() > MAX_EVENT {
            self.pending.clear();
        }
        events
    }
}

/// Where the first event in `buf` ends (after its blank line), for `\n` or `\r\n` endings.
fn find_blank_line(buf: &[u8]) -> Option<usize> {
    let lf = buf.windows(2).position(|w| w == b"\n\n").map(|i| i + 2);
    let crlf = buf.windows(4).position(|w| w == b"\r\n\r\n").map(|i| i + 4);
    match (lf, crlf) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

fn parse_event(block: &str) -> Option<Event> {
    let mut event = Event {
        kind: "message".into(),
        ..Event::default()
    };
    let mut any = false;
    for line in block.lines() {
        let (field, value) = match line.split_once(':') {
            Some(("", _)) => continue,
            Some((f, v)) => (f, v.strip_prefix(' ').unwrap_or(v)),
            None => (line, ""),
        };
        match field {
            "event" => event.kind = value.to_owned(),
            "id" => event.id = Some(value.to_owned()),
            "data" => {
                if any && !event.data.is_empty() {
                    event.data.push('\n');
                }
                event.data.push_str(value);
            }
            _ => continue,
        }
        any = true;
    }
    any.then_some(event)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_are_read_across_chunks_and_comments_skipped() {
        let mut r = EventReader::default();
        assert!(r.push(b": keep-alive\n\nevent: art").is_empty());
        let got = r.push(b"work\nid: a1\ndata: {\"x\":\ndata: 1}\n\nretry: 1000\n\n");
        assert_eq!(
            got,
            vec![Event {
                kind: "artwork".into(),
                id: Some("a1".into()),
                data: "{\"x\":\n1}".into(),
            }]
        );
        let got = r.push(b"data: plain\r\n\r\n");
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].kind, "message");
        assert_eq!(got[0].data, "plain");
    }

    #[test]
    fn refusals_end_the_watch_and_outages_do_not() {
        assert!(transient(&CliError::Transport {
            message: "down".into()
        }));
        assert!(!transient(&CliError::NotAuthenticated("no".into())));
    }
}
