//! The build: output tree, page contents, portable links, determinism, the staged
//! swap, and confinement of every written path.

use crate::support::{read_tree, repo_root, Output, SiteTest};
use minsheng::cmd::build::{build_in_memory, BuildOptions};

/// A service guide with the parts every guide must have.
pub const GUIDE: &str = "---\ntitle: 体检\nwhat_you_get: 免费体检\nwho_can_apply: [65岁以上]\nhow_to_apply: [去社区卫生服务中心]\nwhere: {office: 社区卫生服务中心}\n---\n## 谁能申请\n\n65岁以上。\n";

fn small_site() -> SiteTest {
    SiteTest::new()
        .file("content/_index.md", "---\ntitle: 首页\n---\n欢迎。\n")
        .file("content/reports/_index.md", "---\ntitle: 民生报告\n---\n")
        .file(
            "content/reports/2023-03-16-consultation.md",
            "---\ntitle: 座谈会\ndomains: [老有所养]\naudiences: [老年人]\neditor: 毛蕴劼\nreviewer: 高新\n---\n## 成绩亮眼\n\n**重要。**后文,见[指南](../services/check.md#谁能申请)。\n",
        )
        .file("content/services/check.md", GUIDE)
}

/// Every `href`/`src` in `html`.
fn links(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for attr in ["href=\"", "src=\""] {
        let mut rest = html;
        while let Some(i) = rest.find(attr) {
            rest = &rest[i + attr.len()..];
            let end = rest.find('"').unwrap();
            out.push(rest[..end].replace("&amp;", "&"));
            rest = &rest[end..];
        }
    }
    out
}

fn normalize(dir: &str, rel: &str) -> String {
    let mut parts: Vec<&str> = dir.split('/').filter(|s| !s.is_empty()).collect();
    for seg in rel.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                assert!(
                    parts.pop().is_some(),
                    "link {rel} from {dir} climbs above the site root"
                );
            }
            s => parts.push(s),
        }
    }
    let mut p = parts.join("/");
    if rel.ends_with('/') || rel.is_empty() || rel == "." || rel.ends_with("/.") {
        if !p.is_empty() {
            p.push('/');
        }
        p.push_str("index.html");
    }
    p
}

/// Checks that every internal link of every page is relative and lands on a file
/// of the output (and on an element with the fragment's id): the site then works
/// under any sub-path and from any host.
pub fn assert_links_resolve(out: &Output) {
    let mut checked = 0;
    for (path, bytes) in &out.0 {
        if !path.ends_with(".html") || path == "404.html" {
            continue;
        }
        let html = String::from_utf8(bytes.clone()).unwrap();
        let dir = path.rsplit_once('/').map_or("", |(d, _)| d);
        for link in links(&html) {
            if link.starts_with("https://")
                || link.starts_with("http://")
                || link.starts_with("mailto:")
                || link.starts_with("tel:")
            {
                assert!(
                    !html.contains(&format!("src=\"{link}\"")),
                    "{path} loads {link} from another host"
                );
                continue;
            }
            assert!(
                !link.starts_with('/'),
                "{path}: root-absolute link {link} breaks under a sub-path"
            );
            let (target, frag) = match link.split_once('#') {
                Some((t, f)) => (t, Some(f)),
                None => (link.as_str(), None),
            };
            let file = if target.is_empty() {
                path.clone()
            } else {
                normalize(dir, target)
            };
            assert!(
                out.has(&file),
                "{path}: link {link} → {file}, which is not in the output"
            );
            if let Some(f) = frag.filter(|f| !f.is_empty()) {
                // Browsers match the percent-decoded fragment against ids.
                let f = crate::support::percent_decode(f);
                assert!(
                    out.text(&file).contains(&format!("id=\"{f}\"")),
                    "{path}: link {link}: no id {f} in {file}"
                );
            }
            checked += 1;
        }
    }
    assert!(checked > 20, "too few links checked: {checked}");
}

