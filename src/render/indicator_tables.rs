//! The data tables beside indicator charts: the same numbers as the picture,
//! readable without it, with every line as a column, marks for illustrative,
//! provisional and estimated values, and each breakdown value's history.

use std::collections::HashMap;

use crate::chart::ChartKind;
use crate::indicator::status::{fmt_fixed, fmt_value};
use crate::indicator::{Indicator, Point};
use crate::text::escape::html as esc;

/// The periods of a table, one column (or row) each, and where each period is:
/// each line's points are placed by one lookup apiece, so a table of many lines
/// and periods is made in time linear in its cells (a search of each line's
/// points per cell took 3.6 s for 1,000 × 1,000).
struct Columns<'a> {
    /// One point of each period, in the table's order.
    points: Vec<&'a Point>,
    /// A period's key → its index in `points`.
    index: HashMap<PeriodKey<'a>, usize>,
}

/// What tells periods apart: the label as written and its place on the time axis.
type PeriodKey<'a> = (&'a str, u64, u64);

fn key(p: &Point) -> PeriodKey<'_> {
    (
        &p.period.label,
        p.period.start.to_bits(),
        p.period.end.to_bits(),
    )
}

impl<'a> Columns<'a> {
    /// The distinct periods of `points` in time order (`Less`: oldest first,
    /// `Greater`: newest first), the first point of each kept.
    fn of(points: impl Iterator<Item = &'a Point>, order: std::cmp::Ordering) -> Self {
        let mut index = HashMap::new();
        let mut unique: Vec<&Point> = points
            .filter(|p| index.insert(key(p), 0).is_none())
            .collect();
        unique.sort_by(|a, b| {
            let o = a.period.cmp_time(&b.period);
            if order == std::cmp::Ordering::Less {
                o
            } else {
                o.reverse()
            }
        });
        for (i, p) in unique.iter().enumerate() {
            index.insert(key(p), i);
        }
        Columns {
            points: unique,
            index,
        }
    }

    /// `points` placed in the columns: the first point of each period, `None`
    /// where the line has none.
    fn place<'p>(&self, points: &'p [Point]) -> Vec<Option<&'p Point>> {
        let mut out = vec![None; self.points.len()];
        for q in points {
            if let Some(&i) = self.index.get(&key(q)) {
                out[i].get_or_insert(q);
            }
        }
        out
    }
}

/// A point's figures for [`cell`].
fn value(p: Option<&Point>) -> Option<(f64, bool, Option<&'static str>)> {
    p.map(|q| (q.value, q.sample, q.mark))
}

/// One table row: its header, the value, and "（示例）" or "（初步数据）" marks.
fn row(
    h: &mut String,
    ind: &Indicator,
    class: &str,
    header: &str,
    value: f64,
    sample: bool,
    mark: Option<&str>,
) {
    let class = if class.is_empty() {
        String::new()
    } else {
        format!(" class=\"{class}\"")
    };
    h.push_str(&format!(
        "<tr{class}><th scope=\"row\">{}</th><td>{}</td></tr>\n",
        esc(header),
        cell(ind, Some((value, sample, mark)))
    ));
}

/// A value cell's content with its marks; empty for no value.
fn cell(ind: &Indicator, v: Option<(f64, bool, Option<&str>)>) -> String {
    let Some((value, sample, mark)) = v else {
        return String::new();
    };
    let mut s = fmt_fixed(value, ind.decimals);
    if sample {
        s.push_str("<span class=\"sample-mark\">（示例）</span>");
    }
    if let Some(m) = mark {
        s.push_str(&format!("<span class=\"sample-mark\">（{m}）</span>"));
    }
    s
}

/// `(单位:人,数值以千计)`.
fn unit_caption(ind: &Indicator) -> String {
    match &ind.unit_note {
        Some(n) => format!("（单位：{}，{}）", esc(&ind.unit), esc(n)),
        None => format!("（单位：{}）", esc(&ind.unit)),
    }
}

/// "年份" when every period is a year, else "时期".
fn period_header(points: &[&Point]) -> &'static str {
    if points.iter().all(|p| p.period.whole_year) {
        "年份"
    } else {
        "时期"
    }
}

