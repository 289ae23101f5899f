//! RENDER: Markdown to HTML, views for templates, templates to pages, feeds and the
//! sitemap. Works in memory and in parallel across pages; produces the list of
//! [`OutputFile`]s that the write stage puts on disk.

mod bodies;
pub(crate) mod ctx;
pub(crate) mod feeds;
mod indicator_tables;
pub(crate) mod indicators;
mod jobs;
pub mod markdown;
pub(crate) mod reads;
pub(crate) mod search;
pub(crate) use search::is_index_path;
pub(crate) mod templates;
pub(crate) mod views;

use std::sync::Arc;

use rayon::prelude::*;

use crate::chart::ChartCache;
use crate::diag::{Diagnostic, Diagnostics};
use crate::site::Site;
use crate::source::Sources;
use crate::t;
use bodies::Bodies;
use templates::Templates;
use views::Views;

/// One file of the built site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Relative to the output folder, `/`-separated.
    pub path: String,
    /// The bytes to write; shared, so that an incremental build reuses them.
    pub bytes: Arc<[u8]>,
}

impl OutputFile {
    /// A file of the output.
    pub fn new(path: impl Into<String>, bytes: impl Into<Arc<[u8]>>) -> Self {
        OutputFile {
            path: path.into(),
            bytes: bytes.into(),
        }
    }

    /// True when the file was handed to the memo's [`Stream`] and its bytes are
    /// not kept (`bytes` is then empty).
    pub fn is_streamed(&self) -> bool {
        Arc::ptr_eq(&self.bytes, streamed())
    }
}

/// The bytes of a streamed file: one shared empty value, told apart by address.
pub(crate) fn streamed() -> &'static Arc<[u8]> {
    static STREAMED: std::sync::OnceLock<Arc<[u8]>> = std::sync::OnceLock::new();
    STREAMED.get_or_init(|| Arc::from(Vec::new()))
}

/// The output of a good build, by path.
pub type SiteFiles = std::collections::BTreeMap<String, Arc<[u8]>>;

/// Where a one-shot build writes each output (path, bytes) as soon as it is
/// made, instead of holding every output until the end.
pub type Stream = Box<dyn Fn(&str, &[u8]) + Send + Sync>;

/// What rendering remembers between builds of one session: Markdown bodies and
/// rendered outputs, each under a key computed from everything it was made from.
/// A build with an empty memo renders everything; the next one renders only what
/// a change reached. Both must write the same bytes (tested).
#[derive(Default)]
pub struct RenderMemo {
    markdown: bodies::Memo,
    outputs: ahash::HashMap<String, Made>,
    search: search::shards::Memo,
    besides: Option<Besides>,
    /// The last build's bodies and listing entries (pages', indicators'), for a
    /// build of the very same site.
    last_bodies: Option<bodies::Bodies>,
    entries: Option<Entries>,
    /// Each job's file, template and context key in the last build of the very
    /// site being built, in job order; empty for another site.
    seen: Vec<jobs::Seen>,
    /// The same of the last build of another site, for the next build's pages
    /// whose view's inputs did not change (see `Views::page_inputs`).
    earlier_seen: Vec<jobs::Seen>,
    /// Each template's key in the last build: a build of the very same site
    /// makes again only the outputs of templates whose key changed.
    template_keys: ahash::HashMap<String, u64>,
    /// Whether the last build was good and kept (then the caller's last good
    /// files are its files, sorted by path), and each job's place among them,
    /// for a build of the very same site (see `render_changed`). The files are
    /// the caller's, not copied here: fourteen thousand paths cloned every
    /// build took two milliseconds of a body edit.
    kept_last: bool,
    job_pos: Vec<u32>,
    /// The last build's pages and generated files by path (their numbers).
    made_order: Vec<u32>,
    /// Each page's `views::page_fields`, and the site's `assembled` they are of.
    page_fields: Option<(u64, Arc<[u64]>)>,
    /// Outputs rendered (not reused) by the last build.
    pub rendered_last: usize,
    /// When set, every output goes there and is neither kept nor remembered.
    pub stream: Option<Stream>,
    /// The process ends once this build is written (`minsheng build`): what
    /// the build is done with is left for the system to take back whole
    /// ([`drop_when_done`]).
    pub ending: bool,
    /// Set for a build whose search index may wait (a server's first build:
    /// its pages are served a third sooner, and the next build makes the
    /// index). Taken by the build that leaves the index out.
    pub defer_index: bool,
    /// The last build left the search index out: the next one makes it, and
    /// reuses no file list from it.
    index_left_out: bool,
    /// The site's root, for a build streamed to disk (a one-shot build,
    /// which frees each page's text once its body is made): a page is read
    /// again from there when an error found later needs its line quoted.
    pub reread_from: Option<std::path::PathBuf>,
}

