//! The dev server's HTTP side: serves the last good build from memory (never the
//! disk, so nothing but the site can be reached), refuses traversal attempts,
//! injects the live-reload script and, while a rebuild has failed, the error
//! overlay into every HTML page; streams reload events over Server-Sent Events.

use std::io::Write;
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;

use super::response::{Answer, Body};
use crate::diag::Diagnostic;
use crate::msg::Lang;
use crate::session::SiteFiles;
use crate::t;
use crate::text::escape::html as xml_escape;

/// Where the live-reload script is served.
pub const SCRIPT_PATH: &str = "/__minsheng/livereload.js";
/// Where the event stream is served.
pub const EVENTS_PATH: &str = "/__minsheng/events";

const SCRIPT: &str = r#"// minsheng serve: reloads the page after a rebuild; shows build errors.
(function () {
  var down = false;
  // The build this page came from: a page that missed an event while loading
  // (or while hidden) hears the current build on connecting, and reloads if it
  // is newer.
  var generation = document.currentScript && document.currentScript.getAttribute("data-generation");
  var es = null;
  function connect() {
    es = new EventSource("/__minsheng/events");
    es.addEventListener("hello", function (e) { if (generation && e.data !== generation) location.reload(); });
    es.addEventListener("reload", function () { location.reload(); });
    es.addEventListener("css", function () {
      var links = document.querySelectorAll('link[rel="stylesheet"]');
      for (var i = 0; i < links.length; i++) {
        var u = new URL(links[i].href);
        u.searchParams.set("minsheng", String(Date.now()));
        links[i].href = u.href;
      }
    });
    es.addEventListener("errors", function (e) {
      var old = document.getElementById("minsheng-overlay");
      if (old) old.remove();
      var box = document.createElement("div");
      box.innerHTML = e.data;
      if (box.firstElementChild) document.body.insertBefore(box.firstElementChild, document.body.firstChild);
    });
    es.onerror = function () { down = true; };
    // The server restarted: what it serves now may differ from this page.
    es.onopen = function () { if (down) location.reload(); };
  }
  // A browser keeps six connections per host; an open stream holds one. Only
  // visible tabs listen, so a seventh preview tab still loads; a tab shown
  // again asks for the current build and reloads if it missed one.
  document.addEventListener("visibilitychange", function () {
    if (document.hidden && es) { es.close(); es = null; down = false; }
    else if (!document.hidden && !es) connect();
  });
  if (!document.hidden) connect();
})();
"#;

/// What the server shares between its threads.
pub struct State {
    /// Counts publishes and failures: which build a page came from.
    generation: std::sync::atomic::AtomicU64,
    site: RwLock<Arc<SiteFiles>>,
    errors: RwLock<Vec<Diagnostic>>,
    clients: Mutex<Vec<Sender<String>>>,
    /// The language of the error overlay.
    lang: Lang,
    /// Pages the preview leaves out, for the 404 page to name.
    hidden: super::hidden::Hidden,
    /// Set while the search index follows the first build's pages (see
    /// `Session::with_index_later`): a request for its files waits for it.
    index_pending: Mutex<bool>,
    index_ready: std::sync::Condvar,
}

/// How long a request for the index waits for it to be made.
const INDEX_WAIT: std::time::Duration = std::time::Duration::from_secs(30);

impl State {
    /// State serving `site`.
    pub fn new(site: Arc<SiteFiles>, errors: Vec<Diagnostic>, lang: Lang) -> Arc<State> {
        Arc::new(State {
            lang,
            generation: std::sync::atomic::AtomicU64::new(1),
            site: RwLock::new(site),
            errors: RwLock::new(errors),
            clients: Mutex::new(Vec::new()),
            hidden: super::hidden::Hidden::default(),
            index_pending: Mutex::new(false),
            index_ready: std::sync::Condvar::new(),
        })
    }

