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

/// A body edit re-renders that page alone, and the search index (which holds
/// every page's full text) follows it.
fn body_edit(s: &mut Session, root: &Path) {
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
    assert_eq!(
        o.changed,
        ["reports/consultation/index.html", "search.json"]
    );
    assert_same(s, root, "body edit");
}

#[test]
fn incremental_builds_equal_full_builds() {
    let dir = example_copy();
    let root = dir.path();
    let mut s = Session::new(root, None, false);
    let first = s.rebuild_all().unwrap();
    assert_eq!(first.error_count(), 0);
    assert_same(&s, root, "first build");

    body_edit(&mut s, root);

    // A title shows in listings, neighbours and the home page.
    let p = edit(
        root,
        "content/services/rural-bus.md",
        "title: 镇村公交：从村里坐公交到县城",
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
    // Only the outputs made with page.html are made again: guides use service.html.
    assert!(o
        .changed
        .contains(&"reports/consultation/index.html".to_string()));
    assert!(
        !o.changed.iter().any(|c| c.starts_with("services/")),
        "{:?}",
        o.changed
    );
    assert_same(&s, root, "template edit");
    // Template edits of the very same site: only the outputs of the changed
    // template (with what includes it) are made, the others keep their bytes.
    let p = edit(
        root,
        "themes/default/templates/page.html",
        "<h1 class=\"t\">",
        "<h1 class=\"u\">",
    );
    let o = s.apply(&[p]).unwrap();
    assert!(o
        .changed
        .contains(&"reports/consultation/index.html".to_string()));
    assert!(
        !o.changed
            .iter()
            .any(|c| c.starts_with("services/") || c.starts_with("search")),
        "{:?}",
        o.changed
    );
    assert_same(&s, root, "second template edit");
    let p = edit(
        root,
        "themes/default/templates/partials/page_list.html",
        "<ul class=\"page-list\">",
        "<ul class=\"page-list list\">",
    );
    let o = s.apply(&[p]).unwrap();
    assert!(
        o.changed.contains(&"reports/index.html".to_string()),
        "{:?}",
        o.changed
    );
    assert!(
        !o.changed
            .contains(&"reports/consultation/index.html".to_string()),
        "{:?}",
        o.changed
    );
    assert_same(&s, root, "partial edit");
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

/// One rebuild that must succeed.
fn step(s: &mut Session, paths: Vec<PathBuf>) -> minsheng::session::Outcome {
    let o = s.apply(&paths).unwrap();
    assert_eq!(o.error_count(), 0, "{:?}", o.diagnostics);
    o
}

/// Every rebuild of this script is checked against a full build by the session
/// itself (proof mode panics on any difference): settings, glossary, a template
/// that calls a template function, indicator CSV, static files, sections deleted
/// and renamed, and the two edits that once left stale pages.
#[test]
fn proof_mode_edit_script() {
    let dir = example_copy();
    let root = dir.path();
    let mut s = Session::new(root, None, false).with_proof(minsheng::session::Proof::Panic);
    assert_eq!(s.rebuild_all().unwrap().error_count(), 0);

    // (a) A life event's description in site.toml: the finder showed the old text.
    let p = write(
        root,
        "site.toml",
        &(std::fs::read_to_string(root.join("site.toml")).unwrap()
            + "\n[[events]]\nslug = \"baby\"\nname = \"家里添了宝宝\"\ndescription = \"第一版说明\"\n\n[[events]]\nslug = \"school\"\nname = \"孩子上学\"\ndescription = \"入园、上学、升学\"\n\n[[events]]\nslug = \"job\"\nname = \"找工作、失业了\"\ndescription = \"求职、培训、失业登记\"\n\n[[events]]\nslug = \"getting-older\"\nname = \"年纪大了\"\ndescription = \"体检、养老、照护\"\n\n[[events]]\nslug = \"care\"\nname = \"家人需要照护\"\ndescription = \"生病、残疾、需要有人照顾\"\n\n[[events]]\nslug = \"home\"\nname = \"住房和出行\"\ndescription = \"租房、买房、坐公交\"\n"),
    );
    step(&mut s, vec![p]);
    let p = edit(root, "site.toml", "第一版说明", "第二版说明");
    step(&mut s, vec![p]);
    assert!(
        String::from_utf8_lossy(&s.good().unwrap()["services/index.html"]).contains("第二版说明")
    );

    // (b) A site template calling indicator_chart(), then the indicator's data.
    let p = write(
        root,
        "templates/about.html",
        "{% extends \"page.html\" %}{% block main %}{{ super() }}{{ indicator_chart(id=\"elderly-health-checks\") }}{% endblock main %}",
    );
    let q = edit(
        root,
        "content/about.md",
        "title:",
        "template: about.html\ntitle:",
    );
    step(&mut s, vec![p, q]);
    let p = edit(
        root,
        "content/indicators/elderly-health-checks.yaml",
        "2022: 34.1",
        "2022: 35.2",
    );
    step(&mut s, vec![p]);
    assert!(String::from_utf8_lossy(&s.good().unwrap()["about/index.html"]).contains("35.2"));

    // Settings: menu, audiences, districts, contact.
    step(
        &mut s,
        vec![edit(
            root,
            "site.toml",
            "name = \"关于本站\"",
            "name = \"关于\"",
        )],
    );
    step(
        &mut s,
        vec![edit(
            root,
            "site.toml",
            "hotline = \"12345\"",
            "hotline = \"0511-12345\"",
        )],
    );
    step(
        &mut s,
        vec![edit(
            root,
            "site.toml",
            "\"扬中市\"]",
            "\"扬中市\", \"高新区\"]",
        )],
    );
    step(&mut s, vec![write(
        root,
        "site.toml",
        &(std::fs::read_to_string(root.join("site.toml")).unwrap()
            + "\n[[audiences]]\nslug = \"older-people\"\nname = \"老年人\"\ndescription = \"65岁及以上的老年人和他们的家人\"\n\n[[audiences]]\nslug = \"children-families\"\nname = \"儿童和家庭\"\ndescription = \"孕产妇、婴幼儿、中小学生和他们的家长\"\n\n[[audiences]]\nslug = \"people-with-disabilities\"\nname = \"残疾人\"\ndescription = \"持证残疾人、孤独症儿童和他们的家人\"\n\n[[audiences]]\nslug = \"job-seekers\"\nname = \"求职者\"\ndescription = \"高校毕业生、失业人员、就业困难人员\"\n\n[[audiences]]\nslug = \"veterans\"\nname = \"退役军人和军属\"\ndescription = \"退役军人、现役军人家属和优抚对象\"\n\n[[audiences]]\nslug = \"low-income\"\nname = \"困难群众\"\ndescription = \"低保、特困和低收入家庭\"\n\n[[audiences]]\nslug = \"newcomers\"\nname = \"新市民\"\ndescription = \"刚来镇江工作生活的人\"\n"),
    )]);

    // Glossary, an indicator CSV, static files.
    step(
        &mut s,
        vec![edit(
            root,
            "content/glossary.yaml",
            "白天帮忙照看3岁以下的孩子",
            "白天照看3岁以下的孩子",
        )],
    );
    let csv = std::fs::read_dir(root.join("content/indicators"))
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|e| e == "csv"))
        .expect("an indicator CSV in the example");
    let text = std::fs::read_to_string(&csv).unwrap();
    let last = text.lines().last().unwrap().to_string();
    // year,district,value,sample: a new value in the last row.
    let mut cells: Vec<&str> = last.split(',').collect();
    cells[2] = "77.7";
    let changed = cells.join(",");
    step(
        &mut s,
        vec![write(
            root,
            csv.strip_prefix(root).unwrap().to_str().unwrap(),
            &text.replace(&last, &changed),
        )],
    );
    step(&mut s, vec![write(root, "static/extra.txt", "one")]);
    step(&mut s, vec![write(root, "static/extra.txt", "two")]);
    let p = root.join("static/extra.txt");
    std::fs::remove_file(&p).unwrap();
    step(&mut s, vec![p]);

    // A linked page moves to a new address: the body that links it (its lookups,
    // not a key over every page's address) must be made again.
    let p = edit(
        root,
        "content/reports/2023-03-16-consultation.md",
        "title:",
        "slug: consultation-moved\ntitle:",
    );
    step(&mut s, vec![p]);
    assert!(
        String::from_utf8_lossy(&s.good().unwrap()["services/inclusive-childcare/index.html"])
            .contains("consultation-moved/")
    );

    // A section added, renamed, then deleted.
    write(root, "content/news/_index.md", "---\ntitle: 新闻\n---\n");
    write(
        root,
        "content/news/a.md",
        "---\ntitle: 甲\ndate: 2024-01-02\n---\n正文。\n",
    );
    step(&mut s, vec![root.join("content/news")]);
    let (from, to) = (root.join("content/news"), root.join("content/updates"));
    std::fs::rename(&from, &to).unwrap();
    step(&mut s, vec![from, to.clone()]);
    assert!(s.good().unwrap().contains_key("updates/a/index.html"));
    std::fs::remove_dir_all(&to).unwrap();
    step(&mut s, vec![to]);
    assert!(!s.good().unwrap().contains_key("updates/a/index.html"));
}

