// Search on a large site: bytes downloaded and time to the first result, per
// query, in Chromium. Build a corpus and serve it, then:
//   node benches/search_shards.mjs http://127.0.0.1:PORT/path/ 养老床位 义务教育 …
// (run from tests/browser's node_modules: NODE_PATH=tests/browser/node_modules)
import { chromium } from "playwright-core";
const [base, ...queries] = process.argv.slice(2);
const b = await chromium.launch({ executablePath: process.env.CHROMIUM || "/usr/bin/chromium", args: ["--no-sandbox"] });
for (const q of queries) {
  const ctx = await b.newContext();
  const page = await ctx.newPage();
  let bytes = 0, files = 0;
  page.on("response", async (r) => {
    if (!r.url().includes("/search")) return;
    try { bytes += (await r.body()).length; files++; } catch (e) {}
  });
  await page.goto(new URL("search/", base).href);
  await page.waitForFunction(() => document.readyState === "complete");
  await page.waitForTimeout(300);
  const before = bytes;
  const t0 = Date.now();
  await page.locator("#search-q").fill(q);
  await page.locator("#search-results li").first().waitFor({ timeout: 10000 }).catch(() => {});
  const ms = Date.now() - t0;
  await page.waitForTimeout(300);
  const n = await page.locator("#search-results li").count();
  const status = await page.locator("#search-status").textContent();
  console.log(`${q}\t${ms} ms to first result (incl. 120 ms typing pause)\t${(bytes / 1024).toFixed(0)} KB in ${files} files (page + search.json: ${(before / 1024).toFixed(0)} KB)\t${n} shown; ${status}`);
  await ctx.close();
}
await b.close();
