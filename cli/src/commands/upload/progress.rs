//! The progress display of a bulk upload (indicatif's MultiProgress): one overall bar (files,
//! bytes, rate, ETA) and one bar per worker for the file it sends. Drawn on stderr only when it
//! is a terminal and neither `--json` nor `-q` was given; otherwise every bar is hidden and
//! costs nothing.

use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

use indicatif::{MultiProgress, ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::output::Output;

const REDRAWS_PER_SECOND: u8 = 10;

pub struct Progress {
    multi: MultiProgress,
    overall: ProgressBar,
    files_total: AtomicUsize,
    files_done: AtomicUsize,
    shown: bool,
}

fn style(template: &str) -> ProgressStyle {
    ProgressStyle::with_template(template)
        .map(|s| s.progress_chars("=> "))
        .unwrap_or_else(|_| ProgressStyle::default_bar())
}

impl Progress {
    pub fn new(out: &Output) -> Self {
        let shown = out.stderr_tty && !out.json && !out.quiet;
        let multi = if shown {
            // Ten redraws a second read as smooth; indicatif's default of twenty redraws every
            // bar twice as often, on the tasks that send the files.
            MultiProgress::with_draw_target(ProgressDrawTarget::stderr_with_hz(REDRAWS_PER_SECOND))
        } else {
            MultiProgress::with_draw_target(ProgressDrawTarget::hidden())
        };
        // Shown from the first `start`: an empty bar would read as a finished one.
        let overall = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::hidden());
        overall.set_style(style(
            "{prefix:>8} [{bar:30}] {bytes}/{total_bytes} {bytes_per_sec} ETA {eta} {msg}",
        ));
        overall.set_prefix("total");
        Self {
            multi,
            overall,
            files_total: AtomicUsize::new(0),
            files_done: AtomicUsize::new(0),
            shown,
        }
    }

    /// A bar counting files being hashed.
    pub fn hashing(&self, files: usize) -> ProgressBar {
        let bar = self.multi.add(ProgressBar::new(files as u64));
        bar.set_style(style("{prefix:>8} [{bar:30}] {pos}/{len} files {per_sec}"));
        bar.set_prefix("hashing");
        bar
    }

    /// Starts counting a run of `files` files of `bytes` bytes in all.
    pub fn start(&self, files: usize, bytes: u64) {
        self.overall.inc_length(bytes);
        if self.files_total.fetch_add(files, Ordering::Relaxed) == 0 && files > 0 {
            self.multi.insert(0, self.overall.clone());
        }
        self.overall.set_message(self.files_message());
    }

    fn files_message(&self) -> String {
        format!(
            "{}/{} files",
            self.files_done.load(Ordering::Relaxed),
            self.files_total.load(Ordering::Relaxed)
        )
    }

    /// A bar for worker `n`.
    pub fn worker(&self, n: usize) -> ProgressBar {
        let bar = self.multi.add(ProgressBar::new(0));
        bar.set_style(style(
            "{prefix:>8} [{bar:30}] {bytes}/{total_bytes} {bytes_per_sec} {eta} {wide_msg}",
        ));
        bar.set_prefix(format!("#{n}"));
        bar
    }

    pub fn overall(&self) -> &ProgressBar {
        &self.overall
    }

    pub fn file_done(&self) {
        self.files_done.fetch_add(1, Ordering::Relaxed);
        self.overall.set_message(self.files_message());
    }

    /// Runs `f` (which prints) with the bars out of the way.
    pub fn suspend<R>(&self, f: impl FnOnce() -> R) -> R {
        if self.shown {
            self.multi.suspend(f)
        } else {
            f()
        }
    }

    pub fn finish(&self) {
        self.overall.finish_and_clear();
        let _ = self.multi.clear();
    }
}

/// The file name a worker bar shows.
pub fn label(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_are_hidden_when_piped_with_json_or_quiet() {
        for (tty, json, quiet) in [
            (false, false, false),
            (true, true, false),
            (true, false, true),
        ] {
            let p = Progress::new(&Output {
                json,
                quiet,
                stdout_tty: tty,
                stderr_tty: tty,
            });
            p.start(1, 10);
            assert!(p.overall().is_hidden(), "{tty} {json} {quiet}");
            assert!(p.worker(1).is_hidden());
            assert!(p.hashing(1).is_hidden());
        }
    }
}
