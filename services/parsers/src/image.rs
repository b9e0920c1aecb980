//! What an uploaded image is, decided before any pixel is decoded: its type from the magic
//! bytes (never the name), the dimensions its header promises, and whether those fit the pixel
//! limits. A decompression bomb is a tiny file whose header promises billions of pixels, so
//! the header alone decides.

use std::io::{BufRead, BufReader, Seek, SeekFrom};
use std::path::Path;

/// Image types accepted, decided from magic bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageKind {
    Png,
    Jpeg,
    Webp,
    Gif,
}

impl ImageKind {
    /// Bytes needed to tell the kinds apart.
    pub const SNIFF_LEN: usize = 12;

    pub const ALL: [Self; 4] = [Self::Png, Self::Jpeg, Self::Webp, Self::Gif];

    pub fn sniff(head: &[u8]) -> Option<Self> {
        if head.starts_with(b"\x89PNG\r\n\x1a\n") {
            Some(Self::Png)
        } else if head.starts_with(&[0xFF, 0xD8, 0xFF]) {
            Some(Self::Jpeg)
        } else if head.len() >= 12 && &head[..4] == b"RIFF" && &head[8..12] == b"WEBP" {
            Some(Self::Webp)
        } else if head.starts_with(b"GIF87a") || head.starts_with(b"GIF89a") {
            Some(Self::Gif)
        } else {
            None
        }
    }

    pub fn content_type(self) -> &'static str {
        match self {
            Self::Png => "image/png",
            Self::Jpeg => "image/jpeg",
            Self::Webp => "image/webp",
            Self::Gif => "image/gif",
        }
    }

    /// The file extension for a stored content type (`bin` for one this service never stores).
    pub fn extension_of(content_type: &str) -> &'static str {
        Self::ALL
            .into_iter()
            .find(|k| k.content_type() == content_type)
            .map_or("bin", Self::extension)
    }

    pub fn extension(self) -> &'static str {
        match self {
            Self::Png => "png",
            Self::Jpeg => "jpg",
            Self::Webp => "webp",
            Self::Gif => "gif",
        }
    }
}

/// The size an image's header promises, both sides at least 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dimensions {
    pub width: u32,
    pub height: u32,
}

/// Why a header gave no usable dimensions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum HeaderError {
    #[error("the image header is damaged or incomplete")]
    Damaged,
    #[error("the image has no valid dimensions")]
    NoDimensions,
}

/// Reads the dimensions from the `kind` header at the start of `reader`, reading no more of it
/// than the header needs. The header must sniff as `kind`, and the parser is that kind's:
/// another format's parser never gets to read a file accepted as this one.
pub fn dimensions<R: BufRead + Seek>(
    kind: ImageKind,
    mut reader: R,
) -> Result<Dimensions, HeaderError> {
    let mut head = [0u8; ImageKind::SNIFF_LEN];
    let mut got = 0;
    while got < head.len() {
        match reader.read(&mut head[got..]) {
            Ok(0) => break,
            Ok(n) => got += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(_) => return Err(HeaderError::Damaged),
        }
    }
    if ImageKind::sniff(&head[..got]) != Some(kind) {
        return Err(HeaderError::Damaged);
    }
    reader
        .seek(SeekFrom::Start(0))
        .map_err(|_| HeaderError::Damaged)?;
    let found = imagesize::reader_type(&mut reader).map_err(|_| HeaderError::Damaged)?;
    let expected = match kind {
        ImageKind::Png => imagesize::ImageType::Png,
        ImageKind::Jpeg => imagesize::ImageType::Jpeg,
        ImageKind::Webp => imagesize::ImageType::Webp,
        ImageKind::Gif => imagesize::ImageType::Gif,
    };
    if found != expected {
        return Err(HeaderError::Damaged);
    }
    // `reader_type` left the reader just past the bytes it sniffed, where `reader_size`
    // expects it.
    let size = found
        .reader_size(&mut reader)
        .map_err(|_| HeaderError::Damaged)?;
    let side = |v: usize| u32::try_from(v).ok().filter(|v| *v > 0);
    match (side(size.width), side(size.height)) {
        (Some(width), Some(height)) => Ok(Dimensions { width, height }),
        _ => Err(HeaderError::NoDimensions),
    }
}

