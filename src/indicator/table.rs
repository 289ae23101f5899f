//! Reading a data file into rows, as published: UTF-8 with or without a BOM, or
//! GBK/GB18030 (statistical-bureau exports); title lines before the table and
//! footnote lines after it (`数据库：`, `指标：名称(单位)`, `注：`, `数据来源：`);
//! the tidy layout (one row per period) or the wide one (`地区,2024年,2023年,…`),
//! which is turned into the tidy one. Repeated problems become one diagnostic.

use std::collections::BTreeMap;
use std::path::Path;

use crate::diag::{Diagnostic, Diagnostics};
use crate::msg::Text;
use crate::t;

/// One data row: its line, its cells, and for each cell the field of the line it
/// was read from (for locating errors).
pub(super) struct Rec {
    /// 1-based line in the decoded text.
    pub line: usize,
    /// The cells, trimmed.
    pub cells: Vec<String>,
    /// For each cell, its 0-based field in the line.
    pub fields: Vec<usize>,
}

/// What the file says about itself outside the table.
#[derive(Default)]
pub(super) struct Meta {
    /// The indicator's name, from `指标：名称(单位)`.
    pub title: Option<String>,
    /// The unit, from the parentheses of `指标：`.
    pub unit: Option<String>,
    /// Footnotes (`注：…`).
    pub notes: Vec<String>,
    /// `数据来源：…`.
    pub source: Option<String>,
}

/// A file read into rows.
pub(super) struct Table {
    /// The decoded text, LF line ends.
    pub text: String,
    /// Column names.
    pub headers: Vec<String>,
    /// Data rows.
    pub rows: Vec<Rec>,
    /// Title and footnote facts.
    pub meta: Meta,
    /// Whether the file was in the wide layout (periods as columns).
    pub wide: bool,
    /// Where each line of `text` starts, so a message finds its line at once
    /// (a scan per row made a 40,000-row file take minutes).
    line_starts: Vec<usize>,
    /// The last line asked about and where each of its fields starts (a wide
    /// row with a problem in every cell was read from its start for each).
    fields: std::sync::Mutex<Option<(usize, Vec<usize>)>>,
}

impl Table {
    /// The column of field `field` on line `line` (1-based) of the text.
    pub(super) fn col_of(&self, line: usize, field: usize) -> usize {
        let mut known = self.fields.lock().unwrap_or_else(|p| p.into_inner());
        let cols = match &mut *known {
            Some((l, cols)) if *l == line => cols,
            other => {
                let start = self.line_starts.get(line.saturating_sub(1)).copied();
                let text = start.map_or("", |s| &self.text[s..]);
                let text = text.split('\n').next().unwrap_or_default();
                &mut other.insert((line, field_columns(text))).1
            }
        };
        // Past the last field: the end of the line, as `field_column` says.
        cols.get(field).or(cols.last()).copied().unwrap_or(1)
    }
}

/// Problems of one kind, collapsed into one diagnostic with a count and a range.
#[derive(Default)]
pub(super) struct Problems {
    groups: BTreeMap<(usize, String), Group>,
}

struct Group {
    line: usize,
    col: usize,
    message: Text,
    hint: Text,
    count: usize,
    last: usize,
}

impl Problems {
    /// Records a problem; `kind` groups repeats (e.g. "period", "value").
    pub(super) fn add(
        &mut self,
        kind: &str,
        line: usize,
        col: usize,
        message: impl Into<Text>,
        hint: impl Into<Text>,
    ) {
        let (message, hint) = (message.into(), hint.into());
        let order = self.groups.len();
        let key = self
            .groups
            .keys()
            .find(|(_, k)| k == kind)
            .cloned()
            .unwrap_or((order, kind.to_string()));
        let g = self.groups.entry(key).or_insert(Group {
            line,
            col,
            message,
            hint,
            count: 0,
            last: line,
        });
        g.count += 1;
        g.last = g.last.max(line);
    }

