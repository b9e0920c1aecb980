//! Carries out the gallery's [`Effect`]s against the server on async tasks and posts the
//! answers back as [`Msg`]s. The requests are the other commands' own: the list query of
//! `artstation list`, the purchase retries and explanations of `buy`, the verified save of
//! `download`, all through the one [`Session`] (shared, so a refresh is done once).

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use artstation_api::{Artwork, Category, Items, Order, Page, Price, PurchaseRequest, User, Wallet};
use tokio::sync::Mutex;
use tokio::sync::mpsc::UnboundedSender;

use super::event::Event;
use super::state::{Effect, Filters, Msg, PAGE_SIZE, Tab};
use crate::api::{self, Api};
use crate::commands::{buy, download, library, list};
use crate::error::{CliError, human_message};
use crate::session::{Session, TokenSource};

/// Cached lists (popular, recommended) come whole, up to this many.
const CACHED_LIST_LIMIT: &str = "100";
/// Pages read at start to learn which works are favourites or bought.
const MARK_PAGES: usize = 20;
/// Pauses between purchase attempts that failed for a transient reason.
const BACKOFF: [Duration; 3] = [
    Duration::from_millis(500),
    Duration::from_secs(1),
    Duration::from_secs(2),
];

#[derive(Clone)]
pub struct Remote {
    api: Api,
    session: Arc<Mutex<Session>>,
    tx: UnboundedSender<Event>,
}

/// The credentials themselves were turned down (not the server being unreachable).
fn refused(e: &CliError) -> bool {
    match e {
        CliError::NotAuthenticated(_) => true,
        CliError::Api(p) => p.status == 401,
        _ => false,
    }
}

fn say(e: CliError) -> String {
    human_message(&anyhow::Error::new(e))
}

fn say_any(e: anyhow::Error) -> String {
    human_message(&e)
}

impl Remote {
    pub fn new(session: Session, tx: UnboundedSender<Event>) -> Self {
        Self {
            api: session.api.clone(),
            session: Arc::new(Mutex::new(session)),
            tx,
        }
    }

    pub fn api(&self) -> &Api {
        &self.api
    }

    fn post(&self, msg: Msg) {
        let _ = self.tx.send(Event::Msg(msg));
    }

    /// Starts one effect on a task of its own.
    pub fn run(&self, effect: Effect) {
        let this = self.clone();
        // Local tasks: the session's request builders are not `Send`, and the loop runs on one
        // thread anyway.
        tokio::task::spawn_local(async move { this.perform(effect).await });
    }

    async fn perform(&self, effect: Effect) {
        match effect {
            Effect::Load {
                tab,
                filters,
                cursor,
                generation,
            } => {
                let result = self.load(tab, &filters, cursor).await;
                self.post(Msg::Page { generation, result });
            }
            Effect::Favourite { id, on } => {
                let url = self.api.url(&["v1", "artworks", &id, "favorite"]);
                let result = self
                    .session
                    .lock()
                    .await
                    .put_or_delete(&url, on)
                    .await
                    .map(drop)
                    .map_err(say);
                self.post(Msg::Favourite { id, on, result });
            }
            Effect::Wallet { currency } => {
                let result = self.balance(&currency).await.map_err(say);
                self.post(Msg::Wallet(result));
            }
            Effect::Purchase { id, expected, key } => {
                let result = self.purchase(&id, expected, &key).await;
                let bought = result.is_ok();
                self.post(Msg::Purchased {
                    id: id.clone(),
                    result: result.map(Box::new).map_err(say),
                });
                if bought && let Ok(artwork) = self.artwork(&id).await {
                    // Editions sold and remaining have changed.
                    self.post(Msg::Artwork(Box::new(artwork)));
                }
            }
            Effect::Categories => {
                let request = self.api.client().get(self.api.url(&["v1", "categories"]));
                // Only a convenience for typing: without it the filter still takes any slug.
                if let Ok(response) = self.api.send(request).await
                    && let Ok(list) = api::json::<Items<Category>>(response).await
                {
                    self.post(Msg::Categories(
                        list.items.into_iter().map(|c| c.slug).collect(),
                    ));
                }
            }
            Effect::Download { id, dir } => {
                let result = self.download(&id, dir).await.map_err(say);
                self.post(Msg::Downloaded(result));
            }
        }
    }

