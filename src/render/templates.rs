//! The tera engine: templates compiled once per build, our filters, and tera's
//! errors turned into diagnostics that name the template file, line and column.

use std::collections::BTreeMap;
use std::path::PathBuf;

use tera::{Kwargs, State, Tera};

use crate::diag::Diagnostic;
use crate::source::TemplateSource;
use crate::t;

/// Compiled templates and where each came from.
pub(crate) struct Templates {
    /// The engine.
    pub tera: Tera,
    paths: BTreeMap<String, (PathBuf, String)>,
}

impl Templates {
    /// Compiles all templates. Errors are returned as diagnostics.
    pub(crate) fn compile(
        sources: &[TemplateSource],
        site: &crate::site::Site,
        cache: &crate::chart::ChartCache,
    ) -> Result<Templates, Vec<Diagnostic>> {
        let mut tera = Tera::new();
        tera.autoescape_on([".html", ".xml"]);
        tera.set_escape_fn(escape);
        register_filters(&mut tera);
        register_indicator_function(&mut tera, site, cache);
        let paths: BTreeMap<String, (PathBuf, String)> = sources
            .iter()
            .map(|t| (t.name.clone(), (t.path.clone(), t.text.clone())))
            .collect();
        let result =
            tera.add_raw_templates(sources.iter().map(|t| (t.name.as_str(), t.text.as_str())));
        let templates = Templates { tera, paths };
        match result {
            Ok(()) => Ok(templates),
            Err(e) => Err(vec![templates.diagnostic(&e, None)]),
        }
    }

    /// True if a template of that name exists.
    pub(crate) fn has(&self, name: &str) -> bool {
        self.paths.contains_key(name)
    }

    /// Renders `name` with `ctx`.
    /// The page's bytes: tera writes UTF-8, so they are taken as they are
    /// (its `render` would check all of them again to make a `String`).
    pub(crate) fn render(&self, name: &str, ctx: &tera::Context) -> Result<Vec<u8>, Diagnostic> {
        let mut out = Vec::with_capacity(16 * 1024);
        self.render_into(name, ctx, &mut out)?;
        Ok(out)
    }

    /// [`Templates::render`] into `out` (emptied first), for a caller that
    /// reuses one buffer for page after page.
    pub(crate) fn render_into(
        &self,
        name: &str,
        ctx: &tera::Context,
        out: &mut Vec<u8>,
    ) -> Result<(), Diagnostic> {
        out.clear();
        self.tera
            .render_to(name, ctx, out)
            .map_err(|e| self.diagnostic(&e, Some(name)))
    }

    /// A tera error as a diagnostic located in the template file.
    fn diagnostic(&self, e: &tera::Error, rendering: Option<&str>) -> Diagnostic {
        let fallback = rendering.unwrap_or("templates");
        match e.kind() {
            tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r) => {
                let (path, text) = self
                    .paths
                    .get(r.filename())
                    .cloned()
                    .unwrap_or_else(|| (PathBuf::from(r.filename()), String::new()));
                let span = r.span();
                let syntax = matches!(e.kind(), tera::ErrorKind::SyntaxError(_));
                let said = r.message();
                let message = if syntax {
                    t!("模板写法有误：{said}", "template syntax error: {said}")
                } else {
                    t!("模板出错：{said}", "template error: {said}")
                };
                let mut d = Diagnostic::error(path, message);
                if !text.is_empty() && span.start_line > 0 {
                    d = d.at(&text, span.start_line, span.start_col + 1);
                }
                let hint = if r.message().contains("not defined")
                    || r.message().contains("not found")
                {
                    t!(
                        "模板用到了这个页面没有的值：检查拼写，或用 {{% if … %}} 包起来",
                        "the template uses a value this page does not have: check its spelling, or guard it with {{% if … %}}"
                    )
                } else {
                    t!(
                        "模板写法：{{{{ 值 }}}}、{{% if %}}…{{% endif %}}、{{% for x in 列表 %}}…{{% endfor %}}",
                        "see the tera template syntax: {{{{ value }}}}, {{% if %}}…{{% endif %}}, {{% for x in list %}}…{{% endfor %}}"
                    )
                };
                d.hint(hint)
            }
            tera::ErrorKind::MissingParent { current, parent } => {
                let path = self
                    .paths
                    .get(current)
                    .map_or_else(|| PathBuf::from(current), |(p, _)| p.clone());
                Diagnostic::error(
                    path,
                    t!(
                        "继承的模板“{parent}”不存在",
                        "extends `{parent}`, which does not exist"
                    ),
                )
                .hint(t!(
                    "检查 {{% extends \"…\" %}} 里的名字",
                    "check the name in {{% extends \"…\" %}}"
                ))
            }
            tera::ErrorKind::TemplateNotFound(name) => {
                let found = self.paths.keys().cloned().collect::<Vec<_>>().join(", ");
                Diagnostic::error(
                    PathBuf::from(fallback),
                    t!("没有叫“{name}”的模板", "template `{name}` does not exist"),
                )
                .hint(t!("现有的模板：{found}", "templates found: {found}"))
            }
            _ => {
                let mut msg = e.to_string();
                let mut src = std::error::Error::source(e);
                while let Some(s) = src {
                    msg.push_str(": ");
                    msg.push_str(&s.to_string());
                    src = s.source();
                }
                Diagnostic::error(
                    PathBuf::from(fallback),
                    t!("模板出错：{msg}", "template error: {msg}"),
                )
            }
        }
    }
}

