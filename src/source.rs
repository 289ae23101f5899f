//! LOAD: the only module that reads the site's files. Walks `content/`, the theme
//! and the site-level overrides in a stable (sorted) order and hands the bytes on;
//! it interprets nothing.

use std::path::{Component, Path, PathBuf};

use walkdir::WalkDir;

use crate::config::CONFIG_FILE;
use crate::diag::{Diagnostic, Diagnostics};
use crate::error::{Error, Result};
use crate::theme;

/// A file under `content/`.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Relative to the site root, e.g. `content/reports/a.md`.
    pub path: PathBuf,
    /// Relative to `content/` with `/` separators, e.g. `reports/a.md`.
    pub rel: String,
    /// The raw bytes (not yet known to be UTF-8).
    pub bytes: Vec<u8>,
    /// A hash of the bytes: what later stages remember the file's results by.
    pub version: u64,
}

impl SourceFile {
    /// A content file from its paths and bytes.
    pub fn new(path: PathBuf, rel: String, bytes: Vec<u8>) -> Self {
        let version = crate::render::key_of(&bytes);
        SourceFile {
            path,
            rel,
            bytes,
            version,
        }
    }
}

/// A tera template, after site-level overrides are applied.
#[derive(Debug, Clone)]
pub struct TemplateSource {
    /// The name templates use to refer to it, e.g. `page.html`.
    pub name: String,
    /// Where it came from, for error messages.
    pub path: PathBuf,
    /// Its text.
    pub text: String,
}

/// A file copied to the output unchanged.
#[derive(Debug, Clone)]
pub struct StaticFile {
    /// Output-relative path with `/` separators.
    pub rel: String,
    /// The bytes.
    pub bytes: Vec<u8>,
}

/// Everything a build reads.
#[derive(Debug, Clone, Default)]
pub struct Sources {
    /// `content/` files, sorted by path.
    pub content: Vec<SourceFile>,
    /// Templates by name, overrides applied, sorted by name.
    pub templates: Vec<TemplateSource>,
    /// Static files, overrides applied, sorted by output path.
    pub statics: Vec<StaticFile>,
}

/// The entries of a site folder that hold its sources.
pub const SOURCE_ENTRIES: &[&str] = &[CONFIG_FILE, "content", "static", "themes", "templates"];

/// The site's sources as they are on disk, every symbolic link resolved: what no
/// build may replace or move. Entries that do not exist yet are included too, so
/// that no build creates them.
pub fn source_paths(root: &Path) -> Vec<PathBuf> {
    SOURCE_ENTRIES
        .iter()
        .map(|e| resolve(&root.join(e)))
        .collect()
}

/// `p` made absolute with every symbolic link resolved, component by component, as
/// the operating system would: `link/..` is the parent of the link's target, not the
/// folder holding the link. The part that does not exist yet is appended as written
/// (its `..` and `.` taken lexically).
pub fn resolve(p: &Path) -> PathBuf {
    let abs = if p.is_absolute() {
        p.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(p)
    };
    let mut out = PathBuf::new();
    for c in abs.components() {
        match c {
            Component::CurDir => {}
            // `out` has no links while it exists, so popping gives the real parent.
            Component::ParentDir => {
                out.pop();
            }
            other => {
                out.push(other);
                if let Ok(real) = out.canonicalize() {
                    out = real;
                }
            }
        }
    }
    out
}

/// Reads `site.toml`'s text from `root`.
pub fn read_config(root: &Path) -> Result<String> {
    let path = root.join(CONFIG_FILE);
    match std::fs::read(&path) {
        Ok(bytes) => String::from_utf8(bytes).map_err(|_| {
            Error::Usage(format!("{}: not UTF-8 text; save it as UTF-8", path.display()))
        }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(Error::Usage(format!(
            "no {CONFIG_FILE} in {}: run minsheng in a site folder, pass --root DIR, or create a site with `minsheng new DIR`",
            root.display()
        ))),
        Err(e) => Err(Error::io(path, e)),
    }
}

/// Editors' backup and swap files, and hidden files, are never content.
fn is_ignored(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
}

/// Every regular file under `dir`, sorted, as (path relative to `dir` with `/`, full path).
fn walk(dir: &Path) -> Result<Vec<(String, PathBuf)>> {
    let mut out = Vec::new();
    if !dir.is_dir() {
        return Ok(out);
    }
    let walker = WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_ignored(&e.file_name().to_string_lossy()));
    for entry in walker {
        let entry = entry.map_err(|e| {
            let path = e
                .path()
                .map_or_else(|| dir.to_path_buf(), Path::to_path_buf);
            Error::io(path, e.into())
        })?;
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = entry
            .path()
            .strip_prefix(dir)
            .unwrap_or(entry.path())
            .to_string_lossy()
            .replace('\\', "/");
        out.push((rel, entry.path().to_path_buf()));
    }
    Ok(out)
}

