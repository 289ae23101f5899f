//! Keyboard slips in settings, found before the YAML or TOML parser runs: a
//! Chinese input method types `：` for `:`, `　` for a space, `“”` for `"`, `【】`
//! for `[]`, `，` for `,`; YAML also refuses tabs in indentation. The parsers
//! would report them lines later, in their own words; here each is reported at
//! its own line and column, with the character named and the fix shown.

use crate::msg::{keyboard as m, Text};

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
    for (i, c) in line.char_indices() {
        match c {
            ' ' => {}
            '\t' if tabs => out.push(slip(
                n,
                col(line, i),
                m::tab(n, col(line, i)),
                m::tab_hint(),
            )),
            '\t' => {}
            '\u{3000}' => out.push(slip(
                n,
                col(line, i),
                m::full_width_space(n, col(line, i)),
                m::full_width_space_hint(),
            )),
            _ => return i,
        }
        end = i + c.len_utf8();
    }
    end
}

/// The slips in front matter YAML whose first line is line `first_line` of its
/// file. `list_keys` are the keys whose value is a list.
pub(crate) fn yaml(text: &str, first_line: usize, list_keys: &[&str]) -> Vec<Slip> {
    let mut out = Vec::new();
    // Inside a `|` or `>` block, text is text: nothing is a slip there.
    let mut block: Option<usize> = None;
    for (i, line) in text.lines().enumerate() {
        let n = first_line + i;
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

/// ` #` in a plain value that starts at byte `at` of `line` (line `n`, after
/// `lead`, which is `key: ` or `- `): YAML drops `#` and the rest of the line
/// as a comment, silently. `#` with text right after it (`#12345`, `#镇江发布`)
/// is content, so an error: an editor's published title would lose words and
/// nothing would say so. `# ` with a space is how comments are written, so only
/// a warning, and only when `spaced` (front matter; the data files' own
/// comments are written so).
fn comment_slip(n: usize, line: &str, at: usize, lead: &str, spaced: bool) -> Option<Slip> {
    let rest = &line[at..];
    let v = rest.trim();
    let at = at + rest.len() - rest.trim_start().len();
    let first = v.chars().next()?;
    if "\"'[{|>&*!#“‘".contains(first) {
        return None;
    }
    let (hash, _) = v
        .char_indices()
        .find(|&(i, c)| c == '#' && v[..i].ends_with([' ', '\t']))?;
    let content = !matches!(v[hash + 1..].chars().next(), None | Some(' ' | '\t'));
    if !content && !spaced {
        return None;
    }
    let c = col(line, at + hash);
    let example = if v.contains(['"', '\\']) {
        format!("{lead}\"……\"")
    } else {
        format!("{lead}\"{v}\"")
    };
    let message = if content {
        m::comment_cuts_value(n, c, v[..hash].trim_end())
    } else {
        m::comment_after_value(n, c)
    };
    Some(Slip {
        error: content,
        ..slip(n, c, message, m::comment_hint(&example))
    })
}

/// Reports [`data_comments`] of the data file `path`; false when there were any.
pub(crate) fn report_data_comments(
    path: &std::path::Path,
    text: &str,
    diags: &mut crate::diag::Diagnostics,
) -> bool {
    let slips = data_comments(text);
    let clean = slips.is_empty();
    for s in slips {
        diags.push(
            crate::diag::Diagnostic::error(path, s.message)
                .at(text, s.line, s.col)
                .hint(s.hint),
        );
    }
    clean
}

/// ` #` followed by text inside a plain value of an indicator or glossary
/// file (YAML, line 1 its first line): the rest of the line would be dropped.
/// (`# 说明` after a value is a comment, as these files write their own.)
pub(crate) fn data_comments(text: &str) -> Vec<Slip> {
    let mut out = Vec::new();
    let mut block: Option<usize> = None;
    for (i, line) in text.lines().enumerate() {
        let indent = line.len() - line.trim_start_matches(' ').len();
        if let Some(b) = block {
            if line.trim().is_empty() || indent > b {
                continue;
            }
            block = None;
        }
        let (mut at, mut lead) = (indent, String::new());
        if line[at..].starts_with("- ") {
            (at, lead) = (at + 2, "- ".to_string());
        }
        let body = &line[at..];
        if let Some((k, ':')) = find_outside_quotes(body, &[':']) {
            let key = body[..k].trim_end();
            if !key.is_empty() && matches!(body[k + 1..].chars().next(), None | Some(' ')) {
                (at, lead) = (at + k + 1, format!("{key}: "));
            }
        }
        if line[at..].trim_start().starts_with(['|', '>']) {
            block = Some(indent);
            continue;
        }
        out.extend(comment_slip(i + 1, line, at, &lead, false));
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
        if in_multiline {
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
    fn a_hash_after_a_space_in_a_value_is_reported_at_the_hash() {
        let s = yaml(
            "title: 关于 #12345 热线\nsummary: 第 #3 号\ncost: 免费 # 已核对\ntags:\n  - 拨打 #1\n\
             a: \"#1\"\nb: 甲#乙\n# 注释\nc: |\n  x #1\n",
            2,
            &[],
        );
        let got: Vec<(usize, usize, bool)> = s.iter().map(|x| (x.line, x.col, x.error)).collect();
        assert_eq!(
            got,
            [(2, 11, true), (3, 12, true), (4, 10, false), (6, 8, true)]
        );
        assert_eq!(
            s[0].message.zh(),
            "第 2 行第 11 列的“#”前面有空格，从“#”到行尾会被当成注释丢掉，内容只剩“关于”"
        );
        assert_eq!(
            s[0].hint.zh(),
            "要保留“#”后面的字，就把整段内容放进英文双引号里：title: \"关于 #12345 热线\""
        );
        assert!(s[3].hint.zh().ends_with("- \"拨打 #1\""));
        // Data files: only `#` with text after it; their `# 说明` comments stay.
        let d = data_comments(
            "source: 市统计局 #2024\ndenominator: population   # 说明\n- term: 热线\n  plain: 拨 #1 号键\n",
        );
        let got: Vec<(usize, usize)> = d.iter().map(|x| (x.line, x.col)).collect();
        assert_eq!(got, [(1, 14), (4, 12)]);
    }

    #[test]
    fn site_toml_slips() {
        let s = toml("title = “镇江民生”\nbase_url: \"https://x/\"\ntheme ＝ \"default\"\ndistricts = [\"甲\"，\"乙\"]\n# 注释：好\n[gov]\nsponsor = \"a：b\"\n");
        let cols: Vec<(usize, usize)> = s.iter().map(|x| (x.line, x.col)).collect();
        assert_eq!(cols, [(1, 9), (2, 9), (3, 7), (4, 17)]);
    }
}
