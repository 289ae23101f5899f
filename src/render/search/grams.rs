//! The gram shards: each document's postings, and the shards made from them,
//! all at once or brought up to date after an edit (see [`super::shards`]).

use std::sync::Arc;

use rayon::prelude::*;

use super::{fold, top, wordy, Doc};
use crate::text::escape::json_for_web;

/// A document id that does not exist.
pub(super) const NONE: u32 = u32::MAX;

/// A changed document: its id, what it gives the one-file index, its postings.
pub(super) type Fresh = (u32, u32, Vec<u64>);

pub(super) fn web(json: String) -> Arc<[u8]> {
    Arc::from(json_for_web(json).into_bytes())
}

/// The packed bigram's bits in a posting (two code points of 21 bits).
const GRAM_BITS: u64 = (1 << 42) - 1;

/// One gram shard: its grams in order, the end of each gram's postings, and the
/// postings (`id << 6 | flags`, by id), with the file they make.
#[derive(Default)]
pub(super) struct Shard {
    grams: Vec<u64>,
    ends: Vec<u32>,
    posts: Vec<u32>,
    /// The documents whose records it carries (see [`top`]).
    tops: Vec<u32>,
    pub(super) file: Arc<[u8]>,
}

/// What the gram shards need to know of every document to carry first screens.
pub(super) struct Tops<'a> {
    /// Each document's kind letter.
    pub(super) kinds: &'a [u8],
    /// Each document's record.
    pub(super) records: &'a [Arc<str>],
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
pub(super) fn postings(d: &Doc) -> Vec<u64> {
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
pub(super) fn full_grams(fresh: Vec<Fresh>, shards: usize, at: &Tops) -> Vec<Shard> {
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
                (shard, make_shard(&entries, None, at))
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
pub(super) fn patch_grams(grams: &mut [Shard], remap: &[u32], fresh: Vec<Fresh>, at: &Tops) {
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
        // A document edited in place often leaves most of its postings as they
        // were; but if the shard carries its record, that may have changed.
        let same = !moved
            && shard.tops.iter().all(|&t| remap[t as usize] != NONE)
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
        *shard = make_shard(&entries, Some(old), at);
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
fn make_shard(entries: &[(u64, u32)], old: Option<Arc<[u8]>>, at: &Tops) -> Shard {
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
    let firsts = (0..shard.grams.len())
        .map(|g| {
            let list = shard.list(g);
            let posts = list.iter().map(|p| (p >> 6, p & 63));
            (list.len(), shard.grams[g], top::first(posts, at.kinds))
        })
        .collect();
    shard.tops = top::chosen(firsts, at.records);
    top::close(&mut json, &shard.tops, at.records);
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
