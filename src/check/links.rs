//! Anchors of links to pages of the site (a link or picture to an address the
//! build did not make is a build error, `render::missing_targets`).

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};

use crate::diag::{Diagnostic, Diagnostics, Locator};
use crate::msg::check as m;
use crate::render::markdown::{destination, output_file};
use crate::session::SiteFiles;
use crate::site::{Page, Site};

/// The build's output files, and the anchors (`id="…"`) of each one a link
/// named with a fragment, read once a check: a page of many links to anchors
/// of a large page read that page once per link.
pub(super) struct Anchors<'a> {
    files: &'a SiteFiles,
    read: RefCell<HashMap<String, HashSet<Box<str>>>>,
}

impl<'a> Anchors<'a> {
    pub(super) fn new(files: &'a SiteFiles) -> Self {
        Anchors {
            files,
            read: Default::default(),
        }
    }

    /// True when output `file` (its bytes `html`) has an element with `id`.
    fn has(&self, file: &str, html: &[u8], id: &str) -> bool {
        if id.contains('"') {
            // Attribute values the build writes never hold one: not found.
            return false;
        }
        let mut known = self.read.borrow_mut();
        if let Some(ids) = known.get(file) {
            return ids.contains(id);
        }
        let ids = known.entry(file.to_owned()).or_insert_with(|| {
            let html = String::from_utf8_lossy(html);
            (html.match_indices("id=\""))
                .filter_map(|(i, m)| {
                    let rest = &html[i + m.len()..];
                    rest.find('"').map(|end| rest[..end].into())
                })
                .collect()
        });
        ids.contains(id)
    }
}

/// Links and images to things the site should have: anchors on its pages, its
/// static files and generated pages.
pub(super) fn check_link(
    site: &Site,
    anchors: &Anchors<'_>,
    page: &Page,
    dest: &str,
    offset: usize,
    loc: &Locator<'_>,
    out: &mut Diagnostics,
) {
    let fragment = dest.split_once('#').map(|(_, f)| f);
    let resolve = |t: &str| site.links.get(t).cloned();
    // Where the link leads in the output; missing source files are build errors.
    let Some(file) = output_file(&page.path, dest, destination(&page.dir, dest, &resolve)) else {
        return;
    };
    let files = anchors.files;
    let Some(bytes) = files
        .get(&file)
        .or_else(|| files.get(&format!("{file}/index.html")))
    else {
        // A missing target is a build error already (`render::missing_targets`).
        return;
    };
    if let Some(f) = fragment.filter(|f| !f.is_empty()) {
        let id = crate::text::url::site_path(&format!("/{f}")).unwrap_or_else(|| f.to_string());
        if !anchors.has(&file, bytes, &id) {
            let d = Diagnostic::error(&page.source, m::broken_anchor(dest, &id))
                .hint(m::broken_anchor_hint())
                .rule("broken-anchor");
            out.push(loc.place(d, offset));
        }
    }
}
