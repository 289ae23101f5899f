//! Messages about pages as parts of the site: titles, dates, addresses, the names
//! a page refers to (domains, audiences, life events, indicators).

use super::Text;
use crate::t;

/// A service guide leaves a question unanswered; `which` picks it.
pub fn guide_gap(key: &str) -> Text {
    let (zh, en) = match key {
        "what_you_get" => ("能得到什么", "what a person gets"),
        "who_can_apply" => ("谁能申请", "who can apply"),
        "how_to_apply" => ("怎么申请", "how to apply"),
        _ => ("到哪里办、打哪个电话", "where to go or call"),
    };
    t!(
        "这篇办事指南没有写{zh}（{key}:）",
        "this service guide does not say {en} (`{key}:`)"
    )
}

/// What to add for a service guide's gap.
pub fn guide_gap_hint(example: &str) -> Text {
    t!(
        "在页面开头 --- 之间的设置里加上，例如：\n{example}",
        "add to the front matter, for example:\n{example}"
    )
}

/// A date that is not one, with the reason in both languages.
pub fn bad_date(value: &str, why: &DateWhy) -> Text {
    match why {
        DateWhy::Month(m) => t!(
            "“{value}”不是日期：月份“{m}”不在 1 到 12 之间",
            "`{value}` is not a date: there is no month {m}"
        ),
        DateWhy::Day(y, m, d) => t!(
            "“{value}”不是日期：{y} 年 {m} 月没有 {d} 日",
            "`{value}` is not a date: month {m} of {y} has no day {d}"
        ),
        DateWhy::Said(why) => {
            let (zh, en) = (why.zh(), why.en());
            t!("“{value}”不是日期：{zh}", "`{value}` is not a date: {en}")
        }
    }
}

/// Why a date is not one.
pub enum DateWhy {
    /// The month is out of range.
    Month(u32),
    /// The day is not in the month: year, month, day.
    Day(u32, u32, u32),
    /// Anything else, as the date reader says it (a character that does not
    /// belong, a missing day, …).
    Said(Text),
}

/// How to write a date.
pub fn date_hint(key: &str) -> Text {
    t!(
        "写成“年-月-日”，例如 {key}: 2023-03-16（也可以写 2023年3月16日）；要写时间的话：{key}: 2023-03-16T08:00:00+08:00",
        "write the date as year-month-day, e.g. {key}: 2023-03-16 (or 2023年3月16日); a time may follow: {key}: 2023-03-16T08:00:00+08:00"
    )
}

/// A name under `key` that the site does not know. `kind` is the key.
pub fn unknown_term(term: &str, key: &str) -> Text {
    match key {
        "domains" => t!(
            "“{term}”不是 13 个服务领域之一",
            "`{term}` is not one of the 13 service domains"
        ),
        "audiences" => t!(
            "“{term}”不是本站的服务对象",
            "`{term}` is not a known audience"
        ),
        "events" => t!(
            "“{term}”不是本站的生活事件",
            "`{term}` is not a known life event"
        ),
        _ => t!("没有叫“{term}”的指标", "there is no indicator `{term}`"),
    }
}

/// The name that was probably meant.
pub fn did_you_mean(meant: &str) -> Text {
    t!("是不是想写“{meant}”？", "did you mean `{meant}`? ")
}

/// The names there are, for domains.
pub fn use_one_of(names: &str) -> Text {
    t!("可以写：{names}", "use one of: {names}")
}

/// The names there are, for terms the site defines in site.toml.
pub fn use_one_of_or_add(names: &str, key: &str) -> Text {
    t!(
        "可以写：{names}（或者在 site.toml 的 [[{key}]] 里加上它）",
        "use one of: {names} (or add it under [[{key}]] in site.toml)"
    )
}

/// The indicator ids there are.
pub fn known_indicators(ids: &str) -> Text {
    if ids.is_empty() {
        t!(
            "指标是 content/indicators/ 里的文件，现在一个也没有",
            "indicators are the files in content/indicators/; known ids: (none)"
        )
    } else {
        t!(
            "指标是 content/indicators/ 里的文件，写文件名（不带 .yaml）。现有：{ids}",
            "indicators are the files in content/indicators/; known ids: {ids}"
        )
    }
}