/// [`dimensions`] of a staged file; one that cannot be read counts as damaged.
pub fn dimensions_of_file(kind: ImageKind, path: &Path) -> Result<Dimensions, HeaderError> {
    let file = std::fs::File::open(path).map_err(|_| HeaderError::Damaged)?;
    dimensions(kind, BufReader::new(file))
}

/// Why dimensions fall outside the pixel limits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum LimitError {
    #[error("the image has {width}×{height} = {pixels} pixels; the limit is {max_pixels}")]
    TooManyPixels {
        width: u32,
        height: u32,
        pixels: u64,
        max_pixels: u64,
    },
    #[error("the image is {width}×{height}; its shorter side must be at least {min_side} pixels")]
    TooNarrow {
        width: u32,
        height: u32,
        min_side: u32,
    },
}

/// Refuses `width`×`height` when it has more than `max_pixels` pixels or a side shorter than
/// `min_side`. The product is taken in 64 bits, where two 32-bit sides cannot overflow.
pub fn check_pixels(
    max_pixels: u64,
    min_side: u32,
    width: u32,
    height: u32,
) -> Result<(), LimitError> {
    let pixels = u64::from(width) * u64::from(height);
    if pixels > max_pixels {
        return Err(LimitError::TooManyPixels {
            width,
            height,
            pixels,
            max_pixels,
        });
    }
    if width.min(height) < min_side {
        return Err(LimitError::TooNarrow {
            width,
            height,
            min_side,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::io::Cursor;

    use super::*;

    #[test]
    fn sniffing_uses_magic_bytes() {
        assert_eq!(
            ImageKind::sniff(b"\x89PNG\r\n\x1a\n\0\0\0\0"),
            Some(ImageKind::Png)
        );
        assert_eq!(
            ImageKind::sniff(&[0xFF, 0xD8, 0xFF, 0xE0]),
            Some(ImageKind::Jpeg)
        );
        assert_eq!(
            ImageKind::sniff(b"RIFF\0\0\0\0WEBPVP8 "),
            Some(ImageKind::Webp)
        );
        assert_eq!(
            ImageKind::sniff(b"GIF89a\x01\0\x01\0\0\0"),
            Some(ImageKind::Gif)
        );
        assert_eq!(ImageKind::sniff(b"<svg xmlns="), None);
        assert_eq!(ImageKind::sniff(b"<html><body>"), None);
        assert_eq!(ImageKind::extension_of("image/webp"), "webp");
        assert_eq!(ImageKind::extension_of("text/html"), "bin");
    }

    #[test]
    fn dimensions_come_from_the_header() {
        let mut gif = b"GIF89a".to_vec();
        gif.extend_from_slice(&[0x40, 0x01, 0xF0, 0x00, 0, 0, 0, 0]);
        assert_eq!(
            dimensions(ImageKind::Gif, Cursor::new(&gif)),
            Ok(Dimensions {
                width: 320,
                height: 240
            })
        );
        // Read as another kind than it is, a header is damaged.
        assert_eq!(
            dimensions(ImageKind::Png, Cursor::new(&gif)),
            Err(HeaderError::Damaged)
        );
        let mut zero = b"GIF89a".to_vec();
        zero.extend_from_slice(&[0, 0, 0xF0, 0x00, 0, 0, 0, 0]);
        assert_eq!(
            dimensions(ImageKind::Gif, Cursor::new(&zero)),
            Err(HeaderError::NoDimensions)
        );
        assert_eq!(
            dimensions(ImageKind::Png, Cursor::new(b"\x89PNG\r\n\x1a\n")),
            Err(HeaderError::Damaged)
        );
        assert_eq!(
            dimensions_of_file(ImageKind::Png, Path::new("/nonexistent/upload")),
            Err(HeaderError::Damaged)
        );
    }

    #[test]
    fn limits_refuse_bombs_and_slivers() {
        assert!(matches!(
            check_pixels(100_000_000, 64, 100_000, 100_000),
            Err(LimitError::TooManyPixels { .. })
        ));
        assert!(matches!(
            check_pixels(100_000_000, 64, 63, 4000),
            Err(LimitError::TooNarrow { .. })
        ));
        assert_eq!(check_pixels(u64::MAX, 1, u32::MAX, u32::MAX), Ok(()));
        assert_eq!(check_pixels(100_000_000, 64, 64, 64), Ok(()));
    }
}
