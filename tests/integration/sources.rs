//! "Sources are sacred": no output folder, however it is spelled, may replace or
//! move the site's own files; symlinks cannot pull files from outside the site into
//! a build or an error message; oversized files are refused before being read.

use std::path::{Path, PathBuf};

use crate::support::{read_tree, render, run_bin, SiteTest};
use minsheng::cmd::build::{run, BuildOptions};
use minsheng::output::MARKER;

#[cfg(unix)]
use std::os::unix::fs::symlink;

const PAGE: &str = "---\ntitle: 甲\n---\n正文\n";

fn small_site() -> SiteTest {
    SiteTest::new()
        .file("content/_index.md", "---\ntitle: 首页\n---\n欢迎。\n")
        .file("content/reports/_index.md", "---\ntitle: 民生报告\n---\n")
        .file("content/reports/a.md", PAGE)
}

fn opts(root: &Path, output: impl Into<PathBuf>) -> BuildOptions {
    let mut o = BuildOptions::new(root);
    o.output = output.into();
    o
}

/// Options with `--force`: source folders must stay safe even then.
fn forced(root: &Path, output: impl Into<PathBuf>) -> BuildOptions {
    BuildOptions {
        force: true,
        ..opts(root, output)
    }
}

fn assert_refused_as_source(e: &minsheng::error::Error, what: &str) {
    let msg = e.to_string();
    assert!(
        msg.starts_with("refusing to build into") && msg.contains("site's own files"),
        "{what}: {msg}"
    );
}

/// Defect 1: `content/` is a symlink to X; `--output X` must not replace the
/// Markdown files in X.
#[cfg(unix)]
#[test]
fn output_naming_the_target_of_a_symlinked_content_folder_is_refused() {
    let data = tempfile::tempdir().unwrap();
    let x = data.path().join("articles");
    std::fs::create_dir_all(x.join("reports")).unwrap();
    std::fs::write(x.join("_index.md"), "---\ntitle: 首页\n---\n").unwrap();
    std::fs::write(x.join("reports/a.md"), PAGE).unwrap();
    let site = SiteTest::new();
    symlink(&x, site.root().join("content")).unwrap();
    let before = read_tree(&x);
    for out in [x.clone(), x.join("reports"), data.path().to_path_buf()] {
        let e = run(&forced(site.root(), &out)).unwrap_err();
        assert_refused_as_source(&e, &out.display().to_string());
    }
    assert_eq!(read_tree(&x), before, "the Markdown files were replaced");
}

/// Defect 2: a symlink followed by `..` lands in a source folder that a lexical
/// check does not see; the swap must not move that folder.
#[cfg(unix)]
#[test]
fn symlink_then_dotdot_cannot_reach_a_source_folder() {
    let site = small_site()
        .file("content/reports/b/c.md", PAGE)
        .file("sub/keep.txt", "");
    symlink(
        site.root().join("content/reports/b"),
        site.root().join("sub/deep"),
    )
    .unwrap();
    let before = read_tree(&site.root().join("content"));
    // On disk `sub/deep/..` is content/reports; written out lexically it is `sub`.
    for out in [
        "sub/deep/../../reports",
        "sub/deep/..",
        "sub/deep/../x",
        "sub/deep",
        "sub/deep/../../../content",
    ] {
        let e = run(&forced(site.root(), out)).unwrap_err();
        assert_refused_as_source(&e, out);
    }
    assert_eq!(read_tree(&site.root().join("content")), before);
    let hidden: Vec<_> = walkdir::WalkDir::new(site.root())
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().contains(".minsheng-"))
        .map(|e| e.path().to_path_buf())
        .collect();
    assert!(hidden.is_empty(), "left behind: {hidden:?}");
    // And the next build still works.
    assert!(run(&opts(site.root(), "public")).unwrap().files.is_some());
}

