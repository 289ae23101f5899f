//! Addresses: the content policy for links, images and raw HTML.

use std::ops::Range;

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use super::{root_prefix, MarkdownInput, Target};
use crate::diag::{Diagnostic, Locator};
use crate::msg::Text;
use crate::parse::config::RawHtml;
use crate::t;

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
pub(super) fn links_and_html<'a>(
    input: &MarkdownInput<'_>,
    events: &mut Vec<(Event<'a>, Range<usize>)>,
    diags: &mut Vec<Diagnostic>,
    targets: &mut Vec<Target>,
    locator: &Locator<'_>,
) {
    let prefix = root_prefix(input.page_path);
    // Links, pictures and headings are mended where they are; only tables
    // (wrapped) and raw HTML (dropped or escaped) change the events' number.
    // A page without either is mended in place: no second vector of all its
    // events, and no copy of each into it.
    let reshaped = |e: &Event<'_>| match e {
        Event::Start(Tag::Table(_)) | Event::End(TagEnd::Table) => true,
        Event::Html(_) | Event::InlineHtml(_) => input.raw_html == RawHtml::Escape,
        _ => false,
    };
    let mut fix = |event: &mut Event<'a>, range: &Range<usize>| {
        let file_offset = input.body_start + range.start;
        mend(
            input,
            event,
            (file_offset, &prefix),
            (diags, targets),
            locator,
        );
    };
    if !events.iter().any(|(e, _)| reshaped(e)) {
        for (event, range) in events.iter_mut() {
            fix(event, range);
        }
        return;
    }
    let old = super::take_events(events);
    // Where raw HTML is shown as text: told once, at the first, naming the others.
    let mut html_at: Vec<usize> = Vec::new();
    for (mut event, range) in old {
        let file_offset = input.body_start + range.start;
        match event {
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
                html_at.push(file_offset);
                // Escaped here, written as markup: text that no later step reads
                // as words (summaries, glossary terms).
                let escaped = crate::text::escape::html(&html);
                events.push((Event::InlineHtml(escaped.into()), range));
            }
            _ => {
                fix(&mut event, &range);
                events.push((event, range));
            }
        }
    }
    if let Some(&first) = html_at.first() {
        // The page's locator has its lines already: the others' lines, once each.
        html_at.sort_unstable();
        let mut lines: Vec<usize> = html_at.iter().map(|&o| locator.line_col(o).0).collect();
        lines.dedup();
        lines.remove(0);
        diags.push(locator.place(html_shown_as_text(input, &lines), first));
    }
}

/// Mends one event where it is: a link's or picture's address checked (and
/// its target noted when it is one of the site's outputs), a heading's
/// attributes other than its id and classes dropped with a warning.
fn mend<'a>(
    input: &MarkdownInput<'_>,
    event: &mut Event<'a>,
    (file_offset, prefix): (usize, &str),
    (diags, targets): (&mut Vec<Diagnostic>, &mut Vec<Target>),
    locator: &Locator<'_>,
) {
    let at = |d: Diagnostic| locator.place(d, file_offset);
    let (dest_url, is_link) = match event {
        Event::Start(Tag::Link { dest_url, .. }) => (dest_url, true),
        Event::Start(Tag::Image { dest_url, .. }) => (dest_url, false),
        Event::Start(Tag::Heading { attrs, .. }) => {
            if let Some((name, _)) = attrs.first() {
                diags.push(at(ignored_heading_attribute(input, name)));
            }
            attrs.clear();
            return;
        }
        _ => return,
    };
    if let Some(file) = output_target(input, dest_url) {
        targets.push(Target {
            file,
            dest: dest_url.as_ref().into(),
            offset: file_offset,
            image: !is_link,
        });
    }
    let dest = std::mem::replace(dest_url, CowStr::Borrowed(""));
    *dest_url = checked_address(input, dest, prefix, is_link, &mut |d| diags.push(at(d)));
}

