//! The search index's files as the first sharded version made them, in one
//! plain pass (one sort of every posting): the reference the incremental
//! [`super::shards`] must match byte for byte.

use super::grams::OWN_FILE;
use super::shards::{Meta, DOCS_PER_SHARD, SHARD_ABOVE};
use super::top::SNIPPET_TEXT;
use super::{fold, hash, kind_letter, top, wordy, Doc, Index};

const GRAM_SHARD_BYTES: usize = 24_000;

/// The files of the index: `search.json` alone for a small site; for a large
/// one, `search.json` describes the shards (format 4), `search/g/<n>.json` map
/// each bigram to the documents holding it (see [`encode`]; flags 1 title,
/// 2 keywords, count in the text × 4), but a long list has its own file
/// `search/w/<code points>.json` with its first screen's records;
/// `search/d/<n>.json` hold the documents with the start of their text.
pub(super) fn files(index: &Index) -> Vec<(String, String)> {
    let rough: usize = index
        .docs
        .iter()
        .map(|d| d.t.len() + d.p.len() + d.c.len() + d.s.len() + d.w.len() + d.x.len() + 48)
        .sum();
    if rough <= 2 * SHARD_ABOVE {
        let one = serde_json::to_string(index).unwrap_or_else(|_| "{}".into());
        if one.len() <= SHARD_ABOVE {
            return vec![("search.json".into(), one)];
        }
    }
    let postings = all_postings(index);
    let total: usize = postings.len() * 4;
    let shards = (total / GRAM_SHARD_BYTES).max(1).next_power_of_two();
    let (grams, own) = gram_files(index, &postings, shards);
    let meta = Meta {
        v: 4,
        n: index.docs.len(),
        per: DOCS_PER_SHARD,
        g: shards,
        b: own.concat(),
        k: index.docs.iter().map(|d| kind_letter(d.k)).collect(),
        syn: &index.syn,
    };
    let mut out = vec![(
        "search.json".to_string(),
        serde_json::to_string(&meta).unwrap_or_default(),
    )];
    out.extend(grams);
    out.extend(doc_files(index));
    out
}

/// Postings, bigrams packed in a u64: (gram, doc, flags), flags = title 1,
/// keywords 2, count in the text (at most 6) × 4; sorted.
fn all_postings(index: &Index) -> Vec<(u64, u32, u8)> {
    use rayon::prelude::*;
    let mut postings: Vec<(u64, u32, u8)> = index
        .docs
        .par_iter()
        .enumerate()
        .flat_map_iter(|(id, d)| {
            let mut text = packed_bigrams(&d.x);
            text.sort_unstable();
            let title = packed_bigrams(&d.t);
            let kw = packed_bigrams(&d.w);
            let mut mine: Vec<(u64, u8)> = Vec::with_capacity(text.len() + title.len());
            for run in text.chunk_by(|a, b| a == b) {
                mine.push((run[0], (run.len().min(6) as u8) << 2));
            }
            for (list, bit) in [(title, 1u8), (kw, 2u8)] {
                for g in list {
                    match mine.binary_search_by_key(&g, |e| e.0) {
                        Ok(i) => mine[i].1 |= bit,
                        Err(_) => mine.push((g, bit)),
                    }
                }
                mine.sort_unstable_by_key(|e| e.0);
                mine.dedup_by(|a, b| {
                    let same = a.0 == b.0;
                    if same {
                        b.1 |= a.1;
                    }
                    same
                });
            }
            mine.into_iter().map(move |(g, f)| (g, id as u32, f))
        })
        .collect();
    postings.par_sort_unstable();
    postings
}

