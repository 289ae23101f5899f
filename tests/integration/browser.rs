//! Real-browser tests: Debian's chromium, headless, driven by tests/browser/check.mjs
//! (playwright-core, axe-core). The example site is served on loopback under a
//! sub-path, as an intranet host would. Without chromium or the npm packages these
//! tests say loudly that they were skipped; under CI (`CI=true`) they must run.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::{repo_root, serve};

fn chromium() -> Option<PathBuf> {
    let p = PathBuf::from(std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into()));
    p.exists().then_some(p)
}

/// The browser tool chain, or `None` (after saying so) when it is missing outside CI.
fn toolchain() -> Option<(PathBuf, PathBuf)> {
    let dir = repo_root().join("tests/browser");
    let node_ok = Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    let modules = dir.join("node_modules/playwright-core").exists()
        && dir.join("node_modules/axe-core").exists();
    match (chromium(), node_ok && modules) {
        (Some(c), true) => Some((c, dir)),
        (c, _) => {
            let why = format!(
                "chromium: {}, node + tests/browser/node_modules: {}",
                if c.is_some() {
                    "found"
                } else {
                    "missing (apt-get install chromium)"
                },
                if node_ok && modules {
                    "found"
                } else {
                    "missing (npm ci --prefix tests/browser)"
                }
            );
            if std::env::var("CI").is_ok_and(|v| v == "true") {
                panic!("browser tests cannot run under CI: {why}");
            }
            // With a browser at hand a missing driver is a broken checkout, not a
            // machine without a browser: fail, do not pass silently.
            if c.is_some() {
                panic!("chromium is installed but the browser driver is not: {why}");
            }
            eprintln!("\n!!! SKIPPED real-browser test: {why}\n");
            None
        }
    }
}

fn run_plan(plan: serde_json::Value, dir: &Path) {
    run_script("check.mjs", plan, dir);
}

/// Runs one of the browser scripts of tests/browser/ on `plan`.
fn run_script(script: &str, plan: serde_json::Value, dir: &Path) {
    let plan_file = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(plan_file.path(), plan.to_string()).unwrap();
    let out = Command::new("node")
        .arg(dir.join(script))
        .arg(plan_file.path())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    eprintln!("{stdout}{}", String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "browser checks failed:\n{stdout}");
    assert!(stdout.contains("browser checks: all passed"));
}

/// Twenty queries written from the guides' own questions, each with the pages
/// that answer it (any of them in the first five counts as found).
fn search_queries() -> serde_json::Value {
    let q = |q: &str, expect: &[&str]| serde_json::json!({"q": q, "expect": expect});
    let check = "services/elderly-health-check/";
    let childcare = "services/inclusive-childcare/";
    let autism = "services/autism-rehabilitation/";
    let barrier = "services/barrier-free-home/";
    let care_homes = "services/children-care-homes/";
    let day_care = "services/disability-day-care/";
    let hospitals = "services/elderly-friendly-hospitals/";
    let jobs = "services/employment-help/";
    let bus = "services/rural-bus/";
    serde_json::json!([
        q("免费体检", &[check]),
        q("老人体检", &[check]),
        q("量血压", &[check]),
        q("托育", &["indicators/inclusive-childcare/"]),
        q("3岁以下孩子", &[childcare]),
        q("残疾", &[autism]),
        q("自闭症", &[autism]),
        q("孤独症康复", &[autism]),
        q("加装扶手", &[barrier]),
        q("无障碍", &[barrier]),
        q("留守儿童", &[care_homes]),
        q("放学后", &[care_homes]),
        q("残疾人托养", &[day_care]),
        q("日间照料", &[day_care]),
        q("老人看病", &[hospitals]),
        q("绿色通道", &[hospitals]),
        q("找工作", &[jobs]),
        q("失业", &[jobs]),
        q("村里坐公交", &[bus]),
        q("公交直达", &["indicators/direct-bus-villages/", bus]),
    ])
}

