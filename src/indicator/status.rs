//! The status of an indicator, computed from its data and never typed by hand.
//!
//! The rule (also written in the README and on the site's indicator pages):
//! 1. No target: "no target set".
//! 2. The latest value meets the target (≥ for "up is better", ≤ for "down is
//!    better"): "target reached".
//! 3. Fewer than two yearly values, or the target year is already past: with two
//!    or more values and a past deadline, "needs attention"; with one value, "not
//!    enough data".
//! 4. Otherwise the least-squares line through the last (up to) five yearly values
//!    is extended to the target year: if it meets the target, "on track",
//!    otherwise "needs attention" (the early warning).

use serde::Serialize;

use super::{Direction, Point, Target};

/// The kinds of status, in the order the dashboard lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum StatusKind {
    /// Lagging its target: listed first, as an early warning.
    NeedsAttention,
    /// Projected to meet its target in time.
    OnTrack,
    /// Already at or beyond its target.
    Reached,
    /// A target exists but one value cannot show a trend.
    NotEnoughData,
    /// No target to measure against.
    NoTarget,
}

impl StatusKind {
    /// The label citizens read.
    pub fn label(self) -> &'static str {
        match self {
            StatusKind::NeedsAttention => "需要关注",
            StatusKind::OnTrack => "按计划推进",
            StatusKind::Reached => "已达到目标",
            StatusKind::NotEnoughData => "数据不足",
            StatusKind::NoTarget => "未设目标",
        }
    }
    /// A symbol that carries the status without colour.
    pub fn symbol(self) -> &'static str {
        match self {
            StatusKind::NeedsAttention => "!",
            StatusKind::OnTrack => "↗",
            StatusKind::Reached => "✓",
            StatusKind::NotEnoughData => "…",
            StatusKind::NoTarget => "–",
        }
    }
    /// A CSS-friendly name.
    pub fn slug(self) -> &'static str {
        match self {
            StatusKind::NeedsAttention => "needs-attention",
            StatusKind::OnTrack => "on-track",
            StatusKind::Reached => "reached",
            StatusKind::NotEnoughData => "not-enough-data",
            StatusKind::NoTarget => "no-target",
        }
    }
}

/// A status with its reasoning.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Status {
    /// Which status.
    pub kind: StatusKind,
    /// The trend's value in the target year, when projected.
    pub projected: Option<f64>,
    /// One or two plain sentences: why this status.
    pub reason: String,
}

/// Formats a value for reading: up to `decimals` decimals, trailing zeros dropped.
pub(crate) fn fmt_value(v: f64, decimals: u8) -> String {
    let s = format!("{:.*}", decimals as usize, v);
    let s = if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    };
    if s == "-0" {
        "0".into()
    } else {
        s
    }
}

/// Formats a value with exactly `decimals` decimals (`5.0` beside `3.9`), as a
/// table or chart of one indicator shows all its values alike.
pub(crate) fn fmt_fixed(v: f64, decimals: u8) -> String {
    let s = format!("{:.*}", decimals as usize, v);
    if s.starts_with('-') && s[1..].bytes().all(|b| b == b'0' || b == b'.') {
        s[1..].to_string()
    } else {
        s
    }
}

/// A number followed by its unit; a unit in Latin letters reads apart from the
/// number: "4.2 per 1,000".
fn join_unit(number: String, unit: &str) -> String {
    let space = if unit.starts_with(|c: char| c.is_ascii_alphabetic()) {
        " "
    } else {
        ""
    };
    format!("{number}{space}{unit}")
}

/// `34.1万人`, `83.9%`, `155户`: a value with its unit, as written in Chinese
/// (up to `decimals` decimals, for sentences).
pub(crate) fn with_unit(v: f64, unit: &str, decimals: u8) -> String {
    join_unit(fmt_value(v, decimals), unit)
}

/// A value with its unit and exactly `decimals` decimals, as the indicator's
/// tables, bar labels and cards show it.
pub(crate) fn with_unit_fixed(v: f64, unit: &str, decimals: u8) -> String {
    join_unit(fmt_fixed(v, decimals), unit)
}

/// Least-squares slope and intercept of (time, value), time being the middle of
/// each period in years.
fn trend(points: &[&Point]) -> (f64, f64) {
    let n = points.len() as f64;
    let mx = points.iter().map(|p| p.period.mid()).sum::<f64>() / n;
    let my = points.iter().map(|p| p.value).sum::<f64>() / n;
    let sxx: f64 = points.iter().map(|p| (p.period.mid() - mx).powi(2)).sum();
    let sxy: f64 = points
        .iter()
        .map(|p| (p.period.mid() - mx) * (p.value - my))
        .sum();
    let slope = if sxx == 0.0 { 0.0 } else { sxy / sxx };
    (slope, my - slope * mx)
}

