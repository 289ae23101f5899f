//! Issue 11, districts: comparisons by rate when an indicator names a
//! denominator (a population or household table), by count (按人数) otherwise.
//! The fixture sites are the test's own: two districts, one indicator of beds,
//! and a population table.

use crate::support::{SiteTest, MINIMAL_CONFIG};

const BEDS: &str = "title: 养老床位\nquestion: 有多少张养老床位?\ndomain: 老有所养\nunit: 张\nseries: {2021: 800, 2022: 900}\ndistricts: {东区: 600, 西区: 300}\ndistricts_year: 2022\n";
const POPULATION: &str = "title: 常住人口\nunit: 万人\nyear: 2022\nsample: true\ndistricts:\n  东区: 50\n  西区: 20\ncity: 70\n";

fn site(beds: &str) -> SiteTest {
    SiteTest::new()
        .file(
            "site.toml",
            &format!("districts = [\"东区\", \"西区\"]\n{MINIMAL_CONFIG}"),
        )
        .file("content/indicators/beds.yaml", beds)
        .file(
            "content/indicators/denominators/population.yaml",
            POPULATION,
        )
}

#[test]
fn with_a_denominator_districts_compare_by_rate_with_the_count_beside() {
    let out = site(&format!("{BEDS}denominator: population\n")).build_ok();
    // 东区 600 beds for 500,000 people (12 per 10,000), 西区 300 for 200,000 (15).
    let west = out.text("districts/西区/index.html");
    for part in [
        "西区按常住人口折算<strong>每万人15张</strong>（共300张），2个区县中第1高",
        "全市（2022年）<strong>每万人12.9张</strong>（共900张）",
        "按常住人口折算比较（每万人）",
        "用的是2022年的常住人口",
        "折算用的常住人口数字是为了演示填写的示例",
        "<th scope=\"col\">每万人</th></tr>",
        "<span class=\"bar-value\">12.0张</span><span class=\"bar-count\">共600张</span></td>",
    ] {
        assert!(west.contains(part), "西区: missing {part}");
    }
    assert!(!west.contains("按总数比较"));
    let page = out.text("indicators/beds/index.html");
    for part in [
        "养老床位：各区县比较（按常住人口折算）</title>",
        "2022年养老床位（按常住人口折算）：西区最高（每万人15张，共300张），东区最低（每万人12张，共600张），相差每万人3张；全市为每万人12.9张。（含示例数据）",
        ">15.0张（300张）</text>",
        ">2022年 · 每万人 · 示例数据</text>",
        ">全市 12.9张</text>",
        "<caption>2022年养老床位（按2022年常住人口折算）</caption>",
        "<th scope=\"col\">每万人（张）</th><th scope=\"col\">数值（张）</th><th scope=\"col\">常住人口（万人）</th>",
        "<tr><th scope=\"row\">东区</th><td>12.0<span class=\"sample-mark\">（示例）</span></td><td>600</td><td>50<span class=\"sample-mark\">（示例）</span></td></tr>",
        "<tr class=\"total\"><th scope=\"row\">全市</th><td>12.9<span class=\"sample-mark\">（示例）</span></td><td>900</td>",
    ] {
        assert!(page.contains(part), "indicator page: missing {part}");
    }
    let csv = out.text("indicators/beds/beds.csv");
    let lines: Vec<&str> = csv.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(
        lines[0],
        "indicator,period,group,value,unit,sample,status,rate,rate_unit,denominator,denominator_year,denominator_value"
    );
    assert!(
        lines.contains(&"beds,2022,西区,300,张,false,,15,张/万人,常住人口(万人),2022,20"),
        "{csv}"
    );
    // The city's own rows carry no rate columns' values.
    assert!(lines.contains(&"beds,2022,,900,张,false,,,,,,"), "{csv}");
    let json = out.text("indicators/beds/beds.json");
    assert!(json.contains("\"words\": \"每万人\""), "{json}");
}

#[test]
fn without_a_denominator_districts_compare_by_count_and_say_so() {
    let out = site(BEDS).build_ok();
    let west = out.text("districts/西区/index.html");
    assert!(west.contains("西区为<strong>300张</strong>，2个区县中第2高"));
    assert!(west.contains("按总数比较：没有按常住人口折算"));
    assert!(!west.contains("每万人"));
    let page = out.text("indicators/beds/index.html");
    assert!(page.contains(
        "2022年养老床位（按总数）：东区最高（600张），西区最低（300张），相差300张。</desc>"
    ));
    let csv = out.text("indicators/beds/beds.csv");
    assert!(csv.starts_with("\u{feff}indicator,period,group,value,unit,sample,status\r\n"));
    assert!(!out.text("indicators/beds/beds.json").contains("rates"));
    // People are counted 按人数.
    let people = BEDS.replace("unit: 张", "unit: 人");
    let out = site(&people).build_ok();
    assert!(out
        .text("districts/西区/index.html")
        .contains("按人数比较：没有按常住人口折算"));
}

#[test]
fn denominator_mistakes_stop_the_build_with_located_errors() {
    let stale = POPULATION.replace("year: 2022", "year: 2021");
    let err = site(&format!("{BEDS}denominator: population\n"))
        .file("content/indicators/denominators/population.yaml", &stale)
        .build_err();
    assert!(err.contains("content/indicators/beds.yaml:8:14: error: `population` (常住人口) has figures for 2021, not for 2022"), "{err}");
    assert!(
        err.contains("write denominator: {id: population, year: 2021}"),
        "{err}"
    );
    let err = site(&format!("{BEDS}denominator: people\n")).build_err();
    assert!(
        err.contains("beds.yaml:8:14: error: there is no denominator `people`"),
        "{err}"
    );
    assert!(err.contains("known ids: population"), "{err}");
}

#[test]
fn editing_a_denominator_in_serve_updates_every_rate_that_uses_it() {
    use minsheng::session::{Proof, Session};
    let t = site(&format!("{BEDS}denominator: population\n"));
    let root = t.root();
    // Proof mode: every incremental rebuild is compared with a full build.
    let mut s = Session::new(root, None, false).with_proof(Proof::Panic);
    assert_eq!(s.rebuild_all().unwrap().error_count(), 0);
    let pop = root.join("content/indicators/denominators/population.yaml");
    std::fs::write(&pop, POPULATION.replace("西区: 20", "西区: 30")).unwrap();
    let o = s.apply(std::slice::from_ref(&pop)).unwrap();
    assert_eq!(o.error_count(), 0);
    for page in [
        "districts/西区/index.html",
        "indicators/beds/index.html",
        "indicators/beds/beds.csv",
    ] {
        assert!(
            o.changed.contains(&page.to_string()),
            "{page} not rebuilt: {:?}",
            o.changed
        );
    }
    let west = String::from_utf8(s.good().unwrap()["districts/西区/index.html"].to_vec()).unwrap();
    assert!(
        west.contains("<strong>每万人10张</strong>（共300张）"),
        "{west}"
    );
    // A mistake is reported at its line; fixing it builds again.
    std::fs::write(&pop, POPULATION.replace("西区: 20", "西区: 0")).unwrap();
    let o = s.apply(std::slice::from_ref(&pop)).unwrap();
    assert_eq!(o.error_count(), 1, "{:#?}", o.diagnostics);
    assert_eq!((o.diagnostics[0].line, o.diagnostics[0].col), (7, 3));
    std::fs::write(&pop, POPULATION).unwrap();
    assert_eq!(s.apply(&[pop]).unwrap().error_count(), 0);
}
