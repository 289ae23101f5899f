//! minsheng (民生): a static site generator for public-facing livelihood reports.
//!
//! Editors write Markdown articles and small data files; the pipeline turns them
//! into a self-contained website. Each stage is a function from plain data to plain
//! data; only [`source`] reads the disk and only [`output`] writes it:
//!
//! 1. [`source`] LOAD: `site.toml`, `content/`, the theme and its overrides.
//! 2. [`parse`] PARSE: front matter and Markdown, collecting diagnostics.
//! 3. [`site`] ASSEMBLE: sections, taxonomies, URLs, links.
//! 4. [`render`] RENDER: Markdown, templates, feeds, in parallel.
//! 5. [`output`] WRITE: a staging folder swapped in only when complete.
#![warn(
    missing_docs,
    unreachable_pub,
    clippy::print_stdout,
    clippy::print_stderr
)]

/// The system's allocator for a one-shot run, mimalloc under `serve` (see
/// [`alloc`]).
#[global_allocator]
static ALLOC: alloc::Alloc = alloc::Alloc;

pub mod alloc;
pub mod chart;
pub mod check;
pub mod cli;
pub mod cmd;
pub mod diag;
pub mod domains;
pub mod error;
pub(crate) mod glossary;
pub mod indicator;
pub mod msg;
pub mod output;
pub(crate) mod page_files;
pub mod parse;
pub(crate) mod phases;
pub(crate) mod pictures;
pub mod render;
pub mod serve;
pub mod session;
pub mod site;
pub mod source;
pub mod text;
pub mod theme;
