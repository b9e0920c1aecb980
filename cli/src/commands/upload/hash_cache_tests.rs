use std::time::{Duration, SystemTime};

use super::super::hash::{Hashed, hash_all};
use super::*;
use sha2::{Digest, Sha256};

/// Judges files from 10 s on, so ones written by the test are past the racy window.
fn later() -> SystemTime {
    SystemTime::now() + Duration::from_secs(10)
}

fn an_hour_ago() -> SystemTime {
    SystemTime::now() - Duration::from_secs(3600)
}

/// One run: open the cache, hash `files`, save; what each file's hash was and whether read.
async fn run(cache_file: &Path, files: &[PathBuf]) -> Vec<Hashed> {
    let mut cache = HashCache::open(cache_file.to_owned()).with_clock(later);
    let (hashed, failed) = hash_all(files.to_vec(), &mut cache, || {}).await;
    assert!(failed.is_empty(), "{failed:?}");
    cache.save(later()).expect("the cache is written");
    hashed
}

fn reads(hashed: &[Hashed]) -> usize {
    hashed.iter().filter(|h| h.read).count()
}

fn write_at(path: &Path, bytes: &[u8], modified: SystemTime) -> std::io::Result<()> {
    std::fs::write(path, bytes)?;
    std::fs::File::options()
        .write(true)
        .open(path)?
        .set_modified(modified)
}

#[tokio::test]
async fn an_unchanged_file_is_not_read_again_and_keeps_its_hash() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let cache = dir.path().join("cache/upload-hashes.jsonl");
    let files: Vec<PathBuf> = (0..5)
        .map(|i| dir.path().join(format!("{i}.png")))
        .collect();
    for (i, f) in files.iter().enumerate() {
        write_at(f, format!("image {i}").as_bytes(), an_hour_ago())?;
    }
    let first = run(&cache, &files).await;
    assert_eq!(reads(&first), 5);
    let again = run(&cache, &files).await;
    assert_eq!(reads(&again), 0, "a re-run read files: {again:?}");
    for (a, b) in first.iter().zip(&again) {
        assert_eq!((&a.path, &a.sha256, a.size), (&b.path, &b.sha256, b.size));
    }
    // Through another path to the same file (a symlink): the same entry.
    #[cfg(unix)]
    {
        let link = dir.path().join("link.png");
        std::os::unix::fs::symlink(&files[0], &link)?;
        let via = run(&cache, &[link]).await;
        assert_eq!(reads(&via), 0);
        assert_eq!(via[0].sha256, first[0].sha256);
    }
    Ok(())
}

#[tokio::test]
async fn any_change_is_hashed_again() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let cache = dir.path().join("upload-hashes.jsonl");
    let f = dir.path().join("a.png");
    let t = an_hour_ago();
    write_at(&f, b"aaaa", t)?;
    let first = run(&cache, std::slice::from_ref(&f)).await;

    // The same size and the very same modification time (to the ns), as a rewrite within
    // one timestamp tick would leave: only the change time tells, and it does.
    std::thread::sleep(Duration::from_millis(50));
    write_at(&f, b"bbbb", t)?;
    let rewritten = run(&cache, std::slice::from_ref(&f)).await;
    assert_eq!(reads(&rewritten), 1);
    assert_ne!(rewritten[0].sha256, first[0].sha256);
    assert_eq!(rewritten[0].sha256, hex::encode(Sha256::digest(b"bbbb")));

    // Another size.
    write_at(&f, b"bbbbb", t)?;
    let grown = run(&cache, std::slice::from_ref(&f)).await;
    assert_eq!(reads(&grown), 1);
    assert_eq!(grown[0].sha256, hex::encode(Sha256::digest(b"bbbbb")));

    // Replaced by another file moved over it (another inode), same bytes and times.
    let other = dir.path().join("other.png");
    write_at(&other, b"ccccc", t)?;
    std::fs::rename(&other, &f)?;
    let replaced = run(&cache, std::slice::from_ref(&f)).await;
    assert_eq!(reads(&replaced), 1);
    assert_eq!(replaced[0].sha256, hex::encode(Sha256::digest(b"ccccc")));

    // Unchanged since: remembered again.
    assert_eq!(reads(&run(&cache, &[f]).await), 0);
    Ok(())
}

