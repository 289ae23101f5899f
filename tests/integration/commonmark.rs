//! Every example of the CommonMark spec 0.31.2, rendered by minsheng's Markdown
//! reading (CJK-friendly emphasis included, which must leave text without CJK
//! characters as CommonMark has it). Fixture: tests/fixtures/commonmark/.

use minsheng::render::markdown::commonmark_html;

#[derive(serde::Deserialize)]
struct Example {
    markdown: String,
    html: String,
    example: usize,
    section: String,
}

/// The two ways pulldown-cmark's HTML differs from the spec's reference output
/// without a difference to a reader, evened out on both sides (as the spec's own
/// `normalize.py` does, which ignores both): a `"` in text is written as is,
/// not as `&quot;` (the same character); and no new line follows `<li>` before
/// a block of raw HTML (white space next to a block-level tag).
fn normalise(html: &str) -> String {
    let mut s = html.replace("&quot;", "\"");
    while let Some(i) = s.find("<li>\n") {
        s.replace_range(i + 4..i + 5, "");
    }
    s
}

#[test]
fn all_652_spec_examples_pass() {
    let text = include_str!("../fixtures/commonmark/spec.json");
    let examples: Vec<Example> = serde_json::from_str(text).unwrap();
    assert_eq!(examples.len(), 652);
    let failed: Vec<String> = examples
        .iter()
        .filter_map(|e| {
            let got = commonmark_html(&e.markdown);
            (normalise(&got) != normalise(&e.html)).then(|| {
                format!(
                    "example {} ({}):\n{:?}\nexpected {:?}\n     got {:?}",
                    e.example, e.section, e.markdown, e.html, got
                )
            })
        })
        .collect();
    assert!(
        failed.is_empty(),
        "{} of 652 fail:\n{}",
        failed.len(),
        failed.join("\n")
    );
}
