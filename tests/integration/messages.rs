//! The language of messages: chosen by `--lang`, then `MINSHENG_LANG`, then the
//! site's `language`, Chinese by default; both languages pinned for the lines
//! every editor meets (a build that fails, the check summary).

use crate::support::{render_in, run_bin_env, SiteTest};
use minsheng::msg::Lang;

fn broken_site(language: Option<&str>) -> SiteTest {
    let config = match language {
        Some(l) => format!("title = \"测试站\"\nlanguage = \"{l}\"\n"),
        None => "title = \"测试站\"\n".to_string(),
    };
    SiteTest::new().file("site.toml", &config).file(
        "content/a.md",
        "---\ntitle: 甲\ndate: 2023-13-45\n---\n正文\n",
    )
}

fn build(site: &SiteTest, env: &[(&str, &str)], extra: &[&str]) -> (i32, String) {
    let root = site.root().to_str().unwrap().to_owned();
    let out = site.root().join("out").to_str().unwrap().to_owned();
    let mut args = vec!["build", "--root", &root, "--output", &out];
    args.extend_from_slice(extra);
    let (code, _, err) = run_bin_env(env, &args);
    (code, err)
}

#[test]
fn a_chinese_site_is_told_its_errors_in_chinese() {
    let site = broken_site(None);
    let (code, err) = build(&site, &[], &[]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("content/a.md:3:"), "{err}");
    assert!(err.contains(": 错误："), "{err}");
    assert!(
        err.contains("错误：网站有 1 处错误，这次什么也没有写出；改好后再生成"),
        "{err}"
    );
    assert!(!err.contains("error:"), "{err}");
}

#[test]
fn lang_flag_then_environment_then_site_language_choose_english() {
    let site = broken_site(None);
    let (_, by_flag) = build(&site, &[], &["--lang", "en"]);
    assert!(by_flag.contains(": error: "), "{by_flag}");
    assert!(
        by_flag.contains("error: the site has 1 error; nothing was written"),
        "{by_flag}"
    );
    let (_, by_env) = build(&site, &[("MINSHENG_LANG", "en")], &[]);
    assert_eq!(by_env, by_flag);
    let english_site = broken_site(Some("en-GB"));
    let (_, by_site) = build(&english_site, &[], &[]);
    assert!(by_site.contains(": error: "), "{by_site}");
    // The flag wins over the environment and the site.
    let (_, flag_wins) = build(&english_site, &[("MINSHENG_LANG", "en")], &["--lang", "zh"]);
    assert!(flag_wins.contains(": 错误："), "{flag_wins}");
}

#[test]
fn a_site_whose_settings_are_broken_still_gets_its_language() {
    // site.toml has an error, but its `language` line is readable.
    let site = SiteTest::new().file("site.toml", "language = \"en\"\ntitle = \n");
    let (code, err) = build(&site, &[], &[]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("site.toml:2:"), "{err}");
    assert!(err.contains(": error: "), "{err}");
}

#[test]
fn an_unknown_language_on_the_command_line_is_refused_in_both_words() {
    let (code, _, err) = run_bin_env(&[], &["build", "--lang", "fr"]);
    assert_eq!(code, 2);
    assert!(err.contains("use zh (中文) or en (English)"), "{err}");
}

#[test]
fn the_check_summary_speaks_the_site_language() {
    let site = SiteTest::new().file("content/a.md", "---\ntitle: 甲\n---\n正文。\n");
    let root = site.root().to_str().unwrap().to_owned();
    let (code, out, err) = run_bin_env(&[], &["check", "--root", &root]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("检查完毕：0 处错误"), "{out}");
    let (_, out, _) = run_bin_env(&[], &["check", "--root", &root, "--lang", "en"]);
    assert!(out.contains("check: 0 errors"), "{out}");
}

/// A page's diagnostics in Chinese, then in English.
fn page_diags(front: &str) -> (String, String) {
    let site = SiteTest::new().file("content/a.md", &format!("---\n{front}---\n正文\n"));
    let b = site.build();
    (
        render_in(&b.diagnostics, Lang::Zh),
        render_in(&b.diagnostics, Lang::En),
    )
}

