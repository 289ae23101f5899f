//! Style rules inside a drawing: a `<style>` element, a `style="…"` attribute,
//! and presentation attributes (`fill="url(#g)"`). An SVG opened by itself is a
//! document, so its style sheet loads what it names: `@import` of another
//! host's sheet, or `url(https://…)`, makes every reader's browser call that
//! host (their address, the time, the page); `url(javascript:…)`,
//! `expression(…)` and `-moz-binding` ran script in old engines. The rule:
//!
//! - no `@import` and no `image-set(` or `src(` (their strings are addresses
//!   a plain drawing has no use for);
//! - no `expression(`, `behavior:` or `-moz-binding`;
//! - every `url(…)` is on the site: a `#name` inside the drawing or a relative
//!   address, or a PNG/JPEG/GIF/WebP picture embedded as `data:image/…`.
//!
//! Comments are dropped and CSS escapes read first, so `@\69mport` and
//! `\75rl(` are what they spell.

use super::Kind;
use crate::text::url::{check as url_check, protocol_relative, scheme};

/// What is wrong with `css` (its kind and the part to name), if anything.
pub(super) fn check(css: &str) -> Option<(Kind, String)> {
    if !css.contains(['(', '@', '\\', ':']) {
        return None;
    }
    let css = plain(css);
    for (sign, kind) in [
        ("@import", Kind::Unknown),
        ("image-set(", Kind::Unknown),
        ("expression(", Kind::Runs),
        ("-moz-binding", Kind::Runs),
    ] {
        if css.contains(sign) {
            return Some((kind, sign.trim_end_matches('(').to_string()));
        }
    }
    if css
        .match_indices("behavior")
        .any(|(i, s)| css[i + s.len()..].trim_start().starts_with(':'))
    {
        return Some((Kind::Runs, "behavior:".into()));
    }
    if css
        .match_indices("src(")
        .any(|(i, _)| !ident_before(&css, i))
    {
        return Some((Kind::Unknown, "src(".into()));
    }
    css.match_indices("url(").find_map(|(i, s)| {
        let arg = argument(&css[i + s.len()..]);
        let kind = refused(arg)?;
        Some((kind, format!("url({})", shown(arg))))
    })
}

/// True when `css[..i]` ends in a letter, digit, `-` or `_` (`src(` inside a
/// longer name is not the function).
fn ident_before(css: &str, i: usize) -> bool {
    css[..i]
        .chars()
        .next_back()
        .is_some_and(|c| c.is_alphanumeric() || c == '-' || c == '_')
}

/// The address inside `url(`, quotes and blanks taken off.
fn argument(after: &str) -> &str {
    let after = after.trim_start();
    let (quote, body) = match after.chars().next() {
        Some(q @ ('"' | '\'')) => (Some(q), &after[1..]),
        _ => (None, after),
    };
    let end = match quote {
        Some(q) => body.find(q),
        None => body.find(')'),
    };
    body[..end.unwrap_or(body.len())].trim()
}

/// Why the address `arg` of a `url(…)` is refused: script (`javascript:`,
/// any address the URL policy refuses) or another host; `None` on the site.
fn refused(arg: &str) -> Option<Kind> {
    if arg.is_empty() || arg.starts_with('#') {
        return None;
    }
    if let Some(s) = scheme(arg) {
        let picture = s == "data"
            && ["png", "jpeg", "jpg", "gif", "webp"]
                .iter()
                .any(|t| arg[5..].starts_with(&format!("image/{t}")));
        return match (picture, url_check(arg).is_ok()) {
            (true, _) => None,
            (false, true) => Some(Kind::Elsewhere),
            (false, false) => Some(Kind::Runs),
        };
    }
    if protocol_relative(arg) || arg.starts_with('\\') {
        return Some(Kind::Elsewhere);
    }
    url_check(arg).is_err().then_some(Kind::Runs)
}

/// At most 60 characters of an address, for a message.
fn shown(arg: &str) -> String {
    let mut s: String = arg.chars().take(60).collect();
    if s.len() < arg.len() {
        s.push('…');
    }
    s
}

