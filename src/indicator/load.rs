//! Loading indicators: every YAML file of `content/indicators/` with the data
//! file beside it, checked field by field, each problem a located diagnostic.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

use super::lines::YamlFile;
use super::yaml_values::yaml_values;
use super::{
    bounds, denominator, select, status, table, xlsx, Checks, Indicator, Period, Point, SourceData,
    Target, DIR,
};
use crate::diag::{Diagnostic, Diagnostics};
use crate::domains::DOMAINS;
use crate::parse::indicator::{parse, CsvOptions, RawIndicator};
use crate::source::SourceFile;
use crate::t;

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
            diags.push({
                let other = crate::diag::display_path(&other.path);
                Diagnostic::error(
                    &f.path,
                    t!(
                        "这个指标已经有一个数据文件了：{other}",
                        "this indicator already has a data file: {other}"
                    ),
                )
                .hint(t!(
                    "每个指标只留一个数据文件：.csv 或 .xlsx，删掉另一个",
                    "keep one data file per indicator: the .csv or the .xlsx"
                ))
            });
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
                let (id, other) = (&ind.id, crate::diag::display_path(other));
                diags.push(
                    Diagnostic::error(
                        &f.path,
                        t!(
                            "指标编号“{id}”已经被 {other} 用了",
                            "indicator id `{id}` is also used by {other}"
                        ),
                    )
                    .hint(t!(
                        "每个指标的编号要不同：改文件名，或在指标文件里写 id: 另一个编号",
                        "give each indicator its own id"
                    )),
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
            let name = stem.rsplit('/').next().unwrap_or(stem);
            diags.push(
                Diagnostic::error(
                    &f.path,
                    t!(
                        "这个数据文件旁边没有指标文件（.yaml）",
                        "this data file has no YAML file beside it"
                    ),
                )
                .hint(t!(
                    "在同一个文件夹里新建 {name}.yaml，至少写 title（名称）、domain（领域）和 unit（单位）",
                    "add {name}.yaml with at least title, domain and unit"
                )),
            );
        }
    }
    out.sort_by(|a, b| a.id.cmp(&b.id));
    out
}

/// A YAML file's text: UTF-8 (a BOM dropped), LF line ends.
pub(super) fn read_text(f: &SourceFile, diags: &mut Diagnostics) -> Option<String> {
    match std::str::from_utf8(&f.bytes) {
        Ok(t) => Some(
            t.strip_prefix('\u{feff}')
                .unwrap_or(t)
                .replace("\r\n", "\n"),
        ),
        Err(e) => {
            diags.push({
                let byte = e.valid_up_to() + 1;
                Diagnostic::error(
                    &f.path,
                    t!(
                        "这个文件不是 UTF-8 编码（第 {byte} 个字节读不出来）",
                        "the file is not UTF-8 text (byte {byte} cannot be read)"
                    ),
                )
                .hint(t!(
                    "用“另存为”把文件存成 UTF-8 编码（记事本、WPS 都在“编码”一栏里选）",
                    "save the file as UTF-8"
                ))
            });
            None
        }
    }
}

/// The index of the domain into [`DOMAINS`] (by name or slug).
fn domain_of(
    raw: &RawIndicator,
    file: &YamlFile<'_>,
    ok: &mut bool,
    diags: &mut Diagnostics,
) -> usize {
    let Some(d) = raw.domain.as_deref().map(str::trim) else {
        diags.push(file.at(
            "title",
            None,
            t!(
                "这个指标没有写领域（domain）",
                "the indicator has no domain"
            ),
            t!(
                "加一行 domain:，写 13 个民生领域之一，例如 domain: 老有所养",
                "add `domain:` with one of the 13 service domains, e.g. domain: 老有所养"
            ),
        ));
        *ok = false;
        return 0;
    };
    match DOMAINS.iter().position(|x| x.name == d || x.slug == d) {
        Some(i) => i,
        None => {
            let names = DOMAINS
                .iter()
                .map(|d| d.name)
                .collect::<Vec<_>>()
                .join("、");
            diags.push(file.at(
                "domain",
                None,
                t!(
                    "“{d}”不是 13 个民生领域之一",
                    "`{d}` is not one of the 13 service domains"
                ),
                t!("写其中一个：{names}", "use one of: {names}"),
            ));
            *ok = false;
            0
        }
    }
}

