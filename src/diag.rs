//! Diagnostics: what went wrong in the site's sources, where, and what to do.
//!
//! Content mistakes are collected as [`Diagnostic`]s and reported together, never
//! thrown at the first one. This module formats them (`path:line:col: error: message`,
//! the source line with a caret, a hint); it never prints: callers decide where the
//! text goes (the terminal, or later the browser overlay of `serve`).

use std::cell::{Cell, OnceCell, RefCell};
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::msg::{Lang, Text};

/// How bad a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The site cannot be published until this is fixed.
    Error,
    /// Worth fixing, but the site still builds.
    Warning,
}

/// One finding about one place in one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// The file, relative to the site root where possible.
    pub path: Box<Path>,
    /// 1-based line; 0 when the finding is about the whole file.
    pub line: usize,
    /// 1-based column in characters (what an editor shows); 0 when unknown.
    pub col: usize,
    /// What is wrong, in one sentence, in both languages.
    pub message: Text,
    /// The offending source line, shown under the message.
    pub source_line: Option<Arc<str>>,
    /// Characters of the line left out before `source_line`: a line longer
    /// than [`LONG_LINE`] is quoted around the place only.
    /// (A `u32`: it sits beside `severity`, the diagnostic no larger for it.)
    pub quote_from: u32,
    /// What to do about it, in both languages.
    pub hint: Option<Text>,
    /// Which review rule found it (`minsheng check`), if one did.
    pub rule: Option<&'static str>,
}

impl Diagnostic {
    /// An error about `path` as a whole.
    pub fn error(path: impl Into<PathBuf>, message: impl Into<Text>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            path: path.into().into_boxed_path(),
            line: 0,
            col: 0,
            message: message.into(),
            source_line: None,
            quote_from: 0,
            hint: None,
            rule: None,
        }
    }

    /// A warning about `path` as a whole.
    pub fn warning(path: impl Into<PathBuf>, message: impl Into<Text>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(path, message)
        }
    }

    /// Points the diagnostic at `line`:`col` (1-based) of `text`, the whole file's text,
    /// and keeps that line to show under the message (a line longer than
    /// [`LONG_LINE`]: the part around the column). Many diagnostics of one
    /// text are placed by a [`Locator`] instead.
    pub fn at(self, text: &str, line: usize, col: usize) -> Self {
        Locator::new(text).at_line(self, line, col)
    }

    /// Points the diagnostic at a byte offset of `text`, the whole file's text.
    /// Many diagnostics of one text are placed by a [`Locator`] instead.
    pub fn at_offset(self, text: &str, offset: usize) -> Self {
        Locator::new(text).place(self, offset)
    }

    /// As [`Diagnostic::at`], placed by `loc`, shared by the findings of one
    /// text: many findings of a file cost one reading of it, not one each.
    pub(crate) fn at_in(self, loc: &Locator<'_>, line: usize, col: usize) -> Self {
        loc.at_line(self, line, col)
    }

    /// Adds a hint: what the editor should do.
    pub fn hint(mut self, hint: impl Into<Text>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Names the review rule that found it.
    pub fn rule(mut self, rule: &'static str) -> Self {
        self.rule = Some(rule);
        self
    }

    /// True for errors.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The diagnostic as text for a person reading `lang`:
    /// `path:line:col: 错误：message`, the source line with a caret, the hint.
    pub fn show(&self, lang: Lang) -> Shown<'_> {
        Shown { d: self, lang }
    }

    /// The diagnostic for tools (`check --format json`), its words in `lang`.
    pub fn to_json(&self, lang: Lang) -> serde_json::Value {
        let mut v = serde_json::json!({
            "severity": self.severity,
            "path": display_path(&self.path),
            "line": self.line,
            "col": self.col,
            "message": self.message.get(lang),
            "source_line": self.source_line.as_deref(),
            "hint": self.hint.as_ref().map(|h| h.get(lang)),
        });
        if self.quote_from > 0 {
            // A window of a long line: where it starts, in characters.
            v["source_line_from"] = self.quote_from.into();
        }
        if let Some(rule) = self.rule {
            v["rule"] = rule.into();
        }
        v
    }
}

