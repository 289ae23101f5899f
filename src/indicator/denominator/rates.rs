//! Dividing an indicator's district values by a denominator: the checks (the
//! denominator exists, the indicator is a count by district, the years match,
//! every district has a figure) and the arithmetic.

use super::{
    is_ratio, parse_per, split_unit, Denominator, DenominatorRef, Denominators, Figures, Rate,
    Rates, CITY, SCALES, SUBDIR,
};
use crate::diag::{display_path, Diagnostic, Diagnostics};
use crate::indicator::lines::{yaml_line, YamlFile};
use std::path::Path;

/// What the indicator asking for rates tells about itself.
pub(crate) struct Ask<'a> {
    /// The indicator's id.
    pub id: &'a str,
    /// Its unit.
    pub unit: &'a str,
    /// Its district values.
    pub districts: &'a [(String, f64)],
    /// What the breakdown is by (区县 for districts).
    pub breakdown_label: &'a str,
    /// The period of the district values.
    pub period: Option<&'a crate::indicator::Period>,
    /// The city's value in that period.
    pub city: Option<f64>,
    /// The indicator's YAML file and text.
    pub path: &'a Path,
    /// Its text.
    pub text: &'a str,
}

/// An error at `denominator:` (or at `child:` inside it when written as a mapping).
fn at(
    r: &DenominatorRef,
    ask: &Ask<'_>,
    child: Option<&str>,
    msg: String,
    hint: String,
) -> Diagnostic {
    let file = YamlFile {
        path: ask.path,
        text: ask.text,
    };
    file.at("denominator", child.filter(|_| r.mapping), msg, &hint)
}

/// The rates of `ask`'s district values by the denominator `r` names: the
/// error to report, or `None` (with a warning) when there is nothing to divide.
pub(crate) fn rates(
    r: &DenominatorRef,
    ask: &Ask<'_>,
    dens: &Denominators,
    diags: &mut Diagnostics,
) -> Result<Option<Rates>, Diagnostic> {
    let Some(period) = ask.period.filter(|_| !ask.districts.is_empty()) else {
        let line = yaml_line(ask.text, "denominator", None).0;
        diags.push(
            Diagnostic::warning(ask.path, "`denominator:` has nothing to divide: the indicator has no district values")
                .at(ask.text, line, 1)
                .hint("add district values (districts: or a district column in the data file), or remove `denominator:`"),
        );
        return Ok(None);
    };
    let (den, per) = request(r, ask, dens)?;
    let year = r.year.unwrap_or(period.year);
    let fig = figures(r, ask, den, year)?;
    compute(ask, den, fig, year, per).map(Some)
}

/// The denominator named and the scale asked for, each checked.
fn request<'d>(
    r: &DenominatorRef,
    ask: &Ask<'_>,
    dens: &'d Denominators,
) -> Result<(&'d Denominator, Option<u32>), Diagnostic> {
    let Some(den) = dens.get(&r.id) else {
        let known: Vec<&str> = dens.keys().map(String::as_str).collect();
        let fix = if known.is_empty() {
            format!(
                "add content/indicators/{SUBDIR}/{}.yaml with title, unit, year and districts",
                r.id
            )
        } else {
            format!("known ids: {}", known.join(", "))
        };
        return Err(at(
            r,
            ask,
            Some("id"),
            format!("there is no denominator `{}`", r.id),
            format!("denominators are the files in content/indicators/{SUBDIR}/; {fix}"),
        ));
    };
    if is_ratio(ask.unit) {
        return Err(at(
            r,
            ask,
            None,
            format!(
                "this indicator is a rate already ({}): there is nothing to divide",
                ask.unit
            ),
            "remove `denominator:`; a denominator divides counts such as 万人 or 家".into(),
        ));
    }
    if ask.breakdown_label != "区县" {
        return Err(at(
            r,
            ask,
            None,
            format!(
                "the breakdown is by {}, not by district: a denominator divides district values",
                ask.breakdown_label
            ),
            "remove `denominator:`".into(),
        ));
    }
    match r.per.as_deref() {
        None => Ok((den, None)),
        Some(s) => match parse_per(s) {
            Some(n) => Ok((den, Some(n))),
            None => Err(at(
                r,
                ask,
                Some("per"),
                format!("`per: {s}` is not a scale a rate can be given per"),
                "write per: 100 (每百人), 1000 (每千人), 10000 (每万人) or 100000 (每十万人)"
                    .into(),
            )),
        },
    }
}

