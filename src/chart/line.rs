//! The line chart: values over time on a proportional time axis (a quarter is a
//! quarter of a year wide), the target and the trend towards it, further lines
//! (by sex, age …) labelled directly at their ends and told apart by dash and
//! marker shape as well as colour, provisional or estimated points hollow squares.
//! Labels are placed so that they never overlap or leave the picture.

use plotters::element::DashedPathElement;
use plotters::prelude::*;

use super::{
    label, px, short, text_width, tick_label, ticks, value_range, Canvas, Label, BLUE, GREY, INK,
    LIGHT, MUTED, TARGET_TEXT, VERMILLION,
};
use crate::indicator::{Indicator, Point};

/// Colours of further lines (Okabe–Ito), after the headline's blue.
const LINE_COLOURS: [RGBColor; 5] = [
    RGBColor(0, 158, 115),
    RGBColor(204, 121, 167),
    RGBColor(230, 159, 0),
    RGBColor(86, 180, 233),
    RGBColor(0, 0, 0),
];

/// Keeps the labels of `cands` (x, text) that fit without overlapping, the ones
/// listed first winning; each stays inside `0..w`.
fn fit_labels(cands: &[(f64, String)], size: f64, w: f64) -> Vec<(f64, String)> {
    let mut kept: Vec<(f64, f64, String)> = Vec::new();
    for (x, t) in cands {
        let half = text_width(t, size) / 2.0;
        let x = x.clamp(half + 2.0, (w - half - 2.0).max(half + 2.0));
        if kept
            .iter()
            .all(|(kx, kh, _)| (kx - x).abs() >= kh + half + 8.0)
        {
            kept.push((x, half, t.clone()));
        }
    }
    kept.into_iter().map(|(x, _, t)| (x, t)).collect()
}

/// The x-axis labels: the last period, the first, then evenly spread ones.
fn axis_candidates(series: &[&Point], x_of: &dyn Fn(f64) -> f64) -> Vec<(f64, String)> {
    let n = series.len();
    let mut order: Vec<usize> = vec![n - 1, 0];
    let mut step = n.next_power_of_two() / 2;
    while step >= 1 {
        order.extend((0..n).step_by(step));
        if step == 1 {
            break;
        }
        step /= 2;
    }
    order
        .into_iter()
        .map(|i| (x_of(series[i].period.mid()), series[i].period.label.clone()))
        .collect()
}

/// Places end-of-line labels (y, text) so they keep `gap` apart, within `top..bottom`.
fn spread(mut ys: Vec<(f64, String)>, gap: f64, top: f64, bottom: f64) -> Vec<(f64, String)> {
    ys.sort_by(|a, b| a.0.total_cmp(&b.0));
    for i in 1..ys.len() {
        if ys[i].0 < ys[i - 1].0 + gap {
            ys[i].0 = ys[i - 1].0 + gap;
        }
    }
    if let Some(last) = ys.last().map(|l| l.0) {
        let over = (last - bottom).max(0.0);
        for y in &mut ys {
            y.0 = (y.0 - over).max(top);
        }
    }
    ys
}

/// Draws a marker: circle (filled, or hollow when illustrative), hollow square
/// for provisional or estimated points, or shape `k` for further lines.
fn marker(area: &super::Area<'_>, x: i32, y: i32, r: i32, p: &Point, colour: RGBColor, k: usize) {
    if p.mark.is_some() {
        let _ = area.draw(&Rectangle::new(
            [(x - r, y - r), (x + r, y + r)],
            WHITE.filled(),
        ));
        let _ = area.draw(&Rectangle::new(
            [(x - r, y - r), (x + r, y + r)],
            colour.stroke_width(2),
        ));
    } else if p.sample {
        let _ = area.draw(&Circle::new((x, y), r, WHITE.filled()));
        let _ = area.draw(&Circle::new((x, y), r, colour.stroke_width(2)));
    } else if k % 2 == 1 {
        let _ = area.draw(&Polygon::new(
            vec![
                (x, y - r - 1),
                (x + r + 1, y),
                (x, y + r + 1),
                (x - r - 1, y),
            ],
            colour.filled(),
        ));
    } else if k > 0 {
        let _ = area.draw(&Polygon::new(
            vec![(x, y - r - 1), (x + r + 1, y + r), (x - r - 1, y + r)],
            colour.filled(),
        ));
    } else {
        let _ = area.draw(&Circle::new((x, y), r, colour.filled()));
    }
}

