//! Messages about a page's file and its front matter (页面开头 --- 之间的设置).

use super::Text;
use crate::t;

/// The file is not UTF-8 text.
pub fn not_utf8(byte: usize) -> Text {
    t!(
        "这个文件不是 UTF-8 编码（第 {byte} 个字节读不出来）",
        "the file is not UTF-8 text (byte {byte} cannot be read)"
    )
}

/// What to do about a file that is not UTF-8.
pub fn not_utf8_hint() -> Text {
    t!(
        "用“另存为”把文件存成 UTF-8 编码（记事本、WPS 都在“编码”一栏里选）；GBK/GB2312 的文件要先转换",
        "save the file as UTF-8 (in most editors: Save As, Encoding: UTF-8); GBK/GB2312 files must be converted"
    )
}

/// The file is empty.
pub fn empty() -> Text {
    t!("这个文件是空的", "the file is empty")
}

/// What to write in an empty file.
pub fn empty_hint() -> Text {
    t!(
        "在文件最上面写页面的设置，例如：\n---\ntitle: 标题\n---\n正文……\n或者删掉这个文件",
        "start the file with front matter, for example:\n---\ntitle: 标题\n---\n正文……\nor delete the file"
    )
}

/// The first line is not `---`.
pub fn no_opening() -> Text {
    t!(
        "文件开头没有页面设置（第一行应当是 ---）",
        "the file does not start with front matter (a line `---`)"
    )
}

/// What to put at the top of a file.
pub fn no_opening_hint() -> Text {
    t!(
        "在文件最上面用两行 --- 把页面的设置围起来，例如：\n---\ntitle: 标题\n---",
        "put the page's details between two `---` lines at the very top, e.g.\n---\ntitle: 标题\n---"
    )
}

/// The front matter is never closed.
pub fn no_closing() -> Text {
    t!(
        "页面开头的设置从这里开始，但没有结束的 --- 行",
        "the front matter starts here but has no closing `---` line"
    )
}

/// Where the closing line goes.
pub fn no_closing_hint() -> Text {
    t!(
        "在最后一行设置（title:、date: 等）之后、正文之前，加一行 ---",
        "add a line `---` after the last front matter line (title:, date:, …), before the text"
    )
}

/// The front matter is not `key: value` lines (a list, a lone word).
pub fn not_a_mapping() -> Text {
    t!(
        "页面开头 --- 之间的设置应当一行一项，写成“名称: 内容”",
        "front matter must be a list of `key: value` lines"
    )
}

/// An example of a front matter line.
pub fn not_a_mapping_hint() -> Text {
    t!(
        "例如：title: 标题（英文冒号，冒号后面空一格）",
        "write for example: title: 标题"
    )
}

/// A key that minsheng does not know.
pub fn unknown_key(key: &str) -> Text {
    t!(
        "页面设置里没有“{key}”这一项，这一行不起作用",
        "unknown front matter key `{key}` is ignored"
    )
}

/// The key that was probably meant.
pub fn did_you_mean_key(key: &str, meant: &str) -> Text {
    t!(
        "是不是想写“{meant}”？把“{key}:”改成“{meant}:”",
        "did you mean `{meant}`? write {meant}: instead of {key}:"
    )
}

/// Every key there is, when none is close.
pub fn known_keys(list: &str) -> Text {
    t!("可以用的设置有：{list}", "known keys: {list}")
}

/// A bracket opened and never closed.
pub fn unclosed(open: &str, close: char) -> Text {
    t!(
        "这里的“{open}”后面没有对应的“{close}”",
        "`{open}` is opened here but never closed with `{close}`"
    )
}

/// How to close a list.
pub fn unclosed_hint() -> Text {
    t!(
        "列表要在同一行写完并用 ] 收尾，例如：domains: [老有所养, 病有所医]",
        "close the list on the same line, e.g. domains: [老有所养, 病有所医]"
    )
}

/// What went wrong, worked out from what the YAML library said about `key`
/// (`None` when the key is not known): the message and the hint.
/// `syntax` tells a YAML syntax error from a value of the wrong kind (a problem
/// not recognised keeps the library's words in English, after "front matter is
/// not valid YAML" or "front matter").
pub fn yaml_problem(library: &str, key: Option<&str>, syntax: bool) -> (Text, Text) {
    let k = key.unwrap_or("");
    wrong_kind(library, k).unwrap_or_else(|| syntax_problem(library, k, syntax))
}

