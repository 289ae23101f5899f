//! The search index (`search.json`), built at build time over every page type:
//! service guides with all their answers, pages with their full text, indicators
//! with their questions and values, glossary terms (whose aliases are the
//! synonyms), domains, audiences and sections. The browser ranks it
//! (`MinshengSearch` in minsheng.js): CJK-aware through bigrams, guides and exact
//! title matches first, a snippet around the match.

use serde::Serialize;

use crate::domains::DOMAINS;
use crate::render::indicators::page_path;
use crate::render::markdown::Body;
use crate::site::{Page, Site, SERVICES_DIR};

mod grams;
#[cfg(test)]
mod reference;
pub(crate) mod shards;
mod top;

/// Whether `path` (of the output) is where the index's files go: `search.json`
/// and its shards, `search/{g,w,d}/….json`.
pub(crate) fn is_index_path(path: &str) -> bool {
    path == "search.json" || (path.starts_with("search/") && path.ends_with(".json"))
}

/// How much of a page's text the index keeps (characters).
pub(crate) const MAX_TEXT: usize = 6000;

/// One searchable thing.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Doc {
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
pub(crate) struct Index {
    /// Format version.
    pub v: u32,
    /// Groups of words that mean the same (a glossary term and its aliases).
    pub syn: Vec<Vec<String>>,
    /// Everything searchable.
    pub docs: Vec<Doc>,
}

/// The groups of words that mean the same: each glossary term with its aliases.
pub(crate) fn synonyms(site: &Site) -> Vec<Vec<String>> {
    site.glossary
        .iter()
        .filter(|t| !t.aliases.is_empty())
        .map(|t| {
            std::iter::once(t.term.clone())
                .chain(t.aliases.iter().cloned())
                .collect()
        })
        .collect()
}

/// The document of page `p`. Without `body` its text (`x`) is left empty: the
/// rest is cheap, and with the page's source version and body key it keys the
/// whole document.
pub(crate) fn page_doc(site: &Site, p: &Page, summary: &str, body: Option<&str>) -> Doc {
    page_doc_of(site, p, summary, body.map(PageText::Text), String::new())
}

/// A page's body as its document takes it.
#[derive(Clone, Copy)]
pub(crate) enum PageText<'a> {
    /// The words, ready.
    Text(&'a str),
    /// The rendered HTML, read for its words straight into the document's
    /// text (see [`crate::render::markdown::html_text`]).
    Html(&'a str),
}

/// [`page_doc`] from a body as text or as HTML, its text made in `x` (empty:
/// a buffer to reuse).
pub(crate) fn page_doc_of(
    site: &Site,
    p: &Page,
    summary: &str,
    body: Option<PageText>,
    mut x: String,
) -> Doc {
    debug_assert!(x.is_empty());
    let fm = &p.fm;
    let guide = p.dir == SERVICES_DIR;
    if let Some(body) = body {
        let mut push = |s: &str| {
            if !s.is_empty() {
                if !x.is_empty() {
                    x.push(' ');
                }
                x.push_str(s);
            }
        };
        push(summary);
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
        match body {
            PageText::Text(text) => push(text),
            PageText::Html(html) => crate::render::markdown::html_text_into(html, &mut x),
        }
    }
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
        s: summary.to_string(),
        w: w.join(" "),
        x: cap(x),
    }
}

/// The documents that are not pages: indicators, glossary terms, domains,
/// audiences and sections, in that order.
pub(crate) fn other_docs(site: &Site) -> Vec<Doc> {
    let mut docs = Vec::new();
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
    docs
}

