//! Hostile and clumsy input (issue 9): each defect an attacker found has a test
//! here that reproduced it. Under the default `raw_html = "escape"` no content may
//! put script into a page; addresses follow one policy; work stays bounded.

use std::time::{Duration, Instant};

use crate::support::{SiteTest, MINIMAL_CONFIG};

fn page(body: &str) -> SiteTest {
    SiteTest::new().file(
        "content/reports/a.md",
        &format!("---\ntitle: 座谈会\ndate: 2023-03-16\n---\n{body}"),
    )
}

/// Runs `f` on another thread and fails if it takes longer than `limit`: a guard
/// against hangs (bounds far above the expected time), not a speed measurement.
fn within<T: Send + 'static>(limit: Duration, f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    rx.recv_timeout(limit)
        .unwrap_or_else(|_| panic!("did not finish within {limit:?}"))
}

#[test]
fn heading_attributes_cannot_carry_event_handlers() {
    let b = page("## 标题 {#top .note onfocus=alert(1) autofocus}\n\n正文。\n").build();
    let html = String::from_utf8(
        b.files
            .as_ref()
            .unwrap()
            .iter()
            .find(|f| f.path == "reports/a/index.html")
            .unwrap()
            .bytes
            .to_vec(),
    )
    .unwrap();
    assert!(
        html.contains("<h2 id=\"top\" class=\"note\">标题</h2>"),
        "{html}"
    );
    assert!(!html.contains("onfocus") && !html.contains("autofocus"));
    let warnings = crate::support::render(&b.diagnostics);
    assert!(
        warnings.contains(
            "content/reports/a.md:5:1: warning: the heading attribute `onfocus` is ignored"
        ),
        "{warnings}"
    );
}

#[test]
fn raw_html_in_a_footnote_is_escaped_and_footnotes_still_work() {
    let out = page(
        "正文[^1]。\n\n[^1]: 说明<img src=x onerror=alert(1)>,见[报告](https://example.org/)。\n",
    )
    .build_ok();
    let html = out.text("reports/a/index.html");
    assert!(!html.contains("<img src=x"), "{html}");
    assert!(
        html.contains("说明&lt;img src=x onerror=alert(1)&gt;"),
        "{html}"
    );
    // The footnote reference is markup, not text shown to the reader.
    assert!(
        html.contains("<sup class=\"fn-ref\"><a href=\"#fn-1\" id=\"fnref-1\""),
        "{html}"
    );
    assert!(!html.contains("&lt;sup"), "{html}");
    assert!(html.contains("<li id=\"fn-1\">"), "{html}");
}

#[test]
fn script_addresses_are_errors_wherever_they_are_written() {
    for (body, col) in [
        ("[点我](javascript:alert(1))", 1),
        ("[点我][x]\n\n[x]: JavaScript:alert(1)", 1),
        ("<javascript:alert(1)>", 1),
        ("[点我](jav&#x09;ascript:alert(1))", 1),
        ("[点我](&#106;avascript:alert(1))", 1),
        ("![图](data:image/svg+xml;base64,PHN2Zz4=)", 1),
        ("[点我](vbscript:msgbox)", 1),
    ] {
        let t = page(&format!("{body}\n"));
        let b = t.build();
        let text = crate::support::render(&b.diagnostics);
        assert!(b.files.is_none(), "{body:?} built");
        assert!(
            text.contains(&format!(
                "content/reports/a.md:5:{col}: error: the address `"
            )),
            "{body:?}: {text}"
        );
        assert!(text.contains("is not allowed"), "{text}");
    }
}

#[test]
fn allowed_addresses_pass_unchanged() {
    let out = page(
        "[a](https://www.gov.cn/) [b](mailto:x@y.cn) [c](tel:12345) [d](#top) <https://x.org/>\n",
    )
    .build_ok();
    let html = out.text("reports/a/index.html");
    for href in [
        "https://www.gov.cn/",
        "mailto:x@y.cn",
        "tel:12345",
        "#top",
        "https://x.org/",
    ] {
        assert!(html.contains(&format!("href=\"{href}\"")), "{href}: {html}");
    }
}

