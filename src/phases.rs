//! Phase timings for benchmarks: with `MINSHENG_PHASES` set, each timed stage of a
//! build prints its wall time to stderr (`phase views: 12.3 ms`). Off by default;
//! costs one flag read per stage when off.

use std::sync::OnceLock;
use std::time::Instant;

fn on() -> bool {
    static ON: OnceLock<bool> = OnceLock::new();
    *ON.get_or_init(|| std::env::var_os("MINSHENG_PHASES").is_some())
}

/// Runs `f`, printing how long it took when phase timings are on.
pub(crate) fn time<R>(name: &str, f: impl FnOnce() -> R) -> R {
    if !on() {
        return f();
    }
    let (started, cpu) = (Instant::now(), cpu_ms());
    let r = f();
    #[allow(clippy::print_stderr)]
    {
        eprintln!(
            "phase {name}: {:.1} ms (CPU {:.1} ms, RSS {} MiB)",
            started.elapsed().as_secs_f64() * 1e3,
            cpu_ms() - cpu,
            rss_mib()
        );
    }
    r
}

/// The process's resident memory now, in MiB (0 where the system does not tell).
fn rss_mib() -> u64 {
    std::fs::read_to_string("/proc/self/statm")
        .ok()
        .and_then(|s| s.split_whitespace().nth(1)?.parse::<u64>().ok())
        .map_or(0, |pages| (pages * 4096) >> 20)
}

/// The process's CPU time so far (all threads), where the system tells it.
fn cpu_ms() -> f64 {
    #[cfg(target_os = "linux")]
    {
        // SAFETY: getrusage only writes the struct it is given.
        let mut u: libc::rusage = unsafe { std::mem::zeroed() };
        unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut u) };
        let ms = |t: libc::timeval| t.tv_sec as f64 * 1e3 + t.tv_usec as f64 / 1e3;
        ms(u.ru_utime) + ms(u.ru_stime)
    }
    #[cfg(not(target_os = "linux"))]
    {
        0.0
    }
}
