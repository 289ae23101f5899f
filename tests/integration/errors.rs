//! Error text is a contract: each bad input gives exactly this report.

use crate::support::SiteTest;

fn one_page(text: &str) -> SiteTest {
    SiteTest::new().file("content/reports/a.md", text)
}

fn bytes_page(bytes: &[u8]) -> SiteTest {
    SiteTest::new().bytes("content/reports/a.md", bytes)
}

#[test]
fn yaml_error_points_into_the_file() {
    assert_eq!(
        one_page("---\ntitle: 座谈会\ndomains: [老有所养\ndate: 2023-03-16\n---\n正文\n").build_err(),
        "content/reports/a.md:3:10: error: `[` is opened here but never closed with `]`\n 3 | domains: [老有所养\n   |          ^\n  = hint: close the list on the same line, e.g. domains: [老有所养, 病有所医]\n"
    );
}

#[test]
fn front_matter_without_closing_line() {
    assert_eq!(one_page("---\ntitle: 座谈会\n正文\n").build_err(), "content/reports/a.md:1:1: error: the front matter starts here but has no closing `---` line\n 1 | ---\n   | ^\n  = hint: add a line `---` after the last front matter line (title:, date:, …), before the text\n");
}

#[test]
fn empty_file() {
    assert_eq!(one_page("\n  \n").build_err(), "content/reports/a.md: error: the file is empty\n  = hint: start the file with front matter, for example:\n          ---\n          title: 标题\n          ---\n          正文……\n          or delete the file\n");
}

#[test]
fn file_without_front_matter() {
    assert_eq!(one_page("# 标题\n正文\n").build_err(), "content/reports/a.md:1:1: error: the file does not start with front matter (a line `---`)\n 1 | # 标题\n   | ^\n  = hint: put the page's details between two `---` lines at the very top, e.g.\n          ---\n          title: 标题\n          ---\n");
}

#[test]
fn non_utf8_file() {
    // "---\ntitle: " then GBK bytes for 镇江.
    let mut bytes = b"---\ntitle: ".to_vec();
    bytes.extend([0xd5, 0xf2, 0xbd, 0xad]);
    bytes.extend(b"\n---\n");
    assert_eq!(bytes_page(&bytes).build_err(), "content/reports/a.md:2:8: error: the file is not UTF-8 text (byte 12 cannot be read)\n 2 | title: \n   |        ^\n  = hint: save the file as UTF-8 (in most editors: Save As, Encoding: UTF-8); GBK/GB2312 files must be converted\n");
}

#[test]
fn bom_and_crlf_are_accepted() {
    let out = bytes_page("\u{feff}---\r\ntitle: 座谈会\r\n---\r\n**重要。**后文\r\n".as_bytes())
        .build_ok();
    let html = out.text("reports/a/index.html");
    assert!(html.contains("<h1>座谈会</h1>") && html.contains("<strong>重要。</strong>后文"));
}

#[test]
fn draft_no_is_explained() {
    assert_eq!(one_page("---\ntitle: 座谈会\ndraft: no\n---\n").build_err(), "content/reports/a.md:3:8: error: `draft` is a yes-or-no setting\n 3 | draft: no\n   |        ^\n  = hint: write draft: true or draft: false (or 是/否); no, yes, off and on are read as text\n");
}

#[test]
fn missing_title() {
    assert_eq!(one_page("---\ndate: 2023-03-16\n---\n正文\n").build_err(), "content/reports/a.md:2:1: error: the page has no title\n 2 | date: 2023-03-16\n   | ^\n  = hint: add a line such as `title: 2022年老年人免费体检情况` to the front matter\n");
}

#[test]
fn bad_date() {
    // A full-width stop typed by a Chinese input method once panicked the build.
    assert_eq!(one_page("---\ntitle: 座谈会\ndate: 2023-03-16T08:00:0。\n---\n").build_err(), "content/reports/a.md:3:7: error: `2023-03-16T08:00:0。` is not a date: the character `。` does not belong in a date (full-width punctuation typed by a Chinese input method?)\n 3 | date: 2023-03-16T08:00:0。\n   |       ^\n  = hint: write the date as year-month-day, e.g. date: 2023-03-16 (or 2023年3月16日); a time may follow: date: 2023-03-16T08:00:00+08:00\n");
}

