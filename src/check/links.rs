//! Anchors of links to pages of the site (a link or picture to an address the
//! build did not make is a build error, `render::missing_targets`).

use crate::diag::{Diagnostic, Diagnostics};
use crate::msg::check as m;
use crate::render::markdown::{destination, output_file};
use crate::session::SiteFiles;
use crate::site::{Page, Site};

/// Links and images to things the site should have: anchors on its pages, its
/// static files and generated pages.
pub(super) fn check_link(
    site: &Site,
    files: &SiteFiles,
    page: &Page,
    dest: &str,
    offset: usize,
    out: &mut Diagnostics,
) {
    let fragment = dest.split_once('#').map(|(_, f)| f);
    let resolve = |t: &str| site.links.get(t).cloned();
    // Where the link leads in the output; missing source files are build errors.
    let Some(file) = output_file(&page.path, dest, destination(&page.dir, dest, &resolve)) else {
        return;
    };
    let Some(bytes) = files
        .get(&file)
        .or_else(|| files.get(&format!("{file}/index.html")))
    else {
        // A missing target is a build error already (`render::missing_targets`).
        return;
    };
    if let Some(f) = fragment.filter(|f| !f.is_empty()) {
        let id = crate::text::url::site_path(&format!("/{f}")).unwrap_or_else(|| f.to_string());
        let html = String::from_utf8_lossy(bytes);
        if !html.contains(&format!("id=\"{id}\"")) {
            out.push(
                Diagnostic::error(&page.source, m::broken_anchor(dest, &id))
                    .at_offset(&page.doc.text, offset)
                    .hint(m::broken_anchor_hint())
                    .rule("broken-anchor"),
            );
        }
    }
}