#[test]
fn a_guides_online_address_and_menu_urls_follow_the_policy() {
    let guide = "---\ntitle: 体检\nwhat_you_get: 体检\nwho_can_apply: [老人]\nhow_to_apply: [去]\nwhere:\n  online: \"javascript:alert(1)\"\n---\n";
    let err = SiteTest::new()
        .file("content/services/a.md", guide)
        .build_err();
    assert!(
        err.contains("content/services/a.md:7:12: error: where.online: addresses starting with `javascript:` are not allowed"),
        "{err}"
    );
    let err = SiteTest::new()
        .file(
            "site.toml",
            &format!("{MINIMAL_CONFIG}\n[[menu]]\nname = \"坏\"\nurl = \" javascript:alert(1)\"\n"),
        )
        .build_err();
    assert!(
        err.contains("site.toml:6:1: error: menu entry `坏`: addresses starting with `javascript:` are not allowed"),
        "{err}"
    );
    let err = SiteTest::new()
        .file(
            "content/indicators/x.yaml",
            "title: 测\ndomain: 老有所养\nunit: 人\nseries:\n  2022: 1\nsource_url: \"data:text/html,x\"\n",
        )
        .build_err();
    assert!(err.contains("content/indicators/x.yaml:6:"), "{err}");
    assert!(
        err.contains("source_url: addresses starting with `data:`"),
        "{err}"
    );
}

#[test]
fn a_date_cannot_smuggle_markup_into_the_feed() {
    let err = SiteTest::new()
        .file(
            "content/reports/a.md",
            "---\ntitle: 座谈会\ndate: \"2023-03-16T08:00:00<script xmlns='http://www.w3.org/1999/xhtml'>alert(1)</script>\"\n---\n",
        )
        .build_err();
    assert!(
        err.contains("content/reports/a.md:3:7: error: `2023-03-16T08:00:00<script"),
        "{err}"
    );
    // A valid time is written from its numbers.
    let out = SiteTest::new()
        .file(
            "content/reports/a.md",
            "---\ntitle: 座谈会\ndate: 2023-03-16 08:30\n---\n",
        )
        .build_ok();
    let feed = out.text("atom.xml");
    assert!(
        feed.contains("<published>2023-03-16T08:30:00+08:00</published>"),
        "{feed}"
    );
}

#[test]
fn base_url_cannot_write_lines_into_robots_txt() {
    let err = SiteTest::new()
        .file(
            "site.toml",
            "title = \"t\"\nbase_url = \"https://x.org/\\nDisallow: /\"\n",
        )
        .build_err();
    assert!(
        err.contains("site.toml:2:1: error: base_url contains '\\n'"),
        "{err}"
    );
    let flag = minsheng::cmd::build::build_in_memory(
        SiteTest::new().root(),
        Some("https://x.org/\nSitemap: https://evil.example/"),
        false,
    )
    .unwrap();
    assert!(flag.files.is_none());
}

#[test]
fn a_long_slug_fails_check_as_it_fails_the_build() {
    let slug = "a".repeat(5000);
    let t = SiteTest::new().file(
        "content/reports/a.md",
        &format!("---\ntitle: 座谈会\nslug: {slug}\n---\n"),
    );
    let err = t.build_err();
    assert!(
        err.contains(
            "content/reports/a.md:3:7: error: the slug is 5000 bytes long; the limit is 150"
        ),
        "{err}"
    );
    let report = minsheng::check::run(t.root(), None).unwrap();
    assert!(report.errors() > 0);
}

#[test]
fn twenty_thousand_equal_headings_take_linear_time() {
    let body = "## 同\n\n".repeat(20_000);
    let out = within(Duration::from_secs(30), move || page(&body).build_ok());
    let html = out.text("reports/a/index.html");
    assert!(html.contains("id=\"同-19999\""));
    assert!(!html.contains("id=\"同-20000\""));
}

/// A page whose Markdown makes more than a million pieces is an error at the
/// place the count passed, not gigabytes of them (400,000 one-letter
/// paragraphs make 1.2 million: a start, a text, an end); a long page of
/// ordinary paragraphs is far below.
#[test]
fn a_page_of_a_million_pieces_of_markup_is_refused() {
    let body = "a\n\n".repeat(400_000);
    let site = page(&body);
    let err = within(Duration::from_secs(60), move || site.build_err());
    // The 333,334th paragraph (its third piece passes the bound), two lines
    // each, after four lines of front matter.
    assert!(
        err.starts_with("content/reports/a.md:666671:1: error: this page's Markdown makes more than 1,000,000 pieces"),
        "{}",
        &err[..err.len().min(400)]
    );
    let long = "这是一个很长的段落，说明民生服务的办理流程和所需材料。".repeat(20);
    let ok = page(&format!("{long}\n\n").repeat(1_000)).build_ok();
    assert!(ok.text("reports/a/index.html").contains("所需材料"));
    // The Markdown parser holds a paragraph's inline markup whole before the
    // first piece is counted: a large body is counted for the characters of
    // markup first, and an 8 MB line of `[a](` never reaches the parser.
    let site = page(&"[a](".repeat(2_000_000));
    let err = within(Duration::from_secs(60), move || site.build_err());
    assert!(
        err.starts_with("content/reports/a.md:5:2000001: error: this page's Markdown makes more than 1,000,000 pieces"),
        "{}",
        &err[..err.len().min(300)]
    );
}

