//! The caller's identity for one invocation: stored credentials or `ARTSTATION_TOKEN`, with
//! transparent refresh so scripts never see an expired access token.

use chrono::Utc;
use reqwest::{RequestBuilder, Response, StatusCode, Url};

use crate::api::{self, Api};
use crate::args::GlobalArgs;
use crate::credentials::{self, CredentialStore, StoredCredentials};
use crate::error::CliError;
use artstation_api::TokenPair;

/// Overrides stored credentials; never refreshed.
pub const TOKEN_ENV: &str = "ARTSTATION_TOKEN";

/// Where this invocation's access token comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenSource {
    Env,
    Store,
    None,
}

pub struct Session {
    pub api: Api,
    pub server: String,
    pub profile: String,
    account: String,
    store: Result<CredentialStore, CliError>,
    env_token: Option<String>,
    stored: Option<StoredCredentials>,
}

impl Session {
    pub fn new(global: &GlobalArgs) -> Result<Self, CliError> {
        let server = global.server.trim_end_matches('/').to_owned();
        let api = Api::new(&server)?;
        let account = credentials::account(&global.profile, &server);
        let env_token = std::env::var(TOKEN_ENV)
            .ok()
            .filter(|t| !t.trim().is_empty());
        let store = match (CredentialStore::select(), &env_token) {
            (Err(e), None) => return Err(e),
            (store, _) => store,
        };
        // Unreadable credentials must not lock the user out of `login`, which replaces them.
        let stored = match &store {
            Ok(store) => store.load(&account).unwrap_or_else(|e| {
                if env_token.is_none() {
                    eprintln!("warning: ignoring stored credentials: {e}");
                }
                None
            }),
            Err(_) => None,
        };
        Ok(Self {
            api,
            server,
            profile: global.profile.clone(),
            account,
            store,
            env_token,
            stored,
        })
    }

    pub fn store(&self) -> Result<&CredentialStore, CliError> {
        self.store
            .as_ref()
            .map_err(|e| CliError::Store(e.to_string()))
    }

    pub fn stored(&self) -> Option<&StoredCredentials> {
        self.stored.as_ref()
    }

    pub fn source(&self) -> TokenSource {
        if self.env_token.is_some() {
            TokenSource::Env
        } else if self.stored.is_some() {
            TokenSource::Store
        } else {
            TokenSource::None
        }
    }

    pub fn not_logged_in(&self) -> CliError {
        CliError::NotAuthenticated(format!(
            "not logged in to {} (profile {}); run `artstation login`",
            self.server, self.profile
        ))
    }

    /// A usable access token, refreshed first when the stored one is (nearly) expired.
    pub async fn bearer(&mut self) -> Result<String, CliError> {
        if let Some(token) = &self.env_token {
            return Ok(token.clone());
        }
        let Some(creds) = &self.stored else {
            return Err(self.not_logged_in());
        };
        if creds.is_expired(Utc::now()) {
            tracing::debug!("access token expired, refreshing");
            self.refresh().await?;
        }
        self.stored
            .as_ref()
            .map(|c| c.access_token.clone())
            .ok_or_else(|| self.not_logged_in())
    }

    /// Whether a 401 may be cured by refreshing.
    pub fn can_refresh(&self) -> bool {
        self.env_token.is_none() && self.stored.is_some()
    }

    /// Trades the refresh token for a new pair and stores it; the old one is spent.
    ///
    /// Invocations of one session refresh one at a time (a lock file per account): the server
    /// ends the whole session when a spent refresh token comes back, so a second invocation
    /// must take the pair the first stored rather than present the token it spent.
    pub async fn refresh(&mut self) -> Result<(), CliError> {
        let Some(old) = self.stored.clone() else {
            return Err(self.not_logged_in());
        };
        let _lock = refresh_lock(&self.account).await;
        if let Some(current) = self
            .store()?
            .load(&self.account)?
            .filter(|c| c.refresh_token != old.refresh_token)
        {
            tracing::debug!("another invocation refreshed first; using its tokens");
            self.stored = Some(current);
            return Ok(());
        }
        let request = self
            .api
            .client()
            .post(self.api.url(&["v1", "auth", "refresh"]))
            .json(&artstation_api::RefreshRequest {
                refresh_token: old.refresh_token.clone(),
            });
        let response = self.api.send(request).await?;
        match api::json::<TokenPair>(response).await {
            Ok(tokens) => self.remember(tokens, old.username),
            Err(CliError::Api(p)) if matches!(p.status, 400 | 401) => {
                // Another invocation may have refreshed first and spent our refresh token;
                // its new pair is then in the store and just as good.
                let current = self.store()?.load(&self.account)?;
                if let Some(current) = current.filter(|c| c.refresh_token != old.refresh_token) {
                    self.stored = Some(current);
                    return Ok(());
                }
                self.store()?.delete(&self.account)?;
                self.stored = None;
                Err(CliError::NotAuthenticated(format!(
                    "the session on {} has ended ({}); run `artstation login`",
                    self.server, p.code
                )))
            }
            Err(e) => Err(e),
        }
    }