/// A [`Diagnostic`] shown in one language (see [`Diagnostic::show`]).
pub struct Shown<'a> {
    d: &'a Diagnostic,
    lang: Lang,
}

/// 1-based line and character column of a byte offset in `text`.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = before[line_start..].chars().count() + 1;
    (line, col)
}

/// Lines longer than this (bytes) are quoted around the place only: a window
/// of whole [`BLOCK`]s, the place's and one each side (shared by the findings
/// in the same block, so that many findings on one long line hold each part
/// of it at most three times, and a report of them stays small).
pub(crate) const LONG_LINE: usize = 4096;

/// How far on (bytes) a place is found through the index of line starts
/// rather than by counting the lines between.
const FAR: usize = 64 * 1024;

/// The pieces a long line is quoted in (bytes).
const BLOCK: usize = 1024;

/// Places diagnostics at byte offsets of one text met mostly in increasing
/// order (a page's events, one pass after another): each line and column
/// counted from the last place, not from the start of the text, and each line
/// quoted once, shared by every diagnostic on it. [`Diagnostic::at_offset`]
/// counts from the start and copies the line each time: a page of 20,000
/// attachment links took 4.9 s, 20,000 wiki links on one line 55 s, and an
/// 8 MiB page of them would have taken hours.
///
/// Going back (the next pass over the page) starts again from the start of
/// the line, found in an index of line starts made at the first such step.
pub(crate) struct Locator<'t> {
    text: &'t str,
    at: Cell<Place>,
    /// Where each line starts, made when first needed.
    starts: OnceCell<Vec<usize>>,
    /// The last quote made: where its line starts, the block of a long line
    /// (0 for a short one), the quote and the characters before it.
    quoted: RefCell<Option<((usize, usize), Quote)>>,
    /// The last column found by [`Locator::at_line`] in a long line: the
    /// line's start, the column, its byte offset.
    column: Cell<(usize, usize, usize)>,
}

/// Where a [`Locator`] is: a byte offset, its line (1-based), where that line
/// starts, and its column (1-based, in characters).
#[derive(Clone, Copy)]
struct Place {
    offset: usize,
    line: usize,
    line_start: usize,
    col: usize,
}

const START: Place = Place {
    offset: 0,
    line: 1,
    line_start: 0,
    col: 1,
};

impl<'t> Locator<'t> {
    pub(crate) fn new(text: &'t str) -> Self {
        Locator {
            text,
            at: Cell::new(START),
            starts: OnceCell::new(),
            quoted: RefCell::new(None),
            column: Cell::new((usize::MAX, 0, 0)),
        }
    }

    /// `d` at byte `offset` of the text: its line and column (in characters),
    /// and the line quoted.
    pub(crate) fn place(&self, d: Diagnostic, offset: usize) -> Diagnostic {
        let p = self.locate(offset);
        let quote = self.quote(p.line_start, p.offset, p.col);
        Diagnostic {
            line: p.line,
            col: p.col,
            ..quoted(d, quote)
        }
    }

    /// The 1-based line and column of byte `offset` (as [`line_col`]).
    pub(crate) fn line_col(&self, offset: usize) -> (usize, usize) {
        let p = self.locate(offset);
        (p.line, p.col)
    }

