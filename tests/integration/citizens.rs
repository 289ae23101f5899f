//! Issue 11, for citizens: the elder-mode switch and read-aloud button on every
//! page, the header search box, government-site conventions (footer and page
//! metadata), the home page's glance at the indicators, and the search index.

use crate::support::{example_output, SiteTest, MINIMAL_CONFIG};

/// The text with ASCII punctuation next to Chinese characters made full-width,
/// as the theme writes it (`主办单位:x` → `主办单位\u{ff1a}x`).
fn fw(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let cjk = |c: Option<&char>| c.is_some_and(|c| ('\u{4e00}'..='\u{9fff}').contains(c));
    chars
        .iter()
        .enumerate()
        .map(|(i, &c)| {
            let near = cjk(i.checked_sub(1).and_then(|j| chars.get(j))) || cjk(chars.get(i + 1));
            match c {
                ',' | ':' | ';' | '(' | ')' | '!' | '?' if near => {
                    char::from_u32(c as u32 - 0x21 + 0xff01).unwrap()
                }
                c => c,
            }
        })
        .collect()
}

const GOV: &str = r#"
[gov]
sponsor = "测试市人民政府办公室 <b>&</b>"
operator = "测试市大数据管理局"
site_code = "3211000001"
icp = "苏ICP备12345678号"
police = "苏公网安备 32110202000001号"
police_url = "https://beian.mps.gov.cn/#/query/webSearch?code=32110202000001"
report_url = "https://www.example.gov.cn/jiucuo/?site=3211000001&from=minsheng"
"#;

const REPORT: &str = "---\ntitle: 一篇报告\ndate: 2023-03-16\n---\n正文。\n";

fn gov_site() -> SiteTest {
    SiteTest::new()
        .file("site.toml", &format!("{MINIMAL_CONFIG}{GOV}"))
        .file("content/reports/_index.md", "---\ntitle: 民生报告\n---\n")
        .file("content/reports/a.md", REPORT)
}

#[test]
fn gov_footer_shows_every_setting_escaped() {
    let out = gov_site().build_ok();
    let html = out.text("reports/a/index.html");
    for part in [
        "主办单位:测试市人民政府办公室 &lt;b&gt;&amp;&lt;/b&gt;",
        "承办单位:测试市大数据管理局",
        "网站标识码:3211000001",
        "<a href=\"https://beian.miit.gov.cn/\">苏ICP备12345678号</a>",
        "苏公网安备 32110202000001号</a>",
        ">网站纠错</a>",
        "href=\"https://www.example.gov.cn/jiucuo/?site=3211000001&amp;from=minsheng\"",
    ]
    .map(fw)
    {
        assert!(html.contains(&part), "missing {part}");
    }
    assert!(!html.contains("<b>&</b>"), "text is escaped");
}

#[test]
fn pages_carry_gov_cn_metadata() {
    let out = gov_site().build_ok();
    let html = out.text("reports/a/index.html");
    for part in [
        "<meta name=\"SiteName\" content=\"测试站\">",
        "<meta name=\"SiteDomain\" content=\"example.org\">",
        "<meta name=\"SiteIDCode\" content=\"3211000001\">",
        "<meta name=\"ColumnName\" content=\"民生报告\">",
        "<meta name=\"ArticleTitle\" content=\"一篇报告\">",
        "<meta name=\"PubDate\" content=\"2023-03-16\">",
        "<meta name=\"ContentSource\" content=\"测试市人民政府办公室 &lt;b&gt;&amp;&lt;/b&gt;\">",
    ] {
        assert!(html.contains(part), "missing {part}");
    }
    // Listings name their column, and carry no article metadata.
    let list = out.text("reports/index.html");
    assert!(list.contains("<meta name=\"ColumnName\" content=\"民生报告\">"));
    assert!(!list.contains("ArticleTitle"));
}

#[test]
fn without_gov_settings_nothing_of_them_shows() {
    let out = SiteTest::new()
        .file("content/reports/a.md", REPORT)
        .build_ok();
    let html = out.text("reports/a/index.html");
    for absent in ["主办单位", "网站标识码", "SiteIDCode", "网站纠错", "ICP"] {
        assert!(!html.contains(absent), "{absent} shown without a setting");
    }
    assert!(html.contains("<meta name=\"SiteName\" content=\"测试站\">"));
}

