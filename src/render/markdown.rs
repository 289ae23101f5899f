//! Markdown → HTML for one page: pulldown-cmark's event stream, rewritten before
//! HTML is written. The rewrites: CJK-friendly emphasis, readable unique heading ids
//! and a table of contents, links to source files turned into relative page URLs,
//! root-absolute links made relative (so the site works under any sub-path),
//! prefixed footnote ids, scrollable tables, and the raw-HTML policy.
//! Pure: everything it needs comes in a [`MarkdownInput`].

use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::Range;
use std::path::Path;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::config::RawHtml;
use crate::diag::Diagnostic;

/// One heading, for the table of contents.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct TocEntry {
    /// 1 to 6.
    pub level: u8,
    /// The anchor id.
    pub id: String,
    /// The heading's text without markup.
    pub title: String,
}

/// What rendering needs to know about the page.
pub struct MarkdownInput<'a> {
    /// The source file (for diagnostics).
    pub path: &'a Path,
    /// The whole file's text (for line numbers).
    pub text: &'a str,
    /// Where the body starts in `text`.
    pub body_start: usize,
    /// The file's folder relative to `content/` (`""` at the top).
    pub source_dir: &'a str,
    /// The page's own URL path, e.g. `reports/a/` (`""` for the home page).
    pub page_path: &'a str,
    /// Maps a `content/`-relative source path to the URL path of its page.
    pub resolve: &'a (dyn Fn(&str) -> Option<String> + Sync),
    /// The raw HTML policy.
    pub raw_html: RawHtml,
    /// Renders the body of an `indicator` code block (its YAML text and its number
    /// on the page) to HTML.
    pub embed: &'a (dyn Fn(&str, usize) -> Result<EmbedHtml, EmbedError> + Sync),
    /// Glossary terms whose first use on the page is marked up.
    pub glossary: &'a [crate::glossary::Term],
}

/// What an embedded block became.
#[derive(Debug, Clone)]
pub struct EmbedHtml {
    /// The HTML replacing the block.
    pub html: String,
    /// The indicator id it shows.
    pub indicator: String,
}

/// Why an embedded block could not be rendered.
#[derive(Debug, Clone)]
pub struct EmbedError {
    /// What is wrong.
    pub message: String,
    /// 1-based line within the block's text (0: the block as a whole).
    pub line: usize,
    /// 1-based column within that line.
    pub col: usize,
    /// What to do.
    pub hint: String,
}

/// An embed function for pages that cannot embed (no indicators known).
pub fn no_embed(_: &str, _: usize) -> Result<EmbedHtml, EmbedError> {
    Err(EmbedError {
        message: "indicator blocks need indicator files".into(),
        line: 0,
        col: 0,
        hint: "add content/indicators/<id>.yaml".into(),
    })
}

/// A rendered page body.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    /// The HTML.
    pub html: String,
    /// Headings of level 2 and 3, for a table of contents.
    pub toc: Vec<TocEntry>,
    /// Plain text of the first paragraph, shortened: a summary when none is written.
    pub excerpt: String,
    /// Problems found (broken links, raw HTML).
    pub diags: Vec<Diagnostic>,
    /// Indicator ids embedded with `indicator` blocks, in order.
    pub embedded: Vec<String>,
    /// A hash of `html`, computed once, for the keys of the outputs showing it.
    pub html_key: u64,
    /// The words of `html`, for the search index: made on first use and kept with
    /// the body, so a body reused from an earlier build is not read again.
    text: std::sync::OnceLock<String>,
}

impl Rendered {
    /// The body's words as the search index takes them.
    pub fn text(&self) -> &str {
        self.text
            .get_or_init(|| crate::render::search::html_text(&self.html))
    }
}

