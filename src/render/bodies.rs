//! Stage one of rendering: every Markdown body of the site (pages, section
//! indexes, the indicators' introduction), each reused from the memo when its key
//! says nothing it was made from changed.

use std::collections::HashMap;
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

/// The Markdown bodies of one build, in the order of the site's pages and sections.
pub(crate) struct Bodies {
    pub(crate) pages: Vec<Body>,
    pub(crate) sections: Vec<Option<Body>>,
    pub(crate) intro: Option<Body>,
}

/// Renders (or reuses) every body, updates `memo` in place and adds the bodies'
/// diagnostics to `diags`.
pub(crate) fn bodies(
    site: &Site,
    cache: &ChartCache,
    memo: &mut HashMap<PathBuf, Body>,
    diags: &mut Diagnostics,
) -> Bodies {
    let key = body_key(site);
    let memo_ro = &*memo;
    let markdown = |src: &PathBuf, doc: &Document, version: u64, dir: &str, path: &str| {
        let key = key(version, dir, path);
        match memo_ro.get(src) {
            Some((k, r)) if *k == key => (key, r.clone()),
            _ => (
                key,
                Arc::new(render_markdown(site, cache, src, doc, dir, path)),
            ),
        }
    };
    let pages: Vec<Body> = site
        .pages
        .par_iter()
        .map(|p| markdown(&p.source, &p.doc, p.version, &p.dir, &p.path))
        .collect();
    let sections: Vec<Option<Body>> = site
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
    let bodies = Bodies {
        pages,
        sections,
        intro,
    };
    remember(site, &bodies, memo);
    for (_, r) in bodies.all() {
        diags.extend(r.diags.iter().cloned());
    }
    bodies
}

impl Bodies {
    /// Every body: pages, then section indexes, then the introduction.
    fn all(&self) -> impl Iterator<Item = &Body> {
        self.pages
            .iter()
            .chain(self.sections.iter().flatten())
            .chain(self.intro.iter())
    }
}

/// The key of a body from its source's version, folder and address. A body
/// depends on its text, its address (relative links), the address of every page
/// (link targets), the indicators it may embed, the glossary and the files
/// beside pages.
fn body_key(site: &Site) -> impl Fn(u64, &str, &str) -> u64 + Sync + '_ {
    let links_key = key_of(&site.links);
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
            links_key,
            indicators_key,
            glossary_key,
            files_key,
            site.config.raw_html as u8,
        ))
    }
}

/// Updates the memo in place: only changed bodies are stored again, and entries
/// of files that are gone are dropped.
fn remember(site: &Site, bodies: &Bodies, memo: &mut HashMap<PathBuf, Body>) {
    let mut live = 0;
    let mut put = |src: &PathBuf, b: &Body| {
        live += 1;
        match memo.get_mut(src) {
            Some(entry) if entry.0 == b.0 => {}
            Some(entry) => *entry = b.clone(),
            None => {
                memo.insert(src.clone(), b.clone());
            }
        }
    };
    for (p, b) in site.pages.iter().zip(&bodies.pages) {
        put(&p.source, b);
    }
    for (s, b) in site.sections.iter().zip(&bodies.sections) {
        if let (Some(src), Some(b)) = (&s.source, b) {
            put(src, b);
        }
    }
    if let (Some((src, _, _)), Some(b)) = (&site.indicators_intro, &bodies.intro) {
        put(src, b);
    }
    if live != memo.len() {
        let mut keep: std::collections::HashSet<&PathBuf> =
            site.pages.iter().map(|p| &p.source).collect();
        keep.extend(site.sections.iter().filter_map(|s| s.source.as_ref()));
        keep.extend(site.indicators_intro.iter().map(|(p, _, _)| p));
        memo.retain(|k, _| keep.contains(k));
    }
}

/// Renders Markdown of one page or section index.
fn render_markdown(
    site: &Site,
    cache: &ChartCache,
    path: &Path,
    doc: &Document,
    dir: &str,
    page_path: &str,
) -> Rendered {
    let resolve = |target: &str| site.links.get(target).cloned();
    let embed = |yaml: &str, n: usize| indicators::embed(site, cache, page_path, yaml, n);
    let files = |rel: &str| {
        let f = site.page_files.get(rel)?;
        Some(markdown::FileInfo {
            size: f.size,
            dims: f.dims,
            published: f.output.is_some(),
        })
    };
    let suggest = |written: &str| {
        let pages = site
            .pages
            .iter()
            .map(|p| (p.rel.as_str(), p.title.as_str()));
        crate::text::suggest::link_target(written, pages).map(markdown::LinkGuess::of)
    };
    markdown::render(&MarkdownInput {
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
    })
}
