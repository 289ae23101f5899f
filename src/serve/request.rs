//! Reading one request head, bounded in size and time: a client cannot make the
//! server hold more than [`HeadLimits::head_bytes`] of it, nor wait for it longer
//! than the deadline. The body of a request is never read (only GET and HEAD are
//! served, and every connection is closed after one answer).

use std::io::{self, BufRead, ErrorKind};
use std::net::TcpStream;
use std::time::{Duration, Instant};

/// How much of a request head is read at most.
#[derive(Debug, Clone, Copy)]
pub struct HeadLimits {
    /// The request line (`GET /path HTTP/1.1`), in bytes: longer is 414.
    pub line_bytes: usize,
    /// All header lines together, in bytes: more is 431.
    pub head_bytes: usize,
    /// Header lines: more is 431.
    pub headers: usize,
}

impl Default for HeadLimits {
    fn default() -> Self {
        HeadLimits {
            line_bytes: 8 * 1024,
            head_bytes: 64 * 1024,
            headers: 100,
        }
    }
}

/// What a client asked for.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Request {
    /// The method, as sent (methods are case-sensitive).
    pub method: String,
    /// The request target, as sent: `/path?query`.
    pub target: String,
    /// The `Host` header, as sent (HTTP/1.0 clients may send none).
    pub host: Option<String>,
}

/// Why no request was read.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Refused {
    /// Answer with this status, then close.
    Status(u16),
    /// The client went away or sent nothing in time: just close.
    Gone,
}

/// A byte source that can be told how long its next read may wait.
pub(crate) trait Timed {
    /// Sets the longest wait of the next read.
    fn wait_at_most(&self, wait: Duration) -> io::Result<()>;
}

impl Timed for TcpStream {
    fn wait_at_most(&self, wait: Duration) -> io::Result<()> {
        self.set_read_timeout(Some(wait.max(Duration::from_millis(1))))
    }
}

impl Timed for &[u8] {
    fn wait_at_most(&self, _: Duration) -> io::Result<()> {
        Ok(())
    }
}

/// Reads one line ending in `\n` of at most `max` bytes (the `\n` included), by
/// `deadline`. `Ok(None)` when the line is longer: the rest is left unread.
fn read_line<R: BufRead + ?Sized>(
    r: &mut R,
    timed: &dyn Timed,
    max: usize,
    deadline: Instant,
) -> Result<Option<Vec<u8>>, Refused> {
    let mut line = Vec::new();
    loop {
        let left = deadline
            .checked_duration_since(Instant::now())
            .ok_or(Refused::Status(408))?;
        timed.wait_at_most(left).map_err(|_| Refused::Gone)?;
        let buf = match r.fill_buf() {
            Ok([]) => return Err(Refused::Gone),
            Ok(buf) => buf,
            Err(e) if e.kind() == ErrorKind::Interrupted => continue,
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {
                return Err(Refused::Status(408))
            }
            Err(_) => return Err(Refused::Gone),
        };
        let room = max - line.len();
        let take = &buf[..buf.len().min(room)];
        if let Some(i) = take.iter().position(|&b| b == b'\n') {
            line.extend_from_slice(&take[..=i]);
            r.consume(i + 1);
            return Ok(Some(line));
        }
        let n = take.len();
        line.extend_from_slice(take);
        r.consume(n);
        if line.len() >= max {
            return Ok(None);
        }
    }
}

fn trim_eol(line: &[u8]) -> &[u8] {
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    line.strip_suffix(b"\r").unwrap_or(line)
}

/// Splits `METHOD target HTTP/1.x`; the target must be printable ASCII.
fn parse_request_line(line: &[u8]) -> Result<Request, Refused> {
    let text = std::str::from_utf8(trim_eol(line)).map_err(|_| Refused::Status(400))?;
    let mut parts = text.split(' ');
    let (Some(method), Some(target), Some(version), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(Refused::Status(400));
    };
    if method.is_empty() || !method.bytes().all(|b| b.is_ascii_alphabetic()) {
        return Err(Refused::Status(400));
    }
    if target.is_empty() || !target.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(Refused::Status(400));
    }
    match version {
        "HTTP/1.0" | "HTTP/1.1" => {}
        v if v.starts_with("HTTP/") => return Err(Refused::Status(505)),
        _ => return Err(Refused::Status(400)),
    }
    Ok(Request {
        method: method.to_string(),
        target: target.to_string(),
        host: None,
    })
}

/// Reads a request head from `r` (whose reads `timed` bounds) by `deadline`.
pub(crate) fn read_head<R: BufRead + ?Sized>(
    r: &mut R,
    timed: &dyn Timed,
    limits: &HeadLimits,
    deadline: Instant,
) -> Result<Request, Refused> {
    // A few empty lines before a request are allowed (RFC 9112, 2.2).
    let mut line = Vec::new();
    for _ in 0..4 {
        line = read_line(r, timed, limits.line_bytes, deadline)?.ok_or(Refused::Status(414))?;
        if !trim_eol(&line).is_empty() {
            break;
        }
    }
    let mut request = parse_request_line(&line)?;
    let mut used = 0;
    for _ in 0..=limits.headers {
        let room = limits.head_bytes - used;
        let header = read_line(r, timed, room, deadline)?.ok_or(Refused::Status(431))?;
        let header = trim_eol(&header);
        if header.is_empty() {
            return Ok(request);
        }
        if let Some((name, value)) = std::str::from_utf8(header)
            .ok()
            .and_then(|h| h.split_once(':'))
        {
            if name.eq_ignore_ascii_case("host") {
                if request.host.is_some() {
                    return Err(Refused::Status(400));
                }
                request.host = Some(value.trim().to_string());
            }
        }
        used += header.len() + 2;
        if used >= limits.head_bytes {
            return Err(Refused::Status(431));
        }
    }
    Err(Refused::Status(431))
}

