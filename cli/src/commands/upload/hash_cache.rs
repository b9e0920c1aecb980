//! The local cache of file fingerprints, so a re-run of an upload does not read every image
//! again: each file's SHA-256 is remembered by its canonical path with its size, modification
//! and change times (ns) and inode, and reused only when all of them still match — the way
//! git's index, restic and rclone's hasher avoid re-reading unchanged files.
//!
//! A file whose times fall within [`RACY`] of the cache being written is not remembered: a
//! rewrite of the same size inside one timestamp tick would otherwise keep its stamp and its
//! stale hash ("racy git"). Anything wrong with the file (missing, corrupt, another version) is
//! a miss: the cache is rebuilt, never trusted half-read. It is replaced whole (a temporary file
//! renamed over it), merged with what another run may have written meanwhile, and bounded: an
//! entry not seen for [`MAX_AGE`] goes, and at most [`MAX_ENTRIES`] of the most recently seen
//! are kept.

use std::collections::{HashMap, HashSet};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use crate::credentials::CONFIG_DIR_ENV;

/// How close to the cache's write a file's times may be and still be remembered.
pub const RACY: Duration = Duration::from_secs(2);
/// An entry not seen by any run for this long is dropped.
pub const MAX_AGE: Duration = Duration::from_secs(90 * 24 * 3600);
/// Entries kept at most (about 200 bytes each).
pub const MAX_ENTRIES: usize = 100_000;

const FILE_NAME: &str = "upload-hashes.jsonl";
const HEADER: &str = r#"{"artstation_upload_hashes":1}"#;

/// What must be unchanged for a remembered hash to stand.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    pub size: u64,
    pub mtime_ns: i64,
    pub ctime_ns: i64,
    pub ino: u64,
    pub dev: u64,
}

impl Stamp {
    #[cfg(unix)]
    pub fn of(meta: &std::fs::Metadata) -> Self {
        use std::os::unix::fs::MetadataExt;
        let ns = |secs: i64, nsec: i64| secs.saturating_mul(1_000_000_000).saturating_add(nsec);
        Self {
            size: meta.size(),
            mtime_ns: ns(meta.mtime(), meta.mtime_nsec()),
            ctime_ns: ns(meta.ctime(), meta.ctime_nsec()),
            ino: meta.ino(),
            dev: meta.dev(),
        }
    }

    // Elsewhere only the size and modification time are portable; the racy rule still holds.
    #[cfg(not(unix))]
    pub fn of(meta: &std::fs::Metadata) -> Self {
        let mtime_ns = meta.modified().map_or(0, unix_ns);
        Self {
            size: meta.len(),
            mtime_ns,
            ctime_ns: mtime_ns,
            ino: 0,
            dev: 0,
        }
    }

    /// Changed within `RACY` before `t` (or later: a clock ahead of ours), so a same-size
    /// rewrite could still come with these very times.
    pub fn racy_at(&self, t: SystemTime) -> bool {
        self.is_racy(unix_ns(t))
    }

    fn is_racy(&self, now_ns: i64) -> bool {
        let limit = now_ns.saturating_sub(i64::try_from(RACY.as_nanos()).unwrap_or(i64::MAX));
        self.mtime_ns >= limit || self.ctime_ns >= limit
    }
}

fn unix_ns(t: SystemTime) -> i64 {
    match t.duration_since(UNIX_EPOCH) {
        Ok(d) => i64::try_from(d.as_nanos()).unwrap_or(i64::MAX),
        Err(e) => -i64::try_from(e.duration().as_nanos()).unwrap_or(i64::MAX),
    }
}

/// One remembered file: a line of the cache.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Line {
    path: String,
    #[serde(flatten)]
    stamp: Stamp,
    sha256: String,
    /// Unix seconds of the last run that saw the file.
    seen: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Entry {
    stamp: Stamp,
    sha256: String,
    seen: i64,
}

/// The remembered hashes, shared read-only with the hashing threads, and the clock their
/// stamps are judged by.
#[derive(Debug, Clone)]
pub struct Known {
    entries: Arc<HashMap<PathBuf, Entry>>,
    clock: fn() -> SystemTime,
}

impl Default for Known {
    fn default() -> Self {
        Self {
            entries: Arc::default(),
            clock: SystemTime::now,
        }
    }
}

impl Known {
    /// The remembered SHA-256 of `canonical` if its stamp is still `stamp`.
    pub fn get(&self, canonical: &Path, stamp: &Stamp) -> Option<String> {
        self.entries
            .get(canonical)
            .filter(|e| e.stamp == *stamp)
            .map(|e| e.sha256.clone())
    }

    pub fn now(&self) -> SystemTime {
        (self.clock)()
    }
}

/// The cache of one run: what was loaded, and what this run learnt.
#[derive(Debug, Default)]
pub struct HashCache {
    file: Option<PathBuf>,
    known: Known,
    learnt: HashMap<PathBuf, Entry>,
    forgotten: HashSet<PathBuf>,
}

/// `$ARTSTATION_CONFIG_DIR/upload-hashes.jsonl` when that is set (a CLI home of its own, as
/// tests and scripts give), else the platform's cache folder (`$XDG_CACHE_HOME` or
/// `~/.cache` on Linux) `/artstation/upload-hashes.jsonl`.
pub fn default_file() -> Option<PathBuf> {
    match std::env::var_os(CONFIG_DIR_ENV) {
        Some(dir) if !dir.is_empty() => Some(PathBuf::from(dir).join(FILE_NAME)),
        _ => dirs::cache_dir().map(|d| d.join("artstation").join(FILE_NAME)),
    }
}

