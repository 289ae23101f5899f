//! Splits a Markdown file into its YAML front matter and its body, and reads the
//! front matter into [`FrontMatter`]. Handles what editors' tools produce: a UTF-8
//! byte order mark, CRLF line endings, `...` as the closing line; reports the rest
//! (not UTF-8, empty, no closing line, bad YAML) at the line and column of the file.

use serde::Deserialize;

use crate::diag::{Diagnostic, Diagnostics};
use crate::msg::front_matter as m;
use crate::parse::yaml::{self, Lenient};
use crate::text::bytes::Bytes;

/// A Markdown file's text split into its parts.
#[derive(Debug, Clone)]
pub struct Document {
    /// The file's text: BOM removed, line endings normalised to `\n`. Shared
    /// with the file read when it needed neither.
    pub text: std::sync::Arc<String>,
    /// Byte range of the YAML between the `---` lines.
    pub front: std::ops::Range<usize>,
    /// Byte offset where the Markdown body starts.
    pub body_start: usize,
}

impl Document {
    /// The YAML text.
    pub fn front_text(&self) -> &str {
        &self.text[self.front.clone()]
    }
    /// The Markdown body.
    pub fn body(&self) -> &str {
        &self.text[self.body_start..]
    }
    /// 1-based file line on which the YAML starts.
    pub fn front_line(&self) -> usize {
        self.text[..self.front.start].matches('\n').count() + 1
    }
    /// The 1-based file line of the first front matter line starting with
    /// `key:` (the first front matter line when there is none). For many
    /// keys of one file, the sorted lines of `KeyLines` find them at once.
    pub fn key_line(&self, key: &str) -> usize {
        let line0 = self.front_line();
        (self.front_text().lines())
            .position(|l| starts_key(l, key))
            .map_or(line0, |i| line0 + i)
    }
}

/// Whether `line` starts with `key:`.
fn starts_key(line: &str, key: &str) -> bool {
    line.strip_prefix(key).is_some_and(|r| r.starts_with(':'))
}

/// Decodes and splits a file. `path` is only used in diagnostics.
pub fn split(path: &std::path::Path, bytes: &Bytes) -> Result<Document, Diagnostic> {
    use std::sync::Arc;
    let shared: Arc<String> = match bytes {
        Bytes::Text(t) => t.clone(),
        Bytes::Other(bytes) => match std::str::from_utf8(bytes) {
            Ok(t) => Arc::new(t.to_string()),
            Err(e) => {
                let good = &bytes[..e.valid_up_to()];
                let good = std::str::from_utf8(good).unwrap_or_default();
                let (line, col) = crate::diag::line_col(good, good.len());
                return Err(Diagnostic::error(path, m::not_utf8(e.valid_up_to() + 1))
                    .at(good, line, col)
                    .hint(m::not_utf8_hint()));
            }
        },
    };
    let text = shared.strip_prefix('\u{feff}').unwrap_or(&shared);
    // The memchr crate's vector search: the standard library's character
    // search over every page was 0.4% of a 10,000-page build.
    let text = if memchr::memchr(b'\r', text.as_bytes()).is_some() {
        Arc::new(text.replace("\r\n", "\n").replace('\r', "\n"))
    } else if text.len() < shared.len() {
        Arc::new(text.to_string())
    } else {
        shared.clone()
    };
    if text.trim().is_empty() {
        return Err(Diagnostic::error(path, m::empty()).hint(m::empty_hint()));
    }
    let first_line = text.lines().next().unwrap_or_default();
    if first_line.trim_end() != "---" {
        return Err(Diagnostic::error(path, m::no_opening())
            .at(&text, 1, 1)
            .hint(m::no_opening_hint()));
    }
    let front_start = first_line.len() + 1;
    let mut pos = front_start;
    while pos <= text.len() {
        let end = memchr::memchr(b'\n', &text.as_bytes()[pos..]).map_or(text.len(), |i| pos + i);
        let line = text[pos..end].trim_end();
        if line == "---" || line == "..." {
            let body_start = (end + 1).min(text.len());
            return Ok(Document {
                front: front_start.min(text.len())..pos,
                body_start,
                text,
            });
        }
        pos = end + 1;
    }
    Err(Diagnostic::error(path, m::no_closing())
        .at(&text, 1, 1)
        .hint(m::no_closing_hint()))
}