/// Gives templates `indicator_chart(id="…", chart="line")`: the same figure
/// (chart, caption, data table) an `indicator` block in Markdown gives. Functions
/// must exist before templates are compiled.
fn register_indicator_function(
    tera: &mut Tera,
    site: &crate::site::Site,
    cache: &crate::chart::ChartCache,
) {
    let indicators = std::sync::Arc::new(site.indicators.clone());
    let cache = cache.clone();
    tera.register_function("indicator_chart", move |kwargs: Kwargs, _: &State| -> tera::TeraResult<tera::Value> {
            let id: String = kwargs.must_get("id")?;
            crate::render::reads::record(crate::render::reads::Read::indicator(&indicators, &id));
            let chart: Option<String> = kwargs.get("chart")?;
            let chart = chart.unwrap_or_else(|| "line".into());
            let figure = indicators
                .binary_search_by(|i| i.id.as_str().cmp(&id))
                .ok()
                .zip(crate::chart::ChartKind::parse(&chart))
                .and_then(|(i, kind)| {
                    let ind = &indicators[i];
                    crate::render::indicators::figure_html(&cache, ind, kind, &format!("t-{}-{}", ind.id, kind.name()), None)
                });
            match figure {
                Some(html) => Ok(tera::Value::safe_string(&html)),
                None => Err(tera::Error::message(format!(
                    "indicator_chart: no `{chart}` chart for indicator `{id}` (unknown id, unknown chart kind, or no data for it)"
                ))),
            }
        });
}

/// For each template, a key of its text and of every template it extends,
/// includes or imports (recursively): editing a template changes the keys of the
/// outputs that use it and of no others.
pub(crate) fn closure_keys(sources: &[TemplateSource]) -> BTreeMap<String, u64> {
    let texts: BTreeMap<&str, &str> = sources
        .iter()
        .map(|t| (t.name.as_str(), t.text.as_str()))
        .collect();
    texts
        .keys()
        .map(|&name| {
            let mut seen = std::collections::BTreeSet::new();
            let mut todo = vec![name];
            while let Some(n) = todo.pop() {
                if seen.insert(n) {
                    todo.extend(texts.get(n).map_or_else(Vec::new, |t| uses(t)));
                }
            }
            let parts: Vec<(&str, Option<&&str>)> =
                seen.into_iter().map(|n| (n, texts.get(n))).collect();
            (name.to_string(), crate::text::hash::key_of(parts))
        })
        .collect()
}

/// The templates a template's text names in `extends`, `include` and `import` tags.
fn uses(text: &str) -> Vec<&str> {
    let mut found = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("{%") {
        let after = &rest[start + 2..];
        let end = after.find("%}").unwrap_or(after.len());
        let tag = after[..end].trim_start_matches('-').trim_start();
        if ["extends", "include", "import"]
            .iter()
            .any(|k| tag.starts_with(k))
        {
            let mut t = tag;
            while let Some(q) = t.find(['"', '\'']) {
                let quote = &t[q..q + 1];
                let Some(len) = t[q + 1..].find(quote) else {
                    break;
                };
                found.push(&t[q + 1..q + 1 + len]);
                t = &t[q + 2 + len..];
            }
        }
        rest = &after[end.min(after.len())..];
    }
    found
}

/// `34.1万` for 341000: how Chinese readers say large numbers.
pub(crate) fn wan(n: f64) -> String {
    if n.abs() >= 100_000_000.0 {
        format!("{}亿", trim_zeros(n / 100_000_000.0))
    } else if n.abs() >= 10_000.0 {
        format!("{}万", trim_zeros(n / 10_000.0))
    } else {
        trim_zeros(n)
    }
}

fn trim_zeros(n: f64) -> String {
    crate::indicator::status::fmt_value(n, 2)
}

fn register_filters(tera: &mut Tera) {
    // ISO date → 2023年3月16日.
    tera.register_filter("date_zh", |s: &str, _: Kwargs, _: &State| {
        crate::site::Date::parse(s).map_or_else(|| s.to_string(), |d| d.zh())
    });
    tera.register_filter("wan", |n: f64, _: Kwargs, _: &State| wan(n));
    // For mailto: subjects and query strings.
    tera.register_filter("urlencode", |s: &str, _: Kwargs, _: &State| {
        crate::text::escape::url_component(s)
    });
    // Telephone links want digits only.
    tera.register_filter("tel", |s: &str, _: Kwargs, _: &State| {
        s.chars()
            .filter(|c| c.is_ascii_digit() || *c == '+')
            .collect::<String>()
    });
}

/// Tera's escaping: the same as the site's own HTML (tera's, on the same
/// crate), which also drops what XML forbids, so a value from any source stays
/// well-formed in the pages and the feed.
fn escape(input: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    crate::text::escape::html_to(out, input)
}

#[cfg(test)]
mod closure_tests {
    use super::*;

    #[test]
    fn names_in_extends_include_and_import() {
        let t = "{% extends \"base.html\" %}{%- include 'partials/a.html' -%}{% import \"m.html\" as m %}{{ \"x.html\" }}";
        assert_eq!(uses(t), ["base.html", "partials/a.html", "m.html"]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wan_formats_large_numbers() {
        assert_eq!(wan(341000.0), "34.1万");
        assert_eq!(wan(3408.0), "3408");
        assert_eq!(wan(250000000.0), "2.5亿");
    }

    #[test]
    fn template_values_lose_what_xml_forbids() {
        let mut tera = Tera::new();
        tera.autoescape_on([".html"]);
        tera.set_escape_fn(escape);
        tera.add_raw_template("t.html", "<p>{{ v }}</p>").unwrap();
        let mut ctx = tera::Context::new();
        ctx.insert("v", "甲\u{1}乙\u{b}丙<&\"'");
        let html = tera.render("t.html", &ctx).unwrap();
        assert_eq!(html, "<p>甲乙 丙&lt;&amp;&quot;&#39;</p>");
    }
}