/// Deterministic Chinese-looking text: `n` characters from a pool, with full stops.
fn text(seed: u64, n: usize) -> String {
    const POOL: &str = "民生服务社区医疗养老教育就业住房交通环境文化体育卫生健康保障救助补贴申请办理窗口材料证明老人儿童家庭残疾退役困难公交地铁道路公园绿地空气水质垃圾分类图书馆博物馆学校幼儿园医院药品医保社保公积金";
    let pool: Vec<char> = POOL.chars().collect();
    let mut x = seed.wrapping_mul(6364136223846793005).wrapping_add(1);
    (0..n)
        .map(|i| {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            if i % 23 == 22 {
                '。'
            } else {
                pool[(x >> 33) as usize % pool.len()]
            }
        })
        .collect()
}

/// Adds 160 dated news pages of 700 characters each to the site at `root`:
/// enough for a sharded search index.
fn add_news(root: &Path) {
    write(root, "content/news/_index.md", "---\ntitle: 新闻\n---\n");
    for i in 0..160 {
        write(
            root,
            &format!("content/news/n{i:03}.md"),
            &format!(
                "---\ntitle: 第{i}条消息\ndate: 2024-01-{:02}\n---\n{}\n",
                i % 28 + 1,
                text(i, 700)
            ),
        );
    }
}