/// The target, with its year and value in bounds.
fn target_of(
    raw: &RawIndicator,
    file: &YamlFile<'_>,
    ok: &mut bool,
    diags: &mut Diagnostics,
) -> Option<Target> {
    let t = raw.target.as_ref()?;
    match t.year {
        Some(year) if !bounds::year_ok(year) || !bounds::value_ok(t.value) => {
            diags.push(file.at(
                "target",
                None,
                bounds::message(year, t.value),
                bounds::hint(),
            ));
            *ok = false;
            None
        }
        Some(year) => Some(Target {
            value: t.value,
            year,
            by: t.by.clone(),
            sample: t.sample,
        }),
        None => {
            diags.push(file.at(
                "target",
                None,
                t!("目标（target）没有写年份", "the target has no year"),
                t!(
                    "写上目标是哪一年的，例如 target: {{value: 36, year: 2025}}",
                    "write the year the target is for, e.g. target: {{value: 36, year: 2025}}"
                ),
            ));
            *ok = false;
            None
        }
    }
}

/// The values shown: from the YAML, replaced by the data file's when there is one.
struct Values {
    series: Vec<Point>,
    districts: Vec<(String, f64)>,
    breakdown_period: Option<Period>,
    breakdown_label: String,
    districts_sample: bool,
}

/// What the data file beside the YAML gave (all empty without one).
struct DataFile {
    data: select::CsvData,
    meta: table::Meta,
    source_data: Option<Arc<SourceData>>,
    csv_path: Option<PathBuf>,
    /// The data file could not be read (its own errors say why).
    failed: bool,
}

/// Reads the data file beside the YAML, if any, and takes its values.
fn data_file(
    raw: &RawIndicator,
    csv: Option<&SourceFile>,
    file: &YamlFile<'_>,
    checks: &Checks<'_>,
    values: &mut Values,
    ok: &mut bool,
    diags: &mut Diagnostics,
) -> DataFile {
    let mut out = DataFile {
        data: select::CsvData::default(),
        meta: table::Meta::default(),
        source_data: None,
        csv_path: None,
        failed: false,
    };
    let Some(csv) = csv else { return out };
    if raw.series.is_some() {
        let other = crate::diag::display_path(&csv.path);
        diags.push(file.at(
            "series",
            None,
            t!(
                "逐年的数值在这里（series:）和 {other} 里都写了",
                "the series is given both here and in {other}"
            ),
            t!(
                "数值只写在一个地方：删掉 series: 这一段，或者删掉数据文件",
                "keep the yearly values in one place: remove `series:` or the CSV"
            ),
        ));
        *ok = false;
    }
    let default = CsvOptions::default();
    let opts = raw.csv.as_ref().unwrap_or(&default);
    out.csv_path = Some(csv.path.clone());
    let Some((d, m, s)) = read_data(csv, opts, raw.sample, checks, diags) else {
        out.failed = true;
        *ok = false;
        return out;
    };
    out.meta = m;
    out.source_data = Some(Arc::new(s));
    out.data = d;
    values.series = std::mem::take(&mut out.data.series);
    if !out.data.breakdown.is_empty() {
        values.districts = std::mem::take(&mut out.data.breakdown);
        values.breakdown_period = out.data.breakdown_period.take();
        values.breakdown_label = std::mem::take(&mut out.data.breakdown_label);
        values.districts_sample |= out.data.breakdown_sample;
    }
    out
}

