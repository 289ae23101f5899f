//! Views: the prepared, serialisable data each template receives. Templates get
//! plain values (titles, relative paths, lists), never a way to fetch arbitrary
//! content, so that what a page depends on is known from its view.

use std::sync::Arc;

use serde::Serialize;

use super::ctx::{key_of_serialized, Keyed, Sink};

use crate::chart::ChartCache;
use crate::render::indicators::{self, IndicatorSummary};
use crate::render::markdown::{root_prefix, Rendered, TocEntry};

/// A rendered body with the memo key it was made under.
pub type Body = (u64, std::sync::Arc<Rendered>);
use crate::domains::DOMAINS;
use crate::site::{Page, Site};

pub use crate::site::pager_count;

/// A link to a taxonomy term.
#[derive(Debug, Clone, Serialize, Hash)]
pub struct TermLink {
    /// Shown name.
    pub name: String,
    /// URL segment.
    pub slug: String,
    /// Site path, e.g. `domains/health/`.
    pub path: String,
}

/// A page as listings show it.
#[derive(Debug, Clone, Serialize, Hash)]
pub struct PageSummary {
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

/// One indicator on a district's page.
#[derive(Debug, Clone, Serialize)]
struct DistrictRow {
    title: String,
    question: String,
    path: String,
    year: Option<String>,
    value: String,
    city: Option<String>,
    city_year: Option<String>,
    /// "7个区县中第2高".
    place: String,
    /// Compared as a rate (a percentage), or by headcount.
    rate: bool,
    sample: bool,
    /// Every district's value, highest first; `this` marks the page's district.
    all: Vec<DistrictValue>,
}

#[derive(Debug, Clone, Serialize)]
struct DistrictValue {
    name: String,
    value: String,
    this: bool,
    /// Width of its bar, 0–100.
    share: u32,
}

fn district_row(ind: &crate::indicator::Indicator, name: &str) -> Option<DistrictRow> {
    let (_, mine) = ind.districts.iter().find(|(x, _)| x == name)?;
    let mut all: Vec<&(String, f64)> = ind.districts.iter().collect();
    all.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let max = all.first().map_or(0.0, |x| x.1).max(f64::MIN_POSITIVE);
    let pos = all.iter().position(|(x, _)| x == name).unwrap_or(0) + 1;
    let rate = ind.unit.contains('%') || ind.unit.contains('‰');
    let latest = ind.latest();
    Some(DistrictRow {
        title: ind.title.clone(),
        question: ind.question.clone(),
        path: indicators::page_path(&ind.id),
        year: ind.breakdown_period.as_ref().map(|p| p.zh()),
        value: ind.show(*mine),
        city: latest.map(|p| ind.show(p.value)),
        city_year: latest.map(|p| p.period.zh()),
        place: format!("{}个{}中第{}高", all.len(), ind.breakdown_label, pos),
        rate,
        sample: ind.districts_sample || ind.sample,
        all: all
            .iter()
            .map(|(x, v)| DistrictValue {
                name: x.clone(),
                value: ind.show(*v),
                this: x == name,
                share: ((v / max) * 100.0).round().clamp(0.0, 100.0) as u32,
            })
            .collect(),
    })
}

/// The city at a glance (home page).
#[derive(Debug, Clone, Serialize)]
pub struct Glance {
    total: usize,
    with_target: usize,
    reached: usize,
    on_track: usize,
    needs_attention: usize,
    other: usize,
    sample_targets: usize,
    figures: Vec<LatestFigure>,
}

/// An indicator's latest figure with a link to its page: what a guide's "已经有
/// 多少人用上了" and the home page's glance show.
#[derive(Debug, Clone, Serialize)]
struct LatestFigure {
    title: String,
    question: String,
    value: String,
    year: String,
    path: String,
    sample: bool,
}

/// The latest figures of the indicators `ids` names (unknown ids and indicators
/// without data are left out).
fn latest_figures(site: &Site, ids: &[String]) -> Vec<LatestFigure> {
    ids.iter()
        .filter_map(|id| site.indicator(id))
        .filter_map(|ind| {
            let last = ind.latest()?;
            Some(LatestFigure {
                title: ind.title.clone(),
                question: ind.question.clone(),
                value: ind.show(last.value),
                year: last.period.zh(),
                path: indicators::page_path(&ind.id),
                sample: last.sample,
            })
        })
        .collect()
}

/// A page as its own template shows it.
#[derive(Debug, Clone, Serialize)]
struct PageView<'a> {
    title: &'a str,
    path: &'a str,
    permalink: Option<String>,
    date: Option<String>,
    date_zh: Option<String>,
    updated: Option<String>,
    updated_zh: Option<String>,
    summary: &'a str,
    content: Keyed<'a, str>,
    toc: &'a [TocEntry],
    domains: Vec<TermLink>,
    audiences: Vec<TermLink>,
    author: Option<&'a str>,
    editor: Option<&'a str>,
    reviewer: Option<&'a str>,
    sample: bool,
    section: SectionNav,
    events: Vec<TermLink>,
    service: Option<ServiceView<'a>>,
}