/// A site large enough for a sharded search index (gram and document shards),
/// edited in every way that reaches the index; proof mode compares each rebuild
/// with a full build, and a body edit writes a few shards again, not all.
#[test]
fn proof_mode_sharded_search_index() {
    let dir = example_copy();
    let root = dir.path();
    add_news(root);
    let mut s = Session::new(root, None, false).with_proof(minsheng::session::Proof::Panic);
    let first = s.rebuild_all().unwrap();
    assert_eq!(first.error_count(), 0, "{:?}", first.diagnostics);
    let shards = first
        .changed
        .iter()
        .filter(|p| p.starts_with("search/g/"))
        .count();
    assert!(shards >= 8, "{shards} gram shards");

    // A body edit: the page and the gram shards of its words.
    let p = root.join("content/news/n042.md");
    let body = std::fs::read_to_string(&p).unwrap();
    std::fs::write(&p, body + "\n新增加的一段话：敬老院。\n").unwrap();
    let o = step(&mut s, vec![p]);
    assert_eq!(o.rendered, 1);
    let grams = o
        .changed
        .iter()
        .filter(|p| p.starts_with("search/g/"))
        .count();
    assert!(
        grams > 0 && grams < shards,
        "{grams} of {shards} gram shards"
    );
    // The document shards keep the start of the text only: unchanged here.
    assert!(
        !o.changed.iter().any(|p| p.starts_with("search/d/")),
        "{:?}",
        o.changed
    );
    assert!(!o.changed.contains(&"search.json".to_string()));

    // A new article, the newest: it takes the next id, so no other document's
    // id moves. Only the last document shard (or a new one) and the gram
    // shards of its words change, not every file after it in file order.
    let o = step(
        &mut s,
        vec![write(
            root,
            "content/news/a-newest.md",
            "---\ntitle: 新消息\ndate: 2024-03-01\n---\n敬老院开放。\n",
        )],
    );
    let docs: Vec<_> = (o.changed.iter())
        .filter(|p| p.starts_with("search/d/"))
        .collect();
    assert!(docs.len() <= 2, "{docs:?}");
    let grams = (o.changed.iter())
        .filter(|p| p.starts_with("search/g/"))
        .count();
    assert!(grams < shards, "{grams} of {shards} gram shards");

    // A title, a guide's answers, a page added and one deleted, a synonym.
    step(
        &mut s,
        vec![edit(
            root,
            "content/news/n007.md",
            "title: 第7条消息",
            "title: 改过的标题",
        )],
    );
    step(
        &mut s,
        vec![edit(
            root,
            "content/services/rural-bus.md",
            "通到每个乡镇",
            "通到每一个乡镇",
        )],
    );
    step(
        &mut s,
        vec![write(
            root,
            "content/news/m.md",
            &format!("---\ntitle: 插在中间\n---\n{}\n", text(999, 300)),
        )],
    );
    let p = root.join("content/news/n100.md");
    std::fs::remove_file(&p).unwrap();
    step(&mut s, vec![p]);
    step(
        &mut s,
        vec![edit(
            root,
            "content/glossary.yaml",
            "[自闭症]",
            "[自闭症, 孤独症谱系]",
        )],
    );
}