#[test]
fn deep_brackets_in_front_matter_are_refused_quickly() {
    let t = SiteTest::new().file(
        "content/reports/a.md",
        &format!("---\ntitle: {}\n---\n", "[".repeat(100_000)),
    );
    let start = Instant::now();
    let err = within(Duration::from_secs(30), move || t.build_err());
    assert!(
        err.contains("brackets are nested more than 64 deep"),
        "{err}"
    );
    assert!(start.elapsed() < Duration::from_secs(30));
}

fn indicator(yaml: &str) -> SiteTest {
    SiteTest::new()
        .file("content/indicators/x.yaml", yaml)
        .file(
            "content/reports/a.md",
            "---\ntitle: 座谈会\n---\n```indicator\nid: x\nchart: line\n```\n",
        )
}

#[test]
fn extreme_indicator_values_are_drawn_or_refused_in_bounded_time() {
    // A constant negative series is drawn: the value axis has a width.
    let out = within(Duration::from_secs(30), || {
        indicator("title: 测\ndomain: 老有所养\nunit: 人\nseries:\n  2020: -20000000\n  2021: -20000000\n").build_ok()
    });
    assert!(out.text("indicators/x/index.html").contains("<svg"));
    for (yaml, needle) in [
        (
            "series:\n  2020: 1\n  2021: 2\ntarget: {value: 1e308, year: 2025}\n",
            "too large to be shown",
        ),
        (
            "series:\n  2020: 1\n  2021: 2\ntarget: {value: 3, year: 100000000}\n",
            "100000000 is not a year",
        ),
        (
            "series:\n  -2147483648: 1\n  2147483647: 2\n",
            "-2147483648 is not a year",
        ),
        (
            "series:\n  2020: .nan\n  2021: 2\n",
            "not a number that can be shown",
        ),
        ("series:\n  2020: .inf\n", "not a number that can be shown"),
    ] {
        let t = indicator(&format!("title: 测\ndomain: 老有所养\nunit: 人\n{yaml}"));
        let err = within(Duration::from_secs(30), move || t.build_err());
        assert!(err.contains(needle), "{yaml}: {err}");
    }
}

#[test]
fn downloads_cannot_run_formulas_or_markup() {
    let out = SiteTest::new()
        .file(
            "content/indicators/x.yaml",
            "title: \"=HYPERLINK(\\\"http://evil.example\\\",\\\"点\\\")\"\ndomain: 老有所养\nunit: \"@SUM(A1)\"\nseries:\n  2021: -3\n  2022: 2\ndistricts:\n  \"+丹徒区\": 1\n",
        )
        .build_ok();
    let csv = out.text("indicators/x/x.csv");
    assert!(csv.contains("\r\nx,2021,,-3,'@SUM(A1),false,\r\n"), "{csv}");
    assert!(csv.contains(",'+丹徒区,1,"), "{csv}");
    let all = out.text("indicators/indicators.csv");
    assert!(
        all.contains("x,\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"点\"\")\""),
        "{all}"
    );
    let json = out.text("indicators/x/x.json");
    assert!(!json.contains('<') && !json.contains('>'), "{json}");
}

#[test]
fn a_label_wider_than_the_chart_is_placed_not_a_panic() {
    // Found by the generated-input test: a line's end label wider than the
    // picture made f64::clamp panic (its lower bound above its upper).
    let unit = "题<a href=\\\"javascript:alert(1)\\\">点</a>".repeat(3);
    let out = SiteTest::new()
        .file(
            "content/indicators/x.yaml",
            &format!("title: 测\ndomain: 老有所养\nunit: \"{unit}\"\n"),
        )
        .file(
            "content/indicators/x.csv",
            "year,value,district\n1990,-197295.43217370968,\n1990,-197295.43217370968,\"题<script>alert(1)</script>\"\n",
        )
        .build_ok();
    assert!(out.text("indicators/x/index.html").contains("<svg"));
}

#[test]
fn relative_addresses_that_leave_the_site_or_use_backslashes_are_errors() {
    // From reports/a/ two `../` reach the root; a third leaves the site, which
    // under a sub-path points into another site on the same host.
    let ok = page("![图](../../images/x.png) [上级](../)\n");
    let ok = ok.bytes("static/images/x.png", b"\x89PNG").build();
    assert!(
        !ok.diagnostics.iter().any(|d| d.is_error()),
        "{}",
        crate::support::render(&ok.diagnostics)
    );
    for (body, word) in [
        ("![图](../../../../etc/passwd)", "跑到网站外面去了"),
        ("[表](../../../secret.pdf)", "跑到网站外面去了"),
        ("[申请表](附件\\申请表.pdf)", "用了反斜杠"),
    ] {
        let b = page(&format!("{body}\n")).build();
        let zh = crate::support::render_in(&b.diagnostics, minsheng::msg::Lang::Zh);
        assert!(zh.contains(word) && zh.contains("错误"), "{body}: {zh}");
        assert!(zh.starts_with("content/reports/a.md:5:"), "{body}: {zh}");
    }
}