    fn locate(&self, offset: usize) -> Place {
        let (text, bytes) = (self.text, self.text.as_bytes());
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let mut p = self.at.get();
        if offset < p.line_start || offset.saturating_sub(p.offset) > FAR {
            // An earlier line, or one far on: found in the index of line
            // starts (places met out of order cost a search each, not a
            // reading of everything between them).
            let starts = self.starts();
            let line = starts.partition_point(|&s| s <= offset);
            p = Place {
                offset: starts[line - 1],
                line,
                line_start: starts[line - 1],
                col: 1,
            };
        } else if offset < p.offset {
            // Back on the same line: counted back, not from the line's start.
            p.col -= text[offset..p.offset].chars().count();
            p.offset = offset;
        }
        match memchr::memrchr(b'\n', &bytes[p.offset..offset]) {
            Some(i) => {
                p.line += memchr::memchr_iter(b'\n', &bytes[p.offset..offset]).count();
                p.line_start = p.offset + i + 1;
                p.col = text[p.line_start..offset].chars().count() + 1;
            }
            None => p.col += text[p.offset..offset].chars().count(),
        }
        p.offset = offset;
        self.at.set(p);
        p
    }

    /// `d` at 1-based `line` and `col` (in characters), that line quoted:
    /// the line found in the index of line starts (made once), not by reading
    /// the text from its start.
    pub(crate) fn at_line(&self, d: Diagnostic, line: usize, col: usize) -> Diagnostic {
        let start = line
            .checked_sub(1)
            .and_then(|l| self.starts().get(l).copied());
        let quote = start.and_then(|start| {
            let offset = self.column_offset(start, col.max(1));
            self.quote(start, offset, col.max(1))
        });
        Diagnostic {
            line,
            col,
            ..quoted(d, quote)
        }
    }

    /// The byte offset of column `col` (1-based, in characters) of the line
    /// starting at `start` (its end, when shorter): counted on from the last
    /// column asked of the same line, if that was before it.
    fn column_offset(&self, start: usize, col: usize) -> usize {
        if self.text.len() - start <= LONG_LINE {
            // A short line is quoted whole: where in it does not matter.
            return start;
        }
        let (last_start, last_col, last_at) = self.column.get();
        let (mut c, mut at) = match last_start == start && last_col <= col {
            true => (last_col, last_at),
            false => (1, start),
        };
        for ch in self.text[at..].chars() {
            if c == col || ch == '\n' {
                break;
            }
            at += ch.len_utf8();
            c += 1;
        }
        self.column.set((start, c, at));
        at
    }

    /// The text of 1-based `line`, without its `\n` or `\r\n`.
    pub(crate) fn line(&self, line: usize) -> Option<&'t str> {
        let start = *self.starts().get(line.checked_sub(1)?)?;
        let rest = &self.text[start..];
        (start < self.text.len()).then(|| {
            let l = rest.split('\n').next().unwrap_or_default();
            l.strip_suffix('\r').unwrap_or(l)
        })
    }

    /// Where each line starts (a last one at the end, after a final line break).
    fn starts(&self) -> &[usize] {
        self.starts.get_or_init(|| {
            std::iter::once(0)
                .chain(memchr::memchr_iter(b'\n', self.text.as_bytes()).map(|i| i + 1))
                .collect()
        })
    }

    /// The quote of the line starting at `start` for a place at byte `offset`
    /// (column `col`) in it, as `str::lines` reads the line (past a final line
    /// break there is no line): the whole line, or for a line longer than
    /// [`LONG_LINE`] the blocks around the place, with the characters before.
    fn quote(&self, start: usize, offset: usize, col: usize) -> Option<Quote> {
        let (text, bytes) = (self.text, self.text.as_bytes());
        if start >= text.len() {
            return None;
        }
        // Only as far as a long line's first bytes are read to tell it long.
        let near = &bytes[start..text.len().min(start + LONG_LINE + 2)];
        let short = memchr::memchr(b'\n', near)
            .map(|i| start + i)
            .or((near.len() < LONG_LINE + 2).then_some(text.len()))
            .filter(|&end| is_short(&text[start..end]));
        let block = match short {
            Some(_) => 0,
            None => (offset - start) / BLOCK + 1,
        };
        let mut cache = self.quoted.borrow_mut();
        if let Some((key, quote)) = &*cache {
            if *key == (start, block) {
                return Some(quote.clone());
            }
        }
        let quote = match short {
            Some(end) => (Arc::from(text[start..end].trim_end_matches('\r')), 0),
            None => {
                let mut from = start + (block - 1).saturating_sub(1) * BLOCK;
                while !text.is_char_boundary(from) {
                    from += 1;
                }
                let far = text.len().min(start + (block + 1) * BLOCK);
                let mut to = memchr::memchr(b'\n', &bytes[from..far]).map_or(far, |i| from + i);
                while !text.is_char_boundary(to) {
                    to -= 1;
                }
                let window = text[from..to].trim_end_matches('\r');
                // The characters before the window: the column less those
                // between the window's start and the place.
                let before = (col - 1).saturating_sub(text[from..offset.max(from)].chars().count());
                (Arc::from(window), before)
            }
        };
        *cache = Some(((start, block), quote.clone()));
        Some(quote)
    }
}