#[test]
fn a_title_starting_with_a_yaml_sign_is_told_to_go_in_quotes() {
    // Common title shapes; the generic "quotes and brackets" message sent the
    // editor to the line above.
    for (title, sign, quoted) in [
        ("[2023]年度报告", "[", "\"[2023]年度报告\""),
        ("**重点**工作", "*", "\"**重点**工作\""),
        ("\"全国文明城市\"创建", "\"", "\"“全国文明城市”创建\""),
        ("{城市}报告", "{", "\"{城市}报告\""),
    ] {
        let (zh, en) = page_diags(&format!("title: {title}\n"));
        assert!(
            zh.starts_with(&format!(
                "content/a.md:2:8: 错误：“title”的内容以“{sign}”开头，YAML 会把它读成特殊写法，而不是文字"
            )),
            "{zh}"
        );
        assert!(
            zh.contains(&format!("title: {quoted}（内容里的双引号改用中文引号“”）")),
            "{zh}"
        );
        assert!(
            en.contains(&format!(
                "put the whole value in double quotes: title: {quoted}"
            )),
            "{en}"
        );
    }
    // A list in brackets stays a list.
    let (zh, _) = page_diags("title: 甲\naudiences: [老年人, 残疾人]\n");
    assert!(!zh.contains("错误"), "{zh}");
}

#[test]
fn a_full_width_colon_is_reported_on_its_own_line_and_nothing_else() {
    let (zh, en) = page_diags("title：甲\ndate: 2023-03-16\n");
    assert_eq!(
        zh,
        "content/a.md:2:6: 错误：第 2 行第 6 列用了全角冒号“：”，请改成半角冒号加空格“: ”\n 2 | title：甲\n   |      ^\n  = 怎么改：写成 title: 内容（切换到英文输入法打冒号，冒号后空一格）\n"
    );
    assert_eq!(
        en,
        "content/a.md:2:6: error: line 2, column 6: a full-width colon “：”; write an ASCII colon and a space “: ”\n 2 | title：甲\n   |      ^\n  = hint: write title: value (an ASCII colon, then a space)\n"
    );
}

#[test]
fn keyboard_slips_name_the_character_in_both_languages() {
    let cases: &[(&str, &str, &str)] = &[
        (
            "title:甲\n",
            "content/a.md:2:6: 错误：第 2 行第 6 列的冒号后面少了一个空格",
            "content/a.md:2:6: error: line 2, column 6: the colon needs a space after it",
        ),
        (
            "title: 甲\n\tdraft: true\n",
            "content/a.md:3:1: 错误：第 3 行第 1 列有一个制表符（Tab 键打出的空白）",
            "content/a.md:3:1: error: line 3, column 1: a tab character",
        ),
        (
            "title:　甲\n",
            "content/a.md:2:7: 错误：第 2 行第 7 列有一个全角空格“　”",
            "content/a.md:2:7: error: line 2, column 7: a full-width space “　”",
        ),
        (
            "title: “问题: 如何申请”\n",
            "content/a.md:2:8: 错误：第 2 行第 8 列用了中文引号（“）来括内容，设置里只认英文引号",
            "content/a.md:2:8: error: line 2, column 8: the Chinese quote (“) does not quote a value; only ASCII quotes do",
        ),
        (
            "title: 甲\ndomains: 【老有所养】\n",
            "content/a.md:3:10: 错误：第 3 行第 10 列用了全角括号“【”，列表要用半角方括号“[”",
            "content/a.md:3:10: error: line 3, column 10: the full-width bracket “【”; a list is written in ASCII brackets “[”",
        ),
        (
            "title: 甲\naudiences: [老年人，残疾人]\n",
            "content/a.md:3:16: 错误：第 3 行第 16 列的列表里用了全角逗号“，”，请改成半角逗号加空格“, ”",
            "content/a.md:3:16: error: line 3, column 16: a full-width comma “，” inside a list; write an ASCII comma and a space “, ”",
        ),
    ];
    for (front, zh_line, en_line) in cases {
        let (zh, en) = page_diags(front);
        assert_eq!(zh.lines().next(), Some(*zh_line), "{zh}");
        assert_eq!(en.lines().next(), Some(*en_line), "{en}");
        assert_eq!(zh.matches("错误：").count(), 1, "no follow-on error: {zh}");
    }
}

