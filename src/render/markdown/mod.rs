//! Markdown → HTML for one page: pulldown-cmark's event stream, rewritten before
//! HTML is written. The rewrites: CJK-friendly emphasis, readable unique heading ids
//! and a table of contents, links to source files turned into relative page URLs,
//! root-absolute links made relative (so the site works under any sub-path),
//! prefixed footnote ids, scrollable tables, and the raw-HTML policy.
//! Pure: everything it needs comes in a [`MarkdownInput`].

mod controls;
mod embeds;
mod emphasis;
mod footnotes;
mod glossary;
mod headings;
mod indented;
mod link_slips;
mod links;
mod media;
mod tables;
mod text;
mod wiki;

use std::collections::HashSet;
use std::ops::Range;
use std::path::Path;

use pulldown_cmark::{Event, Options, Parser};

use crate::diag::{Diagnostic, Locator};
use crate::parse::config::RawHtml;

use embeds::embeds;
use footnotes::footnotes;
use glossary::glossary_terms;
use headings::{excerpt, headings};
pub(crate) use link_slips::shapes as link_shapes;
use links::links_and_html;
pub(crate) use links::output_file;
pub use links::{destination, join_content_path, Destination};
pub use media::{attachment_note, human_size, no_files, FileInfo};
pub(crate) use text::{html_text, html_text_into};

/// A page's rendered body with its memo key.
pub(crate) type Body = (u64, std::sync::Arc<Rendered>);

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
    pub glossary: &'a crate::glossary::Glossary,
    /// What is known of a file beside a page folder's `index.md`, by its
    /// `content/`-relative path (see [`crate::page_files`]).
    pub files: &'a (dyn Fn(&str) -> Option<FileInfo> + Sync),
    /// The source file (relative to `content/`) a broken link most likely meant:
    /// a page whose title was written (`[[标题]]`) or whose name is closest.
    pub suggest: &'a (dyn Fn(&str) -> Option<LinkGuess> + Sync),
}

/// The page a link most likely meant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkGuess {
    /// Its source file, relative to `content/`.
    pub rel: String,
    /// Named by its exact title (`[体检](免费体检)`), not by a near file name.
    pub titled: bool,
}

impl LinkGuess {
    /// From what [`crate::text::suggest::link_target`] found.
    pub(crate) fn of((rel, titled): (&str, bool)) -> LinkGuess {
        LinkGuess {
            rel: rel.to_owned(),
            titled,
        }
    }
}

/// No suggestions (for rendering outside a site).
pub fn no_suggestion(_: &str) -> Option<LinkGuess> {
    None
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
    pub message: crate::msg::Text,
    /// 1-based line within the block's text (0: the block as a whole).
    pub line: usize,
    /// 1-based column within that line.
    pub col: usize,
    /// What to do.
    pub hint: crate::msg::Text,
}

