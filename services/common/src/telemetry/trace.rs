//! W3C Trace Context (`traceparent`) and request ids: what lets one request be followed from
//! the gateway through every service it calls, in logs and in problem documents.
//!
//! The gateway accepts a valid incoming `traceparent` (else starts a trace), and every gRPC call
//! it makes carries the same trace id under a new parent span id, plus the request id. Each
//! service reads both back ([`CallContext::from_headers`]) into the tracing span of the call,
//! serves the call with it current ([`scope`]), and the balancer adds it to every call the
//! service makes to another ([`inject_current`]), so one trace id runs through every hop.

use std::fmt;

/// The header (and gRPC metadata key) of W3C Trace Context.
pub const TRACEPARENT: &str = "traceparent";
/// The header (and gRPC metadata key) carrying the request id.
pub const REQUEST_ID: &str = "x-request-id";

/// Longest incoming request id echoed; longer ones are replaced by a new id.
pub const MAX_REQUEST_ID_LEN: usize = 128;

/// A parsed `traceparent`: `00-<32 hex trace id>-<16 hex parent id>-<2 hex flags>`.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct TraceParent {
    trace_id: [u8; 16],
    parent_id: [u8; 8],
    flags: u8,
}

impl fmt::Debug for TraceParent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "TraceParent({self})")
    }
}

/// The header value, always version `00` (what a version-00 participant forwards whatever
/// version it received).
impl fmt::Display for TraceParent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "00-{}-{}-{:02x}",
            hex::encode(self.trace_id),
            hex::encode(self.parent_id),
            self.flags
        )
    }
}

/// Exactly `N` bytes as lowercase hex (the spec refuses uppercase).
fn lower_hex<const N: usize>(s: &str) -> Option<[u8; N]> {
    if s.len() != 2 * N || !s.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')) {
        return None;
    }
    let mut out = [0u8; N];
    hex::decode_to_slice(s, &mut out).ok()?;
    Some(out)
}

/// An id: lowercase hex, not all zero (the spec's invalid value).
fn id<const N: usize>(s: &str) -> Option<[u8; N]> {
    lower_hex::<N>(s).filter(|b| b.iter().any(|x| *x != 0))
}

impl TraceParent {
    /// Parses a header value per Trace Context level 1: lowercase hex only, version `ff` and
    /// all-zero ids refused; version `00` is exactly 55 characters, a later version may carry
    /// more fields after a `-`, which are ignored.
    pub fn parse(value: &str) -> Option<Self> {
        let value = value.trim_matches([' ', '\t']);
        // Byte offsets: the separators are checked as ASCII bytes first, so every slice
        // below falls on a character boundary.
        let (head, rest) = (value.get(..55)?, value.get(55..)?);
        let b = head.as_bytes();
        if b[2] != b'-' || b[35] != b'-' || b[52] != b'-' {
            return None;
        }
        let [version] = lower_hex::<1>(&head[..2])?;
        let valid_rest = match version {
            0 => rest.is_empty(),
            0xff => false,
            _ => rest.is_empty() || rest.starts_with('-'),
        };
        if !valid_rest {
            return None;
        }
        let [flags] = lower_hex::<1>(&head[53..55])?;
        Some(Self {
            trace_id: id(&head[3..35])?,
            parent_id: id(&head[36..52])?,
            flags,
        })
    }

    /// A new trace (no sampling decision: flags `00`).
    pub fn new_root() -> Self {
        Self {
            trace_id: random_nonzero(),
            parent_id: random_nonzero(),
            flags: 0,
        }
    }

    /// The same trace under a new span of ours: what a hop forwards to the next.
    pub fn child(&self) -> Self {
        Self {
            parent_id: random_nonzero(),
            ..*self
        }
    }

    /// The trace id as 32 lowercase hex digits, as log lines carry it.
    pub fn trace_id(&self) -> String {
        hex::encode(self.trace_id)
    }

    /// The parent (span) id as 16 lowercase hex digits.
    pub fn parent_id(&self) -> String {
        hex::encode(self.parent_id)
    }

    pub fn flags(&self) -> u8 {
        self.flags
    }
}

/// Random bytes, never all zero.
fn random_nonzero<const N: usize>() -> [u8; N] {
    let mut out = [0u8; N];
    fill_fast(&mut out);
    if out.iter().all(|b| *b == 0) {
        out[N - 1] = 1;
    }
    out
}

/// Fills `out` from a per-thread generator (SplitMix64) seeded once from the OS. Ids need
/// to be unique, not secret, and asking the kernel for every request's three or four ids was
/// a system call each on the gateway's hottest path.
fn fill_fast(out: &mut [u8]) {
    thread_local! {
        static STATE: std::cell::Cell<u64> = std::cell::Cell::new(os_seed());
    }
    STATE.with(|state| {
        for chunk in out.chunks_mut(8) {
            let next = state.get().wrapping_add(0x9E37_79B9_7F4A_7C15);
            state.set(next);
            let mut z = next;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^= z >> 31;
            chunk.copy_from_slice(&z.to_le_bytes()[..chunk.len()]);
        }
    });
}

