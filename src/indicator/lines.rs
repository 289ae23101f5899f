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

/// Where each child of a top-level `key:` is written, read once: a file of
/// 20,000 periods or districts looked each one up from the top of the file
/// (with every line collected again), even when nothing was wrong.
pub(crate) struct Children<'t> {
    /// The line of `key:` (0-based), if written.
    top: Option<usize>,
    /// The lines under it (0-based number, text), to the next top-level key.
    lines: Vec<(usize, &'t str)>,
    /// By the name before each line's first `:` (quotes trimmed): its places.
    by_name: ahash::HashMap<&'t str, Vec<(usize, usize)>>,
    /// For names holding a colon or ending in a quote: the lines sorted by
    /// their text (those starting with a name are together), made when first
    /// needed, and each such name's places once found.
    sorted: std::cell::OnceCell<Vec<(&'t str, usize)>>,
    odd: std::cell::RefCell<ahash::HashMap<String, Vec<(usize, usize)>>>,
}

const QUOTES: [char; 2] = ['"', '\''];

impl<'t> Children<'t> {
    pub(crate) fn new(text: &'t str, key: &str) -> Self {
        let all: Vec<&str> = text.lines().collect();
        let top = top_key(&all, key);
        let mut lines = Vec::new();
        let mut by_name: ahash::HashMap<&str, Vec<(usize, usize)>> = Default::default();
        for (i, &l) in all
            .iter()
            .enumerate()
            .skip(top.map_or(all.len(), |t| t + 1))
        {
            if !l.starts_with([' ', '\t']) && !l.trim().is_empty() {
                break;
            }
            lines.push((i, l));
            let t = l.trim_start().trim_start_matches(QUOTES);
            if let Some((name, _)) = t.split_once(':') {
                let place = (i + 1, l.len() - l.trim_start().len() + 1);
                by_name
                    .entry(name.trim_end_matches(QUOTES))
                    .or_default()
                    .push(place);
            }
        }
        Children {
            top,
            lines,
            by_name,
            sorted: Default::default(),
            odd: Default::default(),
        }
    }

    /// The `n`-th (0-based) place (line, column) at which `child:` is
    /// written; else the line of `key:`; else the file's start.
    pub(crate) fn nth(&self, child: &str, n: usize) -> (usize, usize) {
        let Some(top) = self.top else {
            return (1, 1);
        };
        let fallback = (top + 1, 1);
        if !child.contains(':') && !child.ends_with(QUOTES) {
            // The name before a line's first `:` is the child's exactly.
            return (self.by_name.get(child))
                .and_then(|places| places.get(n).copied())
                .unwrap_or(fallback);
        }
        // A name with a colon or ending in a quote: among the lines whose
        // text starts with it (next to each other once sorted), those where a
        // colon follows it.
        let mut odd = self.odd.borrow_mut();
        let places = odd.entry(child.to_owned()).or_insert_with(|| {
            let sorted = self.sorted.get_or_init(|| {
                let mut v: Vec<(&str, usize)> = (self.lines.iter().enumerate())
                    .map(|(k, (_, l))| (l.trim_start().trim_start_matches(QUOTES), k))
                    .collect();
                v.sort_unstable();
                v
            });
            let from = sorted.partition_point(|(t, _)| *t < child);
            let mut found: Vec<usize> = (sorted[from..].iter())
                .take_while(|(t, _)| t.starts_with(child))
                .filter(|(t, _)| t[child.len()..].trim_start_matches(QUOTES).starts_with(':'))
                .map(|&(_, k)| k)
                .collect();
            found.sort_unstable();
            (found.into_iter())
                .map(|k| {
                    let (i, l) = self.lines[k];
                    (i + 1, l.len() - l.trim_start().len() + 1)
                })
                .collect()
        });
        places.get(n).copied().unwrap_or(fallback)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The `n`-th line of `child:` under `key:`, read from the top each time
    /// (what [`Children`] answered before it was an index).
    fn read_from_top(text: &str, key: &str, child: &str, n: usize) -> (usize, usize) {
        let lines: Vec<&str> = text.lines().collect();
        let Some(top) = top_key(&lines, key) else {
            return (1, 1);
        };
        let mut seen = 0;
        for (i, l) in lines.iter().enumerate().skip(top + 1) {
            if !l.starts_with([' ', '\t']) && !l.trim().is_empty() {
                break;
            }
            let t = l.trim_start().trim_start_matches(QUOTES);
            if t.strip_prefix(child)
                .is_some_and(|r| r.trim_start_matches(QUOTES).starts_with(':'))
            {
                if seen == n {
                    return (i + 1, l.len() - l.trim_start().len() + 1);
                }
                seen += 1;
            }
        }
        (top + 1, 1)
    }

    #[test]
    fn children_found_in_block_and_quoted_keys() {
        let text = "title: x\nseries:\n  2020: 1\n  \"2021\": 2\n  2020: 3\n  a:b: 4\nnext: 1\n  2022: 5\n";
        let c = Children::new(text, "series");
        assert_eq!(c.nth("2020", 0), (3, 3));
        assert_eq!(c.nth("2021", 0), (4, 3));
        assert_eq!(c.nth("2020", 1), (5, 3));
        assert_eq!(c.nth("2020", 2), (2, 1));
        assert_eq!(c.nth("a:b", 0), (6, 3));
        assert_eq!(c.nth("2022", 0), (2, 1));
        assert_eq!(Children::new(text, "none").nth("2020", 0), (1, 1));
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(500))]
        /// Any text, any child: the index answers as reading from the top does.
        #[test]
        fn children_answer_as_reading_from_the_top(
            text in "(k:|[ab:\"' \t]|\n){0,80}",
            child in "[ab:\"']{0,3}",
            n in 0usize..3,
        ) {
            proptest::prop_assert_eq!(
                Children::new(&text, "k").nth(&child, n),
                read_from_top(&text, "k", &child, n)
            );
        }
    }
}
