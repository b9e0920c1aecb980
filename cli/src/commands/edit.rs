//! `artstation edit ID`: changes only what the flags name, in one PATCH.

use artstation_api::{Artwork, ArtworkPatch, ArtworkStatus};
use artstation_domain::{Currency, Title};

use crate::api;
use crate::args::EditArgs;
use crate::commands::show;
use crate::commands::{
    fetch_own_artwork, listed_currency, money_json, parse_currency, parse_money,
};
use crate::error::CliError;
use crate::output::Output;
use crate::session::Session;

pub async fn run(out: &Output, session: &mut Session, args: EditArgs) -> anyhow::Result<()> {
    if !changes_anything(&args) {
        return Err(CliError::Usage(
            "nothing to change: give at least one of --title, --description, --tags, --category, \
             --no-category, --price, --licence, --edition, --open-edition, --draft, --publish"
                .into(),
        )
        .into());
    }
    let current = if args.price.is_some() && args.currency.is_none() {
        Some(listed_currency(
            &fetch_own_artwork(session, &args.id).await?,
        )?)
    } else {
        None
    };
    let body = patch_body(&args, current)?;
    let artwork = patch(session, &args.id, &body).await?;
    show::print(out, &artwork)
}

/// PATCH /v1/artworks/{id} with `body`; the updated artwork.
pub async fn patch(
    session: &mut Session,
    id: &str,
    body: &ArtworkPatch,
) -> Result<Artwork, CliError> {
    let url = session.api.url(&["v1", "artworks", id]);
    let response = session
        .send_authed(|client, token| client.patch(url.clone()).bearer_auth(token).json(body))
        .await?;
    api::json(response).await
}

pub fn changes_anything(args: &EditArgs) -> bool {
    args.title.is_some()
        || args.description.is_some()
        || args.tags.is_some()
        || args.category.is_some()
        || args.no_category
        || args.price.is_some()
        || args.licence.is_some()
        || args.edition.is_some()
        || args.open_edition
        || args.draft
        || args.publish
}

