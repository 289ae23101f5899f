//! `minsheng serve` from the outside: HTTP answers, safety, live rebuilds and the
//! error overlay. Loopback only; every loop is bounded.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{channel, Receiver};
use std::time::{Duration, Instant};

use crate::support::SiteTest;

/// A running `minsheng serve`, stopped when dropped.
pub struct Server {
    child: Child,
    pub base: String,
    pub port: u16,
    lines: Receiver<String>,
    pub log: Vec<String>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    pub fn start(root: &Path, args: &[&str]) -> Server {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_minsheng"));
        cmd.args(["serve", "--root", root.to_str().unwrap()])
            .args(args);
        Server::spawn(cmd)
    }

    /// The server's process id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Runs `cmd`, a `minsheng serve`, and waits until it serves.
    pub fn spawn(mut cmd: Command) -> Server {
        // Messages in English unless the test asks for a language.
        if !cmd.get_envs().any(|(k, _)| k == "MINSHENG_LANG") {
            cmd.env("MINSHENG_LANG", "en");
        }
        let mut child = cmd
            .stderr(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()
            .unwrap();
        let stderr = child.stderr.take().unwrap();
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    return;
                }
            }
        });
        let mut server = Server {
            child,
            base: String::new(),
            port: 0,
            lines: rx,
            log: Vec::new(),
        };
        let line = server.wait_line("serving at ", Duration::from_secs(60));
        let url = line
            .split("serving at ")
            .nth(1)
            .unwrap()
            .split(' ')
            .next()
            .unwrap()
            .to_string();
        server.port = url
            .trim_end_matches('/')
            .rsplit(':')
            .next()
            .unwrap()
            .parse()
            .unwrap();
        server.base = url;
        server
    }

    /// Waits for a line of the server's log containing `needle`.
    pub fn wait_line(&mut self, needle: &str, within: Duration) -> String {
        let deadline = Instant::now() + within;
        while let Some(left) = deadline.checked_duration_since(Instant::now()) {
            match self.lines.recv_timeout(left) {
                Ok(l) => {
                    self.log.push(l.clone());
                    if l.contains(needle) {
                        return l;
                    }
                }
                Err(_) => break,
            }
        }
        panic!(
            "no line with {needle:?} in the server's log:\n{}",
            self.log.join("\n")
        );
    }
}

/// A raw HTTP/1.0 GET, path sent exactly as given: (status, headers, body).
pub fn get(port: u16, path: &str) -> (u16, String, Vec<u8>) {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(s, "GET {path} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n").unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let status = head.split(' ').nth(1).unwrap().parse().unwrap();
    (status, head, raw[split + 4..].to_vec())
}

fn text(port: u16, path: &str) -> (u16, String) {
    let (s, _, b) = get(port, path);
    (s, String::from_utf8_lossy(&b).into_owned())
}