/// The keys a page's front matter may have.
pub const PAGE_KEYS: &[&str] = &[
    "title",
    "date",
    "summary",
    "domains",
    "audiences",
    "indicators",
    "slug",
    "draft",
    "weight",
    "template",
    "author",
    "editor",
    "reviewer",
    "sample",
    "updated",
    "events",
    "what_you_get",
    "who_can_apply",
    "how_to_apply",
    "documents",
    "where",
    "cost",
    "time_to_decide",
    "contact",
    "legal_basis",
    "last_reviewed",
];

/// The extra keys of a section's `_index.md`.
pub const SECTION_KEYS: &[&str] = &["sort_by", "paginate_by", "description"];
// (`template` is a page key, and a section's `_index.md` may use it too.)

/// What front matter says about a page or section.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(default)]
pub struct FrontMatter {
    /// The page's title.
    pub title: Option<String>,
    /// Publication date, `YYYY-MM-DD` or RFC 3339.
    pub date: Option<String>,
    /// Last substantive update, same format.
    pub updated: Option<String>,
    /// One or two sentences shown in listings and feeds.
    pub summary: Option<String>,
    /// Service domains (of the 13).
    pub domains: Vec<String>,
    /// Who the page is for.
    pub audiences: Vec<String>,
    /// Indicator ids the page discusses.
    pub indicators: Vec<String>,
    /// URL segment replacing the file name.
    pub slug: Option<String>,
    /// Left out of the build unless `--drafts`.
    pub draft: bool,
    /// Sort key when the section sorts by weight.
    pub weight: Option<i64>,
    /// Template name replacing the default.
    pub template: Option<String>,
    /// Who wrote it.
    pub author: Option<String>,
    /// Who edited it (编辑).
    pub editor: Option<String>,
    /// Who reviewed it (审核).
    pub reviewer: Option<String>,
    /// The page shows illustrative figures: it carries a "示例数据" notice.
    pub sample: bool,
    /// Section only: `date` (newest first, the default), `weight` or `title`.
    pub sort_by: Option<String>,
    /// Section only: listing page size.
    pub paginate_by: Option<usize>,
    /// Section only: a sentence describing the section.
    pub description: Option<String>,
    /// Life events the page helps with (the service finder's second way in).
    pub events: Vec<String>,
    /// Service guide: what a person gets, in one or two sentences.
    pub what_you_get: Option<String>,
    /// Service guide: plain conditions, one per item.
    pub who_can_apply: Vec<String>,
    /// Service guide: numbered steps.
    pub how_to_apply: Vec<String>,
    /// Service guide: what to bring.
    pub documents: Vec<String>,
    /// Service guide: where and when.
    #[serde(rename = "where")]
    pub place: Option<Place>,
    /// Service guide: what it costs.
    pub cost: Option<String>,
    /// Service guide: how long until a decision.
    pub time_to_decide: Option<String>,
    /// Service guide: whom to ask.
    pub contact: Option<String>,
    /// Service guide: the rules it rests on.
    pub legal_basis: Option<String>,
    /// Service guide: when an editor last checked it against the rules (a date).
    pub last_reviewed: Option<String>,
}

/// Where and when a service is given.
#[derive(Debug, Clone, Default, Deserialize, PartialEq, serde::Serialize, Hash)]
#[serde(default, deny_unknown_fields)]
pub struct Place {
    /// The office or counter.
    pub office: Option<String>,
    /// Its address.
    pub address: Option<String>,
    /// Opening hours.
    pub hours: Option<String>,
    /// A telephone number.
    pub phone: Option<String>,
    /// Where to apply online.
    pub online: Option<String>,
}

/// The items of a service guide's `where:` ([`Place`]).
const PLACE_KEYS: &[&str] = &["office", "address", "hours", "phone", "online"];

/// How front matter values written in editors' shorthand are read
/// (`audiences: 老年人、残疾人`, `draft: 是`).
const LENIENT: &[(&str, Lenient)] = &[
    ("domains", Lenient::Names),
    ("audiences", Lenient::Names),
    ("indicators", Lenient::Names),
    ("events", Lenient::Names),
    ("who_can_apply", Lenient::Items),
    ("how_to_apply", Lenient::Items),
    ("documents", Lenient::Items),
    ("draft", Lenient::YesNo),
    ("sample", Lenient::YesNo),
];

