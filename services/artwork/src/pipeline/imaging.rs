//! The image pipeline's second half: decode the verified original (with memory limits, off the
//! async runtime), apply its EXIF orientation, and re-encode two derivatives from the decoded
//! pixels — a thumbnail and a watermarked preview — so no byte of the upload, and none of its
//! metadata (EXIF, GPS, XMP, ICC, trailing data), reaches anyone but its owner. A perceptual
//! hash (dHash) of the picture comes out of the same pass.
//!
//! Everything here is synchronous and CPU-bound; callers run it under a semaphore on a
//! blocking thread.

use std::io::Cursor;

use artstation_common::{ErrorCode, ServiceError};
use fast_image_resize as fr;
use image::{DynamicImage, ImageDecoder as _, ImageFormat};
use sha2::{Digest as _, Sha256};

use super::font;
use super::format::ImageKind;
pub use super::format::PixelLimits;

/// Longest side of a thumbnail.
pub const THUMBNAIL_SIDE: u32 = 400;
/// Longest side of a preview.
pub const PREVIEW_SIDE: u32 = 1600;
/// Derivatives are JPEG: every browser shows it and it is the fastest to encode.
pub const DERIVATIVE_CONTENT_TYPE: &str = "image/jpeg";
const THUMBNAIL_QUALITY: u8 = 80;
const PREVIEW_QUALITY: u8 = 82;

/// One encoded derivative.
#[derive(Debug, Clone)]
pub struct Encoded {
    pub bytes: Vec<u8>,
    pub width: u32,
    pub height: u32,
    pub sha256: String,
}

#[derive(Debug, Clone)]
pub struct Derivatives {
    pub thumbnail: Encoded,
    pub preview: Encoded,
    /// 64-bit difference hash of the picture as displayed (orientation applied).
    pub phash: u64,
}

fn damaged() -> ServiceError {
    ServiceError::new(
        ErrorCode::UnsupportedMediaType,
        "the image data is damaged or incomplete",
    )
}

fn format_of(kind: ImageKind) -> ImageFormat {
    match kind {
        ImageKind::Png => ImageFormat::Png,
        ImageKind::Jpeg => ImageFormat::Jpeg,
        ImageKind::Webp => ImageFormat::WebP,
        ImageKind::Gif => ImageFormat::Gif,
    }
}

/// Whether a JPEG's marker structure runs from SOI to EOI. The decoder is lenient and would
/// fill a truncated scan with grey; an original cut off in transit must be refused instead.
pub fn jpeg_is_complete(data: &[u8]) -> bool {
    if !data.starts_with(&[0xFF, 0xD8]) {
        return false;
    }
    let mut i = 2;
    loop {
        // Markers may be preceded by any number of 0xFF fill bytes.
        while i < data.len() && data[i] == 0xFF && data.get(i + 1) == Some(&0xFF) {
            i += 1;
        }
        let (Some(&0xFF), Some(&marker)) = (data.get(i), data.get(i + 1)) else {
            return false;
        };
        i += 2;
        match marker {
            0xD9 => return true,
            // Standalone markers: no length.
            0x01 | 0xD0..=0xD7 => continue,
            _ => {}
        }
        let Some(len) = data
            .get(i..i + 2)
            .map(|b| usize::from(u16::from_be_bytes([b[0], b[1]])))
        else {
            return false;
        };
        if len < 2 || i + len > data.len() {
            return false;
        }
        i += len;
        if marker == 0xDA {
            // Entropy-coded data: 0xFF is always followed by a stuffed 0x00 or a restart
            // marker, so the next other 0xFF xx is the next segment.
            loop {
                let Some(off) = data[i..].iter().position(|&b| b == 0xFF) else {
                    return false;
                };
                i += off;
                match data.get(i + 1) {
                    None => return false,
                    Some(0x00 | 0xD0..=0xD7) => i += 2,
                    Some(0xFF) => i += 1,
                    Some(_) => break,
                }
            }
        }
    }
}

