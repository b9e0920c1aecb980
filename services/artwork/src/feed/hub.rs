//! Tells every replica's feed watchers that a work became public (an upload, a draft
//! published, derivatives made) or that a user's follows changed, and every replica's change
//! watchers (the gateways' edge caches) that the catalogue changed, a work becoming public
//! included. In production a note goes
//! out on a Redis channel under the deployment's prefix; in process (the embedded default), or
//! when Redis cannot take it, it goes on a local queue. Either way each replica's relay
//! (`run_relay`) rereads the work and hands it to its local watchers, presented once.
//!
//! Local deliveries go through one bounded broadcast channel: a watcher that falls more than
//! [`LOCAL_BACKLOG`] deliveries behind is told so and its stream ends, so a slow client costs a
//! bounded amount of memory and resumes from the feed instead.

use std::sync::Arc;
use std::time::Duration;

use artstation_common::Cache;
use artstation_domain::ArtworkStatus;
use artstation_proto::artwork::v1 as pb;
use futures::StreamExt as _;
use tokio::sync::{Mutex, broadcast, mpsc};

use crate::state::State;
use crate::store::{ArtworkRecord, DerivativeState};

/// The channel (under the Redis prefix) every replica publishes notes on and listens to.
pub(crate) const FEED_CHANNEL: &str = "feed:events";

/// Deliveries a watcher may be behind before its stream ends.
pub(crate) const LOCAL_BACKLOG: usize = 256;

/// Notes queued for this replica's relay; past it a note is dropped (logged): its work is
/// still in the feed, only its live delivery is lost.
const LOCAL_NOTES: usize = 1024;

/// Catalogue changes a change watcher may be behind (it only needs to know there was one).
const CHANGE_BACKLOG: usize = 16;

/// Longest wait between attempts to resubscribe to a Redis that went away.
const MAX_BACKOFF: Duration = Duration::from_secs(5);

/// What goes over the channel between replicas: ids only, each replica reads the rest.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub(crate) enum Note {
    Published {
        artwork_id: String,
        artist_id: String,
    },
    FollowsChanged {
        user_id: String,
    },
    /// Something an anonymous reader was shown may have changed (the edge caches forget).
    CatalogueChanged,
}

/// What a replica hands its local watchers.
#[derive(Debug)]
pub(crate) enum Delivery {
    Artwork {
        artist_id: String,
        artwork: Box<pb::Artwork>,
    },
    FollowsChanged {
        user_id: String,
    },
}

/// The feed's notice board, one per replica; cheap to share (`Arc`).
pub struct Hub {
    cache: Arc<Cache>,
    local: broadcast::Sender<Arc<Delivery>>,
    /// Catalogue changes, apart from the feed's deliveries so a burst of writes never makes a
    /// feed watcher fall behind; a change watcher that lags has only missed more of the same.
    changes: broadcast::Sender<()>,
    notes: mpsc::Sender<Note>,
    /// Taken by the relay when it starts.
    pending: Mutex<Option<mpsc::Receiver<Note>>>,
}

impl Hub {
    pub(crate) fn new(cache: Arc<Cache>) -> Self {
        let (local, _) = broadcast::channel(LOCAL_BACKLOG);
        let (changes, _) = broadcast::channel(CHANGE_BACKLOG);
        let (notes, pending) = mpsc::channel(LOCAL_NOTES);
        Self {
            cache,
            local,
            changes,
            notes,
            pending: Mutex::new(Some(pending)),
        }
    }

    /// A receiver of every local delivery from now on.
    pub(crate) fn subscribe(&self) -> broadcast::Receiver<Arc<Delivery>> {
        self.local.subscribe()
    }

    fn deliver(&self, d: Delivery) {
        // An error only means no watcher is connected to this replica.
        let _ = self.local.send(Arc::new(d));
    }

    /// Sends `note` to every replica's relay: on Redis when there is one, else (or when Redis
    /// cannot take it: other replicas then miss it live, the feed still lists it) to this one.
    async fn publish(&self, note: Note) {
        match serde_json::to_string(&note) {
            Ok(payload) => match self.cache.publish(FEED_CHANNEL, &payload).await {
                Ok(true) => return,
                Ok(false) => {}
                Err(e) => tracing::warn!(error = %e, "cannot publish a feed note; local only"),
            },
            Err(e) => tracing::warn!(error = %e, "cannot encode a feed note; local only"),
        }
        if let Err(e) = self.notes.try_send(note) {
            tracing::warn!(error = %e, "feed notes are backed up; one is not delivered live");
        }
    }

    /// Artwork `artwork_id` of `artist_id` may have become public (stored as published, or
    /// its derivatives made): followers' watchers get it if it is public when their replica
    /// reads it.
    pub async fn published(&self, artwork_id: &str, artist_id: &str) {
        self.publish(Note::Published {
            artwork_id: artwork_id.to_owned(),
            artist_id: artist_id.to_owned(),
        })
        .await;
    }

    /// A receiver of every catalogue change announced on any replica from now on.
    pub(crate) fn watch_changes(&self) -> broadcast::Receiver<()> {
        self.changes.subscribe()
    }

