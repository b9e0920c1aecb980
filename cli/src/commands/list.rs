//! `artstation list`: one page of the published catalogue, filtered and sorted by flags; with
//! `--mine`, one page of the caller's own works (drafts and hidden ones included) with each
//! one's status and its derivative state (thumbnail and preview pending, ready or failed).

use artstation_api::{Artwork, DerivativeState, Page};
use artstation_domain::{Currency, Money};

use crate::api;
use crate::args::{CatalogueFilters, ListArgs};
use crate::commands::{parse_currency, parse_money};
use crate::error::CliError;
use crate::output::{Output, artwork_price, ellipsize};
use crate::session::Session;

pub async fn run(out: &Output, session: &mut Session, args: ListArgs) -> anyhow::Result<()> {
    if args.mine {
        return mine(out, session, &args).await;
    }
    let query = catalogue_query(&args.filters, None)?;
    let page = fetch_page(session, &query).await?;
    print_page(out, &page, "No artworks.")
}

/// GET /v1/me/artworks: the caller's own works.
async fn mine(out: &Output, session: &mut Session, args: &ListArgs) -> anyhow::Result<()> {
    let mut query: Vec<(&str, String)> = Vec::new();
    if let Some(status) = args.status {
        query.push(("status", status.as_query().to_owned()));
    }
    if let Some(limit) = args.filters.limit {
        query.push(("limit", limit.to_string()));
    }
    if let Some(cursor) = &args.filters.cursor {
        query.push(("cursor", cursor.clone()));
    }
    let url = session.api.url(&["v1", "me", "artworks"]);
    let response = session
        .send_authed(|client, token| client.get(url.clone()).query(&query).bearer_auth(token))
        .await?;
    let page: Page<Artwork> = api::json(response).await?;
    if out.json {
        return out.json(&page);
    }
    if page.items.is_empty() {
        out.note("No artworks of yours.");
    } else {
        out.table(
            &["ID", "TITLE", "STATUS", "PRICE", "DERIVATIVES"],
            &mine_rows(&page.items, out.stdout_tty),
        )?;
    }
    if let Some(cursor) = &page.next_cursor {
        out.note(format!("More: repeat with --cursor {cursor}"));
    }
    Ok(())
}

/// Whether the server has made the work's thumbnail and preview yet.
fn derivatives(d: DerivativeState) -> &'static str {
    match d {
        DerivativeState::Pending => "pending",
        DerivativeState::Ready => "ready",
        DerivativeState::Failed => "failed",
    }
}

fn mine_rows(items: &[Artwork], shorten: bool) -> Vec<Vec<String>> {
    items
        .iter()
        .map(|a| {
            vec![
                a.id.clone(),
                if shorten {
                    ellipsize(&a.title, 48)
                } else {
                    a.title.clone()
                },
                a.status.as_str().to_owned(),
                artwork_price(a),
                derivatives(a.derivatives).to_owned(),
            ]
        })
        .collect()
}

/// GET /v1/artworks with `query`.
pub async fn fetch_page(
    session: &Session,
    query: &[(&str, String)],
) -> anyhow::Result<Page<Artwork>> {
    let api = &session.api;
    // The catalogue is public: sending credentials would only risk a needless refresh failure.
    let request = api.client().get(api.url(&["v1", "artworks"])).query(query);
    Ok(api::json(api.send(request).await?).await?)
}

