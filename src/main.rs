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

fn summary(o: &minsheng::session::Outcome) -> String {
    let warnings = o.diagnostics.len() - o.error_count();
    format!(
        "{} page{} rendered, {} file{} changed, {warnings} warning{}",
        o.rendered,
        if o.rendered == 1 { "" } else { "s" },
        o.changed.len(),
        if o.changed.len() == 1 { "" } else { "s" },
        if warnings == 1 { "" } else { "s" }
    )
}

fn serve(args: &minsheng::cli::ServeArgs) -> Result<(), Error> {
    use minsheng::serve::{run, Event, ServeOptions};
    let opts = ServeOptions {
        root: args.root.clone(),
        bind: args.bind,
        port: args.port,
        drafts: args.drafts,
        base_url: None,
    };
    let open = args.open;
    run(&opts, &mut |event| {
        match event {
        Event::Built(o) => {
            report(&o.diagnostics);
            match o.files {
                Some(_) => eprintln!("built in {} ms ({})", o.elapsed.as_millis(), summary(o)),
                None => eprintln!("the site has {} error(s): serving them in the browser until they are fixed", o.error_count()),
            }
        }
        Event::NotLoopback(ip) => eprintln!("warning: listening on {ip}: anyone who can reach this machine can read the site, drafts included"),
        Event::Listening { url, moved_from } => {
            if let Some(p) = moved_from {
                eprintln!("port {p} is in use; using the next free one");
            }
            eprintln!("serving at {url} (Ctrl+C to stop)");
            if open {
                let _ = std::process::Command::new("xdg-open").arg(&url).spawn();
            }
        }
        Event::Rebuilt(o, paths) => {
            report(&o.diagnostics.iter().filter(|d| d.is_error()).cloned().collect::<Vec<_>>());
            let what = paths.first().map(|p| p.display().to_string()).unwrap_or_default();
            match o.files {
                Some(_) => eprintln!("rebuilt in {} ms after {what}: {}", o.elapsed.as_millis(), summary(o)),
                None => eprintln!("rebuild failed after {what}: {} error(s); still serving the last good build", o.error_count()),
            }
        }
        Event::Failed(e) => eprintln!("error: {e}"),
    }
    })
}

fn check(args: &minsheng::cli::CheckArgs) -> ExitCode {
    let today = match args.today.as_deref().map(minsheng::site::Date::parse) {
        Some(None) => {
            eprintln!("error: --today takes a date, YYYY-MM-DD");
            return ExitCode::from(2);
        }
        Some(d) => d,
        None => None,
    };
    let report = match minsheng::check::run(&args.root, today) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    match args.format {
        minsheng::cli::Format::Json => println!("{}", report.to_json()),
        minsheng::cli::Format::Text => {
            report_to(&report.findings, &mut std::io::stdout().lock());
            println!(
                "check: {} error{}, {} warning{}",
                report.errors(),
                if report.errors() == 1 { "" } else { "s" },
                report.warnings(),
                if report.warnings() == 1 { "" } else { "s" }
            );
        }
    }
    if report.errors() > 0 || (args.strict && report.warnings() > 0) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn report_to(diags: &[Diagnostic], out: &mut dyn Write) {
    for d in diags {
        let _ = writeln!(out, "{d}\n");
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
                force: args.force,
            };
            cmd::build::run_to_then_exit(&opts).and_then(|(built, out)| {
                report(&built.diagnostics);
                let warnings = built.diagnostics.len() - built.error_count();
                match &built.files {
                    Some(files) => {
                        eprintln!(
                            "built {} files into {} in {} ms ({warnings} warning{})",
                            files.len(),
                            out.display(),
                            started.elapsed().as_millis(),
                            if warnings == 1 { "" } else { "s" }
                        );
                        // The process ends now: no need to free the files one by one.
                        std::mem::forget(built);
                        Ok(())
                    }
                    None => Err(Error::SiteHasErrors(built.error_count())),
                }
            })
        }
        Command::Serve(args) => serve(&args),
        Command::Check(args) => return check(&args),
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
