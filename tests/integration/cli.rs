//! The binary: exit statuses and what it prints.

use crate::support::SiteTest;

fn minsheng(args: &[&str]) -> (i32, String) {
    let (code, _, err) = crate::support::run_bin(args);
    (code, err)
}

#[test]
fn build_succeeds_with_status_0() {
    let site = SiteTest::new().file("content/a.md", "---\ntitle: 甲\n---\n");
    let root = site.root().to_str().unwrap();
    let (code, err) = minsheng(&["build", "--root", root]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("built ") && err.contains(" files into "),
        "{err}"
    );
    assert!(site.root().join("public/a/index.html").exists());
}

/// The previous site a build replaced is removed by a process the build
/// starts and does not wait for: soon after, nothing is left beside the output
/// but the output, whole. Leftovers of earlier builds (the old name, and a
/// numbered one whose process is gone) are removed by the next build.
#[test]
fn the_previous_site_is_removed_after_the_build() {
    let site = SiteTest::new()
        .file("content/a.md", "---\ntitle: 甲\n---\n正文。\n")
        .file("content/b.md", "---\ntitle: 乙\n---\n正文。\n");
    let root = site.root().to_str().unwrap();
    let beside = || minsheng_folders(site.root());
    let settled = || {
        wait_for(|| beside().is_empty());
        beside()
    };
    assert_eq!(minsheng(&["build", "--root", root]).0, 0);
    // Leftovers as earlier builds (or a stopped removal) leave them.
    for name in [".public.minsheng-old", ".public.minsheng-old-4194999"] {
        let old = site.root().join(name);
        std::fs::create_dir_all(old.join("a")).unwrap();
        std::fs::write(old.join("a/index.html"), "旧").unwrap();
        std::fs::write(old.join(minsheng::output::MARKER), "").unwrap();
    }
    // Named like leftovers but not one (no output marker): an editor's own.
    let kept = site.root().join(".public.minsheng-staging-notes");
    let backup = site.root().join(".public.minsheng-old-2024");
    for dir in [&kept, &backup] {
        std::fs::create_dir(dir).unwrap();
        std::fs::write(dir.join("notes.txt"), "mine").unwrap();
    }
    let (code, err) = minsheng(&["build", "--root", root]);
    assert_eq!(code, 0, "{err}");
    let public = site.root().join("public");
    assert!(public.join(minsheng::output::MARKER).is_file());
    assert!(public.join("a/index.html").is_file() && public.join("b/index.html").is_file());
    // Only the two leftovers and the one just left go.
    wait_for(|| beside().len() <= 2);
    assert_eq!(
        beside(),
        [
            ".public.minsheng-old-2024",
            ".public.minsheng-staging-notes"
        ]
    );
    for dir in [&kept, &backup] {
        assert!(dir.join("notes.txt").is_file());
        std::fs::remove_dir_all(dir).unwrap();
    }
    assert_eq!(settled(), Vec::<String>::new());
    // A build that replaces a site removes it too.
    assert_eq!(minsheng(&["build", "--root", root]).0, 0);
    assert_eq!(settled(), Vec::<String>::new());
    assert!(public.join("b/index.html").is_file());
}

/// A folder minsheng did not write, replaced with `--force`, is marked as a
/// leftover and removed like one.
#[test]
fn a_folder_replaced_with_force_is_removed_after_the_build() {
    let site = SiteTest::new().file("content/a.md", "---\ntitle: 甲\n---\n正文。\n");
    let public = site.root().join("public");
    std::fs::create_dir_all(&public).unwrap();
    std::fs::write(public.join("old.txt"), "旧").unwrap();
    let root = site.root().to_str().unwrap();
    let (code, err) = minsheng(&["build", "--root", root, "--force"]);
    assert_eq!(code, 0, "{err}");
    assert!(public.join("a/index.html").is_file() && !public.join("old.txt").exists());
    wait_for(|| minsheng_folders(site.root()).is_empty());
    assert_eq!(minsheng_folders(site.root()), Vec::<String>::new());
}

/// The names in `dir` that minsheng gives its folders beside an output
/// (`.public.minsheng-…`), sorted.
fn minsheng_folders(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("minsheng-"))
        .collect();
    names.sort();
    names
}

