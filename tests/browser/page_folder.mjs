// A page folder in a real browser (driven by tests/integration/browser.rs):
//   node page_folder.mjs plan.json
// plan: { base, chromium, path, alt, width, height, attachment, attachment_bytes,
//         wide: { alt, chosen, natural, original } }
// Checks that the picture beside the page loads (natural width > 0) with its
// width and height, that a wide photograph loads the copy its srcset offers for
// this screen (not the original), that the download link says its type and size and the file
// is served, and that the footnote link leads to the note and back.
// Prints one line per check; "browser checks: all passed" at the end.
import { readFileSync } from "node:fs";
import { chromium } from "playwright-core";

const plan = JSON.parse(readFileSync(process.argv[2], "utf8"));
let failures = 0;
const check = (ok, m) => {
  if (!ok) failures++;
  console.log(`${ok ? "PASS" : "FAIL"} ${m}`);
};

const browser = await chromium.launch({
  executablePath: plan.chromium || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
});
try {
  const page = await browser.newPage({ viewport: { width: 390, height: 700 } });
  const urls = [];
  page.on("response", (res) => {
    urls.push(decodeURI(res.url()));
    check(res.status() < 400, `${res.status()} for ${decodeURI(res.url())}`);
  });
  page.on("pageerror", (err) => check(false, `script error: ${err.message}`));
  await page.goto(new URL(plan.path, plan.base).href);

  const img = page.locator(`img[alt="${plan.alt}"]`);
  await img.scrollIntoViewIfNeeded();
  await page.waitForFunction((alt) => {
    const i = document.querySelector(`img[alt="${alt}"]`);
    return i && i.complete;
  }, plan.alt);
  const pic = await img.evaluate((i) => ({
    natural: i.naturalWidth, w: i.getAttribute("width"), h: i.getAttribute("height"),
    loading: i.getAttribute("loading"), decoding: i.getAttribute("decoding"),
  }));
  check(pic.natural === plan.width, `picture loaded at its natural width ${plan.width} (got ${pic.natural})`);
  check(pic.w === String(plan.width) && pic.h === String(plan.height), `picture has width=${pic.w} height=${pic.h}`);
  check(pic.loading === "lazy" && pic.decoding === "async", "picture loads lazily and decodes asynchronously");

  const wide = page.locator(`img[alt="${plan.wide.alt}"]`);
  await wide.scrollIntoViewIfNeeded();
  await page.waitForFunction((alt) => {
    const i = document.querySelector(`img[alt="${alt}"]`);
    return i && i.complete && i.currentSrc;
  }, plan.wide.alt);
  // naturalWidth is scaled by the srcset's density: read the file's own width.
  const w = await wide.evaluate(async (i) => {
    const copy = new Image();
    copy.src = i.currentSrc;
    await copy.decode();
    return { src: decodeURI(i.currentSrc), natural: copy.naturalWidth };
  });
  check(w.src.endsWith("/" + plan.wide.chosen), `the wide photo loads its copy ${plan.wide.chosen} (got ${w.src})`);
  check(w.natural === plan.wide.natural, `the copy is ${plan.wide.natural} px wide (got ${w.natural})`);
  const original = urls.some((u) => u.endsWith("/" + plan.wide.original));
  check(!original, `the ${plan.wide.original} original is not downloaded`);

  const link = page.getByRole("link", { name: plan.attachment });
  check((await link.count()) === 1, `a link reads "${plan.attachment}"`);
  const size = await link.evaluate(async (a) => (await (await fetch(a.href)).arrayBuffer()).byteLength);
  check(size === plan.attachment_bytes, `the download is served whole (${size} bytes)`);

  await page.locator('a[href="#fn-1"]').click();
  await page.waitForFunction(() => location.hash === "#fn-1");
  const seen = await page.evaluate(() => {
    const r = document.getElementById("fn-1").getBoundingClientRect();
    return r.top >= 0 && r.top < window.innerHeight;
  });
  check(seen, "the footnote link scrolls to the note");
  await page.locator("#fn-1 a.fn-back").click();
  await page.waitForFunction(() => location.hash === "#fnref-1");
  check(true, "the note's back link returns to the text");
} catch (e) {
  check(false, `error: ${e.message}`);
} finally {
  await browser.close();
}
if (failures === 0) console.log("browser checks: all passed");
process.exit(failures === 0 ? 0 : 1);
