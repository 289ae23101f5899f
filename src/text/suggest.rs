//! "Did you mean …?": the known name closest to one written wrong, by edit
//! distance (the `strsim` crate; two neighbours swapped count as one edit, so
//! `biuld` finds `build`), for commands, keys, audiences, domains, life events,
//! indicator ids and link targets.

/// The candidate closest to `written`, when it is close enough to be what was meant:
/// at most a third of the longer name's characters differ (so `sumary` finds
/// `summary` and `老人` finds `老年人`, but a one-letter name finds nothing).
/// Ties go to the earlier candidate, so the answer does not depend on chance.
pub(crate) fn closest<'a, I>(written: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let candidates: Vec<&'a str> = candidates.into_iter().collect();
    let w = written.trim();
    if w.is_empty() {
        return None;
    }
    let lower = w.to_lowercase();
    let mut best: Option<(usize, &'a str)> = None;
    for &c in &candidates {
        if c == w {
            return Some(c);
        }
        let d = strsim::osa_distance(&lower, &c.to_lowercase());
        let longest = w.chars().count().max(c.chars().count());
        let allowed = longest / 3;
        // A name written inside a longer one (`老年` in `老年人`) is meant too.
        let inside = c.contains(w) && w.chars().count() >= 2;
        if (d <= allowed || inside) && best.is_none_or(|(b, _)| d < b) {
            best = Some((d, c));
        }
    }
    if best.is_none() && !w.is_ascii() && w.chars().count() >= 2 {
        // Chinese words in another order (`养老` for `老有所养`): a candidate
        // holding every character written.
        return candidates
            .into_iter()
            .find(|c| w.chars().all(|ch| c.contains(ch)));
    }
    best.map(|(_, c)| c)
}

/// The page a broken link meant, among `pages` given as (source path relative to
/// `content/`, title): a link written as a page's title (`[[2023年报告]]`,
/// `[见](2023年报告)`) names that page; otherwise the page whose file name, path
/// or title is closest to what was written. Returns the source path, and whether
/// it was named by its exact title.
pub(crate) fn link_target<'a, I>(written: &str, pages: I) -> Option<(&'a str, bool)>
where
    I: IntoIterator<Item = (&'a str, &'a str)> + Clone,
{
    let w = written
        .trim()
        .trim_start_matches("[[")
        .trim_end_matches("]]")
        .trim_start_matches("@/")
        .trim_start_matches("./");
    let w = w.trim_start_matches("../").trim_end_matches(".md");
    let w = w.rsplit('/').next().unwrap_or(w);
    if let Some((rel, _)) = pages.clone().into_iter().find(|(_, t)| t.trim() == w) {
        return Some((rel, true));
    }
    let stem = |rel: &'a str| -> &'a str {
        let file = rel.rsplit('/').next().unwrap_or(rel);
        file.strip_suffix(".md").unwrap_or(file)
    };
    let by_stem = pages.clone().into_iter().map(|(rel, _)| stem(rel));
    if let Some(s) = closest(w, by_stem) {
        return pages
            .clone()
            .into_iter()
            .find(|(rel, _)| stem(rel) == s)
            .map(|(r, _)| (r, false));
    }
    let by_title = pages.clone().into_iter().map(|(_, t)| t);
    let t = closest(w, by_title)?;
    pages
        .into_iter()
        .find(|(_, title)| *title == t)
        .map(|(r, _)| (r, false))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_by_title_or_near_file_name_finds_its_page() {
        let pages = [
            ("reports/2023-consultation.md", "2023年民生协商会"),
            ("services/elderly-health-check.md", "老年人免费体检"),
        ];
        let p = pages.iter().map(|(a, b)| (*a, *b));
        assert_eq!(
            link_target("[[老年人免费体检]]", p.clone()).map(|g| g.0),
            Some("services/elderly-health-check.md")
        );
        assert_eq!(
            link_target("../services/elderly-health-chek.md", p.clone()).map(|g| g.0),
            Some("services/elderly-health-check.md")
        );
        assert_eq!(
            link_target("2023年民生协商", p.clone()).map(|g| g.0),
            Some("reports/2023-consultation.md")
        );
        assert_eq!(link_target("nothing-like-it.md", p), None);
    }

    #[test]
    fn close_names_are_suggested_far_ones_are_not() {
        let keys = ["title", "date", "summary", "domains", "audiences"];
        assert_eq!(closest("sumary", keys), Some("summary"));
        assert_eq!(closest("Title", keys), Some("title"));
        assert_eq!(closest("audience", keys), Some("audiences"));
        assert_eq!(closest("colour", keys), None);
        assert_eq!(closest("", keys), None);
        let audiences = ["老年人", "残疾人", "儿童和家庭"];
        assert_eq!(closest("老人", audiences), Some("老年人"));
        assert_eq!(closest("残疾", audiences), Some("残疾人"));
        assert_eq!(closest("企业", audiences), None);
        let domains = ["病有所医", "老有所养"];
        assert_eq!(closest("养老", domains), Some("老有所养"));
        assert_eq!(closest("教育", domains), None);
    }

    #[test]
    fn ties_go_to_the_first_candidate() {
        assert_eq!(closest("abcd", ["abce", "abcf"]), Some("abce"));
        assert_eq!(closest("y", ["x"]), None);
    }
}
