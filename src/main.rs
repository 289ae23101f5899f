//! The `minsheng` binary: parses the command line, runs a command from the library,
//! prints its diagnostics and maps the outcome to an exit status
//! (0 success, 1 the site has errors, 2 bad usage or an operational failure).

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use minsheng::cli::{Cli, Command};
use minsheng::cmd;
use minsheng::diag::Diagnostic;
use minsheng::error::Error;

fn report(diags: &[Diagnostic]) {
    let mut err = std::io::stderr().lock();
    for d in diags {
        let _ = writeln!(err, "{d}\n");
    }
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    let result = match cli.command {
        Command::Build(args) => {
            let started = std::time::Instant::now();
            let opts = cmd::build::BuildOptions {
                root: args.root.clone(),
                output: args.output.clone().unwrap_or_else(|| "public".into()),
                base_url: args.base_url.clone(),
                drafts: args.drafts,
            };
            cmd::build::run(&opts).and_then(|built| {
                report(&built.diagnostics);
                let warnings = built.diagnostics.len() - built.error_count();
                match &built.files {
                    Some(files) => {
                        let out = cmd::build::output_dir(&opts)?;
                        eprintln!(
                            "built {} files into {} in {} ms ({warnings} warning{})",
                            files.len(),
                            out.display(),
                            started.elapsed().as_millis(),
                            if warnings == 1 { "" } else { "s" }
                        );
                        Ok(())
                    }
                    None => Err(Error::SiteHasErrors(built.error_count())),
                }
            })
        }
        Command::New { dir } => cmd::new::run(&dir).map(|files| {
            eprintln!(
                "created a new site in {} ({} files)",
                dir.display(),
                files.len()
            );
            eprintln!("next: cd {} && minsheng build", dir.display());
        }),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(Error::SiteHasErrors(n)) => {
            eprintln!("error: {}", Error::SiteHasErrors(n));
            ExitCode::from(1)
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}
