//! Whether a JPEG's marker structure runs from SOI to EOI, decided on the bytes as they stream
//! in (the same walk as [`super::imaging::jpeg_is_complete`], which needs the whole file). The
//! upload is acknowledged before anything decodes it, so an original cut off in transit must
//! be refused here, at the cost of one pass over bytes already in hand.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    /// Bytes of the SOI marker seen so far.
    Soi(u8),
    /// Expecting the 0xFF that starts a marker.
    MarkerStart,
    /// After 0xFF: fill bytes or the marker code.
    Marker,
    /// A segment's length: its first byte due, for this marker.
    LenHi(u8),
    LenLo(u8, u8),
    /// Segment bytes left to skip; entropy-coded data follows when the marker was SOS.
    Skip(usize, bool),
    /// Scanning entropy-coded data for the next 0xFF.
    Entropy,
    /// After a 0xFF in entropy-coded data.
    EntropyFf,
    Done,
    Broken,
}

#[derive(Debug, Clone)]
pub struct JpegScan {
    step: Step,
}

impl Default for JpegScan {
    fn default() -> Self {
        Self { step: Step::Soi(0) }
    }
}

impl JpegScan {
    /// Whether EOI was reached with every segment whole.
    pub fn complete(&self) -> bool {
        self.step == Step::Done
    }

    fn marker(m: u8) -> Step {
        match m {
            0xD9 => Step::Done,
            // Standalone markers: no length.
            0x01 | 0xD0..=0xD7 => Step::MarkerStart,
            0xFF => Step::Marker,
            m => Step::LenHi(m),
        }
    }

    pub fn feed(&mut self, data: &[u8]) {
        let mut i = 0;
        while i < data.len() {
            let b = data[i];
            self.step = match self.step {
                Step::Done | Step::Broken => return,
                Step::Soi(n) => {
                    i += 1;
                    match (n, b) {
                        (0, 0xFF) => Step::Soi(1),
                        (1, 0xD8) => Step::MarkerStart,
                        _ => Step::Broken,
                    }
                }
                Step::MarkerStart => {
                    i += 1;
                    if b == 0xFF {
                        Step::Marker
                    } else {
                        Step::Broken
                    }
                }
                Step::Marker => {
                    i += 1;
                    Self::marker(b)
                }
                Step::LenHi(m) => {
                    i += 1;
                    Step::LenLo(m, b)
                }
                Step::LenLo(m, hi) => {
                    i += 1;
                    match usize::from(u16::from_be_bytes([hi, b])) {
                        len if len < 2 => Step::Broken,
                        len => Step::Skip(len - 2, m == 0xDA),
                    }
                }
                Step::Skip(left, scan) => {
                    let take = left.min(data.len() - i);
                    i += take;
                    match (left - take, scan) {
                        (0, true) => Step::Entropy,
                        (0, false) => Step::MarkerStart,
                        (n, s) => Step::Skip(n, s),
                    }
                }
                Step::Entropy => match data[i..].iter().position(|&b| b == 0xFF) {
                    Some(off) => {
                        i += off + 1;
                        Step::EntropyFf
                    }
                    None => {
                        i = data.len();
                        Step::Entropy
                    }
                },
                Step::EntropyFf => {
                    i += 1;
                    match b {
                        // A stuffed zero or a restart marker: still entropy-coded data.
                        0x00 | 0xD0..=0xD7 => Step::Entropy,
                        0xFF => Step::EntropyFf,
                        m => Self::marker(m),
                    }
                }
            };
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::imaging::jpeg_is_complete;

    fn scan_in_chunks(data: &[u8], chunk: usize) -> bool {
        let mut s = JpegScan::default();
        for c in data.chunks(chunk) {
            s.feed(c);
        }
        s.complete()
    }

    #[test]
    fn agrees_with_the_whole_file_walk_whatever_the_chunking() {
        let whole = artstation_tests::images::pattern_jpeg(300, 200, 4);
        for cut in [whole.len(), whole.len() - 1, whole.len() * 2 / 3, 100, 3, 0] {
            let data = &whole[..cut];
            for chunk in [1, 7, 4096, 1 << 20] {
                assert_eq!(
                    scan_in_chunks(data, chunk),
                    jpeg_is_complete(data),
                    "cut {cut}, chunk {chunk}"
                );
            }
        }
        assert!(scan_in_chunks(&whole, 5));
        // Trailing bytes after EOI (some cameras append data) do not matter.
        let mut trailing = whole.clone();
        trailing.extend_from_slice(b"trailer");
        assert!(scan_in_chunks(&trailing, 64));
        assert!(!scan_in_chunks(b"\xFF\xD8\xFF not really a jpeg", 4));
    }
}
