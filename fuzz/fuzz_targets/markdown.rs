//! One page's Markdown, rendered under the default `escape` policy: never a
//! panic, and never an event handler or script the editor wrote in the HTML.
#![no_main]

use libfuzzer_sys::fuzz_target;
use minsheng::config::RawHtml;
use minsheng::render::markdown::{no_embed, no_files, no_suggestion, render, MarkdownInput};

fuzz_target!(|body: &str| {
    let text = format!("---\ntitle: t\n---\n{body}");
    let resolve = |p: &str| (p == "reports/b.md").then(|| "reports/b/".to_string());
    let out = render(&MarkdownInput {
        path: std::path::Path::new("content/reports/a.md"),
        text: &text,
        body_start: 16,
        source_dir: "reports",
        page_path: "reports/a/",
        resolve: &resolve,
        raw_html: RawHtml::Escape,
        embed: &no_embed,
        glossary: &[],
        files: &no_files,
        suggest: &no_suggestion,
    });
    // Under escape every `<` in the output opens markup we wrote: no such tag
    // may be a script or carry an address outside the policy (text may say anything).
    for tag in out.html.split('<').skip(1) {
        let tag = tag.split('>').next().unwrap_or("").to_ascii_lowercase();
        assert!(!tag.starts_with("script"), "{}", out.html);
        for attr in [" href=\"", " src=\""] {
            if let Some(i) = tag.find(attr) {
                let value = &tag[i + attr.len()..];
                let value = value.split('"').next().unwrap_or("");
                assert!(minsheng::text::url::check(value).is_ok(), "{}", out.html);
            }
        }
    }
});
