//! The check of an `.svg` drawing: published only when plain. An allow-list, not
//! a list of known tricks: a drawing exported by Excel, Inkscape ("plain SVG")
//! or Illustrator uses only the elements below, so anything else is refused
//! rather than guessed about.
//!
//! - no document type with an internal subset (`<!DOCTYPE svg [ … ]>`): its
//!   entities expand to markup after any check of the written text (a
//!   `<!ENTITY s "&#60;script&#62;…">` is a script); a document type naming only
//!   the public SVG 1.1 DTD is allowed (browsers do not load it);
//! - no processing instruction (`<?xml-stylesheet href="x.csv"?>` makes a
//!   browser run an XSLT sheet); the XML declaration `<?xml …?>` is not one;
//! - the root is `<svg>` and every element of the SVG namespace is in
//!   [`ELEMENTS`]; elements and attributes of other namespaces only from drawing
//!   programs' own records ([`NAMESPACES`]: Inkscape, Sodipodi, RDF metadata,
//!   Adobe);
//! - no `on…=` handler; every address (`href`, `src`, animated addresses) passes
//!   the site's URL policy ([`crate::text::url::check`]), except an embedded
//!   PNG/JPEG/GIF/WebP picture in an `<image>`; what an element loads
//!   (`<image>`, `<feImage>`, `<use>`) is on the site;
//! - style rules (`<style>`, `style="…"`, `fill="url(…)"`) follow [`super::css`].

use super::{Active, Kind};
use crate::text::url::{check as url_check, scheme};

const SVG_NS: &str = "http://www.w3.org/2000/svg";

/// The SVG elements a drawing may use: shapes, text, paint, filters, structure
/// and the declarative animations (whose addresses are checked).
const ELEMENTS: &[&str] = &[
    "a",
    "animate",
    "animateMotion",
    "animateTransform",
    "circle",
    "clipPath",
    "defs",
    "desc",
    "ellipse",
    "feBlend",
    "feColorMatrix",
    "feComponentTransfer",
    "feComposite",
    "feConvolveMatrix",
    "feDiffuseLighting",
    "feDisplacementMap",
    "feDistantLight",
    "feDropShadow",
    "feFlood",
    "feFuncA",
    "feFuncB",
    "feFuncG",
    "feFuncR",
    "feGaussianBlur",
    "feImage",
    "feMerge",
    "feMergeNode",
    "feMorphology",
    "feOffset",
    "fePointLight",
    "feSpecularLighting",
    "feSpotLight",
    "feTile",
    "feTurbulence",
    "filter",
    "g",
    "image",
    "line",
    "linearGradient",
    "marker",
    "mask",
    "metadata",
    "mpath",
    "path",
    "pattern",
    "polygon",
    "polyline",
    "radialGradient",
    "rect",
    "set",
    "stop",
    "style",
    "svg",
    "switch",
    "symbol",
    "text",
    "textPath",
    "title",
    "tspan",
    "use",
    "view",
];

/// Other namespaces whose elements and attributes drawing programs write as
/// records of their own; browsers neither show nor run them.
const NAMESPACES: &[&str] = &[
    "http://www.w3.org/1999/xlink",
    "http://www.w3.org/XML/1998/namespace",
    "http://www.inkscape.org/namespaces/inkscape",
    "http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "http://creativecommons.org/ns#",
    "http://purl.org/dc/elements/1.1/",
    "http://ns.adobe.com/",
];

/// Elements that run code or show a document of their own, in any namespace:
/// said as code rather than as unknown.
const RUNNING: &[&str] = &[
    "script",
    "foreignObject",
    "iframe",
    "embed",
    "object",
    "handler",
    "listener",
];

/// Attributes holding an address, and the animated values that become one.
const ADDRESSES: &[&str] = &["href", "src", "action", "formaction"];
/// Elements that load what their address names when the drawing is shown.
const LOADING: &[&str] = &["image", "feImage", "use"];
const ANIMATED: &[&str] = &["to", "values", "from", "by"];

