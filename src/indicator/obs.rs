//! The rows of a data file read into observations: each row's period, value,
//! sample flag and provisional/estimated mark, problems collapsed per kind; and
//! small helpers over them (distinct values of a column, grouping into lines).

use super::columns;
use super::period::{self, Ambiguous, Period};
use super::table::{Problems, Table};
use super::{bounds, words, Line, Point};
use crate::t;

/// One row with a value.
pub(super) struct Obs {
    /// Index into the table's rows.
    pub row: usize,
    pub period: Period,
    pub value: f64,
    pub sample: bool,
    /// 初步数据 or 估计值.
    pub mark: Option<&'static str>,
}

/// The columns rows are read from: period, value, our `sample`, observation status.
pub(super) struct Cols {
    pub period: usize,
    pub value: usize,
    pub sample: Option<usize>,
    pub status: Option<usize>,
}

/// Reads the rows of `t` into points; problems are collapsed per kind.
pub(super) fn observations(
    t: &Table,
    cols: &Cols,
    amb: Ambiguous,
    sample: bool,
    problems: &mut Problems,
) -> Vec<Obs> {
    let (pc, vc, sc, status) = (cols.period, cols.value, cols.sample, cols.status);
    let cells: Vec<&str> = t.rows.iter().map(|r| r.cells[pc].as_str()).collect();
    let amb = period::read_column(&cells, amb);
    let skip_empty = t.headers[vc] != "value";
    let mut out = Vec::new();
    for (i, r) in t.rows.iter().enumerate() {
        let at = |c: usize| t.col_of(r.line, r.fields[c]);
        let raw = &r.cells[vc];
        if raw.is_empty() && skip_empty {
            // Not published for that period: nothing to show.
            continue;
        }
        let Some(p) = period::parse(&r.cells[pc], amb).filter(|p| bounds::year_ok(p.year)) else {
            problems.add(
                "period",
                r.line,
                at(pc),
                words::not_a_period(&r.cells[pc]),
                period::hint(),
            );
            continue;
        };
        let value = match raw.parse::<f64>() {
            Ok(v) if bounds::value_ok(v) => v,
            Ok(v) => {
                problems.add(
                    "big",
                    r.line,
                    at(vc),
                    bounds::message(bounds::PLAIN_YEAR, v),
                    bounds::hint(),
                );
                continue;
            }
            Err(_) => {
                let (kind, msg, hint) = if raw.is_empty() {
                    let label = &p.label;
                    let msg = t!("{label} 的数值没有填", "the value for {label} is missing");
                    ("value", msg, words::number_hint())
                } else {
                    words::not_a_number_why(raw, skip_empty)
                };
                problems.add(kind, r.line, at(vc), msg, hint);
                continue;
            }
        };
        let row_sample = match sc.map(|c| r.cells[c].as_str()) {
            None | Some("" | "false" | "no" | "0") => false,
            Some("true" | "yes" | "1") => true,
            Some(other) => {
                problems.add(
                    "sample",
                    r.line,
                    at(sc.unwrap_or(0)),
                    t!(
                        "示例数据（sample）一栏的“{other}”应当是 true 或 false",
                        "`{other}` in the sample column is not true or false"
                    ),
                    t!(
                        "示例数据的行写 true，正式数据的行写 false 或空着",
                        "write true for illustrative rows, false or nothing for official ones"
                    ),
                );
                continue;
            }
        };
        out.push(Obs {
            row: i,
            period: p,
            value,
            sample: sample || row_sample,
            mark: status.and_then(|c| columns::mark(&r.cells[c])),
        });
    }
    out
}

/// The values of column `c` over `obs`, each once, in the order first met
/// (a set beside the list: a column of 40,000 different values was
/// compared with every value before it).
pub(super) fn distinct(t: &Table, obs: &[Obs], c: usize) -> Vec<String> {
    let mut seen: ahash::HashSet<&str> = Default::default();
    (obs.iter())
        .map(|o| t.rows[o.row].cells[c].as_str())
        .filter(|s| seen.insert(s))
        .map(str::to_string)
        .collect()
}

pub(super) fn point(o: &Obs) -> Point {
    Point {
        period: o.period.clone(),
        value: o.value,
        sample: o.sample,
        mark: o.mark,
    }
}

/// Groups `obs` by column `c` into lines, in the order first written.
pub(super) fn group(t: &Table, obs: &[&Obs], c: usize) -> Vec<Line> {
    // In the order first met; a map from name to place keeps it linear.
    let mut lines: Vec<Line> = Vec::new();
    let mut at: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for o in obs {
        let name = t.rows[o.row].cells[c].as_str();
        match at.get(name) {
            Some(&i) => lines[i].points.push(point(o)),
            None => {
                at.insert(name, lines.len());
                lines.push(Line {
                    name: name.to_string(),
                    points: vec![point(o)],
                });
            }
        }
    }
    for l in &mut lines {
        l.points.sort_by(|a, b| a.period.cmp_time(&b.period));
        l.points.dedup_by(|a, b| a.period == b.period);
    }
    lines
}
