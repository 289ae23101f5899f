//! The search index's files, made incrementally. A small site gets one
//! `search.json`; a large one gets shards: `search.json` describes them (format
//! 4: `b` names the grams with a file of their own), `search/g/<n>.json` map
//! each bigram (by hash) to the documents holding it (a list of one or two
//! characters a document: see `encode` in [`super::grams`]; flags 1 title, 2
//! keywords, count in the text × 4), except that a list of 2 KB or more is
//! alone in `search/w/<code points>.json`, with under `"#"` the records of the
//! documents it ranks first (see [`super::top`]); `search/d/<n>.json` hold the
//! documents with the start of their text.
//!
//! A session keeps each gram shard's postings ([`Memo`]): after an edit only the
//! changed documents are read again, their old postings leave the shards that
//! held them and their new ones join, and only the shards whose lists changed are
//! written again. A full build makes each document's postings in parallel and
//! sorts them shard by shard (small sorts that stay in cache), never all at once.
//! Both give the bytes of [`super::reference`] (tested).

use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;

use super::grams::{
    full_grams, own_path, patch_grams, postings, shard_of, web, Fresh, Shard, Tops, NONE,
};
use super::{top, Doc, Index};

/// Above this size (bytes) the one-file index is split into shards, so that a
/// query downloads only what it needs (a few gram shards and the documents of
/// its first results) instead of the whole index.
pub(crate) const SHARD_ABOVE: usize = 300_000;
/// Documents per document shard: a first screen whose records no gram file
/// carries takes up to ten of them (about 6 KB each at 8).
pub(crate) const DOCS_PER_SHARD: usize = 8;
/// The number of gram shards is the postings' count × 4 over this (the bytes
/// of the first format's lists): at most about 6,000 postings a shard on
/// average. Lists take about a byte a posting now, and long ones have files of
/// their own, so a shard averages under ~7 KB however the site's words fall.
const GRAM_SHARD_BYTES: usize = 24_000;
/// At most this many gram shards (the postings keep 16 bits of the shard).
const MAX_SHARDS: usize = 1 << 16;

/// `search.json` of a sharded index (format 4): what a query needs to find
/// the files of its grams and documents.
#[derive(Serialize)]
pub(super) struct Meta<'x> {
    pub(super) v: u32,
    pub(super) n: usize,
    pub(super) per: usize,
    pub(super) g: usize,
    /// The grams with a file of their own, one after the other.
    pub(super) b: String,
    /// One letter per document: its kind's first letter.
    pub(super) k: String,
    pub(super) syn: &'x [Vec<String>],
}

/// The documents to index, by id (their order in the index).
pub(crate) trait Docs: Sync {
    /// How many.
    fn len(&self) -> usize;
    /// What identifies document `i` from one build to the next (its site path).
    fn path(&self, i: usize) -> &str;
    /// A key of everything document `i` holds.
    fn key(&self, i: usize) -> u64;
    /// The letter of its kind (see [`super::kind_letter`]).
    fn kind(&self, i: usize) -> char;
    /// The document.
    fn doc(&self, i: usize) -> Doc;
    /// What document `i` gives the index, when it was made ahead (taken:
    /// asked once). `None`: made here from [`Docs::doc`].
    fn made(&self, _i: usize) -> Option<Made> {
        None
    }
    /// Whether [`Docs::doc`] can give every document again (documents made
    /// ahead keep theirs only while they are few): the one-file index is
    /// made of them.
    fn all_at_hand(&self) -> bool {
        true
    }
}

/// What a document gives the index: its share of the one-file index, its
/// postings and its record.
pub(crate) struct Made {
    pub(super) rough: u32,
    posts: super::grams::Posts,
    record: Arc<str>,
}

impl Made {
    /// What `d` gives the index.
    pub(crate) fn of(d: &Doc) -> Self {
        Made {
            rough: rough(d) as u32,
            posts: postings(d),
            record: top::record(d),
        }
    }
}

/// What one document gave last time.
#[derive(Clone, Default)]
struct DocMemo {
    path: String,
    key: u64,
    /// Number of postings.
    posts: u32,
    /// Its share of the one-file index (bytes, roughly).
    rough: u32,
    /// The gram shards its postings are in, one bit each (empty when there
    /// are more than [`MARKED_SHARDS`] shards): after an edit only the shards
    /// that held the changed documents are searched for their old postings.
    shards: Box<[u64]>,
}

