//! Where output goes and what shape it takes: one JSON document with `--json`, aligned tables on
//! a terminal, tab-separated lines for pipes (gh's habit), notes on stderr.

use std::io::{IsTerminal, Write};

use artstation_api::{Artwork, Price};
use artstation_domain::{Currency, Money};

#[derive(Debug, Clone, Copy)]
pub struct Output {
    pub json: bool,
    pub quiet: bool,
    pub stdout_tty: bool,
    pub stderr_tty: bool,
}

impl Output {
    pub fn detect(json: bool, quiet: bool) -> Self {
        Self {
            json,
            quiet,
            stdout_tty: std::io::stdout().is_terminal(),
            stderr_tty: std::io::stderr().is_terminal(),
        }
    }

    /// The one JSON document of a `--json` run.
    pub fn json(&self, value: &impl serde::Serialize) -> anyhow::Result<()> {
        let mut out = std::io::stdout().lock();
        serde_json::to_writer_pretty(&mut out, value)?;
        writeln!(out)?;
        Ok(())
    }

    /// A result line on stdout.
    pub fn line(&self, text: impl AsRef<str>) -> anyhow::Result<()> {
        let mut out = std::io::stdout().lock();
        writeln!(out, "{}", text.as_ref())?;
        Ok(())
    }

    /// Commentary for people on stderr, silenced by `--quiet`.
    pub fn note(&self, text: impl AsRef<str>) {
        if !self.quiet {
            eprintln!("{}", text.as_ref());
        }
    }

    /// Something the user must see even with `--quiet`.
    pub fn warn(&self, text: impl AsRef<str>) {
        eprintln!("warning: {}", text.as_ref());
    }

    /// Rows for people: an aligned table on a terminal, tab-separated lines without a header
    /// otherwise, so `cut -f` and `awk -F'\t'` work.
    pub fn table(&self, headers: &[&str], rows: &[Vec<String>]) -> anyhow::Result<()> {
        let text = if self.stdout_tty {
            render_table(headers, rows)
        } else {
            render_plain(rows)
        };
        let mut out = std::io::stdout().lock();
        out.write_all(text.as_bytes())?;
        Ok(())
    }
}

pub fn render_table(headers: &[&str], rows: &[Vec<String>]) -> String {
    let mut widths: Vec<usize> = headers.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (i, cell) in row.iter().enumerate() {
            if let Some(w) = widths.get_mut(i) {
                *w = (*w).max(cell.chars().count());
            }
        }
    }
    let mut text = String::new();
    let header: Vec<String> = headers.iter().map(|h| (*h).to_owned()).collect();
    for row in std::iter::once(&header).chain(rows) {
        let mut line = String::new();
        for (i, cell) in row.iter().enumerate() {
            if i > 0 {
                line.push_str("  ");
            }
            line.push_str(cell);
            if i + 1 < row.len() {
                let width = widths.get(i).copied().unwrap_or(0);
                let pad = width.saturating_sub(cell.chars().count());
                line.extend(std::iter::repeat_n(' ', pad));
            }
        }
        text.push_str(line.trim_end());
        text.push('\n');
    }
    text
}

pub fn render_plain(rows: &[Vec<String>]) -> String {
    rows.iter()
        .map(|row| {
            let cells: Vec<String> = row.iter().map(|c| c.replace(['\t', '\n'], " ")).collect();
            cells.join("\t") + "\n"
        })
        .collect()
}

/// "12.50 USD"; raw numbers for a currency we do not know rather than a wrong decimal point;
/// "-" for no price.
pub fn format_price(price: Option<&Price>) -> String {
    match price {
        Some(Price {
            amount_minor,
            currency,
        }) => Currency::parse(currency)
            .and_then(|c| Money::new(*amount_minor, c))
            .map_or_else(
                |_| format!("{amount_minor} {currency} (minor units)"),
                |m| m.to_string(),
            ),
        None => String::from("-"),
    }
}