/// The structured answers of a service guide.
#[derive(Debug, Clone, Serialize)]
struct ServiceView<'a> {
    what_you_get: Option<&'a str>,
    who_can_apply: &'a [String],
    how_to_apply: &'a [String],
    documents: &'a [String],
    place: Option<&'a crate::parse::front_matter::Place>,
    cost: Option<&'a str>,
    time_to_decide: Option<&'a str>,
    contact: Option<&'a str>,
    legal_basis: Option<&'a str>,
    last_reviewed: Option<String>,
    last_reviewed_zh: Option<String>,
    /// What the related indicators say: "2022年:34.1万人".
    reach: Vec<LatestFigure>,
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

#[derive(Debug, Clone, Serialize)]
struct Pager {
    n: usize,
    path: String,
    current: bool,
}

#[derive(Debug, Clone, Serialize)]
struct Pagination {
    current: usize,
    total: usize,
    prev: Option<String>,
    next: Option<String>,
    pages: Vec<Pager>,
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
pub struct SiteView {
    title: String,
    description: String,
    language: String,
    base_url: Option<String>,
    contact: crate::config::Contact,
    menu: Vec<MenuView>,
    domains: Vec<TermNav>,
    audiences: Vec<TermNav>,
    sections: Vec<SectionNav>,
    has_glossary: bool,
    /// The districts of site.toml, each with a page under `districts/`.
    districts: Vec<String>,
    /// Government-site conventions (footer and page metadata).
    gov: crate::config::Gov,
    /// The host of `base_url`, for the SiteDomain metadata.
    domain: String,
}

/// Everything prepared once per build, from which each output's context is made.
pub struct Views<'a> {
    site_data: &'a Site,
    bodies: &'a [Body],
    section_bodies: &'a [Option<Body>],
    /// The `site` global.
    pub site: SiteView,
    /// Summaries of all pages, in page order.
    pub summaries: Vec<Arc<PageSummary>>,
    /// A key of each summary, computed once per build.
    pub summary_keys: Vec<u64>,
    /// Summaries of the indicators, in indicator order.
    pub indicators: Vec<IndicatorSummary>,
    domain_terms: Vec<TermView>,
    audience_terms: Vec<TermView>,
    /// For each indicator, the pages that discuss or embed it.
    related: Vec<Vec<usize>>,
    intro: Option<&'a Body>,
    recent: Vec<usize>,
}

