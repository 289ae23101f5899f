//! The glossary (`content/glossary.yaml`): policy terms with a plain explanation.
//! The first use of a term on a page links to its entry, with the explanation
//! shown on hover and keyboard focus (and always reachable by following the link,
//! which works on touch screens and without script).

use crate::diag::{Diagnostic, Diagnostics};
use crate::source::SourceFile;

/// Where the glossary lives, relative to `content/`.
pub(crate) const FILE: &str = "glossary.yaml";

/// One term.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize)]
pub struct Term {
    /// The term as written.
    pub term: String,
    /// Other spellings that are marked up the same way.
    pub aliases: Vec<String>,
    /// The plain explanation.
    pub plain: String,
    /// The anchor on the glossary page.
    pub id: String,
}

/// Reads the glossary, if the site has one.
pub(crate) fn load(files: &[SourceFile], diags: &mut Diagnostics) -> Vec<Term> {
    let Some(f) = files.iter().find(|f| f.rel == FILE) else {
        return Vec::new();
    };
    let text = String::from_utf8_lossy(&f.bytes).replace("\r\n", "\n");
    let Some(raw) = crate::parse::glossary::parse(&f.path, &text, diags) else {
        return Vec::new();
    };
    let mut terms: Vec<Term> = Vec::new();
    // Terms and anchors taken so far: one lookup each, whatever the length.
    let mut seen = std::collections::HashSet::new();
    let mut ids = Ids::default();
    for r in raw {
        let term = r.term.trim().to_string();
        if term.is_empty() || r.plain.trim().is_empty() {
            let at = if term.is_empty() {
                r.term_at
            } else {
                r.plain_at
            };
            diags.push(
                located(
                    Diagnostic::error(
                        &f.path,
                        crate::t!(
                            "术语表的每个词条都要有词语（term）和通俗解释（plain）",
                            "a glossary entry needs a term and a plain explanation"
                        ),
                    ),
                    &text,
                    at,
                )
                .hint(crate::t!(
                    "例如：\n- term: 普惠托育\n  plain: 政府支持、收费较低的托育服务",
                    "for example:\n- term: 普惠托育\n  plain: 政府支持、收费较低的托育服务"
                )),
            );
            continue;
        }
        if !seen.insert(term.clone()) {
            diags.push(
                located(
                    Diagnostic::error(
                        &f.path,
                        crate::t!(
                            "术语表里“{term}”写了两次",
                            "`{term}` is in the glossary twice"
                        ),
                    ),
                    &text,
                    r.term_at,
                )
                .hint(crate::t!(
                    "每个词语只留一个词条，删掉多余的",
                    "keep one entry per term"
                )),
            );
            continue;
        }
        let id = unique_id(&term, &mut ids);
        terms.push(Term {
            term,
            aliases: r.aliases,
            plain: r.plain.trim().to_string(),
            id,
        });
    }
    terms
}

/// The anchor of `term`: `term-` and its slug, with `-2`, `-3` … after it when
/// an entry before it (in file order) has it already: terms written only in
/// signs (`&`, `<`, `#`) or spelled apart only by case or spaces share a slug,
/// and each needs its own tooltip and anchor.
fn unique_id(term: &str, ids: &mut Ids) -> String {
    let base = format!("term-{}", crate::text::slug::heading_slug(term));
    let mut id = base.clone();
    if ids.taken.contains(&id) {
        // Counted on from the last suffix this slug got: linear in the terms.
        let next = ids.next.entry(base.clone()).or_insert(2);
        while ids.taken.contains(&id) {
            id = format!("{base}-{next}");
            *next += 1;
        }
    }
    ids.taken.insert(id.clone());
    id
}

/// The anchors given so far, and the next suffix to try for each slug.
#[derive(Default)]
struct Ids {
    taken: std::collections::HashSet<String>,
    next: std::collections::HashMap<String, usize>,
}

/// `d` pointed at `at` in `text`, when the entry's key was found.
fn located(d: Diagnostic, text: &str, at: Option<(usize, usize)>) -> Diagnostic {
    match at {
        Some((line, col)) => d.at(text, line, col),
        None => d,
    }
}

/// Every spelling of every term, longest first (so 无障碍改造 wins over 无障碍).
pub(crate) fn spellings(terms: &[Term]) -> Vec<(&str, usize)> {
    let mut v: Vec<(&str, usize)> = terms
        .iter()
        .enumerate()
        .flat_map(|(i, t)| {
            std::iter::once(t.term.as_str())
                .chain(t.aliases.iter().map(String::as_str))
                .map(move |s| (s, i))
        })
        .filter(|(s, _)| !s.is_empty())
        .collect();
    v.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(b.0)));
    v
}