impl RenderMemo {
    /// Whether the last build left the search index for the next one.
    pub fn index_left_out(&self) -> bool {
        self.index_left_out
    }
}

/// An output as last made: the key of its template and context, its bytes and
/// what template functions read while it rendered.
struct Made {
    key: u64,
    bytes: Arc<[u8]>,
    reads: Vec<reads::Read>,
}

/// Listing entries of pages and of indicators, and the key of what each
/// page's entry was made from (see `views::summary_inputs`).
type Entries = (
    Vec<Arc<ctx::Shared<views::PageSummary>>>,
    Vec<indicators::IndicatorSummary>,
    Vec<u64>,
);

/// What the last build made besides its pages: the generated files (feeds,
/// downloads, search index) and the addresses its pages name that it did not
/// make. Reused when the next build renders the same site with other templates.
struct Besides {
    generated: Vec<OutputFile>,
    missing: Vec<Diagnostic>,
    /// Static files and files beside pages not copied (at the address of
    /// another file): told again by a build that reuses the file list.
    refused: Vec<Diagnostic>,
}

/// The hint for an address the build did not make: a page written by its
/// address (`../reports/first-report`) names the page most likely meant and how
/// to link it by its file; a file or picture names `static/`.
fn missing_page_hint(site: &Site, rule: &str, file: &str) -> crate::msg::Text {
    let page = file.strip_suffix("index.html").unwrap_or(file);
    let last = page.trim_end_matches('/').rsplit('/').next().unwrap_or("");
    if rule != "broken-link" || last.contains('.') {
        return crate::msg::check::missing_target_hint();
    }
    let pages = site
        .pages
        .iter()
        .map(|p| (p.rel.as_str(), p.title.as_str()));
    match crate::text::suggest::link_target(last, pages) {
        Some((meant, _)) => t!(
            "是不是想链接到 content/{meant}？链接本网站的页面写它的文件名：@/{meant}",
            "did you mean content/{meant}? Link a page of this site by its file: @/{meant}"
        ),
        None => t!(
            "链接本网站的页面写它的文件名，例如 @/services/elderly-health-check.md",
            "link a page of this site by its file, e.g. @/services/elderly-health-check.md"
        ),
    }
}

/// Links and pictures to addresses of this site that the build did not make:
/// errors in `build` as in `check` (a broken picture published is not fine).
/// `freed`: the site's root, when the pages' texts were freed (a one-shot
/// build): a page with a missing address is then read again to place it.
fn missing_targets(
    site: &Site,
    bodies: &bodies::Bodies,
    files: &[OutputFile],
    freed: Option<&std::path::Path>,
) -> Vec<Diagnostic> {
    let paths: ahash::HashSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
    let has = |p: &str| paths.contains(p);
    let all: Vec<_> = bodies.with_sources(site).collect();
    // Made for the first page read again, shared by the others.
    let rereader = std::sync::OnceLock::new();
    all.par_iter()
        .flat_map_iter(|&(path, text, version, body)| {
            let missing: Vec<&markdown::Target> = (body.1.targets.iter())
                .filter(|t| !has(&t.file) && !has(&format!("{}/index.html", t.file)))
                .collect();
            if missing.is_empty() {
                return Vec::new();
            }
            let again = match (text.is_empty(), freed) {
                (true, Some(root)) => (rereader.get_or_init(|| crate::source::Rereader::new(root)))
                    .read(path, version)
                    .and_then(|f| crate::parse::front_matter::split(path, &f.bytes).ok())
                    .map(|doc| doc.text),
                _ => None,
            };
            let text = again.as_deref().map_or(text, String::as_str);
            // One locator for the body's findings. A text changed since it
            // was read places none: the error names the file and address.
            let loc = crate::diag::Locator::new(text);
            (missing.into_iter())
                .map(|t| {
                    let d = if text.is_empty() {
                        t.unplaced(path)
                    } else {
                        t.missing(path, &loc)
                    };
                    if t.image {
                        d
                    } else {
                        d.hint(missing_page_hint(site, "broken-link", &t.file))
                    }
                })
                .collect()
        })
        .collect()
}

