//! The parsers that read bytes a client chose, kept apart from the services so they can be
//! fuzzed on their own (see `fuzz/`): `image` decides an upload's type from its magic bytes and
//! reads the dimensions its header promises; `cursor` encodes and takes apart the opaque
//! cursors every list pages with. Neither allocates more than its input suggests, neither
//! panics on any input.

pub mod cursor;
pub mod image;
