//! Characters pasted from web pages, WeChat and Word that look like a space or
//! like nothing: named, with their code point, so that an editor can find what
//! they cannot see.

/// The name of `c` when it is an invisible or space-like character that YAML
/// and TOML do not read as a space (`None` for any other character).
pub(super) fn name(c: char) -> Option<String> {
    let name = match c {
        '\u{a0}' => "不间断空格",
        '\u{200b}' => "零宽空格",
        '\u{200c}' | '\u{200d}' | '\u{2060}' => "零宽字符",
        '\u{feff}' => "零宽不换行空格",
        '\u{b}' => "Word 里的手动换行",
        '\u{c}' => "换页符",
        '\u{2002}'..='\u{200a}' | '\u{202f}' | '\u{205f}' => "特殊宽度的空格",
        c if is_control(c) => "控制字符",
        _ => return None,
    };
    Some(format!("{name} U+{:04X}", u32::from(c)))
}

/// True for a character that looks like a space but is not one to YAML.
pub(super) fn is_space_like(c: char) -> bool {
    matches!(
        c,
        '\u{a0}' | '\u{2002}'..='\u{200a}' | '\u{202f}' | '\u{205f}'
    )
}

/// True for a control character, which YAML refuses anywhere (in a value too).
pub(super) fn is_control(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n' | '\r')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_carry_the_code_point() {
        assert_eq!(name('\u{a0}').as_deref(), Some("不间断空格 U+00A0"));
        assert_eq!(name('\u{b}').as_deref(), Some("Word 里的手动换行 U+000B"));
        assert_eq!(name('\u{1}').as_deref(), Some("控制字符 U+0001"));
        assert_eq!(name(' '), None);
        assert_eq!(name('甲'), None);
        assert!(is_space_like('\u{a0}') && !is_space_like('\u{200b}'));
    }
}
