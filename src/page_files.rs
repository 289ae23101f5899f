//! ASSEMBLE: pages that are folders. `content/reports/2023-协商/index.md` is the
//! page `reports/2023-协商/`; the other files of its folder (pictures, application
//! forms) are copied beside the built page, so the page links them as written:
//! `![现场照片](现场.jpg)`, `[申请表](申请表.pdf)`. Pure: the bytes come from
//! [`crate::source`], which applied the site's link policy and size limits.

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::diag::{Diagnostic, Diagnostics};
use crate::parse::config::RawHtml;
use crate::source::SourceFile;
use crate::t;

/// The name of the Markdown file that makes its folder a page.
pub(crate) const INDEX: &str = "index.md";

/// The folder (relative to `content/`) whose page `rel` is, when `rel` is a
/// page folder's `index.md`; `None` for any other file.
pub(crate) fn page_folder(rel: &str) -> Option<&str> {
    rel.strip_suffix(INDEX)?
        .strip_suffix('/')
        .filter(|d| !d.is_empty())
}

/// The folder a page belongs to as a section member: the page folder's parent
/// for an `index.md`, the file's own folder otherwise.
pub(crate) fn section_dir(rel: &str) -> &str {
    let dir = page_folder(rel).unwrap_or(rel);
    dir.rsplit_once('/').map_or("", |(d, _)| d)
}

/// A file beside a page, as the site publishes it.
#[derive(Debug, Clone)]
pub struct PageFile {
    /// Relative to the output folder, e.g. `reports/2023-协商/现场.jpg`; `None`
    /// for a picture or download outside any page folder, which is not published
    /// (known only so that a link to it can say how to publish it).
    pub output: Option<String>,
    /// Its size in bytes.
    pub size: u64,
    /// Width and height in pixels, for pictures whose header says them.
    pub dims: Option<(u32, u32)>,
    /// The bytes.
    pub bytes: Arc<[u8]>,
}

impl std::hash::Hash for PageFile {
    /// What a page showing it depends on: where it is, its size and dimensions.
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        (&self.output, self.size, self.dims).hash(state);
    }
}

/// Pictures a page shows, by extension.
pub(crate) const PICTURES: &[&str] = &["png", "jpg", "jpeg", "gif", "webp", "svg"];

/// Downloads, by extension, and how a reader calls their type.
pub(crate) const ATTACHMENTS: &[(&str, &str)] = &[
    ("pdf", "PDF"),
    ("doc", "Word"),
    ("docx", "Word"),
    ("xls", "Excel"),
    ("xlsx", "Excel"),
    ("csv", "CSV"),
    ("zip", "ZIP"),
    ("odt", "ODT"),
    ("ods", "ODS"),
    ("wps", "WPS文字"),
    ("et", "WPS表格"),
];

/// Whether `ext` (lower case) names a picture or a download.
pub(crate) fn is_picture_or_download(ext: &str) -> bool {
    PICTURES.contains(&ext) || ATTACHMENTS.iter().any(|(e, _)| *e == ext)
}