/// Waits until `done` (at most 20 s): for the process a build starts to
/// remove the site it replaced.
fn wait_for(done: impl Fn() -> bool) {
    let start = std::time::Instant::now();
    while !done() && start.elapsed() < std::time::Duration::from_secs(20) {
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
}

/// The hidden command removes only a build's leftover: a folder named so,
/// holding the output marker, not a link, not any other folder.
#[cfg(unix)]
#[test]
fn only_a_leftover_is_removed_by_the_hidden_command() {
    let t = tempfile::tempdir().unwrap();
    let make = |name: &str, marker: bool| {
        let dir = t.path().join(name);
        std::fs::create_dir_all(dir.join("a")).unwrap();
        std::fs::write(dir.join("a/index.html"), "页").unwrap();
        if marker {
            std::fs::write(dir.join(minsheng::output::MARKER), "").unwrap();
        }
        dir
    };
    let output = make("public", true);
    let unmarked = make(".public.minsheng-old-7", false);
    let misnamed = make(".public.minsheng-old-7x", true);
    let linked = t.path().join(".public.minsheng-old-8");
    std::os::unix::fs::symlink(&output, &linked).unwrap();
    for path in [&output, &unmarked, &misnamed, &linked] {
        let (code, _, _) = crate::support::run_bin(&["remove-leftover", path.to_str().unwrap()]);
        assert_eq!(code, 0);
    }
    for kept in [&output, &unmarked, &misnamed] {
        assert!(kept.join("a/index.html").is_file(), "{}", kept.display());
    }
    assert!(std::fs::symlink_metadata(&linked).is_ok());
    let old = make(".public.minsheng-old-9", true);
    assert_eq!(
        crate::support::run_bin(&["remove-leftover", old.to_str().unwrap()]).0,
        0
    );
    assert!(!old.exists());
    assert!(output.join("a/index.html").is_file());
}

#[test]
fn site_errors_give_status_1_and_located_messages() {
    let site = SiteTest::new().file("content/a.md", "---\ntitle: 甲\ndraft: no\n---\n");
    let (code, err) = minsheng(&["build", "--root", site.root().to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(err.starts_with("content/a.md:3:8: error: "), "{err}");
    assert!(
        err.ends_with("error: the site has 1 error; nothing was written\n"),
        "{err}"
    );
    assert!(!site.root().join("public").exists());
}

#[test]
fn bad_usage_gives_status_2() {
    assert_eq!(minsheng(&["build", "--no-such-flag"]).0, 2);
    assert_eq!(minsheng(&["frobnicate"]).0, 2);
    let dir = tempfile::tempdir().unwrap();
    let (code, err) = minsheng(&["build", "--root", dir.path().to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(err.contains("no site.toml in"), "{err}");
}

#[test]
fn base_url_flag_overrides_site_toml() {
    let site = SiteTest::new()
        .file("site.toml", "title = \"t\"\n")
        .file("content/a.md", "---\ntitle: 甲\ndate: 2024-01-01\n---\n");
    let root = site.root().to_str().unwrap();
    let (code, err) = minsheng(&[
        "build",
        "--root",
        root,
        "--base-url",
        "https://x.example/sub",
        "--output",
        "out",
    ]);
    assert_eq!(code, 0, "{err}");
    let sitemap = std::fs::read_to_string(site.root().join("out/sitemap.xml")).unwrap();
    assert!(sitemap.contains("<loc>https://x.example/sub/a/</loc>"));
}

#[test]
fn help_and_usage_errors_speak_chinese_to_a_chinese_site() {
    let zh = [("MINSHENG_LANG", "zh")];
    let (code, out, _) = crate::support::run_bin_env(&zh, &["build", "--help"]);
    assert_eq!(code, 0);
    assert!(out.contains("用法：minsheng build [OPTIONS]"), "{out}");
    assert!(
        out.contains(
            "--future               把日期在今天以后的页面也生成出来（平时到了日期才发布）"
        ),
        "{out}"
    );
    assert!(
        out.contains("-h, --help                 显示这段说明"),
        "{out}"
    );
    let (code, _, err) = crate::support::run_bin_env(&zh, &["biuld"]);
    assert_eq!(code, 2);
    assert_eq!(
        err,
        "错误：没有“biuld”这个命令。是不是想写 build？可以用的命令：build（生成网站）、serve（边改边看）、check（检查）、new（新建网站）。\n运行 minsheng --help 查看用法。\n"
    );
    let (code, _, err) = crate::support::run_bin_env(&zh, &["build", "--ouput", "x"]);
    assert_eq!(code, 2);
    assert!(
        err.starts_with("错误：不认识“--ouput”这个写法。是不是想写 --output？"),
        "{err}"
    );
    // --lang wins over the environment, as for every other message.
    let (_, out, _) = crate::support::run_bin_env(&zh, &["--lang", "en", "build", "--help"]);
    assert!(out.contains("Usage: minsheng build [OPTIONS]"), "{out}");
}
