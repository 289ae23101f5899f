//! The first screen of a common word, carried by its gram's file. A word found
//! on most pages of a large site ranks documents spread over many document
//! shards: fetching them would cost a second round of requests, ten of them,
//! after the gram's list. So a gram whose list has a file of its own (see
//! `OWN_FILE` in [`super::grams`]) also carries there the records (as in the
//! document shards) of the documents it ranks first, under the key `"#"`; the
//! browser ranks from the postings as always and takes a record from there
//! when it has it, from the document shards otherwise. A wrong or missing
//! record here costs a fetch, never a result.

use std::sync::Arc;

use serde::Serialize;

use super::Doc;

/// Characters of text a document's record keeps for snippets.
pub(crate) const SNIPPET_TEXT: usize = 160;
/// Documents a common gram carries: the first screen shows ten.
pub(crate) const TOP: usize = 10;

/// A document's record, as the document shards hold it: title, path,
/// category, date, summary and the start of its text; not its kind (in
/// `search.json`) or keywords.
#[derive(Serialize)]
struct Record<'a> {
    t: &'a str,
    p: &'a str,
    c: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    d: Option<&'a str>,
    s: Summary<'a>,
    x: &'a str,
}

/// The summary; where the text starts with it (most do: the text is made
/// summary first), only its length in characters.
#[derive(Serialize)]
#[serde(untagged)]
enum Summary<'a> {
    Text(&'a str),
    Start(usize),
}

/// A document's record (JSON, not yet escaped for the web).
pub(crate) fn record(d: &Doc) -> Arc<str> {
    let x = match d.x.char_indices().nth(SNIPPET_TEXT) {
        Some((at, _)) => &d.x[..at],
        None => &d.x,
    };
    let s = match x.starts_with(&d.s) {
        true => Summary::Start(d.s.chars().count()),
        false => Summary::Text(&d.s),
    };
    let r = Record {
        t: &d.t,
        p: &d.p,
        c: &d.c,
        d: d.d.as_deref(),
        s,
        x,
    };
    Arc::from(serde_json::to_string(&r).unwrap_or_default())
}

/// What `MinshengSearch` adds for a kind (its letter).
fn boost(kind: u8) -> u32 {
    match kind {
        b'g' => 30,
        b'i' => 12,
        b't' => 8,
        b'p' => 6,
        b'd' | b'a' => 5,
        _ => 4,
    }
}

/// How a document ranks for a query of this one gram, as `MinshengSearch`
/// ranks it, smallest first: guides first, then by score, then by id. Flags:
/// 1 title, 2 keywords, count in the text × 4.
fn rank(kind: u8, flags: u32, id: u32) -> (u8, std::cmp::Reverse<u32>, u32) {
    let count = flags >> 2;
    let mut score = (flags & 1) * 40 + (flags >> 1 & 1) * 15;
    if count > 0 {
        score += 8 + count.min(6);
    }
    if score == 0 {
        score = 6;
    }
    let tier = if kind == b'g' { 1 } else { 2 };
    (tier, std::cmp::Reverse(score + boost(kind)), id)
}

/// The ids a gram's postings (`(id, flags)` by id) rank first, when more than
/// [`TOP`] documents hold it.
pub(crate) fn first(posts: impl ExactSizeIterator<Item = (u32, u32)>, kinds: &[u8]) -> Vec<u32> {
    if posts.len() <= TOP {
        return Vec::new();
    }
    // The best so far, in order: a common gram's thousands of postings are
    // mostly turned away by one comparison with the last of them (ranking
    // them all in a vector took 60 MB of allocations a 10,000-page build).
    let mut best = Vec::with_capacity(TOP + 1);
    for (id, f) in posts {
        let r = rank(kinds[id as usize], f, id);
        if best.len() == TOP {
            if r >= best[TOP - 1] {
                continue;
            }
            best.pop();
        }
        let at = best.partition_point(|b| *b < r);
        best.insert(at, r);
    }
    best.into_iter().map(|r| r.2).collect()
}

