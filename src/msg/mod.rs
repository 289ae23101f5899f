//! The message catalogue: every sentence the tool says to a person, in Chinese and
//! English, each written once per language.
//!
//! A message is a [`Text`]: both languages are made where the message is made, and
//! the language is chosen only when it is shown ([`Lang`]: `--lang`, then the
//! `MINSHENG_LANG` environment variable, then the site's `language`, then Chinese).
//! Diagnostics therefore stay plain data: the same build can be reported in either
//! language (the terminal, the browser overlay of `serve`, `check --format json`).
//!
//! Write new messages with [`t!`](crate::t): `t!("中文…{name}", "English… {name}")`;
//! both strings capture the same variables. A plain `String` converts to a `Text`
//! that reads the same in both languages: that is how a message not yet translated
//! looks, so grep for `Diagnostic::error(…, format!(` to find them.

pub mod data_words;

use std::fmt;
use std::path::Path;

pub mod check;
pub mod config;
pub mod front_matter;
pub mod keyboard;
pub mod site;

/// The language messages are shown in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum Lang {
    /// 简体中文: the default, and every site whose `language` starts with `zh`.
    #[default]
    Zh,
    /// English: sites whose `language` is not Chinese, and `--lang en`.
    En,
}

impl Lang {
    /// The language of a BCP 47 tag or a short name (`zh-CN`, `zh`, `中文`, `en`,
    /// `en-GB`, `english`); `None` when it is neither.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let t = tag.trim().to_ascii_lowercase();
        let primary = t.split(['-', '_']).next().unwrap_or("");
        match primary {
            "zh" | "cn" | "chinese" | "中文" | "简体中文" => Some(Lang::Zh),
            "en" | "english" | "英文" | "英语" => Some(Lang::En),
            _ => None,
        }
    }

    /// The language to speak for the site at `root`: `cli` (`--lang`), else the
    /// `MINSHENG_LANG` environment variable, else the `language` of its `site.toml`
    /// (a site in another language than Chinese gets English), else Chinese.
    pub fn choose(cli: Option<Lang>, root: &Path) -> Lang {
        if let Some(l) = cli {
            return l;
        }
        if let Some(l) = std::env::var("MINSHENG_LANG")
            .ok()
            .and_then(|v| Lang::from_tag(&v))
        {
            return l;
        }
        site_language(root).map_or(Lang::Zh, |tag| Lang::from_tag(&tag).unwrap_or(Lang::En))
    }
}

/// The `language` of `root/site.toml`, read on its own so that even a site whose
/// settings have errors is told about them in its own language.
fn site_language(root: &Path) -> Option<String> {
    let text = std::fs::read_to_string(root.join("site.toml")).ok()?;
    // Only the top-level key matters; a table header ends the top level.
    let top: String = text
        .lines()
        .take_while(|l| !l.trim_start().starts_with('['))
        .filter(|l| l.trim_start().starts_with("language"))
        .collect::<Vec<_>>()
        .join("\n");
    let table: toml::Table = toml::from_str(&top).ok()?;
    table.get("language")?.as_str().map(str::to_owned)
}

/// `Text::split` of a message that reads the same in both languages.
const SHARED: usize = usize::MAX;

/// One message in both languages. (Both texts share one allocation: diagnostics
/// are passed around by value and should stay small.)
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Text {
    /// The Chinese text followed by the English text.
    both: Box<str>,
    /// Where the English text starts; [`SHARED`] when one text serves both.
    split: usize,
}

impl Text {
    /// A message written in both languages.
    pub fn new(zh: impl AsRef<str>, en: impl AsRef<str>) -> Text {
        let (zh, en) = (zh.as_ref(), en.as_ref());
        if zh == en {
            return Text::from(zh);
        }
        Text {
            both: [zh, en].concat().into(),
            split: zh.len(),
        }
    }