/// A template edit reuses what the last build made besides its pages (feeds,
/// search index, the check of addresses) only when that build rendered the very
/// same site: a content edit made while a template was broken (no pages
/// rendered) must still reach the index once the template is mended.
#[test]
fn a_template_mended_after_a_content_edit_shows_the_edit_everywhere() {
    let dir = example_copy();
    let root = dir.path();
    let mut s = Session::new(root, None, false).with_proof(minsheng::session::Proof::Panic);
    assert_eq!(s.rebuild_all().unwrap().error_count(), 0);
    // A body with a warning (an indented paragraph), kept through what follows.
    write(
        root,
        "content/reports/indented.md",
        "---\ntitle: 缩进\n---\n    首行缩进的段落。\n",
    );
    step(&mut s, vec![root.join("content/reports/indented.md")]);
    let tpl = write(root, "templates/page.html", "{% if %}坏了");
    let rel = "content/reports/2023-03-16-consultation.md";
    let text = std::fs::read_to_string(root.join(rel)).unwrap();
    let page = write(root, rel, &format!("{text}\n独一无二的新摘要。\n"));
    let o = s.apply(&[tpl.clone(), page]).unwrap();
    assert!(o.error_count() > 0, "a broken template is an error");
    std::fs::remove_file(&tpl).unwrap();
    let o = step(&mut s, vec![tpl.clone()]);
    let index = String::from_utf8_lossy(&s.good().unwrap()["search.json"]).into_owned();
    assert!(index.contains("独一无二的新摘要"), "{index}");
    assert!(
        o.changed.contains(&"search.json".to_string()),
        "{:?}",
        o.changed
    );

    // A template-only edit after that: the same site, nothing besides pages made again.
    write(
        root,
        "templates/404.html",
        "{% extends \"base.html\" %}{% block main %}没有{% endblock main %}",
    );
    let o = step(&mut s, vec![root.join("templates/404.html")]);
    assert_eq!(o.changed, vec!["404.html".to_string()]);
    // Reused bodies still tell their warnings, as a full build does.
    let full = Session::new(root, None, false).rebuild_all().unwrap();
    assert!(full
        .diagnostics
        .iter()
        .any(|d| d.path.starts_with("content")));
    assert_eq!(o.diagnostics, full.diagnostics);
}

