//! A page as its own template shows it: an article or a service guide with its
//! structured answers.

use serde::Serialize;

use super::figures::{latest_figures, LatestFigure};
use super::{domain_links, section_nav, term_links};
use super::{SectionNav, TermLink, Views};
use crate::render::ctx::{Keyed, Sink};
use crate::render::markdown::TocEntry;
use crate::text::hash::key_of;

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
    /// `draft` or `future` on a previewed page that is not public yet.
    not_public: Option<crate::site::NotPublic>,
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

impl<'a> Views<'a> {
    /// Page `i`'s neighbours in its section's list, for "previous / next"
    /// links: the newer and the older page; `None` when the list does not
    /// hold it.
    fn neighbours(&self, i: usize) -> Option<(Option<usize>, Option<usize>)> {
        let list = &self.site_data.sections[self.site_data.pages[i].section].pages;
        let pos = self.place[i];
        (list.get(pos) == Some(&i)).then(|| {
            (
                pos.checked_sub(1).map(|k| list[k]),
                list.get(pos + 1).copied(),
            )
        })
    }

    /// What every page's view reads of the site besides pages: the address
    /// the site is served from, the audiences and events it defines and its
    /// sections as a page names them. Made once a build (see [`Self::page_inputs`]).
    pub(crate) fn page_inputs_shared(&self) -> u64 {
        let site = self.site_data;
        let sections: Vec<_> = (0..site.sections.len())
            .map(|s| section_nav(site, s))
            .collect();
        key_of((
            super::summary_inputs_shared(site),
            &site.config.base_url,
            crate::render::ctx::key_of_serialized(&sections),
        ))
    }

    /// A key of everything [`Self::page`] reads to make page `i`'s context,
    /// given [`Self::page_inputs_shared`]: a page whose inputs have the key they
    /// had gives the context it gave, without making it. `None` for a service
    /// guide, whose view also reads indicators: its context is always made.
    /// Kept beside `page`: a field the view reads must be added here too
    /// (proof mode, `MINSHENG_PROOF`, finds one left out).
    pub(crate) fn page_inputs(&self, i: usize, shared: u64) -> Option<u64> {
        let site = self.site_data;
        let p = &site.pages[i];
        if p.dir == crate::site::SERVICES_DIR {
            return None;
        }
        let neighbours = self.neighbours(i).map(|(newer, older)| {
            let key = |k: usize| self.summaries[k].key();
            (newer.map(key), older.map(key))
        });
        // The front matter follows from the file's bytes (`version`); what
        // assembling gave the page (indicators it may correct too) is in its
        // `page_fields`.
        Some(key_of((
            (shared, self.page_fields[i], p.version),
            (self.bodies[i].0, self.summaries[i].key(), neighbours),
        )))
    }

    /// The context for page `i`: (output path, template, context).
    pub(crate) fn page<S: Sink>(&self, i: usize, ctx: &mut S) -> (String, &'a str) {
        let body = &self.bodies[i].1;
        debug_assert!(
            !body.handed_off,
            "a body's HTML read after it was handed off"
        );
        self.page_with(i, &body.html, ctx)
    }

    /// [`Views::page`] showing `html` as the page's body: a one-shot build
    /// hands each page's HTML to its job alone (see `Bodies::hand_off`).
    pub(crate) fn page_with<S: Sink>(
        &self,
        i: usize,
        html: &str,
        ctx: &mut S,
    ) -> (String, &'a str) {
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
            content: Keyed::new(html, body.html_key),
            toc: &body.toc,
            domains: domain_links(p),
            audiences: term_links(&p.audiences, &site.config.audiences, |slug| {
                format!("audiences/{slug}/")
            }),
            author: p.fm.author.as_deref(),
            editor: p.fm.editor.as_deref(),
            reviewer: p.fm.reviewer.as_deref(),
            sample: p.fm.sample,
            not_public: p.not_public,
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
        if let Some((newer, older)) = self.neighbours(i) {
            ctx.put("newer", &newer.map(|k| self.summary(k)));
            ctx.put("older", &older.map(|k| self.summary(k)));
        }
        let template = match p.fm.template.as_deref() {
            Some(t) => t,
            None if p.dir == crate::site::SERVICES_DIR => "service.html",
            None => "page.html",
        };
        (p.path.clone(), template)
    }
}