/// Defect 4: a reader never finds the output missing while builds replace it.
#[cfg(target_os = "linux")]
#[test]
fn output_never_disappears_during_a_rebuild() {
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
    use std::sync::Arc;
    let site = small_site();
    let o = opts(site.root(), "public");
    assert!(run(&o).unwrap().files.is_some());
    let index = site.root().join("public/index.html");
    let done = Arc::new(AtomicBool::new(false));
    let missing = Arc::new(AtomicUsize::new(0));
    let reader = {
        let (done, missing, index) = (done.clone(), missing.clone(), index.clone());
        std::thread::spawn(move || {
            let mut polls = 0usize;
            while !done.load(Ordering::Relaxed) {
                if std::fs::metadata(&index).is_err() {
                    missing.fetch_add(1, Ordering::Relaxed);
                }
                polls += 1;
            }
            polls
        })
    };
    for _ in 0..25 {
        assert!(run(&o).unwrap().files.is_some());
    }
    done.store(true, Ordering::Relaxed);
    let polls = reader.join().unwrap();
    assert!(polls > 0);
    assert_eq!(
        missing.load(Ordering::Relaxed),
        0,
        "index.html was missing during a swap ({polls} polls)"
    );
}

/// Defects 3 and 7: an unrelated non-empty folder is not wiped.
#[test]
fn unrelated_non_empty_output_folder_is_not_replaced() {
    let site = small_site();
    let elsewhere = tempfile::tempdir().unwrap();
    let target = elsewhere.path().join("photos");
    std::fs::create_dir_all(&target).unwrap();
    std::fs::write(target.join("holiday.jpg"), b"not really a jpeg").unwrap();
    let root = site.root().to_str().unwrap();
    let (code, _, err) = run_bin(&["build", "--root", root, "-o", target.to_str().unwrap()]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("was not written by minsheng") && err.contains("--force"),
        "{err}"
    );
    assert!(target.join("holiday.jpg").exists());
    assert!(!target.join("index.html").exists());
    let out = target.to_str().unwrap();
    let (code, _, err) = run_bin(&["build", "--root", root, "-o", out, "--force"]);
    assert_eq!(code, 0, "{err}");
    assert!(!target.join("holiday.jpg").exists());
    assert!(target.join("index.html").exists());
}

/// Defect 3: `--force` replaces a foreign folder; the marker lets later builds
/// through; an empty folder needs no marker.
#[test]
fn marker_and_force_decide_which_folders_may_be_replaced() {
    let site = small_site().file("foreign/notes.txt", "mine");
    let e = run(&opts(site.root(), "foreign")).unwrap_err();
    assert!(e.to_string().contains("--force"), "{e}");
    assert!(site.root().join("foreign/notes.txt").exists());
    assert!(run(&forced(site.root(), "foreign"))
        .unwrap()
        .files
        .is_some());
    assert!(!site.root().join("foreign/notes.txt").exists());
    assert!(site.root().join("foreign").join(MARKER).is_file());
    assert!(run(&opts(site.root(), "foreign")).unwrap().files.is_some());

    std::fs::create_dir_all(site.root().join("empty")).unwrap();
    assert!(run(&opts(site.root(), "empty")).unwrap().files.is_some());
    assert!(site.root().join("empty/index.html").is_file());
}