    /// The message in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => self.zh(),
            Lang::En => self.en(),
        }
    }

    /// The Chinese text.
    pub fn zh(&self) -> &str {
        match self.split {
            SHARED => &self.both,
            s => &self.both[..s],
        }
    }

    /// The English text.
    pub fn en(&self) -> &str {
        match self.split {
            SHARED => &self.both,
            s => &self.both[s..],
        }
    }

    /// This message followed by `more`, in each language.
    pub fn then(&self, more: &Text) -> Text {
        Text::new(
            [self.zh(), more.zh()].concat(),
            [self.en(), more.en()].concat(),
        )
    }

    /// True when the message has its own Chinese text (not a copy of the English).
    pub fn is_translated(&self) -> bool {
        self.split != SHARED || !self.both.is_ascii()
    }
}

/// An untranslated message: the same text in both languages.
impl From<String> for Text {
    fn from(s: String) -> Text {
        Text {
            both: s.into(),
            split: SHARED,
        }
    }
}

impl From<&str> for Text {
    fn from(s: &str) -> Text {
        Text::from(s.to_owned())
    }
}

/// Reads as the English text, for code and tests that look inside a message
/// (`d.message.contains(…)`); people are shown [`Text::get`].
impl std::ops::Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        self.en()
    }
}

/// The English text (logs, `{:?}`-like uses); people are shown [`Text::get`].
impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.en())
    }
}

/// A message in both languages: `t!("中文 {x}", "English {x}")`. Both strings are
/// format strings and capture the same variables.
#[macro_export]
macro_rules! t {
    ($zh:literal, $en:literal $(,)?) => {
        $crate::msg::Text::new(format!($zh), format!($en))
    };
}

/// A count with its English plural: `plural(3, "error")` is `3 errors`.
pub fn plural(n: usize, one: &str) -> String {
    if n == 1 {
        format!("{n} {one}")
    } else {
        format!("{n} {one}s")
    }
}

/// The scheme said for a protocol-relative address (`//host/…`), which
/// `text::url` refuses under this name.
pub(crate) const PROTOCOL_RELATIVE: &str = "//";

/// How an address refused for `scheme` starts, as said to the editor: `javascript:`,
/// or `//` for a protocol-relative one.
pub(crate) fn shown_start(scheme: &str) -> String {
    if scheme == PROTOCOL_RELATIVE {
        scheme.to_string()
    } else {
        format!("{scheme}:")
    }
}

/// How many known names a hint lists.
pub const NAMED: usize = 30;

/// The first [`NAMED`] of `names` joined with `sep`, and how many are left
/// out: a hint under each wrong name would otherwise carry every known one
/// (10,000 wrong districts against 10,000 known held 3.9 GB).
pub fn named_in_part<S: AsRef<str>>(names: &[S], sep: &str) -> (String, usize) {
    let shown: Vec<&str> = names.iter().take(NAMED).map(AsRef::as_ref).collect();
    (shown.join(sep), names.len().saturating_sub(NAMED))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_name_languages() {
        assert_eq!(Lang::from_tag("zh-CN"), Some(Lang::Zh));
        assert_eq!(Lang::from_tag("zh_Hans"), Some(Lang::Zh));
        assert_eq!(Lang::from_tag("EN-gb"), Some(Lang::En));
        assert_eq!(Lang::from_tag("中文"), Some(Lang::Zh));
        assert_eq!(Lang::from_tag("fr"), None);
    }

    #[test]
    fn the_site_language_is_read_from_the_top_level_only() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("site.toml"),
            "title = \"x\"\nlanguage = \"en-GB\"\n[gov]\nlanguage = \"zh\"\n",
        )
        .unwrap();
        assert_eq!(site_language(dir.path()).as_deref(), Some("en-GB"));
        std::fs::write(
            dir.path().join("site.toml"),
            "title = \"x\"\n[gov]\nlanguage = \"en\"\n",
        )
        .unwrap();
        assert_eq!(site_language(dir.path()), None);
    }

    #[test]
    fn both_languages_capture_the_same_variables() {
        let name = "cost";
        let m = t!("未知的设置“{name}”", "unknown key `{name}`");
        assert_eq!(m.get(Lang::Zh), "未知的设置“cost”");
        assert_eq!(m.get(Lang::En), "unknown key `cost`");
        assert!(m.is_translated());
        assert!(!Text::from("plain").is_translated());
        let empty_zh = Text::new("", "x");
        assert_eq!((empty_zh.zh(), empty_zh.en()), ("", "x"));
    }
}
