//! The search index (`search.json`), built at build time over every page type:
//! service guides with all their answers, pages with their full text, indicators
//! with their questions and values, glossary terms (whose aliases are the
//! synonyms), domains, audiences and sections. The browser ranks it
//! (`MinshengSearch` in minsheng.js): CJK-aware through bigrams, guides and exact
//! title matches first, a snippet around the match.

use serde::Serialize;

use crate::domains::DOMAINS;
use crate::render::indicators::page_path;
use crate::render::views::Body;
use crate::site::{Site, SERVICES_DIR};

/// How much of a page's text the index keeps (characters).
pub const MAX_TEXT: usize = 6000;

/// One searchable thing.
#[derive(Debug, Clone, Serialize)]
pub struct Doc {
    /// Title.
    pub t: String,
    /// Site path (may carry a `#fragment`).
    pub p: String,
    /// Kind: guide, page, indicator, glossary, domain, audience, section.
    pub k: &'static str,
    /// Category as readers see it (the section's title, 民生指标， 词语解释 …).
    pub c: String,
    /// Chinese date, when dated.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub d: Option<String>,
    /// Summary, shown when no snippet is found.
    pub s: String,
    /// Keywords: who it is for, life events, domains, aliases, the question.
    pub w: String,
    /// The text searched and quoted in snippets.
    pub x: String,
}

/// The whole index.
#[derive(Debug, Clone, Serialize)]
pub struct Index {
    /// Format version.
    pub v: u32,
    /// Groups of words that mean the same (a glossary term and its aliases).
    pub syn: Vec<Vec<String>>,
    /// Everything searchable.
    pub docs: Vec<Doc>,
}

/// Builds the index. `bodies` and `summaries` are in page order.
pub fn index(site: &Site, bodies: &[Body], summaries: &[&str]) -> Index {
    use rayon::prelude::*;
    let mut docs: Vec<Doc> = site
        .pages
        .par_iter()
        .enumerate()
        .map(|(i, p)| {
            let body = bodies[i].1.text();
            let fm = &p.fm;
            let mut x = String::new();
            let mut push = |s: &str| {
                if !s.is_empty() {
                    if !x.is_empty() {
                        x.push(' ');
                    }
                    x.push_str(s);
                }
            };
            push(summaries[i]);
            let guide = p.dir == SERVICES_DIR;
            if guide {
                push(fm.what_you_get.as_deref().unwrap_or_default());
                for s in fm
                    .who_can_apply
                    .iter()
                    .chain(&fm.how_to_apply)
                    .chain(&fm.documents)
                {
                    push(s);
                }
                if let Some(pl) = &fm.place {
                    for s in [&pl.office, &pl.address, &pl.hours, &pl.phone]
                        .into_iter()
                        .flatten()
                    {
                        push(s);
                    }
                }
                for s in [&fm.cost, &fm.time_to_decide, &fm.contact, &fm.legal_basis]
                    .into_iter()
                    .flatten()
                {
                    push(s);
                }
            }
            push(body);
            let mut w: Vec<&str> = Vec::new();
            w.extend(
                p.audiences
                    .iter()
                    .map(|&a| site.config.audiences[a].name.as_str()),
            );
            w.extend(
                p.events
                    .iter()
                    .map(|&e| site.config.events[e].name.as_str()),
            );
            w.extend(p.domains.iter().map(|&d| DOMAINS[d].name));
            Doc {
                t: p.title.clone(),
                p: p.path.clone(),
                k: if guide { "guide" } else { "page" },
                c: site.sections[p.section].title.clone(),
                d: p.date.as_ref().map(|d| d.zh()),
                s: summaries[i].to_string(),
                w: w.join(" "),
                x: cap(x),
            }
        })
        .collect();
    for ind in &site.indicators {
        let mut x = vec![ind.question.clone()];
        let values: Vec<String> = ind
            .series
            .iter()
            .map(|pt| {
                format!(
                    "{}：{}{}",
                    pt.period.zh(),
                    ind.show(pt.value),
                    if pt.sample { "（示例）" } else { "" }
                )
            })
            .collect();
        if !values.is_empty() {
            x.push(values.join("\u{ff1b}"));
        }
        x.push(ind.status.kind.label().to_string());
        x.push(ind.status.reason.clone());
        if let Some(t) = &ind.target {
            x.push(format!("目标：{}年达到{}", t.year, ind.show(t.value)));
        }
        let districts: Vec<&str> = ind.districts.iter().map(|(d, _)| d.as_str()).collect();
        if !districts.is_empty() {
            x.push(districts.join("、"));
        }
        x.push(ind.notes.clone());
        x.push(ind.source.clone());
        x.retain(|s| !s.is_empty());
        docs.push(Doc {
            t: ind.title.clone(),
            p: page_path(&ind.id),
            k: "indicator",
            c: "民生指标".into(),
            d: None,
            s: ind.question.clone(),
            w: format!("{} {}", ind.question, DOMAINS[ind.domain].name),
            x: cap(x.join(" ")),
        });
    }
    for t in &site.glossary {
        docs.push(Doc {
            t: t.term.clone(),
            p: format!("glossary/#{}", t.id),
            k: "glossary",
            c: "词语解释".into(),
            d: None,
            s: t.plain.clone(),
            w: t.aliases.join(" "),
            x: t.plain.clone(),
        });
    }
    for d in &DOMAINS {
        docs.push(Doc {
            t: d.name.into(),
            p: format!("domains/{}/", d.slug),
            k: "domain",
            c: "服务领域".into(),
            d: None,
            s: d.plain.into(),
            w: String::new(),
            x: d.plain.into(),
        });
    }
    for a in &site.config.audiences {
        docs.push(Doc {
            t: a.name.clone(),
            p: format!("audiences/{}/", a.slug),
            k: "audience",
            c: "服务对象".into(),
            d: None,
            s: a.description.clone(),
            w: String::new(),
            x: a.description.clone(),
        });
    }
    for s in site.sections.iter().skip(1) {
        let desc = s.fm.description.clone().unwrap_or_default();
        docs.push(Doc {
            t: s.title.clone(),
            p: s.path.clone(),
            k: "section",
            c: "栏目".into(),
            d: None,
            s: desc.clone(),
            w: String::new(),
            x: desc,
        });
    }
    let syn = site
        .glossary
        .iter()
        .filter(|t| !t.aliases.is_empty())
        .map(|t| {
            std::iter::once(t.term.clone())
                .chain(t.aliases.iter().cloned())
                .collect()
        })
        .collect();
    Index { v: 2, syn, docs }
}