#[test]
fn example_site_reads_well_in_a_real_browser() {
    let Some((chromium, dir)) = toolchain() else {
        return;
    };
    let site = tempfile::tempdir().unwrap();
    let out = site.path().join("public");
    let mut opts = minsheng::cmd::build::BuildOptions::new(repo_root());
    opts.output = out.clone();
    let built = minsheng::cmd::build::run(&opts).unwrap();
    assert!(built.files.is_some());
    let base = serve(out, "/gov/minsheng/");
    let shots = repo_root().join("target/screenshots");
    let report_h1 = "市政协年度首场协商座谈会共商推进公共服务体系建设大计";
    let plan = serde_json::json!({
        "base": base,
        "chromium": chromium,
        "screenshots": shots,
        "pages": [
            {"path": "", "name": "home", "h1": "镇江民生服务", "texts": ["13个服务领域", "我是……", "12345"]},
            {"path": "reports/consultation/", "name": "report", "h1": report_h1,
             "texts": ["民生无小事", "编辑：毛蕴劼", "审核：高新", "本文目录", "2023年3月16日"], "term": true},
            {"path": "services/elderly-health-check/", "name": "guide", "h1": "65岁以上老年人免费健康体检", "texts": ["能得到什么", "谁能申请", "怎样申请", "去哪里办、什么时间", "有问题找谁", "34.1万名", "这个页面对您有用吗？"]},
            {"path": "indicators/", "name": "dashboard", "h1": "民生指标", "charts": 5,
             "texts": ["已达到目标", "需要关注的指标", "45个数量指标", "状态是怎么判断的"]},
            {"path": "indicators/elderly-health-checks/", "name": "indicator", "h1": "65岁以上老人免费健康体检",
             "charts": 3, "tables": 3, "texts": ["示例数据", "按计划推进", "数据来源", "elderly-health-checks.csv"]},
                        {"path": "services/", "name": "finder", "h1": "办事指南", "texts": ["我是……", "我遇到……", "老年人能办的事", "全部指南"]},
                        {"path": "search/", "name": "search", "h1": "搜索", "texts": ["想找什么？", "按分类浏览"]},
            {"path": "glossary/", "name": "glossary", "h1": "词语解释", "texts": ["普惠托育", "均等化"]},
            {"path": "domains/", "name": "domains", "h1": "服务领域", "texts": ["幼有所育", "公共安全保障"]},
            {"path": "districts/丹阳市/", "name": "district", "h1": "丹阳市", "texts": ["行政村到县城公交直达率", "本区县", "示例数据", "按比例比较", "按常住人口折算每百人9.5人", "折算用的常住人口数字是为了演示填写的示例"]},
            {"path": "no/such/page/", "name": "404", "status": 404, "h1": "找不到这个页面", "texts": ["回到首页"]}
        ],
                "search": {"path": "search/", "query": "体检", "expect": "65岁以上老年人免费健康体检"},
        "citizens": {
            "elder": {"pages": ["", "services/elderly-health-check/", "indicators/", "reports/consultation/", "services/",
                "indicators/elderly-health-checks/", "glossary/", "search/?q=体检", "domains/", "districts/丹阳市/"], "chart": "indicators/elderly-health-checks/"},
            "speech": {"path": "services/elderly-health-check/", "text": "带上身份证"},
            "search": {
                "min_recall": 19,
                "from": "services/",
                "keyboard": {"q": "托育", "expect": "普惠托育：3岁以下孩子的托育服务"},
                "queries": search_queries(),
            },
            "print": {"site": "镇江民生服务", "max_pages": 2, "guides": [
                "services/elderly-health-check/", "services/inclusive-childcare/", "services/autism-rehabilitation/",
                "services/barrier-free-home/", "services/children-care-homes/", "services/disability-day-care/",
                "services/elderly-friendly-hospitals/", "services/employment-help/", "services/rural-bus/"
            ]}
        },
        "clicks": [
            {"from": "", "link": "民生报告", "expect_path": "reports/", "expect_h1": "民生报告"},
            {"from": "reports/", "link": report_h1, "expect_path": "reports/consultation/", "expect_h1": report_h1},
                        {"from": "reports/consultation/", "link": "首页", "expect_path": "", "expect_h1": "镇江民生服务"},
            {"from": "", "link": "老年人", "partial": true, "expect_path": "audiences/older-people/", "expect_h1": "老年人"},
            {"from": "audiences/older-people/", "link": "65岁以上老年人免费健康体检", "expect_path": "services/elderly-health-check/", "expect_h1": "65岁以上老年人免费健康体检"}
        ]
    });
    run_plan(plan, &dir);
}

#[test]
fn a_large_sites_search_downloads_only_its_shards() {
    let Some((chromium, dir)) = toolchain() else {
        return;
    };
    // 1,500 pages: far over the one-file limit, so the index is sharded.
    let mut site = crate::support::SiteTest::new()
        .file("content/reports/_index.md", "---\ntitle: 报告\n---\n")
        .file(
            "content/services/rare.md",
            "---\ntitle: 候鸟老人异地体检\nwhat_you_get: 在外地过冬的老人也能免费体检\nwho_can_apply: [年满65岁]\nhow_to_apply: [打电话预约]\nwhere: {phone: \"12345\"}\n---\n候鸟老人在暂住地的社区卫生服务中心体检。\n",
        );
    let words = [
        "养老", "托育", "公交", "就业", "医疗", "教育", "住房", "文化", "体育", "安全",
    ];
    for i in 0..1500 {
        let a = words[i % words.len()];
        let b = words[(i / 10) % words.len()];
        let text = format!(
            "---\ntitle: 第{i}篇{a}报告\ndate: 2023-01-01\n---\n本市{a}服务和{b}服务的情况,编号{i}。{}\n",
            format!("全年{a}服务人数继续增加,{b}设施覆盖更多社区。").repeat(6)
        );
        site = site.file(&format!("content/reports/r{i}.md"), &text);
    }
    let out = tempfile::tempdir().unwrap();
    let built = site.build_to(out.path().join("public").to_str().unwrap());
    assert_eq!(built.error_count(), 0);
    let public = out.path().join("public");
    assert!(
        public.join("search/g/0.json").exists(),
        "the index is sharded"
    );
    let base = serve(public, "/big/");
    let plan = serde_json::json!({
        "base": base,
        "chromium": chromium,
        "screenshots": repo_root().join("target/screenshots"),
        "citizens": {"sharded": {"query": "候鸟老人", "expect": "候鸟老人异地体检", "max_bytes": 64 * 1024, "common": "服务"}}
    });
    run_plan(plan, &dir);
}

