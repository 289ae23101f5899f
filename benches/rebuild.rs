//! Incremental rebuild time of a session, without the watcher or HTTP around it:
//! builds a corpus once, then makes the four kinds of edit of issue 13 (a page's
//! body, a new page, a template, the contact line in site.toml) and prints the
//! median rebuild time of each, and the process's memory (RSS) after the first
//! build and after 100 mixed edits.
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

/// The process's resident memory (MiB), from /proc (Linux).
fn rss_mib() -> f64 {
    // The session hands freed memory back on another thread after a rebuild.
    std::thread::sleep(Duration::from_millis(100));
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// CPU time of the process so far (all threads, user and system).
fn cpu_time() -> Duration {
    // SAFETY: getrusage only writes the struct it is given.
    let mut u: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut u) };
    let tv = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    tv(u.ru_utime) + tv(u.ru_stime)
}

/// Wall and CPU times of rebuilds: the CPU time is less disturbed by other
/// work on a shared machine, and says what a rebuild costs on one core.
#[derive(Default)]
struct Samples {
    wall: Vec<Duration>,
    cpu: Vec<Duration>,
}

impl Samples {
    fn apply(&mut self, s: &mut Session, paths: &[PathBuf]) -> minsheng::session::Outcome {
        let cpu = cpu_time();
        let o = s.apply(paths).unwrap();
        self.cpu.push(cpu_time() - cpu);
        self.wall.push(o.elapsed);
        o
    }

    fn medians(&self) -> String {
        format!(
            "median {:.1} ms (CPU {:.1} ms) over {} (RSS {:.0} MiB)",
            ms(median(self.wall.clone())),
            ms(median(self.cpu.clone())),
            self.wall.len(),
            rss_mib()
        )
    }
}

