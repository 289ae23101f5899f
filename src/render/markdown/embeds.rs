//! `indicator` code blocks replaced by their chart and table.

use std::ops::Range;

use pulldown_cmark::{Event, Tag, TagEnd};

use super::{MarkdownInput, Rendered};
use crate::diag::{Diagnostic, Locator};

/// Replaces fenced blocks whose info string is `indicator` with their chart, table
/// and link. On a plain Markdown host the block stays readable as code.
pub(super) fn embeds<'a>(
    input: &MarkdownInput<'_>,
    events: &mut Vec<(Event<'a>, Range<usize>)>,
    out: &mut Rendered,
    locator: &Locator<'_>,
) {
    let is_indicator = |e: &Event<'_>| matches!(e, Event::Start(Tag::CodeBlock(pulldown_cmark::CodeBlockKind::Fenced(info))) if info.split_whitespace().next() == Some("indicator"));
    if !events.iter().any(|(e, _)| is_indicator(e)) {
        return;
    }
    let old = super::take_events(events);
    let mut iter = old.into_iter();
    let mut count = 0;
    while let Some((event, range)) = iter.next() {
        if !is_indicator(&event) {
            events.push((event, range));
            continue;
        }
        let mut body = String::new();
        for (e, _) in iter.by_ref() {
            match e {
                Event::Text(t) => body.push_str(&t),
                Event::End(TagEnd::CodeBlock) => break,
                _ => {}
            }
        }
        count += 1;
        let block_offset = input.body_start + range.start;
        let (block_line, _) = locator.line_col(block_offset);
        match (input.embed)(&body, count) {
            Ok(e) => {
                out.embedded.push(e.indicator);
                events.push((Event::Html(e.html.into()), range));
            }
            Err(e) => {
                let (line, col) = if e.line == 0 {
                    (block_line, 1)
                } else {
                    (block_line + e.line, e.col.max(1))
                };
                out.diags.push(
                    Diagnostic::error(input.path, e.message)
                        .at_in(locator, line, col)
                        .hint(e.hint),
                );
            }
        }
    }
}
