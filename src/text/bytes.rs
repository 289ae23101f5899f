//! A file's bytes as read: text when they are UTF-8.

use std::sync::Arc;

/// A file's bytes, shared. Those that are UTF-8 (pages, data, most files) are
/// kept as text, checked once as read, so that a page's parts borrow the
/// text instead of a copy of it (a copy of every page was 30 MiB of fresh
/// memory at 10,000 pages) and nothing checks it again.
#[derive(Debug, Clone)]
pub enum Bytes {
    /// UTF-8 text.
    Text(Arc<String>),
    /// Anything else.
    Other(Arc<Vec<u8>>),
}

impl Bytes {
    /// The bytes, as text when they are UTF-8.
    pub fn new(bytes: Vec<u8>) -> Self {
        match String::from_utf8(bytes) {
            Ok(text) => Bytes::Text(Arc::new(text)),
            Err(e) => Bytes::Other(Arc::new(e.into_bytes())),
        }
    }

    /// The bytes.
    pub fn as_slice(&self) -> &[u8] {
        match self {
            Bytes::Text(t) => t.as_bytes(),
            Bytes::Other(b) => b,
        }
    }
}

impl std::ops::Deref for Bytes {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        self.as_slice()
    }
}
