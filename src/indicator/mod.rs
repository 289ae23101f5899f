//! Indicators: one YAML file per indicator in `content/indicators/`, optionally with
//! a tidy CSV of the same stem beside it (our `year,value[,district]` layout, or the
//! `Year,Units,…,Value` layout statistical reporting platforms publish). PARSE and
//! validate them, with `path:line:col` for YAML and `path:row:col` for CSV; the
//! status comes from [`status::compute`].

mod bounds;
pub mod columns;
pub mod denominator;
mod obs;
pub mod period;
mod select;
pub mod status;
mod table;
mod xlsx;

use std::collections::BTreeMap;
use std::fmt;
use std::path::PathBuf;

use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};

use crate::diag::{Diagnostic, Diagnostics};
use crate::domains::DOMAINS;
use crate::source::SourceFile;
use crate::yaml;
pub use denominator::{Rate, Rates};
pub use period::Period;
pub use status::{Status, StatusKind};

/// The folder of `content/` that holds indicators.
pub const DIR: &str = "indicators";

/// Which way is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// More is better.
    #[default]
    Up,
    /// Less is better.
    Down,
}

/// One value for one period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Point {
    /// The period (a year, quarter, month …).
    pub period: Period,
    /// The value.
    pub value: f64,
    /// Illustrative, not official.
    pub sample: bool,
    /// 初步数据 (provisional) or 估计值 (estimated), from the file's observation status.
    pub mark: Option<&'static str>,
}

impl Point {
    /// A point for a whole year.
    pub fn year(year: i32, value: f64, sample: bool) -> Point {
        Point {
            period: Period::year(year),
            value,
            sample,
            mark: None,
        }
    }
}

/// A data file's rows as read (the wide layout already made tidy).
#[derive(Debug, Clone, PartialEq)]
pub struct SourceData {
    /// Column names.
    pub headers: Vec<String>,
    /// Cells of every row.
    pub rows: Vec<Vec<String>>,
}

/// A named series of points: one line of a chart, or one district's history.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Line {
    /// As the file writes it (Female, 北京市 …).
    pub name: String,
    /// Sorted by period.
    pub points: Vec<Point>,
}

/// What the indicator should reach, by when.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Target {
    /// The value to reach.
    pub value: f64,
    /// By which year.
    pub year: i32,
    /// Who set it.
    pub by: Option<String>,
    /// Illustrative, not official.
    pub sample: bool,
}

/// A ranking, e.g. 1st of 13 in the province.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Rank {
    /// 1 is best.
    pub position: u32,
    /// Out of how many.
    #[serde(default)]
    pub of: Option<u32>,
    /// Where, e.g. 全省.
    #[serde(default)]
    pub scope: Option<String>,
    /// In which year.
    #[serde(default)]
    pub year: Option<i32>,
}

/// A validated indicator.
#[derive(Debug, Clone, Serialize)]
pub struct Indicator {
    /// URL segment and reference used by pages.
    pub id: String,
    /// Short name.
    pub title: String,
    /// The plain-language question it answers.
    pub question: String,
    /// Index into [`DOMAINS`].
    #[serde(skip)]
    pub domain: usize,
    /// The unit, e.g. 万人, %, 家.
    pub unit: String,
    /// Which way is better.
    pub direction: Direction,
    /// Decimals shown.
    pub decimals: u8,
    /// The target, if any.
    pub target: Option<Target>,
    /// A ranking, if any.
    pub rank: Option<Rank>,
    /// Where the figures come from.
    pub source: String,
    /// A link to the source.
    pub source_url: Option<String>,
    /// Notes for readers.
    pub notes: String,
    /// Everything illustrative.
    pub sample: bool,
    /// Values by period, sorted by time: the headline series.
    pub series: Vec<Point>,
    /// Further lines beside the headline (by sex, age …, or plan against actual).
    pub lines: Vec<Line>,
    /// Values by district (or other breakdown) for `breakdown_period`.
    pub districts: Vec<(String, f64)>,
    /// Every district's (or breakdown value's) history.
    pub history: Vec<Line>,
    /// The period of the district values.
    pub breakdown_period: Option<Period>,
    /// What the headline is when it is not a total ("Female"): the page says so.
    pub shows: Vec<String>,
    /// The headline's name among several lines (合计, or the line it is).
    pub head_name: Option<String>,
    /// The unit multiplier in words ("数值以千计").
    pub unit_note: Option<String>,
    /// Footnotes the data file carries for the values shown.
    pub footnotes: Vec<String>,
    /// Rows of the data file the selection left out, and why (one line per column).
    pub left_out: Vec<String>,
    /// The data file says there is no data yet.
    pub no_data: bool,
    /// Every row of the data file (tidy), for the full download.
    #[serde(skip)]
    pub source_data: Option<std::sync::Arc<SourceData>>,
    /// What the breakdown is by (区县 for districts).
    pub breakdown_label: String,
    /// District values are illustrative.
    pub districts_sample: bool,
    /// The YAML file.
    #[serde(skip)]
    pub path: PathBuf,
    /// The CSV beside it, if any.
    #[serde(skip)]
    pub csv_path: Option<PathBuf>,
    /// Computed status.
    pub status: Status,
    /// The district values divided by a denominator (`denominator:`), if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rates: Option<Rates>,
}