/// Legend entries as (kind, text): 0 hollow circle, 1 hollow square, 2 dashes.
fn legend(ind: &Indicator) -> Vec<(u8, String)> {
    let all = || {
        ind.series
            .iter()
            .chain(ind.lines.iter().flat_map(|l| &l.points))
    };
    let mut out = Vec::new();
    if all().any(|p| p.sample) {
        out.push((0, "示例数据".to_string()));
    }
    for m in ["初步数据", "估计值"] {
        if all().any(|p| p.mark == Some(m)) {
            out.push((1, m.to_string()));
        }
    }
    if ind.status.projected.is_some() {
        out.push((2, "按目前速度".to_string()));
    }
    out
}

/// The plot's margins and the chart's height: (left, right, top, bottom, height).
/// Room on the left for the widest tick label, on the right for line names, at
/// the top for the legend rows.
fn margins(
    spark: bool,
    tick_labels: &[(f64, String)],
    legend_rows: usize,
    lines: &[crate::indicator::Line],
    size: f64,
) -> (f64, f64, f64, f64, f64) {
    if spark {
        return (3.0, 3.0, 4.0, 4.0, 36.0);
    }
    let name_w = lines
        .iter()
        .map(|l| text_width(&l.name, size))
        .fold(0.0, f64::max);
    let widest = tick_labels
        .iter()
        .map(|(_, s)| text_width(s, size))
        .fold(0.0, f64::max);
    let top = 12.0 + 20.0 * legend_rows as f64;
    let right = if lines.is_empty() {
        24.0
    } else {
        name_w.min(120.0) + 14.0
    };
    (widest + 12.0, right, top, 34.0, top + 210.0)
}

/// The line chart of `ind`, or its sparkline.
pub(super) fn line(ind: &Indicator, spark: bool) -> Option<Canvas> {
    let series = &ind.series;
    series.last()?;
    let lines = if spark { &[][..] } else { &ind.lines[..] };
    let size = 14.0;
    let target = ind.target.as_ref();
    let projected = ind.status.projected;
    let all_points = || series.iter().chain(lines.iter().flat_map(|l| &l.points));
    let mut values: Vec<f64> = all_points().map(|p| p.value).collect();
    values.extend(target.map(|t| t.value));
    values.extend(projected);
    let (lo, hi, step) = value_range(&values);
    let t0 = all_points()
        .map(|p| p.period.start)
        .fold(f64::INFINITY, f64::min);
    let t_last = all_points()
        .map(|p| p.period.end)
        .fold(f64::NEG_INFINITY, f64::max);
    let t1 = target.map_or(t_last, |t| t_last.max(f64::from(t.year) + 1.0));
    let tick_labels: Vec<(f64, String)> = ticks(lo, hi, step)
        .into_iter()
        .map(|t| (t, tick_label(t, step)))
        .collect();
    let unit_text = format!("单位：{}", ind.unit);
    let entries = if spark { Vec::new() } else { legend(ind) };
    let w = if spark { 120.0 } else { 360.0 };
    let rows = legend_rows(&entries, &unit_text, w, size);
    let (left, right, top, bottom, h) = margins(spark, &tick_labels, rows.len(), lines, size);
    let x_of = |t: f64| left + (t - t0) / (t1 - t0).max(1e-9) * (w - left - right);
    let y_of = |v: f64| top + (hi - v) / (hi - lo) * (h - top - bottom);
    let canvas = Canvas::new(w as u32, h as u32, |area, labels| {
        let _ = area.fill(&WHITE);
        if !spark {
            for (v, s) in &tick_labels {
                let y = y_of(*v);
                let _ = area.draw(&PathElement::new(
                    vec![(px(left), px(y)), (px(w - right), px(y))],
                    LIGHT.stroke_width(1),
                ));
                label(labels, left - 6.0, y + 4.5, s.clone(), size, "end", MUTED);
            }
            let _ = area.draw(&PathElement::new(
                vec![(px(left), px(y_of(lo))), (px(w - right), px(y_of(lo)))],
                GREY.stroke_width(1),
            ));
            for (x, t) in time_labels(ind, t_last, &x_of, size, w) {
                label(labels, x, h - bottom + 20.0, t, size, "middle", MUTED);
            }
            label(labels, 4.0, 16.0, unit_text.clone(), size, "start", MUTED);
            for (i, row) in rows.iter().enumerate() {
                let ly = 16.0 + 20.0 * i as f64;
                for (x, k, t) in row {
                    legend_mark(area, *x, ly - 5.0, *k);
                    label(labels, x + 24.0, ly, t.clone(), size, "start", MUTED);
                }
            }
        }
        target_and_trend(ind, area, labels, spark, (w, right, top), &x_of, &y_of, lo);
        for (k, l) in lines.iter().enumerate() {
            draw_series(
                area,
                &l.points,
                LINE_COLOURS[k % LINE_COLOURS.len()],
                k + 1,
                false,
                &x_of,
                &y_of,
            );
        }
        draw_series(area, series, BLUE, 0, spark, &x_of, &y_of);
        if !spark {
            end_labels(
                ind,
                lines,
                labels,
                size,
                (w, right, top, h - bottom),
                &x_of,
                &y_of,
            );
        }
    });
    Some(canvas)
}

