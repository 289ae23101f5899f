//! Where a key is written in a YAML file, for messages that point at it: a
//! top-level `key:`, a `child:` nested under it (in block or flow style), or
//! the n-th repeat of a child (duplicate keys); and [`YamlFile`], which makes
//! an error pointing there.

use std::path::Path;

use crate::diag::Diagnostic;
use crate::msg::Text;

/// A YAML file's path and text, for messages that point into it.
pub(crate) struct YamlFile<'a> {
    /// The file.
    pub path: &'a Path,
    /// Its text (LF line ends).
    pub text: &'a str,
}

impl YamlFile<'_> {
    /// An error at top-level `key:` (or at `child:` under it), with a hint.
    pub(crate) fn at(
        &self,
        key: &str,
        child: Option<&str>,
        msg: impl Into<Text>,
        hint: impl Into<Text>,
    ) -> Diagnostic {
        let (line, col) = yaml_line(self.text, key, child);
        Diagnostic::error(self.path, msg)
            .at(self.text, line, col)
            .hint(hint)
    }
}

/// The index of the line where top-level `key:` is written.
fn top_key(lines: &[&str], key: &str) -> Option<usize> {
    lines
        .iter()
        .position(|l| l.strip_prefix(key).is_some_and(|r| r.starts_with(':')))
}

/// The line of `key:` at top level, or of `child:` nested under it.
pub(crate) fn yaml_line(text: &str, key: &str, child: Option<&str>) -> (usize, usize) {
    let lines: Vec<&str> = text.lines().collect();
    let Some(top) = top_key(&lines, key) else {
        return (1, 1);
    };
    if let Some(child) = child {
        for (i, l) in lines.iter().enumerate().skip(top + 1) {
            if !l.starts_with([' ', '\t']) && !l.trim().is_empty() {
                break;
            }
            let t = l.trim_start();
            if t.strip_prefix(child).is_some_and(|r| r.starts_with(':')) {
                return (i + 1, l.len() - t.len() + 1);
            }
        }
        // A flow mapping on the key's own line: point at the child inside it.
        if let Some(c) = lines[top].find(&format!("{child}:")) {
            return (top + 1, lines[top][..c].chars().count() + 1);
        }
    }
    (top + 1, key.chars().count() + 3)
}

/// The `n`-th (0-based) line at which `child:` is written under `key:`.
pub(crate) fn nth_child_line(text: &str, key: &str, child: &str, n: usize) -> (usize, usize) {
    let lines: Vec<&str> = text.lines().collect();
    let Some(top) = top_key(&lines, key) else {
        return (1, 1);
    };
    let mut seen = 0;
    for (i, l) in lines.iter().enumerate().skip(top + 1) {
        if !l.starts_with([' ', '\t']) && !l.trim().is_empty() {
            break;
        }
        let t = l.trim_start().trim_start_matches(['"', '\'']);
        if t.strip_prefix(child)
            .is_some_and(|r| r.trim_start_matches(['"', '\'']).starts_with(':'))
        {
            if seen == n {
                return (i + 1, l.len() - l.trim_start().len() + 1);
            }
            seen += 1;
        }
    }
    (top + 1, 1)
}
