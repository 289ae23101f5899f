//! Views: the prepared, serialisable data each template receives. Templates get
//! plain values (titles, relative paths, lists), never a way to fetch arbitrary
//! content, so that what a page depends on is known from its view.

use std::sync::Arc;

use serde::Serialize;

use super::ctx::{Keyed, Shared, Sink};

use crate::render::indicators::IndicatorSummary;
use crate::render::markdown::{root_prefix, Rendered};

use crate::domains::DOMAINS;
/// A rendered body with the memo key it was made under.
pub(crate) use crate::render::markdown::Body;
use crate::site::{Page, Site};
use crate::text::hash::key_of;

pub(crate) use crate::site::pager_count;

mod district;
mod figures;
mod listing;
mod page;

/// A link to a taxonomy term.
#[derive(Debug, Clone, Serialize, Hash, PartialEq, Eq)]
pub(crate) struct TermLink {
    /// Shown name.
    pub name: String,
    /// URL segment.
    pub slug: String,
    /// Site path, e.g. `domains/health/`.
    pub path: String,
}

/// A page as listings show it.
#[derive(Debug, Clone, Serialize, Hash, PartialEq, Eq)]
pub(crate) struct PageSummary {
    /// Title.
    pub title: String,
    /// Site path.
    pub path: String,
    /// ISO date.
    pub date: Option<String>,
    /// Chinese date.
    pub date_zh: Option<String>,
    /// Written summary, or the first paragraph shortened.
    pub summary: String,
    /// Domains.
    pub domains: Vec<TermLink>,
    /// Who it is for.
    pub audiences: Vec<String>,
    /// Life events it helps with.
    pub events: Vec<String>,
    /// The section's title.
    pub section: String,
}

/// A section as navigation shows it: no page count, so that adding a page does
/// not change every page's view.
#[derive(Debug, Clone, Serialize, Hash)]
struct SectionNav {
    title: String,
    path: String,
    description: String,
}

/// A taxonomy term as navigation shows it (no count, for the same reason).
#[derive(Debug, Clone, Serialize, Hash)]
struct TermNav {
    name: String,
    slug: String,
    path: String,
    plain: String,
}

#[derive(Debug, Clone, Serialize, Hash)]
struct SectionLink {
    title: String,
    path: String,
    count: usize,
    description: String,
}

/// Where a listing page is among its pagers. No list of every pager: each of a
/// long section's pagers would carry all of them, a cost that grows with the
/// square of the section's length (and no built-in template shows it).
#[derive(Debug, Clone, Serialize)]
struct Pagination {
    current: usize,
    total: usize,
    prev: Option<String>,
    next: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
struct TermView {
    name: String,
    slug: String,
    path: String,
    plain: String,
    count: usize,
}

impl TermView {
    fn nav(&self) -> TermNav {
        TermNav {
            name: self.name.clone(),
            slug: self.slug.clone(),
            path: self.path.clone(),
            plain: self.plain.clone(),
        }
    }
}

#[derive(Debug, Clone, Serialize, Hash)]
struct MenuView {
    name: String,
    path: String,
    external: bool,
}

/// What every template sees as `site`.
#[derive(Debug, Clone, Serialize, Hash)]
pub(crate) struct SiteView {
    title: String,
    description: String,
    language: String,
    base_url: Option<String>,
    contact: crate::parse::config::Contact,
    menu: Vec<MenuView>,
    domains: Vec<TermNav>,
    audiences: Vec<TermNav>,
    sections: Vec<SectionNav>,
    has_glossary: bool,
    /// The districts of site.toml, each with a page under `districts/`.
    districts: Vec<String>,
    /// Government-site conventions (footer and page metadata).
    gov: crate::parse::config::Gov,
    /// The host of `base_url`, for the SiteDomain metadata.
    domain: String,
}

/// Everything prepared once per build, from which each output's context is made.
pub(crate) struct Views<'a> {
    site_data: &'a Site,
    bodies: &'a [Body],
    section_bodies: &'a [Option<Body>],
    /// The `site` global.
    pub site: SiteView,
    /// Summaries of all pages, in page order, each with its key.
    pub summaries: Vec<Arc<Shared<PageSummary>>>,
    /// Summaries of the indicators, in indicator order.
    pub indicators: Vec<IndicatorSummary>,
    domain_terms: Vec<TermView>,
    audience_terms: Vec<TermView>,
    /// For each indicator, the pages that discuss or embed it.
    related: Vec<Vec<usize>>,
    intro: Option<&'a Body>,
    recent: Vec<usize>,
    /// Each page's place in its section's list.
    place: Vec<usize>,
    /// Each page's [`page_fields`].
    page_fields: Arc<[u64]>,
    /// Whether listing entries keep their template values for the next
    /// listing that shows them (see [`Shared`]): a server's rebuilds gain, a
    /// one-shot build would only hold two kilobytes more per page.
    pub keep_template_values: bool,
}