/// A page as listings show it.
pub fn page_summary(site: &Site, p: &Page, body: &Rendered) -> PageSummary {
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
    defs: &[crate::config::TermDef],
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
    pub fn new(
        site: &'a Site,
        bodies: &'a [Body],
        section_bodies: &'a [Option<Body>],
        summaries: Vec<Arc<PageSummary>>,
        indicators: Vec<IndicatorSummary>,
        intro: Option<&'a Body>,
    ) -> Self {
        let related = site
            .indicators
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
            .collect();
        let top_sections: Vec<SectionLink> = site.sections[0]
            .subsections
            .iter()
            .map(|&s| section_link(site, s))
            .collect();
        let menu = if site.config.menu.is_empty() {
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
        };
        let domain_terms: Vec<TermView> = DOMAINS
            .iter()
            .enumerate()
            .map(|(i, d)| TermView {
                name: d.name.into(),
                slug: d.slug.into(),
                path: format!("domains/{}/", d.slug),
                plain: d.plain.into(),
                count: site.domain_pages[i].len(),
            })
            .collect();
        let audience_terms: Vec<TermView> = site
            .config
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
            .collect();
        let site_view = SiteView {
            title: site.config.title.clone(),
            description: site.config.description.clone(),
            language: site.config.language.clone(),
            base_url: site.config.base_url.clone(),
            contact: site.config.contact.clone(),
            menu,
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
        };

        let summary_keys = summaries.iter().map(|s| key_of_serialized(&**s)).collect();
        Views {
            summary_keys,
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
            recent: newest_dated(site),
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
        Keyed::new(&*self.summaries[i], self.summary_keys[i])
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
            pages: (1..=total)
                .map(|k| Pager {
                    n: k,
                    path: path_of(k),
                    current: k == n,
                })
                .collect(),
        }
    }

    /// The context for page `i`: (output path, template, context).
    pub fn page<S: Sink>(&self, i: usize, ctx: &mut S) -> (String, &'a str) {
        let site = self.site_data;
        let p = &site.pages[i];
        let body = &*self.bodies[i].1;
        self.base_context(&p.path, ctx);
        let reviewed =
            p.fm.last_reviewed
                .as_deref()
                .and_then(crate::site::Date::parse);
        let view = PageView {
            title: &p.title,
            path: &p.path,
            permalink: site
                .config
                .base_url
                .as_ref()
                .map(|b| format!("{b}{}", p.path)),
            date: p.date.as_ref().map(|d| d.iso()),
            date_zh: p.date.as_ref().map(|d| d.zh()),
            updated: p.updated.as_ref().map(|d| d.iso()),
            updated_zh: p.updated.as_ref().map(|d| d.zh()),
            summary: &self.summaries[i].summary,
            content: Keyed::new(&body.html, body.html_key),
            toc: &body.toc,
            domains: domain_links(p),
            audiences: term_links(&p.audiences, &site.config.audiences, |slug| {
                format!("audiences/{slug}/")
            }),
            author: p.fm.author.as_deref(),
            editor: p.fm.editor.as_deref(),
            reviewer: p.fm.reviewer.as_deref(),
            sample: p.fm.sample,
            section: section_nav(site, p.section),
            events: term_links(&p.events, &site.config.events, |slug| {
                format!("services/#event-{slug}")
            }),
            service: (p.dir == crate::site::SERVICES_DIR).then(|| ServiceView {
                what_you_get: p.fm.what_you_get.as_deref(),
                who_can_apply: &p.fm.who_can_apply,
                how_to_apply: &p.fm.how_to_apply,
                documents: &p.fm.documents,
                place: p.fm.place.as_ref(),
                cost: p.fm.cost.as_deref(),
                time_to_decide: p.fm.time_to_decide.as_deref(),
                contact: p.fm.contact.as_deref(),
                legal_basis: p.fm.legal_basis.as_deref(),
                last_reviewed: reviewed.as_ref().map(|d| d.iso()),
                last_reviewed_zh: reviewed.as_ref().map(|d| d.zh()),
                reach: latest_figures(site, &p.fm.indicators),
            }),
        };
        ctx.put("page", &view);
        // Neighbours in the section, for "previous / next" links.
        let list = &site.sections[p.section].pages;
        if let Some(pos) = list.iter().position(|&x| x == i) {
            let prev = pos.checked_sub(1).map(|k| self.summary(list[k]));
            let next = list.get(pos + 1).map(|&k| self.summary(k));
            ctx.put("newer", &prev);
            ctx.put("older", &next);
        }
        let template = match p.fm.template.as_deref() {
            Some(t) => t,
            None if p.dir == crate::site::SERVICES_DIR => "service.html",
            None => "page.html",
        };
        (p.path.clone(), template)
    }

    /// The context for listing page `n` of section `s`.
    pub fn section<S: Sink>(&self, s: usize, n: usize, ctx: &mut S) -> (String, &'a str) {
        let site = self.site_data;
        let sec = &site.sections[s];
        let path = sec.pager_path(n);
        self.base_context(&path, ctx);
        let start = (n - 1) * sec.paginate_by;
        let end = (start + sec.paginate_by).min(sec.pages.len());
        let items = self.summaries_of(&sec.pages[start.min(end)..end]);
        let body = self.section_bodies[s].as_ref().map(|b| &*b.1);
        put_section(ctx, site, s, body, &items);
        ctx.put(
            "pagination",
            &self.pagination(sec.pages.len(), sec.paginate_by, n, |k| sec.pager_path(k)),
        );
        if s == 0 {
            ctx.put("recent", &self.summaries_of(self.recent()));
            ctx.put("glance", &self.glance());
        }
        // Every page of the section, grouped by who it is for and by life event:
        // the service finder works with anchors, no script needed.
        #[derive(Serialize)]
        struct Group<'x> {
            name: &'x str,
            slug: &'x str,
            plain: &'x str,
            pages: Vec<Keyed<'x, PageSummary>>,
        }
        let group = |terms: &'a [crate::config::TermDef],
                     of: &dyn Fn(usize) -> &'a [usize]|
         -> Vec<Group<'_>> {
            terms
                .iter()
                .enumerate()
                .map(|(t, def)| Group {
                    name: &def.name,
                    slug: &def.slug,
                    plain: &def.description,
                    pages: sec
                        .pages
                        .iter()
                        .filter(|&&i| of(i).contains(&t))
                        .map(|&i| self.summary(i))
                        .collect(),
                })
                .filter(|g| !g.pages.is_empty())
                .collect()
        };
        // The whole section grouped, on its first page only: every later page of a
        // long section would otherwise carry (and be re-made for) all its pages.
        let (by_audience, by_event) = if n == 1 {
            (
                group(&site.config.audiences, &|i| &site.pages[i].audiences),
                group(&site.config.events, &|i| &site.pages[i].events),
            )
        } else {
            (Vec::new(), Vec::new())
        };
        ctx.put("by_audience", &by_audience);
        ctx.put("by_event", &by_event);
        let template = match sec.fm.template.as_deref() {
            Some(t) => t,
            None if s == 0 => "index.html",
            None => "section.html",
        };
        (path, template)
    }

    fn taxonomy_index<S: Sink>(
        &self,
        kind: &str,
        title: &str,
        terms: &[TermView],
        ctx: &mut S,
    ) -> (String, &'a str) {
        let path = format!("{kind}/");
        self.base_context(&path, ctx);
        put_taxonomy(ctx, kind, title, terms);
        (path, "taxonomy.html")
    }

    fn term<S: Sink>(
        &self,
        kind: &str,
        kind_title: &str,
        term: &TermView,
        pages: &[usize],
        n: usize,
        ctx: &mut S,
    ) -> (String, &'a str) {
        let per = self.site_data.config.paginate_by;
        let base = term.path.clone();
        let path_of = |k: usize| {
            if k <= 1 {
                base.clone()
            } else {
                format!("{base}page/{k}/")
            }
        };
        let path = path_of(n);
        self.base_context(&path, ctx);
        let start = (n - 1) * per;
        let end = (start + per).min(pages.len());
        let items = self.summaries_of(&pages[start.min(end)..end]);
        #[derive(Serialize)]
        struct T<'x> {
            kind: &'x str,
            kind_title: &'x str,
            name: &'x str,
            slug: &'x str,
            plain: &'x str,
            count: usize,
            pages: Vec<Keyed<'x, PageSummary>>,
        }
        ctx.put(
            "term",
            &T {
                kind,
                kind_title,
                name: &term.name,
                slug: &term.slug,
                plain: &term.plain,
                count: pages.len(),
                pages: items,
            },
        );
        ctx.put("pagination", &self.pagination(pages.len(), per, n, path_of));
        (path, "term.html")
    }

    /// `domains/`.
    pub fn domain_index<S: Sink>(&self, ctx: &mut S) -> (String, &'a str) {
        self.taxonomy_index("domains", "服务领域", &self.domain_terms, ctx)
    }
    /// `domains/<slug>/`, listing page `n`.
    pub fn domain<S: Sink>(&self, d: usize, n: usize, ctx: &mut S) -> (String, &'a str) {
        let (path, template) = self.term(
            "domains",
            "服务领域",
            &self.domain_terms[d],
            &self.site_data.domain_pages[d],
            n,
            ctx,
        );
        // The domain's indicators head its first page.
        let list: Vec<&IndicatorSummary> = self
            .site_data
            .indicators
            .iter()
            .zip(&self.indicators)
            .filter(|(ind, _)| ind.domain == d && n == 1)
            .map(|(_, s)| s)
            .collect();
        ctx.put("indicators", &list);
        (path, template)
    }
    /// `audiences/`.
    pub fn audience_index<S: Sink>(&self, ctx: &mut S) -> (String, &'a str) {
        self.taxonomy_index("audiences", "服务对象", &self.audience_terms, ctx)
    }
    /// `audiences/<slug>/`, listing page `n`.
    pub fn audience<S: Sink>(&self, a: usize, n: usize, ctx: &mut S) -> (String, &'a str) {
        self.term(
            "audiences",
            "服务对象",
            &self.audience_terms[a],
            &self.site_data.audience_pages[a],
            n,
            ctx,
        )
    }

    /// `404.html`: a host serves it at any address, at any depth, so relative links
    /// cannot work. Its links go to `base_url` (or `/` when the site has none) and its
    /// stylesheet is inlined, so it looks right wherever it is served.
    pub fn not_found<S: Sink>(&self, inline_css: &str, ctx: &mut S) -> (String, &'a str) {
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

    /// `indicators/`: the report card.
    pub fn dashboard<S: Sink>(&self, cache: &ChartCache, ctx: &mut S) -> (String, &'a str) {
        let path = "indicators/".to_string();
        self.base_context(&path, ctx);
        ctx.put(
            "dashboard",
            &indicators::dashboard(self.site_data, cache, &self.indicators),
        );
        let intro = self.site_data.indicators_intro.as_ref();
        ctx.put(
            "title",
            &intro
                .and_then(|(_, _, fm)| fm.title.clone())
                .unwrap_or_else(|| "民生指标".into()),
        );
        let intro = self.intro.map_or(Keyed::new("", 0), |r| {
            Keyed::new(r.1.html.as_str(), r.1.html_key)
        });
        ctx.put("intro", &intro);
        (path, "indicators.html")
    }

    /// `indicators/<id>/`.
    pub fn indicator<S: Sink>(
        &self,
        cache: &ChartCache,
        i: usize,
        ctx: &mut S,
    ) -> (String, &'a str) {
        let ind = &self.site_data.indicators[i];
        let path = indicators::page_path(&ind.id);
        self.base_context(&path, ctx);
        ctx.put(
            "indicator",
            &indicators::page(cache, ind, &self.indicators[i]),
        );
        ctx.put("related", &self.summaries_of(&self.related[i]));
        (path, "indicator.html")
    }

    /// The newest dated pages, for the home page.
    fn recent(&self) -> &[usize] {
        &self.recent
    }

    /// `search/`: a search box over `search.json` (with script), and ways to browse
    /// (without).
    pub fn search<S: Sink>(&self, ctx: &mut S) -> (String, &'a str) {
        let path = "search/".to_string();
        self.base_context(&path, ctx);
        (path, "search.html")
    }

    /// What the search index holds: every page type with its text.
    pub fn search_index(&self) -> crate::render::search::Index {
        let summaries: Vec<&str> = self.summaries.iter().map(|s| s.summary.as_str()).collect();
        crate::render::search::index(self.site_data, self.bodies, &summaries)
    }

    /// `districts/`: the districts, each with how many indicators name it.
    pub fn district_index<S: Sink>(&self, ctx: &mut S) -> (String, &'a str) {
        let path = "districts/".to_string();
        self.base_context(&path, ctx);
        let site = self.site_data;
        let list: Vec<(String, usize)> = site
            .config
            .districts
            .iter()
            .map(|d| {
                let n = site
                    .indicators
                    .iter()
                    .filter(|i| i.districts.iter().any(|(x, _)| x == d))
                    .count();
                (d.clone(), n)
            })
            .collect();
        ctx.put("districts", &list);
        (path, "districts.html")
    }

    /// `districts/<name>/`: every indicator's latest value for the district, next
    /// to the city's and the other districts'.
    pub fn district<S: Sink>(&self, d: usize, ctx: &mut S) -> (String, &'a str) {
        let site = self.site_data;
        let name = &site.config.districts[d];
        let path = format!("districts/{name}/");
        self.base_context(&path, ctx);
        let rows: Vec<DistrictRow> = site
            .indicators
            .iter()
            .filter_map(|ind| district_row(ind, name))
            .collect();
        ctx.put("district", name);
        ctx.put("rows", &rows);
        (path, "district.html")
    }

    /// The city at a glance, for the home page: how many indicators reached their
    /// target, are on track or need attention, and the figures `glance` in
    /// site.toml names.
    pub fn glance(&self) -> Glance {
        use crate::indicator::status::StatusKind;
        let site = self.site_data;
        let inds = &site.indicators;
        let count = |k: StatusKind| inds.iter().filter(|i| i.status.kind == k).count();
        Glance {
            total: inds.len(),
            with_target: inds.iter().filter(|i| i.target.is_some()).count(),
            reached: count(StatusKind::Reached),
            on_track: count(StatusKind::OnTrack),
            needs_attention: count(StatusKind::NeedsAttention),
            other: count(StatusKind::NotEnoughData) + count(StatusKind::NoTarget),
            sample_targets: inds
                .iter()
                .filter(|i| i.target.as_ref().is_some_and(|t| t.sample || i.sample))
                .count(),
            figures: latest_figures(site, &site.config.glance),
        }
    }

    /// `glossary/`: every term with its plain explanation.
    pub fn glossary<S: Sink>(&self, ctx: &mut S) -> (String, &'a str) {
        let path = "glossary/".to_string();
        self.base_context(&path, ctx);
        ctx.put("terms", &self.site_data.glossary);
        (path, "glossary.html")
    }
}

