//! Footnotes: numbered references, definitions written at the end.

use std::collections::{BTreeMap, HashSet};
use std::ops::Range;

use pulldown_cmark::{Event, Tag, TagEnd};

/// Moves footnote definitions out of the stream (they are written at the end, in the
/// order first referenced) and numbers references. Ids are `fn-N` and `fnref-N`:
/// pulldown-cmark's own are bare labels, which collide with heading ids.
pub(super) fn footnotes<'a>(
    events: &mut Vec<(Event<'a>, Range<usize>)>,
    used_ids: &mut HashSet<String>,
) -> Vec<(usize, Vec<Event<'a>>)> {
    if !events
        .iter()
        .any(|(e, _)| matches!(e, Event::FootnoteReference(_)))
    {
        return Vec::new();
    }
    let mut numbers: BTreeMap<String, usize> = BTreeMap::new();
    let mut defs: BTreeMap<String, Vec<Event<'a>>> = BTreeMap::new();
    let old = super::take_events(events);
    let mut current: Option<(String, Vec<Event<'a>>)> = None;
    let mut nesting = 0;
    for (event, range) in old {
        if let Some((label, buf)) = current.as_mut() {
            match &event {
                Event::Start(Tag::FootnoteDefinition(_)) => nesting += 1,
                Event::End(TagEnd::FootnoteDefinition) if nesting == 0 => {
                    defs.insert(std::mem::take(label), std::mem::take(buf));
                    current = None;
                    continue;
                }
                Event::End(TagEnd::FootnoteDefinition) => nesting -= 1,
                _ => {}
            }
            if let Event::FootnoteReference(l) = &event {
                let next = numbers.len() + 1;
                let n = *numbers.entry(l.to_string()).or_insert(next);
                buf.push(Event::Html(
                    format!("<sup class=\"fn-ref\"><a href=\"#fn-{n}\">{n}</a></sup>").into(),
                ));
                continue;
            }
            buf.push(event);
            continue;
        }
        match event {
            Event::Start(Tag::FootnoteDefinition(label)) => {
                current = Some((label.to_string(), Vec::new()));
            }
            Event::FootnoteReference(label) => {
                let next = numbers.len() + 1;
                let n = *numbers.entry(label.to_string()).or_insert(next);
                let html = format!(
                    "<sup class=\"fn-ref\"><a href=\"#fn-{n}\" id=\"fnref-{n}\" aria-label=\"注释{n}\">[{n}]</a></sup>"
                );
                events.push((Event::InlineHtml(html.into()), range));
            }
            other => events.push((other, range)),
        }
    }
    let mut ordered: Vec<(usize, Vec<Event<'a>>)> = numbers
        .iter()
        .filter_map(|(label, &n)| defs.remove(label).map(|d| (n, d)))
        .collect();
    ordered.sort_by_key(|(n, _)| *n);
    for (n, _) in &ordered {
        used_ids.insert(format!("fn-{n}"));
        used_ids.insert(format!("fnref-{n}"));
    }
    ordered
}