/// The kinds' letters in the shard description (`MinshengSearch` reads them).
pub(crate) fn kind_letter(k: &str) -> char {
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

/// A one-shot build's page documents, each made by its page's job from the
/// page's HTML, which is then freed (see `Bodies::hand_off`): what the index
/// takes of each, and the documents themselves while the pages' share of the
/// one-file index stays small enough for it (only then are they read again).
pub(crate) struct Ahead {
    made: Vec<std::sync::Mutex<Option<shards::Made>>>,
    /// Set for each page made ahead: its document, if kept.
    docs: Vec<std::sync::OnceLock<Option<Doc>>>,
    /// The pages' share of the one-file index so far (bytes, roughly).
    rough: std::sync::atomic::AtomicUsize,
}

impl Ahead {
    /// Room for the documents of `pages` pages.
    pub(crate) fn new(pages: usize) -> Self {
        Ahead {
            made: (0..pages).map(|_| Default::default()).collect(),
            docs: (0..pages).map(|_| Default::default()).collect(),
            rough: Default::default(),
        }
    }

    /// Makes page `i`'s document from its summary and its body's `html`.
    pub(crate) fn put(&self, site: &Site, i: usize, summary: &str, html: &str) {
        thread_local! {
            /// Room for the text of the next document, when this one is not
            /// kept (a fresh buffer a page went through the allocator's slow
            /// path, slower the larger the heap).
            static TEXT: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
        }
        let text = TEXT.take();
        let doc = page_doc_of(
            site,
            &site.pages[i],
            summary,
            Some(PageText::Html(html)),
            text,
        );
        let made = shards::Made::of(&doc);
        let rough = made.rough as usize;
        let before = (self.rough).fetch_add(rough, std::sync::atomic::Ordering::Relaxed);
        // A one-file index holds at most twice this (`shards::files`): when
        // the pages' share ends up no larger, no page's share went past it
        // on the way, so every page kept its document.
        let keep = before + rough <= 2 * shards::SHARD_ABOVE;
        if keep {
            let _ = self.docs[i].set(Some(doc));
        } else {
            let _ = self.docs[i].set(None);
            let mut text = doc.x;
            if text.capacity() <= 1 << 20 {
                text.clear();
                TEXT.set(text);
            }
        }
        *self.made[i].lock().unwrap_or_else(|e| e.into_inner()) = Some(made);
    }
}

/// The documents of a site, made one at a time when needed: first those that
/// are not pages (indicators, glossary terms, domains, audiences, sections),
/// then the pages in the order they were published: undated pages (by file),
/// then dated ones from the oldest (by date, then file). A new article, dated
/// today, then takes the next id: no other document's id moves, so only the
/// gram lists it joins and the last document shard change (in file order a
/// page added anywhere moved every id after it, and with them ~2,900 of the
/// index's files at 10,000 pages). Ties in ranking go to the lower id.
pub(crate) struct SiteDocs<'a> {
    site: &'a Site,
    bodies: &'a [Body],
    summaries: &'a [&'a str],
    /// Page index of each page document, in id order.
    order: Vec<usize>,
    /// Each page document's key, in id order.
    page_keys: Vec<u64>,
    others: Vec<(Doc, u64)>,
    /// Page documents made ahead, by page index.
    ahead: Option<&'a Ahead>,
}

impl<'a> SiteDocs<'a> {
    /// `bodies` and `summaries` are in page order; `summary_keys` key each page's
    /// listing entry (title, path, date, section, summary, terms). A page's
    /// document is then keyed by that, its source version (the guide's answers)
    /// and its body's key (the body text).
    pub(crate) fn new(
        site: &'a Site,
        bodies: &'a [Body],
        summaries: &'a [&'a str],
        summary_keys: &[u64],
    ) -> Self {
        use rayon::prelude::*;
        // Pages are sorted by file already: sorting by date, then by that
        // place, keeps that order among pages of one date (and among the
        // undated, first). The dates are gathered first: reaching into every
        // page from the sort missed the cache at each comparison.
        let mut dated: Vec<_> = (site.pages.iter().enumerate())
            .map(|(i, p)| (p.date, i))
            .collect();
        dated.sort_unstable();
        let order: Vec<usize> = dated.into_iter().map(|(_, i)| i).collect();
        let page_keys = order
            .par_iter()
            .map(|&i| {
                let p = &site.pages[i];
                crate::text::hash::key_of((summary_keys[i], p.version, bodies[i].0))
            })
            .collect();
        let others = other_docs(site)
            .into_iter()
            .map(|d| {
                let key = crate::render::ctx::key_of_serialized(&d);
                (d, key)
            })
            .collect();
        SiteDocs {
            site,
            bodies,
            summaries,
            order,
            page_keys,
            others,
            ahead: None,
        }
    }

    /// The same, taking page documents made `ahead` (the rest are made here).
    pub(crate) fn with_ahead(mut self, ahead: Option<&'a Ahead>) -> Self {
        self.ahead = ahead;
        self
    }

    /// Document `i`: a page (its index and itself) or another document.
    fn page(&self, i: usize) -> Result<(usize, &Page), &(Doc, u64)> {
        match i.checked_sub(self.others.len()) {
            Some(j) => {
                let p = self.order[j];
                Ok((p, &self.site.pages[p]))
            }
            None => Err(&self.others[i]),
        }
    }
}

impl shards::Docs for SiteDocs<'_> {
    fn len(&self) -> usize {
        self.others.len() + self.order.len()
    }
    fn path(&self, i: usize) -> &str {
        match self.page(i) {
            Ok((_, p)) => &p.path,
            Err(o) => &o.0.p,
        }
    }
    fn key(&self, i: usize) -> u64 {
        match i.checked_sub(self.others.len()) {
            Some(j) => self.page_keys[j],
            None => self.others[i].1,
        }
    }
    fn kind(&self, i: usize) -> char {
        match self.page(i) {
            Ok((_, p)) if p.dir == SERVICES_DIR => 'g',
            Ok(_) => 'p',
            Err(o) => kind_letter(o.0.k),
        }
    }
    fn doc(&self, i: usize) -> Doc {
        match self.page(i) {
            Ok((j, p)) => match self.ahead.and_then(|a| a.docs.get(j)?.get()) {
                Some(Some(d)) => d.clone(),
                // Read again only for a one-file index, made only when every
                // page kept its document (`all_at_hand`).
                Some(None) => unreachable!("a page's document was not kept"),
                None => self.page_doc(j, p),
            },
            Err(o) => o.0.clone(),
        }
    }
    fn all_at_hand(&self) -> bool {
        // Always so when the pages' share is small enough for a one-file
        // index (see `Ahead::put`); checked, not assumed.
        (self.ahead.iter().flat_map(|a| &a.docs)).all(|d| !matches!(d.get(), Some(None)))
    }
    fn made(&self, i: usize) -> Option<shards::Made> {
        let (j, _) = self.page(i).ok()?;
        let slot = self.ahead?.made.get(j)?;
        slot.lock().unwrap_or_else(|e| e.into_inner()).take()
    }
}

