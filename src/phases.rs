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
    let started = Instant::now();
    let r = f();
    #[allow(clippy::print_stderr)]
    {
        eprintln!(
            "phase {name}: {:.1} ms",
            started.elapsed().as_secs_f64() * 1e3
        );
    }
    r
}