#[tokio::test]
async fn a_file_changed_moments_ago_is_not_remembered() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let file = dir.path().join("upload-hashes.jsonl");
    let f = dir.path().join("a.png");
    std::fs::write(&f, b"aaaa")?;
    for _ in 0..2 {
        // The real clock: the file's times are within the racy window of now.
        let mut cache = HashCache::open(file.clone());
        let (hashed, _) = hash_all(vec![f.clone()], &mut cache, || {}).await;
        assert!(hashed[0].read && hashed[0].stamp.is_none(), "{hashed:?}");
        cache.save(SystemTime::now())?;
    }
    // A same-size rewrite with the same mtime right after is then read, not recalled.
    let t = std::fs::metadata(&f)?.modified()?;
    write_at(&f, b"bbbb", t)?;
    let mut cache = HashCache::open(file.clone());
    let (hashed, _) = hash_all(vec![f.clone()], &mut cache, || {}).await;
    assert_eq!(hashed[0].sha256, hex::encode(Sha256::digest(b"bbbb")));

    // Remembered stamps are also judged against the time the cache is written.
    let mut cache = HashCache::open(file.clone()).with_clock(later);
    hash_all(vec![f.clone()], &mut cache, || {}).await;
    cache.save(SystemTime::now())?;
    assert!(read(&file).is_empty());
    cache.save(later())?;
    assert_eq!(read(&file).len(), 1);
    Ok(())
}

#[tokio::test]
async fn a_corrupt_cache_is_ignored_and_rebuilt() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let cache = dir.path().join("upload-hashes.jsonl");
    let files: Vec<PathBuf> = (0..3)
        .map(|i| dir.path().join(format!("{i}.png")))
        .collect();
    for (i, f) in files.iter().enumerate() {
        write_at(f, format!("image {i}").as_bytes(), an_hour_ago())?;
    }
    for garbage in [&b"\x00\xff not json at all"[..], b"", b"{\"version\":99}\n"] {
        std::fs::write(&cache, garbage)?;
        assert_eq!(reads(&run(&cache, &files).await), 3);
        assert_eq!(reads(&run(&cache, &files).await), 0, "not rebuilt");
    }

    // A torn last line, an edited line and a hash that is not one: only those are misses.
    let text = std::fs::read_to_string(&cache)?;
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    assert_eq!(lines.len(), 4);
    let (bad_hash, torn) = (1, 3);
    let mut forged: serde_json::Value = serde_json::from_str(&lines[bad_hash])?;
    forged["sha256"] = "not-a-hash".into();
    lines[bad_hash] = forged.to_string();
    lines[2] = lines[2].replace("\"size\"", "\"sighs\"");
    let half = lines[torn].len() / 2;
    lines[torn].truncate(half);
    std::fs::write(&cache, lines.join("\n"))?;
    assert!(
        read(&cache).is_empty(),
        "no line is trusted: {:?}",
        read(&cache)
    );
    let again = run(&cache, &files).await;
    assert_eq!(reads(&again), 3);
    assert_eq!(reads(&run(&cache, &files).await), 0);
    Ok(())
}

#[tokio::test]
async fn runs_writing_at_once_keep_each_others_entries() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let file = dir.path().join("upload-hashes.jsonl");
    let (a, b) = (dir.path().join("a.png"), dir.path().join("b.png"));
    write_at(&a, b"a", an_hour_ago())?;
    write_at(&b, b"b", an_hour_ago())?;
    let mut one = HashCache::open(file.clone()).with_clock(later);
    let mut two = HashCache::open(file.clone()).with_clock(later);
    hash_all(vec![a.clone()], &mut one, || {}).await;
    hash_all(vec![b.clone()], &mut two, || {}).await;
    one.save(later())?;
    two.save(later())?;
    assert_eq!(reads(&run(&file, &[a, b]).await), 0);
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())?
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&file)?.permissions().mode() & 0o777,
            0o600
        );
    }
    Ok(())
}

#[test]
fn old_entries_go_and_the_newest_are_kept() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let file = dir.path().join("upload-hashes.jsonl");
    let now = SystemTime::now();
    let now_secs = unix_ns(now) / 1_000_000_000;
    let age = i64::try_from(MAX_AGE.as_secs())?;
    let stamp = Stamp {
        size: 1,
        mtime_ns: 1,
        ctime_ns: 1,
        ino: 1,
        dev: 1,
    };
    let mut text = format!("{HEADER}\n");
    for (name, seen) in [
        ("/stale", now_secs - age - 1),
        ("/old", now_secs - age + 10),
        ("/mid", now_secs - 100),
        ("/new", now_secs - 1),
    ] {
        let line = Line {
            path: name.into(),
            stamp,
            sha256: "ab".repeat(32),
            seen,
        };
        text.push_str(&serde_json::to_string(&line)?);
        text.push('\n');
    }
    std::fs::write(&file, text)?;
    let cache = HashCache::open(file.clone());
    cache.save(now)?;
    let mut kept: Vec<PathBuf> = read(&file).into_keys().collect();
    kept.sort();
    assert_eq!(kept, [PathBuf::from("/mid"), "/new".into(), "/old".into()]);
    cache.save_bounded(now, 2)?;
    let mut kept: Vec<PathBuf> = read(&file).into_keys().collect();
    kept.sort();
    assert_eq!(kept, [PathBuf::from("/mid"), "/new".into()]);
    Ok(())
}
