//! Rates and the editor's mistakes with denominators, on files held in memory.

use super::*;
use crate::diag::{Diagnostic, Diagnostics};
use crate::indicator::{load_all, Checks, Indicator};
use crate::source::SourceFile;

const POPULATION: &str = "title: 常住人口\nunit: 万人\nyear: 2022\nsample: true\ndistricts:\n  东区: 50\n  西区: 20\ncity: 70\n";
const BEDS: &str = "title: 养老床位\ndomain: 老有所养\nunit: 张\nseries: {2022: 900}\ndistricts: {东区: 600, 西区: 300}\ndistricts_year: 2022\n";

fn load(files: &[(&str, &str)]) -> (Vec<Indicator>, Vec<Diagnostic>) {
    let files: Vec<SourceFile> = files
        .iter()
        .map(|(rel, text)| {
            SourceFile::new(
                format!("content/{rel}").into(),
                (*rel).into(),
                text.as_bytes().to_vec(),
            )
        })
        .collect();
    let districts = ["东区".to_string(), "西区".to_string(), "南区".to_string()];
    let mut d = Diagnostics::default();
    let v = load_all(&files, &Checks::new(&districts), &mut d);
    (v, d.into_sorted())
}

/// The one error of a load, as `path:line:col message | hint`.
fn error(files: &[(&str, &str)]) -> String {
    let (_, d) = load(files);
    let errors: Vec<&Diagnostic> = d.iter().filter(|d| d.is_error()).collect();
    assert_eq!(errors.len(), 1, "{d:#?}");
    let e = errors[0];
    format!(
        "{}:{}:{} {} | {}",
        e.path.display(),
        e.line,
        e.col,
        e.message,
        e.hint.as_deref().unwrap_or("")
    )
}

fn beds_with(denominator: &str) -> String {
    format!("{BEDS}denominator: {denominator}\n")
}

#[test]
fn units_split_into_multiplier_and_what_is_counted() {
    assert_eq!(split_unit("万人"), (1e4, "人"));
    assert_eq!(split_unit("十万户"), (1e5, "户"));
    assert_eq!(split_unit("张"), (1.0, "张"));
    assert!(is_ratio("%") && is_ratio("‰") && !is_ratio("万人"));
    assert_eq!(count_words("万人次"), "按人数");
    assert_eq!(count_words("户"), "按户数");
    assert_eq!(count_words("张"), "按总数");
    assert_eq!(parse_per("10000"), Some(10000));
    assert_eq!(parse_per("每千人"), Some(1000));
    assert_eq!(parse_per("十万"), Some(100000));
    assert_eq!(parse_per("500"), None);
}

#[test]
fn rates_divide_counts_by_the_denominator_of_the_same_year() {
    let (v, d) = load(&[
        ("indicators/denominators/population.yaml", POPULATION),
        ("indicators/beds.yaml", &beds_with("population")),
    ]);
    assert!(d.is_empty(), "{d:#?}");
    let r = v[0].rates.as_ref().expect("rates");
    // 600 beds for 500,000 people: 0.0012 a person, 12 per ten thousand. The
    // smallest scale giving a highest rate of at least 10 is 万.
    assert_eq!(
        (r.per, r.words.as_str(), r.unit.as_str()),
        (10000, "每万人", "张")
    );
    let east = r.of_district("东区").unwrap();
    assert!((east.value - 12.0).abs() < 1e-9, "{east:?}");
    let west = r.of_district("西区").unwrap();
    assert!((west.value - 15.0).abs() < 1e-9, "{west:?}");
    // The city: 900 beds for 700,000 people.
    let city = r.city.as_ref().unwrap();
    assert!((city.value - 900.0 / 70.0).abs() < 1e-9);
    assert_eq!((r.year, r.decimals, r.sample), (2022, 1, true));
    assert_eq!(r.say(west.value), "每万人15张");
    assert_eq!(r.unit_per(), "张/万人");
    let ind = &v[0];
    assert_eq!(ind.basis(), crate::indicator::Basis::Rate);
    assert!(
        ind.has_sample(),
        "a sample denominator makes the figures sample"
    );
    // Compared by rate, the smaller district is ahead.
    let mut compared = ind.compared();
    compared.sort_by(|a, b| b.1.total_cmp(&a.1));
    assert_eq!(compared[0].0, "西区");
}

