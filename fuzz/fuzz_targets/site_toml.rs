//! `site.toml` text through the configuration parser.
#![no_main]

use libfuzzer_sys::fuzz_target;
use minsheng::diag::Diagnostics;

fuzz_target!(|text: &str| {
    let mut diags = Diagnostics::default();
    let _ = minsheng::config::parse(text, None, &mut diags);
});
