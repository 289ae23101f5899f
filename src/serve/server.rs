//! The dev server's connections: a small HTTP/1.1 server on `std::net` built so
//! that no client can knock it over. Accept errors (out of file handles, say) are
//! reported and retried after a back-off, never fatal. Every connection gets its
//! own thread, within budgets: [`Limits::workers`] answering at once,
//! [`Limits::streams`] live-reload streams apart from those, and
//! [`Limits::per_client`] per address, streams not counted (a stream is a page
//! left open, and open tabs must never starve page requests); beyond them a
//! connection is refused at once. Request heads are bounded in size and time, writes in time; every
//! connection is closed after one answer.

use std::collections::HashMap;
use std::io::{self, BufReader, ErrorKind, Read, Write};
use std::net::{IpAddr, Shutdown, TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use super::http::{self, State, EVENTS_PATH};
use super::request::{host_allowed, read_head, HeadLimits, Refused};
use super::response::{write_answer, Answer};

/// What one client may take of the server.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Bounds of a request head.
    pub head: HeadLimits,
    /// The time a client has to send its request head.
    pub head_time: Duration,
    /// The longest a single write to a client may wait.
    pub write_timeout: Duration,
    /// The time a client has to take a whole answer.
    pub answer_time: Duration,
    /// Connections being answered at once (live-reload streams apart).
    pub workers: usize,
    /// Live-reload streams open at once.
    pub streams: usize,
    /// Connections being answered at once for one address (streams apart).
    pub per_client: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            head: HeadLimits::default(),
            head_time: Duration::from_secs(10),
            write_timeout: Duration::from_secs(10),
            answer_time: Duration::from_secs(60),
            workers: 64,
            streams: 64,
            per_client: 32,
        }
    }
}

#[derive(Default)]
struct Counts {
    workers: usize,
    streams: usize,
    per_client: HashMap<IpAddr, usize>,
}

/// Counts open connections against the [`Limits`].
pub struct Gate {
    limits: Limits,
    counts: Mutex<Counts>,
}

/// One admitted connection; dropping it gives its place back.
pub struct Ticket {
    gate: Arc<Gate>,
    ip: IpAddr,
    stream: bool,
}

impl Gate {
    /// A gate with nothing open.
    pub fn new(limits: Limits) -> Arc<Gate> {
        Arc::new(Gate {
            limits,
            counts: Mutex::new(Counts::default()),
        })
    }

    fn counts(&self) -> std::sync::MutexGuard<'_, Counts> {
        self.counts.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// A place for a connection from `ip`, if there is one.
    pub fn admit(self: &Arc<Self>, ip: IpAddr) -> Option<Ticket> {
        let mut c = self.counts();
        let mine = c.per_client.get(&ip).copied().unwrap_or(0);
        if mine >= self.limits.per_client || c.workers >= self.limits.workers {
            return None;
        }
        c.workers += 1;
        c.per_client.insert(ip, mine + 1);
        Some(Ticket {
            gate: self.clone(),
            ip,
            stream: false,
        })
    }

    /// (connections being answered, streams open).
    pub fn open(&self) -> (usize, usize) {
        let c = self.counts();
        (c.workers, c.streams)
    }
}

impl Ticket {
    /// Moves this connection from the workers (and its address's share) to the
    /// streams, if there is room: a stream then only counts against
    /// [`Limits::streams`].
    pub fn to_stream(&mut self) -> bool {
        let mut c = self.gate.counts();
        if self.stream || c.streams >= self.gate.limits.streams {
            return self.stream;
        }
        c.workers -= 1;
        c.streams += 1;
        give_back(&mut c.per_client, self.ip);
        self.stream = true;
        true
    }
}

impl Drop for Ticket {
    fn drop(&mut self) {
        let mut c = self.gate.counts();
        if self.stream {
            c.streams -= 1;
        } else {
            c.workers -= 1;
            give_back(&mut c.per_client, self.ip);
        }
    }
}

/// One connection of `ip` is no longer counted in its share.
fn give_back(per_client: &mut HashMap<IpAddr, usize>, ip: IpAddr) {
    if let Some(n) = per_client.get_mut(&ip) {
        *n -= 1;
        if *n == 0 {
            per_client.remove(&ip);
        }
    }
}

/// The first wait after an accept error; it doubles up to [`BACKOFF_MAX`].
pub const BACKOFF_FIRST: Duration = Duration::from_millis(10);
/// The longest wait between accept attempts.
pub const BACKOFF_MAX: Duration = Duration::from_secs(1);
/// A run of accept errors is reported at its first and then every this many.
pub const REPORT_EVERY: u64 = 30;

