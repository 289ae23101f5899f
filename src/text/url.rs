//! The one URL policy of the site. Every address that comes from content (Markdown
//! links, images, autolinks, footnotes, front matter, indicator files, site.toml
//! menus) passes [`check`] before it is written into a page: `http`, `https`,
//! `mailto`, `tel` and relative addresses are allowed; any other scheme
//! (`javascript:`, `data:`, `vbscript:`, `file:`…) and protocol-relative
//! addresses (`//host/…`, see [`protocol_relative`]) are refused, however it is
//! disguised (case, leading spaces or control characters, tabs or new lines inside
//! the scheme, which browsers drop before they read it).

/// Schemes an address in content may use.
pub const ALLOWED_SCHEMES: [&str; 4] = ["http", "https", "mailto", "tel"];

/// What kind of address passed the policy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UrlKind {
    /// `http:`, `https:`, `mailto:` or `tel:`.
    External,
    /// A path, `#fragment` or `?query` relative to the page or the site.
    Relative,
}

/// Why an address was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UrlRefused {
    /// The scheme as a browser would read it, lower-cased.
    pub scheme: String,
}

impl std::fmt::Display for UrlRefused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "addresses starting with `{}` are not allowed; use http, https, mailto or tel, or a path of the site",
            crate::msg::shown_start(&self.scheme)
        )
    }
}

impl UrlRefused {
    /// Why the address is refused, in both languages.
    pub fn message(&self) -> crate::msg::Text {
        let start = crate::msg::shown_start(&self.scheme);
        crate::t!(
            "不能用以“{start}”开头的地址；请用 http、https、mailto 或 tel 开头的地址，或本网站内的路径",
            "addresses starting with `{start}` are not allowed; use http, https, mailto or tel, or a path of the site"
        )
    }
}

/// The scheme a browser would read from `url`, lower-cased, if any: WHATWG URL
/// parsing drops leading and trailing C0 controls and spaces and every tab and
/// new line, then reads `[A-Za-z][A-Za-z0-9+.-]*:` as a scheme.
pub fn scheme(url: &str) -> Option<String> {
    let cleaned: String = url
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .take(64)
        .collect();
    let mut chars = cleaned.char_indices();
    match chars.next() {
        Some((_, c)) if c.is_ascii_alphabetic() => {}
        _ => return None,
    }
    for (i, c) in chars {
        if c == ':' {
            return Some(cleaned[..i].to_ascii_lowercase());
        }
        if !(c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')) {
            return None;
        }
    }
    None
}

/// Applies the policy to an address written in content.
pub fn check(url: &str) -> Result<UrlKind, UrlRefused> {
    match scheme(url) {
        Some(s) if ALLOWED_SCHEMES.contains(&s.as_str()) => Ok(UrlKind::External),
        Some(scheme) => Err(UrlRefused { scheme }),
        None if protocol_relative(url) => Err(UrlRefused {
            scheme: PROTOCOL_RELATIVE.to_string(),
        }),
        None => Ok(UrlKind::Relative),
    }
}

/// The [`UrlRefused::scheme`] of a protocol-relative address (`//host/…`);
/// defined with the message that shows it, which sits below this module.
pub const PROTOCOL_RELATIVE: &str = crate::msg::PROTOCOL_RELATIVE;

/// Whether `url` is protocol-relative (`//host/…`) as a browser reads it:
/// leading blanks and control characters dropped, tabs and new lines inside
/// dropped, and `\` read as `/` (as for every http(s) page). Such an address
/// leaves the site on the web but leads to `file://host/…` when the site is
/// opened from disk (a broken link), and no editor means it: the policy
/// refuses it everywhere, so it has one reading (write `https://host/…`).
pub fn protocol_relative(url: &str) -> bool {
    let mut lead = url
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .take(2);
    lead.clone().count() == 2 && lead.all(|c| c == '/' || c == '\\')
}

/// Decodes a request path: `None` for anything that is not a plain path inside the
/// site (`..`, `.`, backslashes, NUL, bad escapes, invalid UTF-8).
pub fn site_path(url: &str) -> Option<String> {
    let path = url.split(['?', '#']).next().unwrap_or("");
    if !path.starts_with('/') {
        return None;
    }
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = |b: u8| (b as char).to_digit(16);
            let (Some(h), Some(l)) = (
                bytes.get(i + 1).and_then(|&b| hex(b)),
                bytes.get(i + 2).and_then(|&b| hex(b)),
            ) else {
                return None;
            };
            out.push((h * 16 + l) as u8);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    let decoded = String::from_utf8(out).ok()?;
    if decoded.contains(['\\', '\0']) {
        return None;
    }
    let rel = decoded.trim_start_matches('/');
    if rel
        .split('/')
        .any(|s| s == ".." || s == "." || s.contains(':'))
        || decoded.starts_with("//")
    {
        return None;
    }
    Some(rel.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allowed_and_relative() {
        for u in [
            "https://www.gov.cn/",
            "HTTP://x.org",
            "mailto:a@b.cn",
            "tel:12345",
        ] {
            assert_eq!(check(u), Ok(UrlKind::External), "{u}");
        }
        for u in ["//cdn.example/x", " \\\\cdn.example/x", "/\\cdn", "/\t/cdn"] {
            let refused = check(u).unwrap_err();
            assert_eq!(crate::msg::shown_start(&refused.scheme), "//", "{u:?}");
        }
        assert!(!protocol_relative("/"));
        for u in [
            "a.md",
            "../x/",
            "#top",
            "?q=1",
            "/services/",
            "现场.jpg",
            "中文:冒号.md",
            "./a:b",
            "",
        ] {
            assert_eq!(check(u), Ok(UrlKind::Relative), "{u}");
        }
    }

    #[test]
    fn disguised_schemes_are_refused() {
        for u in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            " javascript:alert(1)",
            "\u{1}javascript:alert(1)",
            "java\tscript:alert(1)",
            "java\nscript:alert(1)",
            "data:text/html,<script>",
            "vbscript:x",
            "file:///etc/passwd",
        ] {
            assert!(check(u).is_err(), "{u:?}");
        }
        assert_eq!(scheme("JaVa\tScRiPt:x").as_deref(), Some("javascript"));
    }
}
