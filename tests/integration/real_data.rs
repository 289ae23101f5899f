//! Every real data file of `../shared/data/` (copied into `tests/fixtures/`): it
//! builds, or gives the one located error it deserves, and the numbers on the page
//! are the rows the selection rule picks — computed here from the CSV, independently
//! of minsheng, by the rule the README states.

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::support::{repo_root, Output, SiteTest};

fn fixture(dir: &str) -> PathBuf {
    repo_root().join("tests/fixtures").join(dir)
}

/// A site holding the fixture files of `dir` named in `names` (stems).
fn site(dir: &str, names: &[&str]) -> SiteTest {
    let mut site = SiteTest::new();
    for entry in std::fs::read_dir(fixture(dir)).unwrap() {
        let p = entry.unwrap().path();
        let name = p.file_name().unwrap().to_string_lossy().into_owned();
        let stem = name.rsplit_once('.').map_or(&name[..], |(s, _)| s);
        if (name.ends_with(".csv") || name.ends_with(".yaml")) && names.contains(&stem) {
            site = site.bytes(
                &format!("content/indicators/{name}"),
                &std::fs::read(&p).unwrap(),
            );
        }
    }
    site
}

/// The cells of the table whose caption contains `caption`: header row, then rows.
fn table(html: &str, caption: &str) -> Vec<Vec<String>> {
    let start = html
        .find(&format!("<caption>{caption}"))
        .unwrap_or_else(|| panic!("no table captioned {caption}"));
    let body = &html[start..start + html[start..].find("</table>").unwrap()];
    body.split("<tr")
        .skip(1)
        .map(|row| {
            row.split(['<', '>'])
                .collect::<Vec<_>>()
                .windows(2)
                .filter(|w| w[0].starts_with("th") || w[0] == "td")
                .map(|w| w[1].to_string())
                .collect()
        })
        .collect()
}

/// The rule, written again from the README: rows with a value; the period and
/// value columns aside, attributes ignored, units and series at their first value,
/// every other column at the empty cell ("total") when it has one, else at its
/// first value; `free` columns are not narrowed.
fn expected(csv_text: &str, free: &[&str]) -> Vec<(String, String, f64)> {
    let text = csv_text
        .trim_start_matches('\u{feff}')
        .trim_start_matches(['\n', '\r']);
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let headers: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    let year = headers.iter().position(|h| h == "Year").unwrap();
    let value = headers.iter().position(|h| h == "Value").unwrap();
    let mut rows: Vec<Vec<String>> = r
        .records()
        .map(|x| x.unwrap().iter().map(String::from).collect())
        .filter(|r: &Vec<String>| !r[value].is_empty())
        .collect();
    let attributes = ["GeoCode", "Observation status", "Unit multiplier"];
    let choices = ["Units", "Unit measure", "Series"];
    for (c, h) in headers.iter().enumerate() {
        if c == year || c == value || attributes.contains(&h.as_str()) || free.contains(&h.as_str())
        {
            continue;
        }
        let pick = if !choices.contains(&h.as_str()) && rows.iter().any(|r| r[c].is_empty()) {
            String::new()
        } else {
            rows[0][c].clone()
        };
        rows.retain(|r| r[c] == pick);
    }
    let group = |r: &Vec<String>| {
        free.iter()
            .map(|f| r[headers.iter().position(|h| h == f).unwrap()].clone())
            .collect::<Vec<_>>()
            .join("|")
    };
    rows.iter()
        .map(|r| (group(r), r[year].clone(), r[value].parse().unwrap()))
        .collect()
}

fn number(cell: &str) -> f64 {
    cell.parse()
        .unwrap_or_else(|_| panic!("not a number: {cell}"))
}

/// Checks that table column `col` of `html` shows `rows` (period → value) exactly.
fn check_column(id: &str, html: &str, caption: &str, col: usize, rows: &BTreeMap<String, f64>) {
    let t = table(html, caption);
    let shown: BTreeMap<String, f64> = t
        .iter()
        .skip(1)
        .filter(|r| !r[0].contains("目标") && r.len() > col && !r[col].is_empty())
        .map(|r| (r[0].clone(), number(&r[col])))
        .collect();
    assert_eq!(
        shown.keys().collect::<Vec<_>>(),
        rows.keys().collect::<Vec<_>>(),
        "{id}: periods"
    );
    for (p, v) in rows {
        // The table rounds to at most three decimals.
        assert!(
            (shown[p] - v).abs() <= 0.0005 + 1e-9,
            "{id} {p}: table {} CSV {v}",
            shown[p]
        );
    }
}

