//! Indicators on the site: `indicator` blocks embedded in Markdown, the views of
//! the dashboard and of each indicator's page, and the downloads (CSV and JSON of
//! each indicator, one CSV of all). Charts come from the [`ChartCache`].

use serde::{Deserialize, Serialize};

use crate::chart::{ChartCache, ChartKind};
use crate::indicator::status::fmt_value;
use crate::indicator::{Indicator, StatusKind};
use crate::render::markdown::{root_prefix, EmbedError, EmbedHtml};
use crate::render::OutputFile;
use crate::site::Site;
use crate::text::escape::html as esc;

/// The URL path of an indicator's page.
pub fn page_path(id: &str) -> String {
    format!("indicators/{id}/")
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct EmbedSpec {
    id: String,
    #[serde(default)]
    chart: Option<String>,
    #[serde(default)]
    caption: Option<String>,
}

/// Line (1-based) and column of `key:` in a block's text.
fn key_pos(text: &str, key: &str) -> (usize, usize) {
    text.lines()
        .position(|l| l.trim_start().starts_with(&format!("{key}:")))
        .map_or((1, 1), |i| {
            let l = text.lines().nth(i).unwrap_or_default();
            (i + 1, l.len() - l.trim_start().len() + key.len() + 3)
        })
}

/// The data table that sits beside a chart: the same numbers, readable without the picture.
pub fn table_html(ind: &Indicator, kind: ChartKind) -> String {
    let mut h = String::new();
    // One row: its header, the value, "(示例)" when illustrative.
    let row = |h: &mut String, class: &str, header: &str, value: f64, sample: bool| {
        let class = if class.is_empty() {
            String::new()
        } else {
            format!(" class=\"{class}\"")
        };
        let mark = if sample {
            "<span class=\"sample-mark\">(示例)</span>"
        } else {
            ""
        };
        h.push_str(&format!(
            "<tr{class}><th scope=\"row\">{}</th><td>{}{mark}</td></tr>\n",
            esc(header),
            fmt_value(value, ind.decimals)
        ));
    };
    match kind {
        ChartKind::Bars => {
            let year = ind
                .breakdown_year
                .map(|y| format!("{y}年"))
                .unwrap_or_default();
            h.push_str(&format!(
                "<table class=\"data-table\"><caption>{}{}(单位:{})</caption>\n<thead><tr><th scope=\"col\">{}</th><th scope=\"col\">数值</th></tr></thead>\n<tbody>\n",
                year,
                esc(&ind.title),
                esc(&ind.unit),
                esc(if ind.breakdown_label.is_empty() { "分组" } else { &ind.breakdown_label })
            ));
            for (name, v) in &ind.districts {
                row(&mut h, "", name, *v, ind.districts_sample);
            }
            if let Some(p) = ind
                .breakdown_year
                .and_then(|y| ind.series.iter().find(|p| p.year == y))
            {
                row(&mut h, "total", "全市", p.value, p.sample);
            }
        }
        ChartKind::Progress => {
            h.push_str(&format!(
                "<table class=\"data-table\"><caption>{}:目前和目标(单位:{})</caption>\n<tbody>\n",
                esc(&ind.title),
                esc(&ind.unit)
            ));
            if let Some(p) = ind.latest() {
                row(&mut h, "", &format!("{}年", p.year), p.value, p.sample);
            }
            if let Some(t) = &ind.target {
                row(
                    &mut h,
                    "",
                    &format!("目标({}年)", t.year),
                    t.value,
                    t.sample,
                );
            }
        }
        ChartKind::Line | ChartKind::Sparkline => {
            h.push_str(&format!(
                "<table class=\"data-table\"><caption>{}(单位:{})</caption>\n<thead><tr><th scope=\"col\">年份</th><th scope=\"col\">数值</th></tr></thead>\n<tbody>\n",
                esc(&ind.title),
                esc(&ind.unit)
            ));
            for p in &ind.series {
                row(&mut h, "", &p.year.to_string(), p.value, p.sample);
            }
            if let Some(t) = &ind.target {
                row(
                    &mut h,
                    "target",
                    &format!("{}年目标", t.year),
                    t.value,
                    t.sample,
                );
            }
        }
    }
    h.push_str("</tbody></table>");
    h
}

/// A chart with its caption and data table, as one `<figure>`; `None` when the
/// data cannot make that kind of chart.
pub fn figure_html(
    cache: &ChartCache,
    ind: &Indicator,
    kind: ChartKind,
    chart_id: &str,
    caption: Option<&str>,
) -> Option<String> {
    let chart = cache.get(ind, kind)?;
    let caption = caption.map_or_else(|| chart.title.clone(), str::to_string);
    Some(format!(
        "<figure class=\"indicator-figure\">\n<figcaption>{}</figcaption>\n<div class=\"chart-box\">{}</div>\n<p class=\"chart-desc\">{}</p>\n<div class=\"table-wrap\" role=\"region\" aria-label=\"{}的数据\" tabindex=\"0\">{}</div>\n</figure>\n",
        esc(&caption),
        chart.instance(chart_id),
        esc(&chart.desc),
        esc(&ind.title),
        table_html(ind, kind)
    ))
}

/// Renders an `indicator` block of a page at `page_path`.
pub fn embed(
    site: &Site,
    cache: &ChartCache,
    from_path: &str,
    yaml: &str,
    n: usize,
) -> Result<EmbedHtml, EmbedError> {
    let spec: EmbedSpec = crate::yaml::from_str(yaml).map_err(|e| {
        let (line, col) = e.location.unwrap_or((1, 1));
        EmbedError {
            message: format!("indicator block: {}", e.message),
            line,
            col,
            hint: "write the block as YAML lines: id: <indicator id>, chart: line|bars|progress|sparkline, caption: <text>".into(),
        }
    })?;
    let Some(ind) = site.indicator(&spec.id) else {
        let (line, col) = key_pos(yaml, "id");
        let known: Vec<&str> = site.indicators.iter().map(|i| i.id.as_str()).collect();
        return Err(EmbedError {
            message: format!("there is no indicator `{}`", spec.id),
            line,
            col,
            hint: format!(
                "indicators are the files in content/indicators/; known ids: {}",
                if known.is_empty() {
                    "(none)".into()
                } else {
                    known.join(", ")
                }
            ),
        });
    };
    let kind_name = spec.chart.as_deref().unwrap_or("line");
    let Some(kind) = ChartKind::parse(kind_name) else {
        let (line, col) = key_pos(yaml, "chart");
        return Err(EmbedError {
            message: format!("`{kind_name}` is not a kind of chart"),
            line,
            col,
            hint: "use line, bars, progress or sparkline".into(),
        });
    };
    let id = format!("c{n}-{}-{}", ind.id, kind.name());
    let Some(figure) = figure_html(cache, ind, kind, &id, spec.caption.as_deref()) else {
        let (line, col) = key_pos(yaml, "chart");
        let why = match kind {
            ChartKind::Bars => "has no district values",
            ChartKind::Progress => "has no target",
            _ => "has no values",
        };
        return Err(EmbedError {
            message: format!(
                "indicator `{}` {why}, so it cannot be drawn as {kind_name}",
                ind.id
            ),
            line,
            col,
            hint: "choose another chart, or add the data to the indicator's file".into(),
        });
    };
    let root = root_prefix(from_path);
    let html = format!(
        "<div class=\"indicator-embed status-{}\">\n{figure}<p class=\"indicator-link\"><span class=\"status-badge status-{}\"><span aria-hidden=\"true\">{}</span> {}</span> <a href=\"{root}{}\">关于这项指标:{}</a></p>\n</div>\n",
        ind.status.kind.slug(),
        ind.status.kind.slug(),
        ind.status.kind.symbol(),
        ind.status.kind.label(),
        page_path(&ind.id),
        esc(&ind.title)
    );
    Ok(EmbedHtml {
        html,
        indicator: ind.id.clone(),
    })
}

/// An indicator as cards and lists show it.
#[derive(Debug, Clone, Serialize, Hash)]
pub struct IndicatorSummary {
    id: String,
    title: String,
    question: String,
    path: String,
    domain: String,
    domain_path: String,
    latest: Option<String>,
    latest_year: Option<i32>,
    target: Option<String>,
    status: StatusView,
    rank: Option<String>,
    first_in_scope: bool,
    sample: bool,
    sparkline: Option<String>,
}

#[derive(Debug, Clone, Serialize, Hash)]
struct StatusView {
    kind: String,
    label: &'static str,
    symbol: &'static str,
    reason: String,
}

fn status_view(ind: &Indicator) -> StatusView {
    StatusView {
        kind: ind.status.kind.slug().into(),
        label: ind.status.kind.label(),
        symbol: ind.status.kind.symbol(),
        reason: ind.status.reason.clone(),
    }
}

fn rank_text(ind: &Indicator) -> Option<String> {
    let r = ind.rank.as_ref()?;
    let scope = r.scope.clone().unwrap_or_default();
    let of = r.of.map(|n| format!("(共{n}个)")).unwrap_or_default();
    let year = r.year.map(|y| format!("{y}年")).unwrap_or_default();
    Some(format!("{year}{scope}第{}{of}", r.position))
}

/// The summary of indicator `ind`.
pub fn summary(cache: &ChartCache, ind: &Indicator) -> IndicatorSummary {
    IndicatorSummary {
        id: ind.id.clone(),
        title: ind.title.clone(),
        question: ind.question.clone(),
        path: page_path(&ind.id),
        domain: ind.domain().name.into(),
        domain_path: format!("domains/{}/", ind.domain().slug),
        latest: ind.latest().map(|p| ind.show(p.value)),
        latest_year: ind.latest().map(|p| p.year),
        target: ind
            .target
            .as_ref()
            .map(|t| format!("{}年{}", t.year, ind.show(t.value))),
        status: status_view(ind),
        rank: rank_text(ind),
        first_in_scope: ind.rank.as_ref().is_some_and(|r| r.position == 1),
        sample: ind.has_sample(),
        sparkline: cache
            .get(ind, ChartKind::Sparkline)
            .map(|c| c.instance(&format!("spark-{}", ind.id))),
    }
}

/// What the dashboard shows.
#[derive(Debug, Clone, Serialize)]
pub struct Dashboard {
    total: usize,
    with_target: usize,
    reached: usize,
    on_track: usize,
    needs_attention: usize,
    not_enough_data: usize,
    no_target: usize,
    first_in_scope: usize,
    sample_targets: usize,
    warnings: Vec<IndicatorSummary>,
    domains: Vec<DomainGroup>,
}

#[derive(Debug, Clone, Serialize)]
struct DomainGroup {
    name: String,
    path: String,
    indicators: Vec<IndicatorSummary>,
}

/// The dashboard's view: counts by status, the early-warning list, then by domain.
pub fn dashboard(site: &Site, cache: &ChartCache, summaries: &[IndicatorSummary]) -> Dashboard {
    let count = |k: StatusKind| {
        site.indicators
            .iter()
            .filter(|i| i.status.kind == k)
            .count()
    };
    let mut domains = Vec::new();
    for (d, dom) in crate::site::DOMAINS.iter().enumerate() {
        let list: Vec<IndicatorSummary> = site
            .indicators
            .iter()
            .zip(summaries)
            .filter(|(i, _)| i.domain == d)
            .map(|(_, s)| s.clone())
            .collect();
        if !list.is_empty() {
            domains.push(DomainGroup {
                name: dom.name.into(),
                path: format!("domains/{}/", dom.slug),
                indicators: list,
            });
        }
    }
    Dashboard {
        total: site.indicators.len(),
        with_target: site
            .indicators
            .iter()
            .filter(|i| i.target.is_some())
            .count(),
        reached: count(StatusKind::Reached),
        on_track: count(StatusKind::OnTrack),
        needs_attention: count(StatusKind::NeedsAttention),
        not_enough_data: count(StatusKind::NotEnoughData),
        no_target: count(StatusKind::NoTarget),
        first_in_scope: site
            .indicators
            .iter()
            .filter(|i| i.rank.as_ref().is_some_and(|r| r.position == 1))
            .count(),
        sample_targets: site
            .indicators
            .iter()
            .filter(|i| i.target.as_ref().is_some_and(|t| t.sample || i.sample))
            .count(),
        // Cards of the early-warning list appear again under their domain: their
        // charts need ids of their own.
        warnings: site
            .indicators
            .iter()
            .zip(summaries)
            .filter(|(i, _)| i.status.kind == StatusKind::NeedsAttention)
            .map(|(i, s)| IndicatorSummary {
                sparkline: cache
                    .get(i, ChartKind::Sparkline)
                    .map(|c| c.instance(&format!("spark-warning-{}", i.id))),
                ..s.clone()
            })
            .collect(),
        domains,
    }
}

/// What an indicator's own page shows.
#[derive(Debug, Clone, Serialize)]
pub struct IndicatorPage {
    #[serde(flatten)]
    summary: IndicatorSummary,
    unit: String,
    direction: &'static str,
    source: String,
    source_url: Option<String>,
    notes: String,
    figures: Vec<String>,
    projected: Option<String>,
    csv: String,
    json: String,
    districts_sample: bool,
    all_sample: bool,
}

/// The view of indicator page `ind`.
pub fn page(cache: &ChartCache, ind: &Indicator, summary: &IndicatorSummary) -> IndicatorPage {
    let figures = [ChartKind::Line, ChartKind::Progress, ChartKind::Bars]
        .into_iter()
        .filter_map(|k| figure_html(cache, ind, k, &format!("{}-{}", ind.id, k.name()), None))
        .collect();
    IndicatorPage {
        summary: summary.clone(),
        unit: ind.unit.clone(),
        direction: match ind.direction {
            crate::indicator::Direction::Up => "数值越高越好",
            crate::indicator::Direction::Down => "数值越低越好",
        },
        source: ind.source.clone(),
        source_url: ind.source_url.clone(),
        notes: ind.notes.clone(),
        figures,
        projected: ind.status.projected.map(|p| ind.show(p)),
        csv: format!("{}.csv", ind.id),
        json: format!("{}.json", ind.id),
        districts_sample: ind.districts_sample,
        all_sample: ind.sample,
    }
}

/// A CSV file for download: UTF-8 with a byte-order mark (Excel on Chinese
/// Windows reads it as UTF-8 only then), quoted by the `csv` crate, text cells
/// guarded against formulas.
struct CsvOut(csv::Writer<Vec<u8>>);

impl CsvOut {
    fn new(header: &[&str]) -> CsvOut {
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(b"\xEF\xBB\xBF".to_vec());
        let _ = w.write_record(header);
        CsvOut(w)
    }

    /// One row; `text` says which cells are text (guarded) rather than numbers.
    fn row(&mut self, cells: &[(bool, &str)]) {
        let _ = self.0.write_record(cells.iter().map(|&(text, c)| {
            if text {
                crate::text::escape::csv_text(c).into_owned()
            } else {
                c.to_string()
            }
        }));
    }

    fn bytes(self) -> Vec<u8> {
        self.0.into_inner().unwrap_or_default()
    }
}

/// The downloads: `<id>.csv` and `<id>.json` beside each indicator page, and
/// `indicators/indicators.csv` with one row per indicator.
pub fn downloads(site: &Site) -> Vec<OutputFile> {
    let mut files = Vec::new();
    let mut all = CsvOut::new(&[
        "id",
        "title",
        "domain",
        "unit",
        "latest_year",
        "latest_value",
        "target_year",
        "target_value",
        "status",
        "projected_target_year_value",
        "rank",
        "sample",
    ]);
    for ind in &site.indicators {
        let mut csv = CsvOut::new(&["indicator", "year", "district", "value", "unit", "sample"]);
        for p in &ind.series {
            csv.row(&[
                (true, &ind.id),
                (false, &p.year.to_string()),
                (true, ""),
                (false, &p.value.to_string()),
                (true, &ind.unit),
                (false, &p.sample.to_string()),
            ]);
        }
        let breakdown_year = ind
            .breakdown_year
            .map(|y| y.to_string())
            .unwrap_or_default();
        for (name, v) in &ind.districts {
            csv.row(&[
                (true, &ind.id),
                (false, &breakdown_year),
                (true, name),
                (false, &v.to_string()),
                (true, &ind.unit),
                (false, &ind.districts_sample.to_string()),
            ]);
        }
        let dir = page_path(&ind.id);
        files.push(OutputFile {
            path: format!("{dir}{}.csv", ind.id),
            bytes: csv.bytes().into(),
        });
        #[derive(Serialize)]
        struct Json<'a> {
            #[serde(flatten)]
            ind: &'a Indicator,
            domain: &'static str,
        }
        let json = crate::text::escape::json_for_web(
            serde_json::to_string_pretty(&Json {
                ind,
                domain: ind.domain().name,
            })
            .unwrap_or_default(),
        );
        files.push(OutputFile {
            path: format!("{dir}{}.json", ind.id),
            bytes: (json + "\n").into_bytes().into(),
        });
        let latest = ind.latest();
        let target = ind.target.as_ref();
        all.row(&[
            (true, &ind.id),
            (true, &ind.title),
            (true, ind.domain().name),
            (true, &ind.unit),
            (
                false,
                &latest.map(|p| p.year.to_string()).unwrap_or_default(),
            ),
            (
                false,
                &latest.map(|p| p.value.to_string()).unwrap_or_default(),
            ),
            (
                false,
                &target.map(|t| t.year.to_string()).unwrap_or_default(),
            ),
            (
                false,
                &target.map(|t| t.value.to_string()).unwrap_or_default(),
            ),
            (true, ind.status.kind.slug()),
            (
                false,
                &ind.status
                    .projected
                    .map(|p| fmt_value(p, ind.decimals.max(1)))
                    .unwrap_or_default(),
            ),
            (
                false,
                &ind.rank
                    .as_ref()
                    .map(|r| r.position.to_string())
                    .unwrap_or_default(),
            ),
            (false, &ind.has_sample().to_string()),
        ]);
    }
    if !site.indicators.is_empty() {
        files.push(OutputFile {
            path: "indicators/indicators.csv".into(),
            bytes: all.bytes().into(),
        });
    }
    files
}