/// The unit and the legend, in rows across the top: (x, kind, text) per entry.
fn legend_rows(
    entries: &[(u8, String)],
    unit_text: &str,
    w: f64,
    size: f64,
) -> Vec<Vec<(f64, u8, String)>> {
    let mut rows: Vec<Vec<(f64, u8, String)>> = vec![Vec::new()];
    let mut x = 4.0 + text_width(unit_text, size) + 16.0;
    for (k, t) in entries {
        let ew = 24.0 + text_width(t, size);
        if x + ew > w - 4.0 {
            rows.push(Vec::new());
            x = 4.0;
        }
        if let Some(row) = rows.last_mut() {
            row.push((x, *k, t.clone()));
        }
        x += ew + 12.0;
    }
    rows
}

/// The time axis labels that fit: the target year, the last period, the first,
/// then evenly spread ones.
fn time_labels(
    ind: &Indicator,
    t_last: f64,
    x_of: &dyn Fn(f64) -> f64,
    size: f64,
    w: f64,
) -> Vec<(f64, String)> {
    let pts: Vec<&Point> = ind.series.iter().collect();
    let mut cands = Vec::new();
    if let Some(t) = ind.target.as_ref().filter(|t| f64::from(t.year) >= t_last) {
        cands.push((x_of(f64::from(t.year) + 0.5), format!("{}", t.year)));
    }
    cands.extend(axis_candidates(&pts, x_of));
    fit_labels(&cands, size, w)
}

fn legend_mark(area: &super::Area<'_>, x: f64, y: f64, k: u8) {
    let (x, y) = (px(x), px(y));
    match k {
        0 => {
            let _ = area.draw(&Circle::new((x + 9, y), 5, BLUE.stroke_width(2)));
        }
        1 => {
            let _ = area.draw(&Rectangle::new(
                [(x + 4, y - 5), (x + 14, y + 5)],
                BLUE.stroke_width(2),
            ));
        }
        _ => {
            let _ = area.draw(&DashedPathElement::new(
                vec![(x, y), (x + 18, y)],
                2,
                4,
                GREY.stroke_width(2),
            ));
        }
    }
}

fn draw_series(
    area: &super::Area<'_>,
    points: &[Point],
    colour: RGBColor,
    k: usize,
    spark: bool,
    x_of: &dyn Fn(f64) -> f64,
    y_of: &dyn Fn(f64) -> f64,
) {
    let pts: Vec<(i32, i32)> = points
        .iter()
        .map(|p| (px(x_of(p.period.mid())), px(y_of(p.value))))
        .collect();
    let width = if spark { 2 } else { 3 };
    if k == 0 {
        let _ = area.draw(&PathElement::new(pts.clone(), colour.stroke_width(width)));
    } else {
        // Further lines are dashed, each its own way, so that colour is not needed.
        let (dash, gap) = [(8, 4), (3, 3), (12, 4), (6, 2), (2, 5)][(k - 1) % 5];
        let _ = area.draw(&DashedPathElement::new(
            pts.clone(),
            dash,
            gap,
            colour.stroke_width(2),
        ));
    }
    // Many points: small markers, so that the line stays readable.
    let r = if spark || points.len() > 30 {
        2
    } else if k > 0 {
        4
    } else {
        5
    };
    for (p, &(x, y)) in points.iter().zip(&pts) {
        marker(area, x, y, r, p, colour, k);
    }
}

