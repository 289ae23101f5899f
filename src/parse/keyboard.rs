//! Keyboard slips in settings, found before the YAML or TOML parser runs: a
//! Chinese input method types `：` for `:`, `　` for a space, `“”` for `"`, `【】`
//! for `[]`, `，` for `,`; YAML also refuses tabs in indentation. The parsers
//! would report them lines later, in their own words; here each is reported at
//! its own line and column, with the character named and the fix shown.

use crate::msg::{keyboard as m, Text};

mod comment;
mod invisible;

use comment::comment_slip;
pub(crate) use comment::report_data_comments;

/// One slip: 1-based line and column (characters) in the text scanned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Slip {
    /// 1-based line.
    pub line: usize,
    /// 1-based column in characters.
    pub col: usize,
    /// What is wrong.
    pub message: Text,
    /// What to type instead.
    pub hint: Text,
    /// True when the parser would fail on it (else the value would just read oddly).
    pub error: bool,
}

fn slip(line: usize, col: usize, message: Text, hint: Text) -> Slip {
    Slip {
        line,
        col,
        message,
        hint,
        error: true,
    }
}

/// Full-width openers and the ASCII bracket a list wants instead.
const BRACKETS: &[(char, char, char)] = &[
    ('【', '】', '['),
    ('［', '］', '['),
    ('｛', '｝', '{'),
    ('（', '）', '['),
];

/// True for a name such as `title` or `last_reviewed`.
fn is_key(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

/// Character column (1-based) of byte `at` in `line`.
fn col(line: &str, at: usize) -> usize {
    line[..at].chars().count() + 1
}

/// Byte index of the first of `wanted` outside ASCII quotes, with the character.
fn find_outside_quotes(s: &str, wanted: &[char]) -> Option<(usize, char)> {
    let mut quote: Option<char> = None;
    for (i, c) in s.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '#') if i == 0 || s[..i].ends_with(' ') => return None,
            (None, c) if wanted.contains(&c) => return Some((i, c)),
            _ => {}
        }
    }
    None
}

/// Slips in a value written at byte `at` of `line` (1-based `n`): quotes, brackets,
/// commas inside `[ ]`. `list` says the key takes a list.
fn value_slips(
    n: usize,
    line: &str,
    at: usize,
    key: &str,
    list: bool,
    toml: bool,
    out: &mut Vec<Slip>,
) {
    let v = line[at..].trim_end();
    let lead = v.len() - v.trim_start().len();
    let v = v.trim_start();
    let at = at + lead;
    let Some(first) = v.chars().next() else {
        return;
    };
    let last = v.chars().next_back().unwrap_or(first);
    let example = if toml {
        format!("{key} = \"镇江民生\"")
    } else {
        format!("{key}: \"问题: 如何申请\"")
    };
    if matches!(first, '“' | '‘') {
        let inner = &v[first.len_utf8()..];
        let needs_quotes = inner.contains(": ") || inner.contains(" #");
        if toml || needs_quotes {
            out.push(slip(
                n,
                col(line, at),
                m::curly_quote(n, col(line, at), first),
                m::curly_quote_hint(&example),
            ));
        } else if matches!(last, '”' | '’') && v.chars().count() > 1 {
            out.push(Slip {
                error: false,
                ..slip(
                    n,
                    col(line, at),
                    m::curly_quote_shown(n, col(line, at), first),
                    m::curly_quote_shown_hint(),
                )
            });
        }
        return;
    }
    if let Some(&(open, close, want)) = BRACKETS.iter().find(|b| b.0 == first) {
        let wrapped = last == close || (toml && matches!(last, '］' | '】' | ']'));
        if (list || toml) && wrapped {
            let hint = if toml {
                m::toml_list_hint()
            } else {
                m::list_hint(key)
            };
            out.push(slip(
                n,
                col(line, at),
                m::full_width_bracket(n, col(line, at), open, want),
                hint,
            ));
            return;
        }
    }
    if first == '[' {
        if let Some((i, _)) = find_outside_quotes(v, &['，']) {
            let hint = if toml {
                m::toml_list_hint()
            } else {
                m::list_hint(key)
            };
            out.push(slip(
                n,
                col(line, at + i),
                m::full_width_comma(n, col(line, at + i)),
                hint,
            ));
        }
    }
}

