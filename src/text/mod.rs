//! The bottom layer: text rules every stage shares (dates, the URL policy).
//! Depends on nothing else in the crate.

pub(crate) mod active;
pub mod bytes;
pub(crate) mod date;
pub(crate) mod escape;
pub(crate) mod hash;
pub(crate) mod slug;
pub(crate) mod suggest;
pub mod url;

/// A Han character (the CJK ideograph blocks and their extensions): what makes
/// a line Chinese text for the checks that ask.
pub(crate) fn is_han(c: char) -> bool {
    matches!(c,
        '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{2FFFF}')
}
