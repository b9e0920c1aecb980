//! Fingerprints of the files to upload: SHA-256 of each, computed on blocking threads, as many
//! at once as there are cores, so a batch is hashed at disk speed before anything is sent.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use futures::StreamExt;
use sha2::{Digest, Sha256};

use super::report::Failed;

/// A file as it was when hashed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hashed {
    pub path: PathBuf,
    /// Lower-case hex.
    pub sha256: String,
    pub size: u64,
    pub modified: Option<SystemTime>,
}

/// SHA-256 of one file, read in 1 MiB blocks.
pub fn hash_file(path: &Path) -> std::io::Result<Hashed> {
    let mut file = std::fs::File::open(path)?;
    let meta = file.metadata()?;
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
    Ok(Hashed {
        path: path.to_owned(),
        sha256: hex::encode(hasher.finalize()),
        size,
        modified: meta.modified().ok(),
    })
}

/// Hashes `files` in parallel, keeping their order; `tick` is called once per file done. A
/// file that cannot be read is a failure of its own and the rest go on.
pub async fn hash_all(files: Vec<PathBuf>, mut tick: impl FnMut()) -> (Vec<Hashed>, Vec<Failed>) {
    let parallel = std::thread::available_parallelism().map_or(2, |n| n.get());
    let mut results = futures::stream::iter(files)
        .map(|path| async move {
            let p = path.clone();
            let joined = tokio::task::spawn_blocking(move || hash_file(&p)).await;
            (path, joined)
        })
        .buffered(parallel);
    let mut hashed = Vec::new();
    let mut failed = Vec::new();
    while let Some((path, joined)) = results.next().await {
        tick();
        match joined {
            Ok(Ok(h)) => hashed.push(h),
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
        let (hashed, failed) = hash_all(vec![a.clone(), missing], || ticks += 1).await;
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