/// Leading whitespace: tabs (YAML only) and full-width spaces.
fn indent_slips(n: usize, line: &str, tabs: bool, out: &mut Vec<Slip>) -> usize {
    let mut end = 0;
    // Each character's column counted as it comes (a line of 100,000 tabs
    // counted its characters again for each).
    for (k, (i, c)) in line.char_indices().enumerate() {
        let col = k + 1;
        match c {
            ' ' => {}
            '\t' if tabs => out.push(slip(n, col, m::tab(n, col), m::tab_hint())),
            '\t' => {}
            // A byte order mark opening the file is the parser's business.
            '\u{feff}' if n == 1 && i == 0 => {}
            '\u{3000}' => out.push(slip(
                n,
                col,
                m::full_width_space(n, col),
                m::full_width_space_hint(),
            )),
            c => match invisible::name(c) {
                Some(name) => out.push(slip(
                    n,
                    col,
                    m::invisible(n, col, &name),
                    m::invisible_hint(),
                )),
                None => return i,
            },
        }
        end = i + c.len_utf8();
    }
    end
}

/// A control character anywhere in `line` (line `n`), which the parsers refuse
/// even in a value (Word's manual line break, U+000B): reported at its column;
/// true when there was one.
fn control_slip(n: usize, line: &str, out: &mut Vec<Slip>) -> bool {
    let Some((i, c)) = line.char_indices().find(|&(_, c)| invisible::is_control(c)) else {
        return false;
    };
    let name = invisible::name(c).unwrap_or_default();
    out.push(slip(
        n,
        col(line, i),
        m::invisible(n, col(line, i), &name),
        m::invisible_hint(),
    ));
    true
}

/// The slips in front matter YAML whose first line is line `first_line` of its
/// file. `list_keys` are the keys whose value is a list.
pub(crate) fn yaml(text: &str, first_line: usize, list_keys: &[&str]) -> Vec<Slip> {
    let mut out = Vec::new();
    // Inside a `|` or `>` block, text is text: nothing is a slip there.
    let mut block: Option<usize> = None;
    for (i, line) in text.lines().enumerate() {
        let n = first_line + i;
        if control_slip(n, line, &mut out) {
            continue;
        }
        let indent = line.len() - line.trim_start_matches(' ').len();
        if let Some(b) = block {
            if line.trim().is_empty() || indent > b {
                continue;
            }
            block = None;
        }
        let start = indent_slips(n, line, true, &mut out);
        let body = &line[start..];
        if body.starts_with("- ") {
            out.extend(comment_slip(n, line, start + 2, "- ", true));
            continue;
        }
        if body.is_empty() || body.starts_with('#') || body.starts_with('-') {
            continue;
        }
        let Some((at, c)) = find_outside_quotes(body, &[':', '：', '\u{3000}']) else {
            continue;
        };
        let key = body[..at].trim_end();
        let abs = start + at;
        if let Some((j, name)) = key
            .char_indices()
            .find_map(|(j, c)| Some((j, invisible::name(c)?)))
        {
            let c = col(line, start + j);
            out.push(slip(n, c, m::invisible(n, c, &name), m::invisible_hint()));
            continue;
        }
        let top_level_text = start == 0 && !body.contains(": ") && !body.ends_with(':');
        match c {
            '：' if is_key(key) || top_level_text => {
                // `标题：甲` means `title: 甲`.
                let meant = match is_key(key) {
                    true => Some(key),
                    false => english_key(key),
                };
                out.push(slip(
                    n,
                    col(line, abs),
                    m::full_width_colon(n, col(line, abs)),
                    m::colon_hint(meant.unwrap_or("title")),
                ));
                continue;
            }
            '\u{3000}' if is_key(key) => {
                out.push(slip(
                    n,
                    col(line, abs),
                    m::full_width_space(n, col(line, abs)),
                    m::full_width_space_hint(),
                ));
                continue;
            }
            ':' if is_key(key) => {}
            _ => continue,
        }
        let after = abs + 1;
        match line[after..].chars().next() {
            None | Some(' ') => {}
            Some('\u{3000}') => {
                out.push(slip(
                    n,
                    col(line, after),
                    m::full_width_space(n, col(line, after)),
                    m::full_width_space_hint(),
                ));
                continue;
            }
            Some('\t') => {}
            Some(c) if invisible::name(c).is_some() => {
                let (at, name) = (col(line, after), invisible::name(c).unwrap_or_default());
                let message = if invisible::is_space_like(c) {
                    m::odd_space_after_colon(n, at, &name)
                } else {
                    m::invisible(n, at, &name)
                };
                out.push(slip(n, at, message, m::invisible_hint()));
                continue;
            }
            Some(_) if !line[after..].contains(": ") => {
                out.push(slip(
                    n,
                    col(line, abs),
                    m::no_space_after_colon(n, col(line, abs)),
                    m::colon_hint(key),
                ));
                continue;
            }
            Some(_) => continue,
        }
        let value = line[after..].trim();
        if value.starts_with(['|', '>']) {
            block = Some(indent);
            continue;
        }
        value_slips(
            n,
            line,
            after,
            key,
            list_keys.contains(&key),
            false,
            &mut out,
        );
        out.extend(comment_slip(n, line, after, &format!("{key}: "), true));
    }
    out
}

