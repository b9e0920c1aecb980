//! Per-file metadata from `--manifest FILE` (CSV with a header, or JSON Lines) and from sidecar
//! files (`IMAGE.json` next to an image). Every row is checked here, before anything is sent,
//! with each error named by file, line and field; what passes becomes [`Overrides`] of the
//! flags' metadata. A sidecar overrides the flags, a manifest row overrides both.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use artstation_api::Price;
use artstation_domain::{CategorySlug, Currency, Description, Licence, Money, Tag, Title};
use serde_json::Value;

use super::csv;
use super::report::Failed;

/// The columns a manifest may have (`licence` also spelled `license`, `edition` also
/// `edition_size`).
pub const COLUMNS: [&str; 10] = [
    "path",
    "title",
    "description",
    "tags",
    "category",
    "price",
    "currency",
    "licence",
    "edition",
    "draft",
];

/// What the flags say about price, so a row that names only a currency (or only an amount)
/// is checked against the other half.
#[derive(Debug, Clone, Copy)]
pub struct Defaults<'a> {
    pub price: Option<&'a str>,
    pub currency: &'a str,
}

/// Metadata one file gets instead of the flags'; `None` keeps the flag's value.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Overrides {
    pub title: Option<String>,
    pub description: Option<String>,
    pub tags: Option<Vec<String>>,
    pub category: Option<String>,
    pub price: Option<Price>,
    pub licence: Option<String>,
    pub edition: Option<u32>,
    pub draft: Option<bool>,
}

impl Overrides {
    /// `self` with `over`'s values where it has them.
    pub fn then(self, over: &Overrides) -> Overrides {
        Overrides {
            title: over.title.clone().or(self.title),
            description: over.description.clone().or(self.description),
            tags: over.tags.clone().or(self.tags),
            category: over.category.clone().or(self.category),
            price: over.price.clone().or(self.price),
            licence: over.licence.clone().or(self.licence),
            edition: over.edition.or(self.edition),
            draft: over.draft.or(self.draft),
        }
    }
}

/// A refused row: which file, which line, which field, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    pub source: String,
    pub line: usize,
    pub field: String,
    /// The image the row is about, when it got that far.
    pub path: Option<String>,
    pub message: String,
}

impl RowError {
    fn new(source: &str, line: usize, field: &str, message: impl Into<String>) -> Self {
        Self {
            source: source.to_owned(),
            line,
            field: field.to_owned(),
            path: None,
            message: message.into(),
        }
    }

    pub fn to_failed(&self) -> Failed {
        Failed {
            path: self.path.clone().unwrap_or_else(|| self.source.clone()),
            code: "validation_failed".into(),
            message: format!(
                "{} line {}: {}: {}",
                self.source, self.line, self.field, self.message
            ),
            line: Some(self.line),
            field: Some(self.field.clone()),
        }
    }
}

/// A valid manifest row: the image it names and its metadata.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub line: usize,
    pub path: PathBuf,
    pub overrides: Overrides,
}

/// A cell as read: CSV gives text only, JSON Lines gives typed values.
type Cells = BTreeMap<String, Value>;

/// Reads and checks a whole manifest. Relative paths are taken from the manifest's folder.
pub fn load(file: &Path, defaults: Defaults<'_>) -> (Vec<Row>, Vec<RowError>) {
    let source = file.display().to_string();
    let text = match std::fs::read_to_string(file) {
        Ok(t) => t,
        Err(e) => {
            return (
                Vec::new(),
                vec![RowError::new(&source, 0, "manifest", e.to_string())],
            );
        }
    };
    let base = file.parent().unwrap_or(Path::new("."));
    let json_lines = file
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("jsonl") || e.eq_ignore_ascii_case("ndjson"))
        || text.trim_start().starts_with('{');
    let (rows, mut errors) = if json_lines {
        json_rows(&text, &source)
    } else {
        csv_rows(&text, &source)
    };
    let mut valid = Vec::new();
    let mut first_line: HashMap<PathBuf, usize> = HashMap::new();
    for (line, cells) in rows {
        match check_row(&cells, line, &source, base, defaults) {
            Ok(row) => {
                let key = std::fs::canonicalize(&row.path).unwrap_or_else(|_| row.path.clone());
                if let Some(first) = first_line.get(&key) {
                    let mut e = RowError::new(
                        &source,
                        line,
                        "path",
                        format!("listed twice (first on line {first})"),
                    );
                    e.path = Some(row.path.display().to_string());
                    errors.push(e);
                } else {
                    first_line.insert(key, line);
                    valid.push(row);
                }
            }
            Err(row_errors) => errors.extend(row_errors),
        }
    }
    (valid, errors)
}

