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

/// Whether Windows refuses `segment` as a file or folder name: CON, PRN, AUX,
/// NUL, COM0–COM9 and LPT0–LPT9 in any case, alone or before a dot (`con.pdf`
/// too). A site with such an address cannot be copied to a Windows server or
/// unpacked on an editor's computer.
pub(crate) fn windows_reserved(segment: &str) -> bool {
    let stem = segment.split('.').next().unwrap_or(segment).trim_end();
    let upper = stem.to_ascii_uppercase();
    matches!(upper.as_str(), "CON" | "PRN" | "AUX" | "NUL")
        || (upper.len() == 4
            && (upper.starts_with("COM") || upper.starts_with("LPT"))
            && upper.as_bytes()[3].is_ascii_digit())
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

#[cfg(test)]
mod tests {
    use super::windows_reserved;

    #[test]
    fn windows_device_names_are_known_in_any_case_and_before_a_dot() {
        for bad in ["con", "CON", "Nul", "aux.html", "com1", "LPT9.pdf", "prn "] {
            assert!(windows_reserved(bad), "{bad}");
        }
        for ok in [
            "console",
            "com",
            "com10",
            "lpt",
            "nul-report",
            "报告",
            "icon",
            "",
        ] {
            assert!(!windows_reserved(ok), "{ok}");
        }
    }
}