/// The query string of a catalogue request. Price bounds are typed in major units and sent in
/// minor units of the currency, which is then always sent too so the server compares the bounds
/// in the unit they were converted with.
pub fn catalogue_query(
    filters: &CatalogueFilters,
    q: Option<&str>,
) -> Result<Vec<(&'static str, String)>, CliError> {
    let mut query: Vec<(&'static str, String)> = Vec::new();
    if let Some(q) = q {
        query.push(("q", q.to_owned()));
    }
    let strings = [
        ("tag", &filters.tag),
        ("category", &filters.category),
        ("artist", &filters.artist),
    ];
    for (key, value) in strings {
        if let Some(value) = value {
            query.push((key, value.clone()));
        }
    }
    if let Some(licence) = filters.licence {
        query.push(("licence", licence.as_str().to_owned()));
    }
    let currency = match &filters.currency {
        Some(code) => Some(parse_currency("--currency", code)?),
        None => None,
    };
    let unit = currency
        .map_or_else(|| Currency::parse("USD"), Ok)
        .map_err(|e| CliError::Invalid(format!("the default currency is unavailable: {e}")))?;
    let bound = |flag: &str, amount: &Option<String>| -> Result<Option<Money>, CliError> {
        amount
            .as_deref()
            .map(|a| parse_money(flag, a, unit))
            .transpose()
    };
    let min = bound("--min-price", &filters.min_price)?;
    let max = bound("--max-price", &filters.max_price)?;
    if let (Some(min), Some(max)) = (min, max)
        && min.amount_minor() > max.amount_minor()
    {
        return Err(CliError::Usage(format!(
            "--min-price {min} is above --max-price {max}"
        )));
    }
    if let Some(min) = min {
        query.push(("min_price", min.amount_minor().to_string()));
    }
    if let Some(max) = max {
        query.push(("max_price", max.amount_minor().to_string()));
    }
    if currency.is_some() || min.is_some() || max.is_some() {
        query.push(("currency", unit.code().to_owned()));
    }
    if let Some(sort) = filters.sort {
        query.push(("sort", sort.as_query().to_owned()));
    }
    if let Some(limit) = filters.limit {
        query.push(("limit", limit.to_string()));
    }
    if let Some(cursor) = &filters.cursor {
        query.push(("cursor", cursor.clone()));
    }
    Ok(query)
}

/// A list document for people: a table of its items, then how to get the next page. Shared by
/// every command that prints a page of artworks.
pub fn print_page(out: &Output, page: &Page<Artwork>, empty: &str) -> anyhow::Result<()> {
    if out.json {
        return out.json(page);
    }
    let items = page.items.as_slice();
    if items.is_empty() {
        out.note(empty);
    } else {
        out.table(
            &["ID", "TITLE", "ARTIST", "PRICE"],
            &rows(items, out.stdout_tty),
        )?;
    }
    if let Some(cursor) = &page.next_cursor {
        out.note(format!("More: repeat with --cursor {cursor}"));
    }
    Ok(())
}

pub fn rows(items: &[Artwork], shorten: bool) -> Vec<Vec<String>> {
    items
        .iter()
        .map(|a| {
            let title = a.title.clone();
            vec![
                a.id.clone(),
                if shorten {
                    ellipsize(&title, 48)
                } else {
                    title
                },
                a.artist.username.clone(),
                artwork_price(a),
            ]
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::args::{Licence, Sort};
    use crate::output::{artwork_fixture, render_plain, render_table};
    use serde_json::json;

    #[test]
    fn rows_read_the_artwork_shape() {
        let items = [artwork_fixture(json!({
            "id": "a1", "title": "Sunset", "artist": {"id": "u1", "username": "alice"},
            "price": {"amount_minor": 1250, "currency": "EUR"}
        }))];
        assert_eq!(rows(&items, true), [["a1", "Sunset", "alice", "12.50 EUR"]]);
    }

    #[test]
    fn tables_show_the_effective_price_and_the_list_price_when_discounted() {
        let eur = |minor: i64| json!({"amount_minor": minor, "currency": "EUR"});
        let items = [
            artwork_fixture(
                json!({"id": "a1", "title": "Sunset", "artist": {"username": "alice"},
                   "price": eur(1200), "effective_price": eur(900)}),
            ),
            artwork_fixture(
                json!({"id": "b2", "title": "Sea", "artist": {"username": "bob"},
                   "price": eur(500), "effective_price": eur(500)}),
            ),
        ];
        let rows = rows(&items, true);
        assert_eq!(
            render_table(&["ID", "TITLE", "ARTIST", "PRICE"], &rows),
            "ID  TITLE   ARTIST  PRICE\n\
             a1  Sunset  alice   9.00 EUR (list 12.00 EUR)\n\
             b2  Sea     bob     5.00 EUR\n"
        );
        assert_eq!(
            render_plain(&rows),
            "a1\tSunset\talice\t9.00 EUR (list 12.00 EUR)\nb2\tSea\tbob\t5.00 EUR\n"
        );
    }

    fn pairs(query: &[(&str, String)]) -> Vec<(String, String)> {
        query
            .iter()
            .map(|(k, v)| ((*k).to_owned(), v.clone()))
            .collect()
    }

    fn owned(want: &[(&str, &str)]) -> Vec<(String, String)> {
        want.iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn no_flags_send_no_query() -> anyhow::Result<()> {
        assert!(catalogue_query(&CatalogueFilters::default(), None)?.is_empty());
        Ok(())
    }

    #[test]
    fn every_filter_reaches_the_query() -> anyhow::Result<()> {
        let filters = CatalogueFilters {
            tag: Some("sky".into()),
            category: Some("landscape".into()),
            artist: Some("alice".into()),
            licence: Some(Licence::Commercial),
            min_price: Some("10".into()),
            max_price: Some("12.5".into()),
            currency: Some("eur".into()),
            sort: Some(Sort::PriceDesc),
            limit: Some(20),
            cursor: Some("c1".into()),
        };
        assert_eq!(
            pairs(&catalogue_query(&filters, Some("red sun"))?),
            owned(&[
                ("q", "red sun"),
                ("tag", "sky"),
                ("category", "landscape"),
                ("artist", "alice"),
                ("licence", "commercial"),
                ("min_price", "1000"),
                ("max_price", "1250"),
                ("currency", "EUR"),
                ("sort", "price_desc"),
                ("limit", "20"),
                ("cursor", "c1"),
            ])
        );
        Ok(())
    }

    #[test]
    fn price_bounds_use_the_currency_exponent_and_default_to_usd() -> anyhow::Result<()> {
        let filters = CatalogueFilters {
            min_price: Some("9.99".into()),
            ..CatalogueFilters::default()
        };
        assert_eq!(
            pairs(&catalogue_query(&filters, None)?),
            owned(&[("min_price", "999"), ("currency", "USD")])
        );
        let filters = CatalogueFilters {
            max_price: Some("500".into()),
            currency: Some("JPY".into()),
            ..CatalogueFilters::default()
        };
        assert_eq!(
            pairs(&catalogue_query(&filters, None)?),
            owned(&[("max_price", "500"), ("currency", "JPY")])
        );
        let filters = CatalogueFilters {
            currency: Some("gbp".into()),
            ..CatalogueFilters::default()
        };
        assert_eq!(
            pairs(&catalogue_query(&filters, None)?),
            owned(&[("currency", "GBP")])
        );
        Ok(())
    }

    #[test]
    fn bad_price_bounds_are_usage_errors() {
        let cases = [
            (Some("1.5"), None, Some("JPY")),
            (Some("-1"), None, None),
            (Some("ten"), None, None),
            (None, Some("1.234"), None),
            (Some("10"), Some("9"), None),
            (Some("1"), None, Some("XXX")),
        ];
        for (min, max, currency) in cases {
            let filters = CatalogueFilters {
                min_price: min.map(str::to_owned),
                max_price: max.map(str::to_owned),
                currency: currency.map(str::to_owned),
                ..CatalogueFilters::default()
            };
            assert!(
                matches!(catalogue_query(&filters, None), Err(CliError::Usage(_))),
                "{min:?} {max:?} {currency:?}"
            );
        }
    }

    #[test]
    fn sort_flags_use_dashes_and_send_underscores() {
        let sent: Vec<&str> = [Sort::New, Sort::Popular, Sort::PriceAsc, Sort::PriceDesc]
            .into_iter()
            .map(Sort::as_query)
            .collect();
        assert_eq!(sent, ["new", "popular", "price_asc", "price_desc"]);
    }
}