#[test]
fn a_workbook_with_a_far_away_cell_is_an_error_not_a_crash() {
    let dir = crate::support::repo_root().join("tests/fixtures/xlsx");
    for (file, says) in [
        ("hostile-last-cell.xlsx", "第 1048576 行 A 列有内容"),
        ("hostile-overflow.xlsx", "工作表“分省数据”"),
        ("hostile-far-column.xlsx", "第 3 行 ZZ 列有内容"),
    ] {
        let zh = workbook_build(&dir.join(file));
        assert!(
            zh.contains("content/indicators/a.xlsx: 错误：") && zh.contains(says),
            "{file}: {zh}"
        );
    }
}

/// Builds a site whose one indicator is the workbook at `path`, within 20 s;
/// its diagnostics in Chinese.
fn workbook_build(path: &std::path::Path) -> String {
    let bytes = std::fs::read(path).unwrap();
    within(Duration::from_secs(20), move || {
        let b = SiteTest::new()
            .file(
                "content/indicators/a.yaml",
                "title: 甲\ndomain: 老有所养\nunit: 人\n",
            )
            .bytes("content/indicators/a.xlsx", &bytes)
            .build();
        crate::support::render_in(&b.diagnostics, minsheng::msg::Lang::Zh)
    })
}

#[test]
fn a_workbook_whose_text_expands_is_an_error_before_it_is_inflated() {
    // A 4.6 MB workbook naming one 4.5 GB string aborted the build (calamine
    // reads all shared strings when it opens a workbook); 50 rows naming a
    // 1 MB string took two minutes and published a 150 MB page.
    let dir = crate::support::repo_root().join("tests/fixtures/xlsx");
    for (file, says) in [
        (
            "hostile-shared-strings.xlsx",
            "这个 Excel 文件解压后太大：其中的“xl/sharedStrings.xml”超过 64 MB",
        ),
        (
            "hostile-lying-size.xlsx",
            "这个 Excel 文件解压后太大：其中的“xl/sharedStrings.xml”超过 64 MB",
        ),
        (
            "hostile-long-cell.xlsx",
            "工作表“分省数据”的 C2 单元格有 10001 个字，一格最多 10000 个字",
        ),
        (
            "hostile-much-text.xlsx",
            "工作表“分省数据”到第 312 行，数据已超过 8 MB 文字",
        ),
        // Inside the part limit, but a million cells of `1` took minutes to be
        // read, made into a table and refused for a duplicate year.
        (
            "hostile-many-cells.xlsx",
            "工作表“分省数据”到第 5001 行，有内容的单元格已超过 100 万个",
        ),
    ] {
        let zh = workbook_build(&dir.join(file));
        assert!(
            zh.contains(&format!("content/indicators/a.xlsx: 错误：{says}"))
                && zh.contains("怎么改："),
            "{file}: {zh}"
        );
    }
}

#[test]
fn a_data_file_with_very_many_breakdown_values_is_refused_quickly() {
    // Work per row was a scan of the file, then of the values seen: 20,000
    // values took a minute and 200,000 did not finish.
    let mut csv = String::from("Year,Category,Value\n2020,,1\n2021,,1\n");
    for i in 0..50_000 {
        csv.push_str(&format!("2021,c{i},{i}\n"));
    }
    let zh = within(Duration::from_secs(30), move || {
        let b = SiteTest::new()
            .file(
                "content/indicators/a.yaml",
                "title: 甲\ndomain: 老有所养\nunit: 人\ncsv: {breakdown: Category}\n",
            )
            .file("content/indicators/a.csv", &csv)
            .build();
        crate::support::render_in(&b.diagnostics, minsheng::msg::Lang::Zh)
    });
    assert!(
        zh.contains("content/indicators/a.csv:1:6: 错误：“Category”这一列有 50000 个不同的值，图上最多画 300 个"),
        "{zh}"
    );
}

