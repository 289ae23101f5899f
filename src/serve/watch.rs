//! Watching the site's sources with notify. Events are coalesced: a burst (an
//! editor writing a temporary file and renaming it, a folder copied in) becomes
//! one batch of paths once the disk has been quiet for a moment. Only `site.toml`,
//! `content/`, `themes/`, `templates/` and `static/` are watched: never the output.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use notify::event::{AccessKind, AccessMode, CreateKind, ModifyKind};
use notify::{EventKind, RecursiveMode, Watcher};

use crate::error::{Error, Result};

/// The folders watched recursively.
pub(crate) const WATCHED_DIRS: &[&str] = &["content", "themes", "templates", "static"];

/// How long the disk must be quiet before a batch is built.
pub(crate) const QUIET: Duration = Duration::from_millis(4);
/// The longest a batch waits for quiet.
pub(crate) const MAX_WAIT: Duration = Duration::from_millis(250);

fn relevant(root: &Path, path: &Path) -> bool {
    let Ok(rel) = path.strip_prefix(root) else {
        return false;
    };
    let first = rel
        .components()
        .next()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .unwrap_or_default();
    first == crate::parse::config::CONFIG_FILE || WATCHED_DIRS.contains(&first.as_str())
}

/// Keeps the watcher alive; dropping it stops watching.
pub(crate) type WatchGuard = Arc<Mutex<notify::RecommendedWatcher>>;

/// Starts watching `root`; batches of changed paths arrive on the returned channel.
/// The returned guard keeps the watcher alive.
pub(crate) fn start(root: &Path) -> Result<(Receiver<Vec<PathBuf>>, WatchGuard)> {
    let root = root.canonicalize().map_err(|e| Error::io(root, e))?;
    let (raw_tx, raw_rx) = channel::<Raw>();
    let watcher = notify::recommended_watcher(move |res: notify::Result<notify::Event>| {
        if let Ok(event) = res {
            let raw: fn(PathBuf) -> Raw = match event.kind {
                // A file written and closed: its writer is done with it.
                EventKind::Access(AccessKind::Close(AccessMode::Write)) => Raw::Closed,
                // Reads (ours included: a rebuild opens files) and metadata
                // changes do not change what the site says.
                EventKind::Access(_) | EventKind::Modify(ModifyKind::Metadata(_)) => return,
                EventKind::Create(CreateKind::File)
                | EventKind::Modify(ModifyKind::Data(_) | ModifyKind::Any) => Raw::Written,
                _ => Raw::Changed,
            };
            for p in event.paths {
                let _ = raw_tx.send(raw(p));
            }
        }
    })
    .map_err(|e| Error::Watch(cannot_watch(&root, &e)))?;
    let watcher = Arc::new(Mutex::new(watcher));
    {
        let mut w = watcher.lock().unwrap_or_else(|e| e.into_inner());
        w.watch(&root, RecursiveMode::NonRecursive)
            .map_err(|e| Error::Watch(cannot_watch(&root, &e)))?;
        for d in WATCHED_DIRS {
            let dir = root.join(d);
            if dir.is_dir() {
                w.watch(&dir, RecursiveMode::Recursive)
                    .map_err(|e| Error::Watch(cannot_watch(&dir, &e)))?;
            }
        }
    }
    let (tx, rx) = channel();
    let guard = watcher.clone();
    std::thread::spawn(move || coalesce(&root, &raw_rx, &tx, &guard));
    Ok((rx, watcher))
}

/// One path of a file-system event, as the batching needs it.
enum Raw {
    /// Data written to a file (or a file made): more may follow until it is closed.
    Written(PathBuf),
    /// A file written and closed (Linux tells this; other systems do not).
    Closed(PathBuf),
    /// Anything else: removed, renamed, a folder made.
    Changed(PathBuf),
}

