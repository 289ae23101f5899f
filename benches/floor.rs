//! The I/O floor of a build: what `minsheng build` would cost if rendering were
//! free. Reads every source file of a site (in parallel, bytes only), then writes
//! a given output tree with the very steps of a build (`output::clear_leftovers`,
//! staging folder, unchanged files linked from the previous output, marker,
//! atomic swap; the previous site removed after the clock stops, as a build has
//! it removed by a process of its own after the swap). The tree is
//! read into memory before the clock starts: a build makes it in memory too.
//! Prints the seconds of the timed part.
//!
//!     cargo bench --bench floor -- SITE REFERENCE_OUTPUT OUTPUT
//!
//! REFERENCE_OUTPUT is a folder `minsheng build` wrote for SITE; OUTPUT is where
//! the floor writes (build into it again and again, as `build_vs_hugo.py` does).

use std::path::{Path, PathBuf};
use std::time::Instant;

use minsheng::output::{clear_leftovers, leftover, write_site, MARKER};
use minsheng::render::OutputFile;
use rayon::prelude::*;

fn files_under(dir: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(walkdir::DirEntry::into_path)
        .collect()
}

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let [site, reference, output] = &args[..] else {
        println!("usage: cargo bench --bench floor -- SITE REFERENCE_OUTPUT OUTPUT");
        return;
    };
    let (site, reference, output) = (Path::new(site), Path::new(reference), Path::new(output));
    let tree: Vec<OutputFile> = files_under(reference)
        .into_par_iter()
        .filter(|p| !p.ends_with(MARKER))
        .map(|p| {
            let rel = p.strip_prefix(reference).unwrap();
            let rel: Vec<String> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            OutputFile::new(rel.join("/"), std::fs::read(&p).expect("reference file"))
        })
        .collect();

    let started = Instant::now();
    let clearing = clear_leftovers(output);
    let mut sources = vec![site.join("site.toml")];
    for top in ["content", "themes", "templates", "static"] {
        sources.extend(files_under(&site.join(top)));
    }
    let read: usize = sources
        .par_iter()
        .map(|p| std::fs::read(p).map_or(0, |b| b.len()))
        .sum();
    let _ = clearing.join();
    write_site(output, &tree, false).expect("write");
    let took = started.elapsed().as_secs_f64();
    // As `minsheng build`, the previous site is removed after the swap, by
    // another process there and not timed (here: after the time is taken).
    let _ = std::fs::remove_dir_all(leftover(output));
    println!(
        "floor {took:.3} s: read {} sources ({} KiB), wrote {} files",
        sources.len(),
        read / 1024,
        tree.len()
    );
}