#[test]
fn per_and_year_can_be_given() {
    let csv = "year,district,value\n2021,东区,48\n2021,西区,19\n2023,东区,52\n2023,西区,21\n";
    let (v, d) = load(&[
        (
            "indicators/denominators/population.yaml",
            "title: 常住人口\nunit: 万人\n",
        ),
        ("indicators/denominators/population.csv", csv),
        (
            "indicators/beds.yaml",
            &beds_with("{id: population, per: 千, year: 2021}"),
        ),
    ]);
    assert!(d.is_empty(), "{d:#?}");
    let r = v[0].rates.as_ref().unwrap();
    assert_eq!((r.per, r.words.as_str(), r.year), (1000, "每千人", 2021));
    let west = r.of_district("西区").unwrap();
    assert!((west.value - 300.0 / 190.0).abs() < 1e-9);
    assert_eq!(r.decimals, 2);
    assert!(r.city.is_none(), "the file gives no city row");
    // Households divide too, and say so.
    let (v, d) = load(&[
        (
            "indicators/denominators/households.yaml",
            "title: 户数\nunit: 户\nyear: 2022\ndistricts: {东区: 2000, 西区: 1000}\n",
        ),
        ("indicators/beds.yaml", &beds_with("households")),
    ]);
    assert!(d.is_empty(), "{d:#?}");
    assert_eq!(v[0].rates.as_ref().unwrap().words, "每百户");
}

#[test]
fn without_a_denominator_the_comparison_is_by_count() {
    let (v, d) = load(&[("indicators/beds.yaml", BEDS)]);
    assert!(d.is_empty());
    assert!(v[0].rates.is_none());
    assert_eq!(v[0].basis(), crate::indicator::Basis::Count);
    assert_eq!(v[0].compared(), v[0].districts);
}

#[test]
fn a_district_without_a_figure_is_an_error_in_the_denominator_file() {
    let beds = "title: 养老床位\ndomain: 老有所养\nunit: 张\nseries: {2022: 900}\ndistricts: {东区: 600, 西区: 300, 南区: 10}\ndistricts_year: 2022\ndenominator: population\n";
    assert_eq!(
        error(&[
            ("indicators/denominators/population.yaml", POPULATION),
            ("indicators/beds.yaml", beds),
        ]),
        "content/indicators/denominators/population.yaml:5:12 `population` has no 2022 figure for 南区, which indicator `beds` gives a value for | add a line for each under districts:, e.g.   南区: <常住人口 in 万人>"
    );
    let csv = "year,district,value\n2022,东区,48\n";
    assert_eq!(
        error(&[
            ("indicators/denominators/population.yaml", "title: 常住人口\nunit: 万人\n"),
            ("indicators/denominators/population.csv", csv),
            ("indicators/beds.yaml", &beds_with("population")),
        ]),
        "content/indicators/denominators/population.csv:2:1 `population` has no 2022 figure for 西区, which indicator `beds` gives a value for | add a row for each, e.g. 2022,西区,<常住人口 in 万人>"
    );
}

#[test]
fn zero_or_negative_figures_are_errors_where_they_are_written() {
    let zero = POPULATION.replace("西区: 20", "西区: 0");
    assert_eq!(
        error(&[("indicators/denominators/population.yaml", &zero)]),
        "content/indicators/denominators/population.yaml:7:3 西区's figure for 2022 is 0: a rate cannot divide by zero or a negative number | write how many there are in 西区, in 万人, e.g. 西区: 34.2; leave the district out if the figure is not known"
    );
    // The indicator naming it is not told again that it does not exist.
    let e = error(&[
        ("indicators/denominators/population.yaml", &zero),
        ("indicators/beds.yaml", &beds_with("population")),
    ]);
    assert!(e.contains("西区's figure for 2022 is 0"), "{e}");
    let csv = "year,district,value\n2022,东区,48\n2022,西区,-3\n";
    let e = error(&[
        (
            "indicators/denominators/population.yaml",
            "title: 常住人口\nunit: 万人\n",
        ),
        ("indicators/denominators/population.csv", csv),
    ]);
    assert!(
        e.starts_with(
            "content/indicators/denominators/population.csv:3:9 西区's figure for 2022 is -3"
        ),
        "{e}"
    );
}

