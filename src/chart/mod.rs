//! Charts: plotters' SVG backend draws the geometry; labels are real `<text>`
//! placed with our own width table for CJK and Latin glyphs (plotters' built-in
//! estimate counts bytes, so a Chinese label would be sized three times too wide).
//! No fonts are read, so the same data gives the same bytes on every machine.
//! Every chart gets `role="img"`, a `<title>`, a `<desc>` sentence generated from
//! the data, and ids made unique per use on a page (see [`Chart::instance`]).

mod bars;
mod canvas;
pub(crate) mod describe;
mod line;
mod progress;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use plotters::prelude::*;

use crate::indicator::Indicator;
use bars::bars;
pub use bars::city_reference;
pub use canvas::{char_width, text_width};
use canvas::{label, px, Area, Canvas, Label};
use progress::progress;

/// The kinds of chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ChartKind {
    /// Values over the years, with the target.
    Line,
    /// Values by district, with the city value for reference.
    Bars,
    /// How far the latest value is towards the target.
    Progress,
    /// A small line for dashboard cards.
    Sparkline,
}

impl ChartKind {
    /// Parses the name used in Markdown blocks and templates.
    pub fn parse(s: &str) -> Option<ChartKind> {
        Some(match s {
            "line" => ChartKind::Line,
            "bars" => ChartKind::Bars,
            "progress" => ChartKind::Progress,
            "sparkline" => ChartKind::Sparkline,
            _ => return None,
        })
    }
    /// The name.
    pub fn name(self) -> &'static str {
        match self {
            ChartKind::Line => "line",
            ChartKind::Bars => "bars",
            ChartKind::Progress => "progress",
            ChartKind::Sparkline => "sparkline",
        }
    }
}

/// Okabe–Ito colours: told apart with every common colour-vision deficiency.
const BLUE: RGBColor = RGBColor(0, 114, 178);
const VERMILLION: RGBColor = RGBColor(213, 94, 0);
const GREEN: RGBColor = RGBColor(0, 158, 115);
const SKY: RGBColor = RGBColor(86, 180, 233);
const GREY: RGBColor = RGBColor(118, 118, 118);
const LIGHT: RGBColor = RGBColor(229, 229, 229);
/// Text colours with at least 4.5:1 contrast on white.
const INK: &str = "#1a1a1a";
const MUTED: &str = "#595959";
const TARGET_TEXT: &str = "#a33f00";

/// The placeholder replaced by a per-use id.
const ID: &str = "__CHART_ID__";

/// A rendered chart, its id not yet assigned.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    /// Which kind.
    pub kind: ChartKind,
    /// The short title.
    pub title: String,
    /// The sentence that says what the data shows.
    pub desc: String,
    svg: String,
}

impl Chart {
    /// The SVG with its ids made unique by `id` (e.g. `c3-elderly-line`).
    pub fn instance(&self, id: &str) -> String {
        self.svg.replace(ID, id)
    }
}

/// A value as labelled inside the chart: with its unit, unless the unit is long
/// Latin text ("Percentage (%)"), which the chart already states once at the top.
pub(crate) fn short(ind: &Indicator, v: f64) -> String {
    if ind.unit.starts_with(|c: char| c.is_ascii_alphabetic()) && ind.unit.chars().count() > 3 {
        crate::indicator::status::fmt_fixed(v, ind.decimals)
    } else {
        ind.show_fixed(v)
    }
}

/// Round tick steps: 1, 2 or 5 times a power of ten.
fn nice_step(range: f64, max_ticks: usize) -> f64 {
    let rough = (range / max_ticks as f64).max(f64::MIN_POSITIVE);
    let mag = 10f64.powf(rough.log10().floor());
    let f = rough / mag;
    let nice = if f <= 1.0 {
        1.0
    } else if f <= 2.0 {
        2.0
    } else if f <= 5.0 {
        5.0
    } else {
        10.0
    };
    nice * mag
}

/// The value axis: from zero or below to zero or above, in round steps. Values are
/// bounded by the indicator loader, so the step is never zero or infinite.
fn value_range(values: &[f64]) -> (f64, f64, f64) {
    let finite = || values.iter().copied().filter(|v| v.is_finite());
    let lo = finite().fold(0.0, f64::min);
    let hi = finite().fold(0.0, f64::max);
    let span = if hi > lo { hi - lo } else { 1.0 };
    let step = nice_step(span, 4);
    let lo = (lo / step).floor() * step;
    let hi = (hi / step).ceil() * step;
    (lo, if hi <= lo { lo + step } else { hi }, step)
}

/// The tick values from `lo` to `hi`: at most 50 whatever the numbers.
fn ticks(lo: f64, hi: f64, step: f64) -> Vec<f64> {
    let n = ((hi - lo) / step).round();
    let n = if n.is_finite() {
        n.clamp(0.0, 50.0) as usize
    } else {
        0
    };
    (0..=n).map(|i| lo + i as f64 * step).collect()
}

