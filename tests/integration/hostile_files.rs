//! Hostile files the site publishes as they are (tester 2's G-S1, G-S2): under
//! the default `raw_html = "escape"` no file beside a page or in `static/` may
//! run script on the site's address. The rule is an allow-list
//! (`src/text/active/`), so each repro is one instance of it.

use crate::support::{SiteTest, MINIMAL_CONFIG};
use minsheng::msg::Lang::Zh;

const DIR: &str = "content/reports/p";

fn folder(files: &[(&str, &[u8])]) -> SiteTest {
    let mut site = SiteTest::new().file(
        &format!("{DIR}/index.md"),
        "---\ntitle: 图\ndate: 2023-03-16\n---\n正文。\n",
    );
    for (name, bytes) in files {
        site = site.bytes(&format!("{DIR}/{name}"), bytes);
    }
    site
}

#[test]
fn drawings_with_declarations_or_instructions_are_refused_where_they_are() {
    let site = folder(&[
        ("a7.svg", include_bytes!("../fixtures/hostile-svg/a7.svg")),
        ("a12.svg", include_bytes!("../fixtures/hostile-svg/a12.svg")),
        ("a11.svg", include_bytes!("../fixtures/hostile-svg/a11.svg")),
        ("x.csv", include_bytes!("../fixtures/hostile-svg/x.csv")),
    ]);
    let err = site.build_err_in(Zh);
    for (file, at, what) in [
        ("a7.svg", ":1:1", "<!DOCTYPE [ ]>"),
        ("a12.svg", ":1:1", "<!DOCTYPE [ ]>"),
        ("a11.svg", ":1:22", "<?xml-stylesheet?>"),
    ] {
        let said = format!("{DIR}/{file}{at}: 错误：“{file}”里有普通图画用不到的内容（{what}），无法确认它不会运行代码");
        assert!(err.contains(&said), "{said}\n{err}");
    }
    assert!(err.contains("重新导出为“普通 SVG”"), "{err}");
    assert!(err.contains("或者导出为 PNG 图片"), "{err}");
    // The XSLT sheet named .csv is markup, refused whatever its name.
    assert!(
        err.contains(&format!("{DIR}/x.csv: 错误：“x.csv”的内容是网页、SVG 图画或 XML（开头是“<?xml versio”），但名字不以 .svg 结尾")),
        "{err}"
    );
}

/// A drawing opened by itself is a document: its style sheet's `@import` or
/// `url(https://…)` makes every reader's browser call another host, and
/// `url(javascript:…)` ran script in old engines. Refused, beside a page and in
/// `static/`, at their place; a plain drawing's `url(#g)` passes.
#[test]
fn style_sheets_in_drawings_load_nothing_from_elsewhere() {
    let svg = |body: &str| {
        format!("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 9 9\">\n{body}\n</svg>")
    };
    let import = svg("<style>@import url(https://evil.example/x.css);</style>");
    let tracker = svg("<rect style=\"fill: url(https://tracker.example/p.svg#a)\"/>");
    let script = svg("<style>rect { background: \\75rl('javascript:alert(1)') }</style>");
    let plain = svg("<defs><linearGradient id=\"g\"/></defs><style>rect { fill: url(#g) }</style><rect fill=\"url(#g)\" width=\"9\" height=\"9\"/>");
    let site = folder(&[
        ("import.svg", import.as_bytes()),
        ("tracker.svg", tracker.as_bytes()),
        ("plain.svg", plain.as_bytes()),
    ])
    .file("static/images/script.svg", &script);
    let err = site.build_err_in(Zh);
    for said in [
        format!("{DIR}/import.svg:2:1: 错误：“import.svg”里有普通图画用不到的内容（@import）"),
        format!("{DIR}/tracker.svg:2:7: 错误：“tracker.svg”打开时会从别的网站取内容（style=\"url(https://tracker.example/p.svg#a)\"），读者的浏览器会连到那个网站"),
        "static/images/script.svg:2:1: 错误：“script.svg”打开时会运行其中的代码（url(javascript:alert(1))）".to_string(),
    ] {
        assert!(err.contains(&said), "{said}\n{err}");
    }
    assert!(err.contains("删掉指向别的网站的地址"), "{err}");
    assert!(!err.contains("plain.svg"), "{err}");
}

#[test]
fn markup_under_another_name_is_refused_and_plain_files_pass() {
    let evil: &[u8] = include_bytes!("../fixtures/hostile-svg/noext");
    let site = folder(&[
        ("noext", evil),
        ("y.svg ", evil),
        ("图.png", evil),
        ("数据.csv", "<5岁,人数\n1,2\n".as_bytes()),
        ("好图.svg", b"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"4\" height=\"4\"><rect width=\"4\" height=\"4\"/></svg>"),
    ]);
    let err = site.build_err_in(Zh);
    for name in ["noext", "y.svg ", "图.png"] {
        let said = format!("{DIR}/{name}: 错误：“{name}”的内容是网页、SVG 图画或 XML");
        assert!(err.contains(&said), "{said}\n{err}");
    }
    assert!(
        !err.contains("数据.csv") && !err.contains("好图.svg"),
        "{err}"
    );
    // Trusted editors may publish them.
    let trusted = site.file(
        "site.toml",
        &format!("{MINIMAL_CONFIG}raw_html = \"allow\"\n"),
    );
    let out = trusted.build_ok();
    assert!(out.has("reports/p/noext") && out.has("reports/p/好图.svg"));
}