/// What minsheng makes at an address (for address collisions).
pub fn generated(what: &str) -> Text {
    let zh = match what {
        "domain page" => "服务领域页",
        "audience page" => "服务对象页",
        "district list" => "各区列表页",
        "district page" => "区县页",
        "indicator dashboard" => "指标总览页",
        "indicator page" => "指标页",
        "section listing" => "栏目列表页",
        "domain list" => "服务领域列表页",
        "audience list" => "服务对象列表页",
        "search page" => "搜索页",
        "glossary page" => "名词解释页",
        _ => "网站自动生成的页面或文件",
    };
    t!("{zh}", "the {what} minsheng generates")
}

/// Two things want one address. `other` is a file path or [`generated`].
pub fn same_address(other: &Text, path: &str) -> Text {
    let (zh, en) = (other.zh(), other.en());
    t!(
        "这个页面和 {zh} 要用同一个网址 /{path}",
        "this page and {en} both want the address /{path}"
    )
}

/// Give one a slug.
pub fn same_address_hint() -> Text {
    t!(
        "给其中一个在页面设置里写另一个 slug:，或者改文件名",
        "give one of them another `slug:` in its front matter, or rename the file"
    )
}

/// A page inside content/indicators/.
pub fn page_among_indicators() -> Text {
    t!(
        "content/indicators/ 里放的是指标数据，不是页面",
        "content/indicators/ holds indicator data, not pages"
    )
}

/// Where pages go instead.
pub fn page_among_indicators_hint() -> Text {
    t!(
        "把这个页面移到别的文件夹；指标总览页的文字写在 content/indicators/_index.md",
        "move this page to another folder; the dashboard's own text goes in content/indicators/_index.md"
    )
}

/// A folder name that gives no address.
pub fn bad_folder_name() -> Text {
    t!(
        "这个文件夹的名字做不了网址",
        "this folder's name gives no usable web address"
    )
}

/// Rename the folder.
pub fn bad_folder_name_hint() -> Text {
    t!(
        "给文件夹改一个短名字，用字母、数字或 -",
        "rename the folder with a short name of letters, digits or `-`"
    )
}

/// An unknown `sort_by`.
pub fn bad_sort_by(sort: &str) -> Text {
    t!("sort_by 不能写“{sort}”", "sort_by `{sort}` is not known")
}

/// What `sort_by` takes.
pub fn bad_sort_by_hint() -> Text {
    t!(
        "写 date（新的在前）、weight（数字小的在前）或 title（按标题）",
        "use date (newest first), weight (smallest first) or title"
    )
}

/// A page without a title.
pub fn no_title() -> Text {
    t!("这个页面没有标题", "the page has no title")
}

/// How to give it one.
pub fn no_title_hint() -> Text {
    t!(
        "在页面开头 --- 之间加一行，例如：title: 2022年老年人免费体检情况",
        "add a line such as `title: 2022年老年人免费体检情况` to the front matter"
    )
}

/// A slug that is too long.
pub fn slug_too_long(bytes: usize, limit: usize) -> Text {
    let chars = limit / 3;
    t!(
        "slug 太长（{bytes} 字节，最多 {limit} 字节，约 {chars} 个汉字）",
        "the slug is {bytes} bytes long; the limit is {limit}"
    )
}

/// A slug that names a folder.
pub fn slug_not_allowed(slug: &str) -> Text {
    t!(
        "slug 不能写“{slug}”：slug 是一个页面的名字，不能带 / 或 .",
        "slug `{slug}` is not allowed: a slug names one page, not a folder"
    )
}

/// A slug written empty, or only spaces.
pub fn slug_empty() -> Text {
    t!(
        "slug 是空的：删掉这一行，或写上页面的名字",
        "the slug is empty: delete the line, or write the page's name"
    )
}

