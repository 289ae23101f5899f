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
