//! Front matter fields as the site reads them: located diagnostics for a field,
//! dates, names under a key (with "did you mean"), a service guide's answers.

use std::path::Path;

use super::Date;
use crate::diag::{Diagnostic, Diagnostics};
use crate::indicator::{self, Indicator};
use crate::msg::{site as m, Text};
use crate::parse::front_matter::{Document, FrontMatter};
use crate::source::SourceFile;

/// What a service guide leaves unanswered, as errors at its front matter.
pub(super) fn service_guide_gaps(path: &Path, doc: &Document, fm: &FrontMatter) -> Vec<Diagnostic> {
    let mut gaps = Vec::new();
    let mut missing = |key: &str, _what: &str, example: &str| {
        gaps.push(
            Diagnostic::error(path, m::guide_gap(key))
                .at(&doc.text, doc.front_line(), 1)
                .hint(m::guide_gap_hint(example)),
        );
    };
    if fm
        .what_you_get
        .as_deref()
        .is_none_or(|s| s.trim().is_empty())
    {
        missing(
            "what_you_get",
            "what a person gets",
            "what_you_get: 每年一次免费健康体检",
        );
    }
    if fm.who_can_apply.is_empty() {
        missing(
            "who_can_apply",
            "who can apply",
            "who_can_apply:\n  - 年满65岁\n  - 在本市居住",
        );
    }
    if fm.how_to_apply.is_empty() {
        missing(
            "how_to_apply",
            "how to apply",
            "how_to_apply:\n  - 带上身份证到社区卫生服务中心\n  - 预约体检时间",
        );
    }
    let place = fm.place.as_ref();
    if place.is_none_or(|p| {
        p.office.is_none() && p.address.is_none() && p.online.is_none() && p.phone.is_none()
    }) {
        missing(
            "where",
            "where to go or call",
            "where:\n  office: 社区卫生服务中心\n  hours: 工作日 8:00–17:00\n  phone: \"12345\"",
        );
    }
    if let Some(d) = &fm.last_reviewed {
        if let Err(e) = date_value(path, doc, "last_reviewed", d) {
            gaps.push(e);
        }
    }
    gaps
}

/// The line of `key:` in the front matter of `doc` (the first front matter line if absent).
pub fn key_line(doc: &Document, key: &str) -> usize {
    doc.key_line(key)
}

/// An error at the first front matter line that holds `value` (an address, a
/// name), or at the start of the front matter.
pub(super) fn value_diag(path: &Path, doc: &Document, value: &str, message: Text) -> Diagnostic {
    let line0 = doc.front_line();
    let found = doc.front_text().lines().enumerate().find_map(|(i, l)| {
        l.find(value)
            .map(|at| (line0 + i, l[..at].chars().count() + 1))
    });
    let (line, col) = found.unwrap_or((line0, 1));
    Diagnostic::error(path, message).at(&doc.text, line, col)
}

/// The date written at front matter `key`, or an error at that key's line.
pub(super) fn date_value(
    path: &std::path::Path,
    doc: &Document,
    key: &str,
    value: &str,
) -> std::result::Result<Date, Diagnostic> {
    Date::parse_verbose(value).map_err(|e| {
        let why = date_why(value, e.message);
        key_diag(path, doc, key, m::bad_date(value, &why)).hint(m::date_hint(key))
    })
}

/// Why `value` is not a date, in terms an editor can act on: a month or day
/// out of range, else what the date reader `said` (a character that does not
/// belong, the day missing from `2024年1月`, …).
pub(super) fn date_why(value: &str, said: crate::msg::Text) -> m::DateWhy {
    let value = value.trim();
    let day_part = value.split(['T', ' ']).next().unwrap_or("");
    let nums: Vec<Option<u32>> = day_part
        .split(['-', '/', '.'])
        .map(|p| p.parse().ok())
        .collect();
    if let [Some(y), Some(mo), Some(d)] = nums[..] {
        if !(1..=12).contains(&mo) {
            return m::DateWhy::Month(mo);
        }
        let y16 = i16::try_from(y).unwrap_or(i16::MAX);
        let d8 = i8::try_from(d).unwrap_or(i8::MAX);
        if Date::from_ymd(y16, mo as i8, d8).is_none() {
            return m::DateWhy::Day(y, mo, d);
        }
    }
    m::DateWhy::Said(said)
}

pub(super) fn key_diag(path: &Path, doc: &Document, key: &str, message: Text) -> Diagnostic {
    key_diag_at(path, doc, key, None, message)
}

/// An error on the line of `key:`, at `needle` in that line when given (a list
/// item), else at the value; at column 1 when the key is not written.
pub(super) fn key_diag_at(
    path: &Path,
    doc: &Document,
    key: &str,
    needle: Option<&str>,
    message: Text,
) -> Diagnostic {
    let line = key_line(doc, key);
    let text = doc.text.lines().nth(line - 1).unwrap_or_default();
    let col = if !text.starts_with(key) {
        1
    } else {
        let value = &text[key.len()..];
        match needle.and_then(|n| value.find(n)) {
            Some(i) => text[..key.len() + i].chars().count() + 1,
            None => key.chars().count() + 3,
        }
    };
    Diagnostic::error(path, message).at(&doc.text, line, col)
}

/// Errors at the terms written under one front matter key, for a list of
/// many: the key's line found once, each term looked for from where the last
/// one was found (in the order written, one reading of the line), the list
/// of known names made once and named in part, a suggestion for the first
/// [`SUGGESTED`] only (each reads every known name). A front matter list of
/// 20,000 unknown names took 16 s.
pub(super) struct TermErrors<'d> {
    path: &'d Path,
    key: &'d str,
    line: usize,
    /// The key's line, the locator of the file.
    text: &'d str,
    loc: crate::diag::Locator<'d>,
    /// Where the last term was found in the line: byte, characters before it.
    cursor: (usize, usize),
    suggested: usize,
}

