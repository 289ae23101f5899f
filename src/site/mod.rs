//! ASSEMBLE: one [`Site`] from the configuration and the parsed sources: pages and
//! sections with their URLs (collisions and unsafe slugs are errors), dates, the two
//! taxonomies (the 13 service domains, the audiences), and the map from source file
//! to URL that internal links resolve through. Pure: no disk, no rendering.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::config::Config;
use crate::diag::{Diagnostic, Diagnostics};
use crate::indicator::{self, Indicator};
use crate::msg::{site as m, Text};

mod fields;

use crate::parse::front_matter::{self, Document, FrontMatter};
use crate::source::SourceFile;
pub use fields::key_line;
use fields::{
    date_value, failed_indicator_ids, key_diag, key_diag_at, names_meant, resolve_terms,
    service_guide_gaps, value_diag, with_suggestion,
};

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
}

/// Which pages not yet public a build includes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
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
    pub glossary: Vec<crate::glossary::Term>,
    /// `content/indicators/_index.md`: the dashboard's own text.
    pub indicators_intro: Option<(PathBuf, Arc<Document>, Arc<FrontMatter>)>,
    /// Files beside pages that are folders, by `content/`-relative path.
    pub page_files: BTreeMap<String, crate::page_files::PageFile>,
    /// Ids of indicators whose file exists but did not load (its errors are
    /// reported on the file): pages that use them are not reported again.
    pub failed_indicators: std::collections::BTreeSet<String>,
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

/// Characters allowed in a URL segment we write: letters and digits of any script,
/// `-` and `_`. Nothing that could name another folder (`/`, `\`, `.`).
fn is_safe_segment(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= MAX_SEGMENT_BYTES
        && s.chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
}

use crate::text::slug::slugify;

/// Where a URL path was claimed, for collision messages.
enum Claim {
    File(PathBuf),
    Generated(Text),
}

fn claim(
    urls: &mut BTreeMap<String, Claim>,
    path: &str,
    by: Claim,
    doc: Option<&Document>,
    diags: &mut Diagnostics,
) -> bool {
    if let Some(existing) = urls.get(path) {
        let other = match existing {
            Claim::File(p) => Text::from(crate::diag::display_path(p)),
            Claim::Generated(what) => what.clone(),
        };
        if let Claim::File(mine) = &by {
            let mut d = Diagnostic::error(mine, m::same_address(&other, path));
            if let Some(doc) = doc {
                d = d.at(&doc.text, key_line(doc, "slug"), 1);
            }
            diags.push(d.hint(m::same_address_hint()));
        }
        return false;
    }
    urls.insert(path.to_string(), by);
    true
}

/// What parsing one Markdown file gave: its text and front matter if they parsed,
/// and what parsing found.
pub type Parsed = Arc<ParsedParts>;

/// A file's text and front matter, if they parsed, and what parsing found.
pub type ParsedParts = (Option<(Arc<Document>, Arc<FrontMatter>)>, Diagnostics);

/// Parse results by file, remembered with the version they were made from.
#[derive(Default, Clone)]
pub struct ParseCache(HashMap<PathBuf, (u64, Parsed)>);

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
        let clean_before = cache
            .0
            .get(&f.path)
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
        cache.0.insert(path, entry);
    }
    true
}