#[test]
fn serve_reloads_open_pages_and_shows_errors_in_the_browser() {
    let Some((chromium, dir)) = toolchain() else {
        return;
    };
    let site = crate::support::SiteTest::new()
        .file("content/reports/_index.md", "---\ntitle: 报告\n---\n")
        .file(
            "content/reports/a.md",
            "---\ntitle: 实时预览\n---\n原来的文字。\n",
        );
    let server = crate::serve::Server::start(site.root(), &["--port", "0"]);
    let file = site.root().join("content/reports/a.md");
    let plan = serde_json::json!({
        "base": server.base,
        "chromium": chromium,
        "screenshots": repo_root().join("target/screenshots"),
        "live": {
            "page": "reports/a/",
            "file": file,
            "marker": "新写的一句话",
            "broken": "---\ntitle: [实时预览\n---\n坏了\n",
            "overlay": "content/reports/a.md:2:",
            "fixed": "---\ntitle: 实时预览\n---\n修好了的文字。\n",
            "fixed_text": "修好了的文字"
        }
    });
    run_plan(plan, &dir);
}

/// Real data in the browser: three lines by sex over 93 quarters (UK 8.5.2) and a
/// quarterly series with a target (UK 10.c.1), at 320, 390 and 1280 px: readable,
/// no sideways scrolling, no serious axe findings. Screenshots go to
/// target/screenshots/real-*.png for a look by eye.
#[test]
fn real_data_charts_read_well_in_a_real_browser() {
    let Some((chromium, dir)) = toolchain() else {
        return;
    };
    let fixtures = repo_root().join("tests/fixtures/open-sdg-uk");
    let site = tempfile::tempdir().unwrap();
    std::fs::write(
        site.path().join("site.toml"),
        crate::support::MINIMAL_CONFIG,
    )
    .unwrap();
    let ind = site.path().join("content/indicators");
    std::fs::create_dir_all(&ind).unwrap();
    for stem in ["indicator_8-5-2", "indicator_10-c-1"] {
        for ext in ["csv", "yaml"] {
            let name = format!("{stem}.{ext}");
            std::fs::copy(fixtures.join(&name), ind.join(&name)).unwrap();
        }
    }
    let out = site.path().join("public");
    let mut opts = minsheng::cmd::build::BuildOptions::new(site.path().to_path_buf());
    opts.output = out.clone();
    assert!(minsheng::cmd::build::run(&opts).unwrap().files.is_some());
    let base = serve(out, "/data/");
    let plan = serde_json::json!({
        "base": base,
        "chromium": chromium,
        "screenshots": repo_root().join("target/screenshots"),
        "pages": [
            {"path": "indicators/indicator_8-5-2/", "name": "real-lines-by-sex", "h1": "UK SDG 8.5.2",
             "charts": 1, "tables": 1, "texts": ["下图为：Seasonally adjusted", "合计", "Female", "2023 Q1"]},
            {"path": "indicators/indicator_10-c-1/", "name": "real-quarterly", "h1": "UK SDG 10.c.1",
             "charts": 2, "tables": 2, "texts": ["2022 Q3", "需要关注", "按2017 Q4到2022 Q3这20个数据的变化速度"]},
        ],
    });
    run_plan(plan, &dir);
}

/// A page folder in the browser: the picture beside the page loads at its own
/// size with width and height, a wide photograph loads its smaller copy from
/// its srcset, the application form says its type and size and
/// downloads whole, and the footnote link goes to the note and back.
#[test]
fn a_page_folder_shows_its_picture_download_and_footnote() {
    let Some((chromium, dir)) = toolchain() else {
        return;
    };
    let body = format!("{}\n![会场全景](meeting.jpg)\n", crate::page_folders::BODY);
    let site = crate::page_folders::folder_site(&body).bytes(
        "content/reports/2023-协商/meeting.jpg",
        include_bytes!("../fixtures/page-folder/meeting.jpg"),
    );
    let out = tempfile::tempdir().unwrap();
    let public = out.path().join("public");
    let built = site.build_to(public.to_str().unwrap());
    assert_eq!(built.error_count(), 0);
    let plan = serde_json::json!({
        "base": serve(public, "/folder/"),
        "chromium": chromium,
        "path": "reports/2023-协商/",
        "alt": "座谈会现场照片",
        "width": 64,
        "height": 48,
        "attachment": "申请表（PDF，120 KB）",
        "attachment_bytes": 122_880,
        // A 390 px wide phone screen takes the 480 px copy of the 1200 px photo.
        "wide": {"alt": "会场全景", "chosen": "meeting-480w.jpg", "natural": 480, "original": "meeting.jpg"},
    });
    run_script("page_folder.mjs", plan, &dir);
}