/// Above this size (bytes) the one-file index is split into shards, so that a
/// query downloads only what it needs (a few gram shards and the documents of
/// its first results) instead of the whole index.
pub const SHARD_ABOVE: usize = 300_000;
/// Documents per document shard.
pub const DOCS_PER_SHARD: usize = 16;
/// Characters of text a document shard keeps for snippets.
pub const SNIPPET_TEXT: usize = 160;
/// Target size of a gram shard (bytes).
const GRAM_SHARD_BYTES: usize = 24_000;

/// The files of the index: `search.json` alone for a small site; for a large
/// one, `search.json` describes the shards (format 3), `search/g/<n>.json` map
/// each bigram to the documents holding it (`gap[:flags],…`: document ids as
/// gaps in base 36; flags 1 title, 2 keywords, count in the text × 4, omitted
/// when 4), `search/d/<n>.json` hold the documents with the start of their text.
pub fn files(index: &Index) -> Vec<(String, String)> {
    use rayon::prelude::*;
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
    // Postings, bigrams packed in a u64: (gram, doc, flags), flags = title 1,
    // keywords 2, count in the text (at most 15) × 4.
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
                mine.push((run[0], (run.len().min(15) as u8) << 2));
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
    let total: usize = postings.len() * 4;
    let shards = (total / GRAM_SHARD_BYTES).max(1).next_power_of_two();
    // Each gram's list, written in parallel, then placed in its shard.
    let groups: Vec<&[(u64, u32, u8)]> = postings.chunk_by(|a, b| a.0 == b.0).collect();
    let lists: Vec<(usize, String, String)> = groups
        .par_iter()
        .map(|group| {
            let gram = unpack(group[0].0);
            // Ids as gaps from the previous one; flags only when not "once in the text".
            let mut list = String::with_capacity(group.len() * 4);
            let mut last = 0;
            for &(_, id, f) in group.iter() {
                if !list.is_empty() {
                    list.push(',');
                }
                push_base36(&mut list, (id - last) as usize);
                last = id;
                if f != 4 {
                    list.push(':');
                    push_base36(&mut list, f as usize);
                }
            }
            ((hash(&gram) as usize) % shards, gram, list)
        })
        .collect();
    let mut gram_files: Vec<std::collections::BTreeMap<String, String>> =
        vec![Default::default(); shards];
    for (shard, gram, list) in lists {
        gram_files[shard].insert(gram, list);
    }
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
    let meta = Meta {
        v: 3,
        n: index.docs.len(),
        per: DOCS_PER_SHARD,
        g: shards,
        k: index.docs.iter().map(|d| kind_letter(d.k)).collect(),
        syn: &index.syn,
    };
    let mut out = vec![(
        "search.json".to_string(),
        serde_json::to_string(&meta).unwrap_or_default(),
    )];
    out.par_extend(gram_files.par_iter().enumerate().map(|(i, m)| {
        (
            format!("search/g/{i}.json"),
            serde_json::to_string(m).unwrap_or_default(),
        )
    }));
    out.par_extend(
        index
            .docs
            .par_chunks(DOCS_PER_SHARD)
            .enumerate()
            .map(|(i, chunk)| {
                let docs: Vec<Doc> = chunk
                    .iter()
                    .map(|d| Doc {
                        x: d.x.chars().take(SNIPPET_TEXT).collect(),
                        w: String::new(),
                        ..d.clone()
                    })
                    .collect();
                (
                    format!("search/d/{i}.json"),
                    serde_json::to_string(&docs).unwrap_or_default(),
                )
            }),
    );
    out
}

