//! A build session: the pipeline run once, then again after each change with what
//! the earlier runs made (parsed files, charts, Markdown bodies, rendered pages)
//! reused wherever their inputs did not change. `build` is a session of one run;
//! `serve` keeps one alive. Incremental and full runs produce the same bytes.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::chart::ChartCache;
use crate::diag::{Diagnostic, Diagnostics};
use crate::error::Result;
use crate::indicator;
use crate::parse::config::{self, Config, CONFIG_FILE};
use crate::render::{self, OutputFile, RenderMemo};
use crate::site::{self, ParseCache};
use crate::source::{self, Sources};

pub use crate::render::SiteFiles;

/// What one run of the session gave.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// The files, when the run had no errors.
    pub files: Option<Vec<OutputFile>>,
    /// Errors and warnings, sorted.
    pub diagnostics: Vec<Diagnostic>,
    /// Output paths whose bytes differ from the previous good build (added,
    /// changed or removed); everything on the first run; none for a session
    /// that streams its output (a one-shot build keeps no good build).
    pub changed: Vec<String>,
    /// How many outputs were rendered rather than reused.
    pub rendered: usize,
    /// How long the run took.
    pub elapsed: Duration,
}

impl Outcome {
    /// Number of errors.
    pub fn error_count(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }
}

/// Whether a session proves its incremental rebuilds: after each one it also runs
/// a full build from scratch and compares the two byte for byte. Set by
/// `MINSHENG_PROOF` (`1` or `warn`: a warning and the full build's files are used;
/// `panic`: a panic, for tests) or by [`Session::with_proof`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Proof {
    /// No proof (the default).
    Off,
    /// On a difference, warn and use the full build.
    Warn,
    /// On a difference, panic.
    Panic,
}

impl Proof {
    /// The proof mode `MINSHENG_PROOF` asks for.
    pub fn from_env() -> Proof {
        match std::env::var("MINSHENG_PROOF").as_deref() {
            Ok("panic") => Proof::Panic,
            Ok("1" | "warn" | "on" | "true") => Proof::Warn,
            _ => Proof::Off,
        }
    }
}

/// A site being built again and again.
pub struct Session {
    proof: Proof,
    root: PathBuf,
    /// The root made absolute, to recognise the watcher's absolute paths.
    abs_root: PathBuf,
    base_url: Option<String>,
    drafts: site::Preview,
    config: Option<Config>,
    /// site.toml's text, to point diagnostics at its lines.
    config_text: String,
    config_diags: Vec<Diagnostic>,
    theme_diags: Vec<Diagnostic>,
    /// What reading `content/` found (links skipped), by the path it is about.
    content_diags: Vec<Diagnostic>,
    sources: Sources,
    parse: ParseCache,
    charts: ChartCache,
    memo: RenderMemo,
    good: Option<Arc<SiteFiles>>,
    /// The last assembled site and what assembling it found, for edits that
    /// change only the text of pages.
    site: Option<(site::Site, Vec<Diagnostic>)>,
}

/// What the site to render needs after a change.
enum Reassemble {
    /// Nothing it is made from changed (a template edit): the last site serves.
    No,
    /// Only these content files changed: the last site with them patched in,
    /// when they are pages whose front matter stayed the same.
    Pages(Vec<PathBuf>),
    /// Settings or static files changed: assembled from all sources.
    All,
}

/// `reassemble`, unless the last site was assembled for another day than
/// `today`: then which future-dated pages are public may have changed (a
/// `serve` left running past midnight), and the site is assembled again.
fn for_today(
    reassemble: Reassemble,
    assembled_on: Option<site::Date>,
    today: site::Date,
) -> Reassemble {
    match assembled_on {
        Some(day) if day != today => Reassemble::All,
        _ => reassemble,
    }
}

/// What a changed path touches.
enum Touch {
    Config,
    Theme,
    Content(PathBuf),
    Nothing,
}

