//! Control characters in a page's text (tester 2's G-W2): Word's manual line
//! break U+000B and the like, pasted unseen. XML forbids them, so a page's text
//! reaching the Atom feed raw made it unreadable to every feed reader. They are
//! replaced by spaces before the Markdown is read (the same byte length, so every
//! offset stays true) and said once per page, at the first.

use std::borrow::Cow;

use crate::diag::Diagnostic;
use crate::text::escape::{first_forbidden, is_forbidden};

/// `body` with every forbidden character ([`is_forbidden`]) replaced by as many
/// spaces as it has bytes.
pub(super) fn cleaned(body: &str) -> Cow<'_, str> {
    if first_forbidden(body).is_none() {
        return body.into();
    }
    let mut out = String::with_capacity(body.len());
    for c in body.chars() {
        if is_forbidden(c) {
            out.extend(std::iter::repeat_n(' ', c.len_utf8()));
        } else {
            out.push(c);
        }
    }
    out.into()
}

/// The warning for the forbidden characters of `body`, which starts at byte
/// `body_start` of the file `text` (`path`): at the first, with their count.
pub(super) fn warning(path: &std::path::Path, text: &str, body_start: usize) -> Option<Diagnostic> {
    let body = &text[body_start..];
    let at = first_forbidden(body)?;
    let c = body[at..].chars().next()?;
    let count = body.chars().filter(|&c| is_forbidden(c)).count();
    let (line, col) = crate::diag::line_col(text, body_start + at);
    let name = crate::parse::keyboard::invisible_name(c)
        .unwrap_or_else(|| format!("U+{:04X}", u32::from(c)));
    let m = crate::msg::keyboard::invisible_in_body(line, col, &name, count);
    Some(
        Diagnostic::warning(path, m)
            .at(text, line, col)
            .hint(crate::msg::keyboard::invisible_in_body_hint()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_become_spaces_of_the_same_length() {
        let body = "第一行\u{b}第二行\u{1}。\u{ffff}\n";
        let c = cleaned(body);
        assert_eq!(c.len(), body.len());
        assert_eq!(c, "第一行 第二行 。   \n");
        assert!(matches!(cleaned("普通\t文字\r\n"), Cow::Borrowed(_)));
    }

    #[test]
    fn the_warning_is_at_the_first_with_the_count() {
        let text = "---\ntitle: t\n---\n正文\n第一行\u{b}第二行\u{1}\n";
        let d = warning(std::path::Path::new("a.md"), text, 17).unwrap();
        assert_eq!((d.line, d.col), (5, 4));
        assert!(
            d.message.zh().contains("Word 里的手动换行 U+000B"),
            "{}",
            d.message.zh()
        );
        assert!(d.message.zh().contains("共有 2 个"), "{}", d.message.zh());
        assert!(warning(std::path::Path::new("a.md"), "---\n---\n正文\n", 8).is_none());
    }
}
