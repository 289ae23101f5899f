//! Emphasis, strong emphasis and strikethrough, decided by one rule for every
//! script: CommonMark's delimiter algorithm (spec 0.31.2, "process emphasis"),
//! with the flanking rules of the CJK-friendly amendment (markdown-cjk-friendly,
//! the proposal for CommonMark issue 650). CommonMark counts `。`, `（` or `”`
//! as punctuation, so `**加强监测。**二是` closes nothing: a closing run after
//! punctuation must be followed by space or punctuation, which Chinese never
//! writes. The amendment counts CJK punctuation as CJK characters, and lets a
//! run between punctuation and a CJK character flank: Chinese emphasis works as
//! a reader expects, and text without CJK characters is CommonMark unchanged.
//!
//! pulldown-cmark 0.13 has no such option and no hook into its flanking, so its
//! decisions are taken back: the emphasis it made becomes its delimiter text
//! again, and every run of `*`, `_` (and `~` with strikethrough) is paired here.

use std::collections::HashMap;
use std::ops::Range;

use pulldown_cmark::{CowStr, Event, LinkType, Tag, TagEnd};
use unicode_properties::{GeneralCategory, GeneralCategoryGroup, UnicodeGeneralCategory};

type Events<'a> = Vec<(Event<'a>, Range<usize>)>;

/// Resolves emphasis in `events` (parsed from `body`) by the CJK-friendly rule.
/// `strike`: `~` and `~~` make strikethrough.
pub(super) fn resolve<'a>(body: &'a str, events: &mut Events<'a>, strike: bool) {
    // By bytes (the delimiters are ASCII): a char pattern walks every character.
    if memchr::memchr3(b'*', b'_', b'~', body.as_bytes()).is_none() {
        return;
    }
    undo(body, events);
    merge_text(body, events);
    let cuts = pair_all(body, events, strike);
    if !cuts.is_empty() {
        apply(body, events, cuts);
    }
}

/// Turns the emphasis pulldown-cmark made back into its delimiters (text).
/// A tag's range spans its delimiters: `n` at its start and `n` at its end.
fn undo<'a>(body: &'a str, events: &mut Events<'a>) {
    for (event, range) in events.iter_mut() {
        let (n, start) = match event {
            Event::Start(Tag::Emphasis) => (1, true),
            Event::End(TagEnd::Emphasis) => (1, false),
            Event::Start(Tag::Strong) => (2, true),
            Event::End(TagEnd::Strong) => (2, false),
            Event::Start(Tag::Strikethrough) | Event::End(TagEnd::Strikethrough) => {
                let n = if body[range.start..].starts_with("~~") {
                    2
                } else {
                    1
                };
                (n, matches!(event, Event::Start(_)))
            }
            _ => continue,
        };
        let delims = if start {
            range.start..range.start + n
        } else {
            range.end - n..range.end
        };
        *event = Event::Text(CowStr::Borrowed(&body[delims.clone()]));
        *range = delims;
    }
}

/// Whether a text event is the source verbatim (not an entity or an escape).
fn verbatim(body: &str, text: &str, range: &Range<usize>) -> bool {
    body.get(range.clone()) == Some(text)
}

/// Joins text events that are the source verbatim and adjacent in it, so that
/// delimiter runs (handed out in pieces) are seen whole. Text made from an
/// escape or an entity stays apart: it holds no delimiters.
fn merge_text<'a>(body: &'a str, events: &mut Events<'a>) {
    let old = super::take_events(events);
    // Whether the last event kept is verbatim text (checked once per event: a
    // run of merges must not compare the growing text again and again).
    let mut last_verbatim = false;
    for (event, range) in old {
        let is_verbatim = matches!(&event, Event::Text(t) if verbatim(body, t, &range));
        if let (true, Some((Event::Text(prev), prev_range))) = (is_verbatim, events.last_mut()) {
            if last_verbatim && prev_range.end == range.start {
                prev_range.end = range.end;
                *prev = CowStr::Borrowed(&body[prev_range.clone()]);
                continue;
            }
        }
        last_verbatim = is_verbatim;
        events.push((event, range));
    }
}

/// How a character next to a delimiter run counts for flanking.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    /// Unicode whitespace, or the start or end of the text.
    Space,
    /// Unicode punctuation (categories P and S) that is not CJK.
    Punct,
    /// Punctuation that is a CJK character (`。`, `，`, `（`, `“︁`).
    CjkPunct,
    /// Any other CJK character (East Asian Width W, F or H, and Hangul).
    Cjk,
    /// Anything else.
    Other,
}

/// CommonMark's Unicode whitespace: category Zs, tab, line feed, form feed, CR.
fn is_space(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\x0C' | '\r')
        || c.general_category() == GeneralCategory::SpaceSeparator
}