    /// Something anonymous readers were shown may have changed: every replica tells the
    /// gateways watching it, so their edge caches forget.
    pub(crate) async fn catalogue_changed(&self) {
        self.publish(Note::CatalogueChanged).await;
    }

    /// `user_id` followed or unfollowed someone: their watchers reread whom they follow.
    pub(crate) async fn follows_changed(&self, user_id: &str) {
        self.publish(Note::FollowsChanged {
            user_id: user_id.to_owned(),
        })
        .await;
    }
}

/// Whether everyone may see `a` now.
fn is_public(a: &ArtworkRecord) -> bool {
    a.status == ArtworkStatus::Published && a.derivatives == DerivativeState::Ready
}

impl State {
    /// Announces that `artwork` may have become public (call it after an upload or a status
    /// change is stored); nothing is sent unless it is public now.
    pub(crate) async fn announce_published(&self, artwork: &ArtworkRecord) {
        if is_public(artwork) {
            self.feed.published(&artwork.id, &artwork.artist_id).await;
        }
    }

    /// Hands a public work to this replica's watchers, as anyone may see it.
    async fn deliver_artwork(&self, artwork: ArtworkRecord) {
        let artist_id = artwork.artist_id.clone();
        if let Some(artwork) = self.present_all(vec![artwork]).await.pop() {
            self.feed.deliver(Delivery::Artwork {
                artist_id,
                artwork: Box::new(artwork),
            });
        }
    }

    /// Turns a note from another replica (or this one) into a local delivery.
    async fn relay(&self, note: Note) {
        match note {
            Note::FollowsChanged { user_id } => {
                self.feed.deliver(Delivery::FollowsChanged { user_id });
            }
            Note::CatalogueChanged => {
                // A sale set or ended through another replica prices here from now on, not
                // up to SALE_REFRESH later (a purchase would be charged the old price); before
                // the gateways hear of it, so what they read again is already the new price.
                self.forget_sale().await;
                // An error only means no gateway watches this replica.
                let _ = self.feed.changes.send(());
            }
            Note::Published { artwork_id, .. } => {
                // A work made public by a derivative worker is announced by no call, yet it
                // joins the public lists: the edge caches must forget them too. Told before
                // the read below, so neither its latency nor its failure delays or loses it.
                let _ = self.feed.changes.send(());
                match self.store.get(&artwork_id).await {
                    // Read again here: it may have been hidden or unpublished since.
                    Ok(Some(a)) if is_public(&a) => self.deliver_artwork(a).await,
                    Ok(_) => {}
                    Err(e) => {
                        tracing::warn!(error = %e, %artwork_id, "cannot read a published work");
                    }
                }
            }
        }
    }
}

/// Relays notes to this replica's watchers for as long as the service runs: the local queue
/// always, and the feed channel on Redis when there is one, resubscribing with backoff when
/// the connection drops.
pub(crate) async fn run_relay(state: Arc<State>) {
    let Some(mut local) = state.feed.pending.lock().await.take() else {
        return;
    };
    let mut backoff = Duration::from_millis(100);
    let mut redis = true;
    loop {
        let subscribed = if redis {
            state.feed.cache.subscribe(FEED_CHANNEL).await
        } else {
            Ok(None)
        };
        let mut messages = match subscribed {
            Ok(Some(m)) => {
                backoff = Duration::from_millis(100);
                tracing::debug!("feed relay subscribed");
                Some(m)
            }
            Ok(None) => {
                redis = false;
                None
            }
            Err(e) => {
                tracing::warn!(error = %e, "feed relay cannot subscribe; retrying");
                None
            }
        };
        let retry = tokio::time::sleep(backoff);
        tokio::pin!(retry);
        loop {
            tokio::select! {
                note = local.recv() => match note {
                    Some(note) => state.relay(note).await,
                    None => return,
                },
                payload = async { messages.as_mut()?.next().await }, if messages.is_some() => {
                    match payload {
                        Some(p) => match serde_json::from_slice::<Note>(&p) {
                            Ok(note) => state.relay(note).await,
                            Err(e) => tracing::warn!(error = %e, "ignoring a malformed feed note"),
                        },
                        None => {
                            tracing::warn!("feed relay lost its Redis subscription; resubscribing");
                            tokio::time::sleep(Duration::from_millis(100)).await;
                            break;
                        }
                    }
                }
                () = &mut retry, if messages.is_none() && redis => {
                    backoff = (backoff * 2).min(MAX_BACKOFF);
                    break;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_round_trip_as_json() -> Result<(), serde_json::Error> {
        let note = Note::Published {
            artwork_id: "a".into(),
            artist_id: "b".into(),
        };
        let text = serde_json::to_string(&note)?;
        assert_eq!(
            text,
            r#"{"kind":"published","artwork_id":"a","artist_id":"b"}"#
        );
        assert_eq!(serde_json::from_str::<Note>(&text)?, note);
        let change = serde_json::to_string(&Note::CatalogueChanged)?;
        assert_eq!(change, r#"{"kind":"catalogue_changed"}"#);
        assert_eq!(
            serde_json::from_str::<Note>(&change)?,
            Note::CatalogueChanged
        );
        Ok(())
    }
}
