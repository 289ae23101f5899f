//! Memo keys: a hash of anything hashable.

use std::hash::{BuildHasher, Hash, Hasher};

/// A fixed-seed fast hasher: equal values give equal keys within and across
/// builds of one program. Keys made with it are never written to disk (see
/// [`stable_key`] for those).
pub(crate) fn hasher() -> ahash::AHasher {
    ahash::RandomState::with_seeds(0x6d69_6e73, 0x6865_6e67, 0x6b65_7973, 0x2024_0316)
        .build_hasher()
}

/// Hashes anything hashable into a memo key, fast: every source's bytes are
/// hashed on every read (SipHash took 5% of a body edit at 10,000 pages).
pub(crate) fn key_of(parts: impl Hash) -> u64 {
    let mut h = hasher();
    parts.hash(&mut h);
    h.finish()
}

/// A key for names kept on disk between runs (the picture cache): SipHash with
/// fixed keys, the same on every machine.
pub(crate) fn stable_key(parts: impl Hash) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    parts.hash(&mut h);
    h.finish()
}