/// Builds the [`Site`]. Files that fail to parse are reported and left out.
pub fn assemble(
    config: Config,
    files: &[SourceFile],
    indicators: Vec<Indicator>,
    preview: Preview,
    cache: &mut ParseCache,
    diags: &mut Diagnostics,
) -> Site {
    // Parse every Markdown file in parallel (or take what the cache holds for its
    // version); diagnostics are merged afterwards.
    use rayon::prelude::*;
    let parsed: Vec<(usize, Parsed)> = files
        .par_iter()
        .enumerate()
        .filter(|(_, f)| f.rel.ends_with(".md"))
        .map(|(i, f)| match cache.0.get(&f.path) {
            Some((v, p)) if *v == f.version => (i, p.clone()),
            _ => (i, Arc::new(parse_file(f))),
        })
        .collect();
    cache.0 = parsed
        .iter()
        .map(|(i, p)| (files[*i].path.clone(), (files[*i].version, p.clone())))
        .collect();

    let failed_indicators = failed_indicator_ids(files, &indicators);
    let today = Date::today();
    let mut sections: Vec<Section> = Vec::new();
    let mut section_by_dir: BTreeMap<String, usize> = BTreeMap::new();
    let mut page_inputs = Vec::new();
    let mut section_docs: BTreeMap<String, (PathBuf, Arc<Document>, Arc<FrontMatter>, u64)> =
        BTreeMap::new();
    let mut indicators_intro = None;
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
                    indicators_intro = Some((f.path.clone(), doc, fm))
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
                page_inputs.push((f, dir, doc, fm));
            }
        }
    }

    // Every folder holding Markdown is a section, and so are its parents.
    let mut dirs: std::collections::BTreeSet<String> = std::collections::BTreeSet::new();
    dirs.insert(String::new());
    let in_indicators = |rel: &str| rel.starts_with(&format!("{}/", indicator::DIR));
    for f in files
        .iter()
        .filter(|f| f.rel.ends_with(".md") && !in_indicators(&f.rel))
    {
        let mut dir = crate::page_files::section_dir(&f.rel);
        loop {
            dirs.insert(dir.to_string());
            match dir.rsplit_once('/') {
                Some((parent, _)) => dir = parent,
                None if !dir.is_empty() => dir = "",
                None => break,
            }
        }
    }

    let mut urls: BTreeMap<String, Claim> = BTreeMap::new();
    for reserved in [
        "404.html",
        "sitemap.xml",
        "atom.xml",
        "robots.txt",
        "domains/",
        "audiences/",
        "search/",
        "search.json",
    ] {
        urls.insert(
            reserved.to_string(),
            Claim::Generated(m::generated("index or file")),
        );
    }
    for d in &DOMAINS {
        urls.insert(
            format!("domains/{}/", d.slug),
            Claim::Generated(m::generated("domain page")),
        );
    }
    for a in &config.audiences {
        urls.insert(
            format!("audiences/{}/", a.slug),
            Claim::Generated(m::generated("audience page")),
        );
    }
    if !config.districts.is_empty() {
        urls.insert(
            "districts/".into(),
            Claim::Generated(m::generated("district list")),
        );
        for d in &config.districts {
            urls.insert(
                format!("districts/{d}/"),
                Claim::Generated(m::generated("district page")),
            );
        }
    }
    if !indicators.is_empty() || indicators_intro.is_some() {
        urls.insert(
            "indicators/".into(),
            Claim::Generated(m::generated("indicator dashboard")),
        );
        for ind in &indicators {
            urls.insert(
                format!("indicators/{}/", ind.id),
                Claim::Generated(m::generated("indicator page")),
            );
        }
    }

    for dir in &dirs {
        let (source, doc, fm, version) = match section_docs.remove(dir) {
            Some((p, d, fm, v)) => (Some(p), Some(d), fm, v),
            None => (None, None, Arc::new(FrontMatter::default()), 0),
        };
        let path: String = dir
            .split('/')
            .filter(|s| !s.is_empty())
            .map(|s| format!("{}/", slugify(s)))
            .collect();
        let name = dir.rsplit('/').next().unwrap_or_default();
        if !dir.is_empty() && !is_safe_segment(&slugify(name)) {
            diags.push(
                Diagnostic::error(Path::new("content").join(dir), m::bad_folder_name())
                    .hint(m::bad_folder_name_hint()),
            );
            continue;
        }
        let title = fm.title.clone().unwrap_or_else(|| {
            if dir.is_empty() {
                config.title.clone()
            } else {
                name.to_string()
            }
        });
        let paginate_by = fm
            .paginate_by
            .filter(|&n| n > 0)
            .unwrap_or(config.paginate_by);
        let claim_by = match &source {
            Some(p) => Claim::File(p.clone()),
            None => Claim::Generated(m::generated("section listing")),
        };
        claim(&mut urls, &path, claim_by, doc.as_deref(), diags);
        if let (Some(sort), Some(doc), Some(src)) = (&fm.sort_by, &doc, &source) {
            if !["date", "weight", "title"].contains(&sort.as_str()) {
                diags.push(
                    key_diag(src, doc, "sort_by", m::bad_sort_by(sort)).hint(m::bad_sort_by_hint()),
                );
            }
        }
        section_by_dir.insert(dir.clone(), sections.len());
        sections.push(Section {
            version,
            dir: dir.clone(),
            source,
            doc,
            fm,
            title,
            path,
            pages: Vec::new(),
            subsections: Vec::new(),
            paginate_by,
        });
    }
    for i in 1..sections.len() {
        let parent_dir = sections[i]
            .dir
            .rsplit_once('/')
            .map_or("", |(p, _)| p)
            .to_string();
        if let Some(&p) = section_by_dir.get(&parent_dir) {
            sections[p].subsections.push(i);
        }
    }
    let mut links = BTreeMap::new();
    for s in &sections {
        if let Some(src) = &s.source {
            let rel = src
                .strip_prefix("content")
                .unwrap_or(src)
                .to_string_lossy()
                .replace('\\', "/");
            links.insert(rel, s.path.clone());
        }
    }

    // Each page's own fields are worked out in parallel; addresses are then claimed
    // in order, so that collisions are reported the same way every time.
    struct Draft {
        section: usize,
        title: String,
        slug: String,
        date: Option<Date>,
        updated: Option<Date>,
        domains: Vec<usize>,
        audiences: Vec<usize>,
        events: Vec<usize>,
    }
    let drafted: Vec<(Option<Draft>, Diagnostics)> = page_inputs
        .par_iter()
        .map(|(f, dir, doc, fm)| {
            let (f, dir, doc, fm) = (*f, dir, doc, fm);
            let mut found = Diagnostics::default();
            // A page folder's index.md belongs to the folder above it.
            let Some(&section) = section_by_dir.get(crate::page_files::section_dir(&f.rel)) else {
                return (None, found);
            };
            let mut ok = true;
            let stem = crate::page_files::page_folder(&f.rel)
                .unwrap_or(&f.rel)
                .rsplit('/')
                .next()
                .unwrap_or(&f.rel)
                .trim_end_matches(".md");
            let (stem_date, stem_rest) = match Date::parse(stem.get(..10).unwrap_or("")) {
                Some(d) if stem.as_bytes().get(10) == Some(&b'-') => (Some(d), &stem[11..]),
                _ => (None, stem),
            };
            let title = match &fm.title {
                Some(t) if !t.trim().is_empty() => t.trim().to_string(),
                _ => {
                    found.push(
                        Diagnostic::error(&f.path, m::no_title())
                            .at(&doc.text, doc.front_line(), 1)
                            .hint(m::no_title_hint()),
                    );
                    ok = false;
                    String::new()
                }
            };
            let slug = match &fm.slug {
                Some(s) => {
                    if !is_safe_segment(s) {
                        found.push(
                            key_diag(
                                &f.path,
                                doc,
                                "slug",
                                if s.len() > MAX_SEGMENT_BYTES {
                                    m::slug_too_long(s.len(), MAX_SEGMENT_BYTES)
                                } else {
                                    m::slug_not_allowed(s)
                                },
                            )
                            .hint(m::slug_hint()),
                        );
                        ok = false;
                    }
                    s.clone()
                }
                None => {
                    let s = slugify(stem_rest);
                    if s.len() > MAX_SEGMENT_BYTES {
                        found.push(
                            Diagnostic::error(
                                &f.path,
                                m::file_name_too_long(s.len(), MAX_SEGMENT_BYTES),
                            )
                            .hint(m::file_name_too_long_hint()),
                        );
                        ok = false;
                    } else if s.is_empty() {
                        found.push(
                            Diagnostic::error(&f.path, m::bad_file_name())
                                .hint(m::bad_file_name_hint()),
                        );
                        ok = false;
                    }
                    s
                }
            };
            let date = match &fm.date {
                Some(s) => match date_value(&f.path, doc, "date", s) {
                    Ok(d) => Some(d),
                    Err(e) => {
                        found.push(e);
                        ok = false;
                        None
                    }
                },
                None => stem_date,
            };
            let updated = match &fm.updated {
                Some(s) => match date_value(&f.path, doc, "updated", s) {
                    Ok(d) => Some(d),
                    Err(e) => {
                        found.push(e);
                        ok = false;
                        None
                    }
                },
                None => None,
            };
            if let Some(url) = fm.place.as_ref().and_then(|p| p.online.as_deref()) {
                if let Err(refused) = crate::text::url::check(url) {
                    found.push(
                        value_diag(
                            &f.path,
                            doc,
                            url,
                            m::refused_address("where.online", &refused.scheme),
                        )
                        .hint(m::online_hint()),
                    );
                    ok = false;
                }
            }
            let mut domains = Vec::new();
            let is_domain = |t: &str| DOMAINS.iter().any(|d| d.name == t || d.slug == t);
            for term in names_meant(&fm.domains, is_domain) {
                match DOMAINS
                    .iter()
                    .position(|d| d.name == term || d.slug == term)
                {
                    Some(i) if !domains.contains(&i) => domains.push(i),
                    Some(_) => {}
                    None => {
                        let names: Vec<&str> = DOMAINS.iter().map(|d| d.name).collect();
                        let list = m::use_one_of(&names.join("、"));
                        found.push(
                            key_diag_at(
                                &f.path,
                                doc,
                                "domains",
                                Some(term.trim()),
                                m::unknown_term(term, "domains"),
                            )
                            .hint(with_suggestion(term, &names, list)),
                        );
                        ok = false;
                    }
                }
            }
            let (audiences, ok_a) = resolve_terms(
                &f.path,
                doc,
                "audiences",
                &fm.audiences,
                &config.audiences,
                &mut found,
            );
            let (events, ok_e) = resolve_terms(
                &f.path,
                doc,
                "events",
                &fm.events,
                &config.events,
                &mut found,
            );
            ok &= ok_a && ok_e;
            if dir == SERVICES_DIR {
                for d in service_guide_gaps(&f.path, doc, fm) {
                    found.push(d);
                    ok = false;
                }
            }
            let is_indicator = |t: &str| {
                indicators
                    .binary_search_by(|i| i.id.as_str().cmp(t))
                    .is_ok()
            };
            for id in names_meant(&fm.indicators, is_indicator) {
                if !is_indicator(id) && !failed_indicators.contains(id) {
                    let known: Vec<&str> = indicators.iter().map(|i| i.id.as_str()).collect();
                    let list = m::known_indicators(&known.join(", "));
                    found.push(
                        key_diag_at(
                            &f.path,
                            doc,
                            "indicators",
                            Some(id),
                            m::unknown_term(id, "indicators"),
                        )
                        .hint(with_suggestion(id, &known, list)),
                    );
                    ok = false;
                }
            }
            if let Some(d) = date.filter(|d| !preview.future && today.days_until(d) > 0) {
                let d = key_diag(&f.path, doc, "date", m::future_page(&d.iso()));
                found.push(crate::diag::Diagnostic {
                    severity: crate::diag::Severity::Warning,
                    ..d.hint(m::future_page_hint())
                });
                return (None, found);
            }
            if !ok || (fm.draft && !preview.drafts) {
                return (None, found);
            }
            (
                Some(Draft {
                    section,
                    title,
                    slug,
                    date,
                    updated,
                    domains,
                    audiences,
                    events,
                }),
                found,
            )
        })
        .collect();
    let mut pages = Vec::new();
    for ((f, dir, doc, fm), (draft, d)) in page_inputs.into_iter().zip(drafted) {
        if !d.as_slice().is_empty() {
            diags.extend(d.into_sorted());
        }
        let Some(Draft {
            section,
            title,
            slug,
            date,
            updated,
            domains,
            audiences,
            events,
        }) = draft
        else {
            continue;
        };
        let path = format!("{}{slug}/", sections[section].path);
        if !claim(
            &mut urls,
            &path,
            Claim::File(f.path.clone()),
            Some(&doc),
            diags,
        ) {
            continue;
        }
        links.insert(f.rel.clone(), path.clone());
        // `indicators: a、b` names two: what the page shows reads the list as meant.
        let is_indicator = |t: &str| {
            indicators
                .binary_search_by(|i| i.id.as_str().cmp(t))
                .is_ok()
        };
        let meant: Vec<String> = names_meant(&fm.indicators, is_indicator)
            .into_iter()
            .map(String::from)
            .collect();
        let fm = if meant == fm.indicators {
            fm
        } else {
            Arc::new(FrontMatter {
                indicators: meant,
                ..(*fm).clone()
            })
        };
        pages.push(Page {
            version: f.version,
            source: f.path.clone(),
            rel: f.rel.clone(),
            dir,
            section,
            doc,
            fm,
            title,
            path,
            date,
            updated,
            domains,
            audiences,
            events,
        });
    }

    for (i, p) in pages.iter().enumerate() {
        sections[p.section].pages.push(i);
    }
    for s in &mut sections {
        let by = s.fm.sort_by.as_deref().unwrap_or("date");
        s.pages.sort_by(|&a, &b| {
            let (a, b) = (&pages[a], &pages[b]);
            match by {
                "weight" => (a.fm.weight.unwrap_or(i64::MAX), &a.title, &a.rel).cmp(&(
                    b.fm.weight.unwrap_or(i64::MAX),
                    &b.title,
                    &b.rel,
                )),
                "title" => (&a.title, &a.rel).cmp(&(&b.title, &b.rel)),
                _ => newest_first(a, b),
            }
        });
    }
    // A section's pager addresses must not be taken by a page.
    for s in &sections {
        for n in 2..=s.pager_count() {
            let p = s.pager_path(n);
            if let Some(Claim::File(f)) = urls.get(&p) {
                diags.push(Diagnostic::error(f, m::address_is_listing(&p)).hint(m::another_slug()));
            }
        }
    }

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

    let glossary = crate::glossary::load(files, diags);
    if !glossary.is_empty() {
        if let Some(Claim::File(f)) = urls.get("glossary/") {
            diags.push(Diagnostic::error(f, m::address_is_glossary()).hint(m::another_slug()));
        }
    }
    let folders: BTreeMap<String, String> = pages
        .iter()
        .filter_map(|p| {
            Some((
                crate::page_files::page_folder(&p.rel)?.to_string(),
                p.path.clone(),
            ))
        })
        .collect();
    let page_files = crate::page_files::collect(files, &folders, config.raw_html, diags);
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
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert_eq!(slugify("Elderly Health Check"), "elderly-health-check");
        assert_eq!(slugify("老年人 体检"), "老年人-体检");
        assert!(!is_safe_segment("../../x"));
        assert!(!is_safe_segment("a/b"));
        assert!(is_safe_segment("elderly_health-2"));
    }
}