/// Decodes the original and makes its derivatives. `artist` is written into the preview's
/// watermark.
pub fn derive(
    data: &[u8],
    kind: ImageKind,
    limits: PixelLimits,
    artist: &str,
) -> Result<Derivatives, ServiceError> {
    if kind == ImageKind::Jpeg && !jpeg_is_complete(data) {
        return Err(damaged());
    }
    let mut reader = image::ImageReader::with_format(Cursor::new(data), format_of(kind));
    let mut decode_limits = image::Limits::default();
    let side = u32::try_from(limits.max_pixels.min(u64::from(u32::MAX))).unwrap_or(u32::MAX);
    decode_limits.max_image_width = Some(side);
    decode_limits.max_image_height = Some(side);
    // Room for the widest decoded layout (16-bit RGBA) plus a converted copy.
    decode_limits.max_alloc = Some(limits.max_pixels.saturating_mul(12).max(64 << 20));
    reader.limits(decode_limits);
    let mut decoder = reader.into_decoder().map_err(decode_err)?;
    let (w, h) = decoder.dimensions();
    limits.check(w, h)?;
    // A broken EXIF block is not worth refusing the picture for.
    let orientation = decoder
        .orientation()
        .unwrap_or(image::metadata::Orientation::NoTransforms);
    let mut img = DynamicImage::from_decoder(decoder).map_err(decode_err)?;
    img.apply_orientation(orientation);
    let (width, height) = (img.width(), img.height());
    let rgb = flatten_rgb(img);

    let (pw, ph) = fit(width, height, PREVIEW_SIDE);
    let preview_px = resize(&rgb, (width, height), (pw, ph))?;
    let (tw, th) = fit(pw, ph, THUMBNAIL_SIDE);
    let thumb_px = resize(&preview_px, (pw, ph), (tw, th))?;
    let phash = dhash(&thumb_px, tw, th)?;

    let thumbnail = encode(thumb_px, tw, th, THUMBNAIL_QUALITY)?;
    let mut preview_px = preview_px;
    watermark(&mut preview_px, pw, ph, artist);
    let preview = encode(preview_px, pw, ph, PREVIEW_QUALITY)?;
    Ok(Derivatives {
        thumbnail,
        preview,
        phash,
    })
}

fn decode_err(e: image::ImageError) -> ServiceError {
    match e {
        image::ImageError::Limits(l) => ServiceError::new(
            ErrorCode::PayloadTooLarge,
            format!("the image exceeds the decoding limits: {l}"),
        ),
        image::ImageError::Unsupported(u) => ServiceError::new(
            ErrorCode::UnsupportedMediaType,
            format!("unsupported image variant: {u}"),
        ),
        other => {
            tracing::info!(error = %other, "refusing an image that does not decode");
            damaged()
        }
    }
}

/// 8-bit RGB, transparent pixels composited onto white (JPEG has no alpha).
fn flatten_rgb(img: DynamicImage) -> Vec<u8> {
    match img {
        DynamicImage::ImageRgb8(b) => b.into_raw(),
        other if other.color().has_alpha() => {
            let rgba = other.into_rgba8();
            let mut out = Vec::with_capacity(rgba.len() / 4 * 3);
            for px in rgba.as_raw().chunks_exact(4) {
                let a = u16::from(px[3]);
                for &c in &px[..3] {
                    // c·a + 255·(1−a), rounded.
                    let v = (u16::from(c) * a + 255 * (255 - a) + 127) / 255;
                    out.push(u8::try_from(v).unwrap_or(u8::MAX));
                }
            }
            out
        }
        other => other.into_rgb8().into_raw(),
    }
}

/// The largest size with the same aspect ratio whose longer side is at most `side`; never
/// larger than the input.
pub fn fit(width: u32, height: u32, side: u32) -> (u32, u32) {
    let long = width.max(height);
    if long <= side {
        return (width, height);
    }
    let scale = |v: u32| {
        let scaled = (u64::from(v) * u64::from(side) + u64::from(long) / 2) / u64::from(long);
        u32::try_from(scaled).unwrap_or(side).max(1)
    };
    (scale(width), scale(height))
}

fn resize(src: &[u8], from: (u32, u32), to: (u32, u32)) -> Result<Vec<u8>, ServiceError> {
    if from == to {
        return Ok(src.to_vec());
    }
    let src = fr::images::ImageRef::new(from.0, from.1, src, fr::PixelType::U8x3)
        .map_err(ServiceError::internal)?;
    let mut dst = fr::images::Image::new(to.0, to.1, fr::PixelType::U8x3);
    let options =
        fr::ResizeOptions::new().resize_alg(fr::ResizeAlg::Convolution(fr::FilterType::Lanczos3));
    fr::Resizer::new()
        .resize(&src, &mut dst, &options)
        .map_err(ServiceError::internal)?;
    Ok(dst.into_vec())
}

fn encode(px: Vec<u8>, width: u32, height: u32, quality: u8) -> Result<Encoded, ServiceError> {
    let mut bytes = Vec::with_capacity(px.len() / 8);
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut bytes, quality)
        .encode(&px, width, height, image::ExtendedColorType::Rgb8)
        .map_err(ServiceError::internal)?;
    let sha256 = hex::encode(Sha256::digest(&bytes));
    Ok(Encoded {
        bytes,
        width,
        height,
        sha256,
    })
}

