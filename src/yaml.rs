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

/// A YAML document's top-level keys, in the order written (empty if not a mapping).
pub fn top_level_keys(text: &str) -> Result<Vec<String>, YamlError> {
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
    let value: serde_yaml::Value = serde_yaml::from_str(text).map_err(convert)?;
    Ok(matches!(
        value,
        serde_yaml::Value::Mapping(_) | serde_yaml::Value::Null
    ))
}

/// Deserializes `text` into `T`.
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, YamlError> {
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
}
