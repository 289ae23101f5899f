//! Memo keys: a hash of anything hashable.

use std::hash::{Hash, Hasher};

/// Hashes anything hashable into a memo key.
pub(crate) fn key_of(parts: impl Hash) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    parts.hash(&mut h);
    h.finish()
}
