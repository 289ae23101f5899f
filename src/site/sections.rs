//! ASSEMBLE: sections. Every folder of `content/` holding Markdown is a section,
//! and so are its parents; a section's `_index.md` gives its title, sort order and
//! page size.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::fields::key_diag;
use super::urls::{claim, is_safe_segment, Claim};
use super::{newest_first, Page, Section};
use crate::diag::{Diagnostic, Diagnostics};
use crate::indicator;
use crate::msg::site as m;
use crate::parse::config::Config;
use crate::parse::front_matter::{Document, FrontMatter};
use crate::source::SourceFile;
use crate::text::slug::slugify;

/// Sections' `_index.md` files by folder: path, text, front matter, version.
pub(super) type SectionDocs = BTreeMap<String, (PathBuf, Arc<Document>, Arc<FrontMatter>, u64)>;

/// The sections a site has, by folder relative to `content/` (`""`: the home page).
pub(super) fn folders(files: &[SourceFile]) -> BTreeSet<String> {
    let mut dirs = BTreeSet::new();
    dirs.insert(String::new());
    let in_indicators = |rel: &str| {
        rel.strip_prefix(indicator::DIR)
            .is_some_and(|rest| rest.starts_with('/'))
    };
    for f in files
        .iter()
        .filter(|f| f.rel.ends_with(".md") && !in_indicators(&f.rel))
    {
        let mut dir = crate::page_files::section_dir(&f.rel);
        loop {
            // A folder known already came with its parents (most pages
            // share theirs: one look, no new string).
            if dirs.contains(dir) {
                break;
            }
            dirs.insert(dir.to_string());
            match dir.rsplit_once('/') {
                Some((parent, _)) => dir = parent,
                None if !dir.is_empty() => dir = "",
                None => break,
            }
        }
    }
    dirs
}

/// True, with an error, when the address `path` of the section of folder `dir`
/// is taken (`content/search/`: its listing would be written over the search
/// page, two outputs of one name). Said of the folder, which is what to rename.
fn taken(
    urls: &BTreeMap<String, Claim>,
    dir: &str,
    path: &str,
    source: Option<&Path>,
    diags: &mut Diagnostics,
) -> bool {
    let Some(other) = super::urls::holder(urls, path) else {
        return false;
    };
    let folder = format!("content/{dir}/");
    let name = dir.rsplit('/').next().unwrap_or_default();
    diags.push(
        Diagnostic::error(
            source.map_or_else(|| Path::new("content").join(dir), Path::to_path_buf),
            m::section_address_taken(&folder, &other, path),
        )
        .hint(m::section_address_taken_hint(name)),
    );
    true
}

