//! Reading denominator files: the YAML (one year written in it) and the data
//! file beside it (many years), every figure checked.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use super::{is_ratio, split_unit, Denominator, Denominators, Figures, Place, CITY, SUBDIR};
use crate::diag::{display_path, Diagnostic, Diagnostics, Locator};
use crate::indicator::lines::{Children, YamlFile};
use crate::indicator::words;
use crate::indicator::{
    bounds, read_text, select, table, xlsx, yaml_line, Checks, CsvOptions, Entries,
};
use crate::msg::{data_words, Text};
use crate::source::SourceFile;
use crate::t;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDenominator {
    title: String,
    #[serde(default)]
    unit: Option<String>,
    #[serde(default)]
    year: Option<i32>,
    #[serde(default)]
    districts: Option<Entries<String, f64>>,
    #[serde(default)]
    city: Option<f64>,
    #[serde(default)]
    sample: bool,
    #[serde(default)]
    source: Option<String>,
    /// Editors' notes about the figures: accepted, kept in the file, not shown.
    #[serde(default, rename = "notes")]
    _notes: Option<String>,
    #[serde(default)]
    csv: Option<CsvOptions>,
}

/// Whether `rel` (a `content/` path) is inside the denominators folder.
pub(crate) fn is_denominator(rel: &str) -> bool {
    rel.strip_prefix(crate::indicator::DIR)
        .and_then(|r| r.strip_prefix('/'))
        .and_then(|r| r.strip_prefix(SUBDIR))
        .is_some_and(|r| r.starts_with('/'))
}

/// Loads every denominator of `files`.
pub(crate) fn load_all(
    files: &[SourceFile],
    checks: &Checks<'_>,
    diags: &mut Diagnostics,
) -> Denominators {
    let stem = |rel: &str| {
        [".yaml", ".yml", ".csv", ".xlsx"]
            .iter()
            .find_map(|e| rel.strip_suffix(e))
            .map(str::to_string)
    };
    let mine: Vec<&SourceFile> = files.iter().filter(|f| is_denominator(&f.rel)).collect();
    let mut out = Denominators::default();
    for f in &mine {
        let Some(s) = stem(&f.rel) else { continue };
        if f.rel.ends_with(".yaml") || f.rel.ends_with(".yml") {
            let data = mine
                .iter()
                .find(|d| {
                    !d.rel.ends_with(".yaml")
                        && !d.rel.ends_with(".yml")
                        && stem(&d.rel).as_deref() == Some(&s)
                })
                .copied();
            match load_one(f, data, checks, diags) {
                Some(d) => {
                    out.by_id.insert(d.id.clone(), d);
                }
                None => {
                    let id = s.rsplit('/').next().unwrap_or(&s).to_string();
                    out.failed.insert(id);
                }
            }
        } else if !mine.iter().any(|y| {
            stem(&y.rel).as_deref() == Some(&s)
                && (y.rel.ends_with(".yaml") || y.rel.ends_with(".yml"))
        }) {
            let name = s.rsplit('/').next().unwrap_or(&s);
            diags.push(
                Diagnostic::error(
                    &f.path,
                    t!(
                        "这个数据文件旁边没有分母文件（.yaml）",
                        "this data file has no YAML file beside it"
                    ),
                )
                .hint(t!(
                    "在同一个文件夹里新建 {name}.yaml，写上 title 和 unit，例如 title: 常住人口 和 unit: 万人",
                    "add {name}.yaml with title and unit, e.g. title: 常住人口 and unit: 万人"
                )),
            );
        }
    }
    out
}

