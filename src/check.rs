//! `minsheng check`: the whole build without writing, then a review of what an
//! editor can fix: broken anchors and missing images or files, and plain
//! language — sentences too long to follow, officialese with plainer suggestions,
//! policy terms the glossary does not explain, service guides not reviewed lately.
//! Every finding names its file, line and column, and says what to do.

use std::collections::BTreeSet;
use std::ops::Range;
use std::path::Path;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use crate::diag::{Diagnostic, Diagnostics};
use crate::error::Result;
use crate::render::markdown::{destination, join_content_path, Destination};
use crate::session::{Session, SiteFiles};
use crate::site::{Date, Page, Site};

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
    /// with `severity`, `rule`, `path`, `line`, `col`, `message`, `source_line`, `hint`).
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
        for page in &site.pages {
            review_page(site, &files, page, &today, &mut found);
        }
        for ind in &site.indicators {
            review_selection(ind, &mut found);
        }
    }
    Ok(Report {
        findings: found.into_sorted(),
    })
}

/// Says which rows of an indicator's data file the page leaves out, and why.
fn review_selection(ind: &crate::indicator::Indicator, out: &mut Diagnostics) {
    let (Some(csv), false) = (&ind.csv_path, ind.left_out.is_empty()) else {
        return;
    };
    out.push(
        Diagnostic::warning(
            csv,
            format!(
                "indicator `{}` does not show every row of its data file: {}",
                ind.id,
                ind.left_out.join("; ")
            ),
        )
        .hint("if the page should show other rows, choose them with csv: {select: {Column: value}} in the indicator's YAML")
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

fn review_page(site: &Site, files: &SiteFiles, page: &Page, today: &Date, out: &mut Diagnostics) {
    let body = &page.doc.text[page.doc.body_start..];
    let at = |offset: usize| page.doc.body_start + offset;
    let cfg = &site.config.check;
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
            Event::Start(Tag::Link { dest_url, .. }) => {
                check_link(site, files, page, dest_url, false, at(range.start), out)
            }
            Event::Start(Tag::Image { dest_url, .. }) => {
                check_link(site, files, page, dest_url, true, at(range.start), out)
            }
            _ => {}
        }
        if let (Event::Text(t), Some(b), 0) = (&event, current.as_mut(), skip) {
            b.map.push((b.text.len(), text_start(body, &range, t)));
            b.text.push_str(t);
        }
    }
    blocks.extend(current);

    let mut jargon_seen = BTreeSet::new();
    let explained: BTreeSet<&str> = site
        .glossary
        .iter()
        .flat_map(|t| std::iter::once(t.term.as_str()).chain(t.aliases.iter().map(String::as_str)))
        .collect();
    for b in &blocks {
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
                    out.push(
                        Diagnostic::warning(
                            &page.source,
                            format!(
                                "a sentence of {units} characters is hard to follow: “{preview}……”"
                            ),
                        )
                        .at_offset(&page.doc.text, at(offset))
                        .hint(format!(
                            "split it into sentences of at most {} characters, one idea each",
                            cfg.max_sentence
                        ))
                        .rule("long-sentence"),
                    );
                }
                start = i + c.len_utf8().min(b.text.len() - i);
            }
        }
        for (phrase, suggestion) in &cfg.phrases {
            // A phrase the glossary explains is explained on the page.
            if explained.contains(phrase.as_str()) {
                continue;
            }
            for (i, _) in b.text.match_indices(phrase.as_str()) {
                out.push(
                    Diagnostic::warning(
                        &page.source,
                        format!("“{phrase}” is officialese a reader may not follow"),
                    )
                    .at_offset(&page.doc.text, at(b.body_offset(i)))
                    .hint(suggestion.clone())
                    .rule("officialese"),
                );
            }
        }
        for term in &cfg.terms {
            if explained.contains(term.as_str()) || jargon_seen.contains(term) {
                continue;
            }
            if let Some(i) = b.text.find(term.as_str()) {
                jargon_seen.insert(term.clone());
                out.push(
                    Diagnostic::warning(&page.source, format!("“{term}” is a policy term, and the glossary does not explain it"))
                        .at_offset(&page.doc.text, at(b.body_offset(i)))
                        .hint(format!("add it to content/glossary.yaml (- term: {term}\n  plain: …), or say it in plain words"))
                        .rule("undefined-term"),
                );
            }
        }
    }

    if page.dir == crate::site::SERVICES_DIR {
        let line = crate::site::key_line(&page.doc, "last_reviewed");
        match page.fm.last_reviewed.as_deref().and_then(Date::parse) {
            None => out.push(
                Diagnostic::warning(
                    &page.source,
                    "this service guide does not say when it was last checked against the rules",
                )
                .at(&page.doc.text, page.doc.front_line(), 1)
                .hint("after checking it with the department, add last_reviewed: YYYY-MM-DD")
                .rule("stale-guide"),
            ),
            Some(d) => {
                let age = d.days_until(today);
                if age > cfg.review_days {
                    out.push(
                        Diagnostic::warning(&page.source, format!("this service guide was last checked {age} days ago ({})", d.iso()))
                            .at(&page.doc.text, line, 16)
                            .hint(format!("check it again with the department (rules change), then update last_reviewed; the limit is {} days (check.review_days in site.toml)", cfg.review_days))
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

/// Links and images to things the site should have: anchors on its pages, its
/// static files and generated pages.
fn check_link(
    site: &Site,
    files: &SiteFiles,
    page: &Page,
    dest: &str,
    image: bool,
    offset: usize,
    out: &mut Diagnostics,
) {
    let fragment = dest.split_once('#').map(|(_, f)| f);
    let resolve = |t: &str| site.links.get(t).cloned();
    // Where the link leads in the output.
    let target = match destination(&page.dir, dest, &resolve) {
        Destination::Site(path, _) => path,
        // Missing source files are build errors already.
        Destination::Elsewhere | Destination::Missing(_) => return,
        Destination::RelativeToPage => {
            let path_part = dest.split(['#', '?']).next().unwrap_or("");
            if path_part.is_empty() {
                page.path.clone()
            } else {
                let mut t = join_content_path(&page.path, path_part).unwrap_or_default();
                if path_part.ends_with('/') {
                    t.push('/');
                }
                t
            }
        }
    };
    let file = if target.is_empty() || target.ends_with('/') {
        format!("{target}index.html")
    } else {
        target.clone()
    };
    let file = crate::text::url::site_path(&format!("/{file}")).unwrap_or(file);
    let Some(bytes) = files
        .get(&file)
        .or_else(|| files.get(&format!("{file}/index.html")))
    else {
        let what = if image { "an image" } else { "a file" };
        out.push(
            Diagnostic::error(
                &page.source,
                format!("`{dest}` points to {what} the site does not have"),
            )
            .at_offset(&page.doc.text, offset)
            .hint("put the file under static/ (it is then at /its/path), or fix the address")
            .rule(if image {
                "missing-image"
            } else {
                "broken-link"
            }),
        );
        return;
    };
    if let Some(f) = fragment.filter(|f| !f.is_empty()) {
        let id = crate::text::url::site_path(&format!("/{f}")).unwrap_or_else(|| f.to_string());
        let html = String::from_utf8_lossy(bytes);
        if !html.contains(&format!("id=\"{id}\"")) {
            out.push(
                Diagnostic::error(&page.source, format!("`{dest}`: the page has no heading or anchor `#{id}`"))
                    .at_offset(&page.doc.text, offset)
                    .hint("heading anchors are the heading's words, e.g. ## 谁能申请 → #谁能申请; check the target page's headings")
                    .rule("broken-anchor"),
            );
        }
    }
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