/// Up to this many gram shards, each document remembers which hold it (at
/// most 512 bytes a document; 256 at 10,000 pages).
const MARKED_SHARDS: usize = 4096;

/// The bits of the shards (of `shards`) that `posts` are in.
fn shard_bits(posts: &super::grams::Posts, shards: usize) -> Box<[u64]> {
    if shards > MARKED_SHARDS {
        return Box::default();
    }
    let mut bits = vec![0u64; shards.div_ceil(64)];
    for p in posts.iter() {
        let s = shard_of(p, shards);
        bits[s / 64] |= 1 << (s % 64);
    }
    bits.into_boxed_slice()
}

/// The index as a session last made it.
#[derive(Default)]
pub(crate) struct Memo {
    docs: Vec<DocMemo>,
    /// Gram shards by number; empty when the index was one file.
    grams: Vec<Shard>,
    /// Document shards by number.
    doc_files: Vec<Arc<[u8]>>,
    /// Each document's record in them (JSON, not yet escaped for the web).
    records: Vec<Arc<str>>,
    meta: Option<Arc<[u8]>>,
    /// Whether nothing will follow this build (a one-shot `build`): the
    /// shards then keep only their files, and no document its shard bits.
    /// What the shards' lists would keep for the next edit is a third of the
    /// index's memory at its peak.
    pub(crate) last: bool,
    /// Whether `grams` kept their lists (made by a build that was not the
    /// last): only then can they be patched, whatever `last` says now.
    lists: bool,
}

/// The files of the index, by path. `memo` holds what the last call made; a
/// fresh one makes everything.
#[cfg(test)]
pub(crate) fn files(
    docs: &impl Docs,
    syn: &[Vec<String>],
    memo: &mut Memo,
) -> Vec<(String, Arc<[u8]>)> {
    files_to(docs, syn, memo, None)
}

/// [`files`], each document and gram shard handed to `out` (when given) as
/// soon as it is made and listed as streamed (see `OutputFile::is_streamed`):
/// a one-shot build then never holds the shards' files all at once.
pub(crate) fn files_to(
    docs: &impl Docs,
    syn: &[Vec<String>],
    memo: &mut Memo,
    out: Option<crate::render::Out<'_>>,
) -> Vec<(String, Arc<[u8]>)> {
    let n = docs.len();
    assert!(n < 1 << 26, "document ids take 26 bits");
    let keys: Vec<u64> = (0..n).into_par_iter().map(|i| docs.key(i)).collect();
    let old_of = old_ids(docs, memo);
    let changed: Vec<bool> = (0..n)
        .map(|i| old_of[i] == NONE || memo.docs[old_of[i] as usize].key != keys[i])
        .collect();
    let mut changed = changed;
    let patch =
        memo.lists && !memo.grams.is_empty() && changed.iter().filter(|&&c| c).count() <= n / 4 + 1;
    if !patch {
        // Every document's postings are needed.
        memo.grams.clear();
        memo.doc_files.clear();
        changed = vec![true; n];
    }
    let old_n = memo.docs.len();
    // The shards that held what leaves (changed or deleted documents), known
    // while the memo still has them; `None` when some document did not say.
    let remap = patch.then(|| remap(&old_of, &changed, old_n));
    let leaving = remap.as_ref().and_then(|remap| {
        let words = memo.grams.len().div_ceil(64);
        let mut bits = vec![0u64; words];
        for (o, d) in memo.docs.iter().enumerate() {
            if remap[o] == NONE {
                if d.shards.len() != words {
                    return None;
                }
                bits.iter_mut()
                    .zip(&d.shards[..])
                    .for_each(|(b, s)| *b |= s);
            }
        }
        Some(bits)
    });
    let fresh = crate::phases::time("search documents", || {
        read_docs(docs, &keys, &old_of, &changed, memo)
    });
    let kinds: Vec<u8> = (0..n).map(|i| docs.kind(i) as u8).collect();
    let at = Tops {
        kinds: &kinds,
        records: &memo.records,
    };

    let rough_total: usize = memo.docs.iter().map(|d| d.rough as usize).sum();
    if rough_total <= 2 * SHARD_ABOVE && docs.all_at_hand() {
        let index = Index {
            v: 2,
            syn: syn.to_vec(),
            docs: (0..n).into_par_iter().map(|i| docs.doc(i)).collect(),
        };
        let one = serde_json::to_string(&index).unwrap_or_else(|_| "{}".into());
        if one.len() <= SHARD_ABOVE {
            memo.grams.clear();
            memo.doc_files.clear();
            memo.meta = None;
            return vec![("search.json".into(), web(one))];
        }
    }
    // Sharded: the document shards are final (written now, when a one-shot
    // build hands them on, and not held while the gram shards are made).
    if let Some(out) = out {
        (memo.doc_files.par_iter_mut().enumerate()).for_each(|(j, file)| {
            out(&format!("search/d/{j}.json"), file);
            *file = crate::render::streamed().clone();
        });
    }
    let total: usize = memo.docs.iter().map(|d| d.posts as usize).sum();
    let shards = (total * 4 / GRAM_SHARD_BYTES)
        .max(1)
        .next_power_of_two()
        .min(MAX_SHARDS);
    // Each changed document's shards, for the next edit.
    if !memo.last {
        let bits: Vec<(u32, Box<[u64]>)> = fresh
            .par_iter()
            .map(|(id, _, posts)| (*id, shard_bits(posts, shards)))
            .collect();
        for (id, b) in bits {
            memo.docs[id as usize].shards = b;
        }
    }
    if let Some(remap) = remap.filter(|_| shards == memo.grams.len()) {
        // Only the shards that held leaving postings or take new ones can
        // change (unless some document's id moved: `patch_grams` sees to it).
        patch_grams(&mut memo.grams, &remap, fresh, &at, leaving.as_deref());
    } else if patch {
        // The number of shards changed: every posting moves, so start afresh.
        *memo = Memo {
            last: memo.last,
            ..Memo::default()
        };
        return files_to(docs, syn, memo, out);
    } else {
        let keep = !memo.last;
        memo.grams = crate::phases::time("search grams", || {
            full_grams(fresh, shards, &at, (keep, out))
        });
        memo.lists = keep;
    }

    crate::phases::time("search files", || listing(&kinds, syn, shards, memo))
}

