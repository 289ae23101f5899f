//! The search index's files, made incrementally. A small site gets one
//! `search.json`; a large one gets shards: `search.json` describes them (format
//! 3), `search/g/<n>.json` map each bigram to the documents holding it
//! (`gap[:flags],…`: document ids as gaps in base 36; flags 1 title, 2 keywords,
//! count in the text × 4, omitted when 4), `search/d/<n>.json` hold the documents
//! with the start of their text.
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

use super::{fold, wordy, Doc, Index};
use crate::text::escape::json_for_web;

/// Above this size (bytes) the one-file index is split into shards, so that a
/// query downloads only what it needs (a few gram shards and the documents of
/// its first results) instead of the whole index.
pub(crate) const SHARD_ABOVE: usize = 300_000;
/// Documents per document shard.
pub(crate) const DOCS_PER_SHARD: usize = 16;
/// Characters of text a document shard keeps for snippets.
pub(crate) const SNIPPET_TEXT: usize = 160;
/// Target size of a gram shard (bytes).
const GRAM_SHARD_BYTES: usize = 24_000;
/// At most this many gram shards (the postings keep 16 bits of the shard).
const MAX_SHARDS: usize = 1 << 16;
/// The packed bigram's bits in a posting (two code points of 21 bits).
const GRAM_BITS: u64 = (1 << 42) - 1;
/// A document id that does not exist.
const NONE: u32 = u32::MAX;

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
}

/// One gram shard: its grams in order, the end of each gram's postings, and the
/// postings (`id << 6 | flags`, by id), with the file they make.
#[derive(Default)]
struct Shard {
    grams: Vec<u64>,
    ends: Vec<u32>,
    posts: Vec<u32>,
    file: Arc<[u8]>,
}

/// What one document gave last time.
#[derive(Clone)]
struct DocMemo {
    path: String,
    key: u64,
    /// Number of postings.
    posts: u32,
    /// Its share of the one-file index (bytes, roughly).
    rough: u32,
}

/// The index as a session last made it.
#[derive(Default)]
pub(crate) struct Memo {
    docs: Vec<DocMemo>,
    /// Gram shards by number; empty when the index was one file.
    grams: Vec<Shard>,
    /// Document shards by number.
    doc_files: Vec<Arc<[u8]>>,
    meta: Option<Arc<[u8]>>,
}

/// A changed document: its id, what it gives the one-file index, its postings.
type Fresh = (u32, u32, Vec<u64>);