/// What every page's listing entry reads of the site besides the page: the
/// audiences and events it defines (see [`summary_inputs`]).
pub(crate) fn summary_inputs_shared(site: &Site) -> u64 {
    key_of((&site.config.audiences, &site.config.events))
}

/// A key of everything [`page_summary`] reads to make page `p`'s entry,
/// given [`summary_inputs_shared`] and the key of the page's body (`body`, for
/// its excerpt). Kept beside `page_summary`: a field it reads must be added
/// here too (proof mode, `MINSHENG_PROOF`, finds one left out).
pub(crate) fn summary_inputs(fields: u64, p: &Page, body: u64, shared: u64) -> u64 {
    // The front matter's summary follows from the file's bytes (`version`).
    key_of((shared, fields, p.version, body))
}

/// A key of what assembling gave page `p` that its view ([`Views::page_inputs`])
/// and listing entry ([`summary_inputs`]) read, but its file's version and
/// body: made once per assembled site (a site patched with new page texts
/// keeps them), not at every build. Reaching into ten thousand pages' strings
/// at each body edit, twice, was a tenth of its time.
pub(crate) fn page_fields(site: &Site, p: &Page) -> u64 {
    key_of((
        (&p.rel, &p.fm.indicators, &p.dir, p.section),
        (&p.title, &p.path, p.date, p.updated, p.not_public),
        (&p.domains, &p.audiences, &p.events),
        &site.sections[p.section].title,
    ))
}

/// A page as listings show it.
pub(crate) fn page_summary(site: &Site, p: &Page, body: &Rendered) -> PageSummary {
    PageSummary {
        title: p.title.clone(),
        path: p.path.clone(),
        date: p.date.as_ref().map(|d| d.iso()),
        date_zh: p.date.as_ref().map(|d| d.zh()),
        summary: p.fm.summary.clone().unwrap_or_else(|| body.excerpt.clone()),
        domains: domain_links(p),
        audiences: p
            .audiences
            .iter()
            .map(|&a| site.config.audiences[a].name.clone())
            .collect(),
        events: p
            .events
            .iter()
            .map(|&e| site.config.events[e].name.clone())
            .collect(),
        section: site.sections[p.section].title.clone(),
    }
}

/// Links to the configured terms `picked` (indices into `defs`).
fn term_links(
    picked: &[usize],
    defs: &[crate::parse::config::TermDef],
    path: impl Fn(&str) -> String,
) -> Vec<TermLink> {
    picked
        .iter()
        .map(|&i| {
            let t = &defs[i];
            TermLink {
                name: t.name.clone(),
                slug: t.slug.clone(),
                path: path(&t.slug),
            }
        })
        .collect()
}

fn domain_links(p: &Page) -> Vec<TermLink> {
    p.domains
        .iter()
        .map(|&d| TermLink {
            name: DOMAINS[d].name.to_string(),
            slug: DOMAINS[d].slug.to_string(),
            path: format!("domains/{}/", DOMAINS[d].slug),
        })
        .collect()
}

