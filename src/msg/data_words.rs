//! What the YAML library says about an indicator file or an ```` ```indicator ````
//! block, told in editors' words: which key, what is wrong with it, what to type.
//!
//! The library speaks of Rust types (`invalid type: string "x", expected f64`,
//! `expected struct RawIndicator`, `series[2]`); [`explain`] reads such a message
//! and says it again as a message and a hint in both languages.

use super::Text;
use crate::t;

/// Where a problem is: "the file" (no key), or the key path made readable:
/// `target.value` is “target 下的 value” / `target: value`, `[2]` is “第 3 项”.
fn place(path: &str) -> (String, String) {
    let mut zh = String::new();
    let mut en = String::new();
    for part in path.split('.').filter(|p| !p.is_empty()) {
        let (name, index) = match part.split_once('[') {
            Some((n, i)) => (n, i.trim_end_matches(']').parse::<usize>().ok()),
            None => (part, None),
        };
        if !name.is_empty() {
            if !zh.is_empty() {
                zh.push_str(" 下的 ");
                en.push_str(" → ");
            }
            zh.push_str(&format!("“{name}”"));
            en.push_str(name);
        }
        if let Some(i) = index {
            let n = i + 1;
            zh.push_str(&format!("第 {n} 项"));
            en.push_str(&format!(" item {n}"));
        }
    }
    (zh, en)
}

/// What an editor should write, for the `expected …` of the library: the thing
/// in both languages and how to write it in both languages.
type Wanted = (&'static str, &'static str, &'static str, &'static str);

/// `expected …` of the library, as what an editor should write.
fn wanted(expected: &str) -> Wanted {
    let e = expected.trim();
    if e.contains("denominator") {
        return (
            "分母的编号",
            "the id of a denominator",
            "写分母文件的名字（不带 .yaml），例如 denominator: population，或 denominator: {id: population, per: 10000}",
            "write the id of a denominator, e.g. population, or {id: population, per: 10000}",
        );
    }
    if e.contains("key: value") || e.contains("map") || e.contains("struct") {
        return (
            "几行“名称: 值”的设置",
            "`key: value` lines",
            "每项一行，写成“名称: 值”，冒号用英文冒号，后面空一格，例如 id: elderly-care",
            "write one `key: value` per line, e.g. id: elderly-care",
        );
    }
    if e.starts_with("f64") || e.starts_with("f32") || e.contains("a number") {
        (
            "一个数字",
            "a number",
            "数字不带单位、不带千位分隔符，例如 34.1",
            "write numbers without units or thousands separators, e.g. 34.1",
        )
    } else if e.starts_with('i') || e.starts_with('u') {
        (
            "一个整数",
            "a whole number",
            "写不带小数点的整数，例如 2025 或 1",
            "write a whole number, e.g. 2025 or 1",
        )
    } else if e.contains("boolean") {
        (
            "true 或 false",
            "true or false",
            "写 true（是）或 false（否）",
            "write true or false",
        )
    } else if e.contains("string") || e.contains("char") {
        (
            "一段文字",
            "text",
            "直接写文字，例如 title: 城镇新增就业人数",
            "write the text itself, e.g. title: 城镇新增就业人数",
        )
    } else if e.contains("sequence") || e.contains("list") {
        (
            "一个列表",
            "a list",
            "每项一行，以“- ”开头",
            "write one item per line, each starting with `- `",
        )
    } else if e.contains("year") {
        (
            "一个年份或时期",
            "a year or a period",
            "写 2022 这样的年份，或“2024 Q1”这样的时期",
            "write a year such as 2022, or a period such as \"2024 Q1\"",
        )
    } else {
        (
            "几行“名称: 值”的设置",
            "`key: value` lines",
            "每项一行，写成“名称: 值”，冒号用英文冒号，后面空一格，例如 id: elderly-care",
            "write one `key: value` per line, e.g. id: elderly-care",
        )
    }
}

/// The quoted list of names in `expected one of `a`, `b``, joined for people.
fn names_after(msg: &str, marker: &str, sep: &str) -> Option<String> {
    let rest = &msg[msg.find(marker)? + marker.len()..];
    let names: Vec<&str> = rest
        .split('`')
        .enumerate()
        .filter(|(i, _)| i % 2 == 1)
        .map(|(_, s)| s)
        .collect();
    (!names.is_empty()).then(|| names.join(sep))
}

/// What a value of a closed list means, for the Chinese hint (`up（越高越好）`).
fn gloss(value: &str) -> &'static str {
    match value {
        "up" => "（数值越高越好）",
        "down" => "（数值越低越好）",
        "auto" => "（自动判断）",
        "months" => "（按月份读）",
        "windows" => "（按年份区间读）",
        _ => "",
    }
}

/// The first backquoted name of `msg` after `marker`.
fn quoted_after<'a>(msg: &'a str, marker: &str) -> Option<&'a str> {
    let rest = &msg[msg.find(marker)? + marker.len()..];
    rest.split('`').nth(1)
}

