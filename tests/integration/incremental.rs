//! A session's incremental rebuilds write exactly what a full build writes, after
//! every kind of change, while rendering only what the change reached.

use std::path::{Path, PathBuf};

use minsheng::cmd::build::build_in_memory;
use minsheng::session::{Session, SiteFiles};

use crate::support::repo_root;

/// A copy of the example site (content, theme, settings) to edit.
fn example_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for top in ["content", "themes"] {
        for e in walkdir::WalkDir::new(repo_root().join(top))
            .into_iter()
            .filter_map(Result::ok)
        {
            let rel = e.path().strip_prefix(repo_root()).unwrap();
            let to = dir.path().join(rel);
            if e.file_type().is_dir() {
                std::fs::create_dir_all(&to).unwrap();
            } else {
                std::fs::copy(e.path(), &to).unwrap();
            }
        }
    }
    std::fs::copy(repo_root().join("site.toml"), dir.path().join("site.toml")).unwrap();
    dir
}

fn full(root: &Path) -> SiteFiles {
    let b = build_in_memory(root, None, false).unwrap();
    b.files
        .expect("the full build must succeed")
        .into_iter()
        .map(|f| (f.path, f.bytes))
        .collect()
}

fn assert_same(session: &Session, root: &Path, step: &str) {
    let inc = session.good().unwrap();
    let fresh = full(root);
    let only_inc: Vec<_> = inc.keys().filter(|k| !fresh.contains_key(*k)).collect();
    let only_full: Vec<_> = fresh.keys().filter(|k| !inc.contains_key(*k)).collect();
    assert!(
        only_inc.is_empty() && only_full.is_empty(),
        "{step}: files differ: only incremental {only_inc:?}, only full {only_full:?}"
    );
    let differ: Vec<_> = fresh
        .iter()
        .filter(|(k, v)| inc[*k] != **v)
        .map(|(k, _)| k)
        .collect();
    assert!(differ.is_empty(), "{step}: stale outputs {differ:?}");
}

fn write(root: &Path, rel: &str, text: &str) -> PathBuf {
    let p = root.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(&p, text).unwrap();
    p
}

fn edit(root: &Path, rel: &str, from: &str, to: &str) -> PathBuf {
    let p = root.join(rel);
    let text = std::fs::read_to_string(&p).unwrap();
    assert!(text.contains(from), "{rel} lacks {from}");
    std::fs::write(&p, text.replacen(from, to, 1)).unwrap();
    p
}

#[test]
fn incremental_builds_equal_full_builds() {
    let dir = example_copy();
    let root = dir.path();
    let mut s = Session::new(root, None, false);
    let first = s.rebuild_all().unwrap();
    assert_eq!(first.error_count(), 0);
    assert_same(&s, root, "first build");

    // A body edit re-renders that page alone.
    let p = edit(
        root,
        "content/reports/2023-03-16-consultation.md",
        "民生无小事",
        "民生无小事(编者按:测试)",
    );
    let o = s.apply(&[p]).unwrap();
    assert_eq!(
        o.rendered, 1,
        "a body edit re-renders one page, not {}",
        o.rendered
    );
    // The search index holds every page's full text, so it follows the edit.
    assert_eq!(
        o.changed,
        ["reports/consultation/index.html", "search.json"]
    );
    assert_same(&s, root, "body edit");

    // A title shows in listings, neighbours and the home page.
    let p = edit(
        root,
        "content/services/rural-bus.md",
        "title: 镇村公交:从村里坐公交到县城",
        "title: 坐公交到县城",
    );
    let o = s.apply(&[p]).unwrap();
    assert!(
        o.changed.contains(&"services/index.html".to_string())
            && o.changed
                .contains(&"indicators/bus-coverage/index.html".to_string()),
        "{:?}",
        o.changed
    );
    assert_same(&s, root, "title edit");

    // New page, then a deletion, then a save by rename (delete + create).
    let p = write(
        root,
        "content/services/new-guide.md",
        "---\ntitle: 新指南\ndomains: [劳有所得]\naudiences: [求职者]\nevents: [找工作、失业了]\nweight: 5\nwhat_you_get: 就业帮扶\nwho_can_apply: [失业人员]\nhow_to_apply: [去人社部门登记]\nwhere: {office: 人社部门}\n---\n正文。\n",
    );
    s.apply(&[p]).unwrap();
    assert_same(&s, root, "page added");
    let p = root.join("content/services/inclusive-childcare.md");
    std::fs::remove_file(&p).unwrap();
    let o = s.apply(&[p]).unwrap();
    assert!(o
        .changed
        .contains(&"services/inclusive-childcare/index.html".to_string()));
    assert_same(&s, root, "page removed");
    let from = root.join("content/services/new-guide.md");
    let to = root.join("content/services/renamed-guide.md");
    std::fs::rename(&from, &to).unwrap();
    s.apply(&[from, to]).unwrap();
    assert_same(&s, root, "page renamed");

    // Indicator data, section text, a template, static files.
    let p = edit(
        root,
        "content/indicators/elderly-health-checks.yaml",
        "2022: 34.1",
        "2022: 35.0",
    );
    s.apply(&[p]).unwrap();
    assert_same(&s, root, "indicator edit");
    let p = edit(
        root,
        "content/services/_index.md",
        "办理前请先打电话问清楚",
        "办理前请先打电话问明白",
    );
    s.apply(&[p]).unwrap();
    assert_same(&s, root, "section edit");
    let p = edit(
        root,
        "themes/default/templates/page.html",
        "<h1>{{ page.title }}</h1>",
        "<h1 class=\"t\">{{ page.title }}</h1>",
    );
    let o = s.apply(&[p]).unwrap();
    assert!(o.rendered > 10);
    assert_same(&s, root, "template edit");
    let p = write(root, "static/extra.txt", "hello");
    s.apply(&[p]).unwrap();
    assert_same(&s, root, "static added");

    // A whole folder added, then removed.
    write(root, "content/news/_index.md", "---\ntitle: 新闻\n---\n");
    write(
        root,
        "content/news/a.md",
        "---\ntitle: 甲\ndate: 2024-01-02\n---\n见[指南](../services/renamed-guide.md)。\n",
    );
    s.apply(&[root.join("content/news")]).unwrap();
    assert_same(&s, root, "folder added");
    std::fs::remove_dir_all(root.join("content/news")).unwrap();
    s.apply(&[root.join("content/news")]).unwrap();
    assert_same(&s, root, "folder removed");

    // A broken file keeps the last good build; fixing it builds again.
    let before = s.good().unwrap();
    let p = write(
        root,
        "content/reports/broken.md",
        "---\ntitle: [oops\n---\n",
    );
    let o = s.apply(std::slice::from_ref(&p)).unwrap();
    assert!(o.files.is_none() && o.error_count() == 1);
    assert!(std::sync::Arc::ptr_eq(&before, &s.good().unwrap()));
    write(
        root,
        "content/reports/broken.md",
        "---\ntitle: 修好了\n---\n",
    );
    s.apply(&[p]).unwrap();
    assert_same(&s, root, "error fixed");

    // Settings: the menu is on every page.
    let p = edit(root, "site.toml", "name = \"关于本站\"", "name = \"关于\"");
    let o = s.apply(&[p]).unwrap();
    assert!(o.changed.len() > 30);
    assert_same(&s, root, "settings edit");
}
