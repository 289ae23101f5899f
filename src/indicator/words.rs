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

/// A data file whose rows are not separated by commas: full-width `，` (typed
/// with a Chinese input method), `;` (Excel in many regions) or Tab. Said when
/// no line of the file has a comma but the first line with text has one of
/// those, so the file reads as one column.
pub(super) fn separator_slip(text: &str) -> Option<(Text, Text)> {
    if text.contains(',') {
        return None;
    }
    let first = text.lines().find(|l| !l.trim().is_empty())?;
    let (zh, en) = [
        ('，', "全角逗号“，”", "full-width commas (，)"),
        ('；', "全角分号“；”", "full-width semicolons (；)"),
        (';', "分号“;”", "semicolons (;)"),
        ('\t', "制表符（Tab）", "Tabs"),
    ]
    .into_iter()
    .find(|(c, _, _)| first.contains(*c))
    .map(|(_, zh, en)| (zh, en))?;
    Some((
        t!(
            "这个数据文件的各列是用{zh}隔开的，程序只认半角逗号“,”，所以整行被当成了一列",
            "the columns of this data file are separated by {en}; only commas (,) separate columns"
        ),
        t!(
            "在 Excel 里“另存为”，类型选“CSV UTF-8（逗号分隔）”；或把{zh}都换成半角逗号“,”",
            "save it from Excel as CSV UTF-8 (comma delimited), or replace the {en} with commas"
        ),
    ))
}