/// The files beside pages, by their path relative to `content/`. `pages` maps
/// each page folder to its page's URL path (e.g. `reports/2023-协商/`). A file
/// belongs to the nearest page folder above it; Markdown files are pages, not
/// files to copy. Pictures and downloads outside page folders (and outside
/// `content/indicators/`, which holds data) are listed unpublished.
///
/// Under `raw_html = "escape"` a file that would run code in a reader's browser
/// (a web page, a script, an SVG drawing with a script: [`crate::text::active`])
/// is not published and is an error.
pub(crate) fn collect(
    files: &[SourceFile],
    pages: &BTreeMap<String, String>,
    raw_html: RawHtml,
    diags: &mut Diagnostics,
) -> BTreeMap<String, PageFile> {
    let mut out = BTreeMap::new();
    for f in files.iter().filter(|f| !f.rel.ends_with(".md")) {
        let size = f.bytes.len() as u64;
        let owned = owner(&f.rel, pages);
        if owned.is_some() && raw_html == RawHtml::Escape {
            if let Some(a) = crate::text::active::active(&f.rel, &f.bytes) {
                diags.push(refusal(f, &a));
                continue;
            }
        }
        let file = match owned {
            Some((folder, url)) => PageFile {
                output: Some(format!("{url}{}", &f.rel[folder.len() + 1..])),
                size,
                dims: dimensions(&f.rel, &f.bytes),
                bytes: Arc::from(f.bytes.as_slice()),
            },
            None if !f.rel.starts_with("indicators/")
                && is_picture_or_download(&extension(&f.rel)) =>
            {
                PageFile {
                    output: None,
                    size,
                    dims: None,
                    bytes: Arc::from(&[][..]),
                }
            }
            None => continue,
        };
        out.insert(f.rel.clone(), file);
    }
    out
}

/// The error for a file beside a page that would run code when opened.
fn refusal(f: &SourceFile, a: &crate::text::active::Active) -> Diagnostic {
    let (what_zh, what_en) = (a.what.zh(), a.what.en());
    let name = f.rel.rsplit('/').next().unwrap_or(&f.rel);
    let message = if a.unreadable {
        t!(
            "“{name}”读不懂（{what_zh}），无法确认其中没有会运行的代码，为了网站和读者的安全，不能随页面发布",
            "`{name}` cannot be read ({what_en}), so it cannot be checked for code; it is not published with the page"
        )
    } else {
        t!(
            "“{name}”打开时会运行其中的代码（{what_zh}），为了网站和读者的安全，不能随页面发布",
            "`{name}` would run code when a reader opens it ({what_en}); it is not published with the page"
        )
    };
    let d = Diagnostic::error(&f.path, message)
    .hint(t!(
        "网页、脚本请另存为 PDF；图画请另存为 PNG，或用绘图软件去掉其中的脚本。只有当所有编辑都可信时，才可在 site.toml 里写 raw_html = \"allow\"",
        "save web pages and scripts as PDF, drawings as PNG (or remove their scripts); only when every editor is trusted, set raw_html = \"allow\" in site.toml"
    ));
    match (a.line, std::str::from_utf8(&f.bytes)) {
        (0, _) | (_, Err(_)) => d,
        (line, Ok(text)) => d.at(text, line as usize, a.col as usize),
    }
}

/// The page folder holding `rel`, nearest first, and its page's URL path.
fn owner<'a>(rel: &'a str, pages: &'a BTreeMap<String, String>) -> Option<(&'a str, &'a str)> {
    let mut folder = rel;
    while let Some((up, _)) = folder.rsplit_once('/') {
        folder = up;
        if let Some(url) = pages.get(folder) {
            return Some((folder, url));
        }
    }
    None
}

/// The extension of a file name, lower case (`""` without one).
pub(crate) fn extension(name: &str) -> String {
    let base = name.rsplit('/').next().unwrap_or(name);
    base.rsplit_once('.')
        .map_or(String::new(), |(_, e)| e.to_ascii_lowercase())
}

/// Width and height of a PNG, JPEG, GIF or WebP picture from its header, or of
/// an SVG drawing from its `width`/`height` or `viewBox`.
pub(crate) fn dimensions(name: &str, bytes: &[u8]) -> Option<(u32, u32)> {
    let ext = extension(name);
    if ext == "svg" {
        return svg_dimensions(std::str::from_utf8(bytes).ok()?);
    }
    let size = imagesize::blob_size(bytes).ok()?;
    let w = u32::try_from(size.width).ok()?;
    let h = u32::try_from(size.height).ok()?;
    (w > 0 && h > 0).then_some((w, h))
}

