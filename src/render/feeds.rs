//! Machine-readable outputs: `sitemap.xml`, `atom.xml` and `robots.txt`. These are
//! the only outputs with absolute URLs, so they need `base_url`; without it the
//! sitemap and feed are left out (with a warning from the build).

use crate::render::views::Views;
use crate::render::OutputFile;
use crate::site::Site;

use crate::text::escape::{html as xml_escape, url_path as encode_path};

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

fn sitemap(site: &Site, base: &str) -> String {
    let mut entries: Vec<(String, Option<String>)> = Vec::new();
    for p in &site.pages {
        let last = p.updated.as_ref().or(p.date.as_ref()).map(|d| d.iso());
        entries.push((p.path.clone(), last));
    }
    for s in &site.sections {
        entries.push((s.path.clone(), None));
    }
    entries.push(("domains/".into(), None));
    for d in &crate::domains::DOMAINS {
        entries.push((format!("domains/{}/", d.slug), None));
    }
    entries.push(("audiences/".into(), None));
    for a in &site.config.audiences {
        entries.push((format!("audiences/{}/", a.slug), None));
    }
    entries.sort();
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for (path, last) in entries {
        out.push_str(&format!(
            "  <url><loc>{}</loc>",
            xml_escape(&format!("{base}{}", encode_path(&path)))
        ));
        if let Some(l) = last {
            out.push_str(&format!("<lastmod>{l}</lastmod>"));
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
