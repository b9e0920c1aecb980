//! What happened to each path of an upload: the per-file lines as they go, the contract's
//! `--json` document (also written by `--report FILE`), and the exit status of the whole run.

use std::path::Path;

use serde::Serialize;

use super::Metadata;
use crate::error::CliError;
use crate::output::Output;

/// The `--json` document of the contract, plus members a bulk run adds: what a dry run would
/// send (`planned`), how many bytes of images were sent (`bytes_sent`; 0 for a run that found
/// everything already uploaded), how many transient failures were retried (`retried`), and
/// how many files were read to hash them (`files_hashed`; the others' fingerprints came from
/// the local cache, so 0 for a re-run of unchanged files).
#[derive(Debug, Default, Serialize, PartialEq, Eq)]
pub struct Report {
    pub uploaded: Vec<Uploaded>,
    pub skipped: Vec<Skipped>,
    pub failed: Vec<Failed>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub planned: Vec<Planned>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bytes_sent: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retried: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub files_hashed: Option<u64>,
}

#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct Uploaded {
    pub path: String,
    pub id: String,
}

#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct Skipped {
    pub path: String,
    pub id: String,
    pub reason: String,
}

#[derive(Debug, Default, Serialize, PartialEq, Eq)]
pub struct Failed {
    pub path: String,
    pub code: String,
    pub message: String,
    /// The manifest (or sidecar) line of a refused row.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// The refused field of a manifest row, or of the server's validation error.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
}

/// A file a dry run would upload, with what it would send.
#[derive(Debug, Serialize, PartialEq)]
pub struct Planned {
    pub path: String,
    pub sha256: String,
    pub size: u64,
    pub metadata: Metadata,
}

impl Eq for Planned {}

impl Report {
    pub fn total(&self) -> usize {
        self.uploaded.len() + self.skipped.len() + self.failed.len() + self.planned.len()
    }

    /// Exit status of the whole run: all failed is an error, some failed is exit 5.
    pub fn outcome(&self) -> Result<(), CliError> {
        let failed = self.failed.len();
        if failed == 0 {
            return Ok(());
        }
        if failed == self.total() {
            let first = &self.failed[0];
            return Err(CliError::Api(Box::new(crate::error::Problem {
                status: 0,
                code: first.code.clone(),
                title: None,
                detail: Some(if failed == 1 {
                    format!("{}: {}", first.path, first.message)
                } else {
                    format!(
                        "all {failed} uploads failed; first, {}: {}",
                        first.path, first.message
                    )
                }),
                ..crate::error::Problem::default()
            })));
        }
        Err(CliError::PartialFailure {
            failed,
            total: self.total(),
        })
    }
}

/// `--report FILE`: the document, whatever `--json` says.
pub fn write_file(report: &Report, path: &Path) -> Result<(), CliError> {
    let text = serde_json::to_string_pretty(report)
        .map_err(|e| CliError::Invalid(format!("report: {e}")))?;
    std::fs::write(path, text + "\n")
        .map_err(|e| CliError::Invalid(format!("cannot write {}: {e}", path.display())))
}

pub(super) fn print_line(out: &Output, plain: &str, pretty: &str) -> anyhow::Result<()> {
    if out.json {
        return Ok(());
    }
    out.line(if out.stdout_tty { pretty } else { plain })
}

pub(super) fn print_failed(out: &Output, f: &Failed) -> anyhow::Result<()> {
    print_line(
        out,
        &format!("failed\t{}\t{}\t{}", f.path, f.code, f.message),
        &format!("✗ {}: {} ({})", f.path, f.message, f.code),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn report_json_has_the_contract_shape() -> anyhow::Result<()> {
        let report = Report {
            uploaded: vec![Uploaded {
                path: "a.png".into(),
                id: "1".into(),
            }],
            skipped: vec![Skipped {
                path: "b.png".into(),
                id: "2".into(),
                reason: "already uploaded".into(),
            }],
            failed: vec![Failed {
                path: "c.png".into(),
                code: "unsupported_media_type".into(),
                message: "no".into(),
                ..Failed::default()
            }],
            ..Report::default()
        };
        assert_eq!(
            serde_json::to_value(&report)?,
            json!({
                "uploaded": [{"path": "a.png", "id": "1"}],
                "skipped": [{"path": "b.png", "id": "2", "reason": "already uploaded"}],
                "failed": [{"path": "c.png", "code": "unsupported_media_type", "message": "no"}],
            })
        );
        assert_eq!(
            serde_json::to_value(Report::default())?,
            json!({"uploaded": [], "skipped": [], "failed": []})
        );
        Ok(())
    }

    #[test]
    fn outcomes_map_to_exit_codes() {
        let ok = Report {
            uploaded: vec![Uploaded {
                path: "a".into(),
                id: "1".into(),
            }],
            ..Report::default()
        };
        assert!(ok.outcome().is_ok());
        let failed = || Failed {
            path: "c".into(),
            code: "conflict".into(),
            message: "m".into(),
            ..Failed::default()
        };
        let partial = Report {
            failed: vec![failed()],
            ..ok
        };
        assert_eq!(partial.outcome().map_err(|e| e.exit_code()), Err(5));
        let all = Report {
            failed: vec![failed(), failed()],
            ..Report::default()
        };
        let err = all.outcome().err();
        assert_eq!(err.as_ref().map(CliError::exit_code), Some(1));
        assert_eq!(err.map(|e| e.code()), Some("conflict".into()));
    }
}
