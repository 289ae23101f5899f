//! The one module that talks to the YAML library (serde_yaml_ng, the maintained fork
//! of the archived serde_yaml), so that replacing it touches one file.

use serde::de::DeserializeOwned;

/// A YAML failure located in the YAML text given (1-based line and column, when known).
#[derive(Debug, Clone)]
pub(crate) struct YamlError {
    /// What the YAML library said, without its own location suffix.
    pub message: String,
    /// 1-based line and column inside the YAML text.
    pub location: Option<(usize, usize)>,
}

/// The largest YAML text handed to the parser (front matter, indicator files).
pub(crate) const MAX_BYTES: usize = 4 << 20;

/// The deepest nesting of `[` and `{` accepted.
pub(crate) const MAX_DEPTH: usize = 64;

/// Refuses, before the YAML library sees it, text whose size or bracket nesting
/// could make the parser's work grow out of bounds (100,000 `[` took a minute).
/// Quotes and comments are skipped; a block scalar's brackets are counted too,
/// which only matters past 64 unbalanced ones.
fn guard(text: &str) -> Result<(), YamlError> {
    if text.len() > MAX_BYTES {
        return Err(YamlError {
            message: format!(
                "this YAML is {} KiB; the limit is {} KiB",
                text.len() >> 10,
                MAX_BYTES >> 10
            ),
            location: None,
        });
    }
    let mut depth = 0usize;
    for (n, line) in text.lines().enumerate() {
        let mut quote: Option<char> = None;
        for (col, c) in line.chars().enumerate() {
            match (quote, c) {
                (Some(q), c) if c == q => quote = None,
                (Some(_), _) => {}
                (None, '"' | '\'') => quote = Some(c),
                (None, '#') => break,
                (None, '[' | '{') => {
                    depth += 1;
                    if depth > MAX_DEPTH {
                        return Err(YamlError {
                            message: format!("brackets are nested more than {MAX_DEPTH} deep"),
                            location: Some((n + 1, col + 1)),
                        });
                    }
                }
                (None, ']' | '}') => depth = depth.saturating_sub(1),
                _ => {}
            }
        }
    }
    Ok(())
}

/// A YAML text read once into its tree, for a caller that asks several things of
/// it: whether it is a mapping, its keys, and its value as a type.
pub(crate) struct Tree(serde_yaml::Value);

/// Reads `text` into a [`Tree`] (one pass of the YAML parser).
pub(crate) fn tree(text: &str) -> Result<Tree, YamlError> {
    guard(text)?;
    serde_yaml::from_str(text).map(Tree).map_err(convert)
}

impl Tree {
    /// True when the text is a mapping at top level (or empty).
    pub(crate) fn is_mapping_or_empty(&self) -> bool {
        matches!(
            self.0,
            serde_yaml::Value::Mapping(_) | serde_yaml::Value::Null
        )
    }

    /// The first top-level key whose value holds, once YAML's escapes are read
    /// (`"\x01"`, `"\v"`, `"\uFFFE"`), a character XML forbids
    /// ([`crate::text::escape::is_forbidden`]), and that character.
    pub(crate) fn forbidden_character(&self) -> Option<(String, char)> {
        let serde_yaml::Value::Mapping(m) = &self.0 else {
            return None;
        };
        m.iter().find_map(|(k, v)| {
            let c = forbidden_in(k).or_else(|| forbidden_in(v))?;
            Some((k.as_str().unwrap_or_default().to_string(), c))
        })
    }

    /// The first character XML forbids anywhere in the tree (keys, values, list
    /// items), once YAML's escapes are read.
    pub(crate) fn first_forbidden(&self) -> Option<char> {
        forbidden_in(&self.0)
    }

    /// The top-level keys, in the order written (empty if not a mapping).
    pub(crate) fn top_level_keys(&self) -> Vec<String> {
        match &self.0 {
            serde_yaml::Value::Mapping(m) => m
                .keys()
                .map(|k| match k {
                    serde_yaml::Value::String(s) => s.clone(),
                    other => serde_yaml::to_string(other)
                        .unwrap_or_default()
                        .trim()
                        .to_string(),
                })
                .collect(),
            _ => Vec::new(),
        }
    }

