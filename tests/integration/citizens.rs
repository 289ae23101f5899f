//! Issue 11, for citizens: the elder-mode switch and read-aloud button on every
//! page, the header search box, government-site conventions (footer and page
//! metadata), the home page's glance at the indicators, and the search index.

use crate::support::example_output;

/// The text with ASCII punctuation next to Chinese characters made full-width,
/// as the theme writes it (`主办单位:x` → `主办单位\u{ff1a}x`).
fn fw(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let cjk = |c: Option<&char>| c.is_some_and(|c| ('\u{4e00}'..='\u{9fff}').contains(c));
    chars
        .iter()
        .enumerate()
        .map(|(i, &c)| {
            let near = cjk(i.checked_sub(1).and_then(|j| chars.get(j))) || cjk(chars.get(i + 1));
            match c {
                ',' | ':' | ';' | '(' | ')' | '!' | '?' if near => {
                    char::from_u32(c as u32 - 0x21 + 0xff01).unwrap()
                }
                c => c,
            }
        })
        .collect()
}

#[test]
fn search_index_covers_every_page_type_with_their_text() {
    let out = example_output();
    let index: serde_json::Value = serde_json::from_str(&out.text("search.json")).unwrap();
    let docs = index["docs"].as_array().unwrap();
    let kinds: std::collections::BTreeSet<&str> =
        docs.iter().filter_map(|d| d["k"].as_str()).collect();
    for k in [
        "guide",
        "page",
        "indicator",
        "glossary",
        "domain",
        "audience",
        "section",
    ] {
        assert!(kinds.contains(k), "no {k} in the index");
    }
    let doc = |path: &str| {
        docs.iter()
            .find(|d| d["p"] == path)
            .unwrap_or_else(|| panic!("{path} not indexed"))
    };
    // A guide with all its answers.
    let guide = doc("services/elderly-health-check/");
    let x = guide["x"].as_str().unwrap();
    for part in [
        "量血压",
        "年满65岁",
        "体检当天早上空腹前往",
        "身份证(或户口簿)",
        "社区卫生服务中心",
        "34.1万名",
    ] {
        assert!(x.contains(part), "guide text lacks {part}");
    }
    assert!(guide["w"].as_str().unwrap().contains("老年人"));
    // A report's full text, without chart markup.
    let report = doc("reports/consultation/");
    assert!(report["x"].as_str().unwrap().contains("362个行政村"));
    assert!(!report["x"].as_str().unwrap().contains("<"));
    // An indicator with its question and values.
    let ind = doc("indicators/inclusive-childcare/");
    assert!(
        ind["x"].as_str().unwrap().contains(&fw("2022年:21家")),
        "{}",
        ind["x"]
    );
    // Glossary aliases are synonyms.
    let syn = index["syn"].as_array().unwrap();
    assert!(syn
        .iter()
        .any(|g| g == &serde_json::json!(["免费健康体检", "免费体检", "老年人体检"])));
    assert!(doc("glossary/#term-孤独症")["w"]
        .as_str()
        .unwrap()
        .contains("自闭症"));
}