/// The sections in folder order, which section each folder is, and the address
/// of each `_index.md` (for links to it). Claims their addresses.
pub(super) fn build(
    dirs: &BTreeSet<String>,
    mut section_docs: SectionDocs,
    config: &Config,
    urls: &mut BTreeMap<String, Claim>,
    diags: &mut Diagnostics,
) -> (
    Vec<Section>,
    BTreeMap<String, usize>,
    BTreeMap<String, String>,
) {
    let mut sections: Vec<Section> = Vec::new();
    let mut section_by_dir: BTreeMap<String, usize> = BTreeMap::new();
    for dir in dirs {
        let (source, doc, fm, version) = match section_docs.remove(dir) {
            Some((p, d, fm, v)) => (Some(p), Some(d), fm, v),
            None => (None, None, Arc::new(FrontMatter::default()), 0),
        };
        let path: String = dir
            .split('/')
            .filter(|s| !s.is_empty())
            .map(|s| format!("{}/", slugify(s)))
            .collect();
        let name = dir.rsplit('/').next().unwrap_or_default();
        if !dir.is_empty() && !is_safe_segment(&slugify(name)) {
            diags.push(
                Diagnostic::error(Path::new("content").join(dir), m::bad_folder_name())
                    .hint(m::bad_folder_name_hint()),
            );
            continue;
        }
        let title = fm.title.clone().unwrap_or_else(|| {
            if dir.is_empty() {
                config.title.clone()
            } else {
                name.to_string()
            }
        });
        let paginate_by = fm
            .paginate_by
            .filter(|&n| n > 0)
            .unwrap_or(config.paginate_by);
        let claim_by = match &source {
            Some(p) => Claim::File(p.clone()),
            None => Claim::Generated(m::section_listing_of(&format!("content/{dir}/"))),
        };
        if taken(urls, dir, &path, source.as_deref(), diags) {
            continue;
        }
        if !claim(urls, &path, claim_by, doc.as_deref(), diags) {
            continue;
        }
        if let (Some(sort), Some(doc), Some(src)) = (&fm.sort_by, &doc, &source) {
            if !["date", "weight", "title"].contains(&sort.as_str()) {
                diags.push(
                    key_diag(src, doc, "sort_by", m::bad_sort_by(sort)).hint(m::bad_sort_by_hint()),
                );
            }
        }
        section_by_dir.insert(dir.clone(), sections.len());
        sections.push(Section {
            version,
            dir: dir.clone(),
            source,
            doc,
            fm,
            title,
            path,
            pages: Vec::new(),
            subsections: Vec::new(),
            paginate_by,
        });
    }
    for i in 1..sections.len() {
        let parent_dir = sections[i]
            .dir
            .rsplit_once('/')
            .map_or("", |(p, _)| p)
            .to_string();
        if let Some(&p) = section_by_dir.get(&parent_dir) {
            sections[p].subsections.push(i);
        }
    }
    let mut links = BTreeMap::new();
    for s in &sections {
        if let Some(src) = &s.source {
            let rel = src
                .strip_prefix("content")
                .unwrap_or(src)
                .to_string_lossy()
                .replace('\\', "/");
            links.insert(rel, s.path.clone());
        }
    }

    (sections, section_by_dir, links)
}

/// Lists each section's pages in its order (`sort_by`: date, weight or title) and
/// checks that no page took a listing page's address.
pub(super) fn list_pages(
    sections: &mut [Section],
    pages: &[Page],
    urls: &BTreeMap<String, Claim>,
    diags: &mut Diagnostics,
) {
    for (i, p) in pages.iter().enumerate() {
        sections[p.section].pages.push(i);
    }
    for s in sections.iter_mut() {
        let by = s.fm.sort_by.as_deref().unwrap_or("date");
        s.pages.sort_by(|&a, &b| {
            let (a, b) = (&pages[a], &pages[b]);
            match by {
                "weight" => (a.fm.weight.unwrap_or(i64::MAX), &a.title, &a.rel).cmp(&(
                    b.fm.weight.unwrap_or(i64::MAX),
                    &b.title,
                    &b.rel,
                )),
                "title" => (&a.title, &a.rel).cmp(&(&b.title, &b.rel)),
                _ => newest_first(a, b),
            }
        });
    }
    // A section's pager addresses must not be taken by a page.
    for s in sections.iter() {
        for n in 2..=s.pager_count() {
            let p = s.pager_path(n);
            if let Some(Claim::File(f)) = urls.get(&p) {
                diags.push(Diagnostic::error(f, m::address_is_listing(&p)).hint(m::another_slug()));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// Every folder of a page, with all its parents, and no other: as
        /// inserting each page's chain of folders whole gives.
        #[test]
        fn folders_are_every_page_folder_and_its_parents(
            rels in proptest::collection::vec("(indicators/|a/|b/|a/c/|b/a/|d/e/f/)?(x|y|index)(/index)?\\.(md|txt)", 0..40),
        ) {
            let files: Vec<SourceFile> = (rels.iter())
                .map(|r| SourceFile::new(format!("content/{r}").into(), r.clone(), Vec::new()))
                .collect();
            let mut want = BTreeSet::from([String::new()]);
            for r in rels.iter().filter(|r| r.ends_with(".md") && !r.starts_with("indicators/")) {
                let mut dir = crate::page_files::section_dir(r);
                loop {
                    want.insert(dir.to_string());
                    match dir.rsplit_once('/') {
                        Some((parent, _)) => dir = parent,
                        None => break,
                    }
                }
            }
            proptest::prop_assert_eq!(folders(&files), want);
        }
    }
}