#[test]
fn enumeration_comma_lists_and_yes_no_in_chinese_are_understood() {
    let site = SiteTest::new().file(
        "content/a.md",
        "---\ntitle: 甲\naudiences: 老年人、残疾人\ndomains: 老有所养\nsample: 是\n---\n正文\n",
    );
    let b = site.build();
    assert_eq!(
        b.error_count(),
        0,
        "{}",
        render_in(&b.diagnostics, Lang::Zh)
    );
    let out = site.build_ok();
    let html = out.text("a/index.html");
    assert!(html.contains("示例数据"), "sample: 是 is true");
    assert!(out.has("audiences/people-with-disabilities/index.html"));
    let list = out.text("audiences/people-with-disabilities/index.html");
    assert!(list.contains("a/"), "the page is listed under 残疾人");
}

#[test]
fn a_key_typo_names_the_key_meant() {
    let (zh, en) = page_diags("title: 甲\nsumary: 乙\n");
    assert_eq!(
        zh,
        "content/a.md:3:1: 提醒：页面设置里没有“sumary”这一项，这一行不起作用\n 3 | sumary: 乙\n   | ^\n  = 怎么改：是不是想写“summary”？把“sumary:”改成“summary:”\n"
    );
    assert!(
        en.contains("unknown front matter key `sumary` is ignored")
            && en.contains("hint: did you mean `summary`? write summary: instead of sumary:"),
        "{en}"
    );
}

#[test]
fn a_wrong_yes_no_and_an_open_list_are_told_in_chinese() {
    let (zh, en) = page_diags("title: 甲\ndraft: 也许\n");
    assert_eq!(
        zh,
        "content/a.md:3:8: 错误：“draft”只能写“是”或“否”\n 3 | draft: 也许\n   |        ^\n  = 怎么改：写 draft: 是 或 draft: 否（也可以写 true 或 false）\n"
    );
    assert!(en.contains("error: `draft` is a yes-or-no setting"), "{en}");
    let (zh, _) = page_diags("title: 甲\ndomains: [老有所养\ndate: 2023-03-16\n");
    assert_eq!(
        zh,
        "content/a.md:3:10: 错误：这里的“[”后面没有对应的“]”\n 3 | domains: [老有所养\n   |          ^\n  = 怎么改：列表要在同一行写完并用 ] 收尾，例如：domains: [老有所养, 病有所医]\n"
    );
}

#[test]
fn a_date_that_is_no_date_says_which_part_is_wrong() {
    let (zh, en) = page_diags("title: 甲\ndate: 2023-13-45\n");
    assert_eq!(
        zh,
        "content/a.md:3:7: 错误：“2023-13-45”不是日期：月份“13”不在 1 到 12 之间\n 3 | date: 2023-13-45\n   |       ^\n  = 怎么改：写成“年-月-日”，例如 date: 2023-03-16（也可以写 2023年3月16日）；要写时间的话：date: 2023-03-16T08:00:00+08:00\n"
    );
    assert!(
        en.starts_with(
            "content/a.md:3:7: error: `2023-13-45` is not a date: there is no month 13\n"
        ),
        "{en}"
    );
    let (zh, en) = page_diags("title: 甲\ndate: 2023-02-30\n");
    assert!(
        zh.contains("错误：“2023-02-30”不是日期：2023 年 2 月没有 30 日"),
        "{zh}"
    );
    assert!(en.contains("month 2 of 2023 has no day 30"), "{en}");
    // A month without its day is told so, not that 年 is not allowed.
    let (zh, _) = page_diags("title: 甲\ndate: 2024年1月\n");
    assert_eq!(
        zh.lines().next(),
        Some("content/a.md:3:7: 错误：“2024年1月”不是日期：少了日：写成 2024年1月1日（哪一天就写几日）")
    );
    // The dash form unpadded, as Excel writes it, is a date like 2024/1/1.
    let (zh, _) = page_diags("title: 甲\ndate: 2024-1-1\nupdated: 2024-1-15\n");
    assert_eq!(zh, "");
}