/// The line table: one row per period, a column per line when there are several.
fn line_table(h: &mut String, ind: &Indicator) {
    let all: Vec<&Point> = ind
        .series
        .iter()
        .chain(ind.lines.iter().flat_map(|l| &l.points))
        .collect();
    let head = ind.head_name.clone().unwrap_or_else(|| "合计".into());
    let mut cols = String::new();
    if ind.lines.is_empty() {
        cols.push_str("<th scope=\"col\">数值</th>");
    } else {
        for name in std::iter::once(&head).chain(ind.lines.iter().map(|l| &l.name)) {
            cols.push_str(&format!("<th scope=\"col\">{}</th>", esc(name)));
        }
    }
    h.push_str(&format!(
        "<table class=\"data-table\"><caption>{}{}</caption>\n<thead><tr><th scope=\"col\">{}</th>{cols}</tr></thead>\n<tbody>\n",
        esc(&ind.title),
        unit_caption(ind),
        period_header(&all)
    ));
    let periods = Columns::of(all.iter().copied(), std::cmp::Ordering::Less);
    let series = periods.place(&ind.series);
    let lines: Vec<_> = ind.lines.iter().map(|l| periods.place(&l.points)).collect();
    for (i, p) in periods.points.iter().enumerate() {
        if ind.lines.is_empty() {
            row(h, ind, "", &p.period.label, p.value, p.sample, p.mark);
            continue;
        }
        let mut tds = format!("<td>{}</td>", cell(ind, value(series[i])));
        for l in &lines {
            tds.push_str(&format!("<td>{}</td>", cell(ind, value(l[i]))));
        }
        h.push_str(&format!(
            "<tr><th scope=\"row\">{}</th>{tds}</tr>\n",
            esc(&p.period.label)
        ));
    }
}

/// The period a breakdown shows, as the caption says it (empty when none).
fn breakdown_when(ind: &Indicator) -> String {
    ind.breakdown_period
        .as_ref()
        .map(|p| p.zh())
        .unwrap_or_default()
}

/// The district table of an indicator with a denominator: each district's rate,
/// its value and the denominator's figure.
fn rates_table(h: &mut String, ind: &Indicator) {
    let Some(r) = &ind.rates else { return };
    let when = breakdown_when(ind);
    h.push_str(&format!(
        "<table class=\"data-table\"><caption>{}{}（按{}年{}折算）</caption>\n<thead><tr><th scope=\"col\">区县</th><th scope=\"col\">{}（{}）</th><th scope=\"col\">数值（{}）</th><th scope=\"col\">{}（{}）</th></tr></thead>\n<tbody>\n",
        esc(&when),
        esc(&ind.title),
        r.year,
        esc(&r.of),
        esc(&r.words),
        esc(&r.unit),
        esc(&ind.unit),
        esc(&r.of),
        esc(&r.of_unit),
    ));
    let mark = |s: bool| {
        if s {
            "<span class=\"sample-mark\">（示例）</span>"
        } else {
            ""
        }
    };
    let city_sample = ind
        .breakdown_period
        .as_ref()
        .and_then(|y| ind.series.iter().find(|p| p.period == *y))
        .is_some_and(|p| p.sample);
    let rows = r.districts.iter().map(|d| (d, "", ind.districts_sample));
    let city = r.city.iter().map(|c| (c, " class=\"total\"", city_sample));
    for (d, class, count_sample) in rows.chain(city) {
        h.push_str(&format!(
            "<tr{class}><th scope=\"row\">{}</th><td>{}{}</td><td>{}{}</td><td>{}{}</td></tr>\n",
            esc(&d.name),
            fmt_fixed(d.value, r.decimals),
            mark(r.sample || count_sample),
            fmt_fixed(d.count, ind.decimals),
            mark(count_sample),
            fmt_value(d.base, 2),
            mark(r.sample),
        ));
    }
}

