//! Text rules of `check`: placeholder text left from `minsheng new` or a
//! template, and ASCII punctuation typed between Chinese characters.

/// Words that mark text still to be written.
const PLACEHOLDER_WORDS: &[&str] = &[
    "请填写",
    "请替换",
    "请输入",
    "请补充",
    "待补充",
    "待填写",
    "此处填写",
    "在此填写",
    "示例报告",
    "示例指南",
    "示例指标",
    "××",
    "XXX",
    "TODO",
    "TBD",
];

/// True for a value that is wholly in parentheses, `(编辑姓名)` or `（第一步）`: the
/// way templates mark what to fill in (a real value is not all aside).
pub(super) fn is_bracketed(value: &str) -> bool {
    let v = value.trim().trim_matches(['"', '\'']);
    let open = v.starts_with(['(', '（']);
    let close = v.ends_with([')', '）']);
    let inner = v.chars().skip(1);
    open && close && v.chars().count() > 2 && !inner.clone().any(|c| c == '(' || c == '（')
}

/// The byte ranges of placeholder text in `text`: a parenthesised aside that holds
/// a placeholder word (the whole aside), or the word with what follows it up to the
/// end of the phrase.
pub(super) fn placeholders(text: &str) -> Vec<std::ops::Range<usize>> {
    // Every place of every word, then what each place needs (the aside open
    // before it, the next closing parenthesis, the end of its phrase) found
    // in passes over the text in order: a paragraph of 20,000 placeholders
    // looked back to the last parenthesis and on to the phrase's end from
    // each, and through every range already found.
    let found: Vec<(usize, usize)> = (PLACEHOLDER_WORDS.iter().enumerate())
        .flat_map(|(w, word)| text.match_indices(word).map(move |(i, _)| (w, i)))
        .collect();
    let mut places: Vec<usize> = found.iter().map(|&(_, i)| i).collect();
    places.sort_unstable();
    places.dedup();
    let mut open_before = ahash::HashMap::default();
    let mut open: Option<usize> = None;
    let mut walked = 0;
    for &i in &places {
        for (k, c) in text[walked..i].char_indices() {
            match c {
                '(' | '（' => open = Some(walked + k),
                ')' | '）' | '\n' | '。' => open = None,
                _ => {}
            }
        }
        walked = i;
        open_before.insert(i, open);
    }
    let next = |set: &[char]| {
        let mut ends = ahash::HashMap::default();
        let mut last: Option<Option<usize>> = None;
        for &i in &places {
            let known = last.filter(|l| l.is_none_or(|e| e >= i));
            let at = known.unwrap_or_else(|| text[i..].find(set).map(|e| i + e));
            last = Some(at);
            ends.insert(i, at);
        }
        ends
    };
    let closes = next(&[')', '）']);
    let stops = next(&['。', '，', '；', '！', '？', '：', '\n', ',', ';', ':']);
    // The ranges found so far, merged: does one hold `i`?
    let mut held: std::collections::BTreeMap<usize, usize> = Default::default();
    let mut out: Vec<std::ops::Range<usize>> = Vec::new();
    for (_, i) in found {
        if held
            .range(..=i)
            .next_back()
            .is_some_and(|(_, &end)| end > i)
        {
            continue;
        }
        let range = match open_before[&i] {
            Some(o) => {
                let end = closes[&i].map_or(text.len(), |e| {
                    e + text[e..].chars().next().map_or(0, char::len_utf8)
                });
                o..end
            }
            None => i..stops[&i].unwrap_or(text.len()),
        };
        // Merged with those it meets.
        let (mut start, mut end) = (range.start, range.end);
        let meets: Vec<usize> = (held.range(..=end))
            .rev()
            .take_while(|(_, &e)| e >= start)
            .map(|(&s, _)| s)
            .collect();
        for s in meets {
            if let Some(e) = held.remove(&s) {
                (start, end) = (start.min(s), end.max(e));
            }
        }
        held.insert(start, end);
        out.push(range);
    }
    out.sort_by_key(|r| r.start);
    out
}

