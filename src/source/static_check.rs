//! The site's rule for files published as they are ([`crate::text::active`]),
//! as diagnostics: for files beside pages and for `static/`.

use crate::diag::Diagnostic;

/// The error for a file (`path`, named `rel`) that would run code when opened,
/// at the offending part of `bytes` when its place is known.
pub(crate) fn refused_file(
    path: &std::path::Path,
    rel: &str,
    bytes: &[u8],
    a: &crate::text::active::Active,
    place: crate::source::refused::Place,
) -> Diagnostic {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    let (message, hint) = crate::source::refused::refused_file(name, a, place);
    let d = Diagnostic::error(path, message).hint(hint);
    match (a.line, std::str::from_utf8(bytes)) {
        (0, _) | (_, Err(_)) => d,
        (line, Ok(text)) => d.at(text, line as usize, a.col as usize),
    }
}

/// Whether `bytes` are those of the built-in theme's `static/{rel}`: trusted,
/// shipped with the tool, wherever the site keeps a copy.
fn built_in(rel: &str, bytes: &[u8]) -> bool {
    crate::theme::DEFAULT_FILES
        .iter()
        .any(|(p, text)| p.strip_prefix("static/") == Some(rel) && text.as_bytes() == bytes)
}

/// Keeps the static files (`rel` to where each was read and its bytes) that the
/// site may publish: under `raw_html = "escape"` the site's and its theme
/// folder's files follow the rule for files beside pages
/// ([`crate::text::active`]), editors can change them; the built-in theme's
/// files, and copies identical to them, are the tool's own and trusted.
///
/// A refused file that has the name of one of the built-in theme's files (a
/// `minsheng.js` from an older version, or changed) is dropped with a warning,
/// and its name returned: the built-in one stands in, so that a site made by
/// an older `minsheng new` still builds after an update. Any other file refused
/// is an error at its place.
pub(crate) fn keep_safe(
    files: &mut std::collections::BTreeMap<String, (std::path::PathBuf, Vec<u8>)>,
    raw_html: crate::parse::config::RawHtml,
    diags: &mut crate::diag::Diagnostics,
) -> Vec<String> {
    let mut replaced = Vec::new();
    if raw_html == crate::parse::config::RawHtml::Allow {
        return replaced;
    }
    files.retain(|rel, (path, bytes)| {
        if path.starts_with(super::BUILT_IN) || built_in(rel, bytes) {
            return true;
        }
        let Some(a) = crate::text::active::active(rel, bytes) else {
            return true;
        };
        let theirs = crate::theme::DEFAULT_FILES
            .iter()
            .any(|(p, _)| p.strip_prefix("static/") == Some(rel.as_str()));
        if theirs {
            let name = rel.rsplit('/').next().unwrap_or(rel);
            diags.push(
                Diagnostic::warning(&*path, crate::source::refused::replaced_theme_file(name))
                    .hint(crate::source::refused::changed_theme_file_hint()),
            );
            replaced.push(rel.clone());
        } else {
            let place = crate::source::refused::Place::Static;
            diags.push(refused_file(path, rel, bytes, &a, place));
        }
        false
    });
    replaced
}