/// The kinds' letters in the shard description (`MinshengSearch` reads them).
fn kind_letter(k: &str) -> char {
    match k {
        "guide" => 'g',
        "indicator" => 'i',
        "glossary" => 't',
        "domain" => 'd',
        "audience" => 'a',
        "section" => 's',
        _ => 'p',
    }
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

fn push_base36(out: &mut String, mut n: usize) {
    const DIGITS: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut buf = [0u8; 16];
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = DIGITS[n % 36];
        n /= 36;
        if n == 0 {
            break;
        }
    }
    out.extend(buf[i..].iter().map(|&b| b as char));
}

/// FNV-1a over code points; minsheng.js computes the same to find a gram's shard.
pub fn hash(s: &str) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for c in s.chars() {
        h ^= c as u32;
        h = h.wrapping_mul(0x0100_0193);
    }
    h
}

/// How the browser folds text before matching: full-width letters and digits
/// as ASCII, lower case.
pub fn fold(c: char) -> char {
    match c {
        // Fast paths, same answers: ASCII, and CJK ideographs (no case).
        c if c.is_ascii() => c.to_ascii_lowercase(),
        '\u{4e00}'..='\u{9fff}' => c,
        '\u{ff10}'..='\u{ff19}' | '\u{ff21}'..='\u{ff3a}' | '\u{ff41}'..='\u{ff5a}' => {
            char::from_u32(c as u32 - 0xfee0)
                .unwrap_or(c)
                .to_ascii_lowercase()
        }
        c => c.to_lowercase().next().unwrap_or(c),
    }
}

/// True for characters a search word is made of (not spaces or punctuation).
fn wordy(c: char) -> bool {
    match c {
        c if c.is_ascii() => c.is_ascii_alphanumeric(),
        '\u{4e00}'..='\u{9fff}' => true,
        c => c.is_alphanumeric(),
    }
}

/// The distinct two-character pieces of the words of `s`, folded.
pub fn bigrams(s: &str) -> std::collections::BTreeSet<String> {
    let chars: Vec<char> = s.chars().map(fold).collect();
    chars
        .windows(2)
        .filter(|w| wordy(w[0]) && wordy(w[1]))
        .map(|w| w.iter().collect())
        .collect()
}

fn cap(mut s: String) -> String {
    if let Some((i, _)) = s.char_indices().nth(MAX_TEXT) {
        s.truncate(i);
    }
    s
}