    /// The search index is being made: requests for its files wait for
    /// [`State::publish_index`] (or [`State::index_given_up`]).
    pub fn index_pending(&self) {
        *self.index_pending.lock().unwrap_or_else(|e| e.into_inner()) = true;
    }

    /// The search index made after the pages: its `changed` files of `site`
    /// are taken over. No page changed, so open pages are not told.
    pub fn publish_index(&self, site: &SiteFiles, changed: &[String]) {
        self.take_over(site, changed);
        self.index_given_up();
    }

    /// No index follows after all (its build failed): waiting requests are
    /// answered with what there is.
    pub fn index_given_up(&self) {
        *self.index_pending.lock().unwrap_or_else(|e| e.into_inner()) = false;
        self.index_ready.notify_all();
    }

    /// Waits, at most [`INDEX_WAIT`], while the index is pending.
    fn wait_for_index(&self) {
        let pending = self.index_pending.lock().unwrap_or_else(|e| e.into_inner());
        let _ = self
            .index_ready
            .wait_timeout_while(pending, INDEX_WAIT, |p| *p);
    }

    /// The pages `site` (the latest good build) leaves out, for the 404 page
    /// to name.
    pub(crate) fn left_out(&self, site: &crate::site::Site) {
        self.hidden.set(site);
    }

    /// The language of the server's own words (overlay, plain answers).
    pub(crate) fn lang(&self) -> Lang {
        self.lang
    }

    /// A rebuild succeeded: take over the `changed` files of `site`, clear errors,
    /// tell open pages.
    pub fn publish(&self, site: &SiteFiles, changed: &[String]) {
        self.take_over(site, changed);
        let had_errors =
            !std::mem::take(&mut *self.errors.write().unwrap_or_else(|e| e.into_inner()))
                .is_empty();
        if changed.is_empty() && !had_errors {
            return;
        }
        self.generation
            .fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        // 404.html inlines the stylesheet, so it changes with it; it is no reason to reload.
        let css_only = !had_errors
            && changed.iter().any(|p| p.ends_with(".css"))
            && changed
                .iter()
                .all(|p| p.ends_with(".css") || p == "404.html");
        self.broadcast(if css_only {
            "event: css\ndata: {}\n\n".to_string()
        } else {
            "event: reload\ndata: {}\n\n".to_string()
        });
    }

    /// Serves the `changed` files of `site` from now on.
    fn take_over(&self, site: &SiteFiles, changed: &[String]) {
        let mut served = self.site.write().unwrap_or_else(|e| e.into_inner());
        let served = Arc::make_mut(&mut served);
        for path in changed {
            match site.get(path) {
                Some(bytes) => served.insert(path.clone(), bytes.clone()),
                None => served.remove(path),
            };
        }
    }

    /// A rebuild failed: keep serving the last good site, show `errors` everywhere.
    pub fn fail(&self, errors: Vec<Diagnostic>) {
        let html = overlay(&errors, self.lang);
        *self.errors.write().unwrap_or_else(|e| e.into_inner()) = errors;
        self.generation
            .fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        let data: String = html.lines().map(|l| format!("data: {l}\n")).collect();
        self.broadcast(format!("event: errors\n{data}\n"));
    }

    fn broadcast(&self, event: String) {
        let mut clients = self.clients.lock().unwrap_or_else(|e| e.into_inner());
        clients.retain(|c| c.send(event.clone()).is_ok());
    }
}

/// How many errors of one file the overlay shows.
const OVERLAY_PER_FILE: usize = 20;