/// A document shard made again with its documents' records (or `None`: it
/// stays), and the postings of its changed documents.
type Chunk = (Option<(Arc<[u8]>, Vec<Arc<str>>)>, Vec<Fresh>);

/// Reads the changed documents and the document shards they are in: the memo's
/// documents and document shards are brought up to date, and the changed
/// documents' postings returned in id order.
fn read_docs(
    docs: &impl Docs,
    keys: &[u64],
    old_of: &[u32],
    changed: &[bool],
    memo: &mut Memo,
) -> Vec<Fresh> {
    let (n, old_n) = (docs.len(), memo.docs.len());
    let chunks: Vec<Chunk> = (0..n.div_ceil(DOCS_PER_SHARD))
        .into_par_iter()
        .map(|j| {
            let ids = j * DOCS_PER_SHARD..n.min((j + 1) * DOCS_PER_SHARD);
            let old_len = old_n.saturating_sub(j * DOCS_PER_SHARD).min(DOCS_PER_SHARD);
            let same = j < memo.doc_files.len()
                && old_len == ids.len()
                && ids.clone().all(|i| !changed[i] && old_of[i] as usize == i);
            if same {
                return (None, Vec::new());
            }
            // Only changed documents are read again; one that only moved (a
            // page added or removed before it) keeps its record.
            let mut fresh = Vec::new();
            let records: Vec<Arc<str>> = ids
                .map(|i| {
                    if !changed[i] {
                        return memo.records[old_of[i] as usize].clone();
                    }
                    let made = docs.made(i).unwrap_or_else(|| Made::of(&docs.doc(i)));
                    fresh.push((i as u32, made.rough, made.posts));
                    made.record
                })
                .collect();
            (Some((doc_shard(&records), records)), fresh)
        })
        .collect();
    // Moved, not copied: each old document is taken once at most.
    let mut old_docs = std::mem::take(&mut memo.docs);
    let new_docs: Vec<DocMemo> = (0..n)
        .map(|i| match changed[i] {
            false => std::mem::take(&mut old_docs[old_of[i] as usize]),
            true => DocMemo {
                path: docs.path(i).to_string(),
                key: keys[i],
                posts: 0,
                rough: 0,
                shards: Box::default(),
            },
        })
        .collect();
    memo.docs = new_docs;
    let mut fresh: Vec<Fresh> = Vec::new();
    let mut doc_files = std::mem::take(&mut memo.doc_files);
    doc_files.resize_with(n.div_ceil(DOCS_PER_SHARD), || Arc::from(&b""[..]));
    // Unchanged shards keep their documents' ids, and so their records.
    memo.records.resize_with(n, || Arc::from(""));
    for (j, (file, f)) in chunks.into_iter().enumerate() {
        if let Some((file, records)) = file {
            doc_files[j] = file;
            let at = j * DOCS_PER_SHARD;
            memo.records.splice(at..at + records.len(), records);
        }
        for (id, rough, posts) in f {
            let d = &mut memo.docs[id as usize];
            (d.posts, d.rough) = (posts.len() as u32, rough);
            fresh.push((id, rough, posts));
        }
    }
    memo.doc_files = doc_files;
    fresh
}

