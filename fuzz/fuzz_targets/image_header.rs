//! The upload header checks: sniffing the type from magic bytes, reading the dimensions the
//! header promises, and the pixel limits. Two halves per input: the raw bytes as an upload
//! (any file a client may send), and a well-formed header of each accepted type built from the
//! input's numbers, whose dimensions must be read back exactly.

#![no_main]

use std::io::Cursor;

use artstation_parsers::image::{Dimensions, HeaderError, ImageKind, check_pixels, dimensions};
use libfuzzer_sys::fuzz_target;

/// The signatures each kind is accepted by, written out again independently of `sniff`.
fn has_magic(kind: ImageKind, data: &[u8]) -> bool {
    match kind {
        ImageKind::Png => data.starts_with(b"\x89PNG\r\n\x1a\n"),
        ImageKind::Jpeg => data.starts_with(&[0xFF, 0xD8, 0xFF]),
        ImageKind::Webp => data.len() >= 12 && data.starts_with(b"RIFF") && &data[8..12] == b"WEBP",
        ImageKind::Gif => data.starts_with(b"GIF87a") || data.starts_with(b"GIF89a"),
    }
}

fn raw_upload(data: &[u8]) {
    // The ingest sniffs the first SNIFF_LEN bytes of a stream, the backfill the first 16 of a
    // stored original: both must agree with the whole file.
    let kind = ImageKind::sniff(data);
    assert_eq!(
        kind,
        ImageKind::sniff(&data[..data.len().min(ImageKind::SNIFF_LEN)])
    );
    assert_eq!(kind, ImageKind::sniff(&data[..data.len().min(16)]));
    for k in ImageKind::ALL {
        assert_eq!(kind == Some(k), has_magic(k, data), "{k:?}");
        assert_eq!(ImageKind::extension_of(k.content_type()), k.extension());
    }

    // Only a sniffed upload has its header read, and only by its own kind's parser.
    for k in ImageKind::ALL {
        let whole = dimensions(k, Cursor::new(data));
        if kind != Some(k) {
            assert_eq!(
                whole,
                Err(HeaderError::Damaged),
                "{k:?} read from a {kind:?}"
            );
            continue;
        }
        let Ok(d) = whole else { continue };
        assert!(d.width > 0 && d.height > 0, "{d:?}");
        // The dimensions come from the bytes given, never from past their end: whenever a
        // prefix already yields dimensions, the whole file yields the same ones.
        for cut in [
            12,
            16,
            24,
            30,
            32,
            data.len() / 2,
            data.len().saturating_sub(1),
        ] {
            if cut < data.len()
                && let Ok(p) = dimensions(k, Cursor::new(&data[..cut]))
            {
                assert_eq!(d, p, "prefix of {cut} bytes");
            }
        }
        limits_agree(u64::from(d.width) * 7, 3, d.width, d.height);
        limits_agree(100_000_000, 64, d.width, d.height);
    }
}

/// `check_pixels` against the arithmetic done in a wider type.
fn limits_agree(max_pixels: u64, min_side: u32, width: u32, height: u32) {
    let fits = u128::from(width) * u128::from(height) <= u128::from(max_pixels)
        && width.min(height) >= min_side;
    assert_eq!(
        check_pixels(max_pixels, min_side, width, height).is_ok(),
        fits
    );
}

/// A minimal header of `kind` promising `width`×`height` (as far as the format can say it).
fn header(kind: ImageKind, width: u32, height: u32) -> (Vec<u8>, Dimensions) {
    let mut h = Vec::new();
    let (w, ht) = match kind {
        ImageKind::Png => {
            h.extend_from_slice(b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR");
            h.extend_from_slice(&width.to_be_bytes());
            h.extend_from_slice(&height.to_be_bytes());
            h.extend_from_slice(&[8, 6, 0, 0, 0]);
            (width, height)
        }
        ImageKind::Gif => {
            let (w, ht) = (width as u16, height as u16);
            h.extend_from_slice(b"GIF89a");
            h.extend_from_slice(&w.to_le_bytes());
            h.extend_from_slice(&ht.to_le_bytes());
            h.extend_from_slice(&[0, 0, 0]);
            (u32::from(w), u32::from(ht))
        }
        ImageKind::Jpeg => {
            let (w, ht) = (width as u16, height as u16);
            // SOI, an APP0 segment to skip, then a baseline SOF0 carrying the size.
            h.extend_from_slice(&[0xFF, 0xD8, 0xFF, 0xE0, 0, 4, 0, 0, 0xFF, 0xC0, 0, 11, 8]);
            h.extend_from_slice(&ht.to_be_bytes());
            h.extend_from_slice(&w.to_be_bytes());
            h.extend_from_slice(&[1, 1, 0x11, 0]);
            (u32::from(w), u32::from(ht))
        }
        ImageKind::Webp => {
            // VP8X stores each side minus one in 24 bits.
            let (w, ht) = (width % (1 << 24), height % (1 << 24));
            let (w, ht) = (w.max(1), ht.max(1));
            h.extend_from_slice(b"RIFF\x16\0\0\0WEBPVP8X\x0a\0\0\0\0\0\0\0");
            h.extend_from_slice(&(w - 1).to_le_bytes()[..3]);
            h.extend_from_slice(&(ht - 1).to_le_bytes()[..3]);
            (w, ht)
        }
    };
    (
        h,
        Dimensions {
            width: w,
            height: ht,
        },
    )
}

fn built_header(data: &[u8]) {
    let Some((head, rest)) = data.split_first_chunk::<9>() else {
        return;
    };
    let kind = ImageKind::ALL[usize::from(head[0] % 4)];
    let width = u32::from_le_bytes([head[1], head[2], head[3], head[4]]);
    let height = u32::from_le_bytes([head[5], head[6], head[7], head[8]]);
    let (mut file, promised) = header(kind, width, height);
    // Whatever follows the header (pixels, trailing junk) changes nothing.
    file.extend_from_slice(rest);
    assert_eq!(ImageKind::sniff(&file), Some(kind));
    let expected = if promised.width == 0 || promised.height == 0 {
        Err(HeaderError::NoDimensions)
    } else {
        Ok(promised)
    };
    assert_eq!(dimensions(kind, Cursor::new(&file)), expected, "{kind:?}");
}

fuzz_target!(|data: &[u8]| {
    raw_upload(data);
    built_header(data);
});
