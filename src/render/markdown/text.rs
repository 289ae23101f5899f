//! The text a reader sees in a rendered body: what the search index and the
//! read-aloud text are made of. Kept with the Markdown stage that made the HTML,
//! whose output it reads back.

/// The text a reader sees in rendered HTML: tags dropped (block ends become a
/// space), charts, scripts and glossary tooltips left out, entities decoded.
pub(crate) fn html_text(html: &str) -> String {
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
    let mut out = String::with_capacity(html.len() / 2);
    let mut rest = html;
    // Depth inside an element whose text is left out, and its tag name.
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
            None => {
                // Compared without a lower-case copy of the name (an
                // allocation for every tag of every page).
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
    collapse_whitespace(&out)
}

/// `s`'s words with one space between them (as `split_whitespace` and
/// `join(" ")`), made in one pass.
fn collapse_whitespace(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            space = !out.is_empty();
        } else {
            if space {
                out.push(' ');
                space = false;
            }
            out.push(c);
        }
    }
    out
}

fn decode(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.contains('&') {
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
        #[test]
        fn whitespace_collapses_as_split_and_join(s in "[ a\\t\\n\u{3000}\u{a0}中b]{0,40}") {
            proptest::prop_assert_eq!(
                collapse_whitespace(&s),
                s.split_whitespace().collect::<Vec<_>>().join(" ")
            );
        }
    }

    #[test]
    fn text_of_html_leaves_out_charts_and_tooltips() {
        let html = "<h2 id=\"a\">谁能申请</h2><p>年满<strong>65岁</strong>的<span class=\"term-wrap\"><a class=\"term\" href=\"#\">托养</a><span class=\"term-tip\" role=\"tooltip\">由专门机构照料</span></span>老人 &amp; 家人</p><figure><svg><text>2022</text></svg><figcaption>图</figcaption></figure>";
        assert_eq!(html_text(html), "谁能申请 年满65岁的托养老人 & 家人 图");
    }
}
