//! The one module that talks to the YAML library (serde_yaml_ng, the maintained fork
//! of the archived serde_yaml), so that replacing it touches one file.

use serde::de::DeserializeOwned;

/// A YAML failure located in the YAML text given (1-based line and column, when known).
#[derive(Debug, Clone)]
pub struct YamlError {
    /// What the YAML library said, without its own location suffix.
    pub message: String,
    /// 1-based line and column inside the YAML text.
    pub location: Option<(usize, usize)>,
}

/// The largest YAML text handed to the parser (front matter, indicator files).
pub const MAX_BYTES: usize = 4 << 20;

/// The deepest nesting of `[` and `{` accepted.
pub const MAX_DEPTH: usize = 64;

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

/// A YAML document's top-level keys, in the order written (empty if not a mapping).
pub fn top_level_keys(text: &str) -> Result<Vec<String>, YamlError> {
    guard(text)?;
    let value: serde_yaml::Value = serde_yaml::from_str(text).map_err(convert)?;
    Ok(match value {
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
    })
}

/// True when the text is a YAML mapping at top level (or empty).
pub fn is_mapping_or_empty(text: &str) -> Result<bool, YamlError> {
    guard(text)?;
    let value: serde_yaml::Value = serde_yaml::from_str(text).map_err(convert)?;
    Ok(matches!(
        value,
        serde_yaml::Value::Mapping(_) | serde_yaml::Value::Null
    ))
}

/// Deserializes `text` into `T`.
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, YamlError> {
    guard(text)?;
    serde_yaml::from_str(text).map_err(convert)
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
    fn deep_brackets_are_refused_before_parsing() {
        let text = format!("title: {}\n", "[".repeat(100_000));
        let e = top_level_keys(&text).unwrap_err();
        assert_eq!(e.location, Some((1, 8 + MAX_DEPTH)));
        // Balanced brackets in quotes and comments do not count.
        let ok = format!(
            "a: \"{}\" # {}\nb: [[1]]\n",
            "[".repeat(200),
            "{".repeat(200)
        );
        assert!(top_level_keys(&ok).is_ok());
    }
}
