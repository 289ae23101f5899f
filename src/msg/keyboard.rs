//! Messages about characters a Chinese input method types where the settings
//! want ASCII: full-width colons, spaces, quotes, brackets, commas, and tabs.

use super::Text;
use crate::t;

/// A full-width colon after a name.
pub fn full_width_colon(line: usize, col: usize) -> Text {
    t!(
        "第 {line} 行第 {col} 列用了全角冒号“：”，请改成半角冒号加空格“: ”",
        "line {line}, column {col}: a full-width colon “：”; write an ASCII colon and a space “: ”"
    )
}

/// How a front matter line looks.
pub fn colon_hint(key: &str) -> Text {
    t!(
        "写成 {key}: 内容（切换到英文输入法打冒号，冒号后空一格）",
        "write {key}: value (an ASCII colon, then a space)"
    )
}

/// `key:value` with no space.
pub fn no_space_after_colon(line: usize, col: usize) -> Text {
    t!(
        "第 {line} 行第 {col} 列的冒号后面少了一个空格",
        "line {line}, column {col}: the colon needs a space after it"
    )
}

/// A full-width space.
pub fn full_width_space(line: usize, col: usize) -> Text {
    t!(
        "第 {line} 行第 {col} 列有一个全角空格“　”",
        "line {line}, column {col}: a full-width space “　”"
    )
}

/// What to do with a full-width space.
pub fn full_width_space_hint() -> Text {
    t!(
        "删掉它，或换成半角空格（切换到英文输入法再打空格）；缩进用两个半角空格",
        "delete it or type an ASCII space instead; indent with two ASCII spaces"
    )
}

/// A tab in YAML indentation.
pub fn tab(line: usize, col: usize) -> Text {
    t!(
        "第 {line} 行第 {col} 列有一个制表符（Tab 键打出的空白）",
        "line {line}, column {col}: a tab character"
    )
}

/// Indent with spaces.
pub fn tab_hint() -> Text {
    t!(
        "缩进请用空格（两个半角空格），不要用 Tab 键",
        "indent with spaces (two ASCII spaces), not the Tab key"
    )
}

/// Chinese quotes used as quotes.
pub fn curly_quote(line: usize, col: usize, ch: char) -> Text {
    t!(
        "第 {line} 行第 {col} 列用了中文引号（{ch}）来括内容，设置里只认英文引号",
        "line {line}, column {col}: the Chinese quote ({ch}) does not quote a value; only ASCII quotes do"
    )
}

/// Write ASCII quotes.
pub fn curly_quote_hint(example: &str) -> Text {
    t!(
        "切换到英文输入法，用英文双引号把内容括起来，例如：{example}",
        "type ASCII double quotes around the value, e.g. {example}"
    )
}

/// Chinese quotes around a whole value that needs no quotes: they would be shown.
pub fn curly_quote_shown(line: usize, col: usize, ch: char) -> Text {
    t!(
        "第 {line} 行第 {col} 列的内容用中文引号（{ch}）括起来了：页面上会连引号一起显示",
        "line {line}, column {col}: the value is wrapped in Chinese quotes ({ch}): they will be shown on the page"
    )
}

/// Drop the quotes or make them ASCII.
pub fn curly_quote_shown_hint() -> Text {
    t!(
        "不想显示引号就删掉它们；内容里有“: ”或“#”时才需要英文双引号",
        "delete them if they should not be shown; only a value with `: ` or `#` needs ASCII quotes"
    )
}

/// A full-width bracket where a list bracket belongs.
pub fn full_width_bracket(line: usize, col: usize, ch: char, want: char) -> Text {
    t!(
        "第 {line} 行第 {col} 列用了全角括号“{ch}”，列表要用半角方括号“{want}”",
        "line {line}, column {col}: the full-width bracket “{ch}”; a list is written in ASCII brackets “{want}”"
    )
}

/// How a list looks.
pub fn list_hint(key: &str) -> Text {
    let (one_line, brackets) = super::front_matter::list_example(key);
    t!(
        "例如：{key}: {brackets}，或者写在一行：{key}: {one_line}",
        "e.g. {key}: {brackets}, or on one line: {key}: {one_line}"
    )
}

/// How a list looks in site.toml.
pub fn toml_list_hint() -> Text {
    t!(
        "例如：districts = [\"京口区\", \"润州区\"]",
        "e.g. districts = [\"京口区\", \"润州区\"]"
    )
}

/// A full-width comma inside `[ ]`.
pub fn full_width_comma(line: usize, col: usize) -> Text {
    t!(
        "第 {line} 行第 {col} 列的列表里用了全角逗号“，”，请改成半角逗号加空格“, ”",
        "line {line}, column {col}: a full-width comma “，” inside a list; write an ASCII comma and a space “, ”"
    )
}

/// A full-width equals sign in site.toml.
pub fn full_width_equals(line: usize, col: usize) -> Text {
    t!(
        "第 {line} 行第 {col} 列用了全角等号“＝”，请改成半角等号“=”",
        "line {line}, column {col}: a full-width equals sign “＝”; write an ASCII “=”"
    )
}