/// A seed from the OS generator; should it fail (it does not on the platforms we run on), the
/// time and the thread still give each thread a stream of its own.
fn os_seed() -> u64 {
    let mut seed = [0u8; 8];
    if getrandom::fill(&mut seed).is_ok() {
        return u64::from_le_bytes(seed);
    }
    use std::hash::{BuildHasher as _, Hasher as _};
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u128(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos()),
    );
    h.finish()
}

/// Whether an incoming request id is worth echoing: short, and only characters that cannot
/// break a header, a log line or a JSON string.
pub fn sane_request_id(id: &str) -> bool {
    (1..=MAX_REQUEST_ID_LEN).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b':'))
}

/// A new request id (a UUIDv7: unique, and sorts by time).
pub fn new_request_id() -> String {
    let millis = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX));
    let mut random = [0u8; 10];
    fill_fast(&mut random);
    uuid::Builder::from_unix_timestamp_millis(millis, &random)
        .into_uuid()
        .to_string()
}

/// What a request carries from hop to hop.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallContext {
    /// This hop's position in the trace: the trace id, and the span id of this hop.
    pub trace: TraceParent,
    pub request_id: String,
}

impl CallContext {
    /// Reads `traceparent` and `x-request-id` from incoming headers (gRPC metadata are HTTP/2
    /// headers too): a valid trace is continued under a new span of this hop, a missing or
    /// malformed one starts a new trace; a sane request id is kept, else a new one is made.
    pub fn from_headers(headers: &http::HeaderMap) -> Self {
        let trace = headers
            .get(TRACEPARENT)
            .and_then(|v| v.to_str().ok())
            .and_then(TraceParent::parse)
            .map_or_else(TraceParent::new_root, |t| t.child());
        let request_id = headers
            .get(REQUEST_ID)
            .and_then(|v| v.to_str().ok())
            .filter(|id| sane_request_id(id))
            .map_or_else(new_request_id, str::to_owned);
        Self { trace, request_id }
    }

    /// Adds what the next hop needs to a gRPC request's metadata: the same trace under a new
    /// parent span id, and the request id.
    pub fn inject(&self, metadata: &mut tonic::metadata::MetadataMap) {
        self.inject_trace(metadata);
        self.inject_request_id(metadata);
    }

    fn inject_trace(&self, metadata: &mut tonic::metadata::MetadataMap) {
        if let Ok(v) = self.trace.child().to_string().parse() {
            metadata.insert(TRACEPARENT, v);
        }
    }

    fn inject_request_id(&self, metadata: &mut tonic::metadata::MetadataMap) {
        if let Ok(v) = self.request_id.parse() {
            metadata.insert(REQUEST_ID, v);
        }
    }
}

tokio::task_local! {
    /// The call a service is serving, set by the gRPC server layer for the handler's future,
    /// so calls it makes to other services continue the trace ([`inject_current`]).
    static CURRENT: CallContext;
}

/// Runs `fut` with `ctx` as the current call.
pub async fn scope<F: Future>(ctx: CallContext, fut: F) -> F::Output {
    CURRENT.scope(ctx, fut).await
}

/// The call being served by this task, if any.
pub fn current() -> Option<CallContext> {
    CURRENT.try_with(Clone::clone).ok()
}