#[test]
fn chinese_dates_are_dates() {
    for d in ["2023年3月16日", "2023/3/16", "2023.3.16"] {
        let t = one_page(&format!("---\ntitle: 座谈会\ndate: {d}\n---\n"));
        assert!(
            t.build_ok()
                .text("reports/a/index.html")
                .contains("2023年3月16日"),
            "{d}"
        );
    }
}

#[test]
fn unknown_domain() {
    assert_eq!(one_page("---\ntitle: 座谈会\ndomains: [养老]\n---\n").build_err(), "content/reports/a.md:3:11: error: `养老` is not one of the 13 service domains\n 3 | domains: [养老]\n   |           ^\n  = hint: did you mean `老有所养`? use one of: 幼有所育、学有所教、劳有所得、病有所医、老有所养、逝有所安、住有所居、弱有所扶、行有所畅、环境友好、优军服务保障、文体服务保障、公共安全保障\n");
}

#[test]
fn link_to_missing_page() {
    assert_eq!(
        one_page("---\ntitle: 座谈会\n---\n第一段。\n\n详见[办事指南](../services/nope.md)。\n").build_err(),
        "content/reports/a.md:6:3: error: link to a page that does not exist: `../services/nope.md` (looked for content/services/nope.md)\n 6 | 详见[办事指南](../services/nope.md)。\n   |     ^\n  = hint: check the file name and folder; links to pages are written relative to this file, e.g. ../services/elderly-health-check.md, or from the content folder as @/services/elderly-health-check.md\n"
    );
}

#[test]
fn unknown_key_is_a_warning_that_lists_known_keys() {
    let b = one_page("---\ntitle: 座谈会\ncategory: 养老\n---\n").build();
    assert!(b.files.is_some());
    assert_eq!(crate::support::render(&b.diagnostics), "content/reports/a.md:3:1: warning: unknown front matter key `category` is ignored\n 3 | category: 养老\n   | ^\n  = hint: known keys: title, date, summary, domains, audiences, indicators, slug, draft, weight, template, author, editor, reviewer, sample, updated, events, what_you_get, who_can_apply, how_to_apply, documents, where, cost, time_to_decide, contact, legal_basis, last_reviewed\n");
}

#[test]
fn template_error_names_the_template_and_what_is_missing() {
    let site = one_page("---\ntitle: 座谈会\n---\n").file(
        "templates/page.html",
        "{% extends \"base.html\" %}\n{% block main %}\n<h1>{{ page.title }}</h1>\n<p>{{ page.subtitle }}</p>\n{% endblock main %}\n",
    );
    assert_eq!(site.build_err(), "templates/page.html:4:12: error: template error: Field `subtitle` is not defined. Available fields: audiences, author, content, date, date_zh, domains, editor, events, not_public, path, permalink, reviewer, sample, section, service, summary, title, toc, updated, updated_zh\n 4 | <p>{{ page.subtitle }}</p>\n   |            ^\n  = hint: the template uses a value this page does not have: check its spelling, or guard it with {% if … %}\n");
}

#[test]
fn template_syntax_error() {
    let site = one_page("---\ntitle: 座谈会\n---\n").file(
        "templates/page.html",
        "{% extends \"base.html\" %}\n{% block main %}{{ page.title }\n{% endblock main %}\n",
    );
    assert_eq!(site.build_err(), "templates/page.html:2:31: error: template syntax error: Found `}` but expected }}.\n 2 | {% block main %}{{ page.title }\n   |                               ^\n  = hint: see the tera template syntax: {{ value }}, {% if %}…{% endif %}, {% for x in list %}…{% endfor %}\n");
}

/// Asserts that a build in memory and a build written to disk (which frees
/// each page's text once its body is made) both fail with exactly `want`.
fn told_alike(site: &SiteTest, want: &str) {
    assert_eq!(site.build_err(), want);
    let written = site.build_to("public");
    assert!(written.files.is_none());
    assert_eq!(crate::support::render(&written.diagnostics), want);
}