/// A value of the wrong kind for its key (a word where a list goes, …).
fn wrong_kind(library: &str, k: &str) -> Option<(Text, Text)> {
    Some(if library.contains("expected a boolean") {
        (
            t!("“{k}”只能写“是”或“否”", "`{k}` is a yes-or-no setting"),
            t!(
                "写 {k}: 是 或 {k}: 否（也可以写 true 或 false）",
                "write {k}: true or {k}: false (or 是/否); no, yes, off and on are read as text"
            ),
        )
    } else if library.contains("expected a sequence") {
        (
            t!("“{k}”要写成一个列表", "`{k}` takes a list"),
            list_hint(k),
        )
    } else if library.contains("expected i64") || library.contains("expected usize") {
        (
            t!("“{k}”要写一个整数", "`{k}` takes a whole number"),
            t!("例如：{k}: 10", "write a whole number, e.g. {k}: 10"),
        )
    } else if library.contains("expected a string")
        || library.contains("expected a borrowed string")
    {
        (
            t!("“{k}”要写成一段文字", "`{k}` takes text"),
            t!(
                "把内容放进英文双引号里，例如：{k}: \"2023年报告\"",
                "put the value in quotes, e.g. {k}: \"2023年报告\""
            ),
        )
    } else if library.contains("expected struct Place") {
        // `where: 各区社区服务中心`: one line where the items go.
        let value = library
            .split_once("string \"")
            .and_then(|(_, r)| r.rsplit_once("\", expected"))
            .map_or("社区服务中心", |(v, _)| v);
        (
            t!(
                "“{k}”要分几项写：窗口、电话等每项另起一行，前面空两格",
                "`{k}` takes items, each on a line of its own indented by two spaces"
            ),
            where_hint(value),
        )
    } else if library.contains("unknown field") {
        let field = library.split('`').nth(1).unwrap_or("");
        (
            t!("“{k}”下面没有“{field}”这一项", "there is no `{field}` under `{k}`"),
            t!(
                "where 下面可以写：office（窗口）、address（地址）、hours（时间）、phone（电话）、online（网上办理）",
                "under where: write office, address, hours, phone or online"
            ),
        )
    } else {
        return None;
    })
}

/// How `where:` is written, with `office` the editor's `value`; a phone
/// number in it (`各区社区服务中心，电话12345`) goes under `phone`, not twice.
fn where_hint(value: &str) -> Text {
    let (office, phone) = split_phone(value);
    let phone = phone.unwrap_or("12345");
    t!(
        "例如：\nwhere:\n  office: {office}\n  phone: \"{phone}\"\nwhere 下面可以写：office（窗口）、address（地址）、hours（时间）、phone（电话）、online（网上办理）",
        "for example:\nwhere:\n  office: {office}\n  phone: \"{phone}\"\nunder where: write office, address, hours, phone or online"
    )
}

/// `value` without the phone number at its end (with what names it, such as
/// `，电话` or `热线：`), and the number: at least five digits (full-width ones,
/// as a Chinese input method types them, too), `-` allowed.
fn split_phone(value: &str) -> (&str, Option<&str>) {
    let digit = |c: char| c.is_ascii_digit() || ('０'..='９').contains(&c);
    let trimmed = value.trim_end();
    let digits_start = trimmed
        .char_indices()
        .rev()
        .take_while(|&(_, c)| digit(c) || c == '-' || c == '－')
        .last()
        .map(|(i, _)| i);
    let Some(start) = digits_start else {
        return (value, None);
    };
    let number = trimmed[start..].trim_start_matches(['-', '－']);
    if number.chars().filter(|&c| digit(c)).count() < 5 {
        return (value, None);
    }
    let mut office = trimmed[..start].trim_end();
    for word in [
        "：",
        ":",
        "咨询电话",
        "服务热线",
        "联系电话",
        "电话",
        "热线",
        "tel",
        "Tel",
    ] {
        office = office.strip_suffix(word).unwrap_or(office).trim_end();
    }
    let office = office.trim_end_matches(['，', ',', '；', ';', '、', '。', ' ']);
    if office.is_empty() {
        return (value, None);
    }
    (office, Some(number))
}

#[cfg(test)]
mod where_tests {
    use super::split_phone;

    #[test]
    fn a_phone_number_at_the_end_of_where_is_told_apart() {
        assert_eq!(
            split_phone("各区社区服务中心，电话12345"),
            ("各区社区服务中心", Some("12345"))
        );
        assert_eq!(
            split_phone("市民中心二楼 咨询电话：0511-85011234"),
            ("市民中心二楼", Some("0511-85011234"))
        );
        assert_eq!(split_phone("社区卫生服务中心"), ("社区卫生服务中心", None));
        // A room number is not a phone number.
        assert_eq!(split_phone("市民中心201室"), ("市民中心201室", None));
        assert_eq!(split_phone("12345"), ("12345", None));
        assert_eq!(
            split_phone("社区服务中心，热线１２３４５"),
            ("社区服务中心", Some("１２３４５"))
        );
    }
}

/// An item of `where:` (`phone`) written at the start of a line, outside it.
pub fn outside_where(key: &str) -> Text {
    t!(
        "“{key}”要写在 where: 下面，前面空两格，例如：\nwhere:\n  {key}: …",
        "`{key}` goes under where:, indented by two spaces, e.g.\nwhere:\n  {key}: …"
    )
}