/// Raw HTML under `raw_html = "escape"`: shown as text (said once per page, at
/// the first, with the lines of the others).
fn html_shown_as_text(input: &MarkdownInput<'_>, others: &[usize]) -> Diagnostic {
    let message = if others.is_empty() {
        t!(
            "正文里的 HTML 代码会原样显示成文字，不会起作用",
            "raw HTML is shown as text, not run"
        )
    } else {
        // Ten lines at most: a page pasted from Word can hold hundreds.
        let lines = others
            .iter()
            .take(10)
            .map(usize::to_string)
            .collect::<Vec<_>>()
            .join("、");
        let lines_en = lines.replace('、', ", ");
        let n = others.len();
        if n > 10 {
            t!(
                "正文里的 HTML 代码会原样显示成文字，不会起作用（这一页另有 {n} 处，如第 {lines} 行）",
                "raw HTML is shown as text, not run ({n} more on this page, e.g. on lines {lines_en})"
            )
        } else {
            t!(
                "正文里的 HTML 代码会原样显示成文字，不会起作用（这一页还有：第 {lines} 行）",
                "raw HTML is shown as text, not run (also on lines {lines_en} of this page)"
            )
        }
    };
    Diagnostic::warning(input.path, message)
    .hint(t!(
        "改用 Markdown 的写法（**加粗**、[链接](地址)、- 列表）；site.toml 里的 raw_html = \"allow\" 会让代码起作用，但只有每位编辑都完全可信时才安全",
        "write it in Markdown instead; raw_html = \"allow\" in site.toml runs it, which is only safe if every editor is trusted with the site's security"
    ))
}

/// A heading attribute other than an id or classes (`{onclick=…}`): dropped, and
/// the editor told so.
fn ignored_heading_attribute(input: &MarkdownInput<'_>, name: &str) -> Diagnostic {
    Diagnostic::warning(
        input.path,
        t!(
            "标题后面 {{…}} 里的“{name}”不起作用：那里只能写 #名字（锚点）和 .名字（样式）",
            "the heading attribute `{name}` is ignored: headings may only set an id (#name) and classes (.name)"
        ),
    )
    .hint(t!(
        "把它从标题后面的 {{…}} 里删掉",
        "remove it from the {{…}} after the heading"
    ))
}

/// The output file a link or picture address of this site needs: `/images/a.png`,
/// `../x/`, `表.pdf`. `None` for addresses elsewhere, for pages named by their
/// source file (`x.md`, `@/x.md`: resolved, or reported, when rendered), for
/// anchors on the same page and for what cannot be an address of the site
/// (reported by [`relative_path_problem`]).
pub(crate) fn output_target(input: &MarkdownInput<'_>, dest: &str) -> Option<String> {
    let path_part = dest.split(['#', '?']).next().unwrap_or("");
    if path_part.is_empty()
        || path_part.ends_with(".md")
        || path_part.starts_with("@/")
        || path_part.contains('\\')
    {
        return None;
    }
    output_file(
        input.page_path,
        dest,
        destination(input.source_dir, dest, &|_| None),
    )
}

/// The output file an address leads to from the page at `page_path`, given how
/// [`destination`] read it: a site path as it is, a relative one joined to the
/// page's address (`None` when it climbs out), a folder as its `index.html`,
/// percent-escapes decoded. `None` for addresses elsewhere or missing. The one
/// rule for the build's missing-address errors and `check`'s anchors.
pub(crate) fn output_file(page_path: &str, dest: &str, read: Destination) -> Option<String> {
    let path_part = dest.split(['#', '?']).next().unwrap_or("");
    let target = match read {
        Destination::Site(path, _) => path,
        Destination::RelativeToPage if path_part.is_empty() => page_path.to_string(),
        Destination::RelativeToPage => {
            let mut t = join_content_path(page_path, path_part)?;
            if path_part.ends_with('/') && !t.is_empty() {
                t.push('/');
            }
            t
        }
        Destination::Elsewhere | Destination::Missing(_) => return None,
    };
    let file = if target.is_empty() || target.ends_with('/') {
        format!("{target}index.html")
    } else {
        target
    };
    Some(crate::text::url::site_path(&format!("/{file}")).unwrap_or(file))
}

