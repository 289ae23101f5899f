//! LOAD: the only module that reads the site's files. Walks `content/`, the theme
//! and the site-level overrides in a stable (sorted) order and hands the bytes on;
//! it interprets nothing.

use std::path::{Component, Path, PathBuf};

use walkdir::WalkDir;

use crate::diag::{Diagnostic, Diagnostics};
use crate::error::{Error, Result};
use crate::parse::config::CONFIG_FILE;
use crate::t;
mod names;
pub(crate) mod refused;
mod static_check;
mod theme_files;

/// Where the files of the built-in theme are said to come from.
const BUILT_IN: &str = "(built-in theme)";
pub use crate::text::bytes::Bytes;
pub(crate) use static_check::refused_file;
pub use theme_files::load_theme;

/// A file under `content/`.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Relative to the site root, e.g. `content/reports/a.md`.
    pub path: PathBuf,
    /// Relative to `content/` with `/` separators, e.g. `reports/a.md`.
    pub rel: String,
    /// The raw bytes; UTF-8 text kept as such.
    pub bytes: Bytes,
    /// A hash of the bytes: what later stages remember the file's results by.
    pub version: u64,
}

impl SourceFile {
    /// A content file from its paths and bytes.
    pub fn new(path: PathBuf, rel: String, bytes: Vec<u8>) -> Self {
        Self::of(path, rel, Contents::of(bytes))
    }

    /// A content file from its paths and contents already looked at.
    fn of(path: PathBuf, rel: String, contents: Contents) -> Self {
        SourceFile {
            path,
            rel,
            bytes: contents.bytes,
            version: contents.version,
        }
    }
}

/// A file's bytes as [`SourceFile`] keeps them: checked for UTF-8 and hashed,
/// on the thread that read them.
struct Contents {
    bytes: Bytes,
    version: u64,
}