    /// Whether any problem was recorded.
    pub(super) fn any(&self) -> bool {
        !self.groups.is_empty()
    }

    /// One diagnostic per kind, in the order first seen.
    pub(super) fn emit(self, path: &Path, text: &str, diags: &mut Diagnostics) {
        for g in self.groups.into_values() {
            let message = if g.count > 1 {
                let (zh, en, count, first, last) =
                    (g.message.zh(), g.message.en(), g.count, g.line, g.last);
                t!(
                    "{zh}（同样的问题共有 {count} 行，第 {first}–{last} 行）",
                    "{en} (the same problem is on {count} rows, lines {first}–{last})"
                )
            } else {
                g.message
            };
            diags.push(
                Diagnostic::error(path, message)
                    .at(text, g.line, g.col)
                    .hint(g.hint),
            );
        }
    }
}

/// The 1-based character column where each field of a CSV line starts, and
/// one past the line's end last (where a field beyond them is said to be).
fn field_columns(line: &str) -> Vec<usize> {
    let mut cols = vec![1];
    let mut quoted = false;
    let mut n = 0;
    for (col, c) in line.chars().enumerate() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => cols.push(col + 2),
            _ => {}
        }
        n = col + 1;
    }
    cols.push(n + 1);
    cols
}

/// The 1-based character column where field `index` (0-based) of a CSV line starts.
pub(super) fn field_column(line: &str, index: usize) -> usize {
    let mut field = 0;
    let mut quoted = false;
    for (col, c) in line.chars().enumerate() {
        if field == index {
            return col + 1;
        }
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => field += 1,
            _ => {}
        }
    }
    line.chars().count() + 1
}

/// Decodes a data file: UTF-8 (a BOM is dropped) or, failing that, GB18030 (which
/// covers GBK). `None` with an error when neither reads.
pub(super) fn decode(path: &Path, bytes: &[u8], diags: &mut Diagnostics) -> Option<String> {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t.to_string(),
        Err(e) => {
            let (t, _, bad) = encoding_rs::GB18030.decode(bytes);
            if bad {
                let good = std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or_default();
                let (line, col) = crate::diag::line_col(good, good.len());
                diags.push(
                    Diagnostic::error(
                        path,
                        t!(
                            "这个文件的编码既不是 UTF-8 也不是 GBK，读不出来",
                            "the file is neither UTF-8 nor GBK text"
                        ),
                    )
                    .at(good, line, col)
                    .hint(t!(
                        "在 Excel 里“另存为”，文件类型选“CSV UTF-8（逗号分隔）”",
                        "save it as UTF-8 (in Excel: Save As, then \"CSV UTF-8\")"
                    )),
                );
                return None;
            }
            t.into_owned()
        }
    };
    // The csv crate miscounts lines after CRLF: read LF-only text.
    Some(text.replace("\r\n", "\n").replace('\r', "\n"))
}

fn strip_label<'a>(line: &'a str, labels: &[&str]) -> Option<&'a str> {
    labels.iter().find_map(|l| {
        line.strip_prefix(l)
            .and_then(|r| r.strip_prefix('：').or_else(|| r.strip_prefix(':')))
            .map(str::trim)
    })
}

/// `名称(单位)` → (名称, 单位), with ASCII or full-width parentheses.
fn name_and_unit(s: &str) -> (String, Option<String>) {
    let s = s.trim();
    for (open, close) in [('(', ')'), ('（', '）')] {
        if let Some(body) = s.strip_suffix(close) {
            if let Some(i) = body.rfind(open) {
                let unit = body[i + open.len_utf8()..].trim();
                if !unit.is_empty() {
                    return (body[..i].trim().to_string(), Some(unit.to_string()));
                }
            }
        }
    }
    (s.to_string(), None)
}