fn load_one(
    f: &SourceFile,
    data: Option<&SourceFile>,
    checks: &Checks<'_>,
    diags: &mut Diagnostics,
) -> Option<Denominator> {
    let text = read_text(f, diags)?;
    let raw: RawDenominator = match crate::parse::yaml::from_str(&text) {
        Ok(r) => {
            if let Some((line, col, name)) = crate::parse::forbidden_escape(&text) {
                diags.push(
                    Diagnostic::error(&f.path, crate::msg::keyboard::escaped_control_here(&name))
                        .at(&text, line, col)
                        .hint(crate::msg::keyboard::escaped_control_hint()),
                );
                return None;
            }
            r
        }
        Err(e) => {
            let (line, col) = e.location.unwrap_or((1, 1));
            let (message, hint) =
                data_words::explain(&e.message, ("分母文件", "the denominator file"));
            let (zh, en) = (hint.zh(), hint.en());
            diags.push(
                Diagnostic::error(&f.path, message)
                    .at(&text, line, col)
                    .hint(t!(
                        "{zh}。分母文件写 title、unit、year 和 districts（或旁边放一个数据文件），例如 title: 常住人口",
                        "{en}; a denominator has title, unit, year and districts (or a data file beside it), e.g. title: 常住人口"
                    )),
            );
            return None;
        }
    };
    let id = f
        .rel
        .rsplit('/')
        .next()
        .unwrap_or(&f.rel)
        .trim_end_matches(".yaml")
        .trim_end_matches(".yml")
        .to_string();
    let unit = unit_of(&raw, &text, &f.path, diags)?;
    let (years, add_at) = match data {
        Some(d) => from_data_file(&raw, &text, &f.path, d, &unit, checks, diags)?,
        None => from_yaml(&raw, &text, &f.path, &unit, checks, diags)?,
    };
    Some(Denominator {
        id,
        title: raw.title.trim().to_string(),
        unit,
        sample: raw.sample,
        source: raw.source.unwrap_or_default(),
        years,
        add_at,
    })
}

/// The unit: it must say what is counted (万人, 户), and not be a rate.
fn unit_of(
    raw: &RawDenominator,
    text: &str,
    path: &Path,
    diags: &mut Diagnostics,
) -> Option<String> {
    let unit = raw
        .unit
        .as_deref()
        .map(str::trim)
        .unwrap_or_default()
        .to_string();
    let (_, counted) = split_unit(&unit);
    if !unit.is_empty() && !counted.is_empty() && !is_ratio(&unit) {
        return Some(unit);
    }
    let (key, msg) = if unit.is_empty() {
        (
            "title",
            t!("分母没有写单位（unit）", "the denominator has no unit"),
        )
    } else {
        (
            "unit",
            t!(
                "单位“{unit}”没有说明分母数的是什么",
                "`{unit}` does not say what the denominator counts"
            ),
        )
    };
    diags.push(YamlFile { path, text }.at(
        key,
        None,
        msg,
        t!(
            "写数的是什么，例如 unit: 万人（或 人、户、万户）",
            "write what is counted, e.g. unit: 万人 (or 人, 户, 万户)"
        ),
    ));
    None
}

/// One year's figures written in the YAML (`year:`, `districts:`, `city:`).
fn from_yaml(
    raw: &RawDenominator,
    text: &str,
    path: &Path,
    unit: &str,
    checks: &Checks<'_>,
    diags: &mut Diagnostics,
) -> Option<(BTreeMap<i32, Figures>, Place)> {
    let Some(year) = raw.year else {
        diags.push(YamlFile { path, text }.at(
            "title",
            None,
            t!("分母没有写年份（year）", "the denominator has no year"),
            t!(
                "写上这些数是哪一年的，例如 year: 2022",
                "write the year the figures are for, e.g. year: 2022"
            ),
        ));
        return None;
    };
    let mut ok = true;
    let mut years = BTreeMap::new();
    years.insert(year, yaml_figures(raw, text, path, checks, &mut ok, diags));
    let (places, loc) = (Children::new(text, "districts"), Locator::new(text));
    let place_of = |name: &str, _, d: Diagnostic| {
        let (line, col) = if name == CITY {
            yaml_line(text, "city", None)
        } else {
            places.nth(name, 0)
        };
        d.at_in(&loc, line, col)
    };
    ok &= check_positive(path, &years, &place_of, unit, diags);
    let (line, col) = yaml_line(text, "districts", None);
    ok.then(|| {
        let place = Place {
            path: path.to_path_buf(),
            text: text.to_string(),
            line,
            col,
            data_file: false,
        };
        (years, place)
    })
}

