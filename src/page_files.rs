//! ASSEMBLE: pages that are folders. `content/reports/2023-协商/index.md` is the
//! page `reports/2023-协商/`; the other files of its folder (pictures, application
//! forms) are copied beside the built page, so the page links them as written:
//! `![现场照片](现场.jpg)`, `[申请表](申请表.pdf)`. Pure: the bytes come from
//! [`crate::source`], which applied the site's link policy and size limits.

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::diag::{Diagnostic, Diagnostics};
use crate::parse::config::RawHtml;
use crate::pictures;
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
    /// The widths of its smaller copies published beside it (`现场-480w.jpg`),
    /// for the page's `srcset`; see [`add_variants`].
    pub variants: Vec<u32>,
    /// A picture of `static/`, listed under `/` and its path (`/images/a.jpg`)
    /// so that pages find its size and copies; the static files' own step
    /// publishes it (its `output` is `None`).
    pub from_static: bool,
    /// Seen but not published, and told why already (too large, a link out of
    /// the site, code, a Windows name): a page linking it is not told again
    /// that it is missing. Its `output` is `None`, its bytes empty.
    pub refused: bool,
}

impl PageFile {
    /// A file seen and refused, told already: see [`PageFile::refused`].
    fn refused() -> PageFile {
        PageFile {
            output: None,
            size: 0,
            dims: None,
            bytes: Arc::from(&[][..]),
            variants: Vec::new(),
            from_static: false,
            refused: true,
        }
    }
}

impl std::hash::Hash for PageFile {
    /// What a page showing it depends on: where it is, its size and dimensions.
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        let Self {
            output,
            size,
            dims,
            variants,
            from_static,
            refused,
            bytes: _,
        } = self;
        (output, size, dims, variants, from_static, refused).hash(state);
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
    told: &[String],
    pages: &BTreeMap<String, String>,
    raw_html: RawHtml,
    diags: &mut Diagnostics,
) -> BTreeMap<String, PageFile> {
    let mut out: BTreeMap<String, PageFile> = told
        .iter()
        .map(|rel| (rel.clone(), PageFile::refused()))
        .collect();
    let mut refused_folders = std::collections::BTreeSet::new();
    for f in files.iter().filter(|f| !f.rel.ends_with(".md")) {
        let size = f.bytes.len() as u64;
        let owned = owner(&f.rel, pages);
        if let Some((folder, _)) = owned {
            if windows_refusal(f, folder, &mut refused_folders, diags) {
                out.insert(f.rel.clone(), PageFile::refused());
                continue;
            }
        }
        if owned.is_some() && raw_html == RawHtml::Escape {
            if let Some(a) = crate::text::active::active(&f.rel, &f.bytes) {
                diags.push(refusal(f, &a));
                out.insert(f.rel.clone(), PageFile::refused());
                continue;
            }
        }
        let file = match owned {
            Some((folder, url)) => PageFile {
                output: Some(format!("{url}{}", &f.rel[folder.len() + 1..])),
                size,
                dims: dimensions(&f.rel, &f.bytes),
                bytes: Arc::from(f.bytes.as_slice()),
                variants: Vec::new(),
                from_static: false,
                refused: false,
            },
            None if !f.rel.starts_with("indicators/")
                && is_picture_or_download(&extension(&f.rel)) =>
            {
                PageFile {
                    output: None,
                    size,
                    dims: None,
                    bytes: Arc::from(&[][..]),
                    variants: Vec::new(),
                    from_static: false,
                    refused: false,
                }
            }
            None => continue,
        };
        out.insert(f.rel.clone(), file);
    }
    out
}

