//! Indicators: real statistical data loaded unchanged, status and chart words,
//! accessible well-formed SVG, embedding, downloads and located errors.

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::support::{repo_root, SiteTest};

fn fixtures() -> PathBuf {
    repo_root().join("tests/fixtures/open-sdg")
}

/// The rows of the figure's data table: (row header, number) pairs.
fn table_rows(html: &str, caption_contains: &str) -> Vec<(String, f64)> {
    let start = html
        .find("<table class=\"data-table\"><caption>")
        .expect("a data table");
    let mut rest = &html[start..];
    loop {
        let end = rest.find("</table>").unwrap();
        let table = &rest[..end];
        if table.contains(caption_contains) {
            let mut rows = Vec::new();
            for row in table.split("<tr>").skip(1) {
                let Some(th) = row.split("<th scope=\"row\">").nth(1) else {
                    continue;
                };
                let name = th.split("</th>").next().unwrap().to_string();
                let td = row
                    .split("<td>")
                    .nth(1)
                    .unwrap()
                    .split(['<'])
                    .next()
                    .unwrap();
                rows.push((
                    name,
                    td.parse::<f64>()
                        .unwrap_or_else(|_| panic!("not a number: {td}")),
                ));
            }
            return rows;
        }
        rest = &rest[end + 8..];
        let next = rest
            .find("<table class=\"data-table\"><caption>")
            .unwrap_or_else(|| panic!("no table captioned {caption_contains}"));
        rest = &rest[next..];
    }
}

/// The headline series of a tidy CSV, computed here independently of minsheng:
/// every column but Year and Value (and the breakdown) at "" when it has an empty
/// cell, else at its first value.
fn expected_series(csv_text: &str, breakdown: Option<&str>) -> BTreeMap<i32, f64> {
    let mut r = csv::Reader::from_reader(csv_text.as_bytes());
    let headers: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    let rows: Vec<Vec<String>> = r
        .records()
        .map(|x| x.unwrap().iter().map(String::from).collect())
        .collect();
    let year = headers.iter().position(|h| h == "Year").unwrap();
    let value = headers.iter().position(|h| h == "Value").unwrap();
    let bcol = breakdown.and_then(|b| headers.iter().position(|h| h == b));
    let mut rest: Vec<&Vec<String>> = rows.iter().filter(|r| !r[value].is_empty()).collect();
    for c in 0..headers.len() {
        if c == year || c == value || Some(c) == bcol {
            continue;
        }
        let v = if rest.iter().any(|r| r[c].is_empty()) {
            String::new()
        } else {
            rest[0][c].clone()
        };
        rest.retain(|r| r[c] == v);
    }
    rest.iter()
        .filter(|r| bcol.is_none_or(|b| r[b].is_empty()))
        .map(|r| (r[year].parse().unwrap(), r[value].parse().unwrap()))
        .collect()
}

fn open_sdg_site() -> SiteTest {
    let mut site = SiteTest::new();
    for entry in std::fs::read_dir(fixtures()).unwrap() {
        let p = entry.unwrap().path();
        let name = p.file_name().unwrap().to_string_lossy().into_owned();
        if name.ends_with(".csv") || name.ends_with(".yaml") {
            site = site.bytes(
                &format!("content/indicators/{name}"),
                &std::fs::read(&p).unwrap(),
            );
        }
    }
    site
}

