//! Errors that carry an exit code and a stable machine `code`, so scripts can branch on them.

/// Exit codes of the contract; the gh manual's `exit-codes` page is the model.
pub mod codes {
    pub const OK: u8 = 0;
    pub const ERROR: u8 = 1;
    pub const USAGE: u8 = 2;
    pub const NOT_AUTHENTICATED: u8 = 3;
    pub const NOT_FOUND: u8 = 4;
    pub const PARTIAL_FAILURE: u8 = 5;
}

/// An RFC 9457 problem document as the gateway sends it.
pub use artstation_api::Problem;

#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// The server answered with a problem document (or a bare error status).
    #[error("{0}")]
    Api(Box<Problem>),
    /// No usable credentials, or the server refused them and refreshing did not help.
    #[error("{0}")]
    NotAuthenticated(String),
    /// The invocation is incomplete or contradictory in a way clap cannot see.
    #[error("{0}")]
    Usage(String),
    /// Input refused before it reached the server.
    #[error("{0}")]
    Invalid(String),
    /// The server could not be reached or answered with something unreadable.
    #[error("{message}")]
    Transport { message: String },
    /// Some items of a bulk operation failed; the report was already printed.
    #[error("{failed} of {total} failed")]
    PartialFailure { failed: usize, total: usize },
    /// The credential store could not be used.
    #[error("{0}")]
    Store(String),
    /// A check made by the client failed (a wrong checksum, a bad signature); `code` is its
    /// stable machine code.
    #[error("{message}")]
    Check { code: &'static str, message: String },
}

impl CliError {
    pub fn exit_code(&self) -> u8 {
        match self {
            Self::Api(p) if p.status == 401 => codes::NOT_AUTHENTICATED,
            Self::Api(p) if p.status == 404 => codes::NOT_FOUND,
            Self::Api(_) => codes::ERROR,
            Self::NotAuthenticated(_) => codes::NOT_AUTHENTICATED,
            Self::Usage(_) => codes::USAGE,
            Self::Invalid(_) | Self::Transport { .. } | Self::Store(_) | Self::Check { .. } => {
                codes::ERROR
            }
            Self::PartialFailure { .. } => codes::PARTIAL_FAILURE,
        }
    }

    /// The stable machine code printed in `{"error": {"code"}}`.
    pub fn code(&self) -> String {
        match self {
            Self::Api(p) => p.code.clone(),
            Self::NotAuthenticated(_) => "not_authenticated".into(),
            Self::Usage(_) => "usage".into(),
            Self::Invalid(_) => "validation_failed".into(),
            Self::Transport { .. } => "unavailable".into(),
            Self::PartialFailure { .. } => "partial_failure".into(),
            Self::Store(_) => "credential_store".into(),
            Self::Check { code, .. } => (*code).into(),
        }
    }
}

/// Exit code for any error a command returned; anything unclassified is a plain failure.
pub fn exit_code(err: &anyhow::Error) -> u8 {
    err.downcast_ref::<CliError>()
        .map_or(codes::ERROR, CliError::exit_code)
}

/// Machine code for any error a command returned.
pub fn error_code(err: &anyhow::Error) -> String {
    err.downcast_ref::<CliError>()
        .map_or_else(|| "error".to_owned(), CliError::code)
}

/// The `--json` error document, printed on stderr.
pub fn error_document(err: &anyhow::Error) -> serde_json::Value {
    serde_json::json!({
        "error": {
            "code": error_code(err),
            "message": human_message(err),
        }
    })
}

/// One line for a person: the message with its causes, and the server's code when there is one.
pub fn human_message(err: &anyhow::Error) -> String {
    match err.downcast_ref::<CliError>() {
        Some(CliError::Api(p)) if p.status == 401 && p.code != "invalid_credentials" => {
            format!("{p}; run `artstation login`")
        }
        Some(CliError::Api(p)) => p.to_string(),
        Some(e) => e.to_string(),
        None => format!("{err:#}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem(status: u16, code: &str) -> Problem {
        Problem {
            status,
            code: code.into(),
            detail: Some("boom".into()),
            ..Problem::default()
        }
    }

    #[test]
    fn exit_codes_follow_the_contract() {
        let cases: Vec<(CliError, u8)> = vec![
            (CliError::Api(Box::new(problem(401, "unauthorized"))), 3),
            (CliError::Api(Box::new(problem(404, "not_found"))), 4),
            (CliError::Api(Box::new(problem(403, "forbidden"))), 1),
            (
                CliError::Api(Box::new(problem(422, "validation_failed"))),
                1,
            ),
            (CliError::NotAuthenticated("x".into()), 3),
            (CliError::Usage("x".into()), 2),
            (
                CliError::Transport {
                    message: "x".into(),
                },
                1,
            ),
            (
                CliError::PartialFailure {
                    failed: 1,
                    total: 2,
                },
                5,
            ),
        ];
        for (err, code) in cases {
            assert_eq!(exit_code(&anyhow::Error::new(err)), code);
        }
        assert_eq!(exit_code(&anyhow::anyhow!("plain")), 1);
    }

    #[test]
    fn error_document_carries_the_server_code() {
        let err = anyhow::Error::new(CliError::Api(Box::new(problem(404, "not_found"))));
        let doc = error_document(&err);
        assert_eq!(doc["error"]["code"], "not_found");
        assert_eq!(doc["error"]["message"], "boom (not_found)");
        assert_eq!(doc.as_object().map(|o| o.len()), Some(1));
    }

    #[test]
    fn problem_message_names_the_field() {
        let mut p = problem(422, "validation_failed");
        p.field = Some("price".into());
        assert_eq!(p.message(), "price: boom");
    }
}
