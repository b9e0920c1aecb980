//! Just enough RFC 4180 for manifests: comma-separated fields, double-quoted fields that may
//! hold commas, doubled quotes and line breaks, CRLF or LF line ends. Each record keeps the line
//! it starts on, so errors can name it.

/// One record and the (1-based) line it starts on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    pub line: usize,
    pub fields: Vec<String>,
}

/// The records of `text`; blank lines are skipped. An unterminated quote is an error naming the
/// line where the field began.
pub fn parse(text: &str) -> Result<Vec<Record>, (usize, String)> {
    let mut records = Vec::new();
    let mut fields = Vec::new();
    let mut field = String::new();
    let mut line = 1;
    let mut start = 1;
    let mut in_quotes = false;
    let mut quote_line = 0;
    let mut touched = false;
    let mut chars = text.trim_start_matches('\u{feff}').chars().peekable();
    while let Some(c) = chars.next() {
        if in_quotes {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => in_quotes = false,
                '\n' => {
                    line += 1;
                    field.push('\n');
                }
                c => field.push(c),
            }
            continue;
        }
        match c {
            '"' if field.is_empty() => {
                in_quotes = true;
                quote_line = line;
                touched = true;
            }
            ',' => {
                fields.push(std::mem::take(&mut field));
                touched = true;
            }
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' => {
                if touched || !field.is_empty() {
                    fields.push(std::mem::take(&mut field));
                    records.push(Record {
                        line: start,
                        fields: std::mem::take(&mut fields),
                    });
                }
                touched = false;
                line += 1;
                start = line;
            }
            c => {
                field.push(c);
                touched = true;
            }
        }
    }
    if in_quotes {
        return Err((quote_line, "a quoted field is never closed".into()));
    }
    if touched || !field.is_empty() {
        fields.push(field);
        records.push(Record {
            line: start,
            fields,
        });
    }
    Ok(records)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(line: usize, fields: &[&str]) -> Record {
        Record {
            line,
            fields: fields.iter().map(|f| (*f).to_owned()).collect(),
        }
    }

    #[test]
    fn quoted_fields_keep_commas_quotes_and_newlines() {
        let text = "path,title\r\na.png,\"Sun, \"\"bright\"\"\"\n\nb.png,\"two\nlines\"\nc.png,\n";
        assert_eq!(
            parse(text),
            Ok(vec![
                rec(1, &["path", "title"]),
                rec(2, &["a.png", "Sun, \"bright\""]),
                rec(4, &["b.png", "two\nlines"]),
                rec(6, &["c.png", ""]),
            ])
        );
        assert_eq!(parse("x\ny"), Ok(vec![rec(1, &["x"]), rec(2, &["y"])]));
    }

    #[test]
    fn an_open_quote_names_its_line() {
        assert_eq!(parse("path\n\"a.png\nb").map_err(|e| e.0), Err(2));
    }
}
