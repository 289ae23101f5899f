//! `minsheng serve` against hostile or broken clients: running out of file
//! handles, clients that never read, huge headers, HEAD, redirects to Chinese
//! paths. Loopback only; every loop is bounded in count and time.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, Instant};

use minsheng::serve::http::State;
use minsheng::serve::server::{start, Limits};
use minsheng::session::SiteFiles;

use crate::serve::{get, site, Server};

fn addr(port: u16) -> SocketAddr {
    SocketAddr::from(([127, 0, 0, 1], port))
}

/// Sends `request` (a failed write is fine: the server may close early) and reads
/// what comes back within `within`: `None` if nothing could be connected or read.
fn exchange(port: u16, request: &[u8], within: Duration) -> Option<Vec<u8>> {
    let mut s = TcpStream::connect_timeout(&addr(port), within).ok()?;
    s.set_read_timeout(Some(within)).unwrap();
    s.set_write_timeout(Some(within)).unwrap();
    let _ = s.write_all(request);
    let mut raw = Vec::new();
    let _ = s.read_to_end(&mut raw);
    (!raw.is_empty()).then_some(raw)
}

/// The status of an answer, if it has one.
fn status(raw: &[u8]) -> Option<u16> {
    let head = String::from_utf8_lossy(&raw[..raw.len().min(64)]).into_owned();
    head.split(' ').nth(1)?.parse().ok()
}

/// Runs `minsheng serve --port 0` with at most `files` open file handles.
fn start_with_file_limit(root: &std::path::Path, files: u32) -> Server {
    let mut cmd = std::process::Command::new("sh");
    cmd.arg("-c")
        .arg(format!("ulimit -n {files} && exec \"$0\" \"$@\""))
        .arg(env!("CARGO_BIN_EXE_minsheng"))
        .args(["serve", "--root", root.to_str().unwrap(), "--port", "0"]);
    Server::spawn(cmd)
}