#[test]
fn output_tree_has_pages_listings_taxonomies_and_feeds() {
    let out = small_site().build_ok();
    for f in [
        "index.html",
        "reports/index.html",
        "reports/consultation/index.html",
        "services/index.html",
        "services/check/index.html",
        "domains/index.html",
        "domains/elderly-care/index.html",
        "audiences/index.html",
        "audiences/older-people/index.html",
        "sitemap.xml",
        "atom.xml",
        "robots.txt",
        "404.html",
        "style.css",
        "minsheng.js",
        "search/index.html",
        "search.json",
    ] {
        assert!(
            out.has(f),
            "missing {f}; have {:?}",
            out.0.keys().collect::<Vec<_>>()
        );
    }
    let page = out.text("reports/consultation/index.html");
    assert!(page.contains("<h1>座谈会</h1>"));
    assert!(
        page.contains("<strong>重要。</strong>后文"),
        "CJK bold: {page}"
    );
    assert!(page.contains("编辑：毛蕴劼") && page.contains("审核：高新"));
    assert!(
        page.contains("href=\"../../services/check/#%E8%B0%81%E8%83%BD%E7%94%B3%E8%AF%B7\""),
        "{page}"
    );
    assert!(
        page.contains("<time datetime=\"2023-03-16\">2023年3月16日</time>"),
        "date from the file name"
    );
    assert!(page
        .contains("<link rel=\"canonical\" href=\"https://example.org/reports/consultation/\">"));
    let domain = out.text("domains/elderly-care/index.html");
    assert!(domain.contains("座谈会") && domain.contains("href=\"../../reports/consultation/\""));
    let sitemap = out.text("sitemap.xml");
    assert!(sitemap.contains(
        "<loc>https://example.org/reports/consultation/</loc><lastmod>2023-03-16</lastmod>"
    ));
    let index: serde_json::Value = serde_json::from_str(&out.text("search.json")).unwrap();
    let entries = index["docs"].as_array().unwrap();
    let pages = entries
        .iter()
        .filter(|e| e["k"] == "guide" || e["k"] == "page")
        .count();
    assert_eq!(pages, 2, "one entry per page");
    assert!(entries
        .iter()
        .any(|e| e["t"] == "体检" && e["p"] == "services/check/" && e["c"] == "services"));
    let feed = out.text("atom.xml");
    assert!(feed.contains("<id>https://example.org/reports/consultation/</id>"));
    assert!(feed.contains("<updated>2023-03-16T00:00:00+08:00</updated>"));
    assert!(out
        .text("robots.txt")
        .contains("Sitemap: https://example.org/sitemap.xml"));
}

#[test]
fn every_link_is_relative_and_resolves() {
    assert_links_resolve(&small_site().build_ok());
}

#[test]
fn example_site_builds_cleanly_and_its_links_resolve() {
    let built = build_in_memory(&repo_root(), None, false).unwrap();
    let diags = crate::support::render(&built.diagnostics);
    assert!(
        built.diagnostics.is_empty(),
        "the example site must build without errors or warnings:\n{diags}"
    );
    let out = Output(
        built
            .files
            .unwrap()
            .into_iter()
            .map(|f| (f.path, f.bytes.to_vec()))
            .collect(),
    );
    assert_links_resolve(&out);
    let report = out.text("reports/consultation/index.html");
    // The report's text once (the raw app page printed it twice), with its people.
    assert_eq!(report.matches("民生无小事").count(), 1);
    assert!(report.contains("编辑：毛蕴劼") && report.contains("审核：高新"));
    assert!(
        !report.contains("打开APP") && !report.contains("template"),
        "no app prompts or template names"
    );
    let home = out.text("index.html");
    assert!(
        home.contains("12345"),
        "the contact channel is on every page"
    );
    assert!(home.contains("13个服务领域"));
    for d in minsheng::domains::DOMAINS {
        assert!(home.contains(d.name), "home lists domain {}", d.name);
    }
    // Guides whose rules the seed does not give are labelled as samples.
    let guide = out.text("services/elderly-health-check/index.html");
    assert!(guide.contains("示例数据"));
    assert!(out.has("sitemap.xml") && out.has("atom.xml"));
}

