//! ASSEMBLE: one [`Site`] from the configuration and the parsed sources: pages and
//! sections with their URLs (collisions and unsafe slugs are errors), dates, the two
//! taxonomies (the 13 service domains, the audiences), and the map from source file
//! to URL that internal links resolve through. Pure: no disk, no rendering.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::sync::Arc;

use crate::diag::{Diagnostic, Diagnostics};
use crate::indicator::{self, Indicator};
use crate::msg::site as m;
use crate::parse::config::Config;

mod draft;
mod fields;
mod sections;
mod urls;

use crate::parse::front_matter::{self, Document, FrontMatter};
use crate::source::SourceFile;
use fields::failed_indicator_ids;
pub use fields::key_line;
use urls::{claim, Claim};

use crate::domains::DOMAINS;

pub use crate::text::date::Date;

/// A Markdown page.
#[derive(Debug, Clone)]
pub struct Page {
    /// Relative to the site root, e.g. `content/reports/a.md`.
    pub source: PathBuf,
    /// Relative to `content/`, e.g. `reports/a.md`.
    pub rel: String,
    /// The file's folder relative to `content/`.
    pub dir: String,
    /// The section (index into [`Site::sections`]) it belongs to.
    pub section: usize,
    /// The text, split.
    pub doc: Arc<Document>,
    /// The source file's version (a hash of its bytes).
    pub version: u64,
    /// What its front matter says.
    pub fm: Arc<FrontMatter>,
    /// The title.
    pub title: String,
    /// The URL path, e.g. `reports/a/`.
    pub path: String,
    /// Publication date.
    pub date: Option<Date>,
    /// Last update.
    pub updated: Option<Date>,
    /// Indices into [`DOMAINS`].
    pub domains: Vec<usize>,
    /// Indices into the configured audiences.
    pub audiences: Vec<usize>,
    /// Indices into the configured life events.
    pub events: Vec<usize>,
    /// Why a previewed page is not public yet (`serve --drafts`, `build --future`).
    pub not_public: Option<NotPublic>,
}

/// Why a page in a preview build is not public.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum NotPublic {
    /// Marked `draft: true`.
    Draft,
    /// Dated after today: published on its date.
    Future,
}

/// Which pages not yet public a build includes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Preview {
    /// Pages marked `draft: true`.
    pub drafts: bool,
    /// Pages dated after today (left out until that day otherwise).
    pub future: bool,
}

/// `true` includes drafts (and, as before, nothing dated in the future).
impl From<bool> for Preview {
    fn from(drafts: bool) -> Preview {
        Preview {
            drafts,
            future: false,
        }
    }
}

/// How many listing pages `n` items need at `per_page` a page (at least one).
pub fn pager_count(n: usize, per_page: usize) -> usize {
    n.div_ceil(per_page.max(1)).max(1)
}

/// A folder of pages.
#[derive(Debug, Clone)]
pub struct Section {
    /// Relative to `content/` (`""` for the home page).
    pub dir: String,
    /// Its `_index.md`, if any.
    pub source: Option<PathBuf>,
    /// Its `_index.md` text, if any.
    pub doc: Option<Arc<Document>>,
    /// The `_index.md` file's version (0 without one).
    pub version: u64,
    /// What its front matter says.
    pub fm: Arc<FrontMatter>,
    /// The title.
    pub title: String,
    /// The URL path, e.g. `reports/`.
    pub path: String,
    /// Its pages (indices into [`Site::pages`]), in display order.
    pub pages: Vec<usize>,
    /// Sections directly below it.
    pub subsections: Vec<usize>,
    /// Listing page size.
    pub paginate_by: usize,
}

impl Section {
    /// The URL path of listing page `n` (1-based).
    pub fn pager_path(&self, n: usize) -> String {
        if n <= 1 {
            self.path.clone()
        } else {
            format!("{}page/{n}/", self.path)
        }
    }
    /// How many listing pages it has (at least one).
    pub fn pager_count(&self) -> usize {
        pager_count(self.pages.len(), self.paginate_by)
    }
}