/// The overlay listing build errors, as HTML that needs no script or stylesheet.
pub fn overlay(errors: &[Diagnostic], lang: Lang) -> String {
    let title = t!("构建出错", "The site has errors");
    let body = t!(
        "下面是上一次成功生成的网页。按提示改好文件并保存，这条消息会自己消失。",
        "The page below is the last good build. Fix the file and save: this message goes away by itself."
    );
    let mut h = format!(
        "<div id=\"minsheng-overlay\" role=\"alert\" lang=\"{}\" style=\"position:fixed;inset:0;z-index:2147483647;overflow:auto;background:rgba(20,20,20,.94);color:#fff;padding:1.5rem;font:15px/1.5 monospace\">\n<h2 style=\"color:#ffb4a9;margin:0 0 1rem;font:bold 20px sans-serif\">{}</h2>\n<p style=\"font-family:sans-serif\">{}</p>\n",
        lang_tag(lang),
        title.get(lang),
        body.get(lang)
    );
    // Each file's first errors (the overlay goes into every page served).
    let errors: Vec<&Diagnostic> = errors.iter().filter(|d| d.is_error()).collect();
    for file in errors.chunk_by(|a, b| a.path == b.path) {
        for d in file.iter().take(OVERLAY_PER_FILE) {
            h.push_str("<pre style=\"white-space:pre-wrap;border-left:4px solid #ff8a7a;padding:.5rem 1rem;background:#2a2a2a\">");
            h.push_str(&xml_escape(&d.show(lang).to_string()));
            h.push_str("</pre>\n");
        }
        if let Some(more) = crate::diag::left_out(file, OVERLAY_PER_FILE, lang) {
            h.push_str(&format!(
                "<p style=\"font-family:sans-serif\">{}</p>\n",
                xml_escape(&more)
            ));
        }
    }
    h.push_str("</div>");
    h
}

use crate::text::url::site_path;

/// The `lang` attribute for text in `lang`.
fn lang_tag(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "zh-CN",
        Lang::En => "en",
    }
}

/// The content type of an output path.
pub fn content_type(path: &str) -> &'static str {
    match path.rsplit('.').next().unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "svg" => "image/svg+xml",
        "xml" => "application/xml; charset=utf-8",
        "json" => "application/json",
        "csv" => "text/csv; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "woff2" => "font/woff2",
        _ => "application/octet-stream",
    }
}

/// A site path as a URL path: `民生/` → `/%E6%B0%91%E7%94%9F/`.
pub fn url_path(rel: &str) -> String {
    format!("/{}", crate::text::escape::url_path(rel))
}

fn html(status: u16, page: String) -> Answer {
    Answer {
        status,
        ctype: "text/html; charset=utf-8",
        body: Body::Owned(page.into_bytes()),
        headers: Vec::new(),
    }
}

