//! What `site.toml` says: title, address, language, theme, the contact channel,
//! the audiences, the raw-HTML policy. Turns the file's text into a validated
//! [`Config`], with located diagnostics for anything wrong. Reads no files itself.

use serde::Deserialize;

use crate::diag::{Diagnostic, Diagnostics, Locator};
use crate::msg::config as m;

mod checks;
mod defaults;

/// The name of the configuration file at the site root.
pub const CONFIG_FILE: &str = "site.toml";

/// How raw HTML written inside Markdown is treated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum RawHtml {
    /// Shown as text, with a warning (the default: editors paste from word processors,
    /// and a citizen-facing site must not run what nobody reviewed).
    #[default]
    Escape,
    /// Passed through unchanged: for sites whose editors are trusted with HTML.
    Allow,
}

/// How citizens reach the government: shown on every page.
#[derive(Debug, Clone, Default, Deserialize, serde::Serialize, Hash)]
#[serde(default, deny_unknown_fields)]
pub struct Contact {
    /// Who answers, e.g. "镇江市12345政务服务便民热线".
    pub name: String,
    /// A telephone number.
    pub hotline: String,
    /// An e-mail address.
    pub email: String,
    /// A postal or visiting address.
    pub address: String,
    /// When the line is answered.
    pub hours: String,
}

/// What Chinese government websites carry in their footer and page metadata
/// (GB/T 42147, the gov.cn convention). Every field is optional; each is shown
/// when set.
#[derive(Debug, Clone, Default, Deserialize, serde::Serialize, Hash)]
#[serde(default, deny_unknown_fields)]
pub struct Gov {
    /// 主办单位: the body that runs the site.
    pub sponsor: String,
    /// 承办单位: who operates it, when not the sponsor.
    pub operator: String,
    /// 网站标识码: the site identification code, e.g. 3211000001.
    pub site_code: String,
    /// ICP 备案号, e.g. 苏ICP备12345678号.
    pub icp: String,
    /// Where the ICP number links (the MIIT filing system by default).
    pub icp_url: String,
    /// 公安机关备案号, e.g. 苏公网安备 32110202000001号.
    pub police: String,
    /// Where the public-security number links.
    pub police_url: String,
    /// 网站纠错: where readers report an error on the site.
    pub report_url: String,
    /// ContentSource of the page metadata; the sponsor, else the site title.
    pub source: String,
}

impl Gov {
    /// The URL settings, by key, for checking.
    fn urls(&self) -> [(&'static str, &str); 3] {
        [
            ("icp_url", &self.icp_url),
            ("police_url", &self.police_url),
            ("report_url", &self.report_url),
        ]
    }
}

/// The ICP filing system every ICP number links to, when `icp_url` is not set.
pub const ICP_URL: &str = "https://beian.miit.gov.cn/";

/// An entry of the main navigation.
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct MenuItem {
    /// The label.
    pub name: String,
    /// A site path such as `services/` (relative to the site root) or a full URL.
    pub url: String,
}

/// A term of a taxonomy whose terms the site defines (audiences).
#[derive(Debug, Clone, Hash, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct TermDef {
    /// URL segment, ASCII.
    pub slug: String,
    /// The name shown and written in front matter.
    pub name: String,
    /// One plain sentence: who this is.
    #[serde(default)]
    pub description: String,
}

#[derive(Debug, Deserialize)]
#[serde(default)]
struct RawConfig {
    title: Option<String>,
    description: String,
    base_url: Option<String>,
    language: String,
    theme: String,
    contact: Contact,
    raw_html: RawHtml,
    menu: Vec<MenuItem>,
    audiences: Option<Vec<TermDef>>,
    events: Option<Vec<TermDef>>,
    check: CheckConfig,
    feed_limit: usize,
    paginate_by: usize,
    districts: Vec<String>,
    gov: Gov,
    glance: Vec<String>,
}

impl Default for RawConfig {
    fn default() -> Self {
        RawConfig {
            title: None,
            description: String::new(),
            base_url: None,
            language: "zh-CN".into(),
            theme: "default".into(),
            contact: Contact::default(),
            raw_html: RawHtml::default(),
            menu: Vec::new(),
            audiences: None,
            events: None,
            check: CheckConfig::default(),
            feed_limit: 20,
            paginate_by: 20,
            districts: Vec::new(),
            gov: Gov::default(),
            glance: Vec::new(),
        }
    }
}

const KNOWN_KEYS: &[&str] = &[
    "title",
    "description",
    "base_url",
    "language",
    "theme",
    "contact",
    "raw_html",
    "menu",
    "audiences",
    "events",
    "check",
    "feed_limit",
    "paginate_by",
    "districts",
    "gov",
    "glance",
];