/// A page's draft is remembered between builds only while all it was checked
/// against is the same: an indicator it names that did not exist is an error,
/// and adding the indicator's file (the page untouched) mends it; renaming an
/// audience in site.toml makes the page's audience unknown again.
#[test]
fn remembered_drafts_follow_what_they_were_checked_against() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        root,
        "site.toml",
        "title = \"测试\"\n[[audiences]]\nslug = \"elderly\"\nname = \"老年人\"\n",
    );
    write(root, "content/reports/_index.md", "---\ntitle: 报告\n---\n");
    write(
        root,
        "content/reports/a.md",
        "---\ntitle: 甲\nindicators: [later]\naudiences: [老年人]\n---\n正文。\n",
    );
    let errors = |o: &minsheng::session::Outcome| -> Vec<String> {
        (o.diagnostics.iter())
            .filter(|d| d.is_error())
            .map(|d| format!("{d:?}"))
            .collect()
    };
    let mut s = Session::new(root, None, false);
    let o = s.rebuild_all().unwrap();
    assert!(
        errors(&o).iter().any(|e| e.contains("later")),
        "{:?}",
        errors(&o)
    );
    let p = write(
        root,
        "content/indicators/later.yaml",
        "title: 指标\ndomain: 老有所养\nunit: 人\nseries: {2021: 1, 2022: 2}\n",
    );
    let o = s.apply(&[p]).unwrap();
    assert!(errors(&o).is_empty(), "{:?}", errors(&o));
    assert_same(&s, root, "indicator added");
    let p = write(
        root,
        "site.toml",
        "title = \"测试\"\n[[audiences]]\nslug = \"elderly\"\nname = \"老人\"\n",
    );
    let o = s.apply(&[p]).unwrap();
    assert!(
        errors(&o).iter().any(|e| e.contains("老年人")),
        "{:?}",
        errors(&o)
    );
}

/// A template edit of the very same site reuses the last build's file list,
/// and still tells what that build told of the files it did not copy (a
/// static file at the address of a generated one), as a full build does.
#[test]
fn a_template_edit_keeps_the_warnings_of_files_not_copied() {
    let dir = example_copy();
    let root = dir.path();
    let mut s = Session::new(root, None, false).with_proof(minsheng::session::Proof::Panic);
    write(root, "static/robots.txt", "User-agent: *");
    let o = s.rebuild_all().unwrap();
    assert_eq!(o.error_count(), 0, "{:?}", o.diagnostics);
    assert!(o.diagnostics.iter().any(|d| d.path.ends_with("robots.txt")));
    for (from, to) in [
        ("<h1>", "<h1 class=\"u\">"),
        ("<h1 class=\"u\">", "<h1 class=\"v\">"),
    ] {
        let p = edit(root, "themes/default/templates/page.html", from, to);
        let o = step(&mut s, vec![p]);
        let full = Session::new(root, None, false).rebuild_all().unwrap();
        assert_eq!(o.diagnostics, full.diagnostics, "after {to}");
    }
}