impl<'a> Views<'a> {
    /// Prepares the views.
    pub(crate) fn new(
        site: &'a Site,
        bodies: &'a [Body],
        section_bodies: &'a [Option<Body>],
        summaries: Vec<Arc<Shared<PageSummary>>>,
        indicators: Vec<IndicatorSummary>,
        intro: Option<&'a Body>,
        page_fields: Arc<[u64]>,
    ) -> Self {
        let domain_terms = domain_terms(site);
        let audience_terms = audience_terms(site);
        let site_view = site_view(site, &domain_terms, &audience_terms);
        let related = related(site, bodies);
        Views {
            site_data: site,
            bodies,
            section_bodies,
            site: site_view,
            summaries,
            indicators,
            domain_terms,
            audience_terms,
            related,
            intro,
            recent: crate::site::newest_dated(site, 6),
            place: places(site),
            page_fields,
            keep_template_values: true,
        }
    }

    fn base_context<S: Sink>(&self, path: &str, ctx: &mut S) {
        ctx.put("root", &root_prefix(path));
        ctx.put("current_path", path);
        let permalink = self
            .site_data
            .config
            .base_url
            .as_ref()
            .map(|b| format!("{b}{path}"));
        ctx.put("permalink", &permalink);
    }

    /// Listing entry `i`, with its key.
    fn summary(&self, i: usize) -> Keyed<'_, PageSummary> {
        let s = &self.summaries[i];
        if self.keep_template_values {
            s.keyed()
        } else {
            Keyed::new(&***s, s.key())
        }
    }

    fn summaries_of(&self, pages: &[usize]) -> Vec<Keyed<'_, PageSummary>> {
        pages.iter().map(|&i| self.summary(i)).collect()
    }

    fn pagination(
        &self,
        total_items: usize,
        per_page: usize,
        n: usize,
        path_of: impl Fn(usize) -> String,
    ) -> Pagination {
        let total = pager_count(total_items, per_page);
        Pagination {
            current: n,
            total,
            prev: (n > 1).then(|| path_of(n - 1)),
            next: (n < total).then(|| path_of(n + 1)),
        }
    }

    /// `404.html`: a host serves it at any address, at any depth, so relative links
    /// cannot work. Its links go to `base_url` (or `/` when the site has none) and its
    /// stylesheet is inlined, so it looks right wherever it is served.
    pub(crate) fn not_found<S: Sink>(&self, inline_css: &str, ctx: &mut S) -> (String, &'a str) {
        self.base_context("404.html", ctx);
        let root = self
            .site_data
            .config
            .base_url
            .clone()
            .unwrap_or_else(|| "/".to_string());
        ctx.put("root", &root);
        ctx.put("inline_css", inline_css);
        ctx.put("permalink", &Option::<String>::None);
        ("404.html".into(), "404.html")
    }

    /// The newest dated pages, for the home page.
    fn recent(&self) -> &[usize] {
        &self.recent
    }

    /// `search/`: a search box over `search.json` (with script), and ways to browse
    /// (without).
    pub(crate) fn search<S: Sink>(&self, ctx: &mut S) -> (String, &'a str) {
        let path = "search/".to_string();
        self.base_context(&path, ctx);
        (path, "search.html")
    }

    /// `glossary/`: every term with its plain explanation.
    pub(crate) fn glossary<S: Sink>(&self, ctx: &mut S) -> (String, &'a str) {
        let path = "glossary/".to_string();
        self.base_context(&path, ctx);
        ctx.put("terms", &*self.site_data.glossary);
        (path, "glossary.html")
    }
}

/// For each indicator, the pages that discuss or embed it, newest first.
fn related(site: &Site, bodies: &[Body]) -> Vec<Vec<usize>> {
    site.indicators
        .iter()
        .map(|ind| {
            let mut list: Vec<usize> = (0..site.pages.len())
                .filter(|&p| {
                    site.pages[p].fm.indicators.contains(&ind.id)
                        || bodies[p].1.embedded.contains(&ind.id)
                })
                .collect();
            list.sort_by(|&a, &b| crate::site::newest_first(&site.pages[a], &site.pages[b]));
            list
        })
        .collect()
}

