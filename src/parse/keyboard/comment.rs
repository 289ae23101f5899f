//! ` #` inside a plain YAML value: YAML reads `#` and the rest of the line as a
//! comment and drops it without a word (`title: 关于 #12345 热线` is 关于).

use super::{col, find_outside_quotes, slip, Slip};
use crate::msg::keyboard as m;

/// ` #` in a plain value that starts at byte `at` of `line` (line `n`, after
/// `lead`, which is `key: ` or `- `): YAML drops `#` and the rest of the line
/// as a comment, silently. `#` with text right after it (`#12345`, `#镇江发布`)
/// is content, so an error: an editor's published title would lose words and
/// nothing would say so. `# ` with a space is how comments are written, so only
/// a warning, and only when `spaced` (front matter; the data files' own
/// comments are written so).
pub(super) fn comment_slip(
    n: usize,
    line: &str,
    at: usize,
    lead: &str,
    spaced: bool,
) -> Option<Slip> {
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
    let loc = crate::diag::Locator::new(text);
    for s in slips {
        diags.push(
            crate::diag::Diagnostic::error(path, s.message)
                .at_in(&loc, s.line, s.col)
                .hint(s.hint),
        );
    }
    clean
}

/// ` #` followed by text inside a plain value of an indicator or glossary
/// file (YAML, line 1 its first line): the rest of the line would be dropped.
/// (`# 说明` after a value is a comment, as these files write their own.)
fn data_comments(text: &str) -> Vec<Slip> {
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

#[cfg(test)]
mod tests {
    use super::super::yaml;
    use super::*;

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
}