/// Defect 5: symlinks that leave the site are skipped with a warning naming
/// them, and nothing of the file they point to is read or shown.
#[cfg(unix)]
#[test]
fn symlinks_out_of_the_site_are_skipped_and_never_read() {
    let outside = tempfile::tempdir().unwrap();
    let o = outside.path();
    std::fs::write(o.join("secret.md"), "---\ntitle: [SECRET-TOKEN\n---\n").unwrap();
    std::fs::create_dir_all(o.join("dir")).unwrap();
    std::fs::write(o.join("dir/page.md"), "---\ntitle: SECRET-DIR\n---\n").unwrap();
    std::fs::write(o.join("leak.css"), "SECRET-STATIC").unwrap();
    std::fs::write(o.join("page.html"), "SECRET-TEMPLATE").unwrap();
    let site = small_site().file("shared/inside.md", "---\ntitle: 共享\n---\n");
    let r = site.root();
    symlink(o.join("secret.md"), r.join("content/reports/evil.md")).unwrap();
    symlink(o.join("dir"), r.join("content/ext")).unwrap();
    std::fs::create_dir_all(r.join("static")).unwrap();
    std::fs::create_dir_all(r.join("templates")).unwrap();
    symlink(o.join("leak.css"), r.join("static/leak.css")).unwrap();
    symlink(o.join("page.html"), r.join("templates/page.html")).unwrap();
    symlink(o.join("missing.md"), r.join("content/reports/gone.md")).unwrap();
    // A symlink that stays inside the site is followed.
    symlink(
        r.join("shared/inside.md"),
        r.join("content/reports/alias.md"),
    )
    .unwrap();

    let built = site.build();
    let text = render(&built.diagnostics);
    assert!(!text.contains("SECRET"), "{text}");
    for name in [
        "content/reports/evil.md",
        "content/ext",
        "static/leak.css",
        "templates/page.html",
    ] {
        assert!(
            text.contains(&format!("{name}: warning: skipped: it is a link to")),
            "{name} not named:\n{text}"
        );
    }
    let files = built
        .files
        .expect("the site builds without the skipped files");
    assert!(files.iter().any(|f| f.path == "reports/alias/index.html"));
    for f in &files {
        let body = String::from_utf8_lossy(&f.bytes);
        assert!(!body.contains("SECRET"), "{} leaks", f.path);
    }
}

/// Defect 5, while serving: a link added later is judged by the same rule.
#[cfg(unix)]
#[test]
fn links_out_of_the_site_added_during_serve_are_skipped() {
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("secret.md");
    std::fs::write(&secret, "---\ntitle: [SECRET-TOKEN\n---\n").unwrap();
    let site = small_site();
    let mut session = minsheng::session::Session::new(site.root(), None, false);
    assert!(session.rebuild_all().unwrap().files.is_some());
    let link = site.root().join("content/reports/evil.md");
    symlink(&secret, &link).unwrap();
    let outcome = session.apply(&[link]).unwrap();
    let text = render(&outcome.diagnostics);
    assert!(!text.contains("SECRET"), "{text}");
    assert!(
        text.contains("content/reports/evil.md: warning: skipped"),
        "{text}"
    );
    assert!(outcome.files.is_some());
}

/// Defects 1 and 5: what a link inside the sources leads to is a source too.
#[cfg(unix)]
#[test]
fn output_cannot_be_where_a_followed_link_leads() {
    let site = small_site().file("shared/data/b.md", PAGE);
    symlink(
        site.root().join("shared/data"),
        site.root().join("content/data"),
    )
    .unwrap();
    let before = read_tree(&site.root().join("shared"));
    for out in ["shared", "shared/data", "shared/data/x"] {
        let e = run(&forced(site.root(), out)).unwrap_err();
        assert_refused_as_source(&e, out);
    }
    assert_eq!(read_tree(&site.root().join("shared")), before);
    let built = run(&opts(site.root(), "public")).unwrap();
    assert!(built
        .files
        .unwrap()
        .iter()
        .any(|f| f.path == "data/b/index.html"));
}

/// Defect 6: the theme is a plain folder name inside themes/.
#[test]
fn theme_must_be_a_folder_inside_themes() {
    for theme in ["../evil", "../../evil", "/tmp", "a/b", "a\\b", "..", "."] {
        let site = small_site().file("evil/templates/page.html", "EVIL").file(
            "site.toml",
            &format!("title = \"t\"\ntheme = {theme:?}\nbase_url = \"https://example.org/\"\n"),
        );
        let err = site.build_err();
        assert!(
            err.starts_with(&format!(
                "site.toml:2:9: error: theme `{theme}` is not a theme name"
            )),
            "{theme}: {err}"
        );
        assert!(err.contains("themes/"), "{err}");
    }
}