/// Every year's figures from the data file beside the YAML.
fn from_data_file(
    raw: &RawDenominator,
    text: &str,
    path: &Path,
    d: &SourceFile,
    unit: &str,
    checks: &Checks<'_>,
    diags: &mut Diagnostics,
) -> Option<(BTreeMap<i32, Figures>, Place)> {
    if raw.districts.is_some() || raw.year.is_some() {
        let key = if raw.districts.is_some() {
            "districts"
        } else {
            "year"
        };
        diags.push(YamlFile { path, text }.at(
            key,
            None,
            {
                let other = display_path(&d.path);
                t!(
                    "这些数在这里和 {other} 里都写了",
                    "the figures are given both here and in {other}"
                )
            },
            t!(
                "数只写在一个地方：删掉这里的 year: 和 districts:，或者删掉数据文件",
                "keep the figures in one place: remove `year:` and `districts:` here, or the data file"
            ),
        ));
        return None;
    }
    let default = CsvOptions::default();
    let opts = raw.csv.as_ref().unwrap_or(&default);
    let mut years = BTreeMap::new();
    let (t, place) = read_data(d, opts, raw.sample, checks, &mut years, diags)?;
    let rows = Rows::new(&t);
    let loc = Locator::new(&t.text);
    let place_of = |name: &str, v, diag: Diagnostic| {
        let (line, col) = rows.find(name, v);
        diag.at_in(&loc, line, col)
    };
    check_positive(&d.path, &years, &place_of, unit, diags).then_some((years, place))
}

/// The figures of the YAML itself, each district checked.
fn yaml_figures(
    raw: &RawDenominator,
    text: &str,
    path: &Path,
    checks: &Checks<'_>,
    ok: &mut bool,
    diags: &mut Diagnostics,
) -> Figures {
    let mut fig = Figures {
        city: raw.city,
        sample: raw.sample,
        ..Figures::default()
    };
    let (places, loc) = (Children::new(text, "districts"), Locator::new(text));
    let mut seen = ahash::HashSet::default();
    for (name, v) in raw.districts.iter().flat_map(|e| &e.0) {
        let (line, col) = places.nth(name, 0);
        let err = |msg: Text, hint: Text| {
            (Diagnostic::error(path, msg))
                .at_in(&loc, line, col)
                .hint(hint)
        };
        if !seen.insert(name.as_str()) {
            let (line, col) = places.nth(name, 1);
            diags.push(
                Diagnostic::error(path, words::district_twice(name))
                    .at_in(&loc, line, col)
                    .hint(t!(
                        "每个区县只写一个数，删掉多余的一行",
                        "keep one figure per district"
                    )),
            );
            *ok = false;
        } else if !bounds::value_ok(*v) {
            diags.push(err(bounds::message(bounds::PLAIN_YEAR, *v), bounds::hint()));
            *ok = false;
        } else if checks.unknown_district(name) {
            let (message, hint) = words::not_a_district(name, checks.districts);
            diags.push(err(message, hint));
            *ok = false;
        }
        fig.districts.push((name.clone(), *v));
    }
    fig
}

/// A district's error (`name`, its figure) placed where the figure is written.
type Locate<'a> = dyn Fn(&str, f64, Diagnostic) -> Diagnostic + 'a;

