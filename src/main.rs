//! The `minsheng` binary: parses the command line, runs a command from the library,
//! prints its diagnostics and maps the outcome to an exit status
//! (0 success, 1 the site has errors, 2 bad usage or an operational failure).

use std::io::Write;
use std::process::ExitCode;

use minsheng::cli::Command;
use minsheng::cmd;
use minsheng::diag::Diagnostic;
use minsheng::error::Error;
use minsheng::msg::{plural, Lang};
use minsheng::t;

fn report(diags: &[Diagnostic], lang: Lang) {
    report_to(diags, &mut std::io::stderr().lock(), lang);
}

fn say(m: minsheng::msg::Text, lang: Lang) {
    eprintln!("{}", m.get(lang));
}

fn summary(o: &minsheng::session::Outcome, lang: Lang) -> String {
    let warnings = o.diagnostics.len() - o.error_count();
    let (pages, files) = (o.rendered, o.changed.len());
    let (p_en, f_en, w_en) = (
        plural(pages, "page"),
        plural(files, "file"),
        plural(warnings, "warning"),
    );
    t!(
        "生成 {pages} 个页面，{files} 个文件有变化，{warnings} 条提醒",
        "{p_en} rendered, {f_en} changed, {w_en}"
    )
    .get(lang)
    .to_owned()
}

fn serve(args: &minsheng::cli::ServeArgs, lang: Lang) -> Result<(), Error> {
    use minsheng::serve::{run, Event, ServeOptions};
    let opts = ServeOptions {
        root: args.root.clone(),
        bind: args.bind,
        port: args.port,
        drafts: args.drafts,
        base_url: None,
        lang,
    };
    let open = args.open;
    run(&opts, &mut |event| {
        match event {
        Event::Built(o) => {
            report(&o.diagnostics, lang);
            let (ms, n) = (o.elapsed.as_millis(), o.error_count());
            let sum = summary(o, lang);
            match o.files {
                Some(_) => say(t!("生成完毕，用时 {ms} 毫秒（{sum}）", "built in {ms} ms ({sum})"), lang),
                None => say(
                    t!(
                        "网站有 {n} 处错误：浏览器里会显示它们，改好后自动消失",
                        "the site has {n} error(s): serving them in the browser until they are fixed"
                    ),
                    lang,
                ),
            }
        }
        Event::NotLoopback(ip) => say(
            t!(
                "提醒：正在 {ip} 上提供网页，能连到这台电脑的人都能看到网站，包括草稿",
                "warning: listening on {ip}: anyone who can reach this machine can read the site, drafts included"
            ),
            lang,
        ),
        Event::Listening { url, moved_from } => {
            if let Some(p) = moved_from {
                say(t!("端口 {p} 已被占用，改用下一个空闲端口", "port {p} is in use; using the next free one"), lang);
            }
            say(t!("预览地址：{url}（按 Ctrl+C 停止）", "serving at {url} (Ctrl+C to stop)"), lang);
            if open {
                let _ = std::process::Command::new("xdg-open").arg(&url).spawn();
            }
        }
        Event::Rebuilt(o, paths) => {
            let errors: Vec<_> = o.diagnostics.iter().filter(|d| d.is_error()).cloned().collect();
            report(&errors, lang);
            let what = paths.first().map(|p| p.display().to_string()).unwrap_or_default();
            let (ms, n) = (o.elapsed.as_millis(), o.error_count());
            let sum = summary(o, lang);
            match o.files {
                Some(_) => say(
                    t!("{what} 改动后重新生成，用时 {ms} 毫秒：{sum}", "rebuilt in {ms} ms after {what}: {sum}"),
                    lang,
                ),
                None => say(
                    t!(
                        "{what} 改动后生成失败：{n} 处错误；浏览器里仍是上一次成功的网站",
                        "rebuild failed after {what}: {n} error(s); still serving the last good build"
                    ),
                    lang,
                ),
            }
        }
        Event::Failed(e) => {
            let e = e.show(lang);
            say(t!("错误：{e}", "error: {e}"), lang);
        }
    }
    })
}