/// The points the trend is drawn through: the last five when each is a year or
/// longer; for quarters or months, those of the last five years (at least two).
fn recent(series: &[Point]) -> Vec<&Point> {
    let Some(last) = series.last() else {
        return Vec::new();
    };
    if series.iter().all(|p| p.period.end - p.period.start >= 0.99) {
        return series.iter().rev().take(5).rev().collect();
    }
    let from = last.period.end - 5.0;
    let n = series
        .iter()
        .filter(|p| p.period.start >= from - 1e-9)
        .count()
        .max(2);
    series.iter().rev().take(n).rev().collect()
}

/// Computes the status of an indicator from its `series` (sorted by time).
pub(crate) fn compute(
    series: &[Point],
    target: Option<&Target>,
    direction: Direction,
    unit: &str,
    decimals: u8,
) -> Status {
    let show = |v: f64| with_unit(v, unit, decimals);
    let Some(target) = target else {
        return Status {
            kind: StatusKind::NoTarget,
            projected: None,
            reason: "这项指标没有设定目标，只展示数据的变化。".into(),
        };
    };
    let Some(latest) = series.last() else {
        return Status {
            kind: StatusKind::NotEnoughData,
            projected: None,
            reason: "还没有数据。".into(),
        };
    };
    let goal = format!(
        "目标是{}年{}{}",
        target.year,
        if direction == Direction::Up {
            "达到"
        } else {
            "降到"
        },
        show(target.value)
    );
    if meets(latest.value, target, direction) {
        return Status {
            kind: StatusKind::Reached,
            projected: None,
            reason: format!(
                "{}为{}，已经达到目标（{}）。",
                latest.period.zh(),
                show(latest.value),
                goal
            ),
        };
    }
    if series.len() < 2 {
        return Status {
            kind: StatusKind::NotEnoughData,
            projected: None,
            reason: format!(
                "只有{}一个数据（{}），还看不出变化趋势；{}。",
                latest.period.zh(),
                show(latest.value),
                goal
            ),
        };
    }
    if latest.period.end >= f64::from(target.year) + 1.0 - 1e-9 {
        return Status {
            kind: StatusKind::NeedsAttention,
            projected: None,
            reason: format!(
                "{}为{}，没有按期达到目标（{}）。",
                latest.period.zh(),
                show(latest.value),
                goal
            ),
        };
    }
    project(series, target, direction, &goal, &show)
}

/// Whether `v` meets `target`: at least it when up is better, at most it when
/// down is better (a rounding hair short counts as met).
fn meets(v: f64, target: &Target, direction: Direction) -> bool {
    match direction {
        Direction::Up => v >= target.value - 1e-9,
        Direction::Down => v <= target.value + 1e-9,
    }
}