/// CommonMark's Unicode punctuation: categories P and S.
fn is_punct(c: char) -> bool {
    c.is_ascii_punctuation()
        || (!c.is_ascii()
            && matches!(
                c.general_category_group(),
                GeneralCategoryGroup::Punctuation | GeneralCategoryGroup::Symbol
            ))
}

/// A CJK character as the amendment defines it (Unicode 16 ranges: East Asian
/// Width W, F or H that are not emoji, and Hangul).
fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x11FF | 0x20A9 | 0x2329..=0x232A | 0x2630..=0x2637 | 0x268A..=0x268F
        | 0x2E80..=0x2E99 | 0x2E9B..=0x2EF3 | 0x2F00..=0x2FD5 | 0x2FF0..=0x303E
        | 0x3041..=0x3096 | 0x3099..=0x30FF | 0x3105..=0x312F | 0x3131..=0x318E
        | 0x3190..=0x31E5 | 0x31EF..=0x321E | 0x3220..=0x3247 | 0x3250..=0xA48C
        | 0xA490..=0xA4C6 | 0xA960..=0xA97C | 0xAC00..=0xD7A3 | 0xD7B0..=0xD7C6
        | 0xD7CB..=0xD7FB | 0xF900..=0xFAFF | 0xFE10..=0xFE19 | 0xFE30..=0xFE52
        | 0xFE54..=0xFE66 | 0xFE68..=0xFE6B | 0xFF01..=0xFFBE | 0xFFC2..=0xFFC7
        | 0xFFCA..=0xFFCF | 0xFFD2..=0xFFD7 | 0xFFDA..=0xFFDC | 0xFFE0..=0xFFE6
        | 0xFFE8..=0xFFEE | 0x16FE0..=0x16FE4 | 0x16FF0..=0x16FF6 | 0x17000..=0x18CD5
        | 0x18CFF..=0x18D1E | 0x18D80..=0x18DF2 | 0x1AFF0..=0x1AFF3 | 0x1AFF5..=0x1AFFB
        | 0x1AFFD..=0x1AFFE | 0x1B000..=0x1B122 | 0x1B132 | 0x1B150..=0x1B152 | 0x1B155
        | 0x1B164..=0x1B167 | 0x1B170..=0x1B2FB | 0x1D300..=0x1D356 | 0x1D360..=0x1D376
        | 0x1F200 | 0x1F202 | 0x1F210..=0x1F219 | 0x1F21B..=0x1F22E | 0x1F230..=0x1F231
        | 0x1F237 | 0x1F23B | 0x1F240..=0x1F248 | 0x1F260..=0x1F265 | 0x20000..=0x3FFFD)
}

fn class(c: char) -> Class {
    match (is_space(c), is_punct(c), is_cjk(c)) {
        (true, _, _) => Class::Space,
        (_, true, true) => Class::CjkPunct,
        (_, true, false) => Class::Punct,
        (_, false, true) => Class::Cjk,
        _ => Class::Other,
    }
}

/// Variation selectors that may follow a CJK character (U+FE0F asks for emoji).
fn is_text_selector(c: char) -> bool {
    ('\u{FE00}'..='\u{FE0E}').contains(&c)
}

/// Curly quotes, which are CJK punctuation when followed by U+FE01.
fn is_ambiguous_quote(c: char) -> bool {
    matches!(c, '\u{2018}' | '\u{2019}' | '\u{201C}' | '\u{201D}')
}

/// The class of what precedes byte `pos` of `body`: a character with a variation
/// selector counts as the character; an ideographic variation selector as CJK.
fn class_before(body: &str, pos: usize) -> Class {
    let mut chars = body[..pos].chars().rev();
    match chars.next() {
        None => Class::Space,
        Some(vs) if is_text_selector(vs) => match chars.next() {
            None => Class::Space,
            Some(q) if vs == '\u{FE01}' && is_ambiguous_quote(q) => Class::CjkPunct,
            Some(q) => class(q),
        },
        Some(c) if ('\u{E0100}'..='\u{E01EF}').contains(&c) => Class::Cjk,
        Some(c) => class(c),
    }
}

/// The class of what follows byte `pos` of `body`.
fn class_after(body: &str, pos: usize) -> Class {
    let mut chars = body[pos..].chars();
    match chars.next() {
        None => Class::Space,
        Some(q) if is_ambiguous_quote(q) && chars.next() == Some('\u{FE01}') => Class::CjkPunct,
        Some(c) => class(c),
    }
}

