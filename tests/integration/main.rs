//! minsheng's integration tests: one binary (one link step on CI's two cores),
//! one module per area. Small fixture sites are written by [`support::SiteTest`].

mod browser;
mod build;
mod check;
mod citizens;
mod cli;
mod commonmark;
mod denominators;
mod errors;
mod generated;
mod hostile;
mod hostile_files;
mod incremental;
mod indicator_rules;
mod indicators;
mod messages;
mod messages_data;
mod page_folders;
mod real_data;
mod serve;
mod serve_hostile;
mod services;
mod sources;
mod support;
mod transcripts;