/// Reads the front matter of `doc`. `is_section` selects the set of known keys.
/// Diagnostics are located in the whole file.
pub fn parse(
    path: &std::path::Path,
    doc: &Document,
    is_section: bool,
    diags: &mut Diagnostics,
) -> Option<FrontMatter> {
    let yaml_text = doc.front_text();
    let line0 = doc.front_line();
    // Keyboard slips first: the YAML parser would report them later, worse.
    let list_keys: Vec<&str> = LENIENT
        .iter()
        .filter(|(_, l)| *l != Lenient::YesNo)
        .map(|(k, _)| *k)
        .collect();
    let slips = super::keyboard::yaml(yaml_text, line0, &list_keys);
    let stop = slips.iter().any(|s| s.error);
    // Many findings in one file are placed by one locator.
    let loc = crate::diag::Locator::new(&doc.text);
    for s in slips {
        let d = if s.error {
            Diagnostic::error(path, s.message)
        } else {
            Diagnostic::warning(path, s.message)
        };
        diags.push(d.at_in(&loc, s.line, s.col).hint(s.hint));
    }
    if stop {
        return None;
    }
    let locate = |e: &yaml::YamlError| -> (usize, usize) {
        match e.location {
            Some((l, c)) => (line0 + l - 1, c),
            None => (line0, 1),
        }
    };
    // One reading of the YAML answers all three questions below.
    let tree = match yaml::tree(yaml_text) {
        Ok(t) if t.is_mapping_or_empty() => t,
        Ok(_) => {
            diags.push(
                Diagnostic::error(path, m::not_a_mapping())
                    .at(&doc.text, line0, 1)
                    .hint(m::not_a_mapping_hint()),
            );
            return None;
        }
        Err(e) => {
            let (mut line, mut col) = locate(&e);
            // An unclosed `[` or `{` is found by the parser only lines later: point
            // at the bracket that was never closed.
            if e.message.contains("did not find expected") || e.message.contains("flow") {
                if let Some((l, c, close)) = unclosed_bracket(yaml_text, line + 1 - line0) {
                    (line, col) = (line0 + l - 1, c);
                    let open = if close == ']' { "[" } else { "{" };
                    diags.push(
                        Diagnostic::error(path, m::unclosed(open, close))
                            .at(&doc.text, line, col)
                            .hint(m::unclosed_hint()),
                    );
                    return None;
                }
            }
            // `title: [2023]年度报告`, `title: **重点**工作`: a value that starts
            // with a sign YAML reads as markup. Said where it is, with the quotes.
            // Only where the reader's own sentence says nothing more precise.
            let named = [
                "nested more than",
                "KiB",
                "mapping values",
                "duplicate",
                "cannot start any token",
            ]
            .iter()
            .any(|s| e.message.contains(s));
            let symbol = (!named).then(|| symbol_start(yaml_text, line + 1 - line0));
            if let Some((l, c, key, value)) = symbol.flatten() {
                let first = value.chars().next().unwrap_or('*');
                diags.push(
                    Diagnostic::error(path, m::symbol_start(&key, first))
                        .at(&doc.text, line0 + l - 1, c)
                        .hint(m::symbol_start_hint(&key, &value)),
                );
                return None;
            }
            let key = key_at(&doc.text, line);
            let (message, hint) = m::yaml_problem(&e.message, key.as_deref(), true);
            diags.push(
                Diagnostic::error(path, message)
                    .at(&doc.text, line, col)
                    .hint(hint),
            );
            return None;
        }
    };
    let keys = tree.top_level_keys();
    if keys.iter().any(|k| !is_known(k, is_section)) {
        let lines = KeyLines::new(yaml_text);
        for key in &keys {
            unknown_key(path, (doc, &lines, &loc), key, is_section, diags);
        }
    }
    if let Some((key, c)) = tree.forbidden_character() {
        diags.push(escaped_forbidden(path, doc, &key, c));
        return None;
    }
    match tree.into_lenient::<FrontMatter>(yaml_text, LENIENT) {
        // (`老年人、残疾人` stays one item here: a name may hold `、` itself, as the
        // life event 找工作、失业了 does; site.rs splits what it does not know.)
        Ok(fm) => Some(fm),
        Err(e) => {
            let (line, col) = locate(&e);
            let key = key_at(&doc.text, line);
            let (message, hint) = m::yaml_problem(&e.message, key.as_deref(), false);
            diags.push(
                Diagnostic::error(path, message)
                    .at(&doc.text, line, col)
                    .hint(hint),
            );
            None
        }
    }
}

