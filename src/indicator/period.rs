//! Periods: what a statistic is about in time. Publishers write years, quarters,
//! months, financial or school years, multi-year windows and labelled repeats;
//! all become one [`Period`]: a span on a time axis measured in years, plus the
//! label exactly as the publisher wrote it.
//!
//! The forms read (spaces around separators are allowed):
//! - years: `2024`, `2024年`, `2021.0`;
//! - quarters: `2013 Q1`, `2024Q1`, `2024-Q1`, `2024年第1季度`, `2024年1季度`;
//! - half years: `2024 H1`, `2024年上半年`, `2024年下半年`;
//! - months: `2024年3月`, `2024M03`, and `2003-05`, `1993 01`, `2024.03` (see below);
//! - financial or school years: `2000/01`, `2000/2001`, `2000-01` (see below);
//! - windows of several years: `1984-1988`, `2015-17`;
//! - labelled repeats of a year: `1974a`, `1974b` (two surveys in one year).
//!
//! `YYYY-NN` (also with a space or a dot) is ambiguous: May 2003, or the years
//! 2003 to 2005? The rule, applied to a whole column at once ([`read_column`]):
//! it is a window when every such cell's NN is later than its own year's last two
//! digits and no year is written twice with different NN (a run of windows like
//! `2003-05, 2004-06`); otherwise it is a month (NN from 01 to 12; `2003-01,
//! 2003-02` or `2010-09`). When NN is exactly one year later (`2000-01`) the
//! window is a financial or school year. `csv: {periods: months}` or
//! `{periods: windows}` in the indicator's YAML settles it by hand.

use std::cmp::Ordering;

use serde::Serialize;

pub(crate) use crate::parse::indicator::Ambiguous;

/// A period of time, labelled as written.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Period {
    /// As the publisher wrote it (trimmed).
    pub label: String,
    /// Start on the time axis, in years (2013 Q2 starts at 2013.25).
    pub start: f64,
    /// End on the time axis, in years (exclusive).
    pub end: f64,
    /// The calendar year the period ends in (targets are by year).
    pub year: i32,
    /// Whether the period is a whole calendar year.
    pub whole_year: bool,
}

impl Period {
    /// A calendar year.
    pub fn year(y: i32) -> Period {
        Period {
            label: y.to_string(),
            start: f64::from(y),
            end: f64::from(y) + 1.0,
            year: y,
            whole_year: true,
        }
    }

    fn span(label: &str, start: f64, end: f64) -> Period {
        Period {
            label: label.to_string(),
            start,
            end,
            year: (end - 1e-9).floor() as i32,
            whole_year: false,
        }
    }

    /// Where the period is drawn: its middle.
    pub fn mid(&self) -> f64 {
        (self.start + self.end) / 2.0
    }

    /// How Chinese prose names it: `2024年`, or the label as written (`2013 Q1`).
    pub fn zh(&self) -> String {
        if self.whole_year {
            format!("{}年", self.year)
        } else {
            self.label.clone()
        }
    }

    /// Orders periods by time, then by label (repeats `a` before `b`).
    pub fn cmp_time(&self, other: &Period) -> Ordering {
        self.start
            .total_cmp(&other.start)
            .then(self.end.total_cmp(&other.end))
            .then_with(|| self.label.cmp(&other.label))
    }
}

