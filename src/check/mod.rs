//! `minsheng check`: the whole build without writing, then a review of what an
//! editor can fix: broken anchors and missing images or files, and plain
//! language — sentences too long to follow, officialese with plainer suggestions,
//! policy terms the glossary does not explain, service guides not reviewed lately.
//! Every finding names its file, line and column, and says what to do.

use std::ops::Range;
use std::path::Path;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use crate::diag::{Diagnostic, Diagnostics, Locator};
use crate::error::Result;
use crate::msg::check as m;
use crate::session::Session;
use crate::site::{Date, Page, Site};

mod links;
mod prose;
mod site_rules;

use links::{check_link, Anchors};

/// What a check found.
#[derive(Debug, Clone)]
pub struct Report {
    /// Every finding, sorted.
    pub findings: Vec<Diagnostic>,
}

impl Report {
    /// Number of errors.
    pub fn errors(&self) -> usize {
        self.findings.iter().filter(|d| d.is_error()).count()
    }
    /// Number of warnings.
    pub fn warnings(&self) -> usize {
        self.findings.len() - self.errors()
    }
    /// The report as JSON (schema: `version`, `summary{errors,warnings}`, `findings[]`
    /// with `severity`, `rule`, `path`, `line`, `col`, `message`, `source_line`, `hint`;
    /// `source_line_from` when a long line is quoted in part: the characters
    /// of the line before the quote).
    pub fn to_json(&self, lang: crate::msg::Lang) -> String {
        let findings: Vec<_> = self.findings.iter().map(|d| d.to_json(lang)).collect();
        let v = serde_json::json!({
            "version": 1,
            "summary": { "errors": self.errors(), "warnings": self.warnings() },
            "findings": findings,
        });
        serde_json::to_string_pretty(&v).unwrap_or_default()
    }
}

/// Today's date in China, for how old a review is.
pub fn today() -> Date {
    Date::today()
}

/// Runs the check on the site at `root`. `today` fixes the date reviews are
/// measured against (tests); by default it is today.
pub fn run(root: &Path, today_is: Option<Date>) -> Result<Report> {
    let mut session = Session::new(root, None, false);
    let outcome = session.rebuild_all()?;
    let mut found = Diagnostics::default();
    found.extend(outcome.diagnostics.clone());
    if let (Some(site), Some(files)) = (session.site(), session.good()) {
        let today = today_is.unwrap_or_else(today);
        let shared = Shared {
            anchors: Anchors::new(&files),
            words: Words::new(site),
        };
        for page in &site.pages {
            review_page(site, &shared, page, &today, &mut found);
        }
        for ind in &site.indicators {
            review_selection(ind, &mut found);
        }
        site_rules::empty_sections(site, &mut found);
        site_rules::unshown_indicators(site, &mut found);
        site_rules::unlinked_guides(site, &mut found);
        settings_placeholders(site, &mut found);
    }
    Ok(Report {
        findings: found.into_sorted(),
    })
}

/// Placeholder values left in `site.toml` (`address = "(请填写接待地址)"`).
fn settings_placeholders(site: &Site, out: &mut Diagnostics) {
    let c = &site.config.contact;
    let g = &site.config.gov;
    let values = [
        &c.name,
        &c.hotline,
        &c.email,
        &c.address,
        &c.hours,
        &g.sponsor,
        &g.operator,
        &g.site_code,
        &g.icp,
        &g.police,
    ];
    for v in values {
        if prose::is_bracketed(v) || !prose::placeholders(v).is_empty() {
            out.push(
                Diagnostic::warning(crate::parse::config::CONFIG_FILE, m::placeholder(v))
                    .hint(m::placeholder_hint())
                    .rule("placeholder"),
            );
        }
    }
}

