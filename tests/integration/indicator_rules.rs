//! The selection rule and its honesty on small files: what the page says it
//! shows, one diagnostic per problem, no data yet, Chinese column names, periods
//! of every form, several lines.

use crate::support::SiteTest;

const YAML: &str = "title: 甲\ndomain: 老有所养\nunit: 人\n";

fn with_csv(yaml_extra: &str, csv: &str) -> SiteTest {
    SiteTest::new()
        .file("content/indicators/x.yaml", &format!("{YAML}{yaml_extra}"))
        .file("content/indicators/x.csv", csv)
}

#[test]
fn a_file_without_data_yet_publishes_the_indicator_as_no_data_with_a_warning() {
    for csv in ["Year,Value\n", "Year,Sex,Value\n2021,,\n2022,Male,\n"] {
        let site = with_csv("", csv);
        let built = site.build();
        let warnings: Vec<String> = built
            .diagnostics
            .iter()
            .map(|d| d.message.en().to_owned())
            .collect();
        assert!(
            warnings.iter().any(|m| m.contains("暂无数据")),
            "{warnings:?}"
        );
        let out = site.build_ok();
        assert!(out
            .text("indicators/x/index.html")
            .contains("<strong>暂无数据：</strong>"));
    }
}

#[test]
fn a_selection_that_leaves_no_data_is_an_error() {
    let err = with_csv(
        "csv: {select: {Sex: Other}}\n",
        "Year,Sex,Value\n2021,Male,1\n2021,Female,2\n",
    )
    .build_err();
    assert_eq!(
        err,
        "content/indicators/x.csv:1:1: error: no row with data has `Sex` = `Other`\n 1 | Year,Sex,Value\n   | ^\n  = hint: the values of Sex are: Male, Female\n"
    );
}

#[test]
fn without_a_total_the_page_says_what_it_shows() {
    let out = with_csv(
        "",
        "Year,Sex,Value\n2021,Male,1\n2021,Female,2\n2022,Male,3\n2022,Female,4\n",
    )
    .build_ok();
    let html = out.text("indicators/x/index.html");
    assert!(
        html.contains("<p class=\"chart-shows\">下图为：Male</p>"),
        "{html}"
    );
    assert!(html.contains("<th scope=\"row\">2022</th><td>3</td>"));
}

#[test]
fn repeated_problems_are_one_diagnostic_with_a_count_and_a_range() {
    let mut csv = String::from("Year,Value\n");
    for y in 0..500 {
        csv.push_str(&format!("{}x{},n/a\n", 1500 + y, y % 12));
    }
    let err = with_csv("", &csv).build_err();
    assert_eq!(err.lines().count(), 4, "{err}");
    assert!(err.starts_with("content/indicators/x.csv:2:1: error: `1500x0` is not a period (the same problem is on 500 rows, lines 2–501)"), "{err}");
}

#[test]
fn chinese_column_names_and_periods_read_as_written() {
    let out = with_csv(
        "target: {value: 20, year: 2026}\n",
        "年份,区县,数值\n2024年第1季度,,10\n2024年第2季度,,11\n2024年第3季度,,12\n2024年第3季度,京口区,5\n2024年第4季度,,13\n",
    )
    .build_ok();
    let html = out.text("indicators/x/index.html");
    assert!(
        html.contains("<th scope=\"col\">时期</th>")
            && html.contains("<th scope=\"row\">2024年第4季度</th><td>13</td>")
    );
    // The projection runs on quarters: 1 a quarter, to the middle of 2026 (13 + 4 × 1.625).
    assert!(
        html.contains("按2024年第1季度到2024年第4季度这4个数据的变化速度，到2026年约为19.5人"),
        "{html}"
    );
    assert!(html.contains("class=\"chart chart-bars\"") && html.contains(">京口区</th><td>5</td>"));
}

#[test]
fn ambiguous_year_spans_follow_the_column() {
    let out = with_csv("", "Year,Value\n2003-05,1\n2004-06,2\n2005-07,3\n").build_ok();
    let html = out.text("indicators/x/index.html");
    assert!(html.contains("2003-05到2005-07"), "windows: {html}");
    let out = with_csv("", "Year,Value\n2003-01,1\n2003-02,2\n2003-12,3\n").build_ok();
    let desc = out.text("indicators/x/index.html");
    assert!(desc.contains("2003-01到2003-12"));
    let months = with_csv(
        "csv: {periods: windows}\n",
        "Year,Value\n2003-01,1\n2003-02,2\n",
    )
    .build_err();
    assert!(months.contains("`2003-01` is not a period"), "{months}");
}

#[test]
fn lines_by_a_column_are_all_in_the_table_and_the_download() {
    let out = with_csv(
        "csv: {lines: Sex}\n",
        "Year,Sex,Observation status,Value\n2021,,Normal value,3\n2021,Male,Normal value,1\n2021,Female,Normal value,2\n2022,,Provisional value,6\n2022,Male,Provisional value,2\n2022,Female,Estimated value,4\n",
    )
    .build_ok();
    let html = out.text("indicators/x/index.html");
    assert!(html.contains(
        "<th scope=\"col\">合计</th><th scope=\"col\">Male</th><th scope=\"col\">Female</th>"
    ));
    assert!(html.contains("<tr><th scope=\"row\">2022</th><td>6<span class=\"sample-mark\">（初步数据）</span></td><td>2<span class=\"sample-mark\">（初步数据）</span></td><td>4<span class=\"sample-mark\">（估计值）</span></td></tr>"), "{html}");
    let csv = out.text("indicators/x/x.csv");
    assert!(csv.contains("x,2022,Female,4,人,false,估计值\r\n"), "{csv}");
    // Each line is named in the chart itself.
    assert!(html.contains(">Female</text>") && html.contains(">合计</text>"));
}