/// The whole site, ready to render.
#[derive(Debug, Clone)]
pub struct Site {
    /// The configuration.
    pub config: Config,
    /// Pages, sorted by source path.
    pub pages: Vec<Page>,
    /// Sections; index 0 is the home page.
    pub sections: Vec<Section>,
    /// `content/`-relative source path → URL path, for internal links.
    pub links: BTreeMap<String, String>,
    /// For each domain, its pages, newest first.
    pub domain_pages: Vec<Vec<usize>>,
    /// For each audience, its pages, newest first.
    pub audience_pages: Vec<Vec<usize>>,
    /// The indicators, sorted by id.
    pub indicators: Vec<Indicator>,
    /// The glossary's terms.
    pub glossary: crate::glossary::Glossary,
    /// `content/indicators/_index.md`: the dashboard's own text.
    pub indicators_intro: Option<(PathBuf, Arc<Document>, Arc<FrontMatter>)>,
    /// Files beside pages that are folders, by `content/`-relative path.
    pub page_files: BTreeMap<String, crate::page_files::PageFile>,
    /// Ids of indicators whose file exists but did not load (its errors are
    /// reported on the file): pages that use them are not reported again.
    pub failed_indicators: std::collections::BTreeSet<String>,
    /// Pages this build leaves out (drafts, pages dated in the future) that
    /// are otherwise fine, by the address they would have: the preview's 404
    /// page names them.
    pub left_out: BTreeMap<String, LeftOut>,
    /// Which assembling made what the site derives (addresses, titles, links):
    /// a number of its own each time a site is assembled, kept when pages are
    /// patched in ([`patch_pages`] changes nothing derived). Two sites with the
    /// same number link and name every page alike.
    pub assembled: u64,
    /// The day (in China) the site was assembled for: which pages dated in
    /// the future are left out follows from it, so a site of another day is
    /// assembled again, not patched.
    pub assembled_on: Date,
}

/// A page a build leaves out though it has no error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeftOut {
    /// `content/`-relative source path, e.g. `reports/a.md`.
    pub rel: String,
    /// Why it is left out.
    pub why: NotPublic,
    /// Its date, when dated.
    pub date: Option<Date>,
}

impl Site {
    /// True when `id` names an indicator file that failed to load.
    pub fn indicator_failed(&self, id: &str) -> bool {
        self.failed_indicators.contains(id)
    }

    /// The indicator with this id.
    pub fn indicator(&self, id: &str) -> Option<&Indicator> {
        self.indicators
            .binary_search_by(|i| i.id.as_str().cmp(id))
            .ok()
            .map(|i| &self.indicators[i])
    }
}

/// The folder of service guides: its pages must answer the guide's questions.
pub const SERVICES_DIR: &str = "services";

/// The longest URL segment (a folder name on disk): file systems stop at 255 bytes,
/// and a Chinese character takes 3; 150 bytes are 50 Chinese characters.
pub const MAX_SEGMENT_BYTES: usize = 150;

/// What parsing one Markdown file gave: its text and front matter if they parsed,
/// and what parsing found.
pub type Parsed = Arc<ParsedParts>;

/// A file's text and front matter, if they parsed, and what parsing found.
pub type ParsedParts = (Option<(Arc<Document>, Arc<FrontMatter>)>, Diagnostics);

/// Parse results by file, remembered with the version they were made from;
/// and each page's draft, remembered with the key of its file's version and
/// path and of all else it read (the [`draft::Context`]).
/// A session that builds once keeps none ([`ParseCache::none`]).
#[derive(Clone)]
pub struct ParseCache(Option<(Parses, Drafts)>);

/// Parse results by file, with the version they were made from.
type Parses = HashMap<PathBuf, (u64, Parsed)>;

impl Default for ParseCache {
    fn default() -> Self {
        ParseCache(Some(Default::default()))
    }
}