impl Indicator {
    /// The newest value.
    pub fn latest(&self) -> Option<&Point> {
        self.series.last()
    }
    /// True when any figure shown is illustrative.
    pub fn has_sample(&self) -> bool {
        self.sample
            || self.districts_sample
            || self.rates.as_ref().is_some_and(|r| r.sample)
            || self.series.iter().any(|p| p.sample)
            || self.target.as_ref().is_some_and(|t| t.sample)
    }
    /// The domain.
    pub fn domain(&self) -> &'static crate::domains::Domain {
        &DOMAINS[self.domain]
    }
    /// Formats a value with this indicator's unit and decimals.
    pub fn show(&self, v: f64) -> String {
        status::with_unit(v, &self.unit, self.decimals)
    }
    /// How district values are compared.
    pub fn basis(&self) -> Basis {
        if self.rates.is_some() {
            Basis::Rate
        } else if denominator::is_ratio(&self.unit) {
            Basis::Ratio
        } else {
            Basis::Count
        }
    }
    /// The district values as compared: each district's rate when a denominator
    /// is given, else its value.
    pub fn compared(&self) -> Vec<(String, f64)> {
        match &self.rates {
            Some(r) => r
                .districts
                .iter()
                .map(|d| (d.name.clone(), d.value))
                .collect(),
            None => self.districts.clone(),
        }
    }
    /// A compared value with its unit: `每万人949人` for a rate, else `9.3万人`.
    pub fn show_compared(&self, v: f64) -> String {
        match &self.rates {
            Some(r) => r.say(v),
            None => self.show(v),
        }
    }
}

/// How district values are compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Basis {
    /// Divided by a denominator (每万人…).
    Rate,
    /// A percentage or per mille already.
    Ratio,
    /// By headcount (按人数): populous districts have bigger numbers.
    Count,
}

/// A series value: a number, or `{value: …, sample: true}`.
#[derive(Debug, Clone, Copy)]
struct RawPoint {
    value: f64,
    sample: bool,
}

impl<'de> Deserialize<'de> for RawPoint {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RawPoint;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a number, or {value: number, sample: true}")
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<RawPoint, E> {
                Ok(RawPoint {
                    value: v,
                    sample: false,
                })
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<RawPoint, E> {
                Ok(RawPoint {
                    value: v as f64,
                    sample: false,
                })
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<RawPoint, E> {
                Ok(RawPoint {
                    value: v as f64,
                    sample: false,
                })
            }
            fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<RawPoint, A::Error> {
                let mut value = None;
                let mut sample = false;
                while let Some(k) = m.next_key::<String>()? {
                    match k.as_str() {
                        "value" => value = Some(m.next_value::<f64>()?),
                        "sample" => sample = m.next_value::<bool>()?,
                        other => return Err(de::Error::unknown_field(other, &["value", "sample"])),
                    }
                }
                let value = value.ok_or_else(|| de::Error::missing_field("value"))?;
                Ok(RawPoint { value, sample })
            }
        }
        d.deserialize_any(V)
    }
}

/// A key of `series:`: a year written as a number, or a period written as text
/// (`"2024 Q1"`, `2024年3月`, `"2000/01"`).
#[derive(Debug, Clone)]
enum SeriesKey {
    Year(i32),
    Label(String),
}

impl SeriesKey {
    fn label(&self) -> String {
        match self {
            SeriesKey::Year(y) => y.to_string(),
            SeriesKey::Label(s) => s.clone(),
        }
    }
}

