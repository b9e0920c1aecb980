//! `artstation passwd`: changes the account's password. The server ends every other session;
//! this one stays logged in.

use artstation_api::PasswordChange;
use serde_json::json;

use crate::args::PasswdArgs;
use crate::commands::{prompt_password, read_password_line, stdin_is_tty};
use crate::error::CliError;
use crate::output::Output;
use crate::session::Session;

pub async fn run(out: &Output, session: &mut Session, args: PasswdArgs) -> anyhow::Result<()> {
    let (current, new) = if args.password_stdin {
        let mut input = std::io::stdin().lock();
        (
            read_password_line(&mut input)?,
            read_password_line(&mut input)?,
        )
    } else if stdin_is_tty() {
        let current = prompt_password("Current password")?;
        let new = prompt_password("New password")?;
        if prompt_password("New password again")? != new {
            return Err(CliError::Usage("the new passwords differ".into()).into());
        }
        (current, new)
    } else {
        return Err(CliError::Usage(
            "--password-stdin is required when standard input is not a terminal".into(),
        )
        .into());
    };
    let body = PasswordChange {
        current_password: current,
        new_password: new,
    };
    let url = session.api.url(&["v1", "me", "password"]);
    session
        .send_authed(|client, token| client.post(url.clone()).bearer_auth(token).json(&body))
        .await?;
    if out.json {
        return out.json(&json!({ "password_changed": true }));
    }
    out.note("Password changed; your other sessions have been logged out.");
    Ok(())
}
