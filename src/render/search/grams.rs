//! The gram shards: each document's postings, and the shards made from them,
//! all at once or brought up to date after an edit (see [`super::shards`]).

use std::sync::Arc;

use rayon::prelude::*;

use super::{fold, top, wordy, Doc};
use crate::render::Out;
use crate::text::escape::json_for_web;

/// A document id that does not exist.
pub(super) const NONE: u32 = u32::MAX;

/// A changed document: its id, what it gives the one-file index, its postings.
pub(super) type Fresh = (u32, u32, Posts);

/// A document's postings (see [`postings`]), kept until the gram shards are
/// made: every document's at once, the largest part of a large site's index
/// at its peak.
pub(crate) struct Posts {
    keep: Keep,
    /// Where the postings whose top [`TASK_BITS`] bits reach 1, 2 …
    /// [`TASKS`] − 1 begin (they are sorted): the gram shards are gathered by
    /// up to [`TASKS`] tasks, each taking the postings of one range of those
    /// bits from every document.
    /// Found while the postings are made and in the cache; found afterwards
    /// (a binary search of each document's postings, in a pass of its own)
    /// they missed the cache at every step.
    cuts: [u32; TASKS - 1],
}

/// The gather's tasks are told apart by this many top bits of a posting.
const TASK_BITS: u32 = 4;

/// The most tasks the gram shards are gathered by.
const TASKS: usize = 1 << TASK_BITS;

/// How [`Posts`] keeps its postings.
enum Keep {
    /// Every gram's two characters below U+10000 (all of a Chinese text but
    /// rare ideographs and emoji): each posting in five bytes, its gram's two
    /// characters and its flags; the hash before them is made again when
    /// read (eight bytes a posting were 38 MiB at 10,000 pages).
    Narrow { grams: Box<[u32]>, flags: Box<[u8]> },
    /// Each posting whole.
    Wide(Box<[u64]>),
}

impl Posts {
    /// `posts` (sorted), each a whole posting, kept in as few bytes as they
    /// allow.
    fn of(posts: &[u64]) -> Self {
        let mut cuts = [0u32; TASKS - 1];
        let mut at = 0;
        for (j, cut) in (1usize..).zip(&mut cuts) {
            at += posts[at..].partition_point(|&p| top(p, TASK_BITS) < j);
            *cut = at as u32;
        }
        let keep = if posts.iter().all(|&p| Narrow::fits((p >> 6) & GRAM_BITS)) {
            let grams = (posts.iter())
                .map(|&p| ((p >> 27 & 0xffff) << 16 | (p >> 6 & 0xffff)) as u32)
                .collect();
            let flags = posts.iter().map(|&p| (p & 63) as u8).collect();
            Keep::Narrow { grams, flags }
        } else {
            Keep::Wide(posts.into())
        };
        Posts { keep, cuts }
    }

    /// How many.
    pub(super) fn len(&self) -> usize {
        match &self.keep {
            Keep::Narrow { grams, .. } => grams.len(),
            Keep::Wide(p) => p.len(),
        }
    }

    /// Whether every gram's characters are below U+10000.
    fn is_narrow(&self) -> bool {
        matches!(self.keep, Keep::Narrow { .. })
    }

    /// Posting `i`, whole.
    fn get(&self, i: usize) -> u64 {
        u64::from(self.top16(i)) << 48 | self.low(i)
    }

    /// The top 16 bits of posting `i` (its gram's hash, bits reversed): for
    /// a narrow posting, made from its gram alone, its flags not read.
    fn top16(&self, i: usize) -> u16 {
        match &self.keep {
            Keep::Narrow { grams, .. } => {
                let g = u64::from(grams[i]);
                (gram_hash((g >> 16) << 21 | (g & 0xffff)) as u16).reverse_bits()
            }
            Keep::Wide(p) => (p[i] >> 48) as u16,
        }
    }

    /// Posting `i` without its top bits (`gram << 6 | flags`): no hash made.
    fn low(&self, i: usize) -> u64 {
        match &self.keep {
            Keep::Narrow { grams, flags } => {
                let g = u64::from(grams[i]);
                ((g >> 16) << 21 | (g & 0xffff)) << 6 | u64::from(flags[i])
            }
            Keep::Wide(p) => p[i] & ((1 << 48) - 1),
        }
    }

