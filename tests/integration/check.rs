//! `minsheng check`: each review rule with a fixture that trips it and one that
//! does not, exact locations, the JSON report and the exit statuses.

use crate::support::SiteTest;
use minsheng::site::Date;

fn check(site: &SiteTest) -> minsheng::check::Report {
    minsheng::check::run(site.root(), Date::parse("2026-11-28")).unwrap()
}

fn rules(r: &minsheng::check::Report) -> Vec<(&'static str, String)> {
    r.findings
        .iter()
        .filter_map(|d| {
            d.rule
                .map(|rule| (rule, format!("{}:{}:{}", d.path.display(), d.line, d.col)))
        })
        .collect()
}

/// A real picture (a damaged one is warned about, and check counts warnings).
const LOGO: &[u8] = include_bytes!("../fixtures/page-folder/bands.png");

const GUIDE: &str = "---\ntitle: 指南\nwhat_you_get: 体检\nwho_can_apply: [老人]\nhow_to_apply: [去社区]\nwhere: {office: 社区}\nlast_reviewed: 2026-10-01\nindicators: [x]\n---\n## 谁能申请\n\n老人。\n";

/// The indicator GUIDE names (a guide should show how its service is doing).
const INDICATOR: &str =
    "title: 体检人数\ndomain: 老有所养\nunit: 人\nseries: {2021: 10, 2022: 12}\n";

/// A site with a service guide of text `guide` and the indicator it names.
fn guide_site(guide: &str) -> SiteTest {
    SiteTest::new()
        .file("content/services/a.md", guide)
        .file("content/indicators/x.yaml", INDICATOR)
}

#[test]
fn long_sentences_are_flagged_where_they_start() {
    let long = "这是一个很长的句子".repeat(10);
    let site = SiteTest::new()
        .file(
            "content/a.md",
            &format!("---\ntitle: 甲\n---\n第一句很短。{long}。\n"),
        )
        .file(
            "content/b.md",
            "---\ntitle: 乙\n---\n短句子。又一句**加粗的**短句。\n",
        );
    let r = check(&site);
    assert_eq!(
        rules(&r),
        [("long-sentence", "content/a.md:4:7".to_string())]
    );
    let d = &r.findings[0];
    assert_eq!(
        d.message.en(),
        "a sentence of 90 characters is hard to follow: “这是一个很长的句子这是一个很长的……”"
    );
    assert!(!d.is_error());
}

#[test]
fn officialese_is_flagged_with_a_suggestion() {
    let site = SiteTest::new()
        .file(
            "content/a.md",
            "---\ntitle: 甲\n---\n我们要**打通最后一公里**。\n\n- 切实做好工作\n",
        )
        .file("content/b.md", "---\ntitle: 乙\n---\n在家门口就能办。\n");
    let r = check(&site);
    assert_eq!(
        rules(&r),
        [
            ("officialese", "content/a.md:4:6".to_string()),
            ("officialese", "content/a.md:6:3".to_string())
        ]
    );
    assert_eq!(
        r.findings[0].hint.as_deref(),
        Some("说清楚具体改变了什么,例如:“在家门口就能办”")
    );
}

#[test]
fn policy_terms_need_a_glossary_entry() {
    let site = SiteTest::new().file(
        "content/a.md",
        "---\ntitle: 甲\n---\n推进医养结合。再说医养结合。\n",
    );
    assert_eq!(
        rules(&check(&site)),
        [("undefined-term", "content/a.md:4:3".to_string())]
    );
    let site = site.file(
        "content/glossary.yaml",
        "- term: 医养结合\n  plain: 养老的地方也能看病。\n",
    );
    assert_eq!(rules(&check(&site)), []);
}

#[test]
fn guides_not_reviewed_lately_are_flagged() {
    let fresh = guide_site(GUIDE);
    assert_eq!(rules(&check(&fresh)), []);
    let old = guide_site(&GUIDE.replace("2026-10-01", "2024-01-31"));
    let r = check(&old);
    assert_eq!(
        rules(&r),
        [("stale-guide", "content/services/a.md:7:16".to_string())]
    );
    assert_eq!(
        r.findings[0].message.en(),
        "this service guide was last checked 1032 days ago (2024-01-31)"
    );
    let never = guide_site(&GUIDE.replace("last_reviewed: 2026-10-01\n", ""));
    assert_eq!(
        rules(&check(&never)),
        [("stale-guide", "content/services/a.md:2:1".to_string())]
    );
}