/// The PATCH body: a member for each flag given and none for the others, since the server
/// reads an absent member as "keep" and `null` as "clear". `current` is the artwork's currency,
/// used when `--price` comes without `--currency`.
pub fn patch_body(args: &EditArgs, current: Option<Currency>) -> Result<ArtworkPatch, CliError> {
    let mut body = ArtworkPatch::default();
    if let Some(title) = &args.title {
        let title = Title::parse(title).map_err(|e| CliError::Usage(format!("--title: {e}")))?;
        body.title = Some(title.into_inner());
    }
    if let Some(description) = &args.description {
        body.description = Some(description.clone());
    }
    if let Some(tags) = &args.tags {
        // `--tags ''` arrives as one empty tag; it means "no tags".
        let tags: Vec<String> = tags
            .iter()
            .map(|t| t.trim())
            .filter(|t| !t.is_empty())
            .map(str::to_owned)
            .collect();
        body.tags = Some(tags);
    }
    if let Some(category) = &args.category {
        let slug = category.trim();
        if slug.is_empty() {
            return Err(CliError::Usage(
                "--category: empty; use --no-category to remove the category".into(),
            ));
        }
        body.category = Some(Some(slug.to_owned()));
    }
    if args.no_category {
        body.category = Some(None);
    }
    if let Some(amount) = &args.price {
        let currency = match (&args.currency, current) {
            (Some(code), _) => parse_currency("--currency", code)?,
            (None, Some(current)) => current,
            (None, None) => {
                return Err(CliError::Usage(
                    "--price needs --currency when the artwork's currency is unknown".into(),
                ));
            }
        };
        body.price = Some(money_json(parse_money("--price", amount, currency)?));
    }
    if let Some(licence) = args.licence {
        body.licence = Some(licence.as_str().to_owned());
    }
    if let Some(edition) = args.edition {
        body.edition_size = Some(Some(edition));
    }
    if args.open_edition {
        body.edition_size = Some(None);
    }
    if args.draft {
        body.status = Some(ArtworkStatus::Draft);
    }
    if args.publish {
        body.status = Some(ArtworkStatus::Published);
    }
    Ok(body)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::args::{Cli, Command};
    use clap::Parser;
    use serde_json::{Value, json};

    fn edit(flags: &[&str]) -> EditArgs {
        let argv = ["artstation", "edit", "art_1"]
            .into_iter()
            .chain(flags.iter().copied());
        match Cli::try_parse_from(argv) {
            Ok(Cli {
                command: Command::Edit(args),
                ..
            }) => args,
            other => panic!("edit {flags:?} did not parse: {other:?}"),
        }
    }

    fn body(flags: &[&str]) -> Value {
        serde_json::to_value(patch_body(&edit(flags), None).unwrap()).unwrap()
    }

    #[test]
    fn only_the_flags_given_are_sent() {
        assert_eq!(body(&["--title", "  Dawn "]), json!({"title": "Dawn"}));
        assert_eq!(
            body(&["--description", "", "--licence", "commercial"]),
            json!({"description": "", "licence": "commercial"})
        );
        assert_eq!(
            body(&["--edition", "5", "--draft"]),
            json!({"edition_size": 5, "status": "draft"})
        );
        assert_eq!(body(&["--publish"]), json!({"status": "published"}));
        assert_eq!(
            body(&["--category", "landscape"]),
            json!({"category": "landscape"})
        );
    }

    #[test]
    fn clearing_flags_send_null_or_empty() {
        assert_eq!(body(&["--open-edition"]), json!({"edition_size": null}));
        assert_eq!(body(&["--no-category"]), json!({"category": null}));
        assert_eq!(body(&["--tags", ""]), json!({"tags": []}));
        assert_eq!(
            body(&["--tags", "sky, sea,,"]),
            json!({"tags": ["sky", "sea"]})
        );
    }

    #[test]
    fn prices_use_the_given_or_the_current_currency() -> anyhow::Result<()> {
        assert_eq!(
            body(&["--price", "12.5", "--currency", "eur"]),
            json!({"price": {"amount_minor": 1250, "currency": "EUR"}})
        );
        let jpy = Currency::parse("JPY")?;
        assert_eq!(
            serde_json::to_value(patch_body(&edit(&["--price", "1200"]), Some(jpy))?)?,
            json!({"price": {"amount_minor": 1200, "currency": "JPY"}})
        );
        assert!(matches!(
            patch_body(&edit(&["--price", "12.50"]), Some(jpy)),
            Err(CliError::Usage(_))
        ));
        assert!(matches!(
            patch_body(&edit(&["--price", "12.50"]), None),
            Err(CliError::Usage(_))
        ));
        Ok(())
    }

    #[test]
    fn bad_values_are_usage_errors() {
        for flags in [
            &["--title", "  "][..],
            &["--category", ""],
            &["--price=-1", "--currency", "USD"],
            &["--price", "1", "--currency", "XXX"],
        ] {
            assert!(
                matches!(patch_body(&edit(flags), None), Err(CliError::Usage(_))),
                "{flags:?}"
            );
        }
    }

    #[test]
    fn no_flags_change_nothing() {
        assert!(!changes_anything(&edit(&[])));
        assert!(changes_anything(&edit(&["--no-category"])));
        assert!(changes_anything(&edit(&["--tags", ""])));
    }

    #[test]
    fn contradictory_flags_are_refused_by_the_parser() {
        for flags in [
            &["--draft", "--publish"][..],
            &["--category", "x", "--no-category"],
            &["--edition", "2", "--open-edition"],
            &["--currency", "EUR"],
            &["--edition", "0"],
        ] {
            let argv = ["artstation", "edit", "a"]
                .into_iter()
                .chain(flags.iter().copied());
            let err = Cli::try_parse_from(argv).expect_err("should be refused");
            assert_eq!(err.exit_code(), 2, "{flags:?}");
        }
    }
}