#[test]
fn an_indicator_page_shows_a_bounded_number_of_periods() {
    // 299 breakdown values x 1,500 years (a 6 MB CSV) published a 123 MB JSON
    // and a 5.7 MB page; the periods were not bounded, only the values.
    let yaml = "title: 甲\ndomain: 老有所养\nunit: 人\ncsv: {breakdown: Category}\n";
    let mut csv = String::from("Year,Category,Value\n");
    for y in 1001..1301 {
        csv.push_str(&format!("{y},,{y}\n"));
        for i in 0..99 {
            csv.push_str(&format!("{y},c{i},{i}\n"));
        }
    }
    let site = SiteTest::new()
        .file("content/indicators/a.yaml", yaml)
        .file("content/indicators/a.csv", &csv);
    let b = within(Duration::from_secs(60), move || site.build());
    let zh = crate::support::render_in(&b.diagnostics, minsheng::msg::Lang::Zh);
    assert!(
        zh.contains("content/indicators/a.csv: 提醒：数据文件有 300 个时期（1001–1300），页面上只显示最近的 100 个（从 1201 起）：有 100 组数据，一个页面最多显示 10000 个数"),
        "{zh}"
    );
    let files = b.files.expect("a warning, not an error");
    let size = |p: &str| files.iter().find(|f| f.path == p).map(|f| f.bytes.len());
    let json = size("indicators/a/a.json").expect("the JSON is published");
    assert!(json < 3 << 20, "{json} bytes");
    let page = String::from_utf8(
        files
            .iter()
            .find(|f| f.path == "indicators/a/index.html")
            .unwrap()
            .bytes
            .to_vec(),
    )
    .unwrap();
    assert!(page.contains(">1300<") && page.contains(">1201<") && !page.contains(">1200<"));
    // The data file itself is still published whole.
    assert_eq!(
        size("indicators/a/a-source.csv").map(|n| n > csv.len()),
        Some(true)
    );

    // One series of 250 years: the newest 200, no word of groups.
    let mut csv = String::from("year,value\n");
    for y in 1751..2001 {
        csv.push_str(&format!("{y},{y}\n"));
    }
    let b = SiteTest::new()
        .file(
            "content/indicators/a.yaml",
            "title: 甲\ndomain: 老有所养\nunit: 人\n",
        )
        .file("content/indicators/a.csv", &csv)
        .build();
    let zh = crate::support::render_in(&b.diagnostics, minsheng::msg::Lang::Zh);
    assert!(
        zh.contains(
            "数据文件有 250 个时期（1751–2000），页面上只显示最近的 200 个（从 1801 起）\n"
        ),
        "{zh}"
    );
}

#[test]
fn a_picture_or_link_to_an_address_the_build_did_not_make_fails_the_build() {
    // `check` found these; `build` published them with exit 0.
    let b = page("图：![体检现场](/images/x.png)\n\n还有[报告](../reports/first-report)\n")
        .file(
            "content/reports/first-report.md",
            "---\ntitle: 第一篇报告\ndate: 2023-01-01\n---\n正文\n",
        )
        .build();
    let zh = crate::support::render_in(&b.diagnostics, minsheng::msg::Lang::Zh);
    assert!(
        zh.contains("content/reports/a.md:5:3: 错误：“/images/x.png”指向的图片网站里没有"),
        "{zh}"
    );
    assert!(
        zh.contains(
            "content/reports/a.md:7:3: 错误：“../reports/first-report”指向的文件网站里没有"
        ),
        "{zh}"
    );
    assert!(
        zh.contains("怎么改：是不是想链接到 content/reports/first-report.md？链接本网站的页面写它的文件名：@/reports/first-report.md"),
        "{zh}"
    );
    // The same addresses, made: no error.
    let ok = page("图：![体检现场](/images/x.png)\n\n还有[报告](../first-report/)\n")
        .bytes("static/images/x.png", b"\x89PNG")
        .file(
            "content/reports/first-report.md",
            "---\ntitle: 报告\ndate: 2023-01-01\n---\n正文\n",
        )
        .build();
    assert!(
        !ok.diagnostics.iter().any(|d| d.is_error()),
        "{}",
        crate::support::render(&ok.diagnostics)
    );
}

#[test]
fn pictures_from_other_hosts_are_errors_where_they_are_written() {
    let body = "![统计图](https://tracker.example.com/p.png)\n\n![图2](//tracker.example.com/p2.png)\n\n[链接](https://www.gov.cn/)\n\n![图3][r]\n\n[r]: http://tracker.example.com/p3.gif\n";
    let site = page(body);
    let err = site.build_err_in(minsheng::msg::Lang::Zh);
    for (at, dest) in [
        ("5:1", "https://tracker.example.com/p.png"),
        ("7:1", "//tracker.example.com/p2.png"),
        ("11:1", "http://tracker.example.com/p3.gif"),
    ] {
        let said = format!("content/reports/a.md:{at}: 错误：图片“{dest}”在别的网站上");
        assert!(err.contains(&said), "{said}\n{err}");
    }
    assert!(err.contains("把图片下载下来，放在本页的文件夹里"), "{err}");
    assert_eq!(
        err.matches("在别的网站上").count(),
        3,
        "links to other sites stay allowed: {err}"
    );
    // `check` says it too, at the same place.
    let report = minsheng::check::run(site.root(), None).unwrap();
    let found: Vec<String> = report
        .findings
        .iter()
        .filter(|d| d.message.en().contains("is on another host"))
        .map(|d| format!("{}:{}", d.line, d.col))
        .collect();
    assert_eq!(found, ["5:1", "7:1", "11:1"]);
}

