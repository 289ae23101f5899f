//! Operational failures: the disk, the command line. Content mistakes are not
//! errors of this kind; they are [`crate::diag::Diagnostic`]s.

use std::fmt;
use std::path::PathBuf;

use crate::msg::Lang;

/// Something that stopped a command for a reason other than the site's content.
#[derive(Debug)]
pub enum Error {
    /// Reading or writing a file failed.
    Io {
        /// The file or folder involved.
        path: PathBuf,
        /// What the operating system said.
        source: std::io::Error,
    },
    /// The site's settings cannot be read (`site.toml` missing or not UTF-8).
    Config(crate::msg::Text),
    /// Refused to protect the user's files: an output folder that holds sources or
    /// that minsheng did not write, a path that would leave the output folder.
    Refused(crate::msg::Text),
    /// The dev server cannot listen on the address asked for.
    Bind(crate::msg::Text),
    /// The dev server cannot watch the site's files.
    Watch(crate::msg::Text),
    /// The dev server had trouble it keeps running through (accepting, threads).
    Serve(crate::msg::Text),
    /// The site has errors; they were returned as diagnostics.
    SiteHasErrors(usize),
}

impl Error {
    /// Wraps an I/O error with the path it concerns.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}

impl Error {
    /// The failure told in `lang`.
    pub fn show(&self, lang: Lang) -> String {
        match (self, lang) {
            (Error::Io { path, source }, Lang::Zh) => {
                format!("读写“{}”时出错：{source}", path.display())
            }
            (
                Error::Config(msg)
                | Error::Refused(msg)
                | Error::Bind(msg)
                | Error::Watch(msg)
                | Error::Serve(msg),
                lang,
            ) => msg.get(lang).to_owned(),
            (Error::SiteHasErrors(n), Lang::Zh) => {
                format!("网站有 {n} 处错误，这次什么也没有写出；改好后再生成")
            }
            _ => self.to_string(),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Io { path, source } => write!(f, "{}: {source}", path.display()),
            Error::Config(msg)
            | Error::Refused(msg)
            | Error::Bind(msg)
            | Error::Watch(msg)
            | Error::Serve(msg) => write!(f, "{msg}"),
            Error::SiteHasErrors(n) => write!(
                f,
                "the site has {n} error{}; nothing was written",
                if *n == 1 { "" } else { "s" }
            ),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// Result of an operation that can fail for operational reasons.
pub type Result<T, E = Error> = std::result::Result<T, E>;
