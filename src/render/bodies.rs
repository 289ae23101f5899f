//! Stage one of rendering: every Markdown body of the site (pages, section
//! indexes, the indicators' introduction), each reused from the memo when its key
//! says nothing it was made from changed.

use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use super::indicators;
use super::markdown::{self, Body, MarkdownInput, Rendered};
use crate::chart::ChartCache;
use crate::diag::Diagnostics;
use crate::parse::front_matter::Document;
use crate::site::Site;
use crate::text::hash::key_of;

/// At most this many pages' bodies are made in a row by one thread.
const PAGES_AT_ONCE: usize = 32;

/// The Markdown bodies of one build, in the order of the site's pages and sections.
#[derive(Clone, Default)]
pub(crate) struct Bodies {
    pub(crate) pages: Vec<Body>,
    pub(crate) sections: Vec<Option<Body>>,
    pub(crate) intro: Option<Body>,
}

/// The bodies a session remembers, by source file. Keyed by the path's bytes:
/// a `PathBuf` hashes and compares component by component, which was a fifth of
/// a body edit's time in this stage at 10,000 pages.
pub(crate) type Memo = ahash::HashMap<OsString, Remembered>;

/// A body as the memo keeps it: the key of its inputs, what it looked up while
/// it rendered, and the body.
pub(crate) struct Remembered {
    input_key: u64,
    lookups: Arc<Lookups>,
    body: Body,
    /// The site's [`Site::assembled`] when the lookups were last checked.
    assembled: u64,
}

/// What a body looked up while it rendered: each link target with the address it
/// resolved to, and the key of the pages' titles when it asked for a suggestion
/// (a suggestion is made from every page). A body depends on the addresses of
/// the pages it links, not on every page's: a new page re-renders only bodies
/// that link (or tried to link) it.
#[derive(Default, Hash)]
pub(crate) struct Lookups {
    links: Vec<(String, Option<String>)>,
    titles: Option<u64>,
}

impl Lookups {
    fn still_hold(&self, site: &Site, titles: u64) -> bool {
        self.titles.is_none_or(|k| k == titles)
            && self
                .links
                .iter()
                .all(|(target, was)| site.links.get(target) == was.as_ref())
    }
}

/// Renders (or reuses) every body, updates `memo` in place (`None`: a build
/// that is the session's only one keeps no memo, so that each body is its
/// build's alone, see [`Bodies::hand_off`]) and adds the bodies' diagnostics
/// to `diags`. `docs`, when given, are the pages' documents (taken from them,
/// see `Site::take_page_docs`), each freed once its body is made.
pub(crate) fn bodies(
    site: &Site,
    cache: &ChartCache,
    (memo, docs): (Option<&mut Memo>, Option<Vec<Arc<Document>>>),
    diags: &mut Diagnostics,
) -> Bodies {
    let mut none = Memo::default();
    let keep = memo.is_some();
    let memo = memo.unwrap_or(&mut none);
    let key = body_key(site);
    // The key of every page's title, made only when needed: when a body is
    // rendered (a suggestion reads every title) or its lookups are checked.
    let titles_once = std::sync::OnceLock::new();
    let titles = || {
        *titles_once.get_or_init(|| {
            use std::hash::{Hash, Hasher};
            let mut h = crate::text::hash::hasher();
            for p in &site.pages {
                (p.rel.as_str(), p.title.as_str()).hash(&mut h);
            }
            h.finish()
        })
    };
    let memo_ro = &*memo;
    let markdown = |src: &PathBuf, doc: &Document, version: u64, dir: &str, path: &str| {
        let input_key = key(version, dir, path);
        match memo_ro.get(src.as_os_str()) {
            // Of a site patched from the one it was checked with, the lookups
            // hold: no address or title changed.
            Some(r) if r.input_key == input_key && r.assembled == site.assembled => {
                (input_key, r.lookups.clone(), r.body.clone(), true)
            }
            Some(r) if r.input_key == input_key && r.lookups.still_hold(site, titles()) => {
                (input_key, r.lookups.clone(), r.body.clone(), false)
            }
            _ => {
                let (rendered, lookups) =
                    render_markdown(site, cache, &titles, src, doc, dir, path);
                // The body's own key: its inputs and what its lookups gave.
                let body_key = key_of((input_key, &lookups));
                (
                    input_key,
                    Arc::new(lookups),
                    (body_key, Arc::new(rendered)),
                    false,
                )
            }
        }
    };
    // A few pages at a time, so that a core left without work near the end
    // takes some from the other (as the jobs are run).
    let pages: Vec<Made> = match docs {
        Some(docs) => (site.pages.par_iter().zip(docs))
            .with_max_len(PAGES_AT_ONCE)
            .map(|(p, doc)| markdown(&p.source, &doc, p.version, &p.dir, &p.path))
            .collect(),
        None => (site.pages.par_iter())
            .with_max_len(PAGES_AT_ONCE)
            .map(|p| markdown(&p.source, &p.doc, p.version, &p.dir, &p.path))
            .collect(),
    };
    let sections: Vec<Option<Made>> = site
        .sections
        .par_iter()
        .map(|s| {
            let (src, doc) = (s.source.as_ref()?, s.doc.as_ref()?);
            Some(markdown(src, doc, s.version, &s.dir, &s.path))
        })
        .collect();
    let intro = site.indicators_intro.as_ref().map(|(src, doc, _)| {
        markdown(
            src,
            doc,
            key_of(&doc.text),
            crate::indicator::DIR,
            "indicators/",
        )
    });
    if keep {
        remember(site, &pages, &sections, intro.as_ref(), memo);
    }
    let bodies = Bodies {
        pages: pages.into_iter().map(|m| m.2).collect(),
        sections: sections.into_iter().map(|m| m.map(|m| m.2)).collect(),
        intro: intro.map(|m| m.2),
    };
    bodies.diagnose(diags);
    bodies
}