fn known_namespace(ns: &str) -> bool {
    NAMESPACES
        .iter()
        .any(|n| ns == *n || (n.ends_with('/') && ns.starts_with(n)))
}

/// A refusal of `kind` at byte `pos` of `text`.
fn found(kind: Kind, what: crate::msg::Text, text: &str, pos: usize) -> Option<Active> {
    let before = &text[..pos.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    Some(Active {
        what,
        line: line as u32,
        col: col as u32,
        kind,
    })
}

/// `Some` when the drawing `bytes` is not plain: see the module.
pub(super) fn check(bytes: &[u8]) -> Option<Active> {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Some(Active {
            what: crate::t!("不是 UTF-8 编码", "not UTF-8 text"),
            line: 0,
            col: 0,
            kind: Kind::Unreadable,
        });
    };
    if let Some(pos) = declarations(text) {
        return found(Kind::Unknown, "<!DOCTYPE [ ]>".into(), text, pos);
    }
    if let Some(pos) = too_deep(text) {
        // The XML reader goes down one call per level: 15,000 nested `<g>`
        // overflowed the stack and ended the whole program.
        return found(
            Kind::Unreadable,
            crate::t!(
                "图形一层套一层超过了 {MAX_DEPTH} 层",
                "elements nested more than {MAX_DEPTH} deep"
            ),
            text,
            pos,
        );
    }
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
                kind: Kind::Unreadable,
            });
        }
    };
    let root = doc.root_element();
    if root.tag_name().name() != "svg" || root.tag_name().namespace() != Some(SVG_NS) {
        let name = root.tag_name().name();
        return found(
            Kind::Unknown,
            format!("<{name}>").into(),
            text,
            root.range().start,
        );
    }
    doc.descendants().find_map(|node| node_refusal(node, text))
}

/// The deepest elements may be nested in a drawing (exported drawings go a few
/// dozen deep).
const MAX_DEPTH: usize = 512;

/// Where an element opens deeper than [`MAX_DEPTH`], as a byte offset: tags
/// counted as written (`<x …>` opens, `</x>` and `<x … />` do not stay
/// open), comments, CDATA, declarations and instructions skipped, quoted
/// attribute values read as values. Counted before the XML reader runs,
/// which goes down one call per level.
fn too_deep(text: &str) -> Option<usize> {
    let b = text.as_bytes();
    let (mut depth, mut i) = (0usize, 0usize);
    while let Some(lt) = memchr::memchr(b'<', &b[i..]).map(|o| i + o) {
        let rest = &text[lt..];
        let skip_to = |end: &str| rest.find(end).map_or(b.len(), |e| lt + e + end.len());
        i = if rest.starts_with("<!--") {
            skip_to("-->")
        } else if rest.starts_with("<![CDATA[") {
            skip_to("]]>")
        } else if rest.starts_with("<?") {
            skip_to("?>")
        } else if rest.starts_with("</") {
            depth = depth.saturating_sub(1);
            skip_to(">")
        } else if rest.starts_with("<!") {
            skip_to(">")
        } else {
            // An opening tag: to its `>` outside quotes; `/>` closes it too.
            let mut quote = None;
            let mut end = b.len();
            for (k, &c) in b[lt + 1..].iter().enumerate() {
                match (quote, c) {
                    (None, b'"' | b'\'') => quote = Some(c),
                    (Some(q), _) if c == q => quote = None,
                    (None, b'>') => {
                        end = lt + 1 + k;
                        break;
                    }
                    _ => {}
                }
            }
            if end < b.len() && b[end - 1] != b'/' {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Some(lt);
                }
            }
            (end + 1).min(b.len())
        };
    }
    None
}