/// Ends a gram's file (`{` and its list, without the closing brace): the
/// records of `ids` under `"#"`, and the brace.
pub(crate) fn close(json: &mut String, ids: &[u32], records: &[Arc<str>]) {
    if !ids.is_empty() {
        json.push_str(if json.len() > 1 {
            ",\"#\":{"
        } else {
            "\"#\":{"
        });
        for (i, &id) in ids.iter().enumerate() {
            if i > 0 {
                json.push(',');
            }
            json.push('"');
            json.push_str(&id.to_string());
            json.push_str("\":");
            json.push_str(&records[id as usize]);
        }
        json.push('}');
    }
    json.push('}');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_common_gram_ranks_as_the_browser_does() {
        // Twelve pages, one guide (id 11), page 3 with the gram in its title,
        // page 5 with it six times in the text.
        let kinds = b"pppppppppppg";
        let posts: Vec<(u32, u32)> = (0..12)
            .map(|id| match id {
                3 => (id, 1 | 4),
                5 => (id, 6 << 2),
                _ => (id, 4),
            })
            .collect();
        let first = first(posts.iter().copied(), kinds);
        // Guide first, then title, then count, then ids in order; 9 and 10 left out.
        assert_eq!(first, [11, 3, 5, 0, 1, 2, 4, 6, 7, 8]);
        // Ten or fewer documents: no first screen (their shards are few).
        assert!(super::first(posts[..10].iter().copied(), kinds).is_empty());
    }

    proptest::proptest! {
        /// The first ten are those of ranking every posting and sorting.
        #[test]
        fn the_first_are_the_best_ranked_of_all(
            flags in proptest::collection::vec((0u32..4, 0u32..7, 0u8..3), 11..60),
        ) {
            let kinds: Vec<u8> = flags.iter().map(|f| b"gpi"[f.2 as usize]).collect();
            let posts: Vec<(u32, u32)> = (flags.iter().enumerate())
                .map(|(id, &(bits, count, _))| (id as u32, bits | count << 2))
                .collect();
            let mut all: Vec<_> = posts.iter().map(|&(id, f)| rank(kinds[id as usize], f, id)).collect();
            all.sort_unstable();
            let want: Vec<u32> = all.iter().take(TOP).map(|r| r.2).collect();
            proptest::prop_assert_eq!(first(posts.into_iter(), &kinds), want);
        }
    }

    #[test]
    fn a_record_gives_a_summary_the_text_starts_with_by_its_length() {
        let mut d = Doc {
            t: "标题".into(),
            p: "a/".into(),
            k: "page",
            c: "栏目".into(),
            d: None,
            s: "摘要𠀀".into(),
            w: "关键词".into(),
            x: format!("摘要𠀀 正文{}", "长".repeat(200)),
        };
        let r = record(&d);
        let want = format!(
            "{{\"t\":\"标题\",\"p\":\"a/\",\"c\":\"栏目\",\"s\":3,\"x\":\"摘要𠀀 正文{}\"}}",
            "长".repeat(SNIPPET_TEXT - 6)
        );
        assert_eq!(&*r, want);
        d.s = "另一段摘要".into();
        d.d = Some("2024年1月1日".into());
        let r = record(&d);
        assert!(
            r.contains("\"d\":\"2024年1月1日\",\"s\":\"另一段摘要\",\"x\""),
            "{r}"
        );
    }

    #[test]
    fn a_file_ends_with_the_records_it_carries() {
        let records: Vec<Arc<str>> = (0..11)
            .map(|i| Arc::from(format!("{{\"t\":{i}}}")))
            .collect();
        let mut json = "{\"ab\":\"!!\"".to_string();
        close(&mut json, &[2, 10], &records);
        assert_eq!(
            json,
            "{\"ab\":\"!!\",\"#\":{\"2\":{\"t\":2},\"10\":{\"t\":10}}}"
        );
        let mut alone = "{".to_string();
        close(&mut alone, &[], &records);
        assert_eq!(alone, "{}");
    }
}
