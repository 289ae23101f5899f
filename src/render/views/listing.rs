//! Listings: section pages (with the service finder's groups on the first),
//! taxonomy indexes and term pages, paginated.

use serde::Serialize;

use super::section_link;
use super::{PageSummary, SectionLink, TermView, Views};
use crate::render::ctx::{Keyed, Sink};
use crate::render::indicators::IndicatorSummary;
use crate::render::markdown::{Rendered, TocEntry};
use crate::site::Site;

impl<'a> Views<'a> {
    /// The context for listing page `n` of section `s`.
    pub(crate) fn section<S: Sink>(&self, s: usize, n: usize, ctx: &mut S) -> (String, &'a str) {
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
        let group = |terms: &'a [crate::parse::config::TermDef],
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
    pub(crate) fn domain_index<S: Sink>(&self, ctx: &mut S) -> (String, &'a str) {
        self.taxonomy_index("domains", "服务领域", &self.domain_terms, ctx)
    }

    /// `domains/<slug>/`, listing page `n`.
    pub(crate) fn domain<S: Sink>(&self, d: usize, n: usize, ctx: &mut S) -> (String, &'a str) {
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
    pub(crate) fn audience_index<S: Sink>(&self, ctx: &mut S) -> (String, &'a str) {
        self.taxonomy_index("audiences", "服务对象", &self.audience_terms, ctx)
    }

    /// `audiences/<slug>/`, listing page `n`.
    pub(crate) fn audience<S: Sink>(&self, a: usize, n: usize, ctx: &mut S) -> (String, &'a str) {
        self.term(
            "audiences",
            "服务对象",
            &self.audience_terms[a],
            &self.site_data.audience_pages[a],
            n,
            ctx,
        )
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