/// Where `text` declares something in a document type (`<!DOCTYPE … [`) or an
/// entity anywhere, as a byte offset.
fn declarations(text: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(found) = text[from..].find("<!DOCTYPE") {
        let at = from + found;
        let mut quote = None;
        let mut closed = false;
        for c in text[at..].chars() {
            match (quote, c) {
                (None, '"' | '\'') => quote = Some(c),
                (Some(q), _) if c == q => quote = None,
                (None, '[') => return Some(at),
                (None, '>') => {
                    closed = true;
                    break;
                }
                _ => {}
            }
        }
        if !closed {
            // Never closed: not a drawing anyone can read (and each later
            // `<!DOCTYPE` would read the rest of the file again).
            return Some(at);
        }
        from = at + 1;
    }
    text.find("<!ENTITY")
}

/// The refusal of one node of the drawing, if any.
fn node_refusal(node: roxmltree::Node<'_, '_>, text: &str) -> Option<Active> {
    let start = node.range().start;
    if let Some(pi) = node.pi() {
        let what = format!("<?{}?>", pi.target);
        return found(Kind::Unknown, what.into(), text, start);
    }
    if !node.is_element() {
        return None;
    }
    let tag = node.tag_name();
    let name = tag.name();
    if RUNNING.iter().any(|r| r.eq_ignore_ascii_case(name)) {
        return found(Kind::Runs, format!("<{name}>").into(), text, start);
    }
    let known = match tag.namespace() {
        Some(SVG_NS) => ELEMENTS.contains(&name),
        Some(ns) => known_namespace(ns),
        None => false,
    };
    if !known {
        return found(Kind::Unknown, format!("<{name}>").into(), text, start);
    }
    if name == "style" {
        let sheet: String = node.children().filter_map(|c| c.text()).collect();
        if let Some((kind, what)) = super::css::check(&sheet) {
            return found(kind, what.into(), text, start);
        }
    }
    // <set attributeName="href" to="javascript:…"> and its animate kin.
    let animated = node.attribute("attributeName");
    let animates = |list: &[&str]| {
        animated.is_some_and(|a| a.rsplit(':').next().is_some_and(|a| list.contains(&a)))
    };
    let animates_handler =
        animated.is_some_and(|a| a.len() > 2 && a[..2].eq_ignore_ascii_case("on"));
    for attr in node.attributes() {
        let an = attr.name();
        let at = attr.range().start;
        if an.len() > 2 && an[..2].eq_ignore_ascii_case("on") || animates_handler {
            return found(Kind::Runs, format!("{an}=").into(), text, at);
        }
        if attr.namespace().is_some_and(|ns| !known_namespace(ns)) {
            return found(Kind::Unknown, format!("{an}=").into(), text, at);
        }
        let holds_address =
            ADDRESSES.contains(&an) || (animates(ADDRESSES) && ANIMATED.contains(&an));
        if holds_address && refused(name, attr.value()) {
            let what = format!("{an}=\"{}\"", attr.value());
            return found(Kind::Runs, what.into(), text, at);
        }
        if holds_address && LOADING.contains(&name) && elsewhere(attr.value()) {
            let what = format!("<{name} {an}=\"{}\">", attr.value());
            return found(Kind::Elsewhere, what.into(), text, at);
        }
        if attr.namespace().is_none() {
            if let Some((kind, what)) = super::css::check(attr.value()) {
                return found(kind, format!("{an}=\"{what}\"").into(), text, at);
            }
        }
    }
    None
}

/// True when the address `value` names another host (`https://…`, `//host/`).
fn elsewhere(value: &str) -> bool {
    let value = value.trim();
    crate::text::url::protocol_relative(value)
        || scheme(value).is_some_and(|s| s == "http" || s == "https" || s == "ftp")
}

/// True when `value` is an address the site's policy refuses. Pictures embedded
/// as `data:image/png` (and jpeg, gif, webp) in an `<image>` are allowed: a
/// browser draws them without running anything.
fn refused(element: &str, value: &str) -> bool {
    // An off-site link inside a drawing (`//host/…`) runs nothing.
    if url_check(value).is_ok() || crate::text::url::protocol_relative(value) {
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
