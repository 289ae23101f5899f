//! "Did you mean …?": the known name closest to one written wrong, by edit
//! distance (the `strsim` crate), for keys, audiences, domains, life events,
//! indicator ids and link targets.

/// The candidate closest to `written`, when it is close enough to be what was meant:
/// at most a third of the longer name's characters differ (so `sumary` finds
/// `summary` and `老人` finds `老年人`, but a one-letter name finds nothing).
/// Ties go to the earlier candidate, so the answer does not depend on chance.
pub fn closest<'a, I>(written: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let w = written.trim();
    if w.is_empty() {
        return None;
    }
    let lower = w.to_lowercase();
    let mut best: Option<(usize, &'a str)> = None;
    for c in candidates {
        if c == w {
            return Some(c);
        }
        let d = strsim::levenshtein(&lower, &c.to_lowercase());
        let longest = w.chars().count().max(c.chars().count());
        let allowed = longest / 3;
        // A name written inside a longer one (`老年` in `老年人`) is meant too.
        let inside = c.contains(w) && w.chars().count() >= 2;
        if (d <= allowed || inside) && best.is_none_or(|(b, _)| d < b) {
            best = Some((d, c));
        }
    }
    best.map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

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
    }

    #[test]
    fn ties_go_to_the_first_candidate() {
        assert_eq!(closest("abcd", ["abce", "abcf"]), Some("abce"));
        assert_eq!(closest("y", ["x"]), None);
    }
}
