//! Messages about `site.toml`, the site's settings.

use super::Text;
use crate::t;

/// What the TOML library said, in editors' words where it can be recognised.
pub fn toml_problem(library: &str) -> Text {
    let en = library.to_string();
    if library.contains("invalid string") || library.contains("expected `\"`") {
        t!("site.toml 这里的内容要放在英文双引号里", "{en}")
    } else if library.contains("duplicate key") {
        t!("site.toml 里这一项写了两次", "{en}")
    } else if library.contains("unknown field") {
        let field = library.split('`').nth(1).unwrap_or("");
        t!("site.toml 的这一组里没有“{field}”这一项", "{en}")
    } else if library.contains("invalid type") {
        t!(
            "site.toml 这一项的内容类型不对（文字、数字还是列表）",
            "{en}"
        )
    } else {
        t!("site.toml 这里写得不对", "{en}")
    }
}

/// What TOML wants.
pub fn toml_hint() -> Text {
    t!(
        "每行写成 名称 = \"内容\"：文字要放在英文双引号里，例如 title = \"镇江民生\"",
        "site.toml is TOML: text values need quotes, e.g. title = \"镇江民生\""
    )
}

/// A setting minsheng does not know.
pub fn unknown_setting(key: &str) -> Text {
    t!(
        "site.toml 里没有“{key}”这一项设置，这一行不起作用",
        "unknown setting `{key}` is ignored"
    )
}

/// The setting that was probably meant.
pub fn did_you_mean(key: &str, meant: &str) -> Text {
    t!(
        "是不是想写“{meant}”？把“{key}”改成“{meant}”",
        "did you mean `{meant}`? write {meant} instead of {key}"
    )
}

/// All settings, when none is close.
pub fn known_settings(list: &str) -> Text {
    t!("可以用的设置有：{list}", "known settings: {list}")
}

/// No title.
pub fn no_title() -> Text {
    t!("网站没有名称", "the site has no title")
}

/// How to give one.
pub fn no_title_hint() -> Text {
    t!(
        "在 site.toml 里加一行，例如：title = \"镇江民生服务\"",
        "add a line such as: title = \"镇江民生服务\""
    )
}

/// A character an address cannot hold.
pub fn base_url_char(c: char) -> Text {
    let shown = c.escape_debug();
    t!(
        "base_url 里有“{shown}”，网址里不能有这个字符",
        "base_url contains '{shown}', which an address cannot hold"
    )
}

/// How base_url looks.
pub fn base_url_char_hint() -> Text {
    t!(
        "在一行里写完整的公开网址，不要有空格，例如：base_url = \"https://minsheng.example.gov.cn/\"",
        "write the full public address on one line without spaces, e.g. base_url = \"https://minsheng.example.gov.cn/\""
    )
}

/// Not an http(s) address.
pub fn base_url_not_http(u: &str) -> Text {
    t!(
        "base_url “{u}”不是以 http:// 或 https:// 开头的网址",
        "base_url `{u}` is not an http(s) address"
    )
}

/// Write it in full.
pub fn base_url_not_http_hint() -> Text {
    t!(
        "写完整的公开网址，例如：base_url = \"https://minsheng.example.gov.cn/\"；还不知道就先删掉这一行",
        "write the full public address, e.g. base_url = \"https://minsheng.example.gov.cn/\", or leave it out"
    )
}

/// Two entries of a list share a slug or name.
pub fn duplicate_term(kind: &str, part: &str) -> Text {
    t!(
        "两个 [[{kind}]] 都用了“{part}”：它们的页面会互相覆盖",
        "two [[{kind}]] entries share `{part}`: their pages would overwrite each other"
    )
}

/// Give each its own.
pub fn duplicate_term_hint() -> Text {
    t!(
        "给每一项写不同的 slug 和 name",
        "give each entry its own slug and name"
    )
}

/// An audience slug that is not one.
pub fn bad_audience_slug(slug: &str) -> Text {
    t!(
        "服务对象的 slug “{slug}”只能用小写字母、数字和 -",
        "audience slug `{slug}` must be lower-case letters, digits and `-`"
    )
}