fn check(args: &minsheng::cli::CheckArgs, lang: Lang) -> ExitCode {
    let today = match args.today.as_deref().map(minsheng::site::Date::parse) {
        Some(None) => {
            say(
                t!(
                    "错误：--today 后面要写日期，比如 2024-03-20",
                    "error: --today takes a date, YYYY-MM-DD"
                ),
                lang,
            );
            return ExitCode::from(2);
        }
        Some(d) => d,
        None => None,
    };
    let report = match minsheng::check::run(&args.root, today) {
        Ok(r) => r,
        Err(e) => {
            let e = e.show(lang);
            say(t!("错误：{e}", "error: {e}"), lang);
            return ExitCode::from(2);
        }
    };
    match args.format {
        minsheng::cli::Format::Json => println!("{}", report.to_json(lang)),
        minsheng::cli::Format::Text => {
            report_to(&report.findings, &mut std::io::stdout().lock(), lang);
            let (n, w) = (report.errors(), report.warnings());
            let (n_en, w_en) = (plural(n, "error"), plural(w, "warning"));
            println!(
                "{}",
                t!("检查完毕：{n} 处错误，{w} 条提醒", "check: {n_en}, {w_en}").get(lang)
            );
        }
    }
    if report.errors() > 0 || (args.strict && report.warnings() > 0) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn report_to(diags: &[Diagnostic], out: &mut dyn Write, lang: Lang) {
    let _ = minsheng::diag::write_report(diags, lang, out);
}

fn main() -> ExitCode {
    // `serve` switches to its own allocator when it starts.
    minsheng::alloc::for_one_run();
    let cli = match minsheng::cli::parse() {
        Ok(cli) => cli,
        Err(e) => {
            let zh = e.use_stderr()
                && minsheng::cli::language(&std::env::args_os().collect::<Vec<_>>()) == Lang::Zh;
            match minsheng::cli::usage_error_zh(&e).filter(|_| zh) {
                Some(said) => eprintln!("错误：{said}\n运行 minsheng --help 查看用法。"),
                None => {
                    let _ = e.print();
                    if zh {
                        eprintln!(
                            "\n命令写得不对（上面是英文的具体说明）。运行 minsheng --help 查看用法。"
                        );
                    }
                }
            }
            return if e.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    let root = match &cli.command {
        Command::Build(a) => a.root.clone(),
        Command::Serve(a) => a.root.clone(),
        Command::Check(a) => a.root.clone(),
        Command::New { .. } => std::path::PathBuf::from("."),
        Command::RemoveLeftover { path } => {
            minsheng::output::remove_leftover(path);
            return ExitCode::SUCCESS;
        }
    };
    let lang = Lang::choose(cli.lang, &root);
    let result = match cli.command {
        Command::Build(args) => {
            let started = std::time::Instant::now();
            let opts = cmd::build::BuildOptions {
                root: args.root.clone(),
                output: args.output.clone().unwrap_or_else(|| "public".into()),
                base_url: args.base_url.clone(),
                drafts: args.drafts,
                future: args.future,
                force: args.force,
            };
            cmd::build::run_to_then_exit(&opts).and_then(|(built, out)| {
                report(&built.diagnostics, lang);
                let warnings = built.diagnostics.len() - built.error_count();
                match &built.files {
                    Some(files) => {
                        // The site it replaced goes in a process of its own.
                        minsheng::output::remove_leftover_later(&out);
                        let (n, out, ms) = (files.len(), out.display(), started.elapsed().as_millis());
                        let (f_en, w_en) = (plural(n, "file"), plural(warnings, "warning"));
                        say(
                            t!(
                                "生成完毕：{n} 个文件写入 {out}，用时 {ms} 毫秒（{warnings} 条提醒）",
                                "built {f_en} into {out} in {ms} ms ({w_en})"
                            ),
                            lang,
                        );
                        // The process ends now: no need to free the files one by one.
                        std::mem::forget(built);
                        Ok(())
                    }
                    None => Err(Error::SiteHasErrors(built.error_count())),
                }
            })
        }
        // Done above, before anything is read.
        Command::RemoveLeftover { .. } => Ok(()),
        Command::Serve(args) => serve(&args, lang),
        Command::Check(args) => return check(&args, lang),
        Command::New { dir } => cmd::new::run(&dir).map(|files| {
            let (d, n) = (dir.display(), files.len());
            say(
                t!(
                    "新网站已建好：{d}（{n} 个文件）",
                    "created a new site in {d} ({n} files)"
                ),
                lang,
            );
            say(
                t!(
                    "下一步：cd {d}，然后运行 minsheng build",
                    "next: cd {d} && minsheng build"
                ),
                lang,
            );
        }),
    };
    let status = match &result {
        Ok(()) => return ExitCode::SUCCESS,
        Err(Error::SiteHasErrors(_)) => 1,
        Err(_) => 2,
    };
    if let Err(e) = result {
        let e = e.show(lang);
        say(t!("错误：{e}", "error: {e}"), lang);
    }
    ExitCode::from(status)
}