/// Renders the whole site. Errors are added to `diags`; the files are returned
/// even then, and the caller decides not to write them. `memo` carries what an
/// earlier build of the same session made; pass a fresh one for a full build.
/// `same_site`: the site is the very one the memo's last build rendered (only
/// templates changed since), so that what is made without templates is reused.
/// `last_good`: the files of the last build without errors (they are the memo's
/// last build's when that was good).
pub fn render_site(
    (same_site, last_good): (bool, Option<&SiteFiles>),
    site_mut: &mut Site,
    sources: &Sources,
    cache: &ChartCache,
    memo: &mut RenderMemo,
    diags: &mut Diagnostics,
) -> Vec<OutputFile> {
    let site: &Site = site_mut;
    // Taken first: whatever happens next, it is not left for a later build.
    // What another site's build left is freed on the side.
    let (last, last_bodies) = if same_site {
        (memo.besides.take(), memo.last_bodies.take())
    } else {
        drop_later((memo.besides.take(), memo.last_bodies.take()));
        (None, None)
    };
    // Listing entries of the very same site are taken whole; another site's
    // are the ones its unchanged pages still show.
    let (last_entries, earlier_entries) = match memo.entries.take() {
        Some(e) if same_site => (Some(e), None),
        e => (None, e),
    };
    if !same_site {
        // Also cleared first (a failed build must not leave them for a later
        // one): jobs reuse what they saw only while it is there. Pages take
        // theirs by the key of their view's inputs (`earlier_seen`).
        let seen = std::mem::take(&mut memo.seen);
        drop_later(std::mem::replace(&mut memo.earlier_seen, seen));
    }
    let mut body_diags = Diagnostics::default();
    // A build streamed to disk is the session's only one: it remembers no
    // body, and frees each page's text as soon as its body is made.
    let keep = memo.stream.is_none();
    let (compiled, mut bodies) = if !keep {
        // A one-shot build: the checks that quote a page come first, then
        // each page's text is freed as soon as its body is made (nothing
        // after reads it but the place of an error, read again then, see
        // `missing_targets`). The pages' texts and their bodies' HTML were
        // then never all held at once.
        let compiled = crate::phases::time("templates", || {
            Templates::compile(&sources.templates, site, cache)
        });
        match compiled {
            Ok(templates) => {
                check_before_rendering(site, &templates, diags);
                let docs = site_mut.take_page_docs();
                let site: &Site = site_mut;
                let bodies = crate::phases::time("bodies", || {
                    bodies::bodies(site, cache, (None, Some(docs)), &mut body_diags)
                });
                (Ok(templates), bodies)
            }
            // Told below; no body is made for a build that stops there.
            Err(ds) => (Err(ds), Bodies::default()),
        }
    } else {
        // Side by side: compiling the templates is one thread's work, and a
        // body edit renders one body (the rest of that stage is short loops).
        rayon::join(
            || {
                crate::phases::time("templates", || {
                    Templates::compile(&sources.templates, site, cache)
                })
            },
            || match last_bodies {
                Some(b) => {
                    b.diagnose(&mut body_diags);
                    b
                }
                None => crate::phases::time("bodies", || {
                    bodies::bodies(
                        site,
                        cache,
                        (Some(&mut memo.markdown), None),
                        &mut body_diags,
                    )
                }),
            },
        )
    };
    let mut templates = match compiled {
        Ok(t) => t,
        Err(ds) => {
            diags.extend(ds);
            return Vec::new();
        }
    };
    diags.extend(body_diags.into_sorted());
    if keep {
        check_before_rendering(site_mut, &templates, diags);
    }
    if diags.has_errors() {
        return Vec::new();
    }
    let site: &Site = site_mut;
    // A one-shot build frees each page's HTML once its page and its search
    // document are made (by its job, `jobs::run_jobs_once`).
    let handoff = (!keep).then(|| bodies.hand_off());
    let ahead = handoff
        .as_ref()
        .map(|_| search::Ahead::new(site.pages.len()));
    let bodies = bodies;
    let (mut views, entry_inputs) = crate::phases::time("views", || {
        // Each page's fields key, made again only for a site assembled anew.
        let fields = match memo.page_fields.take() {
            Some((assembled, keys)) if assembled == site.assembled => keys,
            _ => (site.pages.par_iter())
                .map(|p| views::page_fields(site, p))
                .collect(),
        };
        memo.page_fields = Some((site.assembled, fields.clone()));
        make_views(
            (site, cache, &bodies),
            last_entries,
            earlier_entries,
            fields,
        )
    });
    views.keep_template_values = memo.stream.is_none();
    templates.tera.global_context().insert("site", &views.site);
    let kept_last = std::mem::take(&mut memo.kept_last);
    let last_good = last_good.filter(|_| kept_last);
    let ahead = handoff.as_ref().zip(ahead.as_ref());
    let (mut files, besides, missing) = render_pages(
        (site, sources, cache),
        (templates, &views, &bodies, ahead),
        (last, last_good),
        memo,
        diags,
    );
    diags.extend(missing.iter().cloned());
    if diags.has_errors() {
        // The next build makes everything besides pages again anyway: nothing
        // waits for `Session::complete`.
        memo.index_left_out = false;
    }
    if memo.stream.is_none() && !diags.has_errors() && !memo.index_left_out {
        memo.besides = Some(Besides { missing, ..besides });
        memo.kept_last = true;
    } else {
        memo.job_pos.clear();
    }
    let entries = (
        std::mem::take(&mut views.summaries),
        std::mem::take(&mut views.indicators),
        entry_inputs,
    );
    drop(views);
    if memo.stream.is_none() {
        memo.entries = Some(entries);
        memo.last_bodies = Some(bodies);
    } else {
        drop_when_done(memo.ending, (entries, bodies));
    }
    if let Some(stream) = &memo.stream {
        files
            .par_iter_mut()
            .filter(|f| !f.is_streamed())
            .for_each(|f| {
                stream(&f.path, &f.bytes);
                f.bytes = streamed().clone();
            });
    }
    files
}

