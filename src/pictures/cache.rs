//! The cache of picture copies: `.minsheng/cache/pictures/` in the site folder,
//! one file per picture, named by a hash of the picture's bytes.
//!
//! An entry is never trusted for its name: it records the length and a second,
//! independent hash of the picture it was made from, and the length and hash of
//! every copy it holds; an entry that does not match the picture in hand, or is
//! cut off or damaged, is ignored and made again. Nothing is followed out of the
//! folder: if `.minsheng`, its `cache` or `pictures` is a symbolic link (or not a
//! folder), the cache is not used. Writes go to a new temporary file that is then
//! renamed, so a build stopped half-way leaves no half entry. A cache that cannot
//! be written (a read-only site) only makes builds slower.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use super::{Problem, Variant};
use crate::text::hash::stable_key as key_of;

/// The cache folder, relative to the site root.
pub(crate) const DIR: &str = ".minsheng/cache/pictures";

/// Changes when the copies made for the same bytes would change (widths,
/// quality, filter, the entry's layout): older entries are then not found.
const VERSION: &str = "minsheng-pictures-1: 480,960; jpeg q80; catmull-rom";

/// Begins every entry.
const MAGIC: &[u8; 8] = b"MSPICT1\n";

/// The largest entry read back, in bytes.
const MAX_ENTRY: u64 = 256 * 1024 * 1024;

/// A site's picture cache.
#[derive(Debug)]
pub(crate) struct Cache {
    /// The folder, when it may be used.
    dir: Option<PathBuf>,
    /// How many pictures were decoded (entries not found), for tests and timing.
    made: AtomicUsize,
}

impl Cache {
    /// The cache of the site at `root`.
    pub(crate) fn at(root: &Path) -> Self {
        Cache {
            dir: Some(root.join(DIR)),
            made: AtomicUsize::new(0),
        }
    }

    /// How many pictures were decoded because the cache did not hold them.
    #[cfg(test)]
    pub(crate) fn made(&self) -> usize {
        self.made.load(Ordering::Relaxed)
    }

    /// The entry's path for `bytes`, when the folder may be read.
    fn entry(&self, bytes: &[u8]) -> Option<PathBuf> {
        Some(self.dir.as_deref()?.join(entry_name(bytes)))
    }

    /// Removes the entries of pictures the site no longer has: those not among
    /// `kept` (the pictures of this build) and made more than `age` ago. (The
    /// age spares the pictures of drafts, which a preview with drafts uses and
    /// a build without them does not.) Only entries (`*.bin` files) are removed,
    /// and only inside the cache folder; without this, every photograph ever
    /// replaced would stay in the folder for good.
    pub(crate) fn keep_only<'a>(
        &self,
        kept: impl IntoIterator<Item = &'a [u8]>,
        age: std::time::Duration,
    ) {
        let Some(dir) = self.dir.as_deref() else {
            return;
        };
        if !safe_folder(dir, false) {
            return;
        }
        let kept: std::collections::HashSet<String> = kept.into_iter().map(entry_name).collect();
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        let now = std::time::SystemTime::now();
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            let is_file = e.file_type().is_ok_and(|t| t.is_file());
            let old = e
                .metadata()
                .and_then(|m| m.modified())
                .is_ok_and(|t| now.duration_since(t).is_ok_and(|d| d >= age));
            if is_file && old && name.ends_with(".bin") && !kept.contains(&name) {
                let _ = std::fs::remove_file(e.path());
            }
        }
    }

    /// The copies recorded for these very bytes (or why there are none).
    pub(crate) fn get(&self, bytes: &[u8]) -> Option<Result<Vec<Variant>, Problem>> {
        let found = self.read(bytes);
        if found.is_none() {
            self.made.fetch_add(1, Ordering::Relaxed);
        }
        found
    }

    fn read(&self, bytes: &[u8]) -> Option<Result<Vec<Variant>, Problem>> {
        let path = self.entry(bytes)?;
        if !safe_folder(self.dir.as_deref()?, false) {
            return None;
        }
        let meta = std::fs::symlink_metadata(&path).ok()?;
        if !meta.file_type().is_file() || meta.len() > MAX_ENTRY {
            return None;
        }
        decode_entry(&std::fs::read(&path).ok()?, bytes)
    }

    /// Records what was made for `bytes`. Failures are ignored.
    pub(crate) fn put(&self, bytes: &[u8], made: &Result<Vec<Variant>, Problem>) {
        let (Some(dir), Some(path)) = (self.dir.as_deref(), self.entry(bytes)) else {
            return;
        };
        if !safe_folder(dir, true) {
            return;
        }
        let entry = encode_entry(bytes, made);
        let temp = dir.join(format!(
            ".{}.{}.tmp",
            std::process::id(),
            key_of((bytes.len(), std::thread::current().id()))
        ));
        let written = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temp)
            .and_then(|mut f| f.write_all(&entry));
        if written.is_err() || std::fs::rename(&temp, &path).is_err() {
            let _ = std::fs::remove_file(&temp);
        }
    }
}

/// The file name of the entry for a picture's bytes.
fn entry_name(bytes: &[u8]) -> String {
    format!("{:016x}.bin", key_of((VERSION, bytes)))
}

/// Whether `dir` and the two folders above it (`.minsheng/cache/pictures`) are
/// real folders, not links; with `create`, makes those that are missing.
fn safe_folder(dir: &Path, create: bool) -> bool {
    let Some(cache) = dir.parent() else {
        return false;
    };
    let Some(tool) = cache.parent() else {
        return false;
    };
    [tool, cache, dir].into_iter().all(|d| {
        if create {
            let _ = std::fs::create_dir(d);
        }
        std::fs::symlink_metadata(d).is_ok_and(|m| m.file_type().is_dir())
    })
}