#[test]
fn unknown_template_named_in_front_matter() {
    let site = one_page("---\ntitle: 座谈会\ntemplate: special.html\n---\n");
    let want = "content/reports/a.md:3:11: error: template `special.html` does not exist\n 3 | template: special.html\n   |           ^\n  = hint: remove the `template:` line to use page.html, or add the file under templates/\n";
    told_alike(&site, want);
}

/// Addresses of the site that no output has, told with their lines by a
/// build in memory and by one written to disk (which reads the page again:
/// it freed its text).
#[test]
fn addresses_the_site_does_not_have() {
    let site = one_page(
        "---\ntitle: 座谈会\n---\n见 [表](/files/none.xlsx)。\n\n![图](../images/none.png)\n",
    );
    let want = "content/reports/a.md:4:3: error: `/files/none.xlsx` points to a file the site does not have\n 4 | 见 [表](/files/none.xlsx)。\n   |    ^\n  = hint: put the file under static/ (it is then at /its/path), or fix the address\ncontent/reports/a.md:6:1: error: `../images/none.png` points to an image the site does not have\n 6 | ![图](../images/none.png)\n   | ^\n  = hint: put the file under static/ (it is then at /its/path), or fix the address\n";
    told_alike(&site, want);
}

#[test]
fn all_errors_of_a_build_are_reported_together() {
    let site = SiteTest::new()
        .file("content/a.md", "---\ntitle: [\n---\n")
        .file("content/b.md", "")
        .file("content/c.md", "---\ntitle: 丙\ndomains: [x]\n---\n");
    let err = site.build_err();
    assert_eq!(err.matches(": error: ").count(), 3, "{err}");
    let a = err.find("content/a.md").unwrap();
    let b = err.find("content/b.md").unwrap();
    let c = err.find("content/c.md").unwrap();
    assert!(a < b && b < c, "sorted by file");
}

#[test]
fn bad_site_toml() {
    let site = SiteTest::new().file("site.toml", "title = \"测试\"\nlanguage = zh\n");
    assert_eq!(site.build_err(), "site.toml:2:12: error: invalid string; expected `\"`, `'`\n 2 | language = zh\n   |            ^\n  = hint: site.toml is TOML: text values need quotes, e.g. title = \"镇江民生\"\n");
}

/// Odd inputs never panic: each either builds or reports diagnostics.
#[test]
fn no_panic_on_odd_input() {
    let fixed: &[&[u8]] = &[
        b"---",
        b"---\n---",
        b"---\n---\n",
        b"---\n:\n---\n",
        b"---\n- a\n- b\n---\n",
        b"---\ntitle: 1\n---\n",
        b"---\ntitle: [1, 2]\n---\n",
        b"---\ntitle: t\ndate: 2023-03-16T\n---\n",
        b"---\ntitle: t\ndate: 2023-03-1\xe5\xa5\xbd\n---\n",
        b"---\ntitle: t\nslug: \"\"\n---\n",
        b"---\ntitle: t\nslug: .\n---\n",
        b"---\ntitle: t\npaginate_by: -1\n---\n",
        b"---\ntitle: t\n---\n[a](@/) [b](.md) [c](../../../../x.md) [d](%zz.md) [e](%E5.md)\n",
        b"---\ntitle: t\n---\n[^1] [^1]\n\n[^1]: a [^2]\n\n[^2]: b [^1]\n",
        b"---\ntitle: t\n---\n**\xe2\x80\x9c*\xe5\xa5\xbd*\xe2\x80\x9d**\xe3\x80\x82**\n",
        b"\xef\xbb\xbf",
        b"\r\n\r\n",
        b"---\r---\r",
        b"\xff\xfe---\n",
    ];
    // A small deterministic generator of tricky documents.
    let tokens = [
        "*", "**", "“", "”", "。", "好", "[", "](", "@/", "a.md", "\n", "---", "#", ":", "`",
        "<b>", "\\", "|", "[^x]", " ", "_", "~~", "- ", "1. ",
    ];
    let mut state: u64 = 0x2023_0316;
    let mut generated = Vec::new();
    for _ in 0..300 {
        let mut doc = String::from("---\ntitle: t\n---\n");
        for _ in 0..40 {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            doc.push_str(tokens[(state >> 33) as usize % tokens.len()]);
        }
        generated.push(doc.into_bytes());
    }
    for (i, bytes) in fixed
        .iter()
        .map(|b| b.to_vec())
        .chain(generated)
        .enumerate()
    {
        let site = SiteTest::new().bytes("content/x.md", &bytes);
        let b = site.build();
        assert!(
            b.files.is_some() || b.error_count() > 0,
            "input {i}: neither built nor reported"
        );
    }
}