impl ParseCache {
    /// A cache that keeps nothing, for a session that builds once (each
    /// page's entry is a path copied, a hash table slot and a draft cloned:
    /// ten thousand of them for no next build).
    pub fn none() -> Self {
        ParseCache(None)
    }
}

/// Pages' drafts by file, with their keys.
type Drafts = HashMap<PathBuf, (u64, Drafted)>;

/// What drafting a page gave: its draft (none when left out or in error) and
/// what it found.
type Drafted = (Option<draft::Draft>, Diagnostics);

fn parse_file(f: &SourceFile) -> ParsedParts {
    let mut d = Diagnostics::default();
    let is_section = f.rel == "_index.md" || f.rel.ends_with("/_index.md");
    let res = match front_matter::split(&f.path, &f.bytes) {
        Ok(doc) => front_matter::parse(&f.path, &doc, is_section, &mut d)
            .map(|fm| (Arc::new(doc), Arc::new(fm))),
        Err(e) => {
            d.push(e);
            None
        }
    };
    (res, d)
}

/// Carries `site` over to new versions of some of its page files without
/// assembling it again. Possible only when every changed file is a page of the
/// site, parsed cleanly before and now, with front matter equal to before: then
/// nothing that assembling derives (addresses, listings, taxonomies, links) can
/// differ, and only those pages' text and version change. Returns false, leaving
/// `site` as it was, otherwise.
pub fn patch_pages(site: &mut Site, changed: &[&SourceFile], cache: &mut ParseCache) -> bool {
    let mut updates = Vec::with_capacity(changed.len());
    for f in changed {
        if !f.rel.ends_with(".md") || f.rel.ends_with("_index.md") {
            return false;
        }
        let Ok(i) = site.pages.binary_search_by(|p| p.source.cmp(&f.path)) else {
            return false;
        };
        let clean_before = (cache.0.as_ref())
            .and_then(|(parsed, _)| parsed.get(&f.path))
            .is_some_and(|(_, p)| p.1.as_slice().is_empty());
        let parsed = Arc::new(parse_file(f));
        match &parsed.0 {
            Some((doc, fm))
                if clean_before && parsed.1.as_slice().is_empty() && **fm == *site.pages[i].fm =>
            {
                updates.push((
                    i,
                    doc.clone(),
                    f.version,
                    (f.path.clone(), (f.version, parsed.clone())),
                ));
            }
            _ => return false,
        }
    }
    for (i, doc, version, (path, entry)) in updates {
        site.pages[i].doc = doc;
        site.pages[i].version = version;
        if let Some((parsed, _)) = &mut cache.0 {
            parsed.insert(path, entry);
        }
    }
    true
}

