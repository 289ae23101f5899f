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
  await context.close();
}

try {
  mkdirSync(plan.screenshots, { recursive: true });
  if (plan.live) await live(plan.live);
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