/// The status from the trend: the least-squares line through the recent values,
/// extended to the middle of the target year, meets the target or not.
fn project(
    series: &[Point],
    target: &Target,
    direction: Direction,
    goal: &str,
    show: &dyn Fn(f64) -> String,
) -> Status {
    let Some(latest) = series.last() else {
        return Status {
            kind: StatusKind::NotEnoughData,
            projected: None,
            reason: "还没有数据。".into(),
        };
    };
    let recent = recent(series);
    let (slope, intercept) = trend(&recent);
    let projected = slope * (f64::from(target.year) + 0.5) + intercept;
    let kind = if meets(projected, target, direction) {
        StatusKind::OnTrack
    } else {
        StatusKind::NeedsAttention
    };
    let pace = if recent.iter().all(|p| p.period.whole_year) {
        format!("最近{}年", recent.len())
    } else {
        format!(
            "{}到{}这{}个数据",
            recent[0].period.label,
            latest.period.label,
            recent.len()
        )
    };
    let reason = format!(
        "按{pace}的变化速度，到{}年约为{}，{}。{}",
        target.year,
        show(projected),
        goal,
        if kind == StatusKind::OnTrack {
            "照这样下去能够达到。"
        } else {
            "照这样下去达不到，需要加把劲。"
        }
    );
    Status {
        kind,
        projected: Some(projected),
        reason,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pts(v: &[(i32, f64)]) -> Vec<Point> {
        v.iter()
            .map(|&(year, value)| Point::year(year, value, false))
            .collect()
    }

    #[test]
    fn quarterly_data_projects_too() {
        let series: Vec<Point> = (0..24)
            .map(|i| Point {
                period: crate::indicator::period::parse(
                    &format!("{} Q{}", 2019 + i / 4, i % 4 + 1),
                    Default::default(),
                )
                .unwrap(),
                value: 10.0 + f64::from(i) * 0.25,
                sample: false,
                mark: None,
            })
            .collect();
        let s = compute(&series, Some(&target(30.0, 2030)), Direction::Up, "%", 1);
        assert_eq!(s.kind, StatusKind::NeedsAttention);
        // One unit a year: 2030.5 is 5.625 years after the last quarter's middle.
        let p = s.projected.unwrap();
        assert!((p - (15.75 + 5.625)).abs() < 1e-6, "{p}");
        assert!(
            s.reason
                .starts_with("按2020 Q1到2024 Q4这20个数据的变化速度"),
            "{}",
            s.reason
        );
    }
    #[test]
    fn meeting_a_target_depends_on_the_direction_only() {
        let t = target(36.0, 2025);
        assert!(meets(36.0, &t, Direction::Up) && meets(36.0, &t, Direction::Down));
        assert!(
            meets(36.0 - 1e-12, &t, Direction::Up),
            "a rounding hair short"
        );
        assert!(meets(40.0, &t, Direction::Up) && !meets(40.0, &t, Direction::Down));
        assert!(!meets(30.0, &t, Direction::Up) && meets(30.0, &t, Direction::Down));
    }

    fn target(value: f64, year: i32) -> Target {
        Target {
            value,
            year,
            by: None,
            sample: false,
        }
    }

    #[test]
    fn golden_statuses() {
        let s = compute(
            &pts(&[(2020, 30.0), (2021, 32.0), (2022, 34.0)]),
            Some(&target(36.0, 2025)),
            Direction::Up,
            "万人",
            1,
        );
        assert_eq!(s.kind, StatusKind::OnTrack);
        assert_eq!(
            s.reason,
            "按最近3年的变化速度，到2025年约为40万人，目标是2025年达到36万人。照这样下去能够达到。"
        );

        let s = compute(
            &pts(&[(2020, 30.0), (2021, 30.5), (2022, 31.0)]),
            Some(&target(36.0, 2025)),
            Direction::Up,
            "万人",
            1,
        );
        assert_eq!(s.kind, StatusKind::NeedsAttention);
        assert_eq!(s.projected, Some(32.5));
        assert_eq!(s.reason, "按最近3年的变化速度，到2025年约为32.5万人，目标是2025年达到36万人。照这样下去达不到，需要加把劲。");

        let s = compute(
            &pts(&[(2021, 100.0)]),
            Some(&target(100.0, 2025)),
            Direction::Up,
            "%",
            1,
        );
        assert_eq!(s.kind, StatusKind::Reached);
        assert_eq!(
            s.reason,
            "2021年为100%，已经达到目标（目标是2025年达到100%）。"
        );

        let s = compute(
            &pts(&[(2022, 71.3)]),
            Some(&target(80.0, 2025)),
            Direction::Up,
            "%",
            1,
        );
        assert_eq!(s.kind, StatusKind::NotEnoughData);
        assert_eq!(
            s.reason,
            "只有2022年一个数据（71.3%），还看不出变化趋势；目标是2025年达到80%。"
        );

        let s = compute(&pts(&[(2021, 22.0)]), None, Direction::Up, "项", 0);
        assert_eq!(s.kind, StatusKind::NoTarget);
    }

    #[test]
    fn down_is_better_and_deadlines_pass() {
        let s = compute(
            &pts(&[(2020, 20.0), (2021, 18.0), (2022, 16.0)]),
            Some(&target(12.0, 2024)),
            Direction::Down,
            "%",
            1,
        );
        assert_eq!(s.kind, StatusKind::OnTrack);
        let s = compute(
            &pts(&[(2020, 20.0), (2021, 18.0), (2026, 16.0)]),
            Some(&target(12.0, 2025)),
            Direction::Down,
            "%",
            1,
        );
        assert_eq!(s.kind, StatusKind::NeedsAttention);
        assert!(s.reason.contains("没有按期达到"));
    }

    #[test]
    fn values_format_plainly() {
        assert_eq!(fmt_value(34.10, 1), "34.1");
        assert_eq!(fmt_value(40.0000001, 1), "40");
        assert_eq!(fmt_value(-0.01, 1), "0");
        assert_eq!(fmt_fixed(5.0, 1), "5.0");
        assert_eq!(fmt_fixed(3.94, 1), "3.9");
        assert_eq!(fmt_fixed(-0.01, 1), "0.0");
        assert_eq!(fmt_fixed(-2.0, 0), "-2");
        assert_eq!(with_unit_fixed(5.0, "万人", 1), "5.0万人");
    }
}
