//! How much of a data file one indicator's page shows. The breakdown values and
//! lines are bounded where they are read; the periods were not, and a 6 MB CSV
//! (299 breakdown values × 1,500 years) published a 123 MB JSON and a 5.7 MB
//! page for phones. The page, its chart data and its JSON now keep the newest
//! periods only; the data file itself is still published whole (`-source.csv`).

use std::path::Path;

use super::select::CsvData;
use super::{Line, Point};
use crate::diag::{Diagnostic, Diagnostics};
use crate::t;

/// The most periods a page shows: 200 years, or 50 years of quarters, or over
/// 16 years of months.
pub(super) const MAX_PERIODS: usize = 200;

/// The most values a page shows, all its lines and breakdown histories
/// together (about 300 bytes each in the JSON: under 3 MB).
pub(super) const MAX_POINTS: usize = 10_000;

/// Keeps the newest periods that fit [`MAX_PERIODS`] and [`MAX_POINTS`] in
/// `data`, with a warning on `path` when any are left out.
pub(super) fn newest(data: &mut CsvData, path: &Path, diags: &mut Diagnostics) {
    let lines = data.lines.iter().chain(&data.history);
    let groups = usize::from(!data.series.is_empty()) + lines.clone().count();
    let mut periods: Vec<&Point> = data
        .series
        .iter()
        .chain(lines.flat_map(|l| &l.points))
        .collect();
    periods.sort_by(|a, b| a.period.cmp_time(&b.period));
    periods.dedup_by(|a, b| a.period.cmp_time(&b.period).is_eq());
    let keep = MAX_PERIODS.min(MAX_POINTS / groups.max(1)).max(1);
    if periods.len() <= keep {
        return;
    }
    let n = periods.len();
    let (first, last) = (
        periods[0].period.label.clone(),
        periods[n - 1].period.label.clone(),
    );
    let from = periods[n - keep].period.clone();
    let new = |p: &Point| p.period.cmp_time(&from).is_ge();
    data.series.retain(new);
    for l in data.lines.iter_mut().chain(&mut data.history) {
        l.points.retain(new);
    }
    let kept = |l: &Line| !l.points.is_empty();
    data.lines.retain(kept);
    data.history.retain(kept);
    let from = from.label;
    let (why_zh, why_en) = if keep < MAX_PERIODS {
        (
            format!("：有 {groups} 组数据，一个页面最多显示 {MAX_POINTS} 个数"),
            format!(": with {groups} groups of figures, a page shows at most {MAX_POINTS} figures"),
        )
    } else {
        Default::default()
    };
    diags.push(
        Diagnostic::warning(
            path,
            t!(
                "数据文件有 {n} 个时期（{first}–{last}），页面上只显示最近的 {keep} 个（从 {from} 起）{why_zh}",
                "the data file has {n} periods ({first}–{last}); the page shows only the newest {keep} (from {from} on){why_en}"
            ),
        )
        .hint(t!(
            "完整的数据文件仍然可以在页面上下载。只想显示一部分的话，在数据文件里删掉早年的行；分组很多时，用 csv: {{select: …}} 只选一组",
            "the whole data file can still be downloaded from the page; to show less, delete the early rows, or with many groups choose one with csv: {{select: …}}"
        )),
    );
}
