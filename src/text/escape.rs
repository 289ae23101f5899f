//! Escaping for the formats the site writes, on well-kept crates: HTML and XML
//! text and attribute values (`pulldown-cmark-escape`, the escaper of the Markdown
//! renderer itself), and percent-encoding of URL paths (`percent-encoding`).

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// Escapes text for HTML or XML element content and quoted attribute values
/// (`&`, `<`, `>`, `"`, `'`), without the characters XML forbids
/// ([`without_forbidden`]): one escaped text is good in HTML and in the feeds.
pub(crate) fn html(s: &str) -> String {
    let s = without_forbidden(s);
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    // Writing to a String cannot fail.
    let _ = pulldown_cmark_escape::escape_html(&mut out, &s);
    out
}

/// Characters XML 1.0 forbids in a document (the C0 controls but tab, line
/// feed and carriage return; U+FFFE, U+FFFF) and DEL, an error in HTML: pasted
/// from Word (U+000B, its manual line break) or written as YAML escapes.
pub(crate) fn is_forbidden(c: char) -> bool {
    matches!(c, '\0'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{7f}' | '\u{fffe}' | '\u{ffff}')
}

/// What a byte asks of the scans below: nothing, a look at the text (a
/// character HTML escapes, or one of [`is_forbidden`]), or a look at the two
/// bytes after it (EF starts U+FFFE and U+FFFF, and full-width punctuation).
const FINE: u8 = 0;
const FORBIDDEN: u8 = 1;
const MARKUP: u8 = 2;
const EF: u8 = 3;
const CLASS: [u8; 256] = {
    let mut t = [FINE; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = match b as u8 {
            0..=8 | 0x0b | 0x0c | 0x0e..=0x1f | 0x7f => FORBIDDEN,
            b'&' | b'<' | b'>' | b'"' | b'\'' => MARKUP,
            0xef => EF,
            _ => FINE,
        };
        b += 1;
    }
    t
};

/// Whether the bytes from `i` (an EF) are U+FFFE or U+FFFF: EF BF BE, EF BF BF.
fn ef_forbidden(b: &[u8], i: usize) -> bool {
    b.get(i + 1) == Some(&0xbf) && matches!(b.get(i + 2), Some(0xbe | 0xbf))
}

/// Where the first character of [`is_forbidden`] in `s` starts, found by
/// its bytes: every value a template shows and every page's body passes
/// here, and most of them are Chinese text, slow to walk character by
/// character.
pub(crate) fn first_forbidden(s: &str) -> Option<usize> {
    first_of::<false>(s)
}

/// Where the first character of [`is_forbidden`] in `s` starts, or with
/// `MARKUP_TOO` the first that HTML escapes too.
fn first_of<const MARKUP_TOO: bool>(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let exact = |from: usize, to: usize| {
        (from..to).find(|&i| match CLASS[b[i] as usize] {
            FORBIDDEN => true,
            MARKUP => MARKUP_TOO,
            EF => ef_forbidden(b, i),
            _ => false,
        })
    };
    // Blocks of 32 bytes are first asked, without a branch or a table (the
    // compiler makes it a few vector compares), whether they may hold one: a
    // control character but tab, line feed and carriage return, DEL, or EF BF
    // (U+FFC0-U+FFFF: the two forbidden, and some rare half-width forms), and
    // with `MARKUP_TOO` one of `&<>"'`. Only a block that may is then read
    // byte by byte. The table walk alone was 2% of a 10,000-page build (every
    // body passes here twice).
    const BLOCK: usize = 32;
    let mut at = 0;
    while at + BLOCK < b.len() {
        // A fixed-size array and no short-circuit: nothing to check or branch on.
        let Ok(w) = <&[u8; BLOCK + 1]>::try_from(&b[at..at + BLOCK + 1]) else {
            break;
        };
        let mut maybe = 0u8;
        for j in 0..BLOCK {
            let c = w[j];
            maybe |= u8::from((c < 0x20) & (c != b'\t') & (c != b'\n') & (c != b'\r'))
                | u8::from(c == 0x7f)
                | u8::from((c == 0xef) & (w[j + 1] == 0xbf));
            if MARKUP_TOO {
                maybe |=
                    u8::from((c == b'&') | (c == b'<') | (c == b'>') | (c == b'"') | (c == b'\''));
            }
        }
        if maybe != 0 {
            if let Some(i) = exact(at, at + BLOCK) {
                return Some(i);
            }
        }
        at += BLOCK;
    }
    exact(at, b.len())
}

/// Whether `s` has a character of [`is_forbidden`].
fn has_forbidden(s: &str) -> bool {
    first_forbidden(s).is_some()
}

/// Whether [`html`] gives `s` back as it is: no character to escape or drop.
/// Most values a template shows are such (a title, a path, `../`), and a
/// page shows about a hundred: one scan, then one write.
fn unchanged(s: &str) -> bool {
    first_of::<true>(s).is_none()
}

/// Writes `s` escaped as [`html`] does to `out`, without a string between.
pub(crate) fn html_to(out: &mut dyn std::io::Write, s: &str) -> std::io::Result<()> {
    if unchanged(s) {
        return out.write_all(s.as_bytes());
    }
    pulldown_cmark_escape::escape_html(pulldown_cmark_escape::IoWriter(out), &without_forbidden(s))
}

/// `s` without the characters of [`is_forbidden`]: Word's manual line break
/// (U+000B) and the form feed read as a space, the others dropped.
pub(crate) fn without_forbidden(s: &str) -> std::borrow::Cow<'_, str> {
    if !has_forbidden(s) {
        return s.into();
    }
    s.chars()
        .filter_map(|c| match c {
            '\u{b}' | '\u{c}' => Some(' '),
            c if is_forbidden(c) => None,
            c => Some(c),
        })
        .collect::<String>()
        .into()
}

