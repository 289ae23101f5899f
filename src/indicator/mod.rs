//! Indicators: one YAML file per indicator in `content/indicators/`, optionally with
//! a tidy CSV of the same stem beside it (our `year,value[,district]` layout, or the
//! `Year,Units,…,Value` layout statistical reporting platforms publish). PARSE and
//! validate them ([`load`]), with `path:line:col` for YAML and `path:row:col` for
//! CSV; the status comes from [`status::compute`]. This file holds the model the
//! rest of the site reads.

mod bounds;
mod cells;
pub(crate) mod columns;
pub(crate) mod denominator;
mod id;
pub(crate) mod lines;
mod load;
mod obs;
pub(crate) mod period;
mod select;
pub(crate) mod status;
mod table;
mod trim;
mod words;
mod xlsx;
mod yaml_values;

use std::path::PathBuf;

use serde::Serialize;

use crate::domains::DOMAINS;
use crate::parse::indicator::{CsvOptions, Entries};
pub use crate::parse::indicator::{Direction, Rank};
pub use denominator::{Rate, Rates};
use lines::yaml_line;
pub use load::load_all;
use load::read_text;
pub use period::Period;
pub use status::{Status, StatusKind};

/// The folder of `content/` that holds indicators.
pub const DIR: &str = "indicators";

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
    /// Rows of the data file the selection left out, and why (one line per
    /// column), in both languages: said by `check`, not shown on pages.
    #[serde(skip)]
    pub left_out: Vec<crate::msg::Text>,
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
    /// Formats a value with this indicator's unit and exactly its decimals, as
    /// tables and chart labels show every value alike (`5.0` beside `3.9`).
    pub fn show_fixed(&self, v: f64) -> String {
        status::with_unit_fixed(v, &self.unit, self.decimals)
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

/// Site-wide facts indicators are checked against.
pub struct Checks<'a> {
    /// The district names `site.toml` lists (empty: not checked).
    pub districts: &'a [String],
    /// The same names as a set, made at the first question: a file of many
    /// districts against a long list asked each name of every entry.
    known: std::sync::OnceLock<ahash::HashSet<&'a str>>,
}

impl<'a> Checks<'a> {
    /// The checks of a site listing `districts`.
    pub fn new(districts: &'a [String]) -> Self {
        Checks {
            districts,
            known: std::sync::OnceLock::new(),
        }
    }

    /// True when `name` is none of the listed districts (and there is a list).
    pub(crate) fn unknown_district(&self, name: &str) -> bool {
        !self.districts.is_empty()
            && !(self.known)
                .get_or_init(|| self.districts.iter().map(String::as_str).collect())
                .contains(name)
    }
}
