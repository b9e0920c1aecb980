//! Images for tests, made here so every test says exactly what it feeds the pipeline: pictures
//! with structure (so perceptual hashes mean something), EXIF-tagged JPEGs, and the classic bad
//! inputs (truncated files, decompression bombs, polyglots).

use image::codecs::jpeg::JpegEncoder;
use image::{ExtendedColorType, ImageEncoder as _, RgbImage};

/// A picture of coloured blocks laid out by relative position, so the same `seed` at another
/// size is the same picture (as a re-upload at another resolution would be).
pub fn pattern(w: u32, h: u32, seed: u64) -> RgbImage {
    let cell = |cx: u64, cy: u64| {
        let mut x = seed
            .wrapping_mul(0x9E37_79B9_7F4A_7C15)
            .wrapping_add(cx * 31 + cy * 131 + 7);
        x ^= x >> 29;
        x = x.wrapping_mul(0xBF58_476D_1CE4_E5B9);
        x ^= x >> 32;
        x
    };
    RgbImage::from_fn(w, h, |x, y| {
        let (cx, cy) = (
            u64::from(x) * 12 / u64::from(w),
            u64::from(y) * 9 / u64::from(h),
        );
        let v = cell(cx, cy);
        image::Rgb([
            (v & 0xFF) as u8,
            ((v >> 8) & 0xFF) as u8,
            ((v >> 16) & 0xFF) as u8,
        ])
    })
}

pub fn jpeg_of(img: &RgbImage, quality: u8) -> Vec<u8> {
    let mut out = Vec::new();
    // Writing into a Vec cannot fail for a valid RGB buffer.
    let _ = JpegEncoder::new_with_quality(&mut out, quality).write_image(
        img.as_raw(),
        img.width(),
        img.height(),
        ExtendedColorType::Rgb8,
    );
    out
}

pub fn png_of(img: &RgbImage) -> Vec<u8> {
    let mut out = Vec::new();
    let _ = image::codecs::png::PngEncoder::new(&mut out).write_image(
        img.as_raw(),
        img.width(),
        img.height(),
        ExtendedColorType::Rgb8,
    );
    out
}

pub fn pattern_jpeg(w: u32, h: u32, seed: u64) -> Vec<u8> {
    jpeg_of(&pattern(w, h, seed), 90)
}

pub fn pattern_png(w: u32, h: u32, seed: u64) -> Vec<u8> {
    png_of(&pattern(w, h, seed))
}

/// Inserts an EXIF APP1 segment after SOI: orientation `orientation` (6 = rotate 90° clockwise
/// to display) and a GPS-looking string, as phone cameras write them.
pub fn with_exif(jpeg: &[u8], orientation: u16) -> Vec<u8> {
    let mut tiff = b"MM\0*\0\0\0\x08".to_vec();
    tiff.extend_from_slice(&1u16.to_be_bytes());
    tiff.extend_from_slice(&0x0112u16.to_be_bytes());
    tiff.extend_from_slice(&3u16.to_be_bytes());
    tiff.extend_from_slice(&1u32.to_be_bytes());
    tiff.extend_from_slice(&orientation.to_be_bytes());
    tiff.extend_from_slice(&[0, 0]);
    tiff.extend_from_slice(&0u32.to_be_bytes());
    tiff.extend_from_slice(b"GPSLatitude 48.858370 N GPSLongitude 2.294481 E");
    let mut app1 = b"Exif\0\0".to_vec();
    app1.extend_from_slice(&tiff);
    let mut out = jpeg[..2].to_vec();
    out.extend_from_slice(&[0xFF, 0xE1]);
    out.extend_from_slice(&u16::try_from(app1.len() + 2).unwrap_or(0).to_be_bytes());
    out.extend_from_slice(&app1);
    out.extend_from_slice(&jpeg[2..]);
    out
}

/// A tiny PNG whose header claims `w`×`h` pixels: a decompression bomb's calling card.
pub fn png_bomb(w: u32, h: u32) -> Vec<u8> {
    let mut png = crate::png(64, 64, 9);
    // IHDR's width and height sit right after the signature, chunk length and type; the CRC
    // is recomputed so only the size check can refuse it.
    png[16..20].copy_from_slice(&w.to_be_bytes());
    png[20..24].copy_from_slice(&h.to_be_bytes());
    let crc = crc32(&png[12..29]);
    png[29..33].copy_from_slice(&crc.to_be_bytes());
    png
}

fn crc32(data: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// Whether `needle` occurs in `hay`.
pub fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}
