// minsheng: the one small script of the default theme. Everything works without it.
// Opened from a folder (file://), browsers do not turn "x/" into "x/index.html":
// point such links at the file itself so the site can be read offline.
(function () {
  if (location.protocol !== "file:") return;
  var links = document.querySelectorAll("a[href]");
  for (var i = 0; i < links.length; i++) {
    var href = links[i].getAttribute("href");
    if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.charAt(0) === "#") continue;
    var cut = href.search(/[?#]/);
    var path = cut < 0 ? href : href.slice(0, cut);
    var rest = cut < 0 ? "" : href.slice(cut);
    if (path === "" ) continue;
    if (path.charAt(path.length - 1) === "/") links[i].setAttribute("href", path + "index.html" + rest);
  }
})();

// Search: ranks search.json (built at build time over every page type) in the
// browser. CJK-aware: a word matches where it is written, and otherwise where
// most of its two-character pieces (bigrams) are; glossary aliases are synonyms.
// Guides and exact title matches come first. Exposed for the tests.
var MinshengSearch = (function () {
  var BOOST = { guide: 30, indicator: 12, glossary: 8, page: 6, domain: 5, audience: 5, section: 4 };
  // Full-width letters and digits as ASCII, lower case; one character for one, so
  // positions in the folded text are positions in the shown text.
  function fold(s) {
    return (s || "").replace(/[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]/g, function (c) {
      return String.fromCharCode(c.charCodeAt(0) - 0xfee0);
    }).toLowerCase();
  }
  function tokens(q) {
    return fold(q).split(/[\s,.;:!?()\[\]"'\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\u2018-\u201f\u00b7\u2014\u2026]+/).filter(function (t) { return t; });
  }
  function bigrams(t) {
    var out = [];
    for (var i = 0; i + 1 < t.length; i++) out.push(t.slice(i, i + 2));
    return out;
  }
  function count(hay, needle) {
    var n = 0, i = hay.indexOf(needle);
    while (i >= 0 && n < 6) { n++; i = hay.indexOf(needle, i + needle.length); }
    return n;
  }
  function prepare(index) {
    var syn = (index.syn || []).map(function (g) { return g.map(fold); });
    var docs = (index.docs || []).map(function (d) {
      return { d: d, t: fold(d.t), w: fold(d.w), x: fold(d.x) };
    });
    return { syn: syn, docs: docs };
  }
  // The token and what the glossary says means the same.
  function variants(tok, syn) {
    var out = [tok];
    syn.forEach(function (g) {
      g.forEach(function (m) {
        if (m && tok.indexOf(m) >= 0) g.forEach(function (o) {
          var v = tok.split(m).join(o);
          if (out.indexOf(v) < 0) out.push(v);
        });
      });
    });
    return out;
  }
  // How well `v` matches: exact title, in the title, in the keywords, in the
  // text; else the share of its bigrams found (at least two of three).
  function scoreOne(doc, v) {
    if (doc.t === v) return { s: 60, exact: true };
    var s = 0;
    if (doc.t.indexOf(v) >= 0) s += 40;
    if (doc.w.indexOf(v) >= 0) s += 15;
    var n = count(doc.x, v);
    if (n) s += 8 + n;
    if (s > 0) return { s: s };
    var grams = bigrams(v);
    if (grams.length < 2) return null;
    var found = 0;
    grams.forEach(function (g) {
      if (doc.x.indexOf(g) >= 0 || doc.t.indexOf(g) >= 0 || doc.w.indexOf(g) >= 0) found++;
    });
    var f = found / grams.length;
    return f >= 0.66 ? { s: 6 * f } : null;
  }
  // Where the text shows the match best: a variant as written, else its longest
  // piece found.
  function locate(x, vs) {
    for (var i = 0; i < vs.length; i++) {
      var at = x.indexOf(vs[i]);
      if (at >= 0) return { at: at, len: vs[i].length };
    }
    for (var len = vs[0].length - 1; len >= 2; len--) {
      for (var j = 0; j < vs.length; j++) {
        for (var k = 0; k + len <= vs[j].length; k++) {
          var a = x.indexOf(vs[j].slice(k, k + len));
          if (a >= 0) return { at: a, len: len };
        }
      }
    }
    return null;
  }
  function snippet(x, loc) {
    if (!loc) return null;
    var at = loc.at, len = loc.len;
    var start = Math.max(0, at - 24), end = Math.min(x.length, at + len + 56);
    return { before: (start > 0 ? "…" : "") + x.slice(start, at), match: x.slice(at, at + len), after: x.slice(at + len, end) + (end < x.length ? "…" : "") };
  }
  // Ranked hits: exact title matches first, then service guides, then by score.
  function run(prepared, q, limit) {
    var toks = tokens(q);
    if (!toks.length) return [];
    var vs = toks.map(function (t) { return variants(t, prepared.syn); });
    var hits = [];
    prepared.docs.forEach(function (doc) {
      var total = 0, exact = false;
      for (var i = 0; i < vs.length; i++) {
        var best = null;
        for (var j = 0; j < vs[i].length; j++) {
          var r = scoreOne(doc, vs[i][j]);
          // A synonym counts a little less than the word typed.
          if (r && j > 0) { r.s *= 0.8; r.exact = false; }
          if (r && (!best || r.s > best.s)) best = r;
        }
        if (!best) return;
        total += best.s;
        exact = exact || (best.exact && vs.length === 1);
      }
      total += BOOST[doc.d.k] || 0;
      var tier = exact ? 0 : doc.d.k === "guide" ? 1 : 2;
      hits.push({ doc: doc.d, score: total, tier: tier, snippet: snippet(doc.d.x, locate(doc.x, vs[0])) });
    });
    hits.sort(function (a, b) { return a.tier - b.tier || b.score - a.score || a.doc.t.length - b.doc.t.length; });
    return limit ? hits.slice(0, limit) : hits;
  }
  // A large site's index comes in shards (search.json says v: 4): bigram →
  // documents, and the documents in groups. A query fetches the files of its
  // bigrams (a long list has a file of its own, named in `b`, with the records
  // of the documents it ranks first), ranks the documents they name, then
  // fetches the documents of the first results only.
  var KINDS = { g: "guide", i: "indicator", t: "glossary", d: "domain", a: "audience", s: "section", p: "page" };
  function hash(s) {
    var h = 0x811c9dc5;
    for (var i = 0; i < s.length; i++) {
      var cp = s.codePointAt(i);
      if (cp > 0xffff) i++;
      h ^= cp;
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h;
  }
  function wordGrams(v) {
    var cs = Array.from(v), out = [];
    for (var i = 0; i + 1 < cs.length; i++) {
      var g = cs[i] + cs[i + 1];
      if (/^[\p{L}\p{N}]{2}$/u.test(g) && out.indexOf(g) < 0) out.push(g);
    }
    return out;
  }
  // A gram's postings as two arrays by id. Each is a number (its gap from the
  // one before less one, times 4, plus s) and, when s is 3, its flags as one
  // more digit; s 0, 1, 2 mean flags 4, 8, 12. Digits: DIGITS[0..63] end a
  // number, DIGITS[64..88] come before its last digit (base 25, then × 64).
  var DIGITS = "!#$%'()*+,-./0123456789:;=?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_`abcdefghijklmnopqrstuvwxyz{|}~";
  var VALUE = new Int8Array(128);
  for (var di = 0; di < DIGITS.length; di++) VALUE[DIGITS.charCodeAt(di)] = di;
  function decode(list) {
    var ids = [], fl = [], id = -1, high = 0;
    if (!list) return { ids: ids, f: fl };
    for (var i = 0; i < list.length; i++) {
      var d = VALUE[list.charCodeAt(i) & 127];
      if (d >= 64) { high = high * 25 + d - 64; continue; }
      var n = high * 64 + d, s = n & 3;
      high = 0;
      id += (n >> 2) + 1;
      ids.push(id);
      fl.push(s < 3 ? 4 * s + 4 : VALUE[list.charCodeAt(++i) & 127]);
    }
    return { ids: ids, f: fl };
  }
  function sharded(meta, get) {
    var files = {}, dcache = {}, recs = {}, n = meta.n, own = {};
    var b = Array.from(meta.b || "");
    for (var bi = 0; bi + 1 < b.length; bi += 2) own[b[bi] + b[bi + 1]] = true;
    function fileOf(g) {
      if (!own[g]) return "search/g/" + (hash(g) % meta.g) + ".json";
      return "search/w/" + Array.from(g).map(function (c) { return c.codePointAt(0).toString(16); }).join("-") + ".json";
    }
    // A gram's file may carry the documents it ranks first ("#").
    function gramFile(path) {
      return files[path] || (files[path] = get(path).then(function (m) {
        var top = m["#"];
        if (top) for (var id in top) recs[id] = top[id];
        return m;
      }));
    }
    function docShard(k) { return dcache[k] || (dcache[k] = get("search/d/" + k + ".json")); }
    function record(id) {
      if (recs[id]) return Promise.resolve(recs[id]);
      return docShard(Math.floor(id / meta.per)).then(function (docs) { return docs[id % meta.per]; });
    }
    function postings(g) {
      return gramFile(fileOf(g)).then(function (m) { return decode(m[g]); });
    }
    // Each document's score for word `v` (0: not found), by id.
    function scoreVariant(v) {
      var grams = wordGrams(v), out = new Float64Array(n);
      if (!grams.length) return Promise.resolve(out);
      return Promise.all(grams.map(postings)).then(function (lists) {
        var G = grams.length, seen = new Uint16Array(n), all = new Uint8Array(n), least = new Uint8Array(n);
        lists.forEach(function (l) {
          for (var i = 0; i < l.ids.length; i++) {
            var id = l.ids[i], f = l.f[i];
            if (!seen[id]) { all[id] = 3; least[id] = 15; }
            seen[id]++;
            all[id] &= f;
            if (f >> 2 < least[id]) least[id] = f >> 2;
          }
        });
        for (var id = 0; id < n; id++) {
          if (!seen[id]) continue;
          if (seen[id] === G) {
            var c = least[id];
            out[id] = ((all[id] & 1 ? 40 : 0) + (all[id] & 2 ? 15 : 0) + (c ? 8 + Math.min(c, 6) : 0)) || 6;
          } else if (G >= 2 && seen[id] / G >= 0.66) {
            out[id] = 6 * (seen[id] / G);
          }
        }
        return out;
      });
    }
    function byRank(a, b) { return a.tier - b.tier || b.score - a.score || a.id - b.id; }
    return function (q, limit) {
      var toks = tokens(q);
      var syn = (meta.syn || []).map(function (g) { return g.map(fold); });
      var vs = toks.map(function (t) { return variants(t, syn); });
      return Promise.all(vs.map(function (list) {
        return Promise.all(list.map(scoreVariant)).then(function (scores) {
          // A synonym counts a little less than the word typed.
          var best = scores[0];
          for (var j = 1; j < scores.length; j++) {
            for (var id = 0; id < n; id++) {
              var s = scores[j][id] * 0.8;
              if (s > best[id]) best[id] = s;
            }
          }
          return best;
        });
      })).then(function (per) {
        if (!per.length) return [];
        var hits = [];
        for (var id = 0; id < n; id++) {
          if (!per[0][id]) continue;
          var total = 0, ok = true;
          for (var k = 0; k < per.length && ok; k++) { if (!per[k][id]) ok = false; else total += per[k][id]; }
          if (!ok) continue;
          var kind = KINDS[meta.k.charAt(id)] || "page";
          total += BOOST[kind] || 0;
          hits.push({ id: id, score: total, tier: kind === "guide" ? 1 : 2 });
        }
        hits.sort(byRank);
        var count = hits.length;
        hits = hits.slice(0, limit || 30);
        return Promise.all(hits.map(function (h) {
          return record(h.id).then(function (d) {
            if (vs.length === 1 && toks.length === 1 && fold(d.t) === toks[0]) h.tier = 0;
            h.doc = d;
            h.snippet = snippet(d.x, locate(fold(d.x), vs[0]));
            return h;
          });
        })).then(function (list) {
          list.sort(byRank);
          list.total = count;
          return list;
        });
      });
    };
  }
  // A record's summary: a large site's records give it as its length in
  // characters (code points) when the text starts with it.
  function summary(d) {
    return typeof d.s === "number" ? Array.from(d.x || "").slice(0, d.s).join("") : d.s || "";
  }
  return { prepare: prepare, run: run, tokens: tokens, variants: variants, sharded: sharded, hash: hash, summary: summary };
})();
window.MinshengSearch = MinshengSearch;

// The search page (it works without script too: it offers the categories).
(function () {
  var form = document.getElementById("search-form");
  if (!form) return;
  var input = document.getElementById("search-q");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var root = form.getAttribute("data-root") || "./";
  var prepared = null;
  function show(q) {
    list.textContent = "";
    if (!MinshengSearch.tokens(q).length) { status.textContent = ""; return; }
    var hits = MinshengSearch.run(prepared, q);
    render(hits.slice(0, 30), hits.length);
  }
  function render(hits, total, shown) {
    shown = shown || 30;
    list.textContent = "";
    status.textContent = total ? "找到 " + total + " 条" + (total > shown ? "，显示前 " + shown + " 条" : "") : "没有找到。换个说法试试，或者按下面的分类浏览。";
    hits.forEach(function (h) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = root + h.doc.p;
      a.textContent = h.doc.t;
      li.appendChild(a);
      var meta = document.createElement("span");
      meta.className = "search-meta";
      meta.textContent = h.doc.c + (h.doc.d ? " · " + h.doc.d : "");
      li.appendChild(meta);
      var p = document.createElement("p");
      if (h.snippet) {
        p.appendChild(document.createTextNode(h.snippet.before));
        var m = document.createElement("mark");
        m.textContent = h.snippet.match;
        p.appendChild(m);
        p.appendChild(document.createTextNode(h.snippet.after));
      } else {
        p.textContent = MinshengSearch.summary(h.doc);
      }
      if (p.textContent) li.appendChild(p);
      list.appendChild(li);
    });
  }
  var timer = null, shardedRun = null, asked = 0;
  // Nobody searches with a paragraph, and ranking a pasted one (or one in a
  // shared search/?q= link) would freeze a cheap phone for seconds: the
  // first 50 characters are searched (the boxes also take no more).
  var MAX_QUERY = 50;
  function query() { return input.value.slice(0, MAX_QUERY); }
  function run() {
    if (prepared) show(query());
    else if (shardedRun) {
      var q = query(), mine = ++asked;
      if (!MinshengSearch.tokens(q).length) { list.textContent = ""; status.textContent = ""; return; }
      shardedRun(q, 10).then(function (hits) { if (mine === asked) render(hits, hits.total, 10); });
    }
  }
  form.addEventListener("submit", function (ev) { ev.preventDefault(); run(); });
  // A short pause for typing to stop; while an input method is composing
  // (pinyin letters in the box), wait for the word it commits.
  function later() { clearTimeout(timer); timer = setTimeout(run, 60); }
  input.addEventListener("input", function (ev) { if (ev.isComposing) clearTimeout(timer); else later(); });
  input.addEventListener("compositionend", later);
  var q = new URLSearchParams(location.search).get("q");
  if (q) {
    q = q.slice(0, MAX_QUERY);
    input.value = q;
    var top = document.getElementById("site-q");
    if (top) top.value = q;
  }
  function get(path) { return fetch(root + path).then(function (r) { return r.json(); }); }
  get("search.json").then(function (data) {
    if (data.v === 4) shardedRun = MinshengSearch.sharded(data, get);
    else prepared = MinshengSearch.prepare(data);
    run();
  }).catch(function () {
    status.textContent = "搜索暂时不能用(从文件夹直接打开时浏览器不允许)。请按下面的分类浏览。";
  });
})();

// 朗读 (read aloud): the browser's own speech synthesis reads the main content;
// no external service. Shown only where the browser has a Chinese voice.
(function () {
  var btn = document.getElementById("read-aloud");
  var stop = document.getElementById("read-stop");
  var synth = window.speechSynthesis;
  if (!btn || !stop || !synth || typeof window.SpeechSynthesisUtterance === "undefined") return;
  var voice = null, state = "idle";
  function pick() {
    var vs = synth.getVoices() || [];
    for (var i = 0; i < vs.length; i++) if (/^(zh|cmn)/i.test(vs[i].lang || "")) return vs[i];
    return null;
  }
  function ready() { voice = pick(); btn.hidden = !voice; }
  ready();
  if (synth.addEventListener) synth.addEventListener("voiceschanged", ready);
  function set(s) {
    state = s;
    btn.textContent = s === "speaking" ? "暂停朗读" : s === "paused" ? "继续朗读" : "朗读";
    stop.hidden = s === "idle";
  }
  var SEL = "h1,h2,h3,h4,p,li,dt,dd,figcaption";
  function texts() {
    var main = document.getElementById("main");
    var out = [];
    main.querySelectorAll(SEL).forEach(function (el) {
      if (el.closest("nav, svg, table, .term-tip, .visually-hidden, [hidden]") || el.querySelector(SEL)) return;
      var c = el.cloneNode(true);
      c.querySelectorAll(".term-tip, [aria-hidden=true]").forEach(function (n) { n.remove(); });
      var t = c.textContent.replace(/\s+/g, " ").trim();
      if (t) out.push(t);
    });
    return out;
  }
  btn.addEventListener("click", function () {
    if (state === "speaking") { synth.pause(); set("paused"); return; }
    if (state === "paused") { synth.resume(); set("speaking"); return; }
    synth.cancel();
    var list = texts();
    list.forEach(function (t, i) {
      var u = new SpeechSynthesisUtterance(t);
      u.lang = voice && voice.lang ? voice.lang : "zh-CN";
      if (voice) u.voice = voice;
      u.rate = 0.9;
      if (i === list.length - 1) u.onend = function () { set("idle"); };
      synth.speak(u);
    });
    set(list.length ? "speaking" : "idle");
  });
  stop.addEventListener("click", function () { synth.cancel(); set("idle"); btn.focus(); });
  window.addEventListener("pagehide", function () { synth.cancel(); });
})();

// Print: links carry their full address on paper; the sheet says when it was printed.
window.addEventListener("beforeprint", function () {
  document.querySelectorAll("main a[href], .contact a[href]").forEach(function (a) {
    var h = a.getAttribute("href");
    if (!h || h.charAt(0) === "#" || /^(tel|mailto):/i.test(h) || a.textContent.indexOf(a.href) >= 0) return;
    a.setAttribute("data-print-href", a.href);
  });
  var u = document.querySelector(".print-url");
  if (u) u.textContent = location.href;
  var d = document.querySelector(".print-date");
  var now = new Date();
  if (d) d.textContent = " · 打印日期：" + now.getFullYear() + "年" + (now.getMonth() + 1) + "月" + now.getDate() + "日";
});