    /// The value as `T`. Taken from the tree when every value already has the
    /// type `T` asks for (the tree is then the same reading); otherwise `text`
    /// (the text this tree was read from) is read again as
    /// [`from_str_lenient`] does, where a plain `title: 2023` is text, the
    /// shorthand of each key is read on its own and errors carry their line.
    pub(crate) fn into_lenient<T: DeserializeOwned>(
        self,
        text: &str,
        lenient: &[(&str, Lenient)],
    ) -> Result<T, YamlError> {
        if matches!(self.0, serde_yaml::Value::Mapping(_)) {
            if let Ok(v) = serde_yaml::from_value(self.0) {
                return Ok(v);
            }
        }
        from_str_lenient(text, lenient)
    }
}

/// The first character of [`crate::text::escape::is_forbidden`] in `v`.
fn forbidden_in(v: &serde_yaml::Value) -> Option<char> {
    match v {
        serde_yaml::Value::String(s) => s.chars().find(|&c| crate::text::escape::is_forbidden(c)),
        serde_yaml::Value::Sequence(items) => items.iter().find_map(forbidden_in),
        serde_yaml::Value::Mapping(m) => m
            .iter()
            .find_map(|(k, v)| forbidden_in(k).or_else(|| forbidden_in(v))),
        serde_yaml::Value::Tagged(t) => forbidden_in(&t.value),
        _ => None,
    }
}

/// Deserializes `text` into `T`.
pub(crate) fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, YamlError> {
    guard(text)?;
    serde_yaml::from_str(text).map_err(convert)
}

/// How a top-level value written in editors' shorthand is read by
/// [`from_str_lenient`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Lenient {
    /// A list of names: one name, or `老年人、残疾人`, is a list of one item (the
    /// reader of the names splits what it does not know as a whole).
    Names,
    /// A list of sentences: one sentence is a list of one.
    Items,
    /// Yes or no: `是` and `否` are true and false.
    YesNo,
}

/// Deserializes `text` into `T`, with the top-level values of the `lenient` keys
/// read in editors' shorthand (see [`shorthand`]).
///
/// The shorthand is rewritten in the text, not in a parsed `serde_yaml::Value`:
/// a value tree has already decided that `phone: 12345` is a number, which can
/// then no longer become the text a `String` field wants, so one plain number
/// anywhere made the shorthand of every other key fail. Read from text, serde
/// asks for each value as the type its field has (a number is text where text is
/// wanted), every key is forgiven on its own, and errors keep their line.
pub(crate) fn from_str_lenient<T: DeserializeOwned>(
    text: &str,
    lenient: &[(&str, Lenient)],
) -> Result<T, YamlError> {
    guard(text)?;
    serde_yaml::from_str(&shorthand(text, lenient)).map_err(convert)
}

/// `text` with each top-level `key: value` of a `lenient` key written as YAML
/// proper, line for line (so every line keeps its number): a plain value
/// becomes a quoted list of one (`audiences: 老年人` → `audiences: ["老年人"]`,
/// continuation lines included), one quoted value a list of one, `是`/`否`
/// become `true`/`false`. Values in brackets, block lists on the next lines,
/// `null` and anything else are left as written.
fn shorthand(text: &str, lenient: &[(&str, Lenient)]) -> String {
    let lines: Vec<&str> = text.split('\n').collect();
    let mut out: Vec<String> = Vec::with_capacity(lines.len());
    let mut i = 0;
    while i < lines.len() {
        let more = lines[i + 1..]
            .iter()
            .take_while(|l| l.starts_with([' ', '\t']) && !l.trim().is_empty())
            .count();
        let next = &lines[i + 1..=i + more];
        match rewrite(lines[i], next, lenient) {
            Some(new) => {
                out.extend(new);
                i += 1 + more;
            }
            None => {
                out.push(lines[i].to_string());
                i += 1;
            }
        }
    }
    out.join("\n")
}

