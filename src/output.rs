//! WRITE: the only module that writes the built site. Everything is written into a
//! fresh staging folder beside the output, and swapped in only when all of it was
//! written: a failed build leaves the previous site untouched. Every path is checked
//! to stay inside the output folder, whatever a slug or file name said upstream.
//! Every output holds a marker file, [`MARKER`]: a non-empty folder without it was
//! not written by minsheng and is replaced only when forced.

use std::path::{Component, Path, PathBuf};

use rayon::prelude::*;

use crate::error::{Error, Result};
use crate::render::OutputFile;

/// Checks that `rel` is a plain relative path (no `..`, no root, no drive, no
/// backslash, no empty or hidden-dot components) and joins it to `dir`.
pub fn confined_join(dir: &Path, rel: &str) -> Result<PathBuf> {
    let bad = |why: crate::msg::Text| {
        let (zh, en) = (why.zh(), why.en());
        Error::Refused(crate::t!(
            "不写“{rel}”：{zh}",
            "refusing to write `{rel}`: {en}"
        ))
    };
    if rel.is_empty() || rel.contains('\\') || rel.contains('\0') || rel.starts_with('/') {
        return Err(bad(crate::t!(
            "它不是输出文件夹里的相对路径",
            "not a relative path inside the output folder"
        )));
    }
    let mut out = dir.to_path_buf();
    for part in rel.split('/') {
        if part.is_empty() || part == "." || part == ".." {
            return Err(bad(crate::t!(
                "它会跑到输出文件夹外面",
                "it would leave the output folder"
            )));
        }
        let p = Path::new(part);
        if !matches!(p.components().next(), Some(Component::Normal(_)))
            || p.components().count() != 1
        {
            return Err(bad(crate::t!(
                "它会跑到输出文件夹外面",
                "it would leave the output folder"
            )));
        }
        out.push(part);
    }
    Ok(out)
}

/// A sibling of `output` named `.NAME.minsheng-SUFFIX`.
fn sibling(output: &Path, suffix: &str) -> PathBuf {
    let name = output
        .file_name()
        .map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
    output.with_file_name(format!(".{name}.minsheng-{suffix}"))
}

fn remove_dir(path: &Path) -> Result<()> {
    match std::fs::remove_dir_all(path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(Error::io(path, e)),
    }
}

/// The file every output folder holds, to tell it from folders minsheng did not write.
pub const MARKER: &str = ".minsheng-output";

const MARKER_TEXT: &str =
    "This folder was written by `minsheng build`; each build replaces all of it.\n";

/// Refuses an `output` that is a file, or a non-empty folder without [`MARKER`]
/// (unless `force`): replacing it would delete files minsheng did not write.
pub fn check_replaceable(output: &Path, force: bool) -> Result<()> {
    if output.exists() && !output.is_dir() {
        let o = output.display();
        return Err(Error::Refused(crate::t!(
            "{o} 已经有了，而且不是文件夹：请用 --output 换一个地方",
            "{o} exists and is not a folder; choose another --output"
        )));
    }
    if force || !output.is_dir() || output.join(MARKER).is_file() {
        return Ok(());
    }
    let mut entries = std::fs::read_dir(output).map_err(|e| Error::io(output, e))?;
    if entries.next().is_none() {
        return Ok(());
    }
    let o = output.display();
    Err(Error::Refused(crate::t!(
        "不替换 {o}：这个文件夹里有东西，而且不是 minsheng 生成的（没有 {MARKER} 文件），生成到这里会删掉里面的全部文件。请用 --output 选一个新的或空的文件夹；如果里面的东西都可以删，加上 --force（旧版本 minsheng 生成的文件夹也没有这个标记，加一次 --force 即可）",
        "refusing to replace {o}: the folder is not empty and was not written by minsheng (it has no {MARKER} file), so building into it would delete what it holds. Choose a new or empty folder with --output, or pass --force if everything in it may be deleted (a folder built by a minsheng older than this check has no marker either: pass --force once)"
    )))
}

/// Writes `files` as the new content of `output`, atomically from a reader's point
/// of view: staging folder first, then a [`swap`]. Refuses what [`check_replaceable`]
/// refuses.
pub fn write_site(output: &Path, files: &[OutputFile], force: bool) -> Result<()> {
    let stager = Stager::begin(output, force)?;
    files.par_iter().for_each(|f| stager.put(&f.path, &f.bytes));
    stager.finish()
}