fn read(path: &Path) -> Result<Vec<u8>> {
    std::fs::read(path).map_err(|e| Error::io(path, e))
}

/// Reads content, theme and overrides. Template files that are not UTF-8 are
/// reported as diagnostics.
pub fn load(root: &Path, theme_name: &str, diags: &mut Diagnostics) -> Result<Sources> {
    let mut sources = load_theme(root, theme_name, diags)?;
    sources.content = load_content(root, Path::new("content"))?;
    Ok(sources)
}

/// Reads the content files at or below `rel` (a path relative to the root, inside
/// `content/`), sorted. A missing path gives none.
pub fn load_content(root: &Path, rel: &Path) -> Result<Vec<SourceFile>> {
    let full = root.join(rel);
    let content = root.join("content");
    if full.is_file() {
        let name = full
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if is_ignored(&name) {
            return Ok(Vec::new());
        }
        let rel_content = full
            .strip_prefix(&content)
            .unwrap_or(&full)
            .to_string_lossy()
            .replace('\\', "/");
        return Ok(vec![SourceFile::new(
            rel.to_path_buf(),
            rel_content,
            read(&full)?,
        )]);
    }
    let mut out = Vec::new();
    for (_, file) in walk(&full)? {
        let rel_content = file
            .strip_prefix(&content)
            .unwrap_or(&file)
            .to_string_lossy()
            .replace('\\', "/");

        out.push(SourceFile::new(
            Path::new("content").join(&rel_content),
            rel_content,
            read(&file)?,
        ));
    }
    Ok(out)
}

/// Reads the templates and static files: the theme's, then the site's overrides.
pub fn load_theme(root: &Path, theme_name: &str, diags: &mut Diagnostics) -> Result<Sources> {
    let mut sources = Sources::default();

    // Theme first, then the site's own templates/ and static/ replace files of the
    // same name: a BTreeMap keyed by name keeps the result sorted and overridable.
    let mut templates = std::collections::BTreeMap::new();
    let mut statics = std::collections::BTreeMap::new();
    let theme_dir = root.join("themes").join(theme_name);
    if theme_dir.is_dir() {
        for (rel, full) in walk(&theme_dir.join("templates"))? {
            templates.insert(
                rel.clone(),
                (
                    full.strip_prefix(root).unwrap_or(&full).to_path_buf(),
                    read(&full)?,
                ),
            );
        }
        for (rel, full) in walk(&theme_dir.join("static"))? {
            statics.insert(rel, read(&full)?);
        }
    } else if theme_name == theme::DEFAULT_NAME {
        for (rel, text) in theme::DEFAULT_FILES {
            if let Some(name) = rel.strip_prefix("templates/") {
                let path = PathBuf::from(format!("(built-in theme)/{rel}"));
                templates.insert(name.to_string(), (path, text.as_bytes().to_vec()));
            } else if let Some(name) = rel.strip_prefix("static/") {
                statics.insert(name.to_string(), text.as_bytes().to_vec());
            }
        }
    } else {
        diags.push(
            Diagnostic::error(
                CONFIG_FILE,
                format!("theme `{theme_name}` not found: there is no folder themes/{theme_name}/"),
            )
            .hint("set theme = \"default\" to use the built-in theme, or add the theme's folder"),
        );
    }
    for (rel, full) in walk(&root.join("templates"))? {
        templates.insert(
            rel.clone(),
            (PathBuf::from("templates").join(&rel), read(&full)?),
        );
    }
    for (rel, full) in walk(&root.join("static"))? {
        statics.insert(rel, read(&full)?);
    }
    for (name, (path, bytes)) in templates {
        match String::from_utf8(bytes) {
            Ok(text) => sources.templates.push(TemplateSource { name, path, text }),
            Err(_) => diags.push(
                Diagnostic::error(path, "template is not UTF-8 text")
                    .hint("save the file with UTF-8 encoding"),
            ),
        }
    }
    sources.statics = statics
        .into_iter()
        .map(|(rel, bytes)| StaticFile { rel, bytes })
        .collect();
    Ok(sources)
}