#[test]
fn broken_anchors_and_missing_images_are_errors() {
    // A picture or link to an address the build did not make is a build error,
    // so check reports it with the build's errors.
    let site = guide_site(GUIDE).bytes("static/logo.png", LOGO).file(
        "content/b.md",
        "---\ntitle: 乙\n---\n见[条件](services/a.md#谁能申请)。\n\n![标志](/logo.png) ![图](/missing.png) [领域](/domains/) [无](/nowhere/)\n",
    );
    let r = check(&site);
    assert_eq!(
        rules(&r),
        [
            ("missing-image", "content/b.md:6:18".to_string()),
            ("broken-link", "content/b.md:6:53".to_string()),
        ]
    );
    assert!(r.findings.iter().all(|d| d.is_error()));
    assert_eq!(r.errors(), 2);
    // Anchors are read from the pages made, once the site builds.
    let site = guide_site(GUIDE).bytes("static/logo.png", LOGO).file(
        "content/b.md",
        "---\ntitle: 乙\n---\n见[条件](services/a.md#谁能申请)和[地点](services/a.md#在哪里)。\n\n![标志](/logo.png) [领域](/domains/)\n",
    );
    let r = check(&site);
    assert_eq!(
        rules(&r),
        [("broken-anchor", "content/b.md:4:27".to_string())]
    );
    assert_eq!(r.errors(), 1);
}

#[test]
fn build_errors_are_part_of_the_check() {
    let site = SiteTest::new().file("content/a.md", "---\ntitle: 甲\nindicators: [nope]\n---\n");
    let r = check(&site);
    assert_eq!(r.errors(), 1);
    assert!(r.findings[0]
        .message
        .contains("there is no indicator `nope`"));
}

fn minsheng(args: &[&str]) -> (i32, String) {
    let (code, out, _) = crate::support::run_bin(args);
    (code, out)
}