    /// GET an authenticated resource; the session is held only for this one request.
    async fn get_authed(
        &self,
        url: reqwest::Url,
        query: &[(&str, String)],
    ) -> Result<reqwest::Response, CliError> {
        self.session
            .lock()
            .await
            .send_authed(|client, token| client.get(url.clone()).query(query).bearer_auth(token))
            .await
    }

    /// Who is signed in, their favourites and what they bought: the marks on the cards.
    pub fn learn_marks(&self) {
        let this = self.clone();
        tokio::task::spawn_local(async move {
            if this.session.lock().await.source() == TokenSource::None {
                return;
            }
            match this.get_authed(this.api.url(&["v1", "me"]), &[]).await {
                Ok(response) => {
                    if let Ok(user) = api::json::<User>(response).await {
                        this.post(Msg::SignedInAs(user.username));
                    }
                }
                Err(e) if refused(&e) => {
                    this.post(Msg::SessionEnded(say(e)));
                    return;
                }
                // Server down and the like: the listing says so in the status line.
                Err(_) => {}
            }
            let mut cursor: Option<String> = None;
            let url = this.api.url(&["v1", "me", "favorites"]);
            for _ in 0..MARK_PAGES {
                let query = page_query("100", cursor.as_deref());
                let Ok(response) = this.get_authed(url.clone(), &query).await else {
                    break;
                };
                let Ok(page) = api::json::<Page<Artwork>>(response).await else {
                    break;
                };
                this.post(Msg::Favourites(
                    page.items.into_iter().map(|a| a.id).collect(),
                ));
                match page.next_cursor {
                    Some(next) => cursor = Some(next),
                    None => break,
                }
            }
            let mut cursor: Option<String> = None;
            for _ in 0..MARK_PAGES {
                let page = {
                    let mut session = this.session.lock().await;
                    library::fetch(&mut session, Some(100), cursor.as_deref()).await
                };
                let Ok(page) = page else { break };
                this.post(Msg::Owned(paid_artworks(&page.items)));
                match page.next_cursor {
                    Some(next) => cursor = Some(next),
                    None => break,
                }
            }
        });
    }

    async fn load(
        &self,
        tab: Tab,
        filters: &Filters,
        cursor: Option<String>,
    ) -> Result<(Vec<Artwork>, Option<String>), String> {
        match tab {
            Tab::Gallery => {
                let query =
                    list::catalogue_query(&filters.catalogue(cursor), filters.query.as_deref())
                        .map_err(say)?;
                let request = self
                    .api
                    .client()
                    .get(self.api.url(&["v1", "artworks"]))
                    .query(&query);
                let page: Page<Artwork> = api::json(self.api.send(request).await.map_err(say)?)
                    .await
                    .map_err(say)?;
                Ok((page.items, page.next_cursor))
            }
            Tab::Popular => {
                let request = self
                    .api
                    .client()
                    .get(self.api.url(&["v1", "artworks", "popular"]))
                    .query(&[("limit", CACHED_LIST_LIMIT)]);
                let items: Items<Artwork> = api::json(self.api.send(request).await.map_err(say)?)
                    .await
                    .map_err(say)?;
                Ok((items.items, None))
            }
            Tab::Recommended => {
                let url = self.api.url(&["v1", "me", "recommendations"]);
                let query = [("limit", CACHED_LIST_LIMIT.to_owned())];
                let response = self.get_authed(url, &query).await.map_err(say)?;
                let items: Items<Artwork> = api::json(response).await.map_err(say)?;
                Ok((items.items, None))
            }
            Tab::Favourites => {
                let url = self.api.url(&["v1", "me", "favorites"]);
                let query = page_query(&PAGE_SIZE.to_string(), cursor.as_deref());
                let response = self.get_authed(url, &query).await.map_err(say)?;
                let page: Page<Artwork> = api::json(response).await.map_err(say)?;
                // What is listed there is a favourite, whatever the marks learnt so far say.
                self.post(Msg::Favourites(
                    page.items.iter().map(|a| a.id.clone()).collect(),
                ));
                Ok((page.items, page.next_cursor))
            }
            Tab::Library => self.library_page(cursor).await,
        }
    }