/// A slug holding a character a page name cannot have (not `/` or `.`, which
/// [`slug_not_allowed`] tells): a space, a full-width comma, `%` ….
pub fn slug_bad_char(slug: &str, c: char) -> Text {
    let (zh, en) = match c {
        ' ' => ("空格".to_string(), "a space".to_string()),
        '\u{3000}' => ("全角空格".to_string(), "a full-width space".to_string()),
        c => (format!("“{c}”"), format!("`{c}`")),
    };
    t!(
        "slug 不能写“{slug}”：页面的名字里只能有文字、数字、- 和 _，不能有{zh}",
        "slug `{slug}` is not allowed: a page name holds letters, digits, `-` and `_` only, not {en}"
    )
}

/// How a slug looks.
pub fn slug_hint() -> Text {
    t!(
        "用字母、数字、- 和 _ 写一个短名字，例如：slug: elderly-health-check",
        "use a short name of letters, digits, `-` and `_`, e.g. slug: elderly-health-check"
    )
}

/// A file name too long for an address.
pub fn file_name_too_long(bytes: usize, limit: usize) -> Text {
    t!(
        "文件名太长，做不了网址（{bytes} 字节，最多 {limit} 字节）",
        "the file name is too long for a web address ({bytes} bytes; the limit is {limit})"
    )
}

/// Shorten it.
pub fn file_name_too_long_hint() -> Text {
    t!(
        "把文件名改短，或者在页面设置里写一个短的 slug:",
        "rename the file with a shorter name, or add a short `slug:` to the front matter"
    )
}

/// A file name that gives no address.
pub fn bad_file_name() -> Text {
    t!(
        "这个文件名做不了网址",
        "the file name gives no usable web address"
    )
}

/// Rename it.
pub fn bad_file_name_hint() -> Text {
    t!(
        "用字母、数字或 - 给文件改名，或者在页面设置里写 slug:",
        "rename the file using letters, digits or `-`, or add `slug:` to the front matter"
    )
}

/// An address whose scheme the site does not link to.
pub fn refused_address(field: &str, scheme: &str) -> Text {
    let start = super::shown_start(scheme);
    t!(
        "{field} 不能写以“{start}”开头的地址：只能写 http、https、mailto、tel 地址或本站的路径",
        "{field}: addresses starting with `{start}` are not allowed; use http, https, mailto or tel, or a path of the site"
    )
}

/// Where to apply online.
pub fn online_hint() -> Text {
    t!(
        "写网上办理的完整地址，例如：online: https://www.jszwfw.gov.cn/",
        "write the full address of the online service, e.g. online: https://www.jszwfw.gov.cn/"
    )
}

/// A page at a listing page's address.
pub fn address_is_listing(path: &str) -> Text {
    t!(
        "这个页面的网址 /{path} 是栏目列表的翻页地址",
        "this page's address /{path} is a listing page of the section"
    )
}

/// The listing page of the section of `folder` (which has no `_index.md`).
pub fn section_listing_of(folder: &str) -> Text {
    t!(
        "文件夹 {folder} 的栏目列表页",
        "the section listing of the folder {folder}"
    )
}

/// A folder of `content/` whose section would take an address something else
/// has (`content/search/`: the search page's).
pub fn section_address_taken(folder: &str, other: &Text, path: &str) -> Text {
    let (zh, en) = (other.zh(), other.en());
    t!(
        "文件夹 {folder} 做成栏目，网址是 /{path}，可这已经是{zh}的网址",
        "the folder {folder} would be a section at /{path}, which is the address of {en}"
    )
}

/// Rename the folder.
pub fn section_address_taken_hint(name: &str) -> Text {
    t!(
        "把文件夹“{name}”改个名字，例如“{name}-1”（里面页面的网址会跟着变）",
        "rename the folder `{name}`, e.g. `{name}-1` (the addresses of the pages inside change with it)"
    )
}

/// Choose another slug.
pub fn another_slug() -> Text {
    t!("换一个 slug:", "choose another slug")
}

