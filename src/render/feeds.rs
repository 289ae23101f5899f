//! Machine-readable outputs: `sitemap.xml`, `atom.xml` and `robots.txt`. These are
//! the only outputs with absolute URLs, so they need `base_url`; without it the
//! sitemap and feed are left out (with a warning from the build).

use crate::render::views::Views;
use crate::render::OutputFile;
use crate::site::Site;

use crate::domains::DOMAINS;
use crate::text::escape::{html as xml_escape, push_url_path, url_path as encode_path};

/// The feeds of the site.
pub(crate) fn feeds(site: &Site, views: &Views<'_>) -> Vec<OutputFile> {
    let mut files = Vec::new();
    let mut robots = String::from("User-agent: *\nAllow: /\n");
    if let Some(base) = &site.config.base_url {
        robots.push_str(&format!("Sitemap: {base}sitemap.xml\n"));
        files.push(OutputFile {
            path: "sitemap.xml".into(),
            bytes: sitemap(site, base).into_bytes().into(),
        });
        if let Some(feed) = atom(site, views, base) {
            files.push(OutputFile {
                path: "atom.xml".into(),
                bytes: feed.into_bytes().into(),
            });
        }
    }
    files.push(OutputFile {
        path: "robots.txt".into(),
        bytes: robots.into_bytes().into(),
    });
    files
}

/// `sitemap.xml`: every page (with its last date), section and taxonomy
/// page, by address. Written in one string with no other allocation a page
/// (a copy of every address, its date, escaped and encoded, sorted as owned
/// strings, was a tenth of a body edit at 10,000 pages).
fn sitemap(site: &Site, base: &str) -> String {
    let mut generated = vec!["domains/".to_string()];
    generated.extend(DOMAINS.iter().map(|d| format!("domains/{}/", d.slug)));
    generated.push("audiences/".into());
    generated.extend(
        site.config
            .audiences
            .iter()
            .map(|a| format!("audiences/{}/", a.slug)),
    );
    let mut entries: Vec<(&str, Option<&crate::site::Date>)> = (site.pages.iter())
        .map(|p| (p.path.as_str(), p.updated.as_ref().or(p.date.as_ref())))
        .chain(site.sections.iter().map(|s| (s.path.as_str(), None)))
        .chain(generated.iter().map(|p| (p.as_str(), None)))
        .collect();
    entries.sort_unstable();
    // An encoded address is ASCII letters, digits, `-_.~/` and `%`: nothing
    // to escape, so the base is escaped once.
    let base = xml_escape(base);
    let mut out = String::with_capacity(entries.len() * (base.len() + 64));
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for (path, last) in entries {
        out.push_str("  <url><loc>");
        out.push_str(&base);
        push_url_path(&mut out, path);
        out.push_str("</loc>");
        if let Some(d) = last {
            out.push_str("<lastmod>");
            d.push_iso(&mut out);
            out.push_str("</lastmod>");
        }
        out.push_str("</url>\n");
    }
    out.push_str("</urlset>\n");
    out
}

fn atom(site: &Site, views: &Views<'_>, base: &str) -> Option<String> {
    let dated = crate::site::newest_dated(site, site.config.feed_limit);
    let newest = dated
        .iter()
        .filter_map(|&i| {
            site.pages[i]
                .updated
                .as_ref()
                .or(site.pages[i].date.as_ref())
        })
        .max()?
        .rfc3339();
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(&format!(
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n",
        xml_escape(&site.config.language)
    ));
    out.push_str(&format!(
        "  <title>{}</title>\n",
        xml_escape(&site.config.title)
    ));
    if !site.config.description.is_empty() {
        out.push_str(&format!(
            "  <subtitle>{}</subtitle>\n",
            xml_escape(&site.config.description)
        ));
    }
    out.push_str(&format!(
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}atom.xml\"/>\n",
        xml_escape(base)
    ));
    out.push_str(&format!(
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
        xml_escape(base)
    ));
    out.push_str(&format!(
        "  <id>{}</id>\n  <updated>{newest}</updated>\n",
        xml_escape(base)
    ));
    for i in dated {
        let p = &site.pages[i];
        let url = xml_escape(&format!("{base}{}", encode_path(&p.path)));
        let date = p.date.as_ref().map(|d| d.rfc3339()).unwrap_or_default();
        let updated = p
            .updated
            .as_ref()
            .map(|d| d.rfc3339())
            .unwrap_or_else(|| date.clone());
        out.push_str("  <entry>\n");
        out.push_str(&format!("    <title>{}</title>\n", xml_escape(&p.title)));
        out.push_str(&format!(
            "    <link rel=\"alternate\" type=\"text/html\" href=\"{url}\"/>\n    <id>{url}</id>\n"
        ));
        out.push_str(&format!(
            "    <published>{date}</published>\n    <updated>{updated}</updated>\n"
        ));
        let author =
            p.fm.author
                .as_deref()
                .or(p.fm.editor.as_deref())
                .unwrap_or(&site.config.title);
        out.push_str(&format!(
            "    <author><name>{}</name></author>\n",
            xml_escape(author)
        ));
        out.push_str(&format!(
            "    <summary>{}</summary>\n",
            xml_escape(&views.summaries[i].summary)
        ));
        out.push_str("  </entry>\n");
    }
    out.push_str("</feed>\n");
    Some(out)
}
