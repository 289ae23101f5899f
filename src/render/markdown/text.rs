//! The text a reader sees in a rendered body: what the search index and the
//! read-aloud text are made of. Kept with the Markdown stage that made the HTML,
//! whose output it reads back.

/// The text a reader sees in rendered HTML: tags dropped (block ends become a
/// space), charts, scripts and glossary tooltips left out, entities decoded.
pub(crate) fn html_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len() / 2);
    html_text_into(html, &mut out);
    out
}

/// [`html_text`] added to `out`, after one space when `out` holds text
/// already and the HTML has any: a search document's text is made in place,
/// not made apart and copied in.
pub(crate) fn html_text_into(html: &str, out: &mut String) {
    out.reserve(html.len() / 2);
    // Whether white space came since the last word: the text is made with one
    // space between words as it goes, not collapsed again afterwards. Text
    // already there counts as a word before.
    let mut space = !out.is_empty();
    let mut rest = html;
    // Depth inside an element whose text is left out, and its tag name.
    let mut skip: Option<(&str, usize)> = None;
    // The brackets are found with the memchr crate's vector search (the
    // standard library's `find` of a character was a fifth of this function).
    while let Some(lt) = memchr::memchr(b'<', rest.as_bytes()) {
        if skip.is_none() {
            push_words(out, &decode(&rest[..lt]), &mut space);
        }
        let Some(gt) = memchr::memchr(b'>', &rest.as_bytes()[lt..]) else {
            break;
        };
        let tag = &rest[lt + 1..lt + gt];
        rest = &rest[lt + gt + 1..];
        let closing = tag.starts_with('/');
        let name_start = usize::from(closing);
        let name: &str = tag[name_start..]
            .split(|c: char| c.is_whitespace() || c == '/')
            .next()
            .unwrap_or("");
        let self_closing = tag.ends_with('/');
        match &mut skip {
            Some((n, depth)) if n.eq_ignore_ascii_case(name) && !self_closing => {
                if closing {
                    *depth -= 1;
                    if *depth == 0 {
                        skip = None;
                    }
                } else {
                    *depth += 1;
                }
            }
            Some(_) => {}
            None => match tag_kind(name) {
                Tag::Skipped(n) if !closing && !self_closing => skip = Some((n, 1)),
                Tag::Span if !closing && !self_closing && tag.contains("class=\"term-tip\"") => {
                    skip = Some(("span", 1));
                }
                Tag::Block => space = true,
                _ => {}
            },
        }
    }
    if skip.is_none() {
        push_words(out, &decode(rest), &mut space);
    }
}

/// Adds the words of `text` to `out` with one space between words (as
/// `split_whitespace` and `join(" ")`): a word continues across calls unless
/// white space (`space`) came between. Found by bytes: white space is ASCII or
/// starts with one of four lead bytes, and most text of a page is Chinese,
/// slow to decode character by character.
fn push_words(out: &mut String, text: &str, space: &mut bool) {
    let mut word = |piece: &str, space: &mut bool| {
        if !piece.is_empty() {
            if *space && !out.is_empty() {
                out.push(' ');
            }
            *space = false;
            out.push_str(piece);
        }
    };
    let b = text.as_bytes();
    let (mut start, mut i) = (0, 0);
    while i < b.len() {
        let width = match b[i] {
            b'\t'..=b'\r' | b' ' => 1,
            // U+0085, U+00A0; U+1680; U+2000-U+205F; U+3000 (lead bytes only).
            0xc2 | 0xe1 | 0xe2 | 0xe3 => match text[i..].chars().next() {
                Some(c) if c.is_whitespace() => c.len_utf8(),
                _ => 0,
            },
            _ => 0,
        };
        if width == 0 {
            i += 1;
            continue;
        }
        word(&text[start..i], space);
        *space = true;
        i += width;
        start = i;
    }
    word(&text[start..], space);
}

/// What a tag does to the text: its element left out (charts, scripts,
/// styles), a span (left out when it is a glossary tooltip), a block (its
/// ends part words), or nothing.
enum Tag {
    Skipped(&'static str),
    Span,
    Block,
    Inline,
}

/// The [`Tag`] of an element by its name, in any case: compared as lower-case
/// bytes on the stack, once (every tag of every page passes here).
fn tag_kind(name: &str) -> Tag {
    let mut buf = [0u8; 10];
    let Some(lower) = buf.get_mut(..name.len()) else {
        return Tag::Inline;
    };
    lower.copy_from_slice(name.as_bytes());
    lower.make_ascii_lowercase();
    match &*lower {
        b"svg" => Tag::Skipped("svg"),
        b"script" => Tag::Skipped("script"),
        b"style" => Tag::Skipped("style"),
        b"span" => Tag::Span,
        b"p" | b"li" | b"h1" | b"h2" | b"h3" | b"h4" | b"h5" | b"h6" | b"td" | b"th" | b"br"
        | b"div" | b"dt" | b"dd" | b"figcaption" | b"caption" => Tag::Block,
        _ => Tag::Inline,
    }
}

fn decode(s: &str) -> std::borrow::Cow<'_, str> {
    if memchr::memchr(b'&', s.as_bytes()).is_none() {
        return s.into();
    }
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&nbsp;", " ")
        .replace("&amp;", "&")
        .into()
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// Text made after text already there is that text, one space and
        /// the HTML's text (nothing when the HTML has none).
        #[test]
        fn text_made_in_place_is_text_made_apart(before in "[a民 ]{0,6}", html in "(<p>|</p>|<b>|<svg>|</svg>|[ a生&]|&amp;){0,12}") {
            let before = before.trim().to_string();
            let apart = html_text(&html);
            let mut joined = before.clone();
            if !apart.is_empty() {
                if !joined.is_empty() {
                    joined.push(' ');
                }
                joined.push_str(&apart);
            }
            let mut out = before;
            html_text_into(&html, &mut out);
            proptest::prop_assert_eq!(out, joined);
        }