/// An example slug.
pub fn bad_audience_slug_hint() -> Text {
    t!(
        "例如：slug = \"older-people\"",
        "e.g. slug = \"older-people\""
    )
}

/// A menu address refused.
pub fn menu_refused(name: &str, scheme: &str) -> Text {
    let start = super::shown_start(scheme);
    t!(
        "菜单“{name}”的地址不能以“{start}”开头",
        "menu entry `{name}`: addresses starting with `{start}` are not allowed; use http, https, mailto or tel, or a path of the site"
    )
}

/// What a menu links to.
pub fn menu_hint() -> Text {
    t!(
        "菜单可以链接到本站路径（如 services/）或 http(s) 网址",
        "a menu entry links to a site path such as services/ or to an http(s) address"
    )
}

/// A theme name that is a path.
pub fn bad_theme(theme: &str) -> Text {
    t!(
        "theme “{theme}”不是主题的名字",
        "theme `{theme}` is not a theme name"
    )
}

/// What to write as theme.
pub fn theme_hint() -> Text {
    t!(
        "主题是 themes/ 里的一个文件夹：只写文件夹的名字，例如 theme = \"default\"（themes/default/，或内置主题）",
        "a theme is a folder inside themes/: write its name alone, e.g. theme = \"default\" (themes/default/, or the built-in theme)"
    )
}

/// A gov address refused.
pub fn gov_refused(key: &str, scheme: &str) -> Text {
    let start = super::shown_start(scheme);
    t!(
        "gov.{key} 不能写以“{start}”开头的地址",
        "gov.{key}: addresses starting with `{start}` are not allowed; use http, https, mailto or tel, or a path of the site"
    )
}

/// What the gov address `key` looks like, with an example for that key.
pub fn gov_hint(key: &str) -> Text {
    let example = match key {
        "icp_url" => "https://beian.miit.gov.cn/",
        "police_url" => "https://beian.mps.gov.cn/",
        _ => "https://www.example.gov.cn/jiucuo/",
    };
    t!(
        "写 http(s) 网址，例如：{key} = \"{example}\"",
        "write an http(s) address, e.g. {key} = \"{example}\""
    )
}

/// A district name that cannot name a page.
pub fn bad_district(name: &str) -> Text {
    t!(
        "区县名“{name}”做不了页面的名字",
        "district name `{name}` cannot be the name of a page"
    )
}

/// More districts than a site may list.
pub fn too_many_districts(count: usize, most: usize) -> Text {
    t!(
        "districts 里写了 {count} 个区县，最多 {most} 个",
        "districts lists {count} districts; the most is {most}"
    )
}

/// What to do about too many districts.
pub fn too_many_districts_hint() -> Text {
    t!(
        "只写本市的区县：每个区县有自己的页面，每一页都列出全部区县",
        "list only the city's own districts: each has a page, and every page lists them all"
    )
}

/// How a district is written.
pub fn bad_district_hint() -> Text {
    t!(
        "写区县自己的名字，例如 \"丹徒区\"，不要带空格和 / \\ : ? # %，最多 50 个汉字",
        "write the district's own name, e.g. \"丹徒区\", without spaces or / \\ : ? # % and at most 50 Chinese characters"
    )
}

/// paginate_by is 0.
pub fn paginate_zero() -> Text {
    t!("paginate_by 至少要写 1", "paginate_by must be at least 1")
}

/// How to write it.
pub fn paginate_zero_hint() -> Text {
    t!(
        "每页列出多少篇，例如：paginate_by = 20",
        "how many pages a listing shows, e.g. paginate_by = 20"
    )
}

/// No public address: some files are left out.
pub fn no_base_url() -> Text {
    t!(
        "没有写 base_url（网站的公开网址）：这次不生成 sitemap.xml、atom.xml 和规范链接",
        "no base_url: sitemap.xml, atom.xml and canonical links are left out"
    )
}

/// Give the address when known.
pub fn no_base_url_hint() -> Text {
    t!(
        "知道公开网址后，在 site.toml 里加一行 base_url = \"https://…/\"，或者生成时加 --base-url",
        "add base_url = \"https://…/\" to site.toml, or pass --base-url, when the public address is known"
    )
}
