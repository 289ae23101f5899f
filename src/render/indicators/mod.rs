//! Indicators on the site: `indicator` blocks embedded in Markdown, the views of
//! the dashboard and of each indicator's page, and the downloads (CSV and JSON of
//! each indicator, one CSV of all). Charts come from the [`ChartCache`].

use serde::{Deserialize, Serialize};

use crate::chart::{ChartCache, ChartKind};
use crate::indicator::lines::yaml_line;
use crate::indicator::{Indicator, StatusKind};
pub(crate) use crate::render::indicator_tables::{history_html, table_html};
pub(crate) use downloads::downloads;

mod downloads;
use crate::render::markdown::{root_prefix, EmbedError, EmbedHtml};
use crate::site::Site;
use crate::t;
use crate::text::escape::html as esc;

/// The URL path of an indicator's page.
pub(crate) fn page_path(id: &str) -> String {
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

/// A chart with its caption and data table, as one `<figure>`; `None` when the
/// data cannot make that kind of chart.
pub(crate) fn figure_html(
    cache: &ChartCache,
    ind: &Indicator,
    kind: ChartKind,
    chart_id: &str,
    caption: Option<&str>,
) -> Option<String> {
    let chart = cache.get(ind, kind)?;
    let caption = caption.map_or_else(|| chart.title.clone(), str::to_string);
    let shows = if ind.shows.is_empty() || kind == ChartKind::Progress {
        String::new()
    } else {
        format!(
            "<p class=\"chart-shows\">下图为：{}</p>\n",
            esc(&ind.shows.join("、"))
        )
    };
    Some(format!(
        "<figure class=\"indicator-figure\">\n<figcaption>{}</figcaption>\n{shows}<div class=\"chart-box\">{}</div>\n<p class=\"chart-desc\">{}</p>\n<div class=\"table-wrap\" role=\"region\" aria-label=\"{}的数据\" tabindex=\"0\">{}</div>\n</figure>\n",
        esc(&caption),
        chart.instance(chart_id),
        esc(&chart.desc),
        esc(&ind.title),
        table_html(ind, kind)
    ))
}

/// Renders an `indicator` block of a page at `page_path`.
pub(crate) fn embed(
    site: &Site,
    cache: &ChartCache,
    from_path: &str,
    yaml: &str,
    n: usize,
) -> Result<EmbedHtml, EmbedError> {
    let spec: EmbedSpec = crate::parse::yaml::from_str(yaml).map_err(|e| {
        let (line, col) = e.location.unwrap_or((1, 1));
        let (message, hint) = crate::msg::data_words::explain(
            &e.message,
            ("指标块（```indicator）", "the indicator block"),
        );
        let (hint_zh, hint_en) = (hint.zh(), hint.en());
        EmbedError {
            message,
            line,
            col,
            hint: t!(
                "{hint_zh}。指标块里每项一行，例如：id: elderly-care（指标编号），chart: line（图的样式：line、bars、progress 或 sparkline），caption: 图的标题",
                "{hint_en}; write the block as lines: id: <indicator id>, chart: line|bars|progress|sparkline, caption: <text>"
            ),
        }
    })?;
    if let Some((line, col, name)) = crate::parse::forbidden_escape(yaml) {
        return Err(EmbedError {
            message: crate::msg::keyboard::escaped_control_here(&name),
            line,
            col,
            hint: crate::msg::keyboard::escaped_control_hint(),
        });
    }
    let Some(ind) = site.indicator(&spec.id) else {
        if site.indicator_failed(&spec.id) {
            // Its file's errors are reported there; the build fails on them.
            return Ok(EmbedHtml {
                html: String::new(),
                indicator: spec.id,
            });
        }
        return Err(unknown_indicator(site, yaml, &spec.id));
    };
    let kind_name = spec.chart.as_deref().unwrap_or("line");
    let Some(kind) = ChartKind::parse(kind_name) else {
        let (line, col) = yaml_line(yaml, "chart", None);
        return Err(EmbedError {
            message: t!(
                "没有“{kind_name}”这种图",
                "`{kind_name}` is not a kind of chart"
            ),
            line,
            col,
            hint: t!(
                "chart: 后面写 line（折线图）、bars（各区县柱状图）、progress（目标进度）或 sparkline（小折线）",
                "use line, bars, progress or sparkline"
            ),
        });
    };
    let id = format!("c{n}-{}-{}", ind.id, kind.name());
    let Some(figure) = figure_html(cache, ind, kind, &id, spec.caption.as_deref()) else {
        let (line, col) = yaml_line(yaml, "chart", None);
        let (why_zh, why_en) = match kind {
            ChartKind::Bars => ("没有各区县的数值", "has no district values"),
            ChartKind::Progress => ("没有目标（target）", "has no target"),
            _ => ("没有数值", "has no values"),
        };
        let id = &ind.id;
        return Err(EmbedError {
            message: t!(
                "指标“{id}”{why_zh}，画不出 {kind_name} 图",
                "indicator `{id}` {why_en}, so it cannot be drawn as {kind_name}"
            ),
            line,
            col,
            hint: t!(
                "换一种图（chart:），或在指标文件里补上数据",
                "choose another chart, or add the data to the indicator's file"
            ),
        });
    };
    let root = root_prefix(from_path);
    let html = format!(
        "<div class=\"indicator-embed status-{}\">\n{figure}<p class=\"indicator-link\"><span class=\"status-badge status-{}\"><span aria-hidden=\"true\">{}</span> {}</span> <a href=\"{root}{}\">关于这项指标：{}</a></p>\n</div>\n",
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

/// `id:` of an indicator block names no indicator: say which was likely meant.
fn unknown_indicator(site: &Site, yaml: &str, id: &str) -> EmbedError {
    let (line, col) = yaml_line(yaml, "id", None);
    let known: Vec<&str> = site.indicators.iter().map(|i| i.id.as_str()).collect();
    let hint = if let Some(near) = crate::text::suggest::closest(id, known.iter().copied()) {
        t!(
            "是不是要写“{near}”？指标编号就是 content/indicators/ 里文件的名字（不带 .yaml）",
            "did you mean `{near}`? An indicator's id is its file name in content/indicators/ without .yaml"
        )
    } else if known.is_empty() {
        t!(
            "指标是 content/indicators/ 里的文件；现在还没有任何指标",
            "indicators are the files in content/indicators/; known ids: (none)"
        )
    } else {
        let (zh, en) = (known.join("、"), known.join(", "));
        t!(
            "指标是 content/indicators/ 里的文件；现有的指标编号：{zh}",
            "indicators are the files in content/indicators/; known ids: {en}"
        )
    };
    EmbedError {
        message: t!("没有编号为“{id}”的指标", "there is no indicator `{id}`"),
        line,
        col,
        hint,
    }
}

/// An indicator as cards and lists show it.
#[derive(Debug, Clone, Serialize, Hash)]
pub(crate) struct IndicatorSummary {
    id: String,
    title: String,
    question: String,
    path: String,
    domain: String,
    domain_path: String,
    latest: Option<String>,
    latest_year: Option<String>,
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
    let of = r.of.map(|n| format!("（共{n}个）")).unwrap_or_default();
    let year = r.year.map(|y| format!("{y}年")).unwrap_or_default();
    Some(format!("{year}{scope}第{}{of}", r.position))
}

/// The summary of indicator `ind`.
pub(crate) fn summary(cache: &ChartCache, ind: &Indicator) -> IndicatorSummary {
    IndicatorSummary {
        id: ind.id.clone(),
        title: ind.title.clone(),
        question: ind.question.clone(),
        path: page_path(&ind.id),
        domain: ind.domain().name.into(),
        domain_path: format!("domains/{}/", ind.domain().slug),
        latest: ind.latest().map(|p| ind.show(p.value)),
        latest_year: ind.latest().map(|p| p.period.zh()),
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
pub(crate) struct Dashboard {
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
pub(crate) fn dashboard(
    site: &Site,
    cache: &ChartCache,
    summaries: &[IndicatorSummary],
) -> Dashboard {
    let count = |k: StatusKind| {
        site.indicators
            .iter()
            .filter(|i| i.status.kind == k)
            .count()
    };
    let mut domains = Vec::new();
    for (d, dom) in crate::domains::DOMAINS.iter().enumerate() {
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
pub(crate) struct IndicatorPage {
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
    source_csv: Option<String>,
    json: String,
    districts_sample: bool,
    all_sample: bool,
    footnotes: Vec<String>,
    no_data: bool,
}

/// The view of indicator page `ind`.
pub(crate) fn page(
    cache: &ChartCache,
    ind: &Indicator,
    summary: &IndicatorSummary,
) -> IndicatorPage {
    let mut figures: Vec<String> = [ChartKind::Line, ChartKind::Progress, ChartKind::Bars]
        .into_iter()
        .filter_map(|k| figure_html(cache, ind, k, &format!("{}-{}", ind.id, k.name()), None))
        .collect();
    figures.extend(history_html(ind));
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
        source_csv: ind
            .source_data
            .as_ref()
            .map(|_| format!("{}-source.csv", ind.id)),
        json: format!("{}.json", ind.id),
        districts_sample: ind.districts_sample,
        all_sample: ind.sample,
        footnotes: ind.footnotes.clone(),
        no_data: ind.no_data,
    }
}
