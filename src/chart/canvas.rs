//! The drawing surface: plotters' SVG backend for geometry, our own `<text>`
//! labels placed with a width table for CJK and Latin glyphs, and the
//! accessible root element (`role="img"`, title, desc).

use std::fmt::Write as _;

use plotters::prelude::*;

use super::{ChartKind, ID};
use crate::text::escape::html as xml_escape;

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

pub(super) struct Label {
    pub(super) x: f64,
    pub(super) y: f64,
    pub(super) text: String,
    pub(super) size: f64,
    pub(super) anchor: &'static str,
    pub(super) fill: &'static str,
    pub(super) bold: bool,
}

/// Geometry through plotters, labels collected and written by us.
pub(super) struct Canvas {
    pub(super) w: u32,
    pub(super) h: u32,
    pub(super) svg: String,
    pub(super) labels: Vec<Label>,
}

pub(super) type Area<'a> = DrawingArea<SVGBackend<'a>, plotters::coord::Shift>;

impl Canvas {
    pub(super) fn new(w: u32, h: u32, draw: impl FnOnce(&Area<'_>, &mut Vec<Label>)) -> Canvas {
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
    pub(super) fn finish(self, kind: ChartKind, title: &str, desc: &str) -> String {
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

pub(super) fn label(
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

pub(super) fn px(v: f64) -> i32 {
    v.round() as i32
}
