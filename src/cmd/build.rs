//! `minsheng build`: load, parse, assemble, render, write.

use std::path::{Path, PathBuf};

use crate::diag::Diagnostic;
use crate::error::{Error, Result};
use crate::render::OutputFile;

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
}

impl BuildOptions {
    /// Options for building `root` into `root/public`.
    pub fn new(root: impl Into<PathBuf>) -> Self {
        BuildOptions {
            root: root.into(),
            output: PathBuf::from("public"),
            base_url: None,
            drafts: false,
        }
    }
}

/// The result of a build: the files made (none when there were errors) and every
/// diagnostic, sorted.
#[derive(Debug, Clone)]
pub struct Built {
    /// The site's files, when the build had no errors.
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
pub fn build_in_memory(root: &Path, base_url: Option<&str>, drafts: bool) -> Result<Built> {
    let mut session = crate::session::Session::new(root, base_url, drafts);
    let outcome = session.rebuild_all()?;
    Ok(Built {
        files: outcome.files,
        diagnostics: outcome.diagnostics,
    })
}

/// The output folder `opts` names, refusing folders whose replacement would destroy
/// the site's sources (the root itself, a parent of it, or a folder inside
/// `content/`, `themes/`, `templates/` or `static/`).
pub fn output_dir(opts: &BuildOptions) -> Result<PathBuf> {
    let output = if opts.output.is_absolute() {
        opts.output.clone()
    } else {
        opts.root.join(&opts.output)
    };
    let root = opts
        .root
        .canonicalize()
        .map_err(|e| Error::io(&opts.root, e))?;
    let resolved = resolve_lexically(&std::env::current_dir().unwrap_or_default().join(&output));
    let resolved_root = resolve_lexically(&root);
    let forbidden = resolved_root.starts_with(&resolved)
        || ["content", "themes", "templates", "static"]
            .iter()
            .any(|d| resolved.starts_with(resolved_root.join(d)));
    if forbidden {
        return Err(Error::Usage(format!(
            "refusing to build into {}: it holds the site's own files, which the build would replace; choose another --output (the default is public/)",
            output.display()
        )));
    }
    Ok(output)
}

/// `a/./b/../c` → `a/c`, with symbolic links of existing parents resolved.
fn resolve_lexically(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    // Resolve the longest existing prefix, so a symlinked output is judged by its target.
    let mut existing = out.clone();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (
            existing.file_name().map(|n| n.to_os_string()),
            existing.parent(),
        ) {
            (Some(name), Some(parent)) => {
                rest.push(name);
                existing = parent.to_path_buf();
            }
            _ => return out,
        }
    }
    let mut resolved = existing.canonicalize().unwrap_or(existing);
    for name in rest.into_iter().rev() {
        resolved.push(name);
    }
    resolved
}

/// Builds and, when there are no errors, replaces the output folder. Returns the
/// build and the folder written (or that would have been).
pub fn run_to(opts: &BuildOptions) -> Result<(Built, PathBuf)> {
    let output = output_dir(opts)?;
    let built = build_in_memory(&opts.root, opts.base_url.as_deref(), opts.drafts)?;
    if let Some(files) = &built.files {
        crate::output::write_site(&output, files)?;
    }
    Ok((built, output))
}

/// Builds and, when there are no errors, replaces the output folder.
pub fn run(opts: &BuildOptions) -> Result<Built> {
    run_to(opts).map(|(built, _)| built)
}