#[test]
fn unknown_names_say_which_was_meant() {
    let (zh, en) = page_diags("title: 甲\naudiences: [老人]\ndomains: [病有所依]\n");
    assert!(
        zh.contains("content/a.md:3:13: 错误：“老人”不是本站的服务对象\n")
            && zh.contains("  = 怎么改：是不是想写“老年人”？可以写：老年人、儿童和家庭、残疾人"),
        "{zh}"
    );
    assert!(
        zh.contains("content/a.md:4:11: 错误：“病有所依”不是 13 个服务领域之一\n")
            && zh.contains("  = 怎么改：是不是想写“病有所医”？可以写：幼有所育"),
        "{zh}"
    );
    assert!(
        en.contains("hint: did you mean `老年人`? use one of:"),
        "{en}"
    );
}

const INDICATOR: &str = "title: 甲\ndomain: 老有所养\nunit: 人\nseries: {2021: 10, 2022: 12}\n";

#[test]
fn an_indicator_that_failed_to_load_is_reported_once_not_on_every_page() {
    let site = SiteTest::new()
        .file(
            "content/indicators/broken.yaml",
            "title: 甲\ndomain: 老有所养\nunit: 人\nseries: {2021: 十}\n",
        )
        .file("content/indicators/elderly-health.yaml", INDICATOR)
        .file(
            "content/a.md",
            "---\ntitle: 甲\nindicators: [broken]\n---\n```indicator\nid: broken\n```\n",
        )
        .file(
            "content/b.md",
            "---\ntitle: 乙\nindicators: [elderly-helth]\n---\n正文\n",
        );
    let b = site.build();
    let zh = render_in(&b.diagnostics, Lang::Zh);
    assert!(zh.contains("content/indicators/broken.yaml:"), "{zh}");
    assert!(!zh.contains("content/a.md"), "no follow-on error: {zh}");
    assert!(
        zh.contains("content/b.md:3:14: 错误：没有叫“elderly-helth”的指标\n")
            && zh.contains(
                "怎么改：是不是想写“elderly-health”？指标是 content/indicators/ 里的文件"
            ),
        "{zh}"
    );
}

/// The diagnostics of a site whose `site.toml` is `config`, in Chinese and English.
fn config_diags(config: &str) -> (String, String) {
    let site = SiteTest::new()
        .file("site.toml", config)
        .file("content/a.md", "---\ntitle: 甲\n---\n正文\n");
    let b = site.build();
    (
        render_in(&b.diagnostics, Lang::Zh),
        render_in(&b.diagnostics, Lang::En),
    )
}

#[test]
fn site_toml_keyboard_slips_are_found_where_they_are() {
    let (zh, en) = config_diags("title = “镇江民生”\n");
    assert_eq!(
        zh,
        "site.toml:1:9: 错误：第 1 行第 9 列用了中文引号（“）来括内容，设置里只认英文引号\n 1 | title = “镇江民生”\n   |         ^\n  = 怎么改：切换到英文输入法，用英文双引号把内容括起来，例如：title = \"镇江民生\"\n"
    );
    assert!(
        en.starts_with("site.toml:1:9: error: line 1, column 9: the Chinese quote (“)"),
        "{en}"
    );
    let (zh, _) = config_diags("title: \"镇江民生\"\n");
    assert!(
        zh.starts_with(
            "site.toml:1:6: 错误：第 1 行第 6 列用了冒号“:”：site.toml 里名称和内容之间用等号“=”\n"
        ),
        "{zh}"
    );
    let (zh, _) = config_diags("title = \"t\"\ndistricts = [\"京口区\"，\"润州区\"]\n");
    assert!(
        zh.starts_with("site.toml:2:19: 错误：第 2 行第 19 列的列表里用了全角逗号“，”"),
        "{zh}"
    );
}

#[test]
fn site_toml_typos_name_the_setting_meant() {
    let (zh, en) = config_diags("title = \"t\"\nbase_ulr = \"https://x.org/\"\n");
    assert!(
        zh.contains("site.toml:2:1: 提醒：site.toml 里没有“base_ulr”这一项设置，这一行不起作用\n")
            && zh.contains("怎么改：是不是想写“base_url”？把“base_ulr”改成“base_url”"),
        "{zh}"
    );
    assert!(en.contains("did you mean `base_url`?"), "{en}");
    let (zh, _) = config_diags("title = \"t\"\n[gov]\nsponser = \"镇江市人民政府\"\n");
    assert!(
        zh.contains("错误：site.toml 的这一组里没有“sponser”这一项")
            && zh.contains("是不是想写“sponsor”？"),
        "{zh}"
    );
}