/// A body as made or reused by this build: the key of its inputs, its lookups,
/// the body, and whether the memo holds it as it is (checked against this
/// very assembling: nothing to store).
type Made = (u64, Arc<Lookups>, Body, bool);

impl Bodies {
    /// Adds what rendering the bodies found to `diags` (again, for bodies
    /// reused whole: their diagnostics belong to every build that shows them).
    pub(crate) fn diagnose(&self, diags: &mut Diagnostics) {
        for (_, r) in self.all() {
            diags.extend(r.diags.iter().cloned());
        }
    }

    /// Moves each page body's HTML out of it, for its page's job to take
    /// ([`Handoff::take`]): a one-shot build then frees each page's HTML once
    /// its page and its search document are made, not at the end (the bodies'
    /// HTML was a fifth of the build's memory at its peak). A body shared with
    /// a memo keeps its HTML (`take` then gives none).
    pub(crate) fn hand_off(&mut self) -> Handoff {
        Handoff(
            (self.pages.iter_mut())
                .map(|(_, r)| {
                    let html = Arc::get_mut(r).map(|r| {
                        r.handed_off = true;
                        std::mem::take(&mut r.html)
                    });
                    std::sync::Mutex::new(html)
                })
                .collect(),
        )
    }

    /// Every body with its source file, that file's text (empty for a page
    /// whose text was taken, see `Site::take_page_docs`) and version, in
    /// the order of [`Bodies::all`].
    pub(crate) fn with_sources<'s>(
        &'s self,
        site: &'s Site,
    ) -> impl Iterator<Item = (&'s Path, &'s str, u64, &'s Body)> {
        let pages = (site.pages.iter().zip(&self.pages))
            .map(|(p, b)| (p.source.as_path(), p.doc.text.as_str(), p.version, b));
        let sections = (site.sections.iter().zip(&self.sections)).filter_map(|(s, b)| {
            let (src, doc) = (s.source.as_ref()?, s.doc.as_ref()?);
            Some((src.as_path(), doc.text.as_str(), s.version, b.as_ref()?))
        });
        let intro = (site.indicators_intro.iter().zip(&self.intro))
            .map(|((src, doc, _), b)| (src.as_path(), doc.text.as_str(), 0, b));
        pages.chain(sections).chain(intro)
    }

    /// Every body: pages, then section indexes, then the introduction.
    pub(crate) fn all(&self) -> impl Iterator<Item = &Body> {
        self.pages
            .iter()
            .chain(self.sections.iter().flatten())
            .chain(self.intro.iter())
    }
}

/// Page bodies' HTML moved out of them ([`Bodies::hand_off`]), each taken
/// once, by its page's job.
pub(crate) struct Handoff(Vec<std::sync::Mutex<Option<String>>>);