/// Renders the pages and gathers every file of the build, sorted by path,
/// with what else the build made (`Besides`, its `missing` apart) and the
/// addresses its pages name that it did not make. Of the very same site as
/// last time, every output made then, only the outputs of changed templates
/// are made: the last build's sorted list of files takes their bytes, and all
/// else (feeds, index, static files, the check of addresses) is what it was.
fn render_pages(
    (site, sources, cache): (&Site, &Sources, &ChartCache),
    (templates, views, bodies, ahead): (Templates, &Views<'_>, &Bodies, Ahead<'_>),
    (last, last_good): (Option<Besides>, Option<&SiteFiles>),
    memo: &mut RenderMemo,
    diags: &mut Diagnostics,
) -> (Vec<OutputFile>, Besides, Vec<Diagnostic>) {
    let input = jobs::JobInput {
        site,
        sources,
        cache,
        views,
        templates: &templates,
        ahead,
    };
    let jobs = jobs::job_list(site);
    let quick = match (last, last_good) {
        (Some(b), Some(good)) if memo.job_pos.len() == jobs.len() => {
            let changed =
                crate::phases::time("jobs", || jobs::render_changed(&input, &jobs, memo, diags));
            match changed {
                Some(changed) => {
                    let files: Vec<OutputFile> = (good.iter())
                        .map(|(path, bytes)| OutputFile {
                            path: path.clone(),
                            bytes: bytes.clone(),
                        })
                        .collect();
                    Ok((b, files, changed))
                }
                None => Err(Some(b)),
            }
        }
        (b, _) => Err(b),
    };
    match quick {
        Ok((b, mut files, changed)) => {
            drop_when_done(memo.ending, templates);
            for (j, f) in changed {
                let at = memo.job_pos[j] as usize;
                debug_assert_eq!(files[at].path, f.path);
                files[at].bytes = f.bytes;
            }
            let Besides {
                generated,
                missing,
                refused,
            } = b;
            diags.extend(refused.iter().cloned());
            let besides = Besides {
                generated,
                missing: Vec::new(),
                refused,
            };
            (files, besides, missing)
        }
        Err(last) => {
            let files =
                crate::phases::time("jobs", || jobs::render_jobs(&input, &jobs, memo, diags));
            drop_when_done(memo.ending, templates);
            all_files(
                site,
                sources,
                (files, jobs.len()),
                (last, bodies, views, ahead.map(|a| a.1)),
                memo,
                diags,
            )
        }
    }
}