fn uk() -> Output {
    let names = [
        "indicator_1-a-2",
        "indicator_10-5-1",
        "indicator_10-c-1",
        "indicator_15-2-1",
        "indicator_2-3-2",
        "indicator_3-2-1",
        "indicator_3-3-5",
        "indicator_8-1-1",
        "indicator_8-5-2",
    ];
    site("open-sdg-uk", &names).build_ok()
}

#[test]
fn every_uk_file_builds_and_shows_the_rows_the_rule_selects() {
    let out = uk();
    for entry in std::fs::read_dir(fixture("open-sdg-uk")).unwrap() {
        let p = entry.unwrap().path();
        if p.extension().is_none_or(|e| e != "csv") {
            continue;
        }
        let id = p.file_stem().unwrap().to_string_lossy().into_owned();
        let html = out.text(&format!("indicators/{id}/index.html"));
        let text = std::fs::read_to_string(&p).unwrap();
        let free: &[&str] = match id.as_str() {
            "indicator_8-5-2" => &["Sex"],
            "indicator_3-2-1" => &["Country"],
            _ => &[],
        };
        let rows = expected(&text, free);
        let head: BTreeMap<String, f64> = rows
            .iter()
            .filter(|(g, _, _)| g.is_empty())
            .map(|(_, p, v)| (p.clone(), *v))
            .collect();
        assert!(!head.is_empty(), "{id}: no headline rows");
        let title = id.replace("indicator_", "UK SDG ").replace('-', ".");
        check_column(&id, &html, &format!("{title}（单位："), 1, &head);
        if id == "indicator_8-5-2" {
            for (col, sex) in [(2, "Female"), (3, "Male")] {
                let line: BTreeMap<String, f64> = rows
                    .iter()
                    .filter(|(g, _, _)| g == sex)
                    .map(|(_, p, v)| (p.clone(), *v))
                    .collect();
                check_column(&id, &html, &format!("{title}（单位："), col, &line);
            }
        }
    }
}

#[test]
fn uk_shapes_show_as_published() {
    let out = uk();
    let page = |id: &str| out.text(&format!("indicators/indicator_{id}/index.html"));
    // Quarters and financial years keep their labels and their order.
    let q = page("10-c-1");
    assert!(q.find(">2013 Q1<").unwrap() < q.find(">2013 Q2<").unwrap());
    let fy = page("1-a-2");
    assert!(fy.contains("<th scope=\"row\">2000/01</th>") && fy.contains("2000/01到2021/22"));
    // The status rule projects from quarterly data.
    assert!(
        q.contains("按2017 Q4到2022 Q3这") || q.contains("已达到目标"),
        "status of quarterly data"
    );
    // A target to reduce is described by the distance left, not a share of it.
    assert!(
        q.contains(
            "2022 Q3，UK SDG 10.c.1为6.33%，目标是2030年降到3%，还要降3.33%，状态：需要关注。"
        ),
        "progress words: {}",
        q.split("progress-desc\">")
            .nth(1)
            .unwrap_or("")
            .split("</desc>")
            .next()
            .unwrap_or("")
    );
    // A provisional value is marked, and kept in the headline.
    assert!(page("2-3-2")
        .contains(">2022</th><td>491.529<span class=\"sample-mark\">（初步数据）</span>"));
    // A file of several series or units says which one the page shows; the multiplier is stated.
    assert!(page("10-5-1").contains("下图为：Tier 1 capital to assets"));
    let units = page("15-2-1");
    assert!(
        units.contains("下图为：Area (000s hectares)、1) Woodland area")
            && units.contains("数值以千计")
    );
    // GeoCode does not stop the bars by country.
    let bars = page("3-2-1");
    assert!(bars.contains("class=\"chart chart-bars\""));
    let t = table(&bars, "2021年UK SDG 3.2.1");
    let names: Vec<&str> = t.iter().skip(1).map(|r| r[0].as_str()).collect();
    assert_eq!(
        names,
        ["England", "England and Wales", "Scotland", "Wales", "全市"]
    );
    // Three lines by sex, each named, and all of them in the download.
    let lines = page("8-5-2");
    assert!(lines.contains("<th scope=\"col\">时期</th><th scope=\"col\">合计</th><th scope=\"col\">Female</th><th scope=\"col\">Male</th>"));
    let csv = out.text("indicators/indicator_8-5-2/indicator_8-5-2.csv");
    assert!(
        csv.contains(",2023 Q1,Female,")
            && csv.contains(",2023 Q1,Male,")
            && csv.contains(",2023 Q1,合计,")
    );
}

