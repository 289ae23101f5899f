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
    /// and keeps that line to show under the message (not one longer than
    /// [`LONG_LINE`]: each diagnostic would hold a copy of it).
    pub fn at(mut self, text: &str, line: usize, col: usize) -> Self {
        self.line = line;
        self.col = col;
        self.source_line = text
            .lines()
            .nth(line.saturating_sub(1))
            .filter(|_| line > 0)
            .map(|l| l.trim_end_matches('\r'))
            .filter(|l| l.len() <= LONG_LINE)
            .map(Arc::from);
        self
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

/// Lines longer than this (bytes) are not quoted by a [`Locator`].
pub(crate) const LONG_LINE: usize = 4096;

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
    /// The last line quoted: where it starts, and its text (`None`: too long).
    quoted: RefCell<Option<(usize, Option<Arc<str>>)>>,
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
        }
    }

    /// `d` at byte `offset` of the text: as [`Diagnostic::at_offset`] places it,
    /// but a line longer than [`LONG_LINE`] is not quoted (the diagnostic still
    /// names its line and column).
    pub(crate) fn place(&self, d: Diagnostic, offset: usize) -> Diagnostic {
        let p = self.locate(offset);
        Diagnostic {
            line: p.line,
            col: p.col,
            source_line: self.quote(p.line_start),
            ..d
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
        if offset < p.line_start {
            // An earlier line: found in the index of line starts.
            let starts = self.starts();
            let line = starts.partition_point(|&s| s <= offset);
            p = Place {
                offset: starts[line - 1],
                line,
                line_start: starts[line - 1],
                col: 1,
            };
        } else if offset < p.offset {
            p.offset = p.line_start;
            p.col = 1;
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

    /// `d` at 1-based `line` and `col`: as [`Diagnostic::at`] places it, the
    /// line found in the index of line starts (made once), not by reading
    /// the text from its start.
    pub(crate) fn at_line(&self, d: Diagnostic, line: usize, col: usize) -> Diagnostic {
        let starts = self.starts();
        let source_line = (line > 0)
            .then(|| starts.get(line - 1))
            .flatten()
            .and_then(|&start| self.quote(start));
        Diagnostic {
            line,
            col,
            source_line,
            ..d
        }
    }

    /// The text of 1-based `line` (without its line break), as `str::lines`
    /// gives it.
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

    /// The line starting at `start`, as `str::lines` reads it (past a final
    /// line break there is no line); `None` when longer than [`LONG_LINE`]:
    /// every link of a page of one long line would otherwise hold a copy of
    /// it (5,000 links on a line of 110 KB held 550 MB).
    fn quote(&self, start: usize) -> Option<Arc<str>> {
        let mut quoted = self.quoted.borrow_mut();
        if let Some((at, line)) = &*quoted {
            if *at == start {
                return line.clone();
            }
        }
        let rest = &self.text.as_bytes()[start..];
        let end = memchr::memchr(b'\n', rest).map_or(self.text.len(), |i| start + i);
        let line = Some(self.text[start..end].trim_end_matches('\r'))
            .filter(|l| start < self.text.len() && l.len() <= LONG_LINE)
            .map(Arc::from);
        *quoted = Some((start, line.clone()));
        line
    }
}

/// The distinct lines (1-based) of many `offsets` in `text`, in order: one walk
/// through the text, whatever the number of offsets (a page of a hundred
/// thousand tags must not be read a hundred thousand times).
pub(crate) fn lines_of(text: &str, offsets: &mut [usize]) -> Vec<usize> {
    offsets.sort_unstable();
    let (mut lines, mut line, mut done) = (Vec::new(), 1, 0);
    for &o in offsets.iter() {
        line += text.as_bytes()[done..o]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        done = o;
        if lines.last() != Some(&line) {
            lines.push(line);
        }
    }
    lines
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
            let col = this.col.max(1) - 1;
            let (from, to) = if chars.len() > 60 {
                let from = col.saturating_sub(20);
                (from, (from + 60).min(chars.len()))
            } else {
                (0, chars.len())
            };
            let shown: String = chars[from..to].iter().collect();
            let lead = if from > 0 { "…" } else { "" };
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
    /// start, the line quoted unless longer than [`LONG_LINE`].
    fn reference(text: &str, offset: usize) -> (usize, usize, Option<Arc<str>>) {
        let (line, col) = line_col(text, offset);
        let d = Diagnostic::error("a.md", "x").at(text, line, col);
        (line, col, d.source_line)
    }

    fn placed(loc: &Locator<'_>, offset: usize) -> (usize, usize, Option<Arc<str>>) {
        let d = loc.place(Diagnostic::error("a.md", "x"), offset);
        (d.line, d.col, d.source_line)
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
            assert_eq!(placed(&loc, o), reference(text, o), "{o}");
        }
        assert_eq!(placed(&Locator::new(""), 0), reference("", 0));
        // A line too long to quote: placed, not quoted.
        let long = format!("第一行\n{}\n", "[表](a.pdf)".repeat(LONG_LINE / 10));
        let at = long.rfind('[').unwrap();
        let (line, _, quote) = placed(&Locator::new(&long), at);
        assert_eq!((line, quote), (2, None));
        assert_eq!(placed(&Locator::new(&long), at), reference(&long, at));
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
                proptest::prop_assert_eq!(placed(&loc, o), reference(&text, o), "{}", o);
            }
        }
    }

    #[test]
    fn the_locator_places_lines_as_at_does() {
        let text = "一\r\n\n三行\n四";
        let loc = Locator::new(text);
        for line in [0, 1, 2, 3, 4, 5, 9, 3, 1] {
            let a = Diagnostic::error("a.md", "x").at_in(&loc, line, 2);
            let b = Diagnostic::error("a.md", "x").at(text, line, 2);
            assert_eq!(
                (a.line, a.col, &a.source_line),
                (b.line, b.col, &b.source_line),
                "{line}"
            );
        }
        let ended = Locator::new("a\n");
        let d = Diagnostic::error("a.md", "x");
        assert_eq!(
            ended.at_line(d.clone(), 2, 1).source_line,
            d.at("a\n", 2, 1).source_line
        );
    }

    #[test]
    fn the_locator_shares_each_quoted_line() {
        let text = format!("标题\n{}\n", "[[缺页]] ".repeat(300));
        let loc = Locator::new(&text);
        let (a, b) = (placed(&loc, 10), placed(&loc, 50));
        assert!(Arc::ptr_eq(a.2.as_ref().unwrap(), b.2.as_ref().unwrap()));
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