impl SiteDocs<'_> {
    /// Page `j`'s document, made from its body.
    fn page_doc(&self, j: usize, p: &Page) -> Doc {
        page_doc(
            self.site,
            p,
            self.summaries[j],
            Some(&self.bodies[j].1.text()),
        )
    }
}

/// FNV-1a over code points; minsheng.js computes the same to find a gram's shard.
/// (The build hashes packed grams the same way: `shards::gram_hash`; this is the
/// readable form the tests check against the browser's.)
#[cfg(test)]
pub(crate) fn hash(s: &str) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for c in s.chars() {
        h ^= c as u32;
        h = h.wrapping_mul(0x0100_0193);
    }
    h
}

/// How the browser folds text before matching: full-width letters and digits
/// as ASCII, lower case.
pub(crate) fn fold(c: char) -> char {
    match c {
        // Fast paths, same answers: ASCII, CJK ideographs and Chinese
        // punctuation (no case).
        c if c.is_ascii() => c.to_ascii_lowercase(),
        '\u{4e00}'..='\u{9fff}' => c,
        c if is_cjk_punctuation(c) => c,
        '\u{ff10}'..='\u{ff19}' | '\u{ff21}'..='\u{ff3a}' | '\u{ff41}'..='\u{ff5a}' => {
            char::from_u32(c as u32 - 0xfee0)
                .unwrap_or(c)
                .to_ascii_lowercase()
        }
        c => c.to_lowercase().next().unwrap_or(c),
    }
}

/// True for characters a search word is made of (not spaces or punctuation).
pub(crate) fn wordy(c: char) -> bool {
    match c {
        c if c.is_ascii() => c.is_ascii_alphanumeric(),
        '\u{4e00}'..='\u{9fff}' => true,
        c if is_cjk_punctuation(c) => false,
        c => c.is_alphanumeric(),
    }
}

/// The punctuation of Chinese text (a tenth of its characters): no case, not
/// a letter or digit. Answered here, where Unicode's tables took a search each.
fn is_cjk_punctuation(c: char) -> bool {
    matches!(
        c,
        '，' | '。'
            | '、'
            | '：'
            | '；'
            | '！'
            | '？'
            | '（'
            | '）'
            | '“'
            | '”'
            | '‘'
            | '’'
            | '《'
            | '》'
            | '〈'
            | '〉'
            | '【'
            | '】'
            | '「'
            | '」'
            | '—'
            | '…'
            | '·'
            | '％'
    )
}

/// The distinct two-character pieces of the words of `s`, folded (the tests'
/// readable form of what the build packs).
#[cfg(test)]
pub(crate) fn bigrams(s: &str) -> std::collections::BTreeSet<String> {
    let chars: Vec<char> = s.chars().map(fold).collect();
    chars
        .windows(2)
        .filter(|w| wordy(w[0]) && wordy(w[1]))
        .map(|w| w.iter().collect())
        .collect()
}

fn cap(mut s: String) -> String {
    // No more bytes than characters allowed: nothing to count.
    if s.len() <= MAX_TEXT {
        return s;
    }
    if let Some((i, _)) = s.char_indices().nth(MAX_TEXT) {
        s.truncate(i);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_and_bigrams_match_the_browser() {
        // minsheng.js: hash("体检") with FNV-1a over code points.
        assert_eq!(hash("体检"), 0x5afe_c1c6);
        let g: Vec<String> = bigrams("免费体检,ＡＢ1").into_iter().collect();
        assert_eq!(g, ["ab", "b1", "体检", "免费", "费体"]);
    }

    #[test]
    fn quick_answers_are_unicode_answers() {
        // The characters the fast paths answer: folded as Unicode lower-cases
        // them, wordy as Unicode calls them letters or digits.
        let quick = |c: &char| {
            c.is_ascii() || ('\u{4e00}'..='\u{9fff}').contains(c) || is_cjk_punctuation(*c)
        };
        for c in (0..=0x10ffff).filter_map(char::from_u32).filter(quick) {
            assert_eq!(fold(c), c.to_lowercase().next().unwrap_or(c), "{c:?}");
            assert_eq!(wordy(c), c.is_alphanumeric(), "{c:?}");
        }
    }

    #[test]
    fn long_text_is_capped_on_a_character_boundary() {
        let s = cap("民".repeat(MAX_TEXT + 10));
        assert_eq!(s.chars().count(), MAX_TEXT);
    }
}