/// A second hash of a picture, independent of the one naming its entry.
fn fingerprint(bytes: &[u8]) -> u64 {
    key_of(("fingerprint", bytes.len(), bytes))
}

/// An entry: magic, the picture's length and fingerprint, then a status byte
/// (0: copies follow; 1: too large, with its size; 2: unreadable), then each copy
/// as width, height, length, hash and bytes. Numbers are little-endian.
fn encode_entry(bytes: &[u8], made: &Result<Vec<Variant>, Problem>) -> Vec<u8> {
    let mut out = MAGIC.to_vec();
    out.extend((bytes.len() as u64).to_le_bytes());
    out.extend(fingerprint(bytes).to_le_bytes());
    match made {
        Ok(variants) => {
            out.push(0);
            out.extend((variants.len() as u32).to_le_bytes());
            for v in variants {
                out.extend(v.width.to_le_bytes());
                out.extend(v.height.to_le_bytes());
                out.extend((v.bytes.len() as u64).to_le_bytes());
                out.extend(key_of(&v.bytes).to_le_bytes());
                out.extend(&v.bytes);
            }
        }
        Err(Problem::TooLarge(w, h)) => {
            out.push(1);
            out.extend(w.to_le_bytes());
            out.extend(h.to_le_bytes());
        }
        Err(Problem::Unreadable) => out.push(2),
    }
    out
}

/// Reads an entry back; `None` unless it was made from `bytes` and is whole.
fn decode_entry(entry: &[u8], bytes: &[u8]) -> Option<Result<Vec<Variant>, Problem>> {
    let mut r = Reader(entry);
    if r.take(MAGIC.len())? != MAGIC
        || r.u64()? != bytes.len() as u64
        || r.u64()? != fingerprint(bytes)
    {
        return None;
    }
    let found = match r.take(1)?[0] {
        0 => {
            let count = r.u32()?;
            let mut variants = Vec::new();
            for _ in 0..count.min(16) {
                let (width, height, len, hash) = (r.u32()?, r.u32()?, r.u64()?, r.u64()?);
                let bytes = r.take(usize::try_from(len).ok()?)?.to_vec();
                if key_of(&bytes) != hash {
                    return None;
                }
                variants.push(Variant {
                    width,
                    height,
                    bytes,
                });
            }
            Ok(variants)
        }
        1 => Err(Problem::TooLarge(r.u32()?, r.u32()?)),
        2 => Err(Problem::Unreadable),
        _ => return None,
    };
    r.0.is_empty().then_some(found)
}

/// Reads an entry from the front.
struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        if self.0.len() < n {
            return None;
        }
        let (head, rest) = self.0.split_at(n);
        self.0 = rest;
        Some(head)
    }
    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }
    fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Result<Vec<Variant>, Problem> {
        Ok(vec![Variant {
            width: 480,
            height: 320,
            bytes: b"small".to_vec(),
        }])
    }

    #[test]
    fn entries_are_checked_against_the_picture() {
        let entry = encode_entry(b"picture", &sample());
        assert_eq!(decode_entry(&entry, b"picture"), Some(sample()));
        // Another picture under the same name, a cut-off or altered entry: ignored.
        assert_eq!(decode_entry(&entry, b"pictura"), None);
        assert_eq!(decode_entry(&entry[..entry.len() - 1], b"picture"), None);
        let mut altered = entry.clone();
        *altered.last_mut().unwrap() ^= 1;
        assert_eq!(decode_entry(&altered, b"picture"), None);
        let refused = encode_entry(b"p", &Err(Problem::TooLarge(20_000, 20_000)));
        assert_eq!(
            decode_entry(&refused, b"p"),
            Some(Err(Problem::TooLarge(20_000, 20_000)))
        );
    }

    #[test]
    fn the_cache_finds_what_it_stored_and_never_leaves_its_folder() {
        let site = tempfile::tempdir().unwrap();
        let cache = Cache::at(site.path());
        assert_eq!(cache.get(b"picture"), None);
        cache.put(b"picture", &sample());
        assert_eq!(cache.get(b"picture"), Some(sample()));
        assert_eq!(cache.made(), 1);
        // A picture the site no longer has loses its entry; others keep theirs.
        cache.put(b"gone", &sample());
        let other = site.path().join(DIR).join("notes.txt");
        std::fs::write(&other, "x").unwrap();
        cache.keep_only([&b"picture"[..]], std::time::Duration::from_secs(3600));
        assert_eq!(
            cache.get(b"gone"),
            Some(sample()),
            "a new entry is kept a while"
        );
        cache.keep_only([&b"picture"[..]], std::time::Duration::ZERO);
        assert_eq!(cache.get(b"picture"), Some(sample()));
        assert_eq!(cache.get(b"gone"), None);
        assert!(other.exists(), "only entries are removed");
        // `.minsheng` made a link to another folder: not used, nothing written there.
        let other = tempfile::tempdir().unwrap();
        let linked = tempfile::tempdir().unwrap();
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(other.path(), linked.path().join(".minsheng")).unwrap();
            let cache = Cache::at(linked.path());
            cache.put(b"picture", &sample());
            assert_eq!(cache.get(b"picture"), None);
            assert_eq!(std::fs::read_dir(other.path()).unwrap().count(), 0);
        }
    }
}