const ONLOAD: &str = "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>";

fn static_site() -> SiteTest {
    folder(&[])
        .file("static/images/evil.svg", ONLOAD)
        .file("static/x.html", "<script>alert(1)</script>")
        .file("static/app.mjs", "alert(1)")
        .file("static/files/说明", ONLOAD)
        .bytes(
            "static/images/logo.png",
            include_bytes!("../fixtures/page-folder/bands.png"),
        )
        .file("static/files/数据.csv", "年份,人数\n2023,5\n")
}

#[test]
fn the_site_static_files_follow_the_same_rule() {
    let err = static_site().build_err_in(Zh);
    for (path, what) in [
        (
            "static/images/evil.svg:1:41",
            "“evil.svg”打开时会运行其中的代码（onload=）",
        ),
        ("static/x.html", "“x.html”打开时会运行其中的代码（.html）"),
        ("static/app.mjs", "“app.mjs”打开时会运行其中的代码（.mjs）"),
        ("static/files/说明", "“说明”的内容是网页、SVG 图画或 XML"),
    ] {
        let said = format!("{path}: 错误：{what}");
        assert!(err.contains(&said), "{said}\n{err}");
    }
    assert!(err.contains("为了网站和读者的安全，不能发布"), "{err}");
    assert!(
        !err.contains("logo.png") && !err.contains("数据.csv"),
        "{err}"
    );
    let trusted = static_site().file(
        "site.toml",
        &format!("{MINIMAL_CONFIG}raw_html = \"allow\"\n"),
    );
    let out = trusted.build_ok();
    assert!(out.has("images/evil.svg") && out.has("x.html") && out.has("app.mjs"));
}

#[test]
fn a_theme_folder_is_checked_but_the_built_in_files_are_trusted() {
    let theme = crate::support::repo_root().join("themes/default");
    let root = theme.join("static");
    let mut site = folder(&[]);
    // The whole theme folder, as `minsheng new` writes it.
    for (rel, bytes) in crate::support::read_tree(&theme) {
        site = site.bytes(&format!("themes/default/{rel}"), &bytes);
    }
    // Copies identical to the tool's own files pass, in the theme or in static/.
    let js = std::fs::read(root.join("minsheng.js")).unwrap();
    let site = site.bytes("static/minsheng.js", &js);
    let out = site.build_ok();
    assert!(out.has("minsheng.js") && out.has("favicon.svg"));
    // A changed copy (or an older version's) is not published: the built-in one
    // stands in, with a warning at the file, so an old site still builds.
    for path in ["static/minsheng.js", "themes/default/static/minsheng.js"] {
        let changed = folder(&[]).file(path, "/* older */ alert(document.cookie)");
        let changed = read_tree_into(changed, &theme, path);
        let b = changed.build();
        let shown = crate::support::render_in(&b.diagnostics, Zh);
        let said = format!("{path}: 提醒：“minsheng.js”和程序自带主题里的同名文件不一样");
        assert!(shown.contains(&said), "{said}\n{shown}");
        assert!(shown.contains("发布的是程序自带的“minsheng.js”"), "{shown}");
        assert!(!shown.contains("少了"), "{shown}");
        let out = changed.build_ok();
        assert_eq!(out.text("minsheng.js").as_bytes(), &js[..]);
    }
    // Another theme's script is the site's too.
    let other = site
        .file("site.toml", &format!("{MINIMAL_CONFIG}theme = \"mine\"\n"))
        .file("themes/mine/static/app.js", "alert(1)");
    let err = other.build_err_in(Zh);
    assert!(
        err.contains("themes/mine/static/app.js: 错误：“app.js”打开时会运行其中的代码（.js）"),
        "{err}"
    );
}

/// Word's manual line break and other control characters in a page's text
/// (tester 2's G-W2) made `atom.xml` not XML: now a located warning, and no
/// output holds them.
#[test]
fn control_characters_never_reach_the_feed_or_the_page() {
    let site = SiteTest::new().file(
        "content/reports/c.md",
        "---\ntitle: 控制字符\ndate: 2026-01-02\n---\n第一行\u{b}第二行，来自Word的换行。\u{1}\n",
    );
    let b = site.build();
    let shown = crate::support::render_in(&b.diagnostics, Zh);
    assert!(
        shown.contains("content/reports/c.md:5:4: 提醒：第 5 行第 4 列有一个看不见的字符（Word 里的手动换行 U+000B），多半是从 Word、网页或微信复制来的；网页和订阅里已把它换成空格（这一页共有 2 个这样的字符）"),
        "{shown}"
    );
    let out = site.build_ok();
    let atom = out.text("atom.xml");
    roxmltree::Document::parse(&atom).unwrap_or_else(|e| panic!("{e}\n{atom}"));
    assert!(atom.contains("<title>控制字符</title>"), "{atom}");
    assert!(atom.contains("第一行 第二行，来自Word的换行。"), "{atom}");
    for path in ["atom.xml", "reports/c/index.html", "sitemap.xml"] {
        let text = out.text(path);
        assert!(
            !text.contains(['\u{1}', '\u{b}', '\u{fffe}']),
            "{path}: {text:?}"
        );
    }
}

