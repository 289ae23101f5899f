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
    /// The language of messages: zh (中文) or en. Default: the MINSHENG_LANG
    /// environment variable, else the site's `language`, else zh.
    #[arg(long, global = true, value_parser = parse_lang)]
    pub lang: Option<crate::msg::Lang>,
}

fn parse_lang(s: &str) -> Result<crate::msg::Lang, String> {
    crate::msg::Lang::from_tag(s).ok_or_else(|| format!("`{s}`: use zh (中文) or en (English)"))
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site into a folder (default: public/).
    Build(BuildArgs),
    /// Build, serve on 127.0.0.1, rebuild on every save and reload open pages.
    Serve(ServeArgs),
    /// Check the whole site without writing anything: errors, broken anchors and
    /// files, and a plain-language review.
    Check(CheckArgs),
    /// Create a new site with example content and the default theme.
    New {
        /// The folder to create (must not exist or be empty).
        dir: PathBuf,
    },
}

/// Options of `check`.
#[derive(Debug, Clone, clap::Args)]
pub struct CheckArgs {
    /// The site folder, holding site.toml.
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// `text` for people, `json` for tools.
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
    /// Exit with status 1 on warnings too.
    #[arg(long)]
    pub strict: bool,
    /// The date reviews are measured against (default: today), YYYY-MM-DD.
    #[arg(long, hide = true)]
    pub today: Option<String>,
}

/// Output formats of `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Lines for people.
    Text,
    /// One JSON document.
    Json,
}

/// Options of `serve`.
#[derive(Debug, Clone, clap::Args)]
pub struct ServeArgs {
    /// The site folder, holding site.toml.
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// The address to listen on. Anything but loopback exposes your drafts to the network.
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: std::net::IpAddr,
    /// The port to try first (the next free one is used if it is taken).
    #[arg(long, short, default_value_t = 1111)]
    pub port: u16,
    /// Open the site in the browser.
    #[arg(long)]
    pub open: bool,
    /// Include pages marked `draft: true` and pages dated in the future.
    #[arg(long)]
    pub drafts: bool,
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
    /// Include pages dated in the future (left out until their date otherwise).
    #[arg(long)]
    pub future: bool,
    /// Replace the output folder even when it is not empty and was not written by
    /// minsheng: everything in it is deleted. Source folders are never replaced.
    #[arg(long)]
    pub force: bool,
}