/// The six newest dated pages.
fn newest_dated(site: &Site) -> Vec<usize> {
    let mut all: Vec<usize> = (0..site.pages.len())
        .filter(|&i| site.pages[i].date.is_some())
        .collect();
    // Only the first six matter: select them, then sort those.
    if all.len() > 6 {
        all.select_nth_unstable_by(5, |&a, &b| {
            crate::site::newest_first(&site.pages[a], &site.pages[b])
        });
        all.truncate(6);
    }
    all.sort_by(|&a, &b| crate::site::newest_first(&site.pages[a], &site.pages[b]));
    all
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

/// Hands section `s` to the template as `section`.
fn put_section<K: Sink>(
    ctx: &mut K,
    site: &Site,
    s: usize,
    body: Option<&Rendered>,
    items: &[Keyed<'_, PageSummary>],
) {
    let sec = &site.sections[s];
    #[derive(Serialize)]
    struct S<'x> {
        title: &'x str,
        path: &'x str,
        description: &'x str,
        content: Keyed<'x, str>,
        toc: &'x [TocEntry],
        count: usize,
        pages: &'x [Keyed<'x, PageSummary>],
        subsections: Vec<SectionLink>,
    }
    ctx.put(
        "section",
        &S {
            title: &sec.title,
            path: &sec.path,
            description: sec.fm.description.as_deref().unwrap_or(""),
            content: body.map_or(Keyed::new("", 0), |b| {
                Keyed::new(b.html.as_str(), b.html_key)
            }),
            toc: body.map_or(&[], |b| b.toc.as_slice()),
            count: sec.pages.len(),
            pages: items,
            subsections: sec
                .subsections
                .iter()
                .map(|&i| section_link(site, i))
                .collect(),
        },
    );
}

/// Hands a taxonomy's terms to the template as `taxonomy`.
fn put_taxonomy<K: Sink>(ctx: &mut K, kind: &str, title: &str, terms: &[TermView]) {
    #[derive(Serialize)]
    struct T<'x> {
        kind: &'x str,
        title: &'x str,
        terms: &'x [TermView],
    }
    ctx.put("taxonomy", &T { kind, title, terms });
}
