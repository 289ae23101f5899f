//! Which rows of a data file the page shows. Column by column (see
//! [`super::columns`]): a choice column (units, series) keeps the value the
//! indicator selects, else the first written; a breakdown column keeps the value
//! selected, else the total (the empty cell), else the first written, and then
//! the page says what it shows ("下图为：Female"). Attributes never drop a row.
//! `csv: {lines: Column}` keeps every value of that column as a line of its own;
//! `csv: {breakdown: Column}` (or `city:` for a file with one row per region)
//! shows that column's values as bars, each with its history.

use std::collections::BTreeMap;
use std::path::Path;

use super::columns::{self, Role};
use super::obs::{distinct, group, observations, point, Cols, Obs};
use super::period::Period;
use super::table::{Problems, Table};
use super::{words, Checks, CsvOptions, Line, Point};
use crate::diag::{Diagnostic, Diagnostics};
use crate::msg::Text;
use crate::t;

/// What the page shows of a data file.
#[derive(Default)]
pub(super) struct CsvData {
    pub series: Vec<Point>,
    pub lines: Vec<Line>,
    pub breakdown: Vec<(String, f64)>,
    pub history: Vec<Line>,
    pub breakdown_period: Option<Period>,
    pub breakdown_label: String,
    pub breakdown_sample: bool,
    pub shows: Vec<String>,
    pub unit: Option<String>,
    /// The unit in brackets after the value column's name, and that header.
    pub value_unit: Option<(String, String)>,
    pub unit_note: Option<String>,
    pub footnotes: Vec<String>,
    pub left_out: Vec<crate::msg::Text>,
    pub no_data: bool,
    pub head_name: Option<String>,
}

/// Every column that the options name must exist.
fn named_columns(t: &Table, opts: &CsvOptions) -> Result<(), String> {
    let named = opts
        .select
        .keys()
        .chain(&opts.breakdown)
        .chain(&opts.lines)
        .chain(&opts.attributes);
    for c in named {
        if !t.headers.iter().any(|h| h.eq_ignore_ascii_case(c)) {
            return Err(c.clone());
        }
    }
    Ok(())
}

/// Keeps the rows of `obs` whose column `c` is `pick`; an error when none is.
fn keep(
    t: &Table,
    obs: &mut Vec<Obs>,
    c: usize,
    pick: &str,
    path: &Path,
    diags: &mut Diagnostics,
) -> bool {
    let before: Vec<String> = distinct(t, obs, c);
    obs.retain(|o| t.rows[o.row].cells[c] == pick);
    if obs.is_empty() {
        let column = &t.headers[c];
        let values = |empty: &'static str, sep: &str| {
            before
                .iter()
                .map(|v| if v.is_empty() { empty } else { v })
                .take(12)
                .collect::<Vec<_>>()
                .join(sep)
        };
        let (zh, en) = (
            values("（空着：合计）", "、"),
            values("(empty: the total)", ", "),
        );
        diags.push(
            Diagnostic::error(
                path,
                t!(
                    "数据文件里没有“{column}”一列是“{pick}”的数据行",
                    "no row with data has `{column}` = `{pick}`"
                ),
            )
            .at(&t.text, 1, 1)
            .hint(t!(
                "“{column}”一列里有：{zh}",
                "the values of {column} are: {en}"
            )),
        );
        return false;
    }
    true
}

/// Whether column `c` is a second number rather than a breakdown: every cell a
/// number, and different on most rows (a breakdown repeats a few values, such as
/// a code per district, on every period).
fn second_number(t: &Table, c: usize) -> bool {
    let cells: Vec<&str> = t
        .rows
        .iter()
        .map(|r| r.cells[c].as_str())
        .filter(|s| !s.is_empty())
        .collect();
    let distinct: std::collections::BTreeSet<&str> = cells.iter().copied().collect();
    cells.len() >= 4
        && cells.iter().all(|s| s.parse::<f64>().is_ok())
        && distinct.len() * 2 > cells.len()
}

