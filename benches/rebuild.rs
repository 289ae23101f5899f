//! Incremental rebuild time of a session, without the watcher or HTTP around it:
//! builds a corpus once, then edits one page (body only) and one template, and
//! prints the median rebuild time of each.
//!
//!     python3 ../shared/bench/gen_corpus.py --pages 10000 --format minsheng --out /dev/shm/ms-10000
//!     MINSHENG_CORPUS=/dev/shm/ms-10000 cargo bench --bench rebuild
//!
//! The end-to-end figure (save → page served) is `serve_latency.py`'s; see README.

use std::path::PathBuf;
use std::time::Duration;

use minsheng::session::Session;

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() {
    let Ok(root) = std::env::var("MINSHENG_CORPUS") else {
        println!("set MINSHENG_CORPUS to a corpus made by gen_corpus.py --format minsheng (see the file's docs)");
        return;
    };
    let root = PathBuf::from(root);
    let mut s = Session::new(&root, None, false);
    let first = s.rebuild_all().expect("build");
    println!(
        "full build: {} ms, {} files",
        first.elapsed.as_millis(),
        first.files.as_ref().map_or(0, Vec::len)
    );
    let page = walkdir::WalkDir::new(root.join("content"))
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| e.into_path())
        .find(|p| p.extension().is_some_and(|e| e == "md") && !p.ends_with("_index.md"))
        .expect("a page");
    let original = std::fs::read_to_string(&page).unwrap();
    let mut times = Vec::new();
    for i in 0..40 {
        std::fs::write(&page, format!("{original}\n\n编辑{i}。\n")).unwrap();
        let o = s.apply(std::slice::from_ref(&page)).unwrap();
        assert_eq!(o.rendered, 1, "one page re-rendered");
        times.push(o.elapsed);
    }
    std::fs::write(&page, &original).unwrap();
    s.apply(std::slice::from_ref(&page)).unwrap();
    println!(
        "one-page body edit: median {:.1} ms over {} edits",
        median(times.clone()).as_secs_f64() * 1e3,
        times.len()
    );

    // Template edits: a site-level override, changed a few times. page.html is
    // used by every article; section.html by one page type (section listings).
    for (name, anchor, what) in [
        ("page.html", "<article", "template used by every article"),
        (
            "section.html",
            "<h1",
            "template of one page type (section.html)",
        ),
    ] {
        let text = minsheng::theme::DEFAULT_FILES
            .iter()
            .find(|(p, _)| *p == format!("templates/{name}"))
            .unwrap()
            .1;
        let tpl = root.join("templates").join(name);
        std::fs::create_dir_all(tpl.parent().unwrap()).unwrap();
        let mut times = Vec::new();
        let mut rendered = 0;
        for i in 0..5 {
            std::fs::write(
                &tpl,
                text.replacen(anchor, &format!("<!-- {i} -->{anchor}"), 1),
            )
            .unwrap();
            let o = s.apply(std::slice::from_ref(&tpl)).unwrap();
            assert!(o.rendered > 0);
            rendered = o.rendered;
            times.push(o.elapsed);
        }
        std::fs::remove_dir_all(root.join("templates")).unwrap();
        s.apply(&[root.join("templates")]).unwrap();
        println!(
            "edit of the {what}: median {:.1} ms over {} edits, {rendered} outputs re-rendered",
            median(times.clone()).as_secs_f64() * 1e3,
            times.len()
        );
    }
}