/// A line outside the table: a title or footnote line (a known label, or a
/// single cell).
fn outside(line: &str, meta: &mut Meta) -> bool {
    let raw = line.trim();
    let l = raw.trim_end_matches(',').trim();
    if l.is_empty() {
        return true;
    }
    if let Some(v) = strip_label(l, &["指标"]) {
        let (title, unit) = name_and_unit(v);
        meta.title = Some(title);
        meta.unit = unit;
    } else if let Some(v) = strip_label(l, &["数据来源", "资料来源", "来源"]) {
        meta.source = Some(v.to_string());
    } else if let Some(v) = strip_label(l, &["注", "附注", "说明", "备注"]) {
        meta.notes.push(v.to_string());
    } else if strip_label(l, &["数据库", "时间", "地区"]).is_some() {
    } else if raw.contains(',') {
        return false;
    }
    true
}

/// Reads `text` (decoded) into a [`Table`]; errors of the CSV itself go to `problems`.
pub(super) fn read(text: String, problems: &mut Problems) -> Table {
    let mut meta = Meta::default();
    let lines: Vec<&str> = text.lines().collect();
    let mut first = 0;
    while first < lines.len() && outside(lines[first], &mut meta) {
        first += 1;
    }
    let mut last = lines.len();
    while last > first + 1 && outside(lines[last - 1], &mut meta) {
        last -= 1;
    }
    for n in (0..first).chain(last..lines.len()) {
        if let Some((kind, message, hint)) = super::cells::line_problem(lines[n]) {
            problems.add(kind, n + 1, 1, message, hint);
        }
    }
    let body = lines[first..last].join("\n");
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .has_headers(false)
        .from_reader(body.as_bytes());
    let mut headers = Vec::new();
    let mut rows = Vec::new();
    for rec in reader.records() {
        let rec = match rec {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line() as usize) + first;
                problems.add(
                    "csv",
                    line,
                    1,
                    t!(
                        "这一行读不出来（多半是引号没有配对）",
                        "cannot read this row: {e}"
                    ),
                    t!(
                        "检查这一行的英文双引号是否成对",
                        "check the quotes on this line"
                    ),
                );
                continue;
            }
        };
        let line = rec.position().map_or(0, |p| p.line() as usize) + first;
        let cells: Vec<String> = rec.iter().map(|s| s.trim().to_string()).collect();
        let bad = cells
            .iter()
            .enumerate()
            .find_map(|(i, c)| Some((i, super::cells::problem(c)?)));
        if let Some((field, (kind, message, hint))) = bad {
            let text = lines.get(line.saturating_sub(1)).copied();
            let col = field_column(text.unwrap_or_default(), field);
            problems.add(kind, line, col, message, hint);
            if !headers.is_empty() {
                continue;
            }
        }
        if headers.is_empty() {
            headers = cells;
            continue;
        }
        if cells.iter().all(String::is_empty) {
            continue;
        }
        if cells.len() != headers.len() {
            let (message, hint, field) = wrong_width(&headers, &cells);
            let col = field_column(
                lines
                    .get(line.saturating_sub(1))
                    .copied()
                    .unwrap_or_default(),
                field,
            );
            problems.add("width", line, col, message, hint);
            continue;
        }
        rows.push(Rec {
            line,
            fields: (0..cells.len()).collect(),
            cells,
        });
    }
    let line_starts = std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    let mut table = Table {
        text,
        headers,
        rows,
        meta,
        wide: false,
        line_starts,
        fields: Default::default(),
    };
    widen(&mut table);
    table
}