/// The validated site configuration.
#[derive(Debug, Clone)]
pub struct Config {
    /// The site's name.
    pub title: String,
    /// One or two plain sentences: what the site is for.
    pub description: String,
    /// The public address, ending in `/`, when known: needed only for the sitemap,
    /// the feed and canonical links. Links between pages never use it.
    pub base_url: Option<String>,
    /// BCP 47 language tag of the content.
    pub language: String,
    /// The theme folder name under `themes/`.
    pub theme: String,
    /// The contact channel shown on every page.
    pub contact: Contact,
    /// What happens to raw HTML in Markdown.
    pub raw_html: RawHtml,
    /// The main navigation; empty means "sections, then domains".
    pub menu: Vec<MenuItem>,
    /// The audiences taxonomy's terms.
    pub audiences: Vec<TermDef>,
    /// Life events, the service finder's second way in.
    pub events: Vec<TermDef>,
    /// What `minsheng check` reviews.
    pub check: CheckConfig,
    /// How many entries `atom.xml` carries.
    pub feed_limit: usize,
    /// Default page size of listings.
    pub paginate_by: usize,
    /// The districts indicator breakdowns may name (empty: not checked).
    pub districts: Vec<String>,
    /// Government-site conventions: sponsor, site code, filing numbers, 网站纠错.
    pub gov: Gov,
    /// Indicator ids the home page shows under "the city at a glance".
    pub glance: Vec<String>,
}

pub use defaults::{default_audiences, default_events, CheckConfig};

/// Parses `site.toml`'s text. `base_url_override` is the `--base-url` flag.
pub fn parse(
    text: &str,
    base_url_override: Option<&str>,
    diags: &mut Diagnostics,
) -> Option<Config> {
    let raw = checks::read(text, diags)?;
    let errors = diags.error_count();
    let title = match raw.title.clone() {
        Some(t) if !t.trim().is_empty() => t,
        _ => {
            diags.push(Diagnostic::error(CONFIG_FILE, m::no_title()).hint(m::no_title_hint()));
            String::new()
        }
    };
    let t = TomlText::new(text);
    let base_url = checks::base_url(
        &t,
        base_url_override
            .map(str::to_string)
            .or(raw.base_url.clone()),
        diags,
    );
    let audiences = raw.audiences.clone().unwrap_or_else(default_audiences);
    let events = raw.events.clone().unwrap_or_else(default_events);
    checks::terms(&t, &audiences, &events, diags);
    checks::addresses_and_names(&t, &raw, diags);
    if diags.error_count() > errors {
        return None;
    }
    Some(Config {
        title,
        description: raw.description,
        base_url,
        language: raw.language,
        theme: raw.theme,
        contact: raw.contact,
        raw_html: raw.raw_html,
        menu: raw.menu,
        audiences,
        events,
        check: raw.check,
        feed_limit: raw.feed_limit,
        paginate_by: raw.paginate_by,
        districts: raw.districts,
        gov: Gov {
            icp_url: if raw.gov.icp_url.is_empty() && !raw.gov.icp.is_empty() {
                ICP_URL.into()
            } else {
                raw.gov.icp_url.clone()
            },
            ..raw.gov
        },
        glance: raw.glance,
    })
}

/// The raw-HTML policy `site.toml`'s text sets: whether the site trusts its
/// editors with code. A text that cannot be read trusts nobody (its errors are
/// said by [`parse`]).
pub fn raw_html_of(text: &str) -> RawHtml {
    checks::read(text, &mut Diagnostics::default()).map_or(RawHtml::Escape, |raw| raw.raw_html)
}

/// What to write as `theme`.
pub const THEME_HINT: &str = "a theme is a folder inside themes/: write its name alone, e.g. theme = \"default\" (themes/default/, or the built-in theme)";

/// True for a plain folder name: no `/`, `\\`, `:`, `..`, nothing absolute, so that
/// `themes/NAME` stays inside `themes/`.
pub fn is_theme_name(s: &str) -> bool {
    !s.is_empty() && s != "." && s != ".." && !s.contains(['/', '\\', ':', '\0'])
}

/// 1-based line and column of the value of the top-level `key = value` (1, 1 when
/// not found), to point a diagnostic at it.
pub fn value_at(text: &str, key: &str) -> (usize, usize) {
    TomlText::new(text).value_at(key)
}

