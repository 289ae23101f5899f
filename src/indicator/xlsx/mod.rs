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

mod parts;

/// A cell as text: numbers in their shortest form (`2024`, not `2024.0`).
fn cell_text(d: &Data) -> String {
    match d {
        Data::Empty | Data::Error(_) => String::new(),
        Data::Float(f) => format!("{f}"),
        other => other.to_string(),
    }
}

/// The most rows and columns a sheet may reach (a CSV may have more rows; a
/// sheet's grid is made in memory, so both are bounded).
const MAX_ROWS: u32 = 100_000;
const MAX_COLS: u32 = 200;

/// The most characters one cell may hold: a number or a short name in an
/// indicator's table, a title or footnote line above it. A 1 MB string named
/// by 50 rows took two minutes and published a 150 MB page.
const MAX_CELL_CHARS: usize = 10_000;

/// The most text a sheet's cells may hold together: what a CSV data file may
/// be (each cell counted with the comma after it).
const MAX_TEXT: u64 = crate::source::TEXT_LIMIT;

/// The most cells with something in them a sheet may have: 5,000 rows of 200
/// columns, or 100,000 of 10; an indicator's table is a few thousand. Reading a
/// cell costs far more than a CSV's (XML, then a grid), and 3.8 million cells of
/// `1` took 15 s to be refused for the very first duplicate year.
const MAX_CELLS: usize = 1_000_000;

/// Why a sheet's cells were not read.
enum Unread {
    /// A cell at (row, column), both 0-based, beyond the bounds.
    TooFar(u32, u32),
    /// A cell at (row, column) with more than [`MAX_CELL_CHARS`] characters
    /// (how many).
    LongCell(u32, u32, usize),
    /// The cells up to this row (0-based) hold more than [`MAX_TEXT`] bytes.
    TooMuchText(u32),
    /// The cells up to this row (0-based) are more than [`MAX_CELLS`].
    TooManyCells(u32),
    /// The library's own error.
    Broken(calamine::XlsxError),
}

/// The sheet's cells that hold something, as (row, column, text), each checked
/// against the bounds as it is read.
fn used_cells(
    book: &mut Xlsx<Cursor<&[u8]>>,
    name: &str,
) -> Result<Vec<(u32, u32, String)>, Unread> {
    let mut reader = book.worksheet_cells_reader(name).map_err(Unread::Broken)?;
    let mut cells = Vec::new();
    let mut text: u64 = 0;
    while let Some(cell) = reader.next_cell().map_err(Unread::Broken)? {
        if matches!(cell.get_value(), calamine::DataRef::Empty) {
            continue;
        }
        let (row, col) = cell.get_position();
        if row >= MAX_ROWS || col >= MAX_COLS {
            return Err(Unread::TooFar(row, col));
        }
        // A shared string is looked at where it lies, before it is copied.
        let s = match cell.get_value() {
            calamine::DataRef::SharedString(s) => s,
            calamine::DataRef::String(s) => s.as_str(),
            _ => "",
        };
        if s.len() > MAX_CELL_CHARS && s.chars().count() > MAX_CELL_CHARS {
            return Err(Unread::LongCell(row, col, s.chars().count()));
        }
        let cell = match cell.get_value() {
            calamine::DataRef::SharedString(s) => s.to_string(),
            calamine::DataRef::String(s) => s.clone(),
            other => cell_text(&other.clone().into()),
        };
        text += cell.len() as u64 + 1;
        if text > MAX_TEXT {
            return Err(Unread::TooMuchText(row));
        }
        if cells.len() == MAX_CELLS {
            return Err(Unread::TooManyCells(row));
        }
        cells.push((row, col, cell));
    }
    Ok(cells)
}

/// The sheet named under `csv: {sheet: …}`, else the first.
fn which_sheet(names: &[String], sheet: Option<&str>) -> Result<String, (Text, Text)> {
    match sheet {
        Some(s) if names.iter().any(|n| n == s) => Ok(s.to_string()),
        Some(s) => {
            let (zh, en) = (names.join("、"), names.join(", "));
            Err((
                t!(
                    "这个 Excel 文件里没有名为“{s}”的工作表",
                    "the workbook has no sheet `{s}`"
                ),
                t!(
                    "工作表有：{zh}（csv: {{sheet: …}} 里的名称要一字不差）",
                    "the sheets are: {en}"
                ),
            ))
        }
        None => names.first().cloned().ok_or_else(|| {
            (
                t!("这个 Excel 文件里没有工作表", "the workbook has no sheet"),
                t!("存一个有数据的工作表", "save a sheet with the data in it"),
            )
        }),
    }
}