#[test]
fn a_site_setting_added_below_a_table_says_where_it_belongs() {
    // An editor adds a line at the end of the file, under [contact].
    let (zh, en) =
        config_diags("title = \"t\"\n[contact]\nhotline = \"0511-1\"\ndistricts = [\"京口区\"]\n");
    assert_eq!(
        zh,
        "site.toml:4:1: 错误：“districts”是整个网站的设置，写在了 [contact] 这一组下面，会被当成 [contact] 的一项\n 4 | districts = [\"京口区\"]\n   | ^\n  = 怎么改：把这一行移到 site.toml 的前面，放在第一个 [contact] 之前（方括号开头的一行之后的设置都属于那一组）\n"
    );
    assert!(en.contains("is written under [contact]"), "{en}");
    // A key no table knows and that is no site setting either keeps the typo message.
    let (zh, _) = config_diags("title = \"t\"\n[contact]\nhotlin = \"0511-1\"\n");
    assert!(zh.contains("没有“hotlin”这一项"), "{zh}");
    // Nothing close: the hint lists what this table can hold.
    let (zh, _) = config_diags("title = \"t\"\n[contact]\nfax = \"0511-1\"\n");
    assert!(
        zh.contains("怎么改：可以用的设置有：name, hotline, email, address, hours"),
        "{zh}"
    );
}

#[test]
fn a_page_dated_in_the_future_waits_for_its_day_unless_asked_for() {
    let site = SiteTest::new()
        .file(
            "content/a.md",
            "---\ntitle: 甲\ndate: 2999-01-01\n---\n正文\n",
        )
        .file(
            "content/b.md",
            "---\ntitle: 乙\ndate: 2023-03-16\n---\n正文\n",
        );
    let b = site.build();
    assert_eq!(b.error_count(), 0);
    assert_eq!(
        render_in(&b.diagnostics, Lang::Zh),
        "content/a.md:3:7: 提醒：这个页面的日期是 2999-01-01，还没到：这次不发布，到那天以后再生成才会发布\n 3 | date: 2999-01-01\n   |       ^\n  = 怎么改：想先看效果：minsheng build --future 或 minsheng serve --drafts；日期写错了就改正 date:\n"
    );
    assert!(render_in(&b.diagnostics, Lang::En).contains(
        "warning: this page is dated 2999-01-01, in the future: it is left out until that day"
    ));
    let out = site.build_ok();
    assert!(!out.has("a/index.html") && out.has("b/index.html"));
    assert!(!out.text("index.html").contains("甲"), "not listed either");
    let preview = minsheng::site::Preview {
        drafts: false,
        future: true,
    };
    let b = minsheng::cmd::build::build_in_memory(site.root(), None, preview).unwrap();
    assert!(b.diagnostics.is_empty(), "{:?}", b.diagnostics);
    assert!(b.files.unwrap().iter().any(|f| f.path == "a/index.html"));
    let root = site.root().to_str().unwrap().to_owned();
    let out = site.root().join("out").to_str().unwrap().to_owned();
    let (code, _, err) = run_bin_env(
        &[],
        &["build", "--root", &root, "--output", &out, "--future"],
    );
    assert_eq!(code, 0, "{err}");
    assert!(site.root().join("out/a/index.html").exists());
}

