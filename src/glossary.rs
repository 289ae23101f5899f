//! The glossary (`content/glossary.yaml`): policy terms with a plain explanation.
//! The first use of a term on a page links to its entry, with the explanation
//! shown on hover and keyboard focus (and always reachable by following the link,
//! which works on touch screens and without script).

use crate::diag::{Diagnostic, Diagnostics};
use crate::source::SourceFile;

/// The most terms and aliases a glossary may have (a city's has a few
/// hundred at most).
const MAX_SPELLINGS: usize = 10_000;

/// The longest a term or alias may be, in characters.
const MAX_SPELLING: usize = 50;

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

/// The glossary's terms, with a finder of all their spellings made once for
/// every page (each page sorted every spelling again, and looked for each
/// spelling once per piece of text: 20,000 terms used on one page took 11 s).
#[derive(Clone, Default)]
pub struct Glossary {
    terms: Vec<Term>,
    finder: Option<std::sync::Arc<aho_corasick::AhoCorasick>>,
    /// For each spelling the finder knows (each once, in [`spellings`]
    /// order): the terms spelt so, in order (aliases shared by many terms
    /// made the finder's build quadratic when given once per term).
    terms_of: Vec<Box<[usize]>>,
    /// The longest spelling's length in bytes.
    longest: usize,
}

/// What a page has marked so far: each term used, for each spelling the
/// first of its terms that may still be unused, and how many are left.
pub(crate) struct Marks {
    used: Vec<bool>,
    next: Vec<usize>,
    pub(crate) left: usize,
}

impl Glossary {
    /// The glossary of `terms`.
    pub fn new(terms: Vec<Term>) -> Self {
        let spellings = spellings(&terms);
        let longest = spellings.first().map_or(0, |(s, _)| s.len());
        // Equal spellings are next to each other: one pattern each.
        let groups = spellings.chunk_by(|a, b| a.0 == b.0);
        let patterns: Vec<&str> = groups.clone().map(|g| g[0].0).collect();
        let terms_of = groups
            .map(|g| g.iter().map(|&(_, t)| t).collect())
            .collect();
        // Building fails only past the finder's own limits (billions of
        // states), which spellings read from an 8 MiB file cannot reach; were
        // it to fail, no term would be marked (and the page still built).
        let finder = (!patterns.is_empty())
            .then(|| aho_corasick::AhoCorasick::new(&patterns).ok())
            .flatten()
            .map(std::sync::Arc::new);
        Glossary {
            finder,
            terms_of,
            longest,
            terms,
        }
    }

    /// A page's marks: nothing used yet.
    pub(crate) fn marks(&self) -> Marks {
        Marks {
            used: vec![false; self.terms.len()],
            next: vec![0; self.terms_of.len()],
            left: self.terms.len(),
        }
    }

    /// The first of the terms spelt `spelling` not used yet on the page.
    fn unused(&self, spelling: usize, marks: &mut Marks) -> Option<usize> {
        let terms = &self.terms_of[spelling];
        let next = &mut marks.next[spelling];
        while terms.get(*next).is_some_and(|&t| marks.used[t]) {
            *next += 1;
        }
        terms.get(*next).copied()
    }

    /// The first use in `text` of each term the page has not used yet, as
    /// (start, end, term), in order and apart: at each place the earliest
    /// spelling, the longest of those starting there (无障碍改造 before
    /// 无障碍), then on after it. Marks the terms found as used.
    pub(crate) fn first_uses(&self, text: &str, marks: &mut Marks) -> Vec<(usize, usize, usize)> {
        let Some(finder) = &self.finder else {
            return Vec::new();
        };
        // Every place of every spelling (overlapping: a term inside another
        // counts), taken in order of start, the longest first. The finder
        // gives them in order of end: one that starts more than the longest
        // spelling before the end just found is settled (none to come starts
        // before it), so only the places of the last few characters are
        // held, however many spellings nest there.
        use std::cmp::Reverse;
        use std::collections::BinaryHeap;
        // (start, longest first, spelling), smallest first.
        type Found = Reverse<(usize, Reverse<usize>, usize)>;
        let mut waiting: BinaryHeap<Found> = BinaryHeap::new();
        let (mut uses, mut pos) = (Vec::new(), 0);
        let mut settle = |waiting: &mut BinaryHeap<Found>, before: usize, marks: &mut Marks| {
            while let Some(&Reverse((start, Reverse(len), spelling))) = waiting.peek() {
                if start >= before {
                    break;
                }
                waiting.pop();
                if start < pos {
                    continue;
                }
                if let Some(term) = self.unused(spelling, marks) {
                    marks.used[term] = true;
                    marks.left -= 1;
                    uses.push((start, start + len, term));
                    pos = start + len;
                }
            }
        };
        for m in finder.find_overlapping_iter(text) {
            if marks.left == 0 {
                break;
            }
            let spelling = m.pattern().as_usize();
            if self.unused(spelling, marks).is_none() {
                continue;
            }
            settle(&mut waiting, m.end().saturating_sub(self.longest), marks);
            waiting.push(Reverse((m.start(), Reverse(m.len()), spelling)));
        }
        settle(&mut waiting, usize::MAX, marks);
        uses
    }
}

impl std::ops::Deref for Glossary {
    type Target = [Term];
    fn deref(&self) -> &[Term] {
        &self.terms
    }
}

impl<'a> IntoIterator for &'a Glossary {
    type Item = &'a Term;
    type IntoIter = std::slice::Iter<'a, Term>;
    fn into_iter(self) -> Self::IntoIter {
        self.terms.iter()
    }
}

impl std::hash::Hash for Glossary {
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        self.terms.hash(h);
    }
}