/// `//host/…` leaves the site on the web but is `file://host/…` from disk (a
/// broken link; the site promises to work from `file://`) and no editor means
/// it: one reading everywhere, refused with the fix `https://…`.
#[test]
fn protocol_relative_addresses_are_refused_everywhere() {
    let guide = "---\ntitle: 指南\nwhat_you_get: 体检\nwho_can_apply: [老人]\nhow_to_apply: [去社区]\nwhere:\n  office: 社区\n  online: //evil.example.com/apply\nlast_reviewed: 2026-10-01\n---\n正文。\n";
    let indicator = "title: 体检人数\ndomain: 老有所养\nunit: 人\nsource_url: //evil.example.com/data\nseries: {2021: 10, 2022: 12}\n";
    let err = page("[m](//evil.example.com/x)\n").build_err_in(minsheng::msg::Lang::Zh);
    let said = "content/reports/a.md:5:1: 错误：链接地址“//evil.example.com/x”不能用：不能用以“//”开头的地址";
    assert!(err.contains(said), "{err}");
    let site = page("正文。\n")
        .file("content/services/a.md", guide)
        .file("content/indicators/x.yaml", indicator);
    let err = site.build_err_in(minsheng::msg::Lang::Zh);
    for said in [
        "content/services/a.md:8:11: 错误：where.online 不能写以“//”开头的地址",
        "content/indicators/x.yaml:4:13: 错误：source_url（来源网址）：不能用以“//”开头的地址",
    ] {
        assert!(err.contains(said), "{said}\n{err}");
    }
    let menu = page("正文。\n").file(
        "site.toml",
        &format!("{MINIMAL_CONFIG}\n[[menu]]\nname = \"外链\"\nurl = \"//evil.example.com/\"\n"),
    );
    let err = menu.build_err_in(minsheng::msg::Lang::Zh);
    assert!(
        err.contains("site.toml:6:1: 错误：菜单“外链”的地址不能以“//”开头"),
        "{err}"
    );
    // The full address is fine everywhere.
    let fixed = page("[m](https://evil.example.com/x)\n").file(
        "site.toml",
        &format!("{MINIMAL_CONFIG}\n[[menu]]\nname = \"外链\"\nurl = \"https://www.gov.cn/\"\n"),
    );
    let out = fixed.build_ok();
    assert!(out
        .text("reports/a/index.html")
        .contains("href=\"https://www.gov.cn/\""));
}

/// Tester 2's G-B3: an 8 MB table of 4 million cells took 22–40 s and 2.5 GB
/// and made a 42 MB page. Now a located error, counted without rendering.
#[test]
fn a_huge_table_is_an_error_at_its_line_and_costs_little() {
    let cols = 2000;
    let table = format!(
        "|{}\n|{}\n{}",
        "a|".repeat(cols),
        "-|".repeat(cols),
        format!("|{}\n", "x|".repeat(cols)).repeat(2090)
    );
    let site = page(&format!("正文。\n\n{table}"));
    let started = Instant::now();
    let err = within(Duration::from_secs(60), move || {
        site.build_err_in(minsheng::msg::Lang::Zh)
    });
    assert!(
        err.contains("content/reports/a.md:7:1: 错误：这一页的表格超过了 20000 格"),
        "{err}"
    );
    assert!(
        started.elapsed() < Duration::from_secs(30),
        "{:?}",
        started.elapsed()
    );
    // A table of a statistics annex is fine.
    let annex = format!(
        "|{}\n|{}\n{}",
        "年份|".repeat(20),
        "-|".repeat(20),
        format!("|{}\n", "12.5|".repeat(20)).repeat(500)
    );
    let out = page(&annex).build_ok();
    assert!(out.text("reports/a/index.html").contains("<td>12.5</td>"));
}

/// The findings of `minsheng check` on `t` with `rule`, or of the build when
/// the rule is `None` (build errors and warnings carry no rule).
fn findings(t: &SiteTest, rule: Option<&str>) -> Vec<minsheng::diag::Diagnostic> {
    let report = minsheng::check::run(t.root(), None).unwrap();
    (report.findings.into_iter())
        .filter(|d| d.path.ends_with("a.md") && d.rule == rule)
        .collect()
}

