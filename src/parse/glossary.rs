//! `content/glossary.yaml` as written: a list of entries, each a term, its plain
//! explanation and other spellings. The checks on the entries (empty, twice) and
//! the model the site reads are in `crate::glossary`.

use serde::Deserialize;

use crate::diag::Diagnostics;

/// One entry as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawTerm {
    /// The term.
    pub(crate) term: String,
    /// The plain explanation.
    pub(crate) plain: String,
    /// Other spellings.
    #[serde(default)]
    pub(crate) aliases: Vec<String>,
}

/// Parses the glossary's text (line ends already `\n`); `None` after reporting
/// why it could not be read.
pub(crate) fn parse(
    path: &std::path::Path,
    text: &str,
    diags: &mut Diagnostics,
) -> Option<Vec<RawTerm>> {
    super::data_yaml(
        path,
        text,
        ("术语表", "the glossary"),
        |hint| {
            let (zh, en) = (hint.zh(), hint.en());
            crate::t!(
            "{zh}。术语表每个词条写成：\n- term: 普惠托育\n  plain: 政府支持、收费较低的托育服务",
            "{en}; write a list of entries:\n- term: 普惠托育\n  plain: 政府支持、收费较低的托育服务"
        )
        },
        diags,
    )
}
