//! `artstation login`: trades a password for a token pair and stores it.

use artstation_api::{LoginRequest, User};
use serde_json::json;

use crate::api;
use crate::args::LoginArgs;
use crate::commands::{flag_or_prompt, prompt_password, read_password_stdin, stdin_is_tty};
use crate::credentials::STORE_ENV;
use crate::error::CliError;
use crate::output::Output;
use crate::session::{Session, TOKEN_ENV};

pub async fn run(out: &Output, session: &mut Session, args: LoginArgs) -> anyhow::Result<()> {
    // Fail before asking for a password that could not be kept anyway.
    let store = session.store()?;
    let (kind, detail) = (store.kind(), store.description().to_owned());
    let fallback = store.fallback_reason().map(str::to_owned);

    let login = flag_or_prompt(args.login, "--login", "Email or username")?;
    if login.trim().is_empty() {
        return Err(CliError::Usage("--login must not be empty".into()).into());
    }
    let password = if args.password_stdin {
        read_password_stdin()?
    } else if stdin_is_tty() {
        prompt_password("Password")?
    } else {
        return Err(CliError::Usage(
            "--password-stdin is required when standard input is not a terminal".into(),
        )
        .into());
    };

    let api = &session.api;
    let request = api
        .client()
        .post(api.url(&["v1", "auth", "login"]))
        .json(&LoginRequest {
            login: login.trim().to_owned(),
            password,
        });
    let tokens: artstation_api::TokenPair = api::json(api.send(request).await?).await?;

    // The user is fetched with the new token before storing, so one write keeps the name too.
    let me = api
        .client()
        .get(api.url(&["v1", "me"]))
        .bearer_auth(&tokens.access_token);
    let user: Option<User> = match api.send(me).await {
        Ok(response) => api::json(response).await.ok(),
        Err(_) => None,
    };
    let username = user.as_ref().map(|u| u.username.clone());
    session.remember(tokens, username.clone())?;

    if let Some(reason) = &fallback {
        out.warn(format!(
            "no usable keyring ({reason}); the session is stored in {detail}, readable only by \
             you. Set {STORE_ENV}=file to choose this on purpose."
        ));
    }
    if std::env::var_os(TOKEN_ENV).is_some() {
        out.warn(format!(
            "{TOKEN_ENV} is set and takes precedence over this session"
        ));
    }
    if out.json {
        return out.json(&json!({
            "server": session.server,
            "profile": session.profile,
            "store": kind.as_str(),
            "store_detail": detail,
            "user": user,
        }));
    }
    let who = user
        .as_ref()
        .map_or_else(|| login.trim().to_owned(), |u| u.username.clone());
    out.note(format!(
        "Logged in to {} as {who} (credentials in {})",
        session.server, detail
    ));
    Ok(())
}
