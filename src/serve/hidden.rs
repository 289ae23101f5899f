//! Pages the preview leaves out. Without `--drafts`, a draft or a page dated in
//! the future is not built, so opening its address gives the 404 page; an editor
//! who just wrote it would think it lost. The 404 page then says which page it
//! is, why it is not shown and how to see it.
//!
//! Which addresses those are is known only by building with them: on the first
//! 404 after a rebuild, a preview session (drafts and future pages included,
//! nothing written) is run once and its not-public pages are kept until the next
//! rebuild. A site of a few hundred pages takes a fraction of a second; 404s of
//! files other than pages never run it.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use crate::msg::Lang;
use crate::site::NotPublic;
use crate::t;
use crate::text::escape::html as xml_escape;

/// A page left out of the preview.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct HiddenPage {
    /// Its file, e.g. `content/reports/a.md`.
    pub file: String,
    /// Why it is left out.
    pub why: NotPublic,
    /// Its date (`2027-01-01`), for a future page.
    pub date: String,
}

/// The left-out pages by address (`reports/a/`).
pub(crate) type HiddenPages = BTreeMap<String, HiddenPage>;

/// Finds the left-out pages (a preview build).
pub(crate) type Finder = Box<dyn Fn() -> HiddenPages + Send + Sync>;

/// The finder and what it found for one build (by the server's generation).
#[derive(Default)]
pub(crate) struct Hidden {
    finder: Option<Finder>,
    found: Mutex<Option<(u64, Arc<HiddenPages>)>>,
}

impl Hidden {
    /// Finding left-out pages with `finder`.
    pub(crate) fn with(finder: Finder) -> Self {
        Hidden {
            finder: Some(finder),
            found: Mutex::new(None),
        }
    }

    /// The left-out page at `rel` (`reports/a/` or `reports/a`), as of the
    /// build `generation`.
    pub(crate) fn get(&self, generation: u64, rel: &str) -> Option<HiddenPage> {
        let finder = self.finder.as_ref()?;
        if !(rel.is_empty() || rel.ends_with('/') || rel.ends_with(".html") || !rel.contains('.')) {
            return None;
        }
        let pages = {
            let mut found = self.found.lock().unwrap_or_else(|e| e.into_inner());
            match &*found {
                Some((g, pages)) if *g == generation => pages.clone(),
                _ => {
                    let pages = Arc::new(finder());
                    *found = Some((generation, pages.clone()));
                    pages
                }
            }
        };
        let page = rel.strip_suffix("index.html").unwrap_or(rel);
        pages
            .get(page)
            .or_else(|| pages.get(&format!("{page}/")))
            .cloned()
    }
}

/// The finder for the site at `root`: the site assembled as a preview with
/// drafts and future pages (not rendered: at 10,000 pages rendering would
/// triple the time), whose pages that are not public are the ones left out.
pub(crate) fn finder(root: PathBuf, base_url: Option<String>) -> Finder {
    Box::new(move || {
        let preview = crate::site::Preview {
            drafts: true,
            future: true,
        };
        let mut session = crate::session::Session::new(&root, base_url.as_deref(), preview);
        let Ok(Some(site)) = session.assemble_all() else {
            return HiddenPages::new();
        };
        site.pages
            .iter()
            .filter_map(|p| {
                let page = HiddenPage {
                    file: format!("content/{}", p.rel),
                    why: p.not_public?,
                    date: p.date.map(|d| d.iso()).unwrap_or_default(),
                };
                Some((p.path.clone(), page))
            })
            .collect()
    })
}

/// What the 404 answer says about a left-out page.
pub(crate) fn notice_text(page: &HiddenPage) -> crate::msg::Text {
    let (file, date) = (&page.file, &page.date);
    match page.why {
        NotPublic::Draft => t!(
            "这个页面是草稿（{file} 里写了 draft: true），还没有公开，所以预览里找不到它。要看它：在命令窗口按 Ctrl+C 停止预览，再运行 minsheng serve --drafts",
            "This page is a draft (draft: true in {file}) and not public, so the preview leaves it out. To see it: stop the preview (Ctrl+C) and run minsheng serve --drafts"
        ),
        NotPublic::Future => t!(
            "这个页面的日期是 {date}（{file}），还没到那天，所以还没有公开，预览里也找不到它。要先看它：在命令窗口按 Ctrl+C 停止预览，再运行 minsheng serve --drafts",
            "This page is dated {date} ({file}), in the future, so it is not public yet and the preview leaves it out. To see it: stop the preview (Ctrl+C) and run minsheng serve --drafts"
        ),
    }
}

/// The notice at the top of the 404 page about a left-out page.
pub(crate) fn notice(page: &HiddenPage, lang: Lang) -> String {
    let text = notice_text(page);
    format!(
        "<div id=\"minsheng-hidden\" role=\"note\" lang=\"{}\" style=\"margin:1rem;padding:1rem 1.25rem;border:3px solid #b45309;background:#fffbeb;color:#1f2937;font:18px/1.6 sans-serif\">{}</div>\n",
        match lang {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        },
        xml_escape(text.get(lang))
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_finder_runs_once_per_build() {
        let runs = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let counted = runs.clone();
        let hidden = Hidden::with(Box::new(move || {
            counted.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            let page = HiddenPage {
                file: "content/a.md".into(),
                why: NotPublic::Draft,
                date: String::new(),
            };
            HiddenPages::from([("a/".to_string(), page)])
        }));
        assert!(hidden.get(1, "a/").is_some());
        assert!(hidden.get(1, "a").is_some());
        assert!(hidden.get(1, "a/index.html").is_some());
        assert!(hidden.get(1, "b/").is_none());
        assert!(hidden.get(1, "a/picture.png").is_none());
        assert_eq!(runs.load(std::sync::atomic::Ordering::SeqCst), 1);
        assert!(hidden.get(2, "a/").is_some());
        assert_eq!(runs.load(std::sync::atomic::Ordering::SeqCst), 2);
        assert!(Hidden::default().get(1, "a/").is_none());
    }

    #[test]
    fn the_notice_says_why_and_how_to_see_it() {
        let mut page = HiddenPage {
            file: "content/reports/a.md".into(),
            why: NotPublic::Draft,
            date: String::new(),
        };
        assert_eq!(
            notice_text(&page).zh(),
            "这个页面是草稿（content/reports/a.md 里写了 draft: true），还没有公开，所以预览里找不到它。要看它：在命令窗口按 Ctrl+C 停止预览，再运行 minsheng serve --drafts"
        );
        (page.why, page.date) = (NotPublic::Future, "2027-01-01".into());
        assert_eq!(
            notice_text(&page).zh(),
            "这个页面的日期是 2027-01-01（content/reports/a.md），还没到那天，所以还没有公开，预览里也找不到它。要先看它：在命令窗口按 Ctrl+C 停止预览，再运行 minsheng serve --drafts"
        );
        assert!(notice(&page, Lang::Zh)
            .starts_with("<div id=\"minsheng-hidden\" role=\"note\" lang=\"zh-CN\""));
    }
}
