//! The command line, as clap sees it.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

/// minsheng: turns Markdown articles and indicator files into a livelihood report website.
#[derive(Debug, Parser)]
#[command(name = "minsheng", version, about)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site into a folder (default: public/).
    Build(BuildArgs),
    /// Create a new site with example content and the default theme.
    New {
        /// The folder to create (must not exist or be empty).
        dir: PathBuf,
    },
}

/// Options of `build`.
#[derive(Debug, Clone, clap::Args)]
pub struct BuildArgs {
    /// The site folder, holding site.toml.
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Where to write the site (relative paths are relative to --root).
    #[arg(long, short)]
    pub output: Option<PathBuf>,
    /// The public address, used only for the sitemap, feed and canonical links.
    #[arg(long)]
    pub base_url: Option<String>,
    /// Include pages marked `draft: true`.
    #[arg(long)]
    pub drafts: bool,
}
