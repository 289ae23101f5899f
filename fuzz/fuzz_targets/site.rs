//! A whole site: the input is split at NUL bytes into site.toml, a page, an
//! indicator YAML, its CSV and the glossary, written to a temporary folder and
//! built in memory. Never a panic; slow inputs show up as libFuzzer timeouts.
#![no_main]

use libfuzzer_sys::fuzz_target;

const FILES: [&str; 5] = [
    "site.toml",
    "content/reports/a.md",
    "content/indicators/x.yaml",
    "content/indicators/x.csv",
    "content/glossary.yaml",
];

fuzz_target!(|bytes: &[u8]| {
    let Ok(dir) = tempfile::tempdir() else { return };
    for (part, name) in bytes.split(|&b| b == 0).zip(FILES) {
        let path = dir.path().join(name);
        let _ = std::fs::create_dir_all(path.parent().unwrap());
        let _ = std::fs::write(&path, part);
    }
    let _ = minsheng::cmd::build::build_in_memory(dir.path(), None, false);
});