impl Session {
    /// A session for the site at `root`; nothing is read yet.
    pub fn new(root: &Path, base_url: Option<&str>, drafts: impl Into<site::Preview>) -> Self {
        Session {
            proof: Proof::from_env(),
            root: root.to_path_buf(),
            abs_root: root.canonicalize().unwrap_or_else(|_| root.to_path_buf()),
            base_url: base_url.map(str::to_string),
            drafts: drafts.into(),
            config: None,
            config_text: String::new(),
            config_diags: Vec::new(),
            theme_diags: Vec::new(),
            content_diags: Vec::new(),
            sources: Sources::default(),
            parse: ParseCache::default(),
            charts: ChartCache::default(),
            memo: RenderMemo::default(),
            good: None,
            site: None,
        }
    }

    /// The same session, proving its incremental rebuilds as `proof` says.
    pub fn with_proof(mut self, proof: Proof) -> Self {
        self.proof = proof;
        self
    }

    /// The same session, handing every output to `stream` as soon as it is made
    /// instead of keeping it: for a one-shot build, whose outputs are then not
    /// all held in memory at once. The outcome's files are [streamed]; a later
    /// run of the session (`rebuild_all` or `apply`) reads and renders
    /// everything again: nothing is remembered for it, and no site is kept
    /// ([`Session::site`] is `None`: its pages' texts were freed as it was
    /// built).
    ///
    /// [streamed]: OutputFile::is_streamed
    pub fn with_stream(mut self, stream: render::Stream) -> Self {
        self.memo.stream = Some(stream);
        self.memo.reread_from = Some(self.root.clone());
        self.parse = site::ParseCache::none();
        self
    }

    /// The same session in a process that ends once its build is written:
    /// what the build is done with is not freed, and no memory is handed back
    /// after it (the system takes all of it back at once).
    pub fn ending(mut self) -> Self {
        self.memo.ending = true;
        self
    }

    /// The same session, whose first build leaves the search index for
    /// [`Session::complete`]: a server shows its pages that much sooner (the
    /// index was a third of a first build at 10,000 pages).
    pub fn with_index_later(mut self) -> Self {
        self.memo.defer_index = true;
        self
    }

    /// Makes what the last build left for later (the search index, see
    /// [`Session::with_index_later`]), as a build of the same sources; `None`
    /// when nothing waits (nothing does after a build with errors).
    pub fn complete(&mut self) -> Option<Outcome> {
        self.memo
            .index_left_out()
            .then(|| self.run(Instant::now(), Reassemble::No))
    }

    /// Whether the last build left the search index for [`Session::complete`].
    pub fn index_waits(&self) -> bool {
        self.memo.index_left_out()
    }

    /// The last assembled site (kept when assembling found no errors).
    pub fn site(&self) -> Option<&site::Site> {
        self.site.as_ref().map(|(s, _)| s)
    }

    /// The last good build's files.
    pub fn good(&self) -> Option<Arc<SiteFiles>> {
        self.good.clone()
    }

    /// Reads everything again and builds.
    pub fn rebuild_all(&mut self) -> Result<Outcome> {
        let started = Instant::now();
        crate::phases::time("load", || {
            self.reload_config()?;
            self.reload_theme()?;
            self.reload_content()
        })?;
        Ok(self.run(started, Reassemble::All))
    }

    /// Takes in the changed paths (absolute, or relative to the root) and builds,
    /// reading again only what changed.
    pub fn apply(&mut self, paths: &[PathBuf]) -> Result<Outcome> {
        if self.memo.stream.is_some() {
            // A session that builds once kept nothing to build on.
            return self.rebuild_all();
        }
        let outcome = crate::phases::time("apply", || self.apply_changes(paths))?;
        self.prove(outcome)
    }