/// True for `a-z`, `0-9` and inner `-`: the URL segments we generate.
pub fn is_ascii_slug(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with('-')
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// site.toml's text with its keys and strings indexed, read once, and a
/// locator for its findings: a file of thousands of settings (menu items,
/// audiences, districts) was read from its top for each one told.
pub(crate) struct TomlText<'t> {
    pub(crate) loc: Locator<'t>,
    /// Each key (before a line's first `=`, trimmed): the first line (1-based)
    /// it is written on.
    keys: ahash::HashMap<&'t str, usize>,
    /// Each key with a string written after it on its line (`"…"` or `'…'`,
    /// in a list too): the first line, and where its opening quote is.
    values: ahash::HashMap<(&'t str, &'t str), (usize, usize)>,
    /// Each string written anywhere (its text between the quotes, as
    /// written): where its first opening quote is.
    strings: ahash::HashMap<&'t str, usize>,
}

impl<'t> TomlText<'t> {
    pub(crate) fn new(text: &'t str) -> Self {
        let mut keys = ahash::HashMap::default();
        let mut values = ahash::HashMap::default();
        let mut strings = ahash::HashMap::default();
        for (i, l) in text.lines().enumerate() {
            // `l` lies in `text`: where it starts there.
            let line_start = l.as_ptr() as usize - text.as_ptr() as usize;
            let eq = l.find('=');
            let key = eq.map(|e| l[..e].trim());
            if let Some(key) = key {
                keys.entry(key).or_insert(i + 1);
            }
            // Each quoted string of the line: `from` is where the rest starts.
            let mut from = 0;
            while let Some(open) = l[from..].find(['"', '\'']).map(|o| from + o) {
                let quote = &l[open..open + 1];
                let Some(close) = l[open + 1..].find(quote).map(|c| open + 1 + c) else {
                    break;
                };
                let string = &l[open + 1..close];
                strings.entry(string).or_insert(line_start + open);
                if let (Some(key), Some(eq)) = (key, eq) {
                    if open > eq {
                        values
                            .entry((key, string))
                            .or_insert((i + 1, line_start + open));
                    }
                }
                from = close + 1;
            }
        }
        TomlText {
            loc: Locator::new(text),
            keys,
            values,
            strings,
        }
    }

    /// The line on which `key = …` is first written (1 when not found).
    pub(crate) fn key_line(&self, key: &str) -> usize {
        self.keys.get(key).copied().unwrap_or(1)
    }

    /// The first line of `key = …` where `value` is written as a string, else
    /// the key's first line (1 without it).
    pub(crate) fn value_line(&self, key: &str, value: &str) -> usize {
        (self.values.get(&(key, value)).map(|v| v.0)).unwrap_or_else(|| self.key_line(key))
    }

    /// Where `value` is first written as a string after `key` (its first
    /// character, after the quote).
    pub(crate) fn value_offset(&self, key: &str, value: &str) -> Option<usize> {
        self.values.get(&(key, value)).map(|v| v.1 + 1)
    }

    /// Where `string` is first written between quotes (its opening quote).
    pub(crate) fn string_at(&self, string: &str) -> Option<usize> {
        self.strings.get(string).copied()
    }

