//! An indicator's id: the name of its page and downloads (`indicators/<id>/`).

use super::lines::YamlFile;
use crate::diag::{Diagnostic, Diagnostics};
use crate::msg::site::{windows_name, windows_name_hint, Named};
use crate::parse::indicator::RawIndicator;
use crate::source::SourceFile;
use crate::t;

/// The id: `id:`, else the file name; letters, digits, `-` and `_` only.
pub(super) fn id_of(
    f: &SourceFile,
    raw: &RawIndicator,
    file: &YamlFile<'_>,
    ok: &mut bool,
    diags: &mut Diagnostics,
) -> String {
    let stem = f
        .rel
        .rsplit('/')
        .next()
        .unwrap_or(&f.rel)
        .trim_end_matches(".yaml")
        .trim_end_matches(".yml");
    let id = raw.id.clone().unwrap_or_else(|| stem.to_string());
    if id.is_empty()
        || !id
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
    {
        diags.push(file.at(
            "id",
            None,
            t!(
                "指标编号“{id}”只能用字母、数字、- 和 _",
                "indicator id `{id}` may only contain letters, digits, `-` and `_`"
            ),
            t!(
                "改文件名，或在指标文件里写 id:，例如 id: elderly-health-checks",
                "rename the file or set `id:`, e.g. id: elderly-health-checks"
            ),
        ));
        *ok = false;
    } else if let Some(r) = crate::text::slug::reserved_in(&id) {
        // The id names the indicator's page and downloads (indicators/<id>/).
        let id_written = raw.id.is_some();
        let message = windows_name(&r.name);
        let hint = windows_name_hint(Named::Indicator { id_written }, &r.instead);
        diags.push(if id_written {
            file.at("id", None, message, hint)
        } else {
            Diagnostic::error(&f.path, message).hint(hint)
        });
        *ok = false;
    }
    id
}