fn main() {
    let Ok(root) = std::env::var("MINSHENG_CORPUS") else {
        println!("set MINSHENG_CORPUS to a corpus made by gen_corpus.py --format minsheng (see the file's docs)");
        return;
    };
    let root = PathBuf::from(root);
    // As `serve` runs (its allocator).
    minsheng::alloc::for_edits();
    let mut s = Session::new(&root, None, false);
    let first = s.rebuild_all().expect("build");
    let rss_first = rss_mib();
    println!(
        "full build: {} ms, {} files, RSS {rss_first:.0} MiB",
        first.elapsed.as_millis(),
        first.files.as_ref().map_or(0, Vec::len)
    );
    // A server keeps no outcome after writing it: holding this one would keep
    // the first build's outputs alive after every edit that replaces them.
    drop(first);
    let page = walkdir::WalkDir::new(root.join("content"))
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| e.into_path())
        .find(|p| p.extension().is_some_and(|e| e == "md") && !p.ends_with("_index.md"))
        .expect("a page");
    let original = std::fs::read_to_string(&page).unwrap();
    // `MINSHENG_BENCH_ONLY=body` (or `newpage`, `template`, `unused`, `contact`)
    // repeats only that edit, for a profiler.
    let only = std::env::var("MINSHENG_BENCH_ONLY").unwrap_or_default();
    let body_edits = match only.as_str() {
        "" => 40,
        "body" => 400,
        _ => 0,
    };
    let mut times = Samples::default();
    for i in 0..body_edits {
        std::fs::write(&page, format!("{original}\n\n编辑{i}。\n")).unwrap();
        let o = times.apply(&mut s, std::slice::from_ref(&page));
        assert_eq!(o.rendered, 1, "one page re-rendered");
    }
    std::fs::write(&page, &original).unwrap();
    s.apply(std::slice::from_ref(&page)).unwrap();
    if body_edits > 0 {
        println!("one-page body edit: {} edits", times.medians());
    }
    if only == "body" {
        return;
    }

    // Template edits: a site-level override, changed a few times. page.html is
    // used by every article; section.html by one page type (section listings);
    // a template no page uses shows what any template edit costs besides
    // rendering. `MINSHENG_BENCH_ONLY=template` (or `unused`) repeats only that
    // edit.
    let (take, skip, rounds) = match only.as_str() {
        "" => (3, 0, 5),
        "template" => (2, 1, 60),
        "unused" => (3, 2, 60),
        _ => (0, 0, 0),
    };
    for (name, anchor, what) in [
        ("page.html", "<article", "template used by every article"),
        (
            "section.html",
            "<h1",
            "template of one page type (section.html)",
        ),
        ("unused.html", "<p", "template no page uses"),
    ]
    .into_iter()
    .take(take)
    .skip(skip)
    {
        let text = minsheng::theme::DEFAULT_FILES
            .iter()
            .find(|(p, _)| *p == format!("templates/{name}"))
            .map_or("<p>没有页面用这个模板。</p>", |f| f.1);
        let tpl = root.join("templates").join(name);
        std::fs::create_dir_all(tpl.parent().unwrap()).unwrap();
        let mut times = Samples::default();
        let mut rendered = 0;
        for i in 0..rounds {
            std::fs::write(
                &tpl,
                text.replacen(anchor, &format!("<!-- {i} -->{anchor}"), 1),
            )
            .unwrap();
            let o = times.apply(&mut s, std::slice::from_ref(&tpl));
            assert_eq!(o.rendered > 0, name != "unused.html");
            rendered = o.rendered;
        }
        std::fs::remove_dir_all(root.join("templates")).unwrap();
        s.apply(&[root.join("templates")]).unwrap();
        println!(
            "edit of the {what}: {} edits, {rendered} outputs re-rendered",
            times.medians()
        );
    }

    if only == "template" || only == "unused" {
        return;
    }

    // A new page in a section, removed again after each measurement: dated
    // today (what an editor adds: it comes last in the search index's order),
    // and back-dated into the middle of the corpus's dates.
    let section = page.parent().unwrap().to_path_buf();
    let new_page = section.join("zz-new-page.md");
    let today = minsheng::site::Date::today().iso();
    for (label, date) in [
        ("new page", today.as_str()),
        ("back-dated new page", "2020-01-02"),
    ] {
        let mut times = Samples::default();
        let mut rendered = 0;
        let new_pages = match only.as_str() {
            "newpage" => 60,
            "" => 9,
            _ => continue,
        };
        for i in 0..new_pages {
            std::fs::write(
                &new_page,
                format!("---\ntitle: 新页面{i}\ndate: {date}\n---\n新页面的正文{i}。\n"),
            )
            .unwrap();
            let o = times.apply(&mut s, std::slice::from_ref(&new_page));
            rendered = o.rendered;
            std::fs::remove_file(&new_page).unwrap();
            s.apply(std::slice::from_ref(&new_page)).unwrap();
        }
        println!(
            "{label}: {}, {rendered} outputs re-rendered",
            times.medians()
        );
    }
    if only == "newpage" {
        return;
    }

    // The contact line of site.toml.
    let toml = root.join("site.toml");
    let original_toml = std::fs::read_to_string(&toml).unwrap();
    let mut times = Samples::default();
    let mut rendered = 0;
    let rounds = if only == "contact" { 30 } else { 9 };
    for i in 0..rounds {
        std::fs::write(
            &toml,
            format!("{original_toml}\n[contact]\nname = \"热线\"\nhotline = \"1234{i}\"\n"),
        )
        .unwrap();
        let o = times.apply(&mut s, std::slice::from_ref(&toml));
        assert_eq!(o.error_count(), 0, "{:?}", o.diagnostics);
        rendered = o.rendered;
    }
    println!(
        "contact line in site.toml: {}, {rendered} outputs re-rendered",
        times.medians()
    );
    std::fs::write(&toml, &original_toml).unwrap();
    s.apply(std::slice::from_ref(&toml)).unwrap();
    if only == "contact" {
        return;
    }

    // 100 mixed edits: bodies, new and removed pages, a template, site.toml.
    let tpl = root.join("templates/section.html");
    let section_tpl = minsheng::theme::DEFAULT_FILES
        .iter()
        .find(|(p, _)| *p == "templates/section.html")
        .unwrap()
        .1;
    for i in 0..100 {
        let path = match i % 10 {
            0..=5 => {
                std::fs::write(&page, format!("{original}\n\n混合编辑{i}。\n")).unwrap();
                page.clone()
            }
            6 => {
                std::fs::write(&new_page, format!("---\ntitle: 混合{i}\n---\n正文。\n")).unwrap();
                new_page.clone()
            }
            7 => {
                let _ = std::fs::remove_file(&new_page);
                new_page.clone()
            }
            8 => {
                std::fs::create_dir_all(tpl.parent().unwrap()).unwrap();
                std::fs::write(
                    &tpl,
                    section_tpl.replacen("<h1", &format!("<!-- {i} --><h1"), 1),
                )
                .unwrap();
                tpl.clone()
            }
            _ => {
                std::fs::write(
                    &toml,
                    format!("{original_toml}\n[contact]\nname = \"热线\"\nhotline = \"{i}\"\n"),
                )
                .unwrap();
                toml.clone()
            }
        };
        s.apply(&[path]).unwrap();
    }
    std::fs::write(&page, &original).unwrap();
    std::fs::write(&toml, &original_toml).unwrap();
    let _ = std::fs::remove_file(&new_page);
    let _ = std::fs::remove_dir_all(root.join("templates"));
    s.apply(&[page, toml, new_page, root.join("templates")])
        .unwrap();
    // A server between edits: the memory a rebuild freed is handed back once
    // the edits have been quiet for a moment (see session.rs).
    std::thread::sleep(std::time::Duration::from_secs(1));
    let rss_after = rss_mib();
    println!(
        "RSS after 100 mixed edits: {rss_after:.0} MiB ({:.2}× the RSS after the first build; target ≤ 1.3×)",
        rss_after / rss_first
    );
}
