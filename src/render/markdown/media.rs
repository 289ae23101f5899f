//! Pictures and attachments. Every picture needs alt text (an error without
//! it: accessibility is the law for government sites) and is written with
//! `loading="lazy"` and `decoding="async"`; a picture beside a page folder's
//! `index.md` gets its `width` and `height`. A link to an application form or
//! other download beside the page says its type and size: 申请表（PDF，120 KB）.
//! A picture or download the page folder does not have is an error.

use std::ops::Range;

use pulldown_cmark::{CowStr, Event, LinkType, Tag, TagEnd};

use super::links::{destination, join_content_path, Destination};
use super::MarkdownInput;
use crate::diag::{Diagnostic, Locator};
use crate::t;

/// What the page knows about a file beside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileInfo {
    /// Size in bytes.
    pub size: u64,
    /// Width and height in pixels, for pictures.
    pub dims: Option<(u32, u32)>,
    /// Whether it is published beside its page (it lies in a page folder).
    pub published: bool,
    /// The widths of its smaller copies ([`crate::pictures`]), for `srcset`.
    pub variants: Vec<u32>,
    /// Refused, and told why already (too large, a link out of the site …):
    /// no second message about it.
    pub refused: bool,
}

impl FileInfo {
    /// What a page knows about a file of its folder.
    pub fn of(f: &crate::page_files::PageFile) -> Self {
        FileInfo {
            size: f.size,
            dims: f.dims,
            published: f.output.is_some() || f.from_static,
            variants: f.variants.clone(),
            refused: f.refused,
        }
    }
}

/// No files beside the page.
pub fn no_files(_: &str) -> Option<FileInfo> {
    None
}

use crate::page_files::{is_picture_or_download, ATTACHMENTS};

/// A size as readers read it: whole KB (rounded up) below 1 MB, else MB with
/// one decimal. Integer arithmetic: the same bytes give the same text.
pub fn human_size(size: u64) -> String {
    const KIB: u64 = 1024;
    const MIB: u64 = 1024 * 1024;
    if size < MIB {
        format!("{} KB", size.div_ceil(KIB))
    } else {
        let tenths = (size * 10 + MIB / 2) / MIB;
        format!("{}.{} MB", tenths / 10, tenths % 10)
    }
}

/// The text after an attachment's link text: `（PDF，120 KB）`.
pub fn attachment_note(ext: &str, size: u64) -> Option<String> {
    let ext = ext.to_ascii_lowercase();
    let (_, kind) = ATTACHMENTS.iter().find(|(e, _)| *e == ext)?;
    Some(format!("（{kind}，{}）", human_size(size)))
}

/// A relative address of the page that names a file of its folder: the file's
/// `content/`-relative path and its extension (lower case).
fn beside(input: &MarkdownInput<'_>, dest: &str) -> Option<(String, String)> {
    if destination(input.source_dir, dest, input.resolve) != Destination::RelativeToPage {
        return None;
    }
    let path = &dest[..dest.find(['#', '?']).unwrap_or(dest.len())];
    let name = path.rsplit('/').next()?;
    let ext = name.rsplit_once('.')?.1.to_ascii_lowercase();
    let decoded = crate::text::escape::url_decode(path);
    Some((join_content_path(input.source_dir, &decoded)?, ext))
}

/// Whether the page is a page folder's `index.md`, whose files lie beside it.
fn is_page_folder(input: &MarkdownInput<'_>) -> bool {
    input.path.file_name().is_some_and(|n| n == "index.md") && !input.source_dir.is_empty()
}

/// The error for a file the page folder does not have.
fn missing(input: &MarkdownInput<'_>, dest: &str, target: &str) -> Diagnostic {
    let folder = input.source_dir;
    Diagnostic::error(
        input.path,
        t!(
            "找不到文件 `{dest}`：页面文件夹 content/{folder}/ 里没有 content/{target}",
            "the file `{dest}` is not in the page's folder content/{folder}/"
        ),
    )
    .hint(t!(
        "把文件放进 content/{folder}/，或改正文件名（注意大小写和扩展名）",
        "put the file in content/{folder}/, or correct its name (letter case and extension count)"
    ))
}

