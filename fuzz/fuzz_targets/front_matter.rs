//! A content file's bytes through splitting and front matter parsing.
#![no_main]

use libfuzzer_sys::fuzz_target;
use minsheng::diag::Diagnostics;
use minsheng::parse::front_matter::{parse, split};

fuzz_target!(|bytes: &[u8]| {
    let path = std::path::Path::new("content/reports/a.md");
    if let Ok(doc) = split(path, bytes) {
        let mut diags = Diagnostics::default();
        let _ = parse(path, &doc, false, &mut diags);
        let _ = parse(path, &doc, true, &mut diags);
    }
});