/// A new output being written file by file into its staging folder, so that a
/// build can write each file as soon as it is made instead of holding them all.
/// Nothing is visible in the output until [`Stager::finish`] swaps the whole
/// folder in; dropped unfinished, the staging folder is removed.
pub struct Stager {
    output: PathBuf,
    staging: PathBuf,
    /// The previous site (ours: it has the marker), which lends unchanged files.
    previous: Option<PathBuf>,
    /// Folders made so far in the staging folder.
    dirs: std::sync::Mutex<std::collections::HashSet<PathBuf>>,
    /// The first failure, reported by `finish`.
    failed: std::sync::Mutex<Option<Error>>,
    done: std::sync::atomic::AtomicBool,
}

impl Stager {
    /// Refuses what [`check_replaceable`] refuses, then makes an empty staging
    /// folder beside `output`.
    pub fn begin(output: &Path, force: bool) -> Result<Stager> {
        check_replaceable(output, force)?;
        if let Some(parent) = output.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        }
        let staging = sibling(output, "staging");
        remove_dir(&staging)?;
        std::fs::create_dir(&staging).map_err(|e| Error::io(&staging, e))?;
        let previous = output.join(MARKER).is_file().then(|| output.to_path_buf());
        Ok(Stager {
            output: output.to_path_buf(),
            staging,
            previous,
            dirs: Default::default(),
            failed: Default::default(),
            done: Default::default(),
        })
    }

    /// Writes one file of the site (from any thread). A file whose bytes equal the
    /// previous output's file of the same path is a hard link to it instead: it
    /// keeps its inode and modification time, so deploy tools that compare size
    /// and time upload only what changed, and the disk allocates nothing for it.
    /// A failure (also a path that would leave the folder) is kept for `finish`.
    pub fn put(&self, rel: &str, bytes: &[u8]) {
        if let Err(e) = self.try_put(rel, bytes) {
            let mut failed = self.failed.lock().unwrap_or_else(|p| p.into_inner());
            failed.get_or_insert(e);
        }
    }

    fn try_put(&self, rel: &str, bytes: &[u8]) -> Result<()> {
        let target = confined_join(&self.staging, rel)?;
        if let Some(parent) = target.parent() {
            let known = {
                let dirs = self.dirs.lock().unwrap_or_else(|p| p.into_inner());
                dirs.contains(parent)
            };
            if !known {
                std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
                let mut dirs = self.dirs.lock().unwrap_or_else(|p| p.into_inner());
                dirs.insert(parent.to_path_buf());
            }
        }
        let kept = self
            .previous
            .as_deref()
            .and_then(|p| confined_join(p, rel).ok())
            .filter(|prev| same_file(prev, bytes))
            .is_some_and(|prev| std::fs::hard_link(prev, &target).is_ok());
        if kept {
            return Ok(());
        }
        std::fs::write(&target, bytes).map_err(|e| Error::io(&target, e))
    }

    /// Writes the marker and swaps the staging folder in for the output; the
    /// first failure of [`Stager::put`], if any, instead (the output untouched).
    /// Once only: the staging folder is gone afterwards.
    pub fn finish(&self) -> Result<()> {
        if self.done.swap(true, std::sync::atomic::Ordering::SeqCst) {
            return Ok(());
        }
        let failed = self.failed.lock().unwrap_or_else(|p| p.into_inner()).take();
        let written = match failed {
            Some(e) => Err(e),
            None => {
                let marker = self.staging.join(MARKER);
                std::fs::write(&marker, MARKER_TEXT).map_err(|e| Error::io(marker, e))
            }
        };
        if let Err(e) = written {
            let _ = std::fs::remove_dir_all(&self.staging);
            return Err(e);
        }
        swap(&self.staging, &self.output)
    }
}

impl Stager {
    /// Removes the staging folder: the build had errors, the output stays as it was.
    pub fn abandon(&self) {
        if !self.done.swap(true, std::sync::atomic::Ordering::SeqCst) {
            let _ = std::fs::remove_dir_all(&self.staging);
        }
    }
}

impl Drop for Stager {
    fn drop(&mut self) {
        if !*self.done.get_mut() {
            let _ = std::fs::remove_dir_all(&self.staging);
        }
    }
}