/// Defect 6: a theme folder that is a symlink leaving themes/ is refused.
#[cfg(unix)]
#[test]
fn theme_symlinked_out_of_themes_is_refused() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(outside.path().join("templates")).unwrap();
    std::fs::write(outside.path().join("templates/page.html"), "SECRET").unwrap();
    let site = small_site().file(
        "site.toml",
        "title = \"t\"\ntheme = \"t\"\nbase_url = \"https://example.org/\"\n",
    );
    std::fs::create_dir_all(site.root().join("themes")).unwrap();
    symlink(outside.path(), site.root().join("themes/t")).unwrap();
    let err = site.build_err();
    assert!(
        err.starts_with("site.toml:2:9: error: theme `t` is not inside themes/"),
        "{err}"
    );
    assert!(!err.contains("SECRET"));
}

/// Defect 8: oversized text sources are refused with the limit and what to do.
#[test]
fn oversized_text_source_is_refused() {
    let big = vec![b'a'; 8 * 1024 * 1024 + 1];
    let mut page = b"---\ntitle: big\n---\n".to_vec();
    page.extend_from_slice(&big);
    let site = small_site().bytes("content/reports/big.md", &page);
    let err = site.build_err();
    assert!(
        err.contains("content/reports/big.md: error: the file is larger than 8 MiB, the most minsheng reads for a Markdown, YAML, CSV or template file\n  = hint: split it"),
        "{err}"
    );
    assert!(err.contains("hint: "), "{err}");
}

/// Defect 8: static files have their own, larger limit; checked without reading.
#[test]
fn oversized_static_file_is_refused() {
    let site = small_site();
    std::fs::create_dir_all(site.root().join("static")).unwrap();
    let f = std::fs::File::create(site.root().join("static/huge.bin")).unwrap();
    f.set_len(100 * 1024 * 1024 + 1).unwrap(); // sparse: nothing is really written
    let err = site.build_err();
    assert!(
        err.contains("static/huge.bin: error: the file is larger than 100 MiB"),
        "{err}"
    );
}

/// Defect 8: site.toml over 1 MiB is refused.
#[test]
fn oversized_site_toml_is_refused() {
    let mut text = String::from("title = \"t\"\n");
    text.push_str(&"# padding\n".repeat(110_000));
    let site = small_site().file("site.toml", &text);
    let root = site.root().to_str().unwrap();
    let (code, _, err) = run_bin(&["build", "--root", root]);
    assert_ne!(code, 0, "{err}");
    assert!(
        err.contains("site.toml: error: the file is larger than 1 MiB"),
        "{err}"
    );
    assert!(!site.root().join("public").exists());
}

/// A site whose `content/` lives elsewhere, with links around it:
/// `T/n1/n2/n3/n4/{site,data}` so that four `..` never leave the temporary folder.
#[cfg(unix)]
fn linked_site() -> (tempfile::TempDir, PathBuf) {
    let t = tempfile::tempdir().unwrap();
    let n4 = t.path().canonicalize().unwrap().join("n1/n2/n3/n4");
    let (root, data) = (n4.join("site"), n4.join("data/content"));
    for (rel, text) in [
        ("data/content/_index.md", "---\ntitle: 首页\n---\n"),
        ("data/content/reports/a.md", PAGE),
        ("site/site.toml", crate::support::MINIMAL_CONFIG),
        ("site/static/extra.css", "p{}"),
        ("site/sub/keep.txt", "keep"),
    ] {
        let p = n4.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
    symlink(&data, root.join("content")).unwrap();
    symlink(root.join("content"), root.join("lc")).unwrap();
    symlink(root.join("static"), root.join("ls")).unwrap();
    symlink(&n4, root.join("up")).unwrap();
    symlink(data.join("reports"), root.join("sub/deep")).unwrap();
    (t, root)
}

/// Every source file and link of [`linked_site`], to compare before and after.
#[cfg(unix)]
fn source_state(root: &Path) -> Vec<(String, Vec<u8>)> {
    let n4 = root.parent().unwrap();
    let mut state: Vec<(String, Vec<u8>)> = Vec::new();
    for dir in ["data/content", "site/static"] {
        for (rel, bytes) in read_tree(&n4.join(dir)) {
            state.push((format!("{dir}/{rel}"), bytes));
        }
    }
    state.push((
        "site.toml".into(),
        std::fs::read(root.join("site.toml")).unwrap(),
    ));
    // sub/ is no source: --force may replace it, and the link in it.
    for link in ["content", "lc", "ls", "up"] {
        let target = std::fs::read_link(root.join(link)).unwrap();
        state.push((link.into(), target.to_string_lossy().as_bytes().to_vec()));
    }
    state
}

#[cfg(unix)]
mod output_paths {
    use super::*;
    use proptest::prelude::*;

    const PARTS: &[&str] = &[
        "..", ".", "lc", "ls", "up", "sub", "deep", "content", "static", "data", "site", "themes",
        "x", "public",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(40))]

        /// Whatever `--output` says, with `--force` even, no source file is changed
        /// or moved: the build is refused or writes elsewhere.
        #[test]
        fn no_output_path_touches_the_sources(
            parts in prop::collection::vec(prop::sample::select(PARTS), 1..=4)
        ) {
            let (_t, root) = linked_site();
            let before = source_state(&root);
            let out = parts.join("/");
            let _ = run(&forced(&root, &out));
            prop_assert_eq!(source_state(&root), before, "--output {}", out);
        }
    }
}

