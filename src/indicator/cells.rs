//! What one cell of a data file may hold, checked as the file is read (CSV and
//! workbooks alike): a name, a period or a number is short, so a cell of more
//! than [`MAX_CELL_CHARS`] characters is a slip (a paragraph pasted into a cell,
//! a cell that swallowed the rest of the file through an open quote) whose text
//! would otherwise be carried into every table, chart and download; and no
//! character XML forbids (Word's manual line break U+000B, pasted unseen), which
//! no page, feed or chart may carry.

use crate::msg::Text;
use crate::t;

/// The most characters one cell, or one title or footnote line, may hold.
pub(super) const MAX_CELL_CHARS: usize = 2000;

/// What is wrong with the text of one cell, if anything: a kind (grouping
/// repeats), the message and the hint.
pub(super) fn problem(cell: &str) -> Option<(&'static str, Text, Text)> {
    if cell.len() > MAX_CELL_CHARS {
        let n = cell.chars().count();
        if n > MAX_CELL_CHARS {
            return Some((
                "cell-long",
                t!(
                    "这一格有 {n} 个字，太长了（一格最多写 {MAX_CELL_CHARS} 个字）",
                    "this cell holds {n} characters; a cell holds at most {MAX_CELL_CHARS}"
                ),
                t!(
                    "一格只写一个名称、一个时期或一个数字；长的说明写在指标文件的 notes: 里。如果这一格前面有一个没配对的英文双引号，把它删掉",
                    "a cell holds one name, one period or one number; write long explanations in the indicator file's notes:. If a double quote before this cell has no partner, delete it"
                ),
            ));
        }
    }
    let c = cell
        .chars()
        .find(|&c| crate::text::escape::is_forbidden(c))?;
    let name = crate::parse::escapes::name(c);
    Some((
        "cell-invisible",
        t!(
            "这一格里有一个看不见的字符（{name}），多半是从 Word、网页或微信复制来的，网页和图表里不能有它",
            "this cell holds an invisible character ({name}), usually copied from Word, a web page or WeChat; no page or chart may carry it"
        ),
        t!(
            "在表格软件里点开这一格，把内容删掉重新打一遍，再另存为 CSV",
            "open the cell in the spreadsheet, type its content again, and save as CSV again"
        ),
    ))
}

/// What is wrong with a title or footnote line outside the table (`注：…`), if
/// anything: the same rules as a cell.
pub(super) fn line_problem(line: &str) -> Option<(&'static str, Text, Text)> {
    if line.len() > MAX_CELL_CHARS && line.chars().count() > MAX_CELL_CHARS {
        let n = line.chars().count();
        return Some((
            "line-long",
            t!(
                "这一行说明有 {n} 个字，太长了（最多写 {MAX_CELL_CHARS} 个字）",
                "this line holds {n} characters; a title or footnote line holds at most {MAX_CELL_CHARS}"
            ),
            t!(
                "长的说明写在指标文件的 notes: 里，数据文件里只留表格和简短的注",
                "write long explanations in the indicator file's notes:, and keep the data file to the table and short footnotes"
            ),
        ));
    }
    problem(line)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_cells_and_invisible_characters_are_problems() {
        assert!(problem("京口区").is_none());
        assert!(problem(&"区".repeat(MAX_CELL_CHARS)).is_none());
        let (kind, m, _) = problem(&"区".repeat(MAX_CELL_CHARS + 1)).unwrap();
        assert_eq!(kind, "cell-long");
        assert!(m.zh().contains("这一格有 2001 个字"), "{}", m.zh());
        let (kind, m, _) = problem("京\u{b}口区").unwrap();
        assert_eq!(kind, "cell-invisible");
        assert!(m.zh().contains("Word 里的手动换行 U+000B"), "{}", m.zh());
        assert_eq!(
            line_problem(&format!("注：{}", "x".repeat(3000)))
                .unwrap()
                .0,
            "line-long"
        );
    }
}