impl Handoff {
    /// Page `i`'s HTML, if it was moved out and not taken yet.
    pub(crate) fn take(&self, i: usize) -> Option<String> {
        let mut slot = self.0.get(i)?.lock().unwrap_or_else(|e| e.into_inner());
        slot.take()
    }
}

/// The key of a body's inputs from its source's version, folder and address. A
/// body depends on its text, its address (relative links), the indicators it may
/// embed, the glossary and the files beside pages; the addresses of the pages it
/// links are its [`Lookups`].
fn body_key(site: &Site) -> impl Fn(u64, &str, &str) -> u64 + Sync + '_ {
    let indicators_key = key_of(
        site.indicators
            .iter()
            .map(crate::chart::fingerprint)
            .collect::<Vec<_>>(),
    );
    let glossary_key = key_of(&site.glossary);
    let files_key = key_of(&site.page_files);
    move |version: u64, dir: &str, path: &str| {
        key_of((
            version,
            dir,
            path,
            indicators_key,
            glossary_key,
            files_key,
            site.config.raw_html as u8,
        ))
    }
}

/// Updates the memo in place: only changed bodies are stored again, and entries
/// of files that are gone are dropped.
fn remember(
    site: &Site,
    pages: &[Made],
    sections: &[Option<Made>],
    intro: Option<&Made>,
    memo: &mut Memo,
) {
    let mut live = 0;
    let mut put = |src: &PathBuf, m: &Made| {
        live += 1;
        if m.3 {
            return;
        }
        let fresh = || Remembered {
            input_key: m.0,
            lookups: m.1.clone(),
            body: m.2.clone(),
            assembled: site.assembled,
        };
        match memo.get_mut(src.as_os_str()) {
            Some(entry) if Arc::ptr_eq(&entry.body.1, &m.2 .1) => {
                entry.assembled = site.assembled;
            }
            Some(entry) => *entry = fresh(),
            None => {
                memo.insert(src.clone().into_os_string(), fresh());
            }
        }
    };
    for (p, m) in site.pages.iter().zip(pages) {
        put(&p.source, m);
    }
    for (s, m) in site.sections.iter().zip(sections) {
        if let (Some(src), Some(m)) = (&s.source, m) {
            put(src, m);
        }
    }
    if let (Some((src, _, _)), Some(m)) = (&site.indicators_intro, intro) {
        put(src, m);
    }
    if live != memo.len() {
        let mut keep: ahash::HashSet<&OsStr> =
            site.pages.iter().map(|p| p.source.as_os_str()).collect();
        keep.extend(
            site.sections
                .iter()
                .filter_map(|s| Some(s.source.as_ref()?.as_os_str())),
        );
        keep.extend(site.indicators_intro.iter().map(|(p, _, _)| p.as_os_str()));
        memo.retain(|k, _| keep.contains(k.as_os_str()));
    }
}

/// Renders Markdown of one page or section index, with what it looked up.
fn render_markdown(
    site: &Site,
    cache: &ChartCache,
    titles: &(dyn Fn() -> u64 + Sync),
    path: &Path,
    doc: &Document,
    dir: &str,
    page_path: &str,
) -> (Rendered, Lookups) {
    let lookups = std::sync::Mutex::new(Lookups::default());
    let lock = || lookups.lock().unwrap_or_else(|p| p.into_inner());
    let resolve = |target: &str| {
        let found = site.links.get(target).cloned();
        lock().links.push((target.to_string(), found.clone()));
        found
    };
    let embed = |yaml: &str, n: usize| indicators::embed(site, cache, page_path, yaml, n);
    // FileInfo also carries a picture's smaller copies.
    let files = |rel: &str| site.page_files.get(rel).map(markdown::FileInfo::of);
    let suggest = |written: &str| {
        lock().titles = Some(titles());
        let pages = site
            .pages
            .iter()
            .map(|p| (p.rel.as_str(), p.title.as_str()));
        crate::text::suggest::link_target(written, pages).map(markdown::LinkGuess::of)
    };
    let rendered = markdown::render(&MarkdownInput {
        path,
        text: &doc.text,
        body_start: doc.body_start,
        source_dir: dir,
        page_path,
        resolve: &resolve,
        raw_html: site.config.raw_html,
        embed: &embed,
        glossary: &site.glossary,
        files: &files,
        suggest: &suggest,
    });
    let mut lookups = lookups.into_inner().unwrap_or_else(|p| p.into_inner());
    lookups.links.sort();
    lookups.links.dedup();
    (rendered, lookups)
}