/// A folder of `content/` named like a page the site makes (`search`,
/// `domains`, `glossary` when there is a glossary), or like another folder but
/// for case, made a section whose listing was written over that page: two
/// outputs of one name, and the build stopped on an internal assertion. Each is
/// an error naming the folder to rename; `content/glossary.md` is told at its
/// place.
#[test]
fn a_folder_named_like_a_page_the_site_makes_is_an_error_naming_it() {
    let page = "---\ntitle: 甲\ndate: 2024-01-01\n---\n正文\n";
    let site = SiteTest::new()
        .file(
            "content/glossary.yaml",
            "- term: 低保\n  plain: 最低生活保障。\n",
        )
        .file("content/search/x.md", page)
        .file("content/domains/x.md", page)
        .file("content/glossary/x.md", page)
        .file("content/News/a.md", page)
        .file("content/news/b.md", page);
    let err = site.build_err_in(minsheng::msg::Lang::Zh);
    for said in [
        "content/search: 错误：文件夹 content/search/ 做成栏目，网址是 /search/，可这已经是搜索页的网址\n  = 怎么改：把文件夹“search”改个名字，例如“search-1”（里面页面的网址会跟着变）",
        "content/domains: 错误：文件夹 content/domains/ 做成栏目，网址是 /domains/，可这已经是服务领域列表页的网址",
        "content/glossary: 错误：文件夹 content/glossary/ 做成栏目，网址是 /glossary/，可这已经是名词解释页的网址",
        "content/news: 错误：文件夹 content/news/ 做成栏目，网址是 /news/，可这已经是文件夹 content/News/ 的栏目列表页的网址",
    ] {
        assert!(err.contains(said), "{said}\n{err}");
    }
    let glossary_page = SiteTest::new()
        .file(
            "content/glossary.yaml",
            "- term: 低保\n  plain: 最低生活保障。\n",
        )
        .file("content/glossary.md", "---\ntitle: 词\n---\n正文\n");
    let err = glossary_page.build_err_in(minsheng::msg::Lang::Zh);
    assert!(
        err.contains(
            "content/glossary.md:2:1: 错误：这个页面和 名词解释页 要用同一个网址 /glossary/"
        ),
        "{err}"
    );
    // Without a glossary, /glossary/ is free for a page.
    SiteTest::new()
        .file("content/glossary.md", "---\ntitle: 词\n---\n正文\n")
        .build_ok();
}

/// A district names its page, `districts/<name>/`: `%2e%2e` was published and a
/// browser read the link as `..` (the page unreachable), `区 县` put a raw space
/// in every link to it. Refused at their line, as `../up` was.
#[test]
fn a_district_name_with_a_percent_sign_or_a_space_is_refused() {
    // As written in site.toml, and as the message shows the name.
    for (written, shown) in [
        ("%2e%2e", "%2e%2e"),
        ("区 县", "区 县"),
        ("\\t丹徒区", "\\t丹徒区"),
    ] {
        let toml = format!("title = \"t\"\n\ndistricts = [\n  \"京口区\",\n  \"{written}\",\n]\n");
        let err = SiteTest::new()
            .file("site.toml", &toml)
            .build_err_in(minsheng::msg::Lang::Zh);
        let said = format!("site.toml:5:3: 错误：区县名“{shown}”做不了页面的名字");
        assert!(err.contains(&said), "{said}\n{err}");
        assert!(err.contains("不要带空格和 / \\ : ? # %"), "{err}");
    }
}