/// The data table that sits beside a chart: the same numbers, readable without the picture.
pub(crate) fn table_html(ind: &Indicator, kind: ChartKind) -> String {
    let mut h = String::new();
    match kind {
        ChartKind::Bars if ind.rates.is_some() => rates_table(&mut h, ind),
        ChartKind::Bars => {
            let when = breakdown_when(ind);
            h.push_str(&format!(
                "<table class=\"data-table\"><caption>{}{}{}</caption>\n<thead><tr><th scope=\"col\">{}</th><th scope=\"col\">数值</th></tr></thead>\n<tbody>\n",
                esc(&when),
                esc(&ind.title),
                unit_caption(ind),
                esc(if ind.breakdown_label.is_empty() { "分组" } else { &ind.breakdown_label })
            ));
            for (name, v) in &ind.districts {
                row(&mut h, ind, "", name, *v, ind.districts_sample, None);
            }
            if let Some(p) = ind
                .breakdown_period
                .as_ref()
                .and_then(|y| ind.series.iter().find(|p| p.period == *y))
            {
                row(&mut h, ind, "total", "全市", p.value, p.sample, p.mark);
            }
        }
        ChartKind::Progress => {
            h.push_str(&format!(
                "<table class=\"data-table\"><caption>{}：目前和目标{}</caption>\n<tbody>\n",
                esc(&ind.title),
                unit_caption(ind)
            ));
            if let Some(p) = ind.latest() {
                row(&mut h, ind, "", &p.period.zh(), p.value, p.sample, p.mark);
            }
            if let Some(t) = &ind.target {
                row(
                    &mut h,
                    ind,
                    "",
                    &format!("目标（{}年）", t.year),
                    t.value,
                    t.sample,
                    None,
                );
            }
        }
        ChartKind::Line | ChartKind::Sparkline => {
            line_table(&mut h, ind);
            if let Some(t) = &ind.target {
                row(
                    &mut h,
                    ind,
                    "target",
                    &format!("{}年目标", t.year),
                    t.value,
                    t.sample,
                    None,
                );
            }
        }
    }
    h.push_str("</tbody></table>");
    h
}

/// Every breakdown value's history (e.g. each district by year), as one table.
pub(crate) fn history_html(ind: &Indicator) -> Option<String> {
    if ind.history.is_empty() {
        return None;
    }
    let periods = Columns::of(
        ind.history.iter().flat_map(|l| &l.points),
        std::cmp::Ordering::Greater,
    );
    let mut h = format!(
        "<details class=\"history\"><summary>各{}历年数据</summary>\n<div class=\"table-wrap\" role=\"region\" aria-label=\"各{}历年数据\" tabindex=\"0\"><table class=\"data-table\"><caption>{}{}</caption>\n<thead><tr><th scope=\"col\">{}</th>",
        esc(&ind.breakdown_label), esc(&ind.breakdown_label), esc(&ind.title), unit_caption(ind), esc(&ind.breakdown_label)
    );
    for p in &periods.points {
        h.push_str(&format!("<th scope=\"col\">{}</th>", esc(&p.period.label)));
    }
    h.push_str("</tr></thead>\n<tbody>\n");
    for l in &ind.history {
        h.push_str(&format!("<tr><th scope=\"row\">{}</th>", esc(&l.name)));
        for q in periods.place(&l.points) {
            h.push_str(&format!("<td>{}</td>", cell(ind, value(q))));
        }
        h.push_str("</tr>\n");
    }
    h.push_str("</tbody></table></div></details>\n");
    Some(h)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_line_is_placed_in_its_periods_columns() {
        let pts = |years: &[i32]| -> Vec<Point> {
            years
                .iter()
                .map(|&y| Point::year(y, f64::from(y), false))
                .collect()
        };
        let (a, b) = (pts(&[2021, 2023]), pts(&[2023, 2022, 2023]));
        let cols = Columns::of(a.iter().chain(&b), std::cmp::Ordering::Greater);
        let labels: Vec<&str> = cols.points.iter().map(|p| &*p.period.label).collect();
        assert_eq!(labels, ["2023", "2022", "2021"]);
        let years = |line: &[Point]| -> Vec<Option<f64>> {
            cols.place(line)
                .iter()
                .map(|p| p.map(|p| p.value))
                .collect()
        };
        assert_eq!(years(&a), [Some(2023.0), None, Some(2021.0)]);
        assert_eq!(years(&b), [Some(2023.0), Some(2022.0), None]);
    }
}
