//! RENDER: Markdown to HTML, views for templates, templates to pages, feeds and the
//! sitemap. Works in memory and in parallel across pages; produces the list of
//! [`OutputFile`]s that the write stage puts on disk.

pub mod feeds;
pub mod indicators;
pub mod markdown;
pub mod templates;
pub mod views;

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
    /// The bytes to write.
    pub bytes: Vec<u8>,
}

/// What a rendered HTML page of the site is, for jobs run in parallel.
#[derive(Debug, Clone, Copy)]
enum Job {
    Page(usize),
    Section(usize, usize),
    DomainIndex,
    Domain(usize, usize),
    AudienceIndex,
    Audience(usize, usize),
    Dashboard,
    Indicator(usize),
    NotFound,
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
    })
}

/// Renders the whole site. Errors are added to `diags`; the files are returned
/// even then, and the caller decides not to write them.
pub fn render_site(
    site: &Site,
    sources: &Sources,
    cache: &ChartCache,
    diags: &mut Diagnostics,
) -> Vec<OutputFile> {
    let templates = match Templates::compile(&sources.templates, site, cache) {
        Ok(t) => t,
        Err(ds) => {
            diags.extend(ds);
            return Vec::new();
        }
    };

    let page_bodies: Vec<Rendered> = site
        .pages
        .par_iter()
        .map(|p| render_markdown(site, cache, &p.source, &p.doc, &p.dir, &p.path))
        .collect();
    let section_bodies: Vec<Option<Rendered>> = site
        .sections
        .par_iter()
        .map(|s| {
            let (src, doc) = (s.source.as_ref()?, s.doc.as_ref()?);
            Some(render_markdown(site, cache, src, doc, &s.dir, &s.path))
        })
        .collect();
    let intro_body = site.indicators_intro.as_ref().map(|(src, doc, _)| {
        render_markdown(site, cache, src, doc, crate::indicator::DIR, "indicators/")
    });
    for r in page_bodies
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
    let views = Views::new(
        site,
        &page_bodies,
        &section_bodies,
        indicator_summaries,
        intro_body.as_ref(),
    );
    let mut templates = templates;
    templates.tera.global_context().insert("site", &views.site);

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
    jobs.push(Job::NotFound);

    let results: Vec<(String, Result<String, Diagnostic>)> = jobs
        .par_iter()
        .map(|&job| {
            let (path, template, ctx) = match job {
                Job::Page(i) => views.page(i),
                Job::Section(s, n) => views.section(s, n),
                Job::DomainIndex => views.domain_index(),
                Job::Domain(d, n) => views.domain(d, n),
                Job::AudienceIndex => views.audience_index(),
                Job::Audience(a, n) => views.audience(a, n),
                Job::Dashboard => views.dashboard(cache),
                Job::Indicator(i) => views.indicator(cache, i),
                Job::NotFound => views.not_found(&inline_css),
            };
            let out = if path.ends_with('/') || path.is_empty() {
                format!("{path}index.html")
            } else {
                path
            };
            (out, templates.render(template, &ctx))
        })
        .collect();

    let mut files = Vec::with_capacity(results.len() + sources.statics.len() + 3);
    for (path, res) in results {
        match res {
            Ok(html) => files.push(OutputFile {
                path,
                bytes: html.into_bytes(),
            }),
            Err(d) => diags.push(d),
        }
    }
    files.extend(feeds::feeds(site, &views));
    files.extend(indicators::downloads(site));
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
        files.push(OutputFile {
            path: s.rel.clone(),
            bytes: s.bytes.clone(),
        });
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files
}