/// Whether the run may open and close: the amendment's left- and right-flanking
/// runs, then CommonMark's rules for `*` (and `~~`) and for `_` (and a single `~`).
fn can_open_close(ch: u8, len: usize, before: Class, after: Class) -> (bool, bool) {
    use Class::{Cjk, CjkPunct, Punct, Space};
    let left =
        after != Space && (after != Punct || matches!(before, Space | Punct | Cjk | CjkPunct));
    let right =
        before != Space && (before != Punct || matches!(after, Space | Punct | Cjk | CjkPunct));
    // A single `~` is never inside a word, like `_` (as pulldown-cmark has it):
    // Chinese writes ranges so, 3~5岁, 6~8人.
    if ch == b'_' || (ch == b'~' && len == 1) {
        let open = left && (!right || matches!(before, Punct | CjkPunct));
        let close = right && (!left || matches!(after, Punct | CjkPunct));
        (open, close)
    } else {
        (left, right)
    }
}

/// One delimiter run on the stack.
#[derive(Debug, Clone)]
struct Delim {
    ch: u8,
    /// The text event holding it, and its byte offset in that text.
    event: usize,
    start: usize,
    /// The run's length as written, and how many of it are still unpaired.
    len: usize,
    count: usize,
    open: bool,
    close: bool,
}

/// A delimiter become a tag: `len` bytes at `pos` of text event `event`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Cut {
    event: usize,
    pos: usize,
    len: usize,
    ch: u8,
    open: bool,
}

/// Whether the byte at `pos` is escaped by an odd number of backslashes.
fn escaped(body: &str, pos: usize) -> bool {
    body.as_bytes()[..pos]
        .iter()
        .rev()
        .take_while(|&&b| b == b'\\')
        .count()
        % 2
        == 1
}

/// The delimiter runs of text event `event` (`text`, at `range` of `body`).
fn runs(body: &str, text: &str, range: &Range<usize>, event: usize, strike: bool) -> Vec<Delim> {
    let is_delim = |b: u8| b == b'*' || b == b'_' || (strike && b == b'~');
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut p = 0;
    while p < bytes.len() {
        let ch = bytes[p];
        if !is_delim(ch) || escaped(body, range.start + p) {
            p += 1;
            continue;
        }
        let start = p;
        while p < bytes.len() && bytes[p] == ch {
            p += 1;
        }
        let len = p - start;
        // `~~~` is neither strikethrough nor a fence here: plain text.
        if ch == b'~' && len > 2 {
            continue;
        }
        let before = class_before(body, range.start + start);
        let after = class_after(body, range.start + p);
        let (open, close) = can_open_close(ch, len, before, after);
        if open || close {
            out.push(Delim {
                ch,
                event,
                start,
                len,
                count: len,
                open,
                close,
            });
        }
    }
    out
}

/// Finds every pair of delimiters in `events`, scope by scope: a block (each
/// Start or End of one closes the scope), and the text of a link or image (its
/// own scope inside the surrounding one, as CommonMark processes it when the
/// link closes). Code blocks and autolinks hold no delimiters.
fn pair_all(body: &str, events: &Events<'_>, strike: bool) -> Vec<Cut> {
    let mut cuts = Vec::new();
    let mut scopes: Vec<Vec<Delim>> = vec![Vec::new()];
    // For each open link or image: is it an autolink (whose text is literal)?
    let mut links: Vec<bool> = Vec::new();
    let mut in_code = false;
    for (i, (event, range)) in events.iter().enumerate() {
        match event {
            Event::Start(Tag::Link { link_type, .. }) => {
                let auto = matches!(link_type, LinkType::Autolink | LinkType::Email);
                links.push(auto);
                if !auto {
                    scopes.push(Vec::new());
                }
            }
            Event::Start(Tag::Image { .. }) => {
                links.push(false);
                scopes.push(Vec::new());
            }
            Event::End(TagEnd::Link | TagEnd::Image)
                if links.pop() == Some(false) && scopes.len() > 1 =>
            {
                let inner = scopes.pop().unwrap_or_default();
                process(inner, &mut cuts);
            }
            Event::End(TagEnd::Link | TagEnd::Image) => {}
            Event::Start(_) | Event::End(_) => {
                in_code = matches!(event, Event::Start(Tag::CodeBlock(_)));
                if let Some(top) = scopes.last_mut() {
                    process(std::mem::take(top), &mut cuts);
                }
            }
            Event::Text(text)
                if !in_code && links.last() != Some(&true) && verbatim(body, text, range) =>
            {
                if let Some(top) = scopes.last_mut() {
                    top.extend(runs(body, text, range, i, strike));
                }
            }
            _ => {}
        }
    }
    for scope in scopes {
        process(scope, &mut cuts);
    }
    cuts
}

