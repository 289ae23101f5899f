//! The downloads of indicators: each one's CSV of every value shown (with rates
//! when it has a denominator), the data file made tidy, its JSON, and one CSV of
//! all indicators. CSVs are UTF-8 with a BOM, cells guarded against formulas.

use serde::Serialize;

use super::page_path;
use crate::indicator::status::fmt_value;
use crate::indicator::{Indicator, Period};
use crate::render::OutputFile;
use crate::site::Site;

/// A CSV file for download: UTF-8 with a byte-order mark (Excel on Chinese
/// Windows reads it as UTF-8 only then), quoted by the `csv` crate, text cells
/// guarded against formulas.
struct CsvOut(csv::Writer<Vec<u8>>);

impl CsvOut {
    fn new(header: &[&str]) -> CsvOut {
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(b"\xEF\xBB\xBF".to_vec());
        let _ = w.write_record(
            header
                .iter()
                .map(|h| crate::text::escape::csv_text(h).into_owned()),
        );
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

/// Which of the rate columns are text (guarded against formulas).
const RATE_TEXT: [bool; 5] = [false, true, true, false, false];

/// The rate columns of a row: filled for a district in the compared period of
/// an indicator with a denominator, empty otherwise (none without one).
fn rate_cells(ind: &Indicator, name: &str, period: Option<&Period>) -> Vec<String> {
    let Some(r) = &ind.rates else {
        return Vec::new();
    };
    let d = r
        .of_district(name)
        .filter(|_| period.is_some() && period == ind.breakdown_period.as_ref());
    match d {
        Some(d) => vec![
            fmt_value(d.value, r.decimals + 2),
            r.unit_per(),
            format!("{}({})", r.of, r.of_unit),
            r.year.to_string(),
            d.base.to_string(),
        ],
        None => vec![String::new(); 5],
    }
}

/// One indicator's download: every value shown (headline, lines, each
/// breakdown value's history), one row each, with its marks; with a
/// denominator, the district rows of the compared period carry their rate.
fn indicator_csv(ind: &Indicator) -> CsvOut {
    let mut header = vec![
        "indicator",
        "period",
        "group",
        "value",
        "unit",
        "sample",
        "status",
    ];
    if ind.rates.is_some() {
        header.extend([
            "rate",
            "rate_unit",
            "denominator",
            "denominator_year",
            "denominator_value",
        ]);
    }
    let mut csv = CsvOut::new(&header);
    let head = ind
        .head_name
        .clone()
        .unwrap_or_else(|| ind.shows.join("、"));
    let history: Vec<_> = ind
        .history
        .iter()
        .map(|l| (&l.name, &l.points, true))
        .collect();
    let groups = std::iter::once((&head, &ind.series, false))
        .chain(ind.lines.iter().map(|l| (&l.name, &l.points, false)))
        .chain(history);
    for (name, points, district) in groups {
        for p in points {
            let extra = if district {
                rate_cells(ind, name, Some(&p.period))
            } else {
                rate_cells(ind, "", None)
            };
            let mut cells = vec![
                (true, ind.id.as_str()),
                (true, p.period.label.as_str()),
                (true, name.as_str()),
            ];
            let value = p.value.to_string();
            let sample = p.sample.to_string();
            cells.extend([
                (false, value.as_str()),
                (true, ind.unit.as_str()),
                (false, sample.as_str()),
                (true, p.mark.unwrap_or("")),
            ]);
            cells.extend(RATE_TEXT.iter().zip(&extra).map(|(&t, c)| (t, c.as_str())));
            csv.row(&cells);
        }
    }
    if ind.history.is_empty() {
        let when = ind
            .breakdown_period
            .as_ref()
            .map(|p| p.label.clone())
            .unwrap_or_default();
        for (name, v) in &ind.districts {
            let extra = rate_cells(ind, name, ind.breakdown_period.as_ref());
            let value = v.to_string();
            let sample = ind.districts_sample.to_string();
            let mut cells = vec![
                (true, ind.id.as_str()),
                (true, when.as_str()),
                (true, name.as_str()),
                (false, value.as_str()),
                (true, ind.unit.as_str()),
                (false, sample.as_str()),
                (true, ""),
            ];
            cells.extend(RATE_TEXT.iter().zip(&extra).map(|(&t, c)| (t, c.as_str())));
            csv.row(&cells);
        }
    }
    csv
}

/// The downloads: `<id>.csv` and `<id>.json` beside each indicator page, and
/// `indicators/indicators.csv` with one row per indicator.
pub(crate) fn downloads(site: &Site) -> Vec<OutputFile> {
    let mut files = Vec::new();
    let mut all = CsvOut::new(&[
        "id",
        "title",
        "domain",
        "unit",
        "latest_period",
        "latest_value",
        "target_year",
        "target_value",
        "status",
        "projected_target_year_value",
        "rank",
        "sample",
    ]);
    for ind in &site.indicators {
        let csv = indicator_csv(ind);
        let dir = page_path(&ind.id);
        files.extend(source_csv(ind, &dir));
        files.push(OutputFile {
            path: format!("{dir}{}.csv", ind.id),
            bytes: csv.bytes().into(),
        });
        files.push(json_file(ind, &dir));
        summary_row(&mut all, ind);
    }
    if !site.indicators.is_empty() {
        files.push(OutputFile {
            path: "indicators/indicators.csv".into(),
            bytes: all.bytes().into(),
        });
    }
    files
}

/// `<id>-source.csv`: every row of the data file, the wide layout made tidy.
fn source_csv(ind: &Indicator, dir: &str) -> Option<OutputFile> {
    let src = ind.source_data.as_ref()?;
    let headers: Vec<&str> = src.headers.iter().map(String::as_str).collect();
    let mut full = CsvOut::new(&headers);
    for r in &src.rows {
        // Numbers stay numbers; every other cell is guarded against formulas.
        let cells: Vec<(bool, &str)> = r
            .iter()
            .map(|c| (c.parse::<f64>().is_err(), c.as_str()))
            .collect();
        full.row(&cells);
    }
    Some(OutputFile {
        path: format!("{dir}{}-source.csv", ind.id),
        bytes: full.bytes().into(),
    })
}

/// `<id>.json`: the indicator as loaded, with its domain's name.
fn json_file(ind: &Indicator, dir: &str) -> OutputFile {
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
    OutputFile {
        path: format!("{dir}{}.json", ind.id),
        bytes: (json + "\n").into_bytes().into(),
    }
}

/// The indicator's row of `indicators/indicators.csv`.
fn summary_row(all: &mut CsvOut, ind: &Indicator) {
    let latest = ind.latest();
    let target = ind.target.as_ref();
    all.row(&[
        (true, &ind.id),
        (true, &ind.title),
        (true, ind.domain().name),
        (true, &ind.unit),
        (
            false,
            &latest.map(|p| p.period.label.clone()).unwrap_or_default(),
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