/// Which column does what in one file, given the indicator's options.
struct Layout {
    roles: Vec<Role>,
    cols: Cols,
    /// The column drawn as bars (csv: breakdown, or the region column with city).
    bars: Option<usize>,
    /// The column drawn as lines (csv: lines).
    lines: Option<usize>,
}

fn layout(t: &Table, opts: &CsvOptions, path: &Path, diags: &mut Diagnostics) -> Option<Layout> {
    let error = |message: Text, hint: Text| {
        Diagnostic::error(path, message)
            .at(&t.text, 1, 1)
            .hint(hint)
    };
    if let Err(c) = named_columns(t, opts) {
        let (zh, en) = (t.headers.join("、"), t.headers.join(", "));
        diags.push(error(
            t!(
                "数据文件里没有“{c}”这一列",
                "column `{c}` is not in the data file"
            ),
            t!(
                "数据文件的列有：{zh}（检查 csv: 里写的列名，要和表头一字不差）",
                "the columns are: {en}"
            ),
        ));
        return None;
    }
    // Columns the options name are breakdowns, unless they are choices already.
    let named_choice = |k: &String| {
        t.headers
            .iter()
            .any(|h| h.eq_ignore_ascii_case(k) && columns::role(h, &[], &[]) == Role::Choice)
    };
    let mut forced: Vec<String> = opts.breakdown.iter().chain(&opts.lines).cloned().collect();
    forced.extend(opts.select.keys().filter(|k| !named_choice(k)).cloned());
    let roles: Vec<Role> = t
        .headers
        .iter()
        .enumerate()
        .map(|(c, h)| match columns::role(h, &opts.attributes, &forced) {
            Role::Breakdown
                if !forced.iter().any(|f| f.eq_ignore_ascii_case(h)) && second_number(t, c) =>
            {
                Role::Attribute
            }
            role => role,
        })
        .collect();
    let find = |r: Role| roles.iter().position(|&x| x == r);
    let (Some(period), Some(value)) = (find(Role::Period), find(Role::Value)) else {
        if let Some((line, message, hint)) = words::header_slip(&t.text) {
            let e = Diagnostic::error(path, message).at(&t.text, line, 1);
            diags.push(e.hint(hint));
            return None;
        }
        if let Some((message, hint)) = words::separator_slip(&t.text) {
            diags.push(error(message, hint));
            return None;
        }
        let (zh, en) = (t.headers.join("、"), t.headers.join(", "));
        diags.push(error(
            t!(
                "数据文件要有一列年份（时期）和一列数值",
                "the data file needs a period column and a value column"
            ),
            t!(
                "把表头写成例如“年份”和“数值”；现在的列有：{zh}",
                "name them e.g. Year and Value (or 年份 and 数值); the columns are: {en}"
            ),
        ));
        return None;
    };
    let header = |name: &Option<String>| {
        name.as_ref()
            .and_then(|n| t.headers.iter().position(|h| h.eq_ignore_ascii_case(n)))
    };
    let district = t
        .headers
        .iter()
        .position(|h| columns::DISTRICT.iter().any(|d| h.eq_ignore_ascii_case(d)));
    if t.wide && opts.city.is_none() && opts.breakdown.is_none() && district == Some(0) {
        let rows: Vec<&str> = t
            .rows
            .iter()
            .map(|r| r.cells[0].as_str())
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .take(12)
            .collect();
        let (by, rows) = (&t.headers[0], rows.join("、"));
        diags.push(error(
            t!(
                "数据文件每个“{by}”一行：请说明哪一行是全市",
                "the file has one row per {by}: say which row is your city"
            ),
            t!(
                "在指标文件里加一行 csv: {{city: …}}，写其中一个：{rows}",
                "add csv: {{city: …}} to the indicator's YAML, with one of: {rows}"
            ),
        ));
        return None;
    }
    let city = opts.city.as_ref().and(district.or(Some(0)));
    Some(Layout {
        cols: Cols {
            period,
            value,
            sample: find(Role::Sample),
            status: t.headers.iter().position(|h| columns::is_status(h)),
        },
        bars: header(&opts.breakdown).or(city).or(district),
        lines: header(&opts.lines),
        roles,
    })
}