/// A theme folder that lacks templates or static files (deleted by mistake, or
/// made for an older version) builds with the built-in ones, and says so once.
#[test]
fn files_missing_from_the_theme_folder_come_from_the_built_in_theme() {
    let page =
        "{% extends \"base.html\" %}{% block main %}<p>自己的页面模板</p>{% endblock main %}";
    let site = small_site().file("themes/default/templates/page.html", page);
    let built = site.build();
    let zh = crate::support::render_in(&built.diagnostics, minsheng::msg::Lang::Zh);
    assert!(!built.diagnostics.iter().any(|d| d.is_error()), "{zh}");
    assert_eq!(
        built.diagnostics.len(),
        1,
        "one warning, not one per file: {zh}"
    );
    assert!(
        zh.starts_with("themes/default: 提醒：主题文件夹 themes/default/ 里少了 templates/404.html、templates/base.html、templates/district.html 等 24 个文件，这些用的是程序自带的版本"),
        "{zh}"
    );
    assert!(zh.contains("minsheng new"), "{zh}");
    let out = site.build_ok();
    assert!(out.text("reports/a/index.html").contains("自己的页面模板"));
    assert!(out.has("style.css"));
    // An empty theme folder: the same one warning, and every page built.
    let empty = small_site().file("themes/default/static/.keep", "");
    let built = empty.build();
    assert!(!built.diagnostics.iter().any(|d| d.is_error()));
    assert_eq!(built.diagnostics.len(), 1);
}

/// A page whose file name starts with a dot (`.通知.md`) is a hidden file and
/// was skipped without a word, though the editor may think it published: one
/// warning names them all. Other hidden files (`.DS_Store`) stay unmentioned.
#[test]
fn hidden_pages_are_named_in_one_warning() {
    let site = small_site()
        .file("content/.hidden.md", PAGE)
        .file("content/reports/.草稿.md", PAGE)
        .file("content/reports/.DS_Store", "x");
    let built = site.build();
    let shown = crate::support::render_in(&built.diagnostics, minsheng::msg::Lang::Zh);
    assert!(
        shown.contains("content/.hidden.md: 提醒：有 2 个页面的文件名以“.”开头，被当成隐藏文件跳过了，不会发布：content/.hidden.md、content/reports/.草稿.md\n"),
        "{shown}"
    );
    assert_eq!(shown.matches("隐藏文件").count(), 1, "{shown}");
    assert!(!shown.contains("DS_Store"), "{shown}");
    assert!(built
        .files
        .is_some_and(|f| !f.iter().any(|o| o.path.contains("hidden"))));
}
