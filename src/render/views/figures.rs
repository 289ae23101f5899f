//! Indicator figures on pages: the report card (`indicators/`), each
//! indicator's page, the home page's glance and the latest figures a guide shows.

use serde::Serialize;

use super::Views;
use crate::chart::ChartCache;
use crate::render::ctx::{Keyed, Sink};
use crate::render::indicators;
use crate::site::Site;

/// The city at a glance (home page).
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Glance {
    total: usize,
    with_target: usize,
    reached: usize,
    on_track: usize,
    needs_attention: usize,
    other: usize,
    sample_targets: usize,
    figures: Vec<LatestFigure>,
}

/// An indicator's latest figure with a link to its page: what a guide's "已经有
/// 多少人用上了" and the home page's glance show.
#[derive(Debug, Clone, Serialize)]
pub(super) struct LatestFigure {
    title: String,
    question: String,
    value: String,
    year: String,
    path: String,
    sample: bool,
}

/// The latest figures of the indicators `ids` names (unknown ids and indicators
/// without data are left out).
pub(super) fn latest_figures(site: &Site, ids: &[String]) -> Vec<LatestFigure> {
    ids.iter()
        .filter_map(|id| site.indicator(id))
        .filter_map(|ind| {
            let last = ind.latest()?;
            Some(LatestFigure {
                title: ind.title.clone(),
                question: ind.question.clone(),
                value: ind.show(last.value),
                year: last.period.zh(),
                path: indicators::page_path(&ind.id),
                sample: last.sample,
            })
        })
        .collect()
}

impl<'a> Views<'a> {
    /// `indicators/`: the report card.
    pub(crate) fn dashboard<S: Sink>(&self, cache: &ChartCache, ctx: &mut S) -> (String, &'a str) {
        let path = "indicators/".to_string();
        self.base_context(&path, ctx);
        ctx.put(
            "dashboard",
            &indicators::dashboard(self.site_data, cache, &self.indicators),
        );
        let intro = self.site_data.indicators_intro.as_ref();
        ctx.put(
            "title",
            &intro
                .and_then(|(_, _, fm)| fm.title.clone())
                .unwrap_or_else(|| "民生指标".into()),
        );
        let intro = self.intro.map_or(Keyed::new("", 0), |r| {
            Keyed::new(r.1.html.as_str(), r.1.html_key)
        });
        ctx.put("intro", &intro);
        (path, "indicators.html")
    }

    /// `indicators/<id>/`.
    pub(crate) fn indicator<S: Sink>(
        &self,
        cache: &ChartCache,
        i: usize,
        ctx: &mut S,
    ) -> (String, &'a str) {
        let ind = &self.site_data.indicators[i];
        let path = indicators::page_path(&ind.id);
        self.base_context(&path, ctx);
        ctx.put(
            "indicator",
            &indicators::page(cache, ind, &self.indicators[i]),
        );
        ctx.put("related", &self.summaries_of(&self.related[i]));
        (path, "indicator.html")
    }

    /// The city at a glance, for the home page: how many indicators reached their
    /// target, are on track or need attention, and the figures `glance` in
    /// site.toml names.
    pub(crate) fn glance(&self) -> Glance {
        use crate::indicator::status::StatusKind;
        let site = self.site_data;
        let inds = &site.indicators;
        let count = |k: StatusKind| inds.iter().filter(|i| i.status.kind == k).count();
        Glance {
            total: inds.len(),
            with_target: inds.iter().filter(|i| i.target.is_some()).count(),
            reached: count(StatusKind::Reached),
            on_track: count(StatusKind::OnTrack),
            needs_attention: count(StatusKind::NeedsAttention),
            other: count(StatusKind::NotEnoughData) + count(StatusKind::NoTarget),
            sample_targets: inds
                .iter()
                .filter(|i| i.target.as_ref().is_some_and(|t| t.sample || i.sample))
                .count(),
            figures: latest_figures(site, &site.config.glance),
        }
    }
}