/// Every file of a build besides its pages' (`files`, the outputs of its
/// `jobs` jobs in job order): generated files (or the `last` build's, of the
/// very same site), static files and files beside pages, sorted by path, with
/// the addresses pages name that the build did not make. Each job's place in
/// the sorted list is remembered (`job_pos`) when every job made its output.
fn all_files(
    site: &Site,
    sources: &Sources,
    (mut files, jobs): (Vec<OutputFile>, usize),
    (last, bodies, views, ahead): (Option<Besides>, &Bodies, &Views<'_>, Option<&search::Ahead>),
    memo: &mut RenderMemo,
    diags: &mut Diagnostics,
) -> (Vec<OutputFile>, Besides, Vec<Diagnostic>) {
    // The same site as last time (only templates changed) with every page
    // rendered: feeds, index and the check of addresses are what they were.
    let last = last.filter(|_| !diags.has_errors());
    let pages = files.len();
    match &last {
        Some(b) => files.extend(b.generated.iter().cloned()),
        None => {
            // The index waits only where nothing of the site stands where its
            // files go (a static file, a file beside a page, a link): what is
            // copied and what is missing are then the same without it.
            let waits =
                std::mem::take(&mut memo.defer_index) && !names_index_paths(site, sources, bodies);
            memo.index_left_out = waits;
            // A build streamed to disk is the session's only one.
            memo.search.last = memo.stream.is_some();
            crate::phases::time("generated", || {
                let search = (!waits).then_some(&mut memo.search);
                let out = memo.stream.as_deref().map(|s| s as Out<'_>);
                generated_files(site, (views, bodies, ahead), (search, out), &mut files)
            })
        }
    }
    // The made files sorted through their numbers, so that each job's place is
    // known; the last build's order is tried first (an edit that adds no page
    // keeps it: checking it is a tenth of sorting again).
    let mut order = std::mem::take(&mut memo.made_order);
    let sorted = |order: &[u32]| {
        (order.windows(2)).all(|w| files[w[0] as usize].path < files[w[1] as usize].path)
    };
    if order.len() != files.len() || !sorted(&order) {
        order.clear();
        order.extend(0..files.len() as u32);
        order.sort_unstable_by(|&a, &b| files[a as usize].path.cmp(&files[b as usize].path));
    }
    let made = |path: &str| {
        (order.binary_search_by(|&i| files[i as usize].path.as_str().cmp(path))).is_ok()
    };
    let mut refused = Diagnostics::default();
    let mut copied = static_files(sources, &made, &mut refused);
    copied.extend(files_beside_pages(site, sources, &made, &mut refused));
    copied.sort_unstable_by(|a, b| a.path.cmp(&b.path));
    let refused = refused.into_sorted();
    diags.extend(refused.iter().cloned());
    let besides = Besides {
        generated: files[pages..].to_vec(),
        missing: Vec::new(),
        refused,
    };
    memo.job_pos.clear();
    if pages == jobs {
        memo.job_pos.resize(jobs, 0);
    }
    // The made files in order, merged with the copied ones (in order too).
    let mut slots: Vec<Option<OutputFile>> = files.into_iter().map(Some).collect();
    let mut sorted_files: Vec<OutputFile> = Vec::with_capacity(slots.len() + copied.len());
    let mut copied = copied.into_iter().peekable();
    for &i in &order {
        let Some(f) = slots[i as usize].take() else {
            continue;
        };
        while let Some(c) = copied.next_if(|c| c.path < f.path) {
            sorted_files.push(c);
        }
        if let Some(pos) = memo.job_pos.get_mut(i as usize) {
            *pos = sorted_files.len() as u32;
        }
        sorted_files.push(f);
    }
    sorted_files.extend(copied);
    memo.made_order = order;
    let files = sorted_files;
    let missing = match last {
        Some(b) => b.missing,
        None => crate::phases::time("missing", || {
            let freed = memo.reread_from.as_deref();
            missing_targets(site, bodies, &files, freed)
        }),
    };
    (files, besides, missing)
}

/// Whether a static file, a file beside a page or a link of a body is at an
/// address of the search index's files.
fn names_index_paths(site: &Site, sources: &Sources, bodies: &Bodies) -> bool {
    let statics = sources.statics.iter().map(|s| s.rel.as_str());
    let beside = site.page_files.values().filter_map(|f| f.output.as_deref());
    let targets = (bodies.all()).flat_map(|b| b.1.targets.iter().map(|t| t.file.as_str()));
    statics
        .chain(beside)
        .chain(targets)
        .any(search::is_index_path)
}

/// A one-shot build's page bodies' HTML handed to the page jobs, and where
/// they put each page's search document (see `jobs::JobInput::ahead`).
pub(crate) type Ahead<'r> = Option<(&'r bodies::Handoff, &'r search::Ahead)>;

/// Where a one-shot build's outputs go as they are made (see [`Stream`]).
pub(crate) type Out<'s> = &'s (dyn Fn(&str, &[u8]) + Send + Sync);

/// Frees `value` on another thread: ten thousand listing entries, contexts or
/// outputs take milliseconds to free, and nobody waits for that.
pub(crate) fn drop_later<T: Send + 'static>(value: T) {
    std::thread::spawn(move || drop(value));
}

/// [`drop_later`] for what a build has done with for good: the site, its
/// listing entries and bodies, its templates. In a process that ends with
/// the build (`ending`, see `RenderMemo::ending`) they are not freed at all:
/// freeing them piece by piece took a processor from the build's last stages,
/// to no end.
pub(crate) fn drop_when_done<T: Send + 'static>(ending: bool, value: T) {
    if ending {
        std::mem::forget(value);
    } else {
        drop_later(value);
    }
}

