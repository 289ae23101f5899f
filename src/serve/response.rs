//! Answers and how they are written: one answer per connection, `Connection:
//! close`, the body in chunks under a deadline so that a client reading slowly (or
//! not at all) holds its thread for a bounded time only.

use std::io::{self, ErrorKind, Write};
use std::sync::Arc;
use std::time::Instant;

/// The bytes of an answer: a file of the build, shared, or made for this request.
#[derive(Debug, Clone)]
pub enum Body {
    /// A file of the served build, not copied.
    Shared(Arc<[u8]>),
    /// Made for this request (a page with the reload script, a message).
    Owned(Vec<u8>),
}

impl AsRef<[u8]> for Body {
    fn as_ref(&self) -> &[u8] {
        match self {
            Body::Shared(b) => b,
            Body::Owned(b) => b,
        }
    }
}

/// What the server answers to one request.
#[derive(Debug, Clone)]
pub struct Answer {
    /// The HTTP status.
    pub status: u16,
    /// The content type.
    pub ctype: &'static str,
    /// The body (a HEAD request gets the headers of it, without it).
    pub body: Body,
    /// Headers beyond the ones every answer has (`Location`, `Allow`).
    pub headers: Vec<(&'static str, String)>,
}

impl Answer {
    /// A plain-text answer.
    pub fn text(status: u16, message: &str) -> Answer {
        Answer {
            status,
            ctype: "text/plain; charset=utf-8",
            body: Body::Owned(format!("{message}\n").into_bytes()),
            headers: Vec::new(),
        }
    }

    /// The same answer with one more header.
    pub fn with(mut self, name: &'static str, value: String) -> Answer {
        self.headers.push((name, value));
        self
    }

    /// The value of a header of [`Answer::headers`].
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// The reason phrase of the statuses the server uses.
pub(crate) fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        304 => "Not Modified",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        414 => "URI Too Long",
        413 => "Content Too Large",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        505 => "HTTP Version Not Supported",
        _ => "Unknown",
    }
}

/// The status line and headers of `a`.
pub(crate) fn head(a: &Answer) -> String {
    let mut h = format!(
        "HTTP/1.1 {} {}\r\nContent-Type: {}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n",
        a.status,
        reason(a.status),
        a.ctype,
        a.body.as_ref().len()
    );
    for (name, value) in &a.headers {
        // Values are ours; a line break in one would end the head early.
        if !value.contains(['\r', '\n']) {
            h.push_str(&format!("{name}: {value}\r\n"));
        }
    }
    h.push_str("\r\n");
    h
}

/// How much is written at a time: between chunks the deadline is checked.
const CHUNK: usize = 64 * 1024;

/// Writes `a` (its head only for HEAD) to `w`, giving up at `deadline`. A single
/// write that makes no progress is bounded by the socket's write timeout.
pub(crate) fn write_answer(
    w: &mut impl Write,
    a: &Answer,
    head_only: bool,
    deadline: Instant,
) -> io::Result<()> {
    w.write_all(head(a).as_bytes())?;
    if !head_only {
        for chunk in a.body.as_ref().chunks(CHUNK) {
            if Instant::now() >= deadline {
                return Err(io::Error::new(ErrorKind::TimedOut, "answer too slow"));
            }
            w.write_all(chunk)?;
        }
    }
    w.flush()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn every_status_the_server_answers_has_its_reason_phrase() {
        // Every status written in src/serve (a refused path was "403 Unknown").
        for status in [
            200, 301, 304, 400, 403, 404, 405, 408, 413, 414, 431, 500, 503, 505,
        ] {
            assert_ne!(reason(status), "Unknown", "status {status}");
        }
        assert_eq!(reason(403), "Forbidden");
    }

    #[test]
    fn head_has_the_length_of_the_body_and_no_body() {
        let a = Answer::text(301, "moved").with("Location", "/%E6%B0%91/".into());
        let mut out = Vec::new();
        let later = Instant::now() + Duration::from_secs(5);
        write_answer(&mut out, &a, true, later).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.starts_with("HTTP/1.1 301 Moved Permanently\r\n"));
        assert!(text.contains("\r\nContent-Length: 6\r\n"));
        assert!(text.contains("\r\nLocation: /%E6%B0%91/\r\n"));
        assert!(text.ends_with("\r\n\r\n"));
        let mut out = Vec::new();
        write_answer(&mut out, &a, false, later).unwrap();
        assert!(out.ends_with(b"\r\n\r\nmoved\n"));
    }

    #[test]
    fn a_header_with_a_line_break_is_left_out() {
        let a = Answer::text(200, "x").with("Location", "/a\r\nSet-Cookie: x".into());
        assert!(!head(&a).contains("Set-Cookie"));
    }
}