impl Contents {
    fn of(bytes: Vec<u8>) -> Self {
        let version = crate::text::hash::key_of(&bytes);
        Contents {
            bytes: Bytes::new(bytes),
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
#[derive(Debug, Clone, PartialEq, Eq)]
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
    /// `content/` files seen and not read, each told already (too large, a link
    /// out of the site): relative to `content/`, sorted. A page linking one is
    /// not told again that the file is missing.
    pub told: Vec<String>,
}

/// The `content/` files read at or below a path, and those seen but not read.
#[derive(Debug, Default)]
pub struct Content {
    /// Read, sorted by path.
    pub files: Vec<SourceFile>,
    /// Seen and not read, told already: see [`Sources::told`].
    pub told: Vec<String>,
}

/// The entries of a site folder that hold its sources.
pub const SOURCE_ENTRIES: &[&str] = &[CONFIG_FILE, "content", "static", "themes", "templates"];

/// The site's sources as they are on disk, every symbolic link resolved: what no
/// build may replace or move: the source entries (those that do not exist yet too,
/// so that no build creates them) and what the links inside them lead to.
pub fn source_paths(root: &Path) -> Vec<PathBuf> {
    let areas = areas(root);
    let mut paths: Vec<PathBuf> = SOURCE_ENTRIES
        .iter()
        .map(|e| resolve(&root.join(e)))
        .collect();
    for e in SOURCE_ENTRIES {
        paths.extend(links_inside(&areas, &root.join(e)));
    }
    paths
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

const MIB: u64 = 1024 * 1024;
/// The largest Markdown, YAML, CSV or template file read, in bytes.
pub const TEXT_LIMIT: u64 = 8 * MIB;
/// The largest site.toml read, in bytes.
pub const CONFIG_LIMIT: u64 = MIB;
/// The largest file copied unchanged (static files), in bytes.
pub const STATIC_LIMIT: u64 = 100 * MIB;

/// What kind of file is read, for its size limit.
#[derive(Debug, Clone, Copy)]
enum Kind {
    Text,
    Static,
    Config,
}

impl Kind {
    /// A content file's kind, by its extension: content holds text, but a stray
    /// picture is not worth an error of its own.
    fn of(path: &Path) -> Kind {
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        let text = [
            "md", "markdown", "yaml", "yml", "csv", "toml", "json", "txt", "html",
        ];
        if text.contains(&ext.to_ascii_lowercase().as_str()) {
            Kind::Text
        } else {
            Kind::Static
        }
    }

    fn limit(self) -> u64 {
        match self {
            Kind::Text => TEXT_LIMIT,
            Kind::Static => STATIC_LIMIT,
            Kind::Config => CONFIG_LIMIT,
        }
    }

    /// The error for a file of this kind over its limit, `shown` as named.
    fn too_big(self, shown: &Path) -> Diagnostic {
        let mib = self.limit() / MIB;
        let (message, hint) = match self {
            Kind::Text => (
                t!(
                    "文件超过 {mib} MB：页面、指标文件、表格和模板最大只能 {mib} MB",
                    "the file is larger than {mib} MiB, the most minsheng reads for a Markdown, YAML, CSV or template file"
                ),
                t!(
                    "把它拆成几个小文件；很大的数据表，页面上只放摘要，完整数据放进 static/ 供下载",
                    "split it into smaller files; for a large data table, show a summary on the page and offer the full data as a download from static/"
                ),
            ),
            Kind::Static => (
                t!(
                    "文件超过 {mib} MB：放到网站上的文件最大只能 {mib} MB",
                    "the file is larger than {mib} MiB, the most minsheng reads for a file copied to the site"
                ),
                t!(
                    "把文件变小（压缩图片和视频、把大的下载文件拆开），或者放到别处再链接过去",
                    "make it smaller (compress images and videos, split large downloads), or publish it elsewhere and link to it"
                ),
            ),
            Kind::Config => (
                t!(
                    "site.toml 超过 {mib} MB",
                    "the file is larger than {mib} MiB, the most minsheng reads for site.toml"
                ),
                t!(
                    "site.toml 只放设置：长的文字请写到 content/ 下的页面里",
                    "site.toml holds settings only: move long text into pages under content/"
                ),
            ),
        };
        Diagnostic::error(shown, message).hint(hint)
    }
}

/// The bytes of `path`, or `None` when it is larger than `limit`. Reads at most
/// `limit + 1` bytes, whatever the file's size or growth.
fn read_bounded(path: &Path, limit: u64) -> std::io::Result<Option<Vec<u8>>> {
    read_open_bounded(std::fs::File::open(path)?, limit)
}

/// [`read_bounded`] of a file already open.
fn read_open_bounded(file: std::fs::File, limit: u64) -> std::io::Result<Option<Vec<u8>>> {
    use std::io::Read;
    let len = file.metadata()?.len();
    if len > limit {
        return Ok(None);
    }
    // Sized from the file's length (it may still change meanwhile: the limit
    // still holds): one allocation, not a probe and regrowth.
    let mut bytes = Vec::with_capacity(len as usize + 1);
    file.take(limit + 1).read_to_end(&mut bytes)?;
    Ok((bytes.len() as u64 <= limit).then_some(bytes))
}

/// Reads content files again as the loader read them: only where the site's
/// files are (the site folder, or where its source folders link to: the
/// loader's own areas, found once for all the files read again), only a
/// regular file (a named pipe swapped in meanwhile is not waited on), at most
/// [`TEXT_LIMIT`] bytes.
pub struct Rereader {
    root: PathBuf,
    areas: Vec<PathBuf>,
}

impl Rereader {
    /// For the site at `root`.
    pub fn new(root: &Path) -> Self {
        Rereader {
            root: root.to_path_buf(),
            areas: areas(root),
        }
    }

    /// Content file `path` (relative to the root, as [`SourceFile::path`])
    /// read again, when it still holds the bytes of `version`: a one-shot
    /// build that freed its pages' texts once their bodies were made reads
    /// one again to quote the line of an error found later. `None` when it
    /// changed since (or cannot be read): nothing else is quoted in its place.
    pub fn read(&self, path: &Path, version: u64) -> Option<SourceFile> {
        let real = self.root.join(path).canonicalize().ok()?;
        if !inside(&self.areas, &real) {
            return None;
        }
        let file = open_regular(&real)?;
        if !file.metadata().ok()?.is_file() {
            return None;
        }
        let bytes = read_open_bounded(file, TEXT_LIMIT).ok()??;
        let file = SourceFile::new(path.to_path_buf(), String::new(), bytes);
        (file.version == version).then_some(file)
    }
}

/// `path` opened for reading unless it is a symbolic link, without waiting
/// on a named pipe.
#[cfg(target_os = "linux")]
pub(crate) fn open_regular(path: &Path) -> Option<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    (std::fs::OpenOptions::new().read(true))
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK)
        .open(path)
        .ok()
}

/// `path` opened for reading unless it is not a regular file.
#[cfg(not(target_os = "linux"))]
pub(crate) fn open_regular(path: &Path) -> Option<std::fs::File> {
    let meta = std::fs::symlink_metadata(path).ok()?;
    meta.file_type()
        .is_file()
        .then(|| std::fs::File::open(path).ok())?
}

/// Reads `site.toml`'s text from `root`; `None`, with an error in `diags`, when it
/// is too large to be a settings file.
pub fn read_config(root: &Path, diags: &mut Diagnostics) -> Result<Option<String>> {
    let path = root.join(CONFIG_FILE);
    match read_bounded(&path, CONFIG_LIMIT) {
        Ok(None) => {
            diags.push(Kind::Config.too_big(Path::new(CONFIG_FILE)));
            Ok(None)
        }
        Ok(Some(bytes)) => String::from_utf8(bytes).map(Some).map_err(|_| {
            let p = path.display();
            Error::Config(crate::t!(
                "{p} 不是 UTF-8 编码：用记事本或 WPS“另存为”，编码选 UTF-8",
                "{p}: not UTF-8 text; save it as UTF-8"
            ))
        }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let r = root.display();
            Err(Error::Config(crate::t!(
                "{r} 里没有 {CONFIG_FILE}：请在网站文件夹里运行 minsheng，或加上 --root 网站文件夹；还没有网站的话，先运行 minsheng new 新文件夹",
                "no {CONFIG_FILE} in {r}: run minsheng in a site folder, pass --root DIR, or create a site with `minsheng new DIR`"
            )))
        }
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

/// A page hidden by its name (`.通知.md`), which an editor may think published.
fn is_hidden_page(name: &str) -> bool {
    name.starts_with('.') && name.len() > ".md".len() && name.to_lowercase().ends_with(".md")
}

/// Why a path met while reading the site is not read.
#[derive(Debug, Clone, Copy)]
enum Skip {
    /// A link whose target lies outside the site; `folder` when it is one.
    Outside { folder: bool },
    /// A link that leads nowhere, or back into a folder holding it.
    Nowhere,
}

/// Where a site's files may come from, every link resolved: the root, and what its
/// source entries (a `content/` kept elsewhere, say) link to.
fn areas(root: &Path) -> Vec<PathBuf> {
    let mut areas: Vec<PathBuf> = root.canonicalize().into_iter().collect();
    areas.extend(
        SOURCE_ENTRIES
            .iter()
            .filter_map(|e| root.join(e).canonicalize().ok()),
    );
    areas
}

/// `None` when `path` may be read: inside one of `areas` once every link is
/// resolved (or missing altogether: then there is nothing to read).
fn verdict(areas: &[PathBuf], path: &Path) -> Option<Skip> {
    match path.canonicalize() {
        Ok(real) if inside(areas, &real) => None,
        Ok(real) => Some(Skip::Outside {
            folder: real.is_dir(),
        }),
        Err(_) if path.is_symlink() => Some(Skip::Nowhere),
        Err(_) => None,
    }
}

/// Whether `real` (every link resolved) lies inside one of `areas`.
fn inside(areas: &[PathBuf], real: &Path) -> bool {
    areas.iter().any(|a| real.starts_with(a))
}

/// Reads the site's files under one rule: links that lead out of the site are
/// skipped with a warning naming them, and what they point to is never read.
struct Reader<'a> {
    root: &'a Path,
    areas: Vec<PathBuf>,
    diags: &'a mut Diagnostics,
    /// The files skipped or refused as too large, each told.
    told: Vec<PathBuf>,
    /// Pages (`.md`) skipped as hidden files (`.通知.md`), to be told at once.
    hidden: Vec<PathBuf>,
}

impl<'a> Reader<'a> {
    fn new(root: &'a Path, diags: &'a mut Diagnostics) -> Self {
        Reader {
            root,
            areas: areas(root),
            diags,
            told: Vec::new(),
            hidden: Vec::new(),
        }
    }

    /// Warns that `path` was skipped, and why.
    fn skip(&mut self, path: &Path, why: Skip) {
        self.told.push(path.to_path_buf());
        let shown = path.strip_prefix(self.root).unwrap_or(path);
        let d = match why {
            Skip::Outside { folder } => {
                let (zh, en) = if folder {
                    ("文件夹", "folder")
                } else {
                    ("文件", "file")
                };
                Diagnostic::warning(
                    shown,
                    t!(
                        "跳过了：这是一个指向网站文件夹以外的{zh}的快捷方式（链接），只读网站文件夹里面的文件",
                        "skipped: it is a link to a {en} outside the site folder, and minsheng reads only files inside it"
                    ),
                )
                .hint(t!(
                    "把这个{zh}复制到网站文件夹里，不要用链接",
                    "copy the {en} into the site instead of linking to it"
                ))
            }
            Skip::Nowhere => Diagnostic::warning(
                shown,
                t!(
                    "跳过了：这个快捷方式（链接）指向的东西不存在，或者绕回了包含它的文件夹",
                    "skipped: it is a link that leads nowhere (its target is missing, or it leads back into a folder that holds it)"
                ),
            )
            .hint(t!(
                "删掉这个链接，或让它指向网站里的文件",
                "remove the link, or point it at a file inside the site"
            )),
        };
        self.diags.push(d);
    }

    /// Every regular file under `dir`, sorted, as (path relative to `dir` with `/`,
    /// full path). Links are followed only where they stay inside the site.
    fn walk(&mut self, dir: &Path) -> Result<Vec<(String, PathBuf)>> {
        let mut out = Vec::new();
        self.walk_with(dir, |path| {
            let rel = path.strip_prefix(dir).unwrap_or(path);
            out.push((rel.to_string_lossy().replace('\\', "/"), path.to_path_buf()));
        })?;
        Ok(out)
    }

    /// The walk of [`Reader::walk`], telling `found` of each file, in order,
    /// as soon as it is found.
    fn walk_with(&mut self, dir: &Path, mut found: impl FnMut(&Path)) -> Result<()> {
        if !dir.is_dir() {
            if let Some(why) = verdict(&self.areas, dir) {
                self.skip(dir, why);
            }
            return Ok(());
        }
        let (mut skipped, mut nowhere) = (Vec::new(), Vec::new());
        let (areas, hidden) = (&self.areas, &mut self.hidden);
        let walker = WalkDir::new(dir)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| {
                let name = e.file_name().to_string_lossy();
                if e.depth() > 0 && is_ignored(&name) {
                    if is_hidden_page(&name) && e.file_type().is_file() {
                        hidden.push(e.path().to_path_buf());
                    }
                    return false;
                }
                if e.depth() > 0 && !e.path_is_symlink() {
                    return true;
                }
                match verdict(areas, e.path()) {
                    Some(why) => {
                        skipped.push((e.path().to_path_buf(), why));
                        false
                    }
                    None => true,
                }
            });
        for entry in walker {
            let entry = match entry {
                Ok(entry) => entry,
                Err(e) => {
                    let path = e
                        .path()
                        .map_or_else(|| dir.to_path_buf(), Path::to_path_buf);
                    if path.is_symlink() {
                        nowhere.push(path);
                        continue;
                    }
                    return Err(Error::io(path, e.into()));
                }
            };
            if entry.file_type().is_file() {
                found(entry.path());
            }
        }
        skipped.extend(nowhere.into_iter().map(|p| (p, Skip::Nowhere)));
        for (path, why) in skipped {
            self.skip(&path, why);
        }
        Ok(())
    }

    /// Reads every file under `dir` into `into`, by its path inside `dir`, with the
    /// path to name it by: files of a later folder replace those of the same name.
    fn read_into(
        &mut self,
        dir: &Path,
        kind: Kind,
        into: &mut std::collections::BTreeMap<String, (PathBuf, Vec<u8>)>,
    ) -> Result<()> {
        for (rel, full) in self.walk(dir)? {
            if let Some(bytes) = self.read(&full, kind)? {
                let shown = full.strip_prefix(self.root).unwrap_or(&full).to_path_buf();
                into.insert(rel, (shown, bytes));
            }
        }
        Ok(())
    }

    /// The bytes of `path`; `None`, with an error naming the file and the limit,
    /// when it is larger than files of its `kind` may be.
    fn read(&mut self, path: &Path, kind: Kind) -> Result<Option<Vec<u8>>> {
        self.took(path, kind, read_bounded(path, kind.limit()))
    }

    /// What [`Reader::read`] gives for `path`, from what [`read_bounded`] gave.
    fn took<T>(
        &mut self,
        path: &Path,
        kind: Kind,
        read: std::io::Result<Option<T>>,
    ) -> Result<Option<T>> {
        let bytes = read.map_err(|e| Error::io(path, e))?;
        if bytes.is_none() {
            self.told.push(path.to_path_buf());
            let shown = path.strip_prefix(self.root).unwrap_or(path);
            self.diags.push(kind.too_big(shown));
        }
        Ok(bytes)
    }
}

/// The targets of the links under `dir` that a build follows (those inside the
/// site): sources too, wherever they are.
fn links_inside(areas: &[PathBuf], dir: &Path) -> Vec<PathBuf> {
    WalkDir::new(dir)
        .follow_links(true)
        .into_iter()
        .filter_entry(|e| !e.path_is_symlink() || verdict(areas, e.path()).is_none())
        .filter_map(std::result::Result::ok)
        .filter(|e| e.path_is_symlink())
        .filter_map(|e| e.path().canonicalize().ok())
        .collect()
}

/// Reads content, theme and overrides. Template files that are not UTF-8, and
/// links out of the site, are reported as diagnostics.
/// `config_text` is site.toml's text, to point at its `theme` line.
pub fn load(
    root: &Path,
    theme_name: &str,
    config_text: &str,
    diags: &mut Diagnostics,
) -> Result<Sources> {
    let mut sources = load_theme(root, theme_name, config_text, diags)?;
    let content = load_content(root, Path::new("content"), diags)?;
    (sources.content, sources.told) = (content.files, content.told);
    Ok(sources)
}

/// Reads the content files at or below `rel` (a path relative to the root, inside
/// `content/`), sorted. A missing path gives none.
pub fn load_content(root: &Path, rel: &Path, diags: &mut Diagnostics) -> Result<Content> {
    let mut reader = Reader::new(root, diags);
    let full = root.join(rel);
    let content = root.join("content");
    // Each file is read on every core (reading is mostly the system copying
    // pages, ~20% of a full build when done on one thread), checked for UTF-8
    // and hashed there too (on the one thread below, that was a third of
    // loading 10,000 pages); what was read is then taken in file order, so
    // messages and the first error are as one thread gives them.
    let read_one = |f: &PathBuf| read_bounded(f, Kind::of(f).limit()).map(|r| r.map(Contents::of));
    let (files, read) = if full.is_file() {
        let name = full.file_name().unwrap_or_default().to_string_lossy();
        let files = match verdict(&reader.areas, &full) {
            _ if is_ignored(&name) => {
                if is_hidden_page(&name) {
                    reader.hidden.push(full.clone());
                }
                Vec::new()
            }
            Some(why) => {
                reader.skip(&full, why);
                Vec::new()
            }
            None => vec![full.clone()],
        };
        let read: Vec<_> = files.iter().map(read_one).collect();
        (files, read)
    } else {
        // Files are read while the folders are still being walked, a batch
        // at a time (the walk alone was a fifth of loading 10,000 pages, with
        // the other core idle). A walk that fails midway has had the files
        // found before read for nothing: its error is what is told, as before.
        const BATCH: usize = 64;
        let batches = std::sync::Mutex::new(Vec::new());
        let walked = rayon::scope(|s| {
            let (mut batch, mut first) = (Vec::with_capacity(BATCH), 0);
            let hand_over = |batch: Vec<PathBuf>, first: usize| {
                let (batches, read_one) = (&batches, &read_one);
                s.spawn(move |_| {
                    let read: Vec<_> = batch.iter().map(read_one).collect();
                    let mut batches = batches.lock().unwrap_or_else(|p| p.into_inner());
                    batches.push((first, batch, read));
                });
            };
            let walked = reader.walk_with(&full, |path| {
                batch.push(path.to_path_buf());
                if batch.len() == BATCH {
                    hand_over(
                        std::mem::replace(&mut batch, Vec::with_capacity(BATCH)),
                        first,
                    );
                    first += BATCH;
                }
            });
            hand_over(batch, first);
            walked
        });
        walked?;
        // Each batch holds its files and what reading them gave: put back in
        // the walk's order, the two lists stay side by side.
        let mut batches = batches.into_inner().unwrap_or_else(|p| p.into_inner());
        batches.sort_unstable_by_key(|(first, _, _)| *first);
        batches
            .into_iter()
            .flat_map(|(_, files, read)| files.into_iter().zip(read))
            .unzip()
    };
    let mut out = Vec::new();
    for (file, read) in files.into_iter().zip(read) {
        let rel_content = file
            .strip_prefix(&content)
            .unwrap_or(&file)
            .to_string_lossy()
            .replace('\\', "/");
        if let Some(d) =
            names::notepad_suffix(&rel_content).or_else(|| names::misnamed(&rel_content))
        {
            reader.diags.push(d);
        }
        let Some(contents) = reader.took(&file, Kind::of(&file), read)? else {
            continue;
        };
        out.push(SourceFile::of(
            Path::new("content").join(&rel_content),
            rel_content,
            contents,
        ));
    }
    let shown = |p: &PathBuf| {
        let rel = p.strip_prefix(root).unwrap_or(p);
        rel.to_string_lossy().replace('\\', "/")
    };
    let hidden: Vec<String> = reader.hidden.iter().map(shown).collect();
    reader.diags.extend(names::hidden_pages(&hidden));
    let mut told: Vec<String> = reader
        .told
        .iter()
        .filter_map(|p| p.strip_prefix(&content).ok())
        .map(|p| p.to_string_lossy().replace('\\', "/"))
        .collect();
    told.sort();
    Ok(Content { files: out, told })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Files read while the walk goes on, batch by batch on any thread, are
    /// taken in path order, each with its own bytes (text or not), and what
    /// their reading found is told in that order.
    #[test]
    fn files_read_during_the_walk_keep_their_order() {
        let dir = tempfile::tempdir().unwrap();
        let bytes_of = |section: &str, n: usize| -> Vec<u8> {
            let mut b = format!("{section}{n:03}").into_bytes();
            if n % 50 == 7 {
                b.push(0xff);
            }
            b
        };
        let mut want = Vec::new();
        for section in ["a", "b", "c"] {
            std::fs::create_dir_all(dir.path().join("content").join(section)).unwrap();
            for n in 0..150 {
                let rel = format!("{section}/{n:03}.md");
                std::fs::write(dir.path().join("content").join(&rel), bytes_of(section, n))
                    .unwrap();
                want.push((rel, bytes_of(section, n)));
            }
        }
        // Two pages over the size limit, in two batches: told in path order,
        // and left out.
        let limit = Kind::of(Path::new("a.md")).limit() as usize;
        for rel in ["c/100.md", "b/020.md"] {
            std::fs::write(dir.path().join("content").join(rel), vec![b'a'; limit + 1]).unwrap();
            want.retain(|(r, _)| r != rel);
        }
        let mut diags = Diagnostics::default();
        let content = load_content(dir.path(), Path::new("content"), &mut diags).unwrap();
        let got: Vec<(String, Vec<u8>)> = (content.files.iter())
            .map(|f| (f.rel.clone(), f.bytes.as_slice().to_vec()))
            .collect();
        assert_eq!(got, want);
        let told: Vec<String> = (diags.as_slice().iter())
            .map(|d| d.path.to_string_lossy().replace('\\', "/"))
            .collect();
        assert_eq!(told.len(), 2, "{told:?}");
        assert!(
            told[0].ends_with("b/020.md") && told[1].ends_with("c/100.md"),
            "{told:?}"
        );
    }

    #[test]
    fn a_file_is_read_again_only_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let rel = Path::new("content/a.md");
        std::fs::create_dir_all(dir.path().join("content")).unwrap();
        std::fs::write(dir.path().join(rel), "---\ntitle: a\n---\n正文\n").unwrap();
        let first = SourceFile::new(
            rel.to_path_buf(),
            "a.md".into(),
            std::fs::read(dir.path().join(rel)).unwrap(),
        );
        let again = Rereader::new(dir.path())
            .read(rel, first.version)
            .expect("unchanged");
        assert_eq!(again.version, first.version);
        assert_eq!(again.bytes.as_slice(), first.bytes.as_slice());
        std::fs::write(dir.path().join(rel), "---\ntitle: b\n---\n正文\n").unwrap();
        assert!(
            Rereader::new(dir.path()).read(rel, first.version).is_none(),
            "changed"
        );
        std::fs::remove_file(dir.path().join(rel)).unwrap();
        assert!(
            Rereader::new(dir.path()).read(rel, first.version).is_none(),
            "gone"
        );
    }

