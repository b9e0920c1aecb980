//! What an accepted image is, decided before any pixel is decoded: its type from the magic
//! bytes (never the name), and whether its header's dimensions fit the pixel limits. Both the
//! ingest and the decoder depend on this; it depends on neither. The byte parsing itself is
//! `artstation_parsers::image`, kept there so it can be fuzzed alone; this adds the errors.

use artstation_common::{ErrorCode, ServiceError};

pub use artstation_parsers::image::{Dimensions, ImageKind};
use artstation_parsers::image::{HeaderError, LimitError};

/// Reads the dimensions a staged upload's `kind` header promises, on a blocking thread: a file
/// the header parser cannot make sense of is an unsupported type, not a server error.
pub async fn read_dimensions(
    kind: ImageKind,
    path: std::path::PathBuf,
) -> Result<Dimensions, ServiceError> {
    tokio::task::spawn_blocking(move || artstation_parsers::image::dimensions_of_file(kind, &path))
        .await
        .map_err(ServiceError::internal)?
        .map_err(|e: HeaderError| ServiceError::new(ErrorCode::UnsupportedMediaType, e.to_string()))
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
        artstation_parsers::image::check_pixels(self.max_pixels, self.min_side, width, height)
            .map_err(|e| match e {
                LimitError::TooManyPixels { .. } => {
                    ServiceError::new(ErrorCode::PayloadTooLarge, e.to_string())
                }
                LimitError::TooNarrow { .. } => ServiceError::validation("file", e.to_string()),
            })
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