#[test]
fn check_says_which_rows_the_page_leaves_out() {
    let site = with_csv(
        "",
        "Year,Series,Value\n2021,A,1\n2021,B,2\n2022,A,3\n2022,B,4\n",
    );
    let report = minsheng::check::run(site.root(), None).unwrap();
    let json = report.to_json(minsheng::msg::Lang::En);
    assert!(
        json.contains("rows-left-out")
            && json.contains("Series: 2 rows of other values (the page shows “A”)"),
        "{json}"
    );
    let json = report.to_json(minsheng::msg::Lang::Zh);
    assert!(
        json.contains("指标“x”没有用到数据文件里的每一行：“Series”列：2 行是别的值（页面显示“A”）"),
        "{json}"
    );
}

#[test]
fn a_second_number_column_annotates_and_never_drops_rows() {
    // `Progress` is a number per row: not a breakdown, so no year vanishes.
    let out = with_csv(
        "",
        "Year,Progress,Value\n2019,0.1,10\n2020,0.25,11\n2021,0.4,12\n2022,0.55,13\n",
    )
    .build_ok();
    let html = out.text("indicators/x/index.html");
    for (y, v) in [(2019, 10), (2020, 11), (2021, 12), (2022, 13)] {
        assert!(
            html.contains(&format!("<th scope=\"row\">{y}</th><td>{v}</td>")),
            "{y}"
        );
    }
    // A numeric code repeated on every period is still a breakdown.
    let out = with_csv(
        "",
        "Year,Code,Value\n2021,,5\n2021,3201,1\n2021,3202,2\n2022,,6\n2022,3201,2\n2022,3202,3\n",
    )
    .build_ok();
    assert!(out
        .text("indicators/x/index.html")
        .contains("<th scope=\"row\">2022</th><td>6</td>"));
}

#[test]
fn yaml_series_take_periods_too() {
    let out = SiteTest::new()
        .file(
            "content/indicators/x.yaml",
            &format!("{YAML}series:\n  \"2024 Q1\": 1\n  \"2024 Q2\": 2\n  2024年第3季度: 3\n"),
        )
        .build_ok();
    let html = out.text("indicators/x/index.html");
    assert!(
        html.contains("<th scope=\"row\">2024 Q2</th><td>2</td>")
            && html.contains("<th scope=\"row\">2024年第3季度</th><td>3</td>")
    );
    let err = SiteTest::new()
        .file(
            "content/indicators/x.yaml",
            &format!("{YAML}series:\n  2021: 1\n  二〇二二: 2\n"),
        )
        .build_err();
    assert!(
        err.starts_with("content/indicators/x.yaml:6:3: error: `二〇二二` is not a period\n"),
        "{err}"
    );
}

/// `decimals: 1` shows every district value with one decimal, in the indicator's
/// table, the bar labels of its chart and the district pages' tables: `5.0`
/// beside `3.9`, never `5` (an editor-tester found the whole number bare).
#[test]
fn district_values_show_the_indicators_decimals_alike() {
    let out = crate::support::SiteTest::new()
        .file(
            "site.toml",
            "title = \"测试站\"\nbase_url = \"https://e.org/\"\ndistricts = [\"京口区\", \"润州区\"]\n",
        )
        .file(
            "content/indicators/x.yaml",
            "title: 甲\ndomain: 老有所养\nunit: 万人\ndecimals: 1\nseries: {2022: 8.9}\ndistricts:\n  京口区: 3.9\n  润州区: 5\n",
        )
        .build_ok();
    let page = out.text("indicators/x/index.html");
    assert!(page.contains(">5.0万人</text>"), "bar label: {page}");
    assert!(
        page.contains("<th scope=\"row\">润州区</th><td>5.0</td>"),
        "table: {page}"
    );
    assert!(!page.contains(">5万人<"), "{page}");
    let district = out.text("districts/京口区/index.html");
    assert!(
        district.contains("<span class=\"bar-value\">5.0万人</span>"),
        "{district}"
    );
    assert!(
        district.contains("<span class=\"bar-value\">3.9万人</span>"),
        "{district}"
    );
}

/// A cell holds a name, a period or a number: a paragraph pasted into one (or a
/// cell that swallowed the rest of the file) was carried into every table and
/// download unbounded, up to the 8 MiB file limit; Word's manual line break in a
/// label reached the pages. Each is an error at its cell, repeats counted once.
#[test]
fn overlong_cells_and_invisible_characters_are_errors_at_their_cell() {
    let long = "长".repeat(5000);
    let csv =
        format!("年份,地区,数值\n2021,{long},1\n2022,{long},2\n2023,京\u{b}口区,3\n注：{long}\n");
    let site = with_csv("csv: {breakdown: 地区}\n", &csv);
    let err = site.build_err_in(minsheng::msg::Lang::Zh);
    for said in [
        "content/indicators/x.csv:2:6: 错误：这一格有 5000 个字，太长了（一格最多写 2000 个字）（同样的问题共有 2 行，第 2–3 行）",
        "content/indicators/x.csv:4:6: 错误：这一格里有一个看不见的字符（Word 里的手动换行 U+000B）",
        "content/indicators/x.csv:5:1: 错误：这一行说明有 5002 个字，太长了（最多写 2000 个字）",
        "长的说明写在指标文件的 notes: 里",
    ] {
        assert!(err.contains(said), "{said}\n{err}");
    }
    // The message does not carry the cell back: the window around the column only.
    assert!(err.len() < 4000, "{}", err.len());
    // 2,000 characters still pass.
    let ok = "长".repeat(2000);
    with_csv(
        "csv: {breakdown: 地区}\n",
        &format!("年份,地区,数值\n2021,{ok},1\n2021,,3\n"),
    )
    .build_ok();
}
