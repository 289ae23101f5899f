//! Files that run code when a reader opens them: the rule for what an editor may
//! publish beside a page.
//!
//! A page folder's files are published from the site's own address, so a web page
//! (`.html`), a script or an SVG drawing with a script inside would run with the
//! site's authority when a reader opens it: the same hole raw HTML in Markdown is.
//! Under the site's `raw_html = "escape"` policy (the default: editor content is
//! untrusted) such files are refused; `raw_html = "allow"` trusts the editors with
//! them too. SVG drawings are common and useful (charts exported from Excel or
//! Inkscape), so they are read and refused only when they can run something:
//! a `<script>`, an `on…=` handler, embedded HTML (`foreignObject`), or an address
//! that the site's URL policy refuses (`javascript:` and the like, character
//! references decoded by the XML parser first).

use crate::text::url::{check, scheme};

/// Extensions of files a browser runs or renders as a document with scripts.
const DOCUMENTS: &[&str] = &[
    "html", "htm", "xhtml", "xht", "shtml", "mht", "mhtml", "xml", "xsl", "xslt", "js", "mjs",
    "svgz", "swf",
];

/// Why a file cannot be published, and where in it (1-based line and column, or
/// `(0, 0)` for the file as a whole).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Active {
    /// What the file does, e.g. `<script>` or `onload=`.
    pub what: crate::msg::Text,
    /// Line of the offending part.
    pub line: u32,
    /// Column of the offending part.
    pub col: u32,
    /// The file could not be read, so it could not be checked (not refused for
    /// code found in it).
    pub unreadable: bool,
}

/// `Some` when the file named `name` with `bytes` would run code in a reader's
/// browser.
pub(crate) fn active(name: &str, bytes: &[u8]) -> Option<Active> {
    let ext = name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    if DOCUMENTS.contains(&ext.as_str()) {
        return Some(Active {
            what: format!(".{ext}").into(),
            line: 0,
            col: 0,
            unreadable: false,
        });
    }
    if ext == "svg" {
        return svg(bytes);
    }
    None
}

/// Elements that run code or show a document of their own.
const RUNNING: &[&str] = &[
    "script",
    "foreignObject",
    "iframe",
    "embed",
    "object",
    "handler",
    "listener",
];

/// Attributes holding an address.
const ADDRESSES: &[&str] = &[
    "href",
    "src",
    "action",
    "formaction",
    "to",
    "values",
    "from",
    "by",
];

fn svg(bytes: &[u8]) -> Option<Active> {
    let at = |what: String, doc: &roxmltree::Document<'_>, pos: usize| {
        let p = doc.text_pos_at(pos);
        Some(Active {
            what: what.into(),
            line: p.row,
            col: p.col,
            unreadable: false,
        })
    };
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Some(Active {
            what: crate::t!("不是 UTF-8 编码", "not UTF-8 text"),
            line: 0,
            col: 0,
            unreadable: true,
        });
    };
    let opts = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..Default::default()
    };
    let doc = match roxmltree::Document::parse_with_options(text, opts) {
        Ok(d) => d,
        // A drawing the browser cannot read as XML is not shown either; one that
        // roxmltree cannot read is not inspected, so it is not published.
        Err(e) => {
            let p = e.pos();
            let (row, col) = (p.row, p.col);
            return Some(Active {
                what: crate::t!(
                    "第 {row} 行第 {col} 列的写法有错",
                    "not a readable SVG drawing ({e})"
                ),
                line: p.row,
                col: p.col,
                unreadable: true,
            });
        }
    };
    for node in doc.descendants().filter(|n| n.is_element()) {
        let name = node.tag_name().name();
        if RUNNING.iter().any(|r| r.eq_ignore_ascii_case(name)) {
            return at(format!("<{name}>"), &doc, node.range().start);
        }
        // <set attributeName="href" to="javascript:…"> and its animate kin.
        let animates_address = node
            .attribute("attributeName")
            .is_some_and(|a| a.rsplit(':').next().is_some_and(|a| ADDRESSES.contains(&a)));
        for attr in node.attributes() {
            let an = attr.name();
            if an.len() > 2 && an[..2].eq_ignore_ascii_case("on") {
                return at(format!("{an}="), &doc, attr.range().start);
            }
            let holds_address = matches!(an, "href" | "src" | "action" | "formaction")
                || (animates_address && matches!(an, "to" | "values" | "from" | "by"));
            if holds_address && refused(name, attr.value()) {
                return at(
                    format!("{an}=\"{}\"", attr.value()),
                    &doc,
                    attr.range().start,
                );
            }
        }
    }
    None
}