/// The gram shards, from the sorted postings, and the files of the grams
/// whose list is too long for a shard (with the records of their first
/// screen); and those grams, in order.
fn gram_files(
    index: &Index,
    postings: &[(u64, u32, u8)],
    shards: usize,
) -> (Vec<(String, String)>, Vec<String>) {
    use rayon::prelude::*;
    let kinds: Vec<u8> = index.docs.iter().map(|d| kind_letter(d.k) as u8).collect();
    let records: Vec<std::sync::Arc<str>> = index.docs.iter().map(top::record).collect();
    let groups: Vec<&[(u64, u32, u8)]> = postings.chunk_by(|a, b| a.0 == b.0).collect();
    let lists: Vec<(String, String)> = groups
        .par_iter()
        .map(|group| {
            let list = encode(group.iter().map(|&(_, id, f)| (id, f)));
            (unpack(group[0].0), list)
        })
        .collect();
    let mut gram_files: Vec<std::collections::BTreeMap<&str, &str>> =
        vec![Default::default(); shards];
    let mut out = Vec::new();
    let mut own = Vec::new();
    for ((gram, list), group) in lists.iter().zip(&groups) {
        if list.len() < OWN_FILE {
            gram_files[(hash(gram) as usize) % shards].insert(gram, list);
            continue;
        }
        let mut first = top::first(group.iter().map(|&(_, id, f)| (id, f as u32)), &kinds);
        first.sort_unstable();
        let mut json = serde_json::to_string(
            &[(gram, list)]
                .into_iter()
                .collect::<std::collections::BTreeMap<_, _>>(),
        )
        .unwrap_or_default();
        json.pop();
        top::close(&mut json, &first, &records);
        let path: Vec<String> = gram.chars().map(|c| format!("{:x}", c as u32)).collect();
        out.push((format!("search/w/{}.json", path.join("-")), json));
        own.push(gram.clone());
    }
    out.extend(gram_files.iter().enumerate().map(|(i, m)| {
        (
            format!("search/g/{i}.json"),
            serde_json::to_string(m).unwrap_or_default(),
        )
    }));
    (out, own)
}

/// The digits of the lists.
const DIGITS: &str =
    "!#$%'()*+,-./0123456789:;=?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_`abcdefghijklmnopqrstuvwxyz{|}~";

/// A list: for each document, `(gap - 1) * 4 + s` (gap from the previous id,
/// the first from -1; `s` 0, 1, 2 for flags 4, 8, 12, else 3 and the flags as
/// one more digit), a number as its quotient by 64 in base 25 (digits 64 on)
/// then its remainder.
fn encode(posts: impl Iterator<Item = (u32, u8)>) -> String {
    let digit = |d: usize| DIGITS.as_bytes()[d] as char;
    let mut out = String::new();
    let mut next = 0;
    for (id, f) in posts {
        let s = if matches!(f, 4 | 8 | 12) {
            f / 4 - 1
        } else {
            3
        };
        let n = (id - next) as usize * 4 + s as usize;
        let mut high = Vec::new();
        let mut q = n / 64;
        while q > 0 {
            high.push(digit(64 + q % 25));
            q /= 25;
        }
        out.extend(high.iter().rev());
        out.push(digit(n % 64));
        if s == 3 {
            out.push(digit(f as usize));
        }
        next = id + 1;
    }
    out
}

/// The document shards.
fn doc_files(index: &Index) -> Vec<(String, String)> {
    use rayon::prelude::*;
    (index.docs.par_chunks(DOCS_PER_SHARD).enumerate())
        .map(|(i, chunk)| {
            // Title, path, category, date, summary (its length where the
            // text starts with it), the start of the text.
            let docs: Vec<String> = chunk
                .iter()
                .map(|d| {
                    let x: String = d.x.chars().take(SNIPPET_TEXT).collect();
                    let s = if x.starts_with(&d.s) {
                        d.s.chars().count().to_string()
                    } else {
                        serde_json::to_string(&d.s).unwrap_or_default()
                    };
                    let date = (d.d.as_ref())
                        .map(|v| format!(",\"d\":{}", serde_json::to_string(v).unwrap_or_default()))
                        .unwrap_or_default();
                    let text = |v: &str| serde_json::to_string(v).unwrap_or_default();
                    format!(
                        "{{\"t\":{},\"p\":{},\"c\":{}{date},\"s\":{s},\"x\":{}}}",
                        text(&d.t),
                        text(&d.p),
                        text(&d.c),
                        text(&x)
                    )
                })
                .collect();
            (
                format!("search/d/{i}.json"),
                format!("[{}]", docs.join(",")),
            )
        })
        .collect()
}

