//! Which files an upload takes: folders walked for images, paths deduplicated, and what each
//! file's title and content type default to.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use super::report::Failed;

/// Extensions picked up when walking folders (compared case-insensitively).
pub const IMAGE_EXTENSIONS: [&str; 4] = ["png", "jpg", "jpeg", "webp"];

/// "sunset_over-the-sea.png" → "sunset over the sea".
pub fn title_from_path(path: &Path) -> String {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    stem.replace(['_', '-'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

pub fn content_type(path: &Path) -> &'static str {
    match extension(path).as_deref() {
        Some("png") => "image/png",
        Some("jpg" | "jpeg") => "image/jpeg",
        Some("webp") => "image/webp",
        _ => "application/octet-stream",
    }
}

fn extension(path: &Path) -> Option<String> {
    path.extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
}

fn is_image(path: &Path) -> bool {
    extension(path).is_some_and(|e| IMAGE_EXTENSIONS.contains(&e.as_str()))
}

/// Files named on the command line are taken as they are (the server judges their type);
/// folders are walked for images, in name order, skipping hidden entries and not following
/// symlinked folders (which could loop). A path given twice is uploaded once.
pub fn expand(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<Failed>) {
    let mut files = Vec::new();
    let mut failed = Vec::new();
    let mut seen = HashSet::new();
    for path in paths {
        match std::fs::metadata(path) {
            Ok(m) if m.is_dir() => walk(path, &mut files, &mut failed),
            Ok(_) => files.push(path.clone()),
            Err(e) => failed.push(io_failure(path, &e)),
        }
    }
    files.retain(|f| seen.insert(std::fs::canonicalize(f).unwrap_or_else(|_| f.clone())));
    (files, failed)
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>, failed: &mut Vec<Failed>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => return failed.push(io_failure(dir, &e)),
    };
    let mut entries: Vec<_> = entries.filter_map(Result::ok).collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let path = entry.path();
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            walk(&path, files, failed);
        } else if is_image(&path) && std::fs::metadata(&path).is_ok_and(|m| m.is_file()) {
            files.push(path);
        }
    }
}

fn io_failure(path: &Path, e: &std::io::Error) -> Failed {
    Failed {
        path: path.display().to_string(),
        code: if e.kind() == std::io::ErrorKind::NotFound {
            "not_found".into()
        } else {
            "io_error".into()
        },
        message: e.to_string(),
        ..Failed::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_come_from_file_names() {
        assert_eq!(
            title_from_path(Path::new("/a/sunset_over-the  sea.png")),
            "sunset over the sea"
        );
        assert_eq!(title_from_path(Path::new("x.tar.webp")), "x.tar");
    }

    #[test]
    fn content_types_follow_extensions() {
        assert_eq!(content_type(Path::new("a.PNG")), "image/png");
        assert_eq!(content_type(Path::new("a.jpeg")), "image/jpeg");
        assert_eq!(content_type(Path::new("a.webp")), "image/webp");
        assert_eq!(content_type(Path::new("a.gif")), "application/octet-stream");
    }

    #[test]
    fn expansion_walks_folders_for_images_only() -> anyhow::Result<()> {
        let dir = tempfile::tempdir()?;
        let root = dir.path();
        std::fs::create_dir_all(root.join("sub/deeper"))?;
        std::fs::create_dir_all(root.join(".hidden"))?;
        for f in [
            "b.png",
            "a.JPG",
            "notes.txt",
            "sub/c.webp",
            "sub/deeper/d.jpeg",
            ".hidden/e.png",
            ".f.png",
        ] {
            std::fs::write(root.join(f), b"x")?;
        }
        let explicit = root.join("notes.txt");
        let missing = root.join("missing.png");
        let (files, failed) = expand(&[
            root.to_owned(),
            explicit.clone(),
            missing,
            root.join("b.png"),
        ]);
        let rel: Vec<String> = files
            .iter()
            .map(|f| {
                f.strip_prefix(root)
                    .map_or_else(|_| f.display().to_string(), |p| p.display().to_string())
            })
            .collect();
        assert_eq!(
            rel,
            [
                "a.JPG",
                "b.png",
                "sub/c.webp",
                "sub/deeper/d.jpeg",
                "notes.txt"
            ]
        );
        assert_eq!(failed.len(), 1);
        assert_eq!(failed[0].code, "not_found");
        Ok(())
    }
}