#[test]
fn open_sdg_data_loads_unchanged_and_every_table_matches_the_csv() {
    // The fixture CSVs are the shared data, byte for byte, wherever that is at hand.
    let shared = repo_root().join("../shared/data/open-sdg-armenia/data");
    let out = open_sdg_site().build_ok();
    let mut checked = 0;
    for entry in std::fs::read_dir(fixtures()).unwrap() {
        let p = entry.unwrap().path();
        if p.extension().is_none_or(|e| e != "csv") {
            continue;
        }
        let name = p.file_name().unwrap().to_string_lossy().into_owned();
        if shared.is_dir() {
            assert_eq!(
                std::fs::read(&p).unwrap(),
                std::fs::read(shared.join(&name)).unwrap(),
                "{name} differs from the shared data"
            );
        }
        let id = name.trim_end_matches(".csv");
        let text = std::fs::read_to_string(&p).unwrap();
        let breakdown = (id == "indicator_6-1-1").then_some("Location");
        let expected = expected_series(&text, breakdown);
        assert!(!expected.is_empty(), "{id}: no headline rows");
        let html = out.text(&format!("indicators/{id}/index.html"));
        let rows: BTreeMap<i32, f64> = table_rows(&html, "（单位：")
            .into_iter()
            .filter_map(|(y, v)| y.parse::<i32>().ok().map(|y| (y, v)))
            .collect();
        assert_eq!(rows.len(), expected.len(), "{id}: years in the table");
        for (y, v) in &expected {
            let shown = rows
                .get(y)
                .unwrap_or_else(|| panic!("{id}: no {y} in the table"));
            assert!(
                (shown - v).abs() < 1e-9,
                "{id} {y}: table shows {shown}, CSV says {v}"
            );
        }
        assert!(
            html.contains("class=\"chart chart-line\""),
            "{id}: a line chart"
        );
        // The download carries the same numbers.
        let csv_out = out.text(&format!("indicators/{id}/{id}.csv"));
        let records: Vec<Vec<String>> = csv::Reader::from_reader(csv_out.as_bytes())
            .records()
            .map(|r| r.unwrap().iter().map(String::from).collect())
            .collect();
        for (y, v) in &expected {
            assert!(
                records.iter().any(|r| r[0] == id
                    && r[1] == y.to_string()
                    && r[3].parse::<f64>().unwrap() == *v),
                "{id} {y} in download"
            );
        }
        checked += 1;
    }
    assert_eq!(checked, 10);
    // Breakdown columns chart as bars: 6.1.1 by Location, latest year.
    let html = out.text("indicators/indicator_6-1-1/index.html");
    assert!(html.contains("class=\"chart chart-bars\""));
    let text = std::fs::read_to_string(fixtures().join("indicator_6-1-1.csv")).unwrap();
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let rows: Vec<Vec<String>> = r
        .records()
        .map(|x| x.unwrap().iter().map(String::from).collect())
        .collect();
    let latest = rows
        .iter()
        .filter(|r| !r[2].is_empty())
        .map(|r| r[0].clone())
        .max()
        .unwrap();
    let bars = table_rows(&html, &format!("{latest}年SDG 6.1.1"));
    let expected: Vec<(String, f64)> = rows
        .iter()
        .filter(|r| r[0] == latest && !r[2].is_empty())
        .map(|r| (r[2].clone(), r[3].parse().unwrap()))
        .collect();
    assert_eq!(bars[..expected.len()], expected[..], "bars table");
}

fn svgs(html: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find("<svg") {
        let end = rest[i..].find("</svg>").unwrap() + i + 6;
        out.push(&rest[i..end]);
        rest = &rest[end..];
    }
    out
}

