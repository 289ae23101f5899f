//! PARSE: source text into data, collecting diagnostics rather than stopping at the
//! first mistake. Everything here reads text that is already in memory; nothing
//! reads the disk (that is `source`) and nothing knows the site (that is `site`).
//!
//! - `keyboard`: Chinese-keyboard slips, found before the YAML and TOML parsers;
//! - `yaml`: the one YAML crate, behind size, depth and leniency guards;
//! - `front_matter`: a page's settings between the `---` lines;
//! - `config`: `site.toml`;
//! - `indicator`: an indicator file's YAML as written;
//! - `glossary`: `glossary.yaml` as written.

pub mod config;
pub mod front_matter;
pub(crate) mod glossary;
pub(crate) mod indicator;
pub(crate) mod keyboard;
pub(crate) mod yaml;
