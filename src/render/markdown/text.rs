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
                let lower = name.to_ascii_lowercase();
                if !closing
                    && !self_closing
                    && (SKIP.contains(&lower.as_str())
                        || (lower == "span" && tag.contains("class=\"term-tip\"")))
                {
                    let n = SKIP
                        .iter()
                        .find(|s| **s == lower)
                        .copied()
                        .unwrap_or("span");
                    skip = Some((n, 1));
                } else if BLOCK.contains(&lower.as_str()) && !out.ends_with(' ') {
                    out.push(' ');
                }
            }
        }
    }
    if skip.is_none() {
        out.push_str(&decode(rest));
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
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

    #[test]
    fn text_of_html_leaves_out_charts_and_tooltips() {
        let html = "<h2 id=\"a\">谁能申请</h2><p>年满<strong>65岁</strong>的<span class=\"term-wrap\"><a class=\"term\" href=\"#\">托养</a><span class=\"term-tip\" role=\"tooltip\">由专门机构照料</span></span>老人 &amp; 家人</p><figure><svg><text>2022</text></svg><figcaption>图</figcaption></figure>";
        assert_eq!(html_text(html), "谁能申请 年满65岁的托养老人 & 家人 图");
    }
}