/// The error for a picture or download that lies in `content/` but in no page
/// folder, so is not published: say how to make the page a folder.
fn unpublished(input: &MarkdownInput<'_>, dest: &str, target: &str) -> Diagnostic {
    let page = input.path.to_string_lossy().replace('\\', "/");
    let folder = page.strip_suffix(".md").unwrap_or(&page);
    let name = target.rsplit('/').next().unwrap_or(target);
    Diagnostic::error(
        input.path,
        t!("`{dest}` 不在页面文件夹里，不会随页面发布", "`{dest}` (content/{target}) is not in a page folder, so it is not published with the page"),
    )
    .hint(if is_page_folder(input) {
        {
            let dir = input.source_dir;
            t!("把文件移到本页的文件夹 content/{dir}/ 里", "move the file into this page's folder content/{dir}/")
        }
    } else {
        t!("把页面改成文件夹：把 {page} 改名为 {folder}/index.md，把 {name} 放在它旁边", "make the page a folder: rename {page} to {folder}/index.md and put {name} beside it")
    })
}

/// Rewrites pictures and attachment links; see the module text.
pub(super) fn media<'a>(
    input: &MarkdownInput<'_>,
    events: &mut Vec<(Event<'a>, Range<usize>)>,
    diags: &mut Vec<Diagnostic>,
    locator: &Locator<'_>,
) {
    let (mut images, mut links) = (false, false);
    for (e, _) in events.iter() {
        match e {
            Event::Start(Tag::Image { .. }) => images = true,
            Event::Start(Tag::Link { .. }) => links = true,
            _ => {}
        }
    }
    if !images && !links {
        return;
    }
    let folder_page = is_page_folder(input);
    let at = |d: Diagnostic, range: &Range<usize>| locator.place(d, input.body_start + range.start);
    if !images {
        // Links alone: their notes go in before their ends, nothing else
        // moves (most pages: moving every event was a percent of a build).
        let mut open: Vec<Option<String>> = Vec::new();
        let mut notes: Vec<(usize, String)> = Vec::new();
        for (i, (event, range)) in events.iter().enumerate() {
            match event {
                Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    ..
                }) => open.push(link_note(
                    input,
                    folder_page,
                    *link_type,
                    dest_url,
                    &mut |d| diags.push(at(d, range)),
                )),
                Event::End(TagEnd::Link) => {
                    if let Some(Some(note)) = open.pop() {
                        notes.push((i, note));
                    }
                }
                _ => {}
            }
        }
        if !notes.is_empty() {
            // Each note before its link's end, the events moved once.
            let old = std::mem::take(events);
            events.reserve(old.len() + notes.len());
            let mut notes = notes.into_iter().peekable();
            for (i, (event, range)) in old.into_iter().enumerate() {
                if let Some((_, note)) = notes.next_if(|n| n.0 == i) {
                    events.push((Event::Text(CowStr::Boxed(note.into())), range.clone()));
                }
                events.push((event, range));
            }
        }
        return;
    }
    let old = super::take_events(events);
    let mut iter = old.into_iter();
    // For each open link: the note to put before its end.
    let mut notes: Vec<Option<String>> = Vec::new();
    while let Some((event, range)) = iter.next() {
        match event {
            Event::Start(Tag::Image {
                dest_url, title, ..
            }) => {
                let alt = alt_text(&mut iter);
                let html = picture(input, folder_page, &dest_url, &title, &alt, &mut |d| {
                    diags.push(at(d, &range))
                });
                events.push((Event::InlineHtml(html.into()), range));
            }
            Event::Start(Tag::Link {
                link_type,
                ref dest_url,
                ..
            }) => {
                notes.push(link_note(
                    input,
                    folder_page,
                    link_type,
                    dest_url,
                    &mut |d| diags.push(at(d, &range)),
                ));
                events.push((event, range));
            }
            Event::End(TagEnd::Link) => {
                if let Some(Some(note)) = notes.pop() {
                    events.push((Event::Text(CowStr::Boxed(note.into())), range.clone()));
                }
                events.push((event, range));
            }
            other => events.push((other, range)),
        }
    }
}