/// The description (`search.json`) made again, and every file of the index.
fn listing(
    kinds: &[u8],
    syn: &[Vec<String>],
    shards: usize,
    memo: &mut Memo,
) -> Vec<(String, Arc<[u8]>)> {
    let n = kinds.len();
    let mut own: Vec<u64> = (memo.grams.iter())
        .flat_map(|s| s.own.iter().map(|o| o.0))
        .collect();
    own.sort_unstable();
    let meta = web(serde_json::to_string(&Meta {
        v: 4,
        n,
        per: DOCS_PER_SHARD,
        g: shards,
        b: (own.iter())
            .flat_map(|g| [(g >> 21) as u32, (g & 0x1f_ffff) as u32])
            .filter_map(char::from_u32)
            .collect(),
        k: kinds.iter().map(|&k| k as char).collect(),
        syn,
    })
    .unwrap_or_default());
    memo.meta = Some(match memo.meta.take() {
        Some(old) if old == meta => old,
        _ => meta,
    });
    let mut out = Vec::with_capacity(1 + shards + own.len() + memo.doc_files.len());
    out.push((
        "search.json".to_string(),
        memo.meta.clone().unwrap_or_default(),
    ));
    out.extend(
        (memo.grams.iter().enumerate())
            .map(|(i, s)| (format!("search/g/{i}.json"), s.file.clone())),
    );
    out.extend(
        (memo.grams.iter()).flat_map(|s| s.own.iter().map(|(g, f)| (own_path(*g), f.clone()))),
    );
    out.extend(
        (memo.doc_files.iter().enumerate()).map(|(i, f)| (format!("search/d/{i}.json"), f.clone())),
    );
    out
}

/// For each document, its id in the last build, or [`NONE`]. When the documents
/// that stayed are not in their old order, none counts as staying.
fn old_ids(docs: &impl Docs, memo: &Memo) -> Vec<u32> {
    let n = docs.len();
    if memo.docs.len() == n && (0..n).all(|i| memo.docs[i].path == docs.path(i)) {
        return (0..n as u32).collect();
    }
    let by_path: std::collections::HashMap<&str, u32> = (memo.docs.iter().enumerate())
        .map(|(i, d)| (d.path.as_str(), i as u32))
        .collect();
    let old: Vec<u32> = (0..n)
        .map(|i| by_path.get(docs.path(i)).copied().unwrap_or(NONE))
        .collect();
    let kept: Vec<u32> = old.iter().copied().filter(|&o| o != NONE).collect();
    let in_order = kept.windows(2).all(|w| w[0] < w[1]);
    if in_order && by_path.len() == memo.docs.len() {
        old
    } else {
        vec![NONE; n]
    }
}

/// Old id to new id for the documents that stayed the same; [`NONE`] for the
/// others (changed or gone), whose old postings leave the index.
fn remap(old_of: &[u32], changed: &[bool], old_n: usize) -> Vec<u32> {
    let mut map = vec![NONE; old_n];
    for (i, &o) in old_of.iter().enumerate() {
        if o != NONE && !changed[i] {
            map[o as usize] = i as u32;
        }
    }
    map
}

/// The text's size in the one-file index, roughly (as the first version measured it).
fn rough(d: &Doc) -> usize {
    d.t.len() + d.p.len() + d.c.len() + d.s.len() + d.w.len() + d.x.len() + 48
}

/// A document shard: the documents' records (with the start of their text).
fn doc_shard(records: &[Arc<str>]) -> Arc<[u8]> {
    let mut json = String::with_capacity(records.iter().map(|r| r.len() + 1).sum::<usize>() + 2);
    json.push('[');
    for (i, r) in records.iter().enumerate() {
        if i > 0 {
            json.push(',');
        }
        json.push_str(r);
    }
    json.push(']');
    web(json)
}