impl HashCache {
    /// No cache: every file is read.
    pub fn disabled() -> Self {
        Self::default()
    }

    /// The cache at `file`; a missing or unreadable one is empty.
    pub fn open(file: PathBuf) -> Self {
        let entries = read(&file);
        Self {
            file: Some(file),
            known: Known {
                entries: Arc::new(entries),
                clock: SystemTime::now,
            },
            ..Self::default()
        }
    }

    /// The same with another clock (tests: a file written just now, judged from later).
    #[cfg(test)]
    pub fn with_clock(mut self, clock: fn() -> SystemTime) -> Self {
        self.known.clock = clock;
        self
    }

    pub fn known(&self) -> Known {
        self.known.clone()
    }

    /// A file hashed or found this run, with the stamp it had (`None`: it changed while being
    /// read, so nothing is remembered of it).
    pub fn record(&mut self, canonical: PathBuf, stamp: Option<Stamp>, sha256: &str) {
        match stamp {
            Some(stamp) => {
                self.forgotten.remove(&canonical);
                self.learnt.insert(
                    canonical,
                    Entry {
                        stamp,
                        sha256: sha256.to_owned(),
                        seen: 0,
                    },
                );
            }
            None => {
                self.learnt.remove(&canonical);
                self.forgotten.insert(canonical);
            }
        }
    }

    /// Writes the cache as of `now`: what is on disk (another run may have added to it), then
    /// what was loaded, then what this run learnt, minus racy, stale and surplus entries.
    pub fn save(&self, now: SystemTime) -> std::io::Result<()> {
        self.save_bounded(now, MAX_ENTRIES)
    }

    fn save_bounded(&self, now: SystemTime, max_entries: usize) -> std::io::Result<()> {
        let Some(file) = &self.file else {
            return Ok(());
        };
        let now_ns = unix_ns(now);
        let now_secs = now_ns.div_euclid(1_000_000_000);
        let mut all = read(file);
        for (path, entry) in self.known.entries.iter() {
            let newer = all.get(path).is_some_and(|e| e.seen > entry.seen);
            if !newer {
                all.insert(path.clone(), entry.clone());
            }
        }
        for path in &self.forgotten {
            all.remove(path);
        }
        for (path, entry) in &self.learnt {
            if entry.stamp.is_racy(now_ns) {
                all.remove(path);
            } else {
                let seen = now_secs;
                all.insert(
                    path.clone(),
                    Entry {
                        seen,
                        ..entry.clone()
                    },
                );
            }
        }
        let max_age = i64::try_from(MAX_AGE.as_secs()).unwrap_or(i64::MAX);
        let mut lines: Vec<Line> = all
            .into_iter()
            .filter(|(_, e)| now_secs.saturating_sub(e.seen) <= max_age)
            .filter_map(|(path, e)| {
                Some(Line {
                    path: path.to_str()?.to_owned(),
                    stamp: e.stamp,
                    sha256: e.sha256,
                    seen: e.seen,
                })
            })
            .collect();
        lines.sort_by(|a, b| b.seen.cmp(&a.seen).then_with(|| a.path.cmp(&b.path)));
        lines.truncate(max_entries);
        write_atomically(file, &lines)
    }
}

/// The entries of `file`; anything unreadable counts as absent.
fn read(file: &Path) -> HashMap<PathBuf, Entry> {
    let mut entries = HashMap::new();
    let Ok(f) = std::fs::File::open(file) else {
        return entries;
    };
    let mut lines = BufReader::new(f).lines();
    match lines.next() {
        Some(Ok(first)) if first == HEADER => {}
        _ => {
            tracing::debug!(file = %file.display(), "upload hash cache unreadable; rebuilding it");
            return entries;
        }
    }
    for line in lines {
        let Ok(line) = line else { break };
        // A torn or edited line is one miss, not a wrong hash.
        let Ok(l) = serde_json::from_str::<Line>(&line) else {
            continue;
        };
        if l.sha256.len() == 64
            && l.sha256
                .bytes()
                .all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
        {
            entries.insert(
                PathBuf::from(l.path),
                Entry {
                    stamp: l.stamp,
                    sha256: l.sha256,
                    seen: l.seen,
                },
            );
        }
    }
    entries
}

fn write_atomically(file: &Path, lines: &[Line]) -> std::io::Result<()> {
    let dir = file.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let name = file
        .file_name()
        .map_or_else(|| FILE_NAME.into(), |n| n.to_string_lossy().into_owned());
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let written = (|| {
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create(true).truncate(true);
        // The paths of an artist's files are theirs alone.
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let mut out = std::io::BufWriter::new(options.open(&tmp)?);
        writeln!(out, "{HEADER}")?;
        for line in lines {
            serde_json::to_writer(&mut out, line)?;
            out.write_all(b"\n")?;
        }
        out.into_inner().map_err(|e| e.into_error())?;
        std::fs::rename(&tmp, file)
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    written
}

#[cfg(test)]
#[path = "hash_cache_tests.rs"]
mod tests;