    /// A page of purchases as the artworks bought (works since deleted are left out).
    async fn library_page(
        &self,
        cursor: Option<String>,
    ) -> Result<(Vec<Artwork>, Option<String>), String> {
        let page = {
            let mut session = self.session.lock().await;
            library::fetch(&mut session, Some(PAGE_SIZE), cursor.as_deref())
                .await
                .map_err(say_any)?
        };
        let ids = paid_artworks(&page.items);
        self.post(Msg::Owned(ids.clone()));
        let artworks = futures::future::join_all(ids.iter().map(|id| self.artwork(id))).await;
        Ok((
            artworks.into_iter().filter_map(Result::ok).collect(),
            page.next_cursor,
        ))
    }

    async fn artwork(&self, id: &str) -> Result<Artwork, CliError> {
        let url = self.api.url(&["v1", "artworks", id]);
        let response = self
            .session
            .lock()
            .await
            .send_maybe_authed(|client| client.get(url.clone()))
            .await?;
        api::json(response).await
    }

    async fn balance(&self, currency: &str) -> Result<Price, CliError> {
        let response = self
            .get_authed(self.api.url(&["v1", "me", "wallet"]), &[])
            .await?;
        let wallet: Wallet = api::json(response).await?;
        Ok(wallet
            .balances
            .into_iter()
            .find(|b| b.currency == currency)
            .unwrap_or(Price {
                amount_minor: 0,
                currency: currency.to_owned(),
            }))
    }

    /// POST the purchase with one Idempotency-Key for every retry, so a lost answer never buys
    /// twice.
    async fn purchase(&self, id: &str, expected: Price, key: &str) -> Result<Order, CliError> {
        let url = self.api.url(&["v1", "artworks", id, "purchase"]);
        let body = PurchaseRequest {
            expected_price: Some(expected),
        };
        buy::with_retries(
            &BACKOFF,
            |_, _| {},
            async || {
                let response = self
                    .session
                    .lock()
                    .await
                    .send_authed(|client, token| {
                        client
                            .post(url.clone())
                            .bearer_auth(token)
                            .header("Idempotency-Key", key)
                            .json(&body)
                    })
                    .await?;
                api::json::<Order>(response).await
            },
        )
        .await
        .map_err(|e| buy::explain(e, id))
    }

    /// Saves the original into `dir` exactly as `artstation download -o DIR` does (verified
    /// against the licence certificate or the owner's fingerprint), reporting progress.
    async fn download(&self, id: &str, dir: PathBuf) -> Result<PathBuf, CliError> {
        if !dir.is_dir() {
            return Err(CliError::Invalid(format!(
                "{} is not a folder",
                dir.display()
            )));
        }
        let (expected, response) = {
            let mut session = self.session.lock().await;
            let expected = download::expected_sha256(&mut session, id).await?;
            let url = self.api.url(&["v1", "artworks", id, "original"]);
            let response = session
                .send_authed(|client, token| client.get(url.clone()).bearer_auth(token))
                .await?;
            (expected, response)
        };
        let Some((expected, _source)) = expected else {
            return Err(CliError::Check {
                code: "unverifiable",
                message: format!(
                    "no paid order of yours for {id} and no fingerprint to check the original against; nothing was saved"
                ),
            });
        };
        let content_type = response
            .headers()
            .get(reqwest::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("application/octet-stream")
            .to_owned();
        let target = download::target_path(Some(&dir), id, &content_type);
        download::refuse_overwrite(&target, false)?;
        let total = response.content_length();
        let bar = indicatif::ProgressBar::hidden();
        bar.set_length(total.unwrap_or(0));
        let ticker = {
            let (bar, tx) = (bar.clone(), self.tx.clone());
            tokio::task::spawn_local(async move {
                loop {
                    let done = bar.position();
                    let _ = tx.send(Event::Msg(Msg::DownloadProgress { done, total }));
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
            })
        };
        let (saved, _sha) = download::save(response, &target, &expected, &bar).await;
        ticker.abort();
        saved.map(|_| target)
    }
}

fn page_query(limit: &str, cursor: Option<&str>) -> Vec<(&'static str, String)> {
    let mut query = vec![("limit", limit.to_owned())];
    if let Some(cursor) = cursor {
        query.push(("cursor", cursor.to_owned()));
    }
    query
}

/// The artworks of paid orders, each once, newest first.
fn paid_artworks(orders: &[Order]) -> Vec<String> {
    let mut ids: Vec<String> = Vec::new();
    for o in orders.iter().filter(|o| o.status == "paid") {
        if !ids.contains(&o.artwork_id) {
            ids.push(o.artwork_id.clone());
        }
    }
    ids
}
