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
/// NUL, CONIN$, CONOUT$, COM0–COM9 and LPT0–LPT9 (superscript ¹²³ too) in any
/// case, alone or before a dot (`con.pdf` too). A site with such an address
/// cannot be copied to a Windows server or unpacked on an editor's computer.
pub(crate) fn windows_reserved(segment: &str) -> bool {
    let stem = segment.split('.').next().unwrap_or(segment).trim_end();
    // The longest is CONOUT$, seven bytes: a longer stem (every Chinese
    // one) is no device name, known without a copy in capitals.
    if stem.len() > 7 {
        return false;
    }
    let upper = stem.to_ascii_uppercase();
    let numbered = |prefix: &str| {
        upper.strip_prefix(prefix).is_some_and(|n| {
            let mut c = n.chars();
            matches!(c.next(), Some('0'..='9' | '¹' | '²' | '³')) && c.next().is_none()
        })
    };
    matches!(
        upper.as_str(),
        "CON" | "PRN" | "AUX" | "NUL" | "CONIN$" | "CONOUT$"
    ) || numbered("COM")
        || numbered("LPT")
}

/// A part of an output path that Windows refuses, and a name it takes instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Reserved {
    /// The part as written (`CON.pdf`).
    pub(crate) name: String,
    /// The same with `-1` after its stem (`CON-1.pdf`).
    pub(crate) instead: String,
    /// Whether it is the last part of the path (a file, not a folder).
    pub(crate) last: bool,
    /// Where the part ends in the path, in bytes: `path[..end]` is the folder
    /// (or file) to rename.
    pub(crate) end: usize,
}

/// The one rule for every output path made from a name an editor chose (a page,
/// a section, a file beside a page, a static file, an indicator, a district):
/// the first `/`-separated part of `path` that Windows refuses, if any.
pub(crate) fn reserved_in(path: &str) -> Option<Reserved> {
    let mut start = 0;
    for name in path.split('/') {
        let end = start + name.len();
        if windows_reserved(name) && !name.is_empty() {
            let stem_len = name.find('.').unwrap_or(name.len());
            let (stem, rest) = name.split_at(stem_len);
            return Some(Reserved {
                name: name.to_string(),
                instead: format!("{}-1{rest}", stem.trim_end()),
                last: path[end..].trim_matches('/').is_empty(),
                end,
            });
        }
        start = end + 1;
    }
    None
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
    use super::{reserved_in, windows_reserved};

    #[test]
    fn windows_device_names_are_known_in_any_case_and_before_a_dot() {
        for bad in [
            "con",
            "CON",
            "Nul",
            "aux.html",
            "com1",
            "LPT9.pdf",
            "prn ",
            "com¹",
            "conin$.txt",
            "CONOUT$ .log",
        ] {
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
            "com1a",
            "a.con",
        ] {
            assert!(!windows_reserved(ok), "{ok}");
        }
    }

    #[test]
    fn the_first_refused_part_of_a_path_and_a_name_instead() {
        let r = reserved_in("reports/2023/Con.tar.gz").unwrap();
        let got = (r.name.as_str(), r.instead.as_str(), r.last, r.end);
        assert_eq!(got, ("Con.tar.gz", "Con-1.tar.gz", true, 23));
        let r = reserved_in("xnul/nul/aux.png").unwrap();
        let got = (r.name.as_str(), r.instead.as_str(), r.last, r.end);
        assert_eq!(got, ("nul", "nul-1", false, 8));
        assert!(reserved_in("districts/Com3/").unwrap().last);
        assert!(!windows_reserved(&r.instead));
        assert_eq!(reserved_in("reports/console/a.pdf"), None);
        assert_eq!(reserved_in(""), None);
    }
}
