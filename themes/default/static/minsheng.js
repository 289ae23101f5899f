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