/// The unit: the YAML's, else the data file's (the value column's header
/// first: `数值（万人）`); an error when neither gives one (unless the data file
/// failed, whose own error says enough), or when the YAML's and the header's
/// differ.
fn unit_of(
    raw: &RawIndicator,
    data: &mut DataFile,
    file: &YamlFile<'_>,
    ok: &mut bool,
    diags: &mut Diagnostics,
) -> String {
    let yaml_unit = raw
        .unit
        .as_deref()
        .map(str::trim)
        .filter(|u| !u.is_empty())
        .map(String::from);
    let header = data.data.value_unit.take();
    if let (Some(yaml), Some((unit, column))) = (&yaml_unit, &header) {
        if super::columns::unit_text(yaml) != *unit {
            diags.push(file.at(
                "unit",
                None,
                t!(
                    "这里写的单位是“{yaml}”，但数据文件的数值列“{column}”写的单位是“{unit}”",
                    "the unit here is `{yaml}`, but the data file's value column `{column}` says `{unit}`"
                ),
                t!(
                    "两处写成同一个单位：数据里的数是按哪个单位记的，就写哪个（也可以删掉这一行 unit:，用表头里的单位）",
                    "make them the same unit, the one the numbers are counted in (or remove unit: here to use the header's)"
                ),
            ));
            *ok = false;
        }
    }
    match yaml_unit
        .or(header.map(|(unit, _)| unit))
        .or(data.data.unit.take())
        .or(data.meta.unit.take())
    {
        Some(u) => u,
        None if data.failed => String::new(),
        None => {
            diags.push(file.at(
                "title",
                None,
                t!("这个指标没有写单位（unit）", "the indicator has no unit"),
                t!(
                    "加一行 unit:，例如 unit: 万人（或 %、家、户）",
                    "add `unit:`, e.g. unit: 万人 (or %, 家, 户)"
                ),
            ));
            *ok = false;
            String::new()
        }
    }
}

/// The rates of the district values, when `denominator:` is given; `Err` when
/// they cannot be computed, with the error to report (none when the
/// denominator's own file has errors, reported already).
fn rates_of(
    raw: &RawIndicator,
    id: &str,
    unit: &str,
    values: &Values,
    file: &YamlFile<'_>,
    dens: &denominator::Denominators,
    diags: &mut Diagnostics,
) -> Result<Option<denominator::Rates>, Option<Diagnostic>> {
    let Some(r) = raw.denominator.as_ref() else {
        return Ok(None);
    };
    if dens.failed(r.id()) {
        return Err(None);
    }
    let city = values
        .breakdown_period
        .as_ref()
        .and_then(|y| values.series.iter().find(|p| p.period == *y))
        .map(|p| p.value);
    let ask = denominator::Ask {
        id,
        unit,
        districts: &values.districts,
        breakdown_label: &values.breakdown_label,
        period: values.breakdown_period.as_ref(),
        city,
        path: file.path,
        text: file.text,
    };
    denominator::rates(r, &ask, dens, diags).map_err(Some)
}

/// `source_url:` must pass the site's URL policy.
fn check_source_url(
    raw: &RawIndicator,
    file: &YamlFile<'_>,
    ok: &mut bool,
    diags: &mut Diagnostics,
) {
    if let Some(url) = raw.source_url.as_deref() {
        if let Err(refused) = crate::text::url::check(url) {
            let refused = refused.message();
            let (zh, en) = (refused.zh(), refused.en());
            diags.push(file.at(
                "source_url",
                None,
                t!("source_url（来源网址）：{zh}", "source_url: {en}"),
                t!(
                    "写发布单位网页的完整地址，例如 source_url: https://tjj.zhenjiang.gov.cn/",
                    "link the publisher's page with its full address, e.g. source_url: https://tjj.zhenjiang.gov.cn/"
                ),
            ));
            *ok = false;
        }
    }
}