/// `site` with the theme folder `theme` copied into `themes/default/`, but for
/// the file `keep` (a site path) the test wrote.
fn read_tree_into(mut site: SiteTest, theme: &std::path::Path, keep: &str) -> SiteTest {
    for (rel, bytes) in crate::support::read_tree(theme) {
        let path = format!("themes/default/{rel}");
        if path != keep {
            site = site.bytes(&path, &bytes);
        }
    }
    site
}

/// The same characters written as escapes inside quotes (`"a\x01b"`, `"\v"`,
/// TOML's `"\u0001"`) in an indicator, the glossary or `site.toml`: the
/// parsers read them into the value, which reached every page raw. Each is an
/// error at its backslash, as in front matter.
#[test]
fn control_characters_written_as_escapes_are_errors_where_they_are_written() {
    let indicator = "title: \"示例\\x01指标\"\nquestion: 问？\ndomain: 老有所养\nunit: 人\nseries:\n  2022: 1\n";
    let cases = [
        (
            "content/indicators/x.yaml",
            indicator,
            "content/indicators/x.yaml:1:11:",
            "控制字符 U+0001",
        ),
        (
            "content/glossary.yaml",
            "- term: 普惠托育\n  plain: \"政府\\v支持\"\n",
            "content/glossary.yaml:2:13:",
            "Word 里的手动换行 U+000B",
        ),
        (
            "site.toml",
            "title = \"测试站\"\n[contact]\nname = \"热线\\u0001\"\n",
            "site.toml:3:11:",
            "控制字符 U+0001",
        ),
        (
            "content/reports/a.md",
            "---\ntitle: 甲\ndate: 2024-01-01\nsummary: \"乙\\b丙\"\n---\n正文\n",
            "content/reports/a.md:4:12:",
            "U+0008",
        ),
    ];
    for (path, text, at, name) in cases {
        let err = SiteTest::new().file(path, text).build_err_in(Zh);
        assert!(
            err.contains(&format!("{at} 错误：")) && err.contains(name),
            "{path}: {err}"
        );
        assert!(err.contains("删掉引号里以 \\x、\\u 或 \\v 开头"), "{err}");
    }
    // A denominator file and a page's indicator block are read the same way.
    let x = "title: 甲\nquestion: 问？\ndomain: 老有所养\nunit: 人\nseries:\n  2022: 1\n";
    let denominator = SiteTest::new()
        .file("content/indicators/x.yaml", x)
        .file(
            "content/indicators/denominators/p.yaml",
            "title: \"人\\x1b口\"\nunit: 万人\nyear: 2022\ndistricts: {东区: 1}\n",
        )
        .build_err_in(Zh);
    assert!(
        denominator.contains("content/indicators/denominators/p.yaml:1:10: 错误：这里有一个不能显示的字符（控制字符 U+001B）"),
        "{denominator}"
    );
    let block = SiteTest::new()
        .file("content/indicators/x.yaml", x)
        .file(
            "content/reports/a.md",
            "---\ntitle: 甲\ndate: 2024-01-01\n---\n```indicator\nid: x\ncaption: \"图\\v\"\n```\n",
        )
        .build_err_in(Zh);
    assert!(
        block.contains(
            "content/reports/a.md:7:12: 错误：这里有一个不能显示的字符（Word 里的手动换行 U+000B）"
        ),
        "{block}"
    );
    // A backslash that writes nothing forbidden is text as before.
    let ok = SiteTest::new()
        .file(
            "content/glossary.yaml",
            "- term: 低保\n  plain: \"最低生活\\t保障\"\n",
        )
        .file(
            "content/reports/a.md",
            "---\ntitle: 甲\ndate: 2024-01-01\n---\n低保\n",
        )
        .build_ok();
    assert!(ok.text("reports/a/index.html").contains("最低生活\t保障"));
}

/// A drawing of 20,000 nested groups in `static/` (where the theme's files
/// are checked on the main thread) and beside a page: the XML reader went
/// down one call per level and the stack overflow ended the program. Refused
/// at the level too deep; the build goes on.
#[test]
fn drawings_nested_too_deep_are_refused_without_ending_the_program() {
    let n = 20_000;
    let deep = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\">\n{}{}</svg>\n",
        "<g>".repeat(n),
        "</g>".repeat(n)
    );
    let site = folder(&[("deep.svg", deep.as_bytes())]).bytes("static/deep.svg", deep.as_bytes());
    let err = site.build_err_in(Zh);
    for file in [format!("{DIR}/deep.svg"), "static/deep.svg".to_string()] {
        assert!(err.contains(&format!("{file}:2:")), "{file}\n{err}");
    }
    assert!(err.contains("一层套一层超过了 512 层"), "{err}");
}