#[test]
fn every_chart_is_well_formed_accessible_svg_with_unique_ids() {
    let out = crate::support::example_output();
    let mut charts = 0;
    for (path, bytes) in &out.0 {
        if !path.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8(bytes.clone()).unwrap();
        let mut ids = std::collections::BTreeSet::new();
        for svg in svgs(&html) {
            let doc = roxmltree::Document::parse(svg)
                .unwrap_or_else(|e| panic!("{path}: SVG not well-formed: {e}"));
            let root = doc.root_element();
            assert_eq!(root.attribute("role"), Some("img"), "{path}");
            let id = root.attribute("id").unwrap();
            assert!(ids.insert(id.to_string()), "{path}: id {id} used twice");
            let labelled: Vec<&str> = root
                .attribute("aria-labelledby")
                .unwrap()
                .split(' ')
                .collect();
            assert_eq!(labelled, [format!("{id}-title"), format!("{id}-desc")]);
            for tag in ["title", "desc"] {
                let el = root
                    .children()
                    .find(|n| n.has_tag_name(tag))
                    .unwrap_or_else(|| panic!("{path}: no <{tag}>"));
                assert!(
                    el.text().is_some_and(|t| t.chars().count() > 5),
                    "{path}: empty <{tag}>"
                );
            }
            assert!(
                root.attribute("viewBox").is_some() && root.attribute("width").is_none(),
                "{path}: scales with its box"
            );
            charts += 1;
        }
        // No id anywhere on the page is used twice.
        let mut all = BTreeMap::new();
        for part in html.split(" id=\"").skip(1) {
            let id = part.split('"').next().unwrap();
            *all.entry(id.to_string()).or_insert(0) += 1;
        }
        let dup: Vec<_> = all.iter().filter(|(_, &n)| n > 1).collect();
        assert!(dup.is_empty(), "{path}: duplicate ids {dup:?}");
    }
    assert!(charts > 30, "only {charts} charts checked");
}

#[test]
fn chart_descriptions_say_what_the_data_shows() {
    let out = crate::support::example_output();
    let page = out.text("indicators/elderly-health-checks/index.html");
    for expected in [
        "<desc id=\"elderly-health-checks-line-desc\">2019年到2022年，65岁以上老人免费健康体检从30.6万人增加到34.1万人；目标是2025年达到36万人。（含示例数据）</desc>",
        "<desc id=\"elderly-health-checks-bars-desc\">2022年65岁以上老人免费健康体检（按常住人口折算）：润州区最高（每百人13.4人，共4.1万人），句容市最低（每百人9.4人，共5.9万人），相差每百人4人；全市为每百人10.6人。（含示例数据）</desc>",
        "<desc id=\"elderly-health-checks-progress-desc\">2022年65岁以上老人免费健康体检为34.1万人，是2025年目标36万人的95%，状态：按计划推进。（含示例数据）</desc>",
    ] {
        assert!(page.contains(expected), "missing {expected}");
    }
    let bus = out.text("indicators/direct-bus-villages/index.html");
    assert!(bus.contains("2022年行政村到县城公交直达率：京口区最高（90%），句容市最低（62.8%），相差27.2%；全市为71.3%。（含示例数据）"));
    // A real figure alone: no sample note, one point, honest status.
    let dream = out.text("indicators/dream-rooms/index.html");
    assert!(dream.contains(">2022年，建成“梦想小屋”为206间。</desc>"));
    assert!(dream.contains("未设目标") && !dream.contains("示例数据:"));
}

#[test]
fn dashboard_counts_statuses_and_lists_warnings_first() {
    let site = SiteTest::new()
        .file("content/indicators/a.yaml", "title: 甲\ndomain: 老有所养\nunit: 人\nseries: {2020: 10, 2021: 11, 2022: 12}\ntarget: {value: 20, year: 2025}\n")
        .file("content/indicators/b.yaml", "title: 乙\ndomain: 老有所养\nunit: 人\nseries: {2021: 10, 2022: 20}\ntarget: {value: 15, year: 2025}\nrank: {position: 1, scope: 全省}\n")
        .file("content/indicators/c.yaml", "title: 丙\ndomain: 行有所畅\nunit: \"%\"\nseries: {2020: 50, 2021: 60, 2022: 70}\ntarget: {value: 90, year: 2025}\n")
        .file("content/indicators/d.yaml", "title: 丁\ndomain: 行有所畅\nunit: 个\nseries: {2022: 3}\n");
    let out = site.build_ok();
    let dash = out.text("indicators/index.html");
    assert!(
        dash.contains("本站共 4 项指标，其中 3 项设有目标；1 项已达到目标，1 项排名第一。"),
        "{dash}"
    );
    let warn = dash.find("需要关注的指标").unwrap();
    let a = dash.find(">甲</a>").unwrap();
    let c = dash.find(">丙</a>").unwrap();
    assert!(warn < a && a < c, "the early-warning list comes first");
    assert!(out.text("indicators/a/index.html").contains(
        "按最近3年的变化速度，到2025年约为15人，目标是2025年达到20人。照这样下去达不到，需要加把劲。"
    ));
    assert!(
        out.text("domains/transport/index.html").contains(">丙</a>"),
        "domain pages list their indicators"
    );
    let all = out.text("indicators/indicators.csv");
    assert_eq!(all.lines().count(), 5);
    assert!(
        all.contains("\r\na,甲,老有所养,人,2022,12,2025,20,needs-attention,15,,false\r\n"),
        "{all}"
    );
    // Excel on Chinese Windows reads UTF-8 only behind a byte-order mark.
    assert!(all.starts_with("\u{feff}id,title,"), "{all}");
    let json: serde_json::Value = serde_json::from_str(&out.text("indicators/b/b.json")).unwrap();
    assert_eq!(json["status"]["kind"], "reached");
    assert_eq!(json["series"][1]["value"], 20.0);
}