/// Makes the smaller copies of every published PNG and JPEG picture wider than
/// the smallest copy ([`crate::pictures`]), beside pages and in `static/`, and
/// lists them beside it, to be published as `现场-480w.jpg` and named in the
/// page's `srcset`. A picture that cannot be decoded keeps only its original,
/// with a warning. A copy whose name another file already has is not made (the
/// editor's file is kept). The pictures of `static/` are listed first (see
/// [`PageFile::from_static`]), so that pages also learn their size.
pub(crate) fn add_variants(
    files: &mut BTreeMap<String, PageFile>,
    statics: &[crate::source::StaticFile],
    cache: &pictures::Cache,
    diags: &mut Diagnostics,
) {
    use rayon::prelude::*;
    for s in statics
        .iter()
        .filter(|s| PICTURES.contains(&extension(&s.rel).as_str()))
    {
        let dims = dimensions(&s.rel, &s.bytes);
        let longer = dims.map_or(0, |(w, h)| w.max(h));
        let wide = pictures::resizable(&extension(&s.rel))
            && pictures::widths_for(longer).next().is_some();
        let file = PageFile {
            output: None,
            size: s.bytes.len() as u64,
            dims,
            // Only the pictures to resize are kept whole.
            bytes: Arc::from(if wide { s.bytes.as_slice() } else { &[] }),
            variants: Vec::new(),
            from_static: true,
            refused: false,
        };
        files.insert(format!("/{}", s.rel), file);
    }
    warn_damaged(files, diags);
    let jobs: Vec<(&String, &PageFile)> = files
        .iter()
        .filter(|(rel, f)| {
            // The longer side: a photograph turned upright may be wider than its header says.
            let longer = f.dims.map_or(0, |(w, h)| w.max(h));
            (f.output.is_some() || f.from_static)
                && pictures::resizable(&extension(rel))
                && pictures::widths_for(longer).next().is_some()
        })
        .collect();
    let made: Vec<(String, Result<Vec<pictures::Variant>, pictures::Problem>)> = jobs
        .par_iter()
        .map(|(rel, f)| {
            let made = pictures::variants(cache, &extension(rel), &f.bytes);
            ((*rel).clone(), made)
        })
        .collect();
    // Entries of pictures gone for 30 days are removed.
    let month = std::time::Duration::from_secs(30 * 24 * 3600);
    cache.keep_only(jobs.iter().map(|(_, f)| &f.bytes[..]), month);
    for (rel, made) in made {
        let variants = match made {
            Ok(variants) => variants,
            Err(problem) => {
                diags.push(variant_warning(&rel, problem));
                continue;
            }
        };
        let Some(original) = files.get(&rel) else {
            continue;
        };
        let output = match &original.output {
            Some(o) => o.clone(),
            None => rel.trim_start_matches('/').to_string(),
        };
        let mut dims = original.dims;
        if let (Some((w, h)), Some(v)) = (dims, variants.first()) {
            // Turned upright by the camera's record: the page must say so too.
            if w != h && (v.width > v.height) != (w > h) {
                dims = Some((h, w));
            }
        }
        let mut widths = Vec::new();
        for v in variants {
            let key = pictures::variant_name(&rel, v.width);
            let in_static = |rel: &str| statics.iter().any(|s| s.rel == rel);
            if files.contains_key(&key) || key.strip_prefix('/').is_some_and(in_static) {
                continue;
            }
            widths.push(v.width);
            let file = PageFile {
                output: Some(pictures::variant_name(&output, v.width)),
                size: v.bytes.len() as u64,
                dims: Some((v.width, v.height)),
                bytes: Arc::from(v.bytes),
                variants: Vec::new(),
                from_static: false,
                refused: false,
            };
            files.insert(key, file);
        }
        if let Some(original) = files.get_mut(&rel) {
            original.variants = widths;
            original.dims = dims;
        }
    }
}

/// Warns about each published picture whose header does not read
/// (`broken.png` holding text, a file cut off at the start): it is published as
/// written and the reader sees a broken picture. Said whatever its size (a
/// decoding error of a picture to resize is said by [`variant_warning`]).
fn warn_damaged(files: &BTreeMap<String, PageFile>, diags: &mut Diagnostics) {
    for (rel, f) in files {
        let ext = extension(rel);
        let published = f.output.is_some() || f.from_static;
        if published && f.dims.is_none() && ext != "svg" && PICTURES.contains(&ext.as_str()) {
            diags.push(damaged_warning(rel, &ext));
        }
    }
}

/// The name and the site path of the published picture `rel` (`/x.png` is
/// `static/x.png`).
fn picture_place(rel: &str) -> (&str, String) {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    let path = match rel.strip_prefix('/') {
        Some(in_static) => format!("static/{in_static}"),
        None => format!("content/{rel}"),
    };
    (name, path)
}

/// The warning for a picture (`ext`: its extension) whose header does not read.
fn damaged_warning(rel: &str, ext: &str) -> Diagnostic {
    let (name, path) = picture_place(rel);
    Diagnostic::warning(
        path,
        t!(
            "图片“{name}”读不出来（文件可能不完整、已损坏，或者其实不是 .{ext} 图片），读者看到的会是一个坏了的图片",
            "the picture `{name}` cannot be read (it may be cut off, damaged, or not a .{ext} picture at all); readers would see a broken picture"
        ),
    )
    .hint(unreadable_hint())
}

/// What to do about a picture that does not read.
fn unreadable_hint() -> crate::msg::Text {
    t!(
        "用看图软件打开它，另存一次；打不开的话，请重新导出或重新拷贝这张照片",
        "open it in a picture viewer and save it again; if it does not open, export or copy the photo again"
    )
}

