//! ASSEMBLE, one page at a time: what a page's own front matter and file name say
//! (title, address segment, dates, domains, audiences, life events, indicators),
//! checked against the site. Runs in parallel; nothing here claims an address.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::Arc;

use super::fields::{
    date_value, key_diag, names_meant, resolve_terms, service_guide_gaps, value_diag, TermErrors,
};
use super::urls::is_safe_segment;
use super::{Date, NotPublic, Page, Preview, MAX_SEGMENT_BYTES, SERVICES_DIR};
use crate::diag::{Diagnostic, Diagnostics, Severity};
use crate::domains::DOMAINS;
use crate::msg::{site as m, Text};
use crate::parse::config::TermDef;
use crate::parse::front_matter::{Document, FrontMatter};
use crate::source::SourceFile;
use crate::text::slug::slugify;

/// What one page's own fields gave, before its address is claimed.
#[derive(Clone)]
pub(super) struct Draft {
    pub(super) section: usize,
    pub(super) title: String,
    pub(super) slug: String,
    pub(super) date: Option<Date>,
    pub(super) updated: Option<Date>,
    pub(super) domains: Vec<usize>,
    pub(super) audiences: Vec<usize>,
    pub(super) events: Vec<usize>,
    pub(super) not_public: Option<NotPublic>,
    /// Why this build leaves the page out (a draft, or dated in the future),
    /// though it is otherwise fine: its address is worked out, not claimed.
    pub(super) left_out: Option<NotPublic>,
    /// The indicators named, read as meant (`indicators: a、b` names two).
    pub(super) indicators: Vec<String>,
}

impl Draft {
    /// The page, at `path`: its front matter carries the indicator list as meant.
    pub(super) fn into_page(
        self,
        f: &SourceFile,
        dir: String,
        doc: Arc<Document>,
        fm: Arc<FrontMatter>,
        path: String,
    ) -> Page {
        let fm = if self.indicators == fm.indicators {
            fm
        } else {
            Arc::new(FrontMatter {
                indicators: self.indicators,
                ..(*fm).clone()
            })
        };
        Page {
            version: f.version,
            source: f.path.clone(),
            rel: f.rel.clone(),
            dir,
            section: self.section,
            doc,
            fm,
            title: self.title,
            path,
            date: self.date,
            updated: self.updated,
            domains: self.domains,
            audiences: self.audiences,
            events: self.events,
            not_public: self.not_public,
        }
    }
}

/// What every page is checked against: all a page's draft reads besides its
/// own file. Hashed whole, it keys the drafts a session keeps (see
/// [`super::ParseCache`]), so that a field added here is in the key.
#[derive(Hash)]
pub(super) struct Context<'a> {
    pub(super) audiences: &'a [TermDef],
    pub(super) events: &'a [TermDef],
    /// The indicators' ids, sorted.
    pub(super) indicator_ids: Vec<&'a str>,
    pub(super) failed_indicators: &'a BTreeSet<String>,
    pub(super) section_by_dir: &'a BTreeMap<String, usize>,
    pub(super) preview: Preview,
    pub(super) today: Date,
}

/// One page of the site: `None` when it has errors, is a draft or is dated in
/// the future (and the build does not preview those), with what was found.
pub(super) fn draft(
    cx: &Context<'_>,
    f: &SourceFile,
    dir: &str,
    doc: &Document,
    fm: &FrontMatter,
) -> (Option<Draft>, Diagnostics) {
    let mut found = Diagnostics::default();
    // A page folder's index.md belongs to the folder above it.
    let Some(&section) = cx
        .section_by_dir
        .get(crate::page_files::section_dir(&f.rel))
    else {
        return (None, found);
    };
    let stem = crate::page_files::page_folder(&f.rel)
        .unwrap_or(&f.rel)
        .rsplit('/')
        .next()
        .unwrap_or(&f.rel)
        .trim_end_matches(".md");
    let (stem_date, stem_rest) = match Date::parse(stem.get(..10).unwrap_or("")) {
        Some(d) if stem.as_bytes().get(10) == Some(&b'-') => (Some(d), &stem[11..]),
        _ => (None, stem),
    };
    let title = title(&f.path, doc, fm, &mut found);
    let slug = slug(&f.path, doc, fm, stem_rest, &mut found);
    let date = dated(&f.path, doc, "date", fm.date.as_deref(), &mut found).unwrap_or(stem_date);
    let updated = dated(&f.path, doc, "updated", fm.updated.as_deref(), &mut found).flatten();
    online_address(&f.path, doc, fm, &mut found);
    let domains = domains(&f.path, doc, fm, &mut found);
    let audiences = resolve_terms(
        &f.path,
        doc,
        "audiences",
        &fm.audiences,
        cx.audiences,
        &mut found,
    );
    let events = resolve_terms(&f.path, doc, "events", &fm.events, cx.events, &mut found);
    if dir == SERVICES_DIR {
        found.extend(service_guide_gaps(&f.path, doc, fm));
    }
    let indicators = indicators(cx, &f.path, doc, fm, &mut found);
    let future = date.filter(|d| cx.today.days_until(d) > 0);
    if let Some(d) = future.filter(|_| !cx.preview.future) {
        let d = key_diag(&f.path, doc, "date", m::future_page(&d.iso()));
        found.push(Diagnostic {
            severity: Severity::Warning,
            ..d.hint(m::future_page_hint())
        });
    }
    if found.has_errors() {
        return (None, found);
    }
    let left_out = if fm.draft && !cx.preview.drafts {
        Some(NotPublic::Draft)
    } else {
        future
            .filter(|_| !cx.preview.future)
            .map(|_| NotPublic::Future)
    };
    let not_public = if fm.draft {
        Some(NotPublic::Draft)
    } else {
        future.map(|_| NotPublic::Future)
    };
    let draft = Draft {
        indicators,
        not_public,
        left_out,
        section,
        title,
        slug,
        date,
        updated,
        domains,
        audiences,
        events,
    };
    (Some(draft), found)
}