fn year4(s: &str) -> Option<i32> {
    (s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

fn small(s: &str, max: u32) -> Option<u32> {
    let s = s.trim();
    (!s.is_empty() && s.len() <= 2 && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
        .filter(|&n| (1..=max).contains(&n))
}

fn month(label: &str, y: i32, m: u32) -> Period {
    let start = f64::from(y) + f64::from(m - 1) / 12.0;
    Period::span(label, start, start + 1.0 / 12.0)
}

fn quarter(label: &str, y: i32, q: u32) -> Period {
    let start = f64::from(y) + f64::from(q - 1) / 4.0;
    Period::span(label, start, start + 0.25)
}

fn half(label: &str, y: i32, h: u32) -> Period {
    let start = f64::from(y) + f64::from(h - 1) / 2.0;
    Period::span(label, start, start + 0.5)
}

/// A span from year `a` to year `b` (both included): `2000/01` is a financial or
/// school year, centred on the turn of the year; longer spans are windows.
fn years(label: &str, a: i32, b: i32) -> Option<Period> {
    if b <= a || b - a > 50 {
        return None;
    }
    if b == a + 1 {
        return Some(Period::span(label, f64::from(a) + 0.5, f64::from(a) + 1.5));
    }
    Some(Period::span(label, f64::from(a), f64::from(b) + 1.0))
}

/// The full year that `nn` (two digits) ends a span started in `y`, if later.
fn end_year(y: i32, nn: &str) -> Option<i32> {
    if nn.len() != 2 || !nn.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n: i32 = nn.parse().ok()?;
    let century = y - y.rem_euclid(100);
    let e = century + n;
    Some(if e > y { e } else { e + 100 }).filter(|e| e - y < 50)
}

/// Parses one cell; `ambiguous` says how to read `YYYY-NN`.
pub(crate) fn parse(cell: &str, ambiguous: Ambiguous) -> Option<Period> {
    let label = cell.trim();
    let s = label.replace(' ', "");
    if let Some(y) = year4(&s) {
        return Some(Period::year(y));
    }
    // Chinese forms.
    if let Some((y, rest)) = s.split_once('年') {
        let y = year4(y)?;
        if rest.is_empty() || rest == "度" {
            return Some(Period {
                label: label.into(),
                ..Period::year(y)
            });
        }
        if let Some(m) = rest.strip_suffix('月').and_then(|m| small(m, 12)) {
            return Some(month(label, y, m));
        }
        let q = rest.trim_start_matches('第').trim_end_matches("季度");
        if rest.ends_with("季度") {
            let q = small(q, 4).or_else(|| {
                "一二三四"
                    .chars()
                    .position(|c| q == c.to_string())
                    .map(|i| i as u32 + 1)
            })?;
            return Some(quarter(label, y, q));
        }
        return match rest {
            "上半年" => Some(half(label, y, 1)),
            "下半年" => Some(half(label, y, 2)),
            _ => None,
        };
    }
    // `2021.0`: a year written as a decimal number.
    if let Some(y) = s.strip_suffix(".0").and_then(year4) {
        return Some(Period {
            label: label.into(),
            ..Period::year(y)
        });
    }
    if s.len() > 4 && s.is_char_boundary(4) {
        let (y, rest) = s.split_at(4);
        if let Some(y) = year4(y) {
            return after_year(label, y, rest, ambiguous);
        }
    }
    None
}

/// The forms of a year followed by something: `Q1`, `M03`, `a`, `-05`, `/01`.
fn after_year(label: &str, y: i32, rest: &str, ambiguous: Ambiguous) -> Option<Period> {
    let upper = rest.to_ascii_uppercase();
    let upper = upper.trim_start_matches('-');
    if let Some(q) = upper.strip_prefix('Q').and_then(|q| small(q, 4)) {
        return Some(quarter(label, y, q));
    }
    if let Some(h) = upper.strip_prefix('H').and_then(|h| small(h, 2)) {
        return Some(half(label, y, h));
    }
    if let Some(m) = upper.strip_prefix('M').and_then(|m| small(m, 12)) {
        return Some(month(label, y, m));
    }
    // A labelled repeat: `1974a`, `1974b` … drawn a little apart within the year.
    if rest.len() == 1 && rest.as_bytes()[0].is_ascii_lowercase() {
        let k = f64::from(rest.as_bytes()[0] - b'a');
        let start = f64::from(y) + (0.1 * k).min(0.9);
        return Some(Period {
            label: label.into(),
            start,
            end: start + 0.1,
            year: y,
            whole_year: false,
        });
    }
    let mut chars = rest.chars();
    let sep = chars.next().map(String::from).unwrap_or_default();
    let (sep, tail) = (sep.as_str(), chars.as_str());
    if let Some(b) = year4(tail) {
        return matches!(sep, "-" | "/" | "–")
            .then(|| years(label, y, b))
            .flatten();
    }
    if sep == "/" {
        return years(label, y, end_year(y, tail)?);
    }
    if !matches!(sep, "-" | "." | "–") && !rest.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let tail = if matches!(sep, "-" | "." | "–") {
        tail
    } else {
        rest
    };
    let as_window = || end_year(y, tail).and_then(|b| years(label, y, b));
    let as_month = || {
        small(tail, 12)
            .filter(|_| tail.len() == 2)
            .map(|m| month(label, y, m))
    };
    match ambiguous {
        Ambiguous::Months => as_month(),
        Ambiguous::Windows => as_window(),
        Ambiguous::Auto => as_month().or_else(as_window),
    }
}

/// Whether a column's `YYYY-NN` cells read as windows by the module's rule.
fn windows_by_context(cells: &[&str]) -> bool {
    let mut seen: std::collections::BTreeMap<&str, &str> = Default::default();
    let mut any = false;
    for c in cells {
        let s = c.trim();
        let Some((y, nn)) = s.split_once(['-', ' ', '.', '–']) else {
            continue;
        };
        let (Some(yy), true) = (
            year4(y),
            nn.len() == 2 && nn.bytes().all(|b| b.is_ascii_digit()),
        ) else {
            continue;
        };
        any = true;
        if end_year(yy, nn).is_none_or(|e| e - yy > 25) {
            return false;
        }
        if seen.insert(y, nn).is_some_and(|old| old != nn) {
            return false;
        }
    }
    any
}

/// Decides how a column's ambiguous cells are read: the rule of the module docs,
/// unless `ambiguous` says otherwise.
pub(crate) fn read_column(cells: &[&str], ambiguous: Ambiguous) -> Ambiguous {
    match ambiguous {
        Ambiguous::Auto if windows_by_context(cells) => Ambiguous::Windows,
        Ambiguous::Auto => Ambiguous::Months,
        other => other,
    }
}

/// A guess of what a cell that is not a period meant, for the hint.
pub(crate) fn hint() -> crate::msg::Text {
    crate::t!(
        "照发布单位的写法写年份或时期：2024、2024年、2024 Q1、2024年3月、2000/01（财政年度或学年）、1984-1988（几年合计）",
        "write the period as the publisher does: 2024, 2024年, 2024 Q1, 2024年3月, 2000/01 (a financial or school year), 1984-1988 (several years)"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Period {
        parse(s, Ambiguous::Auto).unwrap_or_else(|| panic!("{s}"))
    }

    #[test]
    fn forms_publishers_write() {
        assert_eq!(p("2024"), Period::year(2024));
        assert_eq!(p("2024年").year, 2024);
        assert!(p("2024年").whole_year && p("2021.0").whole_year);
        assert_eq!(p("2021.0").label, "2021.0");
        assert_eq!((p("2013 Q2").start, p("2013 Q2").end), (2013.25, 2013.5));
        assert_eq!(p("2024Q1").start, 2024.0);
        assert_eq!(p("2024年第3季度").start, 2024.5);
        assert_eq!(p("2024年3月").start, 2024.0 + 2.0 / 12.0);
        assert_eq!(p("1993 01").start, 1993.0);
        assert_eq!(
            (p("2000/01").start, p("2000/01").end, p("2000/01").year),
            (2000.5, 2001.5, 2001)
        );
        assert_eq!((p("1984-1988").start, p("1984-1988").end), (1984.0, 1989.0));
        assert!(p("1974a").cmp_time(&p("1974b")).is_lt());
        assert!(p("1999/00").year == 2000);
        for bad in [
            "",
            "abc",
            "20245",
            "2024 Q5",
            "2024年13月",
            "2024-00",
            "1988-1984",
        ] {
            assert!(parse(bad, Ambiguous::Auto).is_none(), "{bad}");
        }
    }

    #[test]
    fn yyyy_nn_is_decided_by_the_column() {
        assert_eq!(
            read_column(&["2003-05", "2004-06", "2005-07"], Ambiguous::Auto),
            Ambiguous::Windows
        );
        assert_eq!(
            read_column(&["2003-01", "2003-02"], Ambiguous::Auto),
            Ambiguous::Months
        );
        assert_eq!(
            read_column(&["2010-09"], Ambiguous::Auto),
            Ambiguous::Months
        );
        assert_eq!(
            read_column(&["2003-05"], Ambiguous::Months),
            Ambiguous::Months
        );
        let w = parse("2003-05", Ambiguous::Windows).unwrap();
        assert_eq!((w.start, w.end), (2003.0, 2006.0));
        let m = parse("2003-05", Ambiguous::Months).unwrap();
        assert_eq!(m.year, 2003);
    }
}
