#!/usr/bin/env python3
"""Build-speed benchmark: minsheng against Hugo on the same generated corpus.

Generates the shared corpus (../shared/bench/gen_corpus.py) at each size in two
layouts, then builds each with both tools, alternating tools and sizes round by
round (so that every size is measured in the same minutes), and prints
median wall time and peak memory (max RSS of the process, from wait4) with the
minsheng/Hugo ratios. Figures come from one run on one machine: compare the
ratios, not the absolute numbers, across machines.

    python3 benches/build_vs_hugo.py                 # 1,000 and 10,000 pages, 3 runs
    python3 benches/build_vs_hugo.py --pages 30000 --runs 5

Also runs the I/O floor (benches/floor.rs): a program that only reads every
source and writes the same output tree with the same staging, link, swap and
delete steps, and prints minsheng's time over the floor's (target, issue 13:
at most 1.5x the floor and 0.2x Hugo at 10,000 pages) and memory per page.

    python3 benches/build_vs_hugo.py --pages 10000 100000 --runs 3

With several sizes it also prints minsheng's time per page at each against
the smallest (target, issue 13: within 5% at 100,000 against 10,000).

Target (issue 2): at 10,000 pages, at most half of Hugo's wall time and memory.
Needs: a release build (made here), python3, and `hugo` (apt-get install hugo)
for the comparison; without Hugo only minsheng's figures are printed.
"""
import json
import re
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GEN = next((p for p in (os.path.join(REPO, up, "shared", "bench", "gen_corpus.py") for up in ("..", "../..")) if os.path.exists(p)),
           os.path.join(REPO, "..", "shared", "bench", "gen_corpus.py"))