/// The sidecar of `image` (`image.png` → `image.png.json`), if there is one, checked like a
/// manifest row without a path.
pub fn sidecar(image: &Path, defaults: Defaults<'_>) -> Result<Option<Overrides>, Vec<RowError>> {
    let mut name = image.as_os_str().to_owned();
    name.push(".json");
    let file = PathBuf::from(name);
    let Ok(text) = std::fs::read_to_string(&file) else {
        return Ok(None);
    };
    let source = file.display().to_string();
    let cells: Cells = match serde_json::from_str(&text) {
        Ok(c) => c,
        Err(e) => {
            return Err(vec![RowError::new(
                &source,
                e.line(),
                "json",
                e.to_string(),
            )]);
        }
    };
    let mut errors = Vec::new();
    if cells.contains_key("path") {
        errors.push(RowError::new(
            &source,
            1,
            "path",
            "a sidecar names its image by its own name",
        ));
    }
    match overrides(&cells, 1, &source, defaults) {
        Ok(o) if errors.is_empty() => Ok(Some(o)),
        Ok(_) => Err(errors),
        Err(more) => {
            errors.extend(more);
            for e in &mut errors {
                e.path = Some(image.display().to_string());
            }
            Err(errors)
        }
    }
}

fn json_rows(text: &str, source: &str) -> (Vec<(usize, Cells)>, Vec<RowError>) {
    let mut rows = Vec::new();
    let mut errors = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<Cells>(line) {
            Ok(cells) => rows.push((i + 1, cells)),
            Err(e) => errors.push(RowError::new(
                source,
                i + 1,
                "json",
                format!("not a JSON object: {e}"),
            )),
        }
    }
    (rows, errors)
}

fn csv_rows(text: &str, source: &str) -> (Vec<(usize, Cells)>, Vec<RowError>) {
    let records = match csv::parse(text) {
        Ok(r) => r,
        Err((line, message)) => {
            return (
                Vec::new(),
                vec![RowError::new(source, line, "csv", message)],
            );
        }
    };
    let mut records = records.into_iter();
    let Some(header) = records.next() else {
        return (
            Vec::new(),
            vec![RowError::new(source, 1, "path", "the manifest is empty")],
        );
    };
    let names: Vec<String> = header
        .fields
        .iter()
        .map(|h| h.trim().to_ascii_lowercase())
        .collect();
    let mut errors = Vec::new();
    if !names.iter().any(|n| n == "path") {
        errors.push(RowError::new(
            source,
            header.line,
            "path",
            "no `path` column",
        ));
    }
    let mut rows = Vec::new();
    for r in records {
        if r.fields.len() > names.len() {
            errors.push(RowError::new(
                source,
                r.line,
                "csv",
                format!("{} cells but {} columns", r.fields.len(), names.len()),
            ));
            continue;
        }
        let cells = names
            .iter()
            .zip(r.fields)
            .filter(|(_, v)| !v.trim().is_empty())
            .map(|(k, v)| (k.clone(), Value::String(v)))
            .collect();
        rows.push((r.line, cells));
    }
    (rows, errors)
}

fn check_row(
    cells: &Cells,
    line: usize,
    source: &str,
    base: &Path,
    defaults: Defaults<'_>,
) -> Result<Row, Vec<RowError>> {
    let mut errors = Vec::new();
    let path = match cells.get("path").map(text) {
        Some(Some(p)) if !p.trim().is_empty() => {
            let p = base.join(p.trim());
            if std::fs::metadata(&p).is_ok_and(|m| m.is_file()) {
                Some(p)
            } else {
                let mut e = RowError::new(
                    source,
                    line,
                    "path",
                    format!("no such file: {}", p.display()),
                );
                e.path = Some(p.display().to_string());
                errors.push(e);
                None
            }
        }
        _ => {
            errors.push(RowError::new(source, line, "path", "required"));
            None
        }
    };
    let overrides = overrides(cells, line, source, defaults);
    match (path, overrides) {
        (Some(path), Ok(overrides)) if errors.is_empty() => Ok(Row {
            line,
            path,
            overrides,
        }),
        (path, overrides) => {
            errors.extend(overrides.err().unwrap_or_default());
            let shown = path.map(|p| p.display().to_string());
            for e in &mut errors {
                e.path = e.path.take().or_else(|| shown.clone());
            }
            Err(errors)
        }
    }
}

