//! Anchors of links to pages of the site (a link or picture to an address the
//! build did not make is a build error, `render::missing_targets`).

use crate::diag::{Diagnostic, Diagnostics};
use crate::msg::check as m;
use crate::render::markdown::{destination, join_content_path, Destination};
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
    // Where the link leads in the output.
    let target = match destination(&page.dir, dest, &resolve) {
        Destination::Site(path, _) => path,
        // Missing source files are build errors already.
        Destination::Elsewhere | Destination::Missing(_) => return,
        Destination::RelativeToPage => {
            let path_part = dest.split(['#', '?']).next().unwrap_or("");
            if path_part.is_empty() {
                page.path.clone()
            } else {
                let mut t = join_content_path(&page.path, path_part).unwrap_or_default();
                if path_part.ends_with('/') {
                    t.push('/');
                }
                t
            }
        }
    };
    let file = if target.is_empty() || target.ends_with('/') {
        format!("{target}index.html")
    } else {
        target.clone()
    };
    let file = crate::text::url::site_path(&format!("/{file}")).unwrap_or(file);
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