/// One `key: value` line of [`shorthand`] and its plain continuation lines
/// `next`, rewritten (as many lines), or `None` when they are left as written.
fn rewrite(line: &str, next: &[&str], lenient: &[(&str, Lenient)]) -> Option<Vec<String>> {
    let (key, how) = lenient.iter().find(|(k, _)| {
        line.strip_prefix(k)
            .and_then(|r| r.strip_prefix(':'))
            .is_some_and(|r| r.starts_with([' ', '\t']))
    })?;
    // A plain value ends at ` #` (a comment; the keyboard check reports it).
    let plain = |s: &str| s.find(" #").map_or(s, |i| &s[..i]).trim().to_string();
    let rest = line[key.len() + 1..].trim();
    let quoted = |q: char| rest.len() > 1 && rest.starts_with(q) && rest.ends_with(q);
    let list = matches!(how, Lenient::Names | Lenient::Items);
    if list && next.is_empty() && (quoted('"') || quoted('\'')) {
        // One quoted value is a list of one too.
        return Some(vec![format!("{key}: [{rest}]")]);
    }
    let value = plain(rest);
    let first = value.chars().next()?;
    if "[{\"'|>&*!#%@`".contains(first) || matches!(&*value, "~" | "null" | "Null" | "NULL") {
        return None;
    }
    let quote = |s: &str| s.replace('\\', "\\\\").replace('"', "\\\"");
    match how {
        Lenient::Names | Lenient::Items if next.iter().all(|l| !l.contains(" #")) => {
            let mut lines = vec![format!("{key}: [\"{}", quote(&value))];
            lines.extend(next.iter().map(|l| format!("  {}", quote(&plain(l)))));
            if let Some(last) = lines.last_mut() {
                last.push_str("\"]");
            }
            Some(lines)
        }
        Lenient::YesNo if next.is_empty() => match &*value {
            "是" => Some(vec![format!("{key}: true")]),
            "否" => Some(vec![format!("{key}: false")]),
            _ => None,
        },
        _ => None,
    }
}

