//! Messages shared by the indicator files, their data files and denominators, in
//! both languages: a district not in site.toml, a district or period given twice,
//! a cell that is not a number.

use crate::msg::Text;
use crate::t;

/// `name` is not among the site's `districts`: the message and the hint.
pub(super) fn not_a_district(name: &str, districts: &[String]) -> (Text, Text) {
    let (zh, en) = (districts.join("、"), districts.join("、"));
    (
        t!(
            "“{name}”不是本站的区县",
            "`{name}` is not a district of this site"
        ),
        t!(
            "写其中一个：{zh}（区县名单在 site.toml 的 districts 里；错别字请改正，新区县请先加到名单里）",
            "use one of: {en} (the list is `districts` in site.toml)"
        ),
    )
}

/// A district given twice.
pub(super) fn district_twice(name: &str) -> Text {
    t!("区县“{name}”写了两次", "district {name} is given twice")
}

/// What to do about a district given twice.
pub(super) fn one_per_district() -> Text {
    t!(
        "每个区县只写一个数值，删掉多余的一行",
        "keep one value per district"
    )
}

/// A cell that should be a number.
pub(super) fn not_a_number(raw: &str) -> Text {
    t!("“{raw}”不是数字", "`{raw}` is not a number")
}

/// How numbers are written.
pub(super) fn number_hint() -> Text {
    t!(
        "数字不带单位、不带千位分隔符（逗号），例如 34.1",
        "write numbers without units or thousands separators, e.g. 34.1"
    )
}

/// A period that cannot be read.
pub(super) fn not_a_period(label: &str) -> Text {
    t!("“{label}”不是年份或时期", "`{label}` is not a period")
}
