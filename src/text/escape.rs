//! Escaping for the formats the site writes, on well-kept crates: HTML and XML
//! text and attribute values (`pulldown-cmark-escape`, the escaper of the Markdown
//! renderer itself), and percent-encoding of URL paths (`percent-encoding`).

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// Escapes text for HTML or XML element content and quoted attribute values
/// (`&`, `<`, `>`, `"`, `'`).
pub fn html(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    // Writing to a String cannot fail.
    let _ = pulldown_cmark_escape::escape_html(&mut out, s);
    out
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
pub fn url_path(path: &str) -> String {
    utf8_percent_encode(path, PATH).to_string()
}

/// Percent-encodes one component: a `mailto:` subject, a query value.
pub fn url_component(s: &str) -> String {
    utf8_percent_encode(s, COMPONENT).to_string()
}

/// Decodes `%XX` escapes (links to files with Chinese names are often written
/// encoded); the text unchanged when the result is not UTF-8.
pub fn url_decode(s: &str) -> String {
    percent_encoding::percent_decode_str(s)
        .decode_utf8()
        .map_or_else(|_| s.to_string(), |c| c.into_owned())
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
    }
}
