//! A live feed watcher: the new public works of the artists the caller follows, as this
//! replica's hub delivers them, after a replay of what came since the last id the watcher saw.
//!
//! The watcher is the gRPC response stream itself: nothing is queued for it beyond the hub's
//! bounded backlog, and when the client goes away tonic drops the stream, and with it the
//! watcher's receiver.

use std::collections::{HashSet, VecDeque};
use std::pin::Pin;
use std::sync::Arc;

use artstation_common::ServiceError;
use artstation_common::jwt::AccessClaims;
use artstation_common::paging::MAX_PAGE;
use artstation_proto::artwork::v1 as pb;
use tokio::sync::broadcast::{self, error::RecvError};
use tonic::Status;

use super::hub::Delivery;
use crate::state::State;
use crate::store::ArtworkStore;

pub(crate) type FeedStream =
    Pin<Box<dyn futures::Stream<Item = Result<pb::FeedEvent, Status>> + Send>>;

struct Watcher {
    user_id: String,
    store: Arc<dyn ArtworkStore>,
    deliveries: broadcast::Receiver<Arc<Delivery>>,
    followed: HashSet<String>,
    /// Replayed works still to send, oldest first.
    replay: VecDeque<pb::Artwork>,
    /// Ids replayed, so a work both replayed and delivered live is sent once.
    replayed: HashSet<String>,
    done: bool,
}

impl Watcher {
    async fn next(&mut self) -> Option<Result<pb::FeedEvent, Status>> {
        if self.done {
            return None;
        }
        if let Some(artwork) = self.replay.pop_front() {
            return Some(Ok(pb::FeedEvent {
                artwork: Some(artwork),
            }));
        }
        loop {
            let delivery = match self.deliveries.recv().await {
                Ok(d) => d,
                Err(RecvError::Lagged(missed)) => {
                    self.done = true;
                    tracing::info!(user = %self.user_id, missed, "feed watcher fell behind");
                    return Some(Err(Status::aborted(format!(
                        "this watcher fell {missed} events behind; resume with the last id seen"
                    ))));
                }
                Err(RecvError::Closed) => return None,
            };
            match &*delivery {
                Delivery::Artwork { artist_id, artwork }
                    if self.followed.contains(artist_id)
                        && !self.replayed.contains(&artwork.id) =>
                {
                    return Some(Ok(pb::FeedEvent {
                        artwork: Some((**artwork).clone()),
                    }));
                }
                Delivery::FollowsChanged { user_id } if *user_id == self.user_id => {
                    match self.store.followed_artists(&self.user_id).await {
                        Ok(f) => self.followed = f.into_iter().collect(),
                        Err(e) => {
                            self.done = true;
                            return Some(Err(Status::from(ServiceError::from(e))));
                        }
                    }
                }
                _ => {}
            }
        }
    }
}

/// The id a watcher last saw, if it names a work (anything else replays nothing).
fn last_seen(raw: &str) -> Option<String> {
    uuid::Uuid::parse_str(raw.trim())
        .ok()
        .map(|u| u.to_string())
}

impl State {
    pub(crate) async fn watch_feed(
        &self,
        caller: &AccessClaims,
        req: pb::WatchFeedRequest,
    ) -> Result<FeedStream, ServiceError> {
        // Subscribed before anything is read, so no work published meanwhile is missed.
        let deliveries = self.feed.subscribe();
        let followed = self.store.followed_artists(&caller.sub).await?;
        let mut replay = VecDeque::new();
        if let Some(last) = last_seen(&req.last_event_id) {
            let newer: Vec<_> = self
                .store
                .feed(&caller.sub, MAX_PAGE, None)
                .await?
                .into_iter()
                .take_while(|a| a.id > last)
                .collect();
            // Sent oldest first, as they would have arrived.
            replay = self.present_all(newer).await.into_iter().rev().collect();
        }
        let replayed = replay.iter().map(|a: &pb::Artwork| a.id.clone()).collect();
        let watcher = Watcher {
            user_id: caller.sub.clone(),
            store: self.store.clone(),
            deliveries,
            followed: followed.into_iter().collect(),
            replay,
            replayed,
            done: false,
        };
        tracing::debug!(user = %caller.sub, "feed watcher connected");
        Ok(Box::pin(futures::stream::unfold(watcher, |mut w| async {
            w.next().await.map(|item| (item, w))
        })))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_ids_are_replayed_from() {
        let id = uuid::Uuid::now_v7();
        assert_eq!(last_seen(&id.to_string()), Some(id.to_string()));
        assert_eq!(last_seen(""), None);
        assert_eq!(last_seen("x' OR 1=1"), None);
    }
}