/// The note after a link to a file beside the page (its kind and size), and
/// the problems of such a link (`report`): a file not published, or missing.
fn link_note(
    input: &MarkdownInput<'_>,
    folder_page: bool,
    link_type: LinkType,
    dest_url: &str,
    report: &mut dyn FnMut(Diagnostic),
) -> Option<String> {
    if matches!(link_type, LinkType::Autolink | LinkType::Email) {
        return None;
    }
    let (target, ext) = beside(input, dest_url)?;
    match (input.files)(&target) {
        Some(info) if info.refused => None,
        Some(info) if !info.published => {
            report(unpublished(input, dest_url, &target));
            None
        }
        Some(info) => attachment_note(&ext, info.size),
        None if folder_page && is_known(&ext) => {
            report(missing(input, dest_url, &target));
            None
        }
        None => None,
    }
}

fn is_known(ext: &str) -> bool {
    is_picture_or_download(ext)
}

/// Consumes an image's events up to its end; returns its text (the alt text).
fn alt_text<'a>(iter: &mut impl Iterator<Item = (Event<'a>, Range<usize>)>) -> String {
    let mut alt = String::new();
    let mut depth = 0;
    for (e, _) in iter.by_ref() {
        match e {
            Event::Start(Tag::Image { .. }) => depth += 1,
            Event::End(TagEnd::Image) if depth == 0 => break,
            Event::End(TagEnd::Image) => depth -= 1,
            Event::Text(t) | Event::Code(t) => alt.push_str(&t),
            Event::SoftBreak | Event::HardBreak => alt.push(' '),
            _ => {}
        }
    }
    alt
}

/// The `<img>` of a picture; reports missing alt text and missing files.
fn picture(
    input: &MarkdownInput<'_>,
    folder_page: bool,
    dest: &str,
    title: &str,
    alt: &str,
    report: &mut dyn FnMut(Diagnostic),
) -> String {
    if alt.trim().is_empty() {
        let name = dest.rsplit('/').next().unwrap_or(dest);
        report(
            Diagnostic::error(
                input.path,
                t!("图片“{name}”没有文字说明", "the picture `{name}` has no alt text: readers who cannot see it (screen readers, slow networks) get nothing"),
            )
            .hint(t!("在方括号里写上图片内容的文字说明，例如 ![照片内容的文字说明]({name})", "write what the picture shows between the brackets, e.g. ![what the photo shows]({name})")),
        );
    }
    if off_site(dest) {
        report(picture_elsewhere(input, dest));
    }
    // A picture of the site outside the page's folder (`static/`, written
    // `/images/a.png` and made relative by the links stage) is found by the
    // site path it leads to.
    let elsewhere = || (input.files)(&format!("/{}", site_path(input.page_path, dest)?));
    let mut found = None;
    if let Some((target, _)) = beside(input, dest) {
        match (input.files)(&target) {
            Some(info) if info.refused => {}
            Some(info) if !info.published => report(unpublished(input, dest, &target)),
            Some(info) => found = Some(info),
            None => match elsewhere() {
                Some(info) => found = Some(info),
                None if folder_page => report(missing(input, dest, &target)),
                None => {}
            },
        }
    } else {
        found = elsewhere();
    }
    let (dims, variants) = found.map_or((None, Vec::new()), |f| (f.dims, f.variants));
    let esc = crate::text::escape::html;
    let mut src = String::new();
    let _ = pulldown_cmark_escape::escape_href(&mut src, dest);
    let mut html = format!("<img src=\"{src}\" alt=\"{}\"", esc(alt.trim()));
    if !title.is_empty() {
        html.push_str(&format!(" title=\"{}\"", esc(title)));
    }
    if let Some((w, h)) = dims {
        html.push_str(&format!(" width=\"{w}\" height=\"{h}\""));
        if !variants.is_empty() {
            html.push_str(&srcset(dest, &src, w, &variants));
        }
    }
    html.push_str(" loading=\"lazy\" decoding=\"async\">");
    html
}

