//! Messages shared by the indicator files, their data files and denominators, in
//! both languages: a district not in site.toml, a district or period given twice,
//! a cell that is not a number.

use crate::msg::Text;
use crate::t;

/// `name` is not among the site's `districts`: the message and the hint.
pub(super) fn not_a_district(name: &str, districts: &[String]) -> (Text, Text) {
    let (shown, more) = crate::msg::named_in_part(districts, "、");
    let (zh, en) = match more {
        0 => (shown.clone(), shown),
        n => (
            format!("{shown}……（还有 {n} 个）"),
            format!("{shown}… ({n} more)"),
        ),
    };
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

/// What editors write for "not published" (the guide says: leave it empty).
fn not_published(raw: &str) -> bool {
    const WORDS: [&str; 8] = ["无", "暂无", "空", "未公布", "缺", "NA", "N/A", "n/a"];
    WORDS.contains(&raw)
        || raw.chars().all(|c| {
            matches!(
                c,
                '—' | '–' | '-' | '－' | '─' | '/' | '／' | '…' | '.' | '。' | '*' | '×'
            )
        })
}

/// `raw` with full-width digits, point and signs made half-width, when it had
/// any and is then a number (`５．０` → `5.0`).
fn half_width(raw: &str) -> Option<String> {
    let wide = |c: char| ('０'..='９').contains(&c) || matches!(c, '．' | '－' | '＋');
    if !raw.chars().any(wide) {
        return None;
    }
    let half: String = raw
        .chars()
        .map(|c| match c {
            '０'..='９' | '．' | '－' | '＋' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            c => c,
        })
        .collect();
    half.parse::<f64>().is_ok().then_some(half)
}

/// A cell that should be a number and its hint, naming the usual slips: a
/// dash or 无 for a figure not published (an empty cell is how to say so where
/// `empty_ok`; in our own `year,value` layout the row is deleted instead), and
/// full-width digits.
pub(super) fn not_a_number_why(raw: &str, empty_ok: bool) -> (&'static str, Text, Text) {
    if not_published(raw) && empty_ok {
        return (
            "value-unpublished",
            t!(
                "“{raw}”不是数字：没有公布的数字请留空",
                "`{raw}` is not a number: leave the cell empty for a figure not published"
            ),
            t!(
                "把“{raw}”删掉，这一格什么也不写（页面上这一期就没有数）",
                "delete `{raw}` and leave the cell empty (the page then shows no figure for it)"
            ),
        );
    }
    if not_published(raw) {
        return (
            "value-unpublished",
            t!(
                "“{raw}”不是数字：没有公布的年份不要写这一行",
                "`{raw}` is not a number: leave out the row of a period not published"
            ),
            t!(
                "把这一行整行删掉（页面上这一期就没有数）",
                "delete the whole row (the page then shows no figure for that period)"
            ),
        );
    }
    if let Some(half) = half_width(raw) {
        return (
            "value-full-width",
            t!(
                "“{raw}”是全角数字",
                "`{raw}` is written in full-width digits"
            ),
            t!(
                "切换到半角（英文）输入法，写成 {half}",
                "switch the input method to half-width and write {half}"
            ),
        );
    }
    ("value", not_a_number(raw), number_hint())
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

/// The separators an editor uses by mistake, in words (in this order, the
/// first wins a tie).
const SLIPS: [(char, &str, &str); 5] = [
    ('，', "全角逗号“，”", "full-width commas (，)"),
    ('；', "全角分号“；”", "full-width semicolons (；)"),
    (';', "分号“;”", "semicolons (;)"),
    ('\t', "制表符（Tab）", "Tabs"),
    ('、', "顿号“、”", "enumeration commas (、)"),
];

/// How many of a data file's first lines with text decide its separator.
const SEPARATOR_LINES: usize = 20;

/// A data file whose rows are not separated by commas: full-width `，` (typed
/// with a Chinese input method), `;` (Excel in many regions), Tab or `、`, so the
/// file reads as one column. The separator found on the most of the first
/// [`SEPARATOR_LINES`] lines with text decides (a title line above the table
/// does not hide it); the comma wins a tie, and then nothing is said.
pub(super) fn separator_slip(text: &str) -> Option<(Text, Text)> {
    let lines: Vec<&str> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(SEPARATOR_LINES)
        .collect();
    let on = |c: char| lines.iter().filter(|l| l.contains(c)).count();
    let commas = on(',');
    let (zh, en) = SLIPS
        .into_iter()
        .map(|(c, zh, en)| (on(c), zh, en))
        .filter(|&(n, _, _)| n > commas)
        // The first of those on the most lines.
        .fold(None, |best: Option<(usize, &str, &str)>, x| match best {
            Some(b) if b.0 >= x.0 => Some(b),
            _ => Some(x),
        })
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

/// A header typed with another separator over data with commas (`年份，数值` /
/// `2021,90`): the header then reads as a title line, and the first data row
/// as the header. The line (1-based) of the header, the message and the hint.
pub(super) fn header_slip(text: &str) -> Option<(usize, Text, Text)> {
    let mut lines = text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty());
    let (i, head) = lines.next()?;
    let (_, data) = lines.next()?;
    let width = data.split(',').count();
    if head.contains(',') || width < 2 {
        return None;
    }
    let (c, zh, en) = SLIPS
        .into_iter()
        .find(|&(c, _, _)| head.split(c).count() == width)?;
    let fixed = head.replace(c, ",");
    Some((
        i + 1,
        t!(
            "表头这一行是用{zh}隔开的，下面的数据用的是半角逗号“,”，所以表头被当成了标题",
            "the header line is separated by {en} but the data by commas, so the header reads as a title"
        ),
        t!(
            "把表头里的{zh}换成半角逗号“,”：{fixed}",
            "replace the {en} in the header with commas: {fixed}"
        ),
    ))
}

#[cfg(test)]
mod tests {
    use super::{header_slip, separator_slip};

    #[test]
    fn a_header_typed_with_another_separator_is_named() {
        let got = header_slip("年份，数值\n2021,90\n2022,100\n").unwrap();
        assert_eq!(got.0, 1);
        assert!(got.1.zh().contains("全角逗号“，”"), "{}", got.1.zh());
        assert!(got.2.zh().ends_with("：年份,数值"), "{}", got.2.zh());
        assert_eq!(header_slip("\n年份、数值\n2021,90\n").unwrap().0, 2);
        // A header with commas, or a count that does not match: nothing said.
        assert_eq!(header_slip("年份,数值\n2021,90\n"), None);
        assert_eq!(header_slip("年份，数值，备注\n2021,90\n"), None);
        assert_eq!(header_slip("年份\n2021\n"), None);
    }

    fn slip(text: &str) -> Option<String> {
        separator_slip(text).map(|(m, _)| m.en().to_string())
    }

    #[test]
    fn the_separator_on_most_lines_decides() {
        let semicolons = "2021;5\n2022;6\n";
        assert!(slip(&format!("年份;数值\n{semicolons}"))
            .unwrap()
            .contains("semicolons (;)"));
        // A title line above the table, with or without a comma of its own.
        for title in ["某市养老床位", "表1,养老床位", "单位：张，来源：民政局"]
        {
            let got = slip(&format!("{title}\n\n年份;数值\n{semicolons}"));
            assert!(
                got.as_deref().is_some_and(|m| m.contains("semicolons (;)")),
                "{title}: {got:?}"
            );
        }
        assert!(slip("年份\t数值\n2021\t5\n").unwrap().contains("Tabs"));
        assert!(slip("年份，数值\n2021，5\n")
            .unwrap()
            .contains("full-width commas"));
        // Commas on most lines: no slip, whatever a note line holds.
        assert_eq!(slip("说明；见附件\n年份,数值\n2021,5\n2022,6\n"), None);
        assert!(slip("年份、数值\n2021、90\n2022、100\n")
            .unwrap()
            .contains("enumeration commas"));
        assert_eq!(slip("年份,数值\n2021,5\n"), None);
        assert_eq!(slip("年份\n2021\n"), None);
        assert_eq!(slip(""), None);
    }
}