#[test]
fn many_mistakes_on_one_line_are_placed_in_linear_time() {
    // Each shape 20,000 times on one line of a page: every finding placed by
    // counting from the start of the file (or every bracket reading the rest
    // of the line) took from 5 s to a minute a shape in a release build, and
    // hours for a page of 8 MiB.
    const N: usize = 20_000;
    let cases: [(&str, Option<&str>, usize); 5] = [
        ("[[不存在的页面]] ", None, N),
        ("[申请表] (申请表.pdf) ", None, N),
        ("这是一句话,没有用全角逗号 ", Some("ascii-punctuation"), N),
        ("[a] (", None, 0),
        ("[[", None, 0),
    ];
    for (unit, rule, expected) in cases {
        let body = format!("第一行\n\n{}]]\n", unit.repeat(N));
        let t = page(&body);
        let found = within(Duration::from_secs(120), move || findings(&t, rule));
        assert_eq!(found.len(), expected, "{unit}");
        if let Some(last) = found.last() {
            // Line 7 (four lines of front matter and the first line before it);
            // the column in characters, the long line quoted around it.
            let lead = unit[..unit.find(['[', ',']).unwrap()].chars().count();
            let col = (N - 1) * unit.chars().count() + lead + 1;
            assert_eq!((last.line, last.col), (7, col), "{unit}");
            let quote = last.source_line.as_deref().unwrap();
            assert!(last.quote_from > 0 && quote.contains(unit.trim()), "{unit}");
        }
    }
}

#[test]
fn many_links_to_anchors_of_a_large_page_read_it_once() {
    // 20,000 links to an anchor of a page of 3,000 headings: each link read
    // the whole page's HTML again (30 s in a release build).
    let big: String = (0..3000)
        .map(|i| format!("## 标题{i}\n\n{}\n\n", "文字".repeat(200)))
        .collect();
    let links = "[a](b.md#标题5) [b](b.md#没有这个标题) ".repeat(10_000);
    let t = page(&links).file(
        "content/reports/b.md",
        &format!("---\ntitle: 大页\ndate: 2023-03-16\n---\n{big}"),
    );
    let found = within(Duration::from_secs(120), move || {
        findings(&t, Some("broken-anchor"))
    });
    assert_eq!(found.len(), 10_000);
    assert!(found
        .iter()
        .all(|d| d.message.zh().contains("没有这个标题")));
}