/// The error for the value of `key` holding `c`, a character XML forbids,
/// written as a YAML escape (a literal one is a slip found before): no page,
/// feed or sitemap may carry it. At the escape, else at the key.
fn escaped_forbidden(path: &std::path::Path, doc: &Document, key: &str, c: char) -> Diagnostic {
    let line0 = doc.front_line();
    let (line, col) = super::escapes::locate(doc.front_text(), c)
        .map_or_else(|| (doc.key_line(key), 1), |(l, col)| (line0 + l - 1, col));
    let name = super::escapes::name(c);
    Diagnostic::error(path, crate::msg::keyboard::escaped_control(key, &name))
        .at(&doc.text, line, col)
        .hint(crate::msg::keyboard::escaped_control_hint())
}

fn is_known(key: &str, is_section: bool) -> bool {
    PAGE_KEYS.contains(&key) || (is_section && SECTION_KEYS.contains(&key))
}

/// The lines of a YAML text in sorted order, with their numbers: the lines
/// starting with `key:` are next to each other (front matter of 20,000
/// unknown keys was read from the top for each).
struct KeyLines<'t>(Vec<(&'t str, usize)>);

impl<'t> KeyLines<'t> {
    fn new(yaml: &'t str) -> Self {
        let mut lines: Vec<(&str, usize)> = yaml.lines().zip(0..).collect();
        lines.sort_unstable();
        KeyLines(lines)
    }

    /// The first line (0-based) that starts with `key:`.
    fn of(&self, key: &str) -> Option<usize> {
        let head = format!("{key}:");
        let from = self.0.partition_point(|(l, _)| *l < head.as_str());
        (self.0[from..].iter())
            .take_while(|(l, _)| starts_key(l, key))
            .map(|&(_, i)| i)
            .min()
    }
}

/// Warns about `key` when it is not a front matter key, naming the key meant.
fn unknown_key(
    path: &std::path::Path,
    (doc, lines, loc): (&Document, &KeyLines<'_>, &crate::diag::Locator<'_>),
    key: &str,
    is_section: bool,
    diags: &mut Diagnostics,
) {
    if is_known(key, is_section) {
        return;
    }
    let line0 = doc.front_line();
    let line = lines.of(key).map_or(line0, |i| line0 + i);
    let mut list: Vec<&str> = PAGE_KEYS.to_vec();
    if is_section {
        list.extend(SECTION_KEYS);
    }
    let meant = super::keyboard::english_key(key)
        .or_else(|| crate::text::suggest::closest(key, list.iter().copied()));
    let hint = match meant {
        _ if PLACE_KEYS.contains(&key) => m::outside_where(key),
        Some(meant) => m::did_you_mean_key(key, meant),
        None => m::known_keys(&list.join(", ")),
    };
    diags.push(
        Diagnostic::warning(path, m::unknown_key(key))
            .at_in(loc, line, 1)
            .hint(hint),
    );
}

/// The name before the colon on 1-based `line` of `text`, if it has one.
fn key_at(text: &str, line: usize) -> Option<String> {
    let l = text.lines().nth(line.checked_sub(1)?)?;
    let (k, _) = l.split_once(':')?;
    let k = k.trim().trim_start_matches("- ");
    (!k.is_empty() && !k.contains(' ')).then(|| k.to_string())
}