/// Whether `opener` and `closer` may pair: same character; `~` runs of the same
/// length; for `*` and `_` CommonMark's rule of three.
fn compatible(opener: &Delim, closer: &Delim) -> bool {
    if opener.ch != closer.ch || !opener.open {
        return false;
    }
    if opener.ch == b'~' {
        return opener.len == closer.len;
    }
    let both = opener.close || closer.open;
    !(both && (opener.len + closer.len) % 3 == 0 && !(opener.len % 3 == 0 && closer.len % 3 == 0))
}

/// CommonMark's "process emphasis" over one scope's delimiter stack, as a linked
/// list (removing what lies between a pair costs nothing); `bottom` keeps each
/// kind of closer from searching again where it found nothing.
fn process(mut delims: Vec<Delim>, cuts: &mut Vec<Cut>) {
    let n = delims.len();
    if n < 2 {
        return;
    }
    let mut prev: Vec<Option<usize>> = (0..n).map(|i| i.checked_sub(1)).collect();
    let mut next: Vec<Option<usize>> = (0..n).map(|i| (i + 1 < n).then_some(i + 1)).collect();
    let mut bottom: HashMap<(u8, bool, usize), Option<usize>> = HashMap::new();
    let unlink = |i: usize, prev: &mut Vec<Option<usize>>, next: &mut Vec<Option<usize>>| {
        if let Some(p) = prev[i] {
            next[p] = next[i];
        }
        if let Some(nx) = next[i] {
            prev[nx] = prev[i];
        }
    };
    let mut current = Some(0);
    while let Some(c) = current {
        if !delims[c].close {
            current = next[c];
            continue;
        }
        let key = (delims[c].ch, delims[c].open, delims[c].len % 3);
        let floor = bottom.get(&key).copied().flatten();
        let mut look = prev[c];
        let mut found = None;
        while let Some(o) = look {
            if floor.is_some_and(|f| o <= f) {
                break;
            }
            if compatible(&delims[o], &delims[c]) {
                found = Some(o);
                break;
            }
            look = prev[o];
        }
        let Some(o) = found else {
            // Nothing below here will ever open for this kind of closer.
            bottom.insert(key, prev[c]);
            let after = next[c];
            if !delims[c].open {
                unlink(c, &mut prev, &mut next);
            }
            current = after;
            continue;
        };
        let used = if delims[c].ch == b'~' {
            delims[c].len
        } else if delims[o].count >= 2 && delims[c].count >= 2 {
            2
        } else {
            1
        };
        delims[o].count -= used;
        let (od, cd) = (&delims[o], &delims[c]);
        cuts.push(Cut {
            event: od.event,
            pos: od.start + od.count,
            len: used,
            ch: od.ch,
            open: true,
        });
        cuts.push(Cut {
            event: cd.event,
            pos: cd.start + cd.len - cd.count,
            len: used,
            ch: cd.ch,
            open: false,
        });
        delims[c].count -= used;
        // What lay between the pair can no longer pair.
        next[o] = Some(c);
        prev[c] = Some(o);
        if delims[o].count == 0 {
            unlink(o, &mut prev, &mut next);
        }
        if delims[c].count == 0 {
            let after = next[c];
            unlink(c, &mut prev, &mut next);
            current = after;
        }
    }
}

/// Splits the text events at the cuts and puts the tags in.
fn apply<'a>(body: &'a str, events: &mut Events<'a>, mut cuts: Vec<Cut>) {
    cuts.sort_unstable();
    let mut cuts = cuts.into_iter().peekable();
    let old = super::take_events(events);
    for (i, (event, range)) in old.into_iter().enumerate() {
        if cuts.peek().is_none_or(|c| c.event != i) {
            events.push((event, range));
            continue;
        }
        let text = &body[range.clone()];
        let mut last = 0;
        while let Some(cut) = cuts.next_if(|c| c.event == i) {
            if cut.pos > last {
                events.push((
                    Event::Text(CowStr::Borrowed(&text[last..cut.pos])),
                    range.start + last..range.start + cut.pos,
                ));
            }
            let (start, end) = match (cut.ch, cut.len) {
                (b'~', _) => (Tag::Strikethrough, TagEnd::Strikethrough),
                (_, 2) => (Tag::Strong, TagEnd::Strong),
                _ => (Tag::Emphasis, TagEnd::Emphasis),
            };
            let e = if cut.open {
                Event::Start(start)
            } else {
                Event::End(end)
            };
            events.push((e, range.start + cut.pos..range.start + cut.pos + cut.len));
            last = cut.pos + cut.len;
        }
        if last < text.len() {
            events.push((
                Event::Text(CowStr::Borrowed(&text[last..])),
                range.start + last..range.end,
            ));
        }
    }
}
