// Real-browser checks for minsheng's output, driven by the Rust test suite
// (tests/browser.rs), which builds a site, serves it on loopback under a
// sub-path and passes a plan as JSON:
//   node check.mjs plan.json
// plan: { base, screenshots, chromium, pages: [{path, name, h1, texts}],
//         clicks: [{from, link, expect_path, expect_h1}] }
// Prints one line per check; exits 1 if any failed.
import { readFileSync, mkdirSync, appendFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const plan = JSON.parse(readFileSync(process.argv[2], "utf8"));
const base = new URL(plan.base);
let failures = 0;
const pass = (m) => console.log(`PASS ${m}`);
const fail = (m) => { failures++; console.log(`FAIL ${m}`); };
const check = (ok, m) => (ok ? pass(m) : fail(m));

const browser = await chromium.launch({
  executablePath: plan.chromium || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});

function watch(page, label, expectStatus) {
  page.on("request", (req) => {
    const u = new URL(req.url());
    if (u.protocol !== "data:" && u.host !== base.host) fail(`${label}: request to another host: ${req.url()}`);
  });
  page.on("response", (res) => {
    if (res.status() >= 400 && !(expectStatus && res.request().isNavigationRequest() && res.status() === expectStatus)) fail(`${label}: ${res.status()} for ${res.url()}`);
  });
  page.on("pageerror", (err) => fail(`${label}: script error: ${err.message}`));
  page.on("console", (msg) => {
    if (msg.type() === "error" && !(expectStatus && msg.text().includes(`status of ${expectStatus}`))) fail(`${label}: console error: ${msg.text()}`);
  });
}

async function axe(page, label) {
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(async () => await window.axe.run(document, { resultTypes: ["violations"] }));
  const bad = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  for (const v of bad) fail(`${label}: axe ${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join("; ")})`);
  if (bad.length === 0) pass(`${label}: axe found no serious or critical violations (${result.violations.length} minor)`);
}

async function until(page, label, pred, ms = 10000) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    try {
      if (await page.evaluate(pred)) return true;
    } catch (e) {
      // The page is reloading: ask again.
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  fail(`${label}: not seen within ${ms} ms`);
  return false;
}

async function live(l) {
  const context = await browser.newContext({ viewport: { width: 390, height: 900 } });
  const page = await context.newPage();
  const url = new URL(l.page, base).href;
  await page.goto(url);
  let t = Date.now();
  appendFileSync(l.file, `\n\n${l.marker}\n`);
  if (await until(page, "edit", `document.body.innerText.includes(${JSON.stringify(l.marker)})`)) {
    pass(`an open page shows the edit after ${Date.now() - t} ms, untouched`);
  }
  t = Date.now();
  writeFileSync(l.file, l.broken);
  const shown = `(() => { const o = document.getElementById("minsheng-overlay"); return !!o && o.innerText.includes(${JSON.stringify(l.overlay)}); })()`;
  if (await until(page, "overlay", shown)) pass(`the open page shows the error overlay after ${Date.now() - t} ms`);
  const fresh = await browser.newContext({ javaScriptEnabled: false });
  const p2 = await fresh.newPage();
  await p2.goto(url);
  check(await p2.evaluate(shown), "a page opened fresh, without JavaScript, shows the overlay too");
  await page.screenshot({ path: `${plan.screenshots}/overlay-390.png` });
  await fresh.close();
  t = Date.now();
  writeFileSync(l.file, l.fixed);
  const gone = `!document.getElementById("minsheng-overlay") && document.body.innerText.includes(${JSON.stringify(l.fixed_text)})`;
  if (await until(page, "fix", gone)) pass(`fixing the file removes the overlay after ${Date.now() - t} ms`);
  // Many preview tabs: a hidden tab lets go of its stream, so the browser's six
  // connections per host are never all held and every new tab loads.
  const hide = `(() => { Object.defineProperty(document, "hidden", { value: true, configurable: true }); document.dispatchEvent(new Event("visibilitychange")); })()`;
  await page.evaluate(hide);
  const tabs = [];
  let loaded = 0;
  for (let i = 0; i < 9; i++) {
    const tab = await context.newPage();
    try {
      await tab.goto(url, { timeout: 8000 });
      loaded++;
      await tab.evaluate(hide);
    } catch (e) { /* counted below */ }
    tabs.push(tab);
  }
  check(loaded === 9, `nine more preview tabs load while earlier ones are hidden (${loaded} of 9)`);
  // Shown again, a tab that missed a rebuild catches up.
  writeFileSync(l.file, l.fixed + `\n${l.marker}-2\n`);
  await new Promise((r) => setTimeout(r, 1500));
  await page.evaluate(`(() => { Object.defineProperty(document, "hidden", { value: false, configurable: true }); document.dispatchEvent(new Event("visibilitychange")); })()`);
  if (await until(page, "shown again", `document.body.innerText.includes(${JSON.stringify(l.marker + "-2")})`)) {
    pass("a tab shown again after a rebuild reloads to the new build");
  }
  await context.close();
}


// Elder mode, read aloud, search, print: issue 11. plan.citizens = { elder:
// {pages, next}, speech: {path}, search: {queries: [{q, expect}], min_recall},
// print: {guides, max_pages} }.
const TARGETS = "a[href], button, input:not([type=hidden]):not(.elder-input), select, textarea, label.tool-button";
async function measureElder(page) {
  return await page.evaluate((sel) => {
    const visible = (e) => { const r = e.getBoundingClientRect(); const cs = getComputedStyle(e); return r.width > 0 && r.height > 0 && cs.visibility !== "hidden" && !e.closest("[hidden], .skip-link, .visually-hidden"); };
    const body = [...document.querySelectorAll("main p, main li, main dd")].filter(visible);
    const sizes = body.map((e) => parseFloat(getComputedStyle(e).fontSize));
    const ratios = body.map((e) => { const cs = getComputedStyle(e); return parseFloat(cs.lineHeight) / parseFloat(cs.fontSize); });
    const small = [];
    let measured = 0, inline = 0;
    for (const e of document.querySelectorAll(sel)) {
      if (!visible(e)) continue;
      if (getComputedStyle(e).display === "inline") { inline++; continue; }
      measured++;
      const r = e.getBoundingClientRect();
      if (r.width < 59.5 || r.height < 59.5) small.push(`${e.tagName.toLowerCase()}.${e.className} "${e.textContent.trim().slice(0, 20)}" ${Math.round(r.width)}×${Math.round(r.height)}`);
    }
    const grids = [...document.querySelectorAll(".card-grid, .domain-grid, .indicator-grid, .score-list, .glance-list")].filter(visible)
      .map((g) => getComputedStyle(g).gridTemplateColumns.trim().split(/\s+/).length);
    const moving = document.getAnimations().length;
    const svgText = [...document.querySelectorAll(".chart-box svg text")].filter(visible).map((t) => t.getBoundingClientRect().height);
    return { elder: document.documentElement.classList.contains("elder") || !!document.querySelector("#elder-on:checked"),
      minFont: Math.min(...sizes), minRatio: Math.min(...ratios), small, measured, inline, grids, moving,
      label: svgText.length ? Math.max(...svgText) : 0 };
  }, TARGETS);
}

async function axeEnhanced(page, label) {
  await page.addScriptTag({ content: axeSource });
  const r = await page.evaluate(async () => await window.axe.run(document, { runOnly: { type: "rule", values: ["color-contrast-enhanced"] } }));
  const bad = r.violations.flatMap((v) => v.nodes.map((n) => n.target.join(" ") + " " + (n.any[0]?.message || "")));
  check(bad.length === 0, `${label}: every text has contrast ≥ 7:1 (axe color-contrast-enhanced)${bad.length ? ": " + bad.slice(0, 4).join("; ") : ""}`);
}

function pdfPages(buf) {
  return (buf.toString("latin1").match(/\/Type\s*\/Page(?![s\w])/g) || []).length;
}

async function citizens(c) {
  const url = (p) => new URL(p, base).href;
  if (c.elder) for (const width of [390, 1280]) {
    const ctx = await browser.newContext({ viewport: { width, height: 900 }, deviceScaleFactor: 1 });
    const page = await ctx.newPage();
    watch(page, `elder@${width}`);
    // Standard mode first, for comparison.
    await page.goto(url(c.elder.chart));
    const before = await measureElder(page);
    await page.goto(url(c.elder.pages[0]));
    const sw = page.locator("label[for=elder-on]");
    check(await sw.isVisible(), `elder@${width}: the 长辈版 switch is visible in the header`);
    await sw.click();
    for (const [i, p] of c.elder.pages.entries()) {
      if (i > 0) await page.goto(url(p));
      const m = await measureElder(page);
      const label = `elder ${p || "home"}@${width}`;
      check(m.elder, `${label}: 长辈版 is on${i > 0 ? " after navigating (remembered)" : ""}`);
      check(m.minFont >= 24, `${label}: body text at least 24px (smallest ${m.minFont}px)`);
      check(m.minRatio >= 1.5, `${label}: line height at least 1.5 (smallest ${m.minRatio.toFixed(2)})`);
      check(m.small.length === 0 && m.measured > 10, `${label}: ${m.measured} targets all at least 60×60px (${m.inline} inline links in sentences exempt)${m.small.length ? ": " + m.small.slice(0, 6).join("; ") : ""}`);
      check(m.grids.every((n) => n === 1), `${label}: one column (${m.grids.join(",") || "no grids"})`);
      check(m.moving === 0, `${label}: nothing moves (${m.moving} animations)`);
      const overflow = await page.evaluate(() => document.scrollingElement.scrollWidth - window.innerWidth);
      check(overflow <= 0, `${label}: no sideways scrolling (overflow ${overflow}px)`);
      await axe(page, label);
      await axeEnhanced(page, label);
      await page.screenshot({ path: `${plan.screenshots}/elder-${(p || "home").replace(/\W+/g, "-").replace(/-$/, "") || "home"}-${width}.png`, fullPage: true });
    }
    await page.goto(url(c.elder.chart));
    const after = await measureElder(page);
    // Charts fill the wider single column, so their labels grow with it; on a
    // phone the column is no wider, and larger fonts would collide.
    if (width >= 1000) check(after.label > 1.5 * before.label, `elder@${width}: chart labels are bigger (${before.label.toFixed(1)}px → ${after.label.toFixed(1)}px)`);
    else check(after.label >= before.label, `elder@${width}: chart labels no smaller (${before.label.toFixed(1)}px → ${after.label.toFixed(1)}px)`);
    // The way back, remembered too.
    await page.locator("label[for=elder-on]").click();
    const back = await measureElder(page);
    await page.goto(url(c.elder.pages[0]));
    const later = await measureElder(page);
    check(!back.elder && !later.elder && later.minFont < 24, `elder@${width}: the same switch turns it off, and off stays off (${later.minFont}px)`);
    await ctx.close();
  }
  if (c.elder) {
    // Without JavaScript: the switch is a checkbox, and CSS :has() does the rest.
    const nojs = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 900 } });
    const page = await nojs.newPage();
    await page.goto(url(c.elder.pages[1] || c.elder.pages[0]));
    await page.locator("label[for=elder-on]").click();
    const m = await measureElder(page);
    check(m.elder && m.minFont >= 24 && m.small.length === 0, `elder without JavaScript: the switch works on the page (${m.minFont}px, ${m.small.length} small targets)`);
    await page.screenshot({ path: `${plan.screenshots}/elder-nojs-390.png` });
    await nojs.close();
  }

  if (c.speech) {
    const stub = (voices) => `(() => {
      window.__said = []; window.__calls = [];
      const synth = { getVoices: () => ${JSON.stringify(voices)}, addEventListener() {},
        speak(u) { window.__said.push(u.text); window.__calls.push("speak:" + u.lang); },
        pause() { window.__calls.push("pause"); }, resume() { window.__calls.push("resume"); }, cancel() { window.__calls.push("cancel"); } };
      Object.defineProperty(window, "speechSynthesis", { value: synth, configurable: true });
      window.SpeechSynthesisUtterance = function (t) { this.text = t; };
    })()`;
    const ctx = await browser.newContext({ viewport: { width: 390, height: 900 } });
    await ctx.addInitScript({ content: stub([{ lang: "zh-CN", name: "stub" }]) });
    const page = await ctx.newPage();
    watch(page, "read aloud");
    await page.goto(url(c.speech.path));
    const btn = page.locator("#read-aloud");
    check(await btn.isVisible(), "read aloud: the 朗读 button shows when the browser has a Chinese voice");
    let reached = false;
    for (let i = 0; i < 25 && !reached; i++) {
      await page.keyboard.press("Tab");
      reached = await page.evaluate(() => document.activeElement && document.activeElement.id === "read-aloud");
    }
    check(reached, "read aloud: the button is reached with the Tab key");
    await page.keyboard.press("Enter");
    const said = await page.evaluate(() => window.__said);
    const h1 = (await page.locator("h1").first().textContent()).trim();
    check(said.length > 3 && said[0] === h1 && said.join("").includes(c.speech.text), `read aloud: Enter reads the main content (${said.length} parts, from "${said[0]}")`);
    check(await page.evaluate(() => window.__calls.includes("speak:zh-CN")), "read aloud: in Chinese (zh-CN)");
    check((await btn.textContent()).trim() === "暂停朗读", "read aloud: the button becomes 暂停朗读");
    await page.keyboard.press("Enter");
    check((await btn.textContent()).trim() === "继续朗读" && (await page.evaluate(() => window.__calls.includes("pause"))), "read aloud: it pauses, and says 继续朗读");
    await page.keyboard.press("Enter");
    check(await page.evaluate(() => window.__calls.includes("resume")), "read aloud: it resumes");
    await page.locator("#read-stop").click();
    check(!(await page.locator("#read-stop").isVisible()) && (await btn.textContent()).trim() === "朗读", "read aloud: 停止朗读 stops and hides itself");
    await ctx.close();
    const none = await browser.newContext();
    await none.addInitScript({ content: stub([{ lang: "en-US", name: "en" }]) });
    const p2 = await none.newPage();
    await p2.goto(url(c.speech.path));
    check(!(await p2.locator("#read-aloud").isVisible()), "read aloud: hidden when the browser has no Chinese voice");
    await none.close();
  }

  if (c.search) {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await ctx.newPage();
    watch(page, "search");
    await page.goto(url("search/"));
    const res = await page.evaluate(async (queries) => {
      const data = await (await fetch("../search.json")).json();
      const prep = window.MinshengSearch.prepare(data);
      // The old search, for comparison: substrings of title, summary and section of pages.
      const old = data.docs.filter((d) => d.k === "guide" || d.k === "page");
      return queries.map((q) => {
        const hits = window.MinshengSearch.run(prep, q.q, 10).map((h) => h.doc.p);
        const rank = hits.findIndex((p) => q.expect.includes(p));
        const oldHits = old.filter((d) => q.q.toLowerCase().split(/\s+/).every((t) => (d.t + " " + d.s + " " + d.c).toLowerCase().includes(t))).map((d) => d.p);
        const oldRank = oldHits.findIndex((p) => q.expect.includes(p));
        const top = window.MinshengSearch.run(prep, q.q, 1)[0];
        return { q: q.q, rank, oldRank, top: hits.slice(0, 3), snippet: top && top.snippet ? top.snippet.match : null, titled: !!top && top.doc.t.includes(q.q) };
      });
    }, c.search.queries);
    const at = (k, key) => res.filter((r) => r[key] >= 0 && r[key] < k).length;
    for (const r of res) console.log(`  query ${r.q}: rank ${r.rank + 1 || "-"} (before: ${r.oldRank + 1 || "-"}) top: ${r.top.join(" ")} snippet mark: ${r.snippet}`);
    console.log(`  recall of ${res.length} queries: @1 ${at(1, "rank")}, @3 ${at(3, "rank")}, @5 ${at(5, "rank")}; the old title+summary search: @1 ${at(1, "oldRank")}, @3 ${at(3, "oldRank")}, @5 ${at(5, "oldRank")}`);
    check(at(5, "rank") >= c.search.min_recall, `search: ${at(5, "rank")} of ${res.length} queries find their page in the first 5 (at least ${c.search.min_recall})`);
    check(res.every((r) => r.snippet || r.titled), `search: every first hit shows the match, in a snippet or its title (${res.filter((r) => !r.snippet && !r.titled).map((r) => r.q).join(", ")})`);
    // The same queries through shards, as a large site gets them: the example's
    // documents cut into one gram shard (bigram → postings as the build writes
    // them: flags 1 title, 2 keywords, count in the text × 4; a list of 16
    // characters or more in a file of its own) and document shards of 16,
    // ranked by MinshengSearch.sharded.
    const viaShards = await page.evaluate(async (queries) => {
      const data = await (await fetch("../search.json")).json();
      const fold = (s) => Array.from((s || "").replace(/[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).toLowerCase());
      const wordy = (c) => /[\p{L}\p{N}]/u.test(c);
      const lists = {};
      data.docs.forEach((d, id) => {
        const mine = {};
        [[d.x, 4], [d.t, 1], [d.w, 2]].forEach(([s, tag]) => {
          const cs = fold(s);
          for (let i = 0; i + 1 < cs.length; i++) {
            if (!wordy(cs[i]) || !wordy(cs[i + 1])) continue;
            const g = cs[i] + cs[i + 1];
            const f = mine[g] || 0;
            mine[g] = tag === 4 ? (f & 3) | Math.min((f >> 2) + 1, 6) << 2 : f | tag;
          }
        });
        for (const g in mine) (lists[g] ||= []).push([id, mine[g]]);
      });
      // (gap - 1) × 4 + s, s 0/1/2 for flags 4/8/12, else 3 and the flags;
      // a number's quotient by 64 in base 25 (digits 64 on), then its remainder.
      const DIGITS = "!#$%'()*+,-./0123456789:;=?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_`abcdefghijklmnopqrstuvwxyz{|}~";
      const num = (n) => { let s = DIGITS[n % 64]; for (let hi = Math.floor(n / 64); hi > 0; hi = Math.floor(hi / 25)) s = DIGITS[64 + hi % 25] + s; return s; };
      const gram = {}, own = {};
      for (const g in lists) {
        const list = lists[g].map(([id, f], i) => {
          const s = [4, 8, 12].indexOf(f);
          return num((id - (i ? lists[g][i - 1][0] + 1 : 0)) * 4 + (s < 0 ? 3 : s)) + (s < 0 ? DIGITS[f] : "");
        }).join("");
        if (list.length < 16) gram[g] = list;
        else own["search/w/" + Array.from(g).map((c) => c.codePointAt(0).toString(16)).join("-") + ".json"] = { [g]: list };
      }
      const b = Object.values(own).map((m) => Object.keys(m)[0]).join("");
      const kinds = { guide: "g", indicator: "i", glossary: "t", domain: "d", audience: "a", section: "s" };
      const meta = { v: 4, n: data.docs.length, per: 16, g: 1, b, k: data.docs.map((d) => kinds[d.k] || "p").join(""), syn: data.syn };
      const get = async (path) => path === "search/g/0.json" ? gram : own[path]
        || data.docs.slice(16 * +path.match(/^search\/d\/(\d+)\.json$/)[1]).slice(0, 16).map((d) => ({ ...d, x: d.x.slice(0, 160), w: "" }));
      const run = window.MinshengSearch.sharded(meta, get);
      const out = [];
      for (const q of queries) out.push({ q: q.q, rank: (await run(q.q, 10)).map((h) => h.doc.p).findIndex((p) => q.expect.includes(p)) });
      return out;
    }, c.search.queries);
    const atShards = viaShards.filter((r) => r.rank >= 0 && r.rank < 5).length;
    console.log(`  through shards: ${viaShards.map((r) => `${r.q} ${r.rank + 1 || "-"}`).join(", ")}`);
    check(atShards >= c.search.min_recall, `search through shards: ${atShards} of ${viaShards.length} queries find their page in the first 5 (at least ${c.search.min_recall})`);
    // Keyboard: the header box on any page, Enter, then Tab to the results.
    await page.goto(url(c.search.from));
    await page.locator("#site-q").focus();
    await page.keyboard.type(c.search.keyboard.q);
    await Promise.all([page.waitForURL((u) => u.pathname.endsWith("/search/")), page.keyboard.press("Enter")]);
    const first = page.locator("#search-results a").first();
    try {
      await first.waitFor({ timeout: 5000 });
      const t = (await first.textContent()).trim();
      check(t === c.search.keyboard.expect, `search: the header box on ${c.search.from || "home"} leads to results, first "${t}"`);
      await page.locator("#search-q").focus();
      await page.keyboard.press("Tab");
      await page.keyboard.press("Tab");
      const f = await page.evaluate(() => document.activeElement.closest("#search-results") ? document.activeElement.textContent : "");
      check(f === c.search.keyboard.expect, `search: Tab from the box reaches the first result ("${f}")`);
      await Promise.all([page.waitForURL((u) => !u.pathname.endsWith("/search/")), page.keyboard.press("Enter")]);
      const h1 = (await page.locator("h1").first().textContent()).trim();
      check(h1 === c.search.keyboard.expect, `search: Enter opens it ("${h1}")`);
    } catch (e) {
      fail(`search by keyboard: ${e.message}`);
    }
    await axe(page, "search results");
    // A paragraph pasted into a shared link: only its first 50 characters are
    // searched, and the page answers at once (a 16,000-character one froze it for 28 s).
    {
      const long = "养老服务".repeat(500);
      const started = Date.now();
      await page.goto(url("search/?q=" + encodeURIComponent(long)));
      await until(page, "a long query's answer", () => /找到/.test(document.getElementById("search-status").textContent));
      const ms = Date.now() - started;
      const len = await page.locator("#search-q").evaluate((e) => e.value.length);
      check(len === 50 && ms < 5000, `search: a 2,000-character query is cut to its first 50 characters (${len}) and answered in ${ms} ms`);
    }
    await ctx.close();
    const nojs = await browser.newContext({ javaScriptEnabled: false });
    const p2 = await nojs.newPage();
    await p2.goto(url(""));
    await p2.locator("#site-q").fill("体检");
    await Promise.all([p2.waitForURL((u) => u.pathname.endsWith("/search/")), p2.locator("#site-q").press("Enter")]);
    check(new URL(p2.url()).search.includes("q=") && (await p2.locator("body").innerText()).includes("按分类浏览"), "search without JavaScript: the header form goes to search/ (which offers the categories)");
    await nojs.close();
  }

  if (c.sharded) {
    // A large site: the index comes in shards, and a query downloads little.
    const ctx = await browser.newContext({ viewport: { width: 390, height: 900 } });
    const page = await ctx.newPage();
    watch(page, "sharded search");
    await page.goto(url("search/"));
    await page.waitForLoadState("networkidle");
    let bytes = 0;
    const seen = [];
    page.on("response", async (r) => { try { bytes += (await r.body()).length; seen.push(new URL(r.url()).pathname.split("/search/")[1] || r.url()); } catch (e) {} });
    const t0 = Date.now();
    await page.locator("#search-q").fill(c.sharded.query);
    const first = page.locator("#search-results a").first();
    try {
      await first.waitFor({ timeout: 10000 });
      const ms = Date.now() - t0;
      const t = (await first.textContent()).trim();
      check(t === c.sharded.expect, `sharded search: "${c.sharded.query}" finds "${t}" first (${ms} ms, incl. the 60 ms typing pause)`);
      await page.waitForLoadState("networkidle");
      check(bytes <= c.sharded.max_bytes && seen.every((p) => /^((g|d)\/\d+|w\/[0-9a-f]+-[0-9a-f]+)\.json$/.test(p)), `sharded search: the query downloaded ${(bytes / 1024).toFixed(1)} KB in ${seen.length} shard files (at most ${c.sharded.max_bytes / 1024} KB)`);
      const snippet = await page.locator("#search-results mark").first().textContent();
      check(snippet.length >= 2, `sharded search: the result quotes the match ("${snippet}")`);
    } catch (e) {
      fail(`sharded search: ${e.message}`);
    }
    await ctx.close();
    if (c.sharded.common) {
      // A word on most pages: its list has a file of its own, which carries the
      // records of the documents it ranks first, so the first screen needs no
      // document shard.
      const ctx2 = await browser.newContext({ viewport: { width: 390, height: 900 } });
      const p2 = await ctx2.newPage();
      watch(p2, "sharded search, common word");
      await p2.goto(url("search/"));
      await p2.waitForLoadState("networkidle");
      const files = [];
      p2.on("request", (r) => { const f = new URL(r.url()).pathname.split("/search/")[1]; if (f) files.push(f); });
      await p2.locator("#search-q").fill(c.sharded.common);
      try {
        await p2.locator("#search-results li").nth(9).waitFor({ timeout: 10000 });
        await p2.waitForLoadState("networkidle");
        const status = await p2.locator("#search-status").textContent();
        check(files.length > 0 && files.every((f) => /^w\/[0-9a-f]+-[0-9a-f]+\.json$/.test(f)), `sharded search: "${c.sharded.common}" (${status}) shows its first ten from ${files.length} gram file(s) alone (${files.join(" ")})`);
        const marks = await p2.locator("#search-results li mark").count();
        check(marks > 0, `sharded search: "${c.sharded.common}" results quote the match (${marks} of 10)`);
        // A record gives its summary as a length where the text starts with it.
        const texts = await p2.locator("#search-results li p").allTextContents();
        check(texts.length === 10 && texts.every((t) => t.length > 8 && !/^\d*$/.test(t)), `sharded search: every result shows a snippet or its summary (${texts.filter((t) => !/^\d*$/.test(t)).length} of 10)`);
      } catch (e) {
        fail(`sharded search, common word: ${e.message}`);
      }
      await ctx2.close();
    }
  }

  if (c.print) {
    for (const elder of [false, true]) {
      const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      if (elder) await ctx.addInitScript({ content: "localStorage.setItem('minsheng-elder', '1')" });
      const page = await ctx.newPage();
      for (const g of c.print.guides) {
        await page.goto(url(g));
        await page.emulateMedia({ media: "print" });
        const seen = await page.evaluate(() => {
          const shown = (s) => [...document.querySelectorAll(s)].some((e) => e.getClientRects().length > 0 && getComputedStyle(e).display !== "none");
          return { head: shown(".print-head") ? document.querySelector(".print-head").innerText : "",
            interactive: ["#feedback-title", ".guide-nav", "label[for=elder-on]", "#read-aloud", ".header-search", ".site-nav"].filter(shown),
            contact: shown(".contact"), tables: document.querySelectorAll("table.data-table").length, charts: document.querySelectorAll(".chart-box svg").length };
        });
        const pdf = await page.pdf({ format: "A4", printBackground: false });
        const n = pdfPages(pdf);
        const label = `print ${g}${elder ? " (长辈版 on screen)" : ""}`;
        check(n >= 1 && n <= c.print.max_pages, `${label}: ${n} A4 page(s)`);
        check(seen.head.includes(c.print.site) && seen.head.includes("本页地址") && seen.head.includes("12345"), `${label}: site name, address and hotline on top ("${seen.head}")`);
        check(seen.interactive.length === 0, `${label}: nothing interactive printed (${seen.interactive.join(", ")})`);
        check(seen.contact && seen.tables >= seen.charts, `${label}: contact, and a table for each chart (${seen.charts} charts, ${seen.tables} tables)`);
        if (!elder && g === c.print.guides[0]) {
          await page.screenshot({ path: `${plan.screenshots}/print-guide.png`, fullPage: true });
          writeFileSync(`${plan.screenshots}/print-guide.pdf`, pdf);
        }
        await page.emulateMedia({ media: "screen" });
      }
      await ctx.close();
    }
  }
}

