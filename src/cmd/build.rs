//! `minsheng build`: load, parse, assemble, render, write.

use std::path::{Path, PathBuf};

use crate::diag::Diagnostic;
use crate::error::{Error, Result};
use crate::render::OutputFile;
use crate::source::resolve;

/// What `build` is asked to do.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The site folder.
    pub root: PathBuf,
    /// The output folder (relative paths are taken relative to `root`).
    pub output: PathBuf,
    /// Overrides `base_url` of site.toml.
    pub base_url: Option<String>,
    /// Include drafts.
    pub drafts: bool,
    /// Include pages dated in the future.
    pub future: bool,
    /// Replace an output folder that minsheng did not write (never a source folder).
    pub force: bool,
}

impl BuildOptions {
    /// Options for building `root` into `root/public`.
    pub fn new(root: impl Into<PathBuf>) -> Self {
        BuildOptions {
            root: root.into(),
            output: PathBuf::from("public"),
            base_url: None,
            drafts: false,
            future: false,
            force: false,
        }
    }
}

/// The result of a build: the files made (none when there were errors) and every
/// diagnostic, sorted.
#[derive(Debug, Clone)]
pub struct Built {
    /// The site's files, when the build had no errors. A build that wrote its
    /// output ([`run`]) keeps no bytes: its files are [streamed] to disk.
    ///
    /// [streamed]: OutputFile::is_streamed
    pub files: Option<Vec<OutputFile>>,
    /// Errors and warnings, sorted by file and line.
    pub diagnostics: Vec<Diagnostic>,
}

impl Built {
    /// Number of errors.
    pub fn error_count(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }
}

/// Runs the pipeline in memory; writes nothing.
pub fn build_in_memory(
    root: &Path,
    base_url: Option<&str>,
    drafts: impl Into<crate::site::Preview>,
) -> Result<Built> {
    build_session(root, base_url, drafts, (None, false)).map(|(built, _)| built)
}

/// The pipeline in memory, with the session that ran it (its parsed site, memo
/// and caches: the bulk of the build's memory).
fn build_session(
    root: &Path,
    base_url: Option<&str>,
    drafts: impl Into<crate::site::Preview>,
    (stream, ending): (Option<crate::render::Stream>, bool),
) -> Result<(Built, crate::session::Session)> {
    let mut session = crate::session::Session::new(root, base_url, drafts);
    if let Some(stream) = stream {
        session = session.with_stream(stream);
    }
    if ending {
        session = session.ending();
    }
    let outcome = session.rebuild_all()?;
    let built = Built {
        files: outcome.files,
        diagnostics: outcome.diagnostics,
    };
    Ok((built, session))
}

/// The output folder `opts` names, with every symbolic link resolved: the very path
/// that is then replaced. Refuses folders whose replacement would destroy the
/// site's sources: the root or a folder holding it, and any folder that is, holds or
/// lies inside `site.toml`, `content/`, `static/`, `themes/` or `templates/` (or
/// what they link to), however the path is spelled.
pub fn output_dir(opts: &BuildOptions) -> Result<PathBuf> {
    let root = resolve(&opts.root);
    let output = resolve(&root.join(&opts.output));
    let sources = crate::source::source_paths(&opts.root);
    let holds_sources = root.starts_with(&output)
        || sources
            .iter()
            .any(|s| s.starts_with(&output) || output.starts_with(s));
    if holds_sources {
        let shown = if output == root.join(&opts.output) {
            output.display().to_string()
        } else {
            format!("{} (on disk: {})", opts.output.display(), output.display())
        };
        return Err(Error::Refused(crate::t!(
            "不能生成到 {shown}：它就是网站的源文件，或包含、位于源文件之中（site.toml、content/、static/、themes/、templates/ 或它们链接到的地方），生成会把它们替换掉；请用 --output 换一个地方，比如默认的 public/",
            "refusing to build into {shown}: it is, holds or lies inside the site's own files (site.toml, content/, static/, themes/, templates/ or what they link to), which the build would replace; choose another --output, such as the default, public/"
        )));
    }
    Ok(output)
}

/// Builds and, when there are no errors, replaces the output folder. Returns the
/// build and the folder written (or that would have been).
pub fn run_to(opts: &BuildOptions) -> Result<(Built, PathBuf)> {
    run_with(opts, false)
}

/// [`run_to`] for a process that ends right after: the session's memory is left
/// for the system to take back at once instead of being freed piece by piece
/// (tens of thousands of allocations at 10,000 pages).
pub fn run_to_then_exit(opts: &BuildOptions) -> Result<(Built, PathBuf)> {
    run_with(opts, true)
}

fn run_with(opts: &BuildOptions, exiting: bool) -> Result<(Built, PathBuf)> {
    let output = output_dir(opts)?;
    // Refuse before building, so the editor does not wait for nothing.
    crate::output::check_replaceable(&output, opts.force)?;
    let clearing = crate::output::clear_leftovers(&output);
    let preview = crate::site::Preview {
        drafts: opts.drafts,
        future: opts.future,
    };
    // Each output goes into the staging folder as soon as it is rendered; the
    // folder is swapped in only when the whole build had no errors.
    let stager = std::sync::Arc::new(crate::output::Stager::begin(&output, opts.force)?);
    let to_stage = stager.clone();
    let stream: crate::render::Stream = Box::new(move |path, bytes| to_stage.put(path, bytes));
    let built = build_session(
        &opts.root,
        opts.base_url.as_deref(),
        preview,
        (Some(stream), exiting),
    );
    let _ = crate::phases::time("old output removed", || clearing.join());
    let built = match built {
        Ok((built, session)) if exiting => {
            std::mem::forget(session);
            built
        }
        Ok((built, _)) => built,
        Err(e) => return Err(e),
    };
    match built.files {
        Some(_) => crate::phases::time("swap", || stager.finish())?,
        None => stager.abandon(),
    }
    Ok((built, output))
}

/// Builds and, when there are no errors, replaces the output folder.
pub fn run(opts: &BuildOptions) -> Result<Built> {
    run_to(opts).map(|(built, _)| built)
}
