//! ASSEMBLE: who owns each address of the output. The site's own pages are
//! claimed first, then sections, then pages in a fixed order, so collisions are
//! reported the same way every time.

use std::collections::BTreeMap;
use std::path::PathBuf;

use super::{key_line, MAX_SEGMENT_BYTES};
use crate::diag::{Diagnostic, Diagnostics};
use crate::domains::DOMAINS;
use crate::indicator::Indicator;
use crate::msg::{site as m, Text};
use crate::parse::config::Config;
use crate::parse::front_matter::Document;

/// Characters allowed in a URL segment we write: letters and digits of any script,
/// `-` and `_`. Nothing that could name another folder (`/`, `\`, `.`).
pub(super) fn is_safe_segment(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= MAX_SEGMENT_BYTES
        && s.chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
}

/// Where a URL path was claimed, for collision messages.
pub(super) enum Claim {
    /// By a source file.
    File(PathBuf),
    /// By a page the site makes itself (a listing, a taxonomy page).
    Generated(Text),
}

/// Claims `path` for `by`; when it is taken, a file claiming it is told so (at
/// its `slug:` line) and `false` is returned.
pub(super) fn claim(
    urls: &mut BTreeMap<String, Claim>,
    path: &str,
    by: Claim,
    doc: Option<&Document>,
    diags: &mut Diagnostics,
) -> bool {
    if let Claim::File(mine) = &by {
        if let Some(r) = crate::text::slug::reserved_in(path) {
            diags.push(windows_refusal(mine, &r, doc));
            return false;
        }
    }
    // One look in the map: taken, or claimed now.
    match urls.entry(path.to_string()) {
        std::collections::btree_map::Entry::Vacant(free) => {
            free.insert(by);
            true
        }
        std::collections::btree_map::Entry::Occupied(taken) => {
            if let Claim::File(mine) = &by {
                let other = said(taken.get());
                let mut d = Diagnostic::error(mine, m::same_address(&other, path));
                if let Some(doc) = doc {
                    d = d.at(&doc.text, key_line(doc, "slug"), 1);
                }
                diags.push(d.hint(m::same_address_hint()));
            }
            false
        }
    }
}

/// What already holds `path`, said for a message: a file's path, or the page
/// the site makes there.
pub(super) fn holder(urls: &BTreeMap<String, Claim>, path: &str) -> Option<Text> {
    urls.get(path).map(said)
}

/// A claim said for a message: a file's path, or the page the site makes.
fn said(claim: &Claim) -> Text {
    match claim {
        Claim::File(p) => Text::from(crate::diag::display_path(p)),
        Claim::Generated(what) => what.clone(),
    }
}

/// The error for a page (or a section's `_index.md`) whose address holds a
/// name Windows refuses ([`crate::text::slug::reserved_in`]): the one message
/// for such names, and what to rename — the page's `slug:` or file, or the
/// folder the name is.
fn windows_refusal(
    mine: &std::path::Path,
    r: &crate::text::slug::Reserved,
    doc: Option<&Document>,
) -> Diagnostic {
    use m::Named;
    let slug_line = doc.filter(|d| {
        d.front_text()
            .lines()
            .any(|l| l.strip_prefix("slug").is_some_and(|r| r.starts_with(':')))
    });
    let section = mine.file_name().is_some_and(|n| n == "_index.md");
    let what = match slug_line {
        Some(_) if r.last => Named::Page { slug_written: true },
        None if r.last && !section => Named::Page {
            slug_written: false,
        },
        _ => Named::Folder,
    };
    let mut d = Diagnostic::error(mine, m::windows_name(&r.name));
    // At the `slug:` line when one is written; else the file name is the cause.
    if let Some(doc) = slug_line {
        d = d.at(&doc.text, key_line(doc, "slug"), 1);
    }
    d.hint(m::windows_name_hint(what, &r.instead))
}

/// The addresses the site makes itself: files, taxonomy pages, district and
/// indicator pages (`dashboard`: the site has an indicator dashboard), the
/// glossary page (`glossary`: the site has a glossary).
pub(super) fn reserved(
    config: &Config,
    indicators: &[Indicator],
    dashboard: bool,
    glossary: bool,
) -> BTreeMap<String, Claim> {
    let mut urls: BTreeMap<String, Claim> = BTreeMap::new();
    for (reserved, what) in [
        ("404.html", "index or file"),
        ("sitemap.xml", "index or file"),
        ("atom.xml", "index or file"),
        ("robots.txt", "index or file"),
        ("domains/", "domain list"),
        ("audiences/", "audience list"),
        ("search/", "search page"),
        ("search.json", "index or file"),
    ] {
        urls.insert(reserved.to_string(), Claim::Generated(m::generated(what)));
    }
    if glossary {
        urls.insert(
            "glossary/".into(),
            Claim::Generated(m::generated("glossary page")),
        );
    }
    for d in &DOMAINS {
        urls.insert(
            format!("domains/{}/", d.slug),
            Claim::Generated(m::generated("domain page")),
        );
    }
    for a in &config.audiences {
        urls.insert(
            format!("audiences/{}/", a.slug),
            Claim::Generated(m::generated("audience page")),
        );
    }
    if !config.districts.is_empty() {
        urls.insert(
            "districts/".into(),
            Claim::Generated(m::generated("district list")),
        );
        for d in &config.districts {
            urls.insert(
                format!("districts/{d}/"),
                Claim::Generated(m::generated("district page")),
            );
        }
    }
    if !indicators.is_empty() || dashboard {
        urls.insert(
            "indicators/".into(),
            Claim::Generated(m::generated("indicator dashboard")),
        );
        for ind in indicators {
            urls.insert(
                format!("indicators/{}/", ind.id),
                Claim::Generated(m::generated("indicator page")),
            );
        }
    }

    urls
}
