//! What an accepted image is, decided before any pixel is decoded: its type from the magic
//! bytes (never the name), and whether its header's dimensions fit the pixel limits. Both the
//! ingest and the decoder depend on this; it depends on neither.

use artstation_common::{ErrorCode, ServiceError};

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
    pub(crate) const SNIFF_LEN: usize = 12;

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
        [Self::Png, Self::Jpeg, Self::Webp, Self::Gif]
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

/// Limits checked on the header before any pixel is decoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PixelLimits {
    pub max_pixels: u64,
    pub min_side: u32,
}

impl PixelLimits {
    pub const DEFAULT_MAX_PIXELS: u64 = 100_000_000;
    pub const DEFAULT_MIN_SIDE: u32 = 64;
}

impl Default for PixelLimits {
    fn default() -> Self {
        Self {
            max_pixels: Self::DEFAULT_MAX_PIXELS,
            min_side: Self::DEFAULT_MIN_SIDE,
        }
    }
}

impl PixelLimits {
    /// Refuses dimensions outside the limits: a decompression bomb is a tiny file whose header
    /// promises billions of pixels, so the header alone decides.
    pub fn check(&self, width: u32, height: u32) -> Result<(), ServiceError> {
        let pixels = u64::from(width) * u64::from(height);
        if pixels > self.max_pixels {
            return Err(ServiceError::new(
                ErrorCode::PayloadTooLarge,
                format!(
                    "the image has {width}×{height} = {pixels} pixels; the limit is {}",
                    self.max_pixels
                ),
            ));
        }
        if width.min(height) < self.min_side {
            return Err(ServiceError::validation(
                "file",
                format!(
                    "the image is {width}×{height}; its shorter side must be at least {} pixels",
                    self.min_side
                ),
            ));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
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
        assert_eq!(ImageKind::sniff(b"<svg xmlns="), None);
        assert_eq!(
            ImageKind::sniff(b"GIF89a\x01\0\x01\0\0\0"),
            Some(ImageKind::Gif)
        );
        assert_eq!(ImageKind::sniff(b"<html><body>"), None);
    }

    #[test]
    fn limits_refuse_bombs_and_slivers() {
        let l = PixelLimits::default();
        assert_eq!(
            l.check(100_000, 100_000).map_err(|e| e.code),
            Err(ErrorCode::PayloadTooLarge)
        );
        assert_eq!(
            l.check(63, 4000).map_err(|e| e.code),
            Err(ErrorCode::ValidationFailed)
        );
        assert!(l.check(64, 64).is_ok());
        assert!(l.check(10_000, 10_000).is_ok());
    }
}
