//! Heading ids, the table of contents and the excerpt.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use pulldown_cmark::{Event, HeadingLevel, Tag, TagEnd};

use super::TocEntry;
use crate::text::slug::heading_slug;

fn plain_text(events: &[(Event<'_>, Range<usize>)]) -> String {
    let mut s = String::new();
    for (e, _) in events {
        match e {
            Event::Text(t) | Event::Code(t) => s.push_str(t),
            Event::SoftBreak | Event::HardBreak => s.push(' '),
            _ => {}
        }
    }
    s
}

/// `base`, or `base-N` with the first free N: each base remembers the last N it
/// tried, so 20,000 equal headings cost linear, not quadratic, time.
fn unique_id(
    base: String,
    used_ids: &mut HashSet<String>,
    suffixes: &mut HashMap<String, usize>,
) -> String {
    if used_ids.insert(base.clone()) {
        return base;
    }
    let n = suffixes.entry(base.clone()).or_insert(0);
    loop {
        *n += 1;
        let candidate = format!("{base}-{n}");
        if used_ids.insert(candidate.clone()) {
            return candidate;
        }
    }
}

pub(super) fn headings(
    events: &mut [(Event<'_>, Range<usize>)],
    used_ids: &mut HashSet<String>,
    toc: &mut Vec<TocEntry>,
) {
    let mut suffixes = HashMap::new();
    let mut i = 0;
    while i < events.len() {
        if let Event::Start(Tag::Heading { level, .. }) = &events[i].0 {
            let level = *level;
            let end = (i + 1..events.len())
                .find(|&j| matches!(events[j].0, Event::End(TagEnd::Heading(_))))
                .unwrap_or(events.len());
            let title = plain_text(&events[i + 1..end]).trim().to_string();
            if let Event::Start(Tag::Heading { id, .. }) = &mut events[i].0 {
                let base = match id {
                    Some(explicit) => explicit.to_string(),
                    None => heading_slug(&title),
                };
                let unique = unique_id(base, used_ids, &mut suffixes);
                if matches!(level, HeadingLevel::H2 | HeadingLevel::H3) {
                    toc.push(TocEntry {
                        level: level as u8,
                        id: unique.clone(),
                        title,
                    });
                }
                *id = Some(unique.into());
            }
            i = end;
        }
        i += 1;
    }
}

pub(super) fn excerpt(events: &[(Event<'_>, Range<usize>)]) -> String {
    let Some(start) = events
        .iter()
        .position(|(e, _)| matches!(e, Event::Start(Tag::Paragraph)))
    else {
        return String::new();
    };
    let end = (start..events.len())
        .find(|&j| matches!(events[j].0, Event::End(TagEnd::Paragraph)))
        .unwrap_or(events.len());
    let text = plain_text(&events[start..end]);
    let text = text.trim();
    const MAX: usize = 120;
    if text.chars().count() > MAX {
        let cut: String = text.chars().take(MAX).collect();
        format!("{cut}……")
    } else {
        text.to_string()
    }
}
