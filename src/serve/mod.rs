//! `minsheng serve`: build, serve on loopback, watch, rebuild incrementally, reload
//! open pages, and show build errors in the browser while serving the last good
//! build. The library never prints: what happens is reported as [`Event`]s.

pub(crate) mod hidden;
pub mod http;
pub(crate) mod request;
pub(crate) mod response;
pub mod server;
pub(crate) mod watch;

use std::net::{IpAddr, SocketAddr, TcpListener};
use std::path::PathBuf;
use std::sync::mpsc::channel;
use std::sync::Arc;

use crate::diag::Diagnostic;
use crate::error::{Error, Result};
use crate::session::{Outcome, Session};
use crate::t;

/// What `serve` is asked to do.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The site folder.
    pub root: PathBuf,
    /// The address to listen on (loopback unless asked).
    pub bind: IpAddr,
    /// The port to try first.
    pub port: u16,
    /// Include drafts.
    pub drafts: bool,
    /// Overrides `base_url`.
    pub base_url: Option<String>,
    /// The language of the error overlay.
    pub lang: crate::msg::Lang,
}

/// What the server tells its caller.
#[derive(Debug)]
pub enum Event<'a> {
    /// The first build finished (or failed: then pages show its errors).
    Built(&'a Outcome),
    /// Serving at this address.
    Listening {
        /// The URL to open.
        url: String,
        /// The port asked for was taken.
        moved_from: Option<u16>,
    },
    /// Listening beyond this machine.
    NotLoopback(IpAddr),
    /// A rebuild after changes.
    Rebuilt(&'a Outcome, &'a [PathBuf]),
    /// Something failed that the server goes on after: a rebuild could not even
    /// run (a file could not be read), or a connection could not be accepted.
    Failed(&'a Error),
}

/// Binds `bind:port`, or the next free port of the ten after it.
pub fn bind(bind: IpAddr, port: u16) -> Result<(TcpListener, u16)> {
    let mut last_error = None;
    for p in port..=port.saturating_add(10) {
        match TcpListener::bind(SocketAddr::new(bind, p)) {
            // Port 0 asks the system for a free port: report the one it gave.
            Ok(l) => {
                let got = l.local_addr().map_or(p, |a| a.port());
                return Ok((l, got));
            }
            Err(e) if e.kind() == std::io::ErrorKind::AddrInUse => last_error = Some(e),
            Err(e) => {
                return Err(Error::Bind(t!(
                    "无法在 {bind}:{p} 上打开预览：{e}",
                    "cannot listen on {bind}:{p}: {e}"
                )))
            }
        }
    }
    let last = port.saturating_add(10);
    let why = last_error.map_or_else(String::new, |e| e.to_string());
    Err(Error::Bind(t!(
        "{bind} 上的端口 {port} 到 {last} 都被别的程序占用了（{why}）；请用 --port 换一个，例如 --port 8080",
        "ports {port} to {last} on {bind} are all in use ({why}); pass another --port"
    )))
}

fn errors_of(o: &Outcome) -> Vec<Diagnostic> {
    o.diagnostics
        .iter()
        .filter(|d| d.is_error())
        .cloned()
        .collect()
}

/// Runs the server until the process ends.
pub fn run(opts: &ServeOptions, report: &mut dyn FnMut(Event<'_>)) -> Result<()> {
    // A server rebuilds on every edit: mimalloc's way suits that.
    crate::alloc::for_edits();
    // Watch before the first build: a save made while it runs is not lost.
    let (changes, _watcher) = watch::start(&opts.root)?;
    // A preview: --drafts shows what is not public yet, drafts and future pages.
    let preview = crate::site::Preview {
        drafts: opts.drafts,
        future: opts.drafts,
    };
    let mut session =
        Session::new(&opts.root, opts.base_url.as_deref(), preview).with_index_later();
    let first = session.rebuild_all()?;
    report(Event::Built(&first));
    // The server keeps its own copy, so the session can update its build in place.
    let served: crate::session::SiteFiles =
        session.good().map(|g| (*g).clone()).unwrap_or_default();
    let state = http::State::new(Arc::new(served), errors_of(&first), opts.lang);
    if session.index_waits() {
        state.index_pending();
    }
    if let Some(site) = session.site() {
        state.left_out(site);
    }
    // Its files are the session's and the server's now: kept here, they would
    // stay alive after every edit that replaces them (the server's memory grew
    // by the size of the site once all pages had been rebuilt).
    drop(first);

    let (listener, port) = bind(opts.bind, opts.port)?;
    if !opts.bind.is_loopback() {
        report(Event::NotLoopback(opts.bind));
    }
    // The main thread hears both the watcher and the server's troubles.
    let (tx, inputs) = channel();
    let watch_tx = tx.clone();
    std::thread::spawn(move || {
        for paths in changes {
            if watch_tx.send(Input::Changes(paths)).is_err() {
                return;
            }
        }
        let _ = watch_tx.send(Input::WatchEnded);
    });
    server::start(
        listener,
        state.clone(),
        server::Limits::default(),
        move |m| {
            let _ = tx.send(Input::Trouble(m));
        },
    )
    .map_err(|e| Error::Bind(t!("无法开始预览：{e}", "cannot serve: {e}")))?;
    let host = if opts.bind.is_unspecified() {
        "127.0.0.1".to_string()
    } else {
        opts.bind.to_string()
    };
    let host = if host.contains(':') {
        format!("[{host}]")
    } else {
        host
    };
    report(Event::Listening {
        url: format!("http://{host}:{port}/"),
        moved_from: (port != opts.port && opts.port != 0).then_some(opts.port),
    });
    let publish = |session: &Session, outcome: &Outcome| match (&outcome.files, session.good()) {
        (Some(_), Some(files)) => {
            if let Some(site) = session.site() {
                state.left_out(site);
            }
            state.publish(&files, &outcome.changed)
        }
        _ => state.fail(errors_of(outcome)),
    };
    // The pages are served; the search index follows (a request for it
    // waits meanwhile).
    if let Some(outcome) = session.complete() {
        match (&outcome.files, session.good()) {
            (Some(_), Some(files)) => state.publish_index(&files, &outcome.changed),
            _ => {
                state.index_given_up();
                state.fail(errors_of(&outcome));
                report(Event::Built(&outcome));
            }
        }
    }

    for input in inputs {
        let paths = match input {
            Input::Changes(paths) => paths,
            Input::Trouble(message) => {
                report(Event::Failed(&Error::Serve(message)));
                continue;
            }
            Input::WatchEnded => break,
        };
        match session.apply(&paths) {
            Ok(outcome) => {
                publish(&session, &outcome);
                report(Event::Rebuilt(&outcome, &paths));
            }
            Err(e) => report(Event::Failed(&e)),
        }
    }
    Ok(())
}

/// What the main thread of `serve` waits for.
enum Input {
    /// A batch of changed paths.
    Changes(Vec<PathBuf>),
    /// The server could not do something and goes on.
    Trouble(crate::msg::Text),
    /// The watcher stopped.
    WatchEnded,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::msg::Lang;

    #[test]
    fn a_failed_bind_is_told_in_both_languages() {
        // 192.0.2.1 is a documentation address: no machine has it.
        let Err(e) = bind("192.0.2.1".parse().unwrap(), 1111) else {
            return;
        };
        assert!(
            e.show(Lang::Zh)
                .starts_with("无法在 192.0.2.1:1111 上打开预览："),
            "{e}"
        );
        assert!(
            e.show(Lang::En)
                .starts_with("cannot listen on 192.0.2.1:1111: "),
            "{e}"
        );
    }
}
