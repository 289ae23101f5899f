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

// The search page: filters search.json in the browser (the page works without it).
(function () {
  var form = document.getElementById("search-form");
  if (!form) return;
  var input = document.getElementById("search-q");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var root = form.getAttribute("data-root") || "./";
  var entries = null;
  function show(q) {
    list.textContent = "";
    var terms = q.toLowerCase().split(/\s+/).filter(function (t) { return t; });
    if (!terms.length) { status.textContent = ""; return; }
    var hits = [];
    for (var i = 0; i < entries.length; i++) {
      var e = entries[i];
      var hay = (e.t + " " + e.s + " " + e.c).toLowerCase();
      var ok = terms.every(function (t) { return hay.indexOf(t) >= 0; });
      if (ok) hits.push({ e: e, score: terms.every(function (t) { return e.t.toLowerCase().indexOf(t) >= 0; }) ? 0 : 1 });
    }
    hits.sort(function (a, b) { return a.score - b.score; });
    status.textContent = hits.length ? "找到 " + hits.length + " 条" + (hits.length > 50 ? ",显示前 50 条" : "") : "没有找到。换个说法试试,或者按下面的分类浏览。";
    hits.slice(0, 50).forEach(function (h) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = root + h.e.p;
      a.textContent = h.e.t;
      li.appendChild(a);
      var meta = document.createElement("span");
      meta.className = "search-meta";
      meta.textContent = h.e.c + (h.e.d ? " · " + h.e.d : "");
      li.appendChild(meta);
      if (h.e.s) {
        var p = document.createElement("p");
        p.textContent = h.e.s;
        li.appendChild(p);
      }
      list.appendChild(li);
    });
  }
  function run() { if (entries) show(input.value); }
  form.addEventListener("submit", function (ev) { ev.preventDefault(); run(); });
  input.addEventListener("input", run);
  var q = new URLSearchParams(location.search).get("q");
  if (q) input.value = q;
  fetch(root + "search.json").then(function (r) { return r.json(); }).then(function (data) {
    entries = data;
    run();
  }).catch(function () {
    status.textContent = "搜索暂时不能用(从文件夹直接打开时浏览器不允许)。请按下面的分类浏览。";
  });
})();
