//! The bottom layer: text rules every stage shares (dates, the URL policy).
//! Depends on nothing else in the crate.

pub(crate) mod active;
pub(crate) mod date;
pub(crate) mod escape;
pub(crate) mod hash;
pub(crate) mod slug;
pub(crate) mod suggest;
pub mod url;