#[test]
fn links_work_under_a_sub_path_and_without_base_url() {
    let site = small_site().file("site.toml", "title = \"测试站\"\n");
    let b = site.build();
    assert!(b.files.is_some());
    let text = crate::support::render(&b.diagnostics);
    assert_eq!(
        text,
        "site.toml: warning: no base_url: sitemap.xml, atom.xml and canonical links are left out\n  = hint: add base_url = \"https://…/\" to site.toml, or pass --base-url, when the public address is known\n"
    );
    let out = Output(
        b.files
            .unwrap()
            .into_iter()
            .map(|f| (f.path, f.bytes.to_vec()))
            .collect(),
    );
    assert!(!out.has("sitemap.xml") && !out.has("atom.xml"));
    assert!(!out.text("index.html").contains("canonical"));
    assert!(!out.text("robots.txt").contains("Sitemap"));
    assert_links_resolve(&out);
}

#[test]
fn two_builds_are_byte_identical() {
    let site = small_site();
    let a = site.build_to("out-a");
    let b = site.build_to("out-b");
    assert!(a.files.is_some() && b.files.is_some());
    let ta = read_tree(&site.root().join("out-a"));
    let tb = read_tree(&site.root().join("out-b"));
    assert!(ta.len() > 10);
    assert_eq!(ta, tb);
    // And the example site, rendered in parallel, twice.
    let x = build_in_memory(&repo_root(), None, false)
        .unwrap()
        .files
        .unwrap();
    let y = build_in_memory(&repo_root(), None, false)
        .unwrap()
        .files
        .unwrap();
    assert_eq!(x, y);
}

#[test]
fn failed_build_leaves_previous_output_untouched() {
    let site = small_site();
    assert!(site.build_to("public").files.is_some());
    let before = read_tree(&site.root().join("public"));
    let site = site.file("content/services/check.md", "---\ntitle: [broken\n---\n");
    let b = site.build_to("public");
    assert!(b.files.is_none());
    assert_eq!(read_tree(&site.root().join("public")), before);
    let leftovers: Vec<_> = std::fs::read_dir(site.root())
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("minsheng-"))
        .collect();
    assert!(
        leftovers.is_empty(),
        "staging folders left behind: {leftovers:?}"
    );
}

#[test]
fn rebuild_replaces_output_and_removes_stale_files() {
    let site = small_site();
    site.build_to("public");
    assert!(site
        .root()
        .join("public/services/check/index.html")
        .exists());
    std::fs::remove_file(site.root().join("content/services/check.md")).unwrap();
    let site = site.file(
        "content/reports/2023-03-16-consultation.md",
        "---\ntitle: 座谈会\n---\n正文\n",
    );
    assert!(site.build_to("public").files.is_some());
    assert!(!site
        .root()
        .join("public/services/check/index.html")
        .exists());
}

#[test]
fn slug_cannot_leave_the_output_folder() {
    let site = SiteTest::new().file("content/a.md", "---\ntitle: 坏\nslug: ../../escaped\n---\n");
    let err = site.build_err();
    assert_eq!(
        err,
        "content/a.md:3:7: error: slug `../../escaped` is not allowed: a slug names one page, not a folder\n 3 | slug: ../../escaped\n   |       ^\n  = hint: use a short name of letters, digits, `-` and `_`, e.g. slug: elderly-health-check\n"
    );
    let b = site.build_to("public");
    assert!(b.files.is_none());
    assert!(!site.root().join("public").exists());
    assert!(!site.root().parent().unwrap().join("escaped").exists());
}

/// `slug: ""` was told it may not hold `/` or `.`, which it does not: an empty
/// slug, and one with a space or a full-width comma, are told what they are.
#[test]
fn an_empty_or_odd_slug_is_told_what_is_wrong_with_it() {
    for (slug, said) in [
        ("\"\"", "slug 是空的：删掉这一行，或写上页面的名字"),
        ("\"  \"", "slug 是空的：删掉这一行，或写上页面的名字"),
        (
            "老人 体检",
            "slug 不能写“老人 体检”：页面的名字里只能有文字、数字、- 和 _，不能有空格",
        ),
        (
            "老人，体检",
            "slug 不能写“老人，体检”：页面的名字里只能有文字、数字、- 和 _，不能有“，”",
        ),
        (
            "a/b",
            "slug 不能写“a/b”：slug 是一个页面的名字，不能带 / 或 .",
        ),
    ] {
        let site = SiteTest::new().file(
            "content/a.md",
            &format!("---\ntitle: 甲\nslug: {slug}\n---\n"),
        );
        let err = site.build_err_in(minsheng::msg::Lang::Zh);
        assert!(
            err.contains(&format!("content/a.md:3:7: 错误：{said}\n")),
            "{slug}: {err}"
        );
    }
}