/// The views templates are rendered from, and the key of what each page's
/// listing entry was made from. Listing entries are cheap to make: made again
/// each build (never stale), or taken from the last build of the very same
/// site (`last`). A page whose entry's inputs have the key they had in the
/// `earlier` build keeps that entry without making it; one whose entry comes
/// out as it was keeps that one, with its key and template value (an edit of
/// one page changes one entry; remaking and freeing all ten thousand cost more
/// than the edit's own page).
fn make_views<'a>(
    (site, cache, bodies): (&'a Site, &ChartCache, &'a Bodies),
    last: Option<Entries>,
    earlier: Option<Entries>,
    page_fields: Arc<[u64]>,
) -> (Views<'a>, Vec<u64>) {
    let (summaries, indicator_summaries, inputs) = last.unwrap_or_else(|| {
        let indicators = site
            .indicators
            .par_iter()
            .map(|i| indicators::summary(cache, i))
            .collect();
        type Entry = Arc<ctx::Shared<views::PageSummary>>;
        let (by_inputs, by_path): (ahash::HashMap<u64, &Entry>, ahash::HashMap<&str, &Entry>) =
            match &earlier {
                Some((pages, _, inputs)) => (
                    inputs.iter().copied().zip(pages).collect(),
                    pages.iter().map(|s| (s.path.as_str(), s)).collect(),
                ),
                None => Default::default(),
            };
        let shared = views::summary_inputs_shared(site);
        let (pages, inputs) = site
            .pages
            .par_iter()
            .zip(&bodies.pages)
            .zip(&page_fields[..])
            .map(|((p, b), &fields)| {
                let key = views::summary_inputs(fields, p, b.0, shared);
                // The address is checked too, as for page views (jobs).
                if let Some(was) = by_inputs.get(&key).filter(|w| w.path == p.path) {
                    return (Arc::clone(was), key);
                }
                let now = views::page_summary(site, p, &b.1);
                match by_path.get(now.path.as_str()) {
                    Some(was) if *was.value() == now => (Arc::clone(was), key),
                    _ => (Arc::new(ctx::Shared::new(now)), key),
                }
            })
            .unzip();
        (pages, indicators, inputs)
    });
    drop_later(earlier);
    let views = Views::new(
        site,
        &bodies.pages,
        &bodies.sections,
        summaries,
        indicator_summaries,
        bodies.intro.as_ref(),
        page_fields,
    );
    (views, inputs)
}

