//! Links an editor wrote that Markdown shows as text: `[申请表]（申请表.pdf）`
//! and `【申请表】(申请表.pdf)` (brackets typed by a Chinese input method),
//! `[申请表] (申请表.pdf)` (a space between), and `[申请表](申请表 (1).pdf)` (a
//! file name with a space, as Windows names a second download). Each is a
//! warning at its place saying what to type. Only text Markdown left as text is
//! looked at, so every link that works is left alone; the full-width shapes
//! count only when the part in brackets looks like an address (a file name
//! with an extension, or `@/`, `/`, `./`, `../`, `http`), since
//! `【通知】（2023年）` is ordinary Chinese.

use std::ops::Range;

use super::MarkdownInput;
use crate::diag::{Diagnostic, Locator};
use crate::t;

/// Reports every such link in the runs of plain text of the page.
pub(super) fn link_slips(
    input: &MarkdownInput<'_>,
    runs: &[Range<usize>],
    diags: &mut Vec<Diagnostic>,
    locator: &Locator<'_>,
) {
    let body = &input.text[input.body_start..];
    for r in runs {
        let Some(text) = body.get(r.clone()) else {
            continue;
        };
        for (at, _, slip) in find(text) {
            // A run starts after the backslash of an escaped `\[`: the
            // editor asked for the bracket as text.
            if text[at..].starts_with('[') && body[..r.start + at].ends_with('\\') {
                continue;
            }
            let d = Diagnostic::warning(input.path, slip.message()).hint(slip.hint());
            diags.push(locator.place(d, input.body_start + r.start + at));
        }
    }
}

/// Where the link-shaped text that [`link_slips`] tells lies in `text` (from
/// its opening bracket to its closing parenthesis): other rules (`check`'s
/// punctuation advice, which would have `(` made `（`) leave it to this one.
pub(crate) fn shapes(text: &str) -> Vec<Range<usize>> {
    find(text)
        .into_iter()
        .map(|(open, end, _)| open..end)
        .collect()
}

/// A link written so that it stays text.
#[derive(Debug, PartialEq)]
enum Slip {
    /// Full-width brackets or a space between the two parts: what to write.
    Shape { label: String, dest: String },
    /// A space in the address: the address in `<…>`.
    Space { label: String, dest: String },
}

impl Slip {
    fn message(&self) -> crate::msg::Text {
        match self {
            Slip::Shape { label, .. } => t!(
                "“{label}”不会变成链接：链接要用英文半角的方括号和圆括号，两部分紧挨着",
                "“{label}” is not a link: a link takes ASCII brackets [ ] and parentheses ( ), with nothing between them"
            ),
            Slip::Space { label, .. } => t!(
                "“{label}”不会变成链接：文件名里有空格",
                "“{label}” is not a link: the file name holds a space"
            ),
        }
    }

    fn hint(&self) -> crate::msg::Text {
        match self {
            Slip::Shape { label, dest } => t!(
                "切换到英文输入法，写成 [{label}]({dest})",
                "switch to the English input method and write [{label}]({dest})"
            ),
            Slip::Space { label, dest } => t!(
                "写成 [{label}](<{dest}>)，或者把文件改名，去掉空格",
                "write [{label}](<{dest}>), or rename the file without the space"
            ),
        }
    }
}

/// Whether `dest` reads as an address or a file name.
fn looks_like_address(dest: &str) -> bool {
    let d = dest.trim();
    let prefix = ["@/", "/", "./", "../", "http://", "https://"]
        .iter()
        .any(|p| d.starts_with(p));
    let extension = d.rsplit_once('.').is_some_and(|(stem, ext)| {
        !stem.is_empty()
            && (1..=5).contains(&ext.len())
            && ext.chars().all(|c| c.is_ascii_alphanumeric())
    });
    !d.is_empty() && !d.contains('\n') && (prefix || extension)
}