#[test]
fn output_folder_may_not_hold_the_sources() {
    let site = small_site();
    for out in [".", "content", "content/x", "..", "themes"] {
        let mut opts = BuildOptions::new(site.root());
        opts.output = out.into();
        let e = minsheng::cmd::build::run(&opts).unwrap_err();
        assert!(
            e.to_string().starts_with("refusing to build into"),
            "{out}: {e}"
        );
    }
    assert!(site.root().join("content/services/check.md").exists());
}

#[test]
fn two_pages_with_one_address_is_an_error_naming_both() {
    let site = SiteTest::new()
        .file("content/reports/a.md", "---\ntitle: 甲\nslug: same\n---\n")
        .file("content/reports/b.md", "---\ntitle: 乙\nslug: same\n---\n");
    let err = site.build_err();
    assert_eq!(
        err,
        "content/reports/b.md:3:1: error: this page and content/reports/a.md both want the address /reports/same/\n 3 | slug: same\n   | ^\n  = hint: give one of them another `slug:` in its front matter, or rename the file\n"
    );
}

#[test]
fn drafts_are_left_out_unless_asked_for() {
    let site = small_site().file(
        "content/reports/draft.md",
        "---\ntitle: 草稿\ndraft: true\n---\n",
    );
    assert!(!site.build_ok().has("reports/draft/index.html"));
    let b = build_in_memory(site.root(), None, true).unwrap();
    assert!(b
        .files
        .unwrap()
        .iter()
        .any(|f| f.path == "reports/draft/index.html"));
}

#[test]
fn sections_paginate() {
    let mut site = SiteTest::new().file(
        "content/news/_index.md",
        "---\ntitle: 新闻\npaginate_by: 2\n---\n",
    );
    for i in 1..=5 {
        site = site.file(
            &format!("content/news/n{i}.md"),
            &format!("---\ntitle: 第{i}篇\ndate: 2024-01-0{i}\n---\n正文\n"),
        );
    }
    let out = site.build_ok();
    assert!(out.has("news/page/2/index.html") && out.has("news/page/3/index.html"));
    assert!(!out.has("news/page/4/index.html"));
    let first = out.text("news/index.html");
    assert!(
        first.contains("第5篇") && first.contains("第4篇") && !first.contains("第3篇"),
        "newest first"
    );
    assert!(first.contains("href=\"../news/page/2/\""), "{first}");
    let third = out.text("news/page/3/index.html");
    assert!(third.contains("第1篇") && third.contains("href=\"../../../news/page/2/\""));
    assert_links_resolve(&out);
}

#[test]
fn site_templates_and_static_files_override_the_theme() {
    let site = small_site()
        .file("static/style.css", "body{color:red}")
        .file(
            "templates/partials/contact.html",
            "<aside>自定义联系方式</aside>",
        );
    let out = site.build_ok();
    assert_eq!(out.text("style.css"), "body{color:red}");
    assert!(out
        .text("index.html")
        .contains("<aside>自定义联系方式</aside>"));
}

#[test]
fn new_scaffolds_a_site_that_builds_without_the_repository() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("site");
    minsheng::cmd::new::run(&target).unwrap();
    assert!(target.join("themes/default/templates/base.html").exists());
    let ignored = std::fs::read_to_string(target.join(".gitignore")).unwrap();
    assert!(ignored.lines().any(|l| l == "/.minsheng/"), "{ignored}");
    let b = build_in_memory(&target, None, false).unwrap();
    assert_eq!(
        b.error_count(),
        0,
        "{}",
        crate::support::render(&b.diagnostics)
    );
    let files = b.files.unwrap();
    for page in [
        "reports/first-report/index.html",
        "services/index.html",
        "services/example-guide/index.html",
        "indicators/example-indicator/index.html",
        "glossary/index.html",
    ] {
        assert!(files.iter().any(|f| f.path == page), "{page}");
    }
    let review = minsheng::check::run(&target, minsheng::site::Date::parse("2026-06-01")).unwrap();
    assert_eq!(review.errors(), 0, "{:?}", review.findings);
    let e = minsheng::cmd::new::run(&target).unwrap_err();
    assert!(e.to_string().contains("is not empty"));
}