/// Builds the [`Site`]. Files that fail to parse are reported and left out.
pub fn assemble(
    config: Config,
    (files, told): (&[SourceFile], &[String]),
    indicators: Vec<Indicator>,
    preview: Preview,
    cache: &mut ParseCache,
    diags: &mut Diagnostics,
) -> Site {
    // Parse every Markdown file in parallel (or take what the cache holds for its
    // version); diagnostics are merged afterwards.
    use rayon::prelude::*;
    let memo = cache.0.as_ref().map(|(parsed, _)| parsed);
    let parsed: Vec<(usize, Parsed, bool)> = files
        .par_iter()
        .enumerate()
        .filter(|(_, f)| f.rel.ends_with(".md"))
        .map(|(i, f)| match memo.and_then(|m| m.get(&f.path)) {
            Some((v, p)) if *v == f.version => (i, p.clone(), false),
            _ => (i, Arc::new(parse_file(f)), true),
        })
        .collect();
    refresh_memo(
        cache.0.as_mut().map(|(parsed, _)| parsed),
        (parsed.iter().filter(|e| e.2))
            .map(|(i, p, _)| (files[*i].path.as_path(), (files[*i].version, p.clone()))),
        parsed.iter().map(|e| files[e.0].path.as_path()),
    );
    let parsed: Vec<(usize, Parsed)> = parsed.into_iter().map(|(i, p, _)| (i, p)).collect();

    let failed_indicators = failed_indicator_ids(files, &indicators);
    let inputs = sort_inputs(files, parsed, diags);
    let dirs = sections::folders(files);
    let glossary = crate::glossary::load(files, diags);
    let mut urls = urls::reserved(
        &config,
        &indicators,
        inputs.intro.is_some(),
        !glossary.is_empty(),
    );
    let (mut sections, section_by_dir, mut links) =
        sections::build(&dirs, inputs.section_docs, &config, &mut urls, diags);
    // Each page's own fields are worked out in parallel; addresses are then claimed
    // in order, so that collisions are reported the same way every time.
    let today = Date::today();
    let cx = draft::Context {
        audiences: &config.audiences,
        events: &config.events,
        indicator_ids: indicators.iter().map(|i| i.id.as_str()).collect(),
        failed_indicators: &failed_indicators,
        section_by_dir: &section_by_dir,
        preview,
        today,
    };
    let drafted = draft_pages(&cx, &inputs.pages, cache.0.as_mut().map(|(_, d)| d));
    let (pages, left_out) = place_pages(
        inputs.pages,
        drafted,
        &sections,
        &mut urls,
        &mut links,
        diags,
    );
    sections::list_pages(&mut sections, &pages, &urls, diags);
    let indicators_intro = inputs.intro;

    let mut domain_pages = vec![Vec::new(); DOMAINS.len()];
    let mut audience_pages = vec![Vec::new(); config.audiences.len()];
    for (i, p) in pages.iter().enumerate() {
        for &d in &p.domains {
            domain_pages[d].push(i);
        }
        for &a in &p.audiences {
            audience_pages[a].push(i);
        }
    }
    for list in domain_pages.iter_mut().chain(audience_pages.iter_mut()) {
        list.sort_by(|&a, &b| newest_first(&pages[a], &pages[b]));
    }

    let page_files = files_beside_pages(files, told, &pages, config.raw_html, diags);
    Site {
        page_files,
        glossary,
        config,
        pages,
        sections,
        links,
        domain_pages,
        audience_pages,
        indicators,
        indicators_intro,
        failed_indicators,
        left_out,
        assembled_on: today,
        assembled: {
            static ASSEMBLED: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
            ASSEMBLED.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1
        },
    }
}

/// The files beside page folders' `index.md`, keyed by their source path
/// (`told`: those seen and not read, see [`crate::source::Sources::told`]).
fn files_beside_pages(
    files: &[SourceFile],
    told: &[String],
    pages: &[Page],
    raw_html: crate::parse::config::RawHtml,
    diags: &mut Diagnostics,
) -> BTreeMap<String, crate::page_files::PageFile> {
    let folders: BTreeMap<String, String> = pages
        .iter()
        .filter_map(|p| {
            Some((
                crate::page_files::page_folder(&p.rel)?.to_string(),
                p.path.clone(),
            ))
        })
        .collect();
    crate::page_files::collect(files, told, &folders, raw_html, diags)
}

/// A page's file, folder, text and front matter, before it is checked.
type PageInput<'f> = (&'f SourceFile, String, Arc<Document>, Arc<FrontMatter>);

/// The parsed Markdown files sorted by what they are.
struct Inputs<'f> {
    /// Pages, in file order.
    pages: Vec<PageInput<'f>>,
    /// Sections' `_index.md` files.
    section_docs: sections::SectionDocs,
    /// `content/indicators/_index.md`: the dashboard's own text.
    intro: Option<(PathBuf, Arc<Document>, Arc<FrontMatter>)>,
}