/// The slips in one stretch of text: (byte offsets of the opening bracket and
/// after the closing parenthesis, slip).
fn find(text: &str) -> Vec<(usize, usize, Slip)> {
    let mut out = Vec::new();
    // The places of `[` and of the lead byte of `【` (E3 80 90), by bytes:
    // walking every character of every page was a percent of a build.
    for open in memchr::memchr2_iter(b'[', 0xe3, text.as_bytes()) {
        let c = match text.as_bytes()[open] {
            b'[' => '[',
            _ if text[open..].starts_with('【') => '【',
            _ => continue,
        };
        let close_bracket = match c {
            '[' if !text[..open].ends_with('\\') => ']',
            '【' => '】',
            _ => continue,
        };
        let label_start = open + c.len_utf8();
        let Some(len) = text[label_start..].find([close_bracket, '\n', '[', '【']) else {
            continue;
        };
        let close = label_start + len;
        if !text[close..].starts_with(close_bracket) || len == 0 {
            continue;
        }
        let label = &text[label_start..close];
        let after = &text[close + close_bracket.len_utf8()..];
        let (spaced, rest) = match after.strip_prefix(' ') {
            Some(r) => (true, r),
            None => (false, after),
        };
        let Some((paren, dest)) = destination(rest) else {
            continue;
        };
        // `rest` ends `text`; the closing parenthesis is as long as the opening.
        let end = text.len() - rest.len() + 2 * paren.len_utf8() + dest.len();
        let slip = if c == '[' && !spaced && paren == '(' {
            if !dest.contains(' ') {
                continue;
            }
            Slip::Space {
                label: label.into(),
                dest: dest.into(),
            }
        } else if looks_like_address(dest) {
            Slip::Shape {
                label: label.into(),
                dest: dest.trim().into(),
            }
        } else {
            continue;
        };
        out.push((open, end, slip));
    }
    out
}

/// The longest address (bytes) taken for a link written as text.
const MAX_DEST: usize = 2048;

/// The `(…)` or `（…）` at the start of `rest`: (its opening, what it holds),
/// one level of `(…)` allowed inside (`申请表 (1).pdf`).
fn destination(rest: &str) -> Option<(char, &str)> {
    let open = rest.chars().next()?;
    let close = match open {
        '(' => ')',
        '（' => '）',
        _ => return None,
    };
    let inner = &rest[open.len_utf8()..];
    let mut depth = 0usize;
    for (i, ch) in inner.char_indices() {
        // No address is this long: a line of `[a] (` would otherwise be read
        // to its end once per bracket.
        if i > MAX_DEST {
            return None;
        }
        match ch {
            '\n' => return None,
            '(' if close == ')' => depth += 1,
            c if c == close && depth == 0 => return Some((open, &inner[..i])),
            ')' if close == ')' => depth -= 1,
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(text: &str) -> Vec<String> {
        find(text)
            .into_iter()
            .map(|(_, _, s)| match s {
                Slip::Shape { label, dest } => format!("shape {label} {dest}"),
                Slip::Space { label, dest } => format!("space {label} {dest}"),
            })
            .collect()
    }

    #[test]
    fn the_shapes_an_input_method_types_are_found() {
        assert_eq!(
            labels("一、[申请表](申请表 (1).pdf)"),
            ["space 申请表 申请表 (1).pdf"]
        );
        assert_eq!(
            labels("二、[申请表]（申请表.pdf）"),
            ["shape 申请表 申请表.pdf"]
        );
        assert_eq!(
            labels("三、【申请表】(申请表.pdf)"),
            ["shape 申请表 申请表.pdf"]
        );
        assert_eq!(
            labels("四、【申请表】（@/services/a.md）"),
            ["shape 申请表 @/services/a.md"]
        );
        assert_eq!(
            labels("五、[申请表] (申请表.pdf)"),
            ["shape 申请表 申请表.pdf"]
        );
    }

    #[test]
    fn shapes_span_from_the_bracket_to_the_parenthesis() {
        let t = "三、【申请表】(申请表.pdf)和[表] (a (1).pdf)。";
        let got: Vec<&str> = shapes(t).into_iter().map(|r| &t[r]).collect();
        assert_eq!(got, ["【申请表】(申请表.pdf)", "[表] (a (1).pdf)"]);
    }

    #[test]
    fn ordinary_chinese_and_escaped_brackets_are_left_alone() {
        assert!(labels("【通知】（2023年）请大家注意").is_empty());
        assert!(labels("见[附件]（第三页）").is_empty());
        assert!(labels("\\[申请表\\](申请表.pdf)").is_empty());
        assert!(labels("[1] (2023)").is_empty());
        assert!(labels("没有括号的[文字]").is_empty());
    }
}
