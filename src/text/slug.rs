//! Slugs: the URL segment of a file or folder name, and the anchor of a heading.
//! Letters and digits of any script are kept (Chinese addresses stay readable).

/// Turns a file or folder name into a URL segment.
pub(crate) fn slugify(name: &str) -> String {
    let mut s = String::new();
    for c in name.chars() {
        if c.is_alphanumeric() || c == '_' {
            s.extend(c.to_lowercase());
        } else if !s.ends_with('-') {
            s.push('-');
        }
    }
    s.trim_matches('-').to_string()
}

/// A heading's anchor: letters and digits of any script kept (Chinese headings stay
/// readable), ASCII lower-cased, everything else a single `-`.
pub(crate) fn heading_slug(text: &str) -> String {
    let mut s = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_alphanumeric() {
            s.extend(c.to_lowercase());
        } else if !s.ends_with('-') {
            s.push('-');
        }
    }
    let s = s.trim_matches('-');
    if s.is_empty() {
        "section".to_string()
    } else {
        s.to_string()
    }
}
