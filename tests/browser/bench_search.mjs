// Search on a large site: time to the first result and bytes downloaded per
// query, in Chromium (Debian's). Build a corpus, serve the output folder, then
// from this folder (playwright-core is an ES module: it must resolve from here):
//   node bench_search.mjs [--runs N] URL[,URL2…] query…
// With several URLs (say the same corpus built by two versions, served on two
// ports) the runs are interleaved, so that both see the same machine load.
//
// Each run opens the search page in a fresh context (nothing cached), waits
// for it to settle, types the query (one input event, as an input method
// commits a word) and measures in the page, from that input event, until the
// first result is in the list and until the frame that shows it is painted
// (the figure reported; it includes the pause the box waits for typing to
// stop). Also: the index bytes the query fetched (response bodies under
// search/, after search.json) and when its fetches started and ended.
import { chromium } from "playwright-core";

const args = process.argv.slice(2);
let runs = 5;
if (args[0] === "--runs") { runs = +args[1]; args.splice(0, 2); }
const [bases, ...queries] = [args[0].split(","), ...args.slice(1)];
const b = await chromium.launch({ executablePath: process.env.CHROMIUM || "/usr/bin/chromium", args: ["--no-sandbox"] });

async function once(base, q) {
  const ctx = await b.newContext();
  const page = await ctx.newPage();
  await page.goto(new URL("search/", base).href);
  await page.waitForFunction(() => document.readyState === "complete");
  await page.waitForTimeout(400);
  await page.evaluate(() => {
    const w = window;
    w.__bench = { t0: 0, dom: 0, paint: 0, before: performance.getEntriesByType("resource").length };
    document.addEventListener("input", (e) => { w.__bench.t0 = performance.now(); }, true);
    const list = document.getElementById("search-results");
    new MutationObserver(() => {
      if (w.__bench.dom || !list.querySelector("li")) return;
      w.__bench.dom = performance.now();
      requestAnimationFrame(() => setTimeout(() => { w.__bench.paint = performance.now(); }, 0));
    }).observe(list, { childList: true, subtree: true });
  });
  await page.locator("#search-q").fill(q);
  await page.waitForFunction(() => window.__bench.paint > 0, null, { timeout: 10000 }).catch(() => {});
  await page.waitForTimeout(300);
  const r = await page.evaluate(() => {
    const m = window.__bench;
    const res = performance.getEntriesByType("resource").slice(m.before)
      .filter((e) => /\/search\//.test(e.name) || /search\.json/.test(e.name));
    return {
      dom: m.dom - m.t0, paint: m.paint - m.t0,
      bytes: res.reduce((s, e) => s + e.decodedBodySize, 0), files: res.length,
      fetches: res.map((e) => `${e.name.replace(/.*\/search\//, "")}@${(e.startTime - m.t0).toFixed(0)}-${(e.responseEnd - m.t0).toFixed(0)}`),
      shown: document.querySelectorAll("#search-results li").length,
      status: document.getElementById("search-status").textContent,
    };
  });
  await ctx.close();
  return r;
}

const all = {};
for (let i = 0; i < runs; i++) {
  for (const q of queries) {
    for (const base of bases) {
      const r = await once(base, q);
      (all[base + "\t" + q] ||= []).push(r);
      if (process.env.VERBOSE) console.error(base, q, r.paint.toFixed(0), r.fetches.join(" "));
    }
  }
}
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[(s.length - 1) >> 1]; };
console.log(["url", "query", "first result ms (median, min-max)", "in DOM ms", "KB", "files", "shown; status"].join("\t"));
for (const q of queries) {
  for (const base of bases) {
    const rs = all[base + "\t" + q];
    const p = rs.map((r) => r.paint);
    console.log([base, q, `${median(p).toFixed(0)} (${Math.min(...p).toFixed(0)}-${Math.max(...p).toFixed(0)})`,
      median(rs.map((r) => r.dom)).toFixed(0), (median(rs.map((r) => r.bytes)) / 1024).toFixed(0),
      median(rs.map((r) => r.files)), `${rs[0].shown}; ${rs[0].status}`].join("\t"));
  }
}
await b.close();