/// True for Chinese characters and Chinese punctuation.
fn is_cjk(c: char) -> bool {
    crate::text::is_han(c)
        || matches!(c, '\u{3000}'..='\u{303F}' | '\u{FF01}'..='\u{FF0F}' | '\u{FF1A}'..='\u{FF20}')
}

/// The full-width form of ASCII punctuation a Chinese sentence wants.
fn full_width(c: char) -> Option<char> {
    Some(match c {
        ',' => '，',
        ':' => '：',
        ';' => '；',
        '(' => '（',
        ')' => '）',
        '?' => '？',
        _ => return None,
    })
}

/// ASCII `, : ; ( ) ?` between Chinese characters in `text`: byte offset, the
/// character, its full-width form. An opening bracket needs Chinese after it; a
/// closing bracket and `?` may end the text; the others need Chinese on both sides
/// (`电话:12345` and `3,408` are left alone).
pub(super) fn ascii_punctuation(text: &str) -> Vec<(usize, char, char)> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    for (k, &(i, c)) in chars.iter().enumerate() {
        let Some(full) = full_width(c) else {
            continue;
        };
        let prev = chars[..k].iter().rev().map(|x| x.1).find(|&c| c != ' ');
        let next = chars[k + 1..].iter().map(|x| x.1).find(|&c| c != ' ');
        let (p, n) = (prev.is_some_and(is_cjk), next.is_some_and(is_cjk));
        let hit = match c {
            '(' => n && (prev.is_none() || p),
            ')' | '?' => p && (next.is_none() || n),
            _ => p && n,
        };
        if hit {
            out.push((i, c, full));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What `placeholders` answered before it read the text in passes: each
    /// place looked back and on from itself, and through every range found.
    fn one_by_one(text: &str) -> Vec<std::ops::Range<usize>> {
        let mut out: Vec<std::ops::Range<usize>> = Vec::new();
        for word in PLACEHOLDER_WORDS {
            for (i, _) in text.match_indices(word) {
                if out.iter().any(|r| r.contains(&i)) {
                    continue;
                }
                let open = text[..i]
                    .rfind(['(', '（'])
                    .filter(|&o| !text[o..i].contains([')', '）', '\n', '。']));
                let range = match open {
                    Some(o) => {
                        let end = text[i..].find([')', '）']).map_or(text.len(), |e| {
                            i + e + text[i + e..].chars().next().map_or(0, char::len_utf8)
                        });
                        o..end
                    }
                    None => {
                        let end = text[i..]
                            .find(['。', '，', '；', '！', '？', '：', '\n', ',', ';', ':'])
                            .map_or(text.len(), |e| i + e);
                        i..end
                    }
                };
                out.push(range);
            }
        }
        out.sort_by_key(|r| r.start);
        out
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(1000))]
        #[test]
        fn placeholders_agree_with_looking_from_each_place(
            text in "(待补充|请填写|（|）|\\(|\\)|。|，|\n|x|某){0,30}",
        ) {
            proptest::prop_assert_eq!(placeholders(&text), one_by_one(&text));
        }
    }

    #[test]
    fn ascii_punctuation_between_chinese_is_found() {
        let t = "镇江市,今年(示例)好吗?电话:12345,共3,408人。Hello, world";
        let found: Vec<(char, char)> = ascii_punctuation(t).iter().map(|x| (x.1, x.2)).collect();
        assert_eq!(found, [(',', '，'), ('(', '（'), (')', '）'), ('?', '？')]);
        assert_eq!(ascii_punctuation("镇江市,今年")[0].0, "镇江市".len());
    }

    #[test]
    fn placeholders_are_found_in_asides_and_phrases() {
        let t = "地址(请填写接待地址)。这是一篇示例报告,请替换为真实内容。";
        let found: Vec<&str> = placeholders(t).into_iter().map(|r| &t[r]).collect();
        assert_eq!(found, ["(请填写接待地址)", "示例报告", "请替换为真实内容"]);
        assert!(is_bracketed("(编辑姓名)") && is_bracketed("\"（第一步）\""));
        assert!(!is_bracketed("镇江(示例)") && !is_bracketed("()"));
        assert!(is_bracketed("（请填写接待地址）") && !is_bracketed("（一）（二）"));
        assert!(placeholders("示例数据：数字是说明用的。").is_empty());
    }
}
