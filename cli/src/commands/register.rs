//! `artstation register`: creates an account; it does not log in.

use artstation_api::{RegisterRequest, User};
use artstation_domain::{Email, Password, Role, Username};

use crate::api::{self, Api};
use crate::args::{GlobalArgs, RegisterArgs};
use crate::commands::{flag_or_prompt, prompt_password, read_password_stdin, stdin_is_tty};
use crate::error::CliError;
use crate::output::Output;

pub async fn run(out: &Output, global: &GlobalArgs, args: RegisterArgs) -> anyhow::Result<()> {
    let api = Api::new(global.server.trim_end_matches('/'))?;
    let email = flag_or_prompt(args.email, "--email", "Email")?;
    let email = Email::parse(&email).map_err(invalid)?;
    let username = flag_or_prompt(args.username, "--username", "Username")?;
    let username = Username::parse(&username).map_err(invalid)?;
    let password = Password::parse(&read_new_password(args.password_stdin)?).map_err(invalid)?;
    let role = if args.artist {
        Role::Artist
    } else {
        Role::Buyer
    };

    let request = api
        .client()
        .post(api.url(&["v1", "auth", "register"]))
        .json(&RegisterRequest {
            email: email.as_str().to_owned(),
            username: username.as_str().to_owned(),
            password: password.expose().to_owned(),
            role: Some(role),
        });
    let user: User = api::json(api.send(request).await?).await?;

    if out.json {
        return out.json(&user);
    }
    out.line(format!(
        "Registered {} ({}) on {}",
        user.username,
        user.role.as_str(),
        api.base().as_str().trim_end_matches('/')
    ))?;
    out.note("Next: artstation login");
    Ok(())
}

fn read_new_password(from_stdin: bool) -> Result<String, CliError> {
    if from_stdin {
        return read_password_stdin();
    }
    if !stdin_is_tty() {
        return Err(CliError::Usage(
            "--password-stdin is required when standard input is not a terminal".into(),
        ));
    }
    let first = prompt_password(&format!(
        "Password (at least {} characters)",
        Password::MIN_CHARS
    ))?;
    let second = prompt_password("Password again")?;
    if first != second {
        return Err(CliError::Invalid("the passwords differ".into()));
    }
    Ok(first)
}

fn invalid(e: artstation_domain::ParseError) -> CliError {
    CliError::Invalid(e.to_string())
}