#[test]
fn chinese_names_in_brackets_and_in_another_order_are_understood() {
    let site = SiteTest::new().file(
        "content/a.md",
        "---\ntitle: 甲\naudiences: [老年人、残疾人]\n---\n正文\n",
    );
    let out = site.build_ok();
    assert!(out.text("audiences/older-people/index.html").contains("a/"));
    assert!(out
        .text("audiences/people-with-disabilities/index.html")
        .contains("a/"));
    let (zh, _) = page_diags("title: 甲\ndomains: 养老\n");
    assert!(zh.contains("怎么改：是不是想写“老有所养”？"), "{zh}");
    // A life event may hold 、 itself; other names with 、 are lists.
    let site = SiteTest::new()
        .file("content/indicators/x.yaml", INDICATOR)
        .file("content/indicators/y.yaml", INDICATOR)
        .file(
            "content/a.md",
            "---\ntitle: 甲页\nevents: 找工作、失业了\nindicators: x、y\n---\n正文\n",
        );
    let out = site.build_ok();
    assert!(out.text("indicators/x/index.html").contains("甲页"));
    assert!(out.text("indicators/y/index.html").contains("甲页"));
    let (zh, _) = page_diags("标题：甲\n");
    assert!(zh.contains("怎么改：写成 title: 内容"), "{zh}");
    let (zh, _) = page_diags("标题: 甲\n");
    assert!(
        zh.contains("是不是想写“title”？把“标题:”改成“title:”"),
        "{zh}"
    );
}

#[test]
fn previewed_drafts_and_future_pages_say_they_are_not_public() {
    let site = SiteTest::new()
        .file("content/a.md", "---\ntitle: 甲\ndraft: true\n---\n正文\n")
        .file("content/b.md", "---\ntitle: 乙\ndate: 2999-01-01\n---\n正文\n")
        .file("content/c.md", "---\ntitle: 丙\ndate: 2023-03-16\n---\n正文\n")
        .file(
            "content/services/d.md",
            "---\ntitle: 丁\ndraft: 是\nwhat_you_get: 体检\nwho_can_apply: [老人]\nhow_to_apply: [打电话]\nwhere: {phone: \"12345\"}\n---\n",
        );
    let preview = minsheng::site::Preview {
        drafts: true,
        future: true,
    };
    let b = minsheng::cmd::build::build_in_memory(site.root(), None, preview).unwrap();
    let page = |p: &str| {
        let f = b
            .files
            .as_ref()
            .unwrap()
            .iter()
            .find(|f| f.path == p)
            .unwrap();
        String::from_utf8(f.bytes.to_vec()).unwrap()
    };
    assert!(page("a/index.html").contains("草稿，尚未公开"));
    assert!(page("services/d/index.html").contains("草稿，尚未公开"));
    assert!(
        page("b/index.html").contains("定时发布，尚未公开：</strong>这个页面的日期是 2999年1月1日")
    );
    assert!(!page("c/index.html").contains("尚未公开"));
    // The public build has neither the pages nor the banner.
    let out = site.build_ok();
    assert!(!out.has("a/index.html") && !out.has("b/index.html"));
    assert!(!out.text("c/index.html").contains("尚未公开"));
}

#[test]
fn windows_device_names_are_refused_as_addresses() {
    let site = SiteTest::new()
        .file(
            "site.toml",
            "title = \"t\"\nbase_url = \"https://e.org/\"\n",
        )
        .file("content/reports/CON.md", "---\ntitle: 甲\n---\n正文\n")
        .file("content/b.md", "---\ntitle: 乙\nslug: Lpt1\n---\n正文\n")
        .file("content/con-report.md", "---\ntitle: 丙\n---\n正文\n");
    let b = site.build();
    let zh = render_in(&b.diagnostics, Lang::Zh);
    // The one message for such names (pages had their own wording), and a
    // hint for what the page names itself by: its file or its slug.
    assert!(
        zh.contains("content/reports/CON.md: 错误：“con”是 Windows 保留的名字（CON、PRN、AUX、NUL、CONIN$、CONOUT$、COM0–COM9、LPT0–LPT9，不论大小写、带不带扩展名都不能用），网站复制到 Windows 电脑或服务器上会出错\n  = 怎么改：把页面文件改名为 con-1.md，或在页面开头写 slug: con-1\n"),
        "{zh}"
    );
    assert!(
        zh.contains("content/b.md:3:1: 错误：“Lpt1”是 Windows 保留的名字"),
        "{zh}"
    );
    assert!(
        zh.contains("怎么改：换一个 slug，例如 slug: Lpt1-1\n"),
        "{zh}"
    );
    assert!(!zh.contains("con-report"), "{zh}");
    assert_eq!(
        b.diagnostics.iter().filter(|d| d.is_error()).count(),
        2,
        "{zh}"
    );
}