/// What the server answers to a GET of `url`. Shared by the HTTP handler and the
/// tests; HEAD answers the same without the body.
pub fn answer(state: &State, url: &str) -> Answer {
    let Some(rel) = site_path(url) else {
        let text = t!(
            "请求有误：这不是网站里的地址。",
            "Bad request: not a path inside the site."
        );
        return Answer::text(400, text.get(state.lang));
    };
    if url.split('?').next() == Some(SCRIPT_PATH) {
        return Answer {
            status: 200,
            ctype: "text/javascript; charset=utf-8",
            body: Body::Owned(SCRIPT.as_bytes().to_vec()),
            headers: Vec::new(),
        };
    }
    if crate::render::is_index_path(&rel) {
        state.wait_for_index();
    }
    let site = state.site.read().unwrap_or_else(|e| e.into_inner()).clone();
    if site.is_empty() {
        // No good build yet: every page is the error report.
        let errors = state.errors.read().unwrap_or_else(|e| e.into_inner());
        let title = t!("网站还没有生成", "No site yet");
        let page = format!(
            "<!doctype html><html lang=\"{}\"><head><meta charset=\"utf-8\"><title>minsheng: {}</title></head><body><main><h1>{}</h1></main>{}<script src=\"{SCRIPT_PATH}\" data-generation=\"{}\"></script></body></html>",
            lang_tag(state.lang),
            title.get(state.lang),
            title.get(state.lang),
            overlay(&errors, state.lang),
            state.generation.load(std::sync::atomic::Ordering::SeqCst)
        );
        return html(503, page);
    }
    let key = if rel.is_empty() || rel.ends_with('/') {
        format!("{rel}index.html")
    } else {
        rel.clone()
    };
    let (status, key) = match site.get(&key) {
        Some(_) => (200, key),
        None if site.contains_key(&format!("{key}/index.html")) => {
            let to = url_path(&format!("{rel}/"));
            return Answer::text(301, &to).with("Location", to);
        }
        None => (404, "404.html".to_string()),
    };
    let generation = state.generation.load(std::sync::atomic::Ordering::SeqCst);
    let hidden = if status == 404 {
        state.hidden.get(&rel)
    } else {
        None
    };
    let Some(body) = site.get(&key) else {
        let text = match &hidden {
            Some(page) => super::hidden::notice_text(page).get(state.lang).to_owned(),
            None => t!("找不到这个页面。", "Not found.")
                .get(state.lang)
                .to_owned(),
        };
        return Answer::text(404, &text);
    };
    // The site is let go at once: while a request holds it, a rebuild that
    // publishes must copy all of it (fourteen thousand paths at 10,000 pages).
    let body = body.clone();
    drop(site);
    let ctype = content_type(&key);
    if !ctype.starts_with("text/html") {
        return Answer {
            status,
            ctype,
            body: Body::Shared(body),
            headers: Vec::new(),
        };
    }
    let errors = state.errors.read().unwrap_or_else(|e| e.into_inner());
    let mut inject =
        format!("<script src=\"{SCRIPT_PATH}\" data-generation=\"{generation}\"></script>\n");

    if !errors.is_empty() {
        inject.push_str(&overlay(&errors, state.lang));
    }
    let mut page = String::from_utf8_lossy(&body);
    if let Some(hidden) = &hidden {
        // At the top of the page, where the reader looks first.
        let notice = super::hidden::notice(hidden, state.lang);
        let at = page
            .find("<body")
            .and_then(|b| Some(b + page[b..].find('>')? + 1))
            .unwrap_or(0);
        page = format!("{}{notice}{}", &page[..at], &page[at..]).into();
    }
    let page = match page.rfind("</body>") {
        Some(i) => format!("{}{inject}{}", &page[..i], &page[i..]),
        None => format!("{page}{inject}"),
    };
    html(status, page)
}

/// How often a stream checks that its page is still there.
const STREAM_TICK: Duration = Duration::from_millis(500);
/// How often an idle stream sends a comment (it keeps proxies from closing it).
const STREAM_PING: Duration = Duration::from_secs(15);