#[test]
fn a_gov_address_outside_the_url_policy_is_a_located_error() {
    let errors = SiteTest::new()
        .file(
            "site.toml",
            &format!(
                "{MINIMAL_CONFIG}\n[gov]\nsponsor = \"x\"\nreport_url = \"javascript:alert(1)\"\n"
            ),
        )
        .build_err();
    assert!(
        errors.contains("site.toml:6:1: error: gov.report_url: addresses starting with `javascript:` are not allowed"),
        "{errors}"
    );
    // The example in the hint is of the key being fixed (it was report_url's for all).
    for (key, example) in [
        ("icp_url", "https://beian.miit.gov.cn/"),
        ("police_url", "https://beian.mps.gov.cn/"),
    ] {
        let errors = SiteTest::new()
            .file(
                "site.toml",
                &format!("{MINIMAL_CONFIG}\n[gov]\n{key} = \"javascript:alert(1)\"\n"),
            )
            .build_err_in(minsheng::msg::Lang::Zh);
        let hint = format!("怎么改：写 http(s) 网址，例如：{key} = \"{example}\"\n");
        assert!(errors.contains(&hint), "{hint}\n{errors}");
        assert!(!errors.contains("report_url"), "{errors}");
    }
}

#[test]
fn every_page_has_the_elder_switch_read_aloud_and_a_search_box() {
    let out = example_output();
    let mut pages = 0;
    for path in out.0.keys().filter(|p| p.ends_with(".html")) {
        let html = out.text(path);
        assert!(
            html.contains("<input type=\"checkbox\" id=\"elder-on\"")
                && html.contains("<label for=\"elder-on\""),
            "{path}: no 长辈版 switch"
        );
        assert!(
            html.contains("id=\"read-aloud\" class=\"tool-button\" hidden>朗读</button>"),
            "{path}: no 朗读 button (hidden until a Chinese voice is found)"
        );
        assert!(
            html.contains("role=\"search\" aria-label=\"全站搜索\"")
                && html.contains("method=\"get\"")
                && html.contains("name=\"q\""),
            "{path}: no search box in the header"
        );
        assert!(
            html.contains("localStorage.getItem(K)===\"1\""),
            "{path}: the choice is not restored before the page shows"
        );
        pages += 1;
    }
    assert!(pages > 40, "only {pages} pages");
    // The search form goes to search/ relative to the page.
    let guide = out.text("services/elderly-health-check/index.html");
    assert!(guide.contains("action=\"../../search/\""));
}

#[test]
fn home_page_shows_the_city_at_a_glance_with_links() {
    let out = example_output();
    let home = out.text("index.html");
    for part in [
        "城市民生一览",
        "href=\"./indicators/#status-reached\"",
        "href=\"./indicators/#status-on-track\"",
        "href=\"./indicators/#status-needs-attention\"",
        "href=\"./indicators/#status-other\"",
        "<strong>22个</strong>\u{ff08}2021年\u{ff09}",
        "<strong>12个</strong>\u{ff08}2021年\u{ff09}",
        "全省监测的45个基本公共服务数量指标中",
        "示例数据:</strong>其中",
    ]
    .map(fw)
    {
        assert!(home.contains(&part), "home page: missing {part}");
    }
    let dashboard = out.text("indicators/index.html");
    for id in ["reached", "on-track", "needs-attention", "other"] {
        assert!(
            dashboard.contains(&format!("id=\"status-{id}\""))
                && dashboard.contains(&format!("<a href=\"#status-{id}\">")),
            "indicators/: the {id} tile does not link to its list"
        );
    }
}

#[test]
fn a_glance_naming_an_unknown_indicator_is_an_error() {
    let errors = SiteTest::new()
        .file(
            "site.toml",
            &format!("glance = [\"nope\"]\n{MINIMAL_CONFIG}"),
        )
        .build_err();
    assert!(errors.contains("glance: no indicator `nope`"), "{errors}");
}