/// The bigrams of `s`'s words, folded, each two characters packed in a u64.
fn packed_bigrams(s: &str) -> Vec<u64> {
    let mut out = Vec::with_capacity(s.len() / 3);
    let mut prev: Option<char> = None;
    for c in s.chars().map(fold) {
        if wordy(c) {
            if let Some(p) = prev {
                out.push(((p as u64) << 32) | c as u64);
            }
            prev = Some(c);
        } else {
            prev = None;
        }
    }
    out
}

fn unpack(g: u64) -> String {
    [(g >> 32) as u32, g as u32]
        .into_iter()
        .filter_map(char::from_u32)
        .collect()
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::super::shards::{self, Docs, Memo};
    use super::*;

    struct List(Vec<Doc>);

    impl Docs for List {
        fn len(&self) -> usize {
            self.0.len()
        }
        fn path(&self, i: usize) -> &str {
            &self.0[i].p
        }
        fn key(&self, i: usize) -> u64 {
            crate::render::ctx::key_of_serialized(&self.0[i])
        }
        fn kind(&self, i: usize) -> char {
            kind_letter(self.0[i].k)
        }
        fn doc(&self, i: usize) -> Doc {
            self.0[i].clone()
        }
    }

    fn doc(i: usize, words: &str) -> Doc {
        Doc {
            t: format!("第{i}号服务指南"),
            p: format!("p/{i:05}/"),
            k: if i % 3 == 0 { "guide" } else { "page" },
            c: "栏目".into(),
            d: None,
            s: "摘要".into(),
            w: "老年人 ＡＢ".into(),
            x: format!("{words}免费健康体检,每年一次。编号{i}，第{}组。", i % 17).repeat(5),
        }
    }

    fn syn() -> Vec<Vec<String>> {
        vec![vec!["体检".into(), "健康检查".into()]]
    }

    /// Checks `files` against the reference, for a fresh memo, for `memo`, and
    /// for a memo of a one-shot build (`last`), given the last one's again: its
    /// shards kept no lists, so it must not be patched.
    fn check(docs: &[Doc], memo: &mut Memo, step: &str) -> Vec<(String, Arc<[u8]>)> {
        let want = files(&Index {
            v: 2,
            syn: syn(),
            docs: docs.to_vec(),
        });
        let list = List(docs.to_vec());
        for (how, got) in [
            ("fresh", shards::files(&list, &syn(), &mut Memo::default())),
            ("incremental", shards::files(&list, &syn(), memo)),
            ("one-shot", shards::files(&list, &syn(), &mut one_shot())),
            ("one-shot, then not", {
                // A memo whose shards dropped their lists, given to a build
                // that keeps them: it must not be patched either.
                let mut memo = one_shot();
                let mut earlier = docs.to_vec();
                if let Some(d) = earlier.last_mut() {
                    d.x.push_str("先前");
                }
                shards::files(&List(earlier), &syn(), &mut memo);
                memo.last = false;
                shards::files(&list, &syn(), &mut memo)
            }),
            ("one-shot again", {
                let mut last = one_shot();
                let mut earlier = docs.to_vec();
                earlier.truncate(docs.len().saturating_sub(1));
                if let Some(d) = earlier.first_mut() {
                    d.x.push_str("先前");
                }
                shards::files(&List(earlier), &syn(), &mut last);
                shards::files(&list, &syn(), &mut last)
            }),
        ] {
            let mut got: Vec<(String, String)> = got
                .into_iter()
                .map(|(p, b)| (p, String::from_utf8(b.to_vec()).unwrap()))
                .collect();
            got.sort();
            let mut want = want.clone();
            want.sort();
            assert_eq!(got.len(), want.len(), "{step} {how}: number of files");
            for (g, w) in got.iter().zip(&want) {
                assert_eq!(g, w, "{step} {how}");
            }
        }
        shards::files(&list, &syn(), memo)
    }

    fn one_shot() -> Memo {
        let mut memo = Memo::default();
        memo.last = true;
        memo
    }

    #[test]
    fn incremental_shards_equal_the_reference_after_every_kind_of_change() {
        // Enough documents that the grams they all hold (two characters a
        // document) get files of their own.
        let mut docs: Vec<Doc> = (0..1100).map(|i| doc(i, "")).collect();
        let mut memo = Memo::default();
        let first = check(&docs, &mut memo, "first");
        assert!(first.iter().any(|(p, _)| p == "search/g/0.json"));
        assert!(first.iter().any(|(p, _)| p == "search/d/137.json"));
        // 体检 (U+4F53 U+68C0): in every document's text, five times.
        assert!(first.iter().any(|(p, _)| p == "search/w/4f53-68c0.json"));
        let biggest = first.iter().map(|(_, t)| t.len()).max().unwrap();
        assert!(biggest < 30_000, "a file of {biggest} bytes");

        // One document's text: only the shards of its grams are made again.
        docs[234].x.push_str("新增的词语：养老驿站");
        let after = check(&docs, &mut memo, "edit");
        let made_again = after
            .iter()
            .zip(&first)
            .filter(|(a, b)| !Arc::ptr_eq(&a.1, &b.1))
            .count();
        assert!(
            made_again > 0 && made_again < 40,
            "{made_again} files made again"
        );
        // A title, a new document in the middle, one removed, one at the end.
        docs[7].t = "改过的标题".into();
        check(&docs, &mut memo, "title");
        // A guide that common grams rank first: its record changes in the
        // shards that carry it, where its postings stay the same.
        docs[3].s = "改过的摘要".into();
        check(&docs, &mut memo, "summary of a first-ranked guide");
        docs.insert(500, doc(99_999, "插入"));
        check(&docs, &mut memo, "insert");
        docs.remove(600);
        check(&docs, &mut memo, "remove");
        docs.push(doc(100_000, "末尾"));
        let count = |files: &[(String, Arc<[u8]>)]| {
            files
                .iter()
                .filter(|(p, _)| p.starts_with("search/g/"))
                .count()
        };
        let before = count(&check(&docs, &mut memo, "append"));
        // Enough new text that the number of gram shards changes.
        for (i, d) in docs.iter_mut().enumerate() {
            let new: String = (0..60)
                .filter_map(|k| char::from_u32(0x4e00 + ((i * 61 + k * 7) % 20_000) as u32))
                .collect();
            d.x.push_str(&new);
        }
        let more = check(&docs, &mut memo, "more shards");
        assert!(count(&more) > before, "{} gram shards", count(&more));
        // Small again: one file.
        docs.truncate(20);
        let one = check(&docs, &mut memo, "small");
        assert_eq!(one.len(), 1);
        docs.extend((20..1100).map(|i| doc(i, "又")));
        check(&docs, &mut memo, "large again");
        // Characters beyond U+FFFF (rare ideographs): a full build's grams
        // then take the wide entries; in a title, keywords and text.
        docs[9].x.push_str("𠀀𠀁，𠀀𠀁");
        docs[10].t.push_str("𠀀𠀁");
        docs[11].w.push_str(" 体𠀀");
        let wide = check(&docs, &mut Memo::default(), "rare ideographs");
        assert!(wide.iter().any(|(p, _)| p == "search/g/0.json"));
    }
}