/// The warning for a picture that got no smaller copies.
fn variant_warning(rel: &str, problem: pictures::Problem) -> Diagnostic {
    let (name, path) = picture_place(rel);
    match problem {
        pictures::Problem::TooLarge(w, h) => Diagnostic::warning(
            path,
            t!(
                "图片“{name}”有 {w}×{h} 像素，太大了，没有生成给手机看的小图，读者会下载整张原图",
                "the picture `{name}` has {w}×{h} pixels, too many to make smaller copies; readers download the whole original"
            ),
        )
        .hint(t!(
            "用画图或手机相册把图片缩小到宽 2000 像素左右，再放回原处",
            "shrink the picture to about 2000 pixels wide (Paint or a phone's gallery can), then put it back"
        )),
        pictures::Problem::Unreadable => Diagnostic::warning(
            path,
            t!(
                "图片“{name}”读不出来（文件可能不完整或已损坏），没有生成给手机看的小图",
                "the picture `{name}` cannot be read (it may be cut off or damaged), so no smaller copies were made"
            ),
        )
        .hint(unreadable_hint()),
    }
}

/// True when Windows refuses the name of a file beside the page of `folder`,
/// or of a folder it is in ([`crate::text::slug::reserved_in`]): the file is
/// not published, with an error; a folder is told once (`told` keeps those
/// told), and every file in it is left out.
fn windows_refusal(
    f: &SourceFile,
    folder: &str,
    told: &mut std::collections::BTreeSet<String>,
    diags: &mut Diagnostics,
) -> bool {
    use crate::msg::site::{windows_name, windows_name_hint, Named};
    let inside = &f.rel[folder.len() + 1..];
    let Some(r) = crate::text::slug::reserved_in(inside) else {
        return false;
    };
    if r.last {
        let d = Diagnostic::error(&f.path, windows_name(&r.name));
        diags.push(d.hint(windows_name_hint(Named::File, &r.instead)));
        return true;
    }
    let shown = format!("content/{folder}/{}", &inside[..r.end]);
    if told.insert(shown.clone()) {
        diags.push(
            Diagnostic::error(shown, windows_name(&r.name))
                .hint(windows_name_hint(Named::Folder, &r.instead)),
        );
    }
    true
}

/// The error for a file beside a page that would run code when opened.
fn refusal(f: &SourceFile, a: &crate::text::active::Active) -> Diagnostic {
    crate::source::refused_file(
        &f.path,
        &f.rel,
        &f.bytes,
        a,
        crate::source::refused::Place::Page,
    )
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
        let got = collect(
            &files,
            &[],
            &pages,
            RawHtml::Escape,
            &mut Diagnostics::default(),
        );
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
    fn copies_are_made_once_then_taken_from_the_cache() {
        let wide = include_bytes!("../tests/fixtures/page-folder/meeting.jpg");
        let one = |rel: &str| PageFile {
            output: Some(format!("out/{rel}")),
            size: wide.len() as u64,
            dims: dimensions(rel, wide),
            bytes: Arc::from(&wide[..]),
            variants: Vec::new(),
            from_static: false,
            refused: false,
        };
        let files = || BTreeMap::from([("x/照片.jpg".to_string(), one("照片.jpg"))]);
        let site = tempfile::tempdir().unwrap();
        let mut first = files();
        let cache = pictures::Cache::at(site.path());
        add_variants(&mut first, &[], &cache, &mut Diagnostics::default());
        assert_eq!(cache.made(), 1, "the first build decodes the picture");
        assert_eq!(first["x/照片.jpg"].variants, [480, 960]);
        assert_eq!(
            first["x/照片-480w.jpg"].output.as_deref(),
            Some("out/照片-480w.jpg")
        );
        // A second build (a new process: a new cache value) decodes nothing.
        let mut second = files();
        let cache = pictures::Cache::at(site.path());
        add_variants(&mut second, &[], &cache, &mut Diagnostics::default());
        assert_eq!(
            cache.made(),
            0,
            "the second build takes the copies from the cache"
        );
        let bytes = |m: &BTreeMap<String, PageFile>| -> Vec<(String, Vec<u8>)> {
            m.iter()
                .map(|(k, v)| (k.clone(), v.bytes.to_vec()))
                .collect()
        };
        assert_eq!(bytes(&first), bytes(&second));
        // A changed picture under the same name is made again.
        let mut changed = files();
        let mut other = wide.to_vec();
        other.push(0);
        changed.get_mut("x/照片.jpg").unwrap().bytes = Arc::from(other);
        add_variants(&mut changed, &[], &cache, &mut Diagnostics::default());
        assert_eq!(cache.made(), 1);
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