/// Whether a line (to its `\n`, without it) is quoted whole: at most
/// [`LONG_LINE`] bytes, its `\r` before the `\n` not counted.
fn is_short(raw: &str) -> bool {
    raw.strip_suffix('\r').unwrap_or(raw).len() <= LONG_LINE
}

/// A quote of a line and the characters of the line before it.
type Quote = (Arc<str>, usize);

/// `d` with `quote` (and where it starts in its line) as its source line.
fn quoted(d: Diagnostic, quote: Option<Quote>) -> Diagnostic {
    let (source_line, quote_from) = match quote {
        Some((q, from)) => (Some(q), u32::try_from(from).unwrap_or(u32::MAX)),
        None => (None, 0),
    };
    Diagnostic {
        source_line,
        quote_from,
        ..d
    }
}

impl fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (d, lang) = (self.d, self.lang);
        let (kind, sep, hint_label) = match (d.severity, lang) {
            (Severity::Error, Lang::Zh) => ("错误", "：", "怎么改"),
            (Severity::Warning, Lang::Zh) => ("提醒", "：", "怎么改"),
            (Severity::Error, Lang::En) => ("error", ": ", "hint"),
            (Severity::Warning, Lang::En) => ("warning", ": ", "hint"),
        };
        let message = d.message.get(lang);
        let path = display_path(&d.path);
        match (d.line, d.col) {
            (0, _) => write!(f, "{path}: {kind}{sep}{message}")?,
            (l, 0) => write!(f, "{path}:{l}: {kind}{sep}{message}")?,
            (l, c) => write!(f, "{path}:{l}:{c}: {kind}{sep}{message}")?,
        }
        let this = d;
        if let Some(src) = &this.source_line {
            let num = this.line.to_string();
            let pad = " ".repeat(num.len());
            // A long line is shown as a window around the column, so the caret stays
            // on screen.
            let chars: Vec<char> = src.chars().collect();
            let col = (this.col.max(1) - 1).saturating_sub(this.quote_from as usize);
            let (from, to) = if chars.len() > 60 {
                let from = col.saturating_sub(20);
                (from, (from + 60).min(chars.len()))
            } else {
                (0, chars.len())
            };
            let shown: String = chars[from..to].iter().collect();
            let lead = if from > 0 || this.quote_from > 0 {
                "…"
            } else {
                ""
            };
            let tail = if to < chars.len() { "…" } else { "" };
            write!(f, "\n {num} | {lead}{shown}{tail}")?;
            if this.col > 0 {
                // Wide (CJK) characters take two terminal cells: keep the caret under them.
                let cells: usize = lead.chars().count()
                    + chars[from..col.min(chars.len()).max(from)]
                        .iter()
                        .map(|&c| if c == '\t' { 1 } else { char_cells(c) })
                        .sum::<usize>();
                write!(f, "\n {pad} | {}^", " ".repeat(cells))?;
            }
        }
        if let Some(hint) = &this.hint {
            // Continuation lines of a hint stay indented under it.
            let cells: usize = "  = ".len()
                + hint_label
                    .chars()
                    .chain(sep.chars())
                    .map(char_cells)
                    .sum::<usize>();
            let indent = " ".repeat(cells);
            write!(
                f,
                "\n  = {hint_label}{sep}{}",
                hint.get(lang).replace('\n', &format!("\n{indent}"))
            )?;
        }
        Ok(())
    }
}