/// Takes connections from `incoming` and gives each to `serve`. An error is never
/// the end: it is told to `trouble` (the first of a run, then one in
/// [`REPORT_EVERY`]) with the wait before the next attempt, and `sleep` waits.
pub fn accept_all<S>(
    incoming: impl Iterator<Item = io::Result<S>>,
    mut serve: impl FnMut(S),
    mut trouble: impl FnMut(&io::Error, Duration),
    mut sleep: impl FnMut(Duration),
) {
    let mut failures: u64 = 0;
    for conn in incoming {
        match conn {
            Ok(s) => {
                failures = 0;
                serve(s);
            }
            Err(e) => {
                failures += 1;
                let doublings = (failures - 1).min(16) as u32;
                let wait = BACKOFF_FIRST
                    .saturating_mul(1 << doublings)
                    .min(BACKOFF_MAX);
                if failures == 1 || failures % REPORT_EVERY == 0 {
                    trouble(&e, wait);
                }
                sleep(wait);
            }
        }
    }
}

/// Serves `state` on `listener` from a thread of its own, within `limits`;
/// `trouble` hears what goes wrong (the server goes on).
pub fn start(
    listener: TcpListener,
    state: Arc<State>,
    limits: Limits,
    trouble: impl Fn(crate::msg::Text) + Send + 'static,
) -> io::Result<Arc<Gate>> {
    let gate = Gate::new(limits);
    let port = listener.local_addr()?.port();
    let g = gate.clone();
    std::thread::Builder::new()
        .name("minsheng-accept".into())
        .spawn(move || {
            accept_all(
                listener.incoming(),
                |stream| admit(&g, &state, stream, &trouble),
                |e, wait| {
                    let ms = wait.as_millis();
                    trouble(crate::t!(
                        "端口 {port} 上的一个连接没能接受：{e}；{ms} 毫秒后再试",
                        "cannot accept a connection on port {port}: {e}; trying again in {ms} ms"
                    ));
                },
                std::thread::sleep,
            );
        })?;
    Ok(gate)
}

/// Gives `stream` a thread of its own if the budgets allow, or refuses it at once.
fn admit(
    gate: &Arc<Gate>,
    state: &Arc<State>,
    stream: TcpStream,
    trouble: &dyn Fn(crate::msg::Text),
) {
    let Ok(peer) = stream.peer_addr() else { return };
    let Some(ticket) = gate.admit(peer.ip()) else {
        // Never blocks the accept thread: a short answer to a fresh connection,
        // after reading what already came (closing on unread data resets it).
        if stream.set_nonblocking(true).is_ok() {
            let _ = (&stream).read(&mut [0u8; 4096]);
            let _ = (&stream).write_all(
                b"HTTP/1.1 503 Service Unavailable\r\nRetry-After: 1\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
            );
            let _ = stream.shutdown(Shutdown::Write);
        }
        return;
    };
    let (state, limits) = (state.clone(), gate.limits);
    let spawned = std::thread::Builder::new()
        .name("minsheng-conn".into())
        .spawn(move || connection(&state, &stream, ticket, &limits));
    if let Err(e) = spawned {
        trouble(crate::t!(
            "无法为一个连接开新线程：{e}",
            "cannot start a thread for a connection: {e}"
        ));
    }
}

/// Reads one request from `stream` and answers it.
fn connection(state: &Arc<State>, stream: &TcpStream, mut ticket: Ticket, limits: &Limits) {
    let _ = stream.set_nodelay(true);
    if stream
        .set_write_timeout(Some(limits.write_timeout))
        .is_err()
    {
        return;
    }
    let head_deadline = Instant::now() + limits.head_time;
    let request = read_head(
        &mut BufReader::new(stream),
        stream,
        &limits.head,
        head_deadline,
    );
    let (answer, head_only) = match request {
        Err(Refused::Gone) => return,
        Err(Refused::Status(status)) => {
            let text = crate::t!("请求有误。", "Bad request.");
            (Answer::text(status, text.get(state.lang())), false)
        }
        Ok(r) if !host_allowed(r.host.as_deref()) => {
            let text = crate::t!(
                "预览只接受用 127.0.0.1 或 localhost 打开的地址。",
                "The preview answers only requests to 127.0.0.1 or localhost."
            );
            (Answer::text(403, text.get(state.lang())), false)
        }
        Ok(r) if r.method != "GET" && r.method != "HEAD" => {
            let text = crate::t!("只接受 GET 和 HEAD 请求。", "Only GET and HEAD.");
            let answer = Answer::text(405, text.get(state.lang()));
            (answer.with("Allow", "GET, HEAD".into()), false)
        }
        Ok(r) if r.method == "GET" && r.target.split('?').next() == Some(EVENTS_PATH) => {
            if ticket.to_stream() {
                http::events(state, stream, || closed(stream));
            }
            return;
        }
        Ok(r) => (http::answer(state, &r.target), r.method == "HEAD"),
    };
    let deadline = Instant::now() + limits.answer_time;
    if write_answer(&mut &*stream, &answer, head_only, deadline).is_ok() {
        // The answer is out: the place goes back before the short wait for the
        // client to close, so a busy machine (slow to run this thread) never
        // turns its lingering connections into refusals of new ones.
        drop(ticket);
        finish(stream);
    }
}

