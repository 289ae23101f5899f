//! Chart rendering speed: 1,000 indicators × 4 chart kinds, rendered in parallel,
//! then again with the same cache (unchanged data: nothing is redrawn).
//!
//!     cargo bench --bench charts
//!
//! Prints charts per second. Figures from one run on one machine.

use std::path::PathBuf;
use std::time::Instant;

use minsheng::chart::{ChartCache, ChartKind};
use minsheng::diag::Diagnostics;
use minsheng::indicator::{self, Checks};
use minsheng::source::SourceFile;
use rayon::prelude::*;

fn synthetic(n: usize) -> Vec<SourceFile> {
    let districts = [
        "京口区",
        "润州区",
        "丹徒区",
        "镇江新区",
        "丹阳市",
        "句容市",
        "扬中市",
    ];
    (0..n)
        .map(|i| {
            let mut y = format!(
                "title: 指标{i}\nquestion: 第{i}项指标怎么样?\ndomain: {}\nunit: 万人\ntarget: {{value: {}, year: 2025}}\nseries:\n",
                minsheng::domains::DOMAINS[i % 13].name,
                50 + i % 17
            );
            for (k, year) in (2015..=2022).enumerate() {
                y.push_str(&format!("  {year}: {}.{}\n", 20 + (i * 7 + k * 3) % 29, (i + k) % 10));
            }
            y.push_str("districts:\n");
            for (k, d) in districts.iter().enumerate() {
                y.push_str(&format!("  {d}: {}.{}\n", 3 + (i + k * 5) % 11, k));
            }
            SourceFile::new(PathBuf::from(format!("content/indicators/i{i:04}.yaml")), format!("indicators/i{i:04}.yaml"), y.into_bytes())
        })
        .collect()
}

fn main() {
    let n = 1000;
    let files = synthetic(n);
    let mut diags = Diagnostics::default();
    let districts: Vec<String> = Vec::new();
    let started = Instant::now();
    let indicators = indicator::load_all(&files, &Checks::new(&districts), &mut diags);
    assert!(!diags.has_errors(), "{:?}", diags.as_slice().first());
    println!(
        "loaded {} indicators in {:.1} ms",
        indicators.len(),
        started.elapsed().as_secs_f64() * 1e3
    );
    let kinds = [
        ChartKind::Line,
        ChartKind::Bars,
        ChartKind::Progress,
        ChartKind::Sparkline,
    ];
    let cache = ChartCache::default();
    let run = |label: &str| {
        let started = Instant::now();
        let bytes: usize = indicators
            .par_iter()
            .flat_map(|ind| kinds.par_iter().map(move |&k| (ind, k)))
            .map(|(ind, k)| cache.get(ind, k).map_or(0, |c| c.instance(&ind.id).len()))
            .sum();
        let secs = started.elapsed().as_secs_f64();
        let charts = indicators.len() * kinds.len();
        println!(
            "{label}: {charts} charts in {:.1} ms = {:.0} charts/s ({:.1} MB of SVG)",
            secs * 1e3,
            charts as f64 / secs,
            bytes as f64 / 1e6
        );
    };
    println!("threads: {}", rayon::current_num_threads());
    run("first render (empty cache)");
    run("again, unchanged data (cache)");
}