/// Decimals shown: `decimals:`, else the most any value is written with (at most 3).
fn decimals_of(raw: &RawIndicator, values: &Values, target: Option<&Target>) -> u8 {
    raw.decimals.unwrap_or_else(|| {
        let all = values
            .series
            .iter()
            .map(|p| p.value)
            .chain(values.districts.iter().map(|d| d.1))
            .chain(target.iter().map(|t| t.value));
        all.map(|v| {
            let s = format!("{v}");
            s.split_once('.').map_or(0, |(_, f)| f.len().min(3) as u8)
        })
        .max()
        .unwrap_or(0)
    })
}

fn load_one(
    f: &SourceFile,
    csv: Option<&SourceFile>,
    checks: &Checks<'_>,
    dens: &denominator::Denominators,
    diags: &mut Diagnostics,
) -> Option<Indicator> {
    let text = read_text(f, diags)?;
    let file = YamlFile {
        path: &f.path,
        text: &text,
    };
    let raw = parse(file.path, file.text, diags)?;
    let mut ok = true;
    let id = super::id::id_of(f, &raw, &file, &mut ok, diags);
    let domain = domain_of(&raw, &file, &mut ok, diags);
    let (series, districts, breakdown_period) =
        yaml_values(&raw, &text, &f.path, checks, &mut ok, diags);
    let mut values = Values {
        series,
        districts,
        breakdown_period,
        breakdown_label: "区县".to_string(),
        districts_sample: raw.districts_sample || raw.sample,
    };
    let target = target_of(&raw, &file, &mut ok, diags);
    let mut data = data_file(&raw, csv, &file, checks, &mut values, &mut ok, diags);
    check_source_url(&raw, &file, &mut ok, diags);
    let unit = unit_of(&raw, &mut data, &file, &mut ok, diags);
    let rates = match rates_of(&raw, &id, &unit, &values, &file, dens, diags) {
        Ok(r) => r,
        Err(d) => {
            diags.extend(d);
            ok = false;
            None
        }
    };
    if !ok {
        return None;
    }
    if data.data.no_data {
        no_data_yet(data.csv_path.as_deref().unwrap_or(&f.path), diags);
    }
    values.series.sort_by(|a, b| a.period.cmp_time(&b.period));
    let decimals = decimals_of(&raw, &values, target.as_ref());
    let status = status::compute(
        &values.series,
        target.as_ref(),
        raw.direction,
        &unit,
        decimals.max(1),
    );
    let mut footnotes = data.data.footnotes;
    footnotes.extend(data.meta.notes);
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
        source: raw.source.or(data.meta.source).unwrap_or_default(),
        source_url: raw.source_url,
        notes: raw.notes.unwrap_or_default(),
        sample: raw.sample,
        series: values.series,
        lines: data.data.lines,
        districts_sample: values.districts_sample,
        districts: values.districts,
        history: data.data.history,
        breakdown_period: values.breakdown_period,
        shows: data.data.shows,
        head_name: data.data.head_name,
        unit_note: data.data.unit_note,
        footnotes,
        left_out: data.data.left_out,
        no_data: data.data.no_data,
        source_data: data.source_data,
        breakdown_label: values.breakdown_label,
        path: f.path.clone(),
        csv_path: data.csv_path,
        status,
        rates,
    })
}

/// A data file with its header but no rows yet: fine, the page says so.
fn no_data_yet(csv: &std::path::Path, diags: &mut Diagnostics) {
    diags.push(
        Diagnostic::warning(
            csv,
            t!(
                "数据文件里还没有数据：页面上会显示“暂无数据”",
                "the data file has no data yet: the page says 暂无数据"
            ),
        )
        .hint(t!(
            "数据公布后，把数值一行一行加进去",
            "add rows with values when they are published"
        )),
    );
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
    let mut data = select::select(&t, opts, sample, checks, &f.path, diags)?;
    super::trim::newest(&mut data, &f.path, diags);
    let source = SourceData {
        headers: std::mem::take(&mut t.headers),
        rows: t.rows.drain(..).map(|r| r.cells).collect(),
    };
    Some((data, std::mem::take(&mut t.meta), source))
}