/// Placeholder values in a page's front matter: a value wholly in parentheses
/// (`editor: (编辑姓名)`, `- (第一步)`) or holding a placeholder word.
fn front_matter_placeholders(page: &Page, loc: &Locator<'_>, out: &mut Diagnostics) {
    let front = page.doc.front_text();
    for line in front.lines() {
        // `line` lies in the page's text: where it starts there.
        let line_at = line.as_ptr() as usize - page.doc.text.as_ptr() as usize;
        let t = line.trim_start();
        let value_at = if let Some(rest) = t.strip_prefix("- ") {
            line.len() - rest.len()
        } else if let Some((_, v)) = line.split_once(": ") {
            line.len() - v.len()
        } else {
            continue;
        };
        let value = &line[value_at..];
        let found = if prose::is_bracketed(value) {
            Some((0, value.trim()))
        } else {
            prose::placeholders(value)
                .first()
                .map(|r| (r.start, &value[r.clone()]))
        };
        if let Some((at, text)) = found {
            let d =
                Diagnostic::warning(&page.source, m::placeholder(text.trim_matches(['"', '\''])))
                    .hint(m::placeholder_hint())
                    .rule("placeholder");
            out.push(loc.place(d, line_at + value_at + at));
        }
    }
}

/// Placeholders and ASCII punctuation in one block of a page's prose.
fn review_text(page: &Page, b: &Block, loc: &Locator<'_>, out: &mut Diagnostics) {
    let at = |i: usize| page.doc.body_start + b.body_offset(i);
    for r in prose::placeholders(&b.text) {
        let d = Diagnostic::warning(&page.source, m::placeholder(&b.text[r.clone()]))
            .hint(m::placeholder_hint())
            .rule("placeholder");
        out.push(loc.place(d, at(r.start)));
    }
    // A link Markdown left as text (`【申请表】(申请表.pdf)`) is told by the
    // build how to write it; `(` made `（` would break it further.
    // By their starts, with the farthest end reached so far: `i` is in one of
    // them when the shapes starting at or before it reach past it (a search,
    // not a walk through every shape for every mark).
    let links = crate::render::markdown::link_shapes(&b.text);
    let reach: Vec<usize> = (links.iter())
        .scan(0, |end, r| {
            *end = r.end.max(*end);
            Some(*end)
        })
        .collect();
    let in_link = |i: usize| {
        let n = links.partition_point(|r| r.start <= i);
        n > 0 && reach[n - 1] > i
    };
    for (i, ascii, full) in prose::ascii_punctuation(&b.text) {
        if in_link(i) {
            continue;
        }
        let d = Diagnostic::warning(&page.source, m::ascii_punctuation(ascii, full))
            .hint(m::ascii_punctuation_hint(ascii, full))
            .rule("ascii-punctuation");
        out.push(loc.place(d, at(i)));
    }
}

/// Says which rows of an indicator's data file the page leaves out, and why.
fn review_selection(ind: &crate::indicator::Indicator, out: &mut Diagnostics) {
    let (Some(csv), false) = (&ind.csv_path, ind.left_out.is_empty()) else {
        return;
    };
    out.push(
        Diagnostic::warning(csv, m::rows_left_out(&ind.id, &ind.left_out))
            .hint(m::rows_left_out_hint())
            .rule("rows-left-out"),
    );
}

/// A block of prose: its text and, per piece, where the piece starts in the body.
struct Block {
    text: String,
    map: Vec<(usize, usize)>,
}

impl Block {
    fn body_offset(&self, at: usize) -> usize {
        let i = self
            .map
            .partition_point(|&(t, _)| t <= at)
            .saturating_sub(1);
        let (t, b) = self.map.get(i).copied().unwrap_or((0, 0));
        b + (at - t)
    }
}

/// What every page's review shares: the build's output files with the
/// anchors read so far, and the site's officialese and policy terms.
struct Shared<'a> {
    anchors: Anchors<'a>,
    words: Words<'a>,
}

fn review_page(site: &Site, shared: &Shared<'_>, page: &Page, today: &Date, out: &mut Diagnostics) {
    // Every finding of the page placed from the last one, not from the start.
    let loc = Locator::new(&page.doc.text);
    let blocks = text_blocks(site, &shared.anchors, page, &loc, out);
    let mut jargon_seen = vec![false; shared.words.terms.len()];
    front_matter_placeholders(page, &loc, out);
    for b in &blocks {
        review_text(page, b, &loc, out);
        long_sentences(site, page, b, &loc, out);
        plain_words(&shared.words, page, b, &mut jargon_seen, &loc, out);
    }
    stale_guide(site, page, today, out);
}

/// The site's officialese (with plainer phrases) and policy terms the
/// glossary does not explain, found in one reading of each block: a site of
/// 20,000 terms read every block once per term (34 s for one page).
struct Words<'s> {
    phrases: Vec<(&'s str, &'s str)>,
    terms: Vec<&'s str>,
    /// Every phrase, then every term (none empty).
    finder: Option<aho_corasick::AhoCorasick>,
}