    /// 1-based line and column of the value of `key = value` (1, 1 when not found).
    pub(crate) fn value_at(&self, key: &str) -> (usize, usize) {
        let line = self.key_line(key);
        let col = (self.loc.line(line))
            .and_then(|l| l.find('=').map(|i| (l, i + 1)))
            .map_or(1, |(l, i)| {
                let value = i + l[i..].len() - l[i..].trim_start().len();
                l[..value].chars().count() + 1
            });
        (line, col)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toml_text_finds_keys_values_and_names_in_one_reading() {
        let text = "title = \"t\"\n[[menu]]\nurl = \"a\"\n[[menu]]\nurl = \"ab\"\n  url=\"b\"\ndistricts = [\"丹徒区\", \"x/y\", \"z/w\"]\n";
        let t = TomlText::new(text);
        assert_eq!(
            (t.key_line("title"), t.key_line("url"), t.key_line("none")),
            (1, 3, 1)
        );
        // A value where it is written as a string, not inside another.
        assert_eq!(t.value_line("url", "ab"), 5);
        assert_eq!(t.value_line("url", "b"), 6);
        assert_eq!(t.value_line("url", "a"), 3);
        assert_eq!(t.value_line("url", "nowhere"), 3);
        assert_eq!(t.value_line("districts", "x/y"), 7);
        // A value written twice: its first place.
        let twice = TomlText::new("[[a]]\nname = '人'\n[[a]]\nname = \"人\"\n");
        assert_eq!(twice.value_line("name", "人"), 2);
        // Strings anywhere, by their text between the quotes.
        let at = |s: &str| t.string_at(s).map(|i| t.loc.line_col(i));
        assert_eq!(at("z/w"), Some((7, 28)));
        assert_eq!(at("x/y"), Some((7, 21)));
        assert_eq!(at("q"), None);
        assert_eq!(t.value_at("title"), (1, 9));
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(300))]
        /// A key's first line as reading from the top finds it.
        #[test]
        fn toml_key_lines_agree_with_reading_from_the_top(
            text in "(k|kk|[ =\"\n]){0,40}",
            key in "k{1,2}",
        ) {
            let top = text.lines().position(|l| {
                let l = l.trim_start();
                l.strip_prefix(key.as_str())
                    .is_some_and(|rest| rest.trim_start().starts_with('='))
            });
            proptest::prop_assert_eq!(TomlText::new(&text).key_line(&key), top.map_or(1, |i| i + 1));
        }
    }

    #[test]
    fn district_names_are_plain_page_names() {
        for bad in ["../../x", "a/b", "", "..", "a\\b"] {
            let mut d = Diagnostics::default();
            let text = format!("title = \"t\"\ndistricts = [{:?}]\n", bad);
            assert!(parse(&text, None, &mut d).is_none(), "{bad}");
            let all = d.into_sorted();
            assert!(all.iter().any(|x| x.line == 2), "{bad}: {all:?}");
        }
        let mut d = Diagnostics::default();
        assert!(parse("title = \"t\"\ndistricts = [\"丹徒区\"]\n", None, &mut d).is_some());
    }

    #[test]
    fn duplicate_term_slugs_are_errors() {
        let mut d = Diagnostics::default();
        let text = "title = \"t\"\n[[audiences]]\nslug = \"a\"\nname = \"甲\"\n[[audiences]]\nslug = \"a\"\nname = \"乙\"\n";
        assert!(parse(text, None, &mut d).is_none());
        let all = d.into_sorted();
        assert!(
            all.iter()
                .any(|x| x.message.contains("two [[audiences]] entries share `a`")),
            "{all:?}"
        );
    }

    #[test]
    fn base_url_gets_a_trailing_slash() {
        let mut d = Diagnostics::default();
        let c = parse(
            "title = \"t\"\nbase_url = \"https://x.org/a\"\n",
            None,
            &mut d,
        )
        .unwrap();
        assert_eq!(c.base_url.as_deref(), Some("https://x.org/a/"));
        assert!(!d.has_errors());
    }

    #[test]
    fn toml_error_points_at_line() {
        let mut d = Diagnostics::default();
        assert!(parse("title = \"t\"\nlanguage = zh\n", None, &mut d).is_none());
        let e = &d.as_slice()[0];
        assert_eq!((e.line, e.col), (2, 12));
    }

    #[test]
    fn theme_names_are_plain_folder_names() {
        for ok in ["default", "政务", "my theme"] {
            assert!(is_theme_name(ok), "{ok}");
        }
        for bad in ["", ".", "..", "../x", "a/b", "a\\b", "/abs", "C:x", "x\0"] {
            assert!(!is_theme_name(bad), "{bad}");
        }
        assert_eq!(
            value_at("title = \"t\"\n  theme =  \"x\"\n", "theme"),
            (2, 12)
        );
    }

    #[test]
    fn gov_urls_follow_the_url_policy_with_a_located_error() {
        let mut d = Diagnostics::default();
        let text = "title = \"t\"\n\n[gov]\nsponsor = \"镇江市人民政府办公室\"\nreport_url = \"javascript:alert(1)\"\n";
        assert!(parse(text, None, &mut d).is_none());
        let e = &d.as_slice()[0];
        assert!(e.message.contains("gov.report_url"), "{}", e.message);
        assert!(e.message.contains("javascript"), "{}", e.message);
        assert_eq!(e.line, 5);
    }

    #[test]
    fn gov_icp_links_to_the_filing_system_by_default() {
        let mut d = Diagnostics::default();
        let c = parse(
            "title = \"t\"\n[gov]\nicp = \"苏ICP备12345678号\"\n",
            None,
            &mut d,
        )
        .unwrap();
        assert_eq!(c.gov.icp_url, ICP_URL);
        let c = parse("title = \"t\"\n", None, &mut d).unwrap();
        assert_eq!(c.gov.icp_url, "");
    }

    #[test]
    fn unknown_key_is_a_warning_on_its_line() {
        let mut d = Diagnostics::default();
        parse("title = \"t\"\ncolour = \"red\"\n", None, &mut d).unwrap();
        let w = &d.as_slice()[0];
        assert!(!w.is_error());
        assert_eq!(w.line, 2);
        assert!(w.message.contains("colour"));
    }
}
