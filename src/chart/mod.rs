//! Charts: plotters' SVG backend draws the geometry; labels are real `<text>`
//! placed with our own width table for CJK and Latin glyphs (plotters' built-in
//! estimate counts bytes, so a Chinese label would be sized three times too wide).
//! No fonts are read, so the same data gives the same bytes on every machine.
//! Every chart gets `role="img"`, a `<title>`, a `<desc>` sentence generated from
//! the data, and ids made unique per use on a page (see [`Chart::instance`]).

pub mod describe;
mod line;

use std::collections::HashMap;
use std::fmt::Write as _;
use std::sync::{Arc, Mutex};

use plotters::element::DashedPathElement;
use plotters::prelude::*;

use crate::indicator::{Indicator, StatusKind};
use crate::text::escape::html as xml_escape;

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

/// Advance width of a character in ems: CJK and full-width characters are one em,
/// Latin text about half.
pub fn char_width(c: char) -> f64 {
    if crate::diag::char_cells(c) == 2 {
        1.0
    } else if c.is_ascii_digit() {
        0.56
    } else if c.is_ascii_uppercase() {
        0.66
    } else if c == ' ' || c == '.' || c == ',' || c == ':' {
        0.28
    } else if c == '%' {
        0.9
    } else {
        0.55
    }
}

/// Width of `s` at font size `size`.
pub fn text_width(s: &str, size: f64) -> f64 {
    s.chars().map(char_width).sum::<f64>() * size
}

struct Label {
    x: f64,
    y: f64,
    text: String,
    size: f64,
    anchor: &'static str,
    fill: &'static str,
    bold: bool,
}

/// Geometry through plotters, labels collected and written by us.
struct Canvas {
    w: u32,
    h: u32,
    svg: String,
    labels: Vec<Label>,
}

type Area<'a> = DrawingArea<SVGBackend<'a>, plotters::coord::Shift>;

impl Canvas {
    fn new(w: u32, h: u32, draw: impl FnOnce(&Area<'_>, &mut Vec<Label>)) -> Canvas {
        let mut svg = String::new();
        let mut labels = Vec::new();
        {
            let area = SVGBackend::with_string(&mut svg, (w, h)).into_drawing_area();
            draw(&area, &mut labels);
            // Drawing into a String cannot fail; present() only flushes.
            let _ = area.present();
        }
        Canvas { w, h, svg, labels }
    }

    /// The final SVG: accessible root element, title, desc, geometry, labels.
    fn finish(self, kind: ChartKind, title: &str, desc: &str) -> String {
        let body_start = self.svg.find('>').map_or(0, |i| i + 1);
        let body_end = self.svg.rfind("</svg>").unwrap_or(self.svg.len());
        let mut out = String::with_capacity(self.svg.len() + 512);
        let _ = write!(
            out,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {h}\" class=\"chart chart-{k}\" id=\"{ID}\" role=\"img\" aria-labelledby=\"{ID}-title {ID}-desc\" font-family=\"sans-serif\">\n<title id=\"{ID}-title\">{t}</title>\n<desc id=\"{ID}-desc\">{d}</desc>",
            w = self.w,
            h = self.h,
            k = kind.name(),
            t = xml_escape(title),
            d = xml_escape(desc)
        );
        out.push_str(&self.svg[body_start..body_end]);
        for l in &self.labels {
            let _ = writeln!(
                out,
                "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"{}\" text-anchor=\"{}\" fill=\"{}\" stroke=\"#fff\" stroke-width=\"3\" paint-order=\"stroke\"{}>{}</text>",
                l.x,
                l.y,
                l.size,
                l.anchor,
                l.fill,
                if l.bold { " font-weight=\"bold\"" } else { "" },
                xml_escape(&l.text)
            );
        }
        out.push_str("</svg>");
        out
    }
}

fn label(
    labels: &mut Vec<Label>,
    x: f64,
    y: f64,
    text: impl Into<String>,
    size: f64,
    anchor: &'static str,
    fill: &'static str,
) {
    labels.push(Label {
        x,
        y,
        text: text.into(),
        size,
        anchor,
        fill,
        bold: false,
    });
}

fn px(v: f64) -> i32 {
    v.round() as i32
}

/// A value as labelled inside the chart: with its unit, unless the unit is long
/// Latin text ("Percentage (%)"), which the chart already states once at the top.
pub(crate) fn short(ind: &Indicator, v: f64) -> String {
    if ind.unit.starts_with(|c: char| c.is_ascii_alphabetic()) && ind.unit.chars().count() > 3 {
        crate::indicator::status::fmt_value(v, ind.decimals)
    } else {
        ind.show(v)
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
            Some(d) => format!("{}({})", r.show(v), short(ind, d.count)),
            None => r.show(v),
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
    if short(ind, 0.0) != ind.show(0.0) {
        note.push_str(&format!(" · 单位:{}", ind.unit));
    }
    note
}

fn bars(ind: &Indicator) -> Option<Canvas> {
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
                Some(r) => r.show(c),
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
    let text = format!("目标 {}({}年)", ind.show(target.value), target.year);
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

fn progress(ind: &Indicator) -> Option<Canvas> {
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
        let mut v =
            crate::indicator::load_all(&[f], &crate::indicator::Checks { districts: &[] }, &mut d);
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
