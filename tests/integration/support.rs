//! Test helpers: throw-away sites, building them, reading the output, and a tiny
//! loopback HTTP server for the browser tests.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};

use minsheng::cmd::build::{build_in_memory, run, BuildOptions, Built};
use minsheng::diag::Diagnostic;

/// The repository root: the bundled example site.
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A site written into a fresh temporary folder.
pub struct SiteTest {
    pub dir: tempfile::TempDir,
}

pub const MINIMAL_CONFIG: &str = "title = \"测试站\"\nbase_url = \"https://example.org/\"\n";

impl SiteTest {
    /// A site with only a site.toml.
    pub fn new() -> Self {
        let t = SiteTest {
            dir: tempfile::tempdir().unwrap(),
        };
        t.file("site.toml", MINIMAL_CONFIG)
    }

    /// Writes (or replaces) a file of the site.
    pub fn file(self, rel: &str, text: &str) -> Self {
        self.bytes(rel, text.as_bytes())
    }

    /// Writes raw bytes.
    pub fn bytes(self, rel: &str, bytes: &[u8]) -> Self {
        let p = self.dir.path().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, bytes).unwrap();
        self
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    /// Builds in memory.
    pub fn build(&self) -> Built {
        build_in_memory(self.root(), None, false).unwrap()
    }

    /// Builds in memory and expects success.
    pub fn build_ok(&self) -> Output {
        let b = self.build();
        assert_eq!(
            b.error_count(),
            0,
            "unexpected errors:\n{}",
            render(&b.diagnostics)
        );
        Output(
            b.files
                .unwrap()
                .into_iter()
                .map(|f| (f.path, f.bytes.to_vec()))
                .collect(),
        )
    }

    /// Builds in memory and expects errors; returns all diagnostics as text.
    pub fn build_err(&self) -> String {
        self.build_err_in(minsheng::msg::Lang::En)
    }

    /// The errors of a build that must fail, as shown in `lang`.
    pub fn build_err_in(&self, lang: minsheng::msg::Lang) -> String {
        let b = self.build();
        assert!(b.files.is_none(), "expected the build to fail");
        render_in(&b.diagnostics, lang)
    }

    /// Builds to disk into `out` (relative to the site).
    pub fn build_to(&self, out: &str) -> Built {
        let mut opts = BuildOptions::new(self.root());
        opts.output = out.into();
        run(&opts).unwrap()
    }
}

/// Diagnostics as the terminal shows them, in English (the Chinese text is pinned
/// by the tests of `messages.rs`).
pub fn render(diags: &[Diagnostic]) -> String {
    render_in(diags, minsheng::msg::Lang::En)
}

/// Diagnostics as the terminal shows them, in `lang`.
pub fn render_in(diags: &[Diagnostic], lang: minsheng::msg::Lang) -> String {
    diags
        .iter()
        .map(|d| format!("{}\n", d.show(lang)))
        .collect()
}

/// A built site in memory: output path → bytes.
pub struct Output(pub BTreeMap<String, Vec<u8>>);

impl Output {
    pub fn text(&self, path: &str) -> String {
        let b = self.0.get(path).unwrap_or_else(|| {
            panic!(
                "no {path} in output; have: {:?}",
                self.0.keys().collect::<Vec<_>>()
            )
        });
        String::from_utf8(b.clone()).unwrap()
    }
    pub fn has(&self, path: &str) -> bool {
        self.0.contains_key(path)
    }
}

/// Runs the `minsheng` binary with English messages: (exit status, stdout, stderr).
pub fn run_bin(args: &[&str]) -> (i32, String, String) {
    run_bin_env(&[("MINSHENG_LANG", "en")], args)
}

/// Runs the `minsheng` binary with `env` set (and `MINSHENG_LANG` unset unless
/// `env` sets it): (exit status, stdout, stderr).
pub fn run_bin_env(env: &[(&str, &str)], args: &[&str]) -> (i32, String, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_minsheng"))
        .env_remove("MINSHENG_LANG")
        .envs(env.iter().copied())
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The example site at the repository root, built in memory; it must build.
pub fn example_output() -> Output {
    let built = minsheng::cmd::build::build_in_memory(&repo_root(), None, false).unwrap();
    Output::from_files(built.files.expect("the example site builds"))
}

impl Output {
    /// The output of a build.
    pub fn from_files(files: Vec<minsheng::render::OutputFile>) -> Output {
        Output(
            files
                .into_iter()
                .map(|f| (f.path, f.bytes.to_vec()))
                .collect(),
        )
    }
}

/// Every file under `dir`, relative path → bytes.
pub fn read_tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

/// Serves `dir` on 127.0.0.1 under `prefix` (e.g. `/sub/path/`), as a plain static
/// host would: folders answer with their index.html, unknown paths with 404.html.
/// Returns the base URL. The server thread lives until the test process ends.
pub fn serve(dir: PathBuf, prefix: &'static str) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let dir = dir.clone();
            std::thread::spawn(move || {
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                let mut line = String::new();
                if reader.read_line(&mut line).is_err() {
                    return;
                }
                loop {
                    let mut h = String::new();
                    if reader.read_line(&mut h).is_err() || h.trim().is_empty() {
                        break;
                    }
                }
                let target = line.split_whitespace().nth(1).unwrap_or("/");
                let target = target.split(['?', '#']).next().unwrap_or("");
                let decoded = percent_decode(target);
                let (status, body, ctype) = match decoded.strip_prefix(prefix) {
                    Some(rel) if !rel.split('/').any(|s| s == "..") => {
                        let mut p = dir.join(rel);
                        if p.is_dir() {
                            p = p.join("index.html");
                        }
                        match std::fs::read(&p) {
                            Ok(b) => ("200 OK", b, content_type(&p)),
                            Err(_) => (
                                "404 Not Found",
                                std::fs::read(dir.join("404.html")).unwrap_or_default(),
                                "text/html; charset=utf-8",
                            ),
                        }
                    }
                    _ => ("404 Not Found", Vec::new(), "text/plain"),
                };
                let head = format!("HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n", body.len());
                let _ = stream.write_all(head.as_bytes());
                let _ = stream.write_all(&body);
            });
        }
    });
    format!("http://127.0.0.1:{port}{prefix}")
}

fn content_type(p: &Path) -> &'static str {
    match p.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("svg") => "image/svg+xml",
        Some("xml") => "application/xml",
        Some("json") => "application/json",
        Some("csv") => "text/csv; charset=utf-8",
        _ => "application/octet-stream",
    }
}

pub fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            if let Ok(v) =
                u8::from_str_radix(std::str::from_utf8(&b[i + 1..i + 3]).unwrap_or("zz"), 16)
            {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}
