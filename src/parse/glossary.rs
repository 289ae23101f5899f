//! `content/glossary.yaml` as written: a list of entries, each a term, its plain
//! explanation and other spellings. The checks on the entries (empty, twice) and
//! the model the site reads are in `crate::glossary`.

use serde::Deserialize;

use crate::diag::Diagnostics;

/// One entry as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawTerm {
    /// The term.
    pub(crate) term: String,
    /// The plain explanation.
    pub(crate) plain: String,
    /// Other spellings.
    #[serde(default)]
    pub(crate) aliases: Vec<String>,
    /// Where its `term:` key is written (line, column), for messages.
    #[serde(skip)]
    pub(crate) term_at: Option<(usize, usize)>,
    /// Where its `plain:` key is written.
    #[serde(skip)]
    pub(crate) plain_at: Option<(usize, usize)>,
}

/// Parses the glossary's text (line ends already `\n`); `None` after reporting
/// why it could not be read.
pub(crate) fn parse(
    path: &std::path::Path,
    text: &str,
    diags: &mut Diagnostics,
) -> Option<Vec<RawTerm>> {
    let mut terms: Vec<RawTerm> = super::data_yaml(
        path,
        text,
        ("术语表", "the glossary"),
        |hint| {
            let (zh, en) = (hint.zh(), hint.en());
            crate::t!(
            "{zh}。术语表每个词条写成：\n- term: 普惠托育\n  plain: 政府支持、收费较低的托育服务",
            "{en}; write a list of entries:\n- term: 普惠托育\n  plain: 政府支持、收费较低的托育服务"
        )
        },
        diags,
    )?;
    // Each entry has one `term:` and one `plain:`, in the order of the list: the
    // n-th key written is the n-th entry's (when the count agrees).
    let (term_keys, plain_keys) = (key_positions(text, "term"), key_positions(text, "plain"));
    if term_keys.len() == terms.len() {
        for (t, at) in terms.iter_mut().zip(term_keys) {
            t.term_at = Some(at);
        }
    }
    if plain_keys.len() == terms.len() {
        for (t, at) in terms.iter_mut().zip(plain_keys) {
            t.plain_at = Some(at);
        }
    }
    Some(terms)
}

/// Where `key` is written as a mapping key (line, column; 1-based), in order:
/// at the start of a line, after the indentation and any `- `, or after `{` or
/// `,` of a flow mapping (`- {term: 低保, plain: …}`). Comment lines are skipped.
fn key_positions(text: &str, key: &str) -> Vec<(usize, usize)> {
    let is_key_at = |rest: &str| {
        [
            format!("{key}:"),
            format!("\"{key}\":"),
            format!("'{key}':"),
        ]
        .iter()
        .any(|k| rest.starts_with(k.as_str()))
    };
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let col = |byte: usize| line[..byte].chars().count() + 1;
        let mut rest = line.trim_start();
        if rest.starts_with('#') {
            continue;
        }
        while let Some(r) = rest.strip_prefix('-').filter(|r| r.starts_with(' ')) {
            rest = r.trim_start();
        }
        if is_key_at(rest) {
            out.push((i + 1, col(line.len() - rest.len())));
        }
        for (b, c) in line.char_indices().filter(|(_, c)| matches!(c, '{' | ',')) {
            let after = &line[b + c.len_utf8()..];
            let r = after.trim_start();
            if is_key_at(r) {
                out.push((i + 1, col(line.len() - r.len())));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::key_positions;

    #[test]
    fn keys_are_found_where_they_are_keys() {
        let text = "# term: 注释\n- term: 低保边缘\n  plain: 含 term: 的解释\n-   plain: x\n    term: 低保\n- {term: 甲, plain: 乙}\n- { \"term\": 丙 ,plain: 丁}\n";
        assert_eq!(
            key_positions(text, "term"),
            [(2, 3), (5, 5), (6, 4), (7, 5)]
        );
        assert_eq!(
            key_positions(text, "plain"),
            [(3, 3), (4, 5), (6, 13), (7, 16)]
        );
    }
}