    /// In proof mode, compares an incremental outcome with a full build made from
    /// scratch. A difference is a bug of the incremental build: a panic, or a
    /// warning and the full build's files.
    fn prove(&mut self, mut outcome: Outcome) -> Result<Outcome> {
        if self.proof == Proof::Off || outcome.files.is_none() {
            return Ok(outcome);
        }
        let full = Session::new(&self.root, self.base_url.as_deref(), self.drafts)
            .with_proof(Proof::Off)
            .rebuild_all()?;
        let as_map = |files: &Option<Vec<OutputFile>>| -> BTreeMap<String, Arc<[u8]>> {
            files
                .iter()
                .flatten()
                .map(|f| (f.path.clone(), f.bytes.clone()))
                .collect()
        };
        let (inc, fresh) = (as_map(&outcome.files), as_map(&full.files));
        let differ: Vec<&String> = inc
            .keys()
            .chain(fresh.keys())
            .filter(|k| inc.get(*k) != fresh.get(*k))
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        if differ.is_empty() {
            return Ok(outcome);
        }
        let list: Vec<&str> = differ.iter().take(20).map(|s| s.as_str()).collect();
        if self.proof == Proof::Panic {
            panic!(
                "proof mode: the incremental rebuild differs from a full build in {} files: {list:?}",
                differ.len()
            );
        }
        outcome.diagnostics.push(
            // editors (issue 10): the warning in both languages.
            Diagnostic::warning(
                CONFIG_FILE,
                crate::msg::site::proof_differs(differ.len(), &list.join(", ")),
            )
            .hint(crate::msg::site::proof_differs_hint()),
        );
        outcome.files = full.files;
        let files = outcome.files.clone().unwrap_or_default();
        let good = Arc::make_mut(self.good.get_or_insert_with(Default::default));
        good.clear();
        good.extend(files.into_iter().map(|f| (f.path, f.bytes)));
        self.memo = RenderMemo::default();
        Ok(outcome)
    }

    fn apply_changes(&mut self, paths: &[PathBuf]) -> Result<Outcome> {
        let started = Instant::now();
        let touches: Vec<Touch> = paths.iter().map(|p| self.classify(p)).collect();
        if self.config.is_none() {
            return self.rebuild_all();
        }
        // Content is read the same whatever site.toml says: a settings edit reads
        // the settings and the theme (whose name they hold) again, not the pages.
        let config = touches.iter().any(|t| matches!(t, Touch::Config));
        // Settings that differ only in what no stage before the pages reads
        // (the contact box) keep the assembled site, with the new settings.
        let mut contact_only = false;
        if config {
            let before = std::mem::take(&mut self.config_text);
            self.reload_config()?;
            contact_only =
                self.config.is_some() && only_contact_differs(&before, &self.config_text);
        }
        let theme = config || touches.iter().any(|t| matches!(t, Touch::Theme));
        // The site is assembled from settings, content and static files (whose
        // pictures pages learn the size of), never from templates.
        let mut statics_changed = false;
        if theme {
            let before = std::mem::take(&mut self.sources.statics);
            self.reload_theme()?;
            statics_changed = before != self.sources.statics;
        }
        let mut content: Vec<PathBuf> = touches
            .into_iter()
            .filter_map(|t| match t {
                Touch::Content(p) => Some(p),
                _ => None,
            })
            .collect();
        content.sort();
        content.dedup();
        for rel in &content {
            // Whatever is at that path now replaces whatever was at or below it: this
            // covers edits, saves by rename, deletions and whole folders.
            // Sorted by path, what is at or below `rel` is one run: found by a
            // search and replaced in place, not by a walk and a sort of all.
            let content = &mut self.sources.content;
            let start = content.partition_point(|f| f.path < *rel);
            let len = content[start..]
                .iter()
                .take_while(|f| f.path.starts_with(rel))
                .count();
            self.content_diags.retain(|d| !d.path.starts_with(rel));
            self.sources
                .told
                .retain(|t| !Path::new("content").join(t).starts_with(rel));
            let mut found = Diagnostics::default();
            let mut read = source::load_content(&self.root, rel, &mut found)?;
            read.files.sort_by(|a, b| a.path.cmp(&b.path));
            self.sources.content.splice(start..start + len, read.files);
            self.sources.told.extend(read.told);
            self.content_diags.extend(found.into_sorted());
        }
        debug_assert!(self
            .sources
            .content
            .windows(2)
            .all(|w| w[0].path < w[1].path));
        self.sources.told.sort();
        let reassemble = if (config && !contact_only) || statics_changed {
            Reassemble::All
        } else if content.is_empty() {
            Reassemble::No
        } else {
            Reassemble::Pages(content)
        };
        Ok(self.run(started, reassemble))
    }

