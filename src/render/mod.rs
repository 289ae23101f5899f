//! RENDER: Markdown to HTML, views for templates, templates to pages, feeds and the
//! sitemap. Works in memory and in parallel across pages; produces the list of
//! [`OutputFile`]s that the write stage puts on disk.

pub mod feeds;
pub mod indicators;
pub mod markdown;
pub mod search;
pub mod templates;
pub mod views;

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::path::PathBuf;
use std::sync::Arc;

use rayon::prelude::*;

use crate::chart::ChartCache;
use crate::diag::{Diagnostic, Diagnostics};
use crate::site::Site;
use crate::source::Sources;
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
    outputs: HashMap<String, (u64, Arc<[u8]>)>,
    feeds: Option<(u64, Vec<OutputFile>)>,
    search: Option<(u64, Vec<OutputFile>)>,
    summaries: HashMap<PathBuf, (u64, Arc<views::PageSummary>, u64)>,
    /// Outputs rendered (not reused) by the last build.
    pub rendered_last: usize,
}

/// Hashes anything hashable into a memo key.
pub fn key_of(parts: impl Hash) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    parts.hash(&mut h);
    h.finish()
}

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
    })
}

/// One job's output path, memo key, bytes (or error) and whether it was rendered
/// (rather than reused).
type JobResult = (String, u64, Result<Arc<[u8]>, Diagnostic>, bool);

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
    let md_key = |version: u64, dir: &str, path: &str| {
        key_of((
            version,
            dir,
            path,
            links_key,
            indicators_key,
            glossary_key,
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
    // Listing entries, remembered by what they show: text, address, section title.
    let summaries: Vec<(u64, Arc<views::PageSummary>, u64)> = site
        .pages
        .par_iter()
        .zip(&page_bodies)
        .map(|(p, b)| {
            let k = key_of((p.version, b.0, &p.path, &site.sections[p.section].title));
            match memo.summaries.get(&p.source) {
                Some((kk, s, sk)) if *kk == k => (k, s.clone(), *sk),
                _ => {
                    let s = Arc::new(views::page_summary(site, p, &b.1));
                    let sk = key_of(&*s);
                    (k, s, sk)
                }
            }
        })
        .collect();
    for (p, (k, s, sk)) in site.pages.iter().zip(&summaries) {
        if memo.summaries.get(&p.source).is_none_or(|e| e.0 != *k) {
            memo.summaries
                .insert(p.source.clone(), (*k, s.clone(), *sk));
        }
    }
    if memo.summaries.len() != site.pages.len() {
        let keep: std::collections::HashSet<&PathBuf> =
            site.pages.iter().map(|p| &p.source).collect();
        memo.summaries.retain(|k, _| keep.contains(k));
    }
    let summaries: Vec<(Arc<views::PageSummary>, u64)> =
        summaries.into_iter().map(|(_, s, sk)| (s, sk)).collect();
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
        if site.indicator(id).is_none() {
            diags.push(
                Diagnostic::error(
                    crate::config::CONFIG_FILE,
                    format!("glance: no indicator `{id}` in content/indicators/"),
                )
                .hint("name the file of an indicator without .yaml, e.g. glance = [\"elderly-health-checks\"]"),
            );
        }
    }
    // Template names chosen in front matter must exist before anything renders.
    for p in &site.pages {
        if let Some(t) = &p.fm.template {
            if !templates.has(t) {
                diags.push(
                    Diagnostic::error(&p.source, format!("template `{t}` does not exist"))
                        .at(&p.doc.text, crate::site::key_line(&p.doc, "template"), 11)
                        .hint("remove the `template:` line to use page.html, or add the file under templates/"),
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

    // Everything every output shares: the templates, the `site` global, the config.
    let globals = key_of((
        sources
            .templates
            .iter()
            .map(|t| (&t.name, &t.text))
            .collect::<Vec<_>>(),
        key_of(&views.site),
        &site.config.base_url,
        key_of(&inline_css),
    ));
    let results: Vec<JobResult> = jobs
        .par_iter()
        .map(|&job| {
            let path = views.output_path(job);
            let key = key_of((globals, views.key(job)));
            if let Some((k, bytes)) = memo.outputs.get(&path) {
                if *k == key {
                    return (path, key, Ok(bytes.clone()), false);
                }
            }
            let (_, template, ctx) = match job {
                Job::Page(i) => views.page(i),
                Job::Section(s, n) => views.section(s, n),
                Job::DomainIndex => views.domain_index(),
                Job::Domain(d, n) => views.domain(d, n),
                Job::AudienceIndex => views.audience_index(),
                Job::Audience(a, n) => views.audience(a, n),
                Job::Dashboard => views.dashboard(cache),
                Job::Indicator(i) => views.indicator(cache, i),
                Job::Glossary => views.glossary(),
                Job::Search => views.search(),
                Job::NotFound => views.not_found(&inline_css),
                Job::DistrictIndex => views.district_index(),
                Job::District(d) => views.district(d),
            };
            let bytes = templates
                .render(template, &ctx)
                .map(|html| Arc::<[u8]>::from(html.into_bytes()));
            (path, key, bytes, true)
        })
        .collect();

    let mut files = Vec::with_capacity(results.len() + sources.statics.len() + 3);
    memo.rendered_last = 0;
    for (path, key, res, rendered) in results {
        match res {
            Ok(bytes) => {
                if rendered {
                    memo.rendered_last += 1;
                    memo.outputs.insert(path.clone(), (key, bytes.clone()));
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
    let feeds_key = key_of((
        views.feeds_key(),
        &site.config.base_url,
        &site.config.title,
        &site.config.description,
        &site.config.language,
        site.config.feed_limit,
    ));
    match &memo.feeds {
        Some((k, f)) if *k == feeds_key => files.extend(f.iter().cloned()),
        _ => {
            let f = feeds::feeds(site, &views);
            files.extend(f.iter().cloned());
            memo.feeds = Some((feeds_key, f));
        }
    }
    files.extend(indicators::downloads(site));
    // The search index: what listings show of every page, for /search/.
    let search_key = views.search_key();
    match &memo.search {
        Some((k, f)) if *k == search_key => files.extend(f.iter().cloned()),
        _ => {
            let f: Vec<OutputFile> = views
                .search_files()
                .into_iter()
                .map(|(path, text)| OutputFile::new(path, text.into_bytes()))
                .collect();
            files.extend(f.iter().cloned());
            memo.search = Some((search_key, f));
        }
    }
    let generated: std::collections::BTreeSet<String> =
        files.iter().map(|f| f.path.clone()).collect();
    for s in &sources.statics {
        if generated.contains(&s.rel) {
            diags.push(
                Diagnostic::warning(
                    format!("static/{}", s.rel),
                    "this static file has the address of a generated page and is not copied",
                )
                .hint("rename the file, or remove it"),
            );
            continue;
        }
        files.push(OutputFile::new(s.rel.clone(), s.bytes.clone()));
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files
}
