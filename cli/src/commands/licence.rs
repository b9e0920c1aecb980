//! `artstation licence show ORDER [-o FILE]` and `artstation licence verify FILE [--key FILE]`.
//!
//! Verification is offline: the signature is checked against `--key` or the server's keys cached
//! under the config dir (fetched when there is no cache yet, and refreshed by every `show`).
//! Only whether the order was refunded needs the server, and is reported when it can be asked.

use std::path::Path;

use serde_json::json;

use artstation_api::Licence;

use crate::api::{self, Api};
use crate::args::{GlobalArgs, LicenceCommand, LicenceShowArgs, LicenceVerifyArgs};
use crate::credentials::config_dir;
use crate::error::CliError;
use crate::licence::{self as cert, Claims, Jwks};
use crate::output::{Output, format_price};
use crate::session::{Session, TokenSource};

pub async fn run(out: &Output, global: &GlobalArgs, cmd: LicenceCommand) -> anyhow::Result<()> {
    match cmd {
        LicenceCommand::Show(args) => show(out, &mut Session::new(global)?, args).await,
        LicenceCommand::Verify(args) => verify(out, global, args).await,
    }
}

/// The server's licence keys, through the cache when there is a config dir.
pub async fn server_keys(api: &Api, server: &str, kid: Option<&str>) -> Result<Jwks, CliError> {
    match config_dir() {
        Ok(dir) => cert::server_keys(api, &cert::cache_path(&dir, server), kid).await,
        Err(_) => cert::fetch(api).await,
    }
}

/// [`server_keys`] of the session's server.
pub async fn keys(session: &Session, kid: Option<&str>) -> Result<Jwks, CliError> {
    server_keys(&session.api, &session.server, kid).await
}

async fn fetch_licence(session: &mut Session, order: &str) -> Result<Licence, CliError> {
    let url = session.api.url(&["v1", "orders", order, "licence"]);
    let response = session
        .send_authed(|client, token| client.get(url.clone()).bearer_auth(token))
        .await?;
    api::json(response).await
}

async fn show(out: &Output, session: &mut Session, args: LicenceShowArgs) -> anyhow::Result<()> {
    let doc = fetch_licence(session, &args.order).await?;
    // Having the keys now is what lets `verify` work offline later.
    let verified = match keys(session, Some(&doc.kid)).await {
        Ok(keys) => Some(cert::verify(&doc.certificate, &keys)?),
        Err(e) => {
            out.warn(format!(
                "cannot get the licence keys, the signature is unchecked: {e}"
            ));
            None
        }
    };
    if let Some(path) = &args.output {
        write_certificate(path, &doc.certificate)?;
        out.note(format!(
            "Saved the licence certificate of order {} to {}",
            doc.order_id,
            path.display()
        ));
    }
    if out.json {
        return out.json(&doc);
    }
    if args.output.is_some() {
        return Ok(());
    }
    let claims = match &verified {
        Some(v) => v.claims.clone(),
        None => cert::unverified_claims(&doc.certificate)?,
    };
    let signature = if verified.is_some() {
        "valid"
    } else {
        "not checked"
    };
    print_claims(out, &claims, &doc.kid, signature, Some(doc.revoked))
}

/// The compact JWS alone, without a line ending, as JOSE tools read it.
fn write_certificate(path: &Path, certificate: &str) -> Result<(), CliError> {
    std::fs::write(path, certificate.as_bytes())
        .map_err(|e| CliError::Invalid(format!("{}: {e}", path.display())))
}

async fn verify(out: &Output, global: &GlobalArgs, args: LicenceVerifyArgs) -> anyhow::Result<()> {
    let read = |path: &Path| {
        std::fs::read(path).map_err(|e| CliError::Invalid(format!("{}: {e}", path.display())))
    };
    let certificate = String::from_utf8_lossy(&read(&args.file)?)
        .trim()
        .to_owned();
    let server = global.server.trim_end_matches('/').to_owned();
    let api = Api::new(&server)?;
    let keys = match &args.key {
        Some(path) => cert::parse_keys(&read(path)?)
            .map_err(|e| CliError::Invalid(format!("{}: {e}", path.display())))?,
        None => {
            server_keys(
                &api,
                &server,
                cert::certificate_kid(&certificate).as_deref(),
            )
            .await?
        }
    };
    let verified = cert::verify(&certificate, &keys)?;
    let revoked = revoked_online(global, &verified.claims.order_id).await;
    if revoked == Some(true) {
        return Err(CliError::Check {
            code: "licence_revoked",
            message: format!(
                "the signature is valid, but order {} was refunded: the licence is revoked",
                verified.claims.order_id
            ),
        }
        .into());
    }
    if out.json {
        return out.json(&json!({
            "valid": true, "kid": verified.kid, "revoked": revoked, "claims": verified.claims,
        }));
    }
    let kid = verified.kid.clone().unwrap_or_else(|| "-".into());
    print_claims(out, &verified.claims, &kid, "valid", revoked)
}

/// Whether the server marks the order refunded; `None` when it cannot be asked (offline, not
/// logged in, or not the buyer).
async fn revoked_online(global: &GlobalArgs, order: &str) -> Option<bool> {
    let mut session = Session::new(global).ok()?;
    if session.source() == TokenSource::None {
        return None;
    }
    match fetch_licence(&mut session, order).await {
        Ok(doc) => Some(doc.revoked),
        Err(e) => {
            tracing::debug!(error = %e, "cannot ask the server about revocation");
            None
        }
    }
}

fn print_claims(
    out: &Output,
    c: &Claims,
    kid: &str,
    signature: &str,
    revoked: Option<bool>,
) -> anyhow::Result<()> {
    let edition = match c.edition_size {
        Some(m) => format!("serial {} of {m}", c.serial),
        None => format!("serial {} (open edition)", c.serial),
    };
    let date = chrono::DateTime::from_timestamp(c.iat, 0)
        .map_or_else(|| c.iat.to_string(), |d| d.to_rfc3339());
    let status = match revoked {
        Some(true) => "revoked (the order was refunded)",
        Some(false) => "active",
        None => "not checked (the server could not be asked)",
    };
    let pairs = [
        ("Order", c.order_id.clone()),
        ("Artwork", format!("{} ({})", c.title, c.artwork_id)),
        ("Licence", c.licence.clone()),
        ("Edition", edition),
        ("Buyer", c.sub.clone()),
        ("Price", format_price(Some(&c.price))),
        ("Date", date),
        ("SHA-256", c.original_sha256.clone()),
        ("Key", kid.to_owned()),
        ("Signature", signature.to_owned()),
        ("Status", status.to_owned()),
    ];
    let text: String = if out.stdout_tty {
        pairs
            .iter()
            .map(|(k, v)| format!("{:10}  {v}\n", format!("{k}:")))
            .collect()
    } else {
        pairs
            .iter()
            .map(|(k, v)| format!("{}\t{v}\n", k.to_lowercase()))
            .collect()
    };
    out.line(text.trim_end())
}
