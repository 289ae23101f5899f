//! Messages about files the site publishes as they are (beside pages, in
//! `static/`) that could run code in a reader's browser: see
//! [`crate::text::active`].

use crate::msg::Text;
use crate::t;
use crate::text::active::{Active, Kind};

/// Where a refused file was to be published.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Place {
    /// Beside a page, in its folder.
    Page,
    /// From `static/` (the site's or its theme's).
    Static,
}

/// Why the file `name` is refused, and what to do instead.
pub(crate) fn refused_file(name: &str, a: &Active, place: Place) -> (Text, Text) {
    let (what_zh, what_en) = (a.what.zh(), a.what.en());
    let (not_zh, not_en) = match place {
        Place::Page => ("不能随页面发布", "it is not published with the page"),
        Place::Static => ("不能发布", "it is not published"),
    };
    let message = match a.kind {
        Kind::Unreadable => t!(
            "“{name}”读不懂（{what_zh}），无法确认其中没有会运行的代码，为了网站和读者的安全，{not_zh}",
            "`{name}` cannot be read ({what_en}), so it cannot be checked for code; {not_en}"
        ),
        Kind::Runs => t!(
            "“{name}”打开时会运行其中的代码（{what_zh}），为了网站和读者的安全，{not_zh}",
            "`{name}` would run code when a reader opens it ({what_en}); {not_en}"
        ),
        Kind::Unknown => t!(
            "“{name}”里有普通图画用不到的内容（{what_zh}），无法确认它不会运行代码，为了网站和读者的安全，{not_zh}",
            "`{name}` holds something a plain drawing does not need ({what_en}), so it cannot be checked for code; {not_en}"
        ),
        Kind::Markup => t!(
            "“{name}”的内容是网页、SVG 图画或 XML（开头是“{what_zh}”），但名字不以 .svg 结尾，无法确认其中没有会运行的代码，为了网站和读者的安全，{not_zh}",
            "`{name}` is a web page, SVG drawing or XML document (it starts `{what_en}`) but is not named .svg, so it cannot be checked for code; {not_en}"
        ),
        Kind::Elsewhere => t!(
            "“{name}”打开时会从别的网站取内容（{what_zh}），读者的浏览器会连到那个网站，为了读者的安全，{not_zh}",
            "`{name}` loads something from another host when opened ({what_en}): every reader's browser would call that host; {not_en}"
        ),
    };
    let hint = match a.kind {
        Kind::Elsewhere => t!(
            "图画里用到的图片、样式要放在网站里：删掉指向别的网站的地址，或者用绘图软件把图画导出为 PNG 图片，再放回原处",
            "what a drawing uses must be on the site: delete the address of the other host, or export the drawing as a PNG picture and put it back"
        ),
        Kind::Unknown => t!(
            "用绘图软件把图画重新导出为“普通 SVG”（Inkscape：另存为 → 普通 SVG；Illustrator：导出 → SVG），或者导出为 PNG 图片，再放回原处",
            "export the drawing again as plain SVG (Inkscape: Save As → Plain SVG; Illustrator: Export → SVG), or as a PNG picture, and put it back"
        ),
        Kind::Markup => t!(
            "图画请改名为以 .svg 结尾（名字末尾不要有空格或点），或另存为 PNG；网页和其他文件请另存为 PDF。只有当所有编辑都可信时，才可在 site.toml 里写 raw_html = \"allow\"",
            "name a drawing so that it ends in .svg (no space or dot after it), or save it as PNG; save web pages and other files as PDF. Only when every editor is trusted, set raw_html = \"allow\" in site.toml"
        ),
        Kind::Runs | Kind::Unreadable => t!(
            "网页、脚本请另存为 PDF；图画请另存为 PNG，或用绘图软件去掉其中的脚本。只有当所有编辑都可信时，才可在 site.toml 里写 raw_html = \"allow\"",
            "save web pages and scripts as PDF, drawings as PNG (or remove their scripts); only when every editor is trusted, set raw_html = \"allow\" in site.toml"
        ),
    };
    (message, hint)
}

/// A theme file that would run code and differs from the built-in theme's file
/// of its name: the built-in one is published instead.
pub(crate) fn replaced_theme_file(name: &str) -> Text {
    t!(
        "“{name}”和程序自带主题里的同名文件不一样（可能是旧版本，或被改过），其中的代码无法确认安全，发布的是程序自带的“{name}”",
        "`{name}` differs from the built-in theme's file of that name (an older version, or changed) and its code cannot be checked; the built-in `{name}` is published instead"
    )
}

/// What to do with a theme file replaced by the built-in one.
pub(crate) fn changed_theme_file_hint() -> Text {
    t!(
        "删掉它，这条提醒就没有了；只有当所有编辑都可信、并且改动是有意的，才可在 site.toml 里写 raw_html = \"allow\" 保留改动",
        "delete it to silence this warning; only when every editor is trusted and the change is meant, set raw_html = \"allow\" in site.toml to keep it"
    )
}