/// Whether a picture's address leads to another host: a scheme (`https:`,
/// `http:`; others are refused by the address policy) or a protocol-relative
/// `//host/…` (refused by the policy too, kept here so that the rule stands alone).
fn off_site(dest: &str) -> bool {
    crate::text::url::scheme(dest).is_some() || crate::text::url::protocol_relative(dest)
}

/// The error for a picture from another host: every reader's browser would ask
/// that host for it, telling it who reads which page (README: nothing external).
fn picture_elsewhere(input: &MarkdownInput<'_>, dest: &str) -> Diagnostic {
    let shown = dest.escape_debug().to_string();
    Diagnostic::error(
        input.path,
        t!(
            "图片“{shown}”在别的网站上：读者打开这一页时，浏览器会去那个网站取图，把谁在看哪一页告诉它；本网站不从别的网站取任何东西",
            "the picture `{shown}` is on another host: every reader's browser would ask that host for it, telling it who reads which page; the site loads nothing from other hosts"
        ),
    )
    .hint(t!(
        "把图片下载下来，放在本页的文件夹里（或网站的 static\\images\\ 里），再写 ![图片说明](文件名)；只想让读者去看原图的话，写成链接 [原图](网址)",
        "download the picture into the page's folder (or the site's static/images/) and write ![what it shows](file name); to send readers to the original, make it a link: [original](address)"
    ))
}

/// The site path (`images/a.png`) a relative address on the page at
/// `page_path` leads to; `None` for other addresses and those leaving the site.
fn site_path(page_path: &str, dest: &str) -> Option<String> {
    let path = &dest[..dest.find(['#', '?']).unwrap_or(dest.len())];
    if path.is_empty() || path.starts_with('/') || path.contains(':') {
        return None;
    }
    let mut parts: Vec<&str> = page_path.split('/').filter(|s| !s.is_empty()).collect();
    for segment in path.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    Some(crate::text::escape::url_decode(&parts.join("/")))
}

/// ` srcset="现场-480w.jpg 480w, …, 现场.jpg 4000w" sizes="…"`: the smaller
/// copies beside the original (`src`, already escaped), so a phone downloads
/// the copy its screen needs.
fn srcset(dest: &str, src: &str, width: u32, variants: &[u32]) -> String {
    let path = &dest[..dest.find(['#', '?']).unwrap_or(dest.len())];
    let mut list = String::new();
    for &w in variants {
        let _ =
            pulldown_cmark_escape::escape_href(&mut list, &crate::pictures::variant_name(path, w));
        list.push_str(&format!(" {w}w, "));
    }
    let sizes = crate::pictures::SIZES;
    format!(" srcset=\"{list}{src} {width}w\" sizes=\"{sizes}\"")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_addresses_lead_to_site_paths() {
        assert_eq!(
            site_path("reports/x/", "../../images/a.png").as_deref(),
            Some("images/a.png")
        );
        assert_eq!(site_path("", "logo.png?v=1").as_deref(), Some("logo.png"));
        assert_eq!(
            site_path("a/", "../%E5%9B%BE.png").as_deref(),
            Some("图.png")
        );
        assert_eq!(site_path("a/", "../../etc/passwd"), None);
        assert_eq!(site_path("a/", "https://x/y.png"), None);
    }

    #[test]
    fn sizes_read_as_readers_read_them() {
        assert_eq!(human_size(0), "0 KB");
        assert_eq!(human_size(100), "1 KB");
        assert_eq!(human_size(120 * 1024), "120 KB");
        assert_eq!(human_size(1024 * 1024), "1.0 MB");
        assert_eq!(human_size(2_621_440), "2.5 MB");
        assert_eq!(
            attachment_note("PDF", 122_880).as_deref(),
            Some("（PDF，120 KB）")
        );
        assert_eq!(
            attachment_note("xlsx", 2048).as_deref(),
            Some("（Excel，2 KB）")
        );
        assert_eq!(attachment_note("jpg", 2048), None);
    }
}