#[test]
fn an_unknown_id_names_the_known_ones() {
    assert_eq!(
        error(&[
            ("indicators/denominators/population.yaml", POPULATION),
            ("indicators/beds.yaml", &beds_with("populaton")),
        ]),
        "content/indicators/beds.yaml:7:14 there is no denominator `populaton` | denominators are the files in content/indicators/denominators/; known ids: population"
    );
    let e = error(&[("indicators/beds.yaml", &beds_with("{id: population}"))]);
    assert!(e.starts_with("content/indicators/beds.yaml:7:15 there is no denominator `population` | denominators are the files in content/indicators/denominators/; add content/indicators/denominators/population.yaml"), "{e}");
}

#[test]
fn mismatched_years_say_which_years_there_are() {
    let old = POPULATION.replace("year: 2022", "year: 2021");
    assert_eq!(
        error(&[
            ("indicators/denominators/population.yaml", &old),
            ("indicators/beds.yaml", &beds_with("population")),
        ]),
        "content/indicators/beds.yaml:7:14 `population` (常住人口) has figures for 2021, not for 2022, the year of this indicator's district values | add the 2022 figures to content/indicators/denominators/population.yaml, or write denominator: {id: population, year: 2021} to divide by the 2021 figures on purpose (the page then says so)"
    );
    assert_eq!(
        error(&[
            ("indicators/denominators/population.yaml", POPULATION),
            ("indicators/beds.yaml", &beds_with("{id: population, year: 2020}")),
        ]),
        "content/indicators/beds.yaml:7:31 `population` (常住人口) has no figures for 2020 | it has figures for 2022: write one of these years after year:"
    );
}

#[test]
fn other_mistakes_are_located_too() {
    let pop = ("indicators/denominators/population.yaml", POPULATION);
    let rate = "title: 覆盖率\ndomain: 行有所畅\nunit: \"%\"\nseries: {2022: 90}\ndistricts: {东区: 95}\ndenominator: population\n";
    assert!(error(&[pop, ("indicators/rate.yaml", rate)])
        .starts_with("content/indicators/rate.yaml:6:14 this indicator is a rate already (%)"));
    assert!(error(&[
        pop,
        (
            "indicators/beds.yaml",
            &beds_with("{id: population, per: 500}")
        )
    ])
    .starts_with("content/indicators/beds.yaml:7:31 `per: 500` is not a scale"));
    let no_unit = POPULATION.replace("unit: 万人\n", "");
    assert!(
        error(&[("indicators/denominators/population.yaml", &no_unit)])
            .contains("the denominator has no unit | write what is counted, e.g. unit: 万人")
    );
    let stranger = POPULATION.replace("西区: 20", "北区: 20");
    assert!(error(&[("indicators/denominators/population.yaml", &stranger)])
        .starts_with("content/indicators/denominators/population.yaml:7:3 `北区` is not a district of this site"));
    // Nothing to divide is a warning, not an error.
    let city_only =
        "title: 床位\ndomain: 老有所养\nunit: 张\nseries: {2022: 900}\ndenominator: population\n";
    let (v, d) = load(&[pop, ("indicators/beds.yaml", city_only)]);
    assert!(
        v[0].rates.is_none() && d.len() == 1 && !d[0].is_error(),
        "{d:#?}"
    );
    // A denominator is not an indicator.
    let (v, _) = load(&[pop]);
    assert!(v.is_empty());
}