#[test]
fn markdown_blocks_embed_charts_with_unique_ids_and_a_table() {
    let site = SiteTest::new()
        .file("content/indicators/a.yaml", "title: 甲\ndomain: 老有所养\nunit: 人\nseries: {2021: 10, 2022: 12}\n")
        .file("content/a.md", "---\ntitle: 页\n---\n```indicator\nid: a\n```\n\n```indicator\nid: a\nchart: sparkline\ncaption: 小图\n```\n\n```indicator\nid: a\n```\n");
    let out = site.build_ok();
    let html = out.text("a/index.html");
    assert!(
        html.contains("id=\"c1-a-line\"")
            && html.contains("id=\"c2-a-sparkline\"")
            && html.contains("id=\"c3-a-line\"")
    );
    assert!(html.contains("<figcaption>小图</figcaption>"));
    assert!(html.contains("<table class=\"data-table\">"));
    assert!(html.contains("href=\"../indicators/a/\""));
    // The page is then related to the indicator.
    assert!(out
        .text("indicators/a/index.html")
        .contains("href=\"../../a/\""));
}

#[test]
fn templates_can_show_an_indicator_chart() {
    let site = SiteTest::new()
        .file("content/indicators/a.yaml", "title: 甲\ndomain: 老有所养\nunit: 人\nseries: {2021: 10, 2022: 12}\n")
        .file("content/_index.md", "---\ntitle: 首页\n---\n")
        .file("templates/index.html", "{% extends \"base.html\" %}{% block main %}{{ indicator_chart(id=\"a\", chart=\"line\") }}{% endblock main %}");
    let out = site.build_ok();
    assert!(out.text("index.html").contains("id=\"t-a-line\""));
}

fn bad(files: &[(&str, &str)]) -> String {
    let mut site = SiteTest::new().file(
        "site.toml",
        "title = \"t\"\nbase_url = \"https://e.org/\"\ndistricts = [\"京口区\", \"润州区\"]\n",
    );
    for (p, t) in files {
        site = site.file(p, t);
    }
    site.build_err()
}

