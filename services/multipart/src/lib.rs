//! An upload's multipart body read with bounded memory, whatever the client sends.
//!
//! Two things bound it. [`paced`] wraps the body so the parser cannot run ahead of the reader:
//! multer buffers everything it is given while it looks for the end of a part's headers or
//! the first boundary, so without it a body of endless header bytes is held whole. And
//! [`read_upload`] is the gateway's part loop: the `metadata` part read into at most
//! [`Bounds::max_metadata`] bytes, the `file` part handed on in pieces of about
//! [`Bounds::chunk`] bytes, unknown parts drained, a repeated part refused.

mod pace;
mod upload;

pub use pace::{BoxError, Paced, Progress, TooFarAhead, paced};
pub use upload::{Bounds, ReadError, Sink, Summary, read_upload};

#[cfg(test)]
mod tests {
    use std::convert::Infallible;

    use bytes::Bytes;
    use futures_util::stream;

    use super::*;

    /// Keeps what it is given.
    #[derive(Default)]
    struct Keep {
        metadata: Vec<u8>,
        file: Vec<u8>,
    }

    impl Sink for Keep {
        type Error = Infallible;
        async fn metadata(&mut self, bytes: Vec<u8>) -> Result<bool, Infallible> {
            self.metadata = bytes;
            Ok(true)
        }
        async fn file(&mut self, piece: &[u8]) -> Result<bool, Infallible> {
            self.file.extend_from_slice(piece);
            Ok(true)
        }
    }

    const BOUNDS: Bounds = Bounds {
        max_metadata: 64,
        chunk: 8,
    };

    async fn read(
        pieces: Vec<Vec<u8>>,
        max_ahead: u64,
    ) -> (Result<Summary, ReadError<Infallible>>, Keep) {
        let body = stream::iter(
            pieces
                .into_iter()
                .map(|p| Ok::<_, Infallible>(Bytes::from(p))),
        );
        let (body, progress) = paced(body, max_ahead);
        let mut multipart = multer::Multipart::new(body, "B");
        let mut keep = Keep::default();
        let got = read_upload(&mut multipart, &progress, BOUNDS, &mut keep).await;
        (got, keep)
    }

    fn part(name: &str, data: &[u8]) -> Vec<u8> {
        let mut p =
            format!("--B\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n").into_bytes();
        p.extend_from_slice(data);
        p.extend_from_slice(b"\r\n");
        p
    }

    #[tokio::test]
    async fn parts_arrive_whole_in_either_order() {
        let file = b"0123456789abcdefghijklmnopqrstuvwxyz".to_vec();
        let mut body = part("file", &file);
        body.extend(part("extra", b"ignored"));
        body.extend(part("metadata", b"{\"title\":\"t\"}"));
        body.extend_from_slice(b"--B--\r\n");
        let pieces = body.chunks(5).map(<[u8]>::to_vec).collect();
        let (got, keep) = read(pieces, 1024).await;
        let sum = got.ok();
        assert_eq!(
            sum.map(|s| (s.metadata, s.file_bytes)),
            Some((true, Some(36)))
        );
        assert!(sum.is_some_and(|s| s.peak_held < BOUNDS.chunk + 5 + 64));
        assert_eq!(keep.file, file);
        assert_eq!(keep.metadata, b"{\"title\":\"t\"}");

        let mut twice = part("metadata", b"{}");
        twice.extend(part("metadata", b"{}"));
        let (got, _) = read(vec![twice], 1024).await;
        assert!(matches!(got, Err(ReadError::Repeated { part: "metadata" })));

        let mut big = part("metadata", &[b' '; 65]);
        big.extend_from_slice(b"--B--\r\n");
        let (got, _) = read(vec![big], 1024).await;
        assert!(matches!(got, Err(ReadError::MetadataTooLarge { max: 64 })));
    }

    /// A file far larger than the guard's limit, with the next part's headers split across
    /// two frames: the guard counts only the search for a part, and its limit leaves room for
    /// two frames (as the gateway's does for hyper's).
    #[tokio::test]
    async fn large_parts_pass_the_guard() {
        let file: Vec<u8> = (0..50_000u32).map(|i| (i % 251) as u8).collect();
        let mut body = part("file", &file);
        body.extend(part("metadata", b"{}"));
        body.extend_from_slice(b"--B--\r\n");
        // Frames of 1 000 bytes, the last cut inside the metadata part's headers.
        let cut = body.len() - 40;
        let mut pieces: Vec<Vec<u8>> = body[..cut].chunks(1000).map(<[u8]>::to_vec).collect();
        pieces.push(body[cut..].to_vec());
        let (got, keep) = read(pieces, 2_048).await;
        assert_eq!(
            got.map(|s| (s.metadata, s.file_bytes))
                .map_err(|e| e.to_string()),
            Ok((true, Some(50_000)))
        );
        assert_eq!(keep.file, file);
    }

    #[tokio::test]
    async fn endless_headers_are_refused_not_held() {
        let mut pieces = vec![b"--B\r\nContent-Disposition: form-data; name=\"file\"\r\n".to_vec()];
        pieces.extend((0..1000).map(|_| b"X-Pad: aaaaaaaaaaaaaaaaaaaa\r\n".to_vec()));
        let (got, _) = read(pieces, 256).await;
        let Err(ReadError::Multipart(e)) = got else {
            panic!("{got:?}");
        };
        let source = std::error::Error::source(&e).and_then(|s| s.downcast_ref::<TooFarAhead>());
        assert_eq!(source, Some(&TooFarAhead(256)));
    }
}