/// `css` as the browser reads it for the rules above: comments dropped, escapes
/// (`\69`, `\75 `, `\:`) read, ASCII letters lower case.
fn plain(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut rest = css;
    // Inside a string `/*` starts no comment (`"/*"` … `"*/"` would hide what
    // lies between from the check, not from the browser).
    let mut quote: Option<char> = None;
    while let Some(c) = rest.chars().next() {
        if quote.is_none() && rest.starts_with("/*") {
            rest = rest[2..].find("*/").map_or("", |e| &rest[2 + e + 2..]);
            continue;
        }
        rest = &rest[c.len_utf8()..];
        if c != '\\' {
            quote = match (quote, c) {
                (Some(q), c) if c == q || c == '\n' => None,
                (None, '"' | '\'') => Some(c),
                (q, _) => q,
            };
            out.push(c.to_ascii_lowercase());
            continue;
        }
        let hex = rest
            .bytes()
            .take(6)
            .take_while(u8::is_ascii_hexdigit)
            .count();
        if hex == 0 {
            // `\` and any other character is that character (a line end inside
            // a string continues it).
            if let Some(n) = rest.chars().next() {
                if n != '\n' {
                    out.push(n.to_ascii_lowercase());
                }
                rest = &rest[n.len_utf8()..];
            }
            continue;
        }
        let code = u32::from_str_radix(&rest[..hex], 16).unwrap_or(0xFFFD);
        out.push(
            char::from_u32(code)
                .unwrap_or('\u{FFFD}')
                .to_ascii_lowercase(),
        );
        rest = &rest[hex..];
        // One blank after a hex escape belongs to it.
        if rest.starts_with([' ', '\t', '\n']) {
            rest = &rest[1..];
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_comments_are_read_first() {
        assert_eq!(plain("@\\69mport"), "@import");
        assert_eq!(plain("\\75 rl(x)"), "url(x)");
        assert_eq!(plain("u/**/rl(x) /* @import */"), "url(x) ");
        assert_eq!(plain("\\@IMPORT"), "@import");
        assert_eq!(plain("a\\"), "a");
        assert_eq!(plain("/* open"), "");
        assert_eq!(
            plain("a:\"/*\" url(x) b:\"*/\""),
            "a:\"/*\" url(x) b:\"*/\""
        );
        assert_eq!(plain("a:'\\'/*' /* c */"), "a:''/*' ");
    }

    #[test]
    fn styles_of_plain_drawings_pass() {
        for ok in [
            "rect { fill: red } .a { stroke: #0072B2 }",
            "fill: url(#grad)",
            "url( \"#g\" )",
            "url(pattern.png)",
            "url('data:image/png;base64,iVBORw0KGgo=')",
            "font-family: 'Noto Sans SC', sans-serif",
            "marker-end: url(#arrow)",
        ] {
            assert_eq!(check(ok), None, "{ok}");
        }
    }

    #[test]
    fn loads_and_scripts_are_found() {
        for (css, kind, what) in [
            (
                "@import url(https://evil.example/x.css);",
                Kind::Unknown,
                "@import",
            ),
            ("@import 'x.css';", Kind::Unknown, "@import"),
            ("@\\69mport 'x.css';", Kind::Unknown, "@import"),
            (
                "rect{fill:url(https://tracker.example/p.svg#a)}",
                Kind::Elsewhere,
                "url(https://tracker.example/p.svg#a)",
            ),
            (
                "fill: url(//tracker.example/p)",
                Kind::Elsewhere,
                "url(//tracker.example/p)",
            ),
            (
                "background: \\75rl('javascript:alert(1)')",
                Kind::Runs,
                "url(javascript:alert(1))",
            ),
            (
                "fill: url(data:image/svg+xml,<svg/>)",
                Kind::Runs,
                "url(data:image/svg+xml,<svg/>)",
            ),
            ("width: expression(alert(1))", Kind::Runs, "expression"),
            ("-moz-binding: url(x.xml#a)", Kind::Runs, "-moz-binding"),
            ("behavior : url(x.htc)", Kind::Runs, "behavior:"),
            (
                "background: image-set('https://e.example/a.png' 1x)",
                Kind::Unknown,
                "image-set",
            ),
            ("src('https://e.example/a.png')", Kind::Unknown, "src("),
            (
                "a{b:\"/*\"} rect{fill:url(https://e.example/x)} c{d:\"*/\"}",
                Kind::Elsewhere,
                "url(https://e.example/x)",
            ),
        ] {
            assert_eq!(check(css), Some((kind, what.to_string())), "{css}");
        }
    }
}