        #[test]
        fn words_are_joined_as_split_and_join_would(s in "[ a\\t\\n\u{3000}\u{a0}\u{85}\u{1680}\u{2003}\u{205f}\u{2014}\u{3001}\u{ff0c}\u{c2}中b]{0,40}", cut in 0usize..40) {
            let joined = s.split_whitespace().collect::<Vec<_>>().join(" ");
            // Given in two pieces, words made as they come.
            let cut = (0..=cut.min(s.len())).rev().find(|&c| s.is_char_boundary(c)).unwrap_or(0);
            let (mut out, mut space) = (String::new(), false);
            push_words(&mut out, &s[..cut], &mut space);
            push_words(&mut out, &s[cut..], &mut space);
            proptest::prop_assert_eq!(out, joined);
        }
    }

    /// The first form of [`html_text`]: each tag's name compared with every
    /// name known, whitespace collapsed by splitting and joining.
    fn reference_text(html: &str) -> String {
        const SKIP: [&str; 3] = ["svg", "script", "style"];
        const BLOCK: [&str; 16] = [
            "p",
            "li",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "td",
            "th",
            "br",
            "div",
            "dt",
            "dd",
            "figcaption",
            "caption",
        ];
        let mut out = String::new();
        let mut rest = html;
        let mut skip: Option<(&str, usize)> = None;
        while let Some(lt) = rest.find('<') {
            if skip.is_none() {
                out.push_str(&decode(&rest[..lt]));
            }
            let Some(gt) = rest[lt..].find('>') else {
                break;
            };
            let tag = &rest[lt + 1..lt + gt];
            rest = &rest[lt + gt + 1..];
            let closing = tag.starts_with('/');
            let name = tag[usize::from(closing)..]
                .split(|c: char| c.is_whitespace() || c == '/')
                .next()
                .unwrap_or("");
            let self_closing = tag.ends_with('/');
            match &mut skip {
                Some((n, depth)) if n.eq_ignore_ascii_case(name) && !self_closing => {
                    if closing {
                        *depth -= 1;
                        if *depth == 0 {
                            skip = None;
                        }
                    } else {
                        *depth += 1;
                    }
                }
                Some(_) => {}
                None => {
                    let is = |n: &str| n.eq_ignore_ascii_case(name);
                    let skipped = SKIP.into_iter().find(|n| is(n)).or_else(|| {
                        ("span".eq_ignore_ascii_case(name) && tag.contains("class=\"term-tip\""))
                            .then_some("span")
                    });
                    match skipped {
                        Some(n) if !closing && !self_closing => skip = Some((n, 1)),
                        _ if BLOCK.into_iter().any(is) && !out.ends_with(' ') => out.push(' '),
                        _ => {}
                    }
                }
            }
        }
        if skip.is_none() {
            out.push_str(&decode(rest));
        }
        out.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    proptest::proptest! {
        /// Tags of every kind, in any case, nested or not, closed or not.
        #[test]
        fn text_is_what_the_first_form_gave(
            parts in proptest::collection::vec(
                "(<(/)?(p|P|li|svg|SVG|script|span|Span|figcaption|figcaptions|b|div|x)( class=\"term-tip\"| a)?(/)?>|[a-z 中&;<>\t]{0,6}|&amp;|&lt;)",
                0..24,
            )
        ) {
            let html: String = parts.concat();
            proptest::prop_assert_eq!(html_text(&html), reference_text(&html));
        }
    }

    #[test]
    fn text_of_html_leaves_out_charts_and_tooltips() {
        let html = "<h2 id=\"a\">谁能申请</h2><p>年满<strong>65岁</strong>的<span class=\"term-wrap\"><a class=\"term\" href=\"#\">托养</a><span class=\"term-tip\" role=\"tooltip\">由专门机构照料</span></span>老人 &amp; 家人</p><figure><svg><text>2022</text></svg><figcaption>图</figcaption></figure>";
        assert_eq!(html_text(html), "谁能申请 年满65岁的托养老人 & 家人 图");
    }
}