/// Whether a request's `Host` names this machine by a loopback name or by an IP
/// address. A page on another site can make its own domain name resolve to
/// 127.0.0.1 (DNS rebinding) and then read the preview, drafts included; its
/// requests carry that domain name as their `Host`, so only `localhost` (and
/// `*.localhost`) and IP literals are answered. A request without `Host`
/// (HTTP/1.0, not a browser) is answered.
pub(crate) fn host_allowed(host: Option<&str>) -> bool {
    let Some(host) = host else {
        return true;
    };
    let name = if let Some(rest) = host.strip_prefix('[') {
        // [::1]:8000
        return rest.split_once(']').is_some_and(|(ip, port)| {
            ip.parse::<std::net::Ipv6Addr>().is_ok()
                && (port.is_empty() || port.strip_prefix(':').is_some_and(is_port))
        });
    } else {
        match host.rsplit_once(':') {
            Some((name, port)) if is_port(port) => name,
            Some(_) => return false,
            None => host,
        }
    };
    let name = name.strip_suffix('.').unwrap_or(name).to_ascii_lowercase();
    name == "localhost"
        || name.ends_with(".localhost")
        || name.parse::<std::net::Ipv4Addr>().is_ok()
}

fn is_port(s: &str) -> bool {
    !s.is_empty() && s.len() <= 5 && s.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(raw: &[u8]) -> Result<Request, Refused> {
        let limits = HeadLimits {
            line_bytes: 64,
            head_bytes: 128,
            headers: 4,
        };
        let mut r: &[u8] = raw;
        let deadline = Instant::now() + Duration::from_secs(5);
        read_head(&mut r, &&b""[..], &limits, deadline)
    }

    #[test]
    fn reads_a_plain_head() {
        let want = Request {
            method: "GET".into(),
            target: "/a/?b=1".into(),
            host: Some("x".into()),
        };
        assert_eq!(read(b"GET /a/?b=1 HTTP/1.1\r\nHost: x\r\n\r\n"), Ok(want));
        assert!(read(b"\r\nHEAD / HTTP/1.0\n\n").is_ok());
    }

    #[test]
    fn refuses_what_is_too_long_or_malformed() {
        let long_line = format!("GET /{} HTTP/1.1\r\n\r\n", "a".repeat(100));
        assert_eq!(read(long_line.as_bytes()), Err(Refused::Status(414)));
        let long_header = format!("GET / HTTP/1.1\r\nX: {}\r\n\r\n", "a".repeat(200));
        assert_eq!(read(long_header.as_bytes()), Err(Refused::Status(431)));
        let many = format!("GET / HTTP/1.1\r\n{}\r\n", "X: 1\r\n".repeat(5));
        assert_eq!(read(many.as_bytes()), Err(Refused::Status(431)));
        assert!(read(format!("GET / HTTP/1.1\r\n{}\r\n", "X: 1\r\n".repeat(4)).as_bytes()).is_ok());
        for bad in [
            &b"GET /\x01 HTTP/1.1\r\n\r\n"[..],
            b"GET  / HTTP/1.1\r\n\r\n",
            b"GET /\r\n\r\n",
            b"G3T / HTTP/1.1\r\n\r\n",
            b"GET /\xe6\xb0\x91 HTTP/1.1\r\n\r\n",
        ] {
            assert_eq!(read(bad), Err(Refused::Status(400)), "{bad:?}");
        }
        assert_eq!(read(b"GET / HTTP/2.0\r\n\r\n"), Err(Refused::Status(505)));
        assert_eq!(read(b"GET / HTTP/1.1\r\nHost: x\r\n"), Err(Refused::Gone));
        assert_eq!(read(b""), Err(Refused::Gone));
    }

    #[test]
    fn only_loopback_names_and_addresses_are_answered() {
        for ok in [
            None,
            Some("127.0.0.1:1111"),
            Some("localhost:1111"),
            Some("LOCALHOST"),
            Some("preview.localhost:8000"),
            Some("[::1]:1111"),
            Some("[::1]"),
            Some("192.168.1.20:1111"),
        ] {
            assert!(host_allowed(ok), "{ok:?}");
        }
        for bad in [
            "attacker.example:1111",
            "attacker.example",
            "localhost.attacker.example",
            "127.0.0.1.nip.io:1111",
            "localhost:abc",
            "[::1",
            "",
        ] {
            assert!(!host_allowed(Some(bad)), "{bad}");
        }
    }

    #[test]
    fn the_host_header_is_kept_and_sent_once() {
        let r = read(b"GET / HTTP/1.1\r\nhOsT:  a.localhost:9 \r\n\r\n").unwrap();
        assert_eq!(r.host.as_deref(), Some("a.localhost:9"));
        assert_eq!(
            read(b"GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n"),
            Err(Refused::Status(400))
        );
    }
}