type Frame = (f64, f64, f64);

#[allow(clippy::too_many_arguments)]
fn target_and_trend(
    ind: &Indicator,
    area: &super::Area<'_>,
    labels: &mut Vec<Label>,
    spark: bool,
    (w, right, top): Frame,
    x_of: &dyn Fn(f64) -> f64,
    y_of: &dyn Fn(f64) -> f64,
    lo: f64,
) {
    let Some(last) = ind.series.last() else {
        return;
    };
    let Some(t) = ind.target.as_ref() else {
        return;
    };
    let size = 14.0;
    let tx = x_of(f64::from(t.year) + 0.5);
    let y = y_of(t.value);
    let left = x_of(ind.series[0].period.start).min(tx);
    let _ = area.draw(&DashedPathElement::new(
        vec![(px(left), px(y)), (px(w - right), px(y))],
        6,
        4,
        VERMILLION.stroke_width(2),
    ));
    if spark {
        return;
    }
    let _ = area.draw(&DashedPathElement::new(
        vec![(px(tx), px(top)), (px(tx), px(y_of(lo)))],
        3,
        3,
        VERMILLION.stroke_width(1),
    ));
    let end_y = y_of(ind.status.projected.unwrap_or(last.value));
    if let Some(p) = ind.status.projected {
        let (lx, ly) = (px(x_of(last.period.mid())), px(y_of(last.value)));
        let _ = area.draw(&DashedPathElement::new(
            vec![(lx, ly), (px(tx), px(y_of(p)))],
            2,
            4,
            GREY.stroke_width(2),
        ));
        let _ = area.draw(&Circle::new((px(tx), px(y_of(p))), 4, GREY.stroke_width(2)));
    }
    // On the side of the target line away from the trend's end.
    let text = format!("目标 {}（{}年）", short(ind, t.value), t.year);
    let ty = if end_y > y { y - 7.0 } else { y + 17.0 };
    label(labels, w - right, ty, text, size, "end", TARGET_TEXT);
}

/// The latest value above the headline's last point, and each further line's
/// name (and latest value) at its end.
fn end_labels(
    ind: &Indicator,
    lines: &[crate::indicator::Line],
    labels: &mut Vec<Label>,
    size: f64,
    (w, right, top, bottom): (f64, f64, f64, f64),
    x_of: &dyn Fn(f64) -> f64,
    y_of: &dyn Fn(f64) -> f64,
) {
    let Some(last) = ind.series.last() else {
        return;
    };
    if lines.is_empty() {
        // The latest value above the last point; with several lines their names
        // stand at their ends instead (the table has every value).
        let text = short(ind, last.value);
        let half = text_width(&text, size) / 2.0;
        let x = x_of(last.period.mid()).clamp(half + 2.0, (w - half - 2.0).max(half + 2.0));
        label(
            labels,
            x,
            y_of(last.value) - 10.0,
            text,
            size,
            "middle",
            INK,
        );
        if let Some(l) = labels.last_mut() {
            l.bold = true;
        }
        return;
    }
    let mut ends: Vec<(f64, String)> = lines
        .iter()
        .filter_map(|l| Some((y_of(l.points.last()?.value) + 4.5, l.name.clone())))
        .collect();
    let total = ind.head_name.clone().unwrap_or_else(|| "合计".into());
    ends.push((y_of(last.value) + 4.5, total));
    for (y, name) in spread(ends, size + 2.0, top + 10.0, bottom) {
        let mut name = name;
        while text_width(&name, size) > right - 8.0 && name.chars().count() > 2 {
            name.pop();
            name.pop();
            name.push('…');
        }
        label(labels, w - right + 6.0, y, name, size, "start", INK);
    }
}