/// Puts the complete `staging` folder in the place of `output`. Where the system
/// can (Linux), the two are exchanged in one step, so that a reader always finds
/// a whole site; elsewhere two renames leave a moment without one.
fn swap(staging: &Path, output: &Path) -> Result<()> {
    if !output.exists() {
        return std::fs::rename(staging, output).map_err(|e| Error::io(output, e));
    }
    match exchange(staging, output) {
        // `staging` now holds the previous site: it becomes the leftover (see
        // [`leftover`] for who removes it).
        Ok(true) => return keep_as_leftover(staging, output),
        Ok(false) => {}
        Err(e) => {
            let _ = std::fs::remove_dir_all(staging);
            return Err(Error::io(output, e));
        }
    }
    let old = leftover(output);
    remove_dir(&old)?;
    std::fs::rename(output, &old).map_err(|e| Error::io(output, e))?;
    if let Err(e) = std::fs::rename(staging, output) {
        // Put the previous site back: never leave the reader with nothing.
        let _ = std::fs::rename(&old, output);
        let _ = std::fs::remove_dir_all(staging);
        return Err(Error::io(output, e));
    }
    mark_leftover(&old);
    Ok(())
}

/// Moves the previous site (at `from`) to the leftover place beside `output`.
fn keep_as_leftover(from: &Path, output: &Path) -> Result<()> {
    let old = leftover(output);
    // A folder of this name is left only by an earlier process that had this
    // same process number and ended before its leftover was removed.
    remove_dir(&old)?;
    std::fs::rename(from, &old).map_err(|e| Error::io(&old, e))?;
    mark_leftover(&old);
    Ok(())
}

/// Gives a leftover the output marker if it has none (a folder replaced with
/// `--force`), so that whatever removes leftovers knows it by its marker and
/// not by its name alone.
fn mark_leftover(old: &Path) {
    let marker = old.join(MARKER);
    if std::fs::symlink_metadata(&marker).is_err() {
        let _ = std::fs::write(marker, MARKER_TEXT);
    }
}

/// Where a build by this process leaves the previous site once it has replaced
/// it (`.NAME.minsheng-old-PID`): a name of its own, so that no build waits for,
/// or trips over, the removal of an earlier build's leftover still under way.
/// The `minsheng build` command has it removed at once by a process of its
/// own ([`remove_leftover_later`]); otherwise (the library's `run`, or a
/// removal stopped) the next build removes it while it renders
/// ([`clear_leftovers`]).
pub fn leftover(output: &Path) -> PathBuf {
    sibling(output, &format!("old-{}", std::process::id()))
}

/// Whether `path` (beside `output`) is a leftover to remove: named as one,
/// a folder (not a link), holding the output marker. The unnumbered name of
/// versions before the numbered one is removed without the marker, as they did.
/// The name is looked at first: other files beside the output cost nothing.
fn removable_leftover(output: &Path, path: &Path) -> bool {
    let Some(numbered) = path.file_name().and_then(|n| leftover_name(output, n)) else {
        return false;
    };
    std::fs::symlink_metadata(path).is_ok_and(|m| m.is_dir())
        && (!numbered || path.join(MARKER).is_file())
}

/// Whether `name` (a file name beside `output`) is that of a leftover of a
/// build into it: `Some(true)` for `.NAME.minsheng-old-PID`, `Some(false)`
/// for `.NAME.minsheng-old`, as builds before the numbered name left it.
fn leftover_name(output: &Path, name: &std::ffi::OsStr) -> Option<bool> {
    let base = sibling(output, "old");
    let rest = name.to_str()?.strip_prefix(base.file_name()?.to_str()?)?;
    if rest.is_empty() {
        return Some(false);
    }
    let pid = rest.strip_prefix('-')?;
    (!pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit())).then_some(true)
}

/// Starts removing what earlier builds left beside `output` (their previous
/// sites, whose unchanged files the current output shares as hard links) and
/// did not remove themselves. Runs while the new site is built; join the handle
/// before writing.
pub fn clear_leftovers(output: &Path) -> std::thread::JoinHandle<()> {
    let output = output.to_path_buf();
    std::thread::spawn(move || {
        let parent = match output.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        let Ok(entries) = std::fs::read_dir(parent) else {
            return;
        };
        for entry in entries.flatten() {
            if removable_leftover(&output, &entry.path()) {
                // Another process may be removing it too: whatever is left,
                // the next build tries again.
                let _ = std::fs::remove_dir_all(entry.path());
            }
        }
    })
}

