//! The values written in an indicator's YAML itself (`series:` and
//! `districts:`), each checked where it is written.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use super::lines::Children;
use super::{bounds, period, words, Checks, Period, Point};
use crate::diag::{Diagnostic, Diagnostics, Locator};
use crate::msg::Text;
use crate::parse::indicator::{RawIndicator, SeriesKey};
use crate::t;

/// The values written in the YAML itself: `series` and `districts`, each checked.
pub(super) fn yaml_values(
    raw: &RawIndicator,
    text: &str,
    path: &Path,
    checks: &Checks<'_>,
    ok: &mut bool,
    diags: &mut Diagnostics,
) -> (Vec<Point>, Vec<(String, f64)>, Option<Period>) {
    let series = series(raw, text, path, ok, diags);
    let districts = districts(raw, text, path, checks, ok, diags);
    let mut breakdown_period = raw.districts_year.map(Period::year);
    if raw.districts.is_some() && breakdown_period.is_none() && !districts.is_empty() {
        breakdown_period = series.iter().map(|p| p.period.year).max().map(Period::year);
    }
    (series, districts, breakdown_period)
}

/// `series:`: each key a period (read as one column, so `2003-05` is decided
/// for all), no period twice, values in bounds.
fn series(
    raw: &RawIndicator,
    text: &str,
    path: &Path,
    ok: &mut bool,
    diags: &mut Diagnostics,
) -> Vec<Point> {
    let mut series: Vec<Point> = Vec::new();
    let Some(entries) = &raw.series else {
        return series;
    };
    let labels: Vec<String> = entries.0.iter().map(|(k, _)| k.label()).collect();
    let cells: Vec<&str> = labels.iter().map(String::as_str).collect();
    let amb = period::read_column(&cells, period::Ambiguous::Auto);
    let mut seen = BTreeMap::new();
    let (places, loc) = (Children::new(text, "series"), Locator::new(text));
    for ((key, p), label) in entries.0.iter().zip(&labels) {
        let n = seen.entry(label.clone()).or_insert(0usize);
        let (line, col) = places.nth(label, *n);
        let at = |msg: Text, hint: Text| {
            (Diagnostic::error(path, msg))
                .at_in(&loc, line, col)
                .hint(hint)
        };
        let period = match key {
            SeriesKey::Year(y) => Some(Period::year(*y)),
            SeriesKey::Label(s) => period::parse(s, amb),
        };
        let Some(period) = period else {
            diags.push(at(words::not_a_period(label), period::hint()));
            *ok = false;
            continue;
        };
        if *n > 0 {
            let message = if period.whole_year {
                t!("{label} 年写了两次", "year {label} is given twice")
            } else {
                t!("时期 {label} 写了两次", "period {label} is given twice")
            };
            diags.push(at(
                message,
                t!(
                    "每年（每个时期）只写一个数值，删掉多余的一行",
                    "keep one value per year"
                ),
            ));
            *ok = false;
        }
        if !bounds::year_ok(period.year) || !bounds::value_ok(p.value) {
            diags.push(at(bounds::message(period.year, p.value), bounds::hint()));
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
    series
}

/// `districts:`: no district twice, values in bounds, names from site.toml.
fn districts(
    raw: &RawIndicator,
    text: &str,
    path: &Path,
    checks: &Checks<'_>,
    ok: &mut bool,
    diags: &mut Diagnostics,
) -> Vec<(String, f64)> {
    let mut districts: Vec<(String, f64)> = Vec::new();
    let Some(entries) = &raw.districts else {
        return districts;
    };
    let mut seen = BTreeSet::new();
    let (places, loc) = (Children::new(text, "districts"), Locator::new(text));
    for (name, v) in &entries.0 {
        let (line, col) = places.nth(name, 0);
        if !seen.insert(name.clone()) {
            let (line, col) = places.nth(name, 1);
            diags.push(
                Diagnostic::error(path, words::district_twice(name))
                    .at_in(&loc, line, col)
                    .hint(words::one_per_district()),
            );
            *ok = false;
        } else if !bounds::value_ok(*v) {
            diags.push(
                Diagnostic::error(path, bounds::message(bounds::PLAIN_YEAR, *v))
                    .at_in(&loc, line, col)
                    .hint(bounds::hint()),
            );
            *ok = false;
        } else if checks.unknown_district(name) {
            let (message, hint) = words::not_a_district(name, checks.districts);
            diags.push(
                Diagnostic::error(path, message)
                    .at_in(&loc, line, col)
                    .hint(hint),
            );
            *ok = false;
        }
        districts.push((name.clone(), *v));
    }
    districts
}