fn convert(e: serde_yaml::Error) -> YamlError {
    let location = e.location().map(|l| (l.line(), l.column()));
    let mut message = e.to_string();
    // The library appends " at line L column C"; we report the location ourselves,
    // in the coordinates of the whole file.
    if let Some(i) = message.find(" at line ") {
        message.truncate(i);
    }
    YamlError { message, location }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_location_is_one_based() {
        let e =
            from_str::<std::collections::BTreeMap<String, String>>("a: b\nc: [d\n").unwrap_err();
        let (line, _) = e.location.unwrap();
        assert!(line >= 2, "{e:?}");
        assert!(!e.message.contains(" at line "));
    }

    #[test]
    fn shorthand_is_read_when_the_strict_reading_fails() {
        #[derive(serde::Deserialize, Debug, PartialEq)]
        struct T {
            a: Vec<String>,
            b: Vec<String>,
            c: bool,
        }
        let how = [
            ("a", Lenient::Names),
            ("b", Lenient::Items),
            ("c", Lenient::YesNo),
        ];
        let t: T =
            from_str_lenient("a: 老年人、残疾人\nb: 带上身份证、户口本\nc: 是\n", &how).unwrap();
        assert_eq!(t.a, ["老年人、残疾人"]);
        assert_eq!(t.b, ["带上身份证、户口本"]);
        assert!(t.c);
        let e = from_str_lenient::<T>("a: x\nb: y\nc: 也许\n", &how).unwrap_err();
        assert!(e.message.contains("expected a boolean"), "{e:?}");
        assert_eq!(e.location.map(|l| l.0), Some(3));
    }

    #[test]
    fn shorthand_is_read_per_key_whatever_the_other_values_are() {
        #[derive(serde::Deserialize, Debug, PartialEq, Default)]
        #[serde(default)]
        struct Place {
            phone: Option<String>,
        }
        #[derive(serde::Deserialize, Debug, PartialEq, Default)]
        #[serde(default)]
        struct T {
            title: Option<String>,
            cost: Option<String>,
            audiences: Vec<String>,
            events: Vec<String>,
            who_can_apply: Vec<String>,
            draft: bool,
            #[serde(rename = "where")]
            place: Option<Place>,
            weight: Option<i64>,
        }
        let how = [
            ("audiences", Lenient::Names),
            ("events", Lenient::Names),
            ("who_can_apply", Lenient::Items),
            ("draft", Lenient::YesNo),
        ];
        // The tester's guide: plain numbers where text goes, next to shorthand.
        let text = "title: 2023\naudiences: 老年人\nevents: 家里添了宝宝、孩子上学\n\
                    who_can_apply: 年满\"65\"岁 # 备注\ncost: 0\ndraft: 否\n\
                    where:\n  phone: 12345\nweight: 3\n";
        let t: T = tree(text).unwrap().into_lenient(text, &how).unwrap();
        assert_eq!(t.title.as_deref(), Some("2023"));
        assert_eq!(t.cost.as_deref(), Some("0"));
        assert_eq!(t.audiences, ["老年人"]);
        assert_eq!(t.events, ["家里添了宝宝、孩子上学"]);
        assert_eq!(t.who_can_apply, ["年满\"65\"岁"]);
        assert!(!t.draft);
        assert_eq!(t.place.unwrap().phone.as_deref(), Some("12345"));
        assert_eq!(t.weight, Some(3));
        // Lists, quotes, block lists and null are left as written; a plain value
        // may go on over indented lines.
        let text = "audiences: [甲, 乙]\nevents:\n  - 丙\nwho_can_apply: 第一\n  第二\n";
        let t: T = from_str_lenient(text, &how).unwrap();
        assert_eq!(t.audiences, ["甲", "乙"]);
        assert_eq!(t.events, ["丙"]);
        assert_eq!(t.who_can_apply, ["第一 第二"]);
        let text = "draft: 是\nwho_can_apply: \"a: b\"\nevents: '年纪''大了'\n";
        let t: T = from_str_lenient(text, &how).unwrap();
        assert!(t.draft);
        assert_eq!(t.who_can_apply, ["a: b"]);
        assert_eq!(t.events, ["年纪'大了"]);
        // A real mistake is still found at its own line, not at a lenient key.
        let e =
            from_str_lenient::<T>("audiences: 老年人\ncost: 0\nweight: 三\n", &how).unwrap_err();
        assert!(e.message.starts_with("weight:"), "{e:?}");
        assert_eq!(e.location.map(|l| l.0), Some(3));
    }

    #[test]
    fn deep_brackets_are_refused_before_parsing() {
        let text = format!("title: {}\n", "[".repeat(100_000));
        let Err(e) = tree(&text) else {
            panic!("deep brackets were read")
        };
        assert_eq!(e.location, Some((1, 8 + MAX_DEPTH)));
        // Balanced brackets in quotes and comments do not count.
        let ok = format!(
            "a: \"{}\" # {}\nb: [[1]]\n",
            "[".repeat(200),
            "{".repeat(200)
        );
        assert!(tree(&ok).is_ok());
    }

    #[test]
    fn a_tree_gives_what_the_text_gives() {
        #[derive(serde::Deserialize, Debug, PartialEq)]
        struct T {
            title: String,
            a: Vec<String>,
            #[serde(default)]
            n: Option<u32>,
        }
        let how = [("a", Lenient::Names)];
        // Types that match: read from the tree. Plain numbers and shorthand where
        // text is asked for: read from the text again, as before.
        for text in [
            "title: 养老\na: [x, y]\nn: 3\n",
            "title: 2023\na: [x]\n",
            "title: 0x1A\na: [x]\n",
            "title: 养老院\na: 老年人、残疾人\n",
            "title: 2023.10\na: [1, 2]\n",
        ] {
            let t = tree(text).unwrap();
            assert!(t.is_mapping_or_empty());
            assert_eq!(t.top_level_keys()[0], "title");
            let from_tree: T = t.into_lenient(text, &how).unwrap();
            let from_text: T = from_str_lenient(text, &how).unwrap();
            assert_eq!(from_tree, from_text, "{text}");
        }
        assert_eq!(
            tree("title: 2023\n")
                .unwrap()
                .into_lenient::<T>("title: 2023\na: []\n", &how)
                .unwrap()
                .title,
            "2023"
        );
        assert!(!tree("- a\n").unwrap().is_mapping_or_empty());
    }
}
