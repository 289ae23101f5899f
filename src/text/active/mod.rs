//! Files that run code when a reader opens them: the rule for what an editor may
//! publish beside a page or in `static/`.
//!
//! A site's files are published from the site's own address, so a web page
//! (`.html`), a script or an SVG drawing with a script inside would run with the
//! site's authority when a reader opens it: the same hole raw HTML in Markdown is.
//! Under the site's `raw_html = "escape"` policy (the default: editor content is
//! untrusted) such files are refused; `raw_html = "allow"` trusts the editors with
//! them too. The rule:
//!
//! - web pages, scripts and XML documents are refused by their extension
//!   ([`DOCUMENTS`]);
//! - a file of any other name whose bytes are markup (they start, after a byte
//!   order mark and blanks, with `<` and a letter, `?` or `!`: what a browser
//!   sniffs as a page or an XML document) is refused: a drawing must be named
//!   `.svg` to be checked, and nothing else may be markup (`y.svg ` with a
//!   trailing space, `x.csv` holding an XSLT sheet, a file with no extension);
//! - an `.svg` drawing is published only when it is plain: see [`svg`]'s
//!   allow-list. No document type with declarations, no processing instruction,
//!   only known SVG elements, no handlers, no addresses the URL policy refuses,
//!   nothing loaded from another host, style rules checked by [`css`].

mod css;
mod svg;

/// Extensions of files a browser runs or renders as a document with scripts.
const DOCUMENTS: &[&str] = &[
    "html", "htm", "xhtml", "xht", "shtml", "mht", "mhtml", "xml", "xsl", "xslt", "js", "mjs",
    "svgz", "swf",
];

/// What is wrong with a refused file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// It runs code (a script, a handler, a web page).
    Runs,
    /// It could not be read, so it could not be checked.
    Unreadable,
    /// It holds something a plain drawing does not need and the check does not
    /// know (a document type, a processing instruction, an unknown element).
    Unknown,
    /// Its bytes are markup (a web page, SVG or XML) but its name is not `.svg`.
    Markup,
    /// It loads something from another host when opened (a style sheet's
    /// `url(https://…)`, a picture inside it): every reader's browser would
    /// call that host.
    Elsewhere,
}

/// Why a file cannot be published, and where in it (1-based line and column, or
/// `(0, 0)` for the file as a whole).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Active {
    /// What the file does or holds, e.g. `<script>`, `onload=` or `<!ENTITY>`.
    pub what: crate::msg::Text,
    /// Line of the offending part.
    pub line: u32,
    /// Column of the offending part.
    pub col: u32,
    /// What kind of refusal.
    pub kind: Kind,
}

/// `Some` when the file named `name` with `bytes` may not be published under
/// `raw_html = "escape"`: see the module's rule.
pub(crate) fn active(name: &str, bytes: &[u8]) -> Option<Active> {
    let base = name.rsplit('/').next().unwrap_or(name);
    let ext = base
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    if DOCUMENTS.contains(&ext.as_str()) {
        return Some(Active {
            what: format!(".{ext}").into(),
            line: 0,
            col: 0,
            kind: Kind::Runs,
        });
    }
    if ext == "svg" {
        return svg::check(bytes);
    }
    let start = markup_start(bytes)?;
    Some(Active {
        what: start.into(),
        line: 0,
        col: 0,
        kind: Kind::Markup,
    })
}

/// The first characters (up to 12) of `bytes` when they are markup: after a
/// UTF-8 or UTF-16 byte order mark and blanks, `<` then an ASCII letter, `?` or
/// `!` — what browsers take for a page or an XML document.
pub(crate) fn markup_start(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(1024)];
    let text: String = match head {
        [0xEF, 0xBB, 0xBF, rest @ ..] => String::from_utf8_lossy(rest).into_owned(),
        [0xFF, 0xFE, rest @ ..] => utf16(rest, u16::from_le_bytes),
        [0xFE, 0xFF, rest @ ..] => utf16(rest, u16::from_be_bytes),
        _ => String::from_utf8_lossy(head).into_owned(),
    };
    let text = text.trim_start_matches([' ', '\t', '\r', '\n', '\u{c}']);
    let mut chars = text.chars();
    let second = (chars.next() == Some('<'))
        .then(|| chars.next())
        .flatten()?;
    (second.is_ascii_alphabetic() || second == '?' || second == '!')
        .then(|| text.chars().take(12).collect())
}

/// UTF-16 text of `bytes`, read with `unit`.
fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> String {
    let units = bytes.chunks_exact(2).map(|p| unit([p[0], p[1]]));
    char::decode_utf16(units)
        .map(|c| c.unwrap_or('\u{FFFD}'))
        .collect()
}

#[cfg(test)]
mod tests;
