//! Column roles of a tidy data file. Besides the period and the value, a column
//! is one of:
//! - a **choice** (`Units`, `Unit measure`, `Series`): rows with different values
//!   are different statistics; one is chosen and a chart never mixes them;
//! - an **attribute** (`GeoCode`, `Observation status`, `Unit multiplier`,
//!   footnote columns, and any the indicator lists under `csv: {attributes: …}`):
//!   it annotates a row and never splits the data;
//! - a **breakdown** (sex, age, district …): it splits the data; an empty cell is
//!   the total.

/// What a column does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    /// The period (Year, 年份 …).
    Period,
    /// The number (Value, 数值 …).
    Value,
    /// One of several statistics in the file (units, series).
    Choice,
    /// Annotates a row.
    Attribute,
    /// Splits the data.
    Breakdown,
    /// Our own `sample` column.
    Sample,
}

fn norm(h: &str) -> String {
    h.trim()
        .to_lowercase()
        .replace(['_', '-'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Names of the period column.
const PERIOD: &[&str] = &[
    "year",
    "years",
    "period",
    "time period",
    "time",
    "date",
    "年份",
    "年度",
    "时间",
    "时期",
    "期间",
    "日期",
];
/// Names of the value column.
const VALUE: &[&str] = &[
    "value",
    "obs value",
    "数值",
    "值",
    "数据",
    "指标值",
    "人数",
    "数量",
    "金额",
    "总数",
];
/// Names of choice columns.
const CHOICE: &[&str] = &[
    "units",
    "unit",
    "unit measure",
    "series",
    "单位",
    "计量单位",
    "指标",
];
/// Names of attribute columns (and prefixes of footnote columns).
const ATTRIBUTE: &[&str] = &[
    "geocode",
    "geo code",
    "observation status",
    "obs status",
    "unit multiplier",
    "unit mult",
    "footnote",
    "footnotes",
    "note",
    "notes",
    "comment",
    "comments",
    "comment obs",
    "source",
    "nature",
    "reporting type",
    "备注",
    "注",
    "注释",
    "说明",
    "数据来源",
    "来源",
    "数据状态",
];
/// Names a district breakdown is written under.
pub(crate) const DISTRICT: &[&str] = &["district", "地区", "区县", "区域", "行政区", "城区"];

/// A header split into its name and the unit in brackets after it, full- or
/// half-width (`数值（万人）`, `value (万人)`, `人数(人)`); the whole header and
/// `None` without one.
pub(crate) fn name_and_unit(header: &str) -> (&str, Option<&str>) {
    let h = header.trim();
    for (open, close) in [('（', '）'), ('(', ')')] {
        let Some(body) = h.strip_suffix(close) else {
            continue;
        };
        if let Some(i) = body.rfind(open) {
            let unit = body[i + open.len_utf8()..].trim();
            let name = body[..i].trim();
            if !unit.is_empty() && !name.is_empty() {
                return (name, Some(unit));
            }
        }
    }
    (h, None)
}

/// The role of column `header`, given the indicator's own lists. A period or
/// value column may carry its unit in brackets (`数值（万人）`).
pub(crate) fn role(header: &str, attributes: &[String], breakdowns: &[String]) -> Role {
    let h = norm(header);
    let bare = norm(name_and_unit(header).0);
    let listed = |l: &[String]| l.iter().any(|a| norm(a) == h);
    if listed(breakdowns) {
        Role::Breakdown
    } else if listed(attributes) {
        Role::Attribute
    } else if PERIOD.contains(&h.as_str()) || PERIOD.contains(&bare.as_str()) {
        Role::Period
    } else if VALUE.contains(&h.as_str()) || VALUE.contains(&bare.as_str()) {
        Role::Value
    } else if h == "sample" {
        Role::Sample
    } else if CHOICE.contains(&h.as_str()) {
        Role::Choice
    } else if ATTRIBUTE.contains(&h.as_str())
        || h.starts_with("comment")
        || h.starts_with("footnote")
    {
        Role::Attribute
    } else {
        Role::Breakdown
    }
}

/// Whether `header` names a unit (its chosen value is the indicator's unit).
pub(crate) fn is_unit(header: &str) -> bool {
    matches!(
        norm(header).as_str(),
        "units" | "unit" | "unit measure" | "单位" | "计量单位"
    )
}

/// A unit as the page writes it: the many ways publishers spell "percent" are `%`;
/// any other unit stays as written.
pub(crate) fn unit_text(unit: &str) -> String {
    let u = unit.trim();
    let l = u.to_lowercase();
    if matches!(
        l.as_str(),
        "percentage (%)"
            | "percent (%)"
            | "percentage"
            | "percent"
            | "per cent"
            | "процент"
            | "百分比"
            | "%"
    ) {
        "%".into()
    } else {
        u.to_string()
    }
}

/// Whether `header` is the observation status (provisional, estimated …).
pub(crate) fn is_status(header: &str) -> bool {
    matches!(
        norm(header).as_str(),
        "observation status" | "obs status" | "数据状态"
    )
}

/// Whether `header` is the unit multiplier.
pub(crate) fn is_multiplier(header: &str) -> bool {
    matches!(norm(header).as_str(), "unit multiplier" | "unit mult")
}

/// Whether `header` is a footnote column.
pub(crate) fn is_footnote(header: &str) -> bool {
    let h = norm(header);
    h.starts_with("comment")
        || h.starts_with("footnote")
        || matches!(
            h.as_str(),
            "note" | "notes" | "备注" | "注" | "注释" | "说明"
        )
}

/// The mark of a point from its observation status: 初步数据 or 估计值.
pub(crate) fn mark(status: &str) -> Option<&'static str> {
    let s = status.trim().to_lowercase();
    if s == "p" || s.starts_with("provisional") || s.contains("初步") || s.contains("预计") {
        Some("初步数据")
    } else if s == "e"
        || s.starts_with("estimated")
        || s.starts_with("estimate")
        || s.contains("估计")
        || s.contains("估算")
    {
        Some("估计值")
    } else {
        None
    }
}

/// How a unit multiplier reads in Chinese: "以千计"; `None` for plain units.
pub(crate) fn multiplier(m: &str) -> Option<String> {
    let s = m.trim().to_lowercase();
    let zh = match s.as_str() {
        "" | "units" | "unit" | "1" | "0" | "ones" => return None,
        "tens" => "十",
        "hundreds" => "百",
        "thousands" | "3" => "千",
        "tens of thousands" | "ten thousands" | "4" => "万",
        "millions" | "6" => "百万",
        "billions" | "9" => "十亿",
        _ => return Some(format!("数值的倍数：{}", m.trim())),
    };
    Some(format!("数值以{zh}计"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_of_real_headers() {
        let none: &[String] = &[];
        assert_eq!(role("Year", none, none), Role::Period);
        assert_eq!(role("年份", none, none), Role::Period);
        assert_eq!(role("年度", none, none), Role::Period);
        assert_eq!(role("人数", none, none), Role::Value);
        assert_eq!(role("Value", none, none), Role::Value);
        assert_eq!(role("Units", none, none), Role::Choice);
        assert_eq!(role("Series", none, none), Role::Choice);
        assert_eq!(role("GeoCode", none, none), Role::Attribute);
        assert_eq!(role("Observation status", none, none), Role::Attribute);
        assert_eq!(role("COMMENT_OBS", none, none), Role::Attribute);
        assert_eq!(role("Sex", none, none), Role::Breakdown);
        assert_eq!(
            role("Progress", &["Progress".into()], none),
            Role::Attribute
        );
        assert_eq!(mark("Provisional value"), Some("初步数据"));
        assert_eq!(mark("Estimated value"), Some("估计值"));
        assert_eq!(mark("Normal value"), None);
        assert_eq!(multiplier("Thousands").as_deref(), Some("数值以千计"));
        assert_eq!(multiplier("Units"), None);
        assert_eq!(unit_text("Percentage (%)"), "%");
        assert_eq!(unit_text("процент"), "%");
        assert_eq!(unit_text("GBP (£)"), "GBP (£)");
        assert_eq!(role("数值（万人）", none, none), Role::Value);
        assert_eq!(role("Value (%)", none, none), Role::Value);
        assert_eq!(role("年份(年)", none, none), Role::Period);
        assert_eq!(role("性别（男女）", none, none), Role::Breakdown);
        assert_eq!(name_and_unit("人数(人)"), ("人数", Some("人")));
        assert_eq!(name_and_unit("数值（ 万人 ）"), ("数值", Some("万人")));
        assert_eq!(name_and_unit("数值()"), ("数值()", None));
        assert_eq!(name_and_unit("（万人）"), ("（万人）", None));
    }
}