/// Narrows `obs` column by column (choices and breakdowns not drawn); says in
/// `data.shows` what was picked where no total exists. `false` after an error.
fn narrow(
    t: &Table,
    lay: &Layout,
    opts: &CsvOptions,
    obs: &mut Vec<Obs>,
    data: &mut CsvData,
    path: &Path,
    diags: &mut Diagnostics,
) -> bool {
    for (c, role) in lay.roles.iter().enumerate() {
        if !matches!(role, Role::Choice | Role::Breakdown)
            || Some(c) == lay.bars
            || Some(c) == lay.lines
        {
            continue;
        }
        let selected = opts
            .select
            .iter()
            .find(|(k, _)| t.headers[c].eq_ignore_ascii_case(k));
        let values = distinct(t, obs, c);
        let pick = match selected {
            Some((_, v)) => v.clone(),
            None if *role == Role::Breakdown && values.iter().any(String::is_empty) => {
                String::new()
            }
            None => values[0].clone(),
        };
        if selected.is_none() && values.len() > 1 && !pick.is_empty() {
            data.shows.push(pick.clone());
        }
        let before = obs.len();
        if !keep(t, obs, c, &pick, path, diags) {
            return false;
        }
        if obs.len() < before {
            let (column, n) = (&t.headers[c], before - obs.len());
            data.left_out.push(if pick.is_empty() {
                crate::t!(
                    "“{column}”列：{n} 行是别的值（页面显示合计，即这一列为空的行）",
                    "{column}: {n} rows of other values (the page shows the total (empty cell))"
                )
            } else {
                crate::t!(
                    "“{column}”列：{n} 行是别的值（页面显示“{pick}”）",
                    "{column}: {n} rows of other values (the page shows “{pick}”)"
                )
            });
        }
        if columns::is_unit(&t.headers[c]) && !pick.is_empty() && data.unit.is_none() {
            data.unit = Some(columns::unit_text(&pick));
        }
    }
    true
}

/// Whether `o` belongs to the headline rather than to a bar.
fn in_head(t: &Table, lay: &Layout, opts: &CsvOptions, o: &Obs) -> bool {
    let cell = |c: usize| t.rows[o.row].cells[c].as_str();
    match (lay.bars, &opts.city) {
        (Some(b), Some(city)) => cell(b) == city,
        (Some(b), None) => cell(b).is_empty(),
        _ => true,
    }
}

/// The headline's rows (and the further lines, into `data.lines`).
fn headline<'a>(
    t: &Table,
    lay: &Layout,
    opts: &CsvOptions,
    obs: &'a [Obs],
    data: &mut CsvData,
) -> Vec<&'a Obs> {
    let mut head: Vec<&Obs> = obs.iter().filter(|o| in_head(t, lay, opts, o)).collect();
    if let Some(l) = lay.lines {
        let groups = group(t, &head, l);
        let total_line = groups.iter().any(|g| g.name.is_empty());
        let first = groups.first().map(|g| g.name.clone()).unwrap_or_default();
        let name = if total_line {
            String::new()
        } else {
            first.clone()
        };
        if !total_line {
            data.shows.push(first.clone());
        }
        data.head_name = Some(if total_line { "合计".into() } else { first });
        head.retain(|o| t.rows[o.row].cells[l] == name);
        data.lines = groups.into_iter().filter(|g| g.name != name).collect();
    }
    head
}

