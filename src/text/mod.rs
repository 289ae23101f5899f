//! The bottom layer: text rules every stage shares (dates, the URL policy).
//! Depends on nothing else in the crate.

pub mod active;
pub mod date;
pub mod escape;
pub mod hash;
pub mod slug;
pub mod suggest;
pub mod url;