/// One page listening for rebuilds, on its own connection, flushed per event;
/// returns soon after the page goes away (`gone` says so, or a write fails).
pub fn events(state: &Arc<State>, mut w: impl Write, gone: impl Fn() -> bool) {
    let (tx, rx): (Sender<String>, Receiver<String>) = channel();
    state
        .clients
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .push(tx);
    let generation = state.generation.load(std::sync::atomic::Ordering::SeqCst);
    let head = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: close\r\n\r\nretry: 500\n\nevent: hello\ndata: {generation}\n\n"
    );
    if w.write_all(head.as_bytes())
        .and_then(|_| w.flush())
        .is_err()
    {
        return;
    }
    let mut quiet = Duration::ZERO;
    loop {
        let msg = match rx.recv_timeout(STREAM_TICK) {
            Ok(m) => m,
            Err(RecvTimeoutError::Timeout) if gone() => return,
            Err(RecvTimeoutError::Timeout) => {
                quiet += STREAM_TICK;
                if quiet < STREAM_PING {
                    continue;
                }
                ": ping\n\n".to_string()
            }
            Err(RecvTimeoutError::Disconnected) => return,
        };
        quiet = Duration::ZERO;
        if w.write_all(msg.as_bytes()).and_then(|_| w.flush()).is_err() {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_overlay_shows_each_files_first_errors() {
        let errors: Vec<Diagnostic> = (1..=5000)
            .map(|l| Diagnostic::error("content/a.md", "坏").at("", l, 1))
            .collect();
        let h = overlay(&errors, Lang::Zh);
        assert_eq!(h.matches("<pre").count(), OVERLAY_PER_FILE);
        assert!(
            h.contains("content/a.md：第 21–5000 行还有 4980 处问题没有列出"),
            "{h}"
        );
        assert!(h.len() < 20_000, "{}", h.len());
    }

    #[test]
    fn paths_stay_inside_the_site() {
        assert_eq!(site_path("/reports/a/?x=1").as_deref(), Some("reports/a/"));
        assert_eq!(site_path("/%E6%B0%91/").as_deref(), Some("民/"));
        for bad in [
            "/../etc/passwd",
            "/a/%2e%2e/b",
            "/%2e%2e%2fetc",
            "//etc/passwd",
            "/a\\b",
            "/a%00",
            "/%zz",
            "relative",
            "/c:/x",
            "/%ff",
        ] {
            assert_eq!(site_path(bad), None, "{bad}");
        }
    }

    #[test]
    fn plain_answers_speak_the_sites_language() {
        let site: SiteFiles = [("index.html".to_string(), Arc::from(&b"<p>"[..]))].into();
        let text = |a: Answer| match a.body {
            Body::Owned(b) => (a.status, String::from_utf8(b).unwrap()),
            Body::Shared(b) => (a.status, String::from_utf8(b.to_vec()).unwrap()),
        };
        let zh = State::new(Arc::new(site.clone()), Vec::new(), Lang::Zh);
        assert_eq!(
            text(answer(&zh, "/../etc/passwd")),
            (400, "请求有误：这不是网站里的地址。\n".to_string())
        );
        assert_eq!(
            text(answer(&zh, "/nothing/")),
            (404, "找不到这个页面。\n".to_string())
        );
        let en = State::new(Arc::new(site), Vec::new(), Lang::En);
        assert_eq!(
            text(answer(&en, "/nothing/")),
            (404, "Not found.\n".to_string())
        );
    }

    #[test]
    fn an_index_made_later_is_waited_for_and_reloads_no_page() {
        let page = |b: &[u8]| -> Arc<[u8]> { Arc::from(b) };
        let mut site: SiteFiles = [("index.html".to_string(), page(b"<p>"))].into();
        let state = State::new(Arc::new(site.clone()), Vec::new(), Lang::Zh);
        let (tx, rx) = std::sync::mpsc::channel();
        state.clients.lock().unwrap().push(tx);
        let generation = || state.generation.load(std::sync::atomic::Ordering::SeqCst);
        let before = generation();
        state.index_pending();
        // A page is answered at once; the index's request waits for it.
        assert_eq!(answer(&state, "/").status, 200);
        let asking = {
            let state = state.clone();
            std::thread::spawn(move || answer(&state, "/search.json").status)
        };
        std::thread::sleep(std::time::Duration::from_millis(100));
        assert!(!asking.is_finished(), "the request waits for the index");
        site.insert("search.json".into(), page(b"{}"));
        state.publish_index(&site, &["search.json".into()]);
        assert_eq!(asking.join().unwrap(), 200);
        assert_eq!(generation(), before, "no page changed");
        assert!(rx.try_recv().is_err(), "open pages are not told");
        // A later change of it with a page reloads them, as ever.
        site.insert("index.html".into(), page(b"<p>new"));
        state.publish(&site, &["index.html".into(), "search.json".into()]);
        assert!(rx.try_recv().unwrap().contains("reload"));
        assert!(generation() > before);
    }

    #[test]
    fn url_paths_are_percent_encoded() {
        assert_eq!(url_path("民生/"), "/%E6%B0%91%E7%94%9F/");
        assert_eq!(url_path("a b/100%?#/"), "/a%20b/100%25%3F%23/");
        assert_eq!(url_path("reports/"), "/reports/");
    }
}