impl<'s> Words<'s> {
    fn new(site: &'s Site) -> Self {
        // A phrase or term the glossary explains is explained on the page.
        let explained: ahash::HashSet<&str> = (site.glossary.iter())
            .flat_map(|t| {
                std::iter::once(t.term.as_str()).chain(t.aliases.iter().map(String::as_str))
            })
            .collect();
        let cfg = &site.config.check;
        let phrases: Vec<(&str, &str)> = (cfg.phrases.iter())
            .filter(|(p, _)| !p.is_empty() && !explained.contains(p.as_str()))
            .map(|(p, s)| (p.as_str(), s.as_str()))
            .collect();
        let terms: Vec<&str> = (cfg.terms.iter())
            .filter(|t| !t.is_empty() && !explained.contains(t.as_str()))
            .map(String::as_str)
            .collect();
        let patterns = phrases.iter().map(|p| p.0).chain(terms.iter().copied());
        let finder = (!phrases.is_empty() || !terms.is_empty())
            .then(|| {
                aho_corasick::AhoCorasick::builder()
                    .match_kind(aho_corasick::MatchKind::Standard)
                    .build(patterns)
                    .ok()
            })
            .flatten();
        Words {
            phrases,
            terms,
            finder,
        }
    }
}

/// The paragraphs, list items and table cells of the page's body as plain text
/// (code, HTML and headings left out); links and pictures are checked on the way.
fn text_blocks(
    site: &Site,
    anchors: &Anchors<'_>,
    page: &Page,
    loc: &Locator<'_>,
    out: &mut Diagnostics,
) -> Vec<Block> {
    let body = &page.doc.text[page.doc.body_start..];
    let at = |offset: usize| page.doc.body_start + offset;
    let mut blocks: Vec<Block> = Vec::new();
    let mut current: Option<Block> = None;
    let mut skip = 0usize;
    let parser = Parser::new_ext(
        body,
        Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH,
    );
    for (event, range) in parser.into_offset_iter() {
        match &event {
            Event::Start(Tag::CodeBlock(_) | Tag::HtmlBlock | Tag::Heading { .. }) => skip += 1,
            Event::End(TagEnd::CodeBlock | TagEnd::HtmlBlock | TagEnd::Heading(_)) => {
                skip = skip.saturating_sub(1)
            }
            Event::Start(Tag::Paragraph | Tag::Item | Tag::TableCell) => {
                if let Some(b) = current.take() {
                    blocks.push(b);
                }
                current = Some(Block {
                    text: String::new(),
                    map: Vec::new(),
                });
            }
            Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::TableCell) => {
                if let Some(b) = current.take() {
                    blocks.push(b);
                }
            }
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                check_link(site, anchors, page, dest_url, at(range.start), loc, out)
            }
            _ => {}
        }
        if let (Event::Text(t), Some(b), 0) = (&event, current.as_mut(), skip) {
            b.map.push((b.text.len(), text_start(body, &range, t)));
            b.text.push_str(t);
        }
    }
    blocks.extend(current);

    blocks
}

/// Sentences longer than the site's `check.max_sentence`.
fn long_sentences(site: &Site, page: &Page, b: &Block, loc: &Locator<'_>, out: &mut Diagnostics) {
    let cfg = &site.config.check;
    let at = |offset: usize| page.doc.body_start + offset;
    // Sentences: split at full stops, question and exclamation marks, semicolons.
    let mut start = 0;
    for (i, c) in b
        .text
        .char_indices()
        .chain(std::iter::once((b.text.len(), '。')))
    {
        if matches!(c, '。' | '！' | '？' | '!' | '?' | '；' | ';' | '\n') {
            let sentence = &b.text[start..i];
            let units = sentence_units(sentence);
            if units > cfg.max_sentence {
                let lead = sentence.trim_start();
                let offset = b.body_offset(start + (sentence.len() - lead.len()));
                let preview: String = lead.chars().take(16).collect();
                let d = Diagnostic::warning(&page.source, m::long_sentence(units, &preview))
                    .hint(m::long_sentence_hint(cfg.max_sentence))
                    .rule("long-sentence");
                out.push(loc.place(d, at(offset)));
            }
            start = i + c.len_utf8().min(b.text.len() - i);
        }
    }
}

