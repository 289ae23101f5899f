//! The commands, in the library so that tests drive them exactly as `main` does.

pub mod build;
pub mod new;
