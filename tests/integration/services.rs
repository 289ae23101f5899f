//! Service guides, the service finder, the glossary and the feedback channel.

use crate::support::SiteTest;

const GUIDE: &str = "---\ntitle: 老人体检\naudiences: [老年人]\nevents: [年纪大了]\nwhat_you_get: 每年一次免费体检\nwho_can_apply: [年满65岁, 在本市居住]\nhow_to_apply: [带身份证去社区卫生服务中心, 预约时间]\ndocuments: [身份证]\nwhere: {office: 社区卫生服务中心, hours: 工作日上午, phone: \"12345\"}\ncost: 免费\ntime_to_decide: 当场\ncontact: 打12345\nlast_reviewed: 2026-11-01\n---\n补充说明。\n";

#[test]
fn a_guide_renders_its_parts_in_order() {
    let out = SiteTest::new()
        .file("content/services/check.md", GUIDE)
        .build_ok();
    let html = out.text("services/check/index.html");
    let order = [
        "id=\"what\"",
        "每年一次免费体检",
        "id=\"who\"",
        "年满65岁",
        "id=\"how\"",
        "<ol class=\"steps\"><li>带身份证去社区卫生服务中心</li><li>预约时间</li></ol>",
        "id=\"documents\"",
        "id=\"where\"",
        "工作日上午",
        "href=\"tel:12345\"",
        "id=\"cost\"",
        "免费",
        "更多说明",
        "补充说明",
        "id=\"ask\"",
        "2026年11月1日",
    ];
    let mut at = 0;
    for part in order {
        let i = html[at..]
            .find(part)
            .unwrap_or_else(|| panic!("{part} missing or out of order"));
        at += i + part.len();
    }
}

#[test]
fn a_guide_missing_its_answers_is_an_error() {
    let err = SiteTest::new()
        .file(
            "content/services/x.md",
            "---\ntitle: 某服务\nwhat_you_get: 帮助\n---\n",
        )
        .build_err();
    assert_eq!(
        err.matches(": error: this service guide does not say")
            .count(),
        3,
        "{err}"
    );
    assert!(err.contains("content/services/x.md:2:1: error: this service guide does not say who can apply (`who_can_apply:`)"));
}

#[test]
fn guides_show_what_their_indicators_say() {
    let out = SiteTest::new()
        .file(
            "content/indicators/checks.yaml",
            "title: 免费体检人数\ndomain: 老有所养\nunit: 万人\nseries: {2022: 34.1}\n",
        )
        .file(
            "content/services/check.md",
            &GUIDE.replace("audiences:", "indicators: [checks]\naudiences:"),
        )
        .build_ok();
    assert!(out
        .text("services/check/index.html")
        .contains("2022年为<strong>34.1万人</strong>"));
    assert!(
        out.text("indicators/checks/index.html")
            .contains("href=\"../../services/check/\""),
        "the indicator links the service"
    );
}

#[test]
fn the_finder_groups_guides_by_who_and_by_what_happened() {
    let out = SiteTest::new()
        .file(
            "content/services/_index.md",
            "---\ntitle: 办事指南\ntemplate: finder.html\n---\n",
        )
        .file("content/services/check.md", GUIDE)
        .file(
            "content/services/baby.md",
            &GUIDE
                .replace("老人体检", "托育")
                .replace("[老年人]", "[儿童和家庭]")
                .replace("[年纪大了]", "[家里添了宝宝]"),
        )
        .build_ok();
    let html = out.text("services/index.html");
    assert!(
        html.contains("href=\"#who-older-people\"") && html.contains("id=\"who-older-people\"")
    );
    assert!(html.contains("href=\"#event-baby\"") && html.contains("id=\"event-baby\""));
    let older = &html[html.find("id=\"who-older-people\"").unwrap()..];
    let older = &older[..older.find("</section>").unwrap()];
    assert!(older.contains("老人体检") && !older.contains(">托育<"));
    // Audience pages list the guides too.
    assert!(out
        .text("audiences/older-people/index.html")
        .contains("老人体检"));
}

