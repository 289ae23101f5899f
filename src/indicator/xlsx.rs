//! Excel workbooks (`.xlsx`) beside an indicator: the sheet the YAML names
//! (`csv: {sheet: …}`), else the first, turned into CSV text with one line per
//! sheet row, so that row 9 of the sheet is line 9 of what the table reader and
//! its error messages see. Everything after that is the same as for a CSV.

use std::io::Cursor;
use std::path::Path;

use calamine::{Data, Reader, Xlsx};

use crate::diag::{Diagnostic, Diagnostics};
use crate::msg::Text;
use crate::t;

/// A cell as text: numbers in their shortest form (`2024`, not `2024.0`).
fn cell_text(d: &Data) -> String {
    match d {
        Data::Empty | Data::Error(_) => String::new(),
        Data::Float(f) => format!("{f}"),
        other => other.to_string(),
    }
}

/// The sheet's rows as CSV text, or `None` with an error.
pub(super) fn to_csv(
    path: &Path,
    bytes: &[u8],
    sheet: Option<&str>,
    diags: &mut Diagnostics,
) -> Option<String> {
    let fail = |diags: &mut Diagnostics, message: Text, hint: Text| {
        diags.push(Diagnostic::error(path, message).hint(hint));
        None
    };
    let mut book = match Xlsx::new(Cursor::new(bytes)) {
        Ok(b) => b,
        Err(e) => {
            return fail(
                diags,
                t!(
                    "这个 Excel 文件读不出来（文件可能已损坏，或不是 .xlsx 格式）",
                    "the workbook cannot be read: {e}"
                ),
                t!(
                    "用 Excel 重新“另存为” .xlsx，或另存为“CSV UTF-8（逗号分隔）”",
                    "save it again from Excel as .xlsx, or as CSV UTF-8"
                ),
            )
        }
    };
    let names = book.sheet_names();
    let name = match sheet {
        Some(s) if names.iter().any(|n| n == s) => s.to_string(),
        Some(s) => {
            return fail(
                diags,
                t!(
                    "这个 Excel 文件里没有名为“{s}”的工作表",
                    "the workbook has no sheet `{s}`"
                ),
                {
                    let (zh, en) = (names.join("、"), names.join(", "));
                    t!(
                        "工作表有：{zh}（csv: {{sheet: …}} 里的名称要一字不差）",
                        "the sheets are: {en}"
                    )
                },
            )
        }
        None => match names.first() {
            Some(n) => n.clone(),
            None => {
                return fail(
                    diags,
                    t!("这个 Excel 文件里没有工作表", "the workbook has no sheet"),
                    t!("存一个有数据的工作表", "save a sheet with the data in it"),
                )
            }
        },
    };
    let range = match book.worksheet_range(&name) {
        Ok(r) => r,
        Err(e) => {
            return fail(
                diags,
                t!(
                    "工作表“{name}”读不出来",
                    "sheet `{name}` cannot be read: {e}"
                ),
                t!(
                    "用 Excel 重新“另存为” .xlsx，或另存为“CSV UTF-8（逗号分隔）”",
                    "save it again from Excel as .xlsx, or as CSV UTF-8"
                ),
            )
        }
    };
    let (first_row, first_col) = range.start().unwrap_or((0, 0));
    let mut w = csv::WriterBuilder::new()
        .flexible(true)
        .from_writer(Vec::new());
    let mut text = "\n".repeat(first_row as usize);
    for row in range.rows() {
        let mut cells: Vec<String> = vec![String::new(); first_col as usize];
        cells.extend(row.iter().map(cell_text));
        // A title or footnote line (one text cell, not a period) stays one cell, as
        // in the portal's CSV; table rows keep the sheet's width.
        let alone = cells.iter().skip(1).all(String::is_empty)
            && super::period::parse(&cells[0], Default::default()).is_none();
        if alone {
            cells.truncate(1);
        }
        let _ = w.write_record(&cells);
    }
    text.push_str(&String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default());
    Some(text)
}
