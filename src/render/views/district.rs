//! The district pages: `districts/` and, for each district, every indicator's
//! latest value there beside the city's and the other districts', compared by
//! rate when the indicator names a denominator.

use serde::Serialize;

use super::Views;
use crate::render::ctx::Sink;
use crate::render::indicators;

/// One indicator on a district's page.
#[derive(Debug, Clone, Serialize)]
struct DistrictRow {
    title: String,
    question: String,
    path: String,
    year: Option<String>,
    /// The district's value (a count when `rate` is given).
    value: String,
    /// The district's rate in words ("每万人949人"), with a denominator.
    rate: Option<String>,
    city: Option<String>,
    /// The city's rate in words, when the denominator gives the city.
    city_rate: Option<String>,
    city_year: Option<String>,
    /// "7个区县中第2高".
    place: String,
    /// Compared by rate (a denominator), ratio (a percentage) or count.
    basis: crate::indicator::Basis,
    /// 按人数, 按户数 or 按总数.
    count_words: &'static str,
    /// What the rate divides by (常住人口), its words (每万人) and year.
    of: Option<String>,
    rate_words: Option<String>,
    rate_year: Option<i32>,
    /// The denominator's figures are illustrative.
    rate_sample: bool,
    sample: bool,
    /// Every district's value, highest first; `this` marks the page's district.
    all: Vec<DistrictValue>,
}

#[derive(Debug, Clone, Serialize)]
struct DistrictValue {
    name: String,
    value: String,
    /// The count beside a rate.
    count: Option<String>,
    this: bool,
    /// Width of its bar, 0–100.
    share: u32,
}

fn district_row(ind: &crate::indicator::Indicator, name: &str) -> Option<DistrictRow> {
    let (_, count) = ind.districts.iter().find(|(x, _)| x == name)?;
    let mut all = ind.compared();
    all.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let max = all.first().map_or(0.0, |x| x.1).max(f64::MIN_POSITIVE);
    let pos = all.iter().position(|(x, _)| x == name).unwrap_or(0) + 1;
    let rates = ind.rates.as_ref();
    let mine = rates.and_then(|r| r.of_district(name));
    let city_rate = rates.and_then(|r| r.city.as_ref().map(|c| (r, c)));
    let latest = ind.latest();
    Some(DistrictRow {
        title: ind.title.clone(),
        question: ind.question.clone(),
        path: indicators::page_path(&ind.id),
        year: ind.breakdown_period.as_ref().map(|p| p.zh()),
        value: ind.show(*count),
        rate: rates.zip(mine).map(|(r, d)| r.say(d.value)),
        city: match city_rate {
            Some((_, c)) => Some(ind.show(c.count)),
            None => latest.map(|p| ind.show(p.value)),
        },
        city_rate: city_rate.map(|(r, c)| r.say(c.value)),
        city_year: match city_rate {
            Some(_) => ind.breakdown_period.as_ref().map(|p| p.zh()),
            None => latest.map(|p| p.period.zh()),
        },
        place: format!("{}个{}中第{}高", all.len(), ind.breakdown_label, pos),
        basis: ind.basis(),
        count_words: crate::indicator::denominator::count_words(&ind.unit),
        of: rates.map(|r| r.of.clone()),
        rate_words: rates.map(|r| r.words.clone()),
        rate_year: rates.map(|r| r.year),
        rate_sample: rates.is_some_and(|r| r.sample),
        sample: ind.districts_sample || ind.sample,
        all: all
            .iter()
            .map(|(x, v)| DistrictValue {
                name: x.clone(),
                // The table shows every value with the indicator's decimals.
                value: match rates {
                    Some(r) => r.show_fixed(*v),
                    None => ind.show_fixed(*v),
                },
                count: rates
                    .and_then(|r| r.of_district(x))
                    .map(|d| ind.show_fixed(d.count)),
                this: x == name,
                share: ((v / max) * 100.0).round().clamp(0.0, 100.0) as u32,
            })
            .collect(),
    })
}

impl<'a> Views<'a> {
    /// `districts/`: the districts, each with how many indicators name it.
    pub(crate) fn district_index<S: Sink>(&self, ctx: &mut S) -> (String, &'a str) {
        let path = "districts/".to_string();
        self.base_context(&path, ctx);
        let site = self.site_data;
        let list: Vec<(String, usize)> = site
            .config
            .districts
            .iter()
            .map(|d| {
                let n = site
                    .indicators
                    .iter()
                    .filter(|i| i.districts.iter().any(|(x, _)| x == d))
                    .count();
                (d.clone(), n)
            })
            .collect();
        ctx.put("districts", &list);
        (path, "districts.html")
    }

    /// `districts/<name>/`: every indicator's latest value for the district, next
    /// to the city's and the other districts'.
    pub(crate) fn district<S: Sink>(&self, d: usize, ctx: &mut S) -> (String, &'a str) {
        let site = self.site_data;
        let name = &site.config.districts[d];
        let path = format!("districts/{name}/");
        self.base_context(&path, ctx);
        let rows: Vec<DistrictRow> = site
            .indicators
            .iter()
            .filter_map(|ind| district_row(ind, name))
            .collect();
        ctx.put("district", name);
        ctx.put("rows", &rows);
        (path, "district.html")
    }
}
