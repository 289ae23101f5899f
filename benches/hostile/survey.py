#!/usr/bin/env python3
"""Hostile-input survey: does the work grow faster than the input?

For each shape of `shapes.py` (one file of a `minsheng new` site holding n
repeats of one thing), builds and checks the site at growing n and prints
the time of each, the ratio per doubling and a verdict: a ratio clearly
above 2 (here: above 2.6 once a run takes 0.3 s) means something reads the
file, or a list, once per item. Crashes (a signal, exit 101) and timeouts
are reported as such. A benchmark, not a test: run it after a change to how
findings are made or placed.

    cargo build --release
    python3 benches/hostile/survey.py                       # every shape, n = 10k, 20k, 40k
    python3 benches/hostile/survey.py --shapes wiki fm_unknown_keys --sizes 5000 10000
    python3 benches/hostile/survey.py --list

Peak memory comes from GNU time (`/usr/bin/time -v`) when it is installed.
"""
import argparse
import inspect
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import shapes  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def all_shapes():
    return [
        name
        for name, f in vars(shapes).items()
        if inspect.isfunction(f) and not name.startswith("_") and name not in ("w", "page")
    ]


def timed(args, timeout):
    """(seconds, peak MiB or None, exit code, bytes printed)."""
    cmd = (["/usr/bin/time", "-v"] if os.path.exists("/usr/bin/time") else []) + args
    start = time.perf_counter()
    try:
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=timeout)
    except subprocess.TimeoutExpired:
        return timeout, None, "timeout", 0
    wall = time.perf_counter() - start
    err = p.stderr.decode("utf-8", "replace")
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", err)
    rss = int(m.group(1)) // 1024 if m else None
    code = p.returncode
    m = re.search(r"Command (?:exited with non-zero status|terminated by signal) (\d+)", err)
    if m:
        code = ("signal " if "signal" in m.group(0) else "") + m.group(1)
    printed = len(p.stdout) + len(err.split("\tCommand being timed")[0])
    return wall, rss, code, printed


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--binary", default=os.path.join(ROOT, "target/release/minsheng"))
    ap.add_argument("--shapes", nargs="*", help="shape names (default: all)")
    ap.add_argument("--sizes", nargs="*", type=int, default=[10000, 20000, 40000])
    ap.add_argument("--timeout", type=float, default=120)
    ap.add_argument("--list", action="store_true", help="list the shapes and stop")
    ap.add_argument(
        "--work",
        default="/dev/shm" if os.path.isdir("/dev/shm") else None,
        help="where the sites are made (default: /dev/shm, in memory: a disk's file creation "
        "time, a millisecond a file on some virtual disks, would hide the program's own)",
    )
    a = ap.parse_args()
    names = all_shapes()
    if a.list:
        print("\n".join(names))
        return
    chosen = a.shapes or names
    unknown = [s for s in chosen if s not in names]
    if unknown:
        sys.exit(f"unknown shapes: {', '.join(unknown)} (see --list)")
    work = tempfile.mkdtemp(prefix="minsheng-survey-", dir=a.work)
    base = os.path.join(work, "base")
    subprocess.run([a.binary, "new", base], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    print(f"{'shape':34} {'n':>6}  {'build s':>8} {'check s':>8}  {'MiB':>5}  {'printed':>9}  verdict")
    flagged = []
    try:
        for name in chosen:
            last = None  # (n, the slower of build and check)
            for n in a.sizes:
                site = os.path.join(work, "site")
                shutil.rmtree(site, ignore_errors=True)
                shutil.copytree(base, site)
                try:
                    getattr(shapes, name)(site, n)
                except (Exception, SystemExit) as e:  # a shape that cannot be made at this size
                    print(f"{name:34} {n:>6}  not made: {e}")
                    break
                out = os.path.join(work, "out")
                b = timed([a.binary, "build", "--root", site, "--output", out], a.timeout)
                c = timed([a.binary, "check", "--root", site], a.timeout)
                shutil.rmtree(out, ignore_errors=True)
                worst = max(b[0], c[0])
                verdict = ""
                for what, r in (("build", b), ("check", c)):
                    if r[2] == "timeout" or str(r[2]).startswith("signal") or r[2] == 101:
                        verdict += f"{what} {r[2]}! "
                if last is not None and worst > 0.3 and n > last[0]:
                    # The growth of time per doubling of n.
                    per_doubling = (worst / max(last[1], 1e-3)) ** (1 / math.log2(n / last[0]))
                    verdict += f"x{per_doubling:.1f} per doubling"
                    if per_doubling > 2.6:
                        verdict += " SUPERLINEAR"
                if "!" in verdict or "SUPERLINEAR" in verdict:
                    flagged.append((name, n, verdict))
                rss = max((r[1] or 0) for r in (b, c)) or "-"
                print(
                    f"{name:34} {n:>6}  {b[0]:8.2f} {c[0]:8.2f}  {rss!s:>5}  {max(b[3], c[3]):>9}  {verdict}",
                    flush=True,
                )
                last = (n, worst)
                if worst >= a.timeout:
                    break
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print()
    print("flagged:" if flagged else "nothing flagged")
    for name, n, verdict in flagged:
        print(f"  {name} at {n}: {verdict}")


if __name__ == "__main__":
    main()
