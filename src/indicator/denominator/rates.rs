//! Dividing an indicator's district values by a denominator: the checks (the
//! denominator exists, the indicator is a count by district, the years match,
//! every district has a figure) and the arithmetic.

use super::{
    is_ratio, parse_per, split_unit, Denominator, DenominatorRef, Denominators, Figures, Rate,
    Rates, CITY, SCALES, SUBDIR,
};
use crate::diag::{display_path, Diagnostic, Diagnostics};
use crate::indicator::lines::{yaml_line, YamlFile};
use crate::msg::Text;
use crate::t;
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
fn at(r: &DenominatorRef, ask: &Ask<'_>, child: Option<&str>, msg: Text, hint: Text) -> Diagnostic {
    let file = YamlFile {
        path: ask.path,
        text: ask.text,
    };
    file.at("denominator", child.filter(|_| r.mapping), msg, hint)
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
            Diagnostic::warning(
                ask.path,
                t!(
                    "写了分母（denominator:），但这个指标没有各区县的数值，没有可除的",
                    "`denominator:` has nothing to divide: the indicator has no district values"
                ),
            )
            .at(ask.text, line, 1)
            .hint(t!(
                "加上各区县的数值（districts:，或数据文件里的区县一列），或者删掉 denominator:",
                "add district values (districts: or a district column in the data file), or remove `denominator:`"
            )),
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
        let id = &r.id;
        let hint = if known.is_empty() {
            t!(
                "分母是 content/indicators/{SUBDIR}/ 里的文件：新建 content/indicators/{SUBDIR}/{id}.yaml，写上 title、unit、year 和 districts",
                "denominators are the files in content/indicators/{SUBDIR}/; add content/indicators/{SUBDIR}/{id}.yaml with title, unit, year and districts"
            )
        } else {
            let (zh, en) = (known.join("、"), known.join(", "));
            t!(
                "分母是 content/indicators/{SUBDIR}/ 里的文件；现有的分母编号：{zh}",
                "denominators are the files in content/indicators/{SUBDIR}/; known ids: {en}"
            )
        };
        return Err(at(
            r,
            ask,
            Some("id"),
            t!("没有编号为“{id}”的分母", "there is no denominator `{id}`"),
            hint,
        ));
    };
    if is_ratio(ask.unit) {
        return Err(at(
            r,
            ask,
            None,
            {
                let unit = ask.unit;
                t!(
                    "这个指标本身已经是比率（{unit}），不用再除以分母",
                    "this indicator is a rate already ({unit}): there is nothing to divide"
                )
            },
            t!(
                "删掉 denominator: 这一项；分母只用来除“万人”“家”这样的数量",
                "remove `denominator:`; a denominator divides counts such as 万人 or 家"
            ),
        ));
    }
    if ask.breakdown_label != "区县" {
        return Err(at(
            r,
            ask,
            None,
            {
                let by = ask.breakdown_label;
                t!(
                    "这个指标按“{by}”分组，不是按区县：分母只能用来除各区县的数值",
                    "the breakdown is by {by}, not by district: a denominator divides district values"
                )
            },
            t!("删掉 denominator: 这一项", "remove `denominator:`"),
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
                t!(
                    "“per: {s}”不能用作比率的基数",
                    "`per: {s}` is not a scale a rate can be given per"
                ),
                t!(
                    "写 per: 100（每百人）、1000（每千人）、10000（每万人）或 100000（每十万人）",
                    "write per: 100 (每百人), 1000 (每千人), 10000 (每万人) or 100000 (每十万人)"
                ),
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
    let (id, title) = (&den.id, &den.title);
    let (have_zh, have_en) = (have.join("、"), have.join(", "));
    let (msg, hint) = match r.year {
        Some(y) => (
            t!(
                "分母“{id}”（{title}）没有 {y} 年的数",
                "`{id}` ({title}) has no figures for {y}"
            ),
            t!(
                "它有这些年份的数：{have_zh}；year: 后面写其中一年",
                "it has figures for {have_en}: write one of these years after year:"
            ),
        ),
        None => {
            let file = display_path(&den.add_at.path);
            (
                t!(
                    "分母“{id}”（{title}）只有 {have_zh} 年的数，没有本指标各区县数值所在的 {year} 年",
                    "`{id}` ({title}) has figures for {have_en}, not for {year}, the year of this indicator's district values"
                ),
                t!(
                    "把 {year} 年的数加到 {file} 里；或者写 denominator: {{id: {id}, year: {last}}}，有意用 {last} 年的数来除（页面上会注明）",
                    "add the {year} figures to {file}, or write denominator: {{id: {id}, year: {last}}} to divide by the {last} figures on purpose (the page then says so)"
                ),
            )
        }
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
    let (id, title, unit) = (&den.id, &den.title, &den.unit);
    let hint = if p.data_file {
        t!(
            "每个区县加一行，例如 {year},{first},<{title}，单位{unit}>",
            "add a row for each, e.g. {year},{first},<{title} in {unit}>"
        )
    } else {
        t!(
            "在 districts: 下面每个区县加一行，例如   {first}: <{title}，单位{unit}>",
            "add a line for each under districts:, e.g.   {first}: <{title} in {unit}>"
        )
    };
    let names = missing.join("、");
    Diagnostic::error(
        &p.path,
        t!(
            "分母“{id}”没有 {names} {year} 年的数，而指标“{ind}”有这些区县的数值",
            "`{id}` has no {year} figure for {names}, which indicator `{ind}` gives a value for"
        ),
    )
    .at(&p.text, p.line, p.col)
    .hint(hint)
}
