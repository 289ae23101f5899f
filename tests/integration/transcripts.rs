//! What editors see, kept as reviewed snapshot files (`snapshots/*.snap`): the
//! error transcript of each common mistake in both languages, and the main part of
//! a service guide page. A change shows as a diff to review (`cargo insta review`,
//! or `INSTA_UPDATE=always cargo test` and read `git diff`); CI never writes them.
//! Fixtures are small and written here, not sentences of the example site.

use minsheng::msg::Lang;

use crate::support::{render_in, SiteTest, MINIMAL_CONFIG};

/// One page whose front matter is `front`, body `body`.
fn page(front: &str, body: &str) -> SiteTest {
    SiteTest::new().file("content/a.md", &format!("---\n{front}---\n{body}"))
}

/// Every finding of a build, in both languages.
fn both(site: &SiteTest) -> String {
    let b = site.build();
    format!(
        "{}\n--- en ---\n{}",
        render_in(&b.diagnostics, Lang::Zh),
        render_in(&b.diagnostics, Lang::En)
    )
}

macro_rules! transcript {
    ($name:ident, $site:expr) => {
        #[test]
        fn $name() {
            insta::assert_snapshot!(stringify!($name), both(&$site));
        }
    };
}

transcript!(full_width_colon, page("title：座谈会\n", "正文\n"));
transcript!(
    full_width_space_after_colon,
    page("title:　座谈会\n", "正文\n")
);
transcript!(
    tab_indentation,
    page("title: 甲\nwho_can_apply:\n\t- 老人\n", "正文\n")
);
transcript!(
    month_thirteen,
    page("title: 甲\ndate: 2023-13-45\n", "正文\n")
);
transcript!(
    february_thirtieth,
    page("title: 甲\ndate: 2024年2月30日\n", "正文\n")
);
transcript!(misspelt_key, page("title: 甲\nsumary: 乙\n", "正文\n"));
transcript!(
    unknown_audience,
    page("title: 甲\naudiences: [老人]\n", "正文\n")
);
transcript!(
    unknown_domain,
    page("title: 甲\ndomains: [养老]\n", "正文\n")
);
transcript!(no_title, page("date: 2023-03-16\n", "正文\n"));
transcript!(
    draft_yes_in_english,
    page("title: 甲\ndraft: no\n", "正文\n")
);
transcript!(
    link_to_missing_page,
    page("title: 甲\n", "见[指南](../services/x.md)。\n")
);
transcript!(
    script_address,
    page("title: 甲\n", "[点这里](javascript:alert(1))\n")
);
transcript!(
    picture_without_alt,
    page("title: 甲\n", "![](/logo.png)\n").bytes(
        "static/logo.png",
        include_bytes!("../fixtures/page-folder/bands.png")
    )
);
transcript!(
    guide_missing_answers,
    SiteTest::new().file("content/services/a.md", "---\ntitle: 免费体检\n---\n正文\n")
);
transcript!(
    settings_full_width_equals,
    SiteTest::new().file("site.toml", &format!("{MINIMAL_CONFIG}paginate_by ＝ 10\n"))
);
transcript!(
    settings_misspelt_key,
    SiteTest::new().file(
        "site.toml",
        &format!("{MINIMAL_CONFIG}languge = \"zh-CN\"\n")
    )
);
transcript!(
    windows_device_names_beside_pages_in_static_and_as_indicators,
    SiteTest::new()
        .file("content/r/index.md", "---\ntitle: 甲\n---\n[表](con.pdf)\n")
        .bytes("content/r/con.pdf", b"%PDF")
        .bytes("content/r/console.pdf", b"%PDF")
        .bytes("content/r/img/Aux/a.png", b"\x89PNG")
        .bytes("content/r/img/Aux/b.png", b"\x89PNG")
        .bytes("static/nul.txt", b"x")
        .file(
            "content/indicators/com1.yaml",
            "title: 甲\ndomain: 老有所养\nunit: 人\nseries:\n  2023: 1\n"
        )
        .file(
            "content/indicators/ok.yaml",
            "id: lpt9\ntitle: 乙\ndomain: 老有所养\nunit: 人\nseries:\n  2023: 1\n"
        )
);
transcript!(
    windows_device_name_as_a_district_or_audience,
    SiteTest::new().file(
        "site.toml",
        &format!("districts = [\"东区\", \"PRN\"]\n{MINIMAL_CONFIG}[[audiences]]\nslug = \"aux\"\nname = \"甲\"\n")
    )
);
transcript!(
    guide_where_on_one_line,
    SiteTest::new().file(
        "content/services/a.md",
        "---\ntitle: 甲\nwhat_you_get: 乙\nwho_can_apply: [丙]\nhow_to_apply: [丁]\nwhere: 各区社区服务中心\n---\n正文\n"
    )
);
transcript!(
    guide_phone_outside_where,
    SiteTest::new().file(
        "content/services/a.md",
        "---\ntitle: 甲\nwhat_you_get: 乙\nwho_can_apply: [丙]\nhow_to_apply: [丁]\nwhere:\n  office: 各区社区服务中心\nphone: 12345\n---\n正文\n"
    )
);

/// The main part of a built page: what the template made of the page's fields.
fn main_of(html: &str) -> &str {
    let start = html.find("<main").expect("a <main> element");
    let end = html.find("</main>").expect("a </main>") + "</main>".len();
    &html[start..end]
}

#[test]
fn a_service_guide_page() {
    let out = SiteTest::new()
        .file(
            "content/services/health-check.md",
            "---\ntitle: 老年人免费健康体检\nwhat_you_get: 每年一次免费健康体检。\nwho_can_apply: [年满65岁, 在本市居住]\nhow_to_apply: [带身份证到社区卫生服务中心, 预约体检时间]\ndocuments: [身份证]\nwhere: {office: 社区卫生服务中心, hours: 工作日上午, phone: \"12345\"}\ncost: 免费\naudiences: [老年人]\nlast_reviewed: 2026-11-01\n---\n体检项目包括血压、血糖。\n",
        )
        .build_ok();
    insta::assert_snapshot!(main_of(&out.text("services/health-check/index.html")));
}