    fn classify(&self, path: &Path) -> Touch {
        let rel = path
            .strip_prefix(&self.abs_root)
            .or_else(|_| path.strip_prefix(&self.root))
            .unwrap_or(path);
        let mut parts = rel.components();
        let first = parts
            .next()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .unwrap_or_default();
        match first.as_str() {
            CONFIG_FILE => Touch::Config,
            "themes" | "templates" | "static" => Touch::Theme,
            "content" => Touch::Content(rel.to_path_buf()),
            _ => Touch::Nothing,
        }
    }

    /// Reads every file of `content/` again.
    fn reload_content(&mut self) -> Result<()> {
        let mut found = Diagnostics::default();
        let content = source::load_content(&self.root, Path::new("content"), &mut found)?;
        (self.sources.content, self.sources.told) = (content.files, content.told);
        self.content_diags = found.into_sorted();
        Ok(())
    }

    fn reload_config(&mut self) -> Result<()> {
        let mut diags = Diagnostics::default();
        let text = source::read_config(&self.root, &mut diags)?;
        self.config = text
            .as_deref()
            .and_then(|text| config::parse(text, self.base_url.as_deref(), &mut diags));
        if let Some(c) = &self.config {
            if c.base_url.is_none() {
                diags.push(
                    Diagnostic::warning(CONFIG_FILE, crate::msg::config::no_base_url())
                        .hint(crate::msg::config::no_base_url_hint()),
                );
            }
        }
        self.config_diags = diags.into_sorted();
        self.config_text = text.unwrap_or_default();
        Ok(())
    }

    fn reload_theme(&mut self) -> Result<()> {
        let theme = self
            .config
            .as_ref()
            .map_or("default", |c| c.theme.as_str())
            .to_string();
        let mut diags = Diagnostics::default();
        let loaded = source::load_theme(&self.root, &theme, &self.config_text, &mut diags)?;
        self.sources.templates = loaded.templates;
        self.sources.statics = loaded.statics;
        self.theme_diags = diags.into_sorted();
        Ok(())
    }

    /// Stages 2 to 4 on the loaded sources; `reassemble` says what the last
    /// assembled site is still good for.
    fn run(&mut self, started: Instant, reassemble: Reassemble) -> Outcome {
        let assembled_on = self.site.as_ref().map(|(s, _)| s.assembled_on);
        let reassemble = for_today(reassemble, assembled_on, site::Date::today());
        let mut diags = Diagnostics::default();
        diags.extend(self.config_diags.iter().cloned());
        diags.extend(self.theme_diags.iter().cloned());
        diags.extend(self.content_diags.iter().cloned());
        let files = match self.config.clone() {
            None => None,
            Some(config) => {
                let same_site = matches!(reassemble, Reassemble::No) && self.site.is_some();
                let (mut site, found) =
                    crate::phases::time("assemble", || self.site_for(config, reassemble));
                if self.memo.stream.is_some() {
                    // A one-shot build: the site holds what it needs of the
                    // content files read (the pages' texts until their
                    // bodies are made, see `render_site`).
                    render::drop_later(std::mem::take(&mut self.sources.content));
                }
                diags.extend(found.iter().cloned());
                if found.iter().any(Diagnostic::is_error) {
                    None
                } else {
                    let files = render::render_site(
                        (same_site, self.good.as_deref()),
                        &mut site,
                        &self.sources,
                        &self.charts,
                        &mut self.memo,
                        &mut diags,
                    );
                    if self.memo.stream.is_some() {
                        // Its pages' texts are freed: not a site to build on.
                        render::drop_when_done(self.memo.ending, (site, found));
                    } else {
                        self.site = Some((site, found));
                    }
                    (!diags.has_errors()).then_some(files)
                }
            }
        };
        // Only the build right after `with_index_later` may leave the index out.
        self.memo.defer_index = false;
        let mut changed = Vec::new();
        let mut rendered = 0;
        // A one-shot build keeps no last good build to compare the next with,
        // and its process ends with it: nothing to update or hand back.
        if files.is_some() {
            rendered = self.memo.rendered_last;
        }
        if let Some(files) = files.as_ref().filter(|_| self.memo.stream.is_none()) {
            changed = crate::phases::time("update good", || self.update_good(files));
        }
        if files.is_some() && !self.memo.ending {
            // Every rebuild frees what the last one made: each is handed back,
            // or a server's memory creeps up edit by edit (about 1 MiB per body
            // edit at 10,000 pages).
            // On another thread: it takes milliseconds, and nobody waits for it.
            release_free_memory_later();
        }
        Outcome {
            files,
            diagnostics: diags.into_sorted(),
            changed,
            rendered,
            elapsed: started.elapsed(),
        }
    }

