//! RENDER: Markdown to HTML, views for templates, templates to pages, feeds and the
//! sitemap. Works in memory and in parallel across pages; produces the list of
//! [`OutputFile`]s that the write stage puts on disk.

pub(crate) mod ctx;
pub(crate) mod feeds;
mod indicator_tables;
pub(crate) mod indicators;
pub mod markdown;
pub(crate) mod reads;
pub(crate) mod search;
pub(crate) mod templates;
pub(crate) mod views;

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use rayon::prelude::*;

use crate::chart::ChartCache;
use crate::diag::{Diagnostic, Diagnostics};
use crate::site::Site;
use crate::source::Sources;
use crate::t;
use markdown::{MarkdownInput, Rendered};
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
}

/// What rendering remembers between builds of one session: Markdown bodies and
/// rendered outputs, each under a key computed from everything it was made from.
/// A build with an empty memo renders everything; the next one renders only what
/// a change reached. Both must write the same bytes (tested).
#[derive(Default)]
pub struct RenderMemo {
    markdown: HashMap<PathBuf, (u64, Arc<Rendered>)>,
    outputs: HashMap<String, Made>,
    search: search::shards::Memo,
    /// Outputs rendered (not reused) by the last build.
    pub rendered_last: usize,
}

/// An output as last made: the key of its template and context, its bytes and
/// what template functions read while it rendered.
struct Made {
    key: u64,
    bytes: Arc<[u8]>,
    reads: Vec<reads::Read>,
}

use crate::text::hash::key_of;

/// What a rendered HTML page of the site is, for jobs run in parallel.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Job {
    Page(usize),
    Section(usize, usize),
    DomainIndex,
    Domain(usize, usize),
    AudienceIndex,
    Audience(usize, usize),
    Dashboard,
    Indicator(usize),
    Glossary,
    Search,
    NotFound,
    DistrictIndex,
    District(usize),
}

/// Renders Markdown of one page or section index.
fn render_markdown(
    site: &Site,
    cache: &ChartCache,
    path: &std::path::Path,
    doc: &crate::parse::front_matter::Document,
    dir: &str,
    page_path: &str,
) -> Rendered {
    let resolve = |target: &str| site.links.get(target).cloned();
    let embed = |yaml: &str, n: usize| indicators::embed(site, cache, page_path, yaml, n);
    // editors (issue 10): FileInfo now also carries the picture's smaller copies.
    let files = |rel: &str| site.page_files.get(rel).map(markdown::FileInfo::of);
    let suggest = |written: &str| {
        let pages = site
            .pages
            .iter()
            .map(|p| (p.rel.as_str(), p.title.as_str()));
        crate::text::suggest::link_target(written, pages).map(markdown::LinkGuess::of)
    };
    markdown::render(&MarkdownInput {
        path,
        text: &doc.text,
        body_start: doc.body_start,
        source_dir: dir,
        page_path,
        resolve: &resolve,
        raw_html: site.config.raw_html,
        embed: &embed,
        glossary: &site.glossary,
        files: &files,
        suggest: &suggest,
    })
}

/// One job's output file, memo key, bytes (or error) and, when it was rendered
/// rather than reused, what its template functions read.
type JobResult = (
    String,
    u64,
    Result<Arc<[u8]>, Diagnostic>,
    Option<Vec<reads::Read>>,
);

/// The file of an output path: `reports/a/` is `reports/a/index.html`.
fn output_file(path: &str) -> String {
    if path.ends_with(".html") {
        path.to_string()
    } else {
        format!("{path}index.html")
    }
}

/// Hands `job`'s context to `ctx` (a hasher or a tera context); returns the
/// output path and the template.
fn view<'a, S: ctx::Sink>(
    views: &Views<'a>,
    cache: &ChartCache,
    inline_css: &str,
    job: Job,
    ctx: &mut S,
) -> (String, &'a str) {
    match job {
        Job::Page(i) => views.page(i, ctx),
        Job::Section(s, n) => views.section(s, n, ctx),
        Job::DomainIndex => views.domain_index(ctx),
        Job::Domain(d, n) => views.domain(d, n, ctx),
        Job::AudienceIndex => views.audience_index(ctx),
        Job::Audience(a, n) => views.audience(a, n, ctx),
        Job::Dashboard => views.dashboard(cache, ctx),
        Job::Indicator(i) => views.indicator(cache, i, ctx),
        Job::Glossary => views.glossary(ctx),
        Job::Search => views.search(ctx),
        Job::NotFound => views.not_found(inline_css, ctx),
        Job::DistrictIndex => views.district_index(ctx),
        Job::District(d) => views.district(d, ctx),
    }
}