/// Polls `path` until `pred` holds on its body (at most `within`).
fn eventually(port: u16, path: &str, within: Duration, pred: impl Fn(&str) -> bool) -> String {
    let deadline = Instant::now() + within;
    loop {
        let (_, body) = text(port, path);
        if pred(&body) {
            return body;
        }
        assert!(
            Instant::now() < deadline,
            "{path} never matched; last body:\n{body}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

pub fn site() -> SiteTest {
    SiteTest::new()
        .file("content/reports/_index.md", "---\ntitle: 报告\n---\n")
        .file(
            "content/reports/a.md",
            "---\ntitle: 甲\ndate: 2024-01-01\nsummary: 摘要\n---\n第一段。\n",
        )
        .file(
            "content/indicators/x.yaml",
            "title: 指标\ndomain: 老有所养\nunit: 人\nseries: {2021: 1, 2022: 2}\n",
        )
}

#[test]
fn serves_the_site_with_types_404_redirects_and_injected_reload() {
    let s = site();
    let server = Server::start(s.root(), &["--port", "0"]);
    let p = server.port;
    let (status, head, body) = get(p, "/");
    assert_eq!(status, 200);
    assert!(head.contains("Content-Type: text/html; charset=utf-8"));
    assert!(String::from_utf8_lossy(&body)
        .contains("<script src=\"/__minsheng/livereload.js\" data-generation=\"1\"></script>"));
    for (path, ctype) in [
        ("/style.css", "text/css; charset=utf-8"),
        ("/favicon.svg", "image/svg+xml"),
        ("/sitemap.xml", "application/xml; charset=utf-8"),
        ("/indicators/x/x.csv", "text/csv; charset=utf-8"),
        ("/indicators/x/x.json", "application/json"),
        (
            "/__minsheng/livereload.js",
            "text/javascript; charset=utf-8",
        ),
    ] {
        let (status, head, _) = get(p, path);
        assert_eq!(status, 200, "{path}");
        assert!(
            head.contains(&format!("Content-Type: {ctype}")),
            "{path}: {head}"
        );
    }
    let (status, body) = text(p, "/no/such/page/");
    assert_eq!(status, 404);
    assert!(body.contains("找不到这个页面"));
    let (status, head, _) = get(p, "/reports");
    assert_eq!(status, 301);
    assert!(head.contains("Location: /reports/"), "{head}");
    // The build output itself never carries the reload script.
    let built = s.build_ok();
    assert!(built
        .0
        .values()
        .all(|b| !String::from_utf8_lossy(b).contains("__minsheng")));
}

#[test]
fn refuses_to_leave_the_site() {
    let s = site().file("secret.txt", "TOP-SECRET");
    let server = Server::start(s.root(), &["--port", "0"]);
    for path in [
        "/../site.toml",
        "/%2e%2e/site.toml",
        "/reports/..%2f..%2fsecret.txt",
        "/..%5csecret.txt",
        "//etc/passwd",
        "/c:/windows/win.ini",
        "/%00",
        "/a/./b",
    ] {
        let (status, body) = text(server.port, path);
        assert_eq!(status, 400, "{path}");
        assert!(
            !body.contains("TOP-SECRET") && !body.contains("title ="),
            "{path}"
        );
    }
    for path in ["/secret.txt", "/site.toml", "/content/reports/a.md"] {
        let (status, body) = text(server.port, path);
        assert_eq!(status, 404, "{path}: only the built site is served");
        assert!(!body.contains("TOP-SECRET"));
    }
}

#[test]
fn keeps_working_under_concurrent_requests() {
    let s = site();
    let server = Server::start(s.root(), &["--port", "0"]);
    let port = server.port;
    let threads: Vec<_> = (0..8)
        .map(|t| {
            std::thread::spawn(move || {
                let paths = [
                    "/",
                    "/reports/",
                    "/reports/a/",
                    "/style.css",
                    "/indicators/",
                    "/nope/",
                ];
                let mut ok = 0;
                for i in 0..40 {
                    let path = paths[(i + t) % paths.len()];
                    let (status, _, _) = get(port, path);
                    assert!(
                        status == 200 || (path == "/nope/" && status == 404),
                        "{path}: {status}"
                    );
                    ok += 1;
                }
                ok
            })
        })
        .collect();
    let total: usize = threads.into_iter().map(|t| t.join().unwrap()).sum();
    assert_eq!(total, 320);
}

#[test]
fn rebuilds_on_save_and_shows_errors_until_fixed() {
    let s = site();
    let mut server = Server::start(s.root(), &["--port", "0"]);
    let p = server.port;
    // An event stream, as an open page has.
    let mut events = TcpStream::connect(("127.0.0.1", p)).unwrap();
    events
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    write!(
        events,
        "GET /__minsheng/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
    )
    .unwrap();
    let mut reader = BufReader::new(events);
    let mut first = String::new();
    reader.read_line(&mut first).unwrap();
    assert!(first.starts_with("HTTP/1.1 200"), "{first}");

    let file = s.root().join("content/reports/a.md");
    std::fs::write(
        &file,
        "---\ntitle: 甲\ndate: 2024-01-01\nsummary: 摘要\n---\n第一段。\n\n新加的一段。\n",
    )
    .unwrap();
    eventually(p, "/reports/a/", Duration::from_secs(10), |b| {
        b.contains("新加的一段")
    });
    server.wait_line("rebuilt in", Duration::from_secs(10));
    let mut seen = String::new();
    while !seen.contains("event: reload") {
        let mut l = String::new();
        reader.read_line(&mut l).unwrap();
        seen.push_str(&l);
    }

    // Broken front matter: the last good page is served, with the error on it.
    std::fs::write(&file, "---\ntitle: [甲\ndate: 2024-01-01\n---\n坏了。\n").unwrap();
    let body = eventually(p, "/reports/", Duration::from_secs(10), |b| {
        b.contains("minsheng-overlay")
    });
    assert!(
        body.contains("content/reports/a.md:2:"),
        "the overlay names file and line"
    );
    assert!(
        body.contains("新加的一段") || body.contains("甲"),
        "still the last good build"
    );
    let (_, page) = text(p, "/reports/a/");
    assert!(page.contains("新加的一段"), "the last good page stays");
    let mut seen = String::new();
    while !seen.contains("event: errors") {
        let mut l = String::new();
        reader.read_line(&mut l).unwrap();
        seen.push_str(&l);
    }
    server.wait_line("rebuild failed", Duration::from_secs(10));

    // Fixed: the overlay goes away by itself.
    std::fs::write(&file, "---\ntitle: 甲\ndate: 2024-01-01\n---\n修好了。\n").unwrap();
    eventually(p, "/reports/a/", Duration::from_secs(10), |b| {
        b.contains("修好了") && !b.contains("minsheng-overlay")
    });
}

#[test]
fn handles_renames_deletions_and_new_folders() {
    let s = site();
    let server = Server::start(s.root(), &["--port", "0"]);
    let p = server.port;
    // An editor's safe save: write a temporary file, rename it over the page.
    let tmp = s.root().join("content/reports/.a.md.tmp");
    std::fs::write(&tmp, "---\ntitle: 甲\n---\n重命名保存。\n").unwrap();
    std::fs::rename(&tmp, s.root().join("content/reports/a.md")).unwrap();
    eventually(p, "/reports/a/", Duration::from_secs(10), |b| {
        b.contains("重命名保存")
    });
    // A whole folder appears.
    let dir = s.root().join("content/news");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("b.md"), "---\ntitle: 乙\n---\n新闻。\n").unwrap();
    eventually(p, "/news/b/", Duration::from_secs(10), |b| {
        b.contains("新闻。")
    });
    // And goes.
    std::fs::remove_dir_all(&dir).unwrap();
    eventually(p, "/news/b/", Duration::from_secs(10), |b| {
        b.contains("找不到这个页面")
    });
}

#[test]
fn takes_the_next_port_when_asked_for_a_busy_one() {
    let busy = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = busy.local_addr().unwrap().port();
    let s = site();
    let server = Server::start(s.root(), &["--port", &port.to_string()]);
    assert_ne!(server.port, port);
    assert!(
        server
            .log
            .iter()
            .any(|l| l.contains(&format!("port {port} is in use"))),
        "{:?}",
        server.log
    );
}

#[test]
fn a_site_broken_from_the_start_shows_its_errors_until_fixed() {
    let s = SiteTest::new().file("content/a.md", "---\ntitle: [甲\n---\n");
    let mut server = Server::start(s.root(), &["--port", "0"]);
    let (status, body) = text(server.port, "/");
    assert_eq!(status, 503);
    assert!(
        body.contains("minsheng-overlay") && body.contains("content/a.md:2:"),
        "{body}"
    );
    std::fs::write(
        s.root().join("content/a.md"),
        "---\ntitle: 甲\n---\n好了。\n",
    )
    .unwrap();
    server.wait_line("rebuilt in", Duration::from_secs(10));
    let body = eventually(server.port, "/a/", Duration::from_secs(10), |b| {
        b.contains("好了。")
    });
    assert!(!body.contains("minsheng-overlay"));
}

#[test]
fn a_stylesheet_change_swaps_the_stylesheet_instead_of_reloading() {
    let s = site().file("static/style.css", "body { color: black }");
    let server = Server::start(s.root(), &["--port", "0"]);
    let mut events = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    events
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    write!(
        events,
        "GET /__minsheng/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
    )
    .unwrap();
    let mut reader = BufReader::new(events);
    let mut seen = String::new();
    while !seen.contains("event: hello") {
        let mut l = String::new();
        reader.read_line(&mut l).unwrap();
        seen.push_str(&l);
    }
    std::fs::write(s.root().join("static/style.css"), "body { color: navy }").unwrap();
    let mut seen = String::new();
    while !seen.contains("event: ") {
        let mut l = String::new();
        reader.read_line(&mut l).unwrap();
        seen.push_str(&l);
    }
    assert!(seen.contains("event: css"), "{seen}");
    eventually(server.port, "/style.css", Duration::from_secs(5), |b| {
        b.contains("navy")
    });
}

/// Without --drafts, a draft's or a future page's address gives the 404 page,
/// which says which page it is, why it is not shown and how to see it.
#[test]
fn a_draft_or_future_page_says_why_it_is_not_found() {
    let s = SiteTest::new()
        .file("site.toml", "title = \"测试\"\nlanguage = \"zh-CN\"\n")
        .file("content/reports/_index.md", "---\ntitle: 报告\n---\n")
        .file(
            "content/reports/draft.md",
            "---\ntitle: 草稿\ndraft: true\n---\n正文。\n",
        )
        .file(
            "content/reports/later.md",
            "---\ntitle: 以后\ndate: 2999-01-01\n---\n正文。\n",
        );
    // (In English here: the test reads the English "serving at" line. The
    // Chinese words are pinned in serve::hidden's unit test.)
    let server = Server::start(s.root(), &["--port", "0"]);
    let (status, body) = text(server.port, "/reports/draft/");
    assert_eq!(status, 404);
    assert!(
        body.contains(
            "This page is a draft (draft: true in content/reports/draft.md) and not public, so the preview leaves it out. To see it: stop the preview (Ctrl+C) and run minsheng serve --drafts"
        ),
        "{body}"
    );
    // At the top of the 404 page.
    assert!(body.find("minsheng-hidden") < body.find("<main"), "{body}");
    let (status, body) = text(server.port, "/reports/later/");
    assert_eq!(status, 404);
    assert!(
        body.contains("This page is dated 2999-01-01 (content/reports/later.md), in the future"),
        "{body}"
    );
    let (status, body) = text(server.port, "/reports/nothing/");
    assert_eq!(status, 404);
    assert!(!body.contains("minsheng-hidden"), "{body}");
    // A draft written while the preview runs is named once rebuilt; made
    // public, it is served.
    let fresh = s.root().join("content/reports/fresh.md");
    std::fs::write(&fresh, "---\ntitle: 新稿\ndraft: true\n---\n正文。\n").unwrap();
    eventually(
        server.port,
        "/reports/fresh/",
        Duration::from_secs(10),
        |b| b.contains("draft: true in content/reports/fresh.md"),
    );
    std::fs::write(&fresh, "---\ntitle: 新稿\n---\n正文。\n").unwrap();
    eventually(
        server.port,
        "/reports/fresh/",
        Duration::from_secs(10),
        |b| b.contains("新稿") && !b.contains("minsheng-hidden"),
    );
    // With --drafts both are shown.
    let server = Server::start(s.root(), &["--port", "0", "--drafts"]);
    assert_eq!(text(server.port, "/reports/draft/").0, 200);
    assert_eq!(text(server.port, "/reports/later/").0, 200);
}
