#!/usr/bin/env python3
"""Edit-to-served latency of `minsheng serve` for the four kinds of edit of
issue 13, and the server's memory, measured through HTTP as a browser sees it.

  python3 benches/serve_edits.py --corpus /dev/shm/ms-10000 [--runs 9] [--port 18321]
                                 [--gap 2] [--only body,contact]

The corpus (made by ../shared/bench/gen_corpus.py --format minsheng) is copied
to a temporary folder first: the edits never touch it. For each kind of edit
the script writes the file, then polls the page that must change until it
shows the edit; the time is from the end of the write to that response, so it
includes the server's file watch. Between edits it waits until the server has
printed its rebuild line. Kinds:

  body      a paragraph appended to one article     -> that article
  template  a comment in templates/section.html     -> the section's listing
  new page  a new article dated today in that section -> the new article
  back-dated  the same, dated 2020-01-02 (the middle of the corpus's dates)
  contact   the hotline in site.toml's [contact]    -> the home page

Then 100 mixed edits (as benches/rebuild.rs makes them), a second of quiet,
and the server's resident memory (VmRSS) against its memory after the first
build. Python 3 standard library only; loopback only.
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.status, r.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as e:
        return e.code, ""
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None, ""


def wait_until(url, pred, timeout=60.0, poll=0.005):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        status, body = fetch(url)
        if status == 200 and pred(body):
            return time.monotonic()
        time.sleep(poll)
    return None


def rss_mib(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--runs", type=int, default=9)
    ap.add_argument("--gap", type=float, default=0.0,
                    help="seconds between edits (an editor's pace: 2 lets the server's quiet-time memory trim run between them)")
    ap.add_argument("--only", default="", help="comma-separated kinds to measure (body,template,new page,back-dated,contact)")
    ap.add_argument("--port", type=int, default=18321)
    ap.add_argument("--binary", default=os.path.join(os.path.dirname(__file__), "..",
                                                     "target", "release", "minsheng"))
    a = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="minsheng-edits-", dir="/dev/shm" if os.path.isdir("/dev/shm") else None)
    site = os.path.join(tmp, "site")
    shutil.copytree(a.corpus, site)
    base = "http://127.0.0.1:%d/" % a.port
    log = open(os.path.join(tmp, "serve.log"), "w+")
    proc = subprocess.Popen([os.path.abspath(a.binary), "serve", "--port", str(a.port)], cwd=site,
                            stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)

    def rebuilds():
        log.flush()
        with open(log.name, encoding="utf-8", errors="replace") as f:
            return sum("rebuilt in" in line or "重新生成" in line for line in f)

    def settle(before):
        end = time.monotonic() + 60
        while time.monotonic() < end and rebuilds() <= before:
            time.sleep(0.01)
        time.sleep(0.05)

    try:
        t0 = time.monotonic()
        if wait_until(base, lambda b: True, timeout=600, poll=0.05) is None:
            sys.exit("the server did not answer (log: %s)" % log.name)
        print("startup: %.2f s" % (time.monotonic() - t0))
        time.sleep(1.5)
        rss_first = rss_mib(proc.pid)
        section = sorted(d for d in os.listdir(os.path.join(site, "content"))
                         if os.path.isdir(os.path.join(site, "content", d)))[0]
        sec_dir = os.path.join(site, "content", section)
        article = sorted(f for f in os.listdir(sec_dir) if f.endswith(".md") and f != "_index.md")[0]
        article_md = os.path.join(sec_dir, article)
        original = open(article_md, encoding="utf-8").read()
        toml = os.path.join(site, "site.toml")
        original_toml = open(toml, encoding="utf-8").read()
        tpl = os.path.join(site, "templates", "section.html")
        section_tpl = open(os.path.join(os.path.dirname(__file__), "..", "themes", "default",
                                        "templates", "section.html"), encoding="utf-8").read()

        def body(i):
            with open(article_md, "w", encoding="utf-8") as f:
                f.write(original + "\n\n编辑标记MARK%d。\n" % i)
            return base + "%s/%s/" % (section, article[:-3]), "MARK%d" % i

        def template(i):
            os.makedirs(os.path.dirname(tpl), exist_ok=True)
            with open(tpl, "w", encoding="utf-8") as f:
                f.write(section_tpl.replace("<h1", "<!-- MARK%d --><h1" % i, 1))
            return base + "%s/" % section, "MARK%d" % i

        def new_page(i, date=None):
            date = date or time.strftime("%Y-%m-%d")
            with open(os.path.join(sec_dir, "zz-new-%d.md" % i), "w", encoding="utf-8") as f:
                f.write("---\ntitle: 新页面%d\ndate: %s\n---\n新页面的正文MARK%d。\n" % (i, date, i))
            return base + "%s/zz-new-%d/" % (section, i), "MARK%d" % i

        def back_dated(i):
            return new_page(i + 500, "2020-01-02")

        def contact(i):
            with open(toml, "w", encoding="utf-8") as f:
                f.write(original_toml + '\n[contact]\nname = "热线"\nhotline = "9876%d"\n' % i)
            return base, "9876%d" % i

        for name, edit in [("body", body), ("template", template), ("new page", new_page),
                           ("back-dated", back_dated), ("contact", contact)]:
            if a.only and name not in a.only.split(","):
                continue
            times = []
            for i in range(a.runs):
                before = rebuilds()
                url, mark = edit(1000 * len(times) + i + 1)
                t_edit = time.monotonic()
                t_seen = wait_until(url, lambda b: mark in b)
                times.append(None if t_seen is None else (t_seen - t_edit) * 1000)
                settle(before)
                time.sleep(a.gap)
            ok = [t for t in times if t is not None]
            print("%-10s edit -> served: median %.0f ms (min %.0f, max %.0f) over %d%s" % (
                name, statistics.median(ok), min(ok), max(ok), len(ok),
                "" if len(ok) == len(times) else ", %d never served" % (len(times) - len(ok))))

        for i in range(100):
            before = rebuilds()
            kind = i % 10
            if kind <= 5:
                body(10000 + i)
            elif kind == 6:
                new_page(10000 + i)
            elif kind == 7:
                os.remove(os.path.join(sec_dir, "zz-new-%d.md" % (10000 + i - 1)))
            elif kind == 8:
                template(10000 + i)
            else:
                contact(10000 + i)
            settle(before)
        time.sleep(1.0)
        rss_after = rss_mib(proc.pid)
        print("server RSS: %.0f MiB after the first build, %.0f MiB after 100 mixed edits (%.2fx; target <= 1.3x)"
              % (rss_first, rss_after, rss_after / rss_first))
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        if os.environ.get("KEEP_LOG"):
            print("log kept:", log.name)
        else:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