/// Whether the client of a stream has closed its side (it sends nothing after
/// its request, so anything readable is the end).
fn closed(stream: &TcpStream) -> bool {
    if stream
        .set_read_timeout(Some(Duration::from_millis(1)))
        .is_err()
    {
        return true;
    }
    match stream.peek(&mut [0u8; 1]) {
        Ok(_) => true,
        Err(e) => !matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut),
    }
}

/// Ends the answer and waits briefly for the client to close, reading what it
/// still sends: closing with unread data would reset the connection and could
/// lose the answer on the way.
fn finish(stream: &TcpStream) {
    let _ = stream.shutdown(Shutdown::Write);
    let deadline = Instant::now() + Duration::from_secs(1);
    let mut buf = [0u8; 4096];
    for _ in 0..16 {
        let Some(left) = deadline.checked_duration_since(Instant::now()) else {
            return;
        };
        if stream
            .set_read_timeout(Some(left.max(Duration::from_millis(1))))
            .is_err()
        {
            return;
        }
        match (&*stream).read(&mut buf) {
            Ok(0) | Err(_) => return,
            Ok(_) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_errors_are_retried_with_a_growing_wait_and_reported_sparingly() {
        let emfile = || Err(io::Error::from_raw_os_error(24));
        let mut incoming: Vec<io::Result<u32>> = (0..40).map(|_| emfile()).collect();
        incoming.push(Ok(1));
        incoming.push(emfile());
        incoming.push(Ok(2));
        let (mut served, mut reports, mut waits) = (Vec::new(), Vec::new(), Vec::new());
        accept_all(
            incoming.into_iter(),
            |s| served.push(s),
            |e, wait| reports.push((e.raw_os_error(), wait)),
            |d| waits.push(d),
        );
        assert_eq!(served, [1, 2], "errors do not end the loop");
        assert_eq!(waits.len(), 41);
        assert_eq!(waits[0], BACKOFF_FIRST);
        assert_eq!(waits[1], BACKOFF_FIRST * 2);
        assert_eq!(waits[39], BACKOFF_MAX);
        assert_eq!(waits[40], BACKOFF_FIRST, "a success starts over");
        let firsts: Vec<_> = reports.iter().map(|r| r.1).collect();
        assert_eq!(firsts, [BACKOFF_FIRST, BACKOFF_MAX, BACKOFF_FIRST]);
        assert!(reports.iter().all(|r| r.0 == Some(24)));
    }

    #[test]
    fn the_gate_keeps_budgets_apart_and_gives_places_back() {
        let limits = Limits {
            workers: 3,
            streams: 1,
            per_client: 2,
            ..Limits::default()
        };
        let gate = Gate::new(limits);
        let (a, b) = ("127.0.0.1".parse().unwrap(), "127.0.0.2".parse().unwrap());
        let mut s1 = gate.admit(a).unwrap();
        assert!(s1.to_stream());
        let w1 = gate.admit(a).unwrap();
        let w3 = gate.admit(a).unwrap();
        assert!(
            gate.admit(a).is_none(),
            "two answered for one address, streams apart"
        );
        drop(w3);
        let mut w2 = gate.admit(b).unwrap();
        let w4 = gate.admit(b).unwrap();
        assert!(gate.admit(b).is_none(), "workers all busy");
        assert!(!w2.to_stream(), "the one stream is taken");
        assert_eq!(gate.open(), (3, 1));
        drop((w2, w4));
        assert!(gate.admit(b).is_some());
        drop((s1, w1));
        assert_eq!(gate.open(), (0, 0));
        assert!(gate.counts().per_client.is_empty());
    }
}