/// The message and hint for a row with more or fewer cells than the header.
fn wrong_width(headers: &[String], cells: &[String]) -> (Text, Text, usize) {
    let (n, h) = (cells.len(), headers.len());
    let message = t!(
        "这一行有 {n} 格，但表头有 {h} 列",
        "this row has {n} cells but the header names {h} columns"
    );
    let numeric = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if cells.len() == headers.len() + 1 {
        if let Some(i) = (1..cells.len())
            .rev()
            .find(|&i| numeric(&cells[i - 1]) && numeric(&cells[i]))
        {
            let (a, b) = (&cells[i - 1], &cells[i]);
            return (
                message,
                t!(
                    "“{a},{b}”多半是数字 {a}.{b}，小数点写成了逗号：改成 {a}.{b}；如果是千位分隔符，删掉逗号（或把这一格用英文双引号括起来：\"{a},{b}\"）",
                    "`{a},{b}` is probably the number {a}.{b} written with a decimal comma: write {a}.{b}, or put the cell in quotes (\"{a},{b}\")"
                ),
                i - 1,
            );
        }
    }
    (
        message,
        t!(
            "每一行的格数要和表头一样多；含有逗号的格子用英文双引号括起来",
            "every row needs as many cells as the header; put cells that contain commas in quotes"
        ),
        0,
    )
}

/// The wide layout (`地区,2024年,2023年,…`: periods as columns) turned tidy:
/// one row per (row, period), columns [first header, 年份, 数值].
fn widen(t: &mut Table) {
    let periods: Vec<bool> = t
        .headers
        .iter()
        .skip(1)
        .map(|h| super::period::parse(h, super::period::Ambiguous::Auto).is_some())
        .collect();
    if t.headers.len() < 2 || !periods.iter().all(|&p| p) {
        return;
    }
    let mut rows = Vec::new();
    for r in &t.rows {
        for k in 1..t.headers.len() {
            rows.push(Rec {
                line: r.line,
                cells: vec![r.cells[0].clone(), t.headers[k].clone(), r.cells[k].clone()],
                fields: vec![0, k, k],
            });
        }
    }
    let first = t.headers[0].clone();
    t.headers = vec![first, "年份".into(), "数值".into()];
    t.rows = rows;
    t.wide = true;
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(500))]
        /// Every field's column at once, as one field at a time says.
        #[test]
        fn field_columns_agree_with_field_column(line in "[a,\"镇 ]{0,30}", index in 0usize..12) {
            let cols = field_columns(&line);
            let at = cols.get(index).or(cols.last()).copied().unwrap_or(1);
            proptest::prop_assert_eq!(at, field_column(&line, index));
        }
    }

    #[test]
    fn a_portal_export_reads_with_its_title_unit_and_notes() {
        let text = "数据库：分省年度数据\n指标：65岁及以上人口数(人口抽样调查)(人)\n时间：最近20年\n地区,2024年,2023年\n北京市,3703,\n天津市,2606,2572\n注：2015年为1%抽样。\n数据来源：国家统计局\n";
        let mut p = Problems::default();
        let t = read(text.into(), &mut p);
        assert!(!p.any() && t.wide);
        assert_eq!(
            t.meta.title.as_deref(),
            Some("65岁及以上人口数(人口抽样调查)")
        );
        assert_eq!(t.meta.unit.as_deref(), Some("人"));
        assert_eq!(t.meta.source.as_deref(), Some("国家统计局"));
        assert_eq!(t.meta.notes, ["2015年为1%抽样。"]);
        assert_eq!(t.headers, ["地区", "年份", "数值"]);
        assert_eq!(t.rows.len(), 4);
        assert_eq!((t.rows[1].line, &t.rows[1].cells[2][..]), (5, ""));
    }

    #[test]
    fn a_decimal_comma_gets_one_hint() {
        let mut p = Problems::default();
        let t = read(
            "Year,Units,Value\n2018,%,4,6\n2019,%,4,5\n2020,%,3.0\n".into(),
            &mut p,
        );
        assert_eq!(t.rows.len(), 1);
        let mut d = Diagnostics::default();
        p.emit(Path::new("x.csv"), &t.text, &mut d);
        assert_eq!(d.as_slice().len(), 1);
        let text = format!("{:?}", d.as_slice()[0]);
        assert!(text.contains("lines 2–3") && text.contains("4.6"), "{text}");
    }
}