/// True when `value` is an address the site's policy refuses. Pictures embedded
/// as `data:image/png` (and jpeg, gif, webp) in an `<image>` are allowed: a
/// browser draws them without running anything.
fn refused(element: &str, value: &str) -> bool {
    if check(value).is_ok() {
        return false;
    }
    let embedded_picture = element == "image"
        && scheme(value).as_deref() == Some("data")
        && ["png", "jpeg", "jpg", "gif", "webp"].iter().any(|t| {
            value
                .trim_start()
                .get(5..)
                .is_some_and(|rest| rest.to_ascii_lowercase().starts_with(&format!("image/{t}")))
        });
    !embedded_picture
}

#[cfg(test)]
mod tests {
    use super::*;

    fn svg_of(body: &str) -> String {
        format!("<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" viewBox=\"0 0 10 10\">\n{body}\n</svg>")
    }

    #[test]
    fn drawings_without_code_pass() {
        for body in [
            "<rect width=\"5\" height=\"5\" fill=\"#0072B2\"/><text x=\"1\" y=\"9\">镇江</text>",
            "<a href=\"https://www.zhenjiang.gov.cn/\"><circle r=\"2\"/></a>",
            "<use href=\"#a\"/><image href=\"data:image/png;base64,iVBORw0KGgo=\"/>",
            "<style>rect { fill: red }</style>",
        ] {
            assert_eq!(active("a.svg", svg_of(body).as_bytes()), None, "{body}");
        }
        assert_eq!(active("a.png", b"<script>"), None);
        assert_eq!(active("申请表.pdf", b"%PDF"), None);
    }

    #[test]
    fn code_in_a_drawing_is_found_where_it_is() {
        let cases = [
            ("<script>alert(1)</script>", "<script>", 2),
            ("<SCRIPT>alert(1)</SCRIPT>", "<SCRIPT>", 2),
            ("<rect\n onload=\"alert(1)\"/>", "onload=", 3),
            ("<rect ONCLICK=\"x\"/>", "ONCLICK=", 2),
            ("<a href=\"&#106;avascript:alert(1)\"><text>x</text></a>", "href=\"javascript:alert(1)\"", 2),
            ("<a xlink:href=\" JaVaScRiPt:alert(1)\"/>", "href=\" JaVaScRiPt:alert(1)\"", 2),
            ("<set attributeName=\"href\" to=\"javascript:alert(1)\"/>", "to=\"javascript:alert(1)\"", 2),
            ("<foreignObject><div xmlns=\"http://www.w3.org/1999/xhtml\">x</div></foreignObject>", "<foreignObject>", 2),
            ("<image href=\"data:image/svg+xml;base64,PHN2Zz4=\"/>", "href=\"data:image/svg+xml;base64,PHN2Zz4=\"", 2),
            ("<a href=\"data:text/html,hi\"/>", "href=\"data:text/html,hi\"", 2),
        ];
        for (body, what, line) in cases {
            let got = active("图.svg", svg_of(body).as_bytes()).unwrap_or_else(|| panic!("{body}"));
            assert_eq!((got.what.en(), got.line), (what, line), "{body}");
        }
    }

    #[test]
    fn documents_and_scripts_are_refused_by_type() {
        for name in ["说明.html", "a.HTM", "x.js", "d.xhtml", "c.svgz", "f.xml"] {
            assert!(active(name, b"hello").is_some(), "{name}");
        }
        assert!(active("bad.svg", b"<svg><unclosed").is_some());
        assert!(active("bad.svg", &[0xff, 0xfe]).is_some());
    }

    #[test]
    fn entity_bombs_are_refused_quickly() {
        let mut dtd = String::from("<!DOCTYPE svg [\n<!ENTITY a0 \"ha\">\n");
        for i in 1..12 {
            let prev = format!("&a{};", i - 1);
            dtd.push_str(&format!("<!ENTITY a{i} \"{}\">\n", prev.repeat(10)));
        }
        dtd.push_str("]>\n<svg xmlns=\"http://www.w3.org/2000/svg\"><text>&a11;</text></svg>");
        let t = std::time::Instant::now();
        let got = active("bomb.svg", dtd.as_bytes());
        assert!(t.elapsed().as_secs() < 2, "{:?}", t.elapsed());
        assert!(got.is_some());
    }
}