/// A relative address that cannot work on any host: one that climbs above the
/// site's root with `../` (under a sub-path it would point into someone else's
/// pages), or one written with Windows backslashes (`附件\申请表.pdf`), which no
/// browser reads as folders.
fn relative_path_problem(input: &MarkdownInput<'_>, dest: &str) -> Option<(Text, Text)> {
    // Only the kind of address matters here: no page is looked up (a lookup
    // is recorded as an input of the body; `rewrite_link` makes it once).
    if !matches!(
        destination(input.source_dir, dest, &|_| None),
        Destination::RelativeToPage
    ) {
        return None;
    }
    let path = dest.split(['#', '?']).next().unwrap_or("");
    if path.contains('\\') {
        let fixed = path.replace('\\', "/");
        return Some((
            t!(
                "地址“{path}”里用了反斜杠“\\”：网页地址里的文件夹用斜杠“/”分开",
                "the address `{path}` uses backslashes: folders in web addresses are separated by `/`"
            ),
            t!("写成 {fixed}", "write {fixed}"),
        ));
    }
    if join_content_path(input.page_path, path).is_none() {
        return Some((
            t!(
                "地址“{path}”跑到网站外面去了：“../”写多了",
                "the address `{path}` leads outside the site: too many `../`"
            ),
            t!(
                "本网站的文件从 content 文件夹写起更稳妥，例如 @/services/elderly-health-check.md；图片和附件放在页面旁边，直接写文件名",
                "write addresses of this site from the content folder, e.g. @/services/elderly-health-check.md; put pictures and attachments beside the page and write their file name"
            ),
        ));
    }
    None
}

/// True for an address that can only be a page's title: no folder, no file
/// extension, no fragment, and not plain ASCII (a relative link to a folder or
/// file of the site is written in ASCII or carries a `/` or `.`).
fn names_a_title(dest: &str) -> bool {
    !dest.is_empty() && !dest.is_ascii() && !dest.contains(['/', '.', '#', '?', ':'])
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
    // A picture from another host is refused as such (`media.rs`), whose
    // hint says what to do with a picture.
    let off_site_picture = !is_link && crate::text::url::protocol_relative(&dest);
    if let (Err(refused), false) = (crate::text::url::check(&dest), off_site_picture) {
        let shown = dest.escape_debug().to_string();
        let refused = refused.message();
        let (zh, en) = (refused.zh(), refused.en());
        report(
            Diagnostic::error(
                input.path,
                t!(
                    "链接地址“{shown}”不能用：{zh}",
                    "the address `{shown}` is not allowed: {en}"
                ),
            )
            .hint(t!(
                "链接到本网站的页面，或以 http(s):// 开头的网址；邮箱写 mailto:，电话写 tel:",
                "link to pages of this site or to http(s) addresses; mailto: and tel: work for e-mail and telephone"
            )),
        );
        return blank();
    }
    if let Some((message, hint)) = relative_path_problem(input, &dest) {
        report(Diagnostic::error(input.path, message).hint(hint));
        return blank();
    }
    match rewrite_link(input, &dest, prefix) {
        // `[体检](免费体检)`: a page named by its exact title, not its file.
        LinkTarget::Keep if is_link && names_a_title(&dest) => {
            if let Some(meant) = (input.suggest)(&dest).filter(|g| g.titled).map(|g| g.rel) {
                report(
                    Diagnostic::error(
                        input.path,
                        t!(
                            "链接要写页面的文件名，不能写标题：“{dest}”",
                            "a link names a page's file, not its title: `{dest}`"
                        ),
                    )
                    .hint(t!(
                        "是不是想链接到 content/{meant}？写成 @/{meant}",
                        "did you mean content/{meant}? Write @/{meant}"
                    )),
                );
            }
            dest
        }
        LinkTarget::Keep => dest,
        LinkTarget::Rewrite(u) => u.into(),
        LinkTarget::Missing(target) if is_link => {
            let general = t!(
                "检查文件名和文件夹；链接从本文件所在位置写起，例如 ../services/elderly-health-check.md，或从 content 文件夹写起，例如 @/services/elderly-health-check.md",
                "check the file name and folder; links to pages are written relative to this file, e.g. ../services/elderly-health-check.md, or from the content folder as @/services/elderly-health-check.md"
            );
            let hint = match (input.suggest)(&dest).map(|g| g.rel) {
                Some(meant) => t!(
                    "是不是想链接到 content/{meant}？可以写成 @/{meant}。",
                    "did you mean content/{meant}? Write it as @/{meant}. "
                )
                .then(&general),
                None => general,
            };
            report(
                Diagnostic::error(
                    input.path,
                    t!(
                        "链接的页面不存在：“{dest}”（找的是 content/{target}）",
                        "link to a page that does not exist: `{dest}` (looked for content/{target})"
                    ),
                )
                .hint(hint),
            );
            dest
        }
        LinkTarget::Missing(_) => dest,
    }
}
