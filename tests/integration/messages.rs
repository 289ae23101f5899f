//! The language of messages: chosen by `--lang`, then `MINSHENG_LANG`, then the
//! site's `language`, Chinese by default; both languages pinned for the lines
//! every editor meets (a build that fails, the check summary).

use crate::support::{run_bin_env, SiteTest};

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