/// An embed function for pages that cannot embed (no indicators known).
pub fn no_embed(_: &str, _: usize) -> Result<EmbedHtml, EmbedError> {
    Err(EmbedError {
        message: crate::t!(
            "指标块（```indicator）要有指标文件才能显示",
            "indicator blocks need indicator files"
        ),
        line: 0,
        col: 0,
        hint: crate::t!(
            "在 content/indicators/ 里加一个指标文件，例如 content/indicators/elderly-care.yaml",
            "add content/indicators/<id>.yaml"
        ),
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
    /// The HTML was handed to the page's job (a one-shot build, see
    /// `Bodies::hand_off`): `html` is empty, and nothing else may read it.
    pub handed_off: bool,
    /// Addresses of this site that links and pictures lead to (not pages named
    /// by their `.md` file, which are checked as they are resolved). Checked
    /// once every output of the build is known.
    pub targets: Vec<Target>,
}

/// An address of this site that a link or picture of a body leads to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// The output file it needs.
    pub file: String,
    /// The address as written.
    pub dest: Box<str>,
    /// Where the link or picture starts in its source file (bytes).
    pub offset: usize,
    /// A picture, not a link.
    pub image: bool,
}

impl Target {
    /// The error when the build has no such file, in source file `path`
    /// placed by `loc` (a locator of its text). Made only then: every link of
    /// every page carried its error, quoted, made in advance (a twentieth of
    /// a large site's memory).
    pub(crate) fn missing(&self, path: &Path, loc: &Locator<'_>) -> Diagnostic {
        loc.place(self.unplaced(path), self.offset)
    }

    /// [`Target::missing`] naming the file only (its text is not at hand).
    pub(crate) fn unplaced(&self, path: &Path) -> Diagnostic {
        use crate::msg::check::{missing_target, missing_target_hint};
        let d = Diagnostic::error(path, missing_target(&self.dest, self.image));
        if self.image {
            d.hint(missing_target_hint()).rule("missing-image")
        } else {
            // The hint (which may look for the page meant) is the caller's.
            d.rule("broken-link")
        }
    }
}

impl Rendered {
    /// The body's words as the search index takes them. Made each time, not
    /// kept: the index reads a body once a build (only the changed ones after
    /// an edit), and kept words were a fifth of a large site's memory.
    pub fn text(&self) -> String {
        debug_assert!(
            !self.handed_off,
            "a body's HTML read after it was handed off"
        );
        html_text(&self.html)
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

/// Takes `events` for a pass that writes them again one by one (a few more or
/// fewer): the vector left has room for them all and a sixteenth more from
/// the start. Grown by doubling beside the old one, it held up to three times
/// the events' memory at once: a page of a line of 800,000 `[a](` peaked at
/// 660 MiB.
fn take_events<T>(events: &mut Vec<T>) -> Vec<T> {
    let old = std::mem::take(events);
    events.reserve_exact(old.len() + old.len() / 16 + 16);
    old
}

/// The events of `body`, emphasis decided by the CJK-friendly rule.
fn parse(body: &str, options: Options) -> Vec<(Event<'_>, Range<usize>)> {
    let mut events: Vec<(Event<'_>, Range<usize>)> =
        Parser::new_ext(body, options).into_offset_iter().collect();
    let strike = options.contains(Options::ENABLE_STRIKETHROUGH);
    emphasis::resolve(body, &mut events, strike);
    events
}

/// Pieces of Markdown (the parser's events: a start or end of a paragraph,
/// link, emphasis…, a run of text) a page may make. A long report of plain
/// paragraphs at the size limit (8 MiB) makes a tenth of this; each piece takes
/// 64 bytes in every pass over them, and a line of 800,000 `[a](` (3 MB) made
/// 4.9 million of them: 660 MiB at once, an 8 MiB file of it some 1.7 GiB.
pub(crate) const PAGE_EVENTS: usize = 1_000_000;

/// [`parse`] of a page's body, stopping once it makes more than
/// [`PAGE_EVENTS`] pieces: `Err` with the byte of the body where it passed.
///
/// The parser reads a whole paragraph's inline markup at once (about 75 bytes
/// of its own for each `[a](` of a one-line page), before any event is
/// counted: a body of more bytes than the bound is first counted for the
/// characters that open or close markup and for lines, each at least a piece,
/// and refused where they pass it, before the parser sees it.
fn parse_page(body: &str, options: Options) -> Result<Vec<(Event<'_>, Range<usize>)>, usize> {
    if body.len() > PAGE_EVENTS {
        if let Some(at) = markup_passes_bound(body) {
            return Err(at);
        }
    }
    let mut events: Vec<(Event<'_>, Range<usize>)> = Vec::new();
    for (event, range) in Parser::new_ext(body, options).into_offset_iter() {
        if events.len() == PAGE_EVENTS {
            return Err(range.start);
        }
        events.push((event, range));
    }
    let strike = options.contains(Options::ENABLE_STRIKETHROUGH);
    emphasis::resolve(body, &mut events, strike);
    Ok(events)
}

/// The byte of `body` where its characters that open or close Markdown markup
/// and its lines pass [`PAGE_EVENTS`], if they do.
fn markup_passes_bound(body: &str) -> Option<usize> {
    let mut count = 0;
    for (at, b) in body.bytes().enumerate() {
        if matches!(
            b,
            b'\n' | b'[' | b']' | b'*' | b'_' | b'`' | b'<' | b'!' | b'~' | b'\\' | b'&' | b'|'
        ) {
            count += 1;
            if count > PAGE_EVENTS {
                return Some(at);
            }
        }
    }
    None
}

/// The error for a page whose Markdown passed [`PAGE_EVENTS`] at byte `at` of
/// the file `text`.
fn too_much_markup(path: &Path, text: &str, at: usize) -> Diagnostic {
    const _: () = assert!(PAGE_EVENTS == 1_000_000, "the message names the limit");
    let message = crate::t!(
        "这一页的 Markdown 标记太多（到这里超过了 100 万处），网站不生成这一页",
        "this page's Markdown makes more than 1,000,000 pieces (links, emphasis, paragraphs, runs of text) by this point, so the page is not made"
    );
    let hint = crate::t!(
        "把页面拆成几页；大量的链接、列表或数据可以做成 Excel 或 CSV 文件放在页面旁边，写成下载链接",
        "split the page into several; many links, list items or figures can go in an Excel or CSV file beside the page, linked as a download"
    );
    page_refused(path, text, at, (message, hint))
}

/// The error that a page is not made (too much of something), at byte `at`
/// of the file `text`.
fn page_refused(
    path: &Path,
    text: &str,
    at: usize,
    (message, hint): (crate::msg::Text, crate::msg::Text),
) -> Diagnostic {
    Diagnostic::error(path, message)
        .at_offset(text, at)
        .hint(hint)
}

/// `text` as HTML by CommonMark alone (no extensions, raw HTML kept), with the
/// one rewrite that changes how Markdown is read: CJK-friendly emphasis, which
/// leaves text without CJK characters as CommonMark has it. The spec run of the
/// tests holds it to every example of CommonMark 0.31.2.
pub fn commonmark_html(text: &str) -> String {
    let mut html = String::with_capacity(text.len() * 3 / 2);
    let events = parse(text, Options::empty());
    pulldown_cmark::html::push_html(&mut html, events.into_iter().map(|(e, _)| e));
    html
}

/// Renders the body of one page.
pub fn render(input: &MarkdownInput<'_>) -> Rendered {
    let body = controls::cleaned(&input.text[input.body_start..]);
    let body = &*body;
    let mut out = Rendered::default();
    out.diags
        .extend(controls::warning(input.path, input.text, input.body_start));
    let (path, text, start) = (input.path, input.text, input.body_start);
    if let Some(d) = tables::too_many_cells(path, text, start, body) {
        out.diags.push(d);
        return out;
    }
    let mut events = match parse_page(body, options()) {
        Ok(events) => events,
        Err(at) => {
            out.diags.push(too_much_markup(path, text, start + at));
            return out;
        }
    };

    // The content policy (addresses, raw HTML, heading attributes) sees every event
    // the editor wrote, footnote definitions included, and nothing this module
    // generates: the markup made below is never mistaken for the editor's HTML.
    // One locator for every pass: each places its findings from the last one.
    let locator = Locator::new(input.text);
    let loc = &locator;
    links_and_html(input, &mut events, &mut out.diags, &mut out.targets, loc);
    wiki::wiki_links(input, &events, &mut out.diags, loc);
    // Only a page with a bracket can hold a link left as text.
    let body_text = &input.text[input.body_start..];
    if memchr::memchr(b'[', body_text.as_bytes()).is_some()
        || memchr::memmem::find(body_text.as_bytes(), "【".as_bytes()).is_some()
    {
        link_slips::link_slips(input, &wiki::text_runs(&events), &mut out.diags, loc);
    }
    indented::indented_paragraphs(input, &events, &mut out.diags, loc);
    media::media(input, &mut events, &mut out.diags, loc);
    let mut used_ids = HashSet::new();
    let footnotes = footnotes(&mut events, &mut used_ids);
    headings(&mut events, &mut used_ids, &mut out.toc);
    out.excerpt = excerpt(&events);
    glossary_terms(input, &mut events);
    embeds(input, &mut events, &mut out, loc);

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
            glossary: &Default::default(),
            files: &no_files,
            suggest: &|w: &str| {
                crate::text::suggest::link_target(w, [("services/health-check.md", "免费体检")])
                    .map(LinkGuess::of)
            },
        };
        render(&input)
    }

    #[test]
    fn an_escaped_bracket_is_no_link_slip() {
        let slips = |body: &str| {
            (md(body).diags.iter())
                .filter(|d| d.message.zh().contains("不会变成链接"))
                .count()
        };
        assert_eq!(slips("见[申请表](申请 表.pdf)。"), 1);
        assert_eq!(slips("见\\[申请表](申请 表.pdf)。"), 0);
        assert_eq!(slips("\\[申请表](申请 表.pdf)"), 0);
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
    fn cjk_emphasis_follows_one_rule() {
        // Two bolds side by side, the second not nested in the first.
        assert_eq!(
            md("一是**加强监测。**二是**完善制度。**").html,
            "<p>一是<strong>加强监测。</strong>二是<strong>完善制度。</strong></p>\n"
        );
        assert_eq!(md("~~删除。~~后文").html, "<p><del>删除。</del>后文</p>\n");
        // A single tilde inside a word is a range, not strikethrough.
        assert_eq!(md("每年3~5次，6~8人").html, "<p>每年3~5次，6~8人</p>\n");
        assert_eq!(md("a~b~c ~d~").html, "<p>a~b~c <del>d</del></p>\n");
        assert_eq!(
            md("**“引号”**后文").html,
            "<p><strong>“引号”</strong>后文</p>\n"
        );
        assert_eq!(
            md("这是**重点（括号）**内容").html,
            "<p>这是<strong>重点（括号）</strong>内容</p>\n"
        );
        assert_eq!(
            md("*斜体（括号）。*继续，__下划线__不算").html,
            "<p><em>斜体（括号）。</em>继续，__下划线__不算</p>\n"
        );
        // Latin text stays CommonMark: after punctuation, a letter closes nothing.
        assert_eq!(
            md("a**\"foo\"**b").html,
            "<p>a**&quot;foo&quot;**b</p>\n".replace("&quot;", "\"")
        );
        assert_eq!(
            md("**foo \"*bar*\" foo**").html,
            "<p><strong>foo \"<em>bar</em>\" foo</strong></p>\n"
        );
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
    fn a_link_written_as_a_title_or_a_near_name_suggests_the_page() {
        for written in [
            "免费体检",
            "../services/helth-check.md",
            "@/services/health-chek.md",
        ] {
            let r = md(&format!("见[指南]({written})。\n"));
            let d = r
                .diags
                .first()
                .unwrap_or_else(|| panic!("{written}: no error"));
            let hint = d.hint.as_ref().expect("a hint");
            assert!(
                hint.zh()
                    .starts_with("是不是想链接到 content/services/health-check.md？"),
                "{written}: {}",
                hint.zh()
            );
        }
        // A relative link to a file beside the page is not a title.
        assert!(md("见[图](现场.jpg)。\n").diags.is_empty());
        // Only a page's exact title is taken for one: a relative address that
        // merely resembles a title is left alone.
        assert!(md("见[目录](免费体)。\n").diags.is_empty());
        let r = md("见[指南](../services/完全无关.md)。\n");
        let hint = r.diags[0].hint.as_ref().unwrap();
        assert!(!hint.zh().contains("是不是"), "{}", hint.zh());
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
    fn footnote_bodies_are_checked_and_made_relative_when_html_is_escaped() {
        let r =
            md("正文[^a]。\n\n[^a]: 见[指南](../services/x.md)和[旧页](../services/nope.md)。\n");
        assert!(
            r.html.contains("<sup class=\"fn-ref\"><a href=\"#fn-1\""),
            "{}",
            r.html
        );
        assert!(!r.html.contains("&lt;sup"), "{}", r.html);
        assert!(r.html.contains("href=\"../../services/x/\""), "{}", r.html);
        assert_eq!(r.diags.len(), 1, "{:?}", r.diags);
        assert!(r.diags[0].is_error());
        assert!(r.diags[0].message.contains("services/nope.md"));
        assert_eq!((r.diags[0].line, r.diags[0].col), (6, 31));
    }

    /// Links, pictures and headings are mended alike in place (a page with
    /// no table or raw HTML) and while the events are remade (a page with an
    /// editor's comment, which is dropped): the same HTML, the same messages
    /// at the same places, the same targets.
    #[test]
    fn links_are_mended_alike_in_place_and_remade() {
        let body = "# 标题 {#t data-x=1}\n\n见[检查](../services/x.md)、[无](nowhere.md)、[外](javascript:alert(1))。\n\n![图](pic.png)\n";
        let with_comment = format!("{body}\n<!-- 编辑备注 -->\n");
        let (a, b) = (md(body), md(&with_comment));
        assert_eq!(a.html, b.html);
        let said = |r: &Rendered| -> Vec<(String, usize, usize)> {
            (r.diags.iter())
                .map(|d| (d.message.en().to_string(), d.line, d.col))
                .collect()
        };
        assert!(said(&a).len() >= 3, "{:?}", said(&a));
        assert_eq!(said(&a), said(&b));
        let targets = |r: &Rendered| -> Vec<(String, usize, bool)> {
            (r.targets.iter())
                .map(|t| (t.file.clone(), t.offset, t.image))
                .collect()
        };
        assert_eq!(targets(&a), targets(&b));
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

    proptest::proptest! {
        /// Any mix of delimiters, CJK text and punctuation, brackets, escapes and
        /// code: no panic, and every emphasis tag opened is closed.
        #[test]
        fn emphasis_is_always_balanced(
            parts in proptest::collection::vec(
                proptest::sample::select(vec![
                    "*", "**", "_", "__", "~", "~~", "a", " ", "。", "中", "“", "”", "（", "）",
                    "[", "](u)", "`", "\\", "\n", "<b>", "![", "&amp;",
                ]),
                0..40,
            )
        ) {
            let body = parts.concat();
            let html = md(&body).html;
            for tag in ["em", "strong", "del"] {
                let opened = html.matches(&format!("<{tag}>")).count();
                let closed = html.matches(&format!("</{tag}>")).count();
                proptest::prop_assert_eq!(opened, closed, "{:?} -> {}", body, html);
            }
        }
    }
}