/// Article pages take what their view gave last time when the key of what
/// it reads is unchanged (`Views::page_inputs`): each step changes one of
/// those inputs for pages other than the one edited (neighbours' titles and
/// order, the section's title, the site's address, a page added between two),
/// and proof mode checks every rebuild against a full build.
#[test]
fn page_views_taken_by_their_inputs_follow_each_input() {
    let dir = example_copy();
    let root = dir.path();
    for (n, day) in [(1, "01"), (2, "05"), (3, "09")] {
        write(
            root,
            &format!("content/reports/note-{n}.md"),
            &format!("---\ntitle: 第{n}篇\ndate: 2024-02-{day}\nsummary: 摘要{n}\ntemplate: note.html\n---\n正文{n}。\n"),
        );
    }
    // A section below another: the menu (in every template's key) does not
    // name it, so only the pages' own inputs tell its changes.
    write(
        root,
        "content/reports/local/_index.md",
        "---\ntitle: 区县动态\ndescription: 各区县的第一版说明\n---\n",
    );
    write(
        root,
        "content/reports/local/note-5.md",
        "---\ntitle: 第5篇\ndate: 2024-02-07\ntemplate: note.html\n---\n正文5。\n",
    );
    // Shows what the default theme does not: the section's description.
    write(
        root,
        "templates/note.html",
        "{% extends \"page.html\" %}{% block main %}{{ super() }}<p>{{ page.section.description }}</p>{% endblock main %}",
    );
    let mut s = Session::new(root, None, false).with_proof(minsheng::session::Proof::Panic);
    assert_eq!(s.rebuild_all().unwrap().error_count(), 0);
    let page = |s: &Session, n: u32| {
        String::from_utf8_lossy(&s.good().unwrap()[&format!("reports/note-{n}/index.html")])
            .into_owned()
    };

    // A neighbour's title: the pages beside it link it by its title.
    step(
        &mut s,
        vec![edit(root, "content/reports/note-2.md", "第2篇", "第二篇")],
    );
    assert!(page(&s, 1).contains("第二篇") && page(&s, 3).contains("第二篇"));
    // A neighbour's date: the order, so the neighbours, change.
    step(
        &mut s,
        vec![edit(
            root,
            "content/reports/note-3.md",
            "2024-02-09",
            "2024-01-20",
        )],
    );
    assert!(page(&s, 1).contains("第二篇") && page(&s, 3).contains("第1篇"));
    // A page added between two.
    let p = write(
        root,
        "content/reports/note-4.md",
        "---\ntitle: 第4篇\ndate: 2024-02-03\n---\n正文4。\n",
    );
    step(&mut s, vec![p]);
    assert!(page(&s, 1).contains("第4篇") && page(&s, 2).contains("第4篇"));
    // The section's title, shown by each of its pages.
    step(
        &mut s,
        vec![edit(
            root,
            "content/reports/_index.md",
            "title: 民生报告",
            "title: 民生报道",
        )],
    );
    assert!(page(&s, 1).contains("民生报道"));
    // Its description, which no listing entry holds.
    step(
        &mut s,
        vec![edit(
            root,
            "content/reports/_index.md",
            "做了什么",
            "干了什么",
        )],
    );
    assert!(page(&s, 2).contains("干了什么"));
    step(
        &mut s,
        vec![edit(
            root,
            "content/reports/local/_index.md",
            "第一版",
            "第二版",
        )],
    );
    let local = &s.good().unwrap()["reports/local/note-5/index.html"];
    assert!(String::from_utf8_lossy(local).contains("各区县的第二版说明"));
    // The site's address: each page's canonical link.
    step(
        &mut s,
        vec![edit(
            root,
            "site.toml",
            "https://minsheng.example.org/",
            "https://report.example.org/",
        )],
    );
    assert!(page(&s, 3).contains("https://report.example.org/reports/note-3/"));
    // And the one page edited, last, with nothing else changed.
    let o = step(
        &mut s,
        vec![edit(
            root,
            "content/reports/note-1.md",
            "正文1。",
            "正文一。",
        )],
    );
    assert_eq!(o.rendered, 1, "{:?}", o.changed);
    assert!(page(&s, 1).contains("正文一"));
}

/// A server's first build leaves the search index out (its pages are shown
/// sooner); `complete` then makes it, and the session ends where a full build
/// is, byte for byte, rendering no page again. Edits after that find the index
/// as after any build.
#[test]
fn the_index_left_for_later_is_made_by_the_next_build() {
    let dir = example_copy();
    let root = dir.path();
    let mut s = Session::new(root, None, false)
        .with_proof(minsheng::session::Proof::Panic)
        .with_index_later();
    let first = s.rebuild_all().unwrap();
    assert_eq!(first.error_count(), 0);
    let good = s.good().unwrap();
    assert!(!good.contains_key("search.json"), "the index waits");
    assert!(good.contains_key("index.html") && good.contains_key("atom.xml"));
    assert!(s.index_waits());
    let done = s.complete().expect("the index was waiting");
    assert_eq!(done.error_count(), 0);
    assert_eq!(done.rendered, 0, "no page is rendered again");
    assert!(
        done.changed.iter().all(|p| p.starts_with("search")),
        "{:?}",
        done.changed
    );
    assert!(done.changed.contains(&"search.json".to_string()));
    assert_same(&s, root, "index completed");
    assert!(s.complete().is_none(), "nothing waits any more");
    body_edit(&mut s, root);
}