#[test]
fn kazakh_files_build_and_the_malformed_one_gets_one_located_error() {
    let out = site(
        "open-sdg-kazakhstan",
        &["indicator_1-2-1", "indicator_4-1-1"],
    )
    .build_ok();
    for id in ["indicator_1-2-1", "indicator_4-1-1"] {
        let text =
            std::fs::read_to_string(fixture("open-sdg-kazakhstan").join(format!("{id}.csv")))
                .unwrap();
        let mut r = csv::Reader::from_reader(text.as_bytes());
        let headers: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
        let rows: Vec<Vec<String>> = r
            .records()
            .map(|x| x.unwrap().iter().map(String::from).collect())
            .collect();
        // Every column but Year, Units, GeoCode and Value at its total (empty) cell.
        let head: BTreeMap<String, f64> = rows
            .iter()
            .filter(|r| {
                headers.iter().zip(r.iter()).all(|(h, c)| {
                    matches!(h.as_str(), "Year" | "Units" | "GeoCode" | "Value") || c.is_empty()
                })
            })
            .map(|r| (r[0].clone(), number(r.last().unwrap())))
            .collect();
        let html = out.text(&format!("indicators/{id}/index.html"));
        let title = id.replace("indicator_", "KZ SDG ").replace('-', ".");
        check_column(id, &html, &format!("{title}（单位：%）"), 1, &head);
    }
    let err = site("open-sdg-kazakhstan", &["indicator_2-1-1"]).build_err();
    assert_eq!(
        err,
        "content/indicators/indicator_2-1-1.csv:9:15: error: this row has 5 cells but the header names 4 columns (the same problem is on 3 rows, lines 9–25)\n 9 | 2018,процент,,4,6\n   |               ^\n  = hint: `4,6` is probably the number 4.6 written with a decimal comma: write 4.6, or put the cell in quotes (\"4,6\")\n"
    );
}

#[test]
fn a_portal_export_is_published_as_downloaded() {
    let out = site("nbs-china", &["分省年度数据-65岁及以上人口"]).build_ok();
    let html = out.text("indicators/nbs-elderly-65/index.html");
    let bytes =
        std::fs::read(fixture("nbs-china").join("分省年度数据-65岁及以上人口.csv")).unwrap();
    let (text, _, bad) = encoding_rs::GB18030.decode(&bytes);
    assert!(!bad);
    let lines: Vec<&str> = text.lines().collect();
    let header: Vec<&str> = lines[3].split(',').collect();
    let province = |name: &str| -> BTreeMap<String, f64> {
        let row: Vec<&str> = lines
            .iter()
            .find(|l| l.starts_with(&format!("{name},")))
            .unwrap()
            .split(',')
            .collect();
        header
            .iter()
            .zip(&row)
            .skip(1)
            .filter(|(_, v)| !v.is_empty())
            .map(|(y, v)| (y.to_string(), number(v)))
            .collect()
    };
    let beijing = province("北京市");
    check_column("nbs", &html, "65岁及以上人口数（单位：人）", 1, &beijing);
    // Unit, source and notes come from the file.
    assert!(html.contains("<dt>单位</dt><dd>人("));
    assert!(html.contains("国家统计局") && html.contains("2005年、2015年为1%人口抽样调查样本数据"));
    // Every other province is a district, with its history.
    let hist = table(
        &html,
        "65岁及以上人口数（单位：人）</caption>\n<thead><tr><th scope=\"col\">区县",
    );
    assert_eq!(hist.len(), 1 + 30);
    let shanghai = province("上海市");
    let row = hist.iter().find(|r| r[0] == "上海市").unwrap();
    for (i, y) in hist[0].iter().enumerate().skip(1) {
        match shanghai.get(y) {
            Some(v) => assert_eq!(number(&row[i]), *v, "上海市 {y}"),
            None => assert!(row[i].is_empty(), "上海市 {y}: unpublished"),
        }
    }
    let bars = table(&html, "2024年65岁及以上人口数");
    assert_eq!(bars.len(), 1 + 30 + 1);
}