#[test]
fn bad_indicator_files_give_located_errors() {
    let cases: &[(&[(&str, &str)], &str)] = &[
        (
            &[(
                "content/indicators/x.yaml",
                "title: 甲\ndomain: 养老\nunit: 人\n",
            )],
            "content/indicators/x.yaml:2:9: error: `养老` is not one of the 13 service domains\n 2 | domain: 养老\n   |         ^\n  = hint: use one of: 幼有所育、学有所教、劳有所得、病有所医、老有所养、逝有所安、住有所居、弱有所扶、行有所畅、环境友好、优军服务保障、文体服务保障、公共安全保障\n",
        ),
        (
            &[(
                "content/indicators/x.yaml",
                "title: 甲\ndomain: 老有所养\nunit: 人\nseries:\n  2021: 10\n  2022: 十二\n",
            )],
            "content/indicators/x.yaml:6:9: error: `十二` (series → 2022) is not a number\n 6 |   2022: 十二\n   |         ^\n  = hint: write numbers without units or thousands separators, e.g. 34.1\n",
        ),
        (
            &[(
                "content/indicators/x.yaml",
                "title: 甲\ndomain: 老有所养\nunit: 人\nseries:\n  2021: 10\n  2021: 12\n",
            )],
            "content/indicators/x.yaml:6:3: error: year 2021 is given twice\n 6 |   2021: 12\n   |   ^\n  = hint: keep one value per year\n",
        ),
        (
            &[(
                "content/indicators/x.yaml",
                "title: 甲\ndomain: 老有所养\nunit: 人\ntarget: {value: 20}\n",
            )],
            "content/indicators/x.yaml:4:9: error: the target has no year\n 4 | target: {value: 20}\n   |         ^\n  = hint: write the year the target is for, e.g. target: {value: 36, year: 2025}\n",
        ),
        (
            &[("content/indicators/x.yaml", "title: 甲\ndomain: 老有所养\n")],
            "content/indicators/x.yaml:1:8: error: the indicator has no unit\n 1 | title: 甲\n   |        ^\n  = hint: add `unit:`, e.g. unit: 万人 (or %, 家, 户)\n",
        ),
        (
            &[(
                "content/indicators/x.yaml",
                "title: 甲\ndomain: 老有所养\nunit: 人\ndistricts:\n  京口区: 1\n  新北区: 2\n",
            )],
            "content/indicators/x.yaml:6:3: error: `新北区` is not a district of this site\n 6 |   新北区: 2\n   |   ^\n  = hint: use one of: 京口区、润州区 (the list is `districts` in site.toml)\n",
        ),
        (
            &[
                (
                    "content/indicators/x.yaml",
                    "title: 甲\ndomain: 老有所养\nunit: 人\n",
                ),
                (
                    "content/indicators/x.csv",
                    "year,district,value\n2021,,10\n2022,,abc\n",
                ),
            ],
            "content/indicators/x.csv:3:7: error: `abc` is not a number\n 3 | 2022,,abc\n   |       ^\n  = hint: write numbers without units or thousands separators, e.g. 34.1\n",
        ),
        (
            &[
                (
                    "content/indicators/x.yaml",
                    "title: 甲\ndomain: 老有所养\nunit: 人\n",
                ),
                (
                    "content/indicators/x.csv",
                    "year,district,value\n2021,,10\n2022,,\n",
                ),
            ],
            "content/indicators/x.csv:3:7: error: the value for 2022 is missing\n 3 | 2022,,\n   |       ^\n  = hint: write numbers without units or thousands separators, e.g. 34.1\n",
        ),
        (
            &[
                (
                    "content/indicators/x.yaml",
                    "title: 甲\ndomain: 老有所养\nunit: 人\n",
                ),
                (
                    "content/indicators/x.csv",
                    "year,district,value\n2021,,10\n2021,,11\n",
                ),
            ],
            "content/indicators/x.csv:3:1: error: year 2021 is given twice (first on line 2)\n 3 | 2021,,11\n   | ^\n  = hint: keep one row per period for each combination of the other columns, or name the column that tells them apart under csv: {lines: …} or {breakdown: …}\n",
        ),
        (
            &[
                (
                    "content/indicators/x.yaml",
                    "title: 甲\ndomain: 老有所养\nunit: 人\n",
                ),
                (
                    "content/indicators/x.csv",
                    "year,district,value\n2021,,10\n2021,新北区,11\n",
                ),
            ],
            "content/indicators/x.csv:3:6: error: `新北区` is not a district of this site\n 3 | 2021,新北区,11\n   |      ^\n  = hint: use one of: 京口区、润州区 (the list is `districts` in site.toml)\n",
        ),
        (
            &[
                (
                    "content/indicators/x.yaml",
                    "title: 甲\ndomain: 老有所养\nunit: 人\nseries: {2021: 1}\n",
                ),
                ("content/a.md", "---\ntitle: 页\nindicators: [x, y]\n---\n"),
            ],
            "content/a.md:3:17: error: there is no indicator `y`\n 3 | indicators: [x, y]\n   |                 ^\n  = hint: indicators are the files in content/indicators/; known ids: x\n",
        ),
        (
            &[
                (
                    "content/indicators/x.yaml",
                    "title: 甲\ndomain: 老有所养\nunit: 人\nseries: {2021: 1}\n",
                ),
                (
                    "content/a.md",
                    "---\ntitle: 页\n---\n正文\n\n```indicator\nid: y\n```\n",
                ),
            ],
            "content/a.md:7:5: error: there is no indicator `y`\n 7 | id: y\n   |     ^\n  = hint: indicators are the files in content/indicators/; known ids: x\n",
        ),
        (
            &[
                (
                    "content/indicators/x.yaml",
                    "title: 甲\ndomain: 老有所养\nunit: 人\nseries: {2021: 1}\n",
                ),
                (
                    "content/a.md",
                    "---\ntitle: 页\n---\n```indicator\nid: x\nchart: pie\n```\n",
                ),
            ],
            "content/a.md:6:8: error: `pie` is not a kind of chart\n 6 | chart: pie\n   |        ^\n  = hint: use line, bars, progress or sparkline\n",
        ),
        (
            &[
                (
                    "content/indicators/x.yaml",
                    "title: 甲\ndomain: 老有所养\nunit: 人\nseries: {2021: 1}\n",
                ),
                (
                    "content/a.md",
                    "---\ntitle: 页\n---\n```indicator\nid: x\nchart: bars\n```\n",
                ),
            ],
            "content/a.md:6:8: error: indicator `x` has no district values, so it cannot be drawn as bars\n 6 | chart: bars\n   |        ^\n  = hint: choose another chart, or add the data to the indicator's file\n",
        ),
        (
            &[(
                "content/indicators/x.yaml",
                "title: 甲\ndomain: 老有所养\nunit: 人\ncolour: red\n",
            )],
            "content/indicators/x.yaml:4:1: error: the indicator file has a key `colour` that is not known\n 4 | colour: red\n   | ^\n  = hint: check the spelling; the known keys are: id, title, question, domain, unit, direction, decimals, target, rank, source, source_url, notes, sample, series, districts, districts_year, districts_sample, csv, denominator\n",
        ),
    ];
    let mut failures = Vec::new();
    for (i, (files, expected)) in cases.iter().enumerate() {
        let got = bad(files);
        if got != *expected {
            failures.push(format!("CASE {} GOT {:?}", i + 1, got));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The NBS style: the unit in the value column's header, in full- or half-width
/// brackets, is the unit when the indicator file gives none; a different
/// declared unit is an error naming both.
#[test]
fn a_unit_in_the_value_header_is_the_unit() {
    for header in [
        "数值（万人）",
        "value (万人)",
        "人数(万人)",
        "数值 ( 万人 )",
    ] {
        let out = SiteTest::new()
            .file("content/indicators/x.yaml", "title: 甲\ndomain: 老有所养\n")
            .file(
                "content/indicators/x.csv",
                &format!("年份,{header}\n2021,10\n2022,12\n"),
            )
            .build_ok();
        let json = out.text("indicators/x/x.json");
        assert!(json.contains("\"unit\": \"万人\""), "{header}: {json}");
    }
    let same = SiteTest::new()
        .file(
            "content/indicators/x.yaml",
            "title: 甲\ndomain: 老有所养\nunit: 万人\n",
        )
        .file("content/indicators/x.csv", "年份,数值（万人）\n2021,10\n");
    same.build_ok();
    let err = bad(&[
        (
            "content/indicators/x.yaml",
            "title: 甲\ndomain: 老有所养\nunit: 人\n",
        ),
        ("content/indicators/x.csv", "年份,数值（万人）\n2021,10\n"),
    ]);
    assert!(
        err.starts_with("content/indicators/x.yaml:3:7: error: the unit here is `人`, but the data file's value column `数值（万人）` says `万人`"),
        "{err}"
    );
}