def measure(cmd, cwd=None):
    """Runs cmd; returns (seconds, peak RSS in MiB)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    err = proc.stderr.read().decode(errors="replace")
    proc.stderr.close()
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"failed: {' '.join(cmd)}\n{err}")
    return elapsed, usage.ru_maxrss / 1024.0


def wait_for_leftover(output):
    """Waits, untimed, until the previous site a build left beside `output`
    (`.NAME.minsheng-old-PID`) is removed by the process the build started for
    it, so that this removal never runs during the next measured build (of
    either tool). Returns the seconds it took after the build ended."""
    parent, name = os.path.split(output)
    prefix = f".{name}.minsheng-old-"
    start = time.perf_counter()
    while any(e.startswith(prefix) for e in os.listdir(parent)) and time.perf_counter() - start < 30:
        time.sleep(0.002)
    return time.perf_counter() - start


def floor_binary():
    """Builds benches/floor.rs and returns the path of its executable."""
    out = subprocess.run(["cargo", "bench", "--bench", "floor", "--no-run", "--message-format=json"],
                         cwd=REPO, check=True, capture_output=True, text=True).stdout
    for line in out.splitlines():
        msg = json.loads(line)
        if msg.get("reason") == "compiler-artifact" and msg["target"]["name"] == "floor" and msg.get("executable"):
            return msg["executable"]
    sys.exit("could not build benches/floor.rs")


def floor_time(floor, site, reference, output):
    """Runs the floor program; returns (its timed seconds, peak MiB)."""
    proc = subprocess.run([floor, site, reference, output], check=True, capture_output=True, text=True)
    return float(re.search(r"floor ([0-9.]+) s", proc.stdout).group(1)), 0.0


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=int, nargs="+", default=[1000, 10000])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--gen", default=GEN, help="path to gen_corpus.py")
    ap.add_argument("--hugo-max", type=int, default=30000,
                    help="no Hugo above this many pages (its memory grows ~1.2 GiB per 10,000 pages)")
    args = ap.parse_args()

    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=REPO, check=True)
    # MINSHENG_BIN: another build of minsheng to measure (an older commit's, say).
    minsheng = os.environ.get("MINSHENG_BIN") or os.path.join(REPO, "target", "release", "minsheng")
    floor = floor_binary()
    hugo = shutil.which("hugo")
    if not hugo:
        print("hugo not found (apt-get install hugo): printing minsheng's figures only")
    base = "/dev/shm" if os.path.isdir("/dev/shm") else None
    print(f"machine: {os.cpu_count()} cores; corpus in {base or tempfile.gettempdir()}; {args.runs} runs each, median")
    print(f"{'pages':>7} {'tool':<9} {'wall s':>8} {'peak MiB':>9} {'KiB/page':>9}   minsheng/floor  minsheng/hugo")
    with tempfile.TemporaryDirectory(dir=base) as tmp:
        # Every size first, then the runs round by round, each size in turn:
        # this machine's speed drifts by more than the few percent by which a
        # large site's cost per page may differ from a small one's, so the
        # sizes are measured in the same minutes (issue 13 asks for 100k
        # within 5% of 10k per page).
        sizes = []
        for n in args.pages:
            ms_dir = os.path.join(tmp, f"ms-{n}")
            hg_dir = os.path.join(tmp, f"hugo-{n}")
            subprocess.run([sys.executable, args.gen, "--pages", str(n), "--format", "minsheng", "--out", ms_dir], check=True, stdout=subprocess.DEVNULL)
            with_hugo = hugo and n <= args.hugo_max
            if with_hugo:
                subprocess.run([sys.executable, args.gen, "--pages", str(n), "--format", "hugo", "--out", hg_dir], check=True, stdout=subprocess.DEVNULL)
            ref = os.path.join(tmp, f"ref-{n}")
            subprocess.run([minsheng, "build", "--root", ms_dir, "--output", ref], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            sizes.append((n, ms_dir, hg_dir, with_hugo, ref, {"minsheng": [], "floor": [], "hugo": []}))
        removals = {}
        for _ in range(args.runs):
            for n, ms_dir, hg_dir, with_hugo, ref, results in sizes:
                out = os.path.join(tmp, f"out-ms-{n}")
                results["minsheng"].append(measure([minsheng, "build", "--root", ms_dir, "--output", out]))
                removals.setdefault(n, []).append(wait_for_leftover(out))
                results["floor"].append(floor_time(floor, ms_dir, ref, os.path.join(tmp, f"out-floor-{n}")))
                if with_hugo:
                    out = os.path.join(tmp, f"out-hugo-{n}")
                    shutil.rmtree(out, ignore_errors=True)
                    results["hugo"].append(measure([hugo, "--quiet", "-s", hg_dir, "-d", out]))
        per_page = {}
        for n, _, _, _, _, results in sizes:
            med = {k: (statistics.median(t for t, _ in v), statistics.median(m for _, m in v)) for k, v in results.items() if v}
            per_page[n] = (med["minsheng"][0] / n, (med["minsheng"][0] - med["floor"][0]) / n, med["floor"][0] / n)
            for tool, (t, m) in med.items():
                ratio = ""
                if tool == "minsheng":
                    ratio = f"   time {t / med['floor'][0]:.2f}"
                    if "hugo" in med:
                        ratio += f"       time {t / med['hugo'][0]:.2f}  memory {m / med['hugo'][1]:.2f}"
                kib = "" if tool == "floor" else f"{m * 1024 / n:.1f}"
                mem = "" if tool == "floor" else f"{m:.0f}"
                print(f"{n:>7} {tool:<9} {t:>8.2f} {mem:>9} {kib:>9}{ratio}")
        for n, waits in removals.items():
            print(f"{n:>7} the previous site removed {statistics.median(waits):.2f} s after minsheng ended (by the process it started; not in its time)")
        smallest = min(per_page)
        for n in sorted(per_page):
            if n != smallest:
                whole, own, io = (per_page[n][i] / per_page[smallest][i] - 1 for i in range(3))
                print(f"time per page at {n} against {smallest}: minsheng {whole:+.1%} (target, issue 13: within 5% at 100,000 against 10,000);"
                      f" minsheng less the floor {own:+.1%}; the floor {io:+.1%}")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