/// Sorts parsed files into pages, section texts and the dashboard's text, and
/// reports what parsing found.
fn sort_inputs<'f>(
    files: &'f [SourceFile],
    parsed: Vec<(usize, Parsed)>,
    diags: &mut Diagnostics,
) -> Inputs<'f> {
    let mut pages = Vec::new();
    let mut section_docs = sections::SectionDocs::new();
    let mut intro = None;
    for (i, parsed) in parsed {
        let (res, d) = &*parsed;
        let res = res.clone();
        if !d.as_slice().is_empty() {
            diags.extend(d.clone().into_sorted());
        }
        let f = &files[i];
        let dir = f.rel.rsplit_once('/').map_or("", |(d, _)| d).to_string();
        if dir == indicator::DIR {
            // content/indicators/ holds data; its _index.md is the dashboard's text.
            match res {
                Some((doc, fm)) if f.rel.ends_with("/_index.md") => {
                    intro = Some((f.path.clone(), doc, fm))
                }
                Some(_) => diags.push(
                    Diagnostic::error(&f.path, m::page_among_indicators())
                        .hint(m::page_among_indicators_hint()),
                ),
                None => {}
            }
            continue;
        }
        if let Some((doc, fm)) = res {
            if f.rel == "_index.md" || f.rel.ends_with("/_index.md") {
                section_docs.insert(dir, (f.path.clone(), doc, fm, f.version));
            } else {
                pages.push((f, dir, doc, fm));
            }
        }
    }
    Inputs {
        pages,
        section_docs,
        intro,
    }
}

