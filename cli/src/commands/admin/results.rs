//! The per-id report of a bulk command: `{"results": [{"id", "ok": true, ...} | {"id", "ok":
//! false, "error": {"code", "message"}}]}` on stdout with `--json`, the failures on stderr for
//! people, and exit 5 when any id failed.

use serde_json::{Value, json};

use crate::error::CliError;
use crate::output::Output;

/// One id's result, `key` naming what a success carries (`user`, `dismissed`...). Errors that
/// would fail every other id the same way (not signed in, not an admin, server unreachable)
/// stop the whole command instead.
pub fn record(id: &str, key: &str, result: Result<Value, CliError>) -> Result<Value, CliError> {
    match result {
        Ok(value) => Ok(json!({ "id": id, "ok": true, key: value })),
        Err(e) if is_fatal(&e) => Err(e),
        Err(e) => Ok(failure(id, &e)),
    }
}

fn is_fatal(e: &CliError) -> bool {
    match e {
        CliError::Api(p) => matches!(p.status, 401 | 403),
        CliError::NotAuthenticated(_) | CliError::Transport { .. } | CliError::Store(_) => true,
        _ => false,
    }
}

/// The result document of an id that failed.
pub fn failure(id: &str, e: &CliError) -> Value {
    let message = match e {
        CliError::Api(p) => p.message(),
        other => other.to_string(),
    };
    json!({ "id": id, "ok": false, "error": { "code": e.code(), "message": message } })
}

/// Whether a result document says the id succeeded.
pub fn ok(result: &Value) -> bool {
    result["ok"].as_bool() == Some(true)
}

/// Prints the results (`rows` turns each success into a table row for people) and fails with
/// exit 5 when any id failed, after every failure was named on stderr.
pub fn report(
    out: &Output,
    results: &[Value],
    headers: &[&str],
    rows: impl Fn(&Value) -> Vec<String>,
    done: &str,
) -> anyhow::Result<()> {
    let failed: Vec<&Value> = results.iter().filter(|r| !ok(r)).collect();
    if out.json {
        out.json(&json!({ "results": results }))?;
    } else {
        let done_rows: Vec<Vec<String>> = results.iter().filter(|r| ok(r)).map(rows).collect();
        if !done_rows.is_empty() {
            out.table(headers, &done_rows)?;
        }
        for f in &failed {
            eprintln!("{}", failure_line(f));
        }
        out.note(format!(
            "{done} {} of {}",
            results.len() - failed.len(),
            results.len()
        ));
    }
    if failed.is_empty() {
        Ok(())
    } else {
        Err(CliError::PartialFailure {
            failed: failed.len(),
            total: results.len(),
        }
        .into())
    }
}

/// "error: ID: message (code)", as every other error line of the CLI.
pub fn failure_line(result: &Value) -> String {
    let id = result["id"].as_str().unwrap_or("?");
    let code = result["error"]["code"].as_str().unwrap_or("error");
    let message = result["error"]["message"].as_str().unwrap_or("failed");
    format!("error: {id}: {message} ({code})")
}

#[cfg(test)]
mod tests {
    use super::*;
    use artstation_api::Problem;

    fn api(status: u16, code: &str) -> CliError {
        CliError::Api(Box::new(Problem {
            status,
            code: code.into(),
            detail: Some("nope".into()),
            ..Problem::default()
        }))
    }

    #[test]
    fn failures_of_one_id_are_recorded_and_others_stop_everything() {
        let missing = record("a1", "user", Err(api(404, "not_found")));
        assert_eq!(
            missing.ok(),
            Some(
                json!({"id": "a1", "ok": false, "error": {"code": "not_found", "message": "nope"}})
            )
        );
        assert!(record("a1", "user", Err(api(403, "forbidden"))).is_err());
        assert!(record("a1", "user", Err(CliError::NotAuthenticated("x".into()))).is_err());
        let done = record("u1", "user", Ok(json!({"id": "u1"})));
        assert_eq!(
            done.ok(),
            Some(json!({"id": "u1", "ok": true, "user": {"id": "u1"}}))
        );
    }

    #[test]
    fn failure_lines_name_the_id_and_code() {
        let f = failure("a9", &api(409, "conflict"));
        assert_eq!(failure_line(&f), "error: a9: nope (conflict)");
        assert!(!ok(&f));
    }
}
