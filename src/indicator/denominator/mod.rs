//! Denominators: per-district counts such as 常住人口 or 户数 that indicators divide
//! by, so that districts are compared by rate ("每万人949人") rather than by
//! headcount, where a populous district always has the bigger number.
//!
//! One file per denominator in `content/indicators/denominators/` (the id is the
//! file name), one year written in the YAML itself or many in a data file of the
//! same name beside it (`.csv` or `.xlsx`, read like an indicator's). An
//! indicator names one with `denominator: population` (or
//! `denominator: {id: population, per: 10000, year: 2021}`).

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::Serialize;

mod load;
mod rates;
pub(crate) use crate::parse::indicator::DenominatorRef;
pub(crate) use load::{is_denominator, load_all};
pub(crate) use rates::{rates, Ask};

/// The name of the city's row in rates and messages.
pub(crate) const CITY: &str = "全市";

/// The folder under `content/indicators/` that holds denominators.
pub(crate) const SUBDIR: &str = "denominators";

/// The scales a rate may be given per, with their words.
const SCALES: &[(u32, &str)] = &[(100, "百"), (1000, "千"), (10000, "万"), (100000, "十万")];

/// Unit prefixes that multiply: `万人` counts ten thousands of 人.
const MULTIPLIERS: &[(&str, f64)] = &[
    ("十万", 1e5),
    ("百万", 1e6),
    ("千万", 1e7),
    ("亿", 1e8),
    ("万", 1e4),
    ("千", 1e3),
    ("百", 1e2),
];

/// A unit split into its multiplier and what it counts: `万人` → (10000, `人`).
pub(crate) fn split_unit(unit: &str) -> (f64, &str) {
    let unit = unit.trim();
    for (prefix, m) in MULTIPLIERS {
        if let Some(rest) = unit.strip_prefix(prefix) {
            return (*m, rest);
        }
    }
    (1.0, unit)
}

/// Whether a unit is a rate already (a percentage or per mille).
pub(crate) fn is_ratio(unit: &str) -> bool {
    unit.contains('%') || unit.contains('‰') || unit.to_ascii_lowercase().contains("percent")
}

/// How a comparison by count is said: 按人数, 按户数, or 按总数.
pub(crate) fn count_words(unit: &str) -> &'static str {
    let (_, base) = split_unit(unit);
    if base.contains('户') {
        "按户数"
    } else if base.contains('人') || base.is_empty() {
        "按人数"
    } else {
        "按总数"
    }
}

/// A per-district count that indicators divide by.
#[derive(Debug, Clone)]
pub(crate) struct Denominator {
    /// The file name without extension.
    pub id: String,
    /// What it counts, e.g. 常住人口.
    pub title: String,
    /// Its unit, e.g. 万人.
    pub unit: String,
    /// Every figure is illustrative.
    pub sample: bool,
    /// Where the figures come from.
    pub source: String,
    /// Figures by year.
    pub years: BTreeMap<i32, Figures>,
    /// Where a missing district's figure is to be written.
    add_at: Place,
}

/// One year's figures.
#[derive(Debug, Clone, Default)]
pub(crate) struct Figures {
    /// By district.
    pub districts: Vec<(String, f64)>,
    /// The whole city, when given.
    pub city: Option<f64>,
    /// Some figure of this year is illustrative.
    pub sample: bool,
}

/// A place in a file, for messages.
#[derive(Debug, Clone)]
struct Place {
    path: PathBuf,
    text: String,
    line: usize,
    col: usize,
    /// A data file (add a row) rather than the YAML (add a line).
    data_file: bool,
}

/// The denominators of a site.
#[derive(Debug, Clone, Default)]
pub(crate) struct Denominators {
    /// Those read without error, by id.
    pub by_id: BTreeMap<String, Denominator>,
    /// The ids of those whose file has errors (already reported): an
    /// indicator naming one is not told again that it does not exist.
    pub failed: std::collections::BTreeSet<String>,
}

impl Denominators {
    /// The denominator `id`, if it was read without error.
    pub(crate) fn get(&self, id: &str) -> Option<&Denominator> {
        self.by_id.get(id)
    }
    /// The ids of those read without error.
    pub(crate) fn keys(&self) -> impl Iterator<Item = &String> {
        self.by_id.keys()
    }
    /// Whether `id`'s file had errors.
    pub(crate) fn failed(&self, id: &str) -> bool {
        self.failed.contains(id)
    }
}

/// The rates of an indicator's district values.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Rates {
    /// The denominator's id.
    pub id: String,
    /// What was divided by, e.g. 常住人口.
    pub of: String,
    /// The denominator's unit, e.g. 万人.
    pub of_unit: String,
    /// Per how many, e.g. 10000.
    pub per: u32,
    /// The rate in words, e.g. 每万人.
    pub words: String,
    /// What a rate counts, e.g. 人.
    pub unit: String,
    /// The year of the denominator's figures.
    pub year: i32,
    /// Decimals shown.
    pub decimals: u8,
    /// The denominator's figures are illustrative.
    pub sample: bool,
    /// Where the denominator's figures come from.
    pub source: String,
    /// Each district's rate, in the order of the indicator's district values.
    pub districts: Vec<Rate>,
    /// The city's, when both its value and its denominator are known.
    pub city: Option<Rate>,
}

/// One district's (or the city's) rate.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Rate {
    /// The district.
    pub name: String,
    /// The indicator's value (the count).
    pub count: f64,
    /// The denominator's figure.
    pub base: f64,
    /// The rate: count per `per` of the denominator.
    pub value: f64,
}

impl Rates {
    /// A rate with its unit: `949人`.
    pub fn show(&self, v: f64) -> String {
        super::status::with_unit(v, &self.unit, self.decimals)
    }
    /// A rate with its unit and exactly its decimals, as chart labels show it.
    pub fn show_fixed(&self, v: f64) -> String {
        super::status::with_unit_fixed(v, &self.unit, self.decimals)
    }
    /// A rate in words: `每万人949人`.
    pub fn say(&self, v: f64) -> String {
        format!("{}{}", self.words, self.show(v))
    }
    /// The unit of a rate as a CSV column states it: `人/万人`.
    pub fn unit_per(&self) -> String {
        format!("{}/{}", self.unit, self.words.trim_start_matches('每'))
    }
    /// The rate of district `name`.
    pub fn of_district(&self, name: &str) -> Option<&Rate> {
        self.districts.iter().find(|r| r.name == name)
    }
}

/// The scale `per:` names: `10000`, `万`, `每万人`.
fn parse_per(s: &str) -> Option<u32> {
    let word = s.trim_start_matches('每').trim_end_matches(['人', '户']);
    SCALES
        .iter()
        .find(|(n, w)| word == *w || word.parse::<u32>().ok() == Some(*n))
        .map(|(n, _)| *n)
}

#[cfg(test)]
mod tests;