/// Each page's draft: the remembered one when its file and all else a draft
/// reads are what they were (ten thousand drafts took a fifth of assembling
/// after adding one page), else made again. `memo` keeps this build's.
fn draft_pages(
    cx: &draft::Context<'_>,
    pages: &[PageInput<'_>],
    memo: Option<&mut Drafts>,
) -> Vec<Drafted> {
    use rayon::prelude::*;
    let cx_key = crate::text::hash::key_of(cx);
    let Some(memo) = memo else {
        return (pages.par_iter())
            .map(|(f, dir, doc, fm)| draft::draft(cx, f, dir, doc, fm))
            .collect();
    };
    let made: Vec<(u64, Drafted, bool)> = pages
        .par_iter()
        .map(|(f, dir, doc, fm)| {
            let key = crate::text::hash::key_of((cx_key, f.version, &f.rel));
            match memo.get(&f.path) {
                Some((k, d)) if *k == key => (key, d.clone(), false),
                _ => (key, draft::draft(cx, f, dir, doc, fm), true),
            }
        })
        .collect();
    refresh_memo(
        Some(memo),
        (made.iter().zip(pages).filter(|(m, _)| m.2))
            .map(|((key, d, _), p)| (p.0.path.as_path(), (*key, d.clone()))),
        pages.iter().map(|p| p.0.path.as_path()),
    );
    made.into_iter().map(|(_, d, _)| d).collect()
}

impl Site {
    /// Takes every page's document (its text), leaving an empty one: a
    /// one-shot build renders each page's body from it and frees it (nothing
    /// after reads it but the place of an error, read again then, see
    /// [`crate::source::Rereader`]). The pages' texts were a fifth of a
    /// large site's memory at the build's peak.
    pub(crate) fn take_page_docs(&mut self) -> Vec<Arc<Document>> {
        let empty = Arc::new(Document {
            text: Arc::new(String::new()),
            front: 0..0,
            body_start: 0,
        });
        (self.pages.iter_mut())
            .map(|p| std::mem::replace(&mut p.doc, empty.clone()))
            .collect()
    }
}

/// Brings a memo kept by file up to date in place: the entries `made` again
/// go in; when it then holds more entries than there are `live` files, those
/// of files gone leave. (Making such a memo again, a path copied and hashed
/// for each of 10,000 files, took a tenth of assembling.)
fn refresh_memo<'p, V>(
    memo: Option<&mut HashMap<PathBuf, V>>,
    made: impl Iterator<Item = (&'p std::path::Path, V)>,
    live: impl ExactSizeIterator<Item = &'p std::path::Path>,
) {
    let Some(memo) = memo else {
        return;
    };
    for (path, v) in made {
        memo.insert(path.to_path_buf(), v);
    }
    if memo.len() != live.len() {
        let now: std::collections::HashSet<&std::path::Path> = live.collect();
        memo.retain(|path, _| now.contains(path.as_path()));
    }
}

/// Makes each checked page's [`Page`] and claims its address, in file order;
/// links from its source file to its address are recorded in `links`. Pages
/// left out by this build only say where they would be.
fn place_pages(
    inputs: Vec<PageInput<'_>>,
    drafted: Vec<Drafted>,
    sections: &[Section],
    urls: &mut BTreeMap<String, urls::Claim>,
    links: &mut BTreeMap<String, String>,
    diags: &mut Diagnostics,
) -> (Vec<Page>, BTreeMap<String, LeftOut>) {
    use rayon::prelude::*;
    /// What became of one page's file before addresses are claimed.
    enum Placed {
        Nothing,
        LeftOut(String, LeftOut),
        Page(Page),
    }
    // Each page is made in parallel (its address, its fields); addresses are
    // then claimed in file order, so that collisions are told the same way
    // every time. A page whose address is taken is made for nothing: rare.
    let made: Vec<(Diagnostics, Placed)> = inputs
        .into_par_iter()
        .zip(drafted)
        .map(|((f, dir, doc, fm), (draft, d))| {
            let Some(draft) = draft else {
                return (d, Placed::Nothing);
            };
            let path = format!("{}{}/", sections[draft.section].path, draft.slug);
            let placed = match draft.left_out {
                Some(why) => Placed::LeftOut(
                    path,
                    LeftOut {
                        rel: f.rel.clone(),
                        why,
                        date: draft.date,
                    },
                ),
                None => Placed::Page(draft.into_page(f, dir, doc, fm, path)),
            };
            (d, placed)
        })
        .collect();
    let mut pages = Vec::with_capacity(made.len());
    let mut left_out = BTreeMap::new();
    for (d, placed) in made {
        if !d.as_slice().is_empty() {
            diags.extend(d.into_sorted());
        }
        match placed {
            Placed::Nothing => {}
            Placed::LeftOut(path, l) => {
                left_out.entry(path).or_insert(l);
            }
            Placed::Page(page) => {
                let by = Claim::File(page.source.clone());
                if claim(urls, &page.path, by, Some(&page.doc), diags) {
                    links.insert(page.rel.clone(), page.path.clone());
                    pages.push(page);
                }
            }
        }
    }
    (pages, left_out)
}

/// Dated pages newest first, then undated ones; ties by title and path.
pub fn newest_first(a: &Page, b: &Page) -> std::cmp::Ordering {
    b.date
        .is_some()
        .cmp(&a.date.is_some())
        .then_with(|| b.date.cmp(&a.date))
        .then_with(|| a.title.cmp(&b.title))
        .then_with(|| a.rel.cmp(&b.rel))
}

/// The `n` newest dated pages, newest first: selected, then only those sorted
/// (sorting all ten thousand for a feed of twenty was most of the feeds' time).
pub(crate) fn newest_dated(site: &Site, n: usize) -> Vec<usize> {
    let order = |&a: &usize, &b: &usize| newest_first(&site.pages[a], &site.pages[b]);
    let mut all: Vec<usize> = (0..site.pages.len())
        .filter(|&i| site.pages[i].date.is_some())
        .collect();
    if n == 0 {
        return Vec::new();
    }
    if all.len() > n {
        all.select_nth_unstable_by(n - 1, order);
        all.truncate(n);
    }
    all.sort_by(order);
    all
}

#[cfg(test)]
mod tests {
    use super::urls::is_safe_segment;
    use crate::text::slug::slugify;

    #[test]
    fn slugs() {
        assert_eq!(slugify("Elderly Health Check"), "elderly-health-check");
        assert_eq!(slugify("老年人 体检"), "老年人-体检");
        assert!(!is_safe_segment("../../x"));
        assert!(!is_safe_segment("a/b"));
        assert!(is_safe_segment("elderly_health-2"));
    }
}