/// The denominator's figures of `year`: an error naming the years it has.
fn figures<'d>(
    r: &DenominatorRef,
    ask: &Ask<'_>,
    den: &'d Denominator,
    year: i32,
) -> Result<&'d Figures, Diagnostic> {
    if let Some(fig) = den.years.get(&year) {
        return Ok(fig);
    }
    let have: Vec<String> = den.years.keys().map(|y| y.to_string()).collect();
    let last = have.last().map_or("2022", String::as_str);
    let (msg, hint) = match r.year {
        Some(y) => (
            format!("`{}` ({}) has no figures for {y}", den.id, den.title),
            format!("it has figures for {}: write one of these years after year:", have.join(", ")),
        ),
        None => (
            format!(
                "`{}` ({}) has figures for {}, not for {year}, the year of this indicator's district values",
                den.id,
                den.title,
                have.join(", ")
            ),
            format!(
                "add the {year} figures to {}, or write denominator: {{id: {}, year: {last}}} to divide by the {last} figures on purpose (the page then says so)",
                display_path(&den.add_at.path),
                den.id,
            ),
        ),
    };
    Err(at(r, ask, Some("year"), msg, hint))
}

/// Each district's rate (and the city's), per the scale given or chosen: the
/// smallest of 百, 千, 万, 十万 that makes the highest rate at least 10.
fn compute(
    ask: &Ask<'_>,
    den: &Denominator,
    fig: &Figures,
    year: i32,
    per: Option<u32>,
) -> Result<Rates, Diagnostic> {
    let (im, counted) = split_unit(ask.unit);
    let (dm, den_counted) = split_unit(&den.unit);
    let rate = |name: &str, count: f64, base: f64| Rate {
        name: name.to_string(),
        count,
        base,
        value: count * im / (base * dm),
    };
    let mut out = Vec::new();
    let mut missing = Vec::new();
    for (name, count) in ask.districts {
        match fig.districts.iter().find(|(n, _)| n == name) {
            Some((_, base)) => out.push(rate(name, *count, *base)),
            None => missing.push(name.as_str()),
        }
    }
    if !missing.is_empty() {
        return Err(missing_error(den, year, &missing, ask.id));
    }
    let mut city = ask.city.zip(fig.city).map(|(c, b)| rate(CITY, c, b));
    let top = out.iter().map(|r| r.value).fold(0.0, f64::max);
    let per = per.unwrap_or_else(|| {
        SCALES
            .iter()
            .map(|s| s.0)
            .find(|&n| top * n as f64 >= 10.0)
            .unwrap_or(100000)
    });
    for r in out.iter_mut().chain(city.as_mut()) {
        r.value *= per as f64;
    }
    let top = top * per as f64;
    let decimals = if top >= 100.0 {
        0
    } else if top >= 10.0 {
        1
    } else {
        2
    };
    let word = SCALES.iter().find(|s| s.0 == per).map_or("万", |s| s.1);
    Ok(Rates {
        id: den.id.clone(),
        of: den.title.clone(),
        of_unit: den.unit.clone(),
        per,
        words: format!("每{word}{den_counted}"),
        unit: counted.to_string(),
        year,
        decimals,
        sample: den.sample || fig.sample,
        source: den.source.clone(),
        districts: out,
        city,
    })
}

/// A district of the indicator has no figure in the denominator.
fn missing_error(den: &Denominator, year: i32, missing: &[&str], ind: &str) -> Diagnostic {
    let p = &den.add_at;
    let first = missing[0];
    let hint = if p.data_file {
        format!(
            "add a row for each, e.g. {year},{first},<{} in {}>",
            den.title, den.unit
        )
    } else {
        format!(
            "add a line for each under districts:, e.g.   {first}: <{} in {}>",
            den.title, den.unit
        )
    };
    Diagnostic::error(
        &p.path,
        format!(
            "`{}` has no {year} figure for {}, which indicator `{ind}` gives a value for",
            den.id,
            missing.join("、")
        ),
    )
    .at(&p.text, p.line, p.col)
    .hint(hint)
}