/// Why sheet `name` was not read, in editors' words (`None`: the library gave
/// up on a cell position it could not read).
fn unread(name: &str, why: Option<Unread>) -> (Text, Text) {
    let save_again = t!(
        "用 Excel 重新“另存为” .xlsx，或另存为“CSV UTF-8（逗号分隔）”",
        "save it again from Excel as .xlsx, or as CSV UTF-8"
    );
    match why {
        Some(Unread::TooFar(row, col)) => {
            let (row, col) = (row + 1, column_name(col));
            (
                t!(
                    "工作表“{name}”的第 {row} 行 {col} 列有内容，表格太大（最多 {MAX_ROWS} 行、{MAX_COLS} 列）",
                    "sheet `{name}` has something in row {row}, column {col}: a sheet may have at most {MAX_ROWS} rows and {MAX_COLS} columns"
                ),
                t!(
                    "在 Excel 里删掉数据区域以外的行和列（选中后“删除”，不是“清除内容”），或只把数据另存为“CSV UTF-8（逗号分隔）”",
                    "delete the rows and columns outside the data in Excel, or save only the data as CSV UTF-8"
                ),
            )
        }
        Some(Unread::LongCell(row, col, n)) => {
            let cell = format!("{}{}", column_name(col), row + 1);
            (
                t!(
                    "工作表“{name}”的 {cell} 单元格有 {n} 个字，一格最多 {MAX_CELL_CHARS} 个字",
                    "cell {cell} of sheet `{name}` holds {n} characters; a cell may hold at most {MAX_CELL_CHARS}"
                ),
                t!(
                    "数据表的一格只写一个数或一个简短的名称：在 Excel 里删掉或缩短 {cell} 的内容，长的说明写到页面正文里",
                    "a data cell holds a number or a short name: delete or shorten {cell} in Excel, and put long explanations in a page's text"
                ),
            )
        }
        Some(Unread::TooMuchText(row)) => {
            let (row, mib) = (row + 1, MAX_TEXT >> 20);
            (
                t!(
                    "工作表“{name}”到第 {row} 行，数据已超过 {mib} MB 文字（数据文件最大 {mib} MB）",
                    "sheet `{name}` holds more than {mib} MiB of text by row {row} (a data file may hold at most {mib} MiB)"
                ),
                t!(
                    "在 Excel 里删掉数据区域以外的行和列（选中后“删除”，不是“清除内容”），或把数据拆成几个指标",
                    "delete the rows and columns outside the data in Excel, or split the data into several indicators"
                ),
            )
        }
        Some(Unread::TooManyCells(row)) => {
            let (row, wan) = (row + 1, MAX_CELLS / 10_000);
            (
                t!(
                    "工作表“{name}”到第 {row} 行，有内容的单元格已超过 {wan} 万个（最多 {wan} 万个，例如 5000 行 × 200 列）",
                    "sheet `{name}` has more than {MAX_CELLS} cells with something in them by row {row} (at most {MAX_CELLS}, e.g. 5,000 rows of 200 columns)"
                ),
                t!(
                    "在 Excel 里删掉数据区域以外的行和列（选中后“删除”，不是“清除内容”），或把数据拆成几个指标",
                    "delete the rows and columns outside the data in Excel, or split the data into several indicators"
                ),
            )
        }
        Some(Unread::Broken(e)) => (
            t!(
                "工作表“{name}”读不出来",
                "sheet `{name}` cannot be read: {e}"
            ),
            save_again,
        ),
        None => (
            t!(
                "工作表“{name}”里有读不懂的单元格位置",
                "sheet `{name}` has a cell position that cannot be read"
            ),
            save_again,
        ),
    }
}

/// A 0-based column number as Excel names it (0 → A, 26 → AA).
fn column_name(mut col: u32) -> String {
    let mut name = Vec::new();
    loop {
        name.push(b'A' + (col % 26) as u8);
        if col < 26 {
            break;
        }
        col = col / 26 - 1;
    }
    name.reverse();
    String::from_utf8(name).unwrap_or_default()
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
    // Before calamine inflates anything: it reads all shared strings at once.
    if let Err(why) = parts::check(bytes) {
        let (message, hint) = parts::message(&why);
        return fail(diags, message, hint);
    }
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
    let name = match which_sheet(&book.sheet_names(), sheet) {
        Ok(n) => n,
        Err((message, hint)) => return fail(diags, message, hint),
    };
    // Cells are read one by one and their positions checked before any grid is
    // made: a 2 KB workbook can name cell XFD1048576, and a grid up to it would
    // take 512 GiB (calamine's own range reader allocates it).
    let read = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        used_cells(&mut book, &name)
    }));
    let cells = match read {
        Ok(Ok(c)) => c,
        Ok(Err(why)) => {
            let (message, hint) = unread(&name, Some(why));
            return fail(diags, message, hint);
        }
        Err(_) => {
            let (message, hint) = unread(&name, None);
            return fail(diags, message, hint);
        }
    };
    // Sorted by row, then column: the rows' span is the ends, the columns' is
    // the extremes.
    let mut cells = cells;
    cells.sort_by_key(|c| (c.0, c.1));
    let (Some(first), Some(last)) = (cells.first(), cells.last()) else {
        return Some(String::new());
    };
    let (first_row, last_row) = (first.0, last.0);
    let first_col = cells.iter().map(|c| c.1).min().unwrap_or(0);
    let last_col = cells.iter().map(|c| c.1).max().unwrap_or(first_col);
    let width = (last_col - first_col + 1) as usize;
    // One row at a time from the sorted cells: memory is the cells read, not
    // the rectangle they span.
    let mut cells = cells.into_iter().peekable();
    let grid = (first_row..=last_row).map(move |r| {
        let mut row = vec![String::new(); width];
        while let Some((_, c, v)) = cells.next_if(|c| c.0 == r) {
            row[(c - first_col) as usize] = v;
        }
        row
    });
    let mut w = csv::WriterBuilder::new()
        .flexible(true)
        .from_writer(Vec::new());
    let mut text = "\n".repeat(first_row as usize);
    for row in grid {
        let mut cells: Vec<String> = vec![String::new(); first_col as usize];
        cells.extend(row);
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