/// How many findings of one file a report for people shows: 20,000 of one
/// mistake are not read one by one, and printed each they made a report of
/// hundreds of megabytes. The rest are counted, with the lines they are on.
pub const SHOWN_PER_FILE: usize = 100;

/// Writes `diags` (sorted, as [`Diagnostics::into_sorted`] gives them) for a
/// person: each file's first [`SHOWN_PER_FILE`], then one line saying how
/// many more there are and on which lines.
pub fn write_report(
    diags: &[Diagnostic],
    lang: Lang,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    for file in diags.chunk_by(|a, b| a.path == b.path) {
        for d in file.iter().take(SHOWN_PER_FILE) {
            writeln!(out, "{}\n", d.show(lang))?;
        }
        if let Some(more) = left_out(file, SHOWN_PER_FILE, lang) {
            writeln!(out, "{more}\n")?;
        }
    }
    Ok(())
}

/// The line counting `file`'s findings after its first `shown` (all of one
/// file), if there are more.
pub fn left_out<D: std::borrow::Borrow<Diagnostic>>(
    file: &[D],
    shown: usize,
    lang: Lang,
) -> Option<String> {
    let rest = file.get(shown..).filter(|r| !r.is_empty())?;
    let path = display_path(&rest[0].borrow().path);
    let n = rest.len();
    let errors = rest.iter().filter(|d| d.borrow().is_error()).count();
    let lines = rest.iter().map(|d| d.borrow().line).filter(|&l| l > 0);
    let (first, last) = (lines.clone().min().unwrap_or(0), lines.max().unwrap_or(0));
    let text = match first {
        f if f > 0 && f == last => crate::t!(
            "{path}：第 {f} 行还有 {n} 处问题没有列出（其中 {errors} 处错误）。先改好上面这些再生成；要看全部，运行 minsheng check --format json",
            "{path}: {n} more findings on line {f} not shown ({errors} errors). Fix those above first; `minsheng check --format json` lists them all"
        ),
        0 => crate::t!(
            "{path}：还有 {n} 处问题没有列出（其中 {errors} 处错误）。先改好上面这些再生成；要看全部，运行 minsheng check --format json",
            "{path}: {n} more findings not shown ({errors} errors). Fix those above first; `minsheng check --format json` lists them all"
        ),
        _ => crate::t!(
            "{path}：第 {first}–{last} 行还有 {n} 处问题没有列出（其中 {errors} 处错误）。先改好上面这些再生成；要看全部，运行 minsheng check --format json",
            "{path}: {n} more findings on lines {first}–{last} not shown ({errors} errors). Fix those above first; `minsheng check --format json` lists them all"
        ),
    };
    Some(text.get(lang).to_string())
}