/// dHash: the picture shrunk to 9×8 grey cells; bit i says whether a cell is darker than its
/// right neighbour. Robust to re-encoding, resizing and mild colour changes.
fn dhash(rgb: &[u8], width: u32, height: u32) -> Result<u64, ServiceError> {
    let grey: Vec<u8> = rgb
        .chunks_exact(3)
        .map(|p| {
            let y = 299 * u32::from(p[0]) + 587 * u32::from(p[1]) + 114 * u32::from(p[2]);
            u8::try_from(y / 1000).unwrap_or(u8::MAX)
        })
        .collect();
    let src = fr::images::ImageRef::new(width, height, &grey, fr::PixelType::U8)
        .map_err(ServiceError::internal)?;
    let mut dst = fr::images::Image::new(9, 8, fr::PixelType::U8);
    let options =
        fr::ResizeOptions::new().resize_alg(fr::ResizeAlg::Convolution(fr::FilterType::Box));
    fr::Resizer::new()
        .resize(&src, &mut dst, &options)
        .map_err(ServiceError::internal)?;
    let cells = dst.buffer();
    let mut hash = 0u64;
    for y in 0..8 {
        for x in 0..8 {
            let i = y * 9 + x;
            hash = (hash << 1) | u64::from(cells[i] < cells[i + 1]);
        }
    }
    Ok(hash)
}

/// Blends `color` at `alpha`/255 into a rectangle, clipped to the image.
fn blend_rect(
    px: &mut [u8],
    width: u32,
    height: u32,
    rect: (i64, i64, u32),
    color: u8,
    alpha: u16,
) {
    let (x0, y0, size) = rect;
    let (w, h) = (i64::from(width), i64::from(height));
    let (xs, xe) = (x0.max(0), (x0 + i64::from(size)).min(w));
    let (ys, ye) = (y0.max(0), (y0 + i64::from(size)).min(h));
    for y in ys..ye {
        let row = usize::try_from(y * w).unwrap_or(0);
        for x in xs..xe {
            let i = (row + usize::try_from(x).unwrap_or(0)) * 3;
            for c in &mut px[i..i + 3] {
                let v = (u16::from(*c) * (255 - alpha) + u16::from(color) * alpha + 127) / 255;
                *c = u8::try_from(v).unwrap_or(u8::MAX);
            }
        }
    }
}

fn draw_text(px: &mut [u8], width: u32, height: u32, at: (i64, i64), scale: u32, text: &str) {
    let shadow = i64::from(scale.div_ceil(3).max(1));
    for (pass_offset, color, alpha) in [(shadow, 0u8, 90u16), (0, 255u8, 110u16)] {
        let mut x = at.0;
        for c in text.chars() {
            if let Some(rows) = font::glyph(c) {
                for (ry, row) in rows.iter().enumerate() {
                    for rx in 0..font::WIDTH {
                        if row & (0x10 >> rx) != 0 {
                            let gx = x + i64::from(rx * scale) + pass_offset;
                            let gy = at.1
                                + i64::from(u32::try_from(ry).unwrap_or(0) * scale)
                                + pass_offset;
                            blend_rect(px, width, height, (gx, gy, scale), color, alpha);
                        }
                    }
                }
            }
            x += i64::from(font::ADVANCE * scale);
        }
    }
}