/// What a buyer pays, with the list price in parentheses when a discount makes them differ:
/// "9.00 EUR (list 12.00 EUR)". Servers that send no effective price show the list price.
pub fn format_effective_price(list: Option<&Price>, effective: Option<&Price>) -> String {
    match (list, effective) {
        (list, None) => format_price(list),
        (None, effective) => format_price(effective),
        (Some(list), Some(effective)) if list == effective => format_price(Some(list)),
        (list, effective) => format!("{} (list {})", format_price(effective), format_price(list)),
    }
}

/// The effective price of an artwork, as [`format_effective_price`] shows it.
pub fn artwork_price(artwork: &Artwork) -> String {
    format_effective_price(Some(&artwork.price), artwork.effective_price.as_ref())
}

/// An optional member for people: "-" when absent.
pub fn or_dash(value: Option<impl ToString>) -> String {
    value.map_or_else(|| "-".into(), |v| v.to_string())
}

/// Shortens for a table cell, marking the cut.
pub fn ellipsize(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_owned();
    }
    let mut out: String = s.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// Artworks for unit tests: a complete document with the given members laid over it.
#[cfg(test)]
pub fn artwork_fixture(overrides: serde_json::Value) -> Artwork {
    use serde_json::Value;

    fn merge(base: &mut Value, over: Value) {
        match (base, over) {
            (Value::Object(base), Value::Object(over)) => {
                for (k, v) in over {
                    merge(base.entry(k).or_insert(Value::Null), v);
                }
            }
            (base, over) => *base = over,
        }
    }
    let mut doc = serde_json::json!({
        "artist": {"id": "u0", "username": ""}, "category": null, "content_type": "image/png",
        "created_at": null, "description": "", "edition_size": null, "favorite_count": 0,
        "height": 1, "id": "", "licence": "personal", "near_duplicate_of": null,
        "preview_url": null, "price": {"amount_minor": 0, "currency": "USD"}, "sha256": "",
        "size_bytes": 0, "status": "published", "tags": [], "thumbnail_url": null, "title": "",
        "width": 1,
    });
    merge(&mut doc, overrides);
    match serde_json::from_value(doc) {
        Ok(a) => a,
        Err(e) => panic!("bad artwork fixture: {e}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_align_and_plain_lines_are_tab_separated() {
        let rows = vec![
            vec!["a1".to_owned(), "Sunset".to_owned(), "12.50 USD".to_owned()],
            vec!["b22".to_owned(), "Sea".to_owned(), "3 JPY".to_owned()],
        ];
        assert_eq!(
            render_table(&["ID", "TITLE", "PRICE"], &rows),
            "ID   TITLE   PRICE\na1   Sunset  12.50 USD\nb22  Sea     3 JPY\n"
        );
        assert_eq!(
            render_plain(&rows),
            "a1\tSunset\t12.50 USD\nb22\tSea\t3 JPY\n"
        );
    }

    fn price(amount_minor: i64, currency: &str) -> Price {
        Price {
            amount_minor,
            currency: currency.into(),
        }
    }

    #[test]
    fn prices_use_the_currency_exponent() {
        assert_eq!(format_price(Some(&price(1250, "USD"))), "12.50 USD");
        assert_eq!(format_price(Some(&price(500, "JPY"))), "500 JPY");
        assert_eq!(format_price(Some(&price(7, "XTS"))), "7 XTS (minor units)");
        assert_eq!(format_price(None), "-");
    }

    #[test]
    fn effective_prices_name_the_list_price_only_when_they_differ() {
        let eur = |minor: i64| price(minor, "EUR");
        let same = (eur(1200), eur(1200));
        assert_eq!(
            format_effective_price(Some(&same.0), Some(&same.1)),
            "12.00 EUR"
        );
        let discounted = (eur(1200), eur(900));
        assert_eq!(
            format_effective_price(Some(&discounted.0), Some(&discounted.1)),
            "9.00 EUR (list 12.00 EUR)"
        );
        let old_server = eur(1200);
        assert_eq!(format_effective_price(Some(&old_server), None), "12.00 EUR");
        assert_eq!(format_effective_price(None, None), "-");
    }

    #[test]
    fn ellipsize_marks_cuts() {
        assert_eq!(ellipsize("abcdef", 4), "abc…");
        assert_eq!(ellipsize("abc", 4), "abc");
    }
}
