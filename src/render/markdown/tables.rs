//! A bound on tables (tester 2's G-B3): an 8 MB Markdown table of 4 million
//! cells took 22–40 s and 2.5 GB (the events of every cell, kept through each
//! pass) and made a 42 MB page no phone can open. A page may hold at most
//! [`PAGE_CELLS`] table cells; past that its body is not rendered and the table
//! where the count passed the bound is an error at its line.
//!
//! The count reads lines, not Markdown events (the Markdown parser's first pass
//! alone holds every cell of the page): a table is a row followed by a
//! delimiter row (`|---|:--:|`) and the rows after it up to a blank line, outside
//! fenced code; a row's cells are its parts between `|`. It stops at the bound,
//! and a body with fewer `|` and lines than the bound is not read at all.

use crate::diag::Diagnostic;

/// Table cells a page may hold: a statistics annex of 500 rows × 20 columns
/// fits twice over; far more than a phone's reader can use.
pub(super) const PAGE_CELLS: usize = 20_000;

/// The cells of the table row `line` (its parts between unescaped `|`, the
/// outer `|` optional).
fn cells(line: &str) -> usize {
    let t = line.trim();
    let t = t.strip_prefix('|').unwrap_or(t);
    let t = t
        .strip_suffix('|')
        .filter(|r| !r.ends_with('\\'))
        .unwrap_or(t);
    1 + t.matches('|').count() - t.matches("\\|").count()
}

/// Whether `line` is a table's delimiter row: `|`, `-`, `:` and blanks, with a
/// `-` and a `|`.
fn is_delimiter(line: &str) -> bool {
    let t = line.trim();
    t.contains('-')
        && t.contains('|')
        && t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t'))
}

/// The error for a body (`body_start` bytes into the file `text`) whose tables
/// hold more than [`PAGE_CELLS`] cells, at the table where the count passed it;
/// `None` for any other body.
pub(super) fn too_many_cells(
    path: &std::path::Path,
    text: &str,
    body_start: usize,
    body: &str,
) -> Option<Diagnostic> {
    // Bars and lines together are at most the body's bytes and one: most
    // bodies are too short to count them (0.8% of a 10,000-page build did).
    if body.len() < PAGE_CELLS {
        return None;
    }
    let bars = memchr::memchr_iter(b'|', body.as_bytes()).count();
    if bars + body.lines().count() <= PAGE_CELLS {
        return None;
    }
    let mut total = 0;
    let mut fence: Option<&str> = None;
    let mut table: Option<usize> = None;
    let mut previous: Option<(usize, &str)> = None;
    let mut offset = 0;
    for full in body.split_inclusive('\n') {
        let at = offset;
        offset += full.len();
        // A table quoted (`> |a|b|`) counts as well.
        let line = full.trim_start_matches(['>', ' ', '\t']);
        let trimmed = line.trim_start();
        let marker = ["```", "~~~"].into_iter().find(|m| trimmed.starts_with(m));
        match (fence, marker) {
            (Some(open), Some(m)) if m == open => fence = None,
            (Some(_), _) => continue,
            (None, Some(m)) => {
                fence = Some(m);
                table = None;
                continue;
            }
            (None, None) => {}
        }
        if line.trim().is_empty() {
            table = None;
        } else if table.is_some() {
            total += cells(line);
        } else if let Some((start, head)) = previous.filter(|_| is_delimiter(line)) {
            table = Some(start);
            total += cells(head);
        }
        if let (Some(start), true) = (table, total > PAGE_CELLS) {
            return Some(error(path, text, body_start + start));
        }
        previous = Some((at, line));
    }
    None
}

/// The error at byte `at` of `text`.
fn error(path: &std::path::Path, text: &str, at: usize) -> Diagnostic {
    let limit = PAGE_CELLS;
    let message = crate::t!(
        "这一页的表格超过了 {limit} 格（到这个表格为止），手机上无法阅读，网站也不生成这一页",
        "the tables of this page hold more than {limit} cells (counting up to this table): too many to read on a phone, so the page is not made"
    );
    let hint = crate::t!(
        "把大表格拆到几页里，或者把数据存成 Excel 或 CSV 文件放在页面旁边，写成下载链接，页面上只列要点",
        "split the table over several pages, or save the data as an Excel or CSV file beside the page, link it as a download, and list the key figures on the page"
    );
    super::page_refused(path, text, at, (message, hint))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(rows: usize, cols: usize) -> String {
        let row = format!("|{}\n", "x|".repeat(cols));
        format!(
            "|{}\n|{}\n{}",
            "a|".repeat(cols),
            "-|".repeat(cols),
            row.repeat(rows)
        )
    }

    #[test]
    fn cells_are_counted_up_to_the_bound() {
        let path = std::path::Path::new("a.md");
        let quoted = table(600, 40).replace('\n', "\n> ");
        assert!(too_many_cells(path, &quoted, 0, &quoted).is_some());
        let fits = table(499, 40);
        assert!(too_many_cells(path, &fits, 0, &fits).is_none());
        let text = format!("正文。\n\n{}\n{}", table(10, 10), table(600, 40));
        let d = too_many_cells(path, &text, 0, &text).unwrap();
        assert_eq!((d.line, d.col), (16, 1));
        // Pipes in a code block are not cells.
        let code = format!("```\n{}```\n", "|x|y|\n".repeat(20_000));
        assert!(too_many_cells(path, &code, 0, &code).is_none());
        assert_eq!(
            (cells("|a|b|"), cells("a | b | c"), cells("|a\\|b|")),
            (2, 3, 1)
        );
        assert!(is_delimiter("|---|:-:|") && !is_delimiter("|a|b|") && !is_delimiter("---"));
    }
}