/// The menu: site.toml's, else home, the top sections and the domains.
fn menu(site: &Site) -> Vec<MenuView> {
    let top_sections: Vec<SectionLink> = site.sections[0]
        .subsections
        .iter()
        .map(|&s| section_link(site, s))
        .collect();
    if site.config.menu.is_empty() {
        let mut m = vec![MenuView {
            name: "首页".into(),
            path: String::new(),
            external: false,
        }];
        m.extend(top_sections.iter().map(|s| MenuView {
            name: s.title.clone(),
            path: s.path.clone(),
            external: false,
        }));
        m.push(MenuView {
            name: "服务领域".into(),
            path: "domains/".into(),
            external: false,
        });
        m
    } else {
        site.config
            .menu
            .iter()
            .map(|m| {
                let external = m.url.contains("://")
                    || m.url.starts_with("mailto:")
                    || m.url.starts_with("tel:");
                let path = if external {
                    m.url.clone()
                } else {
                    m.url.trim_start_matches('/').to_string()
                };
                MenuView {
                    name: m.name.clone(),
                    path,
                    external,
                }
            })
            .collect()
    }
}

/// The 13 domains as taxonomy terms.
fn domain_terms(site: &Site) -> Vec<TermView> {
    DOMAINS
        .iter()
        .enumerate()
        .map(|(i, d)| TermView {
            name: d.name.into(),
            slug: d.slug.into(),
            path: format!("domains/{}/", d.slug),
            plain: d.plain.into(),
            count: site.domain_pages[i].len(),
        })
        .collect()
}

/// The audiences of site.toml as taxonomy terms.
fn audience_terms(site: &Site) -> Vec<TermView> {
    site.config
        .audiences
        .iter()
        .enumerate()
        .map(|(i, a)| TermView {
            name: a.name.clone(),
            slug: a.slug.clone(),
            path: format!("audiences/{}/", a.slug),
            plain: a.description.clone(),
            count: site.audience_pages[i].len(),
        })
        .collect()
}

/// What every template sees as `site`.
fn site_view(site: &Site, domain_terms: &[TermView], audience_terms: &[TermView]) -> SiteView {
    SiteView {
        title: site.config.title.clone(),
        description: site.config.description.clone(),
        language: site.config.language.clone(),
        base_url: site.config.base_url.clone(),
        contact: site.config.contact.clone(),
        menu: menu(site),
        domains: domain_terms.iter().map(TermView::nav).collect(),
        audiences: audience_terms.iter().map(TermView::nav).collect(),
        sections: site.sections[0]
            .subsections
            .iter()
            .map(|&s| section_nav(site, s))
            .collect(),
        has_glossary: !site.glossary.is_empty(),
        districts: site.config.districts.clone(),
        gov: site.config.gov.clone(),
        domain: site
            .config
            .base_url
            .as_deref()
            .and_then(|u| u.split('/').nth(2))
            .unwrap_or_default()
            .to_string(),
    }
}

/// The six newest dated pages.
/// Each page's place in its section's list (for its neighbours): found once,
/// not by a walk through the section for every page.
fn places(site: &Site) -> Vec<usize> {
    let mut place = vec![usize::MAX; site.pages.len()];
    for s in &site.sections {
        for (k, &i) in s.pages.iter().enumerate() {
            place[i] = k;
        }
    }
    place
}

fn section_nav(site: &Site, s: usize) -> SectionNav {
    let sec = &site.sections[s];
    SectionNav {
        title: sec.title.clone(),
        path: sec.path.clone(),
        description: sec.fm.description.clone().unwrap_or_default(),
    }
}

fn section_link(site: &Site, s: usize) -> SectionLink {
    let sec = &site.sections[s];
    SectionLink {
        title: sec.title.clone(),
        path: sec.path.clone(),
        count: sec.pages.len(),
        description: sec.fm.description.clone().unwrap_or_default(),
    }
}