/// A page dated after today.
pub fn future_page(date: &str) -> Text {
    t!(
        "这个页面的日期是 {date}，还没到：这次不发布，到那天以后再生成才会发布",
        "this page is dated {date}, in the future: it is left out until that day"
    )
}

/// How to see it anyway.
pub fn future_page_hint() -> Text {
    t!(
        "想先看效果：minsheng build --future 或 minsheng serve --drafts；日期写错了就改正 date:",
        "to see it now: minsheng build --future or minsheng serve --drafts; if the date is wrong, correct date:"
    )
}

/// Proof mode (`MINSHENG_PROOF`): a quick rebuild differed from a full one.
pub fn proof_differs(n: usize, files: &str) -> Text {
    t!(
        "快速重新生成的结果和完整生成的不一样，有 {n} 个文件不同（{files}）；现在显示的是完整生成的结果",
        "the quick rebuild differed from a full build in {n} files ({files}); the full build is shown"
    )
}

/// What to do about it.
pub fn proof_differs_hint() -> Text {
    t!(
        "这是 minsheng 的程序错误，不是网站内容的错：请把刚才改了什么告诉维护 minsheng 的同事",
        "this is a bug of minsheng: please report it with the edit you made"
    )
}

/// What an editor named that becomes part of an output path, for the hint of
/// [`windows_name`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Named {
    /// A file beside a page, or in static/.
    File,
    /// A folder beside a page, or in static/.
    Folder,
    /// An indicator, by its file name (`id:` not written) or its `id:`.
    Indicator {
        /// Whether the file writes `id:`.
        id_written: bool,
    },
    /// A setting of site.toml (`key`), e.g. a district or an audience slug.
    Setting(&'static str),
    /// A page, by its file name (`slug:` not written) or its `slug:`.
    Page {
        /// Whether the page writes `slug:`.
        slug_written: bool,
    },
}

/// `name` is a name Windows refuses for a file or folder.
pub fn windows_name(name: &str) -> Text {
    t!(
        "“{name}”是 Windows 保留的名字（CON、PRN、AUX、NUL、CONIN$、CONOUT$、COM0–COM9、LPT0–LPT9，不论大小写、带不带扩展名都不能用），网站复制到 Windows 电脑或服务器上会出错",
        "`{name}` is a name Windows reserves (CON, PRN, AUX, NUL, CONIN$, CONOUT$, COM0–COM9, LPT0–LPT9, in any case, with any extension): the site could not be copied to a Windows computer or server"
    )
}

/// What to rename a [`windows_name`] to.
pub fn windows_name_hint(what: Named, instead: &str) -> Text {
    match what {
        Named::File => t!(
            "把这个文件改名为 {instead}，链接它的地方也改成 {instead}",
            "rename the file to {instead}, and change the links to it too"
        ),
        Named::Folder => t!(
            "把这个文件夹改名为 {instead}，链接其中文件的地方也一起改",
            "rename the folder to {instead}, and change the links into it too"
        ),
        Named::Indicator { id_written: true } => t!(
            "换一个编号，例如 id: {instead}",
            "choose another id, e.g. id: {instead}"
        ),
        Named::Indicator { id_written: false } => t!(
            "把指标文件改名为 {instead}.yaml（旁边的数据文件也一起改名），或在指标文件里写 id: {instead}",
            "rename the indicator file to {instead}.yaml (and its data file too), or write id: {instead} in it"
        ),
        Named::Page { slug_written: true } => t!(
            "换一个 slug，例如 slug: {instead}",
            "choose another slug, e.g. slug: {instead}"
        ),
        Named::Page { slug_written: false } => t!(
            "把页面文件改名为 {instead}.md，或在页面开头写 slug: {instead}",
            "rename the page's file to {instead}.md, or write slug: {instead} in its front matter"
        ),
        Named::Setting(key) => t!(
            "把 site.toml 里 {key} 的这个名字换一个，例如 \"{instead}\"",
            "choose another name for it in {key} of site.toml, e.g. \"{instead}\""
        ),
    }
}