#[test]
fn json_report_and_exit_statuses() {
    let site = SiteTest::new().file("content/a.md", "---\ntitle: 甲\n---\n切实做好。\n");
    let root = site.root().to_str().unwrap();
    let (code, out) = minsheng(&[
        "check",
        "--root",
        root,
        "--format",
        "json",
        "--today",
        "2026-11-28",
    ]);
    assert_eq!(code, 0, "warnings alone pass");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["version"], 1);
    assert_eq!(v["summary"]["errors"], 0);
    assert_eq!(v["summary"]["warnings"], 1);
    let f = &v["findings"][0];
    for key in [
        "severity",
        "rule",
        "path",
        "line",
        "col",
        "message",
        "source_line",
        "hint",
    ] {
        assert!(f.get(key).is_some(), "finding has {key}: {f}");
    }
    assert_eq!(f["severity"], "warning");
    assert_eq!(f["rule"], "officialese");
    assert_eq!((f["line"].as_u64(), f["col"].as_u64()), (Some(4), Some(1)));
    let (code, _) = minsheng(&["check", "--root", root, "--strict", "--today", "2026-11-28"]);
    assert_eq!(code, 1, "--strict fails on warnings");
    let (code, text) = minsheng(&["check", "--root", root, "--today", "2026-11-28"]);
    assert_eq!(code, 0);
    assert!(
        text.starts_with("content/a.md:4:1: warning: “切实” is officialese"),
        "{text}"
    );
    assert!(text.trim_end().ends_with("check: 0 errors, 1 warning"));
    let broken = SiteTest::new().file("content/a.md", "---\ntitle: [\n---\n");
    let (code, _) = minsheng(&["check", "--root", broken.root().to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(
        !broken.root().join("public").exists(),
        "check writes nothing"
    );
}

#[test]
fn the_example_site_gets_a_useful_review() {
    let r = minsheng::check::run(&crate::support::repo_root(), Date::parse("2026-11-28")).unwrap();
    assert_eq!(
        r.errors(),
        0,
        "{:?}",
        r.findings
            .iter()
            .filter(|d| d.is_error())
            .collect::<Vec<_>>()
    );
    let rules: std::collections::BTreeSet<_> = r.findings.iter().filter_map(|d| d.rule).collect();
    assert!(
        rules.contains("long-sentence") && rules.contains("officialese"),
        "{rules:?}"
    );
}

#[test]
fn placeholders_left_by_new_are_flagged_in_front_matter_body_and_settings() {
    let site = SiteTest::new()
        .file("site.toml", "title = \"t\"\n[contact]\naddress = \"（请填写接待地址）\"\n")
        .file(
            "content/a.md",
            "---\ntitle: 甲\neditor: (编辑姓名)\n---\n地址(待补充)。这是示例报告，请替换为真实内容。\n\n`(请填写)` 在代码里不算。\n",
        );
    let r = check(&site);
    let found: Vec<_> = r
        .findings
        .iter()
        .filter(|d| d.rule == Some("placeholder"))
        .map(|d| {
            (
                format!("{}:{}:{}", d.path.display(), d.line, d.col),
                d.message.zh().to_string(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            (
                "content/a.md:3:9".to_string(),
                "“(编辑姓名)”是待填写的占位文字，还没有换成真实内容".to_string()
            ),
            (
                "content/a.md:5:3".to_string(),
                "“(待补充)”是待填写的占位文字，还没有换成真实内容".to_string()
            ),
            (
                "content/a.md:5:11".to_string(),
                "“示例报告”是待填写的占位文字，还没有换成真实内容".to_string()
            ),
            (
                "content/a.md:5:16".to_string(),
                "“请替换为真实内容”是待填写的占位文字，还没有换成真实内容".to_string()
            ),
            (
                "site.toml:0:0".to_string(),
                "“（请填写接待地址）”是待填写的占位文字，还没有换成真实内容".to_string()
            ),
        ]
    );
    assert_eq!(
        r.findings[0].message.en(),
        "“(编辑姓名)” is placeholder text, not yet replaced by the real content"
    );
}

#[test]
fn ascii_punctuation_between_chinese_characters_is_flagged_exactly() {
    let site = SiteTest::new().file(
        "content/a.md",
        "---\ntitle: 甲\n---\n今年,全市新增床位(示例)。电话:12345,共3,408人。\n\n`代码,不算` 和 <https://x.org/a,b>。\n\n```\n代码块,也不算\n```\n",
    );
    let r = check(&site);
    let found: Vec<_> = r
        .findings
        .iter()
        .filter(|d| d.rule == Some("ascii-punctuation"))
        .map(|d| (d.line, d.col, d.message.zh().to_string()))
        .collect();
    assert_eq!(
        found,
        [
            (4, 3, "中文句子里用了英文标点“,”，应当用“，”".to_string()),
            (4, 10, "中文句子里用了英文标点“(”，应当用“（”".to_string()),
            (4, 13, "中文句子里用了英文标点“)”，应当用“）”".to_string()),
        ]
    );
    assert_eq!(
        r.findings
            .iter()
            .find(|d| d.rule == Some("ascii-punctuation"))
            .unwrap()
            .message
            .en(),
        "ASCII “,” between Chinese characters; write the full-width “，”"
    );
}

/// `check` advised turning `(` into `（` inside `【申请表】(申请表.pdf)`, a
/// link Markdown left as text, which the build already tells how to write:
/// such shapes are left to that warning; prose around them is still read.
#[test]
fn link_shaped_text_gets_no_punctuation_advice() {
    let site = SiteTest::new()
        .file(
            "content/reports/p/index.md",
            "---\ntitle: 甲\n---\n三、【申请表】(申请表.pdf)\n\n五、[申请表] (申请表.pdf)\n\n一、[申请表](申请表 (1).pdf)\n\n今年(示例)好。\n",
        )
        .bytes("content/reports/p/申请表.pdf", b"%PDF")
        .bytes("content/reports/p/申请表 (1).pdf", b"%PDF");
    let r = check(&site);
    let punctuation: Vec<(usize, usize)> = r
        .findings
        .iter()
        .filter(|d| d.rule == Some("ascii-punctuation"))
        .map(|d| (d.line, d.col))
        .collect();
    assert_eq!(punctuation, [(10, 3), (10, 6)], "{:?}", r.findings);
    let slips = r
        .findings
        .iter()
        .filter(|d| d.message.zh().contains("不会变成链接"))
        .count();
    assert_eq!(slips, 3, "{:?}", r.findings);
}

#[test]
fn empty_sections_unshown_indicators_and_unlinked_guides_are_flagged() {
    let site = SiteTest::new()
        .file("content/news/_index.md", "---\ntitle: 新闻\n---\n")
        .file("content/indicators/x.yaml", INDICATOR)
        .file("content/indicators/y.yaml", INDICATOR)
        .file(
            "content/reports/r.md",
            "---\ntitle: 报告\nindicators: [y]\n---\n正文。\n",
        )
        .file(
            "content/services/a.md",
            &GUIDE.replace("indicators: [x]\n", ""),
        )
        .file(
            "content/services/b.md",
            &GUIDE
                .replace("indicators: [x]\n", "")
                .replace("老人。", "详见[报告](../reports/r.md)。"),
        );
    let r = check(&site);
    let found: Vec<_> = r
        .findings
        .iter()
        .filter_map(|d| {
            d.rule.map(|rule| {
                (
                    rule,
                    d.path.display().to_string(),
                    d.message.zh().to_string(),
                )
            })
        })
        .collect();
    assert_eq!(
        found,
        [
            (
                "unshown-indicator",
                "content/indicators/x.yaml".to_string(),
                "指标“体检人数”（x）没有哪个页面用到".to_string()
            ),
            (
                "empty-section",
                "content/news/_index.md".to_string(),
                "栏目“新闻”里还没有页面：访问者只会看到一个空列表".to_string()
            ),
            (
                "unlinked-guide",
                "content/services/a.md".to_string(),
                "这篇办事指南没有链接任何指标或报告：读者看不到这项服务做得怎么样".to_string()
            ),
        ]
    );
}