fn tick_label(v: f64, step: f64) -> String {
    let decimals = if step >= 1.0 {
        0
    } else {
        (-step.log10().floor()) as u8
    };
    crate::indicator::status::fmt_value(v, decimals)
}

/// Renders one chart of `ind`, or `None` when the data cannot make it (bars need a
/// breakdown, progress a target, lines a value).
pub fn render(ind: &Indicator, kind: ChartKind) -> Option<Chart> {
    let (title, desc) = (describe::title(ind, kind), describe::desc(ind, kind)?);
    let canvas = match kind {
        ChartKind::Line => line::line(ind, false)?,
        // One point makes no line: a dot on a card says nothing.
        ChartKind::Sparkline if ind.series.len() < 2 => return None,
        ChartKind::Sparkline => line::line(ind, true)?,
        ChartKind::Bars => bars(ind)?,
        ChartKind::Progress => progress(ind)?,
    };
    let svg = canvas.finish(kind, &title, &desc);
    Some(Chart {
        kind,
        title,
        desc,
        svg,
    })
}

/// Charts already made in this process, keyed by what they were made from: a
/// rebuild with unchanged data reuses them.
/// Clones share the same store.
#[derive(Default, Clone)]
pub struct ChartCache {
    made: Arc<Mutex<CacheMap>>,
}

type CacheMap = HashMap<(String, ChartKind), (u64, Option<Arc<Chart>>)>;

impl ChartCache {
    /// The chart of `ind` of `kind`, made once per distinct data.
    pub fn get(&self, ind: &Indicator, kind: ChartKind) -> Option<Arc<Chart>> {
        let key = (ind.id.clone(), kind);
        let fingerprint = fingerprint(ind);
        if let Some((fp, chart)) = self
            .made
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(&key)
        {
            if *fp == fingerprint {
                return chart.clone();
            }
        }
        let chart = render(ind, kind).map(Arc::new);
        self.made
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(key, (fingerprint, chart.clone()));
        chart
    }
}

/// A hash of everything a chart is drawn from.
pub fn fingerprint(ind: &Indicator) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    // The serialised indicator covers every drawn field, status and projection included.
    serde_json::to_string(ind).unwrap_or_default().hash(&mut h);
    ind.domain.hash(&mut h);
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_count_cjk_as_one_em() {
        assert_eq!(text_width("镇江", 10.0), 20.0);
        assert!((text_width("2025", 10.0) - 22.4).abs() < 1e-9);
    }

    fn indicator(yaml: &str) -> Indicator {
        let f = crate::source::SourceFile::new(
            "content/indicators/a.yaml".into(),
            "indicators/a.yaml".into(),
            yaml.as_bytes().to_vec(),
        );
        let mut d = crate::diag::Diagnostics::default();
        let mut v = crate::indicator::load_all(&[f], &crate::indicator::Checks::new(&[]), &mut d);
        assert!(!d.has_errors(), "{:?}", d.as_slice());
        v.remove(0)
    }

    #[test]
    fn cache_skips_unchanged_data_and_redraws_changed() {
        let cache = ChartCache::default();
        let a = indicator("title: 甲\ndomain: 老有所养\nunit: 人\nseries: {2021: 1, 2022: 2}\n");
        let first = cache.get(&a, ChartKind::Line).unwrap();
        let again = cache.get(&a, ChartKind::Line).unwrap();
        assert!(Arc::ptr_eq(&first, &again), "unchanged data is not redrawn");
        let b = indicator("title: 甲\ndomain: 老有所养\nunit: 人\nseries: {2021: 1, 2022: 3}\n");
        let changed = cache.get(&b, ChartKind::Line).unwrap();
        assert!(!Arc::ptr_eq(&first, &changed));
        assert_ne!(first.desc, changed.desc);
    }

    #[test]
    fn same_data_same_bytes() {
        let yaml = "title: 甲\ndomain: 老有所养\nunit: 人\nseries: {2020: 1.5, 2021: 1, 2022: 2}\ntarget: {value: 3, year: 2025}\ndistricts: {京口区: 1, 润州区: 2}\n";
        for kind in [
            ChartKind::Line,
            ChartKind::Bars,
            ChartKind::Progress,
            ChartKind::Sparkline,
        ] {
            let x = render(&indicator(yaml), kind).unwrap().instance("x");
            let y = render(&indicator(yaml), kind).unwrap().instance("x");
            assert_eq!(x, y);
            assert!(x.contains("<title id=\"x-title\">") && !x.contains(ID));
        }
    }

    #[test]
    fn nice_steps() {
        assert_eq!(nice_step(36.0, 4), 10.0);
        assert_eq!(nice_step(0.8, 4), 0.2);
        assert_eq!(value_range(&[30.2, 34.1, 36.0]), (0.0, 40.0, 10.0));
    }
}
