//! PARSE: source text into data, collecting diagnostics rather than stopping at the
//! first mistake.

pub mod front_matter;
pub(crate) mod keyboard;