/// Every figure must be above zero: a rate divides by it.
fn check_positive(
    path: &Path,
    years: &BTreeMap<i32, Figures>,
    place: &Locate<'_>,
    unit: &str,
    diags: &mut Diagnostics,
) -> bool {
    let mut ok = true;
    for (year, fig) in years {
        let city = fig.city.map(|c| (CITY.to_string(), c));
        for (name, v) in fig.districts.iter().cloned().chain(city) {
            if v > 0.0 {
                continue;
            }
            let d = Diagnostic::error(
                    path,
                    t!(
                        "{name} {year} 年的数是 {v}：比率不能除以 0 或负数",
                        "{name}'s figure for {year} is {v}: a rate cannot divide by zero or a negative number"
                    ),
                )
                .hint(t!(
                    "写 {name} 的实际数（单位{unit}），例如 {name}: 34.2；不知道这个数就不写这个区县",
                    "write how many there are in {name}, in {unit}, e.g. {name}: 34.2; leave the district out if the figure is not known"
                ));
            diags.push(place(&name, v, d));
            ok = false;
        }
    }
    ok
}

/// The data file beside a denominator: every district's figure in every year.
fn read_data(
    f: &SourceFile,
    opts: &CsvOptions,
    sample: bool,
    checks: &Checks<'_>,
    years: &mut BTreeMap<i32, Figures>,
    diags: &mut Diagnostics,
) -> Option<(table::Table, Place)> {
    let text = if f.rel.ends_with(".xlsx") {
        xlsx::to_csv(&f.path, &f.bytes, opts.sheet.as_deref(), diags)?
    } else {
        table::decode(&f.path, &f.bytes, diags)?
    };
    let mut problems = table::Problems::default();
    let t = table::read(text, &mut problems);
    if problems.any() {
        problems.emit(&f.path, &t.text, diags);
        return None;
    }
    let data = select::select(&t, opts, sample, checks, &f.path, diags)?;
    if data.history.is_empty() {
        diags.push(
            Diagnostic::error(
                &f.path,
                t!("数据文件里没有区县一列", "the data file has no district column"),
            )
            .at(&t.text, 1, 1)
            .hint(t!(
                "加一列“区县”，写每行是哪个区县，例如表头写成 年份,区县,数值",
                "add a column 区县 (or district) naming the district of each row, e.g. year,district,value"
            )),
        );
        return None;
    }
    for line in &data.history {
        for p in &line.points {
            let fig = years.entry(p.period.year).or_default();
            fig.districts.push((line.name.clone(), p.value));
            fig.sample |= p.sample;
        }
    }
    for p in &data.series {
        let fig = years.entry(p.period.year).or_default();
        fig.city = Some(p.value);
        fig.sample |= p.sample;
    }
    let last = t.rows.last().map_or(1, |r| r.line);
    let place = Place {
        path: f.path.clone(),
        text: t.text.clone(),
        line: last,
        col: 1,
        data_file: true,
    };
    Some((t, place))
}

/// The rows of a data file by the cells they hold: a file of many districts
/// was read from the top for each figure told.
struct Rows<'t> {
    table: &'t table::Table,
    /// Each cell's text: the rows holding it, in order.
    holding: ahash::HashMap<&'t str, Vec<usize>>,
}

impl<'t> Rows<'t> {
    fn new(table: &'t table::Table) -> Self {
        let mut holding: ahash::HashMap<&str, Vec<usize>> = Default::default();
        for (i, r) in table.rows.iter().enumerate() {
            for c in &r.cells {
                let rows = holding.entry(c.as_str()).or_default();
                if rows.last() != Some(&i) {
                    rows.push(i);
                }
            }
        }
        Rows { table, holding }
    }

    /// The place of figure `v` in the first row naming `name` that holds it.
    fn find(&self, name: &str, v: f64) -> (usize, usize) {
        let t = self.table;
        for &i in self.holding.get(name).into_iter().flatten() {
            let r = &t.rows[i];
            if let Some(i) = (r.cells.iter()).position(|c| c.parse::<f64>().ok() == Some(v)) {
                return (r.line, t.col_of(r.line, r.fields[i]));
            }
        }
        (1, 1)
    }
}
