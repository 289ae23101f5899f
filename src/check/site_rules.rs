//! Site-wide rules of `check`: sections with no pages, indicators no page
//! shows, service guides that point to no indicator or report.

use std::collections::BTreeSet;
use std::path::Path;

use pulldown_cmark::{Event, Parser, Tag};

use crate::diag::{Diagnostic, Diagnostics};
use crate::msg::check as m;
use crate::render::markdown::{destination, Destination};
use crate::site::{Page, Site, SERVICES_DIR};

/// Sections (other than the home page) with no pages and no subsections.
pub(super) fn empty_sections(site: &Site, out: &mut Diagnostics) {
    for s in site.sections.iter().skip(1) {
        if !s.pages.is_empty() || !s.subsections.is_empty() {
            continue;
        }
        let path = s
            .source
            .clone()
            .unwrap_or_else(|| Path::new("content").join(&s.dir));
        out.push(
            Diagnostic::warning(path, m::empty_section(&s.title))
                .hint(m::empty_section_hint())
                .rule("empty-section"),
        );
    }
}

/// The ids of the ```indicator blocks of a Markdown body.
fn embedded_ids(body: &str) -> Vec<String> {
    let mut ids = Vec::new();
    let mut inside = false;
    for line in body.lines() {
        let t = line.trim();
        if !inside {
            inside = t.starts_with("```indicator") || t.starts_with("~~~indicator");
        } else if t.starts_with("```") || t.starts_with("~~~") {
            inside = false;
        } else if let Some(id) = t.strip_prefix("id:") {
            ids.push(id.trim().trim_matches(['"', '\'']).to_string());
        }
    }
    ids
}

/// Indicators that no page names, embeds, or the home page's glance shows.
pub(super) fn unshown_indicators(site: &Site, out: &mut Diagnostics) {
    let mut shown: BTreeSet<String> = site.config.glance.iter().cloned().collect();
    for p in &site.pages {
        shown.extend(p.fm.indicators.iter().cloned());
        shown.extend(embedded_ids(p.doc.body()));
    }
    for s in &site.sections {
        if let Some(doc) = &s.doc {
            shown.extend(embedded_ids(doc.body()));
        }
    }
    for ind in &site.indicators {
        if !shown.contains(&ind.id) {
            out.push(
                Diagnostic::warning(&ind.path, m::unshown_indicator(&ind.title, &ind.id))
                    .hint(m::unshown_indicator_hint(&ind.id))
                    .rule("unshown-indicator"),
            );
        }
    }
}

/// True when `page`'s text links a page outside the service guides (a report) or
/// an indicator.
fn links_beyond_guides(site: &Site, page: &Page) -> bool {
    let resolve = |t: &str| site.links.get(t).cloned();
    Parser::new(page.doc.body()).any(|e| match e {
        Event::Start(Tag::Link { dest_url, .. }) => {
            match destination(&page.dir, &dest_url, &resolve) {
                Destination::Site(path, _) => !path.starts_with(&format!("{SERVICES_DIR}/")),
                Destination::RelativeToPage => {
                    dest_url.contains("indicators/") || dest_url.contains("reports/")
                }
                _ => false,
            }
        }
        _ => false,
    })
}

/// Service guides that name no indicator, embed none, and link no report.
pub(super) fn unlinked_guides(site: &Site, out: &mut Diagnostics) {
    for p in site.pages.iter().filter(|p| p.dir == SERVICES_DIR) {
        if !p.fm.indicators.is_empty()
            || !embedded_ids(p.doc.body()).is_empty()
            || links_beyond_guides(site, p)
        {
            continue;
        }
        out.push(
            Diagnostic::warning(&p.source, m::unlinked_guide())
                .at(&p.doc.text, p.doc.front_line(), 1)
                .hint(m::unlinked_guide_hint())
                .rule("unlinked-guide"),
        );
    }
}