    /// A page swapped for a link out of the site, or for a named pipe, after
    /// it was read is not read again (nor waited on): the same bytes there
    /// are not taken either.
    #[cfg(target_os = "linux")]
    #[test]
    fn a_file_is_read_again_only_inside_the_site() {
        let dir = tempfile::tempdir().unwrap();
        let (root, outside) = (dir.path().join("site"), dir.path().join("outside.md"));
        let rel = Path::new("content/a.md");
        std::fs::create_dir_all(root.join("content")).unwrap();
        let text = "---\ntitle: a\n---\n正文\n";
        std::fs::write(root.join(rel), text).unwrap();
        let version = SourceFile::new(rel.into(), "a.md".into(), text.into()).version;
        assert!(Rereader::new(&root).read(rel, version).is_some());
        std::fs::write(&outside, text).unwrap();
        std::fs::remove_file(root.join(rel)).unwrap();
        std::os::unix::fs::symlink(&outside, root.join(rel)).unwrap();
        assert!(
            Rereader::new(&root).read(rel, version).is_none(),
            "a link out of the site"
        );
        std::fs::remove_file(root.join(rel)).unwrap();
        let fifo = std::ffi::CString::new(root.join(rel).to_str().unwrap()).unwrap();
        // SAFETY: mkfifo only makes a file at the path given.
        assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o600) }, 0);
        assert!(
            Rereader::new(&root).read(rel, version).is_none(),
            "a named pipe"
        );
    }

    #[test]
    fn bounded_read_stops_past_the_limit() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("f");
        std::fs::write(&f, b"0123456789").unwrap();
        assert_eq!(read_bounded(&f, 10).unwrap().unwrap().len(), 10);
        assert!(read_bounded(&f, 9).unwrap().is_none());
    }

    #[cfg(unix)]
    #[test]
    fn resolve_takes_dotdot_after_a_link_as_the_system_does() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path().canonicalize().unwrap();
        std::fs::create_dir_all(d.join("a/b/c")).unwrap();
        std::os::unix::fs::symlink(d.join("a/b/c"), d.join("l")).unwrap();
        assert_eq!(resolve(&d.join("l/..")), d.join("a/b"));
        assert_eq!(resolve(&d.join("l/../new/./x")), d.join("a/b/new/x"));
        assert_eq!(resolve(&d.join("missing/../l")), d.join("a/b/c"));
    }
}