/// A colon where site.toml wants `=`.
pub fn toml_colon(line: usize, col: usize, ch: char) -> Text {
    t!(
        "第 {line} 行第 {col} 列用了冒号“{ch}”：site.toml 里名称和内容之间用等号“=”",
        "line {line}, column {col}: a colon “{ch}”: in site.toml a name and its value are joined by “=”"
    )
}

/// How a site.toml line looks.
pub fn toml_line_hint(key: &str) -> Text {
    t!(
        "写成 {key} = \"内容\"（英文等号和英文双引号）",
        "write {key} = \"value\" (ASCII equals sign and double quotes)"
    )
}

/// ` #` inside a plain value: YAML reads `#` and the rest of the line as a
/// comment. `kept` is what would be left of the value.
pub fn comment_cuts_value(line: usize, col: usize, kept: &str) -> Text {
    t!(
        "第 {line} 行第 {col} 列的“#”前面有空格，从“#”到行尾会被当成注释丢掉，内容只剩“{kept}”",
        "line {line}, column {col}: a `#` after a space starts a comment; the rest of the line would be dropped, leaving “{kept}”"
    )
}

/// ` # ` after a value: a comment, not shown (maybe meant).
pub fn comment_after_value(line: usize, col: usize) -> Text {
    t!(
        "第 {line} 行第 {col} 列的“# ”和它后面的字是注释，不会显示在网站上",
        "line {line}, column {col}: `# ` and the rest of the line are a comment and are not shown"
    )
}

/// How to keep a `#` in a value: `example` is the line in quotes.
pub fn comment_hint(example: &str) -> Text {
    t!(
        "要保留“#”后面的字，就把整段内容放进英文双引号里：{example}",
        "to keep the text after `#`, put the whole value in ASCII double quotes: {example}"
    )
}

/// A character that looks like a space, or like nothing, where a setting's
/// name or a space belongs. `name` says which (不间断空格 U+00A0, …).
pub fn invisible(line: usize, col: usize, name: &str) -> Text {
    t!(
        "第 {line} 行第 {col} 列有一个看不见的字符（{name}），多半是从网页、微信或 Word 复制来的，程序不认",
        "line {line}, column {col}: an invisible character ({name}), usually copied from a web page, WeChat or Word"
    )
}

/// A space-like character right after the colon.
pub fn odd_space_after_colon(line: usize, col: usize, name: &str) -> Text {
    t!(
        "第 {line} 行第 {col} 列，冒号后面是一个特殊空格（{name}），看起来是空格，程序却不认",
        "line {line}, column {col}: the space after the colon is a special space ({name}), not an ASCII space"
    )
}

/// What to do about an invisible character.
pub fn invisible_hint() -> Text {
    t!(
        "删掉它，在英文输入法下重新打一个普通空格（不需要空格的地方就什么都不打）；找不到它就把这一行删掉重打",
        "delete it and type an ASCII space if one belongs there; if it cannot be found, delete the line and type it again"
    )
}

/// Control characters in a page's text (`count` of them, the first at `line`,
/// `col`), which the site replaced by spaces.
pub fn invisible_in_body(line: usize, col: usize, name: &str, count: usize) -> Text {
    let (more_zh, more_en) = if count > 1 {
        (
            format!("（这一页共有 {count} 个这样的字符）"),
            format!(" ({count} such characters on this page)"),
        )
    } else {
        (String::new(), String::new())
    };
    t!(
        "第 {line} 行第 {col} 列有一个看不见的字符（{name}），多半是从 Word、网页或微信复制来的；网页和订阅里已把它换成空格{more_zh}",
        "line {line}, column {col}: an invisible character ({name}), usually copied from Word, a web page or WeChat; the site shows a space instead{more_en}"
    )
}

/// What to do about control characters in a page's text.
pub fn invisible_in_body_hint() -> Text {
    t!(
        "找到它删掉。Word 里按 Shift+回车 的换行会变成这个字符：想另起一段，就空一行再写",
        "delete it. Word's Shift+Enter line break becomes this character: to start a new paragraph, leave an empty line"
    )
}

/// A front matter value that holds a control character written as a YAML
/// escape (`"\x01"`).
pub fn escaped_control(key: &str, name: &str) -> Text {
    t!(
        "“{key}”的值里有一个不能显示的字符（{name}），是用 \\ 开头的写法写进去的",
        "the value of `{key}` holds a character no page can show ({name}), written as a \\ escape"
    )
}

/// The same in a data file or `site.toml`, said at the escape itself.
pub fn escaped_control_here(name: &str) -> Text {
    t!(
        "这里有一个不能显示的字符（{name}），是用 \\ 开头的写法写进去的",
        "a character no page can show ({name}), written here as a \\ escape"
    )
}

/// What to do about it.
pub fn escaped_control_hint() -> Text {
    t!(
        "删掉引号里以 \\x、\\u 或 \\v 开头的那几个字符",
        "delete the escape starting with \\x, \\u or \\v inside the quotes"
    )
}
