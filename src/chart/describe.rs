//! The words of a chart: its title, and the one plain sentence of its `<desc>`
//! that says what the data shows. Generated from the data, so they never
//! disagree with the picture; golden-tested.

use super::ChartKind;
use crate::indicator::denominator::count_words;
use crate::indicator::status::fmt_value;
use crate::indicator::{Basis, Indicator};

/// The chart's short title.
pub(crate) fn title(ind: &Indicator, kind: ChartKind) -> String {
    let what = match kind {
        ChartKind::Line | ChartKind::Sparkline => "历年变化",
        ChartKind::Bars => "各区县比较",
        ChartKind::Progress => "距离目标还有多远",
    };
    let what = if kind == ChartKind::Bars
        && ind.breakdown_label != "区县"
        && !ind.breakdown_label.is_empty()
    {
        format!("按{}比较", ind.breakdown_label)
    } else if kind == ChartKind::Bars {
        format!("{what}{}", basis_words(ind))
    } else {
        what.to_string()
    };
    format!("{}：{what}", ind.title)
}

/// How district values are compared, in brackets: `(按常住人口折算)` with a
/// denominator, `(按人数)` for counts, nothing for percentages.
pub(crate) fn basis_words(ind: &Indicator) -> String {
    match (&ind.rates, ind.basis()) {
        (Some(r), _) => format!("（按{}折算）", r.of),
        (None, Basis::Count) => format!("（{}）", count_words(&ind.unit)),
        _ => String::new(),
    }
}

/// One sentence describing the data, or `None` when the chart cannot be drawn.
pub(crate) fn desc(ind: &Indicator, kind: ChartKind) -> Option<String> {
    let sample = if ind.has_sample() {
        "（含示例数据）"
    } else {
        ""
    };
    match kind {
        ChartKind::Line | ChartKind::Sparkline => {
            let first = ind.series.first()?;
            let last = ind.series.last()?;
            let target = ind
                .target
                .as_ref()
                .map(|t| {
                    let verb = match ind.direction {
                        crate::indicator::Direction::Up => "达到",
                        crate::indicator::Direction::Down => "降到",
                    };
                    format!("；目标是{}年{verb}{}", t.year, ind.show(t.value))
                })
                .unwrap_or_default();
            if ind.series.len() == 1 {
                return Some(format!(
                    "{}，{}为{}{target}。{sample}",
                    last.period.zh(),
                    ind.title,
                    ind.show(last.value)
                ));
            }
            let change = if (last.value - first.value).abs() < 1e-9 {
                format!("保持在{}", ind.show(last.value))
            } else if last.value > first.value {
                format!("从{}增加到{}", ind.show(first.value), ind.show(last.value))
            } else {
                format!("从{}减少到{}", ind.show(first.value), ind.show(last.value))
            };
            Some(format!(
                "{}到{}，{}{change}{target}。{sample}",
                first.period.zh(),
                last.period.zh(),
                ind.title
            ))
        }
        ChartKind::Bars => bars_desc(ind, sample),
        ChartKind::Progress if ind.direction == crate::indicator::Direction::Down => {
            let t = ind.target.as_ref()?;
            let last = ind.latest()?;
            Some(format!(
                "{}{}为{}，目标是{}年降到{}，{}，状态：{}。{sample}",
                lead(&last.period.zh()),
                ind.title,
                ind.show(last.value),
                t.year,
                ind.show(t.value),
                progress_words(ind),
                ind.status.kind.label()
            ))
        }
        ChartKind::Progress => {
            let t = ind.target.as_ref()?;
            let last = ind.latest()?;
            let pct = if t.value != 0.0 {
                last.value / t.value * 100.0
            } else {
                0.0
            };
            Some(format!(
                "{}{}为{}，是{}年目标{}的{}%，状态：{}。{sample}",
                lead(&last.period.zh()),
                ind.title,
                ind.show(last.value),
                t.year,
                ind.show(t.value),
                fmt_value(pct, 0),
                ind.status.kind.label()
            ))
        }
    }
}

/// The bars' sentence: highest and lowest (by rate when there is a
/// denominator, the count beside it), and the city's value when comparable.
fn bars_desc(ind: &Indicator, sample: &str) -> Option<String> {
    if ind.districts.is_empty() {
        return None;
    }
    let mut rows = ind.compared();
    rows.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let (top, bottom) = (&rows[0], &rows[rows.len() - 1]);
    let year = ind
        .breakdown_period
        .as_ref()
        .map(|p| lead(&p.zh()))
        .unwrap_or_default();
    let district = ind.breakdown_label == "区县";
    let basis = if district {
        basis_words(ind)
    } else {
        String::new()
    };
    let show = |name: &str, v: f64| match &ind.rates {
        Some(r) => {
            let count = r
                .of_district(name)
                .map(|d| format!("，共{}", ind.show(d.count)))
                .unwrap_or_default();
            format!("{}{count}", r.say(v))
        }
        None => ind.show(v),
    };
    let city = super::city_reference(ind)
        .map(|c| format!("；全市为{}", ind.show_compared(c)))
        .unwrap_or_default();
    let spread = if rows.len() > 1 {
        format!(
            "{}最高（{}），{}最低（{}），相差{}",
            top.0,
            show(&top.0, top.1),
            bottom.0,
            show(&bottom.0, bottom.1),
            ind.show_compared(top.1 - bottom.1)
        )
    } else {
        format!("只有{}的数据（{}）", top.0, show(&top.0, top.1))
    };
    Some(format!(
        "{year}{}{basis}：{spread}{city}。{sample}",
        ind.title
    ))
}

/// How far the latest value is from the target, in words: the share reached when
/// more is better ("完成目标的95%"), the distance left when less is better
/// ("还要降3.3%"; a share of a target to fall to would read backwards).
pub(crate) fn progress_words(ind: &Indicator) -> String {
    let (Some(t), Some(last)) = (ind.target.as_ref(), ind.latest()) else {
        return String::new();
    };
    match ind.direction {
        crate::indicator::Direction::Up => {
            let pct = if t.value != 0.0 {
                last.value / t.value * 100.0
            } else {
                0.0
            };
            format!("完成目标的{}%", fmt_value(pct, 0))
        }
        crate::indicator::Direction::Down if last.value > t.value => {
            format!("还要降{}", ind.show(last.value - t.value))
        }
        crate::indicator::Direction::Down => {
            format!("已比目标低{}", ind.show(t.value - last.value))
        }
    }
}

/// A period at the head of a sentence, before the indicator's name: `2022年`
/// joins it directly, a label such as `2022 Q3` takes a comma.
fn lead(when: &str) -> String {
    if when.ends_with(['年', '月', '度']) {
        when.to_string()
    } else {
        format!("{when}，")
    }
}