/// Asks for `/` until it answers 200, for at most `within`.
fn answers_again(port: u16, within: Duration) -> bool {
    let deadline = Instant::now() + within;
    while Instant::now() < deadline {
        let req = b"GET / HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n";
        if exchange(port, req, Duration::from_secs(2)).and_then(|r| status(&r)) == Some(200) {
            return true;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    false
}

#[test]
fn running_out_of_file_handles_is_logged_and_survived() {
    let s = site();
    let mut server = start_with_file_limit(s.root(), 32);
    let port = server.port;
    assert!(answers_again(port, Duration::from_secs(5)));
    // Half-sent requests: the server holds each open until it runs out of handles.
    let mut held = Vec::new();
    for _ in 0..48 {
        match TcpStream::connect_timeout(&addr(port), Duration::from_secs(2)) {
            Ok(mut c) => {
                let _ = c.write_all(b"GET / HTTP/1.1\r\n");
                held.push(c);
            }
            Err(_) => break,
        }
    }
    server.wait_line("cannot accept", Duration::from_secs(10));
    drop(held);
    assert!(
        answers_again(port, Duration::from_secs(10)),
        "the server no longer answers after running out of file handles"
    );
}

#[test]
fn clients_that_never_read_do_not_starve_the_others() {
    let big = vec![b'x'; 16 << 20];
    let s = site().bytes("static/big.txt", &big);
    let server = Server::start(s.root(), &["--port", "0"]);
    let port = server.port;
    let mut stuck = Vec::new();
    for _ in 0..8 {
        let mut c = TcpStream::connect(addr(port)).unwrap();
        c.write_all(b"GET /big.txt HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            .unwrap();
        stuck.push(c);
    }
    // Pages listening for reloads are long-lived by design: they take no worker.
    for _ in 0..8 {
        let mut c = TcpStream::connect(addr(port)).unwrap();
        c.write_all(b"GET /__minsheng/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            .unwrap();
        stuck.push(c);
    }
    std::thread::sleep(Duration::from_millis(300));
    let started = Instant::now();
    assert!(
        answers_again(port, Duration::from_secs(4)),
        "stuck clients block everyone"
    );
    assert!(started.elapsed() < Duration::from_secs(4));
    drop(stuck);
}

#[test]
fn a_redirect_to_a_chinese_folder_has_an_encoded_location() {
    let s = site()
        .file("content/民生/_index.md", "---\ntitle: 民生\n---\n")
        .file("content/民生/a.md", "---\ntitle: 甲\n---\n正文。\n");
    assert!(s.build_ok().has("民生/index.html"));
    let server = Server::start(s.root(), &["--port", "0"]);
    let (status, head, _) = get(server.port, "/%E6%B0%91%E7%94%9F");
    assert_eq!(status, 301);
    assert!(
        head.contains("\r\nLocation: /%E6%B0%91%E7%94%9F/"),
        "{head}"
    );
    let (status, _, body) = get(server.port, "/%E6%B0%91%E7%94%9F/");
    assert_eq!(status, 200);
    assert!(String::from_utf8_lossy(&body).contains("民生"));
}

#[test]
fn head_answers_the_headers_of_get_without_a_body() {
    let s = site();
    let server = Server::start(s.root(), &["--port", "0"]);
    for path in ["/", "/style.css", "/reports/a/", "/no/such/page/"] {
        let (get_status, _, body) = get(server.port, path);
        let req = format!("HEAD {path} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n");
        let raw = exchange(server.port, req.as_bytes(), Duration::from_secs(10)).unwrap();
        let end = raw.windows(4).position(|w| w == b"\r\n\r\n").unwrap() + 4;
        let head = String::from_utf8_lossy(&raw[..end]);
        assert_eq!(status(&raw), Some(get_status), "{path}");
        assert!(
            head.contains(&format!("\r\nContent-Length: {}\r\n", body.len())),
            "{path}: {head}"
        );
        assert_eq!(raw.len(), end, "{path}: HEAD has no body");
    }
}

/// The resident memory of a process, in KiB.
fn rss_kib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    let line = status.lines().find(|l| l.starts_with("VmRSS:")).unwrap();
    line.split_whitespace().nth(1).unwrap().parse().unwrap()
}

#[test]
fn huge_request_lines_and_headers_are_refused_unread() {
    let s = site();
    let server = Server::start(s.root(), &["--port", "0"]);
    let port = server.port;
    assert!(answers_again(port, Duration::from_secs(5)));
    let before = rss_kib(server.pid());
    // A 24 MB header line, never ended, on a connection kept open meanwhile.
    let mut c = TcpStream::connect(addr(port)).unwrap();
    c.set_write_timeout(Some(Duration::from_secs(10))).unwrap();
    c.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let _ = c.write_all(b"GET / HTTP/1.1\r\nX-Big: ");
    let chunk = vec![b'a'; 1 << 20];
    for _ in 0..24 {
        if c.write_all(&chunk).is_err() {
            break;
        }
    }
    std::thread::sleep(Duration::from_millis(200));
    let grown = rss_kib(server.pid()).saturating_sub(before);
    assert!(
        grown < 8 * 1024,
        "the server kept {grown} KiB of one header"
    );
    let mut raw = Vec::new();
    let _ = c.read_to_end(&mut raw);
    assert!(raw.is_empty() || status(&raw) == Some(431), "{raw:?}");
    drop(c);

    let long_target = format!("GET /{} HTTP/1.1\r\n\r\n", "a".repeat(1 << 20));
    let raw = exchange(port, long_target.as_bytes(), Duration::from_secs(10));
    assert!(raw.as_deref().is_none_or(|r| status(r) == Some(414)));
    let many: String = (0..500).map(|i| format!("X-H{i}: 1\r\n")).collect();
    let req = format!("GET / HTTP/1.1\r\n{many}\r\n");
    let raw = exchange(port, req.as_bytes(), Duration::from_secs(10));
    assert!(raw.as_deref().is_none_or(|r| status(r) == Some(431)));
    let raw = exchange(port, b"DELETE / HTTP/1.1\r\n\r\n", Duration::from_secs(10));
    assert_eq!(raw.as_deref().and_then(status), Some(405));
    assert!(answers_again(port, Duration::from_secs(5)));
}

/// A server of `files` in this process, with `limits`: its gate and its port.
fn in_process(
    files: &[(&str, Vec<u8>)],
    limits: Limits,
) -> (std::sync::Arc<minsheng::serve::server::Gate>, u16) {
    let site: SiteFiles = files
        .iter()
        .map(|(p, b)| (p.to_string(), b.clone().into()))
        .collect();
    let state = State::new(
        std::sync::Arc::new(site),
        Vec::new(),
        minsheng::msg::Lang::En,
    );
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    (start(listener, state, limits, |_| {}).unwrap(), port)
}

/// Waits at most `within` for `gate` to count `want` (answering, streaming).
fn settles(gate: &minsheng::serve::server::Gate, want: (usize, usize), within: Duration) -> bool {
    let deadline = Instant::now() + within;
    while Instant::now() < deadline {
        if gate.open() == want {
            return true;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    false
}

#[test]
fn slow_senders_and_stuck_readers_are_dropped_in_time() {
    let limits = Limits {
        head_time: Duration::from_millis(300),
        write_timeout: Duration::from_millis(300),
        answer_time: Duration::from_secs(2),
        ..Limits::default()
    };
    let big = vec![b'x'; 16 << 20];
    let (gate, port) = in_process(&[("big.txt", big)], limits);
    let mut stuck = TcpStream::connect(addr(port)).unwrap();
    stuck.write_all(b"GET /big.txt HTTP/1.1\r\n\r\n").unwrap();
    let mut slow = TcpStream::connect(addr(port)).unwrap();
    slow.write_all(b"GET / HTTP/1.1\r\nX-Slow: ").unwrap();
    assert!(settles(&gate, (2, 0), Duration::from_secs(2)));
    assert!(
        settles(&gate, (0, 0), Duration::from_secs(5)),
        "still open: {:?}",
        gate.open()
    );
    slow.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    let mut raw = Vec::new();
    let _ = slow.read_to_end(&mut raw);
    assert_eq!(status(&raw), Some(408));
    drop(stuck);
}

#[test]
fn a_client_beyond_its_share_is_refused_at_once() {
    let limits = Limits {
        per_client: 2,
        ..Limits::default()
    };
    let (gate, port) = in_process(&[("index.html", b"<body>hi</body>".to_vec())], limits);
    let held: Vec<_> = (0..2)
        .map(|_| TcpStream::connect(addr(port)).unwrap())
        .collect();
    assert!(settles(&gate, (2, 0), Duration::from_secs(2)));
    let raw = exchange(port, b"GET / HTTP/1.0\r\n\r\n", Duration::from_secs(5));
    assert_eq!(raw.as_deref().and_then(status), Some(503));
    drop(held);
    assert!(answers_again(port, Duration::from_secs(12)));
}

#[test]
fn a_closed_live_reload_stream_gives_its_place_back_soon() {
    let (gate, port) = in_process(
        &[("index.html", b"<body>hi</body>".to_vec())],
        Limits::default(),
    );
    let mut page = TcpStream::connect(addr(port)).unwrap();
    page.write_all(b"GET /__minsheng/events HTTP/1.1\r\n\r\n")
        .unwrap();
    assert!(settles(&gate, (0, 1), Duration::from_secs(2)));
    drop(page);
    assert!(
        settles(&gate, (0, 0), Duration::from_secs(3)),
        "a reloading page would leave its old stream open: {:?}",
        gate.open()
    );
}

#[test]
fn a_foreign_host_name_is_refused_even_on_loopback() {
    // DNS rebinding: a page on attacker.example makes its name resolve to
    // 127.0.0.1; its requests then carry that name. Drafts must stay private.
    let s = site().file(
        "content/secret.md",
        "---\ntitle: 未公开\ndraft: true\n---\n内部稿\n",
    );
    let server = Server::start(s.root(), &["--port", "0", "--drafts"]);
    let port = server.port;
    let ask = |host: &str, path: &str| {
        let req = format!("GET {path} HTTP/1.1\r\nHost: {host}\r\n\r\n");
        exchange(port, req.as_bytes(), Duration::from_secs(5)).and_then(|r| status(&r))
    };
    assert_eq!(ask("127.0.0.1", "/secret/"), Some(200));
    assert_eq!(ask(&format!("localhost:{port}"), "/secret/"), Some(200));
    for host in ["attacker.example", &format!("attacker.example:{port}")] {
        for path in ["/secret/", "/", "/search.json", "/__minsheng/events"] {
            assert_eq!(ask(host, path), Some(403), "{host} {path}");
        }
    }
}

#[test]
fn live_reload_streams_never_starve_page_requests() {
    // Every open preview tab holds a stream; more of them than one address may
    // hold connections, or than streams are allowed, must leave pages served.
    let limits = Limits {
        per_client: 4,
        streams: 6,
        ..Limits::default()
    };
    let (gate, port) = in_process(&[("index.html", b"<body>hi</body>".to_vec())], limits);
    let mut tabs = Vec::new();
    for _ in 0..10 {
        let mut c = TcpStream::connect(addr(port)).unwrap();
        c.write_all(b"GET /__minsheng/events HTTP/1.1\r\n\r\n")
            .unwrap();
        tabs.push(c);
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(
        settles(&gate, (0, 6), Duration::from_secs(3)),
        "streams beyond their budget stay open: {:?}",
        gate.open()
    );
    for _ in 0..6 {
        let raw = exchange(port, b"GET / HTTP/1.0\r\n\r\n", Duration::from_secs(5));
        assert_eq!(raw.as_deref().and_then(status), Some(200));
    }
    drop(tabs);
}