#[test]
fn an_excel_workbook_reads_like_its_csv() {
    let xlsx = std::fs::read(fixture("xlsx").join("nbs-export.xlsx")).unwrap();
    let csv = std::fs::read(fixture("nbs-china").join("分省年度数据-65岁及以上人口.csv")).unwrap();
    let yaml = "title: 65岁及以上人口数\ndomain: 老有所养\ncsv: {city: 北京市}\n";
    let from_csv = SiteTest::new()
        .file("content/indicators/a.yaml", yaml)
        .bytes("content/indicators/a.csv", &csv)
        .build_ok();
    let from_xlsx = SiteTest::new()
        .file("content/indicators/a.yaml", yaml)
        .bytes("content/indicators/a.xlsx", &xlsx)
        .build_ok();
    let page = |o: &Output| {
        let html = o.text("indicators/a/index.html");
        let start = html.find("<article").unwrap();
        html[start..].to_string()
    };
    assert_eq!(
        page(&from_xlsx),
        page(&from_csv),
        "the first sheet, the portal's layout"
    );
    // A sheet by name: the tidy one.
    let tidy = SiteTest::new()
        .file(
            "content/indicators/a.yaml",
            "title: 北京\ndomain: 老有所养\nunit: 人\ncsv: {sheet: 整理}\n",
        )
        .bytes("content/indicators/a.xlsx", &xlsx)
        .build_ok();
    let html = tidy.text("indicators/a/index.html");
    assert!(
        html.contains("<th scope=\"row\">2024</th><td>3703</td>"),
        "{html}"
    );
    let err = SiteTest::new()
        .file(
            "content/indicators/a.yaml",
            "title: 北京\ndomain: 老有所养\nunit: 人\ncsv: {sheet: 其他}\n",
        )
        .bytes("content/indicators/a.xlsx", &xlsx)
        .build_err();
    assert_eq!(err, "content/indicators/a.xlsx: error: the workbook has no sheet `其他`\n  = hint: the sheets are: 分省数据, 整理\n");
}

#[test]
fn real_data_builds_byte_for_byte_the_same_twice() {
    let (a, b) = (uk(), uk());
    assert_eq!(a.0.len(), b.0.len());
    for ((pa, ba), (pb, bb)) in a.0.iter().zip(&b.0) {
        assert_eq!(pa, pb);
        assert!(ba == bb, "{pa} differs between two builds");
    }
}

#[test]
fn the_fixtures_are_the_shared_data_byte_for_byte() {
    // Wherever the shared data set is at hand, the copies here must not drift from it.
    for (fixture_dir, shared) in [
        ("open-sdg-uk", "open-sdg-uk/data"),
        ("open-sdg-kazakhstan", "open-sdg-kazakhstan/data"),
        ("nbs-china", "nbs-china"),
    ] {
        let shared = repo_root().join("../shared/data").join(shared);
        if !shared.is_dir() {
            continue;
        }
        let mut n = 0;
        for entry in std::fs::read_dir(&shared).unwrap() {
            let p = entry.unwrap().path();
            if p.extension().is_some_and(|e| e == "csv") {
                let copy = fixture(fixture_dir).join(p.file_name().unwrap());
                assert_eq!(
                    std::fs::read(&copy).unwrap(),
                    std::fs::read(&p).unwrap(),
                    "{}",
                    copy.display()
                );
                n += 1;
            }
        }
        assert!(n > 0, "{fixture_dir}");
    }
}
