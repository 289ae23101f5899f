//! PARSE: source text into data, collecting diagnostics rather than stopping at the
//! first mistake. Everything here reads text that is already in memory; nothing
//! reads the disk (that is `source`) and nothing knows the site (that is `site`).
//!
//! - `keyboard`: Chinese-keyboard slips, found before the YAML and TOML parsers;
//! - `yaml`: the one YAML crate, behind size, depth and leniency guards;
//! - `front_matter`: a page's settings between the `---` lines;
//! - `config`: `site.toml`;
//! - `indicator`: an indicator file's YAML as written;
//! - `glossary`: `glossary.yaml` as written.

pub mod config;
pub(crate) mod escapes;
pub mod front_matter;
pub(crate) mod glossary;
pub(crate) mod indicator;
pub(crate) mod keyboard;
pub(crate) mod yaml;

/// A data file's YAML (`text`, line ends already `\n`) read into `T`: comment
/// slips first, then the YAML, its error said in editors' words about `what`
/// (the file named in both languages), with `hint` making the library's hint
/// fit the file. `None` after reporting why.
pub(crate) fn data_yaml<T: serde::de::DeserializeOwned>(
    path: &std::path::Path,
    text: &str,
    what: (&str, &str),
    hint: impl FnOnce(crate::msg::Text) -> crate::msg::Text,
    diags: &mut crate::diag::Diagnostics,
) -> Option<T> {
    if !keyboard::report_data_comments(path, text, diags) {
        return None;
    }
    match yaml::from_str(text) {
        Ok(r) => escaped_forbidden(path, text, diags).then_some(r),
        Err(e) => {
            // A keyboard slip (`plain：…`, `unit:人`) explains the failure better
            // than the parser, which points at the line after it. Looked for
            // only when the file fails, so a file that reads well is never
            // told off for text in its values.
            let slips: Vec<keyboard::Slip> = keyboard::yaml(text, 1, &[])
                .into_iter()
                .filter(|s| s.error)
                .collect();
            if !slips.is_empty() {
                let loc = crate::diag::Locator::new(text);
                for s in slips {
                    diags.push(
                        crate::diag::Diagnostic::error(path, s.message)
                            .at_in(&loc, s.line, s.col)
                            .hint(s.hint),
                    );
                }
                return None;
            }
            let (line, col) = e.location.unwrap_or((1, 1));
            let (message, said) = crate::msg::data_words::explain(&e.message, what);
            diags.push(
                crate::diag::Diagnostic::error(path, message)
                    .at(text, line, col)
                    .hint(hint(said)),
            );
            None
        }
    }
}

/// True when no value of the data file `text` holds a character XML forbids
/// written as an escape (`"\x01"`, which the parser reads into the value);
/// otherwise said at the escape. A literal one never gets here: YAML refuses
/// it.
fn escaped_forbidden(
    path: &std::path::Path,
    text: &str,
    diags: &mut crate::diag::Diagnostics,
) -> bool {
    let Some((line, col, name)) = forbidden_escape(text) else {
        return true;
    };
    diags.push(
        crate::diag::Diagnostic::error(path, crate::msg::keyboard::escaped_control_here(&name))
            .at(text, line, col)
            .hint(crate::msg::keyboard::escaped_control_hint()),
    );
    false
}

/// A character XML forbids written as an escape in the YAML `text` (one that
/// reads well): where (1-based line and column of the escape) and its name.
/// Only text with a backslash is read again.
pub(crate) fn forbidden_escape(text: &str) -> Option<(usize, usize, String)> {
    if !text.contains('\\') {
        return None;
    }
    let c = yaml::tree(text).ok()?.first_forbidden()?;
    let (line, col) = escapes::locate(text, c).unwrap_or((1, 1));
    Some((line, col, escapes::name(c)))
}
