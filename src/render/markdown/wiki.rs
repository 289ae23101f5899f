//! `[[标题]]`: a link written as in a wiki, which Markdown shows as the very
//! brackets. The rule is the one for a link written with a page's title
//! (`[体检](免费体检)`, see `links.rs`): a link names a page's file, so it is an
//! error, and the hint gives the link to write: the page with exactly that
//! title, or else the page most likely meant ("did you mean"). Written in code
//! (`` `[[x]]` ``), escaped (`\[\[x]]`) or as a number (`[[1]]`) it is left alone.

use std::ops::Range;

use pulldown_cmark::{Event, Tag, TagEnd};

use super::MarkdownInput;
use crate::diag::{Diagnostic, Locator};
use crate::t;

/// The longest text between `[[` and `]]` taken for a title, in characters.
const MAX_TITLE: usize = 80;

/// Reports every `[[标题]]` in the page's text.
pub(super) fn wiki_links(
    input: &MarkdownInput<'_>,
    events: &[(Event<'_>, Range<usize>)],
    diags: &mut Vec<Diagnostic>,
    locator: &Locator<'_>,
) {
    let body = &input.text[input.body_start..];
    if !body.contains("[[") {
        return;
    }
    for r in text_runs(events) {
        check_run(input, body, r, diags, locator);
    }
}

/// The stretches of plain text of a page (ranges of its body), outside code:
/// adjacent text events joined, as Markdown left them (a link that did not
/// become one is among them).
pub(super) fn text_runs(events: &[(Event<'_>, Range<usize>)]) -> Vec<Range<usize>> {
    let mut runs = Vec::new();
    let mut code = 0usize;
    let mut run: Option<Range<usize>> = None;
    for (event, range) in events {
        match event {
            Event::Start(Tag::CodeBlock(_)) => code += 1,
            Event::End(TagEnd::CodeBlock) => code = code.saturating_sub(1),
            Event::Text(_) if code == 0 => {
                run = Some(match run.take() {
                    Some(r) if r.end == range.start => r.start..range.end,
                    Some(r) => {
                        runs.push(r);
                        range.clone()
                    }
                    None => range.clone(),
                });
                continue;
            }
            _ => {}
        }
        runs.extend(run.take());
    }
    runs.extend(run);
    runs
}

/// Finds `[[…]]` in one stretch of plain text (`range` of the body).
fn check_run(
    input: &MarkdownInput<'_>,
    body: &str,
    range: Range<usize>,
    diags: &mut Vec<Diagnostic>,
    locator: &Locator<'_>,
) {
    let Some(text) = body.get(range.clone()) else {
        return;
    };
    let mut from = 0;
    // A title is at most MAX_TITLE characters: its `]]` is looked for that far
    // only (a run of `[[` and one `]]` far away was read once per `[[`).
    let reach = MAX_TITLE * 4 + 2;
    while let Some(open) = text[from..].find("[[").map(|i| from + i) {
        let inner_start = open + 2;
        let window = &text.as_bytes()[inner_start..text.len().min(inner_start + reach)];
        let Some(close) = memchr::memmem::find(window, b"]]").map(|i| inner_start + i) else {
            from = inner_start;
            continue;
        };
        from = close + 2;
        let inner = &text[inner_start..close];
        let title = inner.trim();
        if title.is_empty()
            || inner.contains(['[', ']', '\n'])
            || inner.chars().count() > MAX_TITLE
            || title.chars().all(|c| c.is_ascii_digit())
        {
            from = inner_start;
            continue;
        }
        let at = input.body_start + range.start + open;
        diags.push(locator.place(diagnostic(input, title), at));
    }
}

/// The error for `[[title]]`, with the link to write.
fn diagnostic(input: &MarkdownInput<'_>, title: &str) -> Diagnostic {
    match (input.suggest)(title) {
        Some(g) if g.titled => {
            let rel = g.rel;
            Diagnostic::error(
                input.path,
                t!(
                    "“[[{title}]]”不会变成链接：链接要写页面的文件名，不能只写标题",
                    "`[[{title}]]` is not a link: a link names the page's file, not only its title"
                ),
            )
            .hint(t!(
                "标题是“{title}”的页面是 content/{rel}，写成 [{title}](@/{rel})",
                "the page titled “{title}” is content/{rel}: write [{title}](@/{rel})"
            ))
        }
        guess => {
            let d = Diagnostic::error(
                input.path,
                t!(
                    "“[[{title}]]”不会变成链接，而且没有标题是“{title}”的页面",
                    "`[[{title}]]` is not a link, and no page is titled “{title}”"
                ),
            );
            match guess {
                Some(g) => {
                    let rel = g.rel;
                    d.hint(t!(
                        "是不是想链接到 content/{rel}？写成 [{title}](@/{rel})",
                        "did you mean content/{rel}? Write [{title}](@/{rel})"
                    ))
                }
                None => d.hint(t!(
                    "链接写成 [链接文字](@/文件夹/文件名.md)；标题要和那个页面开头 title: 后面写的一字不差",
                    "write a link as [text](@/folder/file.md); a title must be exactly what the page's title: says"
                )),
            }
        }
    }
}