/// The text a reader sees in rendered HTML: tags dropped (block ends become a
/// space), charts, scripts and glossary tooltips left out, entities decoded.
pub fn html_text(html: &str) -> String {
    const SKIP: [&str; 3] = ["svg", "script", "style"];
    const BLOCK: [&str; 16] = [
        "p",
        "li",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "td",
        "th",
        "br",
        "div",
        "dt",
        "dd",
        "figcaption",
        "caption",
    ];
    let mut out = String::with_capacity(html.len() / 2);
    let mut rest = html;
    // Depth inside an element whose text is left out, and its tag name.
    let mut skip: Option<(&str, usize)> = None;
    while let Some(lt) = rest.find('<') {
        if skip.is_none() {
            out.push_str(&decode(&rest[..lt]));
        }
        let Some(gt) = rest[lt..].find('>') else {
            break;
        };
        let tag = &rest[lt + 1..lt + gt];
        rest = &rest[lt + gt + 1..];
        let closing = tag.starts_with('/');
        let name_start = usize::from(closing);
        let name: &str = tag[name_start..]
            .split(|c: char| c.is_whitespace() || c == '/')
            .next()
            .unwrap_or("");
        let self_closing = tag.ends_with('/');
        match &mut skip {
            Some((n, depth)) if n.eq_ignore_ascii_case(name) && !self_closing => {
                if closing {
                    *depth -= 1;
                    if *depth == 0 {
                        skip = None;
                    }
                } else {
                    *depth += 1;
                }
            }
            Some(_) => {}
            None => {
                let lower = name.to_ascii_lowercase();
                if !closing
                    && !self_closing
                    && (SKIP.contains(&lower.as_str())
                        || (lower == "span" && tag.contains("class=\"term-tip\"")))
                {
                    let n = SKIP
                        .iter()
                        .find(|s| **s == lower)
                        .copied()
                        .unwrap_or("span");
                    skip = Some((n, 1));
                } else if BLOCK.contains(&lower.as_str()) && !out.ends_with(' ') {
                    out.push(' ');
                }
            }
        }
    }
    if skip.is_none() {
        out.push_str(&decode(rest));
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn decode(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.contains('&') {
        return s.into();
    }
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&nbsp;", " ")
        .replace("&amp;", "&")
        .into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_of_html_leaves_out_charts_and_tooltips() {
        let html = "<h2 id=\"a\">谁能申请</h2><p>年满<strong>65岁</strong>的<span class=\"term-wrap\"><a class=\"term\" href=\"#\">托养</a><span class=\"term-tip\" role=\"tooltip\">由专门机构照料</span></span>老人 &amp; 家人</p><figure><svg><text>2022</text></svg><figcaption>图</figcaption></figure>";
        assert_eq!(html_text(html), "谁能申请 年满65岁的托养老人 & 家人 图");
    }

    #[test]
    fn hash_and_bigrams_match_the_browser() {
        // minsheng.js: hash("体检") with FNV-1a over code points.
        assert_eq!(hash("体检"), 0x5afe_c1c6);
        let g: Vec<String> = bigrams("免费体检,ＡＢ1").into_iter().collect();
        assert_eq!(g, ["ab", "b1", "体检", "免费", "费体"]);
    }

    #[test]
    fn a_large_index_is_sharded_and_each_shard_is_small() {
        let docs = (0..3000)
            .map(|i| Doc {
                t: format!("第{i}号服务指南"),
                p: format!("p/{i}/"),
                k: if i % 3 == 0 { "guide" } else { "page" },
                c: "栏目".into(),
                d: None,
                s: "摘要".into(),
                w: "老年人".into(),
                x: format!("免费健康体检,每年一次。编号{i}。").repeat(20),
            })
            .collect();
        let files = files(&Index {
            v: 2,
            syn: vec![],
            docs,
        });
        assert_eq!(files[0].0, "search.json");
        assert!(files[0].1.contains("\"v\":3"));
        assert!(files.iter().any(|(p, _)| p == "search/g/0.json"));
        assert!(files.iter().any(|(p, _)| p == "search/d/187.json"));
        let biggest = files.iter().map(|(_, t)| t.len()).max().unwrap();
        assert!(biggest < 120_000, "a shard of {biggest} bytes");
    }

    #[test]
    fn long_text_is_capped_on_a_character_boundary() {
        let s = cap("民".repeat(MAX_TEXT + 10));
        assert_eq!(s.chars().count(), MAX_TEXT);
    }
}
