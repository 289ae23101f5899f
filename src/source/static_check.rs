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
    place: crate::msg::files::Place,
) -> Diagnostic {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    let (message, hint) = crate::msg::files::refused_file(name, a, place);
    let d = Diagnostic::error(path, message).hint(hint);
    match (a.line, std::str::from_utf8(bytes)) {
        (0, _) | (_, Err(_)) => d,
        (line, Ok(text)) => d.at(text, line as usize, a.col as usize),
    }
}