/// Paths are shown with `/` on every platform, so error text is the same everywhere.
pub fn display_path(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// Terminal cells a character takes: 2 for East Asian wide and full-width characters.
pub fn char_cells(c: char) -> usize {
    let u = c as u32;
    let wide = matches!(u,
        0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF |
        0x4E00..=0x9FFF | 0xA000..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF |
        0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD);
    if wide {
        2
    } else {
        1
    }
}

/// Everything a build found, in a stable order.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics(Vec<Diagnostic>);

impl Diagnostics {
    /// Adds one finding.
    pub fn push(&mut self, d: Diagnostic) {
        self.0.push(d);
    }

    /// Adds many findings.
    pub fn extend(&mut self, ds: impl IntoIterator<Item = Diagnostic>) {
        self.0.extend(ds);
    }

    /// True when at least one finding is an error.
    pub fn has_errors(&self) -> bool {
        self.0.iter().any(Diagnostic::is_error)
    }

    /// Number of errors.
    pub fn error_count(&self) -> usize {
        self.0.iter().filter(|d| d.is_error()).count()
    }

    /// The findings sorted by file, line and column, duplicates removed, so that the
    /// report does not depend on the order parallel work finished in.
    pub fn into_sorted(mut self) -> Vec<Diagnostic> {
        self.0.sort_by(|a, b| {
            (&a.path, a.line, a.col, a.severity, &a.message)
                .cmp(&(&b.path, b.line, b.col, b.severity, &b.message))
        });
        self.0.dedup();
        self.0
    }

    /// The findings in the order they were added.
    pub fn as_slice(&self) -> &[Diagnostic] {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The distinct lines of `offsets` (in order), as the page's locator
    /// gives them to the raw-HTML warning.
    fn lines_of(text: &str, offsets: &mut [usize]) -> Vec<usize> {
        offsets.sort_unstable();
        let loc = Locator::new(text);
        let mut lines: Vec<usize> = offsets.iter().map(|&o| loc.line_col(o).0).collect();
        lines.dedup();
        lines
    }

    #[test]
    fn lines_of_offsets_in_one_walk() {
        let text = "a\nb <i>\n\n<u> <b>\nz";
        let mut offsets = [12, 4, 10, 0];
        assert_eq!(lines_of(text, &mut offsets), vec![1, 2, 4]);
        // A hundred thousand tags on one page: one walk, not one per tag.
        let big = "<b>x</b>\n".repeat(100_000);
        let mut all: Vec<usize> = (0..100_000).map(|i| i * 9).collect();
        assert_eq!(lines_of(&big, &mut all).len(), 100_000);
    }

    /// Where `offset` is, by the plain rule: line and column counted from the
    /// start, the line to its `\n` (none past a final one).
    fn reference(text: &str, offset: usize) -> (usize, usize, Option<String>) {
        let (line, col) = line_col(text, offset);
        let raw = text
            .lines()
            .nth(line - 1)
            .map(|_| text.split('\n').nth(line - 1).unwrap().to_string());
        (line, col, raw)
    }

    /// The place a locator gives, its quote checked against the whole line
    /// (`reference`): the whole line when short; else a part of it, starting
    /// `quote_from` characters in, holding the place with a block of context
    /// each side (where the line has it), at most three blocks long.
    fn placed_checked(d: Diagnostic, raw: &Option<String>) -> (usize, usize, Option<String>) {
        let quote = d.source_line.as_deref().map(str::to_string);
        let whole = raw.as_ref().map(|r| r.trim_end_matches('\r').to_string());
        match &whole {
            Some(w) if !is_short(raw.as_deref().unwrap_or_default()) => {
                let q = quote.clone().expect("a long line is quoted in part");
                let before: String = w.chars().take(d.quote_from as usize).collect();
                assert!(
                    w[before.len()..].starts_with(&q),
                    "the quote is where it says"
                );
                assert!(q.len() <= 3 * BLOCK);
                let at = w.char_indices().nth(d.col - 1).map_or(w.len(), |(i, _)| i);
                let (from, to) = (before.len(), before.len() + q.len());
                assert!(from <= at && at <= to, "the place is in the quote");
                assert!(
                    at - from >= BLOCK.min(at).saturating_sub(3),
                    "context before"
                );
                assert!(
                    to - at >= BLOCK.min(w.len() - at).saturating_sub(3),
                    "context after"
                );
                (d.line, d.col, raw.clone())
            }
            _ => {
                assert_eq!(d.quote_from, 0);
                assert_eq!(quote, whole);
                (d.line, d.col, raw.clone())
            }
        }
    }

    fn placed(loc: &Locator<'_>, text: &str, offset: usize) -> (usize, usize, Option<String>) {
        let whole = reference(text, offset).2;
        placed_checked(loc.place(Diagnostic::error("a.md", "x"), offset), &whole)
    }

    #[test]
    fn the_locator_places_as_counting_from_the_start_does() {
        let text = "---\r\ntitle: 镇江\r\n---\n第一行\n\n[链接](a.pdf) 和 [b](b.pdf)\r\n末行\n";
        // In order, back on the same line, back lines, at the end, inside a
        // character, past the end.
        let offsets = [
            0,
            3,
            5,
            9,
            20,
            30,
            31,
            40,
            35,
            2,
            44,
            text.len() - 1,
            text.len(),
            500,
        ];
        let loc = Locator::new(text);
        for o in offsets {
            assert_eq!(placed(&loc, text, o), reference(text, o), "{o}");
        }
        assert_eq!(placed(&Locator::new(""), "", 0), reference("", 0));
    }

    #[test]
    fn a_long_line_is_quoted_around_the_place() {
        let long = format!("第一行\n{}\r\n末行", "[表](a.pdf)，".repeat(LONG_LINE / 4));
        let loc = Locator::new(&long);
        // Forward, back, at both ends of the line: each quote checked.
        let starts: Vec<usize> = long.match_indices('[').map(|(i, _)| i).collect();
        let picks = [0, 1, 300, 301, 700, starts.len() - 1, 3, 600, 599];
        for &i in &picks {
            assert_eq!(
                placed(&loc, &long, starts[i]),
                reference(&long, starts[i]),
                "{i}"
            );
        }
        // Shown: the caret under the place, in a window of the quote.
        let d = loc.place(Diagnostic::error("a.md", "x"), starts[600]);
        let shown = d.show(Lang::En).to_string();
        let lines: Vec<&str> = shown.lines().collect();
        let caret = lines[2].find('^').unwrap();
        // The character above the caret (Chinese ones two cells wide) is the `[`.
        let mut cells = 0;
        let above = lines[1].chars().find(|&c| {
            cells += char_cells(c);
            cells > caret
        });
        assert_eq!(above, Some('['), "{shown}");
        assert!(lines[1].contains(" | …"), "{shown}");
        assert!(d.to_json(Lang::En)["source_line_from"].as_u64().unwrap() > 0);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(300))]
        /// Any text, any offsets in any order (passes over a page go back):
        /// the same place and quote as counting from the start.
        #[test]
        fn the_locator_agrees_with_counting_from_the_start(
            text in "([a\r\n镇江 ]|\n\n|\r\n){0,60}",
            offsets in proptest::collection::vec(0usize..200, 0..30),
        ) {
            let loc = Locator::new(&text);
            for o in offsets {
                proptest::prop_assert_eq!(placed(&loc, &text, o), reference(&text, o), "{}", o);
            }
        }

        /// Long lines too: any pieces repeated past LONG_LINE, any places.
        #[test]
        fn long_lines_are_placed_and_quoted_around_the_place(
            piece in "[a镇\r ]{1,6}",
            times in 700usize..3000,
            breaks in proptest::collection::vec(0usize..20_000, 0..3),
            offsets in proptest::collection::vec(0usize..20_000, 1..20),
        ) {
            let mut text = piece.repeat(times);
            for b in breaks {
                let mut b = b.min(text.len());
                while !text.is_char_boundary(b) { b -= 1; }
                text.insert(b, '\n');
            }
            let loc = Locator::new(&text);
            for o in offsets {
                let o = o.min(text.len());
                proptest::prop_assert_eq!(placed(&loc, &text, o), reference(&text, o), "{}", o);
                // By line and column as well.
                let (line, col, whole) = reference(&text, o);
                let d = Diagnostic::error("a.md", "x").at_in(&loc, line, col);
                proptest::prop_assert_eq!(placed_checked(d, &whole), (line, col, whole.clone()));
            }
        }
    }

    #[test]
    fn the_locator_places_lines_as_at_does() {
        let text = "一\r\n\n三行\n四";
        let loc = Locator::new(text);
        for line in [0, 1, 2, 3, 4, 5, 9, 3, 1] {
            let a = Diagnostic::error("a.md", "x").at_in(&loc, line, 2);
            let whole = (line > 0).then(|| text.lines().nth(line - 1)).flatten();
            assert_eq!(
                (a.line, a.col, a.source_line.as_deref()),
                (line, 2, whole),
                "{line}"
            );
        }
        let d = Diagnostic::error("a.md", "x");
        assert_eq!(Locator::new("a\n").at_line(d, 2, 1).source_line, None);
    }

    #[test]
    fn the_locator_shares_each_quoted_line() {
        let text = format!("标题\n{}\n", "[[缺页]] ".repeat(300));
        let loc = Locator::new(&text);
        let d = || Diagnostic::error("a.md", "x");
        let (a, b) = (loc.place(d(), 10), loc.place(d(), 50));
        assert!(Arc::ptr_eq(
            a.source_line.as_ref().unwrap(),
            b.source_line.as_ref().unwrap()
        ));
    }

    #[test]
    fn stepping_back_on_a_long_line_counts_back() {
        // Findings placed from the end of a long line to its start: each
        // step counted back from the last place (one reading of the line),
        // as a pass that meets its findings in another order does.
        let long = "镇江".repeat(200_000);
        let loc = Locator::new(&long);
        for i in (0..200_000).rev().step_by(997) {
            let (_, col) = loc.line_col(i * 6);
            assert_eq!(col, i * 2 + 1);
        }
        // Far on, through many lines: found through the index.
        let lines = "镇江 a\n".repeat(100_000);
        let loc = Locator::new(&lines);
        for o in (0..lines.len()).step_by(100_003).chain([5, 700_000, 3]) {
            assert_eq!(loc.line_col(o), line_col(&lines, o), "{o}");
        }
    }

    #[test]
    fn a_report_shows_each_files_first_findings_and_counts_the_rest() {
        let mut all = Diagnostics::default();
        for line in 1..=250 {
            all.push(Diagnostic::error("a.md", "x").at("", line, 1));
        }
        all.push(Diagnostic::warning("b.md", "y"));
        let sorted = all.into_sorted();
        let mut out = Vec::new();
        write_report(&sorted, Lang::En, &mut out).unwrap();
        let out = String::from_utf8(out).unwrap();
        assert_eq!(out.matches("a.md:").count(), SHOWN_PER_FILE + 1, "{out}");
        assert!(out.contains("a.md:100:1: error: x"));
        assert!(!out.contains("a.md:101:1: error: x"));
        assert!(out.contains("a.md: 150 more findings on lines 101–250 not shown (150 errors)"));
        assert!(out.ends_with("b.md: warning: y\n\n"), "{out}");
    }

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let text = "---\ntitle: 镇江\nx";
        let off = text.find('江').unwrap();
        assert_eq!(line_col(text, off), (2, 9));
    }

    #[test]
    fn display_puts_caret_under_wide_characters() {
        let text = "标题: [坏\n";
        let d = Diagnostic::error("a.md", "bad")
            .at(text, 1, 5)
            .hint("fix it");
        let s = d.show(Lang::En).to_string();
        assert_eq!(
            s,
            "a.md:1:5: error: bad\n 1 | 标题: [坏\n   |       ^\n  = hint: fix it"
        );
        let d = Diagnostic::error("a.md", crate::t!("坏了", "bad"))
            .at(text, 1, 5)
            .hint(crate::t!("这样改\n第二行", "fix it\nline two"));
        assert_eq!(
            d.show(Lang::Zh).to_string(),
            "a.md:1:5: 错误：坏了\n 1 | 标题: [坏\n   |       ^\n  = 怎么改：这样改\n            第二行"
        );
    }
}
