//! What template functions read while a template renders, recorded through the
//! functions themselves: an output that called `indicator_chart(id=…)` is made
//! again when that indicator's data changes, though its context did not.

use std::cell::RefCell;

use crate::site::Site;

/// One read a template function made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Read {
    /// An indicator by id, with the fingerprint of its data (0: no such indicator).
    Indicator {
        /// The id asked for.
        id: String,
        /// [`crate::chart::fingerprint`] of what was found.
        fingerprint: u64,
    },
}

impl Read {
    /// The read of indicator `id` as the site has it now.
    pub(crate) fn indicator(site_indicators: &[crate::indicator::Indicator], id: &str) -> Read {
        let found = site_indicators
            .binary_search_by(|i| i.id.as_str().cmp(id))
            .ok()
            .map(|i| &site_indicators[i]);
        Read::Indicator {
            id: id.to_string(),
            fingerprint: found.map_or(0, crate::chart::fingerprint),
        }
    }

    /// Whether the same read would give the same answer on `site` now.
    pub(crate) fn still_holds(&self, site: &Site) -> bool {
        match self {
            Read::Indicator { id, .. } => Read::indicator(&site.indicators, id) == *self,
        }
    }
}

thread_local! {
    static READS: RefCell<Option<Vec<Read>>> = const { RefCell::new(None) };
}

/// Notes a read, when a render on this thread is being recorded.
pub(crate) fn record(read: Read) {
    READS.with(|r| {
        if let Some(list) = r.borrow_mut().as_mut() {
            if !list.contains(&read) {
                list.push(read);
            }
        }
    });
}

/// Runs `f` (one template render: tera renders on the calling thread) and returns
/// what it gave with the reads it made.
pub(crate) fn capture<T>(f: impl FnOnce() -> T) -> (T, Vec<Read>) {
    READS.with(|r| *r.borrow_mut() = Some(Vec::new()));
    let out = f();
    let reads = READS.with(|r| r.borrow_mut().take()).unwrap_or_default();
    (out, reads)
}