impl std::fmt::Debug for Glossary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(&self.terms).finish()
    }
}

/// Reads the glossary, if the site has one.
pub(crate) fn load(files: &[SourceFile], diags: &mut Diagnostics) -> Glossary {
    let terms = load_terms(files, diags);
    let spellings: usize = terms.iter().map(|t| 1 + t.aliases.len()).sum();
    let file = files.iter().find(|f| f.rel == FILE);
    if let (true, Some(f)) = (spellings > MAX_SPELLINGS, file) {
        // The finder of every spelling is built in time that grows as the
        // square of spellings sharing a beginning (80,000 terms 词语1, 词语2 …
        // took 1.6 s a build, 400,000 would take a minute).
        diags.push(
            Diagnostic::error(
                &f.path,
                crate::t!(
                    "术语表有 {spellings} 个词语和别名，最多 {MAX_SPELLINGS} 个",
                    "the glossary has {spellings} terms and aliases; the most is {MAX_SPELLINGS}"
                ),
            )
            .hint(crate::t!(
                "只收市民会读到、需要解释的政策用词",
                "keep the policy words readers meet and need explained"
            )),
        );
        return Glossary::default();
    }
    Glossary::new(terms)
}

fn load_terms(files: &[SourceFile], diags: &mut Diagnostics) -> Vec<Term> {
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
    let loc = crate::diag::Locator::new(&text);
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
                    &loc,
                    at,
                )
                .hint(crate::t!(
                    "例如：\n- term: 普惠托育\n  plain: 政府支持、收费较低的托育服务",
                    "for example:\n- term: 普惠托育\n  plain: 政府支持、收费较低的托育服务"
                )),
            );
            continue;
        }
        let longest = std::iter::once(&term)
            .chain(&r.aliases)
            .map(|s| s.chars().count());
        if longest.max().unwrap_or(0) > MAX_SPELLING {
            // A term is a word or a short phrase; spellings inside each other
            // (民, 民民, 民民民 …) are each met at every place of the others,
            // so their length bounds the work on every page.
            diags.push(
                located(
                    Diagnostic::error(
                        &f.path,
                        crate::t!(
                            "术语表的词语和别名每个最多 {MAX_SPELLING} 个字",
                            "a glossary term or alias is at most {MAX_SPELLING} characters"
                        ),
                    ),
                    &loc,
                    r.term_at,
                )
                .hint(crate::t!(
                    "词语写政策用词本身，例如“普惠托育”；长的说明写在 plain 里",
                    "write the term itself, e.g. 普惠托育; explanations go in plain"
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
                    &loc,
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
fn located(
    d: Diagnostic,
    loc: &crate::diag::Locator<'_>,
    at: Option<(usize, usize)>,
) -> Diagnostic {
    match at {
        Some((line, col)) => d.at_in(loc, line, col),
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

#[cfg(test)]
mod tests {
    use super::*;

    fn term(spellings: &[&str]) -> Term {
        Term {
            term: spellings[0].to_string(),
            aliases: spellings[1..].iter().map(|s| s.to_string()).collect(),
            plain: "p".into(),
            id: String::new(),
        }
    }

    /// The first uses as each spelling was looked for from the last use on
    /// (what [`Glossary::first_uses`] answered before it had a finder).
    fn one_by_one(terms: &[Term], text: &str, used: &mut [bool]) -> Vec<(usize, usize, usize)> {
        let spellings = spellings(terms);
        let (mut pos, mut uses) = (0, Vec::new());
        loop {
            let next = (spellings.iter())
                .filter(|(_, i)| !used[*i])
                .filter_map(|(s, i)| text[pos..].find(s).map(|at| (pos + at, s.len(), *i)))
                .min_by_key(|&(at, len, _)| (at, std::cmp::Reverse(len)));
            let Some((at, len, i)) = next else {
                return uses;
            };
            used[i] = true;
            uses.push((at, at + len, i));
            pos = at + len;
        }
    }

    #[test]
    fn the_longest_spelling_at_the_earliest_place_first() {
        let g = Glossary::new(vec![term(&["无障碍"]), term(&["无障碍改造", "改造"])]);
        let mut marks = g.marks();
        assert_eq!(
            g.first_uses("推进无障碍改造和无障碍", &mut marks),
            vec![(6, 21, 1), (24, 33, 0)]
        );
        assert_eq!(g.first_uses("无障碍", &mut marks), vec![]);
        // One alias shared by two terms: the first, then the second.
        let g = Glossary::new(vec![term(&["甲", "共"]), term(&["乙", "共"])]);
        let mut marks = g.marks();
        assert_eq!(
            g.first_uses("共共共", &mut marks),
            vec![(0, 3, 0), (3, 6, 1)]
        );
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(500))]
        /// Any terms (aliases shared, nested, repeated), any texts in turn:
        /// the same uses as looking for each spelling in turn.
        #[test]
        fn first_uses_agree_with_looking_one_by_one(
            terms in proptest::collection::vec(
                proptest::collection::vec("[ab镇]{1,3}", 1..3), 0..6),
            texts in proptest::collection::vec("[ab镇 ]{0,12}", 0..4),
        ) {
            let terms: Vec<Term> = terms.iter()
                .map(|s| term(&s.iter().map(String::as_str).collect::<Vec<_>>()))
                .collect();
            let g = Glossary::new(terms.clone());
            let (mut a, mut b) = (g.marks(), vec![false; terms.len()]);
            for text in &texts {
                proptest::prop_assert_eq!(
                    g.first_uses(text, &mut a),
                    one_by_one(&terms, text, &mut b)
                );
            }
        }
    }
}
