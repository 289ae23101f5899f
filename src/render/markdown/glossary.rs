//! The first use of each glossary term, marked up.

use std::ops::Range;

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use super::{root_prefix, MarkdownInput};

/// Marks the first use of each glossary term on the page, outside headings,
/// links, images and code: a link to its entry with the explanation beside it.
pub(super) fn glossary_terms<'a>(
    input: &MarkdownInput<'_>,
    events: &mut Vec<(Event<'a>, Range<usize>)>,
) {
    if input.glossary.is_empty() {
        return;
    }
    let prefix = root_prefix(input.page_path);
    let mut marks = input.glossary.marks();
    let mut skip = 0usize;
    let old = super::take_events(events);
    for (event, range) in old {
        match &event {
            Event::Start(
                Tag::Heading { .. }
                | Tag::Link { .. }
                | Tag::Image { .. }
                | Tag::CodeBlock(_)
                | Tag::TableHead,
            ) => skip += 1,
            Event::End(
                TagEnd::Heading(_)
                | TagEnd::Link
                | TagEnd::Image
                | TagEnd::CodeBlock
                | TagEnd::TableHead,
            ) => skip = skip.saturating_sub(1),
            _ => {}
        }
        let Event::Text(text) = &event else {
            events.push((event, range));
            continue;
        };
        if skip > 0 || marks.left == 0 {
            events.push((event, range));
            continue;
        }
        // Cut the text at every first use it contains, earliest first.
        let text = text.to_string();
        let mut pos = 0;
        let mut pieces: Vec<Event<'a>> = Vec::new();
        for (at, end, i) in input.glossary.first_uses(&text, &mut marks) {
            let len = end - at;
            if at > pos {
                pieces.push(Event::Text(CowStr::Boxed(text[pos..at].into())));
            }
            let t = &input.glossary[i];
            let esc = crate::text::escape::html;
            pieces.push(Event::InlineHtml(CowStr::Boxed(
                format!(
                    "<span class=\"term-wrap\"><a class=\"term\" href=\"{prefix}glossary/#{id}\" aria-describedby=\"tip-{id}\">{word}</a><span class=\"term-tip\" role=\"tooltip\" id=\"tip-{id}\">{plain}</span></span>",
                    id = t.id,
                    word = esc(&text[at..at + len]),
                    plain = esc(&t.plain)
                )
                .into_boxed_str(),
            )));
            pos = at + len;
        }
        if pieces.is_empty() {
            events.push((Event::Text(CowStr::Boxed(text.into_boxed_str())), range));
            continue;
        }
        if pos < text.len() {
            pieces.push(Event::Text(CowStr::Boxed(text[pos..].into())));
        }
        events.extend(pieces.into_iter().map(|e| (e, range.clone())));
    }
}