/// One point per period of the headline; repeats are problems.
fn one_per_period(
    t: &Table,
    lay: &Layout,
    head: &[&Obs],
    data: &mut CsvData,
    problems: &mut Problems,
) {
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for o in head {
        let r = &t.rows[o.row];
        if let Some(first) = seen.insert(o.period.label.clone(), r.line) {
            let label = &o.period.label;
            let message = if o.period.whole_year {
                t!(
                    "{label} 年写了两次（第一次在第 {first} 行）",
                    "year {label} is given twice (first on line {first})"
                )
            } else {
                t!(
                    "时期 {label} 写了两次（第一次在第 {first} 行）",
                    "period {label} is given twice (first on line {first})"
                )
            };
            problems.add(
                "twice",
                r.line,
                t.col_of(r.line, r.fields[lay.cols.period]),
                message,
                t!(
                    "同一组其他各列，每个时期只写一行；或者在指标文件的 csv: 里写明区分它们的那一列，例如 csv: {{lines: 性别}} 或 csv: {{breakdown: 区县}}",
                    "keep one row per period for each combination of the other columns, or name the column that tells them apart under csv: {{lines: …}} or {{breakdown: …}}"
                ),
            );
            continue;
        }
        data.series.push(point(o));
    }
}

/// Selects what the page shows from `t`. `None` after an error.
pub(super) fn select(
    t: &Table,
    opts: &CsvOptions,
    sample: bool,
    checks: &Checks<'_>,
    path: &Path,
    diags: &mut Diagnostics,
) -> Option<CsvData> {
    let lay = layout(t, opts, path, diags)?;
    let mut problems = Problems::default();
    let mut obs = observations(t, &lay.cols, opts.periods, sample, &mut problems);
    if problems.any() {
        problems.emit(path, &t.text, diags);
        return None;
    }
    let mut data = CsvData::default();
    let value_header = &t.headers[lay.cols.value];
    data.value_unit = columns::name_and_unit(value_header)
        .1
        .map(|u| (columns::unit_text(u), value_header.clone()));
    if obs.is_empty() {
        data.no_data = true;
        return Some(data);
    }
    if !narrow(t, &lay, opts, &mut obs, &mut data, path, diags) {
        return None;
    }
    let head = headline(t, &lay, opts, &obs, &mut data);
    if let (Some(b), Some(city), true) = (lay.bars, &opts.city, head.is_empty()) {
        let names: Vec<String> = distinct(t, &obs, b).into_iter().take(12).collect();
        let names = names.join("、");
        diags.push(
            Diagnostic::error(
                path,
                t!(
                    "数据文件里没有“{city}”这一行",
                    "no row of the data file is `{city}`"
                ),
            )
            .at(&t.text, 1, 1)
            .hint(t!(
                "照数据文件里的写法写全市的名称，例如其中之一：{names}",
                "name your city as the file writes it: {names}"
            )),
        );
        return None;
    }
    one_per_period(t, &lay, &head, &mut data, &mut problems);
    if let Some(b) = lay.bars {
        let others: Vec<&Obs> = obs
            .iter()
            .filter(|o| {
                !in_head(t, &lay, opts, o)
                    && lay.lines.is_none_or(|l| t.rows[o.row].cells[l].is_empty())
            })
            .collect();
        data.history = group(t, &others, b);
        let by_city = opts.city.is_some() && opts.breakdown.is_none();
        bar_values(t, &mut data, &others, b, by_city, checks, &mut problems);
    }
    if problems.any() {
        problems.emit(path, &t.text, diags);
        return None;
    }
    let drawn = [
        (lay.bars, data.history.len(), MAX_BARS),
        (lay.lines, data.lines.len() + 1, MAX_LINES),
    ];
    if let Some((c, n, max)) = drawn
        .into_iter()
        .find_map(|(c, n, max)| Some((c?, n, max)).filter(|_| n > max))
    {
        diags.push(too_many(t, path, c, n, max));
        return None;
    }
    if data.series.is_empty() && data.breakdown.is_empty() && data.lines.is_empty() {
        diags.push(
            Diagnostic::error(
                path,
                t!(
                    "按设置选出的行里没有可以显示的数据",
                    "the rows selected leave no data to show"
                ),
            )
            .at(&t.text, 1, 1)
            .hint(t!(
                "在 csv: {{select: …}} 里换一个值，或加上合计行（分组那一格空着）",
                "choose another value under csv: {{select: …}}, or add rows with a total (an empty breakdown cell)"
            )),
        );
        return None;
    }
    data.series.sort_by(|a, b| a.period.cmp_time(&b.period));
    finish(t, &mut data, &head);
    Some(data)
}