/// How many unknown names of one list get a suggestion.
const SUGGESTED: usize = 50;

/// `names` joined with `、`, the first [`crate::msg::NAMED`] only, and how
/// many more.
pub(super) fn listed(names: &[&str]) -> String {
    match crate::msg::named_in_part(names, "、") {
        (shown, 0) => shown,
        (shown, more) => format!("{shown}……（还有 {more} 个）"),
    }
}

impl<'d> TermErrors<'d> {
    pub(super) fn new(path: &'d Path, doc: &'d Document, key: &'d str) -> Self {
        let line = key_line(doc, key);
        let loc = crate::diag::Locator::new(&doc.text);
        let text = loc.line(line).unwrap_or_default();
        TermErrors {
            path,
            key,
            line,
            text,
            loc,
            cursor: (0, 0),
            suggested: 0,
        }
    }

    /// An error at `needle` on the key's line (a list item), else at the
    /// value; at column 1 when the key is not written there.
    pub(super) fn at(&mut self, needle: &str, message: Text) -> Diagnostic {
        let (text, key) = (self.text, self.key);
        let col = if !text.starts_with(key) {
            1
        } else {
            let (from, before) = match self.cursor {
                // Nothing found yet: from the end of the key.
                (0, _) => (key.len(), key.chars().count()),
                c => c,
            };
            let found = match text[from..].find(needle) {
                Some(i) => Some((from + i, before + text[from..from + i].chars().count())),
                None => text[key.len()..]
                    .find(needle)
                    .map(|i| (key.len() + i, text[..key.len() + i].chars().count())),
            };
            match found {
                Some((at, chars)) => {
                    self.cursor = (at, chars);
                    chars + 1
                }
                None => key.chars().count() + 3,
            }
        };
        Diagnostic::error(self.path, message).at_in(&self.loc, self.line, col)
    }

    /// `list` with the known name `written` most likely meant, while the
    /// list's suggestions last.
    pub(super) fn hint(&mut self, written: &str, names: &[&str], list: Text) -> Text {
        self.suggested += 1;
        match self.suggested <= SUGGESTED {
            true => with_suggestion(written, names, list),
            false => list,
        }
    }
}

/// Resolves the terms written under `key` (by name or slug) against `known`;
/// unknown ones are errors at that line. Returns the indices of the known ones.
pub(super) fn resolve_terms(
    path: &Path,
    doc: &Document,
    key: &str,
    written: &[String],
    known: &[crate::parse::config::TermDef],
    found: &mut Diagnostics,
) -> Vec<usize> {
    // Each name and slug: the first term it names.
    let mut index: ahash::HashMap<&str, usize> = Default::default();
    for (i, a) in known.iter().enumerate() {
        index.entry(a.name.as_str()).or_insert(i);
        index.entry(a.slug.as_str()).or_insert(i);
    }
    let (mut out, mut taken) = (Vec::new(), ahash::HashSet::default());
    let names: Vec<&str> = known.iter().map(|a| a.name.as_str()).collect();
    let mut errors: Option<(TermErrors<'_>, Text)> = None;
    for term in names_meant(written, |t| index.contains_key(t)) {
        match index.get(term) {
            Some(&i) if taken.insert(i) => out.push(i),
            Some(_) => {}
            None => {
                let (errors, list) = errors.get_or_insert_with(|| {
                    let list = m::use_one_of_or_add(&listed(&names), key);
                    (TermErrors::new(path, doc, key), list)
                });
                let hint = errors.hint(term, &names, list.clone());
                let d = errors.at(term.trim(), m::unknown_term(term, key));
                found.push(d.hint(hint));
            }
        }
    }
    out
}

/// The names written under a key, as meant: a name known as a whole stays whole
/// (the life event `找工作、失业了`); any other name holding `、`, `，` or `,`
/// (`audiences: 老年人、残疾人`) is the list of its parts.
pub(super) fn names_meant(written: &[String], known: impl Fn(&str) -> bool) -> Vec<&str> {
    written
        .iter()
        .flat_map(|w| {
            let whole = w.trim();
            let parts: Vec<&str> = if known(whole) {
                vec![whole]
            } else {
                whole
                    .split(['、', '，', ','])
                    .map(str::trim)
                    .filter(|p| !p.is_empty())
                    .collect()
            };
            parts
        })
        .collect()
}

/// `list` after "did you mean …?" when one of `names` is close to `written`.
pub(super) fn with_suggestion(written: &str, names: &[&str], list: Text) -> Text {
    match crate::text::suggest::closest(written, names.iter().copied()) {
        Some(meant) => m::did_you_mean(meant).then(&list),
        None => list,
    }
}

/// The stems of indicator files in `files` that gave no indicator: they exist,
/// and their own errors say why they did not load.
pub(super) fn failed_indicator_ids(
    files: &[SourceFile],
    loaded: &[Indicator],
) -> std::collections::BTreeSet<String> {
    let prefix = format!("{}/", indicator::DIR);
    files
        .iter()
        .filter(|f| !loaded.iter().any(|i| i.path == f.path))
        .filter_map(|f| {
            let rest = f.rel.strip_prefix(&prefix)?;
            let stem = rest
                .strip_suffix(".yaml")
                .or_else(|| rest.strip_suffix(".yml"))?;
            Some(stem.to_string())
        })
        .collect()
}