#[test]
fn many_mistakes_in_each_kind_of_file_are_told_in_linear_time() {
    // 20,000 of one mistake (or, for the glossary, of one thing done right) in
    // one file of each kind: every finding placed by reading its file from the
    // top took from 6 s to 45 s a kind in a release build.
    const N: usize = 20_000;
    let lines = |f: &dyn Fn(usize) -> String| (0..N).map(f).collect::<String>();
    let report = |t: SiteTest| {
        within(Duration::from_secs(120), move || {
            minsheng::check::run(t.root(), None).unwrap().findings
        })
    };
    let last = |found: &[minsheng::diag::Diagnostic], needle: &str| {
        let of: Vec<_> = found
            .iter()
            .filter(|d| d.message.zh().contains(needle))
            .collect();
        (of.len(), of.last().map(|d| (d.line, d.col)))
    };

    // Front matter of unknown keys: each told at its line.
    let fm = format!(
        "---\ntitle: 座谈会\n{}---\n正文。\n",
        lines(&|i| format!("foo{i}: 值\n"))
    );
    let found = report(SiteTest::new().file("content/reports/a.md", &fm));
    assert_eq!(last(&found, "foo"), (N, Some((N + 2, 1))));

    // An indicator's series with one year written again and again.
    let series = format!(
        "title: 指标\nquestion: 问题？\ndomain: 老有所养\nunit: 人\nseries:\n{}",
        lines(&|i| format!("  2020: {i}\n"))
    );
    let found = report(SiteTest::new().file("content/indicators/x.yaml", &series));
    assert_eq!(last(&found, "写了两次"), (N - 1, Some((N + 5, 3))));

    // A denominator of districts whose figures cannot be divided by, and
    // (against the site's list, as long as a site may make it) unknown ones.
    let den = format!(
        "title: 常住人口\nunit: 万人\nyear: 2022\ndistricts:\n{}",
        lines(&|i| format!("  区{i}: -1\n"))
    );
    let found =
        report(SiteTest::new().file("content/indicators/denominators/population.yaml", &den));
    assert_eq!(last(&found, "不能除以"), (N, Some((N + 4, 3))));
    let names: Vec<String> = (0..1000).map(|i| format!("\"县{i}\"")).collect();
    let config = format!("districts = [{}]\n{MINIMAL_CONFIG}", names.join(","));
    let found = report(SiteTest::new().file("site.toml", &config).file(
        "content/indicators/denominators/population.yaml",
        &den.replace("-1", "2"),
    ));
    assert_eq!(last(&found, "不是本站的区县"), (N, Some((N + 4, 3))));
    let hint = found.iter().find_map(|d| d.hint.as_ref()).unwrap().zh();
    assert!(hint.contains("还有 970 个") && hint.len() < 1000, "{hint}");

    // site.toml: menu items to refused addresses, one audience written again
    // and again.
    let menu = lines(&|i| format!("\n[[menu]]\nname = \"m{i}\"\nurl = \"javascript:x{i}\"\n"));
    let found = report(SiteTest::new().file("site.toml", &format!("{MINIMAL_CONFIG}{menu}")));
    assert_eq!(last(&found, "m19999"), (1, Some((4 * N + 2, 1))));
    let audiences = lines(&|_| "\n[[audiences]]\nname = \"人\"\nslug = \"ren\"\n".into());
    let found = report(SiteTest::new().file("site.toml", &format!("{MINIMAL_CONFIG}{audiences}")));
    assert!(last(&found, "ren").0 > 0);

    // A glossary of many terms all used on one page, and policy terms the
    // check looks for: each marked once, each told once.
    // (A glossary holds at most 10,000 terms: half of them, every one used.)
    let glossary: String = (0..N / 2)
        .map(|i| format!("- term: 词语{i}号\n  plain: 解释\n"))
        .collect();
    let body = lines(&|i| format!("词语{i}号，术语{i}号。\n\n"));
    let terms: Vec<String> = (0..N).map(|i| format!("\"术语{i}号\"")).collect();
    let config = format!("{MINIMAL_CONFIG}[check]\nterms = [{}]\n", terms.join(","));
    let t = page(&body)
        .file("content/glossary.yaml", &glossary)
        .file("site.toml", &config);
    let (t, out) = within(Duration::from_secs(120), move || {
        let out = t.build_ok();
        (t, out)
    });
    let html = out.text("reports/a/index.html");
    assert_eq!(html.matches("class=\"term\"").count(), N / 2);
    let found = report(t);
    assert_eq!(last(&found, "术语19999号").0, 1);
}

#[test]
fn a_site_lists_at_most_a_thousand_districts() {
    // Each district's page names every district: 20,000 of them made 20,000
    // pages of 20,000 names (minutes and gigabytes).
    let names: Vec<String> = (0..1001).map(|i| format!("\"区{i}\"")).collect();
    let config = format!("{MINIMAL_CONFIG}districts = [{}]\n", names.join(","));
    let err = SiteTest::new().file("site.toml", &config).build_err();
    assert!(
        err.contains("site.toml:3:1: error: districts lists 1001 districts; the most is 1000"),
        "{err}"
    );
}

#[test]
fn glossary_spellings_are_words_not_paragraphs() {
    // Terms inside each other (民, 民民, …) are each met at every place of
    // the others: 1,000 of them on a page of 20,000 民 took 9 s. A spelling
    // is at most 50 characters; 50 nested ones on such a page mark each once.
    let long = "民".repeat(51);
    let t = page("正文。\n").file(
        "content/glossary.yaml",
        &format!("- term: 低保\n  plain: 最低生活保障\n- term: {long}\n  plain: 太长\n"),
    );
    let err = t.build_err();
    assert!(
        err.contains(
            "content/glossary.yaml:3:3: error: a glossary term or alias is at most 50 characters"
        ),
        "{err}"
    );
    let terms: String = (1..=50)
        .map(|k| format!("- term: {}\n  plain: 解释\n", "民".repeat(k)))
        .collect();
    let body = format!("{}\n", "民".repeat(200_000));
    let t = page(&body).file("content/glossary.yaml", &terms);
    let out = within(Duration::from_secs(120), move || t.build_ok());
    let html = out.text("reports/a/index.html");
    assert_eq!(html.matches("class=\"term\"").count(), 50);
}

#[test]
fn a_glossary_holds_at_most_ten_thousand_spellings() {
    // The finder of every spelling is built in time growing as the square of
    // spellings that begin alike (词语1, 词语2 …): 80,000 took 1.6 s a build.
    let terms: String = (0..10_001)
        .map(|i| format!("- term: 词语{i}\n  plain: 解释\n"))
        .collect();
    let err = page("正文。\n")
        .file("content/glossary.yaml", &terms)
        .build_err();
    assert!(
        err.contains(
            "content/glossary.yaml: error: the glossary has 10001 terms and aliases; the most is 10000"
        ),
        "{err}"
    );
}
