//! District bars: each district's value (its rate, with the count beside it,
//! when the indicator names a denominator), highest first, with the city's
//! value as a dashed line when it is comparable.

use plotters::element::DashedPathElement;
use plotters::prelude::*;

use super::{
    label, px, short, text_width, value_range, Canvas, BLUE, INK, MUTED, SKY, TARGET_TEXT,
    VERMILLION,
};
use crate::indicator::Indicator;

/// The city value drawn as a reference line beside district bars, when it is
/// comparable with them: a rate or average is, a total (the districts' sum) is not.
/// With a denominator it is the city's rate, when the denominator gives the city.
pub fn city_reference(ind: &Indicator) -> Option<f64> {
    if let Some(r) = &ind.rates {
        return r.city.as_ref().map(|c| c.value);
    }
    let city = ind
        .breakdown_period
        .as_ref()
        .and_then(|y| ind.series.iter().find(|p| p.period == *y))?
        .value;
    let sum: f64 = ind.districts.iter().map(|d| d.1).sum();
    let is_total = ind.districts.len() > 1 && city != 0.0 && ((sum - city) / city).abs() < 0.05;
    (!is_total).then_some(city)
}

/// A bar's value label: the rate with the count beside it ("949人(9.3万人)"),
/// else the value.
fn bar_label(ind: &Indicator, name: &str, v: f64) -> String {
    match &ind.rates {
        Some(r) => match r.of_district(name) {
            Some(d) => format!("{}（{}）", r.show_fixed(v), short(ind, d.count)),
            None => r.show_fixed(v),
        },
        None => short(ind, v),
    }
}

/// The note above the bars: period, the rate's words, sample, unit.
fn bars_note(ind: &Indicator) -> String {
    let mut note = ind
        .breakdown_period
        .as_ref()
        .map_or(String::new(), |p| p.zh());
    if let Some(r) = &ind.rates {
        note.push_str(&format!(" · {}", r.words));
    }
    if ind.districts_sample || ind.rates.as_ref().is_some_and(|r| r.sample) {
        note.push_str(" · 示例数据");
    }
    if short(ind, 0.0) != ind.show_fixed(0.0) {
        note.push_str(&format!(" · 单位：{}", ind.unit));
    }
    note
}

pub(super) fn bars(ind: &Indicator) -> Option<Canvas> {
    if ind.districts.is_empty() {
        return None;
    }
    let mut rows = ind.compared();
    rows.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let size = 14.0;
    let city = city_reference(ind);
    let name_w = rows
        .iter()
        .map(|(n, _)| text_width(n, size))
        .fold(0.0, f64::max);
    let value_w = rows
        .iter()
        .map(|(n, v)| text_width(&bar_label(ind, n, *v), size))
        .fold(0.0, f64::max);
    // The city's value gets a row of its own under the note.
    let top = if city.is_some() { 56.0 } else { 36.0 };
    let (w, bar_h, gap) = (360.0, 24.0, 10.0);
    let h = top + rows.len() as f64 * (bar_h + gap) + 8.0;
    let left = name_w + 14.0;
    let right = value_w + 14.0;
    let mut values: Vec<f64> = rows.iter().map(|r| r.1).collect();
    values.extend(city);
    let (lo, hi, _) = value_range(&values);
    let x_of = |v: f64| left + (v - lo) / (hi - lo) * (w - left - right);
    let sample = ind.districts_sample || ind.rates.as_ref().is_some_and(|r| r.sample);
    let canvas = Canvas::new(w as u32, h.round() as u32, |area, labels| {
        let _ = area.fill(&WHITE);
        for (i, (name, v)) in rows.iter().enumerate() {
            let y0 = top + i as f64 * (bar_h + gap);
            let colour = if sample { SKY } else { BLUE };
            let _ = area.draw(&Rectangle::new(
                [(px(x_of(lo)), px(y0)), (px(x_of(*v)), px(y0 + bar_h))],
                colour.filled(),
            ));
            label(
                labels,
                left - 8.0,
                y0 + bar_h / 2.0 + 4.5,
                name.clone(),
                size,
                "end",
                INK,
            );
            label(
                labels,
                x_of(*v) + 6.0,
                y0 + bar_h / 2.0 + 4.5,
                bar_label(ind, name, *v),
                size,
                "start",
                INK,
            );
        }
        if let Some(c) = city {
            let x = x_of(c);
            let _ = area.draw(&DashedPathElement::new(
                vec![(px(x), px(top - 6.0)), (px(x), px(h - 6.0))],
                5,
                3,
                VERMILLION.stroke_width(2),
            ));
            let shown = match &ind.rates {
                Some(r) => r.show_fixed(c),
                None => short(ind, c),
            };
            let text = format!("全市 {shown}");
            let half = text_width(&text, size) / 2.0;
            let lx = x.clamp(half + 2.0, (w - half - 2.0).max(half + 2.0));
            label(labels, lx, top - 14.0, text, size, "middle", TARGET_TEXT);
        }
        label(labels, 4.0, 16.0, bars_note(ind), size, "start", MUTED);
    });
    Some(canvas)
}