/// The files of the index, by path. `memo` holds what the last call made; a
/// fresh one makes everything.
pub(crate) fn files(
    docs: &impl Docs,
    syn: &[Vec<String>],
    memo: &mut Memo,
) -> Vec<(String, Arc<[u8]>)> {
    let n = docs.len();
    assert!(n < 1 << 26, "document ids take 26 bits");
    let keys: Vec<u64> = (0..n).into_par_iter().map(|i| docs.key(i)).collect();
    let old_of = old_ids(docs, memo);
    let changed: Vec<bool> = (0..n)
        .map(|i| old_of[i] == NONE || memo.docs[old_of[i] as usize].key != keys[i])
        .collect();
    let mut changed = changed;
    let patch = !memo.grams.is_empty() && changed.iter().filter(|&&c| c).count() <= n / 4 + 1;
    if !patch {
        // Every document's postings are needed.
        memo.grams.clear();
        memo.doc_files.clear();
        changed = vec![true; n];
    }
    let old_n = memo.docs.len();
    let fresh = read_docs(docs, &keys, &old_of, &changed, memo);

    let rough_total: usize = memo.docs.iter().map(|d| d.rough as usize).sum();
    if rough_total <= 2 * SHARD_ABOVE {
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
    let total: usize = memo.docs.iter().map(|d| d.posts as usize).sum();
    let shards = (total * 4 / GRAM_SHARD_BYTES)
        .max(1)
        .next_power_of_two()
        .min(MAX_SHARDS);
    if patch && shards == memo.grams.len() {
        let remap = remap(&old_of, &changed, old_n);
        patch_grams(&mut memo.grams, &remap, fresh);
    } else if patch {
        // The number of shards changed: every posting moves, so start afresh.
        *memo = Memo::default();
        return files(docs, syn, memo);
    } else {
        memo.grams = full_grams(fresh, shards);
    }

    listing(docs, syn, shards, memo)
}

/// A document shard made again (or `None`: it stays), and the postings of its
/// changed documents.
type Chunk = (Option<Arc<[u8]>>, Vec<Fresh>);

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
            let full: Vec<Doc> = ids.clone().map(|i| docs.doc(i)).collect();
            let fresh = ids
                .zip(&full)
                .filter(|(i, _)| changed[*i])
                .map(|(i, d)| (i as u32, rough(d) as u32, postings(d)))
                .collect();
            (Some(doc_shard(&full)), fresh)
        })
        .collect();
    let new_docs: Vec<DocMemo> = (0..n)
        .map(|i| match changed[i] {
            false => memo.docs[old_of[i] as usize].clone(),
            true => DocMemo {
                path: docs.path(i).to_string(),
                key: keys[i],
                posts: 0,
                rough: 0,
            },
        })
        .collect();
    memo.docs = new_docs;
    let mut fresh: Vec<Fresh> = Vec::new();
    let mut doc_files = std::mem::take(&mut memo.doc_files);
    doc_files.resize_with(n.div_ceil(DOCS_PER_SHARD), || Arc::from(&b""[..]));
    for (j, (file, f)) in chunks.into_iter().enumerate() {
        if let Some(file) = file {
            doc_files[j] = file;
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
    docs: &impl Docs,
    syn: &[Vec<String>],
    shards: usize,
    memo: &mut Memo,
) -> Vec<(String, Arc<[u8]>)> {
    let n = docs.len();
    #[derive(Serialize)]
    struct Meta<'x> {
        v: u32,
        n: usize,
        per: usize,
        g: usize,
        /// One letter per document: its kind's first letter.
        k: String,
        syn: &'x [Vec<String>],
    }
    let meta = web(serde_json::to_string(&Meta {
        v: 3,
        n,
        per: DOCS_PER_SHARD,
        g: shards,
        k: (0..n).map(|i| docs.kind(i)).collect(),
        syn,
    })
    .unwrap_or_default());
    memo.meta = Some(match memo.meta.take() {
        Some(old) if old == meta => old,
        _ => meta,
    });
    let mut out = Vec::with_capacity(1 + shards + memo.doc_files.len());
    out.push((
        "search.json".to_string(),
        memo.meta.clone().unwrap_or_default(),
    ));
    out.extend(
        (memo.grams.iter().enumerate())
            .map(|(i, s)| (format!("search/g/{i}.json"), s.file.clone())),
    );
    out.extend(
        (memo.doc_files.iter().enumerate()).map(|(i, f)| (format!("search/d/{i}.json"), f.clone())),
    );
    out
}

fn web(json: String) -> Arc<[u8]> {
    Arc::from(json_for_web(json).into_bytes())
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

/// A document shard: the documents with the start of their text.
fn doc_shard(chunk: &[Doc]) -> Arc<[u8]> {
    let docs: Vec<Doc> = chunk
        .iter()
        .map(|d| Doc {
            x: d.x.chars().take(SNIPPET_TEXT).collect(),
            w: String::new(),
            ..d.clone()
        })
        .collect();
    web(serde_json::to_string(&docs).unwrap_or_default())
}

/// FNV-1a over the two code points of a packed gram (as [`super::hash`]).
fn gram_hash(g: u64) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for c in [(g >> 21) as u32, (g & 0x1f_ffff) as u32] {
        h ^= c;
        h = h.wrapping_mul(0x0100_0193);
    }
    h
}