/// The paths of a burst of events, and whether it is surely over: every file
/// written in it was closed since, and nothing else happened.
#[derive(Default)]
struct Batch {
    paths: BTreeSet<PathBuf>,
    open: BTreeSet<PathBuf>,
    other: bool,
}

impl Batch {
    fn take(&mut self, raw: Raw) {
        match raw {
            Raw::Written(p) => {
                self.open.insert(p.clone());
                self.paths.insert(p);
            }
            Raw::Closed(p) => {
                // A file opened for writing and closed unchanged is no change.
                self.open.remove(&p);
            }
            Raw::Changed(p) => {
                self.other = true;
                self.paths.insert(p);
            }
        }
    }

    /// Every file written was closed and nothing else happened: an editor's
    /// save in place is over, no need to wait for quiet.
    fn done(&self) -> bool {
        !self.paths.is_empty() && self.open.is_empty() && !self.other
    }
}

fn coalesce(
    root: &Path,
    raw: &Receiver<Raw>,
    out: &Sender<Vec<PathBuf>>,
    watcher: &Arc<Mutex<notify::RecommendedWatcher>>,
) {
    loop {
        let Ok(first) = raw.recv() else { return };
        let mut batch = Batch::default();
        batch.take(first);
        if batch.paths.is_empty() {
            continue;
        }
        let started = Instant::now();
        loop {
            // What has arrived already joins the batch first.
            while let Ok(r) = raw.try_recv() {
                batch.take(r);
            }
            if batch.done() || started.elapsed() > MAX_WAIT {
                break;
            }
            match raw.recv_timeout(QUIET) {
                Ok(r) => batch.take(r),
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => return,
            }
        }
        let batch = batch.paths;
        // A watched folder created after start (templates/ say) is watched from now on.
        for p in &batch {
            if p.parent() == Some(root)
                && p.is_dir()
                && p.file_name()
                    .is_some_and(|n| WATCHED_DIRS.iter().any(|d| n == *d))
            {
                let _ = watcher
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .watch(p, RecursiveMode::Recursive);
            }
        }
        let paths: Vec<PathBuf> = batch.into_iter().filter(|p| relevant(root, p)).collect();
        if !paths.is_empty() && out.send(paths).is_err() {
            return;
        }
    }
}

/// The failure to watch a folder for changes.
fn cannot_watch(dir: &std::path::Path, e: &dyn std::fmt::Display) -> crate::msg::Text {
    let dir = dir.display();
    crate::t!(
        "无法跟踪 {dir} 里文件的改动：{e}；请关掉其他占用文件夹的程序后重新运行 minsheng serve",
        "cannot watch {dir}: {e}"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> PathBuf {
        PathBuf::from(s)
    }

    #[test]
    fn a_save_in_place_is_over_when_every_written_file_is_closed() {
        let mut b = Batch::default();
        b.take(Raw::Written(p("/s/content/a.md")));
        b.take(Raw::Written(p("/s/content/b.md")));
        b.take(Raw::Closed(p("/s/content/a.md")));
        assert!(!b.done(), "b.md is still open");
        b.take(Raw::Closed(p("/s/content/b.md")));
        assert!(b.done());
        assert_eq!(b.paths.len(), 2);
    }

    #[test]
    fn a_rename_or_removal_waits_for_quiet() {
        let mut b = Batch::default();
        b.take(Raw::Written(p("/s/content/.a.md.tmp")));
        b.take(Raw::Closed(p("/s/content/.a.md.tmp")));
        b.take(Raw::Changed(p("/s/content/a.md")));
        assert!(!b.done());
        let mut b = Batch::default();
        b.take(Raw::Changed(p("/s/content/gone.md")));
        assert!(!b.done());
    }

    #[test]
    fn a_file_closed_unchanged_is_no_change() {
        let mut b = Batch::default();
        b.take(Raw::Closed(p("/s/content/a.md")));
        assert!(b.paths.is_empty() && !b.done());
    }
}