/// How the list of `key` is written, with that key's own values
/// (`audiences: 老年人、残疾人`, not domain names for every key).
fn list_hint(key: &str) -> Text {
    let (one_line, brackets) = list_example(key);
    t!(
        "写在一行，例如：{key}: {one_line}；或者写成 {key}: {brackets}；或者一行一项，每行以“- ”开头",
        "e.g. {key}: {one_line} or {key}: {brackets}, or one `- item` per line"
    )
}

/// An example value of the list key `key`: on one line, and in brackets.
pub fn list_example(key: &str) -> (&'static str, &'static str) {
    match key {
        "audiences" => ("老年人、残疾人", "[老年人, 残疾人]"),
        "events" => ("年纪大了", "[年纪大了, 家人需要照护]"),
        "who_can_apply" => ("年满65岁、本市户籍", "[年满65岁, 本市户籍]"),
        "how_to_apply" => ("带身份证到社区窗口申请", "[网上填表, 等待审核]"),
        "documents" => ("身份证、户口本", "[身份证, 户口本]"),
        "indicators" => ("bus-coverage", "[bus-coverage, direct-bus-villages]"),
        _ => ("老有所养、病有所医", "[老有所养, 病有所医]"),
    }
}

/// A value that starts with a sign YAML reads as markup (`[2023]年度报告`).
pub fn symbol_start(key: &str, c: char) -> Text {
    t!(
        "“{key}”的内容以“{c}”开头，YAML 会把它读成特殊写法，而不是文字",
        "the value of `{key}` starts with `{c}`, which YAML reads as markup, not text"
    )
}

/// How to write a [`symbol_start`] value: in double quotes, its own double
/// quotes turned into Chinese ones (“…”, in turn).
pub fn symbol_start_hint(key: &str, value: &str) -> Text {
    let mut open = true;
    let quoted: String = value
        .chars()
        .map(|c| match c {
            '"' => {
                open = !open;
                if open {
                    '”'
                } else {
                    '“'
                }
            }
            c => c,
        })
        .collect();
    t!(
        "把整段内容放进英文双引号里：{key}: \"{quoted}\"（内容里的双引号改用中文引号“”）",
        "put the whole value in double quotes: {key}: \"{quoted}\" (quotes inside become “”)"
    )
}

/// A line the YAML reader could not read, named by the library's sentence.
fn syntax_problem(library: &str, k: &str, syntax: bool) -> (Text, Text) {
    let en = if syntax {
        format!("front matter is not valid YAML: {library}")
    } else {
        format!("front matter: {library}")
    };
    if library.contains("mapping values are not allowed") {
        (
            t!(
                "这一行的内容里有“: ”，会被当成又一项设置",
                "this value holds `: `, which would start another setting"
            ),
            t!(
                "把整段内容放进英文双引号里，例如：title: \"问题: 如何申请\"",
                "a value containing `: ` must be in quotes, e.g. title: \"问题: 如何申请\""
            ),
        )
    } else if library.contains("duplicate") {
        (
            t!("“{k}”写了两次", "`{k}` is written twice"),
            t!("删掉其中一行", "keep one of the two lines"),
        )
    } else if library.contains("nested more than") {
        (
            t!(
                "这里的括号套了太多层（最多 64 层）",
                "brackets are nested more than 64 deep"
            ),
            t!(
                "列表写成一层就够了，例如：domains: [老有所养, 病有所医]",
                "one level of brackets is enough, e.g. domains: [老有所养, 病有所医]"
            ),
        )
    } else if library.contains("KiB") {
        (
            t!(
                "页面开头的设置太长（最多 4 MiB）",
                "the front matter is too long (at most 4 MiB)"
            ),
            t!(
                "设置里只写标题、日期这类短内容，长文字放进正文",
                "keep front matter to short values; long text belongs in the body"
            ),
        )
    } else if library.contains("cannot start any token") {
        (
            t!(
                "这一行的内容以 YAML 不认识的符号开头（如 @、` 或 %）",
                "this value starts with a character that needs quotes (@, ` or %)"
            ),
            t!(
                "把整段内容放进英文双引号里，例如：title: \"@镇江发布\"",
                "put the value in quotes, e.g. title: \"@镇江发布\""
            ),
        )
    } else {
        (
            t!(
                "页面开头 --- 之间的设置这里写得不对",
                "{en}"
            ),
            t!(
                "也看看上一行：引号和括号要成对，每行写成“名称: 内容”（英文冒号，冒号后空一格）",
                "check the line above the caret too: quotes and brackets must be closed, and each line is `key: value`"
            ),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_list_hint_uses_the_keys_own_values() {
        let hint = |k: &str| yaml_problem("x: expected a sequence", Some(k), false).1;
        let zh = |k: &str| hint(k).zh().to_string();
        assert!(zh("audiences").contains("audiences: 老年人、残疾人"));
        assert!(zh("events").contains("events: 年纪大了"));
        assert!(zh("who_can_apply").contains("who_can_apply: 年满65岁、本市户籍"));
        assert!(zh("domains").contains("domains: 老有所养、病有所医"));
        assert!(!zh("audiences").contains("老有所养"));
    }
}