impl<'de> Deserialize<'de> for SeriesKey {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'a> Visitor<'a> for V {
            type Value = SeriesKey;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a year such as 2022, or a period such as \"2024 Q1\"")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<SeriesKey, E> {
                i32::try_from(v)
                    .map(SeriesKey::Year)
                    .map_err(|_| E::custom(format!("{v} is not a year")))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<SeriesKey, E> {
                i32::try_from(v)
                    .map(SeriesKey::Year)
                    .map_err(|_| E::custom(format!("{v} is not a year")))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<SeriesKey, E> {
                Ok(SeriesKey::Label(format!("{v:?}")))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<SeriesKey, E> {
                Ok(SeriesKey::Label(v.to_string()))
            }
        }
        d.deserialize_any(V)
    }
}

/// A YAML mapping read in order, keeping duplicate keys (which serde's maps drop
/// silently) so that they can be reported.
#[derive(Debug, Clone, Default)]
struct Entries<K, V>(Vec<(K, V)>);

impl<'de, K: Deserialize<'de>, V: Deserialize<'de>> Deserialize<'de> for Entries<K, V> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct EV<K, V>(std::marker::PhantomData<(K, V)>);
        impl<'de, K: Deserialize<'de>, V: Deserialize<'de>> Visitor<'de> for EV<K, V> {
            type Value = Entries<K, V>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a list of `key: value` lines")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<Self::Value, A::Error> {
                let mut out = Vec::new();
                while let Some((k, v)) = m.next_entry()? {
                    out.push((k, v));
                }
                Ok(Entries(out))
            }
        }
        d.deserialize_map(EV(std::marker::PhantomData))
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTarget {
    value: f64,
    #[serde(default)]
    year: Option<i32>,
    #[serde(default)]
    by: Option<String>,
    #[serde(default)]
    sample: bool,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
struct CsvOptions {
    /// Column → value choosing the headline series among breakdowns.
    select: BTreeMap<String, String>,
    /// The column whose values are shown as the breakdown chart.
    breakdown: Option<String>,
    /// The column whose values are drawn as lines of their own.
    lines: Option<String>,
    /// Columns that annotate rows and never split them (footnotes, a second number).
    attributes: Vec<String>,
    /// In a file with one row per region: the row of this city (the rest are districts).
    city: Option<String>,
    /// How `2003-05` is read: auto, months or windows.
    periods: period::Ambiguous,
    /// The sheet of an `.xlsx` workbook (default: the first).
    sheet: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawIndicator {
    #[serde(default)]
    id: Option<String>,
    title: String,
    #[serde(default)]
    question: Option<String>,
    #[serde(default)]
    domain: Option<String>,
    #[serde(default)]
    unit: Option<String>,
    #[serde(default)]
    direction: Direction,
    #[serde(default)]
    decimals: Option<u8>,
    #[serde(default)]
    target: Option<RawTarget>,
    #[serde(default)]
    rank: Option<Rank>,
    #[serde(default)]
    source: Option<String>,
    #[serde(default)]
    source_url: Option<String>,
    #[serde(default)]
    notes: Option<String>,
    #[serde(default)]
    sample: bool,
    #[serde(default)]
    series: Option<Entries<SeriesKey, RawPoint>>,
    #[serde(default)]
    districts: Option<Entries<String, f64>>,
    #[serde(default)]
    districts_year: Option<i32>,
    #[serde(default)]
    districts_sample: bool,
    #[serde(default)]
    csv: Option<CsvOptions>,
    #[serde(default)]
    denominator: Option<denominator::DenominatorRef>,
}

/// The index of the line where top-level `key:` is written.
fn top_key(lines: &[&str], key: &str) -> Option<usize> {
    lines
        .iter()
        .position(|l| l.strip_prefix(key).is_some_and(|r| r.starts_with(':')))
}

/// The line of `key:` at top level, or of `child:` nested under it.
fn yaml_line(text: &str, key: &str, child: Option<&str>) -> (usize, usize) {
    let lines: Vec<&str> = text.lines().collect();
    let Some(top) = top_key(&lines, key) else {
        return (1, 1);
    };
    if let Some(child) = child {
        for (i, l) in lines.iter().enumerate().skip(top + 1) {
            if !l.starts_with([' ', '\t']) && !l.trim().is_empty() {
                break;
            }
            let t = l.trim_start();
            if t.strip_prefix(child).is_some_and(|r| r.starts_with(':')) {
                return (i + 1, l.len() - t.len() + 1);
            }
        }
        // A flow mapping on the key's own line: point at the child inside it.
        if let Some(c) = lines[top].find(&format!("{child}:")) {
            return (top + 1, lines[top][..c].chars().count() + 1);
        }
    }
    (top + 1, key.chars().count() + 3)
}

/// The `n`-th (0-based) line at which `child:` is written under `key:`.
fn nth_child_line(text: &str, key: &str, child: &str, n: usize) -> (usize, usize) {
    let lines: Vec<&str> = text.lines().collect();
    let Some(top) = top_key(&lines, key) else {
        return (1, 1);
    };
    let mut seen = 0;
    for (i, l) in lines.iter().enumerate().skip(top + 1) {
        if !l.starts_with([' ', '\t']) && !l.trim().is_empty() {
            break;
        }
        let t = l.trim_start().trim_start_matches(['"', '\'']);
        if t.strip_prefix(child)
            .is_some_and(|r| r.trim_start_matches(['"', '\'']).starts_with(':'))
        {
            if seen == n {
                return (i + 1, l.len() - l.trim_start().len() + 1);
            }
            seen += 1;
        }
    }
    (top + 1, 1)
}

/// Site-wide facts indicators are checked against.
pub struct Checks<'a> {
    /// The district names `site.toml` lists (empty: not checked).
    pub districts: &'a [String],
}

/// Loads every indicator of `files` (the `content/` files). Ids are file stems
/// unless given; diagnostics for every problem found.
pub fn load_all(
    files: &[SourceFile],
    checks: &Checks<'_>,
    diags: &mut Diagnostics,
) -> Vec<Indicator> {
    let prefix = format!("{DIR}/");
    let mut csvs: BTreeMap<&str, &SourceFile> = BTreeMap::new();
    for f in files.iter().filter(|f| {
        f.rel.starts_with(&prefix)
            && (f.rel.ends_with(".csv") || f.rel.ends_with(".xlsx"))
            && !denominator::is_denominator(&f.rel)
    }) {
        let stem = f.rel.trim_end_matches(".csv").trim_end_matches(".xlsx");
        if let Some(other) = csvs.insert(stem, f) {
            diags.push(
                Diagnostic::error(
                    &f.path,
                    format!(
                        "this indicator already has a data file: {}",
                        crate::diag::display_path(&other.path)
                    ),
                )
                .hint("keep one data file per indicator: the .csv or the .xlsx"),
            );
        }
    }
    let dens = denominator::load_all(files, checks, diags);
    let mut out: Vec<Indicator> = Vec::new();
    let mut ids: BTreeMap<String, PathBuf> = BTreeMap::new();
    for f in files.iter().filter(|f| {
        f.rel.starts_with(&prefix)
            && (f.rel.ends_with(".yaml") || f.rel.ends_with(".yml"))
            && !denominator::is_denominator(&f.rel)
    }) {
        let stem = f.rel.trim_end_matches(".yaml").trim_end_matches(".yml");
        let csv = csvs.get(stem).copied();
        if let Some(ind) = load_one(f, csv, checks, &dens, diags) {
            if let Some(other) = ids.get(&ind.id) {
                diags.push(
                    Diagnostic::error(
                        &f.path,
                        format!(
                            "indicator id `{}` is also used by {}",
                            ind.id,
                            crate::diag::display_path(other)
                        ),
                    )
                    .hint("give each indicator its own id"),
                );
                continue;
            }
            ids.insert(ind.id.clone(), f.path.clone());
            out.push(ind);
        }
    }
    for (stem, f) in &csvs {
        if !files
            .iter()
            .any(|y| y.rel == format!("{stem}.yaml") || y.rel == format!("{stem}.yml"))
        {
            diags.push(
                Diagnostic::error(&f.path, "this data file has no YAML file beside it").hint(
                    format!(
                        "add {}.yaml with at least title, domain and unit",
                        stem.rsplit('/').next().unwrap_or(stem)
                    ),
                ),
            );
        }
    }
    out.sort_by(|a, b| a.id.cmp(&b.id));
    out
}

/// A YAML file's text: UTF-8 (a BOM dropped), LF line ends.
fn read_text(f: &SourceFile, diags: &mut Diagnostics) -> Option<String> {
    match std::str::from_utf8(&f.bytes) {
        Ok(t) => Some(
            t.strip_prefix('\u{feff}')
                .unwrap_or(t)
                .replace("\r\n", "\n"),
        ),
        Err(e) => {
            diags.push(
                Diagnostic::error(
                    &f.path,
                    format!(
                        "the file is not UTF-8 text (byte {} cannot be read)",
                        e.valid_up_to() + 1
                    ),
                )
                .hint("save the file as UTF-8"),
            );
            None
        }
    }
}

fn load_one(
    f: &SourceFile,
    csv: Option<&SourceFile>,
    checks: &Checks<'_>,
    dens: &denominator::Denominators,
    diags: &mut Diagnostics,
) -> Option<Indicator> {
    let path = &f.path;
    let text = read_text(f, diags)?;
    let raw: RawIndicator = match yaml::from_str(&text) {
        Ok(r) => r,
        Err(e) => {
            let (line, col) = e.location.unwrap_or((1, 1));
            let hint = if e.message.contains("unknown field") {
                "check the spelling of the key; the known keys are listed above"
            } else if e.message.contains("missing field") {
                "every indicator needs at least title, domain and unit"
            } else if e.message.contains("expected f64") || e.message.contains("a number") {
                "write numbers without units or thousands separators, e.g. 34.1"
            } else {
                "check quotes, brackets and indentation on this line and the one above"
            };
            diags.push(
                Diagnostic::error(path, e.message)
                    .at(&text, line, col)
                    .hint(hint),
            );
            return None;
        }
    };
    let stem = f
        .rel
        .rsplit('/')
        .next()
        .unwrap_or(&f.rel)
        .trim_end_matches(".yaml")
        .trim_end_matches(".yml");
    let id = raw.id.clone().unwrap_or_else(|| stem.to_string());
    let mut ok = true;
    let at = |key: &str, child: Option<&str>, msg: String, hint: &str| {
        let (line, col) = yaml_line(&text, key, child);
        Diagnostic::error(path, msg)
            .at(&text, line, col)
            .hint(hint.to_string())
    };
    if id.is_empty()
        || !id
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
    {
        {
            diags.push(at(
                "id",
                None,
                format!("indicator id `{id}` may only contain letters, digits, `-` and `_`"),
                "rename the file or set `id:`, e.g. id: elderly-health-checks",
            ));
            ok = false;
        }
    }
    let domain = match raw.domain.as_deref().map(str::trim) {
        None => {
            {
                diags.push(at(
                    "title",
                    None,
                    "the indicator has no domain".into(),
                    "add `domain:` with one of the 13 service domains, e.g. domain: 老有所养",
                ));
                ok = false;
            }
            0
        }
        Some(d) => match DOMAINS.iter().position(|x| x.name == d || x.slug == d) {
            Some(i) => i,
            None => {
                let names: Vec<&str> = DOMAINS.iter().map(|d| d.name).collect();
                {
                    diags.push(at(
                        "domain",
                        None,
                        format!("`{d}` is not one of the 13 service domains"),
                        &format!("use one of: {}", names.join("、")),
                    ));
                    ok = false;
                }
                0
            }
        },
    };
    let yaml_unit = raw
        .unit
        .as_deref()
        .map(str::trim)
        .filter(|u| !u.is_empty())
        .map(String::from);
    let (mut series, mut districts, mut breakdown_period) =
        yaml_values(&raw, &text, path, checks, &mut ok, diags);
    let target = match raw.target {
        Some(t) => {
            match t.year {
                Some(year) if !bounds::year_ok(year) || !bounds::value_ok(t.value) => {
                    diags.push(at(
                        "target",
                        None,
                        bounds::message(year, t.value),
                        bounds::HINT,
                    ));
                    ok = false;
                    None
                }
                Some(year) => Some(Target {
                    value: t.value,
                    year,
                    by: t.by,
                    sample: t.sample,
                }),
                None => {
                    {
                        diags.push(at("target", None, "the target has no year".into(), "write the year the target is for, e.g. target: {value: 36, year: 2025}"));
                        ok = false;
                    }
                    None
                }
            }
        }
        None => None,
    };

    let mut districts_sample = raw.districts_sample || raw.sample;
    let mut breakdown_label = "区县".to_string();
    let mut csv_path = None;
    let mut file = None;
    let mut data_failed = false;
    if let Some(csv) = csv {
        if raw.series.is_some() {
            diags.push(at(
                "series",
                None,
                format!(
                    "the series is given both here and in {}",
                    crate::diag::display_path(&csv.path)
                ),
                "keep the yearly values in one place: remove `series:` or the CSV",
            ));
            ok = false;
        }
        let opts = raw.csv.unwrap_or_default();
        file = read_data(csv, &opts, raw.sample, checks, diags);
        data_failed = file.is_none();
        ok &= !data_failed;
        csv_path = Some(csv.path.clone());
    }
    let (data, meta, source_data) = match file {
        Some((d, m, s)) => (d, m, Some(std::sync::Arc::new(s))),
        None => (select::CsvData::default(), table::Meta::default(), None),
    };
    if source_data.is_some() {
        series = data.series;
        if !data.breakdown.is_empty() {
            districts = data.breakdown;
            breakdown_period = data.breakdown_period;
            breakdown_label = data.breakdown_label;
            districts_sample |= data.breakdown_sample;
        }
    }
    let mut footnotes = data.footnotes;
    footnotes.extend(meta.notes);
    let data_unit = data.unit.or(meta.unit);
    if let Some(url) = raw.source_url.as_deref() {
        if let Err(refused) = crate::text::url::check(url) {
            diags.push(at(
                "source_url",
                None,
                format!("source_url: {refused}"),
                "link the publisher's page with its full address, e.g. source_url: https://tjj.zhenjiang.gov.cn/",
            ));
            ok = false;
        }
    }
    let unit = match yaml_unit.or(data_unit) {
        Some(u) => u,
        // The data file's own error says enough: its unit could not be read.
        None if data_failed => String::new(),
        None => {
            diags.push(at(
                "title",
                None,
                "the indicator has no unit".into(),
                "add `unit:`, e.g. unit: 万人 (or %, 家, 户)",
            ));
            ok = false;
            String::new()
        }
    };
    let rates = match &raw.denominator {
        None => None,
        Some(r) => {
            let city = breakdown_period
                .as_ref()
                .and_then(|y| series.iter().find(|p| p.period == *y))
                .map(|p| p.value);
            let ask = denominator::Ask {
                id: &id,
                unit: &unit,
                districts: &districts,
                breakdown_label: &breakdown_label,
                period: breakdown_period.as_ref(),
                city,
                path,
                text: &text,
            };
            match denominator::rates(r, &ask, dens, diags) {
                Ok(r) => r,
                Err(d) => {
                    diags.push(d);
                    ok = false;
                    None
                }
            }
        }
    };
    if !ok {
        return None;
    }
    if data.no_data {
        let csv = csv_path.as_deref().unwrap_or(path);
        diags.push(
            Diagnostic::warning(csv, "the data file has no data yet: the page says 暂无数据")
                .hint("add rows with values when they are published"),
        );
    }
    series.sort_by(|a, b| a.period.cmp_time(&b.period));
    let decimals = raw.decimals.unwrap_or_else(|| {
        let all = series
            .iter()
            .map(|p| p.value)
            .chain(districts.iter().map(|d| d.1))
            .chain(target.iter().map(|t| t.value));
        all.map(|v| {
            let s = format!("{v}");
            s.split_once('.').map_or(0, |(_, f)| f.len().min(3) as u8)
        })
        .max()
        .unwrap_or(0)
    });
    let status = status::compute(
        &series,
        target.as_ref(),
        raw.direction,
        &unit,
        decimals.max(1),
    );
    Some(Indicator {
        id,
        question: raw.question.unwrap_or_else(|| raw.title.clone()),
        title: raw.title,
        domain,
        unit,
        direction: raw.direction,
        decimals,
        target,
        rank: raw.rank,
        source: raw.source.or(meta.source).unwrap_or_default(),
        source_url: raw.source_url,
        notes: raw.notes.unwrap_or_default(),
        sample: raw.sample,
        series,
        lines: data.lines,
        districts_sample,
        districts,
        history: data.history,
        breakdown_period,
        shows: data.shows,
        head_name: data.head_name,
        unit_note: data.unit_note,
        footnotes,
        left_out: data.left_out,
        no_data: data.no_data,
        source_data,
        breakdown_label,
        path: path.clone(),
        csv_path,
        status,
        rates,
    })
}

/// The values written in the YAML itself: `series` and `districts`, each checked.
fn yaml_values(
    raw: &RawIndicator,
    text: &str,
    path: &std::path::Path,
    checks: &Checks<'_>,
    ok: &mut bool,
    diags: &mut Diagnostics,
) -> (Vec<Point>, Vec<(String, f64)>, Option<Period>) {
    let mut series: Vec<Point> = Vec::new();
    let mut districts: Vec<(String, f64)> = Vec::new();
    let mut breakdown_period = raw.districts_year.map(Period::year);
    if let Some(entries) = &raw.series {
        let labels: Vec<String> = entries.0.iter().map(|(k, _)| k.label()).collect();
        let cells: Vec<&str> = labels.iter().map(String::as_str).collect();
        let amb = period::read_column(&cells, period::Ambiguous::Auto);
        let mut seen = BTreeMap::new();
        for ((key, p), label) in entries.0.iter().zip(&labels) {
            let n = seen.entry(label.clone()).or_insert(0usize);
            let (line, col) = nth_child_line(text, "series", label, *n);
            let at = |msg: String, hint: &str| {
                Diagnostic::error(path, msg)
                    .at(text, line, col)
                    .hint(hint.to_string())
            };
            let period = match key {
                SeriesKey::Year(y) => Some(Period::year(*y)),
                SeriesKey::Label(s) => period::parse(s, amb),
            };
            let Some(period) = period else {
                diags.push(at(format!("`{label}` is not a period"), period::HINT));
                *ok = false;
                continue;
            };
            if *n > 0 {
                let what = if period.whole_year { "year" } else { "period" };
                diags.push(at(
                    format!("{what} {label} is given twice"),
                    "keep one value per year",
                ));
                *ok = false;
            }
            if !bounds::year_ok(period.year) || !bounds::value_ok(p.value) {
                diags.push(at(bounds::message(period.year, p.value), bounds::HINT));
                *ok = false;
            }
            *n += 1;
            series.push(Point {
                period,
                value: p.value,
                sample: p.sample || raw.sample,
                mark: None,
            });
        }
    }
    if let Some(entries) = &raw.districts {
        let mut seen = std::collections::BTreeSet::new();
        for (name, v) in &entries.0 {
            let (line, col) = nth_child_line(text, "districts", name, 0);
            if !seen.insert(name.clone()) {
                let (line, col) = nth_child_line(text, "districts", name, 1);
                diags.push(
                    Diagnostic::error(path, format!("district {name} is given twice"))
                        .at(text, line, col)
                        .hint("keep one value per district"),
                );
                *ok = false;
            } else if !bounds::value_ok(*v) {
                diags.push(
                    Diagnostic::error(path, bounds::message(bounds::PLAIN_YEAR, *v))
                        .at(text, line, col)
                        .hint(bounds::HINT),
                );
                *ok = false;
            } else if !checks.districts.is_empty() && !checks.districts.iter().any(|d| d == name) {
                diags.push(
                    Diagnostic::error(path, format!("`{name}` is not a district of this site"))
                        .at(text, line, col)
                        .hint(format!(
                            "use one of: {} (the list is `districts` in site.toml)",
                            checks.districts.join("、")
                        )),
                );
                *ok = false;
            }

            districts.push((name.clone(), *v));
        }
        if breakdown_period.is_none() && !districts.is_empty() {
            breakdown_period = series.iter().map(|p| p.period.year).max().map(Period::year);
        }
    }
    (series, districts, breakdown_period)
}

/// Reads the data file beside an indicator: decoded, its table read, its rows selected.
fn read_data(
    f: &SourceFile,
    opts: &CsvOptions,
    sample: bool,
    checks: &Checks<'_>,
    diags: &mut Diagnostics,
) -> Option<(select::CsvData, table::Meta, SourceData)> {
    let text = if f.rel.ends_with(".xlsx") {
        xlsx::to_csv(&f.path, &f.bytes, opts.sheet.as_deref(), diags)?
    } else {
        table::decode(&f.path, &f.bytes, diags)?
    };
    let mut problems = table::Problems::default();
    let mut t = table::read(text, &mut problems);
    if problems.any() {
        problems.emit(&f.path, &t.text, diags);
        return None;
    }
    let data = select::select(&t, opts, sample, checks, &f.path, diags)?;
    let source = SourceData {
        headers: std::mem::take(&mut t.headers),
        rows: t.rows.drain(..).map(|r| r.cells).collect(),
    };
    Some((data, std::mem::take(&mut t.meta), source))
}