/// A top-level `key: value` on line `at` (1-based, in `yaml`) or the line
/// before it whose value starts with a sign YAML reads as markup (`*`, `&`,
/// `!`, `?`, `>`, `|`, `-`, a bracket or a quote) and goes on after it:
/// (line, column of the value, key, value).
fn symbol_start(yaml: &str, at: usize) -> Option<(usize, usize, String, String)> {
    let lines: Vec<&str> = yaml.lines().collect();
    (at.saturating_sub(1).max(1)..=at.min(lines.len()))
        .rev()
        .find_map(|l| {
            let line = lines[l - 1];
            let (key, value) = line.split_once(": ")?;
            let ok_key =
                !key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
            let lead = value.chars().take_while(|c| *c == ' ').count();
            let value = value.trim();
            let first = value.chars().next()?;
            let markup = "*&!?>|-[{\"'".contains(first) && value.chars().count() > 1;
            (ok_key && markup).then(|| {
                let col = key.chars().count() + 2 + lead + 1;
                (l, col, key.to_string(), value.to_string())
            })
        })
}

/// The last line before `before` (1-based, in `yaml`) that opens more `[`/`{` than
/// it closes, outside quotes: (line, column, the closing bracket wanted).
fn unclosed_bracket(yaml: &str, before: usize) -> Option<(usize, usize, char)> {
    let lines: Vec<&str> = yaml.lines().collect();
    for i in (0..before.saturating_sub(1).min(lines.len())).rev() {
        let mut stack: Vec<(usize, char)> = Vec::new();
        let mut quote: Option<char> = None;
        for (col, c) in lines[i].chars().enumerate() {
            match (quote, c) {
                (Some(q), c) if c == q => quote = None,
                (Some(_), _) => {}
                (None, '"' | '\'') => quote = Some(c),
                (None, '#') => break,
                (None, '[') => stack.push((col + 1, ']')),
                (None, '{') => stack.push((col + 1, '}')),
                (None, ']' | '}') => {
                    stack.pop();
                }
                _ => {}
            }
        }
        if let Some(&(col, close)) = stack.first() {
            return Some((i + 1, col, close));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    /// [`split`] of bytes given here.
    fn split_of(path: &Path, bytes: &[u8]) -> Result<Document, Diagnostic> {
        split(path, &Bytes::new(bytes.to_vec()))
    }

    use super::*;

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(500))]
        /// The sorted lines answer as reading from the top does.
        #[test]
        fn key_lines_answer_as_reading_from_the_top(
            yaml in "([ab:\n ]){0,60}",
            key in "[ab:]{0,3}",
        ) {
            let top = yaml.lines().position(|l| l.starts_with(&format!("{key}:")));
            proptest::prop_assert_eq!(KeyLines::new(&yaml).of(&key), top);
        }
    }

    use std::path::Path;

    #[test]
    fn splits_crlf_and_bom() {
        let d = split_of(
            Path::new("a.md"),
            "\u{feff}---\r\ntitle: 好\r\n---\r\n正文\r\n".as_bytes(),
        )
        .unwrap();
        assert_eq!(d.front_text(), "title: 好\n");
        assert_eq!(d.body(), "正文\n");
        assert_eq!(d.front_line(), 2);
    }

    #[test]
    fn front_matter_may_end_the_file() {
        let d = split_of(Path::new("a.md"), b"---\ntitle: x\n---").unwrap();
        assert_eq!(d.front_text(), "title: x\n");
        assert_eq!(d.body(), "");
    }

    #[test]
    fn missing_closing_line_is_an_error_at_line_one() {
        let e = split_of(Path::new("a.md"), b"---\ntitle: x\nbody\n").unwrap_err();
        assert_eq!(e.line, 1);
        assert!(e.message.contains("no closing"));
    }

    #[test]
    fn yaml_errors_are_located_in_the_file() {
        let doc = split_of(
            Path::new("a.md"),
            b"---\ntitle: ok\ndomains: [a\n---\nbody\n",
        )
        .unwrap();
        let mut diags = Diagnostics::default();
        assert!(parse(Path::new("a.md"), &doc, false, &mut diags).is_none());
        let d = &diags.as_slice()[0];
        assert!(d.line >= 3, "{d:?}");
    }

    #[test]
    fn draft_no_explains_yaml_1_2() {
        let doc = split_of(Path::new("a.md"), b"---\ntitle: ok\ndraft: no\n---\n").unwrap();
        let mut diags = Diagnostics::default();
        assert!(parse(Path::new("a.md"), &doc, false, &mut diags).is_none());
        let d = &diags.as_slice()[0];
        assert_eq!((d.line, d.col), (3, 8));
        assert!(d
            .hint
            .as_deref()
            .unwrap()
            .contains("draft: true or draft: false"));
    }
}