/// The index does not wait where something of the site stands at one of its
/// addresses (a link to it, a static file there): the first build is then
/// the full build, warnings and all. Nor after a first build with errors:
/// the build that mends them makes it.
#[test]
fn the_index_waits_only_where_nothing_stands_at_its_addresses() {
    let later = |root: &Path| {
        let mut s = Session::new(root, None, false).with_index_later();
        let first = s.rebuild_all().unwrap();
        (s, first)
    };
    let dir = example_copy();
    let root = dir.path();
    let page = write(
        root,
        "content/reports/index-link.md",
        "---\ntitle: 索引\n---\n[索引](/search.json)\n",
    );
    let (s, first) = later(root);
    assert_eq!(first.error_count(), 0, "{:?}", first.diagnostics);
    assert!(!s.index_waits() && s.good().unwrap().contains_key("search.json"));
    assert_same(&s, root, "a link to the index");
    std::fs::remove_file(page).unwrap();

    write(root, "static/search.json", "{}");
    let (s, first) = later(root);
    assert!(!s.index_waits());
    let full = Session::new(root, None, false).rebuild_all().unwrap();
    assert_eq!(first.diagnostics, full.diagnostics, "the same warnings");
    assert_same(&s, root, "a static file at the index");
    std::fs::remove_file(root.join("static/search.json")).unwrap();

    let bad = write(root, "templates/page.html", "{{ nothing.here }}");
    let (mut s, first) = later(root);
    assert!(first.error_count() > 0);
    assert!(!s.index_waits() && s.complete().is_none());
    std::fs::remove_file(&bad).unwrap();
    let o = s.apply(&[bad]).unwrap();
    assert_eq!(o.error_count(), 0);
    assert_same(&s, root, "errors mended");
}

/// A settings edit of the contact box alone keeps the assembled site (no page
/// is parsed or placed again) and renders every page with the new line, as a
/// full build does; any other settings edit assembles the site again.
#[test]
fn a_contact_edit_keeps_the_assembled_site() {
    let dir = example_copy();
    let root = dir.path();
    let mut s = Session::new(root, None, false).with_proof(minsheng::session::Proof::Panic);
    assert_eq!(s.rebuild_all().unwrap().error_count(), 0);
    let assembled = s.site().unwrap().assembled;
    let pages = s.site().unwrap().pages.len();
    let p = edit(
        root,
        "site.toml",
        "hotline = \"12345\"",
        "hotline = \"0511-88880000\"",
    );
    let o = s.apply(&[p]).unwrap();
    assert_eq!(o.error_count(), 0);
    assert_eq!(s.site().unwrap().assembled, assembled, "the site stays");
    assert!(
        o.rendered >= pages,
        "every page shows the line: {}",
        o.rendered
    );
    let home = String::from_utf8_lossy(&s.good().unwrap()["index.html"]).into_owned();
    assert!(home.contains("0511-88880000"));
    assert_same(&s, root, "contact edit");

    let p = edit(
        root,
        "site.toml",
        "hotline = \"0511-88880000\"\n",
        "hotline = \"0511-88880000\"\n\n[check]\n",
    );
    s.apply(&[p]).unwrap();
    assert_ne!(
        s.site().unwrap().assembled,
        assembled,
        "other settings assemble it again"
    );
    assert_same(&s, root, "another settings edit");
}