#[test]
fn a_list_key_is_explained_with_its_own_values() {
    // (`cost: 0` no longer moves the error elsewhere; the hint shows audiences.)
    let (zh, _) = page_diags("title: 甲\ncost: 0\naudiences: {甲: 乙}\n");
    assert_eq!(
        zh,
        "content/a.md:4:12: 错误：“audiences”要写成一个列表\n 4 | audiences: {甲: 乙}\n   |            ^\n  = 怎么改：写在一行，例如：audiences: 老年人、残疾人；或者写成 audiences: [老年人, 残疾人]；或者一行一项，每行以“- ”开头\n"
    );
}

#[test]
fn a_hash_in_a_title_is_an_error_at_the_hash() {
    // YAML would read ` #12345 热线` as a comment: the page's <h1> was 关于.
    let (zh, en) =
        page_diags("title: 关于 #12345 热线\nsummary: 拨打热线 #1 号键\ndate: 2024-01-01\n");
    assert_eq!(
        zh,
        "content/a.md:2:11: 错误：第 2 行第 11 列的“#”前面有空格，从“#”到行尾会被当成注释丢掉，内容只剩“关于”\n 2 | title: 关于 #12345 热线\n   |             ^\n  = 怎么改：要保留“#”后面的字，就把整段内容放进英文双引号里：title: \"关于 #12345 热线\"\n\
         content/a.md:3:15: 错误：第 3 行第 15 列的“#”前面有空格，从“#”到行尾会被当成注释丢掉，内容只剩“拨打热线”\n 3 | summary: 拨打热线 #1 号键\n   |                   ^\n  = 怎么改：要保留“#”后面的字，就把整段内容放进英文双引号里：summary: \"拨打热线 #1 号键\"\n"
    );
    assert!(en.starts_with("content/a.md:2:11: error: line 2, column 11: a `#` after a space starts a comment; the rest of the line would be dropped, leaving “关于”"), "{en}");
    // A comment written as such (`# ` with a space) is a warning: the page builds.
    let (zh, _) = page_diags("title: 甲\ncost: 免费 # 已核对\n");
    assert!(
        zh.starts_with(
            "content/a.md:3:10: 提醒：第 3 行第 10 列的“# ”和它后面的字是注释，不会显示在网站上"
        ),
        "{zh}"
    );
    // In quotes the whole value is kept, without a word.
    let (zh, _) = page_diags("title: \"关于 #12345 热线\"\n");
    assert_eq!(zh, "");
}

#[test]
fn invisible_characters_pasted_from_wechat_and_word_are_named() {
    let (zh, _) = page_diags("title:\u{a0}甲\n");
    assert_eq!(
        zh,
        "content/a.md:2:7: 错误：第 2 行第 7 列，冒号后面是一个特殊空格（不间断空格 U+00A0），看起来是空格，程序却不认\n 2 | title:\u{a0}甲\n   |       ^\n  = 怎么改：删掉它，在英文输入法下重新打一个普通空格（不需要空格的地方就什么都不打）；找不到它就把这一行删掉重打\n"
    );
    // One message at the character, not "no title" and an unknown "​title".
    let (zh, _) = page_diags("\u{200b}title: 甲\n");
    assert_eq!(zh.matches("错误：").count(), 1, "{zh}");
    assert!(
        zh.starts_with(
            "content/a.md:2:1: 错误：第 2 行第 1 列有一个看不见的字符（零宽空格 U+200B）"
        ),
        "{zh}"
    );
    let (zh, _) = page_diags("title: 甲\ndomains:\n\u{a0} - 老有所养\n");
    assert!(
        zh.starts_with(
            "content/a.md:4:1: 错误：第 4 行第 1 列有一个看不见的字符（不间断空格 U+00A0）"
        ),
        "{zh}"
    );
    let (zh, _) = page_diags("title: 甲\nsummary: 第一行\u{b}第二行\n");
    assert!(zh.starts_with("content/a.md:3:13: 错误：第 3 行第 13 列有一个看不见的字符（Word 里的手动换行 U+000B）"), "{zh}");
}