/// Has the previous site that this process's build left beside `output`
/// removed by a process of its own, started here and not waited for: the build
/// is over for the editor as soon as the new site is in place, and removing
/// the old one (0.1-0.15 s of the system's time at 10,000 pages) no longer
/// takes a processor from the next build either. If it cannot be started, or
/// is stopped, the next build removes what is left. For the `minsheng`
/// program only: it starts the program it runs in with [`REMOVE_LEFTOVER`].
pub fn remove_leftover_later(output: &Path) {
    let old = leftover(output);
    if std::fs::symlink_metadata(&old).is_err() {
        return;
    }
    let Ok(exe) = std::env::current_exe() else {
        return;
    };
    let mut cmd = std::process::Command::new(exe);
    cmd.arg(REMOVE_LEFTOVER)
        .arg(&old)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null());
    // Not in the folder the build was started from: on Windows a process's
    // current folder cannot be removed while it runs.
    if let Some(parent) = old.parent().filter(|p| !p.as_os_str().is_empty()) {
        cmd.current_dir(parent);
    }
    #[cfg(unix)]
    {
        // A group of its own: Ctrl+C typed for the next command is not for it.
        use std::os::unix::process::CommandExt;
        cmd.process_group(0);
    }
    #[cfg(windows)]
    {
        // No console window of its own.
        use std::os::windows::process::CommandExt;
        cmd.creation_flags(0x0800_0000);
    }
    // Not waited for: the process that built ends right after.
    let _ = cmd.spawn();
}

/// The hidden command [`remove_leftover_later`] starts.
pub const REMOVE_LEFTOVER: &str = "remove-leftover";

/// What the hidden command does: removes `path` if it is a build's leftover
/// (by its name, beside its output) holding the output marker, and a folder,
/// not a link. Anything else is left alone, silently: it is never typed.
pub fn remove_leftover(path: &Path) {
    // `.NAME.minsheng-old-PID`: the output's name is what comes before the
    // last `.minsheng-old`.
    let Some(output) = (path.file_name())
        .and_then(|n| n.to_str())
        .and_then(|n| n.strip_prefix('.'))
        .and_then(|n| n.rsplit_once(".minsheng-old"))
        .map(|(n, _)| path.with_file_name(n))
    else {
        return;
    };
    if !removable_leftover(&output, path) {
        return;
    }
    #[cfg(target_os = "linux")]
    // SAFETY: lowers this process's own priority; no memory is passed.
    unsafe {
        libc::setpriority(libc::PRIO_PROCESS, 0, 10);
    }
    let _ = std::fs::remove_dir_all(path);
}

/// Whether the previous output's file at `prev` holds exactly `bytes` (a regular
/// file, never a link: a planted symlink is not followed).
/// Opened without following a link (and without waiting on a pipe), then
/// asked what it is: one look-up of the path, not two, and the bytes compared
/// as they are read, not read whole into a new buffer first (of a 10,000-page
/// build's CPU, the second look-up was 2%).
fn same_file(prev: &Path, bytes: &[u8]) -> bool {
    use std::io::Read;
    let Some(mut file) = crate::source::open_regular(prev) else {
        return false;
    };
    if file.metadata().map_or(true, |m| {
        !m.file_type().is_file() || m.len() != bytes.len() as u64
    }) {
        return false;
    }
    // Its length is known to be that of `bytes`: reading stops there, with no
    // last read to find the end (one system call of six per unchanged file).
    let mut buf = [0u8; 16 * 1024];
    let mut rest = bytes;
    while !rest.is_empty() {
        let want = rest.len().min(buf.len());
        match file.read(&mut buf[..want]) {
            Ok(n) if n > 0 && buf[..n] == rest[..n] => rest = &rest[n..],
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            // Shorter than it said, different, or unreadable.
            _ => return false,
        }
    }
    true
}

/// Exchanges two existing paths atomically: `Ok(false)` where the kernel or the
/// file system cannot (then nothing happened).
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<bool> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let a = CString::new(a.as_os_str().as_bytes())?;
    let b = CString::new(b.as_os_str().as_bytes())?;
    // SAFETY: both pointers are to NUL-terminated strings that outlive the call;
    // renameat2 only reads them. The raw syscall works with any C library.
    let r = unsafe {
        libc::syscall(
            libc::SYS_renameat2,
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if r == 0 {
        return Ok(true);
    }
    let e = std::io::Error::last_os_error();
    match e.raw_os_error() {
        Some(libc::EINVAL | libc::ENOSYS) => Ok(false),
        _ => Err(e),
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> std::io::Result<bool> {
    Ok(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn confinement_rejects_escapes() {
        let d = Path::new("/out");
        assert!(confined_join(d, "a/b.html").is_ok());
        for bad in [
            "../x",
            "a/../../x",
            "/etc/passwd",
            "a//b",
            "a\\..\\b",
            "",
            "./a",
            "a/.",
        ] {
            assert!(confined_join(d, bad).is_err(), "{bad}");
        }
    }
}