/// A one-shot `build` hands each page's HTML to its page's job, which makes
/// the page's search document from it and frees it: what it writes is what a
/// session (which keeps every body) makes, byte for byte, for a sharded index
/// and for the example's one-file index, and a missing address is still told.
#[test]
fn a_written_build_is_the_sessions_build() {
    let dir = example_copy();
    let root = dir.path();
    let same = |root: &Path, out: &str| {
        let mut opts = minsheng::cmd::build::BuildOptions::new(root);
        opts.output = out.into();
        let written = minsheng::cmd::build::run(&opts).unwrap();
        assert_eq!(written.error_count(), 0, "{:?}", written.diagnostics);
        let mut tree = crate::support::read_tree(&root.join(out));
        // The mark that minsheng wrote the folder, not a file of the site.
        tree.remove(".minsheng-output");
        let made = build_in_memory(root, None, false).unwrap();
        let made: std::collections::BTreeMap<String, Vec<u8>> = (made.files.unwrap().into_iter())
            .map(|f| (f.path, f.bytes.to_vec()))
            .collect();
        assert_eq!(
            tree.keys().collect::<Vec<_>>(),
            made.keys().collect::<Vec<_>>()
        );
        for (path, bytes) in &made {
            assert!(tree[path] == *bytes, "{path} differs");
        }
        tree
    };
    let small = same(root, "out-small");
    assert!(small.contains_key("search.json") && !small.keys().any(|p| p.starts_with("search/g/")));
    add_news(root);
    let large = same(root, "out-large");
    assert!(large.keys().filter(|p| p.starts_with("search/g/")).count() >= 8);
    // The page's words are in the index's documents (made by the page's job).
    let docs: String = (large.iter())
        .filter(|(p, _)| p.starts_with("search/d/"))
        .map(|(_, b)| String::from_utf8_lossy(b).into_owned())
        .collect();
    assert!(
        docs.contains("第7条消息"),
        "a page's document is in the index"
    );
    // A missing picture is told at its place, made only when missing.
    write(
        root,
        "content/news/n005.md",
        "---\ntitle: 图\ndate: 2024-01-05\n---\n第一行\n\n看 ![图](/images/none.png) 这里\n",
    );
    let mut opts = minsheng::cmd::build::BuildOptions::new(root);
    opts.output = "out-bad".into();
    let bad = minsheng::cmd::build::run(&opts).unwrap();
    let d = (bad.diagnostics.iter())
        .find(|d| d.rule == Some("missing-image"))
        .expect("the missing picture is an error");
    assert_eq!((d.line, d.col), (7, 3), "{d:?}");
    assert!(d.path.ends_with("content/news/n005.md"));
    assert!(d
        .source_line
        .as_deref()
        .unwrap()
        .contains("/images/none.png"));
    // The pages' texts were freed once their bodies were made: the page is
    // read again to place the error, the same in a file saved by Windows
    // Notepad (a byte-order mark, CRLF line ends).
    write(
        root,
        "content/news/n005.md",
        "\u{feff}---\r\ntitle: 图\r\ndate: 2024-01-05\r\n---\r\n第一行\r\n\r\n看 ![图](/images/none.png) 这里\r\n",
    );
    let bad = minsheng::cmd::build::run(&opts).unwrap();
    let again = (bad.diagnostics.iter())
        .find(|d| d.rule == Some("missing-image"))
        .expect("the missing picture is an error");
    assert_eq!(
        (again.line, again.col, &again.source_line),
        (d.line, d.col, &d.source_line)
    );
}

/// A session that streams its build (a one-shot build: it frees the pages'
/// texts as it goes and keeps no site) builds again from the files on disk,
/// whatever it is asked next: the same files as a fresh build.
#[test]
fn a_session_that_built_once_builds_again_from_scratch() {
    use std::collections::BTreeMap;
    use std::sync::{Arc, Mutex};
    let dir = example_copy();
    let root = dir.path();
    let got: Arc<Mutex<BTreeMap<String, Vec<u8>>>> = Arc::default();
    let sink = got.clone();
    let stream: minsheng::render::Stream = Box::new(move |path, bytes| {
        sink.lock()
            .unwrap()
            .insert(path.to_string(), bytes.to_vec());
    });
    let mut s = Session::new(root, None, false).with_stream(stream);
    assert_eq!(s.rebuild_all().unwrap().error_count(), 0);
    assert!(
        s.site().is_none(),
        "no site kept: its pages' texts were freed"
    );
    let fresh = |root: &Path| -> BTreeMap<String, Vec<u8>> {
        (build_in_memory(root, None, false)
            .unwrap()
            .files
            .unwrap()
            .into_iter())
        .map(|f| (f.path, f.bytes.to_vec()))
        .collect()
    };
    assert_eq!(*got.lock().unwrap(), fresh(root));
    // A template edited, then a page: each time every file again, as fresh.
    let template = root.join("themes/default/templates/page.html");
    let text = std::fs::read_to_string(&template).unwrap();
    std::fs::write(&template, format!("{text}\n{{# 改过 #}}\n")).unwrap();
    for edited in [
        template,
        write(
            root,
            "content/about.md",
            "---\ntitle: 关于\n---\n改过的正文。\n",
        ),
    ] {
        got.lock().unwrap().clear();
        let out = s.apply(&[edited]).unwrap();
        assert_eq!(out.error_count(), 0, "{:?}", out.diagnostics);
        assert_eq!(*got.lock().unwrap(), fresh(root));
    }
}