/// A document's postings: `rev16(hash) << 48 | gram << 6 | flags`, sorted, so
/// that for any number of shards (a power of two up to 2^16) the postings of one
/// shard are together (a shard is the hash's low bits, here the key's high bits).
/// Flags: 1 title, 2 keywords, count in the text (at most 15) × 4.
fn postings(d: &Doc) -> Vec<u64> {
    let mut items = Vec::with_capacity(d.x.len() / 3 + d.t.len() + d.w.len());
    for (s, tag) in [(&d.x, 4u64), (&d.t, 1), (&d.w, 2)] {
        let mut prev: Option<char> = None;
        for c in s.chars().map(fold) {
            if wordy(c) {
                if let Some(p) = prev {
                    let g = ((p as u64) << 21) | c as u64;
                    let top = u64::from((gram_hash(g) as u16).reverse_bits()) << 48;
                    items.push(top | g << 6 | tag);
                }
                prev = Some(c);
            } else {
                prev = None;
            }
        }
    }
    items.sort_unstable();
    // Each run of one gram becomes one posting, written over the items in place;
    // every document's postings stay alive until the shards are made, so they
    // keep no spare room.
    let mut kept = 0;
    let mut start = 0;
    while start < items.len() {
        let gram = items[start] >> 6;
        let (mut count, mut bits, mut end) = (0u64, 0u64, start);
        while end < items.len() && items[end] >> 6 == gram {
            count += (items[end] >> 2) & 1;
            bits |= items[end] & 3;
            end += 1;
        }
        items[kept] = (gram << 6) | count.min(15) << 2 | bits;
        kept += 1;
        start = end;
    }
    items.truncate(kept);
    items.shrink_to_fit();
    items
}

/// The top `k` bits of a posting: its shard, bits reversed.
fn top(p: u64, k: u32) -> usize {
    if k == 0 {
        0
    } else {
        (p >> (64 - k)) as usize
    }
}

/// The shard of a posting among `shards` (a power of two).
fn shard_of(p: u64, shards: usize) -> usize {
    ((p >> 48) as u16).reverse_bits() as usize & (shards - 1)
}

/// Every gram shard, from every document's postings (`fresh` in id order).
fn full_grams(fresh: Vec<Fresh>, shards: usize) -> Vec<Shard> {
    let k = shards.trailing_zeros();
    // Ranges of the postings' top bits, each gathered by one task. Where each
    // document's postings cross into the next range, found in one pass over them
    // (searching them in every task would miss the cache at every step).
    let tasks = shards.min(16);
    let per = shards / tasks;
    let cuts: Vec<u32> = fresh
        .par_iter()
        .flat_map_iter(|(_, _, posts)| {
            let mut at = 0;
            (0..=tasks).map(move |t| {
                while at < posts.len() && top(posts[at], k) < t * per {
                    at += 1;
                }
                at as u32
            })
        })
        .collect();
    let mut made: Vec<(usize, Shard)> = (0..tasks)
        .into_par_iter()
        .flat_map_iter(|t| {
            let a = t * per;
            let mut local: Vec<Vec<(u64, u32)>> = vec![Vec::new(); per];
            for (d, (id, _, posts)) in fresh.iter().enumerate() {
                let (from, to) = (cuts[d * (tasks + 1) + t], cuts[d * (tasks + 1) + t + 1]);
                for &p in &posts[from as usize..to as usize] {
                    local[top(p, k) - a].push(((p >> 6) & GRAM_BITS, id << 6 | (p & 63) as u32));
                }
            }
            local.into_iter().enumerate().map(move |(i, mut entries)| {
                entries.sort_unstable();
                let r = a + i;
                let shard = if k == 0 {
                    0
                } else {
                    (r as u64).reverse_bits() as usize >> (64 - k)
                };
                (shard, make_shard(&entries, None))
            })
        })
        .collect();
    made.sort_unstable_by_key(|(s, _)| *s);
    made.into_iter().map(|(_, s)| s).collect()
}

