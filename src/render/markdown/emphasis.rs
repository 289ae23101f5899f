//! Emphasis as Chinese text writes it.

use std::collections::BTreeMap;
use std::ops::Range;

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

/// pulldown-cmark hands out unmatched delimiters as one-character text events:
/// join text events that are contiguous in the source, so runs can be seen whole.
pub(super) fn merge_text(events: &mut Vec<(Event<'_>, Range<usize>)>) {
    let old = std::mem::take(events);
    for (event, range) in old {
        if let (Event::Text(cur), Some((Event::Text(prev), prev_range))) =
            (&event, events.last_mut())
        {
            if prev_range.end == range.start {
                let joined = format!("{prev}{cur}");
                *prev = CowStr::Boxed(joined.into_boxed_str());
                prev_range.end = range.end;
                continue;
            }
        }
        events.push((event, range));
    }
}

/// Characters around which Chinese text places emphasis markers: Han ideographs,
/// CJK and full-width punctuation, and the curly quotes Chinese text uses.
fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x2FDF | 0x3000..=0x303F | 0x3040..=0x30FF | 0x3100..=0x31BF |
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xFE30..=0xFE4F |
        0xFF00..=0xFFEF | 0x20000..=0x3FFFD | 0x2018 | 0x2019 | 0x201C | 0x201D | 0x2026 | 0x2014)
}

/// CommonMark's flanking rules leave `**重要。**后文` and `**“普惠托育”**服务` unbolded:
/// a closing `**` after punctuation must be followed by space or punctuation, which
/// Chinese never writes. The markdown-cjk-friendly rule fixes this; pulldown-cmark
/// 0.13.6 does not have it yet. We apply it narrowly after parsing: delimiter runs
/// of `*` or `**` that the parser left as literal text, that touch a CJK character,
/// are paired left to right within one block at the same inline depth.
pub(super) fn cjk_emphasis<'a>(body: &'a str, events: &mut Vec<(Event<'a>, Range<usize>)>) {
    struct Cand {
        event: usize,
        pos: usize,
        len: usize,
        depth: usize,
    }
    let mut pairs: Vec<(Cand, Cand)> = Vec::new();
    let mut openers: Vec<Cand> = Vec::new();
    let mut depth = 0usize;
    let mut in_code = false;
    for (i, (event, range)) in events.iter().enumerate() {
        match event {
            Event::Start(tag) => match tag {
                Tag::Emphasis
                | Tag::Strong
                | Tag::Strikethrough
                | Tag::Link { .. }
                | Tag::Image { .. }
                | Tag::Superscript
                | Tag::Subscript => depth += 1,
                Tag::CodeBlock(_) | Tag::HtmlBlock => in_code = true,
                _ => openers.clear(),
            },
            Event::End(tag) => match tag {
                TagEnd::Emphasis
                | TagEnd::Strong
                | TagEnd::Strikethrough
                | TagEnd::Link
                | TagEnd::Image
                | TagEnd::Superscript
                | TagEnd::Subscript => {
                    depth = depth.saturating_sub(1);
                    openers.retain(|o| o.depth <= depth);
                }
                TagEnd::CodeBlock | TagEnd::HtmlBlock => in_code = false,
                _ => openers.clear(),
            },
            Event::Text(text) if !in_code && text.contains('*') => {
                // Only text that is the source verbatim: an escaped `\*` is not a delimiter.
                if body.get(range.clone()) != Some(text.as_ref()) {
                    continue;
                }
                let bytes = text.as_bytes();
                let mut p = 0;
                while p < bytes.len() {
                    if bytes[p] != b'*' {
                        p += 1;
                        continue;
                    }
                    let start = p;
                    while p < bytes.len() && bytes[p] == b'*' {
                        p += 1;
                    }
                    let len = p - start;
                    if len > 2 {
                        continue;
                    }
                    let abs = range.start + start;
                    let prev = body[..abs].chars().next_back();
                    if prev == Some('\\') {
                        continue;
                    }
                    let next = body[abs + len..].chars().next();
                    if !(prev.is_some_and(is_cjk) || next.is_some_and(is_cjk)) {
                        continue;
                    }
                    let can_open = next.is_some_and(|c| !c.is_whitespace());
                    let can_close = prev.is_some_and(|c| !c.is_whitespace());
                    let cand = Cand {
                        event: i,
                        pos: start,
                        len,
                        depth,
                    };
                    let matching = openers
                        .iter()
                        .rposition(|o| o.depth == depth && o.len == len);
                    if let (true, Some(k)) = (can_close, matching) {
                        let opener = openers.remove(k);
                        openers.truncate(k);
                        pairs.push((opener, cand));
                    } else if can_open {
                        openers.push(cand);
                    }
                }
            }
            _ => {}
        }
    }
    if pairs.is_empty() {
        return;
    }
    // Per event: the cut points (position in the text, run length, is it an opener).
    let mut cuts: BTreeMap<usize, Vec<(usize, usize, bool)>> = BTreeMap::new();
    for (o, c) in pairs {
        cuts.entry(o.event).or_default().push((o.pos, o.len, true));
        cuts.entry(c.event).or_default().push((c.pos, c.len, false));
    }
    let old = std::mem::take(events);
    for (i, (event, range)) in old.into_iter().enumerate() {
        let Some(mut cut) = cuts.remove(&i) else {
            events.push((event, range));
            continue;
        };
        cut.sort_unstable();
        let text = &body[range.clone()];
        let mut last = 0;
        for (pos, len, open) in cut {
            if pos > last {
                events.push((
                    Event::Text(CowStr::Borrowed(&text[last..pos])),
                    range.start + last..range.start + pos,
                ));
            }
            let tag_range = range.start + pos..range.start + pos + len;
            let e = match (len, open) {
                (2, true) => Event::Start(Tag::Strong),
                (2, false) => Event::End(TagEnd::Strong),
                (_, true) => Event::Start(Tag::Emphasis),
                (_, false) => Event::End(TagEnd::Emphasis),
            };
            events.push((e, tag_range));
            last = pos + len;
        }
        if last < text.len() {
            events.push((
                Event::Text(CowStr::Borrowed(&text[last..])),
                range.start + last..range.end,
            ));
        }
    }
}
