//! Fingerprints of the files to upload: SHA-256 of each, computed on blocking threads, as many
//! at once as there are cores, so a batch is hashed at disk speed before anything is sent. A
//! file unchanged since a former run takes its hash from the local cache (`hash_cache`) and is
//! not read at all.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use futures::StreamExt;
use sha2::{Digest, Sha256};

use super::hash_cache::{HashCache, Known, Stamp, default_file};
use super::report::Failed;

/// A file as it was when hashed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hashed {
    pub path: PathBuf,
    /// Lower-case hex.
    pub sha256: String,
    pub size: u64,
    /// What the cache keys it by, and the stamp its hash holds for (`None`: not to be
    /// remembered, as it changed while read or too recently).
    pub canonical: PathBuf,
    pub stamp: Option<Stamp>,
    /// Whether its bytes were read this run (false: the hash came from the cache).
    pub read: bool,
}

/// SHA-256 of one file (known by `canonical`), read in 1 MiB blocks.
fn hash_file(path: &Path, canonical: PathBuf, started: SystemTime) -> std::io::Result<Hashed> {
    let mut file = std::fs::File::open(path)?;
    let before = Stamp::of(&file.metadata()?);
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 1 << 20];
    let mut size = 0u64;
    loop {
        let n = file.read(&mut buf)?;
        if n == 0 {
            break;
        }
        size += n as u64;
        hasher.update(&buf[..n]);
    }
    let after = Stamp::of(&file.metadata()?);
    // Written while read, or so recently that a same-size rewrite could keep these times.
    let stable = before == after && size == after.size && !after.racy_at(started);
    Ok(Hashed {
        path: path.to_owned(),
        sha256: hex::encode(hasher.finalize()),
        size,
        canonical,
        stamp: stable.then_some(after),
        read: true,
    })
}

/// The hash of `path` from `known` if the file is unchanged since, else read afresh.
fn hash_or_recall(path: &Path, known: &Known) -> std::io::Result<Hashed> {
    let canonical = std::fs::canonicalize(path)?;
    let stamp = Stamp::of(&std::fs::metadata(&canonical)?);
    match known.get(&canonical, &stamp) {
        Some(sha256) => Ok(Hashed {
            path: path.to_owned(),
            sha256,
            size: stamp.size,
            canonical,
            stamp: Some(stamp),
            read: false,
        }),
        None => hash_file(path, canonical, known.now()),
    }
}

/// [`hash_all`] with the user's cache (see `hash_cache::default_file`), written back at once
/// so even a run cut short later leaves it warm. A cache that cannot be written costs only
/// speed.
pub async fn hash_with_cache(
    files: Vec<PathBuf>,
    tick: impl FnMut(),
) -> (Vec<Hashed>, Vec<Failed>) {
    let mut cache = default_file().map_or_else(HashCache::disabled, HashCache::open);
    let result = hash_all(files, &mut cache, tick).await;
    if let Err(e) = cache.save(cache.known().now()) {
        tracing::debug!(error = %e, "cannot write the upload hash cache");
    }
    result
}

/// Hashes `files` in parallel, keeping their order, taking what `cache` knows and teaching it
/// the rest; `tick` is called once per file done. A file that cannot be read is a failure of
/// its own and the rest go on.
pub async fn hash_all(
    files: Vec<PathBuf>,
    cache: &mut HashCache,
    mut tick: impl FnMut(),
) -> (Vec<Hashed>, Vec<Failed>) {
    let parallel = std::thread::available_parallelism().map_or(2, |n| n.get());
    let known = cache.known();
    let mut results = futures::stream::iter(files)
        .map(|path| {
            let known = known.clone();
            async move {
                let p = path.clone();
                let joined = tokio::task::spawn_blocking(move || hash_or_recall(&p, &known)).await;
                (path, joined)
            }
        })
        .buffered(parallel);
    let mut hashed = Vec::new();
    let mut failed = Vec::new();
    while let Some((path, joined)) = results.next().await {
        tick();
        match joined {
            Ok(Ok(h)) => {
                cache.record(h.canonical.clone(), h.stamp, &h.sha256);
                hashed.push(h);
            }
            Ok(Err(e)) => failed.push(Failed {
                path: path.display().to_string(),
                code: if e.kind() == std::io::ErrorKind::NotFound {
                    "not_found".into()
                } else {
                    "io_error".into()
                },
                message: format!("cannot read: {e}"),
                ..Failed::default()
            }),
            Err(e) => failed.push(Failed {
                path: path.display().to_string(),
                code: "io_error".into(),
                message: format!("hashing stopped: {e}"),
                ..Failed::default()
            }),
        }
    }
    (hashed, failed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn hashes_match_sha256_and_unreadable_files_fail_alone() -> anyhow::Result<()> {
        let dir = tempfile::tempdir()?;
        let a = dir.path().join("a.png");
        std::fs::write(&a, b"abc")?;
        let missing = dir.path().join("missing.png");
        let mut ticks = 0;
        let (hashed, failed) =
            hash_all(vec![a.clone(), missing], &mut HashCache::disabled(), || {
                ticks += 1
            })
            .await;
        assert_eq!(ticks, 2);
        assert_eq!(hashed.len(), 1);
        assert_eq!(
            hashed[0].sha256,
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(hashed[0].size, 3);
        assert_eq!(failed.len(), 1);
        assert_eq!(failed[0].code, "not_found");
        Ok(())
    }
}