/// Brings the gram shards up to date: the postings of documents that `remap`
/// drops leave, the others take their new ids, `fresh` postings join. Only the
/// shards whose postings change are made again (one pass over all postings finds
/// them: no document's postings are kept apart from the shards).
fn patch_grams(grams: &mut [Shard], remap: &[u32], fresh: Vec<Fresh>) {
    let shards = grams.len();
    let mut joining: Vec<(usize, u64, u32)> = fresh
        .iter()
        .flat_map(|(id, _, posts)| {
            posts.iter().map(move |&p| {
                (
                    shard_of(p, shards),
                    (p >> 6) & GRAM_BITS,
                    id << 6 | (p & 63) as u32,
                )
            })
        })
        .collect();
    joining.sort_unstable();
    grams.par_iter_mut().enumerate().for_each(|(s, shard)| {
        let from = joining.partition_point(|e| e.0 < s);
        let to = joining.partition_point(|e| e.0 <= s);
        // The postings that leave; whether any other takes a new id.
        let mut leaving: Vec<(u64, u32)> = Vec::new();
        let mut moved = false;
        for g in 0..shard.grams.len() {
            for &p in shard.list(g) {
                match remap[(p >> 6) as usize] {
                    NONE => leaving.push((shard.grams[g], p)),
                    id => moved |= id != p >> 6,
                }
            }
        }
        // A document edited in place often leaves most of its postings as they were.
        let same = !moved
            && leaving.len() == to - from
            && leaving
                .iter()
                .zip(&joining[from..to])
                .all(|(l, j)| *l == (j.1, j.2));
        if same {
            return;
        }
        // The staying postings keep their order (ids only shift): merge the
        // joining ones in, no sort.
        let mut entries: Vec<(u64, u32)> = Vec::with_capacity(shard.posts.len() + to - from);
        let mut join = joining[from..to].iter().map(|e| (e.1, e.2)).peekable();
        for g in 0..shard.grams.len() {
            for &p in shard.list(g) {
                let id = remap[(p >> 6) as usize];
                if id != NONE {
                    let stay = (shard.grams[g], id << 6 | (p & 63));
                    while let Some(j) = join.next_if(|j| *j < stay) {
                        entries.push(j);
                    }
                    entries.push(stay);
                }
            }
        }
        entries.extend(join);
        debug_assert!(entries.windows(2).all(|w| w[0] < w[1]));
        let old = std::mem::take(&mut shard.file);
        *shard = make_shard(&entries, Some(old));
    });
}

impl Shard {
    /// The postings of gram `g`.
    fn list(&self, g: usize) -> &[u32] {
        let start = if g == 0 { 0 } else { self.ends[g - 1] as usize };
        &self.posts[start..self.ends[g] as usize]
    }
}

/// A shard from its `(gram, id << 6 | flags)` entries, sorted; its file is
/// `old` when the bytes are the same.
fn make_shard(entries: &[(u64, u32)], old: Option<Arc<[u8]>>) -> Shard {
    let mut shard = Shard {
        posts: entries.iter().map(|e| e.1).collect(),
        ..Shard::default()
    };
    let mut json = String::with_capacity(entries.len() * 4 + 2);
    json.push('{');
    let mut last_id = 0;
    for (i, &(g, p)) in entries.iter().enumerate() {
        let first = i == 0 || entries[i - 1].0 != g;
        if first {
            if i > 0 {
                shard.ends.push(i as u32);
                json.push_str("\",");
            }
            shard.grams.push(g);
            json.push('"');
            json.extend(
                [(g >> 21) as u32, (g & 0x1f_ffff) as u32]
                    .into_iter()
                    .filter_map(char::from_u32),
            );
            json.push_str("\":\"");
            last_id = 0;
        } else {
            json.push(',');
        }
        let (id, f) = (p >> 6, p & 63);
        push_base36(&mut json, id - last_id);
        last_id = id;
        if f != 4 {
            json.push(':');
            push_base36(&mut json, f);
        }
    }
    if !entries.is_empty() {
        shard.ends.push(entries.len() as u32);
        json.push('"');
    }
    json.push('}');
    let bytes = web(json);
    shard.file = match old {
        Some(old) if old == bytes => old,
        _ => bytes,
    };
    shard
}

fn push_base36(out: &mut String, mut n: u32) {
    const DIGITS: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut buf = [0u8; 8];
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = DIGITS[(n % 36) as usize];
        n /= 36;
        if n == 0 {
            break;
        }
    }
    out.extend(buf[i..].iter().map(|&b| b as char));
}
