//! Characters XML forbids ([`crate::text::escape::is_forbidden`]) written as a
//! backslash escape inside quotes (`"a\x01b"`, `"\v"`, `"\u0001"`): YAML and TOML
//! read them into the value, where no page, feed or sitemap may carry them. A
//! literal one is a keyboard slip found before the parser; these are found in
//! what the parser read, and located here by the escape that wrote them.

use crate::text::escape::is_forbidden;

/// The name of a forbidden character for the editor (`Word 里的手动换行
/// U+000B`, `控制字符 U+0001`).
pub(crate) fn name(c: char) -> String {
    super::keyboard::invisible_name(c).unwrap_or_else(|| format!("U+{:04X}", u32::from(c)))
}

/// Where the escape in `text` that wrote `c` is (the first that reads as `c`;
/// 1-based line and column of its backslash), if one does.
pub(crate) fn locate(text: &str, c: char) -> Option<(usize, usize)> {
    for (n, line) in text.lines().enumerate() {
        let mut rest = line.char_indices();
        while let Some((i, ch)) = rest.next() {
            if ch != '\\' {
                continue;
            }
            if decode(&line[i + 1..]) == Some(c) {
                return Some((n + 1, line[..i].chars().count() + 1));
            }
            // `\\` is one backslash: the next one starts nothing.
            if line[i + 1..].starts_with('\\') {
                rest.next();
            }
        }
    }
    None
}

/// The character the escape after a backslash (`after`) stands for, when it is
/// one XML forbids: YAML's `\0 \a \b \e \f \v \xHH \uHHHH \UHHHHHHHH` and TOML's
/// subset of them.
fn decode(after: &str) -> Option<char> {
    let hex = |n: usize| {
        let digits = after.get(1..=n)?;
        if !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        char::from_u32(u32::from_str_radix(digits, 16).ok()?)
    };
    let c = match after.chars().next()? {
        '0' => '\0',
        'a' => '\u{7}',
        'b' => '\u{8}',
        'e' => '\u{1b}',
        'f' => '\u{c}',
        'v' => '\u{b}',
        'x' => hex(2)?,
        'u' => hex(4)?,
        'U' => hex(8)?,
        _ => return None,
    };
    is_forbidden(c).then_some(c)
}

/// The first forbidden character in a TOML value (keys too), once its escapes
/// are read.
pub(crate) fn in_toml(table: &toml::Table) -> Option<char> {
    fn find(v: &toml::Value) -> Option<char> {
        match v {
            toml::Value::String(s) => s.chars().find(|&c| is_forbidden(c)),
            toml::Value::Array(items) => items.iter().find_map(find),
            toml::Value::Table(t) => in_toml(t),
            _ => None,
        }
    }
    table
        .iter()
        .find_map(|(k, v)| k.chars().find(|&c| is_forbidden(c)).or_else(|| find(v)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_escape_is_found_at_its_backslash() {
        let at = |text: &str, c: char| locate(text, c).unwrap_or((0, 0));
        assert_eq!(at("title: \"甲\\x01乙\"\n", '\u{1}'), (1, 10));
        assert_eq!(at("a: 1\nb: \"\\v\"\n", '\u{b}'), (2, 5));
        assert_eq!(at("t = \"我的\\u0001城市\"\n", '\u{1}'), (1, 8));
        assert_eq!(at("t: \"\\U0000FFFF\"\n", '\u{ffff}'), (1, 5));
        // `\\x01` is a backslash and `x01`, not an escape.
        assert_eq!(at("a: \"\\\\x01 \\x01\"\n", '\u{1}'), (1, 11));
        assert_eq!(name('\u{1}'), "控制字符 U+0001");
        assert_eq!(locate("no escape", '\u{1}'), None);
    }

    #[test]
    fn allowed_escapes_are_not_forbidden() {
        for ok in ["t", "n", "r", "u4E2D", "x41", "\\", "\""] {
            assert_eq!(decode(ok), None, "{ok}");
        }
        assert_eq!(decode("x0b"), Some('\u{b}'));
    }

    #[test]
    fn toml_values_and_keys_are_searched() {
        let t: toml::Table = "a = 1\n[gov]\nicp = \"x\\u0001\"\n".parse().unwrap();
        assert_eq!(in_toml(&t), Some('\u{1}'));
        let t: toml::Table = "menu = [{ name = \"\\b\" }]\n".parse().unwrap();
        assert_eq!(in_toml(&t), Some('\u{8}'));
        let t: toml::Table = "a = \"\\t好\"\n".parse().unwrap();
        assert_eq!(in_toml(&t), None);
    }
}