/// The slips in `site.toml`.
pub(crate) fn toml(text: &str) -> Vec<Slip> {
    let mut out = Vec::new();
    let mut in_multiline = false;
    for (i, line) in text.lines().enumerate() {
        let n = i + 1;
        if line.matches("\"\"\"").count() % 2 == 1 || line.matches("'''").count() % 2 == 1 {
            in_multiline = !in_multiline;
            continue;
        }
        if control_slip(n, line, &mut out) || in_multiline {
            continue;
        }
        let start = indent_slips(n, line, false, &mut out);
        let body = &line[start..];
        if body.is_empty() || body.starts_with(['#', '[']) {
            continue;
        }
        let Some((at, c)) = find_outside_quotes(body, &['=', '＝', ':', '：', '\u{3000}']) else {
            continue;
        };
        let key = body[..at].trim_end();
        let abs = start + at;
        match c {
            '＝' => out.push(slip(
                n,
                col(line, abs),
                m::full_width_equals(n, col(line, abs)),
                m::toml_line_hint(key),
            )),
            ':' | '：' if is_key(key) => {
                out.push(slip(
                    n,
                    col(line, abs),
                    m::toml_colon(n, col(line, abs), c),
                    m::toml_line_hint(key),
                ));
            }
            '\u{3000}' => out.push(slip(
                n,
                col(line, abs),
                m::full_width_space(n, col(line, abs)),
                m::full_width_space_hint(),
            )),
            _ => {}
        }
        if matches!(c, '=' | '＝') {
            value_slips(n, line, abs + c.len_utf8(), key, false, true, &mut out);
        }
    }
    out
}

/// Keys an editor may write in Chinese, and the key meant.
const CHINESE_KEYS: &[(&str, &str)] = &[
    ("标题", "title"),
    ("题目", "title"),
    ("日期", "date"),
    ("发布日期", "date"),
    ("更新日期", "updated"),
    ("摘要", "summary"),
    ("简介", "summary"),
    ("领域", "domains"),
    ("服务领域", "domains"),
    ("服务对象", "audiences"),
    ("对象", "audiences"),
    ("指标", "indicators"),
    ("草稿", "draft"),
    ("作者", "author"),
    ("编辑", "editor"),
    ("审核", "reviewer"),
    ("示例", "sample"),
    ("生活事件", "events"),
    ("费用", "cost"),
    ("联系", "contact"),
    ("联系方式", "contact"),
    ("地点", "where"),
];

/// The name of an invisible or control character, with its code point
/// (`Word 里的手动换行 U+000B`); `None` for any other character.
pub(crate) fn invisible_name(c: char) -> Option<String> {
    invisible::name(c)
}