/// What must hold before anything renders: the home page's glance names
/// indicators that exist, and template names chosen in front matter exist.
fn check_before_rendering(site: &Site, templates: &Templates, diags: &mut Diagnostics) {
    for id in &site.config.glance {
        if site.indicator(id).is_none() && !site.indicator_failed(id) {
            diags.push(
                Diagnostic::error(
                    crate::parse::config::CONFIG_FILE,
                    t!(
                        "glance 里的“{id}”不是指标：content/indicators/ 里没有这个文件",
                        "glance: no indicator `{id}` in content/indicators/"
                    ),
                )
                .hint(t!(
                    "写指标文件的名字，不带 .yaml，例如 glance = [\"elderly-health-checks\"]",
                    "name the file of an indicator without .yaml, e.g. glance = [\"elderly-health-checks\"]"
                )),
            );
        }
    }
    for p in &site.pages {
        if let Some(t) = &p.fm.template {
            if !templates.has(t) {
                diags.push(
                    Diagnostic::error(
                        &p.source,
                        t!("没有叫“{t}”的模板", "template `{t}` does not exist"),
                    )
                    .at(&p.doc.text, crate::site::key_line(&p.doc, "template"), 11)
                    .hint(t!(
                        "删掉 template: 这一行（用默认的 page.html），或把模板文件放进 templates/ 文件夹",
                        "remove the `template:` line to use page.html, or add the file under templates/"
                    )),
                );
            }
        }
    }
}

/// Files made from every page: feeds, indicator downloads and the search index
/// (left out without its memo). Feeds are cheap enough to make again each
/// build, so they need no key that could miss an input; the search index keys
/// each document and reads again only changed ones.
///
/// `out`, for a one-shot build: where the index's files go as soon as each is
/// made (they are then listed as streamed), not held until the end.
fn generated_files(
    site: &Site,
    (views, bodies, ahead): (&Views<'_>, &Bodies, Option<&search::Ahead>),
    (search_memo, out): (Option<&mut search::shards::Memo>, Option<Out<'_>>),
    files: &mut Vec<OutputFile>,
) {
    let index = |memo: &mut search::shards::Memo| {
        let summary_texts: Vec<&str> = (views.summaries.iter())
            .map(|s| s.summary.as_str())
            .collect();
        let summary_keys: Vec<u64> = views.summaries.iter().map(|s| s.key()).collect();
        let docs = search::SiteDocs::new(site, &bodies.pages, &summary_texts, &summary_keys)
            .with_ahead(ahead);
        let syn = search::synonyms(site);
        crate::phases::time("search", || {
            search::shards::files_to(&docs, &syn, memo, out)
        })
    };
    // Feeds are made on one thread, so beside the index rather than before it.
    let (feeds, index) = rayon::join(
        || crate::phases::time("feeds", || feeds::feeds(site, views)),
        || search_memo.map(index).unwrap_or_default(),
    );
    files.extend(feeds);
    files.extend(indicators::downloads(site));
    files.extend(
        index
            .into_iter()
            .map(|(path, bytes)| OutputFile { path, bytes }),
    );
}

/// The theme's and site's static files, except those at the address of a
/// generated file (a warning).
fn static_files(
    sources: &Sources,
    generated: &dyn Fn(&str) -> bool,
    diags: &mut Diagnostics,
) -> Vec<OutputFile> {
    let mut files = Vec::with_capacity(sources.statics.len());
    for s in &sources.statics {
        if generated(s.rel.as_str()) {
            diags.push(
                Diagnostic::warning(
                    format!("static/{}", s.rel),
                    t!(
                        "static 里的这个文件和网站自动生成的页面同名，没有复制",
                        "this static file has the address of a generated page and is not copied"
                    ),
                )
                .hint(t!(
                    "给文件改个名字，或删掉它",
                    "rename the file, or remove it"
                )),
            );
            continue;
        }
        files.push(OutputFile::new(s.rel.clone(), s.bytes.clone()));
    }
    files
}

/// Files beside page folders, where the page links them, except those at the
/// address of a generated or static file (a warning).
fn files_beside_pages(
    site: &Site,
    sources: &Sources,
    generated: &dyn Fn(&str) -> bool,
    diags: &mut Diagnostics,
) -> Vec<OutputFile> {
    let mut files = Vec::new();
    for (rel, f) in &site.page_files {
        let Some(output) = &f.output else {
            continue;
        };
        let is_static = |o: &str| {
            sources
                .statics
                .binary_search_by(|s| s.rel.as_str().cmp(o))
                .is_ok()
        };
        if generated(output.as_str()) || is_static(output) {
            diags.push(
                Diagnostic::warning(
                    format!("content/{rel}"),
                    t!(
                        "页面旁边的这个文件和网站里另一个文件同名，没有复制",
                        "this file beside the page has the address of another file of the site and is not copied"
                    ),
                )
                .hint(t!("给文件改个名字", "rename the file")),
            );
            continue;
        }
        files.push(OutputFile::new(output.clone(), f.bytes.clone()));
    }
    files
}