/// The marketplace watermark: "artstation @artist" tiled in staggered rows over the whole
/// preview, translucent white with a dark shadow so it shows on light and dark pictures alike,
/// and cannot be cropped away.
fn watermark(px: &mut [u8], width: u32, height: u32, artist: &str) {
    let text: String = format!("artstation @{artist}")
        .chars()
        .filter(|c| font::glyph(*c).is_some())
        .collect();
    let scale = (width.min(height) / 110).max(2);
    let text_w =
        i64::from(font::ADVANCE * scale) * i64::try_from(text.chars().count()).unwrap_or(0);
    let line_h = i64::from(font::HEIGHT * scale);
    let step_x = text_w + line_h * 3;
    let step_y = line_h * 5;
    let (w, h) = (i64::from(width), i64::from(height));
    let mut y = line_h;
    let mut row = 0i64;
    while y < h {
        let mut x = -((row * step_x / 2) % step_x);
        while x < w {
            draw_text(px, width, height, (x, y), scale, &text);
            x += step_x;
        }
        y += step_y;
        row += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Blocks of colour laid out by relative position: the same picture at any size.
    fn jpeg(w: u32, h: u32) -> Vec<u8> {
        let px: Vec<u8> = (0..w * h)
            .flat_map(|i| {
                let (bx, by) = ((i % w) * 8 / w, (i / w) * 6 / h);
                let v = (bx * 37 + by * 101 + bx * by * 13) % 256;
                [v as u8, (v * 3 % 256) as u8, (255 - v) as u8]
            })
            .collect();
        encode(px, w, h, 90).map(|e| e.bytes).unwrap_or_default()
    }

    #[test]
    fn the_watermark_is_visible_everywhere_but_not_opaque() {
        let (w, h) = (1600u32, 900u32);
        let mut px = vec![0u8; (w * h * 3) as usize];
        watermark(&mut px, w, h, "ann.the-painter_2");
        let lit: Vec<usize> = px
            .chunks_exact(3)
            .enumerate()
            .filter(|(_, p)| p[0] > 60)
            .map(|(i, _)| i)
            .collect();
        let share = lit.len() as f64 / f64::from(w * h);
        assert!((0.02..0.4).contains(&share), "covers {share:.3}");
        assert!(px.iter().all(|&v| v < 200), "translucent, not opaque");
        // Every horizontal band of the picture carries some of it: cropping cannot remove it.
        for band in 0..4 {
            let rows = (band * h as usize / 4)..((band + 1) * h as usize / 4);
            assert!(
                lit.iter().any(|i| rows.contains(&(i / w as usize))),
                "band {band}"
            );
        }
    }

    #[test]
    fn fitting_keeps_the_aspect_ratio_and_never_upscales() {
        assert_eq!(fit(5120, 2880, 1600), (1600, 900));
        assert_eq!(fit(2880, 5120, 400), (225, 400));
        assert_eq!(fit(300, 200, 400), (300, 200));
        assert_eq!(fit(100_000, 1, 400), (400, 1));
    }

    #[test]
    fn truncated_jpegs_are_refused() -> Result<(), ServiceError> {
        let whole = jpeg(200, 150);
        assert!(jpeg_is_complete(&whole));
        let mut with_trailer = whole.clone();
        with_trailer.extend_from_slice(b"PK\x03\x04 trailing zip");
        assert!(jpeg_is_complete(&with_trailer));
        for cut in [whole.len() - 2, whole.len() / 2, 200, 3] {
            assert!(!jpeg_is_complete(&whole[..cut]), "cut at {cut}");
            let r = derive(
                &whole[..cut],
                ImageKind::Jpeg,
                PixelLimits::default(),
                "ann",
            );
            assert_eq!(
                r.map(|_| ()).map_err(|e| e.code),
                Err(ErrorCode::UnsupportedMediaType)
            );
        }
        let d = derive(&whole, ImageKind::Jpeg, PixelLimits::default(), "ann")?;
        assert_eq!((d.thumbnail.width, d.thumbnail.height), (200, 150));
        Ok(())
    }

    #[test]
    fn derivatives_are_resized_reencoded_and_hash_alike() -> Result<(), ServiceError> {
        let big = jpeg(2000, 1000);
        let d = derive(&big, ImageKind::Jpeg, PixelLimits::default(), "ann")?;
        assert_eq!((d.preview.width, d.preview.height), (1600, 800));
        assert_eq!((d.thumbnail.width, d.thumbnail.height), (400, 200));
        assert!(d.preview.bytes.starts_with(&[0xFF, 0xD8, 0xFF]));
        assert_ne!(d.preview.sha256, d.thumbnail.sha256);
        // The same picture at another size hashes (nearly) the same.
        let small = jpeg(1000, 500);
        let s = derive(&small, ImageKind::Jpeg, PixelLimits::default(), "bob")?;
        assert!(
            (d.phash ^ s.phash).count_ones() <= 6,
            "{:x} vs {:x}",
            d.phash,
            s.phash
        );
        Ok(())
    }

    #[test]
    fn exif_and_trailing_bytes_never_reach_a_derivative() -> Result<(), ServiceError> {
        let plain = jpeg(300, 200);
        // An APP1 segment with a GPS-looking payload right after SOI, and a ZIP after EOI.
        let payload = b"Exif\0\0GPSLatitude 48.8584 secret";
        let mut tagged = plain[..2].to_vec();
        tagged.extend_from_slice(&[0xFF, 0xE1]);
        tagged.extend_from_slice(&u16::try_from(payload.len() + 2).unwrap_or(0).to_be_bytes());
        tagged.extend_from_slice(payload);
        tagged.extend_from_slice(&plain[2..]);
        tagged.extend_from_slice(b"PK\x03\x04<html><script>alert(1)</script>");
        let d = derive(&tagged, ImageKind::Jpeg, PixelLimits::default(), "ann")?;
        for out in [&d.thumbnail.bytes, &d.preview.bytes] {
            for needle in [&b"GPS"[..], b"Exif", b"PK\x03\x04", b"<script"] {
                assert!(!out.windows(needle.len()).any(|w| w == needle));
            }
        }
        Ok(())
    }
}