    /// The site to render: the last one as it is, or with the changed pages
    /// patched in, when `reassemble` allows; else one assembled from all sources.
    fn site_for(
        &mut self,
        config: Config,
        reassemble: Reassemble,
    ) -> (site::Site, Vec<Diagnostic>) {
        if let Some((mut site, found)) = self.site.take() {
            // Kept, the site takes the settings as they are now: the same
            // but for what only the pages read (see `only_contact_differs`).
            if let Reassemble::No = reassemble {
                site.config = config;
                return (site, found);
            }
            if let Reassemble::Pages(pages) = &reassemble {
                let changed: Option<Vec<&source::SourceFile>> = pages
                    .iter()
                    .map(|p| {
                        let i = self
                            .sources
                            .content
                            .binary_search_by(|f| f.path.as_path().cmp(p))
                            .ok()?;
                        Some(&self.sources.content[i])
                    })
                    .collect();
                if changed.is_some_and(|c| site::patch_pages(&mut site, &c, &mut self.parse)) {
                    site.config = config;
                    return (site, found);
                }
            }
            // Ten thousand pages take milliseconds to free: not on the way.
            crate::render::drop_later((site, found));
        }
        let mut found = Diagnostics::default();
        let checks = indicator::Checks::new(&config.districts);
        let indicators = indicator::load_all(&self.sources.content, &checks, &mut found);
        let mut site = site::assemble(
            config,
            (&self.sources.content, &self.sources.told),
            indicators,
            self.drafts,
            &mut self.parse,
            &mut found,
        );
        // Smaller copies of pictures, cached in the site folder.
        let pictures = crate::pictures::Cache::at(&self.root);
        crate::page_files::add_variants(
            &mut site.page_files,
            &self.sources.statics,
            &pictures,
            &mut found,
        );
        (site, found.into_sorted())
    }

    /// Updates the last good build in place (most files are the very same bytes)
    /// and returns the output paths added, changed or removed, sorted. `files`
    /// are sorted by path, as the map is: one walk through both, no lookups.
    fn update_good(&mut self, files: &[OutputFile]) -> Vec<String> {
        debug_assert!(files.windows(2).all(|w| w[0].path < w[1].path));
        let good = Arc::make_mut(self.good.get_or_insert_with(Default::default));
        let (mut gone, mut new) = (Vec::new(), Vec::new());
        let mut old = good.iter().peekable();
        for f in files {
            while let Some((k, _)) = old.next_if(|(k, _)| k.as_str() < f.path.as_str()) {
                gone.push(k.clone());
            }
            match old.next_if(|(k, _)| k.as_str() == f.path.as_str()) {
                Some((_, o)) if Arc::ptr_eq(o, &f.bytes) || *o == f.bytes => {}
                _ => new.push(f),
            }
        }
        gone.extend(old.map(|(k, _)| k.clone()));
        let mut changed = Vec::with_capacity(gone.len() + new.len());
        for g in gone {
            good.remove(&g);
            changed.push(g);
        }
        for f in new {
            good.insert(f.path.clone(), f.bytes.clone());
            changed.push(f.path.clone());
        }
        changed.sort();
        changed
    }
}

