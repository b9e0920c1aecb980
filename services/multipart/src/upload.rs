//! The upload's part loop: `metadata` and `file` in either order, each once; anything else
//! drained and ignored (HTML forms may add parts). What the parts go to is the caller's
//! [`Sink`]; the loop only bounds what it holds.

use multer::{Field, Multipart};

use crate::Progress;

/// How much the loop holds at once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bounds {
    /// The largest `metadata` part accepted; it is held whole.
    pub max_metadata: usize,
    /// The `file` part is handed on once this much of it gathered (multer's pieces are often
    /// small), so the loop holds less than this plus one piece.
    pub chunk: usize,
}

/// Where the parts go. `Ok(false)` means the receiver stopped listening (it refused the
/// upload): the loop then stops reading.
#[allow(async_fn_in_trait)] // Used with concrete types only; no Send bound needed here.
pub trait Sink {
    type Error;
    /// The whole `metadata` part.
    async fn metadata(&mut self, bytes: Vec<u8>) -> Result<bool, Self::Error>;
    /// The next piece of the `file` part; the last call of a part may be empty.
    async fn file(&mut self, piece: &[u8]) -> Result<bool, Self::Error>;
}

/// Why the loop stopped early.
#[derive(Debug, thiserror::Error)]
pub enum ReadError<E> {
    #[error("malformed multipart body: {0}")]
    Multipart(#[from] multer::Error),
    #[error("the metadata part is larger than {max} bytes")]
    MetadataTooLarge { max: usize },
    #[error("part sent more than once")]
    Repeated { part: &'static str },
    #[error("{0}")]
    Sink(E),
}

/// What the loop read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Summary {
    pub metadata: bool,
    /// The file part's size, once it was read whole.
    pub file_bytes: Option<u64>,
    /// The sink stopped listening; the rest of the body was not read.
    pub refused: bool,
    /// The most bytes the loop held at once.
    pub peak_held: usize,
}

/// Reads an upload's parts into `sink`, marking `progress` (see [`crate::paced`]) whenever a
/// part or a piece of one arrives.
pub async fn read_upload<S: Sink>(
    multipart: &mut Multipart<'_>,
    progress: &Progress,
    bounds: Bounds,
    sink: &mut S,
) -> Result<Summary, ReadError<S::Error>> {
    let mut sum = Summary::default();
    loop {
        progress.searching(true);
        let next = multipart.next_field().await;
        progress.searching(false);
        let Some(mut field) = next? else {
            break;
        };
        progress.mark();
        match field.name() {
            Some("metadata") if !sum.metadata => {
                sum.metadata = true;
                let meta = read_limited(&mut field, progress, bounds.max_metadata).await?;
                sum.peak_held = sum.peak_held.max(meta.len());
                if !sink.metadata(meta).await.map_err(ReadError::Sink)? {
                    sum.refused = true;
                    break;
                }
            }
            Some("file") if sum.file_bytes.is_none() => {
                match stream_file(&mut field, progress, bounds.chunk, sink, &mut sum).await? {
                    Some(n) => sum.file_bytes = Some(n),
                    None => {
                        // Skip the rest of the body: the receiver's answer is final.
                        sum.refused = true;
                        break;
                    }
                }
            }
            Some("metadata") => return Err(ReadError::Repeated { part: "metadata" }),
            Some("file") => return Err(ReadError::Repeated { part: "file" }),
            _ => {
                while field.chunk().await?.is_some() {
                    progress.mark();
                }
            }
        }
    }
    Ok(sum)
}

/// Reads a whole (small) part, refusing more than `max` bytes before holding them.
async fn read_limited<E>(
    field: &mut Field<'_>,
    progress: &Progress,
    max: usize,
) -> Result<Vec<u8>, ReadError<E>> {
    let mut buf = Vec::new();
    while let Some(chunk) = field.chunk().await? {
        progress.mark();
        if buf.len() + chunk.len() > max {
            return Err(ReadError::MetadataTooLarge { max });
        }
        buf.extend_from_slice(&chunk);
    }
    Ok(buf)
}

/// Hands the file part on in pieces of about `chunk` bytes; `None` when the sink stopped
/// listening, else the part's size.
async fn stream_file<S: Sink>(
    field: &mut Field<'_>,
    progress: &Progress,
    chunk: usize,
    sink: &mut S,
    sum: &mut Summary,
) -> Result<Option<u64>, ReadError<S::Error>> {
    let mut buf = Vec::with_capacity(chunk);
    let mut total = 0u64;
    while let Some(piece) = field.chunk().await? {
        progress.mark();
        total += piece.len() as u64;
        buf.extend_from_slice(&piece);
        sum.peak_held = sum.peak_held.max(buf.len());
        if buf.len() >= chunk {
            if !sink.file(&buf).await.map_err(ReadError::Sink)? {
                return Ok(None);
            }
            buf.clear();
        }
    }
    if !sink.file(&buf).await.map_err(ReadError::Sink)? {
        return Ok(None);
    }
    Ok(Some(total))
}