/// The value the library quotes in `invalid type: string "abc"` (or `integer `5``).
fn found_value(msg: &str) -> Option<String> {
    let rest = msg.split_once("invalid ")?.1;
    let rest = rest.split_once(": ")?.1;
    let rest = rest.split(", expected").next()?;
    if let Some(q) = rest.split_once('"') {
        return Some(q.1.trim_end_matches('"').to_string());
    }
    rest.split('`').nth(1).map(str::to_string)
}

/// A problem of a data file said again in editors' words: `what` names the file in
/// both languages (“指标文件”/“the indicator file”). Returns (message, hint).
pub fn explain(library: &str, what: (&str, &str)) -> (Text, Text) {
    let (file_zh, file_en) = what;
    // The key path the library puts before its sentence: `target.value: invalid …`.
    let (path, msg) = match library.split_once(": ") {
        Some((p, m))
            if !p.contains(' ')
                && ["invalid", "unknown", "missing", "duplicate"]
                    .iter()
                    .any(|k| m.starts_with(k)) =>
        {
            (p, m)
        }
        _ => ("", library),
    };
    let (at_zh, at_en) = place(path);
    let (at_zh, at_en) = if at_zh.is_empty() {
        (file_zh.to_string(), file_en.to_string())
    } else {
        (at_zh, at_en)
    };
    if let Some(found) = about_key(msg, &at_zh, &at_en) {
        return found;
    }
    about_text(library, file_zh, file_en)
}

/// A key the library names: unknown, missing, twice, a value not among the
/// choices or of the wrong kind.
fn about_key(msg: &str, at_zh: &str, at_en: &str) -> Option<(Text, Text)> {
    if let Some(key) = quoted_after(msg, "unknown field") {
        let zh = names_after(msg, "expected", "、").unwrap_or_default();
        let en = names_after(msg, "expected", ", ").unwrap_or_default();
        return Some((
            t!(
                "{at_zh}里有不认识的设置“{key}”",
                "{at_en} has a key `{key}` that is not known"
            ),
            t!(
                "检查拼写；可以写的设置有：{zh}",
                "check the spelling; the known keys are: {en}"
            ),
        ));
    }
    if let Some(key) = quoted_after(msg, "missing field") {
        return Some((
            t!("{at_zh}缺少设置“{key}”", "{at_en} has no `{key}`"),
            t!(
                "加一行“{key}: …”；每个指标至少要写 title（名称）、domain（领域）和 unit（单位）",
                "add a line `{key}: …`; every indicator needs at least title, domain and unit"
            ),
        ));
    }
    if let Some(key) = quoted_after(msg, "duplicate field") {
        return Some((
            t!(
                "{at_zh}里设置“{key}”写了两次",
                "{at_en} gives `{key}` twice"
            ),
            t!("只保留一行“{key}: …”", "keep one line `{key}: …`"),
        ));
    }
    if let Some(value) = quoted_after(msg, "unknown variant") {
        let en = names_after(msg, "expected", ", ").unwrap_or_default();
        let zh = en
            .split(", ")
            .map(|v| format!("{v}{}", gloss(v)))
            .collect::<Vec<_>>()
            .join("、");
        return Some((
            t!("{at_zh}不能写“{value}”", "{at_en} cannot be `{value}`"),
            t!("可以写的有：{zh}", "write one of: {en}"),
        ));
    }
    if msg.starts_with("invalid") {
        let expected = msg.rsplit_once("expected ").map_or("", |(_, e)| e);
        let (want_zh, want_en, hint_zh, hint_en) = wanted(expected);
        let message = match found_value(msg) {
            Some(v) => t!(
                "{at_zh}写的“{v}”不对：这里要写{want_zh}",
                "`{v}` ({at_en}) is not {want_en}"
            ),
            None => t!(
                "{at_zh}的写法不对：这里要写{want_zh}",
                "{at_en} must be {want_en}"
            ),
        };
        return Some((message, t!("{hint_zh}", "{hint_en}")));
    }
    None
}

