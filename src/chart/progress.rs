//! Progress towards the target: a bar to the latest value, a marked target,
//! and the status in words.

use plotters::prelude::*;

use super::{
    describe, label, px, text_width, Canvas, BLUE, GREEN, INK, LIGHT, TARGET_TEXT, VERMILLION,
};
use crate::indicator::{Indicator, StatusKind};

/// Where the progress chart's target label goes: beside the target mark on the
/// top row when it fits there (not over the latest value, not past an edge),
/// else on a row of its own under the bar.
struct ProgressLayout {
    target: (f64, f64),
    target_text: String,
    status_y: f64,
    height: f64,
}

fn progress_layout(ind: &Indicator, tx: f64, w: f64, size: f64) -> ProgressLayout {
    let (Some(target), Some(latest)) = (ind.target.as_ref(), ind.latest()) else {
        return ProgressLayout {
            target: (0.0, 0.0),
            target_text: String::new(),
            status_y: 76.0,
            height: 90.0,
        };
    };
    let latest_w = text_width(
        &format!("{} {}", latest.period.zh(), ind.show(latest.value)),
        size,
    );
    let text = format!("目标 {}（{}年）", ind.show(target.value), target.year);
    let tw = text_width(&text, size);
    let start = if tx > w * 0.6 {
        tx - 10.0 - tw
    } else {
        tx + 10.0
    };
    if start >= 8.0 + latest_w + 12.0 && start + tw <= w - 2.0 {
        return ProgressLayout {
            target: (start, 18.0),
            target_text: text,
            status_y: 76.0,
            height: 90.0,
        };
    }
    let start = (tx - tw / 2.0).clamp(2.0, (w - 2.0 - tw).max(2.0));
    ProgressLayout {
        target: (start, 74.0),
        target_text: text,
        status_y: 96.0,
        height: 110.0,
    }
}

pub(super) fn progress(ind: &Indicator) -> Option<Canvas> {
    let target = ind.target.as_ref()?;
    let latest = ind.latest()?;
    let size = 14.0;
    let w = 360.0;
    let (left, right, y0, y1) = (8.0, 8.0, 30.0, 54.0);
    let hi = target.value.max(latest.value).max(1e-9);
    let lo = 0f64.min(latest.value);
    let x_of = |v: f64| left + (v - lo) / (hi - lo) * (w - left - right);
    let layout = progress_layout(ind, px(x_of(target.value)) as f64, w, size);
    let h = layout.height;
    let reached = ind.status.kind == StatusKind::Reached;
    let canvas = Canvas::new(w as u32, h as u32, |area, labels| {
        let _ = area.fill(&WHITE);
        let _ = area.draw(&Rectangle::new(
            [(px(x_of(lo)), px(y0)), (px(x_of(hi)), px(y1))],
            LIGHT.filled(),
        ));
        let fill = if reached { GREEN } else { BLUE };
        let _ = area.draw(&Rectangle::new(
            [(px(x_of(lo)), px(y0)), (px(x_of(latest.value)), px(y1))],
            fill.filled(),
        ));
        // The target: a vertical mark with a downward triangle, so it reads without colour.
        let tx = px(x_of(target.value));
        let _ = area.draw(&PathElement::new(
            vec![(tx, px(y0 - 4.0)), (tx, px(y1 + 4.0))],
            VERMILLION.stroke_width(3),
        ));
        let _ = area.draw(&Polygon::new(
            vec![
                (tx - 6, px(y0 - 12.0)),
                (tx + 6, px(y0 - 12.0)),
                (tx, px(y0 - 4.0)),
            ],
            VERMILLION.filled(),
        ));
        label(
            labels,
            left,
            18.0,
            format!("{} {}", latest.period.zh(), ind.show(latest.value)),
            size,
            "start",
            INK,
        );
        if let Some(l) = labels.last_mut() {
            l.bold = true;
        }
        label(
            labels,
            layout.target.0,
            layout.target.1,
            layout.target_text.clone(),
            size,
            "start",
            TARGET_TEXT,
        );
        let status = ind.status.kind;
        label(
            labels,
            left,
            layout.status_y,
            format!(
                "{} {} · {}",
                status.symbol(),
                status.label(),
                describe::progress_words(ind)
            ),
            size,
            "start",
            INK,
        );
    });
    Some(canvas)
}