/// Continues the current call's trace on an outgoing gRPC request (nothing outside a call).
/// A `traceparent` or request id the caller already set is kept: it placed the call in its
/// trace on purpose (the gateway does, from its own request).
pub fn inject_current(metadata: &mut tonic::metadata::MetadataMap) {
    let _ = CURRENT.try_with(|ctx| {
        if !metadata.contains_key(TRACEPARENT) {
            ctx.inject_trace(metadata);
        }
        if !metadata.contains_key(REQUEST_ID) {
            ctx.inject_request_id(metadata);
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    const EXAMPLE: &str = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    #[test]
    fn a_valid_traceparent_round_trips() {
        let t = TraceParent::parse(EXAMPLE).expect("valid");
        assert_eq!(t.trace_id(), "4bf92f3577b34da6a3ce929d0e0e4736");
        assert_eq!(t.parent_id(), "00f067aa0ba902b7");
        assert_eq!(t.flags(), 1);
        assert_eq!(t.to_string(), EXAMPLE);
    }

    #[test]
    fn malformed_traceparents_are_refused() {
        let bad = [
            "",
            "00",
            // Uppercase hex.
            "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01",
            // All-zero trace id, all-zero parent id.
            "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",
            // Version ff is forbidden; version 00 has nothing after the flags.
            "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra",
            // Wrong separators or lengths.
            "00_4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
            "00-4bf92f3577b34da6a3ce929d0e0e473-600f067aa0ba902b7-01",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-1",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-0g",
            "0x-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
            // Multi-byte characters where the separators would be must not panic.
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b\u{e9}01",
        ];
        for value in bad {
            assert_eq!(TraceParent::parse(value), None, "{value:?}");
        }
    }

    #[test]
    fn a_later_version_is_read_and_forwarded_as_version_00() {
        let later = "01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-what-comes-next";
        let t = TraceParent::parse(later).expect("a later version parses");
        assert_eq!(t.to_string(), EXAMPLE);
        assert!(TraceParent::parse(&later[..55]).is_some());
        assert!(TraceParent::parse(&format!("{}x", &later[..55])).is_none());
    }

    #[test]
    fn a_child_keeps_the_trace_under_a_new_span() {
        let t = TraceParent::parse(EXAMPLE).expect("valid");
        let c = t.child();
        assert_eq!(c.trace_id(), t.trace_id());
        assert_ne!(c.parent_id(), t.parent_id());
        assert_eq!(c.flags(), t.flags());
        assert_eq!(TraceParent::parse(&c.to_string()), Some(c));
    }

    #[test]
    fn new_roots_are_valid_and_distinct() {
        let (a, b) = (TraceParent::new_root(), TraceParent::new_root());
        assert_ne!(a.trace_id(), b.trace_id());
        assert_eq!(TraceParent::parse(&a.to_string()), Some(a));
    }

    #[test]
    fn request_ids_are_echoed_only_when_sane() {
        assert!(sane_request_id("req-42_a.b:c"));
        assert!(sane_request_id(&new_request_id()));
        let id = uuid::Uuid::parse_str(&new_request_id()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(id.get_version_num(), 7);
        let ids: std::collections::HashSet<String> = (0..1000).map(|_| new_request_id()).collect();
        assert_eq!(ids.len(), 1000, "request ids repeat");
        assert!(!sane_request_id(""));
        assert!(!sane_request_id("a b"));
        assert!(!sane_request_id("a\"b"));
        assert!(!sane_request_id(&"x".repeat(MAX_REQUEST_ID_LEN + 1)));
    }

    fn sent_trace(meta: &tonic::metadata::MetadataMap) -> Option<TraceParent> {
        meta.get(TRACEPARENT)
            .and_then(|v| v.to_str().ok())
            .and_then(TraceParent::parse)
    }

    #[test]
    fn the_current_call_continues_on_outgoing_calls_unless_one_is_set() {
        let ctx = CallContext {
            trace: TraceParent::parse(EXAMPLE).expect("valid"),
            request_id: "req-7".into(),
        };
        let mut outside = tonic::metadata::MetadataMap::new();
        inject_current(&mut outside);
        assert!(outside.is_empty(), "nothing is added outside a call");

        let mut plain = tonic::metadata::MetadataMap::new();
        CURRENT.sync_scope(ctx.clone(), || inject_current(&mut plain));
        let sent = sent_trace(&plain).expect("the trace is carried on");
        assert_eq!(sent.trace_id(), ctx.trace.trace_id());
        assert_ne!(sent.parent_id(), ctx.trace.parent_id());
        assert_eq!(
            plain.get(REQUEST_ID).and_then(|v| v.to_str().ok()),
            Some("req-7")
        );

        let theirs = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-00";
        let mut set = tonic::metadata::MetadataMap::new();
        set.insert(TRACEPARENT, theirs.parse().expect("metadata"));
        set.insert(REQUEST_ID, "theirs-1".parse().expect("metadata"));
        CURRENT.sync_scope(ctx.clone(), || inject_current(&mut set));
        assert_eq!(
            set.get(TRACEPARENT).and_then(|v| v.to_str().ok()),
            Some(theirs)
        );
        assert_eq!(
            set.get(REQUEST_ID).and_then(|v| v.to_str().ok()),
            Some("theirs-1")
        );
        assert_eq!(set.len(), 2);
    }

    #[test]
    fn the_context_continues_an_incoming_trace_or_starts_one() {
        let mut headers = http::HeaderMap::new();
        headers.insert(TRACEPARENT, EXAMPLE.parse().expect("header"));
        headers.insert(REQUEST_ID, "abc-1".parse().expect("header"));
        let ctx = CallContext::from_headers(&headers);
        assert_eq!(ctx.trace.trace_id(), "4bf92f3577b34da6a3ce929d0e0e4736");
        assert_ne!(ctx.trace.parent_id(), "00f067aa0ba902b7");
        assert_eq!(ctx.request_id, "abc-1");

        let mut meta = tonic::metadata::MetadataMap::new();
        ctx.inject(&mut meta);
        let sent = meta
            .get(TRACEPARENT)
            .and_then(|v| v.to_str().ok())
            .and_then(TraceParent::parse)
            .expect("a valid traceparent is sent");
        assert_eq!(sent.trace_id(), ctx.trace.trace_id());
        assert_ne!(sent.parent_id(), ctx.trace.parent_id());
        assert_eq!(
            meta.get(REQUEST_ID).and_then(|v| v.to_str().ok()),
            Some("abc-1")
        );

        let mut bad = http::HeaderMap::new();
        bad.insert(TRACEPARENT, "garbage".parse().expect("header"));
        bad.insert(REQUEST_ID, "has space".parse().expect("header"));
        let fresh = CallContext::from_headers(&bad);
        assert_ne!(fresh.trace.trace_id(), ctx.trace.trace_id());
        assert!(sane_request_id(&fresh.request_id));
        assert_ne!(fresh.request_id, "has space");
    }
}