/// The front matter key meant by `name` written in Chinese (`标题` → `title`).
pub(crate) fn english_key(name: &str) -> Option<&'static str> {
    CHINESE_KEYS
        .iter()
        .find(|(zh, _)| *zh == name.trim())
        .map(|(_, en)| *en)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::msg::Lang;

    fn found(s: &[Slip]) -> Vec<(usize, usize, String)> {
        s.iter()
            .map(|x| (x.line, x.col, x.message.get(Lang::Zh).to_string()))
            .collect()
    }

    #[test]
    fn full_width_colon_is_found_on_its_own_line() {
        let s = yaml("title：甲\ndate: 2023-03-16\n", 1, &[]);
        assert_eq!(
            found(&s),
            [(
                1,
                6,
                "第 1 行第 6 列用了全角冒号“：”，请改成半角冒号加空格“: ”".into()
            )]
        );
        // In a value, or a list item, a full-width colon is text.
        assert!(yaml(
            "summary: 注意：带身份证\nwho_can_apply:\n  - 条件：65岁\n",
            1,
            &[]
        )
        .is_empty());
    }

    #[test]
    fn spaces_tabs_quotes_brackets_and_commas() {
        let s = yaml(
            "title:　甲\n\tdraft: true\ndomains: 【老有所养】\naudiences: [老年人，残疾人]\n",
            1,
            &["domains", "audiences"],
        );
        let cols: Vec<(usize, usize)> = s.iter().map(|x| (x.line, x.col)).collect();
        assert_eq!(cols, [(1, 7), (2, 1), (3, 10), (4, 16)]);
        let s = yaml(
            "title: “问题: 如何申请”\nsummary: “引号”\ncost:免费\n",
            1,
            &[],
        );
        assert_eq!(s.len(), 3);
        assert!(s[0].error && !s[1].error && s[2].error);
        assert_eq!((s[2].line, s[2].col), (3, 5));
        // A block of text is left alone.
        assert!(yaml("summary: |\n  第一：\t“甲”\nsample: true\n", 1, &[]).is_empty());
    }

    #[test]
    fn invisible_characters_are_named_where_they_are() {
        let s = yaml(
            "title:\u{a0}甲\n\u{200b}date: 2024-01-01\ndomains:\n\u{a0} - 老有所养\nsummary: 第一行\u{b}第二行\n",
            2,
            &["domains"],
        );
        let got: Vec<(usize, usize, &str)> =
            s.iter().map(|x| (x.line, x.col, x.message.zh())).collect();
        assert_eq!(
            got,
            [
                (2, 7, "第 2 行第 7 列，冒号后面是一个特殊空格（不间断空格 U+00A0），看起来是空格，程序却不认"),
                (3, 1, "第 3 行第 1 列有一个看不见的字符（零宽空格 U+200B），多半是从网页、微信或 Word 复制来的，程序不认"),
                (5, 1, "第 5 行第 1 列有一个看不见的字符（不间断空格 U+00A0），多半是从网页、微信或 Word 复制来的，程序不认"),
                (6, 13, "第 6 行第 13 列有一个看不见的字符（Word 里的手动换行 U+000B），多半是从网页、微信或 Word 复制来的，程序不认"),
            ]
        );
        assert!(s.iter().all(|x| x.error));
        // In a value, a zero-width space is text (it breaks nothing).
        assert!(yaml("title: 甲\u{200b}乙\n", 1, &[]).is_empty());
        let t = toml("title = \"a\u{b}\"\n");
        assert_eq!((t[0].line, t[0].col), (1, 11));
    }

    #[test]
    fn site_toml_slips() {
        let s = toml("title = “镇江民生”\nbase_url: \"https://x/\"\ntheme ＝ \"default\"\ndistricts = [\"甲\"，\"乙\"]\n# 注释：好\n[gov]\nsponsor = \"a：b\"\n");
        let cols: Vec<(usize, usize)> = s.iter().map(|x| (x.line, x.col)).collect();
        assert_eq!(cols, [(1, 9), (2, 9), (3, 7), (4, 17)]);
    }
}
