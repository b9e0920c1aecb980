//! Long end-to-end stories as named steps. Each step runs even when an earlier one failed
//! (unless it needs that one), and the story fails at the end naming every failed step, so
//! one broken feature does not hide the state of the others.

use std::future::Future;

use anyhow::{Result, bail};

/// The record of one story's steps, in the order they ran.
pub struct Story {
    name: String,
    passed: Vec<String>,
    failed: Vec<(String, anyhow::Error)>,
    skipped: Vec<(String, String)>,
}

impl Story {
    pub fn new(name: &str) -> Self {
        Self {
            name: name.to_owned(),
            passed: Vec::new(),
            failed: Vec::new(),
            skipped: Vec::new(),
        }
    }

    /// Runs one step, recording its failure instead of returning it.
    pub async fn step<T>(
        &mut self,
        name: &str,
        step: impl Future<Output = Result<T>>,
    ) -> Option<T> {
        self.after(&[], name, step).await
    }

    /// Runs one step unless a step it needs (by name) failed or was skipped, in which case
    /// it is skipped with a message saying why.
    pub async fn after<T>(
        &mut self,
        needs: &[&str],
        name: &str,
        step: impl Future<Output = Result<T>>,
    ) -> Option<T> {
        if let Some(missing) = needs.iter().find(|n| !self.passed.iter().any(|p| p == *n)) {
            let why = format!("needs `{missing}`, which did not pass");
            eprintln!("{}: step `{name}` skipped: {why}", self.name);
            self.skipped.push((name.to_owned(), why));
            return None;
        }
        self.record(name, step.await)
    }

    /// Runs one synchronous step, recording its failure instead of returning it.
    pub fn step_sync<T>(&mut self, name: &str, step: impl FnOnce() -> Result<T>) -> Option<T> {
        self.record(name, step())
    }

    fn record<T>(&mut self, name: &str, outcome: Result<T>) -> Option<T> {
        match outcome {
            Ok(v) => {
                self.passed.push(name.to_owned());
                Some(v)
            }
            Err(e) => {
                // Printed now too, so the failure shows beside the daemon's own log lines.
                eprintln!("{}: step `{name}` failed: {e:#}", self.name);
                self.failed.push((name.to_owned(), e));
                None
            }
        }
    }

    /// Ok when every step passed; otherwise an error listing each failed and skipped step.
    pub fn finish(self) -> Result<()> {
        if self.failed.is_empty() && self.skipped.is_empty() {
            return Ok(());
        }
        let total = self.passed.len() + self.failed.len() + self.skipped.len();
        let mut report = format!(
            "{}: {} of {total} steps failed, {} skipped",
            self.name,
            self.failed.len(),
            self.skipped.len()
        );
        for (step, e) in &self.failed {
            report.push_str(&format!("\n  failed  `{step}`: {e:#}"));
        }
        for (step, why) in &self.skipped {
            report.push_str(&format!("\n  skipped `{step}`: {why}"));
        }
        bail!(report)
    }
}