/// Whether two texts of site.toml differ at most in their `[contact]` table.
/// Only the site view (the contact box of every page) and `check` read it:
/// assembling, the feeds and the search index do not, so a site assembled
/// with the one serves the other. Texts that are not TOML differ.
fn only_contact_differs(before: &str, after: &str) -> bool {
    let without_contact = |text: &str| {
        let mut table = text.parse::<toml::Table>().ok()?;
        table.remove("contact");
        Some(table)
    };
    matches!((without_contact(before), without_contact(after)), (Some(a), Some(b)) if a == b)
}

/// Gives the memory a rebuild freed back to the system. The allocator keeps
/// freed pages for reuse, so without this a server's memory stays at the peak of
/// its largest rebuild (old and new outputs both alive) for good. It walks the
/// allocator's free lists (milliseconds at 10,000 pages), so it waits until the
/// edits have been quiet for a moment: a burst of saves is trimmed once, after
/// it, and never competes with the rebuilds themselves for the two cores.
fn release_free_memory_later() {
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::Mutex;
    use std::time::{Duration, Instant};
    const QUIET: Duration = Duration::from_millis(300);
    static LAST: Mutex<Option<Instant>> = Mutex::new(None);
    static RUNNING: AtomicBool = AtomicBool::new(false);
    let last = || {
        *LAST
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    };
    *LAST
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner) = Some(Instant::now());
    if RUNNING.swap(true, Ordering::AcqRel) {
        return; // the waiting thread sees the new time
    }
    std::thread::spawn(move || loop {
        let stamp = last();
        if let Some(wait) = stamp.and_then(|t| QUIET.checked_sub(t.elapsed())) {
            std::thread::sleep(wait);
            continue;
        }
        release_free_memory();
        RUNNING.store(false, Ordering::Release);
        // A rebuild that came while trimming found this thread running: trim
        // for it too, unless another thread has started meanwhile.
        if last() == stamp || RUNNING.swap(true, Ordering::AcqRel) {
            break;
        }
    });
}

fn release_free_memory() {
    // mimalloc collects only the heap of the thread that asks (a fresh thread
    // asking frees nothing: measured), so each of the pool's threads, which
    // made most of what a rebuild freed, asks for its own, and this one too.
    // SAFETY: mi_collect only returns mimalloc's free memory to the system
    // (under `serve` the program's allocator, see alloc.rs; elsewhere it
    // holds nothing); no live allocation moves.
    rayon::broadcast(|_| unsafe { libmimalloc_sys::mi_collect(true) });
    unsafe {
        libmimalloc_sys::mi_collect(true);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_contact_table_may_differ_for_the_site_to_stay() {
        let base = "title = \"镇江\"\n[contact]\nhotline = \"12345\"\n";
        assert!(only_contact_differs(base, &base.replace("12345", "0511-1")));
        assert!(only_contact_differs(base, "title = \"镇江\"\n"));
        assert!(only_contact_differs(base, &format!("# 注释\n{base}")));
        assert!(!only_contact_differs(base, &base.replace("镇江", "丹阳")));
        assert!(!only_contact_differs(
            base,
            &format!("{base}[gov]\nicp = \"1\"\n")
        ));
        assert!(!only_contact_differs(base, "title = [\n"));
        // A key of the contact table written at the top level is not it.
        assert!(!only_contact_differs(
            base,
            &format!("hotline = \"1\"\n{base}")
        ));
    }

    #[test]
    fn a_site_of_another_day_is_assembled_again() {
        let day = |d| site::Date::from_ymd(2026, 11, d).unwrap();
        let patch = || Reassemble::Pages(vec![PathBuf::from("content/a.md")]);
        assert!(matches!(
            for_today(patch(), Some(day(29)), day(29)),
            Reassemble::Pages(_)
        ));
        assert!(matches!(
            for_today(Reassemble::No, Some(day(29)), day(29)),
            Reassemble::No
        ));
        // Past midnight: a page dated today may have become public.
        assert!(matches!(
            for_today(patch(), Some(day(29)), day(30)),
            Reassemble::All
        ));
        assert!(matches!(
            for_today(Reassemble::No, Some(day(29)), day(30)),
            Reassemble::All
        ));
        // No site yet: nothing to compare.
        assert!(matches!(
            for_today(Reassemble::No, None, day(30)),
            Reassemble::No
        ));
    }
}