#[test]
fn built_in_theme_is_used_when_the_site_has_no_theme_folder() {
    let out = SiteTest::new()
        .file("content/a.md", "---\ntitle: 甲\n---\n")
        .build_ok();
    assert!(out.text("a/index.html").contains("skip-link"));
}

/// Deploy tools compare size and time: a rebuild keeps the inode and modification
/// time of every output whose bytes did not change, and the previous site is left
/// beside the output for the next build to remove while it renders.
#[test]
fn unchanged_outputs_keep_their_file() {
    use std::os::unix::fs::MetadataExt;
    let t = crate::support::SiteTest::new()
        .file("content/reports/a.md", "---\ntitle: 甲\n---\n正文。\n")
        .file("content/about.md", "---\ntitle: 关于\n---\n不变。\n");
    assert_eq!(t.build_to("public").error_count(), 0);
    let meta = |rel: &str| std::fs::metadata(t.root().join("public").join(rel)).unwrap();
    let (about, report) = (meta("about/index.html"), meta("reports/a/index.html"));
    std::thread::sleep(std::time::Duration::from_millis(20));
    std::fs::write(
        t.root().join("content/reports/a.md"),
        "---\ntitle: 甲\n---\n改了。\n",
    )
    .unwrap();
    assert_eq!(t.build_to("public").error_count(), 0);
    let (about2, report2) = (meta("about/index.html"), meta("reports/a/index.html"));
    assert_eq!(
        (about.ino(), about.mtime_nsec()),
        (about2.ino(), about2.mtime_nsec())
    );
    assert_ne!(report.ino(), report2.ino());
    // Built by the library, not the command: nothing else removes it.
    let leftover = t
        .root()
        .join(format!(".public.minsheng-old-{}", std::process::id()));
    assert!(
        leftover.is_dir(),
        "the previous site waits for the next build"
    );
    assert_eq!(t.build_to("public").error_count(), 0);
    assert_eq!(meta("about/index.html").ino(), about.ino());
}

/// Only a regular file of the previous output is kept: a link planted there
/// (to a file outside with the very bytes) is not followed, a pipe does not
/// hold the build up; both are written anew.
#[test]
fn only_regular_files_of_the_previous_output_are_kept() {
    use std::os::unix::fs::{FileTypeExt, MetadataExt};
    let t = crate::support::SiteTest::new()
        .file("content/reports/a.md", "---\ntitle: 甲\n---\n正文。\n")
        .file("content/about.md", "---\ntitle: 关于\n---\n不变。\n");
    assert_eq!(t.build_to("public").error_count(), 0);
    let out = t.root().join("public");
    let (about, report) = (
        out.join("about/index.html"),
        out.join("reports/a/index.html"),
    );
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("same.html");
    std::fs::copy(&about, &secret).unwrap();
    std::fs::remove_file(&about).unwrap();
    std::os::unix::fs::symlink(&secret, &about).unwrap();
    let bytes = std::fs::read(&report).unwrap();
    std::fs::remove_file(&report).unwrap();
    let fifo = std::ffi::CString::new(report.to_str().unwrap()).unwrap();
    // SAFETY: a NUL-terminated path that outlives the call.
    assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o600) }, 0);
    assert_eq!(t.build_to("public").error_count(), 0);
    for (file, was) in [(&about, std::fs::read(&secret).unwrap()), (&report, bytes)] {
        let meta = std::fs::symlink_metadata(file).unwrap();
        assert!(meta.file_type().is_file() && !meta.file_type().is_fifo());
        assert_eq!(std::fs::read(file).unwrap(), was);
    }
    let secret_meta = std::fs::metadata(&secret).unwrap();
    assert_eq!(secret_meta.nlink(), 1, "the file outside is not linked in");
}