#[test]
fn glossary_terms_are_marked_on_first_use_only_outside_links_and_headings() {
    let out = SiteTest::new()
        .file("content/glossary.yaml", "- term: 普惠托育\n  plain: 收费较低的托育服务。\n")
        .file("content/a.md", "---\ntitle: 甲\n---\n## 普惠托育是什么\n\n[普惠托育](https://x.org)。这里讲普惠托育。再说普惠托育。\n")
        .build_ok();
    let html = out.text("a/index.html");
    assert_eq!(html.matches("class=\"term\"").count(), 1, "first use only");
    assert!(
        html.contains("<h2 id=\"普惠托育是什么\">普惠托育是什么</h2>"),
        "not in headings"
    );
    assert!(
        html.contains("<a href=\"https://x.org\">普惠托育</a>"),
        "not inside links"
    );
    assert!(html.contains("这里讲<span class=\"term-wrap\"><a class=\"term\" href=\"../glossary/#term-普惠托育\" aria-describedby=\"tip-term-普惠托育\">普惠托育</a><span class=\"term-tip\" role=\"tooltip\" id=\"tip-term-普惠托育\">收费较低的托育服务。</span></span>。"), "{html}");
    let glossary = out.text("glossary/index.html");
    assert!(glossary.contains("<dt id=\"term-普惠托育\"><dfn>普惠托育</dfn></dt>"));
}

/// Terms written only in signs (`&`, `<`, `#`), or spelled apart only by case,
/// share a slug: they all got `id="tip-term-section"`, so three tooltips had one
/// id and every anchor led to the first. Each now has its own, in file order.
#[test]
fn glossary_terms_that_share_a_slug_get_their_own_anchors() {
    let glossary = "- term: \"&\"\n  plain: 和。\n- term: \"<\"\n  plain: 小于。\n- term: \"#\"\n  plain: 井号。\n- term: Wi-Fi\n  plain: 无线网。\n- term: wi fi\n  plain: 同上。\n";
    let out = SiteTest::new()
        .file("content/glossary.yaml", glossary)
        .file(
            "content/a.md",
            "---\ntitle: 甲\n---\n甲 & 乙 < 丙 # 丁，Wi-Fi 和 wi fi。\n",
        )
        .build_ok();
    let html = out.text("a/index.html");
    for (id, plain) in [
        ("term-section", "和。"),
        ("term-section-2", "小于。"),
        ("term-section-3", "井号。"),
        ("term-wi-fi", "无线网。"),
        ("term-wi-fi-2", "同上。"),
    ] {
        let tip = format!("aria-describedby=\"tip-{id}\">");
        assert_eq!(html.matches(&tip).count(), 1, "{tip}\n{html}");
        let said = format!("id=\"tip-{id}\">{plain}</span>");
        assert!(html.contains(&said), "{said}\n{html}");
        assert!(
            html.contains(&format!("href=\"../glossary/#{id}\"")),
            "{id}"
        );
    }
    let page = out.text("glossary/index.html");
    for id in [
        "term-section",
        "term-section-2",
        "term-section-3",
        "term-wi-fi-2",
    ] {
        assert_eq!(
            page.matches(&format!("<dt id=\"{id}\">")).count(),
            1,
            "{id}\n{page}"
        );
    }
}

#[test]
fn every_page_offers_feedback_through_the_sites_own_channel() {
    let out = SiteTest::new()
        .file(
            "site.toml",
            "title = \"t\"\n[contact]\nemail = \"ask@example.gov.cn\"\n",
        )
        .file("content/a.md", "---\ntitle: 甲\n---\n")
        .build_ok();
    let html = out.text("a/index.html");
    assert!(html.contains("这个页面对您有用吗？"));
    assert!(
        html.contains("href=\"mailto:ask@example.gov.cn?subject="),
        "{html}"
    );
    assert!(!html.contains("https://"), "no third-party service");
}

#[test]
fn shorthand_lists_work_next_to_plain_numbers() {
    // The tester's guide: one value where a list goes, and unquoted numbers
    // (`phone: 12345`, `cost: 0`) elsewhere; each alone built, together they
    // failed, blaming `audiences`.
    let guide = "---\ntitle: 2023\naudiences: 老年人\nevents: 年纪大了\nwhat_you_get: 体检\n\
                 who_can_apply: 年满65岁、本市户籍\nhow_to_apply: 带身份证去社区\n\
                 documents: 身份证\nwhere:\n  office: 社区卫生服务中心\n  phone: 12345\n\
                 cost: 0\nsummary: 2024\n---\n正文\n";
    let out = SiteTest::new()
        .file("content/services/check.md", guide)
        .build_ok();
    let html = out.text("services/check/index.html");
    for part in ["年满65岁、本市户籍", "href=\"tel:12345\"", "<h1", "2023"] {
        assert!(html.contains(part), "{part} missing");
    }
    let list = out.text("audiences/older-people/index.html");
    assert!(list.contains("services/check/"), "listed under 老年人");
}