/// A cell as text: strings as they are, numbers and booleans as written.
fn text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// Checks every metadata cell of a row, collecting every error.
fn overrides(
    cells: &Cells,
    line: usize,
    source: &str,
    defaults: Defaults<'_>,
) -> Result<Overrides, Vec<RowError>> {
    let mut errors = Vec::new();
    let mut o = Overrides::default();
    let mut fail =
        |field: &str, message: String| errors.push(RowError::new(source, line, field, message));
    let mut currency_cell = None;
    let mut price_cell = None;
    for (key, value) in cells {
        let field = match key.as_str() {
            "license" => "licence",
            "edition_size" => "edition",
            k => k,
        };
        if !COLUMNS.contains(&field) {
            fail(
                field,
                format!("unknown column; expected one of {}", COLUMNS.join(", ")),
            );
            continue;
        }
        if field == "tags" {
            match tags(value) {
                Ok(t) => o.tags = Some(t),
                Err(m) => fail("tags", m),
            }
            continue;
        }
        let Some(raw) = text(value) else {
            fail(field, "must be text".into());
            continue;
        };
        let raw = raw.trim().to_owned();
        match field {
            "path" => {}
            "title" => match Title::parse(&raw) {
                Ok(t) => o.title = Some(t.into_inner()),
                Err(e) => fail(field, e.reason),
            },
            "description" => match Description::parse(&raw) {
                Ok(_) => o.description = Some(raw),
                Err(e) => fail(field, e.reason),
            },
            "category" => match CategorySlug::parse(&raw) {
                Ok(c) => o.category = Some(c.into_inner()),
                Err(e) => fail(field, e.reason),
            },
            "licence" => match Licence::parse(&raw.to_ascii_lowercase()) {
                Ok(l) => o.licence = Some(l.as_str().to_owned()),
                Err(_) => fail(field, format!("{raw:?} is not personal or commercial")),
            },
            "edition" => match raw.parse::<u32>() {
                Ok(n) if (1..=1_000_000).contains(&n) => o.edition = Some(n),
                _ => fail(
                    field,
                    format!("{raw:?} is not a whole number from 1 to 1000000"),
                ),
            },
            "draft" => match raw.to_ascii_lowercase().as_str() {
                "true" | "yes" | "1" => o.draft = Some(true),
                "false" | "no" | "0" => o.draft = Some(false),
                _ => fail(field, format!("{raw:?} is not true or false")),
            },
            "price" => price_cell = Some(raw),
            "currency" => currency_cell = Some(raw),
            _ => {}
        }
    }
    let currency = match &currency_cell {
        Some(code) => match Currency::parse(code) {
            Ok(c) => Some(c),
            Err(_) => {
                fail("currency", format!("unknown currency {code:?}"));
                None
            }
        },
        None => Currency::parse(defaults.currency).ok(),
    };
    // A row's amount is read in its currency; a row's currency alone reprices the flag's amount.
    let amount = price_cell
        .as_deref()
        .or(currency_cell.as_ref().and(defaults.price));
    if let (Some(amount), Some(currency)) = (amount, currency) {
        match Money::parse_decimal(amount, currency) {
            Ok(m) => o.price = Some(Price::from(m)),
            Err(e) => fail("price", format!("{amount:?}: {}", e.reason)),
        }
    } else if currency_cell.is_some() && currency.is_some() {
        fail(
            "price",
            "a currency without a price (give one here or with --price)".into(),
        );
    }
    if errors.is_empty() {
        Ok(o)
    } else {
        Err(errors)
    }
}

/// Tags as a JSON array or as text separated by commas or semicolons.
fn tags(value: &Value) -> Result<Vec<String>, String> {
    let raw: Vec<String> = match value {
        Value::Array(items) => items
            .iter()
            .map(|v| v.as_str().map(str::to_owned).ok_or("each tag must be text"))
            .collect::<Result<_, _>>()?,
        Value::String(s) => s
            .split([',', ';'])
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_owned)
            .collect(),
        _ => return Err("a list of tags, or text separated by commas".into()),
    };
    Tag::parse_list(&raw)
        .map(|tags| tags.into_iter().map(Tag::into_inner).collect())
        .map_err(|e| e.reason)
}

#[cfg(test)]
#[path = "manifest_tests.rs"]
mod tests;