    /// Every posting, whole, in order.
    pub(super) fn iter(&self) -> impl Iterator<Item = u64> + '_ {
        (0..self.len()).map(|i| self.get(i))
    }

    /// Asks the processor to bring postings `from..to` (their grams, and
    /// their flags when `flags_too`) into its cache, a cache line at a time,
    /// for a read a little later (the gather reads a few postings of each
    /// document in turn, each document's elsewhere in memory: waiting for
    /// each missed the cache every time). Only a hint: nothing is read, and
    /// no address is made outside the postings.
    fn prefetch(&self, from: usize, to: usize, flags_too: bool) {
        #[cfg(target_arch = "x86_64")]
        {
            use std::arch::x86_64::{_mm_prefetch, _MM_HINT_T0};
            fn hint<T>(items: &[T], from: usize, to: usize) {
                let Some(range) = items.get(from..to) else {
                    return;
                };
                // The first item, one every 64 bytes, and the last: each line
                // the range touches.
                let step = (64 / std::mem::size_of::<T>()).max(1);
                for item in range.iter().step_by(step).chain(range.last()) {
                    // SAFETY: a prefetch reads nothing and cannot fault; the
                    // address is that of an item of the slice. (Safe to call
                    // in newer Rust; `unsafe` for the oldest one supported.)
                    #[allow(unused_unsafe)]
                    unsafe {
                        _mm_prefetch::<_MM_HINT_T0>(std::ptr::from_ref(item).cast());
                    }
                }
            }
            match &self.keep {
                Keep::Narrow { grams, flags } => {
                    hint(grams, from, to);
                    if flags_too {
                        hint(flags, from, to);
                    }
                }
                Keep::Wide(p) => hint(p, from, to),
            }
        }
        #[cfg(not(target_arch = "x86_64"))]
        let _ = (from, to, flags_too);
    }

    /// The first posting whose top [`TASK_BITS`] bits are at least `j` (0 to
    /// [`TASKS`]).
    fn cut(&self, j: usize) -> usize {
        match j {
            0 => 0,
            TASKS.. => self.len(),
            j => self.cuts[j - 1] as usize,
        }
    }
}

pub(super) fn web(json: String) -> Arc<[u8]> {
    Arc::from(json_for_web(json).into_bytes())
}

/// The packed bigram's bits in a posting (two code points of 21 bits).
const GRAM_BITS: u64 = (1 << 42) - 1;

/// A gram's list of this many bytes or more gets a file of its own
/// (`search/w/`), with the records of the documents it ranks first (see
/// [`top`]): a query fetches only the lists it needs, and a common word's
/// first screen comes with its list.
pub(super) const OWN_FILE: usize = 2048;

/// One gram shard: its grams in order, the end of each gram's postings, and the
/// postings (`id << 6 | flags`, by id), with the files they make.
#[derive(Default)]
pub(super) struct Shard {
    grams: Vec<u64>,
    ends: Vec<u32>,
    posts: Vec<u32>,
    /// The documents whose records its own-file grams carry (see [`top`]).
    tops: Vec<u32>,
    /// The shard's file: its grams' lists but those with a file of their own.
    pub(super) file: Arc<[u8]>,
    /// The grams with a file of their own (packed, in order), and those files.
    pub(super) own: Vec<(u64, Arc<[u8]>)>,
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
/// Flags: 1 title, 2 keywords, count in the text (at most 6: ranking counts no
/// more) × 4.
pub(super) fn postings(d: &Doc) -> Posts {
    thread_local! {
        /// The items of the document being read, and room to sort them in,
        /// kept from one document to the next: each document's postings are
        /// then one allocation of their own size. (A vector for every item,
        /// shrunk to the postings, left the freed rest of each too small for
        /// the next document's items: the heap grew by the items' size a
        /// document, tens of megabytes of a large site's peak.)
        static ITEMS: std::cell::RefCell<(Vec<u64>, Vec<u64>)> =
            const { std::cell::RefCell::new((Vec::new(), Vec::new())) };
    }
    ITEMS.with_borrow_mut(|(items, room)| {
        items.clear();
        let posts = postings_in(d, items, room);
        // Room for a long page is not kept for good.
        if items.capacity() > 1 << 16 {
            *items = Vec::new();
            *room = Vec::new();
        }
        posts
    })
}

/// [`postings`] with `items` (empty) to collect the document's items in, and
/// `room` to sort them.
fn postings_in(d: &Doc, items: &mut Vec<u64>, room: &mut Vec<u64>) -> Posts {
    items.reserve(d.x.len() / 3 + d.t.len() + d.w.len());
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
    sort_items(items, room);
    // Each run of one gram becomes one posting, written over the items in place;
    // every document's postings stay alive until the shards are made, so they
    // are copied out at their size.
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
        items[kept] = (gram << 6) | count.min(6) << 2 | bits;
        kept += 1;
        start = end;
    }
    Posts::of(&items[..kept])
}