/// The relative prefix leading from page `page_path` back to the site root.
pub fn root_prefix(page_path: &str) -> String {
    let depth = page_path.split('/').filter(|s| !s.is_empty()).count();
    let depth = if page_path.ends_with('/') || page_path.is_empty() {
        depth
    } else {
        depth.saturating_sub(1)
    };
    if depth == 0 {
        "./".to_string()
    } else {
        "../".repeat(depth)
    }
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Renders the body of one page.
pub fn render(input: &MarkdownInput<'_>) -> Rendered {
    let body = &input.text[input.body_start..];
    let mut events: Vec<(Event<'_>, Range<usize>)> = Parser::new_ext(body, options())
        .into_offset_iter()
        .collect();
    let mut out = Rendered::default();

    merge_text(&mut events);
    cjk_emphasis(body, &mut events);
    // The content policy (addresses, raw HTML, heading attributes) sees every event
    // the editor wrote, footnote definitions included, and nothing this module
    // generates: the markup made below is never mistaken for the editor's HTML.
    links_and_html(input, &mut events, &mut out.diags);
    let mut used_ids = HashSet::new();
    let footnotes = footnotes(&mut events, &mut used_ids);
    headings(&mut events, &mut used_ids, &mut out.toc);
    out.excerpt = excerpt(&events);
    glossary_terms(input, &mut events);
    embeds(input, &mut events, &mut out);

    let mut html = String::with_capacity(body.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter().map(|(e, _)| e));
    if !footnotes.is_empty() {
        html.push_str("<section class=\"footnotes\" aria-label=\"注释\">\n<ol>\n");
        for (n, def) in footnotes {
            html.push_str(&format!("<li id=\"fn-{n}\">"));
            pulldown_cmark::html::push_html(&mut html, def.into_iter());
            html.push_str(&format!(
                "<a href=\"#fnref-{n}\" class=\"fn-back\" aria-label=\"回到正文第{n}处\">↩</a></li>\n"
            ));
        }
        html.push_str("</ol>\n</section>\n");
    }
    out.html_key = crate::render::ctx::key_of_serialized(html.as_str());
    out.html = html;
    out
}

/// pulldown-cmark hands out unmatched delimiters as one-character text events:
/// join text events that are contiguous in the source, so runs can be seen whole.
fn merge_text(events: &mut Vec<(Event<'_>, Range<usize>)>) {
    let old = std::mem::take(events);
    for (event, range) in old {
        if let (Event::Text(cur), Some((Event::Text(prev), prev_range))) =
            (&event, events.last_mut())
        {
            if prev_range.end == range.start {
                let joined = format!("{prev}{cur}");
                *prev = CowStr::Boxed(joined.into_boxed_str());
                prev_range.end = range.end;
                continue;
            }
        }
        events.push((event, range));
    }
}

/// Characters around which Chinese text places emphasis markers: Han ideographs,
/// CJK and full-width punctuation, and the curly quotes Chinese text uses.
fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x2FDF | 0x3000..=0x303F | 0x3040..=0x30FF | 0x3100..=0x31BF |
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xFE30..=0xFE4F |
        0xFF00..=0xFFEF | 0x20000..=0x3FFFD | 0x2018 | 0x2019 | 0x201C | 0x201D | 0x2026 | 0x2014)
}

/// CommonMark's flanking rules leave `**重要。**后文` and `**“普惠托育”**服务` unbolded:
/// a closing `**` after punctuation must be followed by space or punctuation, which
/// Chinese never writes. The markdown-cjk-friendly rule fixes this; pulldown-cmark
/// 0.13.6 does not have it yet. We apply it narrowly after parsing: delimiter runs
/// of `*` or `**` that the parser left as literal text, that touch a CJK character,
/// are paired left to right within one block at the same inline depth.
fn cjk_emphasis<'a>(body: &'a str, events: &mut Vec<(Event<'a>, Range<usize>)>) {
    struct Cand {
        event: usize,
        pos: usize,
        len: usize,
        depth: usize,
    }
    let mut pairs: Vec<(Cand, Cand)> = Vec::new();
    let mut openers: Vec<Cand> = Vec::new();
    let mut depth = 0usize;
    let mut in_code = false;
    for (i, (event, range)) in events.iter().enumerate() {
        match event {
            Event::Start(tag) => match tag {
                Tag::Emphasis
                | Tag::Strong
                | Tag::Strikethrough
                | Tag::Link { .. }
                | Tag::Image { .. }
                | Tag::Superscript
                | Tag::Subscript => depth += 1,
                Tag::CodeBlock(_) | Tag::HtmlBlock => in_code = true,
                _ => openers.clear(),
            },
            Event::End(tag) => match tag {
                TagEnd::Emphasis
                | TagEnd::Strong
                | TagEnd::Strikethrough
                | TagEnd::Link
                | TagEnd::Image
                | TagEnd::Superscript
                | TagEnd::Subscript => {
                    depth = depth.saturating_sub(1);
                    openers.retain(|o| o.depth <= depth);
                }
                TagEnd::CodeBlock | TagEnd::HtmlBlock => in_code = false,
                _ => openers.clear(),
            },
            Event::Text(text) if !in_code && text.contains('*') => {
                // Only text that is the source verbatim: an escaped `\*` is not a delimiter.
                if body.get(range.clone()) != Some(text.as_ref()) {
                    continue;
                }
                let bytes = text.as_bytes();
                let mut p = 0;
                while p < bytes.len() {
                    if bytes[p] != b'*' {
                        p += 1;
                        continue;
                    }
                    let start = p;
                    while p < bytes.len() && bytes[p] == b'*' {
                        p += 1;
                    }
                    let len = p - start;
                    if len > 2 {
                        continue;
                    }
                    let abs = range.start + start;
                    let prev = body[..abs].chars().next_back();
                    if prev == Some('\\') {
                        continue;
                    }
                    let next = body[abs + len..].chars().next();
                    if !(prev.is_some_and(is_cjk) || next.is_some_and(is_cjk)) {
                        continue;
                    }
                    let can_open = next.is_some_and(|c| !c.is_whitespace());
                    let can_close = prev.is_some_and(|c| !c.is_whitespace());
                    let cand = Cand {
                        event: i,
                        pos: start,
                        len,
                        depth,
                    };
                    let matching = openers
                        .iter()
                        .rposition(|o| o.depth == depth && o.len == len);
                    if let (true, Some(k)) = (can_close, matching) {
                        let opener = openers.remove(k);
                        openers.truncate(k);
                        pairs.push((opener, cand));
                    } else if can_open {
                        openers.push(cand);
                    }
                }
            }
            _ => {}
        }
    }
    if pairs.is_empty() {
        return;
    }
    // Per event: the cut points (position in the text, run length, is it an opener).
    let mut cuts: BTreeMap<usize, Vec<(usize, usize, bool)>> = BTreeMap::new();
    for (o, c) in pairs {
        cuts.entry(o.event).or_default().push((o.pos, o.len, true));
        cuts.entry(c.event).or_default().push((c.pos, c.len, false));
    }
    let old = std::mem::take(events);
    for (i, (event, range)) in old.into_iter().enumerate() {
        let Some(mut cut) = cuts.remove(&i) else {
            events.push((event, range));
            continue;
        };
        cut.sort_unstable();
        let text = &body[range.clone()];
        let mut last = 0;
        for (pos, len, open) in cut {
            if pos > last {
                events.push((
                    Event::Text(CowStr::Borrowed(&text[last..pos])),
                    range.start + last..range.start + pos,
                ));
            }
            let tag_range = range.start + pos..range.start + pos + len;
            let e = match (len, open) {
                (2, true) => Event::Start(Tag::Strong),
                (2, false) => Event::End(TagEnd::Strong),
                (_, true) => Event::Start(Tag::Emphasis),
                (_, false) => Event::End(TagEnd::Emphasis),
            };
            events.push((e, tag_range));
            last = pos + len;
        }
        if last < text.len() {
            events.push((
                Event::Text(CowStr::Borrowed(&text[last..])),
                range.start + last..range.end,
            ));
        }
    }
}

/// Moves footnote definitions out of the stream (they are written at the end, in the
/// order first referenced) and numbers references. Ids are `fn-N` and `fnref-N`:
/// pulldown-cmark's own are bare labels, which collide with heading ids.
fn footnotes<'a>(
    events: &mut Vec<(Event<'a>, Range<usize>)>,
    used_ids: &mut HashSet<String>,
) -> Vec<(usize, Vec<Event<'a>>)> {
    if !events
        .iter()
        .any(|(e, _)| matches!(e, Event::FootnoteReference(_)))
    {
        return Vec::new();
    }
    let mut numbers: BTreeMap<String, usize> = BTreeMap::new();
    let mut defs: BTreeMap<String, Vec<Event<'a>>> = BTreeMap::new();
    let old = std::mem::take(events);
    let mut current: Option<(String, Vec<Event<'a>>)> = None;
    let mut nesting = 0;
    for (event, range) in old {
        if let Some((label, buf)) = current.as_mut() {
            match &event {
                Event::Start(Tag::FootnoteDefinition(_)) => nesting += 1,
                Event::End(TagEnd::FootnoteDefinition) if nesting == 0 => {
                    defs.insert(std::mem::take(label), std::mem::take(buf));
                    current = None;
                    continue;
                }
                Event::End(TagEnd::FootnoteDefinition) => nesting -= 1,
                _ => {}
            }
            if let Event::FootnoteReference(l) = &event {
                let next = numbers.len() + 1;
                let n = *numbers.entry(l.to_string()).or_insert(next);
                buf.push(Event::Html(
                    format!("<sup class=\"fn-ref\"><a href=\"#fn-{n}\">{n}</a></sup>").into(),
                ));
                continue;
            }
            buf.push(event);
            continue;
        }
        match event {
            Event::Start(Tag::FootnoteDefinition(label)) => {
                current = Some((label.to_string(), Vec::new()));
            }
            Event::FootnoteReference(label) => {
                let next = numbers.len() + 1;
                let n = *numbers.entry(label.to_string()).or_insert(next);
                let html = format!(
                    "<sup class=\"fn-ref\"><a href=\"#fn-{n}\" id=\"fnref-{n}\" aria-label=\"注释{n}\">[{n}]</a></sup>"
                );
                events.push((Event::InlineHtml(html.into()), range));
            }
            other => events.push((other, range)),
        }
    }
    let mut ordered: Vec<(usize, Vec<Event<'a>>)> = numbers
        .iter()
        .filter_map(|(label, &n)| defs.remove(label).map(|d| (n, d)))
        .collect();
    ordered.sort_by_key(|(n, _)| *n);
    for (n, _) in &ordered {
        used_ids.insert(format!("fn-{n}"));
        used_ids.insert(format!("fnref-{n}"));
    }
    ordered
}

use crate::text::slug::heading_slug;

fn plain_text(events: &[(Event<'_>, Range<usize>)]) -> String {
    let mut s = String::new();
    for (e, _) in events {
        match e {
            Event::Text(t) | Event::Code(t) => s.push_str(t),
            Event::SoftBreak | Event::HardBreak => s.push(' '),
            _ => {}
        }
    }
    s
}

/// `base`, or `base-N` with the first free N: each base remembers the last N it
/// tried, so 20,000 equal headings cost linear, not quadratic, time.
fn unique_id(
    base: String,
    used_ids: &mut HashSet<String>,
    suffixes: &mut HashMap<String, usize>,
) -> String {
    if used_ids.insert(base.clone()) {
        return base;
    }
    let n = suffixes.entry(base.clone()).or_insert(0);
    loop {
        *n += 1;
        let candidate = format!("{base}-{n}");
        if used_ids.insert(candidate.clone()) {
            return candidate;
        }
    }
}

fn headings(
    events: &mut [(Event<'_>, Range<usize>)],
    used_ids: &mut HashSet<String>,
    toc: &mut Vec<TocEntry>,
) {
    let mut suffixes = HashMap::new();
    let mut i = 0;
    while i < events.len() {
        if let Event::Start(Tag::Heading { level, .. }) = &events[i].0 {
            let level = *level;
            let end = (i + 1..events.len())
                .find(|&j| matches!(events[j].0, Event::End(TagEnd::Heading(_))))
                .unwrap_or(events.len());
            let title = plain_text(&events[i + 1..end]).trim().to_string();
            if let Event::Start(Tag::Heading { id, .. }) = &mut events[i].0 {
                let base = match id {
                    Some(explicit) => explicit.to_string(),
                    None => heading_slug(&title),
                };
                let unique = unique_id(base, used_ids, &mut suffixes);
                if matches!(level, HeadingLevel::H2 | HeadingLevel::H3) {
                    toc.push(TocEntry {
                        level: level as u8,
                        id: unique.clone(),
                        title,
                    });
                }
                *id = Some(unique.into());
            }
            i = end;
        }
        i += 1;
    }
}

fn excerpt(events: &[(Event<'_>, Range<usize>)]) -> String {
    let Some(start) = events
        .iter()
        .position(|(e, _)| matches!(e, Event::Start(Tag::Paragraph)))
    else {
        return String::new();
    };
    let end = (start..events.len())
        .find(|&j| matches!(events[j].0, Event::End(TagEnd::Paragraph)))
        .unwrap_or(events.len());
    let text = plain_text(&events[start..end]);
    let text = text.trim();
    const MAX: usize = 120;
    if text.chars().count() > MAX {
        let cut: String = text.chars().take(MAX).collect();
        format!("{cut}……")
    } else {
        text.to_string()
    }
}

/// Joins `rel` (a path written in the file in `dir`) and normalises `.` and `..`.
/// `None` when it climbs out of `content/`.
pub fn join_content_path(dir: &str, rel: &str) -> Option<String> {
    let mut parts: Vec<&str> = dir.split('/').filter(|s| !s.is_empty()).collect();
    for seg in rel.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    Some(parts.join("/"))
}

fn has_scheme(url: &str) -> bool {
    match url.find(':') {
        Some(i) => {
            let scheme = &url[..i];
            !scheme.is_empty()
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
                && !url[..i].contains('/')
        }
        None => false,
    }
}

enum LinkTarget {
    Keep,
    Rewrite(String),
    Missing(String),
}

/// Where the address written in a link of a page leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Destination {
    /// Another site, `mailto:`, `tel:`…: not ours to check or rewrite.
    Elsewhere,
    /// A path of this site (no leading `/`), with what followed it (`#…`, `?…`).
    Site(String, String),
    /// A source file (`content/`-relative) that is not a page of the site.
    Missing(String),
    /// Relative to the page's own address (`img.png`, `../x/`, `#top`).
    RelativeToPage,
}

/// Resolves a link written in a file of folder `source_dir` (relative to
/// `content/`): to source files (`x.md`, `@/x.md`), site paths (`/x/`) or neither.
/// The one place links are understood, for rendering and for `check` alike.
pub fn destination(
    source_dir: &str,
    dest: &str,
    resolve: &dyn Fn(&str) -> Option<String>,
) -> Destination {
    if dest.starts_with("//") || has_scheme(dest) {
        return Destination::Elsewhere;
    }
    let (path_part, rest) = match dest.find(['#', '?']) {
        Some(i) => (&dest[..i], &dest[i..]),
        None => (dest, ""),
    };
    let found = |target: String| match resolve(&target) {
        Some(url) => Destination::Site(url, rest.to_string()),
        None => Destination::Missing(target),
    };
    if let Some(target) = path_part.strip_prefix("@/") {
        return found(target.to_string());
    }
    if let Some(site_path) = path_part.strip_prefix('/') {
        return Destination::Site(site_path.to_string(), rest.to_string());
    }
    if path_part.ends_with(".md") {
        let decoded = crate::text::escape::url_decode(path_part);
        return match join_content_path(source_dir, &decoded) {
            Some(target) => found(target),
            None => Destination::Missing(decoded),
        };
    }
    Destination::RelativeToPage
}

fn rewrite_link(input: &MarkdownInput<'_>, dest: &str, prefix: &str) -> LinkTarget {
    match destination(input.source_dir, dest, input.resolve) {
        // Site paths become relative: root-absolute links break under a sub-path.
        Destination::Site(path, rest) => LinkTarget::Rewrite(format!("{prefix}{path}{rest}")),
        Destination::Missing(target) => LinkTarget::Missing(target),
        Destination::Elsewhere | Destination::RelativeToPage => LinkTarget::Keep,
    }
}

/// The content policy, applied to what the editor wrote: every link and image
/// address passes [`crate::text::url::check`] (a refused one is an error at its
/// line and is not written), links to sources become page URLs, heading
/// attributes other than `id` and classes are dropped, and raw HTML is escaped
/// unless the site allows it.
fn links_and_html<'a>(
    input: &MarkdownInput<'_>,
    events: &mut Vec<(Event<'a>, Range<usize>)>,
    diags: &mut Vec<Diagnostic>,
) {
    let prefix = root_prefix(input.page_path);
    let old = std::mem::take(events);
    let mut warned_html = false;
    for (event, range) in old {
        let file_offset = input.body_start + range.start;
        let at = |d: Diagnostic| d.at_offset(input.text, file_offset);
        match event {
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest_url =
                    checked_address(input, dest_url, &prefix, true, &mut |d| diags.push(at(d)));
                events.push((
                    Event::Start(Tag::Link {
                        link_type,
                        dest_url,
                        title,
                        id,
                    }),
                    range,
                ));
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest_url =
                    checked_address(input, dest_url, &prefix, false, &mut |d| diags.push(at(d)));
                events.push((
                    Event::Start(Tag::Image {
                        link_type,
                        dest_url,
                        title,
                        id,
                    }),
                    range,
                ));
            }
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                if let Some((name, _)) = attrs.first() {
                    diags.push(at(Diagnostic::warning(
                        input.path,
                        format!("the heading attribute `{name}` is ignored: headings may only set an id (#name) and classes (.name)"),
                    )
                    .hint("remove it from the {…} after the heading")));
                }
                let heading = Tag::Heading {
                    level,
                    id,
                    classes,
                    attrs: Vec::new(),
                };
                events.push((Event::Start(heading), range));
            }
            Event::Start(Tag::Table(al)) => {
                events.push((Event::Html("<div class=\"table-wrap\" role=\"region\" aria-label=\"表格\" tabindex=\"0\">\n".into()), range.clone()));
                events.push((Event::Start(Tag::Table(al)), range));
            }
            Event::End(TagEnd::Table) => {
                events.push((Event::End(TagEnd::Table), range.clone()));
                events.push((Event::Html("</div>\n".into()), range));
            }
            Event::Html(html) | Event::InlineHtml(html) if input.raw_html == RawHtml::Escape => {
                // Comments are editors' notes: drop them. Anything else is shown as text.
                if html.trim_start().starts_with("<!--") {
                    continue;
                }
                if !warned_html {
                    warned_html = true;
                    diags.push(at(Diagnostic::warning(input.path, "raw HTML is shown as text, not run")
                        .hint("write it in Markdown instead; raw_html = \"allow\" in site.toml runs it, which is only safe if every editor is trusted with the site's security")));
                }
                // Escaped here, written as markup: text that no later step reads
                // as words (summaries, glossary terms).
                let escaped = crate::text::escape::html(&html);
                events.push((Event::InlineHtml(escaped.into()), range));
            }
            other => events.push((other, range)),
        }
    }
}

/// The address of a link (`is_link`) or image after the policy: rewritten when it
/// leads to a source file or a site path; `#` (links) or empty (images) when
/// refused or missing, with the error reported.
fn checked_address<'a>(
    input: &MarkdownInput<'_>,
    dest: CowStr<'a>,
    prefix: &str,
    is_link: bool,
    report: &mut dyn FnMut(Diagnostic),
) -> CowStr<'a> {
    let blank = || CowStr::Borrowed(if is_link { "#" } else { "" });
    if let Err(refused) = crate::text::url::check(&dest) {
        report(
            Diagnostic::error(input.path, format!("the address `{}` is not allowed: {refused}", dest.escape_debug()))
                .hint("link to pages of this site or to http(s) addresses; mailto: and tel: work for e-mail and telephone"),
        );
        return blank();
    }
    match rewrite_link(input, &dest, prefix) {
        LinkTarget::Keep => dest,
        LinkTarget::Rewrite(u) => u.into(),
        LinkTarget::Missing(target) if is_link => {
            report(
                Diagnostic::error(input.path, format!("link to a page that does not exist: `{dest}` (looked for content/{target})"))
                    .hint("check the file name and folder; links to pages are written relative to this file, e.g. ../services/elderly-health-check.md, or from the content folder as @/services/elderly-health-check.md"),
            );
            dest
        }
        LinkTarget::Missing(_) => dest,
    }
}

/// Marks the first use of each glossary term on the page, outside headings,
/// links, images and code: a link to its entry with the explanation beside it.
fn glossary_terms<'a>(input: &MarkdownInput<'_>, events: &mut Vec<(Event<'a>, Range<usize>)>) {
    if input.glossary.is_empty() {
        return;
    }
    let spellings = crate::glossary::spellings(input.glossary);
    let prefix = root_prefix(input.page_path);
    let mut used = vec![false; input.glossary.len()];
    let mut skip = 0usize;
    let old = std::mem::take(events);
    for (event, range) in old {
        match &event {
            Event::Start(
                Tag::Heading { .. }
                | Tag::Link { .. }
                | Tag::Image { .. }
                | Tag::CodeBlock(_)
                | Tag::TableHead,
            ) => skip += 1,
            Event::End(
                TagEnd::Heading(_)
                | TagEnd::Link
                | TagEnd::Image
                | TagEnd::CodeBlock
                | TagEnd::TableHead,
            ) => skip = skip.saturating_sub(1),
            _ => {}
        }
        let Event::Text(text) = &event else {
            events.push((event, range));
            continue;
        };
        if skip > 0 || used.iter().all(|&u| u) {
            events.push((event, range));
            continue;
        }
        // Cut the text at every first use it contains, earliest first.
        let text = text.to_string();
        let mut pos = 0;
        let mut pieces: Vec<Event<'a>> = Vec::new();
        loop {
            let next = spellings
                .iter()
                .filter(|(_, i)| !used[*i])
                .filter_map(|(s, i)| text[pos..].find(s).map(|at| (pos + at, s.len(), *i)))
                .min_by_key(|&(at, len, _)| (at, std::cmp::Reverse(len)));
            let Some((at, len, i)) = next else { break };
            used[i] = true;
            if at > pos {
                pieces.push(Event::Text(CowStr::Boxed(text[pos..at].into())));
            }
            let t = &input.glossary[i];
            let esc = crate::text::escape::html;
            pieces.push(Event::InlineHtml(CowStr::Boxed(
                format!(
                    "<span class=\"term-wrap\"><a class=\"term\" href=\"{prefix}glossary/#{id}\" aria-describedby=\"tip-{id}\">{word}</a><span class=\"term-tip\" role=\"tooltip\" id=\"tip-{id}\">{plain}</span></span>",
                    id = t.id,
                    word = esc(&text[at..at + len]),
                    plain = esc(&t.plain)
                )
                .into_boxed_str(),
            )));
            pos = at + len;
        }
        if pieces.is_empty() {
            events.push((Event::Text(CowStr::Boxed(text.into_boxed_str())), range));
            continue;
        }
        if pos < text.len() {
            pieces.push(Event::Text(CowStr::Boxed(text[pos..].into())));
        }
        events.extend(pieces.into_iter().map(|e| (e, range.clone())));
    }
}

/// Replaces fenced blocks whose info string is `indicator` with their chart, table
/// and link. On a plain Markdown host the block stays readable as code.
fn embeds<'a>(
    input: &MarkdownInput<'_>,
    events: &mut Vec<(Event<'a>, Range<usize>)>,
    out: &mut Rendered,
) {
    let is_indicator = |e: &Event<'_>| matches!(e, Event::Start(Tag::CodeBlock(pulldown_cmark::CodeBlockKind::Fenced(info))) if info.split_whitespace().next() == Some("indicator"));
    if !events.iter().any(|(e, _)| is_indicator(e)) {
        return;
    }
    let old = std::mem::take(events);
    let mut iter = old.into_iter();
    let mut count = 0;
    while let Some((event, range)) = iter.next() {
        if !is_indicator(&event) {
            events.push((event, range));
            continue;
        }
        let mut body = String::new();
        for (e, _) in iter.by_ref() {
            match e {
                Event::Text(t) => body.push_str(&t),
                Event::End(TagEnd::CodeBlock) => break,
                _ => {}
            }
        }
        count += 1;
        let block_offset = input.body_start + range.start;
        let (block_line, _) = crate::diag::line_col(input.text, block_offset);
        match (input.embed)(&body, count) {
            Ok(e) => {
                out.embedded.push(e.indicator);
                events.push((Event::Html(e.html.into()), range));
            }
            Err(e) => {
                let (line, col) = if e.line == 0 {
                    (block_line, 1)
                } else {
                    (block_line + e.line, e.col.max(1))
                };
                out.diags.push(
                    Diagnostic::error(input.path, e.message)
                        .at(input.text, line, col)
                        .hint(e.hint),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn md(body: &str) -> Rendered {
        let text = format!("---\ntitle: t\n---\n{body}");
        let resolve = |p: &str| -> Option<String> {
            match p {
                "services/x.md" => Some("services/x/".into()),
                "_index.md" => Some(String::new()),
                _ => None,
            }
        };
        let input = MarkdownInput {
            path: Path::new("content/reports/a.md"),
            text: &text,
            body_start: 16,
            source_dir: "reports",
            page_path: "reports/a/",
            resolve: &resolve,
            raw_html: RawHtml::Escape,
            embed: &no_embed,
            glossary: &[],
        };
        render(&input)
    }

    #[test]
    fn cjk_bold_after_punctuation() {
        assert_eq!(
            md("**重要。**后文").html,
            "<p><strong>重要。</strong>后文</p>\n"
        );
        assert_eq!(
            md("建设**“普惠托育”**服务").html,
            "<p>建设<strong>“普惠托育”</strong>服务</p>\n"
        );
        assert_eq!(md("*注意:*下一步").html, "<p><em>注意:</em>下一步</p>\n");
    }

    #[test]
    fn ordinary_emphasis_and_escapes_are_untouched() {
        assert_eq!(
            md("**bold** text").html,
            "<p><strong>bold</strong> text</p>\n"
        );
        assert_eq!(md("a \\*\\*重要。\\*\\*后").html, "<p>a **重要。**后</p>\n");
        assert_eq!(
            md("`**重要。**后`").html,
            "<p><code>**重要。**后</code></p>\n"
        );
        assert_eq!(md("单独的**星号").html, "<p>单独的**星号</p>\n");
    }

    #[test]
    fn headings_get_readable_unique_ids() {
        let r = md("## 成绩亮眼:各项事业\n\n## 成绩亮眼:各项事业\n\n### Next Steps\n");
        assert!(
            r.html.contains("<h2 id=\"成绩亮眼-各项事业\">"),
            "{}",
            r.html
        );
        assert!(r.html.contains("<h2 id=\"成绩亮眼-各项事业-1\">"));
        assert!(r.html.contains("<h3 id=\"next-steps\">"));
        assert_eq!(r.toc.len(), 3);
        assert_eq!(r.toc[2].title, "Next Steps");
    }

    #[test]
    fn links_to_sources_become_relative_urls() {
        let r = md("[体检](../services/x.md#how) [首页](@/_index.md) [图](/images/a.png) [外](https://x.org/a.md)");
        assert!(
            r.html.contains("href=\"../../services/x/#how\""),
            "{}",
            r.html
        );
        assert!(r.html.contains("href=\"../../\""), "{}", r.html);
        assert!(r.html.contains("href=\"../../images/a.png\""));
        assert!(r.html.contains("href=\"https://x.org/a.md\""));
        assert!(r.diags.is_empty());
    }

    #[test]
    fn missing_link_target_is_an_error_at_its_line() {
        let r = md("第一行\n\n见[指南](../services/nope.md)。\n");
        let d = &r.diags[0];
        assert!(d.is_error());
        assert_eq!((d.line, d.col), (6, 2));
        assert!(
            d.message.contains("content/services/nope.md"),
            "{}",
            d.message
        );
    }

    #[test]
    fn footnotes_are_prefixed_and_numbered() {
        let r = md("正文[^a]。\n\n[^a]: 来源说明。\n");
        assert!(
            r.html.contains("href=\"#fn-1\" id=\"fnref-1\""),
            "{}",
            r.html
        );
        assert!(r.html.contains("<li id=\"fn-1\">"), "{}", r.html);
    }

    #[test]
    fn raw_html_is_escaped_with_a_warning() {
        let r = md("文字<script>alert(1)</script>\n\n<!-- 编者注 -->\n");
        assert!(r.html.contains("&lt;script&gt;"), "{}", r.html);
        assert!(!r.html.contains("编者注"));
        assert_eq!(r.diags.len(), 1);
        assert!(!r.diags[0].is_error());
    }

    #[test]
    fn tables_scroll_in_a_focusable_region() {
        let r = md("| a | b |\n|---|---|\n| 1 | 2 |\n");
        assert!(r.html.starts_with("<div class=\"table-wrap\""));
    }

    #[test]
    fn root_prefix_by_depth() {
        assert_eq!(root_prefix(""), "./");
        assert_eq!(root_prefix("reports/"), "../");
        assert_eq!(root_prefix("reports/a/"), "../../");
        assert_eq!(root_prefix("404.html"), "./");
    }
}