#[test]
fn search_index_covers_every_page_type_with_their_text() {
    let out = example_output();
    let index: serde_json::Value = serde_json::from_str(&out.text("search.json")).unwrap();
    let docs = index["docs"].as_array().unwrap();
    let kinds: std::collections::BTreeSet<&str> =
        docs.iter().filter_map(|d| d["k"].as_str()).collect();
    for k in [
        "guide",
        "page",
        "indicator",
        "glossary",
        "domain",
        "audience",
        "section",
    ] {
        assert!(kinds.contains(k), "no {k} in the index");
    }
    let doc = |path: &str| {
        docs.iter()
            .find(|d| d["p"] == path)
            .unwrap_or_else(|| panic!("{path} not indexed"))
    };
    // A guide with all its answers.
    let guide = doc("services/elderly-health-check/");
    let x = guide["x"].as_str().unwrap();
    for part in [
        "量血压",
        "年满65岁",
        "体检当天早上空腹前往",
        "身份证（或户口簿）",
        "社区卫生服务中心",
        "34.1万名",
    ] {
        assert!(x.contains(part), "guide text lacks {part}");
    }
    assert!(guide["w"].as_str().unwrap().contains("老年人"));
    // A report's full text, without chart markup.
    let report = doc("reports/consultation/");
    assert!(report["x"].as_str().unwrap().contains("362个行政村"));
    assert!(!report["x"].as_str().unwrap().contains("<"));
    // An indicator with its question and values.
    let ind = doc("indicators/inclusive-childcare/");
    assert!(
        ind["x"].as_str().unwrap().contains(&fw("2022年:21家")),
        "{}",
        ind["x"]
    );
    // Glossary aliases are synonyms.
    let syn = index["syn"].as_array().unwrap();
    assert!(syn
        .iter()
        .any(|g| g == &serde_json::json!(["免费健康体检", "免费体检", "老年人体检"])));
    assert!(doc("glossary/#term-孤独症")["w"]
        .as_str()
        .unwrap()
        .contains("自闭症"));
}

#[test]
fn each_district_has_a_page_beside_the_city_and_the_others() {
    let out = SiteTest::new()
        .file(
            "site.toml",
            &format!("districts = [\"东区\", \"西区\", \"南区\"]\n{MINIMAL_CONFIG}"),
        )
        .file(
            "content/indicators/beds.yaml",
            "title: 养老床位\nquestion: 有多少张养老床位?\ndomain: 老有所养\nunit: 张\nseries: {2021: 900, 2022: 1000}\ndistricts: {东区: 500, 西区: 300, 南区: 200}\ndistricts_year: 2022\n",
        )
        .file(
            "content/indicators/rate.yaml",
            "title: 公交覆盖率\nquestion: 多少村通公交?\ndomain: 行有所畅\nunit: \"%\"\nseries: {2022: 90}\ndistricts: {东区: 95, 西区: 85}\ndistricts_sample: true\n",
        )
        .build_ok();
    let west = out.text("districts/西区/index.html");
    for part in [
        "<h1>西区</h1>",
        "2022年,西区为<strong>300张</strong>",
        "3个区县中第2高;全市(2022年)为<strong>1000张</strong>。",
        // Beds are counted, not people: the comparison is by total.
        "按总数比较:没有按常住人口折算",
        "按比例比较。",
        "示例数据:</strong>这一项的区县数字",
        "<tr class=\"this-district\"><th scope=\"row\">西区(本区县)</th>",
        "<a href=\"../../districts/东区/\">东区</a>",
    ]
    .map(fw)
    {
        assert!(west.contains(&part), "西区: missing {part}");
    }
    // A district no indicator names still has its page, which says so.
    let south = out.text("districts/南区/index.html");
    assert!(south.contains("养老床位") && !south.contains("公交覆盖率"));
    let index = out.text("districts/index.html");
    assert!(
        index.contains("href=\"../districts/西区/\"") && index.contains("2 项指标有按区县的数字")
    );
    assert!(out
        .text("index.html")
        .contains("href=\"./districts/\">各区县</a>"));
}

#[test]
fn without_districts_there_are_no_district_pages() {
    let out = SiteTest::new().build_ok();
    assert!(!out.has("districts/index.html"));
    assert!(!out.text("index.html").contains("各区县"));
}
