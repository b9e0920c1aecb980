//! Times the image pipeline (decode, orient, thumbnail + watermarked preview, encode, dHash) on
//! a folder of real images, and `vipsthumbnail` making the same two sizes from the same files in
//! the same run, then reports images/s for both and their ratio.
//!
//! `cargo bench -p artstation-artwork --bench derive -- DIR` (see scripts/bench-ingest).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use artstation_artwork::ImageKind;
use artstation_artwork::imaging::{self, PREVIEW_SIDE, PixelLimits, THUMBNAIL_SIDE};

struct Input {
    path: PathBuf,
    data: Vec<u8>,
    kind: ImageKind,
    pixels: u64,
}

fn load(dir: &Path) -> Result<Vec<Input>, Box<dyn std::error::Error>> {
    let mut inputs = Vec::new();
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .collect();
    paths.sort();
    for path in paths {
        let data = std::fs::read(&path)?;
        let Some(kind) = ImageKind::sniff(&data[..data.len().min(16)]) else {
            continue;
        };
        let size = imagesize::blob_size(&data)?;
        inputs.push(Input {
            path,
            kind,
            pixels: (size.width * size.height) as u64,
            data,
        });
    }
    Ok(inputs)
}

/// Our pipeline over `inputs` with one worker per core, as the service runs concurrent uploads.
fn ours(inputs: &[&Input]) -> Result<Duration, String> {
    let threads = std::thread::available_parallelism().map_or(2, usize::from);
    let next = AtomicUsize::new(0);
    let limits = PixelLimits::default();
    let start = Instant::now();
    std::thread::scope(|s| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                s.spawn(|| -> Result<(), String> {
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(input) = inputs.get(i) else {
                            return Ok(());
                        };
                        imaging::derive(&input.data, input.kind, limits, "benchmark")
                            .map_err(|e| format!("{}: {e}", input.path.display()))?;
                    }
                })
            })
            .collect();
        workers
            .into_iter()
            .try_for_each(|w| w.join().map_err(|_| "worker panicked".to_owned())?)
    })?;
    Ok(start.elapsed())
}

/// `vipsthumbnail` over the same files, once per size (it makes one size per run), metadata
/// stripped, JPEG at the same qualities.
fn vips(inputs: &[&Input], out: &Path) -> Result<Duration, String> {
    let start = Instant::now();
    for (side, suffix, quality) in [(PREVIEW_SIDE, "preview", 82), (THUMBNAIL_SIDE, "thumb", 80)] {
        let status = Command::new("vipsthumbnail")
            .arg("-s")
            .arg(side.to_string())
            .arg("-o")
            .arg(out.join(format!("%s-{suffix}.jpg[Q={quality},strip]")))
            .args(inputs.iter().map(|i| &i.path))
            .status()
            .map_err(|e| format!("cannot run vipsthumbnail: {e}"))?;
        if !status.success() {
            return Err(format!("vipsthumbnail failed: {status}"));
        }
    }
    Ok(start.elapsed())
}

fn label(kind: ImageKind) -> &'static str {
    match kind {
        ImageKind::Png => "PNG",
        ImageKind::Jpeg => "JPEG",
        ImageKind::Webp => "WebP",
        ImageKind::Gif => "GIF",
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::env::args()
        .skip(1)
        .find(|a| !a.starts_with('-'))
        .ok_or("usage: derive CORPUS_DIR")?;
    let inputs = load(Path::new(&dir))?;
    if inputs.is_empty() {
        return Err(format!("no PNG, JPEG, WebP or GIF files in {dir}").into());
    }
    let out = tempfile::tempdir()?;
    let has_vips = Command::new("vipsthumbnail")
        .arg("--version")
        .output()
        .is_ok();
    println!(
        "corpus: {} images, {:.0} MP, in {dir}; {} cores",
        inputs.len(),
        inputs.iter().map(|i| i.pixels).sum::<u64>() as f64 / 1e6,
        std::thread::available_parallelism().map_or(2, usize::from)
    );
    println!(
        "{:<6} {:>6} {:>9} {:>12} {:>12} {:>7}",
        "format", "images", "MP/image", "ours img/s", "vips img/s", "ratio"
    );
    let mut groups: Vec<(&str, Vec<&Input>)> = Vec::new();
    for kind in [
        ImageKind::Jpeg,
        ImageKind::Png,
        ImageKind::Webp,
        ImageKind::Gif,
    ] {
        let group: Vec<&Input> = inputs.iter().filter(|i| i.kind == kind).collect();
        if !group.is_empty() {
            groups.push((label(kind), group));
        }
    }
    groups.push(("all", inputs.iter().collect()));
    // For a look at what the pipeline makes: ARTSTATION_BENCH_OUT=DIR keeps our derivatives.
    if let Some(dir) = std::env::var_os("ARTSTATION_BENCH_OUT") {
        let dir = PathBuf::from(dir);
        std::fs::create_dir_all(&dir)?;
        for input in &inputs {
            let d = imaging::derive(
                &input.data,
                input.kind,
                PixelLimits::default(),
                "ann.artist",
            )?;
            let stem = input.path.file_stem().unwrap_or_default().to_string_lossy();
            std::fs::write(
                dir.join(format!("{stem}-thumbnail.jpg")),
                &d.thumbnail.bytes,
            )?;
            std::fs::write(dir.join(format!("{stem}-preview.jpg")), &d.preview.bytes)?;
        }
    }
    // Warm both up (page cache, lazy initialisation) before timing anything.
    let first = [&inputs[0]];
    ours(&first)?;
    if has_vips {
        vips(&first, out.path())?;
    }
    for (name, group) in groups {
        let n = group.len() as f64;
        let mp = group.iter().map(|i| i.pixels).sum::<u64>() as f64 / 1e6 / n;
        let t_ours = ours(&group)?;
        let ours_rate = n / t_ours.as_secs_f64();
        let (vips_rate, ratio) = if has_vips {
            let t_vips = vips(&group, out.path())?;
            let v = n / t_vips.as_secs_f64();
            (format!("{v:.2}"), format!("{:.2}x", ours_rate / v))
        } else {
            ("-".into(), "-".into())
        };
        println!(
            "{name:<6} {:>6} {mp:>9.1} {ours_rate:>12.2} {vips_rate:>12} {ratio:>7}",
            group.len()
        );
    }
    if !has_vips {
        println!("vipsthumbnail not found (apt-get install libvips-tools); ratio not measured");
    }
    Ok(())
}