/// The file as a whole, or the parser's own words (a quote or bracket not
/// closed, a stray character).
fn about_text(library: &str, file_zh: &str, file_en: &str) -> (Text, Text) {
    if library.contains("expected struct") || library.contains("expected a map") {
        return (
            t!(
                "{file_zh}应当是几行“名称: 值”的设置",
                "{file_en} must be `key: value` lines"
            ),
            t!(
                "每项一行，写成“名称: 值”，冒号用英文冒号，后面空一格，例如 id: elderly-care",
                "write one `key: value` per line, e.g. id: elderly-care"
            ),
        );
    }
    // The parser's own words (a quote or bracket not closed, a stray character).
    if library.contains("is not a year") {
        let value = library.split(" is not a year").next().unwrap_or("").trim();
        let value = value.rsplit(": ").next().unwrap_or(value);
        return (
            t!(
                "{file_zh}里的“{value}”不是年份",
                "{file_en}: {value} is not a year"
            ),
            t!(
                "年份写四位数，例如 2022",
                "write years as four digits, e.g. 2022"
            ),
        );
    }
    let (zh, hint_zh) = if library.contains("cannot start any token") {
        (
            "这一行有一个不能出现在这里的字符（常见的是 Tab 键、全角符号或行首的 @ `）",
            "缩进用空格，不用 Tab；冒号、引号、括号用英文半角；以 @ 或 ` 开头的文字加上英文引号",
        )
    } else if library.contains("mapping values are not allowed") {
        (
            "这一行的值里有一个“: ”（英文冒号加空格），被当成了新的设置",
            "把整个值用英文引号括起来，例如 title: \"目标：2025年\"",
        )
    } else if library.contains("did not find expected")
        || library.contains("could not find expected")
    {
        (
            "这一行或上一行的引号、括号没有配对，或者缩进不齐",
            "检查引号、括号是否成对（用英文半角），同一级的设置左边对齐",
        )
    } else {
        (
            "这一行的写法读不懂",
            "检查这一行和上一行的引号、括号和缩进；冒号用英文冒号，后面空一格",
        )
    };
    (
        t!("{file_zh}：{zh}", "{file_en}: {library}"),
        t!(
            "{hint_zh}",
            "check quotes, brackets and indentation on this line and the one above"
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::msg::Lang;

    fn zh(library: &str) -> (String, String) {
        let (m, h) = explain(library, ("指标文件", "the indicator file"));
        (m.get(Lang::Zh).to_string(), h.get(Lang::Zh).to_string())
    }

    #[test]
    fn library_words_become_editors_words() {
        let cases = [
            (
                "unknown field `titel`, expected one of `id`, `title`",
                "指标文件里有不认识的设置“titel”",
                "检查拼写；可以写的设置有：id、title",
            ),
            (
                "missing field `title`",
                "指标文件缺少设置“title”",
                "加一行“title: …”；每个指标至少要写 title（名称）、domain（领域）和 unit（单位）",
            ),
            (
                "target.value: invalid type: string \"三十\", expected f64",
                "“target” 下的 “value”写的“三十”不对：这里要写一个数字",
                "数字不带单位、不带千位分隔符，例如 34.1",
            ),
            (
                "invalid type: string \"hello\", expected struct RawIndicator",
                "指标文件写的“hello”不对：这里要写几行“名称: 值”的设置",
                "每项一行，写成“名称: 值”，冒号用英文冒号，后面空一格，例如 id: elderly-care",
            ),
            (
                "direction: unknown variant `up`, expected `higher` or `lower`",
                "“direction”不能写“up”",
                "可以写的有：higher、lower",
            ),
            (
                "direction: unknown variant `升高`, expected `up` or `down`",
                "“direction”不能写“升高”",
                "可以写的有：up（数值越高越好）、down（数值越低越好）",
            ),
            (
                "series: invalid type: sequence, expected a list of `key: value` lines",
                "“series”的写法不对：这里要写几行“名称: 值”的设置",
                "每项一行，写成“名称: 值”，冒号用英文冒号，后面空一格，例如 id: elderly-care",
            ),
            (
                "denominator: invalid type: sequence, expected the id of a denominator, e.g. population, or {id: population, per: 10000}",
                "“denominator”的写法不对：这里要写分母的编号",
                "写分母文件的名字（不带 .yaml），例如 denominator: population，或 denominator: {id: population, per: 10000}",
            ),
            (
                "series: 99999999999 is not a year",
                "指标文件里的“99999999999”不是年份",
                "年份写四位数，例如 2022",
            ),
            (
                "decimals: invalid value: integer `-1`, expected u8",
                "“decimals”写的“-1”不对：这里要写一个整数",
                "写不带小数点的整数，例如 2025 或 1",
            ),
            (
                "found character that cannot start any token",
                "指标文件：这一行有一个不能出现在这里的字符（常见的是 Tab 键、全角符号或行首的 @ `）",
                "缩进用空格，不用 Tab；冒号、引号、括号用英文半角；以 @ 或 ` 开头的文字加上英文引号",
            ),
        ];
        for (library, message, hint) in cases {
            assert_eq!(
                zh(library),
                (message.to_string(), hint.to_string()),
                "{library}"
            );
        }
    }

    #[test]
    fn list_items_are_counted_from_one() {
        assert_eq!(place("series[2]").0, "“series”第 3 项");
        assert_eq!(place("a.b").1, "a → b");
        let (m, h) = explain(
            "series.2022: invalid type: string \"十二\", expected a number, or {value: number, sample: true}",
            ("指标文件", "the indicator file"),
        );
        assert_eq!(m.en(), "`十二` (series → 2022) is not a number");
        assert_eq!(
            m.zh(),
            "“series” 下的 “2022”写的“十二”不对：这里要写一个数字"
        );
        assert_eq!(
            h.en(),
            "write numbers without units or thousands separators, e.g. 34.1"
        );
    }
}