/// The most bars (one per breakdown value) and lines a chart draws: more can be
/// neither read on a phone nor sent to one (200,000 values made a 180 MB page).
const MAX_BARS: usize = 300;
const MAX_LINES: usize = 30;

/// A breakdown or lines column with more values than a chart can show.
fn too_many(t: &Table, path: &Path, c: usize, n: usize, max: usize) -> Diagnostic {
    let column = &t.headers[c];
    Diagnostic::error(
        path,
        t!(
            "“{column}”这一列有 {n} 个不同的值，图上最多画 {max} 个",
            "column `{column}` has {n} different values; a chart shows at most {max}"
        ),
    )
    .at(&t.text, 1, t.col_of(1, c))
    .hint(t!(
        "在 csv: 里换一列分组（例如区县），或用 csv: {{select: {{{column}: …}}}} 只选其中一个值",
        "break the data down by another column, or choose one value with csv: {{select: {{{column}: …}}}}"
    ))
}

/// The bars: each breakdown value at the latest period any of them has.
fn bar_values(
    t: &Table,
    data: &mut CsvData,
    others: &[&Obs],
    b: usize,
    by_city: bool,
    checks: &Checks<'_>,
    problems: &mut Problems,
) {
    let Some(latest) = others
        .iter()
        .map(|o| &o.period)
        .max_by(|a, b| a.cmp_time(b))
        .cloned()
    else {
        return;
    };
    // Bars by a district column (`区县`, `地区`, … as the label says) or the rows
    // of a wide file around its city row are districts: their names are checked.
    let is_district = columns::DISTRICT
        .iter()
        .any(|d| t.headers[b].eq_ignore_ascii_case(d))
        || by_city;
    // Names already drawn, so a file with many breakdown values stays linear.
    let mut seen: std::collections::HashSet<String> =
        data.breakdown.iter().map(|(n, _)| n.clone()).collect();
    for o in others.iter().filter(|o| o.period == latest) {
        let r = &t.rows[o.row];
        let name = r.cells[b].clone();
        let col = t.col_of(r.line, r.fields[b]);
        if is_district && checks.unknown_district(&name) {
            let (message, hint) = words::not_a_district(&name, checks.districts);
            problems.add("district", r.line, col, message, hint);
            continue;
        }
        if !seen.insert(name.clone()) {
            let label = &latest.label;
            problems.add(
                "district-twice",
                r.line,
                col,
                t!(
                    "{name} 的 {label} 数值写了两次",
                    "{name} is given twice for {label}"
                ),
                t!(
                    "每个时期、每个区县只写一行",
                    "keep one row per period and district"
                ),
            );
            continue;
        }
        data.breakdown_sample |= o.sample;
        data.breakdown.push((name, o.value));
    }
    data.breakdown_label = if columns::DISTRICT
        .iter()
        .any(|d| t.headers[b].eq_ignore_ascii_case(d))
    {
        "区县".into()
    } else {
        t.headers[b].clone()
    };
    data.breakdown_period = Some(latest);
}

/// Unit note and footnotes of the rows shown.
fn finish(t: &Table, data: &mut CsvData, head: &[&Obs]) {
    for (c, h) in t.headers.iter().enumerate() {
        if columns::is_multiplier(h) {
            data.unit_note = head
                .iter()
                .find_map(|o| columns::multiplier(&t.rows[o.row].cells[c]));
        }
        if columns::is_footnote(h) {
            for o in head {
                let note = &t.rows[o.row].cells[c];
                let line = format!("{}:{note}", o.period.label);
                if !note.is_empty() && !data.footnotes.contains(&line) {
                    data.footnotes.push(line);
                }
            }
        }
    }
}
