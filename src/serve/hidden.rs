//! Pages the preview leaves out. Without `--drafts`, a draft or a page dated in
//! the future is not built, so opening its address gives the 404 page; an editor
//! who just wrote it would think it lost. The 404 page then says which page it
//! is, why it is not shown and how to see it.
//!
//! The build that leaves them out knows them (assembling works out their
//! addresses without claiming them: [`crate::site::Site::left_out`]); the
//! server takes that list with each good build. (It once ran a second preview
//! build on the first 404 after each rebuild: 0.45 s at 10,000 pages, on the
//! cores the rebuild needed, while an editor's browser polled a new page.)

use std::collections::BTreeMap;
use std::sync::{Arc, RwLock};

use crate::msg::Lang;
use crate::site::{LeftOut, NotPublic, Site};
use crate::t;
use crate::text::escape::html as xml_escape;

/// The left-out pages of the latest good build, by address (`reports/a/`).
#[derive(Default)]
pub(crate) struct Hidden {
    pages: RwLock<Arc<BTreeMap<String, LeftOut>>>,
}

impl Hidden {
    /// The left-out pages of `site`, replacing those of the build before.
    pub(crate) fn set(&self, site: &Site) {
        let pages = Arc::new(site.left_out.clone());
        *self.pages.write().unwrap_or_else(|e| e.into_inner()) = pages;
    }

    /// The left-out page at `rel` (`reports/a/`, `reports/a` or
    /// `reports/a/index.html`).
    pub(crate) fn get(&self, rel: &str) -> Option<LeftOut> {
        if !(rel.is_empty() || rel.ends_with('/') || rel.ends_with(".html") || !rel.contains('.')) {
            return None;
        }
        let pages = self.pages.read().unwrap_or_else(|e| e.into_inner()).clone();
        let page = rel.strip_suffix("index.html").unwrap_or(rel);
        pages
            .get(page)
            .or_else(|| pages.get(&format!("{page}/")))
            .cloned()
    }
}

/// What the 404 answer says about a left-out page.
pub(crate) fn notice_text(page: &LeftOut) -> crate::msg::Text {
    let file = format!("content/{}", page.rel);
    let date = page.date.map(|d| d.iso()).unwrap_or_default();
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
pub(crate) fn notice(page: &LeftOut, lang: Lang) -> String {
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
    fn the_notice_says_why_and_how_to_see_it() {
        let mut page = LeftOut {
            rel: "reports/a.md".into(),
            why: NotPublic::Draft,
            date: None,
        };
        assert_eq!(
            notice_text(&page).zh(),
            "这个页面是草稿（content/reports/a.md 里写了 draft: true），还没有公开，所以预览里找不到它。要看它：在命令窗口按 Ctrl+C 停止预览，再运行 minsheng serve --drafts"
        );
        (page.why, page.date) = (NotPublic::Future, crate::site::Date::parse("2027-01-01"));
        assert_eq!(
            notice_text(&page).zh(),
            "这个页面的日期是 2027-01-01（content/reports/a.md），还没到那天，所以还没有公开，预览里也找不到它。要先看它：在命令窗口按 Ctrl+C 停止预览，再运行 minsheng serve --drafts"
        );
        assert!(notice(&page, Lang::Zh)
            .starts_with("<div id=\"minsheng-hidden\" role=\"note\" lang=\"zh-CN\""));
    }
}