/// The page's title; an error when it has none.
fn title(path: &Path, doc: &Document, fm: &FrontMatter, found: &mut Diagnostics) -> String {
    match &fm.title {
        Some(t) if !t.trim().is_empty() => t.trim().to_string(),
        _ => {
            found.push(
                Diagnostic::error(path, m::no_title())
                    .at(&doc.text, doc.front_line(), 1)
                    .hint(m::no_title_hint()),
            );
            String::new()
        }
    }
}

/// The last segment of the page's address: its `slug:`, else its file name
/// without a leading date.
fn slug(
    path: &Path,
    doc: &Document,
    fm: &FrontMatter,
    stem: &str,
    found: &mut Diagnostics,
) -> String {
    if let Some(s) = &fm.slug {
        if !is_safe_segment(s) {
            let odd = s
                .chars()
                .find(|&c| !(c.is_alphanumeric() || c == '-' || c == '_'));
            let message = match odd {
                _ if s.trim().is_empty() => m::slug_empty(),
                _ if s.len() > MAX_SEGMENT_BYTES => m::slug_too_long(s.len(), MAX_SEGMENT_BYTES),
                Some(c) if !matches!(c, '/' | '.' | '\\') => m::slug_bad_char(s, c),
                _ => m::slug_not_allowed(s),
            };
            found.push(key_diag(path, doc, "slug", message).hint(m::slug_hint()));
        }
        return s.clone();
    }
    let s = slugify(stem);
    if s.len() > MAX_SEGMENT_BYTES {
        found.push(
            Diagnostic::error(path, m::file_name_too_long(s.len(), MAX_SEGMENT_BYTES))
                .hint(m::file_name_too_long_hint()),
        );
    } else if s.is_empty() {
        found.push(Diagnostic::error(path, m::bad_file_name()).hint(m::bad_file_name_hint()));
    }
    s
}

/// The date written under `key`: `None` when none is written, `Some(None)` when
/// it is not a date (reported).
fn dated(
    path: &Path,
    doc: &Document,
    key: &str,
    written: Option<&str>,
    found: &mut Diagnostics,
) -> Option<Option<Date>> {
    let s = written?;
    match date_value(path, doc, key, s) {
        Ok(d) => Some(Some(d)),
        Err(e) => {
            found.push(e);
            Some(None)
        }
    }
}

/// A guide's `where.online` follows the site's address policy.
fn online_address(path: &Path, doc: &Document, fm: &FrontMatter, found: &mut Diagnostics) {
    let Some(url) = fm.place.as_ref().and_then(|p| p.online.as_deref()) else {
        return;
    };
    if let Err(refused) = crate::text::url::check(url) {
        found.push(
            value_diag(
                path,
                doc,
                url,
                m::refused_address("where.online", &refused.scheme),
            )
            .hint(m::online_hint()),
        );
    }
}

/// The page's service domains, as indices into [`DOMAINS`].
fn domains(path: &Path, doc: &Document, fm: &FrontMatter, found: &mut Diagnostics) -> Vec<usize> {
    let mut domains = Vec::new();
    let position = |t: &str| DOMAINS.iter().position(|d| d.name == t || d.slug == t);
    let names: Vec<&str> = DOMAINS.iter().map(|d| d.name).collect();
    let mut errors = None;
    for term in names_meant(&fm.domains, |t| position(t).is_some()) {
        match position(term) {
            Some(i) if !domains.contains(&i) => domains.push(i),
            Some(_) => {}
            None => {
                let errors = errors.get_or_insert_with(|| TermErrors::new(path, doc, "domains"));
                let hint = errors.hint(term, &names, m::use_one_of(&names.join("、")));
                let d = errors.at(term.trim(), m::unknown_term(term, "domains"));
                found.push(d.hint(hint));
            }
        }
    }
    domains
}

/// The indicators the page names, as meant; each exists (or failed to load:
/// reported there).
fn indicators(
    cx: &Context<'_>,
    path: &Path,
    doc: &Document,
    fm: &FrontMatter,
    found: &mut Diagnostics,
) -> Vec<String> {
    let is_indicator = |t: &str| cx.indicator_ids.binary_search(&t).is_ok();
    let meant = names_meant(&fm.indicators, is_indicator);
    let mut errors: Option<(TermErrors<'_>, Text)> = None;
    for &id in &meant {
        if !is_indicator(id) && !cx.failed_indicators.contains(id) {
            let known = &cx.indicator_ids;
            let (errors, list) = errors.get_or_insert_with(|| {
                let names = match crate::msg::named_in_part(known, ", ") {
                    (shown, 0) => shown,
                    (shown, n) => format!("{shown} … ({n} more)"),
                };
                let list = m::known_indicators(&names);
                (TermErrors::new(path, doc, "indicators"), list)
            });
            let hint = errors.hint(id, known, list.clone());
            let d = errors.at(id, m::unknown_term(id, "indicators"));
            found.push(d.hint(hint));
        }
    }
    meant.into_iter().map(String::from).collect()
}