/// Sorts a document's `items` by all but their flags (the low 6 bits), with
/// `room` for a copy: their top 16 bits (a hash, so spread evenly) by a radix
/// sort, then each run of equal top bits that holds two grams out of order on
/// its own. A comparison sort of a page's few thousand
/// items took 4% of a build's CPU. (Each gram's items are then together, as
/// the postings are made of them; the order of one gram's flags is of no
/// account.)
fn sort_items(items: &mut [u64], room: &mut Vec<u64>) {
    radix_sort(items, room, |p| p, 6);
    // Items of one gram share their top bits, so only where two grams do can
    // the order be wrong: found by one scan (a few places a page), and that
    // run of top bits is sorted.
    let mut i = 1;
    while i < items.len() {
        if items[i] >> 6 >= items[i - 1] >> 6 {
            i += 1;
            continue;
        }
        let top = items[i] >> 48;
        let start = items[..i]
            .iter()
            .rposition(|&p| p >> 48 != top)
            .map_or(0, |s| s + 1);
        let end = i + items[i..].iter().take_while(|&&p| p >> 48 == top).count();
        items[start..end].sort_unstable();
        i = end;
    }
}

/// Sorts `items` by the bytes of `key` from byte `from` (0 is the lowest) to
/// the top, a byte at a time from the lowest, each pass keeping the order of
/// equal bytes (a radix sort); bytes that every item shares take no pass, and
/// `room` holds the copy. Below 64 items, a comparison sort of the whole items
/// instead, which orders them at least as far.
fn radix_sort<T: Copy + Ord + Default>(
    items: &mut [T],
    room: &mut Vec<T>,
    key: impl Fn(T) -> u64,
    from: usize,
) {
    if items.len() < 64 {
        items.sort_unstable();
        return;
    }
    let byte = |t: T, b: usize| (key(t) >> (8 * b)) as usize & 255;
    room.clear();
    room.resize(items.len(), T::default());
    let (mut src, mut dst): (&mut [T], &mut [T]) = (items, room);
    let mut in_room = false;
    for b in from..8 {
        let mut c = [0usize; 256];
        for &t in src.iter() {
            c[byte(t, b)] += 1;
        }
        if c.contains(&src.len()) {
            continue;
        }
        let mut at = 0;
        for n in c.iter_mut() {
            (*n, at) = (at, at + *n);
        }
        for &t in src.iter() {
            let n = &mut c[byte(t, b)];
            dst[*n] = t;
            *n += 1;
        }
        std::mem::swap(&mut src, &mut dst);
        in_room = !in_room;
    }
    if in_room {
        dst.copy_from_slice(src);
    }
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
pub(super) fn shard_of(p: u64, shards: usize) -> usize {
    ((p >> 48) as u16).reverse_bits() as usize & (shards - 1)
}

/// A posting of a shard being made: its gram and its `id << 6 | flags`,
/// ordered by both.
trait Entry: Copy + Ord + Default + Send {
    fn new(gram: u64, post: u32) -> Self;
    fn gram(self) -> u64;
    fn post(self) -> u32;
    /// Sorts a shard's `entries`, placed in id order (the gather reads the
    /// documents in turn), with `room` to copy them into.
    fn sort_placed(entries: &mut [Self], _room: &mut Vec<Self>) {
        entries.sort_unstable();
    }
}

impl Entry for (u64, u32) {
    fn new(gram: u64, post: u32) -> Self {
        (gram, post)
    }
    fn gram(self) -> u64 {
        self.0
    }
    fn post(self) -> u32 {
        self.1
    }
}

/// An [`Entry`] whose gram's two characters are both below U+10000 (all of a
/// Chinese text but rare ideographs and emoji): both halves and the post in one
/// `u64`, in the same order, half the bytes to scatter and sort.
#[derive(Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
struct Narrow(u64);

impl Narrow {
    /// Whether gram `g` fits.
    fn fits(g: u64) -> bool {
        g >> 21 < 0x1_0000 && g & 0x1f_ffff < 0x1_0000
    }
}

impl Entry for Narrow {
    fn new(gram: u64, post: u32) -> Self {
        Narrow((gram >> 21) << 48 | (gram & 0xffff) << 32 | u64::from(post))
    }
    fn gram(self) -> u64 {
        (self.0 >> 48) << 21 | (self.0 >> 32 & 0xffff)
    }
    fn post(self) -> u32 {
        self.0 as u32
    }
    /// A radix sort of the gram (the top 32 bits): the entries of a gram
    /// keep their id order, so the whole is as a comparison sort leaves it (a
    /// posting's id is its gram's only one). The comparison sort was 3% of a
    /// build's CPU.
    fn sort_placed(entries: &mut [Self], room: &mut Vec<Self>) {
        radix_sort(entries, room, |e| e.0, 4);
        // Strictly: one posting per gram and document. Out of order here,
        // the entries were not placed in id order.
        debug_assert!(
            entries.windows(2).all(|w| w[0] < w[1]),
            "placed in id order"
        );
    }
}

/// Every gram shard, from every document's postings (`fresh`: every document,
/// in increasing id order, which the shards' radix sort relies on).
/// Without `keep` the shards keep only their files (nothing will patch them).
/// With `out`, each shard's files go there as soon as they are made (see
/// `shards::files_to`).
pub(super) fn full_grams(
    fresh: Vec<Fresh>,
    shards: usize,
    at: &Tops,
    (keep, out): (bool, Option<Out<'_>>),
) -> Vec<Shard> {
    let narrow = (fresh.par_iter()).all(|(_, _, posts)| posts.is_narrow());
    if narrow {
        gather::<Narrow>(&fresh, shards, at, (keep, out))
    } else {
        gather::<(u64, u32)>(&fresh, shards, at, (keep, out))
    }
}

/// The gather asks for the postings of the document this many ahead of the
/// one it reads (see [`Posts::prefetch`]).
const AHEAD: usize = 8;

/// [`full_grams`] with entries of type `E`.
fn gather<E: Entry>(
    fresh: &[Fresh],
    shards: usize,
    at: &Tops,
    (keep, out): (bool, Option<Out<'_>>),
) -> Vec<Shard> {
    let k = shards.trailing_zeros();
    // Ranges of the postings' top bits, each gathered by one task: a range
    // of their top four bits (see `Posts::cuts`).
    let tasks = shards.min(TASKS);
    let per = shards / tasks;
    let mut made: Vec<(usize, Shard)> = (0..tasks)
        .into_par_iter()
        .flat_map_iter(|t| -> Vec<(usize, Shard)> {
            let a = t * per;
            let (from, to) = (t * TASKS / tasks, (t + 1) * TASKS / tasks);
            let range = |d: usize| {
                let posts = &fresh[d].2;
                (posts.cut(from), posts.cut(to))
            };
            // The task's entries in one allocation of the exact size, shard
            // after shard (a counting sort by shard): no vector per shard
            // growing and copying itself, which left a large site's index
            // with tens of megabytes of fresh memory to clear.
            // Each posting's shard within the task is noted as it is counted
            // (`per` is at most 2^12), so that placing it reads it back: a
            // narrow posting's top bits are its gram's hash, made again on
            // every read (4% of a build's CPU when made in both passes).
            let mut starts = vec![0usize; per + 1];
            debug_assert!(per <= 1 << 16, "a task's shards are numbered in a u16");
            let total = (0..fresh.len())
                .map(&range)
                .map(|(from, to)| to - from)
                .sum();
            let mut buckets = Vec::<u16>::with_capacity(total);
            // The counting pass reads grams only, the placing pass flags too.
            let ahead = |d: usize, flags_too: bool| {
                if let Some((_, _, posts)) = fresh.get(d + AHEAD) {
                    let (from, to) = range(d + AHEAD);
                    posts.prefetch(from, to, flags_too);
                }
            };
            for (d, (_, _, posts)) in fresh.iter().enumerate() {
                ahead(d, false);
                let (from, to) = range(d);
                for top16 in (from..to).map(|i| posts.top16(i)) {
                    let i = top(u64::from(top16) << 48, k) - a;
                    starts[i + 1] += 1;
                    buckets.push(i as u16);
                }
            }
            for i in 0..per {
                starts[i + 1] += starts[i];
            }
            let mut entries = vec![E::default(); starts[per]];
            let mut next = starts.clone();
            let mut buckets = buckets.into_iter();
            for (d, (id, _, posts)) in fresh.iter().enumerate() {
                ahead(d, true);
                let (from, to) = range(d);
                for (p, i) in (from..to).map(|i| posts.low(i)).zip(&mut buckets) {
                    let i = usize::from(i);
                    entries[next[i]] = E::new((p >> 6) & GRAM_BITS, id << 6 | (p & 63) as u32);
                    next[i] += 1;
                }
            }
            debug_assert!(buckets.next().is_none(), "every posting placed");
            let mut room = Vec::new();
            let shards: Vec<(usize, Shard)> = (0..per)
                .map(|i| {
                    let entries = &mut entries[starts[i]..starts[i + 1]];
                    E::sort_placed(entries, &mut room);
                    let r = a + i;
                    let shard = if k == 0 {
                        0
                    } else {
                        (r as u64).reverse_bits() as usize >> (64 - k)
                    };
                    let mut made = make_shard(entries, None, at, keep);
                    if let Some(out) = out {
                        made.hand_to(out, shard);
                    }
                    (shard, made)
                })
                .collect();
            shards
        })
        .collect();
    made.sort_unstable_by_key(|(s, _)| *s);
    made.into_iter().map(|(_, s)| s).collect()
}

/// Up to this many leaving documents are searched for in each list (see
/// [`patch_grams`]); more, and every posting is read once.
const FEW_LEAVE: usize = 8;

/// Brings the gram shards up to date: the postings of documents that `remap`
/// drops leave, the others take their new ids, `fresh` postings join. Only the
/// shards whose postings change are made again. `visit`, when known, marks
/// the shards (one bit each) that held a leaving document: when no staying
/// document took a new id, the others are left alone unless postings join
/// them. Otherwise one pass over all postings finds them.
pub(super) fn patch_grams(
    grams: &mut [Shard],
    remap: &[u32],
    fresh: Vec<Fresh>,
    at: &Tops,
    visit: Option<&[u64]>,
) {
    let shards = grams.len();
    let mut joining: Vec<(usize, u64, u32)> = fresh
        .iter()
        .flat_map(|(id, _, posts)| {
            posts.iter().map(move |p| {
                (
                    shard_of(p, shards),
                    (p >> 6) & GRAM_BITS,
                    id << 6 | (p & 63) as u32,
                )
            })
        })
        .collect();
    joining.sort_unstable();
    // Whether every document that stays kept its id (an edit in place, a
    // page removed at the end): then only the marked shards can change, and
    // when few leave, their postings are found by searching each gram's list
    // (in id order) for them, not by reading every posting of the shard.
    let stays_put = (remap.iter().enumerate()).all(|(o, &id)| id == NONE || id as usize == o);
    let visit = visit.filter(|_| stays_put);
    let gone: Vec<u32> = (remap.iter().enumerate())
        .filter(|(_, &id)| id == NONE)
        .map(|(o, _)| o as u32)
        .collect();
    let few_leave = (stays_put && gone.len() <= FEW_LEAVE).then_some(gone);
    grams.par_iter_mut().enumerate().for_each(|(s, shard)| {
        let from = joining.partition_point(|e| e.0 < s);
        let to = joining.partition_point(|e| e.0 <= s);
        if from == to && visit.is_some_and(|v| v[s / 64] >> (s % 64) & 1 == 0) {
            return;
        }
        // The postings that leave; whether any other takes a new id.
        let mut leaving: Vec<(u64, u32)> = Vec::new();
        let mut moved = false;
        match &few_leave {
            Some(ids) => {
                for g in 0..shard.grams.len() {
                    let list = shard.list(g);
                    for &id in ids {
                        let at = list.partition_point(|&p| p >> 6 < id);
                        if let Some(&p) = list.get(at).filter(|&&p| p >> 6 == id) {
                            leaving.push((shard.grams[g], p));
                        }
                    }
                }
            }
            None => {
                for g in 0..shard.grams.len() {
                    for &p in shard.list(g) {
                        match remap[(p >> 6) as usize] {
                            NONE => leaving.push((shard.grams[g], p)),
                            id => moved |= id != p >> 6,
                        }
                    }
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
        let old = std::mem::take(shard);
        *shard = make_shard(&entries, Some(old), at, true);
    });
}

impl Shard {
    /// Hands the shard's files (number `n`) to `out`, keeping only their
    /// streamed marks.
    fn hand_to(&mut self, out: Out<'_>, n: usize) {
        out(&format!("search/g/{n}.json"), &self.file);
        self.file = crate::render::streamed().clone();
        for (g, file) in &mut self.own {
            out(&own_path(*g), file);
            *file = crate::render::streamed().clone();
        }
    }

    /// The postings of gram `g`.
    fn list(&self, g: usize) -> &[u32] {
        let start = if g == 0 { 0 } else { self.ends[g - 1] as usize };
        &self.posts[start..self.ends[g] as usize]
    }
}

/// A shard from its `(gram, id << 6 | flags)` entries, sorted. Its lists go to
/// its file, but a list of [`OWN_FILE`] bytes or more goes to a file of its own
/// with the records of the documents it ranks first. Each file is the `old`
/// shard's when the bytes are the same.
fn make_shard<E: Entry>(entries: &[E], old: Option<Shard>, at: &Tops, keep: bool) -> Shard {
    let mut shard = Shard::default();
    if keep {
        shard.posts = entries.iter().map(|e| e.post()).collect();
    }
    let old = old.unwrap_or_default();
    // The shard's file, written as bytes: its lists are ASCII, its grams
    // whole characters.
    let mut json = Vec::with_capacity(entries.len() + entries.len() / 4 + 2);
    json.push(b'{');
    let mut start = 0;
    while start < entries.len() {
        let gram = entries[start].gram();
        let mut end = start + 1;
        while end < entries.len() && entries[end].gram() == gram {
            end += 1;
        }
        let posts = &entries[start..end];
        if keep {
            shard.grams.push(gram);
            shard.ends.push(end as u32);
        }
        start = end;
        // The list is written in place; one too long for the shard's file
        // is taken out again for a file of its own.
        let entry = json.len();
        if json.len() > 1 {
            json.push(b',');
        }
        push_gram(&mut json, gram);
        let list = json.len();
        encode(&mut json, posts.iter().map(|e| e.post()));
        if json.len() - list < OWN_FILE {
            json.push(b'"');
            continue;
        }
        let mut own = Vec::with_capacity(json.len() - list + 8_000);
        own.push(b'{');
        push_gram(&mut own, gram);
        own.extend_from_slice(&json[list..]);
        own.push(b'"');
        json.truncate(entry);
        let mut own = String::from_utf8(own).expect("whole characters and ASCII");
        let mut first = top::first(
            posts.iter().map(|e| (e.post() >> 6, e.post() & 63)),
            at.kinds,
        );
        first.sort_unstable();
        top::close(&mut own, &first, at.records);
        if keep {
            shard.tops.extend(first);
        }
        let bytes = web(own);
        let bytes = match old.own.binary_search_by_key(&gram, |o| o.0) {
            Ok(i) if old.own[i].1 == bytes => old.own[i].1.clone(),
            _ => bytes,
        };
        shard.own.push((gram, bytes));
    }
    json.push(b'}');
    shard.tops.sort_unstable();
    shard.tops.dedup();
    let json = String::from_utf8(json).expect("whole characters and ASCII");
    let bytes = web(json);
    shard.file = if old.file == bytes { old.file } else { bytes };
    shard
}

/// `"gram":"`, the start of a gram's entry.
fn push_gram(json: &mut Vec<u8>, gram: u64) {
    json.push(b'"');
    for c in [(gram >> 21) as u32, (gram & 0x1f_ffff) as u32]
        .into_iter()
        .filter_map(char::from_u32)
    {
        json.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
    }
    json.extend_from_slice(b"\":\"");
}

/// The path of the file of a gram's own (packed): its code points in hex.
pub(super) fn own_path(gram: u64) -> String {
    format!("search/w/{:x}-{:x}.json", gram >> 21, gram & 0x1f_ffff)
}

/// The digits of the lists: printable ASCII but `"`, backslash, `<`, `>` and `&` (none
/// needs escaping in JSON or for the web). The first [`LAST`] end a number,
/// the others ([`MORE`] of them) come before its last digit.
const DIGITS: &[u8; 89] =
    b"!#$%'()*+,-./0123456789:;=?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_`abcdefghijklmnopqrstuvwxyz{|}~";
const LAST: u32 = 64;
const MORE: u32 = 25;

/// A gram's postings (`id << 6 | flags`, by id) as the browser reads them: for
/// each, `(gap - 1) × 4 + s` (gap from the previous id, the first from -1),
/// where `s` is 0, 1, 2 for flags 4, 8, 12 (once, twice, three times in the
/// text, not in title or keywords) and 3 for any other flags, which follow as
/// one digit. Most postings take one character.
fn encode(out: &mut Vec<u8>, posts: impl Iterator<Item = u32>) {
    let mut next = 0;
    for p in posts {
        let (id, f) = (p >> 6, p & 63);
        let s = match f {
            4 | 8 | 12 => f / 4 - 1,
            _ => 3,
        };
        push_number(out, (id - next) * 4 + s);
        if s == 3 {
            out.push(DIGITS[f as usize]);
        }
        next = id + 1;
    }
}

/// `n` in the lists' digits: `n / LAST` in base [`MORE`] (if not 0), then `n % LAST`.
fn push_number(out: &mut Vec<u8>, n: u32) {
    let mut high = n / LAST;
    if high > 0 {
        let mut buf = [0u8; 8];
        let mut i = buf.len();
        while high > 0 {
            i -= 1;
            buf[i] = DIGITS[(LAST + high % MORE) as usize];
            high /= MORE;
        }
        out.extend_from_slice(&buf[i..]);
    }
    out.push(DIGITS[(n % LAST) as usize]);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The browser's reading of a list (minsheng.js `decode`).
    fn decode(list: &str) -> Vec<u32> {
        let value = |c: char| DIGITS.iter().position(|&d| d as char == c).unwrap() as u32;
        let (mut out, mut next, mut high) = (Vec::new(), 0, 0);
        let mut cs = list.chars();
        while let Some(c) = cs.next() {
            let d = value(c);
            if d >= LAST {
                high = high * MORE + d - LAST;
                continue;
            }
            let n = high * LAST + d;
            high = 0;
            let id = next + n / 4;
            let f = match n % 4 {
                3 => value(cs.next().unwrap()),
                s => 4 * (s + 1),
            };
            out.push(id << 6 | f);
            next = id + 1;
        }
        out
    }

    fn doc(x: String, t: String, w: String) -> Doc {
        Doc {
            t,
            w,
            x,
            p: "p/".into(),
            k: "page",
            c: String::new(),
            d: None,
            s: String::new(),
        }
    }

    /// Checks [`postings`] against counting each gram as a reader would.
    fn check_postings(d: &Doc) {
        let mut want: std::collections::BTreeMap<u64, u64> = Default::default();
        for (s, tag) in [(&d.x, 4u64), (&d.t, 1), (&d.w, 2)] {
            let chars: Vec<char> = s.chars().map(fold).collect();
            for pair in chars.windows(2).filter(|p| wordy(p[0]) && wordy(p[1])) {
                let g = (pair[0] as u64) << 21 | pair[1] as u64;
                let f = want.entry(g).or_default();
                *f = match tag {
                    4 => (*f & 3) | ((*f >> 2) + 1).min(6) << 2,
                    _ => *f | tag,
                };
            }
        }
        let got: Vec<u64> = postings(d).iter().collect();
        assert!(got.windows(2).all(|w| w[0] < w[1]), "sorted");
        let mut got: Vec<(u64, u64)> = (got.iter())
            .map(|p| ((p >> 6) & GRAM_BITS, p & 63))
            .collect();
        got.sort_unstable();
        assert_eq!(got, want.into_iter().collect::<Vec<_>>());
    }

    proptest::proptest! {
        /// Postings kept in five bytes read back whole, their top bits as
        /// they were, and where their top four bits reach each value is found
        /// as by reading every one.
        #[test]
        fn postings_read_back_as_they_were_made(
            grams in proptest::collection::vec((0u64..0x11_0000, 0u64..0x11_0000, 0u64..64), 0..200),
            narrow in proptest::bool::ANY,
        ) {
            let cap = |c: u64| if narrow { c & 0xffff } else { c };
            let mut posts: Vec<u64> = (grams.iter())
                .map(|&(a, b, f)| {
                    let g = cap(a) << 21 | cap(b);
                    u64::from((gram_hash(g) as u16).reverse_bits()) << 48 | g << 6 | f
                })
                .collect();
            posts.sort_unstable();
            posts.dedup_by_key(|p| *p >> 6);
            let kept = Posts::of(&posts);
            proptest::prop_assert_eq!(kept.iter().collect::<Vec<_>>(), posts.clone());
            proptest::prop_assert_eq!(kept.len(), posts.len());
            if narrow {
                proptest::prop_assert!(kept.is_narrow());
            }
            for j in 0..=TASKS {
                let want = posts.iter().position(|&p| top(p, TASK_BITS) >= j).unwrap_or(posts.len());
                proptest::prop_assert_eq!(kept.cut(j), want);
            }
            for (i, p) in posts.iter().enumerate() {
                proptest::prop_assert_eq!(u64::from(kept.top16(i)), p >> 48);
            }
        }

        /// A document's items are sorted as a comparison sort sorts them
        /// (but for the flags of equal grams), also when many share their
        /// top bits.
        #[test]
        fn items_are_sorted_as_by_comparing(
            items in proptest::collection::vec((0u64..300, 0u64..1 << 48), 0..2000),
        ) {
            // A few hundred values of the top 16 bits, spread over them.
            let mut items: Vec<u64> = (items.iter())
                .map(|&(top, low)| (top * 218) << 48 | low)
                .collect();
            let mut want = items.clone();
            want.sort_unstable();
            sort_items(&mut items, &mut vec![1, 2, 3]);
            // The same items, in order but for the flags of equal grams.
            proptest::prop_assert!(items.windows(2).all(|w| w[0] >> 6 <= w[1] >> 6));
            items.sort_unstable();
            proptest::prop_assert_eq!(items, want);
        }

        /// A shard's entries, placed in id order, are sorted by the radix
        /// sort as by comparing them, also when grams share some bytes.
        #[test]
        fn placed_entries_are_sorted_as_by_comparing(
            docs in proptest::collection::vec(
                proptest::collection::btree_set((0u64..3, 0u64..100, 0u64..2), 0..40),
                0..200,
            ),
            flags in 0u32..64,
            // Which bytes of the grams differ: some passes are skipped, an
            // odd number of them is made.
            steps in (proptest::sample::select(vec![0u64, 1, 0x100, 0x101]),
                      proptest::sample::select(vec![0u64, 1, 0x100, 0x83])),
        ) {
            let mut entries = Vec::new();
            for (id, grams) in docs.iter().enumerate() {
                // A document's grams come in hash order, not gram order.
                let mut grams: Vec<u64> = (grams.iter())
                    .map(|&(a, b, c)| (0x4e00 + a * steps.0) << 21 | (0x6000 + b * steps.1 + c))
                    .collect();
                grams.sort_unstable();
                grams.dedup();
                grams.sort_unstable_by_key(|&g| gram_hash(g));
                for g in grams {
                    entries.push(Narrow::new(g, (id as u32) << 6 | flags));
                }
            }
            let mut want = entries.clone();
            want.sort_unstable();
            Narrow::sort_placed(&mut entries, &mut vec![Narrow(7)]);
            proptest::prop_assert!(entries == want);
        }

        /// A document's postings are one per gram with its flags.
        #[test]
        fn postings_count_each_gram_once_with_its_flags(
            x in "[a-z0-9养老服务ａA ，。]{0,3000}",
            t in "[养老服务 ]{0,12}",
            w in "[老服ＡB ]{0,12}",
        ) {
            check_postings(&doc(x, t, w));
        }
    }

    #[test]
    fn lists_are_read_back_as_written_mostly_one_character_each() {
        let posts: Vec<u32> = [(0, 4), (1, 8), (2, 12), (3, 1), (5, 4), (20, 27), (21, 4)]
            .into_iter()
            .chain((0..40).map(|i| (100 + i * 3, 4)))
            .chain([(1000, 4), (70_000, 5), (70_001, 24), (67_108_863, 4)])
            .map(|(id, f)| id << 6 | f)
            .collect();
        let mut list = Vec::new();
        encode(&mut list, posts.iter().copied());
        let list = String::from_utf8(list).unwrap();
        assert_eq!(decode(&list), posts);
        assert!(list.is_ascii() && !list.contains(['"', '\\', '<', '>', '&']));
        // Small gaps with common flags take one character, other flags one more.
        assert!(list.starts_with("!#$%#'a@!j^+++"), "{list}");
        assert_eq!(list.len(), 6 + 2 + 1 + 2 + 39 + 3 + 5 + 2 + 6, "{list}");
    }
}