    /// Stores a fresh pair from login or refresh.
    pub fn remember(
        &mut self,
        tokens: TokenPair,
        username: Option<String>,
    ) -> Result<(), CliError> {
        let creds = StoredCredentials {
            access_token: tokens.access_token,
            refresh_token: tokens.refresh_token,
            expires_at: Utc::now() + chrono::Duration::seconds(tokens.expires_in.max(0)),
            username,
        };
        self.store()?.save(&self.account, &creds)?;
        self.stored = Some(creds);
        Ok(())
    }

    /// Forgets the stored session; true when there was one.
    pub fn forget(&mut self) -> Result<bool, CliError> {
        self.stored = None;
        self.store()?.delete(&self.account)
    }

    /// Sends an authenticated request, refreshing once on a 401, and checks the status.
    pub async fn send_authed<F>(&mut self, build: F) -> Result<Response, CliError>
    where
        F: Fn(&reqwest::Client, &str) -> RequestBuilder,
    {
        let token = self.bearer().await?;
        let response = self.api.send(build(self.api.client(), &token)).await?;
        if response.status() != StatusCode::UNAUTHORIZED || !self.can_refresh() {
            return self.checked(response).await;
        }
        tracing::debug!("access token refused, refreshing once");
        self.refresh().await?;
        let token = self.bearer().await?;
        let response = self.api.send(build(self.api.client(), &token)).await?;
        self.checked(response).await
    }

    /// PUT (`on`) or DELETE `url`, signed in: every on/off mark (favourite, follow) has this
    /// shape, and the server takes either as idempotent.
    pub async fn put_or_delete(&mut self, url: &Url, on: bool) -> Result<Response, CliError> {
        self.send_authed(|client, token| {
            let request = if on {
                client.put(url.clone())
            } else {
                client.delete(url.clone())
            };
            request.bearer_auth(token)
        })
        .await
    }

    /// Sends with credentials when there are any, anonymously otherwise (public reads that show
    /// the owner more, like drafts).
    pub async fn send_maybe_authed<F>(&mut self, build: F) -> Result<Response, CliError>
    where
        F: Fn(&reqwest::Client) -> RequestBuilder,
    {
        if self.source() == TokenSource::None {
            let response = self.api.send(build(self.api.client())).await?;
            return self.checked(response).await;
        }
        self.send_authed(|client, token| build(client).bearer_auth(token))
            .await
    }

    /// Checks the status; a 401 that survived refreshing maps to exit 3 with the server's code.
    pub async fn checked(&self, response: Response) -> Result<Response, CliError> {
        api::check(response).await
    }
}

/// Takes the account's refresh lock, waiting for another invocation that holds it. Without a
/// usable configuration directory it goes on unlocked: refreshing still works, only parallel
/// invocations may then race.
async fn refresh_lock(account: &str) -> Option<std::fs::File> {
    let dir = credentials::config_dir().ok()?;
    let name: String = account
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    let path = dir.join(format!("refresh-{name}.lock"));
    let locked = tokio::task::spawn_blocking(move || -> std::io::Result<std::fs::File> {
        credentials::create_private_dir(&dir)?;
        let file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)?;
        // Released when the file is closed, also if the process dies.
        file.lock()?;
        Ok(file)
    })
    .await;
    match locked {
        Ok(Ok(file)) => Some(file),
        Ok(Err(e)) => {
            tracing::debug!(error = %e, "no refresh lock; refreshing unlocked");
            None
        }
        Err(_) => None,
    }
}