/// Renders the whole site. Errors are added to `diags`; the files are returned
/// even then, and the caller decides not to write them. `memo` carries what an
/// earlier build of the same session made; pass a fresh one for a full build.
pub fn render_site(
    site: &Site,
    sources: &Sources,
    cache: &ChartCache,
    memo: &mut RenderMemo,
    diags: &mut Diagnostics,
) -> Vec<OutputFile> {
    let templates = match Templates::compile(&sources.templates, site, cache) {
        Ok(t) => t,
        Err(ds) => {
            diags.extend(ds);
            return Vec::new();
        }
    };

    // A body depends on its text, its address (relative links), the address of
    // every page (link targets) and the indicators it may embed.
    let links_key = key_of(&site.links);
    let indicators_key = key_of(
        site.indicators
            .iter()
            .map(crate::chart::fingerprint)
            .collect::<Vec<_>>(),
    );
    let glossary_key = key_of(&site.glossary);
    let files_key = key_of(&site.page_files);
    let md_key = |version: u64, dir: &str, path: &str| {
        key_of((
            version,
            dir,
            path,
            links_key,
            indicators_key,
            glossary_key,
            files_key,
            site.config.raw_html as u8,
        ))
    };
    let markdown = |src: &PathBuf,
                    doc: &crate::parse::front_matter::Document,
                    version: u64,
                    dir: &str,
                    path: &str| {
        let key = md_key(version, dir, path);
        match memo.markdown.get(src) {
            Some((k, r)) if *k == key => (key, r.clone()),
            _ => (
                key,
                Arc::new(render_markdown(site, cache, src, doc, dir, path)),
            ),
        }
    };
    let page_bodies: Vec<(u64, Arc<Rendered>)> = site
        .pages
        .par_iter()
        .map(|p| markdown(&p.source, &p.doc, p.version, &p.dir, &p.path))
        .collect();
    let section_bodies: Vec<Option<(u64, Arc<Rendered>)>> = site
        .sections
        .par_iter()
        .map(|s| {
            let (src, doc) = (s.source.as_ref()?, s.doc.as_ref()?);
            Some(markdown(src, doc, s.version, &s.dir, &s.path))
        })
        .collect();
    let intro_body = site.indicators_intro.as_ref().map(|(src, doc, _)| {
        markdown(
            src,
            doc,
            key_of(&doc.text),
            crate::indicator::DIR,
            "indicators/",
        )
    });
    // Update the memo in place: only changed bodies are stored again, and entries
    // of files that are gone are dropped.
    let mut live = 0;
    let mut remember = |src: &PathBuf, b: &(u64, Arc<Rendered>)| {
        live += 1;
        match memo.markdown.get_mut(src) {
            Some(entry) if entry.0 == b.0 => {}
            Some(entry) => *entry = b.clone(),
            None => {
                memo.markdown.insert(src.clone(), b.clone());
            }
        }
    };
    for (p, b) in site.pages.iter().zip(&page_bodies) {
        remember(&p.source, b);
    }
    for (s, b) in site.sections.iter().zip(&section_bodies) {
        if let (Some(src), Some(b)) = (&s.source, b) {
            remember(src, b);
        }
    }
    if let (Some((src, _, _)), Some(b)) = (&site.indicators_intro, &intro_body) {
        remember(src, b);
    }
    if live != memo.markdown.len() {
        let mut keep: std::collections::HashSet<&PathBuf> =
            site.pages.iter().map(|p| &p.source).collect();
        keep.extend(site.sections.iter().filter_map(|s| s.source.as_ref()));
        keep.extend(site.indicators_intro.iter().map(|(p, _, _)| p));
        memo.markdown.retain(|k, _| keep.contains(k));
    }
    for (_, r) in page_bodies
        .iter()
        .chain(section_bodies.iter().flatten())
        .chain(intro_body.iter())
    {
        diags.extend(r.diags.iter().cloned());
    }

    let indicator_summaries: Vec<indicators::IndicatorSummary> = site
        .indicators
        .par_iter()
        .map(|i| indicators::summary(cache, i))
        .collect();
    // Listing entries are cheap to make: made again each build, never stale.
    let summaries: Vec<Arc<views::PageSummary>> = site
        .pages
        .par_iter()
        .zip(&page_bodies)
        .map(|(p, b)| Arc::new(views::page_summary(site, p, &b.1)))
        .collect();
    let views = Views::new(
        site,
        &page_bodies,
        &section_bodies,
        summaries,
        indicator_summaries,
        intro_body.as_ref(),
    );
    let mut templates = templates;
    templates.tera.global_context().insert("site", &views.site);

    // The home page's glance names indicators: each must exist.
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
    // Template names chosen in front matter must exist before anything renders.
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
    if diags.has_errors() {
        return Vec::new();
    }

    let inline_css = sources
        .statics
        .iter()
        .find(|s| s.rel == "style.css")
        .map(|s| String::from_utf8_lossy(&s.bytes).into_owned())
        .unwrap_or_default();
    let mut jobs: Vec<Job> = (0..site.pages.len()).map(Job::Page).collect();
    for (i, s) in site.sections.iter().enumerate() {
        jobs.extend((1..=s.pager_count()).map(|n| Job::Section(i, n)));
    }
    jobs.push(Job::DomainIndex);
    for (d, pages) in site.domain_pages.iter().enumerate() {
        jobs.extend(
            (1..=views::pager_count(pages.len(), site.config.paginate_by))
                .map(|n| Job::Domain(d, n)),
        );
    }
    jobs.push(Job::AudienceIndex);
    for (a, pages) in site.audience_pages.iter().enumerate() {
        jobs.extend(
            (1..=views::pager_count(pages.len(), site.config.paginate_by))
                .map(|n| Job::Audience(a, n)),
        );
    }
    if !site.indicators.is_empty() || site.indicators_intro.is_some() {
        jobs.push(Job::Dashboard);
        jobs.extend((0..site.indicators.len()).map(Job::Indicator));
    }
    if !site.glossary.is_empty() {
        jobs.push(Job::Glossary);
    }
    jobs.push(Job::Search);
    jobs.push(Job::NotFound);
    if !site.config.districts.is_empty() {
        jobs.push(Job::DistrictIndex);
        jobs.extend((0..site.config.districts.len()).map(Job::District));
    }

    // An output's key: its template with everything that template uses, the
    // `site` global every template sees, and the context its view hands over.
    let template_keys = templates::closure_keys(&sources.templates);
    let site_key = key_of(&views.site);
    let results: Vec<JobResult> = jobs
        .par_iter()
        .map(|&job| {
            let mut sink = ctx::HashSink::default();
            let (path, template) = view(&views, cache, &inline_css, job, &mut sink);
            let file = output_file(&path);
            let key = key_of((
                site_key,
                template,
                template_keys.get(template),
                sink.finish(),
            ));
            if let Some(made) = memo.outputs.get(&file) {
                if made.key == key && made.reads.iter().all(|r| r.still_holds(site)) {
                    return (file, key, Ok(made.bytes.clone()), None);
                }
            }
            let mut ctx = tera::Context::new();
            view(&views, cache, &inline_css, job, &mut ctx);
            let (bytes, reads) = reads::capture(|| templates.render(template, &ctx));
            let bytes = bytes.map(|html| Arc::<[u8]>::from(html.into_bytes()));
            (file, key, bytes, Some(reads))
        })
        .collect();

    let mut files = Vec::with_capacity(results.len() + sources.statics.len() + 3);
    memo.rendered_last = 0;
    for (path, key, res, reads) in results {
        match res {
            Ok(bytes) => {
                if let Some(reads) = reads {
                    memo.rendered_last += 1;
                    let made = Made {
                        key,
                        bytes: bytes.clone(),
                        reads,
                    };
                    memo.outputs.insert(path.clone(), made);
                }
                files.push(OutputFile { path, bytes });
            }
            Err(d) => diags.push(d),
        }
    }
    if memo.outputs.len() != files.len() {
        let keep: std::collections::HashSet<&String> = files.iter().map(|f| &f.path).collect();
        memo.outputs.retain(|k, _| keep.contains(k));
    }
    // Feeds and the search index are made from every page: cheap enough to make
    // again each build, so they need no key that could miss an input.
    files.extend(feeds::feeds(site, &views));
    files.extend(indicators::downloads(site));
    // The search index: each document keyed, only changed ones read again.
    let summary_texts: Vec<&str> = views.summaries.iter().map(|s| s.summary.as_str()).collect();
    let docs = search::SiteDocs::new(site, &page_bodies, &summary_texts, &views.summary_keys);
    let syn = search::synonyms(site);
    files.extend(
        search::shards::files(&docs, &syn, &mut memo.search)
            .into_iter()
            .map(|(path, bytes)| OutputFile { path, bytes }),
    );
    let generated: std::collections::BTreeSet<String> =
        files.iter().map(|f| f.path.clone()).collect();
    for s in &sources.statics {
        if generated.contains(&s.rel) {
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
    // Files beside page folders, where the page links them.
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
        if generated.contains(output) || is_static(output) {
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
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files
}