/// An SVG root's size: `width` and `height` in pixels (a bare number or `px`),
/// else the last two numbers of its `viewBox`.
fn svg_dimensions(text: &str) -> Option<(u32, u32)> {
    let start = text.find("<svg")?;
    let tag = &text[start..start + text[start..].find('>')?];
    let attr = |name: &str| -> Option<&str> {
        let at = tag.find(&format!(" {name}=\""))? + name.len() + 3;
        Some(&tag[at..at + tag[at..].find('"')?])
    };
    let px = |v: &str| -> Option<u32> {
        let n: f64 = v.trim().trim_end_matches("px").parse().ok()?;
        (1.0..100_000.0).contains(&n).then(|| n.round() as u32)
    };
    if let (Some(w), Some(h)) = (attr("width").and_then(px), attr("height").and_then(px)) {
        return Some((w, h));
    }
    let view: Vec<&str> = attr("viewBox")?
        .split([' ', ','])
        .filter(|s| !s.is_empty())
        .collect();
    match view.as_slice() {
        [_, _, w, h] => Some((px(w)?, px(h)?)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_folders_and_their_sections() {
        assert_eq!(
            page_folder("reports/2023-协商/index.md"),
            Some("reports/2023-协商")
        );
        assert_eq!(page_folder("index.md"), None);
        assert_eq!(page_folder("reports/_index.md"), None);
        assert_eq!(page_folder("reports/myindex.md"), None);
        assert_eq!(section_dir("reports/2023-协商/index.md"), "reports");
        assert_eq!(section_dir("reports/a.md"), "reports");
        assert_eq!(section_dir("a/index.md"), "");
    }

    #[test]
    fn files_go_beside_the_nearest_page() {
        let f =
            |rel: &str| SourceFile::new(format!("content/{rel}").into(), rel.into(), vec![1, 2, 3]);
        let files = vec![
            f("reports/x/index.md"),
            f("reports/x/申请表.pdf"),
            f("reports/x/img/a.png"),
            f("reports/y.pdf"),
            f("indicators/z.csv"),
            f("glossary.yaml"),
        ];
        let pages = BTreeMap::from([("reports/x".to_string(), "reports/x-page/".to_string())]);
        let got = collect(&files, &pages, RawHtml::Escape, &mut Diagnostics::default());
        let outputs: Vec<(&str, Option<&str>)> = got
            .iter()
            .map(|(k, v)| (k.as_str(), v.output.as_deref()))
            .collect();
        assert_eq!(
            outputs,
            [
                ("reports/x/img/a.png", Some("reports/x-page/img/a.png")),
                ("reports/x/申请表.pdf", Some("reports/x-page/申请表.pdf")),
                // Outside a page folder: known, not published.
                ("reports/y.pdf", None),
            ]
        );
        assert_eq!(got["reports/x/申请表.pdf"].size, 3);
    }

    #[test]
    fn svg_sizes() {
        assert_eq!(
            svg_dimensions(r#"<svg xmlns="x" width="640" height="360px">"#),
            Some((640, 360))
        );
        assert_eq!(
            svg_dimensions(r#"<?xml?><svg viewBox="0 0 800 450">"#),
            Some((800, 450))
        );
        assert_eq!(svg_dimensions(r#"<svg width="100%">"#), None);
    }

    proptest::proptest! {
        /// Any bytes under a picture's name, after any picture's magic number:
        /// a size or none, never a panic.
        #[test]
        fn odd_pictures_never_panic(
            magic in 0usize..5,
            rest in proptest::collection::vec(proptest::num::u8::ANY, 0..300),
        ) {
            let heads: [&[u8]; 5] = [
                b"\x89PNG\r\n\x1a\n",
                b"\xFF\xD8\xFF",
                b"GIF89a",
                b"RIFF\0\0\0\0WEBPVP8 ",
                b"<svg width=\"",
            ];
            let mut bytes = heads[magic].to_vec();
            bytes.extend(rest);
            for name in ["a.png", "a.jpg", "a.gif", "a.webp", "a.svg"] {
                let _ = dimensions(name, &bytes);
            }
        }
    }
}