/// Officialese with a plainer phrase, and policy terms the glossary does not
/// explain (each once per page).
fn plain_words(
    words: &Words<'_>,
    page: &Page,
    b: &Block,
    jargon_seen: &mut [bool],
    loc: &Locator<'_>,
    out: &mut Diagnostics,
) {
    let Some(finder) = &words.finder else {
        return;
    };
    let at = |offset: usize| page.doc.body_start + offset;
    let np = words.phrases.len();
    // Each phrase where it is written, apart (as `match_indices` finds them);
    // each term at its first place in the block.
    let mut phrase_end: ahash::HashMap<usize, usize> = Default::default();
    // The terms met in the block (not every term the site lists: a site of
    // 20,000 terms and a page of many short paragraphs).
    let mut terms_met: Vec<(usize, usize)> = Vec::new();
    for found in finder.find_overlapping_iter(&b.text) {
        let p = found.pattern().as_usize();
        match p.checked_sub(np) {
            None if found.start() >= phrase_end.get(&p).copied().unwrap_or(0) => {
                phrase_end.insert(p, found.end());
                let (phrase, suggestion) = words.phrases[p];
                let d = Diagnostic::warning(&page.source, m::officialese(phrase))
                    .hint(suggestion)
                    .rule("officialese");
                out.push(loc.place(d, at(b.body_offset(found.start()))));
            }
            None => {}
            Some(t) if !jargon_seen[t] => terms_met.push((t, found.start())),
            Some(_) => {}
        }
    }
    // Each term at its first place, in the order the site lists them.
    terms_met.sort_unstable();
    terms_met.dedup_by_key(|&mut (t, _)| t);
    for (t, i) in terms_met {
        jargon_seen[t] = true;
        let term = words.terms[t];
        let d = Diagnostic::warning(&page.source, m::undefined_term(term))
            .hint(m::undefined_term_hint(term))
            .rule("undefined-term");
        out.push(loc.place(d, at(b.body_offset(i))));
    }
}

/// A service guide not reviewed for longer than `check.review_days`.
fn stale_guide(site: &Site, page: &Page, today: &Date, out: &mut Diagnostics) {
    let cfg = &site.config.check;
    if page.dir == crate::site::SERVICES_DIR {
        let line = crate::site::key_line(&page.doc, "last_reviewed");
        match page.fm.last_reviewed.as_deref().and_then(Date::parse) {
            None => out.push(
                Diagnostic::warning(&page.source, m::never_reviewed())
                    .at(&page.doc.text, page.doc.front_line(), 1)
                    .hint(m::never_reviewed_hint())
                    .rule("stale-guide"),
            ),
            Some(d) => {
                let age = d.days_until(today);
                if age > cfg.review_days {
                    out.push(
                        Diagnostic::warning(&page.source, m::stale(age, &d.iso()))
                            .at(&page.doc.text, line, 16)
                            .hint(m::stale_hint(cfg.review_days))
                            .rule("stale-guide"),
                    );
                }
            }
        }
    }
}

/// Where a text event's text starts in the body: its source range, minus any
/// leading escape or entity characters.
fn text_start(body: &str, range: &Range<usize>, text: &str) -> usize {
    match body.get(range.clone()) {
        Some(src) => src.find(text).map_or(range.start, |i| range.start + i),
        None => range.start,
    }
}

/// How long a sentence reads: one per CJK character, one per Latin word or number.
pub fn sentence_units(s: &str) -> usize {
    let mut units = 0;
    let mut in_word = false;
    for c in s.chars() {
        if crate::diag::char_cells(c) == 2 && c.is_alphanumeric() {
            units += 1;
            in_word = false;
        } else if c.is_alphanumeric() {
            if !in_word {
                units += 1;
            }
            in_word = true;
        } else if in_word && (c == '.' || c == ',') {
            // 34.1 and 3,408 are one number.
        } else {
            in_word = false;
        }
    }
    units
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentence_units_count_cjk_and_words() {
        assert_eq!(sentence_units("镇江市 2022 年为 34.1 万名老人体检"), 13);
        assert_eq!(sentence_units("Hello world,你好"), 4);
    }
}