try {
  mkdirSync(plan.screenshots, { recursive: true });
  if (plan.live) await live(plan.live);
  if (plan.citizens) await citizens(plan.citizens);
  for (const width of plan.pages ? [320, 390, 1280] : []) {
    const context = await browser.newContext({ viewport: { width, height: 900 }, deviceScaleFactor: 1 });
    for (const p of plan.pages) {
      const label = `${p.name}@${width}`;
      const page = await context.newPage();
      watch(page, label, p.status);
      const res = await page.goto(new URL(p.path, base).href, { waitUntil: "load" });
      check(res.status() === (p.status || 200), `${label}: HTTP status ${res.status()}`);
      const h1 = (await page.locator("h1").first().textContent() || "").trim();
      check(h1 === p.h1, `${label}: h1 is "${h1}", expected "${p.h1}"`);
      const body = await page.locator("body").innerText();
      for (const t of p.texts || []) check(body.includes(t), `${label}: shows "${t}"`);
      const styled = await page.evaluate(() => getComputedStyle(document.querySelector(".site-header")).backgroundColor);
      check(styled !== "rgba(0, 0, 0, 0)", `${label}: stylesheet applied (header ${styled})`);
      if (p.charts) {
        const sizes = await page.evaluate(() => [...document.querySelectorAll("svg[role=img]")].map((e) => {
          const r = e.getBoundingClientRect();
          return { w: r.width, h: r.height, title: e.querySelector("title")?.textContent || "" };
        }));
        check(sizes.length >= p.charts, `${label}: ${sizes.length} charts (expected at least ${p.charts})`);
        const big = sizes.filter((s) => s.w >= 100);
        check(big.every((s) => s.h > 20 && s.title.length > 0), `${label}: charts are visible and titled`);
        const tables = await page.locator("table.data-table").count();
        check(tables >= (p.tables || 0), `${label}: ${tables} data tables`);
      }
            if (p.term) {
        // A glossary term: its explanation appears on keyboard focus.
        const term = page.locator("a.term").first();
        await term.focus();
        const shown = await page.evaluate(() => {
          const tip = document.activeElement.nextElementSibling;
          return tip && getComputedStyle(tip).display !== "none" ? tip.textContent : "";
        });
        check(shown.length > 4, `${label}: a glossary term shows its explanation on focus ("${shown}")`);
                await page.evaluate(() => document.activeElement.blur());
      }
      const overflow = await page.evaluate(() => document.scrollingElement.scrollWidth - window.innerWidth);
      check(overflow <= 0, `${label}: no sideways scrolling (overflow ${overflow}px)`);
      await axe(page, label);
      await page.screenshot({ path: `${plan.screenshots}/${p.name}-${width}.png`, fullPage: true });
      await page.close();
    }
    await context.close();
  }

    if (plan.search) {
    // Searching, as a reader would: type, then follow a result.
    const ctx = await browser.newContext({ viewport: { width: 390, height: 900 } });
    const page = await ctx.newPage();
    watch(page, "search");
    await page.goto(new URL(plan.search.path, base).href);
    await page.locator("#search-q").fill(plan.search.query);
    const hit = page.getByRole("link", { name: plan.search.expect, exact: true });
    try {
      await hit.first().waitFor({ timeout: 5000 });
      pass(`search for "${plan.search.query}" lists "${plan.search.expect}"`);
      await Promise.all([page.waitForURL((u) => !u.pathname.endsWith("/search/")), hit.first().click()]);
      const h1 = (await page.locator("h1").first().textContent() || "").trim();
      check(h1 === plan.search.expect, `the search result leads to the page ("${h1}")`);
    } catch (e) {
      fail(`search for "${plan.search.query}" did not list "${plan.search.expect}": ${e.message}`);
    }
    await ctx.close();
  }
  if (plan.pages) {
  // Navigation by clicking, as a reader would.
  const context = await browser.newContext({ viewport: { width: 390, height: 900 } });
  for (const c of plan.clicks || []) {
    const page = await context.newPage();
    watch(page, `click ${c.link}`);
    await page.goto(new URL(c.from, base).href);
    await Promise.all([page.waitForURL((u) => u.href !== new URL(c.from, base).href), page.getByRole("link", { name: c.link, exact: !c.partial }).first().click()]);
    const at = new URL(page.url());
    check(at.href === new URL(c.expect_path, base).href, `click "${c.link}": arrived at ${at.pathname}`);
    const h1 = (await page.locator("h1").first().textContent() || "").trim();
    check(h1 === c.expect_h1, `click "${c.link}": h1 is "${h1}"`);
    await page.close();
  }
  await context.close();

  // Without JavaScript the site still reads.
  const nojs = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 900 } });
  for (const p of plan.pages) {
    const page = await nojs.newPage();
    await page.goto(new URL(p.path, base).href);
    const h1 = (await page.locator("h1").first().textContent() || "").trim();
    check(h1 === p.h1, `${p.name} without JavaScript: h1 is "${h1}"`);
    await page.close();
  }
  await nojs.close();

  // Keyboard: the first Tab reaches the skip link, and it moves focus to the main content.
  const kb = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await kb.newPage();
  await page.goto(base.href);
  await page.keyboard.press("Tab");
  const first = await page.evaluate(() => document.activeElement.textContent.trim());
  check(first === "跳到正文", `first Tab focuses the skip link ("${first}")`);
  await page.keyboard.press("Enter");
  const focused = await page.evaluate(() => document.activeElement.id);
  check(focused === "main", `skip link moves focus to main ("${focused}")`);
  await kb.close();
  }
} catch (e) {
  fail(`unexpected: ${e.stack || e}`);
} finally {
  await browser.close();
}
console.log(failures === 0 ? "browser checks: all passed" : `browser checks: ${failures} failed`);
process.exit(failures === 0 ? 0 : 1);