/// What a URL path keeps unencoded: letters, digits, `-_.~` and `/`.
const PATH: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~')
    .remove(b'/');

/// The same for one query value or path segment (`/` encoded too).
const COMPONENT: &AsciiSet = &PATH.add(b'/');

/// Percent-encodes a URL path (non-ASCII, spaces, `#`, `?`…), keeping `/`.
pub(crate) fn url_path(path: &str) -> String {
    utf8_percent_encode(path, PATH).to_string()
}

/// [`url_path`] written at the end of `out`.
pub(crate) fn push_url_path(out: &mut String, path: &str) {
    use std::fmt::Write;
    // Writing to a String cannot fail.
    let _ = write!(out, "{}", utf8_percent_encode(path, PATH));
}

/// Percent-encodes one component: a `mailto:` subject, a query value.
pub(crate) fn url_component(s: &str) -> String {
    utf8_percent_encode(s, COMPONENT).to_string()
}

/// Decodes `%XX` escapes (links to files with Chinese names are often written
/// encoded); the text unchanged when the result is not UTF-8.
pub(crate) fn url_decode(s: &str) -> String {
    percent_encoding::percent_decode_str(s)
        .decode_utf8()
        .map_or_else(|_| s.to_string(), |c| c.into_owned())
}

/// JSON made safe to serve beside HTML: `<`, `>` and `&` (which JSON only allows
/// inside strings) become `\u003c`, `\u003e`, `\u0026`, so no string of the file
/// reads as markup if a browser or a script ever treats it as HTML.
pub(crate) fn json_for_web(json: String) -> String {
    if memchr::memchr3(b'<', b'>', b'&', json.as_bytes()).is_none() {
        return json;
    }
    json.replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

/// A text cell of a CSV download that spreadsheet programs cannot run: cells that
/// begin with `=`, `+`, `-`, `@`, a tab or a carriage return get a leading `'`
/// (the OWASP rule against formula injection). Numbers are written as numbers,
/// not through this.
pub(crate) fn csv_text(s: &str) -> std::borrow::Cow<'_, str> {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}").into()
    } else {
        s.into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes() {
        assert_eq!(html("a&b<c>\"d'"), "a&amp;b&lt;c&gt;&quot;d&#39;");
        assert_eq!(
            url_path("reports/体检 a/"),
            "reports/%E4%BD%93%E6%A3%80%20a/"
        );
        assert_eq!(url_component("a/b c"), "a%2Fb%20c");
        assert_eq!(url_decode("%E4%BD%93%E6%A3%80.md"), "体检.md");
        assert_eq!(url_decode("%FF"), "%FF");
        assert_eq!(
            json_for_web(r#"{"t":"<script>&"}"#.into()),
            r#"{"t":"\u003cscript\u003e\u0026"}"#
        );
        assert_eq!(csv_text("=HYPERLINK(1)"), "'=HYPERLINK(1)");
        assert_eq!(csv_text("-1+1"), "'-1+1");
        assert_eq!(csv_text("丹徒区"), "丹徒区");
    }

    #[test]
    fn forbidden_characters_are_found_by_bytes_as_by_characters() {
        // Full-width punctuation starts with the same byte (EF) as U+FFFE/U+FFFF.
        for s in [
            "丹徒区，句容市。",
            "（示例）￥１０",
            "tab\tline\ncr\r",
            "\u{fffd}\u{fefe}",
            "",
        ] {
            assert!(!has_forbidden(s), "{s:?}");
            assert_eq!(has_forbidden(s), s.contains(is_forbidden));
        }
        for s in [
            "a\u{b}b",
            "\u{0}",
            "x\u{7f}",
            "末尾\u{fffe}",
            "\u{ffff}头",
            "\u{1f}",
        ] {
            assert!(has_forbidden(s), "{s:?}");
        }
        // Long enough to cross the 32-byte blocks, on both sides of a border
        // (a character's bytes split by it too), and a half-width form (EF BF)
        // that makes a block look again and find nothing.
        let long = "民生，".repeat(30);
        for at in [
            0,
            27,
            30,
            33,
            54,
            63,
            72,
            93,
            96,
            long.len() - 3,
            long.len(),
        ] {
            for bad in ["\u{1}", "\u{fffe}", "\u{7f}"] {
                let mut s = long.clone();
                s.insert_str(at, bad);
                assert!(has_forbidden(&s), "{bad:?} at {at}");
                assert_eq!(first_forbidden(&s), Some(at), "{bad:?} at {at}");
                let mut s = long.clone();
                s.insert(at, '\u{ffe5}');
                assert_eq!(first_forbidden(&s), None, "U+FFE5 at {at}");
                s.push_str(bad);
                assert_eq!(
                    first_forbidden(&s),
                    Some(s.len() - bad.len()),
                    "{bad:?} after U+FFE5 at {at}"
                );
            }
        }
        let mut out = Vec::new();
        html_to(&mut out, "甲\u{1}乙\u{b}丙<&").unwrap();
        assert_eq!(out, "甲乙 丙&lt;&amp;".as_bytes());
    }

    proptest::proptest! {
        /// The byte scan finds exactly what a walk by characters finds.
        #[test]
        fn the_byte_scan_agrees_with_the_characters(s in "(\\PC|[\u{0}-\u{1f}\u{7f}\u{fffe}\u{ffff}，])*") {
            proptest::prop_assert_eq!(has_forbidden(&s), s.contains(is_forbidden));
            proptest::prop_assert_eq!(first_forbidden(&s), s.find(is_forbidden));
        }

        /// The same over long Chinese text with few suspects, where the blocks
        /// are skipped whole.
        #[test]
        fn the_block_scan_finds_the_first(s in "([民生，。\n\t\u{ffe5}a]{0,40}[\u{1}\u{7f}\u{fffe}\u{ffff}]?){1,8}") {
            proptest::prop_assert_eq!(first_forbidden(&s), s.find(is_forbidden));
        }

        /// A text is written as it is exactly when it has nothing to escape
        /// or drop, also where the blocks are skipped whole.
        #[test]
        fn unchanged_is_nothing_to_escape_or_drop(
            parts in proptest::collection::vec(("[民生，。\n\t\u{ffe5}a]{0,40}", proptest::bool::weighted(0.2)), 1..8),
            suspect in proptest::sample::select(vec!['\u{1}', '\u{7f}', '\u{fffe}', '&', '<', '>', '"', '\'']),
        ) {
            // One kind of suspect, here and there, or none.
            let s: String = (parts.iter())
                .map(|(text, with)| if *with { format!("{text}{suspect}") } else { text.clone() })
                .collect();
            let plain = !s.contains(|c: char| is_forbidden(c) || "&<>\"'".contains(c));
            proptest::prop_assert_eq!(unchanged(&s), plain);
        }

        /// Writing a value unescaped when nothing in it needs escaping gives
        /// the bytes escaping gives.
        #[test]
        fn the_quick_way_writes_what_escaping_writes(s in "(\\PC|[\u{0}-\u{1f}\u{7f}\u{fffe}\u{ffff}，&<>\"'])*") {
            let mut out = Vec::new();
            html_to(&mut out, &s).unwrap();
            let mut slow = String::new();
            pulldown_cmark_escape::escape_html(&mut slow, &without_forbidden(&s)).unwrap();
            proptest::prop_assert_eq!(String::from_utf8(out).unwrap(), slow);
        }
    }
}
